//! Diagnostics for problems in files that people edit: content YAML, markdown,
//! templates and the source document. Each one names the file, line and column,
//! says what is wrong and may carry one `help:` line (a did-you-mean). They are
//! collected across a whole run and printed together, so a staff member sees
//! every mistake at once instead of fixing them one build at a time.
//!
//! Printed, a diagnostic with a position shows the spot as cargo does: the
//! source line under the headline, with a caret under the column (a wide
//! CJK character takes two columns, a tab four), then the help:
//!
//! ```text
//! content/plan/tasks.yaml:12:10: error: unknown agency `watr`
//!    |
//! 12 |   lead: [watr]
//!    |          ^^^^
//!    = help: did you mean `water`?
//! ```
//!
//! The source is read when the diagnostic is printed, once per file
//! ([`Sources`]); a file that cannot be read as text (gone, binary, too
//! large), a whole-file diagnostic or a line past the end prints without the
//! snippet, as `file: error: message` and `  help: …`.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use unicode_width::UnicodeWidthChar;

/// One problem in a user-edited file. `line` and `column` are 1-based; 0 means
/// "the whole file" (e.g. an unreadable file).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub file: PathBuf,
    pub line: u64,
    pub column: u64,
    pub message: String,
    pub help: Option<String>,
    /// A warning is printed but does not fail the run.
    pub warning: bool,
}

impl Diagnostic {
    pub fn new(file: impl AsRef<Path>, line: u64, column: u64, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.as_ref().to_path_buf(),
            line,
            column,
            message: message.into(),
            help: None,
            warning: false,
        }
    }

    /// A problem with a whole file rather than a spot in it.
    pub fn file(file: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Self::new(file, 0, 0, message)
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn warning(mut self) -> Self {
        self.warning = true;
        self
    }

    pub fn with_help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }
}

impl Diagnostic {
    /// `file:line:column: level: message`, or `file: level: message` for a
    /// whole file: the first line as printed, which tools and tests match.
    pub fn headline(&self) -> String {
        let file = self.file.display();
        let level = if self.warning { "warning" } else { "error" };
        if self.line == 0 {
            format!("{file}: {level}: {}", self.message)
        } else {
            format!(
                "{file}:{}:{}: {level}: {}",
                self.line, self.column, self.message
            )
        }
    }

    /// The diagnostic as printed: the headline, the spot in the source (when
    /// `sources` has the line) and the help.
    pub fn render(&self, sources: &mut Sources) -> String {
        let mut out = self.headline();
        let source_line = match self.line {
            0 => None,
            n => sources.line(&self.file, n),
        };
        match source_line {
            Some(text) => {
                let spot = Spot::new(self.line, text, self.column);
                out.push('\n');
                out.push_str(&spot.lines());
                if let Some(help) = &self.help {
                    out.push_str(&format!("\n{} = help: {help}", spot.pad()));
                }
            }
            None => {
                if let Some(help) = &self.help {
                    out.push_str(&format!("\n  help: {help}"));
                }
            }
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(&mut Sources::default()))
    }
}

/// No file a person edits is larger (see `load::MAX_FILE_BYTES`); a larger
/// one is not read again just to show a line of it.
const MAX_SOURCE_BYTES: u64 = 32 * 1024 * 1024;

/// The text of the files diagnostics point into, each read once, when the
/// first diagnostic in it is printed.
#[derive(Default)]
pub struct Sources {
    files: HashMap<PathBuf, Option<Source>>,
}

/// One file's text and where each of its lines starts.
struct Source {
    text: String,
    starts: Vec<usize>,
}

impl Source {
    /// The text, if it is a text file: UTF-8 without NUL bytes (a sheet, an
    /// image or a zip has no line to show).
    fn read(path: &Path) -> Option<Source> {
        if std::fs::metadata(path).ok()?.len() > MAX_SOURCE_BYTES {
            return None;
        }
        let text = String::from_utf8(std::fs::read(path).ok()?).ok()?;
        Some(Source::of(text)).filter(|s| !s.text.contains('\0'))
    }

    fn of(text: String) -> Source {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Source { text, starts }
    }

    /// Line `n` (1-based) without its line end.
    fn line(&self, n: u64) -> Option<&str> {
        let i = usize::try_from(n).ok()?.checked_sub(1)?;
        let start = *self.starts.get(i)?;
        let end = self.starts.get(i + 1).map_or(self.text.len(), |e| e - 1);
        if start > self.text.len() || (start == self.text.len() && i > 0) {
            return None; // past the last line
        }
        let line = &self.text[start..end.max(start)];
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

impl Sources {
    /// Sources that already hold `file` with `text` (tests give the text
    /// instead of writing a file).
    #[cfg(test)]
    fn with(file: &str, text: &str) -> Sources {
        let mut s = Sources::default();
        s.files
            .insert(PathBuf::from(file), Some(Source::of(text.to_string())));
        s
    }

    /// Line `n` of `file`, if the file can be read as text and has it.
    pub fn line(&mut self, file: &Path, n: u64) -> Option<&str> {
        self.files
            .entry(file.to_path_buf())
            .or_insert_with(|| Source::read(file))
            .as_ref()?
            .line(n)
    }
}

/// Source lines wider than this (in terminal columns) are cut around the
/// spot, so the caret line does not wrap away from its line.
const MAX_SHOWN: usize = 100;
/// How much of a cut line is shown before the spot.
const SHOWN_BEFORE: usize = 40;
/// A tab is shown as this many spaces (as cargo does), so the caret lines up
/// whatever the terminal's tab stops.
const TAB: &str = "    ";

/// The lines that show one spot of a source line, cargo-style.
struct Spot {
    number: u64,
    /// The line as shown (tabs expanded, cut if long).
    shown: String,
    /// Columns before the caret, and the caret's width.
    offset: usize,
    carets: usize,
}

impl Spot {
    /// The spot at `column` (1-based, in characters) of `text`, line `number`.
    /// A column past the end of the line points just after it.
    fn new(number: u64, text: &str, column: u64) -> Spot {
        // Each character as shown, with its width in terminal columns.
        let cells: Vec<(String, usize)> = text
            .chars()
            .map(|c| match c {
                '\t' => (TAB.to_string(), TAB.len()),
                c if c.is_control() => ('\u{fffd}'.to_string(), 1),
                c => (c.to_string(), c.width().unwrap_or(0)),
            })
            .collect();
        let chars: Vec<char> = text.chars().collect();
        let start = usize::try_from(column.max(1) - 1)
            .unwrap_or(usize::MAX)
            .min(chars.len());
        let end = start + token_len(&chars[start..]);
        // Columns before each character (and after the last), so any width
        // is one subtraction, however long the line.
        let before: Vec<usize> = std::iter::once(0)
            .chain(cells.iter().scan(0, |sum, c| {
                *sum += c.1;
                Some(*sum)
            }))
            .collect();
        let width = |r: std::ops::Range<usize>| before[r.end] - before[r.start];
        let total = width(0..cells.len());
        // The shown window [from, to) of the characters.
        let (mut from, mut to) = (0, cells.len());
        if total > MAX_SHOWN {
            while from < start && width(from..start) > SHOWN_BEFORE {
                from += 1;
            }
            to = from;
            while to < cells.len() && width(from..to + 1) <= MAX_SHOWN {
                to += 1;
            }
            to = to.max(start.min(cells.len()));
        }
        let cut_before = if from > 0 { "..." } else { "" };
        let cut_after = if to < cells.len() { "..." } else { "" };
        let body: String = cells[from..to].iter().map(|c| c.0.as_str()).collect();
        let end = end.min(to);
        Spot {
            number,
            shown: format!("{cut_before}{body}{cut_after}"),
            offset: cut_before.len() + width(from..start.max(from)),
            carets: if end > start {
                width(start..end).max(1)
            } else {
                1
            },
        }
    }

    /// The gutter's blank: as wide as the line number.
    fn pad(&self) -> String {
        " ".repeat(self.number.to_string().len())
    }

    fn lines(&self) -> String {
        let pad = self.pad();
        let code = format!("{} | {}", self.number, self.shown);
        let caret = format!(
            "{pad} | {}{}",
            " ".repeat(self.offset),
            "^".repeat(self.carets)
        );
        format!("{pad} |\n{}\n{caret}", code.trim_end())
    }
}

/// How many characters the caret covers at the start of `rest`: a word of
/// ASCII letters, digits, `-` and `_` (an id, a number, a key), a quoted
/// string up to its closing quote, or else one character (a CJK character
/// is a word by itself: Chinese has no spaces to end a word at).
fn token_len(rest: &[char]) -> usize {
    let word = |c: &char| c.is_ascii_alphanumeric() || *c == '-' || *c == '_';
    match rest.first() {
        None => 0,
        Some(c) if c.is_ascii_alphanumeric() || *c == '_' => {
            rest.iter().take_while(|c| word(c)).count()
        }
        Some(q @ ('"' | '\'')) => rest[1..].iter().position(|c| c == q).map_or(1, |i| i + 2),
        Some(_) => 1,
    }
}

/// Every diagnostic of one run. Stages push into it and keep going; the command
/// decides at the end whether the run failed.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    /// Whether there is no error (warnings do not count).
    pub fn is_empty(&self) -> bool {
        self.items.iter().all(|d| d.warning)
    }

    /// Whether an error was reported for a file named `name`.
    pub fn has_error_in(&self, name: &str) -> bool {
        self.items
            .iter()
            .any(|d| !d.warning && d.file.ends_with(name))
    }

    /// Every diagnostic, in the order pushed.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }

    /// Take the warnings out, leaving the errors.
    pub fn take_warnings(&mut self) -> Vec<Diagnostic> {
        let (w, e): (Vec<_>, Vec<_>) = std::mem::take(&mut self.items)
            .into_iter()
            .partition(|d| d.warning);
        self.items = e;
        w
    }

    /// Sorted by file, line and column, without exact repeats, so output is stable.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort();
        self.items.dedup();
        self.items
    }
}

/// The error a failed stage returns: every diagnostic it (and earlier stages) found.
#[derive(Debug)]
pub struct Failed(pub Vec<Diagnostic>);

impl Failed {
    /// Each diagnostic as printed, reading each file once.
    pub fn rendered(&self) -> Vec<String> {
        render_all(&self.0)
    }

    /// The closing line: how many errors.
    pub fn summary(&self) -> String {
        let n = self.0.iter().filter(|d| !d.warning).count();
        format!("{n} error{}", if n == 1 { "" } else { "s" })
    }
}

/// The diagnostics as printed, reading each file once.
pub fn render_all(diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut sources = Sources::default();
    diagnostics.iter().map(|d| d.render(&mut sources)).collect()
}

impl fmt::Display for Failed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in self.rendered() {
            writeln!(f, "{d}")?;
        }
        f.write_str(&self.summary())
    }
}

impl std::error::Error for Failed {}

impl From<Diagnostics> for Failed {
    fn from(d: Diagnostics) -> Self {
        Failed(d.into_sorted())
    }
}

/// The closest candidate within a small edit distance, so a suggestion is never
/// out of the blue. Distance is counted in characters, which suits Chinese names
/// (区水利局 vs 区水务局 is one edit).
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let limit = match wanted.chars().count() {
        0..=3 => 1,
        4..=8 => 2,
        _ => 3,
    };
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(wanted, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
        .map(|(_, c)| format!("did you mean `{c}`?"))
}

/// A problem with what the command line asks for (an id that names nothing,
/// a date that is not one): the user's to fix, so the command exits 1,
/// printed as `error: …` and, if there is one, a `help:` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub help: Option<String>,
}

impl Problem {
    pub fn new(message: impl Into<String>) -> Problem {
        Problem {
            message: message.into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Problem {
        self.help = Some(help.into());
        self
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "error: {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problem {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_column_and_help() {
        let d = Diagnostic::new("content/a.yaml", 3, 7, "unknown agency `x`")
            .with_help("did you mean `y`?");
        assert_eq!(
            d.to_string(),
            "content/a.yaml:3:7: error: unknown agency `x`\n  help: did you mean `y`?"
        );
    }

    /// `d` as printed when its file holds `text`.
    fn shown(d: &Diagnostic, text: &str) -> String {
        d.render(&mut Sources::with(&d.file.to_string_lossy(), text))
    }

    #[test]
    fn the_spot_is_shown_under_the_headline_with_the_help_last() {
        let d = Diagnostic::new("content/plan/tasks.yaml", 2, 10, "unknown agency `watr`")
            .with_help("did you mean `water`?");
        assert_eq!(
            shown(&d, "- number: 1\n  lead: [watr]\n"),
            "content/plan/tasks.yaml:2:10: error: unknown agency `watr`\n  |\n2 |   lead: [watr]\n  |          ^^^^\n  = help: did you mean `water`?"
        );
        let text = format!("{}  lead: [watr]\n", "x: 1\n".repeat(11));
        let d = Diagnostic::new("t.yaml", 12, 10, "unknown agency `watr`");
        assert_eq!(
            shown(&d, &text),
            "t.yaml:12:10: error: unknown agency `watr`\n   |\n12 |   lead: [watr]\n   |          ^^^^"
        );
    }

    #[test]
    fn a_cjk_character_is_two_columns_wide() {
        // Five CJK characters (ten columns) before the id.
        let d = Diagnostic::new("a.md", 1, 13, "unknown river `laixii`").warning();
        assert_eq!(
            shown(&d, "  zh: 濑溪河治理 laixii，完成"),
            format!(
                "a.md:1:13: warning: unknown river `laixii`\n  |\n1 |   zh: 濑溪河治理 laixii，完成\n  | {}^^^^^^",
                " ".repeat(17)
            )
        );
        // A CJK character under the caret takes two carets; only it is marked.
        let d = Diagnostic::new("a.md", 1, 8, "x");
        assert!(shown(&d, "  zh: 濑溪河")
            .ends_with(&format!("1 |   zh: 濑溪河\n  | {}^^", " ".repeat(8))));
    }

    #[test]
    fn a_tab_is_four_columns() {
        let d = Diagnostic::new("a.yaml", 1, 3, "tab");
        assert!(
            shown(&d, "\t\tlead: x").ends_with("1 |         lead: x\n  |         ^^^^"),
            "{}",
            shown(&d, "\t\tlead: x")
        );
    }

    #[test]
    fn a_column_past_the_end_points_just_after_the_line() {
        let d = Diagnostic::new("a.yaml", 1, 40, "expected `]`");
        assert!(shown(&d, "lead: [a, b\n").ends_with("1 | lead: [a, b\n  |            ^"));
        // CRLF line ends are not part of the line.
        assert!(shown(&d, "lead: [a, b\r\n").ends_with("1 | lead: [a, b\n  |            ^"));
    }

    #[test]
    fn without_the_line_the_diagnostic_prints_as_before() {
        let d = Diagnostic::new("a.yaml", 3, 1, "x").with_help("y");
        // The file has two lines; a whole-file diagnostic never shows one.
        assert_eq!(shown(&d, "a\nb\n"), "a.yaml:3:1: error: x\n  help: y");
        let d = Diagnostic::file("a.yaml", "x").with_help("y");
        assert_eq!(shown(&d, "a\nb\n"), "a.yaml: error: x\n  help: y");
        // A file that cannot be read, or is not text, shows no line either.
        let dir = std::env::temp_dir().join(format!("gongkai-diag-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let sheet = dir.join("water.xlsx");
        std::fs::write(&sheet, b"PK\x03\x04\0\0 lead: x\n").unwrap();
        let d = Diagnostic::new(&sheet, 1, 2, "x");
        assert_eq!(d.to_string(), format!("{}:1:2: error: x", sheet.display()));
        let gone = Diagnostic::new(dir.join("gone.yaml"), 1, 2, "x");
        assert!(!gone.to_string().contains('|'));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_quoted_value_is_marked_to_its_closing_quote() {
        let d = Diagnostic::new("a.yaml", 1, 7, "not a date");
        assert!(shown(&d, "date: \"2022-13-01\" # x").ends_with("\n  |       ^^^^^^^^^^^^"));
    }

    #[test]
    fn a_long_line_is_cut_around_the_spot() {
        let line = format!("{}target{}", "甲".repeat(100), "乙".repeat(100));
        let d = Diagnostic::new("a.md", 1, 101, "x");
        let out = shown(&d, &line);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[2],
            format!("1 | ...{}target{}...", "甲".repeat(20), "乙".repeat(27))
        );
        assert_eq!(lines[3], format!("  | {}^^^^^^", " ".repeat(43)));
    }

    #[test]
    fn each_file_is_read_once_for_all_its_diagnostics() {
        let mut sources = Sources::with("a.yaml", "one\ntwo\n");
        let out: Vec<String> = [
            Diagnostic::new("a.yaml", 1, 1, "x"),
            Diagnostic::new("a.yaml", 2, 1, "y"),
        ]
        .iter()
        .map(|d| d.render(&mut sources))
        .collect();
        assert!(out[0].contains("1 | one") && out[1].contains("2 | two"));
        assert_eq!(sources.files.len(), 1);
    }

    #[test]
    fn did_you_mean_stays_close() {
        let c = ["water", "forestry", "eco-env"];
        assert_eq!(
            did_you_mean("watr", c),
            Some("did you mean `water`?".into())
        );
        assert_eq!(did_you_mean("planning", c), None);
        assert_eq!(
            did_you_mean("区水务局", ["区水利局", "区林业局"]),
            Some("did you mean `区水利局`?".into())
        );
    }
}
