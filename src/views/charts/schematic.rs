//! The schematic of a river system: a tree of what the river registry
//! records (which river flows into which, which monitoring sections lie on
//! which river), drawn top to bottom. It is topology, not geography: no
//! position, distance or order along a river is drawn or implied.

use super::svg;
use crate::views::html::{esc, Html};
use std::fmt::Write as _;

/// A river system in drawing order: the main river first, each river
/// followed by its sections and then its tributaries (depth first).
pub struct RiverSystem {
    pub rivers: Vec<SystemRiver>,
    /// The words of the legend: main river, tributary, monitoring section,
    /// and the mark of the page's own river.
    pub legend: [String; 4],
}

pub struct SystemRiver {
    /// 0 for the main river, 1 for a river flowing into it …
    pub depth: usize,
    pub name: String,
    pub sections: Vec<String>,
    /// The river whose page this is.
    pub current: bool,
}

const ROW: f64 = 26.0;
const INDENT: f64 = 40.0;

/// The x of a river's line at `depth`.
fn x_of(depth: usize) -> f64 {
    10.0 + depth as f64 * INDENT
}

fn label(x: f64, y: f64, text: &str, bold: bool) -> String {
    format!(
        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"14\"{}>{}</text>",
        x,
        y + 5.0,
        if bold { " font-weight=\"700\"" } else { "" },
        esc(text)
    )
}

fn diamond(x: f64, y: f64) -> String {
    format!(
        "<path d=\"M{:.1} {:.1}l6 6l-6 6l-6 -6z\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"2\"/>",
        x,
        y - 6.0
    )
}

/// The stroke of a river's line: the main river thick, tributaries thin
/// (width tells them apart, not colour alone).
fn stroke(depth: usize) -> &'static str {
    if depth == 0 {
        "stroke=\"#0757b8\" stroke-width=\"6\""
    } else {
        "stroke=\"#0757b8\" stroke-width=\"3\""
    }
}

/// The schematic as inline SVG; `caption` names it.
pub fn river_system_svg(system: &RiverSystem, caption: &str) -> Html {
    let mut lines = String::new();
    let mut marks = String::new();
    let mut texts = Vec::new();
    // The row of each river, to join it to its children.
    let mut row = 0usize;
    let mut open: Vec<(usize, f64)> = Vec::new(); // (depth, y of its node)
    let mut last_child_y: Vec<f64> = Vec::new();
    for r in &system.rivers {
        let y = 14.0 + row as f64 * ROW;
        // Close the rivers this one is not inside of.
        while open.last().is_some_and(|(d, _)| *d >= r.depth) {
            close(&mut lines, &mut open, &mut last_child_y);
        }
        let x = x_of(r.depth);
        if let Some((pd, _)) = open.last() {
            let px = x_of(*pd);
            let _ = write!(
                lines,
                "<path d=\"M{px:.1} {y:.1}H{x:.1}\" {}/>",
                stroke(r.depth)
            );
            if let Some(l) = last_child_y.last_mut() {
                *l = y;
            }
        }
        let _ = write!(
            marks,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{}\" fill=\"#0757b8\" stroke=\"#000\"/>",
            if r.depth == 0 { 7 } else { 5 }
        );
        let name = if r.current {
            format!("{} ({})", r.name, system.legend[3])
        } else {
            r.name.clone()
        };
        marks.push_str(&label(x + 14.0, y, &name, r.current || r.depth == 0));
        let role = if r.depth == 0 {
            &system.legend[0]
        } else {
            &system.legend[1]
        };
        let mut said = format!("{} ({role})", r.name);
        open.push((r.depth, y));
        last_child_y.push(y);
        row += 1;
        for s in &r.sections {
            let sy = 14.0 + row as f64 * ROW;
            marks.push_str(&diamond(x, sy));
            marks.push_str(&label(x + 14.0, sy, s, false));
            if let Some(l) = last_child_y.last_mut() {
                *l = sy;
            }
            row += 1;
        }
        if !r.sections.is_empty() {
            let _ = write!(said, ": {} {}", system.legend[2], r.sections.join(", "));
        }
        texts.push(said);
    }
    while !open.is_empty() {
        close(&mut lines, &mut open, &mut last_child_y);
    }
    // The legend: a thick line, a thin line, a diamond.
    let ly = 14.0 + row as f64 * ROW + 10.0;
    let mut legend = String::new();
    let _ = write!(
        legend,
        "<path d=\"M10 {ly:.1}H40\" {}/>{}<path d=\"M150 {ly:.1}H180\" {}/>{}{}{}",
        stroke(0),
        label(46.0, ly, &system.legend[0], false),
        stroke(1),
        label(186.0, ly, &system.legend[1], false),
        diamond(290.0, ly),
        label(302.0, ly, &system.legend[2], false)
    );
    let h = ly + 14.0;
    let body = format!("{lines}{marks}{legend}");
    svg(
        "schematic",
        420.0,
        h,
        &format!("{caption}: {}", texts.join("; ")),
        &body,
    )
}

/// Draw the line of the innermost open river down to its last child.
fn close(lines: &mut String, open: &mut Vec<(usize, f64)>, last: &mut Vec<f64>) {
    if let (Some((d, y0)), Some(y1)) = (open.pop(), last.pop()) {
        if y1 > y0 {
            let x = x_of(d);
            let _ = write!(lines, "<path d=\"M{x:.1} {y0:.1}V{y1:.1}\" {}/>", stroke(d));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn river(depth: usize, name: &str, sections: &[&str], current: bool) -> SystemRiver {
        SystemRiver {
            depth,
            name: name.into(),
            sections: sections.iter().map(|s| s.to_string()).collect(),
            current,
        }
    }

    #[test]
    fn the_schematic_draws_each_river_and_section_it_is_given_and_nothing_else() {
        let system = RiverSystem {
            rivers: vec![
                river(0, "Laixi", &["Jiepai", "Yujiandi"], false),
                river(1, "Hualong Creek", &[], true),
                river(1, "Gaosheng", &[], false),
            ],
            legend: [
                "main".into(),
                "tributary".into(),
                "section".into(),
                "this page".into(),
            ],
        };
        let svg = river_system_svg(&system, "System").as_str().to_string();
        assert!(svg.contains("<title>System: Laixi (main): section Jiepai, Yujiandi; Hualong Creek (tributary); Gaosheng (tributary)</title>"), "{svg}");
        assert!(svg.contains("Hualong Creek (this page)"));
        // Two tributaries branch off the main river's line: two connectors.
        assert_eq!(svg.matches("H50.0\"").count(), 2, "{svg}");
        // Two section diamonds and the legend's.
        assert_eq!(svg.matches("l6 6l-6 6l-6 -6z").count(), 3);
        // The main river's line runs from its node to its last tributary.
        assert!(svg.contains("M10.0 14.0V118.0"), "{svg}");
    }
}
