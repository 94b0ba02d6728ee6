//! The mechanical rules of the English style guide
//! (docs/translation-notes.md): amounts as "CNY 25 million", not in yuan
//! or wan; thousands separators in long numbers; en dashes in year ranges.

use super::numbers::shift;
use super::StyleIssue;
use crate::model::amount::{thousands, Yuan};
use crate::text::digits::digit_runs;
use std::ops::Range;

/// A token of English text: a number (digits with `,` and `.` inside) or a
/// word (letters), with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tok {
    Num,
    Word,
}

pub(super) fn tokens(s: &str) -> Vec<(Tok, Range<usize>)> {
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
    for Range { start, end: i } in digit_runs(en) {
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

#[cfg(test)]
mod tests {
    use super::super::messages;
    use super::*;

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
}
