//! Stage 5: write the rendered files into a temporary folder beside the
//! output, then swap it in. A failed build never touches the previous
//! output; a reader of the folder never sees half a site.

use crate::render::OutFile;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    out.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

/// Write `files` as the new content of `out`.
pub fn write_site(out: &Path, files: &[OutFile]) -> Result<()> {
    let tmp = sibling(out, "tmp");
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp).with_context(|| format!("removing {}", tmp.display()))?;
    }
    let result = (|| -> Result<()> {
        for f in files {
            let path = tmp.join(&f.path);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("creating {}", dir.display()))?;
            }
            std::fs::write(&path, &f.bytes)
                .with_context(|| format!("writing {}", path.display()))?;
        }
        Ok(())
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
        std::fs::remove_dir_all(&old).with_context(|| format!("removing {}", old.display()))?;
    }
    Ok(())
}
