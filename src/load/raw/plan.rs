//! The plan files (`content/plan/*.yaml`: the document, chapters,
//! indicators, tasks, projects, yearly key tasks and errata) as raw
//! structs. `gongkai import` writes them with the same structs, so the
//! importer and the site agree on the format by construction.

use super::{Ref, Text};
use crate::load::yaml::Spanned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Declares a plan item (indicator, task, project, key task) as the
/// importer writes it: its number, its own fields, then where the source
/// document has it. The shared fields are written out here once rather
/// than flattened from a struct, because serde's `flatten` cannot be
/// combined with `deny_unknown_fields`, and a typo in any key of an item
/// must stay an error that names the accepted fields in their order, at
/// its position. `rivers;` among the fields puts the item's `rivers` there.
macro_rules! plan_item {
    (
        $(#[$attr:meta])*
        pub struct $name:ident {
            $($(#[$field_attr:meta])* pub $field:ident: $ty:ty,)*
            $(rivers; $($(#[$after_attr:meta])* pub $after:ident: $after_ty:ty,)*)?
        }
    ) => {
        $(#[$attr])*
        #[derive(Debug, Clone, Deserialize, Serialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            /// The item's number in its list (unique there).
            pub number: Spanned<u32>,
            $($(#[$field_attr])* pub $field: $ty,)*
            $(
                /// Water bodies beyond those its text names (found by name
                /// and alias).
                #[serde(default, skip_serializing_if = "Vec::is_empty")]
                pub rivers: Vec<Ref>,
                $($(#[$after_attr])* pub $after: $after_ty,)*
            )?
            /// The line of the seed text the item starts on.
            pub source_line: u32,
            /// The errata (ids of errata.yaml) that repaired its text.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub corrections: Vec<String>,
            /// Agencies the document names by an alias rather than the
            /// registry name: id → the document's wording (`emergency: 区应急局`),
            /// so the page can say that it shows the registry name instead.
            #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
            pub written_as: BTreeMap<String, String>,
        }

        impl RawPlanItem for $name {
            fn number(&self) -> &Spanned<u32> {
                &self.number
            }

            fn provenance(&self) -> RawProvenance<'_> {
                RawProvenance {
                    source_line: self.source_line,
                    corrections: &self.corrections,
                    written_as: &self.written_as,
                }
            }
        }
    };
}

/// What every plan item has, whatever its kind (the fields `plan_item!`
/// adds), so a list of any kind is checked by the same code.
pub trait RawPlanItem {
    /// The item's number in its list, where the file has it.
    fn number(&self) -> &Spanned<u32>;
    /// The shared fields that say where the source document has the item,
    /// for the one check that turns them into the model's `Provenance`.
    fn provenance(&self) -> RawProvenance<'_>;
}

/// Where the source document has a plan item, as its file says, borrowed.
#[derive(Debug, Clone, Copy)]
pub struct RawProvenance<'a> {
    pub source_line: u32,
    pub corrections: &'a [String],
    pub written_as: &'a BTreeMap<String, String>,
}

/// The disclosure metadata of the source document, as a government
/// information-disclosure catalogue shows it.
#[derive(Debug, Clone, Deserialize, Serialize, Hash)]
#[serde(deny_unknown_fields)]
pub struct RawDocument {
    pub title: Text,
    pub index_number: String,
    pub doc_number: String,
    pub subject: Text,
    pub genre: Text,
    pub issuer: Text,
    pub written: String,
    pub published: String,
    pub validity: Option<String>,
    pub source_url: Option<String>,
    pub seed: String,
    pub notice: Vec<Text>,
    pub signed_by: Text,
    pub signed_date: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, Hash)]
#[serde(deny_unknown_fields)]
pub struct RawPlanTitles {
    pub attachment1: Text,
    pub attachment2: Text,
    pub indicators: Text,
    pub tasks: Text,
    pub projects: Text,
}

#[derive(Debug, Clone, Deserialize, Serialize, Hash)]
#[serde(deny_unknown_fields)]
pub struct RawChapter {
    pub number: u32,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<RawSection>,
}

#[derive(Debug, Clone, Deserialize, Serialize, Hash)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    pub number: u32,
    pub title: Text,
}

plan_item! {
    pub struct RawIndicator {
        pub domain: Text,
        pub name: Text,
        /// 约束性 (binding) or 预期性 (expected).
        pub attribute: String,
        pub target: Text,
        pub lead: Vec<Ref>,
    }
}

plan_item! {
    pub struct RawTask {
        pub chapter: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub section: Option<u32>,
        pub text: Text,
        pub lead: Vec<Ref>,
        pub responsible: Vec<Ref>,
        rivers;
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawProjects {
    /// The total the document states, in 亿元 (100 million yuan).
    pub stated_total: String,
    pub items: Vec<RawProject>,
}

plan_item! {
    pub struct RawProject {
        pub category: Text,
        pub name: Text,
        pub content: Text,
        /// Estimated investment in 亿元, as written (decimal string, exact).
        pub investment: String,
        pub start_year: u32,
        pub end_year: u32,
        pub responsible: Vec<Ref>,
        rivers;
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawKeyTaskList {
    pub year: u32,
    pub title: Text,
    pub items: Vec<RawKeyTask>,
}

plan_item! {
    pub struct RawKeyTask {
        pub category: Text,
        pub text: Text,
        pub responsible: Vec<Ref>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub cooperating: Vec<Ref>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub note: Option<Text>,
        rivers;
        /// Fields the extraction lost entirely (e.g. `responsible`), per the errata.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub lost: Vec<String>,
    }
}

/// A repaired (or knowingly unrepaired) defect of the extracted source text.
#[derive(Debug, Clone, Deserialize, Serialize, Hash)]
#[serde(deny_unknown_fields)]
pub struct RawErratum {
    pub id: String,
    /// 1-based line of the seed text the defect is on.
    pub line: u32,
    pub raw: String,
    pub corrected: String,
    pub why: Text,
    #[serde(default)]
    pub evidence: Option<Text>,
    /// A whole cell the extraction lost (e.g. `responsible`): nothing to
    /// replace, but the row is accepted and the page says the value is lost.
    #[serde(default)]
    pub lost_field: Option<String>,
}

/// `content/plan/document.yaml`: the document and the titles of its lists.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawDocumentFile {
    pub document: RawDocument,
    pub titles: RawPlanTitles,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::parse;
    use std::path::Path;

    const KEY_TASK: &str = "\
- number: 5
  category: {zh: 水}
  text: {zh: 加强濑溪河保护}
  responsible: [water]
  lost: [note]
  source_line: 12
  corrections: [E-1]
  written_as: {water: 区水务局}
";

    fn message<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> String {
        parse::<T>(Path::new("f.yaml"), text)
            .expect_err("the text has a mistake")
            .to_string()
    }

    #[test]
    fn a_typo_in_a_shared_field_names_the_accepted_fields_in_order_at_its_place() {
        let m = message::<Vec<RawKeyTask>>(&KEY_TASK.replace("source_line", "source_lin"));
        assert_eq!(
            m,
            "f.yaml:6:3: error: unknown field `source_lin`; the accepted fields are number, \
             category, text, responsible, cooperating, note, rivers, lost, source_line, \
             corrections and written_as\n  help: did you mean `source_line`?"
        );
        let m = message::<Vec<RawKeyTask>>(&KEY_TASK.replace("written_as", "writen_as"));
        assert!(
            m.starts_with("f.yaml:8:3: error: unknown field `writen_as`"),
            "{m}"
        );
        assert!(m.ends_with("help: did you mean `written_as`?"), "{m}");
        let m = message::<Vec<RawKeyTask>>(&KEY_TASK.replace("  source_line: 12\n", ""));
        assert!(m.contains("missing field `source_line`"), "{m}");
    }

    #[test]
    fn the_shared_fields_are_read_lent_out_and_written_after_the_items_own() {
        let items: Vec<RawKeyTask> = parse(Path::new("f.yaml"), KEY_TASK).unwrap();
        let p = items[0].provenance();
        assert_eq!(p.source_line, 12);
        assert_eq!(p.corrections, ["E-1"]);
        assert_eq!(
            p.written_as.get("water").map(String::as_str),
            Some("区水务局")
        );
        let json = serde_json::to_value(&items[0]).unwrap();
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "number",
                "category",
                "text",
                "responsible",
                "lost",
                "source_line",
                "corrections",
                "written_as"
            ]
        );
    }
}
