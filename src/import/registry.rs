//! Name lookup for the importer: turns the document's agency strings into
//! registry ids (by name or alias, splitting `X等区级有关单位` into the named
//! agency and the generic group).

use crate::diagnostics::did_you_mean;
use std::collections::BTreeMap;

pub struct Registries {
    /// Chinese name or alias → agency id.
    agency_names: BTreeMap<String, String>,
}

impl Registries {
    pub fn new(agencies: impl IntoIterator<Item = (String, Vec<String>)>) -> Self {
        let mut agency_names = BTreeMap::new();
        for (id, names) in agencies {
            for n in names {
                agency_names.insert(n, id.clone());
            }
        }
        Registries { agency_names }
    }

    /// Resolve one cell. `Err((name, did_you_mean))` for the first unknown name.
    pub fn resolve_agencies(&self, cell: &str) -> Result<Vec<String>, (String, Option<String>)> {
        let mut ids: Vec<String> = Vec::new();
        for part in cell.split(['、', ',', '，']) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            for id in self.resolve_one(part)? {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        Ok(ids)
    }

    fn resolve_one(&self, name: &str) -> Result<Vec<String>, (String, Option<String>)> {
        if let Some(id) = self.agency_names.get(name) {
            return Ok(vec![id.clone()]);
        }
        // "区规划和自然资源局等区级有关单位": the named agency plus the group.
        if let Some(i) = name.rfind('等') {
            let (head, tail) = (&name[..i], &name[i + '等'.len_utf8()..]);
            if let (Some(a), Some(g)) = (self.agency_names.get(head), self.agency_names.get(tail)) {
                return Ok(vec![a.clone(), g.clone()]);
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
    fn unknown_agency_suggests() {
        let (name, help) = reg().resolve_agencies("区文化旅游局").unwrap_err();
        assert_eq!(name, "区文化旅游局");
        assert_eq!(help.as_deref(), Some("did you mean `区文化旅游委`?"));
    }
}
