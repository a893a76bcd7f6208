//! English equivalents for term candidates: the curated one when the
//! glossary has the term, else a proposal read from the aligned translation,
//! with its evidence, else none — never an invented one.
//!
//! A proposal is the English word sequence (1–4 words, not starting or
//! ending with a grammatical word) that co-occurs best with the French term
//! over the translation units (Dice coefficient of the units containing
//! each), with a bonus for spelling similarity (names, acronyms and codes
//! are usually kept: *Pantsir-S1*) and for a length close to the French
//! term's. Its evidence is the English sentence of a unit that has both.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use crate::terms::Candidate;
use crate::terms::format::English;

use super::check::Pair;
use super::{Glossary, Status, fold};

/// The English equivalent given to a candidate: curated (from the glossary)
/// or proposed (from the aligned translation, with its evidence).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Equivalent {
    /// The English term.
    pub english: String,
    /// The glossary entry's status; [`Status::Proposed`] for a proposal.
    pub status: Status,
    /// Where it comes from.
    pub source: Source,
}

/// Where an [`Equivalent`] comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// The curated glossary's entry of this id.
    Curated {
        /// The entry's id.
        id: String,
    },
    /// Read from the aligned translation.
    Proposal {
        /// The unit it was read from and its English sentence (`unit: sentence`).
        evidence: String,
    },
}

impl Equivalent {
    /// What the `evidence` column says: `glossary: ID` for a curated
    /// equivalent, the unit and its English sentence for a proposal.
    pub fn evidence(&self) -> Cow<'_, str> {
        match &self.source {
            Source::Curated { id } => Cow::Owned(format!("glossary: {id}")),
            Source::Proposal { evidence } => Cow::Borrowed(evidence),
        }
    }
}

impl English for Equivalent {
    fn english(&self) -> &str {
        &self.english
    }

    fn status(&self) -> &str {
        self.status.as_str()
    }

    fn evidence(&self) -> Cow<'_, str> {
        Equivalent::evidence(self)
    }
}

/// English words that do not start or end a term.
const EN_STOP: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "as",
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "that", "this", "these",
    "those", "it", "its", "his", "her", "their", "which", "who", "not", "but", "he", "she", "they",
    "we", "will", "would", "could", "should", "than", "also", "into", "over", "after", "between",
    "about", "against", "any", "all",
];

/// Fewest Dice co-occurrence for a proposal.
const MIN_DICE: f64 = 0.5;

fn english_words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '–' | '\'' | '’' | '+')))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(fold)
        .collect()
}

fn ascii_fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd()
        .filter(char::is_ascii_alphanumeric)
        .flat_map(|c| c.to_lowercase())
        .collect()
}

/// Character-bigram Dice similarity of two terms, accents ignored.
fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (ascii_fold(a), ascii_fold(b));
    if a == b {
        return 1.0;
    }
    let grams = |s: &str| -> Vec<(char, char)> {
        let c: Vec<char> = s.chars().collect();
        c.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (ga, mut gb) = (grams(&a), grams(&b));
    if ga.is_empty() || gb.is_empty() {
        return 0.0;
    }
    let total = ga.len() + gb.len();
    let mut shared = 0;
    for g in ga {
        if let Some(p) = gb.iter().position(|x| *x == g) {
            gb.swap_remove(p);
            shared += 1;
        }
    }
    2.0 * shared as f64 / total as f64
}

/// Gives each candidate its English equivalent (or none), in order.
pub fn equivalents<'p>(
    candidates: &[Candidate],
    glossary: Option<&Glossary>,
    pairs: &[Pair<'p>],
) -> Vec<Option<Equivalent>> {
    // English n-grams: in how many units each occurs.
    let en_units: Vec<Vec<String>> = pairs
        .iter()
        .map(|p| {
            let words = english_words(p.en);
            let mut grams: Vec<String> = Vec::new();
            for n in 1..=4 {
                for w in words.windows(n) {
                    if EN_STOP.contains(&w[0].as_str()) || EN_STOP.contains(&w[n - 1].as_str()) {
                        continue;
                    }
                    grams.push(w.join(" "));
                }
            }
            grams.sort();
            grams.dedup();
            grams
        })
        .collect();
    let mut en_freq: HashMap<&str, usize> = HashMap::new();
    for grams in &en_units {
        for g in grams {
            *en_freq.entry(g.as_str()).or_default() += 1;
        }
    }
    let fr_folded: Vec<String> = pairs.iter().map(|p| fold(p.fr)).collect();
    let index = glossary.map(Glossary::french_index).unwrap_or_default();
    candidates
        .iter()
        .map(|c| {
            if let Some(entry) = c.forms().find_map(|f| index.get(&fold(f))) {
                return Some(Equivalent {
                    english: entry.en.clone(),
                    status: entry.status,
                    source: Source::Curated {
                        id: entry.id.clone(),
                    },
                });
            }
            propose(c, pairs, &fr_folded, &en_units, &en_freq)
        })
        .collect()
}

fn propose(
    c: &Candidate,
    pairs: &[Pair<'_>],
    fr_folded: &[String],
    en_units: &[Vec<String>],
    en_freq: &HashMap<&str, usize>,
) -> Option<Equivalent> {
    let forms: Vec<String> = c.variants.iter().map(|(v, _)| fold(v)).collect();
    let units: Vec<usize> = (0..pairs.len())
        .filter(|&u| {
            forms
                .iter()
                .any(|f| crate::text::contains_words(&fr_folded[u], f))
        })
        .collect();
    if units.is_empty() {
        return None;
    }
    let fr_len = c
        .term
        .split_whitespace()
        .filter(|w| w.chars().count() > 3)
        .count()
        .max(1);
    let mut cooc: BTreeMap<&str, usize> = BTreeMap::new();
    for &u in &units {
        for g in &en_units[u] {
            *cooc.entry(g.as_str()).or_default() += 1;
        }
    }
    let mut best: Option<(f64, &str)> = None;
    for (g, n) in cooc {
        let dice = 2.0 * n as f64 / (units.len() + en_freq[g]) as f64;
        if dice < MIN_DICE {
            continue;
        }
        let len = g.split(' ').count();
        let score = dice + 0.5 * similarity(&c.term, g) - 0.1 * len.abs_diff(fr_len) as f64;
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, g));
        }
    }
    let (_, gram) = best?;
    let unit = units
        .iter()
        .copied()
        .find(|&u| en_units[u].iter().any(|g| g == gram))?;
    // Give the English as the translation writes it.
    let english = surface(pairs[unit].en, gram).unwrap_or_else(|| gram.to_string());
    Some(Equivalent {
        english,
        status: Status::Proposed,
        source: Source::Proposal {
            evidence: format!("{}: {}", pairs[unit].name, pairs[unit].en),
        },
    })
}

/// The span of `text` whose folded words are `gram`.
fn surface(text: &str, gram: &str) -> Option<String> {
    let want: Vec<&str> = gram.split(' ').collect();
    let spans: Vec<(usize, &str)> = text
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '–' | '\'' | '’' | '+')))
        .map(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            (w.as_ptr() as usize - text.as_ptr() as usize, w)
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    spans.windows(want.len()).find_map(|win| {
        win.iter()
            .zip(&want)
            .all(|((_, w), g)| fold(w) == *g)
            .then(|| {
                let (start, _) = win[0];
                let (last, w) = win[win.len() - 1];
                text[start..last + w.len()].to_string()
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::Kind;

    fn candidate(term: &str) -> Candidate {
        Candidate {
            term: term.into(),
            kind: Kind::Term,
            count: 2,
            documents: vec!["d".into()],
            variants: vec![(term.into(), 2)],
            score: 1.0,
            expansion: None,
            context: String::new(),
            context_document: String::new(),
            context_line: 1,
        }
    }

    #[test]
    fn a_proposal_comes_with_the_english_sentence_as_evidence() {
        let pairs = [
            Pair {
                name: "u1",
                fr: "La ligne ferroviaire est prête.",
                en: "The railway line is ready.",
            },
            Pair {
                name: "u2",
                fr: "Une autre ligne ferroviaire.",
                en: "Another railway line.",
            },
            Pair {
                name: "u3",
                fr: "Le sommet a eu lieu.",
                en: "The summit took place.",
            },
        ];
        let eq = equivalents(&[candidate("ligne ferroviaire")], None, &pairs);
        let e = eq[0].as_ref().unwrap();
        assert_eq!(e.english, "railway line");
        assert_eq!(e.status.as_str(), "proposed");
        assert_eq!(e.evidence(), "u1: The railway line is ready.");
    }

    #[test]
    fn no_evidence_no_equivalent() {
        let pairs = [Pair {
            name: "u1",
            fr: "Le sommet.",
            en: "The summit.",
        }];
        assert_eq!(equivalents(&[candidate("corridor")], None, &pairs), [None]);
    }

    #[test]
    fn the_glossary_wins() {
        let g = Glossary::parse(
            "fr-FR,en-GB,id,status\nsommet,summit,sommet,approved\n".as_bytes(),
            "g",
        )
        .unwrap();
        let eq = equivalents(&[candidate("sommet")], Some(&g), &[]);
        assert_eq!(eq[0].as_ref().unwrap().evidence(), "glossary: sommet");
    }
}
