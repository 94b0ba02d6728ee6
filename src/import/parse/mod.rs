//! The parser for the source document's text (a government web page flattened
//! to lines: one table cell per line, blank lines between cells, an empty
//! cell as an extra blank line). It is a pure function of the text, the
//! errata and the registries, and checks the document against itself:
//! numbering in sequence, every row complete, every agency resolved, the
//! project investments summing to the stated total. Any mismatch is an error
//! naming the line and what was expected; nothing is guessed.
//!
//! `cells.rs` reads single cells (numbers, headings, year ranges);
//! `tables.rs` walks the document's tables, one method per table.

use super::registry::Registries;
use crate::diagnostics::Diagnostic;
use crate::load::raw::*;
use crate::model::amount::hundredths;
use std::path::{Path, PathBuf};

mod cells;
mod tables;

use cells::*;

/// Everything the importer takes out of the document.
#[derive(Debug)]
pub struct Imported {
    pub document: RawDocument,
    pub titles: RawPlanTitles,
    pub chapters: Vec<RawChapter>,
    pub indicators: Vec<RawIndicator>,
    pub tasks: Vec<RawTask>,
    pub projects: RawProjects,
    pub key_tasks: RawKeyTaskList,
}

/// The seed as lines (1-based via `get`), after errata were applied, plus
/// which errata touched which line.
pub struct Lines {
    lines: Vec<String>,
    applied: Vec<Vec<String>>,
    lost: Vec<Vec<(String, String)>>,
}

impl Lines {
    fn get(&self, n: usize) -> &str {
        self.lines.get(n - 1).map(|s| s.trim()).unwrap_or("")
    }
    fn len(&self) -> usize {
        self.lines.len()
    }
    fn corrections(&self, range: std::ops::RangeInclusive<usize>) -> Vec<String> {
        let mut v: Vec<String> = range
            .flat_map(|n| self.applied.get(n - 1).cloned().unwrap_or_default())
            .collect();
        v.sort();
        v.dedup();
        v
    }
    fn lost_fields(&self, range: std::ops::RangeInclusive<usize>) -> Vec<(String, String)> {
        range
            .flat_map(|n| self.lost.get(n - 1).cloned().unwrap_or_default())
            .collect()
    }
    /// The next non-empty line at or after `n`, with the count of blank lines skipped.
    fn next_nonempty(&self, mut n: usize) -> Option<(usize, usize)> {
        let start = n;
        while n <= self.len() {
            if !self.get(n).is_empty() {
                return Some((n, n - start));
            }
            n += 1;
        }
        None
    }
}

/// Apply the errata to the raw text. An erratum whose raw text is not on its
/// line is an error: the seed changed and the erratum must be reviewed.
pub fn apply_errata(
    seed: &Path,
    text: &str,
    errata: &[RawErratum],
    errata_path: &Path,
) -> (Lines, Vec<Diagnostic>) {
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut out = Lines {
        applied: vec![Vec::new(); lines.len()],
        lost: vec![Vec::new(); lines.len()],
        lines,
    };
    let mut errs = Vec::new();
    for e in errata {
        let n = e.line as usize;
        let Some(line) = out.lines.get_mut(n.wrapping_sub(1)) else {
            errs.push(Diagnostic::new(
                errata_path,
                0,
                0,
                format!(
                    "erratum {}: line {} is outside {}",
                    e.id,
                    e.line,
                    seed.display()
                ),
            ));
            continue;
        };
        if let Some(field) = &e.lost_field {
            out.lost[n - 1].push((field.clone(), e.id.clone()));
        } else if e.raw.is_empty() || !line.contains(&e.raw) {
            errs.push(
                Diagnostic::new(
                    errata_path,
                    0,
                    0,
                    format!(
                        "erratum {}: {}:{} does not contain `{}`",
                        e.id,
                        seed.display(),
                        e.line,
                        e.raw
                    ),
                )
                .with_help("the seed text changed: review this erratum"),
            );
            continue;
        } else {
            *line = line.replace(&e.raw, &e.corrected);
        }
        out.applied[n - 1].push(e.id.clone());
    }
    (out, errs)
}

struct Parser<'a> {
    seed: PathBuf,
    lines: &'a Lines,
    reg: &'a Registries,
    errors: Vec<Diagnostic>,
    /// The aliases met in the current row's agency cells (id → wording),
    /// taken by the row when it is built.
    written_as: std::collections::BTreeMap<String, String>,
}

type Step<T> = Result<T, Diagnostic>;

/// Parse the whole document.
pub fn parse(seed: &Path, lines: &Lines, reg: &Registries) -> Result<Imported, Vec<Diagnostic>> {
    let mut p = Parser {
        seed: seed.to_path_buf(),
        lines,
        reg,
        errors: Vec::new(),
        written_as: Default::default(),
    };
    let result = (|| -> Step<Imported> {
        let document = p.metadata()?;
        let a1 = p.find(1, |l| l == "附件1", "attachment 1 (附件1)")?;
        let a1_title = p.find(a1 + 1, |l| !l.is_empty(), "attachment 1's title")?;
        let ind = p.find(
            a1,
            |l| l.starts_with("一、") && l.ends_with("指标清单"),
            "the indicator list heading (一、…指标清单)",
        )?;
        let task = p.find(
            ind,
            |l| l.starts_with("二、") && l.ends_with("任务清单"),
            "the task list heading (二、…任务清单)",
        )?;
        let proj = p.find(
            task,
            |l| l.starts_with("三、") && l.ends_with("项目清单"),
            "the project list heading (三、…项目清单)",
        )?;
        let a2 = p.find(proj, |l| l == "附件2", "attachment 2 (附件2)")?;
        let end = p.find(
            a2,
            |l| l.starts_with("文件下载"),
            "the end of attachment 2 (文件下载)",
        )?;
        let mut a1_lines = String::new();
        for n in a1_title..ind {
            a1_lines.push_str(p.lines.get(n));
        }
        let indicators = p.indicators(ind + 1, task)?;
        let (chapters, tasks) = p.tasks(task + 1, proj)?;
        let projects = p.projects(proj + 1, a2)?;
        let key_tasks = p.key_tasks(a2, end)?;
        let titles = RawPlanTitles {
            attachment1: zh(a1_lines),
            attachment2: key_tasks.title.clone(),
            indicators: zh(p.lines.get(ind).trim_start_matches("一、")),
            tasks: zh(p.lines.get(task).trim_start_matches("二、")),
            projects: zh(p.lines.get(proj).trim_start_matches("三、")),
        };
        Ok(Imported {
            document,
            titles,
            chapters,
            indicators,
            tasks,
            projects,
            key_tasks,
        })
    })();
    match result {
        Ok(imp) if p.errors.is_empty() => Ok(imp),
        Ok(_) => Err(p.errors),
        Err(e) => {
            p.errors.push(e);
            Err(p.errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers() {
        assert_eq!(chinese_number("一"), Some(1));
        assert_eq!(chinese_number("七"), Some(7));
        assert_eq!(chinese_number("十"), Some(10));
        assert_eq!(chinese_number("十二"), Some(12));
        assert_eq!(chinese_number("二十一"), Some(21));
        assert_eq!(chinese_number("甲"), None);
    }

    #[test]
    fn headings() {
        assert_eq!(
            section_heading("(三)加强土壤"),
            Some((3, "加强土壤".into()))
        );
        assert_eq!(
            section_heading("（三）加强土壤"),
            Some((3, "加强土壤".into()))
        );
        assert_eq!(
            chapter_heading("七、保障措施"),
            Some((7, "保障措施".into()))
        );
        assert_eq!(chapter_heading("区生态环境局、经开区生态环境局"), None);
    }

    #[test]
    fn year_before_nian() {
        assert_eq!(
            year_of("大足区2022年生态环境保护重点工作目标任务"),
            Some(2022)
        );
        assert_eq!(year_of("重点工作目标任务"), None);
        assert_eq!(year_of("22年"), None);
    }

    #[test]
    fn cjk_line_breaks_are_joined() {
        assert_eq!(
            join_cjk("规划任务 分解方案和2022年度 任务的通知"),
            "规划任务分解方案和2022年度任务的通知"
        );
    }
}
