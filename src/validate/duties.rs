//! The plan's own disclosure duties (`content/duties.yaml`, hand-curated):
//! each entry names a task or key task that exists, once; says what it
//! asks for in both languages; and names the pages that meet it (site
//! paths, Chinese side: `/rivers/laixi/`) or says why it is not met yet.
//! Whether each named page is one the build makes is known only once the
//! pages are made: [`missing_pages`] checks that, at the same positions.

use super::refs::at;
use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics};
use crate::load::raw::RawDuty;
use crate::load::yaml::{line_col, Spanned};
use crate::model::*;
use std::collections::BTreeMap;
use std::path::Path;

/// The duties of `duties.yaml`, in its order; every problem a diagnostic.
pub fn duties(
    raw: Option<(&Path, &[RawDuty])>,
    tasks: &[Task],
    key_task_lists: &[KeyTaskList],
    d: &mut Diagnostics,
) -> Vec<Duty> {
    let Some((path, raw)) = raw else {
        return Vec::new();
    };
    let mut seen: BTreeMap<Subject, u64> = BTreeMap::new();
    let mut out = Vec::new();
    for r in raw {
        let Some(subject) = subject(path, &r.subject, tasks, key_task_lists, d) else {
            continue;
        };
        let (line, _) = line_col(&r.subject);
        if let Some(first) = seen.insert(subject, line) {
            let msg = format!(
                "a second entry for `{}` (first at line {first})",
                r.subject.value
            );
            d.push(at(path, &r.subject, msg).with_help("merge the two entries into one"));
        }
        english(path, "asks", &r.asks, d);
        if let Some(why) = &r.not_met {
            english(path, "not_met", why, d);
        }
        if r.pages.is_empty() && r.not_met.is_none() {
            let msg = format!(
                "`{}` names no page that meets it and no reason why not",
                r.subject.value
            );
            d.push(at(path, &r.subject, msg).with_help(
                "list the pages under `pages:`, or say why it is not met yet under `not_met:` (zh and en)",
            ));
        }
        let pages = r.pages.iter().filter_map(|p| page(path, p, d)).collect();
        out.push(Duty {
            subject,
            asks: r.asks.value.clone(),
            pages,
            not_met: r.not_met.as_ref().map(|w| w.value.clone()),
        });
    }
    out
}

/// A task or key task of the plan, as `task/N` or `key-task/YEAR/N`.
fn subject(
    path: &Path,
    s: &Spanned<String>,
    tasks: &[Task],
    lists: &[KeyTaskList],
    d: &mut Diagnostics,
) -> Option<Subject> {
    let problem = match Subject::parse(&s.value) {
        Some(Subject::Task(n)) if tasks.iter().any(|t| t.number == n) => {
            return Some(Subject::Task(n))
        }
        Some(Subject::KeyTask(y, n)) => match lists.iter().find(|l| l.year == y) {
            Some(l) if l.items.iter().any(|k| k.number == n) => {
                return Some(Subject::KeyTask(y, n))
            }
            Some(l) => format!(
                "the {y} key-task list has no key task {n} (it numbers 1 to {})",
                l.items.len()
            ),
            None => format!("the plan has no key-task list for {y}"),
        },
        Some(Subject::Task(n)) => {
            format!("the plan has no task {n} (it numbers 1 to {})", tasks.len())
        }
        _ => format!(
            "`{}` is not a task or key task: write task/N or key-task/YEAR/N",
            s.value
        ),
    };
    // A plan that failed to load has its own error; nothing to check against.
    if !tasks.is_empty() {
        d.push(at(path, s, format!("duty for unknown subject: {problem}")));
    }
    None
}

/// `field` has both its Chinese and its English.
fn english(path: &Path, field: &str, text: &Spanned<Text>, d: &mut Diagnostics) {
    let t = &text.value;
    if t.zh.trim().is_empty() {
        d.push(at(path, text, format!("`{field}` has no Chinese")));
    }
    if t.en.as_deref().is_none_or(|e| e.trim().is_empty()) {
        d.push(
            at(path, text, format!("`{field}` has no English"))
                .with_help("every duty is shown in both languages: add `en:`"),
        );
    }
}

/// A page path as the mapping writes it (`/rivers/laixi/`), language-neutral
/// (`rivers/laixi/`), with where it was written.
fn page(path: &Path, p: &Spanned<String>, d: &mut Diagnostics) -> Option<(String, Position)> {
    let v = &p.value;
    let problem = if !v.starts_with('/') || !v.ends_with('/') {
        Some("a page is named by its site path, from `/` to `/` (e.g. `/rivers/laixi/`)")
    } else if v.starts_with("/en/") {
        Some("name the Chinese page (without `/en/`): the English list links its twin")
    } else if v.contains("//") || v.contains("/../") || v.contains("/./") {
        Some("a site path has no empty, `.` or `..` parts")
    } else {
        None
    };
    if let Some(help) = problem {
        d.push(at(path, p, format!("`{v}` is not a page path")).with_help(help));
        return None;
    }
    let (line, column) = line_col(p);
    let position = Position {
        file: path.to_path_buf(),
        line,
        column,
    };
    Some((v[1..].to_string(), position))
}

/// Each page a duty names that the build did not make, where it was
/// written, with the nearest page the build made. `built` holds the output
/// files of the Chinese pages (`rivers/laixi/index.html`).
pub fn missing_pages<'a>(
    duties: &[Duty],
    built: impl IntoIterator<Item = &'a str>,
) -> Vec<Diagnostic> {
    let pages: std::collections::BTreeSet<String> = built
        .into_iter()
        .filter(|p| !p.starts_with("en/"))
        .filter_map(|p| p.strip_suffix("index.html"))
        .map(|p| format!("/{p}"))
        .collect();
    let mut out = Vec::new();
    for duty in duties {
        for (p, at) in &duty.pages {
            let wanted = format!("/{p}");
            if pages.contains(&wanted) {
                continue;
            }
            let near = did_you_mean(&wanted, pages.iter().map(String::as_str));
            out.push(
                Diagnostic::new(
                    &at.file,
                    at.line,
                    at.column,
                    format!(
                        "`{wanted}` is not a page of the site (duty for `{}`)",
                        duty.subject.key()
                    ),
                )
                .with_help_opt(near),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::parse;
    use crate::validate::messages;

    fn plan() -> (Vec<Task>, Vec<KeyTaskList>) {
        let task = |n| Task {
            number: n,
            ..Default::default()
        };
        let list = KeyTaskList {
            year: 2022,
            title: Text::default(),
            items: vec![KeyTask {
                number: 19,
                ..Default::default()
            }],
        };
        (vec![task(37), task(186)], vec![list])
    }

    fn run(text: &str) -> (Vec<Duty>, Vec<String>) {
        let p = Path::new("duties.yaml");
        let raw: Vec<RawDuty> = parse(p, text).unwrap();
        let (tasks, lists) = plan();
        let mut d = Diagnostics::default();
        let duties = duties(Some((p, &raw)), &tasks, &lists, &mut d);
        (duties, messages(d))
    }

    const GOOD: &str = "\
- subject: task/37
  asks: {zh: 一河一档, en: one file per river}
  pages: [/rivers/, /rivers/laixi/]
- subject: key-task/2022/19
  asks: {zh: 水质信息, en: water quality}
  pages: [/water/]
  not_met: {zh: 尚未报送, en: nothing reported}
- subject: task/186
  asks: {zh: 定期公开, en: disclose regularly}
  not_met: {zh: 尚未报送, en: nothing reported}
";

    #[test]
    fn a_mapping_of_known_subjects_in_both_languages_passes() {
        let (duties, d) = run(GOOD);
        assert!(d.is_empty(), "{d:?}");
        let states: Vec<_> = duties.iter().map(Duty::state).collect();
        assert_eq!(
            states,
            [DutyState::Met, DutyState::PartlyMet, DutyState::NotMet]
        );
        assert_eq!(duties[0].pages[1].0, "rivers/laixi/");
        assert_eq!(duties[0].pages[1].1.line, 3);
    }

    #[test]
    fn unknown_subjects_a_second_entry_missing_english_and_bad_paths_are_errors() {
        let text = GOOD
            .replace("task/186", "task/37")
            .replace("key-task/2022/19", "key-task/2023/1")
            .replace("en: one file per river", "")
            .replace("[/water/]", "[water, /en/water/]")
            + "- subject: task/999\n  asks: {zh: 甲, en: a}\n  pages: [/plan/]\n- subject: task/186\n  asks: {zh: 乙, en: b}\n";
        let (_, d) = run(&text);
        assert_eq!(
            d,
            [
                "duties.yaml:2:9: error: `asks` has no English\n  help: every duty is shown in both languages: add `en:`",
                "duties.yaml:4:12: error: duty for unknown subject: the plan has no key-task list for 2023",
                "duties.yaml:8:12: error: a second entry for `task/37` (first at line 1)\n  help: merge the two entries into one",
                "duties.yaml:11:12: error: duty for unknown subject: the plan has no task 999 (it numbers 1 to 2)",
                "duties.yaml:14:12: error: `task/186` names no page that meets it and no reason why not\n  help: list the pages under `pages:`, or say why it is not met yet under `not_met:` (zh and en)",
            ]
        );
        let text = GOOD.replace("[/water/]", "[water, /en/water/]");
        let (_, d) = run(&text);
        assert_eq!(
            d,
            [
                "duties.yaml:6:11: error: `water` is not a page path\n  help: a page is named by its site path, from `/` to `/` (e.g. `/rivers/laixi/`)",
                "duties.yaml:6:18: error: `/en/water/` is not a page path\n  help: name the Chinese page (without `/en/`): the English list links its twin",
            ]
        );
    }

    #[test]
    fn a_page_the_build_did_not_make_is_named_where_it_was_written() {
        let (duties, _) = run(&GOOD.replace("/rivers/laixi/", "/rivers/laixy/"));
        let built = [
            "index.html",
            "rivers/index.html",
            "rivers/laixi/index.html",
            "en/water/index.html",
        ];
        let d: Vec<String> = missing_pages(&duties, built)
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(
            d,
            [
                "duties.yaml:3:21: error: `/rivers/laixy/` is not a page of the site (duty for `task/37`)\n  help: did you mean `/rivers/laixi/`?",
                "duties.yaml:6:11: error: `/water/` is not a page of the site (duty for `key-task/2022/19`)",
            ]
        );
    }
}
