//! Staff-written markdown outside the updates: commentary pages
//! (`content/pages/`) and notes on a task, agency or river
//! (`content/notes/{tasks,agencies,rivers}/`). A page's file name becomes
//! its URL and it needs a title; a note is on something that exists. What
//! the text itself may hold is `markdown`'s concern.

use super::ids::is_slug;
use super::refs::Refs;
use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics};
use crate::load::RawBilingualMarkdown;
use crate::model::*;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The file a diagnostic on a whole bilingual markdown names: the Chinese
/// original, else the English twin.
fn file_of(md: &RawBilingualMarkdown) -> PathBuf {
    md.zh
        .as_ref()
        .or(md.en.as_ref())
        .map(|m| m.path.clone())
        .unwrap_or_default()
}

/// Commentary pages, by slug: a slug file name and a `title` in the
/// Chinese original's front matter.
pub fn pages(raw: &[(String, RawBilingualMarkdown)], d: &mut Diagnostics) -> Vec<Page> {
    let mut pages = Vec::new();
    for (slug, md) in raw {
        if !is_slug(slug) {
            d.push(Diagnostic::file(file_of(md), format!("page file name `{slug}` must be lowercase ASCII letters, digits and hyphens (it becomes the URL)")));
        }
        if let Some(zh) = md.zh.as_ref().filter(|zh| zh.front.title.is_none()) {
            d.push(Diagnostic::new(
                &zh.path,
                1,
                1,
                "a commentary page needs a `title` in its front matter",
            ));
        }
        pages.push(Page {
            slug: slug.clone(),
            md: md.clone(),
        });
    }
    pages
}

/// The notes, keyed by (folder, id). A note on an unknown task, agency or
/// river is an error with the nearest id, unless that registry failed to
/// load (its own error is the one to fix).
pub fn notes(
    raw: &[((String, String), RawBilingualMarkdown)],
    tasks: &[Task],
    refs: &Refs,
    d: &mut Diagnostics,
) -> BTreeMap<(String, String), RawBilingualMarkdown> {
    let mut notes = BTreeMap::new();
    for ((kind, id), md) in raw {
        let (what, exists, loaded, pool) = match kind.as_str() {
            "tasks" => {
                let exists = id
                    .parse::<u32>()
                    .ok()
                    .is_some_and(|n| tasks.iter().any(|t| t.number == n));
                ("task", exists, !tasks.is_empty(), None)
            }
            "agencies" => (
                "agency",
                refs.agencies.contains(id),
                !refs.agencies.is_empty(),
                Some(&refs.agencies),
            ),
            // "rivers": load reads no other folder of notes.
            _ => (
                "river",
                refs.rivers.contains(id),
                !refs.rivers.is_empty(),
                Some(&refs.rivers),
            ),
        };
        if md.zh.as_ref().is_some_and(|zh| zh.front.shows.is_some()) {
            d.push(Diagnostic::new(
                file_of(md),
                1,
                1,
                "`shows` is for commentary pages: a note shows no generated list",
            ));
        }
        if !exists && loaded {
            let known = pool.into_iter().flatten().map(String::as_str);
            d.push(
                Diagnostic::file(file_of(md), format!("note for unknown {what} `{id}`"))
                    .with_help_opt(did_you_mean(id, known)),
            );
        }
        notes.insert((kind.clone(), id.clone()), md.clone());
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse_markdown;
    use crate::validate::{messages, test_refs};
    use std::path::Path;

    fn md(path: &str, text: &str) -> RawBilingualMarkdown {
        RawBilingualMarkdown {
            zh: Some(parse_markdown(Path::new(path), text).unwrap()),
            en: None,
        }
    }

    #[test]
    fn a_page_with_a_title_and_a_slug_name_passes() {
        let mut d = Diagnostics::default();
        let raw = [(
            "about".to_string(),
            md("pages/about.md", "---\ntitle: 关于\n---\n正文\n"),
        )];
        let pages = pages(&raw, &mut d);
        assert!(messages(d).is_empty());
        assert_eq!(pages[0].slug, "about");
        assert_eq!(pages[0].md.zh.as_ref().unwrap().body, "正文\n");
    }

    #[test]
    fn a_page_without_a_title_or_with_a_non_slug_name_is_an_error() {
        let mut d = Diagnostics::default();
        let raw = [("关于".to_string(), md("pages/关于.md", "正文\n"))];
        pages(&raw, &mut d);
        assert_eq!(
            messages(d),
            [
                "pages/关于.md: error: page file name `关于` must be lowercase ASCII letters, digits and hyphens (it becomes the URL)",
                "pages/关于.md:1:1: error: a commentary page needs a `title` in its front matter",
            ]
        );
    }

    #[test]
    fn notes_on_known_things_pass_and_one_on_an_unknown_agency_suggests_the_nearest() {
        let note = |kind: &str, id: &str| {
            let path = format!("notes/{kind}/{id}.md");
            ((kind.to_string(), id.to_string()), md(&path, "说明\n"))
        };
        let raw = [
            note("agencies", "water"),
            note("rivers", "laixi"),
            note("agencies", "watr"),
            note("tasks", "3"),
        ];
        let mut d = Diagnostics::default();
        let notes = notes(&raw, &[], &test_refs(), &mut d);
        assert_eq!(notes.len(), 4);
        // No task is loaded: a note on a task is not checked against nothing.
        assert_eq!(
            messages(d),
            ["notes/agencies/watr.md: error: note for unknown agency `watr`\n  help: did you mean `water`?"]
        );
    }
}
