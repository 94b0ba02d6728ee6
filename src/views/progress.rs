//! Progress derived from the updates: each subject's current status, its
//! timeline, its due date and whether it is overdue at the build date, and
//! roll-ups (counts by status) with their rule and an inline SVG chart.

use crate::model::*;
use std::collections::BTreeMap;

/// The end of the plan period: the due date of a task whose text states none.
pub const PLAN_END: &str = "2025-12-31";

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
pub struct Progress<'a> {
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
    let day = crate::validate::days_in_month(year, month).unwrap_or(31);
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
) -> Progress<'a> {
    let latest = timeline.last();
    let status = latest.map_or(Status::NotAssessed, |u| u.status);
    let percent = latest.and_then(|u| u.percent);
    let overdue = build_date.is_some_and(|b| b > due.0.as_str())
        && !matches!(status, Status::Completed | Status::Ongoing);
    Progress {
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
    pub fn add(&mut self, p: &Progress) {
        *self.counts.entry(p.status).or_default() += 1;
        self.overdue += usize::from(p.overdue);
        self.total += 1;
    }
}

/// Colours of the statuses in charts (with a text equivalent beside them).
pub fn colour(s: Status) -> &'static str {
    match s {
        Status::NotAssessed => "#8c959f",
        Status::NotStarted => "#cf222e",
        Status::InProgress => "#0969da",
        Status::Delayed => "#bc4c00",
        Status::Completed => "#1a7f37",
        Status::Ongoing => "#6639ba",
    }
}

/// A horizontal stacked bar of the roll-up, as inline SVG readable without
/// JS; `label` gives each segment's text (for `<title>` and the aria label).
pub fn rollup_svg(r: &Rollup, label: impl Fn(Status) -> String, caption: &str) -> String {
    let width = 600.0;
    let mut x = 0.0;
    let mut rects = String::new();
    let mut parts = Vec::new();
    for s in Status::ALL {
        let n = r.counts.get(&s).copied().unwrap_or(0);
        if n == 0 || r.total == 0 {
            continue;
        }
        let w = width * n as f64 / r.total as f64;
        let text = format!("{}: {n}", label(s));
        rects.push_str(&format!(
            "<rect x=\"{x:.1}\" y=\"0\" width=\"{w:.1}\" height=\"24\" fill=\"{}\"><title>{}</title></rect>",
            colour(s),
            super::html::esc(&text)
        ));
        parts.push(text);
        x += w;
    }
    format!(
        "<svg class=\"rollup\" viewBox=\"0 0 600 24\" width=\"100%\" height=\"24\" role=\"img\" aria-label=\"{}\" preserveAspectRatio=\"none\">{rects}</svg>",
        super::html::esc(&format!("{caption}: {}", parts.join("; ")))
    )
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

/// Yearly values as bars, with the 2025 target as a line where it is a
/// number; None when nothing is reported (the page says so in words).
pub fn values_svg(values: &[&IndicatorValue], target: Option<f64>, label: &str) -> Option<String> {
    let nums: Vec<(u32, f64)> = values
        .iter()
        .filter_map(|v| v.value.parse().ok().map(|n| (v.year, n)))
        .collect();
    if nums.is_empty() {
        return None;
    }
    let max = nums
        .iter()
        .map(|(_, n)| *n)
        .chain(target)
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let (w, h, bar) = (400.0, 160.0, 40.0);
    let gap = (w - bar * nums.len() as f64) / (nums.len() as f64 + 1.0);
    let mut body = String::new();
    let mut text = Vec::new();
    for (k, (year, n)) in nums.iter().enumerate() {
        let bh = (h - 30.0) * n / max;
        let x = gap + k as f64 * (bar + gap);
        body.push_str(&format!(
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{bar}\" height=\"{bh:.1}\" fill=\"#0969da\"/><text x=\"{:.1}\" y=\"{h}\" font-size=\"12\" text-anchor=\"middle\">{year}</text><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"middle\">{n}</text>",
            h - 20.0 - bh,
            x + bar / 2.0,
            x + bar / 2.0,
            h - 24.0 - bh
        ));
        text.push(format!("{year}: {n}"));
    }
    if let Some(t) = target {
        let y = h - 20.0 - (h - 30.0) * t / max;
        body.push_str(&format!("<line x1=\"0\" x2=\"{w}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#1a7f37\" stroke-dasharray=\"6 4\"/>"));
        text.push(format!("2025: {t}"));
    }
    Some(format!(
        "<svg class=\"values\" viewBox=\"0 0 {w} {h}\" width=\"100%\" role=\"img\" aria-label=\"{}\">{body}</svg>",
        super::html::esc(&format!("{label}: {}", text.join("; ")))
    ))
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
