//! Atom feeds of updates: the whole site's, and one per agency and river
//! (the updates concerning its items). Only made when feeds are on.

use super::family::{family, Family, Input, Jobs, Reads};
use super::frame::{PageKind, PageMeta};
use super::html::Html;
use super::{updates, Ctx, PageView};
use crate::model::*;
use serde::Serialize;

pub const FAMILY: Family = family!("feeds", pages;
    reads Rivers, Tasks, Indicators, Projects, KeyTasks; templates "feed.xml"; shows updates::ENTRY);

fn pages<'s>(v: &'s Ctx<'s>, out: &Jobs<'_, 's>) {
    if !v.mode.features.feeds {
        return;
    }
    let s = v.site;
    let title = |name: &Text| format!("{} — {}", v.plain(name), v.plain(&s.config.title));
    let site = v.plain(&s.config.title).to_string();
    spawn(v, out, "feed.xml".into(), site, s.updates.iter().collect());
    let agencies = s.agencies.iter().map(|a| {
        let items = v.involved.agency_updates(&a.id);
        (format!("agencies/{}/feed.xml", a.id), &a.name, items)
    });
    let rivers = s.rivers.iter().map(|r| {
        let items = v.involved.river_updates(&r.id);
        (format!("rivers/{}/feed.xml", r.id), &r.name, items)
    });
    for (path, name, items) in agencies.chain(rivers) {
        spawn(v, out, path, title(name), items.to_vec());
    }
}

/// The feed of `items` at `path`, made when one of them (or their order)
/// changed: it shows nothing else of their subjects than their numbers.
fn spawn<'s>(
    v: &'s Ctx<'s>,
    out: &Jobs<'_, 's>,
    path: String,
    title: String,
    items: Vec<&'s Update>,
) {
    let subjects = items
        .iter()
        .flat_map(|u| u.subjects.iter().map(|s| s.path()));
    let reads = Reads::page(&path)
        .numbers_only()
        .none_of(Input::Updates)
        .only(Input::Updates, subjects)
        .salt(
            items
                .iter()
                .map(|u| u.id.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        );
    out.item(reads, move || feed(v, &path, title, items));
}

#[derive(Serialize)]
pub struct FeedView<'a> {
    pub feed_title: String,
    pub feed_id: String,
    /// When the newest entry was (else the build date, else the plan's publication).
    pub updated: String,
    /// Newest first.
    pub entries: Vec<FeedEntry<'a>>,
    /// The page the feed is of.
    pub html_url: String,
}

#[derive(Serialize)]
pub struct FeedEntry<'a> {
    pub entry_id: String,
    pub title: String,
    pub date: &'a str,
    /// The first subject's page (else the changelog).
    pub link: String,
    pub reporter_name: &'a str,
    /// HTML, which the feed carries escaped (`<content type="html">`).
    pub body: Html,
}

/// The Atom id of the feed or entry at `path` (of this language): its
/// address where the site's is absolute, else a `tag:` URI, stable either way.
pub(super) fn feed_id(v: &Ctx, path: &str) -> String {
    if v.base_url.contains("://") {
        format!("{}{}{path}", v.base_url, v.lang.prefix())
    } else {
        format!("tag:gongkai,2022:{}{path}", v.lang.prefix())
    }
}

/// An Atom feed of `items` (given oldest first, listed newest first) at `path`.
fn feed<'a>(v: &Ctx<'a>, path: &str, title: String, mut items: Vec<&'a Update>) -> PageView {
    items.reverse();
    let view = feed_view(v, path, title, &items);
    let meta = PageMeta {
        path,
        template: "feed.xml",
        kind: PageKind::Other,
        title: Html::escape(&view.feed_title),
        head_title: view.feed_title.clone(),
        crumbs: &[],
    };
    v.page(meta, view)
}

fn feed_view<'a>(
    v: &Ctx<'a>,
    path: &str,
    feed_title: String,
    items: &[&'a Update],
) -> FeedView<'a> {
    let updated = items
        .first()
        .map(|u| u.date.as_str())
        .or(v.site.config.build_date.as_deref())
        .unwrap_or(&v.site.document.published);
    let id = |p: &str| feed_id(v, p);
    let entries = items
        .iter()
        .map(|u| {
            let e = updates::entry(v, u);
            let subjects: Vec<String> = u.subjects.iter().map(|s| v.subject_label(*s)).collect();
            FeedEntry {
                entry_id: id(&format!("updates/#{}", u.id)),
                title: format!("{} · {} · {}", subjects.join(", "), e.status.label, u.date),
                date: e.date,
                link: u
                    .subjects
                    .first()
                    .map(|s| v.url(&s.path()))
                    .unwrap_or_else(|| v.url("updates/")),
                reporter_name: e.reporter_name,
                body: e.body,
            }
        })
        .collect();
    FeedView {
        feed_title,
        feed_id: id(path),
        updated: format!("{updated}T00:00:00Z"),
        entries,
        html_url: v.url(path.trim_end_matches("feed.xml")),
    }
}
