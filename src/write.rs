//! Stage 5: write the rendered files into a temporary folder beside the
//! output, then swap it in. A failed build never touches the previous
//! output; a reader of the folder never sees half a site.

use crate::render::OutFile;
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    out.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

/// Temporary folders that an interrupted build (killed mid-write) left beside `out`.
fn remove_leftovers(out: &Path) {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let Some(parent) = out.parent().map(|p| {
        if p.as_os_str().is_empty() {
            Path::new(".")
        } else {
            p
        }
    }) else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().to_string();
        if n.starts_with(&format!(".{name}.tmp-")) || n.starts_with(&format!(".{name}.old-")) {
            let _ = remove_tree(&e.path());
        }
    }
}

/// Write `files` as the new content of `out`.
pub fn write_site(out: &Path, files: &[OutFile]) -> Result<()> {
    remove_leftovers(out);
    let tmp = sibling(out, "tmp");
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp).with_context(|| format!("removing {}", tmp.display()))?;
    }
    let result = (|| -> Result<()> {
        // Each folder once, then the files in parallel.
        let dirs: std::collections::BTreeSet<PathBuf> = files
            .iter()
            .filter_map(|f| tmp.join(&f.path).parent().map(Path::to_path_buf))
            .collect();
        for dir in &dirs {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        files.par_iter().try_for_each(|f| {
            let path = tmp.join(&f.path);
            std::fs::write(&path, &f.bytes).with_context(|| format!("writing {}", path.display()))
        })
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    let old = sibling(out, "old");
    if out.exists() {
        std::fs::rename(out, &old).with_context(|| format!("moving aside {}", out.display()))?;
    }
    if let Err(e) = std::fs::rename(&tmp, out) {
        if old.exists() {
            let _ = std::fs::rename(&old, out);
        }
        return Err(e).with_context(|| format!("moving the new build into {}", out.display()));
    }
    if old.exists() {
        remove_tree(&old).with_context(|| format!("removing {}", old.display()))?;
    }
    Ok(())
}

/// Remove a folder tree, its files in parallel (a site has many small files).
fn remove_tree(dir: &Path) -> Result<()> {
    let files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| !e.file_type().is_dir())
        .map(|e| e.into_path())
        .collect();
    files.par_iter().try_for_each(std::fs::remove_file)?;
    std::fs::remove_dir_all(dir)?;
    Ok(())
}
