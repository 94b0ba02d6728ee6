//! The manifest of a build's inputs, kept beside the output as the memo
//! `deps` (see `write::memo`): each page's key → its fingerprint and the
//! file it made, and each other output (open data, search …) → the hash of
//! its inputs and its files. The next build keeps what has the same
//! fingerprint and makes the rest.
//!
//! A manifest is believed only by the same binary with the same switches
//! (`identity`): anything else, or a manifest that does not parse, and the
//! build is made from scratch.

use super::deps::{Hasher, SCHEMA};
use std::fmt::Write as _;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// What a page or an output made, by key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    pub fingerprint: u128,
    /// The files it made (a page: one, or none when it turned out not to exist).
    pub files: Vec<String>,
}

/// The previous build's manifest (read) or this build's (being written).
#[derive(Debug, Default)]
pub struct Fingerprints {
    /// By key; hashed with foldhash (as `write`'s records are): a no-op
    /// rebuild looks up and inserts every page's key.
    pub pages: foldhash::HashMap<String, Made>,
    pub outputs: foldhash::HashMap<String, Made>,
}

const HEADER: &str = "gongkai deps";

/// What a manifest must have been written by to be believed: this binary
/// (its version, size and date), the schema of fingerprints, and the
/// build's switches.
pub fn identity(switches: &str) -> String {
    // Read once: a binary replaced while `serve` runs is not the one running.
    static EXE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let exe = EXE.get_or_init(|| {
        std::env::current_exe()
            .ok()
            .and_then(|p| std::fs::metadata(p).ok())
            .map(|m| {
                let t = m
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos());
                format!("{} {t}", m.len())
            })
            .unwrap_or_default()
    });
    let h = Hasher::new()
        .str(env!("CARGO_PKG_VERSION"))
        .str(exe)
        .u128(SCHEMA as u128)
        .str(switches)
        .finish();
    format!("{h:032x}")
}

impl Fingerprints {
    /// Parse a manifest; `None` if it is not one, or not this build's kind.
    /// None yet, with room for `pages` pages (a no-op rebuild fills the
    /// map with every page's key: sized once, not grown by doubling).
    fn for_pages(pages: usize) -> Fingerprints {
        Fingerprints {
            pages: foldhash::HashMap::with_capacity_and_hasher(pages, Default::default()),
            outputs: Default::default(),
        }
    }

    pub fn parse(text: &str, identity: &str) -> Option<Fingerprints> {
        let mut lines = text.lines();
        let head = lines.next()?;
        if head != format!("{HEADER} {identity}") {
            return None;
        }
        // One line a page (but a few outputs): sized once.
        let mut f = Fingerprints::for_pages(text.bytes().filter(|&b| b == b'\n').count());
        for line in lines {
            let mut parts = line.split('\t');
            let (kind, key, fp) = (parts.next()?, parts.next()?, parts.next()?);
            let made = Made {
                fingerprint: u128::from_str_radix(fp, 16).ok()?,
                files: parts.map(String::from).collect(),
            };
            let map = match kind {
                "P" => &mut f.pages,
                "O" => &mut f.outputs,
                _ => return None,
            };
            map.insert(key.to_string(), made);
        }
        Some(f)
    }

    pub fn render(&self, identity: &str) -> String {
        let mut out = format!("{HEADER} {identity}\n");
        for (kind, map) in [("P", &self.pages), ("O", &self.outputs)] {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            for k in keys {
                let m = &map[k];
                let _ = write!(out, "{kind}\t{k}\t{:032x}", m.fingerprint);
                for f in &m.files {
                    out.push('\t');
                    out.push_str(f);
                }
                out.push('\n');
            }
        }
        out
    }
}

/// The output under which a manifest keeps `InputHashes::whole` of its
/// build, when it names every page the build made (see
/// `publish::Publisher::keep_unchanged`); it has no files.
pub const PAGES: &str = "pages";

/// This build's manifest as its pages and outputs arrive (from several
/// threads), and whether a page was left out of it.
#[derive(Default)]
pub struct Recorder(Mutex<Fingerprints>, AtomicBool);

impl Recorder {
    /// A recorder for about as many pages as `previous` holds.
    pub fn like(previous: Option<&Fingerprints>) -> Recorder {
        let pages = previous.map_or(0, |f| f.pages.len());
        Recorder(
            Mutex::new(Fingerprints::for_pages(pages)),
            AtomicBool::new(false),
        )
    }

    /// A page made or kept; one whose key or file cannot be written on a
    /// line is left out (and made again next time).
    pub fn page(&self, key: String, made: Made) {
        if storable(&key) && made.files.iter().all(|f| storable(f)) {
            super::output::lock(&self.0).pages.insert(key, made);
        } else {
            self.1.store(true, Ordering::Relaxed);
        }
    }

    /// Whether every page made or kept is in the manifest.
    pub fn has_every_page(&self) -> bool {
        !self.1.load(Ordering::Relaxed)
    }

    pub fn output(&self, key: &str, made: Made) {
        if !made.files.iter().all(|f| storable(f)) {
            return;
        }
        super::output::lock(&self.0)
            .outputs
            .insert(key.to_string(), made);
    }

    /// A digest of every page's key and fingerprint: what the search
    /// index is made from. Each page's digest is summed, in no order: the
    /// keys sorted first took 80 ms of a no-op rebuild at N=50,000 (126,000
    /// keys; 3 ms at N=5,000).
    pub fn pages_digest(&self) -> u128 {
        let f = super::output::lock(&self.0);
        let sum = f.pages.iter().fold(0u128, |sum, (k, m)| {
            sum.wrapping_add(Hasher::new().str(k).u128(m.fingerprint).finish())
        });
        Hasher::new().u128(sum).value(&f.pages.len()).finish()
    }

    pub fn into_inner(self) -> Fingerprints {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

/// A key or a file name that cannot go on a manifest line.
pub fn storable(s: &str) -> bool {
    !s.contains(['\t', '\n', '\r'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_reads_back_and_another_identity_is_not_believed() {
        let mut f = Fingerprints::default();
        f.pages.insert(
            "zh tasks/8/".into(),
            Made {
                fingerprint: 7,
                files: vec!["tasks/8/index.html".into()],
            },
        );
        f.outputs.insert(
            "data".into(),
            Made {
                fingerprint: u128::MAX,
                files: vec!["data/a.csv".into(), "data/b.json".into()],
            },
        );
        let text = f.render("abc");
        let back = Fingerprints::parse(&text, "abc").unwrap();
        assert_eq!(back.pages, f.pages);
        assert_eq!(back.outputs, f.outputs);
        assert!(Fingerprints::parse(&text, "abd").is_none());
        assert!(Fingerprints::parse(&text.replace("\tdata", "data"), "abc").is_none());
    }

    #[test]
    fn the_pages_digest_tells_every_page_and_no_order() {
        let digest = |pages: &[(&str, u128)]| {
            let r = Recorder::default();
            for (k, f) in pages {
                let made = Made {
                    fingerprint: *f,
                    files: vec![format!("{k}index.html")],
                };
                r.page(k.to_string(), made);
            }
            r.pages_digest()
        };
        let site = [("zh a/", 1), ("en a/", 2), ("zh b/", 3)];
        let d = digest(&site);
        assert_eq!(digest(&[site[2], site[0], site[1]]), d);
        assert_ne!(digest(&[("zh a/", 1), ("en a/", 2), ("zh b/", 4)]), d);
        assert_ne!(digest(&[("zh a/", 1), ("en a/", 2), ("zh c/", 3)]), d);
        assert_ne!(digest(&[("zh a/", 2), ("en a/", 1), ("zh b/", 3)]), d);
        assert_ne!(digest(&site[..2]), d);
        assert_ne!(digest(&[]), digest(&[("zh a/", 0)]));
    }
}
