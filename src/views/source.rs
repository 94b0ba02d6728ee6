//! Provenance a reader can follow: the source document's text as a page of
//! its own (`/source/`, one anchor per line, `#L353`, in Chinese on both
//! language editions, as the document is), and the block every item page
//! shows instead of a bare line number: a link to the text at the item,
//! with the document's own metadata.

use super::family::{family, Family, Jobs};
use super::frame::{PageKind, PageMeta};
use super::html::Html;
use super::Ctx;
use serde::Serialize;

pub const FAMILY: Family = family!("source", |v, out: &Jobs| out.page(PATH, move || source_page(v));
    reads Source; templates "source.html"; shows);

/// The path of the source page, and of one line on it.
const PATH: &str = "source/";

fn source_page(v: &Ctx) -> super::PageView {
    let crumbs = [("plan/", Html::escape(v.t("plan")))];
    let meta =
        PageMeta::titled(v, PATH, "source.html", PageKind::Other, "source_page").under(&crumbs);
    v.page(meta, source_view(v))
}

/// The source page: the document's metadata, then its text line by line.
#[derive(Serialize)]
pub struct SourceView<'a> {
    pub document: DocumentMeta<'a>,
    /// The lines that hold text (blank ones are left out; the numbers are
    /// those of the file, so `#L353` is line 353 of the download).
    pub lines: Vec<SourceLine<'a>>,
}

#[derive(Serialize)]
pub struct SourceLine<'a> {
    pub number: usize,
    pub text: &'a str,
}

/// The document's own metadata, as it states it.
#[derive(Serialize)]
pub struct DocumentMeta<'a> {
    pub title: Html,
    pub doc_number: &'a str,
    pub issuer: Html,
    pub written: &'a str,
    pub published: &'a str,
    /// The source text as a plain-text download.
    pub raw_url: String,
    /// The source page.
    pub url: String,
}

/// An item's provenance: where the document states it, and what the
/// document is.
#[derive(Serialize)]
pub struct ProvenanceView<'a> {
    /// The source page at the item's line.
    pub url: String,
    pub line: u32,
    pub document: DocumentMeta<'a>,
}

fn source_view<'a>(v: &Ctx<'a>) -> SourceView<'a> {
    let lines = v
        .mode
        .source_text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, text)| SourceLine {
            number: i + 1,
            text: text.trim_end(),
        })
        .collect();
    SourceView {
        document: v.document_meta(),
        lines,
    }
}

impl<'a> Ctx<'a> {
    fn document_meta(&self) -> DocumentMeta<'a> {
        let d = &self.site.document;
        DocumentMeta {
            title: self.tx(&d.title),
            doc_number: &d.doc_number,
            issuer: self.tx(&d.issuer),
            written: &d.written,
            published: &d.published,
            raw_url: format!("/source/{}", d.seed),
            url: self.url(PATH),
        }
    }

    /// The provenance block of an item stated at `line` of the source text.
    pub(super) fn provenance(&self, line: u32) -> ProvenanceView<'a> {
        ProvenanceView {
            url: format!("{}#L{line}", self.url(PATH)),
            line,
            document: self.document_meta(),
        }
    }
}
