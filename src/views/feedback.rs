//! What the frame offers a reader who wants to answer back or to know who
//! speaks: on an item page, the "report a problem with this item" link made
//! from `feedback_url` (none without it), and in the footer the commentary
//! pages (about the portal, how to read the plan, the disclosure duties);
//! and on the page of a disclosure duty, a note linking its row.

use super::frame::PageKind;
use super::Ctx;
use crate::model::*;
use serde::Serialize;

/// A commentary page as the footer links it.
#[derive(Serialize)]
pub struct FooterLink<'f> {
    pub url: String,
    pub title: &'f str,
}

/// The identity of the item a page is about (`task/8`, `key-task/2022/19`,
/// `agency/water` …): the item's permalink, read back. None for any other
/// page.
pub fn item_id(path: &str) -> Option<String> {
    let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let kind = match *parts.first()? {
        "tasks" => "task",
        "key-tasks" => "key-task",
        "projects" => "project",
        "indicators" => "indicator",
        "agencies" => "agency",
        "rivers" => "river",
        _ => return None,
    };
    let wanted = if kind == "key-task" { 3 } else { 2 };
    (parts.len() == wanted).then(|| format!("{kind}/{}", parts[1..].join("/")))
}

impl Ctx<'_> {
    /// On an item page with a `feedback_url`: that address, filled with the
    /// item's identity, its title and its address.
    pub(super) fn feedback_link(
        &self,
        kind: PageKind,
        path: &str,
        title: &str,
        canonical: &str,
    ) -> Option<String> {
        let template = self.site.config.feedback_url.as_deref()?;
        if kind != PageKind::Item || self.mode.snapshot.is_some() {
            return None;
        }
        let id = item_id(path)?;
        Some(crate::text::feedback::fill(template, &id, title, canonical))
    }

    /// On the page of a task or key task that is a disclosure duty: its
    /// row on the page that lists the duties (none without that page).
    pub(super) fn duty_note(&self, kind: PageKind, path: &str) -> Option<String> {
        if kind != PageKind::Item {
            return None;
        }
        let duty = self.site.duties.iter().find(|d| d.subject.path() == path)?;
        let list = self.site.pages.iter().find(|p| {
            super::reference::shows(p) == Some(crate::load::raw::RawPageList::DisclosureDuties)
        })?;
        let anchor = super::duties::anchor(duty.subject);
        Some(format!(
            "{}#{anchor}",
            self.url(&format!("pages/{}/", list.slug))
        ))
    }

    /// The commentary pages, by weight then slug, each titled in the
    /// page's language (the Chinese while the English is pending).
    pub(super) fn footer_pages(&self) -> Vec<FooterLink<'_>> {
        let mut pages: Vec<(i64, &str, FooterLink)> = self
            .site
            .pages
            .iter()
            .filter_map(|p| {
                let zh = p.md.zh.as_ref()?;
                let title = match (self.lang, &p.md.en) {
                    (Lang::En, Some(en)) => en.front.title.as_deref(),
                    _ => None,
                }
                .or(zh.front.title.as_deref())?;
                let link = FooterLink {
                    url: self.url(&format!("pages/{}/", p.slug)),
                    title,
                };
                Some((zh.front.weight.unwrap_or(0), p.slug.as_str(), link))
            })
            .collect();
        pages.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        pages.into_iter().map(|(_, _, l)| l).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::item_id;

    #[test]
    fn an_item_page_is_known_by_its_permalink() {
        assert_eq!(item_id("tasks/8/").as_deref(), Some("task/8"));
        assert_eq!(
            item_id("key-tasks/2022/19/").as_deref(),
            Some("key-task/2022/19")
        );
        assert_eq!(item_id("agencies/water/").as_deref(), Some("agency/water"));
        assert_eq!(item_id("rivers/laixi/").as_deref(), Some("river/laixi"));
        assert_eq!(item_id("key-tasks/2022/"), None);
        assert_eq!(item_id("tasks/"), None);
        assert_eq!(item_id("pages/about/"), None);
    }
}
