//! Stage 4: page views → finished files in memory (Tera templates, relative
//! links, minified HTML), plus the theme's static files and the internal link
//! check. Rendering runs in parallel; the output order is fixed by path, so
//! two builds of the same input are byte-identical.

pub mod data;
pub mod markdown;
pub mod search;
pub mod theme;

use crate::diagnostics::Diagnostic;
use crate::views::PageView;
use rayon::prelude::*;
use std::collections::BTreeSet;

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
    for (i, _) in html.match_indices("=\"/") {
        let before = &html[..i];
        if !(before.ends_with("href") || before.ends_with("src") || before.ends_with("action")) {
            continue;
        }
        let value = &html[i + 3..];
        if value.starts_with('/') {
            continue; // protocol-relative: not ours
        }
        out.push_str(&html[copied..i + 2]);
        if prefix.is_empty() && (value.starts_with('"') || value.starts_with('#')) {
            out.push_str("./");
        } else {
            out.push_str(prefix);
        }
        copied = i + 3;
        if to_files {
            // The value runs to the closing quote; the path part to a '#' or '?'.
            let end = value.find('"').unwrap_or(value.len());
            let path_end = value[..end].find(['#', '?']).unwrap_or(end);
            let path = &value[..path_end];
            if path.is_empty() || path.ends_with('/') {
                out.push_str(path);
                out.push_str("index.html");
                copied = i + 3 + path_end;
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

/// Render every page. Errors name the template and the page.
pub fn render_pages(
    theme: &theme::Theme,
    pages: &[PageView],
    base_path: &str,
    to_files: bool,
) -> Result<Vec<OutFile>, Vec<Diagnostic>> {
    let results: Vec<Result<OutFile, Diagnostic>> = pages
        .par_iter()
        .map(|p| {
            let html = theme.render(p.template, &p.ctx).map_err(|msg| {
                Diagnostic::file(
                    theme.template_path(p.template),
                    format!("{msg} (while rendering page /{})", p.path),
                )
            })?;
            let html = relativize_with(
                &html,
                &link_prefix(&p.path, p.served_anywhere && !to_files, base_path),
                to_files,
            );
            Ok(OutFile {
                path: file_for(&p.path),
                bytes: if p.path.ends_with(".xml") {
                    html.into_bytes()
                } else {
                    minify(&html)
                },
            })
        })
        .collect();
    let mut files = Vec::with_capacity(results.len());
    let mut errs = Vec::new();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(e) => errs.push(e),
        }
    }
    if errs.is_empty() {
        Ok(files)
    } else {
        Err(errs)
    }
}

/// `sitemap.xml` (every page with its language alternates, when the base
/// URL is absolute, as sitemaps require) and `robots.txt`.
pub fn crawler_files(files: &[OutFile], base_url: &str) -> Vec<OutFile> {
    let absolute = base_url.starts_with("http://") || base_url.starts_with("https://");
    let mut robots = String::from("User-agent: *\nAllow: /\n");
    let mut out = Vec::new();
    if absolute {
        let present: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
        let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
        for f in files {
            let Some(dir) = f.path.strip_suffix("index.html") else {
                continue;
            };
            if dir.starts_with("en/") || dir.starts_with("pagefind/") {
                continue;
            }
            let en = format!("en/{dir}");
            let zh_url = format!("{base_url}{dir}");
            let en_url = format!("{base_url}{en}");
            for url in std::iter::once(&zh_url).chain(
                present
                    .contains(format!("{en}index.html").as_str())
                    .then_some(&en_url),
            ) {
                xml.push_str(&format!("<url><loc>{url}</loc><xhtml:link rel=\"alternate\" hreflang=\"zh-CN\" href=\"{zh_url}\"/>"));
                if present.contains(format!("{en}index.html").as_str()) {
                    xml.push_str(&format!(
                        "<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"{en_url}\"/>"
                    ));
                }
                xml.push_str("</url>\n");
            }
        }
        xml.push_str("</urlset>\n");
        out.push(OutFile {
            path: "sitemap.xml".into(),
            bytes: xml.into_bytes(),
        });
        robots.push_str(&format!("Sitemap: {base_url}sitemap.xml\n"));
    }
    out.push(OutFile {
        path: "robots.txt".into(),
        bytes: robots.into_bytes(),
    });
    out
}

/// Every `href`/`src` of every HTML file must resolve to a file of the site.
/// Links that start with `base_path` (pages served at any depth) resolve
/// from the site root.
/// In a snapshot (`snapshot`), links up from the snapshot's folder to the
/// live site (the banner's) are expected and not checked.
pub fn check_links(files: &[OutFile], base_path: &str, snapshot: bool) -> Vec<Diagnostic> {
    let present: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut out = Vec::new();
    for f in files.iter().filter(|f| f.path.ends_with(".html")) {
        let html = String::from_utf8_lossy(&f.bytes);
        let page_dir = match f.path.rfind('/') {
            Some(i) => &f.path[..=i],
            None => "",
        };
        for link in links(&html) {
            let (dir, link) = match link.strip_prefix(base_path) {
                Some(rest) if link.starts_with('/') => ("", rest.to_string()),
                _ => (page_dir, link),
            };
            if link.starts_with("http:")
                || link.starts_with("https:")
                || link.starts_with("mailto:")
                || link.starts_with("data:")
                || link.starts_with('#')
            {
                continue;
            }
            let target = link.split(['#', '?']).next().unwrap_or("");
            let Some(resolved) = resolve(dir, target) else {
                if snapshot {
                    continue;
                }
                out.push(Diagnostic::file(
                    &f.path,
                    format!("link `{link}` leaves the site"),
                ));
                continue;
            };
            let file = if resolved.is_empty() || resolved.ends_with('/') {
                format!("{resolved}index.html")
            } else {
                resolved.clone()
            };
            if !present.contains(file.as_str()) {
                out.push(Diagnostic::file(
                    &f.path,
                    format!("broken internal link `{link}` (no file {file})"),
                ));
            }
        }
    }
    out
}

/// Values of href="…" and src="…" (minified HTML may drop the quotes).
pub fn links(html: &str) -> Vec<String> {
    let mut v = Vec::new();
    for attr in ["href=", "src="] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            let before = rest[..i].chars().last();
            rest = &rest[i + attr.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '-') {
                continue; // e.g. data-href=
            }
            let (val, tail) = if let Some(r) = rest.strip_prefix('"') {
                let e = r.find('"').unwrap_or(r.len());
                (&r[..e], &r[e..])
            } else if let Some(r) = rest.strip_prefix('\'') {
                let e = r.find('\'').unwrap_or(r.len());
                (&r[..e], &r[e..])
            } else {
                let e = rest.find([' ', '>']).unwrap_or(rest.len());
                (&rest[..e], &rest[e..])
            };
            v.push(val.replace("&amp;", "&"));
            rest = tail;
        }
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
    fn finds_quoted_and_bare_links() {
        assert_eq!(
            links(r#"<a href=../x/ class=y><img src="a.png"><p data-href="no">"#),
            ["../x/", "a.png"]
        );
    }
}
