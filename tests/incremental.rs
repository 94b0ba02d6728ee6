//! A rebuild makes only what changed, and what it leaves is byte for byte
//! the build from scratch: a seeded series of edits (texts, names, updates
//! added, changed and deleted, values, the glossary, a template and an
//! interface string of a copied theme, the config), each followed by a
//! rebuild of the one output and a build from scratch into a fresh folder,
//! whose trees must be equal; and the same on generated plans
//! (`gongkai scale`).

use crate::common::*;
use std::path::{Path, PathBuf};

/// The same clock and commit for every build.
fn gongkai(args: &[&str], paths: &[(&str, &Path)]) -> std::process::Output {
    let mut c = bin();
    c.env("SOURCE_DATE_EPOCH", "1795977594")
        .env("GONGKAI_COMMIT", "000000000000")
        .args(args);
    for (flag, p) in paths {
        c.arg(flag).arg(p);
    }
    c.output().unwrap()
}

/// A small seeded generator (the edits must be the same every run).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The first file, in path order, where two trees differ, with how.
fn first_difference(a: &Path, b: &Path) -> Option<String> {
    let fa = files(a);
    let fb = files(b);
    let names = |f: &[(String, Vec<u8>)]| f.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    let (na, nb) = (names(&fa), names(&fb));
    if na != nb {
        let only_a = na.iter().find(|p| !nb.contains(p));
        let only_b = nb.iter().find(|p| !na.contains(p));
        return Some(format!(
            "the trees hold different files: only in the rebuild {only_a:?}, only in the build from scratch {only_b:?}"
        ));
    }
    fa.iter().zip(&fb).find(|(x, y)| x.1 != y.1).map(|(x, y)| {
        let at = x.1.iter().zip(&y.1).take_while(|(p, q)| p == q).count();
        let show = |v: &[u8]| {
            String::from_utf8_lossy(&v[at.saturating_sub(60)..(at + 60).min(v.len())]).to_string()
        };
        format!(
            "{} differs at byte {at}:\n  rebuild: …{}…\n  scratch: …{}…",
            x.0,
            show(&x.1),
            show(&y.1)
        )
    })
}

/// One site under test: its content (and theme), the output rebuilt in
/// place after each edit, and the builds from scratch beside it.
struct Site {
    root: PathBuf,
    theme: Option<PathBuf>,
    builds: usize,
}

impl Site {
    fn build_into(&self, out: &Path) -> std::process::Output {
        let content = self.root.join("content");
        let mut paths: Vec<(&str, &Path)> = vec![("--content", &content), ("--out", out)];
        if let Some(t) = &self.theme {
            paths.push(("--theme", t));
        }
        let o = gongkai(&["build"], &paths);
        assert!(o.status.success(), "{}", text(&o));
        o
    }

    /// Rebuild in place and from scratch; the two must be equal. The
    /// rebuild's summary line.
    fn check(&mut self, what: &str) -> String {
        let rebuilt = self.root.join("public");
        let o = self.build_into(&rebuilt);
        self.builds += 1;
        let fresh = self
            .root
            .join(format!("scratch-{}", self.builds))
            .join("public");
        self.build_into(&fresh);
        if let Some(d) = first_difference(&rebuilt, &fresh) {
            panic!("after {what}: the rebuild is not the build from scratch: {d}");
        }
        std::fs::remove_dir_all(fresh.parent().unwrap()).unwrap();
        text(&o)
    }
}

/// Replace the `n`th (modulo their count) line of `file` that contains
/// `pattern` by what `f` makes of it.
fn edit_line(file: &Path, pattern: &str, n: usize, f: impl Fn(&str) -> String) {
    let text = read(file);
    let hits: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(pattern))
        .map(|(i, _)| i)
        .collect();
    assert!(!hits.is_empty(), "{pattern} in {}", file.display());
    let at = hits[n % hits.len()];
    let out: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| if i == at { f(l) } else { l.to_string() })
        .collect();
    std::fs::write(file, out.join("\n") + "\n").unwrap();
}

/// Swap `a` for `b` in `file`, or back where it holds `b`.
fn toggle(file: &Path, a: &str, b: &str) {
    let t = read(file);
    let (from, to) = if t.contains(b) { (b, a) } else { (a, b) };
    assert!(
        t.contains(from),
        "{} holds neither {a:?} nor {b:?}",
        file.display()
    );
    std::fs::write(file, t.replacen(from, to, 1)).unwrap();
}

/// `r` written without digits (a digit in Chinese text must be in its
/// English too).
fn mark(r: usize) -> String {
    let stems = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
    r.to_string()
        .chars()
        .map(|d| stems[d.to_digit(10).unwrap_or(0) as usize])
        .collect()
}

fn summary_counts(summary: &str) -> (usize, usize) {
    let pages = summary
        .split("pages: ")
        .nth(1)
        .and_then(|s| s.split(" as before").next())
        .unwrap_or_default();
    let mut numbers = pages
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap_or(usize::MAX));
    let made = numbers.next().unwrap_or(usize::MAX);
    let kept = numbers.next().unwrap_or(usize::MAX);
    (made, kept)
}

/// The edits of the basic fixture, each from a number the generator draws.
/// An edit of the site at a root folder, from a drawn number.
type Edit = fn(&Path, usize);

const EDITS: &[(&str, Edit)] = &[
    ("a task's text", |c, r| {
        edit_line(&c.join("content/plan/tasks.yaml"), "text: {zh: ", r, |l| {
            l.replacen("{zh: ", &format!("{{zh: 改{}", mark(r)), 1)
        })
    }),
    ("a task's text with a deadline", |c, r| {
        edit_line(&c.join("content/plan/tasks.yaml"), "text: {zh: ", r, |l| {
            l.replacen("{zh: ", "{zh: 到2022年底前", 1).replacen(
                ", en: ",
                ", en: By the end of 2022 ",
                1,
            )
        })
    }),
    ("an agency's name", |c, r| {
        edit_line(&c.join("content/agencies.yaml"), "  en: ", r, |l| {
            format!("{l} {r}")
        })
    }),
    ("an update's status", |c, r| {
        let statuses = ["delayed", "in-progress", "completed", "not-started"];
        let file = c.join("content/updates/2022/2022-11-30-laixi-restoration.md");
        edit_line(&file, "status: ", 0, |_| {
            format!("status: {}", statuses[r % 4])
        })
    }),
    ("an update's date", |c, r| {
        let file = c.join("content/updates/2022/2022-11-30-laixi-restoration.md");
        edit_line(&file, "date: ", 0, |_| {
            format!("date: \"2022-1{}-1{}\"", r % 3, r % 10)
        })
    }),
    ("a new update", |c, r| {
        let file = c.join(format!(
            "content/updates/2022/2022-07-0{}-new-{r}.md",
            1 + r % 9
        ));
        let body = format!(
            "---\nsubjects: [task/{}]\ndate: \"2022-07-0{}\"\nstatus: in-progress\nreporter: water\n---\n新的进展{}。\n",
            1 + r % 3,
            1 + r % 9,
            mark(r)
        );
        std::fs::write(file, body).unwrap();
    }),
    ("an update deleted", |c, _| {
        for f in [
            "2022-06-30-water-resources.md",
            "2022-06-30-water-resources.en.md",
        ] {
            let _ = std::fs::remove_file(c.join("content/updates/2022").join(f));
        }
    }),
    ("an indicator's value", |c, r| {
        let file = c.join("content/indicators/values.yaml");
        edit_line(&file, "value: ", r, |_| {
            format!("    value: \"9{}.{}\"", r % 10, r % 7)
        })
    }),
    ("a glossary entry", |c, r| {
        edit_line(&c.join("content/glossary.yaml"), "    zh: ", r, |l| {
            format!("{l}{}", mark(r))
        })
    }),
    ("a glossary term's wording (which texts link it)", |c, _| {
        let file = c.join("content/glossary.yaml");
        toggle(&file, "  zh: 生态修复\n", "  zh: 河流域\n")
    }),
    ("a template", |c, r| {
        let file = c.join("theme/templates/task.html");
        let t = read(&file);
        let t = t.replacen("<p class=\"text\">", &format!("<p class=\"text\">{r} "), 1);
        std::fs::write(file, t).unwrap();
    }),
    ("an interface string", |c, r| {
        edit_line(&c.join("theme/i18n.yaml"), "tasks: {zh: ", 0, |_| {
            format!("tasks: {{zh: 任务{r}, en: Tasks {r}}}")
        })
    }),
    ("the config's title", |c, r| {
        edit_line(&c.join("content/config.yaml"), "title: ", 0, |_| {
            format!("title: {{zh: 测试规划公开{r}, en: Test Plan Disclosure {r}}}")
        })
    }),
    // Which items name a river, lead or fall in a list: the counts the
    // rivers', agencies' and plan's pages show (salted, not read whole).
    ("a task's rivers", |c, _| {
        toggle(
            &c.join("content/plan/tasks.yaml"),
            "rivers: [laixi]",
            "rivers: [laixi, hualong-creek]",
        )
    }),
    ("a task's lead agency", |c, _| {
        toggle(
            &c.join("content/plan/tasks.yaml"),
            "lead: [water]",
            "lead: [water, eco-env]",
        )
    }),
    ("a task moved to another chapter", |c, _| {
        let (a, b) = ("- number: 3\n  chapter: 2", "- number: 3\n  chapter: 1");
        toggle(&c.join("content/plan/tasks.yaml"), a, b)
    }),
    ("a key task list's title", |c, r| {
        let file = c.join("content/plan/key-tasks-2022.yaml");
        edit_line(&file, "title: ", 0, |_| {
            format!(
                "title: {{zh: 2022年重点任务{}, en: 2022 key tasks {r}}}",
                mark(r)
            )
        })
    }),
    ("a note", |c, r| {
        let file = c.join("content/notes/tasks/2.md");
        let t = read(&file);
        std::fs::write(file, format!("{t}\n补充{}。\n", mark(r))).unwrap();
    }),
];

#[test]
fn every_rebuild_after_a_series_of_edits_is_the_build_from_scratch() {
    let root = fixture("series");
    copy_dir(&repo().join("themes/default"), &root.join("theme"));
    let mut site = Site {
        theme: Some(root.join("theme")),
        root: root.clone(),
        builds: 0,
    };
    site.check("the first build");
    let summary = site.check("nothing");
    let (made, kept) = summary_counts(&summary);
    assert!(
        kept > 0 && made == 0,
        "an unchanged site keeps every page: {summary}"
    );
    let mut rng = Rng(20_26);
    let mut order: Vec<usize> = (0..EDITS.len()).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    // Each edit once in a shuffled order, then a few drawn at random.
    let draws: Vec<usize> = (0..4).map(|_| rng.below(EDITS.len())).collect();
    for i in order.into_iter().chain(draws) {
        let (what, edit) = EDITS[i];
        edit(&root, rng.below(1000));
        let summary = site.check(what);
        if what == "a task's text" {
            let (made, kept) = summary_counts(&summary);
            // Its page, and the lists and roll-ups that show it; not the others.
            assert!(
                made > 0 && kept > 0,
                "one task's text makes some pages again: {summary}"
            );
        }
    }
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn rebuilds_of_generated_plans_are_builds_from_scratch() {
    for seed in [1u64, 2] {
        let root = tmpdir(&format!("scale-{seed}"));
        let mut rng = Rng(seed);
        let n = 20 + rng.below(30);
        let o = gongkai(&["scale", &n.to_string()], &[("--out", &root)]);
        assert!(o.status.success(), "{}", text(&o));
        let mut site = Site {
            root: root.clone(),
            theme: None,
            builds: 0,
        };
        site.check("the first build");
        let tasks = root.join("content/plan/tasks.yaml");
        let updates = root.join("content/updates/2023");
        for step in 0..4 {
            let r = rng.below(1000);
            let what = match rng.below(4) {
                0 => {
                    edit_line(&tasks, "    zh: ", r, |l| {
                        l.replacen("zh: \"", &format!("zh: \"改{}", mark(r)), 1)
                    });
                    "a task's text"
                }
                1 => {
                    let mut names: Vec<_> = std::fs::read_dir(&updates)
                        .unwrap()
                        .map(|e| e.unwrap().path())
                        .filter(|p| !p.to_string_lossy().ends_with(".en.md"))
                        .collect();
                    names.sort();
                    let f = &names[r % names.len()];
                    let _ = std::fs::remove_file(f);
                    let _ = std::fs::remove_file(f.with_extension("en.md"));
                    "an update deleted"
                }
                2 => {
                    let task = 1 + r % n;
                    let body = format!(
                        "---\nsubjects: [task/{task}]\ndate: \"2023-04-0{}\"\nstatus: delayed\nreporter: a01\n---\n进展{}。\n",
                        1 + step,
                        mark(r)
                    );
                    let name = format!("2023-04-0{}-extra-{r}", 1 + step);
                    std::fs::write(updates.join(format!("{name}.md")), body).unwrap();
                    std::fs::write(updates.join(format!("{name}.en.md")), "Progress.\n").unwrap();
                    "a new update"
                }
                _ => {
                    let agencies = root.join("content/agencies.yaml");
                    edit_line(&agencies, "  en: ", r, |l| {
                        format!("{} {r}\"", l.trim_end_matches('"'))
                    });
                    "an agency's name"
                }
            };
            site.check(&format!("{what} (plan of {n} tasks, seed {seed})"));
        }
        std::fs::remove_dir_all(&root).unwrap();
    }
}

/// The history is read per item: a commit remakes the pages of the items
/// it touched (their history sections), and what a rebuild keeps is still
/// the build from scratch.
#[test]
fn a_commit_remakes_the_pages_of_the_items_it_touched() {
    let root = fixture("history-commit");
    let git = |date: &str, args: &[&str]| crate::history::git(&root, date, args);
    let commit = |date: &str| {
        git(date, &["add", "content"]);
        git(date, &["commit", "-q", "-m", "edit"]);
    };
    git("2022-01-10T08:00:00Z", &["init", "-q"]);
    commit("2022-01-10T08:00:00Z");
    let mut site = Site {
        theme: None,
        root: root.clone(),
        builds: 0,
    };
    site.check("the first build");
    let tasks = root.join("content/plan/tasks.yaml");
    edit_line(&tasks, "text: {zh: ", 1, |l| {
        l.replacen("{zh: ", "{zh: 改", 1)
    });
    site.check("task 2's text edited, not yet committed");
    // Only the history changes: task 2's page shows the commit.
    commit("2022-03-01T09:30:00Z");
    let summary = site.check("the commit of task 2's text");
    let (made, kept) = summary_counts(&summary);
    assert!(made > 0 && kept > made, "one item's commit: {summary}");
    // A commit that changes no item's text (a note) changes no history section.
    let note = root.join("content/notes/tasks/2.md");
    std::fs::write(&note, read(&note) + "\n补充。\n").unwrap();
    commit("2022-04-01T09:30:00Z");
    site.check("a commit of a note");
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn the_content_folder_named_another_way_is_the_same_folder() {
    // `content` from the project, or the same folder by its full path: the
    // rebuild keeps every page (the fingerprints name the folders as the
    // file system resolves them).
    let root = fixture("incremental-named");
    let out = root.join("public");
    let build = |content: &Path| {
        let o = bin()
            .current_dir(&root)
            .env("SOURCE_DATE_EPOCH", "1795977594")
            .env("GONGKAI_COMMIT", "000000000000")
            .arg("build")
            .arg("--content")
            .arg(content)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr).to_string();
        assert!(o.status.success(), "{err}");
        summary_counts(err.lines().last().unwrap_or_default())
    };
    let (made, _) = build(Path::new("content"));
    assert!(made > 0);
    let (made, kept) = build(&root.join("content"));
    assert_eq!((made, kept > 0), (0, true), "by its full path");
    let (made, _) = build(&root.join("content/../content"));
    assert_eq!(made, 0, "through ..");
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn the_real_portal_named_another_way_is_the_same_folder() {
    // The real content has what the fixture lacks (duties, whose places
    // every page's frame reads).
    let root = tmpdir("incremental-named-real");
    copy_dir(&repo().join("content"), &root.join("content"));
    copy_dir(&repo().join("seeds"), &root.join("seeds"));
    let build = |content: &Path| {
        let o = bin()
            .current_dir(&root)
            .env("SOURCE_DATE_EPOCH", "1795977594")
            .env("GONGKAI_COMMIT", "000000000000")
            .args([
                "build",
                "--no-search",
                "--no-feeds",
                "--no-data",
                "--out",
                "public",
            ])
            .arg("--content")
            .arg(content)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr).to_string();
        assert!(o.status.success(), "{err}");
        summary_counts(err.lines().last().unwrap_or_default())
    };
    assert!(build(Path::new("content")).0 > 1000);
    assert_eq!(build(&root.join("content")).0, 0, "by its full path");
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_rebuild_of_unchanged_input_writes_no_memo_body_again() {
    // The search records and the fingerprints (about 100 MB and 10 MB at
    // N=50,000) stay as the last build left them; only the lines naming
    // the tree they are of are new, and the next rebuild still believes
    // them: it makes no page.
    let root = fixture("incremental-memos");
    let out = root.join("public");
    let content = root.join("content");
    let build = || {
        let o = gongkai(&["build"], &[("--content", &content), ("--out", &out)]);
        let err = String::from_utf8_lossy(&o.stderr).to_string();
        assert!(o.status.success(), "{err}");
        summary_counts(err.lines().last().unwrap_or_default())
    };
    let stamps = || {
        ["search", "deps"].map(|name| {
            let meta = std::fs::metadata(root.join(format!(".public.{name}"))).unwrap();
            (
                std::os::unix::fs::MetadataExt::ino(&meta),
                meta.modified().unwrap(),
            )
        })
    };
    assert!(build().0 > 0);
    let before = stamps();
    let lines = std::fs::read_to_string(root.join(".public.search.id")).unwrap();
    let (made, kept) = build();
    assert_eq!((made, kept > 0), (0, true));
    assert_eq!(stamps(), before);
    assert_ne!(
        std::fs::read_to_string(root.join(".public.search.id")).unwrap(),
        lines,
        "the line names the tree now in place"
    );
    assert_eq!(build().0, 0);
    assert_eq!(stamps(), before);
    // A task's text changed: both bodies are written again, and believed.
    let tasks = content.join("plan/tasks.yaml");
    edit_line(&tasks, "text: {zh: ", 0, |l| {
        l.replacen("{zh: ", "{zh: 改", 1)
    });
    assert!(build().0 > 0);
    let after = stamps();
    assert!(after.iter().zip(&before).all(|(a, b)| a != b), "{after:?}");
    assert_eq!(build().0, 0);
    assert_eq!(stamps(), after);
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_rebuild_of_unchanged_input_keeps_every_page_without_the_views() {
    // No input changed: every page of the manifest is kept as it is, and
    // the summary says so. A page whose file is gone from both trees (the
    // output and the staging tree the rebuild keeps files from) is made by
    // the views after all; then the rebuild is still the build from
    // scratch. An edit takes the views' way.
    let mut site = Site {
        root: fixture("incremental-unchanged"),
        theme: None,
        builds: 0,
    };
    let first = site.check("the first build");
    assert!(!first.contains("no input changed"), "{first}");
    let second = site.check("a rebuild of unchanged input");
    assert!(second.contains("no input changed"), "{second}");
    assert_eq!(
        summary_counts(second.lines().last().unwrap()).0,
        0,
        "{second}"
    );
    let third = site.check("a second rebuild of unchanged input");
    assert!(third.contains("no input changed"), "{third}");
    for tree in ["public", ".public.staging"] {
        let page = site.root.join(tree).join("tasks/1/index.html");
        std::fs::remove_file(&page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
    }
    let remade = site.check("a rebuild with a page's file removed from both trees");
    assert!(!remade.contains("no input changed"), "{remade}");
    let (made, kept) = summary_counts(remade.lines().last().unwrap());
    assert_eq!(made, 1, "{remade}");
    assert!(kept > 0, "{remade}");
    assert!(site
        .check("a rebuild after the page was made")
        .contains("no input changed"));
    let tasks = site.root.join("content/plan/tasks.yaml");
    edit_line(&tasks, "text: {zh: ", 0, |l| {
        l.replacen("{zh: ", "{zh: 改", 1)
    });
    let edited = site.check("a task's text edited");
    assert!(!edited.contains("no input changed"), "{edited}");
    assert!(
        summary_counts(edited.lines().last().unwrap()).0 > 0,
        "{edited}"
    );
    assert!(site
        .check("a rebuild after the edit")
        .contains("no input changed"));
    std::fs::remove_dir_all(&site.root).unwrap();
}
