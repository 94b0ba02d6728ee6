//! Runs of ASCII digits in a text, by byte range: the one scanner behind
//! the translation checks that compare the figures of the Chinese with the
//! English (`validate::translation::numbers`) and that ask for thousands
//! separators (`validate::translation::style`).

use std::ops::Range;

/// The runs of ASCII digits in a text, left to right.
pub struct DigitRuns<'a> {
    bytes: &'a [u8],
    at: usize,
    decimals: bool,
}

/// Every maximal run of digits in `text` ("12.5" is two runs).
pub fn digit_runs(text: &str) -> DigitRuns<'_> {
    DigitRuns {
        bytes: text.as_bytes(),
        at: 0,
        decimals: false,
    }
}

impl DigitRuns<'_> {
    /// A run followed by `.` and more digits takes them in ("12.5" is one run).
    pub fn with_decimals(mut self) -> Self {
        self.decimals = true;
        self
    }

    fn digits_from(&self, mut i: usize) -> usize {
        while self.bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        i
    }
}

impl Iterator for DigitRuns<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let b = self.bytes;
        let start = self.at + b[self.at..].iter().position(u8::is_ascii_digit)?;
        let mut end = self.digits_from(start);
        if self.decimals
            && b.get(end) == Some(&b'.')
            && b.get(end + 1).is_some_and(u8::is_ascii_digit)
        {
            end = self.digits_from(end + 1);
        }
        self.at = end;
        Some(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(text: &str, decimals: bool) -> Vec<&str> {
        let it = digit_runs(text);
        let it = if decimals { it.with_decimals() } else { it };
        it.map(|r| &text[r]).collect()
    }

    #[test]
    fn finds_each_run_of_digits() {
        assert_eq!(
            runs("到2025年达到92.5%，1万", false),
            ["2025", "92", "5", "1"]
        );
        assert_eq!(runs("no digits", false), Vec::<&str>::new());
        assert_eq!(runs("7", false), ["7"]);
    }

    #[test]
    fn takes_in_decimals_when_asked() {
        assert_eq!(runs("到2025年达到92.5%，1.万", true), ["2025", "92.5", "1"]);
        assert_eq!(runs("3.", true), ["3"]);
    }
}
