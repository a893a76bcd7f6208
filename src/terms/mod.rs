//! Terminology: recurring French terms with their counts and contexts.
//!
//! Where it sits in the flow: paragraphs → sentences ([`crate::segment`]) →
//! tokens ([`token`]) → tagged words ([`lexicon`]) → candidates
//! ([`Extractor`]) → a candidate list ([`mod@format`]), and with the glossary and
//! the aligned translation memory, English equivalents ([`crate::glossary`]).
//!
//! Candidates are of four kinds ([`Kind`]): acronyms (`CEI`), codes
//! (`Pantsir-S1`, `HR5632`), names (capitalised sequences with particles:
//! `Caucase du Sud`, `PEACE Act`) and terms (noun phrases by French patterns:
//! `corridor de transport Nord–Sud`, `défense aérienne`). Variants are grouped
//! under one canonical form: the head noun and its adjectives in the singular
//! (by the lexicon, not by suffix rules), ’ and ', - and –, and a sentence's
//! initial capital folded. Terms are ranked by C-value (nested terms count
//! only where they occur on their own) weighted by how many documents use
//! them. Acronyms, codes, single-word and run-of-capitals names, and short
//! terms ending in a code or a joined name (`corridor de transport
//! Nord–Sud`) are kept even when seen once; phrases headed by a capitalised
//! noun (`Parlement européen`) are terms and need the minimum count.
//!
//! The list is precision-first ([`ExtractorOptions::all`] gives the long tail): a
//! single noun must be specific to the text against general French
//! ([`general`]), a lone adjective relational, and no word of a grammatical
//! locution is part of a term.
//!
//! ```
//! use tmkit::terms::{Extractor, ExtractorOptions, Kind, lexicon::Lexicon};
//! let mut x = Extractor::new(Lexicon::french(), ExtractorOptions::default());
//! x.add_paragraph(1, "Les avions de ligne de la CEI. Un avion de ligne a atterri.");
//! let found = x.finish();
//! let avion = found.iter().find(|c| c.term == "avion de ligne").unwrap();
//! assert_eq!((avion.count, avion.kind), (2, Kind::Term));
//! assert!(found.iter().any(|c| c.term == "CEI" && c.kind == Kind::Acronym));
//! ```

mod extract;
pub mod format;
pub mod general;
mod grammar;
pub mod lexicon;
pub mod token;

pub use extract::Extractor;

/// The kind of a candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// An acronym: `CEI`, `OCS`, `U.E.`.
    Acronym = 0,
    /// A code or a name with digits: `HR5632`, `Pantsir-S1`, `3+3`.
    Code = 1,
    /// A proper name: `Caucase du Sud`, `Vladimir Poutine`, `PEACE Act`.
    Name = 2,
    /// A common term: `corridor de transport`, `défense aérienne`.
    Term = 3,
}

impl Kind {
    /// The name used in files: `acronym`, `code`, `name`, `term`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Acronym => "acronym",
            Kind::Code => "code",
            Kind::Name => "name",
            Kind::Term => "term",
        }
    }
}

impl Kind {
    /// The kind a file names, exactly as [`Kind::as_str`] writes it.
    pub fn parse(name: &str) -> Option<Kind> {
        [Kind::Acronym, Kind::Code, Kind::Name, Kind::Term]
            .into_iter()
            .find(|k| k.as_str() == name)
    }
}

/// A kind equals its name (`kind == "acronym"`).
impl PartialEq<&str> for Kind {
    fn eq(&self, name: &&str) -> bool {
        self.as_str() == *name
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the extractor keeps.
#[derive(Clone, Debug)]
pub struct ExtractorOptions {
    /// Fewest occurrences for a common term (acronyms, codes, names and a
    /// noun with an adjective that classifies two or more kept terms are
    /// kept from one).
    pub min_count: usize,
    /// Most content words in a multi-word term or name.
    pub max_words: usize,
    /// Every candidate, the long tail too: single words however common in
    /// general French, lone adjectives. The default list is precision-first.
    pub all: bool,
    /// Terms a reviewer has accepted (a glossary's French terms and
    /// variants, not rejected), folded as [`crate::text::match_key`]
    /// folds: a candidate spelled as one of them is in the default list
    /// whatever its frequency, from one occurrence.
    pub known: std::collections::HashSet<String>,
}

impl Default for ExtractorOptions {
    fn default() -> ExtractorOptions {
        ExtractorOptions {
            min_count: 2,
            max_words: 5,
            all: false,
            known: std::collections::HashSet::new(),
        }
    }
}

/// One extracted candidate.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// The canonical form (head in the singular, typography of the text).
    pub term: String,
    /// Acronym, code, name or term.
    pub kind: Kind,
    /// Occurrences, all variants together.
    pub count: usize,
    /// The documents it occurs in, in input order.
    pub documents: Vec<String>,
    /// Every spelling seen, with its count, most frequent first.
    pub variants: Vec<(String, usize)>,
    /// Termhood: C-value weighted by document spread; higher is better.
    pub score: f64,
    /// For an acronym or name, the full form the text gives, if any.
    pub expansion: Option<String>,
    /// The sentence of its first occurrence.
    pub context: String,
    /// The document of that sentence.
    pub context_document: String,
    /// Its line (paragraph) in the document.
    pub context_line: usize,
}

impl Candidate {
    /// The canonical form and every variant seen.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.term.as_str()).chain(self.variants.iter().map(|(v, _)| v.as_str()))
    }
}
