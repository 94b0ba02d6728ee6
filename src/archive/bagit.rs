//! BagIt 1.0 (RFC 8493) bags of a snapshot folder, as `bagit.py --validate`
//! reads them: `bagit.txt`, `bag-info.txt` (Source-Organization,
//! Bagging-Date, Payload-Oxum, Bag-Software-Agent and where the bag came
//! from), the payload under `data/` (the snapshot folder's files, its
//! manifest included), `manifest-sha256.txt` and `manifest-sha512.txt` over
//! the payload, and `tagmanifest-sha256.txt` and `tagmanifest-sha512.txt`
//! over the tag files. The Bagging-Date is the snapshot's date, not the
//! clock, so the same snapshot gives the same bag.

use super::{hex, Foreign, SnapshotInfo};
use crate::render::OutFile;
use sha2::{Digest, Sha256, Sha512};
use std::collections::BTreeSet;
use std::path::Path;

/// The tag files a bag of gongkai's holds, in the order they are written.
pub const TAG_FILES: [&str; 6] = [
    "bagit.txt",
    "bag-info.txt",
    "manifest-sha256.txt",
    "manifest-sha512.txt",
    "tagmanifest-sha256.txt",
    "tagmanifest-sha512.txt",
];

/// What `Bag-Software-Agent` starts with in a bag gongkai wrote.
const AGENT: &str = "gongkai";

/// A file path as a manifest line gives it: `%`, CR and LF percent-encoded.
fn encode(path: &str) -> String {
    path.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn decode(path: &str) -> String {
    path.replace("%0D", "\r")
        .replace("%0d", "\r")
        .replace("%0A", "\n")
        .replace("%0a", "\n")
        .replace("%25", "%")
}

/// A tag value on one line (RFC 8493 allows folding; one line is simpler to read).
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn manifest<D: Digest>(files: &[(String, &[u8])]) -> String {
    let mut lines: Vec<(String, String)> = files
        .iter()
        .map(|(p, b)| (encode(p), hex(&D::digest(b))))
        .collect();
    lines.sort();
    lines
        .into_iter()
        .map(|(p, h)| format!("{h}  {p}\n"))
        .collect()
}

/// The bag of the snapshot folder `files` (its files as they lie in
/// `archive/YEAR/`, manifest included), as files relative to the bag's
/// folder. `source_organization` is the organisation the portal is
/// published by.
pub fn bag(info: &SnapshotInfo, source_organization: &str, files: &[OutFile]) -> Vec<OutFile> {
    let payload: Vec<(String, &[u8])> = files
        .iter()
        .map(|f| (format!("data/{}", f.path), f.bytes.as_slice()))
        .collect();
    let octets: usize = files.iter().map(|f| f.bytes.len()).sum();
    let bagit = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".to_string();
    let info_txt = format!(
        "Source-Organization: {}\nBagging-Date: {}\nPayload-Oxum: {octets}.{}\nBag-Software-Agent: {AGENT} {}\nInternal-Sender-Identifier: archive/{}\nInternal-Sender-Description: Snapshot {} of the portal as of {} (commit {})\n",
        one_line(source_organization),
        info.as_of,
        files.len(),
        env!("CARGO_PKG_VERSION"),
        info.year,
        info.year,
        info.as_of,
        info.commit.as_deref().unwrap_or("none"),
    );
    let m256 = manifest::<Sha256>(&payload);
    let m512 = manifest::<Sha512>(&payload);
    let tags: Vec<(String, &[u8])> = vec![
        (TAG_FILES[0].into(), bagit.as_bytes()),
        (TAG_FILES[1].into(), info_txt.as_bytes()),
        (TAG_FILES[2].into(), m256.as_bytes()),
        (TAG_FILES[3].into(), m512.as_bytes()),
    ];
    let t256 = manifest::<Sha256>(&tags);
    let t512 = manifest::<Sha512>(&tags);
    let mut out: Vec<OutFile> = [
        bagit.clone(),
        info_txt.clone(),
        m256.clone(),
        m512.clone(),
        t256,
        t512,
    ]
    .into_iter()
    .zip(TAG_FILES)
    .map(|(text, name)| OutFile {
        path: name.into(),
        bytes: text.into_bytes(),
    })
    .collect();
    out.extend(files.iter().map(|f| OutFile {
        path: format!("data/{}", f.path),
        bytes: f.bytes.clone(),
    }));
    out
}

/// Whether `dir` is a bag gongkai wrote: its `bag-info.txt` names gongkai as
/// the software agent, and it holds only its tag files and the payload its
/// sha256 manifest lists.
pub fn own_bag(dir: &Path) -> Result<(), Foreign> {
    let info = std::fs::read_to_string(dir.join("bag-info.txt")).unwrap_or_default();
    if !info
        .lines()
        .any(|l| l.starts_with(&format!("Bag-Software-Agent: {AGENT} ")))
    {
        return Err(Foreign::Unmarked(
            "its bag-info.txt does not name gongkai as the Bag-Software-Agent",
        ));
    }
    let Ok(manifest) = std::fs::read_to_string(dir.join("manifest-sha256.txt")) else {
        return Err(Foreign::Unmarked("it has no manifest-sha256.txt"));
    };
    let listed: BTreeSet<String> = manifest
        .lines()
        .filter_map(|l| l.split_once("  ").map(|(_, p)| decode(p)))
        .collect();
    match super::entries(dir)
        .into_iter()
        .find(|rel| !TAG_FILES.contains(&rel.as_str()) && !listed.contains(rel))
    {
        Some(rel) => Err(Foreign::File(rel)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_paths_are_percent_encoded_both_ways() {
        let odd = "data/a%b\nc\r.txt";
        assert_eq!(encode(odd), "data/a%25b%0Ac%0D.txt");
        assert_eq!(decode(&encode(odd)), odd);
    }

    #[test]
    fn bag_info_counts_the_payload() {
        let info = SnapshotInfo {
            year: 2022,
            as_of: "2022-12-31".into(),
            commit: Some("abc".into()),
            tasks: 0,
            updates: 0,
            pages: 0,
        };
        let files = [
            OutFile {
                path: "a.html".into(),
                bytes: b"12345".to_vec(),
            },
            OutFile {
                path: "b/c.txt".into(),
                bytes: b"67".to_vec(),
            },
        ];
        let bag = bag(&info, "测试办公室\n(Test Office)", &files);
        let text = |name: &str| {
            String::from_utf8(bag.iter().find(|f| f.path == name).unwrap().bytes.clone()).unwrap()
        };
        let info_txt = text("bag-info.txt");
        assert!(info_txt.starts_with("Source-Organization: 测试办公室 (Test Office)\nBagging-Date: 2022-12-31\nPayload-Oxum: 7.2\n"), "{info_txt}");
        assert!(text("manifest-sha256.txt").ends_with("  data/b/c.txt\n"));
        let tags = text("tagmanifest-sha256.txt");
        assert_eq!(tags.lines().count(), 4, "{tags}");
        assert!(bag.iter().any(|f| f.path == "data/b/c.txt"));
    }
}
