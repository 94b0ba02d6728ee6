//! The site as one language's pages see it (`Ctx`), with what every family
//! needs: interface strings, URLs, texts with their "translation pending"
//! mark, links to agencies and rivers, corrections and notes.

use super::family::Input;
use super::html::{esc, Html};
use super::index::Involved;
use super::{Mode, Strings};
use crate::model::*;
use crate::progress::Progress;
use crate::text::markdown;
use serde::Serialize;
use std::collections::BTreeSet;
use std::sync::Mutex;

/// What links to agencies read.
pub const AGENCY_LINKS: &[Input] = &[Input::Agencies, Input::Template("agency_list.html")];

/// What the corrections beside an item read.
pub const CORRECTIONS: &[Input] = &[Input::Errata, Input::Template("corrections.html")];

/// What an item's note on the document's own agency wording reads
/// (`Ctx::written_as`).
pub const WRITTEN_AS: &[Input] = &[Input::Agencies, Input::Template("written_as.html")];

/// One language's view of the site: what each page family derives its
/// pages from.
pub struct Ctx<'a> {
    pub(super) site: &'a Site,
    pub(super) lang: Lang,
    t: &'a Strings,
    pub(super) base_url: &'a str,
    /// Interface strings asked for but missing (the build fails on them).
    missing: Mutex<BTreeSet<String>>,
    pub(super) progress: &'a Progress<'a>,
    pub(super) involved: &'a Involved<'a>,
    pub(super) mode: &'a Mode,
}

/// The input a `Ctx` is made from, apart from its language.
pub struct Shared<'a> {
    pub site: &'a Site,
    pub progress: &'a Progress<'a>,
    pub involved: &'a Involved<'a>,
    pub base_url: &'a str,
    pub mode: &'a Mode,
}

/// A link to an agency, as lists of agencies show it.
#[derive(Serialize)]
pub struct AgencyLink {
    pub url: String,
    pub name: Html,
    /// A group of agencies (e.g. "each town"), marked as such.
    pub group: bool,
}

#[derive(Serialize)]
pub struct RiverLink {
    pub url: String,
    pub name: Html,
}

/// A correction of the source text shown beside what it corrects.
#[derive(Serialize)]
pub struct CorrectionView<'a> {
    pub id: &'a str,
    /// The extraction lost the whole value.
    pub lost: bool,
    /// Nothing was lost and the text is kept as written (the rule could not
    /// show the one right reading).
    pub kept: bool,
    pub raw: &'a str,
    pub corrected: &'a str,
    pub why: Html,
    pub url: String,
}

/// The anchor of an erratum's row in the errata.
pub(super) fn erratum_anchor(e: &Erratum) -> String {
    e.id.to_lowercase()
}

/// The document's own wording of an agency that the page names by the
/// registry's name.
#[derive(Serialize)]
pub struct WrittenAsView<'a> {
    pub wording: &'a str,
    pub name: Html,
    pub url: String,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(shared: &Shared<'a>, lang: Lang, t: &'a Strings) -> Ctx<'a> {
        Ctx {
            site: shared.site,
            lang,
            t,
            base_url: shared.base_url,
            missing: Mutex::default(),
            progress: shared.progress,
            involved: shared.involved,
            mode: shared.mode,
        }
    }

    /// The interface strings asked for that the theme lacks.
    pub(super) fn into_missing(self) -> BTreeSet<String> {
        self.missing.into_inner().unwrap_or_else(|e| e.into_inner())
    }

    /// An interface string. A missing key is recorded, and the build fails
    /// on it, so what is returned for it is never published.
    pub(super) fn t(&self, key: &str) -> &'a str {
        match self.t.get(key) {
            Some(s) => s,
            None => {
                self.missing
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(key.to_string());
                ""
            }
        }
    }

    /// Site-absolute URL of a language-neutral path ("tasks/8/").
    pub(super) fn url(&self, path: &str) -> String {
        format!("/{}{}", self.lang.prefix(), path)
    }

    /// A text as HTML: the language's, or the Chinese with a mark where
    /// the English is pending.
    pub(super) fn tx(&self, text: &Text) -> Html {
        match text.get(self.lang) {
            Some(s) => Html::escape(s),
            None => Html::markup(format!(
                "<span lang=\"zh-CN\">{}</span> <span class=\"pending\">({})</span>",
                esc(&text.zh),
                esc(self.t("translation_pending"))
            )),
        }
    }

    /// A page's main text as HTML, where the first use of each glossary
    /// term links to its entry.
    pub(super) fn tx_linked(&self, text: &Text) -> Html {
        match text.get(self.lang) {
            Some(s) => Html::markup(self.link_terms(s)),
            None => self.tx(text),
        }
    }

    /// Plain text (for <title> and meta): the language's text or the Chinese.
    pub(super) fn plain<'t>(&self, text: &'t Text) -> &'t str {
        text.get(self.lang).unwrap_or(&text.zh)
    }

    pub(super) fn agencies(&self, ids: &[String]) -> Vec<AgencyLink> {
        ids.iter()
            .filter_map(|id| self.site.agency(id))
            .map(|a| AgencyLink {
                url: self.url(&format!("agencies/{}/", a.id)),
                name: self.tx(&a.name),
                group: a.is_group,
            })
            .collect()
    }

    pub(super) fn rivers(&self, ids: &[String]) -> Vec<RiverLink> {
        ids.iter()
            .filter_map(|id| self.site.river(id))
            .map(|r| RiverLink {
                url: self.url(&format!("rivers/{}/", r.id)),
                name: self.tx(&r.name),
            })
            .collect()
    }

    pub(super) fn corrections(&self, ids: &[String]) -> Vec<CorrectionView<'a>> {
        ids.iter()
            .filter_map(|id| self.site.errata.get(id))
            .map(|e| self.correction(e))
            .collect()
    }

    /// A correction as shown beside what it corrects and in the errata.
    pub(super) fn correction(&self, e: &'a Erratum) -> CorrectionView<'a> {
        CorrectionView {
            id: &e.id,
            lost: e.lost_field.is_some(),
            kept: e.lost_field.is_none() && e.raw == e.corrected,
            raw: &e.raw,
            corrected: &e.corrected,
            why: self.tx(&e.why),
            url: self.url(&format!("errata/#{}", erratum_anchor(e))),
        }
    }

    /// Where the page shows an agency's registry name for an alias the
    /// document wrote (区应急局 → 区应急管理局): the document's wording, and
    /// the agency as the page names it.
    pub(super) fn written_as(
        &self,
        map: &'a std::collections::BTreeMap<String, String>,
    ) -> Vec<WrittenAsView<'a>> {
        map.iter()
            .filter_map(|(id, wording)| {
                let a = self.site.agency(id)?;
                Some(WrittenAsView {
                    wording,
                    name: self.tx(&a.name),
                    url: self.url(&format!("agencies/{id}/")),
                })
            })
            .collect()
    }

    /// An investment (亿元, as the plan writes it) in a table cell under a
    /// column that names the unit: the bare figure in Chinese, the English
    /// amount form in English (whose column does not name a unit).
    pub(super) fn amount_cell(&self, yi: &str) -> String {
        match self.lang {
            Lang::Zh => yi.to_string(),
            Lang::En => self.amount(yi),
        }
    }

    /// An investment (亿元) in running text: "2 亿元", "CNY 200 million".
    pub(super) fn amount(&self, yi: &str) -> String {
        match self.lang {
            Lang::Zh => format!("{yi} {}", self.t("unit_yi")),
            // Validation has checked that every investment is an amount.
            Lang::En => crate::model::amount::yi_english(yi).unwrap_or_else(|| yi.to_string()),
        }
    }

    /// A range of years or numbers: "2021—2025" in Chinese, with an en dash
    /// ("2021–2025") in English.
    pub(super) fn range(&self, a: u32, b: u32) -> String {
        match self.lang {
            Lang::Zh => format!("{a}—{b}"),
            Lang::En => format!("{a}–{b}"),
        }
    }

    /// The language of a text shown on this page: the page's, or Chinese
    /// while its translation is pending.
    pub(super) fn text_lang(&self, pending: bool) -> Lang {
        if pending {
            Lang::Zh
        } else {
            self.lang
        }
    }

    /// Markdown as sanitised HTML, its headings shifted `shift` levels down.
    pub(super) fn markdown(&self, body: &str, shift: u8, pending: bool) -> Html {
        Html::markup(markdown::to_html(
            body,
            shift,
            self.text_lang(pending),
            self.base_url,
        ))
    }

    /// The markdown note on an item (`kind` "tasks", "agencies" or "rivers"),
    /// as HTML, marked where its translation is pending.
    pub(super) fn note(&self, kind: &str, id: &str) -> Option<Html> {
        let md = self.site.notes.get(&(kind.to_string(), id.to_string()))?;
        let (m, pending) = match (self.lang, &md.en) {
            (Lang::En, Some(en)) => (en, false),
            (Lang::En, None) => (md.zh.as_ref()?, true),
            (Lang::Zh, _) => (md.zh.as_ref()?, false),
        };
        let html = self.markdown(&m.body, 1, pending);
        Some(if pending {
            Html::markup(format!(
                "<p class=\"pending\">({})</p><div lang=\"zh-CN\">{}</div>",
                esc(self.t("translation_pending")),
                html.as_str()
            ))
        } else {
            html
        })
    }

    /// A feed's URL, or none when feeds are switched off.
    pub(super) fn feed_url(&self, path: &str) -> Option<String> {
        self.mode.features.feeds.then(|| self.url(path))
    }

    pub(super) fn subject_label(&self, s: Subject) -> String {
        match s {
            Subject::Task(n) => format!("{} {n}", self.t("task")),
            Subject::Indicator(n) => format!("{} {n}", self.t("indicator")),
            Subject::Project(n) => format!("{} {n}", self.t("project")),
            Subject::KeyTask(y, n) => format!("{y} {} {n}", self.t("key_task")),
        }
    }

    /// An interface string naming a kind of agency or river (`kind_district` …).
    pub(super) fn kind_label(&self, kind: &str) -> &'a str {
        self.t(&format!("kind_{kind}"))
    }

    /// An interface string naming a status.
    pub(super) fn status_label(&self, s: Status) -> &'a str {
        self.t(&format!("status_{}", s.key()))
    }
}
