//! The yearly report's counts, from the test fixture (data date
//! 2023-01-15) and edits of it.

use super::*;
use crate::progress::{report_years as years, Progress, Rollup};
use std::path::Path;

fn fixture() -> Site {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
    let (raw, diags) = crate::load::load(&dir);
    match crate::validate::validate(raw, diags) {
        Ok((mut site, _)) => {
            site.config.build_date = Some("2023-01-15".into());
            site
        }
        Err(_) => panic!("the fixture is valid"),
    }
}

fn count(r: &Rollup, s: Status) -> usize {
    r.counts.get(&s).copied().unwrap_or(0)
}

#[test]
fn reports_run_from_the_plans_start_to_the_data_dates_year() {
    let mut site = fixture();
    assert_eq!(years(&site), [2021, 2022, 2023]);
    site.config.build_date = None;
    // Without a data date: to the latest year anything was reported (2023).
    assert_eq!(years(&site), [2021, 2022, 2023]);
    site.config.build_date = Some("2020-06-01".into());
    assert_eq!(years(&site), [2021]);
}

#[test]
fn a_year_counts_each_status_as_the_updates_dated_by_its_end_report_it() {
    let site = fixture();
    let all = Progress::of(&site);
    let y2022 = all.year(2022);
    assert_eq!(y2022.as_of.date, "2022-12-31");
    let chapter1 = y2022.as_of.rollup([Subject::Task(1), Subject::Task(2)]);
    assert_eq!(
        (
            count(&chapter1, Status::Completed),
            count(&chapter1, Status::Delayed)
        ),
        (1, 1)
    );
    let y2021 = all.year(2021);
    let r = y2021
        .as_of
        .rollup(site.plan.tasks.iter().map(|t| Subject::Task(t.number)));
    assert_eq!((r.total, count(&r, Status::NotAssessed)), (3, 3));
    // The year in progress is as of the data date.
    let y2023 = all.year(2023);
    assert_eq!(y2023.as_of.date, "2023-01-15");
    let p = &y2023.as_of.subjects[&Subject::Project(1)];
    assert_eq!((p.status, p.percent), (Status::InProgress, Some(60)));
    assert_eq!(
        y2022.as_of.subjects[&Subject::Project(1)].status,
        Status::NotAssessed
    );
}

#[test]
fn overdue_is_counted_in_the_year_it_began() {
    let mut site = fixture();
    let all = Progress::of(&site);
    // Key task 2022/1 is due 2022-12-31 and was in progress then: overdue
    // from 2023-01-01, so in the 2023 report and not the 2022 one.
    assert!(all.year(2022).became_overdue.is_empty());
    assert_eq!(all.year(2023).became_overdue, [Subject::KeyTask(2022, 1)]);
    // Completed by its due date: never overdue.
    let done = site
        .updates
        .iter()
        .position(|u| u.subjects.contains(&Subject::KeyTask(2022, 1)))
        .unwrap();
    site.updates[done].status = Status::Completed;
    let all = Progress::of(&site);
    assert!(all.year(2023).became_overdue.is_empty());
}
