//! Charts as inline SVG, readable without JS, each with a text equivalent
//! (its `aria-label`, and the table beside it on the page).

use super::html::{esc, Html};
use crate::model::*;
use crate::progress::Rollup;

/// Colours of the statuses in charts (with a text equivalent beside them).
fn colour(s: Status) -> &'static str {
    match s {
        Status::NotAssessed => "#8c959f",
        Status::NotStarted => "#cf222e",
        Status::InProgress => "#0969da",
        Status::Delayed => "#bc4c00",
        Status::Completed => "#1a7f37",
        Status::Ongoing => "#6639ba",
    }
}

/// A horizontal stacked bar of the roll-up, as inline SVG readable without
/// JS; `label` gives each segment's text (for `<title>` and the aria label).
pub fn rollup_svg(r: &Rollup, label: impl Fn(Status) -> String, caption: &str) -> Html {
    let width = 600.0;
    let mut x = 0.0;
    let mut rects = String::new();
    let mut parts = Vec::new();
    for s in Status::ALL {
        let n = r.counts.get(&s).copied().unwrap_or(0);
        if n == 0 || r.total == 0 {
            continue;
        }
        let w = width * n as f64 / r.total as f64;
        let text = format!("{}: {n}", label(s));
        rects.push_str(&format!(
            "<rect x=\"{x:.1}\" y=\"0\" width=\"{w:.1}\" height=\"24\" fill=\"{}\"><title>{}</title></rect>",
            colour(s),
            esc(&text)
        ));
        parts.push(text);
        x += w;
    }
    Html::markup(format!(
        "<svg class=\"rollup\" viewBox=\"0 0 600 24\" width=\"100%\" height=\"24\" role=\"img\" aria-label=\"{}\" preserveAspectRatio=\"none\">{rects}</svg>",
        esc(&format!("{caption}: {}", parts.join("; ")))
    ))
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
        body.push_str(&format!(
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{bar}\" height=\"{bh:.1}\" fill=\"#0969da\"/><text x=\"{:.1}\" y=\"{h}\" font-size=\"12\" text-anchor=\"middle\">{year}</text><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"middle\">{n}</text>",
            h - 20.0 - bh,
            x + bar / 2.0,
            x + bar / 2.0,
            h - 24.0 - bh
        ));
        text.push(format!("{year}: {n}"));
    }
    if let Some(t) = target {
        let y = h - 20.0 - (h - 30.0) * t / max;
        body.push_str(&format!("<line x1=\"0\" x2=\"{w}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#1a7f37\" stroke-dasharray=\"6 4\"/>"));
        text.push(format!("2025: {t}"));
    }
    Some(Html::markup(format!(
        "<svg class=\"values\" viewBox=\"0 0 {w} {h}\" width=\"100%\" role=\"img\" aria-label=\"{}\">{body}</svg>",
        esc(&format!("{label}: {}", text.join("; ")))
    )))
}
