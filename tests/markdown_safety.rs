//! Staff text cannot make the portal load anything from elsewhere, on the
//! pages and in everything made from the same text: the Atom feeds, the
//! search index's input and the open data. A link to another site stays a
//! link, marked as leaving the portal.

use crate::common::*;
use std::path::Path;

const EXTERNAL: &str = "https://www.mee.gov.cn/";

/// The basic fixture with an update (and its English twin) that links to
/// another site and shows an image of the site.
fn fixture_with_links(name: &str) -> std::path::PathBuf {
    let root = fixture(name);
    let content = root.join("content");
    std::fs::write(content.join("files/intake.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    let append = |file: &str, text: &str| {
        let p = content.join(file);
        let s = read(&p);
        std::fs::write(&p, format!("{s}\n{text}\n")).unwrap();
    };
    append(
        "updates/2022/2022-06-30-water-resources.md",
        &format!("见[生态环境部]({EXTERNAL})。\n\n![取水口](/files/intake.png)"),
    );
    append(
        "updates/2022/2022-06-30-water-resources.en.md",
        &format!("See [the Ministry]({EXTERNAL}).\n\n![Intake](/files/intake.png)"),
    );
    root
}

/// Undo the XML/HTML escaping of a feed's `<content type="html">`.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Every `src=`/`srcset=`/`poster=` value in `html` (quoted or bare).
fn embedded(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["src=", "srcset=", "poster="] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let value = match rest.chars().next() {
                Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
                _ => rest.split([' ', '>']).next().unwrap_or(""),
            };
            out.push(value.to_string());
        }
    }
    out
}

/// Whether an embedded address would load from somewhere else than the site.
fn loads_from_elsewhere(v: &str) -> bool {
    let v = v.trim().to_ascii_lowercase();
    v.contains("://") || v.starts_with("//") || v.starts_with("\\\\") || v.starts_with("data:")
}

fn files_named(out: &Path, pick: impl Fn(&str) -> bool) -> Vec<(String, String)> {
    files(out)
        .into_iter()
        .filter(|(p, _)| pick(p))
        .map(|(p, b)| (p, String::from_utf8_lossy(&b).into_owned()))
        .collect()
}

#[test]
fn feeds_search_input_and_open_data_load_nothing_from_elsewhere() {
    let root = fixture_with_links("md-safe");
    let out = root.join("public");
    let o = build(&root.join("content"), &out, &[]);
    assert!(o.status.success(), "{}", text(&o));

    // Feeds: the update's HTML, with the external link marked and the
    // image of the site, nothing embedded from elsewhere.
    let feeds = files_named(&out, |p| p.ends_with("feed.xml"));
    assert!(feeds.len() >= 4, "{}", feeds.len());
    let main = unescape(&read(out.join("feed.xml")));
    assert!(
        main.contains(&format!(
            "<a href=\"{EXTERNAL}\" class=\"external\" rel=\"external noopener noreferrer\">生态环境部<span class=\"visually-hidden\" data-pagefind-ignore>（外部链接）</span></a>"
        )),
        "{main}"
    );
    let en = unescape(&read(out.join("en/feed.xml")));
    assert!(en.contains("the Ministry<span class=\"visually-hidden\" data-pagefind-ignore> (external link)</span></a>"), "{en}");
    let mut images = 0;
    for (path, xml) in &feeds {
        let html = unescape(xml);
        for v in embedded(&html) {
            assert!(!loads_from_elsewhere(&v), "{path}: embeds {v}");
            images += usize::from(v.ends_with("files/intake.png"));
        }
    }
    assert!(
        images >= 2,
        "the image of the site is in the feeds ({images})"
    );

    // The search index's input: the pages Pagefind indexes.
    let indexed = files_named(&out, |p| p.ends_with(".html"));
    let indexed: Vec<_> = indexed
        .iter()
        .filter(|(p, h)| gongkai::render::search::indexable(p, h.as_bytes()))
        .collect();
    let task = indexed
        .iter()
        .find(|(p, _)| p == "tasks/1/index.html")
        .expect("task 1 is indexed");
    assert!(
        task.1.contains("class=external href=https://www.mee.gov.cn/>生态环境部<span class=visually-hidden data-pagefind-ignore>"),
        "{}",
        task.1
    );
    assert!(task.1.contains("src=../../files/intake.png"), "{}", task.1);
    for (path, html) in &indexed {
        for v in embedded(html) {
            assert!(!loads_from_elsewhere(&v), "{path}: embeds {v}");
        }
    }

    // Open data: the validated markdown itself, link included, no HTML.
    let data = files_named(&out, |p| {
        p.contains("data/") && (p.ends_with(".csv") || p.ends_with(".json"))
    });
    let with_update: Vec<_> = data.iter().filter(|(_, t)| t.contains(EXTERNAL)).collect();
    assert!(
        with_update.len() >= 2,
        "the update's text is in the open data"
    );
    for (path, t) in &data {
        assert!(!t.contains("<img"), "{path}");
        assert!(!t.contains("data:image"), "{path}");
        for v in embedded(t) {
            assert!(!loads_from_elsewhere(&v), "{path}: embeds {v}");
        }
        assert!(!t.contains("![取水口](http"), "{path}");
    }
}

#[test]
fn an_external_image_stops_the_build_and_reaches_no_output() {
    let root = fixture_with_links("md-refused");
    let out = root.join("public");
    assert!(build(&root.join("content"), &out, &[]).status.success());
    let before = files(&out);
    let p = root.join("content/updates/2022/2022-06-30-water-resources.md");
    let s = read(&p).replace("/files/intake.png", "https://cdn.example.com/intake.png");
    std::fs::write(&p, s).unwrap();
    for cmd in ["check", "build"] {
        let mut c = bin();
        c.arg(cmd).arg("--content").arg(root.join("content"));
        if cmd == "build" {
            c.arg("--out").arg(&out);
        }
        let o = c.output().unwrap();
        let t = text(&o);
        assert_eq!(o.status.code(), Some(1), "{cmd}: {t}");
        assert!(
            t.contains("content/updates/2022/2022-06-30-water-resources.md:25:8: error: image `https://cdn.example.com/intake.png` is loaded from outside the site\n   |\n25 | ![取水口](https://cdn.example.com/intake.png)\n   |           ^^^^^\n   = help: put the file under content/files/ and link it as /files/intake.png"),
            "{cmd}: {t}"
        );
    }
    assert!(files(&out) == before, "the previous output is untouched");
    for (path, bytes) in files(&out) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("cdn.example.com"),
            "{path}"
        );
    }
}

#[test]
fn links_inside_the_site_are_not_marked() {
    let root = fixture("md-internal");
    let out = root.join("public");
    assert!(build(
        &root.join("content"),
        &out,
        &["--base-url", "https://example.gov.cn/ghjh/"]
    )
    .status
    .success());
    // The fixture's page links to /en/tasks/1/; its note to another site.
    let about = read(out.join("en/pages/about/index.html"));
    assert!(
        about.contains("<a href=../../../en/tasks/1/>task 1</a>"),
        "{about}"
    );
    assert!(!about.contains("class=external"), "{about}");
    let task = read(out.join("tasks/2/index.html"));
    assert!(
        task.contains("class=external href=https://www.example.gov.cn/>大足区人民政府<span class=visually-hidden data-pagefind-ignore>（外部链接）</span></a>"),
        "{task}"
    );
    let css = read(out.join("static/style.css"));
    assert!(
        css.contains("a.external:after") || css.contains("a.external::after"),
        "{css}"
    );
}
