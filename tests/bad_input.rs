//! The bad-input corpus: each file in tests/bad/ breaks a copy of the basic
//! fixture in one way and names the exact diagnostics the build must print.
//! For every case the build must exit 1 without panicking, print each
//! expected diagnostic (paths relative to the fixture root), and leave the
//! previous output byte for byte as it was.

use crate::common::*;
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    #[allow(dead_code)]
    about: String,
    edits: Vec<Edit>,
    expect: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    /// Relative to the fixture root (`content/…` or `themes/…`).
    file: String,
    #[serde(default)]
    find: Option<String>,
    #[serde(default)]
    replace: Option<String>,
    #[serde(default)]
    write: Option<String>,
    #[serde(default)]
    bytes_hex: Option<String>,
    #[serde(default)]
    megabytes: Option<usize>,
    #[serde(default)]
    symlink_outside: bool,
}

fn apply(root: &Path, e: &Edit, outside: &Path) {
    let path = root.join(&e.file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    if let (Some(find), Some(replace)) = (&e.find, &e.replace) {
        let s = read(&path);
        assert!(s.contains(find.as_str()), "{}: `{find}` not found", e.file);
        std::fs::write(&path, s.replacen(find.as_str(), replace, 1)).unwrap();
    } else if let Some(text) = &e.write {
        std::fs::write(&path, text).unwrap();
    } else if let Some(hex) = &e.bytes_hex {
        let bytes: Vec<u8> = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
            .collect();
        std::fs::write(&path, bytes).unwrap();
    } else if let Some(mb) = e.megabytes {
        let line = "- number: 1\n";
        std::fs::write(&path, line.repeat(mb * 1024 * 1024 / line.len() + 1)).unwrap();
    } else if e.symlink_outside {
        let target = outside.join("secret.md");
        std::fs::write(&target, "outside the content folder").unwrap();
        let _ = std::fs::remove_file(&path);
        std::os::unix::fs::symlink(&target, &path).unwrap();
    } else {
        panic!("{}: edit does nothing", e.file);
    }
}

#[test]
fn every_bad_input_case_fails_precisely_and_keeps_the_previous_output() {
    let cases: Vec<_> = walk(&repo().join("tests/bad"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    assert!(cases.len() >= 30, "the corpus has {} cases", cases.len());
    let mut failures = Vec::new();
    for case_path in &cases {
        let name = case_path.file_stem().unwrap().to_string_lossy().to_string();
        let case: Case =
            serde_saphyr::from_str(&read(case_path)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let root = fixture(&format!("bad-{name}"));
        let out = root.join("public");
        let run = || build(&root.join("content"), &out, &[]);
        assert!(
            run().status.success(),
            "{name}: the unbroken fixture must build"
        );
        let before = files(&out);
        let outside = tmpdir(&format!("bad-{name}-outside"));
        for e in &case.edits {
            apply(&root, e, &outside);
        }
        let o = run();
        let err = String::from_utf8_lossy(&o.stderr).replace(&format!("{}/", root.display()), "");
        let mut problems = Vec::new();
        if o.status.code() != Some(1) {
            problems.push(format!("exit status {:?}", o.status.code()));
        }
        if err.contains("panicked") {
            problems.push("panicked".into());
        }
        for want in &case.expect {
            if !err.contains(want.as_str()) {
                problems.push(format!("missing diagnostic `{want}`"));
            }
        }
        if files(&out) != before {
            problems.push("the previous output changed".into());
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{name}: {}\n--- stderr ---\n{err}",
                problems.join("; ")
            ));
        }
        let _ = std::fs::remove_dir_all(&root);
        let _ = std::fs::remove_dir_all(&outside);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
