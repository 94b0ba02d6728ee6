//! A YAML list file cut into its top-level items, without a YAML parser, so
//! that `serve` can parse again only the item that changed in a task list
//! of thousands (`load::cache::parsed_list`).
//!
//! The cut is safe only where the items cannot see each other: each item
//! starts at column 0 with `-`, the text before the first is blank lines and
//! comments, and the items that changed define no anchor (`&name`), use no
//! alias (`*name`, `<<:`) and hold no document marker (`---`, `...`).
//! Anything else returns `None`, and the caller parses the whole file.

use std::ops::Range;

/// The items of a list file: where each starts and ends, in bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Items {
    pub spans: Vec<Range<usize>>,
}

impl Items {
    /// The cut of `text`, if it is a plain block list (see the module).
    pub fn of(text: &str) -> Option<Items> {
        let mut starts = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            if is_item_start(line) {
                starts.push(at);
            } else if starts.is_empty() && !is_blank_or_comment(line) {
                return None;
            }
            at += line.len();
        }
        let ends = starts.iter().skip(1).copied().chain([text.len()]);
        let spans: Vec<_> = starts.iter().zip(ends).map(|(&s, e)| s..e).collect();
        (!spans.is_empty()).then_some(Items { spans })
    }

    /// The text before the first item.
    pub fn head<'a>(&self, text: &'a str) -> &'a str {
        &text[..self.spans[0].start]
    }
}

fn is_item_start(line: &str) -> bool {
    let rest = match line.strip_prefix('-') {
        Some(r) => r,
        None => return false,
    };
    rest.is_empty() || rest.starts_with([' ', '\t', '\n', '\r'])
}

fn is_blank_or_comment(line: &str) -> bool {
    let t = line.trim_start_matches([' ', '\t']);
    t.trim_end_matches(['\n', '\r']).is_empty() || t.starts_with('#')
}

/// Whether an item's text may reach another item or the document around
/// it: an anchor or alias (`&a`, `*a` after a space, a line start or a flow
/// bracket), a merge key, or a document marker. A `*` or `&` inside a quoted
/// text answers yes as well: the caller then parses the whole file, which
/// is never wrong, only slower.
pub fn may_reach_out(item: &str) -> bool {
    let b = item.as_bytes();
    let property = b.iter().enumerate().any(|(i, &c)| {
        (c == b'&' || c == b'*')
            && (i == 0 || matches!(b[i - 1], b' ' | b'\t' | b'\n' | b'[' | b'{' | b','))
            && b.get(i + 1).is_some_and(|n| !n.is_ascii_whitespace())
    });
    property
        || item.contains("<<")
        || item
            .split('\n')
            .any(|l| l.starts_with("---") || l.starts_with("..."))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = "# tasks\n\n- number: 1\n  text: a\n-\n  number: 2\n  # - not an item\n  text: |\n    - nor this\n- number: 3";

    #[test]
    fn items_start_at_column_0_with_a_dash() {
        let items = Items::of(LIST).unwrap();
        let texts: Vec<&str> = items.spans.iter().map(|s| &LIST[s.clone()]).collect();
        assert_eq!(
            texts,
            [
                "- number: 1\n  text: a\n",
                "-\n  number: 2\n  # - not an item\n  text: |\n    - nor this\n",
                "- number: 3"
            ]
        );
        assert_eq!(items.head(LIST), "# tasks\n\n");
    }

    #[test]
    fn anything_but_a_plain_block_list_is_not_cut() {
        assert_eq!(Items::of("[1, 2]\n"), None);
        assert_eq!(Items::of("%YAML 1.2\n---\n- a\n"), None);
        assert_eq!(Items::of("a: 1\n- b\n"), None);
        assert_eq!(Items::of("  - indented\n"), None);
        assert_eq!(Items::of("# only a comment\n"), None);
        assert_eq!(Items::of("-1\n"), None);
    }

    #[test]
    fn anchors_aliases_merges_and_markers_reach_out() {
        for reaching in [
            "- &a {x: 1}\n",
            "- x: *a\n",
            "- [*a]\n",
            "- <<: {x: 1}\n",
            "- a\n---\n",
            "- a\n...\n",
        ] {
            assert!(may_reach_out(reaching), "{reaching}");
        }
        for plain in ["- R&D centre\n", "- 2*3 = 6\n", "- a & b\n", "- x: 1\n"] {
            assert!(!may_reach_out(plain), "{plain}");
        }
    }
}
