//! The plan as imported (`content/plan/`): the document, chapters, tasks,
//! indicators, projects, yearly key-task lists and the errata they cite.
//! Numbers are unique per list, every item has its lead or responsible
//! units (known agencies), tasks sit in real chapters and sections, project
//! investments are amounts that add up to the stated total, and every
//! `corrections` entry names a known erratum.

use super::ids::unique_number;
use super::refs::{at, Refs};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::raw::*;
use crate::load::RawSite;
use crate::model::amount::hundredths;
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// errata.yaml: ids are unique (they carry no positions).
pub fn errata(path: &Path, raw: &[RawErratum], d: &mut Diagnostics) -> BTreeMap<String, Erratum> {
    let mut errata = BTreeMap::new();
    for e in raw {
        if errata.contains_key(&e.id) {
            d.push(Diagnostic::file(
                path,
                format!("duplicate erratum id `{}`", e.id),
            ));
        }
        errata.insert(e.id.clone(), e.clone());
    }
    errata
}

/// Every list of the plan, checked against the registries and errata.
pub fn plan(raw: &RawSite, refs: &Refs, d: &mut Diagnostics) -> Plan {
    let p = &raw.paths;
    let chapters = chapters(&p.chapters, &raw.chapters, d);
    let indicators = indicators(&p.indicators, &raw.indicators, refs, d);
    let tasks = tasks(&p.tasks, &raw.tasks, &chapters, refs, d);
    let (projects, stated_total) = projects(&p.projects, raw.projects.as_ref(), refs, d);
    let key_task_lists = super::key_tasks::key_task_lists(&raw.key_task_lists, refs, d);
    Plan {
        chapters,
        indicators,
        tasks,
        projects,
        stated_total,
        key_task_lists,
    }
}

/// document.yaml is required; a missing file says how to make it (a file
/// that failed to load has its own error already).
pub fn document(
    path: &Path,
    raw: Option<RawDocumentFile>,
    d: &mut Diagnostics,
) -> Option<RawDocumentFile> {
    if raw.is_none() && !path.exists() {
        d.push(Diagnostic::file(path, "missing (run `gongkai import`)"));
    }
    raw
}

/// A numbered plan list (indicators, tasks, projects, the key tasks of a
/// year), each item checked and made by `check`: every number once (a
/// repeat is reported where it is written), the list sorted by number.
pub(super) fn numbered<R: RawPlanItem, T>(
    path: &Path,
    raw: &[R],
    kind: &str,
    d: &mut Diagnostics,
    mut check: impl FnMut(&R, &mut Diagnostics) -> T,
) -> Vec<T> {
    let mut seen = BTreeMap::new();
    let mut items: Vec<(u32, T)> = Vec::with_capacity(raw.len());
    for item in raw {
        unique_number(path, item.number(), &mut seen, kind, d);
        items.push((item.number().value, check(item, d)));
    }
    items.sort_by_key(|(number, _)| *number);
    items.into_iter().map(|(_, item)| item).collect()
}

/// A plan item's provenance, checked: every correction names a known
/// erratum (else it is reported in the file), and every agency of
/// `written_as` is one of the item's own (`agencies`: its lead,
/// responsible or cooperating units; else it is reported at the item's
/// number). Both are kept as written.
pub(super) fn provenance(
    path: &Path,
    item: &impl RawPlanItem,
    agencies: &[&[Ref]],
    refs: &Refs,
    d: &mut Diagnostics,
) -> Provenance {
    let raw = item.provenance();
    let agencies: Vec<&Ref> = agencies.iter().copied().flatten().collect();
    Provenance {
        source_line: raw.source_line,
        corrections: refs.corrections(path, raw.corrections, d),
        written_as: Refs::written_as(path, item.number(), raw.written_as, &agencies, d),
    }
}

/// Chapters need no checking beyond unique numbers.
fn chapters(path: &Path, raw: &[RawChapter], d: &mut Diagnostics) -> Vec<Chapter> {
    let mut seen = BTreeSet::new();
    for c in raw {
        if !seen.insert(c.number) {
            d.push(Diagnostic::file(
                path,
                format!("duplicate chapter number {}", c.number),
            ));
        }
    }
    raw.to_vec()
}

/// indicators.yaml: an attribute of 约束性 (binding) or 预期性 (expected),
/// and a known lead agency.
fn indicators(
    path: &Path,
    raw: &[RawIndicator],
    refs: &Refs,
    d: &mut Diagnostics,
) -> Vec<Indicator> {
    numbered(path, raw, "indicator", d, |i, d| {
        let n = i.number.value;
        if i.attribute != "约束性" && i.attribute != "预期性" {
            let msg = format!(
                "indicator {n}: attribute `{}` must be 约束性 or 预期性",
                i.attribute
            );
            d.push(at(path, &i.number, msg));
        }
        if i.lead.is_empty() {
            d.push(at(
                path,
                &i.number,
                format!("indicator {n} has no lead agency"),
            ));
        }
        Indicator {
            number: n,
            domain: i.domain.clone(),
            name: i.name.clone(),
            binding: i.attribute == "约束性",
            target: i.target.clone(),
            lead: refs.agencies(path, &i.lead, d),
            provenance: provenance(path, i, &[&i.lead], refs, d),
        }
    })
}

/// tasks.yaml: a known chapter (and section of it), a known lead agency;
/// rivers are tagged by the names the text holds.
fn tasks(
    path: &Path,
    raw: &[RawTask],
    chapters: &[Chapter],
    refs: &Refs,
    d: &mut Diagnostics,
) -> Vec<Task> {
    numbered(path, raw, "task", d, |t, d| {
        let n = t.number.value;
        match chapters.iter().find(|c| c.number == t.chapter) {
            None => d.push(at(
                path,
                &t.number,
                format!("task {n}: unknown chapter {}", t.chapter),
            )),
            Some(c) => {
                if let Some(s) = t
                    .section
                    .filter(|s| !c.sections.iter().any(|x| x.number == *s))
                {
                    let msg = format!("task {n}: chapter {} has no section {s}", c.number);
                    d.push(at(path, &t.number, msg));
                }
            }
        }
        if t.lead.is_empty() {
            d.push(at(path, &t.number, format!("task {n} has no lead agency")));
        }
        Task {
            number: n,
            chapter: t.chapter,
            section: t.section,
            text: t.text.clone(),
            lead: refs.agencies(path, &t.lead, d),
            responsible: refs.agencies(path, &t.responsible, d),
            rivers: refs.rivers(path, &t.rivers, &[&t.text.zh], d),
            provenance: provenance(path, t, &[&t.lead, &t.responsible], refs, d),
        }
    })
}

/// projects.yaml: investments are amounts in 亿元 that sum to the stated
/// total, years run forwards. The projects and the stated total.
fn projects(
    path: &Path,
    raw: Option<&RawProjects>,
    refs: &Refs,
    d: &mut Diagnostics,
) -> (Vec<Project>, String) {
    let Some(raw) = raw else {
        if !path.exists() {
            d.push(Diagnostic::file(path, "missing (run `gongkai import`)"));
        }
        return (Vec::new(), String::new());
    };
    let mut sum = 0u64;
    let projects = numbered(path, &raw.items, "project", d, |pr, d| {
        let n = pr.number.value;
        match hundredths(&pr.investment) {
            Some(v) => sum += v,
            None => d.push(at(
                path,
                &pr.number,
                format!(
                    "project {n}: investment `{}` is not an amount in 亿元 (e.g. 1.25)",
                    pr.investment
                ),
            )),
        }
        if pr.start_year > pr.end_year {
            let (start, end) = (pr.start_year, pr.end_year);
            let msg = format!("project {n}: start_year {start} is after end_year {end}");
            d.push(at(path, &pr.number, msg));
        }
        Project {
            number: n,
            category: pr.category.clone(),
            name: pr.name.clone(),
            content: pr.content.clone(),
            investment: pr.investment.clone(),
            start_year: pr.start_year,
            end_year: pr.end_year,
            responsible: refs.agencies(path, &pr.responsible, d),
            rivers: refs.rivers(path, &pr.rivers, &[&pr.name.zh, &pr.content.zh], d),
            provenance: provenance(path, pr, &[&pr.responsible], refs, d),
        }
    });
    let all_amounts = raw
        .items
        .iter()
        .all(|p| hundredths(&p.investment).is_some());
    let stated_total = &raw.stated_total;
    if all_amounts && hundredths(stated_total) != Some(sum) {
        d.push(Diagnostic::file(
            path,
            format!(
                "the project investments sum to {}.{:02} 亿元 but stated_total is {stated_total}",
                sum / 100,
                sum % 100
            ),
        ));
    }
    (projects, stated_total.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::parse;
    use crate::validate::{messages, test_refs};

    const CHAPTERS: &str = "\
- number: 1
  title: {zh: 第一章}
  sections:
    - {number: 1, title: {zh: 第一节}}
";

    const TASKS: &str = "\
- number: 2
  chapter: 1
  section: 1
  text: {zh: 加强濑溪河保护}
  lead: [water]
  responsible: [units]
  source_line: 10
- number: 1
  chapter: 1
  text: {zh: 大气治理}
  lead: [water]
  responsible: []
  source_line: 9
";

    fn run_tasks(text: &str) -> (Vec<Task>, Vec<String>) {
        let p = Path::new("tasks.yaml");
        let chapters = parse::<Vec<RawChapter>>(p, CHAPTERS).unwrap();
        let mut d = Diagnostics::default();
        let tasks = tasks(
            p,
            &parse::<Vec<RawTask>>(p, text).unwrap(),
            &chapters,
            &test_refs(),
            &mut d,
        );
        (tasks, messages(d))
    }

    #[test]
    fn tasks_are_sorted_and_tagged_with_the_rivers_they_name() {
        let (tasks, d) = run_tasks(TASKS);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(tasks.iter().map(|t| t.number).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(tasks[1].rivers, ["laixi"]);
        assert_eq!(tasks[1].lead, ["water"]);
        assert_eq!(tasks[1].section, Some(1));
    }

    #[test]
    fn a_task_in_an_unknown_place_or_without_a_lead_is_reported_at_its_number() {
        let text = TASKS
            .replace("section: 1", "section: 4")
            .replace("number: 1\n  chapter: 1", "number: 2\n  chapter: 7")
            .replace(
                "lead: [water]\n  responsible: []",
                "lead: []\n  responsible: [watr]",
            );
        let (_, d) = run_tasks(&text);
        assert_eq!(
            d,
            [
                "tasks.yaml:1:11: error: task 2: chapter 1 has no section 4",
                "tasks.yaml:8:11: error: duplicate task number 2 (first at line 1)",
                "tasks.yaml:8:11: error: task 2 has no lead agency",
                "tasks.yaml:8:11: error: task 2: unknown chapter 7",
                "tasks.yaml:12:17: error: unknown agency `watr`\n  help: did you mean `water`?",
            ]
        );
    }

    #[test]
    fn a_repeated_chapter_or_erratum_names_the_file() {
        let mut d = Diagnostics::default();
        let p = Path::new("chapters.yaml");
        chapters(
            p,
            &parse::<Vec<RawChapter>>(p, &CHAPTERS.repeat(2)).unwrap(),
            &mut d,
        );
        let p = Path::new("errata.yaml");
        let one = "- {id: E-1, line: 3, raw: a, corrected: b, why: {zh: 因}}\n";
        let e = errata(
            p,
            &parse::<Vec<RawErratum>>(p, &one.repeat(2)).unwrap(),
            &mut d,
        );
        assert_eq!(e.keys().collect::<Vec<_>>(), ["E-1"]);
        assert_eq!(
            messages(d),
            [
                "chapters.yaml: error: duplicate chapter number 1",
                "errata.yaml: error: duplicate erratum id `E-1`",
            ]
        );
    }

    #[test]
    fn a_numbered_list_makes_every_item_reports_repeats_and_is_sorted_by_number() {
        let p = Path::new("indicators.yaml");
        let one = |n: u32| INDICATORS.replace("number: 1", &format!("number: {n}"));
        let text = [one(3), one(1), one(3)].concat();
        let raw = parse::<Vec<RawIndicator>>(p, &text).unwrap();
        let mut d = Diagnostics::default();
        let mut made = Vec::new();
        let sorted = numbered(p, &raw, "indicator", &mut d, |i, _| {
            made.push(i.number.value);
            (i.number.value, i.source_line)
        });
        assert_eq!(made, [3, 1, 3], "every item is checked, in file order");
        assert_eq!(
            sorted.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            [1, 3, 3]
        );
        assert_eq!(
            messages(d),
            ["indicators.yaml:17:11: error: duplicate indicator number 3 (first at line 1)"]
        );
    }

    #[test]
    fn provenance_checks_errata_and_the_agencies_of_every_list_the_item_names() {
        let p = Path::new("tasks.yaml");
        let text = "\
- number: 3
  chapter: 1
  text: {zh: 大气治理}
  lead: [water]
  responsible: [units]
  source_line: 9
  corrections: [E-1]
  written_as: {units: 各有关单位, water: 区水务局}
";
        let check = |text: &str| {
            let t = &parse::<Vec<RawTask>>(p, text).unwrap()[0];
            let mut d = Diagnostics::default();
            let lists: [&[Ref]; 2] = [&t.lead, &t.responsible];
            let checked = provenance(p, t, &lists, &test_refs(), &mut d);
            (checked, messages(d))
        };
        let (checked, d) = check(text);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(checked.source_line, 9);
        assert_eq!(checked.corrections, ["E-1"]);
        assert_eq!(
            checked.written_as.keys().collect::<Vec<_>>(),
            ["units", "water"]
        );
        let (checked, d) = check(&text.replace("[E-1]", "[E-9]").replace("units: ", "city: "));
        assert_eq!(checked.corrections, ["E-9"], "kept as written");
        assert_eq!(
            d,
            [
                "tasks.yaml: error: unknown erratum `E-9` in corrections\n  help: did you mean `E-1`?",
                "tasks.yaml:1:11: error: `written_as` names `city`, which is not one of the item's agencies\n  help: written_as is written by `gongkai import`: re-import instead of editing it",
            ]
        );
    }

    const INDICATORS: &str = "\
- number: 1
  domain: {zh: 生态}
  name: {zh: 红线面积}
  attribute: 约束性
  target: {zh: '6.99'}
  lead: [water]
  source_line: 72
  corrections: [E-1]
";

    #[test]
    fn an_indicator_is_binding_or_expected_and_cites_known_errata() {
        let p = Path::new("indicators.yaml");
        let mut d = Diagnostics::default();
        let refs = test_refs();
        let i = indicators(
            p,
            &parse::<Vec<RawIndicator>>(p, INDICATORS).unwrap(),
            &refs,
            &mut d,
        );
        assert!(i[0].binding);
        let bad = INDICATORS
            .replace("约束性", "约束")
            .replace("[water]", "[]")
            .replace("[E-1]", "[E-2]");
        indicators(
            p,
            &parse::<Vec<RawIndicator>>(p, &bad).unwrap(),
            &refs,
            &mut d,
        );
        assert_eq!(
            messages(d),
            [
                "indicators.yaml: error: unknown erratum `E-2` in corrections\n  help: did you mean `E-1`?",
                "indicators.yaml:1:11: error: indicator 1 has no lead agency",
                "indicators.yaml:1:11: error: indicator 1: attribute `约束` must be 约束性 or 预期性",
            ]
        );
    }

    const PROJECTS: &str = "\
stated_total: '3.5'
items:
  - number: 1
    category: {zh: 基础设施}
    name: {zh: 管网}
    content: {zh: 玉滩水库周边管网}
    investment: '1.25'
    start_year: 2021
    end_year: 2025
    responsible: [water]
    source_line: 1
  - number: 2
    category: {zh: 基础设施}
    name: {zh: 水厂}
    content: {zh: 扩建}
    investment: '2.25'
    start_year: 2022
    end_year: 2023
    responsible: [water]
    source_line: 2
";

    fn run_projects(text: &str) -> (Vec<Project>, Vec<String>) {
        let p = Path::new("projects.yaml");
        let mut d = Diagnostics::default();
        let raw: RawProjects = parse(p, text).unwrap();
        let (projects, total) = projects(p, Some(&raw), &test_refs(), &mut d);
        assert_eq!(total, raw.stated_total);
        (projects, messages(d))
    }

    #[test]
    fn projects_that_add_up_pass() {
        let (projects, d) = run_projects(PROJECTS);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(projects[0].rivers, ["yutan"]);
    }

    #[test]
    fn an_investment_that_is_not_an_amount_or_does_not_add_up_is_reported() {
        let (_, d) = run_projects(&PROJECTS.replace("'3.5'", "'3.6'"));
        assert_eq!(
            d,
            ["projects.yaml: error: the project investments sum to 3.50 亿元 but stated_total is 3.6"]
        );
        let text = PROJECTS
            .replace("'2.25'", "约2亿")
            .replace("start_year: 2022", "start_year: 2024");
        let (_, d) = run_projects(&text);
        assert_eq!(
            d,
            [
                "projects.yaml:12:13: error: project 2: investment `约2亿` is not an amount in 亿元 (e.g. 1.25)",
                "projects.yaml:12:13: error: project 2: start_year 2024 is after end_year 2023",
            ]
        );
    }
}
