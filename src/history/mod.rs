//! The history of every item of the plan (task, indicator, project, key
//! task) as the content's git log records it: for each commit that touched
//! `content/`, which items it changed and how (text, agencies, rivers,
//! updates and their status, reported values). This is input, read before
//! the build like the commit itself (`env.rs` runs git; `git.rs` asks it);
//! each revision of a file is parsed by the content loader (`items.rs`), so
//! an item is known by the model's own id, and diffed field by field.
//!
//! Dates are committer dates in UTC, so two builds of the same commit are
//! identical. A shallow clone, no git, or content outside a repository give
//! a `History` that says it is not available — never an invented date.

mod git;
pub use git::{head, Head};
mod items;

use crate::model::{Lang, Status, Subject};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// Every recorded change to the content's items, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct History {
    /// Whether the build could read the history at all.
    pub available: bool,
    /// Newest commit first; within a commit, in subject order.
    pub changes: Vec<Change>,
    /// Subject → indexes into `changes`, newest first.
    by_subject: BTreeMap<Subject, Vec<usize>>,
}

/// What one commit changed in one item.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Change {
    /// The commit, abbreviated to 12 hex digits (as the footer shows it).
    pub commit: String,
    /// The committer date, UTC: YYYY-MM-DD.
    pub date: String,
    /// The committer time, UTC: YYYY-MM-DDTHH:MM:SSZ.
    pub time: String,
    pub subject: Subject,
    pub edits: Vec<Edit>,
}

/// One edit of an item's fields. Field names are the content's own keys
/// (`text`, `lead`, `responsible`, `rivers` …); the views name them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Edit {
    /// The item first appears in the content.
    Added,
    Removed,
    /// A text in one language ("" where there was none).
    Text {
        field: &'static str,
        lang: Lang,
        before: String,
        after: String,
    },
    /// Ids (agencies or rivers) added to and removed from a list.
    List {
        field: &'static str,
        added: Vec<String>,
        removed: Vec<String>,
    },
    /// A single value (chapter, investment, years, target direction …).
    Scalar {
        field: &'static str,
        before: String,
        after: String,
    },
    /// A progress update naming the item, added, changed or removed.
    Update {
        id: String,
        before: Option<UpdateState>,
        after: Option<UpdateState>,
    },
    /// A reported yearly value of an indicator.
    Value {
        year: u32,
        before: Option<String>,
        after: Option<String>,
    },
}

/// What an update said about its subjects' progress.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UpdateState {
    pub date: String,
    /// The status as written (`in-progress` …), if it is one.
    pub status: Option<Status>,
    pub percent: Option<i64>,
}

impl History {
    /// The history as it stands, from changes in any order.
    pub fn new(available: bool, mut changes: Vec<Change>) -> History {
        changes.sort_by(|a, b| {
            (b.time.as_str(), &b.commit, a.subject).cmp(&(a.time.as_str(), &a.commit, b.subject))
        });
        let mut by_subject: BTreeMap<Subject, Vec<usize>> = BTreeMap::new();
        for (i, c) in changes.iter().enumerate() {
            by_subject.entry(c.subject).or_default().push(i);
        }
        History {
            available,
            changes,
            by_subject,
        }
    }

    /// Not available in this build.
    pub fn unavailable() -> History {
        History::default()
    }

    /// The changes to `subject`, newest first.
    pub fn of(&self, subject: Subject) -> impl Iterator<Item = &Change> {
        self.by_subject
            .get(&subject)
            .into_iter()
            .flatten()
            .map(|&i| &self.changes[i])
    }

    /// The history as it was on `date` (a snapshot leaves later commits out).
    pub fn as_of(&self, date: &str) -> History {
        let kept = self
            .changes
            .iter()
            .filter(|c| c.date.as_str() <= date)
            .cloned()
            .collect();
        History::new(self.available, kept)
    }
}

/// The history of the items under `content`, from its git repository,
/// whose HEAD git has already told (`git::head`).
/// The last one read is kept for the life of the process: a history
/// changes only with a commit, so `serve`'s rebuilds after an edit ask git
/// one question.
pub fn read(content: &Path, head: Option<&git::Head>) -> Arc<History> {
    type Last = Mutex<Option<(PathBuf, String, Arc<History>)>>;
    static LAST: OnceLock<Last> = OnceLock::new();
    let Some(head) = head.filter(|h| h.full_history) else {
        return Arc::new(History::unavailable());
    };
    let Some((head, _)) = head.commit.clone() else {
        return Arc::new(History::new(true, Vec::new()));
    };
    let dir = std::fs::canonicalize(content).unwrap_or_else(|_| content.to_path_buf());
    let last = LAST.get_or_init(Default::default);
    if let Some((d, h, history)) = &*last.lock().unwrap_or_else(|e| e.into_inner()) {
        if *d == dir && *h == head {
            return history.clone();
        }
    }
    let history = Arc::new(match git::commits(content) {
        Some(commits) => History::new(true, items::changes(content, &commits)),
        None => History::unavailable(),
    });
    *last.lock().unwrap_or_else(|e| e.into_inner()) = Some((dir, head, history.clone()));
    history
}

/// Seconds since 1970 → YYYY-MM-DDTHH:MM:SSZ.
fn iso_utc(secs: i64) -> String {
    let day = secs.rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        crate::dates::date_of_unix(secs),
        day / 3600,
        day % 3600 / 60,
        day % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(commit: &str, time: &str, subject: Subject) -> Change {
        Change {
            commit: commit.into(),
            date: time[..10].into(),
            time: time.into(),
            subject,
            edits: vec![Edit::Added],
        }
    }

    #[test]
    fn changes_are_newest_first_and_found_by_subject_and_date() {
        let h = History::new(
            true,
            vec![
                change("a", "2022-01-01T00:00:00Z", Subject::Task(1)),
                change("b", "2022-03-01T00:00:00Z", Subject::Task(1)),
                change("b", "2022-03-01T00:00:00Z", Subject::Task(2)),
            ],
        );
        let of1: Vec<&str> = h.of(Subject::Task(1)).map(|c| c.commit.as_str()).collect();
        assert_eq!(of1, ["b", "a"]);
        assert_eq!(h.changes[0].subject, Subject::Task(2).min(Subject::Task(1)));
        assert_eq!(h.as_of("2022-02-01").changes.len(), 1);
        assert_eq!(h.of(Subject::Task(3)).count(), 0);
    }

    #[test]
    fn times_are_utc() {
        assert_eq!(iso_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_utc(1_672_531_199), "2022-12-31T23:59:59Z");
    }
}
