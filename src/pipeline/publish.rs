//! Which pages a build makes, and what becomes of each (the `Publish` the
//! views hand their page jobs to): a page whose fingerprint (see `deps`) is
//! the one the previous build's manifest holds for it is kept as the
//! output has it; any other is derived, rendered and put out, and its
//! fingerprint recorded for the next build.
//!
//! A declared page (`Jobs::item`) is decided before it is derived; one that
//! is not (`Jobs::page`) after, from its family's reads and its path. The
//! previous manifest is believed only while the output still has the file
//! (`Sink::keep`); otherwise the page is made after all. Pages are counted
//! (made and kept) for the build's summary.
//!
//! When no input changed since the previous build (`keep_unchanged`), the
//! views are not even asked for their pages: every page of the manifest is
//! kept from it directly.

use super::deps::InputHashes;
use super::fingerprints::{Fingerprints, Made, Recorder, PAGES};
use super::output::{lock, Clock, Output};
use crate::diagnostics::Diagnostics;
use crate::model::Lang;
use crate::render::{self, search::Records, theme::Theme, OutFile};
use crate::views::{Family, PageView, Publish, Reads};
use std::collections::{BTreeSet, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// What the page stage knows of the build before it.
#[derive(Clone, Copy)]
pub struct Previous<'a> {
    pub hashes: &'a InputHashes,
    /// The previous build's manifest, if it is believed.
    pub manifest: Option<&'a Fingerprints>,
    pub recorder: &'a Recorder,
    /// `serve`'s first pass: only pages that make these files (the ones open
    /// in a browser) are made again, if their inputs changed; nothing else
    /// is made or kept (the sink, a `write::Patch`, keeps the rest as it is,
    /// and the second pass makes it).
    pub only: Option<&'a BTreeSet<String>>,
}

/// What goes wrong while pages are rendered on several threads: templates
/// that fail (the theme's diagnostics), and the first file that cannot be
/// written.
#[derive(Default)]
pub struct PageFailures {
    pub templates: Diagnostics,
    pub writing: Option<anyhow::Error>,
}

/// The page stage's publisher (see the module comment).
pub struct Publisher<'a> {
    pub theme: &'a Theme,
    pub out: &'a Output<'a>,
    pub base_path: String,
    pub snapshot: bool,
    /// The search records, when the build makes a search index.
    pub records: Option<&'a Records>,
    pub previous: Previous<'a>,
    pub render_clock: Clock,
    pub minify_clock: Clock,
    pub failures: Mutex<PageFailures>,
    /// Every page's file, made or kept.
    pub paths: Mutex<Vec<String>>,
    /// The HTML the search index read (only while `for_search`).
    pub searchable: Mutex<Vec<OutFile>>,
    /// The keys of the pages kept whose search record is missing (the index
    /// needs their HTML again; see `outputs::kept_html`).
    pub unrecorded: Mutex<HashSet<String>>,
    /// Only render these kept pages again, for the search index: nothing is
    /// put out, nothing recorded.
    pub for_search: Option<&'a HashSet<String>>,
    pub made: AtomicUsize,
    pub kept: AtomicUsize,
    /// After `keep_unchanged`: the pages of the manifest it did not keep
    /// (the views make these; every other page of the manifest is kept).
    unkept: Option<HashSet<String>>,
    /// Held while a large page is rendered, minified and written (see
    /// `is_large`).
    large: Mutex<()>,
}

/// A page's context holds more than this many values: a list of every task
/// or every update of a large plan. Rendering one takes a multiple of its
/// HTML in memory (the context, the HTML, its links made relative, the
/// minifier's tree and output): at N=50,000 the task list is 27 MB of HTML
/// and took about 600 MB, and two such pages on two cores at once were the
/// build's peak. Only one large page is made at a time; small pages go on
/// beside it. The Dazu plan's largest page, the task list, holds about
/// 9,600 values.
const LARGE_PAGE_VALUES: usize = 100_000;

/// Whether `ctx` holds more than `LARGE_PAGE_VALUES` values (counted up
/// to there, no further).
fn is_large(ctx: &tera::Value) -> bool {
    fn count(v: &tera::Value, left: &mut usize) -> bool {
        if *left == 0 {
            return true;
        }
        *left -= 1;
        if let Some(items) = v.as_array() {
            items.iter().any(|v| count(v, left))
        } else if let Some(map) = v.as_map() {
            map.values().any(|v| count(v, left))
        } else {
            false
        }
    }
    let mut left = LARGE_PAGE_VALUES;
    count(ctx, &mut left)
}

/// A declared page's key: its language and path.
fn key_of(lang: Lang, reads: &Reads) -> String {
    format!("{} {}", lang.code(), reads.key)
}

impl<'a> Publisher<'a> {
    pub fn new(
        theme: &'a Theme,
        out: &'a Output<'a>,
        base_path: String,
        previous: Previous<'a>,
    ) -> Self {
        Publisher {
            theme,
            out,
            base_path,
            snapshot: false,
            records: None,
            previous,
            render_clock: Clock::default(),
            minify_clock: Clock::default(),
            failures: Mutex::default(),
            paths: Mutex::default(),
            searchable: Mutex::default(),
            unrecorded: Mutex::default(),
            for_search: None,
            made: AtomicUsize::new(0),
            kept: AtomicUsize::new(0),
            unkept: None,
            large: Mutex::default(),
        }
    }

    /// When no input changed since the build of the previous manifest (its
    /// `InputHashes::whole` is this build's, and it names every page that
    /// build made), the views would declare the same pages with the same
    /// fingerprints: each page of the manifest is kept as the output has it,
    /// without the views (at N=50,000, 126,000 pages' reads and
    /// fingerprints, and their lookups in the manifest). Whether every page
    /// was kept; if one could not be (its file gone from the output), the
    /// views run after all and make it, and leave the kept ones alone.
    pub fn keep_unchanged(&mut self) -> bool {
        use rayon::prelude::*;
        let (Some(whole), Some(manifest)) = (self.whole(), self.previous.manifest) else {
            return false;
        };
        if manifest.outputs.get(PAGES).map(|m| m.fingerprint) != Some(whole) {
            return false;
        }
        let pages: Vec<(&String, &Made)> = manifest.pages.iter().collect();
        let unkept: HashSet<String> = pages
            .par_iter()
            .with_min_len(256)
            .filter(|(key, made)| {
                made.fingerprint == InputHashes::ALWAYS || !self.try_keep(key.to_string(), made)
            })
            .map(|(key, _)| key.to_string())
            .collect();
        let all = unkept.is_empty();
        self.unkept = Some(unkept);
        all
    }

    /// Record that the manifest names every page, made from inputs whose
    /// digest is `InputHashes::whole` (a build that makes every page).
    pub fn record_whole(&self) {
        let Some(whole) = self.whole() else {
            return;
        };
        if self.previous.recorder.has_every_page() {
            let made = Made {
                fingerprint: whole,
                files: Vec::new(),
            };
            self.previous.recorder.output(PAGES, made);
        }
    }

    /// `InputHashes::whole`, in a build that makes the whole site (not
    /// `serve`'s first pass, nor the search index's render) and when it is
    /// a digest (not `ALWAYS`): what `keep_unchanged` compares and
    /// `record_whole` records.
    fn whole(&self) -> Option<u128> {
        let whole = self.previous.hashes.whole();
        let whole_site = self.previous.only.is_none() && self.for_search.is_none();
        (whole_site && whole != InputHashes::ALWAYS).then_some(whole)
    }

    /// Whether `keep_unchanged` kept the page `key`.
    fn kept_unchanged(&self, key: &str) -> bool {
        self.unkept.as_ref().is_some_and(|unkept| {
            !unkept.contains(key)
                && self
                    .previous
                    .manifest
                    .is_some_and(|m| m.pages.contains_key(key))
        })
    }

    /// Keep the page `key` as the previous build made it, if the output
    /// still has its file: `made` is what the previous manifest says.
    fn try_keep(&self, key: String, made: &Made) -> bool {
        let kept = match made.files.as_slice() {
            [] => true,
            [file] => self.out.keep_page(file),
            _ => false,
        };
        if !kept {
            return false;
        }
        if let [file] = made.files.as_slice() {
            lock(&self.paths).push(file.clone());
            if self.records.is_some_and(|r| !r.keep(file)) {
                lock(&self.unrecorded).insert(key.clone());
            }
        }
        self.previous.recorder.page(key, made.clone());
        self.kept.fetch_add(1, Ordering::Relaxed);
        true
    }

    /// Whether the previous build's page `key` may be kept: its fingerprint
    /// is this one.
    fn keepable(&self, key: &str, fingerprint: u128) -> Option<&'a Made> {
        let prev = self.previous.manifest?.pages.get(key)?;
        (fingerprint != InputHashes::ALWAYS && prev.fingerprint == fingerprint).then_some(prev)
    }

    /// `serve`'s first pass: whether the page `key` is one to make now (it
    /// was made before, is open, and its fingerprint changed); nothing else
    /// is made, and nothing is recorded.
    fn open_and_changed(&self, only: &BTreeSet<String>, key: &str, fingerprint: u128) -> bool {
        let Some(prev) = self.previous.manifest.and_then(|m| m.pages.get(key)) else {
            return false;
        };
        self.open(only, key)
            && (fingerprint == InputHashes::ALWAYS || prev.fingerprint != fingerprint)
    }

    /// Whether the previous build's page `key` made one of the files `only`.
    fn open(&self, only: &BTreeSet<String>, key: &str) -> bool {
        let prev = self.previous.manifest.and_then(|m| m.pages.get(key));
        prev.is_some_and(|p| p.files.iter().any(|f| only.contains(f)))
    }

    /// Render and put out one page; its file.
    fn publish(&self, p: &PageView) -> Option<String> {
        // Held on a rayon worker: nothing below may wait on rayon work (a
        // join or a parallel iterator), or the worker could take up a second
        // large page and wait for the lock it holds.
        let _alone = is_large(&p.ctx).then(|| lock(&self.large));
        let html = self
            .render_clock
            .time(|| render::render_html(self.theme, p, &self.base_path, self.snapshot));
        let html = match html {
            Ok(html) => html,
            Err(d) => {
                lock(&self.failures).templates.push(d);
                return None;
            }
        };
        let path = render::file_for(&p.path);
        if self.for_search.is_none() {
            if let Err(e) = self.out.put_page(p, &path, &html, &self.minify_clock) {
                lock(&self.failures).writing.get_or_insert(e);
            }
            lock(&self.paths).push(path.clone());
            self.made.fetch_add(1, Ordering::Relaxed);
        }
        if self.for_search.is_some() {
            lock(&self.searchable).push(OutFile {
                path: path.clone(),
                bytes: html.into_bytes(),
            });
        } else if let Some(records) = self.records {
            records.add(&path, &html);
        }
        Some(path)
    }
}

impl Publish for Publisher<'_> {
    fn plan(&self, family: &'static Family, lang: Lang, reads: &Reads) -> Option<u128> {
        let key = key_of(lang, reads);
        if self
            .previous
            .only
            .is_some_and(|only| !self.open(only, &key))
        {
            return None; // not open: not even its fingerprint is needed
        }
        if self.kept_unchanged(&key) {
            return None;
        }
        let fingerprint = self.previous.hashes.page(family, lang, reads);
        if let Some(for_search) = self.for_search {
            return for_search.contains(&key).then_some(fingerprint);
        }
        if let Some(only) = self.previous.only {
            return self
                .open_and_changed(only, &key, fingerprint)
                .then_some(fingerprint);
        }
        match self.keepable(&key, fingerprint) {
            Some(prev) => (!self.try_keep(key, prev)).then_some(fingerprint),
            None => Some(fingerprint),
        }
    }

    fn made(
        &self,
        _: &'static Family,
        lang: Lang,
        (reads, fingerprint): (&Reads, u128),
        page: Option<PageView>,
    ) {
        let key = key_of(lang, reads);
        let files = match &page {
            Some(p) => match self.publish(p) {
                Some(file) => vec![file],
                None => return,
            },
            None => Vec::new(),
        };
        if self.for_search.is_none() && self.previous.only.is_none() {
            let made = Made { fingerprint, files };
            self.previous.recorder.page(key, made);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(n: usize) -> tera::Value {
        let row = serde_json::json!({ "number": 1, "text": "t", "lead": ["a", "b"] });
        tera::Value::from_serializable(&serde_json::json!({ "page": { "rows": vec![row; n] } }))
    }

    #[test]
    fn a_page_is_large_from_its_count_of_values() {
        // Each row is 6 values (the row, its three fields and the list's
        // two items); the context, its `page` and `rows` are 3 more.
        let per_row = 6;
        let fits = (LARGE_PAGE_VALUES - 3) / per_row;
        assert!(!is_large(&rows(fits)));
        assert!(is_large(&rows(fits + 1)));
        assert!(!is_large(&tera::Value::from_serializable(&"a string")));
    }
}
