//! The history of the items as pages show it: the dated list of changes on
//! each task, indicator, project and key-task page, the site-wide
//! `/changes/` page (newest first, by commit) and its Atom feed. What
//! changed is said in words of the page's language: "责任单位：增加
//! 区水利局" / "Responsible: added District Water Resources Bureau", and a
//! text's change as excerpts before and after. The history is read before
//! the build (`crate::history`); these views only read it.

use super::family::{family, Family, Input, Jobs};
use super::frame::{PageKind, PageMeta};
use super::html::Html;
use super::Ctx;
use crate::history::{Change, Edit, UpdateState};
use crate::model::*;
use serde::Serialize;

/// What an item page's history section reads.
pub const SECTION: &[Input] = &[
    Input::History,
    Input::Agencies,
    Input::Rivers,
    Input::Template("history.html"),
];

pub const FAMILY: Family = family!("changes", pages;
    reads History, Tasks, Indicators, Projects, KeyTasks; templates "changes.html", "feed.xml";
    shows SECTION);

/// The feed of every change.
const FEED: &str = "changes/feed.xml";

fn pages<'s>(v: &'s Ctx<'s>, out: &Jobs<'_, 's>) {
    out.page("changes/", move || {
        let meta = PageMeta::titled(v, "changes/", "changes.html", PageKind::List, "changes");
        v.page(meta, changes(v))
    });
    if v.mode.features.feeds {
        out.page(FEED, move || feed(v));
    }
}

/// The history section of an item's page.
#[derive(Serialize)]
pub struct HistoryView {
    /// False: the build had no history to read (the page says so).
    pub available: bool,
    /// Newest first.
    pub entries: Vec<ChangeView>,
}

/// One commit's change to one item.
#[derive(Serialize)]
pub struct ChangeView {
    pub date: String,
    pub commit: String,
    pub edits: Vec<EditView>,
}

/// One edit in words: "责任单位" + "增加 区水利局", or a text's excerpts.
#[derive(Serialize)]
pub struct EditView {
    pub label: String,
    pub summary: String,
    pub before: Option<String>,
    pub after: Option<String>,
    /// The language of `before`/`after` (a Chinese text on an English page).
    pub text_lang: Option<&'static str>,
}

impl Ctx<'_> {
    /// The history section of `subject`'s page.
    pub(super) fn history_view(&self, subject: Subject) -> HistoryView {
        let h = &self.site.history;
        HistoryView {
            available: h.available,
            entries: h
                .of(subject)
                .map(|c| ChangeView {
                    date: c.date.clone(),
                    commit: c.commit.clone(),
                    edits: c.edits.iter().map(|e| self.edit_view(e)).collect(),
                })
                .collect(),
        }
    }

    fn field_label(&self, field: &str) -> &str {
        self.t(&format!("history_field_{field}"))
    }

    fn names(&self, field: &str, ids: &[String]) -> String {
        let name = |id: &String| {
            let text = if field == "rivers" {
                self.site.river(id).map(|r| &r.name)
            } else {
                self.site.agency(id).map(|a| &a.name)
            };
            text.map_or_else(|| id.clone(), |t| self.plain(t).to_string())
        };
        ids.iter()
            .map(name)
            .collect::<Vec<_>>()
            .join(self.t("list_sep"))
    }

    fn update_state(&self, u: &UpdateState) -> String {
        let status = u.status.map_or("", |s| self.status_label(s));
        match u.percent {
            Some(p) => format!("{} · {status} · {p}%", u.date),
            None => format!("{} · {status}", u.date),
        }
    }

    fn edit_view(&self, e: &Edit) -> EditView {
        let none = || self.t("history_none").to_string();
        let line = |label: String, summary: String| EditView {
            label,
            summary,
            before: None,
            after: None,
            text_lang: None,
        };
        let before_after = |label: String, b: String, a: String, lang: Option<Lang>| EditView {
            label,
            summary: String::new(),
            before: Some(b),
            after: Some(a),
            text_lang: lang.map(Lang::code),
        };
        match e {
            Edit::Added => line(self.t("history_added").into(), String::new()),
            Edit::Removed => line(self.t("history_removed").into(), String::new()),
            Edit::Text {
                field,
                lang,
                before,
                after,
            } => {
                let label = self
                    .t("history_in_lang")
                    .replace("{field}", self.field_label(field))
                    .replace("{lang}", self.t(&format!("history_lang_{}", lang.key())));
                let (b, a) = excerpts(before, after);
                let or_none = |s: String| if s.is_empty() { none() } else { s };
                before_after(label, or_none(b), or_none(a), Some(*lang))
            }
            Edit::List {
                field,
                added,
                removed,
            } => {
                let mut parts = Vec::new();
                if !added.is_empty() {
                    parts.push(format!(
                        "{} {}",
                        self.t("history_added_items"),
                        self.names(field, added)
                    ));
                }
                if !removed.is_empty() {
                    parts.push(format!(
                        "{} {}",
                        self.t("history_removed_items"),
                        self.names(field, removed)
                    ));
                }
                line(
                    self.field_label(field).into(),
                    parts.join(self.t("history_sep")),
                )
            }
            Edit::Scalar {
                field,
                before,
                after,
            } => {
                let or_none = |s: &String| if s.is_empty() { none() } else { s.clone() };
                before_after(
                    self.field_label(field).into(),
                    or_none(before),
                    or_none(after),
                    None,
                )
            }
            Edit::Update { id, before, after } => {
                let label = format!("{} {id}", self.t("history_update"));
                match (before, after) {
                    (None, Some(a)) => line(
                        label,
                        format!("{} {}", self.t("history_added_items"), self.update_state(a)),
                    ),
                    (Some(b), None) => line(
                        label,
                        format!(
                            "{} {}",
                            self.t("history_removed_items"),
                            self.update_state(b)
                        ),
                    ),
                    (b, a) => before_after(
                        label,
                        b.as_ref().map_or_else(none, |u| self.update_state(u)),
                        a.as_ref().map_or_else(none, |u| self.update_state(u)),
                        None,
                    ),
                }
            }
            Edit::Value {
                year,
                before,
                after,
            } => before_after(
                self.t("history_value").replace("{year}", &year.to_string()),
                before.clone().unwrap_or_else(none),
                after.clone().unwrap_or_else(none),
                None,
            ),
        }
    }

    /// What a change touched, in a few words ("内容（英文）、责任单位").
    fn change_summary(&self, c: &Change) -> String {
        let mut labels: Vec<String> = Vec::new();
        for e in &c.edits {
            let l = self.edit_view(e).label;
            if !labels.contains(&l) {
                labels.push(l);
            }
        }
        labels.join(self.t("list_sep"))
    }
}

/// The part of two texts that differs, with a little context either side
/// ("…加强**监管**…" → "…加强**执法**…"), so a one-word edit of a long task
/// reads at a glance.
pub(super) fn excerpts(before: &str, after: &str) -> (String, String) {
    const CONTEXT: usize = 12;
    const LONGEST: usize = 160;
    let (b, a): (Vec<char>, Vec<char>) = (before.chars().collect(), after.chars().collect());
    let prefix = b.iter().zip(&a).take_while(|(x, y)| x == y).count();
    let max_suffix = b.len().min(a.len()) - prefix;
    let suffix = b
        .iter()
        .rev()
        .zip(a.iter().rev())
        .take(max_suffix)
        .take_while(|(x, y)| x == y)
        .count();
    let cut = |t: &[char]| {
        if t.is_empty() {
            return String::new();
        }
        // Whole words of English: widen to the word's edges.
        let word = |c: &char| c.is_ascii_alphanumeric();
        let mut start = prefix.saturating_sub(CONTEXT);
        while start > 0 && word(&t[start - 1]) {
            start -= 1;
        }
        let mut end = (t.len() - suffix + CONTEXT).min(t.len());
        while end < t.len() && word(&t[end]) {
            end += 1;
        }
        let mut s: String = t[start..end].iter().take(LONGEST).collect();
        if start > 0 {
            s.insert(0, '…');
        }
        if end < t.len() || end - start > LONGEST {
            s.push('…');
        }
        s
    };
    (cut(&b), cut(&a))
}

/// `/changes/`: every change, newest first, by commit.
#[derive(Serialize)]
pub struct ChangesView {
    pub available: bool,
    pub commits: Vec<CommitView>,
    pub feed: Option<String>,
}

#[derive(Serialize)]
pub struct CommitView {
    pub date: String,
    pub commit: String,
    pub items: Vec<ItemChangeView>,
}

#[derive(Serialize)]
pub struct ItemChangeView {
    pub label: String,
    pub url: String,
    /// Its page, language-neutral (`tasks/8/`).
    #[serde(skip)]
    pub path: String,
    pub what: String,
}

fn by_commit(v: &Ctx) -> Vec<CommitView> {
    let mut commits: Vec<CommitView> = Vec::new();
    for c in &v.site.history.changes {
        let item = ItemChangeView {
            label: v.subject_label(c.subject),
            url: v.url(&c.subject.path()),
            path: c.subject.path(),
            what: v.change_summary(c),
        };
        match commits.last_mut() {
            Some(last) if last.commit == c.commit => last.items.push(item),
            _ => commits.push(CommitView {
                date: c.date.clone(),
                commit: c.commit.clone(),
                items: vec![item],
            }),
        }
    }
    commits
}

fn changes(v: &Ctx) -> ChangesView {
    ChangesView {
        available: v.site.history.available,
        commits: by_commit(v),
        feed: v.feed_url("changes/feed.xml"),
    }
}

/// The feed of `/changes/` (the same fields as the updates' feeds, so it
/// shares their template).
#[derive(Serialize)]
struct ChangesFeed {
    feed_title: String,
    feed_id: String,
    updated: String,
    entries: Vec<ChangesEntry>,
    html_url: String,
}

#[derive(Serialize)]
struct ChangesEntry {
    entry_id: String,
    title: String,
    date: String,
    link: String,
    reporter_name: String,
    body: Html,
}

fn feed(v: &Ctx) -> super::PageView {
    let s = v.site;
    let path = FEED;
    let id = |p: &str| super::feeds::feed_id(v, p);
    let commits = by_commit(v);
    let entries = commits
        .iter()
        .map(|c| {
            let items: String = c
                .items
                .iter()
                .map(|i| {
                    // Relative to the feed (changes/feed.xml in either
                    // language), as the render stage writes every link.
                    format!(
                        "<li><a href=\"../{}\">{}</a>: {}</li>",
                        super::html::esc(&i.path),
                        super::html::esc(&i.label),
                        super::html::esc(&i.what)
                    )
                })
                .collect();
            ChangesEntry {
                entry_id: id(&format!("changes/#{}", c.commit)),
                title: v
                    .t("changes_entry_title")
                    .replace("{date}", &c.date)
                    .replace("{commit}", &c.commit)
                    .replace("{n}", &c.items.len().to_string()),
                date: c.date.clone(),
                link: format!("{}#c-{}", v.url("changes/"), c.commit),
                reporter_name: v.plain(&s.config.title).to_string(),
                body: Html::markup(format!("<ul>{items}</ul>")),
            }
        })
        .collect();
    let title = format!("{} — {}", v.t("changes"), v.plain(&s.config.title));
    let updated = commits
        .first()
        .map(|c| c.date.clone())
        .or(s.config.build_date.clone())
        .unwrap_or_else(|| s.document.published.clone());
    let view = ChangesFeed {
        feed_title: title.clone(),
        feed_id: id(path),
        updated: format!("{updated}T00:00:00Z"),
        entries,
        html_url: v.url("changes/"),
    };
    let meta = PageMeta {
        path,
        template: "feed.xml",
        kind: PageKind::Other,
        title: Html::escape(&title),
        head_title: title,
        crumbs: &[],
    };
    v.page(meta, view)
}

/// The history of `subject` in the words of its page, as plain text (what
/// `gongkai history` prints): one block per change, newest first.
pub fn history_text(site: &Site, strings: &super::Strings, lang: Lang, subject: Subject) -> String {
    let progress = crate::progress::Progress::of(site);
    let involved = super::index::Involved::new(site);
    let mode = super::Mode::default();
    let shared = super::context::Shared {
        site,
        progress: &progress,
        involved: &involved,
        base_url: "/",
        mode: &mode,
    };
    let v = Ctx::new(&shared, lang, strings);
    let h = v.history_view(subject);
    let colon = v.t("history_colon");
    let mut out = format!("{} — {}\n", v.subject_label(subject), v.t("history"));
    if !h.available {
        out.push_str(v.t("history_unavailable"));
        out.push('\n');
    } else if h.entries.is_empty() {
        out.push_str(v.t("history_none_recorded"));
        out.push('\n');
    }
    for c in &h.entries {
        out.push_str(&format!("\n{} {}\n", c.date, c.commit));
        for e in &c.edits {
            out.push_str(&format!("  {}", e.label));
            if !e.summary.is_empty() {
                out.push_str(&format!("{colon}{}", e.summary));
            }
            out.push('\n');
            if let (Some(b), Some(a)) = (&e.before, &e.after) {
                out.push_str(&format!("    {}{colon}{b}\n", v.t("history_before")));
                out.push_str(&format!("    {}{colon}{a}\n", v.t("history_after")));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::excerpts;

    #[test]
    fn excerpts_show_what_differs_with_context() {
        let (b, a) = excerpts(
            "到2025年，全面加强大足区生态环境监管能力建设",
            "到2025年，全面加强大足区生态环境执法能力建设",
        );
        assert_eq!(b, "…，全面加强大足区生态环境监管能力建设");
        assert_eq!(a, "…，全面加强大足区生态环境执法能力建设");
        assert_eq!(excerpts("", "New"), (String::new(), "New".to_string()));
        let long = "甲".repeat(100);
        let (b, _) = excerpts(&format!("{long}乙{long}"), &format!("{long}丙{long}"));
        assert_eq!(b, format!("…{}乙{}…", "甲".repeat(12), "甲".repeat(12)));
    }
}
