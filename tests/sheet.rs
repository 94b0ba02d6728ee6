//! The spreadsheet round trip: export an agency's sheet, fill it as a bureau
//! would in Excel, import it back into update files.

use crate::common::*;
use calamine::{Data, Reader};
use std::path::Path;

fn rows(file: &Path, sheet: &str) -> Vec<Vec<String>> {
    let mut book = calamine::open_workbook_auto(file).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| {
                    if matches!(c, Data::Empty) {
                        String::new()
                    } else {
                        c.to_string()
                    }
                })
                .collect()
        })
        .collect()
}

/// Write `rows` back as a workbook with the export's sheet names (what
/// Excel would save after a bureau filled the sheet in).
fn save(file: &Path, sheets: &[(&str, Vec<Vec<String>>)]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                ws.write_string(r as u32, c as u16, v).unwrap();
            }
        }
    }
    wb.save(file).unwrap();
}

/// `gongkai export-sheet --agency water` into `sheet`.
fn export_water(content: &Path, sheet: &Path) {
    let o = bin()
        .args(["export-sheet", "--agency", "water", "--out"])
        .arg(sheet)
        .arg("--content")
        .arg(content)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
}

/// `gongkai import-sheet SHEET ARGS… --content CONTENT`.
fn import(sheet: &Path, args: &[&str], content: &Path) -> std::process::Output {
    bin()
        .arg("import-sheet")
        .arg(sheet)
        .args(args)
        .arg("--content")
        .arg(content)
        .output()
        .unwrap()
}

fn fill(row: &mut Vec<String>, values: &[(usize, &str)]) {
    row.resize(17, String::new());
    for (c, v) in values {
        row[*c] = v.to_string();
    }
}

#[test]
fn export_fill_import_and_import_again_creates_nothing_new() {
    let root = fixture("sheet");
    let content = root.join("content");
    let sheet = root.join("water.xlsx");
    export_water(&content, &sheet);
    let mut tasks = rows(&sheet, "任务 Tasks");
    let subjects: Vec<&str> = tasks.iter().skip(1).map(|r| r[0].as_str()).collect();
    assert_eq!(
        subjects,
        ["task/1", "task/2", "task/3"],
        "the tasks it leads or shares"
    );
    assert_eq!(tasks[1][4], "completed", "current status");
    assert_eq!(tasks[3][4], "未评估 not-assessed");
    let key = rows(&sheet, "重点任务 Key tasks");
    assert_eq!(key.len(), 2, "key task 1, where it cooperates");
    fill(
        &mut tasks[3],
        &[
            (6, "2023-01-12"),
            (7, "推进中 in-progress"),
            (8, "30"),
            (9, "已完成护岸方案设计。"),
            (12, "The bank protection design is complete."),
            (15, "https://www.example.gov.cn/notices/2023-3"),
            (16, "方案批复"),
        ],
    );
    save(
        &sheet,
        &[
            ("任务 Tasks", tasks.clone()),
            ("重点任务 Key tasks", key.clone()),
        ],
    );

    let o = import(&sheet, &[], &content);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("1 filled row(s); 2 file(s) written, 0 unchanged"),
        "{}",
        text(&o)
    );
    let update = read(content.join("updates/2023/2023-01-12-task-3-water.md"));
    assert!(update.contains("subjects: [task/3]\ndate: \"2023-01-12\"\nstatus: in-progress\npercent: 30\nreporter: water"), "{update}");
    assert!(update.contains("## 进展情况\n\n已完成护岸方案设计。"));
    let check = bin()
        .arg("check")
        .arg("--content")
        .arg(&content)
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", text(&check));

    let again = import(&sheet, &[], &content);
    assert!(
        text(&again).contains("0 file(s) written, 2 unchanged"),
        "{}",
        text(&again)
    );
}

#[test]
fn a_bad_row_stops_the_import_and_names_sheet_row_and_column() {
    let root = fixture("sheet-bad");
    let content = root.join("content");
    let sheet = root.join("water.xlsx");
    export_water(&content, &sheet);
    let mut tasks = rows(&sheet, "任务 Tasks");
    let key = rows(&sheet, "重点任务 Key tasks");
    fill(
        &mut tasks[3],
        &[(6, "2023-02-01"), (7, "in-progres"), (9, "进展")],
    );
    fill(
        &mut tasks[2],
        &[(6, "2023-13-01"), (7, "delayed"), (8, "150"), (9, "进展")],
    );
    fill(
        &mut tasks[1],
        &[(6, "2023-02-01"), (7, "completed"), (9, "好的一行")],
    );
    save(
        &sheet,
        &[("任务 Tasks", tasks), ("重点任务 Key tasks", key)],
    );
    let o = import(&sheet, &[], &content);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    assert!(t.contains("water.xlsx:4:8: error: sheet `任务 Tasks`, column H (状态 Status): unknown status `in-progres` (did you mean `in-progress`?)"), "{t}");
    assert!(t.contains("water.xlsx:3:7: error: sheet `任务 Tasks`, column G (截至日期 As of (YYYY-MM-DD)): `2023-13-01` is not a date"), "{t}");
    assert!(t.contains("water.xlsx:3:9: error: sheet `任务 Tasks`, column I (完成% Percent): percent `150` is not a whole number from 0 to 100"), "{t}");
    assert!(
        !content.join("updates/2023").exists(),
        "nothing written, not even the good row"
    );
}

#[test]
fn the_agency_given_with_agency_wins_over_the_file_name() {
    // Regression: a sheet saved under another agency's id (`eco-env.xlsx`)
    // was imported as that agency's report although `--agency water` said
    // who reports.
    let root = fixture("sheet-agency");
    let content = root.join("content");
    let sheet = root.join("eco-env.xlsx");
    export_water(&content, &sheet);
    let mut tasks = rows(&sheet, "任务 Tasks");
    let key = rows(&sheet, "重点任务 Key tasks");
    fill(
        &mut tasks[3],
        &[
            (6, "2023-01-12"),
            (7, "推进中 in-progress"),
            (9, "已完成护岸方案设计。"),
        ],
    );
    save(
        &sheet,
        &[("任务 Tasks", tasks), ("重点任务 Key tasks", key)],
    );
    let o = import(&sheet, &["--agency", "water"], &content);
    assert!(o.status.success(), "{}", text(&o));
    let update = read(content.join("updates/2023/2023-01-12-task-3-water.md"));
    assert!(update.contains("reporter: water"), "{update}");
    assert!(!content
        .join("updates/2023/2023-01-12-task-3-eco-env.md")
        .exists());

    let o = import(&sheet, &["--agency", "watr"], &content);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains("error: unknown agency `watr`\n  help: did you mean `water`?"),
        "{}",
        text(&o)
    );
}
