//! The stages that make the site's files, one function per output: the
//! pages (views rendered as they are made, feeds among them), the theme's
//! static files with the evidence files and the source document, the open
//! data, the search index, the archived years, and the crawler files
//! (sitemap and robots.txt), which take the list of pages made before them.

use super::output::{lock, Clock, Laps, Output};
use super::{BuildError, Inputs};
use crate::diagnostics::{Diagnostic, Diagnostics, Failed};
use crate::model::{Lang, Site};
use crate::progress::Progress;
use crate::render::{self, search::Records, theme::Theme};
use crate::views::{Mode, PageView};
use anyhow::{Context, Result};
use std::sync::Mutex;

/// What the page stage made, for the stages after it.
pub struct Pages {
    /// The path of every page and feed.
    pub paths: Vec<String>,
}

/// What goes wrong while pages are rendered on several threads: templates
/// that fail (the theme's diagnostics), and the first file that cannot be
/// written.
#[derive(Default)]
struct PageFailures {
    templates: Diagnostics,
    writing: Option<anyhow::Error>,
}

/// Views and render: every page view, rendered as soon as it is made and
/// put out. A missing interface string or a failing template stops the
/// build after all pages were tried, with every such problem.
#[allow(clippy::too_many_arguments)]
pub fn pages(
    site: &Site,
    progress: &Progress,
    theme: &Theme,
    base_url: &str,
    mode: &Mode,
    out: &Output,
    records: &Records,
    laps: &mut Laps,
) -> Result<Pages, BuildError> {
    let snapshot = mode.snapshot.is_some();
    let base_path = super::base_path(base_url);
    let keep_for_search = snapshot || mode.features.search;
    let (render_clock, minify_clock) = (Clock::default(), Clock::default());
    let failures: Mutex<PageFailures> = Mutex::default();
    let made: Mutex<Pages> = Mutex::new(Pages { paths: Vec::new() });
    let emit = |p: PageView| {
        let html = render_clock.time(|| render::render_html(theme, &p, &base_path, snapshot));
        let html = match html {
            Ok(html) => html,
            Err(d) => return lock(&failures).templates.push(d),
        };
        let path = render::file_for(&p.path);
        if let Err(e) = out.put_page(&p, &path, &html, &minify_clock) {
            lock(&failures).writing.get_or_insert(e);
        }
        if keep_for_search {
            records.add(&path, &html);
        }
        lock(&made).paths.push(path);
    };
    let derived = crate::views::pages(site, progress, &theme.strings, base_url, mode, &emit);
    let derive_time = derived.map_err(|keys| {
        let file = theme.strings_path();
        Failed(
            keys.into_iter()
                .map(|k| Diagnostic::file(&file, format!("interface string `{k}` is missing")))
                .collect(),
        )
    })?;
    laps.part("derive", derive_time);
    laps.part("render", render_clock.total());
    laps.part("minify", minify_clock.total());
    let failures = failures.into_inner().unwrap_or_else(|e| e.into_inner());
    if let Some(e) = failures.writing {
        return Err(e.into());
    }
    if !failures.templates.is_empty() {
        return Err(Failed::from(failures.templates).into());
    }
    Ok(made.into_inner().unwrap_or_else(|e| e.into_inner()))
}

/// The theme's static files, the evidence files under `content/files/`, and
/// the source document the plan page links to (from `seeds/`).
pub fn site_files(
    inputs: &Inputs,
    site: &Site,
    theme: &Theme,
    out: &Output,
) -> Result<(), BuildError> {
    for (path, bytes) in &theme.statics {
        out.put(path, bytes)?;
    }
    for f in &site.files {
        let path = inputs.content.join("files").join(f);
        let bytes = std::fs::read(&path)
            .map_err(|e| Failed(vec![Diagnostic::file(&path, format!("cannot read: {e}"))]))?;
        out.put(&format!("files/{f}"), &bytes)?;
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
    out.put(&format!("source/{}", site.document.seed), &bytes)?;
    Ok(())
}

/// The open-data downloads of each language (unless switched off).
pub fn open_data(inputs: &Inputs, site: &Site, progress: &Progress, out: &Output) -> Result<()> {
    if !inputs.features.data {
        return Ok(());
    }
    for lang in Lang::ALL {
        let data = render::data::files(site, progress, lang).context("making the open data")?;
        for f in data {
            out.put(&f.path, &f.bytes)?;
        }
    }
    Ok(())
}

/// The search index of the pages' records (for the live site unless
/// switched off, and always for a snapshot, whose search works offline);
/// the records are saved for the next build when `inputs` says where.
pub fn search_index(inputs: &Inputs, records: &Records, out: &Output) -> Result<()> {
    if inputs.snapshot.is_none() && !inputs.features.search {
        return Ok(());
    }
    for f in render::search::index(records).context("making the search index")? {
        out.put(&f.path, &f.bytes)?;
    }
    if let Some(path) = &inputs.search_records {
        records.save(path)?;
    }
    Ok(())
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

/// `sitemap.xml` and `robots.txt`, listing `pages`.
pub fn crawler_files(
    pages: impl IntoIterator<Item = String>,
    base_url: &str,
    out: &Output,
) -> Result<()> {
    let pages: Vec<String> = pages.into_iter().collect();
    for f in render::sitemap::files(&pages, base_url) {
        out.put(&f.path, &f.bytes)?;
    }
    Ok(())
}
