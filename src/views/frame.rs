//! The frame every page shares: language and its twin, canonical URLs,
//! breadcrumb, navigation, footer, the government-website `<meta>` tags,
//! and, for archives, the snapshot banner and the archived versions of a
//! live page.

use super::family::Input;
use super::html::{esc, Html};
use super::{Ctx, PageView};
use crate::model::*;
use serde::Serialize;

/// What every page reads, whatever its family.
pub const FRAME_INPUTS: &[Input] = &[
    Input::Config,
    Input::Mode,
    Input::Document,
    Input::Archives,
    Input::Strings,
    Input::Template("base.html"),
    // The footer links the commentary pages; item pages show feedback.html.
    Input::Pages,
    Input::Duties,
    Input::Template("feedback.html"),
];

/// What a page is, for the government-website column and article tags:
/// a list of items (a column), one item (an article), or neither.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    List,
    Item,
    Other,
}

/// What a page tells the frame about itself.
pub struct PageMeta<'p> {
    /// Language-neutral, e.g. `tasks/8/` (a folder) or `404.html` (a file).
    pub path: &'p str,
    pub template: &'static str,
    pub kind: PageKind,
    /// The heading, as HTML (it may carry a "translation pending" mark).
    pub title: Html,
    /// The title as text, for `<title>` and the `<meta>` tags.
    pub head_title: String,
    /// The breadcrumb between home and this page: (path, title).
    pub crumbs: &'p [(&'p str, Html)],
}

impl<'p> PageMeta<'p> {
    /// A page titled by a text of the model (a name, a title), with no
    /// breadcrumb between it and home.
    pub fn named(
        v: &Ctx,
        path: &'p str,
        template: &'static str,
        kind: PageKind,
        name: &Text,
    ) -> Self {
        PageMeta {
            path,
            template,
            kind,
            title: v.tx(name),
            head_title: v.plain(name).to_string(),
            crumbs: &[],
        }
    }

    /// With `crumbs` (path, title) between home and the page.
    pub fn under(self, crumbs: &'p [(&'p str, Html)]) -> Self {
        PageMeta { crumbs, ..self }
    }

    /// A page titled by an interface string, with no breadcrumb between it
    /// and home.
    pub fn titled(
        v: &Ctx,
        path: &'p str,
        template: &'static str,
        kind: PageKind,
        key: &str,
    ) -> Self {
        let title = v.t(key);
        PageMeta {
            path,
            template,
            kind,
            title: Html::escape(title),
            head_title: title.to_string(),
            crumbs: &[],
        }
    }
}

/// The template context of every page: the frame, and the page's own view
/// as `page`.
#[derive(Serialize)]
struct FrameView<'f, P> {
    lang: &'static str,
    lang_key: &'static str,
    other_lang: &'static str,
    site_title: &'f str,
    site_title_html: Html,
    description: &'f str,
    title: Html,
    head_title: &'f str,
    url: String,
    alt_url: String,
    /// The page's address, and its twin's, as `<link href>`s take them: full
    /// when the site's address is (`https://…/ghjh/`); otherwise the site
    /// path, which render makes relative like every other link (a path
    /// written with the base path would gain the base a second time).
    canonical: String,
    alt_canonical: String,
    /// The page's address with the site's address, for `og:url`, which no
    /// link rewriting touches.
    og_url: String,
    home_url: String,
    breadcrumbs: Vec<Crumb>,
    nav: Vec<NavItem<'f>>,
    footer: Vec<Html>,
    /// The commentary pages, linked from the footer (`feedback.rs`).
    footer_pages: Vec<super::feedback::FooterLink<'f>>,
    /// On an item page, where to report a problem with it (`feedback.rs`).
    feedback: Option<String>,
    /// On the page of a disclosure duty, its row on the duties page.
    duty: Option<String>,
    build_date: &'f str,
    commit: &'f str,
    gov: GovMeta<'f>,
    snapshot: Option<SnapshotBanner<'f>>,
    archived: Vec<ArchivedVersion<'f>>,
    og_locale: &'static str,
    page: P,
}

#[derive(Serialize)]
struct Crumb {
    title: Html,
    url: String,
}

#[derive(Serialize)]
struct NavItem<'f> {
    url: String,
    title: &'f str,
    active: bool,
}

/// The government-website `<meta>` tags: site tags on every page, column
/// tags on list pages, article tags on item pages (empty where not).
#[derive(Serialize)]
struct GovMeta<'f> {
    site_domain: &'f str,
    site_code: &'f str,
    column: &'f str,
    column_type: &'f str,
    article: &'f str,
    pub_date: &'f str,
    source: &'f str,
}

/// On a snapshot page: the banner's date and the link to the live page.
#[derive(Serialize)]
struct SnapshotBanner<'f> {
    date: String,
    as_of: &'f str,
    live: String,
    /// The live page's absolute URL (empty without an absolute base URL).
    original: String,
    memento_datetime: String,
}

#[derive(Serialize)]
struct ArchivedVersion<'f> {
    year: u32,
    as_of: &'f str,
    url: String,
}

impl Ctx<'_> {
    /// The frame around `page`: the one context its template sees.
    pub(super) fn page(&self, meta: PageMeta, page: impl Serialize) -> PageView {
        let PageMeta {
            path,
            template,
            kind,
            title,
            head_title,
            crumbs,
        } = meta;
        let cfg = &self.site.config;
        let other = self.lang.other();
        let mut breadcrumbs = vec![Crumb {
            title: Html::escape(self.t("home")),
            url: self.url(""),
        }];
        breadcrumbs.extend(crumbs.iter().map(|(p, title)| Crumb {
            title: title.clone(),
            url: self.url(p),
        }));
        let link_base = if self.base_url.contains("://") {
            self.base_url
        } else {
            "/"
        };
        let canonical = format!("{}{}{}", self.base_url, self.lang.prefix(), path);
        let feedback = self.feedback_link(kind, path, &head_title, &canonical);
        let frame = FrameView {
            lang: self.lang.code(),
            lang_key: self.lang.key(),
            other_lang: other.code(),
            site_title: self.plain(&cfg.title),
            site_title_html: self.tx(&cfg.title),
            description: cfg.description.as_ref().map_or("", |d| self.plain(d)),
            title,
            head_title: &head_title,
            url: self.url(path),
            alt_url: format!("/{}{}", other.prefix(), path),
            canonical: format!("{}{}{}", link_base, self.lang.prefix(), path),
            alt_canonical: format!("{}{}{}", link_base, other.prefix(), path),
            og_url: canonical,
            home_url: self.url(""),
            breadcrumbs,
            nav: self.nav(path),
            footer: self.footer(),
            footer_pages: self.footer_pages(),
            feedback,
            duty: self.duty_note(kind, path),
            build_date: cfg.build_date.as_deref().unwrap_or(""),
            commit: cfg.commit.as_deref().unwrap_or(""),
            gov: self.gov_meta(kind, &head_title),
            snapshot: self.snapshot_banner(path),
            archived: self.archived_versions(path),
            og_locale: match self.lang {
                Lang::Zh => "zh_CN",
                Lang::En => "en_US",
            },
            page,
        };
        PageView {
            path: format!("{}{}", self.lang.prefix(), path),
            template,
            served_anywhere: false,
            lang: self.lang,
            // Cannot fail: every map key is a string and nothing serializes
            // by hand. Were it to, the `none` context fails the page's render,
            // which names the page.
            ctx: tera::Value::try_from_serializable(&frame).unwrap_or_else(|_| tera::Value::none()),
        }
    }

    /// The main navigation, the section `path` is in marked.
    fn nav(&self, path: &str) -> Vec<NavItem<'_>> {
        const ITEMS: [(&str, &str); 13] = [
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
        let features = self.mode.features;
        ITEMS
            .iter()
            .filter(|(p, _)| !(self.mode.snapshot.is_some() && *p == "archive/"))
            .filter(|(p, _)| {
                (features.data || *p != "data/") && (features.search || *p != "search/")
            })
            .map(|(p, k)| NavItem {
                url: self.url(p),
                title: self.t(k),
                active: !path.is_empty() && path.starts_with(p),
            })
            .collect()
    }

    /// The footer lines: sponsor, contact, and the registration numbers.
    fn footer(&self) -> Vec<Html> {
        let footer = &self.site.config.footer;
        let texts = [
            ("sponsor_label", &footer.sponsor),
            ("contact_label", &footer.contact),
        ]
        .into_iter()
        .filter_map(|(label, s)| {
            let s = self.tx(s.as_ref()?);
            Some(Html::markup(format!(
                "{}: {}",
                esc(self.t(label)),
                s.as_str()
            )))
        });
        let numbers = [
            ("site_code_label", &footer.site_code),
            ("icp_label", &footer.icp),
            ("police_label", &footer.police),
        ]
        .into_iter()
        .filter_map(|(label, v)| {
            let v = v.as_ref()?;
            Some(Html::markup(format!("{}: {}", esc(self.t(label)), esc(v))))
        });
        texts.chain(numbers).collect()
    }

    /// On a snapshot page: the banner's date and the link to the live page
    /// (written `/../../path`, which the link rewriting turns into a path
    /// from the snapshot's folder, `archive/YEAR/`, up to the live site).
    fn snapshot_banner(&self, path: &str) -> Option<SnapshotBanner<'_>> {
        let (_, as_of) = self.mode.snapshot.as_ref()?;
        let (y, m, d) = (
            &as_of[..4],
            as_of[5..7].trim_start_matches('0'),
            as_of[8..].trim_start_matches('0'),
        );
        let date = match self.lang {
            Lang::Zh => format!("{y}年{m}月{d}日"),
            Lang::En => format!(
                "{d} {} {y}",
                crate::dates::month_abbrev(m.parse::<u32>().unwrap_or(1).clamp(1, 12))
                    .unwrap_or("Jan")
            ),
        };
        let live_path = format!("{}{path}", self.lang.prefix());
        Some(SnapshotBanner {
            date,
            as_of,
            live: format!("/../../{live_path}"),
            original: if self.base_url.contains("://") {
                format!("{}{live_path}", self.base_url)
            } else {
                String::new()
            },
            memento_datetime: format!("{as_of}T00:00:00Z"),
        })
    }

    /// On a live page: the archived versions of the same page.
    fn archived_versions(&self, path: &str) -> Vec<ArchivedVersion<'_>> {
        let file = format!("{}{}index.html", self.lang.prefix(), path);
        self.mode
            .archives
            .iter()
            .filter(|a| path.ends_with('/') && a.paths.contains(&file))
            .map(|a| ArchivedVersion {
                year: a.year,
                as_of: &a.as_of,
                url: format!("/archive/{}/{file}", a.year),
            })
            .collect()
    }

    fn gov_meta<'f>(&'f self, kind: PageKind, title: &'f str) -> GovMeta<'f> {
        let cfg = &self.site.config;
        let domain = self
            .base_url
            .split("://")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .unwrap_or("");
        let list = kind == PageKind::List;
        let item = kind == PageKind::Item;
        GovMeta {
            site_domain: domain,
            site_code: cfg.footer.site_code.as_deref().unwrap_or(""),
            column: if list { title } else { "" },
            column_type: if list { self.t("column_type") } else { "" },
            article: if item { title } else { "" },
            pub_date: &self.site.document.published,
            source: self.plain(&self.site.document.issuer),
        }
    }
}
