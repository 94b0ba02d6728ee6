//! Raw content structs: exactly what the YAML files say, before any check
//! against the rest of the site. References to agencies and rivers keep their
//! position (`Spanned`) so validation can point at them. Every struct denies
//! unknown fields, so a typo in a key is an error that names the allowed ones.
//!
//! The plan files are in `plan`; the other files' structs are here.

mod plan;

use super::yaml::Spanned;
pub use plan::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A text in both languages. `en` is absent while the translation is pending.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, Default, Hash)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub zh: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

pub type Ref = Spanned<String>;

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

#[derive(Debug, Clone, Deserialize, Default, Hash)]
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
#[derive(Debug, Clone, Deserialize, Default, Hash)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Hash)]
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
