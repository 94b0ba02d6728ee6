//! Atom feeds of updates: the whole site's, and one per agency and river
//! (the updates concerning its items). Only made when feeds are on.

use super::family::{Family, Input, Jobs};
use super::frame::PageKind;
use super::html::esc;
use super::{updates, Ctx, PageView};
use crate::model::*;
use serde_json::{json, Value};

pub const FAMILY: Family = Family {
    name: "feeds",
    inputs: &[
        Input::Updates,
        Input::Agencies,
        Input::Rivers,
        Input::Tasks,
        Input::Indicators,
        Input::Projects,
        Input::KeyTasks,
        Input::Template("feed.xml"),
    ],
    pages,
};

fn pages<'s>(v: &'s Ctx<'s>, out: &Jobs<'_, 's>) {
    if !v.mode.features.feeds {
        return;
    }
    let s = v.site;
    out.page(move || {
        feed(
            v,
            "feed.xml",
            v.plain(&s.config.title),
            s.updates.iter().collect(),
        )
    });
    for a in &s.agencies {
        out.page(move || {
            feed(
                v,
                &format!("agencies/{}/feed.xml", a.id),
                format!("{} — {}", v.plain(&a.name), v.plain(&s.config.title)),
                v.involved.agency_updates(&a.id).to_vec(),
            )
        });
    }
    for r in &s.rivers {
        out.page(move || {
            feed(
                v,
                &format!("rivers/{}/feed.xml", r.id),
                format!("{} — {}", v.plain(&r.name), v.plain(&s.config.title)),
                v.involved.river_updates(&r.id).to_vec(),
            )
        });
    }
}

/// An Atom feed of `items` (given oldest first, listed newest first) at `path`.
/// Only called when feeds are on.
fn feed(v: &Ctx, path: &str, title: String, mut items: Vec<&Update>) -> PageView {
    items.reverse();
    let updated = items
        .first()
        .map(|u| u.date.clone())
        .or_else(|| v.site.config.build_date.clone())
        .unwrap_or_else(|| v.site.document.published.clone());
    let absolute = v.base_url.contains("://");
    let id = |p: &str| {
        if absolute {
            format!("{}{}{p}", v.base_url, v.lang.prefix())
        } else {
            format!("tag:gongkai,2022:{}{p}", v.lang.prefix())
        }
    };
    let entries: Vec<Value> = items
        .iter()
        .map(|u| {
            let mut e = updates::entry(v, u);
            e["entry_id"] = json!(id(&format!("updates/#{}", u.id)));
            e["link"] = json!(u
                .subjects
                .first()
                .map(|s| v.url(&s.path()))
                .unwrap_or_else(|| v.url("updates/")));
            e["title"] = json!(format!(
                "{} · {} · {}",
                u.subjects
                    .iter()
                    .map(|s| v.subject_label(*s))
                    .collect::<Vec<_>>()
                    .join(", "),
                v.t(&format!("status_{}", u.status.key())),
                u.date
            ));
            e
        })
        .collect();
    let mut page = v.page(
        path,
        "feed.xml",
        PageKind::Other,
        esc(&title),
        title.clone(),
        &[],
        json!({
            "feed_id": id(path),
            "updated": format!("{updated}T00:00:00Z"),
            "entries": entries,
            "html_url": v.url(path.trim_end_matches("feed.xml")),
        }),
    );
    page.ctx["feed_title"] = json!(title);
    page
}
