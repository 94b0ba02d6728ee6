//! What `serve` keeps between rebuilds of the load stage: each file's
//! parse result, by path and the hash of its text, so a rebuild parses
//! again only the files that changed (one task list of 1.7 MB, or one
//! update among thousands). Off unless switched on (`enable`): a single
//! build would only hold a second copy of the content.

use crate::diagnostics::Diagnostic;
use std::any::Any;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

static ENABLED: AtomicBool = AtomicBool::new(false);

type Entry = (u128, Box<dyn Any + Send>);

/// Parse results by (file, what it was parsed as).
static CACHE: Mutex<Option<HashMap<(PathBuf, &'static str), Entry>>> = Mutex::new(None);

/// Keep parse results from now on (for `serve`).
pub fn enable() {
    ENABLED.store(true, Ordering::Relaxed);
}

/// Whether results are kept (in `serve`; see `pipeline::cache` for the
/// other stages' memory).
pub fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

/// `parse()` of the text of `path`, or what it gave for the same text last
/// time. The same text always parses to the same value (and the same
/// diagnostic), so a result kept is the result made.
pub fn parsed<T: Clone + Send + 'static>(
    path: &Path,
    text: &str,
    parse: impl FnOnce() -> Result<T, Diagnostic>,
) -> Result<T, Diagnostic> {
    if !enabled() {
        return parse();
    }
    let key = (path.to_path_buf(), std::any::type_name::<T>());
    let hash = xxhash_rust::xxh3::xxh3_128(text.as_bytes());
    {
        let cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
        let hit = cache
            .as_ref()
            .and_then(|c| c.get(&key))
            .filter(|(h, _)| *h == hash);
        if let Some(r) = hit.and_then(|(_, v)| v.downcast_ref::<Result<T, Diagnostic>>()) {
            return r.clone();
        }
    }
    let result = parse();
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    cache
        .get_or_insert_with(HashMap::new)
        .insert(key, (hash, Box::new(result.clone())));
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_parsed_again_only_when_it_changed() {
        enable();
        let path = Path::new("/nowhere/cache-test.yaml");
        let mut calls = 0;
        let mut parse = |text: &str| {
            parsed(path, text, || {
                calls += 1;
                Ok::<_, Diagnostic>(text.len())
            })
        };
        assert_eq!(parse("ab"), Ok(2));
        assert_eq!(parse("ab"), Ok(2));
        assert_eq!(parse("abc"), Ok(3));
        assert_eq!(calls, 2);
    }
}
