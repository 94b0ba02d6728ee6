//! Progress as pages show it: a status badge in a table cell, the progress
//! section of an item's page (status, due date, timeline) and roll-ups
//! (counts by status with their chart).

use super::charts;
use super::{updates, Ctx};
use crate::model::*;
use crate::progress::{DueSource, Rollup};
use serde_json::{json, Value};

impl Ctx<'_> {
    /// The status of a subject, for a table cell.
    pub(super) fn status_badge(&self, s: Subject) -> Value {
        match self.progress.get(&s) {
            Some(p) => {
                json!({"key": p.status.key(), "label": self.t(&format!("status_{}", p.status.key())), "overdue": p.overdue, "percent": p.percent})
            }
            None => Value::Null,
        }
    }

    /// A subject's progress for its page: status, due date, the timeline.
    pub(super) fn progress_view(&self, s: Subject) -> Value {
        let Some(p) = self.progress.get(&s) else {
            return Value::Null;
        };
        let timeline: Vec<Value> = p
            .timeline
            .iter()
            .rev()
            .map(|u| updates::entry(self, u))
            .collect();
        json!({
            "status": self.status_badge(s),
            "due": p.due,
            "due_stated": p.due_source == DueSource::Stated,
            "timeline": timeline,
        })
    }

    /// Counts by status of `subjects`, with the chart and the rule.
    pub(super) fn rollup(&self, subjects: impl IntoIterator<Item = Subject>) -> Value {
        let mut r = Rollup::default();
        for s in subjects {
            if let Some(p) = self.progress.get(&s) {
                r.add(p);
            }
        }
        let rows: Vec<Value> = Status::ALL
            .iter()
            .map(|s| json!({"key": s.key(), "label": self.t(&format!("status_{}", s.key())), "count": r.counts.get(s).copied().unwrap_or(0)}))
            .collect();
        let chart = charts::rollup_svg(
            &r,
            |s| self.t(&format!("status_{}", s.key())).to_string(),
            self.t("rollup_caption"),
        );
        json!({"total": r.total, "overdue": r.overdue, "rows": rows, "chart": chart})
    }
}
