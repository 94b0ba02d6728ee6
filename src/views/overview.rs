//! The home page's overview in pictures: the tasks' status by chapter as
//! one chart, the indicators against their 2025 targets, each with the
//! table or counts beside it (the key tasks of the latest year are the
//! home page's own roll-up).

use super::charts::{self, RollupRow, TargetState};
use super::family::Input;
use super::html::Html;
use super::status::StateCount;
use super::Ctx;
use crate::model::*;
use crate::progress::Rollup;
use serde::Serialize;

/// What the overview reads besides the home page's own inputs.
pub const OVERVIEW: &[Input] = &[
    Input::Chapters,
    Input::Tasks,
    Input::Indicators,
    Input::IndicatorValues,
    Input::Updates,
];

#[derive(Serialize)]
pub struct OverviewView<'a> {
    pub chapters_chart: Html,
    pub chapters: Vec<ChapterStatus<'a>>,
    /// The prefix of the chapter chart's pattern ids (for the swatches).
    pub chapters_id: &'static str,
    pub indicators_chart: Html,
    /// How many indicators are in each state, every state listed.
    pub indicator_states: Vec<StateCount<'a>>,
    pub indicators_url: String,
}

/// A chapter's row beside the chart.
#[derive(Serialize)]
pub struct ChapterStatus<'a> {
    pub short: String,
    pub title: Html,
    pub url: String,
    pub total: usize,
    /// The statuses with items, in their fixed order.
    pub counts: Vec<StateCount<'a>>,
}

const CHAPTERS_ID: &str = "chapters";

pub(super) fn overview<'a>(v: &Ctx<'a>) -> OverviewView<'a> {
    let s = v.site;
    let rollups: Vec<(&Chapter, Rollup)> = s
        .plan
        .chapters
        .iter()
        .map(|c| {
            let tasks = s.plan.tasks.iter().filter(|t| t.chapter == c.number);
            (c, v.progress.rollup(tasks.map(|t| Subject::Task(t.number))))
        })
        .collect();
    let short = |c: &Chapter| {
        format!(
            "{}{}{}",
            v.t("chapter_short_before"),
            c.number,
            v.t("chapter_short_after")
        )
    };
    let rows: Vec<RollupRow> = rollups
        .iter()
        .map(|(c, r)| RollupRow {
            label: short(c),
            rollup: r,
        })
        .collect();
    let status = |st: Status| v.status_label(st).to_string();
    let chapters_chart = charts::rollups_svg(&rows, status, v.t("chart_by_chapter"), CHAPTERS_ID);
    let chapters = rollups
        .iter()
        .map(|(c, r)| ChapterStatus {
            short: short(c),
            title: v.tx(&c.title),
            url: v.url(&format!("plan/{}/", c.number)),
            total: r.total,
            counts: v
                .status_counts(r)
                .into_iter()
                .filter(|x| x.count > 0)
                .collect(),
        })
        .collect();
    let states: Vec<(u32, TargetState)> = s
        .plan
        .indicators
        .iter()
        .map(|i| {
            let latest = s
                .indicator_values
                .iter()
                .rfind(|x| x.indicator == i.number)
                .map(|x| x.value.as_str());
            let direction = s.indicator_directions.get(&i.number).copied();
            (i.number, TargetState::of(latest, &i.target.zh, direction))
        })
        .collect();
    let indicators_chart = charts::indicators_svg(
        &states,
        |st| v.t(st.key()).to_string(),
        v.t("chart_indicators"),
    );
    OverviewView {
        chapters_chart,
        chapters,
        chapters_id: CHAPTERS_ID,
        indicators_chart,
        indicator_states: TargetState::ALL
            .iter()
            .map(|st| StateCount {
                key: st.key(),
                label: v.t(st.key()),
                count: states.iter().filter(|(_, x)| x == st).count(),
            })
            .collect(),
        indicators_url: v.url("indicators/"),
    }
}
