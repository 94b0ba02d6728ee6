//! `gongkai serve`: build, serve the output on 127.0.0.1, rebuild on every
//! change under the content and theme folders, and let open pages reload
//! themselves (they poll `/__gongkai/build-id`, which changes per build).
//!
//! A failed build never leaves a person guessing: while no build of the
//! session has succeeded, every page is the list of errors; after that, the
//! pages of the last good build show the list over them (`errorpage`). The
//! build id also changes when the errors change, so both reload by
//! themselves. Requests are answered by a few threads at once, each from one
//! whole tree: a build swaps its tree in only while no request is reading.

mod errorpage;

use crate::cli::ServeArgs;
use crate::pipeline::{build, BuildError, Inputs};
use anyhow::{anyhow, Result};
use errorpage::Failure;
use notify_debouncer_full::{
    new_debouncer,
    notify::{
        event::{EventKind, ModifyKind},
        RecursiveMode,
    },
};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// Threads answering requests: a slow client holds up only its own.
const WORKERS: usize = 8;

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
}

/// What the rebuilding thread and the request threads share.
struct Shared {
    out: PathBuf,
    /// `--force`: build into a folder that holds files gongkai did not write.
    force: bool,
    status: RwLock<Status>,
    /// Held (shared) while a request reads the files of the output and the
    /// status, and (exclusive) while a build swaps its tree in and says so,
    /// so every response comes from one whole tree and names its build,
    /// even where the swap takes more than one rename.
    tree: RwLock<()>,
}

impl Shared {
    fn status(&self) -> (u64, bool, Option<Arc<Failure>>) {
        let s = self.status.read().unwrap_or_else(|e| e.into_inner());
        (s.id, s.good, s.failure.clone())
    }

    fn built(&self) {
        let mut s = self.status.write().unwrap_or_else(|e| e.into_inner());
        s.id += 1;
        s.good = true;
        s.failure = None;
    }

    fn failed(&self, f: Failure) {
        let mut s = self.status.write().unwrap_or_else(|e| e.into_inner());
        if s.failure.as_deref() != Some(&f) {
            s.id += 1;
            s.failure = Some(Arc::new(f));
        }
    }
}

/// Build once and swap the result in. `Ok(false)`: the content has errors
/// (printed); `Err`: something else went wrong (not yet printed).
fn rebuild(inputs: &Inputs, shared: &Shared) -> Result<bool> {
    let start = Instant::now();
    let claim = crate::write::claim_output(&shared.out, &inputs.protected(), shared.force)?;
    let staging = crate::write::Staging::open(claim)?;
    match build(inputs, &staging) {
        Err(BuildError::Internal(e)) => Err(e),
        Ok(built) => {
            let w = {
                let _swap = shared.tree.write().unwrap_or_else(|e| e.into_inner());
                let w = staging.commit()?;
                shared.built();
                w
            };
            built.print_warnings();
            eprintln!(
                "rebuilt {} files ({} changed) in {:.0} ms",
                built.files,
                w.written + w.removed,
                start.elapsed().as_secs_f64() * 1000.0
            );
            Ok(true)
        }
        Err(BuildError::Content(f)) => {
            drop(staging);
            eprintln!("{f}");
            shared.failed(Failure::of(&f));
            Ok(false)
        }
    }
}

/// A rebuild after the first: its errors go to the terminal and the pages.
/// Git and the clock are read again: a commit or a new day since the last
/// build shows in this one.
fn rebuild_again(inputs: &mut Inputs, shared: &Shared) {
    inputs.surroundings = crate::env::Surroundings::read(&inputs.content);
    match rebuild(inputs, shared) {
        Ok(true) => {}
        Ok(false) => eprintln!("keeping the previous build"),
        Err(e) => {
            let message = format!("error: {e:#}");
            eprintln!("{message}");
            shared.failed(Failure::internal(message));
        }
    }
}

/// Polls the build id and reloads the page when a rebuild finished. Only
/// `serve` sends it (injected into each page it serves); the built site has
/// no development code. A page that carries the id it was made for (the error page, the
/// overlay) reloads even if a build finished before its first poll.
const LIVERELOAD: &str = r#"(function () {
  var at = document.querySelector("[data-gongkai-build-id]");
  var id = at ? at.getAttribute("data-gongkai-build-id") : null;
  function poll() {
    fetch("/__gongkai/build-id", { cache: "no-store" })
      .then(function (r) { return r.text(); })
      .then(function (t) { if (id !== null && t !== id) location.reload(); id = t; setTimeout(poll, 500); })
      .catch(function () { setTimeout(poll, 1500); });
  }
  poll();
})();"#;

fn with_livereload(html: Vec<u8>) -> Vec<u8> {
    let tag = b"<script src=/__gongkai/livereload.js></script>";
    match html.windows(7).rposition(|w| w == b"</body>") {
        Some(i) => [&html[..i], tag, &html[i..]].concat(),
        None => [&html[..], tag].concat(),
    }
}

/// Map a request path to a file of the output folder (never outside it).
fn resolve(out: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let mut p = out.to_path_buf();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => return None,
            s => p.push(s),
        }
    }
    if p.is_dir() {
        p.push("index.html");
    }
    p.is_file().then_some(p)
}

/// Whether a request is for a page rather than a file (a style sheet, an
/// image): the ones the error page stands in for.
fn wants_page(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let last = path.rsplit('/').next().unwrap_or("");
    last.is_empty() || !last.contains('.') || last.ends_with(".html")
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name, value).expect("static header")
}

fn html_response(body: Vec<u8>, status: u16) -> tiny_http::ResponseBox {
    tiny_http::Response::from_data(body)
        .with_header(header("Content-Type", "text/html; charset=utf-8"))
        .with_status_code(status)
        .boxed()
}

/// The answer to one request.
fn answer(shared: &Shared, url: &str) -> tiny_http::ResponseBox {
    if url.starts_with("/__gongkai/build-id") {
        let (id, _, _) = shared.status();
        return tiny_http::Response::from_string(id.to_string()).boxed();
    }
    if url.starts_with("/__gongkai/livereload.js") {
        return tiny_http::Response::from_string(LIVERELOAD)
            .with_header(header("Content-Type", "text/javascript"))
            .boxed();
    }
    if url.starts_with("/__gongkai/build-failed.css") {
        return tiny_http::Response::from_string(errorpage::overlay_css())
            .with_header(header("Content-Type", "text/css; charset=utf-8"))
            .boxed();
    }
    // Everything this answer reads, it reads from one tree, and the status
    // is the one of that tree (see `Shared::tree`).
    let tree = shared.tree.read().unwrap_or_else(|e| e.into_inner());
    let (id, good, failure) = shared.status();
    if !good {
        if let Some(f) = &failure {
            if wants_page(url) {
                let page = errorpage::page(f, id).into_bytes();
                return html_response(with_livereload(page), 500);
            }
            return tiny_http::Response::from_string("构建失败 / Build failed\n")
                .with_header(header("Content-Type", "text/plain; charset=utf-8"))
                .with_status_code(500)
                .boxed();
        }
    }
    let read = match resolve(&shared.out, url).and_then(|p| std::fs::read(&p).ok().map(|b| (p, b)))
    {
        Some((p, bytes)) => Ok((p, bytes)),
        None => {
            let nf = if url.starts_with("/en/") {
                "en/404.html"
            } else {
                "404.html"
            };
            Err(std::fs::read(shared.out.join(nf)).unwrap_or_default())
        }
    };
    drop(tree);
    // The last good build, with the errors of the latest one over it.
    let overlay = |bytes: Vec<u8>| match &failure {
        Some(f) => errorpage::with_overlay(&bytes, &errorpage::overlay(f, id)),
        None => bytes,
    };
    match read {
        Ok((p, bytes)) if p.extension().is_some_and(|e| e == "html") => {
            html_response(with_livereload(overlay(bytes)), 200)
        }
        Ok((p, bytes)) => tiny_http::Response::from_data(bytes)
            .with_header(header(
                "Content-Type",
                crate::render::mime::content_type(&p.to_string_lossy()),
            ))
            .boxed(),
        // The 404 page reloads only to lose its overlay.
        Err(not_found) if failure.is_some() => {
            html_response(with_livereload(overlay(not_found)), 404)
        }
        Err(not_found) => html_response(not_found, 404),
    }
}

pub fn execute(args: ServeArgs) -> Result<ExitCode> {
    let addr = args.address();
    let mut inputs = args.inputs();
    let shared = Arc::new(Shared {
        out: args.out.clone(),
        force: args.force,
        status: RwLock::default(),
        tree: RwLock::default(),
    });
    match rebuild(&inputs, &shared) {
        Ok(true) => {}
        Ok(false) => {
            eprintln!("nothing built yet: every page shows these errors until they are fixed")
        }
        // Not a mistake in the content (a refused output folder, a failure
        // to write), so no change to it would mend it: stop.
        Err(e) => return Err(e),
    }
    let server =
        tiny_http::Server::http(&addr).map_err(|e| anyhow!("cannot listen on {addr}: {e}"))?;
    eprintln!(
        "serving {} at http://{addr}/ (Ctrl+C to stop)",
        args.out.display()
    );

    let (tx, rx) = std::sync::mpsc::channel();
    let mut debouncer = new_debouncer(Duration::from_millis(150), None, tx)?;
    let mut watched = vec![inputs.content.clone()];
    watched.extend(inputs.theme.clone());
    for dir in &watched {
        debouncer.watch(dir, RecursiveMode::Recursive)?;
        eprintln!("watching {}", dir.display());
    }
    let builder = shared.clone();
    std::thread::spawn(move || {
        for events in rx.into_iter().flatten() {
            // Reading the content to build it raises access events; only a
            // real change (a file written, created, renamed or removed) rebuilds.
            let changed = events.iter().any(|e| {
                matches!(
                    e.event.kind,
                    EventKind::Create(_)
                        | EventKind::Remove(_)
                        | EventKind::Modify(
                            ModifyKind::Data(_) | ModifyKind::Name(_) | ModifyKind::Any
                        )
                )
            });
            if changed {
                rebuild_again(&mut inputs, &builder);
            }
        }
    });

    let server = Arc::new(server);
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (server, shared) = (server.clone(), shared.clone());
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    let response = answer(&shared, request.url());
                    let _ = request.respond(response);
                }
            })
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
    Ok(ExitCode::SUCCESS)
}
