//! What a run reads from its surroundings rather than from its inputs: the
//! git commit the content is at, `SOURCE_DATE_EPOCH` and today's date. This
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
        }
    }
}

/// The git commit `content` is at (`GONGKAI_COMMIT` overrides; empty: none).
/// Same commit, same output.
fn commit_of(content: &Path) -> Option<String> {
    if let Ok(c) = std::env::var("GONGKAI_COMMIT") {
        return Some(c).filter(|c| !c.is_empty());
    }
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(content)
        .args(["rev-parse", "--short=12", "HEAD"])
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
        .filter(|c| !c.is_empty())
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
