//! What `gongkai snapshot` is asked to write, checked before anything is
//! built: the snapshot folder `archive/YEAR/` and the deposits of it in
//! `archive/deposit/`, every option and every destination at once. A folder
//! or file that gongkai did not write is never replaced, and one it did
//! write only with `--force`.

use super::{bagit, Foreign};
use crate::diagnostics::Problem;
use std::path::{Path, PathBuf};

/// What the command line asks for, before it is checked.
pub struct Wanted {
    pub year: u32,
    /// The date the snapshot is as of (YYYY-MM-DD).
    pub as_of: String,
    /// The site's address as given with `--base-url`.
    pub base_url: Option<String>,
    pub force: bool,
    pub zip: bool,
    pub warc: bool,
    pub wacz: bool,
    pub bagit: bool,
}

/// A problem with the command line or a destination: `error: …` and a help line.
pub fn problem(message: impl Into<String>, help: impl Into<String>) -> Problem {
    Problem::new(message).with_help(help)
}

/// The kinds of deposit.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Zip,
    Warc,
    Wacz,
    Bag,
}

impl Kind {
    const ALL: [Kind; 4] = [Kind::Zip, Kind::Warc, Kind::Wacz, Kind::Bag];

    pub fn flag(self) -> &'static str {
        match self {
            Kind::Zip => "--zip",
            Kind::Warc => "--warc",
            Kind::Wacz => "--wacz",
            Kind::Bag => "--bagit",
        }
    }

    /// The name of the deposit of `year` in `archive/deposit/`.
    fn name(self, year: u32) -> String {
        match self {
            Kind::Zip => format!("{year}.zip"),
            Kind::Warc => format!("{year}.warc"),
            Kind::Wacz => format!("{year}.wacz"),
            Kind::Bag => format!("{year}-bag"),
        }
    }

    fn asked(self, args: &Wanted) -> bool {
        match self {
            Kind::Zip => args.zip,
            Kind::Warc => args.warc,
            Kind::Wacz => args.wacz,
            Kind::Bag => args.bagit,
        }
    }
}

/// One deposit: its kind and its path.
pub struct Deposit {
    pub kind: Kind,
    pub path: PathBuf,
}

/// What the command line asks for, checked.
pub struct Request {
    /// The snapshot folder's absolute address (for WARC and WACZ).
    pub base: Option<String>,
    pub dir: PathBuf,
    /// Whether `dir` holds a snapshot that is being replaced.
    pub replacing: bool,
    /// The deposits asked for, and those not asked for.
    pub deposits: Vec<Deposit>,
    pub others: Vec<Deposit>,
}

/// `path` as messages show a folder: with a trailing `/`.
pub fn folder_name(path: &Path) -> String {
    format!("{}/", path.display())
}

/// Whether the folder `dir` may not be replaced: it is not a folder, or it
/// holds files gongkai did not write (`own` tells); the reason goes into
/// `problems`. An empty folder (or none) may be replaced.
fn foreign_folder(
    dir: &Path,
    what: &str,
    own: impl Fn(&Path) -> Result<(), Foreign>,
    problems: &mut Vec<Problem>,
) -> bool {
    let help = format!(
        "--force replaces only {what} gongkai wrote; move the other files out of {} first",
        folder_name(dir)
    );
    match std::fs::symlink_metadata(dir) {
        Ok(m) if !m.is_dir() => {
            problems.push(problem(
                format!("{} is not a folder", dir.display()),
                format!("move it away: {what} is written only into a folder of its own"),
            ));
            true
        }
        Ok(_) if super::is_empty(dir) => false,
        Ok(_) => match own(dir) {
            Ok(()) => false,
            Err(Foreign::File(rel)) => {
                problems.push(problem(
                    format!(
                        "{} holds files gongkai did not write (e.g. {})",
                        folder_name(dir),
                        dir.join(rel).display()
                    ),
                    help,
                ));
                true
            }
            Err(Foreign::Unmarked(why)) => {
                problems.push(problem(
                    format!(
                        "{} holds files gongkai did not write: {why}",
                        folder_name(dir)
                    ),
                    help,
                ));
                true
            }
        },
        Err(_) => false,
    }
}

/// The base URL's scheme and host, if it is absolute (http:// or https://).
fn absolute(url: &str) -> bool {
    ["http://", "https://"].iter().any(|scheme| {
        url.strip_prefix(scheme).is_some_and(|rest| {
            let host = rest.split('/').next().unwrap_or("");
            !host.is_empty() && !rest.contains(char::is_whitespace)
        })
    })
}

impl Request {
    pub fn check(args: &Wanted, archive_dir: &Path) -> Result<Request, Vec<Problem>> {
        let mut problems = Vec::new();
        let year = args.year;
        let as_of = &args.as_of;
        if !crate::dates::valid_date(as_of) || !as_of.starts_with(&format!("{year}-")) {
            problems.push(problem(
                format!("--as-of `{as_of}` is not a date (YYYY-MM-DD) in {year}"),
                format!("for example --as-of {year}-06-30; without --as-of the snapshot is as of {year}-12-31"),
            ));
        }
        let web: Vec<&str> = [(args.warc, "--warc"), (args.wacz, "--wacz")]
            .into_iter()
            .filter_map(|(on, flag)| on.then_some(flag))
            .collect();
        let base = match args.base_url.as_deref() {
            _ if web.is_empty() => None,
            Some(b) if absolute(b) => {
                Some(format!("{}archive/{year}/", crate::pipeline::with_slash(b)))
            }
            given => {
                problems.push(problem(
                    format!(
                        "{} {} the site's absolute --base-url (http:// or https://), the address its pages are recorded under{}",
                        web.join(" and "),
                        if web.len() == 1 { "needs" } else { "need" },
                        given.map(|b| format!(", found `{b}`")).unwrap_or_default()
                    ),
                    "for example --base-url https://www.example.gov.cn/ghjh/ (where the portal is published)",
                ));
                None
            }
        };
        if std::fs::symlink_metadata(archive_dir).is_ok() && !archive_dir.is_dir() {
            problems.push(problem(
                format!(
                    "{} is not a folder: snapshots are written into {}",
                    archive_dir.display(),
                    folder_name(&archive_dir.join(year.to_string()))
                ),
                format!("move the file {} away", archive_dir.display()),
            ));
        }
        let dir = archive_dir.join(year.to_string());
        let foreign = foreign_folder(&dir, "a snapshot", super::own_snapshot, &mut problems);
        let replacing = !foreign && dir.is_dir() && !super::is_empty(&dir);
        if replacing && !args.force {
            problems.push(problem(
                format!(
                    "{} exists: an archive is never overwritten without --force",
                    dir.display()
                ),
                "add --force to replace it with a new snapshot, or leave it as it is",
            ));
        }
        let deposit = archive_dir.join("deposit");
        let (deposits, others): (Vec<Deposit>, Vec<Deposit>) = Kind::ALL
            .into_iter()
            .map(|kind| Deposit {
                kind,
                path: deposit.join(kind.name(year)),
            })
            .partition(|d| d.kind.asked(args));
        if !deposits.is_empty() && std::fs::symlink_metadata(&deposit).is_ok() && !deposit.is_dir()
        {
            problems.push(problem(
                format!(
                    "{} is not a folder: deposits are written into it",
                    deposit.display()
                ),
                format!(
                    "move the file {} away, or leave out the deposit flags",
                    deposit.display()
                ),
            ));
        }
        for d in &deposits {
            let Ok(meta) = std::fs::symlink_metadata(&d.path) else {
                continue;
            };
            if d.kind == Kind::Bag {
                if foreign_folder(&d.path, "a bag", bagit::own_bag, &mut problems) {
                    continue;
                }
                if super::is_empty(&d.path) {
                    continue;
                }
            } else if meta.is_dir() {
                problems.push(problem(
                    format!("{} is a folder, not a deposit file", d.path.display()),
                    format!("move it away; {} writes a file there", d.kind.flag()),
                ));
                continue;
            }
            if !args.force {
                problems.push(problem(
                    format!(
                        "{} exists: a deposit is never overwritten without --force",
                        d.path.display()
                    ),
                    format!("add --force to replace it, or leave out {}", d.kind.flag()),
                ));
            }
        }
        if problems.is_empty() {
            Ok(Request {
                base,
                dir,
                replacing,
                deposits,
                others,
            })
        } else {
            Err(problems)
        }
    }
}
