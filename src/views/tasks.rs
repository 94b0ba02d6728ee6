//! Tasks: the list of every task by chapter (with its filters) and a page
//! per task; and the task row other families' tables show.

use super::context::{AgencyLink, CorrectionView, RiverLink, WrittenAsView};
use super::family::{family, Family, Jobs, PageShape, Reads, Title};
use super::html::Html;
use super::status::{ProgressView, StatusBadge};
use super::Ctx;
use crate::model::*;
use serde::Serialize;

pub const FAMILY: Family = family!("tasks", pages;
    reads Titles, Chapters, Tasks, Rivers, Glossary, Notes;
    templates "tasks.html", "task.html", "provenance.html"; shows item_page);

fn pages<'s>(v: &'s Ctx<'s>, out: &Jobs<'_, 's>) {
    let tasks = &v.site.plan.tasks;
    let all = tasks.iter().map(|t| Subject::Task(t.number));
    let shape = PageShape::list("tasks.html", Title::Name(&v.site.titles.tasks));
    let reads = Reads::page("tasks/").showing_only(all);
    out.shown(v, reads, shape, move || list(v));
    for (i, t) in tasks.iter().enumerate() {
        let neighbour = |j: Option<usize>| j.and_then(|j| tasks.get(j)).map(|n| n.number);
        let neighbours = (neighbour(i.checked_sub(1)), neighbour(Some(i + 1)));
        let reads = Reads::subject_page(Subject::Task(t.number)).salt(format!("{neighbours:?}"));
        let title = Title::Numbered("task", t.number);
        let shape = PageShape::item("task.html", title, ("tasks/", "tasks"));
        out.shown(v, reads, shape, move || task(v, i, t));
    }
}

/// A task in a table: its number, text, lead agencies and status, and the
/// values the list's filters match.
#[derive(Serialize)]
pub struct TaskRow<'a> {
    pub number: u32,
    pub url: String,
    pub text: Html,
    pub lead: Vec<AgencyLink>,
    pub chapter: u32,
    pub status: Option<StatusBadge<'a>>,
    /// Lead and responsible agencies' ids, space-separated (for the filter).
    pub agency_ids: String,
    pub river_ids: String,
}

pub(super) fn row<'a>(v: &Ctx<'a>, t: &Task) -> TaskRow<'a> {
    TaskRow {
        number: t.number,
        url: v.url(&format!("tasks/{}/", t.number)),
        text: v.tx(&t.text),
        lead: v.agencies(&t.lead),
        chapter: t.chapter,
        status: v.status_badge(Subject::Task(t.number)),
        agency_ids: t
            .lead
            .iter()
            .chain(&t.responsible)
            .cloned()
            .collect::<Vec<_>>()
            .join(" "),
        river_ids: t.rivers.join(" "),
    }
}

#[derive(Serialize)]
pub struct TasksView<'a> {
    pub chapters: Vec<ChapterTasks<'a>>,
    pub count: usize,
    pub filters: Filters<'a>,
}

#[derive(Serialize)]
pub struct ChapterTasks<'a> {
    pub title: Html,
    pub url: String,
    pub tasks: Vec<TaskRow<'a>>,
}

/// The list's filters: the values each can take.
#[derive(Serialize)]
pub struct Filters<'a> {
    pub chapters: Vec<Choice<'a, u32>>,
    pub agencies: Vec<Choice<'a, &'a str>>,
    pub rivers: Vec<Choice<'a, &'a str>>,
    pub statuses: Vec<Choice<'a, &'static str>>,
    pub script: &'static str,
}

#[derive(Serialize)]
pub struct Choice<'a, T> {
    pub value: T,
    pub label: &'a str,
}

pub(super) fn list<'a>(v: &Ctx<'a>) -> TasksView<'a> {
    let s = v.site;
    // An agency or river is a filter's choice when it has tasks.
    let with_tasks = |id: &'a String, name: &'a Text, tasks: &[&Task]| {
        (!tasks.is_empty()).then(|| Choice {
            value: id.as_str(),
            label: v.plain(name),
        })
    };
    TasksView {
        chapters: s
            .plan
            .chapters
            .iter()
            .map(|c| ChapterTasks {
                title: v.tx(&c.title),
                url: v.url(&format!("plan/{}/", c.number)),
                tasks: s
                    .plan
                    .tasks
                    .iter()
                    .filter(|t| t.chapter == c.number)
                    .map(|t| row(v, t))
                    .collect(),
            })
            .collect(),
        count: s.plan.tasks.len(),
        filters: Filters {
            chapters: s
                .plan
                .chapters
                .iter()
                .map(|c| Choice {
                    value: c.number,
                    label: v.plain(&c.title),
                })
                .collect(),
            agencies: (s.agencies.iter())
                .filter_map(|a| with_tasks(&a.id, &a.name, v.involved.agency_tasks(&a.id)))
                .collect(),
            rivers: (s.rivers.iter())
                .filter_map(|r| with_tasks(&r.id, &r.name, v.involved.river_tasks(&r.id)))
                .collect(),
            statuses: Status::ALL
                .iter()
                .map(|st| Choice {
                    value: st.key(),
                    label: v.status_label(*st),
                })
                .collect(),
            script: "/static/filters.js",
        },
    }
}

#[derive(Serialize)]
pub struct TaskView<'a> {
    pub number: u32,
    /// With its glossary terms linked.
    pub text: Html,
    pub chapter: Option<ChapterLink>,
    pub section: Option<Html>,
    pub lead: Vec<AgencyLink>,
    pub responsible: Vec<AgencyLink>,
    pub rivers: Vec<RiverLink>,
    pub corrections: Vec<CorrectionView<'a>>,
    pub written_as: Vec<WrittenAsView<'a>>,
    pub note: Option<Html>,
    /// Where the source document states it.
    pub provenance: super::source::ProvenanceView<'a>,
    pub progress: Option<ProgressView<'a>>,
    /// Its changes in the content, from git.
    pub history: super::history::HistoryView,
    pub prev: Option<Neighbour>,
    pub next: Option<Neighbour>,
}

#[derive(Serialize)]
pub struct ChapterLink {
    pub title: Html,
    pub url: String,
}

/// The task before or after, for the pager.
#[derive(Serialize)]
pub struct Neighbour {
    pub url: String,
    pub number: u32,
}

/// Task `t`, the `i`th of the plan (its neighbours make the pager).
pub(super) fn task<'a>(v: &Ctx<'a>, i: usize, t: &'a Task) -> TaskView<'a> {
    let s = v.site;
    let chapter = s.plan.chapters.iter().find(|c| c.number == t.chapter);
    let section = chapter.and_then(|c| c.sections.iter().find(|x| Some(x.number) == t.section));
    let neighbour = |p: &Task| Neighbour {
        url: v.url(&format!("tasks/{}/", p.number)),
        number: p.number,
    };
    TaskView {
        number: t.number,
        text: v.tx_linked(&t.text),
        chapter: chapter.map(|c| ChapterLink {
            title: v.tx(&c.title),
            url: v.url(&format!("plan/{}/", c.number)),
        }),
        section: section.map(|x| v.tx(&x.title)),
        lead: v.agencies(&t.lead),
        responsible: v.agencies(&t.responsible),
        rivers: v.rivers(&t.rivers),
        corrections: v.corrections(&t.provenance.corrections),
        written_as: v.written_as(&t.provenance.written_as),
        note: v.note("tasks", &t.number.to_string()),
        provenance: v.provenance(t.provenance.source_line),
        progress: v.progress_view(Subject::Task(t.number)),
        history: v.history_view(Subject::Task(t.number)),
        prev: i
            .checked_sub(1)
            .and_then(|j| s.plan.tasks.get(j))
            .map(neighbour),
        next: s.plan.tasks.get(i + 1).map(neighbour),
    }
}
