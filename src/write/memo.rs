//! Notes a build leaves beside the output for the next one (`.public.deps`,
//! the pages' fingerprints; `.public.search`, the search records): what
//! the output holds, in the build's own terms, so a rebuild can keep what
//! did not change (see `pipeline::outputs`).
//!
//! A memo is two files: its body (`.public.search`) and a line that says
//! which output tree and which body it is about (`.public.search.id`: the
//! output's folder, by its inode, a digest of the output's record, and the
//! body's inode, length, time and hash). A memo is only ever believed about the
//! tree its line names: every commit deletes every memo's line before it
//! changes the output and writes the new build's lines after, so a crash
//! in between leaves none, and the next build is made from scratch. A body
//! the build read and would write again byte for byte stays as it is (the
//! search memo is about 100 MB at N=50,000, rewritten by every rebuild
//! until the line was split from it); only its line is written anew.

use super::manifest::{root_id, sibling, Files, Stamp};
use super::staging::Staging;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

/// Every memo a build may leave (each is forgotten by every commit).
pub const MEMOS: &[&str] = &["deps", "search"];

const HEADER: &str = "gongkai memo ";

/// The body a build read of one memo: enough to tell, at the commit, that
/// the body it would write is the one already there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Body {
    hash: u128,
    stamp: Stamp,
}

/// What names the output tree a memo is about (its folder, and a digest of
/// its record: computed once per tree, as it reads every entry).
pub(super) fn tree_id(out: &Path, files: &Files) -> String {
    let mut digest: u128 = 0;
    for (path, e) in files {
        digest ^= xxhash_rust::xxh3::xxh3_128(path.as_bytes()).wrapping_add(e.hash);
    }
    format!("{} {} {digest:032x}", root_id(out), files.len())
}

/// The line of memo `name`, naming its tree and its body.
fn line_path(out: &Path, name: &str) -> PathBuf {
    sibling(out, &format!("{name}.id"))
}

/// What the line says of a body with this stamp.
fn body_id(stamp: &Stamp) -> String {
    format!("{} {} {}", stamp.ino, stamp.len, stamp.mtime_ns)
}

/// The memo `name` beside `out`, if it was written for the tree `tree`
/// names (`tree_id`), and what its body is.
pub(super) fn read(out: &Path, tree: &str, name: &str) -> Option<(Vec<u8>, Body)> {
    use std::io::Read;
    let line = std::fs::read_to_string(line_path(out, name)).ok()?;
    let (of, body) = line
        .strip_prefix(HEADER)?
        .strip_suffix('\n')?
        .split_once(" body ")?;
    let (body, hash) = body.rsplit_once(' ')?;
    if root_id(out) == 0 || of != tree {
        return None;
    }
    let mut file = std::fs::File::open(sibling(out, name)).ok()?;
    let stamp = Stamp::of(&file.metadata().ok()?);
    if body != body_id(&stamp) {
        return None;
    }
    // Read once into its own buffer; its hash is the line's (the commit
    // compares the body it would write with it).
    let mut bytes = Vec::with_capacity(stamp.len as usize);
    file.read_to_end(&mut bytes).ok()?;
    let hash = u128::from_str_radix(hash, 16).ok()?;
    Some((bytes, Body { hash, stamp }))
}

/// Forget every memo beside `out` (before a commit changes it): their
/// lines go; their bodies stay for the commit to keep or replace.
pub(super) fn forget(out: &Path) -> Result<()> {
    for name in MEMOS {
        remove(&line_path(out, name))?;
    }
    Ok(())
}

/// Remove `path`, if it is there.
fn remove(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("removing {}", path.display()))
        }
        _ => Ok(()),
    }
}

/// Write `bytes` to `path` by way of `tmp`, renamed over it.
fn replace(path: &Path, tmp: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(tmp, bytes).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(tmp, path).with_context(|| format!("writing {}", path.display()))
}

/// Write memo `name` beside `out` for the tree `tree` names;
/// `was`, the body this build read, stays if it holds `bytes` already.
fn write(out: &Path, tree: &str, name: &str, bytes: &[u8], was: Option<&Body>) -> Result<()> {
    let path = sibling(out, name);
    let on_disk = || std::fs::symlink_metadata(&path).ok().map(|m| Stamp::of(&m));
    let hash = xxhash_rust::xxh3::xxh3_128(bytes);
    let kept = was.filter(|b| b.hash == hash && on_disk() == Some(b.stamp));
    let stamp = match kept {
        Some(b) => b.stamp,
        None => {
            replace(&path, &sibling(out, &format!("{name}.new")), bytes)?;
            on_disk().with_context(|| format!("reading {}", path.display()))?
        }
    };
    let line = format!("{HEADER}{tree} body {} {hash:032x}\n", body_id(&stamp));
    let tmp = sibling(out, &format!("{name}.id.new"));
    replace(&line_path(out, name), &tmp, line.as_bytes())
}

impl Staging {
    /// Write the memos this build left, now that its tree, whose files are
    /// `files`, is the output; the bodies of those it did not leave go.
    pub(super) fn write_memos(&self, files: &Files) -> Result<()> {
        let memos = std::mem::take(&mut *self.memos.lock().unwrap_or_else(|e| e.into_inner()));
        let read = std::mem::take(&mut *self.read_memos.lock().unwrap_or_else(|e| e.into_inner()));
        for name in MEMOS {
            if !memos.iter().any(|(n, _)| n == name) {
                remove(&sibling(&self.out, name))?;
            }
        }
        if memos.is_empty() {
            return Ok(());
        }
        let tree = tree_id(&self.out, files);
        for (name, bytes) in memos {
            write(&self.out, &tree, &name, &bytes, read.get(&name))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::staging::tests::open;
    use super::super::staging::Step;
    use super::super::Sink;
    use super::*;
    use crate::env::scratch_dir;

    /// One build of `out` with one page, leaving `memo` as the search memo
    /// (none if `None`); what it read of the memo before.
    fn build(out: &Path, memo: Option<&[u8]>, crash: Option<Step>) -> Option<Vec<u8>> {
        let mut s = open(out);
        s.crash_at = crash;
        let read = s.memo("search");
        s.put("index.html", b"page").unwrap();
        if let Some(m) = memo {
            s.set_memo("search", m.to_vec());
        }
        let _ = s.commit();
        read
    }

    fn body(out: &Path) -> Option<Stamp> {
        std::fs::symlink_metadata(sibling(out, "search"))
            .ok()
            .map(|m| Stamp::of(&m))
    }

    #[test]
    fn a_memo_is_believed_of_its_tree_and_its_body_written_only_when_it_changes() {
        let root = scratch_dir("write-memo");
        let out = root.join("public");
        assert_eq!(build(&out, Some(b"records"), None), None);
        let first = body(&out).unwrap();
        // Read and left again byte for byte: the body stays, its line is
        // the new tree's (the two folders swapped).
        assert_eq!(
            build(&out, Some(b"records"), None).as_deref(),
            Some(&b"records"[..])
        );
        assert_eq!(body(&out), Some(first));
        assert_eq!(
            build(&out, Some(b"Records"), None).as_deref(),
            Some(&b"records"[..])
        );
        // The same length, other bytes: written again.
        let second = body(&out).unwrap();
        assert_ne!(second, first);
        assert_eq!(
            build(&out, Some(b"Records"), None).as_deref(),
            Some(&b"Records"[..])
        );
        // A body changed behind its line's back is not believed.
        std::fs::write(sibling(&out, "search"), b"Recordz").unwrap();
        assert_eq!(build(&out, Some(b"records"), None), None);
        assert_eq!(
            build(&out, Some(b"records"), None).as_deref(),
            Some(&b"records"[..])
        );
        // A commit stopped before the swap leaves the memo forgotten.
        assert_eq!(
            build(&out, Some(b"records"), Some(Step::Swap)).as_deref(),
            Some(&b"records"[..])
        );
        assert_eq!(build(&out, Some(b"records"), None), None);
        // A build that leaves no memo leaves neither its body nor its line.
        assert_eq!(build(&out, None, None).as_deref(), Some(&b"records"[..]));
        assert_eq!(body(&out), None);
        assert!(!line_path(&out, "search").exists());
        assert_eq!(build(&out, None, None), None);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_memo_is_not_believed_of_another_tree() {
        let root = scratch_dir("write-memo-tree");
        let out = root.join("public");
        build(&out, Some(b"records"), None);
        // The output's record changes (a file of another build put in its
        // place by hand and recorded): the line names the tree before.
        let files = Files::default();
        let line = std::fs::read_to_string(line_path(&out, "search")).unwrap();
        assert!(line.starts_with(HEADER));
        assert!(!line.contains(&tree_id(&out, &files)));
        assert_eq!(read(&out, &tree_id(&out, &files), "search"), None);
        std::fs::remove_dir_all(&root).unwrap();
    }
}
