//! Glossary terms in the two editions: which terms a Chinese text uses on
//! their own, and the wordings the glossary says to avoid in the English.

use super::StyleIssue;
use crate::load::raw::RawGlossaryEntry;
use crate::text::english::{form_words, English};
use aho_corasick::AhoCorasick;
use std::ops::Range;

/// The glossary's Chinese terms, found in a text in one pass: `used` is
/// `uses_term` for every term at once (one search of each text instead of
/// one per term and text, 434 × 3,000 on the Dazu plan).
pub struct Terms {
    search: Option<AhoCorasick>,
    /// The term each pattern of `search` is (an empty term, which would
    /// match everywhere, has none and is never used).
    term_of: Vec<usize>,
    count: usize,
}

impl Terms {
    pub fn new(terms: &[&str]) -> Terms {
        let (term_of, patterns): (Vec<usize>, Vec<&str>) = (terms.iter().copied().enumerate())
            .filter(|(_, t)| !t.is_empty())
            .unzip();
        Terms {
            search: AhoCorasick::new(&patterns).ok(),
            term_of,
            count: terms.len(),
        }
    }

    /// Which terms `zh` uses on its own, by their index: a term is used
    /// where some occurrence of it lies inside no occurrence of a longer
    /// term (see `uses_term`).
    pub fn used(&self, zh: &str) -> Vec<bool> {
        let mut used = vec![false; self.count];
        let Some(search) = &self.search else {
            return used;
        };
        let found: Vec<(usize, usize, usize)> = search
            .find_overlapping_iter(zh)
            .map(|m| (self.term_of[m.pattern().as_usize()], m.start(), m.end()))
            .collect();
        for &(t, start, end) in &found {
            if used[t] {
                continue;
            }
            let inside_longer = found
                .iter()
                .any(|&(_, s, e)| e - s > end - start && s <= start && end <= e);
            used[t] = !inside_longer;
        }
        used
    }
}

/// Whether `zh` uses the glossary term `term` on its own: somewhere not as
/// part of a longer glossary term (优良 in 优良天数, 环评 in 规划环评 are the
/// longer terms, whose own forms the English must use). The rule
/// `Terms::used` follows, one term at a time; the tests hold the two to the
/// same answers.
#[cfg(test)]
pub fn uses_term(zh: &str, term: &str, all_terms: &[&str]) -> bool {
    zh.match_indices(term).any(|(i, _)| {
        !all_terms.iter().any(|longer| {
            longer.len() > term.len()
                && longer.contains(term)
                && zh
                    .match_indices(longer)
                    .any(|(j, _)| j <= i && i + term.len() <= j + longer.len())
        })
    })
}

/// Wordings the glossary lists under `avoid` for a term the Chinese uses:
/// the English edition has one form per term. A wording that overlaps an
/// occurrence of the term's form (e.g. "dust control" in "fugitive dust
/// control") is part of that form, not another.
/// `used` is `Terms::used` of the Chinese, by the glossary's order.
pub fn avoided_forms(
    used: &[bool],
    en: &English,
    glossary: &[RawGlossaryEntry],
) -> Vec<StyleIssue> {
    let mut out = Vec::new();
    for (g, _) in (glossary.iter().zip(used)).filter(|(g, used)| **used && !g.avoid.is_empty()) {
        let form = form_words(&g.en);
        let uses: Vec<Range<usize>> = en.find_all(&form);
        for a in &g.avoid {
            let hits = en.find_all(&form_words(a));
            if hits
                .iter()
                .any(|h| !uses.iter().any(|u| h.start < u.end && u.start < h.end))
            {
                out.push(StyleIssue {
                    message: format!(
                        "writes \"{a}\" for the glossary term {}, whose one English form is \"{}\"",
                        g.zh.value, g.en
                    ),
                    help: format!(
                        "write \"{}\" (content/glossary.yaml lists \"{a}\" under `avoid`)",
                        g.en
                    ),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::messages;
    use super::*;
    use std::path::Path;

    #[test]
    fn avoided_glossary_wordings_are_named() {
        let g: Vec<RawGlossaryEntry> = crate::load::yaml::parse(
            Path::new("glossary.yaml"),
            "- id: plan\n  zh: 环境应急预案\n  en: environmental emergency response plan\n  avoid: [environmental contingency plan, emergency plan]\n  explain: {zh: 甲, en: A}\n- id: dust\n  zh: 扬尘\n  en: fugitive dust\n  avoid: [dust control]\n  explain: {zh: 乙, en: B}\n",
        )
        .unwrap();
        let zh = "完善环境应急预案，加强扬尘控制";
        let en = English::new("Improve environmental contingency plans and fugitive dust control.");
        let used = |zh: &str| {
            let terms: Vec<&str> = g.iter().map(|g| g.zh.value.as_str()).collect();
            Terms::new(&terms).used(zh)
        };
        let m = messages(avoided_forms(&used(zh), &en, &g));
        assert_eq!(m, ["writes \"environmental contingency plan\" for the glossary term 环境应急预案, whose one English form is \"environmental emergency response plan\" | write \"environmental emergency response plan\" (content/glossary.yaml lists \"environmental contingency plan\" under `avoid`)"]);
        // "emergency plan" inside the term's own form is the form itself.
        let en = English::new("Improve environmental emergency response plans.");
        assert!(avoided_forms(&used(zh), &en, &g).is_empty());
        // Only where the Chinese uses the term.
        let en = English::new("dust control");
        assert!(avoided_forms(&used("加强管理"), &en, &g).is_empty());
        assert_eq!(avoided_forms(&used("扬尘"), &en, &g).len(), 1);
    }

    #[test]
    fn a_term_inside_a_longer_term_is_that_term() {
        let terms = ["优良", "优良天数", "环评", "规划环评"];
        assert!(!uses_term("空气质量优良天数(天)", "优良", &terms));
        assert!(uses_term("空气质量优良天数(天)", "优良天数", &terms));
        assert!(uses_term("优良天数329天,水质优良", "优良", &terms));
        assert!(!uses_term("严格执行规划环评制度", "环评", &terms));
        assert!(uses_term("规划环评与项目环评联动", "环评", &terms));
    }

    #[test]
    fn all_terms_at_once_answer_as_each_term_alone() {
        let terms = ["优良", "优良天数", "环评", "规划环评"];
        let all = Terms::new(&terms);
        for zh in [
            "空气质量优良天数(天)",
            "优良天数329天,水质优良",
            "严格执行规划环评制度",
            "规划环评与项目环评联动",
            "无",
        ] {
            let each: Vec<bool> = terms.iter().map(|t| uses_term(zh, t, &terms)).collect();
            assert_eq!(all.used(zh), each, "{zh}");
        }
        // The Dazu plan's glossary over every task's text.
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let (raw, _) = crate::load::load(&root);
        let terms: Vec<&str> = raw.glossary.iter().map(|g| g.zh.value.as_str()).collect();
        let all = Terms::new(&terms);
        let mut uses = 0;
        for t in &raw.tasks {
            let zh = &t.text.zh;
            let each: Vec<bool> = terms.iter().map(|g| uses_term(zh, g, &terms)).collect();
            assert_eq!(all.used(zh), each, "task {}", t.number.value);
            uses += each.iter().filter(|u| **u).count();
        }
        assert!(
            uses > 100,
            "the plan's tasks use its glossary's terms ({uses})"
        );
    }
}
