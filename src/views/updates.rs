//! Progress updates: the changelog of updates by date and the list of
//! overdue items; and the update entry every timeline shows.

use super::context::AgencyLink;
use super::family::{family, Family, Input, Jobs, PageShape, Reads, Title};
use super::html::Html;
use super::status::StatusBadge;
use super::status::BADGE;
use super::Ctx;
use crate::model::*;
use serde::Serialize;

pub const FAMILY: Family = family!("updates", pages;
    // The overdue list: due dates come from the items' texts.
    reads Tasks, Indicators, Projects, KeyTasks; templates "updates.html", "overdue.html";
    shows BADGE, ENTRY);

fn pages<'s>(v: &'s Ctx<'s>, out: &Jobs<'_, 's>) {
    // The changelog shows the updates, nothing of their subjects but numbers.
    let reads = Reads::page("updates/").numbers_only();
    let shape = PageShape::list("updates.html", Title::Label("updates"));
    out.shown(v, reads, shape, move || changelog(v));
    let late = v.progress.subjects.iter().filter(|(_, p)| p.overdue);
    let reads = Reads::page("overdue/").showing_only(late.map(|(s, _)| *s));
    let shape = PageShape::list("overdue.html", Title::Label("overdue_list"));
    out.shown(v, reads, shape, move || overdue(v));
}

/// What an update entry reads.
pub const ENTRY: &[Input] = &[
    Input::Updates,
    Input::Agencies,
    Input::Template("update.html"),
    Input::Template("status.html"),
    Input::Template("agency_list.html"),
];

/// An update as a timeline entry.
#[derive(Serialize)]
pub struct UpdateEntry<'a> {
    pub id: &'a str,
    pub date: &'a str,
    pub status: StatusBadge<'a>,
    /// The reporting agency (none if unknown).
    pub reporter: Vec<AgencyLink>,
    pub reporter_name: &'a str,
    /// Markdown as HTML, in Chinese while its translation is pending.
    pub body: Html,
    pub pending: bool,
    pub subjects: Vec<SubjectLink>,
    pub evidence: Vec<EvidenceLink<'a>>,
}

#[derive(Serialize)]
pub struct SubjectLink {
    pub url: String,
    pub label: String,
}

#[derive(Serialize)]
pub struct EvidenceLink<'a> {
    pub title: Html,
    pub href: &'a str,
}

/// The update `u` as a timeline entry.
pub(super) fn entry<'a>(v: &Ctx<'a>, u: &'a Update) -> UpdateEntry<'a> {
    let (body, pending) = match (v.lang, &u.body_en) {
        (Lang::En, Some(en)) => (en.as_str(), false),
        (Lang::En, None) => (u.body_zh.as_str(), true),
        _ => (u.body_zh.as_str(), false),
    };
    UpdateEntry {
        id: &u.id,
        date: &u.date,
        status: StatusBadge {
            key: u.status.key(),
            label: v.status_label(u.status),
            percent: u.percent,
            overdue: false,
        },
        reporter: v.agencies(std::slice::from_ref(&u.reporter)),
        reporter_name: v.site.agency(&u.reporter).map_or("", |a| v.plain(&a.name)),
        body: v.markdown(body, 2, pending),
        pending,
        subjects: u
            .subjects
            .iter()
            .map(|s| SubjectLink {
                url: v.url(&s.path()),
                label: v.subject_label(*s),
            })
            .collect(),
        evidence: u
            .evidence
            .iter()
            .map(|e| EvidenceLink {
                title: v.tx(&e.title),
                href: &e.href,
            })
            .collect(),
    }
}

#[derive(Serialize)]
pub struct ChangelogView<'a> {
    /// Newest first.
    pub days: Vec<Day<'a>>,
    pub feed: Option<String>,
}

/// The updates of one date.
#[derive(Serialize)]
pub struct Day<'a> {
    pub date: &'a str,
    pub updates: Vec<UpdateEntry<'a>>,
}

pub(super) fn changelog<'a>(v: &Ctx<'a>) -> ChangelogView<'a> {
    let mut days: Vec<Day> = Vec::new();
    for u in v.site.updates.iter().rev() {
        match days.last_mut() {
            Some(day) if day.date == u.date => day.updates.push(entry(v, u)),
            _ => days.push(Day {
                date: &u.date,
                updates: vec![entry(v, u)],
            }),
        }
    }
    ChangelogView {
        days,
        feed: v.feed_url("feed.xml"),
    }
}

#[derive(Serialize)]
pub struct OverdueView<'a> {
    pub items: Vec<OverdueItem<'a>>,
    /// Without a build date nothing is overdue, and the page says so.
    pub build_date: Option<&'a str>,
    /// Past the plan period: the period ended, and how many tasks have no
    /// report of completion.
    pub plan_ended: Option<String>,
}

#[derive(Serialize)]
pub struct OverdueItem<'a> {
    pub url: String,
    pub label: String,
    pub due: &'a str,
    pub status: Option<StatusBadge<'a>>,
}

/// Every subject past its due date and not completed, at the build date.
pub(super) fn overdue<'a>(v: &Ctx<'a>) -> OverdueView<'a> {
    OverdueView {
        items: v
            .progress
            .subjects
            .iter()
            .filter(|(_, p)| p.overdue)
            .map(|(subject, p)| OverdueItem {
                url: v.url(&subject.path()),
                label: v.subject_label(*subject),
                due: &p.due,
                status: v.status_badge(*subject),
            })
            .collect(),
        build_date: v.site.config.build_date.as_deref(),
        plan_ended: v.plan_ended(
            v.progress
                .subjects
                .iter()
                .filter(|(s, p)| matches!(s, Subject::Task(_)) && p.overdue)
                .count(),
        ),
    }
}
