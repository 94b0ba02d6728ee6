//! `gongkai serve` never leaves a person guessing: a first build that fails
//! serves the list of errors and becomes the site once they are fixed; a
//! later failure shows the same list over the last good build; pages
//! asked for many at once during rebuilds always come from a whole tree;
//! and an open page is made first and reloads as soon as it is written.
//! Each test runs the server as a child process on a free port of 127.0.0.1
//! and kills it when done, even when an assertion fails.

use crate::common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// A running `gongkai serve`, killed on drop.
struct Serve {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nobody listens on now (the system's pick of a free one).
fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

/// Poll `pred` every 100 ms for up to `secs` seconds.
fn wait_for(secs: u64, mut pred: impl FnMut() -> bool) -> bool {
    let end = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < end {
        if pred() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    pred()
}

/// An HTTP/1.0 GET on 127.0.0.1: the status and the body.
fn get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").ok()?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).ok()?;
    let text = String::from_utf8(buf).ok()?;
    let (head, body) = text.split_once("\r\n\r\n")?;
    let status = head.split(' ').nth(1)?.parse().ok()?;
    Some((status, body.to_string()))
}

impl Serve {
    /// `gongkai serve` on the fixture copy at `root`, once it answers.
    fn start(root: &Path) -> Serve {
        Serve::start_with(root, &[])
    }

    /// `start`, with more arguments for `serve`.
    fn start_with(root: &Path, extra: &[&str]) -> Serve {
        let port = free_port();
        let log = root.join("serve.log");
        let child = bin()
            .current_dir(root)
            .args(["serve", "--content", "content", "--out", "public", "--port"])
            .arg(port.to_string())
            .args(extra)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let mut serve = Serve { child, port, log };
        let up = wait_for(60, || serve.id().is_some() || !serve.alive());
        assert!(up && serve.alive(), "serve did not start:\n{}", serve.log());
        serve
    }

    fn alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn id(&self) -> Option<String> {
        get(self.port, "/__gongkai/build-id")
            .filter(|(s, _)| *s == 200)
            .map(|(_, b)| b)
    }

    fn get(&self, path: &str) -> (u16, String) {
        get(self.port, path).unwrap_or_else(|| panic!("GET {path} failed\n{}", self.log()))
    }

    /// Wait until the build id is no longer `id`; the new one.
    fn next_id(&self, id: &str) -> String {
        let mut now = None;
        let changed = wait_for(20, || {
            now = self.id();
            now.as_deref().is_some_and(|n| n != id)
        });
        assert!(changed, "build id stayed {id}:\n{}", self.log());
        now.unwrap()
    }
}

/// Replace `from` by `to` in `file`, in one step (a rename), so no build
/// reads half of it.
fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = read(&path);
    assert!(text.contains(from), "{file}: `{from}` not found");
    let new = root.join("edit.tmp");
    std::fs::write(&new, text.replacen(from, to, 1)).unwrap();
    std::fs::rename(&new, &path).unwrap();
}

const TASKS: &str = "content/plan/tasks.yaml";
const AGENCY_ERROR: &str = "content/plan/tasks.yaml:12:10";
const AGENCY_MESSAGE: &str = "unknown agency `eco-evn`";
const AGENCY_HELP: &str = "help:</span> did you mean `eco-env`?";
const LIVERELOAD: &str = "<script src=/__gongkai/livereload.js></script></body>";

#[test]
fn a_first_build_that_fails_serves_its_errors_until_they_are_fixed() {
    let root = fixture("serve-first-fails");
    edit(&root, TASKS, "  lead: [eco-env]", "  lead: [eco-evn]");
    let mut serve = Serve::start(&root);
    assert!(serve.alive(), "serve keeps running:\n{}", serve.log());
    assert!(serve
        .log()
        .contains("nothing built yet: every page shows these errors until they are fixed"));
    let first = serve.id().unwrap();
    for path in ["/", "/tasks/1/", "/en/", "/no/such/page/"] {
        let (status, page) = serve.get(path);
        assert_eq!(status, 500, "{path}");
        for want in [
            "<title>构建失败 / Build failed</title>",
            AGENCY_ERROR,
            AGENCY_MESSAGE,
            AGENCY_HELP,
            "<p class=gk-count>1 error</p>",
            &format!("<body data-gongkai-build-id=\"{first}\">"),
            LIVERELOAD,
        ] {
            assert!(page.contains(want), "{path}: no {want}:\n{page}");
        }
        assert!(
            !page.contains("http:") && !page.contains("https:"),
            "{page}"
        );
    }
    // Files other than pages are not made up.
    assert_eq!(serve.get("/static/style.css").0, 500);
    // Another error: the id changes, so the page reloads and lists both.
    edit(&root, TASKS, "  rivers: [laixi]", "  rivers: [laixii]");
    let second = serve.next_id(&first);
    let (_, page) = serve.get("/");
    assert!(page.contains(AGENCY_MESSAGE) && page.contains("unknown river `laixii`"));
    assert!(page.contains("<p class=gk-count>2 errors</p>"), "{page}");
    // Fixed: the page becomes the site.
    edit(&root, TASKS, "  lead: [eco-evn]", "  lead: [eco-env]");
    edit(&root, TASKS, "  rivers: [laixii]", "  rivers: [laixi]");
    let mut home = (0, String::new());
    let built = wait_for(20, || {
        home = serve.get("/");
        home.0 == 200
    });
    assert!(built, "still failing:\n{}\n{}", home.1, serve.log());
    assert_ne!(serve.id().unwrap(), second);
    assert!(home.1.contains("<title>"), "{}", home.1);
    assert!(!home.1.contains("Build failed"), "{}", home.1);
    assert!(home.1.contains(LIVERELOAD), "{}", home.1);
    assert_eq!(
        home.1,
        read(root.join("public/index.html")).replace("</body>", LIVERELOAD)
    );
    assert!(serve.alive());
}

#[test]
fn a_later_failure_shows_its_errors_over_the_last_good_build() {
    let root = fixture("serve-later-fails");
    let serve = Serve::start(&root);
    let good = serve.id().unwrap();
    let (status, task) = serve.get("/tasks/1/");
    assert_eq!(status, 200);
    assert!(task.contains("严格水资源管理"), "{task}");
    assert!(!task.contains("gongkai-build-failed"), "{task}");
    let style = serve.get("/static/style.css");
    assert_eq!(style.1, read(root.join("public/static/style.css")));

    edit(&root, TASKS, "  lead: [eco-env]", "  lead: [eco-evn]");
    // Another text too, which the failed build must not show.
    edit(&root, TASKS, "严格水资源管理", "最严格水资源管理");
    let failed = serve.next_id(&good);
    for path in ["/tasks/1/", "/en/tasks/1/", "/", "/no/such/page/"] {
        let (status, page) = serve.get(path);
        assert_eq!(status, if path.starts_with("/no/") { 404 } else { 200 });
        for want in [
            &format!("<body><aside id=gongkai-build-failed data-gongkai-build-id=\"{failed}\""),
            "<link rel=stylesheet href=/__gongkai/build-failed.css>",
            "本页是上一次成功构建的版本",
            "this page is the last good build",
            AGENCY_ERROR,
            AGENCY_MESSAGE,
            AGENCY_HELP,
            LIVERELOAD,
        ] {
            assert!(page.contains(want), "{path}: no {want}:\n{page}");
        }
        // Folded by a click on its title (no script: the pages allow none inline).
        assert!(page.contains("<details open><summary>"), "{page}");
        assert_eq!(page.matches("/__gongkai/livereload.js").count(), 1);
    }
    let (_, page) = serve.get("/tasks/1/");
    assert!(page.contains("严格水资源管理") && !page.contains("最严格水资源管理"));
    let (status, css) = serve.get("/__gongkai/build-failed.css");
    assert_eq!(status, 200);
    assert!(css.contains("#gongkai-build-failed{"), "{css}");
    // Files other than pages, and the built files themselves, stay clean.
    assert_eq!(serve.get("/static/style.css").1, style.1);
    assert!(!read(root.join("public/tasks/1/index.html")).contains("gongkai-build-failed"));

    edit(&root, TASKS, "  lead: [eco-evn]", "  lead: [eco-env]");
    serve.next_id(&failed);
    for path in ["/tasks/1/", "/en/tasks/1/", "/"] {
        let (status, page) = serve.get(path);
        assert_eq!(status, 200);
        assert!(!page.contains("gongkai-build-failed"), "{path}: {page}");
    }
    assert!(serve.get("/tasks/1/").1.contains("最严格水资源管理"));
    let (status, missing) = serve.get("/no/such/page/");
    assert_eq!(status, 404);
    assert_eq!(
        missing,
        read(root.join("public/404.html")),
        "served as before"
    );
}

#[test]
fn requests_during_rebuilds_are_answered_from_a_whole_tree() {
    let root = fixture("serve-concurrent");
    let serve = Serve::start(&root);
    let pages = [
        "/",
        "/tasks/1/",
        "/en/tasks/1/",
        "/tasks/",
        "/updates/",
        "/static/style.css",
        "/no/such/page/",
    ];
    // Every version a page may have: the two texts of task 1, each built
    // once and settled.
    let texts = ["严格水资源管理", "严格水资源管理（修订）"];
    let mut known: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut id = serve.id().unwrap();
    for (from, to) in [(texts[0], texts[1]), (texts[1], texts[0])] {
        for p in pages {
            known.entry(p).or_default().insert(serve.get(p).1);
        }
        edit(&root, TASKS, from, to);
        id = serve.next_id(&id);
    }
    assert!(
        known["/tasks/1/"].len() == 2,
        "the edit changes the task page"
    );
    for (p, versions) in &known {
        for v in versions {
            assert!(
                v.trim_end().ends_with("</html>") || p.ends_with(".css"),
                "{p}: {v}"
            );
        }
    }
    let start_id: u64 = id.parse().unwrap();
    // A client that sends half a request and waits holds up no one.
    let mut stalled = std::net::TcpStream::connect(("127.0.0.1", serve.port)).unwrap();
    write!(stalled, "GET / HTTP/1.1\r\nHost: 127.0.").unwrap();

    let mut answered = 0;
    for round in 0..6 {
        let (from, to) = if round % 2 == 0 {
            (texts[0], texts[1])
        } else {
            (texts[1], texts[0])
        };
        edit(&root, TASKS, from, to);
        // Bursts of 50 at once, spread over the debounce, the build and the swap.
        for _ in 0..6 {
            let port = serve.port;
            let burst: Vec<_> = (0..50)
                .map(|i| {
                    let p = pages[i % pages.len()];
                    std::thread::spawn(move || (p, get(port, p)))
                })
                .collect();
            for t in burst {
                let (p, got) = t.join().unwrap();
                let (status, body) = got.unwrap_or_else(|| panic!("{p}: no answer"));
                let want = if p.starts_with("/no/") { 404 } else { 200 };
                assert_eq!(status, want, "{p}: {body}");
                assert!(
                    known[p].contains(&body),
                    "{p}: not a page of either build ({} bytes, ends {:?})",
                    body.len(),
                    &body[body.len().saturating_sub(40)..]
                );
                answered += 1;
            }
            std::thread::sleep(Duration::from_millis(80));
        }
    }
    drop(stalled);
    assert_eq!(answered, 6 * 6 * 50);
    // The rounds did rebuild, and the server still answers once they settle.
    let mut last = 0;
    let settled = wait_for(20, || {
        last = serve.id().and_then(|i| i.parse().ok()).unwrap_or(0);
        last >= start_id + 3 && !serve.get("/tasks/1/").1.contains("（修订）")
    });
    assert!(settled, "ids {start_id} → {last}:\n{}", serve.log());
    assert!(!serve.log().contains("error"), "{}", serve.log());
}

/// A long poll on `/__gongkai/wait` for `page`: "ID TOKEN".
fn wait_on(port: u16, page: &str, token: Option<&str>) -> String {
    let mut url = format!("/__gongkai/wait?path={}", page.replace('/', "%2F"));
    if let Some(t) = token {
        url.push_str(&format!("&token={t}"));
    }
    get(port, &url).expect("the wait is answered").1
}

#[test]
fn an_open_page_is_made_first_and_reloads_the_moment_it_is_written() {
    let root = fixture("serve-open-first");
    // Duties name pages that a first pass does not make: they are checked
    // by the whole pass after it, not reported missing by the first.
    std::fs::write(
        root.join("content/duties.yaml"),
        "- subject: task/1\n  asks:\n    zh: \"公开\"\n    en: \"Disclose\"\n  pages: [/tasks/, /agencies/]\n",
    )
    .unwrap();
    let serve = Serve::start(&root);
    let first = wait_on(serve.port, "/tasks/1/", None);
    let token = first.split(' ').nth(1).unwrap().to_string();
    // The page waits, as the script in it does, while the task is edited.
    let port = serve.port;
    let waiting = {
        let token = token.clone();
        std::thread::spawn(move || wait_on(port, "/tasks/1/", Some(&token)))
    };
    std::thread::sleep(Duration::from_millis(300));
    edit(&root, TASKS, "严格水资源管理", "严格管理水资源");
    let answer = waiting.join().unwrap();
    assert_ne!(answer.split(' ').nth(1), Some(token.as_str()), "{answer}");
    let page = serve.get("/tasks/1/").1;
    assert!(
        page.contains("严格管理水资源"),
        "the open page shows the edit at once"
    );
    // The first pass made the open page alone; the second makes the rest.
    assert!(
        wait_for(30, || serve.get("/tasks/").1.contains("严格管理水资源")),
        "{}",
        serve.log()
    );
    assert!(!serve.log().contains("error"), "{}", serve.log());
    assert!(
        serve.log().contains("rebuilt 1 open page first"),
        "{}",
        serve.log()
    );
    assert_eq!(
        serve.get("/tasks/1/").1,
        page,
        "the second pass makes it the same"
    );
    // A page that did not change is not reloaded by the second pass.
    let now = wait_on(serve.port, "/tasks/1/", None);
    let id: u64 = now.split(' ').next().unwrap().parse().unwrap();
    let token = now.split(' ').nth(1).unwrap().to_string();
    edit(
        &root,
        TASKS,
        "加强濑溪河流域生态修复",
        "加强濑溪河流域的生态修复",
    );
    assert!(wait_for(30, || serve
        .id()
        .and_then(|i| i.parse::<u64>().ok())
        >= Some(id + 2)));
    assert!(serve.get("/tasks/1/").1.contains("严格管理水资源"));
    let again = wait_on(serve.port, "/tasks/1/", None);
    assert_eq!(
        again.split(' ').nth(1),
        Some(token.as_str()),
        "task 1's page did not change"
    );
}

/// The stamp a script of the search index puts (`GONGKAI_SEARCH.put(KEY, …)`).
fn stamp_in(script: &str) -> String {
    let at = script.find("stamp").expect("a stamp") + "stamp".len();
    let rest = &script[at..];
    let hex = |c: char| c.is_ascii_hexdigit();
    let start = rest.find(hex).expect("stamp digits");
    let end = start
        + rest[start..]
            .find(|c: char| !hex(c))
            .unwrap_or(rest.len() - start);
    rest[start..end].to_string()
}

#[test]
fn between_the_passes_the_search_page_says_its_index_is_older_than_the_pages() {
    let root = fixture("serve-search-stamp");
    let duties = |pages: &str| {
        let text = format!(
            "- subject: task/1\n  asks:\n    zh: \"公开\"\n    en: \"Disclose\"\n  pages: [{pages}]\n"
        );
        let new = root.join("duties.tmp");
        std::fs::write(&new, text).unwrap();
        std::fs::rename(&new, root.join("content/duties.yaml")).unwrap();
    };
    duties("/tasks/");
    let serve = Serve::start(&root);
    let stamps = || {
        let pages = stamp_in(&serve.get("/search/index/stamp.js").1);
        let index = stamp_in(&serve.get("/search/index/zh/meta.js").1);
        (pages, index)
    };
    let (pages, index) = stamps();
    assert_eq!(pages, index, "a whole build's index is as new as its pages");
    // A page the whole pass checks that no build makes: every second pass
    // fails and keeps what the first pass made, so the state between the
    // passes stays to be looked at.
    let id = serve.id().unwrap();
    duties("/tasks/, /no-such-page/");
    let id = serve.next_id(&id);
    assert!(
        wait_for(30, || serve.log().contains("keeping the previous build")),
        "{}",
        serve.log()
    );
    let token = wait_on(serve.port, "/tasks/1/", None);
    let token = token.split(' ').nth(1).unwrap().to_string();
    let port = serve.port;
    let waiting = std::thread::spawn(move || wait_on(port, "/tasks/1/", Some(&token)));
    std::thread::sleep(Duration::from_millis(300));
    edit(&root, TASKS, "严格水资源管理", "严格管理水资源");
    waiting.join().unwrap();
    assert!(serve.get("/tasks/1/").1.contains("严格管理水资源"));
    serve.next_id(&id);
    assert!(
        wait_for(30, || serve
            .log()
            .matches("keeping the previous build")
            .count()
            >= 2),
        "{}",
        serve.log()
    );
    let (pages, now) = stamps();
    assert_eq!(now, index, "the index is the one made before the edit");
    assert_ne!(pages, index, "the pages' stamp says they are newer");
    // The whole pass indexes the edit: the stamps agree again.
    duties("/tasks/");
    assert!(
        wait_for(30, || {
            let (pages, index) = stamps();
            pages == index && index != now
        }),
        "{}",
        serve.log()
    );
}

/// How many whole passes the server has finished (made, or failed and kept
/// the previous build).
fn whole_passes(log: &str) -> usize {
    log.lines()
        .filter(|l| {
            (l.starts_with("rebuilt ") && !l.contains(" first in "))
                || l.starts_with("keeping the previous build")
        })
        .count()
}

impl Serve {
    /// Wait until the server has finished a whole pass after `before`
    /// passes, and no other follows within half a second.
    fn settled_after(&self, before: usize) {
        assert!(
            wait_for(30, || whole_passes(&self.log()) > before),
            "{}",
            self.log()
        );
        let mut seen = whole_passes(&self.log());
        while wait_for(1, || whole_passes(&self.log()) != seen) {
            seen = whole_passes(&self.log());
        }
    }

    /// Make `change` and wait for the whole pass after it.
    fn after(&self, change: impl FnOnce()) {
        let before = whole_passes(&self.log());
        change();
        self.settled_after(before);
    }

    /// The errors printed (each problem's first line).
    fn errors(&self) -> Vec<String> {
        let log = self.log();
        let mut errors: Vec<String> = log
            .lines()
            .filter(|l| l.contains(": error: "))
            .map(String::from)
            .collect();
        errors.dedup();
        errors
    }
}

/// The content, seeds and theme of `root` copied to a new fixture folder.
fn copy_site(root: &Path, name: &str) -> PathBuf {
    let copy = tmpdir(name);
    for dir in ["content", "seeds", "theme"] {
        copy_dir(&root.join(dir), &copy.join(dir));
    }
    copy
}

#[test]
fn edits_through_the_kept_parses_and_theme_give_what_a_fresh_server_builds() {
    let root = fixture("serve-kept");
    copy_dir(&repo().join("themes/default"), &root.join("theme"));
    // One address for both servers, so their pages name the same site.
    let args = ["--theme", "theme", "--base-url", "http://127.0.0.1/"];
    let serve = Serve::start_with(&root, &args);
    // The page waits, so each edit makes a first pass too. It is open
    // before the first edit: the loop below might not have asked yet.
    let port = serve.port;
    wait_on(port, "/tasks/1/", None);
    std::thread::spawn(move || loop {
        wait_on(port, "/tasks/1/", None);
        std::thread::sleep(Duration::from_millis(200));
    });
    let update = "content/updates/2022/2022-06-30-water-resources.md";
    serve.after(|| edit(&root, TASKS, "严格水资源管理", "严格管理水资源"));
    serve.after(|| {
        edit(
            &root,
            update,
            "9月底前完成全部复核。",
            "8月底前完成全部复核。",
        )
    });
    serve.after(|| edit(&root, "theme/i18n.yaml", "zh: 跳到正文", "zh: 跳至正文"));
    serve.after(|| {
        std::fs::remove_file(root.join("content/updates/2022/2022-11-30-laixi-restoration.md"))
            .unwrap()
    });
    serve.after(|| edit(&root, TASKS, "严格管理水资源", "严格水资源管理"));
    assert!(serve.errors().is_empty(), "{}", serve.log());
    let fresh = Serve::start_with(&copy_site(&root, "serve-kept-fresh"), &args);
    let kept = files(&root.join("public"));
    assert!(
        kept.iter()
            .any(|(p, b)| p == "tasks/1/index.html"
                && String::from_utf8_lossy(b).contains("跳至正文"))
    );
    let made = files(&fresh.log.parent().unwrap().join("public"));
    assert_eq!(kept.len(), made.len());
    for ((p, a), (q, b)) in kept.iter().zip(&made) {
        assert_eq!(p, q);
        assert!(a == b, "{p} differs from a fresh build's");
    }
    // An error after kept passes is reported as a fresh build reports it.
    serve.after(|| edit(&root, TASKS, "  lead: [eco-env]", "  lead: [eco-evn]"));
    let errors = serve.errors();
    assert!(
        errors.iter().any(|e| e.contains(AGENCY_ERROR)),
        "{errors:?}"
    );
    let fresh = copy_site(&root, "serve-kept-fresh-error");
    let fresh = Serve::start_with(&fresh, &args);
    assert_eq!(errors, fresh.errors());
}

#[test]
fn every_edit_of_an_open_page_is_made_in_a_first_pass_of_its_own() {
    let root = fixture("serve-open-every");
    let serve = Serve::start(&root);
    // The page waits, so each edit makes a first pass too. It is open
    // before the first edit: the loop below might not have asked yet.
    let port = serve.port;
    wait_on(port, "/tasks/1/", None);
    std::thread::spawn(move || loop {
        wait_on(port, "/tasks/1/", None);
        std::thread::sleep(Duration::from_millis(200));
    });
    let words = [
        "严格水资源管理",
        "严格管理水资源",
        "严格水资源的管理",
        "严格管理水资源",
    ];
    for (n, pair) in words.windows(2).enumerate() {
        let made_first = |log: &str| log.matches("rebuilt 1 open page first").count();
        serve.after(|| edit(&root, TASKS, pair[0], pair[1]));
        // After a whole pass (which rewrote the output's record and its
        // memos) the next edit is still made first, and the whole pass
        // after it leaves the page as a fresh build makes it.
        assert_eq!(made_first(&serve.log()), n + 1, "{}", serve.log());
        assert!(
            serve.get("/tasks/1/").1.contains(pair[1]),
            "{}",
            serve.log()
        );
    }
    assert!(serve.errors().is_empty(), "{}", serve.log());
}

#[test]
fn a_glossary_edit_checks_again_the_texts_whose_findings_were_kept() {
    // `serve` keeps what each text's English checks found; they depend on
    // the glossary too, so an edit of it alone must check every text again.
    const GLOSSARY: &str = "content/glossary.yaml";
    let (accepted, dropped) = ("variants: [restore the ecology]", "variants: [revive]");
    let root = fixture("serve-glossary-again");
    let serve = Serve::start(&root);
    assert!(serve.errors().is_empty(), "{}", serve.log());
    serve.after(|| edit(&root, GLOSSARY, accepted, dropped));
    let errors = serve.errors();
    assert!(
        errors.iter().any(|e| e.contains(
            "task 2 text: uses the glossary term 生态修复 but the English does not say \"ecological restoration\""
        )),
        "{}",
        serve.log()
    );
    let fresh = fixture("serve-glossary-again-fresh");
    edit(&fresh, GLOSSARY, accepted, dropped);
    assert_eq!(errors, Serve::start(&fresh).errors());
    // And back: the wording is accepted again, and the build made.
    serve.after(|| edit(&root, GLOSSARY, dropped, accepted));
    let log = serve.log();
    let last = log.lines().rfind(|l| whole_passes(l) == 1);
    assert!(last.is_some_and(|l| l.starts_with("rebuilt ")), "{log}");
}

#[test]
fn a_file_edited_in_place_is_read_again_though_unchanged_files_are_not() {
    // `serve` does not read again a file whose stat has not changed since
    // it was read long (3 s) after its last change. Here every file has
    // settled before the first edit, so each later pass knows them by
    // their stat; an edit of the same length, in place, and a second one
    // straight after it, must still show.
    const UPDATE: &str = "content/updates/2022/2022-06-30-water-resources.md";
    let root = fixture("serve-stat");
    let serve = Serve::start(&root);
    std::thread::sleep(Duration::from_millis(3200));
    serve.after(|| edit(&root, TASKS, "严格水资源管理", "严格管理水资源"));
    let shown = |text: &str| {
        let page = root.join("public/tasks/1/index.html");
        std::fs::read_to_string(page).unwrap().contains(text)
    };
    assert!(shown("9月底前完成全部复核。"), "{}", serve.log());
    for (from, to) in [("9月底", "8月底"), ("8月底", "7月底")] {
        let text = std::fs::read_to_string(root.join(UPDATE)).unwrap();
        let edited = text.replace(from, to);
        assert_eq!(edited.len(), text.len());
        serve.after(|| {
            // In place: the same file (inode), the same length.
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .open(root.join(UPDATE))
                .unwrap();
            f.write_all(edited.as_bytes()).unwrap();
        });
        let want = format!("{to}前完成全部复核。");
        assert!(shown(&want), "{want} not shown\n{}", serve.log());
    }
    assert!(serve.errors().is_empty(), "{}", serve.log());
}
