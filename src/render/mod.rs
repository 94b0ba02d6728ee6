//! Stage 4: page views → finished files in memory (Tera templates, relative
//! links, minified HTML), plus the theme's static files and the internal link
//! check. Rendering runs in parallel; the output order is fixed by path, so
//! two builds of the same input are byte-identical.

pub mod data;
pub mod mime;
pub mod search;
pub mod sitemap;
pub mod theme;

use crate::diagnostics::Diagnostic;
use crate::views::PageView;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Mutex;

/// One output file.
pub struct OutFile {
    /// Relative to the output folder, e.g. `en/tasks/8/index.html`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The file a page path is written to.
pub fn file_for(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// What site-absolute links of a page are rewritten to: `../` per level of
/// the page's depth, or, for a page served at any depth (the 404 page), the
/// site's base path.
pub fn link_prefix(page_path: &str, served_anywhere: bool, base_path: &str) -> String {
    if served_anywhere {
        base_path.to_string()
    } else {
        "../".repeat(page_path.matches('/').count())
    }
}

/// Rewrite site-absolute link values (`href="/x/"`, `src`, `action`) to start
/// with `prefix`, so the site works under any URL prefix and from a folder.
/// One pass over the page.
pub fn relativize(html: &str, prefix: &str) -> String {
    relativize_with(html, prefix, false)
}

/// As `relativize`; with `to_files`, links to folders end in `index.html`
/// too, so a copy of the site browses from a disk (file://) as well.
pub fn relativize_with(html: &str, prefix: &str, to_files: bool) -> String {
    let mut out = String::with_capacity(html.len() + 1024);
    let mut copied = 0;
    let open = "=\"/";
    for (i, _) in html.match_indices(open) {
        let before = &html[..i];
        if !(before.ends_with("href") || before.ends_with("src") || before.ends_with("action")) {
            continue;
        }
        let value = &html[i + open.len()..];
        if value.starts_with('/') {
            continue; // protocol-relative: not ours
        }
        out.push_str(&html[copied..i + open.len() - 1]);
        if prefix.is_empty() && (value.starts_with(['"', '#'])) {
            out.push_str("./");
        } else {
            out.push_str(prefix);
        }
        copied = i + open.len();
        if to_files {
            // The value runs to the closing quote; the path part to a '#' or '?'.
            let end = value.find('"').unwrap_or(value.len());
            let path_end = value[..end].find(['#', '?']).unwrap_or(end);
            let path = &value[..path_end];
            if path.is_empty() || path.ends_with('/') {
                out.push_str(path);
                out.push_str("index.html");
                copied = i + open.len() + path_end;
            }
        }
    }
    out.push_str(&html[copied..]);
    out
}

pub fn minify(html: &str) -> Vec<u8> {
    let mut cfg = minify_html::Cfg::new();
    cfg.minify_css = true;
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    minify_html::minify(html.as_bytes(), &cfg)
}

/// Render one page's template, with links rewritten for its place.
/// An error names the template and the page.
pub fn render_html(
    theme: &theme::Theme,
    p: &PageView,
    base_path: &str,
    to_files: bool,
) -> Result<String, Diagnostic> {
    let prefix = link_prefix(&p.path, p.served_anywhere && !to_files, base_path);
    let feed_ctx;
    let ctx = if p.path.ends_with(".xml") {
        // A feed's links in the HTML it carries are made relative before
        // the template escapes that HTML, as a page's are after rendering,
        // on a JSON copy of its context (the site's feed holds every
        // update; a copy was made here before the context was Tera's too).
        let mut ctx = serde_json::to_value(&p.ctx).unwrap_or_default();
        relativize_strings(&mut ctx, &prefix, to_files);
        feed_ctx = tera::Value::from_serializable(&ctx);
        &feed_ctx
    } else {
        &p.ctx
    };
    let html = theme.render(p.template, ctx, p.lang).map_err(|msg| {
        Diagnostic::file(
            theme.template_path(p.template),
            format!("{msg} (while rendering page /{})", p.path),
        )
    })?;
    Ok(relativize_with(&html, &prefix, to_files))
}

/// Every string of `ctx` relativized: the HTML a feed's entries carry
/// (`<content type="html">`), which the template escapes and feed readers
/// resolve against the feed's address like the feed's own links.
fn relativize_strings(ctx: &mut serde_json::Value, prefix: &str, to_files: bool) {
    match ctx {
        serde_json::Value::String(s) if s.contains("=\"/") => {
            *s = relativize_with(s, prefix, to_files);
        }
        serde_json::Value::Array(values) => {
            for v in values {
                relativize_strings(v, prefix, to_files);
            }
        }
        serde_json::Value::Object(fields) => {
            for v in fields.values_mut() {
                relativize_strings(v, prefix, to_files);
            }
        }
        _ => {}
    }
}

/// The page's bytes: its HTML minified (feeds are left as they are).
pub fn finish(p: &PageView, html: &str) -> Vec<u8> {
    if p.path.ends_with(".xml") {
        html.as_bytes().to_vec()
    } else {
        minify(html)
    }
}

/// What a page's file is made from, as a hash: its HTML before minifying,
/// and this version of gongkai (whose minifying may differ from another's).
pub fn source_hash(html: &str) -> u128 {
    let seed = xxhash_rust::xxh3::xxh3_64(env!("CARGO_PKG_VERSION").as_bytes());
    xxhash_rust::xxh3::xxh3_128_with_seed(html.as_bytes(), seed).max(1)
}

/// The internal link check, fed file by file while the site is written:
/// every `href`/`src` of every HTML page must resolve to a file of the site.
/// Links that start with `base_path` (pages served at any depth) resolve
/// from the site root. In a snapshot, links up from the snapshot's folder to
/// the live site (the banner's) are expected and not checked.
///
/// It keeps the site's file names and each distinct link target once (with
/// the first page, by path, that links to it), not the pages.
pub struct LinkCheck {
    base_path: String,
    snapshot: bool,
    state: Mutex<LinkState>,
}

/// Keyed by the site's own paths, hashed with foldhash (as `write`'s
/// records are): a no-op rebuild puts every file's path in `present`.
#[derive(Default)]
struct LinkState {
    present: foldhash::HashSet<String>,
    /// Target file → (first page linking to it, the link as written, how many pages).
    wanted: foldhash::HashMap<String, (String, String, usize)>,
    leaving: Vec<Diagnostic>,
}

impl LinkCheck {
    pub fn new(base_path: &str, snapshot: bool) -> LinkCheck {
        LinkCheck {
            base_path: base_path.to_string(),
            snapshot,
            state: Mutex::default(),
        }
    }

    /// Room for about `files` files (the previous build's count): the set of
    /// files present is sized once, not grown by doubling.
    pub fn expect(&mut self, files: usize) {
        let state = self.state.get_mut().unwrap_or_else(|e| e.into_inner());
        state.present.reserve(files);
    }

    /// A file of the site; an HTML page's links are checked too.
    pub fn file(&self, path: &str, bytes: &[u8]) {
        // Each distinct link once, with how many times the page has it:
        // resolved outside the lock, merged under it.
        let html = String::from_utf8_lossy(if path.ends_with(".html") { bytes } else { &[] });
        let mut counts: HashMap<Cow<str>, usize> = HashMap::new();
        for link in links(&html) {
            *counts.entry(link).or_insert(0) += 1;
        }
        let page_dir = match path.rfind('/') {
            Some(i) => &path[..=i],
            None => "",
        };
        let mut wanted: Vec<(String, Cow<str>, usize)> = Vec::with_capacity(counts.len());
        let mut leaving = Vec::new();
        for (link, count) in counts {
            let (dir, rel) = match link.strip_prefix(self.base_path.as_str()) {
                Some(rest) if link.starts_with('/') => ("", rest),
                _ => (page_dir, &*link),
            };
            if rel.starts_with("http:")
                || rel.starts_with("https:")
                || rel.starts_with("mailto:")
                || rel.starts_with("data:")
                || rel.starts_with('#')
            {
                continue;
            }
            let target = rel.split(['#', '?']).next().unwrap_or("");
            match resolve(dir, target) {
                Some(resolved) => {
                    let file = if resolved.is_empty() || resolved.ends_with('/') {
                        format!("{resolved}index.html")
                    } else {
                        resolved
                    };
                    // The link as the diagnostic quotes it: without the base path.
                    let shown = if rel.len() == link.len() {
                        link
                    } else {
                        Cow::Owned(rel.to_string())
                    };
                    wanted.push((file, shown, count));
                }
                None if self.snapshot => {}
                None => leaving.extend(
                    (0..count)
                        .map(|_| Diagnostic::file(path, format!("link `{rel}` leaves the site"))),
                ),
            }
        }
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.present.insert(path.to_string());
        state.leaving.append(&mut leaving);
        for (file, link, count) in wanted {
            match state.wanted.get_mut(&file) {
                Some((first, first_link, n)) => {
                    *n += count;
                    if (path, &*link) < (first.as_str(), first_link.as_str()) {
                        *first = path.to_string();
                        *first_link = link.into_owned();
                    }
                }
                None => {
                    state
                        .wanted
                        .insert(file, (path.to_string(), link.into_owned(), count));
                }
            }
        }
    }

    /// Every link that leaves the site or names no file of it, in page order.
    pub fn finish(self) -> Vec<Diagnostic> {
        let state = self.state.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut broken: Vec<(&String, &String, &str, usize)> = state
            .wanted
            .iter()
            .filter(|(file, _)| !state.present.contains(*file))
            .map(|(file, (page, link, n))| (page, link, file.as_str(), *n))
            .collect();
        broken.sort();
        let mut out = state.leaving;
        out.sort_by_key(|d| d.to_string());
        out.extend(broken.into_iter().map(|(page, link, file, n)| {
            let others = match n {
                1 => String::new(),
                2 => "; one other page links there too".to_string(),
                n => format!("; {} other pages link there too", n - 1),
            };
            Diagnostic::file(
                page,
                format!("broken internal link `{link}` (no file {file}){others}"),
            )
        }));
        out
    }
}

/// Values of href="…" and src="…" in the order they appear (minified HTML
/// may drop the quotes), `&amp;` decoded. One pass: each '=' is found by a
/// byte search and the attribute name checked before it; a value is skipped
/// whole, so a `src=` inside an href's query is not taken for a link.
pub fn links(html: &str) -> Vec<Cow<'_, str>> {
    let mut v = Vec::new();
    let mut from = 0;
    while let Some(off) = html[from..].find('=') {
        let eq = from + off;
        from = eq + 1;
        let before = &html[..eq];
        let name = if before.ends_with("href") {
            4
        } else if before.ends_with("src") {
            3
        } else {
            continue;
        };
        if before[..eq - name]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '-')
        {
            continue; // e.g. data-href=
        }
        let rest = &html[eq + 1..];
        let (val, consumed) = if let Some(r) = rest.strip_prefix('"') {
            let e = r.find('"').unwrap_or(r.len());
            (&r[..e], 1 + e)
        } else if let Some(r) = rest.strip_prefix('\'') {
            let e = r.find('\'').unwrap_or(r.len());
            (&r[..e], 1 + e)
        } else {
            let e = rest.find([' ', '>']).unwrap_or(rest.len());
            (&rest[..e], e)
        };
        v.push(if val.contains("&amp;") {
            Cow::Owned(val.replace("&amp;", "&"))
        } else {
            Cow::Borrowed(val)
        });
        from = eq + 1 + consumed;
    }
    v
}

/// Join a relative link to a directory, refusing to climb above the root.
fn resolve(dir: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let trailing = link.ends_with('/') || link.is_empty() || link == "." || link.ends_with("/.");
    for seg in link.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut s = parts.join("/");
    if trailing && !s.is_empty() {
        s.push('/');
    }
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(html: &str, page: &str, anywhere: bool, base: &str) -> String {
        relativize(html, &link_prefix(page, anywhere, base))
    }

    #[test]
    fn links_become_relative() {
        assert_eq!(
            rel(r#"<a href="/tasks/8/">"#, "en/tasks/9/", false, "/"),
            r#"<a href="../../../tasks/8/">"#
        );
        assert_eq!(rel(r#"<a href="/">"#, "", false, "/"), r#"<a href="./">"#);
        assert_eq!(
            rel(r#"<a href="/tasks/">"#, "", false, "/"),
            r#"<a href="tasks/">"#
        );
        assert_eq!(
            rel(r#"<a href="//x.org/">"#, "a/", false, "/"),
            r#"<a href="//x.org/">"#
        );
        assert_eq!(
            rel(r#"<a href="/tasks/">"#, "404.html", true, "/ghjh/"),
            r#"<a href="/ghjh/tasks/">"#
        );
        assert_eq!(
            rel(r#"<p data-x="/a/">"#, "a/", false, "/"),
            r#"<p data-x="/a/">"#
        );
        assert_eq!(
            rel(r#"<a href="/#top">"#, "", false, "/"),
            r#"<a href="./#top">"#
        );
    }

    /// A feed at `path` of one entry whose HTML body is `body`, rendered
    /// with the embedded theme.
    fn feed(path: &str, body: &str, to_files: bool) -> String {
        let (raw, problems) = crate::load::theme::load(None);
        assert!(problems.is_empty(), "the embedded theme reads");
        let Ok(theme) = theme::Theme::new(raw) else {
            panic!("the embedded theme loads")
        };
        let entry = serde_json::json!({
            "title": "Task 8", "entry_id": "tag:x", "date": "2022-01-01",
            "link": "/tasks/8/", "reporter_name": "water", "body": body,
        });
        let page = PageView {
            path: path.to_string(),
            template: "feed.xml",
            ctx: tera::Value::from_serializable(&serde_json::json!({
                "lang": "en", "url": format!("/{path}"), "site_title": "Plan",
                "page": {
                    "feed_title": "Updates", "feed_id": "tag:y", "updated": "2022-01-01",
                    "html_url": "/updates/", "entries": [entry],
                },
            })),
            lang: crate::model::Lang::En,
            served_anywhere: false,
        };
        match render_html(&theme, &page, "/ghjh/", to_files) {
            Ok(xml) => xml,
            Err(d) => panic!("{d}"),
        }
    }

    #[test]
    fn links_inside_a_feeds_escaped_html_become_relative_too() {
        let body = r#"<img src="/files/a.png"><a href="/tasks/8/#x">8</a><a href="//x.org/">x</a>"#;
        let xml = feed("updates/feed.xml", body, false);
        assert!(
            xml.contains(r#"<link rel="self" href="../updates/feed.xml"/>"#),
            "{xml}"
        );
        assert!(
            xml.contains("<content type=\"html\">&lt;img src=&quot;../files/a.png&quot;&gt;&lt;a href=&quot;../tasks/8/#x&quot;&gt;8&lt;/a&gt;&lt;a href=&quot;//x.org/&quot;&gt;x&lt;/a&gt;</content>"),
            "{xml}"
        );
        // A copy browsed from a disk links folders' index.html, in the body too.
        let xml = feed("en/rivers/laixi/feed.xml", body, true);
        assert!(
            xml.contains("&lt;a href=&quot;../../../tasks/8/index.html#x&quot;&gt;"),
            "{xml}"
        );
        assert!(
            xml.contains("src=&quot;../../../files/a.png&quot;"),
            "{xml}"
        );
    }

    #[test]
    fn resolves_relative_links() {
        assert_eq!(
            resolve("en/tasks/8/", "../../../tasks/8/").as_deref(),
            Some("tasks/8/")
        );
        assert_eq!(resolve("", "./").as_deref(), Some(""));
        assert_eq!(resolve("a/", "../../x"), None);
    }

    #[test]
    fn a_link_value_is_read_whole() {
        // The `src=` in the query is part of the href, not a link of its own.
        assert_eq!(
            links(r#"<a href="/a/?src=x&amp;y=1">a</a><img src=b.png>"#),
            ["/a/?src=x&y=1", "b.png"]
        );
    }

    #[test]
    fn broken_links_are_counted_by_occurrence_and_named_by_first_page() {
        let check = LinkCheck::new("/", false);
        check.file(
            "b/index.html",
            br#"<a href="../gone/">x</a><a href="../gone/">y</a>"#,
        );
        check.file(
            "a/index.html",
            br#"<a href="../gone/">x</a><a href="../b/">b</a>"#,
        );
        check.file("c/index.html", b"<a href=../../up/>up</a>");
        let found: Vec<String> = check.finish().iter().map(|d| d.to_string()).collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].contains("c/index.html") && found[0].contains("`../../up/` leaves the site"),
            "{found:?}"
        );
        assert!(
            found[1].starts_with("a/index.html")
                && found[1].contains("broken internal link `../gone/` (no file gone/index.html); 2 other pages link there too"),
            "{found:?}"
        );
    }

    #[test]
    fn finds_quoted_and_bare_links() {
        assert_eq!(
            links(r#"<a href=../x/ class=y><img src="a.png"><p data-href="no">"#),
            ["../x/", "a.png"]
        );
    }
}
