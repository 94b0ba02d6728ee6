//! The "report a problem" address (`feedback_url` in config.yaml): a URL or
//! `mailto:` template in which `{id}`, `{title}` and `{url}` stand for the
//! item a reader writes about. `validate` checks a template with
//! [`parse`]; `views` fills it per item with [`fill`]. Each value is
//! percent-encoded as a URI component (everything but the unreserved
//! characters of RFC 3986), which is correct wherever a placeholder stands:
//! a path segment, a query value or a fragment of an http(s) URL, and an
//! `hfield` value (`subject=`, `body=`) of a `mailto:` URI (RFC 6068, which
//! wants `%20`, never `+`, for a space).

/// The placeholders a template may hold.
pub const PLACEHOLDERS: [&str; 3] = ["id", "title", "url"];

/// The schemes a template may start with.
pub const SCHEMES: [&str; 3] = ["https:", "http:", "mailto:"];

/// What is wrong with a template; `at` is a byte offset into it.
#[derive(Debug, PartialEq, Eq)]
pub enum Fault {
    /// It starts with none of `SCHEMES`.
    Scheme,
    /// `{name}` with a name outside `PLACEHOLDERS`.
    Unknown { name: String, at: usize },
    /// A `{` without its `}`.
    Unclosed { at: usize },
}

enum Piece<'a> {
    Literal(&'a str),
    Placeholder(&'a str),
}

fn pieces(template: &str) -> Result<Vec<Piece<'_>>, Fault> {
    let mut out = Vec::new();
    let mut rest = template;
    let mut offset = 0;
    while let Some(open) = rest.find('{') {
        out.push(Piece::Literal(&rest[..open]));
        let Some(len) = rest[open..].find('}') else {
            return Err(Fault::Unclosed { at: offset + open });
        };
        out.push(Piece::Placeholder(&rest[open + 1..open + len]));
        offset += open + len + 1;
        rest = &rest[open + len + 1..];
    }
    out.push(Piece::Literal(rest));
    Ok(out)
}

/// Every fault of `template`, in order.
pub fn parse(template: &str) -> Vec<Fault> {
    let mut faults = Vec::new();
    let lower = template.to_ascii_lowercase();
    if !SCHEMES.iter().any(|s| lower.starts_with(s)) {
        faults.push(Fault::Scheme);
    }
    match pieces(template) {
        Err(f) => faults.push(f),
        Ok(ps) => {
            let mut at = 0;
            for p in ps {
                match p {
                    Piece::Literal(l) => at += l.len(),
                    Piece::Placeholder(name) => {
                        if !PLACEHOLDERS.contains(&name) {
                            faults.push(Fault::Unknown {
                                name: name.to_string(),
                                at,
                            });
                        }
                        at += name.len() + 2;
                    }
                }
            }
        }
    }
    faults
}

/// The item's identity put into a checked template (an unchecked one comes
/// back as written, placeholders and all).
pub fn fill(template: &str, id: &str, title: &str, url: &str) -> String {
    let Ok(ps) = pieces(template) else {
        return template.to_string();
    };
    let mut out = String::with_capacity(template.len() + 64);
    for p in ps {
        match p {
            Piece::Literal(l) => out.push_str(l),
            Piece::Placeholder("id") => out.push_str(&encode(id)),
            Piece::Placeholder("title") => out.push_str(&encode(title)),
            Piece::Placeholder("url") => out.push_str(&encode(url)),
            Piece::Placeholder(other) => {
                out.push('{');
                out.push_str(other);
                out.push('}');
            }
        }
    }
    out
}

/// `s` as a URI component: UTF-8 bytes outside `A-Z a-z 0-9 - . _ ~` as `%XX`.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_is_filled_with_each_value_encoded_as_a_component() {
        let t = "mailto:jiucuo@example.gov.cn?subject=纠错%20{id}&body={title}%0A{url}";
        assert!(parse(t).is_empty());
        assert_eq!(
            fill(t, "task/8", "任务 8 & more", "https://x.gov.cn/tasks/8/?a=1#b"),
            "mailto:jiucuo@example.gov.cn?subject=纠错%20task%2F8&body=%E4%BB%BB%E5%8A%A1%208%20%26%20more%0Ahttps%3A%2F%2Fx.gov.cn%2Ftasks%2F8%2F%3Fa%3D1%23b"
        );
        assert_eq!(
            fill(
                "https://x.gov.cn/jc/{id}?t={title}",
                "key-task/2022/19",
                "a+b",
                ""
            ),
            "https://x.gov.cn/jc/key-task%2F2022%2F19?t=a%2Bb"
        );
    }

    #[test]
    fn a_bad_scheme_an_unknown_placeholder_and_an_unclosed_brace_are_faults() {
        assert_eq!(
            parse("ftp://x/{id}?{titel}"),
            [
                Fault::Scheme,
                Fault::Unknown {
                    name: "titel".into(),
                    at: 13
                }
            ]
        );
        assert_eq!(parse("HTTPS://x/{id"), [Fault::Unclosed { at: 10 }]);
        assert!(parse("https://x/?q={url}").is_empty());
    }
}
