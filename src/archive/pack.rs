//! ZIP containers (the `--zip` deposit and the WACZ): entries in the order
//! given, each stamped with the snapshot's date at midnight and mode 0644,
//! so the same files on the same date give the same bytes.

use crate::render::OutFile;
use anyhow::Result;
use std::io::Write;

/// How an entry is kept in the ZIP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// As is (WARC files: a replay tool reads their records by offset).
    Stored,
    Deflated,
}

/// The ZIP time stamp of a YYYY-MM-DD date (1980-01-01, the ZIP epoch, if
/// the date cannot be given in a ZIP).
fn stamp(date: &str) -> zip::DateTime {
    let part = |r: std::ops::Range<usize>| date.get(r).and_then(|s| s.parse::<u16>().ok());
    match (part(0..4), part(5..7), part(8..10)) {
        (Some(y), Some(m), Some(d)) => {
            zip::DateTime::from_date_and_time(y, m as u8, d as u8, 0, 0, 0).unwrap_or_default()
        }
        _ => zip::DateTime::default(),
    }
}

/// A ZIP of `entries` (path, bytes, method), dated `date` (YYYY-MM-DD).
pub fn zip(entries: &[(&str, &[u8], Method)], date: &str) -> Result<Vec<u8>> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    for (path, bytes, method) in entries {
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(match method {
                Method::Stored => zip::CompressionMethod::Stored,
                Method::Deflated => zip::CompressionMethod::Deflated,
            })
            .last_modified_time(stamp(date))
            .unix_permissions(0o644);
        z.start_file(*path, options)?;
        z.write_all(bytes)?;
    }
    z.finish()?;
    Ok(buf.into_inner())
}

/// The `--zip` deposit: the snapshot folder as `YEAR/…`, in path order.
pub fn snapshot_zip(year: u32, date: &str, files: &[OutFile]) -> Result<Vec<u8>> {
    let paths: Vec<String> = files.iter().map(|f| format!("{year}/{}", f.path)).collect();
    let entries: Vec<(&str, &[u8], Method)> = paths
        .iter()
        .zip(files)
        .map(|(p, f)| (p.as_str(), f.bytes.as_slice(), Method::Deflated))
        .collect();
    zip(&entries, date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zips_are_dated_and_reproducible() {
        let a = zip(
            &[
                ("a.txt", b"aaaa", Method::Deflated),
                ("b.warc.gz", b"b", Method::Stored),
            ],
            "2022-12-31",
        )
        .unwrap();
        let b = zip(
            &[
                ("a.txt", b"aaaa", Method::Deflated),
                ("b.warc.gz", b"b", Method::Stored),
            ],
            "2022-12-31",
        )
        .unwrap();
        assert_eq!(a, b);
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(a)).unwrap();
        let e = z.by_name("b.warc.gz").unwrap();
        assert_eq!(e.compression(), zip::CompressionMethod::Stored);
        let t = e.last_modified().unwrap();
        assert_eq!((t.year(), t.month(), t.day()), (2022, 12, 31));
        drop(e);
        assert_eq!(
            z.by_name("a.txt").unwrap().compression(),
            zip::CompressionMethod::Deflated
        );
    }
}
