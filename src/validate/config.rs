//! The site's settings (`content/config.yaml`): the file must be there, and
//! a `build_date` is a real date. Everything else was checked by its type
//! when it loaded.

use super::refs::at;
use crate::dates::valid_date;
use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics};
use crate::load::raw::RawConfig;
use crate::load::yaml::Spanned;
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
            feedback_url: None,
            data_licence: None,
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
        feedback_url: c.feedback_url.as_ref().and_then(|f| {
            let ok = feedback_url(path, f, d);
            ok.then(|| f.value.clone())
        }),
        data_licence: c.data_licence.clone(),
    }
}

/// A `feedback_url` is an http(s) or mailto template whose placeholders
/// are `{id}`, `{title}` and `{url}`: each fault at the value, with the
/// nearest placeholder as a suggestion. True when it is sound.
fn feedback_url(path: &Path, f: &Spanned<String>, d: &mut Diagnostics) -> bool {
    use crate::text::feedback::{parse, Fault, PLACEHOLDERS};
    let faults = parse(&f.value);
    for fault in &faults {
        let diagnostic = match fault {
            Fault::Scheme => at(
                path,
                f,
                format!("feedback_url `{}` is not an http, https or mailto address", f.value),
            )
            .with_help("write https://…, http://… or mailto:…, with {id}, {title} and {url} where the item goes"),
            Fault::Unknown { name, .. } => {
                let known = PLACEHOLDERS.iter().copied();
                at(path, f, format!("feedback_url: unknown placeholder `{{{name}}}`"))
                    .with_help(did_you_mean(name, known).map_or_else(
                        || "the placeholders are {id}, {title} and {url}".to_string(),
                        |m| format!("{m} (the placeholders are {{id}}, {{title}} and {{url}})"),
                    ))
            }
            Fault::Unclosed { at: i } => at(
                path,
                f,
                format!("feedback_url: the `{{` at character {} has no closing `}}`", f.value[..*i].chars().count() + 1),
            )
            .with_help("write {id}, {title} or {url}"),
        };
        d.push(diagnostic);
    }
    faults.is_empty()
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
        assert!(c.feedback_url.is_none());
        assert_eq!(c.title, Text::default());
        assert_eq!(
            d,
            ["no-such-folder/config.yaml: error: missing: the site needs a config.yaml (title, base_url)"]
        );
    }

    #[test]
    fn a_feedback_url_needs_a_web_or_mail_scheme_and_known_placeholders() {
        let (c, d) = run(Some(
            "title: {zh: 规划}\nfeedback_url: 'mailto:a@b.cn?subject={id}&body={url}'\n",
        ));
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(
            c.feedback_url.as_deref(),
            Some("mailto:a@b.cn?subject={id}&body={url}")
        );
        let (c, d) = run(Some(
            "title: {zh: 规划}\nfeedback_url: 'ftp://x/{titel}?{who}&{id'\n",
        ));
        assert!(c.feedback_url.is_none());
        assert_eq!(
            d,
            [
                "no-such-folder/config.yaml:2:15: error: feedback_url `ftp://x/{titel}?{who}&{id` is not an http, https or mailto address\n  help: write https://…, http://… or mailto:…, with {id}, {title} and {url} where the item goes",
                "no-such-folder/config.yaml:2:15: error: feedback_url: the `{` at character 23 has no closing `}`\n  help: write {id}, {title} or {url}",
            ]
        );
        let (_, d) = run(Some(
            "title: {zh: 规划}\nfeedback_url: 'https://x/{titel}?{who}'\n",
        ));
        assert_eq!(
            d,
            [
                "no-such-folder/config.yaml:2:15: error: feedback_url: unknown placeholder `{titel}`\n  help: did you mean `title`? (the placeholders are {id}, {title} and {url})",
                "no-such-folder/config.yaml:2:15: error: feedback_url: unknown placeholder `{who}`\n  help: the placeholders are {id}, {title} and {url}",
            ]
        );
    }
}
