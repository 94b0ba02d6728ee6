//! The checks that keep the English edition faithful and consistent: every
//! number of the Chinese appears in the English, every glossary term the
//! Chinese uses appears in the English in its glossary form (or a listed
//! variant) and not in a wording the glossary says to avoid, and the
//! mechanical rules of the style guide (docs/translation-notes.md) hold:
//! amounts as "CNY 25 million", thousands separators, en dashes in year
//! ranges, agency names that name their place. English term matching
//! lives in `text::english`, shared with the views that link a term's
//! first use on a page to its glossary entry.
//!
//! This file walks the content and reports; the rules live beside it:
//! `numbers` (figures that must survive), `style` (amounts, separators,
//! dashes), `terms` (glossary terms and avoided wordings), `agencies`
//! (agency names), `entries` (every bilingual text and where it is).

mod agencies;
mod entries;
mod numbers;
mod style;
mod terms;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::raw::Text;
use crate::load::yaml::line_col;
use crate::load::RawSite;
use crate::model::{GlossaryEntry, Lang};
use crate::text::english::English;
use agencies::agency_name_issue;
use entries::{at, entries, names, Entry};
pub use numbers::missing_numbers;
use rayon::prelude::*;
use std::path::Path;
use style::{style_issues, tokens, Tok};
use terms::{avoided_forms, Terms};

/// A breach of the English style rules (docs/translation-notes.md) in one
/// text: what is written, and how to write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyleIssue {
    pub message: String,
    pub help: String,
}

/// A text outside the main entries whose English is checked for style
/// and coverage only: the file, the text and what it is.
type Extra<'a> = (&'a Path, Text, String);

/// Check coverage, numbers and glossary terms of every text. A missing
/// English is an error when `strict`, otherwise a warning (the page shows
/// the Chinese marked "translation pending"); a dropped number or a term
/// not rendered in its glossary form is always an error.
pub fn check(raw: &RawSite, glossary: &[GlossaryEntry], strict: bool, d: &mut Diagnostics) {
    let names = names(raw);
    let mut all = entries(raw);
    for (file, id, text) in &names {
        all.push(at(file, id, format!("`{}` name", id.value), text));
    }
    let name_numbers = name_numbers(raw);
    check_agency_names(raw, d);
    check_glossary_style(raw, &name_numbers, d);
    check_errata_style(raw, &name_numbers, d);
    let mut pending = check_entries(raw, &all, glossary, &name_numbers, strict, d);
    pending += check_documents(raw, strict, d);
    pending += check_extras(&extras(raw), &name_numbers, strict, d);
    if pending > 0 {
        let dg = Diagnostic::file(
            &raw.paths.config,
            format!("{pending} text(s) have no English yet (listed above)"),
        );
        d.push(severity(dg, strict));
    }
}

/// A missing translation is an error only when the site requires English.
fn severity(dg: Diagnostic, strict: bool) -> Diagnostic {
    if strict {
        dg
    } else {
        dg.warning()
    }
}

/// One diagnostic per style issue, placed by `at`.
fn push_style(d: &mut Diagnostics, issues: Vec<StyleIssue>, at: &dyn Fn(String) -> Diagnostic) {
    for i in issues {
        d.push(at(i.message).with_help(i.help));
    }
}

/// Numbers that are part of a glossary form are names (the 12345 hotline).
fn name_numbers(raw: &RawSite) -> Vec<String> {
    raw.glossary
        .iter()
        .flat_map(|g| {
            tokens(&g.en)
                .into_iter()
                .map(|(k, r)| (k, g.en[r].to_string()))
        })
        .filter(|(k, _)| *k == Tok::Num)
        .map(|(_, n)| n)
        .collect()
}

/// The English name of every agency (not group) names its place.
fn check_agency_names(raw: &RawSite, d: &mut Diagnostics) {
    let rules = raw.config.as_ref().map_or(&[][..], |c| &c.agency_names[..]);
    for a in raw.agencies.iter().filter(|a| a.kind.value != "group") {
        if let Some(i) =
            a.en.as_deref()
                .and_then(|en| agency_name_issue(&a.zh, en, rules))
        {
            let (line, column) = line_col(&a.id);
            d.push(
                Diagnostic::new(
                    &raw.paths.agencies,
                    line,
                    column,
                    format!("agency `{}` ({}): {}", a.id.value, a.zh, i.message),
                )
                .with_help(i.help),
            );
        }
    }
}

/// The glossary's own English forms and explanations follow the style guide.
fn check_glossary_style(raw: &RawSite, name_numbers: &[String], d: &mut Diagnostics) {
    for g in &raw.glossary {
        let (line, column) = line_col(&g.id);
        let at = |m: String| {
            Diagnostic::new(
                &raw.paths.glossary,
                line,
                column,
                format!("glossary `{}`: {m}", g.id.value),
            )
        };
        push_style(d, style_issues(&g.en, name_numbers), &at);
        push_style(d, style_issues(&g.explain.en, name_numbers), &at);
    }
}

/// The errata's explanations are shown on the English pages too.
fn check_errata_style(raw: &RawSite, name_numbers: &[String], d: &mut Diagnostics) {
    for e in &raw.errata {
        for (what, t) in [("why", Some(&e.why)), ("evidence", e.evidence.as_ref())] {
            if let Some(en) = t.and_then(|t| t.get(Lang::En)) {
                let at = |m: String| {
                    Diagnostic::file(&raw.paths.errata, format!("erratum {} {what}: {m}", e.id))
                };
                push_style(d, style_issues(en, name_numbers), &at);
            }
        }
    }
}

/// Numbers, glossary terms and style of every main entry; the number of
/// entries with no English yet.
fn check_entries(
    raw: &RawSite,
    all: &[Entry],
    glossary: &[GlossaryEntry],
    name_numbers: &[String],
    strict: bool,
    d: &mut Diagnostics,
) -> usize {
    let terms: Vec<&str> = glossary.iter().map(|g| g.zh.as_str()).collect();
    let terms = Terms::new(&terms);
    // `glossary` is `raw.glossary` checked, entry for entry: one search
    // serves the English forms of both.
    debug_assert_eq!(glossary.len(), raw.glossary.len());
    // Each entry on its own (3,000 on the Dazu plan, 30,000 at N=5,000),
    // on every core; the diagnostics in the entries' order.
    let checked: Vec<(bool, Diagnostics)> = all
        .par_iter()
        .map(|e| {
            let mut d = Diagnostics::default();
            let diag = |msg: String| Diagnostic::new(e.file, e.line, e.column, msg);
            let Some(en) = e.text.en.as_deref().filter(|s| !s.trim().is_empty()) else {
                d.push(severity(
                    diag(format!("{} has no English translation", e.what)),
                    strict,
                ));
                return (true, d);
            };
            let english = English::new(en);
            let missing = missing_numbers(&e.text.zh, en);
            if !missing.is_empty() {
                d.push(diag(format!(
                    "{}: the English lacks the number(s) {} of the Chinese",
                    e.what,
                    missing.join(", ")
                )));
            }
            let used = terms.used(&e.text.zh);
            for (g, _) in glossary.iter().zip(&used).filter(|(_, used)| **used) {
                if english.find(&g.forms).is_none() {
                    d.push(diag(format!("{}: uses the glossary term {} but the English does not say \"{}\"", e.what, g.zh, g.en))
                        .with_help("use the glossary's English form, or add this wording to the term's `variants` in glossary.yaml"));
                }
            }
            let what = |m: String| diag(format!("{}: {m}", e.what));
            push_style(&mut d, style_issues(en, name_numbers), &what);
            push_style(&mut d, avoided_forms(&used, &english, &raw.glossary), &what);
            (false, d)
        })
        .collect();
    let mut pending = 0;
    for (no_english, found) in checked {
        pending += no_english as usize;
        d.extend(found.into_vec());
    }
    pending
}

/// Updates, pages and notes without their English file; how many.
fn check_documents(raw: &RawSite, strict: bool, d: &mut Diagnostics) -> usize {
    let mut pending = 0;
    for u in raw.updates.iter().filter(|u| u.en.is_none()) {
        pending += 1;
        let dg = Diagnostic::file(
            &u.path,
            format!("update `{}` has no English version ({}.en.md)", u.id, u.id),
        );
        d.push(severity(dg, strict));
    }
    let markdown = raw
        .pages
        .iter()
        .map(|(slug, m)| (slug, m))
        .chain(raw.notes.iter().map(|((_, id), m)| (id, m)));
    for (slug, md) in markdown {
        if let (Some(zh), None) = (&md.zh, &md.en) {
            pending += 1;
            let dg = Diagnostic::file(
                &zh.path,
                format!("`{slug}` has no English version ({slug}.en.md)"),
            );
            d.push(severity(dg, strict));
        }
    }
    pending
}

/// The texts checked for style and coverage only: sources and notes of
/// indicator values, then the evidence titles of updates.
fn extras(raw: &RawSite) -> Vec<Extra<'_>> {
    let mut v: Vec<Extra> = Vec::new();
    if let Some((path, values)) = &raw.indicator_values {
        for x in &values.values {
            v.push((
                path.as_path(),
                x.source.clone(),
                format!(
                    "source of the {} value of indicator {}",
                    x.year.value, x.indicator.value
                ),
            ));
            if let Some(n) = &x.note {
                v.push((
                    path.as_path(),
                    n.clone(),
                    format!(
                        "note on the {} value of indicator {}",
                        x.year.value, x.indicator.value
                    ),
                ));
            }
        }
    }
    for u in &raw.updates {
        for e in &u.front.evidence {
            v.push((
                u.path.as_path(),
                e.title.clone(),
                format!("evidence of update `{}`", u.id),
            ));
        }
    }
    v
}

/// Style and coverage of the extra texts; how many have no English.
fn check_extras(
    extras: &[Extra],
    name_numbers: &[String],
    strict: bool,
    d: &mut Diagnostics,
) -> usize {
    let mut pending = 0;
    for (file, text, what) in extras {
        if let Some(en) = text.get(Lang::En) {
            let at = |m: String| Diagnostic::file(file, format!("{what}: {m}"));
            push_style(d, style_issues(en, name_numbers), &at);
        }
        if text.get(Lang::En).is_none() {
            pending += 1;
            let dg = Diagnostic::file(file, format!("{what} has no English translation"));
            d.push(severity(dg, strict));
        }
    }
    pending
}

#[cfg(test)]
fn messages(issues: Vec<StyleIssue>) -> Vec<String> {
    issues
        .into_iter()
        .map(|i| format!("{} | {}", i.message, i.help))
        .collect()
}
