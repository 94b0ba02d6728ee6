//! The yearly report's own charts, beside the roll-up bars of
//! `views::charts`: a share (indicators with a value reported for the year)
//! and the disclosure calendar's periods by state. Inline SVG with
//! `role="img"`, a `<title>` and an `aria-label`; the page puts the same
//! numbers in a table beside each.

use crate::views::html::{esc, Html};

/// Colours of the disclosure periods' states (always with their words).
pub fn slot_colour(state: &str) -> &'static str {
    match state {
        "on-time" => "#1a7f37",
        "late" => "#bc4c00",
        "missing" => "#cf222e",
        _ => "#8c959f",
    }
}

/// A horizontal bar of parts (label, count, colour) out of their sum, with
/// `caption` as its accessible name; an empty bar says so in its label.
pub fn parts_svg(parts: &[(String, usize, &str)], caption: &str) -> Html {
    let total: usize = parts.iter().map(|p| p.1).sum();
    let (width, mut x) = (600.0, 0.0);
    let mut rects = String::new();
    let mut words = Vec::new();
    for (label, n, colour) in parts {
        let text = format!("{label}: {n}");
        if *n > 0 && total > 0 {
            let w = width * *n as f64 / total as f64;
            rects.push_str(&format!(
                "<rect x=\"{x:.1}\" y=\"0\" width=\"{w:.1}\" height=\"24\" fill=\"{colour}\"><title>{}</title></rect>",
                esc(&text)
            ));
            x += w;
        }
        words.push(text);
    }
    if total == 0 {
        rects.push_str("<rect x=\"0\" y=\"0\" width=\"600\" height=\"24\" fill=\"#eaeef2\"/>");
    }
    let label = format!("{caption}: {}", words.join("; "));
    Html::markup(format!(
        "<svg class=\"rollup\" viewBox=\"0 0 600 24\" width=\"100%\" height=\"24\" role=\"img\" aria-label=\"{}\" preserveAspectRatio=\"none\"><title>{}</title>{rects}</svg>",
        esc(&label),
        esc(&label)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_names_every_part_and_says_when_it_is_empty() {
        let svg = parts_svg(&[("a".into(), 1, "#000"), ("b".into(), 3, "#fff")], "Cap")
            .as_str()
            .to_string();
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("aria-label=\"Cap: a: 1; b: 3\""));
        assert!(svg.contains("width=\"150.0\""));
        let empty = parts_svg(&[("a".into(), 0, "#000")], "Cap")
            .as_str()
            .to_string();
        assert!(empty.contains("Cap: a: 0") && empty.contains("#eaeef2"));
    }
}
