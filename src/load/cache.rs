//! What `serve` keeps between rebuilds of the load stage: each file's
//! parse result, by path and the hash of its text, so a rebuild parses
//! again only the files that changed (one task list of 1.7 MB, or one
//! update among thousands). Off unless switched on (`enable`): a single
//! build would only hold a second copy of the content.

use crate::diagnostics::Diagnostic;
use crate::load::yaml::items::{may_reach_out, Items};
use std::any::Any;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

static ENABLED: AtomicBool = AtomicBool::new(false);

type Entry = (u128, Box<dyn Any + Send>);

/// Parse results by (file, what it was parsed as).
static CACHE: Mutex<Option<HashMap<(PathBuf, &'static str), Entry>>> = Mutex::new(None);

/// Keep parse results from now on (for `serve`).
pub fn enable() {
    ENABLED.store(true, Ordering::Relaxed);
}

/// Whether results are kept (in `serve`; see `pipeline::cache` for the
/// other stages' memory).
pub fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

/// What a file's metadata said: which file it is (device and inode), its
/// length, and when its content and its inode last changed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Stat {
    dev: u64,
    ino: u64,
    len: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
}

/// How long after its last change a file's stat is trusted to tell a later
/// write. File times come from a coarse clock (a tick of up to 10 ms on
/// Linux, 2 s on FAT), so a second write of the same length within the tick
/// of the first would leave every field as it was; one that comes this long
/// after it cannot.
const SETTLE: Duration = Duration::from_secs(3);

impl Stat {
    pub fn of(meta: &std::fs::Metadata) -> Stat {
        use std::os::unix::fs::MetadataExt;
        Stat {
            dev: meta.dev(),
            ino: meta.ino(),
            len: meta.len(),
            mtime: (meta.mtime(), meta.mtime_nsec()),
            ctime: (meta.ctime(), meta.ctime_nsec()),
        }
    }

    /// Whether the file had last changed at least `SETTLE` before
    /// `read_at`, when its text was read. Its inode's change time (ctime)
    /// is the kernel's own: a write, a rename onto it or a `touch` sets it,
    /// and nothing can set it back.
    fn settled(&self, read_at: SystemTime) -> bool {
        let (secs, nanos) = self.ctime;
        let Ok(secs) = u64::try_from(secs) else {
            return false;
        };
        let nanos = nanos.clamp(0, 999_999_999) as u32;
        let Some(changed) = UNIX_EPOCH.checked_add(Duration::new(secs, nanos)) else {
            return false;
        };
        read_at
            .duration_since(changed)
            .is_ok_and(|age| age >= SETTLE)
    }
}

/// Each file's stat when its text was last read, and that text's hash: the
/// files whose stat has settled (`Stat::settled`).
static SEEN: Mutex<Option<HashMap<PathBuf, (Stat, u128)>>> = Mutex::new(None);

/// The hash of the text of `path`, known without reading it: its stat is
/// the one it had when it was last read, long after its last change.
fn known(path: &Path, stat: Stat) -> Option<u128> {
    let seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    let &(was, hash) = seen.as_ref()?.get(path)?;
    (was == stat).then_some(hash)
}

/// Remember the hash of the text of `path`, read at `read_at` after a stat
/// of `stat`, if that stat can tell the next change.
fn saw(path: &Path, stat: Stat, read_at: SystemTime, hash: u128) {
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    let seen = seen.get_or_insert_with(HashMap::new);
    if stat.settled(read_at) {
        seen.insert(path.to_path_buf(), (stat, hash));
    } else {
        seen.remove(path);
    }
}

/// The kept value under `key` made from a text of hash `hash`.
fn kept<T: Clone + 'static>(key: &(PathBuf, &'static str), hash: u128) -> Option<T> {
    let cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    let (h, v) = cache.as_ref()?.get(key)?;
    (*h == hash)
        .then(|| v.downcast_ref::<T>().cloned())
        .flatten()
}

/// `parse()` of the text of `path`, which `read()` gives, or, in `serve`,
/// what it gave for the same text last time. The same text always parses
/// to the same value (and the same diagnostic), so a result kept is the
/// result made. A file whose `stat` is the one it had when it was last
/// read, long after its last change, is not read again. The outer error is
/// `read`'s, the inner `parse`'s.
pub fn parsed<T: Clone + Send + 'static>(
    path: &Path,
    stat: Stat,
    read: impl FnOnce() -> Result<String, Diagnostic>,
    parse: impl FnOnce(&str) -> Result<T, Diagnostic>,
) -> Result<Result<T, Diagnostic>, Diagnostic> {
    if !enabled() {
        return read().map(|text| parse(&text));
    }
    let key = (path.to_path_buf(), std::any::type_name::<T>());
    if let Some(hit) = known(path, stat).and_then(|hash| kept::<Result<T, Diagnostic>>(&key, hash))
    {
        return Ok(hit);
    }
    let read_at = SystemTime::now();
    let text = read()?;
    let hash = xxhash_rust::xxh3::xxh3_128(text.as_bytes());
    saw(path, stat, read_at, hash);
    if let Some(hit) = kept::<Result<T, Diagnostic>>(&key, hash) {
        return Ok(hit);
    }
    let result = parse(&text);
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    cache
        .get_or_insert_with(HashMap::new)
        .insert(key, (hash, Box::new(result.clone())));
    Ok(result)
}

/// What pure functions of a text gave, by (which function, the text's hash).
type Memo = HashMap<(&'static str, u128), Box<dyn Any + Send>>;
static MEMO: Mutex<Option<Memo>> = Mutex::new(None);

/// `make()`, a pure function of `text` (`what` names it), or what it gave
/// for the same text before, in `serve` (e.g. whether the sanitizer
/// removes part of a text's HTML: two HTML parses of every update, each
/// build, for an answer that changes only with the text).
pub fn remembered<T: Clone + Send + 'static>(
    what: &'static str,
    text: &str,
    make: impl FnOnce() -> T,
) -> T {
    if !enabled() {
        return make();
    }
    let key = (what, xxhash_rust::xxh3::xxh3_128(text.as_bytes()));
    {
        let memo = MEMO.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(v) = memo.as_ref().and_then(|m| m.get(&key)?.downcast_ref::<T>()) {
            return v.clone();
        }
    }
    let v = make();
    let mut memo = MEMO.lock().unwrap_or_else(|e| e.into_inner());
    memo.get_or_insert_with(HashMap::new)
        .insert(key, Box::new(v.clone()));
    v
}

/// A list file's last text, where its items are in it, and what it parsed to.
struct List<E> {
    text: String,
    items: Option<Items>,
    parsed: Result<Vec<E>, Diagnostic>,
}

/// `parse()` of the list file `path` (a YAML list of mappings, such as the
/// task list), where only the items that changed since last time, on the
/// same number of lines, are parsed again: each alone, after as many blank
/// lines as come before it, so every line and column is the file's own (see
/// `yaml::items` for when a file cannot be cut, and is parsed whole). The
/// spans' offsets then differ from a whole parse's; nothing reads them
/// (diagnostics give the line and column). A changed item that does not
/// parse, one whose lines were added or removed, or items added or removed,
/// parse the whole file: its diagnostic is the one a build from scratch
/// gives. A list parsed in full is parsed in pieces where it is large
/// (`in_pieces`).
pub fn parsed_list<E: Clone + Send + 'static>(
    path: &Path,
    stat: Stat,
    read: impl FnOnce() -> Result<String, Diagnostic>,
    parse: impl Fn(&str) -> Result<Vec<E>, Diagnostic> + Sync,
) -> Result<Result<Vec<E>, Diagnostic>, Diagnostic> {
    if !enabled() {
        let text = read()?;
        let items = (text.len() >= 2 * PIECE_BYTES)
            .then(|| Items::of(&text))
            .flatten();
        return Ok(whole(&text, items.as_ref(), &parse));
    }
    let key = (path.to_path_buf(), std::any::type_name::<List<E>>());
    let unchanged = known(path, stat).and_then(|hash| {
        let cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
        let (h, v) = cache.as_ref()?.get(&key)?;
        (*h == hash).then(|| Some(v.downcast_ref::<List<E>>()?.parsed.clone()))?
    });
    if let Some(hit) = unchanged {
        return Ok(hit);
    }
    let read_at = SystemTime::now();
    let text = read()?;
    let hash = xxhash_rust::xxh3::xxh3_128(text.as_bytes());
    saw(path, stat, read_at, hash);
    Ok(list_parsed(&key, &text, hash, parse))
}

/// `parse()` of a list file's `text` (of hash `hash`), its changed items
/// alone where they can be, kept under `key`.
fn list_parsed<E: Clone + Send + 'static>(
    key: &(PathBuf, &'static str),
    text: &str,
    hash: u128,
    parse: impl Fn(&str) -> Result<Vec<E>, Diagnostic> + Sync,
) -> Result<Vec<E>, Diagnostic> {
    let previous = {
        let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
        cache.as_mut().and_then(|c| c.remove(key))
    };
    let previous = previous.and_then(|(_, v)| v.downcast::<List<E>>().ok());
    let items = Items::of(text);
    let result = previous
        .and_then(|p| patched(&p, text, items.as_ref(), &parse))
        .unwrap_or_else(|| whole(text, items.as_ref(), &parse));
    let list = List {
        text: text.to_string(),
        items,
        parsed: result.clone(),
    };
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    cache
        .get_or_insert_with(HashMap::new)
        .insert(key.clone(), (hash, Box::new(list)));
    result
}

/// The previous parse with the changed items parsed again, if only a few
/// items changed and each can be parsed alone.
fn patched<E: Clone>(
    previous: &List<E>,
    text: &str,
    items: Option<&Items>,
    parse: &impl Fn(&str) -> Result<Vec<E>, Diagnostic>,
) -> Option<Result<Vec<E>, Diagnostic>> {
    if previous.text == text {
        return Some(previous.parsed.clone());
    }
    let (Ok(values), Some(before), Some(now)) = (&previous.parsed, previous.items.as_ref(), items)
    else {
        return None;
    };
    let same_shape = before.spans.len() == now.spans.len()
        && values.len() == now.spans.len()
        && before.head(&previous.text) == now.head(text);
    if !same_shape {
        return None;
    }
    let changed: Vec<usize> = (0..now.spans.len())
        .filter(|&i| previous.text[before.spans[i].clone()] != text[now.spans[i].clone()])
        .collect();
    if changed.len() > MAX_ITEMS_PATCHED {
        return None;
    }
    let mut values = values.clone();
    for i in changed {
        let (old, new) = (
            &previous.text[before.spans[i].clone()],
            &text[now.spans[i].clone()],
        );
        if may_reach_out(old) || may_reach_out(new) || lines(old) != lines(new) {
            return None;
        }
        let span = now.spans[i].clone();
        let mut alone = "\n".repeat(lines(&text[..span.start]));
        alone.push_str(&text[span]);
        let mut one = parse(&alone).ok()?;
        if one.len() != 1 {
            return None;
        }
        values[i] = one.remove(0);
    }
    Some(Ok(values))
}

/// The parse of a whole list file: in pieces where it is large, else at once.
fn whole<E: Send>(
    text: &str,
    items: Option<&Items>,
    parse: &(impl Fn(&str) -> Result<Vec<E>, Diagnostic> + Sync),
) -> Result<Vec<E>, Diagnostic> {
    in_pieces(text, items, parse).unwrap_or_else(|| parse(text))
}

/// Where a list file parsed whole would keep one core busy while the
/// others wait (the task list at N=50,000: 17 MB, 0.7 s), it is cut at
/// item starts into a few pieces of at least `PIECE_BYTES`, and the pieces
/// are parsed at once on rayon's threads, each after as many blank lines as
/// come before it, so every line and column is the file's own. `None`, and
/// the caller parses the whole file, where the file is small, cannot be cut
/// (`Items`), may have items that reach each other (`may_reach_out`, asked
/// of the whole text), or a piece does not parse: the diagnostic is then
/// the one of a whole parse.
fn in_pieces<E: Send>(
    text: &str,
    items: Option<&Items>,
    parse: &(impl Fn(&str) -> Result<Vec<E>, Diagnostic> + Sync),
) -> Option<Result<Vec<E>, Diagnostic>> {
    use rayon::prelude::*;
    let pieces = (text.len() / PIECE_BYTES).min(2 * rayon::current_num_threads());
    if pieces < 2 {
        return None;
    }
    let items = items?;
    if may_reach_out(text) {
        return None;
    }
    let mut cuts = vec![0];
    for k in 1..pieces {
        let target = k * text.len() / pieces;
        let i = items.spans.partition_point(|s| s.start < target);
        if let Some(s) = items.spans.get(i) {
            if s.start > *cuts.last().unwrap_or(&0) {
                cuts.push(s.start);
            }
        }
    }
    cuts.push(text.len());
    // Each piece's start line, counted in one pass over the text.
    let mut before = 0;
    let pieces: Vec<(usize, usize, usize)> = cuts
        .windows(2)
        .map(|w| {
            let piece = (w[0], w[1], before);
            before += lines(&text[w[0]..w[1]]);
            piece
        })
        .collect();
    let parts: Vec<Result<Vec<E>, Diagnostic>> = pieces
        .par_iter()
        .map(|&(start, end, before)| {
            if start == 0 {
                return parse(&text[..end]);
            }
            let mut piece = "\n".repeat(before);
            piece.push_str(&text[start..end]);
            parse(&piece)
        })
        .collect();
    let mut all = Vec::with_capacity(items.spans.len());
    for part in parts {
        all.extend(part.ok()?);
    }
    (all.len() == items.spans.len()).then_some(Ok(all))
}

/// A list file smaller than two of these is parsed at once.
const PIECE_BYTES: usize = 1 << 20;

fn lines(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count()
}

/// Past this many changed items, one parse of the whole file is cheaper
/// than an item at a time (each of which allocates the lines before it).
const MAX_ITEMS_PATCHED: usize = 4;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_parsed_again_only_when_it_changed() {
        enable();
        let path = Path::new("/nowhere/cache-test.yaml");
        let mut calls = 0;
        let mut parse = |text: &str| {
            parsed(
                path,
                fresh(),
                || Ok(text.to_string()),
                |text| {
                    calls += 1;
                    Ok::<_, Diagnostic>(text.len())
                },
            )
            .unwrap()
        };
        assert_eq!(parse("ab"), Ok(2));
        assert_eq!(parse("ab"), Ok(2));
        assert_eq!(parse("abc"), Ok(3));
        assert_eq!(calls, 2);
    }

    /// A stat that has not settled (its file changed just now), so it never
    /// stands for the text.
    fn fresh() -> Stat {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
        Stat {
            dev: 1,
            ino: 1,
            len: 0,
            mtime: (now.as_secs() as i64, 0),
            ctime: (now.as_secs() as i64, now.subsec_nanos() as i64),
        }
    }

    /// A stat of a file last changed `age` ago.
    fn changed(ino: u64, age: Duration) -> Stat {
        let at = (SystemTime::now() - age)
            .duration_since(UNIX_EPOCH)
            .unwrap();
        Stat {
            dev: 1,
            ino,
            len: 10,
            mtime: (at.as_secs() as i64, at.subsec_nanos() as i64),
            ctime: (at.as_secs() as i64, at.subsec_nanos() as i64),
        }
    }

    #[test]
    fn a_file_is_read_again_unless_its_stat_settled_and_is_unchanged() {
        enable();
        let path = Path::new("/nowhere/stat-test.md");
        let reads = std::cell::Cell::new(0);
        let parses = std::cell::Cell::new(0);
        let load = |stat: Stat, text: &str| {
            parsed(
                path,
                stat,
                || {
                    reads.set(reads.get() + 1);
                    Ok(text.to_string())
                },
                |t| {
                    parses.set(parses.get() + 1);
                    Ok::<_, Diagnostic>(t.to_string())
                },
            )
            .unwrap()
            .unwrap()
        };
        // Changed a moment ago: read every time (a second write within the
        // clock's tick would leave the same stat), parsed once.
        let recent = changed(7, Duration::from_millis(500));
        assert_eq!(load(recent, "one"), "one");
        assert_eq!(load(recent, "one"), "one");
        assert_eq!((reads.get(), parses.get()), (2, 1));
        // Settled: read once more, then known by its stat alone.
        let old = changed(7, Duration::from_secs(60));
        assert_eq!(load(old, "one"), "one");
        assert_eq!(load(old, "one"), "one");
        assert_eq!((reads.get(), parses.get()), (3, 1));
        // Any field changed (here the inode: a file saved by rename) reads it.
        let renamed = changed(8, Duration::from_secs(60));
        assert_eq!(load(renamed, "two"), "two");
        assert_eq!((reads.get(), parses.get()), (4, 2));
        let longer = Stat { len: 11, ..renamed };
        assert_eq!(load(longer, "three"), "three");
        assert_eq!((reads.get(), parses.get()), (5, 3));
        // A stat from before the epoch or the future never settles.
        assert!(!changed(9, Duration::from_secs(0)).settled(SystemTime::now()));
        let ahead = Stat {
            ctime: (i64::MAX / 2, 0),
            ..old
        };
        assert!(!ahead.settled(SystemTime::now()));
        let before = Stat {
            ctime: (-5, 0),
            ..old
        };
        assert!(!before.settled(SystemTime::now()));
    }

    use crate::load::raw::RawTask;
    use crate::load::yaml;
    use std::sync::atomic::AtomicUsize;

    fn real_tasks() -> String {
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/content/plan/tasks.yaml"
        ))
        .unwrap()
    }

    /// What `parsed_list` gives, with how many parses it took: 1 for a
    /// parse of the whole file, 100 for one of an item alone.
    fn list(path: &Path, text: &str) -> (Result<Vec<RawTask>, Diagnostic>, usize) {
        let calls = AtomicUsize::new(0);
        let key = (path.to_path_buf(), std::any::type_name::<List<RawTask>>());
        let hash = xxhash_rust::xxh3::xxh3_128(text.as_bytes());
        let r = list_parsed(&key, text, hash, |t| {
            let whole = t == text;
            calls.fetch_add(if whole { 1 } else { 100 }, Ordering::Relaxed);
            yaml::parse::<Vec<RawTask>>(path, t)
        });
        (r, calls.into_inner())
    }

    /// The real task list eight times over (2.4 MB, 3,568 tasks, 32,000 lines), the
    /// copies numbered on from the last.
    fn large_tasks() -> String {
        let text = real_tasks();
        let mut out = text.clone();
        for copy in 1..8 {
            for line in text.split_inclusive('\n') {
                match line.strip_prefix("- number: ") {
                    Some(rest) => {
                        let number: usize = rest.trim().parse().unwrap();
                        out.push_str(&format!("- number: {}\n", number + copy * 1000));
                    }
                    None => out.push_str(line),
                }
            }
        }
        out
    }

    #[test]
    fn a_large_list_is_parsed_in_pieces_that_equal_a_whole_parse() {
        let path = Path::new("/nowhere/pieces-test/tasks.yaml");
        let text = large_tasks();
        assert!(text.len() >= 2 * PIECE_BYTES, "{}", text.len());
        let items = Items::of(&text).unwrap();
        let parse = |t: &str| yaml::parse::<Vec<RawTask>>(path, t);
        let pieces = in_pieces(&text, Some(&items), &parse)
            .expect("cut into pieces")
            .unwrap();
        let whole = parse(&text).unwrap();
        assert_eq!(pieces.len(), items.spans.len());
        // Every value, line and column alike.
        same(&format!("{pieces:?}"), &format!("{whole:?}"));
        let last = |tasks: &[RawTask]| yaml::line_col(&tasks[tasks.len() - 1].number);
        assert_eq!(last(&pieces), last(&whole));
        assert!(last(&pieces).0 > 30_000, "{:?}", last(&pieces));
        // A build (no cache) takes the same path.
        let (built, calls) = list(path, &text);
        same(&format!("{:?}", built.unwrap()), &format!("{whole:?}"));
        assert!(calls >= 200, "parsed in pieces, not whole: {calls}");
    }

    #[test]
    fn a_large_list_that_does_not_parse_gives_the_whole_parse_s_diagnostic() {
        let path = Path::new("/nowhere/pieces-test/broken.yaml");
        let mut text = large_tasks();
        // A field no task has, in the last piece.
        let at = text.rfind("- number: ").unwrap();
        text.insert_str(at + 2, "numbr: 1\n  ");
        let whole = yaml::parse::<Vec<RawTask>>(path, &text).unwrap_err();
        let (built, calls) = list(path, &text);
        assert_eq!(built.unwrap_err(), whole);
        assert!(whole.line > 30_000, "{whole}");
        assert!(calls > 100, "the pieces were tried first: {calls}");
    }

    #[test]
    fn a_large_list_whose_items_may_reach_each_other_is_parsed_whole() {
        let path = Path::new("/nowhere/pieces-test/anchored.yaml");
        let text = large_tasks().replacen("- number: 1\n", "- number: &one 1\n", 1);
        let items = Items::of(&text).unwrap();
        let parse = |t: &str| yaml::parse::<Vec<RawTask>>(path, t);
        assert!(in_pieces(&text, Some(&items), &parse).is_none());
        assert_eq!(list(path, &text).1, 1);
    }

    /// Two parses' Debug forms are equal but for the spans' offsets (else:
    /// where they part).
    fn same(a: &str, b: &str) {
        let (a, b) = (&without_spans(a), &without_spans(b));
        if let Some(i) = a.bytes().zip(b.bytes()).position(|(x, y)| x != y) {
            let from = a.floor_char_boundary(i.saturating_sub(200));
            let to = a.floor_char_boundary((i + 200).min(a.len()));
            let to_b = b.floor_char_boundary((i + 200).min(b.len()));
            panic!("differ at {i}:\n{}\n{}", &a[from..to], &b[from..to_b]);
        }
        assert_eq!(a.len(), b.len());
    }

    fn without_spans(debug: &str) -> String {
        let mut out = String::with_capacity(debug.len());
        let mut rest = debug;
        while let Some(at) = rest.find("span: Span {") {
            out.push_str(&rest[..at]);
            rest = &rest[at..];
            rest = &rest[rest.find('}').unwrap() + 1..];
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn a_changed_item_alone_is_parsed_again_and_equals_a_whole_parse() {
        enable();
        let path = Path::new("/nowhere/items-test/tasks.yaml");
        let text = real_tasks();
        assert_eq!(list(path, &text).1, 1);
        assert_eq!(list(path, &text).1, 0, "the same text is not parsed again");
        // An edit inside one task (its Chinese text) and one inside another.
        let at = text.find("- number: 8\n").unwrap();
        let zh = at + text[at..].find("zh: \"").unwrap() + 5;
        let mut edited = text.clone();
        edited.insert(zh, '改');
        let (patched, calls) = list(path, &edited);
        assert_eq!(calls, 100, "task 8 alone");
        let whole = yaml::parse::<Vec<RawTask>>(path, &edited);
        // Debug shows every field and every position (line, column, span).
        same(&format!("{patched:?}"), &format!("{whole:?}"));
        assert!(format!("{:?}", patched.unwrap()[7]).contains("改"));
    }

    #[test]
    fn a_changed_item_that_does_not_parse_gives_the_whole_files_error() {
        enable();
        let path = Path::new("/nowhere/items-test-error/tasks.yaml");
        let text = real_tasks();
        let _ = list(path, &text);
        let broken = text.replacen("- number: 8\n", "- number: eight\n", 1);
        let (r, calls) = list(path, &broken);
        let whole = yaml::parse::<Vec<RawTask>>(path, &broken).unwrap_err();
        assert_eq!(r.unwrap_err().to_string(), whole.to_string());
        assert_eq!(calls, 101, "the item, then the whole file");
        // Mended again: the item alone, against the last good parse? No:
        // the last parse failed, so the whole file.
        assert_eq!(list(path, &text).1, 1);
    }

    #[test]
    fn items_added_or_anchored_parse_the_whole_file() {
        enable();
        let path = Path::new("/nowhere/items-test-whole/tasks.yaml");
        let text = real_tasks();
        let _ = list(path, &text);
        let one_more = text.clone() + "- number: 100000\n";
        assert_eq!(list(path, &one_more).1, 1, "one parse, of the whole file");
        let _ = list(path, &text);
        let longer = text.replacen("  chapter: 1\n", "  chapter: 1\n\n", 1);
        let (r, calls) = list(path, &longer);
        assert_eq!(calls, 1, "a line more: the later items' lines moved");
        same(
            &format!("{r:?}"),
            &format!("{:?}", yaml::parse::<Vec<RawTask>>(path, &longer)),
        );
        let _ = list(path, &text);
        // Task 9's chapter is task 8's, by an alias: changing task 8 changes 9.
        let chapter = |n: u32| format!("- number: {n}\n  chapter: 1\n");
        let anchored = text
            .replacen(&chapter(8), "- number: 8\n  chapter: &c 1\n", 1)
            .replacen(&chapter(9), "- number: 9\n  chapter: *c\n", 1);
        assert_eq!(list(path, &anchored).1, 1);
        let moved = anchored.replacen("&c 1", "&c 2", 1);
        let (r, calls) = list(path, &moved);
        assert_eq!(calls, 1);
        assert_eq!(r.unwrap()[8].chapter, 2);
    }
}
