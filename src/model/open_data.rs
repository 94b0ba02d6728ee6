//! The open-data tables by name: each table's file stem and its titles in
//! both languages. Plain data, so the data page (views) and the files that
//! write the tables (render) read one list.

/// A table's file stem and its titles in Chinese and English.
pub type TableName = (&'static str, &'static str, &'static str);

pub const TASKS: TableName = ("tasks", "任务清单", "Tasks");
pub const INDICATORS: TableName = ("indicators", "指标清单", "Indicators");
pub const PROJECTS: TableName = ("projects", "项目清单", "Projects");
pub const KEY_TASKS: TableName = ("key-tasks", "年度重点任务", "Yearly key tasks");
pub const UPDATES: TableName = ("updates", "进展报送", "Progress updates");
pub const AGENCIES: TableName = ("agencies", "责任单位", "Agencies");
pub const INDICATOR_VALUES: TableName = ("indicator-values", "指标年度值", "Indicator values");
pub const WATER_PUBLICATIONS: TableName = (
    "water-publications",
    "水质安全信息公开",
    "Water-safety publications",
);

/// The tables of the site-wide download, in the order of its files, for the
/// data page: (file stem, zh, en).
pub const TABLES: [TableName; 8] = [
    TASKS,
    INDICATORS,
    PROJECTS,
    KEY_TASKS,
    UPDATES,
    AGENCIES,
    INDICATOR_VALUES,
    WATER_PUBLICATIONS,
];
