//! Markdown → safe HTML. pulldown-cmark passes raw HTML and `javascript:`
//! links through, so its output always goes through ammonia, which keeps
//! ordinary formatting and links and drops scripts, event handlers, styles
//! and dangerous URL schemes. Headings get ids (Chinese kept) for anchors,
//! table column alignment becomes a class (ammonia drops `style`), and a
//! link to another site is marked as leaving the portal (`links`, which
//! also judges where an address leads).
//!
//! What the sanitizer keeps is spelled out here, in [`TAGS`],
//! [`GENERIC_ATTRIBUTES`], [`TAG_ATTRIBUTES`] and [`URL_SCHEMES`], and
//! nowhere else: the sanitizer is built from these lists (not from ammonia's
//! defaults, which may change), and `validate::markdown` reports every tag,
//! attribute and address outside them, so nothing a person wrote vanishes
//! from a page without an error.

use super::links::mark_external_links;
pub use super::links::{destination, Dest};
use crate::model::Lang;
use pulldown_cmark::{html, Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::sync::LazyLock;

/// The HTML elements a text may contain. Ammonia's default list without the
/// elements HTML has made obsolete (`acronym`, `center`, `strike`, `tt`,
/// `rtc`) or that are useless without attributes we do not allow (`area`,
/// `map`, `data`), so what is kept is also valid HTML.
pub const TAGS: &[&str] = &[
    "a",
    "abbr",
    "article",
    "aside",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "nav",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Elements removed together with everything inside them.
pub const CLEAN_CONTENT_TAGS: &[&str] = &["script", "style"];

/// Attributes every allowed element may carry.
pub const GENERIC_ATTRIBUTES: &[&str] = &["class", "id", "lang", "title"];

/// Further attributes, by element: ammonia's defaults without the obsolete
/// presentational ones (`align`, `char`, `charoff`, `size`, `summary`),
/// plus `<time datetime>`.
pub const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    ("bdo", &["dir"]),
    ("blockquote", &["cite"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("del", &["cite", "datetime"]),
    ("img", &["alt", "height", "src", "width"]),
    ("ins", &["cite", "datetime"]),
    ("ol", &["start"]),
    ("q", &["cite"]),
    ("td", &["colspan", "headers", "rowspan"]),
    ("th", &["colspan", "headers", "rowspan", "scope"]),
    ("time", &["datetime"]),
];

/// The allowed attributes whose value the sanitizer parses as a URL and
/// drops unless its scheme is in [`URL_SCHEMES`] (or it has none).
pub const URL_ATTRIBUTES: &[(&str, &str)] = &[("a", "href"), ("img", "src")];

/// URL schemes a link or image may use. `tel:` is not among them: the
/// internal link check would take it for a file of the site.
pub const URL_SCHEMES: &[&str] = &["http", "https", "mailto"];

pub fn allows_tag(tag: &str) -> bool {
    TAGS.contains(&tag)
}

/// Whether the sanitizer keeps attribute `attr` on the allowed element `tag`.
pub fn allows_attribute(tag: &str, attr: &str) -> bool {
    GENERIC_ATTRIBUTES.contains(&attr)
        || TAG_ATTRIBUTES
            .iter()
            .any(|(t, attrs)| *t == tag && attrs.contains(&attr))
}

/// The attributes `tag` may carry, for a help line.
pub fn attributes_of(tag: &str) -> Vec<&'static str> {
    let mut v: Vec<&str> = GENERIC_ATTRIBUTES.to_vec();
    for (t, attrs) in TAG_ATTRIBUTES {
        if *t == tag {
            v.extend(attrs.iter());
        }
    }
    v.sort_unstable();
    v
}

pub fn is_url_attribute(tag: &str, attr: &str) -> bool {
    URL_ATTRIBUTES.contains(&(tag, attr))
}

/// The sanitizer, built from the lists above. `extra_tags` and
/// `extra_schemes` widen it, and `all_attributes` lets every attribute
/// through: the validator compares the strict sanitizer with one that keeps
/// everything the text contains, to prove that nothing was removed.
fn builder<'a>(
    extra_tags: &'a [String],
    extra_schemes: &'a [String],
    all_attributes: bool,
) -> ammonia::Builder<'a> {
    let mut b = ammonia::Builder::empty();
    let strict = extra_tags.is_empty() && extra_schemes.is_empty() && !all_attributes;
    let mut tags: HashSet<&str> = TAGS.iter().copied().collect();
    tags.extend(extra_tags.iter().map(String::as_str));
    b.tags(tags)
        .generic_attributes(GENERIC_ATTRIBUTES.iter().copied().collect())
        .tag_attributes(
            TAG_ATTRIBUTES
                .iter()
                .map(|(t, a)| (*t, a.iter().copied().collect()))
                .collect(),
        )
        .url_schemes(
            URL_SCHEMES
                .iter()
                .copied()
                .chain(extra_schemes.iter().map(String::as_str))
                .collect(),
        )
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(strict);
    if strict {
        b.clean_content_tags(CLEAN_CONTENT_TAGS.iter().copied().collect());
    }
    if all_attributes {
        b.generic_attribute_prefixes([""].into_iter().collect());
    }
    b
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| builder(&[], &[], false));

pub fn sanitize(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

/// Whether the sanitizer removes anything from `html`: its output differs
/// from that of a sanitizer that also keeps `tags`, URLs with `schemes`,
/// every attribute, comments and the content of `script` and `style`.
/// `tags` and `schemes` must be every element name and URL scheme in `html`.
pub fn sanitizer_removes(html: &str, tags: &[String], schemes: &[String]) -> bool {
    let keep_all = builder(tags, schemes, true).clean(html).to_string();
    sanitize(html) != keep_all
}

/// Render `src` to sanitised HTML. `shift` moves headings down (a note on a
/// task page starts at h3, so the page's own outline stays in order). The
/// text is shown in `lang` (the external-link marker's words); links that
/// start with `base_url` (when absolute) are the site's own.
pub fn to_html(src: &str, shift: u8, lang: Lang, base_url: &str) -> String {
    mark_external_links(&sanitize(&unsanitized_html(src, shift)), lang, base_url)
}

/// The markdown dialect of every text (the validator parses with the same).
pub fn options() -> Options {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_FOOTNOTES);
    opts
}

/// pulldown-cmark's HTML for `src`, before the sanitizer: what the
/// validator checks the sanitizer against.
pub fn unsanitized_html(src: &str, shift: u8) -> String {
    let mut events: Vec<Event> = Parser::new_ext(src, options()).collect();
    // Fill heading ids from their text and shift levels.
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) = &events[i]
        {
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let new_level = shift_level(*level, shift);
            let slug = id
                .clone()
                .map(|s| s.to_string())
                .unwrap_or_else(|| slugify(&text));
            events[i] = Event::Start(Tag::Heading {
                level: new_level,
                id: Some(slug.into()),
                classes: classes.clone(),
                attrs: attrs.clone(),
            });
            if j < events.len() {
                events[j] = Event::End(TagEnd::Heading(new_level));
            }
        }
        i += 1;
    }
    align_by_class(&mut events);
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    out
}

/// pulldown-cmark aligns table columns with `style="text-align: …"`, which
/// the sanitizer removes; write aligned cells with a class instead.
fn align_by_class(events: &mut [Event]) {
    let mut aligns: Vec<Alignment> = Vec::new();
    let mut head = false;
    let mut col = 0;
    let mut open: Option<&str> = None;
    for e in events.iter_mut() {
        match e {
            Event::Start(Tag::Table(a)) => aligns = std::mem::take(a),
            Event::Start(Tag::TableHead) => (head, col) = (true, 0),
            Event::End(TagEnd::TableHead) => head = false,
            Event::Start(Tag::TableRow) => col = 0,
            Event::Start(Tag::TableCell) => {
                let class = match aligns.get(col) {
                    Some(Alignment::Left) => Some("left"),
                    Some(Alignment::Center) => Some("center"),
                    Some(Alignment::Right) => Some("right"),
                    _ => None,
                };
                col += 1;
                let cell = if head { "th" } else { "td" };
                open = class.map(|_| cell);
                if let Some(class) = class {
                    *e = Event::Html(format!("<{cell} class=\"align-{class}\">").into());
                }
            }
            Event::End(TagEnd::TableCell) => {
                if let Some(cell) = open.take() {
                    *e = Event::Html(format!("</{cell}>").into());
                }
            }
            _ => {}
        }
    }
}

fn shift_level(level: HeadingLevel, shift: u8) -> HeadingLevel {
    let n = (level as u8 + shift).min(6);
    match n {
        1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// An anchor id from heading text: lowercase ASCII words and CJK kept, the
/// rest turned into hyphens.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let s = out.trim_end_matches('-').to_string();
    if s.is_empty() {
        "section".into()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zh(src: &str) -> String {
        to_html(src, 0, Lang::Zh, "https://example.gov.cn/ghjh/")
    }

    #[test]
    fn script_and_javascript_links_never_reach_the_page() {
        let h = zh(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>",
        );
        assert!(!h.contains("<script"), "{h}");
        assert!(!h.contains("javascript:"), "{h}");
        assert!(!h.contains("onerror"), "{h}");
    }

    #[test]
    fn headings_get_ids_and_shift() {
        let h = to_html("# 濑溪河 治理\n", 2, Lang::Zh, "/");
        assert_eq!(h.trim(), "<h3 id=\"濑溪河-治理\">濑溪河 治理</h3>");
    }

    #[test]
    fn internal_links_survive_unmarked() {
        for src in [
            "[task 8](/tasks/8/)",
            "[task 8](../tasks/8/)",
            "[task 8](https://example.gov.cn/ghjh/tasks/8/)",
            "[home](https://EXAMPLE.gov.cn/ghjh)",
            "[mail](mailto:a@example.gov.cn)",
        ] {
            let h = zh(src);
            assert!(h.contains("href=\""), "{h}");
            assert!(!h.contains("external"), "{src}: {h}");
        }
    }

    #[test]
    fn links_to_other_sites_are_marked_in_the_text_language() {
        let h = zh("见[生态环境部](https://www.mee.gov.cn/?a=1&b=2)。");
        assert_eq!(
            h.trim(),
            "<p>见<a href=\"https://www.mee.gov.cn/?a=1&amp;b=2\" class=\"external\" \
             rel=\"external noopener noreferrer\">生态环境部<span class=\"visually-hidden\" \
             data-pagefind-ignore>（外部链接）</span></a>。</p>"
        );
        let en = to_html(
            "<a class=\"x\" href=\"//other.org/\">other</a> and [in](/tasks/1/)",
            0,
            Lang::En,
            "/",
        );
        assert!(
            en.contains("<a class=\"x external\" href=\"//other.org/\" rel=\"external noopener noreferrer\">other<span class=\"visually-hidden\" data-pagefind-ignore> (external link)</span></a>"),
            "{en}"
        );
        assert!(en.contains("<a href=\"/tasks/1/\">in</a>"), "{en}");
    }

    #[test]
    fn table_alignment_survives_as_a_class() {
        let h = zh("| a | b | c |\n|:--|:-:|---|\n| 1 | 2 | 3 |\n");
        assert!(h.contains("<th class=\"align-left\">a</th>"), "{h}");
        assert!(h.contains("<th class=\"align-center\">b</th>"), "{h}");
        assert!(h.contains("<th>c</th>"), "{h}");
        assert!(h.contains("<td class=\"align-center\">2</td>"), "{h}");
        assert!(h.contains("<td>3</td>"), "{h}");
    }

    #[test]
    fn the_sanitizer_keeps_exactly_its_lists() {
        let h = sanitize(
            "<p class=c id=i lang=en title=t style=\"color:red\" onclick=x>a</p>\
             <center>b</center><img src=\"/files/a.png\" alt=a align=left>\
             <a href=\"ftp://x/\">c</a><a href=\"tel:1\">d</a><!-- e -->",
        );
        assert_eq!(
            h,
            "<p class=\"c\" id=\"i\" lang=\"en\" title=\"t\">a</p>b\
             <img src=\"/files/a.png\" alt=\"a\"><a>c</a><a>d</a>"
        );
        let tags = vec!["center".to_string()];
        assert!(sanitizer_removes("<center>b</center>", &tags, &[]));
        assert!(!sanitizer_removes("<p class=c>b</p>", &[], &[]));
        assert!(sanitizer_removes("<p style=x>b</p>", &[], &[]));
        assert!(sanitizer_removes("<!-- x -->", &[], &[]));
        let ftp = vec!["ftp".to_string()];
        assert!(sanitizer_removes("<a href=\"ftp://x/\">c</a>", &[], &ftp));
        assert!(!sanitizer_removes(
            "<a href=\"https://x/\">c</a>",
            &[],
            &ftp
        ));
    }
}
