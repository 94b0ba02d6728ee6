//! `serve`'s first pass writes a few pages straight into the output
//! instead of building a whole staging tree (`Patch`): the pages open in a
//! browser, each replaced in one step (a new file renamed over the old).
//! Only files the output already has are replaced (the pipeline makes no
//! others in that pass), so the output stays gongkai's: its record still
//! lists every file, and a file whose stamp no longer matches the record is
//! made again by the next build (see `Staging::keep_file`), which the second
//! pass is. Everything else is kept as it is.

use super::manifest::{sibling, Manifest};
use super::Sink;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub struct Patch {
    out: PathBuf,
    /// Held until the files are in place: no build of the output runs meanwhile.
    _lock: std::fs::File,
    /// The output's record: only its files are replaced, and the memos
    /// believed are the ones written for it.
    record: Option<Manifest>,
    files: Mutex<Vec<(String, Vec<u8>)>>,
}

impl Patch {
    /// Patch the output `out` (waiting for another build of it to finish).
    pub fn open(out: &Path) -> Result<Patch> {
        let lock = super::staging::lock_output(out)?;
        let record = Manifest::read(&sibling(out, "sums"))
            .filter(|m| m.root == super::manifest::root_id(out));
        Ok(Patch {
            out: out.to_path_buf(),
            _lock: lock,
            record,
            files: Mutex::default(),
        })
    }

    /// Put the files in place; how many.
    pub fn commit(self) -> Result<usize> {
        let files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        let Some(record) = &self.record else {
            return Ok(0);
        };
        let mut n = 0;
        for (path, bytes) in files {
            if !record.files.contains_key(&path) {
                continue;
            }
            let full = self.out.join(&path);
            // Only a file the output has (never a folder, a link or a new name).
            if !std::fs::symlink_metadata(&full).is_ok_and(|m| m.is_file()) {
                continue;
            }
            // Beside the output, not in it: a crash leaves no stranger inside.
            let tmp = sibling(&self.out, &format!("tmp-patch-{}", std::process::id()));
            std::fs::write(&tmp, &bytes).with_context(|| format!("writing {}", tmp.display()))?;
            std::fs::rename(&tmp, &full)
                .with_context(|| format!("replacing {}", full.display()))?;
            n += 1;
        }
        Ok(n)
    }
}

impl Sink for Patch {
    fn put_made(&self, path: &str, bytes: &[u8], _: u128) -> Result<()> {
        if path.is_empty() || path.split('/').any(|p| p.is_empty() || p == "..") {
            anyhow::bail!("refusing to write `{path}`: not a path inside the site");
        }
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.push((path.to_string(), bytes.to_vec()));
        Ok(())
    }

    fn keep(&self, _: &str) -> bool {
        true
    }

    fn memo(&self, name: &str) -> Option<Vec<u8>> {
        let tree = super::memo::tree_id(&self.out, &self.record.as_ref()?.files);
        super::memo::read(&self.out, &tree, name).map(|(bytes, _)| bytes)
    }
}
