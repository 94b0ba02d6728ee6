//! Stage 3 (after validate, before views): progress derived from the
//! updates, computed once per build. Each subject's current status, its
//! timeline, its due date and whether it is overdue at the build date;
//! roll-ups (counts by status); each disclosure schedule's calendar of
//! periods, on time, late or missing; and the same statuses, overdue and
//! roll-ups as of each yearly report's date (the year's end, or the data
//! date for the year in progress), so a report reads what the live pages
//! read, as of its date. The views and the open data both read the one
//! `Progress` value.

use crate::model::*;
use std::collections::BTreeMap;

/// The progress of the whole site at the build date, and as of each
/// yearly report's date.
pub struct Progress<'a> {
    /// Every task, indicator, project and key task, in subject order.
    pub subjects: BTreeMap<Subject, SubjectProgress<'a>>,
    /// Each disclosure schedule's calendar, in the order of `Site::schedules`.
    pub calendars: Vec<Vec<Slot<'a>>>,
    /// The data date (without one, nothing is overdue or missing).
    pub date: Option<&'a str>,
    /// Each yearly report's progress, from the plan's start to the data
    /// date's year (see `report_years`), oldest first.
    pub years: Vec<YearProgress<'a>>,
}

impl<'a> Progress<'a> {
    /// Every subject's progress and every schedule's calendar, at the
    /// site's build date (without one, nothing is overdue or missing), and
    /// each report year's progress.
    pub fn of(site: &'a Site) -> Progress<'a> {
        let mut dues = Vec::new();
        for t in &site.plan.tasks {
            dues.push((Subject::Task(t.number), task_due(&t.text.zh)));
        }
        for i in &site.plan.indicators {
            let due = (PLAN_END.to_string(), DueSource::Default);
            dues.push((Subject::Indicator(i.number), due));
        }
        for p in &site.plan.projects {
            let due = (format!("{:04}-12-31", p.end_year), DueSource::Stated);
            dues.push((Subject::Project(p.number), due));
        }
        for l in &site.plan.key_task_lists {
            for k in &l.items {
                let due = key_task_due(l.year, &k.text.zh);
                dues.push((Subject::KeyTask(l.year, k.number), due));
            }
        }
        let date = site.config.build_date.as_deref();
        let mut all = Progress::at(date, &site.updates, dues);
        all.calendars = site
            .schedules
            .iter()
            .map(|sc| calendar(sc, &site.publications, date))
            .collect();
        all.years = report_years(site)
            .into_iter()
            .map(|year| all.year(year))
            .collect();
        all
    }

    /// The progress at `date` of the subjects with these due dates, as the
    /// updates (sorted, as the site's are) report it; no calendars and no
    /// yearly reports.
    pub fn at(
        date: Option<&'a str>,
        updates: &'a [Update],
        dues: impl IntoIterator<Item = (Subject, (String, DueSource))>,
    ) -> Progress<'a> {
        let mut timelines = timelines(updates);
        let subjects = dues
            .into_iter()
            .map(|(s, due)| {
                let timeline = timelines.remove(&s).unwrap_or_default();
                (s, progress(timeline, due, date))
            })
            .collect();
        Progress {
            subjects,
            calendars: Vec::new(),
            date,
            years: Vec::new(),
        }
    }

    /// One subject's progress (every subject of the site has one).
    pub fn get(&self, s: &Subject) -> Option<&SubjectProgress<'a>> {
        self.subjects.get(s)
    }

    /// Counts by status of `subjects` at the data date.
    pub fn rollup(&self, subjects: impl IntoIterator<Item = Subject>) -> Rollup {
        Rollup::of(subjects.into_iter().filter_map(|s| self.get(&s)))
    }

    /// Every subject's progress as of `date` (up to the data date): the
    /// status of the latest update dated by then, overdue at `date` by the
    /// same rule as at the data date (and, as there, nothing is overdue
    /// without a data date).
    pub fn as_of(&self, date: &str) -> AsOf<'a> {
        let overdue_at = self.date.map(|_| date);
        AsOf {
            date: date.to_string(),
            subjects: self
                .subjects
                .iter()
                .map(|(s, p)| (*s, p.as_of(date, overdue_at)))
                .collect(),
        }
    }

    /// A yearly report's progress: as of the year's end, or of the data
    /// date for the year in progress, with what became overdue during the
    /// year by then.
    pub fn year(&self, year: u32) -> YearProgress<'a> {
        let end = format!("{year:04}-12-31");
        let date = match self.date {
            Some(d) if d < end.as_str() => d.to_string(),
            _ => end,
        };
        let start = format!("{year:04}-01-01");
        let became_overdue = self
            .subjects
            .iter()
            .filter(|(_, p)| p.became_overdue_in(&start, &date))
            .map(|(s, _)| *s)
            .collect();
        YearProgress {
            year,
            as_of: self.as_of(&date),
            became_overdue,
        }
    }
}

/// Every subject's progress as of a date before the data date.
pub struct AsOf<'a> {
    pub date: String,
    pub subjects: BTreeMap<Subject, SubjectProgress<'a>>,
}

impl<'a> AsOf<'a> {
    pub fn get(&self, s: &Subject) -> Option<&SubjectProgress<'a>> {
        self.subjects.get(s)
    }

    /// Counts by status of `subjects` as of the date.
    pub fn rollup(&self, subjects: impl IntoIterator<Item = Subject>) -> Rollup {
        Rollup::of(subjects.into_iter().filter_map(|s| self.get(&s)))
    }
}

/// The progress a yearly report shows.
pub struct YearProgress<'a> {
    pub year: u32,
    /// As of the year's end, or the data date for the year in progress.
    pub as_of: AsOf<'a>,
    /// What became overdue during the year, in subject order: overdue from
    /// the day after its due date, that day in the year and by the report's
    /// date, as its status at its due date made it.
    pub became_overdue: Vec<Subject>,
}

impl YearProgress<'_> {
    /// The year is still running at the report's date (the data date).
    pub fn partial(&self) -> bool {
        self.as_of.date < format!("{:04}-12-31", self.year)
    }
}

/// The years reported on: from the plan's start to the data date's year
/// (without a data date, to the latest year anything was reported).
pub fn report_years(site: &Site) -> Vec<u32> {
    let year = |d: &str| d.get(..4).and_then(|y| y.parse::<u32>().ok());
    let first = year(PLAN_START).unwrap_or(2021);
    let last = match site.config.build_date.as_deref() {
        Some(d) => year(d),
        None => site
            .updates
            .iter()
            .filter_map(|u| year(&u.date))
            .chain(site.indicator_values.iter().map(|v| v.year))
            .chain(site.publications.iter().filter_map(|p| year(&p.published)))
            .max(),
    };
    (first..=last.unwrap_or(first).max(first)).collect()
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

impl<'a> SubjectProgress<'a> {
    /// This progress as the updates dated by `date` report it, overdue at
    /// `overdue_at` (None: not overdue).
    fn as_of(&self, date: &str, overdue_at: Option<&str>) -> SubjectProgress<'a> {
        let timeline = self
            .timeline
            .iter()
            .copied()
            .filter(|u| u.date.as_str() <= date)
            .collect();
        progress(timeline, (self.due.clone(), self.due_source), overdue_at)
    }

    /// It became overdue on a day from `from` to `to` (the day after its
    /// due date), by its status at its due date.
    fn became_overdue_in(&self, from: &str, to: &str) -> bool {
        let Some(since) = crate::dates::add_days(&self.due, 1) else {
            return false;
        };
        (from..=to).contains(&since.as_str()) && self.as_of(&self.due, Some(&since)).overdue
    }
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
    /// The counts of these subjects' progress.
    pub fn of<'p, 'u: 'p>(progress: impl IntoIterator<Item = &'p SubjectProgress<'u>>) -> Rollup {
        let mut r = Rollup::default();
        for p in progress {
            *r.counts.entry(p.status).or_default() += 1;
            r.overdue += usize::from(p.overdue);
            r.total += 1;
        }
        r
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
    /// Every state, in the order the pages list them.
    pub const ALL: [SlotState; 4] = [
        SlotState::OnTime,
        SlotState::Late,
        SlotState::Missing,
        SlotState::NotYetDue,
    ];

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
mod tests;
