//! The record gongkai keeps of each tree it writes: every file's stamp and
//! hash (so a rebuild compares hashes instead of reading files back), and the
//! files it found there and leaves alone. The record of the output is also
//! how gongkai knows the output is its own (see `guard`).
//!
//! Three record files live beside the output `public/`: `.public.sums`
//! (the output's), `.public.staging.sums` (the staging folder's) and
//! `.public.next.sums` (one being written). Each names its tree by the inode
//! of the tree's folder, so a record follows its tree through the swap, and
//! after a crash between two steps of a commit the right record is still
//! found, whatever file it is in.

use anyhow::{Context, Result};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What a record knows of one file: enough to tell, from a `stat` alone,
/// that the file is still the one whose hash it recorded.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub(super) struct Stamp {
    pub ino: u64,
    pub len: u64,
    pub mtime_ns: u128,
}

impl Stamp {
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
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

/// A tree's files by path. Hashed with foldhash, not std's SipHash: a
/// no-op rebuild at N=50,000 looks up and inserts 126,000 paths in several
/// of these, and SipHash was about 5% of its samples. The paths are the
/// site's own, so no one can choose them to collide.
pub(crate) type Files = foldhash::HashMap<String, Entry>;

/// One file of a tree.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) struct Entry {
    /// All zero when not known (no file has inode 0): nothing matches it.
    pub stamp: Stamp,
    /// xxh3-128 of its bytes.
    pub hash: u128,
    /// What it was made from (see `Sink::put_made`), 0 if nothing.
    pub source: u128,
}

impl Entry {
    /// A file gongkai is about to write, not yet known.
    pub const UNKNOWN: Entry = Entry {
        stamp: Stamp {
            ino: 0,
            len: 0,
            mtime_ns: 0,
        },
        hash: 0,
        source: 0,
    };
}

/// The record of one tree.
#[derive(Default, Clone, Debug, PartialEq)]
pub(super) struct Manifest {
    /// The inode of the tree's folder.
    pub root: u64,
    /// The files gongkai wrote, by path relative to the tree.
    pub files: Files,
    /// What gongkai found in the tree and leaves alone (`--force`): files,
    /// and empty folders (ending in `/`).
    pub foreign: BTreeSet<String>,
}

/// What names a folder through renames: its inode (elsewhere, its creation
/// time); 0 if it is missing.
pub(super) fn root_id(dir: &Path) -> u64 {
    let Ok(meta) = std::fs::metadata(dir) else {
        return 0;
    };
    #[cfg(unix)]
    let id = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let id = meta
        .created()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64);
    id
}

const HEADER: &str = "gongkai tree manifest ";

/// A path on one line of the record: `\`, newline and carriage return escaped
/// (a foreign file may be named anything).
fn escape(p: &str) -> String {
    p.replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

fn unescape(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    let mut chars = p.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(c) => out.push(c),
            None => out.push('\\'),
        }
    }
    out
}

impl Manifest {
    /// Version 3: `gongkai tree manifest 3 ROOT`, one line per file
    /// (`INO LEN MTIME HASH SOURCE PATH`), one per foreign entry
    /// (`foreign PATH`), and `end N` (the number of lines before it), so a
    /// record cut short is not taken for a whole one. Version 2 (files only,
    /// no end line) is still read.
    pub fn parse(text: &str) -> Option<Manifest> {
        let mut lines = text.lines();
        let (version, root) = lines.next()?.strip_prefix(HEADER)?.split_once(' ')?;
        let root: u64 = root.trim().parse().ok()?;
        if root == 0 {
            return None;
        }
        let v3 = match version {
            "2" => false,
            "3" => true,
            _ => return None,
        };
        // One line a file: sized once, not grown by doubling (126,000
        // entries at N=50,000, each rehashed at every doubling).
        let lines_left = text.bytes().filter(|&b| b == b'\n').count();
        let mut m = Manifest {
            root,
            files: Files::with_capacity_and_hasher(lines_left, Default::default()),
            ..Manifest::default()
        };
        let mut count = 0usize;
        let mut ended = false;
        for line in lines {
            if ended {
                return None;
            }
            if v3 {
                if let Some(n) = line.strip_prefix("end ") {
                    if n.parse::<usize>().ok()? != count {
                        return None;
                    }
                    ended = true;
                    continue;
                }
                if let Some(p) = line.strip_prefix("foreign ") {
                    m.foreign.insert(unescape(p));
                    count += 1;
                    continue;
                }
            }
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
            m.files.insert(unescape(path), entry);
            count += 1;
        }
        (ended || !v3).then_some(m)
    }

    pub fn read(path: &Path) -> Option<Manifest> {
        Manifest::parse(&std::fs::read_to_string(path).ok()?)
    }

    pub fn render(&self) -> String {
        let mut entries: Vec<_> = self.files.iter().collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        let mut out = format!("{HEADER}3 {}\n", self.root);
        for (p, e) in &entries {
            out.push_str(&format!(
                "{} {} {} {:032x} {:032x} {}\n",
                e.stamp.ino,
                e.stamp.len,
                e.stamp.mtime_ns,
                e.hash,
                e.source,
                escape(p)
            ));
        }
        for p in &self.foreign {
            out.push_str(&format!("foreign {}\n", escape(p)));
        }
        out.push_str(&format!("end {}\n", entries.len() + self.foreign.len()));
        out
    }

    /// Write the record to `path` and flush it to disk.
    pub fn write(&self, path: &Path) -> Result<()> {
        let mut f =
            std::fs::File::create(path).with_context(|| format!("writing {}", path.display()))?;
        std::io::Write::write_all(&mut f, self.render().as_bytes())
            .and_then(|()| f.sync_all())
            .with_context(|| format!("writing {}", path.display()))
    }
}

/// The hidden sibling `.NAME.TAG` of the output `NAME`.
pub(super) fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    out.with_file_name(format!(".{name}.{tag}"))
}

/// The record files beside `out`, in the order they are searched for the
/// output's record: the output's own first (during a commit the newer one
/// may be half written).
pub(super) fn record_files(out: &Path) -> [PathBuf; 3] {
    [
        sibling(out, "sums"),
        sibling(out, "next.sums"),
        sibling(out, "staging.sums"),
    ]
}

/// What the record files beside an output held when they were read.
pub(super) struct Records {
    read: Vec<(PathBuf, Option<Stamp>, Option<Manifest>)>,
}

impl Records {
    pub fn read(out: &Path) -> Records {
        Records {
            read: record_files(out)
                .into_iter()
                .map(|p| {
                    let stamp = std::fs::metadata(&p).ok().map(|m| Stamp::of(&m));
                    let m = stamp.and_then(|_| Manifest::read(&p));
                    (p, stamp, m)
                })
                .collect(),
        }
    }

    /// Whether no record file changed since they were read (each is
    /// replaced by a rename, so a rewrite changes its inode).
    pub fn unchanged(&self) -> bool {
        self.read
            .iter()
            .all(|(p, stamp, _)| std::fs::metadata(p).ok().map(|m| Stamp::of(&m)) == *stamp)
    }

    /// The record that names the tree whose folder has inode `root`.
    pub fn naming(&self, root: u64) -> Option<&Manifest> {
        self.read
            .iter()
            .filter_map(|(_, _, m)| m.as_ref())
            .find(|m| root != 0 && m.root == root)
    }

    /// Take the output's record and the staging tree's, leaving beside the
    /// output only the output's, as `.NAME.sums`. The staging tree's record
    /// is removed because this build changes that tree; a new one is
    /// written when the build is committed.
    pub fn settle(
        self,
        out: &Path,
        staging: &Path,
    ) -> Result<(Option<Manifest>, Option<Manifest>)> {
        let (out_root, staging_root) = (root_id(out), root_id(staging));
        let sums = sibling(out, "sums");
        let mut record = None;
        let mut before = None;
        for (path, _, m) in self.read {
            let Some(m) = m else {
                let _ = std::fs::remove_file(&path);
                continue;
            };
            if record.is_none() && out_root != 0 && m.root == out_root {
                if path != sums {
                    // A commit stopped after its swap: finish it.
                    std::fs::rename(&path, &sums)
                        .with_context(|| format!("moving {}", path.display()))?;
                }
                record = Some(m);
                continue;
            }
            if before.is_none() && staging_root != 0 && m.root == staging_root {
                before = Some(m);
            }
            let _ = std::fs::remove_file(&path);
        }
        Ok((record, before))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_and_a_cut_one_is_refused() {
        let mut m = Manifest {
            root: 7,
            ..Manifest::default()
        };
        m.files.insert(
            "a b/index.html".into(),
            Entry {
                stamp: Stamp {
                    ino: 3,
                    len: 4,
                    mtime_ns: 5,
                },
                hash: 6,
                source: 0,
            },
        );
        m.foreign.insert("notes\nwith a newline\\.txt".into());
        m.foreign.insert("drafts/".into());
        let text = m.render();
        assert_eq!(Manifest::parse(&text), Some(m));
        let cut = &text[..text.len() - 6];
        assert_eq!(Manifest::parse(cut), None);
        let without_end = text.replace("end 3\n", "");
        assert_eq!(Manifest::parse(&without_end), None);
        assert_eq!(Manifest::parse(&text.replace("end 3", "end 2")), None);
    }

    #[test]
    fn a_version_2_record_still_reads() {
        let text = format!(
            "gongkai tree manifest 2 9\n1 2 3 {:032x} {:032x} x/y z\n",
            4, 0
        );
        let m = Manifest::parse(&text).unwrap();
        assert_eq!(m.root, 9);
        assert_eq!(m.files["x/y z"].hash, 4);
        assert!(m.foreign.is_empty());
        assert_eq!(Manifest::parse("gongkai tree manifest 2 0\n"), None);
        assert_eq!(Manifest::parse("gongkai tree manifest 4 1\nend 0\n"), None);
    }
}
