//! Rivers (一河一档): the list of rivers, and one file per river — its
//! monitoring sections and drinking-water sources with their latest
//! results, and the tasks, projects and key tasks that name it.

use super::family::{Family, Input, Jobs};
use super::frame::PageKind;
use super::html::esc;
use super::{key_tasks, projects, tasks, water, Ctx, PageView};
use crate::model::*;
use serde_json::{json, Value};

pub const FAMILY: Family = Family {
    name: "rivers",
    inputs: &[
        Input::Rivers,
        Input::Tasks,
        Input::Projects,
        Input::KeyTasks,
        Input::Agencies,
        Input::Water,
        Input::Errata,
        Input::Notes,
        Input::Updates,
        Input::Template("rivers.html"),
        Input::Template("river.html"),
        Input::Template("rollup.html"),
        Input::Template("agency_list.html"),
    ],
    pages,
};

fn pages<'s>(v: &'s Ctx<'s>, out: &Jobs<'_, 's>) {
    out.page(move || list(v));
    for r in &v.site.rivers {
        out.page(move || river(v, r));
    }
}

fn list(v: &Ctx) -> PageView {
    let s = v.site;
    let rivers_index: Vec<Value> = s
        .rivers
        .iter()
        .map(|r| {
            let n = v.involved.river_tasks(&r.id).len()
                + v.involved.river_projects(&r.id).len()
                + s.key_task_lists.iter().flat_map(|l| &l.items).filter(|k| k.rivers.contains(&r.id)).count();
            json!({"url": v.url(&format!("rivers/{}/", r.id)), "name": v.tx(&r.name), "kind": v.t(&format!("kind_{}", r.kind)),
                   "items": n, "sections": r.sections.len(),
                   "tributary_of": r.tributary_of.as_ref().and_then(|p| s.river(p)).map(|p| v.tx(&p.name))})
        })
        .collect();
    v.page(
        "rivers/",
        "rivers.html",
        PageKind::List,
        esc(v.t("rivers")),
        v.t("rivers").to_string(),
        &[],
        json!({"rivers": rivers_index}),
    )
}

fn river(v: &Ctx, r: &River) -> PageView {
    let s = v.site;
    let tributaries: Vec<String> = s
        .rivers
        .iter()
        .filter(|x| x.tributary_of.as_deref() == Some(r.id.as_str()))
        .map(|x| x.id.clone())
        .collect();
    let mut key_items = Vec::new();
    for l in &s.key_task_lists {
        for k in &l.items {
            if k.rivers.contains(&r.id) {
                key_items.push(key_tasks::row(v, l, k));
            }
        }
    }
    let sections: Vec<Value> = r
        .sections
        .iter()
        .map(|sec| json!({"id": sec.id, "name": v.tx(&sec.name), "target": sec.target_class, "source": v.tx(&sec.source),
                          "latest": water::latest_result(v, &sec.id),
                          "corrections": v.corrections(&sec.corrections)}))
        .collect();
    v.page(
        &format!("rivers/{}/", r.id),
        "river.html",
        PageKind::Item,
        v.tx(&r.name),
        v.plain(&r.name),
        &[("rivers/", esc(v.t("rivers")))],
        json!({
            "id": r.id,
            "kind": v.t(&format!("kind_{}", r.kind)),
            "other_name": match v.lang { Lang::Zh => r.name.en.clone().unwrap_or_default(), Lang::En => r.name.zh.clone() },
            "aliases": r.aliases,
            "tributary_of": v.rivers(&r.tributary_of.iter().cloned().collect::<Vec<_>>()),
            "tributaries": v.rivers(&tributaries),
            "sections": sections,
            "tasks": v.involved.river_tasks(&r.id).iter().map(|t| tasks::row(v, t)).collect::<Vec<_>>(),
            "projects": v.involved.river_projects(&r.id).iter().map(|p| projects::row(v, p)).collect::<Vec<_>>(),
            "key_tasks": key_items,
            "rollup": v.rollup(v.involved.river_tasks(&r.id).iter().map(|t| Subject::Task(t.number))),
            "feed": v.feed_url(&format!("rivers/{}/feed.xml", r.id)),
            "water_sources": s.water_sources.iter().filter(|w| w.water_body == r.id)
                .map(|w| json!({"name": v.tx(&w.name), "latest": water::latest_result(v, &w.id), "url": v.url("water/")}))
                .collect::<Vec<_>>(),
            "note": v.note("rivers", &r.id),
        }),
    )
}
