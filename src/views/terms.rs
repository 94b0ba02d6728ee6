//! Glossary term links: in a page's main text, the first use of each
//! glossary term links to its entry.
//!
//! English terms are matched as words with the matcher the translation
//! check uses (`text::english::English`), so a term the check accepts is
//! the term that links.

use super::html::esc;
use super::Ctx;
use crate::model::*;

impl Ctx<'_> {
    /// Escaped HTML of `s` with the first occurrence of each glossary term
    /// linked: leftmost first, longest wins, no overlaps.
    pub(super) fn link_terms(&self, s: &str) -> String {
        let english = (self.lang == Lang::En).then(|| crate::text::english::English::new(s));
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
}
