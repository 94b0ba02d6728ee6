//! Indicators: the table of the plan's indicators and a page per indicator
//! with its reported values against the 2025 target (and their chart).

use super::context::{AgencyLink, CorrectionView, WrittenAsView};
use super::family::{family, Family, Input, Jobs, PageShape, Reads, Title};
use super::html::Html;
use super::status::{ProgressView, StatusBadge};
use super::{charts, Ctx};
use crate::model::*;
use serde::Serialize;

pub const FAMILY: Family = family!("indicators", pages; reads Titles, Indicators, IndicatorValues;
    templates "indicators.html", "indicator.html", "provenance.html"; shows item_page);

fn pages<'s>(v: &'s Ctx<'s>, out: &Jobs<'_, 's>) {
    let s = v.site;
    let all = s
        .plan
        .indicators
        .iter()
        .map(|i| Subject::Indicator(i.number));
    let shape = PageShape::list("indicators.html", Title::Name(&s.titles.indicators));
    let reads = Reads::page("indicators/").showing_only(all);
    out.shown(v, reads, shape, move || list(v));
    for i in &s.plan.indicators {
        let reads = Reads::subject_page(Subject::Indicator(i.number))
            .only(Input::IndicatorValues, [i.number]);
        let list = ("indicators/", "indicators");
        let shape = PageShape::item("indicator.html", Title::Name(&i.name), list);
        out.shown(v, reads, shape, move || indicator(v, i));
    }
}

/// An indicator in a table.
#[derive(Serialize)]
pub struct IndicatorRow<'a> {
    pub number: u32,
    pub url: String,
    pub name: Html,
    pub domain: Html,
    /// Binding or expected.
    pub attribute: &'a str,
    pub target: Html,
    pub lead: Vec<AgencyLink>,
    pub status: Option<StatusBadge<'a>>,
}

pub(super) fn row<'a>(v: &Ctx<'a>, i: &Indicator) -> IndicatorRow<'a> {
    IndicatorRow {
        number: i.number,
        url: v.url(&format!("indicators/{}/", i.number)),
        name: v.tx(&i.name),
        domain: v.tx(&i.domain),
        attribute: v.t(if i.binding { "binding" } else { "expected" }),
        target: v.tx(&i.target),
        lead: v.agencies(&i.lead),
        status: v.status_badge(Subject::Indicator(i.number)),
    }
}

#[derive(Serialize)]
pub struct IndicatorsView<'a> {
    pub indicators: Vec<IndicatorRow<'a>>,
}

pub(super) fn list<'a>(v: &Ctx<'a>) -> IndicatorsView<'a> {
    IndicatorsView {
        indicators: v.site.plan.indicators.iter().map(|i| row(v, i)).collect(),
    }
}

/// An indicator's page: its row, and what is reported on it.
#[derive(Serialize)]
pub struct IndicatorView<'a> {
    #[serde(flatten)]
    pub row: IndicatorRow<'a>,
    pub corrections: Vec<CorrectionView<'a>>,
    pub written_as: Vec<WrittenAsView<'a>>,
    pub progress: Option<ProgressView<'a>>,
    /// Its changes in the content, from git.
    pub history: super::history::HistoryView,
    /// Where the source document states it.
    pub provenance: super::source::ProvenanceView<'a>,
    pub values: ValuesView<'a>,
}

/// An indicator's reported values against its 2025 target, with a chart.
#[derive(Serialize)]
pub struct ValuesView<'a> {
    /// Which way the target points, if known.
    pub direction: Option<&'a str>,
    pub rows: Vec<ValueRow<'a>>,
    /// None when no value is a number.
    pub chart: Option<Html>,
}

#[derive(Serialize)]
pub struct ValueRow<'a> {
    pub year: u32,
    pub value: &'a str,
    pub source: Html,
    pub note: Option<Html>,
}

pub(super) fn indicator<'a>(v: &Ctx<'a>, i: &'a Indicator) -> IndicatorView<'a> {
    IndicatorView {
        row: row(v, i),
        corrections: v.corrections(&i.provenance.corrections),
        written_as: v.written_as(&i.provenance.written_as),
        progress: v.progress_view(Subject::Indicator(i.number)),
        history: v.history_view(Subject::Indicator(i.number)),
        provenance: v.provenance(i.provenance.source_line),
        values: values(v, i),
    }
}

fn values<'a>(v: &Ctx<'a>, i: &'a Indicator) -> ValuesView<'a> {
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
    let rows = values
        .iter()
        .map(|x| ValueRow {
            year: x.year,
            value: &x.value,
            source: v.tx(&x.source),
            note: x.note.as_ref().map(|n| v.tx(n)),
        })
        .collect();
    let target: Option<f64> = i
        .target
        .zh
        .trim_start_matches(['≥', '≤'])
        .trim()
        .parse()
        .ok();
    let label = format!("{} ({})", v.plain(&i.name), v.t("target_2025"));
    ValuesView {
        direction,
        rows,
        chart: charts::values_svg(&values, target, &label),
    }
}
