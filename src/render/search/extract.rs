//! What the index reads of a page: the text of its `<main
//! data-pagefind-body>` (the marker names the pages that are indexed),
//! without what is marked `data-pagefind-ignore` (words for screen readers
//! only) and without scripts and styles, and the text of its first `<h1>`
//! as the title. Inline elements (links, terms, times) join their words;
//! any other tag separates them, so 推行<a>小水电</a>清理 stays one run of
//! Chinese for the bigrams, while two table cells stay two.

/// The marker on `<main>` of the pages the index takes.
pub const BODY_MARKER: &str = "data-pagefind-body";
const IGNORE_MARKER: &str = "data-pagefind-ignore";

/// Elements that do not separate words.
const INLINE: [&str; 22] = [
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q",
    "s", "samp", "small", "span", "strong", "sub", "sup", "time",
];

/// A page's searchable text.
#[derive(Debug, PartialEq)]
pub struct PageText {
    pub title: String,
    /// The body's text without the title, white space collapsed.
    pub text: String,
}

/// The searchable text of `html`, or `None` for a page the index does not take.
pub fn page_text(html: &str) -> Option<PageText> {
    let at = html.find(BODY_MARKER)?;
    let body = &html[at..];
    let body = &body[body.find('>')? + 1..];
    let body = body.find("</main>").map_or(body, |end| &body[..end]);
    let mut title = String::new();
    let mut text = String::new();
    let mut in_title = false;
    let mut title_done = false;
    let mut rest = body;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(rest, if in_title { &mut title } else { &mut text });
            break;
        };
        push_text(&rest[..lt], if in_title { &mut title } else { &mut text });
        rest = &rest[lt..];
        let Some(gt) = rest.find('>') else { break };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_ascii_whitespace() || c == '/')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if !closing
            && (tag.contains(IGNORE_MARKER)
                || ["script", "style", "template"].contains(&name.as_str()))
        {
            if !tag.ends_with('/') {
                rest = skip_element(rest, &name);
            }
            continue;
        }
        if name == "h1" && !title_done {
            if closing {
                in_title = false;
                title_done = true;
            } else {
                in_title = true;
            }
            continue;
        }
        if !INLINE.contains(&name.as_str()) {
            let into = if in_title { &mut title } else { &mut text };
            if !into.ends_with(' ') && !into.is_empty() {
                into.push(' ');
            }
        }
    }
    Some(PageText {
        title: collapse(&title),
        text: collapse(&text),
    })
}

/// `rest` after the end of the element `name` just opened (nested
/// elements of the same name counted).
fn skip_element<'a>(rest: &'a str, name: &str) -> &'a str {
    let mut depth = 1;
    let mut pos = 0;
    while let Some(lt) = rest[pos..].find('<') {
        let at = pos + lt;
        let tag_end = rest[at..].find('>').map_or(rest.len(), |g| at + g + 1);
        let tag = &rest[at + 1..tag_end.saturating_sub(1).max(at + 1)];
        let (closing, tag_name) = match tag.strip_prefix('/') {
            Some(t) => (true, t),
            None => (false, tag),
        };
        let tag_name = tag_name
            .split(|c: char| c.is_ascii_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        if tag_name.eq_ignore_ascii_case(name) {
            if closing {
                depth -= 1;
                if depth == 0 {
                    return &rest[tag_end..];
                }
            } else if !tag.ends_with('/') {
                depth += 1;
            }
        }
        pos = tag_end;
    }
    ""
}

/// Text between tags, entities decoded, appended to `out`.
fn push_text(raw: &str, out: &mut String) {
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').filter(|&semi| semi <= 10).and_then(|semi| {
            let c = entity(&rest[1..semi])?;
            Some((c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// White space collapsed to single spaces, trimmed.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_of_the_marked_main_joins_inline_elements_and_drops_ignored_ones() {
        let html = "<html><nav>菜单</nav><main data-pagefind-body id=main><h1>任务 8</h1>\
            <p class=text>推行<a class=term href=x>小水电</a>清理 &amp; 整改\
            <span class=visually-hidden data-pagefind-ignore>（外部<b>链接</b>）</span>。</p>\
            <dl><dt>牵头单位</dt><dd>区水利局</dd></dl><script>var x = 1;</script></main><footer>页脚</footer>";
        assert_eq!(
            page_text(html),
            Some(PageText {
                title: "任务 8".into(),
                text: "推行小水电清理 & 整改。 牵头单位 区水利局".into(),
            })
        );
        assert_eq!(page_text("<main id=main><h1>搜索</h1></main>"), None);
    }
}
