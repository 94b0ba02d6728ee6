//! What an open-data table is: a declared list of columns (machine name,
//! Frictionless type, Chinese title, English description and how to read the
//! value from a row), and the table those columns make of a list of rows.
//! Each column is declared once, in `tables` or `plan_tables`; the CSV, JSON,
//! XLSX and `datapackage.json` writers all read the [`Table`] made here, so
//! a header can never disagree with its schema.

use super::tables::Ctx;
use crate::model::open_data::TableName;

/// A column's type, as Frictionless names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Integer,
    Number,
    Boolean,
    Date,
    String,
}

impl Kind {
    /// The Frictionless type name (`datapackage.json`'s `type`).
    pub fn frictionless(self) -> &'static str {
        match self {
            Kind::Integer => "integer",
            Kind::Number => "number",
            Kind::Boolean => "boolean",
            Kind::Date => "date",
            Kind::String => "string",
        }
    }
}

/// A column's description: machine name, type, Chinese title, English description.
#[derive(Debug, Clone, Copy)]
pub(super) struct Field {
    pub name: &'static str,
    pub kind: Kind,
    pub zh: &'static str,
    pub en: &'static str,
}

/// A column of a table whose rows are `R`: its [`Field`] and its cell in a row.
pub(super) struct Column<R> {
    pub field: Field,
    pub value: fn(&Ctx, &R) -> String,
}

/// The column `name` of type `kind`, titled `zh`, described `en`, whose cell
/// is `value` of the row.
pub(super) fn col<R>(
    name: &'static str,
    kind: Kind,
    zh: &'static str,
    en: &'static str,
    value: fn(&Ctx, &R) -> String,
) -> Column<R> {
    Column {
        field: Field { name, kind, zh, en },
        value,
    }
}

/// A table ready to write: its name and titles, its fields and its cells as text.
pub(super) struct Table {
    pub name: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub fields: Vec<Field>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// The table `name` (one of `open_data::TABLES`): a row of cells per row
    /// of `rows`, a cell per column of `columns`.
    pub fn new<R>(
        name: TableName,
        columns: &[Column<R>],
        c: &Ctx,
        rows: impl IntoIterator<Item = R>,
    ) -> Table {
        let (name, zh, en) = name;
        Table {
            name,
            zh,
            en,
            fields: columns.iter().map(|col| col.field).collect(),
            rows: rows
                .into_iter()
                .map(|r| columns.iter().map(|col| (col.value)(c, &r)).collect())
                .collect(),
        }
    }
}
