//! The site's settings (`content/config.yaml`): the file must be there, and
//! a `build_date` is a real date. Everything else was checked by its type
//! when it loaded.

use super::refs::at;
use crate::dates::valid_date;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::raw::RawConfig;
use crate::model::*;
use std::path::Path;

/// The checked settings; without a config.yaml, the defaults (and an error
/// unless the file is there but failed to load, which is reported already).
pub fn config(path: &Path, raw: Option<&RawConfig>, d: &mut Diagnostics) -> Config {
    let Some(c) = raw else {
        if !path.exists() {
            d.push(Diagnostic::file(
                path,
                "missing: the site needs a config.yaml (title, base_url)",
            ));
        }
        return Config {
            title: Text::default(),
            description: None,
            base_url: None,
            build_date: None,
            footer: Footer::default(),
            require_english: false,
            commit: None,
        };
    };
    let build_date = c.build_date.as_ref().map(|b| {
        if !valid_date(&b.value) {
            let msg = format!("build_date `{}` is not a date (YYYY-MM-DD)", b.value);
            d.push(at(path, b, msg));
        }
        b.value.clone()
    });
    Config {
        title: c.title.clone(),
        description: c.description.clone(),
        base_url: c.base_url.clone(),
        build_date,
        footer: c.footer.clone().unwrap_or_default(),
        require_english: c.require_english,
        commit: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::parse;
    use crate::validate::messages;

    fn run(text: Option<&str>) -> (Config, Vec<String>) {
        let p = Path::new("no-such-folder/config.yaml");
        let raw: Option<RawConfig> = text.map(|t| parse(p, t).unwrap());
        let mut d = Diagnostics::default();
        let c = config(p, raw.as_ref(), &mut d);
        (c, messages(d))
    }

    #[test]
    fn settings_carry_over_with_a_real_build_date() {
        let (c, d) = run(Some(
            "title: {zh: 规划, en: Plan}\nbuild_date: '2026-12-01'\nrequire_english: true\n",
        ));
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.build_date.as_deref(), Some("2026-12-01"));
        assert!(c.require_english);
        assert_eq!(c.title.en.as_deref(), Some("Plan"));
    }

    #[test]
    fn an_impossible_build_date_or_a_missing_file_is_an_error() {
        let (_, d) = run(Some("title: {zh: 规划}\nbuild_date: '2026-02-30'\n"));
        assert_eq!(
            d,
            ["no-such-folder/config.yaml:2:13: error: build_date `2026-02-30` is not a date (YYYY-MM-DD)"]
        );
        let (c, d) = run(None);
        assert_eq!(c.title, Text::default());
        assert_eq!(
            d,
            ["no-such-folder/config.yaml: error: missing: the site needs a config.yaml (title, base_url)"]
        );
    }
}
