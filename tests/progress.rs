//! Progress and disclosure on the fixture (which holds realistic updates and
//! indicator values), and the honest "nothing reported" of the real portal.

use crate::common::*;
use std::path::{Path, PathBuf};

/// Build the basic fixture (data date 2023-01-15 in its config) with extra env.
fn build_fixture(name: &str, env: &[(&str, &str)]) -> PathBuf {
    let root = crate::common::fixture(name);
    let out = root.join("public");
    let mut cmd = bin();
    cmd.arg("build")
        .arg("--content")
        .arg(root.join("content"))
        .arg("--out")
        .arg(&out);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{}", text(&o));
    out
}

fn fixture() -> &'static Path {
    static OUT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    OUT.get_or_init(|| build_fixture("progress", &[]))
}

#[test]
fn current_status_is_the_latest_update_with_the_full_timeline() {
    let t1 = read(fixture().join("tasks/1/index.html"));
    let current = t1
        .split("<dt>当前状态</dt>")
        .nth(1)
        .unwrap()
        .split("</dd>")
        .next()
        .unwrap();
    assert!(current.contains("status-completed\">已完成"), "{current}");
    let timeline = t1.split("<ol class=timeline>").nth(1).unwrap();
    let newer = timeline.find("2022-12-20").unwrap();
    let older = timeline.find("2022-06-30").unwrap();
    assert!(newer < older, "newest first");
    assert!(timeline.contains("完成取水许可复核12件") && timeline.contains("部分项目论证资料不全"));
    assert!(
        timeline.contains("href=../../files/review-2022.txt"),
        "evidence file linked"
    );
    assert!(
        fixture().join("files/review-2022.txt").is_file(),
        "evidence file published"
    );
    let en = read(fixture().join("en/tasks/1/index.html"));
    assert!(
        en.contains("Reviewed 12 water abstraction permits.") && en.contains("In progress 40%")
    );
}

#[test]
fn unreported_is_not_assessed_never_zero_percent() {
    let t3 = read(fixture().join("tasks/3/index.html"));
    assert!(
        t3.contains("status-not-assessed\">未评估（尚无报送）"),
        "{t3}"
    );
    assert!(t3.contains("尚未报送进展（未评估）。"));
    assert!(!t3.contains("0%"));
}

#[test]
fn an_update_without_english_shows_the_chinese_marked_pending() {
    let t2 = read(fixture().join("en/tasks/2/index.html"));
    assert!(t2.contains("status-delayed\">Delayed"));
    assert!(t2.contains("<p class=pending>(translation pending)</p><div lang=zh-CN><h4 id=进展情况>进展情况</h4><p>濑溪河岸线修复方案尚在审批。"), "{t2}");
}

#[test]
fn overdue_is_computed_at_the_build_date() {
    // Key task 1 (due 2022-12-31) was last reported in progress: overdue on 2023-01-15.
    let k1 = read(fixture().join("key-tasks/2022/1/index.html"));
    assert!(k1.contains("<span class=overdue>已逾期</span>"), "{k1}");
    let list = read(fixture().join("overdue/index.html"));
    assert!(
        list.contains("href=../key-tasks/2022/1/>2022 重点任务 1</a>"),
        "{list}"
    );
    assert!(
        !list.contains("tasks/1/>任务 1"),
        "completed task 1 is not overdue"
    );
    // The content as it stood on 2022-12-01, before the later updates were
    // written (an update after the data date is an error): nothing overdue.
    let root = crate::common::fixture("progress-early");
    for later in [
        "2022/2022-12-20-water-resources",
        "2023-03-31-laixi-project",
    ] {
        for ext in [".md", ".en.md"] {
            std::fs::remove_file(root.join(format!("content/updates/{later}{ext}"))).unwrap();
        }
    }
    let early = root.join("public");
    let o = bin()
        .arg("build")
        .arg("--content")
        .arg(root.join("content"))
        .arg("--out")
        .arg(&early)
        .env("SOURCE_DATE_EPOCH", "1669852800")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert!(read(early.join("overdue/index.html")).contains("无逾期事项。"));
    assert!(!read(early.join("key-tasks/2022/1/index.html")).contains("class=overdue"));
}

/// The count in the roll-up row of `label` on a page.
fn count(page: &str, label: &str) -> usize {
    let row = page
        .split(&format!("{label}</th><td class=num>"))
        .nth(1)
        .unwrap_or_else(|| panic!("no row {label}"));
    row.split('<').next().unwrap().parse().unwrap()
}

#[test]
fn roll_ups_count_by_latest_status_per_agency_and_river() {
    // 区水利局 leads tasks 1 and 3 and shares task 2.
    let water = read(fixture().join("agencies/water/index.html"));
    assert_eq!(count(&water, "已完成"), 1);
    assert_eq!(count(&water, "滞后"), 1);
    assert_eq!(count(&water, "未评估（尚无报送）"), 1);
    assert!(
        water.contains("统计规则：按各项最新一次报送的状态计数"),
        "the rule is stated"
    );
    assert!(
        water.contains("<svg aria-label=\"按最新报送状态统计: "),
        "a chart with a text equivalent"
    );
    let laixi = read(fixture().join("rivers/laixi/index.html"));
    assert_eq!(count(&laixi, "滞后"), 1);
    assert_eq!(count(&laixi, "已完成"), 0);
    let home = read(fixture().join("index.html"));
    assert_eq!(count(&home, "已逾期"), 0);
}

#[test]
fn changelog_lists_every_update_by_date() {
    let page = read(fixture().join("updates/index.html"));
    let dates: Vec<usize> = ["2023-01-10", "2022-12-20", "2022-11-30", "2022-06-30"]
        .iter()
        .map(|d| page.find(&format!("<h2><time datetime={d}>")).unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] < w[1]), "newest first");
}

#[test]
fn indicator_values_against_the_target() {
    let i1 = read(fixture().join("indicators/1/index.html"));
    assert!(i1.contains("目标方向: 不低于目标值"));
    assert!(
        i1.contains("<td class=num>94.5</td>") && i1.contains("2021: 94.5; 2022: 100; 2025: 100")
    );
}

#[test]
fn feeds_are_valid_atom() {
    let feeds: Vec<PathBuf> = walk(fixture())
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n == "feed.xml"))
        .collect();
    assert!(
        feeds.len() >= 2 * (1 + 3 + 2),
        "site, agency and river feeds in both languages"
    );
    const ATOM: &str = "http://www.w3.org/2005/Atom";
    for f in &feeds {
        let xml = read(f);
        let doc =
            roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let root = doc.root_element();
        assert_eq!(root.tag_name().namespace(), Some(ATOM), "{}", f.display());
        assert_eq!(root.tag_name().name(), "feed");
        let child = |n: roxmltree::Node, name: &str| {
            n.children()
                .find(|c| c.has_tag_name((ATOM, name)))
                .map(|c| c.text().unwrap_or("").to_string())
        };
        for name in ["id", "title", "updated"] {
            assert!(
                child(root, name).is_some_and(|t| !t.is_empty()),
                "{}: no {name}",
                f.display()
            );
        }
        let mut ids = std::collections::BTreeSet::new();
        for e in root.children().filter(|c| c.has_tag_name((ATOM, "entry"))) {
            let id = child(e, "id").unwrap();
            assert!(ids.insert(id.clone()), "duplicate entry id {id}");
            let updated = child(e, "updated").unwrap();
            assert!(
                updated.len() == 20 && updated.ends_with("T00:00:00Z"),
                "{updated}"
            );
            assert!(
                child(e, "title").is_some() && e.children().any(|c| c.has_tag_name((ATOM, "link")))
            );
        }
    }
    let water = read(fixture().join("agencies/water/feed.xml"));
    assert_eq!(
        water.matches("<entry>").count(),
        3,
        "the updates on its tasks"
    );
}

#[test]
fn new_update_writes_a_ready_to_fill_file_that_checks() {
    let root = crate::common::fixture("new-update");
    let new_update = || {
        bin()
            .args(["new", "update", "--task", "3", "--date", "2023-01-12"])
            .arg("--content")
            .arg(root.join("content"))
            .output()
            .unwrap()
    };
    let o = new_update();
    assert!(o.status.success(), "{}", text(&o));
    let path = String::from_utf8_lossy(&o.stdout).trim().to_string();
    assert!(
        path.ends_with("updates/2023/2023-01-12-task-3.md"),
        "{path}"
    );
    let file = read(&path);
    assert!(
        file.contains("subjects: [task/3]")
            && file.contains("reporter: water")
            && file.contains("## 存在的问题")
    );
    assert!(Path::new(&path.replace(".md", ".en.md")).is_file());
    let check = bin()
        .arg("check")
        .arg("--content")
        .arg(root.join("content"))
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", text(&check));
    let again = new_update();
    assert!(
        String::from_utf8_lossy(&again.stdout)
            .trim()
            .ends_with("2023-01-12-task-3-2.md"),
        "never overwrites"
    );
}

#[test]
fn the_real_portal_says_plainly_that_nothing_is_reported() {
    let out = tmpdir("real-progress").join("public");
    let o = bin()
        .arg("build")
        .arg("--content")
        .arg(repo().join("content"))
        .arg("--out")
        .arg(&out)
        .env("SOURCE_DATE_EPOCH", "1672531199")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    for p in [
        "tasks/8/index.html",
        "key-tasks/2022/5/index.html",
        "projects/6/index.html",
        "indicators/10/index.html",
    ] {
        let page = read(out.join(p));
        assert!(page.contains("尚未报送进展（未评估）。"), "{p}");
    }
    assert!(read(out.join("indicators/10/index.html")).contains("尚未报送任何数值。"));
    assert!(read(out.join("en/updates/index.html")).contains("No progress has been reported yet."));
    assert!(
        !repo().join("content/updates").exists(),
        "no invented updates in content/"
    );
}

#[test]
fn disclosure_calendar_marks_missing_periods_and_results_reach_river_pages() {
    let water = read(fixture().join("water/index.html"));
    assert!(
        water.contains("<tr class=slot-on-time><td class=date>2022-10</td>"),
        "{water}"
    );
    assert!(water.contains("<tr class=slot-late><td class=date>2022-11</td>"));
    assert!(
        water.contains("<tr class=slot-not-yet-due><td class=date>2022-12</td>"),
        "due 2023-01-15, built 2023-01-15"
    );
    // Later, the empty December is missing, never compliant.
    let later = build_fixture("water-later", &[("SOURCE_DATE_EPOCH", "1675209600")]);
    let water = read(later.join("en/water/index.html"));
    assert!(
        water.contains("<tr class=slot-missing><td class=date>2022-12</td>"),
        "{water}"
    );
    assert!(
        water.contains("<tr class=slot-not-yet-due><td class=date>2023-01</td>"),
        "January is due 2023-02-15"
    );
    assert!(water.contains("Missing periods: 1"));
    let laixi = read(fixture().join("rivers/laixi/index.html"));
    assert!(
        laixi.contains(
            "<td>界牌 <span class=muted>(测试)</span></td><td>Ⅲ</td><td>2022-11: Ⅳ (不达标)</td>"
        ),
        "{laixi}"
    );
    assert!(
        laixi.contains("<a href=../../water/>测试水源地</a></td><td>2022-10: Ⅱ (达标)</td>"),
        "the source on its river's page"
    );
}
