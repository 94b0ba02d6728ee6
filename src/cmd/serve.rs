//! `gongkai serve`: build, serve the output on 127.0.0.1, rebuild on every
//! change under the content and theme folders, and let open pages reload
//! themselves (they poll `/__gongkai/build-id`, which changes per build).
//! A failed rebuild prints its errors and keeps serving the last good site.

use crate::cli::ServeArgs;
use crate::pipeline::{build, Inputs};
use anyhow::{anyhow, Result};
use notify_debouncer_full::{
    new_debouncer,
    notify::{
        event::{EventKind, ModifyKind},
        RecursiveMode,
    },
};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn rebuild(inputs: &Inputs, out: &Path, force: bool, id: &AtomicU64) -> bool {
    let start = Instant::now();
    let result = crate::write::claim_output(out, &inputs.protected(), force)
        .and_then(crate::write::Staging::open)
        .map_err(|e| format!("error: {e:#}"));
    let result = result.and_then(|staging| match build(inputs, &staging) {
        Ok(built) => staging
            .commit()
            .map(|w| (built, w))
            .map_err(|e| format!("error: {e:#}")),
        Err(f) => Err(format!("{f}\nkeeping the previous build")),
    });
    match result {
        Ok((built, w)) => {
            id.fetch_add(1, Ordering::SeqCst);
            built.print_warnings();
            eprintln!(
                "rebuilt {} files ({} changed) in {:.0} ms",
                built.files,
                w.written + w.removed,
                start.elapsed().as_secs_f64() * 1000.0
            );
            true
        }
        Err(e) => {
            eprintln!("{e}");
            false
        }
    }
}

/// Polls the build id and reloads the page when a rebuild finished. Only
/// `serve` sends it (injected into each page it serves); the built site has
/// no development code.
const LIVERELOAD: &str = r#"(function () {
  var id = null;
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

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "csv" => "text/csv; charset=utf-8",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
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

pub fn execute(args: ServeArgs) -> Result<ExitCode> {
    let mut site = args.site.clone();
    let addr = format!("127.0.0.1:{}", args.port);
    site.base_url = Some(site.base_url.unwrap_or_else(|| format!("http://{addr}/")));
    let mut inputs = Inputs::from_args(&site);
    inputs.features = args.features.features();
    // A preview shows progress as of today unless a date is configured.
    inputs.default_build_date = Some(crate::dates::today());
    let id = Arc::new(AtomicU64::new(1));
    if !rebuild(&inputs, &args.out, args.force, &id) {
        return Ok(ExitCode::from(1));
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
    let (out, force) = (args.out.clone(), args.force);
    let build_id = id.clone();
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
                rebuild(&inputs, &out, force, &build_id);
            }
        }
    });

    for request in server.incoming_requests() {
        let url = request.url().to_string();
        let response = if url.starts_with("/__gongkai/build-id") {
            tiny_http::Response::from_string(id.load(Ordering::SeqCst).to_string()).boxed()
        } else if url.starts_with("/__gongkai/livereload.js") {
            let header = tiny_http::Header::from_bytes("Content-Type", "text/javascript")
                .expect("static header");
            tiny_http::Response::from_string(LIVERELOAD)
                .with_header(header)
                .boxed()
        } else {
            match resolve(&args.out, &url).and_then(|p| std::fs::read(&p).ok().map(|b| (p, b))) {
                Some((p, bytes)) => {
                    let bytes = if p.extension().is_some_and(|e| e == "html") {
                        with_livereload(bytes)
                    } else {
                        bytes
                    };
                    let header = tiny_http::Header::from_bytes("Content-Type", content_type(&p))
                        .expect("static header");
                    tiny_http::Response::from_data(bytes)
                        .with_header(header)
                        .boxed()
                }
                None => {
                    let nf = if url.starts_with("/en/") {
                        "en/404.html"
                    } else {
                        "404.html"
                    };
                    let body = std::fs::read(args.out.join(nf)).unwrap_or_default();
                    let header =
                        tiny_http::Header::from_bytes("Content-Type", "text/html; charset=utf-8")
                            .expect("static header");
                    tiny_http::Response::from_data(body)
                        .with_header(header)
                        .with_status_code(404)
                        .boxed()
                }
            }
        };
        let _ = request.respond(response);
    }
    Ok(ExitCode::SUCCESS)
}
