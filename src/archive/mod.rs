//! Yearly snapshots (`archive/<year>/`): frozen copies of the portal as of a
//! date, checked against their `MANIFEST.sha256` on every build and `check`,
//! copied into the output byte for byte (never re-rendered), and packed for
//! deposit (`archive/deposit/`) as a ZIP ([`pack`]), a WARC ([`warc`]), a WACZ
//! ([`wacz`]) and a BagIt bag ([`bagit`]). [`request`] checks what `snapshot`
//! is asked to write before anything is built; [`freeze`] adds the manifest
//! and makes the deposits; [`stage`] writes a snapshot and its deposits all
//! at once or not at all.

pub mod bagit;
pub mod freeze;
pub mod pack;
pub mod request;
pub mod stage;
pub mod wacz;
pub mod warc;

use crate::diagnostics::Diagnostic;
use crate::render::OutFile;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

pub const MANIFEST: &str = "MANIFEST.sha256";
pub const INFO: &str = "snapshot.yaml";

/// `archive/<year>/snapshot.yaml`: what the snapshot is.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SnapshotInfo {
    pub year: u32,
    pub as_of: String,
    pub commit: Option<String>,
    pub tasks: usize,
    pub updates: usize,
    pub pages: usize,
}

/// A verified archive, ready to be copied into the live site.
pub struct Archive {
    pub info: SnapshotInfo,
    /// MANIFEST.sha256 as written, and its sha256 (shown on the archive index).
    pub manifest: String,
    pub manifest_hash: String,
    /// Every file, relative to the archive folder, in manifest order.
    pub files: Vec<(String, Vec<u8>)>,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The manifest of `files` in sha256sum format, sorted by path.
pub fn manifest(files: &[OutFile]) -> String {
    let mut lines: Vec<String> = files
        .iter()
        .map(|f| format!("{}  {}\n", sha256_hex(&f.bytes), f.path))
        .collect();
    lines.sort_by(|a, b| a[66..].cmp(&b[66..]));
    lines.concat()
}

fn walk_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().to_path_buf())
        .collect()
}

/// `path` relative to `dir`, with `/` separators.
fn relative(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Parse a sha256sum-format manifest into path → (hash, line); lines that
/// are not `<hash>  <path>` become diagnostics.
fn parse_manifest(
    manifest_path: &Path,
    text: &str,
    errs: &mut Vec<Diagnostic>,
) -> BTreeMap<String, (String, u64)> {
    let mut listed = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        match line.split_once("  ") {
            Some((hash, path)) if hash.len() == 64 => {
                listed.insert(path.to_string(), (hash.to_string(), i as u64 + 1));
            }
            _ => errs.push(Diagnostic::new(
                manifest_path,
                i as u64 + 1,
                1,
                "not a sha256sum line (`<hash>  <path>`)",
            )),
        }
    }
    listed
}

/// Load and verify every `archive/<year>/`: any changed, missing or extra
/// file is an error naming it.
pub fn load(dir: &Path) -> Result<Vec<Archive>, Vec<Diagnostic>> {
    let mut out = Vec::new();
    let mut errs = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(out);
    };
    let mut years: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_dir()
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().parse::<u32>().is_ok())
        })
        .collect();
    years.sort();
    for year_dir in years {
        match verify(&year_dir) {
            Ok(a) => out.push(a),
            Err(e) => errs.extend(e),
        }
    }
    if errs.is_empty() {
        Ok(out)
    } else {
        Err(errs)
    }
}

/// Load and verify one archive folder against its manifest.
pub fn verify(year_dir: &Path) -> Result<Archive, Vec<Diagnostic>> {
    let mut errs = Vec::new();
    let manifest_path = year_dir.join(MANIFEST);
    let Ok(manifest_text) = std::fs::read_to_string(&manifest_path) else {
        return Err(vec![Diagnostic::file(
            &manifest_path,
            "missing: every archive needs its manifest",
        )]);
    };
    let listed = parse_manifest(&manifest_path, &manifest_text, &mut errs);
    let mut files = Vec::new();
    let mut seen = BTreeSet::new();
    for path in walk_files(year_dir) {
        let rel = relative(year_dir, &path);
        if rel == MANIFEST {
            continue;
        }
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                errs.push(Diagnostic::file(&path, format!("cannot read: {e}")));
                continue;
            }
        };
        match listed.get(&rel) {
            None => errs.push(Diagnostic::file(
                &path,
                "extra file: not in the archive's manifest (archives are frozen)",
            )),
            Some((hash, _)) if *hash != sha256_hex(&bytes) => errs.push(Diagnostic::file(
                &path,
                "changed since the snapshot: its sha256 does not match the manifest (archives are frozen)",
            )),
            Some(_) => {}
        }
        seen.insert(rel.clone());
        files.push((rel, bytes));
    }
    for (rel, (_, line)) in &listed {
        if !seen.contains(rel) {
            errs.push(Diagnostic::new(
                &manifest_path,
                *line,
                1,
                format!("missing file `{rel}` listed in the manifest"),
            ));
        }
    }
    let info_path = year_dir.join(INFO);
    let info = files.iter().find(|(p, _)| p == INFO).and_then(|(_, b)| {
        crate::load::yaml::parse::<SnapshotInfo>(&info_path, &String::from_utf8_lossy(b))
            .map_err(|d| errs.push(d))
            .ok()
    });
    if info.is_none() {
        errs.push(Diagnostic::file(
            &info_path,
            "missing or unreadable snapshot description",
        ));
    }
    match info {
        Some(info) if errs.is_empty() => Ok(Archive {
            info,
            manifest_hash: sha256_hex(manifest_text.as_bytes()),
            manifest: manifest_text,
            files,
        }),
        _ => Err(errs),
    }
}

/// What makes a folder not a snapshot that gongkai wrote.
#[derive(Debug, PartialEq, Eq)]
pub enum Foreign {
    /// What marks the folder as gongkai's is missing: why, in words
    /// ("it has no MANIFEST.sha256").
    Unmarked(&'static str),
    /// A file (or link) the manifest does not list, relative to the folder.
    File(String),
}

/// Every entry below `dir` that is not a folder (files, links), relative to
/// it, sorted; links are not followed.
pub(crate) fn entries(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| !e.file_type().is_dir())
        .map(|e| relative(dir, e.path()))
        .collect()
}

/// Whether `dir` holds no file at all (only empty folders, if any).
pub fn is_empty(dir: &Path) -> bool {
    entries(dir).is_empty()
}

const NO_MANIFEST: &str = "it has no MANIFEST.sha256";

/// Whether `dir` is a snapshot gongkai wrote: it has its manifest and its
/// description, and every file in it is listed in the manifest (changed
/// bytes do not matter here: they are gongkai's files, tampered with).
pub fn own_snapshot(dir: &Path) -> Result<(), Foreign> {
    let Ok(text) = std::fs::read_to_string(dir.join(MANIFEST)) else {
        return Err(Foreign::Unmarked(NO_MANIFEST));
    };
    let mut errs = Vec::new();
    let listed = parse_manifest(&dir.join(MANIFEST), &text, &mut errs);
    if !errs.is_empty() {
        return Err(Foreign::Unmarked(
            "its MANIFEST.sha256 is not a sha256sum list",
        ));
    }
    if !listed.contains_key(INFO) || !dir.join(INFO).is_file() {
        return Err(Foreign::Unmarked(
            "it has no snapshot.yaml listed in its manifest",
        ));
    }
    match entries(dir)
        .into_iter()
        .find(|rel| rel != MANIFEST && !listed.contains_key(rel))
    {
        Some(rel) => Err(Foreign::File(rel)),
        None => Ok(()),
    }
}

/// The archives as files of the live site (`archive/<year>/…`), byte for byte.
pub fn out_files(archives: &[Archive]) -> Vec<OutFile> {
    let mut out = Vec::new();
    for a in archives {
        for (p, b) in &a.files {
            out.push(OutFile {
                path: format!("archive/{}/{p}", a.info.year),
                bytes: b.clone(),
            });
        }
        out.push(OutFile {
            path: format!("archive/{}/{MANIFEST}", a.info.year),
            bytes: a.manifest.clone().into_bytes(),
        });
    }
    out
}

/// RFC 4648 base32 with its `=` padding, as WARC digests are written (and
/// as `warcio check` reads them).
pub fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0);
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            out.push(ALPHABET[((buffer >> (bits - 5)) & 31) as usize] as char);
            bits -= 5;
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    while !out.len().is_multiple_of(8) {
        out.push('=');
    }
    out
}

/// The snapshot's date and time as WARC, WACZ and pages give it.
pub fn timestamp(info: &SnapshotInfo) -> String {
    format!("{}T00:00:00Z", info.as_of)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_matches_rfc4648() {
        // The test vectors of RFC 4648, section 10.
        for (plain, coded) in [
            ("", ""),
            ("f", "MY======"),
            ("fo", "MZXQ===="),
            ("foo", "MZXW6==="),
            ("foob", "MZXW6YQ="),
            ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI======"),
        ] {
            assert_eq!(base32(plain.as_bytes()), coded);
        }
        assert_eq!(base32(&Sha256::digest(b"x")).len(), 56);
    }

    #[test]
    fn own_snapshots_are_told_from_other_folders() {
        let d = crate::env::scratch_dir("archive-own");
        assert!(is_empty(&d));
        assert_eq!(own_snapshot(&d), Err(Foreign::Unmarked(NO_MANIFEST)));
        let files = vec![
            OutFile {
                path: INFO.into(),
                bytes: b"year: 2022\n".to_vec(),
            },
            OutFile {
                path: "a/index.html".into(),
                bytes: b"<p>a".to_vec(),
            },
        ];
        for f in &files {
            std::fs::create_dir_all(d.join(&f.path).parent().unwrap()).unwrap();
            std::fs::write(d.join(&f.path), &f.bytes).unwrap();
        }
        assert_eq!(own_snapshot(&d), Err(Foreign::Unmarked(NO_MANIFEST)));
        std::fs::write(d.join(MANIFEST), manifest(&files)).unwrap();
        assert_eq!(own_snapshot(&d), Ok(()));
        std::fs::write(d.join("a/index.html"), "changed").unwrap();
        assert_eq!(
            own_snapshot(&d),
            Ok(()),
            "changed bytes are still gongkai's file"
        );
        std::fs::write(d.join("a/notes.txt"), "mine").unwrap();
        assert_eq!(own_snapshot(&d), Err(Foreign::File("a/notes.txt".into())));
        assert!(!is_empty(&d));
        std::fs::remove_dir_all(&d).unwrap();
    }
}
