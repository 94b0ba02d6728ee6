//! `gongkai snapshot YEAR`: build the portal as of a date and freeze it into
//! `archive/YEAR/` with its manifest; on request also write deposits of it
//! into `archive/deposit/`: `YEAR.zip`, `YEAR.warc`, `YEAR.wacz` and the
//! BagIt bag `YEAR-bag/`.
//!
//! Every option and every destination is checked before anything is built
//! or written, all problems at once; the snapshot and its deposits are then
//! written together or not at all (see `archive::stage`).

use crate::archive::{self, bagit, pack, stage::Stage, wacz, warc, Foreign, SnapshotInfo};
use crate::cli::{Problem, SnapshotArgs};
use crate::pipeline::{build, BuildError};
use crate::render::OutFile;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A problem with the command line or a destination: `error: …` and a help line.
fn problem(message: impl Into<String>, help: impl Into<String>) -> Problem {
    Problem::new(message).with_help(help)
}

/// Print the problems and fail, nothing written.
fn refuse(problems: &[Problem]) -> ExitCode {
    for p in problems {
        eprintln!("{p}");
    }
    eprintln!("nothing written");
    ExitCode::from(1)
}

/// The kinds of deposit.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Zip,
    Warc,
    Wacz,
    Bag,
}

impl Kind {
    const ALL: [Kind; 4] = [Kind::Zip, Kind::Warc, Kind::Wacz, Kind::Bag];

    fn flag(self) -> &'static str {
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

    fn asked(self, args: &SnapshotArgs) -> bool {
        match self {
            Kind::Zip => args.zip,
            Kind::Warc => args.warc,
            Kind::Wacz => args.wacz,
            Kind::Bag => args.bagit,
        }
    }
}

/// One deposit: its kind and its path.
struct Deposit {
    kind: Kind,
    path: PathBuf,
}

/// What the command line asks for, checked.
struct Plan {
    /// The snapshot folder's absolute address (for WARC and WACZ).
    base: Option<String>,
    dir: PathBuf,
    /// Whether `dir` holds a snapshot that is being replaced.
    replacing: bool,
    /// The deposits asked for, and those not asked for.
    deposits: Vec<Deposit>,
    others: Vec<Deposit>,
}

/// `path` as messages show a folder: with a trailing `/`.
fn folder_name(path: &Path) -> String {
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
        Ok(_) if archive::is_empty(dir) => false,
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

impl Plan {
    fn check(args: &SnapshotArgs, archive_dir: &Path) -> Result<Plan, Vec<Problem>> {
        let mut problems = Vec::new();
        let year = args.year;
        let as_of = args.as_of();
        if !crate::dates::valid_date(&as_of) || !as_of.starts_with(&format!("{year}-")) {
            problems.push(problem(
                format!("--as-of `{as_of}` is not a date (YYYY-MM-DD) in {year}"),
                format!("for example --as-of {year}-06-30; without --as-of the snapshot is as of {year}-12-31"),
            ));
        }
        let web: Vec<&str> = [(args.warc, "--warc"), (args.wacz, "--wacz")]
            .into_iter()
            .filter_map(|(on, flag)| on.then_some(flag))
            .collect();
        let base = match args.site.base_url.as_deref() {
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
        let foreign = foreign_folder(&dir, "a snapshot", archive::own_snapshot, &mut problems);
        let replacing = !foreign && dir.is_dir() && !archive::is_empty(&dir);
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
                if archive::is_empty(&d.path) {
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
            Ok(Plan {
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

pub fn execute(args: SnapshotArgs) -> Result<ExitCode> {
    let as_of = args.as_of();
    let inputs = args.inputs(&as_of);
    let plan = match Plan::check(&args, &inputs.archive) {
        Ok(p) => p,
        Err(problems) => return Ok(refuse(&problems)),
    };
    let memory = crate::write::Memory::default();
    let built = match build(&inputs, &memory) {
        Ok(b) => b,
        Err(BuildError::Content(f)) => {
            eprintln!("{f}\nnothing written");
            return Ok(ExitCode::from(1));
        }
        Err(BuildError::Internal(e)) => return Err(e),
    };
    if let Some(data_date) = built.data_date.as_deref().filter(|d| *d < as_of.as_str()) {
        return Ok(refuse(&[problem(
            format!("the snapshot date {as_of} is after the data date {data_date}: the content is complete only up to then, so the snapshot would show as overdue what may have been done since"),
            format!("take the snapshot as of {data_date} or earlier (--as-of), or move the data date (build_date in config.yaml, or SOURCE_DATE_EPOCH)"),
        )]));
    }
    built.print_warnings();
    let info = SnapshotInfo {
        year: args.year,
        as_of: as_of.clone(),
        commit: built.commit.clone(),
        tasks: built.tasks,
        updates: built.updates,
        pages: built.pages,
    };
    let mut files = memory.into_files();
    let info_yaml = format!(
        "year: {}\nas_of: \"{}\"\ncommit: {}\ntasks: {}\nupdates: {}\npages: {}\n",
        info.year,
        info.as_of,
        info.commit
            .as_deref()
            .map(|c| format!("\"{c}\""))
            .unwrap_or_else(|| "null".into()),
        info.tasks,
        info.updates,
        info.pages
    );
    files.push(OutFile {
        path: archive::INFO.into(),
        bytes: info_yaml.into_bytes(),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let manifest = archive::manifest(&files);
    files.push(OutFile {
        path: archive::MANIFEST.into(),
        bytes: manifest.clone().into_bytes(),
    });
    let publisher = match &built.publisher.en {
        Some(en) if !en.trim().is_empty() => format!("{} ({en})", built.publisher.zh),
        _ => built.publisher.zh.clone(),
    };
    let written = write(&plan, &info, &publisher, &files)
        .context("the snapshot failed and nothing was written")?;
    eprintln!(
        "archived {} files into {} (as of {as_of}); manifest sha256 {}",
        files.len(),
        plan.dir.display(),
        archive::sha256_hex(manifest.as_bytes())
    );
    for path in written {
        println!("{}", path.display());
    }
    if plan.replacing {
        for d in plan.others.iter().filter(|d| d.path.exists()) {
            eprintln!(
                "warning: {} is a deposit of the snapshot this one replaced: it no longer matches {} (add {} to write it again, or delete it)",
                d.path.display(),
                folder_name(&plan.dir),
                d.kind.flag()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Make every deposit, stage it and the snapshot folder, check the staged
/// folder as every later build will, and put it all in place; the deposits'
/// paths.
fn write(
    plan: &Plan,
    info: &SnapshotInfo,
    publisher: &str,
    files: &[OutFile],
) -> Result<Vec<PathBuf>> {
    let mut stage = Stage::default();
    let base = plan.base.as_deref().unwrap_or_default();
    for d in &plan.deposits {
        match d.kind {
            Kind::Zip => {
                stage.file(&d.path, &pack::snapshot_zip(info.year, &info.as_of, files)?)?
            }
            Kind::Warc => {
                let name = d.path.file_name().unwrap_or_default().to_string_lossy();
                stage.file(
                    &d.path,
                    &warc::plain(&warc::records(info, base, &name, files)),
                )?
            }
            Kind::Wacz => stage.file(&d.path, &wacz::wacz(info, base, files)?)?,
            Kind::Bag => {
                stage.tree(&d.path, &bagit::bag(info, publisher, files))?;
            }
        }
    }
    // The snapshot folder goes into place last: when it is there, so are its deposits.
    let tmp = stage.tree(&plan.dir, files)?;
    if let Err(errs) = archive::verify(&tmp) {
        let errs = crate::diagnostics::render_all(&errs);
        anyhow::bail!(
            "the staged snapshot does not verify against its manifest:\n{}",
            errs.join("\n")
        );
    }
    stage.commit()?;
    Ok(plan.deposits.iter().map(|d| d.path.clone()).collect())
}
