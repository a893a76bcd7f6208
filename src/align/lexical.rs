//! Lexical evidence: how well the words of one side of a bead explain the
//! words of the other, by a word-alignment model ([`crate::wordalign`])
//! learned from the document itself, without a dictionary.
//!
//! A whole document's first alignment (length and anchors) gives beads of
//! one sentence a side that it is confident in; IBM Model 1 is trained on
//! them both ways ([`Lexicon::train`]). A bead is then judged by Moore's
//! (2002) measure: how much likelier the words of each side are given the
//! words of the other (the translation model) than by their frequency alone
//! (a unigram model), a log-likelihood ratio in nats, summed over words
//! ([`Evidence::ratio`]). Words are cut to their first
//! [`STEM`] letters, so that a novel's few hundred sentences teach *march*
//! once for *marcha*, *marchait* and *marchons*; words the training never
//! saw say nothing.

use std::ops::Range;

use crate::text::{IdMap, Interner};
use crate::wordalign::{NULL_PROBABILITY, Table};

/// Letters kept of each word (lowercased): a crude stem.
const STEM: usize = 5;

/// The most one word's ratio counts against a bead, in nats: a word whose
/// translation is missing, or a rare word the model knows little about.
const FLOOR: f64 = 3.0;

/// The stems of a sentence's words: runs of letters and digits,
/// lowercased, cut to [`STEM`] characters.
fn stems(sentence: &str) -> impl Iterator<Item = String> + '_ {
    sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().flat_map(char::to_lowercase).take(STEM).collect())
}

/// A word-alignment model of a document, both ways, with each side's word
/// counts.
pub(crate) struct Lexicon {
    fr: Interner,
    en: Interner,
    fr_given_en: Table,
    en_given_fr: Table,
    /// Both tables in one map, by (French id, English id): (t(French |
    /// English), t(English | French)), so that a pair of sentences looks
    /// each pair of their words up once.
    both: IdMap<(u32, u32), (f64, f64)>,
    /// ln of each word's share of its side's words in the training pairs,
    /// by id.
    fr_unigram: Vec<f64>,
    en_unigram: Vec<f64>,
}

/// ln of each id's share of the words of `sentences`.
fn unigram(sentences: &[Vec<u32>], size: usize) -> Vec<f64> {
    let mut counts = vec![0u32; size];
    for &w in sentences.iter().flatten() {
        counts[w as usize] += 1;
    }
    let total: f64 = counts.iter().map(|&c| f64::from(c)).sum();
    counts
        .iter()
        .map(|&c| (f64::from(c) / total).ln())
        .collect()
}

impl Lexicon {
    /// Trains on sentence pairs (French, English), in their order.
    pub(crate) fn train(pairs: &[(&str, &str)]) -> Lexicon {
        let (mut fr, mut en) = (Interner::default(), Interner::default());
        let fr_ids: Vec<Vec<u32>> = pairs
            .iter()
            .map(|(f, _)| stems(f).map(|w| fr.id(&w)).collect())
            .collect();
        let en_ids: Vec<Vec<u32>> = pairs
            .iter()
            .map(|(_, e)| stems(e).map(|w| en.id(&w)).collect())
            .collect();
        let en_given_fr: Vec<(&[u32], &[u32])> = fr_ids
            .iter()
            .zip(&en_ids)
            .map(|(f, e)| (f.as_slice(), e.as_slice()))
            .collect();
        let fr_given_en: Vec<(&[u32], &[u32])> = en_given_fr.iter().map(|&(f, e)| (e, f)).collect();
        let (fr_given_en, en_given_fr) = (Table::train(&fr_given_en), Table::train(&en_given_fr));
        let mut both: IdMap<(u32, u32), (f64, f64)> = IdMap::default();
        for (e, f, t) in fr_given_en.entries() {
            both.entry((f, e)).or_default().0 = t;
        }
        for (f, e, t) in en_given_fr.entries() {
            both.entry((f, e)).or_default().1 = t;
        }
        Lexicon {
            fr_unigram: unigram(&fr_ids, fr.len()),
            en_unigram: unigram(&en_ids, en.len()),
            fr_given_en,
            en_given_fr,
            both,
            fr,
            en,
        }
    }

    /// The ids of a sentence's words the model knows.
    fn ids(&self, sentence: &str, french: bool) -> Vec<u32> {
        let vocabulary = if french { &self.fr } else { &self.en };
        stems(sentence).filter_map(|w| vocabulary.get(&w)).collect()
    }
}

/// The lexical evidence for the beads of one alignment: each sentence's
/// known words, and for each pair of sentences that a bead can join, the
/// sums of the translation probabilities of each one's words given the
/// other's, so that a bead of several sentences adds them up instead of
/// looking its words up again.
pub(crate) struct Evidence {
    lexicon: Lexicon,
    fr: Vec<Vec<u32>>,
    en: Vec<Vec<u32>>,
    /// Per French sentence: the first English sentence it may join, and
    /// per English sentence from there, where the pair's sums start in
    /// `pool` (the French words' sums, then the English words').
    windows: Vec<(usize, Vec<usize>)>,
    pool: Vec<f64>,
}

impl Evidence {
    /// The evidence for French sentences `fr` and English sentences `en`;
    /// the pairs a bead may join are given by [`Evidence::window`].
    pub(crate) fn new<S: AsRef<str>>(lexicon: Lexicon, fr: &[S], en: &[S]) -> Evidence {
        Evidence {
            fr: fr.iter().map(|s| lexicon.ids(s.as_ref(), true)).collect(),
            en: en.iter().map(|s| lexicon.ids(s.as_ref(), false)).collect(),
            lexicon,
            windows: Vec::new(),
            pool: Vec::new(),
        }
    }

    /// Sums the translation probabilities of every pair where French
    /// sentence `s` may join English sentences `window(s)`.
    pub(crate) fn window(&mut self, window: impl Fn(usize) -> Range<usize>) {
        let l = &self.lexicon;
        self.pool.clear();
        self.windows.clear();
        for (s, f) in self.fr.iter().enumerate() {
            let w = window(s);
            let w = w.start.min(self.en.len())..w.end.min(self.en.len());
            let mut starts = Vec::with_capacity(w.len());
            for e in &self.en[w.clone()] {
                let at = self.pool.len();
                starts.push(at);
                self.pool.resize(at + f.len() + e.len(), 0.0);
                let (fr_sums, en_sums) = self.pool[at..].split_at_mut(f.len());
                // Word by word in the order of each side, so that each sum
                // adds its terms in the same order as one side at a time.
                for (&x, fr_sum) in f.iter().zip(fr_sums.iter_mut()) {
                    for (&y, en_sum) in e.iter().zip(en_sums.iter_mut()) {
                        if let Some(&(fr_given_en, en_given_fr)) = l.both.get(&(x, y)) {
                            *fr_sum += fr_given_en;
                            *en_sum += en_given_fr;
                        }
                    }
                }
            }
            self.windows.push((w.start, starts));
        }
    }

    /// The sums of French sentence `s` and English sentence `e` (French
    /// words' first), if the windows hold the pair.
    fn sums(&self, s: usize, e: usize) -> Option<(&[f64], &[f64])> {
        let (first, starts) = &self.windows[s];
        let at = *starts.get(e.checked_sub(*first)?)?;
        let (nf, ne) = (self.fr[s].len(), self.en[e].len());
        Some((&self.pool[at..at + nf], &self.pool[at + nf..at + nf + ne]))
    }

    /// The log-likelihood ratio of the bead of French sentences `fr` and
    /// English sentences `en`, in nats: for each known word of each side,
    /// ln P(word | the other side's words), IBM Model 1 with uniform
    /// positions, less ln P(word) by its frequency, at least −[`FLOOR`];
    /// the two directions averaged. Zero for a bead with an empty side (its
    /// words are left to the frequency model) or outside the windows.
    pub(crate) fn ratio(&self, fr: Range<usize>, en: Range<usize>) -> f64 {
        if fr.is_empty() || en.is_empty() {
            return 0.0;
        }
        let l = &self.lexicon;
        let words = |side: &[Vec<u32>], r: &Range<usize>| -> usize {
            side[r.clone()].iter().map(Vec::len).sum()
        };
        let (nf, ne) = (words(&self.fr, &fr), words(&self.en, &en));
        let ratio = |sum: f64, sources: usize, null: f64, unigram: f64| -> f64 {
            let mut p = NULL_PROBABILITY * null;
            if sources > 0 {
                p += (1.0 - NULL_PROBABILITY) * sum / sources as f64;
            }
            (p.ln() - unigram).max(-FLOOR)
        };
        let mut total = 0.0;
        for s in fr.clone() {
            for (k, &x) in self.fr[s].iter().enumerate() {
                let mut sum = 0.0;
                for e in en.clone() {
                    let Some((sums, _)) = self.sums(s, e) else {
                        return 0.0;
                    };
                    sum += sums[k];
                }
                total += ratio(sum, ne, l.fr_given_en.t_null(x), l.fr_unigram[x as usize]);
            }
        }
        for e in en.clone() {
            for (k, &y) in self.en[e].iter().enumerate() {
                let mut sum = 0.0;
                for s in fr.clone() {
                    let Some((_, sums)) = self.sums(s, e) else {
                        return 0.0;
                    };
                    sum += sums[k];
                }
                total += ratio(sum, nf, l.en_given_fr.t_null(y), l.en_unigram[y as usize]);
            }
        }
        total / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sentence pairs built from a small dictionary, each word pair in
    /// several contexts.
    fn corpus() -> (Vec<String>, Vec<String>) {
        let words = [
            ("chat", "cat"),
            ("chien", "dog"),
            ("maison", "house"),
            ("jardin", "garden"),
            ("rivière", "river"),
            ("montagne", "mountain"),
            ("voiture", "car"),
            ("fenêtre", "window"),
        ];
        let (mut fr, mut en) = (Vec::new(), Vec::new());
        for i in 0..words.len() {
            for j in 0..words.len() {
                if i != j {
                    fr.push(format!("Le {} voit la {}.", words[i].0, words[j].0));
                    en.push(format!("The {} sees the {}.", words[i].1, words[j].1));
                }
            }
        }
        (fr, en)
    }

    #[test]
    fn a_translation_explains_its_sentence_better_than_another_does() {
        let (fr, en) = corpus();
        let pairs: Vec<(&str, &str)> = fr
            .iter()
            .zip(&en)
            .map(|(f, e)| (f.as_str(), e.as_str()))
            .collect();
        let mut evidence = Evidence::new(Lexicon::train(&pairs), &fr, &en);
        evidence.window(|_| 0..en.len());
        // A sentence with its translation, and with another one.
        assert!(evidence.ratio(0..1, 0..1) > 0.0);
        assert!(evidence.ratio(0..1, 0..1) > evidence.ratio(0..1, 20..21));
        // Two sentences with their translations beat one with both.
        assert!(evidence.ratio(0..2, 0..2) > evidence.ratio(0..1, 0..2));
        // Outside the windows, and for a side left empty: no evidence.
        evidence.window(|s| s..s + 1);
        assert_eq!(evidence.ratio(0..1, 5..6), 0.0);
        assert_eq!(evidence.ratio(0..1, 0..0), 0.0);
    }

    #[test]
    fn words_are_cut_to_their_stem_and_lowercased() {
        let s: Vec<String> = stems("Marchaient, l’ÉTÉ 2026 !").collect();
        assert_eq!(s, ["march", "l", "été", "2026"]);
    }
}
