//! Progress updates (`content/updates/**/*.md`): each one names known
//! subjects, a real date, a known status, a percent in 0–100, a known
//! reporter and evidence that exists; an English twin that repeats the front
//! matter repeats it unchanged; no two files report the same thing; and, in
//! a build, check or serve, none is dated after the data date.

use super::refs::{at, Refs};
use crate::dates::valid_date;
use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics};
use crate::load::raw::{RawEvidence, RawUpdateFront};
use crate::load::yaml::{line_col, Spanned};
use crate::load::RawUpdateFile;
use crate::model::Plan;
use crate::model::*;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// The checked updates, sorted by date and id. `files` are the evidence
/// files under content/files/.
pub fn updates(
    raw: &[RawUpdateFile],
    files: &[String],
    plan: &Plan,
    refs: &Refs,
    d: &mut Diagnostics,
) -> Vec<Update> {
    // Looked up, not searched for: 50,000 updates on 50,000 tasks.
    let known: HashSet<Subject> = (plan.tasks.iter().map(|t| Subject::Task(t.number)))
        .chain(plan.indicators.iter().map(|i| Subject::Indicator(i.number)))
        .chain(plan.projects.iter().map(|p| Subject::Project(p.number)))
        .chain(plan.key_task_lists.iter().flat_map(|l| {
            l.items
                .iter()
                .map(move |k| Subject::KeyTask(l.year, k.number))
        }))
        .collect();
    let mut out = Vec::new();
    for u in raw {
        let f = &u.front;
        let path = &u.path;
        let subjects = subjects(path, &f.subjects, plan, &known, d);
        if !valid_date(&f.date.value) {
            d.push(at(
                path,
                &f.date,
                format!("date `{}` is not a date (YYYY-MM-DD)", f.date.value),
            ));
        }
        let status = Status::parse(&f.status.value).unwrap_or_else(|| {
            let help = did_you_mean(&f.status.value, Status::REPORTABLE)
                .unwrap_or_else(|| format!("one of: {}", Status::REPORTABLE.join(", ")));
            let msg = format!("unknown status `{}`", f.status.value);
            d.push(at(path, &f.status, msg).with_help(help));
            Status::NotAssessed
        });
        let percent = f.percent.as_ref().and_then(|p| {
            let percent = u8::try_from(p.value).ok().filter(|p| *p <= 100);
            if percent.is_none() {
                let msg = format!(
                    "percent must be a whole number from 0 to 100, found {}",
                    p.value
                );
                d.push(at(path, p, msg));
            }
            percent
        });
        let reporter = refs
            .agencies(path, std::slice::from_ref(&f.reporter), d)
            .into_iter()
            .next()
            .unwrap_or_default();
        let evidence = f
            .evidence
            .iter()
            .map(|e| evidence(u, e, files, d))
            .collect();
        twin_agrees(u, d);
        out.push(Update {
            id: u.id.clone(),
            subjects,
            date: f.date.value.clone(),
            status,
            percent,
            reporter,
            evidence,
            body_zh: u.body.clone(),
            body_en: u.en.as_ref().map(|m| m.body.clone()),
        });
    }
    let mut ids = BTreeMap::new();
    for u in raw {
        if let Some(first) = ids.insert(u.id.clone(), u.path.clone()) {
            d.push(Diagnostic::file(
                &u.path,
                format!(
                    "a second update with the id `{}` (also {})",
                    u.id,
                    first.display()
                ),
            ));
        }
    }
    repeats(raw, d);
    out.sort_by(|a, b| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
    out
}

/// The subjects an update names, each a known task, indicator, project or
/// key task. A plan file that failed to load has no items: its error is
/// reported once, not again at every update on one of them.
fn subjects(
    path: &Path,
    written: &[Spanned<String>],
    plan: &Plan,
    known: &HashSet<Subject>,
    d: &mut Diagnostics,
) -> Vec<Subject> {
    let lists = &plan.key_task_lists;
    let unloaded = |s: Subject, d: &Diagnostics| match s {
        Subject::Task(_) => plan.tasks.is_empty() && d.has_error_in("tasks.yaml"),
        Subject::Indicator(_) => plan.indicators.is_empty() && d.has_error_in("indicators.yaml"),
        Subject::Project(_) => plan.projects.is_empty() && d.has_error_in("projects.yaml"),
        Subject::KeyTask(y, _) => {
            !lists.iter().any(|l| l.year == y) && d.has_error_in(&format!("key-tasks-{y}.yaml"))
        }
    };
    if written.is_empty() {
        d.push(Diagnostic::new(
            path,
            2,
            1,
            "an update names at least one subject (e.g. `subjects: [task/8]`)",
        ));
    }
    let mut subjects = Vec::new();
    for s in written {
        let subject = Subject::parse(&s.value);
        let exists = subject.is_some_and(|s| known.contains(&s));
        match subject {
            None => d.push(
                at(path, s, format!("`{}` is not a subject", s.value))
                    .with_help("write task/N, indicator/N, project/N or key-task/YEAR/N"),
            ),
            Some(sub) if !exists && unloaded(sub, d) => {}
            Some(_) if !exists => d.push(at(path, s, format!("unknown subject `{}`", s.value))),
            Some(sub) => subjects.push(sub),
        }
    }
    subjects
}

/// An evidence item: an http(s) address, or a file under content/files/
/// (published at /files/).
fn evidence(u: &RawUpdateFile, e: &RawEvidence, files: &[String], d: &mut Diagnostics) -> Evidence {
    let path = &u.path;
    let href = match (&e.url, &e.file) {
        (Some(url), None) => {
            if !(url.value.starts_with("https://") || url.value.starts_with("http://")) {
                let msg = format!("evidence url `{}` is not an http(s) address", url.value);
                d.push(at(path, url, msg));
            }
            url.value.clone()
        }
        (None, Some(file)) => {
            if !files.contains(&file.value) {
                let msg = format!("evidence file `{}` is not under content/files/", file.value);
                let near = did_you_mean(&file.value, files.iter().map(String::as_str));
                d.push(at(path, file, msg).with_help_opt(near));
            }
            format!("/files/{}", file.value)
        }
        _ => {
            d.push(Diagnostic::new(
                path,
                u.body_line.saturating_sub(1).max(1),
                1,
                "each evidence item has either a `url` or a `file`",
            ));
            String::new()
        }
    };
    Evidence {
        title: e.title.clone(),
        href,
    }
}

/// An English twin needs no front matter; one that repeats the original's
/// must repeat it unchanged, or what it says differently would be ignored
/// without a word.
fn twin_agrees(u: &RawUpdateFile, d: &mut Diagnostics) {
    let (Some(en), Some(twin)) = (&u.en, &u.en_front) else {
        return;
    };
    if let Some((field, (line, column))) = first_difference(&u.front, twin) {
        let original = file_name(&u.path);
        d.push(
            Diagnostic::new(
                &en.path,
                line,
                column,
                format!("`{field}` differs from the Chinese original {original}"),
            )
            .with_help(
                "an English twin holds only the translated text: delete its front matter \
                 (the Chinese original's is the record)",
            ),
        );
    }
}

/// The first field in which `twin` differs from `zh`, and where it is in `twin`.
fn first_difference(
    zh: &RawUpdateFront,
    twin: &RawUpdateFront,
) -> Option<(&'static str, (u64, u64))> {
    let values = |s: &[Spanned<String>]| s.iter().map(|x| x.value.clone()).collect::<Vec<_>>();
    let first = |s: &[Spanned<String>]| s.first().map_or((1, 1), line_col);
    if values(&zh.subjects) != values(&twin.subjects) {
        return Some(("subjects", first(&twin.subjects)));
    }
    for (field, a, b) in [
        ("date", &zh.date, &twin.date),
        ("status", &zh.status, &twin.status),
        ("reporter", &zh.reporter, &twin.reporter),
    ] {
        if a.value != b.value {
            return Some((field, line_col(b)));
        }
    }
    if zh.percent.as_ref().map(|p| p.value) != twin.percent.as_ref().map(|p| p.value) {
        return Some(("percent", twin.percent.as_ref().map_or((1, 1), line_col)));
    }
    let evidence = |f: &RawUpdateFront| {
        f.evidence
            .iter()
            .map(|e| {
                let v = |s: &Option<Spanned<String>>| s.as_ref().map(|s| s.value.clone());
                (e.title.clone(), v(&e.url), v(&e.file))
            })
            .collect::<Vec<_>>()
    };
    (evidence(zh) != evidence(twin)).then(|| {
        let at = twin
            .evidence
            .iter()
            .find_map(|e| e.url.as_ref().or(e.file.as_ref()).map(line_col));
        ("evidence", at.unwrap_or((1, 1)))
    })
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default()
}

/// Two files that report on the same subjects, on the same date, by the
/// same reporter: with the same text, one is a copy of the other (an error,
/// or the timeline shows it twice); with another text, perhaps a
/// correction that should have replaced the first (a warning).
fn repeats(updates: &[RawUpdateFile], d: &mut Diagnostics) {
    let mut seen: BTreeMap<(Vec<&str>, &str, &str), Vec<&RawUpdateFile>> = BTreeMap::new();
    for u in updates {
        let mut subjects: Vec<&str> = u.front.subjects.iter().map(|s| s.value.as_str()).collect();
        subjects.sort_unstable();
        subjects.dedup();
        let key = (
            subjects,
            u.front.date.value.as_str(),
            u.front.reporter.value.as_str(),
        );
        let earlier = seen.entry(key).or_default();
        if let Some(first) = earlier.iter().find(|e| same_text(&e.body, &u.body)) {
            d.push(
                Diagnostic::file(
                    &u.path,
                    format!(
                        "this update repeats {} (same subjects, date, reporter and text)",
                        first.path.display()
                    ),
                )
                .with_help("delete one of the two files"),
            );
        } else if let Some(first) = earlier.first() {
            d.push(
                Diagnostic::file(
                    &u.path,
                    format!(
                        "same subjects, date and reporter as {}, but a different text",
                        first.path.display()
                    ),
                )
                .with_help("if one replaces the other, delete the one that is out of date")
                .warning(),
            );
        }
        earlier.push(u);
    }
}

/// Texts that differ only in blank lines and trailing spaces are the same.
fn same_text(a: &str, b: &str) -> bool {
    let lines = |s: &str| {
        s.lines()
            .map(str::trim_end)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    lines(a) == lines(b)
}

/// Where the data date comes from, for the help line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    /// `build_date` in config.yaml, or SOURCE_DATE_EPOCH.
    Configured,
    /// Neither: today (what `serve` shows; `build` and `check` bound
    /// updates by it).
    Today,
}

/// The date the portal is as of (YYYY-MM-DD).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDate {
    pub date: String,
    pub source: DateSource,
}

/// No update is dated after the data date: the pages would show a report
/// from the future, most often a mistyped year. (A snapshot as of an earlier
/// date leaves later updates out instead; it does not call this.)
pub fn none_after(updates: &[RawUpdateFile], data: &DataDate, d: &mut Diagnostics) {
    if !valid_date(&data.date) {
        return;
    }
    let help = match data.source {
        DateSource::Configured => {
            "check the year; the data date comes from build_date in config.yaml or SOURCE_DATE_EPOCH"
        }
        DateSource::Today => {
            "check the year; without build_date in config.yaml or SOURCE_DATE_EPOCH, the data date is today"
        }
    };
    for u in updates {
        let date = &u.front.date;
        if valid_date(&date.value) && date.value > data.date {
            d.push(
                at(
                    &u.path,
                    date,
                    format!(
                        "update dated {} is after the data date {}",
                        date.value, data.date
                    ),
                )
                .with_help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{parse_update, parse_update_twin};

    fn update(name: &str, front: &str, body: &str) -> RawUpdateFile {
        let path = Path::new("updates").join(format!("{name}.md"));
        parse_update(&path, name, &format!("---\n{front}---\n{body}")).unwrap()
    }

    const FRONT: &str =
        "subjects: [task/1]\ndate: \"2022-06-30\"\nstatus: in-progress\nreporter: water\n";

    fn run(f: impl FnOnce(&mut Diagnostics)) -> Vec<Diagnostic> {
        let mut d = Diagnostics::default();
        f(&mut d);
        d.into_sorted()
    }

    /// A plan of one task (number 1), for the updates to name.
    fn plan() -> Plan {
        let task = Task {
            number: 1,
            chapter: 1,
            section: None,
            text: Text::default(),
            lead: vec!["water".into()],
            responsible: Vec::new(),
            rivers: Vec::new(),
            provenance: Provenance::default(),
        };
        Plan {
            chapters: Vec::new(),
            indicators: Vec::new(),
            tasks: vec![task],
            projects: Vec::new(),
            stated_total: String::new(),
            key_task_lists: Vec::new(),
        }
    }

    fn checked(raw: &[RawUpdateFile]) -> (Vec<Update>, Vec<String>) {
        let mut d = Diagnostics::default();
        let files = ["report.pdf".to_string()];
        let out = updates(raw, &files, &plan(), &crate::validate::test_refs(), &mut d);
        (out, crate::validate::messages(d))
    }

    #[test]
    fn updates_become_the_model_sorted_by_date() {
        let evidence = "evidence:\n  - {title: {zh: 报告}, file: report.pdf}\n  - {title: {zh: 通知}, url: 'https://example.gov.cn/a'}\n";
        let later = update(
            "b",
            &format!("{FRONT}percent: 40\n{evidence}"),
            "推进中。\n",
        );
        let earlier = update("a", &FRONT.replace("06-30", "05-31"), "启动。\n");
        let (out, d) = checked(&[later, earlier]);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(
            out.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(),
            ["a", "b"]
        );
        let b = &out[1];
        assert_eq!(
            (b.subjects.as_slice(), b.status, b.percent),
            (&[Subject::Task(1)][..], Status::InProgress, Some(40))
        );
        assert_eq!(b.reporter, "water");
        let hrefs: Vec<&str> = b.evidence.iter().map(|e| e.href.as_str()).collect();
        assert_eq!(hrefs, ["/files/report.pdf", "https://example.gov.cn/a"]);
    }

    #[test]
    fn unknown_subjects_statuses_reporters_and_evidence_are_reported_where_written() {
        let front = FRONT
            .replace("[task/1]", "[task/2, tasks/1]")
            .replace("in-progress", "in-progres")
            .replace("water", "watr");
        let front = format!("{front}percent: 140\nevidence:\n  - {{title: {{zh: 报告}}, file: reprt.pdf}}\n  - {{title: {{zh: 通知}}, url: 'ftp://a'}}\n");
        let (_, d) = checked(&[update("x", &front, "")]);
        assert_eq!(
            d,
            [
                "updates/x.md:2:12: error: unknown subject `task/2`",
                "updates/x.md:2:20: error: `tasks/1` is not a subject\n  help: write task/N, indicator/N, project/N or key-task/YEAR/N",
                "updates/x.md:4:9: error: unknown status `in-progres`\n  help: did you mean `in-progress`?",
                "updates/x.md:5:11: error: unknown agency `watr`\n  help: did you mean `water`?",
                "updates/x.md:6:10: error: percent must be a whole number from 0 to 100, found 140",
                "updates/x.md:8:29: error: evidence file `reprt.pdf` is not under content/files/\n  help: did you mean `report.pdf`?",
                "updates/x.md:9:28: error: evidence url `ftp://a` is not an http(s) address",
            ]
        );
    }

    #[test]
    fn a_copy_is_an_error_naming_both_files() {
        let a = update("a", FRONT, "## 进展情况\n\n完成。\n");
        let b = update(
            "b",
            &FRONT.replace("[task/1]", "[task/1, task/1]"),
            "## 进展情况\n完成。  \n",
        );
        let d = run(|d| repeats(&[a, b], d));
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(!d[0].warning);
        assert_eq!(
            d[0].to_string(),
            "updates/b.md: error: this update repeats updates/a.md (same subjects, date, reporter and text)\n  help: delete one of the two files"
        );
    }

    #[test]
    fn the_same_report_with_another_text_is_a_warning() {
        let a = update("a", FRONT, "完成一半。\n");
        let b = update("b", FRONT, "全部完成。\n");
        let d = run(|d| repeats(&[a, b], d));
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].warning);
        assert!(d[0].to_string().starts_with(
            "updates/b.md: warning: same subjects, date and reporter as updates/a.md, but a different text"
        ));
    }

    #[test]
    fn another_date_subject_or_reporter_is_another_report() {
        let a = update("a", FRONT, "完成。\n");
        let others = [
            FRONT.replace("2022-06-30", "2022-07-31"),
            FRONT.replace("task/1", "task/2"),
            FRONT.replace("water", "eco-env"),
        ];
        let mut all = vec![a];
        all.extend(
            others
                .iter()
                .enumerate()
                .map(|(i, f)| update(&format!("b{i}"), f, "完成。\n")),
        );
        assert!(run(|d| repeats(&all, d)).is_empty());
    }

    fn with_twin(front: &str) -> RawUpdateFile {
        let mut u = update("x", FRONT, "完成。\n");
        let (md, f) = parse_update_twin(
            Path::new("updates/x.en.md"),
            &format!("---\n{front}---\nDone.\n"),
        )
        .unwrap();
        u.en = Some(md);
        u.en_front = f;
        u
    }

    #[test]
    fn a_twin_may_repeat_the_front_matter_unchanged() {
        // Reordered keys and a comment are still the same record.
        let same = format!(
            "# copied\nreporter: water\n{}",
            FRONT.replace("reporter: water\n", "")
        );
        assert!(run(|d| twin_agrees(&with_twin(&same), d)).is_empty());
    }

    #[test]
    fn a_twin_that_says_something_else_is_an_error_where_it_differs() {
        let d = run(|d| twin_agrees(&with_twin(&FRONT.replace("06-30", "07-01")), d));
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].line, d[0].column), (3, 7));
        assert!(
            d[0].message
                .starts_with("`date` differs from the Chinese original x.md"),
            "{}",
            d[0]
        );
    }

    #[test]
    fn an_update_after_the_data_date_is_an_error_with_the_year_to_check() {
        let u = update("x", &FRONT.replace("2022-06-30", "2027-03-01"), "完成。\n");
        let data = DataDate {
            date: "2026-12-01".into(),
            source: DateSource::Configured,
        };
        let d = run(|d| none_after(std::slice::from_ref(&u), &data, d));
        assert_eq!(
            d.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
            ["updates/x.md:3:7: error: update dated 2027-03-01 is after the data date 2026-12-01\n  help: check the year; the data date comes from build_date in config.yaml or SOURCE_DATE_EPOCH"]
        );
        let today = DataDate {
            date: "2027-03-01".into(),
            source: DateSource::Today,
        };
        assert!(
            run(|d| none_after(&[u], &today, d)).is_empty(),
            "the same day is not after"
        );
    }
}
