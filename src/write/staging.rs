//! The staging tree of one build (see the module comment of `write`):
//! `Staging::open` takes it, the `Sink` puts each file into it unless it
//! holds those bytes already, and `Staging::commit` deletes what the build
//! did not write and makes it the output (by `swap` or by `merge`).

use super::guard::{self, example, Claim, Refusal};
use super::manifest::{self, sibling, Entry, Files, Manifest, Stamp};
use super::prune::{remove_files, remove_leftovers, stale_files};
use super::Sink;
use anyhow::{bail, Context, Result};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

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
    pub(super) out: PathBuf,
    /// `out` as the user named it, for messages.
    pub(super) shown: String,
    /// Whether the user allowed files gongkai did not write in the output.
    pub(super) force: bool,
    pub(super) dir: PathBuf,
    /// Held for the whole build: two builds of one output wait for each other.
    pub(super) _lock: std::fs::File,
    /// The output's record; `None` for a new (or empty, or taken-over) output.
    pub(super) record: Option<Manifest>,
    /// The staging tree's files as its manifest knew them; `None` when it
    /// has none that matches (the first build, or after a failed one), and
    /// the tree is walked instead.
    pub(super) before: Option<Manifest>,
    /// The staging folder was made by this build, so it held nothing: no
    /// file is looked for there before it is written, and no walk finds
    /// what this build did not write (at N=50,000 a first build's 126,000
    /// `lstat`s and a walk of 126,000 folders).
    pub(super) fresh: bool,
    pub(super) now: Mutex<Files>,
    pub(super) dirs: Mutex<HashSet<PathBuf>>,
    pub(super) written: AtomicUsize,
    pub(super) kept: AtomicUsize,
    pub(super) busy_ns: AtomicU64,
    /// The memos this build leaves for the next (see `memo`).
    pub(super) memos: Mutex<Vec<(String, Vec<u8>)>>,
    /// The memos' bodies this build read (see `memo`).
    pub(super) read_memos: Mutex<HashMap<String, super::memo::Body>>,
    /// What names the output's tree to its memos (`memo::tree_id`).
    pub(super) record_tree: std::sync::OnceLock<String>,
    /// A commit stops before this step, as if the process were killed.
    #[cfg(test)]
    pub(super) crash_at: Option<Step>,
}

/// The steps of a commit that leave something on disk, for the tests that
/// stop a commit between two of them.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Step {
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

/// Take the lock of the output `out` (`.public.lock`), waiting for a
/// build that holds it: held while a build writes, released when dropped.
pub(super) fn lock_output(out: &Path) -> Result<std::fs::File> {
    let lock_path = sibling(out, "lock");
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .with_context(|| format!("opening {}", lock_path.display()))?;
    lock.lock()
        .with_context(|| format!("locking {}", lock_path.display()))?;
    Ok(lock)
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
        let lock = lock_output(&out)?;
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
        let fresh = std::fs::symlink_metadata(&dir).is_err();
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        let (record, before) = records.settle(&out, &dir)?;
        let before = match before {
            None if fresh => Some(Manifest::default()),
            before => before,
        };
        // About as many files as the last build wrote.
        let files = record.as_ref().map_or(0, |m| m.files.len());
        Ok(Staging {
            out,
            shown,
            force,
            dir,
            _lock: lock,
            record,
            before,
            fresh,
            now: Mutex::new(Files::with_capacity_and_hasher(files, Default::default())),
            dirs: Mutex::default(),
            written: AtomicUsize::new(0),
            kept: AtomicUsize::new(0),
            busy_ns: AtomicU64::new(0),
            memos: Mutex::default(),
            read_memos: Mutex::default(),
            record_tree: std::sync::OnceLock::new(),
            #[cfg(test)]
            crash_at: None,
        })
    }

    /// Stop here if a test asked the commit to crash at `step`.
    pub(super) fn step(&self, step: Step) -> Result<()> {
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
        let existing = self.existing(&full);
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
        }
        let target = self.make_room(&full, existing.as_ref())?;
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

    /// What stands at `full` in the staging tree (nothing, in a fresh one:
    /// every path of a build is written once).
    fn existing(&self, full: &Path) -> Option<std::fs::Metadata> {
        if self.fresh {
            return None;
        }
        std::fs::symlink_metadata(full).ok()
    }

    /// Make way for a file at `full`: its folder made, a folder of the
    /// build before last that stands there removed; where to write it.
    fn make_room(&self, full: &Path, existing: Option<&std::fs::Metadata>) -> Result<PathBuf> {
        if existing.is_some_and(|m| m.is_dir()) {
            std::fs::remove_dir_all(full)
                .with_context(|| format!("removing {}", full.display()))?;
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
        Ok(match existing {
            Some(_) => full.with_file_name(format!(
                ".{}.gongkai-new",
                full.file_name().unwrap_or_default().to_string_lossy()
            )),
            None => full.to_path_buf(),
        })
    }

    /// Put the output's file `from` into the staging tree at `path` as a
    /// hard link, not a copy: the two trees share it until a build changes
    /// it, which always renames a new file over it (see `make_room`), so
    /// neither tree ever sees the other's file change. `None` where the
    /// file system cannot link; the caller copies instead.
    pub(super) fn link_in(&self, path: &str, from: &Path, out: Entry) -> Result<Option<Entry>> {
        inside_the_site(path)?;
        let full = self.dir.join(path);
        let existing = self.existing(&full);
        let target = self.make_room(&full, existing.as_ref())?;
        if std::fs::hard_link(from, &target).is_err() {
            return Ok(None);
        }
        if target != full {
            std::fs::rename(&target, &full)
                .with_context(|| format!("replacing {}", full.display()))?;
        }
        let meta = std::fs::symlink_metadata(&full)
            .with_context(|| format!("reading {}", full.display()))?;
        self.kept.fetch_add(1, Ordering::Relaxed);
        Ok(Some(Entry {
            stamp: Stamp::of(&meta),
            ..out
        }))
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
        super::memo::forget(&self.out)?;
        let (files, kept_foreign) = if foreign.is_empty() {
            (self.swap_in(now)?, 0)
        } else {
            (now.clone(), self.merge_in(now, foreign)?)
        };
        self.write_memos(&files)?;
        Ok(Written {
            written: self.written.load(Ordering::Relaxed),
            kept: self.kept.load(Ordering::Relaxed),
            removed,
            foreign: kept_foreign,
            busy: std::time::Duration::from_nanos(self.busy_ns.load(Ordering::Relaxed)),
        })
    }

    pub(super) fn record(&self, path: &str, entry: Entry) -> Result<()> {
        let mut now = self.now.lock().unwrap_or_else(|e| e.into_inner());
        if now.insert(path.to_string(), entry).is_some() {
            bail!("two files of the site are written to `{path}`");
        }
        Ok(())
    }
}

impl Sink for Staging {
    fn keep(&self, path: &str) -> bool {
        self.keep_file(path).unwrap_or(false)
    }

    fn memo(&self, name: &str) -> Option<Vec<u8>> {
        let record = self.record.as_ref()?;
        let tree = self
            .record_tree
            .get_or_init(|| super::memo::tree_id(&self.out, &record.files));
        let (bytes, body) = super::memo::read(&self.out, tree, name)?;
        let mut read = self.read_memos.lock().unwrap_or_else(|e| e.into_inner());
        read.insert(name.to_string(), body);
        Some(bytes)
    }

    fn set_memo(&self, name: &str, bytes: Vec<u8>) {
        let mut memos = self.memos.lock().unwrap_or_else(|e| e.into_inner());
        memos.retain(|(n, _)| n != name);
        memos.push((name.to_string(), bytes));
    }

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
        inside_the_site(path)?;
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

/// A site path gongkai may write: relative, with no empty or `..` part.
fn inside_the_site(path: &str) -> Result<()> {
    if path.is_empty() || path.split('/').any(|p| p.is_empty() || p == "..") {
        bail!("refusing to write `{path}`: not a path inside the site");
    }
    Ok(())
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::guard::{claim_output, Protected};
    use super::*;
    use crate::env::scratch_dir;
    /// Two builds of one site for the tests that stop a commit between
    /// them: a file changes, one goes, one comes in a new folder.
    pub(crate) const FIRST: [(&str, &str); 3] = [("a/index.html", "1"), ("b", "2"), ("gone", "3")];
    pub(crate) const SECOND: [(&str, &str); 3] = [("a/index.html", "1"), ("b", "22"), ("c/d", "4")];

    pub(crate) fn tree(dir: &Path) -> Vec<(String, String)> {
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

    pub(crate) fn open(out: &Path) -> Staging {
        Staging::open(claim_output(out, &Protected::default(), false).unwrap()).unwrap()
    }

    /// A build of `files` into `out` that stops before `crash`, if given.
    pub(crate) fn try_build(
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

    pub(crate) fn build(out: &Path, files: &[(&str, &str)]) -> Written {
        try_build(out, files, false, None).unwrap()
    }

    pub(crate) fn refusal(e: anyhow::Error) -> String {
        e.downcast::<Refusal>().unwrap().message
    }

    #[test]
    fn rebuilds_write_only_what_changed_and_remove_what_is_gone() {
        let root = scratch_dir("write-rebuilds");
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
        let root = scratch_dir("write-doubles");
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
        let root = scratch_dir("write-untrusted");
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
        let root = scratch_dir("write-reuse");
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
    fn a_kept_file_is_linked_in_and_a_later_change_leaves_the_other_tree_alone() {
        let root = scratch_dir("write-keep-link");
        let out = root.join("public");
        let s = open(&out);
        s.put("p/index.html", b"one").unwrap();
        s.commit().unwrap();
        // The staging tree is empty: the kept file comes from the output,
        // linked, not written again.
        let s = open(&out);
        assert!(s.keep("p/index.html"));
        let w = s.commit().unwrap();
        assert_eq!((w.written, w.kept), (0, 1));
        let staged = sibling(&out, "staging").join("p/index.html");
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let ino = |p: &Path| std::fs::metadata(p).unwrap().ino();
            assert_eq!(
                ino(&out.join("p/index.html")),
                ino(&staged),
                "one file, two names"
            );
        }
        // A change is a new file in the staging tree, swapped in: the tree
        // swapped out keeps the old bytes.
        let s = open(&out);
        s.put("p/index.html", b"two").unwrap();
        s.commit().unwrap();
        assert_eq!(tree(&out), [("p/index.html".into(), "two".into())]);
        assert_eq!(std::fs::read_to_string(&staged).unwrap(), "one");
        let s = open(&out);
        assert!(s.keep("p/index.html"));
        s.commit().unwrap();
        assert_eq!(tree(&out), [("p/index.html".into(), "two".into())]);
        std::fs::remove_dir_all(&root).unwrap();
    }

    /// Every file beside `out` (the record files, the staging folder …).
    pub(crate) fn beside(out: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(out.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        v.sort();
        v
    }
}
