//! Helpers shared by the integration tests (the modules of tests/main.rs).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The gongkai binary, with none of the variables it reads from the
/// build's surroundings (a test that wants one sets it): with
/// `SOURCE_DATE_EPOCH` exported in the shell that ran `cargo test`, eight
/// tests about dates and history failed.
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gongkai"));
    for v in ["SOURCE_DATE_EPOCH", "GONGKAI_COMMIT", "GIT_DIR"] {
        c.env_remove(v);
    }
    c
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, empty folder unique to this test process, the calling test
/// module and `name` (all modules run in one process, in parallel).
#[track_caller]
pub fn tmpdir(name: &str) -> PathBuf {
    let module = Path::new(std::panic::Location::caller().file())
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let d = std::env::temp_dir().join(format!(
        "gongkai-test-{}-{module}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Every path below `dir` (itself first), sorted, without following links.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    let mut i = 0;
    while i < out.len() {
        if out[i].is_dir() && !out[i].is_symlink() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(&out[i])
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            entries.sort();
            out.extend(entries);
        }
        i += 1;
    }
    out
}

pub fn copy_dir(from: &Path, to: &Path) {
    for e in walk(from) {
        let dest = to.join(e.strip_prefix(from).unwrap());
        if e.is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            std::fs::copy(&e, &dest).unwrap();
        }
    }
}

/// A copy of the basic fixture (content + seeds) in a fresh folder.
#[track_caller]
pub fn fixture(name: &str) -> PathBuf {
    let root = tmpdir(name);
    copy_dir(&repo().join("tests/fixtures/basic"), &root.join("content"));
    copy_dir(&repo().join("tests/fixtures/seeds"), &root.join("seeds"));
    root
}

/// `gongkai build --content CONTENT --out OUT EXTRA…`.
pub fn build(content: &Path, out: &Path, extra: &[&str]) -> Output {
    bin()
        .arg("build")
        .arg("--content")
        .arg(content)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

/// Every file below `dir`: its path relative to `dir`, and its bytes.
pub fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    walk(dir)
        .into_iter()
        .filter(|p| p.is_file())
        .map(|p| {
            (
                p.strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

pub fn read(p: impl AsRef<Path>) -> String {
    std::fs::read_to_string(p.as_ref()).unwrap_or_else(|e| panic!("{}: {e}", p.as_ref().display()))
}

/// stdout and stderr of a finished command, together.
pub fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

pub fn sha256(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
