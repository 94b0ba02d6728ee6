//! The search index: Pagefind, run in-process over the rendered pages. It
//! segments Chinese at index time (ICU) and keeps a separate index per
//! `<html lang>`, so 濑溪河 and "Laixi River" are each found in their own
//! language. Only pages whose `<main>` carries `data-pagefind-body` (tasks,
//! key tasks, projects, indicators, agencies, rivers) are indexed. The browser
//! loads the index in chunks, and only when the reader searches.

use super::OutFile;
use anyhow::{anyhow, Result};
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

/// Whether the search index takes this file: an HTML page whose `<main>`
/// carries `data-pagefind-body`.
pub fn indexable(path: &str, html: &[u8]) -> bool {
    path.ends_with(".html")
        && html
            .windows(b"data-pagefind-body".len())
            .any(|w| w == b"data-pagefind-body")
}

/// Index the HTML pages among `files` and return the index's files (under `pagefind/`).
pub fn index(files: &[OutFile]) -> Result<Vec<OutFile>> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .keep_index_url(false)
            .build();
        let mut index =
            PagefindIndex::new(Some(config)).map_err(|e| anyhow!("search index: {e}"))?;
        for f in files.iter().filter(|f| f.path.ends_with(".html")) {
            let html = String::from_utf8_lossy(&f.bytes);
            if !html.contains("data-pagefind-body") {
                continue;
            }
            let url = format!("/{}", f.path.trim_end_matches("index.html"));
            index
                .add_html_file(None, Some(url), html.into_owned())
                .await
                .map_err(|e| anyhow!("search index: {}: {e}", f.path))?;
        }
        let out = index
            .get_files()
            .await
            .map_err(|e| anyhow!("search index: {e}"))?;
        let mut files: Vec<OutFile> = out
            .into_iter()
            .map(|f| OutFile {
                path: format!(
                    "pagefind/{}",
                    f.filename.to_string_lossy().replace('\\', "/")
                ),
                bytes: f.contents,
            })
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    })
}

/// The snapshot's search index as a script (`search/index-data.js` per
/// language), since a browser opening the folder from a disk cannot fetch
/// Pagefind's index: page address (relative to the search page), title and
/// text of every page Pagefind would index. The search script matches
/// substrings, which needs no word segmentation for Chinese. Results come
/// in index order, so the index lists tasks first, then key tasks,
/// projects, indicators, rivers and agencies, each by number.
pub fn offline_index(files: &[OutFile]) -> Vec<OutFile> {
    let mut by_lang: std::collections::BTreeMap<&str, Vec<serde_json::Value>> = Default::default();
    let mut files: Vec<&OutFile> = files.iter().filter(|f| f.path.ends_with(".html")).collect();
    files.sort_by_cached_key(|f| result_order(&f.path));
    for f in files {
        let html = String::from_utf8_lossy(&f.bytes);
        let Some(body) = html
            .split("data-pagefind-body")
            .nth(1)
            .and_then(|b| b.split_once('>'))
            .and_then(|(_, b)| b.split("</main>").next())
        else {
            continue;
        };
        let title = html
            .split("<h1>")
            .nth(1)
            .and_then(|t| t.split("</h1>").next())
            .map(strip_tags)
            .unwrap_or_default();
        let (lang, path) = match f.path.strip_prefix("en/") {
            Some(p) => ("en/", p),
            None => ("", f.path.as_str()),
        };
        by_lang.entry(lang).or_default().push(
            serde_json::json!({"u": format!("../{path}"), "t": title, "x": strip_tags(body)}),
        );
    }
    by_lang
        .into_iter()
        .map(|(lang, pages)| OutFile {
            path: format!("{lang}search/index-data.js"),
            bytes: format!(
                "window.GONGKAI_INDEX={};\n",
                serde_json::Value::Array(pages)
            )
            .into_bytes(),
        })
        .collect()
}

/// Where a page comes among offline search results: by kind, then by the
/// numbers in its path (tasks/2/ before tasks/10/).
fn result_order(path: &str) -> (usize, Vec<(u64, String)>) {
    const KINDS: [&str; 6] = [
        "tasks",
        "key-tasks",
        "projects",
        "indicators",
        "rivers",
        "agencies",
    ];
    let path = path.strip_prefix("en/").unwrap_or(path);
    let mut parts = path.split('/');
    let kind = parts.next().unwrap_or("");
    let rank = KINDS.iter().position(|k| *k == kind).unwrap_or(KINDS.len());
    let rest = parts
        .map(|p| (p.parse().unwrap_or(u64::MAX), p.to_string()))
        .collect();
    (rank, rest)
}

/// Text of an HTML fragment: tags removed, entities of our own escaping
/// decoded, white space collapsed.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let text = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offline_results_list_tasks_first_by_number() {
        let page = |path: &str| OutFile {
            path: path.into(),
            bytes: format!("<h1>{path}</h1><main data-pagefind-body>河</main>").into_bytes(),
        };
        let files = [
            page("agencies/water/index.html"),
            page("tasks/10/index.html"),
            page("key-tasks/2022/3/index.html"),
            page("tasks/2/index.html"),
        ];
        let out = offline_index(&files);
        let js = String::from_utf8_lossy(&out[0].bytes);
        let order: Vec<usize> = ["tasks/2/", "tasks/10/", "key-tasks/", "agencies/"]
            .iter()
            .map(|p| js.find(&format!("\"../{p}")).unwrap())
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{js}");
    }
}
