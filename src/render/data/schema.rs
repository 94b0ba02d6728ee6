//! The Frictionless side of the tables: a cell as a typed JSON value and a
//! table's schema for `datapackage.json`.

use super::tables::Table;
use crate::model::Lang;
use serde_json::{json, Value};

/// A cell as the JSON value of its column's type; empty is null, and a value
/// that does not parse stays a string.
pub(super) fn typed(kind: &str, v: &str) -> Value {
    if v.is_empty() {
        return Value::Null;
    }
    match kind {
        "integer" => v
            .parse::<i64>()
            .map(Value::from)
            .unwrap_or_else(|_| json!(v)),
        "number" => v
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .unwrap_or_else(|| json!(v)),
        "boolean" => json!(v == "true"),
        _ => json!(v),
    }
}

pub(super) fn schema(t: &Table, lang: Lang) -> Value {
    json!({
        "fields": t.fields.iter().map(|f| json!({
            "name": f.name,
            "type": f.kind,
            "title": match lang { Lang::Zh => f.zh, Lang::En => f.name },
            "description": f.en,
        })).collect::<Vec<_>>()
    })
}
