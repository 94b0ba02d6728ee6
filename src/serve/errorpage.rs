//! What `serve` shows when a build fails, so nobody is left guessing why a
//! page did not change: while no build of the session has succeeded, every
//! page is a list of the errors (`page`); after that, the pages of the last
//! good build carry the same list over them (`overlay`). The list is the text
//! the terminal printed, HTML-escaped, line for line. Both carry the build id,
//! so the live-reload script reloads them once the errors change or are gone.

use crate::diagnostics::Failed;
use crate::views::esc;

/// A failed build, as the terminal printed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// One entry per error (a diagnostic, or an internal error), as
    /// printed: a diagnostic's source line and caret follow its first line,
    /// and its `help:` is its last.
    pub errors: Vec<String>,
    /// The closing count ("2 errors"), if the terminal printed one.
    pub summary: Option<String>,
    /// The warnings printed with the errors, listed after them.
    pub warnings: Vec<String>,
}

impl Failure {
    /// The diagnostics of a failed build.
    pub fn of(f: &Failed) -> Failure {
        let (mut errors, mut warnings) = (Vec::new(), Vec::new());
        for (d, shown) in f.0.iter().zip(f.rendered()) {
            if d.warning {
                warnings.push(shown);
            } else {
                errors.push(shown);
            }
        }
        Failure {
            errors,
            summary: Some(f.summary()),
            warnings,
        }
    }

    /// A failure that is not in the content (the output folder could not be
    /// written, for instance), printed as `error: …`.
    pub fn internal(message: String) -> Failure {
        Failure {
            errors: vec![message],
            summary: None,
            warnings: Vec::new(),
        }
    }
}

/// One line of a diagnostic, with its place, level, caret and help marked
/// for styling; its text is unchanged.
fn line(line: &str) -> String {
    if let Some(help) = line.strip_prefix("  help: ") {
        return format!("  <span class=gk-help>help:</span> {}", esc(help));
    }
    // A source line (`12 | …`) is the user's text, whatever it says.
    let number = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if number > 0 && line[number..].starts_with(" |") {
        return esc(line);
    }
    // Under a source line: `   = help: …` and `   |    ^^^`, after the gutter.
    let gutter = line.len() - line.trim_start_matches(' ').len();
    let (pad, rest) = line.split_at(gutter);
    if let Some(help) = rest.strip_prefix("= help: ") {
        return format!("{pad}= <span class=gk-help>help:</span> {}", esc(help));
    }
    if let Some(carets) = rest.strip_prefix("| ") {
        let (before, marks) = carets.split_at(carets.len() - carets.trim_start().len());
        if !marks.is_empty() && marks.chars().all(|c| c == '^') {
            return format!("{pad}| {before}<span class=gk-error>{marks}</span>");
        }
    }
    for level in ["error", "warning"] {
        if let Some(rest) = line.strip_prefix(&format!("{level}: ")) {
            return format!("<b class=gk-{level}>{level}</b>: {}", esc(rest));
        }
        if let Some((at, rest)) = line.split_once(&format!(": {level}: ")) {
            return format!(
                "<span class=gk-at>{}</span>: <b class=gk-{level}>{level}</b>: {}",
                esc(at),
                esc(rest)
            );
        }
    }
    esc(line)
}

fn items(items: &[String]) -> String {
    let mut out = String::from("<ol class=gk-list>");
    for item in items {
        let lines: Vec<String> = item.lines().map(line).collect();
        out.push_str(&format!("<li><pre>{}</pre></li>", lines.join("\n")));
    }
    out.push_str("</ol>");
    out
}

/// The errors and their count, then the warnings (folded), shared by the
/// page and the overlay.
fn list(f: &Failure) -> String {
    let mut out = items(&f.errors);
    if let Some(s) = &f.summary {
        out.push_str(&format!("<p class=gk-count>{}</p>", esc(s)));
    }
    if !f.warnings.is_empty() {
        out.push_str(&format!(
            "<details class=gk-warnings><summary>警告 / <span lang=en>Warnings</span> ({})</summary>{}</details>",
            f.warnings.len(),
            items(&f.warnings)
        ));
    }
    out
}

/// Styles of the list, for both the page and the overlay (scoped to them).
const LIST_CSS: &str = "\
.gk-list{list-style:none;margin:0;padding:0}\
.gk-list li{margin:0 0 .75rem;padding:.6rem .8rem;background:#fff;border:1px solid #e3b3b3;border-left:4px solid #b3261e;border-radius:4px}\
.gk-list pre{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,\"Noto Sans Mono CJK SC\",monospace;color:#1f1f1f;background:none;border:0;padding:0}\
.gk-at{font-weight:600}\
.gk-error{color:#b3261e}\
.gk-warning{color:#8a5a00}\
.gk-help{color:#0b57d0;font-weight:600}\
.gk-count{font-weight:600;margin:.5rem 0 0}\
.gk-warnings{margin:.75rem 0 0}\
.gk-warnings summary{cursor:pointer;font-weight:600;color:#8a5a00}\
.gk-warnings li{border-left-color:#8a5a00;border-color:#e5d3a8}";

/// Served at `/__gongkai/build-failed.css` for the overlay: the portal's
/// pages allow only stylesheets of their own site, no inline styles.
pub fn overlay_css() -> String {
    format!(
        "#gongkai-build-failed{{all:initial;position:fixed;left:0;right:0;bottom:0;z-index:2147483647;\
max-height:60vh;overflow:auto;box-sizing:border-box;padding:.75rem 1rem;background:#fdf2f2;\
border-top:4px solid #b3261e;box-shadow:0 -2px 12px rgba(0,0,0,.25);\
font:15px/1.5 system-ui,-apple-system,\"Segoe UI\",\"Noto Sans CJK SC\",\"Microsoft YaHei\",sans-serif;color:#1f1f1f}}\
#gongkai-build-failed details{{display:block;margin:0;padding:0}}\
#gongkai-build-failed>details>summary{{display:list-item;cursor:pointer;font-weight:600;color:#8c1d18}}\
#gongkai-build-failed summary:focus-visible{{outline:3px solid #0b57d0;outline-offset:2px}}\
#gongkai-build-failed p{{margin:.5rem 0}}\
#gongkai-build-failed>details:not([open]){{font-size:14px}}\
{LIST_CSS}"
    )
}

/// The page served for every page while no build has succeeded.
pub fn page(f: &Failure, id: u64) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>构建失败 / Build failed</title>\n<style>\
body{{margin:0;background:#fdf2f2;color:#1f1f1f;font:16px/1.6 system-ui,-apple-system,\"Segoe UI\",\"Noto Sans CJK SC\",\"Microsoft YaHei\",sans-serif}}\
main{{max-width:60rem;margin:0 auto;padding:1.5rem 1rem 3rem}}\
h1{{color:#8c1d18;font-size:1.6rem;margin:0 0 .5rem}}\
p{{margin:.4rem 0}}.gk-why{{margin-bottom:1.25rem}}{LIST_CSS}\
</style>\n</head>\n<body data-gongkai-build-id=\"{id}\">\n<main>\n\
<h1>构建失败 / <span lang=\"en\">Build failed</span></h1>\n\
<div class=gk-why><p>网站还没有构建成功。请改正下列问题并保存，本页会自动刷新。</p>\n\
<p lang=\"en\">The site has not been built yet. Fix the problems below and save: this page reloads by itself.</p></div>\n\
{}\n</main>\n</body>\n</html>\n",
        list(f)
    )
}

/// The overlay put into each page of the last good build while the latest
/// build has failed. A `<details>` element: a click on its title folds it
/// into one line, which keeps saying that the page is not up to date.
pub fn overlay(f: &Failure, id: u64) -> String {
    format!(
        "<aside id=gongkai-build-failed data-gongkai-build-id=\"{id}\" lang=zh-CN aria-label=\"构建失败 / Build failed\">\
<link rel=stylesheet href=/__gongkai/build-failed.css>\
<details open><summary>构建失败 / <span lang=en>Build failed</span>: \
本页是上一次成功构建的版本 / <span lang=en>this page is the last good build</span></summary>\
<p>请改正下列问题并保存，页面会自动刷新；点上面的标题可收起本栏。 \
<span lang=en>Fix the problems below and save: the page reloads by itself. Click the title above to fold this away.</span></p>\
{}</details></aside>",
        list(f)
    )
}

/// `html` with `overlay` first in its body.
pub fn with_overlay(html: &[u8], overlay: &str) -> Vec<u8> {
    let body = html
        .windows(5)
        .position(|w| w == b"<body")
        .and_then(|i| html[i..].iter().position(|&b| b == b'>').map(|j| i + j + 1));
    match body {
        Some(i) => [&html[..i], overlay.as_bytes(), &html[i..]].concat(),
        None => [overlay.as_bytes(), html].concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostic;

    fn failure() -> Failure {
        Failure::of(&Failed(vec![
            Diagnostic::new("content/a.md", 3, 7, "raw HTML `<script>` & \"quotes\"")
                .with_help("remove <script>"),
            Diagnostic::file("content/b.yaml", "cannot read it"),
            Diagnostic::file("content/c.md", "no English").warning(),
        ]))
    }

    /// The text of an HTML fragment without its tags and with entities decoded.
    fn text(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    #[test]
    fn the_list_reads_exactly_as_the_terminal_and_escapes_markup() {
        let f = failure();
        let html = list(&f);
        assert!(!html.contains("<script>"), "{html}");
        let printed =
            "content/a.md:3:7: error: raw HTML `<script>` & \"quotes\"\n  help: remove <script>";
        assert!(text(&html).contains(printed), "{}", text(&html));
        assert!(text(&html).contains("content/b.yaml: error: cannot read it"));
        assert!(
            html.contains("<p class=gk-count>2 errors</p><details class=gk-warnings>"),
            "{html}"
        );
        assert!(
            text(&html).contains("(1)content/c.md: warning: no English"),
            "{}",
            text(&html)
        );
        assert!(text(&line("error: the output folder is gone")).starts_with("error: the output"));
    }

    #[test]
    fn the_spot_under_a_diagnostic_reads_as_printed_with_its_caret_and_help_marked() {
        let printed = "a.yaml:2:3: error: x\n  |\n2 | a: [b] # error: z\n  |    ^\n  = help: y <z>";
        let html: Vec<String> = printed.lines().map(line).collect();
        assert_eq!(html[2], "2 | a: [b] # error: z");
        assert_eq!(html[3], "  |    <span class=gk-error>^</span>");
        assert_eq!(html[4], "  = <span class=gk-help>help:</span> y &lt;z&gt;");
        assert_eq!(text(&html.join("\n")), printed);
    }

    #[test]
    fn the_page_and_the_overlay_carry_the_build_id_and_no_outside_request() {
        let f = failure();
        let page = page(&f, 7);
        assert!(page.contains("<body data-gongkai-build-id=\"7\">"));
        assert!(page.contains("构建失败 / <span lang=\"en\">Build failed</span>"));
        assert!(page.ends_with("</body>\n</html>\n"));
        let overlay = overlay(&f, 8);
        assert!(overlay.contains("data-gongkai-build-id=\"8\""));
        assert!(overlay.contains("last good build"));
        for html in [&page, &overlay] {
            assert!(
                !html.contains("http"),
                "no request leaves the server: {html}"
            );
        }
    }

    #[test]
    fn the_overlay_goes_first_in_the_body() {
        let got = with_overlay(
            b"<html><body class=x><p>a</p></body></html>",
            "<aside></aside>",
        );
        assert_eq!(
            String::from_utf8(got).unwrap(),
            "<html><body class=x><aside></aside><p>a</p></body></html>"
        );
        assert_eq!(with_overlay(b"<p>a</p>", "<i></i>"), b"<i></i><p>a</p>");
    }
}
