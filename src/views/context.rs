//! The site as one language's pages see it (`Ctx`), with what every family
//! needs: interface strings, URLs, texts with their "translation pending"
//! mark, links to agencies and rivers, corrections and notes.

use super::html::esc;
use super::index::Involved;
use super::{Mode, Strings};
use crate::model::*;
use crate::progress::Progress;
use crate::text::markdown;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::sync::Mutex;

/// One language's view of the site: what each page family derives its
/// pages from.
pub struct Ctx<'a> {
    pub(super) site: &'a Site,
    pub(super) lang: Lang,
    pub(super) t: &'a Strings,
    pub(super) base_url: String,
    /// Interface strings asked for but missing (the build fails on them).
    pub(super) missing: Mutex<BTreeSet<String>>,
    pub(super) progress: &'a Progress<'a>,
    pub(super) involved: &'a Involved<'a>,
    pub(super) mode: &'a Mode,
}

impl Ctx<'_> {
    /// An interface string. A missing key is recorded (the build fails on it)
    /// rather than shown as the key.
    pub(super) fn t<'k>(&'k self, key: &'k str) -> &'k str {
        self.t.get(key).map(String::as_str).unwrap_or_else(|| {
            self.missing
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(key.to_string());
            key
        })
    }

    /// Site-absolute URL of a language-neutral path ("tasks/8/").
    pub(super) fn url(&self, path: &str) -> String {
        format!("/{}{}", self.lang.prefix(), path)
    }

    /// Escaped HTML of a text, with the Chinese and a mark where English is pending.
    pub(super) fn tx(&self, text: &Text) -> String {
        match text.get(self.lang) {
            Some(s) => esc(s),
            None => format!(
                "<span lang=\"zh-CN\">{}</span> <span class=\"pending\">({})</span>",
                esc(&text.zh),
                esc(self.t("translation_pending"))
            ),
        }
    }

    /// Escaped HTML of a page's main text, where the first use of each
    /// glossary term links to its entry.
    pub(super) fn tx_linked(&self, text: &Text) -> String {
        match text.get(self.lang) {
            Some(s) => self.link_terms(s),
            None => self.tx(text),
        }
    }

    /// Plain text (for <title> and meta): the language's text or the Chinese.
    pub(super) fn plain(&self, text: &Text) -> String {
        text.get(self.lang).unwrap_or(&text.zh).to_string()
    }

    pub(super) fn agencies(&self, ids: &[String]) -> Vec<Value> {
        ids.iter()
            .filter_map(|id| self.site.agency(id))
            .map(|a| json!({"url": self.url(&format!("agencies/{}/", a.id)), "name": self.tx(&a.name), "group": a.is_group}))
            .collect()
    }

    pub(super) fn rivers(&self, ids: &[String]) -> Vec<Value> {
        ids.iter()
            .filter_map(|id| self.site.river(id))
            .map(|r| json!({"url": self.url(&format!("rivers/{}/", r.id)), "name": self.tx(&r.name)}))
            .collect()
    }

    pub(super) fn corrections(&self, ids: &[String]) -> Vec<Value> {
        ids.iter()
            .filter_map(|id| self.site.errata.get(id))
            .map(|e| {
                json!({
                    "id": e.id,
                    "lost": e.lost_field.is_some(),
                    "raw": e.raw,
                    "corrected": e.corrected,
                    "why": self.tx(&e.why),
                    "url": self.url(&format!("errata/#{}", e.id.to_lowercase())),
                })
            })
            .collect()
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

    /// The markdown note on an item (`kind` "tasks", "agencies" or "rivers"),
    /// as HTML, marked where its translation is pending.
    pub(super) fn note(&self, kind: &str, id: &str) -> Option<String> {
        let md = self.site.notes.get(&(kind.to_string(), id.to_string()))?;
        let (m, pending) = match (self.lang, &md.en) {
            (Lang::En, Some(en)) => (en, false),
            (Lang::En, None) => (md.zh.as_ref()?, true),
            (Lang::Zh, _) => (md.zh.as_ref()?, false),
        };
        let html = markdown::to_html(&m.body, 1, self.text_lang(pending), &self.base_url);
        Some(if pending {
            format!(
                "<p class=\"pending\">({})</p><div lang=\"zh-CN\">{html}</div>",
                esc(self.t("translation_pending"))
            )
        } else {
            html
        })
    }

    /// A feed's URL, or null when feeds are switched off.
    pub(super) fn feed_url(&self, path: &str) -> Value {
        if self.mode.features.feeds {
            json!(self.url(path))
        } else {
            Value::Null
        }
    }

    pub(super) fn subject_label(&self, s: Subject) -> String {
        match s {
            Subject::Task(n) => format!("{} {n}", self.t("task")),
            Subject::Indicator(n) => format!("{} {n}", self.t("indicator")),
            Subject::Project(n) => format!("{} {n}", self.t("project")),
            Subject::KeyTask(y, n) => format!("{y} {} {n}", self.t("key_task")),
        }
    }
}
