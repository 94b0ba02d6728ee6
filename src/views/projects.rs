//! Projects: the table of the plan's projects with the stated investment
//! total, and a page per project; and the project row other families show.

use super::context::{AgencyLink, CorrectionView, RiverLink, WrittenAsView};
use super::family::{family, Family, Jobs, PageShape, Reads, Title};
use super::html::Html;
use super::status::{ProgressView, StatusBadge};
use super::Ctx;
use crate::model::*;
use serde::Serialize;

pub const FAMILY: Family = family!("projects", pages; reads Titles, Projects, Rivers, Glossary;
    templates "projects.html", "project.html", "provenance.html"; shows item_page);

fn pages<'s>(v: &'s Ctx<'s>, out: &Jobs<'_, 's>) {
    let s = v.site;
    let all = s.plan.projects.iter().map(|p| Subject::Project(p.number));
    let shape = PageShape::list("projects.html", Title::Name(&s.titles.projects));
    let reads = Reads::page("projects/").showing_only(all);
    out.shown(v, reads, shape, move || list(v));
    for p in &s.plan.projects {
        let reads = Reads::subject_page(Subject::Project(p.number));
        let list = ("projects/", "projects");
        let shape = PageShape::item("project.html", Title::Name(&p.name), list);
        out.shown(v, reads, shape, move || project(v, p));
    }
}

/// A project in a table.
#[derive(Serialize)]
pub struct ProjectRow<'a> {
    pub number: u32,
    pub url: String,
    pub name: Html,
    pub category: Html,
    /// In 亿元 in Chinese (the column names the unit), the amount in English.
    pub investment: String,
    /// The amount in running text ("2 亿元", "CNY 200 million").
    pub amount: String,
    pub years: String,
    pub responsible: Vec<AgencyLink>,
    pub status: Option<StatusBadge<'a>>,
}

pub(super) fn row<'a>(v: &Ctx<'a>, p: &'a Project) -> ProjectRow<'a> {
    ProjectRow {
        number: p.number,
        url: v.url(&format!("projects/{}/", p.number)),
        name: v.tx(&p.name),
        category: v.tx(&p.category),
        investment: v.amount_cell(&p.investment),
        amount: v.amount(&p.investment),
        years: v.range(p.start_year, p.end_year),
        responsible: v.agencies(&p.responsible),
        status: v.status_badge(Subject::Project(p.number)),
    }
}

#[derive(Serialize)]
pub struct ProjectsView<'a> {
    pub projects: Vec<ProjectRow<'a>>,
    /// The investment total the plan states, for the table and in words.
    pub total: String,
    pub total_amount: String,
}

pub(super) fn list<'a>(v: &Ctx<'a>) -> ProjectsView<'a> {
    let s = v.site;
    ProjectsView {
        projects: s.plan.projects.iter().map(|p| row(v, p)).collect(),
        total: v.amount_cell(&s.plan.stated_total),
        total_amount: v.amount(&s.plan.stated_total),
    }
}

/// A project's page: its row, and what it holds besides.
#[derive(Serialize)]
pub struct ProjectView<'a> {
    #[serde(flatten)]
    pub row: ProjectRow<'a>,
    /// With its glossary terms linked and its line breaks kept.
    pub content: Html,
    pub rivers: Vec<RiverLink>,
    pub corrections: Vec<CorrectionView<'a>>,
    pub written_as: Vec<WrittenAsView<'a>>,
    pub progress: Option<ProgressView<'a>>,
    /// Its changes in the content, from git.
    pub history: super::history::HistoryView,
    /// Where the source document states it.
    pub provenance: super::source::ProvenanceView<'a>,
}

pub(super) fn project<'a>(v: &Ctx<'a>, p: &'a Project) -> ProjectView<'a> {
    ProjectView {
        row: row(v, p),
        content: v.tx_linked(&p.content).with_line_breaks(),
        rivers: v.rivers(&p.rivers),
        corrections: v.corrections(&p.provenance.corrections),
        written_as: v.written_as(&p.provenance.written_as),
        progress: v.progress_view(Subject::Project(p.number)),
        history: v.history_view(Subject::Project(p.number)),
        provenance: v.provenance(p.provenance.source_line),
    }
}
