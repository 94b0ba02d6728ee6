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
