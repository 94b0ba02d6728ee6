//! Progress as pages show it: a status badge in a table cell, the progress
//! section of an item's page (status, due date, timeline) and roll-ups
//! (counts by status with their chart).

use super::family::Input;
use super::html::Html;
use super::updates::{self, UpdateEntry};
use super::{charts, Ctx};
use crate::model::*;
use crate::progress::{DueSource, Rollup, PLAN_END};
use serde::Serialize;

/// What a status badge reads.
pub const BADGE: &[Input] = &[Input::Updates, Input::Template("status.html")];

/// What a roll-up reads.
pub const ROLLUP: &[Input] = &[Input::Updates, Input::Template("rollup.html")];

/// What an item's progress section reads (its timeline is update entries).
pub const PROGRESS: &[Input] = &[Input::Updates, Input::Template("progress.html")];

/// A status, with its percentage and whether it is overdue.
#[derive(Serialize)]
pub struct StatusBadge<'a> {
    /// The status key (`in-progress` …): its CSS class.
    pub key: &'static str,
    pub label: &'a str,
    pub overdue: bool,
    pub percent: Option<u8>,
}

/// The progress section of an item's page.
#[derive(Serialize)]
pub struct ProgressView<'a> {
    pub status: StatusBadge<'a>,
    pub due: &'a str,
    /// The due date is written in the text (else it is the period's end).
    pub due_stated: bool,
    /// Newest first.
    pub timeline: Vec<UpdateEntry<'a>>,
    /// A task past the end of the plan period with no report of
    /// completion (the page says so beside "overdue").
    pub plan_ended: bool,
}

/// Counts by status of a set of items, with the chart.
#[derive(Serialize)]
pub struct RollupView<'a> {
    pub total: usize,
    pub overdue: usize,
    pub rows: Vec<StateCount<'a>>,
    pub chart: Html,
    /// Once the plan period has ended, of the tasks counted: "the plan
    /// period ended on …; N tasks have no report of completion".
    pub plan_ended: Option<String>,
    /// The prefix of its chart's pattern ids (the table's swatches use them).
    pub id: String,
}

/// How many items are in one state (a status, an indicator's state against
/// its target, a disclosure period's state), for the table beside a chart.
#[derive(Serialize)]
pub struct StateCount<'a> {
    /// The state's key (`in-progress`, `on-time` …): its CSS class.
    pub key: &'static str,
    pub label: &'a str,
    pub count: usize,
}

impl<'a> Ctx<'a> {
    /// The status of a subject, for a table cell.
    pub(super) fn status_badge(&self, s: Subject) -> Option<StatusBadge<'a>> {
        self.progress.get(&s).map(|p| StatusBadge {
            key: p.status.key(),
            label: self.status_label(p.status),
            overdue: p.overdue,
            percent: p.percent,
        })
    }

    /// A subject's progress for its page: status, due date, the timeline.
    pub(super) fn progress_view(&self, s: Subject) -> Option<ProgressView<'a>> {
        let p = self.progress.get(&s)?;
        Some(ProgressView {
            status: self.status_badge(s)?,
            due: &p.due,
            due_stated: p.due_source == DueSource::Stated,
            timeline: p
                .timeline
                .iter()
                .rev()
                .map(|u| updates::entry(self, u))
                .collect(),
            plan_ended: matches!(s, Subject::Task(_)) && p.overdue && self.plan_ended(0).is_some(),
        })
    }

    /// Past the end of the plan period (the data date after it), the
    /// sentence that says so, for `open` tasks without a report of
    /// completion; None before, or without a data date.
    pub(super) fn plan_ended(&self, open: usize) -> Option<String> {
        self.plan_ended_at(self.site.config.build_date.as_deref()?, open)
    }

    /// As `plan_ended`, as of `date` (a yearly report's date).
    pub(super) fn plan_ended_at(&self, date: &str, open: usize) -> Option<String> {
        if date <= PLAN_END {
            return None;
        }
        let end = match self.lang {
            Lang::Zh => {
                let num =
                    |r: std::ops::Range<usize>| PLAN_END[r].trim_start_matches('0').to_string();
                format!("{}年{}月{}日", &PLAN_END[..4], num(5..7), num(8..10))
            }
            Lang::En => PLAN_END.to_string(),
        };
        let key = if open == 1 {
            "plan_ended_one"
        } else {
            "plan_ended"
        };
        Some(
            self.t(key)
                .replace("{end}", &end)
                .replace("{n}", &open.to_string()),
        )
    }

    /// Counts by status of `subjects`, with the chart and the rule.
    pub(super) fn rollup(&self, subjects: impl IntoIterator<Item = Subject>) -> RollupView<'a> {
        let subjects: Vec<Subject> = subjects.into_iter().collect();
        // The subjects name the chart's ids: two charts of one page count
        // different subjects, and the same subjects give the same ids in
        // every build.
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        for s in &subjects {
            std::hash::Hash::hash(s, &mut hasher);
        }
        let id = format!("r{:08x}", std::hash::Hasher::finish(&hasher) as u32);
        // Past the period's end every task is past due, so the overdue ones
        // are those without a report of completion.
        let tasks = self.progress.rollup(
            subjects
                .iter()
                .copied()
                .filter(|s| matches!(s, Subject::Task(_))),
        );
        let mut view = self.rollup_view(&self.progress.rollup(subjects), id);
        view.plan_ended = (tasks.total > 0)
            .then(|| self.plan_ended(tasks.overdue))
            .flatten();
        view
    }

    /// The counts of every status, in their fixed order.
    pub(super) fn status_counts(&self, r: &Rollup) -> Vec<StateCount<'a>> {
        Status::ALL
            .iter()
            .map(|s| StateCount {
                key: s.key(),
                label: self.status_label(*s),
                count: r.counts.get(s).copied().unwrap_or(0),
            })
            .collect()
    }

    /// The view of counts already made (a yearly report counts as of its
    /// year's end); `id` prefixes its chart's pattern ids, unique in the page.
    pub(super) fn rollup_view(&self, r: &Rollup, id: String) -> RollupView<'a> {
        let rows = self.status_counts(r);
        let chart = charts::rollup_svg(
            r,
            |s| self.status_label(s).to_string(),
            self.t("rollup_caption"),
            &id,
        );
        RollupView {
            total: r.total,
            overdue: r.overdue,
            rows,
            chart,
            plan_ended: None,
            id,
        }
    }
}
