//! Yearly snapshots: what a snapshot shows as of its date, offline links,
//! fixity, reproducibility, safety, deposit formats, and the live site's links.

mod common;

use common::*;
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

fn archived(name: &str) -> PathBuf {
    let root = fixture(name);
    let o = snapshot(&root, &["--zip", "--warc"]);
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
    // Search works offline: the snapshot carries its index as a script.
    assert!(read(a.join("search/index-data.js")).starts_with("window.GONGKAI_INDEX=[{\"u\":\"../"));
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
    let hash = common::sha256(&std::fs::read(root.join("archive/2022/MANIFEST.sha256")).unwrap());
    assert!(index.contains("<a href=../archive/2022/index.html>2022</a></td><td>2022-12-31</td><td class=num>3</td><td class=num>3</td>"), "{index}");
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
        "the same content and date give a byte-identical snapshot, zip and warc"
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
