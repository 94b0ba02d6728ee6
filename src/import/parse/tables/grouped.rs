//! The rows of a table numbered under group cells (the indicators'
//! domains, the key tasks' categories): where the next row is, which group
//! it stands under, and the checks both tables share (rows in sequence, none
//! outside a group).

use super::super::cells::*;
use super::super::*;

/// Where a table whose numbered rows stand under group cells (the
/// indicators' domains, the key tasks' categories) is read: what its rows and
/// groups are called in messages, the current group, the line to read next
/// and the line the table ends before.
pub(super) struct Grouped {
    row: &'static str,
    kind: &'static str,
    pub group: String,
    pub next: usize,
    end: usize,
}

impl Grouped {
    pub fn new(row: &'static str, kind: &'static str, next: usize, end: usize) -> Grouped {
        Grouped {
            row,
            kind,
            group: String::new(),
            next,
            end,
        }
    }
}

impl Parser<'_> {
    /// The line of the next row of the grouped table `rows`, looking from
    /// `rows.next` up to its end; `None` when there is none. A group cell on
    /// the way (one or more lines, repeated at page breaks) becomes
    /// `rows.group`. The row must be numbered `expected` and stand under a
    /// group.
    pub(super) fn next_grouped_row(
        &self,
        rows: &mut Grouped,
        expected: u32,
    ) -> Step<Option<usize>> {
        let end = rows.end;
        while let Some((at, _)) = self
            .lines
            .next_nonempty(rows.next)
            .filter(|(at, _)| *at < end)
        {
            let line = self.lines.get(at);
            if !is_number(line) {
                let mut label = String::new();
                let mut k = at;
                while k < end && !is_number(self.lines.get(k)) {
                    label.push_str(self.lines.get(k));
                    k += 1;
                }
                rows.group = label;
                rows.next = k;
                continue;
            }
            let (row, kind) = (rows.row, rows.kind);
            if line != expected.to_string() {
                return Err(self.err(
                    at,
                    format!("{row} number out of sequence: expected {expected}, found {line}"),
                ));
            }
            if rows.group.is_empty() {
                return Err(self.err(at, format!("{row} {expected} has no {kind}")));
            }
            return Ok(Some(at));
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::registry::Registries;

    /// Read the grouped table in `text` (a cell a line) with `f`.
    fn with_parser<T>(text: &str, f: impl FnOnce(&Parser) -> T) -> T {
        let seed = Path::new("seed.txt");
        let (lines, errs) = apply_errata(seed, text, &[], Path::new("errata.yaml"));
        assert!(errs.is_empty());
        let reg = Registries::new([]);
        let p = Parser {
            seed: seed.to_path_buf(),
            lines: &lines,
            reg: &reg,
            errors: Vec::new(),
            written_as: Default::default(),
        };
        f(&p)
    }

    fn message(r: Step<Option<usize>>) -> String {
        match r {
            Err(d) => format!("{}: {}", d.line, d.message),
            Ok(at) => panic!("expected an error, got {at:?}"),
        }
    }

    #[test]
    fn a_grouped_row_takes_the_group_cells_before_it() {
        // The domain is split over two lines and repeated after a page break.
        let text = "水\n环境\n\n1\n\n数据\n\n水环境\n\n2\n";
        with_parser(text, |p| {
            let mut rows = Grouped::new("indicator", "domain", 1, 11);
            assert_eq!(p.next_grouped_row(&mut rows, 1), Ok(Some(4)));
            assert_eq!(rows.group, "水环境");
            rows.next = 7; // past the row's cell `数据`
            assert_eq!(p.next_grouped_row(&mut rows, 2), Ok(Some(10)));
            assert_eq!(rows.group, "水环境");
            rows.next = 11;
            assert_eq!(p.next_grouped_row(&mut rows, 3), Ok(None));
        });
    }

    #[test]
    fn a_grouped_row_out_of_sequence_or_without_a_group_is_an_error() {
        with_parser("类别\n\n2\n", |p| {
            let mut rows = Grouped::new("key task", "category", 1, 4);
            assert_eq!(
                message(p.next_grouped_row(&mut rows, 1)),
                "3: key task number out of sequence: expected 1, found 2"
            );
        });
        with_parser("1\n", |p| {
            let mut rows = Grouped::new("key task", "category", 1, 2);
            assert_eq!(
                message(p.next_grouped_row(&mut rows, 1)),
                "1: key task 1 has no category"
            );
        });
    }
}
