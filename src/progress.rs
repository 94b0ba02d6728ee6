//! Stage 3 (after validate, before views): progress derived from the
//! updates, computed once per build. Each subject's current status, its
//! timeline, its due date and whether it is overdue at the build date;
//! roll-ups (counts by status); and each disclosure schedule's calendar of
//! periods, on time, late or missing. The views and the open data both read
//! the one `Progress` value.

use crate::model::*;
use std::collections::BTreeMap;

/// The progress of the whole site at the build date.
pub struct Progress<'a> {
    /// Every task, indicator, project and key task, in subject order.
    pub subjects: BTreeMap<Subject, SubjectProgress<'a>>,
    /// Each disclosure schedule's calendar, in the order of `Site::schedules`.
    pub calendars: Vec<Vec<Slot<'a>>>,
}

impl<'a> Progress<'a> {
    /// Every subject's progress and every schedule's calendar, at the
    /// site's build date (without one, nothing is overdue or missing).
    pub fn of(site: &'a Site) -> Progress<'a> {
        let mut timelines = timelines(&site.updates);
        let date = site.config.build_date.as_deref();
        let mut subjects = BTreeMap::new();
        let mut take = |s: Subject, due: (String, DueSource)| {
            let p = progress(timelines.remove(&s).unwrap_or_default(), due, date);
            subjects.insert(s, p);
        };
        for t in &site.tasks {
            take(Subject::Task(t.number), task_due(&t.text.zh));
        }
        for i in &site.indicators {
            take(
                Subject::Indicator(i.number),
                (PLAN_END.to_string(), DueSource::Default),
            );
        }
        for p in &site.projects {
            take(
                Subject::Project(p.number),
                (format!("{:04}-12-31", p.end_year), DueSource::Stated),
            );
        }
        for l in &site.key_task_lists {
            for k in &l.items {
                take(
                    Subject::KeyTask(l.year, k.number),
                    key_task_due(l.year, &k.text.zh),
                );
            }
        }
        let calendars = site
            .schedules
            .iter()
            .map(|sc| calendar(sc, &site.publications, date))
            .collect();
        Progress {
            subjects,
            calendars,
        }
    }

    /// One subject's progress (every subject of the site has one).
    pub fn get(&self, s: &Subject) -> Option<&SubjectProgress<'a>> {
        self.subjects.get(s)
    }
}

/// The end of the plan period: the due date of a task whose text states none.
pub const PLAN_END: &str = "2025-12-31";

/// The start of the plan period (the 14th Five-Year period, 2021–2025, as
/// the document names the plan: 规划(2021—2025年)): the first yearly report.
pub const PLAN_START: &str = "2021-01-01";

/// Where a due date came from (shown with it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueSource {
    /// A deadline written in the text ("到2025年", "9月底前").
    Stated,
    /// The end of the plan period (tasks) or of the list's year (key tasks).
    Default,
}

/// One subject's progress.
#[derive(Debug, Clone)]
pub struct SubjectProgress<'a> {
    pub status: Status,
    pub percent: Option<u8>,
    /// Updates naming the subject, oldest first.
    pub timeline: Vec<&'a Update>,
    pub due: String,
    pub due_source: DueSource,
    /// Past due at the build date and not completed (standing duties never are).
    pub overdue: bool,
}

fn month_end(year: u32, month: u32) -> String {
    let day = crate::dates::days_in_month(year, month).unwrap_or(31);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The digits that end just before byte `i` of `s`, as a number.
fn number_before(s: &str, i: usize) -> Option<u32> {
    let head = &s[..i];
    let digits = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    (digits > 0)
        .then(|| head[head.len() - digits..].parse().ok())
        .flatten()
}

/// Deadlines written in a text: "YYYY年M月底", "M月底前" (in `year`), and
/// "到YYYY年" / "YYYY年前" / "YYYY年底前".
fn stated_deadlines(text: &str, year: Option<u32>) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("月底") {
        let Some(month) = number_before(text, i).filter(|m| (1..=12).contains(m)) else {
            continue;
        };
        let before_month = i - month.to_string().len();
        let y = text[..before_month]
            .strip_suffix('年')
            .and_then(|h| number_before(h, h.len()))
            .filter(|y| *y >= 2000)
            .or(year);
        if let Some(y) = y {
            out.push(month_end(y, month));
        }
    }
    for (i, _) in text.match_indices('年') {
        let Some(y) = number_before(text, i).filter(|y| (2000..=2100).contains(y)) else {
            continue;
        };
        let start = i - 4;
        let after = &text[i + '年'.len_utf8()..];
        let month_follows = after
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .starts_with('月')
            && after.starts_with(|c: char| c.is_ascii_digit());
        if month_follows {
            continue; // "2022年9月底" is read by the month rule above
        }
        let by =
            text[..start].ends_with('到') || after.starts_with('前') || after.starts_with("底前");
        if by {
            out.push(format!("{y:04}-12-31"));
        }
    }
    out
}

/// A task's due date: the latest deadline its text states within the plan
/// period, else the end of the plan period.
pub fn task_due(text: &str) -> (String, DueSource) {
    stated_deadlines(text, None)
        .into_iter()
        .filter(|d| d.as_str() <= PLAN_END)
        .max()
        .map_or((PLAN_END.to_string(), DueSource::Default), |d| {
            (d, DueSource::Stated)
        })
}

/// A yearly key task's due date: the latest deadline its text states within
/// the year, else the end of the year.
pub fn key_task_due(year: u32, text: &str) -> (String, DueSource) {
    let end = format!("{year:04}-12-31");
    stated_deadlines(text, Some(year))
        .into_iter()
        .filter(|d| d.as_str() <= end.as_str())
        .max()
        .map_or((end.clone(), DueSource::Default), |d| {
            (d, DueSource::Stated)
        })
}

/// Updates by subject, oldest first (the site's updates are sorted).
pub fn timelines(updates: &[Update]) -> BTreeMap<Subject, Vec<&Update>> {
    let mut m: BTreeMap<Subject, Vec<&Update>> = BTreeMap::new();
    for u in updates {
        for s in &u.subjects {
            m.entry(*s).or_default().push(u);
        }
    }
    m
}

/// A subject's progress at `build_date` (None: no date, so nothing is overdue).
pub fn progress<'a>(
    timeline: Vec<&'a Update>,
    due: (String, DueSource),
    build_date: Option<&str>,
) -> SubjectProgress<'a> {
    let latest = timeline.last();
    let status = latest.map_or(Status::NotAssessed, |u| u.status);
    let percent = latest.and_then(|u| u.percent);
    let overdue = build_date.is_some_and(|b| b > due.0.as_str())
        && !matches!(status, Status::Completed | Status::Ongoing);
    SubjectProgress {
        status,
        percent,
        timeline,
        due: due.0,
        due_source: due.1,
        overdue,
    }
}

/// Counts by status (and overdue) of a set of subjects.
#[derive(Debug, Clone, Default)]
pub struct Rollup {
    pub counts: BTreeMap<Status, usize>,
    pub overdue: usize,
    pub total: usize,
}

impl Rollup {
    pub fn add(&mut self, p: &SubjectProgress) {
        *self.counts.entry(p.status).or_default() += 1;
        self.overdue += usize::from(p.overdue);
        self.total += 1;
    }
}

/// The state of one required publication period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotState {
    OnTime,
    Late,
    /// Past its due date with nothing published: never shown as compliant.
    Missing,
    NotYetDue,
}

impl SlotState {
    pub fn key(self) -> &'static str {
        match self {
            SlotState::OnTime => "on-time",
            SlotState::Late => "late",
            SlotState::Missing => "missing",
            SlotState::NotYetDue => "not-yet-due",
        }
    }
}

pub struct Slot<'a> {
    pub period: Period,
    pub due: String,
    pub state: SlotState,
    pub publication: Option<&'a Publication>,
}

/// Every period of `schedule` from its start through the last period that
/// has ended by `build_date` (without a date: through the last publication).
pub fn calendar<'a>(
    schedule: &Schedule,
    publications: &'a [Publication],
    build_date: Option<&str>,
) -> Vec<Slot<'a>> {
    let mine: Vec<&Publication> = publications
        .iter()
        .filter(|p| p.schedule == schedule.id)
        .collect();
    let last_published = mine.iter().map(|p| p.period).max();
    let mut out = Vec::new();
    let mut period = schedule.from;
    loop {
        let ended = match build_date {
            Some(b) => period.end().as_str() < b,
            None => last_published.is_some_and(|l| period <= l),
        };
        if !ended || out.len() > 1200 {
            break;
        }
        let due = crate::dates::add_days(&period.end(), schedule.due_days.into())
            .unwrap_or_else(|| period.end());
        let publication = mine.iter().copied().find(|p| p.period == period);
        let state = match publication {
            Some(p) if p.published <= due => SlotState::OnTime,
            Some(_) => SlotState::Late,
            None if build_date.is_some_and(|b| b > due.as_str()) => SlotState::Missing,
            None => SlotState::NotYetDue,
        };
        out.push(Slot {
            period,
            due,
            state,
            publication,
        });
        period = period.next();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_dates_from_the_text() {
        assert_eq!(
            task_due("到2025年,确保全区城镇污水处理率不低于95%"),
            ("2025-12-31".into(), DueSource::Stated)
        );
        assert_eq!(
            task_due("力争2023年前完成"),
            ("2023-12-31".into(), DueSource::Stated)
        );
        assert_eq!(
            task_due("加强水生态调查与评估"),
            (PLAN_END.into(), DueSource::Default)
        );
        // A horizon beyond the plan period is not the plan's deadline.
        assert_eq!(
            task_due("2025—2035年,全面推进"),
            (PLAN_END.into(), DueSource::Default)
        );
        assert_eq!(
            key_task_due(2022, "到2022年9月底,消除雨污混排口"),
            ("2022-09-30".into(), DueSource::Stated)
        );
        assert_eq!(
            key_task_due(
                2022,
                "7月底前更新名录,9月底前报送汇总表,12月底前报送进展情况表。"
            ),
            ("2022-12-31".into(), DueSource::Stated)
        );
        assert_eq!(
            key_task_due(2022, "完成2021年度区县温室气体清单编制。"),
            ("2022-12-31".into(), DueSource::Default)
        );
    }

    fn update(date: &str, status: Status) -> Update {
        Update {
            id: date.into(),
            subjects: vec![Subject::Task(1)],
            date: date.into(),
            status,
            percent: None,
            reporter: "water".into(),
            evidence: vec![],
            body_zh: String::new(),
            body_en: None,
        }
    }

    #[test]
    fn calendar_marks_missing_late_and_on_time() {
        let schedule = Schedule {
            id: "m".into(),
            what: Text::default(),
            from: Period::parse("2022-10").unwrap(),
            due_days: 15,
            basis: Text::default(),
        };
        let publication = |period: &str, published: &str| Publication {
            schedule: "m".into(),
            period: Period::parse(period).unwrap(),
            published: published.into(),
            title: Text::default(),
            url: None,
            results: vec![],
        };
        let pubs = vec![
            publication("2022-10", "2022-11-10"),
            publication("2022-11", "2022-12-20"),
        ];
        let slots = calendar(&schedule, &pubs, Some("2023-01-10"));
        let states: Vec<(String, SlotState)> =
            slots.iter().map(|s| (s.period.label(), s.state)).collect();
        assert_eq!(
            states,
            [
                ("2022-10".to_string(), SlotState::OnTime),
                ("2022-11".to_string(), SlotState::Late),
                ("2022-12".to_string(), SlotState::NotYetDue)
            ]
        );
        let later = calendar(&schedule, &pubs, Some("2023-01-16"));
        assert_eq!(
            later[2].state,
            SlotState::Missing,
            "an empty period is missing, never compliant"
        );
    }

    #[test]
    fn status_and_overdue() {
        let due = || ("2022-09-30".to_string(), DueSource::Stated);
        let (a, b) = (
            update("2022-06-30", Status::InProgress),
            update("2022-10-15", Status::Completed),
        );
        let p = progress(vec![], due(), Some("2022-12-31"));
        assert_eq!((p.status, p.overdue), (Status::NotAssessed, true));
        let p = progress(vec![&a], due(), Some("2022-09-30"));
        assert_eq!((p.status, p.overdue), (Status::InProgress, false));
        let p = progress(vec![&a], due(), Some("2022-10-01"));
        assert!(p.overdue);
        let p = progress(vec![&a, &b], due(), Some("2022-12-31"));
        assert_eq!((p.status, p.overdue), (Status::Completed, false));
        let p = progress(vec![], due(), None);
        assert!(!p.overdue, "no build date, no overdue");
    }
}
