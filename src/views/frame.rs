//! The frame every page shares: language and its twin, canonical URLs,
//! breadcrumb, navigation, footer, the government-website `<meta>` tags,
//! and, for archives, the snapshot banner and the archived versions of a
//! live page.

use super::family::Input;
use super::html::esc;
use super::{Ctx, PageView};
use crate::model::*;
use serde_json::{json, Value};

/// What every page reads, whatever its family.
pub const FRAME_INPUTS: &[Input] = &[
    Input::Config,
    Input::Mode,
    Input::Document,
    Input::Archives,
    Input::Strings,
    Input::Template("base.html"),
];

/// What a page is, for the government-website column and article tags:
/// a list of items (a column), one item (an article), or neither.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    List,
    Item,
    Other,
}

impl Ctx<'_> {
    /// On a snapshot page: the banner's date and the link to the live page
    /// (written `/../../path`, which the link rewriting turns into a path
    /// from the snapshot's folder, `archive/YEAR/`, up to the live site).
    pub(super) fn snapshot_banner(&self, path: &str) -> Value {
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

    /// On a live page: the archived versions of the same page.
    pub(super) fn archived_versions(&self, path: &str) -> Vec<Value> {
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
    pub(super) fn gov_meta(&self, kind: PageKind, title: &str) -> Value {
        let cfg = &self.site.config;
        let domain = self
            .base_url
            .split("://")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .unwrap_or("");
        let list = kind == PageKind::List;
        let item = kind == PageKind::Item;
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
    pub(super) fn page(
        &self,
        path: &str,
        template: &'static str,
        kind: PageKind,
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
