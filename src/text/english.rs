//! English text matched as words: a glossary form ("environmental
//! emergency (response)") found in running text as whole words, in a
//! simple plural, without its parenthesised qualifiers. The translation
//! check and the term links share it, so a term the check accepts is the
//! term that links.

use std::ops::Range;

/// Lowercase words of `s` with their byte ranges.
fn words(s: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        if c.is_ascii_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(st) = start.take() {
            out.push((s[st..i].to_ascii_lowercase(), st..i));
        }
    }
    out
}

/// The words of a glossary form, without parenthesised qualifiers.
pub fn form_words(form: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut depth = 0;
    for c in form.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    words(&plain).into_iter().map(|(w, _)| w).collect()
}

/// A text word matches a form word as is or in a simple plural.
fn word_matches(form: &str, word: &str) -> bool {
    word == form
        || word.strip_suffix('s') == Some(form)
        || word.strip_suffix("es") == Some(form)
        || form
            .strip_suffix('y')
            .is_some_and(|stem| word.strip_suffix("ies") == Some(stem))
}

/// An English text split into words once, to look many terms up in it.
pub struct English {
    words: Vec<(String, Range<usize>)>,
}

impl English {
    pub fn new(text: &str) -> English {
        English { words: words(text) }
    }

    /// Every occurrence of one form (as `form_words`), as byte ranges.
    pub fn find_all(&self, form: &[String]) -> Vec<Range<usize>> {
        self.occurrences(form).collect()
    }

    /// Where one of `forms` (each as `form_words`) first occurs (byte range).
    pub fn find(&self, forms: &[Vec<String>]) -> Option<Range<usize>> {
        forms
            .iter()
            .filter_map(|fw| self.occurrences(fw).next())
            .min_by_key(|r| (r.start, std::cmp::Reverse(r.end)))
    }

    /// The occurrences of `form` (as `form_words`) in order, as byte ranges;
    /// none of an empty form.
    fn occurrences<'s>(&'s self, form: &'s [String]) -> impl Iterator<Item = Range<usize>> + 's {
        let tw = &self.words;
        let starts = if form.is_empty() || form.len() > tw.len() {
            0..0
        } else {
            0..tw.len() - form.len() + 1
        };
        starts
            .filter(move |&i| {
                form.iter()
                    .zip(&tw[i..])
                    .all(|(f, (w, _))| word_matches(f, w))
            })
            .map(move |i| tw[i].1.start..tw[i + form.len() - 1].1.end)
    }
}

/// Where one of `forms` first occurs in English `text` (byte range).
pub fn find_english(text: &str, forms: &[&str]) -> Option<Range<usize>> {
    let forms: Vec<Vec<String>> = forms.iter().map(|f| form_words(f)).collect();
    English::new(text).find(&forms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_match_words_and_plurals() {
        let t = "Prevent environmental emergencies and keep the Three Lines and One List.";
        assert_eq!(find_english(t, &["environmental emergency"]), Some(8..33));
        assert!(find_english(t, &["\"Three Lines and One List\""]).is_some());
        assert!(find_english(t, &["water conservation (of catchments)"]).is_none());
        assert!(find_english(
            "water conservation areas",
            &["water conservation (of catchments)"]
        )
        .is_some());
        assert!(find_english("emergent", &["emergency"]).is_none());
    }

    #[test]
    fn every_occurrence_and_the_first_longest_of_several_forms() {
        let t = English::new("Rivers and lakes, river chiefs and lake chiefs");
        let lake = form_words("lake");
        assert_eq!(t.find_all(&lake), [11..16, 35..39]);
        assert_eq!(t.find_all(&form_words("lake chief")), vec![35..46]);
        assert!(t.find_all(&[]).is_empty());
        let forms = [form_words("river chief"), form_words("river"), lake];
        // The earliest occurrence wins; at one start, the longest.
        assert_eq!(t.find(&forms), Some(0..6));
        assert_eq!(t.find(&forms[..1]), Some(18..30));
        let chiefs = English::new("river chiefs");
        assert_eq!(chiefs.find(&forms[..2]), Some(0..12));
        assert_eq!(t.find(&[form_words("sea")]), None);
    }
}
