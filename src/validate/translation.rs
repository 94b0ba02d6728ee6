//! The checks that keep the English edition faithful: every number of the
//! Chinese appears in the English, and every glossary term the Chinese uses
//! appears in the English in its glossary form (or a listed variant). Term
//! matching is shared with the views, which link a term's first use on a
//! page to its glossary entry.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::raw::Text;
use crate::load::yaml::{line_col, Spanned};
use crate::load::RawSite;
use crate::model::GlossaryEntry;
use std::ops::Range;
use std::path::Path;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A number as written in the Chinese text, with what may follow it.
struct ZhNumber<'a> {
    digits: &'a str,
    unit: Option<char>,
    month: bool,
}

fn zh_numbers(zh: &str) -> Vec<ZhNumber<'_>> {
    let b = zh.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
            i += 1;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
        }
        let digits = &zh[start..i];
        let mut rest = zh[i..].chars();
        let mut next = rest.next();
        let unit = next.filter(|c| *c == '万' || *c == '亿');
        if unit.is_some() {
            next = rest.next();
        }
        out.push(ZhNumber {
            digits,
            unit,
            month: next == Some('月'),
        });
    }
    out
}

/// `v` without trailing zeros: 20000.0 → "20000", 5.5 → "5.5".
fn plain(v: f64) -> String {
    let s = format!("{v:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Whether `n` stands in `text` as a whole number (not inside a longer one).
fn has_number(text: &str, n: &str) -> bool {
    let b = text.as_bytes();
    text.match_indices(n).any(|(i, _)| {
        let before = i.checked_sub(1).map(|j| b[j]);
        let after = b.get(i + n.len()).copied();
        let after2 = b.get(i + n.len() + 1).copied();
        let digit_before = before.is_some_and(|c| c.is_ascii_digit() || c == b'.');
        let digit_after = after.is_some_and(|c| c.is_ascii_digit())
            || (after == Some(b'.') && after2.is_some_and(|c| c.is_ascii_digit()));
        !digit_before && !digit_after
    })
}

/// The numbers of `zh` that `en` lacks. `2万` may appear as 20000 (or
/// 20,000), `56.99亿` as 5699 (million) or 5.699 (billion), `7月` as July.
pub fn missing_numbers(zh: &str, en: &str) -> Vec<String> {
    let en_plain = en.replace(',', "");
    let en_lower = en.to_lowercase();
    let mut missing = Vec::new();
    for n in zh_numbers(zh) {
        let value: f64 = n.digits.parse().unwrap_or(0.0);
        let mut candidates = vec![n.digits.to_string()];
        match n.unit {
            Some('万') => candidates.push(plain(value * 1e4)),
            Some('亿') => {
                candidates.push(plain(value * 100.0));
                candidates.push(plain(value / 10.0));
            }
            _ => {}
        }
        let mut ok = candidates.iter().any(|c| has_number(&en_plain, c));
        if !ok && n.month && (1.0..=12.0).contains(&value) && value.fract() == 0.0 {
            ok = en_lower.contains(MONTHS[value as usize - 1]);
        }
        if !ok {
            let unit = n.unit.map(String::from).unwrap_or_default();
            missing.push(format!("{}{unit}", n.digits));
        }
    }
    missing
}

/// Lowercase words of `s` with their byte ranges.
fn words(s: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        if c.is_ascii_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(st) = start.take() {
            out.push((s[st..i].to_ascii_lowercase(), st..i));
        }
    }
    out
}

/// The words of a glossary form, without parenthesised qualifiers.
pub fn form_words(form: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut depth = 0;
    for c in form.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    words(&plain).into_iter().map(|(w, _)| w).collect()
}

/// A text word matches a form word as is or in a simple plural.
fn word_matches(form: &str, word: &str) -> bool {
    word == form
        || word.strip_suffix('s') == Some(form)
        || word.strip_suffix("es") == Some(form)
        || form
            .strip_suffix('y')
            .is_some_and(|stem| word.strip_suffix("ies") == Some(stem))
}

/// An English text split into words once, to look many terms up in it.
pub struct English {
    words: Vec<(String, Range<usize>)>,
}

impl English {
    pub fn new(text: &str) -> English {
        English { words: words(text) }
    }

    /// Where one of `forms` (each as `form_words`) first occurs (byte range).
    pub fn find(&self, forms: &[Vec<String>]) -> Option<Range<usize>> {
        let tw = &self.words;
        forms
            .iter()
            .filter(|fw| !fw.is_empty() && fw.len() <= tw.len())
            .filter_map(|fw| {
                (0..=tw.len() - fw.len())
                    .find(|&i| {
                        fw.iter()
                            .zip(&tw[i..])
                            .all(|(f, (w, _))| word_matches(f, w))
                    })
                    .map(|i| tw[i].1.start..tw[i + fw.len() - 1].1.end)
            })
            .min_by_key(|r| (r.start, std::cmp::Reverse(r.end)))
    }
}

/// Where one of `forms` first occurs in English `text` (byte range).
pub fn find_english(text: &str, forms: &[&str]) -> Option<Range<usize>> {
    let forms: Vec<Vec<String>> = forms.iter().map(|f| form_words(f)).collect();
    English::new(text).find(&forms)
}

/// One bilingual text and where it is written.
struct Entry<'a> {
    file: &'a Path,
    line: u64,
    column: u64,
    what: String,
    text: &'a Text,
}

fn at<'a, T>(file: &'a Path, s: &Spanned<T>, what: String, text: &'a Text) -> Entry<'a> {
    let (line, column) = line_col(s);
    Entry {
        file,
        line,
        column,
        what,
        text,
    }
}

fn whole<'a>(file: &'a Path, what: String, text: &'a Text) -> Entry<'a> {
    Entry {
        file,
        line: 0,
        column: 0,
        what,
        text,
    }
}

/// Every bilingual text of the content, with its position.
fn entries(raw: &RawSite) -> Vec<Entry<'_>> {
    let p = &raw.paths;
    let mut v = Vec::new();
    if let Some(c) = &raw.config {
        v.push(whole(&p.config, "site title".into(), &c.title));
        v.extend(
            c.description
                .iter()
                .map(|d| whole(&p.config, "site description".into(), d)),
        );
    }
    if let Some(doc) = &raw.document {
        let d = &doc.document;
        for (what, t) in [
            ("title", &d.title),
            ("subject", &d.subject),
            ("genre", &d.genre),
            ("issuer", &d.issuer),
            ("signature", &d.signed_by),
        ] {
            v.push(whole(&p.document, format!("document {what}"), t));
        }
        v.extend(
            d.notice
                .iter()
                .enumerate()
                .map(|(i, t)| whole(&p.document, format!("notice paragraph {}", i + 1), t)),
        );
        let ti = &doc.titles;
        for (what, t) in [
            ("attachment 1", &ti.attachment1),
            ("attachment 2", &ti.attachment2),
            ("indicator list", &ti.indicators),
            ("task list", &ti.tasks),
            ("project list", &ti.projects),
        ] {
            v.push(whole(&p.document, format!("title of the {what}"), t));
        }
    }
    for c in &raw.chapters {
        v.push(whole(
            &p.chapters,
            format!("chapter {} title", c.number),
            &c.title,
        ));
        for s in &c.sections {
            v.push(whole(
                &p.chapters,
                format!("chapter {} section {} title", c.number, s.number),
                &s.title,
            ));
        }
    }
    for i in &raw.indicators {
        let n = i.number.value;
        for (what, t) in [
            ("domain", &i.domain),
            ("name", &i.name),
            ("target", &i.target),
        ] {
            v.push(at(
                &p.indicators,
                &i.number,
                format!("indicator {n} {what}"),
                t,
            ));
        }
    }
    for t in &raw.tasks {
        v.push(at(
            &p.tasks,
            &t.number,
            format!("task {} text", t.number.value),
            &t.text,
        ));
    }
    for pr in &raw
        .projects
        .iter()
        .flat_map(|x| &x.items)
        .collect::<Vec<_>>()
    {
        let n = pr.number.value;
        for (what, t) in [
            ("category", &pr.category),
            ("name", &pr.name),
            ("content", &pr.content),
        ] {
            v.push(at(
                &p.projects,
                &pr.number,
                format!("project {n} {what}"),
                t,
            ));
        }
    }
    for (path, list) in &raw.key_task_lists {
        v.push(whole(
            path,
            format!("{} key-task list title", list.year),
            &list.title,
        ));
        for k in &list.items {
            let n = k.number.value;
            v.push(at(
                path,
                &k.number,
                format!("key task {n} category"),
                &k.category,
            ));
            v.push(at(path, &k.number, format!("key task {n} text"), &k.text));
            v.extend(
                k.note
                    .iter()
                    .map(|t| at(path, &k.number, format!("key task {n} note"), t)),
            );
        }
    }
    v
}

/// Names (agencies, rivers, sections) are `zh` + optional `en` on the entry.
fn names(raw: &RawSite) -> Vec<(&Path, &Spanned<String>, Text)> {
    let p = &raw.paths;
    let mut v = Vec::new();
    for a in &raw.agencies {
        v.push((
            p.agencies.as_path(),
            &a.id,
            Text {
                zh: a.zh.clone(),
                en: a.en.clone(),
            },
        ));
    }
    for r in &raw.rivers {
        v.push((
            p.rivers.as_path(),
            &r.id,
            Text {
                zh: r.zh.clone(),
                en: r.en.clone(),
            },
        ));
        for s in &r.sections {
            v.push((
                p.rivers.as_path(),
                &s.id,
                Text {
                    zh: s.zh.clone(),
                    en: s.en.clone(),
                },
            ));
            v.push((p.rivers.as_path(), &s.id, s.source.clone()));
        }
    }
    v
}

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
    let mut all_extra: Vec<(&Path, Text, String)> = Vec::new();
    if let Some((path, v)) = &raw.indicator_values {
        for x in &v.values {
            all_extra.push((
                path.as_path(),
                x.source.clone(),
                format!(
                    "source of the {} value of indicator {}",
                    x.year.value, x.indicator.value
                ),
            ));
            if let Some(n) = &x.note {
                all_extra.push((
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
    let mut pending = 0;
    for e in &all {
        let diag = |msg: String| Diagnostic::new(e.file, e.line, e.column, msg);
        let Some(en) = e.text.en.as_deref().filter(|s| !s.trim().is_empty()) else {
            pending += 1;
            let mut dg = diag(format!("{} has no English translation", e.what));
            if !strict {
                dg = dg.warning();
            }
            d.push(dg);
            continue;
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
        for g in glossary
            .iter()
            .filter(|g| e.text.zh.contains(g.zh.as_str()))
        {
            if english.find(&g.forms).is_none() {
                d.push(diag(format!("{}: uses the glossary term {} but the English does not say \"{}\"", e.what, g.zh, g.en))
                    .with_help("use the glossary's English form, or add this wording to the term's `variants` in glossary.yaml"));
            }
        }
    }
    for u in &raw.updates {
        if u.en.is_none() {
            pending += 1;
            let mut dg = Diagnostic::file(
                &u.path,
                format!("update `{}` has no English version ({}.en.md)", u.id, u.id),
            );
            if !strict {
                dg = dg.warning();
            }
            d.push(dg);
        }
        for e in &u.front.evidence {
            all_extra.push((
                u.path.as_path(),
                e.title.clone(),
                format!("evidence of update `{}`", u.id),
            ));
        }
    }
    let markdown = raw
        .pages
        .iter()
        .map(|(slug, m)| (slug, m))
        .chain(raw.notes.iter().map(|((_, id), m)| (id, m)));
    for (slug, md) in markdown {
        if let (Some(zh), None) = (&md.zh, &md.en) {
            pending += 1;
            let mut dg = Diagnostic::file(
                &zh.path,
                format!("`{slug}` has no English version ({slug}.en.md)"),
            );
            if !strict {
                dg = dg.warning();
            }
            d.push(dg);
        }
    }
    for (file, text, what) in &all_extra {
        if text.get(crate::model::Lang::En).is_none() {
            pending += 1;
            let mut dg = Diagnostic::file(file, format!("{what} has no English translation"));
            if !strict {
                dg = dg.warning();
            }
            d.push(dg);
        }
    }
    if pending > 0 {
        let mut dg = Diagnostic::file(
            &raw.paths.config,
            format!("{pending} text(s) have no English yet (listed above)"),
        );
        if !strict {
            dg = dg.warning();
        }
        d.push(dg);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_must_survive_translation() {
        assert!(missing_numbers("到2025年，达到95%", "By 2025, reach 95%").is_empty());
        assert_eq!(
            missing_numbers("到2025年，达到95%", "By 2025, reach 90%"),
            ["95"]
        );
        assert_eq!(
            missing_numbers("共12620m", "12,620 m in all"),
            Vec::<String>::new()
        );
        assert_eq!(missing_numbers("增加1.5公里", "add 15 km"), ["1.5"]);
    }

    #[test]
    fn wan_yi_and_months_may_be_converted() {
        assert!(missing_numbers("新增2万吨/日", "adding 20,000 tonnes a day").is_empty());
        assert!(missing_numbers("投资40亿元", "4000 million yuan").is_empty());
        assert!(missing_numbers("投资40亿元", "4 billion yuan").is_empty());
        assert!(missing_numbers("7月底前", "by the end of July").is_empty());
        assert_eq!(missing_numbers("7月底前", "by the end of June"), ["7"]);
    }

    #[test]
    fn terms_match_words_and_plurals() {
        let t = "Prevent environmental emergencies and keep the Three Lines and One List.";
        assert_eq!(find_english(t, &["environmental emergency"]), Some(8..33));
        assert!(find_english(t, &["\"Three Lines and One List\""]).is_some());
        assert!(find_english(t, &["water conservation (of catchments)"]).is_none());
        assert!(find_english(
            "water conservation areas",
            &["water conservation (of catchments)"]
        )
        .is_some());
        assert!(find_english("emergent", &["emergency"]).is_none());
    }
}
