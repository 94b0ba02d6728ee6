//! Every bilingual text of the content, with the file and position a
//! diagnostic about it points at.

use crate::load::raw::Text;
use crate::load::yaml::{line_col, Spanned};
use crate::load::RawSite;
use std::path::Path;

/// One bilingual text and where it is written.
pub(super) struct Entry<'a> {
    pub file: &'a Path,
    pub line: u64,
    pub column: u64,
    pub what: String,
    pub text: &'a Text,
}

pub(super) fn at<'a, T>(file: &'a Path, s: &Spanned<T>, what: String, text: &'a Text) -> Entry<'a> {
    let (line, column) = line_col(s);
    Entry {
        file,
        line,
        column,
        what,
        text,
    }
}

fn whole<'a>(file: &'a Path, what: String, text: &'a Text) -> Entry<'a> {
    Entry {
        file,
        line: 0,
        column: 0,
        what,
        text,
    }
}

/// The `texts` of the numbered `item` (an indicator, a task …), each at the
/// item's number and named `{item} {number} {what}`.
fn numbered<'a>(
    file: &'a Path,
    number: &Spanned<u32>,
    item: &str,
    texts: impl IntoIterator<Item = (&'static str, &'a Text)>,
) -> Vec<Entry<'a>> {
    let n = number.value;
    let entry = |(what, t)| at(file, number, format!("{item} {n} {what}"), t);
    texts.into_iter().map(entry).collect()
}

/// Every bilingual text of the content, with its position.
pub(super) fn entries(raw: &RawSite) -> Vec<Entry<'_>> {
    let p = &raw.paths;
    let mut v = Vec::new();
    if let Some(c) = &raw.config {
        v.push(whole(&p.config, "site title".into(), &c.title));
        v.extend(
            c.description
                .iter()
                .map(|d| whole(&p.config, "site description".into(), d)),
        );
    }
    if let Some(doc) = &raw.document {
        let d = &doc.document;
        for (what, t) in [
            ("title", &d.title),
            ("subject", &d.subject),
            ("genre", &d.genre),
            ("issuer", &d.issuer),
            ("signature", &d.signed_by),
        ] {
            v.push(whole(&p.document, format!("document {what}"), t));
        }
        v.extend(
            d.notice
                .iter()
                .enumerate()
                .map(|(i, t)| whole(&p.document, format!("notice paragraph {}", i + 1), t)),
        );
        let ti = &doc.titles;
        for (what, t) in [
            ("attachment 1", &ti.attachment1),
            ("attachment 2", &ti.attachment2),
            ("indicator list", &ti.indicators),
            ("task list", &ti.tasks),
            ("project list", &ti.projects),
        ] {
            v.push(whole(&p.document, format!("title of the {what}"), t));
        }
    }
    for c in &raw.chapters {
        v.push(whole(
            &p.chapters,
            format!("chapter {} title", c.number),
            &c.title,
        ));
        for s in &c.sections {
            v.push(whole(
                &p.chapters,
                format!("chapter {} section {} title", c.number, s.number),
                &s.title,
            ));
        }
    }
    for i in &raw.indicators {
        let texts = [
            ("domain", &i.domain),
            ("name", &i.name),
            ("target", &i.target),
        ];
        v.extend(numbered(&p.indicators, &i.number, "indicator", texts));
    }
    for t in &raw.tasks {
        v.extend(numbered(&p.tasks, &t.number, "task", [("text", &t.text)]));
    }
    for pr in raw.projects.iter().flat_map(|x| &x.items) {
        let texts = [
            ("category", &pr.category),
            ("name", &pr.name),
            ("content", &pr.content),
        ];
        v.extend(numbered(&p.projects, &pr.number, "project", texts));
    }
    for (path, list) in &raw.key_task_lists {
        v.push(whole(
            path,
            format!("{} key-task list title", list.year),
            &list.title,
        ));
        for k in &list.items {
            let texts = [("category", &k.category), ("text", &k.text)];
            let note = k.note.iter().map(|t| ("note", t));
            v.extend(numbered(
                path,
                &k.number,
                "key task",
                texts.into_iter().chain(note),
            ));
        }
    }
    v
}

/// Names (agencies, rivers, sections) are `zh` + optional `en` on the entry.
pub(super) fn names(raw: &RawSite) -> Vec<(&Path, &Spanned<String>, Text)> {
    let (agencies, rivers) = (raw.paths.agencies.as_path(), raw.paths.rivers.as_path());
    let name = |zh: &String, en: &Option<String>| Text {
        zh: zh.clone(),
        en: en.clone(),
    };
    let mut v = Vec::new();
    for a in &raw.agencies {
        v.push((agencies, &a.id, name(&a.zh, &a.en)));
    }
    for r in &raw.rivers {
        v.push((rivers, &r.id, name(&r.zh, &r.en)));
        for s in &r.sections {
            v.push((rivers, &s.id, name(&s.zh, &s.en)));
            v.push((rivers, &s.id, s.source.clone()));
        }
    }
    v
}
