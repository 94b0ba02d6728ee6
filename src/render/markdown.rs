//! Markdown → safe HTML. pulldown-cmark passes raw HTML and `javascript:`
//! links through, so its output always goes through ammonia, which keeps
//! ordinary formatting and links and drops scripts, event handlers, styles
//! and dangerous URL schemes. Headings get ids (Chinese kept) for anchors.

use pulldown_cmark::{html, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Render `src` to sanitised HTML. `shift` moves headings down (a note on a
/// task page starts at h3, so the page's own outline stays in order).
pub fn to_html(src: &str, shift: u8) -> String {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_FOOTNOTES);
    let mut events: Vec<Event> = Parser::new_ext(src, opts).collect();
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
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    sanitize(&out)
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

pub fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .add_generic_attributes(["id", "class", "lang"])
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(None)
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_and_javascript_links_never_reach_the_page() {
        let h = to_html(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>",
            0,
        );
        assert!(!h.contains("<script"), "{h}");
        assert!(!h.contains("javascript:"), "{h}");
        assert!(!h.contains("onerror"), "{h}");
    }

    #[test]
    fn headings_get_ids_and_shift() {
        let h = to_html("# 濑溪河 治理\n", 2);
        assert_eq!(h.trim(), "<h3 id=\"濑溪河-治理\">濑溪河 治理</h3>");
    }

    #[test]
    fn internal_links_survive() {
        let h = to_html("[task 8](/tasks/8/)", 0);
        assert!(h.contains("href=\"/tasks/8/\""), "{h}");
    }
}
