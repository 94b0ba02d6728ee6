//! The plan: its document page (metadata, notice, the attachment tables)
//! and a page per chapter listing its tasks by section.

use super::context::CorrectionView;
use super::context::{AGENCY_LINKS, CORRECTIONS};
use super::family::{family, Family, Jobs, PageShape, Reads, Title};
use super::frame::{PageKind, PageMeta};
use super::html::Html;
use super::status::RollupView;
use super::status::{BADGE, ROLLUP};
use super::tasks::{self, TaskRow};
use super::Ctx;
use crate::model::*;
use serde::Serialize;

pub const FAMILY: Family = family!("plan", pages;
    reads Titles, Chapters, Tasks, KeyTasks; templates "plan.html", "chapter.html";
    shows AGENCY_LINKS, CORRECTIONS, BADGE, ROLLUP);

fn pages<'s>(v: &'s Ctx<'s>, out: &Jobs<'_, 's>) {
    // The plan's page shows the tasks' numbers by chapter and the key task
    // lists' titles and sizes, nothing else of them.
    let numbers: Vec<_> = v
        .site
        .plan
        .tasks
        .iter()
        .map(|t| (t.chapter, t.number))
        .collect();
    let reads = Reads::summary("plan/", (numbers, key_list_sizes(v)));
    out.item(reads, move || {
        let meta = PageMeta {
            path: "plan/",
            template: "plan.html",
            kind: PageKind::Other,
            title: Html::escape(v.t("plan")),
            head_title: v.plain(&v.site.document.title).to_string(),
            crumbs: &[],
        };
        v.page(meta, plan(v))
    });
    for c in &v.site.plan.chapters {
        let tasks = v.site.plan.tasks.iter().filter(|t| t.chapter == c.number);
        let reads = Reads::page(format!("plan/{}/", c.number))
            .showing_only(tasks.map(|t| Subject::Task(t.number)));
        let shape = PageShape::list("chapter.html", Title::Name(&c.title)).under("plan/", "plan");
        out.shown(v, reads, shape, move || chapter(v, c));
    }
}

/// A chapter with its task range (on the home and plan pages).
#[derive(Serialize)]
pub struct ChapterRow {
    pub number: u32,
    pub url: String,
    pub title: Html,
    pub count: usize,
    /// "1—12", or the one number, or empty without tasks.
    pub range: String,
}

/// A yearly key-task list (on the home, plan and key-task pages).
#[derive(Serialize)]
pub struct KeyListRow {
    pub year: u32,
    pub url: String,
    pub title: Html,
    pub count: usize,
}

pub(super) fn chapter_rows(v: &Ctx) -> Vec<ChapterRow> {
    let s = v.site;
    s.plan
        .chapters
        .iter()
        .map(|c| {
            let nums: Vec<u32> = s
                .plan
                .tasks
                .iter()
                .filter(|t| t.chapter == c.number)
                .map(|t| t.number)
                .collect();
            ChapterRow {
                number: c.number,
                url: v.url(&format!("plan/{}/", c.number)),
                title: v.tx(&c.title),
                count: nums.len(),
                range: range_label(v, nums.first().copied(), nums.last().copied()),
            }
        })
        .collect()
}

/// What `key_list_rows` shows of the key task lists: their titles and sizes.
pub(super) fn key_list_sizes<'a>(v: &Ctx<'a>) -> Vec<(u32, &'a Text, usize)> {
    let lists = v.site.plan.key_task_lists.iter();
    lists.map(|l| (l.year, &l.title, l.items.len())).collect()
}

pub(super) fn key_list_rows(v: &Ctx) -> Vec<KeyListRow> {
    v.site
        .plan
        .key_task_lists
        .iter()
        .map(|l| KeyListRow {
            year: l.year,
            url: v.url(&format!("key-tasks/{}/", l.year)),
            title: v.tx(&l.title),
            count: l.items.len(),
        })
        .collect()
}

fn range_label(v: &Ctx, first: Option<u32>, last: Option<u32>) -> String {
    match (first, last) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => v.range(a, b),
        _ => String::new(),
    }
}

#[derive(Serialize)]
pub struct PlanView<'a> {
    pub doc_title: Html,
    /// The document's metadata table: (label, value).
    pub meta: Vec<(&'a str, Html)>,
    pub notice: Vec<Html>,
    pub signed_by: Html,
    pub signed_date: &'a str,
    pub corrections: Vec<CorrectionView<'a>>,
    pub seed_url: String,
    pub attachment1: Html,
    pub titles: TableTitles,
    pub chapters: Vec<ChapterRow>,
    pub key_lists: Vec<KeyListRow>,
}

/// The titles of the plan's attachment tables.
#[derive(Serialize)]
pub struct TableTitles {
    pub indicators: Html,
    pub tasks: Html,
    pub projects: Html,
}

pub(super) fn plan<'a>(v: &Ctx<'a>) -> PlanView<'a> {
    let s = v.site;
    let d = &s.document;
    let validity = match &d.validity {
        Some(x) => Html::escape(x),
        None => Html::escape(v.t("validity_blank")),
    };
    PlanView {
        doc_title: v.tx(&d.title),
        meta: vec![
            (v.t("index_number"), Html::escape(&d.index_number)),
            (v.t("doc_number"), Html::escape(&d.doc_number)),
            (v.t("subject"), v.tx(&d.subject)),
            (v.t("genre"), v.tx(&d.genre)),
            (v.t("issuer"), v.tx(&d.issuer)),
            (v.t("written"), Html::escape(&d.written)),
            (v.t("published"), Html::escape(&d.published)),
            (v.t("validity"), validity),
        ],
        notice: d.notice.iter().map(|p| v.tx(p)).collect(),
        signed_by: v.tx(&d.signed_by),
        signed_date: &d.signed_date,
        corrections: v.corrections(&d.corrections),
        seed_url: format!("/source/{}", d.seed),
        attachment1: v.tx(&s.titles.attachment1),
        titles: TableTitles {
            indicators: v.tx(&s.titles.indicators),
            tasks: v.tx(&s.titles.tasks),
            projects: v.tx(&s.titles.projects),
        },
        chapters: chapter_rows(v),
        key_lists: key_list_rows(v),
    }
}

#[derive(Serialize)]
pub struct ChapterView<'a> {
    pub number: u32,
    /// Tasks outside any section first, then each section's.
    pub groups: Vec<TaskGroup<'a>>,
    pub rollup: RollupView<'a>,
}

#[derive(Serialize)]
pub struct TaskGroup<'a> {
    /// The section's title (none for tasks outside a section).
    pub title: Option<Html>,
    pub number: Option<u32>,
    pub tasks: Vec<TaskRow<'a>>,
}

pub(super) fn chapter<'a>(v: &Ctx<'a>, c: &Chapter) -> ChapterView<'a> {
    let s = v.site;
    let rows = |section: Option<u32>| -> Vec<TaskRow<'a>> {
        s.plan
            .tasks
            .iter()
            .filter(|t| t.chapter == c.number && t.section == section)
            .map(|t| tasks::row(v, t))
            .collect()
    };
    let ungrouped = rows(None);
    let mut groups = Vec::new();
    if !ungrouped.is_empty() {
        groups.push(TaskGroup {
            title: None,
            number: None,
            tasks: ungrouped,
        });
    }
    for sec in &c.sections {
        groups.push(TaskGroup {
            title: Some(v.tx(&sec.title)),
            number: Some(sec.number),
            tasks: rows(Some(sec.number)),
        });
    }
    ChapterView {
        number: c.number,
        groups,
        rollup: v.rollup(
            s.plan
                .tasks
                .iter()
                .filter(|t| t.chapter == c.number)
                .map(|t| Subject::Task(t.number)),
        ),
    }
}
