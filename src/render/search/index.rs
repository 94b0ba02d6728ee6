//! The index files, made from the records: per language (`zh`, `en`) a
//! `meta.js` (the stamp, the number of pages, shards and pages per chunk),
//! the postings in `t/XX.js` shards (a term's shard by `tokens::shard`), and
//! the pages' address, title and text in `p/K.js` chunks of CHUNK pages.
//! Every file is a script calling `GONGKAI_SEARCH.put(key, data)`, so the
//! same index loads over HTTP and from a disk (`file://` has no fetch, but
//! loads scripts). Output is sorted throughout: the same records give the
//! same bytes.
//!
//! A posting is a page's id (its place in result order: tasks first, then
//! key tasks, projects, indicators, rivers and agencies, each by number) as
//! the gap from the previous id, and a weight: BM25's term-frequency part
//! (k1 = 1.2, b = 0.75) times 10, plus TITLE_WEIGHT when the term is in
//! the title. The browser adds the inverse document frequency.

use super::records::{PageRecord, Records};
use super::tokens::{each_term, shard};
use crate::render::OutFile;
use rayon::prelude::*;
use std::collections::HashMap;
use std::fmt::Write as _;
use xxhash_rust::xxh3::Xxh3DefaultBuilder;

/// Pages per metadata chunk.
const CHUNK: usize = 64;
/// What a term in the title adds to its weight.
const TITLE_WEIGHT: u32 = 30;
/// Pages tokenised together (in parallel) before their terms are merged.
const BATCH: usize = 1024;

/// The index of `records` (both languages), under `search/index/`.
pub fn files(records: &Records) -> Vec<OutFile> {
    let stamp = records.stamp();
    records.with_pages(|pages| {
        let mut out = Vec::new();
        for (lang, prefix) in [("zh", ""), ("en", "en/")] {
            let mut of_lang: Vec<(&str, &PageRecord)> = pages
                .iter()
                .filter(|(p, _)| lang_of(p) == prefix)
                .copied()
                .collect();
            of_lang.sort_by_cached_key(|(p, _)| result_order(p));
            out.extend(language(lang, &of_lang, &stamp));
        }
        out.push(stamp_file_of(&stamp));
        out.sort_by(|a, b| a.path.cmp(&b.path));
        out
    })
}

/// The stamp of the pages, `search/index/stamp.js`: written with the
/// pages; the search page compares it with the index's own stamp.
pub fn stamp_file(records: &Records) -> OutFile {
    stamp_file_of(&records.stamp())
}

fn stamp_file_of(stamp: &str) -> OutFile {
    OutFile {
        path: "search/index/stamp.js".into(),
        bytes: put("stamp", &format!("\"{stamp}\"")).into_bytes(),
    }
}

fn lang_of(path: &str) -> &'static str {
    if path.starts_with("en/") {
        "en/"
    } else {
        ""
    }
}

/// A page's distinct terms with their counts (title and body) and whether
/// the title has them, and the number of term occurrences of its body.
struct PageTerms {
    terms: Vec<(String, u32, bool)>,
    length: u32,
}

/// One language's files; `pages` in result order.
fn language(lang: &str, pages: &[(&str, &PageRecord)], stamp: &str) -> Vec<OutFile> {
    let shards = shard_count(pages.len());
    // Postings as (id, count × 2 + in title); weighed once every length is known.
    let mut postings: Vec<HashMap<String, Vec<u32>, Xxh3DefaultBuilder>> =
        (0..shards).map(|_| HashMap::default()).collect();
    let mut lengths: Vec<u32> = Vec::with_capacity(pages.len());
    for batch in pages.chunks(BATCH) {
        let terms: Vec<PageTerms> = batch.par_iter().map(|(_, r)| page_terms(r)).collect();
        for page in terms {
            let id = lengths.len() as u32;
            lengths.push(page.length);
            for (term, count, in_title) in page.terms {
                let posting = [id, count.min(u32::MAX / 2) * 2 + u32::from(in_title)];
                let map = &mut postings[shard(&term, shards) as usize];
                match map.get_mut(term.as_str()) {
                    Some(list) => list.extend(posting),
                    None => {
                        map.insert(term, posting.to_vec());
                    }
                }
            }
        }
    }
    let average =
        (lengths.iter().map(|&n| f64::from(n)).sum::<f64>() / pages.len().max(1) as f64).max(1.0);
    let weigh = Weigh {
        lengths: &lengths,
        average,
    };
    let mut out: Vec<OutFile> = postings
        .into_par_iter()
        .enumerate()
        .map(|(s, map)| OutFile {
            path: format!("search/index/{lang}/t/{s:x}.js"),
            bytes: put(&format!("{lang}/t/{s:x}"), &shard_json(map, &weigh)).into_bytes(),
        })
        .collect();
    for (k, chunk) in pages.chunks(CHUNK).enumerate() {
        let rows: Vec<serde_json::Value> = chunk
            .iter()
            .map(|(p, r)| {
                let url = p.strip_suffix("index.html").unwrap_or(p);
                serde_json::json!([url, r.title, r.text])
            })
            .collect();
        out.push(OutFile {
            path: format!("search/index/{lang}/p/{k}.js"),
            bytes: put(
                &format!("{lang}/p/{k}"),
                &serde_json::Value::Array(rows).to_string(),
            )
            .into_bytes(),
        });
    }
    let meta = serde_json::json!({
        "stamp": stamp,
        "pages": pages.len(),
        "shards": shards,
        "chunk": CHUNK,
    });
    out.push(OutFile {
        path: format!("search/index/{lang}/meta.js"),
        bytes: put(&format!("{lang}/meta"), &meta.to_string()).into_bytes(),
    });
    out
}

/// Shards for `pages` pages: a power of two, about 16 pages each, from 16
/// to 1024, so a query fetches little at every size.
fn shard_count(pages: usize) -> u32 {
    ((pages / 16).max(1).next_power_of_two() as u32).clamp(16, 1024)
}

/// Every distinct term of a page (title and body), counted.
fn page_terms(r: &PageRecord) -> PageTerms {
    let mut counts: HashMap<String, (u32, bool), Xxh3DefaultBuilder> = HashMap::default();
    let mut count = |t: &str, n: u32, title: bool| match counts.get_mut(t) {
        Some(c) => {
            c.0 += n;
            c.1 |= title;
        }
        None => {
            counts.insert(t.to_string(), (n, title));
        }
    };
    each_term(&r.title, |t| count(t, 1, true));
    let mut length = 0;
    match &r.terms {
        Some(terms) => terms.iter().for_each(|(t, n)| {
            length += n;
            count(t, *n, false);
        }),
        None => each_term(&r.text, |t| {
            length += 1;
            count(t, 1, false);
        }),
    }
    let terms = counts
        .into_iter()
        .map(|(t, (n, title))| (t, n, title))
        .collect();
    PageTerms { terms, length }
}

/// A posting's weight: BM25's term-frequency part (times 10, at least 1)
/// plus TITLE_WEIGHT for a term of the title.
struct Weigh<'a> {
    lengths: &'a [u32],
    average: f64,
}

impl Weigh<'_> {
    fn weight(&self, id: u32, packed: u32) -> u32 {
        let tf = f64::from(packed / 2);
        let len = f64::from(self.lengths[id as usize]);
        let norm = 1.2 * (0.25 + 0.75 * len / self.average);
        let w = (10.0 * tf * 2.2 / (tf + norm)).round().max(1.0) as u32;
        w + if packed % 2 == 1 { TITLE_WEIGHT } else { 0 }
    }
}

/// A shard's postings as JSON, terms sorted, ids as gaps.
fn shard_json(map: HashMap<String, Vec<u32>, Xxh3DefaultBuilder>, weigh: &Weigh) -> String {
    let mut terms: Vec<(String, Vec<u32>)> = map.into_iter().collect();
    terms.sort_by(|a, b| a.0.cmp(&b.0));
    let mut json = String::from("{");
    for (i, (term, list)) in terms.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        json.push_str(&serde_json::Value::from(term.as_str()).to_string());
        json.push_str(":[");
        let mut previous = 0;
        for (j, pair) in list.chunks(2).enumerate() {
            if j > 0 {
                json.push(',');
            }
            let _ = write!(
                json,
                "{},{}",
                pair[0] - previous,
                weigh.weight(pair[0], pair[1])
            );
            previous = pair[0];
        }
        json.push(']');
    }
    json.push('}');
    json
}

/// A script handing `data` (JSON) to the search script under `key`.
fn put(key: &str, data: &str) -> String {
    format!("GONGKAI_SEARCH.put(\"{key}\",{data});\n")
}

/// Where a page comes among results of equal score: by kind, then by the
/// numbers in its path (tasks/2/ before tasks/10/).
fn result_order(path: &str) -> (usize, Vec<(u64, String)>) {
    const KINDS: [&str; 6] = [
        "tasks",
        "key-tasks",
        "projects",
        "indicators",
        "rivers",
        "agencies",
    ];
    let path = path.strip_prefix("en/").unwrap_or(path);
    let mut parts = path.split('/');
    let kind = parts.next().unwrap_or("");
    let rank = KINDS.iter().position(|k| *k == kind).unwrap_or(KINDS.len());
    let rest = parts
        .map(|p| (p.parse().unwrap_or(u64::MAX), p.to_string()))
        .collect();
    (rank, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, title: &str, text: &str) -> (String, String) {
        (
            path.to_string(),
            format!("<main data-pagefind-body><h1>{title}</h1><p>{text}</p></main>"),
        )
    }

    #[test]
    fn pages_are_numbered_in_result_order_and_postings_are_gaps() {
        let records = Records::default();
        for (p, html) in [
            page("agencies/water/index.html", "区水利局", "河长"),
            page("tasks/10/index.html", "任务 10", "河长制"),
            page("key-tasks/2022/3/index.html", "重点任务 3", "无"),
            page("tasks/2/index.html", "任务 2", "河长"),
            page("en/tasks/2/index.html", "Task 2", "river chief"),
        ] {
            records.add(&p, &html);
        }
        let files = files(&records);
        let get = |path: &str| {
            let f = files.iter().find(|f| f.path == path).unwrap();
            String::from_utf8(f.bytes.clone()).unwrap()
        };
        assert_eq!(
            get("search/index/zh/p/0.js"),
            "GONGKAI_SEARCH.put(\"zh/p/0\",[[\"tasks/2/\",\"任务 2\",\"河长\"],[\"tasks/10/\",\"任务 10\",\"河长制\"],[\"key-tasks/2022/3/\",\"重点任务 3\",\"无\"],[\"agencies/water/\",\"区水利局\",\"河长\"]]);\n"
        );
        let shard = get(&format!("search/index/zh/t/{:x}.js", shard("河长", 16)));
        // tasks/2 (id 0), tasks/10 (1), agencies/water (3): gaps 0, 1, 2.
        let at = shard.find("\"河长\":[").unwrap();
        let list: Vec<u32> = shard[at + "\"河长\":[".len()..]
            .split(']')
            .next()
            .unwrap()
            .split(',')
            .map(|n| n.parse().unwrap())
            .collect();
        assert_eq!(
            list.iter().step_by(2).copied().collect::<Vec<_>>(),
            [0, 1, 2]
        );
        assert!(get("search/index/en/meta.js").contains("\"pages\":1"));
        assert_eq!(
            get("search/index/stamp.js"),
            format!("GONGKAI_SEARCH.put(\"stamp\",\"{}\");\n", records.stamp())
        );
        assert_eq!(files.iter().filter(|f| f.path.contains("/t/")).count(), 32);
        let again = super::files(&records);
        assert!(
            files.len() == again.len()
                && files
                    .iter()
                    .zip(&again)
                    .all(|(a, b)| a.path == b.path && a.bytes == b.bytes),
            "deterministic"
        );
    }
}
