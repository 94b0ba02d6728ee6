//! `gongkai import`: the source document → the plan data in `content/plan/`.
//!
//! The hand-curated inputs are the agency and river registries and the errata;
//! the plan files are this module's output and carry a digest of their
//! import-owned part (everything but the English), so a later import can tell
//! an untouched file (overwrite freely) from a hand-edited one (refuse without
//! `--force`). English translations (`en:`) live beside the Chinese in the
//! same files and survive a re-import as long as the Chinese they translate
//! is unchanged.
//!
//! It is also the one writer of update files ([`update`]), for `new update`
//! and `import-sheet`.

pub mod emit;
pub mod parse;
pub mod registry;
pub mod update;

use crate::diagnostics::{Diagnostic, Failed};
use crate::load::raw::{RawAgency, RawDocumentFile, RawErratum};
use crate::load::yaml;
use anyhow::{Context, Result};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

pub struct ImportArgs {
    pub seed: PathBuf,
    pub content: PathBuf,
    pub out: PathBuf,
    pub force: bool,
    pub diff: bool,
}

/// One file the import would write.
pub struct Planned {
    pub path: PathBuf,
    pub text: String,
    /// The file's current text, if it exists.
    pub old: Option<String>,
}

/// Everything `import` decided, before touching the disk (tests use it).
pub struct Plan {
    pub files: Vec<Planned>,
    pub summary: String,
}

const DIGEST_MARK: &str = "# import-digest: ";

fn read(path: &Path) -> Result<String, Diagnostic> {
    std::fs::read_to_string(path).map_err(|e| Diagnostic::file(path, format!("cannot read: {e}")))
}

fn load_registries(content: &Path) -> Result<registry::Registries, Vec<Diagnostic>> {
    let apath = content.join("agencies.yaml");
    let agencies: Vec<RawAgency> = read(&apath)
        .and_then(|t| yaml::parse(&apath, &t))
        .map_err(|d| vec![d])?;
    Ok(registry::Registries::new(agencies.into_iter().map(|a| {
        let mut names = vec![a.zh];
        names.extend(a.aliases);
        (a.id.value, names)
    })))
}

/// Parse the seed and lay out the files, merging English from the files
/// already in `out`. Pure apart from reading.
pub fn plan(args: &ImportArgs) -> Result<Plan, Failed> {
    let seed_text = read(&args.seed).map_err(|d| Failed(vec![d]))?;
    let errata_path = args.out.join("errata.yaml");
    let errata: Vec<RawErratum> = if errata_path.exists() {
        read(&errata_path)
            .and_then(|t| yaml::parse(&errata_path, &t))
            .map_err(|d| Failed(vec![d]))?
    } else {
        Vec::new()
    };
    let reg = load_registries(&args.content).map_err(Failed)?;
    // Errata problems and document problems are reported together: a
    // truncated seed shows both where it ends and which errata it lost.
    let (lines, mut errs) = parse::apply_errata(&args.seed, &seed_text, &errata, &errata_path);
    let imp = match parse::parse(&args.seed, &lines, &reg) {
        Ok(imp) if errs.is_empty() => imp,
        Ok(_) => return Err(Failed(errs)),
        Err(mut e) => {
            errs.append(&mut e);
            return Err(Failed(errs));
        }
    };
    let summary = format!(
        "{} indicators, {} chapters, {} tasks, {} projects (total {} 亿元, checked), {} key tasks of {}",
        imp.indicators.len(),
        imp.chapters.len(),
        imp.tasks.len(),
        imp.projects.items.len(),
        imp.projects.stated_total,
        imp.key_tasks.items.len(),
        imp.key_tasks.year
    );
    let seed_name = args
        .seed
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .to_string();
    let key_name = format!("key-tasks-{}.yaml", imp.key_tasks.year);
    let outputs: Vec<(&str, Value)> = vec![
        (
            "document.yaml",
            to_value(&RawDocumentFile {
                document: imp.document,
                titles: imp.titles,
            }),
        ),
        ("chapters.yaml", to_value(&imp.chapters)),
        ("indicators.yaml", to_value(&imp.indicators)),
        ("tasks.yaml", to_value(&imp.tasks)),
        ("projects.yaml", to_value(&imp.projects)),
        (&key_name, to_value(&imp.key_tasks)),
    ];
    let mut files = Vec::new();
    for (name, mut value) in outputs {
        let path = args.out.join(name);
        let old = std::fs::read_to_string(&path).ok();
        if let Some(old_value) = old
            .as_deref()
            .and_then(|t| yaml::parse::<Value>(&path, t).ok())
        {
            merge_english(&mut value, &old_value);
        }
        files.push(Planned {
            text: render_file(&seed_name, &value),
            path,
            old,
        });
    }
    Ok(Plan { files, summary })
}

fn to_value<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// The file text: a header with the digest of the import-owned part, then the data.
pub fn render_file(seed_name: &str, value: &Value) -> String {
    format!(
        "# Generated by `gongkai import seeds/{seed_name}`. The Chinese text and the structure\n\
         # come from the source document: do not edit them here; record a correction in\n\
         # errata.yaml and re-import. The English (`en:`) is edited here; import keeps it.\n\
         {DIGEST_MARK}{}\n{}",
        digest(value),
        emit::to_yaml(value)
    )
}

/// sha256 of the YAML of `value` without its English.
fn digest(value: &Value) -> String {
    let mut v = value.clone();
    strip_english(&mut v);
    let hash = Sha256::digest(emit::to_yaml(&v).as_bytes());
    hash.iter().map(|b| format!("{b:02x}")).collect()
}

fn is_text(map: &serde_json::Map<String, Value>) -> bool {
    map.contains_key("zh") && map.keys().all(|k| k == "zh" || k == "en")
}

fn strip_english(v: &mut Value) {
    match v {
        Value::Object(m) if is_text(m) => {
            m.remove("en");
        }
        Value::Object(m) => m.values_mut().for_each(strip_english),
        Value::Array(a) => a.iter_mut().for_each(strip_english),
        _ => {}
    }
}

/// Copy `en` from `old` wherever the Chinese it translates is unchanged.
/// Rows are matched by their `number`, other arrays by position.
fn merge_english(new: &mut Value, old: &Value) {
    match (new, old) {
        (Value::Object(n), Value::Object(o)) if is_text(n) => {
            if let Some(en) = o.get("en").filter(|_| n.get("zh") == o.get("zh")) {
                n.insert("en".into(), en.clone());
            }
        }
        (Value::Object(n), Value::Object(o)) => {
            for (k, v) in n.iter_mut() {
                if let Some(ov) = o.get(k) {
                    merge_english(v, ov);
                }
            }
        }
        (Value::Array(n), Value::Array(o)) => {
            for (i, item) in n.iter_mut().enumerate() {
                let by_number = item
                    .get("number")
                    .and_then(|num| o.iter().find(|x| x.get("number") == Some(num)));
                if let Some(ov) = by_number.or_else(|| o.get(i)) {
                    merge_english(item, ov);
                }
            }
        }
        _ => {}
    }
}

/// Whether an existing generated file was edited by hand in its import-owned
/// part (its digest no longer matches), which import must not overwrite.
fn hand_edited(path: &Path, text: &str) -> bool {
    let Some(stated) = text
        .lines()
        .find_map(|l| l.strip_prefix(DIGEST_MARK))
        .map(str::trim)
    else {
        return true;
    };
    match yaml::parse::<Value>(path, text) {
        Ok(v) => digest(&v) != stated,
        Err(_) => true,
    }
}

/// Run `gongkai import`.
pub fn run(args: &ImportArgs) -> Result<bool> {
    let plan = match plan(args) {
        Ok(p) => p,
        Err(f) => {
            eprintln!("{f}");
            return Ok(false);
        }
    };
    let mut changed = Vec::new();
    let mut refused = Vec::new();
    for f in &plan.files {
        let old = &f.old;
        if old.as_deref() == Some(f.text.as_str()) {
            continue;
        }
        if let Some(old) = &old {
            if args.diff {
                let d = similar::TextDiff::from_lines(old.as_str(), f.text.as_str());
                print!(
                    "{}",
                    d.unified_diff().context_radius(2).header(
                        &f.path.display().to_string(),
                        &format!("{} (import)", f.path.display())
                    )
                );
            }
            if hand_edited(&f.path, old) && !args.force {
                refused.push(f.path.display().to_string());
            }
        } else if args.diff {
            println!("new file: {}", f.path.display());
        }
        changed.push(f);
    }
    println!("import: {}", plan.summary);
    if args.diff {
        println!(
            "import: {} file(s) would change (nothing written: --diff)",
            changed.len()
        );
        return Ok(true);
    }
    if !refused.is_empty() {
        for r in &refused {
            eprintln!("{r}: error: edited by hand since the last import (its import-digest does not match)");
        }
        eprintln!(
            "  help: review with `gongkai import --diff`, then re-run with `--force` to overwrite"
        );
        return Ok(false);
    }
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    for f in &changed {
        let tmp = f.path.with_extension("yaml.tmp");
        std::fs::write(&tmp, &f.text).with_context(|| format!("writing {}", tmp.display()))?;
        std::fs::rename(&tmp, &f.path).with_context(|| format!("writing {}", f.path.display()))?;
        println!("wrote {}", f.path.display());
    }
    println!(
        "import: {} file(s) written, {} unchanged",
        changed.len(),
        plan.files.len() - changed.len()
    );
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn english_survives_when_chinese_is_unchanged() {
        let old = json!([{"number": 2, "text": {"zh": "甲", "en": "A"}}, {"number": 1, "text": {"zh": "乙", "en": "B"}}]);
        let mut new =
            json!([{"number": 1, "text": {"zh": "乙"}}, {"number": 2, "text": {"zh": "甲改"}}]);
        merge_english(&mut new, &old);
        assert_eq!(
            new,
            json!([{"number": 1, "text": {"zh": "乙", "en": "B"}}, {"number": 2, "text": {"zh": "甲改"}}])
        );
    }

    #[test]
    fn digest_ignores_english_but_not_chinese() {
        let a = json!({"t": {"zh": "甲", "en": "A"}});
        let b = json!({"t": {"zh": "甲", "en": "Changed"}});
        let c = json!({"t": {"zh": "乙", "en": "A"}});
        assert_eq!(digest(&a), digest(&b));
        assert_ne!(digest(&a), digest(&c));
        let text = render_file("s.txt", &a);
        assert!(!hand_edited(Path::new("x.yaml"), &text));
        assert!(!hand_edited(
            Path::new("x.yaml"),
            &text.replace("\"A\"", "\"Edited\"")
        ));
        assert!(hand_edited(Path::new("x.yaml"), &text.replace("甲", "丙")));
    }
}
