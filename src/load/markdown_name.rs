//! The names of the files in a folder of bilingual markdown (updates,
//! pages, notes): `NAME.md` is a Chinese original and `NAME.en.md` its
//! English twin; any other markdown name is an error that says which form
//! was meant, rather than a file left out without a word.

use crate::diagnostics::{Diagnostic, Diagnostics};
use std::path::Path;

/// How a file name reads in a folder of bilingual markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MdName<'a> {
    /// `NAME.md`: a Chinese original.
    Original(&'a str),
    /// `NAME.en.md`: the English twin of `NAME.md`.
    Twin(&'a str),
    /// Markdown under a name that is neither (`x.fr.md`, `x.EN.md`, `x.MD`).
    Unknown,
    /// Not markdown, or hidden (an editor's lock or swap file): not read.
    Other,
}

fn md_name(name: &str) -> MdName<'_> {
    if name.starts_with('.') {
        return MdName::Other;
    }
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return MdName::Other;
    };
    if !ext.eq_ignore_ascii_case("md") && !ext.eq_ignore_ascii_case("markdown") {
        return MdName::Other;
    }
    if ext != "md" {
        return MdName::Unknown;
    }
    match stem.strip_suffix(".en") {
        Some(base) if !base.is_empty() && !base.contains('.') => MdName::Twin(base),
        None if !stem.is_empty() && !stem.contains('.') => MdName::Original(stem),
        _ => MdName::Unknown,
    }
}

/// A walked entry of a folder of bilingual markdown, as the file it is:
/// its path, its stem (`x` of `x.md` and `x.en.md`) and whether it is the
/// English twin. Folders and files that are not markdown are `None`, and so
/// is a markdown file of neither form, reported in `diags`.
pub(super) fn markdown_entry<'e>(
    entry: &'e walkdir::DirEntry,
    diags: &mut Diagnostics,
) -> Option<(&'e Path, &'e str, bool)> {
    let path = entry.path();
    let name = path.file_name().and_then(|n| n.to_str())?;
    if entry.file_type().is_dir() {
        return None;
    }
    match md_name(name) {
        MdName::Other => None,
        MdName::Unknown => {
            diags.push(unknown_name(path, name));
            None
        }
        MdName::Original(stem) => Some((path, stem, false)),
        MdName::Twin(stem) => Some((path, stem, true)),
    }
}

/// The error for a markdown file whose name is neither `NAME.md` nor
/// `NAME.en.md`: it would otherwise be left out without a word.
fn unknown_name(path: &Path, name: &str) -> Diagnostic {
    let forms = "the accepted forms are NAME.md (Chinese) and NAME.en.md (English)";
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    let (base, suffix) = stem.rsplit_once('.').unwrap_or((stem, ""));
    let message = if ext != "md" {
        format!("the file name `{name}` does not end in `.md`; {forms}")
    } else {
        format!("unknown language suffix `.{suffix}` in the file name `{name}`; {forms}")
    };
    let suffix = suffix.to_ascii_lowercase();
    let help = if ext == "md" && suffix.starts_with("en") && !base.contains('.') {
        format!("name it `{base}.en.md`, the English twin of `{base}.md`")
    } else if ext == "md" && (suffix.starts_with("zh") || suffix == "cn") && !base.contains('.') {
        format!("name it `{base}.md`: the Chinese original has no language suffix")
    } else {
        "name the Chinese original NAME.md and its English twin NAME.en.md".to_string()
    };
    Diagnostic::file(path, message).with_help(help)
}

/// An English twin whose Chinese original is not there.
pub(super) fn orphan_twin(path: &Path, original: &Path) -> Diagnostic {
    let name = original
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    Diagnostic::file(
        path,
        format!("English twin without its Chinese original `{name}`"),
    )
    .with_help("name the Chinese original NAME.md and its English twin NAME.en.md")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `markdown_entry` makes of each entry of a folder holding a
    /// sub-folder, an original and its twin, a misnamed file and a non-markdown one.
    #[test]
    fn an_entry_is_an_original_a_twin_or_nothing_and_a_misnamed_one_is_reported() {
        let dir = crate::env::scratch_dir("mdname");
        std::fs::create_dir(dir.join("sub.md")).unwrap();
        for name in ["a.md", "a.en.md", "b.fr.md", "c.txt", ".a.md.swp"] {
            std::fs::write(dir.join(name), "x").unwrap();
        }
        let mut diags = Diagnostics::default();
        let mut seen = Vec::new();
        for entry in walkdir::WalkDir::new(&dir).min_depth(1).sort_by_file_name() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().to_string();
            let read = markdown_entry(&entry, &mut diags)
                .map(|(path, stem, twin)| (path == entry.path(), stem.to_string(), twin));
            seen.push((name, read));
        }
        let _ = std::fs::remove_dir_all(&dir);
        let stem = |s: &str, twin| Some((true, s.to_string(), twin));
        assert_eq!(
            seen,
            [
                (".a.md.swp".to_string(), None),
                ("a.en.md".to_string(), stem("a", true)),
                ("a.md".to_string(), stem("a", false)),
                ("b.fr.md".to_string(), None),
                ("c.txt".to_string(), None),
                ("sub.md".to_string(), None),
            ]
        );
        let messages: Vec<String> = diags.into_sorted().into_iter().map(|d| d.message).collect();
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(messages[0].starts_with("unknown language suffix `.fr` in the file name `b.fr.md`"));
    }
}
