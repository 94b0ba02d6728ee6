//! The home page: the plan at a glance (counts, chapters, key-task lists,
//! commentary pages), the roll-ups and the latest updates.

use super::family::{family, Family, Jobs, PageShape, Reads, Title};
use super::frame::PageKind;
use super::html::Html;
use super::plan::{self, ChapterRow, KeyListRow};
use super::status::RollupView;
use super::status::ROLLUP;
use super::updates::{self, UpdateEntry};
use super::Ctx;
use crate::model::*;
use serde::Serialize;

pub const FAMILY: Family = family!("home", pages;
    reads Chapters, Tasks, Indicators, Projects, KeyTasks, Agencies, Rivers, Pages;
    templates "home.html"; shows ROLLUP, updates::ENTRY, super::overview::OVERVIEW);

fn pages<'s>(v: &'s Ctx<'s>, out: &Jobs<'_, 's>) {
    let title = Title::Name(&v.site.config.title);
    let shape = PageShape::new("home.html", PageKind::Other, title);
    out.shown(v, Reads::page(""), shape, move || home(v));
}

#[derive(Serialize)]
pub struct HomeView<'a> {
    pub doc_title: Html,
    pub doc_number: &'a str,
    pub counts: Counts,
    pub chapters: Vec<ChapterRow>,
    pub key_lists: Vec<KeyListRow>,
    pub pages: Vec<PageLink<'a>>,
    /// Of every task.
    pub rollup: RollupView<'a>,
    /// Of each year's key tasks.
    pub key_rollups: Vec<YearRollup<'a>>,
    /// The pictures: status by chapter, indicators against their targets.
    pub overview: super::overview::OverviewView<'a>,
    /// The ten newest updates, newest first.
    pub latest: Vec<UpdateEntry<'a>>,
    pub updates_url: String,
    pub overdue_url: String,
    pub feed: Option<String>,
}

/// The plan in numbers.
#[derive(Serialize)]
pub struct Counts {
    pub tasks: usize,
    pub indicators: usize,
    pub projects: usize,
    /// The investment total the plan states.
    pub investment: String,
    /// Agencies, not counting groups of them.
    pub agencies: usize,
    pub rivers: usize,
    pub key_tasks: usize,
}

#[derive(Serialize)]
pub struct PageLink<'a> {
    pub url: String,
    pub title: &'a str,
    pub weight: i64,
}

#[derive(Serialize)]
pub struct YearRollup<'a> {
    pub year: u32,
    pub rollup: RollupView<'a>,
}

pub(super) fn home<'a>(v: &Ctx<'a>) -> HomeView<'a> {
    let s = v.site;
    let pages = s
        .pages
        .iter()
        .filter_map(|p| {
            let zh = p.md.zh.as_ref()?;
            let title = match (v.lang, &p.md.en) {
                (Lang::En, Some(en)) => en.front.title.as_deref(),
                _ => zh.front.title.as_deref(),
            };
            Some(PageLink {
                url: v.url(&format!("pages/{}/", p.slug)),
                title: title.unwrap_or(""),
                weight: zh.front.weight.unwrap_or(0),
            })
        })
        .collect();
    HomeView {
        doc_title: v.tx(&s.document.title),
        doc_number: &s.document.doc_number,
        counts: Counts {
            tasks: s.plan.tasks.len(),
            indicators: s.plan.indicators.len(),
            projects: s.plan.projects.len(),
            investment: v.amount(&s.plan.stated_total),
            agencies: s.agencies.iter().filter(|a| !a.is_group).count(),
            rivers: s.rivers.len(),
            key_tasks: s.plan.key_task_lists.iter().map(|l| l.items.len()).sum(),
        },
        chapters: plan::chapter_rows(v),
        key_lists: plan::key_list_rows(v),
        pages,
        rollup: v.rollup(s.plan.tasks.iter().map(|t| Subject::Task(t.number))),
        key_rollups: s
            .plan
            .key_task_lists
            .iter()
            .map(|l| YearRollup {
                year: l.year,
                rollup: v.rollup(l.items.iter().map(|k| Subject::KeyTask(l.year, k.number))),
            })
            .collect(),
        overview: super::overview::overview(v),
        latest: s
            .updates
            .iter()
            .rev()
            .take(10)
            .map(|u| updates::entry(v, u))
            .collect(),
        updates_url: v.url("updates/"),
        overdue_url: v.url("overdue/"),
        feed: v.feed_url("feed.xml"),
    }
}
