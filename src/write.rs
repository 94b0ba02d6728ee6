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

use crate::render::OutFile;
use anyhow::{bail, Context, Result};
use std::collections::HashSet;
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
    /// Time spent writing files (summed over threads; not the commit).
    pub busy: std::time::Duration,
}

/// What the manifest of a tree knows of one file: enough to tell, from a
/// `stat` alone, that the file is still the one whose hash it recorded.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Stamp {
    ino: u64,
    len: u64,
    mtime_ns: u128,
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        let ino = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let ino = 0;
        Stamp {
            ino,
            len: meta.len(),
            mtime_ns: meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos()),
        }
    }
}

/// One file of a tree.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Entry {
    stamp: Stamp,
    /// xxh3-128 of its bytes.
    hash: u128,
    /// What it was made from (see `Sink::put_made`), 0 if nothing.
    source: u128,
}

/// Each file of a tree: its stamp, the hash of its bytes and of its source. Kept beside the
/// tree (`.public.sums` for `public`), so that a rebuild compares hashes
/// instead of reading the previous files back, and deletes what it no
/// longer has without walking the tree. It names the tree by the inode of
/// its folder: a manifest that does not match its tree is not used.
#[derive(Default)]
struct Manifest {
    root: u64,
    files: std::collections::HashMap<String, Entry>,
}

fn root_id(dir: &Path) -> u64 {
    std::fs::metadata(dir)
        .map(|m| Stamp::of(&m).ino)
        .unwrap_or(0)
}

impl Manifest {
    const HEADER: &'static str = "gongkai tree manifest 2";

    fn read(path: &Path, tree: &Path) -> Option<Manifest> {
        let text = std::fs::read_to_string(path).ok()?;
        let mut lines = text.lines();
        let root: u64 = lines
            .next()?
            .strip_prefix(Self::HEADER)?
            .trim()
            .parse()
            .ok()?;
        if root == 0 || root != root_id(tree) {
            return None;
        }
        let mut files = std::collections::HashMap::new();
        for line in lines {
            let mut f = line.splitn(6, ' ');
            let mut next = || f.next();
            let (ino, len, mtime, hash, source, path) =
                (next()?, next()?, next()?, next()?, next()?, next()?);
            let entry = Entry {
                stamp: Stamp {
                    ino: ino.parse().ok()?,
                    len: len.parse().ok()?,
                    mtime_ns: mtime.parse().ok()?,
                },
                hash: u128::from_str_radix(hash, 16).ok()?,
                source: u128::from_str_radix(source, 16).ok()?,
            };
            files.insert(path.to_string(), entry);
        }
        Some(Manifest { root, files })
    }

    fn write(&self, path: &Path) -> Result<()> {
        let mut entries: Vec<_> = self.files.iter().collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        let mut out = format!("{} {}\n", Self::HEADER, self.root);
        for (p, e) in entries {
            out.push_str(&format!(
                "{} {} {} {:032x} {:032x} {p}\n",
                e.stamp.ino, e.stamp.len, e.stamp.mtime_ns, e.hash, e.source
            ));
        }
        std::fs::write(path, out).with_context(|| format!("writing {}", path.display()))
    }
}

/// The staging folder of one build of `out` (see the module comment).
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    /// Held for the whole build: two builds of one output wait for each other.
    _lock: std::fs::File,
    /// The staging tree's files as its manifest knew them; `None` when it
    /// has none that matches (the first build, or after a failed one), and
    /// the tree is walked instead.
    before: Option<Manifest>,
    now: Mutex<std::collections::HashMap<String, Entry>>,
    dirs: Mutex<HashSet<PathBuf>>,
    written: AtomicUsize,
    kept: AtomicUsize,
    busy_ns: AtomicU64,
}

fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    out.with_file_name(format!(".{name}.{tag}"))
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
    now: &std::collections::HashMap<String, Entry>,
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

impl Staging {
    /// Take the staging folder of `out` (waiting for another build of it to finish).
    pub fn open(out: &Path) -> Result<Staging> {
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)
            .with_context(|| format!("creating {}", parent.display()))?;
        let lock_path = sibling(out, "lock");
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .with_context(|| format!("opening {}", lock_path.display()))?;
        lock.lock()
            .with_context(|| format!("locking {}", lock_path.display()))?;
        remove_leftovers(out);
        let dir = sibling(out, "staging");
        if dir.exists() && !dir.is_dir() {
            std::fs::remove_file(&dir).with_context(|| format!("removing {}", dir.display()))?;
        }
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        // This build changes the staging tree: its manifest goes now, and a
        // new one is written only when the build is committed.
        let sums = sibling(out, "staging.sums");
        let before = Manifest::read(&sums, &dir);
        let _ = std::fs::remove_file(&sums);
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            _lock: lock,
            before,
            now: Mutex::default(),
            dirs: Mutex::default(),
            written: AtomicUsize::new(0),
            kept: AtomicUsize::new(0),
            busy_ns: AtomicU64::new(0),
        })
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

    /// Delete what this build did not write, then swap the staging folder
    /// in as the output. The previous output stays, as the next build's
    /// staging folder.
    pub fn commit(self) -> Result<Written> {
        let now = self.now.into_inner().unwrap_or_else(|e| e.into_inner());
        let stale = stale_files(&self.dir, self.before.as_ref(), &now)?;
        let mut emptied = std::collections::BTreeSet::new();
        let mut removed = 0;
        for f in &stale {
            if f.is_dir() {
                continue; // a file of the old tree that is a folder now
            }
            match std::fs::remove_file(f) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e).with_context(|| format!("removing {}", f.display())),
            }
            removed += 1;
            let mut d = f.parent();
            while let Some(dir) = d.filter(|d| *d != self.dir.as_path()) {
                emptied.insert(dir.to_path_buf());
                d = dir.parent();
            }
        }
        // Folders left empty, deepest first.
        let mut emptied: Vec<PathBuf> = emptied.into_iter().collect();
        emptied.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
        for d in emptied {
            let _ = std::fs::remove_dir(d);
        }
        let manifest = Manifest {
            root: root_id(&self.dir),
            files: now,
        };
        let next = sibling(&self.out, "next.sums");
        manifest.write(&next)?;
        swap(&self.dir, &self.out)?;
        // The manifests follow their trees.
        let live = sibling(&self.out, "sums");
        if live.exists() {
            std::fs::rename(&live, sibling(&self.out, "staging.sums"))
                .with_context(|| format!("moving {}", live.display()))?;
        }
        std::fs::rename(&next, &live).with_context(|| format!("writing {}", live.display()))?;
        Ok(Written {
            written: self.written.into_inner(),
            kept: self.kept.into_inner(),
            removed,
            busy: std::time::Duration::from_nanos(self.busy_ns.into_inner()),
        })
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

    fn build(out: &Path, files: &[(&str, &str)]) -> Written {
        let s = Staging::open(out).unwrap();
        for (p, b) in files {
            s.put(p, b.as_bytes()).unwrap();
        }
        s.commit().unwrap()
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
        // An output that exists before any staging folder is replaced whole.
        let other = root.join("site");
        std::fs::create_dir_all(other.join("old")).unwrap();
        std::fs::write(other.join("old/f"), "stale").unwrap();
        build(&other, &[("new", "n")]);
        assert_eq!(tree(&other), [("new".into(), "n".into())]);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn refuses_paths_outside_the_site_and_doubles() {
        let root = std::env::temp_dir().join(format!("gongkai-write2-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let s = Staging::open(&root.join("public")).unwrap();
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
        let s = Staging::open(&out).unwrap();
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
            let s = Staging::open(&out).unwrap();
            assert!(!s.reuse("p/index.html", 7));
            s.put_made("p/index.html", b"<p>x", 7).unwrap();
            s.commit().unwrap();
        }
        let s = Staging::open(&out).unwrap();
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
}
