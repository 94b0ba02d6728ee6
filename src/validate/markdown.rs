//! Staff text — updates, notes and commentary pages, in both languages —
//! may not make the portal load anything from elsewhere, and nothing a
//! person wrote may vanish from a page without a word.
//!
//! Every raw HTML tag, attribute and comment and every link and image of a
//! text is checked against the lists the sanitizer is built from
//! (`text::markdown::TAGS` …), so the two cannot disagree: each tag,
//! attribute or address the sanitizer would remove, each resource from
//! another site (images, media, frames, stylesheets, scripts, `srcset`,
//! `poster`), each `data:`, `javascript:` or `vbscript:` address and each
//! image of `/files/` that does not exist is an error at its line and
//! column. Attribute values are decoded by html5ever's tokenizer and
//! addresses parsed by the `url` crate, the parsers the sanitizer uses.
//! As a last guard, a text with no error is rendered and sanitised, and
//! compared with what a sanitizer that keeps everything makes of it: any
//! difference is an error too.
//!
//! This file walks each text's markdown; `html` reads its raw HTML and
//! `address` judges every address either of them finds.

mod address;
mod html;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::RawSite;
use crate::text::markdown as md;
use address::{check_address, Use};
use html::{check_html, start_tags};
use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};
use rayon::prelude::*;
use std::ops::Range;
use std::path::Path;

/// Media elements: a link to the file is what a text can hold instead.
const MEDIA_TAGS: &[&str] = &["audio", "video", "source", "track", "picture"];

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
    // Two HTML parses of the text: in `serve`, once per text as written.
    let plain = first_html.is_none();
    let sanitized =
        || crate::load::cache::remembered("sanitizer_removes", src, || removes(src, plain));
    if out.is_empty() && sanitized() {
        out.push(Problem {
            offset: first_html.unwrap_or(0),
            message: "the sanitizer would remove part of this text's HTML".into(),
            help: "write it in plain markdown; if nothing here looks wrong, report it as a gongkai bug".into(),
        });
    }
    out.sort_by_key(|p| p.offset);
    out
}

/// Whether the sanitizer removes part of the HTML `src` renders to.
/// `plain`: `src` holds no HTML of its own, only markdown.
fn removes(src: &str, plain: bool) -> bool {
    let html = md::unsanitized_html(src, 0);
    let tags = start_tags(&html);
    if plain && keeps_all(&tags) {
        return false;
    }
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
    md::sanitizer_removes(&html, &names, &schemes)
}

/// Whether the sanitizer keeps every tag of HTML that pulldown-cmark made
/// from markdown alone (`tags`, its start tags): each tag and attribute is
/// allowed, and each address is relative or has an allowed scheme. Such
/// HTML has no comments, nor script or style (its text is escaped), so the
/// strict sanitizer and the one that keeps all the text has (`removes`)
/// agree without running them: two HTML parses saved per text.
fn keeps_all(tags: &[(String, Vec<(String, String)>)]) -> bool {
    tags.iter().all(|(name, attrs)| {
        md::allows_tag(name)
            && attrs.iter().all(|(attr, value)| {
                md::allows_attribute(name, attr)
                    && (!md::is_url_attribute(name, attr)
                        || url::Url::parse(value)
                            .map_or(true, |u| md::URL_SCHEMES.contains(&u.scheme())))
            })
    })
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

/// `s` on one line, cut after 80 characters (a `data:` URL can be long).
fn snippet(s: &str) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 80 {
        format!("{}…", one_line.chars().take(80).collect::<String>())
    } else {
        one_line
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

    /// Each markdown of `cases` has one problem, whose message starts with
    /// the case's words.
    fn first_words(cases: &[(&str, &str)]) {
        for (src, words) in cases {
            let p = one(src);
            assert!(p.starts_with(words), "{src:?}: {p}");
        }
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
        first_words(&[
            (
                "本站公开规划任务。<script>alert(1)</script>",
                "1:10: markdown may not contain `script` (active content)",
            ),
            (
                "a\n\n[x](javascript:alert(1))",
                "3:5: markdown may not contain `javascript` (active content)",
            ),
        ]);
        assert!(one("<a href=\"JaVa&#9;Script:alert(1)\">x</a>")
            .contains("`javascript` (active content)"));
        first_words(&[
            (
                "<a href=\"jav&#x61;script&colon;alert(1)\">x</a>",
                "1:10: markdown may not contain `javascript` (active content)",
            ),
            (
                "x <img src=x onerror=\"alert(1)\">",
                "1:14: markdown may not contain `event handler attribute` (active content)",
            ),
            (
                "<iframe src=\"https://v.example/\"></iframe>",
                "1:1: markdown may not contain `iframe` (active content)",
            ),
            (
                "[x][r]\n\n[r]: vbscript:msgbox",
                "3:6: markdown may not contain `vbscript`",
            ),
        ]);
    }

    #[test]
    fn resources_from_elsewhere_are_refused_where_they_are_written() {
        assert_eq!(
            one("图：![地图](https://cdn.example.com/img/%E5%9C%B0%E5%9B%BE.png)"),
            "1:9: image `https://cdn.example.com/img/%E5%9C%B0%E5%9B%BE.png` is loaded from \
             outside the site | put the file under content/files/ and link it as /files/地图.png"
        );
        first_words(&[
            ("<p>\n<img alt=\"a\" src='//cdn.example.com/a.png'>\n</p>", "2:19: `<img src>` loads `//cdn.example.com/a.png` from outside the site"),
            ("<video src=\"https://v.example/a.mp4\"></video>", "1:13: `<video src>` loads `https://v.example/a.mp4`"),
            ("<video poster=\"https://v.example/p.jpg\"></video>", "1:16: `<video poster>` loads"),
            ("<img src=\"/files/map.png\" srcset=\"/files/map.png 1x, https://x.example/b.png 2x\">", "1:54: `<img srcset>` loads `https://x.example/b.png`"),
            ("<link rel=\"stylesheet\" href=\"https://x.example/a.css\">", "1:30: `<link href>` loads `https://x.example/a.css`"),
        ]);
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
        first_words(&[
            ("a <span style=\"color:red\">b</span>", "1:9: attribute `style` on `<span>` would be removed from the page | remove it (`<span>` may carry class, id, lang, title)"),
            ("<a href=\"/a/\" HREF=\"/b/\">x</a>", "1:15: attribute `href` is written twice on `<a>`; the page keeps only the first"),
            ("a <!-- 内部备注 --> b", "1:3: HTML comment would be removed from the page"),
            ("<!DOCTYPE html>", "1:1: `<!DOCTYPE html>` would be removed from the page"),
            ("[x](ftp://files.example/a.zip)", "1:5: the page would drop the address `ftp://files.example/a.zip`: only http, https, mailto addresses are kept"),
        ]);
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
        first_words(&[
            ("大足区 ![图](https://x.example/a.png)", "1:10:"),
            ("x\n\n![图][a]\n\n[a]:  https://x.example/a.png", "5:7:"),
        ]);
    }

    #[test]
    fn markdown_without_html_is_judged_as_the_sanitizers_judge_it() {
        // `removes` skips the two sanitizers for text with no HTML of its
        // own when every tag, attribute and address is allowed; it must
        // answer as they do, on every construct markdown makes and on the
        // real portal's texts.
        let mut texts: Vec<String> = [
            "# 一、总体要求\n\n## 二 {#id}\n\n###### 六\n\n正文 **加粗** *斜体* ~~删除~~ `代码`  \n换行\\\n再换行",
            "> 引用\n>\n> > 再引用\n\n---\n\n***",
            "3. 三\n4. 四\n\n- a\n  - b\n\n* [ ] 不是任务列表",
            "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n\n| x |\n|---|\n| y |",
            "脚注[^1]，又[^n]。\n\n[^1]: 见[原文](https://www.example.gov.cn/a?x=1&y=2 \"标题\")。\n[^n]: 二",
            "```rust\nfn main() { println!(\"<script>\"); }\n```\n\n    缩进代码 <b>",
            "![图](/files/map.png \"图题\") ![外](https://x.example/a.png) [相对](../a/) [锚](#top)",
            "<https://www.mee.gov.cn/> <mailto:a@b.cn> a@b.cn [信](mailto:a@b.cn)",
            "[x](ftp://files.example/a.zip)",
            "[x](javascript:alert(1)) [y](JAVASCRIPT:alert(1)) [z](data:text/html,x)",
            "[x](tel:023-1234) ![y](file:///etc/passwd) [z](http://[oops/)",
            "[x](//evil.example/a) ![y](//cdn.example/a.png) [z](  https://a.example/ )",
            "[x](HTTPS://A.EXAMPLE/) [y](https:/a) [z](mailto:) [w](?q=1)",
            "[ref][r] ![img][i]\n\n[r]: https://a.example/ \"t\"\n[i]: ftp://a.example/x.png",
            "&lt;script&gt; &amp;nbsp; &#60;b&#62; \\<b\\> 1 < 2 > 0",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        for entry in walkdir::WalkDir::new(&content).into_iter().flatten() {
            if entry.path().extension().is_some_and(|e| e == "md") {
                texts.push(std::fs::read_to_string(entry.path()).unwrap());
            }
        }
        assert!(texts.len() > 20, "the real portal's markdown was not found");
        let mut skipped = 0;
        for src in &texts {
            let plain = !Parser::new_ext(src, md::options())
                .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
            if !plain {
                continue;
            }
            let by_sanitizers = removes(src, false);
            assert_eq!(removes(src, true), by_sanitizers, "{src}");
            let tags = start_tags(&md::unsanitized_html(src, 0));
            skipped += usize::from(keeps_all(&tags));
            if keeps_all(&tags) {
                assert!(!by_sanitizers, "{src}");
            }
        }
        // Most texts are judged without the sanitizers; those with a
        // dropped address are not.
        assert!(skipped > texts.len() / 2, "{skipped} of {}", texts.len());
        // Were a markdown option to make a tag or attribute the sanitizer
        // drops (task lists make `<input>`), the sanitizers would judge.
        let tag = |name: &str, attrs: &[(&str, &str)]| {
            let attrs = attrs.iter().map(|(a, v)| (a.to_string(), v.to_string()));
            vec![(name.to_string(), attrs.collect())]
        };
        assert!(!keeps_all(&tag("input", &[])));
        assert!(!keeps_all(&tag("td", &[("style", "text-align: left")])));
        assert!(keeps_all(&tag(
            "a",
            &[("href", "/tasks/8/"), ("title", "t")]
        )));
        assert!(removes("[x](javascript:alert(1))", true));
        assert!(removes("[x](ftp://files.example/a.zip)", true));
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
