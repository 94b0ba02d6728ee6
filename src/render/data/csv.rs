//! A table as CSV: RFC 4180, UTF-8 with a byte-order mark (so Excel in China
//! opens it correctly) and CRLF line ends.

use super::fields::Table;

/// RFC 4180 CSV with a UTF-8 byte-order mark and CRLF line ends.
pub(super) fn csv(t: &Table) -> Vec<u8> {
    let quote = |s: &str| {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = String::from("\u{feff}");
    let header: Vec<String> = t.fields.iter().map(|f| f.name.to_string()).collect();
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for row in &t.rows {
        out.push_str(&row.iter().map(|c| quote(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}
