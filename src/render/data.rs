//! Open data: the plan and its progress as tables, in each language, as CSV
//! (UTF-8 with BOM, so Excel in China opens it correctly), one JSON file, one
//! XLSX workbook (a sheet per table, columns in the order of the document's
//! attachment tables) and a Frictionless `datapackage.json` that describes
//! every field; plus a responsibility list per agency.

use super::OutFile;
use crate::model::*;
use crate::progress::Progress;
use anyhow::Result;
use serde_json::{json, Value};

/// A column: machine name, type (Frictionless), title and description in both languages.
struct Field {
    name: &'static str,
    kind: &'static str,
    zh: &'static str,
    en: &'static str,
}

const fn f(name: &'static str, kind: &'static str, zh: &'static str, en: &'static str) -> Field {
    Field { name, kind, zh, en }
}

struct Table {
    name: &'static str,
    zh: &'static str,
    en: &'static str,
    fields: &'static [Field],
    rows: Vec<Vec<String>>,
}

impl Table {
    /// The table `name` (one of [`TABLES`]) with its columns and rows.
    fn new(name: TableName, fields: &'static [Field], rows: Vec<Vec<String>>) -> Table {
        let (name, zh, en) = name;
        Table {
            name,
            zh,
            en,
            fields,
            rows,
        }
    }
}

const TASK_FIELDS: &[Field] = &[
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

const INDICATOR_FIELDS: &[Field] = &[
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

const PROJECT_FIELDS: &[Field] = &[
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

const KEY_TASK_FIELDS: &[Field] = &[
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

const UPDATE_FIELDS: &[Field] = &[
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

const AGENCY_FIELDS: &[Field] = &[
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

const VALUE_FIELDS: &[Field] = &[
    f("indicator", "integer", "指标序号", "Indicator number"),
    f("year", "integer", "年度", "Year"),
    f("value", "number", "数值", "Value reported"),
    f("source", "string", "来源", "Source"),
];

const WATER_FIELDS: &[Field] = &[
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

struct Ctx<'a> {
    site: &'a Site,
    lang: Lang,
    progress: &'a Progress<'a>,
}

impl Ctx<'_> {
    fn text(&self, t: &Text) -> String {
        t.get(self.lang).unwrap_or(&t.zh).to_string()
    }
    fn names(&self, ids: &[String]) -> String {
        ids.iter()
            .filter_map(|id| self.site.agency(id))
            .map(|a| self.text(&a.name))
            .collect::<Vec<_>>()
            .join("；")
    }
    fn status(&self, s: Subject) -> (&'static str, String, String, String, String) {
        match self.progress.get(&s) {
            Some(p) => (
                p.status.key(),
                p.timeline
                    .last()
                    .map(|u| u.date.clone())
                    .unwrap_or_default(),
                p.percent.map(|x| x.to_string()).unwrap_or_default(),
                p.due.clone(),
                p.overdue.to_string(),
            ),
            None => (
                "not-assessed",
                String::new(),
                String::new(),
                String::new(),
                "false".into(),
            ),
        }
    }
}

fn tables(c: &Ctx, agency: Option<&str>) -> Vec<Table> {
    let s = c.site;
    let mine =
        |ids: &[&Vec<String>]| agency.is_none_or(|a| ids.iter().any(|v| v.iter().any(|x| x == a)));
    let mut tasks = Vec::new();
    for t in s.tasks.iter().filter(|t| mine(&[&t.lead, &t.responsible])) {
        let ch = s.chapters.iter().find(|x| x.number == t.chapter);
        let sec = ch.and_then(|ch| ch.sections.iter().find(|x| Some(x.number) == t.section));
        let (status, date, percent, due, overdue) = c.status(Subject::Task(t.number));
        tasks.push(vec![
            t.number.to_string(),
            t.chapter.to_string(),
            ch.map(|x| c.text(&x.title)).unwrap_or_default(),
            t.section.map(|x| x.to_string()).unwrap_or_default(),
            sec.map(|x| c.text(&x.title)).unwrap_or_default(),
            c.text(&t.text),
            c.names(&t.lead),
            t.lead.join(" "),
            c.names(&t.responsible),
            t.responsible.join(" "),
            t.rivers.join(" "),
            status.into(),
            date,
            percent,
            due,
            overdue,
        ]);
    }
    let mut key_tasks = Vec::new();
    for l in &s.key_task_lists {
        for k in l
            .items
            .iter()
            .filter(|k| mine(&[&k.responsible, &k.cooperating]))
        {
            let (status, _, _, due, overdue) = c.status(Subject::KeyTask(l.year, k.number));
            key_tasks.push(vec![
                l.year.to_string(),
                k.number.to_string(),
                c.text(&k.category),
                c.text(&k.text),
                c.names(&k.responsible),
                k.responsible.join(" "),
                c.names(&k.cooperating),
                k.cooperating.join(" "),
                k.note.as_ref().map(|n| c.text(n)).unwrap_or_default(),
                status.into(),
                due,
                overdue,
            ]);
        }
    }
    let mut out = vec![
        Table::new(TASKS, TASK_FIELDS, tasks),
        Table::new(KEY_TASKS, KEY_TASK_FIELDS, key_tasks),
    ];
    let indicators: Vec<Vec<String>> = s
        .indicators
        .iter()
        .filter(|i| mine(&[&i.lead]))
        .map(|i| {
            let latest = s
                .indicator_values
                .iter()
                .filter(|x| x.indicator == i.number)
                .max_by_key(|x| x.year);
            vec![
                i.number.to_string(),
                c.text(&i.domain),
                c.text(&i.name),
                if i.binding { "约束性" } else { "预期性" }.into(),
                c.text(&i.target),
                c.names(&i.lead),
                i.lead.join(" "),
                latest.map(|x| x.year.to_string()).unwrap_or_default(),
                latest.map(|x| x.value.clone()).unwrap_or_default(),
            ]
        })
        .collect();
    out.insert(1, Table::new(INDICATORS, INDICATOR_FIELDS, indicators));
    let projects: Vec<Vec<String>> = s
        .projects
        .iter()
        .filter(|p| mine(&[&p.responsible]))
        .map(|p| {
            vec![
                p.number.to_string(),
                c.text(&p.category),
                c.text(&p.name),
                c.text(&p.content),
                p.investment.clone(),
                p.start_year.to_string(),
                p.end_year.to_string(),
                c.names(&p.responsible),
                p.responsible.join(" "),
                c.status(Subject::Project(p.number)).0.into(),
            ]
        })
        .collect();
    out.insert(2, Table::new(PROJECTS, PROJECT_FIELDS, projects));
    if agency.is_some() {
        return out;
    }
    out.push(Table::new(
        UPDATES,
        UPDATE_FIELDS,
        s.updates
            .iter()
            .map(|u| {
                let body = match c.lang {
                    Lang::En => u.body_en.clone().unwrap_or_else(|| u.body_zh.clone()),
                    Lang::Zh => u.body_zh.clone(),
                };
                vec![
                    u.id.clone(),
                    u.date.clone(),
                    u.subjects
                        .iter()
                        .map(|x| x.key())
                        .collect::<Vec<_>>()
                        .join(" "),
                    u.status.key().into(),
                    u.percent.map(|x| x.to_string()).unwrap_or_default(),
                    u.reporter.clone(),
                    c.names(std::slice::from_ref(&u.reporter)),
                    body.trim().to_string(),
                ]
            })
            .collect(),
    ));
    out.push(Table::new(
        AGENCIES,
        AGENCY_FIELDS,
        s.agencies
            .iter()
            .map(|a| {
                vec![
                    a.id.clone(),
                    c.text(&a.name),
                    a.kind.key().to_string(),
                    a.aliases.join("；"),
                ]
            })
            .collect(),
    ));
    out.push(Table::new(
        INDICATOR_VALUES,
        VALUE_FIELDS,
        s.indicator_values
            .iter()
            .map(|x| {
                vec![
                    x.indicator.to_string(),
                    x.year.to_string(),
                    x.value.clone(),
                    c.text(&x.source),
                ]
            })
            .collect(),
    ));
    out.push(Table::new(
        WATER_PUBLICATIONS,
        WATER_FIELDS,
        s.publications
            .iter()
            .flat_map(|p| {
                let base = [
                    p.schedule.clone(),
                    p.period.label(),
                    p.published.clone(),
                    c.text(&p.title),
                    p.url.clone().unwrap_or_default(),
                ];
                let results: Vec<Vec<String>> = if p.results.is_empty() {
                    vec![base
                        .iter()
                        .cloned()
                        .chain([String::new(), String::new(), String::new()])
                        .collect()]
                } else {
                    p.results
                        .iter()
                        .map(|r| {
                            base.iter()
                                .cloned()
                                .chain([
                                    r.site.clone(),
                                    r.class.key().to_string(),
                                    r.meets_standard.map(|m| m.to_string()).unwrap_or_default(),
                                ])
                                .collect()
                        })
                        .collect()
                };
                results
            })
            .collect(),
    ));
    out
}

/// RFC 4180 CSV with a UTF-8 byte-order mark and CRLF line ends.
fn csv(t: &Table) -> Vec<u8> {
    let quote = |s: &str| {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = String::from("\u{feff}");
    let header: Vec<String> = t.fields.iter().map(|f| f.name.to_string()).collect();
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for row in &t.rows {
        out.push_str(&row.iter().map(|c| quote(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

fn typed(kind: &str, v: &str) -> Value {
    if v.is_empty() {
        return Value::Null;
    }
    match kind {
        "integer" => v
            .parse::<i64>()
            .map(Value::from)
            .unwrap_or_else(|_| json!(v)),
        "number" => v
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .unwrap_or_else(|| json!(v)),
        "boolean" => json!(v == "true"),
        _ => json!(v),
    }
}

fn xlsx(tables: &[Table], lang: Lang, date: Option<&str>) -> Result<Vec<u8>> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    // A fixed creation time (the data date), so two builds are byte-identical.
    let created = date.and_then(|d| rust_xlsxwriter::ExcelDateTime::parse_from_str(d).ok());
    let created = match created {
        Some(c) => c,
        None => rust_xlsxwriter::ExcelDateTime::from_ymd(2000, 1, 1)?,
    };
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    let bold = rust_xlsxwriter::Format::new().set_bold().set_text_wrap();
    for t in tables {
        let ws = wb.add_worksheet();
        ws.set_name(match lang {
            Lang::Zh => t.zh,
            Lang::En => t.en,
        })?;
        for (c, f) in t.fields.iter().enumerate() {
            let title = match lang {
                Lang::Zh => f.zh,
                Lang::En => f.name,
            };
            ws.write_string_with_format(0, c as u16, title, &bold)?;
            ws.set_column_width(
                c as u16,
                if matches!(f.name, "text" | "content" | "name") {
                    60
                } else {
                    14
                },
            )?;
        }
        ws.set_freeze_panes(1, 1)?;
        for (r, row) in t.rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                match typed(t.fields[c].kind, v) {
                    Value::Number(n) => {
                        ws.write_number(r as u32 + 1, c as u16, n.as_f64().unwrap_or_default())?;
                    }
                    _ => {
                        ws.write_string(r as u32 + 1, c as u16, v)?;
                    }
                }
            }
        }
    }
    Ok(wb.save_to_buffer()?)
}

fn schema(t: &Table, lang: Lang) -> Value {
    json!({
        "fields": t.fields.iter().map(|f| json!({
            "name": f.name,
            "type": f.kind,
            "title": match lang { Lang::Zh => f.zh, Lang::En => f.name },
            "description": f.en,
        })).collect::<Vec<_>>()
    })
}

/// Every data file of one language, under `{prefix}data/`.
pub fn files<'a>(site: &'a Site, progress: &'a Progress<'a>, lang: Lang) -> Result<Vec<OutFile>> {
    let c = Ctx {
        site,
        lang,
        progress,
    };
    let dir = format!("{}data/", lang.prefix());
    let all = tables(&c, None);
    let mut out = Vec::new();
    let mut resources = Vec::new();
    let mut json_tables = serde_json::Map::new();
    for t in &all {
        out.push(OutFile {
            path: format!("{dir}{}.csv", t.name),
            bytes: csv(t),
        });
        resources.push(json!({
            "name": t.name,
            "title": match lang { Lang::Zh => t.zh, Lang::En => t.en },
            "path": format!("{}.csv", t.name),
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig",
            "schema": schema(t, lang),
        }));
        let rows: Vec<Value> = t
            .rows
            .iter()
            .map(|r| {
                Value::Object(
                    t.fields
                        .iter()
                        .zip(r)
                        .map(|(f, v)| (f.name.to_string(), typed(f.kind, v)))
                        .collect(),
                )
            })
            .collect();
        json_tables.insert(t.name.replace('-', "_"), Value::Array(rows));
    }
    let meta = json!({
        "document": site.document.doc_number,
        "title": c.text(&site.document.title),
        "data_date": site.config.build_date,
        "language": lang.code(),
    });
    let mut plan = serde_json::Map::new();
    plan.insert("meta".into(), meta);
    plan.extend(json_tables);
    out.push(OutFile {
        path: format!("{dir}plan.json"),
        bytes: serde_json::to_vec_pretty(&Value::Object(plan))?,
    });
    out.push(OutFile {
        path: format!("{dir}plan.xlsx"),
        bytes: xlsx(&all, lang, site.config.build_date.as_deref())?,
    });
    let package = json!({
        "name": match lang { Lang::Zh => "dazu-eco-plan-zh", Lang::En => "dazu-eco-plan-en" },
        "title": c.text(&site.config.title),
        "description": c.text(&site.document.title),
        "version": site.config.build_date.clone().unwrap_or_else(|| "undated".into()),
        "licenses": [{"name": "other-pd", "title": match lang {
            Lang::Zh => "政府公开信息，可自由使用，请注明来源",
            Lang::En => "Government disclosure: free to reuse with attribution",
        }}],
        "sources": [{"title": site.document.doc_number}],
        "resources": resources,
    });
    out.push(OutFile {
        path: format!("{dir}datapackage.json"),
        bytes: serde_json::to_vec_pretty(&package)?,
    });
    for a in &site.agencies {
        let mine = tables(&c, Some(&a.id));
        for t in mine.iter().filter(|t| !t.rows.is_empty()) {
            out.push(OutFile {
                path: format!("{dir}agencies/{}-{}.csv", a.id, t.name),
                bytes: csv(t),
            });
        }
    }
    Ok(out)
}

/// A table's file stem and its titles in Chinese and English.
pub type TableName = (&'static str, &'static str, &'static str);

const TASKS: TableName = ("tasks", "任务清单", "Tasks");
const INDICATORS: TableName = ("indicators", "指标清单", "Indicators");
const PROJECTS: TableName = ("projects", "项目清单", "Projects");
const KEY_TASKS: TableName = ("key-tasks", "年度重点任务", "Yearly key tasks");
const UPDATES: TableName = ("updates", "进展报送", "Progress updates");
const AGENCIES: TableName = ("agencies", "责任单位", "Agencies");
const INDICATOR_VALUES: TableName = ("indicator-values", "指标年度值", "Indicator values");
const WATER_PUBLICATIONS: TableName = (
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
