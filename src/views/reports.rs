//! Yearly reports: `/reports/` and one page per year from the plan's start
//! to the data date (`/reports/YEAR/`), for a reader who will not open
//! every item. Each counts the plan's tasks by status per chapter and per
//! lead agency, shows each indicator's value reported for the year against
//! its 2025 target, the year's key tasks and what was reported for them,
//! the water-safety disclosure calendar of the year and what became
//! overdue during it. Statuses are as of the year's end (or the data date,
//! for the year in progress): the latest update dated by then, as
//! `progress::Progress` computes them once per build (its `years`). Where
//! nothing is reported the page says so; nothing is estimated.

mod charts;

use super::context::AgencyLink;
use super::family::{family, Family, Jobs};
use super::frame::{PageKind, PageMeta};
use super::html::Html;
use super::status::{RollupView, StateCount, StatusBadge, BADGE, ROLLUP};
use super::Ctx;
use crate::model::*;
use crate::progress::{SlotState, SubjectProgress, YearProgress};
use serde::Serialize;

pub const FAMILY: Family = family!("reports", pages;
    reads Chapters, Tasks, Indicators, IndicatorValues, Projects, KeyTasks, Agencies, Updates, Water;
    templates "reports.html", "report.html"; shows BADGE, ROLLUP, super::context::AGENCY_LINKS);

fn pages<'s>(v: &'s Ctx<'s>, out: &Jobs<'_, 's>) {
    out.page("reports/", move || {
        let meta = PageMeta::titled(v, "reports/", "reports.html", PageKind::List, "reports");
        v.page(meta, index(v))
    });
    for y in &v.progress.years {
        let year = y.year;
        out.page(format!("reports/{year}/"), move || {
            let path = format!("reports/{year}/");
            let title = v.t("report_title").replace("{year}", &year.to_string());
            let crumbs = [("reports/", Html::escape(v.t("reports")))];
            let meta = PageMeta {
                path: &path,
                template: "report.html",
                kind: PageKind::Item,
                title: Html::escape(&title),
                head_title: title.clone(),
                crumbs: &crumbs,
            };
            v.page(meta, report(v, y))
        });
    }
}

#[derive(Serialize)]
pub struct ReportsView<'a> {
    pub years: Vec<YearLink>,
    pub completed: &'a str,
    pub not_assessed: &'a str,
}

#[derive(Serialize)]
pub struct YearLink {
    pub year: u32,
    pub url: String,
    pub as_of: String,
    pub completed: usize,
    pub total: usize,
    pub not_assessed: usize,
}

fn index<'a>(v: &Ctx<'a>) -> ReportsView<'a> {
    let tasks: Vec<Subject> = v
        .site
        .plan
        .tasks
        .iter()
        .map(|t| Subject::Task(t.number))
        .collect();
    ReportsView {
        years: v
            .progress
            .years
            .iter()
            .map(|y| {
                let r = y.as_of.rollup(tasks.iter().copied());
                let count = |s: Status| r.counts.get(&s).copied().unwrap_or(0);
                YearLink {
                    year: y.year,
                    url: v.url(&format!("reports/{}/", y.year)),
                    as_of: y.as_of.date.clone(),
                    completed: count(Status::Completed),
                    total: r.total,
                    not_assessed: count(Status::NotAssessed),
                }
            })
            .collect(),
        completed: v.status_label(Status::Completed),
        not_assessed: v.status_label(Status::NotAssessed),
    }
}

#[derive(Serialize)]
pub struct ReportView<'a> {
    pub year: u32,
    pub as_of: String,
    /// The year is still running at the data date.
    pub partial: bool,
    pub tasks: RollupView<'a>,
    pub chapters: Vec<GroupRow<'a>>,
    pub agencies: Vec<GroupRow<'a>>,
    pub indicators: Vec<IndicatorRow<'a>>,
    /// "N of M indicators have a value reported for YEAR".
    pub indicators_summary: String,
    pub indicators_chart: Html,
    pub key_tasks: Option<KeyTasksSection<'a>>,
    pub water: Vec<ScheduleRow<'a>>,
    pub overdue: Vec<OverdueRow<'a>>,
}

/// Counts of one chapter's or agency's tasks.
#[derive(Serialize)]
pub struct GroupRow<'a> {
    pub name: Html,
    pub url: String,
    pub rollup: RollupView<'a>,
}

#[derive(Serialize)]
pub struct IndicatorRow<'a> {
    pub number: u32,
    pub url: String,
    pub name: Html,
    pub binding: bool,
    pub target: Html,
    pub direction: Option<&'a str>,
    /// The value reported for the year, if any.
    pub value: Option<&'a str>,
    pub source: Option<Html>,
    pub note: Option<Html>,
}

#[derive(Serialize)]
pub struct KeyTasksSection<'a> {
    pub title: Html,
    pub url: String,
    pub rollup: RollupView<'a>,
    pub items: Vec<KeyTaskRow<'a>>,
}

#[derive(Serialize)]
pub struct KeyTaskRow<'a> {
    pub number: u32,
    pub url: String,
    pub text: Html,
    pub responsible: Vec<AgencyLink>,
    pub status: StatusBadge<'a>,
    pub due: String,
    /// The updates dated in the year, newest first.
    pub reported: Vec<ReportedUpdate<'a>>,
}

#[derive(Serialize)]
pub struct ReportedUpdate<'a> {
    pub date: &'a str,
    pub status: &'a str,
    pub percent: Option<u8>,
}

/// A required publication's periods of the year.
#[derive(Serialize)]
pub struct ScheduleRow<'a> {
    pub what: Html,
    pub slots: Vec<super::water::SlotView<'a>>,
    pub counts: Vec<StateCount<'a>>,
    pub chart: Html,
}

#[derive(Serialize)]
pub struct OverdueRow<'a> {
    pub label: String,
    pub url: String,
    pub due: String,
    /// Its status at the report date.
    pub status: StatusBadge<'a>,
}

fn badge<'a>(v: &Ctx<'a>, p: &SubjectProgress) -> StatusBadge<'a> {
    StatusBadge {
        key: p.status.key(),
        label: v.status_label(p.status),
        overdue: p.overdue,
        percent: p.percent,
    }
}

pub(super) fn report<'a>(v: &Ctx<'a>, y: &YearProgress<'a>) -> ReportView<'a> {
    let (s, year) = (v.site, y.year);
    let tasks_of = |f: &dyn Fn(&Task) -> bool| -> Vec<Subject> {
        s.plan
            .tasks
            .iter()
            .filter(|t| f(t))
            .map(|t| Subject::Task(t.number))
            .collect()
    };
    let chapters = s
        .plan
        .chapters
        .iter()
        .map(|c| GroupRow {
            name: v.tx(&c.title),
            url: v.url(&format!("plan/{}/", c.number)),
            rollup: v.rollup_view(
                &y.as_of.rollup(tasks_of(&|t| t.chapter == c.number)),
                format!("ch{}", c.number),
            ),
        })
        .collect();
    let agencies = s
        .agencies
        .iter()
        .map(|a| (a, tasks_of(&|t| t.lead.contains(&a.id))))
        .filter(|(_, t)| !t.is_empty())
        .map(|(a, t)| GroupRow {
            name: v.tx(&a.name),
            url: v.url(&format!("agencies/{}/", a.id)),
            rollup: v.rollup_view(&y.as_of.rollup(t), format!("ag-{}", a.id)),
        })
        .collect();
    let indicators = indicator_rows(v, year);
    let reported = indicators.iter().filter(|i| i.value.is_some()).count();
    let indicators_chart = charts::parts_svg(
        &[
            (v.t("report_reported").to_string(), reported, "#0969da"),
            (
                v.t("report_not_reported").to_string(),
                indicators.len() - reported,
                "#8c959f",
            ),
        ],
        v.t("report_indicators_caption"),
    );
    let overdue = y
        .became_overdue
        .iter()
        .filter_map(|&subject| {
            let p = y.as_of.get(&subject)?;
            Some(OverdueRow {
                label: v.subject_label(subject),
                url: v.url(&subject.path()),
                due: p.due.clone(),
                status: badge(v, p),
            })
        })
        .collect();
    let indicators_summary = v
        .t("report_indicators_reported")
        .replace("{n}", &reported.to_string())
        .replace("{total}", &indicators.len().to_string())
        .replace("{year}", &year.to_string());
    ReportView {
        year,
        indicators_summary,
        partial: y.partial(),
        tasks: {
            // Past the plan period the report says so, as of its own date.
            let r = y.as_of.rollup(tasks_of(&|_| true));
            let mut view = v.rollup_view(&r, "all".into());
            view.plan_ended = v.plan_ended_at(&y.as_of.date, r.overdue);
            view
        },
        chapters,
        agencies,
        indicators,
        indicators_chart,
        key_tasks: key_tasks(v, y),
        water: water(v, year),
        overdue,
        as_of: y.as_of.date.clone(),
    }
}

fn indicator_rows<'a>(v: &Ctx<'a>, year: u32) -> Vec<IndicatorRow<'a>> {
    let s = v.site;
    s.plan
        .indicators
        .iter()
        .map(|i| {
            let value = s
                .indicator_values
                .iter()
                .find(|x| x.indicator == i.number && x.year == year);
            IndicatorRow {
                number: i.number,
                url: v.url(&format!("indicators/{}/", i.number)),
                name: v.tx(&i.name),
                binding: i.binding,
                target: v.tx(&i.target),
                direction: s.indicator_directions.get(&i.number).map(|d| match d {
                    Direction::AtLeast => v.t("direction_at_least"),
                    Direction::AtMost => v.t("direction_at_most"),
                    Direction::MeetCityTarget => v.t("direction_city"),
                }),
                value: value.map(|x| x.value.as_str()),
                source: value.map(|x| v.tx(&x.source)),
                note: value.and_then(|x| x.note.as_ref()).map(|n| v.tx(n)),
            }
        })
        .collect()
}

fn key_tasks<'a>(v: &Ctx<'a>, y: &YearProgress<'a>) -> Option<KeyTasksSection<'a>> {
    let l = v
        .site
        .plan
        .key_task_lists
        .iter()
        .find(|l| l.year == y.year)?;
    let subjects = l.items.iter().map(|k| Subject::KeyTask(l.year, k.number));
    let items = l
        .items
        .iter()
        .filter_map(|k| {
            let subject = Subject::KeyTask(l.year, k.number);
            let p = y.as_of.get(&subject)?;
            let year = y.year.to_string();
            Some(KeyTaskRow {
                number: k.number,
                url: v.url(&subject.path()),
                text: v.tx(&k.text),
                responsible: v.agencies(&k.responsible),
                status: badge(v, p),
                due: p.due.clone(),
                reported: p
                    .timeline
                    .iter()
                    .rev()
                    .filter(|u| u.date.starts_with(&year))
                    .map(|u| ReportedUpdate {
                        date: &u.date,
                        status: v.status_label(u.status),
                        percent: u.percent,
                    })
                    .collect(),
            })
        })
        .collect();
    Some(KeyTasksSection {
        title: v.tx(&l.title),
        url: v.url(&format!("key-tasks/{}/", l.year)),
        rollup: v.rollup_view(&y.as_of.rollup(subjects), format!("kt{}", l.year)),
        items,
    })
}

/// The disclosure calendar's periods of `year`, as the water page shows
/// them (state at the data date: a period published late stays late).
fn water<'a>(v: &Ctx<'a>, year: u32) -> Vec<ScheduleRow<'a>> {
    super::water::water(v)
        .schedules
        .into_iter()
        .zip(&v.site.schedules)
        .map(|(sc, schedule)| {
            let slots: Vec<_> = sc
                .slots
                .into_iter()
                .filter(|x| x.period.starts_with(&year.to_string()))
                .collect();
            let counts: Vec<StateCount> = SlotState::ALL
                .iter()
                .map(|st| StateCount {
                    key: st.key(),
                    label: v.t(&format!("slot_{}", st.key())),
                    count: slots.iter().filter(|x| x.state == st.key()).count(),
                })
                .collect();
            let parts: Vec<(String, usize, &str)> = counts
                .iter()
                .map(|c| (c.label.to_string(), c.count, charts::slot_colour(c.key)))
                .collect();
            ScheduleRow {
                chart: charts::parts_svg(&parts, v.plain(&schedule.what)),
                what: sc.what,
                slots,
                counts,
            }
        })
        .filter(|r| !r.slots.is_empty())
        .collect()
}

#[cfg(test)]
mod tests;
