//! What a page family is: the pages it makes, spawned as jobs on the thread
//! pool, and the inputs it reads, declared as values (not prose): the
//! dependency model a rebuild uses to make only the pages whose inputs
//! changed (`pipeline::deps` hashes the inputs, `pipeline::outputs` decides).
//!
//! The rule for a family (follow it when adding one):
//! - Declare it with `family!`: the kinds of input its pages show, its
//!   templates, and the shared views' parts (`item_page` for an item page's,
//!   `BADGE` …); the frame's inputs come on top. A page reads all of each
//!   kind unless it says otherwise.
//! - `Jobs::page` (and `maybe`) is always right: the page is derived every
//!   build and rendered again only when one of the family's reads changed.
//! - `Jobs::shown` (or `Jobs::item`) is faster: it names, before deriving,
//!   the page's key and the items it reads of some kinds, so an unchanged
//!   page is not even derived. A page reads what it shows, no more:
//!   `Reads::subject_page` (task 8: its item, its updates, its history),
//!   `Reads::showing_only` (the rows of these subjects and nothing else of
//!   their kinds), `Reads::only` (these items of one kind). Anything else
//!   it shows that no input item holds (its neighbours' numbers, a list's
//!   counts) goes in `Reads::salt`, or is all it shows (`Reads::summary`).
//!   Naming too few items leaves a page stale: the equality tests
//!   (`tests/incremental.rs`) make, for each finer read, an edit that would
//!   leave a page stale without it, and compare with a build from scratch.
//! - Item ids: tasks, indicators, projects by number; key tasks `YEAR/N`;
//!   agencies, rivers by id; updates and history by their subject's path
//!   (`tasks/8/`); indicator values by indicator number; notes `KIND/ID`.

use super::frame::{PageKind, PageMeta};
use super::html::Html;
use super::{Ctx, PageView, FRAME_INPUTS};
use crate::model::{Lang, Subject, Text};
use serde::Serialize;
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

/// A family's declaration, one shape for all:
/// `family!("rivers", pages; reads Rivers, Tasks; templates "river.html";
/// shows AGENCY_LINKS, BADGE)`: its name and the function that spawns its
/// pages; the kinds of input it reads itself, its templates, and the reads
/// of the shared views it shows (`item_page` first: those every item page
/// shows — agency links, corrections, the document's wording, the status
/// badge, the progress section with its update entries, the history).
macro_rules! family {
    ($name:literal, $pages:expr; reads $($input:ident),*; templates $($t:literal),*;
     shows item_page $(, $part:expr)*) => {
        family!($name, $pages; reads $($input),*; templates $($t),*; shows
            crate::views::context::AGENCY_LINKS, crate::views::context::CORRECTIONS,
            crate::views::context::WRITTEN_AS, crate::views::status::BADGE,
            crate::views::status::PROGRESS, crate::views::updates::ENTRY,
            crate::views::history::SECTION $(, $part)*)
    };
    ($name:literal, $pages:expr; reads $($input:ident),*; templates $($t:literal),*;
     shows $($part:expr),*) => {
        crate::views::family::Family {
            name: $name,
            reads: &[
                &[$(crate::views::family::Input::$input,)* $(crate::views::family::Input::Template($t),)*],
                $($part,)*
            ],
            pages: $pages,
        }
    };
}
pub(super) use family;

/// How a page is shown: its template, what kind of page it is, its title,
/// and the list page it is under, if any (see `Jobs::shown`).
pub struct PageShape<'a> {
    pub template: &'static str,
    pub kind: PageKind,
    pub title: Title<'a>,
    /// The list page between home and it: its path and the interface
    /// string that titles it.
    pub under: Option<(&'static str, &'static str)>,
}

/// What titles a page.
#[derive(Clone, Copy)]
pub enum Title<'a> {
    /// An interface string, by key (`rivers`).
    Label(&'static str),
    /// A text of the model (a name, a list's title).
    Name(&'a Text),
    /// An interface string and a number (`任务 8`).
    Numbered(&'static str, u32),
}

impl<'a> PageShape<'a> {
    /// A page with nothing between it and home.
    pub fn new(template: &'static str, kind: PageKind, title: Title<'a>) -> Self {
        PageShape {
            template,
            kind,
            title,
            under: None,
        }
    }

    /// A list page, with nothing between it and home.
    pub fn list(template: &'static str, title: Title<'a>) -> Self {
        PageShape::new(template, PageKind::List, title)
    }

    /// An item's page, under the list page at `path` titled by the
    /// interface string `key`.
    pub fn item(
        template: &'static str,
        title: Title<'a>,
        (path, key): (&'static str, &'static str),
    ) -> Self {
        PageShape::new(template, PageKind::Item, title).under(path, key)
    }

    /// Under the list page at `path` titled by the interface string `key`.
    pub fn under(self, path: &'static str, key: &'static str) -> Self {
        PageShape {
            under: Some((path, key)),
            ..self
        }
    }
}

/// The kinds of input that hold the subjects themselves (a row reads its
/// subject's item and its updates: see `Reads::subjects`).
const SUBJECT_KINDS: [Input; 4] = [
    Input::Tasks,
    Input::Indicators,
    Input::Projects,
    Input::KeyTasks,
];

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

/// What one page reads, declared before it is derived (see the module
/// comment), so a rebuild can tell without deriving it that it would come
/// out the same.
#[derive(Debug, Clone)]
pub struct Reads {
    /// The page's path without the language (`tasks/8/`): its key.
    pub key: String,
    /// The kinds it reads only some items of, with those items' ids.
    pub items: Vec<(Input, Vec<String>)>,
    /// What else it shows that no input item holds.
    pub salt: String,
}

impl Reads {
    pub fn page(key: impl Into<String>) -> Reads {
        Reads {
            key: key.into(),
            items: Vec::new(),
            salt: String::new(),
        }
    }

    /// The page of `subject` (`tasks/8/`): of the subject's kind, of the
    /// updates and of the history it reads the subject's own only.
    pub fn subject_page(subject: Subject) -> Reads {
        Reads::page(subject.path())
            .subjects([subject])
            .only(Input::History, [subject.path()])
    }

    /// Of `kind`, the page reads only the items `ids`.
    pub fn only<I: ToString>(mut self, kind: Input, ids: impl IntoIterator<Item = I>) -> Reads {
        let ids: Vec<String> = ids.into_iter().map(|i| i.to_string()).collect();
        match self.items.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, have)) => have.extend(ids),
            None => self.items.push((kind, ids)),
        }
        self
    }

    /// Of `kind`, the page reads nothing.
    pub fn none_of(self, kind: Input) -> Reads {
        self.only(kind, Vec::<String>::new())
    }

    /// The page shows these subjects' rows (or their status): each one's
    /// item, and its updates.
    pub fn subjects(mut self, subjects: impl IntoIterator<Item = Subject>) -> Reads {
        for s in subjects {
            let (kind, id) = match s {
                Subject::Task(n) => (Input::Tasks, n.to_string()),
                Subject::Indicator(n) => (Input::Indicators, n.to_string()),
                Subject::Project(n) => (Input::Projects, n.to_string()),
                Subject::KeyTask(y, n) => (Input::KeyTasks, format!("{y}/{n}")),
            };
            self = self.only(kind, [id]).only(Input::Updates, [s.path()]);
        }
        self
    }

    /// The page shows these subjects' rows (or their status) and nothing
    /// else of the subjects' kinds or of the updates.
    pub fn showing_only(self, subjects: impl IntoIterator<Item = Subject>) -> Reads {
        self.numbers_only()
            .none_of(Input::Updates)
            .subjects(subjects)
    }

    /// Of the subjects the page shows their numbers only (an update's
    /// subjects are named by number): none of their items.
    pub fn numbers_only(self) -> Reads {
        SUBJECT_KINDS.into_iter().fold(self, Reads::none_of)
    }

    /// The page at `key` shows, of the subjects, only `summary` (counts,
    /// numbers): a list of the agencies with their number of tasks.
    pub fn summary(key: impl Into<String>, summary: impl std::fmt::Debug) -> Reads {
        Reads::page(key)
            .showing_only([])
            .salt(format!("{summary:?}"))
    }

    /// Something else the page shows, e.g. its neighbours' numbers.
    pub fn salt(mut self, s: impl std::fmt::Display) -> Reads {
        use std::fmt::Write;
        let _ = write!(self.salt, "{s}\u{1f}");
        self
    }
}

/// Where page jobs go: the build decides which run (see `pipeline::outputs`).
pub trait Publish: Sync {
    /// Whether the page `reads` declares must be derived: `Some(its
    /// fingerprint)`, or `None` when the page is kept as the last build made it.
    fn plan(&self, family: &'static Family, lang: Lang, reads: &Reads) -> Option<u128>;

    /// A page derived, with what it declared and its fingerprint; `page`
    /// is `None` for a page that turned out not to exist.
    fn made(
        &self,
        family: &'static Family,
        lang: Lang,
        declared: (&Reads, u128),
        page: Option<PageView>,
    );
}

/// Page jobs of one family and language, spawned on a rayon scope: each
/// derives one page (timed) and hands it to the publisher.
pub struct Jobs<'r, 'scope> {
    pub(super) scope: &'r rayon::Scope<'scope>,
    pub(super) family: &'static Family,
    pub(super) lang: Lang,
    pub(super) publish: &'scope dyn Publish,
    pub(super) derive: &'scope AtomicU64,
}

impl<'scope> Jobs<'_, 'scope> {
    /// The page at `path` (as its `PageMeta` has it), reading the whole of
    /// every kind its family reads: derived only when one of them changed.
    pub fn page(&self, path: impl Into<String>, view: impl FnOnce() -> PageView + Send + 'scope) {
        self.maybe(path, move || Some(view()));
    }

    /// A page that may turn out not to exist (a commentary page with no Chinese).
    pub fn maybe(
        &self,
        path: impl Into<String>,
        view: impl FnOnce() -> Option<PageView> + Send + 'scope,
    ) {
        self.declared(Reads::page(path), view);
    }

    /// The page at `reads.key`, shown as `shape` says, its own view made
    /// by `view`: derived only when what `reads` declares changed.
    pub fn shown<T: Serialize>(
        &self,
        v: &'scope Ctx<'scope>,
        reads: Reads,
        shape: PageShape<'scope>,
        view: impl FnOnce() -> T + Send + 'scope,
    ) {
        let path = reads.key.clone();
        self.item(reads, move || {
            let PageShape {
                template,
                kind,
                title,
                under,
            } = shape;
            let crumbs: Vec<(&str, Html)> = (under.iter())
                .map(|&(path, key)| (path, Html::escape(v.t(key))))
                .collect();
            let meta = match title {
                Title::Label(key) => PageMeta::titled(v, &path, template, kind, key),
                Title::Name(text) => PageMeta::named(v, &path, template, kind, text),
                Title::Numbered(key, n) => {
                    let title = format!("{} {n}", v.t(key));
                    PageMeta {
                        path: &path,
                        template,
                        kind,
                        title: Html::escape(&title),
                        head_title: title,
                        crumbs: &[],
                    }
                }
            };
            v.page(meta.under(&crumbs), view())
        });
    }

    /// A page that declares what it reads: derived only when that changed.
    pub fn item(&self, reads: Reads, view: impl FnOnce() -> PageView + Send + 'scope) {
        self.declared(reads, move || Some(view()));
    }

    fn declared(&self, reads: Reads, view: impl FnOnce() -> Option<PageView> + Send + 'scope) {
        let (publish, derive, family, lang) = (self.publish, self.derive, self.family, self.lang);
        self.scope.spawn(move |_| {
            let Some(fingerprint) = publish.plan(family, lang, &reads) else {
                return;
            };
            let start = std::time::Instant::now();
            let page = view();
            derive.fetch_add(start.elapsed().as_nanos() as u64, Ordering::Relaxed);
            publish.made(family, lang, (&reads, fingerprint), page);
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
