//! Yearly snapshots (`archive/<year>/`): frozen copies of the portal as of a
//! date, checked against their `MANIFEST.sha256` on every build and `check`,
//! copied into the output byte for byte (never re-rendered), and packed for
//! deposit as a ZIP and a WARC file (ISO 28500).

use crate::diagnostics::Diagnostic;
use crate::render::OutFile;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256, Sha512};
use std::collections::BTreeMap;
use std::io::Write;
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
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
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
        let manifest_path = year_dir.join(MANIFEST);
        let Ok(manifest_text) = std::fs::read_to_string(&manifest_path) else {
            errs.push(Diagnostic::file(
                &manifest_path,
                "missing: every archive needs its manifest",
            ));
            continue;
        };
        let mut listed: BTreeMap<String, (String, u64)> = BTreeMap::new();
        for (i, line) in manifest_text.lines().enumerate() {
            match line.split_once("  ") {
                Some((hash, path)) if hash.len() == 64 => {
                    listed.insert(path.to_string(), (hash.to_string(), i as u64 + 1));
                }
                _ => errs.push(Diagnostic::new(
                    &manifest_path,
                    i as u64 + 1,
                    1,
                    "not a sha256sum line (`<hash>  <path>`)",
                )),
            }
        }
        let mut files = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for path in walk_files(&year_dir) {
            let rel = path
                .strip_prefix(&year_dir)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
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
                None => errs.push(Diagnostic::file(&path, "extra file: not in the archive's manifest (archives are frozen)")),
                Some((hash, _)) if *hash != sha256_hex(&bytes) => {
                    errs.push(Diagnostic::file(&path, "changed since the snapshot: its sha256 does not match the manifest (archives are frozen)"))
                }
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
        match info {
            Some(info) => out.push(Archive {
                info,
                manifest_hash: sha256_hex(manifest_text.as_bytes()),
                manifest: manifest_text,
                files,
            }),
            None => errs.push(Diagnostic::file(
                &info_path,
                "missing or unreadable snapshot description",
            )),
        }
    }
    if errs.is_empty() {
        Ok(out)
    } else {
        Err(errs)
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

/// A ZIP of the snapshot with fixed times, in path order (byte-identical
/// for the same snapshot).
pub fn zip(year: u32, files: &[OutFile]) -> Result<Vec<u8>> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for f in files {
        z.start_file(format!("{year}/{}", f.path), options)?;
        z.write_all(&f.bytes)?;
    }
    z.finish()?;
    Ok(buf.into_inner())
}

/// RFC 4648 base32 without padding, as WARC digests are written.
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
    out
}

/// `sha512` is not used for digests; the record ids are derived from content
/// so the WARC is reproducible.
fn record_id(seed: &str) -> String {
    let h: Vec<u8> = Sha512::digest(seed.as_bytes()).to_vec();
    let hex: String = h[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "<urn:uuid:{}-{}-{}-{}-{}>",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" | "sha256" | "yaml" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "csv" => "text/csv; charset=utf-8",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// A WARC/1.1 file: a warcinfo record, then one `response` record per file
/// with its URL under `base`, its content type and payload digest.
pub fn warc(info: &SnapshotInfo, base: &str, files: &[OutFile]) -> Vec<u8> {
    let date = format!("{}T00:00:00Z", info.as_of);
    let mut out = Vec::new();
    let mut record = |kind: &str,
                      uri: Option<&str>,
                      content_type: &str,
                      block: Vec<u8>,
                      payload: Option<&[u8]>,
                      id_seed: &str| {
        let mut head = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: {}\r\nWARC-Date: {date}\r\n",
            record_id(id_seed)
        );
        if let Some(u) = uri {
            head.push_str(&format!("WARC-Target-URI: {u}\r\n"));
        }
        if let Some(p) = payload {
            head.push_str(&format!(
                "WARC-Payload-Digest: sha256:{}\r\n",
                base32(&Sha256::digest(p))
            ));
        }
        head.push_str(&format!(
            "WARC-Block-Digest: sha256:{}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            base32(&Sha256::digest(&block)),
            block.len()
        ));
        out.extend_from_slice(head.as_bytes());
        out.extend_from_slice(&block);
        out.extend_from_slice(b"\r\n\r\n");
    };
    let fields = format!(
        "software: gongkai {}\r\nformat: WARC File Format 1.1\r\ndescription: snapshot {} as of {}\r\n",
        env!("CARGO_PKG_VERSION"),
        info.year,
        info.as_of
    );
    record(
        "warcinfo",
        None,
        "application/warc-fields",
        fields.into_bytes(),
        None,
        &format!("warcinfo {}", info.as_of),
    );
    for f in files {
        let url = format!("{base}{}", f.path);
        let http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\n\r\n",
            content_type(&f.path),
            f.bytes.len()
        );
        let mut block = http.into_bytes();
        block.extend_from_slice(&f.bytes);
        record(
            "response",
            Some(&url),
            "application/http; msgtype=response",
            block,
            Some(&f.bytes),
            &url,
        );
    }
    out
}

/// Write `files` as `dir`, atomically: into a temporary folder beside it,
/// then renamed; nothing is left behind on failure.
pub fn write_frozen(dir: &Path, files: &[OutFile]) -> Result<()> {
    let tmp = dir.with_file_name(format!(
        ".{}.tmp-{}",
        dir.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&tmp);
    let result = (|| -> Result<()> {
        for f in files {
            let p = tmp.join(&f.path);
            if let Some(parent) = p.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&p, &f.bytes).with_context(|| format!("writing {}", p.display()))?;
        }
        if dir.exists() {
            std::fs::remove_dir_all(dir).with_context(|| format!("replacing {}", dir.display()))?;
        }
        std::fs::rename(&tmp, dir)
            .with_context(|| format!("moving the snapshot into {}", dir.display()))?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_matches_rfc4648() {
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
        assert_eq!(base32(b"f"), "MY");
    }
}
