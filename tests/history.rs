//! The history of every item, read from git: a temporary repository made
//! from a copy of the fixture and a series of dated commits; a shallow
//! clone and a folder outside any repository show the plain note instead.

use crate::common::*;
use std::path::Path;
use std::process::Command;

/// `git ARGS` in `dir`, as a fixed author at a fixed date.
pub(crate) fn git(dir: &Path, date: &str, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "Staff")
        .env("GIT_AUTHOR_EMAIL", "staff@example.gov.cn")
        .env("GIT_COMMITTER_NAME", "Staff")
        .env("GIT_COMMITTER_EMAIL", "staff@example.gov.cn")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {}", text(&out));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn commit(dir: &Path, date: &str, message: &str) -> String {
    git(dir, date, &["add", "-A"]);
    git(dir, date, &["commit", "-q", "-m", message]);
    git(dir, date, &["rev-parse", "--short=12", "HEAD"])
}

/// A page's text without its tags (minified HTML drops quotes and spaces).
fn page_text(path: impl AsRef<Path>) -> String {
    let html = read(path);
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn edit(path: &Path, from: &str, to: &str) {
    let s = read(path);
    assert!(s.contains(from), "{} lacks {from}", path.display());
    std::fs::write(path, s.replacen(from, to, 1)).unwrap();
}

/// The fixture as a repository with three commits: the import, a change of
/// task 1's responsible agencies and text, a change of its English.
fn repository(name: &str) -> (std::path::PathBuf, [String; 3]) {
    let root = fixture(name);
    let content = root.join("content");
    git(&root, "2022-01-10T08:00:00Z", &["init", "-q"]);
    let first = commit(&root, "2022-01-10T08:00:00Z", "import");
    let tasks = content.join("plan/tasks.yaml");
    edit(
        &tasks,
        "  text: {zh: 严格水资源管理。, en: Manage water resources strictly.}\n  lead: [water]\n  responsible: [district-units]",
        "  text: {zh: 严格水资源管理和保护。, en: Manage water resources strictly.}\n  lead: [water]\n  responsible: [district-units, eco-env]",
    );
    let second = commit(
        &root,
        "2022-03-01T09:30:00+08:00",
        "task 1: responsible units",
    );
    edit(
        &tasks,
        "en: Manage water resources strictly.}",
        "en: Manage and protect water resources strictly.}",
    );
    let third = commit(&root, "2022-04-02T10:00:00Z", "task 1: English");
    (root, [first, second, third])
}

#[test]
fn a_task_page_lists_its_changes_from_git_with_dates_and_commits() {
    let (root, [first, second, third]) = repository("git");
    let out = root.join("public");
    let o = build(&root.join("content"), &out, &[]);
    assert!(o.status.success(), "{}", text(&o));

    let zh = page_text(out.join("tasks/1/index.html"));
    assert!(zh.contains("修订历史"), "{zh}");
    // The footer names the commit the content is at.
    assert!(zh.contains(&format!("数据版本: {third}")), "{zh}");
    // The committer date in UTC: 09:30 at +08:00 is 01:30 UTC the same day.
    assert!(zh.contains(&format!("2022-03-01 · {second}")), "{zh}");
    assert!(zh.contains("责任单位：增加 区生态环境局"), "{zh}");
    assert!(zh.contains("内容（中文）"), "{zh}");
    assert!(zh.contains("修改前：严格水资源管理。"), "{zh}");
    assert!(zh.contains("修改后：严格水资源管理和保护。"), "{zh}");
    assert!(zh.contains(&format!("2022-01-10 · {first}")), "{zh}");
    assert!(zh.contains("首次发布"), "{zh}");
    // Newest first.
    let (i3, i2, i1) = (
        zh.find(&third).unwrap(),
        zh.find(&second).unwrap(),
        zh.find(&first).unwrap(),
    );
    assert!(i3 < i2 && i2 < i1, "{zh}");

    let en = page_text(out.join("en/tasks/1/index.html"));
    assert!(
        en.contains("Responsible agencies: added District Ecology and Environment Bureau"),
        "{en}"
    );
    assert!(en.contains("Text (English)"), "{en}");
    assert!(
        en.contains("After: Manage and protect water resources…"),
        "{en}"
    );

    // A task no commit changed after the import: only its first publication.
    let other = page_text(out.join("tasks/2/index.html"));
    assert!(
        other.contains(&format!("2022-01-10 · {first}")) && !other.contains(&second),
        "{other}"
    );

    let changes = page_text(out.join("changes/index.html"));
    let (c3, c2, c1) = (
        changes.find(&third).unwrap(),
        changes.find(&second).unwrap(),
        changes.find(&first).unwrap(),
    );
    assert!(c3 < c2 && c2 < c1, "{changes}");
    assert!(
        changes.contains("任务 1：内容（中文）、责任单位"),
        "{changes}"
    );
    let feed = read(out.join("en/changes/feed.xml"));
    assert!(
        feed.contains(&format!("2022-03-01 commit {second}, items changed: 1")),
        "{feed}"
    );
    assert!(
        feed.contains("<updated>2022-04-02T00:00:00Z</updated>"),
        "{feed}"
    );
    roxmltree::Document::parse(&feed).expect("the feed is XML");
    assert!(
        feed.contains("&lt;a href=&quot;../tasks/1/&quot;&gt;Task 1&lt;/a&gt;"),
        "{feed}"
    );

    let o = bin()
        .args(["history", "task/1", "--content"])
        .arg(root.join("content"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let printed = String::from_utf8_lossy(&o.stdout);
    assert!(
        printed.contains(&format!("2022-03-01 {second}")),
        "{printed}"
    );
    assert!(printed.contains("责任单位：增加 区生态环境局"), "{printed}");

    // The same commit builds the same pages.
    let again = root.join("again");
    assert!(build(&root.join("content"), &again, &[]).status.success());
    assert_eq!(
        read(out.join("tasks/1/index.html")),
        read(again.join("tasks/1/index.html"))
    );
}

#[test]
fn an_unknown_item_is_named_with_a_did_you_mean() {
    let root = fixture("unknown");
    let o = bin()
        .args(["history", "taks/1", "--content"])
        .arg(root.join("content"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("error: `taks/1` names no item of the plan"),
        "{err}"
    );
    assert!(err.contains("help: did you mean `task/1`?"), "{err}");
    let o = bin()
        .args(["history", "task/99", "--content"])
        .arg(root.join("content"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("help: the plan has task/1 to task/3"), "{err}");
}

#[test]
fn a_shallow_clone_or_no_repository_shows_the_note_not_a_failure() {
    let (root, _) = repository("shallow-src");
    let clone = tmpdir("shallow-clone");
    let url = format!("file://{}", root.display());
    git(
        &clone,
        "2022-05-01T00:00:00Z",
        &["clone", "-q", "--depth", "1", &url, "repo"],
    );
    let plain = fixture("plain");
    for (content, name) in [
        (clone.join("repo/content"), "shallow"),
        (plain.join("content"), "plain"),
    ] {
        let out = clone.join(format!("public-{name}"));
        let o = build(&content, &out, &[]);
        assert!(o.status.success(), "{name}: {}", text(&o));
        let zh = page_text(out.join("tasks/1/index.html"));
        assert!(zh.contains("本次构建无法获得修订历史"), "{name}: {zh}");
        // A shallow clone still names its commit; content outside any
        // repository names none.
        let head = git(
            &clone.join("repo"),
            "2022-05-01T00:00:00Z",
            &["rev-parse", "--short=12", "HEAD"],
        );
        assert_eq!(
            zh.contains(&format!("数据版本: {head}")),
            name == "shallow",
            "{name}: {zh}"
        );
        assert_eq!(zh.contains("数据版本"), name == "shallow", "{name}: {zh}");
        assert!(!zh.contains("首次发布"), "{name}: {zh}");
        let en = page_text(out.join("en/changes/index.html"));
        assert!(
            en.contains("History is not available in this build"),
            "{name}: {en}"
        );
        let o = bin()
            .args(["history", "task/1", "--en", "--content"])
            .arg(&content)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", text(&o));
        assert!(
            String::from_utf8_lossy(&o.stdout).contains("History is not available in this build")
        );
    }
}
