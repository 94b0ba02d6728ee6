//! Stage 1: disk → raw structs. Only this stage (and `write`) touches the disk.
//!
//! Every file is read with the same guards (size limit, UTF-8, no symlink
//! leaving the content folder) and every problem becomes a diagnostic; the
//! stage reads everything it can and reports all problems together.
//!
//! Where Chinese originals and their English twins live (updates, pages,
//! notes), a markdown file is `NAME.md` or `NAME.en.md`; any other markdown
//! name is an error rather than a file left out without a word, and a twin
//! whose original failed to parse is not reported a second time.

pub mod cache;
mod markdown_name;
pub mod raw;
pub mod theme;
pub mod yaml;

use crate::diagnostics::{Diagnostic, Diagnostics};
use markdown_name::{markdown_entry, orphan_twin};
use raw::*;
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// No content file has a reason to be this large (the task list of a plan a
/// hundred times the Dazu plan's, 45 000 tasks, is about 16 MiB); refusing
/// early keeps a mistaken 100 MB paste from eating memory and time.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// A markdown file: front matter plus body, with the body's first line number.
#[derive(Debug, Clone)]
pub struct RawMarkdown {
    pub path: PathBuf,
    pub front: RawFrontMatter,
    pub body: String,
    /// The line of the file where `body` starts (for diagnostics).
    pub body_line: u64,
}

/// What a page made from the file depends on (the pages' fingerprints hash
/// it): its name, not the folder as the build was given it, so that
/// `--content content` and the same folder by its full path fingerprint
/// alike. The path is only shown in diagnostics.
impl std::hash::Hash for RawMarkdown {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.path.file_name().hash(state);
        self.front.hash(state);
        self.body.hash(state);
        self.body_line.hash(state);
    }
}

/// A markdown file in both languages (`x.md` and `x.en.md`).
#[derive(Debug, Clone, Default, Hash)]
pub struct RawBilingualMarkdown {
    pub zh: Option<RawMarkdown>,
    pub en: Option<RawMarkdown>,
}

/// Everything in the content folder, parsed but not yet checked against itself.
#[derive(Debug, Default)]
pub struct RawSite {
    pub config: Option<RawConfig>,
    pub document: Option<RawDocumentFile>,
    pub chapters: Vec<RawChapter>,
    pub indicators: Vec<RawIndicator>,
    pub tasks: Vec<RawTask>,
    pub projects: Option<RawProjects>,
    pub key_task_lists: Vec<(PathBuf, RawKeyTaskList)>,
    pub errata: Vec<RawErratum>,
    pub agencies: Vec<RawAgency>,
    pub rivers: Vec<RawRiver>,
    pub glossary: Vec<RawGlossaryEntry>,
    pub updates: Vec<RawUpdateFile>,
    /// Evidence files under content/files/ (relative to it), to publish.
    pub files: Vec<String>,
    pub indicator_values: Option<(PathBuf, RawIndicatorValues)>,
    pub water: Option<(PathBuf, RawWater)>,
    /// The plan's disclosure duties (`duties.yaml`), when the file is there.
    pub duties: Option<(PathBuf, Vec<RawDuty>)>,
    /// Commentary pages by slug.
    pub pages: Vec<(String, RawBilingualMarkdown)>,
    /// Notes on a subject: ("tasks" | "agencies" | "rivers", id) → markdown.
    pub notes: Vec<((String, String), RawBilingualMarkdown)>,
    /// Paths of the files, for diagnostics of later stages.
    pub paths: Paths,
}

#[derive(Debug, Default, Clone)]
pub struct Paths {
    pub config: PathBuf,
    pub document: PathBuf,
    pub chapters: PathBuf,
    pub indicators: PathBuf,
    pub tasks: PathBuf,
    pub projects: PathBuf,
    pub errata: PathBuf,
    pub agencies: PathBuf,
    pub rivers: PathBuf,
    pub glossary: PathBuf,
}

/// The content folder, with the real path of it and of each folder in it
/// read so far (one load's worth: a link changed between loads is seen).
struct Root {
    path: PathBuf,
    canonical: PathBuf,
    folders: std::sync::Mutex<std::collections::HashMap<PathBuf, Option<PathBuf>>>,
}

impl Root {
    fn new(path: &Path) -> Root {
        Root {
            path: path.to_path_buf(),
            canonical: std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
            folders: Default::default(),
        }
    }

    /// Where `path` really is, every link on the way resolved, and the
    /// metadata of what it names: a plain file's folder is resolved once for
    /// all its files (a `stat` of the file tells it is no link itself).
    fn resolve(&self, path: &Path) -> std::io::Result<(PathBuf, std::fs::Metadata)> {
        let meta = std::fs::symlink_metadata(path)?;
        let real_folder = match (path.parent(), path.file_name()) {
            (Some(folder), Some(name)) if !meta.file_type().is_symlink() => {
                let mut folders = self.folders.lock().unwrap_or_else(|e| e.into_inner());
                let real = folders
                    .entry(folder.to_path_buf())
                    .or_insert_with(|| std::fs::canonicalize(folder).ok());
                real.as_ref().map(|r| r.join(name))
            }
            _ => None,
        };
        match real_folder {
            Some(real) => Ok((real, meta)),
            None => {
                let real = std::fs::canonicalize(path)?;
                let meta = std::fs::metadata(&real)?;
                Ok((real, meta))
            }
        }
    }

    /// Whether `path` is inside the content folder, every link on the way
    /// resolved.
    fn holds(&self, path: &Path) -> bool {
        self.resolve(path)
            .is_ok_and(|(real, _)| real.starts_with(&self.canonical))
    }
}

impl std::ops::Deref for Root {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.path
    }
}

/// The metadata of a content file, once the content guards have passed.
/// `root` is the content folder.
fn checked(root: &Root, path: &Path) -> Result<std::fs::Metadata, Diagnostic> {
    // Resolve every link on the way (a linked file or a linked folder) and
    // refuse what ends up outside the content folder.
    let (target, meta) = root
        .resolve(path)
        .map_err(|e| Diagnostic::file(path, format!("cannot read: {e}")))?;
    if !target.starts_with(&root.canonical) {
        return Err(Diagnostic::file(
            path,
            format!(
                "symbolic link points outside the content folder (to {})",
                target.display()
            ),
        )
        .with_help("copy the file into the content folder instead"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::file(
            path,
            format!(
                "file is {} MiB; content files may be at most {} MiB",
                meta.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    Ok(meta)
}

/// The text of a file that passed the guards (`checked`).
fn text_of(path: &Path) -> Result<String, Diagnostic> {
    let bytes =
        std::fs::read(path).map_err(|e| Diagnostic::file(path, format!("cannot read: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|b| **b == b'\n').count() as u64 + 1;
        let col = good.iter().rev().take_while(|b| **b != b'\n').count() as u64 + 1;
        Diagnostic::new(
            path,
            line,
            col,
            "invalid UTF-8 (content files must be UTF-8)",
        )
        .with_help("re-save the file as UTF-8 (not GBK/GB18030)")
    })
}

/// `parse()` of a content file's text, read with the content guards; in
/// `serve`, what it gave last time for the same text, and a file unchanged
/// since then by its stat is not read at all (`cache::parsed`). The outer
/// error is the reading's, the inner the parse's.
fn read_parsed<T: Clone + Send + 'static>(
    root: &Root,
    path: &Path,
    parse: impl FnOnce(&str) -> Result<T, Diagnostic>,
) -> Result<Result<T, Diagnostic>, Diagnostic> {
    let meta = checked(root, path)?;
    cache::parsed(path, cache::Stat::of(&meta), || text_of(path), parse)
}

/// The text of a YAML file (`text_of`), or why there is none to parse.
fn yaml_text(path: &Path) -> Result<String, Diagnostic> {
    let text = text_of(path)?;
    if text.trim().is_empty() {
        return Err(Diagnostic::file(path, "file is empty"));
    }
    Ok(text)
}

fn load_yaml<T: DeserializeOwned + Clone + Send + 'static>(
    root: &Root,
    path: &Path,
    diags: &mut Diagnostics,
) -> Option<T> {
    checked(root, path)
        .and_then(|meta| {
            let stat = cache::Stat::of(&meta);
            cache::parsed(path, stat, || yaml_text(path), |t| yaml::parse(path, t))?
        })
        .map_err(|d| diags.push(d))
        .ok()
}

/// A YAML list file (tasks, indicators …): in `serve`, a rebuild parses
/// again only the items that changed (`cache::parsed_list`).
fn load_yaml_list<E: DeserializeOwned + Clone + Send + 'static>(
    root: &Root,
    path: &Path,
    diags: &mut Diagnostics,
) -> Option<Vec<E>> {
    checked(root, path)
        .and_then(|meta| {
            let stat = cache::Stat::of(&meta);
            cache::parsed_list(path, stat, || yaml_text(path), |t| yaml::parse(path, t))?
        })
        .map_err(|d| diags.push(d))
        .ok()
}

/// A markdown file split into its front matter (padded with blank lines so
/// YAML positions are the file's own) and its body.
pub struct Split<'a> {
    pub front: Option<String>,
    pub body: &'a str,
    pub body_line: u64,
}

/// Split `---\nfront\n---\nbody`.
pub fn split_front_matter<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return Ok(Split {
            front: None,
            body: text,
            body_line: 1,
        });
    };
    let end = rest
        .find("\n---\n")
        .or_else(|| rest.find("\n---\r\n"))
        .or_else(|| rest.strip_suffix("\n---").map(|r| r.len()))
        .ok_or_else(|| {
            Diagnostic::new(path, 1, 1, "front matter opened with `---` is never closed")
        })?;
    let front_text = &rest[..end];
    let body = rest[end..]
        .trim_start_matches(['\r', '\n'])
        .trim_start_matches("---")
        .trim_start_matches(['\r', '\n']);
    let body_line = text[..text.len() - body.len()].matches('\n').count() as u64 + 1;
    let front = (!front_text.trim().is_empty()).then(|| format!("\n{front_text}"));
    Ok(Split {
        front,
        body,
        body_line,
    })
}

/// Split a markdown file and parse its front matter (title, weight).
pub fn parse_markdown(path: &Path, text: &str) -> Result<RawMarkdown, Diagnostic> {
    let split = split_front_matter(path, text)?;
    let front: RawFrontMatter = match &split.front {
        Some(f) => yaml::parse(path, f)?,
        None => RawFrontMatter::default(),
    };
    Ok(RawMarkdown {
        path: path.to_path_buf(),
        front,
        body: split.body.to_string(),
        body_line: split.body_line,
    })
}

/// A progress update: front matter (subjects, date, status …) and the
/// Chinese body, with its English twin (`x.en.md`) when there is one.
#[derive(Debug, Clone)]
pub struct RawUpdateFile {
    /// The file name without `.md`: the update's stable id.
    pub id: String,
    pub path: PathBuf,
    pub front: RawUpdateFront,
    pub body: String,
    pub body_line: u64,
    pub en: Option<RawMarkdown>,
    /// The front matter the English twin repeats, if it has one (it must
    /// then be the same as the original's; validation compares them).
    pub en_front: Option<RawUpdateFront>,
}

/// Files under `content/files/` (evidence), relative to it. Links may not
/// lead outside the content folder.
fn list_files(root: &Root, diags: &mut Diagnostics) -> Vec<String> {
    let dir = root.join("files");
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        if !root.holds(path) {
            diags.push(Diagnostic::file(
                path,
                "symbolic link points outside the content folder",
            ));
            continue;
        }
        if let Ok(rel) = path.strip_prefix(&dir) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    out
}

/// Parse one update (`id` is its file name without `.md`).
pub fn parse_update(path: &Path, id: &str, text: &str) -> Result<RawUpdateFile, Diagnostic> {
    let split = split_front_matter(path, text)?;
    let front = split.front.as_deref().ok_or_else(|| {
        Diagnostic::new(
            path,
            1,
            1,
            "an update starts with front matter (`---` … `---`)",
        )
        .with_help("run `gongkai new update --task N` for a ready-to-fill file")
    })?;
    Ok(RawUpdateFile {
        id: id.to_string(),
        path: path.to_path_buf(),
        front: yaml::parse(path, front)?,
        body: split.body.to_string(),
        body_line: split.body_line,
        en: None,
        en_front: None,
    })
}

/// Parse the English twin of an update: its text, and the front matter it
/// repeats, if any (an update's twin needs none).
pub fn parse_update_twin(
    path: &Path,
    text: &str,
) -> Result<(RawMarkdown, Option<RawUpdateFront>), Diagnostic> {
    let split = split_front_matter(path, text)?;
    let front = match &split.front {
        Some(f) => Some(yaml::parse(path, f).map_err(|d| {
            d.with_help(
                "an English twin holds only the translated text: delete its front matter \
                 (the Chinese original's is the record)",
            )
        })?),
        None => None,
    };
    let md = RawMarkdown {
        path: path.to_path_buf(),
        front: RawFrontMatter::default(),
        body: split.body.to_string(),
        body_line: split.body_line,
    };
    Ok((md, front))
}

/// A file of `updates/` as read: an update, or an English twin's text
/// (parsed once its original is known).
enum Read {
    Update(Box<RawUpdateFile>),
    Twin(Box<Result<Twin, Diagnostic>>),
}

/// An update's English twin as parsed: its body and front matter.
type Twin = (RawMarkdown, Option<RawUpdateFront>);

/// Every update under `content/updates/` (any depth), sorted by path. An
/// English twin is read once its original is: when the original has an
/// error, that error is the one reported, not a second one on the twin.
fn load_updates(root: &Root, diags: &mut Diagnostics) -> Vec<RawUpdateFile> {
    let dir = root.join("updates");
    let mut zh: Vec<RawUpdateFile> = Vec::new();
    let mut failed = std::collections::BTreeSet::new();
    let mut twins: std::collections::BTreeMap<PathBuf, (PathBuf, Result<Twin, Diagnostic>)> =
        Default::default();
    let entries: Vec<walkdir::DirEntry> = walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .collect();
    let found: Vec<_> = (entries.iter())
        .filter_map(|e| markdown_entry(e, diags))
        .collect();
    // Thousands of small files: read and parsed on every core (each text
    // dropped once parsed), then taken in order.
    let read: Vec<Result<Read, Diagnostic>> = found
        .par_iter()
        .map(|&(path, stem, twin)| {
            if twin {
                let twin = read_parsed(root, path, |t| parse_update_twin(path, t));
                return twin.map(|t| Read::Twin(Box::new(t)));
            }
            read_parsed(root, path, |t| parse_update(path, stem, t))?
                .map(|u| Read::Update(Box::new(u)))
        })
        .collect();
    for (&(path, stem, twin), r) in found.iter().zip(read) {
        match r {
            Ok(Read::Update(u)) => zh.push(*u),
            Ok(Read::Twin(parsed)) => {
                let original = path.with_file_name(format!("{stem}.md"));
                twins.insert(original, (path.to_path_buf(), *parsed));
            }
            Err(d) => {
                diags.push(d);
                if !twin {
                    failed.insert(path.to_path_buf());
                }
            }
        }
    }
    for u in &mut zh {
        if let Some((_, parsed)) = twins.remove(&u.path) {
            match parsed {
                Ok((md, front)) => {
                    u.en = Some(md);
                    u.en_front = front;
                }
                Err(d) => diags.push(d),
            }
        }
    }
    for (original, (path, _)) in twins {
        if !failed.contains(&original) {
            diags.push(orphan_twin(&path, &original));
        }
    }
    zh
}

/// Markdown files of a folder, paired by language: `x.md` (zh) and
/// `x.en.md`. A twin whose original failed to parse is left out quietly
/// (the original's error is the one to fix); one without an original is an
/// error.
fn load_markdown_dir(
    root: &Root,
    dir: &Path,
    diags: &mut Diagnostics,
) -> Vec<(String, RawBilingualMarkdown)> {
    let mut out: std::collections::BTreeMap<String, RawBilingualMarkdown> = Default::default();
    let mut failed = std::collections::BTreeSet::new();
    let mut twins = Vec::new();
    if !dir.is_dir() {
        return Vec::new();
    }
    for entry in walkdir::WalkDir::new(dir).max_depth(1).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        let Some((path, slug, en)) = markdown_entry(&entry, diags) else {
            continue;
        };
        match read_parsed(root, path, |t| parse_markdown(path, t)).and_then(|md| md) {
            Ok(md) if en => twins.push((slug.to_string(), md)),
            Ok(md) => out.entry(slug.to_string()).or_default().zh = Some(md),
            Err(d) => {
                diags.push(d);
                if !en {
                    failed.insert(slug.to_string());
                }
            }
        }
    }
    for (slug, md) in twins {
        match out.get_mut(&slug) {
            Some(slot) => slot.en = Some(md),
            None if failed.contains(&slug) => {}
            None => {
                let original = md.path.with_file_name(format!("{slug}.md"));
                diags.push(orphan_twin(&md.path, &original));
            }
        }
    }
    out.into_iter().collect()
}

/// What `load` reads beside the plan's files, on a core of its own.
struct Rest {
    pages: Vec<(String, RawBilingualMarkdown)>,
    updates: Vec<RawUpdateFile>,
    files: Vec<String>,
    water: Option<(PathBuf, RawWater)>,
    duties: Option<(PathBuf, Vec<RawDuty>)>,
    indicator_values: Option<(PathBuf, RawIndicatorValues)>,
    notes: Vec<((String, String), RawBilingualMarkdown)>,
}

/// Load the whole content folder.
pub fn load(root: &Path) -> (RawSite, Diagnostics) {
    let root = &Root::new(root);
    let mut d = Diagnostics::default();
    let p = |rel: &str| root.join(rel);
    let paths = Paths {
        config: p("config.yaml"),
        document: p("plan/document.yaml"),
        chapters: p("plan/chapters.yaml"),
        indicators: p("plan/indicators.yaml"),
        tasks: p("plan/tasks.yaml"),
        projects: p("plan/projects.yaml"),
        errata: p("plan/errata.yaml"),
        agencies: p("agencies.yaml"),
        rivers: p("rivers.yaml"),
        glossary: p("glossary.yaml"),
    };
    if !root.is_dir() {
        d.push(Diagnostic::file(&root.path, "content folder not found"));
        return (RawSite::default(), d);
    }
    // The plan's files (the task list is the largest: 17 MB at N=50,000)
    // and the rest (updates, pages, notes) are read side by side; their
    // diagnostics are put together in the same order as one after the other.
    let ((mut site, mut d), (more, more_d)) = rayon::join(
        || {
            let mut d = d;
            let mut site = RawSite {
                config: load_yaml(root, &paths.config, &mut d),
                document: load_yaml(root, &paths.document, &mut d),
                chapters: load_yaml_list(root, &paths.chapters, &mut d).unwrap_or_default(),
                indicators: load_yaml_list(root, &paths.indicators, &mut d).unwrap_or_default(),
                tasks: load_yaml_list(root, &paths.tasks, &mut d).unwrap_or_default(),
                projects: load_yaml(root, &paths.projects, &mut d),
                errata: if paths.errata.exists() {
                    load_yaml_list(root, &paths.errata, &mut d).unwrap_or_default()
                } else {
                    Vec::new()
                },
                agencies: load_yaml_list(root, &paths.agencies, &mut d).unwrap_or_default(),
                rivers: load_yaml_list(root, &paths.rivers, &mut d).unwrap_or_default(),
                glossary: if paths.glossary.exists() {
                    load_yaml_list(root, &paths.glossary, &mut d).unwrap_or_default()
                } else {
                    Vec::new()
                },
                ..Default::default()
            };
            let plan = root.join("plan");
            if let Ok(rd) = std::fs::read_dir(&plan) {
                let mut files: Vec<PathBuf> = rd
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| {
                        p.file_name()
                            .and_then(|n| n.to_str())
                            .is_some_and(|n| n.starts_with("key-tasks-") && n.ends_with(".yaml"))
                    })
                    .collect();
                files.sort();
                for f in files {
                    if let Some(list) = load_yaml::<RawKeyTaskList>(root, &f, &mut d) {
                        site.key_task_lists.push((f, list));
                    }
                }
            }
            (site, d)
        },
        || {
            let mut d = Diagnostics::default();
            let optional = |rel: &str| Some(root.join(rel)).filter(|p| p.exists());
            // Read in the order of the fields, as the diagnostics are.
            let rest = Rest {
                pages: load_markdown_dir(root, &root.join("pages"), &mut d),
                updates: load_updates(root, &mut d),
                files: list_files(root, &mut d),
                water: optional("water/disclosure.yaml")
                    .and_then(|p| load_yaml(root, &p, &mut d).map(|v| (p, v))),
                duties: optional("duties.yaml")
                    .and_then(|p| load_yaml(root, &p, &mut d).map(|v| (p, v))),
                indicator_values: optional("indicators/values.yaml")
                    .and_then(|p| load_yaml(root, &p, &mut d).map(|v| (p, v))),
                notes: ["tasks", "agencies", "rivers"]
                    .into_iter()
                    .flat_map(|kind| {
                        load_markdown_dir(root, &root.join("notes").join(kind), &mut d)
                            .into_iter()
                            .map(move |(id, md)| ((kind.to_string(), id), md))
                    })
                    .collect(),
            };
            (rest, d)
        },
    );
    d.extend(more_d.into_vec());
    // Every field named: one added to `Rest` does not compile until it is
    // put into the site.
    let Rest {
        pages,
        updates,
        files,
        water,
        duties,
        indicator_values,
        notes,
    } = more;
    site.pages = pages;
    site.updates = updates;
    site.files = files;
    site.water = water;
    site.duties = duties;
    site.indicator_values = indicator_values;
    site.notes = notes;
    site.paths = paths;
    (site, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_and_parsed() {
        let md = parse_markdown(Path::new("a.md"), "---\ntitle: 关于\n---\n# Hi\n").unwrap();
        assert_eq!(md.front.title.as_deref(), Some("关于"));
        assert_eq!(md.body, "# Hi\n");
    }

    #[test]
    fn front_matter_errors_keep_real_line_numbers() {
        let d = parse_markdown(Path::new("a.md"), "---\ntitle: a\ntitel: b\n---\nx").unwrap_err();
        assert_eq!(d.line, 3, "{d}");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        assert!(parse_markdown(Path::new("a.md"), "---\ntitle: a\n").is_err());
    }
}
