//! Open data: the plan and its progress as tables, in each language, as CSV
//! (UTF-8 with BOM, so Excel in China opens it correctly), one JSON file, one
//! XLSX workbook (a sheet per table, columns in the order of the document's
//! attachment tables) and a Frictionless `datapackage.json` that describes
//! every field; plus a responsibility list per agency.
//!
//! `fields` says what a table is (a declared list of columns), `tables` and
//! `plan_tables` declare each table's columns and make its rows, and `csv`,
//! `xlsx` and `schema` write them; this module puts the files together.

mod csv;
mod fields;
mod plan_tables;
mod schema;
mod tables;
mod xlsx;

use super::OutFile;
use crate::model::*;
use crate::progress::Progress;
use anyhow::Result;
use csv::csv;
use schema::{json_rows, schema};
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
        json_tables.insert(t.name.replace('-', "_"), json_rows(t));
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

#[cfg(test)]
mod tests {
    use super::fields::{Field, Kind, Table};
    use super::*;
    use crate::model::open_data::TABLES;
    use std::path::Path;

    /// The open-data files of a build of the test fixture.
    fn fixture_data() -> Vec<OutFile> {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        let site = crate::cli::SiteArgs {
            content: Some(content),
            theme: None,
            base_url: None,
        };
        let memory = crate::write::Memory::default();
        crate::pipeline::build(&site.inputs(), &memory).expect("the fixture builds");
        let files = memory.into_files();
        files
            .into_iter()
            .filter(|f| f.path.contains("data/"))
            .collect()
    }

    fn file<'a>(files: &'a [OutFile], path: &str) -> &'a [u8] {
        match files.iter().find(|f| f.path == path) {
            Some(f) => &f.bytes,
            None => panic!("no {path}"),
        }
    }

    fn json(bytes: &[u8]) -> Value {
        serde_json::from_slice(bytes).expect("valid JSON")
    }

    /// Each table's CSV header, its `datapackage.json` schema and the keys of
    /// its `plan.json` rows name the same columns in the same order, and the
    /// CSV and the JSON have the same rows.
    #[test]
    fn csv_header_schema_and_json_rows_name_the_same_columns() {
        let files = fixture_data();
        for dir in ["data/", "en/data/"] {
            let package = json(file(&files, &format!("{dir}datapackage.json")));
            let plan = json(file(&files, &format!("{dir}plan.json")));
            let resources = package["resources"].as_array().expect("resources");
            assert_eq!(resources.len(), TABLES.len());
            for r in resources {
                let name = r["name"].as_str().expect("a name");
                let schema: Vec<&str> = r["schema"]["fields"]
                    .as_array()
                    .expect("fields")
                    .iter()
                    .map(|f| f["name"].as_str().expect("a field name"))
                    .collect();
                let csv = String::from_utf8(file(&files, &format!("{dir}{name}.csv")).to_vec())
                    .expect("UTF-8");
                let mut lines = csv
                    .strip_prefix('\u{feff}')
                    .expect("a byte-order mark")
                    .split_terminator("\r\n");
                let header = lines.next().expect("a header line");
                assert_eq!(header.split(',').collect::<Vec<_>>(), schema, "{name}");
                let rows = plan[name.replace('-', "_")].as_array().expect("rows");
                assert_eq!(rows.len(), lines.count(), "{name}");
                for row in rows {
                    let keys: Vec<&str> = row
                        .as_object()
                        .expect("an object")
                        .keys()
                        .map(|k| k.as_str())
                        .collect();
                    assert_eq!(keys, schema, "{name}");
                }
            }
            // The cells follow their columns: the first task is number 1.
            assert_eq!(plan["tasks"][0]["number"], json!(1));
        }
    }

    /// A table is written alike everywhere: the CSV's header and cells, the
    /// JSON's keys and typed values and the schema's fields, in column order.
    #[test]
    fn a_table_is_written_alike_as_csv_json_and_schema() {
        let field = |name, kind| Field {
            name,
            kind,
            zh: "中",
            en: "en",
        };
        let t = Table {
            name: "t",
            zh: "表",
            en: "Table",
            fields: vec![
                field("n", Kind::Integer),
                field("odd", Kind::Boolean),
                field("note", Kind::String),
            ],
            rows: vec![
                vec!["1".into(), "true".into(), "a, \"b\"".into()],
                vec!["2".into(), "false".into(), String::new()],
            ],
        };
        assert_eq!(
            String::from_utf8(csv(&t)).expect("UTF-8"),
            "\u{feff}n,odd,note\r\n1,true,\"a, \"\"b\"\"\"\r\n2,false,\r\n"
        );
        assert_eq!(
            json_rows(&t),
            json!([
                {"n": 1, "odd": true, "note": "a, \"b\""},
                {"n": 2, "odd": false, "note": null}
            ])
        );
        let names: Vec<Value> = schema(&t, Lang::En)["fields"]
            .as_array()
            .expect("fields")
            .iter()
            .map(|f| json!([f["name"], f["type"]]))
            .collect();
        assert_eq!(
            names,
            [
                json!(["n", "integer"]),
                json!(["odd", "boolean"]),
                json!(["note", "string"])
            ]
        );
    }
}
