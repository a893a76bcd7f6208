//! Glossary QA, as a translator's QA tool does it: every translation unit
//! whose French side uses an approved term must use its approved English
//! equivalent (or a listed variant).
//!
//! French terms are found by tokens ([`crate::terms::token`]), case and
//! typography folded (’/', –/-), and inflected forms accepted through the
//! lexicon: *avions de ligne* uses *avion de ligne*, *azerbaïdjanaise* uses
//! *azerbaïdjanais*. Acronyms and codes match with their case. English
//! forms are found at word boundaries, case-insensitively (acronyms and
//! codes with their case), so list an irregular or plural English form as a
//! variant when the translation uses it.

use crate::terms::lexicon::{Lexicon, Tags};
use crate::terms::token::{Shape, tokenize};

use super::{Entry, Glossary, Status, fold};

/// A translation unit as the check sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair<'a> {
    /// How the report names the unit (its tuid, or a row).
    pub name: &'a str,
    /// The French text.
    pub fr: &'a str,
    /// The English text.
    pub en: &'a str,
}

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
    /// The unit's English text.
    pub english: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let expected: Vec<String> = self.expected.iter().map(|e| format!("“{e}”")).collect();
        write!(
            f,
            "{}: “{}” ({}, {}) expects {} in: {}",
            self.unit,
            self.found,
            self.term,
            self.id,
            expected.join(" or "),
            self.english
        )
    }
}

/// What a check found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Units checked.
    pub units: usize,
    /// Occurrences of approved terms found on the French side.
    pub occurrences: usize,
    /// Occurrences whose unit lacks the English term.
    pub violations: Vec<Violation>,
}

struct Form {
    words: Vec<String>,
    exact_case: bool,
}

/// Checks glossary entries against translation units.
pub struct Checker<'g> {
    entries: Vec<(&'g Entry, Vec<Form>)>,
    lexicon: &'g Lexicon,
}

fn words(text: &str) -> Vec<&str> {
    tokenize(text)
        .into_iter()
        .filter(|t| {
            t.shape != Shape::Punct || text[t.span.clone()].chars().any(char::is_alphanumeric)
        })
        .map(|t| &text[t.span])
        .collect()
}

impl<'g> Checker<'g> {
    /// A checker for the approved entries of `glossary`.
    pub fn new(glossary: &'g Glossary, lexicon: &'g Lexicon) -> Checker<'g> {
        let entries = glossary
            .entries
            .iter()
            .filter(|e| e.status == Status::Approved && !e.en.is_empty())
            .map(|e| {
                let exact_case = matches!(e.kind.as_str(), "acronym" | "code");
                let forms = e
                    .fr_forms()
                    .map(|f| Form {
                        words: words(f).into_iter().map(|w| key(w, exact_case)).collect(),
                        exact_case,
                    })
                    .filter(|f| !f.words.is_empty())
                    .collect();
                (e, forms)
            })
            .collect();
        Checker { entries, lexicon }
    }

    fn same_word(&self, text_word: &str, term_word: &str, exact_case: bool) -> bool {
        let k = key(text_word, exact_case);
        if k == term_word {
            return true;
        }
        if exact_case || !text_word.chars().any(char::is_alphabetic) {
            return false;
        }
        // Inflected nouns and adjectives: the same lemma and part of speech
        // (avions ~ avion, aérienne ~ aérien); verb forms are not the term.
        let nominal = |t: Tags| !t.contains(Tags::VERB) && t.intersects(Tags::NOUN | Tags::ADJ);
        let a = self.lexicon.analyse(&k);
        let b = self.lexicon.analyse(term_word);
        a.iter().any(|x| {
            nominal(x.tags)
                && b.iter().any(|y| {
                    nominal(y.tags)
                        && x.lemma == y.lemma
                        && x.tags.intersects(y.tags & (Tags::NOUN | Tags::ADJ))
                })
        })
    }

    /// Checks `pairs`.
    pub fn check<'p>(&self, pairs: impl IntoIterator<Item = Pair<'p>>) -> Report {
        let mut report = Report::default();
        for pair in pairs {
            report.units += 1;
            let fr_words = words(pair.fr);
            for (entry, forms) in &self.entries {
                let found = forms.iter().find_map(|form| {
                    let n = form.words.len();
                    (0..fr_words.len().saturating_sub(n - 1)).find_map(|s| {
                        form.words
                            .iter()
                            .zip(&fr_words[s..s + n])
                            .all(|(t, w)| self.same_word(w, t, form.exact_case))
                            .then(|| fr_words[s..s + n].join(" "))
                    })
                });
                let Some(found) = found else { continue };
                report.occurrences += 1;
                let exact_case = matches!(entry.kind.as_str(), "acronym" | "code");
                if !entry
                    .en_forms()
                    .any(|en| contains_words(pair.en, en, exact_case))
                {
                    report.violations.push(Violation {
                        unit: pair.name.to_string(),
                        id: entry.id.clone(),
                        term: entry.fr.clone(),
                        found,
                        expected: entry.en_forms().map(str::to_string).collect(),
                        english: pair.en.to_string(),
                    });
                }
            }
        }
        report
    }
}

fn key(word: &str, exact_case: bool) -> String {
    if exact_case {
        crate::text::fold_typography(word).replace(['\u{2010}', '\u{2011}', '\u{2013}'], "-")
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
