//! The public face (#18) on a built fixture site: the source text as a page
//! with a line anchor per line, item pages linking to it at their line with
//! the document's metadata, the river schematic drawn from the registry's
//! relations, the home overview's charts, and the menu that works without
//! JavaScript. (Layout, contrast and sizes are checked in a browser:
//! `tests/browser/layout.test.js`.)

use crate::common::*;
use std::path::{Path, PathBuf};

fn site() -> &'static Path {
    static SITE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let root = fixture("face");
        let out = root.join("public");
        let o = build(&root.join("content"), &out, &[]);
        assert!(o.status.success(), "{}", text(&o));
        out
    })
}

#[test]
fn the_source_text_is_a_page_with_an_anchor_per_line_in_both_languages() {
    let seed = read(repo().join("tests/fixtures/seeds/test.txt"));
    let (n, line) = seed
        .lines()
        .enumerate()
        .find(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (i + 1, l.trim_end()))
        .unwrap();
    for page in ["source/index.html", "en/source/index.html"] {
        let html = read(site().join(page));
        let li = format!("<li id=L{n} value={n}>{line}");
        assert!(html.contains(&li), "{page} lacks {li}");
        assert!(html.contains("<ol class=source-text lang=zh-CN>"), "{page}");
        assert!(html.contains("test.txt"), "{page} offers the download");
        let lines = seed.lines().filter(|l| !l.trim().is_empty()).count();
        assert_eq!(
            html.matches("<li id=L").count(),
            lines,
            "{page}: one item per line with text"
        );
    }
    assert!(read(site().join("en/source/index.html")).contains("in the original Chinese"));
}

#[test]
fn a_task_page_links_to_its_line_of_the_source_with_the_documents_metadata() {
    let zh = read(site().join("tasks/1/index.html"));
    assert!(zh.contains("href=../../source/#L10>查看原文</a>"), "{zh}");
    assert!(!zh.contains("原文行号"), "no bare line number");
    let en = read(site().join("en/tasks/1/index.html"));
    assert!(
        en.contains("href=../../../en/source/#L10>See the original document</a>")
            || en.contains("href=../../source/#L10>See the original document</a>"),
        "{en}"
    );
    for page in [&zh, &en] {
        let block = page.split("class=provenance").nth(1).unwrap();
        assert!(block.contains("<time datetime="), "the document's dates");
    }
}

#[test]
fn indicator_project_and_key_task_pages_link_to_their_line_of_the_source() {
    for (page, line) in [
        ("indicators/1/index.html", "../../source/#L1"),
        ("projects/1/index.html", "../../source/#L40"),
        ("key-tasks/2022/1/index.html", "../../../source/#L50"),
    ] {
        let html = read(site().join(page));
        let link = format!("href={line}>查看原文</a>");
        assert!(html.contains(&link), "{page} lacks {link}");
        assert!(html.contains("class=provenance"), "{page}");
    }
}

#[test]
fn the_river_schematic_draws_the_registrys_relations_and_names_itself() {
    let laixi = read(site().join("rivers/laixi/index.html"));
    let svg = laixi
        .split("<figure class=schematic>")
        .nth(1)
        .expect("a schematic");
    assert!(svg.contains("role=img"));
    assert!(
        svg.contains("<title>水系示意图: 濑溪河 (干流): 监测断面 界牌; 化龙溪 (支流)</title>"),
        "{svg}"
    );
    assert!(
        svg.contains("它不是地图"),
        "the caption says it is not a map"
    );
    // The tributary's page draws the same system, marking itself.
    let creek = read(site().join("en/rivers/hualong-creek/index.html"));
    assert!(creek.contains("Hualong Creek (This page)"), "{creek}");
}

#[test]
fn the_home_page_shows_status_by_chapter_and_indicators_against_targets() {
    let home = read(site().join("index.html"));
    let charts = home.matches("<figure class=chart>").count();
    assert_eq!(charts, 2, "by chapter, and indicators");
    assert!(home.contains("class=rollups"), "the chapter chart");
    assert!(home.contains("class=indicators"), "the indicator chart");
    // Each pattern id used by a swatch is defined once on the page.
    for id in home
        .split("fill=url(#")
        .skip(1)
        .map(|r| r.split(')').next().unwrap())
    {
        assert_eq!(
            home.matches(&format!("id={id} ")).count(),
            1,
            "pattern {id}"
        );
    }
}

#[test]
fn the_navigation_is_a_details_menu_that_needs_no_script() {
    let page = read(site().join("tasks/1/index.html"));
    let menu = page
        .split("<details class=menu>")
        .nth(1)
        .expect("a details menu");
    let menu = menu.split("</details>").next().unwrap();
    assert!(menu.starts_with("<summary>菜单</summary>"), "{menu}");
    assert!(menu.contains("<nav aria-label=主导航>"));
}
