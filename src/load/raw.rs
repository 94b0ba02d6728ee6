//! Raw content structs: exactly what the YAML files say, before any check
//! against the rest of the site. References to agencies and rivers keep their
//! position (`Spanned`) so validation can point at them. Every struct denies
//! unknown fields, so a typo in a key is an error that names the allowed ones.
//!
//! The plan files (`content/plan/*.yaml`) are written by `gongkai import` with
//! the same structs, so the importer and the site agree on the format by
//! construction.

use super::yaml::Spanned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A text in both languages. `en` is absent while the translation is pending.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub zh: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

pub type Ref = Spanned<String>;

/// Declares a plan item (indicator, task, project, key task) as the
/// importer writes it: its number, its own fields, then where the source
/// document has it. The shared fields are written out here once rather
/// than flattened from a struct, because serde's `flatten` cannot be
/// combined with `deny_unknown_fields`, and a typo in any key of an item
/// must stay an error that names the accepted fields in their order, at
/// its position.
macro_rules! plan_item {
    (
        $(#[$attr:meta])*
        pub struct $name:ident {
            $($(#[$field_attr:meta])* pub $field:ident: $ty:ty,)*
        }
    ) => {
        $(#[$attr])*
        #[derive(Debug, Clone, Deserialize, Serialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            /// The item's number in its list (unique there).
            pub number: Spanned<u32>,
            $($(#[$field_attr])* pub $field: $ty,)*
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

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    pub title: Text,
    #[serde(default)]
    pub description: Option<Text>,
    /// Absolute URL of the deployed site, e.g. `https://example.gov.cn/ghjh/`.
    #[serde(default)]
    pub base_url: Option<String>,
    /// The date the build is "as of" (YYYY-MM-DD); SOURCE_DATE_EPOCH overrides.
    #[serde(default)]
    pub build_date: Option<Spanned<String>>,
    #[serde(default)]
    pub footer: Option<RawFooter>,
    /// Fail the build when any text lacks its English (otherwise the
    /// English pages show the Chinese marked "translation pending", and
    /// `check` lists what is missing as warnings).
    #[serde(default)]
    pub require_english: bool,
    /// The naming rule of the agency registry, which `check` enforces: an
    /// agency whose Chinese name starts with `zh_prefix` has an English name
    /// that contains `en` (区… → "Dazu District"); the longest prefix wins.
    #[serde(default)]
    pub agency_names: Vec<RawNamingRule>,
    /// Where a reader reports a problem with an item: an http(s) URL or a
    /// `mailto:` address in which `{id}`, `{title}` and `{url}` stand for
    /// the item's identity. Without it, item pages carry no such link.
    #[serde(default)]
    pub feedback_url: Option<Spanned<String>>,
    /// The licence of the published data, as the publisher declares it;
    /// without it the pages say that no licence has been declared.
    #[serde(default)]
    pub data_licence: Option<Text>,
}

/// One line of the agency naming rule (`agency_names` in config.yaml).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNamingRule {
    pub zh_prefix: String,
    pub en: String,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawFooter {
    #[serde(default)]
    pub sponsor: Option<Text>,
    #[serde(default)]
    pub contact: Option<Text>,
    #[serde(default)]
    pub site_code: Option<String>,
    #[serde(default)]
    pub icp: Option<String>,
    #[serde(default)]
    pub police: Option<String>,
}

/// The disclosure metadata of the source document, as a government
/// information-disclosure catalogue shows it.
#[derive(Debug, Clone, Deserialize, Serialize)]
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

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlanTitles {
    pub attachment1: Text,
    pub attachment2: Text,
    pub indicators: Text,
    pub tasks: Text,
    pub projects: Text,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawChapter {
    pub number: u32,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<RawSection>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
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
        /// Water bodies beyond those its text names (found by name and alias).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub rivers: Vec<Ref>,
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
        /// Water bodies beyond those its text names (found by name and alias).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub rivers: Vec<Ref>,
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
        /// Water bodies beyond those its text names (found by name and alias).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub rivers: Vec<Ref>,
        /// Fields the extraction lost entirely (e.g. `responsible`), per the errata.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub lost: Vec<String>,
    }
}

/// A repaired (or knowingly unrepaired) defect of the extracted source text.
#[derive(Debug, Clone, Deserialize, Serialize)]
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

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAgency {
    pub id: Spanned<String>,
    pub zh: String,
    pub en: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub kind: Spanned<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRiver {
    pub id: Spanned<String>,
    pub zh: String,
    pub en: Option<String>,
    pub kind: Spanned<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub tributary_of: Option<Ref>,
    #[serde(default)]
    pub sections: Vec<RawMonitoringSection>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMonitoringSection {
    pub id: Spanned<String>,
    pub zh: String,
    pub en: Option<String>,
    /// Target water-quality class (I–V) or absent when the source lost it.
    #[serde(default)]
    pub target_class: Option<Spanned<String>>,
    pub source: Text,
    #[serde(default)]
    pub corrections: Vec<String>,
}

/// Front matter of a markdown file (commentary page or a note on a subject).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub weight: Option<i64>,
    /// A generated list the commentary page shows below its text.
    #[serde(default)]
    pub shows: Option<RawPageList>,
}

/// The generated lists a commentary page may show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RawPageList {
    /// The plan's disclosure duties and how the portal meets them (`duties.yaml`).
    DisclosureDuties,
}

/// One entry of `content/duties.yaml` (hand-curated): a task or key task
/// of the plan that asks for something to be made public, what it asks,
/// and the portal pages that meet it, or why it is not met yet.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDuty {
    /// `task/N` or `key-task/YEAR/N`.
    pub subject: Spanned<String>,
    /// What the text asks to be published, quoted or summarised.
    pub asks: Spanned<Text>,
    /// Site paths of the pages that meet it (`/rivers/laixi/`).
    #[serde(default)]
    pub pages: Vec<Spanned<String>>,
    /// Why it is not met (or not wholly met) yet.
    #[serde(default)]
    pub not_met: Option<Spanned<Text>>,
}

/// `content/plan/document.yaml`: the document and the titles of its lists.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawDocumentFile {
    pub document: RawDocument,
    pub titles: RawPlanTitles,
}

/// One entry of `content/glossary.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGlossaryEntry {
    pub id: Spanned<String>,
    pub zh: Spanned<String>,
    /// The English form used everywhere.
    pub en: String,
    /// Other acceptable English forms (plurals are accepted anyway).
    #[serde(default)]
    pub variants: Vec<String>,
    /// Wordings not to use for this term (the English edition keeps one
    /// form per term); `check` names them where a text uses one.
    #[serde(default)]
    pub avoid: Vec<String>,
    pub explain: RawExplain,
}

/// An explanation in both languages (both required).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExplain {
    pub zh: String,
    pub en: String,
}

/// The front matter of a progress update (`content/updates/*.md`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUpdateFront {
    /// What the update reports on: `task/8`, `indicator/3`, `project/12`,
    /// `key-task/2022/5`.
    pub subjects: Vec<Spanned<String>>,
    /// The date the report is as of (YYYY-MM-DD).
    pub date: Spanned<String>,
    /// not-started, in-progress, completed, delayed or ongoing.
    pub status: Spanned<String>,
    #[serde(default)]
    pub percent: Option<Spanned<i64>>,
    /// The reporting agency (an id of agencies.yaml).
    pub reporter: Ref,
    #[serde(default)]
    pub evidence: Vec<RawEvidence>,
}

/// A link to an official notice, or a file kept under `content/files/`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvidence {
    pub title: Text,
    #[serde(default)]
    pub url: Option<Spanned<String>>,
    #[serde(default)]
    pub file: Option<Spanned<String>>,
}

/// `content/indicators/values.yaml`: the direction of each indicator's
/// target and the values reported for it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIndicatorValues {
    /// indicator number → at-least, at-most or meet-city-target.
    #[serde(default)]
    pub directions: BTreeMap<u32, Spanned<String>>,
    #[serde(default)]
    pub values: Vec<RawIndicatorValue>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIndicatorValue {
    pub indicator: Spanned<u32>,
    pub year: Spanned<u32>,
    /// As published (decimal string).
    pub value: Spanned<String>,
    pub source: Text,
    #[serde(default)]
    pub note: Option<Text>,
}

/// `content/water/disclosure.yaml`: the water-safety publications the plan
/// requires (2022 key task 19), the drinking-water sources, and what was
/// actually published.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawWater {
    #[serde(default)]
    pub sources: Vec<RawWaterSource>,
    #[serde(default)]
    pub schedules: Vec<RawSchedule>,
    #[serde(default)]
    pub publications: Vec<RawPublication>,
}

/// A centralised drinking-water source.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWaterSource {
    pub id: Spanned<String>,
    pub name: Text,
    /// The river or reservoir it draws from (rivers.yaml id).
    pub water_body: Ref,
    /// Where the plan names it.
    pub basis: Text,
}

/// A publication the plan requires every month or quarter.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSchedule {
    pub id: Spanned<String>,
    pub what: Text,
    /// `month` or `quarter`.
    pub every: Spanned<String>,
    /// The first period (YYYY-MM or YYYY-Qn).
    pub from: Spanned<String>,
    /// Days after a period ends by which its publication is due.
    pub due_days: u32,
    pub basis: Text,
}

/// One publication that was made.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPublication {
    pub schedule: Ref,
    /// YYYY-MM or YYYY-Qn.
    pub period: Spanned<String>,
    pub published: Spanned<String>,
    pub title: Text,
    #[serde(default)]
    pub url: Option<Spanned<String>>,
    /// Measured water-quality class per monitoring section or source.
    #[serde(default)]
    pub results: Vec<RawResult>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawResult {
    /// A monitoring section id (rivers.yaml) or a source id.
    pub site: Ref,
    /// Ⅰ–Ⅴ, or 劣Ⅴ.
    pub class: Spanned<String>,
    /// Whether the published result says the site met its standard.
    #[serde(default)]
    pub meets_standard: Option<bool>,
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
