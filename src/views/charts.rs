//! Charts as inline SVG, readable without JS, each with a text equivalent:
//! its accessible name (`role="img"`, `<title>`) and the table or
//! description the page puts beside it. Statuses differ by pattern as well
//! as by colour, so a chart reads in print and without colour vision; the
//! drawing is the same in both languages, only its words differ.

mod schematic;

pub use schematic::{river_system_svg, RiverSystem, SystemRiver};

use super::html::{esc, Html};
use crate::model::*;
use crate::progress::Rollup;
use std::fmt::Write as _;

/// Colours of the statuses (each also has its own pattern, `pattern`).
fn colour(s: Status) -> &'static str {
    match s {
        Status::NotAssessed => "#59636e",
        Status::NotStarted => "#b3141f",
        Status::InProgress => "#0757b8",
        Status::Delayed => "#9a3e00",
        Status::Completed => "#146c2e",
        Status::Ongoing => "#5a32a3",
    }
}

/// The texture drawn over a status's colour, on an 8×8 tile: what tells the
/// statuses apart in print.
fn texture(s: Status) -> &'static str {
    match s {
        Status::NotAssessed => "<circle cx=\"4\" cy=\"4\" r=\"1.6\" fill=\"#fff\"/>",
        Status::NotStarted => "<path d=\"M0 4H8\" stroke=\"#fff\" stroke-width=\"2\"/>",
        Status::InProgress => {
            "<path d=\"M-2 10L10 -2M-2 2L2 -2M6 10L10 6\" stroke=\"#fff\" stroke-width=\"2\"/>"
        }
        Status::Delayed => "<path d=\"M0 0L8 8M8 0L0 8\" stroke=\"#fff\" stroke-width=\"1.5\"/>",
        Status::Completed => "",
        Status::Ongoing => "<path d=\"M4 0V8\" stroke=\"#fff\" stroke-width=\"2\"/>",
    }
}

/// The id of a status's pattern in the chart whose ids start with `prefix`.
pub fn pattern_id(prefix: &str, s: Status) -> String {
    format!("{prefix}-{}", s.key())
}

/// The `<defs>` of the status patterns, ids prefixed so that several charts
/// on one page keep their ids apart.
fn status_defs(prefix: &str) -> String {
    let mut defs = String::from("<defs>");
    for s in Status::ALL {
        let _ = write!(
            defs,
            "<pattern id=\"{}\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\"><rect width=\"8\" height=\"8\" fill=\"{}\"/>{}</pattern>",
            pattern_id(prefix, s),
            colour(s),
            texture(s)
        );
    }
    defs.push_str("</defs>");
    defs
}

/// An SVG with its accessible name as `aria-label` and `<title>`.
fn svg(class: &str, w: f64, h: f64, name: &str, body: &str) -> Html {
    let name = esc(name);
    Html::markup(format!(
        "<svg class=\"{class}\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{name}\"><title>{name}</title>{body}</svg>"
    ))
}

/// The segments of one stacked bar: `(x, width)` per status with items,
/// over `width` units for `scale_total` items.
fn segments(r: &Rollup, width: f64, scale_total: usize) -> Vec<(Status, usize, f64, f64)> {
    let mut x = 0.0;
    let mut out = Vec::new();
    for s in Status::ALL {
        let n = r.counts.get(&s).copied().unwrap_or(0);
        if n == 0 || scale_total == 0 {
            continue;
        }
        let w = width * n as f64 / scale_total as f64;
        out.push((s, n, x, w));
        x += w;
    }
    out
}

/// A horizontal stacked bar of the roll-up; `label` gives each status's
/// words, `prefix` the ids of its patterns (the table beside reuses them
/// for its swatches).
pub fn rollup_svg(
    r: &Rollup,
    label: impl Fn(Status) -> String,
    caption: &str,
    prefix: &str,
) -> Html {
    let width = 400.0;
    let mut body = status_defs(prefix);
    let mut parts = Vec::new();
    for (s, n, x, w) in segments(r, width, r.total) {
        let text = format!("{}: {n}", label(s));
        let _ = write!(
            body,
            "<rect x=\"{x:.1}\" y=\"0\" width=\"{w:.1}\" height=\"28\" fill=\"url(#{})\" stroke=\"#000\" stroke-width=\"1\"><title>{}</title></rect>",
            pattern_id(prefix, s),
            esc(&text)
        );
        parts.push(text);
    }
    if parts.is_empty() {
        parts.push("0".to_string());
    }
    svg(
        "rollup",
        width,
        28.0,
        &format!("{caption}: {}", parts.join("; ")),
        &body,
    )
}

/// One row of a chart of several roll-ups (the chapters of the plan).
pub struct RollupRow<'r> {
    /// Short, for the row's label in the drawing ("第1章", "Ch. 1").
    pub label: String,
    pub rollup: &'r Rollup,
}

/// Stacked bars, one row per roll-up, their lengths to one scale (the
/// largest row fills the width), each labelled with its short name and
/// its total.
pub fn rollups_svg(
    rows: &[RollupRow],
    label: impl Fn(Status) -> String,
    caption: &str,
    prefix: &str,
) -> Html {
    let (left, width, row_h, bar_h) = (92.0, 300.0, 30.0, 20.0);
    let max = rows
        .iter()
        .map(|r| r.rollup.total)
        .max()
        .unwrap_or(0)
        .max(1);
    let mut body = status_defs(prefix);
    let mut parts = Vec::new();
    for (k, row) in rows.iter().enumerate() {
        let y = 4.0 + k as f64 * row_h;
        let _ = write!(
            body,
            "<text x=\"0\" y=\"{:.1}\" font-size=\"14\">{} ({})</text>",
            y + 15.0,
            esc(&row.label),
            row.rollup.total
        );
        let mut texts = Vec::new();
        for (s, n, x, w) in segments(row.rollup, width, max) {
            let text = format!("{}: {n}", label(s));
            let _ = write!(
                body,
                "<rect x=\"{:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{bar_h}\" fill=\"url(#{})\" stroke=\"#000\" stroke-width=\"1\"><title>{} — {}</title></rect>",
                left + x,
                pattern_id(prefix, s),
                esc(&row.label),
                esc(&text)
            );
            texts.push(text);
        }
        parts.push(format!(
            "{} ({}): {}",
            row.label,
            row.rollup.total,
            texts.join(", ")
        ));
    }
    let h = 8.0 + rows.len() as f64 * row_h;
    svg(
        "rollups",
        left + width + 8.0,
        h,
        &format!("{caption}. {}", parts.join("; ")),
        &body,
    )
}

/// Where an indicator stands against its 2025 target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TargetState {
    /// The latest reported value meets the target.
    Meets,
    /// It does not yet.
    NotYet,
    /// A value is reported but cannot be compared by number (a target in
    /// words, or one the city sets).
    Reported,
    /// No value has been reported.
    NoValue,
}

impl TargetState {
    pub const ALL: [TargetState; 4] = [
        TargetState::Meets,
        TargetState::NotYet,
        TargetState::Reported,
        TargetState::NoValue,
    ];

    /// Its interface string.
    pub fn key(self) -> &'static str {
        match self {
            TargetState::Meets => "ind_meets",
            TargetState::NotYet => "ind_not_yet",
            TargetState::Reported => "ind_reported",
            TargetState::NoValue => "ind_no_value",
        }
    }

    /// The state of an indicator whose latest value is `latest`, target
    /// `target`, in `direction`.
    pub fn of(latest: Option<&str>, target: &str, direction: Option<Direction>) -> Self {
        let Some(value) = latest else {
            return TargetState::NoValue;
        };
        let (Ok(v), Ok(t)) = (value.trim().parse::<f64>(), target.trim().parse::<f64>()) else {
            return TargetState::Reported;
        };
        match direction {
            Some(Direction::AtLeast) if v >= t => TargetState::Meets,
            Some(Direction::AtMost) if v <= t => TargetState::Meets,
            Some(Direction::AtLeast | Direction::AtMost) => TargetState::NotYet,
            _ => TargetState::Reported,
        }
    }

    /// Its fill and the colour of the number drawn on it.
    fn look(self) -> (&'static str, &'static str) {
        match self {
            TargetState::Meets => ("#146c2e", "#fff"),
            TargetState::NotYet => ("url(#ind-not-yet)", "#000"),
            TargetState::Reported => ("url(#ind-reported)", "#000"),
            TargetState::NoValue => ("#fff", "#000"),
        }
    }
}

/// One square per indicator, its number inside, filled by its state (solid,
/// hatched, dotted, blank). `label` gives a state's words.
pub fn indicators_svg(
    items: &[(u32, TargetState)],
    label: impl Fn(TargetState) -> String,
    caption: &str,
) -> Html {
    let (per_row, cell, gap) = (10usize, 34.0, 6.0);
    let mut body = String::from(
        "<defs><pattern id=\"ind-not-yet\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\"><rect width=\"8\" height=\"8\" fill=\"#ffd8a8\"/><path d=\"M-2 10L10 -2M-2 2L2 -2M6 10L10 6\" stroke=\"#7a3d00\" stroke-width=\"1.5\"/></pattern>\
<pattern id=\"ind-reported\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\"><rect width=\"8\" height=\"8\" fill=\"#dde7f3\"/><circle cx=\"4\" cy=\"4\" r=\"1.4\" fill=\"#0b3d73\"/></pattern></defs>",
    );
    let mut parts = Vec::new();
    for (k, (number, state)) in items.iter().enumerate() {
        let x = 2.0 + (k % per_row) as f64 * (cell + gap);
        let y = 2.0 + (k / per_row) as f64 * (cell + gap);
        let (fill, ink) = state.look();
        let text = format!("{number}: {}", label(*state));
        let _ = write!(
            body,
            "<g><title>{}</title><rect x=\"{x}\" y=\"{y}\" width=\"{cell}\" height=\"{cell}\" fill=\"{fill}\" stroke=\"#000\" stroke-width=\"1.5\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"14\" font-weight=\"700\" text-anchor=\"middle\" fill=\"{ink}\">{number}</text></g>",
            esc(&text),
            x + cell / 2.0,
            y + cell / 2.0 + 5.0
        );
        parts.push(text);
    }
    let rows = items.len().div_ceil(per_row).max(1);
    let w = 4.0 + per_row as f64 * (cell + gap) - gap;
    let h = 4.0 + rows as f64 * (cell + gap) - gap;
    svg(
        "indicators",
        w,
        h,
        &format!("{caption}. {}", parts.join("; ")),
        &body,
    )
}

/// Yearly values as bars, with the 2025 target as a line where it is a
/// number; None when nothing is reported (the page says so in words).
pub fn values_svg(values: &[&IndicatorValue], target: Option<f64>, label: &str) -> Option<Html> {
    let nums: Vec<(u32, f64)> = values
        .iter()
        .filter_map(|v| v.value.parse().ok().map(|n| (v.year, n)))
        .collect();
    if nums.is_empty() {
        return None;
    }
    let max = nums
        .iter()
        .map(|(_, n)| *n)
        .chain(target)
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let (w, h, bar) = (400.0, 160.0, 40.0);
    let gap = (w - bar * nums.len() as f64) / (nums.len() as f64 + 1.0);
    let mut body = String::new();
    let mut text = Vec::new();
    for (k, (year, n)) in nums.iter().enumerate() {
        let bh = (h - 30.0) * n / max;
        let x = gap + k as f64 * (bar + gap);
        let _ = write!(
            body,
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{bar}\" height=\"{bh:.1}\" fill=\"#0757b8\"/><text x=\"{:.1}\" y=\"{h}\" font-size=\"12\" text-anchor=\"middle\">{year}</text><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"middle\">{n}</text>",
            h - 20.0 - bh,
            x + bar / 2.0,
            x + bar / 2.0,
            h - 24.0 - bh
        );
        text.push(format!("{year}: {n}"));
    }
    if let Some(t) = target {
        let y = h - 20.0 - (h - 30.0) * t / max;
        let _ = write!(
            body,
            "<line x1=\"0\" x2=\"{w}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#146c2e\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/><text x=\"{w}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"end\">2025: {t}</text>",
            y - 4.0
        );
        text.push(format!("2025: {t}"));
    }
    Some(svg(
        "values",
        w,
        h,
        &format!("{label}: {}", text.join("; ")),
        &body,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rollup(counts: &[(Status, usize)]) -> Rollup {
        let mut r = Rollup::default();
        for (s, n) in counts {
            r.counts.insert(*s, *n);
            r.total += n;
        }
        r
    }

    #[test]
    fn a_rollup_names_each_status_with_its_count_and_uses_its_own_pattern_ids() {
        let r = rollup(&[(Status::NotAssessed, 3), (Status::Completed, 1)]);
        let svg = rollup_svg(&r, |s| s.key().to_string(), "Counts", "r1")
            .as_str()
            .to_string();
        assert!(svg.contains("role=\"img\""));
        assert!(
            svg.contains("<title>Counts: not-assessed: 3; completed: 1</title>"),
            "{svg}"
        );
        assert!(svg.contains("fill=\"url(#r1-not-assessed)\""));
        assert!(svg.contains("<pattern id=\"r1-completed\""));
    }

    #[test]
    fn chapter_rows_share_one_scale() {
        let (a, b) = (
            rollup(&[(Status::NotAssessed, 10)]),
            rollup(&[(Status::NotAssessed, 5)]),
        );
        let rows = [
            RollupRow {
                label: "A".into(),
                rollup: &a,
            },
            RollupRow {
                label: "B".into(),
                rollup: &b,
            },
        ];
        let svg = rollups_svg(&rows, |s| s.key().to_string(), "By chapter", "c")
            .as_str()
            .to_string();
        assert!(
            svg.contains("width=\"300.0\""),
            "the largest fills the width: {svg}"
        );
        assert!(
            svg.contains("width=\"150.0\""),
            "half as many, half as long: {svg}"
        );
        assert!(svg.contains("A (10): not-assessed: 10; B (5): not-assessed: 5"));
    }

    #[test]
    fn an_indicator_meets_its_target_only_by_number_and_direction() {
        use TargetState::*;
        assert_eq!(
            TargetState::of(None, "90", Some(Direction::AtLeast)),
            NoValue
        );
        assert_eq!(
            TargetState::of(Some("91"), "90", Some(Direction::AtLeast)),
            Meets
        );
        assert_eq!(
            TargetState::of(Some("89.5"), "90", Some(Direction::AtLeast)),
            NotYet
        );
        assert_eq!(
            TargetState::of(Some("30"), "35", Some(Direction::AtMost)),
            Meets
        );
        assert_eq!(TargetState::of(Some("30"), "35", None), Reported);
        assert_eq!(
            TargetState::of(Some("30"), "完成市级下达任务", Some(Direction::AtMost)),
            Reported
        );
    }
}
