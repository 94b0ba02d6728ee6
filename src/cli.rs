//! The command line: one `Args` struct per subcommand (clap derive).

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

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
    /// The output folder; replaced only when the build succeeds.
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
    #[command(flatten)]
    pub site: SiteArgs,
    /// The port on 127.0.0.1.
    #[arg(long, short, default_value_t = 1111)]
    pub port: u16,
    /// Where the served build is written.
    #[arg(long, short, value_name = "DIR", default_value = "public")]
    pub out: PathBuf,
    /// Build into a folder that holds files gongkai did not write (they are kept).
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub features: FeatureArgs,
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
