//! The one integration-test binary: each module drives the `gongkai`
//! binary on copies of the fixtures in `tests/fixtures/` (see `common`).

mod common;

mod archive;
mod bad_input;
mod face;
mod fuzz_corpus;
mod history;
mod import;
mod incremental;
mod markdown_safety;
mod output_folder;
mod pages;
mod progress;
mod reports;
mod search;
mod serve;
mod sheet;
mod site;
mod updates;
