//! Amounts of money: the plan states them in 亿元 (10⁸ yuan) or 万元 (10⁴
//! yuan); Chinese pages keep that, English pages print one form, and the
//! translation check demands exactly that form, so the page tables, the
//! running text and the check cannot drift apart.
//!
//! The English form (`english`) is "CNY" and the amount, read as a reader
//! of English expects it: `CNY 5.699 billion` from one billion, `CNY 200
//! million` from one million, otherwise the full figure with thousands
//! separators (`CNY 500,000`). Decimals are exact (no floating point): the
//! plan's investments are decimal strings such as "56.99".

/// 56.99 → 5699 (hundredths of 亿元), exact.
pub fn hundredths(s: &str) -> Option<u64> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if frac.len() > 2 {
        return None;
    }
    let int: u64 = int.parse().ok()?;
    let frac: u64 = format!("{frac:0<2}").parse().ok()?;
    Some(int * 100 + frac)
}

/// An exact amount in yuan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Yuan(pub u64);

/// The Chinese units an amount is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// 元
    Yuan,
    /// 万元 = 10 000 yuan
    Wan,
    /// 亿元 = 100 000 000 yuan
    Yi,
}

impl Unit {
    fn zeros(self) -> u32 {
        match self {
            Unit::Yuan => 0,
            Unit::Wan => 4,
            Unit::Yi => 8,
        }
    }
}

impl Yuan {
    /// `digits` (e.g. "56.99") in `unit`, or `None` when it is not a plain
    /// decimal or would leave a fraction of a yuan.
    pub fn parse(digits: &str, unit: Unit) -> Option<Yuan> {
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty() || !all_digits(int) || !all_digits(frac) {
            return None;
        }
        let zeros = unit.zeros() as usize;
        let frac = frac.trim_end_matches('0');
        if frac.len() > zeros {
            return None;
        }
        let int: u64 = int.parse().ok()?;
        let frac_value: u64 = if frac.is_empty() {
            0
        } else {
            format!("{frac:0<zeros$}").parse().ok()?
        };
        int.checked_mul(10u64.pow(zeros as u32))?
            .checked_add(frac_value)
            .map(Yuan)
    }

    /// The English form: `CNY 5.699 billion`, `CNY 25 million`, `CNY 500,000`.
    pub fn english(self) -> String {
        const MILLION: u64 = 1_000_000;
        const BILLION: u64 = 1_000_000_000;
        let v = self.0;
        if v >= BILLION {
            format!("CNY {} billion", scaled(v, BILLION, 9))
        } else if v >= MILLION {
            format!("CNY {} million", scaled(v, MILLION, 6))
        } else {
            format!("CNY {}", thousands(v))
        }
    }
}

/// The English form of an amount written in 亿元 (the plan's project
/// investments), or `None` when `yi` is not an amount.
pub fn yi_english(yi: &str) -> Option<String> {
    Yuan::parse(yi, Unit::Yi).map(Yuan::english)
}

/// `v / unit` as an exact decimal without trailing zeros (`places` = the
/// number of zeros of `unit`), the whole part with thousands separators.
fn scaled(v: u64, unit: u64, places: usize) -> String {
    let whole = thousands(v / unit);
    let frac = format!("{:0places$}", v % unit);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        whole
    } else {
        format!("{whole}.{frac}")
    }
}

/// `n` with a comma every three digits: 150000 → "150,000".
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_exact() {
        assert_eq!(hundredths("56.99"), Some(5699));
        assert_eq!(hundredths("0.1"), Some(10));
        assert_eq!(hundredths("12"), Some(1200));
        assert_eq!(hundredths("1.234"), None);
    }

    #[test]
    fn yi_and_wan_read_as_amounts() {
        let cases = [
            ("56.99", Unit::Yi, "CNY 5.699 billion"),
            ("2", Unit::Yi, "CNY 200 million"),
            ("0.6", Unit::Yi, "CNY 60 million"),
            ("0.08", Unit::Yi, "CNY 8 million"),
            ("12.41", Unit::Yi, "CNY 1.241 billion"),
            ("10", Unit::Yi, "CNY 1 billion"),
            ("300", Unit::Yi, "CNY 30 billion"),
            ("2500", Unit::Wan, "CNY 25 million"),
            ("2350", Unit::Wan, "CNY 23.5 million"),
            ("450", Unit::Wan, "CNY 4.5 million"),
            ("50", Unit::Wan, "CNY 500,000"),
            ("0.5", Unit::Wan, "CNY 5,000"),
            ("120", Unit::Yuan, "CNY 120"),
        ];
        for (digits, unit, english) in cases {
            let amount = Yuan::parse(digits, unit).unwrap();
            assert_eq!(amount.english(), english, "{digits} {unit:?}");
        }
    }

    #[test]
    fn only_exact_decimals_are_amounts() {
        assert_eq!(Yuan::parse("1.5", Unit::Yuan), None);
        assert_eq!(Yuan::parse("1.50", Unit::Wan), Some(Yuan(15_000)));
        assert_eq!(Yuan::parse("0.123456789", Unit::Yi), None);
        assert_eq!(Yuan::parse("", Unit::Yi), None);
        assert_eq!(Yuan::parse(".5", Unit::Yi), None);
        assert_eq!(Yuan::parse("1,5", Unit::Yi), None);
        assert_eq!(Yuan::parse("99999999999999", Unit::Yi), None);
        assert_eq!(yi_english("0.61").as_deref(), Some("CNY 61 million"));
        assert_eq!(yi_english("abc"), None);
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(150000), "150,000");
        assert_eq!(thousands(1250000), "1,250,000");
    }
}
