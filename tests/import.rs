//! The importer on the real seed: counts, totals, errata, reproducibility,
//! hand-edit protection, and precise errors for damaged documents.

use crate::common::{bin, repo, text, tmpdir};
use std::path::Path;
use std::process::Output;

const SEED: &str = "seeds/000_6c0b0af427550ece.txt";

/// Import `seed` into `out` (holding a copy of the committed errata and,
/// optionally, the committed plan files), with the repo's registries.
fn import(seed: &Path, out: &Path, with_plan: bool, extra: &[&str]) -> Output {
    std::fs::create_dir_all(out).unwrap();
    let plan = repo().join("content/plan");
    for e in std::fs::read_dir(&plan).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap();
        if name == "errata.yaml" || with_plan {
            std::fs::copy(&p, out.join(name)).unwrap();
        }
    }
    bin()
        .arg("import")
        .arg(seed)
        .arg("--content")
        .arg(repo().join("content"))
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn import_reproduces_the_committed_plan_byte_for_byte() {
    let out = tmpdir("repro");
    let o = import(&repo().join(SEED), &out, true, &[]);
    assert!(o.status.success(), "{}", text(&o));
    let t = text(&o);
    assert!(t.contains("19 indicators, 7 chapters, 446 tasks, 31 projects (total 56.99 亿元, checked), 66 key tasks of 2022"), "{t}");
    assert!(t.contains("0 file(s) written, 6 unchanged"), "{t}");
    for name in [
        "document.yaml",
        "chapters.yaml",
        "indicators.yaml",
        "tasks.yaml",
        "projects.yaml",
        "key-tasks-2022.yaml",
    ] {
        assert_eq!(
            std::fs::read(out.join(name)).unwrap(),
            std::fs::read(repo().join("content/plan").join(name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn import_from_scratch_has_everything_and_applies_errata() {
    let out = tmpdir("scratch");
    let o = import(&repo().join(SEED), &out, false, &[]);
    assert!(o.status.success(), "{}", text(&o));
    let tasks = std::fs::read_to_string(out.join("tasks.yaml")).unwrap();
    assert_eq!(
        tasks.matches("\n- number: ").count() + usize::from(tasks.starts_with("- number: ")),
        446
    );
    assert!(tasks.contains("- number: 446\n"));
    // Without a translation to keep, no English is invented.
    assert!(!tasks.contains("\n    en: "));
    let projects = std::fs::read_to_string(out.join("projects.yaml")).unwrap();
    assert!(projects.contains("stated_total: \"56.99\""));
    // Lost units are marked alike (projects 10, 11 and 13), never guessed.
    assert!(
        projects.contains("200□/日")
            && projects.contains("280□/天")
            && projects.contains("660□/日")
    );
    // Project 6's glued list item, and project 9's stray years kept as written.
    assert!(projects.contains("约1.7km;2.厂区") && !projects.contains("1.7km2."));
    assert!(projects.contains("1367.76平方米。2020—2021\""));
    assert!(projects.contains("\"E-P09-STRAY\""));
    assert!(projects.contains("start_year: 2021\n    end_year: 2025"));
    let key = std::fs::read_to_string(out.join("key-tasks-2022.yaml")).unwrap();
    assert!(key.contains("lost: [responsible]"));
    assert!(key.contains("到2022年9月底"));
    // Aliases resolve to one agency, and the item keeps the document's
    // wording for its page; "X等区级有关单位" splits into agency + group.
    assert!(tasks.contains("  lead: [agriculture]\n  responsible: [health, culture-tourism]"));
    assert!(tasks.contains("  written_as:\n    culture-tourism: \"区文旅委\"\n"));
    assert!(key.contains("    written_as:\n      emergency: \"区应急局\"\n"));
    // Cells that lost their closing full stop get it back; the missing words
    // of tasks 116 and 150 are restored from the document's own wording.
    assert!(tasks.contains("村镇饮用水卫生合格率100%。\""));
    assert!(
        tasks.contains("农村生活污水治理监管水平") && tasks.contains("国土空间规划和用途管制,")
    );
    assert!(key.contains("满足或优于84%。\""));
    let ind = std::fs::read_to_string(out.join("indicators.yaml")).unwrap();
    assert!(ind.contains("达到或好于Ⅲ类)比例(%)"));
    assert!(ind.contains("平均浓度(μg/m³)\""));
    // Running it again changes nothing.
    let again = import(&repo().join(SEED), &out, false, &[]);
    assert!(
        text(&again).contains("0 file(s) written"),
        "{}",
        text(&again)
    );
}

#[test]
fn import_refuses_to_overwrite_hand_edits_without_force() {
    let out = tmpdir("handedit");
    assert!(import(&repo().join(SEED), &out, true, &[]).status.success());
    let p = out.join("tasks.yaml");
    let s = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, s.replacen("强化水资源承载能力", "强化水资源承载力", 1)).unwrap();
    let cmd = |extra: &[&str]| {
        bin()
            .args([
                "import",
                &repo().join(SEED).to_string_lossy(),
                "--content",
                &repo().join("content").to_string_lossy(),
                "--out",
                &out.to_string_lossy(),
            ])
            .args(extra)
            .output()
            .unwrap()
    };
    let o = cmd(&[]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("tasks.yaml: error: edited by hand since the last import"));
    let diff = cmd(&["--diff"]);
    assert!(
        text(&diff).contains("-    zh: \"强化水资源承载力"),
        "{}",
        text(&diff)
    );
    assert!(
        std::fs::read_to_string(&p)
            .unwrap()
            .contains("强化水资源承载力"),
        "--diff writes nothing"
    );
    assert!(cmd(&["--force"]).status.success());
    assert!(std::fs::read_to_string(&p)
        .unwrap()
        .contains("强化水资源承载能力"));
}

/// Damage the seed with `edit`, import it, and return the output.
fn damaged(name: &str, edit: impl FnOnce(String) -> String) -> String {
    let dir = tmpdir(name);
    let seed = dir.join("seed.txt");
    let s = std::fs::read_to_string(repo().join(SEED)).unwrap();
    std::fs::write(&seed, edit(s)).unwrap();
    let o = import(&seed, &dir.join("plan"), false, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(!dir.join("plan/tasks.yaml").exists(), "nothing written");
    text(&o)
}

/// 1-based line of the first line equal to `needle` within the task list.
fn line_of(needle: &str) -> usize {
    let s = std::fs::read_to_string(repo().join(SEED)).unwrap();
    let start = s
        .lines()
        .position(|l| l.contains("任务清单") && l.starts_with("二、"))
        .unwrap();
    start
        + s.lines()
            .skip(start)
            .position(|l| l.trim() == needle)
            .expect(needle)
        + 1
}

#[test]
fn damaged_missing_table() {
    let t = damaged("missing-table", |s| {
        s.replace(
            "三、《重庆市大足区生态环境保护“十四五”规划(2021—2025年)》项目清单",
            "",
        )
    });
    assert!(t.contains("seed.txt:5484:1: error: the document ends without the project list heading (三、…项目清单)"), "{t}");
}

#[test]
fn damaged_task_out_of_sequence() {
    let line = line_of("200");
    let t = damaged("sequence", |s| {
        let mut lines: Vec<&str> = s.lines().collect();
        lines[line - 1] = "201";
        lines.join("\n")
    });
    assert!(
        t.contains(&format!(
            "seed.txt:{line}:1: error: task number out of sequence: expected 200, found 201"
        )),
        "{t}"
    );
}

#[test]
fn damaged_row_without_lead_agency() {
    // Task 10's lead cell (区住房城乡建委) removed: its responsible cell is
    // then followed directly by task 11's number.
    let text = line_of("重点推进龙水片区和中敖镇污水处理厂建设。");
    let t = damaged("no-lead", |s| {
        let mut lines: Vec<String> = s.lines().map(String::from).collect();
        assert_eq!(lines[text + 1], "区住房城乡建委");
        lines[text + 1] = String::new();
        lines.join("\n")
    });
    assert!(
        t.contains("the row of task 10 ends early: expected its responsible units, found `11`"),
        "{t}"
    );
}

#[test]
fn damaged_truncated_document() {
    let t = damaged("truncated", |s| {
        s.lines().take(2000).collect::<Vec<_>>().join("\n")
    });
    assert!(
        t.contains("error: the document ends without the project list heading"),
        "{t}"
    );
}

#[test]
fn damaged_total_mismatch() {
    let t = damaged("total", |s| s.replace("\n56.99\n", "\n57.99\n"));
    assert!(t.contains("error: the project investments sum to 56.99 亿元 but the document states a total of 57.99"), "{t}");
}

#[test]
fn damaged_unknown_agency_names_the_line() {
    let t = damaged("agency", |s| s.replacen("\n区水利局\n", "\n区水务局\n", 1));
    assert!(
        t.contains(
            "error: unknown agency `区水务局` in `区水务局`\n    |\n294 | 区水务局\n    | ^^\n    = help: did you mean `区水利局`?"
        ),
        "{t}"
    );
}

#[test]
fn damaged_indicator_attribute() {
    let t = damaged("attribute", |s| s.replacen("\n约束性\n", "\n约束\n", 1));
    assert!(
        t.contains("indicator 1: expected the attribute 约束性 or 预期性, found `约束`"),
        "{t}"
    );
}
