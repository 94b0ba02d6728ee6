//! Glossary terms in the two editions: which terms a Chinese text uses on
//! their own, and the wordings the glossary says to avoid in the English.

use super::StyleIssue;
use crate::load::raw::RawGlossaryEntry;
use crate::text::english::{form_words, English};
use std::ops::Range;

/// Whether `zh` uses the glossary term `term` on its own: somewhere not as
/// part of a longer glossary term (优良 in 优良天数, 环评 in 规划环评 are the
/// longer terms, whose own forms the English must use).
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
pub fn avoided_forms(zh: &str, en: &English, glossary: &[RawGlossaryEntry]) -> Vec<StyleIssue> {
    let terms: Vec<&str> = glossary.iter().map(|g| g.zh.value.as_str()).collect();
    let mut out = Vec::new();
    for g in glossary
        .iter()
        .filter(|g| !g.avoid.is_empty() && uses_term(zh, &g.zh.value, &terms))
    {
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
        let m = messages(avoided_forms(zh, &en, &g));
        assert_eq!(m, ["writes \"environmental contingency plan\" for the glossary term 环境应急预案, whose one English form is \"environmental emergency response plan\" | write \"environmental emergency response plan\" (content/glossary.yaml lists \"environmental contingency plan\" under `avoid`)"]);
        // "emergency plan" inside the term's own form is the form itself.
        let en = English::new("Improve environmental emergency response plans.");
        assert!(avoided_forms(zh, &en, &g).is_empty());
        // Only where the Chinese uses the term.
        let en = English::new("dust control");
        assert!(avoided_forms("加强管理", &en, &g).is_empty());
        assert_eq!(avoided_forms("扬尘", &en, &g).len(), 1);
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
}
