//! General French: how often words and phrases occur in ordinary text, to
//! tell a text's terms from the words every text uses.
//!
//! Two references, both in `src/terms/general/` with their licences:
//! - TermSuite's general-language table (Apache-2.0): lemma frequencies
//!   counted in an 82.6-million-word corpus of general French, mostly news.
//!   It is patchy for single words: it lacks `personne`, `sujet`, `an`,
//!   `fait`, `début`, and counts `vie` 1,088 times (about 60 times fewer
//!   than any word list has it), and it has no verbs.
//! - wordfreq's French word forms (CC BY-SA 4.0): frequencies pooled from
//!   subtitles, Wikipedia, news, books, web pages and social media, every
//!   form from Zipf 2 (one in a hundred million words). A lemma's frequency
//!   is the sum of its forms' (the caller lists them, from the lexicon).
//!
//! A lemma's general rate is the two references' mean where TermSuite has
//! it (two corpora pooled with equal weight: news and everything else),
//! wordfreq's alone where it does not. A term's **specificity** is
//! TermSuite's: `log10(1 + f_text / f_general)`, both frequencies per
//! thousand words. A word the text uses ten times as often as general
//! French scores about 1; `année` in a news article scores about 0.5,
//! `corridor` 2.5.

use crate::text::{StrTable, lines};

/// The embedded TermSuite table: `lemma::pattern::frequency` lines.
const FRENCH: &str = include_str!("general/french-general-language.txt");
/// The embedded wordfreq list: `Zipf × 100`, a tab, the forms.
const WORDFREQ: &str = include_str!("general/french-wordfreq.txt");

/// The Zipf value (log10 of occurrences per billion words) of a form below
/// the embedded list's lowest, 2: half way down to wordfreq's own floor, 1.
const UNLISTED_ZIPF: f64 = 1.5;

/// Lemma frequencies in a general-language corpus.
#[derive(Debug, Default)]
pub struct Reference {
    /// Occurrences by lemma (every pattern summed: `potentiel` as noun and
    /// adjective), lower-cased, words separated by one space.
    /// (The keys in a [`StrTable`], whose lookups call no `bcmp`; the
    /// counts by key id.)
    counts: StrTable,
    count_of: Vec<u64>,
    /// Words in the corpus counted.
    words: u64,
    /// Word forms (as [`crate::text::match_key`] folds them) and their
    /// Zipf value × 100.
    forms: StrTable,
    zipf_of: Vec<u16>,
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
        FRENCH_REFERENCE.get_or_init(|| {
            let mut r = Reference::parse(FRENCH);
            r.add_forms(WORDFREQ);
            r
        })
    }

    /// Adds word-form frequencies from lines `Z<TAB>form form…`, `Z` the
    /// forms' Zipf value × 100; `#` lines and lines of another shape are
    /// skipped.
    pub fn add_forms(&mut self, text: &str) {
        // Room for every form at once (forms are separated by a space or
        // a tab): the table is not rebuilt as it grows.
        let forms = memchr::memchr2_iter(b' ', b'\t', text.as_bytes()).count();
        self.forms.reserve(forms);
        let mut key = String::new();
        for line in lines(text) {
            let Some((zipf, forms)) = line.split_once('\t') else {
                continue;
            };
            let Ok(zipf) = zipf.parse::<u16>() else {
                continue;
            };
            for form in forms.split(' ').filter(|f| !f.is_empty()) {
                key.clear();
                crate::text::push_match_key(&mut key, form);
                let id = self.forms.insert(&key) as usize;
                if id == self.zipf_of.len() {
                    self.zipf_of.push(0);
                }
                self.zipf_of[id] = self.zipf_of[id].max(zipf);
            }
        }
    }

    /// Reads a table of `lemma::pattern::frequency` lines whose line
    /// `__NB_CORPUS_WORDS__::option::N` gives the corpus size; lines of
    /// another shape are skipped.
    pub fn parse(text: &str) -> Reference {
        let mut reference = Reference::default();
        for line in lines(text) {
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
            let id = reference.counts.insert(&key) as usize;
            if id == reference.count_of.len() {
                reference.count_of.push(0);
            }
            reference.count_of[id] += n;
        }
        reference
    }

    /// How often `lemma` (lower-cased, as [`crate::text::match_key`] folds
    /// it) occurs per thousand words of TermSuite's corpus; an unknown lemma
    /// counts as seen once.
    pub fn per_thousand(&self, lemma: &str) -> f64 {
        let n = self
            .counts
            .get(lemma)
            .map_or(1, |id| self.count_of[id as usize])
            .max(1);
        n as f64 * 1000.0 / self.words.max(1) as f64
    }

    /// How often the forms `forms` of a word (folded) occur together per
    /// thousand words in the word-form list; a form it lacks counts as
    /// Zipf 1.5 (half way between the list's floor, 2, and wordfreq's own, 1) only
    /// when no form is listed.
    pub fn forms_per_thousand<'f>(&self, forms: impl IntoIterator<Item = &'f str>) -> f64 {
        let listed: f64 = forms
            .into_iter()
            .filter_map(|f| self.forms.get(f))
            .map(|id| zipf_per_thousand(f64::from(self.zipf_of[id as usize]) / 100.0))
            .sum();
        if listed > 0.0 {
            listed
        } else {
            zipf_per_thousand(UNLISTED_ZIPF)
        }
    }

    /// The general rate of a lemma per thousand words: the mean of
    /// TermSuite's and the word-form list's (the sum of `forms`) where
    /// TermSuite has the lemma, the word-form list's alone where it does not
    /// (or no word-form list was added).
    pub fn general_per_thousand<'f>(
        &self,
        lemma: &str,
        forms: impl IntoIterator<Item = &'f str>,
    ) -> f64 {
        if self.forms.is_empty() {
            return self.per_thousand(lemma);
        }
        let listed = self.forms_per_thousand(forms);
        if self.counts.get(lemma).is_some() {
            (self.per_thousand(lemma) + listed) / 2.0
        } else {
            listed
        }
    }

    /// True when the table has `lemma`.
    pub fn knows(&self, lemma: &str) -> bool {
        self.counts.get(lemma).is_some()
    }

    /// TermSuite's specificity of `lemma` used `per_thousand` times per
    /// thousand words of a text: `log10(1 + f_text / f_general)`, against
    /// TermSuite's table alone.
    pub fn specificity(&self, lemma: &str, per_thousand: f64) -> f64 {
        specificity(per_thousand, self.per_thousand(lemma))
    }
}

/// `log10(1 + f_text / f_general)`, both per thousand words.
pub fn specificity(text_per_thousand: f64, general_per_thousand: f64) -> f64 {
    (1.0 + text_per_thousand / general_per_thousand).log10()
}

/// A Zipf value as occurrences per thousand words.
fn zipf_per_thousand(zipf: f64) -> f64 {
    10f64.powf(zipf - 6.0)
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
    fn the_word_form_list_fills_termsuites_gaps() {
        let fr = Reference::french();
        assert!(fr.forms.len() > 100_000, "{}", fr.forms.len());
        // TermSuite lacks `personne`; the word forms say it is everywhere.
        assert!(!fr.knows("personne"));
        let personne = fr.general_per_thousand("personne", ["personne", "personnes"]);
        assert!(personne > 0.5, "{personne}");
        // `vie` is in TermSuite's table, far too rarely: the mean corrects it.
        assert!(fr.general_per_thousand("vie", ["vie", "vies"]) > 10.0 * fr.per_thousand("vie"));
        // A word no list has is rare.
        assert!(fr.general_per_thousand("zzzq", ["zzzq"]) < 1e-4);
    }

    #[test]
    fn forms_sum_and_unlisted_forms_count_at_the_floor() {
        let mut r = Reference::parse("__NB_CORPUS_WORDS__::option::1000\nchat::N::10\n");
        r.add_forms("# comment\n600\tchat\n500\tchats\n");
        assert!((r.forms_per_thousand(["chat", "chats"]) - 1.1).abs() < 1e-9);
        assert!((r.forms_per_thousand(["chien"]) - 10f64.powf(-4.5)).abs() < 1e-12);
        // TermSuite's 10 per thousand and the forms' 1.1 pooled.
        assert!((r.general_per_thousand("chat", ["chat", "chats"]) - 5.55).abs() < 1e-9);
        assert!((r.general_per_thousand("chien", ["chiens"]) - 10f64.powf(-4.5)).abs() < 1e-12);
    }

    #[test]
    fn unknown_lemmas_count_as_seen_once() {
        let r = Reference::parse("__NB_CORPUS_WORDS__::option::1000\nchat::N::10\n");
        assert_eq!(r.per_thousand("chat"), 10.0);
        assert_eq!(r.per_thousand("chien"), 1.0);
        assert!((r.specificity("chat", 90.0) - 1.0).abs() < 1e-9);
    }
}
