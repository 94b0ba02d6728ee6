//! How every check points at the spot it is about (`at`), names an unknown
//! value with the nearest known one (`unknown`), and resolves references to
//! the registries and the errata (`Refs`). The registries are checked first,
//! so everything after them asks `Refs` whether an id exists.

use super::rivers::RiverMatcher;
use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics};
use crate::load::raw::Ref;
use crate::load::yaml::{line_col, Spanned};
use crate::model::{Agency, Erratum, River};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A diagnostic at the position of a value.
pub(super) fn at<T>(path: &Path, s: &Spanned<T>, msg: impl Into<String>) -> Diagnostic {
    let (l, c) = line_col(s);
    Diagnostic::new(path, l, c, msg)
}

/// `unknown {what} `value``, with the nearest known id as a suggestion.
pub(super) fn unknown<'a>(
    path: &Path,
    s: &Spanned<String>,
    what: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Diagnostic {
    at(path, s, format!("unknown {what} `{}`", s.value))
        .with_help_opt(did_you_mean(&s.value, known))
}

/// The ids references may name: agencies, rivers (and the names that tag
/// an item with a river), errata.
pub struct Refs {
    pub(super) agencies: BTreeSet<String>,
    pub(super) rivers: BTreeSet<String>,
    errata: BTreeSet<String>,
    matcher: RiverMatcher,
}

impl Refs {
    pub fn new(agencies: &[Agency], rivers: &[River], errata: &BTreeMap<String, Erratum>) -> Refs {
        Refs {
            agencies: agencies.iter().map(|a| a.id.clone()).collect(),
            rivers: rivers.iter().map(|r| r.id.clone()).collect(),
            errata: errata.keys().cloned().collect(),
            matcher: RiverMatcher::new(rivers.iter().map(|r| {
                let mut names = vec![r.name.zh.clone()];
                names.extend(r.aliases.iter().cloned());
                (r.id.clone(), names)
            })),
        }
    }

    /// The agency ids of `refs`, each checked.
    pub fn agencies(&self, path: &Path, refs: &[Ref], d: &mut Diagnostics) -> Vec<String> {
        Self::resolve(path, refs, &self.agencies, "agency", "agencies.yaml", d)
    }

    /// The explicit river tags (checked) plus every river the texts name, in
    /// registry order.
    pub fn rivers(
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

    /// The erratum ids of a `corrections` list, each checked (errata
    /// carry no positions, so the file is named).
    pub fn corrections(&self, path: &Path, ids: &[String], d: &mut Diagnostics) -> Vec<String> {
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
    pub fn written_as(
        path: &Path,
        number: &Spanned<u32>,
        map: &BTreeMap<String, String>,
        agencies: &[&Ref],
        d: &mut Diagnostics,
    ) -> BTreeMap<String, String> {
        for id in map.keys() {
            if !agencies.iter().any(|a| &a.value == id) {
                d.push(
                    at(
                        path,
                        number,
                        format!("`written_as` names `{id}`, which is not one of the item's agencies"),
                    )
                    .with_help("written_as is written by `gongkai import`: re-import instead of editing it"),
                );
            }
        }
        map.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AgencyKind, RiverKind, Text};

    fn refs() -> Refs {
        let agency = Agency {
            id: "water".into(),
            name: Text::default(),
            aliases: Vec::new(),
            kind: AgencyKind::DistrictBureau,
            is_group: false,
        };
        let river = River {
            id: "laixi".into(),
            name: Text {
                zh: "濑溪河".into(),
                en: None,
            },
            kind: RiverKind::River,
            aliases: vec!["濑溪".into()],
            tributary_of: None,
            sections: Vec::new(),
        };
        Refs::new(&[agency], &[river], &BTreeMap::new())
    }

    fn spanned(yaml: &str) -> Vec<Ref> {
        crate::load::yaml::parse(Path::new("t.yaml"), yaml).unwrap()
    }

    #[test]
    fn a_known_agency_resolves_and_an_unknown_one_points_at_itself() {
        let mut d = Diagnostics::default();
        let ids = refs().agencies(
            Path::new("t.yaml"),
            &spanned("- water\n- watr\n- x\n"),
            &mut d,
        );
        assert_eq!(ids, ["water"]);
        let d: Vec<String> = d.into_sorted().iter().map(|d| d.to_string()).collect();
        assert_eq!(
            d,
            [
                "t.yaml:2:3: error: unknown agency `watr`\n  help: did you mean `water`?",
                "t.yaml:3:3: error: unknown agency `x`\n  help: agency ids are defined in agencies.yaml",
            ]
        );
    }

    #[test]
    fn rivers_are_tagged_by_name_and_an_unknown_erratum_names_the_file() {
        let mut d = Diagnostics::default();
        let r = refs();
        assert_eq!(
            r.rivers(Path::new("t.yaml"), &[], &["治理濑溪"], &mut d),
            ["laixi"]
        );
        r.corrections(Path::new("t.yaml"), &["e1".into()], &mut d);
        let d: Vec<String> = d.into_sorted().iter().map(|d| d.to_string()).collect();
        assert_eq!(d, ["t.yaml: error: unknown erratum `e1` in corrections"]);
    }
}
