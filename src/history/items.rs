//! From revisions of the content's files to changes of its items: each
//! revision (a blob) is parsed by the content loader into the items it
//! holds, keyed by the model's ids (`Subject`), and the items of a file
//! before and after a commit are diffed field by field. A blob is parsed
//! once per process (cached by its hash), so `serve`'s rebuilds and the
//! many commits that share a revision cost nothing more.

use super::git::{self, Commit};
use super::{iso_utc, Change, Edit, UpdateState};
use crate::load::raw::{Ref, Text};
use crate::load::{parse_update, yaml};
use crate::model::{Lang, Status, Subject};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

/// A field of an item as one revision holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Field {
    Text(Text),
    List(Vec<String>),
    Scalar(String),
}

/// What one file says about one item.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    /// The item's own fields (plan/*.yaml), in a fixed order.
    Plan(Vec<(&'static str, Field)>),
    /// Updates naming it (one update file: one id).
    Updates(BTreeMap<String, UpdateState>),
    /// Its target direction and reported values (indicators/values.yaml).
    Values(Option<String>, BTreeMap<u32, String>),
}

/// The items one revision of a file holds.
type Items = BTreeMap<Subject, Part>;

/// A revision: (path, blob). The same blob under another name may mean
/// other items (an update's id is its file name).
type Revision = (String, String);

/// A revision's items, or `None` where the loader could not read it.
type Parsed = Option<Arc<Items>>;

/// Parsed revisions, for the life of the process (`serve` rebuilds).
fn cache() -> &'static Mutex<HashMap<Revision, Parsed>> {
    static CACHE: OnceLock<Mutex<HashMap<Revision, Parsed>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// Whether the history follows a file: the plan's items, updates and values.
fn followed(path: &str) -> bool {
    matches!(
        path,
        "plan/tasks.yaml"
            | "plan/indicators.yaml"
            | "plan/projects.yaml"
            | "indicators/values.yaml"
    ) || (path.starts_with("plan/key-tasks-") && path.ends_with(".yaml"))
        || (path.starts_with("updates/") && path.ends_with(".md") && !path.ends_with(".en.md"))
}

/// Every change to an item that `commits` record.
pub fn changes(content: &Path, commits: &[Commit]) -> Vec<Change> {
    let wanted: BTreeSet<Revision> = commits
        .iter()
        .flat_map(|c| &c.files)
        .filter(|f| followed(&f.path))
        .flat_map(|f| {
            [&f.before, &f.after]
                .into_iter()
                .flatten()
                .map(|b| (f.path.clone(), b.clone()))
        })
        .collect();
    let parsed = parse_all(content, wanted);
    let mut out = Vec::new();
    for c in commits {
        let mut edits: BTreeMap<Subject, Vec<Edit>> = BTreeMap::new();
        for f in c.files.iter().filter(|f| followed(&f.path)) {
            let side = |blob: &Option<String>| match blob {
                None => Some(Arc::new(Items::new())),
                Some(b) => parsed.get(&(f.path.clone(), b.clone())).cloned().flatten(),
            };
            // A revision the loader cannot read is left out, not guessed at.
            let (Some(before), Some(after)) = (side(&f.before), side(&f.after)) else {
                continue;
            };
            let subjects: BTreeSet<&Subject> = before.keys().chain(after.keys()).collect();
            for s in subjects {
                let e = diff(before.get(s), after.get(s));
                if !e.is_empty() {
                    edits.entry(*s).or_default().extend(e);
                }
            }
        }
        let time = iso_utc(c.secs);
        for (subject, edits) in edits {
            out.push(Change {
                commit: c.hash.chars().take(12).collect(),
                date: time[..10].to_string(),
                time: time.clone(),
                subject,
                edits,
            });
        }
    }
    out
}

/// Parse every wanted revision (from the cache where it is there).
fn parse_all(content: &Path, wanted: BTreeSet<Revision>) -> HashMap<Revision, Parsed> {
    let mut have = HashMap::new();
    let mut missing = Vec::new();
    {
        let cache = cache().lock().unwrap_or_else(|e| e.into_inner());
        for key in wanted {
            match cache.get(&key) {
                Some(v) => {
                    have.insert(key, v.clone());
                }
                None => missing.push(key),
            }
        }
    }
    let hashes: Vec<&str> = missing.iter().map(|(_, b)| b.as_str()).collect();
    let bytes = git::blobs(content, &hashes);
    let fresh: Vec<(Revision, Parsed)> = missing
        .into_par_iter()
        .map(|(path, blob)| {
            let items = bytes
                .get(&blob)
                .and_then(|b| std::str::from_utf8(b).ok())
                .and_then(|text| parse(&path, text))
                .map(Arc::new);
            ((path, blob), items)
        })
        .collect();
    let mut cache = cache().lock().unwrap_or_else(|e| e.into_inner());
    for (key, items) in fresh {
        cache.insert(key.clone(), items.clone());
        have.insert(key, items);
    }
    have
}

fn ids(refs: &[Ref]) -> Field {
    Field::List(refs.iter().map(|r| r.value.clone()).collect())
}

/// The items of one revision of `path`, by the loader's own types.
fn parse(path: &str, text: &str) -> Option<Items> {
    use crate::load::raw::*;
    let p = Path::new(path);
    let mut items = Items::new();
    let mut plan = |s: Subject, fields: Vec<(&'static str, Field)>| {
        items.insert(s, Part::Plan(fields));
    };
    match path {
        "plan/tasks.yaml" => {
            for t in yaml::parse::<Vec<RawTask>>(p, text).ok()? {
                let section = t.section.map(|n| n.to_string()).unwrap_or_default();
                plan(
                    Subject::Task(t.number.value),
                    vec![
                        ("text", Field::Text(t.text)),
                        ("chapter", Field::Scalar(t.chapter.to_string())),
                        ("section", Field::Scalar(section)),
                        ("lead", ids(&t.lead)),
                        ("responsible", ids(&t.responsible)),
                        ("rivers", ids(&t.rivers)),
                    ],
                );
            }
        }
        "plan/indicators.yaml" => {
            for i in yaml::parse::<Vec<RawIndicator>>(p, text).ok()? {
                plan(
                    Subject::Indicator(i.number.value),
                    vec![
                        ("name", Field::Text(i.name)),
                        ("domain", Field::Text(i.domain)),
                        ("target", Field::Text(i.target)),
                        ("attribute", Field::Scalar(i.attribute)),
                        ("lead", ids(&i.lead)),
                    ],
                );
            }
        }
        "plan/projects.yaml" => {
            for x in yaml::parse::<RawProjects>(p, text).ok()?.items {
                plan(
                    Subject::Project(x.number.value),
                    vec![
                        ("name", Field::Text(x.name)),
                        ("category", Field::Text(x.category)),
                        ("content", Field::Text(x.content)),
                        ("investment", Field::Scalar(x.investment)),
                        (
                            "years",
                            Field::Scalar(format!("{}–{}", x.start_year, x.end_year)),
                        ),
                        ("responsible", ids(&x.responsible)),
                        ("rivers", ids(&x.rivers)),
                    ],
                );
            }
        }
        "indicators/values.yaml" => {
            let v = yaml::parse::<RawIndicatorValues>(p, text).ok()?;
            let mut by: BTreeMap<u32, (Option<String>, BTreeMap<u32, String>)> = BTreeMap::new();
            for (n, d) in v.directions {
                by.entry(n).or_default().0 = Some(d.value);
            }
            for x in v.values {
                by.entry(x.indicator.value)
                    .or_default()
                    .1
                    .insert(x.year.value, x.value.value);
            }
            for (n, (d, values)) in by {
                items.insert(Subject::Indicator(n), Part::Values(d, values));
            }
        }
        _ if path.starts_with("updates/") => {
            let id = p.file_stem()?.to_str()?;
            let u = parse_update(p, id, text).ok()?;
            let state = UpdateState {
                date: u.front.date.value.clone(),
                status: Status::parse(&u.front.status.value),
                percent: u.front.percent.as_ref().map(|x| x.value),
            };
            for s in u
                .front
                .subjects
                .iter()
                .filter_map(|s| Subject::parse(&s.value))
            {
                let one = BTreeMap::from([(id.to_string(), state.clone())]);
                items.insert(s, Part::Updates(one));
            }
        }
        _ => {
            let list = yaml::parse::<RawKeyTaskList>(p, text).ok()?;
            for k in list.items {
                let mut fields = vec![
                    ("text", Field::Text(k.text)),
                    ("category", Field::Text(k.category)),
                    ("responsible", ids(&k.responsible)),
                    ("cooperating", ids(&k.cooperating)),
                    ("rivers", ids(&k.rivers)),
                ];
                if let Some(note) = k.note {
                    fields.push(("note", Field::Text(note)));
                }
                plan(Subject::KeyTask(list.year, k.number.value), fields);
            }
        }
    }
    Some(items)
}

/// What changed in one item between two revisions of a file.
fn diff(before: Option<&Part>, after: Option<&Part>) -> Vec<Edit> {
    match (before, after) {
        (None, Some(Part::Plan(_))) => vec![Edit::Added],
        (Some(Part::Plan(_)), None) => vec![Edit::Removed],
        (Some(Part::Plan(a)), Some(Part::Plan(b))) => diff_fields(a, b),
        (a, b) => {
            let (ua, va) = split(a);
            let (ub, vb) = split(b);
            let mut out = Vec::new();
            if va.0 != vb.0 {
                out.push(Edit::Scalar {
                    field: "direction",
                    before: va.0.unwrap_or_default(),
                    after: vb.0.unwrap_or_default(),
                });
            }
            let years: BTreeSet<&u32> = va.1.keys().chain(vb.1.keys()).collect();
            for y in years {
                let (x, z) = (va.1.get(y), vb.1.get(y));
                if x != z {
                    out.push(Edit::Value {
                        year: *y,
                        before: x.cloned(),
                        after: z.cloned(),
                    });
                }
            }
            let ids: BTreeSet<&String> = ua.keys().chain(ub.keys()).collect();
            for id in ids {
                let (x, z) = (ua.get(id), ub.get(id));
                if x != z {
                    out.push(Edit::Update {
                        id: id.clone(),
                        before: x.cloned(),
                        after: z.cloned(),
                    });
                }
            }
            out
        }
    }
}

type ValuesPart = (Option<String>, BTreeMap<u32, String>);

fn split(p: Option<&Part>) -> (BTreeMap<String, UpdateState>, ValuesPart) {
    match p {
        Some(Part::Updates(u)) => (u.clone(), Default::default()),
        Some(Part::Values(d, v)) => (BTreeMap::new(), (d.clone(), v.clone())),
        _ => Default::default(),
    }
}

/// The edits between two revisions of an item's fields.
fn diff_fields(a: &[(&'static str, Field)], b: &[(&'static str, Field)]) -> Vec<Edit> {
    let mut out = Vec::new();
    let empty = Field::Scalar(String::new());
    for (name, new) in b {
        let old = a.iter().find(|(n, _)| n == name).map_or(&empty, |(_, f)| f);
        match (old, new) {
            (Field::Text(x), Field::Text(y)) => {
                for lang in Lang::ALL {
                    let (p, q) = (x.get(lang).unwrap_or(""), y.get(lang).unwrap_or(""));
                    if p != q {
                        out.push(Edit::Text {
                            field: name,
                            lang,
                            before: p.to_string(),
                            after: q.to_string(),
                        });
                    }
                }
            }
            (Field::List(x), Field::List(y)) if x != y => out.push(Edit::List {
                field: name,
                added: y.iter().filter(|i| !x.contains(i)).cloned().collect(),
                removed: x.iter().filter(|i| !y.contains(i)).cloned().collect(),
            }),
            (Field::Scalar(x), Field::Scalar(y)) if x != y => out.push(Edit::Scalar {
                field: name,
                before: x.clone(),
                after: y.clone(),
            }),
            (x, y) if x != y => {
                // A field that changed kind (a text that appeared): as text.
                let text = |f: &Field| match f {
                    Field::Text(t) => t.zh.clone(),
                    Field::List(l) => l.join(", "),
                    Field::Scalar(s) => s.clone(),
                };
                out.push(Edit::Scalar {
                    field: name,
                    before: text(x),
                    after: text(y),
                });
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const V1: &str = "- number: 8\n  chapter: 1\n  text: {zh: 加强监管}\n  lead: [eco-env]\n  responsible: []\n  source_line: 3\n";
    const V2: &str = "- number: 8\n  chapter: 1\n  text: {zh: 加强监管, en: Strengthen oversight}\n  lead: [eco-env]\n  responsible: [water]\n  source_line: 3\n";

    #[test]
    fn a_task_revision_is_diffed_field_by_field() {
        let a = parse("plan/tasks.yaml", V1).unwrap();
        let b = parse("plan/tasks.yaml", V2).unwrap();
        let s = Subject::Task(8);
        assert_eq!(diff(None, a.get(&s)), vec![Edit::Added]);
        let e = diff(a.get(&s), b.get(&s));
        assert_eq!(
            e,
            vec![
                Edit::Text {
                    field: "text",
                    lang: Lang::En,
                    before: String::new(),
                    after: "Strengthen oversight".into()
                },
                Edit::List {
                    field: "responsible",
                    added: vec!["water".into()],
                    removed: vec![]
                }
            ]
        );
        assert!(parse("plan/tasks.yaml", "- nonsense: 1\n").is_none());
    }

    #[test]
    fn an_update_file_counts_for_each_of_its_subjects() {
        let md = "---\nsubjects: [task/8, key-task/2022/5]\ndate: 2022-05-01\nstatus: in-progress\npercent: 40\nreporter: eco-env\n---\n进展\n";
        let items = parse("updates/2022/a.md", md).unwrap();
        assert_eq!(items.len(), 2);
        let e = diff(None, items.get(&Subject::KeyTask(2022, 5)));
        assert!(
            matches!(&e[..], [Edit::Update { id, before: None, after: Some(u) }]
                if id == "a" && u.status == Some(Status::InProgress) && u.percent == Some(40))
        );
    }
}
