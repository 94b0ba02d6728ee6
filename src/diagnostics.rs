//! Diagnostics for problems in files that people edit: content YAML, markdown,
//! templates and the source document. Each one names the file, line and column,
//! says what is wrong and may carry one `help:` line (a did-you-mean). They are
//! collected across a whole run and printed together, so a staff member sees
//! every mistake at once instead of fixing them one build at a time.

use std::fmt;
use std::path::{Path, PathBuf};

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

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display();
        let level = if self.warning { "warning" } else { "error" };
        if self.line == 0 {
            write!(f, "{file}: {level}: {}", self.message)?;
        } else {
            write!(
                f,
                "{file}:{}:{}: {level}: {}",
                self.line, self.column, self.message
            )?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
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

impl fmt::Display for Failed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        let n = self.0.iter().filter(|d| !d.warning).count();
        write!(f, "{n} error{}", if n == 1 { "" } else { "s" })
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
