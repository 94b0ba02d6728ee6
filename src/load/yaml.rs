//! The one place that knows which YAML crate we use (serde-saphyr). Everything
//! else asks for `parse::<T>(path, text)` and gets either the value or a
//! `Diagnostic` at the line and column of the fault. `Spanned<T>` is re-exported
//! so content structs can keep the position of a value for later checks (an
//! unknown agency id is reported where it was written).

use crate::diagnostics::Diagnostic;
use serde::de::DeserializeOwned;
use std::path::Path;

pub use serde_saphyr::Spanned;

/// Options shared by every content file: `yes`/`no` stay strings, and the
/// budget stops alias bombs and absurdly deep or large documents early.
fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_aliases = 1_000;
    budget.max_depth = 64;
    // Files are at most MAX_FILE_BYTES (32 MiB): these bounds follow from
    // that size (a YAML event takes at least two bytes), so a large plan's
    // task list parses and only the size limit refuses a file.
    budget.max_nodes = 16_000_000;
    budget.max_events = 16_000_000;
    let mut o = serde_saphyr::Options::default();
    o.strict_booleans = true;
    o.budget = Some(budget);
    o.with_snippet = false;
    o.alias_limits.max_alias_expansions_per_anchor = 100;
    o
}

/// Parse `text` (the contents of `path`) into `T`.
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, Diagnostic> {
    serde_saphyr::from_str_with_options::<T>(text, options()).map_err(|e| to_diagnostic(path, &e))
}

fn to_diagnostic(path: &Path, e: &serde_saphyr::Error) -> Diagnostic {
    let (line, column) = e
        .location()
        .map(|l| (l.line(), l.column()))
        .filter(|(l, _)| *l > 0)
        .unwrap_or((1, 1));
    let mut message = e.without_snippet().to_string();
    // The crate appends " at line X column Y"; we print the position in front.
    for marker in [" at line ", " at row "] {
        if let Some(i) = message.find(marker) {
            message.truncate(i);
        }
    }
    let message = message.trim().trim_end_matches(':').to_string();
    let help = unknown_field_help(&message);
    Diagnostic::new(path, line, column, message).with_help_opt(help)
}

/// serde says "unknown field `x`, expected one of `a`, `b`": turn that into a
/// did-you-mean when one of the allowed names is close.
fn unknown_field_help(message: &str) -> Option<String> {
    let rest = message.split("unknown field `").nth(1)?;
    let field = rest.split('`').next()?;
    let list = rest.split("expected one of ").nth(1)?;
    let allowed = list.split(", ").map(|s| s.trim().trim_matches('`'));
    crate::diagnostics::did_you_mean(field, allowed)
}

/// The position of a spanned value, for diagnostics.
pub fn line_col<T>(s: &Spanned<T>) -> (u64, u64) {
    let l = s.referenced;
    (l.line(), l.column())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Item {
        #[allow(dead_code)]
        name: String,
        #[allow(dead_code)]
        count: u32,
    }

    #[test]
    fn wrong_type_points_at_the_value() {
        let d = parse::<Vec<Item>>(Path::new("f.yaml"), "- name: a\n  count: many\n").unwrap_err();
        assert_eq!((d.line, d.column), (2, 10), "{d}");
    }

    #[test]
    fn unknown_field_suggests_the_close_one() {
        let d = parse::<Vec<Item>>(Path::new("f.yaml"), "- name: a\n  cont: 1\n").unwrap_err();
        assert_eq!(d.line, 2, "{d}");
        assert!(d.message.contains("unknown field `cont`"), "{d}");
        assert_eq!(d.help.as_deref(), Some("did you mean `count`?"));
    }

    #[test]
    fn yes_stays_a_string() {
        let v: Vec<String> = parse(Path::new("f.yaml"), "- yes\n- no\n").unwrap();
        assert_eq!(v, ["yes", "no"]);
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut s = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for c in 'b'..='k' {
            s.push_str(&format!("{c}: &{c} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
            prev = c;
        }
        let r = parse::<serde_json::Value>(Path::new("bomb.yaml"), &s);
        assert!(r.is_err());
    }
}
