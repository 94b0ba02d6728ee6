//! Projects: the table of the plan's projects with the stated investment
//! total, and a page per project; and the project row other families show.

use super::family::{Family, Input, Jobs};
use super::frame::PageKind;
use super::html::esc;
use super::{Ctx, PageView};
use crate::model::*;
use serde_json::{json, Value};

pub const FAMILY: Family = Family {
    name: "projects",
    inputs: &[
        Input::Titles,
        Input::Projects,
        Input::Agencies,
        Input::Rivers,
        Input::Errata,
        Input::Glossary,
        Input::Updates,
        Input::Template("projects.html"),
        Input::Template("project.html"),
        Input::Template("agency_list.html"),
        Input::Template("status.html"),
        Input::Template("progress.html"),
        Input::Template("update.html"),
        Input::Template("corrections.html"),
    ],
    pages,
};

fn pages<'s>(v: &'s Ctx<'s>, out: &Jobs<'_, 's>) {
    out.page(move || list(v));
    for p in &v.site.projects {
        out.page(move || project(v, p));
    }
}

/// A project in a table.
pub(super) fn row(v: &Ctx, p: &Project) -> Value {
    json!({
        "number": p.number,
        "url": v.url(&format!("projects/{}/", p.number)),
        "name": v.tx(&p.name),
        "category": v.tx(&p.category),
        "investment": p.investment,
        "years": format!("{}—{}", p.start_year, p.end_year),
        "responsible": v.agencies(&p.responsible),
        "status": v.status_badge(Subject::Project(p.number)),
    })
}

fn list(v: &Ctx) -> PageView {
    let s = v.site;
    v.page(
        "projects/",
        "projects.html",
        PageKind::List,
        v.tx(&s.titles.projects),
        v.plain(&s.titles.projects),
        &[],
        json!({"projects": s.projects.iter().map(|p| row(v, p)).collect::<Vec<_>>(), "total": s.stated_total}),
    )
}

fn project(v: &Ctx, p: &Project) -> PageView {
    let mut row = row(v, p);
    row["content"] = json!(v.tx_linked(&p.content).replace('\n', "<br>"));
    row["rivers"] = json!(v.rivers(&p.rivers));
    row["corrections"] = json!(v.corrections(&p.corrections));
    row["progress"] = v.progress_view(Subject::Project(p.number));
    v.page(
        &format!("projects/{}/", p.number),
        "project.html",
        PageKind::Item,
        v.tx(&p.name),
        v.plain(&p.name),
        &[("projects/", esc(v.t("projects")))],
        row,
    )
}
