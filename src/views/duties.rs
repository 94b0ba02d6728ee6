//! The plan's own disclosure duties (`duties.yaml`) as a commentary page
//! shows them (`shows: disclosure-duties` in its front matter): the page's
//! text, then every duty with its task or key task, what it asks to be
//! made public, the pages that meet it and, where it is not met yet, why.
//! Also the note an item page of a duty carries (see `feedback.rs`).

use super::family::{family, Family, Jobs};
use super::html::Html;
use super::reference::{commentary, commentary_path, shows, CommentaryView};
use super::status::StatusBadge;
use super::Ctx;
use crate::load::raw::RawPageList;
use crate::model::*;
use serde::Serialize;

pub const FAMILY: Family = family!("duties", pages;
    reads Pages, Duties, Tasks, KeyTasks, Agencies, Rivers; templates "page.html", "duties.html";
    shows super::status::BADGE);

fn pages<'s>(v: &'s Ctx<'s>, out: &Jobs<'_, 's>) {
    let lists = v.site.pages.iter();
    for p in lists.filter(|p| shows(p) == Some(RawPageList::DisclosureDuties)) {
        out.maybe(commentary_path(p), move || {
            let (c, page) = commentary(v, p)?;
            let meta = super::frame::PageMeta {
                template: "duties.html",
                ..c.meta()
            };
            Some(v.page(meta, view(v, page)))
        });
    }
}

#[derive(Serialize)]
pub struct DutiesView<'a> {
    #[serde(flatten)]
    pub page: CommentaryView<'a>,
    pub duties: Vec<DutyRow<'a>>,
    pub met: usize,
    pub partly_met: usize,
    pub not_met: usize,
}

#[derive(Serialize)]
pub struct DutyRow<'a> {
    /// The row's anchor, which an item page's note links to.
    pub anchor: String,
    /// `任务 37`, `2022年 重点任务 19` …
    pub label: String,
    pub url: String,
    pub asks: Html,
    /// `met`, `partly-met` or `not-met`: its CSS class and interface string.
    pub state: &'static str,
    pub state_label: &'a str,
    pub pages: Vec<PageLink>,
    pub why: Option<Html>,
    /// What was reported on the task itself.
    pub status: Option<StatusBadge<'a>>,
}

#[derive(Serialize)]
pub struct PageLink {
    pub url: String,
    pub title: Html,
}

/// The row anchor of a duty on `subject` (`task-37`, `key-task-2022-19`).
pub(super) fn anchor(subject: Subject) -> String {
    subject.key().replace('/', "-")
}

fn view<'a>(v: &Ctx<'a>, page: CommentaryView<'a>) -> DutiesView<'a> {
    let duties: Vec<DutyRow> = v.site.duties.iter().map(|d| row(v, d)).collect();
    let count = |s: DutyState| v.site.duties.iter().filter(|d| d.state() == s).count();
    DutiesView {
        page,
        duties,
        met: count(DutyState::Met),
        partly_met: count(DutyState::PartlyMet),
        not_met: count(DutyState::NotMet),
    }
}

fn row<'a>(v: &Ctx<'a>, d: &Duty) -> DutyRow<'a> {
    let state = d.state();
    DutyRow {
        anchor: anchor(d.subject),
        label: v.subject_label(d.subject),
        url: v.url(&d.subject.path()),
        asks: v.tx(&d.asks),
        state: state.key(),
        state_label: v.t(&format!("duty_{}", state.key().replace('-', "_"))),
        pages: d
            .pages
            .iter()
            .filter(|(p, _)| shown(v, p))
            .map(|(p, _)| PageLink {
                url: v.url(p),
                title: page_title(v, p),
            })
            .collect(),
        why: d.not_met.as_ref().map(|w| v.tx(w)),
        status: v.status_badge(d.subject),
    }
}

/// Whether this build has the page: a snapshot has no archive index, a
/// build without open data or search lacks their pages.
fn shown(v: &Ctx, path: &str) -> bool {
    let f = v.mode.features;
    !(v.mode.snapshot.is_some() && path.starts_with("archive/")
        || !f.data && path.starts_with("data/")
        || !f.search && path.starts_with("search/"))
}

/// A page's name in a row: the section's title, or the agency's or
/// river's name below it, else the path itself.
fn page_title(v: &Ctx, path: &str) -> Html {
    const SECTIONS: [(&str, &str); 14] = [
        ("plan", "plan"),
        ("tasks", "tasks"),
        ("indicators", "indicators"),
        ("projects", "projects"),
        ("key-tasks", "key_tasks"),
        ("agencies", "agencies"),
        ("rivers", "rivers"),
        ("updates", "updates"),
        ("overdue", "overdue_list"),
        ("water", "water"),
        ("glossary", "glossary"),
        ("errata", "errata"),
        ("data", "data"),
        ("archive", "archive"),
    ];
    let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let section = SECTIONS.iter().find(|(p, _)| Some(p) == parts.first());
    match (section, parts.as_slice()) {
        (Some((_, key)), [_]) => Html::escape(v.t(key)),
        (_, ["agencies", id]) => v
            .site
            .agency(id)
            .map_or_else(|| Html::escape(path), |a| v.tx(&a.name)),
        (_, ["rivers", id]) => v
            .site
            .river(id)
            .map_or_else(|| Html::escape(path), |r| v.tx(&r.name)),
        _ => Html::escape(&format!("/{path}")),
    }
}
