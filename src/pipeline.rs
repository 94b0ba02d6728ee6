//! The one path every command takes: load → validate → derive views →
//! render (→ write, for `build` and `serve`). `check` is this without the
//! writing, so what `check` accepts is exactly what `build` publishes.

use crate::cli::SiteArgs;
use crate::diagnostics::{Diagnostic, Diagnostics, Failed};
use crate::render::{self, theme::Theme, OutFile};
use crate::validate::updates::{DataDate, DateSource};
use crate::views::PageView;
use crate::write::Sink;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Where the inputs are, resolved from the arguments.
pub struct Inputs {
    pub content: PathBuf,
    pub theme: Option<PathBuf>,
    pub base_url: Option<String>,
    /// The data date (YYYY-MM-DD) used when neither config nor
    /// SOURCE_DATE_EPOCH gives one (`serve` passes today).
    pub default_build_date: Option<String>,
    /// Build a frozen snapshot as of this (year, YYYY-MM-DD) instead of the live site.
    pub snapshot: Option<(u32, String)>,
    /// The folder of yearly archives (default: `archive/` beside the content).
    pub archive: PathBuf,
    /// Search index, feeds and open data (all on unless switched off).
    pub features: crate::views::Features,
}

impl Inputs {
    pub fn from_args(a: &SiteArgs) -> Inputs {
        let content = a.content.clone().unwrap_or_else(|| {
            let local = PathBuf::from("content");
            if local.join("plan").is_dir() {
                local
            } else {
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content")
            }
        });
        let theme = a.theme.clone().or_else(|| {
            let beside = content
                .parent()
                .map(|p| p.join("themes/default"))
                .filter(|p| p.is_dir());
            beside
        });
        let archive = content
            .parent()
            .map(|p| p.join("archive"))
            .unwrap_or_else(|| PathBuf::from("archive"));
        Inputs {
            content,
            theme,
            base_url: a.base_url.clone(),
            default_build_date: None,
            snapshot: None,
            archive,
            features: crate::views::Features::default(),
        }
    }

    /// The folder of source documents (`seeds/` beside the content).
    pub fn seeds(&self) -> PathBuf {
        self.content.parent().unwrap_or(&self.content).join("seeds")
    }

    /// The folders an output folder must keep clear of.
    pub fn protected(&self) -> crate::write::Protected {
        crate::write::Protected {
            content: Some(self.content.clone()),
            theme: self.theme.clone(),
            seeds: Some(self.seeds()),
            archive: Some(self.archive.clone()),
        }
    }
}

/// The git commit the content is at (GONGKAI_COMMIT overrides), so readers
/// know which version of the data a page shows. Same commit, same output.
fn commit_of(content: &std::path::Path) -> Option<String> {
    if let Ok(c) = std::env::var("GONGKAI_COMMIT") {
        return Some(c).filter(|c| !c.is_empty());
    }
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(content)
        .args(["rev-parse", "--short=12", "HEAD"])
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
        .filter(|c| !c.is_empty())
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
    if !p.ends_with('/') {
        p.push('/');
    }
    p
}

/// The date the data is as of. SOURCE_DATE_EPOCH (reproducible-builds
/// convention) overrides `build_date` in config.yaml, so CI can stamp a
/// build without editing content; without either, the default (`serve`
/// passes today).
fn data_date(inputs: &Inputs, raw: &crate::load::RawSite) -> Option<DataDate> {
    let configured = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| crate::dates::date_of_epoch(&s))
        .or_else(|| {
            raw.config
                .as_ref()?
                .build_date
                .as_ref()
                .map(|b| b.value.clone())
        });
    match configured {
        Some(date) => Some(DataDate {
            date,
            source: DateSource::Configured,
        }),
        None => inputs.default_build_date.clone().map(|date| DataDate {
            date,
            source: DateSource::Today,
        }),
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
        for w in &self.warnings {
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

/// Wall time per stage.
struct Laps {
    timings: Vec<(&'static str, Duration)>,
    clock: Instant,
}

impl Laps {
    fn lap(&mut self, stage: &'static str) {
        self.timings.push((stage, self.clock.elapsed()));
        self.clock = Instant::now();
    }
}

/// Sums the time parallel stages spend, over all threads.
#[derive(Default)]
struct Clock(AtomicU64);

impl Clock {
    fn time<T>(&self, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let r = f();
        self.0
            .fetch_add(start.elapsed().as_nanos() as u64, Ordering::Relaxed);
        r
    }
    fn total(&self) -> Duration {
        Duration::from_nanos(self.0.load(Ordering::Relaxed))
    }
}

/// Build the site, handing every file to `sink` as soon as it is ready and
/// checking internal links; nothing holds the whole site in memory. On
/// error the sink may have received part of the site: `write::Staging`
/// keeps that away from the output.
pub fn build(inputs: &Inputs, sink: &dyn Sink) -> Result<Built, Failed> {
    let mut laps = Laps {
        timings: Vec::new(),
        clock: Instant::now(),
    };
    let (raw, mut diags) = crate::load::load(&inputs.content);
    let theme = Theme::load(inputs.theme.as_deref());
    laps.lap("load");
    let data_date = data_date(inputs, &raw);
    if inputs.snapshot.is_none() {
        // Without any date, still no update may be dated after today.
        let bound = data_date.clone().unwrap_or_else(|| DataDate {
            date: crate::dates::today(),
            source: DateSource::Today,
        });
        crate::validate::updates::none_after(&raw.updates, &bound, &mut diags);
    }
    let site = crate::validate::validate(raw, diags);
    laps.lap("validate");
    let ((mut site, warnings), theme) = match (site, theme) {
        (Ok(s), Ok(t)) => (s, t),
        (s, t) => {
            let mut d = Diagnostics::default();
            if let Err(e) = s {
                d.extend(e.into_sorted());
            }
            if let Err(e) = t {
                d.extend(e);
            }
            return Err(d.into());
        }
    };
    site.config.build_date = data_date.map(|d| d.date);
    site.config.commit = commit_of(&inputs.content);
    let data_date = site.config.build_date.clone();
    // A snapshot shows the portal as of its date: later updates, values and
    // publications are left out, and status and overdue are computed then.
    if let Some((_, as_of)) = &inputs.snapshot {
        site.updates.retain(|u| u.date <= *as_of);
        let year: u32 = as_of[..4].parse().unwrap_or(0);
        site.indicator_values.retain(|v| v.year <= year);
        site.publications.retain(|p| p.published <= *as_of);
        site.config.build_date = Some(as_of.clone());
    }
    let archives = match &inputs.snapshot {
        Some(_) => Vec::new(),
        None => crate::archive::load(&inputs.archive).map_err(Failed)?,
    };
    let base_url = inputs
        .base_url
        .clone()
        .or_else(|| site.config.base_url.clone())
        .unwrap_or_else(|| "/".into());
    let base_url = if base_url.ends_with('/') {
        base_url
    } else {
        format!("{base_url}/")
    };
    let mode = crate::views::Mode {
        features: inputs.features,
        snapshot: inputs.snapshot.clone(),
        archives: archives
            .iter()
            .map(|a| crate::views::ArchiveSummary {
                year: a.info.year,
                as_of: a.info.as_of.clone(),
                tasks: a.info.tasks,
                updates: a.info.updates,
                pages: a.info.pages,
                manifest_hash: a.manifest_hash.clone(),
                paths: a.files.iter().map(|(p, _)| p.clone()).collect(),
            })
            .collect(),
    };
    laps.lap("archives");

    // Every file goes through `put`: to the sink, and past the link check.
    let snapshot = inputs.snapshot.is_some();
    let base_path = base_path(&base_url);
    let links = render::LinkCheck::new(&base_path, snapshot);
    let paths: Mutex<Vec<String>> = Mutex::default();
    let errors: Mutex<Vec<Diagnostic>> = Mutex::default();
    let (render_clock, minify_clock) = (Clock::default(), Clock::default());
    let put = |path: &str, bytes: &[u8]| {
        links.file(path, bytes);
        lock(&paths).push(path.to_string());
        if let Err(e) = sink.put(path, bytes) {
            lock(&errors).push(Diagnostic::file(path, format!("{e:#}")));
        }
    };
    // The search index reads the pages it indexes once they are all rendered.
    let keep_for_search = snapshot || inputs.features.search;
    let searchable: Mutex<Vec<OutFile>> = Mutex::default();
    let emit = |p: PageView| {
        let html = render_clock.time(|| render::render_html(&theme, &p, &base_path, snapshot));
        let html = match html {
            Ok(html) => html,
            Err(d) => return lock(&errors).push(d),
        };
        // Links and search read the page before minifying (the same links
        // and text), so a page the sink already has need not be minified.
        let path = render::file_for(&p.path);
        links.file(&path, html.as_bytes());
        lock(&paths).push(path.clone());
        let source = render::source_hash(&html);
        if !sink.reuse(&path, source) {
            let bytes = minify_clock.time(|| render::finish(&p, &html));
            if let Err(e) = sink.put_made(&path, &bytes, source) {
                lock(&errors).push(Diagnostic::file(&path, format!("{e:#}")));
            }
        }
        if keep_for_search && render::search::indexable(&path, html.as_bytes()) {
            lock(&searchable).push(OutFile {
                path,
                bytes: html.into_bytes(),
            });
        }
    };
    let progress = crate::progress::Progress::of(&site);
    let derived = crate::views::pages(&site, &progress, &theme.strings, &base_url, &mode, &emit);
    let derive_time = derived.map_err(|keys| {
        let file = theme.strings_path();
        Failed(
            keys.into_iter()
                .map(|k| Diagnostic::file(&file, format!("interface string `{k}` is missing")))
                .collect(),
        )
    })?;
    laps.timings.push(("derive", derive_time));
    laps.timings.push(("render", render_clock.total()));
    laps.timings.push(("minify", minify_clock.total()));
    laps.lap("pages");
    let render_errors = std::mem::take(&mut *lock(&errors));
    if !render_errors.is_empty() {
        return Err(Failed(render_errors));
    }

    for (path, bytes) in &theme.statics {
        put(path, bytes);
    }
    for f in &site.files {
        let path = inputs.content.join("files").join(f);
        let bytes = std::fs::read(&path)
            .map_err(|e| Failed(vec![Diagnostic::file(&path, format!("cannot read: {e}"))]))?;
        put(&format!("files/{f}"), &bytes);
    }
    let seed = inputs.seeds().join(&site.document.seed);
    match std::fs::read(&seed) {
        Ok(bytes) => put(&format!("source/{}", site.document.seed), &bytes),
        Err(e) => {
            let d = Diagnostic::file(
                &seed,
                format!("cannot read the source document that the plan page links to: {e}"),
            )
            .with_help("keep the seed text in seeds/ beside the content folder");
            return Err(Failed(vec![d]));
        }
    }
    for lang in crate::model::Lang::ALL
        .into_iter()
        .filter(|_| inputs.features.data)
    {
        let data = render::data::files(&site, &progress, lang).map_err(|e| {
            Failed(vec![Diagnostic::file(
                &inputs.content,
                format!("open data: {e:#}"),
            )])
        })?;
        for f in data {
            put(&f.path, &f.bytes);
        }
    }
    laps.lap("open data");
    let mut searchable = searchable.into_inner().unwrap_or_else(|e| e.into_inner());
    // Pages arrive in no fixed order; the index must not depend on it.
    searchable.sort_by(|a, b| a.path.cmp(&b.path));
    let index = if snapshot {
        // Offline (file://) has no fetch: the snapshot carries a script index.
        render::search::offline_index(&searchable)
    } else if inputs.features.search {
        render::search::index(&searchable)
            .map_err(|e| Failed(vec![Diagnostic::file(&inputs.content, format!("{e:#}"))]))?
    } else {
        Vec::new()
    };
    drop(searchable);
    for f in index {
        put(&f.path, &f.bytes);
    }
    laps.lap("search index");
    if !snapshot {
        for f in crate::archive::out_files(&archives) {
            put(&f.path, &f.bytes);
        }
    }
    // The sitemap lists every file put so far; its own files follow.
    let mut listed = std::mem::take(&mut *lock(&paths));
    listed.sort();
    for f in render::crawler_files(&listed, &base_url) {
        put(&f.path, &f.bytes);
    }
    listed.extend(paths.into_inner().unwrap_or_else(|e| e.into_inner()));
    let mut errors = errors.into_inner().unwrap_or_else(|e| e.into_inner());
    errors.extend(links.finish());
    if !errors.is_empty() {
        return Err(Failed(errors));
    }
    laps.lap("link check");
    Ok(Built {
        timings: laps.timings,
        files: listed.len(),
        pages: listed.iter().filter(|p| p.ends_with(".html")).count(),
        warnings,
        tasks: site.tasks.len(),
        updates: site.updates.len(),
        commit: site.config.commit.clone(),
        data_date,
        publisher: site
            .config
            .footer
            .sponsor
            .clone()
            .unwrap_or_else(|| site.document.issuer.clone()),
    })
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
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
    }
}
