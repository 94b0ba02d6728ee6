//! Indicators: the table of the plan's indicators and a page per indicator
//! with its reported values against the 2025 target (and their chart).

use super::charts;
use super::family::{Family, Input, Jobs};
use super::frame::PageKind;
use super::html::esc;
use super::{Ctx, PageView};
use crate::model::*;
use serde_json::{json, Value};

pub const FAMILY: Family = Family {
    name: "indicators",
    inputs: &[
        Input::Titles,
        Input::Indicators,
        Input::IndicatorValues,
        Input::Agencies,
        Input::Errata,
        Input::Updates,
        Input::Template("indicators.html"),
        Input::Template("indicator.html"),
        Input::Template("agency_list.html"),
        Input::Template("status.html"),
        Input::Template("progress.html"),
        Input::Template("update.html"),
        Input::Template("corrections.html"),
    ],
    pages,
};

fn pages<'s>(v: &'s Ctx<'s>, out: &Jobs<'_, 's>) {
    out.page(move || list(v));
    for i in &v.site.indicators {
        out.page(move || indicator(v, i));
    }
}

/// An indicator in a table.
pub(super) fn row(v: &Ctx, i: &Indicator) -> Value {
    json!({
        "number": i.number,
        "url": v.url(&format!("indicators/{}/", i.number)),
        "name": v.tx(&i.name),
        "domain": v.tx(&i.domain),
        "attribute": v.t(if i.binding { "binding" } else { "expected" }),
        "target": v.tx(&i.target),
        "lead": v.agencies(&i.lead),
        "status": v.status_badge(Subject::Indicator(i.number)),
    })
}

/// An indicator's reported values against its 2025 target, with a chart.
fn values(v: &Ctx, i: &Indicator) -> Value {
    let values: Vec<&IndicatorValue> = v
        .site
        .indicator_values
        .iter()
        .filter(|x| x.indicator == i.number)
        .collect();
    let direction = v.site.indicator_directions.get(&i.number).map(|d| match d {
        Direction::AtLeast => v.t("direction_at_least"),
        Direction::AtMost => v.t("direction_at_most"),
        Direction::MeetCityTarget => v.t("direction_city"),
    });
    let rows: Vec<Value> = values
        .iter()
        .map(|x| json!({"year": x.year, "value": x.value, "source": v.tx(&x.source), "note": x.note.as_ref().map(|n| v.tx(n))}))
        .collect();
    let target: Option<f64> = i
        .target
        .zh
        .trim_start_matches(['≥', '≤'])
        .trim()
        .parse()
        .ok();
    json!({
        "direction": direction,
        "rows": rows,
        "chart": charts::values_svg(&values, target, &format!("{} ({})", v.plain(&i.name), v.t("target_2025"))),
    })
}

fn list(v: &Ctx) -> PageView {
    let s = v.site;
    v.page(
        "indicators/",
        "indicators.html",
        PageKind::List,
        v.tx(&s.titles.indicators),
        v.plain(&s.titles.indicators),
        &[],
        json!({"indicators": s.indicators.iter().map(|i| row(v, i)).collect::<Vec<_>>()}),
    )
}

fn indicator(v: &Ctx, i: &Indicator) -> PageView {
    let mut row = row(v, i);
    row["corrections"] = json!(v.corrections(&i.corrections));
    row["progress"] = v.progress_view(Subject::Indicator(i.number));
    row["values"] = values(v, i);
    v.page(
        &format!("indicators/{}/", i.number),
        "indicator.html",
        PageKind::Item,
        v.tx(&i.name),
        v.plain(&i.name),
        &[("indicators/", esc(v.t("indicators")))],
        row,
    )
}
