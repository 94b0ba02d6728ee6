//! The reference pages, each a family of its own (they read different
//! inputs): the glossary, the errata, commentary pages, the archive index,
//! the open-data page, the search page and the 404 page.

use super::family::{Family, Input, Jobs};
use super::frame::PageKind;
use super::html::esc;
use super::{Ctx, PageView};
use crate::model::*;
use crate::text::markdown;
use serde_json::{json, Value};

pub const GLOSSARY: Family = Family {
    name: "glossary",
    inputs: &[Input::Glossary, Input::Template("glossary.html")],
    pages: |v, out| out.page(move || glossary(v)),
};

pub const ERRATA: Family = Family {
    name: "errata",
    inputs: &[Input::Errata, Input::Template("errata.html")],
    pages: |v, out| out.page(move || errata(v)),
};

pub const PAGES: Family = Family {
    name: "pages",
    inputs: &[Input::Pages, Input::Template("page.html")],
    pages: commentary_pages,
};

/// The archive index (live site only: a snapshot links no archives).
pub const ARCHIVE: Family = Family {
    name: "archive",
    inputs: &[Input::Archives, Input::Template("archive.html")],
    pages: |v, out| {
        if v.mode.snapshot.is_none() {
            out.page(move || archive(v));
        }
    },
};

/// The open-data page (when open data is on).
pub const DATA: Family = Family {
    name: "data",
    inputs: &[Input::Template("data.html")],
    pages: |v, out| {
        if v.mode.features.data {
            out.page(move || data(v));
        }
    },
};

/// The search page (when search is on).
pub const SEARCH: Family = Family {
    name: "search",
    inputs: &[Input::Template("search.html")],
    pages: |v, out| {
        if v.mode.features.search {
            out.page(move || search(v));
        }
    },
};

/// The 404 page: a file, not a folder, as hosts serve it for any missing path.
pub const NOT_FOUND: Family = Family {
    name: "not_found",
    inputs: &[Input::Template("404.html")],
    pages: |v, out| out.page(move || not_found(v)),
};

fn glossary(v: &Ctx) -> PageView {
    let terms: Vec<Value> = v
        .site
        .glossary
        .iter()
        .map(|g| {
            let (term, other, other_lang) = match v.lang {
                Lang::Zh => (&g.zh, &g.en, Lang::En),
                Lang::En => (&g.en, &g.zh, Lang::Zh),
            };
            json!({"id": g.id, "term": term, "other": other, "other_lang": other_lang.code(), "explain": v.tx(&g.explain)})
        })
        .collect();
    v.page(
        "glossary/",
        "glossary.html",
        PageKind::List,
        esc(v.t("glossary")),
        v.t("glossary").to_string(),
        &[],
        json!({"terms": terms}),
    )
}

fn errata(v: &Ctx) -> PageView {
    let s = v.site;
    let errata: Vec<Value> = s
        .errata
        .values()
        .map(|e| json!({"id": e.id, "anchor": e.id.to_lowercase(), "line": e.line, "raw": e.raw, "corrected": e.corrected,
                        "why": v.tx(&e.why), "evidence": e.evidence.as_ref().map(|x| v.tx(x)), "lost_field": e.lost_field}))
        .collect();
    v.page(
        "errata/",
        "errata.html",
        PageKind::Other,
        esc(v.t("errata")),
        v.t("errata").to_string(),
        &[("plan/", esc(v.t("plan")))],
        json!({"errata": errata, "seed_url": format!("/source/{}", s.document.seed)}),
    )
}

fn commentary_pages<'s>(v: &'s Ctx<'s>, out: &Jobs<'_, 's>) {
    for p in &v.site.pages {
        out.maybe(move || commentary(v, p));
    }
}

/// A commentary page; none without its Chinese.
fn commentary(v: &Ctx, p: &Page) -> Option<PageView> {
    let zh = p.md.zh.as_ref()?;
    let (m, pending) = match (v.lang, &p.md.en) {
        (Lang::En, Some(en)) => (en, false),
        (Lang::En, None) => (zh, true),
        _ => (zh, false),
    };
    let title = m
        .front
        .title
        .clone()
        .or_else(|| zh.front.title.clone())
        .unwrap_or_default();
    Some(v.page(
        &format!("pages/{}/", p.slug),
        "page.html",
        PageKind::Other,
        esc(&title),
        title.clone(),
        &[],
        json!({"body": markdown::to_html(&m.body, 1, v.text_lang(pending), &v.base_url), "pending": pending}),
    ))
}

fn archive(v: &Ctx) -> PageView {
    let years: Vec<Value> = v
        .mode
        .archives
        .iter()
        .rev()
        .map(|a| json!({"year": a.year, "as_of": a.as_of, "tasks": a.tasks, "updates": a.updates, "pages": a.pages,
                        "manifest_hash": a.manifest_hash, "url": format!("/archive/{}/{}index.html", a.year, v.lang.prefix()),
                        "manifest": format!("/archive/{}/MANIFEST.sha256", a.year)}))
        .collect();
    v.page(
        "archive/",
        "archive.html",
        PageKind::Other,
        esc(v.t("archive")),
        v.t("archive").to_string(),
        &[],
        json!({"years": years}),
    )
}

fn data(v: &Ctx) -> PageView {
    let tables: Vec<Value> = crate::render::data::TABLES
        .iter()
        .map(|(name, zh, en)| json!({"title": if v.lang == Lang::Zh { *zh } else { *en }, "csv": v.url(&format!("data/{name}.csv"))}))
        .collect();
    v.page(
        "data/",
        "data.html",
        PageKind::List,
        esc(v.t("data")),
        v.t("data").to_string(),
        &[],
        json!({
            "tables": tables,
            "json": v.url("data/plan.json"),
            "xlsx": v.url("data/plan.xlsx"),
            "package": v.url("data/datapackage.json"),
            "build_date": v.site.config.build_date,
        }),
    )
}

fn search(v: &Ctx) -> PageView {
    v.page(
        "search/",
        "search.html",
        PageKind::Other,
        esc(v.t("search")),
        v.t("search").to_string(),
        &[],
        json!({"action": v.url("search/"), "script": "/static/search.js",
               // The script finds the index relative to the page (data-* is not rewritten).
               "root": "../".repeat(format!("{}search/", v.lang.prefix()).matches('/').count()),
               "offline_index": v.mode.snapshot.as_ref().map(|_| format!("/{}search/index-data.js", v.lang.prefix()))}),
    )
}

fn not_found(v: &Ctx) -> PageView {
    let mut nf = v.page(
        "404.html",
        "404.html",
        PageKind::Other,
        esc(v.t("not_found")),
        v.t("not_found").to_string(),
        &[],
        json!({}),
    );
    nf.served_anywhere = true;
    nf
}
