//! Single cells of the flattened document: Chinese numerals, chapter and
//! section headings, numbers, year ranges, and the text a line break split.

use crate::load::raw::Text;
use crate::load::yaml::Spanned;
use serde_saphyr::Location;

pub(super) fn zh(s: impl Into<String>) -> Text {
    Text {
        zh: s.into(),
        en: None,
    }
}

pub(super) fn spanned_n(n: u32) -> Spanned<u32> {
    Spanned::new(n, Location::UNKNOWN, Location::UNKNOWN)
}

pub(super) fn spanned(s: String) -> Spanned<String> {
    Spanned::new(s, Location::UNKNOWN, Location::UNKNOWN)
}

pub(super) const CN_DIGITS: &str = "一二三四五六七八九十";

/// 一 → 1 … 十九 → 19 (enough for chapter and section numbers).
pub fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| CN_DIGITS.find(c).map(|i| (i / 3) as u32 + 1);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] => digit(*c),
        ['十', c] => digit(*c).filter(|d| *d < 10).map(|d| 10 + d),
        [c, '十'] => digit(*c).filter(|d| *d < 10).map(|d| d * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

pub(super) fn chapter_heading(line: &str) -> Option<(u32, String)> {
    let (num, title) = line.split_once('、')?;
    Some((chinese_number(num)?, title.trim().to_string()))
}

pub(super) fn section_heading(line: &str) -> Option<(u32, String)> {
    let rest = line.strip_prefix('(').or_else(|| line.strip_prefix('（'))?;
    let close = rest.find([')', '）'])?;
    let num = chinese_number(&rest[..close])?;
    let title = rest[close..].chars().skip(1).collect::<String>();
    Some((num, title.trim().to_string()))
}

pub(super) fn is_number(line: &str) -> bool {
    !line.is_empty() && line.chars().all(|c| c.is_ascii_digit())
}

pub(super) fn is_decimal(line: &str) -> bool {
    let mut parts = line.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    is_number(int) && frac.is_none_or(|f| is_number(f) && f.len() <= 2)
}

/// "2021—2025" (after errata) → (2021, 2025).
pub(super) fn year_range(line: &str) -> Option<(u32, u32)> {
    let (a, b) = line.split_once('—')?;
    let (a, b) = (a.trim(), b.trim());
    if a.len() == 4 && b.len() == 4 {
        let (a, b) = (a.parse().ok()?, b.parse().ok()?);
        (a <= b).then_some((a, b))
    } else {
        None
    }
}

/// The year written before the first 年 ("大足区2022年…" → 2022).
pub(super) fn year_of(title: &str) -> Option<u32> {
    let head = &title[..title.find('年')?];
    let digits = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    (digits == 4)
        .then(|| head[head.len() - 4..].parse().ok())
        .flatten()
}

/// Remove the spaces a line break left inside Chinese text.
pub(super) fn join_cjk(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let prev = i.checked_sub(1).and_then(|j| chars.get(j));
            let next = chars.get(i + 1);
            if prev.is_some_and(|p| !p.is_ascii()) || next.is_some_and(|n| !n.is_ascii()) {
                continue;
            }
        }
        out.push(*c);
    }
    out
}

pub(super) fn truncate(s: &str) -> String {
    let t: String = s.chars().take(30).collect();
    if t.len() < s.len() {
        format!("{t}…")
    } else {
        t
    }
}
