//! Yearly key tasks: the list of years, each year's list by category, and a
//! page per key task; and the key-task row other families show.

use super::context::{AgencyLink, CorrectionView, RiverLink, WrittenAsView};
use super::family::{family, Family, Jobs, PageShape, Reads, Title};
use super::frame::{PageKind, PageMeta};
use super::html::Html;
use super::plan::{self, KeyListRow};
use super::status::{ProgressView, StatusBadge};
use super::Ctx;
use crate::model::*;
use serde::Serialize;

pub const FAMILY: Family = family!("key_tasks", pages; reads KeyTasks, Rivers, Glossary;
    templates "key_task_years.html", "key_tasks.html", "key_task.html", "provenance.html";
    shows item_page);

fn pages<'s>(v: &'s Ctx<'s>, out: &Jobs<'_, 's>) {
    // The years' page shows each list's title and size, nothing else of it.
    let reads = Reads::summary("key-tasks/", plan::key_list_sizes(v));
    let shape = PageShape::list("key_task_years.html", Title::Label("key_tasks"));
    out.shown(v, reads, shape, move || years(v));
    for l in &v.site.plan.key_task_lists {
        let all = l.items.iter().map(|k| Subject::KeyTask(l.year, k.number));
        // Its title shows even where it has no items.
        let reads = Reads::page(format!("key-tasks/{}/", l.year))
            .showing_only(all)
            .salt(format!("{:?}", l.title));
        let shape = PageShape::list("key_tasks.html", Title::Name(&l.title));
        let shape = shape.under("key-tasks/", "key_tasks");
        out.shown(v, reads, shape, move || list(v, l));
        for k in &l.items {
            let subject = Subject::KeyTask(l.year, k.number);
            let reads = Reads::subject_page(subject);
            out.item(reads, move || {
                let base = format!("key-tasks/{}/", l.year);
                let meta = PageMeta {
                    path: &format!("{base}{}/", k.number),
                    template: "key_task.html",
                    kind: PageKind::Item,
                    title: Html::escape(&format!("{} {}", v.t("key_task"), k.number)),
                    head_title: format!("{} {} {}", l.year, v.t("key_task"), k.number),
                    crumbs: &[
                        ("key-tasks/", Html::escape(v.t("key_tasks"))),
                        (&base, v.tx(&l.title)),
                    ],
                };
                v.page(meta, key_task(v, l, k))
            });
        }
    }
}

/// A key task in a table.
#[derive(Serialize)]
pub struct KeyTaskRow<'a> {
    pub number: u32,
    pub year: u32,
    pub url: String,
    pub text: Html,
    pub category: Html,
    pub responsible: Vec<AgencyLink>,
    /// The extraction lost who is responsible (an erratum says so).
    pub lost_responsible: bool,
    pub status: Option<StatusBadge<'a>>,
}

/// The key tasks `keep` keeps, as subjects, in list order.
pub(super) fn subjects_where<'a>(
    site: &'a Site,
    keep: impl Fn(&KeyTask) -> bool + Copy + 'a,
) -> impl Iterator<Item = Subject> + 'a {
    site.plan.key_task_lists.iter().flat_map(move |l| {
        let kept = l.items.iter().filter(move |k| keep(k));
        kept.map(move |k| Subject::KeyTask(l.year, k.number))
    })
}

pub(super) fn row<'a>(v: &Ctx<'a>, list: &KeyTaskList, k: &KeyTask) -> KeyTaskRow<'a> {
    KeyTaskRow {
        number: k.number,
        year: list.year,
        url: v.url(&format!("key-tasks/{}/{}/", list.year, k.number)),
        text: v.tx(&k.text),
        category: v.tx(&k.category),
        responsible: v.agencies(&k.responsible),
        lost_responsible: k.lost.iter().any(|f| f == "responsible"),
        status: v.status_badge(Subject::KeyTask(list.year, k.number)),
    }
}

#[derive(Serialize)]
pub struct YearsView {
    pub lists: Vec<KeyListRow>,
}

pub(super) fn years(v: &Ctx) -> YearsView {
    YearsView {
        lists: plan::key_list_rows(v),
    }
}

#[derive(Serialize)]
pub struct KeyTasksView<'a> {
    pub year: u32,
    pub categories: Vec<Category<'a>>,
}

/// A run of consecutive items of one category.
#[derive(Serialize)]
pub struct Category<'a> {
    pub category: Html,
    pub items: Vec<KeyTaskRow<'a>>,
}

/// One year's list, its items grouped by consecutive category.
pub(super) fn list<'a>(v: &Ctx<'a>, l: &KeyTaskList) -> KeyTasksView<'a> {
    let mut categories: Vec<Category> = Vec::new();
    for k in &l.items {
        let category = v.tx(&k.category);
        match categories.last_mut() {
            Some(c) if c.category == category => c.items.push(row(v, l, k)),
            _ => categories.push(Category {
                category,
                items: vec![row(v, l, k)],
            }),
        }
    }
    KeyTasksView {
        year: l.year,
        categories,
    }
}

/// A key task's page: its row (the text with glossary terms linked) and
/// what it holds besides.
#[derive(Serialize)]
pub struct KeyTaskView<'a> {
    #[serde(flatten)]
    pub row: KeyTaskRow<'a>,
    pub cooperating: Vec<AgencyLink>,
    pub progress: Option<ProgressView<'a>>,
    /// Its changes in the content, from git.
    pub history: super::history::HistoryView,
    /// Where the source document states it.
    pub provenance: super::source::ProvenanceView<'a>,
    pub note_text: Option<Html>,
    pub rivers: Vec<RiverLink>,
    pub corrections: Vec<CorrectionView<'a>>,
    pub written_as: Vec<WrittenAsView<'a>>,
}

pub(super) fn key_task<'a>(v: &Ctx<'a>, l: &KeyTaskList, k: &'a KeyTask) -> KeyTaskView<'a> {
    KeyTaskView {
        row: KeyTaskRow {
            text: v.tx_linked(&k.text),
            ..row(v, l, k)
        },
        cooperating: v.agencies(&k.cooperating),
        progress: v.progress_view(Subject::KeyTask(l.year, k.number)),
        history: v.history_view(Subject::KeyTask(l.year, k.number)),
        provenance: v.provenance(k.provenance.source_line),
        note_text: k.note.as_ref().map(|n| v.tx(n)),
        rivers: v.rivers(&k.rivers),
        corrections: v.corrections(&k.provenance.corrections),
        written_as: v.written_as(&k.provenance.written_as),
    }
}
