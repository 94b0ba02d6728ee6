//! Entry points for the fuzz targets (`fuzz/`) and for the test that replays
//! their corpus on every CI run. Each must return normally for any input:
//! bad input is a diagnostic, never a panic.

use crate::import::{parse, registry::Registries};
use crate::load::raw::*;
use crate::load::{parse_markdown, yaml};
use std::path::Path;

/// Feed `data` to every content parser: each YAML file type and markdown.
pub fn content(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let p = Path::new("fuzz.yaml");
    let _ = yaml::parse::<RawConfig>(p, text);
    let _ = yaml::parse::<Vec<RawTask>>(p, text);
    let _ = yaml::parse::<Vec<RawIndicator>>(p, text);
    let _ = yaml::parse::<RawProjects>(p, text);
    let _ = yaml::parse::<RawKeyTaskList>(p, text);
    let _ = yaml::parse::<Vec<RawAgency>>(p, text);
    let _ = yaml::parse::<Vec<RawRiver>>(p, text);
    let _ = yaml::parse::<Vec<RawErratum>>(p, text);
    let _ = yaml::parse::<Vec<RawGlossaryEntry>>(p, text);
    let _ = yaml::parse::<RawDocumentFile>(p, text);
    if let Ok(md) = parse_markdown(Path::new("fuzz.md"), text) {
        let _ = crate::text::markdown::to_html(&md.body, 1, crate::model::Lang::Zh, "/");
        let files = vec!["a.png".to_string()];
        let cx = crate::validate::markdown::Context {
            files: &files,
            base_url: "https://example.gov.cn/",
        };
        let _ = crate::validate::markdown::check_text(&md.body, &cx);
    }
    let _ = crate::validate::translation::missing_numbers(text, text);
    let _ = crate::text::english::find_english(text, &[text]);
}

const AGENCIES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/content/agencies.yaml"
));

/// Feed `data` to the source-document parser, with the real agency registry.
pub fn import(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let agencies: Vec<RawAgency> =
        yaml::parse(Path::new("agencies.yaml"), AGENCIES).unwrap_or_default();
    let reg = Registries::new(agencies.into_iter().map(|a| {
        let mut names = vec![a.zh];
        names.extend(a.aliases);
        (a.id.value, names)
    }));
    let seed = Path::new("seed.txt");
    let (lines, _) = parse::apply_errata(seed, text, &[], Path::new("errata.yaml"));
    let _ = parse::parse(seed, &lines, &reg);
}
