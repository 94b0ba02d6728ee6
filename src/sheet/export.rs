//! `export-sheet`: an agency's tasks and yearly key tasks as a workbook to
//! fill in, one row per item with its current status.

use super::{COLUMNS, FIRST_INPUT, SHEETS, STATUS_LABELS};
use crate::model::{Agency, Site, Subject, Update};
use anyhow::Result;
use rust_xlsxwriter::{DataValidation, Format, Workbook};

/// A sheet made for one agency.
pub struct Exported {
    /// The XLSX file.
    pub bytes: Vec<u8>,
    /// How many tasks and key tasks it lists.
    pub tasks: usize,
    pub key_tasks: usize,
}

/// The role cells: how the agency is named on a row.
const LEAD: &str = "牵头 lead";
const RESPONSIBLE: &str = "责任 responsible";
const COOPERATING: &str = "配合 cooperating";

/// The role of agency `id` on a row: the first of `roles` (its agencies and
/// the role's cell) that names it, or `None` when the row is not its own.
fn role_of(id: &str, roles: &[(&Vec<String>, &'static str)]) -> Option<&'static str> {
    let named = roles.iter().find(|(ids, _)| ids.iter().any(|x| x == id));
    named.map(|(_, role)| *role)
}

/// The workbook for `agency`: the tasks it leads or shares, and the key
/// tasks it is responsible for or cooperates on.
pub fn export(site: &Site, agency: &Agency) -> Result<Exported> {
    let timelines = crate::progress::timelines(&site.updates);
    let latest = |s: Subject| timelines.get(&s).and_then(|t| t.last().copied());
    let mut rows: [Vec<[String; 6]>; 2] = [Vec::new(), Vec::new()];
    // One sheet row: subject, number, text, role, latest status and its date.
    let row = |s: Subject, number: u32, text: &str, role: &str| {
        let u = latest(s);
        [
            s.key(),
            number.to_string(),
            text.to_string(),
            role.to_string(),
            status_cell(u),
            u.map(|u| u.date.clone()).unwrap_or_default(),
        ]
    };
    let id = &agency.id;
    for t in &site.plan.tasks {
        let roles = [(&t.lead, LEAD), (&t.responsible, RESPONSIBLE)];
        if let Some(role) = role_of(id, &roles) {
            rows[0].push(row(Subject::Task(t.number), t.number, &t.text.zh, role));
        }
    }
    for l in &site.plan.key_task_lists {
        for k in &l.items {
            let roles = [(&k.responsible, RESPONSIBLE), (&k.cooperating, COOPERATING)];
            if let Some(role) = role_of(id, &roles) {
                let subject = Subject::KeyTask(l.year, k.number);
                rows[1].push(row(subject, k.number, &k.text.zh, role));
            }
        }
    }
    Ok(Exported {
        bytes: workbook(&rows)?,
        tasks: rows[0].len(),
        key_tasks: rows[1].len(),
    })
}

/// The workbook of the rows of each sheet: titles in bold, the first two
/// columns frozen, a drop-down of statuses.
fn workbook(rows: &[Vec<[String; 6]>; 2]) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold().set_text_wrap();
    let wrap = Format::new().set_text_wrap();
    let choices: Vec<String> = STATUS_LABELS
        .iter()
        .map(|(zh, status)| format!("{zh} {}", status.key()))
        .collect();
    for (name, rows) in SHEETS.iter().zip(rows) {
        let ws = wb.add_worksheet();
        ws.set_name(*name)?;
        for (c, (title, width)) in COLUMNS.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *title, &bold)?;
            ws.set_column_width(c as u16, *width)?;
        }
        ws.set_freeze_panes(1, 2)?;
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                ws.write_string_with_format(r as u32 + 1, c as u16, v, &wrap)?;
            }
        }
        if !rows.is_empty() {
            let dv = DataValidation::new()
                .allow_list_strings(&choices.iter().map(String::as_str).collect::<Vec<_>>())?;
            ws.add_data_validation(1, FIRST_INPUT + 1, rows.len() as u32, FIRST_INPUT + 1, &dv)?;
        }
    }
    Ok(wb.save_to_buffer()?)
}

fn status_cell(u: Option<&Update>) -> String {
    u.map_or_else(
        || "未评估 not-assessed".to_string(),
        |u| u.status.key().to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_the_agencys_in_its_first_named_role() {
        let lead = vec!["water".to_string()];
        let responsible = vec!["water".to_string(), "farm".to_string()];
        let roles = [(&lead, LEAD), (&responsible, RESPONSIBLE)];
        assert_eq!(role_of("water", &roles), Some(LEAD));
        assert_eq!(role_of("farm", &roles), Some(RESPONSIBLE));
        assert_eq!(role_of("fire", &roles), None);
    }
}
