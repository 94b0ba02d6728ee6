//! Numbers that must survive translation: every figure of the Chinese
//! appears in the English, as written, in full or in millions (万, 亿), as
//! the one English form of an amount of money, as a month name or as a
//! small number in words.

use crate::model::amount::{Unit, Yuan};
use crate::text::digits::digit_runs;
use crate::text::english::English;

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
    let mut out = Vec::new();
    for run in digit_runs(zh).with_decimals() {
        let i = run.end;
        let digits = &zh[run];
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
pub(super) fn shift(digits: &str, zeros: usize) -> Option<String> {
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
}
