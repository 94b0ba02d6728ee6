//! Reading a YAML text around a position, without a YAML parser: the node
//! that starts there (a plain or quoted scalar, a flow or block list or
//! mapping), where it ends, and the key it is the value of. serde-saphyr
//! reports a fault by line and column only; this is how the diagnostic gets
//! the field's name and the value as the person wrote it.
//!
//! It reads the text the way people write content YAML (`key: value`,
//! `- item`, `{zh: …, en: …}`, `[a, b]`) and gives up (returns `None`)
//! rather than guess on anything else. Every offset it returns is on a char
//! boundary of the text, whatever the input (the fuzz corpus feeds it noise).

mod scan;

use scan::{
    flow_end, in_flow, innermost_open, key_end, last_key, plain_end, quoted_end, strip_comment,
    without_tag,
};

/// What kind of node starts at a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A plain scalar, as written.
    Plain,
    /// A scalar in quotes.
    Quoted,
    /// Nothing (`key:` with no value, `~`, `null`).
    Empty,
    FlowList,
    FlowMap,
    BlockList,
    BlockMap,
}

/// A node of the text: its shape and its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Node {
    pub shape: Shape,
    pub start: usize,
    pub end: usize,
}

/// How the node at a position relates to its field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// `field: node`.
    Value(String),
    /// An item of the list `field: [ …, node, … ]` or `field:\n  - node`.
    Item(String),
    /// A key of the mapping `field:\n  node: …`.
    Key(String),
    /// The whole file.
    Document,
    /// Somewhere else (an item of a top-level list, say).
    Unknown,
}

/// A YAML text and the start of each of its lines.
pub struct Source<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Source<'a> {
    pub fn new(text: &'a str) -> Source<'a> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Source { text, starts }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The byte offset of 1-based `line` and char `column`, if they exist.
    pub fn offset(&self, line: u64, column: u64) -> Option<usize> {
        let i = usize::try_from(line).ok()?.checked_sub(1)?;
        let (start, body) = self.line(i)?;
        let skip = usize::try_from(column).ok()?.checked_sub(1)?;
        match body.char_indices().nth(skip) {
            Some((b, _)) => Some(start + b),
            None if body.chars().count() == skip => Some(start + body.len()),
            None => None,
        }
    }

    /// The index of the line containing `offset`.
    fn index(&self, offset: usize) -> usize {
        self.starts.partition_point(|s| *s <= offset).max(1) - 1
    }

    /// Line `i`: its start and its text without the line break.
    fn line(&self, i: usize) -> Option<(usize, &'a str)> {
        let start = *self.starts.get(i)?;
        let end = self.starts.get(i + 1).map_or(self.text.len(), |e| e - 1);
        let body = self.text.get(start..end)?.trim_end_matches('\r');
        Some((start, body))
    }

    /// The text of the line before `offset`, from the line's start.
    fn before(&self, offset: usize) -> &'a str {
        self.text
            .get(self.starts[self.index(offset)]..offset)
            .unwrap_or("")
    }

    /// The node that starts at `offset` (after `: ` if it points at the colon).
    pub fn node(&self, offset: usize) -> Option<Node> {
        let mut start = offset;
        let rest = self.text.get(start..)?;
        let after = rest.strip_prefix(':').unwrap_or(rest);
        start += rest.len() - after.trim_start_matches([' ', '\t']).len();
        let rest = self.text.get(start..)?;
        let line_rest = rest.split('\n').next().unwrap_or("").trim_end_matches('\r');
        let bare = strip_comment(line_rest).trim_end();
        if bare.is_empty() {
            // `key:` with the value on the lines below, or no value at all.
            return Some(self.block_below(start).unwrap_or(Node {
                shape: Shape::Empty,
                start,
                end: start,
            }));
        }
        let in_flow = in_flow(self.before(start));
        let first = bare.chars().next()?;
        let node = match first {
            '[' | '{' => Node {
                shape: if first == '[' {
                    Shape::FlowList
                } else {
                    Shape::FlowMap
                },
                start,
                // Never closed: the rest of the line is what was written.
                end: start + flow_end(rest).unwrap_or(line_rest.len()),
            },
            '"' | '\'' => Node {
                shape: Shape::Quoted,
                start,
                end: start + quoted_end(line_rest, first),
            },
            '-' if bare == "-" || bare.starts_with("- ") => self.block(start, Shape::BlockList),
            _ if !in_flow && key_end(bare).is_some() => self.block(start, Shape::BlockMap),
            _ => {
                let len = plain_end(bare, in_flow);
                Node {
                    shape: plain_shape(&bare[..len]),
                    start,
                    end: start + len,
                }
            }
        };
        Some(node)
    }

    /// The scalar that starts at `offset`, a key (`node: …`) included.
    pub fn scalar(&self, offset: usize) -> Option<Node> {
        let rest = self.text.get(offset..)?;
        let line_rest = rest.split('\n').next().unwrap_or("").trim_end_matches('\r');
        let bare = strip_comment(line_rest).trim_end();
        let first = bare.chars().next()?;
        if first == '"' || first == '\'' {
            return Some(Node {
                shape: Shape::Quoted,
                start: offset,
                end: offset + quoted_end(line_rest, first),
            });
        }
        let len = if in_flow(self.before(offset)) {
            plain_end(bare, true)
        } else {
            bare.find(": ")
                .map_or(bare.trim_end_matches(':').len(), |i| i)
        };
        Some(Node {
            shape: plain_shape(&bare[..len]),
            start: offset,
            end: offset + len,
        })
    }

    /// The key of the mapping that holds the key at `offset`: the key before
    /// the `{` of a flow mapping, or the key of the block above.
    pub fn container_key(&self, offset: usize) -> Option<String> {
        let before = self.before(offset);
        if in_flow(before) {
            let (open, _) = innermost_open(before).filter(|(_, c)| *c == '{')?;
            return before[..open]
                .trim_end()
                .strip_suffix(':')
                .and_then(last_key);
        }
        self.parent_key(offset)
    }

    /// Whether the node is a plain scalar used as a key (`node: …`).
    pub fn is_key(&self, node: Node) -> bool {
        node.shape == Shape::Plain
            && self.text.get(node.end..).is_some_and(|r| {
                r.strip_prefix(':')
                    .is_some_and(|a| a.is_empty() || a.starts_with([' ', '\t', '\n', '\r']))
            })
    }

    /// A block list or mapping whose first line starts at `start`: it runs
    /// while the lines below are blank or indented more than it (or, for a
    /// list, are further items at its own indentation; for a mapping,
    /// further keys).
    fn block(&self, start: usize, shape: Shape) -> Node {
        let indent = self.before(start).chars().count();
        let first = self.index(start);
        let mut end = self.line(first).map_or(start, |(s, l)| s + l.len());
        let mut i = first + 1;
        while let Some((at, line)) = self.line(i) {
            let content = line.trim_start_matches(' ');
            let own = line.len() - content.len();
            let blank = strip_comment(content).trim().is_empty();
            let continues = own > indent
                || (own == indent && shape == Shape::BlockList && content.starts_with('-'))
                || (own == indent && shape == Shape::BlockMap && key_end(content).is_some());
            if !blank && !continues {
                break;
            }
            if !blank {
                end = at + line.len();
            }
            i += 1;
        }
        Node { shape, start, end }
    }

    /// The block node on the lines below `key:` (which ends at `start`), if any.
    fn block_below(&self, start: usize) -> Option<Node> {
        let before = self.before(start);
        let key_indent = before.len() - before.trim_start_matches([' ', '-']).len();
        let mut i = self.index(start) + 1;
        while let Some((at, line)) = self.line(i) {
            let content = line.trim_start_matches(' ');
            i += 1;
            if strip_comment(content).trim().is_empty() {
                continue;
            }
            let own = line.len() - content.len();
            let list = content == "-" || content.starts_with("- ");
            if own > key_indent || (own == key_indent && list) {
                if list {
                    return Some(self.block(at + own, Shape::BlockList));
                }
                if key_end(content).is_some() {
                    return Some(self.block(at + own, Shape::BlockMap));
                }
            }
            return None;
        }
        None
    }

    /// The field the node at `node` belongs to.
    pub fn role(&self, node: Node) -> Role {
        let before = without_tag(self.before(node.start));
        if self.is_key(node) {
            return match self.parent_key(node.start) {
                Some(k) => Role::Key(k),
                None => Role::Document,
            };
        }
        let trimmed = before.trim_end();
        if let Some(k) = trimmed.strip_suffix(':') {
            return match last_key(k) {
                Some(k) => Role::Value(k),
                None => Role::Unknown,
            };
        }
        if in_flow(before) {
            // An item of a flow list: the key before its `[`.
            let open = innermost_open(before)
                .filter(|(_, c)| *c == '[')
                .map(|(i, _)| i);
            return match open.map(|i| before[..i].trim_end()) {
                Some(b) if b.ends_with(':') => b
                    .strip_suffix(':')
                    .and_then(last_key)
                    .map_or(Role::Unknown, Role::Item),
                // `- [ …, node ]`, or a list in a list.
                Some(_) => Role::Item(String::new()),
                None => Role::Unknown,
            };
        }
        if trimmed.ends_with('-') {
            return match self.parent_key(node.start) {
                Some(k) => Role::Item(k),
                None => Role::Unknown,
            };
        }
        if trimmed.is_empty() {
            if let Some(k) = self.parent_key(node.start) {
                return Role::Value(k);
            }
            let only_comments = |s: &str| {
                s.lines().all(|l| {
                    let l = l.trim();
                    l.is_empty() || l.starts_with('#') || l == "---"
                })
            };
            if only_comments(self.text.get(..node.start).unwrap_or(""))
                && only_comments(self.text.get(node.end..).unwrap_or(""))
            {
                return Role::Document;
            }
        }
        Role::Unknown
    }

    /// The key whose value holds the node at `offset`: the nearest line
    /// above that is indented less than the node (than its dash, for
    /// `- node`), or as much for `key:\n- node`, and ends in `key:`.
    pub fn parent_key(&self, offset: usize) -> Option<String> {
        let before = self.before(offset);
        let (limit, dash) = match before.trim_end().strip_suffix('-') {
            Some(b) if b.trim().is_empty() => (b.len(), true),
            _ => (before.chars().count(), false),
        };
        let mut i = self.index(offset);
        while i > 0 {
            i -= 1;
            let (_, line) = self.line(i)?;
            let content = line.trim_start_matches(' ');
            let bare = strip_comment(content).trim_end();
            if bare.is_empty() || bare.starts_with('#') {
                continue;
            }
            let own = line.len() - content.len();
            if own < limit || (dash && own == limit && !content.starts_with('-')) {
                return bare.strip_suffix(':').and_then(last_key);
            }
        }
        None
    }

    /// Where a key may be inserted into the mapping whose key starts at
    /// `offset`, and the text that inserts `key: 0` there.
    pub fn insert_key(&self, offset: usize, key: &str) -> Option<String> {
        let before = self.before(offset);
        let mut out = String::with_capacity(self.text.len() + key.len() + 8);
        out.push_str(self.text.get(..offset)?);
        if in_flow(before) {
            out.push_str(&format!("{key}: 0, "));
        } else if before.chars().all(|c| c == ' ' || c == '-') {
            out.push_str(&format!("{key}: 0\n{}", " ".repeat(before.chars().count())));
        } else {
            return None;
        }
        out.push_str(self.text.get(offset..)?);
        Some(out)
    }

    /// The text with `node` replaced by `with`.
    pub fn replace(&self, node: Node, with: &str) -> Option<String> {
        Some(format!(
            "{}{with}{}",
            self.text.get(..node.start)?,
            self.text.get(node.end..)?
        ))
    }

    /// The YAML tag (`!!str`) written right before `offset`, if any.
    pub fn tag_before(&self, offset: usize) -> Option<&'a str> {
        let before = self.before(offset);
        let kept = without_tag(before);
        let tag = before[kept.len()..].trim();
        (!tag.is_empty()).then_some(tag)
    }

    /// The node as written, if it fits on one short line.
    pub fn written(&self, node: Node) -> Option<&'a str> {
        let s = self.text.get(node.start..node.end)?.trim();
        (!s.contains('\n') && s.chars().count() <= 40).then_some(s)
    }
}

/// A plain scalar is nothing when it is YAML's null.
fn plain_shape(s: &str) -> Shape {
    match s {
        "~" | "null" | "Null" | "NULL" => Shape::Empty,
        _ => Shape::Plain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node_at(text: &str, line: u64, column: u64) -> (Source<'_>, Node) {
        let s = Source::new(text);
        let at = s.offset(line, column).unwrap();
        let n = s.node(at).unwrap();
        (s, n)
    }

    #[test]
    fn a_value_after_its_key() {
        let (s, n) = node_at("a: 1\npercent: \"40%\"  # note\n", 2, 10);
        assert_eq!((n.shape, s.written(n)), (Shape::Quoted, Some("\"40%\"")));
        assert_eq!(s.role(n), Role::Value("percent".into()));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let (s, n) = node_at("title: {zh: 严格, en: [x]}\n", 1, 21);
        assert_eq!((n.shape, s.written(n)), (Shape::FlowList, Some("[x]")));
        assert_eq!(s.role(n), Role::Value("en".into()));
        assert_eq!(n.start, "title: {zh: 严格, en: ".len());
    }

    #[test]
    fn items_of_flow_and_block_lists() {
        let (s, n) = node_at("lead: [water, {a: 1}]\n", 1, 15);
        assert_eq!(
            (n.shape, s.role(n)),
            (Shape::FlowMap, Role::Item("lead".into()))
        );
        let text = "x: 1\nevidence:\n  - a.pdf\n  - b\n";
        let (s, n) = node_at(text, 3, 5);
        assert_eq!((n.shape, s.written(n)), (Shape::Plain, Some("a.pdf")));
        assert_eq!(s.role(n), Role::Item("evidence".into()));
    }

    #[test]
    fn a_block_value_below_its_key() {
        let text = "- number: 1\n  lead:\n    - water\n    - x\n  source_line: 3\n";
        let (s, n) = node_at(text, 3, 5);
        assert_eq!(n.shape, Shape::BlockList);
        assert_eq!(&text[n.start..n.end], "- water\n    - x");
        assert_eq!(s.role(n), Role::Value("lead".into()));
        let (_, n) = node_at("status:\nnext: 1\n", 1, 7);
        assert_eq!(n.shape, Shape::Empty);
    }

    #[test]
    fn a_key_of_a_mapping() {
        let s = Source::new("directions:\n  three: at-least\n");
        let n = s.scalar(s.offset(2, 3).unwrap()).unwrap();
        assert_eq!(s.written(n), Some("three"));
        assert!(s.is_key(n));
        assert_eq!(s.role(n), Role::Key("directions".into()));
    }

    #[test]
    fn the_whole_file() {
        let (s, n) = node_at("number: 1\nchapter: 2\n", 1, 1);
        assert_eq!(n.shape, Shape::BlockMap);
        assert_eq!(s.role(n), Role::Document);
    }

    #[test]
    fn a_key_is_inserted_in_block_and_flow_mappings() {
        let s = Source::new("- number: 1\n  chapter: 2\n");
        assert_eq!(
            s.insert_key(s.offset(2, 3).unwrap(), "p").unwrap(),
            "- number: 1\n  p: 0\n  chapter: 2\n"
        );
        let s = Source::new("- {id: a, zh: b}\n");
        assert_eq!(
            s.insert_key(s.offset(1, 11).unwrap(), "p").unwrap(),
            "- {id: a, p: 0, zh: b}\n"
        );
    }

    #[test]
    fn noise_never_panics() {
        for text in ["", ":", "\n\n", "a: [", "- \"x", "é: {", "\r\n- -", "#: #"] {
            let s = Source::new(text);
            for at in 0..=text.len() {
                if text.is_char_boundary(at) {
                    if let Some(n) = s.node(at) {
                        let _ = (s.role(n), s.written(n), s.replace(n, "x"));
                    }
                    let _ = s.insert_key(at, "p");
                    let _ = s.parent_key(at);
                }
            }
        }
    }
}
