//! Replays the fuzzing corpus (fuzz/corpus/<target>/) through the fuzz entry
//! points on every test run, so an input that once crashed a parser stays
//! fixed. The long fuzzing runs themselves are `cargo fuzz run <target>`.

use crate::common::{repo, walk};

fn replay(target: &str, run: fn(&[u8])) {
    let dir = repo().join("fuzz/corpus").join(target);
    let files: Vec<_> = walk(&dir).into_iter().filter(|p| p.is_file()).collect();
    assert!(!files.is_empty(), "no corpus in {}", dir.display());
    for f in files {
        let data = std::fs::read(&f).unwrap();
        let outcome = std::panic::catch_unwind(|| run(&data));
        assert!(outcome.is_ok(), "{} panicked on {}", target, f.display());
    }
}

#[test]
fn content_loader_corpus_replays_without_panic() {
    replay("content_loader", gongkai::fuzzing::content);
}

#[test]
fn document_importer_corpus_replays_without_panic() {
    replay("document_importer", gongkai::fuzzing::import);
}
