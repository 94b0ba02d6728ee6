//! The search index: our own, built from small per-page records instead of
//! Pagefind, because Pagefind cannot meet the targets of issue 15.
//!
//! Why not Pagefind (1.6, "extended" for Chinese), measured here (release,
//! 2 cores, `gongkai scale N`, everything on): it takes whole HTML files
//! and builds its whole index in memory, with no incremental mode
//! (`PagefindIndex::add_html_file`, then `get_files`), so every page's HTML
//! is held until the end of the build and every page is indexed again on
//! every rebuild. On `scale 5000` (12 744 indexed pages; main at 3e28911,
//! a machine shared with other builds, load about 12):
//!
//! | build                         | time   | peak RSS | search stage |
//! |-------------------------------|--------|----------|--------------|
//! | features off                  | 10.3 s | 166 MB   | –            |
//! | search on (feeds, data off)   | 34.9 s | 830 MB   | 20.2 s       |
//! | everything on                 | 38.7 s | 841 MB   | 22.0 s       |
//!
//! About 1.6 s and 52 MB per 1 000 pages, growing with the pages: its
//! stage alone is twice the whole features-off build (target: the
//! everything-on build within 1.5× of it), and at N = 50 000 it peaked at
//! 6.8 GiB (target 1.5 GiB).
//!
//! This index, measured the same way (release, `scale 5000`, load about
//! 14; a first build into a new folder, then a rebuild of it):
//!
//! | build            | first build     | rebuild         | search stage |
//! |------------------|-----------------|-----------------|--------------|
//! | features off     | 8.1 s, 190 MB   | 10.1 s, 172 MB  | –            |
//! | everything on    | 10.4 s, 201 MB  | 12.2 s, 195 MB  | 0.7–0.8 s    |
//!
//! 1.2–1.3× the features-off build (the target is 1.5×), with about
//! 10–20 MB more memory: the records of 12 744 pages (their cache file is
//! 8 MB) instead of their HTML. The index is 17 MB in 1 228 files.
//!
//! At `scale 50000` (127 000 indexed pages, first builds, load about 14):
//! everything on 146 s and 1 018 MB peak (the search stage 15.0 s; records
//! 69 MB on disk, index 128 MB), features off 194 s and 1 007 MB: the
//! machine's load moved the times more than the search did; the memory
//! target (1.5 GiB) holds with 0.5 GiB to spare.
//!
//! The design instead:
//! - `records`: right after a page is rendered its record is made (title
//!   and text; `extract`), and the HTML dropped; records are cached beside
//!   the output by page path and HTML hash, so unchanged pages are not
//!   read again, and an incremental build can keep a page's record without
//!   rendering it;
//! - `tokens`: Chinese as character bigrams plus single characters (no
//!   dictionary, in the index or in the browser), English as lowercased
//!   words without plural endings;
//! - `index`: per language, postings in small shards by term hash and the
//!   pages' titles and text in chunks, all as scripts, so the browser
//!   (`themes/default/static/search.js`) fetches only the shards of the
//!   query's terms and the chunks of the results shown, over HTTP or from
//!   a disk (a snapshot uses the same index).
//!
//! The index carries a stamp (a hash of the records); the pages carry the
//! stamp of the build that made them (`search/index/stamp.js`, written with
//! the pages), so the search page can say when its index is older.

mod extract;
mod index;
mod records;
mod tokens;

pub use records::Records;

use super::OutFile;

/// Whether the search index takes this file: an HTML page whose `<main>`
/// carries `data-pagefind-body`.
pub fn indexable(path: &str, html: &[u8]) -> bool {
    let marker = extract::BODY_MARKER.as_bytes();
    path.ends_with(".html") && html.windows(marker.len()).any(|w| w == marker)
}

/// The index files of `records` (both languages; the same for the live
/// site and a snapshot), with the pages' stamp file.
pub fn index(records: &Records) -> Vec<OutFile> {
    index::files(records)
}

/// The pages' stamp alone (`search/index/stamp.js`), for a build that
/// writes the pages before the index (see the module header).
pub fn stamp_file(records: &Records) -> OutFile {
    index::stamp_file(records)
}
