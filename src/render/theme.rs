//! The theme: Tera templates, interface strings (`i18n.yaml`) and static
//! files. The default theme is built into the binary; a theme folder on disk
//! (default `themes/default` beside the content) replaces it file by file, so
//! a site can override one template and keep the rest.

use crate::diagnostics::Diagnostic;
use crate::model::Lang;
use crate::views::Strings;
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
    "templates/agency_list.html",
    "static/style.css",
    "static/favicon.svg",
    "i18n.yaml",
);

pub struct Theme {
    tera: tera::Tera,
    pub strings: BTreeMap<Lang, Strings>,
    /// Static files: output path under `static/` → bytes.
    pub statics: Vec<(String, Vec<u8>)>,
    dir: Option<PathBuf>,
    /// Each language's strings as one template value (`t` in every
    /// template), converted once: a template value shares its map, so
    /// giving it to every page costs nothing.
    t: BTreeMap<Lang, tera::Value>,
}

fn tera_error(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        let m = s.to_string();
        if !msg.contains(&m) {
            msg.push_str(": ");
            msg.push_str(&m);
        }
        src = s.source();
    }
    msg
}

impl Theme {
    /// Load the theme: files from `dir` where present, the embedded ones otherwise.
    pub fn load(dir: Option<&Path>) -> Result<Theme, Vec<Diagnostic>> {
        let mut files: BTreeMap<String, (PathBuf, Vec<u8>)> = EMBEDDED
            .iter()
            .map(|(n, c)| {
                (
                    n.to_string(),
                    (
                        PathBuf::from("themes/default").join(n),
                        c.as_bytes().to_vec(),
                    ),
                )
            })
            .collect();
        let mut errs = Vec::new();
        if let Some(dir) = dir.filter(|d| d.is_dir()) {
            for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
                let Ok(entry) = entry else { continue };
                if !entry.file_type().is_file() {
                    continue;
                }
                let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
                let name = rel.to_string_lossy().replace('\\', "/");
                match std::fs::read(entry.path()) {
                    Ok(bytes) => {
                        files.insert(name, (entry.path().to_path_buf(), bytes));
                    }
                    Err(e) => {
                        errs.push(Diagnostic::file(entry.path(), format!("cannot read: {e}")))
                    }
                }
            }
        }
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        let mut templates = Vec::new();
        for (name, (path, bytes)) in &files {
            if let Some(t) = name.strip_prefix("templates/") {
                match String::from_utf8(bytes.clone()) {
                    Ok(s) => templates.push((t.to_string(), s)),
                    Err(_) => errs.push(Diagnostic::file(path, "template is not UTF-8")),
                }
            }
        }
        if let Err(e) =
            tera.add_raw_templates(templates.iter().map(|(n, s)| (n.as_str(), s.as_str())))
        {
            // Name the template's file so the staff member can open it.
            let msg = tera_error(&e);
            let named = msg
                .split("--> ")
                .nth(1)
                .and_then(|r| r.split(':').next())
                .unwrap_or("");
            let file = templates
                .iter()
                .find(|(n, _)| n == named)
                .and_then(|(n, _)| files.get(&format!("templates/{n}")).map(|(p, _)| p.clone()))
                .unwrap_or_else(|| dir.map(|d| d.join("templates")).unwrap_or_default());
            errs.push(Diagnostic::file(file, format!("template error: {msg}")));
        }
        let strings = match files.get("i18n.yaml") {
            Some((path, bytes)) => match parse_strings(path, bytes) {
                Ok(s) => s,
                Err(mut d) => {
                    errs.append(&mut d);
                    BTreeMap::new()
                }
            },
            None => BTreeMap::new(),
        };
        let statics = files
            .iter()
            .filter_map(|(n, (_, b))| {
                n.strip_prefix("static/")
                    .map(|s| (format!("static/{s}"), b.clone()))
            })
            .collect();
        let t = strings
            .iter()
            .map(|(lang, strings)| (*lang, tera::Value::from_serializable(strings)))
            .collect();
        if errs.is_empty() {
            Ok(Theme {
                tera,
                t,
                strings,
                statics,
                dir: dir.map(Path::to_path_buf),
            })
        } else {
            Err(errs)
        }
    }

    /// Where the interface strings come from (for diagnostics).
    pub fn strings_path(&self) -> PathBuf {
        self.dir
            .as_ref()
            .map(|d| d.join("i18n.yaml"))
            .filter(|p| p.exists())
            .unwrap_or_else(|| PathBuf::from("themes/default/i18n.yaml"))
    }

    pub fn template_path(&self, name: &str) -> PathBuf {
        let base = self
            .dir
            .clone()
            .unwrap_or_else(|| PathBuf::from("themes/default"));
        base.join("templates").join(name)
    }

    /// Render `template` with `ctx` (a JSON object) and the interface
    /// strings of `lang` as `t`.
    pub fn render(
        &self,
        template: &str,
        ctx: &serde_json::Value,
        lang: Lang,
    ) -> Result<String, String> {
        let mut ctx = tera::Context::from_serialize(ctx).map_err(|e| tera_error(&e))?;
        if let Some(t) = self.t.get(&lang) {
            ctx.insert_value("t", t.clone());
        }
        self.tera.render(template, &ctx).map_err(|e| tera_error(&e))
    }
}

/// `key: {zh: …, en: …}` for every interface string; a key lacking a language fails.
fn parse_strings(path: &Path, bytes: &[u8]) -> Result<BTreeMap<Lang, Strings>, Vec<Diagnostic>> {
    let text = String::from_utf8_lossy(bytes);
    let raw: BTreeMap<String, crate::load::yaml::Spanned<crate::load::raw::Text>> =
        crate::load::yaml::parse(path, &text).map_err(|d| vec![d])?;
    let mut zh = Strings::new();
    let mut en = Strings::new();
    let mut errs = Vec::new();
    for (k, v) in raw {
        match v.value.en.clone() {
            Some(e) => {
                en.insert(k.clone(), e);
            }
            None => {
                let (l, c) = crate::load::yaml::line_col(&v);
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
