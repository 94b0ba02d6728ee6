//! Progress updates: the changelog of updates by date and the list of
//! overdue items; and the update entry every timeline shows.

use super::family::{Family, Input, Jobs};
use super::frame::PageKind;
use super::html::esc;
use super::{Ctx, PageView};
use crate::model::*;
use crate::text::markdown;
use serde_json::{json, Value};

pub const FAMILY: Family = Family {
    name: "updates",
    inputs: &[
        Input::Updates,
        Input::Agencies,
        Input::Tasks,
        Input::Indicators,
        Input::Projects,
        Input::KeyTasks,
        Input::Template("updates.html"),
        Input::Template("overdue.html"),
        Input::Template("update.html"),
        Input::Template("status.html"),
        Input::Template("agency_list.html"),
    ],
    pages,
};

fn pages<'s>(v: &'s Ctx<'s>, out: &Jobs<'_, 's>) {
    out.page(move || changelog(v));
    out.page(move || overdue(v));
}

/// An update as a timeline entry: date, status, reporter, subjects, body
/// (markdown as HTML, marked where its translation is pending), evidence.
pub(super) fn entry(v: &Ctx, u: &Update) -> Value {
    let (body, pending) = match (v.lang, &u.body_en) {
        (Lang::En, Some(en)) => (en.as_str(), false),
        (Lang::En, None) => (u.body_zh.as_str(), true),
        _ => (u.body_zh.as_str(), false),
    };
    let subjects: Vec<Value> = u
        .subjects
        .iter()
        .map(|s| json!({"url": v.url(&s.path()), "label": v.subject_label(*s)}))
        .collect();
    json!({
        "id": u.id,
        "date": u.date,
        "status": {"key": u.status.key(), "label": v.t(&format!("status_{}", u.status.key())), "percent": u.percent, "overdue": false},
        "reporter": v.agencies(std::slice::from_ref(&u.reporter)),
        "reporter_name": v.site.agency(&u.reporter).map(|a| v.plain(&a.name)).unwrap_or_default(),
        "body": markdown::to_html(body, 2, v.text_lang(pending), &v.base_url),
        "pending": pending,
        "subjects": subjects,
        "evidence": u.evidence.iter().map(|e| json!({"title": v.tx(&e.title), "href": e.href})).collect::<Vec<_>>(),
    })
}

fn changelog(v: &Ctx) -> PageView {
    let s = v.site;
    let mut by_date: Vec<(String, Vec<Value>)> = Vec::new();
    for u in s.updates.iter().rev() {
        match by_date.last_mut() {
            Some((d, list)) if *d == u.date => list.push(entry(v, u)),
            _ => by_date.push((u.date.clone(), vec![entry(v, u)])),
        }
    }
    let days: Vec<Value> = by_date
        .into_iter()
        .map(|(date, updates)| json!({"date": date, "updates": updates}))
        .collect();
    v.page(
        "updates/",
        "updates.html",
        PageKind::List,
        esc(v.t("updates")),
        v.t("updates").to_string(),
        &[],
        json!({"days": days, "feed": v.feed_url("feed.xml")}),
    )
}

/// Every subject past its due date and not completed, at the build date.
fn overdue(v: &Ctx) -> PageView {
    let overdue: Vec<Value> = v
        .progress
        .subjects
        .iter()
        .filter(|(_, p)| p.overdue)
        .map(|(subject, p)| {
            json!({"url": v.url(&subject.path()), "label": v.subject_label(*subject), "due": p.due,
                                   "status": v.status_badge(*subject)})
        })
        .collect();
    v.page(
        "overdue/",
        "overdue.html",
        PageKind::List,
        esc(v.t("overdue_list")),
        v.t("overdue_list").to_string(),
        &[],
        json!({"items": overdue, "build_date": v.site.config.build_date}),
    )
}
