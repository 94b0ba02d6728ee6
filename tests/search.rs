//! The search index and the real search script (`static/search.js`, run
//! under node by `tests/search/run.mjs`, as the browser runs it): a fixed
//! set of Chinese and English queries on the real portal and on the basic
//! fixture, each against what Pagefind found for it before our own index
//! replaced it (`tests/search/pagefind-baseline.json`). Every page Pagefind
//! found that holds the query as written must be found (Pagefind also
//! returned pages holding only parts of a Chinese query, 河 and 长 apart,
//! and numbers by prefix, 86 for 8: those are not required), and the
//! expected pages come first.

use crate::common::*;
use serde_json::Value;
use std::path::Path;

/// Every hit of each `LANG:QUERY` on the built `site`, by the real script.
fn search(site: &Path, queries: &[String]) -> Value {
    let o = std::process::Command::new("node")
        .arg(repo().join("tests/search/run.mjs"))
        .arg(site)
        .args(queries)
        .output()
        .expect("node runs the search script (install Node.js)");
    assert!(o.status.success(), "{}", text(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn hits(found: &Value, q: &str) -> Vec<String> {
    found[q]["hits"]
        .as_array()
        .unwrap_or_else(|| panic!("{q}: {found}"))
        .iter()
        .map(|h| h.as_str().unwrap().to_string())
        .collect()
}

/// The text of a built page's indexed part: tags out (inline ones joining
/// their words), words for screen readers only out.
fn page_text(site: &Path, url: &str) -> String {
    let html = read(site.join(url.trim_start_matches('/')).join("index.html"));
    let body = html.split("data-pagefind-body").nth(1).unwrap_or("");
    let body = body.split("</main>").next().unwrap();
    let mut out = String::new();
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let gt = rest[lt..].find('>').map_or(rest.len(), |g| lt + g + 1);
        let tag = &rest[lt..gt];
        if tag.contains("data-pagefind-ignore") {
            let end = rest[gt..]
                .find("</span>")
                .map_or(rest.len(), |e| gt + e + 7);
            rest = &rest[end..];
            continue;
        }
        let name: String = tag
            .trim_start_matches(['<', '/'])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if ![
            "a", "span", "abbr", "b", "code", "em", "i", "strong", "time", "small", "sup", "sub",
        ]
        .contains(&name.as_str())
        {
            out.push(' ');
        }
        rest = &rest[gt..];
    }
    out.push_str(rest);
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// Whether `text` holds `query` as written: each run of Chinese as it is,
/// each word as a word (or, from three letters, the start of one, plurals
/// aside).
fn holds(text: &str, query: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    query.split_whitespace().all(|part| {
        if part.chars().all(|c| c.is_ascii_alphanumeric()) {
            let w = part.to_lowercase();
            let w = w.strip_suffix('s').filter(|s| s.len() >= 3).unwrap_or(&w);
            words.iter().any(|t| {
                if w.len() >= 3 {
                    t.starts_with(w)
                } else {
                    *t == w
                }
            })
        } else {
            text.contains(part)
        }
    })
}

/// Build `content` into a fresh folder and compare every baseline query.
fn compare_with_pagefind(site: &Path, baseline: &Value) -> Value {
    let queries: Vec<String> = baseline.as_object().unwrap().keys().cloned().collect();
    let found = search(site, &queries);
    let mut missing = Vec::new();
    for (q, pagefind) in baseline.as_object().unwrap() {
        let ours = hits(&found, q);
        let query = q.split_once(':').unwrap().1;
        for url in pagefind
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u.as_str().unwrap())
        {
            if !ours.iter().any(|h| h == url) && holds(&page_text(site, url), query) {
                missing.push(format!("{q}: {url}"));
            }
        }
        // Pages holding the Chinese as written come before those that
        // have only its bigrams.
        if !query.contains(|c: char| c.is_ascii()) {
            let held: Vec<bool> = ours
                .iter()
                .map(|u| holds(&page_text(site, u), query))
                .collect();
            assert!(
                held.windows(2).all(|w| w[0] || !w[1]),
                "{q}: {ours:?} {held:?}"
            );
        }
    }
    assert!(
        missing.is_empty(),
        "found by Pagefind, not by us: {missing:#?}"
    );
    found
}

fn baseline(name: &str) -> Value {
    let all: Value =
        serde_json::from_str(&read(repo().join("tests/search/pagefind-baseline.json"))).unwrap();
    all[name].clone()
}

#[track_caller]
fn first(found: &Value, q: &str, n: usize, want: &[&str]) {
    let ours = hits(found, q);
    for w in want {
        assert!(
            ours.iter().take(n).any(|h| h == w),
            "{q}: {w} not in the first {n}: {ours:?}"
        );
    }
}

#[test]
fn the_portal_finds_every_page_pagefind_found_that_holds_the_query() {
    let root = tmpdir("portal");
    let out = root.join("public");
    let o = build(&repo().join("content"), &out, &[]);
    assert!(o.status.success(), "{}", text(&o));
    let found = compare_with_pagefind(&out, &baseline("portal"));
    // The river first, then the tasks and projects that name it.
    first(&found, "zh:濑溪河", 1, &["/rivers/laixi/"]);
    first(
        &found,
        "zh:濑溪河",
        54,
        &["/tasks/421/", "/projects/16/", "/key-tasks/2022/5/"],
    );
    first(
        &found,
        "zh:饮用水",
        32,
        &["/rivers/yutan-reservoir/", "/indicators/11/"],
    );
    first(
        &found,
        "zh:污水处理厂",
        6,
        &["/projects/4/", "/projects/5/"],
    );
    first(&found, "zh:河长", 1, &["/agencies/river-chief-office/"]);
    first(&found, "zh:任务 8", 2, &["/tasks/8/"]);
    first(&found, "zh:小水电", 1, &["/tasks/8/"]);
    first(&found, "en:Laixi River", 3, &["/en/rivers/laixi/"]);
    first(
        &found,
        "en:sewage",
        47,
        &["/en/projects/3/", "/en/tasks/116/"],
    );
    first(
        &found,
        "en:river chief",
        1,
        &["/en/agencies/river-chief-office/"],
    );
    // "Key task 8" of 2022 is as good a match as task 8.
    first(&found, "en:Task 8", 2, &["/en/tasks/8/"]);
    // One character finds every page that has it: at least Pagefind's 83.
    assert!(
        found["zh:河"]["total"].as_u64().unwrap() >= 83,
        "{}",
        found["zh:河"]
    );
    // A number is a whole word: task 8, not 86.
    assert!(
        hits(&found, "zh:8")
            .iter()
            .all(|u| holds(&page_text(&out, u), "8")),
        "{}",
        found["zh:8"]
    );
    // The excerpt marks the query.
    let excerpt = found["en:sewage"]["excerpts"][0].as_str().unwrap();
    assert!(excerpt.contains("<mark>sewage</mark>"), "{excerpt}");
}

#[test]
fn the_fixture_finds_every_page_pagefind_found_and_carries_the_stamp_of_its_pages() {
    let root = fixture("basic");
    let out = root.join("public");
    let o = build(&root.join("content"), &out, &[]);
    assert!(o.status.success(), "{}", text(&o));
    let found = compare_with_pagefind(&out, &baseline("basic"));
    first(&found, "zh:濑溪河", 2, &["/rivers/laixi/"]);
    first(&found, "zh:化龙溪", 1, &["/rivers/hualong-creek/"]);
    first(&found, "zh:任务 2", 1, &["/tasks/2/"]);
    first(
        &found,
        "en:Hualong Creek",
        1,
        &["/en/rivers/hualong-creek/"],
    );
    first(
        &found,
        "en:laixi",
        8,
        &["/en/tasks/2/", "/en/rivers/laixi/"],
    );
    // The index carries the stamp of its records; the pages the same one.
    let stamp = read(out.join("search/index/stamp.js"));
    let stamp = stamp.split('"').nth(3).unwrap();
    assert_eq!(stamp.len(), 16);
    assert!(read(out.join("search/index/zh/meta.js")).contains(&format!("\"stamp\":\"{stamp}\"")));
}

#[test]
fn a_rebuild_from_the_cached_records_gives_the_index_of_a_fresh_build() {
    let root = fixture("cached");
    let out = root.join("public");
    assert!(build(&root.join("content"), &out, &[]).status.success());
    assert!(root.join(".public.search").is_file());
    let tasks = root.join("content/plan/tasks.yaml");
    let plan = read(&tasks);
    std::fs::write(
        &tasks,
        plan.replace("严格水资源管理。", "严格水资源管理，建设污水处理厂。"),
    )
    .unwrap();
    assert!(build(&root.join("content"), &out, &[]).status.success());
    let fresh = root.join("fresh");
    assert!(build(&root.join("content"), &fresh, &[]).status.success());
    let index = |dir: &Path| {
        files(dir)
            .into_iter()
            .filter(|(p, _)| p.starts_with("search/index/"))
            .collect::<Vec<_>>()
    };
    assert!(index(&out) == index(&fresh), "the cached rebuild differs");
    let found = search(&out, &["zh:污水处理厂".to_string()]);
    // The task and the agency pages that list it.
    first(&found, "zh:污水处理厂", 1, &["/tasks/1/"]);
    assert!(hits(&found, "zh:污水处理厂").len() < 5, "{found}");
}
