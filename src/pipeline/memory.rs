//! What a build knows of the build before it and leaves for the next
//! (`Memory`: every input's hash, the previous manifest of fingerprints,
//! the record of what this build made or kept) and the search records it
//! carries from build to build (`SearchRecords`, the sink's `search` memo).

use super::deps::{InputHashes, ThemeHashes};
use super::fingerprints::{self, Fingerprints, Recorder};
use super::output::Output;
use super::outputs::{self, PageInputs};
use super::publish::Previous;
use super::{cache, BuildError, Inputs};
use crate::model::Site;
use crate::render::search::Records;
use crate::views::Mode;
use crate::write::Sink;
use std::collections::BTreeSet;

/// What a build knows of the build before it and leaves for the next:
/// every input's hash, the previous manifest of fingerprints (if it is
/// about the output as it is and was made the way this build is), and the
/// record of what this build made or kept.
pub(super) struct Memory {
    pub(super) hashes: InputHashes,
    identity: String,
    manifest: Option<std::sync::Arc<Fingerprints>>,
    recorder: Recorder,
}

impl Memory {
    pub(super) fn of(
        inputs: &Inputs,
        sink: &dyn Sink,
        site: &Site,
        theme: &ThemeHashes,
        mode: &Mode,
        base_url: &str,
    ) -> Memory {
        let identity = fingerprints::identity(&switches(inputs, base_url));
        let manifest = previous_manifest(inputs, sink, &identity);
        Memory {
            hashes: InputHashes::of(site, theme, mode, base_url),
            recorder: Recorder::like(manifest.as_deref()),
            manifest,
            identity,
        }
    }

    pub(super) fn previous<'a>(&'a self, only: Option<&'a BTreeSet<String>>) -> Previous<'a> {
        Previous {
            hashes: &self.hashes,
            manifest: self.manifest.as_deref(),
            recorder: &self.recorder,
            only,
        }
    }

    /// Leave the manifest for the next build (not from a snapshot, nor from
    /// `serve`'s first pass, which made only some pages).
    pub(super) fn save(self, inputs: &Inputs, sink: &dyn Sink, only: Option<&BTreeSet<String>>) {
        if inputs.snapshot.is_none() && only.is_none() {
            let manifest = self.recorder.into_inner().render(&self.identity);
            cache::keep_manifest(&manifest, &self.identity);
            sink.set_memo("deps", manifest.into_bytes());
        }
    }
}

/// The search index's records: the previous build's (a memo beside the
/// output) to reuse, this build's to index and leave for the next.
pub(super) struct SearchRecords {
    pub(super) records: Records,
    keep: bool,
}

impl SearchRecords {
    pub(super) fn open(
        inputs: &Inputs,
        sink: &dyn Sink,
        only: Option<&BTreeSet<String>>,
    ) -> SearchRecords {
        let keep = inputs.search_records && inputs.snapshot.is_none() && only.is_none();
        let records = match keep {
            true => Records::from_bytes(sink.memo("search")),
            false => Records::default(),
        };
        SearchRecords { records, keep }
    }

    /// `serve`'s first pass, which indexes nothing: when it made a page the
    /// index holds, the pages' stamp (`search/index/stamp.js`) is theirs, a
    /// stamp no index has, so the search page says its index is older than
    /// the pages until the second pass indexes them.
    pub(super) fn stamp_first_pass(&self, inputs: &Inputs, out: &Output) -> Result<(), BuildError> {
        let indexed = inputs.features.search && inputs.snapshot.is_none();
        if indexed && self.records.with_pages(|made| !made.is_empty()) {
            let f = crate::render::search::stamp_file(&self.records);
            out.put(&f.path, &f.bytes)?;
        }
        Ok(())
    }

    /// The index, unless no page changed; kept pages the records do not know
    /// (no memo) are rendered again for it, not put out.
    pub(super) fn index(
        self,
        inputs: &Inputs,
        sink: &dyn Sink,
        page_inputs: &PageInputs,
        previous: &Previous,
        out: &Output,
        pages: &outputs::Pages,
    ) -> Result<(), BuildError> {
        let records = &self.records;
        let searched = previous.recorder.pages_digest();
        outputs::unless_kept(previous, out, "search", searched, &|| {
            let wanted = inputs.snapshot.is_some() || inputs.features.search;
            if wanted && !pages.unrecorded.is_empty() {
                let hashes = previous.hashes;
                for f in outputs::kept_html(page_inputs, out, hashes, &pages.unrecorded)? {
                    records.add(&f.path, &String::from_utf8_lossy(&f.bytes));
                }
            }
            Ok(outputs::search_index(inputs, records, out)?)
        })?;
        if self.keep {
            sink.set_memo("search", self.records.into_bytes());
        }
        Ok(())
    }
}

/// What a manifest of fingerprints must have been made with to be believed
/// (see `fingerprints::identity`). The input folders are named as the file
/// system resolves them (a missing one, as `archive/` may be, by its
/// nearest existing folder), so `content` and `/work/site/content` given
/// from `/work/site` are one folder.
fn switches(inputs: &Inputs, base_url: &str) -> String {
    let f = inputs.features;
    let real = crate::write::resolve;
    format!(
        "{:?}",
        (
            (f.search, f.feeds, f.data),
            &inputs.snapshot,
            base_url,
            real(&inputs.content),
            inputs.theme.as_deref().map(real),
            real(&inputs.seeds),
            real(&inputs.archive),
        )
    )
}

/// The manifest the previous build left with the output, if it is about
/// the output as it is and was made the way this build is (a snapshot is
/// always built whole).
fn previous_manifest(
    inputs: &Inputs,
    sink: &dyn Sink,
    identity: &str,
) -> Option<std::sync::Arc<Fingerprints>> {
    if inputs.snapshot.is_some() {
        return None;
    }
    let text = String::from_utf8(sink.memo("deps")?).ok()?;
    cache::manifest(&text, identity)
}
