//! Which water bodies a text concerns, found by their names and aliases
//! (一河一档 collects every item that names a river). Used by validation to
//! tag tasks, projects and key tasks, so a new alias in rivers.yaml takes
//! effect at the next build without re-importing anything.

use std::collections::BTreeSet;

pub struct RiverMatcher {
    /// (name or alias, river id), longest names first so 龙水湖水库 claims
    /// its characters before 龙水湖.
    names: Vec<(String, String)>,
    /// River ids in registry order, for a stable tag order.
    order: Vec<String>,
}

impl RiverMatcher {
    pub fn new(rivers: impl IntoIterator<Item = (String, Vec<String>)>) -> Self {
        let mut names = Vec::new();
        let mut order = Vec::new();
        for (id, ns) in rivers {
            order.push(id.clone());
            names.extend(ns.into_iter().map(|n| (n, id.clone())));
        }
        names.sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then(a.cmp(b)));
        RiverMatcher { names, order }
    }

    /// River ids named in any of `texts`, in registry order. A longer name
    /// claims its characters first, so a name inside a longer one counts once.
    pub fn find(&self, texts: &[&str]) -> Vec<String> {
        let mut found = BTreeSet::new();
        for text in texts {
            let mut masked = (*text).to_string();
            for (name, id) in &self.names {
                if masked.contains(name.as_str()) {
                    found.insert(id.as_str());
                    masked = masked.replace(name.as_str(), &"□".repeat(name.chars().count()));
                }
            }
        }
        self.order
            .iter()
            .filter(|id| found.contains(id.as_str()))
            .cloned()
            .collect()
    }

    /// `ids` without repeats, in registry order.
    pub fn order(&self, ids: impl IntoIterator<Item = String>) -> Vec<String> {
        let set: BTreeSet<String> = ids.into_iter().collect();
        self.order
            .iter()
            .filter(|id| set.contains(*id))
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rivers_by_name_and_alias() {
        let m = RiverMatcher::new([
            ("laixi".to_string(), vec!["濑溪河".to_string()]),
            ("yutan".to_string(), vec!["玉滩水库".to_string()]),
            (
                "longshui".to_string(),
                vec!["龙水湖".to_string(), "龙水湖水库".to_string()],
            ),
        ]);
        assert_eq!(
            m.find(&["加强濑溪河流域和玉滩水库保护"]),
            ["laixi", "yutan"]
        );
        assert_eq!(m.find(&["龙水湖水库水源地"]), ["longshui"]);
        assert!(m.find(&["大气"]).is_empty());
    }
}
