//! The validated site: every reference resolved to an id that exists, every
//! number unique. Later stages can index without checking again.

pub use crate::load::raw::Text;
use crate::load::RawBilingualMarkdown;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The `lang` attribute value.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The URL prefix of this language's pages ("" for Chinese, "en/" for English).
    pub fn prefix(self) -> &'static str {
        match self {
            Lang::Zh => "",
            Lang::En => "en/",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

impl Text {
    /// The text in `lang`, or `None` where the translation is pending.
    pub fn get(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Zh => Some(&self.zh),
            Lang::En => self.en.as_deref().filter(|s| !s.trim().is_empty()),
        }
    }
}

/// Footer furniture, as configured.
pub type Footer = crate::load::raw::RawFooter;

#[derive(Debug, Clone)]
pub struct Config {
    pub title: Text,
    pub description: Option<Text>,
    pub base_url: Option<String>,
    /// YYYY-MM-DD, or None when the build has no date.
    pub build_date: Option<String>,
    pub footer: Footer,
    pub require_english: bool,
}

/// A glossary term: its Chinese, the English used everywhere (and accepted
/// variants), and an explanation in both languages.
#[derive(Debug, Clone)]
pub struct GlossaryEntry {
    pub id: String,
    pub zh: String,
    pub en: String,
    pub variants: Vec<String>,
    pub explain: Text,
    /// `en` and the variants as words, as the checks and term links match them.
    pub forms: Vec<Vec<String>>,
}

/// Chapters (and their sections) need no checking beyond unique numbers.
pub type Chapter = crate::load::raw::RawChapter;

#[derive(Debug, Clone)]
pub struct Indicator {
    pub number: u32,
    pub domain: Text,
    pub name: Text,
    pub binding: bool,
    pub target: Text,
    pub lead: Vec<String>,
    pub corrections: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Task {
    pub number: u32,
    pub chapter: u32,
    pub section: Option<u32>,
    pub text: Text,
    pub lead: Vec<String>,
    pub responsible: Vec<String>,
    pub rivers: Vec<String>,
    pub source_line: u32,
    pub corrections: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Project {
    pub number: u32,
    pub category: Text,
    pub name: Text,
    pub content: Text,
    pub investment: String,
    pub start_year: u32,
    pub end_year: u32,
    pub responsible: Vec<String>,
    pub rivers: Vec<String>,
    pub corrections: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct KeyTaskList {
    pub year: u32,
    pub title: Text,
    pub items: Vec<KeyTask>,
}

#[derive(Debug, Clone)]
pub struct KeyTask {
    pub number: u32,
    pub category: Text,
    pub text: Text,
    pub responsible: Vec<String>,
    pub cooperating: Vec<String>,
    pub note: Option<Text>,
    pub rivers: Vec<String>,
    pub lost: Vec<String>,
    pub corrections: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Agency {
    pub id: String,
    pub name: Text,
    pub aliases: Vec<String>,
    pub kind: String,
    pub is_group: bool,
}

#[derive(Debug, Clone)]
pub struct River {
    pub id: String,
    pub name: Text,
    pub kind: String,
    pub aliases: Vec<String>,
    pub tributary_of: Option<String>,
    pub sections: Vec<MonitoringSection>,
}

#[derive(Debug, Clone)]
pub struct MonitoringSection {
    pub id: String,
    pub name: Text,
    pub target_class: Option<String>,
    pub source: Text,
    pub corrections: Vec<String>,
}

/// An erratum holds no references to resolve.
pub type Erratum = crate::load::raw::RawErratum;

#[derive(Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub md: RawBilingualMarkdown,
}

/// The whole validated site.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    pub document: crate::load::raw::RawDocument,
    pub titles: crate::load::raw::RawPlanTitles,
    pub chapters: Vec<Chapter>,
    pub indicators: Vec<Indicator>,
    pub tasks: Vec<Task>,
    pub projects: Vec<Project>,
    pub stated_total: String,
    pub key_task_lists: Vec<KeyTaskList>,
    pub agencies: Vec<Agency>,
    pub rivers: Vec<River>,
    pub errata: BTreeMap<String, Erratum>,
    pub pages: Vec<Page>,
    pub glossary: Vec<GlossaryEntry>,
    /// ("tasks" | "agencies" | "rivers", id) → note.
    pub notes: BTreeMap<(String, String), RawBilingualMarkdown>,
}

impl Site {
    pub fn agency(&self, id: &str) -> Option<&Agency> {
        self.agencies.iter().find(|a| a.id == id)
    }
    pub fn river(&self, id: &str) -> Option<&River> {
        self.rivers.iter().find(|r| r.id == id)
    }
}
