//! The theme made ready to render: Tera templates compiled from the files
//! `load::theme` read, and each language's interface strings as one template
//! value (`t`).

use crate::diagnostics::Diagnostic;
use crate::load::theme::{RawStrings, RawTheme};
use crate::model::Lang;
use std::collections::BTreeMap;
use std::path::PathBuf;

pub struct Theme {
    tera: tera::Tera,
    pub strings: RawStrings,
    /// Static files: output path under `static/` → bytes.
    pub statics: Vec<(String, Vec<u8>)>,
    /// Where its files are, for diagnostics.
    source: Source,
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

/// What diagnostics need of the theme as read: where its files are.
struct Source {
    strings: PathBuf,
    templates: PathBuf,
}

impl Theme {
    /// Compile the templates of `raw`; a template Tera rejects is a
    /// diagnostic naming its file.
    pub fn new(raw: RawTheme) -> Result<Theme, Vec<Diagnostic>> {
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        let compiled = tera.add_raw_templates(
            raw.templates
                .iter()
                .map(|t| (t.name.as_str(), t.text.as_str())),
        );
        if let Err(e) = compiled {
            // Name the template's file so the staff member can open it.
            let msg = tera_error(&e);
            let named = msg
                .split("--> ")
                .nth(1)
                .and_then(|r| r.split(':').next())
                .unwrap_or("");
            let file = raw
                .templates
                .iter()
                .find(|t| t.name == named)
                .map(|t| t.path.clone())
                .unwrap_or_else(|| {
                    raw.dir
                        .as_ref()
                        .map(|d| d.join("templates"))
                        .unwrap_or_default()
                });
            return Err(vec![Diagnostic::file(
                file,
                format!("template error: {msg}"),
            )]);
        }
        let t = raw
            .strings
            .iter()
            .map(|(lang, strings)| (*lang, tera::Value::from_serializable(strings)))
            .collect();
        Ok(Theme {
            tera,
            t,
            source: Source {
                strings: raw.strings_path(),
                templates: raw.templates_dir(),
            },
            strings: raw.strings,
            statics: raw.statics,
        })
    }

    /// Where the interface strings come from (for diagnostics).
    pub fn strings_path(&self) -> PathBuf {
        self.source.strings.clone()
    }

    pub fn template_path(&self, name: &str) -> PathBuf {
        self.source.templates.join(name)
    }

    /// Render `template` with `ctx` (a map) and the interface strings of
    /// `lang` as `t`.
    pub fn render(&self, template: &str, ctx: &tera::Value, lang: Lang) -> Result<String, String> {
        let mut ctx = tera::Context::from_serialize(ctx).map_err(|e| tera_error(&e))?;
        if let Some(t) = self.t.get(&lang) {
            ctx.insert_value("t", t.clone());
        }
        self.tera.render(template, &ctx).map_err(|e| tera_error(&e))
    }
}
