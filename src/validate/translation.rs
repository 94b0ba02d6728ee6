//! The checks that keep the English edition faithful and consistent: every
//! number of the Chinese appears in the English, every glossary term the
//! Chinese uses appears in the English in its glossary form (or a listed
//! variant) and not in a wording the glossary says to avoid, and the
//! mechanical rules of the style guide (docs/translation-notes.md) hold:
//! amounts as "CNY 25 million", thousands separators, en dashes in year
//! ranges, agency names that name their place. Term matching is shared
//! with the views, which link a term's first use on a page to its glossary
//! entry.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::raw::Text;
use crate::load::raw::{RawGlossaryEntry, RawNamingRule};
use crate::load::yaml::{line_col, Spanned};
use crate::load::RawSite;
use crate::model::amount::{thousands, Unit, Yuan};
use crate::model::GlossaryEntry;
use std::ops::Range;
use std::path::Path;

/// One to ten, which English running text spells out ("3个" as three).
const SMALL: [&str; 10] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];

/// A number as written in the Chinese text, with what may follow it.
struct ZhNumber<'a> {
    digits: &'a str,
    unit: Option<char>,
    month: bool,
    /// Followed (after its unit) by 元: an amount of money.
    yuan: bool,
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
            yuan: next == Some('元'),
        });
    }
    out
}

/// Whether `n` stands in `text` as a whole number (not inside a longer one).
fn has_number(text: &str, n: &str) -> bool {
    number_at(text, n).is_some()
}

/// Where `n` first stands in `text` as a whole number, and the text after it.
fn number_at<'t>(text: &'t str, n: &str) -> Option<&'t str> {
    let b = text.as_bytes();
    text.match_indices(n).find_map(|(i, _)| {
        let before = i.checked_sub(1).map(|j| b[j]);
        let after = b.get(i + n.len()).copied();
        let after2 = b.get(i + n.len() + 1).copied();
        let digit_before = before.is_some_and(|c| c.is_ascii_digit() || c == b'.');
        let digit_after = after.is_some_and(|c| c.is_ascii_digit())
            || (matches!(after, Some(b'.') | Some(b','))
                && after2.is_some_and(|c| c.is_ascii_digit()));
        (!digit_before && !digit_after).then(|| &text[i + n.len()..])
    })
}

/// Whether `n` stands in `text` as a whole number followed by `word`
/// ("1.25" + " million").
fn has_number_then(text: &str, n: &str, word: &str) -> bool {
    let b = text.as_bytes();
    text.match_indices(n).any(|(i, _)| {
        let before = i.checked_sub(1).map(|j| b[j]);
        let digit_before = before.is_some_and(|c| c.is_ascii_digit() || c == b'.');
        !digit_before && text[i + n.len()..].starts_with(word)
    })
}

/// An exact decimal `digits` × 10^`zeros` as digits without trailing zeros
/// ("1.25", 4 → "12500"), or `None` when it is not a plain decimal.
fn shift(digits: &str, zeros: usize) -> Option<String> {
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let mut all = format!("{int}{frac}");
    let point = int.len() + zeros;
    while all.len() < point {
        all.push('0');
    }
    let (i, f) = all.split_at(point);
    let i = i.trim_start_matches('0');
    let i = if i.is_empty() { "0" } else { i };
    let f = f.trim_end_matches('0');
    Some(if f.is_empty() {
        i.to_string()
    } else {
        format!("{i}.{f}")
    })
}

/// `full` (digits of a whole figure, e.g. "1250000") divided by 10^`zeros`.
fn unshift(full: &str, zeros: usize) -> String {
    let (int, frac) = full.split_once('.').unwrap_or((full, ""));
    let padded = format!("{int:0>width$}", width = zeros + 1);
    let (i, f) = padded.split_at(padded.len() - zeros);
    let f = format!("{f}{frac}");
    let f = f.trim_end_matches('0');
    if f.is_empty() {
        i.to_string()
    } else {
        format!("{i}.{f}")
    }
}

/// The numbers of `zh` that `en` lacks. A number is present when the
/// English writes it as the Chinese does (12620 as 12,620 or 12620); a
/// figure in 万 or 亿 in full (`15万` as 150,000) or in millions or
/// billions (`125万` as 1.25 million); an amount of money (元, 万元, 亿元)
/// only in the one English form of [`Yuan::english`] (`2500万元` as CNY 25
/// million, `56.99亿元` as CNY 5.699 billion); `7月` also as July; a whole
/// number from 1 to 10 also as a word (`3个` as three).
pub fn missing_numbers(zh: &str, en: &str) -> Vec<String> {
    let en_plain = en.replace(',', "");
    let en_lower = en.to_lowercase();
    let mut missing = Vec::new();
    for n in zh_numbers(zh) {
        let zeros = match n.unit {
            Some('万') => 4,
            Some('亿') => 8,
            _ => 0,
        };
        let ok = if n.yuan {
            let unit = match zeros {
                4 => Unit::Wan,
                8 => Unit::Yi,
                _ => Unit::Yuan,
            };
            Yuan::parse(n.digits, unit).is_some_and(|y| number_at(en, &y.english()).is_some())
        } else if zeros > 0 {
            shift(n.digits, zeros).is_some_and(|full| {
                has_number(&en_plain, &full)
                    || [(6, " million"), (9, " billion")].iter().any(|(z, word)| {
                        full.split('.').next().is_some_and(|i| i.len() > *z)
                            && has_number_then(&en_plain, &unshift(&full, *z), word)
                    })
            })
        } else {
            let value: f64 = n.digits.parse().unwrap_or(0.0);
            let whole = (value.fract() == 0.0 && !n.digits.contains('.')).then_some(value as usize);
            has_number(&en_plain, n.digits)
                || (n.month
                    && whole.is_some_and(|m| (1..=12).contains(&m))
                    && en_lower.contains(&crate::dates::MONTHS[value as usize - 1].to_lowercase()))
                || whole.filter(|w| (1..=10).contains(w)).is_some_and(|w| {
                    English::new(en)
                        .find(&[vec![SMALL[w - 1].to_string()]])
                        .is_some()
                })
        };
        if !ok {
            let unit = n.unit.map(String::from).unwrap_or_default();
            let yuan = if n.yuan { "元" } else { "" };
            missing.push(format!("{}{unit}{yuan}", n.digits));
        }
    }
    missing
}

/// A breach of the English style rules (docs/translation-notes.md) in one
/// text: what is written, and how to write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyleIssue {
    pub message: String,
    pub help: String,
}

/// A token of English text: a number (digits with `,` and `.` inside) or a
/// word (letters), with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Num,
    Word,
}

fn tokens(s: &str) -> Vec<(Tok, Range<usize>)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        if b[i].is_ascii_digit() {
            while i < b.len()
                && (b[i].is_ascii_digit()
                    || (matches!(b[i], b',' | b'.')
                        && b.get(i + 1).is_some_and(u8::is_ascii_digit)))
            {
                i += 1;
            }
            out.push((Tok::Num, start..i));
        } else if b[i].is_ascii_alphabetic() {
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            out.push((Tok::Word, start..i));
        } else {
            i += 1;
        }
    }
    out
}

/// Amounts of money are written "CNY 25 million": a figure followed by
/// yuan or RMB ("25000000 yuan", "0.6 100 million yuan") is the old
/// convention, and so is a figure followed by wan ("2 wan"), which is
/// written in full or in millions.
fn amount_issues(en: &str) -> Vec<StyleIssue> {
    let toks = tokens(en);
    let lower = |r: &Range<usize>| en[r.clone()].to_ascii_lowercase();
    let scale_of = |w: &Range<usize>| match lower(w).as_str() {
        "thousand" => 1_000,
        "million" => 1_000_000,
        "billion" => 1_000_000_000,
        _ => 0,
    };
    let mut out = Vec::new();
    for (k, (kind, r)) in toks.iter().enumerate() {
        let word = lower(r);
        if *kind != Tok::Word || !matches!(word.as_str(), "yuan" | "rmb" | "renminbi" | "wan") {
            continue;
        }
        let prev = |j: usize| k.checked_sub(j).and_then(|i| toks.get(i));
        let money = word != "wan";
        // The figure: "25000000 yuan", "100 million yuan".
        let (figure, mut value) = match (prev(1), prev(2)) {
            (Some((Tok::Num, n)), _) => (Some(k - 1), number_value(&en[n.clone()], 1)),
            (Some((Tok::Word, w)), Some((Tok::Num, n))) if scale_of(w) > 0 => {
                (Some(k - 2), number_value(&en[n.clone()], scale_of(w)))
            }
            _ if money && word != "yuan" => (None, None),
            _ => continue,
        };
        let mut start = figure.map_or(r.start, |f| toks[f].1.start);
        // "0.6 100 million yuan": a figure that counts the figure after it.
        if let Some(f) = figure.filter(|&f| f > 0) {
            let (kind, m) = &toks[f - 1];
            if *kind == Tok::Num && en[m.end..toks[f].1.start].trim().is_empty() {
                let count = number_value(&en[m.clone()], 1_000_000_000);
                value = value
                    .zip(count)
                    .and_then(|(v, c)| v.checked_mul(c))
                    .map(|v| v / 1_000_000_000);
                start = m.start;
            }
        }
        let snippet = &en[start..r.end];
        out.push(if money {
            StyleIssue {
                message: format!(
                    "writes \"{snippet}\": an amount of money is written as CNY and the figure"
                ),
                help: match value {
                    Some(v) => format!(
                        "write \"{}\" (amounts read CNY 5.699 billion, CNY 200 million, CNY 25 million; never \"100 million yuan\" or \"10,000 yuan\")",
                        Yuan(v).english()
                    ),
                    None => "write amounts as CNY 5.699 billion, CNY 200 million, CNY 25 million (never \"100 million yuan\" or \"10,000 yuan\")".to_string(),
                },
            }
        } else {
            StyleIssue {
                message: format!(
                    "writes \"{snippet}\": a figure in 万 is written in full or in millions, not in wan"
                ),
                help: match value.and_then(|v| v.checked_mul(10_000)) {
                    Some(v) => format!("write {}", thousands(v)),
                    None => "write the whole figure (15万 as 150,000, 125万 as 1.25 million)".to_string(),
                },
            }
        });
    }
    out
}

/// The whole value of an English figure ("25,000,000", "0.6") × `scale`,
/// when that is a whole number.
fn number_value(n: &str, scale: u64) -> Option<u64> {
    let plain = n.replace(',', "");
    let zeros = scale.to_string().len() - 1;
    let full = shift(&plain, zeros)?;
    full.parse().ok()
}

/// Numbers of five or more digits take thousands separators (150,000 mu).
/// Exempt: decimals after the point, numbers glued to letters or quoted
/// (ids such as "12345"), and `names` (numbers a glossary form contains,
/// such as the 12345 hotline).
fn separator_issues(en: &str, names: &[String]) -> Vec<StyleIssue> {
    let b = en.as_bytes();
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
        let run = &en[start..i];
        let before = start.checked_sub(1).map(|j| b[j]);
        let after = b.get(i).copied();
        let glued = |c: Option<u8>| c.is_some_and(|c| c.is_ascii_alphabetic());
        let in_number = |c: Option<u8>| matches!(c, Some(b'.') | Some(b','));
        let quoted = before == Some(b'"') && after == Some(b'"');
        // A reference to a numbered item: "task 12345", "No. 10001".
        let reference = en[..start]
            .trim_end_matches(' ')
            .rsplit(|c: char| !c.is_ascii_alphabetic() && c != '.')
            .next()
            .is_some_and(|w| {
                matches!(
                    w.to_ascii_lowercase().as_str(),
                    "no."
                        | "number"
                        | "task"
                        | "tasks"
                        | "target"
                        | "item"
                        | "project"
                        | "indicator"
                )
            });
        // A numbered standard or a code: "GB 18918-2002", "DN 10000".
        let code = (after == Some(b'-') && b.get(i + 1).is_some_and(u8::is_ascii_digit))
            || en[..start]
                .trim_end_matches(' ')
                .rsplit(|c: char| !c.is_ascii_alphabetic() && c != '/')
                .next()
                .is_some_and(|w| {
                    w.len() >= 2
                        && w.bytes().all(|c| c.is_ascii_uppercase() || c == b'/')
                        && !matches!(w, "CNY" | "RMB" | "USD" | "EUR")
                });
        if run.len() < 5
            || glued(before)
            || glued(after)
            || in_number(before)
            || (in_number(after) && b.get(i + 1).is_some_and(u8::is_ascii_digit))
            || quoted
            || code
            || reference
            || names.iter().any(|n| n == run)
        {
            continue;
        }
        let with = run
            .parse()
            .map(thousands)
            .unwrap_or_else(|_| run.to_string());
        out.push(StyleIssue {
            message: format!(
                "writes \"{run}\": a number of five or more digits takes thousands separators"
            ),
            help: format!(
                "write {with} (or in millions, e.g. 1.25 million, where a reader expects them); years, quoted numbers and ids are exempt"
            ),
        });
    }
    out
}

/// A range of years takes an en dash (2021–2025), not a hyphen or an em dash.
fn year_range_issues(en: &str) -> Vec<StyleIssue> {
    const DASHES: [char; 6] = ['-', '\u{2010}', '\u{2011}', '\u{2012}', '—', '\u{2015}'];
    let chars: Vec<(usize, char)> = en.char_indices().collect();
    let year_at = |k: usize| -> bool {
        let digit = |j: usize| chars.get(j).is_some_and(|(_, c)| c.is_ascii_digit());
        (0..4).all(|d| digit(k + d))
            && !k.checked_sub(1).is_some_and(digit)
            && !digit(k + 4)
            && matches!(chars[k].1, '1' | '2')
            && matches!((chars[k].1, chars[k + 1].1), ('1', '9') | ('2', '0'))
    };
    let mut out = Vec::new();
    for k in 0..chars.len() {
        if !year_at(k) {
            continue;
        }
        let mut j = k + 4;
        while chars.get(j).is_some_and(|(_, c)| *c == ' ') {
            j += 1;
        }
        if !chars.get(j).is_some_and(|(_, c)| DASHES.contains(c)) {
            continue;
        }
        let mut m = j + 1;
        while chars.get(m).is_some_and(|(_, c)| *c == ' ') {
            m += 1;
        }
        if m + 4 <= chars.len() && year_at(m) {
            let from = chars[k].0;
            let to = chars.get(m + 4).map_or(en.len(), |(i, _)| *i);
            let a = &en[from..chars[k + 3].0 + 1];
            let z = &en[chars[m].0..to];
            out.push(StyleIssue {
                message: format!(
                    "writes \"{}\": a range of years takes an en dash",
                    &en[from..to]
                ),
                help: format!("write {a}–{z}"),
            });
        }
    }
    out
}

/// Every style issue of one English text (amounts, separators, year ranges).
pub fn style_issues(en: &str, names: &[String]) -> Vec<StyleIssue> {
    let mut v = amount_issues(en);
    v.extend(separator_issues(en, names));
    v.extend(year_range_issues(en));
    v
}

/// Whether `zh` uses the glossary term `term` on its own: somewhere not as
/// part of a longer glossary term (优良 in 优良天数, 环评 in 规划环评 are the
/// longer terms, whose own forms the English must use).
pub fn uses_term(zh: &str, term: &str, all_terms: &[&str]) -> bool {
    zh.match_indices(term).any(|(i, _)| {
        !all_terms.iter().any(|longer| {
            longer.len() > term.len()
                && longer.contains(term)
                && zh
                    .match_indices(longer)
                    .any(|(j, _)| j <= i && i + term.len() <= j + longer.len())
        })
    })
}

/// Wordings the glossary lists under `avoid` for a term the Chinese uses:
/// the English edition has one form per term. A wording that overlaps an
/// occurrence of the term's form (e.g. "dust control" in "fugitive dust
/// control") is part of that form, not another.
pub fn avoided_forms(zh: &str, en: &English, glossary: &[RawGlossaryEntry]) -> Vec<StyleIssue> {
    let terms: Vec<&str> = glossary.iter().map(|g| g.zh.value.as_str()).collect();
    let mut out = Vec::new();
    for g in glossary
        .iter()
        .filter(|g| !g.avoid.is_empty() && uses_term(zh, &g.zh.value, &terms))
    {
        let form = form_words(&g.en);
        let uses: Vec<Range<usize>> = en.find_all(&form);
        for a in &g.avoid {
            let hits = en.find_all(&form_words(a));
            if hits
                .iter()
                .any(|h| !uses.iter().any(|u| h.start < u.end && u.start < h.end))
            {
                out.push(StyleIssue {
                    message: format!(
                        "writes \"{a}\" for the glossary term {}, whose one English form is \"{}\"",
                        g.zh.value, g.en
                    ),
                    help: format!(
                        "write \"{}\" (content/glossary.yaml lists \"{a}\" under `avoid`)",
                        g.en
                    ),
                });
            }
        }
    }
    out
}

/// The naming rule of the agency registry (`agency_names` in config.yaml):
/// an agency whose Chinese name starts with a rule's `zh_prefix` (the
/// longest that matches) names that place in English. For Dazu, 区… bodies
/// say "Dazu District" and 经开区… bodies the development zone in full, so
/// that neither can be taken for the other or for another zone.
pub fn agency_name_issue(zh: &str, en: &str, rules: &[RawNamingRule]) -> Option<StyleIssue> {
    let rule = rules
        .iter()
        .filter(|r| !r.zh_prefix.is_empty() && zh.starts_with(r.zh_prefix.as_str()))
        .max_by_key(|r| r.zh_prefix.len())?;
    (!en.contains(rule.en.as_str())).then(|| StyleIssue {
        message: format!(
            "the English name of a body whose Chinese name starts with {} must name its place: \"{} …\"",
            rule.zh_prefix, rule.en
        ),
        help: format!(
            "write the name as \"{} …\" (the rule is `agency_names` in config.yaml; agencies.yaml states it in its header)",
            rule.en
        ),
    })
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

    /// Every occurrence of one form (as `form_words`), as byte ranges.
    pub fn find_all(&self, form: &[String]) -> Vec<Range<usize>> {
        let tw = &self.words;
        if form.is_empty() || form.len() > tw.len() {
            return Vec::new();
        }
        (0..=tw.len() - form.len())
            .filter(|&i| {
                form.iter()
                    .zip(&tw[i..])
                    .all(|(f, (w, _))| word_matches(f, w))
            })
            .map(|i| tw[i].1.start..tw[i + form.len() - 1].1.end)
            .collect()
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
    // Numbers that are part of a glossary form are names (the 12345 hotline).
    let name_numbers: Vec<String> = raw
        .glossary
        .iter()
        .flat_map(|g| {
            tokens(&g.en)
                .into_iter()
                .map(|(k, r)| (k, g.en[r].to_string()))
        })
        .filter(|(k, _)| *k == Tok::Num)
        .map(|(_, n)| n)
        .collect();
    let style =
        |d: &mut Diagnostics, issues: Vec<StyleIssue>, at: &dyn Fn(String) -> Diagnostic| {
            for i in issues {
                d.push(at(i.message).with_help(i.help));
            }
        };
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
        style(d, style_issues(&g.en, &name_numbers), &at);
        style(d, style_issues(&g.explain.en, &name_numbers), &at);
    }
    // The errata's explanations are shown on the English pages too.
    for e in &raw.errata {
        for (what, t) in [("why", Some(&e.why)), ("evidence", e.evidence.as_ref())] {
            if let Some(en) = t.and_then(|t| t.get(crate::model::Lang::En)) {
                let at = |m: String| {
                    Diagnostic::file(&raw.paths.errata, format!("erratum {} {what}: {m}", e.id))
                };
                style(d, style_issues(en, &name_numbers), &at);
            }
        }
    }
    let terms: Vec<&str> = glossary.iter().map(|g| g.zh.as_str()).collect();
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
            .filter(|g| uses_term(&e.text.zh, &g.zh, &terms))
        {
            if english.find(&g.forms).is_none() {
                d.push(diag(format!("{}: uses the glossary term {} but the English does not say \"{}\"", e.what, g.zh, g.en))
                    .with_help("use the glossary's English form, or add this wording to the term's `variants` in glossary.yaml"));
            }
        }
        let what = |m: String| diag(format!("{}: {m}", e.what));
        style(d, style_issues(en, &name_numbers), &what);
        style(d, avoided_forms(&e.text.zh, &english, &raw.glossary), &what);
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
        if let Some(en) = text.get(crate::model::Lang::En) {
            let at = |m: String| Diagnostic::file(file, format!("{what}: {m}"));
            style(d, style_issues(en, &name_numbers), &at);
        }
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
        assert!(missing_numbers("产量40亿只", "4,000,000,000 head").is_empty());
        assert!(missing_numbers("产量40亿只", "4 billion head").is_empty());
        assert!(missing_numbers("7月底前", "by the end of July").is_empty());
        assert_eq!(missing_numbers("7月底前", "by the end of June"), ["7"]);
        assert!(missing_numbers(
            "建设1个中心、3座水厂",
            "build one centre and three water plants"
        )
        .is_empty());
        assert_eq!(
            missing_numbers("建设3座水厂", "build two water plants"),
            ["3"]
        );
        assert_eq!(
            missing_numbers("建设12座水厂", "build twelve plants"),
            ["12"]
        );
        assert_eq!(missing_numbers("达到1.0", "reach one"), ["1.0"]);
    }

    #[test]
    fn wan_and_yi_figures_in_full_or_in_millions() {
        assert!(
            missing_numbers("建设国家储备林15万亩", "a reserve forest of 150,000 mu").is_empty()
        );
        assert!(
            missing_numbers("建设国家储备林15万亩", "a reserve forest of 150000 mu").is_empty()
        );
        assert!(
            missing_numbers("新增绿地125万平方米", "add 1.25 million m² of green space").is_empty()
        );
        assert!(
            missing_numbers("新增绿地125万平方米", "add 1,250,000 m² of green space").is_empty()
        );
        assert!(missing_numbers("面膜200万盒", "2 million boxes of facial masks").is_empty());
        assert!(missing_numbers("新增2.5万户", "25,000 households").is_empty());
        // The bare digits of a 万 figure are not the figure.
        assert_eq!(
            missing_numbers("建设国家储备林15万亩", "a reserve forest of 15 mu"),
            ["15万"]
        );
        assert_eq!(
            missing_numbers("新增绿地125万平方米", "add 1.25 m² of green space"),
            ["125万"]
        );
        assert_eq!(
            missing_numbers("新增绿地125万平方米", "add 12.5 million m²"),
            ["125万"]
        );
        // Millions only from a million up.
        assert_eq!(
            missing_numbers("种植70万株", "plant 0.7 million plants"),
            ["70万"]
        );
        assert!(missing_numbers("种植70万株", "plant 700,000 plants").is_empty());
    }

    #[test]
    fn amounts_only_in_the_one_english_form() {
        assert!(
            missing_numbers("计划投资2500万元", "a planned investment of CNY 25 million")
                .is_empty()
        );
        assert!(missing_numbers("总投资56.99亿元", "a total of CNY 5.699 billion").is_empty());
        assert!(missing_numbers("产值达到40亿元", "an output value of CNY 4 billion").is_empty());
        assert!(missing_numbers("投资50万元", "CNY 500,000").is_empty());
        assert_eq!(
            missing_numbers("计划投资2500万元", "25000000 yuan"),
            ["2500万元"]
        );
        assert_eq!(
            missing_numbers("计划投资2500万元", "25 million yuan"),
            ["2500万元"]
        );
        assert_eq!(
            missing_numbers("总投资56.99亿元", "56.99 100 million yuan"),
            ["56.99亿元"]
        );
        assert_eq!(
            missing_numbers("产值达到40亿元", "4000 million yuan"),
            ["40亿元"]
        );
        assert_eq!(missing_numbers("投资50万元", "CNY 500000"), ["50万元"]);
        assert_eq!(missing_numbers("投资2亿元", "CNY 20 million"), ["2亿元"]);
        assert_eq!(
            missing_numbers("投资2亿元", "CNY 200 million"),
            Vec::<String>::new()
        );
    }

    fn messages(issues: Vec<StyleIssue>) -> Vec<String> {
        issues
            .into_iter()
            .map(|i| format!("{} | {}", i.message, i.help))
            .collect()
    }

    #[test]
    fn amounts_in_yuan_are_flagged_with_the_form_to_write() {
        let m = messages(style_issues("a planned investment of 25000000 yuan", &[]));
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(m[0].starts_with("writes \"25000000 yuan\": an amount of money is written as CNY and the figure | write \"CNY 25 million\""), "{m:?}");
        let m = messages(amount_issues("(0.6 100 million yuan, 2021—2025)"));
        assert!(m[0].starts_with("writes \"0.6 100 million yuan\""), "{m:?}");
        assert!(m[0].contains("write \"CNY 60 million\""), "{m:?}");
        let m = messages(amount_issues("(2500 10,000 yuan)"));
        assert!(m[0].starts_with("writes \"2500 10,000 yuan\""), "{m:?}");
        assert!(m[0].contains("write \"CNY 25 million\""), "{m:?}");
        let m = messages(amount_issues(
            "4,000 million yuan and 10,000 yuan, 2 wan and RMB 30 billion",
        ));
        assert_eq!(m.len(), 4, "{m:?}");
        assert!(m[0].contains("write \"CNY 4 billion\""), "{m:?}");
        assert!(m[1].contains("write \"CNY 10,000\""), "{m:?}");
        assert_eq!(m[2], "writes \"2 wan\": a figure in 万 is written in full or in millions, not in wan | write 20,000");
        assert!(m[3].starts_with("writes \"RMB\""), "{m:?}");
        assert!(amount_issues("the Yuan River").is_empty());
        assert!(amount_issues("CNY 5.699 billion for the Yuanjue Cave; Wan Town").is_empty());
    }

    #[test]
    fn long_numbers_need_separators_except_years_and_ids() {
        let m = messages(separator_issues("150000 mu and 1250000 m²", &[]));
        assert_eq!(m.len(), 2);
        assert!(m[0].starts_with("writes \"150000\": a number of five or more digits takes thousands separators | write 150,000"), "{m:?}");
        assert!(m[1].contains("write 1,250,000"), "{m:?}");
        for ok in [
            "150,000 mu, 1.25 million m², 12,620 m, 3622.13 m², 0.000015",
            "by 2025, 2021–2025, 9999 units",
            "the \"12345\" hotline",
            "standard GB 18918-2002, pipe DN10000, code E-PYEARS-12345x",
            "see task 12345 and No. 10001; complete target 50000 by 2025",
        ] {
            assert!(separator_issues(ok, &[]).is_empty(), "{ok}");
        }
        assert!(
            separator_issues("the 12345 government service hotline", &["12345".into()]).is_empty()
        );
        assert_eq!(separator_issues("the 12345 hotline", &[]).len(), 1);
        // A currency is no code: its figure is a quantity.
        assert_eq!(separator_issues("CNY 500000 and RMB 450000", &[]).len(), 2);
    }

    #[test]
    fn year_ranges_take_an_en_dash() {
        let m = messages(year_range_issues("in 2020—2021, 2021-2025 and 2021 - 2023"));
        assert_eq!(
            m,
            [
                "writes \"2020—2021\": a range of years takes an en dash | write 2020–2021",
                "writes \"2021-2025\": a range of years takes an en dash | write 2021–2025",
                "writes \"2021 - 2023\": a range of years takes an en dash | write 2021–2023",
            ]
        );
        for ok in [
            "2021–2025",
            "from 2025 to 2035",
            "1—3 m",
            "1200-1800 m³/d",
            "GB 3095-2012",
            "No. 2022-105",
        ] {
            assert!(year_range_issues(ok).is_empty(), "{ok}");
        }
    }

    #[test]
    fn avoided_glossary_wordings_are_named() {
        let g: Vec<RawGlossaryEntry> = crate::load::yaml::parse(
            Path::new("glossary.yaml"),
            "- id: plan\n  zh: 环境应急预案\n  en: environmental emergency response plan\n  avoid: [environmental contingency plan, emergency plan]\n  explain: {zh: 甲, en: A}\n- id: dust\n  zh: 扬尘\n  en: fugitive dust\n  avoid: [dust control]\n  explain: {zh: 乙, en: B}\n",
        )
        .unwrap();
        let zh = "完善环境应急预案，加强扬尘控制";
        let en = English::new("Improve environmental contingency plans and fugitive dust control.");
        let m = messages(avoided_forms(zh, &en, &g));
        assert_eq!(m, ["writes \"environmental contingency plan\" for the glossary term 环境应急预案, whose one English form is \"environmental emergency response plan\" | write \"environmental emergency response plan\" (content/glossary.yaml lists \"environmental contingency plan\" under `avoid`)"]);
        // "emergency plan" inside the term's own form is the form itself.
        let en = English::new("Improve environmental emergency response plans.");
        assert!(avoided_forms(zh, &en, &g).is_empty());
        // Only where the Chinese uses the term.
        let en = English::new("dust control");
        assert!(avoided_forms("加强管理", &en, &g).is_empty());
        assert_eq!(avoided_forms("扬尘", &en, &g).len(), 1);
    }

    #[test]
    fn a_term_inside_a_longer_term_is_that_term() {
        let terms = ["优良", "优良天数", "环评", "规划环评"];
        assert!(!uses_term("空气质量优良天数(天)", "优良", &terms));
        assert!(uses_term("空气质量优良天数(天)", "优良天数", &terms));
        assert!(uses_term("优良天数329天,水质优良", "优良", &terms));
        assert!(!uses_term("严格执行规划环评制度", "环评", &terms));
        assert!(uses_term("规划环评与项目环评联动", "环评", &terms));
    }

    #[test]
    fn agency_names_name_their_place() {
        let rules = [
            RawNamingRule {
                zh_prefix: "区".into(),
                en: "Dazu District".into(),
            },
            RawNamingRule {
                zh_prefix: "经开区".into(),
                en: "Shuangqiao Economic and Technological Development Zone".into(),
            },
        ];
        let issue = |zh: &str, en: &str| agency_name_issue(zh, en, &rules);
        assert!(issue(
            "区生态环境局",
            "Dazu District Ecology and Environment Bureau"
        )
        .is_none());
        assert!(issue(
            "区委宣传部",
            "Publicity Department of the CPC Dazu District Committee"
        )
        .is_none());
        let i = issue("区生态环境局", "District Ecology and Environment Bureau").unwrap();
        assert_eq!(
            i.message,
            "the English name of a body whose Chinese name starts with 区 must name its place: \"Dazu District …\""
        );
        let i = issue(
            "经开区生态环境局",
            "Development Zone Ecology and Environment Bureau",
        )
        .unwrap();
        assert!(i.message.contains("starts with 经开区"), "{}", i.message);
        assert!(issue(
            "经开区建设局",
            "Shuangqiao Economic and Technological Development Zone Construction Bureau"
        )
        .is_none());
        // Names that match no prefix, and registries without a rule, are free.
        assert!(issue("大足高新区", "Dazu High-tech Industrial Development Zone").is_none());
        assert!(agency_name_issue("区水利局", "District Water Resources Bureau", &[]).is_none());
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
