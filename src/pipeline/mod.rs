//! The one path every command takes: load → validate → as-of → views and
//! render → the other outputs → sink. `check` is this with a sink that keeps
//! nothing, so what `check` accepts is exactly what `build` publishes.
//!
//! [`build`] is the list of stages; each stage is a function below (the
//! outputs besides the pages in `outputs`), and every file goes to the sink
//! through one door ([`output::Output`]), which also checks the links.
//! The inputs arrive resolved (`cli.rs` resolves the arguments' defaults,
//! `env.rs` reads git and the clock); the pipeline reads only files.

mod cache;
mod deps;
mod fingerprints;
mod memory;
pub mod output;
mod outputs;
mod publish;

use crate::diagnostics::{Diagnostic, Diagnostics, Failed};
use crate::env::Surroundings;
use crate::load::{theme::RawTheme, RawSite};
use crate::model::Site;
use crate::progress::Progress;
use crate::render::theme::Theme;
use crate::validate::updates::{DataDate, DateSource};
use crate::views::{ArchiveSummary, Features, Mode};
use crate::write::Sink;
use deps::{InputHashes, ThemeHashes};
use memory::{Memory, SearchRecords};
use output::{Laps, Output};
use outputs::PageInputs;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// What a build is made from, every default resolved.
pub struct Inputs {
    pub content: PathBuf,
    /// The theme folder; `None`: the theme built into the binary.
    pub theme: Option<PathBuf>,
    /// The folder of source documents (`seeds/`).
    pub seeds: PathBuf,
    /// The folder of yearly archives (`archive/`).
    pub archive: PathBuf,
    /// The site's address as given on the command line; without it,
    /// `base_url` of config.yaml, else `/`.
    pub base_url: Option<String>,
    /// Search index, feeds and open data (all on unless switched off).
    pub features: Features,
    /// Build a frozen snapshot as of this (year, YYYY-MM-DD) instead of the live site.
    pub snapshot: Option<(u32, String)>,
    /// Without a configured data date, the data date is today (`serve`: a
    /// preview shows progress as of today); otherwise the site has none.
    pub undated_is_today: bool,
    /// Git and the clock, read before the build.
    pub surroundings: Surroundings,
    /// Whether the search index's records are kept between builds (beside
    /// the output, a memo of the sink's); not for check or a snapshot.
    pub search_records: bool,
}

impl Inputs {
    /// The folders an output folder must keep clear of.
    pub fn protected(&self) -> crate::write::Protected {
        crate::write::Protected {
            content: Some(self.content.clone()),
            theme: self.theme.clone(),
            seeds: Some(self.seeds.clone()),
            archive: Some(self.archive.clone()),
        }
    }
}

/// Why a build stopped.
#[derive(Debug)]
pub enum BuildError {
    /// Problems in the user's files, all of them: the user's to fix (exit 1).
    Content(Failed),
    /// Anything else: an output file could not be written, a library
    /// failed (exit 2).
    Internal(anyhow::Error),
}

impl From<Failed> for BuildError {
    fn from(f: Failed) -> Self {
        BuildError::Content(f)
    }
}

impl From<anyhow::Error> for BuildError {
    fn from(e: anyhow::Error) -> Self {
        BuildError::Internal(e)
    }
}

/// A successful build: what was built and the warnings worth showing.
pub struct Built {
    /// Time per stage, in order (see `--timings`). Stages that run page by
    /// page in parallel (derive, render, minify) report their time summed
    /// over threads; `pages` is the wall time they took together.
    pub timings: Vec<(&'static str, std::time::Duration)>,
    /// Files and HTML pages handed to the sink.
    pub files: usize,
    pub pages: usize,
    /// Pages derived and made, and pages kept as the last build made them
    /// (their inputs unchanged).
    pub made: usize,
    pub kept: usize,
    /// No input changed since the previous build: every page was kept as
    /// it was, without the views.
    pub unchanged: bool,
    pub warnings: Vec<Diagnostic>,
    /// Counts shown with an archive: tasks, and updates as of the data date.
    pub tasks: usize,
    pub updates: usize,
    pub commit: Option<String>,
    /// The data date of the content (config or SOURCE_DATE_EPOCH), before a
    /// snapshot replaces it with its own date.
    pub data_date: Option<String>,
    /// Who publishes the portal: the footer's sponsor, else the issuer of
    /// the source document (a snapshot's bag names it).
    pub publisher: crate::model::Text,
}

impl Built {
    pub fn print_warnings(&self) {
        for w in crate::diagnostics::render_all(&self.warnings) {
            eprintln!("{w}");
        }
    }

    /// The `--timings` line.
    pub fn timings_line(&self, more: &[(&'static str, std::time::Duration)]) -> String {
        let parts: Vec<String> = self
            .timings
            .iter()
            .chain(more)
            .map(|(k, d)| format!("{k} {:.0} ms", d.as_secs_f64() * 1000.0))
            .collect();
        format!("timings: {}", parts.join(", "))
    }
}

/// Build the site, handing every file to `sink` as soon as it is ready and
/// checking internal links; nothing holds the whole site in memory. On
/// error the sink may have received part of the site: `write::Staging`
/// keeps that away from the output. Only what changed since the build the
/// sink's output holds is made again (see `publish`); the rest is kept.
pub fn build(inputs: &Inputs, sink: &dyn Sink) -> Result<Built, BuildError> {
    build_pass(inputs, sink, None)
}

/// A build that, given `only` (`serve`'s first pass, into a
/// `write::Patch`), makes only the pages that make those files and whose
/// inputs changed, nothing else, and lets broken links pass; it leaves no
/// manifest, and the next build makes the rest.
pub fn build_pass(
    inputs: &Inputs,
    sink: &dyn Sink,
    only: Option<&BTreeSet<String>>,
) -> Result<Built, BuildError> {
    let mut laps = Laps::start();
    let (raw, theme, theme_hashes) = load(inputs);
    laps.lap("load");
    let (site, warnings, theme) = validate(inputs, raw, theme)?;
    laps.lap("validate");
    let data_date = site.config.build_date.clone();
    let site = as_of(site, inputs.snapshot.as_ref());
    let progress = Progress::of(&site);
    let archives = archives(inputs)?;
    let mode = mode(inputs, &site, &archives);
    laps.lap("archives");
    let base_url = site_url(inputs, &site);
    let memory = Memory::of(inputs, sink, &site, &theme_hashes, &mode, &base_url);
    let previous = memory.previous(only);
    laps.lap("hash");
    let out = Output::new(sink, &base_path(&base_url), inputs.snapshot.is_some())
        .expecting(previous.manifest.map_or(0, |m| m.pages.len()));
    let out = if only.is_some() { out.lenient() } else { out };
    let page_inputs = PageInputs {
        site: &site,
        progress: &progress,
        theme: &theme,
        base_url: &base_url,
        mode: &mode,
    };
    let records = SearchRecords::open(inputs, sink, only);
    let pages = outputs::pages(&page_inputs, &out, previous, &records.records, &mut laps)?;
    laps.lap("pages");
    if only.is_some() {
        records.stamp_first_pass(inputs, &out)?;
    }
    if only.is_none() {
        // A first pass makes the open pages alone; the whole pass after it
        // checks the pages duties.yaml names against every page.
        duty_pages(inputs, &site, &pages.paths)?;
    }
    let fresh = |name, fingerprint, make: &dyn Fn() -> Result<Vec<String>, BuildError>| {
        outputs::unless_kept(&previous, &out, name, fingerprint, make)
    };
    // The site's files and open data, and the search index, read the same
    // site and write files of their own: each runs on its own core (each is
    // mostly one thread's work), and each is timed on its own.
    let ((data, data_time), (index, index_time)) = rayon::join(
        || {
            timed(|| {
                fresh("site", InputHashes::ALWAYS, &|| {
                    outputs::site_files(inputs, &site, &theme, &out)
                })?;
                fresh("data", memory.hashes.content(), &|| {
                    Ok(outputs::open_data(inputs, &site, &progress, &out)?)
                })
            })
        },
        || timed(|| records.index(inputs, sink, &page_inputs, &previous, &out, &pages)),
    );
    laps.side_by_side(&[("open data", data_time), ("search index", index_time)]);
    data?;
    index?;
    fresh("archives", InputHashes::ALWAYS, &|| {
        let archived = outputs::archive_copies(inputs, &archives, &out)?;
        let crawled = pages.paths.iter().chain(&archived).cloned();
        fresh("crawler", InputHashes::ALWAYS, &|| {
            Ok(outputs::crawler_files(crawled.clone(), &base_url, &out)?)
        })?;
        Ok(archived)
    })?;
    let sent = out.finish()?;
    laps.lap("link check");
    memory.save(inputs, sink, only);
    Ok(Built::of(laps, sent, &pages, warnings, &site, data_date))
}

/// `f`'s result and how long it took.
fn timed<T>(f: impl FnOnce() -> T) -> (T, std::time::Duration) {
    let start = std::time::Instant::now();
    let r = f();
    (r, start.elapsed())
}

impl Built {
    fn of(
        laps: Laps,
        sent: output::Sent,
        pages: &outputs::Pages,
        warnings: Vec<Diagnostic>,
        site: &Site,
        data_date: Option<String>,
    ) -> Built {
        Built {
            timings: laps.timings,
            files: sent.files,
            pages: sent.pages,
            made: pages.made,
            kept: pages.kept,
            unchanged: pages.unchanged,
            warnings,
            tasks: site.plan.tasks.len(),
            updates: site.updates.len(),
            commit: site.config.commit.clone(),
            data_date,
            publisher: site
                .config
                .footer
                .sponsor
                .clone()
                .unwrap_or_else(|| site.document.issuer.clone()),
        }
    }
}

/// The pages `duties.yaml` names are pages the build made, each checked
/// where it was written. Only a whole live build makes every page (a
/// snapshot has no archive index, `--no-data` no open-data page).
fn duty_pages(inputs: &Inputs, site: &Site, made: &[String]) -> Result<(), Failed> {
    let f = inputs.features;
    if inputs.snapshot.is_some() || !(f.data && f.search && f.feeds) {
        return Ok(());
    }
    let missing =
        crate::validate::duties::missing_pages(&site.duties, made.iter().map(String::as_str));
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Failed(missing))
    }
}

/// Stage 1: the content and the theme, as read; the theme's templates
/// compiled (a template error is the theme's own diagnostic).
type Loaded = ((RawSite, Diagnostics), cache::Compiled, ThemeHashes);

fn load(inputs: &Inputs) -> Loaded {
    let content = crate::load::load(&inputs.content);
    let (raw_theme, mut errs): (RawTheme, Vec<Diagnostic>) =
        crate::load::theme::load(inputs.theme.as_deref());
    let theme_hashes = ThemeHashes::of(&raw_theme);
    let theme = match cache::theme(raw_theme) {
        Ok(t) if errs.is_empty() => Ok(t),
        Ok(_) => Err(errs),
        Err(mut e) => {
            errs.append(&mut e);
            Err(errs)
        }
    };
    (content, theme, theme_hashes)
}

/// Stage 2: the content checked against itself and dated, with the theme's
/// problems reported beside the content's, all at once.
fn validate(
    inputs: &Inputs,
    (raw, mut diags): (RawSite, Diagnostics),
    theme: cache::Compiled,
) -> Result<(Site, Vec<Diagnostic>, std::sync::Arc<Theme>), Failed> {
    let data_date = data_date(inputs, &raw);
    if inputs.snapshot.is_none() {
        // Without any date, still no update may be dated after today.
        let bound = data_date.clone().unwrap_or_else(|| DataDate {
            date: inputs.surroundings.today.clone(),
            source: DateSource::Today,
        });
        crate::validate::updates::none_after(&raw.updates, &bound, &mut diags);
    }
    match (crate::validate::validate(raw, diags), theme) {
        (Ok((mut site, warnings)), Ok(theme)) => {
            site.config.build_date = data_date.map(|d| d.date);
            site.config.commit = inputs.surroundings.commit.clone();
            site.history = inputs.surroundings.history.clone();
            Ok((site, warnings, theme))
        }
        (site, theme) => {
            let mut d = Diagnostics::default();
            if let Err(e) = site {
                d.extend(e.into_sorted());
            }
            if let Err(e) = theme {
                d.extend(e);
            }
            Err(d.into())
        }
    }
}

/// The date the data is as of. SOURCE_DATE_EPOCH overrides `build_date` in
/// config.yaml, so CI can stamp a build without editing content; without
/// either, today if the inputs say so (`serve`).
fn data_date(inputs: &Inputs, raw: &RawSite) -> Option<DataDate> {
    let configured = inputs.surroundings.source_date.clone().or_else(|| {
        let date = raw.config.as_ref()?.build_date.as_ref()?;
        Some(date.value.clone())
    });
    match configured {
        Some(date) => Some(DataDate {
            date,
            source: DateSource::Configured,
        }),
        None => inputs.undated_is_today.then(|| DataDate {
            date: inputs.surroundings.today.clone(),
            source: DateSource::Today,
        }),
    }
}

/// Stage 3: a snapshot shows the portal as of its date: later updates,
/// values and publications are left out, and status and overdue are
/// computed then. The live site is the site as validated.
fn as_of(mut site: Site, snapshot: Option<&(u32, String)>) -> Site {
    if let Some((_, as_of)) = snapshot {
        site.updates.retain(|u| u.date <= *as_of);
        let year: u32 = as_of[..4].parse().unwrap_or(0);
        site.indicator_values.retain(|v| v.year <= year);
        site.publications.retain(|p| p.published <= *as_of);
        site.history = std::sync::Arc::new(site.history.as_of(as_of));
        site.config.build_date = Some(as_of.clone());
    }
    site
}

/// The yearly archives the live site carries, each checked against its
/// manifest (a snapshot carries none).
fn archives(inputs: &Inputs) -> Result<Vec<crate::archive::Archive>, Failed> {
    match &inputs.snapshot {
        Some(_) => Ok(Vec::new()),
        None => crate::archive::load(&inputs.archive).map_err(Failed),
    }
}

/// What the views need to know besides the site: live or snapshot, which
/// outputs, and the archives to link.
fn mode(inputs: &Inputs, site: &Site, archives: &[crate::archive::Archive]) -> Mode {
    Mode {
        // Unreadable, the page is empty and `outputs::site_files` reports why.
        source_text: std::fs::read_to_string(inputs.seeds.join(&site.document.seed))
            .unwrap_or_default(),
        features: inputs.features,
        snapshot: inputs.snapshot.clone(),
        archives: archives
            .iter()
            .map(|a| ArchiveSummary {
                year: a.info.year,
                as_of: a.info.as_of.clone(),
                tasks: a.info.tasks,
                updates: a.info.updates,
                pages: a.info.pages,
                manifest_hash: a.manifest_hash.clone(),
                paths: a.files.iter().map(|(p, _)| p.clone()).collect(),
            })
            .collect(),
    }
}

/// The site's address, ending in `/`: the command line's, else config.yaml's,
/// else `/` (a site that works from any folder).
fn site_url(inputs: &Inputs, site: &Site) -> String {
    let url = inputs
        .base_url
        .as_deref()
        .or(site.config.base_url.as_deref());
    url.map_or_else(|| "/".to_string(), with_slash)
}

/// `url` ending in `/`, as every address joined to a page path must.
pub fn with_slash(url: &str) -> String {
    if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    }
}

/// The path part of a base URL ("https://x.gov.cn/ghjh/" → "/ghjh/").
pub fn base_path(base_url: &str) -> String {
    let after_scheme = base_url
        .split_once("://")
        .map(|(_, r)| r)
        .unwrap_or(base_url);
    let path = if base_url.contains("://") {
        after_scheme
            .find('/')
            .map(|i| &after_scheme[i..])
            .unwrap_or("/")
    } else {
        after_scheme
    };
    let mut p = path.to_string();
    if !p.starts_with('/') {
        p.insert(0, '/');
    }
    with_slash(&p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths() {
        assert_eq!(base_path("https://example.gov.cn/ghjh/"), "/ghjh/");
        assert_eq!(base_path("https://example.gov.cn"), "/");
        assert_eq!(base_path("/"), "/");
        assert_eq!(base_path("/a"), "/a/");
        assert_eq!(
            with_slash("https://example.gov.cn/ghjh"),
            "https://example.gov.cn/ghjh/"
        );
    }

    fn inputs(source_date: Option<&str>, undated_is_today: bool) -> Inputs {
        Inputs {
            content: "content".into(),
            theme: None,
            seeds: "seeds".into(),
            archive: "archive".into(),
            base_url: None,
            features: Features::default(),
            snapshot: None,
            undated_is_today,
            surroundings: Surroundings {
                commit: None,
                source_date: source_date.map(String::from),
                today: "2024-05-01".into(),
                history: Default::default(),
            },
            search_records: false,
        }
    }

    #[test]
    fn the_data_date_is_source_date_epoch_then_config_then_today_for_serve() {
        let date = |i: &Inputs| data_date(i, &RawSite::default()).map(|d| (d.date, d.source));
        assert_eq!(
            date(&inputs(Some("2023-01-15"), true)),
            Some(("2023-01-15".into(), DateSource::Configured))
        );
        assert_eq!(date(&inputs(None, false)), None);
        assert_eq!(
            date(&inputs(None, true)),
            Some(("2024-05-01".into(), DateSource::Today))
        );
    }
}
