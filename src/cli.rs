//! The command line: one `Args` struct per subcommand (clap derive), and
//! where every argument's default resolves (the content folder, the theme
//! folder, `seeds/` and `archive/` beside the content, serve's address, a
//! snapshot's date, output files), so commands and the pipeline receive
//! values, never "maybe". A command line that asks for what cannot be is a
//! [`Problem`].

pub use crate::diagnostics::Problem;
use crate::env::Surroundings;
use crate::model::Subject;
use crate::pipeline::Inputs;
use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};

#[derive(Debug, Parser)]
#[command(
    name = "gongkai",
    version,
    about = "公开 gongkai: a static site generator for bilingual government plan disclosure portals"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the portal into a folder of plain files (default `public/`).
    Build(BuildArgs),
    /// Validate the content and every internal link; write nothing.
    Check(SiteArgs),
    /// Build, serve on 127.0.0.1, rebuild on every change and reload the open page.
    Serve(ServeArgs),
    /// Import the source document into the plan data of `content/plan/`.
    Import(ImportArgs),
    /// Write a synthetic plan of N tasks (for the benchmark).
    Scale(ScaleArgs),
    /// Freeze the portal as of a date into archive/YEAR/ (checksummed, offline-browsable).
    Snapshot(SnapshotArgs),
    /// Write an agency's tasks and key tasks as an XLSX to fill in.
    ExportSheet(ExportSheetArgs),
    /// Turn a filled sheet from export-sheet into update files.
    ImportSheet(ImportSheetArgs),
    /// Write a ready-to-fill content file and print its path.
    #[command(subcommand)]
    New(NewCommand),
    /// Print the history of one item from git (task/8, key-task/2022/5, project/3, indicator/2).
    History(HistoryArgs),
}

#[derive(Debug, Args, Clone)]
pub struct HistoryArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The item, as its page's address names it: task/8, key-task/2022/5, project/3, indicator/2.
    #[arg(value_name = "ID")]
    pub id: String,
    /// In English (default: Chinese, as the site's first language).
    #[arg(long)]
    pub en: bool,
}

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A progress update on a task, indicator, project or yearly key task.
    Update(NewUpdateArgs),
}

#[derive(Debug, Args, Clone)]
#[command(group(clap::ArgGroup::new("subject").required(true).args(["task", "indicator", "project", "key_task"])))]
pub struct NewUpdateArgs {
    /// The content folder.
    #[arg(long, value_name = "DIR", default_value = "content")]
    pub content: PathBuf,
    /// The task's number in the plan.
    #[arg(long, value_name = "N")]
    pub task: Option<u32>,
    /// The indicator's number.
    #[arg(long, value_name = "N")]
    pub indicator: Option<u32>,
    /// The project's number.
    #[arg(long, value_name = "N")]
    pub project: Option<u32>,
    /// A yearly key task, as YEAR/N (e.g. 2022/5).
    #[arg(long, value_name = "YEAR/N")]
    pub key_task: Option<String>,
    /// The reporting agency's id (default: the subject's first lead or responsible agency).
    #[arg(long, value_name = "ID")]
    pub reporter: Option<String>,
    /// The as-of date, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

/// Where the site's inputs are.
#[derive(Debug, Args, Clone)]
pub struct SiteArgs {
    /// The content folder (YAML plan data, markdown). Default: `content/` of
    /// the current folder, else the repository's embedded Dazu plan.
    #[arg(long, value_name = "DIR")]
    pub content: Option<PathBuf>,
    /// The theme folder (templates/, static/, i18n.yaml). Default: `themes/default`
    /// beside the content folder, else the theme built into the binary.
    #[arg(long, value_name = "DIR")]
    pub theme: Option<PathBuf>,
    /// The site's absolute URL, e.g. https://example.gov.cn/ghjh/ (used for
    /// canonical links and feeds; pages link to each other relatively).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

#[derive(Debug, Args, Clone)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The output folder; replaced only when a build succeeds.
    #[arg(long, short, value_name = "DIR", default_value = "public")]
    pub out: PathBuf,
    /// Build into a folder that holds files gongkai did not write (they are kept).
    #[arg(long)]
    pub force: bool,
    /// Print the time spent in each stage (load, validate, derive, render, minify, open data, search index, link check, write).
    #[arg(long)]
    pub timings: bool,
    #[command(flatten)]
    pub features: FeatureArgs,
}

/// Optional outputs that can be left out (for benchmarks and quick previews).
#[derive(Debug, Args, Clone)]
pub struct FeatureArgs {
    /// Leave out the search index.
    #[arg(long)]
    pub no_search: bool,
    /// Leave out the Atom feeds.
    #[arg(long)]
    pub no_feeds: bool,
    /// Leave out the open-data downloads.
    #[arg(long)]
    pub no_data: bool,
}

impl FeatureArgs {
    pub fn features(&self) -> crate::views::Features {
        crate::views::Features {
            search: !self.no_search,
            feeds: !self.no_feeds,
            data: !self.no_data,
        }
    }
}

#[derive(Debug, Args, Clone)]
pub struct ServeArgs {
    /// What to build and where, as for `build`.
    #[command(flatten)]
    pub build: BuildArgs,
    /// The port on 127.0.0.1.
    #[arg(long, short, default_value_t = 1111)]
    pub port: u16,
}

#[derive(Debug, Args, Clone)]
pub struct ImportArgs {
    /// The source document's text, e.g. seeds/000_6c0b0af427550ece.txt.
    pub seed: PathBuf,
    /// The content folder holding agencies.yaml and rivers.yaml.
    #[arg(long, value_name = "DIR", default_value = "content")]
    pub content: PathBuf,
    /// Where the plan data goes (and where errata.yaml is read from).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Overwrite plan files even if they were edited by hand.
    #[arg(long)]
    pub force: bool,
    /// Print what would change as a unified diff; write nothing.
    #[arg(long)]
    pub diff: bool,
}

#[derive(Debug, Args, Clone)]
pub struct ExportSheetArgs {
    /// The agency's id (agencies.yaml).
    #[arg(long, value_name = "ID")]
    pub agency: String,
    /// Where to write the sheet (default: ID.xlsx).
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The content folder.
    #[arg(long, value_name = "DIR", default_value = "content")]
    pub content: PathBuf,
}

#[derive(Debug, Args, Clone)]
pub struct ImportSheetArgs {
    /// A sheet written by export-sheet and filled in.
    pub file: PathBuf,
    /// The reporting agency (default: from the file name ID.xlsx).
    #[arg(long, value_name = "ID")]
    pub agency: Option<String>,
    /// The content folder.
    #[arg(long, value_name = "DIR", default_value = "content")]
    pub content: PathBuf,
}

#[derive(Debug, Args, Clone)]
pub struct SnapshotArgs {
    /// The year to archive, e.g. 2022.
    pub year: u32,
    #[command(flatten)]
    pub site: SiteArgs,
    /// The date the snapshot is as of (default: YEAR-12-31).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Replace an existing archive of the year (only one gongkai wrote) and
    /// existing deposits of it.
    #[arg(long)]
    pub force: bool,
    /// Also write archive/deposit/YEAR.zip.
    #[arg(long)]
    pub zip: bool,
    /// Also write archive/deposit/YEAR.warc, a WARC/1.1 file (needs an
    /// absolute --base-url).
    #[arg(long)]
    pub warc: bool,
    /// Also write archive/deposit/YEAR.wacz, a WACZ 1.1.1 web archive (needs
    /// an absolute --base-url).
    #[arg(long)]
    pub wacz: bool,
    /// Also write archive/deposit/YEAR-bag/, a BagIt 1.0 bag of the snapshot folder.
    #[arg(long)]
    pub bagit: bool,
}

#[derive(Debug, Args, Clone)]
pub struct ScaleArgs {
    /// The number of tasks.
    pub tasks: usize,
    /// Where to write content/ and seeds/.
    #[arg(long, short, value_name = "DIR")]
    pub out: PathBuf,
}

impl SiteArgs {
    /// The content folder: `--content`, else `content/` of the current
    /// folder if it holds a plan, else the repository's own content.
    pub fn content_dir(&self) -> PathBuf {
        self.content.clone().unwrap_or_else(|| {
            let local = PathBuf::from("content");
            if local.join("plan").is_dir() {
                local
            } else {
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content")
            }
        })
    }

    /// The inputs of a build of the live site, every default resolved and
    /// the surroundings (git, the clock) read.
    pub fn inputs(&self) -> Inputs {
        let content = self.content_dir();
        let beside = |name: &str| content.parent().unwrap_or(Path::new("")).join(name);
        let theme = self
            .theme
            .clone()
            .or_else(|| Some(beside("themes/default")).filter(|p| p.is_dir()));
        Inputs {
            theme,
            seeds: beside("seeds"),
            archive: beside("archive"),
            base_url: self.base_url.clone(),
            features: crate::views::Features::default(),
            snapshot: None,
            undated_is_today: false,
            surroundings: Surroundings::read(&content),
            search_records: false,
            content,
        }
    }
}

impl BuildArgs {
    pub fn inputs(&self) -> Inputs {
        Inputs {
            features: self.features.features(),
            search_records: true,
            ..self.site.inputs()
        }
    }
}

impl ServeArgs {
    /// Where serve listens.
    pub fn address(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// A preview: served from its address unless `--base-url` says
    /// otherwise, and as of today unless a date is configured.
    pub fn inputs(&self) -> Inputs {
        let base_url = self
            .build
            .site
            .base_url
            .clone()
            .unwrap_or_else(|| format!("http://{}/", self.address()));
        Inputs {
            base_url: Some(base_url),
            undated_is_today: true,
            ..self.build.inputs()
        }
    }
}

impl SnapshotArgs {
    /// The date the snapshot is as of: `--as-of`, else the year's last day.
    pub fn as_of(&self) -> String {
        self.as_of
            .clone()
            .unwrap_or_else(|| format!("{}-12-31", self.year))
    }

    /// The inputs of the snapshot as of `as_of`.
    pub fn inputs(&self, as_of: &str) -> Inputs {
        Inputs {
            snapshot: Some((self.year, as_of.to_string())),
            ..self.site.inputs()
        }
    }
}

impl ImportArgs {
    /// Where the plan data goes: `--out`, else `plan/` of the content.
    pub fn plan_dir(&self) -> PathBuf {
        self.out
            .clone()
            .unwrap_or_else(|| self.content.join("plan"))
    }
}

impl ExportSheetArgs {
    /// Where the sheet goes: `--out`, else `ID.xlsx`.
    pub fn out_file(&self) -> PathBuf {
        self.out
            .clone()
            .unwrap_or_else(|| PathBuf::from(format!("{}.xlsx", self.agency)))
    }
}

impl ImportSheetArgs {
    /// The agency the file name names (`ID.xlsx`, also `ID.filled.xlsx` or
    /// `ID (1).xlsx` as spreadsheet programs save copies).
    pub fn agency_of_file(&self) -> Option<String> {
        let stem = self.file.file_stem()?.to_str()?;
        Some(stem.split(['.', ' ']).next().unwrap_or(stem).to_string())
    }
}

impl NewUpdateArgs {
    /// The subject named by `--task`, `--indicator`, `--project` or `--key-task`.
    pub fn subject(&self) -> Result<Subject, Problem> {
        match (self.task, self.indicator, self.project, &self.key_task) {
            (Some(n), ..) => Ok(Subject::Task(n)),
            (_, Some(n), ..) => Ok(Subject::Indicator(n)),
            (_, _, Some(n), _) => Ok(Subject::Project(n)),
            (_, _, _, Some(k)) => Subject::parse(&format!("key-task/{k}")).ok_or_else(|| {
                Problem::new(format!("--key-task `{k}`: write YEAR/N, e.g. 2022/5"))
            }),
            _ => Err(Problem::new(
                "name a subject: --task, --indicator, --project or --key-task",
            )),
        }
    }

    /// The as-of date: `--date`, checked, else `today`.
    pub fn date_or(&self, today: impl FnOnce() -> String) -> Result<String, Problem> {
        match &self.date {
            Some(d) if crate::dates::valid_date(d) => Ok(d.clone()),
            Some(d) => Err(Problem::new(format!(
                "--date `{d}` is not a date (YYYY-MM-DD)"
            ))),
            None => Ok(today()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Command {
        Cli::try_parse_from(std::iter::once("gongkai").chain(args.iter().copied()))
            .unwrap()
            .command
    }

    #[test]
    fn seeds_archive_and_theme_are_found_beside_the_content() {
        let root = crate::env::scratch_dir("cli-beside");
        std::fs::create_dir_all(root.join("themes/default")).unwrap();
        let content = root.join("content");
        let Command::Check(site) = parse(&["check", "--content", &content.to_string_lossy()])
        else {
            panic!()
        };
        let inputs = site.inputs();
        assert_eq!(inputs.seeds, root.join("seeds"));
        assert_eq!(inputs.archive, root.join("archive"));
        assert_eq!(inputs.theme, Some(root.join("themes/default")));
        assert_eq!(inputs.base_url, None);
        assert!(!inputs.undated_is_today && inputs.snapshot.is_none());
        std::fs::remove_dir_all(root.join("themes")).unwrap();
        assert_eq!(site.inputs().theme, None, "no folder: the built-in theme");
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn serve_previews_its_own_address_as_of_today() {
        let Command::Serve(a) = parse(&["serve", "--port", "8080", "--no-search"]) else {
            panic!()
        };
        let inputs = a.inputs();
        assert_eq!(inputs.base_url.as_deref(), Some("http://127.0.0.1:8080/"));
        assert!(inputs.undated_is_today && !inputs.features.search);
        let Command::Serve(a) = parse(&["serve", "--base-url", "https://x.gov.cn/a"]) else {
            panic!()
        };
        assert_eq!(a.inputs().base_url.as_deref(), Some("https://x.gov.cn/a"));
    }

    #[test]
    fn other_defaults() {
        let Command::Snapshot(a) = parse(&["snapshot", "2022"]) else {
            panic!()
        };
        assert_eq!(a.as_of(), "2022-12-31");
        assert_eq!(
            a.inputs("2022-06-30").snapshot,
            Some((2022, "2022-06-30".into()))
        );
        let Command::Import(a) = parse(&["import", "seed.txt", "--content", "c"]) else {
            panic!()
        };
        assert_eq!(a.plan_dir(), Path::new("c/plan"));
        let Command::ExportSheet(a) = parse(&["export-sheet", "--agency", "water"]) else {
            panic!()
        };
        assert_eq!(a.out_file(), Path::new("water.xlsx"));
        let Command::ImportSheet(a) = parse(&["import-sheet", "dl/water (1).xlsx"]) else {
            panic!()
        };
        assert_eq!(a.agency_of_file().as_deref(), Some("water"));
    }

    #[test]
    fn new_update_names_one_subject_and_a_real_date() {
        let new = |args: &[&str]| {
            let mut all = vec!["new", "update"];
            all.extend(args);
            let Command::New(NewCommand::Update(a)) = parse(&all) else {
                panic!()
            };
            a
        };
        assert_eq!(
            new(&["--key-task", "2022/5"]).subject(),
            Ok(Subject::KeyTask(2022, 5))
        );
        assert_eq!(
            new(&["--key-task", "5"]).subject().unwrap_err().to_string(),
            "error: --key-task `5`: write YEAR/N, e.g. 2022/5"
        );
        let today = || "2024-05-01".to_string();
        assert_eq!(
            new(&["--task", "3"]).date_or(today),
            Ok("2024-05-01".into())
        );
        assert_eq!(
            new(&["--task", "3", "--date", "2023-02-28"]).date_or(today),
            Ok("2023-02-28".into())
        );
        assert!(new(&["--task", "3", "--date", "2023-02-29"])
            .date_or(today)
            .is_err());
    }
}
