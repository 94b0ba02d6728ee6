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
        Surroundings {
            commit: commit_of(content),
            source_date: std::env::var("SOURCE_DATE_EPOCH")
                .ok()
                .and_then(|s| crate::dates::date_of_epoch(&s)),
            today: today(),
            history: crate::history::read(content),
        }
    }
}

/// The git commit `content` is at (`GONGKAI_COMMIT` overrides; empty: none).
/// Same commit, same output.
fn commit_of(content: &Path) -> Option<String> {
    if let Ok(c) = std::env::var("GONGKAI_COMMIT") {
        return Some(c).filter(|c| !c.is_empty());
    }
    let out = git(content, &["rev-parse", "--short=12", "HEAD"], None)?;
    Some(String::from_utf8_lossy(&out).trim().to_string()).filter(|c| !c.is_empty())
}

/// Run `git -C dir ARGS` (with `stdin` fed to it, if any) and return its
/// standard output; `None` when git is missing or the command fails. The
/// one place that runs git. Its own settings are ignored where they would
/// change the output (a pager, colour, a local date format).
pub fn git(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Option<Vec<u8>> {
    use std::io::Write;
    use std::process::{Command, Stdio};
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
