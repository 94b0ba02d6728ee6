//! How text becomes search terms, the one rule the index (here) and the
//! browser (`themes/default/static/search.js`, `terms()`) both follow, so a
//! query finds what the page says without a dictionary in either place:
//!
//! - a run of Chinese (CJK) characters gives its character bigrams and its
//!   single characters (Lucene's CJK analyzer with unigrams): 濑溪河 →
//!   濑溪 溪河 濑 溪 河. A query of two or more characters asks for its
//!   bigrams, one character for its unigram;
//! - a run of letters and digits is one word, lowercased, with English
//!   plural endings taken off (rivers → river, facilities → facility);
//! - anything else separates. Full-width letters and digits count as their
//!   ASCII forms; Roman numerals (Ⅲ类) count as CJK characters.
//!
//! Terms go into shards by an FNV-1a hash over UTF-16 code units (simple to
//! repeat in JavaScript): a Chinese term by the whole term, a word by its
//! first three characters, so the browser can match a word's prefix
//! (`sew` → sewage) inside one shard.

/// The kind of a character for tokenising.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Word,
    Cjk,
    Other,
}

fn class(c: char) -> Class {
    match c {
        'a'..='z' | '0'..='9' => Class::Word,
        '\u{c0}'..='\u{24f}' if c != '\u{d7}' && c != '\u{f7}' => Class::Word,
        '\u{2160}'..='\u{2188}'
        | '\u{3007}'
        | '\u{3040}'..='\u{30ff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{ac00}'..='\u{d7af}'
        | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{2ffff}' => Class::Cjk,
        _ => Class::Other,
    }
}

/// `c` as the tokeniser sees it: full-width forms as ASCII, lowercased.
fn fold(c: char) -> char {
    let c = match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        _ => c,
    };
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else if ('\u{c0}'..='\u{24f}').contains(&c) {
        c.to_lowercase().next().unwrap_or(c)
    } else {
        c
    }
}

/// A word as a term: English plural endings taken off a word of four or
/// more letters (the browser's `stem()` is the same rule).
fn stemmed(word: &str, out: &mut String) {
    out.clear();
    let n = word.len();
    if n < 4 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        out.push_str(word);
    } else if n > 4 && word.ends_with("ies") {
        out.push_str(&word[..n - 3]);
        out.push('y');
    } else if ["sses", "ches", "shes", "xes"]
        .iter()
        .any(|e| word.ends_with(e))
    {
        out.push_str(&word[..n - 2]);
    } else if word.ends_with('s') && !["ss", "us", "is"].iter().any(|e| word.ends_with(e)) {
        out.push_str(&word[..n - 1]);
    } else {
        out.push_str(word);
    }
}

/// Every term of `text`, in order, with repeats: `each(term)` is called
/// once per occurrence.
pub fn each_term(text: &str, mut each: impl FnMut(&str)) {
    let mut word = String::new();
    let mut term = String::new();
    let mut run: Vec<char> = Vec::new();
    let flush_run = |run: &mut Vec<char>, term: &mut String, each: &mut dyn FnMut(&str)| {
        for (i, c) in run.iter().enumerate() {
            term.clear();
            term.push(*c);
            each(term);
            if let Some(next) = run.get(i + 1) {
                term.push(*next);
                each(term);
            }
        }
        run.clear();
    };
    for c in text.chars().map(fold) {
        match class(c) {
            Class::Word => {
                if !run.is_empty() {
                    flush_run(&mut run, &mut term, &mut each);
                }
                word.push(c);
            }
            Class::Cjk => {
                if !word.is_empty() {
                    stemmed(&word, &mut term);
                    each(&term);
                    word.clear();
                }
                run.push(c);
            }
            Class::Other => {
                if !run.is_empty() {
                    flush_run(&mut run, &mut term, &mut each);
                }
                if !word.is_empty() {
                    stemmed(&word, &mut term);
                    each(&term);
                    word.clear();
                }
            }
        }
    }
    if !run.is_empty() {
        flush_run(&mut run, &mut term, &mut each);
    }
    if !word.is_empty() {
        stemmed(&word, &mut term);
        each(&term);
    }
}

/// The shard of `term` among `shards` (a power of two).
pub fn shard(term: &str, shards: u32) -> u32 {
    let cjk = term.chars().next().is_some_and(|c| class(c) == Class::Cjk);
    let key: &str = if cjk {
        term
    } else {
        term.char_indices().nth(3).map_or(term, |(i, _)| &term[..i])
    };
    let mut h: u32 = 0x811c_9dc5;
    for unit in key.encode_utf16() {
        h ^= u32::from(unit);
        h = h.wrapping_mul(0x0100_0193);
    }
    h & (shards - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        each_term(text, |t| out.push(t.to_string()));
        out
    }

    #[test]
    fn chinese_gives_bigrams_and_characters_words_are_folded() {
        assert_eq!(terms("濑溪河"), ["濑", "濑溪", "溪", "溪河", "河"]);
        assert_eq!(terms("河"), ["河"]);
        assert_eq!(
            terms("Laixi Rivers, 2022年；ＰＭ２.５"),
            ["laixi", "river", "2022", "年", "pm2", "5"]
        );
        assert_eq!(terms("Ⅲ类"), ["Ⅲ", "Ⅲ类", "类"]);
        assert_eq!(
            terms("facilities processes bus basis"),
            ["facility", "process", "bus", "basis"]
        );
    }

    #[test]
    fn words_shard_by_their_first_three_characters() {
        assert_eq!(shard("sewage", 256), shard("sew", 256));
        assert_eq!(shard("sewer", 256), shard("sewage", 256));
        // Known values, repeated by search.js.
        assert_eq!(shard("a", 1 << 31), 0xe40c_292c & 0x7fff_ffff);
        assert!(shard("濑溪", 256) < 256);
    }
}
