//! Stage 2: raw content → the validated model. Every check runs over every
//! file and pushes a diagnostic at the exact spot (unknown agency or river
//! with a did-you-mean, duplicate ids and numbers, unknown kinds, missing
//! files); nothing stops at the first problem.

pub mod rivers;
pub mod translation;

use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics};
use crate::load::raw::*;
use crate::load::yaml::{line_col, Spanned};
use crate::load::RawSite;
use crate::model::*;
use rivers::RiverMatcher;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub const AGENCY_KINDS: &[&str] = &[
    "district-bureau",
    "development-zone-bureau",
    "town",
    "park-administration",
    "public-institution",
    "coordinating-office",
    "vertical-agency",
    "court-procuratorate",
    "party-organ",
    "mass-organisation",
    "enterprise-or-institute",
    "group",
];

pub const RIVER_KINDS: &[&str] = &["river", "creek", "reservoir", "lake"];

const WATER_CLASSES: &[&str] = &["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ"];

fn at<T>(path: &Path, s: &Spanned<T>, msg: impl Into<String>) -> Diagnostic {
    let (l, c) = line_col(s);
    Diagnostic::new(path, l, c, msg)
}

/// `unknown {what} `value``, with the nearest known id as a suggestion.
fn unknown<'a>(
    path: &Path,
    s: &Spanned<String>,
    what: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Diagnostic {
    at(path, s, format!("unknown {what} `{}`", s.value))
        .with_help_opt(did_you_mean(&s.value, known))
}

fn is_slug(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

struct Refs {
    agencies: BTreeSet<String>,
    rivers: BTreeSet<String>,
    errata: BTreeSet<String>,
    matcher: RiverMatcher,
}

impl Refs {
    fn agencies(&self, path: &Path, refs: &[Ref], d: &mut Diagnostics) -> Vec<String> {
        Self::resolve(path, refs, &self.agencies, "agency", "agencies.yaml", d)
    }
    /// The explicit river tags (checked) plus every river the texts name, in
    /// registry order.
    fn rivers(
        &self,
        path: &Path,
        refs: &[Ref],
        texts: &[&str],
        d: &mut Diagnostics,
    ) -> Vec<String> {
        let explicit = Self::resolve(path, refs, &self.rivers, "river", "rivers.yaml", d);
        let named = self.matcher.find(texts);
        self.matcher.order(explicit.into_iter().chain(named))
    }
    fn resolve(
        path: &Path,
        refs: &[Ref],
        known: &BTreeSet<String>,
        what: &str,
        file: &str,
        d: &mut Diagnostics,
    ) -> Vec<String> {
        let mut out = Vec::new();
        if known.is_empty() && d.has_error_in(file) {
            // The registry itself failed to load: that error is reported
            // once, not again at every reference.
            return refs.iter().map(|r| r.value.clone()).collect();
        }
        for r in refs {
            if known.contains(&r.value) {
                out.push(r.value.clone());
            } else {
                let help = did_you_mean(&r.value, known.iter().map(String::as_str))
                    .unwrap_or_else(|| format!("{what} ids are defined in {file}"));
                d.push(at(path, r, format!("unknown {what} `{}`", r.value)).with_help(help));
            }
        }
        out
    }
    fn corrections(&self, path: &Path, ids: &[String], d: &mut Diagnostics) -> Vec<String> {
        for id in ids {
            if !self.errata.contains(id) {
                d.push(
                    Diagnostic::file(path, format!("unknown erratum `{id}` in corrections"))
                        .with_help_opt(did_you_mean(id, self.errata.iter().map(String::as_str))),
                );
            }
        }
        ids.to_vec()
    }
    /// An item's `written_as` (id → the document's wording): each id must
    /// be one of the item's own agencies.
    fn written_as(
        path: &Path,
        number: &Spanned<u32>,
        map: &BTreeMap<String, String>,
        agencies: &[&Ref],
        d: &mut Diagnostics,
    ) -> BTreeMap<String, String> {
        for id in map.keys() {
            if !agencies.iter().any(|a| &a.value == id) {
                d.push(
                    at(path, number, format!("`written_as` names `{id}`, which is not one of the item's agencies"))
                        .with_help("written_as is written by `gongkai import`: re-import instead of editing it"),
                );
            }
        }
        map.clone()
    }
}

/// Remember each number once; a repeat is reported where it is written.
fn unique_number(
    path: &Path,
    n: &Spanned<u32>,
    seen: &mut BTreeMap<u32, u64>,
    what: &str,
    d: &mut Diagnostics,
) {
    if let Some(first) = seen.get(&n.value) {
        d.push(at(
            path,
            n,
            format!(
                "duplicate {what} number {} (first at line {first})",
                n.value
            ),
        ));
    } else {
        seen.insert(n.value, line_col(n).0);
    }
}

fn unique_id(
    path: &Path,
    id: &Spanned<String>,
    seen: &mut BTreeMap<String, u64>,
    what: &str,
    d: &mut Diagnostics,
) {
    if !is_slug(&id.value) {
        d.push(
            at(
                path,
                id,
                format!(
                    "{what} id `{}` must be lowercase ASCII letters, digits and hyphens",
                    id.value
                ),
            )
            .with_help("ids appear in URLs and must never change once published"),
        );
    }
    if let Some(first) = seen.get(&id.value) {
        d.push(at(
            path,
            id,
            format!("duplicate {what} id `{}` (first at line {first})", id.value),
        ));
    } else {
        seen.insert(id.value.clone(), line_col(id).0);
    }
}

fn kind(path: &Path, k: &Spanned<String>, allowed: &[&str], what: &str, d: &mut Diagnostics) {
    if !allowed.contains(&k.value.as_str()) {
        d.push(
            at(path, k, format!("unknown {what} kind `{}`", k.value)).with_help(
                did_you_mean(&k.value, allowed.iter().copied())
                    .unwrap_or_else(|| format!("one of: {}", allowed.join(", "))),
            ),
        );
    }
}

/// Updates: known subjects, a real date, a known status, a percent in
/// 0–100, a known reporter, evidence that exists.
fn validate_updates(
    raw: &RawSite,
    tasks: &[Task],
    indicators: &[Indicator],
    projects: &[Project],
    lists: &[KeyTaskList],
    refs: &Refs,
    d: &mut Diagnostics,
) -> Vec<Update> {
    let mut out = Vec::new();
    for u in &raw.updates {
        let f = &u.front;
        let path = &u.path;
        let mut subjects = Vec::new();
        if f.subjects.is_empty() {
            d.push(Diagnostic::new(
                path,
                2,
                1,
                "an update names at least one subject (e.g. `subjects: [task/8]`)",
            ));
        }
        for s in &f.subjects {
            let subject = Subject::parse(&s.value);
            let exists = match subject {
                Some(Subject::Task(n)) => tasks.iter().any(|t| t.number == n),
                Some(Subject::Indicator(n)) => indicators.iter().any(|i| i.number == n),
                Some(Subject::Project(n)) => projects.iter().any(|p| p.number == n),
                Some(Subject::KeyTask(y, n)) => lists
                    .iter()
                    .any(|l| l.year == y && l.items.iter().any(|k| k.number == n)),
                None => false,
            };
            match subject {
                None => d.push(
                    at(path, s, format!("`{}` is not a subject", s.value))
                        .with_help("write task/N, indicator/N, project/N or key-task/YEAR/N"),
                ),
                Some(_) if !exists => d.push(at(path, s, format!("unknown subject `{}`", s.value))),
                Some(sub) => subjects.push(sub),
            }
        }
        if !valid_date(&f.date.value) {
            d.push(at(
                path,
                &f.date,
                format!("date `{}` is not a date (YYYY-MM-DD)", f.date.value),
            ));
        }
        let status = Status::parse(&f.status.value).unwrap_or_else(|| {
            d.push(
                at(
                    path,
                    &f.status,
                    format!("unknown status `{}`", f.status.value),
                )
                .with_help(
                    did_you_mean(&f.status.value, Status::REPORTABLE)
                        .unwrap_or_else(|| format!("one of: {}", Status::REPORTABLE.join(", "))),
                ),
            );
            Status::NotAssessed
        });
        let percent = f.percent.as_ref().and_then(|p| {
            if (0..=100).contains(&p.value) {
                Some(p.value as u8)
            } else {
                d.push(at(path, p, format!("percent {} is outside 0–100", p.value)));
                None
            }
        });
        let reporter = refs
            .agencies(path, std::slice::from_ref(&f.reporter), d)
            .into_iter()
            .next()
            .unwrap_or_default();
        let mut evidence = Vec::new();
        for e in &f.evidence {
            let href = match (&e.url, &e.file) {
                (Some(url), None) => {
                    if !(url.value.starts_with("https://") || url.value.starts_with("http://")) {
                        d.push(at(
                            path,
                            url,
                            format!("evidence url `{}` is not an http(s) address", url.value),
                        ));
                    }
                    url.value.clone()
                }
                (None, Some(file)) => {
                    if !raw.files.contains(&file.value) {
                        d.push(
                            at(
                                path,
                                file,
                                format!(
                                    "evidence file `{}` is not under content/files/",
                                    file.value
                                ),
                            )
                            .with_help_opt(did_you_mean(
                                &file.value,
                                raw.files.iter().map(String::as_str),
                            )),
                        );
                    }
                    format!("/files/{}", file.value)
                }
                _ => {
                    d.push(Diagnostic::new(
                        path,
                        u.body_line.saturating_sub(1).max(1),
                        1,
                        "each evidence item has either a `url` or a `file`",
                    ));
                    String::new()
                }
            };
            evidence.push(Evidence {
                title: e.title.clone(),
                href,
            });
        }
        out.push(Update {
            id: u.id.clone(),
            subjects,
            date: f.date.value.clone(),
            status,
            percent,
            reporter,
            evidence,
            body_zh: u.body.clone(),
            body_en: u.en.as_ref().map(|m| m.body.clone()),
        });
    }
    let mut ids = BTreeMap::new();
    for u in &raw.updates {
        if let Some(first) = ids.insert(u.id.clone(), u.path.clone()) {
            d.push(Diagnostic::file(
                &u.path,
                format!(
                    "a second update with the id `{}` (also {})",
                    u.id,
                    first.display()
                ),
            ));
        }
    }
    out.sort_by(|a, b| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
    out
}

fn validate_indicator_values(
    raw: &RawSite,
    indicators: &[Indicator],
    d: &mut Diagnostics,
) -> (BTreeMap<u32, Direction>, Vec<IndicatorValue>) {
    let Some((path, v)) = &raw.indicator_values else {
        return (BTreeMap::new(), Vec::new());
    };
    let known = |n: u32| indicators.iter().any(|i| i.number == n);
    let mut directions = BTreeMap::new();
    for (n, dir) in &v.directions {
        let direction = match dir.value.as_str() {
            "at-least" => Direction::AtLeast,
            "at-most" => Direction::AtMost,
            "meet-city-target" => Direction::MeetCityTarget,
            other => {
                d.push(
                    at(path, dir, format!("unknown direction `{other}`"))
                        .with_help("one of: at-least, at-most, meet-city-target"),
                );
                continue;
            }
        };
        if !known(*n) {
            d.push(at(path, dir, format!("unknown indicator {n}")));
        }
        directions.insert(*n, direction);
    }
    let mut values = Vec::new();
    let mut seen = BTreeMap::new();
    for x in &v.values {
        if !known(x.indicator.value) {
            d.push(at(
                path,
                &x.indicator,
                format!("unknown indicator {}", x.indicator.value),
            ));
        }
        if !(2000..=2100).contains(&x.year.value) {
            d.push(at(
                path,
                &x.year,
                format!("year {} is not a plausible reporting year", x.year.value),
            ));
        }
        if x.value.value.trim().parse::<f64>().is_err() {
            d.push(
                at(
                    path,
                    &x.value,
                    format!("value `{}` is not a number", x.value.value),
                )
                .with_help("write the number alone; the unit is in the indicator's name"),
            );
        }
        if let Some(first) =
            seen.insert((x.indicator.value, x.year.value), line_col(&x.indicator).0)
        {
            d.push(at(
                path,
                &x.indicator,
                format!(
                    "a second value for indicator {} in {} (first at line {first})",
                    x.indicator.value, x.year.value
                ),
            ));
        }
        values.push(IndicatorValue {
            indicator: x.indicator.value,
            year: x.year.value,
            value: x.value.value.trim().to_string(),
            source: x.source.clone(),
            note: x.note.clone(),
        });
    }
    values.sort_by_key(|x| (x.indicator, x.year));
    (directions, values)
}

/// The water-safety disclosure: sources on known water bodies, schedules
/// with real periods, publications for known schedules and periods of the
/// schedule's kind, results for known sections or sources.
fn validate_water(
    raw: &RawSite,
    rivers: &[River],
    d: &mut Diagnostics,
) -> (Vec<WaterSource>, Vec<Schedule>, Vec<Publication>) {
    let Some((path, w)) = &raw.water else {
        return Default::default();
    };
    let river_ids: Vec<&str> = rivers.iter().map(|r| r.id.as_str()).collect();
    let mut seen = BTreeMap::new();
    let mut sources = Vec::new();
    for s in &w.sources {
        unique_id(path, &s.id, &mut seen, "water source", d);
        if !river_ids.contains(&s.water_body.value.as_str()) {
            d.push(unknown(
                path,
                &s.water_body,
                "river",
                river_ids.iter().copied(),
            ));
        }
        sources.push(WaterSource {
            id: s.id.value.clone(),
            name: s.name.clone(),
            water_body: s.water_body.value.clone(),
            basis: s.basis.clone(),
        });
    }
    let mut seen = BTreeMap::new();
    let mut schedules = Vec::new();
    for s in &w.schedules {
        unique_id(path, &s.id, &mut seen, "schedule", d);
        let quarterly = match s.every.value.as_str() {
            "month" => false,
            "quarter" => true,
            other => {
                d.push(at(
                    path,
                    &s.every,
                    format!("every: `{other}` is not `month` or `quarter`"),
                ));
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
    let sites: Vec<&str> = rivers
        .iter()
        .flat_map(|r| r.sections.iter().map(|s| s.id.as_str()))
        .chain(sources.iter().map(|s| s.id.as_str()))
        .collect();
    let mut publications = Vec::new();
    let mut seen = BTreeMap::new();
    for p in &w.publications {
        let Some(schedule) = schedules.iter().find(|s| s.id == p.schedule.value) else {
            let ids = schedules.iter().map(|s| s.id.as_str());
            d.push(unknown(path, &p.schedule, "schedule", ids));
            continue;
        };
        let Some(period) =
            Period::parse(&p.period.value).filter(|x| x.quarterly == schedule.from.quarterly)
        else {
            d.push(at(
                path,
                &p.period,
                format!(
                    "period `{}` is not a {} of schedule `{}`",
                    p.period.value,
                    if schedule.from.quarterly {
                        "quarter (YYYY-Qn)"
                    } else {
                        "month (YYYY-MM)"
                    },
                    schedule.id
                ),
            ));
            continue;
        };
        if !valid_date(&p.published.value) {
            d.push(at(
                path,
                &p.published,
                format!(
                    "published `{}` is not a date (YYYY-MM-DD)",
                    p.published.value
                ),
            ));
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
        let mut results = Vec::new();
        for r in &p.results {
            if !sites.contains(&r.site.value.as_str()) {
                let what = "monitoring section or source";
                d.push(unknown(path, &r.site, what, sites.iter().copied()));
            }
            let class = r.class.value.as_str();
            if !WATER_CLASSES.contains(&class) && class != "劣Ⅴ" {
                d.push(
                    at(
                        path,
                        &r.class,
                        format!("class `{}` is not a water-quality class", r.class.value),
                    )
                    .with_help("write one of Ⅰ Ⅱ Ⅲ Ⅳ Ⅴ 劣Ⅴ"),
                );
            }
            results.push(WaterResult {
                site: r.site.value.clone(),
                class: r.class.value.clone(),
                meets_standard: r.meets_standard,
            });
        }
        publications.push(Publication {
            schedule: schedule.id.clone(),
            period,
            published: p.published.value.clone(),
            title: p.title.clone(),
            url: p.url.as_ref().map(|u| u.value.clone()),
            results,
        });
    }
    publications.sort_by(|a, b| (&a.schedule, a.period).cmp(&(&b.schedule, b.period)));
    (sources, schedules, publications)
}

/// Raw HTML that could run script has no place in content: it is removed
/// when the page is rendered anyway, but refusing it means a page never
/// silently differs from what its author wrote.
fn unsafe_markdown(md: &crate::load::RawMarkdown, d: &mut Diagnostics) {
    for (i, line) in md.body.lines().enumerate() {
        let lower = line.to_ascii_lowercase();
        let found = [
            "<script",
            "<iframe",
            "<object",
            "<embed",
            "javascript:",
            "vbscript:",
        ]
        .into_iter()
        .filter_map(|p| {
            lower
                .find(p)
                .map(|c| (c, p.trim_start_matches('<').trim_end_matches(':')))
        })
        .chain(event_handler(&lower))
        .min();
        if let Some((col, what)) = found {
            let column = line[..col].chars().count() as u64 + 1;
            d.push(
                Diagnostic::new(
                    &md.path,
                    md.body_line + i as u64,
                    column,
                    format!("markdown may not contain `{what}` (active content)"),
                )
                .with_help("write plain markdown; links must be http(s), mailto or site paths"),
            );
        }
    }
}

/// An `onxxx=` attribute inside a tag, e.g. `<img onerror=…>`.
fn event_handler(lower: &str) -> Option<(usize, &'static str)> {
    let mut in_tag = false;
    let b = lower.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'<' => in_tag = true,
            b'>' => in_tag = false,
            b'o' if in_tag
                && i > 0
                && b[i - 1].is_ascii_whitespace()
                && b.get(i + 1) == Some(&b'n') =>
            {
                let name_end = b[i + 2..]
                    .iter()
                    .position(|c| !c.is_ascii_lowercase())
                    .map(|p| i + 2 + p)?;
                if name_end > i + 2
                    && b[name_end..].iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'=')
                {
                    return Some((i, "event handler attribute"));
                }
            }
            _ => {}
        }
    }
    None
}

pub use crate::dates::{days_in_month, valid_date};

/// Validate everything; the model is returned only when there is no error.
/// Warnings come back with the site; errors (with the warnings) fail it.
pub fn validate(raw: RawSite, mut d: Diagnostics) -> Result<(Site, Vec<Diagnostic>), Diagnostics> {
    let p = raw.paths.clone();
    // Registries first: everything else refers to them.
    let mut seen = BTreeMap::new();
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    let mut agencies = Vec::new();
    for a in &raw.agencies {
        unique_id(&p.agencies, &a.id, &mut seen, "agency", &mut d);
        kind(&p.agencies, &a.kind, AGENCY_KINDS, "agency", &mut d);
        for n in std::iter::once(&a.zh).chain(&a.aliases) {
            if let Some(other) = names.insert(n.clone(), a.id.value.clone()) {
                if other != a.id.value {
                    d.push(at(
                        &p.agencies,
                        &a.id,
                        format!("name `{n}` is used by both `{other}` and `{}`", a.id.value),
                    ));
                }
            }
        }
        agencies.push(Agency {
            id: a.id.value.clone(),
            name: Text {
                zh: a.zh.clone(),
                en: a.en.clone(),
            },
            aliases: a.aliases.clone(),
            kind: a.kind.value.clone(),
            is_group: a.kind.value == "group",
        });
    }
    let mut seen = BTreeMap::new();
    let mut section_ids = BTreeMap::new();
    let river_ids: BTreeSet<String> = raw.rivers.iter().map(|r| r.id.value.clone()).collect();
    let mut rivers = Vec::new();
    for r in &raw.rivers {
        unique_id(&p.rivers, &r.id, &mut seen, "river", &mut d);
        kind(&p.rivers, &r.kind, RIVER_KINDS, "river", &mut d);
        if let Some(t) = &r.tributary_of {
            if !river_ids.contains(&t.value) || t.value == r.id.value {
                let ids = river_ids.iter().map(String::as_str);
                d.push(unknown(&p.rivers, t, "river", ids));
            }
        }
        let mut sections = Vec::new();
        for s in &r.sections {
            unique_id(
                &p.rivers,
                &s.id,
                &mut section_ids,
                "monitoring section",
                &mut d,
            );
            if let Some(c) = &s.target_class {
                if !WATER_CLASSES.contains(&c.value.as_str()) {
                    d.push(
                        at(
                            &p.rivers,
                            c,
                            format!("target_class `{}` is not a water-quality class", c.value),
                        )
                        .with_help("write one of Ⅰ Ⅱ Ⅲ Ⅳ Ⅴ"),
                    );
                }
            }
            sections.push(MonitoringSection {
                id: s.id.value.clone(),
                name: Text {
                    zh: s.zh.clone(),
                    en: s.en.clone(),
                },
                target_class: s.target_class.as_ref().map(|c| c.value.clone()),
                source: s.source.clone(),
                corrections: s.corrections.clone(),
            });
        }
        rivers.push(River {
            id: r.id.value.clone(),
            name: Text {
                zh: r.zh.clone(),
                en: r.en.clone(),
            },
            kind: r.kind.value.clone(),
            aliases: r.aliases.clone(),
            tributary_of: r.tributary_of.as_ref().map(|t| t.value.clone()),
            sections,
        });
    }
    let mut errata = BTreeMap::new();
    for e in &raw.errata {
        if errata.contains_key(&e.id) {
            d.push(Diagnostic::file(
                &p.errata,
                format!("duplicate erratum id `{}`", e.id),
            ));
        }
        errata.insert(e.id.clone(), e.clone());
    }
    let refs = Refs {
        agencies: agencies.iter().map(|a| a.id.clone()).collect(),
        rivers: river_ids,
        errata: errata.keys().cloned().collect(),
        matcher: RiverMatcher::new(raw.rivers.iter().map(|r| {
            let mut names = vec![r.zh.clone()];
            names.extend(r.aliases.iter().cloned());
            (r.id.value.clone(), names)
        })),
    };
    for r in &raw.rivers {
        for s in &r.sections {
            refs.corrections(&p.rivers, &s.corrections, &mut d);
        }
    }

    let config = match &raw.config {
        Some(c) => {
            let build_date = c.build_date.as_ref().map(|b| {
                if !valid_date(&b.value) {
                    d.push(at(
                        &p.config,
                        b,
                        format!("build_date `{}` is not a date (YYYY-MM-DD)", b.value),
                    ));
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
        None => Config {
            title: Text::default(),
            description: None,
            base_url: None,
            build_date: None,
            footer: Footer::default(),
            require_english: false,
            commit: None,
        },
    };

    let chapters: Vec<Chapter> = raw.chapters.clone();
    let mut seen_ch = BTreeSet::new();
    for c in &chapters {
        if !seen_ch.insert(c.number) {
            d.push(Diagnostic::file(
                &p.chapters,
                format!("duplicate chapter number {}", c.number),
            ));
        }
    }

    let mut seen = BTreeMap::new();
    let mut indicators = Vec::new();
    for i in &raw.indicators {
        unique_number(&p.indicators, &i.number, &mut seen, "indicator", &mut d);
        if i.attribute != "约束性" && i.attribute != "预期性" {
            d.push(at(
                &p.indicators,
                &i.number,
                format!(
                    "indicator {}: attribute `{}` must be 约束性 or 预期性",
                    i.number.value, i.attribute
                ),
            ));
        }
        if i.lead.is_empty() {
            d.push(at(
                &p.indicators,
                &i.number,
                format!("indicator {} has no lead agency", i.number.value),
            ));
        }
        indicators.push(Indicator {
            number: i.number.value,
            domain: i.domain.clone(),
            name: i.name.clone(),
            binding: i.attribute == "约束性",
            target: i.target.clone(),
            lead: refs.agencies(&p.indicators, &i.lead, &mut d),
            corrections: refs.corrections(&p.indicators, &i.corrections, &mut d),
            written_as: Refs::written_as(
                &p.indicators,
                &i.number,
                &i.written_as,
                &i.lead.iter().collect::<Vec<_>>(),
                &mut d,
            ),
        });
    }

    let mut seen = BTreeMap::new();
    let mut tasks = Vec::new();
    for t in &raw.tasks {
        unique_number(&p.tasks, &t.number, &mut seen, "task", &mut d);
        match chapters.iter().find(|c| c.number == t.chapter) {
            None => d.push(at(
                &p.tasks,
                &t.number,
                format!("task {}: unknown chapter {}", t.number.value, t.chapter),
            )),
            Some(c) => {
                if let Some(s) = t.section {
                    if !c.sections.iter().any(|x| x.number == s) {
                        d.push(at(
                            &p.tasks,
                            &t.number,
                            format!(
                                "task {}: chapter {} has no section {s}",
                                t.number.value, c.number
                            ),
                        ));
                    }
                }
            }
        }
        if t.lead.is_empty() {
            d.push(at(
                &p.tasks,
                &t.number,
                format!("task {} has no lead agency", t.number.value),
            ));
        }
        tasks.push(Task {
            number: t.number.value,
            chapter: t.chapter,
            section: t.section,
            text: t.text.clone(),
            lead: refs.agencies(&p.tasks, &t.lead, &mut d),
            responsible: refs.agencies(&p.tasks, &t.responsible, &mut d),
            rivers: refs.rivers(&p.tasks, &t.rivers, &[&t.text.zh], &mut d),
            source_line: t.source_line,
            corrections: refs.corrections(&p.tasks, &t.corrections, &mut d),
            written_as: Refs::written_as(
                &p.tasks,
                &t.number,
                &t.written_as,
                &t.lead.iter().chain(&t.responsible).collect::<Vec<_>>(),
                &mut d,
            ),
        });
    }
    tasks.sort_by_key(|t| t.number);

    let mut projects = Vec::new();
    let mut stated_total = String::new();
    if let Some(raw_projects) = &raw.projects {
        stated_total = raw_projects.stated_total.clone();
        let mut seen = BTreeMap::new();
        let mut sum = 0u64;
        for pr in &raw_projects.items {
            unique_number(&p.projects, &pr.number, &mut seen, "project", &mut d);
            match crate::import::parse::hundredths(&pr.investment) {
                Some(v) => sum += v,
                None => d.push(at(
                    &p.projects,
                    &pr.number,
                    format!(
                        "project {}: investment `{}` is not an amount in 亿元 (e.g. 1.25)",
                        pr.number.value, pr.investment
                    ),
                )),
            }
            if pr.start_year > pr.end_year {
                d.push(at(
                    &p.projects,
                    &pr.number,
                    format!(
                        "project {}: start_year {} is after end_year {}",
                        pr.number.value, pr.start_year, pr.end_year
                    ),
                ));
            }
            projects.push(Project {
                number: pr.number.value,
                category: pr.category.clone(),
                name: pr.name.clone(),
                content: pr.content.clone(),
                investment: pr.investment.clone(),
                start_year: pr.start_year,
                end_year: pr.end_year,
                responsible: refs.agencies(&p.projects, &pr.responsible, &mut d),
                rivers: refs.rivers(
                    &p.projects,
                    &pr.rivers,
                    &[&pr.name.zh, &pr.content.zh],
                    &mut d,
                ),
                corrections: refs.corrections(&p.projects, &pr.corrections, &mut d),
                written_as: Refs::written_as(
                    &p.projects,
                    &pr.number,
                    &pr.written_as,
                    &pr.responsible.iter().collect::<Vec<_>>(),
                    &mut d,
                ),
            });
        }
        let all_amounts = raw_projects
            .items
            .iter()
            .all(|p| crate::import::parse::hundredths(&p.investment).is_some());
        if all_amounts && crate::import::parse::hundredths(&stated_total) != Some(sum) {
            d.push(Diagnostic::file(&p.projects, format!(
                "the project investments sum to {}.{:02} 亿元 but stated_total is {stated_total}", sum / 100, sum % 100
            )));
        }
    } else if !p.projects.exists() {
        d.push(Diagnostic::file(
            &p.projects,
            "missing (run `gongkai import`)",
        ));
    }
    projects.sort_by_key(|p| p.number);

    let mut key_task_lists = Vec::new();
    let mut years = BTreeSet::new();
    for (path, list) in &raw.key_task_lists {
        if !years.insert(list.year) {
            d.push(Diagnostic::file(
                path,
                format!("a second key-task list for {}", list.year),
            ));
        }
        let mut seen = BTreeMap::new();
        let mut items = Vec::new();
        for k in &list.items {
            unique_number(path, &k.number, &mut seen, "key task", &mut d);
            for f in &k.lost {
                if f != "responsible" && f != "cooperating" && f != "note" {
                    d.push(at(
                        path,
                        &k.number,
                        format!(
                            "key task {}: `lost` names unknown field `{f}`",
                            k.number.value
                        ),
                    ));
                }
            }
            if k.responsible.is_empty() && !k.lost.iter().any(|f| f == "responsible") {
                d.push(
                    at(
                        path,
                        &k.number,
                        format!("key task {} has no responsible unit", k.number.value),
                    )
                    .with_help("if the source lost it, say so with `lost: [responsible]`"),
                );
            }
            items.push(KeyTask {
                number: k.number.value,
                category: k.category.clone(),
                text: k.text.clone(),
                responsible: refs.agencies(path, &k.responsible, &mut d),
                cooperating: refs.agencies(path, &k.cooperating, &mut d),
                note: k.note.clone(),
                rivers: refs.rivers(path, &k.rivers, &[&k.text.zh], &mut d),
                lost: k.lost.clone(),
                corrections: refs.corrections(path, &k.corrections, &mut d),
                written_as: Refs::written_as(
                    path,
                    &k.number,
                    &k.written_as,
                    &k.responsible
                        .iter()
                        .chain(&k.cooperating)
                        .collect::<Vec<_>>(),
                    &mut d,
                ),
            });
        }
        items.sort_by_key(|k| k.number);
        key_task_lists.push(KeyTaskList {
            year: list.year,
            title: list.title.clone(),
            items,
        });
    }

    let mut pages = Vec::new();
    for (slug, md) in &raw.pages {
        if !is_slug(slug) {
            let path = md
                .zh
                .as_ref()
                .or(md.en.as_ref())
                .map(|m| m.path.clone())
                .unwrap_or_default();
            d.push(Diagnostic::file(path, format!("page file name `{slug}` must be lowercase ASCII letters, digits and hyphens (it becomes the URL)")));
        }
        match &md.zh {
            Some(zh) if zh.front.title.is_none() => {
                d.push(Diagnostic::new(
                    &zh.path,
                    1,
                    1,
                    "a commentary page needs a `title` in its front matter",
                ));
            }
            None => {
                let path = md.en.as_ref().map(|m| m.path.clone()).unwrap_or_default();
                d.push(Diagnostic::file(
                    path,
                    format!("English page without its Chinese original `{slug}.md`"),
                ));
            }
            _ => {}
        }
        pages.push(Page {
            slug: slug.clone(),
            md: md.clone(),
        });
    }

    for md in raw
        .pages
        .iter()
        .map(|(_, m)| m)
        .chain(raw.notes.iter().map(|(_, m)| m))
    {
        for m in md.zh.iter().chain(&md.en) {
            unsafe_markdown(m, &mut d);
        }
    }

    let updates = validate_updates(
        &raw,
        &tasks,
        &indicators,
        &projects,
        &key_task_lists,
        &refs,
        &mut d,
    );
    let (indicator_directions, indicator_values) =
        validate_indicator_values(&raw, &indicators, &mut d);
    let (water_sources, schedules, publications) = validate_water(&raw, &rivers, &mut d);

    let mut notes = BTreeMap::new();
    for ((kind, id), md) in &raw.notes {
        let exists = match kind.as_str() {
            "tasks" => id
                .parse::<u32>()
                .ok()
                .is_some_and(|n| tasks.iter().any(|t| t.number == n)),
            "agencies" => refs.agencies.contains(id),
            "rivers" => refs.rivers.contains(id),
            _ => false,
        };
        let registry_loaded = match kind.as_str() {
            "tasks" => !tasks.is_empty(),
            "agencies" => !refs.agencies.is_empty(),
            _ => !refs.rivers.is_empty(),
        };
        if !exists && registry_loaded {
            let path = md
                .zh
                .as_ref()
                .or(md.en.as_ref())
                .map(|m| m.path.clone())
                .unwrap_or_default();
            let pool: Vec<String> = match kind.as_str() {
                "agencies" => refs.agencies.iter().cloned().collect(),
                "rivers" => refs.rivers.iter().cloned().collect(),
                _ => Vec::new(),
            };
            d.push(
                Diagnostic::file(
                    path,
                    format!(
                        "note for unknown {} `{id}`",
                        match kind.as_str() {
                            "tasks" => "task",
                            "agencies" => "agency",
                            _ => "river",
                        }
                    ),
                )
                .with_help_opt(did_you_mean(id, pool.iter().map(String::as_str))),
            );
        }
        notes.insert((kind.clone(), id.clone()), md.clone());
    }

    let mut seen = BTreeMap::new();
    let mut seen_zh = BTreeMap::new();
    let mut glossary = Vec::new();
    for g in &raw.glossary {
        unique_id(&p.glossary, &g.id, &mut seen, "glossary", &mut d);
        if let Some(first) = seen_zh.insert(g.zh.value.clone(), line_col(&g.zh).0) {
            d.push(at(
                &p.glossary,
                &g.zh,
                format!(
                    "glossary term {} is listed twice (first at line {first})",
                    g.zh.value
                ),
            ));
        }
        glossary.push(GlossaryEntry {
            id: g.id.value.clone(),
            zh: g.zh.value.clone(),
            en: g.en.clone(),
            variants: g.variants.clone(),
            forms: std::iter::once(&g.en)
                .chain(&g.variants)
                .map(|f| translation::form_words(f))
                .collect(),
            explain: Text {
                zh: g.explain.zh.clone(),
                en: Some(g.explain.en.clone()),
            },
        });
    }
    translation::check(&raw, &glossary, config.require_english, &mut d);

    if raw.config.is_none() && !p.config.exists() {
        d.push(Diagnostic::file(
            &p.config,
            "missing: the site needs a config.yaml (title, base_url)",
        ));
    }
    let Some(doc) = raw.document else {
        if !p.document.exists() {
            d.push(Diagnostic::file(
                &p.document,
                "missing (run `gongkai import`)",
            ));
        }
        return Err(d);
    };
    if !d.is_empty() {
        return Err(d);
    }
    let warnings = d.take_warnings();
    let site = Site {
        config,
        document: doc.document,
        titles: doc.titles,
        chapters,
        indicators,
        tasks,
        projects,
        stated_total,
        key_task_lists,
        agencies,
        rivers,
        errata,
        pages,
        notes,
        glossary,
        updates,
        indicator_directions,
        indicator_values,
        files: raw.files.clone(),
        water_sources,
        schedules,
        publications,
    };
    Ok((site, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("eco-env"));
        assert!(!is_slug("Eco"));
        assert!(!is_slug("区"));
    }
}
