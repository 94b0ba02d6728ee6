//! The answers `serve` gives: files of the output (pages with the
//! live-reload script, and the errors over them when the latest build
//! failed), the 404 page, and its own `/__gongkai/` endpoints.

use super::{errorpage, livereload, Shared};
use std::path::{Path, PathBuf};

/// Map a request path to a file of the output folder (never outside it).
pub fn resolve(out: &Path, url: &str) -> Option<PathBuf> {
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

fn text_response(body: String, content_type: &str) -> tiny_http::ResponseBox {
    tiny_http::Response::from_string(body)
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
        .boxed()
}

/// The answer to one request.
pub fn answer(shared: &Shared, url: &str) -> tiny_http::ResponseBox {
    if url.starts_with("/__gongkai/build-id") {
        let (id, _, _) = shared.status();
        return tiny_http::Response::from_string(id.to_string()).boxed();
    }
    if url.starts_with("/__gongkai/wait") {
        return text_response(livereload::wait(shared, url), "text/plain");
    }
    if url.starts_with("/__gongkai/livereload.js") {
        return text_response(livereload::SCRIPT.to_string(), "text/javascript");
    }
    if url.starts_with("/__gongkai/build-failed.css") {
        return text_response(errorpage::overlay_css(), "text/css; charset=utf-8");
    }
    // Everything this answer reads, it reads from one tree, and the status
    // is the one of that tree (see `Shared::tree`).
    let tree = shared.tree.read().unwrap_or_else(|e| e.into_inner());
    let (id, good, failure) = shared.status();
    if !good {
        if let Some(f) = &failure {
            if wants_page(url) {
                let page = errorpage::page(f, id).into_bytes();
                return html_response(livereload::with_script(page), 500);
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
            html_response(livereload::with_script(overlay(bytes)), 200)
        }
        Ok((p, bytes)) => tiny_http::Response::from_data(bytes)
            .with_header(header(
                "Content-Type",
                crate::render::mime::content_type(&p.to_string_lossy()),
            ))
            .boxed(),
        // The 404 page reloads only to lose its overlay.
        Err(not_found) if failure.is_some() => {
            html_response(livereload::with_script(overlay(not_found)), 404)
        }
        Err(not_found) => html_response(not_found, 404),
    }
}
