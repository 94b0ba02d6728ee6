//! What a page family is: the pages it makes, spawned as jobs on the thread
//! pool, and the inputs it reads, declared as values (not prose) so that a
//! dependency model — which pages to rebuild when an input changes — can be
//! built from them.

use super::{Ctx, PageView, FRAME_INPUTS};
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, Ordering};

/// One kind of input a page family reads. Coarse on purpose: a family that
/// makes a page per task reads `Tasks` (its own task, and its neighbours
/// for the pager), and one that shows a task's status reads `Updates`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Input {
    /// config.yaml as the build resolved it: title, description, footer,
    /// base URL, build date and commit.
    Config,
    /// The build's switches (search, feeds, open data) and snapshot mode.
    Mode,
    /// The plan document's metadata (plan/document.yaml).
    Document,
    /// The titles of the plan's attachment tables.
    Titles,
    Chapters,
    Tasks,
    Indicators,
    /// Indicators' reported yearly values and their target directions.
    IndicatorValues,
    Projects,
    KeyTasks,
    Agencies,
    Rivers,
    /// Corrections to the source text (plan/errata.yaml).
    Errata,
    /// The glossary: its page, and the links from a term's first use in a text.
    Glossary,
    /// Markdown notes on tasks, agencies and rivers.
    Notes,
    /// Commentary pages (pages/*.md).
    Pages,
    /// The plan's disclosure duties and the pages that meet them (duties.yaml).
    Duties,
    /// Progress updates, and what is derived from them: status, due dates,
    /// overdue, roll-ups, timelines.
    Updates,
    /// The water-safety disclosure: schedules, publications and their
    /// results, drinking-water sources.
    Water,
    /// The source document's text (the seed file), shown at `/source/`.
    Source,
    /// The yearly archives the live site links.
    Archives,
    /// The theme's interface strings (i18n.yaml).
    Strings,
    /// The content's history of edits, read from git: the history section
    /// of every item page, `/changes/` and its feed.
    History,
    /// A theme template, by file name (the ones it includes listed too).
    Template(&'static str),
}

/// What a family of item pages (tasks, indicators, projects, key tasks)
/// reads: its own inputs, then those of the shared views every item page
/// shows (agency links, corrections, the document's wording, the status
/// badge, the progress section with its update entries).
macro_rules! item_page_reads {
    ($own:expr) => {
        &[
            $own,
            crate::views::context::AGENCY_LINKS,
            crate::views::context::CORRECTIONS,
            crate::views::context::WRITTEN_AS,
            crate::views::status::BADGE,
            crate::views::status::PROGRESS,
            crate::views::updates::ENTRY,
            crate::views::history::SECTION,
        ]
    };
}
pub(super) use item_page_reads;

/// A family of pages: one file of `views/` each.
pub struct Family {
    pub name: &'static str,
    /// What its pages read, in parts: its own, then those of the shared
    /// views it shows (agency links, status badges, the progress section …),
    /// declared beside them. The frame's (`FRAME_INPUTS`) come on top.
    pub reads: &'static [&'static [Input]],
    /// Spawn a job per page of one language.
    pub pages: for<'s, 'r, 'j> fn(&'s Ctx<'s>, &'j Jobs<'r, 's>),
}

impl Family {
    /// Everything its pages read, the frame's inputs included.
    pub fn inputs(&self) -> BTreeSet<Input> {
        self.reads
            .iter()
            .copied()
            .flatten()
            .chain(FRAME_INPUTS)
            .copied()
            .collect()
    }
}

/// Page jobs of one language, spawned on a rayon scope: each derives one
/// page (timed) and hands it to `emit`.
pub struct Jobs<'r, 'scope> {
    pub(super) scope: &'r rayon::Scope<'scope>,
    pub(super) emit: &'scope (dyn Fn(PageView) + Sync),
    pub(super) derive: &'scope AtomicU64,
}

impl<'scope> Jobs<'_, 'scope> {
    pub fn page(&self, view: impl FnOnce() -> PageView + Send + 'scope) {
        self.maybe(move || Some(view()));
    }

    /// A page that may turn out not to exist (a commentary page with no Chinese).
    pub fn maybe(&self, view: impl FnOnce() -> Option<PageView> + Send + 'scope) {
        let (emit, derive) = (self.emit, self.derive);
        self.scope.spawn(move |_| {
            let start = std::time::Instant::now();
            let page = view();
            derive.fetch_add(start.elapsed().as_nanos() as u64, Ordering::Relaxed);
            if let Some(page) = page {
                emit(page);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::{FAMILIES, FRAME_INPUTS};
    use super::Input;
    use std::collections::BTreeSet;
    use std::path::Path;

    fn templates<'i>(inputs: impl IntoIterator<Item = &'i Input>) -> BTreeSet<&'static str> {
        inputs
            .into_iter()
            .filter_map(|i| match i {
                Input::Template(t) => Some(*t),
                _ => None,
            })
            .collect()
    }

    /// The templates `name` includes or extends, as written in it.
    fn used_by(dir: &Path, name: &str) -> Vec<String> {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        ["{% include \"", "{% extends \""]
            .iter()
            .flat_map(|open| text.split(open).skip(1))
            .map(|rest| rest.split('"').next().unwrap().to_string())
            .collect()
    }

    #[test]
    fn each_family_declares_every_template_its_pages_use() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
        let frame = templates(FRAME_INPUTS);
        let mut declared = frame.clone();
        for f in FAMILIES {
            let own = templates(&f.inputs());
            for t in &own {
                for used in used_by(&dir, t) {
                    assert!(
                        own.contains(used.as_str()),
                        "family `{}` uses {t}, which uses {used}: declare it",
                        f.name
                    );
                }
            }
            declared.extend(own);
        }
        for entry in std::fs::read_dir(&dir).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            assert!(
                declared.contains(name.as_str()),
                "no family declares {name}"
            );
        }
    }
}
