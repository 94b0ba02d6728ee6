//! Writes generated plan data as YAML that people can read and diff: block
//! style, keys in struct order, every string double-quoted (so no Chinese
//! text or id can ever be mistaken for a number, a boolean or a comment),
//! short lists of ids in flow style. The output is a pure function of the
//! value, which is what makes the import reproducible byte for byte.

use serde_json::Value;

/// Emit `value` (an object or array) as a YAML document.
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(_) | Value::Array(_) => block(value, 0, &mut out),
        other => {
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
    out
}

fn block(value: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                out.push_str(&pad);
                out.push_str(k);
                out.push(':');
                inline_or_nested(v, indent, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                out.push_str(&pad);
                out.push('-');
                match item {
                    Value::Object(map) if !map.is_empty() => {
                        // First key on the dash line, the rest aligned under it.
                        let mut first = true;
                        for (k, v) in map {
                            if first {
                                out.push(' ');
                                first = false;
                            } else {
                                out.push_str(&pad);
                                out.push_str("  ");
                            }
                            out.push_str(k);
                            out.push(':');
                            inline_or_nested(v, indent + 2, out);
                        }
                    }
                    other => inline_or_nested(other, indent, out),
                }
            }
        }
        other => {
            out.push_str(&pad);
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
}

fn inline_or_nested(v: &Value, indent: usize, out: &mut String) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            out.push('\n');
            block(v, indent + 2, out);
        }
        Value::Array(items) if items.iter().all(is_scalar) => {
            out.push_str(" [");
            let parts: Vec<String> = items.iter().map(scalar).collect();
            out.push_str(&parts.join(", "));
            out.push_str("]\n");
        }
        Value::Array(_) => {
            out.push('\n');
            block(v, indent + 2, out);
        }
        other => {
            out.push(' ');
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
}

fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Array(_) | Value::Object(_))
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) if is_plain_id(s) => s.clone(),
        // A JSON string is a valid YAML double-quoted scalar.
        Value::String(s) => serde_json::to_string(s).unwrap_or_default(),
        Value::Object(m) if m.is_empty() => "{}".into(),
        Value::Array(a) if a.is_empty() => "[]".into(),
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

/// ASCII ids like `eco-env` or `laixi` read fine unquoted and cannot be
/// misread as another YAML type.
fn is_plain_id(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some('a'..='z'))
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !matches!(
            s,
            "yes" | "no" | "on" | "off" | "y" | "n" | "true" | "false" | "null"
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn emits_readable_block_yaml_that_parses_back() {
        let v = json!([{"number": 1, "text": {"zh": "濑溪河: 治理", "en": "Laixi \"River\""}, "lead": ["water", "no"], "rivers": []}]);
        let y = to_yaml(&v);
        assert_eq!(
            y,
            "- number: 1\n  text:\n    zh: \"濑溪河: 治理\"\n    en: \"Laixi \\\"River\\\"\"\n  lead: [water, \"no\"]\n  rivers: []\n"
        );
        let back: serde_json::Value =
            crate::load::yaml::parse(std::path::Path::new("t.yaml"), &y).unwrap();
        assert_eq!(back, v);
    }
}
