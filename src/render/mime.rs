//! The media type of each kind of file the site holds: what `serve` answers
//! with and what a snapshot's WARC and WACZ records say a file is. One table,
//! so a preview and an archive never disagree about a file.

/// The `Content-Type` of the file at `path` (by its extension).
pub fn content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let extension = name.rsplit_once('.').map_or("", |(_, e)| e);
    match extension {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" | "sha256" | "yaml" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "csv" => "text/csv; charset=utf-8",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_extension() {
        assert_eq!(
            content_type("en/tasks/index.html"),
            "text/html; charset=utf-8"
        );
        assert_eq!(content_type("MANIFEST.sha256"), "text/plain; charset=utf-8");
        assert_eq!(content_type("files/intake.png"), "image/png");
        assert_eq!(
            content_type("data/plan.xlsx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );
        // No extension, or a dot only in a folder's name.
        assert_eq!(content_type("LICENSE"), "application/octet-stream");
        assert_eq!(content_type("v1.2/LICENSE"), "application/octet-stream");
    }
}
