//! Keeping a file of the output as it is (`Sink::keep`): a page whose
//! inputs did not change is not made again, but the staging tree must hold
//! it before the swap. The staging tree holds the build before last, so its
//! copy is used only if it has the output's bytes; otherwise the output's
//! file is linked in (copied where the file system cannot link), if it is
//! still the one gongkai wrote.

use super::manifest::{Entry, Stamp};
use super::staging::Staging;
use super::Sink;
use anyhow::{Context, Result};
use std::sync::atomic::Ordering;

impl Staging {
    /// Keep the file the output has at `path` (see `Sink::keep`): the
    /// staging tree's copy if it holds the same bytes, else a copy of the
    /// output's. `Ok(false)`: the output has no such file of gongkai's, or
    /// it changed since gongkai wrote it.
    pub(super) fn keep_file(&self, path: &str) -> Result<bool> {
        let Some(out) = self
            .record
            .as_ref()
            .and_then(|m| m.files.get(path))
            .copied()
        else {
            return Ok(false);
        };
        let full = self.dir.join(path);
        let here = self.before.as_ref().and_then(|m| m.files.get(path));
        if let Some(here) = here.filter(|e| e.hash == out.hash) {
            let same = std::fs::symlink_metadata(&full)
                .is_ok_and(|m| m.is_file() && Stamp::of(&m) == here.stamp);
            if same {
                self.record(
                    path,
                    Entry {
                        source: out.source,
                        ..*here
                    },
                )?;
                self.kept.fetch_add(1, Ordering::Relaxed);
                return Ok(true);
            }
        }
        let from = self.out.join(path);
        let unchanged = std::fs::symlink_metadata(&from)
            .is_ok_and(|m| m.is_file() && Stamp::of(&m) == out.stamp);
        if !unchanged {
            return Ok(false);
        }
        if let Some(entry) = self.link_in(path, &from, out)? {
            self.record(path, entry)?;
            return Ok(true);
        }
        let bytes = std::fs::read(&from).with_context(|| format!("reading {}", from.display()))?;
        if xxhash_rust::xxh3::xxh3_128(&bytes) != out.hash {
            return Ok(false);
        }
        self.put_made(path, &bytes, out.source)?;
        Ok(true)
    }
}
