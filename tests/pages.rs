//! What the portal says about itself and what a reader can do with it
//! (#16): commentary pages and their facts, the plan's disclosure duties,
//! the "report a problem" link, key-task lists of later years, and the end
//! of the plan period. Each test builds an edited copy of the basic fixture
//! and reads the pages.

use crate::common::*;
use std::path::{Path, PathBuf};

/// Build `root/content` into `root/public`; the build must succeed.
fn built(root: &Path) -> PathBuf {
    let out = root.join("public");
    let o = build(&root.join("content"), &out, &[]);
    assert!(o.status.success(), "{}", text(&o));
    out
}

/// The `<main>` of a page.
fn main_of(out: &Path, page: &str) -> String {
    let html = read(out.join(page));
    let start = html.find("<main").unwrap_or(0);
    let end = html.find("</main>").unwrap_or(html.len());
    html[start..end].to_string()
}

/// The `<footer>` of a page.
fn footer_of(out: &Path, page: &str) -> String {
    let html = read(out.join(page));
    html[html.find("<footer").expect("a footer")..].to_string()
}

fn append(path: &Path, text: &str) {
    let mut s = read(path);
    s.push_str(text);
    std::fs::write(path, s).unwrap();
}

const FEEDBACK: &str = "feedback_url: \"mailto:jiucuo@example.gov.cn?subject={title}&body={id}%20{url}\"\n\
footer:\n  sponsor: {zh: 测试区人民政府办公室, en: Test District Office}\n  contact: {zh: 联系邮箱 jiucuo@example.gov.cn, en: Mail jiucuo@example.gov.cn}\n\
data_licence: {zh: 测试许可, en: Test licence}\n";

#[test]
fn every_item_page_links_a_report_carrying_its_identity_when_configured() {
    let root = fixture("feedback");
    append(&root.join("content/config.yaml"), FEEDBACK);
    let out = built(&root);
    let base = "https%3A%2F%2Fexample.gov.cn%2Fghjh%2F";
    let items = [
        (
            "tasks/1/index.html",
            "%E4%BB%BB%E5%8A%A1%201",
            "task%2F1",
            "tasks%2F1%2F",
        ),
        (
            "key-tasks/2022/1/index.html",
            "2022%20",
            "key-task%2F2022%2F1",
            "key-tasks%2F2022%2F1%2F",
        ),
        (
            "projects/1/index.html",
            "",
            "project%2F1",
            "projects%2F1%2F",
        ),
        (
            "indicators/1/index.html",
            "",
            "indicator%2F1",
            "indicators%2F1%2F",
        ),
        (
            "agencies/water/index.html",
            "",
            "agency%2Fwater",
            "agencies%2Fwater%2F",
        ),
        (
            "rivers/laixi/index.html",
            "",
            "river%2Flaixi",
            "rivers%2Flaixi%2F",
        ),
        (
            "en/tasks/1/index.html",
            "Task%201",
            "task%2F1",
            "en%2Ftasks%2F1%2F",
        ),
    ];
    for (page, title, id, path) in items {
        let main = main_of(&out, page);
        let subject = format!("subject={title}");
        let body = format!("body={id}%20{base}{path}");
        assert!(
            main.contains("mailto:jiucuo@example.gov.cn?"),
            "{page}: {main}"
        );
        assert!(main.contains(&subject), "{page}: no {subject}");
        assert!(main.contains(&body), "{page}: no {body}");
    }
    assert!(main_of(&out, "tasks/1/index.html").contains("我要纠错"));
    assert!(main_of(&out, "en/rivers/laixi/index.html").contains("Report a problem with this item"));
    for list in [
        "tasks/index.html",
        "index.html",
        "key-tasks/2022/index.html",
        "agencies/index.html",
    ] {
        assert!(
            !read(out.join(list)).contains("jiucuo@example.gov.cn?"),
            "{list} links a report"
        );
    }
    // The footer names the publisher and the contact, labelled.
    let footer = footer_of(&out, "tasks/1/index.html");
    assert!(
        footer.contains("主办单位: 测试区人民政府办公室"),
        "{footer}"
    );
    assert!(
        footer.contains("联系方式: 联系邮箱 jiucuo@example.gov.cn"),
        "{footer}"
    );
    let footer = footer_of(&out, "en/index.html");
    assert!(
        footer.contains("Publisher: Test District Office"),
        "{footer}"
    );
    // The commentary page states the configured licence.
    assert!(main_of(&out, "pages/about/index.html").contains("测试许可"));

    // Without the setting: no link anywhere, and no licence claimed.
    let plain = built(&fixture("feedback-none"));
    for page in [
        "tasks/1/index.html",
        "rivers/laixi/index.html",
        "en/tasks/1/index.html",
    ] {
        let main = main_of(&plain, page);
        assert!(
            !main.contains("mailto:") && !main.contains("我要纠错"),
            "{page}"
        );
        assert!(!main.contains("Report a problem"), "{page}");
    }
    let about = main_of(&plain, "pages/about/index.html");
    assert!(about.contains("发布单位尚未声明数据许可。"), "{about}");
    assert!(
        about.contains("2023-01-15"),
        "the data date comes from the build: {about}"
    );
}

const DUTIES: &str = "\
- subject: task/1
  asks: {zh: 公开水资源论证, en: disclose the water resources assessments}
  pages: [/tasks/, /rivers/laixi/]
- subject: key-task/2022/1
  asks: {zh: 公开断面水质, en: publish the water quality of the section}
  pages: [/water/]
  not_met: {zh: 尚无公开记录, en: no publication recorded}
- subject: task/2
  asks: {zh: 定期公开整改信息, en: regularly disclose rectification}
  not_met: {zh: 尚无报送, en: nothing reported}
";

#[test]
fn the_duties_page_lists_each_duty_linked_with_what_is_met_and_why_not() {
    let root = fixture("duties");
    let content = root.join("content");
    std::fs::write(content.join("duties.yaml"), DUTIES).unwrap();
    std::fs::write(
        content.join("pages/disclosure.md"),
        "---\ntitle: 信息公开任务\nweight: 3\nshows: disclosure-duties\n---\n规划提出的公开要求。\n",
    )
    .unwrap();
    std::fs::write(
        content.join("pages/disclosure.en.md"),
        "---\ntitle: Disclosure duties\n---\nWhat the plan asks to be made public.\n",
    )
    .unwrap();
    let out = built(&root);
    let main = main_of(&out, "pages/disclosure/index.html");
    assert!(
        main.contains("规划提出的公开要求。"),
        "the page's own text: {main}"
    );
    // One row per duty, in the mapping's order, each linked to its item.
    let rows: Vec<usize> = ["id=task-1", "id=key-task-2022-1", "id=task-2"]
        .iter()
        .map(|id| {
            main.find(id)
                .unwrap_or_else(|| panic!("no row {id}: {main}"))
        })
        .collect();
    assert!(rows.windows(2).all(|w| w[0] < w[1]), "{rows:?}");
    for link in [
        "href=../../tasks/1/",
        "href=../../key-tasks/2022/1/",
        "href=../../tasks/2/",
        "href=../../tasks/",
        "href=../../rivers/laixi/",
        "href=../../water/",
    ] {
        assert!(main.contains(link), "no {link}: {main}");
    }
    for state in [
        "class=duty-met",
        "class=duty-partly-met",
        "class=duty-not-met",
    ] {
        assert!(main.contains(state), "no {state}");
    }
    assert!(
        main.contains("已落实 1 · 部分落实 1 · 尚未落实 1"),
        "{main}"
    );
    assert!(main.contains("尚无公开记录"));
    let en = main_of(&out, "en/pages/disclosure/index.html");
    assert!(en.contains("href=../../../en/rivers/laixi/"), "{en}");
    assert!(
        en.contains("Not met yet") && en.contains("nothing reported"),
        "{en}"
    );
    // The item page of a duty says so and links its row; others do not.
    let note = "pages/disclosure/#task-1";
    assert!(main_of(&out, "tasks/1/index.html").contains(note));
    assert!(
        main_of(&out, "key-tasks/2022/1/index.html").contains("pages/disclosure/#key-task-2022-1")
    );
    assert!(!main_of(&out, "tasks/3/index.html").contains("pages/disclosure/"));
    // The footer links every commentary page, by weight.
    let footer = footer_of(&out, "tasks/3/index.html");
    let (about, duties) = (
        footer.find("pages/about/"),
        footer.find("pages/disclosure/"),
    );
    assert!(
        about.is_some() && duties.is_some() && about < duties,
        "{footer}"
    );
    assert!(read(out.join("index.html")).contains("href=pages/disclosure/"));
}

const YEAR_2023: &str = "\
year: 2023
title: {zh: 2023年重点任务, en: 2023 key tasks}
items:
  - number: 1
    category: {zh: 碧水保卫战, en: Battle for clear waters}
    text: {zh: 到2023年6月底完成濑溪河整治。, en: Complete the remediation of the Laixi River by the end of June 2023.}
    responsible: [water]
    rivers: [laixi]
    source_line: 1
  - number: 2
    category: {zh: 蓝天保卫战, en: Battle for blue skies}
    text: {zh: 开展臭氧污染防控。, en: Carry out ozone pollution control.}
    responsible: [eco-env]
    cooperating: [water]
    source_line: 2
";

#[test]
fn a_second_years_key_tasks_show_up_everywhere_the_first_years_do() {
    let root = fixture("year-2023");
    let content = root.join("content");
    std::fs::write(content.join("plan/key-tasks-2023.yaml"), YEAR_2023).unwrap();
    std::fs::write(
        content.join("updates/2023-01-10-key-2023.md"),
        "---\nsubjects: [key-task/2023/1]\ndate: \"2023-01-10\"\nstatus: in-progress\nreporter: water\n---\n## 进展情况\n已启动整治。\n",
    )
    .unwrap();
    let out = built(&root);
    // The year list, the year's page and an item page in both languages.
    assert!(
        main_of(&out, "key-tasks/index.html").contains("key-tasks/2023/>2023年重点任务</a> (2)")
    );
    let year = main_of(&out, "key-tasks/2023/index.html");
    assert!(
        year.contains("key-tasks/2023/1/") && year.contains("key-tasks/2023/2/"),
        "{year}"
    );
    assert!(year.contains("开展臭氧污染防控。"));
    let item = main_of(&out, "key-tasks/2023/1/index.html");
    assert!(
        item.contains("2023-06-30"),
        "the due date read in the year: {item}"
    );
    assert!(item.contains("status-in-progress"), "{item}");
    assert!(item.contains("href=../../../rivers/laixi/"), "{item}");
    assert!(main_of(&out, "en/key-tasks/2023/2/index.html")
        .contains("Carry out ozone pollution control."));
    // Roll-ups: the home page per year, the agencies and the river.
    let home = main_of(&out, "index.html");
    assert!(home.contains("key-tasks/2023/"), "{home}");
    assert!(home.contains("2023 年度重点任务"), "{home}");
    assert!(main_of(&out, "agencies/water/index.html").contains("href=../../key-tasks/2023/2/"));
    assert!(main_of(&out, "agencies/eco-env/index.html").contains("href=../../key-tasks/2023/2/"));
    assert!(main_of(&out, "rivers/laixi/index.html").contains("href=../../key-tasks/2023/1/"));
    // Open data, the feeds and the sitemap.
    let csv = read(out.join("data/key-tasks.csv"));
    assert_eq!(
        csv.lines().filter(|l| l.starts_with("2023,")).count(),
        2,
        "{csv}"
    );
    assert!(read(out.join("data/plan.json")).contains("开展臭氧污染防控。"));
    assert!(read(out.join("feed.xml")).contains("key-tasks/2023/1/"));
    assert!(read(out.join("agencies/water/feed.xml")).contains("key-tasks/2023/1/"));
    let sitemap = read(out.join("sitemap.xml"));
    for p in [
        "key-tasks/2023/</loc>",
        "key-tasks/2023/1/</loc>",
        "en/key-tasks/2023/2/</loc>",
    ] {
        assert!(sitemap.contains(p), "sitemap lacks {p}");
    }
}

#[test]
fn a_list_named_for_another_year_is_refused() {
    let root = fixture("year-misnamed");
    let content = root.join("content");
    std::fs::write(content.join("plan/key-tasks-2024.yaml"), YEAR_2023).unwrap();
    let o = build(&content, &root.join("public"), &[]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains(
        "key-tasks-2024.yaml: error: the file is named for 2024 but holds the key tasks of 2023"
    ));
}

#[test]
fn after_the_plan_period_pages_say_it_ended_and_how_many_tasks_are_open() {
    let root = fixture("plan-ended");
    let config = root.join("content/config.yaml");
    std::fs::write(&config, read(&config).replace("2023-01-15", "2026-03-01")).unwrap();
    let out = built(&root);
    // Of the fixture's three tasks, task 1 is completed; 2 and 3 are not.
    let zh = "规划期已于2025年12月31日结束；2项任务尚无完成报告。";
    let en = "The plan period ended on 2025-12-31; 2 tasks have no report of completion.";
    assert!(main_of(&out, "index.html").contains(zh));
    assert!(main_of(&out, "en/index.html").contains(en));
    assert!(main_of(&out, "overdue/index.html").contains(zh));
    assert!(main_of(&out, "en/overdue/index.html").contains(en));
    let item = "规划期已结束，本任务尚无完成报告。";
    assert!(main_of(&out, "tasks/2/index.html").contains(item));
    assert!(
        !main_of(&out, "tasks/1/index.html").contains(item),
        "task 1 is completed"
    );
    // The yearly report of a year after the period says so as of its own
    // date; the report of a year within it does not.
    assert!(main_of(&out, "reports/2026/index.html").contains(zh));
    assert!(main_of(&out, "en/reports/2026/index.html").contains(en));
    assert!(!main_of(&out, "reports/2025/index.html").contains("规划期已于"));
    // Within the period, only "overdue".
    let before = built(&fixture("plan-running"));
    assert!(!read(before.join("index.html")).contains("规划期已于"));
    assert!(!main_of(&before, "tasks/2/index.html").contains(item));
}

#[test]
fn the_real_portal_has_its_commentary_and_accounts_for_every_disclosure_duty() {
    let out = crate::site::real_site();
    for slug in ["about", "how-to-read", "disclosure"] {
        for lang in ["", "en/"] {
            let main = main_of(out, &format!("{lang}pages/{slug}/index.html"));
            assert!(main.contains("<h1>"), "{lang}{slug}");
            assert!(
                !main.contains("class=pending"),
                "{lang}{slug} is not translated"
            );
        }
        let link = format!("href=pages/{slug}/");
        assert!(
            read(out.join("index.html")).contains(&link),
            "home lacks {link}"
        );
        assert!(
            footer_of(out, "index.html").contains(&link),
            "footer lacks {link}"
        );
    }
    let main = main_of(out, "pages/disclosure/index.html");
    let mapping = read(repo().join("content/duties.yaml"));
    let subjects: Vec<&str> = mapping
        .lines()
        .filter_map(|l| l.strip_prefix("- subject: "))
        .collect();
    let mut required: Vec<String> = [37, 186, 353, 354, 355, 356, 409, 424, 425, 426, 432]
        .iter()
        .chain(&[441, 442, 443, 444, 445])
        .map(|n| format!("task/{n}"))
        .collect();
    required.push("key-task/2022/19".into());
    for r in &required {
        assert!(subjects.contains(&r.as_str()), "duties.yaml lacks {r}");
    }
    for s in &subjects {
        let anchor = format!("id={}", s.replace('/', "-"));
        assert!(main.contains(&anchor), "no row for {s}");
        let link = format!("href=../../{}s/", s.split('/').next().unwrap_or(""));
        assert!(main.contains(&link), "no link like {link}");
    }
    let rows = main.matches("<tr class=duty-").count();
    assert_eq!(rows, subjects.len(), "one row per duty");
    // Task 445 (disclose the plan) is met by the plan's own pages.
    assert!(main.contains("class=duty-met"));
    // No feedback address is configured, so no page offers one.
    assert!(!read(out.join("tasks/445/index.html")).contains("我要纠错"));
    assert!(read(out.join("tasks/445/index.html")).contains("pages/disclosure/#task-445"));
}
