//! Name lookup for the importer: turns the document's agency strings into
//! registry ids (by name or alias, splitting `X等区级有关单位` into the named
//! agency and the generic group).

use crate::diagnostics::did_you_mean;
use std::collections::BTreeMap;

pub struct Registries {
    /// Chinese name or alias → agency id.
    agency_names: BTreeMap<String, String>,
    /// Agency id → its registry name (the first name given).
    canonical: BTreeMap<String, String>,
}

/// An unknown name of a cell, with a did-you-mean.
pub type Unknown = (String, Option<String>);

/// One agency of a cell: its id, and the cell's own wording when that is
/// an alias rather than the registry name (区应急局 for 区应急管理局), so
/// the page can say that it shows the registry name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub id: String,
    pub written_as: Option<String>,
}

impl Registries {
    /// `agencies`: each id with its names, the registry name first.
    pub fn new(agencies: impl IntoIterator<Item = (String, Vec<String>)>) -> Self {
        let mut agency_names = BTreeMap::new();
        let mut canonical = BTreeMap::new();
        for (id, names) in agencies {
            if let Some(first) = names.first() {
                canonical.insert(id.clone(), first.clone());
            }
            for n in names {
                agency_names.insert(n, id.clone());
            }
        }
        Registries {
            agency_names,
            canonical,
        }
    }

    /// Resolve one cell. `Err((name, did_you_mean))` for the first unknown name.
    pub fn resolve_agencies(&self, cell: &str) -> Result<Vec<String>, Unknown> {
        Ok(self.resolve_cell(cell)?.into_iter().map(|r| r.id).collect())
    }

    /// Resolve one cell, keeping the wording of names given by an alias.
    pub fn resolve_cell(&self, cell: &str) -> Result<Vec<Resolved>, Unknown> {
        let mut out: Vec<Resolved> = Vec::new();
        for part in cell.split(['、', ',', '，']) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            for (id, name) in self.resolve_one(part)? {
                if out.iter().any(|r| r.id == id) {
                    continue;
                }
                let written_as = (self.canonical.get(&id) != Some(&name)).then_some(name);
                out.push(Resolved { id, written_as });
            }
        }
        Ok(out)
    }

    /// The ids a name stands for, each with the name as written for it.
    fn resolve_one(&self, name: &str) -> Result<Vec<(String, String)>, Unknown> {
        if let Some(id) = self.agency_names.get(name) {
            return Ok(vec![(id.clone(), name.to_string())]);
        }
        // "区规划和自然资源局等区级有关单位": the named agency plus the group.
        if let Some(i) = name.rfind('等') {
            let (head, tail) = (&name[..i], &name[i + '等'.len_utf8()..]);
            if let (Some(a), Some(g)) = (self.agency_names.get(head), self.agency_names.get(tail)) {
                return Ok(vec![
                    (a.clone(), head.to_string()),
                    (g.clone(), tail.to_string()),
                ]);
            }
        }
        let help = did_you_mean(name, self.agency_names.keys().map(String::as_str));
        Err((name.to_string(), help))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reg() -> Registries {
        Registries::new([
            ("planning".into(), vec!["区规划和自然资源局".into()]),
            (
                "culture-tourism".into(),
                vec!["区文化旅游委".into(), "区文旅委".into()],
            ),
            ("district-units".into(), vec!["区级有关单位".into()]),
        ])
    }

    #[test]
    fn splits_named_agency_from_group() {
        assert_eq!(
            reg()
                .resolve_agencies("区规划和自然资源局等区级有关单位")
                .unwrap(),
            ["planning", "district-units"]
        );
    }

    #[test]
    fn aliases_resolve_to_one_id() {
        assert_eq!(
            reg().resolve_agencies("区文旅委、区文化旅游委").unwrap(),
            ["culture-tourism"]
        );
    }

    #[test]
    fn an_alias_keeps_its_wording() {
        let r = reg()
            .resolve_cell("区文旅委、区规划和自然资源局等区级有关单位")
            .unwrap();
        assert_eq!(
            r,
            [
                Resolved {
                    id: "culture-tourism".into(),
                    written_as: Some("区文旅委".into())
                },
                Resolved {
                    id: "planning".into(),
                    written_as: None
                },
                Resolved {
                    id: "district-units".into(),
                    written_as: None
                },
            ]
        );
        // The registry name wins over an alias of the same agency in one cell.
        let r = reg().resolve_cell("区文化旅游委、区文旅委").unwrap();
        assert_eq!(r[0].written_as, None);
    }

    #[test]
    fn unknown_agency_suggests() {
        let (name, help) = reg().resolve_agencies("区文化旅游局").unwrap_err();
        assert_eq!(name, "区文化旅游局");
        assert_eq!(help.as_deref(), Some("did you mean `区文化旅游委`?"));
    }
}
