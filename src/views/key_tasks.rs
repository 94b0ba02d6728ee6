//! Yearly key tasks: the list of years, each year's list by category, and a
//! page per key task; and the key-task row other families show.

use super::family::{Family, Input, Jobs};
use super::frame::PageKind;
use super::html::esc;
use super::{plan, Ctx, PageView};
use crate::model::*;
use serde_json::{json, Value};

pub const FAMILY: Family = Family {
    name: "key_tasks",
    inputs: &[
        Input::KeyTasks,
        Input::Agencies,
        Input::Rivers,
        Input::Errata,
        Input::Glossary,
        Input::Updates,
        Input::Template("key_task_years.html"),
        Input::Template("key_tasks.html"),
        Input::Template("key_task.html"),
        Input::Template("agency_list.html"),
        Input::Template("status.html"),
        Input::Template("progress.html"),
        Input::Template("update.html"),
        Input::Template("corrections.html"),
    ],
    pages,
};

fn pages<'s>(v: &'s Ctx<'s>, out: &Jobs<'_, 's>) {
    out.page(move || years(v));
    for l in &v.site.key_task_lists {
        out.page(move || list(v, l));
        for k in &l.items {
            out.page(move || key_task(v, l, k));
        }
    }
}

/// A key task in a table.
pub(super) fn row(v: &Ctx, list: &KeyTaskList, k: &KeyTask) -> Value {
    json!({
        "number": k.number,
        "year": list.year,
        "url": v.url(&format!("key-tasks/{}/{}/", list.year, k.number)),
        "text": v.tx(&k.text),
        "category": v.tx(&k.category),
        "responsible": v.agencies(&k.responsible),
        "lost_responsible": k.lost.iter().any(|f| f == "responsible"),
        "status": v.status_badge(Subject::KeyTask(list.year, k.number)),
    })
}

fn years(v: &Ctx) -> PageView {
    v.page(
        "key-tasks/",
        "key_task_years.html",
        PageKind::List,
        esc(v.t("key_tasks")),
        v.t("key_tasks").to_string(),
        &[],
        json!({"lists": plan::key_list_rows(v)}),
    )
}

/// One year's list, its items grouped by consecutive category.
fn list(v: &Ctx, l: &KeyTaskList) -> PageView {
    let base = format!("key-tasks/{}/", l.year);
    let mut cats: Vec<(String, Vec<Value>)> = Vec::new();
    for k in &l.items {
        let c = v.tx(&k.category);
        match cats.last_mut() {
            Some((name, items)) if *name == c => items.push(row(v, l, k)),
            _ => cats.push((c, vec![row(v, l, k)])),
        }
    }
    let cats: Vec<Value> = cats
        .into_iter()
        .map(|(c, items)| json!({"category": c, "items": items}))
        .collect();
    v.page(
        &base,
        "key_tasks.html",
        PageKind::List,
        v.tx(&l.title),
        v.plain(&l.title),
        &[("key-tasks/", esc(v.t("key_tasks")))],
        json!({"year": l.year, "categories": cats}),
    )
}

fn key_task(v: &Ctx, l: &KeyTaskList, k: &KeyTask) -> PageView {
    let base = format!("key-tasks/{}/", l.year);
    let mut row = row(v, l, k);
    row["text"] = json!(v.tx_linked(&k.text));
    row["cooperating"] = json!(v.agencies(&k.cooperating));
    row["progress"] = v.progress_view(Subject::KeyTask(l.year, k.number));
    row["note_text"] = json!(k.note.as_ref().map(|n| v.tx(n)));
    row["rivers"] = json!(v.rivers(&k.rivers));
    row["corrections"] = json!(v.corrections(&k.corrections));
    v.page(
        &format!("{base}{}/", k.number),
        "key_task.html",
        PageKind::Item,
        format!("{} {}", esc(v.t("key_task")), k.number),
        format!("{} {} {}", l.year, v.t("key_task"), k.number),
        &[
            ("key-tasks/", esc(v.t("key_tasks"))),
            (&base, v.tx(&l.title)),
        ],
        row,
    )
}
