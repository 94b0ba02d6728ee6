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
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::Hash;
use xxhash_rust::xxh3::Xxh3;

/// Bumped whenever what a fingerprint covers changes meaning.
pub const SCHEMA: u32 = 2;

/// A streaming hash that values are written into through their `Hash`
/// form (`value`), which is deterministic for the model: it holds no hash
/// maps (`HashMap` has no `Hash`, so one added to the model does not
/// compile here).
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

    /// A value, field by field (std's `Hash`: each string with its end
    /// marked, each list with its length, so no two values run together).
    pub fn value(&mut self, v: &impl Hash) -> &mut Self {
        v.hash(self);
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

impl std::hash::Hasher for Hasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    fn finish(&self) -> u64 {
        self.0.digest128() as u64
    }
}

fn hash_of(v: &impl Hash) -> u128 {
    Hasher::new().value(v).finish()
}

/// Every input's hash for one build.
pub struct InputHashes {
    /// Per kind: the digest of all of it.
    kinds: HashMap<Input, u128>,
    /// Each template's bytes, by name.
    templates: BTreeMap<String, u128>,
    /// Per itemized kind: item id → hash. Hashed with foldhash, like the
    /// families: every page's fingerprint looks up its items and family.
    index: foldhash::HashMap<Input, foldhash::HashMap<String, u128>>,
    /// Per page family (by name): every input it reads, in order, with
    /// the input's whole digest (see `page`).
    families: foldhash::HashMap<&'static str, Vec<(Input, u128)>>,
    /// Every kind's digest and every template's, as one (see `whole`).
    whole: u128,
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
            strings: hash_of(&raw.strings),
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
        let (all_updates, updates_by_subject) = by_subject(updates);
        let items = item_hashes(site, updates_by_subject);
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
        kinds.insert(Input::Updates, all_updates);
        kinds.insert(Input::IndicatorValues, {
            Hasher::new()
                .value(indicator_directions)
                .value(indicator_values)
                .finish()
        });
        kinds.insert(
            Input::Config,
            Hasher::new()
                .value(config)
                .str(base_url)
                .value(stated_total)
                .value(files)
                .finish(),
        );
        kinds.insert(
            Input::Mode,
            Hasher::new()
                .value(&(
                    mode.features.search,
                    mode.features.feeds,
                    mode.features.data,
                ))
                .value(&mode.snapshot)
                .finish(),
        );
        kinds.insert(Input::Document, hash_of(document));
        kinds.insert(Input::Titles, hash_of(titles));
        kinds.insert(Input::Chapters, hash_of(chapters));
        kinds.insert(Input::Errata, hash_of(errata));
        kinds.insert(Input::Glossary, hash_of(glossary));
        kinds.insert(Input::Pages, hash_of(pages));
        kinds.insert(Input::Duties, hash_of(duties));
        // The history changes with each commit, not with an edit in serve;
        // a commit touches few items (`by_history`), the whole of it only
        // `/changes/` and its feed.
        kinds.insert(Input::History, hash_of(&**history));
        kinds.insert(Input::Source, Hasher::new().str(&mode.source_text).finish());
        kinds.insert(
            Input::Water,
            Hasher::new()
                .value(water_sources)
                .value(schedules)
                .value(publications)
                .finish(),
        );
        let mut archives = Hasher::new();
        for a in &mode.archives {
            archives
                .value(&(a.year, &a.as_of, a.tasks, a.updates, a.pages))
                .str(&a.manifest_hash)
                .value(&a.paths);
        }
        kinds.insert(Input::Archives, archives.finish());
        kinds.insert(Input::Strings, theme.strings);
        let index = items
            .into_iter()
            .map(|(k, list)| (k, list.into_iter().collect()))
            .collect();
        let whole = whole(&kinds, &theme.templates);
        let mut hashes = InputHashes {
            kinds,
            templates: theme.templates.clone(),
            index,
            families: Default::default(),
            whole,
        };
        hashes.families = (crate::views::FAMILIES.iter())
            .map(|f| (f.name, hashes.digests(f.inputs())))
            .collect();
        hashes
    }

    /// A digest of every input: of each kind's digest (an itemized kind's
    /// is made from its items') and each template's. A page's fingerprint
    /// is made from these, its family and what its view declares it reads,
    /// all worked out from the site by this binary: two builds by one
    /// binary with one `whole` give every page the same fingerprint
    /// (`publish::Publisher::keep_unchanged`). `ALWAYS` if a kind is.
    pub fn whole(&self) -> u128 {
        self.whole
    }

    /// Each of `inputs` with its whole digest, in order.
    fn digests(&self, inputs: BTreeSet<Input>) -> Vec<(Input, u128)> {
        inputs.into_iter().map(|i| (i, self.kind(i))).collect()
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
    pub fn page(&self, family: &Family, lang: Lang, reads: &Reads) -> u128 {
        let mut h = Hasher::new();
        h.u128(SCHEMA as u128)
            .str(family.name)
            .str(lang.code())
            .str(&reads.key);
        // The family's inputs with their digests, made once per build (a
        // family `of` did not know, as in tests, is worked out here).
        let own;
        let base: &[(Input, u128)] = match self.families.get(family.name) {
            Some(known) => known,
            None => {
                own = self.digests(family.inputs());
                &own
            }
        };
        // A kind a page names items of is read even where the family forgot it.
        let forgot = |k: &Input| base.binary_search_by(|(i, _)| i.cmp(k)).is_err();
        let merged;
        let inputs = if reads.items.iter().any(|(k, _)| forgot(k)) {
            let mut all: BTreeSet<Input> = base.iter().map(|(i, _)| *i).collect();
            all.extend(reads.items.iter().map(|(k, _)| *k));
            merged = self.digests(all);
            &merged[..]
        } else {
            base
        };
        for &(input, digest) in inputs {
            h.value(&input);
            let only = reads.items.iter().find(|(k, _)| *k == input);
            match only {
                Some((_, ids)) => {
                    for id in ids {
                        h.str(id).u128(self.item(input, id));
                    }
                }
                None => {
                    if digest == Self::ALWAYS {
                        return Self::ALWAYS;
                    }
                    h.u128(digest);
                }
            }
        }
        h.str(&reads.salt);
        h.finish()
    }
}

/// See `InputHashes::whole`.
fn whole(kinds: &HashMap<Input, u128>, templates: &BTreeMap<String, u128>) -> u128 {
    let mut all: Vec<(&Input, &u128)> = kinds.iter().collect();
    all.sort();
    if all.iter().any(|(_, d)| **d == InputHashes::ALWAYS) {
        return InputHashes::ALWAYS;
    }
    let mut h = Hasher::new();
    h.u128(SCHEMA as u128);
    for (kind, &digest) in all {
        h.value(kind).u128(digest);
    }
    for (name, &digest) in templates {
        h.str(name).u128(digest);
    }
    h.finish()
}

/// Every itemized kind's hash per item (task 8, agency `water` …), so a
/// page that names its items is remade only when one of them changes.
fn item_hashes(
    site: &Site,
    updates_by_subject: Vec<(String, u128)>,
) -> HashMap<Input, Vec<(String, u128)>> {
    let mut items: HashMap<Input, Vec<(String, u128)>> = HashMap::new();
    let mut put = |kind: Input, list: Vec<(String, u128)>| {
        items.insert(kind, list);
    };
    put(
        Input::Tasks,
        site.plan
            .tasks
            .iter()
            .map(|t| (t.number.to_string(), hash_of(t)))
            .collect(),
    );
    put(
        Input::Indicators,
        site.plan
            .indicators
            .iter()
            .map(|i| (i.number.to_string(), hash_of(i)))
            .collect(),
    );
    put(
        Input::Projects,
        site.plan
            .projects
            .iter()
            .map(|p| (p.number.to_string(), hash_of(p)))
            .collect(),
    );
    put(
        Input::KeyTasks,
        site.plan
            .key_task_lists
            .iter()
            .flat_map(|l| {
                let list = Hasher::new().value(&l.year).value(&l.title).finish();
                l.items.iter().map(move |k| {
                    let h = Hasher::new().u128(list).value(k).finish();
                    (format!("{}/{}", l.year, k.number), h)
                })
            })
            .collect(),
    );
    put(
        Input::Agencies,
        site.agencies
            .iter()
            .map(|a| (a.id.clone(), hash_of(a)))
            .collect(),
    );
    put(
        Input::Rivers,
        site.rivers
            .iter()
            .map(|r| (r.id.clone(), hash_of(r)))
            .collect(),
    );
    put(Input::Updates, updates_by_subject);
    put(
        Input::IndicatorValues,
        site.plan
            .indicators
            .iter()
            .map(|i| {
                let mut h = Hasher::new();
                h.value(&site.indicator_directions.get(&i.number));
                for v in site
                    .indicator_values
                    .iter()
                    .filter(|v| v.indicator == i.number)
                {
                    h.value(v);
                }
                (i.number.to_string(), h.finish())
            })
            .collect(),
    );
    put(
        Input::Notes,
        site.notes
            .iter()
            .map(|((k, id), n)| (format!("{k}/{id}"), hash_of(n)))
            .collect(),
    );
    put(Input::History, by_history(site));
    items
}

/// The updates, each hashed once: all of them in their order, and those
/// of each subject by the subject's path (`tasks/8/`).
fn by_subject(updates: &[crate::model::Update]) -> (u128, Vec<(String, u128)>) {
    let mut all = Hasher::new();
    let mut per: BTreeMap<String, Hasher> = BTreeMap::new();
    for u in updates {
        let h = hash_of(u);
        all.u128(h);
        for s in &u.subjects {
            per.entry(s.path()).or_default().u128(h);
        }
    }
    let per = per.into_iter().map(|(k, h)| (k, h.finish())).collect();
    (all.finish(), per)
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
            hash.value(&h.available);
            for c in h.of(s) {
                hash.value(c);
            }
            (s.path(), hash.finish())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::FAMILIES;

    /// A page's fingerprint as `page` made it before the families' inputs
    /// were worked out once per build.
    fn as_before(h: &InputHashes, family: &Family, lang: Lang, reads: &Reads) -> u128 {
        let mut x = Hasher::new();
        x.u128(SCHEMA as u128)
            .str(family.name)
            .str(lang.code())
            .str(&reads.key);
        let mut inputs = family.inputs();
        inputs.extend(reads.items.iter().map(|(k, _)| *k));
        for input in inputs {
            x.value(&input);
            match reads.items.iter().find(|(k, _)| *k == input) {
                Some((_, ids)) => {
                    for id in ids {
                        x.str(id).u128(h.item(input, id));
                    }
                }
                None => {
                    let d = h.kind(input);
                    if d == InputHashes::ALWAYS {
                        return InputHashes::ALWAYS;
                    }
                    x.u128(d);
                }
            }
        }
        x.str(&reads.salt);
        x.finish()
    }

    #[test]
    fn a_page_is_fingerprinted_from_its_familys_inputs_as_before() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        let (raw, diags) = crate::load::load(&dir);
        let Ok((site, _)) = crate::validate::validate(raw, diags) else {
            panic!("the fixture is valid");
        };
        let theme = ThemeHashes {
            templates: [("task.html", 7), ("base.html", 8)]
                .into_iter()
                .map(|(n, h)| (n.to_string(), h))
                .collect(),
            strings: 9,
        };
        let hashes = InputHashes::of(&site, &theme, &Mode::default(), "https://x.example/");
        let names: BTreeSet<&str> = FAMILIES.iter().map(|f| f.name).collect();
        assert_eq!(names.len(), FAMILIES.len(), "family names are its keys");
        let reads = [
            Reads::page("x/"),
            Reads::subject_page(Subject::Task(1)).salt("n"),
            // Kinds no family reads whole, named by item.
            Reads::page("y/").subjects([Subject::Project(1), Subject::KeyTask(2022, 1)]),
            Reads::page("z/")
                .only(Input::Glossary, ["a"])
                .showing_only([]),
        ];
        let mut seen = BTreeSet::new();
        for family in FAMILIES {
            for r in &reads {
                for lang in Lang::ALL {
                    let now = hashes.page(family, lang, r);
                    assert_eq!(
                        now,
                        as_before(&hashes, family, lang, r),
                        "{} {r:?}",
                        family.name
                    );
                    seen.insert(now);
                }
            }
        }
        assert!(
            seen.len() > FAMILIES.len(),
            "fingerprints differ by family and page"
        );
    }
}
