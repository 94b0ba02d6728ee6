//! Freezing a built snapshot: its files with `snapshot.yaml` and
//! `MANIFEST.sha256` added, every deposit asked for made from them, and all
//! of it staged, verified as every later build will verify it, and put in
//! place together or not at all (see [`super::stage`]).

use super::request::{Kind, Request};
use super::{bagit, pack, stage::Stage, wacz, warc, SnapshotInfo};
use crate::render::OutFile;
use anyhow::Result;
use std::path::PathBuf;

/// The snapshot folder's files: the build's, `snapshot.yaml` and the
/// manifest, in path order but the manifest last; and the manifest.
pub fn files(info: &SnapshotInfo, mut files: Vec<OutFile>) -> (Vec<OutFile>, String) {
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
        path: super::INFO.into(),
        bytes: info_yaml.into_bytes(),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let manifest = super::manifest(&files);
    files.push(OutFile {
        path: super::MANIFEST.into(),
        bytes: manifest.clone().into_bytes(),
    });
    (files, manifest)
}

/// Make every deposit, stage it and the snapshot folder, check the staged
/// folder as every later build will, and put it all in place; the deposits'
/// paths.
pub fn write(
    plan: &Request,
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
    if let Err(errs) = super::verify(&tmp) {
        let errs = crate::diagnostics::render_all(&errs);
        anyhow::bail!(
            "the staged snapshot does not verify against its manifest:\n{}",
            errs.join("\n")
        );
    }
    stage.commit()?;
    Ok(plan.deposits.iter().map(|d| d.path.clone()).collect())
}
