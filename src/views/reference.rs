//! The reference pages, each a family of its own (they read different
//! inputs): the glossary, the errata, commentary pages, the archive index,
//! the open-data page, the search page and the 404 page.

use super::context::{erratum_anchor, CorrectionView};
use super::family::{Family, Input, Jobs};
use super::frame::{PageKind, PageMeta};
use super::html::Html;
use super::{Ctx, PageView};
use crate::load::raw::RawPageList;
use crate::model::*;
use serde::Serialize;

pub const GLOSSARY: Family = Family {
    name: "glossary",
    reads: &[&[Input::Glossary, Input::Template("glossary.html")]],
    pages: |v, out| out.page("glossary/", move || glossary(v)),
};

pub const ERRATA: Family = Family {
    name: "errata",
    reads: &[&[Input::Errata, Input::Template("errata.html")]],
    pages: |v, out| out.page("errata/", move || errata(v)),
};

pub const PAGES: Family = Family {
    name: "pages",
    reads: &[&[Input::Pages, Input::Template("page.html")]],
    pages: commentary_pages,
};

/// The archive index (live site only: a snapshot links no archives).
pub const ARCHIVE: Family = Family {
    name: "archive",
    reads: &[&[Input::Archives, Input::Template("archive.html")]],
    pages: |v, out| {
        if v.mode.snapshot.is_none() {
            out.page("archive/", move || archive(v));
        }
    },
};

/// The open-data page (when open data is on).
pub const DATA: Family = Family {
    name: "data",
    reads: &[&[Input::Template("data.html")]],
    pages: |v, out| {
        if v.mode.features.data {
            out.page("data/", move || data(v));
        }
    },
};

/// The search page (when search is on).
pub const SEARCH: Family = Family {
    name: "search",
    reads: &[&[Input::Template("search.html")]],
    pages: |v, out| {
        if v.mode.features.search {
            out.page("search/", move || search(v));
        }
    },
};

/// The 404 page: a file, not a folder, as hosts serve it for any missing path.
pub const NOT_FOUND: Family = Family {
    name: "not_found",
    reads: &[&[Input::Template("404.html")]],
    pages: |v, out| out.page("404.html", move || not_found(v)),
};

fn glossary(v: &Ctx) -> PageView {
    let meta = PageMeta::titled(v, "glossary/", "glossary.html", PageKind::List, "glossary");
    v.page(meta, glossary_view(v))
}

#[derive(Serialize)]
pub struct GlossaryView<'a> {
    pub terms: Vec<TermView<'a>>,
}

#[derive(Serialize)]
pub struct TermView<'a> {
    pub id: &'a str,
    /// The term in the page's language, then in the other.
    pub term: &'a str,
    pub other: &'a str,
    pub other_lang: &'static str,
    pub explain: Html,
}

pub(super) fn glossary_view<'a>(v: &Ctx<'a>) -> GlossaryView<'a> {
    let terms = v
        .site
        .glossary
        .iter()
        .map(|g| {
            let (term, other, other_lang) = match v.lang {
                Lang::Zh => (&g.zh, &g.en, Lang::En),
                Lang::En => (&g.en, &g.zh, Lang::Zh),
            };
            TermView {
                id: &g.id,
                term,
                other,
                other_lang: other_lang.code(),
                explain: v.tx(&g.explain),
            }
        })
        .collect();
    GlossaryView { terms }
}

fn errata(v: &Ctx) -> PageView {
    let crumbs = [("plan/", Html::escape(v.t("plan")))];
    let meta =
        PageMeta::titled(v, "errata/", "errata.html", PageKind::Other, "errata").under(&crumbs);
    v.page(meta, errata_view(v))
}

#[derive(Serialize)]
pub struct ErrataView<'a> {
    pub errata: Vec<ErratumView<'a>>,
    pub seed_url: String,
}

/// An erratum's row: the correction as items show it, with its line and
/// evidence.
#[derive(Serialize)]
pub struct ErratumView<'a> {
    #[serde(flatten)]
    pub correction: CorrectionView<'a>,
    pub anchor: String,
    /// Its line in the source text.
    pub line: u32,
    pub evidence: Option<Html>,
    pub lost_field: Option<&'a str>,
}

pub(super) fn errata_view<'a>(v: &Ctx<'a>) -> ErrataView<'a> {
    let s = v.site;
    let errata = s
        .errata
        .values()
        .map(|e| ErratumView {
            correction: v.correction(e),
            anchor: erratum_anchor(e),
            line: e.line,
            evidence: e.evidence.as_ref().map(|x| v.tx(x)),
            lost_field: e.lost_field.as_deref(),
        })
        .collect();
    ErrataView {
        errata,
        seed_url: format!("/source/{}", s.document.seed),
    }
}

fn commentary_pages<'s>(v: &'s Ctx<'s>, out: &Jobs<'_, 's>) {
    // A page that shows a generated list belongs to that list's family.
    for p in v.site.pages.iter().filter(|p| shows(p).is_none()) {
        out.maybe(commentary_path(p), move || {
            let (c, view) = commentary(v, p)?;
            Some(v.page(c.meta(), view))
        });
    }
}

/// The generated list a commentary page shows below its text, if any.
pub(super) fn shows(p: &Page) -> Option<RawPageList> {
    p.md.zh.as_ref()?.front.shows
}

#[derive(Serialize)]
pub struct CommentaryView<'a> {
    /// Markdown as HTML, in Chinese while its translation is pending.
    pub body: Html,
    pub pending: bool,
    /// What every commentary page states from the build, never typed in:
    /// the data date, the licence of the data, the source document.
    pub facts: Facts<'a>,
}

#[derive(Serialize)]
pub struct Facts<'a> {
    pub data_date: Option<&'a str>,
    /// As configured (`data_licence`); None: no licence has been declared.
    pub licence: Option<Html>,
    pub doc_number: &'a str,
    pub doc_title: Html,
    pub plan_url: String,
}

/// A commentary page's path and title, for its frame.
pub(super) struct Commentary {
    path: String,
    title: String,
}

impl Commentary {
    pub(super) fn meta(&self) -> PageMeta<'_> {
        PageMeta {
            path: &self.path,
            template: "page.html",
            kind: PageKind::Other,
            title: Html::escape(&self.title),
            head_title: self.title.clone(),
            crumbs: &[],
        }
    }
}

/// Where a commentary page is.
pub(super) fn commentary_path(p: &Page) -> String {
    format!("pages/{}/", p.slug)
}

/// A commentary page; none without its Chinese.
pub(super) fn commentary<'a>(v: &Ctx<'a>, p: &Page) -> Option<(Commentary, CommentaryView<'a>)> {
    let zh = p.md.zh.as_ref()?;
    let (m, pending) = match (v.lang, &p.md.en) {
        (Lang::En, Some(en)) => (en, false),
        (Lang::En, None) => (zh, true),
        _ => (zh, false),
    };
    let title = m.front.title.as_ref().or(zh.front.title.as_ref());
    let title = title.map_or("", String::as_str);
    let s = v.site;
    let view = CommentaryView {
        body: v.markdown(&m.body, 1, pending),
        pending,
        facts: Facts {
            data_date: s.config.build_date.as_deref(),
            licence: s.config.data_licence.as_ref().map(|l| v.tx(l)),
            doc_number: &s.document.doc_number,
            doc_title: v.tx(&s.document.title),
            plan_url: v.url("plan/"),
        },
    };
    let c = Commentary {
        path: commentary_path(p),
        title: title.to_string(),
    };
    Some((c, view))
}

fn archive(v: &Ctx) -> PageView {
    let meta = PageMeta::titled(v, "archive/", "archive.html", PageKind::Other, "archive");
    v.page(meta, archive_view(v))
}

#[derive(Serialize)]
pub struct ArchiveView<'a> {
    /// Newest first.
    pub years: Vec<ArchiveYear<'a>>,
}

#[derive(Serialize)]
pub struct ArchiveYear<'a> {
    pub year: u32,
    pub as_of: &'a str,
    pub tasks: usize,
    pub updates: usize,
    pub pages: usize,
    pub manifest_hash: &'a str,
    pub url: String,
    pub manifest: String,
}

pub(super) fn archive_view<'a>(v: &Ctx<'a>) -> ArchiveView<'a> {
    let years = v
        .mode
        .archives
        .iter()
        .rev()
        .map(|a| ArchiveYear {
            year: a.year,
            as_of: &a.as_of,
            tasks: a.tasks,
            updates: a.updates,
            pages: a.pages,
            manifest_hash: &a.manifest_hash,
            url: format!("/archive/{}/{}index.html", a.year, v.lang.prefix()),
            manifest: format!("/archive/{}/MANIFEST.sha256", a.year),
        })
        .collect();
    ArchiveView { years }
}

fn data(v: &Ctx) -> PageView {
    let meta = PageMeta::titled(v, "data/", "data.html", PageKind::List, "data");
    v.page(meta, data_view(v))
}

#[derive(Serialize)]
pub struct DataView<'a> {
    pub tables: Vec<TableLink>,
    pub json: String,
    pub xlsx: String,
    pub package: String,
    pub build_date: Option<&'a str>,
}

/// One table of the site-wide download, as CSV.
#[derive(Serialize)]
pub struct TableLink {
    pub title: &'static str,
    pub csv: String,
}

pub(super) fn data_view<'a>(v: &Ctx<'a>) -> DataView<'a> {
    let tables = crate::model::open_data::TABLES
        .iter()
        .map(|(name, zh, en)| TableLink {
            title: if v.lang == Lang::Zh { zh } else { en },
            csv: v.url(&format!("data/{name}.csv")),
        })
        .collect();
    DataView {
        tables,
        json: v.url("data/plan.json"),
        xlsx: v.url("data/plan.xlsx"),
        package: v.url("data/datapackage.json"),
        build_date: v.site.config.build_date.as_deref(),
    }
}

#[derive(Serialize)]
pub struct SearchView {
    pub action: String,
    pub script: &'static str,
    /// The script finds the index relative to the page (data-* is not rewritten).
    pub root: String,
    /// The page's language, whose index the script searches.
    pub lang: &'static str,
}

fn search(v: &Ctx) -> PageView {
    let prefix = v.lang.prefix();
    let view = SearchView {
        action: v.url("search/"),
        script: "/static/search.js",
        root: "../".repeat(format!("{prefix}search/").matches('/').count()),
        lang: match v.lang {
            crate::model::Lang::Zh => "zh",
            crate::model::Lang::En => "en",
        },
    };
    let meta = PageMeta::titled(v, "search/", "search.html", PageKind::Other, "search");
    v.page(meta, view)
}

/// The 404 page shows only the frame.
#[derive(Serialize)]
pub struct NotFoundView {}

fn not_found(v: &Ctx) -> PageView {
    let meta = PageMeta::titled(v, "404.html", "404.html", PageKind::Other, "not_found");
    let mut nf = v.page(meta, NotFoundView {});
    nf.served_anywhere = true;
    nf
}
