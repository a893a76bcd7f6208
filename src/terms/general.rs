//! General French: how often words and phrases occur in ordinary text, to
//! tell a text's terms from the words every text uses.
//!
//! The reference is TermSuite's general-language table (Apache-2.0, in
//! `src/terms/general/` with its licence): lemma frequencies counted in an
//! 82.6-million-word corpus of general French, mostly news. A term's
//! **specificity** is TermSuite's: `log10(1 + f_text / f_general)`, both
//! frequencies per thousand words, a lemma the table lacks counting as seen
//! once. A word the text uses ten times as often as general French scores
//! about 1; `année` in a news article scores about 0.5, `corridor` 2.5.

use std::collections::HashMap;

/// The embedded table: `lemma::pattern::frequency` lines.
const FRENCH: &str = include_str!("general/french-general-language.txt");

/// Lemma frequencies in a general-language corpus.
#[derive(Debug, Default)]
pub struct Reference {
    /// Occurrences by lemma (every pattern summed: `potentiel` as noun and
    /// adjective), lower-cased, words separated by one space.
    counts: HashMap<Box<str>, u64>,
    /// Words in the corpus counted.
    words: u64,
}

impl Reference {
    /// TermSuite's general French.
    ///
    /// ```
    /// use tmkit::terms::general::Reference;
    /// let fr = Reference::french();
    /// // `année` is everywhere: a text that uses it 1 in 1,000 words is not about years.
    /// assert!(fr.specificity("année", 1.0) < 0.5);
    /// assert!(fr.specificity("corridor", 1.0) > 2.5);
    /// ```
    pub fn french() -> &'static Reference {
        static FRENCH_REFERENCE: std::sync::OnceLock<Reference> = std::sync::OnceLock::new();
        FRENCH_REFERENCE.get_or_init(|| Reference::parse(FRENCH))
    }

    /// Reads a table of `lemma::pattern::frequency` lines whose line
    /// `__NB_CORPUS_WORDS__::option::N` gives the corpus size; lines of
    /// another shape are skipped.
    pub fn parse(text: &str) -> Reference {
        let mut reference = Reference::default();
        for line in text.lines() {
            let mut fields = line.split("::");
            let (Some(lemma), Some(pattern), Some(n), None) =
                (fields.next(), fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            let Ok(n) = n.trim().parse::<u64>() else {
                continue;
            };
            if lemma == "__NB_CORPUS_WORDS__" && pattern == "option" {
                reference.words = n;
                continue;
            }
            let key = crate::text::match_key(lemma);
            *reference.counts.entry(key.into_boxed_str()).or_default() += n;
        }
        reference
    }

    /// How often `lemma` (lower-cased, as [`crate::text::match_key`] folds
    /// it) occurs per thousand words of general text; an unknown lemma
    /// counts as seen once.
    pub fn per_thousand(&self, lemma: &str) -> f64 {
        let n = self.counts.get(lemma).copied().unwrap_or(1).max(1);
        n as f64 * 1000.0 / self.words.max(1) as f64
    }

    /// True when the table has `lemma`.
    pub fn knows(&self, lemma: &str) -> bool {
        self.counts.contains_key(lemma)
    }

    /// TermSuite's specificity of `lemma` used `per_thousand` times per
    /// thousand words of a text: `log10(1 + f_text / f_general)`.
    pub fn specificity(&self, lemma: &str, per_thousand: f64) -> f64 {
        (1.0 + per_thousand / self.per_thousand(lemma)).log10()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_table_reads_with_its_corpus_size() {
        let fr = Reference::french();
        assert_eq!(fr.words, 82_629_305);
        assert!(fr.counts.len() > 15_000, "{}", fr.counts.len());
        assert!(fr.knows("espace aérien"));
    }

    #[test]
    fn unknown_lemmas_count_as_seen_once() {
        let r = Reference::parse("__NB_CORPUS_WORDS__::option::1000\nchat::N::10\n");
        assert_eq!(r.per_thousand("chat"), 10.0);
        assert_eq!(r.per_thousand("chien"), 1.0);
        assert!((r.specificity("chat", 90.0) - 1.0).abs() < 1e-9);
    }
}
