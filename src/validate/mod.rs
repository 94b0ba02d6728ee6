//! Stage 2: raw content → the validated model. Every check runs over every
//! file and pushes a diagnostic at the exact spot (unknown agency or river
//! with a did-you-mean, duplicate ids and numbers, unknown kinds, missing
//! files); nothing stops at the first problem.
//!
//! One file per concern, called in this order because later ones resolve
//! references against earlier ones: `registries` (agencies, rivers), the
//! errata and the rest of the `plan`, `config`, `pages` and notes, staff
//! `markdown`, `updates`, `indicator_values`, `water`, `glossary`, and the
//! `translation` of every text. `refs` resolves references, `ids` keeps ids
//! and numbers unique.

mod config;
pub mod duties;
mod glossary;
mod ids;
mod indicator_values;
mod key_tasks;
pub mod markdown;
mod pages;
mod plan;
mod refs;
mod registries;
pub mod rivers;
pub mod translation;
pub mod updates;
mod water;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::RawSite;
use crate::model::*;
use refs::Refs;

pub use crate::dates::{days_in_month, valid_date};

/// Validate everything; the model is returned only when there is no error.
/// Warnings come back with the site; errors (with the warnings) fail it.
/// `d` holds what loading found, so a file that failed to load is not
/// reported again at every reference into it.
pub fn validate(raw: RawSite, mut d: Diagnostics) -> Result<(Site, Vec<Diagnostic>), Diagnostics> {
    let p = &raw.paths;
    let agencies = registries::agencies(&p.agencies, &raw.agencies, &mut d);
    let rivers = registries::rivers(&p.rivers, &raw.rivers, &mut d);
    let errata = plan::errata(&p.errata, &raw.errata, &mut d);
    let refs = Refs::new(&agencies, &rivers, &errata);
    registries::section_corrections(&p.rivers, &rivers, &refs, &mut d);
    let config = config::config(&p.config, raw.config.as_ref(), &mut d);
    let plan = plan::plan(&raw, &refs, &mut d);
    let pages = pages::pages(&raw.pages, &mut d);
    markdown::check(&raw, &mut d);
    let updates = updates::updates(&raw.updates, &raw.files, &plan, &refs, &mut d);
    let values = raw.indicator_values.as_ref().map(|(p, v)| (p.as_path(), v));
    let values = indicator_values::indicator_values(values, &plan.indicators, &mut d);
    let water = raw.water.as_ref().map(|(p, w)| (p.as_path(), w));
    let water = water::water(water, &rivers, &mut d);
    let notes = pages::notes(&raw.notes, &plan.tasks, &refs, &mut d);
    let duties = raw
        .duties
        .as_ref()
        .map(|(p, v)| (p.as_path(), v.as_slice()));
    let duties = duties::duties(duties, &plan.tasks, &plan.key_task_lists, &mut d);
    let glossary = glossary::glossary(&p.glossary, &raw.glossary, &mut d);
    translation::check(&raw, &glossary, config.require_english, &mut d);
    let document = plan::document(&p.document, raw.document, &mut d);
    let Some(document) = document.filter(|_| d.is_empty()) else {
        return Err(d);
    };
    let warnings = d.take_warnings();
    let site = Site {
        config,
        document: document.document,
        titles: document.titles,
        plan,
        agencies,
        rivers,
        errata,
        pages,
        notes,
        glossary,
        updates,
        indicator_directions: values.directions,
        indicator_values: values.values,
        files: raw.files,
        water_sources: water.sources,
        schedules: water.schedules,
        publications: water.publications,
        history: Default::default(),
        duties,
    };
    Ok((site, warnings))
}

/// The diagnostics as printed, in order: what the concerns' tests compare.
#[cfg(test)]
fn messages(d: Diagnostics) -> Vec<String> {
    d.into_sorted().iter().map(|d| d.to_string()).collect()
}

/// Two rivers (濑溪河 with a monitoring section, 玉滩水库) for the tests.
#[cfg(test)]
fn test_rivers() -> Vec<River> {
    let p = std::path::Path::new("rivers.yaml");
    let raw: Vec<crate::load::raw::RawRiver> = crate::load::yaml::parse(
        p,
        "- {id: laixi, zh: 濑溪河, kind: river, sections: [{id: laixi-exit, zh: 出境断面, source: {zh: 规划}}]}\n\
         - {id: yutan, zh: 玉滩水库, kind: reservoir}\n",
    )
    .expect("test rivers parse");
    registries::rivers(p, &raw, &mut Diagnostics::default())
}

/// The references the tests resolve against: agencies `water` and `units`,
/// the test rivers, erratum `E-1`.
#[cfg(test)]
fn test_refs() -> Refs {
    let p = std::path::Path::new("agencies.yaml");
    let raw: Vec<crate::load::raw::RawAgency> = crate::load::yaml::parse(
        p,
        "- {id: water, zh: 区水利局, kind: district-bureau}\n- {id: units, zh: 区级有关单位, kind: group}\n",
    )
    .expect("test agencies parse");
    let agencies = registries::agencies(p, &raw, &mut Diagnostics::default());
    let p = std::path::Path::new("errata.yaml");
    let raw: Vec<crate::load::raw::RawErratum> = crate::load::yaml::parse(
        p,
        "- {id: E-1, line: 3, raw: a, corrected: b, why: {zh: 因}}\n",
    )
    .expect("test errata parse");
    let errata = plan::errata(p, &raw, &mut Diagnostics::default());
    Refs::new(&agencies, &test_rivers(), &errata)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Paths;

    #[test]
    fn a_site_without_its_files_fails_saying_what_to_write_or_run() {
        // Only these three files are looked for on disk; the others are
        // simply empty when they did not load.
        let root = std::path::Path::new("no-such-content");
        let paths = Paths {
            config: root.join("config.yaml"),
            document: root.join("plan/document.yaml"),
            projects: root.join("plan/projects.yaml"),
            ..Default::default()
        };
        let raw = RawSite {
            paths,
            ..Default::default()
        };
        let Err(d) = validate(raw, Diagnostics::default()) else {
            panic!("a site without files validated");
        };
        assert_eq!(
            messages(d),
            [
                "no-such-content/config.yaml: error: missing: the site needs a config.yaml (title, base_url)",
                "no-such-content/plan/document.yaml: error: missing (run `gongkai import`)",
                "no-such-content/plan/projects.yaml: error: missing (run `gongkai import`)",
            ]
        );
    }
}
