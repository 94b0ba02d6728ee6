//! Open data: the plan and its progress as tables, in each language, as CSV
//! (UTF-8 with BOM, so Excel in China opens it correctly), one JSON file, one
//! XLSX workbook (a sheet per table, columns in the order of the document's
//! attachment tables) and a Frictionless `datapackage.json` that describes
//! every field; plus a responsibility list per agency.
//!
//! `tables` makes the rows, `fields` names the columns, and `csv`, `xlsx` and
//! `schema` write them; this module puts the files together.

mod csv;
mod fields;
mod schema;
mod tables;
mod xlsx;

use super::OutFile;
use crate::model::*;
use crate::progress::Progress;
use anyhow::Result;
use csv::csv;
use schema::{schema, typed};
use serde_json::{json, Value};
use tables::{tables, Ctx};
use xlsx::xlsx;

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
