//! Raw HTML in staff text, read the way HTML tokenizes it: each start tag,
//! attribute and comment is checked against the sanitizer's lists, and
//! each address an attribute holds is handed to `address`. Attribute values
//! are decoded by html5ever's tokenizer, the parser the sanitizer uses.

use super::address::{check_site_file, css_urls, dest_problem, external_load, srcset_urls, Use};
use super::{snippet, Context, Fragment, Problem, ACTIVE_HELP, MEDIA_TAGS, STYLE_HELP};
use crate::text::markdown as md;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;

/// Elements that would run code or embed another page.
const ACTIVE_TAGS: &[&str] = &[
    "script", "iframe", "object", "embed", "applet", "frame", "frameset",
];

/// Elements whose content is text, not markup, up to their end tag.
const RAW_TEXT_TAGS: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Attributes whose value is an address (or, for `srcset` and `style`,
/// contains addresses).
const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "srcset",
    "imagesrcset",
    "poster",
    "data",
    "background",
    "action",
    "formaction",
    "cite",
    "longdesc",
    "lowsrc",
    "dynsrc",
    "ping",
    "xlink:href",
    "codebase",
    "archive",
    "manifest",
    "icon",
    "usemap",
    "style",
];

/// A start tag as written: its name, where it starts and ends, and where
/// each attribute's name and value start (in fragment offsets).
struct WrittenTag {
    at: usize,
    end: usize,
    name: String,
    attrs: Vec<(String, usize, Option<usize>)>,
}

/// Every comment, declaration and start tag of one fragment of raw HTML.
pub(super) fn check_html(f: &Fragment, cx: &Context, out: &mut Vec<Problem>) {
    let text = f.text.as_str();
    let mut i = 0;
    while let Some(rel) = text[i..].find('<') {
        let at = i + rel;
        let rest = &text[at..];
        if let Some(body) = rest.strip_prefix("<!--") {
            // `<!-->` and `<!--->` are whole (empty) comments in HTML.
            let len = if body.starts_with('>') {
                1
            } else if body.starts_with("->") {
                2
            } else {
                body.find("-->").map_or(body.len(), |e| e + 3)
            };
            out.push(Problem {
                offset: f.source(at),
                message: "HTML comment would be removed from the page".into(),
                help: "delete it, or write it as text that readers see (notes for other editors belong in the commit message)".into(),
            });
            i = at + 4 + len;
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            out.push(Problem {
                offset: f.source(at),
                message: format!("`{}` would be removed from the page", snippet(&rest[..end])),
                help: "delete it".into(),
            });
            i = at + end;
        } else if rest.starts_with("</") {
            i = at + rest.find('>').map_or(rest.len(), |e| e + 1);
        } else if rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            let tag = written_tag(text, at);
            i = tag.end;
            check_tag(f, &tag, cx, out);
            if RAW_TEXT_TAGS.contains(&tag.name.as_str()) {
                let content_end = find_end_tag(&text[i..], &tag.name).map_or(text.len(), |e| i + e);
                if tag.name == "style" {
                    for (u, pos) in css_urls(&text[i..content_end]) {
                        if let Some(p) = external_load(u, "`<style>`", "style", cx) {
                            out.push(p.at(f.source(i + pos)));
                        }
                    }
                }
                i = content_end;
            }
        } else {
            i = at + 1;
        }
    }
}

/// Where `</name` (any case) first occurs in `s`.
fn find_end_tag(s: &str, name: &str) -> Option<usize> {
    s.match_indices("</").map(|(i, _)| i).find(|&i| {
        s.as_bytes()
            .get(i + 2..i + 2 + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
    })
}

/// Read the start tag at `at` the way HTML tokenizes it: the name runs to
/// whitespace, `/` or `>`; attribute values may be quoted.
fn written_tag(text: &str, at: usize) -> WrittenTag {
    let b = text.as_bytes();
    let mut i = at + 1;
    let stop = |c: u8| c.is_ascii_whitespace() || c == b'/' || c == b'>';
    while i < b.len() && !stop(b[i]) {
        i += 1;
    }
    let name = text[at + 1..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() || b[i] == b'>' {
            break;
        }
        let name_at = i;
        i += 1; // a name may start with `=`
        while i < b.len() && !stop(b[i]) && b[i] != b'=' {
            i += 1;
        }
        let attr = text[name_at..i].to_ascii_lowercase();
        let mut j = i;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        let mut value_at = None;
        if j < b.len() && b[j] == b'=' {
            j += 1;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                let q = b[j];
                value_at = Some(j + 1);
                j += 1;
                while j < b.len() && b[j] != q {
                    j += 1;
                }
                j = (j + 1).min(b.len());
            } else {
                value_at = Some(j);
                while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                    j += 1;
                }
            }
            i = j;
        }
        attrs.push((attr, name_at, value_at));
    }
    WrittenTag {
        at,
        end: (i + 1).min(b.len()),
        name,
        attrs,
    }
}

fn check_tag(f: &Fragment, tag: &WrittenTag, cx: &Context, out: &mut Vec<Problem>) {
    let name = tag.name.as_str();
    if ACTIVE_TAGS.contains(&name) {
        let help = if name == "script" {
            ACTIVE_HELP
        } else {
            "write a link instead: [title](https://…)"
        };
        out.push(Problem {
            offset: f.source(tag.at),
            message: format!("markdown may not contain `{name}` (active content)"),
            help: help.into(),
        });
        return;
    }
    // The attribute values as the sanitizer's parser decodes them.
    let decoded = start_tags(&f.text[tag.at..tag.end])
        .into_iter()
        .next()
        .map(|(_, attrs)| attrs)
        .unwrap_or_default();
    // Where an attribute's name, or a spot in its value, was written (its
    // first occurrence: the one the page keeps).
    let mut written = std::collections::HashMap::new();
    for (name, name_at, value_at) in &tag.attrs {
        written
            .entry(name.as_str())
            .or_insert((*name_at, *value_at));
    }
    let position = |attr: &str, in_value: Option<usize>| -> usize {
        let pos = match (written.get(attr), in_value) {
            (Some((_, Some(v))), Some(k)) => v + k,
            (Some((n, _)), _) => *n,
            (None, _) => tag.at,
        };
        f.source(pos.min(tag.end))
    };
    let allowed = md::allows_tag(name);
    let mut covered = false;
    let mut seen = std::collections::HashSet::new();
    for (attr, name_at, _) in &tag.attrs {
        if !seen.insert(attr.as_str()) {
            out.push(Problem {
                offset: f.source(*name_at),
                message: format!(
                    "attribute `{attr}` is written twice on `<{name}>`; the page keeps only the first"
                ),
                help: "remove one of them".into(),
            });
        }
    }
    for (attr, value) in &decoded {
        let attr = attr.as_str();
        if attr.starts_with("on") {
            out.push(Problem {
                offset: position(attr, None),
                message: "markdown may not contain `event handler attribute` (active content)"
                    .into(),
                help: ACTIVE_HELP.into(),
            });
            continue;
        }
        if URL_ATTRS.contains(&attr) {
            let what = format!("`<{name} {attr}>`");
            let loads = loads_resource(name, attr);
            let urls: Vec<(&str, usize)> = match attr {
                "srcset" | "imagesrcset" => srcset_urls(value),
                "style" => css_urls(value),
                _ => vec![(value.as_str(), 0)],
            };
            let mut bad = false;
            for (u, k) in urls {
                let at = position(attr, Some(k));
                let use_ = if loads {
                    Use::Embed {
                        what: &what,
                        tag: name,
                    }
                } else {
                    Use::Link
                };
                let checked = allowed && md::is_url_attribute(name, attr);
                let before = out.len();
                match dest_problem(u, use_, checked, cx) {
                    Some((p, load)) => {
                        covered |= load;
                        out.push(p.at(at));
                    }
                    None if checked => check_site_file(u, use_, at, cx, out),
                    None => {}
                }
                bad |= out.len() > before;
            }
            if bad {
                continue;
            }
        }
        if allowed && !md::allows_attribute(name, attr) {
            out.push(Problem {
                offset: position(attr, None),
                message: format!("attribute `{attr}` on `<{name}>` would be removed from the page"),
                help: format!(
                    "remove it (`<{name}>` may carry {})",
                    md::attributes_of(name).join(", ")
                ),
            });
        }
    }
    if !allowed && !covered {
        let message = if md::CLEAN_CONTENT_TAGS.contains(&name) {
            format!("`<{name}>` would be removed from the page with everything inside it")
        } else {
            format!(
                "`<{name}>` would be removed from the page (markdown may contain only simple HTML)"
            )
        };
        let help = if MEDIA_TAGS.contains(&name) {
            let file = decoded
                .iter()
                .find(|(a, v)| a == "src" && v.starts_with("/files/"))
                .map_or("/files/NAME", |(_, v)| v.as_str());
            format!("link the file instead: [title]({file})")
        } else if name == "style" || name == "link" {
            STYLE_HELP.into()
        } else {
            format!(
                "write it in markdown, or with one of the allowed tags: {}",
                md::TAGS.join(", ")
            )
        };
        out.push(Problem {
            offset: f.source(tag.at),
            message,
            help,
        });
    }
}

/// Whether the browser fetches attribute `attr` of `tag` on its own (an
/// embed), rather than on a click (a link).
fn loads_resource(tag: &str, attr: &str) -> bool {
    match attr {
        "src" | "srcset" | "imagesrcset" | "poster" | "data" | "background" | "lowsrc"
        | "dynsrc" | "style" | "codebase" | "archive" | "manifest" | "icon" => true,
        "href" | "xlink:href" => matches!(tag, "link" | "image" | "use" | "feimage"),
        _ => false,
    }
}

/// Every start tag of `html` as html5ever's tokenizer reads it: lowercase
/// name and decoded attributes (a repeated attribute keeps its first
/// value, as in the page). Script and style content is read as markup
/// too, which can only add names.
pub(super) fn start_tags(html: &str) -> Vec<StartTag> {
    let tokenizer = Tokenizer::new(StartTags::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    while !matches!(tokenizer.feed(&input), html5ever::TokenizerResult::Done) {}
    tokenizer.end();
    tokenizer.sink.0.into_inner()
}

#[derive(Default)]
struct StartTags(RefCell<Vec<StartTag>>);

/// A start tag's name and its attributes (name, decoded value).
type StartTag = (String, Vec<(String, String)>);

impl TokenSink for StartTags {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        if let Token::TagToken(t) = token {
            if t.kind == TagKind::StartTag {
                let attrs = t
                    .attrs
                    .iter()
                    .map(|a| (a.name.local.to_string(), a.value.to_string()))
                    .collect();
                self.0.borrow_mut().push((t.name.to_string(), attrs));
            }
        }
        TokenSinkResult::Continue
    }
}
