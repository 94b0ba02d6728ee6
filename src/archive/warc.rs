//! WARC/1.1 (ISO 28500:2017) records of a snapshot, as `warcio check` and
//! `warcio index` read them: a `warcinfo` record, then one `response`
//! record per file, with its URL under the snapshot's absolute address, an
//! HTTP/1.1 header, and sha256 block and payload digests (RFC 4648 base32
//! with padding). Every field comes from the files and the snapshot's date
//! and commit (record ids included), so the same snapshot gives the same
//! bytes. Records can be joined as they are (`YEAR.warc`) or each gzipped
//! as its own member (`YEAR.warc.gz`, what a WACZ holds).

use super::{base32, hex, timestamp, SnapshotInfo};
use crate::render::mime::content_type;
use crate::render::OutFile;
use anyhow::Result;
use sha2::{Digest, Sha256};
use std::io::Write;

/// One record: its bytes (header, block and the closing `\r\n\r\n`), and
/// what an index says of it.
pub struct Record {
    pub bytes: Vec<u8>,
    /// `response` records only: the URL, the media type (without
    /// parameters) and the payload digest as written.
    pub response: Option<Response>,
}

pub struct Response {
    pub url: String,
    pub mime: String,
    pub digest: String,
}

/// A record id derived from `seed` (an RFC 9562 version 8 UUID: custom, from
/// a sha256), so ids are stable for the same snapshot and differ otherwise.
fn record_id(seed: &str) -> String {
    let mut h = Sha256::digest(seed.as_bytes())[..16].to_vec();
    h[6] = (h[6] & 0x0f) | 0x80;
    h[8] = (h[8] & 0x3f) | 0x80;
    let x = hex(&h);
    format!(
        "<urn:uuid:{}-{}-{}-{}-{}>",
        &x[0..8],
        &x[8..12],
        &x[12..16],
        &x[16..20],
        &x[20..32]
    )
}

fn digest(bytes: &[u8]) -> String {
    format!("sha256:{}", base32(&Sha256::digest(bytes)))
}

/// The records of `files`, served under `base` (absolute, ending in `/`),
/// for a WARC file named `filename`.
pub fn records(info: &SnapshotInfo, base: &str, filename: &str, files: &[OutFile]) -> Vec<Record> {
    let date = timestamp(info);
    let commit = info.commit.as_deref().unwrap_or("none");
    let warcinfo_id = record_id(&format!("warcinfo {filename} {} {commit}", info.as_of));
    let record = |head: Vec<(&str, String)>, content_type: &str, block: &[u8]| {
        let mut out = b"WARC/1.1\r\n".to_vec();
        for (k, v) in head {
            out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "WARC-Block-Digest: {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
                digest(block),
                block.len()
            )
            .as_bytes(),
        );
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    };
    let fields = format!(
        "software: gongkai {}\r\nformat: WARC File Format 1.1\r\nconformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\nisPartOf: {base}\r\ndescription: snapshot {} as of {} (commit {commit})\r\n",
        env!("CARGO_PKG_VERSION"),
        info.year,
        info.as_of
    );
    let mut out = vec![Record {
        bytes: record(
            vec![
                ("WARC-Type", "warcinfo".into()),
                ("WARC-Record-ID", warcinfo_id.clone()),
                ("WARC-Date", date.clone()),
                ("WARC-Filename", filename.into()),
            ],
            "application/warc-fields",
            fields.as_bytes(),
        ),
        response: None,
    }];
    for f in files {
        let url = format!("{base}{}", f.path);
        let mime = content_type(&f.path);
        let mut block = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {mime}\r\nContent-Length: {}\r\n\r\n",
            f.bytes.len()
        )
        .into_bytes();
        block.extend_from_slice(&f.bytes);
        let payload = digest(&f.bytes);
        let bytes = record(
            vec![
                ("WARC-Type", "response".into()),
                (
                    "WARC-Record-ID",
                    record_id(&format!("response {url} {} {commit} {payload}", info.as_of)),
                ),
                ("WARC-Date", date.clone()),
                ("WARC-Target-URI", url.clone()),
                ("WARC-Warcinfo-ID", warcinfo_id.clone()),
                ("WARC-Payload-Digest", payload.clone()),
            ],
            "application/http; msgtype=response",
            &block,
        );
        out.push(Record {
            bytes,
            response: Some(Response {
                url,
                mime: mime.split(';').next().unwrap_or(mime).to_string(),
                digest: payload,
            }),
        });
    }
    out
}

/// The records joined: an uncompressed `.warc`.
pub fn plain(records: &[Record]) -> Vec<u8> {
    records
        .iter()
        .flat_map(|r| r.bytes.iter().copied())
        .collect()
}

/// Where a record lies in a `.warc.gz`: offset and length of its gzip member.
pub type Span = (usize, usize);

/// Each record as its own gzip member (`.warc.gz`), with the span of each
/// member, for an index.
pub fn gzipped(records: &[Record]) -> Result<(Vec<u8>, Vec<Span>)> {
    let mut out = Vec::new();
    let mut spans = Vec::new();
    for r in records {
        let start = out.len();
        // No name and time 0 in the gzip header: the bytes depend only on the record.
        let mut gz = flate2::GzBuilder::new()
            .mtime(0)
            .write(&mut out, flate2::Compression::default());
        gz.write_all(&r.bytes)?;
        gz.finish()?;
        spans.push((start, out.len() - start));
    }
    Ok((out, spans))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_ids_are_uuids_of_version_8() {
        let id = record_id("x");
        assert_eq!(id.len(), "<urn:uuid:>".len() + 36);
        assert_eq!(&id[24..25], "8", "{id}");
        assert!(matches!(&id[29..30], "8" | "9" | "a" | "b"), "{id}");
        assert_ne!(record_id("x"), record_id("y"));
    }

    #[test]
    fn each_gzip_member_holds_one_record() {
        use std::io::Read;
        let info = SnapshotInfo {
            year: 2022,
            as_of: "2022-12-31".into(),
            commit: None,
            tasks: 0,
            updates: 0,
            pages: 1,
        };
        let files = [OutFile {
            path: "index.html".into(),
            bytes: b"<p>hi".to_vec(),
        }];
        let recs = records(&info, "https://example.gov.cn/a/", "a.warc.gz", &files);
        let (gz, spans) = gzipped(&recs).unwrap();
        assert_eq!(spans.len(), 2);
        for (r, (at, len)) in recs.iter().zip(&spans) {
            let mut back = Vec::new();
            flate2::read::GzDecoder::new(&gz[*at..at + len])
                .read_to_end(&mut back)
                .unwrap();
            assert_eq!(back, r.bytes);
        }
        assert_eq!(
            plain(&recs).len(),
            recs[0].bytes.len() + recs[1].bytes.len()
        );
    }
}
