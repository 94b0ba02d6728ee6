//! The search index's input: one record per page, made right after the
//! page is rendered and kept instead of its HTML, and cached on disk
//! beside the output, so a rebuild extracts only the pages whose HTML
//! changed (a page's record is found by its path and the hash of its
//! HTML) and an incremental build can keep the records of pages it did not
//! render at all.
//!
//! A record holds the page's title and text (the excerpt source, at most
//! [`TEXT_CHARS`] characters); the index tokenises it when it is merged. A
//! longer page (an agency's list of tasks) keeps the first
//! [`TEXT_CHARS`] characters and the counted terms of its whole text,
//! which are much smaller than the text.

use super::extract::page_text;
use super::tokens::each_term;

use std::collections::HashMap;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// A page's text longer than this keeps its terms instead of the rest.
pub const TEXT_CHARS: usize = 4000;

/// The cache file's first bytes; a file that does not start with them (an
/// older format) is ignored.
const MAGIC: &[u8; 16] = b"gongkai-search-1";

/// The record of one indexable page.
#[derive(Clone, Debug, PartialEq)]
pub struct PageRecord {
    pub title: String,
    /// The text, at most TEXT_CHARS characters.
    pub text: String,
    /// For a page whose text is longer: every term of the whole text with
    /// its count, sorted by term.
    pub terms: Option<Vec<(String, u32)>>,
}

/// What is known of a page path: the hash of its HTML and, if the index
/// takes the page, its record.
#[derive(Clone, Debug)]
struct Entry {
    hash: u64,
    page: Page,
    /// Added or kept in this build (only these are indexed and saved).
    current: bool,
}

/// A page's record, as far as it is known.
#[derive(Clone, Debug, PartialEq)]
enum Page {
    /// The index does not take the page.
    None,
    Made(PageRecord),
    /// The previous build's, not yet decoded: its bytes in the cache file
    /// (from its presence byte on). Decoded only when the index is made,
    /// so a build that keeps the index reads no record.
    Cached(std::ops::Range<usize>),
}

/// The records of a build, filled from the page threads. Thread-safe.
#[derive(Default)]
pub struct Records {
    entries: Mutex<HashMap<String, Entry>>,
    /// The previous build's cache file, which `Page::Cached` points into.
    cache: Vec<u8>,
    /// An entry was added, or replaced by another record, since the cache
    /// file was read.
    changed: AtomicBool,
}

impl Records {
    /// The previous build's records (as `into_bytes` wrote them); empty if
    /// they are missing or unreadable. They are reused by `add` (same HTML)
    /// and `keep`, and dropped unless one of them asks for them. Only the
    /// paths are read now; a record's text when the index is made.
    pub fn from_bytes(bytes: Option<Vec<u8>>) -> Records {
        let cache = bytes.unwrap_or_default();
        match decode(&cache) {
            Some(entries) => Records {
                entries: Mutex::new(entries),
                cache,
                changed: AtomicBool::new(false),
            },
            None => Records::default(),
        }
    }

    /// A page just rendered (any page: one the index does not take is
    /// remembered as such). Extracts its text unless the previous build
    /// had the same HTML at this path.
    pub fn add(&self, page_path: &str, html: &str) {
        let hash = xxhash_rust::xxh3::xxh3_64(html.as_bytes());
        {
            let mut entries = self.lock();
            if let Some(e) = entries.get_mut(page_path).filter(|e| e.hash == hash) {
                e.current = true;
                return;
            }
        }
        // An HTML page without the body marker has no record (`page_text`
        // finds the marker, as `indexable` asks): one scan of the page.
        let page = match page_path.ends_with(".html").then(|| record(html)).flatten() {
            Some(record) => Page::Made(record),
            None => Page::None,
        };
        self.changed.store(true, Ordering::Relaxed);
        self.lock().insert(
            page_path.to_string(),
            Entry {
                hash,
                page,
                current: true,
            },
        );
    }

    /// A page not rendered again: its previous record stays. False when
    /// the previous build left no record of it (then the caller must
    /// `add` its HTML).
    pub fn keep(&self, page_path: &str) -> bool {
        match self.lock().get_mut(page_path) {
            Some(e) => {
                e.current = true;
                true
            }
            None => false,
        }
    }

    /// This build's records (added or kept), for the next build. The output
    /// keeps them beside it (a memo of `write`'s, `.public.search`), believed
    /// only for the tree they were written with. When the build kept every
    /// record of the previous one and added none, that is the file it read
    /// (`encode` writes the same entries as the same bytes), given back as
    /// it is.
    pub fn into_bytes(self) -> Vec<u8> {
        let entries = self.entries.into_inner().unwrap_or_else(|e| e.into_inner());
        let same = !self.changed.into_inner() && entries.values().all(|e| e.current);
        if same && !self.cache.is_empty() {
            return self.cache;
        }
        encode(&entries, &self.cache)
    }

    /// Call `f` with this build's indexable pages (added or kept), by path.
    pub fn with_pages<R>(&self, f: impl FnOnce(Vec<(&str, &PageRecord)>) -> R) -> R {
        let mut entries = self.lock();
        for e in entries.values_mut().filter(|e| e.current) {
            if let Page::Cached(at) = &e.page {
                // `decode` checked every record's lengths and text.
                e.page = match Reader(&self.cache[at.clone()]).page() {
                    Some(Some(record)) => Page::Made(record),
                    _ => Page::None,
                };
            }
        }
        let mut pages: Vec<(&str, &PageRecord)> = entries
            .iter()
            .filter(|(_, e)| e.current)
            .filter_map(|(p, e)| match &e.page {
                Page::Made(record) => Some((p.as_str(), record)),
                _ => None,
            })
            .collect();
        pages.sort_by(|a, b| a.0.cmp(b.0));
        f(pages)
    }

    /// The stamp of this build's pages: a hash of every current path and
    /// the hash of its HTML. The index carries the stamp of the records it
    /// was made from, the site the stamp of its pages.
    pub fn stamp(&self) -> String {
        let entries = self.lock();
        let mut current: Vec<(&String, u64)> = entries
            .iter()
            .filter(|(_, e)| e.current && e.page != Page::None)
            .map(|(p, e)| (p, e.hash))
            .collect();
        current.sort();
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        for (p, hash) in current {
            h.update(p.as_bytes());
            h.update(&hash.to_le_bytes());
        }
        format!("{:016x}", h.digest())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The record of an indexable page's HTML.
fn record(html: &str) -> Option<PageRecord> {
    let page = page_text(html)?;
    let terms = (page.text.chars().nth(TEXT_CHARS).is_some()).then(|| {
        let mut counts: HashMap<String, u32> = HashMap::new();
        each_term(&page.text, |t| match counts.get_mut(t) {
            Some(n) => *n += 1,
            None => {
                counts.insert(t.to_string(), 1);
            }
        });
        let mut terms: Vec<(String, u32)> = counts.into_iter().collect();
        terms.sort();
        terms
    });
    let text = match page.text.char_indices().nth(TEXT_CHARS) {
        Some((cut, _)) => page.text[..cut].to_string(),
        None => page.text,
    };
    Some(PageRecord {
        title: page.title,
        text,
        terms,
    })
}

/// The cache file: MAGIC, then per current entry its path, hash and
/// record (strings as a u32 length and UTF-8, numbers little-endian).
/// A record not decoded is copied from `cache`, the file it came from.
fn encode(entries: &HashMap<String, Entry>, cache: &[u8]) -> Vec<u8> {
    let mut current: Vec<(&String, &Entry)> = entries.iter().filter(|(_, e)| e.current).collect();
    current.sort_by(|a, b| a.0.cmp(b.0));
    let mut out = MAGIC.to_vec();
    out.extend((current.len() as u64).to_le_bytes());
    let put = |out: &mut Vec<u8>, s: &str| {
        out.extend((s.len() as u32).to_le_bytes());
        out.extend(s.as_bytes());
    };
    for (path, e) in current {
        put(&mut out, path);
        out.extend(e.hash.to_le_bytes());
        let page = match &e.page {
            Page::None => {
                out.push(0);
                continue;
            }
            Page::Cached(at) => {
                out.extend_from_slice(&cache[at.clone()]);
                continue;
            }
            Page::Made(page) => page,
        };
        out.push(1);
        put(&mut out, &page.title);
        put(&mut out, &page.text);
        let terms = page.terms.as_deref().unwrap_or(&[]);
        out.push(u8::from(page.terms.is_some()));
        out.extend((terms.len() as u32).to_le_bytes());
        for (t, n) in terms {
            put(&mut out, t);
            out.extend(n.to_le_bytes());
        }
    }
    out
}

/// The entries of a cache file (none `current`, each record `Cached`:
/// checked, not decoded), or `None` if it is not one.
fn decode(bytes: &[u8]) -> Option<HashMap<String, Entry>> {
    let mut r = Reader(bytes.strip_prefix(MAGIC)?);
    let n = r.u64()?;
    let mut entries = HashMap::with_capacity(n.min(1 << 24) as usize);
    for _ in 0..n {
        let path = r.str()?.to_string();
        let hash = r.u64()?;
        let start = bytes.len() - r.0.len();
        let page = match r.page_checked()? {
            false => Page::None,
            true => Page::Cached(start..bytes.len() - r.0.len()),
        };
        let current = false;
        entries.insert(
            path,
            Entry {
                hash,
                page,
                current,
            },
        );
    }
    r.0.is_empty().then_some(entries)
}

/// Reads the cache file's values in order; `None` at a short or bad file.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Some(a)
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn str(&mut self) -> Option<&'a str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).ok()
    }
    fn string(&mut self) -> Option<String> {
        self.str().map(str::to_string)
    }
    /// One record (after its presence byte: `Some(None)` for none).
    fn page(&mut self) -> Option<Option<PageRecord>> {
        if self.u8()? == 0 {
            return Some(None);
        }
        let title = self.string()?;
        let text = self.string()?;
        let has_terms = self.u8()? == 1;
        let count = self.u32()?;
        let mut terms = Vec::with_capacity(count.min(1 << 20) as usize);
        for _ in 0..count {
            terms.push((self.string()?, self.u32()?));
        }
        Some(Some(PageRecord {
            title,
            text,
            terms: has_terms.then_some(terms),
        }))
    }
    /// Skip one record, checking what `page` would (whether there is one).
    fn page_checked(&mut self) -> Option<bool> {
        if self.u8()? == 0 {
            return Some(false);
        }
        self.str()?;
        self.str()?;
        self.u8()?;
        for _ in 0..self.u32()? {
            self.str()?;
            self.u32()?;
        }
        Some(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str) -> String {
        format!("<main data-pagefind-body><h1>标题</h1><p>{text}</p></main>")
    }

    #[test]
    fn a_page_whose_html_is_unchanged_is_not_read_again() {
        let records = Records::default();
        records.add("tasks/1/index.html", &page("河长"));
        let tamper = |r: &Records| {
            let mut entries = r.lock();
            let e = entries.get_mut("tasks/1/index.html").unwrap();
            let Page::Made(record) = &mut e.page else {
                panic!("a made record")
            };
            record.title = "from the cache".into();
            e.current = false;
        };
        tamper(&records);
        records.add("tasks/1/index.html", &page("河长"));
        let title = |r: &Records| r.with_pages(|p| p[0].1.title.clone());
        assert_eq!(title(&records), "from the cache");
        records.add("tasks/1/index.html", &page("河长制"));
        assert_eq!(title(&records), "标题");
    }

    #[test]
    fn records_survive_the_cache_and_only_current_pages_are_kept() {
        let long = "濑溪河".repeat(TEXT_CHARS);
        let first = Records::from_bytes(None);
        first.add("tasks/1/index.html", &page("河长"));
        first.add("tasks/2/index.html", &page(&long));
        first.add("tasks/3/index.html", &page("删除"));
        first.add("search/index.html", "<main><h1>搜索</h1></main>");
        let owned = |r: &Records| {
            r.with_pages(|p| {
                p.into_iter()
                    .map(|(p, r)| (p.to_string(), r.clone()))
                    .collect::<Vec<_>>()
            })
        };
        let pages = owned(&first);
        let file = first.into_bytes();
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[1].1.text.chars().count(), TEXT_CHARS);
        let terms = pages[1].1.terms.as_ref().unwrap();
        assert!(
            terms.contains(&("溪河".to_string(), TEXT_CHARS as u32)),
            "{terms:?}"
        );

        let second = Records::from_bytes(Some(file.clone()));
        assert!(second.keep("tasks/1/index.html"));
        assert!(second.keep("search/index.html"));
        assert!(!second.keep("tasks/9/index.html"));
        second.add("tasks/2/index.html", &page(&long));
        assert_eq!(second.stamp(), {
            let third = Records::default();
            third.add("tasks/1/index.html", &page("河长"));
            third.add("tasks/2/index.html", &page(&long));
            third.stamp()
        });
        let kept = owned(&second);
        assert_eq!(
            kept,
            pages[..2].to_vec(),
            "tasks/3 was neither added nor kept"
        );
        assert!(owned(&Records::from_bytes(Some(b"gongkai-search-0 old".to_vec()))).is_empty());
    }

    #[test]
    fn a_build_that_keeps_every_record_gives_back_the_file_it_read() {
        let long = "濑溪河".repeat(TEXT_CHARS);
        let search = "<main><h1>搜索</h1></main>";
        let made = |pages: &[(&str, &str)]| {
            let r = Records::default();
            for (path, html) in pages {
                r.add(path, html);
            }
            r.into_bytes()
        };
        let (one, two) = (page("河长"), page(&long));
        let file = made(&[
            ("tasks/1/index.html", &one),
            ("tasks/2/index.html", &two),
            ("search/index.html", search),
        ]);
        let again = |f: &dyn Fn(&Records)| {
            let r = Records::from_bytes(Some(file.clone()));
            f(&r);
            r.into_bytes()
        };
        // Every record kept or its HTML made again as it was: the same file.
        let same = again(&|r| {
            assert!(r.keep("tasks/1/index.html") && r.keep("search/index.html"));
            r.add("tasks/2/index.html", &two);
        });
        assert_eq!(same, file);
        // A page gone: the others written as a build that made them writes
        // them (copied from the file, not decoded).
        let gone = again(&|r| {
            assert!(r.keep("tasks/1/index.html") && r.keep("search/index.html"));
        });
        assert_eq!(
            gone,
            made(&[("tasks/1/index.html", &one), ("search/index.html", search)])
        );
        // A page changed, or new: its new record.
        let three = page("新增");
        let changed = again(&|r| {
            assert!(r.keep("tasks/2/index.html") && r.keep("search/index.html"));
            r.add("tasks/1/index.html", &page("河长制"));
            r.add("tasks/3/index.html", &three);
        });
        assert_eq!(
            changed,
            made(&[
                ("tasks/1/index.html", &page("河长制")),
                ("tasks/2/index.html", &two),
                ("tasks/3/index.html", &three),
                ("search/index.html", search),
            ])
        );
        // A cached record is decoded when the index is made.
        let r = Records::from_bytes(Some(file.clone()));
        assert!(r.keep("tasks/2/index.html"));
        let text = r.with_pages(|p| p[0].1.text.clone());
        assert_eq!(text.chars().count(), TEXT_CHARS);
        // A file whose text is not UTF-8 is no cache at all.
        let at = file.windows(3).position(|w| w == "濑".as_bytes()).unwrap();
        let mut bad = file.clone();
        bad[at] = 0xff;
        let r = Records::from_bytes(Some(bad));
        assert!(!r.keep("tasks/1/index.html"));
        assert!(r.into_bytes().len() < file.len());
    }
}
