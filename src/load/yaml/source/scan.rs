//! Scanning within one line of YAML text, outside quotes: where a comment
//! starts, which flow brackets are open, where a quoted or plain scalar or
//! a flow collection ends, and what key a `key:` holds. `Source` builds
//! nodes and roles from these; none of them looks past the text it is given.

/// A line without its `# comment` (a `#` at the start or after a space,
/// outside quotes).
pub(super) fn strip_comment(line: &str) -> &str {
    let mut quote = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' && (prev == ' ' || prev == '\t') => return &line[..i],
            None => {}
        }
        prev = c;
    }
    line
}

/// `s` without a YAML tag (`!!str `) at its end.
pub(super) fn without_tag(s: &str) -> &str {
    let t = s.trim_end();
    let start = t.rfind([' ', '\t', '[', '{', ',']).map_or(0, |i| i + 1);
    match t[start..].starts_with('!') {
        true => &s[..start],
        false => s,
    }
}

/// Whether the end of `s` is inside a flow list or mapping.
pub(super) fn in_flow(s: &str) -> bool {
    innermost_open(s).is_some()
}

/// The flow brackets of `s` outside quotes, with their byte index.
fn brackets(s: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut quote = None;
    s.char_indices().filter(move |&(_, c)| match quote {
        Some(q) => {
            if c == q {
                quote = None;
            }
            false
        }
        None if c == '"' || c == '\'' => {
            quote = Some(c);
            false
        }
        None => matches!(c, '[' | '{' | ']' | '}'),
    })
}

/// The innermost flow bracket still open at the end of `s` (outside
/// quotes): its byte index and whether it is `[` or `{`.
pub(super) fn innermost_open(s: &str) -> Option<(usize, char)> {
    let mut stack = Vec::new();
    for (i, c) in brackets(s) {
        if matches!(c, '[' | '{') {
            stack.push((i, c));
        } else {
            stack.pop();
        }
    }
    stack.last().copied()
}

/// The end (exclusive) of the flow collection that `s` starts with.
pub(super) fn flow_end(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in brackets(s) {
        if matches!(c, '[' | '{') {
            depth += 1;
        } else {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return Some(i + 1);
            }
        }
    }
    None
}

/// The end (exclusive) of the quoted scalar that `s` starts with, on its line.
pub(super) fn quoted_end(s: &str, q: char) -> usize {
    let mut escaped = false;
    for (i, c) in s.char_indices().skip(1) {
        if escaped {
            escaped = false;
        } else if c == '\\' && q == '"' {
            escaped = true;
        } else if c == q {
            return i + 1;
        }
    }
    s.len()
}

/// The end of a plain scalar: the line, or in a flow collection the next
/// `,`, `]` or `}`.
pub(super) fn plain_end(s: &str, in_flow: bool) -> usize {
    let end = if in_flow {
        s.find([',', ']', '}']).unwrap_or(s.len())
    } else {
        s.len()
    };
    s[..end].trim_end().len()
}

/// Where the key of `key: …` ends, if `s` starts with one.
pub(super) fn key_end(s: &str) -> Option<usize> {
    let s = strip_comment(s);
    let i = s
        .find(": ")
        .or_else(|| s.trim_end().strip_suffix(':').map(str::len))?;
    let key = &s[..i];
    let ok = !key.is_empty()
        && !key.starts_with(['-', '[', '{', '"', '\'', '#'])
        && !key.contains(['[', '{', ',']);
    ok.then_some(i)
}

/// The last key of `… key` (what precedes a `:`), without quotes.
pub(super) fn last_key(s: &str) -> Option<String> {
    let s = s.trim_end();
    let start = s
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, ' ' | '\t' | '{' | ',' | '['))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let key = s[start..].trim_matches(['"', '\'']);
    (!key.is_empty() && !key.starts_with('-')).then(|| key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_in_quotes_or_inside_a_word_is_no_comment() {
        assert_eq!(strip_comment("a: 'x # y' # note"), "a: 'x # y' ");
        assert_eq!(strip_comment("url: a#b"), "url: a#b");
        assert_eq!(strip_comment("# all of it"), "");
    }

    #[test]
    fn flow_collections_end_at_their_own_bracket_and_quotes_hide_brackets() {
        assert_eq!(flow_end("{zh: '[x', en: [a, b]} tail"), Some(22));
        assert_eq!(flow_end("[a, [b"), None);
        assert_eq!(innermost_open("k: {zh: [a, b], en: "), Some((3, '{')));
        assert!(!in_flow("k: \"{\" "));
    }

    #[test]
    fn scalars_end_where_their_kind_ends() {
        assert_eq!(quoted_end(r#""a \" b" rest"#, '"'), 8);
        assert_eq!(quoted_end("'never closed", '\''), 13);
        assert_eq!(plain_end("water , units]", true), 5);
        assert_eq!(plain_end("a, b ", false), 4);
    }

    #[test]
    fn keys_and_tags_are_read_as_people_write_them() {
        assert_eq!(key_end("title: x"), Some(5));
        assert_eq!(key_end("lead:"), Some(4));
        assert_eq!(key_end("- a: b"), None);
        assert_eq!(key_end("{zh: a}"), None);
        assert_eq!(last_key("- {zh: a, \"en\""), Some("en".to_string()));
        assert_eq!(without_tag("value: !!str "), "value: ");
    }
}
