//! Making the staging tree the output when the output holds only gongkai's
//! files: the two folders change names in one step, and their records with
//! them, so the previous output becomes the next build's staging tree.

use super::manifest::{root_id, sibling, Files, Manifest};
use super::staging::{Staging, Step};
use anyhow::{bail, Context, Result};
use std::collections::BTreeSet;
use std::path::Path;

impl Staging {
    /// The output holds only gongkai's files: swap the folders, and the
    /// records with them. Gives back the new record's files.
    pub(super) fn swap_in(&self, now: Files) -> Result<Files> {
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
        std::fs::rename(&next, &live).with_context(|| format!("writing {}", live.display()))?;
        Ok(manifest.files)
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
    use super::super::staging::tests::{beside, build, tree, try_build, FIRST, SECOND};
    use super::super::staging::Step;
    use crate::env::scratch_dir;

    #[test]
    fn a_swap_stopped_at_any_step_leaves_a_tree_the_next_build_knows() {
        let (one, two) = (FIRST, SECOND);
        for crash in [Step::Swap, Step::Records] {
            let root = scratch_dir(&format!("write-crash-{crash:?}"));
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
    }

    #[test]
    fn a_reader_of_the_previous_tree_keeps_reading_what_it_opened() {
        use std::io::Read;
        let root = scratch_dir("write-reader");
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
