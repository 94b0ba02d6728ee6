//! Stage 3: the model → one view per page and language, ready for a template.
//!
//! A view is plain data (JSON for Tera). Links are written site-absolute
//! (`/en/tasks/8/`); the render stage rewrites them relative to each page so
//! the output works under any URL prefix and from a folder. Text that may be
//! untranslated is pre-rendered as escaped HTML carrying a visible
//! "translation pending" mark, so no template can show an empty cell.

pub mod progress;

use crate::model::*;
use crate::render::markdown;
use progress::{DueSource, Progress, Rollup};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};

/// Interface strings for one language.
pub type Strings = BTreeMap<String, String>;

/// What kind of site is being built: the live portal (which links its
/// yearly archives) or a frozen snapshot of one year.
#[derive(Default)]
pub struct Mode {
    /// (year, as-of date) when building a snapshot.
    pub snapshot: Option<(u32, String)>,
    pub archives: Vec<ArchiveSummary>,
    pub features: Features,
}

/// The optional outputs (all on by default; a benchmark switches them off).
#[derive(Clone, Copy)]
pub struct Features {
    pub search: bool,
    pub feeds: bool,
    pub data: bool,
}

impl Default for Features {
    fn default() -> Self {
        Features {
            search: true,
            feeds: true,
            data: true,
        }
    }
}

/// What the live site shows about one archive.
pub struct ArchiveSummary {
    pub year: u32,
    pub as_of: String,
    pub tasks: usize,
    pub updates: usize,
    pub pages: usize,
    pub manifest_hash: String,
    /// The archive's files (relative to it), to link archived versions of pages.
    pub paths: std::collections::BTreeSet<String>,
}

/// What a page is, for the government-website column and article tags:
/// a list of items (a column), one item (an article), or neither.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    List,
    Item,
    Other,
}

/// One page to render.
pub struct PageView {
    /// Output path relative to the site root, e.g. `en/tasks/8/` or `404.html`.
    pub path: String,
    pub template: &'static str,
    pub ctx: Value,
    /// Its language (the interface strings the template sees as `t`).
    pub lang: Lang,
    /// Served at any URL depth (the 404 page), so its links start from the
    /// site's base path instead of being relative.
    pub served_anywhere: bool,
}

pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

struct V<'a> {
    site: &'a Site,
    lang: Lang,
    t: &'a Strings,
    base_url: String,
    missing: std::sync::Mutex<std::collections::BTreeSet<String>>,
    progress: &'a BTreeMap<Subject, Progress<'a>>,
    involved: &'a Involved<'a>,
    mode: &'a Mode,
}

/// Who and what each task and project involves, indexed once so agency and
/// river pages look their items up instead of scanning every task.
struct Involved<'a> {
    /// Tasks an agency leads or shares, in task order.
    agency_tasks: BTreeMap<&'a str, Vec<&'a Task>>,
    /// Tasks and projects naming a river, in their order.
    river_tasks: BTreeMap<&'a str, Vec<&'a Task>>,
    river_projects: BTreeMap<&'a str, Vec<&'a Project>>,
    /// Updates an agency reported or that concern its items (its feed), in
    /// update order.
    agency_updates: BTreeMap<&'a str, Vec<&'a Update>>,
    /// Updates on items naming a river (its feed), in update order.
    river_updates: BTreeMap<&'a str, Vec<&'a Update>>,
}

impl<'a> Involved<'a> {
    fn new(site: &'a Site) -> Self {
        let mut agency_tasks: BTreeMap<&str, Vec<&Task>> = BTreeMap::new();
        let mut river_tasks: BTreeMap<&str, Vec<&Task>> = BTreeMap::new();
        let mut river_projects: BTreeMap<&str, Vec<&Project>> = BTreeMap::new();
        for t in &site.tasks {
            let agencies: std::collections::BTreeSet<&str> = t
                .lead
                .iter()
                .chain(&t.responsible)
                .map(String::as_str)
                .collect();
            for a in agencies {
                agency_tasks.entry(a).or_default().push(t);
            }
            for r in &t.rivers {
                river_tasks.entry(r).or_default().push(t);
            }
        }
        for p in &site.projects {
            for r in &p.rivers {
                river_projects.entry(r).or_default().push(p);
            }
        }
        // Who and which rivers each subject of an update concerns.
        let mut concerns: BTreeMap<Subject, (Vec<&str>, &[String])> = BTreeMap::new();
        let ids = |v: &'a [String]| v.iter().map(String::as_str).collect::<Vec<_>>();
        for t in &site.tasks {
            let mut who = ids(&t.lead);
            who.extend(ids(&t.responsible));
            concerns.insert(Subject::Task(t.number), (who, &t.rivers));
        }
        for i in &site.indicators {
            concerns.insert(Subject::Indicator(i.number), (ids(&i.lead), &[]));
        }
        for p in &site.projects {
            concerns.insert(Subject::Project(p.number), (ids(&p.responsible), &p.rivers));
        }
        for l in &site.key_task_lists {
            for k in &l.items {
                let mut who = ids(&k.responsible);
                who.extend(ids(&k.cooperating));
                concerns.insert(Subject::KeyTask(l.year, k.number), (who, &k.rivers));
            }
        }
        let mut agency_updates: BTreeMap<&str, Vec<&Update>> = BTreeMap::new();
        let mut river_updates: BTreeMap<&str, Vec<&Update>> = BTreeMap::new();
        for u in &site.updates {
            let mut agencies = std::collections::BTreeSet::from([u.reporter.as_str()]);
            let mut rivers = std::collections::BTreeSet::new();
            for (who, on) in u.subjects.iter().filter_map(|s| concerns.get(s)) {
                agencies.extend(who.iter().copied());
                rivers.extend(on.iter().map(String::as_str));
            }
            for a in agencies {
                agency_updates.entry(a).or_default().push(u);
            }
            for r in rivers {
                river_updates.entry(r).or_default().push(u);
            }
        }
        Involved {
            agency_tasks,
            river_tasks,
            river_projects,
            agency_updates,
            river_updates,
        }
    }
    fn agency_updates(&self, id: &str) -> &[&'a Update] {
        self.agency_updates.get(id).map_or(&[], Vec::as_slice)
    }
    fn river_updates(&self, id: &str) -> &[&'a Update] {
        self.river_updates.get(id).map_or(&[], Vec::as_slice)
    }
    fn agency_tasks(&self, id: &str) -> &[&'a Task] {
        self.agency_tasks.get(id).map_or(&[], Vec::as_slice)
    }
    fn river_tasks(&self, id: &str) -> &[&'a Task] {
        self.river_tasks.get(id).map_or(&[], Vec::as_slice)
    }
    fn river_projects(&self, id: &str) -> &[&'a Project] {
        self.river_projects.get(id).map_or(&[], Vec::as_slice)
    }
}

impl<'a> V<'a> {
    /// An interface string. A missing key is recorded (the build fails on it)
    /// rather than shown as the key.
    fn t<'k>(&'k self, key: &'k str) -> &'k str {
        self.t.get(key).map(String::as_str).unwrap_or_else(|| {
            self.missing
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(key.to_string());
            key
        })
    }

    /// Site-absolute URL of a language-neutral path ("tasks/8/").
    fn url(&self, path: &str) -> String {
        format!("/{}{}", self.lang.prefix(), path)
    }

    /// Escaped HTML of a text, with the Chinese and a mark where English is pending.
    fn tx(&self, text: &Text) -> String {
        match text.get(self.lang) {
            Some(s) => esc(s),
            None => format!(
                "<span lang=\"zh-CN\">{}</span> <span class=\"pending\">({})</span>",
                esc(&text.zh),
                esc(self.t("translation_pending"))
            ),
        }
    }

    /// Escaped HTML of a page's main text, where the first use of each
    /// glossary term links to its entry.
    fn tx_linked(&self, text: &Text) -> String {
        match text.get(self.lang) {
            Some(s) => self.link_terms(s),
            None => self.tx(text),
        }
    }

    fn link_terms(&self, s: &str) -> String {
        // Each term's first occurrence; leftmost first, longest wins, no overlaps.
        let english =
            (self.lang == Lang::En).then(|| crate::validate::translation::English::new(s));
        let mut hits: Vec<(std::ops::Range<usize>, &GlossaryEntry)> = self
            .site
            .glossary
            .iter()
            .filter_map(|g| {
                let r = match &english {
                    None => s.find(g.zh.as_str()).map(|i| i..i + g.zh.len()),
                    Some(en) => en.find(&g.forms),
                };
                r.map(|r| (r, g))
            })
            .collect();
        hits.sort_by_key(|(r, g)| (r.start, std::cmp::Reverse(r.end), g.id.clone()));
        let mut out = String::with_capacity(s.len() + 64);
        let mut pos = 0;
        for (r, g) in hits {
            if r.start < pos {
                continue;
            }
            out.push_str(&esc(&s[pos..r.start]));
            out.push_str(&format!(
                "<a class=\"term\" href=\"{}\">{}</a>",
                self.url(&format!("glossary/#{}", g.id)),
                esc(&s[r.clone()])
            ));
            pos = r.end;
        }
        out.push_str(&esc(&s[pos..]));
        out
    }

    /// Plain text (for <title> and meta): the language's text or the Chinese.
    fn plain(&self, text: &Text) -> String {
        text.get(self.lang).unwrap_or(&text.zh).to_string()
    }

    fn agencies(&self, ids: &[String]) -> Vec<Value> {
        ids.iter()
            .filter_map(|id| self.site.agency(id))
            .map(|a| json!({"url": self.url(&format!("agencies/{}/", a.id)), "name": self.tx(&a.name), "group": a.is_group}))
            .collect()
    }

    fn rivers(&self, ids: &[String]) -> Vec<Value> {
        ids.iter()
            .filter_map(|id| self.site.river(id))
            .map(|r| json!({"url": self.url(&format!("rivers/{}/", r.id)), "name": self.tx(&r.name)}))
            .collect()
    }

    fn corrections(&self, ids: &[String]) -> Vec<Value> {
        ids.iter()
            .filter_map(|id| self.site.errata.get(id))
            .map(|e| {
                json!({
                    "id": e.id,
                    "lost": e.lost_field.is_some(),
                    "kept": e.lost_field.is_none() && e.raw == e.corrected,
                    "raw": e.raw,
                    "corrected": e.corrected,
                    "why": self.tx(&e.why),
                    "url": self.url(&format!("errata/#{}", e.id.to_lowercase())),
                })
            })
            .collect()
    }

    /// The language of a text shown on this page: the page's, or Chinese
    /// while its translation is pending.
    fn text_lang(&self, pending: bool) -> Lang {
        if pending {
            Lang::Zh
        } else {
            self.lang
        }
    }

    /// Where the page shows an agency's registry name for an alias the
    /// document wrote (区应急局 → 区应急管理局): the document's wording, and
    /// the agency as the page names it.
    fn written_as(&self, map: &BTreeMap<String, String>) -> Vec<Value> {
        map.iter()
            .filter_map(|(id, wording)| {
                let a = self.site.agency(id)?;
                Some(json!({"wording": wording, "name": self.tx(&a.name), "url": self.url(&format!("agencies/{id}/"))}))
            })
            .collect()
    }

    fn note(&self, kind: &str, id: &str) -> Option<String> {
        let md = self.site.notes.get(&(kind.to_string(), id.to_string()))?;
        let (m, pending) = match (self.lang, &md.en) {
            (Lang::En, Some(en)) => (en, false),
            (Lang::En, None) => (md.zh.as_ref()?, true),
            (Lang::Zh, _) => (md.zh.as_ref()?, false),
        };
        let html = markdown::to_html(&m.body, 1, self.text_lang(pending), &self.base_url);
        Some(if pending {
            format!(
                "<p class=\"pending\">({})</p><div lang=\"zh-CN\">{html}</div>",
                esc(self.t("translation_pending"))
            )
        } else {
            html
        })
    }

    fn task_row(&self, t: &Task) -> Value {
        json!({
            "number": t.number,
            "url": self.url(&format!("tasks/{}/", t.number)),
            "text": self.tx(&t.text),
            "lead": self.agencies(&t.lead),
            "chapter": t.chapter,
            "status": self.status_badge(Subject::Task(t.number)),
            "agency_ids": t.lead.iter().chain(&t.responsible).cloned().collect::<Vec<_>>().join(" "),
            "river_ids": t.rivers.join(" "),
        })
    }

    fn key_task_row(&self, list: &KeyTaskList, k: &KeyTask) -> Value {
        json!({
            "number": k.number,
            "year": list.year,
            "url": self.url(&format!("key-tasks/{}/{}/", list.year, k.number)),
            "text": self.tx(&k.text),
            "category": self.tx(&k.category),
            "responsible": self.agencies(&k.responsible),
            "lost_responsible": k.lost.iter().any(|f| f == "responsible"),
            "status": self.status_badge(Subject::KeyTask(list.year, k.number)),
        })
    }

    /// An investment (亿元, as the plan writes it) in a table cell under a
    /// column that names the unit: the bare figure in Chinese, the English
    /// amount form in English (whose column does not name a unit).
    fn amount_cell(&self, yi: &str) -> String {
        match self.lang {
            Lang::Zh => yi.to_string(),
            Lang::En => self.amount(yi),
        }
    }

    /// An investment (亿元) in running text: "2 亿元", "CNY 200 million".
    fn amount(&self, yi: &str) -> String {
        match self.lang {
            Lang::Zh => format!("{yi} {}", self.t("unit_yi")),
            // Validation has checked that every investment is an amount.
            Lang::En => amount::yi_english(yi).unwrap_or_else(|| yi.to_string()),
        }
    }

    fn project_row(&self, p: &Project) -> Value {
        json!({
            "number": p.number,
            "url": self.url(&format!("projects/{}/", p.number)),
            "name": self.tx(&p.name),
            "category": self.tx(&p.category),
            "investment": self.amount_cell(&p.investment),
            "amount": self.amount(&p.investment),
            "years": range(self.lang, p.start_year, p.end_year),
            "responsible": self.agencies(&p.responsible),
            "status": self.status_badge(Subject::Project(p.number)),
        })
    }

    fn indicator_row(&self, i: &Indicator) -> Value {
        json!({
            "number": i.number,
            "url": self.url(&format!("indicators/{}/", i.number)),
            "name": self.tx(&i.name),
            "domain": self.tx(&i.domain),
            "attribute": self.t(if i.binding { "binding" } else { "expected" }),
            "target": self.tx(&i.target),
            "lead": self.agencies(&i.lead),
            "status": self.status_badge(Subject::Indicator(i.number)),
        })
    }

    /// An indicator's reported values against its 2025 target, with a chart.
    fn indicator_values(&self, i: &Indicator) -> Value {
        let values: Vec<&IndicatorValue> = self
            .site
            .indicator_values
            .iter()
            .filter(|x| x.indicator == i.number)
            .collect();
        let direction = self
            .site
            .indicator_directions
            .get(&i.number)
            .map(|d| match d {
                Direction::AtLeast => self.t("direction_at_least"),
                Direction::AtMost => self.t("direction_at_most"),
                Direction::MeetCityTarget => self.t("direction_city"),
            });
        let rows: Vec<Value> = values
            .iter()
            .map(|x| json!({"year": x.year, "value": x.value, "source": self.tx(&x.source), "note": x.note.as_ref().map(|n| self.tx(n))}))
            .collect();
        let target: Option<f64> = i
            .target
            .zh
            .trim_start_matches(['≥', '≤'])
            .trim()
            .parse()
            .ok();
        json!({
            "direction": direction,
            "rows": rows,
            "chart": progress::values_svg(&values, target, &format!("{} ({})", self.plain(&i.name), self.t("target_2025"))),
        })
    }

    /// The latest published result for a monitoring section or source.
    fn latest_result(&self, site: &str) -> Value {
        let latest = self
            .site
            .publications
            .iter()
            .flat_map(|p| {
                p.results
                    .iter()
                    .filter(|r| r.site == site)
                    .map(move |r| (p, r))
            })
            .max_by(|a, b| {
                (a.0.period.end(), &a.0.published).cmp(&(b.0.period.end(), &b.0.published))
            });
        match latest {
            Some((p, r)) => {
                json!({"period": p.period.label(), "class": r.class, "meets": r.meets_standard, "url": p.url})
            }
            None => Value::Null,
        }
    }

    /// The status of a subject, for a table cell.
    fn status_badge(&self, s: Subject) -> Value {
        match self.progress.get(&s) {
            Some(p) => {
                json!({"key": p.status.key(), "label": self.t(&format!("status_{}", p.status.key())), "overdue": p.overdue, "percent": p.percent})
            }
            None => Value::Null,
        }
    }

    /// A subject's progress for its page: status, due date, the timeline.
    fn progress_view(&self, s: Subject) -> Value {
        let Some(p) = self.progress.get(&s) else {
            return Value::Null;
        };
        let timeline: Vec<Value> = p
            .timeline
            .iter()
            .rev()
            .map(|u| self.update_view(u))
            .collect();
        json!({
            "status": self.status_badge(s),
            "due": p.due,
            "due_stated": p.due_source == DueSource::Stated,
            "timeline": timeline,
        })
    }

    fn update_view(&self, u: &Update) -> Value {
        let (body, pending) = match (self.lang, &u.body_en) {
            (Lang::En, Some(en)) => (en.as_str(), false),
            (Lang::En, None) => (u.body_zh.as_str(), true),
            _ => (u.body_zh.as_str(), false),
        };
        let subjects: Vec<Value> = u
            .subjects
            .iter()
            .map(|s| json!({"url": self.url(&s.path()), "label": self.subject_label(*s)}))
            .collect();
        json!({
            "id": u.id,
            "date": u.date,
            "status": {"key": u.status.key(), "label": self.t(&format!("status_{}", u.status.key())), "percent": u.percent, "overdue": false},
            "reporter": self.agencies(std::slice::from_ref(&u.reporter)),
            "reporter_name": self.site.agency(&u.reporter).map(|a| self.plain(&a.name)).unwrap_or_default(),
            "body": markdown::to_html(body, 2, self.text_lang(pending), &self.base_url),
            "pending": pending,
            "subjects": subjects,
            "evidence": u.evidence.iter().map(|e| json!({"title": self.tx(&e.title), "href": e.href})).collect::<Vec<_>>(),
        })
    }

    fn subject_label(&self, s: Subject) -> String {
        match s {
            Subject::Task(n) => format!("{} {n}", self.t("task")),
            Subject::Indicator(n) => format!("{} {n}", self.t("indicator")),
            Subject::Project(n) => format!("{} {n}", self.t("project")),
            Subject::KeyTask(y, n) => format!("{y} {} {n}", self.t("key_task")),
        }
    }

    /// Counts by status of `subjects`, with the chart and the rule.
    fn rollup(&self, subjects: impl IntoIterator<Item = Subject>) -> Value {
        let mut r = Rollup::default();
        for s in subjects {
            if let Some(p) = self.progress.get(&s) {
                r.add(p);
            }
        }
        let rows: Vec<Value> = Status::ALL
            .iter()
            .map(|s| json!({"key": s.key(), "label": self.t(&format!("status_{}", s.key())), "count": r.counts.get(s).copied().unwrap_or(0)}))
            .collect();
        let chart = progress::rollup_svg(
            &r,
            |s| self.t(&format!("status_{}", s.key())).to_string(),
            self.t("rollup_caption"),
        );
        json!({"total": r.total, "overdue": r.overdue, "rows": rows, "chart": chart})
    }

    /// On a snapshot page: the banner's date and the link to the live page
    /// (written `/../../path`, which the link rewriting turns into a path
    /// from the snapshot's folder, `archive/YEAR/`, up to the live site).
    fn snapshot_banner(&self, path: &str) -> Value {
        let Some((_, as_of)) = &self.mode.snapshot else {
            return Value::Null;
        };
        let (y, m, d) = (
            &as_of[..4],
            as_of[5..7].trim_start_matches('0'),
            as_of[8..].trim_start_matches('0'),
        );
        let date = match self.lang {
            Lang::Zh => format!("{y}年{m}月{d}日"),
            Lang::En => {
                const MONTHS: [&str; 12] = [
                    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                    "Dec",
                ];
                format!(
                    "{d} {} {y}",
                    MONTHS[m.parse::<usize>().unwrap_or(1).clamp(1, 12) - 1]
                )
            }
        };
        let live_path = format!("{}{path}", self.lang.prefix());
        json!({
            "date": date,
            "as_of": as_of,
            "live": format!("/../../{live_path}"),
            "original": if self.base_url.contains("://") { format!("{}{live_path}", self.base_url) } else { String::new() },
            "memento_datetime": format!("{as_of}T00:00:00Z"),
        })
    }

    /// A feed's URL, or null when feeds are switched off.
    fn feed_url(&self, path: &str) -> Value {
        if self.mode.features.feeds {
            json!(self.url(path))
        } else {
            Value::Null
        }
    }

    /// On a live page: the archived versions of the same page.
    fn archived_versions(&self, path: &str) -> Vec<Value> {
        let file = format!("{}{}index.html", self.lang.prefix(), path);
        self.mode
            .archives
            .iter()
            .filter(|a| path.ends_with('/') && a.paths.contains(&file))
            .map(|a| json!({"year": a.year, "as_of": a.as_of, "url": format!("/archive/{}/{file}", a.year)}))
            .collect()
    }

    /// The government-website `<meta>` tags: site tags on every page, column
    /// tags on list pages, article tags on item pages.
    fn gov_meta(&self, kind: Kind, title: &str) -> Value {
        let cfg = &self.site.config;
        let domain = self
            .base_url
            .split("://")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .unwrap_or("");
        let list = kind == Kind::List;
        let item = kind == Kind::Item;
        json!({
            "site_domain": domain,
            "site_code": cfg.footer.site_code.clone().unwrap_or_default(),
            "column": if list { title } else { "" },
            "column_type": if list { self.t("column_type") } else { "" },
            "article": if item { title } else { "" },
            "pub_date": self.site.document.published,
            "source": self.plain(&self.site.document.issuer),
        })
    }

    /// The frame every page shares: language, links to the twin, breadcrumb, nav.
    #[allow(clippy::too_many_arguments)]
    fn page(
        &self,
        path: &str,
        template: &'static str,
        kind: Kind,
        title_html: String,
        title_plain: String,
        crumbs: &[(&str, String)],
        page: Value,
    ) -> PageView {
        let mut breadcrumbs = vec![json!({"title": esc(self.t("home")), "url": self.url("")})];
        for (p, title) in crumbs {
            breadcrumbs.push(json!({"title": title, "url": self.url(p)}));
        }
        let other = self.lang.other();
        let alt = format!("/{}{}", other.prefix(), path);
        let nav_items = [
            ("plan/", "plan"),
            ("tasks/", "tasks"),
            ("indicators/", "indicators"),
            ("projects/", "projects"),
            ("key-tasks/", "key_tasks"),
            ("agencies/", "agencies"),
            ("rivers/", "rivers"),
            ("updates/", "updates"),
            ("water/", "water"),
            ("glossary/", "glossary"),
            ("data/", "data"),
            ("archive/", "archive"),
            ("search/", "search"),
        ];
        let nav: Vec<Value> = nav_items
            .iter()
            .filter(|(p, _)| !(self.mode.snapshot.is_some() && *p == "archive/"))
            .filter(|(p, _)| (self.mode.features.data || *p != "data/") && (self.mode.features.search || *p != "search/"))
            .map(|(p, k)| json!({"url": self.url(p), "title": self.t(k), "active": !path.is_empty() && path.starts_with(p)}))
            .collect();
        let cfg = &self.site.config;
        let footer: Vec<Value> = [
            cfg.footer.sponsor.as_ref().map(|s| self.tx(s)),
            cfg.footer.contact.as_ref().map(|s| self.tx(s)),
        ]
        .into_iter()
        .flatten()
        .chain(
            [
                ("site_code_label", &cfg.footer.site_code),
                ("icp_label", &cfg.footer.icp),
                ("police_label", &cfg.footer.police),
            ]
            .into_iter()
            .filter_map(|(label, v)| {
                v.as_ref()
                    .map(|v| format!("{}: {}", esc(self.t(label)), esc(v)))
            }),
        )
        .map(Value::String)
        .collect();
        PageView {
            path: format!("{}{}", self.lang.prefix(), path),
            template,
            served_anywhere: false,
            lang: self.lang,
            ctx: json!({
                "lang": self.lang.code(),
                "lang_key": self.lang.key(),
                "other_lang": other.code(),
                "site_title": self.plain(&cfg.title),
                "site_title_html": self.tx(&cfg.title),
                "description": cfg.description.as_ref().map(|d| self.plain(d)).unwrap_or_default(),
                "title": title_html,
                "head_title": title_plain,
                "url": self.url(path),
                "alt_url": alt,
                "canonical": format!("{}{}{}", self.base_url, self.lang.prefix(), path),
                "alt_canonical": format!("{}{}{}", self.base_url, other.prefix(), path),
                "home_url": self.url(""),
                "breadcrumbs": breadcrumbs,
                "nav": nav,
                "footer": footer,
                "build_date": cfg.build_date.clone().unwrap_or_default(),
                "commit": cfg.commit.clone().unwrap_or_default(),
                "gov": self.gov_meta(kind, &title_plain),
                "snapshot": self.snapshot_banner(path),
                "archived": self.archived_versions(path),
                "og_locale": match self.lang { Lang::Zh => "zh_CN", Lang::En => "en_US" },
                "page": page,
            }),
        }
    }
}

fn range_label(lang: Lang, first: Option<u32>, last: Option<u32>) -> String {
    match (first, last) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => range(lang, a, b),
        _ => String::new(),
    }
}

/// A range of years or numbers: "2021—2025" in Chinese, with an en dash
/// ("2021–2025") in English.
fn range(lang: Lang, a: u32, b: u32) -> String {
    match lang {
        Lang::Zh => format!("{a}—{b}"),
        Lang::En => format!("{a}–{b}"),
    }
}

/// An Atom feed of `updates` (newest first) at `path`.
/// Only called when feeds are on.
fn feed(v: &V, path: &str, title: String, mut updates: Vec<&Update>) -> PageView {
    updates.reverse();
    let updated = updates
        .first()
        .map(|u| u.date.clone())
        .or_else(|| v.site.config.build_date.clone())
        .unwrap_or_else(|| v.site.document.published.clone());
    let absolute = v.base_url.contains("://");
    let id = |p: &str| {
        if absolute {
            format!("{}{}{p}", v.base_url, v.lang.prefix())
        } else {
            format!("tag:gongkai,2022:{}{p}", v.lang.prefix())
        }
    };
    let entries: Vec<Value> = updates
        .iter()
        .map(|u| {
            let mut e = v.update_view(u);
            e["entry_id"] = json!(id(&format!("updates/#{}", u.id)));
            e["link"] = json!(u
                .subjects
                .first()
                .map(|s| v.url(&s.path()))
                .unwrap_or_else(|| v.url("updates/")));
            e["title"] = json!(format!(
                "{} · {} · {}",
                u.subjects
                    .iter()
                    .map(|s| v.subject_label(*s))
                    .collect::<Vec<_>>()
                    .join(", "),
                v.t(&format!("status_{}", u.status.key())),
                u.date
            ));
            e
        })
        .collect();
    let mut page = v.page(
        path,
        "feed.xml",
        Kind::Other,
        esc(&title),
        title.clone(),
        &[],
        json!({
            "feed_id": id(path),
            "updated": format!("{updated}T00:00:00Z"),
            "entries": entries,
            "html_url": v.url(path.trim_end_matches("feed.xml")),
        }),
    );
    page.ctx["feed_title"] = json!(title);
    page
}

/// Every subject's progress at the build date.
pub fn all_progress(site: &Site) -> BTreeMap<Subject, Progress<'_>> {
    let mut timelines = progress::timelines(&site.updates);
    let date = site.config.build_date.as_deref();
    let mut out = BTreeMap::new();
    let mut take = |s: Subject, due: (String, DueSource)| {
        let p = progress::progress(timelines.remove(&s).unwrap_or_default(), due, date);
        out.insert(s, p);
    };
    for t in &site.tasks {
        take(Subject::Task(t.number), progress::task_due(&t.text.zh));
    }
    for i in &site.indicators {
        take(
            Subject::Indicator(i.number),
            (progress::PLAN_END.to_string(), DueSource::Default),
        );
    }
    for p in &site.projects {
        take(
            Subject::Project(p.number),
            (format!("{:04}-12-31", p.end_year), DueSource::Stated),
        );
    }
    for l in &site.key_task_lists {
        for k in &l.items {
            take(
                Subject::KeyTask(l.year, k.number),
                progress::key_task_due(l.year, &k.text.zh),
            );
        }
    }
    out
}

/// Derive every page of the site in both languages, in parallel, handing
/// each to `emit` as soon as it is ready (nothing holds the whole site).
/// Returns the time spent deriving (summed over threads), or the interface
/// strings the theme lacks.
pub fn pages(
    site: &Site,
    strings: &BTreeMap<Lang, Strings>,
    base_url: &str,
    mode: &Mode,
    emit: &(dyn Fn(PageView) + Sync),
) -> Result<std::time::Duration, Vec<String>> {
    let empty = Strings::new();
    let progress = all_progress(site);
    let involved = Involved::new(site);
    let derive = AtomicU64::new(0);
    let views: Vec<V> = Lang::ALL
        .into_iter()
        .map(|lang| V {
            site,
            lang,
            t: strings.get(&lang).unwrap_or(&empty),
            base_url: base_url.to_string(),
            missing: Default::default(),
            progress: &progress,
            involved: &involved,
            mode,
        })
        .collect();
    rayon::scope(|scope| {
        for v in &views {
            let derive = &derive;
            scope.spawn(move |_| build_lang(v, emit, derive));
        }
    });
    let missing: std::collections::BTreeSet<String> = views
        .into_iter()
        .flat_map(|v| v.missing.into_inner().unwrap_or_else(|e| e.into_inner()))
        .collect();
    if missing.is_empty() {
        Ok(std::time::Duration::from_nanos(derive.into_inner()))
    } else {
        Err(missing.into_iter().collect())
    }
}

/// Page jobs of one language, spawned on a rayon scope: each derives one
/// page (timed) and hands it to `emit`.
struct Jobs<'r, 'scope> {
    scope: &'r rayon::Scope<'scope>,
    emit: &'scope (dyn Fn(PageView) + Sync),
    derive: &'scope AtomicU64,
}

impl<'scope> Jobs<'_, 'scope> {
    fn page(&self, view: impl FnOnce() -> PageView + Send + 'scope) {
        self.maybe(move || Some(view()));
    }

    fn maybe(&self, view: impl FnOnce() -> Option<PageView> + Send + 'scope) {
        let (emit, derive) = (self.emit, self.derive);
        self.scope.spawn(move |_| {
            let start = std::time::Instant::now();
            let page = view();
            derive.fetch_add(start.elapsed().as_nanos() as u64, Ordering::Relaxed);
            if let Some(page) = page {
                emit(page);
            }
        });
    }
}

/// Derive every page of one language, each as a job on the thread pool that
/// hands its view to `emit`.
fn build_lang(v: &V, emit: &(dyn Fn(PageView) + Sync), derive: &AtomicU64) {
    let s = v.site;
    let total_tasks = s.tasks.len();
    // Home.
    let chapters: Vec<Value> = s
        .chapters
        .iter()
        .map(|c| {
            let nums: Vec<u32> = s.tasks.iter().filter(|t| t.chapter == c.number).map(|t| t.number).collect();
            json!({"number": c.number, "url": v.url(&format!("plan/{}/", c.number)), "title": v.tx(&c.title),
                   "count": nums.len(), "range": range_label(v.lang, nums.first().copied(), nums.last().copied())})
        })
        .collect();
    let key_lists: Vec<Value> = s
        .key_task_lists
        .iter()
        .map(|l| json!({"year": l.year, "url": v.url(&format!("key-tasks/{}/", l.year)), "title": v.tx(&l.title), "count": l.items.len()}))
        .collect();
    rayon::scope(|scope| {
        let out = Jobs {
            scope,
            emit,
            derive,
        };
        let (chapters, key_lists) = (&chapters, &key_lists);
        out.page(move || {
        let pages_list: Vec<Value> = s
            .pages
            .iter()
            .filter_map(|p| {
                let zh = p.md.zh.as_ref()?;
                let title = match (v.lang, &p.md.en) {
                    (Lang::En, Some(en)) => en.front.title.clone().unwrap_or_default(),
                    _ => zh.front.title.clone().unwrap_or_default(),
                };
                Some(json!({"url": v.url(&format!("pages/{}/", p.slug)), "title": esc(&title), "weight": zh.front.weight.unwrap_or(0)}))
            })
            .collect();
        let doc_title = v.tx(&s.document.title);
        v.page(
            "",
            "home.html",
            Kind::Other,
            v.tx(&s.config.title),
            v.plain(&s.config.title),
            &[],
            json!({
                "doc_title": doc_title,
                "doc_number": s.document.doc_number,
                "counts": {
                    "tasks": total_tasks, "indicators": s.indicators.len(), "projects": s.projects.len(),
                    "investment": v.amount(&s.stated_total), "agencies": s.agencies.iter().filter(|a| !a.is_group).count(),
                    "rivers": s.rivers.len(),
                    "key_tasks": s.key_task_lists.iter().map(|l| l.items.len()).sum::<usize>(),
                },
                "chapters": chapters,
                "key_lists": key_lists,
                "pages": pages_list,
                "rollup": v.rollup(s.tasks.iter().map(|t| Subject::Task(t.number))),
                "key_rollups": s.key_task_lists.iter().map(|l| json!({"year": l.year,
                    "rollup": v.rollup(l.items.iter().map(|k| Subject::KeyTask(l.year, k.number)))})).collect::<Vec<_>>(),
                "latest": s.updates.iter().rev().take(10).map(|u| v.update_view(u)).collect::<Vec<_>>(),
                "updates_url": v.url("updates/"),
                "overdue_url": v.url("overdue/"),
                "feed": v.feed_url("feed.xml"),
            }),
        )
    });

        // The plan (document metadata and chapters).
        let d = &s.document;
        out.page(move || {
        let doc_title = v.tx(&s.document.title);
        v.page(
            "plan/",
            "plan.html",
            Kind::Other,
            esc(v.t("plan")),
            v.plain(&d.title),
            &[],
            json!({
                "doc_title": doc_title,
                "meta": [
                    [v.t("index_number"), esc(&d.index_number)],
                    [v.t("doc_number"), esc(&d.doc_number)],
                    [v.t("subject"), v.tx(&d.subject)],
                    [v.t("genre"), v.tx(&d.genre)],
                    [v.t("issuer"), v.tx(&d.issuer)],
                    [v.t("written"), esc(&d.written)],
                    [v.t("published"), esc(&d.published)],
                    [v.t("validity"), d.validity.as_deref().map(esc).unwrap_or_else(|| esc(v.t("validity_blank")))],
                ],
                "notice": d.notice.iter().map(|p| v.tx(p)).collect::<Vec<_>>(),
                "signed_by": v.tx(&d.signed_by),
                "signed_date": d.signed_date,
                "corrections": v.corrections(&d.corrections),
                "seed_url": format!("/source/{}", d.seed),
                "attachment1": v.tx(&s.titles.attachment1),
                "titles": {"indicators": v.tx(&s.titles.indicators), "tasks": v.tx(&s.titles.tasks), "projects": v.tx(&s.titles.projects)},
                "chapters": chapters,
                "key_lists": key_lists,
            }),
        )
    });

        // Chapters.
        for c in &s.chapters {
            out.page(move || {
            let path = format!("plan/{}/", c.number);
            let mut groups: Vec<Value> = Vec::new();
            let ungrouped: Vec<Value> = s
                .tasks
                .iter()
                .filter(|t| t.chapter == c.number && t.section.is_none())
                .map(|t| v.task_row(t))
                .collect();
            if !ungrouped.is_empty() {
                groups.push(json!({"title": Value::Null, "tasks": ungrouped}));
            }
            for sec in &c.sections {
                let tasks: Vec<Value> = s
                    .tasks
                    .iter()
                    .filter(|t| t.chapter == c.number && t.section == Some(sec.number))
                    .map(|t| v.task_row(t))
                    .collect();
                groups.push(json!({"title": v.tx(&sec.title), "number": sec.number, "tasks": tasks}));
            }
            v.page(
                &path,
                "chapter.html",
                Kind::List,
                v.tx(&c.title),
                v.plain(&c.title),
                &[("plan/", esc(v.t("plan")))],
                json!({"number": c.number, "groups": groups,
                       "rollup": v.rollup(s.tasks.iter().filter(|t| t.chapter == c.number).map(|t| Subject::Task(t.number)))}),
            )
        });
        }

        // Tasks.
        out.page(move || {
        let by_chapter: Vec<Value> = s
            .chapters
            .iter()
            .map(|c| json!({"title": v.tx(&c.title), "url": v.url(&format!("plan/{}/", c.number)),
                            "tasks": s.tasks.iter().filter(|t| t.chapter == c.number).map(|t| v.task_row(t)).collect::<Vec<_>>()}))
            .collect();
        v.page(
            "tasks/",
            "tasks.html",
            Kind::List,
            v.tx(&s.titles.tasks),
            v.plain(&s.titles.tasks),
            &[],
            json!({"chapters": by_chapter, "count": total_tasks, "filters": {
                "chapters": s.chapters.iter().map(|c| json!({"value": c.number, "label": v.plain(&c.title)})).collect::<Vec<_>>(),
                "agencies": s.agencies.iter().filter(|a| !v.involved.agency_tasks(&a.id).is_empty())
                    .map(|a| json!({"value": a.id, "label": v.plain(&a.name)})).collect::<Vec<_>>(),
                "rivers": s.rivers.iter().filter(|r| !v.involved.river_tasks(&r.id).is_empty())
                    .map(|r| json!({"value": r.id, "label": v.plain(&r.name)})).collect::<Vec<_>>(),
                "statuses": Status::ALL.iter().map(|st| json!({"value": st.key(), "label": v.t(&format!("status_{}", st.key()))})).collect::<Vec<_>>(),
                "script": "/static/filters.js",
            }}),
        )
    });
        for (i, t) in s.tasks.iter().enumerate() {
            out.page(move || {
            let path = format!("tasks/{}/", t.number);
            let chapter = s.chapters.iter().find(|c| c.number == t.chapter);
            let section = chapter.and_then(|c| c.sections.iter().find(|x| Some(x.number) == t.section));
            let title = format!("{} {}", esc(v.t("task")), t.number);
            let prev = i
                .checked_sub(1)
                .and_then(|j| s.tasks.get(j))
                .map(|p| json!({"url": v.url(&format!("tasks/{}/", p.number)), "number": p.number}));
            let next = s
                .tasks
                .get(i + 1)
                .map(|p| json!({"url": v.url(&format!("tasks/{}/", p.number)), "number": p.number}));
            v.page(
                &path,
                "task.html",
                Kind::Item,
                title.clone(),
                format!("{} {}", v.t("task"), t.number),
                &[("tasks/", esc(v.t("tasks")))],
                json!({
                    "number": t.number,
                    "text": v.tx_linked(&t.text),
                    "chapter": chapter.map(|c| json!({"title": v.tx(&c.title), "url": v.url(&format!("plan/{}/", c.number))})),
                    "section": section.map(|x| v.tx(&x.title)),
                    "lead": v.agencies(&t.lead),
                    "responsible": v.agencies(&t.responsible),
                    "rivers": v.rivers(&t.rivers),
                    "corrections": v.corrections(&t.corrections),
                    "written_as": v.written_as(&t.written_as),
                    "note": v.note("tasks", &t.number.to_string()),
                    "source_line": t.source_line,
                    "progress": v.progress_view(Subject::Task(t.number)),
                    "prev": prev,
                    "next": next,
                }),
            )
        });
        }

        // Indicators.
        out.page(move || {
        v.page(
            "indicators/",
            "indicators.html",
            Kind::List,
            v.tx(&s.titles.indicators),
            v.plain(&s.titles.indicators),
            &[],
            json!({"indicators": s.indicators.iter().map(|i| v.indicator_row(i)).collect::<Vec<_>>()}),
        )
    });
        for i in &s.indicators {
            out.page(move || {
                let mut row = v.indicator_row(i);
                row["corrections"] = json!(v.corrections(&i.corrections));
                row["written_as"] = json!(v.written_as(&i.written_as));
                row["progress"] = v.progress_view(Subject::Indicator(i.number));
                row["values"] = v.indicator_values(i);
                v.page(
                    &format!("indicators/{}/", i.number),
                    "indicator.html",
                    Kind::Item,
                    v.tx(&i.name),
                    v.plain(&i.name),
                    &[("indicators/", esc(v.t("indicators")))],
                    row,
                )
            });
        }

        // Projects.
        out.page(move || {
        v.page(
            "projects/",
            "projects.html",
            Kind::List,
            v.tx(&s.titles.projects),
            v.plain(&s.titles.projects),
            &[],
            json!({"projects": s.projects.iter().map(|p| v.project_row(p)).collect::<Vec<_>>(), "total": v.amount_cell(&s.stated_total), "total_amount": v.amount(&s.stated_total)}),
        )
    });
        for p in &s.projects {
            out.page(move || {
                let mut row = v.project_row(p);
                row["content"] = json!(v.tx_linked(&p.content).replace('\n', "<br>"));
                row["rivers"] = json!(v.rivers(&p.rivers));
                row["corrections"] = json!(v.corrections(&p.corrections));
                row["written_as"] = json!(v.written_as(&p.written_as));
                row["progress"] = v.progress_view(Subject::Project(p.number));
                v.page(
                    &format!("projects/{}/", p.number),
                    "project.html",
                    Kind::Item,
                    v.tx(&p.name),
                    v.plain(&p.name),
                    &[("projects/", esc(v.t("projects")))],
                    row,
                )
            });
        }

        // Yearly key tasks.
        out.page(move || {
            v.page(
                "key-tasks/",
                "key_task_years.html",
                Kind::List,
                esc(v.t("key_tasks")),
                v.t("key_tasks").to_string(),
                &[],
                json!({"lists": key_lists}),
            )
        });
        for l in &s.key_task_lists {
            out.page(move || {
                let base = format!("key-tasks/{}/", l.year);
                let mut cats: Vec<(String, Vec<Value>)> = Vec::new();
                for k in &l.items {
                    let c = v.tx(&k.category);
                    match cats.last_mut() {
                        Some((name, items)) if *name == c => items.push(v.key_task_row(l, k)),
                        _ => cats.push((c, vec![v.key_task_row(l, k)])),
                    }
                }
                let cats: Vec<Value> = cats
                    .into_iter()
                    .map(|(c, items)| json!({"category": c, "items": items}))
                    .collect();
                v.page(
                    &base,
                    "key_tasks.html",
                    Kind::List,
                    v.tx(&l.title),
                    v.plain(&l.title),
                    &[("key-tasks/", esc(v.t("key_tasks")))],
                    json!({"year": l.year, "categories": cats}),
                )
            });
            for k in &l.items {
                out.page(move || {
                    let base = format!("key-tasks/{}/", l.year);
                    let mut row = v.key_task_row(l, k);
                    row["text"] = json!(v.tx_linked(&k.text));
                    row["cooperating"] = json!(v.agencies(&k.cooperating));
                    row["progress"] = v.progress_view(Subject::KeyTask(l.year, k.number));
                    row["note_text"] = json!(k.note.as_ref().map(|n| v.tx(n)));
                    row["rivers"] = json!(v.rivers(&k.rivers));
                    row["corrections"] = json!(v.corrections(&k.corrections));
                    row["written_as"] = json!(v.written_as(&k.written_as));
                    v.page(
                        &format!("{base}{}/", k.number),
                        "key_task.html",
                        Kind::Item,
                        format!("{} {}", esc(v.t("key_task")), k.number),
                        format!("{} {} {}", l.year, v.t("key_task"), k.number),
                        &[
                            ("key-tasks/", esc(v.t("key_tasks"))),
                            (&base, v.tx(&l.title)),
                        ],
                        row,
                    )
                });
            }
        }

        // Agencies.
        out.page(move || {
        let kinds: Vec<Value> = crate::model::AgencyKind::ALL
            .iter()
            .filter_map(|k| {
                let list: Vec<Value> = s
                    .agencies
                    .iter()
                    .filter(|a| a.kind == *k)
                    .map(|a| {
                        let n = v.involved.agency_tasks(&a.id).len();
                        json!({"url": v.url(&format!("agencies/{}/", a.id)), "name": v.tx(&a.name), "tasks": n})
                    })
                    .collect();
                (!list.is_empty()).then(|| json!({"kind": v.t(&format!("kind_{k}")), "agencies": list}))
            })
            .collect();
        v.page(
            "agencies/",
            "agencies.html",
            Kind::List,
            esc(v.t("agencies")),
            v.t("agencies").to_string(),
            &[],
            json!({"kinds": kinds}),
        )
    });
        for a in &s.agencies {
            out.page(move || {
            let tasks = v.involved.agency_tasks(&a.id);
            let (led, shared): (Vec<&Task>, Vec<&Task>) =
                tasks.iter().partition(|t| t.lead.contains(&a.id));
            let led: Vec<Value> = led.into_iter().map(|t| v.task_row(t)).collect();
            let shared: Vec<Value> = shared.into_iter().map(|t| v.task_row(t)).collect();
            let inds: Vec<Value> = s
                .indicators
                .iter()
                .filter(|i| i.lead.contains(&a.id))
                .map(|i| v.indicator_row(i))
                .collect();
            let projs: Vec<Value> = s
                .projects
                .iter()
                .filter(|p| p.responsible.contains(&a.id))
                .map(|p| v.project_row(p))
                .collect();
            let mut key_resp = Vec::new();
            let mut key_coop = Vec::new();
            for l in &s.key_task_lists {
                for k in &l.items {
                    if k.responsible.contains(&a.id) {
                        key_resp.push(v.key_task_row(l, k));
                    } else if k.cooperating.contains(&a.id) {
                        key_coop.push(v.key_task_row(l, k));
                    }
                }
            }
            // Its responsibility list as CSV, per table that has rows (as render::data writes them).
            let downloads: Vec<Value> = if !v.mode.features.data {
                Vec::new()
            } else {
                [
                ("tasks", "tasks", !led.is_empty() || !shared.is_empty()),
                ("indicators", "indicators", !inds.is_empty()),
                ("projects", "projects", !projs.is_empty()),
                ("key-tasks", "key_tasks", !key_resp.is_empty() || !key_coop.is_empty()),
            ]
            .iter()
            .filter(|(_, _, any)| *any)
            .map(|(name, label, _)| json!({"url": v.url(&format!("data/agencies/{}-{name}.csv", a.id)), "title": v.t(label)}))
            .collect()
            };
            v.page(
                &format!("agencies/{}/", a.id),
                "agency.html",
                Kind::Item,
                v.tx(&a.name),
                v.plain(&a.name),
                &[("agencies/", esc(v.t("agencies")))],
                json!({
                    "id": a.id,
                    "kind": v.t(&format!("kind_{}", a.kind)),
                    "group": a.is_group,
                    "other_name": match v.lang { Lang::Zh => a.name.en.clone().unwrap_or_default(), Lang::En => a.name.zh.clone() },
                    "aliases": a.aliases,
                    "led": led, "shared": shared, "indicators": inds, "projects": projs,
                    "key_resp": key_resp, "key_coop": key_coop,
                    "rollup": v.rollup(tasks.iter().map(|t| Subject::Task(t.number))),
                    "feed": v.feed_url(&format!("agencies/{}/feed.xml", a.id)),
                    "downloads": downloads,
                    "note": v.note("agencies", &a.id),
                }),
            )
        });
        }

        // Rivers (一河一档).
        out.page(move || {
        let rivers_index: Vec<Value> = s
            .rivers
            .iter()
            .map(|r| {
                let n = v.involved.river_tasks(&r.id).len()
                    + v.involved.river_projects(&r.id).len()
                    + s.key_task_lists.iter().flat_map(|l| &l.items).filter(|k| k.rivers.contains(&r.id)).count();
                json!({"url": v.url(&format!("rivers/{}/", r.id)), "name": v.tx(&r.name), "kind": v.t(&format!("kind_{}", r.kind)),
                       "items": n, "sections": r.sections.len(),
                       "tributary_of": r.tributary_of.as_ref().and_then(|p| s.river(p)).map(|p| v.tx(&p.name))})
            })
            .collect();
        v.page(
            "rivers/",
            "rivers.html",
            Kind::List,
            esc(v.t("rivers")),
            v.t("rivers").to_string(),
            &[],
            json!({"rivers": rivers_index}),
        )
    });
        for r in &s.rivers {
            out.page(move || {
            let tributaries: Vec<String> = s
                .rivers
                .iter()
                .filter(|x| x.tributary_of.as_deref() == Some(r.id.as_str()))
                .map(|x| x.id.clone())
                .collect();
            let mut key_items = Vec::new();
            for l in &s.key_task_lists {
                for k in &l.items {
                    if k.rivers.contains(&r.id) {
                        key_items.push(v.key_task_row(l, k));
                    }
                }
            }
            let sections: Vec<Value> = r
                .sections
                .iter()
                .map(|sec| json!({"id": sec.id, "name": v.tx(&sec.name), "target": sec.target_class, "source": v.tx(&sec.source),
                                  "latest": v.latest_result(&sec.id),
                                  "corrections": v.corrections(&sec.corrections)}))
                .collect();
            v.page(
                &format!("rivers/{}/", r.id),
                "river.html",
                Kind::Item,
                v.tx(&r.name),
                v.plain(&r.name),
                &[("rivers/", esc(v.t("rivers")))],
                json!({
                    "id": r.id,
                    "kind": v.t(&format!("kind_{}", r.kind)),
                    "other_name": match v.lang { Lang::Zh => r.name.en.clone().unwrap_or_default(), Lang::En => r.name.zh.clone() },
                    "aliases": r.aliases,
                    "tributary_of": v.rivers(&r.tributary_of.iter().cloned().collect::<Vec<_>>()),
                    "tributaries": v.rivers(&tributaries),
                    "sections": sections,
                    "tasks": v.involved.river_tasks(&r.id).iter().map(|t| v.task_row(t)).collect::<Vec<_>>(),
                    "projects": v.involved.river_projects(&r.id).iter().map(|p| v.project_row(p)).collect::<Vec<_>>(),
                    "key_tasks": key_items,
                    "rollup": v.rollup(v.involved.river_tasks(&r.id).iter().map(|t| Subject::Task(t.number))),
                    "feed": v.feed_url(&format!("rivers/{}/feed.xml", r.id)),
                    "water_sources": s.water_sources.iter().filter(|w| w.water_body == r.id)
                        .map(|w| json!({"name": v.tx(&w.name), "latest": v.latest_result(&w.id), "url": v.url("water/")}))
                        .collect::<Vec<_>>(),
                    "note": v.note("rivers", &r.id),
                }),
            )
        });
        }

        // Progress: the changelog of updates by date, the overdue list, feeds.
        out.page(move || {
            let mut by_date: Vec<(String, Vec<Value>)> = Vec::new();
            for u in s.updates.iter().rev() {
                match by_date.last_mut() {
                    Some((d, list)) if *d == u.date => list.push(v.update_view(u)),
                    _ => by_date.push((u.date.clone(), vec![v.update_view(u)])),
                }
            }
            let days: Vec<Value> = by_date
                .into_iter()
                .map(|(date, updates)| json!({"date": date, "updates": updates}))
                .collect();
            v.page(
                "updates/",
                "updates.html",
                Kind::List,
                esc(v.t("updates")),
                v.t("updates").to_string(),
                &[],
                json!({"days": days, "feed": v.feed_url("feed.xml")}),
            )
        });
        out.page(move || {
        let overdue: Vec<Value> = v
            .progress
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
            Kind::List,
            esc(v.t("overdue_list")),
            v.t("overdue_list").to_string(),
            &[],
            json!({"items": overdue, "build_date": s.config.build_date}),
        )
    });
        if v.mode.features.feeds {
            out.page(move || {
                feed(
                    v,
                    "feed.xml",
                    v.plain(&s.config.title),
                    s.updates.iter().collect(),
                )
            });
            for a in &s.agencies {
                out.page(move || {
                    feed(
                        v,
                        &format!("agencies/{}/feed.xml", a.id),
                        format!("{} — {}", v.plain(&a.name), v.plain(&s.config.title)),
                        v.involved.agency_updates(&a.id).to_vec(),
                    )
                });
            }
            for r in &s.rivers {
                out.page(move || {
                    feed(
                        v,
                        &format!("rivers/{}/feed.xml", r.id),
                        format!("{} — {}", v.plain(&r.name), v.plain(&s.config.title)),
                        v.involved.river_updates(&r.id).to_vec(),
                    )
                });
            }
        }

        // Water-safety disclosure (2022 key task 19): the calendar of required
        // publications and the latest published results.
        out.page(move || {
        let build_date = s.config.build_date.as_deref();
        let schedules: Vec<Value> = s
            .schedules
            .iter()
            .map(|sc| {
                let slots: Vec<Value> = progress::calendar(sc, &s.publications, build_date)
                    .iter()
                    .rev()
                    .map(|slot| json!({
                        "period": slot.period.label(),
                        "due": slot.due,
                        "state": slot.state.key(),
                        "state_label": v.t(&format!("slot_{}", slot.state.key())),
                        "published": slot.publication.map(|p| p.published.clone()),
                        "title": slot.publication.map(|p| v.tx(&p.title)),
                        "url": slot.publication.and_then(|p| p.url.clone()),
                    }))
                    .collect();
                let missing = slots.iter().filter(|x| x["state"] == "missing").count();
                json!({"id": sc.id, "what": v.tx(&sc.what), "basis": v.tx(&sc.basis), "due_days": sc.due_days, "slots": slots, "missing": missing})
            })
            .collect();
        let sources: Vec<Value> = s
            .water_sources
            .iter()
            .map(|w| json!({"id": w.id, "name": v.tx(&w.name), "water_body": v.rivers(std::slice::from_ref(&w.water_body)),
                            "basis": v.tx(&w.basis), "latest": v.latest_result(&w.id)}))
            .collect();
        v.page(
            "water/",
            "water.html",
            Kind::List,
            esc(v.t("water")),
            v.t("water").to_string(),
            &[],
            json!({"schedules": schedules, "sources": sources, "build_date": s.config.build_date}),
        )
    });

        // Open data.
        if v.mode.features.data {
            out.page(move || {
            let tables: Vec<Value> = crate::render::data::TABLES
            .iter()
            .map(|(name, zh, en)| json!({"title": if v.lang == Lang::Zh { *zh } else { *en }, "csv": v.url(&format!("data/{name}.csv"))}))
            .collect();
            v.page(
                "data/",
                "data.html",
                Kind::List,
                esc(v.t("data")),
                v.t("data").to_string(),
                &[],
                json!({
                    "tables": tables,
                    "json": v.url("data/plan.json"),
                    "xlsx": v.url("data/plan.xlsx"),
                    "package": v.url("data/datapackage.json"),
                    "build_date": s.config.build_date,
                }),
            )
        });
        }

        // The archive index (live site only).
        if v.mode.snapshot.is_none() {
            out.page(move || {
            let years: Vec<Value> = v
                .mode
                .archives
                .iter()
                .rev()
                .map(|a| json!({"year": a.year, "as_of": a.as_of, "tasks": a.tasks, "updates": a.updates, "pages": a.pages,
                                "manifest_hash": a.manifest_hash, "url": format!("/archive/{}/{}index.html", a.year, v.lang.prefix()),
                                "manifest": format!("/archive/{}/MANIFEST.sha256", a.year)}))
                .collect();
            v.page(
                "archive/",
                "archive.html",
                Kind::Other,
                esc(v.t("archive")),
                v.t("archive").to_string(),
                &[],
                json!({"years": years}),
            )
        });
        }

        // Search.
        if v.mode.features.search {
            out.page(move || {
            v.page(
            "search/",
            "search.html",
            Kind::Other,
            esc(v.t("search")),
            v.t("search").to_string(),
            &[],
            json!({"action": v.url("search/"), "script": "/static/search.js",
                   // The script finds the index relative to the page (data-* is not rewritten).
                   "root": "../".repeat(format!("{}search/", v.lang.prefix()).matches('/').count()),
                   "offline_index": v.mode.snapshot.as_ref().map(|_| format!("/{}search/index-data.js", v.lang.prefix()))}),
        )
        });
        }

        // Errata.
        out.page(move || {
        let errata: Vec<Value> = s
            .errata
            .values()
            .map(|e| json!({"id": e.id, "anchor": e.id.to_lowercase(), "line": e.line, "raw": e.raw, "corrected": e.corrected,
                            "why": v.tx(&e.why), "evidence": e.evidence.as_ref().map(|x| v.tx(x)), "lost_field": e.lost_field,
                            "kept": e.lost_field.is_none() && e.raw == e.corrected}))
            .collect();
        v.page(
            "errata/",
            "errata.html",
            Kind::Other,
            esc(v.t("errata")),
            v.t("errata").to_string(),
            &[("plan/", esc(v.t("plan")))],
            json!({"errata": errata, "seed_url": format!("/source/{}", d.seed)}),
        )
    });

        // Glossary.
        out.page(move || {
        let terms: Vec<Value> = s
            .glossary
            .iter()
            .map(|g| {
                let (term, other, other_lang) = match v.lang {
                    Lang::Zh => (&g.zh, &g.en, Lang::En),
                    Lang::En => (&g.en, &g.zh, Lang::Zh),
                };
                json!({"id": g.id, "term": term, "other": other, "other_lang": other_lang.code(), "explain": v.tx(&g.explain)})
            })
            .collect();
        v.page(
            "glossary/",
            "glossary.html",
            Kind::List,
            esc(v.t("glossary")),
            v.t("glossary").to_string(),
            &[],
            json!({"terms": terms}),
        )
    });

        // Commentary pages.
        for p in &s.pages {
            out.maybe(move || {
                let Some(zh) = &p.md.zh else { return None };
                let (m, pending) = match (v.lang, &p.md.en) {
                    (Lang::En, Some(en)) => (en, false),
                    (Lang::En, None) => (zh, true),
                    _ => (zh, false),
                };
                let title = m
                    .front
                    .title
                    .clone()
                    .or_else(|| zh.front.title.clone())
                    .unwrap_or_default();
                Some(v.page(
                    &format!("pages/{}/", p.slug),
                    "page.html",
                    Kind::Other,
                    esc(&title),
                    title.clone(),
                    &[],
                    json!({"body": markdown::to_html(&m.body, 1, v.text_lang(pending), &v.base_url), "pending": pending}),
                ))
            });
        }

        // 404 (a file, not a folder: hosts serve it for any missing path).
        out.page(move || {
            let mut nf = v.page(
                "404.html",
                "404.html",
                Kind::Other,
                esc(v.t("not_found")),
                v.t("not_found").to_string(),
                &[],
                json!({}),
            );
            nf.served_anywhere = true;
            nf
        });
    });
}
