//! The files for crawlers, made from the list of the site's pages:
//! `sitemap.xml` (each Chinese page with its English alternate, when the site
//! has an absolute address) and `robots.txt`, which names the sitemap.
//! Archived pages (`archive/YEAR/…`) are listed as pages of the site, each
//! with its twin in the same archive.

use super::OutFile;
use std::collections::BTreeSet;

/// `sitemap.xml` (every page of `pages` in path order, with its language
/// alternates, when the base URL is absolute, as sitemaps require) and
/// `robots.txt`. `pages` are the paths of the site's pages, in any order.
pub fn files(pages: &[String], base_url: &str) -> Vec<OutFile> {
    let absolute = base_url.starts_with("http://") || base_url.starts_with("https://");
    let mut robots = String::from("User-agent: *\nAllow: /\n");
    let mut out = Vec::new();
    if absolute {
        let present: BTreeSet<&str> = pages.iter().map(String::as_str).collect();
        let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
        for path in &present {
            let Some(dir) = path.strip_suffix("index.html") else {
                continue;
            };
            // An archived page (`archive/YEAR/…`) has its twin inside the
            // same archive (`archive/YEAR/en/…`), not under the live `en/`.
            let (root, rest) = archived(dir);
            if rest.starts_with("en/") {
                continue;
            }
            let en = format!("{root}en/{rest}");
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

/// `dir` split into its archive folder (`archive/2022/`, or nothing for a
/// live page) and the page's path within it.
fn archived(dir: &str) -> (&str, &str) {
    let year_end = "archive/".len() + 5;
    let is_archive = dir.len() >= year_end
        && dir.starts_with("archive/")
        && dir["archive/".len()..year_end - 1]
            .bytes()
            .all(|b| b.is_ascii_digit())
        && dir.as_bytes()[year_end - 1] == b'/';
    if is_archive {
        dir.split_at(year_end)
    } else {
        ("", dir)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(files: &[OutFile], path: &str) -> String {
        let f = files.iter().find(|f| f.path == path).unwrap();
        String::from_utf8(f.bytes.clone()).unwrap()
    }

    #[test]
    fn pages_with_their_english_alternates() {
        let pages: Vec<String> = [
            "404.html",
            "en/index.html",
            "en/tasks/1/index.html",
            "index.html",
            "tasks/1/index.html",
            "tasks/2/index.html",
        ]
        .map(String::from)
        .into();
        let files = files(&pages, "https://x.gov.cn/ghjh/");
        let xml = text(&files, "sitemap.xml");
        assert_eq!(xml.matches("<url>").count(), 5, "{xml}");
        assert!(xml.contains("<url><loc>https://x.gov.cn/ghjh/tasks/2/</loc><xhtml:link rel=\"alternate\" hreflang=\"zh-CN\" href=\"https://x.gov.cn/ghjh/tasks/2/\"/></url>"), "{xml}");
        assert!(xml.contains("<url><loc>https://x.gov.cn/ghjh/en/tasks/1/</loc><xhtml:link rel=\"alternate\" hreflang=\"zh-CN\" href=\"https://x.gov.cn/ghjh/tasks/1/\"/><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://x.gov.cn/ghjh/en/tasks/1/\"/></url>"), "{xml}");
        assert_eq!(
            text(&files, "robots.txt"),
            "User-agent: *\nAllow: /\nSitemap: https://x.gov.cn/ghjh/sitemap.xml\n"
        );
    }

    #[test]
    fn a_site_without_an_address_has_no_sitemap() {
        let files = files(&["index.html".to_string()], "/");
        assert_eq!(
            files.iter().map(|f| f.path.as_str()).collect::<Vec<_>>(),
            ["robots.txt"]
        );
        assert_eq!(text(&files, "robots.txt"), "User-agent: *\nAllow: /\n");
    }

    #[test]
    fn archived_english_pages_are_the_english_alternates_of_their_archive() {
        let pages: Vec<String> = [
            "archive/2022/en/tasks/1/index.html",
            "archive/2022/index.html",
            "archive/2022/tasks/1/index.html",
            "archive/index.html",
            "en/archive/index.html",
        ]
        .map(String::from)
        .into();
        let xml = text(&files(&pages, "https://x.gov.cn/"), "sitemap.xml");
        assert!(
            xml.contains("<url><loc>https://x.gov.cn/archive/2022/en/tasks/1/</loc><xhtml:link rel=\"alternate\" hreflang=\"zh-CN\" href=\"https://x.gov.cn/archive/2022/tasks/1/\"/><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://x.gov.cn/archive/2022/en/tasks/1/\"/></url>"),
            "{xml}"
        );
        assert!(
            !xml.contains("hreflang=\"zh-CN\" href=\"https://x.gov.cn/archive/2022/en/"),
            "an English archived page is never listed as Chinese: {xml}"
        );
        // Five URLs: archive/2022/ (no English twin), its task 1 in both
        // languages, and the live archive index in both.
        assert_eq!(xml.matches("<url>").count(), 5, "{xml}");
    }
}
