//! The spreadsheet round trip for bureaus that work in Excel:
//! `gongkai export-sheet --agency ID` writes an XLSX of the agency's tasks
//! and yearly key tasks with their current status and empty columns for the
//! new report ([`export`]); `gongkai import-sheet FILE` turns the filled rows
//! into updates ([`read`]), which `import::update` writes. File names are
//! stable (date, subject, agency), so importing the same sheet twice creates
//! nothing new; any bad row stops the whole import before a file is
//! written, each reported by sheet, row and column.

mod export;
mod read;

pub use export::{export, Exported};
pub use read::{read, Filled};

use crate::model::Status;

/// The sheets, in order: tasks, then yearly key tasks.
const SHEETS: [&str; 2] = ["任务 Tasks", "重点任务 Key tasks"];

/// The columns, in order, with their widths. The first six describe the
/// item; the rest are filled in.
const COLUMNS: [(&str, f64); 17] = [
    ("对象 Subject", 14.0),
    ("序号 No.", 7.0),
    ("内容 Text", 60.0),
    ("角色 Role", 10.0),
    ("当前状态 Current status", 14.0),
    ("最近报送 Last report", 12.0),
    ("截至日期 As of (YYYY-MM-DD)", 14.0),
    ("状态 Status", 16.0),
    ("完成% Percent", 8.0),
    ("进展情况 Progress", 40.0),
    ("存在的问题 Problems", 30.0),
    ("下一步措施 Next steps", 30.0),
    ("Progress (English)", 40.0),
    ("Problems (English)", 30.0),
    ("Next steps (English)", 30.0),
    ("佐证链接 Evidence URL", 30.0),
    ("佐证标题 Evidence title", 30.0),
];

/// The first column filled in.
const FIRST_INPUT: u16 = 6;

/// The statuses a report may give, with their Chinese labels: the sheet's
/// drop-down offers `未开始 not-started` …, and either half is understood.
const STATUS_LABELS: [(&str, Status); 5] = [
    ("未开始", Status::NotStarted),
    ("推进中", Status::InProgress),
    ("已完成", Status::Completed),
    ("滞后", Status::Delayed),
    ("持续推进", Status::Ongoing),
];
