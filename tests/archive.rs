//! Yearly snapshots: what a snapshot shows as of its date, offline links,
//! fixity, reproducibility, safety, deposit formats, and the live site's links.

use crate::common::*;
use std::path::{Path, PathBuf};

fn snapshot(root: &Path, extra: &[&str]) -> std::process::Output {
    bin()
        .args([
            "snapshot",
            "2022",
            "--base-url",
            "https://example.gov.cn/ghjh/",
            "--content",
        ])
        .arg(root.join("content"))
        .args(extra)
        .env("GONGKAI_COMMIT", "0123456789ab")
        .output()
        .unwrap()
}

/// Every deposit flag.
const DEPOSITS: [&str; 4] = ["--zip", "--warc", "--wacz", "--bagit"];

fn archived(name: &str) -> PathBuf {
    let root = fixture(name);
    let o = snapshot(&root, &DEPOSITS);
    assert!(o.status.success(), "{}", text(&o));
    root
}

#[test]
fn a_snapshot_shows_the_portal_as_of_its_date_with_a_banner() {
    let root = archived("snap-content");
    let a = root.join("archive/2022");
    // Task 1 was completed on 2022-12-20; the project update of 2023-03-31 is left out.
    assert!(read(a.join("tasks/1/index.html")).contains("status-completed\">已完成"));
    let p1 = read(a.join("projects/1/index.html"));
    assert!(
        p1.contains("status-not-assessed\">未评估（尚无报送）"),
        "{p1}"
    );
    assert!(!read(a.join("updates/index.html")).contains("2023-03-31"));
    let zh = read(a.join("tasks/1/index.html"));
    assert!(zh.contains("<p class=archived-banner role=note>存档快照，数据截至 2022年12月31日 — <a href=../../../../tasks/1/index.html>查看当前页面</a></p>"), "{zh}");
    assert!(zh.contains("<link href=https://example.gov.cn/ghjh/tasks/1/ rel=original><meta content=2022-12-31T00:00:00Z name=memento-datetime>"), "Memento links");
    let en = read(a.join("en/tasks/1/index.html"));
    assert!(en.contains("Archived snapshot as of 31 Dec 2022 — <a href=../../../../../en/tasks/1/index.html>see the current page</a>"));
    assert!(read(a.join("snapshot.yaml"))
        .contains("as_of: \"2022-12-31\"\ncommit: \"0123456789ab\"\ntasks: 3\nupdates: 3\n"));
}

/// Every href/src of a page, as written.
fn links(html: &str) -> Vec<String> {
    let mut v = Vec::new();
    for attr in [" href=", " src="] {
        for part in html.split(attr).skip(1) {
            let value = match part.strip_prefix('"') {
                Some(q) => q.split('"').next().unwrap_or(""),
                None => part.split([' ', '>']).next().unwrap_or(""),
            };
            v.push(value.to_string());
        }
    }
    v
}

#[test]
fn every_link_in_a_snapshot_is_relative_and_names_a_file() {
    let root = archived("snap-links");
    let a = root.join("archive/2022");
    let mut checked = 0;
    for page in walk(&a)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
    {
        for link in links(&read(&page)) {
            if link.starts_with("http") || link.starts_with('#') || link.starts_with("mailto:") {
                continue;
            }
            assert!(
                !link.starts_with('/'),
                "{}: root-absolute link {link}",
                page.display()
            );
            let path = link.split(['#', '?']).next().unwrap();
            assert!(
                !path.is_empty() && !path.ends_with('/'),
                "{}: link to a folder {link}",
                page.display()
            );
            let target = page.parent().unwrap().join(path);
            // The banner's link goes up out of the snapshot to the live site.
            if !target
                .canonicalize()
                .is_ok_and(|t| t.starts_with(a.canonicalize().unwrap()))
            {
                assert!(link.contains("../../"), "{}: {link}", page.display());
                continue;
            }
            assert!(
                target.is_file(),
                "{}: {link} does not resolve on disk",
                page.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 1000, "{checked}");
    // Search works offline: the snapshot's index is scripts (file:// loads
    // scripts, not fetches).
    assert!(read(a.join("search/index/zh/meta.js")).starts_with("GONGKAI_SEARCH.put(\"zh/meta\","));
    assert!(
        read(a.join("search/index/en/p/0.js")).starts_with("GONGKAI_SEARCH.put(\"en/p/0\",[[\"en/")
    );
}

#[test]
fn the_live_site_copies_archives_byte_for_byte_and_links_them() {
    let root = archived("snap-live");
    let out = root.join("public");
    let o = build(&root.join("content"), &out, &[]);
    assert!(o.status.success(), "{}", text(&o));
    for f in walk(&root.join("archive/2022"))
        .into_iter()
        .filter(|p| p.is_file())
    {
        let rel = f.strip_prefix(root.join("archive/2022")).unwrap();
        assert_eq!(
            std::fs::read(&f).unwrap(),
            std::fs::read(out.join("archive/2022").join(rel)).unwrap(),
            "{}",
            rel.display()
        );
    }
    let index = read(out.join("archive/index.html"));
    let hash =
        crate::common::sha256(&std::fs::read(root.join("archive/2022/MANIFEST.sha256")).unwrap());
    assert!(index.contains("<a href=../archive/2022/index.html>2022</a></td><td class=date>2022-12-31</td><td class=num>3</td><td class=num>3</td>"), "{index}");
    assert!(
        index.contains(&format!("sha256 {hash}")),
        "the manifest's own hash is shown"
    );
    assert!(read(out.join("en/archive/index.html")).contains("../../archive/2022/en/index.html"));
    let task = read(out.join("tasks/1/index.html"));
    assert!(
        task.contains("<a href=../../archive/2022/tasks/1/index.html>2022 (截至 2022-12-31)</a>"),
        "{task}"
    );
    assert!(read(out.join("agencies/water/index.html"))
        .contains("archive/2022/agencies/water/index.html"));
    assert!(
        read(out.join("rivers/laixi/index.html")).contains("archive/2022/rivers/laixi/index.html")
    );
}

#[test]
fn check_names_any_changed_missing_or_extra_archive_file() {
    let root = archived("snap-fixity");
    let check = || {
        bin()
            .arg("check")
            .arg("--content")
            .arg(root.join("content"))
            .output()
            .unwrap()
    };
    assert!(check().status.success());
    let page = root.join("archive/2022/tasks/1/index.html");
    let mut bytes = std::fs::read(&page).unwrap();
    let i = bytes.len() / 2;
    bytes[i] ^= 1;
    std::fs::write(&page, &bytes).unwrap();
    let t = text(&check());
    assert!(
        t.contains("archive/2022/tasks/1/index.html: error: changed since the snapshot"),
        "{t}"
    );
    bytes[i] ^= 1;
    std::fs::write(&page, &bytes).unwrap();
    std::fs::remove_file(root.join("archive/2022/tasks/2/index.html")).unwrap();
    std::fs::write(root.join("archive/2022/extra.html"), "x").unwrap();
    let o = check();
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        t.contains("error: missing file `tasks/2/index.html` listed in the manifest"),
        "{t}"
    );
    assert!(
        t.contains("archive/2022/extra.html: error: extra file: not in the archive's manifest"),
        "{t}"
    );
}

#[test]
fn snapshots_are_reproducible_and_never_overwritten_without_force() {
    let a = archived("snap-repro-a");
    let b = archived("snap-repro-b");
    let files = |root: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        walk(&root.join("archive"))
            .into_iter()
            .filter(|p| p.is_file())
            .map(|p| {
                (
                    p.strip_prefix(root).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(
        files(&a),
        files(&b),
        "the same content and date give a byte-identical snapshot, zip, warc, wacz and bag"
    );
    let before = read(a.join("archive/2022/MANIFEST.sha256"));
    let o = snapshot(&a, &["--as-of", "2022-06-30"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("exists: an archive is never overwritten without --force"));
    assert_eq!(read(a.join("archive/2022/MANIFEST.sha256")), before);
    assert!(snapshot(&a, &["--as-of", "2022-06-30", "--force"])
        .status
        .success());
    assert!(read(a.join("archive/2022/snapshot.yaml")).contains("as_of: \"2022-06-30\""));
    let leftovers: Vec<_> = std::fs::read_dir(a.join("archive"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn a_failed_snapshot_leaves_no_folder() {
    let root = fixture("snap-fail");
    let tasks = root.join("content/plan/tasks.yaml");
    std::fs::write(
        &tasks,
        read(&tasks).replace("lead: [water]", "lead: [nobody]"),
    )
    .unwrap();
    let o = snapshot(&root, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(!root.join("archive/2022").exists());
}

#[test]
fn warc_records_read_back_with_urls_types_and_digests() {
    use sha2::{Digest, Sha256};
    let root = archived("snap-warc");
    let warc = std::fs::read(root.join("archive/deposit/2022.warc")).unwrap();
    let mut rest: &[u8] = &warc;
    let mut records = Vec::new();
    while !rest.is_empty() {
        let head_end = rest.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8(rest[..head_end].to_vec()).unwrap();
        assert!(head.starts_with("WARC/1.1\r\n"), "{head}");
        let field = |name: &str| {
            head.lines()
                .find_map(|l| l.strip_prefix(&format!("{name}: ")))
                .map(str::to_string)
        };
        let len: usize = field("Content-Length").unwrap().parse().unwrap();
        let block = &rest[head_end + 4..head_end + 4 + len];
        records.push((
            field("WARC-Type").unwrap(),
            field("WARC-Target-URI"),
            field("WARC-Payload-Digest"),
            block.to_vec(),
        ));
        rest = &rest[head_end + 4 + len..];
        assert!(rest.starts_with(b"\r\n\r\n"));
        rest = &rest[4..];
    }
    assert_eq!(records[0].0, "warcinfo");
    let files = walk(&root.join("archive/2022"))
        .into_iter()
        .filter(|p| p.is_file())
        .count();
    assert_eq!(records.len(), files + 1);
    let page = records
        .iter()
        .find(|r| {
            r.1.as_deref() == Some("https://example.gov.cn/ghjh/archive/2022/tasks/1/index.html")
        })
        .expect("the task page");
    let block = String::from_utf8_lossy(&page.3);
    assert!(block.starts_with("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"));
    let payload_at = page.3.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    let payload = &page.3[payload_at..];
    assert_eq!(
        payload,
        std::fs::read(root.join("archive/2022/tasks/1/index.html")).unwrap()
    );
    let digest = page.2.as_deref().unwrap().strip_prefix("sha256:").unwrap();
    assert_eq!(digest, gongkai::archive::base32(&Sha256::digest(payload)));
    let zip = std::fs::read(root.join("archive/deposit/2022.zip")).unwrap();
    assert!(zip.starts_with(b"PK\x03\x04"));
}

/// An archive validator (see tests/archive/requirements.txt). A missing one
/// fails the test: the deposits are only as good as the tools that read them.
fn tool(name: &str) -> std::process::Command {
    let installed = std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(name).is_file()));
    assert!(
        installed,
        "`{name}` is not installed: run `bash scripts/test.sh` (it installs the archive validators), \
         or `python3 -m pip install -r tests/archive/requirements.txt` (Python 3.11 or later)"
    );
    std::process::Command::new(name)
}

/// Run a validator on `path`; its exit status and output.
fn validate(name: &str, args: &[&str], path: &Path) -> (bool, String) {
    let o = tool(name).args(args).arg(path).output().unwrap();
    (o.status.success(), text(&o))
}

/// The entries of a ZIP: name, bytes, whether stored uncompressed.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>, bool)> {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut e = z.by_index(i).unwrap();
            let mut b = Vec::new();
            e.read_to_end(&mut b).unwrap();
            (
                e.name().unwrap().to_string(),
                b,
                e.compression() == zip::CompressionMethod::Stored,
            )
        })
        .collect()
}

/// A copy of `from` with the byte at the middle of `needle`'s first
/// occurrence changed (a corruption a validator must notice).
fn corrupt(from: &Path, to: &Path, needle: &[u8]) {
    let mut b = std::fs::read(from).unwrap();
    let at = b.windows(needle.len()).position(|w| w == needle).unwrap() + needle.len() / 2;
    b[at] ^= 0x20;
    std::fs::write(to, b).unwrap();
}

#[test]
fn the_warc_passes_warcio_check_and_index() {
    let root = archived("snap-warcio");
    let warc = root.join("archive/deposit/2022.warc");
    let files = walk(&root.join("archive/2022"))
        .into_iter()
        .filter(|p| p.is_file())
        .count();
    let (ok, out) = validate("warcio", &["check", "-v"], &warc);
    assert!(ok, "{out}");
    assert_eq!(
        out.matches("digest pass").count(),
        files + 1,
        "every record has its digests checked, and they pass: {out}"
    );
    assert!(!out.contains("no digest"), "{out}");
    let (ok, index) = validate("warcio", &["index"], &warc);
    assert!(ok, "{index}");
    assert_eq!(index.lines().count(), files + 1);
    assert!(
        index.contains(
            "\"warc-target-uri\": \"https://example.gov.cn/ghjh/archive/2022/tasks/1/index.html\""
        ),
        "{index}"
    );
    // The check can fail: one changed payload byte is reported.
    let bad = root.join("bad.warc");
    corrupt(&warc, &bad, b"archived-banner");
    let (ok, out) = validate("warcio", &["check"], &bad);
    assert!(!ok, "a corrupted WARC passed: {out}");
    assert!(out.contains("payload digest failed"), "{out}");
}

#[test]
fn the_wacz_passes_wacz_validate_and_lists_every_file() {
    let root = archived("snap-wacz");
    let wacz = root.join("archive/deposit/2022.wacz");
    let (ok, out) = validate("wacz", &["validate", "-f"], &wacz);
    assert!(ok, "{out}");
    assert!(out.contains("Validation succeeded"), "{out}");

    let entries = unzip(&std::fs::read(&wacz).unwrap());
    let names: Vec<&str> = entries.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(
        names,
        [
            "archive/2022.warc.gz",
            "indexes/index.cdxj",
            "pages/pages.jsonl",
            "datapackage.json",
            "datapackage-digest.json"
        ]
    );
    assert!(
        entries[0].2,
        "the WARC is stored, not deflated, so records are read by offset"
    );
    let get = |n: &str| &entries.iter().find(|e| e.0 == n).unwrap().1;
    let package: serde_json::Value = serde_json::from_slice(get("datapackage.json")).unwrap();
    assert_eq!(package["wacz_version"], "1.1.1");
    assert_eq!(
        package["created"], "2022-12-31T00:00:00Z",
        "the snapshot's date, not the clock"
    );
    assert_eq!(
        package["mainPageURL"],
        "https://example.gov.cn/ghjh/archive/2022/index.html"
    );
    let resources = package["resources"].as_array().unwrap();
    assert_eq!(resources.len(), 3);
    for (r, (name, bytes, _)) in resources.iter().zip(&entries) {
        assert_eq!(r["path"], name.as_str());
        assert_eq!(r["bytes"], bytes.len());
        assert_eq!(
            r["hash"],
            format!("sha256:{}", crate::common::sha256(bytes))
        );
    }
    let digest: serde_json::Value = serde_json::from_slice(get("datapackage-digest.json")).unwrap();
    assert_eq!(digest["path"], "datapackage.json");
    assert_eq!(
        digest["hash"],
        format!("sha256:{}", crate::common::sha256(get("datapackage.json")))
    );

    // Every HTML page of the snapshot is a page of the WACZ, with its title.
    let pages = String::from_utf8(get("pages/pages.jsonl").clone()).unwrap();
    let mut lines = pages.lines();
    assert_eq!(
        lines.next(),
        Some(r#"{"format":"json-pages-1.0","id":"pages","title":"All Pages"}"#)
    );
    let html = walk(&root.join("archive/2022"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .count();
    assert_eq!(lines.clone().count(), html);
    assert!(pages.contains(r#""url":"https://example.gov.cn/ghjh/archive/2022/tasks/1/index.html","ts":"2022-12-31T00:00:00Z","title":"#), "{pages}");

    // The WARC inside passes warcio, and the index is what cdxj-indexer makes of it.
    let dir = tmpdir("snap-wacz-unpacked");
    let gz = dir.join("2022.warc.gz");
    std::fs::write(&gz, get("archive/2022.warc.gz")).unwrap();
    let (ok, out) = validate("warcio", &["check", "-v"], &gz);
    let files = walk(&root.join("archive/2022"))
        .into_iter()
        .filter(|p| p.is_file())
        .count();
    assert!(
        ok && out.matches("digest pass").count() == files + 1,
        "{out}"
    );
    let reference = tool("cdxj-indexer")
        .arg("--sort")
        .arg(&gz)
        .output()
        .unwrap();
    assert!(reference.status.success(), "{}", text(&reference));
    let parse = |s: &str| -> Vec<(String, String, serde_json::Value)> {
        s.lines()
            .map(|l| {
                let mut p = l.splitn(3, ' ');
                let (k, t, j) = (p.next().unwrap(), p.next().unwrap(), p.next().unwrap());
                (
                    k.to_string(),
                    t.to_string(),
                    serde_json::from_str(j).unwrap(),
                )
            })
            .collect()
    };
    let ours = parse(std::str::from_utf8(get("indexes/index.cdxj")).unwrap());
    assert_eq!(ours, parse(&String::from_utf8_lossy(&reference.stdout)));
    assert!(ours.iter().any(|(k, t, j)| k
        == "cn,gov,example)/ghjh/archive/2022/tasks/1/index.html"
        && t == "20221231000000"
        && j["digest"].as_str().unwrap().starts_with("sha256:")));

    // The validator can fail: a page list that does not match its hash is refused.
    let mut changed: Vec<(String, Vec<u8>, bool)> = entries.clone();
    changed[2]
        .1
        .extend_from_slice(b"{\"url\":\"https://example.gov.cn/x\"}\n");
    let bad = dir.join("bad.wacz");
    {
        let mut z = zip::ZipWriter::new(std::fs::File::create(&bad).unwrap());
        for (n, b, _) in &changed {
            z.start_file(n.as_str(), zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut z, b).unwrap();
        }
        z.finish().unwrap();
    }
    let (ok, out) = validate("wacz", &["validate", "-f"], &bad);
    assert!(!ok, "a WACZ with a changed page list passed: {out}");
}

#[test]
fn the_bag_passes_bagit_and_names_the_publisher() {
    let root = archived("snap-bag");
    let bag = root.join("archive/deposit/2022-bag");
    let (ok, out) = validate("bagit.py", &["--validate"], &bag);
    assert!(ok, "{out}");
    assert!(out.contains("is valid"), "{out}");
    // The payload is the snapshot folder, byte for byte.
    assert_eq!(files(&bag.join("data")), files(&root.join("archive/2022")));
    let payload = files(&bag.join("data"));
    let octets: usize = payload.iter().map(|(_, b)| b.len()).sum();
    let info = read(bag.join("bag-info.txt"));
    assert!(
        info.starts_with(&format!(
            "Source-Organization: 测试办公室 (Test Office)\nBagging-Date: 2022-12-31\nPayload-Oxum: {octets}.{}\nBag-Software-Agent: gongkai ",
            payload.len()
        )),
        "the publisher is the source document's issuer; the date is the snapshot's: {info}"
    );
    assert_eq!(
        read(bag.join("bagit.txt")),
        "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
    );
    for name in [
        "manifest-sha256.txt",
        "manifest-sha512.txt",
        "tagmanifest-sha256.txt",
        "tagmanifest-sha512.txt",
    ] {
        assert!(bag.join(name).is_file(), "{name}");
    }
    assert_eq!(
        read(bag.join("manifest-sha512.txt")).lines().count(),
        payload.len()
    );
    // The footer's sponsor, when configured, is the publisher.
    let config = root.join("content/config.yaml");
    std::fs::write(
        &config,
        read(&config) + "footer:\n  sponsor: {zh: 测试区人民政府, en: Test District Government}\n",
    )
    .unwrap();
    let o = snapshot(&root, &["--force", "--bagit"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(read(bag.join("bag-info.txt"))
        .starts_with("Source-Organization: 测试区人民政府 (Test District Government)\n"));
    let (ok, out) = validate("bagit.py", &["--validate"], &bag);
    assert!(ok, "{out}");
    // The validator can fail: a changed payload file is reported.
    let page = bag.join("data/tasks/1/index.html");
    corrupt(&page.clone(), &page, b"archived-banner");
    let (ok, out) = validate("bagit.py", &["--validate"], &bag);
    assert!(!ok, "a changed bag passed: {out}");
}

/// Everything below `root`: path, and bytes for files (None for folders and links).
fn tree(root: &Path) -> Vec<(PathBuf, Option<Vec<u8>>)> {
    walk(root)
        .into_iter()
        .map(|p| {
            let bytes = (p.is_file() && !p.is_symlink()).then(|| std::fs::read(&p).unwrap());
            (p.strip_prefix(root).unwrap().to_path_buf(), bytes)
        })
        .collect()
}

/// Two trees are the same, file by file; the paths that differ otherwise.
fn same(before: &[(PathBuf, Option<Vec<u8>>)], after: &[(PathBuf, Option<Vec<u8>>)]) {
    let differ: Vec<&PathBuf> = before
        .iter()
        .filter(|b| !after.contains(b))
        .chain(after.iter().filter(|a| !before.contains(a)))
        .map(|(p, _)| p)
        .collect();
    assert!(
        differ.is_empty(),
        "{} paths changed, added or removed, e.g. {:?}",
        differ.len(),
        &differ[..differ.len().min(10)]
    );
}

#[test]
fn every_option_is_checked_before_anything_is_built_or_written() {
    let root = fixture("snap-options");
    let run = |args: &[&str]| {
        let before = tree(&root);
        let o = bin()
            .args(["snapshot", "2022", "--content"])
            .arg(root.join("content"))
            .args(args)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{}", text(&o));
        same(&before, &tree(&root));
        text(&o)
    };
    let before = tree(&root);
    let t = run(&["--warc", "--wacz", "--as-of", "2022-02-30"]);
    assert!(t.contains("error: --as-of `2022-02-30` is not a date (YYYY-MM-DD) in 2022\n  help: for example --as-of 2022-06-30; without --as-of the snapshot is as of 2022-12-31\n"), "{t}");
    assert!(t.contains("error: --warc and --wacz need the site's absolute --base-url (http:// or https://), the address its pages are recorded under\n  help: for example --base-url https://www.example.gov.cn/ghjh/ (where the portal is published)\n"), "{t}");
    assert!(t.ends_with("nothing written\n"), "{t}");
    assert!(!t.contains("warning:"), "refused before building: {t}");
    let t = run(&["--wacz", "--base-url", "/ghjh/"]);
    assert!(t.contains("error: --wacz needs the site's absolute --base-url (http:// or https://), the address its pages are recorded under, found `/ghjh/`"), "{t}");
    let t = run(&["--warc", "--base-url", "https://"]);
    assert!(t.contains("found `https://`"), "{t}");
    let t = run(&["--as-of", "2021-12-31"]);
    assert!(
        t.contains("`2021-12-31` is not a date (YYYY-MM-DD) in 2022"),
        "{t}"
    );
    // The fixture's data date is 2023-01-15: a snapshot as of later would show more as overdue than is.
    let o = bin()
        .args(["snapshot", "2023", "--content"])
        .arg(root.join("content"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let t = text(&o);
    assert!(t.contains("error: the snapshot date 2023-12-31 is after the data date 2023-01-15: the content is complete only up to then, so the snapshot would show as overdue what may have been done since\n  help: take the snapshot as of 2023-01-15 or earlier (--as-of), or move the data date (build_date in config.yaml, or SOURCE_DATE_EPOCH)\n"), "{t}");
    same(&before, &tree(&root));
    // A file where the deposit folder goes is refused before anything is built.
    std::fs::create_dir_all(root.join("archive")).unwrap();
    std::fs::write(root.join("archive/deposit"), "not a folder").unwrap();
    let t = run(&["--zip"]);
    assert!(
        t.contains(
            "archive/deposit is not a folder: deposits are written into it\n  help: move the file "
        ),
        "{t}"
    );
}

#[test]
fn deposits_are_never_overwritten_without_force() {
    let root = archived("snap-deposit-force");
    let before = tree(&root.join("archive"));
    let o = snapshot(&root, &DEPOSITS);
    assert_eq!(o.status.code(), Some(1));
    let t = text(&o);
    for (name, flag) in [
        ("2022.zip", "--zip"),
        ("2022.warc", "--warc"),
        ("2022.wacz", "--wacz"),
        ("2022-bag", "--bagit"),
    ] {
        assert!(
            t.contains(&format!("archive/deposit/{name} exists: a deposit is never overwritten without --force\n  help: add --force to replace it, or leave out {flag}\n")),
            "{t}"
        );
    }
    assert_eq!(tree(&root.join("archive")), before, "nothing touched");
    // Only the deposits asked for are checked: a new one beside an old archive still needs --force for the archive.
    let o = snapshot(&root, &["--force", "--as-of", "2022-06-30", "--wacz"]);
    assert!(o.status.success(), "{}", text(&o));
    let t = text(&o);
    assert!(t.contains("warning: "), "{t}");
    assert!(
        t.contains(
            "2022.warc is a deposit of the snapshot this one replaced: it no longer matches"
        ),
        "{t}"
    );
    let package = unzip(&std::fs::read(root.join("archive/deposit/2022.wacz")).unwrap());
    assert!(
        String::from_utf8_lossy(&package[3].1).contains("\"created\": \"2022-06-30T00:00:00Z\"")
    );
}

#[test]
fn force_never_replaces_a_folder_gongkai_did_not_write() {
    let root = archived("snap-foreign");
    let notes = root.join("archive/2022/notes.txt");
    std::fs::write(&notes, "my notes").unwrap();
    let before = tree(&root);
    let o = snapshot(&root, &["--force"]);
    assert_eq!(o.status.code(), Some(1));
    let t = text(&o);
    let dir = root.join("archive/2022");
    assert!(
        t.contains(&format!(
            "error: {}/ holds files gongkai did not write (e.g. {})\n  help: --force replaces only a snapshot gongkai wrote; move the other files out of {}/ first\n",
            dir.display(),
            notes.display(),
            dir.display()
        )),
        "{t}"
    );
    same(&before, &tree(&root));
    std::fs::remove_file(&notes).unwrap();
    // A folder with no manifest is not gongkai's either, nor is a bag with a file of someone else's.
    std::fs::remove_file(root.join("archive/2022/MANIFEST.sha256")).unwrap();
    std::fs::write(root.join("archive/deposit/2022-bag/data/mine.txt"), "x").unwrap();
    let before = tree(&root);
    let o = snapshot(&root, &["--force", "--bagit"]);
    assert_eq!(o.status.code(), Some(1));
    let t = text(&o);
    assert!(t.contains("2022/ holds files gongkai did not write: it has no MANIFEST.sha256\n  help: --force replaces only a snapshot gongkai wrote; move the other files out of "), "{t}");
    assert!(
        t.contains("2022-bag/ holds files gongkai did not write (e.g. "),
        "{t}"
    );
    assert!(t.contains("2022-bag/data/mine.txt)\n  help: --force replaces only a bag gongkai wrote; move the other files out of "), "{t}");
    same(&before, &tree(&root));
    // An empty folder is taken without --force.
    let empty = fixture("snap-empty");
    std::fs::create_dir_all(empty.join("archive/2022/sub")).unwrap();
    let o = snapshot(&empty, &[]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(empty.join("archive/2022/MANIFEST.sha256").is_file());
}

/// No temporary or replaced copy is left anywhere under `archive/`.
fn no_leftovers(root: &Path) {
    let left: Vec<_> = walk(&root.join("archive"))
        .into_iter()
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.contains(".tmp-") || n.contains(".old-")
        })
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_snapshot_that_fails_late_leaves_nothing_behind() {
    // Placing the snapshot folder (the last step) fails: the deposits already
    // placed are removed again and the folders made for them too.
    let root = fixture("snap-late");
    let before = tree(&root);
    let o = bin()
        .args([
            "snapshot",
            "2022",
            "--base-url",
            "https://example.gov.cn/ghjh/",
            "--content",
        ])
        .arg(root.join("content"))
        .args(DEPOSITS)
        .env("GONGKAI_TEST_FAIL_PLACING", "2022")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("error: the snapshot failed and nothing was written: placing "),
        "{}",
        text(&o)
    );
    same(&before, &tree(&root));
    assert!(!root.join("archive").exists());

    // The same over an existing snapshot with --force: the old one and its deposits come back byte for byte.
    let o = snapshot(&root, &DEPOSITS);
    assert!(o.status.success(), "{}", text(&o));
    let before = tree(&root);
    let o = bin()
        .args([
            "snapshot",
            "2022",
            "--force",
            "--as-of",
            "2022-06-30",
            "--base-url",
            "https://example.gov.cn/ghjh/",
            "--content",
        ])
        .arg(root.join("content"))
        .args(DEPOSITS)
        .env("GONGKAI_COMMIT", "0123456789ab")
        .env("GONGKAI_TEST_FAIL_PLACING", "2022")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    same(&before, &tree(&root));
    no_leftovers(&root);

    // A write that fails for real (a deposit folder nobody can write into, even root).
    #[cfg(target_os = "linux")]
    {
        let root = fixture("snap-late-write");
        std::fs::create_dir_all(root.join("archive")).unwrap();
        std::os::unix::fs::symlink("/proc/self", root.join("archive/deposit")).unwrap();
        let before = tree(&root);
        let o = snapshot(&root, &["--zip"]);
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
        assert!(
            text(&o).contains("error: the snapshot failed and nothing was written: writing "),
            "{}",
            text(&o)
        );
        same(&before, &tree(&root));
        assert!(!root.join("archive/2022").exists());
        no_leftovers(&root);
    }
}
