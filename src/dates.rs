//! Calendar dates as `YYYY-MM-DD` strings (which sort as dates): checking,
//! month lengths and names, adding days, and the date of a Unix time. Plain
//! civil arithmetic (Howard Hinnant's days-from-civil), no time zones, no
//! clock (today's date is read in `env`).

/// The number of days of a month (None for a month that does not exist).
pub fn days_in_month(y: u32, m: u32) -> Option<u32> {
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 if leap => Some(29),
        2 => Some(28),
        _ => None,
    }
}

/// The English month names, January first: the one table of them (dates in
/// English pages, and the translation check's months).
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The English name of month `m` (1 = January; None outside 1–12).
pub fn month_name(m: u32) -> Option<&'static str> {
    let i = usize::try_from(m).ok()?.checked_sub(1)?;
    MONTHS.get(i).copied()
}

/// The three-letter English abbreviation of month `m` ("Jan" … "Dec"),
/// as in "31 Dec 2022".
pub fn month_abbrev(m: u32) -> Option<&'static str> {
    month_name(m).map(|n| &n[..3])
}

fn parts(s: &str) -> Option<(u32, u32, u32)> {
    let p: Vec<&str> = s.split('-').collect();
    if p.len() != 3 || p[0].len() != 4 || p[1].len() != 2 || p[2].len() != 2 {
        return None;
    }
    let (y, m, d) = (p[0].parse().ok()?, p[1].parse().ok()?, p[2].parse().ok()?);
    days_in_month(y, m)
        .filter(|n| (1..=*n).contains(&d))
        .map(|_| (y, m, d))
}

/// A YYYY-MM-DD date that exists.
pub fn valid_date(s: &str) -> bool {
    parts(s).is_some()
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `date` plus `n` days (None if `date` is not a date).
pub fn add_days(date: &str, n: i64) -> Option<String> {
    let (y, m, d) = parts(date)?;
    Some(civil_from_days(
        days_from_civil(y.into(), m.into(), d.into()) + n,
    ))
}

/// Seconds since 1970 (as text, as in SOURCE_DATE_EPOCH) → YYYY-MM-DD, UTC.
pub fn date_of_epoch(secs: &str) -> Option<String> {
    Some(date_of_unix(secs.trim().parse::<i64>().ok()?))
}

/// Seconds since 1970 → YYYY-MM-DD, UTC.
pub fn date_of_unix(secs: i64) -> String {
    civil_from_days(secs.div_euclid(86_400))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(valid_date("2024-02-29"));
        assert!(!valid_date("2023-02-29"));
        assert!(!valid_date("2023-13-01"));
        assert!(!valid_date("2023-1-01"));
        assert_eq!(add_days("2022-12-31", 15).as_deref(), Some("2023-01-15"));
        assert_eq!(add_days("2024-02-28", 1).as_deref(), Some("2024-02-29"));
        assert_eq!(date_of_epoch("0").as_deref(), Some("1970-01-01"));
        assert_eq!(date_of_epoch("1672531199").as_deref(), Some("2022-12-31"));
        assert_eq!(date_of_epoch("1709164800").as_deref(), Some("2024-02-29"));
        assert_eq!(date_of_epoch("x"), None);
    }

    #[test]
    fn month_names() {
        assert_eq!(month_name(1), Some("January"));
        assert_eq!(month_abbrev(9), Some("Sep"));
        assert_eq!(month_abbrev(12), Some("Dec"));
        assert_eq!(month_name(0), None);
        assert_eq!(month_name(13), None);
    }
}
