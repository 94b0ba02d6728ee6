//! The output folder is never someone else's folder: `build` and `serve`
//! write only into a folder that is new, empty or one gongkai wrote; any
//! other is refused before anything is touched, `--force` keeps the files
//! gongkai did not write where they are, and an output in or around an input
//! folder is refused always. Each test records every path below the test's
//! folder (bytes, time, inode) and checks, file by file, what changed.
#![cfg(unix)]

use crate::common::*;
use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Output;

/// One path as found: a folder or a file's bytes, its modification time
/// and inode.
#[derive(Debug, PartialEq, Eq, Clone)]
struct Found {
    bytes: Option<Vec<u8>>,
    mtime: i128,
    ino: u64,
}

/// Every path below `dir` (links not followed), relative to it.
fn state(dir: &Path) -> BTreeMap<String, Found> {
    walk(dir)
        .into_iter()
        .map(|p| {
            let m = std::fs::symlink_metadata(&p).unwrap();
            let found = Found {
                bytes: m.is_file().then(|| std::fs::read(&p).unwrap()),
                mtime: m.mtime() as i128 * 1_000_000_000 + m.mtime_nsec() as i128,
                ino: m.ino(),
            };
            (p.strip_prefix(dir).unwrap().display().to_string(), found)
        })
        .collect()
}

fn assert_same(before: &BTreeMap<String, Found>, after: &BTreeMap<String, Found>) {
    for (p, f) in before {
        assert_eq!(after.get(p), Some(f), "{p} changed");
    }
    for p in after.keys() {
        assert!(before.contains_key(p), "{p} was created");
    }
}

/// `gongkai ARGS…` run in `root`.
fn run(root: &Path, args: &[&str]) -> Output {
    bin().current_dir(root).args(args).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// A fixture whose `public/` holds a note, a folder with a file, a hidden
/// file and a file in a folder the site also writes (`tasks/`).
fn foreign_fixture(name: &str) -> PathBuf {
    let root = fixture(name);
    let out = root.join("public");
    std::fs::create_dir_all(out.join("sub")).unwrap();
    std::fs::create_dir_all(out.join("tasks")).unwrap();
    std::fs::write(out.join("notes.txt"), "my notes").unwrap();
    std::fs::write(out.join("sub/file.txt"), "a file of mine").unwrap();
    std::fs::write(out.join(".hidden"), "hidden").unwrap();
    std::fs::write(out.join("tasks/mine.txt"), "beside the task pages").unwrap();
    root
}

const FOREIGN: [&str; 4] = ["notes.txt", "sub/file.txt", ".hidden", "tasks/mine.txt"];

const REFUSED: &str = "error: public/ holds files gongkai did not write (e.g. notes.txt)\n  \
    help: choose an empty or new folder with --out, or pass --force to build into it; files \
    gongkai did not write are kept\n";

/// The files of `out` without `skip`, as a build into a new folder writes them.
fn site_files(out: &Path, skip: &[&str]) -> Vec<(String, Vec<u8>)> {
    files(out)
        .into_iter()
        .filter(|(p, _)| !skip.contains(&p.as_str()))
        .collect()
}

/// A build of the same content into a new folder.
fn fresh_build(root: &Path, name: &str) -> Vec<(String, Vec<u8>)> {
    let o = run(root, &["build", "--content", "content", "--out", name]);
    assert!(o.status.success(), "{}", stderr(&o));
    let f = files(&root.join(name));
    std::fs::remove_dir_all(root.join(name)).unwrap();
    f
}

#[test]
fn a_folder_with_files_gongkai_did_not_write_is_refused_and_left_untouched() {
    let root = foreign_fixture("refused");
    let before = state(&root);
    let o = run(&root, &["build", "--content", "content", "--out", "public"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), REFUSED);
    // Nothing touched, nothing beside it: no staging folder, no lock file.
    assert_same(&before, &state(&root));
    // Named as the user gave it.
    let o = run(
        &root,
        &["build", "--content", "content", "--out", "./public/"],
    );
    assert!(stderr(&o)
        .starts_with("error: ./public/ holds files gongkai did not write (e.g. notes.txt)\n"));
    // Only a hidden file, deep inside: still someone else's.
    let other = root.join("other/deep");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join(".keep"), "").unwrap();
    let before = state(&root);
    let o = run(&root, &["build", "--content", "content", "--out", "other"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o)
        .starts_with("error: other/ holds files gongkai did not write (e.g. deep/.keep)\n"));
    assert_same(&before, &state(&root));
}

#[test]
fn a_new_or_empty_folder_is_built_into() {
    let root = fixture("new-or-empty");
    std::fs::create_dir_all(root.join("empty")).unwrap();
    for out in ["empty", "new/deeper/public"] {
        let o = run(&root, &["build", "--content", "content", "--out", out]);
        assert!(o.status.success(), "{out}: {}", stderr(&o));
    }
    assert!(files(&root.join("empty")) == files(&root.join("new/deeper/public")));
    assert!(root.join("empty/tasks/1/index.html").is_file());
}

#[test]
fn its_own_folder_is_rebuilt_and_a_file_edited_by_hand_is_overwritten() {
    let root = fixture("own");
    let build = || run(&root, &["build", "--content", "content", "--out", "public"]);
    for _ in 0..3 {
        let o = build();
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let page = root.join("public/tasks/1/index.html");
    let good = std::fs::read(&page).unwrap();
    std::fs::write(&page, "edited by hand").unwrap();
    let o = build();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(&page).unwrap(), good);
    assert!(files(&root.join("public")) == fresh_build(&root, "fresh"));
}

#[test]
fn its_own_folder_is_known_after_an_interrupted_build() {
    let root = fixture("interrupted");
    let build = || run(&root, &["build", "--content", "content", "--out", "public"]);
    assert!(build().status.success());
    assert!(build().status.success());
    let tasks = root.join("content/plan/tasks.yaml");
    let text = read(&tasks);
    assert!(text.contains("严格水资源管理。"));
    // Builds killed at different moments, each of a different content.
    for (i, ms) in [30u64, 120, 200, 280, 360, 440, 520]
        .into_iter()
        .enumerate()
    {
        let edited = text.replacen("严格水资源管理。", &format!("严格水资源管理{i}。"), 1);
        std::fs::write(&tasks, edited).unwrap();
        let mut child = bin()
            .current_dir(&root)
            .args(["build", "--content", "content", "--out", "public"])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(ms));
        let _ = child.kill();
        let _ = child.wait();
    }
    std::fs::write(&tasks, &text).unwrap();
    let o = build();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(files(&root.join("public")) == fresh_build(&root, "fresh"));

    // What a killed build leaves: a staging folder with files of its own
    // and no record, a temporary folder, a half-written record.
    let staging = root.join(".public.staging");
    std::fs::create_dir_all(staging.join("half")).unwrap();
    std::fs::write(staging.join("half/index.html"), "half a site").unwrap();
    let _ = std::fs::remove_file(root.join(".public.staging.sums"));
    std::fs::create_dir_all(root.join(".public.tmp-4242")).unwrap();
    std::fs::write(
        root.join(".public.next.sums"),
        "gongkai tree manifest 3 1\n0 0",
    )
    .unwrap();
    let o = build();
    assert!(o.status.success(), "{}", stderr(&o));
    let o = build();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(files(&root.join("public")) == fresh_build(&root, "fresh"));
    assert!(!root.join(".public.tmp-4242").exists());
    assert!(!root.join(".public.next.sums").exists());
    assert!(!staging.join("half").exists());

    // A commit stopped after its swap, before the records were renamed:
    // the output's record is `.public.next.sums`, the staging folder's is
    // `.public.sums`.
    let (sums, staging_sums, next) = (
        root.join(".public.sums"),
        root.join(".public.staging.sums"),
        root.join(".public.next.sums"),
    );
    std::fs::rename(&sums, &next).unwrap();
    std::fs::rename(&staging_sums, &sums).unwrap();
    let o = build();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!next.exists() && sums.exists() && staging_sums.exists());
    let o = build();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(files(&root.join("public")) == fresh_build(&root, "fresh"));
}

#[test]
fn without_its_record_the_folder_is_refused_and_force_takes_back_what_is_the_same() {
    let root = fixture("lost-record");
    let build = |extra: &[&str]| {
        let mut args = vec!["build", "--content", "content", "--out", "public"];
        args.extend(extra);
        run(&root, &args)
    };
    assert!(build(&[]).status.success());
    std::fs::remove_file(root.join(".public.sums")).unwrap();
    let before = state(&root);
    let o = build(&[]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "error: public/ holds files gongkai did not write (e.g. 404.html)\n  help: public/ may be \
         an earlier build that no record names (.public.sums was deleted, or the project \
         copied): remove it and build again, or pass --force to build into it; files gongkai \
         did not write are kept\n"
    );
    assert_same(&before, &state(&root));

    // With --force, a changed page would overwrite a file gongkai cannot
    // call its own: refused, and the output is untouched.
    let tasks = root.join("content/plan/tasks.yaml");
    let text = read(&tasks);
    std::fs::write(
        &tasks,
        text.replacen("严格水资源管理。", "严格管理水资源。", 1),
    )
    .unwrap();
    let before = state(&root.join("public"));
    let o = build(&["--force"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o).lines().rev().take(3).collect::<Vec<_>>(),
        [
            "nothing written: public is unchanged",
            "  help: move them out of public/, or remove public/ if it is an old build, then \
             build again; gongkai never overwrites a file it did not write",
            "error: public/ holds files gongkai did not write where the site puts its own (e.g. \
             data/plan.json)",
        ]
    );
    assert_same(&before, &state(&root.join("public")));

    // Files with the very bytes the site puts there lose nothing: taken back.
    std::fs::write(&tasks, &text).unwrap();
    let o = build(&["--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("kept"), "{}", stderr(&o));
    assert_same(&before, &state(&root.join("public")));
    let o = build(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(files(&root.join("public")) == fresh_build(&root, "fresh"));
}

/// The files gongkai did not write, as found, and none in the staging folder.
fn assert_foreign_kept(root: &Path, want: &BTreeMap<String, Found>) {
    let now = state(&root.join("public"));
    for (p, f) in want {
        assert_eq!(now.get(p), Some(f), "{p} was touched");
    }
    let staging = root.join(".public.staging");
    for e in walk(&staging) {
        let name = e.file_name().unwrap().to_string_lossy().to_string();
        assert!(
            !["notes.txt", "sub", "file.txt", ".hidden", "mine.txt"].contains(&name.as_str()),
            "{} in the staging folder",
            e.display()
        );
    }
}

#[test]
fn force_keeps_files_gongkai_did_not_write_in_place_across_builds() {
    let root = foreign_fixture("force");
    let out = root.join("public");
    let all = state(&out);
    let foreign: BTreeMap<String, Found> = all
        .into_iter()
        .filter(|(p, _)| FOREIGN.contains(&p.as_str()) || p == "sub")
        .collect();
    assert_eq!(foreign.len(), 5);
    let build = |extra: &[&str]| {
        let mut args = vec!["build", "--content", "content", "--out", "public"];
        args.extend(extra);
        run(&root, &args)
    };
    let o = build(&["--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).ends_with("\nkept 4 files in public/ that gongkai did not write\n"),
        "{}",
        stderr(&o)
    );
    assert_foreign_kept(&root, &foreign);
    let fresh = fresh_build(&root, "fresh");
    assert!(site_files(&out, &FOREIGN) == fresh);

    // Remembered: the next builds need no --force, and keep them.
    for _ in 0..2 {
        let o = build(&[]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_foreign_kept(&root, &foreign);
        assert!(site_files(&out, &FOREIGN) == fresh);
    }

    // A page that goes is removed; the files beside it stay.
    std::fs::remove_file(root.join("content/pages/about.md")).unwrap();
    std::fs::remove_file(root.join("content/pages/about.en.md")).unwrap();
    for _ in 0..2 {
        let o = build(&[]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(!out.join("pages/about/index.html").exists());
        assert_foreign_kept(&root, &foreign);
        assert!(site_files(&out, &FOREIGN) == fresh_build(&root, "fresh"));
    }

    // A file put there later is someone else's again.
    std::fs::write(out.join("later.txt"), "new").unwrap();
    let before = state(&out);
    let record = std::fs::read(root.join(".public.sums")).unwrap();
    let o = build(&[]);
    assert_eq!(o.status.code(), Some(1));
    // The output is its own, so the build runs and the walk before its
    // commit refuses (after the content's warnings), the output untouched.
    let err = stderr(&o);
    let err = &err[err.find("error: ").unwrap_or(0)..];
    assert!(
        err.starts_with("error: public/ holds files gongkai did not write (e.g. later.txt)\n"),
        "{err}"
    );
    // (What changed is the staging tree, gongkai's own.)
    assert_same(&before, &state(&out));
    assert_eq!(std::fs::read(root.join(".public.sums")).unwrap(), record);
    let o = build(&["--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_foreign_kept(&root, &foreign);
    assert_eq!(read(out.join("later.txt")), "new");
}

#[test]
fn force_never_overwrites_a_file_gongkai_did_not_write() {
    let root = fixture("in-the-way");
    let out = root.join("public");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("robots.txt"), "mine, not the site's").unwrap();
    // A file where the site needs a folder.
    std::fs::write(out.join("tasks"), "a file named tasks").unwrap();
    let before = state(&out);
    let o = run(
        &root,
        &[
            "build",
            "--content",
            "content",
            "--out",
            "public",
            "--force",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(
            "error: public/ holds files gongkai did not write where the site puts its own (e.g. \
             robots.txt)\n"
        ),
        "{}",
        stderr(&o)
    );
    assert_same(&before, &state(&out));
    std::fs::remove_file(out.join("robots.txt")).unwrap();
    let o = run(
        &root,
        &[
            "build",
            "--content",
            "content",
            "--out",
            "public",
            "--force",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("(e.g. tasks)\n"), "{}", stderr(&o));
    assert_eq!(read(out.join("tasks")), "a file named tasks");
}

#[test]
fn an_output_in_or_around_an_input_folder_is_refused_even_with_force() {
    let root = fixture("inputs");
    std::fs::create_dir_all(root.join("theme")).unwrap();
    std::fs::create_dir_all(root.join("public")).unwrap();
    std::os::unix::fs::symlink("content/plan", root.join("plan-link")).unwrap();
    let help = "  help: the output must be a folder of its own, outside the content, theme, seeds \
                and archive folders (e.g. --out public beside content/); --force does not change \
                this\n";
    let cases = [
        (
            "content/public",
            "--out content/public lies inside the content folder content/",
        ),
        ("content", "--out content is the content folder"),
        (
            "content/plan",
            "--out content/plan lies inside the content folder content/",
        ),
        (
            "plan-link/x",
            "--out plan-link/x lies inside the content folder content/",
        ),
        (
            "public/../content",
            "--out public/../content is the content folder",
        ),
        (".", "--out . contains the content folder content/"),
        (
            "seeds/x",
            "--out seeds/x lies inside the seeds folder seeds/",
        ),
        (
            "theme/public",
            "--out theme/public lies inside the theme folder theme/",
        ),
        ("archive", "--out archive is the archive folder"),
        (
            "archive/2022",
            "--out archive/2022 lies inside the archive folder archive/",
        ),
    ];
    let mut archive_made = false;
    for _ in 0..2 {
        for (out, message) in cases {
            for force in [false, true] {
                let mut args = vec![
                    "build",
                    "--content",
                    "content",
                    "--theme",
                    "theme",
                    "--out",
                    out,
                ];
                if force {
                    args.push("--force");
                }
                let before = state(&root);
                let o = run(&root, &args);
                assert_eq!(o.status.code(), Some(1), "{out}");
                assert_eq!(stderr(&o), format!("error: {message}\n{help}"), "{out}");
                assert_same(&before, &state(&root));
            }
        }
        if archive_made {
            break;
        }
        // Once more with an archive of a year in place.
        std::fs::create_dir_all(root.join("archive/2022")).unwrap();
        archive_made = true;
    }
    // The folder gongkai runs in.
    let o = bin()
        .current_dir(root.join("public"))
        .args(["build", "--content", "../content", "--out", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "error: --out . is the folder gongkai runs in\n  help: run gongkai from outside the \
         output folder, or choose another --out\n"
    );
    // An output that is a file.
    std::fs::write(root.join("site"), "a file").unwrap();
    let o = run(
        &root,
        &["build", "--content", "content", "--out", "site", "--force"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "error: --out site is a file, not a folder\n  help: choose an empty or new folder with \
         --out; gongkai does not replace files it did not write\n"
    );
    assert_eq!(read(root.join("site")), "a file");
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `gongkai serve ARGS…` in `root`: its exit status and stderr, or a
/// failure if it is still running after 60 s (it listened).
fn serve_exits(root: &Path, args: &[&str]) -> Output {
    let port = free_port().to_string();
    let mut child = bin()
        .current_dir(root)
        .arg("serve")
        .args(["--port", &port])
        .args(args)
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(60) {
            let _ = child.kill();
            panic!("serve did not exit");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn serve_refuses_before_it_listens() {
    let root = foreign_fixture("serve");
    let before = state(&root);
    let o = serve_exits(&root, &["--content", "content", "--out", "public"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), REFUSED);
    assert_same(&before, &state(&root));
    let o = serve_exits(
        &root,
        &["--content", "content", "--out", "content/public", "--force"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o)
        .starts_with("error: --out content/public lies inside the content folder content/\n"));
    assert_same(&before, &state(&root));
}

#[test]
fn serve_with_force_keeps_files_gongkai_did_not_write() {
    let root = foreign_fixture("serve-force");
    let foreign: BTreeMap<String, Found> = state(&root.join("public"))
        .into_iter()
        .filter(|(p, _)| FOREIGN.contains(&p.as_str()))
        .collect();
    let port = free_port();
    let mut child = bin()
        .current_dir(&root)
        .args([
            "serve",
            "--content",
            "content",
            "--out",
            "public",
            "--force",
        ])
        .args(["--port", &port.to_string()])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(child.try_wait().unwrap().is_none(), "serve exited");
        assert!(start.elapsed() < std::time::Duration::from_secs(60));
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(root.join("public/tasks/1/index.html").is_file());
    assert_foreign_kept(&root, &foreign);
}

#[test]
fn a_copied_project_is_not_known_and_force_takes_its_build_back() {
    let root = fixture("copied");
    let o = run(&root, &["build", "--content", "content", "--out", "public"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let copy = tmpdir("copied-copy");
    copy_dir(&root, &copy);
    assert!(copy.join(".public.sums").is_file());
    let o = run(&copy, &["build", "--content", "content", "--out", "public"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("help: public/ may be an earlier build that no record names"));
    let before = state(&copy.join("public"));
    let o = run(
        &copy,
        &[
            "build",
            "--content",
            "content",
            "--out",
            "public",
            "--force",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_same(&before, &state(&copy.join("public")));
    let o = run(&copy, &["build", "--content", "content", "--out", "public"]);
    assert!(o.status.success(), "{}", stderr(&o));
}
