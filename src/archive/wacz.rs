//! WACZ 1.1.1 (Web Archive Collection Zipped), as `wacz validate` reads it: a
//! ZIP holding `archive/YEAR.warc.gz` (each record its own gzip member,
//! stored uncompressed so a replay tool can read records by offset),
//! `indexes/index.cdxj` (one line per response record: SURT key, 14-digit
//! time stamp, JSON with the offset and length of its gzip member),
//! `pages/pages.jsonl` (every HTML page with its title), `datapackage.json`
//! (every other file's path, size and sha256) and `datapackage-digest.json`
//! (the sha256 of `datapackage.json`). `created` is the snapshot's date, not
//! the clock, so the same snapshot gives the same bytes.

use super::pack::{self, Method};
use super::warc;
use super::{hex, timestamp, SnapshotInfo};
use crate::render::OutFile;
use anyhow::Result;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// The SURT form of an absolute URL, as CDX indexes sort by it (and as the
/// Python `surt` package writes it for the URLs a snapshot has): scheme
/// dropped, host lowercased without `www.`, its labels reversed and joined
/// by commas, a port other than the scheme's default kept, then `)` and the
/// lowercased path without a trailing slash.
pub fn surt(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("http", url));
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => (h, Some(p)),
        _ => (authority, None),
    };
    let host = host.to_ascii_lowercase();
    let host = match host.strip_prefix("www") {
        Some(rest) => {
            let digits = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            digits.strip_prefix('.').map_or(host.as_str(), |h| h)
        }
        None => host.as_str(),
    };
    let mut key: Vec<&str> = host.split('.').collect();
    key.reverse();
    let mut out = key.join(",");
    let default_port = match scheme.to_ascii_lowercase().as_str() {
        "https" => "443",
        _ => "80",
    };
    if let Some(p) = port.filter(|p| *p != default_port) {
        out.push(':');
        out.push_str(p);
    }
    out.push(')');
    let path = path.to_lowercase();
    let path = if path.len() > 1 {
        path.trim_end_matches('/')
    } else {
        &path
    };
    out.push_str(path);
    out
}

/// The text of the page's `<title>`, with the five XML entities decoded.
fn title(html: &[u8]) -> Option<String> {
    let s = std::str::from_utf8(html).ok()?;
    let start = s.find("<title>")? + "<title>".len();
    let end = start + s[start..].find("</title>")?;
    Some(
        s[start..end]
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
            .trim()
            .to_string(),
    )
}

/// The WACZ of the snapshot `files`, served under `base` (absolute, ending
/// in `/`: the snapshot folder's address).
pub fn wacz(info: &SnapshotInfo, base: &str, files: &[OutFile]) -> Result<Vec<u8>> {
    let ts = timestamp(info);
    let ts14 = format!("{}000000", info.as_of.replace('-', ""));
    let warc_name = format!("{}.warc.gz", info.year);
    let records = warc::records(info, base, &warc_name, files);
    let (warc_gz, spans) = warc::gzipped(&records)?;

    let mut index: Vec<(String, String)> = records
        .iter()
        .zip(&spans)
        .filter_map(|(r, (offset, length))| {
            let resp = r.response.as_ref()?;
            let key = surt(&resp.url);
            let fields = json!({
                "url": resp.url,
                "mime": resp.mime,
                "status": "200",
                "digest": resp.digest,
                "length": length.to_string(),
                "offset": offset.to_string(),
                "filename": warc_name,
            });
            Some((key, fields.to_string()))
        })
        .collect();
    index.sort();
    let cdxj: String = index
        .iter()
        .map(|(key, fields)| format!("{key} {ts14} {fields}\n"))
        .collect();

    let mut pages =
        json!({"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}).to_string();
    pages.push('\n');
    for f in files.iter().filter(|f| f.path.ends_with(".html")) {
        let url = format!("{base}{}", f.path);
        let mut page = json!({
            "id": hex(&Sha256::digest(url.as_bytes())[..16]),
            "url": url,
            "ts": ts,
        });
        if let Some(t) = title(&f.bytes) {
            page["title"] = Value::String(t);
        }
        pages.push_str(&page.to_string());
        pages.push('\n');
    }

    let entries: Vec<(String, Vec<u8>, Method)> = vec![
        (format!("archive/{warc_name}"), warc_gz, Method::Stored),
        (
            "indexes/index.cdxj".into(),
            cdxj.into_bytes(),
            Method::Deflated,
        ),
        (
            "pages/pages.jsonl".into(),
            pages.into_bytes(),
            Method::Deflated,
        ),
    ];
    let resources: Vec<Value> = entries
        .iter()
        .map(|(path, bytes, _)| {
            json!({
                "name": path.rsplit('/').next().unwrap_or(path),
                "path": path,
                "hash": format!("sha256:{}", hex(&Sha256::digest(bytes))),
                "bytes": bytes.len(),
            })
        })
        .collect();
    let home = files.iter().find(|f| f.path == "index.html");
    let mut package = json!({
        "profile": "data-package",
        "resources": resources,
    });
    // A page's title ends with the site's name ("页面 - 网站"): the package takes the name.
    if let Some(t) = home.and_then(|f| title(&f.bytes)) {
        let site = t.rsplit(" - ").next().unwrap_or(&t).to_string();
        package["title"] = Value::String(format!(
            "{site} ({} snapshot, as of {})",
            info.year, info.as_of
        ));
    }
    package["description"] = Value::String(format!(
        "Snapshot {} of the portal as of {} (commit {})",
        info.year,
        info.as_of,
        info.commit.as_deref().unwrap_or("none")
    ));
    if home.is_some() {
        package["mainPageURL"] = Value::String(format!("{base}index.html"));
        package["mainPageDate"] = Value::String(ts.clone());
    }
    package["created"] = Value::String(ts.clone());
    package["wacz_version"] = Value::String("1.1.1".into());
    package["software"] = Value::String(format!("gongkai {}", env!("CARGO_PKG_VERSION")));
    let package = serde_json::to_string_pretty(&package)? + "\n";
    let digest = serde_json::to_string_pretty(&json!({
        "path": "datapackage.json",
        "hash": format!("sha256:{}", hex(&Sha256::digest(package.as_bytes()))),
    }))? + "\n";

    let mut all: Vec<(&str, &[u8], Method)> = entries
        .iter()
        .map(|(p, b, m)| (p.as_str(), b.as_slice(), *m))
        .collect();
    all.push(("datapackage.json", package.as_bytes(), Method::Deflated));
    all.push((
        "datapackage-digest.json",
        digest.as_bytes(),
        Method::Deflated,
    ));
    pack::zip(&all, &info.as_of)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surt_keys_match_the_python_surt_package() {
        // Each expected key is what `surt.surt(url)` (surt 0.3.1) prints.
        for (url, key) in [
            (
                "http://127.0.0.1:18765/archive/2022/a.html",
                "1,0,0,127:18765)/archive/2022/a.html",
            ),
            (
                "https://www.Example.gov.cn/ghjh/archive/2022/A.html",
                "cn,gov,example)/ghjh/archive/2022/a.html",
            ),
            ("https://example.gov.cn:443/x/", "cn,gov,example)/x"),
            ("http://example.gov.cn/", "cn,gov,example)/"),
        ] {
            assert_eq!(surt(url), key, "{url}");
        }
    }

    #[test]
    fn titles_are_read_and_unescaped() {
        assert_eq!(
            title(b"<head><title>A &amp; B</title>").as_deref(),
            Some("A & B")
        );
        assert_eq!(title(b"<p>no title"), None);
    }
}
