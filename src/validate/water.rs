//! The water-safety disclosure (`content/water/disclosure.yaml`): sources
//! on known water bodies, schedules with real periods, publications for
//! known schedules and periods of the schedule's kind (one per period), and
//! results for known monitoring sections or sources in a real class.

use super::ids::unique_id;
use super::refs::{at, unknown};
use crate::dates::valid_date;
use crate::diagnostics::Diagnostics;
use crate::load::raw::{RawPublication, RawSchedule, RawWater, RawWaterSource};
use crate::load::yaml::line_col;
use crate::model::*;
use std::collections::BTreeMap;
use std::path::Path;

/// The checked disclosure; publications sorted by schedule, then period.
#[derive(Debug, Default)]
pub struct Water {
    pub sources: Vec<WaterSource>,
    pub schedules: Vec<Schedule>,
    pub publications: Vec<Publication>,
}

/// The disclosure file, if there is one, against the rivers and their
/// monitoring sections.
pub fn water(raw: Option<(&Path, &RawWater)>, rivers: &[River], d: &mut Diagnostics) -> Water {
    let Some((path, w)) = raw else {
        return Water::default();
    };
    let sources = sources(path, &w.sources, rivers, d);
    let schedules = schedules(path, &w.schedules, d);
    let sites: Vec<&str> = rivers
        .iter()
        .flat_map(|r| r.sections.iter().map(|s| s.id.as_str()))
        .chain(sources.iter().map(|s| s.id.as_str()))
        .collect();
    let publications = publications(path, &w.publications, &schedules, &sites, d);
    Water {
        sources,
        schedules,
        publications,
    }
}

fn sources(
    path: &Path,
    raw: &[RawWaterSource],
    rivers: &[River],
    d: &mut Diagnostics,
) -> Vec<WaterSource> {
    let river_ids: Vec<&str> = rivers.iter().map(|r| r.id.as_str()).collect();
    let mut seen = BTreeMap::new();
    let mut sources = Vec::new();
    for s in raw {
        unique_id(path, &s.id, &mut seen, "water source", d);
        if !river_ids.contains(&s.water_body.value.as_str()) {
            let known = river_ids.iter().copied();
            d.push(unknown(path, &s.water_body, "river", known));
        }
        sources.push(WaterSource {
            id: s.id.value.clone(),
            name: s.name.clone(),
            water_body: s.water_body.value.clone(),
            basis: s.basis.clone(),
        });
    }
    sources
}

/// `every` is month or quarter and `from` a period of that kind; a
/// schedule without a real first period is left out.
fn schedules(path: &Path, raw: &[RawSchedule], d: &mut Diagnostics) -> Vec<Schedule> {
    let mut seen = BTreeMap::new();
    let mut schedules = Vec::new();
    for s in raw {
        unique_id(path, &s.id, &mut seen, "schedule", d);
        let quarterly = match s.every.value.as_str() {
            "month" => false,
            "quarter" => true,
            other => {
                let msg = format!("every: `{other}` is not `month` or `quarter`");
                d.push(at(path, &s.every, msg));
                false
            }
        };
        let Some(from) = Period::parse(&s.from.value).filter(|p| p.quarterly == quarterly) else {
            d.push(at(
                path,
                &s.from,
                format!(
                    "from: `{}` is not a {} (write {})",
                    s.from.value,
                    if quarterly { "quarter" } else { "month" },
                    if quarterly { "YYYY-Qn" } else { "YYYY-MM" }
                ),
            ));
            continue;
        };
        schedules.push(Schedule {
            id: s.id.value.clone(),
            what: s.what.clone(),
            from,
            due_days: s.due_days,
            basis: s.basis.clone(),
        });
    }
    schedules
}

fn publications(
    path: &Path,
    raw: &[RawPublication],
    schedules: &[Schedule],
    sites: &[&str],
    d: &mut Diagnostics,
) -> Vec<Publication> {
    let mut publications = Vec::new();
    let mut seen = BTreeMap::new();
    for p in raw {
        let Some(schedule) = schedules.iter().find(|s| s.id == p.schedule.value) else {
            let ids = schedules.iter().map(|s| s.id.as_str());
            d.push(unknown(path, &p.schedule, "schedule", ids));
            continue;
        };
        let quarterly = schedule.from.quarterly;
        let Some(period) = Period::parse(&p.period.value).filter(|x| x.quarterly == quarterly)
        else {
            let kind = if quarterly {
                "quarter (YYYY-Qn)"
            } else {
                "month (YYYY-MM)"
            };
            let msg = format!(
                "period `{}` is not a {kind} of schedule `{}`",
                p.period.value, schedule.id
            );
            d.push(at(path, &p.period, msg));
            continue;
        };
        if !valid_date(&p.published.value) {
            let msg = format!(
                "published `{}` is not a date (YYYY-MM-DD)",
                p.published.value
            );
            d.push(at(path, &p.published, msg));
        }
        if let Some(first) = seen.insert((schedule.id.clone(), period), line_col(&p.period).0) {
            d.push(at(
                path,
                &p.period,
                format!(
                    "a second publication for {} of `{}` (first at line {first})",
                    period.label(),
                    schedule.id
                ),
            ));
        }
        publications.push(Publication {
            schedule: schedule.id.clone(),
            period,
            published: p.published.value.clone(),
            title: p.title.clone(),
            url: p.url.as_ref().map(|u| u.value.clone()),
            results: results(path, p, sites, d),
        });
    }
    publications.sort_by(|a, b| (&a.schedule, a.period).cmp(&(&b.schedule, b.period)));
    publications
}

/// Each result is for a known section or source, in a real class.
fn results(
    path: &Path,
    p: &RawPublication,
    sites: &[&str],
    d: &mut Diagnostics,
) -> Vec<WaterResult> {
    let mut results = Vec::new();
    for r in &p.results {
        if !sites.contains(&r.site.value.as_str()) {
            let what = "monitoring section or source";
            d.push(unknown(path, &r.site, what, sites.iter().copied()));
        }
        let Some(class) = WaterClass::parse(&r.class.value) else {
            d.push(
                at(
                    path,
                    &r.class,
                    format!("class `{}` is not a water-quality class", r.class.value),
                )
                .with_help("write one of Ⅰ Ⅱ Ⅲ Ⅳ Ⅴ 劣Ⅴ"),
            );
            continue;
        };
        results.push(WaterResult {
            site: r.site.value.clone(),
            class,
            meets_standard: r.meets_standard,
        });
    }
    results
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::parse;
    use crate::validate::messages;

    const WATER: &str = "\
sources:
  - id: ximen
    name: {zh: 西门水厂水源地}
    water_body: laixi
    basis: {zh: 第6项}
schedules:
  - id: monthly
    what: {zh: 按月公开}
    every: month
    from: '2022-01'
    due_days: 31
    basis: {zh: 第19项}
publications:
  - schedule: monthly
    period: '2022-02'
    published: '2022-03-10'
    title: {zh: 二月}
    results:
      - {site: ximen, class: Ⅱ, meets_standard: true}
  - schedule: monthly
    period: '2022-01'
    published: '2022-02-10'
    title: {zh: 一月}
";

    fn run(text: &str) -> (Water, Vec<String>) {
        let p = Path::new("disclosure.yaml");
        let raw = parse::<RawWater>(p, text).unwrap();
        let rivers = crate::validate::test_rivers();
        let mut d = Diagnostics::default();
        let w = water(Some((p, &raw)), &rivers, &mut d);
        (w, messages(d))
    }

    #[test]
    fn publications_are_sorted_by_period_with_their_classes() {
        let (w, d) = run(WATER);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(w.sources[0].water_body, "laixi");
        assert!(!w.schedules[0].from.quarterly);
        let periods: Vec<String> = w.publications.iter().map(|p| p.period.label()).collect();
        assert_eq!(periods, ["2022-01", "2022-02"]);
        assert_eq!(w.publications[1].results[0].class, WaterClass::II);
    }

    #[test]
    fn unknown_bodies_sites_classes_and_periods_are_reported_where_written() {
        let text = WATER
            .replace("water_body: laixi", "water_body: laxi")
            .replace("site: ximen, class: Ⅱ", "site: ximan, class: 2")
            .replace("period: '2022-01'", "period: '2022-02'")
            .replace("published: '2022-03-10'", "published: '2022-02-30'");
        let (_, d) = run(&text);
        assert_eq!(
            d,
            [
                "disclosure.yaml:4:17: error: unknown river `laxi`\n  help: did you mean `laixi`?",
                "disclosure.yaml:16:16: error: published `2022-02-30` is not a date (YYYY-MM-DD)",
                "disclosure.yaml:19:16: error: unknown monitoring section or source `ximan`\n  help: did you mean `ximen`?",
                "disclosure.yaml:19:30: error: class `2` is not a water-quality class\n  help: write one of Ⅰ Ⅱ Ⅲ Ⅳ Ⅴ 劣Ⅴ",
                "disclosure.yaml:21:13: error: a second publication for 2022-02 of `monthly` (first at line 15)",
            ]
        );
    }

    #[test]
    fn a_schedule_of_an_unknown_cadence_or_a_wrong_period_is_an_error() {
        let text = WATER
            .replace("every: month", "every: week")
            .replace("from: '2022-01'", "from: '2022-Q1'");
        let (w, d) = run(&text);
        assert!(w.schedules.is_empty());
        assert_eq!(
            d,
            [
                "disclosure.yaml:9:12: error: every: `week` is not `month` or `quarter`",
                "disclosure.yaml:10:11: error: from: `2022-Q1` is not a month (write YYYY-MM)",
                "disclosure.yaml:14:15: error: unknown schedule `monthly`",
                "disclosure.yaml:20:15: error: unknown schedule `monthly`",
            ]
        );
    }
}
