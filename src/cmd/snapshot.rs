//! `gongkai snapshot YEAR`: build the portal as of a date and freeze it into
//! `archive/YEAR/` with its manifest; on request also write deposits of it
//! into `archive/deposit/`: `YEAR.zip`, `YEAR.warc`, `YEAR.wacz` and the
//! BagIt bag `YEAR-bag/`.
//!
//! Every option and every destination is checked before anything is built
//! or written, all problems at once (`archive::request`); the snapshot and
//! its deposits are then written together or not at all (`archive::freeze`).

use crate::archive::{self, freeze, request, SnapshotInfo};
use crate::cli::{Problem, SnapshotArgs};
use crate::pipeline::{build, BuildError};
use anyhow::{Context, Result};
use std::process::ExitCode;

/// Print the problems and fail, nothing written.
fn refuse(problems: &[Problem]) -> ExitCode {
    for p in problems {
        eprintln!("{p}");
    }
    eprintln!("nothing written");
    ExitCode::from(1)
}

pub fn execute(args: SnapshotArgs) -> Result<ExitCode> {
    let as_of = args.as_of();
    let inputs = args.inputs(&as_of);
    let wanted = request::Wanted {
        year: args.year,
        as_of: as_of.clone(),
        base_url: args.site.base_url.clone(),
        force: args.force,
        zip: args.zip,
        warc: args.warc,
        wacz: args.wacz,
        bagit: args.bagit,
    };
    let plan = match request::Request::check(&wanted, &inputs.archive) {
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
        return Ok(refuse(&[request::problem(
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
    let (files, manifest) = freeze::files(&info, memory.into_files());
    let publisher = match &built.publisher.en {
        Some(en) if !en.trim().is_empty() => format!("{} ({en})", built.publisher.zh),
        _ => built.publisher.zh.clone(),
    };
    let written = freeze::write(&plan, &info, &publisher, &files)
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
                request::folder_name(&plan.dir),
                d.kind.flag()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
