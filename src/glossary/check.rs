//! Glossary QA, as a translator's QA tool does it: every translation unit
//! whose French side uses an approved term must use its approved English
//! equivalent (or a listed variant), and no unit whose French side uses an
//! entry's term may use one of its deprecated English forms.
//!
//! French terms are found by tokens ([`crate::terms::token`]), case and
//! typography folded (’/', –/-), and inflected forms accepted through the
//! lexicon: *avions de ligne* uses *avion de ligne*, *azerbaïdjanaise* uses
//! *azerbaïdjanais*. Acronyms and codes match with their case. English
//! forms are found at word boundaries, case-insensitively (acronyms and
//! codes with their case), so list an irregular or plural English form as a
//! variant when the translation uses it.

use crate::terms::Kind;
use crate::terms::lexicon::{Lexicon, Tags};
use crate::terms::token::{Shape, tokenize};
use crate::text::is_hyphen;
use crate::tm::Pair;

use super::{Entry, Glossary, Status, fold};

/// One unit that does not use the approved English term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// The unit's name.
    pub unit: String,
    /// The glossary entry's id.
    pub id: String,
    /// The entry's French term.
    pub term: String,
    /// The French words found in the unit.
    pub found: String,
    /// The accepted English forms.
    pub expected: Vec<String>,
    /// The deprecated English form the unit uses, if that is the fault.
    pub avoid: Option<String>,
    /// The unit's English text.
    pub english: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let expected: Vec<String> = self.expected.iter().map(|e| format!("“{e}”")).collect();
        write!(
            f,
            "{}: “{}” ({}, {}) ",
            self.unit, self.found, self.term, self.id
        )?;
        if let Some(avoid) = &self.avoid {
            write!(f, "uses “{avoid}”, a form to avoid: ")?;
        }
        write!(f, "expects {} in: {}", expected.join(" or "), self.english)
    }
}

/// What a check found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Units checked.
    pub units: usize,
    /// Occurrences of approved terms found on the French side (those of
    /// entries checked only for their deprecated forms are not counted).
    pub occurrences: usize,
    /// Occurrences whose unit lacks the English term.
    pub violations: Vec<Violation>,
}

struct Form<'l> {
    words: Vec<Word<'l>>,
    exact_case: bool,
}

/// A word as the check compares it: folded, with its case, and its readings
/// as a noun or adjective (lemma, tags), looked up once.
struct Word<'l> {
    folded: String,
    exact: String,
    readings: Vec<(&'l str, Tags)>,
}

/// Checks glossary entries against translation units.
pub struct Checker<'g> {
    entries: Vec<(&'g Entry, Vec<Form<'g>>)>,
    lexicon: &'g Lexicon,
}

/// The words of `text`, compounds split at their hyphens and dashes
/// (kept as words of their own): terms and text are split alike, so
/// *pro-russes* still matches *pro-russe* through its last part, and
/// *Ankara* is found in *triangle Ankara–Bakou–Tbilissi*.
fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for t in tokenize(text) {
        let word = &text[t.span.clone()];
        if t.shape == Shape::Punct && !word.chars().any(char::is_alphanumeric) {
            continue;
        }
        let mut start = 0;
        for (i, c) in word.char_indices() {
            if is_hyphen(c) && i > start {
                out.push(&word[start..i]);
                out.push(&word[i..i + c.len_utf8()]);
                start = i + c.len_utf8();
            }
        }
        out.push(&word[start..]);
    }
    out
}

impl<'g> Checker<'g> {
    /// A checker for the approved entries of `glossary`, and for the
    /// deprecated English forms of every entry but the rejected.
    pub fn new(glossary: &'g Glossary, lexicon: &'g Lexicon) -> Checker<'g> {
        Checker::for_entries(
            glossary
                .entries
                .iter()
                .filter(|e| expects_english(e) || avoids_english(e)),
            lexicon,
        )
    }

    /// A checker for the given entries, whatever their status.
    pub fn for_entries(
        entries: impl IntoIterator<Item = &'g Entry>,
        lexicon: &'g Lexicon,
    ) -> Checker<'g> {
        let entries = entries
            .into_iter()
            .map(|e| {
                let exact_case = exact_case(e);
                let forms = e
                    .fr_forms()
                    .map(|f| Form {
                        words: words(f).into_iter().map(|w| word(lexicon, w)).collect(),
                        exact_case,
                    })
                    .filter(|f| !f.words.is_empty())
                    .collect();
                (e, forms)
            })
            .collect();
        Checker { entries, lexicon }
    }

    /// The entries whose French term occurs in `fr`, each with the words of
    /// every occurrence (non-overlapping, in text order).
    pub fn occurrences(&self, fr: &str) -> Vec<(&'g Entry, Vec<String>)> {
        let fr_words = words(fr);
        let analysed: Vec<Word<'g>> = fr_words.iter().map(|w| word(self.lexicon, w)).collect();
        let mut found = Vec::new();
        for (entry, forms) in &self.entries {
            let mut hits = Vec::new();
            let mut s = 0;
            while s < fr_words.len() {
                let hit = forms.iter().find_map(|form| {
                    let n = form.words.len();
                    (s + n <= fr_words.len()
                        && form
                            .words
                            .iter()
                            .zip(&analysed[s..s + n])
                            .all(|(t, w)| same_word(w, t, form.exact_case)))
                    .then_some(n)
                });
                match hit {
                    Some(n) => {
                        hits.push(fr_words[s..s + n].join(" "));
                        s += n;
                    }
                    None => s += 1,
                }
            }
            if !hits.is_empty() {
                found.push((*entry, hits));
            }
        }
        found
    }

    /// True when `en` uses the entry's English term or a variant.
    pub(crate) fn uses_english(entry: &Entry, en: &str) -> bool {
        let exact_case = exact_case(entry);
        entry
            .en_forms()
            .any(|form| contains_words(en, form, exact_case))
    }

    /// The first deprecated English form of `entry` that `en` uses.
    pub(crate) fn deprecated_in<'e>(entry: &'e Entry, en: &str) -> Option<&'e str> {
        let exact_case = exact_case(entry);
        entry
            .en_deprecated
            .iter()
            .map(String::as_str)
            .find(|form| contains_words(en, form, exact_case))
    }

    /// Checks `pairs`: one violation per unit and entry, a deprecated form
    /// used before an approved term missing.
    pub fn check<'p>(&self, pairs: impl IntoIterator<Item = Pair<&'p str>>) -> Report {
        let mut report = Report::default();
        for pair in pairs {
            report.units += 1;
            for (entry, hits) in self.occurrences(pair.fr) {
                let expects = expects_english(entry);
                report.occurrences += usize::from(expects);
                let avoid = avoids_english(entry)
                    .then(|| Checker::deprecated_in(entry, pair.en))
                    .flatten();
                if avoid.is_some() || (expects && !Checker::uses_english(entry, pair.en)) {
                    report.violations.push(Violation {
                        unit: pair.name.to_string(),
                        id: entry.id.clone(),
                        term: entry.fr.clone(),
                        found: hits[0].clone(),
                        expected: entry.en_forms().map(str::to_string).collect(),
                        avoid: avoid.map(str::to_string),
                        english: pair.en.to_string(),
                    });
                }
            }
        }
        report
    }
}

fn word<'l>(lexicon: &'l Lexicon, w: &str) -> Word<'l> {
    let folded = key(w, false);
    // Inflected nouns and adjectives: the same lemma and part of speech
    // (avions ~ avion, aérienne ~ aérien); verb forms are not the term.
    let readings = if w.chars().any(char::is_alphabetic) {
        lexicon
            .analyse(&folded)
            .into_iter()
            .filter(|a| !a.tags.contains(Tags::VERB) && a.tags.intersects(Tags::NOUN | Tags::ADJ))
            .map(|a| (a.lemma, a.tags & (Tags::NOUN | Tags::ADJ)))
            .collect()
    } else {
        Vec::new()
    };
    Word {
        exact: key(w, true),
        folded,
        readings,
    }
}

/// True when the text's word is the term's word, or an inflection of it.
fn same_word(text: &Word<'_>, term: &Word<'_>, exact_case: bool) -> bool {
    if exact_case {
        return text.exact == term.exact;
    }
    text.folded == term.folded
        || text.readings.iter().any(|(lemma, tags)| {
            term.readings
                .iter()
                .any(|(l, t)| l == lemma && tags.intersects(*t))
        })
}

/// An approved entry with an English term: a unit with its French term
/// must use it.
fn expects_english(e: &Entry) -> bool {
    e.status == Status::Approved && !e.en.is_empty()
}

/// An entry (not rejected) with English forms to avoid.
fn avoids_english(e: &Entry) -> bool {
    e.status != Status::Rejected && !e.en_deprecated.is_empty()
}

/// Acronyms and codes match with their case.
fn exact_case(entry: &Entry) -> bool {
    matches!(entry.kind, Kind::Acronym | Kind::Code)
}

fn key(word: &str, exact_case: bool) -> String {
    if exact_case {
        crate::text::fold_typography(word).replace(is_hyphen, "-")
    } else {
        fold(word)
    }
}

/// True when `text` contains `phrase` at word boundaries.
fn contains_words(text: &str, phrase: &str, exact_case: bool) -> bool {
    crate::text::contains_words(&key(text, exact_case), &key(phrase, exact_case))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary(csv: &str) -> Glossary {
        Glossary::parse(csv.as_bytes(), "g.csv").unwrap()
    }

    fn run(g: &Glossary, fr: &str, en: &str) -> Report {
        Checker::new(g, Lexicon::french()).check([Pair { name: "u1", fr, en }])
    }

    #[test]
    fn an_inflected_french_term_expects_its_english() {
        let g = glossary("fr-FR,en-GB,type\navion de ligne,airliner,term\n");
        let r = run(
            &g,
            "Les avions de ligne ont atterri.",
            "The aircraft landed.",
        );
        assert_eq!(r.occurrences, 1);
        assert_eq!(r.violations[0].found, "avions de ligne");
        assert!(
            run(&g, "Un avion de ligne.", "An airliner.")
                .violations
                .is_empty()
        );
    }

    #[test]
    fn acronyms_match_with_their_case_and_english_at_word_boundaries() {
        let g = glossary("fr-FR,en-GB,type\nCEI,CIS,acronym\n");
        assert_eq!(run(&g, "la cei", "the CIS").occurrences, 0);
        assert_eq!(run(&g, "la CEI", "the CISTERN").violations.len(), 1);
        assert!(run(&g, "la CEI", "the CIS summit").violations.is_empty());
    }

    #[test]
    fn typography_does_not_matter() {
        let g = glossary(
            "fr-FR,en-GB\ncorridor de transport Nord–Sud,North–South Transport Corridor\n",
        );
        let r = run(
            &g,
            "le corridor de transport Nord-Sud",
            "the North-South Transport Corridor",
        );
        assert_eq!((r.occurrences, r.violations.len()), (1, 0));
    }

    #[test]
    fn only_approved_entries_are_checked() {
        let g = glossary("fr-FR,en-GB,status\nsommet,summit,proposed\n");
        assert_eq!(run(&g, "le sommet", "the meeting").occurrences, 0);
    }
}
