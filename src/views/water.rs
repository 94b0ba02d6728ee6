//! The water-safety disclosure (2022 key task 19): the calendar of required
//! publications, each period on time, late or missing, and the latest
//! published results of each drinking-water source; and the latest result
//! of a monitoring site, which river pages show too.

use super::family::{Family, Input, Jobs};
use super::frame::PageKind;
use super::html::esc;
use super::{Ctx, PageView};
use serde_json::{json, Value};

pub const FAMILY: Family = Family {
    name: "water",
    inputs: &[Input::Water, Input::Rivers, Input::Template("water.html")],
    pages,
};

fn pages<'s>(v: &'s Ctx<'s>, out: &Jobs<'_, 's>) {
    out.page(move || water(v));
}

/// The latest published result for a monitoring section or source.
pub(super) fn latest_result(v: &Ctx, site: &str) -> Value {
    let latest = v
        .site
        .publications
        .iter()
        .flat_map(|p| {
            p.results
                .iter()
                .filter(|r| r.site == site)
                .map(move |r| (p, r))
        })
        .max_by(|a, b| (a.0.period.end(), &a.0.published).cmp(&(b.0.period.end(), &b.0.published)));
    match latest {
        Some((p, r)) => {
            json!({"period": p.period.label(), "class": r.class, "meets": r.meets_standard, "url": p.url})
        }
        None => Value::Null,
    }
}

fn water(v: &Ctx) -> PageView {
    let s = v.site;
    let schedules: Vec<Value> = s
        .schedules
        .iter()
        .zip(&v.progress.calendars)
        .map(|(sc, calendar)| {
            let slots: Vec<Value> = calendar
                .iter()
                .rev()
                .map(|slot| json!({
                    "period": slot.period.label(),
                    "due": slot.due,
                    "state": slot.state.key(),
                    "state_label": v.t(&format!("slot_{}", slot.state.key())),
                    "published": slot.publication.map(|p| p.published.clone()),
                    "title": slot.publication.map(|p| v.tx(&p.title)),
                    "url": slot.publication.and_then(|p| p.url.clone()),
                }))
                .collect();
            let missing = slots.iter().filter(|x| x["state"] == "missing").count();
            json!({"id": sc.id, "what": v.tx(&sc.what), "basis": v.tx(&sc.basis), "due_days": sc.due_days, "slots": slots, "missing": missing})
        })
        .collect();
    let sources: Vec<Value> = s
        .water_sources
        .iter()
        .map(|w| json!({"id": w.id, "name": v.tx(&w.name), "water_body": v.rivers(std::slice::from_ref(&w.water_body)),
                        "basis": v.tx(&w.basis), "latest": latest_result(v, &w.id)}))
        .collect();
    v.page(
        "water/",
        "water.html",
        PageKind::List,
        esc(v.t("water")),
        v.t("water").to_string(),
        &[],
        json!({"schedules": schedules, "sources": sources, "build_date": s.config.build_date}),
    )
}
