//! The four plan tables (tasks, indicators, projects, key tasks), in the
//! order of the document's attachment tables: each one's columns, and its
//! rows for the site-wide download (`agency` `None`) or for one agency's
//! responsibility list (the rows it leads, is responsible for or cooperates on).

use super::fields::{col, Column, Kind, Table};
use super::tables::{Ctx, StatusCells};
use crate::model::open_data::*;
use crate::model::*;

/// Whether a row belongs in `agency`'s list: always for the site-wide
/// download (`None`), else when the agency is in one of `ids`.
fn mine(agency: Option<&str>, ids: &[&Vec<String>]) -> bool {
    agency.is_none_or(|a| ids.iter().any(|v| v.iter().any(|x| x == a)))
}

/// A task with the titles of its chapter and section and its latest progress.
struct TaskRow<'a> {
    task: &'a Task,
    chapter_title: Option<&'a Text>,
    section_title: Option<&'a Text>,
    progress: StatusCells,
}

pub(super) fn tasks(c: &Ctx, agency: Option<&str>) -> Table {
    let s = c.site;
    let rows = s
        .plan
        .tasks
        .iter()
        .filter(|t| mine(agency, &[&t.lead, &t.responsible]))
        .map(|task| {
            let chapter = s.plan.chapters.iter().find(|x| x.number == task.chapter);
            let section =
                chapter.and_then(|ch| ch.sections.iter().find(|x| Some(x.number) == task.section));
            TaskRow {
                task,
                chapter_title: chapter.map(|x| &x.title),
                section_title: section.map(|x| &x.title),
                progress: c.status(Subject::Task(task.number)),
            }
        });
    Table::new(TASKS, &task_columns(), c, rows)
}

/// The tasks table's columns, one a line so that they read as a table.
#[rustfmt::skip]
fn task_columns<'a>() -> Vec<Column<TaskRow<'a>>> {
    vec![
        col("number", Kind::Integer, "序号", "Task number in the plan", |_, r| r.task.number.to_string()),
        col("chapter", Kind::Integer, "章序号", "Chapter number", |_, r| r.task.chapter.to_string()),
        col("chapter_title", Kind::String, "章标题", "Chapter title", |c, r| r.chapter_title.map(|t| c.text(t)).unwrap_or_default()),
        col("section", Kind::Integer, "节序号", "Section number (empty when the chapter has none)", |_, r| r.task.section.map(|x| x.to_string()).unwrap_or_default()),
        col("section_title", Kind::String, "节标题", "Section title", |c, r| r.section_title.map(|t| c.text(t)).unwrap_or_default()),
        col("text", Kind::String, "任务内容", "The task as written in the plan", |c, r| c.text(&r.task.text)),
        col("lead", Kind::String, "牵头单位", "Lead agencies (；-separated)", |c, r| c.names(&r.task.lead)),
        col("lead_ids", Kind::String, "牵头单位代码", "Lead agency ids (space-separated)", |_, r| r.task.lead.join(" ")),
        col("responsible", Kind::String, "责任单位", "Responsible agencies or groups (；-separated)", |c, r| c.names(&r.task.responsible)),
        col("responsible_ids", Kind::String, "责任单位代码", "Responsible agency ids (space-separated)", |_, r| r.task.responsible.join(" ")),
        col("rivers", Kind::String, "涉及河流水体", "Water bodies the task concerns (space-separated ids)", |_, r| r.task.rivers.join(" ")),
        col("status", Kind::String, "最新状态", "Latest reported status; not-assessed when nothing is reported", |_, r| r.progress.status.into()),
        col("status_date", Kind::Date, "最新报送日期", "Date of the latest update (empty when none)", |_, r| r.progress.date.clone()),
        col("percent", Kind::Integer, "完成百分比", "Percent complete in the latest update (empty when not given)", |_, r| r.progress.percent.clone()),
        col("due", Kind::Date, "完成时限", "Due date (from the text, or the end of the plan period)", |_, r| r.progress.due.clone()),
        col("overdue", Kind::Boolean, "是否逾期", "Past due at the data date and not completed", |_, r| r.progress.overdue.clone()),
    ]
}

/// An indicator with its latest reported value.
struct IndicatorRow<'a> {
    indicator: &'a Indicator,
    latest: Option<&'a IndicatorValue>,
}

pub(super) fn indicators(c: &Ctx, agency: Option<&str>) -> Table {
    let s = c.site;
    let rows = s
        .plan
        .indicators
        .iter()
        .filter(|i| mine(agency, &[&i.lead]))
        .map(|indicator| IndicatorRow {
            indicator,
            latest: s
                .indicator_values
                .iter()
                .filter(|x| x.indicator == indicator.number)
                .max_by_key(|x| x.year),
        });
    Table::new(INDICATORS, &indicator_columns(), c, rows)
}

/// The indicators table's columns, one a line so that they read as a table.
#[rustfmt::skip]
fn indicator_columns<'a>() -> Vec<Column<IndicatorRow<'a>>> {
    vec![
        col("number", Kind::Integer, "序号", "Indicator number", |_, r| r.indicator.number.to_string()),
        col("domain", Kind::String, "领域", "Domain", |c, r| c.text(&r.indicator.domain)),
        col("name", Kind::String, "指标", "Indicator (unit in brackets)", |c, r| c.text(&r.indicator.name)),
        col("attribute", Kind::String, "指标属性", "Binding (约束性) or expected (预期性)", |_, r| if r.indicator.binding { "约束性" } else { "预期性" }.into()),
        col("target_2025", Kind::String, "2025年目标值", "Target for 2025, as written", |c, r| c.text(&r.indicator.target)),
        col("lead", Kind::String, "牵头单位", "Lead agencies", |c, r| c.names(&r.indicator.lead)),
        col("lead_ids", Kind::String, "牵头单位代码", "Lead agency ids", |_, r| r.indicator.lead.join(" ")),
        col("latest_year", Kind::Integer, "最新报送年度", "Year of the latest reported value (empty when none)", |_, r| r.latest.map(|x| x.year.to_string()).unwrap_or_default()),
        col("latest_value", Kind::Number, "最新报送值", "Latest reported value (empty when none)", |_, r| r.latest.map(|x| x.value.clone()).unwrap_or_default()),
    ]
}

pub(super) fn projects(c: &Ctx, agency: Option<&str>) -> Table {
    let rows = c
        .site
        .plan
        .projects
        .iter()
        .filter(|p| mine(agency, &[&p.responsible]));
    Table::new(PROJECTS, &project_columns(), c, rows)
}

/// The projects table's columns, one a line so that they read as a table.
#[rustfmt::skip]
fn project_columns<'a>() -> Vec<Column<&'a Project>> {
    vec![
        col("number", Kind::Integer, "序号", "Project number", |_, p| p.number.to_string()),
        col("category", Kind::String, "类别", "Category", |c, p| c.text(&p.category)),
        col("name", Kind::String, "项目名称", "Project name", |c, p| c.text(&p.name)),
        col("content", Kind::String, "建设内容", "Construction content", |c, p| c.text(&p.content)),
        col("investment", Kind::Number, "投资估算（亿元）", "Estimated investment in units of CNY 100 million (亿元, the document's unit): 2 means CNY 200 million", |_, p| p.investment.clone()),
        col("start_year", Kind::Integer, "建设起始年", "First year of construction", |_, p| p.start_year.to_string()),
        col("end_year", Kind::Integer, "建设结束年", "Last year of construction", |_, p| p.end_year.to_string()),
        col("responsible", Kind::String, "责任单位", "Responsible agencies", |c, p| c.names(&p.responsible)),
        col("responsible_ids", Kind::String, "责任单位代码", "Responsible agency ids", |_, p| p.responsible.join(" ")),
        col("status", Kind::String, "最新状态", "Latest reported status", |c, p| c.status(Subject::Project(p.number)).status.into()),
    ]
}

/// A key task with the year of its list and its latest progress.
struct KeyTaskRow<'a> {
    year: u32,
    item: &'a KeyTask,
    progress: StatusCells,
}

pub(super) fn key_tasks(c: &Ctx, agency: Option<&str>) -> Table {
    let rows = c.site.plan.key_task_lists.iter().flat_map(|l| {
        l.items
            .iter()
            .filter(move |k| mine(agency, &[&k.responsible, &k.cooperating]))
            .map(|item| KeyTaskRow {
                year: l.year,
                item,
                progress: c.status(Subject::KeyTask(l.year, item.number)),
            })
    });
    Table::new(KEY_TASKS, &key_task_columns(), c, rows)
}

/// The key-tasks table's columns, one a line so that they read as a table.
#[rustfmt::skip]
fn key_task_columns<'a>() -> Vec<Column<KeyTaskRow<'a>>> {
    vec![
        col("year", Kind::Integer, "年度", "Year of the key-task list", |_, r| r.year.to_string()),
        col("number", Kind::Integer, "序号", "Number in the list", |_, r| r.item.number.to_string()),
        col("category", Kind::String, "类别", "Category", |c, r| c.text(&r.item.category)),
        col("text", Kind::String, "主要内容", "Main content", |c, r| c.text(&r.item.text)),
        col("responsible", Kind::String, "责任单位", "Responsible agencies", |c, r| c.names(&r.item.responsible)),
        col("responsible_ids", Kind::String, "责任单位代码", "Responsible agency ids", |_, r| r.item.responsible.join(" ")),
        col("cooperating", Kind::String, "配合单位", "Cooperating agencies", |c, r| c.names(&r.item.cooperating)),
        col("cooperating_ids", Kind::String, "配合单位代码", "Cooperating agency ids", |_, r| r.item.cooperating.join(" ")),
        col("note", Kind::String, "备注", "Note", |c, r| r.item.note.as_ref().map(|n| c.text(n)).unwrap_or_default()),
        col("status", Kind::String, "最新状态", "Latest reported status", |_, r| r.progress.status.into()),
        col("due", Kind::Date, "完成时限", "Due date", |_, r| r.progress.due.clone()),
        col("overdue", Kind::Boolean, "是否逾期", "Past due at the data date and not completed", |_, r| r.progress.overdue.clone()),
    ]
}
