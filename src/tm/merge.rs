//! Merging translation memories: identical units once (the newest kept),
//! conflicting translations of the same source reported, each named with
//! its file. The result's header is the first file's: its attributes
//! (`datatype`, `o-encoding`, `creationid`…) kept but for the tool that
//! created the result, its source language and date; every file's notes,
//! props and `ude`s once.
//!
//! Two units are identical when they have the same segments (inline
//! elements included) in the same languages. Of identical units the one
//! with the latest `changedate` (else `creationdate`) is kept, with its
//! props and notes; on a tie, the first read. Units that share a source
//! segment but translate it differently are all kept (a memory may
//! rightly hold two translations for two contexts) and reported as
//! conflicts, for a reviewer to decide.
//!
//! ```
//! use tmkit::tm::{Header, Unit, Variant, merge::Merger};
//! let unit = |id: &str, en: &str, date: &str| {
//!     let mut u = Unit::new(id);
//!     u.set_attribute("changedate", date);
//!     u.variants.push(Variant::plain("fr-FR", "Oui."));
//!     u.variants.push(Variant::plain("en-GB", en));
//!     u
//! };
//! let mut m = Merger::default();
//! let header = Header::tmkit("fr-FR", Some("20250101T000000Z"));
//! m.add_file("ours.tmx", &header);
//! m.add(unit("a", "Yes.", "20240101T000000Z"), &header);
//! m.add(unit("b", "Yes.", "20250101T000000Z"), &header);
//! m.add(unit("c", "Indeed.", "20230101T000000Z"), &header);
//! let merged = m.finish("fr-FR", "20250101T000000Z");
//! assert_eq!(merged.duplicates, 1);
//! assert_eq!(merged.units.iter().map(|u| u.tuid().unwrap()).collect::<Vec<_>>(), ["b", "c"]);
//! assert_eq!(merged.conflicts.len(), 1);
//! assert_eq!(merged.conflicts[0].translations[0].0, "ours.tmx: b");
//! ```

use std::collections::HashMap;

use super::{Annotation, Attributes, Element, Header, Inline, Unit};
use crate::language::primary;

/// Translations of one source segment that differ.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TranslationConflict {
    /// The source language.
    pub lang: String,
    /// The source text.
    pub source: String,
    /// Each unit's file and `tuid` (or its position: `file: unit 3`) and
    /// its target texts (`lang: text`, joined by ` | `).
    pub translations: Vec<(String, String)>,
}

/// The result of a merge.
#[derive(Clone, Debug, Default)]
pub struct MergedMemory {
    /// The merged header: tmkit's, with every input header's notes, props
    /// and `ude`s (each once).
    pub header: Header,
    /// The units, in the order first seen.
    pub units: Vec<Unit>,
    /// Units read.
    pub read: u64,
    /// Identical units dropped.
    pub duplicates: u64,
    /// Same source, different translations.
    pub conflicts: Vec<TranslationConflict>,
}

/// What makes two units identical: their segments by language, borrowed.
type Key<'a> = Vec<(String, &'a [Inline])>;

fn key(unit: &Unit) -> Key<'_> {
    let mut key: Key = unit
        .variants
        .iter()
        .map(|v| (v.lang().to_ascii_lowercase(), v.seg.as_slice()))
        .collect();
    key.sort_by(|a, b| a.0.cmp(&b.0));
    key
}

/// A hash of `value`: the indexes hold hashes and unit numbers, not
/// copies of the segments, so that a merge holds each distinct unit once.
fn hash_of(value: &impl std::hash::Hash) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one(value)
}

/// Unit numbers by a hash, in the order added: the first of each hash in
/// one map, the rare others (a hash collision, a group of units sharing a
/// source) apart, so that a hash costs no list of its own.
#[derive(Default)]
struct ByHash {
    first: HashMap<u64, usize>,
    more: HashMap<u64, Vec<usize>>,
}

impl ByHash {
    /// Adds unit `i` under `hash`; whether it is the first there.
    fn insert(&mut self, hash: u64, i: usize) -> bool {
        match self.first.entry(hash) {
            std::collections::hash_map::Entry::Vacant(entry) => {
                entry.insert(i);
                true
            }
            std::collections::hash_map::Entry::Occupied(_) => {
                self.more.entry(hash).or_default().push(i);
                false
            }
        }
    }

    /// The units under `hash`, in the order added.
    fn get(&self, hash: u64) -> impl Iterator<Item = usize> + '_ {
        let more = self.more.get(&hash).into_iter().flatten();
        self.first.get(&hash).into_iter().chain(more).copied()
    }
}

/// Merges units from several memories, one unit at a time.
#[derive(Default)]
pub struct Merger {
    units: Vec<Unit>,
    /// Each unit's source language, an index into `languages`.
    sources: Vec<u32>,
    languages: Vec<String>,
    /// Each unit's file, an index into `files`.
    origins: Vec<usize>,
    files: Vec<String>,
    first_attributes: Option<Attributes>,
    /// The units by the hash of their [`key`].
    index: ByHash,
    read: u64,
    duplicates: u64,
    annotations: Vec<Annotation>,
    udes: Vec<Element>,
}

impl Merger {
    /// Starts the units of the file `origin` (which names them in
    /// conflicts), whose header this is: the first file's attributes and
    /// every file's notes, props and `ude`s go into the result's header.
    pub fn add_file(&mut self, origin: &str, header: &Header) {
        self.files.push(origin.to_string());
        if self.first_attributes.is_none() {
            self.first_attributes = Some(header.attributes.clone());
        }
        self.add_header(header);
    }

    /// Takes an input's header notes, props and `ude`s into the result.
    pub fn add_header(&mut self, header: &Header) {
        for a in &header.annotations {
            if !self.annotations.contains(a) {
                self.annotations.push(a.clone());
            }
        }
        for u in &header.udes {
            if !self.udes.contains(u) {
                self.udes.push(u.clone());
            }
        }
    }

    /// Adds a unit read from a memory with `header` (whose `srclang` tells
    /// which variant is the source when the unit does not say).
    pub fn add(&mut self, mut unit: Unit, header: &Header) {
        self.read += 1;
        let srclang = unit
            .attribute("srclang")
            .or(header.srclang())
            .filter(|l| *l != "*all*")
            .or_else(|| unit.variants.first().map(|v| v.lang()))
            .unwrap_or_default();
        // Few languages, many units: each unit holds its language's number.
        let srclang = match self.languages.iter().position(|l| l == srclang) {
            Some(l) => l as u32,
            None => {
                self.languages.push(srclang.to_string());
                self.languages.len() as u32 - 1
            }
        };
        let (hash, found) = {
            let key = key(&unit);
            let hash = hash_of(&key);
            let found = self
                .index
                .get(hash)
                .find(|&i| super::merge::key(&self.units[i]) == key);
            (hash, found)
        };
        match found {
            Some(i) => {
                self.duplicates += 1;
                if unit.last_date() > self.units[i].last_date() {
                    unit.shrink_to_fit();
                    self.units[i] = unit;
                    self.sources[i] = srclang;
                    self.origins[i] = self.files.len().saturating_sub(1);
                }
            }
            None => {
                self.index.insert(hash, self.units.len());
                unit.shrink_to_fit();
                self.units.push(unit);
                self.sources.push(srclang);
                self.origins.push(self.files.len().saturating_sub(1));
            }
        }
    }

    /// The merged memory, with a tmkit header for `srclang` dated `date`.
    pub fn finish(self, srclang: &str, date: &str) -> MergedMemory {
        let mut header = Header::tmkit(srclang, Some(date));
        // The first file's attributes describe the data; the tool, source
        // language and date are the result's own.
        for (name, value) in self.first_attributes.iter().flatten() {
            if !matches!(
                name.as_ref(),
                "creationtool" | "creationtoolversion" | "srclang" | "creationdate"
            ) {
                header.set_attribute(name, value);
            }
        }
        header.annotations = self.annotations;
        header.udes = self.udes;
        drop(self.index);
        // Units by the hash of their source (language and text), in the
        // order first seen; a group is split by the texts themselves only
        // when it has several units.
        let source_of = |i: usize| {
            let lang = &self.languages[self.sources[i] as usize];
            self.units[i]
                .variant(lang)
                .map(|source| (primary(lang).to_ascii_lowercase(), source.text()))
        };
        let mut by_source = ByHash::default();
        let mut order = Vec::new();
        for i in 0..self.units.len() {
            let Some(k) = source_of(i) else {
                continue;
            };
            let hash = hash_of(&k);
            if by_source.insert(hash, i) {
                order.push(hash);
            }
        }
        let mut groups: Vec<((String, String), Vec<usize>)> = Vec::new();
        for h in order {
            if !by_source.more.contains_key(&h) {
                continue;
            }
            let start = groups.len();
            for i in by_source.get(h) {
                let Some(k) = source_of(i) else { continue };
                match groups[start..].iter_mut().find(|(g, _)| *g == k) {
                    Some((_, members)) => members.push(i),
                    None => groups.push((k, vec![i])),
                }
            }
        }
        let mut conflicts = Vec::new();
        for (k, indices) in groups {
            if indices.len() < 2 {
                continue;
            }
            let translations: Vec<(String, String)> = indices
                .iter()
                .map(|&i| {
                    let unit = &self.units[i];
                    let lang = &self.languages[self.sources[i] as usize];
                    let targets: Vec<String> = unit
                        .variants
                        .iter()
                        .filter(|v| !primary(v.lang()).eq_ignore_ascii_case(primary(lang)))
                        .map(|v| format!("{}: {}", v.lang(), v.text()))
                        .collect();
                    let id = unit
                        .tuid()
                        .map_or_else(|| format!("unit {}", i + 1), str::to_string);
                    let id = match self.files.get(self.origins[i]) {
                        Some(file) => format!("{file}: {id}"),
                        None => id,
                    };
                    (id, targets.join(" | "))
                })
                .collect();
            let first = &translations[0].1;
            if translations.iter().any(|(_, t)| t != first) {
                conflicts.push(TranslationConflict {
                    lang: self.languages[self.sources[indices[0]] as usize].clone(),
                    source: k.1,
                    translations,
                });
            }
        }
        // The merged header names one source language, and the writer puts
        // the source first: a unit from a memory of the other direction is
        // turned round, unless it names its own source.
        let mut units = self.units;
        for unit in &mut units {
            if unit.attribute("srclang").is_some() {
                continue;
            }
            if let Some(i) = unit.variant_index(srclang) {
                unit.variants[..=i].rotate_right(1);
            }
        }
        MergedMemory {
            header,
            units,
            read: self.read,
            duplicates: self.duplicates,
            conflicts,
        }
    }
}
