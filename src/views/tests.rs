//! Views derived from the test fixture (through load and validate), checked
//! field by field: no template, no rendering.

use super::context::Shared;
use super::family::{Family, Jobs};
use super::index::Involved;
use super::{agencies, feeds, key_tasks, reference, rivers, tasks, updates, Ctx, Mode};
use super::{PageView, Strings, FAMILIES};
use crate::model::*;
use crate::progress::Progress;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Mutex;

fn fixture() -> Site {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
    let (raw, diags) = crate::load::load(&dir);
    match crate::validate::validate(raw, diags) {
        Ok((site, _warnings)) => site,
        Err(_) => panic!("the fixture is valid"),
    }
}

fn strings() -> Strings {
    [
        ("translation_pending", "translation pending"),
        ("task", "Task"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// Run `f` with the site's view in `lang`.
fn with_ctx<T>(site: &Site, lang: Lang, f: impl FnOnce(&Ctx) -> T) -> T {
    let progress = Progress::of(site);
    let involved = Involved::new(site);
    let mode = Mode::default();
    let shared = Shared {
        site,
        progress: &progress,
        involved: &involved,
        base_url: "https://example.gov.cn/ghjh/",
        mode: &mode,
    };
    let t = strings();
    f(&Ctx::new(&shared, lang, &t))
}

fn numbers(rows: &[tasks::TaskRow]) -> Vec<u32> {
    rows.iter().map(|r| r.number).collect()
}

#[test]
fn an_agency_page_lists_each_task_once() {
    let mut site = fixture();
    // Lead and responsible on the same task: listed once, as lead.
    site.plan.tasks[0].responsible.push("water".into());
    let water = site.agency("water").unwrap().clone();
    with_ctx(&site, Lang::Zh, |v| {
        let view = agencies::agency(v, &water);
        assert_eq!(numbers(&view.led), [1, 3]);
        assert_eq!(numbers(&view.shared), [2]);
        assert_eq!(view.rollup.total, 3, "each task counted once");
        let csv: Vec<&str> = view.downloads.iter().map(|d| d.url.as_str()).collect();
        assert_eq!(
            csv,
            [
                "/data/agencies/water-tasks.csv",
                "/data/agencies/water-key-tasks.csv"
            ]
        );
    });
}

#[test]
fn a_pending_translation_carries_the_mark_and_the_chinese() {
    let site = fixture();
    with_ctx(&site, Lang::En, |v| {
        let translated = tasks::row(v, &site.plan.tasks[0]);
        assert_eq!(translated.text.as_str(), "Manage water resources strictly.");
        let pending = tasks::row(v, &site.plan.tasks[2]);
        assert_eq!(
            pending.text.as_str(),
            "<span lang=\"zh-CN\">建设化龙溪生态护岸。</span> \
             <span class=\"pending\">(translation pending)</span>"
        );
    });
    with_ctx(&site, Lang::Zh, |v| {
        let zh = tasks::row(v, &site.plan.tasks[2]);
        assert_eq!(
            zh.text.as_str(),
            "建设化龙溪生态护岸。",
            "Chinese is never pending"
        );
    });
}

#[test]
fn text_stays_text_and_html_is_escaped_once() {
    let mut site = fixture();
    site.agencies[0].name.zh = "水利<局> & \"站\"".into();
    with_ctx(&site, Lang::Zh, |v| {
        let list = tasks::list(v);
        let label = list.filters.agencies.iter().find(|c| c.value == "water");
        // Plain text for Tera to escape…
        assert_eq!(label.unwrap().label, "水利<局> & \"站\"");
        // …and HTML, escaped here, for the template to print as it is.
        let row = tasks::row(v, &site.plan.tasks[0]);
        assert_eq!(
            row.lead[0].name.as_str(),
            "水利&lt;局&gt; &amp; &quot;站&quot;"
        );
    });
}

#[test]
fn a_task_links_its_first_glossary_term_and_shows_its_note() {
    let site = fixture();
    with_ctx(&site, Lang::Zh, |v| {
        let view = tasks::task(v, 1, &site.plan.tasks[1]);
        assert_eq!(
            view.text.as_str(),
            "加强濑溪河流域<a class=\"term\" href=\"/glossary/#ecological-restoration\">生态修复</a>。"
        );
        assert!(view.note.is_some(), "task 2 has a note");
        assert_eq!(view.prev.as_ref().map(|p| p.number), Some(1));
        assert_eq!(view.next.as_ref().map(|p| p.number), Some(3));
        let rivers: Vec<&str> = view.rivers.iter().map(|r| r.url.as_str()).collect();
        assert_eq!(rivers, ["/rivers/laixi/"]);
    });
    with_ctx(&site, Lang::En, |v| {
        let view = tasks::task(v, 2, &site.plan.tasks[2]);
        let note = tasks::task(v, 1, &site.plan.tasks[1]).note.unwrap();
        assert!(
            note.as_str()
                .starts_with("<p class=\"pending\">(translation pending)</p>"),
            "the note has no English: {}",
            note.as_str()
        );
        assert!(view.next.is_none());
        assert_eq!(view.corrections.len(), 1);
    });
}

#[test]
fn a_river_file_lists_what_names_it_and_its_tributaries() {
    let site = fixture();
    let laixi = site.river("laixi").unwrap().clone();
    with_ctx(&site, Lang::En, |v| {
        let view = rivers::river(v, &laixi);
        assert_eq!(numbers(&view.tasks), [2]);
        let tributaries: Vec<&str> = view.tributaries.iter().map(|r| r.url.as_str()).collect();
        assert_eq!(tributaries, ["/en/rivers/hualong-creek/"]);
        assert!(view.tributary_of.is_empty());
        assert_eq!(view.other_name, "濑溪河");
        assert_eq!(view.sections.len(), 1);
        assert_eq!(view.feed.as_deref(), Some("/en/rivers/laixi/feed.xml"));
    });
}

#[test]
fn the_overdue_list_holds_exactly_the_overdue_items() {
    let site = fixture();
    let progress = Progress::of(&site);
    let expected: Vec<String> = progress
        .subjects
        .iter()
        .filter(|(_, p)| p.overdue)
        .map(|(s, _)| format!("/{}", s.path()))
        .collect();
    with_ctx(&site, Lang::Zh, |v| {
        let view = updates::overdue(v);
        let urls: Vec<&str> = view.items.iter().map(|i| i.url.as_str()).collect();
        assert_eq!(urls, expected);
        assert!(view
            .items
            .iter()
            .all(|i| i.status.as_ref().is_some_and(|s| s.overdue)));
        assert_eq!(view.build_date, Some("2023-01-15"));
    });
}

#[test]
fn the_changelog_groups_updates_by_date_newest_first() {
    let site = fixture();
    with_ctx(&site, Lang::En, |v| {
        let view = updates::changelog(v);
        let dates: Vec<&str> = view.days.iter().map(|d| d.date).collect();
        let mut sorted = dates.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        sorted.dedup();
        assert_eq!(dates, sorted, "one group per date, newest first");
        let total: usize = view.days.iter().map(|d| d.updates.len()).sum();
        assert_eq!(total, site.updates.len());
        let untranslated = view
            .days
            .iter()
            .flat_map(|d| &d.updates)
            .find(|u| u.pending);
        assert!(
            untranslated.is_some(),
            "an update without English is marked pending"
        );
    });
}

#[test]
fn key_tasks_group_by_consecutive_category() {
    let site = fixture();
    let list = &site.plan.key_task_lists[0];
    with_ctx(&site, Lang::Zh, |v| {
        let view = key_tasks::list(v, list);
        let items: usize = view.categories.iter().map(|c| c.items.len()).sum();
        assert_eq!(items, list.items.len());
        for pair in view.categories.windows(2) {
            assert_ne!(pair[0].category, pair[1].category);
        }
    });
}

#[test]
fn errata_and_glossary_hand_over_text_as_text() {
    let site = fixture();
    with_ctx(&site, Lang::En, |v| {
        let errata = reference::errata_view(v);
        let e1 = errata
            .errata
            .iter()
            .find(|e| e.correction.id == "E1")
            .unwrap();
        assert_eq!(e1.anchor, "e1");
        let glossary = reference::glossary_view(v);
        let term = &glossary.terms[0];
        assert_eq!(
            (term.term, term.other),
            ("ecological restoration", "生态修复")
        );
        assert_eq!(term.other_lang, "zh-CN");
    });
}

/// Every page every family makes, in both languages.
fn all_pages(site: &Site, mode: &Mode) -> Vec<(&'static str, PageView)> {
    let progress = Progress::of(site);
    let involved = Involved::new(site);
    let shared = Shared {
        site,
        progress: &progress,
        involved: &involved,
        base_url: "/",
        mode,
    };
    let t = strings();
    let pages = Collect(Mutex::new(Vec::new()));
    for lang in Lang::ALL {
        let v = Ctx::new(&shared, lang, &t);
        for family in FAMILIES {
            let derive = Default::default();
            rayon::scope(|scope| {
                let jobs = Jobs {
                    scope,
                    family,
                    lang,
                    publish: &pages,
                    derive: &derive,
                };
                (family.pages)(&v, &jobs);
            });
        }
    }
    pages.0.into_inner().unwrap()
}

/// Keeps every page; a declared page's key must be its path.
struct Collect(Mutex<Vec<(&'static str, PageView)>>);

impl super::Publish for Collect {
    fn plan(&self, _: &'static Family, _: Lang, _: &super::Reads) -> Option<u128> {
        Some(0)
    }

    fn made(
        &self,
        family: &'static Family,
        lang: Lang,
        (reads, _): (&super::Reads, u128),
        page: Option<PageView>,
    ) {
        let Some(page) = page else { return };
        assert_eq!(
            page.path,
            format!("{}{}", lang.prefix(), reads.key),
            "family {} declares a page under another key",
            family.name
        );
        self.0.lock().unwrap().push((family.name, page));
    }
}

#[test]
fn each_page_uses_a_template_its_family_declares() {
    let site = fixture();
    let pages = all_pages(&site, &Mode::default());
    let declared = |name: &str| -> BTreeSet<&'static str> {
        let family = FAMILIES.iter().find(|f| f.name == name).unwrap();
        family
            .inputs()
            .into_iter()
            .filter_map(|i| match i {
                super::Input::Template(t) => Some(t),
                _ => None,
            })
            .collect()
    };
    for (family, page) in &pages {
        assert!(
            declared(family).contains(page.template),
            "{family} makes {} with {}, which it does not declare",
            page.path,
            page.template
        );
    }
    let paths: BTreeSet<&str> = pages.iter().map(|(_, p)| p.path.as_str()).collect();
    assert_eq!(paths.len(), pages.len(), "no page is made twice");
    for path in [
        "",
        "en/",
        "tasks/3/",
        "en/agencies/water/",
        "404.html",
        "en/feed.xml",
    ] {
        assert!(paths.contains(path), "{path} is made");
    }
}

#[test]
fn switched_off_outputs_make_no_pages() {
    let site = fixture();
    let mode = Mode {
        features: super::Features {
            search: false,
            feeds: false,
            data: false,
        },
        ..Mode::default()
    };
    let pages = all_pages(&site, &mode);
    assert!(pages.iter().all(|(_, p)| !p.path.ends_with("feed.xml")
        && !p.path.ends_with("search/")
        && !p.path.ends_with("data/")));
    assert!(pages.iter().all(|(f, _)| *f != feeds::FAMILY.name));
}

/// Every piece of staff text in the site, given markup.
fn taint(site: &mut Site) {
    const MARK: &str = "<u>&";
    fn t(text: &mut Text) {
        text.zh.push_str(MARK);
        if let Some(en) = &mut text.en {
            en.push_str(MARK);
        }
    }
    fn s(text: &mut String) {
        text.push_str(MARK);
    }
    t(&mut site.config.title);
    let d = &mut site.document;
    [
        &mut d.title,
        &mut d.subject,
        &mut d.genre,
        &mut d.issuer,
        &mut d.signed_by,
    ]
    .into_iter()
    .chain(&mut d.notice)
    .for_each(t);
    [&mut d.index_number, &mut d.doc_number, &mut d.written]
        .into_iter()
        .for_each(s);
    let ti = &mut site.titles;
    [
        &mut ti.attachment1,
        &mut ti.indicators,
        &mut ti.tasks,
        &mut ti.projects,
    ]
    .into_iter()
    .for_each(t);
    for c in &mut site.plan.chapters {
        t(&mut c.title);
        c.sections.iter_mut().for_each(|x| t(&mut x.title));
    }
    site.plan.tasks.iter_mut().for_each(|x| t(&mut x.text));
    for i in &mut site.plan.indicators {
        [&mut i.domain, &mut i.name, &mut i.target]
            .into_iter()
            .for_each(t);
    }
    for p in &mut site.plan.projects {
        [&mut p.category, &mut p.name, &mut p.content]
            .into_iter()
            .for_each(t);
        s(&mut p.investment);
    }
    for l in &mut site.plan.key_task_lists {
        t(&mut l.title);
        for k in &mut l.items {
            [&mut k.category, &mut k.text]
                .into_iter()
                .chain(&mut k.note)
                .for_each(t);
        }
    }
    for a in &mut site.agencies {
        t(&mut a.name);
        a.aliases.iter_mut().for_each(s);
    }
    for r in &mut site.rivers {
        t(&mut r.name);
        r.aliases.iter_mut().for_each(s);
        for x in &mut r.sections {
            [&mut x.name, &mut x.source].into_iter().for_each(t);
        }
    }
    for e in site.errata.values_mut() {
        [&mut e.raw, &mut e.corrected].into_iter().for_each(s);
        [&mut e.why].into_iter().chain(&mut e.evidence).for_each(t);
    }
    site.glossary.iter_mut().for_each(|g| t(&mut g.explain));
    for u in &mut site.updates {
        u.evidence.iter_mut().for_each(|e| t(&mut e.title));
    }
    for x in &mut site.indicator_values {
        [&mut x.source].into_iter().chain(&mut x.note).for_each(t);
        s(&mut x.value);
    }
    for w in &mut site.water_sources {
        [&mut w.name, &mut w.basis].into_iter().for_each(t);
    }
    for x in &mut site.schedules {
        [&mut x.what, &mut x.basis].into_iter().for_each(t);
    }
    site.publications.iter_mut().for_each(|p| t(&mut p.title));
}

/// The templates print unescaped only what the views made `Html`, and the
/// views escape every piece of text they put in it: text with markup in it
/// shows as text on every page.
#[test]
fn staff_text_never_reaches_a_page_unescaped() {
    let mut site = fixture();
    taint(&mut site);
    let (raw_theme, problems) = crate::load::theme::load(None);
    assert!(problems.is_empty(), "the embedded theme reads");
    let theme = match crate::render::theme::Theme::new(raw_theme) {
        Ok(theme) => theme,
        Err(_) => panic!("the embedded theme loads"),
    };
    let pages = all_pages(&site, &Mode::default());
    assert!(pages.len() > 50);
    for (_, page) in &pages {
        let html = match crate::render::render_html(&theme, page, "/", false) {
            Ok(html) => html,
            Err(d) => panic!("{d}"),
        };
        assert!(
            !html.contains("<u>"),
            "{} prints markup unescaped",
            page.path
        );
        assert!(
            html.contains("&lt;u&gt;&amp;"),
            "{} shows the text",
            page.path
        );
    }
}
