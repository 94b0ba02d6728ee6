//! Agencies: the list by kind, and each agency's page — its responsibility
//! list (tasks it leads or shares, indicators, projects, key tasks), its
//! roll-up, feed and CSV downloads.

use super::family::{Family, Input, Jobs};
use super::frame::PageKind;
use super::html::esc;
use super::{indicators, key_tasks, projects, tasks, Ctx, PageView};
use crate::model::*;
use serde_json::{json, Value};

pub const FAMILY: Family = Family {
    name: "agencies",
    inputs: &[
        Input::Agencies,
        Input::Tasks,
        Input::Indicators,
        Input::Projects,
        Input::KeyTasks,
        Input::Notes,
        Input::Updates,
        Input::Template("agencies.html"),
        Input::Template("agency.html"),
        Input::Template("rollup.html"),
        Input::Template("agency_list.html"),
    ],
    pages,
};

fn pages<'s>(v: &'s Ctx<'s>, out: &Jobs<'_, 's>) {
    out.page(move || list(v));
    for a in &v.site.agencies {
        out.page(move || agency(v, a));
    }
}

fn list(v: &Ctx) -> PageView {
    let s = v.site;
    let kinds: Vec<Value> = crate::validate::AGENCY_KINDS
        .iter()
        .filter_map(|k| {
            let list: Vec<Value> = s
                .agencies
                .iter()
                .filter(|a| a.kind == *k)
                .map(|a| {
                    let n = v.involved.agency_tasks(&a.id).len();
                    json!({"url": v.url(&format!("agencies/{}/", a.id)), "name": v.tx(&a.name), "tasks": n})
                })
                .collect();
            (!list.is_empty()).then(|| json!({"kind": v.t(&format!("kind_{k}")), "agencies": list}))
        })
        .collect();
    v.page(
        "agencies/",
        "agencies.html",
        PageKind::List,
        esc(v.t("agencies")),
        v.t("agencies").to_string(),
        &[],
        json!({"kinds": kinds}),
    )
}

fn agency(v: &Ctx, a: &Agency) -> PageView {
    let s = v.site;
    let tasks = v.involved.agency_tasks(&a.id);
    let (led, shared): (Vec<&Task>, Vec<&Task>) =
        tasks.iter().partition(|t| t.lead.contains(&a.id));
    let led: Vec<Value> = led.into_iter().map(|t| tasks::row(v, t)).collect();
    let shared: Vec<Value> = shared.into_iter().map(|t| tasks::row(v, t)).collect();
    let inds: Vec<Value> = s
        .indicators
        .iter()
        .filter(|i| i.lead.contains(&a.id))
        .map(|i| indicators::row(v, i))
        .collect();
    let projs: Vec<Value> = s
        .projects
        .iter()
        .filter(|p| p.responsible.contains(&a.id))
        .map(|p| projects::row(v, p))
        .collect();
    let mut key_resp = Vec::new();
    let mut key_coop = Vec::new();
    for l in &s.key_task_lists {
        for k in &l.items {
            if k.responsible.contains(&a.id) {
                key_resp.push(key_tasks::row(v, l, k));
            } else if k.cooperating.contains(&a.id) {
                key_coop.push(key_tasks::row(v, l, k));
            }
        }
    }
    // Its responsibility list as CSV, per table that has rows (as render::data writes them).
    let downloads: Vec<Value> = if !v.mode.features.data {
        Vec::new()
    } else {
        [
            ("tasks", "tasks", !led.is_empty() || !shared.is_empty()),
            ("indicators", "indicators", !inds.is_empty()),
            ("projects", "projects", !projs.is_empty()),
            ("key-tasks", "key_tasks", !key_resp.is_empty() || !key_coop.is_empty()),
        ]
        .iter()
        .filter(|(_, _, any)| *any)
        .map(|(name, label, _)| json!({"url": v.url(&format!("data/agencies/{}-{name}.csv", a.id)), "title": v.t(label)}))
        .collect()
    };
    v.page(
        &format!("agencies/{}/", a.id),
        "agency.html",
        PageKind::Item,
        v.tx(&a.name),
        v.plain(&a.name),
        &[("agencies/", esc(v.t("agencies")))],
        json!({
            "id": a.id,
            "kind": v.t(&format!("kind_{}", a.kind)),
            "group": a.is_group,
            "other_name": match v.lang { Lang::Zh => a.name.en.clone().unwrap_or_default(), Lang::En => a.name.zh.clone() },
            "aliases": a.aliases,
            "led": led, "shared": shared, "indicators": inds, "projects": projs,
            "key_resp": key_resp, "key_coop": key_coop,
            "rollup": v.rollup(tasks.iter().map(|t| Subject::Task(t.number))),
            "feed": v.feed_url(&format!("agencies/{}/feed.xml", a.id)),
            "downloads": downloads,
            "note": v.note("agencies", &a.id),
        }),
    )
}
