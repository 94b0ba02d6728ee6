//! Agencies: the list by kind, and each agency's page — its responsibility
//! list (tasks it leads or shares, indicators, projects, key tasks), its
//! roll-up, feed and CSV downloads.

use super::context::AGENCY_LINKS;
use super::family::{family, Family, Jobs, PageShape, Reads, Title};
use super::html::Html;
use super::indicators::{self, IndicatorRow};
use super::key_tasks::{self, KeyTaskRow};
use super::projects::{self, ProjectRow};
use super::status::RollupView;
use super::status::{BADGE, ROLLUP};
use super::tasks::{self, TaskRow};
use super::Ctx;
use crate::model::*;
use serde::Serialize;

pub const FAMILY: Family = family!("agencies", pages;
    reads Agencies, Tasks, Indicators, Projects, KeyTasks, Notes;
    templates "agencies.html", "agency.html"; shows AGENCY_LINKS, BADGE, ROLLUP);

fn pages<'s>(v: &'s Ctx<'s>, out: &Jobs<'_, 's>) {
    // The list shows each agency's number of tasks, nothing else of them.
    let counts = v
        .site
        .agencies
        .iter()
        .map(|a| v.involved.agency_tasks(&a.id).len());
    let reads = Reads::summary("agencies/", counts.collect::<Vec<_>>());
    let shape = PageShape::list("agencies.html", Title::Label("agencies"));
    out.shown(v, reads, shape, move || list(v));
    for a in &v.site.agencies {
        let shape = PageShape::item("agency.html", Title::Name(&a.name), AGENCIES);
        out.shown(v, agency_reads(v, a), shape, move || agency(v, a));
    }
}

/// The agencies' list, as the page an agency's is under.
const AGENCIES: (&str, &str) = ("agencies/", "agencies");

/// What an agency's page reads: the subjects it is responsible for (their
/// rows and status), of each kind none but those.
fn agency_reads(v: &Ctx, a: &Agency) -> Reads {
    let s = v.site;
    let id = &a.id;
    let tasks = v
        .involved
        .agency_tasks(id)
        .iter()
        .map(|t| Subject::Task(t.number));
    let indicators = indicators_led(s, id);
    let projects = projects_of(s, id);
    let key_tasks = key_tasks::subjects_where(s, |k| {
        k.responsible.contains(id) || k.cooperating.contains(id)
    });
    Reads::page(format!("agencies/{id}/"))
        .showing_only(tasks)
        .subjects(indicators.map(|i| Subject::Indicator(i.number)))
        .subjects(projects.map(|p| Subject::Project(p.number)))
        .subjects(key_tasks)
}

/// The indicators the agency `id` leads.
fn indicators_led<'a>(s: &'a Site, id: &'a str) -> impl Iterator<Item = &'a Indicator> {
    s.plan
        .indicators
        .iter()
        .filter(move |i| i.lead.iter().any(|l| l == id))
}

/// The projects the agency `id` is responsible for.
fn projects_of<'a>(s: &'a Site, id: &'a str) -> impl Iterator<Item = &'a Project> {
    s.plan
        .projects
        .iter()
        .filter(move |p| p.responsible.iter().any(|r| r == id))
}

#[derive(Serialize)]
pub struct AgenciesView<'a> {
    /// The agencies of each kind, kinds in their fixed order, empty ones left out.
    pub kinds: Vec<KindGroup<'a>>,
}

#[derive(Serialize)]
pub struct KindGroup<'a> {
    pub kind: &'a str,
    pub agencies: Vec<AgencyCount>,
}

#[derive(Serialize)]
pub struct AgencyCount {
    pub url: String,
    pub name: Html,
    /// Tasks it leads or shares.
    pub tasks: usize,
}

pub(super) fn list<'a>(v: &Ctx<'a>) -> AgenciesView<'a> {
    let kinds = crate::model::AgencyKind::ALL
        .iter()
        .filter_map(|k| {
            let agencies: Vec<AgencyCount> = v
                .site
                .agencies
                .iter()
                .filter(|a| a.kind == *k)
                .map(|a| AgencyCount {
                    url: v.url(&format!("agencies/{}/", a.id)),
                    name: v.tx(&a.name),
                    tasks: v.involved.agency_tasks(&a.id).len(),
                })
                .collect();
            (!agencies.is_empty()).then(|| KindGroup {
                kind: v.kind_label(k.key()),
                agencies,
            })
        })
        .collect();
    AgenciesView { kinds }
}

/// An agency's page: its responsibility list.
#[derive(Serialize)]
pub struct AgencyView<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub group: bool,
    /// Its name in the other language (for a Chinese page, the English).
    pub other_name: &'a str,
    pub aliases: &'a [String],
    /// Tasks it leads, then tasks it shares (responsible, not lead).
    pub led: Vec<TaskRow<'a>>,
    pub shared: Vec<TaskRow<'a>>,
    pub indicators: Vec<IndicatorRow<'a>>,
    pub projects: Vec<ProjectRow<'a>>,
    /// Key tasks it is responsible for, then ones it cooperates on.
    pub key_resp: Vec<KeyTaskRow<'a>>,
    pub key_coop: Vec<KeyTaskRow<'a>>,
    /// Of the tasks it leads or shares.
    pub rollup: RollupView<'a>,
    pub feed: Option<String>,
    pub downloads: Vec<Download<'a>>,
    pub note: Option<Html>,
}

/// One of an agency's responsibility lists as CSV.
#[derive(Serialize)]
pub struct Download<'a> {
    pub url: String,
    pub title: &'a str,
}

pub(super) fn agency<'a>(v: &Ctx<'a>, a: &'a Agency) -> AgencyView<'a> {
    let s = v.site;
    let tasks = v.involved.agency_tasks(&a.id);
    let (led, shared): (Vec<&Task>, Vec<&Task>) =
        tasks.iter().partition(|t| t.lead.contains(&a.id));
    let mut key_resp = Vec::new();
    let mut key_coop = Vec::new();
    for l in &s.plan.key_task_lists {
        for k in &l.items {
            if k.responsible.contains(&a.id) {
                key_resp.push(key_tasks::row(v, l, k));
            } else if k.cooperating.contains(&a.id) {
                key_coop.push(key_tasks::row(v, l, k));
            }
        }
    }
    let mut view = AgencyView {
        id: &a.id,
        kind: v.kind_label(a.kind.key()),
        group: a.is_group,
        other_name: match v.lang {
            Lang::Zh => a.name.en.as_deref().unwrap_or(""),
            Lang::En => &a.name.zh,
        },
        aliases: &a.aliases,
        led: led.into_iter().map(|t| tasks::row(v, t)).collect(),
        shared: shared.into_iter().map(|t| tasks::row(v, t)).collect(),
        indicators: (indicators_led(s, &a.id))
            .map(|i| indicators::row(v, i))
            .collect(),
        projects: (projects_of(s, &a.id))
            .map(|p| projects::row(v, p))
            .collect(),
        key_resp,
        key_coop,
        rollup: v.rollup(tasks.iter().map(|t| Subject::Task(t.number))),
        feed: v.feed_url(&format!("agencies/{}/feed.xml", a.id)),
        downloads: Vec::new(),
        note: v.note("agencies", &a.id),
    };
    if v.mode.features.data {
        view.downloads = downloads(v, a, &view);
    }
    view
}

/// Its responsibility lists as CSV, one per table that has rows (as
/// `render::data` writes them).
fn downloads<'a>(v: &Ctx<'a>, a: &Agency, view: &AgencyView) -> Vec<Download<'a>> {
    [
        (
            "tasks",
            "tasks",
            !view.led.is_empty() || !view.shared.is_empty(),
        ),
        ("indicators", "indicators", !view.indicators.is_empty()),
        ("projects", "projects", !view.projects.is_empty()),
        (
            "key-tasks",
            "key_tasks",
            !view.key_resp.is_empty() || !view.key_coop.is_empty(),
        ),
    ]
    .iter()
    .filter(|(_, _, any)| *any)
    .map(|(name, label, _)| Download {
        url: v.url(&format!("data/agencies/{}-{name}.csv", a.id)),
        title: v.t(label),
    })
    .collect()
}
