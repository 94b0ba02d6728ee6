//! What a run reads from its surroundings rather than from its inputs: the
//! git commit the content is at, the content's history (`history/`, which
//! runs git through [`git`]), `SOURCE_DATE_EPOCH` and today's date. This
//! is the one module that runs git or reads the clock; commands read the
//! surroundings once (`serve` once per rebuild) and hand them on as values,
//! so the pipeline itself depends only on what it is given.

use std::path::Path;

/// The surroundings of one build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Surroundings {
    /// The commit the content is at (`GONGKAI_COMMIT` overrides git), so
    /// readers know which version of the data a page shows.
    pub commit: Option<String>,
    /// The date of `SOURCE_DATE_EPOCH` (the reproducible-builds convention),
    /// which overrides `build_date` in config.yaml.
    pub source_date: Option<String>,
    /// Today (UTC): no update may be dated later, and `serve` shows
    /// progress as of it when no date is configured.
    pub today: String,
    /// The content's history of edits, from git (or why it is not available).
    pub history: std::sync::Arc<crate::history::History>,
}

impl Surroundings {
    /// Read them for the content folder `content`.
    pub fn read(content: &Path) -> Surroundings {
        let head = crate::history::head(content);
        Surroundings {
            commit: commit_of(head.as_ref()),
            source_date: std::env::var("SOURCE_DATE_EPOCH")
                .ok()
                .and_then(|s| crate::dates::date_of_epoch(&s)),
            today: today(),
            history: crate::history::read(content, head.as_ref()),
        }
    }
}

/// The git commit the content is at, shortened to 12 digits (`GONGKAI_COMMIT`
/// overrides; empty: none), from what git said of its HEAD. Same commit,
/// same output.
fn commit_of(head: Option<&crate::history::Head>) -> Option<String> {
    if let Ok(c) = std::env::var("GONGKAI_COMMIT") {
        return Some(c).filter(|c| !c.is_empty());
    }
    let (_, short) = head?.commit.clone()?;
    Some(short).filter(|c| !c.is_empty())
}

/// Run `git -C dir ARGS` (with `stdin` fed to it, if any) and return its
/// standard output; `None` when git is missing or the command fails. The
/// one place that runs git. Its own settings are ignored where they would
/// change the output (a pager, colour, a local date format).
pub fn git(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Option<Vec<u8>> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    if !may_find_repository(dir) {
        return None;
    }
    let mut child = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "core.quotePath=false",
            "-c",
            "log.showSignature=false",
        ])
        .args(args)
        .env("GIT_PAGER", "cat")
        .env("TZ", "UTC")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let writer = match (stdin, child.stdin.take()) {
        (Some(bytes), Some(mut pipe)) => {
            let bytes = bytes.to_vec();
            Some(std::thread::spawn(move || pipe.write_all(&bytes)))
        }
        _ => None,
    };
    let out = child.wait_with_output().ok()?;
    if let Some(w) = writer {
        w.join().ok()?.ok()?;
    }
    out.status.success().then_some(out.stdout)
}

/// Whether git, run in `dir`, could find a repository: `GIT_DIR` names
/// one, or `dir` or a folder above it holds a `.git` (a folder, or the file
/// of a worktree or submodule) or is itself a repository's folder (`HEAD`,
/// `objects/`, `refs/`), the places git's own discovery looks. Where none
/// does, git could only say "not a git repository": a few `stat`s answer
/// that instead of a process (two per build or `serve` pass on content
/// outside any repository, 2 ms each as measured here).
fn may_find_repository(dir: &Path) -> bool {
    may_find_repository_in(dir, std::env::var_os("GIT_DIR").is_some())
}

fn may_find_repository_in(dir: &Path, git_dir_set: bool) -> bool {
    if git_dir_set {
        return true;
    }
    // A folder that cannot be resolved: git is left to say what is wrong.
    let Ok(dir) = std::fs::canonicalize(dir) else {
        return true;
    };
    dir.ancestors().any(|d| {
        d.join(".git").symlink_metadata().is_ok()
            || (d.join("HEAD").is_file() && d.join("objects").is_dir() && d.join("refs").is_dir())
    })
}

/// Today (UTC) as YYYY-MM-DD. Builds take their data date from config or
/// SOURCE_DATE_EPOCH so they are reproducible; today only bounds update dates
/// and dates previews and new update forms.
pub fn today() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    crate::dates::date_of_unix(now)
}

/// A new, empty folder for one test under the system's temporary folder:
/// `gongkai-NAME-PID`, so that two test runs, or two tests of one run (each
/// with its own `name`), never share one.
#[cfg(test)]
pub(crate) fn scratch_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("gongkai-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder can be made");
    dir
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    /// What git itself says of `dir`: whether it finds a repository there.
    fn git_finds(dir: &Path) -> bool {
        Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(["rev-parse", "--git-dir"])
            .env_remove("GIT_DIR")
            .output()
            .expect("git runs")
            .status
            .success()
    }

    #[test]
    fn git_is_asked_only_where_it_could_find_a_repository() {
        let root = scratch_dir("env-git");
        let plain = root.join("plain/content");
        std::fs::create_dir_all(&plain).unwrap();
        // No repository: git says so, and the shortcut agrees without it.
        assert!(!git_finds(&plain));
        assert!(!may_find_repository_in(&plain, false));
        assert!(may_find_repository_in(&plain, true), "GIT_DIR names one");

        // A work tree, from its own folder and one below it.
        let repo = root.join("repo");
        let below = repo.join("content/tasks");
        std::fs::create_dir_all(&below).unwrap();
        assert!(Command::new("git")
            .arg("-C")
            .arg(&repo)
            .args(["init", "-q"])
            .status()
            .unwrap()
            .success());
        for d in [&repo, &below] {
            assert!(
                git_finds(d) && may_find_repository_in(d, false),
                "{}",
                d.display()
            );
        }
        assert!(git(&below, &["rev-parse", "--is-inside-work-tree"], None).is_some());

        // A worktree's or submodule's `.git` is a file.
        let linked = root.join("linked/content");
        std::fs::create_dir_all(&linked).unwrap();
        std::fs::write(root.join("linked/.git"), "gitdir: ../repo/.git\n").unwrap();
        assert!(may_find_repository_in(&linked, false));

        // A bare repository's own folder.
        let bare = root.join("bare.git");
        assert!(Command::new("git")
            .arg("init")
            .arg("-q")
            .arg("--bare")
            .arg(&bare)
            .status()
            .unwrap()
            .success());
        assert!(git_finds(&bare) && may_find_repository_in(&bare, false));
        let _ = std::fs::remove_dir_all(&root);
    }
}
