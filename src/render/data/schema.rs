//! The typed side of the tables: a cell as the JSON value of its column's
//! type (for `plan.json` and the XLSX numbers), a table's rows as JSON
//! objects and its schema for `datapackage.json`.

use super::fields::{Kind, Table};
use crate::model::Lang;
use serde_json::{json, Value};

/// A cell as the JSON value of its column's type; empty is null, and a value
/// that does not parse stays a string.
pub(super) fn typed(kind: Kind, v: &str) -> Value {
    if v.is_empty() {
        return Value::Null;
    }
    match kind {
        Kind::Integer => v
            .parse::<i64>()
            .map(Value::from)
            .unwrap_or_else(|_| json!(v)),
        Kind::Number => v
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .unwrap_or_else(|| json!(v)),
        Kind::Boolean => json!(v == "true"),
        Kind::Date | Kind::String => json!(v),
    }
}

/// The rows of `t` as JSON objects, a typed value per field, for `plan.json`.
pub(super) fn json_rows(t: &Table) -> Value {
    let object = |row: &Vec<String>| {
        let cells = t.fields.iter().zip(row);
        Value::Object(
            cells
                .map(|(f, v)| (f.name.to_string(), typed(f.kind, v)))
                .collect(),
        )
    };
    Value::Array(t.rows.iter().map(object).collect())
}

/// The Frictionless table schema of `t`: its fields with their types, titled
/// in `lang`.
pub(super) fn schema(t: &Table, lang: Lang) -> Value {
    json!({
        "fields": t.fields.iter().map(|f| json!({
            "name": f.name,
            "type": f.kind.frictionless(),
            "title": match lang { Lang::Zh => f.zh, Lang::En => f.name },
            "description": f.en,
        })).collect::<Vec<_>>()
    })
}
