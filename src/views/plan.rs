//! The plan: its document page (metadata, notice, the attachment tables)
//! and a page per chapter listing its tasks by section.

use super::family::{Family, Input, Jobs};
use super::frame::PageKind;
use super::html::esc;
use super::{tasks, Ctx, PageView};
use crate::model::*;
use serde_json::{json, Value};

pub const FAMILY: Family = Family {
    name: "plan",
    inputs: &[
        Input::Titles,
        Input::Chapters,
        Input::Tasks,
        Input::KeyTasks,
        Input::Agencies,
        Input::Errata,
        Input::Updates,
        Input::Template("plan.html"),
        Input::Template("corrections.html"),
        Input::Template("chapter.html"),
        Input::Template("rollup.html"),
        Input::Template("agency_list.html"),
        Input::Template("status.html"),
    ],
    pages,
};

fn pages<'s>(v: &'s Ctx<'s>, out: &Jobs<'_, 's>) {
    out.page(move || plan(v));
    for c in &v.site.chapters {
        out.page(move || chapter(v, c));
    }
}

/// The chapters with their task ranges (on the home and plan pages).
pub(super) fn chapter_rows(v: &Ctx) -> Vec<Value> {
    let s = v.site;
    s.chapters
        .iter()
        .map(|c| {
            let nums: Vec<u32> = s.tasks.iter().filter(|t| t.chapter == c.number).map(|t| t.number).collect();
            json!({"number": c.number, "url": v.url(&format!("plan/{}/", c.number)), "title": v.tx(&c.title),
                   "count": nums.len(), "range": range_label(nums.first().copied(), nums.last().copied())})
        })
        .collect()
}

/// The yearly key-task lists (on the home, plan and key-task pages).
pub(super) fn key_list_rows(v: &Ctx) -> Vec<Value> {
    v.site
        .key_task_lists
        .iter()
        .map(|l| json!({"year": l.year, "url": v.url(&format!("key-tasks/{}/", l.year)), "title": v.tx(&l.title), "count": l.items.len()}))
        .collect()
}

fn range_label(first: Option<u32>, last: Option<u32>) -> String {
    match (first, last) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a}—{b}"),
        _ => String::new(),
    }
}

fn plan(v: &Ctx) -> PageView {
    let s = v.site;
    let d = &s.document;
    let doc_title = v.tx(&s.document.title);
    v.page(
        "plan/",
        "plan.html",
        PageKind::Other,
        esc(v.t("plan")),
        v.plain(&d.title),
        &[],
        json!({
            "doc_title": doc_title,
            "meta": [
                [v.t("index_number"), esc(&d.index_number)],
                [v.t("doc_number"), esc(&d.doc_number)],
                [v.t("subject"), v.tx(&d.subject)],
                [v.t("genre"), v.tx(&d.genre)],
                [v.t("issuer"), v.tx(&d.issuer)],
                [v.t("written"), esc(&d.written)],
                [v.t("published"), esc(&d.published)],
                [v.t("validity"), d.validity.as_deref().map(esc).unwrap_or_else(|| esc(v.t("validity_blank")))],
            ],
            "notice": d.notice.iter().map(|p| v.tx(p)).collect::<Vec<_>>(),
            "signed_by": v.tx(&d.signed_by),
            "signed_date": d.signed_date,
            "corrections": v.corrections(&d.corrections),
            "seed_url": format!("/source/{}", d.seed),
            "attachment1": v.tx(&s.titles.attachment1),
            "titles": {"indicators": v.tx(&s.titles.indicators), "tasks": v.tx(&s.titles.tasks), "projects": v.tx(&s.titles.projects)},
            "chapters": chapter_rows(v),
            "key_lists": key_list_rows(v),
        }),
    )
}

fn chapter(v: &Ctx, c: &Chapter) -> PageView {
    let s = v.site;
    let path = format!("plan/{}/", c.number);
    let mut groups: Vec<Value> = Vec::new();
    let ungrouped: Vec<Value> = s
        .tasks
        .iter()
        .filter(|t| t.chapter == c.number && t.section.is_none())
        .map(|t| tasks::row(v, t))
        .collect();
    if !ungrouped.is_empty() {
        groups.push(json!({"title": Value::Null, "tasks": ungrouped}));
    }
    for sec in &c.sections {
        let tasks: Vec<Value> = s
            .tasks
            .iter()
            .filter(|t| t.chapter == c.number && t.section == Some(sec.number))
            .map(|t| tasks::row(v, t))
            .collect();
        groups.push(json!({"title": v.tx(&sec.title), "number": sec.number, "tasks": tasks}));
    }
    v.page(
        &path,
        "chapter.html",
        PageKind::List,
        v.tx(&c.title),
        v.plain(&c.title),
        &[("plan/", esc(v.t("plan")))],
        json!({"number": c.number, "groups": groups,
               "rollup": v.rollup(s.tasks.iter().filter(|t| t.chapter == c.number).map(|t| Subject::Task(t.number)))}),
    )
}
