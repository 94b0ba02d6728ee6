//! What the history asks git (through `env::git`, the one place that runs
//! it): whether the content lies in a full repository and the commit it is
//! at (one `git rev-parse` per build, which also gives the footer's commit),
//! the commits that touched it with the blobs of each file before and
//! after, and those blobs' bytes — one `git log` and one `git cat-file
//! --batch`, asked only when HEAD moved since the last build of the process.

use crate::env::git;
use std::collections::BTreeMap;
use std::path::Path;

/// A commit that changed files of the content.
#[derive(Debug, Clone)]
pub struct Commit {
    pub hash: String,
    /// Committer date, seconds since 1970.
    pub secs: i64,
    pub files: Vec<FileChange>,
}

/// A file a commit changed: its path relative to the content folder and its
/// blob before and after (`None`: it did not exist).
#[derive(Debug, Clone)]
pub struct FileChange {
    pub path: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// What one `git rev-parse` says of the repository `content` lies in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// Inside a work tree whose whole history is there (not a shallow clone).
    pub full_history: bool,
    /// The commit HEAD is at, whole and as short as 12 digits allow
    /// (`None`: no commit yet).
    pub commit: Option<(String, String)>,
}

/// `None` when git is missing or `content` lies in no repository. One call
/// to git (two in a repository without a commit).
pub fn head(content: &Path) -> Option<Head> {
    let asked = [
        "rev-parse",
        "--is-inside-work-tree",
        "--is-shallow-repository",
    ];
    // Each answer on a line of its own: the two flags, then the commit.
    let said = |out: Vec<u8>| {
        let out = String::from_utf8_lossy(&out).into_owned();
        let lines: Vec<String> = out.lines().map(str::to_string).collect();
        let full_history = lines.first().is_some_and(|l| l == "true")
            && lines.get(1).is_some_and(|l| l == "false");
        (full_history, lines)
    };
    let commit = [&asked[..], &["HEAD", "--short=12", "HEAD"]].concat();
    if let Some(out) = git(content, &commit, None) {
        let (full_history, mut lines) = said(out);
        let short = lines.pop().filter(|_| lines.len() == 3);
        return Some(Head {
            full_history,
            commit: short.zip(lines.pop()).map(|(short, whole)| (whole, short)),
        });
    }
    // Without a commit `HEAD` fails: an empty history, not a failure.
    let (full_history, _) = said(git(content, &asked, None)?);
    Some(Head {
        full_history,
        commit: None,
    })
}

/// The commits that touched `content`, oldest first (`None`: git failed).
pub fn commits(content: &Path) -> Option<Vec<Commit>> {
    let log = git(
        content,
        &[
            "log",
            "--reverse",
            "--no-renames",
            "--raw",
            "--no-abbrev",
            "--relative",
            "-z",
            "--format=%x01%H %ct",
            "--",
            ".",
        ],
        None,
    )?;
    Some(parse_log(&String::from_utf8_lossy(&log)))
}

/// `git log -z --raw --format=%x01%H %ct` → commits. With `-z` each raw
/// entry is `:mode mode blob blob status` NUL `path` NUL.
fn parse_log(log: &str) -> Vec<Commit> {
    let mut out = Vec::new();
    for record in log.split('\u{1}').filter(|r| !r.trim().is_empty()) {
        let (head, rest) = record.split_once(['\0', '\n']).unwrap_or((record, ""));
        let mut head = head.split(' ');
        let (Some(hash), Some(secs)) = (head.next(), head.next()) else {
            continue;
        };
        let Ok(secs) = secs.parse::<i64>() else {
            continue;
        };
        let mut fields = rest.split('\0').map(|f| f.trim_start_matches('\n'));
        let mut files = Vec::new();
        while let Some(meta) = fields.next() {
            if !meta.starts_with(':') {
                continue;
            }
            let Some(path) = fields.next() else { break };
            let parts: Vec<&str> = meta.split(' ').collect();
            let blob = |s: Option<&&str>| {
                s.filter(|b| !b.chars().all(|c| c == '0'))
                    .map(|b| b.to_string())
            };
            files.push(FileChange {
                path: path.to_string(),
                before: blob(parts.get(2)),
                after: blob(parts.get(3)),
            });
        }
        out.push(Commit {
            hash: hash.to_string(),
            secs,
            files,
        });
    }
    out
}

/// The bytes of each blob in `hashes` (one `git cat-file --batch`).
pub fn blobs(content: &Path, hashes: &[&str]) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    if hashes.is_empty() {
        return out;
    }
    let input: String = hashes.iter().map(|h| format!("{h}\n")).collect();
    let Some(bytes) = git(content, &["cat-file", "--batch"], Some(input.as_bytes())) else {
        return out;
    };
    let mut rest = &bytes[..];
    while let Some(nl) = rest.iter().position(|b| *b == b'\n') {
        let header = String::from_utf8_lossy(&rest[..nl]).to_string();
        rest = &rest[nl + 1..];
        let parts: Vec<&str> = header.split(' ').collect();
        let (Some(hash), Some(size)) = (parts.first(), parts.get(2)) else {
            continue; // "HASH missing"
        };
        let Ok(size) = size.parse::<usize>() else {
            continue;
        };
        if rest.len() < size {
            break;
        }
        out.insert(hash.to_string(), rest[..size].to_vec());
        rest = rest.get(size + 1..).unwrap_or(&[]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_raw_log_becomes_commits_with_their_blobs() {
        let z = "0".repeat(40);
        let (a, b) = ("a".repeat(40), "b".repeat(40));
        let log = format!(
            "\u{1}{h1} 100\n\n:000000 100644 {z} {a} A\0plan/tasks.yaml\0\
             \u{1}{h2} 200\n\n:100644 100644 {a} {b} M\0plan/tasks.yaml\0:100644 000000 {b} {z} D\0updates/x.md\0",
            h1 = "1".repeat(40),
            h2 = "2".repeat(40),
        );
        let c = parse_log(&log);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].secs, 100);
        assert_eq!(c[0].files[0].before, None);
        assert_eq!(c[0].files[0].after.as_deref(), Some(a.as_str()));
        assert_eq!(c[1].files.len(), 2);
        assert_eq!(c[1].files[1].path, "updates/x.md");
        assert_eq!(c[1].files[1].after, None);
    }
}
