//! Stage 5: write. Pages arrive one at a time, from several threads, as
//! they are rendered (a `Sink`); nothing holds the whole site.
//!
//! A build writes into a staging folder beside the output (`.public.staging`
//! for `public`), then swaps the two. A failed build never touches the
//! output, and a reader of the output never sees half a site. The staging
//! folder keeps the build before last: the next build writes only the files
//! that differ from it and deletes the ones it no longer has, so a rebuild
//! writes little, unchanged files keep their dates (for `rsync` and caches),
//! and the file system is not asked for ten thousand new files each time.
//!
//! The output is claimed first (`guard`): a build writes only into a folder
//! that is new, empty or its own. When the output holds files gongkai did
//! not write (taken over with `--force`), the two folders are not swapped,
//! as that would carry those files off into the staging folder: gongkai's
//! files are put into the output one by one (hard links to the staging
//! tree's), and the others stay where they are, listed in the output's
//! record (`manifest`) so that no later build removes them.

mod guard;
mod manifest;

pub use guard::{claim_output, example, foreign_entries, shown, Claim, Protected, Refusal};

use crate::render::OutFile;
use anyhow::{bail, Context, Result};
use manifest::{root_id, sibling, Entry, Manifest, Stamp};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

/// Where a build's files go. Called from many threads at once.
pub trait Sink: Sync {
    /// A file of the site.
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.put_made(path, bytes, 0)
    }

    /// A file made from a source (a page's HTML before minifying) whose
    /// hash is `source` (0: none).
    fn put_made(&self, path: &str, bytes: &[u8], source: u128) -> Result<()>;

    /// Whether the sink already has the file at `path` made from `source`,
    /// so the caller need not make it (minify) nor `put` it; a `true`
    /// counts as putting it.
    fn reuse(&self, _path: &str, _source: u128) -> bool {
        false
    }
}

/// Keep the files in memory (a snapshot, which is checksummed and packed).
#[derive(Default)]
pub struct Memory(Mutex<Vec<OutFile>>);

impl Memory {
    /// The files, in path order.
    pub fn into_files(self) -> Vec<OutFile> {
        let mut files = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl Sink for Memory {
    fn put_made(&self, path: &str, bytes: &[u8], _: u128) -> Result<()> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(OutFile {
                path: path.to_string(),
                bytes: bytes.to_vec(),
            });
        Ok(())
    }
}

/// Drop the files (`check`).
pub struct Discard;

impl Sink for Discard {
    fn put_made(&self, _: &str, _: &[u8], _: u128) -> Result<()> {
        Ok(())
    }

    fn reuse(&self, _: &str, _: u128) -> bool {
        true // nothing to make
    }
}

/// What a build wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct Written {
    /// Files whose bytes changed or that are new.
    pub written: usize,
    /// Files already there with the same bytes.
    pub kept: usize,
    /// Files of the build before last that this build no longer has.
    pub removed: usize,
    /// Files (and empty folders) in the output that gongkai did not write,
    /// left where they are.
    pub foreign: usize,
    /// Time spent writing files (summed over threads; not the commit).
    pub busy: std::time::Duration,
}

/// The staging folder of one build of `out` (see the module comment).
pub struct Staging {
    out: PathBuf,
    /// `out` as the user named it, for messages.
    shown: String,
    /// Whether the user allowed files gongkai did not write in the output.
    force: bool,
    dir: PathBuf,
    /// Held for the whole build: two builds of one output wait for each other.
    _lock: std::fs::File,
    /// The output's record; `None` for a new (or empty, or taken-over) output.
    record: Option<Manifest>,
    /// The staging tree's files as its manifest knew them; `None` when it
    /// has none that matches (the first build, or after a failed one), and
    /// the tree is walked instead.
    before: Option<Manifest>,
    now: Mutex<HashMap<String, Entry>>,
    dirs: Mutex<HashSet<PathBuf>>,
    written: AtomicUsize,
    kept: AtomicUsize,
    busy_ns: AtomicU64,
    /// A commit stops before this step, as if the process were killed.
    #[cfg(test)]
    crash_at: Option<Step>,
}

/// The steps of a commit that leave something on disk, for the tests that
/// stop a commit between two of them.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Step {
    /// Swap: the staging tree's record is written as `.next.sums`.
    Swap,
    /// Swap: the output's old record becomes the staging tree's.
    Records,
    /// Merge: the output's record lists what is about to be put in it.
    Announce,
    /// Merge: files gongkai no longer has are removed from the output.
    Prune,
    /// Merge: the new files are put into the output.
    Place,
    /// Merge: the output's final record is written.
    Record,
}

/// Temporary folders that an older, interrupted build left beside `out`.
fn remove_leftovers(out: &Path) {
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
fn stale_files(
    dir: &Path,
    before: Option<&Manifest>,
    now: &HashMap<String, Entry>,
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
fn remove_files(root: &Path, stale: &[PathBuf], keep: &HashSet<PathBuf>) -> Result<usize> {
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

/// Write `m` to `to` in one step (through `.next.sums`).
fn replace_record(out: &Path, m: &Manifest, to: &Path) -> Result<()> {
    let next = sibling(out, "next.sums");
    m.write(&next)?;
    std::fs::rename(&next, to).with_context(|| format!("writing {}", to.display()))
}

/// Whether the file `path` holds the bytes whose hash and length `e` has.
fn holds(path: &Path, e: &Entry) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == e.stamp.len)
        && std::fs::read(path).is_ok_and(|b| xxhash_rust::xxh3::xxh3_128(&b) == e.hash)
}

impl Staging {
    /// Take the staging folder of a claimed output (waiting for another
    /// build of it to finish).
    pub fn open(claim: Claim) -> Result<Staging> {
        let Claim {
            out,
            shown,
            force,
            records,
        } = claim;
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)
            .with_context(|| format!("creating {}", parent.display()))?;
        let lock_path = sibling(&out, "lock");
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .with_context(|| format!("opening {}", lock_path.display()))?;
        lock.lock()
            .with_context(|| format!("locking {}", lock_path.display()))?;
        // Another build may have committed while this one waited.
        let records = if records.unchanged() {
            records
        } else {
            manifest::Records::read(&out)
        };
        remove_leftovers(&out);
        let dir = sibling(&out, "staging");
        if std::fs::symlink_metadata(&dir).is_ok_and(|m| !m.is_dir()) {
            std::fs::remove_file(&dir).with_context(|| format!("removing {}", dir.display()))?;
        }
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        let (record, before) = records.settle(&out, &dir)?;
        Ok(Staging {
            out,
            shown,
            force,
            dir,
            _lock: lock,
            record,
            before,
            now: Mutex::default(),
            dirs: Mutex::default(),
            written: AtomicUsize::new(0),
            kept: AtomicUsize::new(0),
            busy_ns: AtomicU64::new(0),
            #[cfg(test)]
            crash_at: None,
        })
    }

    /// Stop here if a test asked the commit to crash at `step`.
    fn step(&self, step: Step) -> Result<()> {
        #[cfg(test)]
        if self.crash_at == Some(step) {
            bail!("simulated crash before {step:?}");
        }
        let _ = step;
        Ok(())
    }

    /// Write one file unless the staging tree has it already; its stamp and hash.
    fn put_file(&self, path: &str, bytes: &[u8], source: u128) -> Result<Entry> {
        let full = self.dir.join(path);
        let hash = xxhash_rust::xxh3::xxh3_128(bytes);
        let existing = std::fs::symlink_metadata(&full).ok();
        if let Some(meta) = existing.as_ref() {
            if meta.is_file() && meta.len() == bytes.len() as u64 {
                let stamp = Stamp::of(meta);
                let known = self
                    .before
                    .as_ref()
                    .and_then(|m| m.files.get(path))
                    .filter(|e| e.stamp == stamp)
                    .map(|e| e.hash);
                let same = match known {
                    Some(h) => h == hash,
                    None => std::fs::read(&full).is_ok_and(|old| old == bytes),
                };
                if same {
                    self.kept.fetch_add(1, Ordering::Relaxed);
                    return Ok(Entry {
                        stamp,
                        hash,
                        source,
                    });
                }
            }
            if meta.is_dir() {
                std::fs::remove_dir_all(&full)
                    .with_context(|| format!("removing {}", full.display()))?;
            }
        }
        if let Some(parent) = full.parent() {
            let known = self
                .dirs
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .contains(parent);
            if !known {
                self.make_dir(parent)?;
                self.dirs
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(parent.to_path_buf());
            }
        }
        // A file the previous-but-one build left is replaced by a new file
        // renamed over it, not rewritten in place: someone may still be
        // reading it (a download begun before the last swap).
        let target = match existing {
            Some(_) => full.with_file_name(format!(
                ".{}.gongkai-new",
                full.file_name().unwrap_or_default().to_string_lossy()
            )),
            None => full.clone(),
        };
        let mut f = std::fs::File::create(&target)
            .with_context(|| format!("writing {}", target.display()))?;
        std::io::Write::write_all(&mut f, bytes)
            .with_context(|| format!("writing {}", target.display()))?;
        let meta = f
            .metadata()
            .with_context(|| format!("writing {}", target.display()))?;
        drop(f);
        if target != full {
            std::fs::rename(&target, &full)
                .with_context(|| format!("replacing {}", full.display()))?;
        }
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(Entry {
            stamp: Stamp::of(&meta),
            hash,
            source,
        })
    }

    /// Create `dir` in the staging folder, replacing a file of the build
    /// before last that stands where a folder is now needed.
    fn make_dir(&self, dir: &Path) -> Result<()> {
        if std::fs::create_dir_all(dir).is_ok() {
            return Ok(());
        }
        let mut at = self.dir.clone();
        let rel = dir.strip_prefix(&self.dir).unwrap_or(dir);
        for part in rel.components() {
            at.push(part);
            if at.is_file() {
                std::fs::remove_file(&at).with_context(|| format!("removing {}", at.display()))?;
            }
        }
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))
    }

    /// Delete what this build did not write from the staging folder, then
    /// make it the output: by swapping the two folders, or, when the output
    /// holds files gongkai did not write, by putting gongkai's files into it
    /// one by one. Swapped, the previous output stays as the next build's
    /// staging folder.
    pub fn commit(self) -> Result<Written> {
        let now = std::mem::take(&mut *self.now.lock().unwrap_or_else(|e| e.into_inner()));
        let stale = stale_files(&self.dir, self.before.as_ref(), &now)?;
        let removed = remove_files(&self.dir, &stale, &HashSet::new())?;
        // Files may have been put into the output while this build ran.
        let strangers = if self.out.is_dir() {
            guard::strangers(&self.out, self.record.as_ref())?
        } else {
            guard::Strangers::default()
        };
        if !strangers.new.is_empty() && !self.force {
            return Err(Refusal::foreign(&self.shown, example(&strangers.new)).into());
        }
        let foreign: BTreeSet<String> = strangers.all().cloned().collect();
        let kept_foreign = if foreign.is_empty() {
            self.swap_in(now)?;
            0
        } else {
            self.merge_in(now, foreign)?
        };
        Ok(Written {
            written: self.written.load(Ordering::Relaxed),
            kept: self.kept.load(Ordering::Relaxed),
            removed,
            foreign: kept_foreign,
            busy: std::time::Duration::from_nanos(self.busy_ns.load(Ordering::Relaxed)),
        })
    }

    /// The output holds only gongkai's files: swap the folders, and the
    /// records with them.
    fn swap_in(&self, now: HashMap<String, Entry>) -> Result<()> {
        let manifest = Manifest {
            root: root_id(&self.dir),
            files: now,
            foreign: BTreeSet::new(),
        };
        let next = sibling(&self.out, "next.sums");
        self.step(Step::Swap)?;
        manifest.write(&next)?;
        swap(&self.dir, &self.out)?;
        self.step(Step::Records)?;
        let live = sibling(&self.out, "sums");
        if live.exists() {
            std::fs::rename(&live, sibling(&self.out, "staging.sums"))
                .with_context(|| format!("moving {}", live.display()))?;
        }
        std::fs::rename(&next, &live).with_context(|| format!("writing {}", live.display()))
    }

    /// The output holds files gongkai did not write (`foreign`): leave them
    /// where they are and put gongkai's files in beside them, one by one.
    /// The output's record always lists every file of gongkai's that may be
    /// in it, so a build stopped at any point leaves a tree the next build
    /// still knows as its own. Returns how many foreign entries are kept.
    fn merge_in(&self, now: HashMap<String, Entry>, foreign: BTreeSet<String>) -> Result<usize> {
        let staging_sums = sibling(&self.out, "staging.sums");
        let staging_record = Manifest {
            root: root_id(&self.dir),
            files: now.clone(),
            foreign: BTreeSet::new(),
        };
        replace_record(&self.out, &staging_record, &staging_sums)?;

        // A file gongkai did not write is never overwritten; one with the
        // very bytes the site puts there loses nothing, and becomes gongkai's.
        let site_folders: HashSet<&str> = now
            .keys()
            .flat_map(|f| f.match_indices('/').map(move |(i, _)| &f[..i]))
            .collect();
        let mut adopted = HashSet::new();
        let mut in_the_way = Vec::new();
        for f in &foreign {
            let (p, folder) = match f.strip_suffix('/') {
                Some(p) => (p, true),
                None => (f.as_str(), false),
            };
            let clash = if let Some(e) = now.get(p) {
                if !folder && holds(&self.out.join(p), e) {
                    adopted.insert(p.to_string());
                    false
                } else {
                    true
                }
            } else {
                let under_a_file = p.match_indices('/').any(|(i, _)| now.contains_key(&p[..i]));
                under_a_file || (!folder && site_folders.contains(p))
            };
            if clash {
                in_the_way.push(f.clone());
            }
        }
        if !in_the_way.is_empty() {
            return Err(Refusal::in_the_way(&self.shown, example(&in_the_way)).into());
        }
        let foreign: BTreeSet<String> = foreign
            .into_iter()
            .filter(|f| !adopted.contains(f))
            .collect();

        let root = root_id(&self.out);
        let old = self.record.clone().unwrap_or_default();
        let mut announced = Manifest {
            root,
            files: old.files.clone(),
            foreign: foreign.clone(),
        };
        for p in now.keys() {
            announced.files.entry(p.clone()).or_insert(Entry::UNKNOWN);
        }
        let live = sibling(&self.out, "sums");
        self.step(Step::Announce)?;
        replace_record(&self.out, &announced, &live)?;

        self.step(Step::Prune)?;
        let gone: Vec<PathBuf> = old
            .files
            .keys()
            .filter(|p| !now.contains_key(*p))
            .map(|p| self.out.join(p))
            .collect();
        let keep: HashSet<PathBuf> = foreign
            .iter()
            .filter_map(|f| f.strip_suffix('/'))
            .map(|d| self.out.join(d))
            .collect();
        remove_files(&self.out, &gone, &keep)?;

        self.step(Step::Place)?;
        let tmp = sibling(&self.out, &format!("tmp-{}", std::process::id()));
        std::fs::create_dir_all(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
        let mut paths: Vec<&String> = now.keys().collect();
        paths.sort();
        let mut record = Manifest {
            root,
            files: HashMap::with_capacity(now.len()),
            foreign,
        };
        for (i, p) in paths.into_iter().enumerate() {
            let e = now[p];
            let target = self.out.join(p);
            let current = std::fs::symlink_metadata(&target)
                .ok()
                .filter(|m| m.is_file())
                .map(|m| Stamp::of(&m));
            let unchanged = current.is_some_and(|stamp| {
                adopted.contains(p)
                    || stamp == e.stamp
                    || old
                        .files
                        .get(p)
                        .is_some_and(|o| o.stamp == stamp && o.hash == e.hash)
            });
            let stamp = match current.filter(|_| unchanged) {
                Some(stamp) => stamp,
                None => self.place(&self.dir.join(p), &target, &tmp.join(i.to_string()))?,
            };
            record.files.insert(p.clone(), Entry { stamp, ..e });
        }
        let _ = std::fs::remove_dir_all(&tmp);

        self.step(Step::Record)?;
        replace_record(&self.out, &record, &live)?;
        Ok(record.foreign.len())
    }

    /// Put the staging tree's file `from` at `to` in the output, in one step
    /// (through `tmp`): a hard link, or a copy where links cannot be made.
    fn place(&self, from: &Path, to: &Path, tmp: &Path) -> Result<Stamp> {
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        if std::fs::hard_link(from, tmp).is_err() {
            std::fs::copy(from, tmp).with_context(|| format!("copying {}", from.display()))?;
        }
        let meta = std::fs::metadata(tmp).with_context(|| format!("reading {}", tmp.display()))?;
        std::fs::rename(tmp, to).with_context(|| format!("writing {}", to.display()))?;
        Ok(Stamp::of(&meta))
    }

    fn record(&self, path: &str, entry: Entry) -> Result<()> {
        let mut now = self.now.lock().unwrap_or_else(|e| e.into_inner());
        if now.insert(path.to_string(), entry).is_some() {
            bail!("two files of the site are written to `{path}`");
        }
        Ok(())
    }
}

impl Sink for Staging {
    fn reuse(&self, path: &str, source: u128) -> bool {
        let Some(before) = self
            .before
            .as_ref()
            .and_then(|m| m.files.get(path))
            .filter(|e| source != 0 && e.source == source)
        else {
            return false;
        };
        let same = std::fs::symlink_metadata(self.dir.join(path))
            .is_ok_and(|m| m.is_file() && Stamp::of(&m) == before.stamp);
        if same && self.record(path, *before).is_ok() {
            self.kept.fetch_add(1, Ordering::Relaxed);
            return true;
        }
        false
    }

    fn put_made(&self, path: &str, bytes: &[u8], source: u128) -> Result<()> {
        let start = std::time::Instant::now();
        if path.is_empty() || path.split('/').any(|p| p.is_empty() || p == "..") {
            bail!("refusing to write `{path}`: not a path inside the site");
        }
        if self
            .now
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains_key(path)
        {
            bail!("two files of the site are written to `{path}`");
        }
        let result = self
            .put_file(path, bytes, source)
            .and_then(|entry| self.record(path, entry));
        self.busy_ns
            .fetch_add(start.elapsed().as_nanos() as u64, Ordering::Relaxed);
        result
    }
}

/// Put the staging folder `staging` in place of `out`; the previous output
/// (if any) takes the staging folder's place. On Linux both names change in
/// one step (renameat2 RENAME_EXCHANGE), so `out` is never missing.
fn swap(staging: &Path, out: &Path) -> Result<()> {
    if !out.exists() {
        return std::fs::rename(staging, out)
            .with_context(|| format!("moving the new build into {}", out.display()));
    }
    if !out.is_dir() {
        bail!("{} exists and is not a folder", out.display());
    }
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::ffi::OsStrExt;
        let a = std::ffi::CString::new(staging.as_os_str().as_bytes())?;
        let b = std::ffi::CString::new(out.as_os_str().as_bytes())?;
        // SAFETY: both are valid NUL-terminated paths that outlive the call.
        let r = unsafe {
            libc::renameat2(
                libc::AT_FDCWD,
                a.as_ptr(),
                libc::AT_FDCWD,
                b.as_ptr(),
                libc::RENAME_EXCHANGE,
            )
        };
        if r == 0 {
            return Ok(());
        }
        // Not every file system can exchange; fall back to three renames.
    }
    let aside = sibling(out, &format!("old-{}", std::process::id()));
    std::fs::rename(out, &aside).with_context(|| format!("moving aside {}", out.display()))?;
    if let Err(e) = std::fs::rename(staging, out) {
        let _ = std::fs::rename(&aside, out);
        return Err(e).with_context(|| format!("moving the new build into {}", out.display()));
    }
    std::fs::rename(&aside, staging)
        .with_context(|| format!("keeping the previous build as {}", staging.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(dir: &Path) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = walkdir::WalkDir::new(dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path()
                        .strip_prefix(dir)
                        .unwrap()
                        .to_string_lossy()
                        .to_string(),
                    std::fs::read_to_string(e.path()).unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    }

    fn open(out: &Path) -> Staging {
        Staging::open(claim_output(out, &Protected::default(), false).unwrap()).unwrap()
    }

    /// A build of `files` into `out` that stops before `crash`, if given.
    fn try_build(
        out: &Path,
        files: &[(&str, &str)],
        force: bool,
        crash: Option<Step>,
    ) -> Result<Written> {
        let mut s = Staging::open(claim_output(out, &Protected::default(), force)?)?;
        s.crash_at = crash;
        for (p, b) in files {
            s.put(p, b.as_bytes())?;
        }
        s.commit()
    }

    fn build(out: &Path, files: &[(&str, &str)]) -> Written {
        try_build(out, files, false, None).unwrap()
    }

    fn refusal(e: anyhow::Error) -> String {
        e.downcast::<Refusal>().unwrap().message
    }

    #[test]
    fn rebuilds_write_only_what_changed_and_remove_what_is_gone() {
        let root = std::env::temp_dir().join(format!("gongkai-write-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let out = root.join("public");
        let w = build(&out, &[("a/index.html", "1"), ("b/c.txt", "2"), ("x", "3")]);
        assert_eq!((w.written, w.kept, w.removed), (3, 0, 0));
        // The second build fills an empty staging folder too (the first output is in place).
        let w = build(
            &out,
            &[("a/index.html", "1"), ("b/c.txt", "22"), ("x", "3")],
        );
        assert_eq!((w.written, w.kept, w.removed), (3, 0, 0));
        // The third build reuses the first's tree: `x` becomes a folder, `b/` goes.
        let w = build(&out, &[("a/index.html", "1"), ("x/y", "4")]);
        assert_eq!((w.written, w.kept, w.removed), (1, 1, 1));
        assert_eq!(
            tree(&out),
            [
                ("a/index.html".into(), "1".into()),
                ("x/y".into(), "4".into())
            ]
        );
        // The staging folder now holds the second build, for the fourth.
        assert_eq!(tree(&out.with_file_name(".public.staging")).len(), 3);
        // A folder gongkai did not write is refused, and taken over with
        // force: its file stays.
        let other = root.join("site");
        std::fs::create_dir_all(other.join("old")).unwrap();
        std::fs::write(other.join("old/f"), "stale").unwrap();
        let e = try_build(&other, &[("new", "n")], false, None).unwrap_err();
        assert_eq!(
            refusal(e),
            format!(
                "{}/ holds files gongkai did not write (e.g. old/f)",
                other.display()
            )
        );
        try_build(&other, &[("new", "n")], true, None).unwrap();
        assert_eq!(
            tree(&other),
            [("new".into(), "n".into()), ("old/f".into(), "stale".into())]
        );
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn refuses_paths_outside_the_site_and_doubles() {
        let root = std::env::temp_dir().join(format!("gongkai-write2-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let s = open(&root.join("public"));
        assert!(s.put("../x", b"").is_err());
        assert!(s.put("a//b", b"").is_err());
        s.put("a", b"1").unwrap();
        assert!(s.put("a", b"2").is_err());
        drop(s);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_failed_build_or_a_hand_edit_in_the_staging_tree_is_not_trusted() {
        let root = std::env::temp_dir().join(format!("gongkai-write3-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let out = root.join("public");
        let files = [("a/index.html", "1"), ("b", "2")];
        build(&out, &files);
        build(&out, &files);
        // The staging tree (the first build's) is edited by hand, same length.
        let staging = root.join(".public.staging");
        std::thread::sleep(std::time::Duration::from_millis(10));
        std::fs::write(staging.join("b"), "X").unwrap();
        assert!(root.join(".public.staging.sums").is_file());
        let w = build(&out, &files);
        let want = [
            ("a/index.html".into(), "1".into()),
            ("b".into(), "2".into()),
        ];
        assert_eq!(tree(&out), want);
        assert_eq!((w.written, w.kept, w.removed), (1, 1, 0));
        // A build fails after writing a file of its own: the next build
        // into that tree walks it, as its manifest is gone.
        let s = open(&out);
        s.put("only-in-the-failed-build", b"!").unwrap();
        drop(s);
        assert!(!root.join(".public.staging.sums").exists());
        let w = build(&out, &files);
        assert_eq!(tree(&out), want);
        assert_eq!((w.written, w.kept, w.removed), (0, 2, 1));
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_file_made_from_the_same_source_is_reused_without_being_made() {
        let root = std::env::temp_dir().join(format!("gongkai-write4-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let out = root.join("public");
        for _ in 0..2 {
            let s = open(&out);
            assert!(!s.reuse("p/index.html", 7));
            s.put_made("p/index.html", b"<p>x", 7).unwrap();
            s.commit().unwrap();
        }
        let s = open(&out);
        assert!(!s.reuse("p/index.html", 8), "another source");
        assert!(s.reuse("p/index.html", 7));
        assert!(s.put("p/index.html", b"again").is_err(), "already put");
        let w = s.commit().unwrap();
        assert_eq!((w.written, w.kept), (0, 1));
        assert_eq!(tree(&out), [("p/index.html".into(), "<p>x".into())]);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_reader_of_the_previous_tree_keeps_reading_what_it_opened() {
        use std::io::Read;
        let root = std::env::temp_dir().join(format!("gongkai-write5-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let out = root.join("public");
        build(&out, &[("b", "old")]);
        build(&out, &[("b", "old")]);
        // A download of the first tree's file, begun before the last swap.
        let mut reading = std::fs::File::open(root.join(".public.staging/b")).unwrap();
        let w = build(&out, &[("b", "new")]);
        assert_eq!(w.written, 1);
        let mut got = String::new();
        reading.read_to_string(&mut got).unwrap();
        assert_eq!(got, "old");
        assert_eq!(tree(&out), [("b".into(), "new".into())]);
        std::fs::remove_dir_all(&root).unwrap();
    }

    fn fresh(name: &str) -> PathBuf {
        let root =
            std::env::temp_dir().join(format!("gongkai-write-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        root
    }

    /// Every file beside `out` (the record files, the staging folder …).
    fn beside(out: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(out.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_commit_stopped_at_any_step_leaves_a_tree_the_next_build_knows() {
        let one = [("a/index.html", "1"), ("b", "2"), ("gone", "3")];
        let two = [("a/index.html", "1"), ("b", "22"), ("c/d", "4")];
        for crash in [Step::Swap, Step::Records] {
            let root = fresh(&format!("crash-{crash:?}"));
            let out = root.join("public");
            build(&out, &one);
            build(&out, &one);
            assert!(try_build(&out, &two, false, Some(crash)).is_err());
            // Not refused, and the output is the site, nothing more.
            build(&out, &two);
            let want: Vec<(String, String)> = two
                .iter()
                .map(|(p, b)| (p.to_string(), b.to_string()))
                .collect();
            assert_eq!(tree(&out), want, "{crash:?}");
            build(&out, &two);
            assert_eq!(tree(&out), want, "{crash:?}");
            assert_eq!(
                beside(&out),
                [
                    ".public.lock",
                    ".public.staging",
                    ".public.staging.sums",
                    ".public.sums",
                    "public"
                ],
                "{crash:?}"
            );
            std::fs::remove_dir_all(&root).unwrap();
        }
        for crash in [Step::Announce, Step::Prune, Step::Place, Step::Record] {
            let root = fresh(&format!("crash-{crash:?}"));
            let out = root.join("public");
            std::fs::create_dir_all(out.join("a")).unwrap();
            std::fs::write(out.join("a/mine.txt"), "mine").unwrap();
            try_build(&out, &one, true, None).unwrap();
            assert!(try_build(&out, &two, false, Some(crash)).is_err());
            build(&out, &two);
            let mut want: Vec<(String, String)> = two
                .iter()
                .map(|(p, b)| (p.to_string(), b.to_string()))
                .collect();
            want.push(("a/mine.txt".into(), "mine".into()));
            want.sort();
            assert_eq!(tree(&out), want, "{crash:?}");
            assert!(!root.join(".public.staging/a/mine.txt").exists());
            std::fs::remove_dir_all(&root).unwrap();
        }
    }

    #[test]
    fn files_gongkai_did_not_write_stay_and_nothing_overwrites_them() {
        let root = fresh("foreign");
        let out = root.join("public");
        std::fs::create_dir_all(out.join("drafts")).unwrap();
        std::fs::create_dir_all(out.join("empty")).unwrap();
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        std::fs::write(out.join("drafts/x"), "draft").unwrap();
        let inode = |p: &str| Stamp::of(&std::fs::metadata(out.join(p)).unwrap());
        let before = (inode("notes.txt"), inode("drafts/x"));
        let e = try_build(&out, &[("a", "1")], false, None).unwrap_err();
        assert_eq!(
            refusal(e),
            format!(
                "{}/ holds files gongkai did not write (e.g. notes.txt)",
                out.display()
            )
        );
        assert_eq!(beside(&out), ["public"], "nothing made before the refusal");
        let w = try_build(&out, &[("a", "1"), ("x/y", "2")], true, None).unwrap();
        assert_eq!(w.foreign, 3);
        // Remembered: no --force needed again; a page that goes is removed,
        // a file that becomes a folder is fine, the foreign files stay.
        build(&out, &[("a", "1"), ("x", "3"), ("empty/z", "4")]);
        let w = build(&out, &[("x", "3")]);
        assert_eq!(w.foreign, 3);
        assert_eq!(
            tree(&out),
            [
                ("drafts/x".into(), "draft".into()),
                ("notes.txt".into(), "mine".into()),
                ("x".into(), "3".into())
            ]
        );
        assert!(
            out.join("empty").is_dir(),
            "an empty folder of the user's stays"
        );
        assert_eq!(
            (inode("notes.txt"), inode("drafts/x")),
            before,
            "never moved"
        );
        for f in ["notes.txt", "drafts", "empty"] {
            assert!(!root.join(".public.staging").join(f).exists(), "{f}");
        }
        // A file of the user's where the site puts one of its own: refused,
        // and nothing changes; the same bytes are taken over.
        let e = try_build(&out, &[("x", "3"), ("notes.txt", "site")], false, None).unwrap_err();
        assert_eq!(
            refusal(e),
            format!(
                "{}/ holds files gongkai did not write where the site puts its own (e.g. notes.txt)",
                out.display()
            )
        );
        let e = try_build(&out, &[("x", "3"), ("drafts", "site")], false, None).unwrap_err();
        assert!(refusal(e).contains("(e.g. drafts/x)"));
        let e = try_build(&out, &[("notes.txt/y", "site")], false, None).unwrap_err();
        assert!(refusal(e).contains("(e.g. notes.txt)"));
        assert_eq!(tree(&out).len(), 3);
        let w = build(&out, &[("x", "3"), ("notes.txt", "mine")]);
        assert_eq!(w.foreign, 2);
        // A file put into the output later is refused again.
        std::fs::write(out.join("later"), "").unwrap();
        let e = try_build(&out, &[("x", "3")], false, None).unwrap_err();
        assert!(refusal(e).ends_with("(e.g. later)"));
        // Once the foreign files are gone, the folders are swapped again.
        for f in ["later", "drafts/x"] {
            std::fs::remove_file(out.join(f)).unwrap();
        }
        std::fs::remove_dir(out.join("drafts")).unwrap();
        std::fs::remove_dir(out.join("empty")).unwrap();
        let w = build(&out, &[("x", "3")]);
        assert_eq!(w.foreign, 0);
        assert_eq!(tree(&out), [("x".into(), "3".into())]);
        build(&out, &[("x", "3")]);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn an_output_that_is_not_a_folder_is_refused() {
        let root = fresh("not-a-folder");
        let file = root.join("public");
        std::fs::write(&file, "x").unwrap();
        let e = claim_output(&file, &Protected::default(), true)
            .err()
            .unwrap();
        assert!(refusal(e).ends_with("is a file, not a folder"));
        #[cfg(unix)]
        {
            let link = root.join("site");
            std::fs::create_dir_all(root.join("real")).unwrap();
            std::os::unix::fs::symlink(root.join("real"), &link).unwrap();
            let e = claim_output(&link, &Protected::default(), true)
                .err()
                .unwrap();
            assert!(refusal(e).ends_with("is a symbolic link"));
        }
        std::fs::remove_dir_all(&root).unwrap();
    }
}
