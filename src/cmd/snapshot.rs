//! `gongkai snapshot YEAR`: build the portal as of a date and freeze it into
//! `archive/YEAR/` with its manifest; optionally pack it as ZIP and WARC.

use crate::archive::{self, SnapshotInfo};
use crate::cli::SnapshotArgs;
use crate::pipeline::{base_path, build, Inputs};
use crate::render::OutFile;
use anyhow::{bail, Context, Result};
use std::process::ExitCode;

pub fn execute(args: SnapshotArgs) -> Result<ExitCode> {
    let as_of = args
        .as_of
        .clone()
        .unwrap_or_else(|| format!("{}-12-31", args.year));
    if !crate::dates::valid_date(&as_of) || !as_of.starts_with(&args.year.to_string()) {
        bail!(
            "--as-of `{as_of}` is not a date (YYYY-MM-DD) in {}",
            args.year
        );
    }
    let mut inputs = Inputs::from_args(&args.site);
    inputs.snapshot = Some((args.year, as_of.clone()));
    let dir = inputs.archive.join(args.year.to_string());
    if dir.exists() && !args.force {
        eprintln!(
            "error: {} exists: an archive is never overwritten without --force",
            dir.display()
        );
        return Ok(ExitCode::from(1));
    }
    let memory = crate::write::Memory::default();
    let built = match build(&inputs, &memory) {
        Ok(b) => b,
        Err(f) => {
            eprintln!("{f}\nnothing written");
            return Ok(ExitCode::from(1));
        }
    };
    built.print_warnings();
    let pages = built.pages;
    let info = SnapshotInfo {
        year: args.year,
        as_of: as_of.clone(),
        commit: built.commit.clone(),
        tasks: built.tasks,
        updates: built.updates,
        pages,
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
    let mut frozen = files
        .iter()
        .map(|f| OutFile {
            path: f.path.clone(),
            bytes: f.bytes.clone(),
        })
        .collect::<Vec<_>>();
    frozen.push(OutFile {
        path: archive::MANIFEST.into(),
        bytes: manifest.clone().into_bytes(),
    });
    std::fs::create_dir_all(&inputs.archive)
        .with_context(|| format!("creating {}", inputs.archive.display()))?;
    archive::write_frozen(&dir, &frozen)?;
    // Read it back exactly as every later build will.
    if let Err(errs) = archive::load(&inputs.archive) {
        for e in errs {
            eprintln!("{e}");
        }
        bail!("the snapshot does not verify against its manifest");
    }
    eprintln!(
        "archived {} files into {} (as of {as_of}); manifest sha256 {}",
        frozen.len(),
        dir.display(),
        archive::sha256_hex(manifest.as_bytes())
    );
    let deposit = inputs.archive.join("deposit");
    if args.zip || args.warc {
        std::fs::create_dir_all(&deposit)
            .with_context(|| format!("creating {}", deposit.display()))?;
    }
    if args.zip {
        let path = deposit.join(format!("{}.zip", args.year));
        std::fs::write(&path, archive::zip(args.year, &frozen)?)
            .with_context(|| format!("writing {}", path.display()))?;
        println!("{}", path.display());
    }
    if args.warc {
        let base = args.site.base_url.clone().unwrap_or_default();
        if !base.starts_with("http://") && !base.starts_with("https://") {
            bail!("--warc needs the site's absolute --base-url (the archived pages' addresses)");
        }
        let base = if base.ends_with('/') {
            base
        } else {
            format!("{base}/")
        };
        debug_assert_eq!(base_path(&base).chars().last(), Some('/'));
        let path = deposit.join(format!("{}.warc", args.year));
        std::fs::write(
            &path,
            archive::warc(&info, &format!("{base}archive/{}/", args.year), &frozen),
        )
        .with_context(|| format!("writing {}", path.display()))?;
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
