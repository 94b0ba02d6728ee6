//! The registries everything else refers to: agencies (agencies.yaml) and
//! water bodies with their monitoring sections (rivers.yaml). Ids are
//! unique slugs, kinds are known words (with a did-you-mean), a name belongs
//! to one agency, a river flows into a known other river, and a section's
//! target class is a real class.

use super::ids::unique_id;
use super::refs::{at, unknown, Refs};
use crate::diagnostics::{did_you_mean, Diagnostics};
use crate::load::raw::{RawAgency, RawMonitoringSection, RawRiver};
use crate::load::yaml::Spanned;
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The kind `k` names, or a diagnostic at it: `unknown {what} kind `x``
/// with the nearest kind, else the list of kinds. An unknown kind falls
/// back to the first one so the rest of the entry is still checked (the
/// site is not built while there is an error).
fn kind<K: Vocabulary>(path: &Path, k: &Spanned<String>, what: &str, d: &mut Diagnostics) -> K {
    K::parse(&k.value).unwrap_or_else(|| {
        let help = did_you_mean(&k.value, K::keys())
            .unwrap_or_else(|| format!("one of: {}", K::keys().collect::<Vec<_>>().join(", ")));
        d.push(at(path, k, format!("unknown {what} kind `{}`", k.value)).with_help(help));
        K::ALL[0]
    })
}

/// agencies.yaml: unique slug ids, known kinds, and no name (Chinese or
/// alias) shared by two agencies, since the importer resolves names to ids.
pub fn agencies(path: &Path, raw: &[RawAgency], d: &mut Diagnostics) -> Vec<Agency> {
    let mut seen = BTreeMap::new();
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    let mut agencies = Vec::new();
    for a in raw {
        unique_id(path, &a.id, &mut seen, "agency", d);
        let kind: AgencyKind = kind(path, &a.kind, "agency", d);
        for n in std::iter::once(&a.zh).chain(&a.aliases) {
            if let Some(other) = names.insert(n.clone(), a.id.value.clone()) {
                if other != a.id.value {
                    d.push(at(
                        path,
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
            kind,
            is_group: kind == AgencyKind::Group,
        });
    }
    agencies
}

/// rivers.yaml: unique slug ids (rivers, and sections across all rivers),
/// known kinds, a known `tributary_of` other than the river itself.
pub fn rivers(path: &Path, raw: &[RawRiver], d: &mut Diagnostics) -> Vec<River> {
    let mut seen = BTreeMap::new();
    let mut section_ids = BTreeMap::new();
    let river_ids: BTreeSet<&str> = raw.iter().map(|r| r.id.value.as_str()).collect();
    let mut rivers = Vec::new();
    for r in raw {
        unique_id(path, &r.id, &mut seen, "river", d);
        let kind = kind(path, &r.kind, "river", d);
        if let Some(t) = &r.tributary_of {
            if t.value == r.id.value {
                let msg = format!("river `{}` cannot be a tributary of itself", t.value);
                d.push(at(path, t, msg));
            } else if !river_ids.contains(t.value.as_str()) {
                d.push(unknown(path, t, "river", river_ids.iter().copied()));
            }
        }
        rivers.push(River {
            id: r.id.value.clone(),
            name: Text {
                zh: r.zh.clone(),
                en: r.en.clone(),
            },
            kind,
            aliases: r.aliases.clone(),
            tributary_of: r.tributary_of.as_ref().map(|t| t.value.clone()),
            sections: r
                .sections
                .iter()
                .map(|s| section(path, s, &mut section_ids, d))
                .collect(),
        });
    }
    rivers
}

/// A monitoring section: its id unique among all sections, its target a
/// class from Ⅰ to Ⅴ (劣Ⅴ is a result, never a target).
fn section(
    path: &Path,
    s: &RawMonitoringSection,
    seen: &mut BTreeMap<String, u64>,
    d: &mut Diagnostics,
) -> MonitoringSection {
    unique_id(path, &s.id, seen, "monitoring section", d);
    let target_class = s.target_class.as_ref().and_then(|c| {
        let class = WaterClass::parse(&c.value).filter(|c| *c != WaterClass::WorseThanV);
        if class.is_none() {
            d.push(
                at(
                    path,
                    c,
                    format!("target_class `{}` is not a water-quality class", c.value),
                )
                .with_help("write one of Ⅰ Ⅱ Ⅲ Ⅳ Ⅴ"),
            );
        }
        class
    });
    MonitoringSection {
        id: s.id.value.clone(),
        name: Text {
            zh: s.zh.clone(),
            en: s.en.clone(),
        },
        target_class,
        source: s.source.clone(),
        corrections: s.corrections.clone(),
    }
}

/// The errata each monitoring section cites exist (checked once the errata
/// are known).
pub fn section_corrections(path: &Path, rivers: &[River], refs: &Refs, d: &mut Diagnostics) {
    for s in rivers.iter().flat_map(|r| &r.sections) {
        refs.corrections(path, &s.corrections, d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::parse;
    use crate::validate::messages;

    /// What `check` makes of the registry `text` (the file `name`), and its
    /// messages.
    fn checked<R: serde::de::DeserializeOwned, T>(
        name: &str,
        text: &str,
        check: fn(&Path, &[R], &mut Diagnostics) -> T,
    ) -> (T, Vec<String>) {
        let p = Path::new(name);
        let mut d = Diagnostics::default();
        let made = check(p, &parse::<Vec<R>>(p, text).unwrap(), &mut d);
        (made, messages(d))
    }

    const AGENCIES: &str = "\
- id: water
  zh: 区水利局
  en: District Water Bureau
  aliases: [水利局]
  kind: district-bureau
- id: units
  zh: 区级有关单位
  en: relevant units
  kind: group
";

    const RIVERS: &str = "\
- id: laixi
  zh: 濑溪河
  en: Laixi River
  kind: river
  sections:
    - id: laixi-exit
      zh: 出境断面
      en: exit section
      target_class: Ⅲ
      source: {zh: 规划, en: the plan}
- id: yutan
  zh: 玉滩水库
  en: Yutan Reservoir
  kind: reservoir
  tributary_of: laixi
";

    #[test]
    fn agencies_become_the_model_with_their_kinds() {
        let (a, problems) = checked("agencies.yaml", AGENCIES, agencies);
        assert!(problems.is_empty());
        assert_eq!(a.len(), 2);
        assert_eq!(
            (a[0].kind, a[0].is_group),
            (AgencyKind::DistrictBureau, false)
        );
        assert_eq!((a[1].kind, a[1].is_group), (AgencyKind::Group, true));
        assert_eq!(a[0].aliases, ["水利局"]);
    }

    #[test]
    fn a_misspelt_agency_kind_suggests_the_nearest_and_a_shared_name_names_both() {
        let text = AGENCIES
            .replace("kind: group", "kind: grup")
            .replace("zh: 区级有关单位", "zh: 水利局")
            .replace("kind: district-bureau", "kind: ministry");
        assert_eq!(
            checked("agencies.yaml", &text, agencies).1,
            [
                "agencies.yaml:5:9: error: unknown agency kind `ministry`\n  help: one of: district-bureau, development-zone-bureau, town, park-administration, public-institution, coordinating-office, vertical-agency, court-procuratorate, party-organ, mass-organisation, enterprise-or-institute, group",
                "agencies.yaml:6:7: error: name `水利局` is used by both `water` and `units`",
                "agencies.yaml:9:9: error: unknown agency kind `grup`\n  help: did you mean `group`?",
            ]
        );
    }

    #[test]
    fn rivers_become_the_model_with_sections_and_classes() {
        let (r, problems) = checked("rivers.yaml", RIVERS, rivers);
        assert!(problems.is_empty());
        assert_eq!(r[0].kind, RiverKind::River);
        assert_eq!(r[0].sections[0].target_class, Some(WaterClass::III));
        assert_eq!(r[1].kind, RiverKind::Reservoir);
        assert_eq!(r[1].tributary_of.as_deref(), Some("laixi"));
    }

    /// A river named as its own tributary was "unknown", with itself as
    /// the suggestion (`did you mean `yutan`?`).
    #[test]
    fn a_river_that_is_its_own_tributary_says_so() {
        let text = RIVERS.replace("tributary_of: laixi", "tributary_of: yutan");
        assert_eq!(
            checked("rivers.yaml", &text, rivers).1,
            ["rivers.yaml:15:17: error: river `yutan` cannot be a tributary of itself"]
        );
    }

    #[test]
    fn a_river_kind_a_tributary_and_a_target_class_are_checked_where_written() {
        let text = RIVERS
            .replace("kind: reservoir", "kind: reservior")
            .replace("tributary_of: laixi", "tributary_of: laxi")
            .replace("target_class: Ⅲ", "target_class: 劣Ⅴ")
            .replace("id: laixi-exit", "id: Exit");
        assert_eq!(
            checked("rivers.yaml", &text, rivers).1,
            [
                "rivers.yaml:6:11: error: monitoring section id `Exit` must be lowercase ASCII letters, digits and hyphens\n  help: ids appear in URLs and must never change once published",
                "rivers.yaml:9:21: error: target_class `劣Ⅴ` is not a water-quality class\n  help: write one of Ⅰ Ⅱ Ⅲ Ⅳ Ⅴ",
                "rivers.yaml:14:9: error: unknown river kind `reservior`\n  help: did you mean `reservoir`?",
                "rivers.yaml:15:17: error: unknown river `laxi`\n  help: did you mean `laixi`?",
            ]
        );
    }
}
