//! The XLSX workbook: one sheet per table, a bold header row, numbers as
//! numbers.

use super::fields::Table;
use super::schema::typed;
use crate::model::Lang;
use anyhow::Result;
use serde_json::Value;

pub(super) fn xlsx(tables: &[Table], lang: Lang, date: Option<&str>) -> Result<Vec<u8>> {
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
