//! The output folder is never someone else's folder. Before a build touches
//! anything (no staging folder, no lock file), `claim_output` checks that the
//! output does not exist, is empty, or is a tree gongkai wrote: one whose
//! record (`.public.sums` beside `public/`, see `manifest`) names it. Before
//! the commit, `Staging::commit` checks that the record lists every file in
//! it, either as written by gongkai or as found there and kept (`--force`);
//! a folder no record names is checked so at the claim as well, so that
//! nothing is put beside it. Anything else is refused unless `--force` is given,
//! and even then the files gongkai did not write stay where they are (see
//! `Staging::commit`). An output that is, contains or lies inside the
//! content, theme, seeds or archive folder, or holds the folder gongkai runs
//! in, is refused always.

use super::manifest::{root_id, sibling, Manifest, Records};
use anyhow::{Context, Result};
use std::collections::HashSet;
use std::fmt;
use std::path::{Component, Path, PathBuf};

/// The folders an output must keep clear of. A `None` is not checked.
#[derive(Debug, Default, Clone)]
pub struct Protected {
    pub content: Option<PathBuf>,
    pub theme: Option<PathBuf>,
    pub seeds: Option<PathBuf>,
    pub archive: Option<PathBuf>,
}

/// A refused output: a problem with the user's choice of folder (exit 1),
/// printed as `error: MESSAGE` and `  help: HELP`. Carried as an
/// `anyhow::Error`; find it with `downcast_ref::<Refusal>()`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub message: String,
    pub help: String,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\n  help: {}", self.message, self.help)
    }
}

impl std::error::Error for Refusal {}

impl Refusal {
    /// `FOLDER/ holds files gongkai did not write (e.g. EXAMPLE)`, with the
    /// help of `build` and `serve` (another command may replace the help).
    pub fn foreign(shown: &str, example: &str) -> Refusal {
        Refusal {
            message: format!("{shown} holds files gongkai did not write (e.g. {example})"),
            help: "choose an empty or new folder with --out, or pass --force to build into it; \
                   files gongkai did not write are kept"
                .into(),
        }
    }

    /// Files gongkai did not write stand where the site puts its own.
    pub(super) fn in_the_way(shown: &str, example: &str) -> Refusal {
        Refusal {
            message: format!(
                "{shown} holds files gongkai did not write where the site puts its own (e.g. {example})"
            ),
            help: format!(
                "move them out of {shown}, or remove {shown} if it is an old build, then build \
                 again; gongkai never overwrites a file it did not write"
            ),
        }
    }
}

/// A folder named for messages as the user gave it, ending in `/`.
pub fn shown(dir: &Path) -> String {
    let s = dir.display().to_string();
    if s.ends_with('/') {
        s
    } else {
        format!("{s}/")
    }
}

/// `p` made absolute: its nearest existing ancestor canonicalised (links
/// resolved), the rest appended as written.
pub fn resolve(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .unwrap_or_else(|_| PathBuf::from("/"))
            .join(p)
    };
    let parts: Vec<Component> = abs.components().collect();
    for i in (1..=parts.len()).rev() {
        let head: PathBuf = parts[..i].iter().collect();
        let Ok(mut at) = head.canonicalize() else {
            continue;
        };
        for part in &parts[i..] {
            match part {
                Component::ParentDir => {
                    at.pop();
                }
                Component::Normal(n) => at.push(n),
                _ => {}
            }
        }
        return at;
    }
    abs
}

impl Protected {
    /// Refuse an output (named `label` in the message, e.g. `--out public`)
    /// that is, contains or lies inside one of the folders, or is or holds
    /// the folder gongkai runs in. `--force` does not change this.
    pub fn check(&self, out: &Path, label: &str) -> Result<(), Refusal> {
        let o = resolve(out);
        let help = "the output must be a folder of its own, outside the content, theme, seeds and \
                    archive folders (e.g. --out public beside content/); --force does not change this";
        let folders = [
            ("content", &self.content),
            ("theme", &self.theme),
            ("seeds", &self.seeds),
            ("archive", &self.archive),
        ];
        for (what, dir) in folders {
            let Some(dir) = dir else { continue };
            let d = resolve(dir);
            let message = if o == d {
                format!("{label} is the {what} folder")
            } else if o.starts_with(&d) {
                format!("{label} lies inside the {what} folder {}", shown(dir))
            } else if d.starts_with(&o) {
                format!("{label} contains the {what} folder {}", shown(dir))
            } else {
                continue;
            };
            return Err(Refusal {
                message,
                help: help.into(),
            });
        }
        let here = resolve(Path::new("."));
        if here.starts_with(&o) {
            let how = if here == o { "is" } else { "contains" };
            return Err(Refusal {
                message: format!("{label} {how} the folder gongkai runs in"),
                help: "run gongkai from outside the output folder, or choose another --out".into(),
            });
        }
        Ok(())
    }
}

/// Every entry of the tree `dir` that `ours` does not accept, as a path
/// relative to `dir` with `/` between names: files, links and other
/// non-folders, and empty or unreadable folders (with a trailing `/`).
/// Links are not followed. `ours` is asked about every such entry. The
/// folders are read on rayon's threads, so the order is not the tree's.
pub fn foreign_entries(dir: &Path, ours: &(dyn Fn(&str) -> bool + Sync)) -> Result<Vec<String>> {
    walk(dir, "", ours)
}

/// `foreign_entries` below `rel`. A build walks its output twice, at its
/// start and before its swap (126,000 folders at N=50,000, about a quarter
/// of a second each on one core); the subfolders of each folder are walked
/// at once.
fn walk(root: &Path, rel: &str, ours: &(dyn Fn(&str) -> bool + Sync)) -> Result<Vec<String>> {
    use rayon::prelude::*;
    let dir = if rel.is_empty() {
        root.to_path_buf()
    } else {
        root.join(rel)
    };
    let mut found = Vec::new();
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        // A folder that cannot be read is one entry, whose files are unknown.
        Err(e) if !rel.is_empty() && e.kind() == std::io::ErrorKind::PermissionDenied => {
            let path = format!("{rel}/");
            if !ours(&path) {
                found.push(path);
            }
            return Ok(found);
        }
        Err(e) => return Err(e).with_context(|| format!("reading {}", dir.display())),
    };
    let mut empty = true;
    let mut folders = Vec::new();
    for e in entries {
        let e = e.with_context(|| format!("reading {}", dir.display()))?;
        empty = false;
        let name = e.file_name().to_string_lossy().to_string();
        let path = if rel.is_empty() {
            name
        } else {
            format!("{rel}/{name}")
        };
        let kind = e
            .file_type()
            .with_context(|| format!("reading {}", e.path().display()))?;
        if kind.is_dir() {
            folders.push(path);
        } else if !ours(&path) {
            found.push(path);
        }
    }
    if empty && !rel.is_empty() {
        let path = format!("{rel}/");
        if !ours(&path) {
            found.push(path);
        }
    }
    let below: Vec<Vec<String>> = folders
        .par_iter()
        .map(|path| walk(root, path, ours))
        .collect::<Result<_>>()?;
    found.extend(below.into_iter().flatten());
    Ok(found)
}

/// The entry to name in a message: a visible one before a hidden one, a
/// shallow one before a deep one, then by name.
pub fn example(entries: &[String]) -> &str {
    entries
        .iter()
        .min_by_key(|p| {
            let hidden = p.split('/').any(|part| part.starts_with('.'));
            (hidden, p.matches('/').count(), p.as_str())
        })
        .map_or("", |p| p.as_str())
}

/// What an output tree holds beyond the files its record says gongkai wrote.
#[derive(Debug, Default)]
pub(super) struct Strangers {
    /// Found there and kept by an earlier build (`--force`).
    pub known: Vec<String>,
    /// Not in the record at all.
    pub new: Vec<String>,
}

impl Strangers {
    pub fn all(&self) -> impl Iterator<Item = &String> {
        self.known.iter().chain(&self.new)
    }
}

/// Sort the entries of the tree `out` against its record.
pub(super) fn strangers(out: &Path, record: Option<&Manifest>) -> Result<Strangers> {
    let empty = Manifest::default();
    let record = record.unwrap_or(&empty);
    // Folders that hold gongkai's files: an empty one is a folder whose
    // files someone removed, still gongkai's. Made only if one is found.
    let folders = std::sync::OnceLock::<HashSet<&str>>::new();
    let owned_folder = |p: &str| {
        folders
            .get_or_init(|| {
                record
                    .files
                    .keys()
                    .flat_map(|f| f.match_indices('/').map(move |(i, _)| &f[..i]))
                    .collect()
            })
            .contains(p)
    };
    let found = foreign_entries(out, &|p: &str| match p.strip_suffix('/') {
        Some(dir) => owned_folder(dir),
        None => record.files.contains_key(p),
    })?;
    let (mut known, new): (Vec<_>, Vec<_>) =
        found.into_iter().partition(|p| record.foreign.contains(p));
    // A kept empty folder that now holds gongkai's files is still kept.
    for f in &record.foreign {
        if f.ends_with('/') && !known.contains(f) && out.join(f).is_dir() {
            known.push(f.clone());
        }
    }
    Ok(Strangers { known, new })
}

/// Permission to build into an output, from `claim_output`.
pub struct Claim {
    pub(super) out: PathBuf,
    pub(super) shown: String,
    pub(super) force: bool,
    pub(super) records: Records,
}

/// Check, before anything is written, that `out` may be built into (see the
/// module comment); `force` takes over a folder that holds files gongkai did
/// not write. A refusal is a `Refusal` error; other errors are failures to
/// read the folder.
pub fn claim_output(out: &Path, protected: &Protected, force: bool) -> Result<Claim> {
    let label = format!("--out {}", out.display());
    protected.check(out, &label)?;
    let shown = shown(out);
    let records = Records::read(out);
    let claim = Claim {
        out: out.to_path_buf(),
        shown,
        force,
        records,
    };
    let meta = match std::fs::symlink_metadata(out) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(claim),
        Err(e) => return Err(e).with_context(|| format!("reading {}", out.display())),
    };
    if meta.file_type().is_symlink() {
        return Err(Refusal {
            message: format!("{label} is a symbolic link"),
            help: "give the folder it points to as --out (a build would replace the link, not the \
                   folder)"
                .into(),
        }
        .into());
    }
    if !meta.is_dir() {
        return Err(Refusal {
            message: format!("{label} is a file, not a folder"),
            help:
                "choose an empty or new folder with --out; gongkai does not replace files it did \
                   not write"
                    .into(),
        }
        .into());
    }
    // An output its record names is gongkai's: what was put into it since
    // is found by the walk before the commit (`Staging::commit`), which
    // refuses as this would, with the output untouched. One walk of the
    // tree, not two (at N=50,000, 126,000 folders: about half a second of
    // CPU).
    if claim.records.naming(root_id(out)).is_some() {
        return Ok(claim);
    }
    let strangers = strangers(out, None)?;
    if !strangers.new.is_empty() && !force {
        let mut refusal = Refusal::foreign(&claim.shown, example(&strangers.new));
        if sibling(out, "lock").exists() {
            let sums = sibling(out, "sums");
            let sums = sums.file_name().unwrap_or_default().to_string_lossy();
            refusal.help = format!(
                "{} may be an earlier build that no record names ({sums} was deleted, or the \
                 project copied): remove it and build again, or pass --force to build into it; \
                 files gongkai did not write are kept",
                claim.shown
            );
        }
        return Err(refusal.into());
    }
    Ok(claim)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::env::scratch_dir;

    #[test]
    fn an_output_keeps_clear_of_the_inputs() {
        let root = scratch_dir("guard-inputs");
        let content = root.join("content");
        std::fs::create_dir_all(&content).unwrap();
        let p = Protected {
            content: Some(content.clone()),
            archive: Some(root.join("archive")), // not made yet
            ..Protected::default()
        };
        let msg = |out: &Path| p.check(out, "--out X").map_err(|r| r.message);
        assert_eq!(msg(&content), Err("--out X is the content folder".into()));
        assert_eq!(
            msg(&content.join("public")),
            Err(format!(
                "--out X lies inside the content folder {}/",
                content.display()
            ))
        );
        assert_eq!(
            msg(&root),
            Err(format!(
                "--out X contains the content folder {}/",
                content.display()
            ))
        );
        assert!(msg(&root.join("archive/2022/x")).is_err());
        assert!(msg(&root.join("content/../content/new")).is_err());
        assert_eq!(msg(&root.join("public")), Ok(()));
        assert_eq!(msg(&root.join("contents")), Ok(()));
        assert_eq!(
            msg(Path::new(".")),
            Err("--out X is the folder gongkai runs in".into())
        );
        // `..` holds the folder gongkai runs in, and, where the checkout
        // lies in the temporary folder (a fresh clone in /tmp), the
        // content folder too: either is named, both refuse.
        let up = msg(Path::new(".."));
        assert!(
            up.as_ref()
                .is_err_and(|m| m.starts_with("--out X contains the ")),
            "{up:?}"
        );
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn foreign_entries_are_files_and_empty_folders() {
        let root = scratch_dir("guard-walk");
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        std::fs::create_dir_all(root.join("empty")).unwrap();
        std::fs::write(root.join("a/b/c"), "").unwrap();
        std::fs::write(root.join(".hidden"), "").unwrap();
        std::fs::write(root.join("z.txt"), "").unwrap();
        let mut all = foreign_entries(&root, &|_| false).unwrap();
        all.sort();
        assert_eq!(all, [".hidden", "a/b/c", "empty/", "z.txt"]);
        assert_eq!(example(&all), "z.txt");
        let some = foreign_entries(&root, &|p| p != "a/b/c").unwrap();
        assert_eq!(some, ["a/b/c"]);
        std::fs::remove_dir_all(&root).unwrap();
    }

    /// The message of the refusal of `out`, even with `--force`.
    fn refused(out: &Path) -> String {
        let e = claim_output(out, &Protected::default(), true)
            .err()
            .unwrap();
        e.downcast::<Refusal>().unwrap().message
    }

    #[test]
    fn an_output_that_is_not_a_folder_is_refused() {
        let root = scratch_dir("guard-not-a-folder");
        let file = root.join("public");
        std::fs::write(&file, "x").unwrap();
        assert!(refused(&file).ends_with("is a file, not a folder"));
        #[cfg(unix)]
        {
            let link = root.join("site");
            std::fs::create_dir_all(root.join("real")).unwrap();
            std::os::unix::fs::symlink(root.join("real"), &link).unwrap();
            assert!(refused(&link).ends_with("is a symbolic link"));
        }
        std::fs::remove_dir_all(&root).unwrap();
    }
}
