//! Where a build's files go (`Sink`), and the two sinks that keep nothing
//! on disk: `Memory` (a snapshot's files) and `Discard` (`check`).

use crate::render::OutFile;
use anyhow::Result;
use std::sync::Mutex;

/// Where a build's files go. Called from many threads at once.
pub trait Sink: Sync {
    /// A file of the site.
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.put_made(path, bytes, 0)
    }

    /// A file made from a source (a page's HTML before minifying) whose
    /// hash is `source` (0: none).
    fn put_made(&self, path: &str, bytes: &[u8], source: u128) -> Result<()>;

    /// Whether the sink already has the file at `path` made from `source`,
    /// so the caller need not make it (minify) nor `put` it; a `true`
    /// counts as putting it.
    fn reuse(&self, _path: &str, _source: u128) -> bool {
        false
    }

    /// Keep the file at `path` as the output has it (a page whose inputs
    /// did not change is not made again); a `true` counts as putting it,
    /// a `false` means the caller must make it after all.
    fn keep(&self, _path: &str) -> bool {
        false
    }

    /// What the last build left beside the output under `name` (see
    /// `write::memo`), if it is about the output as it is.
    fn memo(&self, _name: &str) -> Option<Vec<u8>> {
        None
    }

    /// Leave `bytes` under `name` for the next build (written once this
    /// build is the output).
    fn set_memo(&self, _name: &str, _bytes: Vec<u8>) {}
}

/// Keep the files in memory (a snapshot, which is checksummed and packed).
#[derive(Default)]
pub struct Memory(Mutex<Vec<OutFile>>);

impl Memory {
    /// The files, in path order.
    pub fn into_files(self) -> Vec<OutFile> {
        let mut files = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl Sink for Memory {
    fn put_made(&self, path: &str, bytes: &[u8], _: u128) -> Result<()> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(OutFile {
                path: path.to_string(),
                bytes: bytes.to_vec(),
            });
        Ok(())
    }
}

/// Drop the files (`check`).
pub struct Discard;

impl Sink for Discard {
    fn put_made(&self, _: &str, _: &[u8], _: u128) -> Result<()> {
        Ok(())
    }

    fn reuse(&self, _: &str, _: u128) -> bool {
        true // nothing to make
    }

    fn keep(&self, _: &str) -> bool {
        true
    }
}
