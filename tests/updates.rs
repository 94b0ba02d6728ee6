//! Update records fail loudly and plainly: one mistake is one diagnostic
//! (never a second one on the English twin), file names are NAME.md or
//! NAME.en.md, repeated reports are caught, and nothing is dated after the
//! data date — while a snapshot as of an earlier date still leaves later
//! updates out without a word.

use crate::common::*;
use std::path::{Path, PathBuf};
use std::process::Output;

const WATER: &str = "content/updates/2022/2022-06-30-water-resources";

fn run(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = bin();
    cmd.args(args).arg("--content").arg(root.join("content"));
    // The data date is the fixture's build_date unless a test says otherwise.
    cmd.env_remove("SOURCE_DATE_EPOCH");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn check(root: &Path) -> Output {
    run(root, &["check"], &[])
}

/// stderr with the fixture root taken out of the paths.
fn stderr(root: &Path, o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).replace(&format!("{}/", root.display()), "")
}

/// The error lines of a run (the first line of each error diagnostic).
fn errors(err: &str) -> Vec<&str> {
    err.lines().filter(|l| l.contains(": error: ")).collect()
}

fn write(root: &Path, rel: &str, text: &str) -> PathBuf {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p
}

fn edit(root: &Path, rel: &str, find: &str, replace: &str) {
    let p = root.join(rel);
    let s = read(&p);
    assert!(s.contains(find), "{rel}: `{find}` not found");
    std::fs::write(&p, s.replacen(find, replace, 1)).unwrap();
}

#[test]
fn a_mistake_copied_into_the_english_twin_is_reported_once() {
    let root = fixture("upd-twin-copy");
    edit(
        &root,
        &format!("{WATER}.md"),
        "percent: 40",
        "percent: \"40%\"",
    );
    // The translator copied the whole file, front matter and mistake included.
    let zh = read(root.join(format!("{WATER}.md")));
    let front = zh.split("---\n## ").next().unwrap();
    write(
        &root,
        &format!("{WATER}.en.md"),
        &format!("{front}---\n## Progress\n\nReviewed 12 permits.\n"),
    );
    let o = check(&root);
    let err = stderr(&root, &o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(
        errors(&err),
        [format!(
            "{WATER}.md:5:10: error: percent must be a whole number from 0 to 100, found \"40%\""
        )],
        "{err}"
    );
    assert!(err.ends_with("\n1 error\n"), "{err}");
}

#[test]
fn a_twin_that_repeats_a_correct_front_matter_unchanged_is_accepted() {
    let root = fixture("upd-twin-same");
    let zh = read(root.join(format!("{WATER}.md")));
    let front = zh.split("---\n## ").next().unwrap();
    write(
        &root,
        &format!("{WATER}.en.md"),
        &format!("{front}---\n## Progress\n\nReviewed 12 permits.\n"),
    );
    let o = check(&root);
    assert!(o.status.success(), "{}", stderr(&root, &o));
}

#[test]
fn a_broken_page_original_does_not_also_orphan_its_english_page() {
    let root = fixture("upd-page-twin");
    edit(&root, "content/pages/about.md", "title:", "title: [");
    let o = check(&root);
    let err = stderr(&root, &o);
    assert_eq!(errors(&err).len(), 1, "{err}");
    assert!(
        errors(&err)[0].starts_with("content/pages/about.md:2:"),
        "{err}"
    );
    assert!(!err.contains("about.en.md"), "{err}");
}

#[test]
fn every_name_but_name_md_and_name_en_md_is_refused_where_twins_live() {
    let root = fixture("upd-names");
    let names = [
        (
            "content/updates/2022/a.fr.md",
            "unknown language suffix `.fr`",
        ),
        (
            "content/updates/2022/b.EN.md",
            "unknown language suffix `.EN`",
        ),
        (
            "content/updates/2022/c.en-US.md",
            "unknown language suffix `.en-US`",
        ),
        ("content/updates/d.zh.md", "unknown language suffix `.zh`"),
        ("content/updates/2022/e.MD", "does not end in `.md`"),
        ("content/updates/2022/f.markdown", "does not end in `.md`"),
        (
            "content/pages/about.zh-CN.md",
            "unknown language suffix `.zh-CN`",
        ),
        (
            "content/notes/tasks/2.en.en.md",
            "unknown language suffix `.en`",
        ),
    ];
    for (rel, _) in names {
        write(&root, rel, "## x\n");
    }
    // Not markdown, or an editor's hidden file: left alone, as before.
    write(&root, "content/updates/2022/README.txt", "notes for staff");
    write(
        &root,
        "content/updates/2022/.2022-06-30-water-resources.md.swp",
        "x",
    );
    let o = check(&root);
    let err = stderr(&root, &o);
    assert_eq!(errors(&err).len(), names.len(), "{err}");
    for (rel, what) in names {
        let line = errors(&err)
            .into_iter()
            .find(|l| l.starts_with(&format!("{rel}: error: ")))
            .unwrap_or_else(|| panic!("no error for {rel}:\n{err}"));
        assert!(line.contains(what), "{line}");
        assert!(
            line.ends_with("the accepted forms are NAME.md (Chinese) and NAME.en.md (English)"),
            "{line}"
        );
    }
    assert!(err.contains("help: name it `b.en.md`, the English twin of `b.md`"));
    assert!(err.contains("help: name it `c.en.md`, the English twin of `c.md`"));
    assert!(err.contains("help: name it `d.md`: the Chinese original has no language suffix"));
    assert!(err.contains("help: name the Chinese original NAME.md and its English twin NAME.en.md"));
}

#[test]
fn an_english_update_without_its_original_is_an_error() {
    let root = fixture("upd-orphan");
    write(
        &root,
        "content/updates/2022/2022-07-01-x.en.md",
        "## Progress\n",
    );
    let err = stderr(&root, &check(&root));
    assert_eq!(
        errors(&err),
        ["content/updates/2022/2022-07-01-x.en.md: error: English twin without its Chinese original `2022-07-01-x.md`"],
        "{err}"
    );
}

const REPORT: &str = "---\nsubjects: [task/2]\ndate: \"2022-11-30\"\nstatus: delayed\nreporter: eco-env\n---\n## 进展情况\n\n";

#[test]
fn the_same_report_twice_is_an_error_and_with_another_text_a_warning() {
    let root = fixture("upd-repeat");
    let original = "content/updates/2022/2022-11-30-laixi-restoration.md";
    write(
        &root,
        "content/updates/2022/2022-11-30-laixi-restoration-again.md",
        &format!("{REPORT}濑溪河岸线修复方案尚在审批。\n"),
    );
    let err = stderr(&root, &check(&root));
    assert_eq!(
        errors(&err),
        [format!("{original}: error: this update repeats content/updates/2022/2022-11-30-laixi-restoration-again.md (same subjects, date, reporter and text)")],
        "{err}"
    );

    // Another text: a warning naming both files; the build goes on.
    write(
        &root,
        "content/updates/2022/2022-11-30-laixi-restoration-again.md",
        &format!("{REPORT}方案已报区政府审批。\n"),
    );
    let o = run(
        &root,
        &["build", "--out", &root.join("public").display().to_string()],
        &[],
    );
    let err = stderr(&root, &o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains(&format!("{original}: warning: same subjects, date and reporter as content/updates/2022/2022-11-30-laixi-restoration-again.md, but a different text\n  help: if one replaces the other, delete the one that is out of date")), "{err}");
}

/// The fixture with one more update, dated after its data date (2023-01-15).
fn with_later_update(name: &str) -> PathBuf {
    let root = fixture(name);
    write(
        &root,
        "content/updates/2023/2023-06-30-task-3.md",
        "---\nsubjects: [task/3]\ndate: \"2023-06-30\"\nstatus: completed\nreporter: water\n---\n## 进展情况\n\n护岸建成。\n",
    );
    root
}

const LATER: &str = "content/updates/2023/2023-06-30-task-3.md:3:7: error: update dated 2023-06-30 is after the data date";

#[test]
fn build_and_check_refuse_an_update_after_the_data_date() {
    let root = with_later_update("upd-later");
    let out = root.join("public");
    for o in [
        check(&root),
        run(&root, &["build", "--out", &out.display().to_string()], &[]),
    ] {
        let err = stderr(&root, &o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert_eq!(errors(&err), [format!("{LATER} 2023-01-15")], "{err}");
        assert!(err.contains("  |       ^^^^^^^^^^^^\n  = help: check the year; the data date comes from build_date in config.yaml or SOURCE_DATE_EPOCH"), "{err}");
    }
    assert!(!out.exists(), "nothing built");
    // SOURCE_DATE_EPOCH sets the data date: a later one accepts the update.
    let o = run(&root, &["check"], &[("SOURCE_DATE_EPOCH", "1688169600")]);
    assert!(o.status.success(), "2023-07-01: {}", stderr(&root, &o));
    let o = run(&root, &["check"], &[("SOURCE_DATE_EPOCH", "1685577600")]);
    assert_eq!(errors(&stderr(&root, &o)), [format!("{LATER} 2023-06-01")]);
}

#[test]
fn without_any_data_date_no_update_may_be_dated_after_today() {
    let root = fixture("upd-today");
    edit(
        &root,
        "content/config.yaml",
        "build_date: \"2023-01-15\"\n",
        "",
    );
    let o = check(&root);
    assert!(o.status.success(), "{}", stderr(&root, &o));
    edit(
        &root,
        "content/updates/2022/2022-11-30-laixi-restoration.md",
        "date: \"2022-11-30\"",
        "date: \"2922-11-30\"",
    );
    let err = stderr(&root, &check(&root));
    let today = errors(&err)
        .first()
        .and_then(|l| l.strip_prefix("content/updates/2022/2022-11-30-laixi-restoration.md:3:7: error: update dated 2922-11-30 is after the data date "))
        .map(str::to_string)
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        today.len() == 10 && today.as_str() < "2922-11-30",
        "{today}"
    );
    assert!(err.contains("help: check the year; without build_date in config.yaml or SOURCE_DATE_EPOCH, the data date is today"), "{err}");
}

#[test]
fn a_snapshot_as_of_an_earlier_date_leaves_later_updates_out_without_an_error() {
    let root = with_later_update("upd-snapshot");
    let o = run(&root, &["snapshot", "2022", "--as-of", "2022-06-30"], &[]);
    let err = stderr(&root, &o);
    assert!(o.status.success(), "{err}");
    assert!(errors(&err).is_empty(), "{err}");
    let a = root.join("archive/2022");
    let updates = read(a.join("updates/index.html"));
    assert!(updates.contains("<time datetime=2022-06-30>"), "{updates}");
    for later in ["2022-11-30", "2022-12-20", "2023-01-10", "2023-06-30"] {
        assert!(!updates.contains(later), "{later} is left out");
    }
    assert!(read(a.join("snapshot.yaml")).contains("\nupdates: 1\n"));
}

#[test]
fn a_broken_plan_file_is_reported_once_not_again_at_every_update_on_it() {
    let root = fixture("upd-plan-broken");
    write(&root, "content/plan/tasks.yaml", "number: 1\nchapter: 1\n");
    let err = stderr(&root, &check(&root));
    assert_eq!(errors(&err).len(), 1, "{err}");
    assert!(
        errors(&err)[0].starts_with("content/plan/tasks.yaml:1:1: error: the file must be a list of mappings with the fields number, chapter,"),
        "{err}"
    );
}

#[test]
fn under_a_base_path_pages_build_and_feed_entries_link_the_sites_files_relative_to_the_feed() {
    // Regression: entries carried `src="/files/…"` escaped in their HTML,
    // which a feed reader resolves to the host's root, not to the site
    // under its base path.
    let root = fixture("feed-links");
    edit(
        &root,
        "content/updates/2022/2022-11-30-laixi-restoration.md",
        "尚在审批。",
        "尚在审批，见[评审意见](/files/review-2022.txt)。",
    );
    let out = root.join("public");
    let o = run(
        &root,
        &[
            "build",
            "--base-url",
            "/ghjh/",
            "--out",
            out.to_str().unwrap(),
        ],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&root, &o));
    let feed = read(out.join("agencies/eco-env/feed.xml"));
    assert!(
        feed.contains("href=&quot;../../files/review-2022.txt&quot;"),
        "{feed}"
    );
    assert!(!feed.contains("=&quot;/files/"), "{feed}");
    let feed = read(out.join("feed.xml"));
    assert!(
        feed.contains("href=&quot;files/review-2022.txt&quot;"),
        "{feed}"
    );
    // Regression: with a base path the canonical link gained the base twice
    // (`../../ghjh/agencies/…`) and every page failed the link check.
    let page = read(out.join("agencies/eco-env/index.html"));
    assert!(
        page.contains(r#"<link href=../../agencies/eco-env/ rel=canonical>"#),
        "{page}"
    );
    assert!(
        page.contains(r#"<meta content=/ghjh/agencies/eco-env/ property=og:url>"#),
        "{page}"
    );
}
