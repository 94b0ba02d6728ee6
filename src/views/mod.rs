//! Stage 3: the model → one view per page and language, ready for a template.
//!
//! A view is a typed struct (`*View`, `#[derive(Serialize)]`) borrowing from
//! the model; the frame around it (`frame.rs`) turns it into the template
//! context. Links are written site-absolute (`/en/tasks/8/`); the render
//! stage rewrites them relative to each page so the output works under any
//! URL prefix and from a folder. Text is handed over as text, for Tera to
//! escape, except where it is HTML: `Html` (`html.rs`) is the only value a
//! template prints unescaped, and text that may be untranslated is `Html`
//! carrying a visible "translation pending" mark, so no template can show
//! an empty cell.
//!
//! Each page family is a file of its own that declares the inputs it reads
//! (`family::Family`); `FAMILIES` lists them, and `pages` derives every page
//! of each in both languages. What families share: `context` (the site in
//! one language), `frame` (what every page carries), `status` (badges,
//! progress, roll-ups), `index` (who is involved in what), `terms`
//! (glossary links), `charts` and `html`.

mod agencies;
mod charts;
mod context;
mod duties;
pub mod family;
mod feedback;
mod feeds;
mod frame;
mod history;
mod home;
mod html;
mod index;
mod indicators;
mod key_tasks;
mod overview;
mod plan;
mod projects;
mod reference;
mod reports;
mod rivers;
mod source;
mod status;
mod tasks;
mod terms;
mod updates;
mod water;

pub use context::Ctx;
pub use family::{Family, Input, Jobs, Publish, Reads};
pub use frame::FRAME_INPUTS;
pub use history::history_text;

use crate::model::*;
use crate::progress::Progress;
/// HTML escaping of text, for the pages and for `serve`'s error page.
pub use html::esc;
use std::collections::BTreeMap;
use std::sync::atomic::AtomicU64;

/// Every page family, each making its pages in both languages.
pub const FAMILIES: &[Family] = &[
    home::FAMILY,
    plan::FAMILY,
    tasks::FAMILY,
    indicators::FAMILY,
    projects::FAMILY,
    key_tasks::FAMILY,
    agencies::FAMILY,
    rivers::FAMILY,
    source::FAMILY,
    updates::FAMILY,
    feeds::FAMILY,
    water::FAMILY,
    reference::GLOSSARY,
    reference::ERRATA,
    reference::PAGES,
    duties::FAMILY,
    reference::ARCHIVE,
    reference::DATA,
    reference::SEARCH,
    reference::NOT_FOUND,
    history::FAMILY,
    reports::FAMILY,
];

/// Interface strings for one language.
pub type Strings = BTreeMap<String, String>;

/// What kind of site is being built: the live portal (which links its
/// yearly archives) or a frozen snapshot of one year.
#[derive(Default)]
pub struct Mode {
    /// (year, as-of date) when building a snapshot.
    pub snapshot: Option<(u32, String)>,
    pub archives: Vec<ArchiveSummary>,
    pub features: Features,
    /// The source document's text (`seeds/`), shown line by line at `/source/`.
    pub source_text: String,
}

/// The optional outputs (all on by default; a benchmark switches them off).
#[derive(Clone, Copy)]
pub struct Features {
    pub search: bool,
    pub feeds: bool,
    pub data: bool,
}

impl Default for Features {
    fn default() -> Self {
        Features {
            search: true,
            feeds: true,
            data: true,
        }
    }
}

/// What the live site shows about one archive.
pub struct ArchiveSummary {
    pub year: u32,
    pub as_of: String,
    pub tasks: usize,
    pub updates: usize,
    pub pages: usize,
    pub manifest_hash: String,
    /// The archive's files (relative to it), to link archived versions of pages.
    pub paths: std::collections::BTreeSet<String>,
}

/// One page to render.
pub struct PageView {
    /// Output path relative to the site root, e.g. `en/tasks/8/` or `404.html`.
    pub path: String,
    pub template: &'static str,
    /// What the template sees, made straight from the typed view: tera's
    /// values share their parts, so handing it to a render copies no more
    /// than its top level.
    pub ctx: tera::Value,
    /// Its language (the interface strings the template sees as `t`).
    pub lang: Lang,
    /// Served at any URL depth (the 404 page), so its links start from the
    /// site's base path instead of being relative.
    pub served_anywhere: bool,
}

/// Derive every page of the site in both languages, in parallel, handing
/// each to `publish` as soon as it is ready (nothing holds the whole site);
/// `publish` also decides which declared pages need deriving at all.
/// Returns the time spent deriving (summed over threads), or the interface
/// strings the theme lacks.
pub fn pages(
    site: &Site,
    progress: &Progress,
    strings: &BTreeMap<Lang, Strings>,
    base_url: &str,
    mode: &Mode,
    publish: &dyn Publish,
) -> Result<std::time::Duration, Vec<String>> {
    let empty = Strings::new();
    let involved = index::Involved::new(site);
    let shared = context::Shared {
        site,
        progress,
        involved: &involved,
        base_url,
        mode,
    };
    let derive = AtomicU64::new(0);
    let views: Vec<Ctx> = Lang::ALL
        .into_iter()
        .map(|lang| Ctx::new(&shared, lang, strings.get(&lang).unwrap_or(&empty)))
        .collect();
    rayon::scope(|scope| {
        for v in &views {
            let derive = &derive;
            scope.spawn(move |_| build_lang(v, publish, derive));
        }
    });
    let missing: std::collections::BTreeSet<String> =
        views.into_iter().flat_map(Ctx::into_missing).collect();
    if missing.is_empty() {
        Ok(std::time::Duration::from_nanos(derive.into_inner()))
    } else {
        Err(missing.into_iter().collect())
    }
}

/// Derive every page of one language, each as a job on the thread pool that
/// hands its view to `publish`.
fn build_lang(v: &Ctx, publish: &dyn Publish, derive: &AtomicU64) {
    rayon::scope(|scope| {
        for family in FAMILIES {
            let jobs = Jobs {
                scope,
                family,
                lang: v.lang,
                publish,
                derive,
            };
            (family.pages)(v, &jobs);
        }
    });
}

#[cfg(test)]
mod tests;
