//! The spreadsheet round trip for bureaus that work in Excel:
//! `gongkai export-sheet --agency ID` writes an XLSX of the agency's tasks
//! and yearly key tasks with their current status and empty columns for the
//! new report; `gongkai import-sheet FILE` turns the filled rows into update
//! files. File names are stable (date, subject, agency), so importing the
//! same sheet twice creates nothing new; any bad row stops the whole import
//! before a file is written, each reported by sheet, row and column.

use crate::cli::{ExportSheetArgs, ImportSheetArgs};
use crate::diagnostics::{did_you_mean, Diagnostic, Failed};
use crate::model::*;
use anyhow::{anyhow, Context, Result};
use calamine::{Data, Reader};
use rust_xlsxwriter::{DataValidation, Format, Workbook};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const SHEETS: [&str; 2] = ["任务 Tasks", "重点任务 Key tasks"];

/// The columns, in order. The first six describe the item; the rest are filled in.
const COLUMNS: [(&str, f64); 17] = [
    ("对象 Subject", 14.0),
    ("序号 No.", 7.0),
    ("内容 Text", 60.0),
    ("角色 Role", 10.0),
    ("当前状态 Current status", 14.0),
    ("最近报送 Last report", 12.0),
    ("截至日期 As of (YYYY-MM-DD)", 14.0),
    ("状态 Status", 16.0),
    ("完成% Percent", 8.0),
    ("进展情况 Progress", 40.0),
    ("存在的问题 Problems", 30.0),
    ("下一步措施 Next steps", 30.0),
    ("Progress (English)", 40.0),
    ("Problems (English)", 30.0),
    ("Next steps (English)", 30.0),
    ("佐证链接 Evidence URL", 30.0),
    ("佐证标题 Evidence title", 30.0),
];
const FIRST_INPUT: u16 = 6;

/// Status labels offered in the sheet's drop-down (key after the Chinese).
fn status_choices() -> Vec<String> {
    [
        ("未开始", "not-started"),
        ("推进中", "in-progress"),
        ("已完成", "completed"),
        ("滞后", "delayed"),
        ("持续推进", "ongoing"),
    ]
    .iter()
    .map(|(zh, key)| format!("{zh} {key}"))
    .collect()
}

fn load_site(content: &Path) -> Result<Site, Failed> {
    let (raw, diags) = crate::load::load(content);
    crate::validate::validate(raw, diags)
        .map(|(s, _)| s)
        .map_err(Failed::from)
}

pub fn export(args: ExportSheetArgs) -> Result<ExitCode> {
    let site = match load_site(&args.content) {
        Ok(s) => s,
        Err(f) => {
            eprintln!("{f}");
            return Ok(ExitCode::from(1));
        }
    };
    let Some(agency) = site.agency(&args.agency) else {
        let help = did_you_mean(&args.agency, site.agencies.iter().map(|a| a.id.as_str()))
            .unwrap_or_default();
        eprintln!("error: unknown agency `{}` {help}", args.agency);
        return Ok(ExitCode::from(1));
    };
    let timelines = crate::progress::timelines(&site.updates);
    let latest = |s: Subject| timelines.get(&s).and_then(|t| t.last().copied());
    let mut rows: [Vec<[String; 6]>; 2] = [Vec::new(), Vec::new()];
    // One sheet row: subject, number, text, role, latest status and its date.
    let row = |s: Subject, number: u32, text: &str, role: &str| {
        let u = latest(s);
        [
            s.key(),
            number.to_string(),
            text.to_string(),
            role.to_string(),
            status_cell(u),
            u.map(|u| u.date.clone()).unwrap_or_default(),
        ]
    };
    for t in &site.tasks {
        let role = if t.lead.contains(&agency.id) {
            "牵头 lead"
        } else if t.responsible.contains(&agency.id) {
            "责任 responsible"
        } else {
            continue;
        };
        rows[0].push(row(Subject::Task(t.number), t.number, &t.text.zh, role));
    }
    for l in &site.key_task_lists {
        for k in &l.items {
            let role = if k.responsible.contains(&agency.id) {
                "责任 responsible"
            } else if k.cooperating.contains(&agency.id) {
                "配合 cooperating"
            } else {
                continue;
            };
            rows[1].push(row(
                Subject::KeyTask(l.year, k.number),
                k.number,
                &k.text.zh,
                role,
            ));
        }
    }
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold().set_text_wrap();
    let wrap = Format::new().set_text_wrap();
    let choices = status_choices();
    for (name, rows) in SHEETS.iter().zip(&rows) {
        let ws = wb.add_worksheet();
        ws.set_name(*name)?;
        for (c, (title, width)) in COLUMNS.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *title, &bold)?;
            ws.set_column_width(c as u16, *width)?;
        }
        ws.set_freeze_panes(1, 2)?;
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                ws.write_string_with_format(r as u32 + 1, c as u16, v, &wrap)?;
            }
        }
        if !rows.is_empty() {
            let dv = DataValidation::new()
                .allow_list_strings(&choices.iter().map(String::as_str).collect::<Vec<_>>())?;
            ws.add_data_validation(1, FIRST_INPUT + 1, rows.len() as u32, FIRST_INPUT + 1, &dv)?;
        }
    }
    let out = args
        .out
        .unwrap_or_else(|| PathBuf::from(format!("{}.xlsx", agency.id)));
    wb.save(&out)
        .with_context(|| format!("writing {}", out.display()))?;
    println!("{}", out.display());
    eprintln!(
        "wrote {} ({} tasks, {} key tasks of {})",
        out.display(),
        rows[0].len(),
        rows[1].len(),
        agency.name.zh
    );
    Ok(ExitCode::SUCCESS)
}

fn status_cell(u: Option<&Update>) -> String {
    u.map_or_else(
        || "未评估 not-assessed".to_string(),
        |u| u.status.key().to_string(),
    )
}

fn cell(row: &[Data], c: usize) -> String {
    match row.get(c) {
        None | Some(Data::Empty) => String::new(),
        Some(Data::Float(f)) if f.fract() == 0.0 => format!("{f:.0}"),
        Some(d) => d.to_string().trim().to_string(),
    }
}

fn column_letter(c: usize) -> char {
    (b'A' + c as u8) as char
}

/// A filled row, checked.
struct Report {
    subject: Subject,
    reporter: String,
    date: String,
    status: Status,
    percent: Option<u8>,
    zh: [String; 3],
    en: [String; 3],
    evidence: Option<(String, String)>,
}

pub fn import(args: ImportSheetArgs) -> Result<ExitCode> {
    let site = match load_site(&args.content) {
        Ok(s) => s,
        Err(f) => {
            eprintln!("{f}");
            return Ok(ExitCode::from(1));
        }
    };
    let reporter = args
        .file
        .file_stem()
        .and_then(|s| s.to_str())
        .map(|s| s.split(['.', ' ']).next().unwrap_or(s).to_string())
        .filter(|s| site.agency(s).is_some())
        .or(args.agency.clone())
        .ok_or_else(|| anyhow!("name the reporting agency with --agency ID (or keep the file name `ID.xlsx` from export-sheet)"))?;
    if site.agency(&reporter).is_none() {
        eprintln!("error: unknown agency `{reporter}`");
        return Ok(ExitCode::from(1));
    }
    let mut book = calamine::open_workbook_auto(&args.file)
        .with_context(|| format!("reading {}", args.file.display()))?;
    let mut errors = Vec::new();
    let mut reports = Vec::new();
    for name in SHEETS {
        let Ok(range) = book.worksheet_range(name) else {
            errors.push(Diagnostic::file(
                &args.file,
                format!("no sheet `{name}` (use the sheet that export-sheet wrote)"),
            ));
            continue;
        };
        for (i, row) in range.rows().enumerate().skip(1) {
            let line = i as u64 + 1;
            let input: Vec<String> = (FIRST_INPUT as usize..COLUMNS.len())
                .map(|c| cell(row, c))
                .collect();
            if input.iter().all(String::is_empty) {
                continue; // not filled in
            }
            let err = |c: usize, msg: String| {
                Diagnostic::new(
                    &args.file,
                    line,
                    c as u64 + 1,
                    format!(
                        "sheet `{name}`, column {} ({}): {msg}",
                        column_letter(c),
                        COLUMNS[c].0
                    ),
                )
            };
            let n_before = errors.len();
            let subject = Subject::parse(&cell(row, 0)).filter(|s| subject_exists(&site, *s));
            if subject.is_none() {
                errors.push(err(
                    0,
                    format!("`{}` is not a task or key task of the plan", cell(row, 0)),
                ));
            }
            let date = cell(row, 6);
            if !crate::dates::valid_date(&date) {
                errors.push(err(6, format!("`{date}` is not a date (YYYY-MM-DD)")));
            }
            let status_text = cell(row, 7);
            let status = status_text
                .split_whitespace()
                .find_map(Status::parse)
                .or_else(|| {
                    [
                        ("未开始", Status::NotStarted),
                        ("推进中", Status::InProgress),
                        ("已完成", Status::Completed),
                        ("滞后", Status::Delayed),
                        ("持续推进", Status::Ongoing),
                    ]
                    .iter()
                    .find(|(zh, _)| status_text.starts_with(zh))
                    .map(|(_, s)| *s)
                });
            if status.is_none() {
                let help = did_you_mean(&status_text, Status::REPORTABLE)
                    .map(|h| format!(" ({h})"))
                    .unwrap_or_default();
                errors.push(err(
                    7,
                    format!("unknown status `{status_text}`{help}; choose from the list"),
                ));
            }
            let percent_text = cell(row, 8);
            let percent = if percent_text.is_empty() {
                None
            } else {
                match percent_text.trim_end_matches('%').parse::<u8>() {
                    Ok(p) if p <= 100 => Some(p),
                    _ => {
                        errors.push(err(
                            8,
                            format!("percent `{percent_text}` is not a whole number from 0 to 100"),
                        ));
                        None
                    }
                }
            };
            let zh = [cell(row, 9), cell(row, 10), cell(row, 11)];
            if zh[0].is_empty() {
                errors.push(err(9, "the progress (进展情况) is empty".into()));
            }
            let url = cell(row, 15);
            let web = url.starts_with("https://") || url.starts_with("http://");
            if !url.is_empty() && !web {
                errors.push(err(15, format!("`{url}` is not an http(s) address")));
            }
            if errors.len() > n_before {
                continue;
            }
            reports.push(Report {
                subject: subject.expect("checked"),
                reporter: reporter.clone(),
                date,
                status: status.expect("checked"),
                percent,
                zh,
                en: [cell(row, 12), cell(row, 13), cell(row, 14)],
                evidence: (!url.is_empty()).then(|| (url, cell(row, 16))),
            });
        }
    }
    if !errors.is_empty() {
        eprintln!("{}", Failed(errors));
        eprintln!("nothing written: fix the rows above and import again");
        return Ok(ExitCode::from(1));
    }
    let (mut written, mut unchanged) = (0, 0);
    for r in &reports {
        let stem = format!(
            "{}-{}-{}",
            r.date,
            r.subject.key().replace('/', "-"),
            r.reporter
        );
        let dir = args.content.join("updates").join(&r.date[..4]);
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        let (zh, en) = update_files(r);
        let mut files = vec![(dir.join(format!("{stem}.md")), zh)];
        files.extend(en.map(|en| (dir.join(format!("{stem}.en.md")), en)));
        for (path, text) in files {
            if std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
                unchanged += 1;
                continue;
            }
            std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
            println!("{}", path.display());
            written += 1;
        }
    }
    eprintln!(
        "import-sheet: {} filled row(s); {written} file(s) written, {unchanged} unchanged",
        reports.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn subject_exists(site: &Site, s: Subject) -> bool {
    match s {
        Subject::Task(n) => site.tasks.iter().any(|t| t.number == n),
        Subject::KeyTask(y, n) => site
            .key_task_lists
            .iter()
            .any(|l| l.year == y && l.items.iter().any(|k| k.number == n)),
        _ => false,
    }
}

fn yaml_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// The update file (and its English twin when the row has English).
fn update_files(r: &Report) -> (String, Option<String>) {
    let mut front = format!(
        "---\nsubjects: [{}]\ndate: \"{}\"\nstatus: {}\n",
        r.subject.key(),
        r.date,
        r.status.key()
    );
    if let Some(p) = r.percent {
        front.push_str(&format!("percent: {p}\n"));
    }
    front.push_str(&format!("reporter: {}\n", r.reporter));
    match &r.evidence {
        Some((url, title)) => {
            let title = if title.is_empty() {
                url.as_str()
            } else {
                title.as_str()
            };
            front.push_str(&format!(
                "evidence:\n  - title: {{zh: {}}}\n    url: {}\n",
                yaml_str(title),
                yaml_str(url)
            ));
        }
        None => front.push_str("evidence: []\n"),
    }
    front.push_str("---\n");
    let body = |titles: [&str; 3], texts: &[String; 3]| -> String {
        titles
            .iter()
            .zip(texts)
            .filter(|(_, t)| !t.is_empty())
            .map(|(h, t)| format!("## {h}\n\n{t}\n"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let zh = format!(
        "{front}{}",
        body(["进展情况", "存在的问题", "下一步措施"], &r.zh)
    );
    let en = (!r.en[0].is_empty()).then(|| body(["Progress", "Problems", "Next steps"], &r.en));
    (zh, en)
}
