//! The preview server behind `gongkai serve`: build, serve the output on
//! 127.0.0.1, rebuild on every change under the content and theme folders,
//! and reload open pages the moment their new version is written.
//!
//! A rebuild makes only what changed (see `pipeline::publish`), and makes
//! the pages open in a browser first: a first pass makes those and keeps
//! everything else as it is, is swapped in, and the open pages reload; the
//! second pass makes the rest (the lists, the open data, the search index)
//! and is swapped in after. A change saved during the first pass starts
//! another first pass before the second.
//!
//! A failed build never leaves a person guessing: while no build of the
//! session has succeeded, every page is the list of errors; after that, the
//! pages of the last good build show the list over them (`errorpage`).
//! Requests are answered by a few threads at once, each from one whole
//! tree: a build swaps its tree in only while no request is reading
//! (`http`). Pages wait for their next version on a long poll (`livereload`).

mod errorpage;
mod http;
mod livereload;

use crate::pipeline::{build_pass, BuildError, Inputs};
use anyhow::Result;
use errorpage::Failure;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::Instant;

/// Threads answering requests: a slow client holds up only its own.
pub const WORKERS: usize = 8;

/// What the pages show now.
#[derive(Default)]
struct Status {
    /// Changes whenever that changes: a build succeeded, or the errors are
    /// not the ones shown before.
    id: u64,
    /// Whether a build of this session succeeded, so the output is its.
    good: bool,
    /// The errors of the latest build, if it failed.
    failure: Option<Arc<Failure>>,
    /// Changes whenever the errors shown change (a failure, or its end).
    errors_shown: u64,
}

/// What the rebuilding thread and the request threads share.
pub struct Shared {
    out: PathBuf,
    /// `--force`: build into a folder that holds files gongkai did not write.
    force: bool,
    /// `--timings`: print each rebuild's time per stage.
    pub timings: bool,
    status: RwLock<Status>,
    /// Held (shared) while a request reads the files of the output and the
    /// status, and (exclusive) while a build swaps its tree in and says so,
    /// so every response comes from one whole tree and names its build,
    /// even where the swap takes more than one rename.
    tree: RwLock<()>,
    /// The pages open in a browser (they wait on `livereload`).
    open: livereload::OpenPages,
    /// Bumped, and waiters woken, whenever the status changes.
    changes: Mutex<u64>,
    changed: Condvar,
}

impl Shared {
    pub fn new(out: PathBuf, force: bool) -> Shared {
        Shared {
            out,
            force,
            timings: false,
            status: RwLock::default(),
            tree: RwLock::default(),
            open: livereload::OpenPages::default(),
            changes: Mutex::new(0),
            changed: Condvar::new(),
        }
    }

    fn status(&self) -> (u64, bool, Option<Arc<Failure>>) {
        let s = self.status.read().unwrap_or_else(|e| e.into_inner());
        (s.id, s.good, s.failure.clone())
    }

    fn built(&self) {
        let mut s = self.status.write().unwrap_or_else(|e| e.into_inner());
        s.id += 1;
        s.good = true;
        if s.failure.take().is_some() {
            s.errors_shown += 1;
        }
        drop(s);
        self.wake();
    }

    fn failed(&self, f: Failure) {
        let mut s = self.status.write().unwrap_or_else(|e| e.into_inner());
        if s.failure.as_deref() != Some(&f) {
            s.id += 1;
            s.errors_shown += 1;
            s.failure = Some(Arc::new(f));
        }
        drop(s);
        self.wake();
    }

    fn wake(&self) {
        *self.changes.lock().unwrap_or_else(|e| e.into_inner()) += 1;
        self.changed.notify_all();
    }

    /// How many times the status changed so far.
    fn generation(&self) -> u64 {
        *self.changes.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Wait until the status changed since `seen`, or until `end`; the
    /// generation then.
    fn wait_change(&self, seen: u64, end: Instant) -> u64 {
        let mut now = self.changes.lock().unwrap_or_else(|e| e.into_inner());
        while *now == seen {
            let left = end.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            now = match self.changed.wait_timeout(now, left) {
                Ok((g, _)) => g,
                Err(e) => e.into_inner().0,
            };
        }
        *now
    }

    /// The build id, and a token of the page `file` as a browser has it:
    /// its bytes and the errors shown over it.
    fn token(&self, file: &str) -> (u64, String) {
        let _tree = self.tree.read().unwrap_or_else(|e| e.into_inner());
        let s = self.status.read().unwrap_or_else(|e| e.into_inner());
        let bytes = std::fs::read(self.out.join(file)).unwrap_or_default();
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(&bytes);
        h.update(&s.errors_shown.to_le_bytes());
        h.update(&[s.good as u8]);
        (s.id, format!("{:x}", h.digest()))
    }

    /// The pages open in a browser now (their output files).
    fn open_files(&self) -> BTreeSet<String> {
        self.open.files()
    }
}

/// Build once and swap the result in. `Ok(false)`: the content has errors
/// (printed); `Err`: something else went wrong (not yet printed).
pub fn rebuild(inputs: &Inputs, shared: &Shared) -> Result<bool> {
    let start = Instant::now();
    let claim = crate::write::claim_output(&shared.out, &inputs.protected(), shared.force)?;
    let staging = crate::write::Staging::open(claim)?;
    let built = match build_pass(inputs, &staging, None) {
        Err(e) => return shared.not_built(e),
        Ok(built) => built,
    };
    let w = {
        let _swap = shared.tree.write().unwrap_or_else(|e| e.into_inner());
        let w = staging.commit()?;
        shared.built();
        w
    };
    built.print_warnings();
    if shared.timings {
        eprintln!("{}", built.timings_line(&[]));
    }
    eprintln!(
        "rebuilt {} files ({} changed; pages: {} made, {} as before) in {:.0} ms",
        built.files,
        w.written + w.removed,
        built.made,
        built.kept,
        start.elapsed().as_secs_f64() * 1000.0
    );
    Ok(true)
}

/// The first pass: the open pages `open` made again where they changed,
/// and put into the output in place (`write::Patch`).
fn rebuild_open(inputs: &Inputs, shared: &Shared, open: &BTreeSet<String>) -> Result<bool> {
    let start = Instant::now();
    let patch = crate::write::Patch::open(&shared.out)?;
    // Its warnings are the second pass's too, printed then.
    let built = match build_pass(inputs, &patch, Some(open)) {
        Err(e) => return shared.not_built(e),
        Ok(b) => b,
    };
    if shared.timings {
        eprintln!("{}", built.timings_line(&[]));
    }
    {
        let _swap = shared.tree.write().unwrap_or_else(|e| e.into_inner());
        patch.commit()?;
        shared.built();
    }
    // The pages made (the search stamp beside them is not one).
    let made = built.made;
    eprintln!(
        "rebuilt {made} open page{} first in {:.0} ms",
        if made == 1 { "" } else { "s" },
        start.elapsed().as_secs_f64() * 1000.0
    );
    Ok(true)
}

impl Shared {
    /// A build that stopped: its errors to the terminal and the pages.
    fn not_built(&self, e: BuildError) -> Result<bool> {
        match e {
            BuildError::Internal(e) => Err(e),
            BuildError::Content(f) => {
                eprintln!("{f}");
                self.failed(Failure::of(&f));
                Ok(false)
            }
        }
    }
}

/// What a rebuild after the first did.
#[derive(PartialEq, Eq)]
pub enum Pass {
    /// Made the open pages only: the rest is still to make.
    OpenFirst,
    /// Made everything (or failed, and says so).
    Whole,
}

/// A rebuild after the first, its errors to the terminal and the pages.
/// Git and the clock are read again: a commit or a new day since the last
/// build shows in this one. `open_first`: make the open pages in a pass
/// of their own first (see the module comment).
pub fn rebuild_again(inputs: &mut Inputs, shared: &Shared, open_first: bool) -> Pass {
    inputs.surroundings = crate::env::Surroundings::read(&inputs.content);
    let open = shared.open_files();
    let only = (open_first && !open.is_empty() && shared.status().1).then_some(&open);
    let result = match only {
        Some(open) => rebuild_open(inputs, shared, open),
        None => rebuild(inputs, shared),
    };
    let result = match result {
        // A first pass that could not be made is made whole next.
        Err(_) if only.is_some() => return Pass::OpenFirst,
        r => r,
    };
    match result {
        Ok(true) if only.is_some() => Pass::OpenFirst,
        Ok(true) => Pass::Whole,
        Ok(false) => {
            eprintln!("keeping the previous build");
            Pass::Whole
        }
        Err(e) => {
            let message = format!("error: {e:#}");
            eprintln!("{message}");
            shared.failed(Failure::internal(message));
            Pass::Whole
        }
    }
}

/// Answer requests on `server` with `WORKERS` threads until it closes; a
/// page waiting for its next version gets a thread of its own.
pub fn answer_all(server: tiny_http::Server, shared: Arc<Shared>) {
    let server = Arc::new(server);
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (server, shared) = (server.clone(), shared.clone());
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    if request.url().starts_with("/__gongkai/wait") {
                        let shared = shared.clone();
                        std::thread::spawn(move || {
                            let response = http::answer(&shared, request.url());
                            let _ = request.respond(response);
                        });
                        continue;
                    }
                    let response = http::answer(&shared, request.url());
                    let _ = request.respond(response);
                }
            })
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
}
