//! Making the staging tree the output when the output holds files gongkai
//! did not write (taken over with `--force`): those stay where they are,
//! gongkai's files are put in beside them one by one (hard links to the
//! staging tree's), and the output's record lists the foreign ones so that
//! no later build removes them.

use super::guard::{example, Refusal};
use super::manifest::{root_id, sibling, Entry, Files, Manifest, Stamp};
use super::prune::remove_files;
use super::staging::{Staging, Step};
use anyhow::{Context, Result};
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

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
    /// The output holds files gongkai did not write (`foreign`): leave them
    /// where they are and put gongkai's files in beside them, one by one.
    /// The output's record always lists every file of gongkai's that may be
    /// in it, so a build stopped at any point leaves a tree the next build
    /// still knows as its own. Returns how many foreign entries are kept.
    pub(super) fn merge_in(&self, now: Files, foreign: BTreeSet<String>) -> Result<usize> {
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
            files: Files::with_capacity_and_hasher(now.len(), Default::default()),
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
}

#[cfg(test)]
mod tests {
    use super::super::manifest::Stamp;
    use super::super::staging::tests::{beside, build, refusal, tree, try_build, FIRST, SECOND};
    use super::super::staging::Step;
    use crate::env::scratch_dir;

    #[test]
    fn a_merge_stopped_at_any_step_leaves_a_tree_the_next_build_knows() {
        let (one, two) = (FIRST, SECOND);
        for crash in [Step::Announce, Step::Prune, Step::Place, Step::Record] {
            let root = scratch_dir(&format!("merge-crash-{crash:?}"));
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
        let root = scratch_dir("merge-foreign");
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
}
