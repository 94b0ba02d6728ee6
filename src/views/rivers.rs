//! Rivers (一河一档): the list of rivers, and one file per river — its
//! monitoring sections and drinking-water sources with their latest
//! results, and the tasks, projects and key tasks that name it.

use super::context::{CorrectionView, RiverLink};
use super::context::{AGENCY_LINKS, CORRECTIONS};
use super::family::{family, Family, Jobs, PageShape, Reads, Title};
use super::html::Html;
use super::key_tasks::{self, KeyTaskRow};
use super::projects::{self, ProjectRow};
use super::status::RollupView;
use super::status::{BADGE, ROLLUP};
use super::tasks::{self, TaskRow};
use super::water::{self, LatestResult};
use super::{charts, Ctx};
use crate::model::*;
use serde::Serialize;

pub const FAMILY: Family = family!("rivers", pages;
    reads Rivers, Tasks, Projects, KeyTasks, Water, Notes; templates "rivers.html", "river.html";
    shows AGENCY_LINKS, CORRECTIONS, BADGE, ROLLUP);

fn pages<'s>(v: &'s Ctx<'s>, out: &Jobs<'_, 's>) {
    // The list shows each river's number of items, nothing else of them.
    let counts = v.site.rivers.iter().map(|r| items_naming(v, r).count());
    let reads = Reads::summary("rivers/", counts.collect::<Vec<_>>());
    let shape = PageShape::list("rivers.html", Title::Label("rivers"));
    out.shown(v, reads, shape, move || list(v));
    for r in &v.site.rivers {
        let reads = Reads::page(format!("rivers/{}/", r.id)).showing_only(items_naming(v, r));
        let shape = PageShape::item("river.html", Title::Name(&r.name), ("rivers/", "rivers"));
        out.shown(v, reads, shape, move || river(v, r));
    }
}

/// The tasks, projects and key tasks naming `r` (what its page lists).
fn items_naming<'a>(v: &'a Ctx, r: &'a River) -> impl Iterator<Item = Subject> + 'a {
    let tasks = v.involved.river_tasks(&r.id).iter();
    let projects = v.involved.river_projects(&r.id).iter();
    let key_tasks = key_tasks::subjects_where(v.site, move |k| k.rivers.contains(&r.id));
    (tasks.map(|t| Subject::Task(t.number)))
        .chain(projects.map(|p| Subject::Project(p.number)))
        .chain(key_tasks)
}

#[derive(Serialize)]
pub struct RiversView<'a> {
    pub rivers: Vec<RiverRow<'a>>,
}

#[derive(Serialize)]
pub struct RiverRow<'a> {
    pub url: String,
    pub name: Html,
    pub kind: &'a str,
    /// Tasks, projects and key tasks naming it.
    pub items: usize,
    /// Its monitoring sections.
    pub sections: usize,
    pub tributary_of: Option<Html>,
}

pub(super) fn list<'a>(v: &Ctx<'a>) -> RiversView<'a> {
    let s = v.site;
    let rivers = s
        .rivers
        .iter()
        .map(|r| RiverRow {
            url: v.url(&format!("rivers/{}/", r.id)),
            name: v.tx(&r.name),
            kind: v.kind_label(r.kind.key()),
            items: items_naming(v, r).count(),
            sections: r.sections.len(),
            tributary_of: r
                .tributary_of
                .as_ref()
                .and_then(|p| s.river(p))
                .map(|p| v.tx(&p.name)),
        })
        .collect();
    RiversView { rivers }
}

/// A river's file.
#[derive(Serialize)]
pub struct RiverView<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    /// Its name in the other language (for a Chinese page, the English).
    pub other_name: &'a str,
    pub aliases: &'a [String],
    /// The river it flows into (none or one).
    pub tributary_of: Vec<RiverLink>,
    pub tributaries: Vec<RiverLink>,
    pub sections: Vec<SectionView<'a>>,
    pub tasks: Vec<TaskRow<'a>>,
    pub projects: Vec<ProjectRow<'a>>,
    pub key_tasks: Vec<KeyTaskRow<'a>>,
    /// Of the tasks naming it.
    pub rollup: RollupView<'a>,
    pub feed: Option<String>,
    pub water_sources: Vec<SourceResult<'a>>,
    pub note: Option<Html>,
    /// The schematic of its river system (none for a water body the
    /// registry relates to nothing).
    pub schematic: Option<Html>,
}

/// A monitoring section with its target class and latest result.
#[derive(Serialize)]
pub struct SectionView<'a> {
    pub id: &'a str,
    pub name: Html,
    /// None where the extraction lost it (its corrections say so).
    pub target: Option<&'a str>,
    pub source: Html,
    pub latest: Option<LatestResult<'a>>,
    pub corrections: Vec<CorrectionView<'a>>,
}

/// A drinking-water source on the river, with its latest result.
#[derive(Serialize)]
pub struct SourceResult<'a> {
    pub name: Html,
    pub latest: Option<LatestResult<'a>>,
    pub url: String,
}

pub(super) fn river<'a>(v: &Ctx<'a>, r: &'a River) -> RiverView<'a> {
    let s = v.site;
    let tributaries: Vec<String> = s
        .rivers
        .iter()
        .filter(|x| x.tributary_of.as_deref() == Some(r.id.as_str()))
        .map(|x| x.id.clone())
        .collect();
    let mut key_items = Vec::new();
    for l in &s.plan.key_task_lists {
        for k in &l.items {
            if k.rivers.contains(&r.id) {
                key_items.push(key_tasks::row(v, l, k));
            }
        }
    }
    let river_tasks = v.involved.river_tasks(&r.id);
    RiverView {
        id: &r.id,
        kind: v.kind_label(r.kind.key()),
        other_name: match v.lang {
            Lang::Zh => r.name.en.as_deref().unwrap_or(""),
            Lang::En => &r.name.zh,
        },
        aliases: &r.aliases,
        tributary_of: v.rivers(r.tributary_of.as_slice()),
        tributaries: v.rivers(&tributaries),
        sections: r
            .sections
            .iter()
            .map(|sec| SectionView {
                id: &sec.id,
                name: v.tx(&sec.name),
                target: sec.target_class.map(|c| c.key()),
                source: v.tx(&sec.source),
                latest: water::latest_result(v, &sec.id),
                corrections: v.corrections(&sec.corrections),
            })
            .collect(),
        tasks: river_tasks.iter().map(|t| tasks::row(v, t)).collect(),
        projects: v
            .involved
            .river_projects(&r.id)
            .iter()
            .map(|p| projects::row(v, p))
            .collect(),
        key_tasks: key_items,
        rollup: v.rollup(river_tasks.iter().map(|t| Subject::Task(t.number))),
        feed: v.feed_url(&format!("rivers/{}/feed.xml", r.id)),
        water_sources: s
            .water_sources
            .iter()
            .filter(|w| w.water_body == r.id)
            .map(|w| SourceResult {
                name: v.tx(&w.name),
                latest: water::latest_result(v, &w.id),
                url: v.url("water/"),
            })
            .collect(),
        note: v.note("rivers", &r.id),
        schematic: schematic(v, r),
    }
}

/// The schematic of the system `r` belongs to: its main river (followed up
/// `tributary_of`), and under each river its sections and tributaries, as
/// the registry records them.
fn schematic(v: &Ctx, r: &River) -> Option<Html> {
    let s = v.site;
    let mut root = r;
    // A registry is at most a few levels deep; the bound stops a cycle.
    for _ in 0..s.rivers.len() {
        match root.tributary_of.as_deref().and_then(|p| s.river(p)) {
            Some(p) => root = p,
            None => break,
        }
    }
    let mut rivers = Vec::new();
    let mut stack = vec![(root, 0usize)];
    while let Some((x, depth)) = stack.pop() {
        if rivers.len() > s.rivers.len() {
            break;
        }
        rivers.push(charts::SystemRiver {
            depth,
            name: v.plain(&x.name).to_string(),
            sections: x
                .sections
                .iter()
                .map(|sec| v.plain(&sec.name).to_string())
                .collect(),
            current: x.id == r.id,
        });
        // Pushed last first, so they are drawn in the registry's order.
        let children: Vec<&River> = s
            .rivers
            .iter()
            .filter(|c| c.tributary_of.as_deref() == Some(x.id.as_str()))
            .collect();
        stack.extend(children.into_iter().rev().map(|c| (c, depth + 1)));
    }
    if rivers.len() < 2 && root.sections.is_empty() {
        return None;
    }
    let system = charts::RiverSystem {
        rivers,
        legend: [
            "schematic_main",
            "schematic_tributary",
            "schematic_section",
            "schematic_this",
        ]
        .map(|k| v.t(k).to_string()),
    };
    Some(charts::river_system_svg(&system, v.t("schematic")))
}
