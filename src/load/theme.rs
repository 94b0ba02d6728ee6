//! The theme from disk: templates, static files and interface strings
//! (`i18n.yaml`). The default theme is built into the binary; a theme folder
//! (default `themes/default` beside the content) replaces it file by file, so
//! a site can override one template and keep the rest. This reads and
//! decodes; `render::theme` makes Tera templates of what it read.

use crate::diagnostics::Diagnostic;
use crate::model::Lang;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/", $name)))),*]
    };
}

/// The default theme's files, compiled in.
const EMBEDDED: &[(&str, &str)] = embedded!(
    "templates/base.html",
    "templates/home.html",
    "templates/plan.html",
    "templates/chapter.html",
    "templates/tasks.html",
    "templates/task.html",
    "templates/indicators.html",
    "templates/indicator.html",
    "templates/projects.html",
    "templates/project.html",
    "templates/key_task_years.html",
    "templates/key_tasks.html",
    "templates/key_task.html",
    "templates/agencies.html",
    "templates/agency.html",
    "templates/rivers.html",
    "templates/river.html",
    "templates/errata.html",
    "templates/glossary.html",
    "templates/status.html",
    "templates/progress.html",
    "templates/update.html",
    "templates/rollup.html",
    "templates/updates.html",
    "templates/overdue.html",
    "templates/water.html",
    "templates/search.html",
    "templates/data.html",
    "templates/archive.html",
    "static/search.js",
    "static/filters.js",
    "static/elder.js",
    "static/elder.css",
    "templates/feed.xml",
    "templates/page.html",
    "templates/404.html",
    "templates/corrections.html",
    "templates/written_as.html",
    "templates/feedback.html",
    "templates/duties.html",
    "templates/agency_list.html",
    "templates/source.html",
    "templates/provenance.html",
    "static/style.css",
    "static/favicon.svg",
    "templates/history.html",
    "templates/changes.html",
    "templates/reports.html",
    "templates/report.html",
    "static/print.css",
    "i18n.yaml",
);

/// Where the embedded files are said to be, in diagnostics.
const EMBEDDED_DIR: &str = "themes/default";

/// A template, decoded.
pub struct RawTemplate {
    /// Its name in Tera: the path under `templates/` (`base.html`).
    pub name: String,
    /// Where it was read from (for diagnostics).
    pub path: PathBuf,
    pub text: String,
}

/// The interface strings of each language: key → text.
pub type RawStrings = BTreeMap<Lang, BTreeMap<String, String>>;

/// The theme as read: every file of the folder, else the embedded one.
pub struct RawTheme {
    /// The theme folder, if one was given and is a folder.
    pub dir: Option<PathBuf>,
    /// In name order.
    pub templates: Vec<RawTemplate>,
    /// Output path (`static/…`) → bytes, in path order.
    pub statics: Vec<(String, Vec<u8>)>,
    pub strings: RawStrings,
}

/// One file of the theme: where it came from and its bytes.
struct ThemeFile {
    path: PathBuf,
    bytes: Cow<'static, [u8]>,
}

/// Read the theme: files from `dir` where present, the embedded ones
/// otherwise. Every file that cannot be read or decoded is a diagnostic;
/// the rest is read anyway, so all problems are reported together.
pub fn load(dir: Option<&Path>) -> (RawTheme, Vec<Diagnostic>) {
    let mut files: BTreeMap<String, ThemeFile> = EMBEDDED
        .iter()
        .map(|(name, text)| {
            let file = ThemeFile {
                path: Path::new(EMBEDDED_DIR).join(name),
                bytes: Cow::Borrowed(text.as_bytes()),
            };
            (name.to_string(), file)
        })
        .collect();
    let mut errs = Vec::new();
    let dir = dir.filter(|d| d.is_dir());
    if let Some(dir) = dir {
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let Ok(entry) = entry else { continue };
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let name = rel.to_string_lossy().replace('\\', "/");
            match std::fs::read(entry.path()) {
                Ok(bytes) => {
                    let path = entry.path().to_path_buf();
                    let bytes = Cow::Owned(bytes);
                    files.insert(name, ThemeFile { path, bytes });
                }
                Err(e) => errs.push(Diagnostic::file(entry.path(), format!("cannot read: {e}"))),
            }
        }
    }
    let mut templates = Vec::new();
    for (name, file) in &files {
        if let Some(t) = name.strip_prefix("templates/") {
            match std::str::from_utf8(&file.bytes) {
                Ok(text) => templates.push(RawTemplate {
                    name: t.to_string(),
                    path: file.path.clone(),
                    text: text.to_string(),
                }),
                Err(_) => errs.push(Diagnostic::file(&file.path, "template is not UTF-8")),
            }
        }
    }
    let strings = match files.get("i18n.yaml") {
        Some(file) => parse_strings(&file.path, &file.bytes).unwrap_or_else(|mut d| {
            errs.append(&mut d);
            BTreeMap::new()
        }),
        None => BTreeMap::new(),
    };
    let statics = files
        .iter()
        .filter_map(|(n, f)| {
            n.strip_prefix("static/")
                .map(|s| (format!("static/{s}"), f.bytes.to_vec()))
        })
        .collect();
    let theme = RawTheme {
        dir: dir.map(Path::to_path_buf),
        templates,
        statics,
        strings,
    };
    (theme, errs)
}

impl RawTheme {
    /// Where the interface strings come from (for diagnostics).
    pub fn strings_path(&self) -> PathBuf {
        self.dir
            .as_ref()
            .map(|d| d.join("i18n.yaml"))
            .filter(|p| p.exists())
            .unwrap_or_else(|| Path::new(EMBEDDED_DIR).join("i18n.yaml"))
    }

    /// Where the templates are said to be (for diagnostics).
    pub fn templates_dir(&self) -> PathBuf {
        let base = self.dir.as_deref().unwrap_or(Path::new(EMBEDDED_DIR));
        base.join("templates")
    }
}

/// `key: {zh: …, en: …}` for every interface string; a key lacking a language fails.
fn parse_strings(path: &Path, bytes: &[u8]) -> Result<RawStrings, Vec<Diagnostic>> {
    let text = String::from_utf8_lossy(bytes);
    let raw: BTreeMap<String, super::yaml::Spanned<super::raw::Text>> =
        super::yaml::parse(path, &text).map_err(|d| vec![d])?;
    let mut zh = BTreeMap::new();
    let mut en = BTreeMap::new();
    let mut errs = Vec::new();
    for (k, v) in raw {
        match v.value.en.clone() {
            Some(e) => {
                en.insert(k.clone(), e);
            }
            None => {
                let (l, c) = super::yaml::line_col(&v);
                errs.push(Diagnostic::new(
                    path,
                    l,
                    c,
                    format!("interface string `{k}` has no English"),
                ));
            }
        }
        zh.insert(k, v.value.zh);
    }
    if errs.is_empty() {
        Ok(BTreeMap::from([(Lang::Zh, zh), (Lang::En, en)]))
    } else {
        Err(errs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_theme_folder_replaces_the_default_file_by_file() {
        let dir = crate::env::scratch_dir("theme");
        std::fs::create_dir(dir.join("templates")).unwrap();
        std::fs::write(dir.join("templates/404.html"), "mine").unwrap();
        std::fs::write(dir.join("templates/bad.html"), b"\xff").unwrap();
        let (theme, errs) = load(Some(&dir));
        let t404 = theme
            .templates
            .iter()
            .find(|t| t.name == "404.html")
            .unwrap();
        assert_eq!(
            (t404.text.as_str(), t404.path.clone()),
            ("mine", dir.join("templates/404.html"))
        );
        let base = theme
            .templates
            .iter()
            .find(|t| t.name == "base.html")
            .unwrap();
        assert_eq!(base.path, Path::new("themes/default/templates/base.html"));
        assert_eq!(errs.len(), 1);
        assert_eq!(
            errs[0].to_string(),
            format!(
                "{}: error: template is not UTF-8",
                dir.join("templates/bad.html").display()
            )
        );
        assert!(theme.statics.iter().any(|(p, _)| p == "static/style.css"));
        assert!(theme.strings[&Lang::En].contains_key("data"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_interface_string_without_english_is_an_error() {
        let errs = parse_strings(
            Path::new("i18n.yaml"),
            "a: {zh: 甲, en: A}\nb: {zh: 乙}\n".as_bytes(),
        )
        .unwrap_err();
        assert_eq!(
            errs.iter().map(|d| d.headline()).collect::<Vec<_>>(),
            ["i18n.yaml:2:4: error: interface string `b` has no English"]
        );
    }
}
