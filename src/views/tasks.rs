//! Tasks: the list of every task by chapter (with its filters) and a page
//! per task; and the task row other families' tables show.

use super::family::{Family, Input, Jobs};
use super::frame::PageKind;
use super::html::esc;
use super::{Ctx, PageView};
use crate::model::*;
use serde_json::{json, Value};

pub const FAMILY: Family = Family {
    name: "tasks",
    inputs: &[
        Input::Titles,
        Input::Chapters,
        Input::Tasks,
        Input::Agencies,
        Input::Rivers,
        Input::Errata,
        Input::Glossary,
        Input::Notes,
        Input::Updates,
        Input::Template("tasks.html"),
        Input::Template("task.html"),
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
    for (i, t) in v.site.tasks.iter().enumerate() {
        out.page(move || task(v, i, t));
    }
}

/// A task in a table: its number, text, lead agencies and status, and the
/// values the list's filters match.
pub(super) fn row(v: &Ctx, t: &Task) -> Value {
    json!({
        "number": t.number,
        "url": v.url(&format!("tasks/{}/", t.number)),
        "text": v.tx(&t.text),
        "lead": v.agencies(&t.lead),
        "chapter": t.chapter,
        "status": v.status_badge(Subject::Task(t.number)),
        "agency_ids": t.lead.iter().chain(&t.responsible).cloned().collect::<Vec<_>>().join(" "),
        "river_ids": t.rivers.join(" "),
    })
}

fn list(v: &Ctx) -> PageView {
    let s = v.site;
    let by_chapter: Vec<Value> = s
        .chapters
        .iter()
        .map(|c| json!({"title": v.tx(&c.title), "url": v.url(&format!("plan/{}/", c.number)),
                        "tasks": s.tasks.iter().filter(|t| t.chapter == c.number).map(|t| row(v, t)).collect::<Vec<_>>()}))
        .collect();
    v.page(
        "tasks/",
        "tasks.html",
        PageKind::List,
        v.tx(&s.titles.tasks),
        v.plain(&s.titles.tasks),
        &[],
        json!({"chapters": by_chapter, "count": s.tasks.len(), "filters": {
            "chapters": s.chapters.iter().map(|c| json!({"value": c.number, "label": v.plain(&c.title)})).collect::<Vec<_>>(),
            "agencies": s.agencies.iter().filter(|a| !v.involved.agency_tasks(&a.id).is_empty())
                .map(|a| json!({"value": a.id, "label": v.plain(&a.name)})).collect::<Vec<_>>(),
            "rivers": s.rivers.iter().filter(|r| !v.involved.river_tasks(&r.id).is_empty())
                .map(|r| json!({"value": r.id, "label": v.plain(&r.name)})).collect::<Vec<_>>(),
            "statuses": Status::ALL.iter().map(|st| json!({"value": st.key(), "label": v.t(&format!("status_{}", st.key()))})).collect::<Vec<_>>(),
            "script": "/static/filters.js",
        }}),
    )
}

/// Task `t`, the `i`th of the plan (its neighbours make the pager).
fn task(v: &Ctx, i: usize, t: &Task) -> PageView {
    let s = v.site;
    let path = format!("tasks/{}/", t.number);
    let chapter = s.chapters.iter().find(|c| c.number == t.chapter);
    let section = chapter.and_then(|c| c.sections.iter().find(|x| Some(x.number) == t.section));
    let title = format!("{} {}", esc(v.t("task")), t.number);
    let prev = i
        .checked_sub(1)
        .and_then(|j| s.tasks.get(j))
        .map(|p| json!({"url": v.url(&format!("tasks/{}/", p.number)), "number": p.number}));
    let next = s
        .tasks
        .get(i + 1)
        .map(|p| json!({"url": v.url(&format!("tasks/{}/", p.number)), "number": p.number}));
    v.page(
        &path,
        "task.html",
        PageKind::Item,
        title.clone(),
        format!("{} {}", v.t("task"), t.number),
        &[("tasks/", esc(v.t("tasks")))],
        json!({
            "number": t.number,
            "text": v.tx_linked(&t.text),
            "chapter": chapter.map(|c| json!({"title": v.tx(&c.title), "url": v.url(&format!("plan/{}/", c.number))})),
            "section": section.map(|x| v.tx(&x.title)),
            "lead": v.agencies(&t.lead),
            "responsible": v.agencies(&t.responsible),
            "rivers": v.rivers(&t.rivers),
            "corrections": v.corrections(&t.corrections),
            "note": v.note("tasks", &t.number.to_string()),
            "source_line": t.source_line,
            "progress": v.progress_view(Subject::Task(t.number)),
            "prev": prev,
            "next": next,
        }),
    )
}
