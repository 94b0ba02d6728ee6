//! The rows of every open-data table, one function per table, in the language
//! of the files being written; the site-wide download has all of them, an
//! agency's list only the plan tables it is named in.

use super::fields::*;
use crate::model::open_data::*;
use crate::model::*;
use crate::progress::Progress;

pub(super) struct Table {
    pub name: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub fields: &'static [Field],
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// The table `name` (one of [`TABLES`]) with its columns and rows.
    fn new(name: TableName, fields: &'static [Field], rows: Vec<Vec<String>>) -> Table {
        let (name, zh, en) = name;
        Table {
            name,
            zh,
            en,
            fields,
            rows,
        }
    }
}

pub(super) struct Ctx<'a> {
    pub site: &'a Site,
    pub lang: Lang,
    pub progress: &'a Progress<'a>,
}

impl Ctx<'_> {
    pub fn text(&self, t: &Text) -> String {
        t.get(self.lang).unwrap_or(&t.zh).to_string()
    }
    fn names(&self, ids: &[String]) -> String {
        ids.iter()
            .filter_map(|id| self.site.agency(id))
            .map(|a| self.text(&a.name))
            .collect::<Vec<_>>()
            .join("；")
    }
    fn status(&self, s: Subject) -> (&'static str, String, String, String, String) {
        match self.progress.get(&s) {
            Some(p) => (
                p.status.key(),
                p.timeline
                    .last()
                    .map(|u| u.date.clone())
                    .unwrap_or_default(),
                p.percent.map(|x| x.to_string()).unwrap_or_default(),
                p.due.clone(),
                p.overdue.to_string(),
            ),
            None => (
                "not-assessed",
                String::new(),
                String::new(),
                String::new(),
                "false".into(),
            ),
        }
    }
}

/// Whether a row belongs in `agency`'s list: always for the site-wide
/// download (`None`), else when the agency is in one of `ids`.
fn mine(agency: Option<&str>, ids: &[&Vec<String>]) -> bool {
    agency.is_none_or(|a| ids.iter().any(|v| v.iter().any(|x| x == a)))
}

/// The tables in the order of [`TABLES`]: all of them for the site-wide
/// download (`agency` `None`), the four plan tables for one agency.
pub(super) fn tables(c: &Ctx, agency: Option<&str>) -> Vec<Table> {
    let mut out = vec![
        tasks(c, agency),
        indicators(c, agency),
        projects(c, agency),
        key_tasks(c, agency),
    ];
    if agency.is_some() {
        return out;
    }
    out.extend([
        updates(c),
        agencies(c),
        indicator_values(c),
        water_publications(c),
    ]);
    out
}

fn tasks(c: &Ctx, agency: Option<&str>) -> Table {
    let s = c.site;
    let mut tasks = Vec::new();
    for t in s
        .tasks
        .iter()
        .filter(|t| mine(agency, &[&t.lead, &t.responsible]))
    {
        let ch = s.chapters.iter().find(|x| x.number == t.chapter);
        let sec = ch.and_then(|ch| ch.sections.iter().find(|x| Some(x.number) == t.section));
        let (status, date, percent, due, overdue) = c.status(Subject::Task(t.number));
        tasks.push(vec![
            t.number.to_string(),
            t.chapter.to_string(),
            ch.map(|x| c.text(&x.title)).unwrap_or_default(),
            t.section.map(|x| x.to_string()).unwrap_or_default(),
            sec.map(|x| c.text(&x.title)).unwrap_or_default(),
            c.text(&t.text),
            c.names(&t.lead),
            t.lead.join(" "),
            c.names(&t.responsible),
            t.responsible.join(" "),
            t.rivers.join(" "),
            status.into(),
            date,
            percent,
            due,
            overdue,
        ]);
    }
    Table::new(TASKS, TASK_FIELDS, tasks)
}

fn key_tasks(c: &Ctx, agency: Option<&str>) -> Table {
    let s = c.site;
    let mut key_tasks = Vec::new();
    for l in &s.key_task_lists {
        for k in l
            .items
            .iter()
            .filter(|k| mine(agency, &[&k.responsible, &k.cooperating]))
        {
            let (status, _, _, due, overdue) = c.status(Subject::KeyTask(l.year, k.number));
            key_tasks.push(vec![
                l.year.to_string(),
                k.number.to_string(),
                c.text(&k.category),
                c.text(&k.text),
                c.names(&k.responsible),
                k.responsible.join(" "),
                c.names(&k.cooperating),
                k.cooperating.join(" "),
                k.note.as_ref().map(|n| c.text(n)).unwrap_or_default(),
                status.into(),
                due,
                overdue,
            ]);
        }
    }
    Table::new(KEY_TASKS, KEY_TASK_FIELDS, key_tasks)
}

fn indicators(c: &Ctx, agency: Option<&str>) -> Table {
    let s = c.site;
    let indicators: Vec<Vec<String>> = s
        .indicators
        .iter()
        .filter(|i| mine(agency, &[&i.lead]))
        .map(|i| {
            let latest = s
                .indicator_values
                .iter()
                .filter(|x| x.indicator == i.number)
                .max_by_key(|x| x.year);
            vec![
                i.number.to_string(),
                c.text(&i.domain),
                c.text(&i.name),
                if i.binding { "约束性" } else { "预期性" }.into(),
                c.text(&i.target),
                c.names(&i.lead),
                i.lead.join(" "),
                latest.map(|x| x.year.to_string()).unwrap_or_default(),
                latest.map(|x| x.value.clone()).unwrap_or_default(),
            ]
        })
        .collect();
    Table::new(INDICATORS, INDICATOR_FIELDS, indicators)
}

fn projects(c: &Ctx, agency: Option<&str>) -> Table {
    let s = c.site;
    let projects: Vec<Vec<String>> = s
        .projects
        .iter()
        .filter(|p| mine(agency, &[&p.responsible]))
        .map(|p| {
            vec![
                p.number.to_string(),
                c.text(&p.category),
                c.text(&p.name),
                c.text(&p.content),
                p.investment.clone(),
                p.start_year.to_string(),
                p.end_year.to_string(),
                c.names(&p.responsible),
                p.responsible.join(" "),
                c.status(Subject::Project(p.number)).0.into(),
            ]
        })
        .collect();
    Table::new(PROJECTS, PROJECT_FIELDS, projects)
}

fn updates(c: &Ctx) -> Table {
    let s = c.site;
    Table::new(
        UPDATES,
        UPDATE_FIELDS,
        s.updates
            .iter()
            .map(|u| {
                let body = match c.lang {
                    Lang::En => u.body_en.clone().unwrap_or_else(|| u.body_zh.clone()),
                    Lang::Zh => u.body_zh.clone(),
                };
                vec![
                    u.id.clone(),
                    u.date.clone(),
                    u.subjects
                        .iter()
                        .map(|x| x.key())
                        .collect::<Vec<_>>()
                        .join(" "),
                    u.status.key().into(),
                    u.percent.map(|x| x.to_string()).unwrap_or_default(),
                    u.reporter.clone(),
                    c.names(std::slice::from_ref(&u.reporter)),
                    body.trim().to_string(),
                ]
            })
            .collect(),
    )
}

fn agencies(c: &Ctx) -> Table {
    let s = c.site;
    Table::new(
        AGENCIES,
        AGENCY_FIELDS,
        s.agencies
            .iter()
            .map(|a| {
                vec![
                    a.id.clone(),
                    c.text(&a.name),
                    a.kind.key().to_string(),
                    a.aliases.join("；"),
                ]
            })
            .collect(),
    )
}

fn indicator_values(c: &Ctx) -> Table {
    let s = c.site;
    Table::new(
        INDICATOR_VALUES,
        VALUE_FIELDS,
        s.indicator_values
            .iter()
            .map(|x| {
                vec![
                    x.indicator.to_string(),
                    x.year.to_string(),
                    x.value.clone(),
                    c.text(&x.source),
                ]
            })
            .collect(),
    )
}

fn water_publications(c: &Ctx) -> Table {
    let s = c.site;
    Table::new(
        WATER_PUBLICATIONS,
        WATER_FIELDS,
        s.publications
            .iter()
            .flat_map(|p| {
                let base = [
                    p.schedule.clone(),
                    p.period.label(),
                    p.published.clone(),
                    c.text(&p.title),
                    p.url.clone().unwrap_or_default(),
                ];
                let results: Vec<Vec<String>> = if p.results.is_empty() {
                    vec![base
                        .iter()
                        .cloned()
                        .chain([String::new(), String::new(), String::new()])
                        .collect()]
                } else {
                    p.results
                        .iter()
                        .map(|r| {
                            base.iter()
                                .cloned()
                                .chain([
                                    r.site.clone(),
                                    r.class.key().to_string(),
                                    r.meets_standard.map(|m| m.to_string()).unwrap_or_default(),
                                ])
                                .collect()
                        })
                        .collect()
                };
                results
            })
            .collect(),
    )
}
