//! Where the glossary's entries occur in the aligned translation: each
//! entry's occurrences, the documents it occurs in, its first context
//! sentence pair, and how often the translation uses its English term.
//!
//! Where it sits in the flow: it reads the aligned sentence pairs (from
//! [`crate::align`], through the workspace) with the QA's matcher
//! ([`super::check::Checker`]). The TBX export takes its context sentences
//! from here ([`contexts()`]); the review sheet its counts, contexts and
//! evidence ([`usage`]).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::terms::lexicon::Lexicon;

use super::Glossary;
use super::check::Checker;
use crate::tm::Pair;

/// One bead of an aligned translation, as the glossary reads it: either
/// side may be empty (a sentence without counterpart).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AlignedText {
    /// The document it comes from.
    pub document: String,
    /// How reports name it (its tuid).
    pub name: String,
    /// The French text.
    pub fr: String,
    /// The English text.
    pub en: String,
}

impl AlignedText {
    /// Whether both sides have text: a translation unit.
    pub fn is_pair(&self) -> bool {
        !self.fr.is_empty() && !self.en.is_empty()
    }

    /// The bead as the QA and the proposals read a unit.
    pub fn pair(&self) -> Pair<&str> {
        Pair {
            name: &self.name,
            fr: &self.fr,
            en: &self.en,
        }
    }
}

/// How one entry is used in the aligned translation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    /// Occurrences of its French forms.
    pub count: usize,
    /// Documents it occurs in.
    pub documents: usize,
    /// The first (French, English) sentence pair it occurs in, each on one
    /// line; empty when it does not occur.
    pub context: (String, String),
    /// Translation units that have it and an English term to look for.
    pub units: usize,
    /// Of those, the units whose English uses its English term or a variant.
    pub uses: usize,
}

/// The usage of each of `glossary`'s entries, in entry order.
pub fn usage(glossary: &Glossary, aligned: &[AlignedText], lexicon: &Lexicon) -> Vec<Usage> {
    let mut usage = vec![Usage::default(); glossary.entries.len()];
    // Analysing every entry's words is the cost of building the checker:
    // without a corpus there is nothing to look them up in.
    if aligned.is_empty() {
        return usage;
    }
    let index: HashMap<&str, usize> = glossary
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let mut documents: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); usage.len()];
    let checker = Checker::for_entries(&glossary.entries, lexicon);
    for bead in aligned {
        for (entry, hits) in checker.occurrences(&bead.fr) {
            let i = index[entry.id.as_str()];
            let u = &mut usage[i];
            u.count += hits.len();
            documents[i].insert(&bead.document);
            if u.context.0.is_empty() {
                u.context = (clean(&bead.fr), clean(&bead.en));
            }
            if bead.is_pair() && !entry.en.is_empty() {
                u.units += 1;
                u.uses += usize::from(Checker::uses_english(entry, &bead.en));
            }
        }
    }
    for (u, docs) in usage.iter_mut().zip(&documents) {
        u.documents = docs.len();
    }
    usage
}

/// Each entry's first (French, English) context sentences, by id: what a
/// TBX carries as `descrip type="context"`.
pub fn contexts(
    glossary: &Glossary,
    aligned: &[AlignedText],
    lexicon: &Lexicon,
) -> BTreeMap<String, (String, String)> {
    glossary
        .entries
        .iter()
        .zip(usage(glossary, aligned, lexicon))
        .filter(|(_, u)| !u.context.0.is_empty())
        .map(|(e, u)| (e.id.clone(), u.context))
        .collect()
}

/// A cell on one line: no raw newline or tab inside a cell.
pub(crate) fn clean(s: &str) -> String {
    super::one_line(s).into_owned()
}
