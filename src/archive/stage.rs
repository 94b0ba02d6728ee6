//! All or nothing: a snapshot's folder and its deposits are first written
//! as hidden temporary siblings (`.NAME.tmp-PID`), then renamed into place
//! together. Any error, at any step, undoes everything: temporaries are
//! removed, a destination already renamed into place is removed and what it
//! replaced (kept meanwhile as `.NAME.old-PID`) is renamed back, and folders
//! the stage created are removed again. Nothing is left behind but what was
//! there before.
//!
//! For tests, `GONGKAI_TEST_FAIL_PLACING=NAME` makes placing the destination
//! whose file name is NAME fail, after the ones before it were placed.

use crate::render::OutFile;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

struct Item {
    tmp: PathBuf,
    dest: PathBuf,
    /// Where the destination's previous content was moved, once it was.
    backup: Option<PathBuf>,
    placed: bool,
}

#[derive(Default)]
pub struct Stage {
    items: Vec<Item>,
    /// Folders this stage created, outermost first.
    created: Vec<PathBuf>,
    done: bool,
}

/// A hidden sibling of `path`: `.NAME.KIND-PID`.
fn sibling(path: &Path, kind: &str) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!(".{name}.{kind}-{}", std::process::id()))
}

fn remove(path: &Path) -> std::io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(path),
        Ok(_) => std::fs::remove_file(path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

impl Stage {
    /// Make `dir` and any missing folder above it, remembering which were made.
    pub fn folder(&mut self, dir: &Path) -> Result<()> {
        let mut missing = Vec::new();
        let mut d = Some(dir);
        while let Some(p) = d.filter(|p| !p.as_os_str().is_empty() && !p.exists()) {
            missing.push(p.to_path_buf());
            d = p.parent();
        }
        for p in missing.into_iter().rev() {
            std::fs::create_dir(&p).with_context(|| format!("creating {}", p.display()))?;
            self.created.push(p);
        }
        Ok(())
    }

    fn add(&mut self, dest: &Path) -> Result<PathBuf> {
        if let Some(parent) = dest.parent() {
            self.folder(parent)?;
        }
        let tmp = sibling(dest, "tmp");
        remove(&tmp).with_context(|| format!("removing {}", tmp.display()))?;
        self.items.push(Item {
            tmp: tmp.clone(),
            dest: dest.to_path_buf(),
            backup: None,
            placed: false,
        });
        Ok(tmp)
    }

    /// Stage the file `dest` with `bytes`.
    pub fn file(&mut self, dest: &Path, bytes: &[u8]) -> Result<()> {
        let tmp = self.add(dest)?;
        std::fs::write(&tmp, bytes).with_context(|| format!("writing {}", tmp.display()))
    }

    /// Stage the folder `dest` holding `files`; returns the temporary folder
    /// (to be checked before the stage is committed).
    pub fn tree(&mut self, dest: &Path, files: &[OutFile]) -> Result<PathBuf> {
        let tmp = self.add(dest)?;
        std::fs::create_dir(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
        for f in files {
            let p = tmp.join(&f.path);
            if let Some(parent) = p.parent() {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("creating {}", parent.display()))?;
            }
            std::fs::write(&p, &f.bytes).with_context(|| format!("writing {}", p.display()))?;
        }
        Ok(tmp)
    }

    /// Rename everything into place, in the order staged; on an error undo
    /// all of it.
    pub fn commit(mut self) -> Result<()> {
        let fail_at = std::env::var("GONGKAI_TEST_FAIL_PLACING").ok();
        for i in 0..self.items.len() {
            let item = &mut self.items[i];
            if fail_at
                .as_deref()
                .is_some_and(|n| item.dest.file_name().is_some_and(|f| f == n))
            {
                bail!(
                    "placing {}: failed on purpose (GONGKAI_TEST_FAIL_PLACING)",
                    item.dest.display()
                );
            }
            if std::fs::symlink_metadata(&item.dest).is_ok() {
                let backup = sibling(&item.dest, "old");
                remove(&backup).with_context(|| format!("removing {}", backup.display()))?;
                std::fs::rename(&item.dest, &backup)
                    .with_context(|| format!("moving {} aside", item.dest.display()))?;
                item.backup = Some(backup);
            }
            std::fs::rename(&item.tmp, &item.dest)
                .with_context(|| format!("moving {} into place", item.dest.display()))?;
            item.placed = true;
        }
        self.done = true;
        for item in &self.items {
            if let Some(b) = &item.backup {
                if let Err(e) = remove(b) {
                    eprintln!(
                        "warning: could not remove the replaced {}: {e}",
                        b.display()
                    );
                }
            }
        }
        Ok(())
    }
}

impl Drop for Stage {
    /// Undo a stage that was not committed (an error, or an early return).
    fn drop(&mut self) {
        if self.done {
            return;
        }
        for item in self.items.iter().rev() {
            if item.placed {
                if let Err(e) = remove(&item.dest) {
                    eprintln!("error: could not remove {}: {e}", item.dest.display());
                }
            }
            if let Some(b) = &item.backup {
                if let Err(e) = std::fs::rename(b, &item.dest) {
                    eprintln!(
                        "error: could not move {} back to {}: {e}",
                        b.display(),
                        item.dest.display()
                    );
                }
            }
            let _ = remove(&item.tmp);
        }
        for dir in self.created.iter().rev() {
            let _ = std::fs::remove_dir(dir);
        }
    }
}
