//! What a build removes: the temporary folders an interrupted build left
//! beside the output, the staging tree's files the build did not write, and
//! the folders that leaves empty (`staging` and `merge` call these).

use super::manifest::{Files, Manifest};
use anyhow::{Context, Result};
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

/// Temporary folders that an older, interrupted build left beside `out`.
pub(super) fn remove_leftovers(out: &Path) {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().to_string();
        if n.starts_with(&format!(".{name}.tmp-")) || n.starts_with(&format!(".{name}.old-")) {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// The staging tree's files that this build did not write: from its
/// manifest, or, without one, by walking it.
pub(super) fn stale_files(
    dir: &Path,
    before: Option<&Manifest>,
    now: &Files,
) -> Result<Vec<PathBuf>> {
    if let Some(before) = before {
        return Ok(before
            .files
            .keys()
            .filter(|p| !now.contains_key(*p))
            .map(|p| dir.join(p))
            .collect());
    }
    let mut stale = Vec::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.with_context(|| format!("reading {}", dir.display()))?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        if !now.contains_key(&rel) {
            stale.push(entry.into_path());
        }
    }
    Ok(stale)
}

/// Remove the files `stale` of the tree `root`, then the folders that left
/// empty (deepest first) except those in `keep`; the number removed.
pub(super) fn remove_files(
    root: &Path,
    stale: &[PathBuf],
    keep: &HashSet<PathBuf>,
) -> Result<usize> {
    let mut emptied = BTreeSet::new();
    let mut removed = 0;
    for f in stale {
        if f.is_dir() {
            continue; // a file of the old tree that is a folder now
        }
        match std::fs::remove_file(f) {
            Ok(()) => {}
            // Gone, or a folder of the old tree is a file now.
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) =>
            {
                continue
            }
            Err(e) => return Err(e).with_context(|| format!("removing {}", f.display())),
        }
        removed += 1;
        let mut d = f.parent();
        while let Some(dir) = d.filter(|d| *d != root) {
            emptied.insert(dir.to_path_buf());
            d = dir.parent();
        }
    }
    let mut emptied: Vec<PathBuf> = emptied.into_iter().filter(|d| !keep.contains(d)).collect();
    emptied.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for d in emptied {
        let _ = std::fs::remove_dir(d);
    }
    Ok(removed)
}
