//! `import-sheet`: the filled rows of a sheet from `export-sheet`, checked
//! against the plan, as updates to write. Rows left empty are skipped; every
//! bad cell is a diagnostic naming its sheet, row and column.

use super::{COLUMNS, FIRST_INPUT, SHEETS, STATUS_LABELS};
use crate::diagnostics::{did_you_mean, Diagnostic};
use crate::import::update::UpdateDraft;
use crate::model::{Site, Status, Subject};
use anyhow::{Context, Result};
use calamine::{Data, Reader};
use std::path::Path;

/// What a filled sheet holds: an update per filled row, and the problems
/// of the rows that could not be read (none: every row became an update).
pub struct Filled {
    pub updates: Vec<UpdateDraft>,
    pub errors: Vec<Diagnostic>,
}

/// Read the filled rows of `file`, reported by `reporter`.
pub fn read(file: &Path, site: &Site, reporter: &str) -> Result<Filled> {
    let mut book = calamine::open_workbook_auto(file)
        .with_context(|| format!("reading {}", file.display()))?;
    let mut filled = Filled {
        updates: Vec::new(),
        errors: Vec::new(),
    };
    for name in SHEETS {
        let Ok(range) = book.worksheet_range(name) else {
            filled.errors.push(Diagnostic::file(
                file,
                format!("no sheet `{name}` (use the sheet that export-sheet wrote)"),
            ));
            continue;
        };
        for (i, cells) in range.rows().enumerate().skip(1) {
            let row = Row {
                file,
                sheet: name,
                line: i as u64 + 1,
                cells,
            };
            if row.is_empty() {
                continue;
            }
            match row.update(site, reporter) {
                Ok(u) => filled.updates.push(u),
                Err(mut errs) => filled.errors.append(&mut errs),
            }
        }
    }
    Ok(filled)
}

/// One row of a sheet.
struct Row<'a> {
    file: &'a Path,
    sheet: &'a str,
    /// 1-based, as the spreadsheet shows it.
    line: u64,
    cells: &'a [Data],
}

impl Row<'_> {
    /// The text of column `c` (a whole number without its `.0`).
    fn cell(&self, c: usize) -> String {
        match self.cells.get(c) {
            None | Some(Data::Empty) => String::new(),
            Some(Data::Float(f)) if f.fract() == 0.0 => format!("{f:.0}"),
            Some(d) => d.to_string().trim().to_string(),
        }
    }

    /// Whether nothing was filled in.
    fn is_empty(&self) -> bool {
        (FIRST_INPUT as usize..COLUMNS.len()).all(|c| self.cell(c).is_empty())
    }

    fn error(&self, c: usize, msg: String) -> Diagnostic {
        let column = (b'A' + c as u8) as char;
        Diagnostic::new(
            self.file,
            self.line,
            c as u64 + 1,
            format!(
                "sheet `{}`, column {column} ({}): {msg}",
                self.sheet, COLUMNS[c].0
            ),
        )
    }

    /// The update the row reports, or every problem of it.
    fn update(&self, site: &Site, reporter: &str) -> Result<UpdateDraft, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let subject = Subject::parse(&self.cell(0)).filter(|s| subject_exists(site, *s));
        if subject.is_none() {
            let msg = format!("`{}` is not a task or key task of the plan", self.cell(0));
            errors.push(self.error(0, msg));
        }
        let date = self.cell(6);
        if !crate::dates::valid_date(&date) {
            errors.push(self.error(6, format!("`{date}` is not a date (YYYY-MM-DD)")));
        }
        let status = self.status().map_err(|e| errors.push(e)).ok();
        let percent = self.percent().map_err(|e| errors.push(e)).ok().flatten();
        let zh = [self.cell(9), self.cell(10), self.cell(11)];
        if zh[0].is_empty() {
            errors.push(self.error(9, "the progress (进展情况) is empty".into()));
        }
        let url = self.cell(15);
        let web = url.starts_with("https://") || url.starts_with("http://");
        if !url.is_empty() && !web {
            errors.push(self.error(15, format!("`{url}` is not an http(s) address")));
        }
        let (Some(subject), Some(status), true) = (subject, status, errors.is_empty()) else {
            return Err(errors);
        };
        let en = [self.cell(12), self.cell(13), self.cell(14)];
        Ok(UpdateDraft {
            subject,
            date,
            status,
            percent,
            reporter: reporter.to_string(),
            evidence: (!url.is_empty()).then(|| (url, self.cell(16))),
            zh,
            en: (!en[0].is_empty()).then_some(en),
            form: false,
        })
    }

    /// The status: a key (`in-progress`) or a Chinese label (`推进中`), as
    /// the drop-down offers them together.
    fn status(&self) -> Result<Status, Diagnostic> {
        let text = self.cell(7);
        let status = text.split_whitespace().find_map(Status::parse).or_else(|| {
            STATUS_LABELS
                .iter()
                .find(|(zh, _)| text.starts_with(zh))
                .map(|(_, s)| *s)
        });
        status.ok_or_else(|| {
            let help = did_you_mean(&text, Status::REPORTABLE)
                .map(|h| format!(" ({h})"))
                .unwrap_or_default();
            self.error(
                7,
                format!("unknown status `{text}`{help}; choose from the list"),
            )
        })
    }

    /// The percent done, if given: a whole number from 0 to 100.
    fn percent(&self) -> Result<Option<u8>, Diagnostic> {
        let text = self.cell(8);
        if text.is_empty() {
            return Ok(None);
        }
        match text.trim_end_matches('%').parse::<u8>() {
            Ok(p) if p <= 100 => Ok(Some(p)),
            _ => Err(self.error(
                8,
                format!("percent `{text}` is not a whole number from 0 to 100"),
            )),
        }
    }
}

/// Whether `s` is a task or a yearly key task of the plan (a sheet lists
/// only those).
fn subject_exists(site: &Site, s: Subject) -> bool {
    match s {
        Subject::Task(n) => site.plan.tasks.iter().any(|t| t.number == n),
        Subject::KeyTask(y, n) => site
            .plan
            .key_task_lists
            .iter()
            .any(|l| l.year == y && l.items.iter().any(|k| k.number == n)),
        _ => false,
    }
}
