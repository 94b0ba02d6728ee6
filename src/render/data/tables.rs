//! The open-data tables in the language of the files being written: the
//! site-wide download has all of them, an agency's list only the plan tables
//! it is named in (`plan_tables`). This file declares the columns of the four
//! site-wide-only tables (updates, agencies, indicator values, water
//! publications).

use super::fields::{col, Column, Kind, Table};
use super::plan_tables::{indicators, key_tasks, projects, tasks};
use crate::model::open_data::*;
use crate::model::*;
use crate::progress::Progress;

/// What the cells of a table are read with: the site, the language of the
/// files and the site's progress.
pub(super) struct Ctx<'a> {
    pub site: &'a Site,
    pub lang: Lang,
    pub progress: &'a Progress<'a>,
}

/// A subject's latest reported progress as cells; a subject nothing is
/// reported on is `not-assessed`, with empty dates and not overdue.
pub(super) struct StatusCells {
    pub status: &'static str,
    pub date: String,
    pub percent: String,
    pub due: String,
    pub overdue: String,
}

impl Ctx<'_> {
    /// `t` in the files' language (Chinese where there is no translation).
    pub fn text(&self, t: &Text) -> String {
        t.get(self.lang).unwrap_or(&t.zh).to_string()
    }

    /// The names of the agencies `ids`, `；`-separated.
    pub fn names(&self, ids: &[String]) -> String {
        ids.iter()
            .filter_map(|id| self.site.agency(id))
            .map(|a| self.text(&a.name))
            .collect::<Vec<_>>()
            .join("；")
    }

    /// The latest reported progress of `s`, as cells.
    pub fn status(&self, s: Subject) -> StatusCells {
        match self.progress.get(&s) {
            Some(p) => StatusCells {
                status: p.status.key(),
                date: p
                    .timeline
                    .last()
                    .map(|u| u.date.clone())
                    .unwrap_or_default(),
                percent: p.percent.map(|x| x.to_string()).unwrap_or_default(),
                due: p.due.clone(),
                overdue: p.overdue.to_string(),
            },
            None => StatusCells {
                status: "not-assessed",
                date: String::new(),
                percent: String::new(),
                due: String::new(),
                overdue: "false".into(),
            },
        }
    }
}

/// The tables in the order of `open_data::TABLES`: all of them for the
/// site-wide download (`agency` `None`), the four plan tables for one agency.
pub(super) fn tables(c: &Ctx, agency: Option<&str>) -> Vec<Table> {
    let mut out = vec![
        tasks(c, agency),
        indicators(c, agency),
        projects(c, agency),
        key_tasks(c, agency),
    ];
    if agency.is_some() {
        return out;
    }
    let s = c.site;
    out.extend([
        Table::new(UPDATES, &update_columns(), c, &s.updates),
        Table::new(AGENCIES, &agency_columns(), c, &s.agencies),
        Table::new(INDICATOR_VALUES, &value_columns(), c, &s.indicator_values),
        Table::new(
            WATER_PUBLICATIONS,
            &water_columns(),
            c,
            s.publications.iter().flat_map(WaterRow::of),
        ),
    ]);
    out
}

/// The updates table's columns, one a line so that they read as a table.
#[rustfmt::skip]
fn update_columns<'a>() -> Vec<Column<&'a Update>> {
    vec![
        col("id", Kind::String, "编号", "Update id (its file name)", |_, u| u.id.clone()),
        col("date", Kind::Date, "截至日期", "As-of date", |_, u| u.date.clone()),
        col("subjects", Kind::String, "报送对象", "Subjects (task/N, key-task/YEAR/N …)", |_, u| subject_keys(u)),
        col("status", Kind::String, "状态", "Status reported", |_, u| u.status.key().into()),
        col("percent", Kind::Integer, "完成百分比", "Percent complete (empty when not given)", |_, u| u.percent.map(|x| x.to_string()).unwrap_or_default()),
        col("reporter_id", Kind::String, "报送单位代码", "Reporting agency id", |_, u| u.reporter.clone()),
        col("reporter", Kind::String, "报送单位", "Reporting agency", |c, u| c.names(std::slice::from_ref(&u.reporter))),
        col("text", Kind::String, "报送内容", "Progress, problems and next steps (markdown)", |c, u| body(c, u).trim().to_string()),
    ]
}

/// The update's subjects as keys (`task/3 key-task/2022/1`).
fn subject_keys(u: &Update) -> String {
    let keys: Vec<String> = u.subjects.iter().map(|x| x.key()).collect();
    keys.join(" ")
}

/// The update's text in the files' language (Chinese where not translated).
fn body<'a>(c: &Ctx, u: &'a Update) -> &'a str {
    match c.lang {
        Lang::En => u.body_en.as_ref().unwrap_or(&u.body_zh),
        Lang::Zh => &u.body_zh,
    }
}

/// The agencies table's columns, one a line so that they read as a table.
#[rustfmt::skip]
fn agency_columns<'a>() -> Vec<Column<&'a Agency>> {
    vec![
        col("id", Kind::String, "代码", "Agency id (used in URLs)", |_, a| a.id.clone()),
        col("name", Kind::String, "名称", "Name", |c, a| c.text(&a.name)),
        col("kind", Kind::String, "类型", "Kind (group = a generic group, not one agency)", |_, a| a.kind.key().to_string()),
        col("aliases", Kind::String, "原文其他写法", "Other spellings in the source (；-separated)", |_, a| a.aliases.join("；")),
    ]
}

/// The indicator-values table's columns, one a line so that they read as a table.
#[rustfmt::skip]
fn value_columns<'a>() -> Vec<Column<&'a IndicatorValue>> {
    vec![
        col("indicator", Kind::Integer, "指标序号", "Indicator number", |_, x| x.indicator.to_string()),
        col("year", Kind::Integer, "年度", "Year", |_, x| x.year.to_string()),
        col("value", Kind::Number, "数值", "Value reported", |_, x| x.value.clone()),
        col("source", Kind::String, "来源", "Source", |c, x| c.text(&x.source)),
    ]
}

/// A row of the water-publications table: a publication with one of its
/// results, or with none when it reports no result.
struct WaterRow<'a> {
    publication: &'a Publication,
    result: Option<&'a WaterResult>,
}

impl<'a> WaterRow<'a> {
    fn of(publication: &'a Publication) -> Vec<WaterRow<'a>> {
        if publication.results.is_empty() {
            return vec![WaterRow {
                publication,
                result: None,
            }];
        }
        let rows = publication.results.iter().map(|r| WaterRow {
            publication,
            result: Some(r),
        });
        rows.collect()
    }
}

/// The water-publications table's columns, one a line so that they read as a table.
#[rustfmt::skip]
fn water_columns<'a>() -> Vec<Column<WaterRow<'a>>> {
    vec![
        col("schedule", Kind::String, "公开事项", "Which required publication", |_, w| w.publication.schedule.clone()),
        col("period", Kind::String, "周期", "Period (YYYY-MM or YYYY-Qn)", |_, w| w.publication.period.label()),
        col("published", Kind::Date, "公开日期", "Date published", |_, w| w.publication.published.clone()),
        col("title", Kind::String, "标题", "Title of the publication", |c, w| c.text(&w.publication.title)),
        col("url", Kind::String, "链接", "Link to the publication", |_, w| w.publication.url.clone().unwrap_or_default()),
        col("site", Kind::String, "断面或水源地", "Monitoring section or drinking-water source id", |_, w| w.result.map(|r| r.site.clone()).unwrap_or_default()),
        col("class", Kind::String, "水质类别", "Measured water-quality class", |_, w| w.result.map(|r| r.class.key().to_string()).unwrap_or_default()),
        col("meets_standard", Kind::Boolean, "是否达标", "Whether the publication says the site met its standard", |_, w| w.result.and_then(|r| r.meets_standard).map(|m| m.to_string()).unwrap_or_default()),
    ]
}
