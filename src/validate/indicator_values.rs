//! The values reported for the indicators (`content/indicators/values.yaml`):
//! each direction is a known word for a known indicator, each value a number
//! for a known indicator in a plausible year, one value per indicator and
//! year.

use super::refs::at;
use crate::diagnostics::Diagnostics;
use crate::load::raw::RawIndicatorValues;
use crate::load::yaml::line_col;
use crate::model::*;
use std::collections::BTreeMap;
use std::path::Path;

/// The directions of the indicators' targets and their reported values
/// (sorted by indicator, then year).
#[derive(Debug, Default)]
pub struct IndicatorValues {
    pub directions: BTreeMap<u32, Direction>,
    pub values: Vec<IndicatorValue>,
}

pub fn indicator_values(
    raw: Option<(&Path, &RawIndicatorValues)>,
    indicators: &[Indicator],
    d: &mut Diagnostics,
) -> IndicatorValues {
    let Some((path, v)) = raw else {
        return IndicatorValues::default();
    };
    let known = |n: u32| indicators.iter().any(|i| i.number == n);
    let mut directions = BTreeMap::new();
    for (n, dir) in &v.directions {
        let Some(direction) = Direction::parse(&dir.value) else {
            let one_of = Direction::keys().collect::<Vec<_>>().join(", ");
            d.push(
                at(path, dir, format!("unknown direction `{}`", dir.value))
                    .with_help(format!("one of: {one_of}")),
            );
            continue;
        };
        if !known(*n) {
            d.push(at(path, dir, format!("unknown indicator {n}")));
        }
        directions.insert(*n, direction);
    }
    let mut values = Vec::new();
    let mut seen = BTreeMap::new();
    for x in &v.values {
        let (n, year) = (x.indicator.value, x.year.value);
        if !known(n) {
            d.push(at(path, &x.indicator, format!("unknown indicator {n}")));
        }
        if !(2000..=2100).contains(&year) {
            let msg = format!("year {year} is not a plausible reporting year");
            d.push(at(path, &x.year, msg));
        }
        if x.value.value.trim().parse::<f64>().is_err() {
            d.push(
                at(
                    path,
                    &x.value,
                    format!("value `{}` is not a number", x.value.value),
                )
                .with_help("write the number alone; the unit is in the indicator's name"),
            );
        }
        if let Some(first) = seen.insert((n, year), line_col(&x.indicator).0) {
            let msg = format!("a second value for indicator {n} in {year} (first at line {first})");
            d.push(at(path, &x.indicator, msg));
        }
        values.push(IndicatorValue {
            indicator: n,
            year,
            value: x.value.value.trim().to_string(),
            source: x.source.clone(),
            note: x.note.clone(),
        });
    }
    values.sort_by_key(|x| (x.indicator, x.year));
    IndicatorValues { directions, values }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::parse;
    use crate::validate::messages;

    const VALUES: &str = "\
directions:
  1: at-least
values:
  - {indicator: 1, year: 2023, value: ' 7.1', source: {zh: 公报}}
  - {indicator: 1, year: 2022, value: '7.0', source: {zh: 公报}}
";

    fn run(text: &str) -> (IndicatorValues, Vec<String>) {
        let p = Path::new("values.yaml");
        let raw: RawIndicatorValues = parse(p, text).unwrap();
        let indicator = Indicator {
            number: 1,
            domain: Text::default(),
            name: Text::default(),
            binding: true,
            target: Text::default(),
            lead: Vec::new(),
            provenance: Provenance::default(),
        };
        let mut d = Diagnostics::default();
        let v = indicator_values(Some((p, &raw)), &[indicator], &mut d);
        (v, messages(d))
    }

    #[test]
    fn values_are_sorted_by_year_and_trimmed() {
        let (v, d) = run(VALUES);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(v.directions[&1], Direction::AtLeast);
        let values: Vec<(u32, &str)> = v
            .values
            .iter()
            .map(|x| (x.year, x.value.as_str()))
            .collect();
        assert_eq!(values, [(2022, "7.0"), (2023, "7.1")]);
    }

    #[test]
    fn unknown_directions_indicators_and_values_that_are_not_numbers_are_errors() {
        let text = VALUES
            .replace("at-least", "at-lest")
            .replace(
                "indicator: 1, year: 2022, value: '7.0'",
                "indicator: 2, year: 22, value: '7%'",
            )
            .replace("year: 2023", "year: 2022");
        let (_, d) = run(&format!(
            "{text}  - {{indicator: 1, year: 2022, value: '1', source: {{zh: 公报}}}}\n"
        ));
        assert_eq!(
            d,
            [
                "values.yaml:2:6: error: unknown direction `at-lest`\n  help: one of: at-least, at-most, meet-city-target",
                "values.yaml:5:17: error: unknown indicator 2",
                "values.yaml:5:26: error: year 22 is not a plausible reporting year",
                "values.yaml:5:37: error: value `7%` is not a number\n  help: write the number alone; the unit is in the indicator's name",
                "values.yaml:6:17: error: a second value for indicator 1 in 2022 (first at line 4)",
            ]
        );
    }
}
