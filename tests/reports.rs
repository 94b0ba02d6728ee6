//! Yearly reports: the fixture (data date 2023-01-15) has reports for
//! 2021 to 2023 whose numbers are the fixture's own, in both languages,
//! linked from the home page and archived by `snapshot`.

use crate::common::*;
use std::path::Path;

/// A page's text without its tags, with the text of each SVG left out
/// (its `<title>`s repeat the table beside it).
fn page_text(path: impl AsRef<Path>) -> String {
    let html = read(path);
    let mut out = String::new();
    let (mut in_tag, mut in_svg) = (false, 0);
    let mut rest = html.as_str();
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("<svg") {
            in_svg += 1;
        } else if rest.starts_with("</svg") {
            in_svg -= 1;
        }
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag && in_svg == 0 => out.push(c),
            _ => {}
        }
        rest = &rest[c.len_utf8()..];
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The SVG charts of a page: (aria-label, bar widths).
fn charts(path: impl AsRef<Path>) -> Vec<(String, Vec<String>)> {
    let html = read(path);
    html.split("<svg")
        .skip(1)
        .map(|svg| svg.split("</svg>").next().unwrap())
        // The status swatches beside the tables are decoration, not charts.
        .filter(|svg| !svg.contains("aria-hidden"))
        .map(|svg| {
            assert!(
                svg.contains("role=img") || svg.contains("role=\"img\""),
                "{svg}"
            );
            let label = svg
                .split("aria-label=")
                .nth(1)
                .map(|s| {
                    s.trim_start_matches('"')
                        .split(['"', '>'])
                        .next()
                        .unwrap()
                        .to_string()
                })
                .unwrap_or_default();
            let widths = svg
                .split("width=")
                .skip(1)
                .map(|w| {
                    w.trim_start_matches('"')
                        .split(['"', ' ', '>'])
                        .next()
                        .unwrap()
                        .to_string()
                })
                .collect();
            (label, widths)
        })
        .collect()
}

#[test]
fn the_2022_report_counts_what_the_fixture_reports() {
    let root = fixture("reports");
    let out = root.join("public");
    let o = build(&root.join("content"), &out, &[]);
    assert!(o.status.success(), "{}", text(&o));
    for year in [2021, 2022, 2023] {
        assert!(out.join(format!("reports/{year}/index.html")).is_file());
        assert!(out.join(format!("en/reports/{year}/index.html")).is_file());
    }
    assert!(!out.join("reports/2020").exists() && !out.join("reports/2024").exists());

    let zh = page_text(out.join("reports/2022/index.html"));
    assert!(zh.contains("本报告数据截至 2022-12-31"), "{zh}");
    // Chapter 1 (tasks 1, 2): one completed, one delayed; chapter 2 (task 3): not assessed.
    // Columns: not assessed, not started, in progress, delayed, completed, ongoing, overdue, total.
    assert!(zh.contains("治水 0 0 0 1 1 0 0 2"), "{zh}");
    assert!(zh.contains("保障措施 1 0 0 0 0 0 0 1"), "{zh}");
    // By lead agency: water leads tasks 1 and 3, eco-env task 2.
    assert!(zh.contains("区水利局 1 0 0 0 1 0 0 2"), "{zh}");
    assert!(zh.contains("区生态环境局 0 0 0 1 0 0 0 1"), "{zh}");
    assert!(zh.contains("1项指标中有1项报告了2022年数值。"), "{zh}");
    assert!(zh.contains("100 2022年大足区生态环境状况公报"), "{zh}");
    assert!(zh.contains("不低于目标值"), "{zh}");
    assert!(zh.contains("2022-06-30 推进中 40%"), "{zh}");
    assert!(
        zh.contains("按时公开 1 逾期公开 1 缺失（未见公开记录） 0 尚未到期 1"),
        "{zh}"
    );
    assert!(
        zh.contains("2022-11 2022-12-15 逾期公开 2022-12-20"),
        "{zh}"
    );
    assert!(zh.contains("本年度没有新增逾期事项。"), "{zh}");

    let en = page_text(out.join("en/reports/2022/index.html"));
    assert!(en.contains("Report for 2022"), "{en}");
    assert!(
        en.contains("1 of 1 indicators have a value reported for 2022."),
        "{en}"
    );
    assert!(
        en.contains("District Water Resources Bureau 1 0 0 0 1 0 0 2"),
        "{en}"
    );
    assert!(
        en.contains("Nothing became overdue during this year."),
        "{en}"
    );

    // The same charts in both languages, apart from their words.
    let (zc, ec) = (
        charts(out.join("reports/2022/index.html")),
        charts(out.join("en/reports/2022/index.html")),
    );
    assert_eq!(zc.len(), ec.len());
    assert!(zc.len() >= 7, "{zc:?}");
    for ((zl, zw), (el, ew)) in zc.iter().zip(&ec) {
        assert_eq!(zw, ew, "{zl} / {el}");
        assert!(!zl.is_empty() && !el.is_empty());
    }
    assert!(zc.iter().any(|(l, _)| l.contains("已完成: 1")), "{zc:?}");

    // 2021: nothing reported yet, said plainly; a value of 2021 is shown.
    let y2021 = page_text(out.join("reports/2021/index.html"));
    assert!(y2021.contains("治水 2 0 0 0 0 0 0 2"), "{y2021}");
    assert!(y2021.contains("94.5"), "{y2021}");
    assert!(
        y2021.contains("本年度没有列入本站的重点任务清单。"),
        "{y2021}"
    );
    let en2021 = page_text(out.join("en/reports/2021/index.html"));
    assert!(
        en2021.contains("No publication period falls in this year."),
        "{en2021}"
    );

    // 2023, as of the data date: key task 2022/1 was due 2022-12-31 and
    // never reported complete, so it became overdue on 2023-01-01.
    let y2023 = page_text(out.join("reports/2023/index.html"));
    assert!(
        y2023.contains("本报告数据截至 2023-01-15 (本年度尚未结束)"),
        "{y2023}"
    );
    assert!(
        y2023.contains("2022 重点任务 1 2022-12-31 推进中 40% 已逾期"),
        "{y2023}"
    );
    assert!(
        y2023.contains("1项指标中有0项报告了2023年数值。"),
        "{y2023}"
    );
    assert!(y2023.contains("尚无报告"), "{y2023}");

    let index = page_text(out.join("reports/index.html"));
    assert!(index.contains("2022 2022-12-31 1 1 3"), "{index}");
    assert!(read(out.join("index.html")).contains("reports/"));
    let print = read(out.join("static/print.css"));
    assert!(print.contains("@page { size: A4;"));
    assert!(read(out.join("reports/2022/index.html")).contains("print.css"));
}

#[test]
fn a_snapshot_archives_the_reports_up_to_its_year() {
    let root = fixture("reports-snapshot");
    let o = bin()
        .args(["snapshot", "2022", "--content"])
        .arg(root.join("content"))
        .env("GONGKAI_COMMIT", "0123456789ab")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let a = root.join("archive/2022");
    assert!(a.join("reports/2022/index.html").is_file());
    assert!(a.join("en/reports/2021/index.html").is_file());
    assert!(!a.join("reports/2023").exists());
    let manifest = read(a.join("MANIFEST.sha256"));
    assert!(manifest.contains("reports/2022/index.html"));
    let zh = page_text(a.join("reports/2022/index.html"));
    assert!(zh.contains("治水 0 0 0 1 1 0 0 2"), "{zh}");
}
