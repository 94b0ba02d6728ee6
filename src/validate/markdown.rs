//! Staff text — updates, notes and commentary pages, in both languages —
//! may not make the portal load anything from elsewhere, and nothing a
//! person wrote may vanish from a page without a word.
//!
//! Every raw HTML tag, attribute and comment and every link and image of a
//! text is checked against the lists the sanitizer is built from
//! (`render::markdown::TAGS` …), so the two cannot disagree: each tag,
//! attribute or address the sanitizer would remove, each resource from
//! another site (images, media, frames, stylesheets, scripts, `srcset`,
//! `poster`), each `data:`, `javascript:` or `vbscript:` address and each
//! image of `/files/` that does not exist is an error at its line and
//! column. Attribute values are decoded by html5ever's tokenizer and
//! addresses parsed by the `url` crate, the parsers the sanitizer uses.
//! As a last guard, a text with no error is rendered and sanitised, and
//! compared with what a sanitizer that keeps everything makes of it: any
//! difference is an error too.

use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics};
use crate::load::RawSite;
use crate::render::markdown::{self as md, Dest};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};
use rayon::prelude::*;
use std::cell::RefCell;
use std::ops::Range;
use std::path::Path;

/// Elements that would run code or embed another page.
const ACTIVE_TAGS: &[&str] = &[
    "script", "iframe", "object", "embed", "applet", "frame", "frameset",
];

/// Elements whose content is text, not markup, up to their end tag.
const RAW_TEXT_TAGS: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Media elements: a link to the file is what a text can hold instead.
const MEDIA_TAGS: &[&str] = &["audio", "video", "source", "track", "picture"];

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

const ACTIVE_HELP: &str = "write plain markdown; links must be http(s), mailto or site paths";
const STYLE_HELP: &str = "the theme's stylesheet styles every page; remove the tag";
const FILES_HELP: &str = "put the file under content/files/ and link it as /files/";

/// What a text may point at: the evidence files and the site's own address.
pub struct Context<'a> {
    /// Files under content/files/, relative to it.
    pub files: &'a [String],
    /// The site's base URL from config.yaml (`/` when it has none).
    pub base_url: &'a str,
}

/// One problem at a byte offset of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub offset: usize,
    pub message: String,
    pub help: String,
}

/// Check every update, note and commentary page (both languages).
pub fn check(raw: &RawSite, d: &mut Diagnostics) {
    let cx = Context {
        files: &raw.files,
        base_url: raw
            .config
            .as_ref()
            .and_then(|c| c.base_url.as_deref())
            .unwrap_or("/"),
    };
    let mut texts: Vec<(&Path, &str, u64)> = Vec::new();
    for md in raw
        .pages
        .iter()
        .map(|(_, m)| m)
        .chain(raw.notes.iter().map(|(_, m)| m))
    {
        for m in md.zh.iter().chain(&md.en) {
            texts.push((&m.path, &m.body, m.body_line));
        }
    }
    for u in &raw.updates {
        texts.push((&u.path, &u.body, u.body_line));
        if let Some(en) = &u.en {
            texts.push((&en.path, &en.body, en.body_line));
        }
    }
    // Texts are independent: check them on every core, report in order.
    let found: Vec<Vec<Diagnostic>> = texts
        .par_iter()
        .map(|&(path, body, body_line)| {
            check_text(body, &cx)
                .into_iter()
                .map(|p| {
                    let (line, column) = line_column(body, p.offset);
                    Diagnostic::new(path, body_line + line - 1, column, p.message).with_help(p.help)
                })
                .collect()
        })
        .collect();
    d.extend(found.into_iter().flatten());
}

/// The 1-based line and column (in characters) of byte `offset` of `src`.
fn line_column(src: &str, offset: usize) -> (u64, u64) {
    let mut offset = offset.min(src.len());
    while !src.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &src[..offset];
    let line = before.matches('\n').count() as u64 + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() as u64 + 1)
}

/// Every problem of one markdown text, in source order.
pub fn check_text(src: &str, cx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut first_html = None;
    let mut block: Option<Fragment> = None;
    let mut events = Parser::new_ext(src, md::options()).into_offset_iter();
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::HtmlBlock) => block = Some(Fragment::default()),
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(f) = block.take() {
                    check_html(&f, cx, &mut out);
                }
            }
            Event::Html(text) | Event::InlineHtml(text) => {
                first_html.get_or_insert(range.start);
                match block.as_mut() {
                    Some(f) => f.push(src, &text, &range),
                    None => {
                        let mut f = Fragment::default();
                        f.push(src, &text, &range);
                        check_html(&f, cx, &mut out);
                    }
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            }) if link_type != LinkType::Email => {
                let at = url_offset(src, &range, &dest_url, link_type, &id, &events);
                check_address(&dest_url, at, Use::Link, cx, &mut out);
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                id,
                ..
            }) => {
                let at = url_offset(src, &range, &dest_url, link_type, &id, &events);
                check_address(&dest_url, at, Use::Image, cx, &mut out);
            }
            _ => {}
        }
    }
    if out.is_empty() {
        let html = md::unsanitized_html(src, 0);
        let tags = start_tags(&html);
        let mut names: Vec<String> = tags.iter().map(|(n, _)| n.clone()).collect();
        let mut schemes: Vec<String> = tags
            .iter()
            .flat_map(|(_, attrs)| attrs.iter())
            .filter_map(|(_, v)| url::Url::parse(v).ok().map(|u| u.scheme().to_string()))
            .collect();
        names.sort();
        names.dedup();
        schemes.sort();
        schemes.dedup();
        if md::sanitizer_removes(&html, &names, &schemes) {
            out.push(Problem {
                offset: first_html.unwrap_or(0),
                message: "the sanitizer would remove part of this text's HTML".into(),
                help: "write it in plain markdown; if nothing here looks wrong, report it as a gongkai bug".into(),
            });
        }
    }
    out.sort_by_key(|p| p.offset);
    out
}

/// Where the address of a link or image starts in the source: after the
/// last `](` of an inline link, in the definition of a reference link.
fn url_offset<'a, F: pulldown_cmark::BrokenLinkCallback<'a>>(
    src: &str,
    range: &Range<usize>,
    dest: &str,
    link_type: LinkType,
    id: &str,
    events: &pulldown_cmark::OffsetIter<'a, F>,
) -> usize {
    let find_in = |span: &Range<usize>, from: usize| -> usize {
        let Some(s) = src.get(span.clone()) else {
            return span.start;
        };
        let tail = &s[from.min(s.len())..];
        let skip = tail.len() - tail.trim_start_matches([' ', '\t', '\n', '<']).len();
        match (!dest.is_empty()).then(|| tail.find(dest)).flatten() {
            Some(i) => span.start + from + i,
            None => span.start + from + skip,
        }
    };
    match link_type {
        LinkType::Inline => {
            let from = src
                .get(range.clone())
                .and_then(|s| s.rfind("]("))
                .map_or(0, |i| i + 2);
            find_in(range, from)
        }
        LinkType::Autolink | LinkType::Email => range.start + 1,
        _ => match events.reference_definitions().get(id) {
            Some(def) => {
                let from = src
                    .get(def.span.clone())
                    .and_then(|s| s.find("]:"))
                    .map_or(0, |i| i + 2);
                find_in(&def.span, from)
            }
            None => range.start,
        },
    }
}

/// Raw HTML of one block (its lines joined) or one inline tag, with the
/// source offset of each piece.
#[derive(Default)]
struct Fragment {
    text: String,
    /// (offset in `text`, offset in the source, whether the piece is a
    /// verbatim slice of the source there).
    pieces: Vec<(usize, usize, bool)>,
}

impl Fragment {
    fn push(&mut self, src: &str, text: &str, range: &Range<usize>) {
        let (at, exact) = match src.get(range.clone()) {
            Some(s) if s == text => (range.start, true),
            Some(s) => match s.find(text) {
                Some(i) => (range.start + i, true),
                None => (range.start, false),
            },
            None => (range.start, false),
        };
        self.pieces.push((self.text.len(), at, exact));
        self.text.push_str(text);
    }

    /// The source offset of byte `pos` of the fragment.
    fn source(&self, pos: usize) -> usize {
        match self.pieces.iter().rev().find(|(f, _, _)| *f <= pos) {
            Some(&(f, s, true)) => s + (pos - f),
            Some(&(_, s, false)) => s,
            None => 0,
        }
    }
}

/// A start tag as written: its name, where it starts and ends, and where
/// each attribute's name and value start (in fragment offsets).
struct WrittenTag {
    at: usize,
    end: usize,
    name: String,
    attrs: Vec<(String, usize, Option<usize>)>,
}

fn check_html(f: &Fragment, cx: &Context, out: &mut Vec<Problem>) {
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

/// `s` on one line, cut after 80 characters (a `data:` URL can be long).
fn snippet(s: &str) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 80 {
        format!("{}…", one_line.chars().take(80).collect::<String>())
    } else {
        one_line
    }
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

/// How an address is used, for the wording of its problem.
#[derive(Clone, Copy)]
enum Use<'a> {
    /// A markdown link or `<a href>`: followed on a click.
    Link,
    /// A markdown image.
    Image,
    /// An HTML attribute the browser loads by itself, e.g. "`<video src>`"
    /// of tag `video`.
    Embed { what: &'a str, tag: &'a str },
}

/// A problem without its position yet.
struct Found {
    message: String,
    help: String,
}

impl Found {
    fn at(self, offset: usize) -> Problem {
        Problem {
            offset,
            message: self.message,
            help: self.help,
        }
    }
}

/// A markdown link's or image's address.
fn check_address(url: &str, at: usize, use_: Use, cx: &Context, out: &mut Vec<Problem>) {
    match dest_problem(url, use_, true, cx) {
        Some((p, _)) => out.push(p.at(at)),
        None => check_site_file(url, use_, at, cx, out),
    }
}

/// What is wrong with address `url` used as `use_`, and whether that
/// message also covers the loss of its (disallowed) element: a resource
/// from another site is the one thing to fix. `dropped` says whether the
/// sanitizer checks this attribute's scheme (otherwise another message
/// covers it).
fn dest_problem(url: &str, use_: Use, dropped: bool, cx: &Context) -> Option<(Found, bool)> {
    let shown = snippet(url);
    match md::destination(url, cx.base_url) {
        Dest::Scheme(s) if s == "javascript" || s == "vbscript" => Some((
            Found {
                message: format!("markdown may not contain `{s}` (active content)"),
                help: ACTIVE_HELP.into(),
            },
            false,
        )),
        Dest::Scheme(s) if s == "data" => Some((
            Found {
                message: "markdown may not contain a `data:` URL".into(),
                help: format!("{FILES_HELP}NAME"),
            },
            false,
        )),
        Dest::Elsewhere => match use_ {
            Use::Link => None,
            Use::Image => external_load(url, "image", "img", cx).map(|f| (f, true)),
            Use::Embed { what, tag } => external_load(url, what, tag, cx).map(|f| (f, true)),
        },
        Dest::Site if !matches!(use_, Use::Link) && url::Url::parse(url).is_ok() => {
            let path = site_path(url, cx.base_url).unwrap_or_default();
            let what = match use_ {
                Use::Embed { what, .. } => what,
                _ => "image",
            };
            Some((
                Found {
                    message: format!("{what} `{shown}` is written with the site's full address"),
                    help: format!(
                        "write the site path `/{path}`, so that snapshots and mirrors do not load it from the live site"
                    ),
                },
                false,
            ))
        }
        Dest::Scheme(s) if dropped && !md::URL_SCHEMES.contains(&s.as_str()) => Some((
            Found {
                message: format!(
                    "the page would drop the address `{shown}`: only {} addresses are kept",
                    md::URL_SCHEMES.join(", ")
                ),
                help: format!("link to an http(s) address, or {FILES_HELP}NAME"),
            },
            false,
        )),
        Dest::Invalid if dropped => Some((
            Found {
                message: format!(
                    "the page would drop the address `{shown}`: it is not a valid URL"
                ),
                help: "check the address".into(),
            },
            false,
        )),
        _ => None,
    }
}

/// `url` loaded from another site by `what`, an attribute of `tag` (when
/// it is another site's).
fn external_load(url: &str, what: &str, tag: &str, cx: &Context) -> Option<Found> {
    if md::destination(url, cx.base_url) != Dest::Elsewhere {
        return None;
    }
    let name = url::Url::parse(url)
        .or_else(|_| url::Url::parse(&format!("https:{url}")))
        .ok()
        .and_then(|u| {
            u.path_segments()
                .and_then(|mut s| s.next_back().map(percent_decode))
        })
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "NAME".into());
    let message = if what == "image" {
        format!("image `{}` is loaded from outside the site", snippet(url))
    } else {
        format!("{what} loads `{}` from outside the site", snippet(url))
    };
    let help = if MEDIA_TAGS.contains(&tag) {
        format!("put the file under content/files/ and link to it: [title](/files/{name})")
    } else if tag == "link" || tag == "style" {
        STYLE_HELP.into()
    } else {
        format!("{FILES_HELP}{name}")
    };
    Some(Found { message, help })
}

/// The path of a site address below the site root (`files/a.png` for
/// `/files/a.png` or the base URL's `…/files/a.png`), when it is one.
fn site_path(url: &str, base_url: &str) -> Option<String> {
    if let Some(rest) = url
        .strip_prefix('/')
        .filter(|r| !r.starts_with(['/', '\\']))
    {
        return Some(rest.to_string());
    }
    let u = url::Url::parse(url).ok()?;
    let own = url::Url::parse(base_url).ok()?;
    u.path().strip_prefix(own.path()).map(|p| match u.query() {
        Some(q) => format!("{p}?{q}"),
        None => p.to_string(),
    })
}

/// An image or link to `/files/NAME` must name a file under content/files/.
fn check_site_file(url: &str, use_: Use, at: usize, cx: &Context, out: &mut Vec<Problem>) {
    let Some(path) = site_path(url, cx.base_url) else {
        return;
    };
    let Some(name) = path.strip_prefix("files/") else {
        return;
    };
    let name = percent_decode(name.split(['?', '#']).next().unwrap_or(""));
    if name.is_empty() || name.ends_with('/') || cx.files.contains(&name) {
        return;
    }
    let what = match use_ {
        Use::Link => "link",
        Use::Image => "image",
        Use::Embed { what, .. } => what,
    };
    let wanted = format!("/files/{name}");
    let known: Vec<String> = cx.files.iter().map(|f| format!("/files/{f}")).collect();
    out.push(Problem {
        offset: at,
        message: format!("{what} `{wanted}` is not under content/files/"),
        help: did_you_mean(&wanted, known.iter().map(String::as_str))
            .unwrap_or_else(|| "put the file under content/files/ or correct the name".into()),
    });
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).copied().and_then(hex),
            b.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The addresses of a `srcset` (each candidate's first word), with offsets.
fn srcset_urls(v: &str) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for part in v.split(',') {
        let lead = part.len() - part.trim_start().len();
        if let Some(u) = part.split_whitespace().next() {
            out.push((u, start + lead));
        }
        start += part.len() + 1;
    }
    out
}

/// The addresses in CSS: `url(…)` and `@import "…"`, with offsets.
fn css_urls(css: &str) -> Vec<(&str, usize)> {
    let lower = css.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find("url(") {
        let start = from + i + 4;
        let end = lower[start..].find(')').map_or(css.len(), |e| start + e);
        push_css_value(css, start, end, &mut out);
        from = end;
    }
    let mut from = 0;
    while let Some(i) = lower[from..].find("@import") {
        let start = from + i + 7;
        let rest = lower[start..].trim_start();
        let quoted = start + (lower.len() - start - rest.len());
        from = quoted;
        if let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
            let end = lower[quoted + 1..]
                .find(q)
                .map_or(css.len(), |e| quoted + 1 + e);
            push_css_value(css, quoted, end, &mut out);
            from = end;
        }
    }
    out.sort_by_key(|(_, at)| *at);
    out
}

/// The address in `css[start..end]`, without quotes and blanks.
fn push_css_value<'a>(css: &'a str, start: usize, end: usize, out: &mut Vec<(&'a str, usize)>) {
    let raw = &css[start..end];
    let value = raw.trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace());
    if !value.is_empty() {
        out.push((value, start + raw.find(value).unwrap_or(0)));
    }
}

/// Every start tag of `html` as html5ever's tokenizer reads it: lowercase
/// name and decoded attributes (a repeated attribute keeps its first
/// value, as in the page). Script and style content is read as markup
/// too, which can only add names.
fn start_tags(html: &str) -> Vec<StartTag> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(src: &str) -> Vec<String> {
        let files = vec!["review-2022.txt".to_string(), "map.png".to_string()];
        let cx = Context {
            files: &files,
            base_url: "https://example.gov.cn/ghjh/",
        };
        check_text(src, &cx)
            .into_iter()
            .map(|p| {
                let (l, c) = line_column(src, p.offset);
                format!("{l}:{c}: {} | {}", p.message, p.help)
            })
            .collect()
    }

    fn one(src: &str) -> String {
        let p = problems(src);
        assert_eq!(p.len(), 1, "{src}: {p:#?}");
        p[0].clone()
    }

    #[test]
    fn ordinary_text_links_and_site_images_pass() {
        let ok = "## 进展\n\n见[生态环境部](https://www.mee.gov.cn/)、[任务1](/tasks/1/)、\
                  <https://example.org/>、<a@b.cn>、[邮件](mailto:a@b.cn)。\n\n\
                  ![地图](/files/map.png) ![地图](../files/x.png) [报告](/files/review-2022.txt)\n\n\
                  <span class=\"x\" lang=\"en\">a</span> <sup>1</sup> <b>b</b>\n\n\
                  <details><summary>更多</summary>\n\n内容\n\n</details>\n\n\
                  | a | b |\n|:-:|--:|\n| 1 | 2 |\n\n\
                  `<script>` and\n\n```\n<iframe src=https://x/>\n```\n\n\
                  [ref]: https://www.mee.gov.cn/\n";
        assert_eq!(problems(ok), Vec::<String>::new());
    }

    #[test]
    fn everyday_markdown_loses_nothing() {
        let ok = "# 标题：一、总体要求（2022—2025）\n\n\
                  正文&nbsp;有实体 &amp; 符号 &lt;不是标签&gt;，换行  \n第二行<br>第三行。\n\n\
                  > 引用 **加粗** *斜体* ~~删除~~ `代码`\n\n\
                  1. 一\n   - 二\n     - 三\n\n\
                  脚注[^1]。\n\n[^1]: 见[原文](https://www.example.gov.cn/a?x=1&y=2 \"标题\")。\n\n\
                  ```rust\nfn main() {}\n```\n\n\
                  ![图](/files/map.png \"图题\")\n\n\
                  <div class=\"note\">\n\n块内 *markdown*\n\n</div>\n\n\
                  <kbd>Ctrl</kbd> <abbr title=\"化学需氧量\">COD</abbr> <time datetime=\"2022-06-30\">6月</time>\n\n\
                  ---\n";
        assert_eq!(problems(ok), Vec::<String>::new());
    }

    #[test]
    fn active_content_keeps_its_message_and_position() {
        assert!(one("本站公开规划任务。<script>alert(1)</script>")
            .starts_with("1:10: markdown may not contain `script` (active content)"));
        assert!(one("a\n\n[x](javascript:alert(1))")
            .starts_with("3:5: markdown may not contain `javascript` (active content)"));
        assert!(one("<a href=\"JaVa&#9;Script:alert(1)\">x</a>")
            .contains("`javascript` (active content)"));
        assert!(one("<a href=\"jav&#x61;script&colon;alert(1)\">x</a>")
            .starts_with("1:10: markdown may not contain `javascript` (active content)"));
        assert!(one("x <img src=x onerror=\"alert(1)\">").starts_with(
            "1:14: markdown may not contain `event handler attribute` (active content)"
        ));
        assert!(one("<iframe src=\"https://v.example/\"></iframe>")
            .starts_with("1:1: markdown may not contain `iframe` (active content)"));
        assert!(one("[x][r]\n\n[r]: vbscript:msgbox")
            .starts_with("3:6: markdown may not contain `vbscript`"));
    }

    #[test]
    fn resources_from_elsewhere_are_refused_where_they_are_written() {
        assert_eq!(
            one("图：![地图](https://cdn.example.com/img/%E5%9C%B0%E5%9B%BE.png)"),
            "1:9: image `https://cdn.example.com/img/%E5%9C%B0%E5%9B%BE.png` is loaded from \
             outside the site | put the file under content/files/ and link it as /files/地图.png"
        );
        assert!(
            one("<p>\n<img alt=\"a\" src='//cdn.example.com/a.png'>\n</p>").starts_with(
                "2:19: `<img src>` loads `//cdn.example.com/a.png` from outside the site"
            )
        );
        assert!(one("<video src=\"https://v.example/a.mp4\"></video>")
            .starts_with("1:13: `<video src>` loads `https://v.example/a.mp4`"));
        assert!(one("<video poster=\"https://v.example/p.jpg\"></video>")
            .starts_with("1:16: `<video poster>` loads"));
        assert!(one(
            "<img src=\"/files/map.png\" srcset=\"/files/map.png 1x, https://x.example/b.png 2x\">"
        )
        .starts_with("1:54: `<img srcset>` loads `https://x.example/b.png`"));
        assert!(
            one("<link rel=\"stylesheet\" href=\"https://x.example/a.css\">")
                .starts_with("1:30: `<link href>` loads `https://x.example/a.css`")
        );
        let p = problems("<style>\n@import url(\"https://x.example/a.css\");\n</style>");
        assert_eq!(p.len(), 2, "{p:#?}");
        assert!(p[0].starts_with(
            "1:1: `<style>` would be removed from the page with everything inside it"
        ));
        assert!(
            p[1].starts_with("2:14: `<style>` loads `https://x.example/a.css`"),
            "{p:#?}"
        );
        assert!(
            one("<p style=\"background:url(https://x.example/b.png)\">x</p>")
                .starts_with("1:26: `<p style>` loads `https://x.example/b.png`")
        );
        assert!(
            one("<audio src=\"\\\\x.example\\a.mp3\"></audio>").contains("from outside the site")
        );
        assert!(one("![a](https://example.gov.cn/ghjh/files/map.png)").starts_with(
            "1:6: image `https://example.gov.cn/ghjh/files/map.png` is written with the site's full address | write the site path `/files/map.png`"
        ));
    }

    #[test]
    fn data_urls_are_refused_in_links_and_embeds() {
        assert_eq!(
            one("![x](data:image/png;base64,iVBORw0KGgo=)"),
            "1:6: markdown may not contain a `data:` URL | put the file under content/files/ and link it as /files/NAME"
        );
        assert!(one("[x](DATA:text/html,hi)")
            .starts_with("1:5: markdown may not contain a `data:` URL"));
        let p = problems("<source srcset=\"data:image/png;base64,AA\">");
        assert_eq!(p.len(), 2, "{p:#?}");
        assert!(p[0].starts_with("1:1: `<source>` would be removed from the page"));
        assert!(p[1].starts_with("1:17: markdown may not contain a `data:` URL"));
    }

    #[test]
    fn what_the_sanitizer_removes_is_reported() {
        assert!(one("<center>x</center>")
            .starts_with("1:1: `<center>` would be removed from the page (markdown may contain only simple HTML) | write it in markdown, or with one of the allowed tags: a, abbr,"));
        assert!(one("<video src=\"/files/map.mp4\"></video>")
            .ends_with("| link the file instead: [title](/files/map.mp4)"));
        assert!(one("<audio controls></audio>")
            .ends_with("| link the file instead: [title](/files/NAME)"));
        assert!(one("a <span style=\"color:red\">b</span>").starts_with(
            "1:9: attribute `style` on `<span>` would be removed from the page | remove it (`<span>` may carry class, id, lang, title)"
        ));
        assert!(one("<a href=\"/a/\" HREF=\"/b/\">x</a>").starts_with(
            "1:15: attribute `href` is written twice on `<a>`; the page keeps only the first"
        ));
        assert!(one("a <!-- 内部备注 --> b")
            .starts_with("1:3: HTML comment would be removed from the page"));
        assert!(one("<!DOCTYPE html>")
            .starts_with("1:1: `<!DOCTYPE html>` would be removed from the page"));
        assert!(one("[x](ftp://files.example/a.zip)").starts_with(
            "1:5: the page would drop the address `ftp://files.example/a.zip`: only http, https, mailto addresses are kept"
        ));
        assert!(one("[x](http://[oops/)").contains("it is not a valid URL"));
        assert!(one("<p>\n<font color=red>x</font>\n</p>").starts_with("2:1: `<font>`"));
    }

    #[test]
    fn site_files_must_exist() {
        assert_eq!(
            one("![图](/files/mapp.png)"),
            "1:6: image `/files/mapp.png` is not under content/files/ | did you mean `/files/map.png`?"
        );
        assert!(one("[报告](/files/review-2021.txt#p2)")
            .starts_with("1:6: link `/files/review-2021.txt` is not under content/files/ | did you mean `/files/review-2022.txt`?"));
        assert!(one("<img src=\"/files/nothing-like-it.png\">")
            .ends_with("| put the file under content/files/ or correct the name"));
    }

    #[test]
    fn positions_count_characters_and_follow_reference_definitions() {
        assert!(one("大足区 ![图](https://x.example/a.png)").starts_with("1:10:"));
        assert!(one("x\n\n![图][a]\n\n[a]:  https://x.example/a.png").starts_with("5:7:"));
    }

    #[test]
    fn the_last_guard_catches_what_the_checks_do_not_model() {
        // A table's alignment is kept as a class, so nothing is lost…
        assert_eq!(problems("| a |\n|:-:|\n| 1 |\n"), Vec::<String>::new());
        // …and anything the sanitizer removes is found by comparison.
        let html = "<p><x-y>z</x-y></p>";
        let tags = start_tags(html);
        let names: Vec<String> = tags.iter().map(|(n, _)| n.clone()).collect();
        assert!(md::sanitizer_removes(html, &names, &[]));
    }
}
