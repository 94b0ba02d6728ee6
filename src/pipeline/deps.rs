//! The dependency model's numbers: one hash per input item and one digest
//! per kind of input (`InputHashes`), computed once per build from the
//! validated model, the theme as read and the build's switches; and the
//! fingerprint of a page, made from the hashes of what it declares it reads
//! (see `views::family::Reads`).
//!
//! The rule every input follows: a value a page can show is hashed under
//! exactly one `Input` kind. Kinds whose pages are often about one item
//! (tasks, indicators, projects, key tasks, agencies, rivers, the updates and
//! the history of a subject, an indicator's values, notes) also hash each
//! item on its own, by its id (see `views::family::Reads`). `InputHashes::of`
//! takes `Site` apart field by field, so a field added to the model does not
//! compile until it is given
//! a kind here; an `Input` variant added to `views::family` does not compile
//! until `kind_digest` hashes it (a kind that cannot be hashed may return
//! [`InputHashes::ALWAYS`], which no two builds share: its pages are made
//! every time).

use crate::model::{Lang, Plan, Site, Subject};
use crate::views::{Family, Input, Mode, Reads};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use xxhash_rust::xxh3::Xxh3;

/// Bumped whenever what a fingerprint covers changes meaning.
pub const SCHEMA: u32 = 1;

/// A streaming hash that values are written into through their `Debug`
/// form (which is deterministic for the model: it holds no hash maps).
pub struct Hasher(Xxh3);

impl Hasher {
    pub fn new() -> Hasher {
        Hasher(Xxh3::new())
    }

    pub fn bytes(&mut self, b: &[u8]) -> &mut Self {
        self.0.update(&(b.len() as u64).to_le_bytes());
        self.0.update(b);
        self
    }

    pub fn str(&mut self, s: &str) -> &mut Self {
        self.bytes(s.as_bytes())
    }

    pub fn u128(&mut self, v: u128) -> &mut Self {
        self.0.update(&v.to_le_bytes());
        self
    }

    pub fn debug(&mut self, v: &impl std::fmt::Debug) -> &mut Self {
        let _ = write!(self, "{v:?}");
        self.0.update(&[0xff]);
        self
    }

    pub fn finish(&self) -> u128 {
        self.0.digest128()
    }
}

impl Default for Hasher {
    fn default() -> Self {
        Hasher::new()
    }
}

impl std::fmt::Write for Hasher {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.update(s.as_bytes());
        Ok(())
    }
}

fn hash_debug(v: &impl std::fmt::Debug) -> u128 {
    Hasher::new().debug(v).finish()
}

/// Every input's hash for one build.
pub struct InputHashes {
    /// Per kind: the digest of all of it.
    kinds: HashMap<Input, u128>,
    /// Each template's bytes, by name.
    templates: BTreeMap<String, u128>,
    /// Per itemized kind: item id → hash.
    index: HashMap<Input, HashMap<String, u128>>,
}

/// What the theme contributes: each template's bytes by name, and the
/// interface strings.
pub struct ThemeHashes {
    pub templates: BTreeMap<String, u128>,
    pub strings: u128,
}

impl ThemeHashes {
    pub fn of(raw: &crate::load::theme::RawTheme) -> ThemeHashes {
        ThemeHashes {
            templates: raw
                .templates
                .iter()
                .map(|t| (t.name.clone(), Hasher::new().str(&t.text).finish()))
                .collect(),
            strings: hash_debug(&raw.strings),
        }
    }
}

impl InputHashes {
    /// A digest no other build has: pages that read it are always made.
    pub const ALWAYS: u128 = u128::MAX;
    /// The hash of an item that does not exist.
    const ABSENT: u128 = 1;

    pub fn of(site: &Site, theme: &ThemeHashes, mode: &Mode, base_url: &str) -> InputHashes {
        let Site {
            config,
            document,
            titles,
            // Hashed item by item in `item_hashes`.
            plan:
                Plan {
                    chapters,
                    indicators: _,
                    tasks: _,
                    projects: _,
                    stated_total,
                    key_task_lists: _,
                },
            agencies: _,
            rivers: _,
            errata,
            pages,
            glossary,
            updates,
            indicator_directions,
            indicator_values,
            water_sources,
            schedules,
            publications,
            files,
            notes: _,
            history,
            duties,
        } = site;
        let items = item_hashes(site);
        let mut kinds = HashMap::new();
        for (kind, list) in &items {
            let mut h = Hasher::new();
            for (id, v) in list {
                h.str(id).u128(*v);
            }
            kinds.insert(*kind, h.finish());
        }
        // Whole updates beside their per-subject hashes: an update's order
        // and its other fields (ids, dates) show in lists and feeds.
        kinds.insert(Input::Updates, hash_debug(updates));
        kinds.insert(Input::IndicatorValues, {
            Hasher::new()
                .debug(indicator_directions)
                .debug(indicator_values)
                .finish()
        });
        let whole = |v: &dyn std::fmt::Debug| Hasher::new().debug(&v).finish();
        kinds.insert(
            Input::Config,
            Hasher::new()
                .debug(config)
                .str(base_url)
                .debug(stated_total)
                .debug(files)
                .finish(),
        );
        kinds.insert(
            Input::Mode,
            Hasher::new()
                .debug(&(
                    mode.features.search,
                    mode.features.feeds,
                    mode.features.data,
                ))
                .debug(&mode.snapshot)
                .finish(),
        );
        kinds.insert(Input::Document, whole(document));
        kinds.insert(Input::Titles, whole(titles));
        kinds.insert(Input::Chapters, whole(chapters));
        kinds.insert(Input::Errata, whole(errata));
        kinds.insert(Input::Glossary, whole(glossary));
        kinds.insert(Input::Pages, whole(pages));
        kinds.insert(Input::Duties, whole(duties));
        // The history changes with each commit, not with an edit in serve;
        // a commit touches few items (`by_history`), the whole of it only
        // `/changes/` and its feed.
        kinds.insert(Input::History, whole(&**history));
        kinds.insert(Input::Source, Hasher::new().str(&mode.source_text).finish());
        kinds.insert(
            Input::Water,
            Hasher::new()
                .debug(water_sources)
                .debug(schedules)
                .debug(publications)
                .finish(),
        );
        let mut archives = Hasher::new();
        for a in &mode.archives {
            archives
                .debug(&(a.year, &a.as_of, a.tasks, a.updates, a.pages))
                .str(&a.manifest_hash)
                .debug(&a.paths);
        }
        kinds.insert(Input::Archives, archives.finish());
        kinds.insert(Input::Strings, theme.strings);
        let index = items
            .into_iter()
            .map(|(k, list)| (k, list.into_iter().collect()))
            .collect();
        InputHashes {
            kinds,
            templates: theme.templates.clone(),
            index,
        }
    }

    /// The digest of a whole kind.
    pub fn kind(&self, input: Input) -> u128 {
        match input {
            // A template the theme lacks renders nothing; its absence is its value.
            Input::Template(name) => self.templates.get(name).copied().unwrap_or(Self::ABSENT),
            _ => self.kinds.get(&input).copied().unwrap_or(Self::ALWAYS),
        }
    }

    /// The hash of one item of a kind (an item that does not exist has a
    /// hash of its own; a kind without items answers its whole digest).
    pub fn item(&self, input: Input, id: &str) -> u128 {
        match self.index.get(&input) {
            Some(items) => items.get(id).copied().unwrap_or(Self::ABSENT),
            None => self.kind(input),
        }
    }

    /// Every kind's digest but the theme's: what the open data is made from.
    pub fn content(&self) -> u128 {
        let mut all: Vec<(String, u128)> = self
            .kinds
            .iter()
            .filter(|(k, _)| !matches!(k, Input::Strings))
            .map(|(k, v)| (format!("{k:?}"), *v))
            .collect();
        all.sort();
        let mut h = Hasher::new();
        for (k, v) in all {
            h.str(&k).u128(v);
        }
        h.finish()
    }

    /// The fingerprint of one page of `family` in `lang`: every input the
    /// family reads (the frame's included), each kind narrowed to the items
    /// `reads` names where it names some, else the kind's digest; with the
    /// page's key and anything else `reads` adds.
    pub fn page(&self, family: &Family, lang: Lang, key: &str, reads: Option<&Reads>) -> u128 {
        let mut h = Hasher::new();
        h.u128(SCHEMA as u128)
            .str(family.name)
            .str(lang.code())
            .str(key);
        let mut inputs = family.inputs();
        if let Some(r) = reads {
            // A kind a page names items of is read even where the family forgot it.
            inputs.extend(r.items.iter().map(|(k, _)| *k));
        }
        for input in inputs {
            h.debug(&input);
            let only = reads.and_then(|r| r.items.iter().find(|(k, _)| *k == input));
            match only {
                Some((_, ids)) => {
                    for id in ids {
                        h.str(id).u128(self.item(input, id));
                    }
                }
                None => {
                    let d = self.kind(input);
                    if d == Self::ALWAYS {
                        return Self::ALWAYS;
                    }
                    h.u128(d);
                }
            }
        }
        if let Some(r) = reads {
            h.str(&r.salt);
        }
        h.finish()
    }
}

/// Every itemized kind's hash per item (task 8, agency `water` …), so a
/// page that names its items is remade only when one of them changes.
fn item_hashes(site: &Site) -> HashMap<Input, Vec<(String, u128)>> {
    let mut items: HashMap<Input, Vec<(String, u128)>> = HashMap::new();
    let mut put = |kind: Input, list: Vec<(String, u128)>| {
        items.insert(kind, list);
    };
    put(
        Input::Tasks,
        site.plan
            .tasks
            .iter()
            .map(|t| (t.number.to_string(), hash_debug(t)))
            .collect(),
    );
    put(
        Input::Indicators,
        site.plan
            .indicators
            .iter()
            .map(|i| (i.number.to_string(), hash_debug(i)))
            .collect(),
    );
    put(
        Input::Projects,
        site.plan
            .projects
            .iter()
            .map(|p| (p.number.to_string(), hash_debug(p)))
            .collect(),
    );
    put(
        Input::KeyTasks,
        site.plan
            .key_task_lists
            .iter()
            .flat_map(|l| {
                let list = Hasher::new().debug(&l.year).debug(&l.title).finish();
                l.items.iter().map(move |k| {
                    let h = Hasher::new().u128(list).debug(k).finish();
                    (format!("{}/{}", l.year, k.number), h)
                })
            })
            .collect(),
    );
    put(
        Input::Agencies,
        site.agencies
            .iter()
            .map(|a| (a.id.clone(), hash_debug(a)))
            .collect(),
    );
    put(
        Input::Rivers,
        site.rivers
            .iter()
            .map(|r| (r.id.clone(), hash_debug(r)))
            .collect(),
    );
    put(Input::Updates, by_subject(&site.updates));
    put(
        Input::IndicatorValues,
        site.plan
            .indicators
            .iter()
            .map(|i| {
                let mut h = Hasher::new();
                h.debug(&site.indicator_directions.get(&i.number));
                for v in site
                    .indicator_values
                    .iter()
                    .filter(|v| v.indicator == i.number)
                {
                    h.debug(v);
                }
                (i.number.to_string(), h.finish())
            })
            .collect(),
    );
    put(
        Input::Notes,
        site.notes
            .iter()
            .map(|((k, id), n)| (format!("{k}/{id}"), hash_debug(n)))
            .collect(),
    );
    put(Input::History, by_history(site));
    items
}

/// The updates of each subject, hashed together in their order, by the
/// subject's path (`tasks/8/`).
fn by_subject(updates: &[crate::model::Update]) -> Vec<(String, u128)> {
    let mut per: BTreeMap<String, Hasher> = BTreeMap::new();
    for u in updates {
        for s in &u.subjects {
            per.entry(s.path()).or_default().debug(u);
        }
    }
    per.into_iter().map(|(k, h)| (k, h.finish())).collect()
}

/// Each subject's history (its changes, and whether the build could read
/// any: an item page says which), by the subject's path (`tasks/8/`).
fn by_history(site: &Site) -> Vec<(String, u128)> {
    let h = &site.history;
    let key_tasks = site
        .plan
        .key_task_lists
        .iter()
        .flat_map(|l| l.items.iter().map(|k| Subject::KeyTask(l.year, k.number)));
    (site.plan.tasks.iter().map(|t| Subject::Task(t.number)))
        .chain(
            site.plan
                .indicators
                .iter()
                .map(|i| Subject::Indicator(i.number)),
        )
        .chain(
            site.plan
                .projects
                .iter()
                .map(|p| Subject::Project(p.number)),
        )
        .chain(key_tasks)
        .map(|s| {
            let mut hash = Hasher::new();
            hash.debug(&h.available);
            for c in h.of(s) {
                hash.debug(c);
            }
            (s.path(), hash.finish())
        })
        .collect()
}
