//! What `serve` keeps in memory between passes besides each file's parse
//! result (`load::cache`, whose switch this shares): the theme's compiled
//! templates and the previous build's manifest of fingerprints, each under
//! the hash of everything it is made from (the theme as read; the
//! manifest's text and the build's identity). The same inputs always make
//! the same value, so a value kept is the value made; a different key
//! makes it again. A single build keeps nothing.

use super::deps::Hasher;
use super::fingerprints::Fingerprints;
use crate::diagnostics::Diagnostic;
use crate::load::theme::RawTheme;
use crate::render::theme::Theme;
use std::sync::{Arc, Mutex};

/// One value, under the hash of what it was made from.
struct Slot<T>(Mutex<Option<(u128, T)>>);

impl<T: Clone> Slot<T> {
    const fn new() -> Slot<T> {
        Slot(Mutex::new(None))
    }

    /// The value made from what hashes to `key`: the one kept, or `make()`'s
    /// (then kept in its place).
    fn get_or_make(&self, key: u128, make: impl FnOnce() -> T) -> T {
        if !crate::load::cache::enabled() {
            return make();
        }
        let mut slot = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((k, v)) = slot.as_ref() {
            if *k == key {
                return v.clone();
            }
        }
        let v = make();
        *slot = Some((key, v.clone()));
        v
    }
}

/// A theme compiled, or why it is not.
pub type Compiled = Result<Arc<Theme>, Vec<Diagnostic>>;

static THEME: Slot<Compiled> = Slot::new();
static MANIFEST: Slot<Option<Arc<Fingerprints>>> = Slot::new();

/// The theme compiled from `raw` (see `Theme::new`), or the one compiled
/// last time from the same files.
pub fn theme(raw: RawTheme) -> Compiled {
    let mut h = Hasher::new();
    h.value(&raw.dir);
    for t in &raw.templates {
        h.str(&t.name).value(&t.path).str(&t.text);
    }
    for (path, bytes) in &raw.statics {
        h.str(path).bytes(bytes);
    }
    h.value(&raw.strings);
    THEME.get_or_make(h.finish(), || Theme::new(raw).map(Arc::new))
}

/// Read the manifest a whole pass leaves (`text`) into memory now, in the
/// background pass, so the first pass after it (the open pages, which a
/// person waits for) finds it parsed.
pub fn keep_manifest(text: &str, identity: &str) {
    if crate::load::cache::enabled() {
        manifest(text, identity);
    }
}

/// The manifest `text` holds for a build of `identity` (see
/// `Fingerprints::parse`), or the one read last time from the same text.
pub fn manifest(text: &str, identity: &str) -> Option<Arc<Fingerprints>> {
    let key = Hasher::new().str(identity).str(text).finish();
    MANIFEST.get_or_make(key, || Fingerprints::parse(text, identity).map(Arc::new))
}
