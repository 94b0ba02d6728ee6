//! The stages that make the site's files, one function per output: the
//! pages (views rendered as they are made, feeds among them), the theme's
//! static files with the evidence files and the source document, the open
//! data, the search index, the archived years, and the crawler files
//! (sitemap and robots.txt), which take the list of pages made before them.

use super::deps::InputHashes;
use super::fingerprints::{Made, Recorder};
use super::output::{Laps, Output};
use super::publish::{Previous, Publisher};
use super::{BuildError, Inputs};
use crate::diagnostics::{Diagnostic, Failed};
use crate::model::{Lang, Site};
use crate::progress::Progress;
use crate::render::{self, search::Records, theme::Theme, OutFile};
use crate::views::Mode;
use anyhow::{Context, Result};
use std::collections::HashSet;

/// What the page stage made, for the stages after it.
pub struct Pages {
    /// The path of every page and feed.
    pub paths: Vec<String>,
    /// The pages kept whose search record the records lack (the search
    /// index needs their HTML again), by key.
    pub unrecorded: HashSet<String>,
    /// Pages derived and made, and pages kept.
    pub made: usize,
    pub kept: usize,
    /// No input changed since the previous build: every page was kept
    /// without the views (`Publisher::keep_unchanged`).
    pub unchanged: bool,
}

/// What the page stage is made from.
pub struct PageInputs<'a> {
    pub site: &'a Site,
    pub progress: &'a Progress<'a>,
    pub theme: &'a Theme,
    pub base_url: &'a str,
    pub mode: &'a Mode,
}

impl<'a> PageInputs<'a> {
    fn publisher(
        &self,
        out: &'a Output<'a>,
        previous: Previous<'a>,
        records: &'a Records,
    ) -> Publisher<'a> {
        let mut p = Publisher::new(self.theme, out, super::base_path(self.base_url), previous);
        p.snapshot = self.mode.snapshot.is_some();
        if p.snapshot || self.mode.features.search {
            p.records = Some(records);
        }
        p
    }

    fn derive(&self, publisher: &Publisher) -> Result<std::time::Duration, Failed> {
        let t = self.theme;
        let m = self.mode;
        crate::views::pages(
            self.site,
            self.progress,
            &t.strings,
            self.base_url,
            m,
            publisher,
        )
        .map_err(|keys| {
            let file = t.strings_path();
            Failed(
                keys.into_iter()
                    .map(|k| Diagnostic::file(&file, format!("interface string `{k}` is missing")))
                    .collect(),
            )
        })
    }
}

/// Views and render: every page view whose inputs changed, rendered as
/// soon as it is made and put out; the others kept (see `publish`). A
/// missing interface string or a failing template stops the build after
/// all pages were tried, with every such problem.
pub fn pages<'a>(
    inputs: &PageInputs<'a>,
    out: &'a Output<'a>,
    previous: Previous<'a>,
    records: &'a Records,
    laps: &mut Laps,
) -> Result<Pages, BuildError> {
    let mut publisher = inputs.publisher(out, previous, records);
    let unchanged = publisher.keep_unchanged();
    let derive_time = if unchanged {
        std::time::Duration::ZERO
    } else {
        inputs.derive(&publisher)?
    };
    laps.part("derive", derive_time);
    laps.part("render", publisher.render_clock.total());
    laps.part("minify", publisher.minify_clock.total());
    publisher.record_whole();
    let failures = publisher
        .failures
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(e) = failures.writing {
        return Err(e.into());
    }
    if !failures.templates.is_empty() {
        return Err(Failed::from(failures.templates).into());
    }
    Ok(Pages {
        unchanged,
        paths: publisher
            .paths
            .into_inner()
            .unwrap_or_else(|e| e.into_inner()),
        unrecorded: publisher
            .unrecorded
            .into_inner()
            .unwrap_or_else(|e| e.into_inner()),
        made: publisher.made.into_inner(),
        kept: publisher.kept.into_inner(),
    })
}

/// The HTML of the pages kept (`keys`) whose search records are missing,
/// rendered again for the search index (not put out).
pub fn kept_html<'a>(
    inputs: &PageInputs<'a>,
    out: &'a Output<'a>,
    hashes: &'a InputHashes,
    keys: &'a HashSet<String>,
) -> Result<Vec<OutFile>, BuildError> {
    let recorder = Recorder::default();
    let previous = Previous {
        hashes,
        manifest: None,
        recorder: &recorder,
        only: None,
    };
    let records = Records::default();
    let mut publisher = inputs.publisher(out, previous, &records);
    publisher.for_search = Some(keys);
    inputs.derive(&publisher)?;
    let failures = publisher
        .failures
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    if !failures.templates.is_empty() {
        return Err(Failed::from(failures.templates).into());
    }
    Ok(publisher
        .searchable
        .into_inner()
        .unwrap_or_else(|e| e.into_inner()))
}

/// Keep the output `name` as the previous build made it, if its inputs
/// hash to what they did then (in `serve`'s first pass, always: it makes
/// pages only); whether it was kept. A file that cannot be kept is made again
/// by the caller, which puts what is not kept.
pub fn kept_output(previous: &Previous, out: &Output, name: &str, fingerprint: u128) -> bool {
    if previous.only.is_some() {
        return true; // the first pass of `serve` makes pages only
    }
    let Some(prev) = previous.manifest.and_then(|m| m.outputs.get(name)) else {
        return false;
    };
    if fingerprint == InputHashes::ALWAYS || prev.fingerprint != fingerprint {
        return false;
    }
    if prev.files.iter().all(|f| out.keep(f)) {
        previous.recorder.output(name, prev.clone());
        return true;
    }
    false
}

/// Make the output `name` with `make` (which returns the files it put
/// out) unless the previous build's is kept (see `kept_output`), and record
/// it for the next build.
pub fn unless_kept(
    previous: &Previous,
    out: &Output,
    name: &str,
    fingerprint: u128,
    make: &dyn Fn() -> Result<Vec<String>, BuildError>,
) -> Result<(), BuildError> {
    if !kept_output(previous, out, name, fingerprint) {
        record_output(previous, name, fingerprint, make()?);
    }
    Ok(())
}

/// Record what output `name` made, for the next build.
pub fn record_output(previous: &Previous, name: &str, fingerprint: u128, files: Vec<String>) {
    previous.recorder.output(name, Made { fingerprint, files });
}

/// The theme's static files, the evidence files under `content/files/`, and
/// the source document the plan page links to (from `seeds/`); their paths.
pub fn site_files(
    inputs: &Inputs,
    site: &Site,
    theme: &Theme,
    out: &Output,
) -> Result<Vec<String>, BuildError> {
    let mut paths = Vec::new();
    for (path, bytes) in &theme.statics {
        out.put(path, bytes)?;
        paths.push(path.clone());
    }
    for f in &site.files {
        let path = inputs.content.join("files").join(f);
        let bytes = std::fs::read(&path)
            .map_err(|e| Failed(vec![Diagnostic::file(&path, format!("cannot read: {e}"))]))?;
        let path = format!("files/{f}");
        out.put(&path, &bytes)?;
        paths.push(path);
    }
    let seed = inputs.seeds.join(&site.document.seed);
    let bytes = std::fs::read(&seed).map_err(|e| {
        let d = Diagnostic::file(
            &seed,
            format!("cannot read the source document that the plan page links to: {e}"),
        )
        .with_help("keep the seed text in seeds/ beside the content folder");
        Failed(vec![d])
    })?;
    let path = format!("source/{}", site.document.seed);
    out.put(&path, &bytes)?;
    paths.push(path);
    Ok(paths)
}

/// The open-data downloads of each language (unless switched off); their paths.
pub fn open_data(
    inputs: &Inputs,
    site: &Site,
    progress: &Progress,
    out: &Output,
) -> Result<Vec<String>> {
    let mut paths = Vec::new();
    if !inputs.features.data {
        return Ok(paths);
    }
    for lang in Lang::ALL {
        let data = render::data::files(site, progress, lang).context("making the open data")?;
        for f in data {
            out.put(&f.path, &f.bytes)?;
            paths.push(f.path);
        }
    }
    Ok(paths)
}

/// The search index of the pages' records (for the live site unless
/// switched off, and always for a snapshot, whose search works offline);
/// its paths.
pub fn search_index(inputs: &Inputs, records: &Records, out: &Output) -> Result<Vec<String>> {
    let mut paths = Vec::new();
    if inputs.snapshot.is_none() && !inputs.features.search {
        return Ok(paths);
    }
    for f in render::search::index(records) {
        out.put(&f.path, &f.bytes)?;
        paths.push(f.path);
    }
    Ok(paths)
}

/// The archived years, byte for byte, under `archive/YEAR/` of the live
/// site; their paths.
pub fn archive_copies(
    inputs: &Inputs,
    archives: &[crate::archive::Archive],
    out: &Output,
) -> Result<Vec<String>> {
    if inputs.snapshot.is_some() {
        return Ok(Vec::new());
    }
    let files = crate::archive::out_files(archives);
    for f in &files {
        out.put(&f.path, &f.bytes)?;
    }
    Ok(files.into_iter().map(|f| f.path).collect())
}

/// `sitemap.xml` and `robots.txt`, listing `pages`; their paths.
pub fn crawler_files(
    pages: impl IntoIterator<Item = String>,
    base_url: &str,
    out: &Output,
) -> Result<Vec<String>> {
    let pages: Vec<String> = pages.into_iter().collect();
    let mut paths = Vec::new();
    for f in render::sitemap::files(&pages, base_url) {
        out.put(&f.path, &f.bytes)?;
        paths.push(f.path);
    }
    Ok(paths)
}
