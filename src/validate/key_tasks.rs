//! The yearly key-task lists (`plan/key-tasks-YEAR.yaml`, the 2022 list
//! imported, later years added in the same form): one list per year, in a
//! file named for its year; each key task numbered once, with a responsible
//! unit unless the source lost it, and references that resolve.

use super::plan::{numbered, provenance};
use super::refs::{at, Refs};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::raw::*;
use crate::model::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// key-tasks-YEAR.yaml: one list per year; each key task has a responsible
/// unit unless the source lost it (`lost: [responsible]`), and `lost` names
/// only fields a key task has.
pub(super) fn key_task_lists(
    raw: &[(PathBuf, RawKeyTaskList)],
    refs: &Refs,
    d: &mut Diagnostics,
) -> Vec<KeyTaskList> {
    let mut lists = Vec::new();
    let mut years = BTreeSet::new();
    for (path, list) in raw {
        let named = path
            .file_stem()
            .and_then(|s| s.to_str())
            .and_then(|s| s.strip_prefix("key-tasks-"));
        if named.is_some_and(|y| y != list.year.to_string()) {
            d.push(
                Diagnostic::file(
                    path,
                    format!(
                        "the file is named for {} but holds the key tasks of {}",
                        named.unwrap_or(""),
                        list.year
                    ),
                )
                .with_help(format!(
                    "name it key-tasks-{}.yaml, or correct its `year:`",
                    list.year
                )),
            );
        }
        if !years.insert(list.year) {
            d.push(Diagnostic::file(
                path,
                format!("a second key-task list for {}", list.year),
            ));
        }
        lists.push(KeyTaskList {
            year: list.year,
            title: list.title.clone(),
            items: numbered(path, &list.items, "key task", d, |k, d| {
                key_task(path, k, refs, d)
            }),
        });
    }
    lists
}

fn key_task(path: &Path, k: &RawKeyTask, refs: &Refs, d: &mut Diagnostics) -> KeyTask {
    let n = k.number.value;
    for f in &k.lost {
        if f != "responsible" && f != "cooperating" && f != "note" {
            let msg = format!("key task {n}: `lost` names unknown field `{f}`");
            d.push(at(path, &k.number, msg));
        }
    }
    if k.responsible.is_empty() && !k.lost.iter().any(|f| f == "responsible") {
        d.push(
            at(
                path,
                &k.number,
                format!("key task {n} has no responsible unit"),
            )
            .with_help("if the source lost it, say so with `lost: [responsible]`"),
        );
    }
    KeyTask {
        number: n,
        category: k.category.clone(),
        text: k.text.clone(),
        responsible: refs.agencies(path, &k.responsible, d),
        cooperating: refs.agencies(path, &k.cooperating, d),
        note: k.note.clone(),
        rivers: refs.rivers(path, &k.rivers, &[&k.text.zh], d),
        lost: k.lost.clone(),
        provenance: provenance(path, k, &[&k.responsible, &k.cooperating], refs, d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::parse;
    use crate::validate::{messages, test_refs};

    const KEY_TASKS: &str = "\
year: 2022
title: {zh: 重点任务}
items:
  - number: 1
    category: {zh: 水}
    text: {zh: 保护濑溪河}
    responsible: [water]
    cooperating: [units]
    source_line: 1
  - number: 2
    category: {zh: 水}
    text: {zh: 监测}
    responsible: []
    lost: [responsible]
    source_line: 2
";

    fn run_key_tasks(texts: &[&str]) -> (Vec<KeyTaskList>, Vec<String>) {
        let p = PathBuf::from("key-tasks-2022.yaml");
        let raw: Vec<_> = texts
            .iter()
            .map(|t| (p.clone(), parse(&p, t).unwrap()))
            .collect();
        let mut d = Diagnostics::default();
        let lists = key_task_lists(&raw, &test_refs(), &mut d);
        (lists, messages(d))
    }

    #[test]
    fn a_key_task_whose_responsible_unit_was_lost_says_so() {
        let (lists, d) = run_key_tasks(&[KEY_TASKS]);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(lists[0].items[0].rivers, ["laixi"]);
        assert_eq!(lists[0].items[0].cooperating, ["units"]);
        assert_eq!(lists[0].items[1].lost, ["responsible"]);
    }

    #[test]
    fn a_list_in_a_file_named_for_another_year_is_an_error() {
        let p = PathBuf::from("plan/key-tasks-2023.yaml");
        let raw = vec![(p.clone(), parse(&p, KEY_TASKS).unwrap())];
        let mut d = Diagnostics::default();
        key_task_lists(&raw, &test_refs(), &mut d);
        assert_eq!(
            messages(d),
            ["plan/key-tasks-2023.yaml: error: the file is named for 2023 but holds the key tasks of 2022\n  help: name it key-tasks-2022.yaml, or correct its `year:`"]
        );
    }

    #[test]
    fn a_key_task_without_a_responsible_unit_and_a_second_list_are_errors() {
        let text = KEY_TASKS.replace("lost: [responsible]", "lost: [owner]");
        let (_, d) = run_key_tasks(&[&text, KEY_TASKS]);
        assert_eq!(
            d,
            [
                "key-tasks-2022.yaml: error: a second key-task list for 2022",
                "key-tasks-2022.yaml:10:13: error: key task 2 has no responsible unit\n  help: if the source lost it, say so with `lost: [responsible]`",
                "key-tasks-2022.yaml:10:13: error: key task 2: `lost` names unknown field `owner`",
            ]
        );
    }
}
