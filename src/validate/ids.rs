//! The rules every id and number of a list keeps: an id is a slug (it
//! appears in URLs), and neither an id nor a number is written twice in one
//! list. A repeat is reported where it is written, naming the first line.

use super::refs::at;
use crate::diagnostics::Diagnostics;
use crate::load::yaml::{line_col, Spanned};
use std::collections::BTreeMap;
use std::path::Path;

/// Lowercase ASCII letters, digits and hyphens, not starting with a hyphen.
pub(super) fn is_slug(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The line `s` was first written on, if this is a repeat; else `s` is
/// remembered at its own line.
fn first_line<K: Ord + Clone>(s: &Spanned<K>, seen: &mut BTreeMap<K, u64>) -> Option<u64> {
    match seen.get(&s.value) {
        Some(first) => Some(*first),
        None => {
            seen.insert(s.value.clone(), line_col(s).0);
            None
        }
    }
}

/// Remember each number once; a repeat is reported where it is written.
pub(super) fn unique_number(
    path: &Path,
    n: &Spanned<u32>,
    seen: &mut BTreeMap<u32, u64>,
    what: &str,
    d: &mut Diagnostics,
) {
    if let Some(first) = first_line(n, seen) {
        let msg = format!(
            "duplicate {what} number {} (first at line {first})",
            n.value
        );
        d.push(at(path, n, msg));
    }
}

/// A slug, remembered once; a repeat is reported where it is written.
pub(super) fn unique_id(
    path: &Path,
    id: &Spanned<String>,
    seen: &mut BTreeMap<String, u64>,
    what: &str,
    d: &mut Diagnostics,
) {
    if !is_slug(&id.value) {
        let msg = format!(
            "{what} id `{}` must be lowercase ASCII letters, digits and hyphens",
            id.value
        );
        d.push(
            at(path, id, msg).with_help("ids appear in URLs and must never change once published"),
        );
    }
    if let Some(first) = first_line(id, seen) {
        let msg = format!("duplicate {what} id `{}` (first at line {first})", id.value);
        d.push(at(path, id, msg));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("eco-env"));
        assert!(is_slug("2022"));
        assert!(!is_slug("-eco"));
        assert!(!is_slug("Eco"));
        assert!(!is_slug("区"));
    }

    #[test]
    fn a_repeated_id_or_number_names_the_first_line() {
        let p = Path::new("t.yaml");
        let ids: Vec<Spanned<String>> = crate::load::yaml::parse(p, "- a\n- Bad\n- a\n").unwrap();
        let numbers: Vec<Spanned<u32>> = crate::load::yaml::parse(p, "- 1\n- 1\n").unwrap();
        let mut d = Diagnostics::default();
        let mut seen = BTreeMap::new();
        for id in &ids {
            unique_id(p, id, &mut seen, "agency", &mut d);
        }
        let mut seen = BTreeMap::new();
        for n in &numbers {
            unique_number(p, n, &mut seen, "task", &mut d);
        }
        let d: Vec<String> = d.into_sorted().iter().map(|d| d.to_string()).collect();
        assert_eq!(
            d,
            [
                "t.yaml:2:3: error: agency id `Bad` must be lowercase ASCII letters, digits and hyphens\n  help: ids appear in URLs and must never change once published",
                "t.yaml:2:3: error: duplicate task number 1 (first at line 1)",
                "t.yaml:3:3: error: duplicate agency id `a` (first at line 1)",
            ]
        );
    }
}
