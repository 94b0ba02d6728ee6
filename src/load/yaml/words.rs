//! serde-saphyr's faults in plain words. The crate speaks of Rust
//! (`invalid i64`, `expected mapping start`, `use Option<String>`); a person
//! editing content needs the field, what it takes and what they wrote:
//! `percent must be a whole number from 0 to 100, found "40%"`.
//!
//! Three sources make the words. The text around the fault gives the field
//! and the value as written (`source`). The target type gives what the
//! field takes: serde says it only in part, so a fault is "probed" by
//! parsing the text again with a stand-in at the same spot — a word, a
//! list or a mapping holding one unknown key, which every content struct
//! refuses by naming the fields it accepts. And a short table says what
//! fields of the same name mean in every content file (`percent`, `date`,
//! `year` …), used only where the probe agrees with it.

use super::source::{Node, Role, Shape, Source};
use serde::de::DeserializeOwned;
use serde_saphyr::Error;

/// A field name no content struct has: the probe's stand-in key.
const PROBE_KEY: &str = "gongkai-probe-field";
/// A plain word that every text field accepts and no number or boolean does.
const PROBE_WORD: &str = "gongkai-probe-word";

/// What went wrong, in terms of YAML rather than Rust.
#[derive(Debug, Clone, PartialEq)]
pub enum Fault {
    /// A scalar that is not a value of the Rust type named (`i64`, `u32` …).
    Scalar(String),
    Boolean,
    /// A list or mapping where a single value belongs.
    NotScalar,
    NotList,
    NotMapping,
    /// Nothing where a text belongs.
    Empty,
    /// serde's own "invalid type: X, expected Y".
    InvalidType {
        unexpected: String,
        expected: String,
    },
    UnknownField {
        field: String,
        accepted: Vec<String>,
    },
    MissingField(String),
    DuplicateKey(Option<String>),
    /// A `---` that starts a second document.
    SecondDocument,
    /// A tagged scalar (`!!int 5`) where a text belongs.
    Tagged,
    /// Anything else (a syntax error, a budget): the crate's message.
    Other(String),
}

/// The fault of a serde-saphyr error and its 1-based line and column.
pub fn fault(e: &Error) -> (Fault, Option<(u64, u64)>) {
    let at = e
        .location()
        .map(|l| (l.line(), l.column()))
        .filter(|(l, _)| *l > 0);
    let mut inner = e.without_snippet();
    while let Error::AliasError { error, .. } = inner {
        inner = error.without_snippet();
    }
    let fault = match inner {
        Error::InvalidScalar { ty, .. } => Fault::Scalar(ty.to_string()),
        Error::InvalidBooleanStrict { .. } => Fault::Boolean,
        Error::Unexpected { expected, .. } => match *expected {
            "string scalar" => Fault::NotScalar,
            "sequence start" => Fault::NotList,
            "mapping start" => Fault::NotMapping,
            _ => Fault::Other(message(inner)),
        },
        Error::NullIntoString { .. } => Fault::Empty,
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        }
        | Error::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => Fault::InvalidType {
            unexpected: unexpected.clone(),
            expected: expected.clone(),
        },
        Error::SerdeUnknownField {
            field, expected, ..
        } => Fault::UnknownField {
            field: field.clone(),
            accepted: expected.iter().map(|s| s.to_string()).collect(),
        },
        Error::SerdeMissingField { field, .. } => Fault::MissingField(field.to_string()),
        Error::DuplicateMappingKey { key, .. } => Fault::DuplicateKey(key.clone()),
        Error::MultipleDocuments { .. } => Fault::SecondDocument,
        Error::TaggedScalarCannotDeserializeIntoString { .. } => Fault::Tagged,
        other => {
            let m = message(other);
            match m
                .strip_prefix("invalid type: ")
                .and_then(|r| r.split_once(", expected "))
            {
                Some((u, x)) => Fault::InvalidType {
                    unexpected: u.to_string(),
                    expected: x.to_string(),
                },
                None => Fault::Other(m),
            }
        }
    };
    (fault, at)
}

/// The crate's message without the position it appends.
fn message(e: &Error) -> String {
    let mut m = e.to_string();
    for marker in [" at line ", " at row "] {
        if let Some(i) = m.find(marker) {
            m.truncate(i);
        }
    }
    m.trim().trim_end_matches(':').to_string()
}

/// What a field takes, as far as the diagnostic needs to know.
#[derive(Debug, Clone, PartialEq)]
enum Class {
    Whole {
        signed: bool,
    },
    Number,
    Bool,
    Text,
    List(Option<Box<Class>>),
    /// A mapping and the fields it accepts (empty when unknown).
    Map(Vec<String>),
}

impl Class {
    fn of_rust_type(ty: &str) -> Option<Class> {
        let ty = ty.trim();
        Some(match ty {
            "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => Class::Whole { signed: true },
            "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => Class::Whole { signed: false },
            "f32" | "f64" | "floating point" | "a number" => Class::Number,
            "bool" | "boolean" | "a boolean" => Class::Bool,
            "char" | "a character" | "string" | "a string" | "a borrowed string" => Class::Text,
            "a sequence" | "sequence" => Class::List(None),
            "a map" | "map" => Class::Map(Vec::new()),
            _ if ty.starts_with("struct ") => Class::Map(Vec::new()),
            _ => {
                let inner = ty
                    .strip_prefix("option")
                    .or_else(|| ty.strip_prefix("Option<"))?;
                return Class::of_rust_type(inner.trim_end_matches('>'));
            }
        })
    }

    fn words(&self) -> String {
        match self {
            Class::Whole { signed: true } => "a whole number".into(),
            Class::Whole { signed: false } => "a whole number (0 or more)".into(),
            Class::Number => "a number".into(),
            Class::Bool => "true or false".into(),
            Class::Text => "a text".into(),
            Class::List(None) => "a list".into(),
            Class::List(Some(item)) => match item.as_ref() {
                Class::Text => "a list".into(),
                Class::Whole { .. } | Class::Number => "a list of numbers".into(),
                Class::Map(f) if is_text(f) => "a list of texts in both languages".into(),
                Class::Map(f) if !f.is_empty() => {
                    format!("a list of mappings with the fields {}", and_list(f))
                }
                _ => "a list".into(),
            },
            Class::Map(f) if is_text(f) => {
                "a text in both languages, such as {zh: 中文, en: English}".into()
            }
            Class::Map(f) if f.is_empty() => "a mapping (`key: value` lines)".into(),
            Class::Map(f) => format!("a mapping with the fields {}", and_list(f)),
        }
    }

    fn help(&self, field: &str) -> Option<String> {
        Some(match self {
            Class::Whole { .. } | Class::Number => {
                "write the number alone, without quotes or units".into()
            }
            Class::Bool => format!("write `{field}: true` or `{field}: false`"),
            Class::List(Some(item)) if matches!(item.as_ref(), Class::Map(_)) => {
                format!("write each item on its own lines below `{field}:`, starting with `- `")
            }
            Class::List(_) => {
                format!("write `{field}: [a, b]`, or one `- item` per line below `{field}:`")
            }
            Class::Map(f) if is_text(f) => format!("write `{field}: {{zh: 中文, en: English}}`"),
            _ => return None,
        })
    }
}

fn is_text(fields: &[String]) -> bool {
    fields == ["zh", "en"]
}

/// `a, b and c`.
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// What the fields of one name mean in every content file. A meaning is
/// used only when the field's type agrees with it.
fn meaning(field: &str, class: &Class) -> Option<(&'static str, Option<&'static str>)> {
    let whole = matches!(class, Class::Whole { .. });
    let text = *class == Class::Text;
    let list = matches!(class, Class::List(_));
    let (words, help) = match field {
        "percent" if whole => (
            "a whole number from 0 to 100",
            Some("write the number alone, e.g. `percent: 40`"),
        ),
        "year" | "start_year" | "end_year" if whole => ("a year, such as 2022", None),
        "number" | "chapter" | "section" | "indicator" if whole => {
            ("a whole number, such as 12", None)
        }
        "line" | "source_line" if whole => ("a line number of the source text", None),
        "due_days" if whole => ("a whole number of days", None),
        "date" | "build_date" | "published" | "written" if text => (
            "a date in quotes, such as \"2022-06-30\"",
            Some("write the date as YYYY-MM-DD, in quotes"),
        ),
        "period" | "from" if text => (
            "a month (\"2022-11\") or a quarter (\"2022-Q4\") in quotes",
            None,
        ),
        "value" if text => (
            "a number in quotes, such as \"45.2\"",
            Some("write the number alone; the unit is in the indicator's name"),
        ),
        "investment" | "stated_total" if text => {
            ("an amount in 亿元 in quotes, such as \"1.25\"", None)
        }
        "status" if text => (
            "one of not-started, in-progress, completed, delayed or ongoing",
            None,
        ),
        "reporter" if text => ("an agency id of agencies.yaml, such as water", None),
        "lead" | "responsible" | "cooperating" if list => (
            "a list of agency ids of agencies.yaml, such as [water]",
            None,
        ),
        "subjects" if list => (
            "a list of subjects, such as [task/8, key-task/2022/5]",
            None,
        ),
        "rivers" if list => ("a list of river ids of rivers.yaml, such as [laixi]", None),
        "corrections" if list => ("a list of erratum ids of plan/errata.yaml", None),
        "aliases" | "variants" if list => ("a list of names", None),
        _ => return None,
    };
    Some((words, help))
}

/// The outcome of parsing the text again with a stand-in.
enum Probe {
    /// The stand-in was accepted (the parse failed later, or not at all).
    Accepted,
    Fault(Fault),
}

fn probe<T: DeserializeOwned>(text: &str, from: usize, to: usize) -> Option<Probe> {
    let src = Source::new(text);
    match serde_saphyr::from_str_with_options::<T>(text, super::options()) {
        Ok(_) => Some(Probe::Accepted),
        Err(e) => {
            let (f, at) = fault(&e);
            if let Fault::UnknownField { field, .. } = &f {
                if field == PROBE_KEY {
                    return Some(Probe::Fault(f));
                }
            }
            let offset = at.and_then(|(l, c)| src.offset(l, c))?;
            Some(if (from..to).contains(&offset) {
                Probe::Fault(f)
            } else {
                Probe::Accepted
            })
        }
    }
}

/// Parse `src` with `node` replaced by `with`.
fn probe_node<T: DeserializeOwned>(src: &Source, node: Node, with: &str) -> Option<Probe> {
    // `key:` right before: keep a space, or the stand-in joins the key.
    let with = match src.text()[..node.start].ends_with(':') {
        true => format!(" {with}"),
        false => with.to_string(),
    };
    let text = src.replace(node, &with)?;
    probe::<T>(&text, node.start, node.start + with.len())
}

/// What the field at `node` takes, found by probing where the fault does not say.
fn class_at<T: DeserializeOwned>(src: &Source, node: Node, fault: &Fault) -> Option<Class> {
    match fault {
        Fault::Scalar(ty) => Class::of_rust_type(ty),
        Fault::Boolean => Some(Class::Bool),
        Fault::NotList => Some(Class::List(item_class::<T>(src, node).map(Box::new))),
        Fault::NotMapping => Some(Class::Map(fields_at::<T>(src, node).unwrap_or_default())),
        _ => match probe_node::<T>(src, node, PROBE_WORD)? {
            Probe::Accepted => Some(Class::Text),
            Probe::Fault(Fault::NotList) => {
                Some(Class::List(item_class::<T>(src, node).map(Box::new)))
            }
            Probe::Fault(Fault::NotMapping) => {
                Some(Class::Map(fields_at::<T>(src, node).unwrap_or_default()))
            }
            Probe::Fault(f @ (Fault::Scalar(_) | Fault::Boolean)) => class_at::<T>(src, node, &f),
            Probe::Fault(Fault::InvalidType { expected, .. }) => Class::of_rust_type(&expected),
            Probe::Fault(_) => None,
        },
    }
}

/// The fields of the mapping that belongs at `node`.
fn fields_at<T: DeserializeOwned>(src: &Source, node: Node) -> Option<Vec<String>> {
    match probe_node::<T>(src, node, &format!("{{{PROBE_KEY}: 0}}"))? {
        Probe::Fault(Fault::UnknownField { accepted, .. }) => Some(accepted),
        _ => None,
    }
}

/// What each item of the list that belongs at `node` takes.
fn item_class<T: DeserializeOwned>(src: &Source, node: Node) -> Option<Class> {
    match probe_node::<T>(src, node, &format!("[{{{PROBE_KEY}: 0}}]"))? {
        Probe::Fault(Fault::UnknownField { accepted, .. }) => return Some(Class::Map(accepted)),
        Probe::Fault(Fault::NotScalar) => {}
        _ => return None,
    }
    match probe_node::<T>(src, node, &format!("[{PROBE_WORD}]"))? {
        Probe::Accepted => Some(Class::Text),
        Probe::Fault(Fault::Scalar(ty)) => Class::of_rust_type(&ty),
        Probe::Fault(Fault::Boolean) => Some(Class::Bool),
        _ => None,
    }
}

/// The fields of the mapping whose key is at `offset` (for a missing field).
fn fields_of_mapping<T: DeserializeOwned>(src: &Source, offset: usize) -> Option<Vec<String>> {
    let text = src.insert_key(offset, PROBE_KEY)?;
    match probe::<T>(&text, 0, 0)? {
        Probe::Fault(Fault::UnknownField { accepted, .. }) => Some(accepted),
        _ => None,
    }
}

/// The value as written, for `found …`.
fn found(src: &Source, node: Option<Node>, fault: &Fault) -> String {
    let Some(node) = node else {
        return match fault {
            Fault::InvalidType { unexpected, .. } => serde_unexpected(unexpected),
            _ => "another kind of value".into(),
        };
    };
    let tag = src.tag_before(node.start);
    match (node.shape, src.written(node), tag) {
        (Shape::Empty, ..) => "nothing".into(),
        (Shape::Plain | Shape::Quoted, Some(w), Some(t)) => format!("`{t} {w}`"),
        (Shape::Quoted, Some(w), None) => w.to_string(),
        (Shape::Plain, Some(w), None) => format!("`{w}`"),
        (Shape::Plain | Shape::Quoted, None, _) => "a long text".into(),
        (Shape::FlowList, Some(w), _) => format!("the list `{w}`"),
        (Shape::FlowMap, Some(w), _) => format!("the mapping `{w}`"),
        (Shape::FlowList | Shape::BlockList, ..) => "a list".into(),
        (Shape::FlowMap | Shape::BlockMap, ..) => "a mapping".into(),
    }
}

/// serde's `Unexpected` (`string "x"`, `integer `5``, `sequence` …) in words.
fn serde_unexpected(u: &str) -> String {
    if let Some(s) = u.strip_prefix("string ") {
        return s.to_string();
    }
    for p in ["integer ", "floating point ", "boolean ", "character "] {
        if let Some(v) = u.strip_prefix(p) {
            return v.to_string();
        }
    }
    match u {
        "sequence" => "a list".into(),
        "map" => "a mapping".into(),
        "unit value" | "Option value" => "nothing".into(),
        _ => "another kind of value".into(),
    }
}

/// The subject of a sentence about the value at `role`.
fn subject(role: &Role) -> String {
    match role {
        // A key that is a number (`3: at-least`) reads badly as a subject.
        Role::Value(f) if f.chars().all(|c| c.is_ascii_digit()) => format!("the value of `{f}`"),
        Role::Value(f) => f.clone(),
        Role::Item(f) if f.is_empty() => "each item of the list".into(),
        Role::Item(f) => format!("each item of {f}"),
        Role::Key(f) => format!("each key of {f}"),
        Role::Document => "the file".into(),
        Role::Unknown => "this value".into(),
    }
}

/// The message and help of a fault at `offset` of `src` (parsed as `T`).
pub fn explain<T: DeserializeOwned>(
    src: &Source,
    offset: Option<usize>,
    fault: &Fault,
) -> (String, Option<String>) {
    match fault {
        Fault::UnknownField { field, accepted } => {
            let inside = offset
                .and_then(|o| src.container_key(o))
                .map(|k| format!(" in {k}"))
                .unwrap_or_default();
            let help = crate::diagnostics::did_you_mean(field, accepted.iter().map(String::as_str));
            let list = match accepted.as_slice() {
                [] => "no fields are accepted here".to_string(),
                _ => format!("the accepted fields are {}", and_list(accepted)),
            };
            (format!("unknown field `{field}`{inside}; {list}"), help)
        }
        Fault::MissingField(field) => {
            let inside = offset
                .and_then(|o| src.container_key(o))
                .map(|k| format!(" in {k}"))
                .unwrap_or_default();
            let fields = offset.and_then(|o| fields_of_mapping::<T>(src, o));
            let message = match fields {
                Some(f) => format!(
                    "missing field `{field}`{inside}; the accepted fields are {}",
                    and_list(&f)
                ),
                None => format!("missing field `{field}`{inside}"),
            };
            (message, None)
        }
        Fault::DuplicateKey(key) => {
            let key = key
                .as_deref()
                .map(|k| format!("`{k}` "))
                .unwrap_or_default();
            (
                format!("the field {key}is written twice in one mapping"),
                Some("keep one of the two".into()),
            )
        }
        Fault::SecondDocument => (
            "a second YAML document starts here; a content file holds one".into(),
            Some("delete this `---` line, or move what follows into its own file".into()),
        ),
        Fault::Tagged => (
            "a YAML tag (`!!…`) is not accepted here".into(),
            Some("write the value alone, without the tag".into()),
        ),
        Fault::Other(m) => (m.clone(), None),
        Fault::Scalar(_)
        | Fault::Boolean
        | Fault::NotScalar
        | Fault::NotList
        | Fault::NotMapping
        | Fault::Empty
        | Fault::InvalidType { .. } => wrong_type::<T>(src, offset, fault),
    }
}

/// `FIELD must be WHAT, found VALUE`.
fn wrong_type<T: DeserializeOwned>(
    src: &Source,
    offset: Option<usize>,
    fault: &Fault,
) -> (String, Option<String>) {
    let node = offset.and_then(|o| match fault {
        // A scalar that did not convert may be a key (`three: …` of a map of numbers).
        Fault::Scalar(_) | Fault::Boolean => src.scalar(o),
        _ => src.node(o),
    });
    let role = node.map_or(Role::Unknown, |n| src.role(n));
    let class = match (node, fault) {
        (Some(n), _) => class_at::<T>(src, n, fault),
        (None, Fault::InvalidType { expected, .. }) => Class::of_rust_type(expected),
        (None, f) => class_at_fault(f),
    };
    let found = found(src, node, fault);
    let field = match &role {
        Role::Value(f) => Some(f.as_str()),
        _ => None,
    };
    let meant = field.zip(class.as_ref()).and_then(|(f, c)| meaning(f, c));
    let words = match (&meant, &class) {
        (Some((w, _)), _) => w.to_string(),
        (None, Some(c)) => c.words(),
        (None, None) => match fault {
            Fault::InvalidType { expected, .. } if !expected.contains(['<', ':']) => {
                expected.clone()
            }
            _ => "a single value (a text or a number), not a list or a mapping".into(),
        },
    };
    let help = match (&meant, &class, field) {
        (Some((_, Some(h))), _, _) => Some(h.to_string()),
        (_, Some(c), Some(f)) => c.help(f),
        _ => None,
    };
    (
        format!("{} must be {words}, found {found}", subject(&role)),
        help,
    )
}

/// The class a fault names by itself, without the text.
fn class_at_fault(f: &Fault) -> Option<Class> {
    match f {
        Fault::Scalar(ty) => Class::of_rust_type(ty),
        Fault::Boolean => Some(Class::Bool),
        Fault::NotList => Some(Class::List(None)),
        Fault::NotMapping => Some(Class::Map(Vec::new())),
        Fault::Empty => Some(Class::Text),
        _ => None,
    }
}
