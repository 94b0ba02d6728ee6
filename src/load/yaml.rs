//! The one place that knows which YAML crate we use (serde-saphyr). Everything
//! else asks for `parse::<T>(path, text)` and gets either the value or a
//! `Diagnostic` at the line and column of the fault, in plain words
//! (`words`: the field, what it takes, what was written; never a Rust type).
//! `Spanned<T>` is re-exported so content structs can keep the position of a
//! value for later checks (an unknown agency id is reported where it was
//! written).

pub mod items;
mod source;
mod words;

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

/// Parse `text` (the contents of `path`) into `T`. A fault reads in plain
/// words (see `words`): the field, what it takes, what was written.
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, Diagnostic> {
    serde_saphyr::from_str_with_options::<T>(text, options())
        .map_err(|e| to_diagnostic::<T>(path, text, &e))
}

fn to_diagnostic<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    e: &serde_saphyr::Error,
) -> Diagnostic {
    let (fault, at) = words::fault(e);
    let (line, column) = at.unwrap_or((1, 1));
    let src = source::Source::new(text);
    let offset = src.offset(line, column);
    let (message, help) = words::explain::<T>(&src, offset, &fault);
    Diagnostic::new(path, line, column, message).with_help_opt(help)
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

    use crate::load::raw::*;

    fn message<T: DeserializeOwned + std::fmt::Debug>(text: &str) -> String {
        parse::<T>(Path::new("f.yaml"), text)
            .unwrap_err()
            .to_string()
    }

    const UPDATE: &str =
        "subjects: [task/1]\ndate: \"2022-06-30\"\nstatus: in-progress\npercent: 40\nreporter: water\n";

    #[test]
    fn a_wrong_type_reads_in_words_with_the_field_and_what_it_means() {
        assert_eq!(
            message::<RawUpdateFront>(&UPDATE.replace("40", "\"40%\"")),
            "f.yaml:4:10: error: percent must be a whole number from 0 to 100, found \"40%\"\n  help: write the number alone, e.g. `percent: 40`"
        );
        assert!(message::<RawUpdateFront>(&UPDATE.replace("[task/1]", "task/1"))
            .starts_with("f.yaml:1:11: error: subjects must be a list of subjects, such as [task/8, key-task/2022/5], found `task/1`"));
        assert!(message::<RawUpdateFront>(&format!("{UPDATE}evidence:\n  - a.pdf\n"))
            .starts_with("f.yaml:7:5: error: each item of evidence must be a mapping with the fields title, url and file, found `a.pdf`"));
        assert!(message::<RawIndicatorValues>("directions:\n  three: at-least\n")
            .starts_with("f.yaml:2:3: error: each key of directions must be a whole number (0 or more), found `three`"));
        assert!(message::<Vec<RawTask>>("number: 1\n").starts_with(
            "f.yaml:1:1: error: the file must be a list of mappings with the fields number, chapter,"
        ));
    }

    #[test]
    fn a_tagged_value_is_shown_with_its_tag() {
        let m = message::<RawConfig>("require_english: !!str true\ntitle: {zh: a}\n");
        assert!(
            m.starts_with(
                "f.yaml:1:24: error: require_english must be true or false, found `!!str true`"
            ),
            "{m}"
        );
    }

    #[test]
    fn a_meaning_is_used_only_where_the_type_agrees() {
        // An interface string named `date` is a text in both languages, not a date.
        let m = message::<std::collections::BTreeMap<String, Text>>("date: 日期\n");
        assert!(
            m.starts_with("f.yaml:1:7: error: date must be a text in both languages"),
            "{m}"
        );
    }

    #[test]
    fn columns_count_characters() {
        let m = message::<RawConfig>("title: {zh: 严格, en: [x]}\n");
        assert!(
            m.starts_with("f.yaml:1:21: error: en must be a text, found the list `[x]`"),
            "{m}"
        );
    }

    #[test]
    fn unknown_and_missing_fields_list_the_accepted_ones() {
        let m = message::<RawUpdateFront>(&UPDATE.replace("reporter: water\n", ""));
        assert_eq!(m, "f.yaml:4:1: error: missing field `reporter`; the accepted fields are subjects, date, status, percent, reporter and evidence");
        let m = message::<RawConfig>("title: {en: Plan}\n");
        assert_eq!(
            m,
            "f.yaml:1:9: error: missing field `zh` in title; the accepted fields are zh and en"
        );
        let m = message::<RawFrontMatter>("titel: a\n");
        assert_eq!(m, "f.yaml:1:1: error: unknown field `titel`; the accepted fields are title, weight and shows\n  help: did you mean `title`?");
    }

    /// Every kind of mismatch, in every kind of content file: no message
    /// names a Rust type or the YAML crate's internals.
    #[test]
    fn no_message_speaks_rust() {
        let rust = [
            "i8",
            "i16",
            "i32",
            "i64",
            "u8",
            "u16",
            "u32",
            "u64",
            "usize",
            "isize",
            "f64",
            "struct",
            "Spanned",
            "Option",
            "Vec",
            "invalid type",
            "scalar",
            "sequence start",
            "mapping start",
            "DuplicateKeyPolicy",
            "deserialize",
            "another kind of value",
            "different kind of value",
        ];
        let mut messages = vec![
            message::<Vec<RawTask>>("- number: two\n"),
            message::<Vec<RawTask>>("- number: [1]\n"),
            message::<Vec<RawTask>>("- number: 1\n  number: 2\n"),
            message::<Vec<RawTask>>("- number: 1\n  chapter: 1\n  text: a\n"),
            message::<Vec<RawTask>>("- {number: 1, chapter: 1, text: {zh: a}, lead: [[x]]}\n"),
            message::<RawConfig>("title: {zh: a}\nrequire_english: yes\n"),
            message::<RawConfig>("title: {zh: a}\nfooter: [a]\n"),
            message::<RawConfig>("title: {zh: a}\nbuild_date:\n  - 2022\n"),
            message::<Vec<RawAgency>>("- id: a\n  zh: b\n  en: [c]\n  kind: town\n"),
            message::<Vec<RawAgency>>("- {id: a, zh: b}\n"),
            message::<RawIndicatorValues>("values:\n  - indicator: 1\n    year: \"2022年\"\n"),
            message::<RawWater>("sources: {a: 1}\n"),
            message::<RawFrontMatter>("title: a\nweight: heavy\n"),
            message::<RawUpdateFront>(&UPDATE.replace("in-progress", "")),
            message::<RawUpdateFront>(&UPDATE.replace("water", "{id: water}")),
        ];
        messages.extend([
            message::<RawKeyTaskList>("year: 二〇二二\n"),
            message::<RawConfig>("title: {zh: a}\n---\ntitle: {zh: b}\n"),
            message::<RawConfig>("require_english: !!str true\ntitle: {zh: a}\n"),
            message::<RawConfig>("title: {zh: !!int 5}\n"),
            message::<RawConfig>("[a]: 1\n"),
            message::<Vec<RawTask>>("[[[1]]]\n"),
            message::<RawIndicatorValues>("directions:\n  3: [a]\n"),
        ]);
        for m in &messages {
            for word in rust {
                let spoken = m
                    .split(|c: char| !c.is_alphanumeric() && c != ' ')
                    .any(|part| {
                        part.split(' ').any(|w| w == word)
                            || (word.contains(' ') && part.contains(word))
                    });
                assert!(!spoken, "`{word}` in: {m}");
            }
            assert!(
                m.contains(" must be ") || m.contains(" field") || m.contains("YAML"),
                "{m}"
            );
        }
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
