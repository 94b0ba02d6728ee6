//! The one door every file of the site goes through on its way to the sink:
//! past the internal link check, and counted. Pages come through it from
//! several rendering threads at once, so it takes `&self`.
//!
//! Also the build's stopwatch: the time per stage (`Laps`), and the time the
//! parallel stages spend summed over threads (`Clock`).

use crate::diagnostics::Failed;
use crate::render::{self, LinkCheck};
use crate::views::PageView;
use crate::write::Sink;
use anyhow::{Context, Result};
use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct Output<'a> {
    sink: &'a dyn Sink,
    links: LinkCheck,
    /// How many files went out, and how many of them HTML pages.
    files: AtomicUsize,
    pages: AtomicUsize,
    /// The files kept as the output has them (`keep`).
    kept: Mutex<HashSet<String>>,
    /// Broken links do not stop the build (`serve`'s first pass, which
    /// keeps pages that may link to pages it has not made yet).
    lenient: bool,
}

/// What went out: how many files, and how many of them HTML pages.
pub struct Sent {
    pub files: usize,
    pub pages: usize,
}

impl<'a> Output<'a> {
    /// Files go to `sink`; links are checked against a site served under
    /// `base_path` (in a snapshot, links up to the live site are expected).
    pub fn new(sink: &'a dyn Sink, base_path: &str, snapshot: bool) -> Output<'a> {
        Output {
            sink,
            links: LinkCheck::new(base_path, snapshot),
            files: AtomicUsize::new(0),
            pages: AtomicUsize::new(0),
            kept: Mutex::default(),
            lenient: false,
        }
    }

    /// Broken links do not stop the build.
    pub fn lenient(mut self) -> Self {
        self.lenient = true;
        self
    }

    pub fn sink(&self) -> &'a dyn Sink {
        self.sink
    }

    /// Room for about `files` files (the previous build's count).
    pub fn expecting(mut self, files: usize) -> Self {
        self.links.expect(files);
        self
    }

    /// Keep a file of an output (open data, feeds …) of the previous build
    /// as the output has it: `false` if it cannot be, and must be made.
    /// A kept file is not put again: an output of several files, some kept
    /// and one not, is made again whole, and its kept files stay.
    pub fn keep(&self, path: &str) -> bool {
        if !self.keep_page(path) {
            return false;
        }
        lock(&self.kept).insert(path.to_string());
        true
    }

    /// Keep a page's file of the previous build as the output has it:
    /// `false` if it cannot be, and the page must be made. A page that is
    /// kept is not made, so its file is not remembered for `put` (one set
    /// of every page's path less at a no-op rebuild). A kept page's links
    /// were checked when it was made, and what they point to is in what it
    /// reads.
    pub fn keep_page(&self, path: &str) -> bool {
        if !self.sink.keep(path) {
            return false;
        }
        self.links.file(path, b"");
        self.record(path);
        true
    }

    /// A file of the site (one already kept is left as it is: it was made
    /// from the same inputs).
    pub fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        if lock(&self.kept).contains(path) {
            return Ok(());
        }
        self.links.file(path, bytes);
        self.record(path);
        self.sink
            .put(path, bytes)
            .with_context(|| format!("writing {path}"))
    }

    /// A rendered page. Its links are checked in the HTML before minifying
    /// (the same links), so a page the sink already has is not minified;
    /// `minify` times the minifying.
    pub fn put_page(&self, page: &PageView, path: &str, html: &str, minify: &Clock) -> Result<()> {
        self.links.file(path, html.as_bytes());
        self.record(path);
        let source = render::source_hash(html);
        if self.sink.reuse(path, source) {
            return Ok(());
        }
        let bytes = minify.time(|| render::finish(page, html));
        self.sink
            .put_made(path, &bytes, source)
            .with_context(|| format!("writing {path}"))
    }

    fn record(&self, path: &str) {
        self.files.fetch_add(1, Ordering::Relaxed);
        if path.ends_with(".html") {
            self.pages.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Every link that resolves to no file of the site is an error; else how
    /// much went out.
    pub fn finish(self) -> Result<Sent, Failed> {
        let broken = self.links.finish();
        if !broken.is_empty() && !self.lenient {
            return Err(Failed(broken));
        }
        Ok(Sent {
            files: self.files.into_inner(),
            pages: self.pages.into_inner(),
        })
    }
}

pub fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Wall time per stage, in order.
pub struct Laps {
    pub timings: Vec<(&'static str, Duration)>,
    clock: Instant,
}

impl Laps {
    pub fn start() -> Laps {
        Laps {
            timings: Vec::new(),
            clock: Instant::now(),
        }
    }

    /// The stage that just ended took the time since the last lap.
    pub fn lap(&mut self, stage: &'static str) {
        self.timings.push((stage, self.clock.elapsed()));
        self.clock = Instant::now();
    }

    /// A stage that ran inside the last one, timed on its own.
    pub fn part(&mut self, stage: &'static str, time: Duration) {
        self.timings.push((stage, time));
    }

    /// Stages that just ended, having run side by side, each timed on its
    /// own (the next lap starts now).
    pub fn side_by_side(&mut self, stages: &[(&'static str, Duration)]) {
        self.timings.extend_from_slice(stages);
        self.clock = Instant::now();
    }
}

/// Sums the time parallel stages spend, over all threads.
#[derive(Default)]
pub struct Clock(AtomicU64);

impl Clock {
    pub fn time<T>(&self, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let r = f();
        self.0
            .fetch_add(start.elapsed().as_nanos() as u64, Ordering::Relaxed);
        r
    }

    pub fn total(&self) -> Duration {
        Duration::from_nanos(self.0.load(Ordering::Relaxed))
    }
}
