//! Integration tests: run the real binary on fixture sites and on the real
//! Dazu content, then inspect the pages it wrote (or the errors it printed).

use crate::common::*;
use std::path::{Path, PathBuf};

/// The real portal, built once per test binary run.
pub(crate) fn real_site() -> &'static Path {
    static SITE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let out = tmpdir("real").join("public");
        let o = build(&repo().join("content"), &out, &[]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        out
    })
}

#[test]
fn real_portal_agency_page_is_its_responsibility_list() {
    let page = read(real_site().join("agencies/water/index.html"));
    assert!(page.contains("<h1>区水利局</h1>"), "h1 names the agency");
    // Task 1 is led by 区水利局 in the source document.
    let led = page
        .split("<h3>牵头的任务")
        .nth(1)
        .unwrap()
        .split("<h3>")
        .next()
        .unwrap();
    assert!(led.contains("href=../../tasks/1/>1</a>"), "{led}");
    let en = read(real_site().join("en/agencies/water/index.html"));
    assert!(en.contains("<h1>Dazu District Water Resources Bureau</h1>"));
}

#[test]
fn real_portal_river_page_lists_tasks_that_name_it() {
    let page = read(real_site().join("rivers/laixi/index.html"));
    assert!(page.contains("<h1>濑溪河</h1>"));
    // Task 16 names 濑溪河; task 1 does not.
    assert!(page.contains("href=../../tasks/16/>16</a>"));
    assert!(!page.contains("href=../../tasks/1/>1</a>"));
    // Its monitoring sections, with the target class honestly shown as lost.
    assert!(page.contains("关圣新堤") && page.contains("原文缺失"));
    // Tributaries the document names.
    assert!(page.contains("化龙溪"));
}

#[test]
fn real_portal_has_every_permalink_in_both_languages() {
    let site = real_site();
    let mut paths = vec![
        "".to_string(),
        "plan/".into(),
        "tasks/".into(),
        "indicators/".into(),
        "projects/".into(),
        "key-tasks/2022/".into(),
        "agencies/".into(),
        "rivers/".into(),
        "errata/".into(),
    ];
    paths.extend((1..=446).map(|n| format!("tasks/{n}/")));
    paths.extend((1..=19).map(|n| format!("indicators/{n}/")));
    paths.extend((1..=31).map(|n| format!("projects/{n}/")));
    paths.extend((1..=66).map(|n| format!("key-tasks/2022/{n}/")));
    paths.extend((1..=7).map(|n| format!("plan/{n}/")));
    for p in paths {
        let zh = read(site.join(&p).join("index.html"));
        let en = read(site.join("en").join(&p).join("index.html"));
        assert!(zh.starts_with("<!doctype html><html lang=zh-CN>"), "{p}");
        assert!(en.starts_with("<!doctype html><html lang=en>"), "{p}");
        // Each links to its twin (hreflang) and the language switch lands on it.
        let up = "../".repeat(p.matches('/').count());
        let up_en = "../".repeat(p.matches('/').count() + 1);
        let twin = if p.is_empty() {
            "en/".to_string()
        } else {
            format!("{up}en/{p}")
        };
        assert!(
            zh.contains(&format!("<a class=lang href={twin} hreflang=en")),
            "{p}"
        );
        let back = if up_en.is_empty() {
            "./".to_string()
        } else {
            format!("{up_en}{p}")
        };
        assert!(
            en.contains(&format!("<a class=lang href={back} hreflang=zh-CN")),
            "{p}"
        );
        assert!(
            zh.contains("hreflang=en rel=alternate") && en.contains("hreflang=zh-CN rel=alternate"),
            "{p}"
        );
        assert!(zh.contains("<h1>") && zh.contains("rel=canonical"), "{p}");
    }
}

#[test]
fn real_portal_shows_totals_errata_and_honest_status() {
    let site = real_site();
    let projects = read(site.join("projects/index.html"));
    assert!(projects.contains("56.99"));
    let p10 = read(site.join("projects/10/index.html"));
    assert!(
        p10.contains("200□/日") && p10.contains("据原文更正"),
        "erratum applied and shown"
    );
    // A stray fragment the document gives no place for is kept, and says so.
    let p9 = read(site.join("en/projects/9/index.html"));
    assert!(
        p9.contains("Kept as in the source text: «1367.76平方米。2020—2021»"),
        "{p9}"
    );
    let k66 = read(site.join("en/key-tasks/2022/66/index.html"));
    assert!(k66.contains("Lost in the source text"));
    let t8 = read(site.join("en/tasks/8/index.html"));
    assert!(t8.contains("No progress reported yet"));
    assert!(
        !t8.contains("translation pending"),
        "the real content is fully translated"
    );
}

/// Issue #17: English pages print amounts as amounts and year ranges with
/// an en dash, also where the code writes them (tables, agency lists).
#[test]
fn real_portal_english_amounts_and_year_ranges() {
    let site = real_site();
    let projects = read(site.join("en/projects/index.html"));
    assert!(
        projects.contains("Total estimated investment: CNY 5.699 billion"),
        "{projects}"
    );
    assert!(
        projects.contains("<td class=num>CNY 200 million</td><td class=date>2021–2025</td>"),
        "{projects}"
    );
    let agency = read(site.join("en/agencies/planning/index.html"));
    assert!(agency.contains("(CNY 60 million, 2021–2025)"), "{agency}");
    let p25 = read(site.join("en/projects/25/index.html"));
    assert!(p25.contains("CNY 25 million"), "{p25}");
    // The Chinese pages keep 亿元 and their own dash.
    let zh = read(site.join("agencies/planning/index.html"));
    assert!(zh.contains("(0.6 亿元, 2021—2025)"), "{zh}");
    for page in [&projects, &agency, &p25] {
        // The history section quotes earlier wordings as they were.
        let page = page.split("aria-labelledby=history-h").next().unwrap();
        assert!(!page.contains("100 million yuan") && !page.contains(" yuan"));
    }
}

/// Where a page shows the registry name for the document's alias, it says so.
#[test]
fn real_portal_notes_the_documents_own_agency_wording() {
    let site = real_site();
    let k = read(site.join("key-tasks/2022/22/index.html"));
    assert!(k.contains("原文写作«<span lang=zh-CN>区应急局</span>»；本页显示登记名称<a href=../../../agencies/emergency/>区应急管理局</a>。"), "{k}");
    let en = read(site.join("en/key-tasks/2022/22/index.html"));
    assert!(en.contains("The source text writes «<span lang=zh-CN>区应急局</span>»; this page shows the registry's name, <a href=../../../../en/agencies/emergency/>Dazu District Emergency Management Bureau</a>."), "{en}");
    // A page whose cells use only registry names has no such note.
    assert!(!read(site.join("tasks/1/index.html")).contains("原文写作"));
}

#[test]
fn check_passes_on_the_real_content() {
    let o = bin()
        .arg("check")
        .arg("--content")
        .arg(repo().join("content"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("every internal link resolves"));
}

#[test]
fn fixture_builds_under_a_sub_path_with_relative_links() {
    let root = fixture("subpath");
    let out = root.join("public");
    let o = build(
        &root.join("content"),
        &out,
        &["--base-url", "https://example.gov.cn/zt/ghjh/"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let t2 = read(out.join("tasks/2/index.html"));
    assert!(
        t2.contains("<link href=https://example.gov.cn/zt/ghjh/tasks/2/ rel=canonical>"),
        "{t2}"
    );
    assert!(
        t2.contains(
            "<link href=https://example.gov.cn/zt/ghjh/en/tasks/2/ hreflang=en rel=alternate>"
        ),
        "{t2}"
    );
    assert!(
        t2.contains("href=../../rivers/laixi/"),
        "links are relative"
    );
    assert!(!t2.contains("href=/"), "no root-absolute link");
    // The 404 page is served at any depth, so it links from the base path.
    let nf = read(out.join("404.html"));
    assert!(nf.contains("href=/zt/ghjh/static/style.css"), "{nf}");
}

#[test]
fn untranslated_text_is_marked_pending_not_dropped() {
    let root = fixture("pending");
    let out = root.join("public");
    assert!(build(&root.join("content"), &out, &[]).status.success());
    let en = read(out.join("en/tasks/3/index.html"));
    assert!(en.contains("<span lang=zh-CN>建设化龙溪生态护岸。</span> <span class=pending>(translation pending)</span>"), "{en}");
}

#[test]
fn markdown_notes_and_pages_render() {
    let root = fixture("md");
    let out = root.join("public");
    assert!(build(&root.join("content"), &out, &[]).status.success());
    let page = read(out.join("tasks/2/index.html"));
    assert!(
        page.contains("<section class=note><h3 id=说明>说明</h3><p>濑溪河是大足区的母亲河。"),
        "{page}"
    );
    let about = read(out.join("en/pages/about/index.html"));
    assert!(
        about.contains("<h1>About this site</h1>") && about.contains("href=../../../en/tasks/1/")
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let root = fixture("determinism");
    let (a, b) = (root.join("a"), root.join("b"));
    assert!(build(&root.join("content"), &a, &[]).status.success());
    assert!(build(&root.join("content"), &b, &[]).status.success());
    let (fa, fb) = (files(&a), files(&b));
    assert_eq!(
        fa.iter().map(|f| &f.0).collect::<Vec<_>>(),
        fb.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for ((name, x), (_, y)) in fa.iter().zip(&fb) {
        assert!(x == y, "{name}");
    }
}

/// Break the fixture with `edit`, build over a previous good output, and
/// return stderr; asserts exit 1 and that the previous output is untouched.
fn broken(name: &str, edit: impl FnOnce(&Path)) -> String {
    let root = fixture(name);
    let out = root.join("public");
    assert!(build(&root.join("content"), &out, &[]).status.success());
    let before = read(out.join("tasks/1/index.html"));
    edit(&root.join("content"));
    let o = build(&root.join("content"), &out, &[]);
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(
        read(out.join("tasks/1/index.html")),
        before,
        "previous output changed"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary folder left behind");
    err
}

fn replace(file: &Path, from: &str, to: &str) {
    let s = read(file);
    assert!(s.contains(from), "{from}");
    std::fs::write(file, s.replacen(from, to, 1)).unwrap();
}

#[test]
fn error_unknown_agency_and_river_with_did_you_mean() {
    let err = broken("e-ref", |c| {
        replace(
            &c.join("plan/tasks.yaml"),
            "  lead: [eco-env]",
            "  lead: [eco-evn]",
        );
        replace(
            &c.join("plan/tasks.yaml"),
            "  rivers: [laixi]",
            "  rivers: [laixii]",
        );
    });
    assert!(err.contains("plan/tasks.yaml:12:10: error: unknown agency `eco-evn`\n   |\n12 |   lead: [eco-evn]\n   |          ^^^^^^^\n   = help: did you mean `eco-env`?"), "{err}");
    assert!(
        err.contains(
            "plan/tasks.yaml:14:12: error: unknown river `laixii`\n   |\n14 |   rivers: [laixii]\n   |            ^^^^^^\n   = help: did you mean `laixi`?"
        ),
        "{err}"
    );
    assert!(err.contains("2 errors"), "all errors are listed: {err}");
}

fn http_get(port: u16, path: &str) -> Option<String> {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").ok()?;
    let mut buf = String::new();
    s.read_to_string(&mut buf).ok()?;
    Some(buf)
}

#[test]
fn serve_rebuilds_on_change_and_bumps_the_reload_id() {
    let root = fixture("serve");
    let port = 20000 + (std::process::id() % 20000) as u16;
    let mut child = bin()
        .arg("serve")
        .arg("--content")
        .arg(root.join("content"))
        .arg("--out")
        .arg(root.join("public"))
        .arg("--port")
        .arg(port.to_string())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let wait = |pred: &dyn Fn() -> bool| {
        for _ in 0..100 {
            if pred() {
                return true;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        false
    };
    let id = || {
        http_get(port, "/__gongkai/build-id")
            .map(|r| r.rsplit("\r\n\r\n").next().unwrap_or("").to_string())
    };
    assert!(wait(&|| id().is_some()), "server did not start");
    let first = id().unwrap();
    // Serving and rebuilding read the content: that alone must not rebuild.
    std::thread::sleep(std::time::Duration::from_secs(2));
    assert_eq!(id().unwrap(), first, "rebuilt without any change");
    let page = http_get(port, "/tasks/1/").unwrap();
    assert!(page.contains("严格水资源管理"), "{page}");
    assert!(
        page.contains("<script src=/__gongkai/livereload.js></script></body>"),
        "{page}"
    );
    assert!(http_get(port, "/__gongkai/livereload.js")
        .unwrap()
        .contains("location.reload()"));
    assert!(
        !read(root.join("public/tasks/1/index.html")).contains("livereload"),
        "the built files stay clean"
    );
    replace(
        &root.join("content/plan/tasks.yaml"),
        "严格水资源管理",
        "最严格水资源管理",
    );
    let changed = wait(&|| id().is_some_and(|i| i != first));
    let page = http_get(port, "/tasks/1/").unwrap_or_default();
    let missing = http_get(port, "/no/such/page/").unwrap_or_default();
    child.kill().unwrap();
    let _ = child.wait();
    assert!(changed, "no rebuild after the change");
    assert!(page.contains("最严格水资源管理"));
    assert!(
        missing.starts_with("HTTP/1.0 404") || missing.starts_with("HTTP/1.1 404"),
        "{missing}"
    );
}

#[test]
fn every_chinese_page_has_an_english_twin_that_links_back() {
    let site = real_site();
    let mut pages = 0;
    for p in walk(site) {
        let rel = p.strip_prefix(site).unwrap().to_string_lossy().to_string();
        if !rel.ends_with(".html") || rel.starts_with("en/") || rel == "404.html" {
            continue;
        }
        pages += 1;
        let en = read(site.join("en").join(&rel));
        let dir = rel.trim_end_matches("index.html");
        let up = "../".repeat(dir.matches('/').count() + 1);
        let back = if dir.is_empty() && up == "../" {
            "../".to_string()
        } else {
            format!("{up}{dir}")
        };
        assert!(
            en.contains(&format!("<a class=lang href={back} hreflang=zh-CN")),
            "{rel}"
        );
    }
    assert!(pages > 640, "{pages}");
}

#[test]
fn source_date_epoch_sets_the_build_date() {
    let root = fixture("epoch");
    let out = root.join("public");
    let o = bin()
        .args(["build", "--content"])
        .arg(root.join("content"))
        .arg("--out")
        .arg(&out)
        .env("SOURCE_DATE_EPOCH", "1675123200")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert!(read(out.join("index.html")).contains("<time datetime=2023-01-31>"));
}

#[test]
fn error_linked_folder_outside_the_content() {
    let outside = tmpdir("outside-notes");
    std::fs::write(outside.join("1.md"), "secret").unwrap();
    let err = broken("e-symlink", |c| {
        std::os::unix::fs::symlink(&outside, c.join("notes/agencies")).unwrap();
    });
    assert!(
        err.contains("notes/agencies/1.md: error: symbolic link points outside the content folder"),
        "{err}"
    );
}

#[test]
fn glossary_page_and_first_use_links_in_both_languages() {
    let root = fixture("glossary");
    let out = root.join("public");
    assert!(build(&root.join("content"), &out, &[]).status.success());
    let zh = read(out.join("glossary/index.html"));
    assert!(zh.contains("<dt id=ecological-restoration>生态修复 <span class=muted lang=en>ecological restoration</span>"), "{zh}");
    assert!(read(out.join("en/glossary/index.html"))
        .contains("Restoring and rebuilding damaged ecosystems."));
    let t2 = read(out.join("tasks/2/index.html"));
    assert!(t2.contains("加强濑溪河流域<a class=term href=../../glossary/#ecological-restoration>生态修复</a>。"), "{t2}");
    let en = read(out.join("en/tasks/2/index.html"));
    assert!(en.contains("<a class=term href=../../../en/glossary/#ecological-restoration>Restore the ecology</a>"), "{en}");
}

/// Every href/src of the built real portal resolves to a file on disk
/// (checked here independently of the in-process check of `gongkai check`).
#[test]
fn every_link_of_the_built_portal_resolves_on_disk() {
    let site = real_site();
    let mut checked = 0;
    for page in walk(site)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
    {
        let html = read(&page);
        for attr in [" href=", " src="] {
            for part in html.split(attr).skip(1) {
                let value: String = match part.strip_prefix('"') {
                    Some(q) => q.split('"').next().unwrap_or("").to_string(),
                    None => part.split([' ', '>']).next().unwrap_or("").to_string(),
                };
                if value.starts_with("http")
                    || value.starts_with('#')
                    || value.starts_with("mailto:")
                {
                    continue;
                }
                let path = value.split(['#', '?']).next().unwrap();
                let target = if let Some(abs) = path.strip_prefix('/') {
                    site.join(abs)
                } else {
                    page.parent().unwrap().join(path)
                };
                let file = if path.ends_with('/') || target.is_dir() {
                    target.join("index.html")
                } else {
                    target
                };
                assert!(file.is_file(), "{}: broken link {value}", page.display());
                checked += 1;
            }
        }
    }
    assert!(checked > 40_000, "{checked}");
}

#[test]
fn open_data_downloads_parse_and_hold_every_task() {
    use calamine::Reader;
    let site = real_site();
    let csv = std::fs::read(site.join("data/tasks.csv")).unwrap();
    assert!(
        csv.starts_with(b"\xEF\xBB\xBFnumber,chapter,"),
        "UTF-8 with BOM"
    );
    let text = String::from_utf8(csv[3..].to_vec()).unwrap();
    let numbers: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(numbers.len(), 446);
    assert_eq!(numbers.last(), Some(&"446"));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.join("en/data/plan.json")).unwrap()).unwrap();
    assert_eq!(json["tasks"].as_array().unwrap().len(), 446);
    assert_eq!(json["projects"].as_array().unwrap().len(), 31);
    assert_eq!(
        json["tasks"][0]["lead"],
        "Dazu District Water Resources Bureau"
    );
    let mut book = calamine::open_workbook_auto(site.join("data/plan.xlsx")).unwrap();
    assert_eq!(
        book.sheet_names()[..4],
        ["任务清单", "指标清单", "项目清单", "年度重点任务"]
    );
    assert_eq!(
        book.worksheet_range("任务清单").unwrap().rows().count(),
        447
    );
    let package: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.join("data/datapackage.json")).unwrap())
            .unwrap();
    for r in package["resources"].as_array().unwrap() {
        assert!(site
            .join("data")
            .join(r["path"].as_str().unwrap())
            .is_file());
    }
    let water = read(site.join("data/agencies/water-tasks.csv"));
    assert!(
        water.lines().nth(1).unwrap().starts_with("1,1,"),
        "区水利局's responsibility list starts with task 1"
    );
    let page = read(site.join("agencies/water/index.html"));
    assert!(page.contains("href=../../data/agencies/water-tasks.csv"));
}

#[test]
fn government_site_furniture_sitemap_robots_and_csp() {
    let root = fixture("furniture");
    let cfg = root.join("content/config.yaml");
    let mut text = read(&cfg);
    text.push_str("footer:\n  sponsor: {zh: 大足区生态环境局, en: District Ecology and Environment Bureau}\n  site_code: \"5001110001\"\n  icp: 渝ICP备00000000号\n");
    std::fs::write(&cfg, text).unwrap();
    let out = root.join("public");
    let o = build(&root.join("content"), &out, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let task = read(out.join("tasks/2/index.html"));
    for tag in [
        "<meta content=测试规划公开 name=SiteName>",
        "<meta content=example.gov.cn name=SiteDomain>",
        "<meta content=5001110001 name=SiteIDCode>",
        "<meta content=\"任务 2\" name=ArticleTitle>",
        "<meta content=2022-08-05 name=PubDate>",
        "http-equiv=Content-Security-Policy",
        "property=og:title",
    ] {
        assert!(task.contains(tag), "{tag}");
    }
    let list = read(out.join("tasks/index.html"));
    assert!(
        list.contains("name=ColumnName")
            && list.contains("name=ColumnType")
            && !list.contains("name=ArticleTitle")
    );
    let footer = task.split("<footer").nth(1).unwrap();
    assert!(
        footer.contains("大足区生态环境局")
            && footer.contains("网站标识码: 5001110001")
            && footer.contains("ICP备案号: 渝ICP备00000000号")
    );
    assert!(read(out.join("en/tasks/2/index.html")).contains("Website ID: 5001110001"));
    let sitemap = read(out.join("sitemap.xml"));
    let pages = walk(&out)
        .into_iter()
        .filter(|p| p.ends_with("index.html"))
        .count();
    assert_eq!(sitemap.matches("<url>").count(), pages, "every page");
    assert!(sitemap.contains("<url><loc>https://example.gov.cn/ghjh/tasks/2/</loc><xhtml:link rel=\"alternate\" hreflang=\"zh-CN\" href=\"https://example.gov.cn/ghjh/tasks/2/\"/><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.gov.cn/ghjh/en/tasks/2/\"/></url>"));
    assert!(
        read(out.join("robots.txt")).contains("Sitemap: https://example.gov.cn/ghjh/sitemap.xml")
    );
    assert!(read(out.join("en/404.html")).contains("<h1>Page not found</h1>"));
}

#[test]
fn the_scale_generator_writes_a_valid_plan_and_features_switch_off() {
    let root = tmpdir("scale");
    let o = bin()
        .args(["scale", "100", "--out"])
        .arg(&root)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = root.join("public");
    let o = bin()
        .args([
            "build",
            "--timings",
            "--no-search",
            "--no-feeds",
            "--no-data",
            "--content",
        ])
        .arg(root.join("content"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(
        [
            "timings: load ",
            "derive ",
            "render ",
            "minify ",
            "search index ",
            "write "
        ]
        .iter()
        .all(|s| err.contains(s)),
        "{err}"
    );
    assert!(
        out.join("tasks/100/index.html").is_file() && out.join("en/tasks/100/index.html").is_file()
    );
    assert!(
        !out.join("search").exists()
            && !out.join("feed.xml").exists()
            && !out.join("data").exists()
    );
    assert!(!read(out.join("index.html")).contains("feed.xml"));
}

#[test]
fn a_build_cleans_up_what_an_interrupted_build_left_behind() {
    let root = fixture("leftovers");
    let stale = root.join(".public.tmp-999999");
    std::fs::create_dir_all(stale.join("tasks")).unwrap();
    std::fs::write(stale.join("tasks/x.html"), "half a site").unwrap();
    assert!(build(&root.join("content"), &root.join("public"), &[])
        .status
        .success());
    assert!(!stale.exists());
}

#[test]
fn rebuilds_write_only_what_changed_and_equal_a_fresh_build() {
    let root = fixture("incremental");
    let (content, out) = (root.join("content"), root.join("public"));
    let built = |out: &Path| {
        let o = build(&content, out, &[]);
        let err = String::from_utf8_lossy(&o.stderr).to_string();
        assert!(o.status.success(), "{err}");
        err
    };
    built(&out);
    let page = out.join("tasks/1/index.html");
    let first = std::fs::metadata(&page).unwrap().modified().unwrap();
    built(&out);
    // The third build reuses the first build's tree: nothing to write, and
    // unchanged files keep their dates.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let err = built(&out);
    assert!(err.contains("(0 written, "), "{err}");
    assert!(!err.contains(", 0 unchanged"), "{err}");
    assert_eq!(std::fs::metadata(&page).unwrap().modified().unwrap(), first);
    assert!(root.join(".public.staging/tasks/1/index.html").is_file());

    // Remove a page and change a task: after each of the next two builds
    // (one into each tree) the output equals a build into an empty folder.
    std::fs::remove_file(content.join("pages/about.md")).unwrap();
    std::fs::remove_file(content.join("pages/about.en.md")).unwrap();
    let tasks = content.join("plan/tasks.yaml");
    let text = read(&tasks);
    assert!(text.contains("严格水资源管理。"));
    std::fs::write(
        &tasks,
        text.replacen("严格水资源管理。", "严格管理水资源。", 1),
    )
    .unwrap();
    for round in 0..2 {
        let err = built(&out);
        let fresh = root.join(format!("fresh{round}"));
        built(&fresh);
        assert!(files(&out) == files(&fresh), "round {round}: {err}");
        assert!(!out.join("pages/about/index.html").exists());
        assert!(read(out.join("tasks/1/index.html")).contains("严格管理水资源"));
    }
}
