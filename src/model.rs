//! The validated site: every reference resolved to an id that exists, every
//! number unique, every kind one of its enum's words (`kinds`). Later stages
//! can index without checking again.

mod kinds;

pub mod amount;
pub mod open_data;

pub use crate::load::raw::Text;
use crate::load::RawBilingualMarkdown;
pub use kinds::{AgencyKind, Direction, RiverKind, Vocabulary, WaterClass};
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

#[derive(Debug, Clone, Hash)]
pub struct Config {
    pub title: Text,
    pub description: Option<Text>,
    pub base_url: Option<String>,
    /// YYYY-MM-DD, or None when the build has no date.
    pub build_date: Option<String>,
    pub footer: Footer,
    pub require_english: bool,
    /// The git commit of the content, shown in the footer.
    pub commit: Option<String>,
    /// The checked `feedback_url` template (see `validate::feedback`).
    pub feedback_url: Option<String>,
    pub data_licence: Option<Text>,
}

/// A glossary term: its Chinese, the English used everywhere (and accepted
/// variants), and an explanation in both languages.
#[derive(Debug, Clone, Hash)]
pub struct GlossaryEntry {
    pub id: String,
    pub zh: String,
    pub en: String,
    pub variants: Vec<String>,
    pub explain: Text,
    /// `en` and the variants as words, as the checks and term links match them.
    pub forms: Vec<Vec<String>>,
}

/// Where the source document states a plan item, and what the import did
/// to its text on the way in (the fields of `load::raw::RawProvenance`,
/// checked).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Provenance {
    /// The line of the source text that states it.
    pub source_line: u32,
    /// Ids of the errata that repaired its text (each a known erratum).
    pub corrections: Vec<String>,
    /// Agencies the document names by an alias: id → its wording (each id
    /// one of the item's agencies).
    pub written_as: BTreeMap<String, String>,
}

/// Chapters (and their sections) need no checking beyond unique numbers.
pub type Chapter = crate::load::raw::RawChapter;

#[derive(Debug, Clone, Hash)]
pub struct Indicator {
    pub number: u32,
    pub domain: Text,
    pub name: Text,
    pub binding: bool,
    pub target: Text,
    pub lead: Vec<String>,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, Default, Hash)]
pub struct Task {
    pub number: u32,
    pub chapter: u32,
    pub section: Option<u32>,
    pub text: Text,
    pub lead: Vec<String>,
    pub responsible: Vec<String>,
    pub rivers: Vec<String>,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, Hash)]
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
    pub provenance: Provenance,
}

#[derive(Debug, Clone, Hash)]
pub struct KeyTaskList {
    pub year: u32,
    pub title: Text,
    pub items: Vec<KeyTask>,
}

#[derive(Debug, Clone, Default, Hash)]
pub struct KeyTask {
    pub number: u32,
    pub category: Text,
    pub text: Text,
    pub responsible: Vec<String>,
    pub cooperating: Vec<String>,
    pub note: Option<Text>,
    pub rivers: Vec<String>,
    pub lost: Vec<String>,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, Hash)]
pub struct Agency {
    pub id: String,
    pub name: Text,
    pub aliases: Vec<String>,
    pub kind: AgencyKind,
    pub is_group: bool,
}

#[derive(Debug, Clone, Hash)]
pub struct River {
    pub id: String,
    pub name: Text,
    pub kind: RiverKind,
    pub aliases: Vec<String>,
    pub tributary_of: Option<String>,
    pub sections: Vec<MonitoringSection>,
}

#[derive(Debug, Clone, Hash)]
pub struct MonitoringSection {
    pub id: String,
    pub name: Text,
    pub target_class: Option<WaterClass>,
    pub source: Text,
    pub corrections: Vec<String>,
}

/// An erratum holds no references to resolve.
pub type Erratum = crate::load::raw::RawErratum;

#[derive(Debug, Clone, Hash)]
pub struct Page {
    pub slug: String,
    pub md: RawBilingualMarkdown,
}

/// A task or key task that asks for something to be made public, and how
/// the portal meets it (`content/duties.yaml`).
#[derive(Debug, Clone, Hash)]
pub struct Duty {
    pub subject: Subject,
    pub asks: Text,
    /// Language-neutral site paths of the pages that meet it (`rivers/laixi/`),
    /// each with where it was written, for the check against the built pages.
    pub pages: Vec<(String, Position)>,
    pub not_met: Option<Text>,
}

impl Duty {
    /// Met (pages, nothing outstanding), partly met (both) or not met yet.
    pub fn state(&self) -> DutyState {
        match (self.pages.is_empty(), self.not_met.is_some()) {
            (false, false) => DutyState::Met,
            (false, true) => DutyState::PartlyMet,
            (true, _) => DutyState::NotMet,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DutyState {
    Met,
    PartlyMet,
    NotMet,
}

impl DutyState {
    pub fn key(self) -> &'static str {
        match self {
            DutyState::Met => "met",
            DutyState::PartlyMet => "partly-met",
            DutyState::NotMet => "not-met",
        }
    }
}

/// A place in a content file, for a check that runs after validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    pub file: std::path::PathBuf,
    pub line: u64,
    pub column: u64,
}

/// Hashed (for the pages' fingerprints) by the file's name, not the path
/// it was read by, as `load::RawMarkdown` is: the path is only shown in
/// messages, and `--content content` and its full path are one folder.
impl std::hash::Hash for Position {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.file.file_name().hash(state);
        self.line.hash(state);
        self.column.hash(state);
    }
}

/// The checked plan lists, each sorted by number (key-task lists by file).
#[derive(Debug, Clone, Hash)]
pub struct Plan {
    pub chapters: Vec<Chapter>,
    pub indicators: Vec<Indicator>,
    pub tasks: Vec<Task>,
    pub projects: Vec<Project>,
    /// The total investment the document states, as written.
    pub stated_total: String,
    pub key_task_lists: Vec<KeyTaskList>,
}

/// The whole validated site.
#[derive(Debug, Clone, Hash)]
pub struct Site {
    pub config: Config,
    pub document: crate::load::raw::RawDocument,
    pub titles: crate::load::raw::RawPlanTitles,
    /// The plan's lists: chapters, indicators, tasks, projects, key tasks.
    pub plan: Plan,
    pub agencies: Vec<Agency>,
    pub rivers: Vec<River>,
    pub errata: BTreeMap<String, Erratum>,
    pub pages: Vec<Page>,
    pub glossary: Vec<GlossaryEntry>,
    /// Sorted by date, then id.
    pub updates: Vec<Update>,
    pub indicator_directions: BTreeMap<u32, Direction>,
    /// Sorted by indicator, then year.
    pub indicator_values: Vec<IndicatorValue>,
    pub water_sources: Vec<WaterSource>,
    pub schedules: Vec<Schedule>,
    /// Sorted by schedule, then period.
    pub publications: Vec<Publication>,
    /// Files under content/files/ (path relative to it), published at /files/.
    pub files: Vec<String>,
    /// ("tasks" | "agencies" | "rivers", id) → note.
    pub notes: BTreeMap<(String, String), RawBilingualMarkdown>,
    /// The items' history of edits, from git (read with the surroundings).
    pub history: std::sync::Arc<crate::history::History>,
    /// The plan's disclosure duties, in the order of duties.yaml.
    pub duties: Vec<Duty>,
}

impl Site {
    pub fn agency(&self, id: &str) -> Option<&Agency> {
        self.agencies.iter().find(|a| a.id == id)
    }
    pub fn river(&self, id: &str) -> Option<&River> {
        self.rivers.iter().find(|r| r.id == id)
    }
    /// The key-task list of `year` (one per `plan/key-tasks-YEAR.yaml`);
    /// `key_task_lists` holds them all, in year order.
    pub fn key_task_list(&self, year: u32) -> Option<&KeyTaskList> {
        self.plan.key_task_lists.iter().find(|l| l.year == year)
    }
}

/// The reported state of a task, indicator, project or key task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// No update names it: shown distinctly, never as 0%.
    NotAssessed,
    NotStarted,
    InProgress,
    Delayed,
    Completed,
    /// A standing duty: never "completed", never overdue.
    Ongoing,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::NotAssessed,
        Status::NotStarted,
        Status::InProgress,
        Status::Delayed,
        Status::Completed,
        Status::Ongoing,
    ];
    /// The values staff write in an update's `status:`.
    pub const REPORTABLE: [&'static str; 5] = [
        "not-started",
        "in-progress",
        "completed",
        "delayed",
        "ongoing",
    ];

    pub fn key(self) -> &'static str {
        match self {
            Status::NotAssessed => "not-assessed",
            Status::NotStarted => "not-started",
            Status::InProgress => "in-progress",
            Status::Delayed => "delayed",
            Status::Completed => "completed",
            Status::Ongoing => "ongoing",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL
            .into_iter()
            .find(|st| st.key() == s && *st != Status::NotAssessed)
    }
}

/// What an update reports on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subject {
    Task(u32),
    Indicator(u32),
    Project(u32),
    KeyTask(u32, u32),
}

impl Subject {
    /// `task/8`, `key-task/2022/5` …, as written in an update.
    pub fn parse(s: &str) -> Option<Subject> {
        let parts: Vec<&str> = s.split('/').collect();
        let n = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
        match (parts.first().copied(), parts.len()) {
            (Some("task"), 2) => Some(Subject::Task(n(1)?)),
            (Some("indicator"), 2) => Some(Subject::Indicator(n(1)?)),
            (Some("project"), 2) => Some(Subject::Project(n(1)?)),
            (Some("key-task"), 3) => Some(Subject::KeyTask(n(1)?, n(2)?)),
            _ => None,
        }
    }

    /// As written in an update's `subjects` (`task/8`, `key-task/2022/5`).
    pub fn key(self) -> String {
        match self {
            Subject::Task(n) => format!("task/{n}"),
            Subject::Indicator(n) => format!("indicator/{n}"),
            Subject::Project(n) => format!("project/{n}"),
            Subject::KeyTask(y, n) => format!("key-task/{y}/{n}"),
        }
    }

    /// The subject's page, language-neutral (`tasks/8/`).
    pub fn path(self) -> String {
        match self {
            Subject::Task(n) => format!("tasks/{n}/"),
            Subject::Indicator(n) => format!("indicators/{n}/"),
            Subject::Project(n) => format!("projects/{n}/"),
            Subject::KeyTask(y, n) => format!("key-tasks/{y}/{n}/"),
        }
    }
}

#[derive(Debug, Clone, Hash)]
pub struct Evidence {
    pub title: Text,
    /// An external URL, or a site path (`/files/…`) for a file under content/files/.
    pub href: String,
}

/// A progress update as staff recorded it.
#[derive(Debug, Clone, Hash)]
pub struct Update {
    /// The file name without `.md`: stable, used in feeds and by import-sheet.
    pub id: String,
    pub subjects: Vec<Subject>,
    /// YYYY-MM-DD.
    pub date: String,
    pub status: Status,
    pub percent: Option<u8>,
    pub reporter: String,
    pub evidence: Vec<Evidence>,
    pub body_zh: String,
    pub body_en: Option<String>,
}

#[derive(Debug, Clone, Hash)]
pub struct IndicatorValue {
    pub indicator: u32,
    pub year: u32,
    pub value: String,
    pub source: Text,
    pub note: Option<Text>,
}

/// A centralised drinking-water source.
#[derive(Debug, Clone, Hash)]
pub struct WaterSource {
    pub id: String,
    pub name: Text,
    pub water_body: String,
    pub basis: Text,
}

/// A reporting period: a month (n = 1–12) or a quarter (n = 1–4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub year: u32,
    pub n: u32,
    pub quarterly: bool,
}

impl Period {
    /// `2022-07` (a month) or `2022-Q3` (a quarter).
    pub fn parse(s: &str) -> Option<Period> {
        let (y, rest) = s.split_once('-')?;
        let year: u32 = y.parse().ok().filter(|y| (2000..=2100).contains(y))?;
        let (n, quarterly) = match rest.strip_prefix('Q') {
            Some(q) => (q.parse().ok().filter(|q| (1..=4).contains(q))?, true),
            None if rest.len() == 2 => (rest.parse().ok().filter(|m| (1..=12).contains(m))?, false),
            None => return None,
        };
        Some(Period { year, n, quarterly })
    }

    pub fn label(self) -> String {
        if self.quarterly {
            format!("{}-Q{}", self.year, self.n)
        } else {
            format!("{}-{:02}", self.year, self.n)
        }
    }

    /// The last day of the period.
    pub fn end(self) -> String {
        let month = if self.quarterly { self.n * 3 } else { self.n };
        let day = crate::dates::days_in_month(self.year, month).unwrap_or(31);
        format!("{:04}-{month:02}-{day:02}", self.year)
    }

    pub fn next(self) -> Period {
        let last = if self.quarterly { 4 } else { 12 };
        if self.n == last {
            Period {
                year: self.year + 1,
                n: 1,
                ..self
            }
        } else {
            Period {
                n: self.n + 1,
                ..self
            }
        }
    }
}

/// A publication the plan requires every month or quarter.
#[derive(Debug, Clone, Hash)]
pub struct Schedule {
    pub id: String,
    pub what: Text,
    pub from: Period,
    pub due_days: u32,
    pub basis: Text,
}

#[derive(Debug, Clone, Hash)]
pub struct WaterResult {
    pub site: String,
    pub class: WaterClass,
    pub meets_standard: Option<bool>,
}

/// A publication that was made.
#[derive(Debug, Clone, Hash)]
pub struct Publication {
    pub schedule: String,
    pub period: Period,
    pub published: String,
    pub title: Text,
    pub url: Option<String>,
    pub results: Vec<WaterResult>,
}
