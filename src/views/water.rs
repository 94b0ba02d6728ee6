//! The water-safety disclosure (2022 key task 19): the calendar of required
//! publications, each period on time, late or missing, and the latest
//! published results of each drinking-water source; and the latest result
//! of a monitoring site, which river pages show too.

use super::context::RiverLink;
use super::family::{family, Family, Jobs, PageShape, Reads, Title};
use super::html::Html;
use super::Ctx;
use serde::Serialize;

pub const FAMILY: Family =
    family!("water", pages; reads Water, Rivers; templates "water.html"; shows);

fn pages<'s>(v: &'s Ctx<'s>, out: &Jobs<'_, 's>) {
    let shape = PageShape::list("water.html", Title::Label("water"));
    out.shown(v, Reads::page("water/"), shape, move || water(v));
}

/// The latest published result of a monitoring section or source.
#[derive(Serialize)]
pub struct LatestResult<'a> {
    pub period: String,
    pub class: &'a str,
    /// Whether the publication says it met its standard, if it says.
    pub meets: Option<bool>,
    pub url: Option<&'a str>,
}

/// The latest published result for the monitoring section or source `site`.
pub(super) fn latest_result<'a>(v: &Ctx<'a>, site: &str) -> Option<LatestResult<'a>> {
    v.site
        .publications
        .iter()
        .flat_map(|p| {
            p.results
                .iter()
                .filter(|r| r.site == site)
                .map(move |r| (p, r))
        })
        .max_by(|a, b| (a.0.period.end(), &a.0.published).cmp(&(b.0.period.end(), &b.0.published)))
        .map(|(p, r)| LatestResult {
            period: p.period.label(),
            class: r.class.key(),
            meets: r.meets_standard,
            url: p.url.as_deref(),
        })
}

#[derive(Serialize)]
pub struct WaterView<'a> {
    pub schedules: Vec<ScheduleView<'a>>,
    pub sources: Vec<SourceView<'a>>,
    pub build_date: Option<&'a str>,
}

/// A required publication and its calendar, newest period first.
#[derive(Serialize)]
pub struct ScheduleView<'a> {
    pub id: &'a str,
    pub what: Html,
    pub basis: Html,
    /// Days after a period's end it is due.
    pub due_days: u32,
    pub slots: Vec<SlotView<'a>>,
    /// Periods past due with nothing published.
    pub missing: usize,
}

#[derive(Serialize)]
pub struct SlotView<'a> {
    pub period: String,
    pub due: &'a str,
    /// `on-time`, `late`, `missing` or `not-yet-due`: its CSS class.
    pub state: &'static str,
    pub state_label: &'a str,
    pub published: Option<&'a str>,
    pub title: Option<Html>,
    pub url: Option<&'a str>,
}

#[derive(Serialize)]
pub struct SourceView<'a> {
    pub id: &'a str,
    pub name: Html,
    pub water_body: Vec<RiverLink>,
    pub basis: Html,
    pub latest: Option<LatestResult<'a>>,
}

pub(super) fn water<'a>(v: &Ctx<'a>) -> WaterView<'a> {
    let s = v.site;
    let schedules = s
        .schedules
        .iter()
        .zip(&v.progress.calendars)
        .map(|(sc, calendar)| {
            let slots: Vec<SlotView> = calendar
                .iter()
                .rev()
                .map(|slot| SlotView {
                    period: slot.period.label(),
                    due: &slot.due,
                    state: slot.state.key(),
                    state_label: v.t(&format!("slot_{}", slot.state.key())),
                    published: slot.publication.map(|p| p.published.as_str()),
                    title: slot.publication.map(|p| v.tx(&p.title)),
                    url: slot.publication.and_then(|p| p.url.as_deref()),
                })
                .collect();
            ScheduleView {
                id: &sc.id,
                what: v.tx(&sc.what),
                basis: v.tx(&sc.basis),
                due_days: sc.due_days,
                missing: slots.iter().filter(|x| x.state == "missing").count(),
                slots,
            }
        })
        .collect();
    let sources = s
        .water_sources
        .iter()
        .map(|w| SourceView {
            id: &w.id,
            name: v.tx(&w.name),
            water_body: v.rivers(std::slice::from_ref(&w.water_body)),
            basis: v.tx(&w.basis),
            latest: latest_result(v, &w.id),
        })
        .collect();
    WaterView {
        schedules,
        sources,
        build_date: s.config.build_date.as_deref(),
    }
}
