//! The home page: the plan at a glance (counts, chapters, key-task lists,
//! commentary pages), the roll-ups and the latest updates.

use super::family::{Family, Input, Jobs};
use super::frame::PageKind;
use super::html::esc;
use super::{plan, updates, Ctx};
use crate::model::*;
use serde_json::{json, Value};

pub const FAMILY: Family = Family {
    name: "home",
    inputs: &[
        Input::Chapters,
        Input::Tasks,
        Input::Indicators,
        Input::Projects,
        Input::KeyTasks,
        Input::Agencies,
        Input::Rivers,
        Input::Pages,
        Input::Updates,
        Input::Template("home.html"),
        Input::Template("rollup.html"),
        Input::Template("update.html"),
        Input::Template("status.html"),
        Input::Template("agency_list.html"),
    ],
    pages,
};

fn pages<'s>(v: &'s Ctx<'s>, out: &Jobs<'_, 's>) {
    out.page(move || home(v));
}

fn home(v: &Ctx) -> super::PageView {
    let s = v.site;
    let pages_list: Vec<Value> = s
        .pages
        .iter()
        .filter_map(|p| {
            let zh = p.md.zh.as_ref()?;
            let title = match (v.lang, &p.md.en) {
                (Lang::En, Some(en)) => en.front.title.clone().unwrap_or_default(),
                _ => zh.front.title.clone().unwrap_or_default(),
            };
            Some(json!({"url": v.url(&format!("pages/{}/", p.slug)), "title": esc(&title), "weight": zh.front.weight.unwrap_or(0)}))
        })
        .collect();
    let doc_title = v.tx(&s.document.title);
    v.page(
        "",
        "home.html",
        PageKind::Other,
        v.tx(&s.config.title),
        v.plain(&s.config.title),
        &[],
        json!({
            "doc_title": doc_title,
            "doc_number": s.document.doc_number,
            "counts": {
                "tasks": s.tasks.len(), "indicators": s.indicators.len(), "projects": s.projects.len(),
                "investment": s.stated_total, "agencies": s.agencies.iter().filter(|a| !a.is_group).count(),
                "rivers": s.rivers.len(),
                "key_tasks": s.key_task_lists.iter().map(|l| l.items.len()).sum::<usize>(),
            },
            "chapters": plan::chapter_rows(v),
            "key_lists": plan::key_list_rows(v),
            "pages": pages_list,
            "rollup": v.rollup(s.tasks.iter().map(|t| Subject::Task(t.number))),
            "key_rollups": s.key_task_lists.iter().map(|l| json!({"year": l.year,
                "rollup": v.rollup(l.items.iter().map(|k| Subject::KeyTask(l.year, k.number)))})).collect::<Vec<_>>(),
            "latest": s.updates.iter().rev().take(10).map(|u| updates::entry(v, u)).collect::<Vec<_>>(),
            "updates_url": v.url("updates/"),
            "overdue_url": v.url("overdue/"),
            "feed": v.feed_url("feed.xml"),
        }),
    )
}
