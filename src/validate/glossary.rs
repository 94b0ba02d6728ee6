//! The glossary (`content/glossary.yaml`): unique slug ids, each Chinese
//! term listed once. Each entry keeps its English forms as words, the way
//! the translation check and the term links match them.

use super::ids::unique_id;
use super::refs::at;
use crate::diagnostics::Diagnostics;
use crate::load::raw::RawGlossaryEntry;
use crate::load::yaml::line_col;
use crate::model::*;
use crate::text::english::form_words;
use std::collections::BTreeMap;
use std::path::Path;

pub fn glossary(path: &Path, raw: &[RawGlossaryEntry], d: &mut Diagnostics) -> Vec<GlossaryEntry> {
    let mut seen = BTreeMap::new();
    let mut seen_zh = BTreeMap::new();
    let mut glossary = Vec::new();
    for g in raw {
        unique_id(path, &g.id, &mut seen, "glossary", d);
        if let Some(first) = seen_zh.insert(g.zh.value.clone(), line_col(&g.zh).0) {
            let msg = format!(
                "glossary term {} is listed twice (first at line {first})",
                g.zh.value
            );
            d.push(at(path, &g.zh, msg));
        }
        glossary.push(GlossaryEntry {
            id: g.id.value.clone(),
            zh: g.zh.value.clone(),
            en: g.en.clone(),
            variants: g.variants.clone(),
            forms: std::iter::once(&g.en)
                .chain(&g.variants)
                .map(|f| form_words(f))
                .collect(),
            explain: Text {
                zh: g.explain.zh.clone(),
                en: Some(g.explain.en.clone()),
            },
        });
    }
    glossary
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::parse;
    use crate::validate::messages;

    const GLOSSARY: &str = "\
- id: river-chief
  zh: 河长制
  en: river chief system
  variants: [river chief (system)]
  explain: {zh: 由党政负责人担任河长, en: Party and government leaders serve as river chiefs}
- id: binding
  zh: 约束性
  en: binding
  explain: {zh: 必须完成, en: must be met}
";

    fn run(text: &str) -> (Vec<GlossaryEntry>, Vec<String>) {
        let p = Path::new("glossary.yaml");
        let mut d = Diagnostics::default();
        let g = glossary(p, &parse::<Vec<RawGlossaryEntry>>(p, text).unwrap(), &mut d);
        (g, messages(d))
    }

    #[test]
    fn entries_keep_their_forms_as_words() {
        let (g, d) = run(GLOSSARY);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(
            g[0].forms,
            [vec!["river", "chief", "system"], vec!["river", "chief"]]
        );
        assert_eq!(g[1].explain.en.as_deref(), Some("must be met"));
    }

    #[test]
    fn a_term_listed_twice_or_a_repeated_id_is_an_error_at_the_repeat() {
        let (_, d) = run(&GLOSSARY
            .replace("zh: 约束性", "zh: 河长制")
            .replace("id: binding", "id: river-chief"));
        assert_eq!(
            d,
            [
                "glossary.yaml:6:7: error: duplicate glossary id `river-chief` (first at line 1)",
                "glossary.yaml:7:7: error: glossary term 河长制 is listed twice (first at line 2)",
            ]
        );
    }
}
