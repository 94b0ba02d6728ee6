//! How open pages reload the moment a rebuild has written them: each page
//! `serve` sends carries a script that waits on `/__gongkai/wait` (a long
//! poll) with the page's path and a token of the page as it has it (a hash
//! of its file and of the errors shown). The server answers as soon as the
//! token changes, and the page reloads; no polling interval stands between
//! the write and the reload. The paths waited on are the pages open in a
//! browser, which a rebuild makes first (see `serve::rebuild`).
//!
//! Only `serve` sends the script (injected into each page it serves); the
//! built site has no development code.

use super::Shared;
use std::collections::{BTreeSet, HashMap};
use std::time::{Duration, Instant};

/// How long a wait is held before it is answered unchanged (the page asks again).
const HOLD: Duration = Duration::from_secs(20);

/// A page counts as open this long after it last waited.
const OPEN_FOR: Duration = Duration::from_secs(60);

/// The script. A page that carries the id it was made for (the error page,
/// the overlay) reloads if a build finished before its first wait.
pub const SCRIPT: &str = r#"(function () {
  var at = document.querySelector("[data-gongkai-build-id]");
  var id = at ? at.getAttribute("data-gongkai-build-id") : null;
  var token = null;
  function wait() {
    var q = "/__gongkai/wait?path=" + encodeURIComponent(location.pathname);
    if (token !== null) q += "&token=" + token;
    fetch(q, { cache: "no-store" })
      .then(function (r) { return r.text(); })
      .then(function (t) {
        var parts = t.split(" ");
        if (token === null && id !== null && parts[0] !== id) return location.reload();
        if (token !== null && parts[1] !== token) return location.reload();
        token = parts[1];
        wait();
      })
      .catch(function () { setTimeout(wait, 1000); });
  }
  wait();
})();"#;

/// `html` with the script's tag before its `</body>`.
pub fn with_script(html: Vec<u8>) -> Vec<u8> {
    let tag = b"<script src=/__gongkai/livereload.js></script>";
    match html.windows(7).rposition(|w| w == b"</body>") {
        Some(i) => [&html[..i], tag, &html[i..]].concat(),
        None => [&html[..], tag].concat(),
    }
}

/// The pages open in a browser: output file → when it last waited.
#[derive(Default)]
pub struct OpenPages(std::sync::Mutex<HashMap<String, Instant>>);

impl OpenPages {
    fn saw(&self, file: &str) {
        let mut open = self.0.lock().unwrap_or_else(|e| e.into_inner());
        open.insert(file.to_string(), Instant::now());
    }

    /// The files of the pages open now.
    pub fn files(&self) -> BTreeSet<String> {
        let mut open = self.0.lock().unwrap_or_else(|e| e.into_inner());
        open.retain(|_, at| at.elapsed() < OPEN_FOR);
        open.keys().cloned().collect()
    }
}

/// The output file a page's URL path is served from (`/tasks/8/` →
/// `tasks/8/index.html`), as the output names it.
pub fn file_of(url_path: &str) -> String {
    let path = url_path.split(['?', '#']).next().unwrap_or("/");
    let rel: Vec<&str> = path
        .split('/')
        .filter(|s| !s.is_empty() && *s != "." && *s != "..")
        .collect();
    let rel = rel.join("/");
    let last = rel.rsplit('/').next().unwrap_or("");
    if rel.is_empty() {
        "index.html".into()
    } else if last.contains('.') {
        rel
    } else {
        format!("{rel}/index.html")
    }
}

/// The value of `key` in a query string, percent-decoded.
fn query(url: &str, key: &str) -> Option<String> {
    let q = url.split_once('?')?.1;
    let v = q
        .split('&')
        .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))?;
    let bytes = v.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// The answer to `/__gongkai/wait?path=P[&token=T]`: "ID TOKEN", at once
/// without a token, else once the page's token is no longer `T` (or after
/// `HOLD`, unchanged).
pub fn wait(shared: &Shared, url: &str) -> String {
    let file = file_of(&query(url, "path").unwrap_or_else(|| "/".into()));
    shared.open.saw(&file);
    let given = query(url, "token");
    let end = Instant::now() + HOLD;
    let mut generation = shared.generation();
    loop {
        let (id, token) = shared.token(&file);
        if given.as_deref() != Some(token.as_str()) || Instant::now() >= end {
            return format!("{id} {token}");
        }
        shared.open.saw(&file);
        generation = shared.wait_change(generation, end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_path_names_its_file_and_queries_decode() {
        assert_eq!(file_of("/"), "index.html");
        assert_eq!(file_of("/en/tasks/8/"), "en/tasks/8/index.html");
        assert_eq!(file_of("/en/tasks/8"), "en/tasks/8/index.html");
        assert_eq!(file_of("/404.html?x"), "404.html");
        assert_eq!(file_of("/../../etc/passwd"), "etc/passwd/index.html");
        let url = "/__gongkai/wait?path=%2Fen%2Ftasks%2F8%2F&token=ab";
        assert_eq!(query(url, "path").as_deref(), Some("/en/tasks/8/"));
        assert_eq!(query(url, "token").as_deref(), Some("ab"));
        assert_eq!(query(url, "nothing"), None);
    }
}
