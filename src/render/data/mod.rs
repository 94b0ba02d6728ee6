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
    use super::*;
    use crate::model::open_data::{TABLES, TASKS};
    use std::path::Path;

    fn fixture() -> Site {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        let (raw, diags) = crate::load::load(&dir);
        match crate::validate::validate(raw, diags) {
            Ok((site, _warnings)) => site,
            Err(_) => panic!("the fixture is valid"),
        }
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
    /// its `plan.json` rows name the same columns in the same order.
    #[test]
    fn csv_header_schema_and_json_rows_name_the_same_columns() {
        let site = fixture();
        let progress = Progress::of(&site);
        for lang in [Lang::Zh, Lang::En] {
            let files = files(&site, &progress, lang).expect("the files are made");
            let dir = lang.prefix().to_string() + "data/";
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
                let header = csv
                    .strip_prefix('\u{feff}')
                    .and_then(|c| c.split("\r\n").next())
                    .expect("a BOM and a header line");
                assert_eq!(header.split(',').collect::<Vec<_>>(), schema, "{name}");
                let rows = plan[name.replace('-', "_")].as_array().expect("rows");
                for row in rows {
                    let keys: Vec<&str> = row
                        .as_object()
                        .expect("an object")
                        .keys()
                        .map(|k| k.as_str())
                        .collect();
                    assert_eq!(keys, schema, "{name}");
                }
                assert_eq!(rows.len(), csv.matches("\r\n").count() - 1, "{name}");
            }
        }
    }

    /// A table has a row per row and a cell per column, in column order;
    /// a cell's JSON value follows its column's type.
    #[test]
    fn a_table_has_a_cell_per_declared_column_typed_by_its_kind() {
        let site = fixture();
        let progress = Progress::of(&site);
        let c = Ctx {
            site: &site,
            lang: Lang::En,
            progress: &progress,
        };
        let columns = [
            fields::col("n", fields::Kind::Integer, "数", "n", |_, n: &u32| {
                n.to_string()
            }),
            fields::col("odd", fields::Kind::Boolean, "奇", "odd", |_, n: &u32| {
                (n % 2 == 1).to_string()
            }),
            fields::col("lang", fields::Kind::String, "语", "lang", |c, _| {
                c.lang.code().to_string()
            }),
        ];
        let t = fields::Table::new(TASKS, &columns, &c, [1u32, 2]);
        assert_eq!((t.name, t.zh, t.en), TASKS);
        let names: Vec<&str> = t.fields.iter().map(|f| f.name).collect();
        assert_eq!(names, ["n", "odd", "lang"]);
        assert_eq!(t.rows, [["1", "true", "en"], ["2", "false", "en"]]);
        assert_eq!(
            json_rows(&t),
            json!([{"n": 1, "odd": true, "lang": "en"}, {"n": 2, "odd": false, "lang": "en"}])
        );
        assert_eq!(
            String::from_utf8(csv(&t)).expect("UTF-8"),
            "\u{feff}n,odd,lang\r\n1,true,en\r\n2,false,en\r\n"
        );
    }
}
