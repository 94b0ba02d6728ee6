//! Notes a build leaves beside the output for the next one (`.public.deps`,
//! the pages' fingerprints; `.public.search`, the search records): what
//! the output holds, in the build's own terms, so a rebuild can keep what
//! did not change (see `pipeline::outputs`).
//!
//! A memo is only ever believed about the tree it was written for: each
//! names the output's folder (its inode) and a digest of the output's
//! record, and every commit deletes all memos before it changes the output
//! and writes the new build's after. A crash in between leaves none, and
//! the next build is made from scratch.

use super::manifest::{root_id, sibling, Entry};
use super::staging::Staging;
use anyhow::{Context, Result};
use std::collections::HashMap;
use std::path::Path;

/// Every memo a build may leave (each is deleted by every commit).
pub const MEMOS: &[&str] = &["deps", "search"];

const HEADER: &str = "gongkai memo ";

/// What names the output tree a memo is about.
fn tree_id(out: &Path, files: &HashMap<String, Entry>) -> String {
    let mut digest: u128 = 0;
    for (path, e) in files {
        digest ^= xxhash_rust::xxh3::xxh3_128(path.as_bytes()).wrapping_add(e.hash);
    }
    format!("{} {} {digest:032x}", root_id(out), files.len())
}

/// The memo `name` beside `out`, if it was written for the tree whose
/// files are `files`.
pub(super) fn read(out: &Path, files: &HashMap<String, Entry>, name: &str) -> Option<Vec<u8>> {
    use std::io::{BufRead, Read};
    let file = std::fs::File::open(sibling(out, name)).ok()?;
    let len = file.metadata().ok()?.len() as usize;
    let mut file = std::io::BufReader::new(file);
    let mut head = Vec::new();
    file.read_until(b'\n', &mut head).ok()?;
    let id = std::str::from_utf8(head.strip_suffix(b"\n")?).ok()?;
    let id = id.strip_prefix(HEADER)?;
    if root_id(out) == 0 || id != tree_id(out, files) {
        return None;
    }
    // The rest read once into its own buffer (the search memo is about
    // 100 MB at N=50,000).
    let mut body = Vec::with_capacity(len.saturating_sub(head.len()));
    file.read_to_end(&mut body).ok()?;
    Some(body)
}

/// Delete every memo beside `out` (before a commit changes it).
pub(super) fn forget(out: &Path) -> Result<()> {
    for name in MEMOS {
        let path = sibling(out, name);
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(e).with_context(|| format!("removing {}", path.display()))
            }
            _ => {}
        }
    }
    Ok(())
}

/// Write memo `name` beside `out` for the tree whose files are `files`.
fn write(out: &Path, files: &HashMap<String, Entry>, name: &str, bytes: &[u8]) -> Result<()> {
    let path = sibling(out, name);
    let tmp = sibling(out, &format!("{name}.new"));
    let mut all = format!("{HEADER}{}\n", tree_id(out, files)).into_bytes();
    all.extend_from_slice(bytes);
    std::fs::write(&tmp, &all).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, &path).with_context(|| format!("writing {}", path.display()))
}

impl Staging {
    /// Write the memos this build left, now that its tree, whose files are
    /// `files`, is the output.
    pub(super) fn write_memos(&self, files: &HashMap<String, Entry>) -> Result<()> {
        let memos = std::mem::take(&mut *self.memos.lock().unwrap_or_else(|e| e.into_inner()));
        for (name, bytes) in memos {
            write(&self.out, files, &name, &bytes)?;
        }
        Ok(())
    }
}
