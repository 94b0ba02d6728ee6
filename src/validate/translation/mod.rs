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
use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
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
    // In `serve`, what each text's checks found last time, if they ran
    // against the same glossary: most texts are as they were.
    let context = crate::load::cache::enabled().then(|| {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(format!("{glossary:?}{:?}{name_numbers:?}", raw.glossary).as_bytes());
        h.digest128()
    });
    let kept = context.map(kept).unwrap_or_default();
    // Each entry on its own (3,000 on the Dazu plan, 30,000 at N=5,000),
    // on every core; the diagnostics in the entries' order.
    let checked: Vec<Checked> = all
        .par_iter()
        .map(|e| {
            let mut d = Diagnostics::default();
            let diag = |msg: String| Diagnostic::new(e.file, e.line, e.column, msg);
            let Some(en) = e.text.en.as_deref().filter(|s| !s.trim().is_empty()) else {
                d.push(severity(
                    diag(format!("{} has no English translation", e.what)),
                    strict,
                ));
                return (true, d, None);
            };
            let key = context.map(|_| text_key(&e.text.zh, en));
            let found = (key.and_then(|k| kept.get(&k).cloned()))
                .unwrap_or_else(|| Found::of(&e.text.zh, en, &terms, raw, glossary, name_numbers));
            if !found.missing.is_empty() {
                d.push(diag(format!(
                    "{}: the English lacks the number(s) {} of the Chinese",
                    e.what,
                    found.missing.join(", ")
                )));
            }
            for g in found.unrendered.iter().map(|&i| &glossary[i]) {
                d.push(diag(format!("{}: uses the glossary term {} but the English does not say \"{}\"", e.what, g.zh, g.en))
                    .with_help("use the glossary's English form, or add this wording to the term's `variants` in glossary.yaml"));
            }
            let what = |m: String| diag(format!("{}: {m}", e.what));
            push_style(&mut d, found.style.clone(), &what);
            push_style(&mut d, found.avoided.clone(), &what);
            (false, d, key.map(|k| (k, found)))
        })
        .collect();
    let mut pending = 0;
    let mut found = HashMap::new();
    for (no_english, diags, f) in checked {
        pending += no_english as usize;
        d.extend(diags.into_vec());
        found.extend(f);
    }
    if let Some(c) = context {
        *KEPT.lock().unwrap_or_else(|e| e.into_inner()) = Some((c, found));
    }
    pending
}

/// One entry checked: whether it has no English yet, its diagnostics, and
/// (in `serve`) its findings to keep, by text.
type Checked = (bool, Diagnostics, Option<(u128, Found)>);

/// What the checks of one English text found: a function of its Chinese,
/// its English and the glossary alone.
#[derive(Clone)]
struct Found {
    /// Numbers of the Chinese that the English lacks.
    missing: Vec<String>,
    /// Glossary terms (by index) the Chinese uses and the English does not
    /// render in their glossary form.
    unrendered: Vec<usize>,
    style: Vec<StyleIssue>,
    avoided: Vec<StyleIssue>,
}

impl Found {
    fn of(
        zh: &str,
        en: &str,
        terms: &Terms,
        raw: &RawSite,
        glossary: &[GlossaryEntry],
        name_numbers: &[String],
    ) -> Found {
        let english = English::new(en);
        let used = terms.used(zh);
        let unrendered = (glossary.iter().zip(&used).enumerate())
            .filter(|(_, (g, used))| **used && english.find(&g.forms).is_none())
            .map(|(i, _)| i)
            .collect();
        Found {
            missing: missing_numbers(zh, en),
            unrendered,
            style: style_issues(en, name_numbers),
            avoided: avoided_forms(&used, &english, &raw.glossary),
        }
    }
}

/// In `serve`: what the last build's checks found, by text (`text_key`),
/// under the hash of the glossary they ran against. A build keeps only its
/// own texts' findings.
type Kept = (u128, HashMap<u128, Found>);
static KEPT: Mutex<Option<Kept>> = Mutex::new(None);

/// The findings kept for texts checked against the glossary of hash
/// `context`, taken (the build puts its own back).
fn kept(context: u128) -> HashMap<u128, Found> {
    let mut kept = KEPT.lock().unwrap_or_else(|e| e.into_inner());
    match kept.take() {
        Some((c, found)) if c == context => found,
        _ => HashMap::new(),
    }
}

/// A text's Chinese and English as one hash (0xff, which UTF-8 never
/// holds, between them).
fn text_key(zh: &str, en: &str) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(zh.as_bytes());
    h.update(&[0xff]);
    h.update(en.as_bytes());
    h.digest128()
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
