//! Due dates, statuses, overdue and calendars from small models, and the
//! same as of an earlier date (a yearly report's).

use super::*;

#[test]
fn due_dates_from_the_text() {
    assert_eq!(
        task_due("到2025年,确保全区城镇污水处理率不低于95%"),
        ("2025-12-31".into(), DueSource::Stated)
    );
    assert_eq!(
        task_due("力争2023年前完成"),
        ("2023-12-31".into(), DueSource::Stated)
    );
    assert_eq!(
        task_due("加强水生态调查与评估"),
        (PLAN_END.into(), DueSource::Default)
    );
    // A horizon beyond the plan period is not the plan's deadline.
    assert_eq!(
        task_due("2025—2035年,全面推进"),
        (PLAN_END.into(), DueSource::Default)
    );
    assert_eq!(
        key_task_due(2022, "到2022年9月底,消除雨污混排口"),
        ("2022-09-30".into(), DueSource::Stated)
    );
    assert_eq!(
        key_task_due(
            2022,
            "7月底前更新名录,9月底前报送汇总表,12月底前报送进展情况表。"
        ),
        ("2022-12-31".into(), DueSource::Stated)
    );
    assert_eq!(
        key_task_due(2022, "完成2021年度区县温室气体清单编制。"),
        ("2022-12-31".into(), DueSource::Default)
    );
}

fn update(date: &str, status: Status) -> Update {
    Update {
        id: date.into(),
        subjects: vec![Subject::Task(1)],
        date: date.into(),
        status,
        percent: None,
        reporter: "water".into(),
        evidence: vec![],
        body_zh: String::new(),
        body_en: None,
    }
}

#[test]
fn calendar_marks_missing_late_and_on_time() {
    let schedule = Schedule {
        id: "m".into(),
        what: Text::default(),
        from: Period::parse("2022-10").unwrap(),
        due_days: 15,
        basis: Text::default(),
    };
    let publication = |period: &str, published: &str| Publication {
        schedule: "m".into(),
        period: Period::parse(period).unwrap(),
        published: published.into(),
        title: Text::default(),
        url: None,
        results: vec![],
    };
    let pubs = vec![
        publication("2022-10", "2022-11-10"),
        publication("2022-11", "2022-12-20"),
    ];
    let slots = calendar(&schedule, &pubs, Some("2023-01-10"));
    let states: Vec<(String, SlotState)> =
        slots.iter().map(|s| (s.period.label(), s.state)).collect();
    assert_eq!(
        states,
        [
            ("2022-10".to_string(), SlotState::OnTime),
            ("2022-11".to_string(), SlotState::Late),
            ("2022-12".to_string(), SlotState::NotYetDue)
        ]
    );
    let later = calendar(&schedule, &pubs, Some("2023-01-16"));
    assert_eq!(
        later[2].state,
        SlotState::Missing,
        "an empty period is missing, never compliant"
    );
}

#[test]
fn status_and_overdue() {
    let due = || ("2022-09-30".to_string(), DueSource::Stated);
    let (a, b) = (
        update("2022-06-30", Status::InProgress),
        update("2022-10-15", Status::Completed),
    );
    let p = progress(vec![], due(), Some("2022-12-31"));
    assert_eq!((p.status, p.overdue), (Status::NotAssessed, true));
    let p = progress(vec![&a], due(), Some("2022-09-30"));
    assert_eq!((p.status, p.overdue), (Status::InProgress, false));
    let p = progress(vec![&a], due(), Some("2022-10-01"));
    assert!(p.overdue);
    let p = progress(vec![&a, &b], due(), Some("2022-12-31"));
    assert_eq!((p.status, p.overdue), (Status::Completed, false));
    let p = progress(vec![], due(), None);
    assert!(!p.overdue, "no build date, no overdue");
}

/// An update of `subject` dated `date`.
fn report(subject: Subject, date: &str, status: Status) -> Update {
    Update {
        subjects: vec![subject],
        ..update(date, status)
    }
}

const DONE_2023: Subject = Subject::Task(1);
const DUE_2022: Subject = Subject::Task(2);
const NEVER_REPORTED: Subject = Subject::KeyTask(2022, 1);

/// Three subjects: one completed in 2023, one due in 2022 and left in
/// progress, one due in September 2022 and never reported.
fn updates() -> Vec<Update> {
    vec![
        report(DUE_2022, "2022-03-01", Status::InProgress),
        report(DONE_2023, "2022-05-01", Status::InProgress),
        report(DONE_2023, "2023-03-01", Status::Completed),
    ]
}

fn model<'a>(date: Option<&'a str>, updates: &'a [Update]) -> Progress<'a> {
    let due = |d: &str| (d.to_string(), DueSource::Stated);
    Progress::at(
        date,
        updates,
        [
            (DONE_2023, due("2025-12-31")),
            (DUE_2022, due("2022-12-31")),
            (NEVER_REPORTED, due("2022-09-30")),
        ],
    )
}

#[test]
fn an_item_completed_in_2023_is_not_completed_as_of_the_end_of_2022() {
    let updates = updates();
    let all = model(Some("2024-01-10"), &updates);
    assert_eq!(all.subjects[&DONE_2023].status, Status::Completed);
    let then = all.as_of("2022-12-31");
    let p = &then.subjects[&DONE_2023];
    assert_eq!((p.status, p.timeline.len()), (Status::InProgress, 1));
    assert_eq!(
        all.as_of("2023-03-01").subjects[&DONE_2023].status,
        Status::Completed
    );
    assert_eq!(
        all.as_of("2022-01-01").subjects[&DONE_2023].status,
        Status::NotAssessed
    );
}

#[test]
fn an_item_due_in_2022_and_not_completed_is_overdue_only_after_its_due_date() {
    let updates = updates();
    let all = model(Some("2024-01-10"), &updates);
    assert!(all.as_of("2023-12-31").subjects[&DUE_2022].overdue);
    assert!(!all.as_of("2022-06-30").subjects[&DUE_2022].overdue);
    assert!(all.as_of("2022-10-01").subjects[&NEVER_REPORTED].overdue);
    // It became overdue on 2023-01-01: in the 2023 report, not the 2022 one.
    assert_eq!(all.year(2022).became_overdue, [NEVER_REPORTED]);
    assert_eq!(all.year(2023).became_overdue, [DUE_2022]);
    // On its first overdue day, that day's report counts it.
    let first_day = model(Some("2023-01-01"), &updates);
    assert_eq!(first_day.year(2023).became_overdue, [DUE_2022]);
    // Without a data date nothing is overdue, at any date.
    let undated = model(None, &updates);
    assert!(!undated.as_of("2023-12-31").subjects[&DUE_2022].overdue);
}

#[test]
fn roll_ups_count_as_of_the_date() {
    let updates = updates();
    let all = model(Some("2024-01-10"), &updates);
    let count = |r: &Rollup, s: Status| r.counts.get(&s).copied().unwrap_or(0);
    let subjects = [DONE_2023, DUE_2022, NEVER_REPORTED];
    let now = all.rollup(subjects);
    assert_eq!(
        (now.total, count(&now, Status::Completed), now.overdue),
        (3, 1, 2)
    );
    let end_2022 = all.year(2022);
    assert_eq!(end_2022.as_of.date, "2022-12-31");
    assert!(!end_2022.partial());
    let r = end_2022.as_of.rollup(subjects);
    assert_eq!(
        (
            r.total,
            count(&r, Status::Completed),
            count(&r, Status::InProgress),
            count(&r, Status::NotAssessed),
            r.overdue
        ),
        (3, 0, 2, 1, 1)
    );
    let mid_2022 = all.as_of("2022-06-30").rollup(subjects);
    assert_eq!(
        (count(&mid_2022, Status::InProgress), mid_2022.overdue),
        (2, 0)
    );
    // The year in progress is as of the data date.
    let y2024 = all.year(2024);
    assert_eq!(y2024.as_of.date, "2024-01-10");
    assert!(y2024.partial());
}
