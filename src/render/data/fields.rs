//! The columns of every open-data table: machine name, Frictionless type,
//! Chinese title and English description, in the order of the document's
//! attachment tables.

/// A column: machine name, type (Frictionless), title and description in both languages.
pub(super) struct Field {
    pub name: &'static str,
    pub kind: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

const fn f(name: &'static str, kind: &'static str, zh: &'static str, en: &'static str) -> Field {
    Field { name, kind, zh, en }
}

pub(super) const TASK_FIELDS: &[Field] = &[
    f("number", "integer", "序号", "Task number in the plan"),
    f("chapter", "integer", "章序号", "Chapter number"),
    f("chapter_title", "string", "章标题", "Chapter title"),
    f(
        "section",
        "integer",
        "节序号",
        "Section number (empty when the chapter has none)",
    ),
    f("section_title", "string", "节标题", "Section title"),
    f(
        "text",
        "string",
        "任务内容",
        "The task as written in the plan",
    ),
    f("lead", "string", "牵头单位", "Lead agencies (；-separated)"),
    f(
        "lead_ids",
        "string",
        "牵头单位代码",
        "Lead agency ids (space-separated)",
    ),
    f(
        "responsible",
        "string",
        "责任单位",
        "Responsible agencies or groups (；-separated)",
    ),
    f(
        "responsible_ids",
        "string",
        "责任单位代码",
        "Responsible agency ids (space-separated)",
    ),
    f(
        "rivers",
        "string",
        "涉及河流水体",
        "Water bodies the task concerns (space-separated ids)",
    ),
    f(
        "status",
        "string",
        "最新状态",
        "Latest reported status; not-assessed when nothing is reported",
    ),
    f(
        "status_date",
        "date",
        "最新报送日期",
        "Date of the latest update (empty when none)",
    ),
    f(
        "percent",
        "integer",
        "完成百分比",
        "Percent complete in the latest update (empty when not given)",
    ),
    f(
        "due",
        "date",
        "完成时限",
        "Due date (from the text, or the end of the plan period)",
    ),
    f(
        "overdue",
        "boolean",
        "是否逾期",
        "Past due at the data date and not completed",
    ),
];

pub(super) const INDICATOR_FIELDS: &[Field] = &[
    f("number", "integer", "序号", "Indicator number"),
    f("domain", "string", "领域", "Domain"),
    f("name", "string", "指标", "Indicator (unit in brackets)"),
    f(
        "attribute",
        "string",
        "指标属性",
        "Binding (约束性) or expected (预期性)",
    ),
    f(
        "target_2025",
        "string",
        "2025年目标值",
        "Target for 2025, as written",
    ),
    f("lead", "string", "牵头单位", "Lead agencies"),
    f("lead_ids", "string", "牵头单位代码", "Lead agency ids"),
    f(
        "latest_year",
        "integer",
        "最新报送年度",
        "Year of the latest reported value (empty when none)",
    ),
    f(
        "latest_value",
        "number",
        "最新报送值",
        "Latest reported value (empty when none)",
    ),
];

pub(super) const PROJECT_FIELDS: &[Field] = &[
    f("number", "integer", "序号", "Project number"),
    f("category", "string", "类别", "Category"),
    f("name", "string", "项目名称", "Project name"),
    f("content", "string", "建设内容", "Construction content"),
    f(
        "investment",
        "number",
        "投资估算（亿元）",
        "Estimated investment in units of CNY 100 million (亿元, the document's unit): 2 means CNY 200 million",
    ),
    f(
        "start_year",
        "integer",
        "建设起始年",
        "First year of construction",
    ),
    f(
        "end_year",
        "integer",
        "建设结束年",
        "Last year of construction",
    ),
    f("responsible", "string", "责任单位", "Responsible agencies"),
    f(
        "responsible_ids",
        "string",
        "责任单位代码",
        "Responsible agency ids",
    ),
    f("status", "string", "最新状态", "Latest reported status"),
];

pub(super) const KEY_TASK_FIELDS: &[Field] = &[
    f("year", "integer", "年度", "Year of the key-task list"),
    f("number", "integer", "序号", "Number in the list"),
    f("category", "string", "类别", "Category"),
    f("text", "string", "主要内容", "Main content"),
    f("responsible", "string", "责任单位", "Responsible agencies"),
    f(
        "responsible_ids",
        "string",
        "责任单位代码",
        "Responsible agency ids",
    ),
    f("cooperating", "string", "配合单位", "Cooperating agencies"),
    f(
        "cooperating_ids",
        "string",
        "配合单位代码",
        "Cooperating agency ids",
    ),
    f("note", "string", "备注", "Note"),
    f("status", "string", "最新状态", "Latest reported status"),
    f("due", "date", "完成时限", "Due date"),
    f(
        "overdue",
        "boolean",
        "是否逾期",
        "Past due at the data date and not completed",
    ),
];

pub(super) const UPDATE_FIELDS: &[Field] = &[
    f("id", "string", "编号", "Update id (its file name)"),
    f("date", "date", "截至日期", "As-of date"),
    f(
        "subjects",
        "string",
        "报送对象",
        "Subjects (task/N, key-task/YEAR/N …)",
    ),
    f("status", "string", "状态", "Status reported"),
    f(
        "percent",
        "integer",
        "完成百分比",
        "Percent complete (empty when not given)",
    ),
    f(
        "reporter_id",
        "string",
        "报送单位代码",
        "Reporting agency id",
    ),
    f("reporter", "string", "报送单位", "Reporting agency"),
    f(
        "text",
        "string",
        "报送内容",
        "Progress, problems and next steps (markdown)",
    ),
];

pub(super) const AGENCY_FIELDS: &[Field] = &[
    f("id", "string", "代码", "Agency id (used in URLs)"),
    f("name", "string", "名称", "Name"),
    f(
        "kind",
        "string",
        "类型",
        "Kind (group = a generic group, not one agency)",
    ),
    f(
        "aliases",
        "string",
        "原文其他写法",
        "Other spellings in the source (；-separated)",
    ),
];

pub(super) const VALUE_FIELDS: &[Field] = &[
    f("indicator", "integer", "指标序号", "Indicator number"),
    f("year", "integer", "年度", "Year"),
    f("value", "number", "数值", "Value reported"),
    f("source", "string", "来源", "Source"),
];

pub(super) const WATER_FIELDS: &[Field] = &[
    f(
        "schedule",
        "string",
        "公开事项",
        "Which required publication",
    ),
    f("period", "string", "周期", "Period (YYYY-MM or YYYY-Qn)"),
    f("published", "date", "公开日期", "Date published"),
    f("title", "string", "标题", "Title of the publication"),
    f("url", "string", "链接", "Link to the publication"),
    f(
        "site",
        "string",
        "断面或水源地",
        "Monitoring section or drinking-water source id",
    ),
    f(
        "class",
        "string",
        "水质类别",
        "Measured water-quality class",
    ),
    f(
        "meets_standard",
        "boolean",
        "是否达标",
        "Whether the publication says the site met its standard",
    ),
];
