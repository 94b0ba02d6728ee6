//! The one path every command takes: load → validate → derive views →
//! render (→ write, for `build` and `serve`). `check` is this without the
//! writing, so what `check` accepts is exactly what `build` publishes.

use crate::cli::SiteArgs;
use crate::diagnostics::{Diagnostics, Failed};
use crate::render::{self, theme::Theme, OutFile};
use std::path::PathBuf;

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

/// Build the whole site in memory, checking internal links.
/// A successful build: the files and the warnings worth showing.
pub struct Built {
    /// Time spent per stage, in order (see `--timings`).
    pub timings: Vec<(&'static str, std::time::Duration)>,
    pub files: Vec<OutFile>,
    pub warnings: Vec<crate::diagnostics::Diagnostic>,
    /// Counts shown with an archive: tasks, and updates as of the data date.
    pub tasks: usize,
    pub updates: usize,
    pub commit: Option<String>,
}

impl Built {
    pub fn print_warnings(&self) {
        for w in &self.warnings {
            eprintln!("{w}");
        }
    }
}

pub fn build(inputs: &Inputs) -> Result<Built, Failed> {
    let mut timings = Vec::new();
    let mut clock = std::time::Instant::now();
    let mut lap = |stage: &'static str| {
        timings.push((stage, clock.elapsed()));
        clock = std::time::Instant::now();
    };
    let (raw, diags) = crate::load::load(&inputs.content);
    let theme = Theme::load(inputs.theme.as_deref());
    lap("load");
    let site = crate::validate::validate(raw, diags);
    lap("validate");
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
    // SOURCE_DATE_EPOCH (reproducible-builds convention) overrides the
    // configured date, so CI can stamp a build without editing content.
    if let Some(date) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| crate::dates::date_of_epoch(&s))
    {
        site.config.build_date = Some(date);
    }
    if site.config.build_date.is_none() {
        site.config.build_date = inputs.default_build_date.clone();
    }
    site.config.commit = commit_of(&inputs.content);
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
    let views = crate::views::pages(&site, &theme.strings, &base_url, &mode).map_err(|keys| {
        let file = theme.strings_path();
        Failed(
            keys.into_iter()
                .map(|k| {
                    crate::diagnostics::Diagnostic::file(
                        &file,
                        format!("interface string `{k}` is missing"),
                    )
                })
                .collect(),
        )
    })?;
    lap("derive");
    let snapshot = inputs.snapshot.is_some();
    let mut files =
        render::render_pages(&theme, &views, &base_path(&base_url), snapshot).map_err(Failed)?;
    for (path, bytes) in &theme.statics {
        files.push(OutFile {
            path: path.clone(),
            bytes: bytes.clone(),
        });
    }
    for f in &site.files {
        let path = inputs.content.join("files").join(f);
        let bytes = std::fs::read(&path).map_err(|e| {
            Failed(vec![crate::diagnostics::Diagnostic::file(
                &path,
                format!("cannot read: {e}"),
            )])
        })?;
        files.push(OutFile {
            path: format!("files/{f}"),
            bytes,
        });
    }
    let seed = inputs
        .content
        .parent()
        .unwrap_or(&inputs.content)
        .join("seeds")
        .join(&site.document.seed);
    match std::fs::read(&seed) {
        Ok(bytes) => files.push(OutFile {
            path: format!("source/{}", site.document.seed),
            bytes,
        }),
        Err(e) => {
            let d = crate::diagnostics::Diagnostic::file(
                &seed,
                format!("cannot read the source document that the plan page links to: {e}"),
            )
            .with_help("keep the seed text in seeds/ beside the content folder");
            return Err(Failed(vec![d]));
        }
    }
    lap("render+minify");
    for lang in crate::model::Lang::ALL
        .into_iter()
        .filter(|_| inputs.features.data)
    {
        let data = render::data::files(&site, lang).map_err(|e| {
            Failed(vec![crate::diagnostics::Diagnostic::file(
                &inputs.content,
                format!("open data: {e:#}"),
            )])
        })?;
        files.extend(data);
    }
    lap("open data");
    let crawler = render::crawler_files(&files, &base_url);
    files.extend(crawler);
    if snapshot {
        // Offline (file://) has no fetch: the snapshot carries a script index.
        let index = render::search::offline_index(&files);
        files.extend(index);
    } else if inputs.features.search {
        let index = render::search::index(&files).map_err(|e| {
            Failed(vec![crate::diagnostics::Diagnostic::file(
                &inputs.content,
                format!("{e:#}"),
            )])
        })?;
        files.extend(index);
    }
    lap("search index");
    if !snapshot {
        files.extend(crate::archive::out_files(&archives));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let broken = render::check_links(&files, &base_path(&base_url), snapshot);
    if !broken.is_empty() {
        return Err(Failed(broken));
    }
    lap("link check");
    Ok(Built {
        timings,
        files,
        warnings,
        tasks: site.tasks.len(),
        updates: site.updates.len(),
        commit: site.config.commit.clone(),
    })
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
