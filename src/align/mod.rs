//! Sentence alignment of a French text with its English translation.
//!
//! Third stage of the flow: two lists of segments in, beads out (which
//! French sentences translate which English ones), each with a score. The
//! aligner is a dynamic programme over bead types 1-1, 1-0, 0-1, 2-1, 1-2,
//! 2-2, 3-1 and 1-3, whose cost adds two kinds of evidence, none of which
//! needs a dictionary:
//!
//! - **length** (Gale & Church 1993): the English length of a bead is
//!   normally distributed around the French length times the document's own
//!   length ratio, with variance growing with length; bead types have prior
//!   probabilities;
//! - **anchors**: numbers (`2024`, `6 %` = `6%`, `3,5` = `3.5`), acronyms and
//!   capitalised names, cognates (words of four letters or more sharing their
//!   first four letters once accents are folded, after Simard et al. 1992),
//!   glossary entries when a glossary is given, and matching punctuation
//!   (`?`, `!`, quotation marks, parentheses). A matched anchor lowers the
//!   cost of the bead, one left without its counterpart raises it. In a
//!   whole document (40 sentences a side or more) a match is weighed by how
//!   rare its key is, as inverse document frequency weighs words: a name
//!   found in two sentences of a novel pins them together, one found in
//!   every tenth sentence barely counts.
//!
//! Paragraph pairs are aligned one by one ([`document::align_documents`]); documents whose
//! paragraphs do not correspond are aligned whole, in a band around the
//! diagonal that widens until the path no longer touches its edge, so that a
//! novel aligns in time and memory proportional to its length. A whole
//! document is then aligned again in a narrow band
//! around that first path, with the length ratio and variance re-estimated
//! from its 1-1 beads: in a free or abridged translation the documents' own
//! length ratio counts the sentences left out and misleads the length model.
//!
//! Anchor keys are interned as integers once per alignment, and every run of
//! one to three sentences has its anchors merged beforehand, so a bead is
//! judged without touching a string; beads that cannot beat the best one
//! found for a cell are discarded on a lower bound of their cost (prior,
//! tabulated length cost, every possible anchor matched) without changing
//! the result.
//!
//! ```
//! use tmkit::align::{Aligner, BeadKind};
//! let fr = ["Le sommet a eu lieu en 2024.", "Il a duré deux jours.", "Poutine était présent ; Aliyev aussi."];
//! let en = ["The summit took place in 2024.", "It lasted two days.", "Putin was present.", "So was Aliyev."];
//! let beads = Aligner::default().align(&fr, &en);
//! let kinds: Vec<_> = beads.iter().map(|b| b.kind()).collect();
//! assert_eq!(kinds, [BeadKind(1, 1), BeadKind(1, 1), BeadKind(1, 2)]);
//! ```

pub mod document;
pub mod gold;
mod lexical;

use std::fmt;
use std::ops::Range;

use crate::text::{Interner, ascii_key};

/// How many sentences of each side a bead takes: `BeadKind(2, 1)` is 2-1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BeadKind(pub usize, pub usize);

impl fmt::Display for BeadKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.0, self.1)
    }
}

/// Bead types and their prior probabilities (Gale & Church's, with 3-1 and
/// 1-3 taken out of the 2-1/1-2 mass).
const KINDS: [(BeadKind, f64); 8] = [
    (BeadKind(1, 1), 0.89),
    (BeadKind(1, 0), 0.005),
    (BeadKind(0, 1), 0.005),
    (BeadKind(2, 1), 0.042),
    (BeadKind(1, 2), 0.042),
    (BeadKind(2, 2), 0.011),
    (BeadKind(3, 1), 0.0025),
    (BeadKind(1, 3), 0.0025),
];

/// One alignment bead: French sentences `fr` translate English sentences
/// `en` (indices into the lists given to the aligner; one side may be empty).
#[derive(Clone, Debug, PartialEq)]
pub struct Bead {
    /// French sentence indices.
    pub fr: Range<usize>,
    /// English sentence indices.
    pub en: Range<usize>,
    /// Confidence in [0, 1]: how much better the bead explains its
    /// sentences than leaving them unaligned (length fit, anchors matched
    /// and unmatched); 0 for a sentence alone.
    pub score: f64,
    /// The probability that the bead is one of the alignment's, under the
    /// aligner's model: the share of every alignment of the two texts,
    /// each weighed by its likelihood, that holds this bead (by
    /// forward–backward over the dynamic programme's band). With lexical
    /// evidence in a whole document. None for the length model alone
    /// ([`Aligner::length_only`]).
    pub probability: Option<f64>,
    /// Whether the bead has both sides and a bead next to it in the same
    /// alignment is a sentence without counterpart: that sentence may
    /// belong to it, and the aligner leaves a sentence alone where it
    /// loses its way (a free or abridged translation). Such a bead is
    /// weak.
    pub beside_alone: bool,
}

impl Bead {
    /// The bead's type.
    pub fn kind(&self) -> BeadKind {
        BeadKind(self.fr.len(), self.en.len())
    }

    /// Whether the bead should be checked by a person: a sentence without
    /// counterpart, a bead [beside one](Bead::beside_alone), a score under
    /// [`WEAK_SCORE`] or [uncertain](Bead::is_uncertain).
    pub fn is_weak(&self) -> bool {
        self.fr.is_empty()
            || self.en.is_empty()
            || self.beside_alone
            || self.score < WEAK_SCORE
            || self.is_uncertain()
    }

    /// Whether the bead's probability is under [`WEAK_PROBABILITY`].
    pub fn is_uncertain(&self) -> bool {
        self.probability.is_some_and(|p| p < WEAK_PROBABILITY)
    }
}

/// Beads scoring below this are flagged as weak: far worse than leaving
/// their sentences unaligned. Calibrated with [`WEAK_PROBABILITY`], below.
pub const WEAK_SCORE: f64 = 0.02;

/// Beads less probable than this ([`Bead::probability`]) are flagged as
/// weak: other alignments of their sentences are nearly as likely.
///
/// Both thresholds were calibrated on eight novels (`cargo xtask
/// align-eval`), one novel left out at a time, with the beads
/// [beside a sentence alone](Bead::beside_alone) flagged too: on the other
/// seven, the pair with the highest share of right units among the
/// unflagged while at least 90 % of the gold beads stay unflagged. With
/// the lexical rounds, score 0.02 was chosen for five novels (0 for three),
/// probability 0.75 for three, 0.8 for two, 0.85 once and 0.9 twice; each
/// the median. On the seeds perturbed every way (`cargo xtask
/// perturb-eval`) no threshold is needed for the bar of no wrong unit
/// unflagged: the structural checks find them all.
pub const WEAK_PROBABILITY: f64 = 0.8;

/// A French–English term pair used as an anchor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermPair {
    /// French term, as it appears in text (matched case-insensitively).
    pub fr: String,
    /// English equivalent.
    pub en: String,
}

/// Anchors of one sentence, as sorted keys.
#[derive(Clone, Debug, Default)]
struct Anchors {
    /// Numbers, normalised (`3,5` → `3.5`, `10 000` → `10000`).
    numbers: Vec<String>,
    /// Names and acronyms, folded.
    names: Vec<String>,
    /// Cognate keys: first four letters of longer words, folded.
    cognates: Vec<String>,
    /// Glossary entry indices whose term occurs in the sentence.
    terms: Vec<usize>,
    /// Counts of `?`, `!`, quotation marks, parentheses.
    punctuation: [u16; 4],
}

/// A sentence prepared for alignment.
#[derive(Clone, Debug)]
struct Prepared {
    chars: f64,
    anchors: Anchors,
}

/// Weights of the cost model, in nats.
#[derive(Clone, Debug)]
pub struct Aligner {
    /// Variance of the length difference per character (Gale & Church: 6.8).
    pub(crate) variance: f64,
    /// Bonus for a matched number, and cost of one left unmatched.
    pub(crate) number: (f64, f64),
    /// Bonus for a matched name or acronym, and cost of one left unmatched.
    pub(crate) name: (f64, f64),
    /// Bonus for a matched cognate (no cost for unmatched words: most words
    /// have no cognate).
    pub(crate) cognate: f64,
    /// Bonus for a matched glossary term, cost of one unmatched.
    pub(crate) term: (f64, f64),
    /// Bonus per matched punctuation mark, cost per unmatched one.
    pub(crate) punctuation: (f64, f64),
    /// Glossary entries used as anchors.
    pub(crate) glossary: Vec<TermPair>,
    /// Whether a whole document (at least 40 beads) is
    /// aligned again with the length ratio and its variance re-estimated
    /// from the 1-1 beads of a first alignment (free translations drop and merge sentences far
    /// more often than Gale & Church's parliamentary proceedings).
    pub(crate) adapt: bool,
    /// The length ratio of English to French, when known from elsewhere
    /// (the paragraphs of the document that correspond one for one);
    /// else each alignment takes its texts' own.
    pub(crate) ratio: Option<f64>,
    /// The most a sentence without counterpart (a 1-0 or 0-1 bead) costs
    /// before its anchors, in nats, whatever its length; none for Gale &
    /// Church's, whose length cost makes a long sentence left out dearer
    /// than a wrong bead that takes it in.
    pub(crate) gap: Option<f64>,
    /// Whether a whole document (at least 40 beads, and 20 of one sentence
    /// a side with a score of 0.5 or more) is aligned again with lexical
    /// evidence: a word-alignment model trained on those beads
    /// (`align::lexical`), then on every bead of the new alignment that
    /// scores 0.5 or more, up to four times, until the beads stop
    /// changing.
    pub(crate) lexical: bool,
    /// Whether each bead gets its [`Bead::probability`].
    pub(crate) probabilities: bool,
}

impl Default for Aligner {
    fn default() -> Aligner {
        Aligner {
            variance: 6.8,
            number: (2.0, 1.5),
            name: (1.0, 0.3),
            cognate: 0.4,
            term: (1.5, 0.5),
            punctuation: (0.7, 0.7),
            glossary: Vec::new(),
            adapt: true,
            ratio: None,
            gap: Some(SENTENCE_GAP),
            lexical: true,
            probabilities: true,
        }
    }
}

fn is_quote(c: char) -> bool {
    matches!(c, '«' | '»' | '“' | '”' | '"' | '‘' | '„')
}

impl Aligner {
    /// Gale & Church's length model alone, without anchors: the baseline
    /// tmkit's aligner is measured against.
    pub fn length_only() -> Aligner {
        Aligner {
            number: (0.0, 0.0),
            name: (0.0, 0.0),
            cognate: 0.0,
            term: (0.0, 0.0),
            punctuation: (0.0, 0.0),
            adapt: false,
            gap: None,
            lexical: false,
            probabilities: false,
            ..Aligner::default()
        }
    }

    /// Aligner with a glossary's entries as anchors.
    pub fn with_glossary(glossary: Vec<TermPair>) -> Aligner {
        Aligner {
            glossary,
            ..Aligner::default()
        }
    }

    /// A sentence's length and anchors; `terms` are the glossary's terms in
    /// the sentence's language, lowercased.
    fn prepare(sentence: &str, french: bool, terms: &[String]) -> Prepared {
        let mut a = Anchors::default();
        let mut first = true;
        // Tokens, with their byte offsets: runs of letters, digits and
        // in-word punctuation.
        let mut tokens: Vec<(usize, &str)> = Vec::new();
        let mut start = None;
        for (i, c) in sentence.char_indices() {
            let inside = c.is_alphanumeric()
                || (start.is_some() && matches!(c, '-' | '.' | ',' | '\'' | '’'));
            match (inside, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    tokens.push((s, &sentence[s..i]));
                    start = None;
                }
                _ => {}
            }
            match c {
                '?' => a.punctuation[0] += 1,
                '!' => a.punctuation[1] += 1,
                c if is_quote(c) => a.punctuation[2] += 1,
                '(' => a.punctuation[3] += 1,
                _ => {}
            }
        }
        if let Some(s) = start {
            tokens.push((s, &sentence[s..]));
        }
        // Digit groups separated by a (narrow) no-break or plain space are
        // one number in French: "10 000".
        let mut number = String::new();
        let flush = |number: &mut String, a: &mut Anchors| {
            if !number.is_empty() {
                a.numbers.push(std::mem::take(number));
            }
        };
        let mut previous_end = 0;
        for &(token_start, token) in &tokens {
            let t = token.trim_end_matches(['.', ',', '-', '\'', '’']);
            if !t.is_empty()
                && t.chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
            {
                let gap = &sentence[previous_end..token_start];
                let joins = !number.is_empty()
                    && t.len() == 3
                    && gap.chars().count() == 1
                    && gap
                        .chars()
                        .all(|c| matches!(c, ' ' | '\u{A0}' | '\u{202F}'));
                if !joins {
                    flush(&mut number, &mut a);
                }
                let t: String = if french {
                    t.chars()
                        .filter(|&c| c != '.')
                        .map(|c| if c == ',' { '.' } else { c })
                        .collect()
                } else {
                    t.chars().filter(|&c| c != ',').collect()
                };
                number.push_str(&t);
                previous_end = token_start + token.len();
                first = false;
                continue;
            }
            flush(&mut number, &mut a);
            previous_end = token_start + token.len();
            // Parts of compounds and elisions: "l’Azerbaïdjan", "Aliyev-Poutine".
            for part in t.split(['-', '\'', '’', '.']) {
                if part.is_empty() {
                    continue;
                }
                let capital = part.chars().next().is_some_and(char::is_uppercase);
                let acronym = part.chars().count() >= 2
                    && part.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
                let folded = ascii_key(part);
                if folded.is_empty() {
                    continue;
                }
                if part.chars().any(|c| c.is_ascii_digit()) {
                    // An ordinal is its number: 1er, 2e, 3ème = 1st, 2nd, 3rd.
                    a.numbers.push(ordinal(&folded).unwrap_or(folded));
                } else if acronym {
                    a.names.push(folded);
                } else if capital && !first {
                    // Names match by their first four letters, as cognates
                    // do: Arménie ~ Armenia, Azerbaïdjan ~ Azerbaijan.
                    a.names.push(folded.chars().take(4).collect());
                } else if folded.len() >= 4 && part.chars().count() >= 4 {
                    a.cognates.push(folded.chars().take(4).collect());
                }
                first = false;
            }
        }
        flush(&mut number, &mut a);
        if !terms.is_empty() {
            let lower = sentence.to_lowercase();
            for (i, term) in terms.iter().enumerate() {
                if !term.is_empty() && contains_word(&lower, term) {
                    a.terms.push(i);
                }
            }
        }
        a.numbers.sort();
        a.names.sort();
        a.cognates.sort();
        Prepared {
            chars: sentence.chars().filter(|c| !c.is_whitespace()).count() as f64,
            anchors: a,
        }
    }

    /// Every sentence's length and anchors.
    fn prepare_all<S: AsRef<str>>(&self, fr: &[S], en: &[S]) -> (Vec<Prepared>, Vec<Prepared>) {
        let terms = |side: fn(&TermPair) -> &String| -> Vec<String> {
            self.glossary
                .iter()
                .map(|p| side(p).to_lowercase())
                .collect()
        };
        let (fr_terms, en_terms) = (terms(|p| &p.fr), terms(|p| &p.en));
        let fr = fr
            .iter()
            .map(|s| Self::prepare(s.as_ref(), true, &fr_terms))
            .collect();
        let en = en
            .iter()
            .map(|s| Self::prepare(s.as_ref(), false, &en_terms))
            .collect();
        (fr, en)
    }

    /// Aligns French sentences with English ones; beads cover both lists in
    /// order.
    pub fn align<S: AsRef<str>>(&self, fr: &[S], en: &[S]) -> Vec<Bead> {
        let (fr_prepared, en_prepared) = self.prepare_all(fr, en);
        let total = |p: &[Prepared]| p.iter().map(|p| p.chars).sum::<f64>();
        let (total_fr, total_en) = (total(&fr_prepared), total(&en_prepared));
        // The document's own length ratio; a neutral one for tiny inputs.
        // Clamped: a translation with many untranslated sentences must not
        // make the model expect English to be longer than it is.
        let ratio = match self.ratio {
            Some(ratio) => ratio,
            None if total_fr > 200.0 && total_en > 200.0 => (total_en / total_fr).clamp(0.75, 1.25),
            None => 0.9,
        };
        let n = fr.len();
        let mut model = Model::new(self, &fr_prepared, &en_prepared, ratio);
        let (mut beads, mut band) = model.solve(n, en.len());
        if self.lexical && beads.len() >= ADAPT_MIN_BEADS {
            for round in 0..LEXICAL_ROUNDS {
                // The first alignment's beads of several sentences are the
                // least sure: the first lexicon learns from its 1-1 beads.
                let pairs: Vec<(String, String)> = beads
                    .iter()
                    .filter(|b| !b.fr.is_empty() && !b.en.is_empty())
                    .filter(|b| round > 0 || b.kind() == BeadKind(1, 1))
                    .filter(|b| b.score >= LEXICAL_TRAINING_SCORE)
                    .map(|b| (joined(fr, &b.fr), joined(en, &b.en)))
                    .collect();
                if pairs.len() < ADAPT_MIN_BEADS / 2 {
                    break;
                }
                let pairs: Vec<(&str, &str)> = pairs
                    .iter()
                    .map(|(f, e)| (f.as_str(), e.as_str()))
                    .collect();
                let lexicon = lexical::Lexicon::train(&pairs);
                model.lexical = Some(lexical::Evidence::new(lexicon, fr, en));
                let realigned = model.solve_around(&path_centres(&beads, n), LEXICAL_WIDTH);
                let sides = |beads: &[Bead]| -> Vec<(Range<usize>, Range<usize>)> {
                    beads.iter().map(|b| (b.fr.clone(), b.en.clone())).collect()
                };
                let same = sides(&realigned.0) == sides(&beads);
                (beads, band) = realigned;
                if same && round > 0 {
                    break;
                }
            }
        }
        if self.probabilities {
            model.probabilities(&band, &mut beads);
        }
        mark_beside_alone(&mut beads);
        beads
    }

    /// Aligns the paragraphs of a document with those of its translation,
    /// as the translation file convention expects them: one for one, the
    /// translation perhaps stopping early. Each paragraph comes with its
    /// line, and a 1-1 bead of two paragraphs on the same line is the
    /// likelier for it (by 1.5 nats). Beads cover both lists in
    /// order; French paragraphs after the last one the English translates
    /// come last as 1-0 beads. A paragraph left out costs the same whatever
    /// its length (a missing paragraph is not a long sentence that fits
    /// badly), and the band of the dynamic programme follows the
    /// line-for-line diagonal, whatever the two documents' lengths.
    pub fn align_paragraphs<S: AsRef<str>>(
        &self,
        fr: &[(usize, S)],
        en: &[(usize, S)],
    ) -> Vec<Bead> {
        let lines = |side: &[(usize, S)]| -> Vec<usize> { side.iter().map(|p| p.0).collect() };
        let lines = (lines(fr), lines(en));
        let text = |side: &[(usize, S)]| -> Vec<String> {
            side.iter().map(|p| p.1.as_ref().to_string()).collect()
        };
        let (fr, en) = self.prepare_all(&text(fr), &text(en));
        let (n, m) = (fr.len(), en.len());
        // The length ratio of the English to as many French paragraphs: a
        // translation that stops early must not bias it.
        let total_fr: f64 = fr.iter().take(m).map(|p| p.chars).sum();
        let total_en: f64 = en.iter().map(|p| p.chars).sum();
        let ratio = match self.ratio {
            Some(ratio) => ratio,
            None if total_fr > 200.0 && total_en > 200.0 => (total_en / total_fr).clamp(0.75, 1.25),
            None => 0.9,
        };
        let mut model = Model::new(self, &fr, &en, ratio);
        model.gap = Some(PARAGRAPH_GAP);
        model.open_end = true;
        model.lines = Some(lines);
        let centre: Vec<usize> = (0..=n).map(|i| i.min(m)).collect();
        model.solve_around(&centre, 4 + n.abs_diff(m)).0
    }
}

/// Marks the beads with both sides that have a sentence without
/// counterpart next to them ([`Bead::beside_alone`]).
fn mark_beside_alone(beads: &mut [Bead]) {
    let alone: Vec<bool> = beads
        .iter()
        .map(|b| b.fr.is_empty() || b.en.is_empty())
        .collect();
    for (k, b) in beads.iter_mut().enumerate() {
        let before = k > 0 && alone[k - 1];
        let after = alone.get(k + 1).copied().unwrap_or(false);
        b.beside_alone = !alone[k] && (before || after);
    }
}

/// The weight of lexical evidence ([`lexical::Evidence::ratio`]) in a
/// bead's cost. Set on the eight novels of `cargo xtask align-eval`, not
/// held out: pooled strict F1 0.893 at 0.25 and at 0.5, 0.882 at 1 (one
/// lexical round); with [`LEXICAL_ROUNDS`], 0.900 at 0.75 and 0.891 at 1.
const LEXICAL_WEIGHT: f64 = 0.5;

/// Half-width of the band of the lexical pass around the alignment before
/// it (widened as needed): 4 finds the same beads as [`ADAPT_WIDTH`] on
/// the eight novels of `cargo xtask align-eval`, in half the time.
const LEXICAL_WIDTH: usize = 4;

/// The least score of the beads that the lexical model is trained on.
const LEXICAL_TRAINING_SCORE: f64 = 0.5;

/// The most times a whole document is aligned with a lexicon learned from
/// the alignment before (fewer once the beads stop changing): on the eight
/// novels of `cargo xtask align-eval`, the beads after 4 are those after
/// 6, and after 3 nearly so.
const LEXICAL_ROUNDS: usize = 4;

/// The sentences `range` of `side`, joined with a space.
fn joined<S: AsRef<str>>(side: &[S], range: &Range<usize>) -> String {
    side[range.clone()]
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The cost, in nats, of a sentence without counterpart ([`Aligner::gap`]):
/// about a 1-1 bead whose lengths differ by four standard deviations,
/// or a 2-1 bead by three.
const SENTENCE_GAP: f64 = 8.0;

/// The cost, in nats, of a paragraph without counterpart in
/// [`Aligner::align_paragraphs`]: about a 1-1 paragraph pair whose lengths
/// differ by four standard deviations.
const PARAGRAPH_GAP: f64 = 5.0;

/// What a 1-1 bead of two paragraphs on the same line gains in
/// [`Aligner::align_paragraphs`], in nats: the convention says they
/// translate each other, unless the texts say otherwise.
const LINE_BONUS: f64 = 1.5;

/// The cost of each French paragraph after the last one translated
/// ([`Aligner::align_paragraphs`]), so that a translation that stops
/// early is told from one whose last paragraph joins the French's last
/// two.
const OPEN_END_COST: f64 = 4.0;

/// The number of an ordinal written with digits (`1er`, `1re`, `2e`,
/// `2eme`, `3es`; `1st`, `2nd`, `3rd`, `4th`, folded), if it is one.
fn ordinal(folded: &str) -> Option<String> {
    let digits = folded.find(|c: char| !c.is_ascii_digit())?;
    let suffix = &folded[digits..];
    let ordinal = matches!(
        suffix,
        "er" | "re" | "e" | "eme" | "es" | "emes" | "res" | "ers" | "st" | "nd" | "rd" | "th"
    );
    (digits > 0 && ordinal).then(|| folded[..digits].to_string())
}

fn contains_word(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The multiset intersection of two sorted lists: its size, and the sum of
/// its keys' weights (branch-free: the lists are short and their order
/// unpredictable).
fn common(a: &[u32], b: &[u32], weight: &[f64]) -> (usize, f64) {
    let (mut i, mut j, mut n, mut w) = (0, 0, 0, 0.0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        let hit = x == y;
        n += usize::from(hit);
        w += weight[x as usize] * f64::from(u8::from(hit));
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    (n, w)
}

/// ln Σ e^x over `terms` (not empty), without overflow.
fn log_sum_exp(terms: &[f64]) -> f64 {
    let top = terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if top == f64::NEG_INFINITY {
        return top;
    }
    top + terms.iter().map(|x| (x - top).exp()).sum::<f64>().ln()
}

/// The most sentences one side of a bead takes (3-1, 1-3).
const MAX_RUN: usize = 3;

/// Keyed anchor lists of a run, in the order the cost adds them.
const NUMBERS: usize = 0;
const TERMS: usize = 1;
const NAMES: usize = 2;
const COGNATES: usize = 3;

/// One side of a bead: a run of up to [`MAX_RUN`] consecutive sentences,
/// its length and its anchors, with every key replaced by an integer id (the
/// same key has the same id on both sides), so that a bead is judged without
/// comparing or copying strings.
#[derive(Clone, Copy, Debug, Default)]
struct Run {
    /// Non-blank characters.
    chars: f64,
    /// Counts of `?`, `!`, quotation marks, parentheses.
    punctuation: [u16; 4],
    /// How many numbers, terms, names and cognates the run has.
    sizes: [u32; 4],
    /// The numbers, terms, names and cognates that the other document has
    /// too (the others can never be matched): sorted id lists, as ranges of
    /// [`Runs::pool`].
    lists: [(u32, u32); 4],
    /// The largest weight ([`rarity`]) of each list's keys.
    top: [f64; 4],
}

/// The most that the matched keys of kind `k` can weigh in a bead of runs
/// `r1` and `r2`: every key of the shorter list matched, each at most the
/// lighter of the two runs' heaviest (only keys both documents have are in
/// the lists, so only they can match).
fn most_weight(r1: &Run, r2: &Run, k: usize) -> f64 {
    let size = |r: &Run| f64::from(r.lists[k].1 - r.lists[k].0);
    size(r1).min(size(r2)) * r1.top[k].min(r2.top[k])
}

/// Anchor keys of one sentence as ids: numbers, terms, names, cognates.
type Keys = [Vec<u32>; 4];

/// Every sentence's keys as ids, from `ids` (filled as new keys come).
fn keys(sentences: &[Prepared], ids: &mut Interner) -> Vec<Keys> {
    let mut intern = |keys: &[String]| -> Vec<u32> { keys.iter().map(|k| ids.id(k)).collect() };
    sentences
        .iter()
        .map(|p| {
            let a = &p.anchors;
            let terms = a
                .terms
                .iter()
                .map(|&t| u32::try_from(t).expect("fewer than 2³² glossary entries"))
                .collect();
            [
                intern(&a.numbers),
                terms,
                intern(&a.names),
                intern(&a.cognates),
            ]
        })
        .collect()
}

/// Which ids of each kind of key occur in both documents.
fn shared_keys(fr: &[Keys], en: &[Keys]) -> [Vec<bool>; 4] {
    std::array::from_fn(|k| {
        let size = fr
            .iter()
            .chain(en)
            .flat_map(|keys| keys[k].iter())
            .max()
            .map_or(0, |&id| id as usize + 1);
        let mut seen = [vec![false; size], vec![false; size]];
        for (side, sentences) in [fr, en].into_iter().enumerate() {
            for keys in sentences {
                for &id in &keys[k] {
                    seen[side][id as usize] = true;
                }
            }
        }
        let [a, b] = seen;
        a.into_iter().zip(b).map(|(x, y)| x && y).collect()
    })
}

/// Sentences a whole document needs on each side before its anchors are
/// weighed by rarity ([`rarity`]); paragraphs keep flat weights.
const RARITY_MIN_SENTENCES: usize = 40;
/// A key found in one sentence of this many weighs 1 …
const RARITY_BASE: f64 = 5.0;
/// … and no key weighs more than this.
const RARITY_CAP: f64 = 3.0;

/// How much a match of each key is worth, by kind, relative to the kind's
/// bonus: in a long document a name or cognate found in two sentences of a
/// thousand says far more about where they align than one found in every
/// tenth sentence (*Emma*, *il*/*ils*), as in information retrieval's
/// inverse document frequency: ln(S / df) / ln(5), capped at 3, where S is
/// the number of sentences of both sides and df those with the key. Short
/// inputs (a paragraph) weigh every key 1.
fn rarity(fr: &[Keys], en: &[Keys], shared: &[Vec<bool>; 4]) -> [Vec<f64>; 4] {
    let whole = fr.len().min(en.len()) >= RARITY_MIN_SENTENCES;
    let total = (fr.len() + en.len()) as f64;
    std::array::from_fn(|k| {
        let size = shared[k].len();
        if !whole {
            return vec![1.0; size];
        }
        // Sentences per key (a key twice in a sentence counts once).
        let mut df = vec![0u32; size];
        let mut last = vec![usize::MAX; size];
        for (n, keys) in fr.iter().chain(en).enumerate() {
            for &id in &keys[k] {
                if last[id as usize] != n {
                    last[id as usize] = n;
                    df[id as usize] += 1;
                }
            }
        }
        df.iter()
            .map(|&d| {
                ((total / f64::from(d.max(1))).ln() / RARITY_BASE.ln()).clamp(0.0, RARITY_CAP)
            })
            .collect()
    })
}

/// Every run of 0 to [`MAX_RUN`] sentences of one side, by its end: built
/// once, so that the dynamic programme never merges anchors per cell.
struct Runs {
    runs: Vec<Run>,
    pool: Vec<u32>,
}

impl Runs {
    fn new(
        sentences: &[Prepared],
        keys: &[Keys],
        shared: &[Vec<bool>; 4],
        rarity: &[Vec<f64>; 4],
    ) -> Runs {
        let mut runs = Vec::with_capacity((sentences.len() + 1) * (MAX_RUN + 1));
        let mut pool: Vec<u32> = Vec::new();
        let offset = |pool: &Vec<u32>| u32::try_from(pool.len()).expect("fewer than 2³² anchors");
        for end in 0..=sentences.len() {
            for len in 0..=MAX_RUN {
                if len > end {
                    runs.push(Run::default());
                    continue;
                }
                let span = end - len..end;
                let mut run = Run {
                    chars: sentences[span.clone()].iter().map(|p| p.chars).sum(),
                    ..Run::default()
                };
                for p in &sentences[span.clone()] {
                    for (k, v) in p.anchors.punctuation.iter().enumerate() {
                        run.punctuation[k] += v;
                    }
                }
                for k in 0..4 {
                    let start = offset(&pool);
                    for sentence in &keys[span.clone()] {
                        let all = &sentence[k];
                        run.sizes[k] += u32::try_from(all.len()).expect("fewer than 2³² anchors");
                        pool.extend(all.iter().filter(|&&id| shared[k][id as usize]));
                    }
                    pool[start as usize..].sort_unstable();
                    run.lists[k] = (start, offset(&pool));
                    run.top[k] = pool[start as usize..]
                        .iter()
                        .map(|&id| rarity[k][id as usize])
                        .fold(0.0, f64::max);
                }
                runs.push(run);
            }
        }
        Runs { runs, pool }
    }

    /// The run of `len` sentences ending before sentence `end`.
    fn at(&self, end: usize, len: usize) -> &Run {
        &self.runs[end * (MAX_RUN + 1) + len]
    }

    /// One of a run's id lists (its keys the other document has too).
    fn list(&self, run: &Run, k: usize) -> &[u32] {
        let (start, end) = run.lists[k];
        &self.pool[start as usize..end as usize]
    }
}

/// Standard normal cumulative distribution (Abramowitz & Stegun 26.2.17).
fn phi(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.231_641_9 * x.abs());
    let poly = t
        * (0.319_381_530
            + t * (-0.356_563_782
                + t * (1.781_477_937 + t * (-1.821_255_978 + t * 1.330_274_429))));
    let tail = (-x * x / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt() * poly;
    if x >= 0.0 { 1.0 - tail } else { tail }
}

/// −ln of the two-sided tail of a standard normal beyond |δ| (at most
/// −ln 10⁻¹²).
fn tail_cost(delta: f64) -> f64 {
    -(2.0 * (1.0 - phi(delta.abs()))).max(1e-12).ln()
}

/// Steps per unit of |δ| in [`tail_cost_floor`]'s table.
const TAIL_STEPS: f64 = 16.0;

/// A lower bound of [`tail_cost`] without its exponential and logarithm:
/// the cost at the grid point just below |δ| (the cost grows with |δ|),
/// less a margin far above rounding error.
fn tail_cost_floor(delta: f64) -> f64 {
    static TABLE: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        (0..=(10.0 * TAIL_STEPS) as usize)
            .map(|k| tail_cost(k as f64 / TAIL_STEPS) - 1e-9)
            .collect()
    });
    // NaN gives 0 (the smallest bound), infinity the last entry.
    let k = (delta.abs() * TAIL_STEPS) as usize;
    table[k.min(table.len() - 1)]
}

/// Whole documents of at least this many beads are aligned again with
/// re-estimated parameters ([`Aligner::adapt`]).
const ADAPT_MIN_BEADS: usize = 40;
/// How many times the parameters are re-estimated.
const ADAPT_ROUNDS: usize = 2;
/// Half-width of the band around the previous alignment.
const ADAPT_WIDTH: usize = 12;

/// The English position of an alignment at each French position (the
/// start of the bead that covers it).
fn path_centres(beads: &[Bead], n: usize) -> Vec<usize> {
    let mut centre = vec![0; n + 1];
    for b in beads {
        for i in b.fr.clone() {
            centre[i] = b.en.start;
        }
        centre[b.fr.end] = b.en.end;
    }
    centre
}

/// The cells of a dynamic programme kept: row i (French position) holds
/// English positions `lo[i]..=hi[i]`, stored flat from `start[i]`.
struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
    start: Vec<usize>,
    /// The last English position.
    m: usize,
}

impl Band {
    /// The cells within `width` of `centre` (the English position expected
    /// at each French one).
    fn new(centre: &[usize], m: usize, width: usize) -> Band {
        let n = centre.len() - 1;
        let mut lo: Vec<usize> = centre.iter().map(|c| c.saturating_sub(width)).collect();
        let hi: Vec<usize> = centre.iter().map(|c| (c + width).min(m)).collect();
        // Each row starts no later than the row before ends, so that every
        // row is reachable (by a 1-0 bead) even where the centre jumps, as it
        // does over a run of English sentences without counterpart.
        for i in 1..=n {
            lo[i] = lo[i].min(hi[i - 1]);
        }
        let mut start = Vec::with_capacity(n + 2);
        start.push(0);
        for i in 0..=n {
            start.push(start[i] + hi[i] - lo[i] + 1);
        }
        Band { lo, hi, start, m }
    }

    /// Rows: French positions 0 to n.
    fn rows(&self) -> usize {
        self.lo.len()
    }

    /// Where cell (i, j) is stored, if it is in the band.
    fn index(&self, i: usize, j: usize) -> Option<usize> {
        (i < self.rows() && j >= self.lo[i] && j <= self.hi[i])
            .then(|| self.start[i] + j - self.lo[i])
    }
}

struct Model<'a> {
    aligner: &'a Aligner,
    fr: Runs,
    en: Runs,
    ratio: f64,
    /// Variance of the length difference per character.
    variance: f64,
    /// −ln prior of each of [`KINDS`].
    prior_cost: [f64; KINDS.len()],
    /// Whether any anchor weighs: false for the length model alone, whose
    /// beads then skip the anchor comparisons (which would add zeros).
    anchors: bool,
    /// Whether no unmatched anchor lowers a cost (no negative weight), so
    /// that [`Model::max_bonus`] bounds what anchors can take off.
    bounded: bool,
    /// Each key's weight, by kind ([`rarity`]).
    rarity: [Vec<f64>; 4],
    /// The most a 1-0 or 0-1 bead costs (before anchors), whatever its
    /// length, when set: a sentence or paragraph left out is not a long
    /// one that fits badly.
    gap: Option<f64>,
    /// Whether the alignment may stop before the last French sentence (the
    /// rest without counterpart, at no cost): a translation that stops
    /// early.
    open_end: bool,
    /// The line of each French and English item, when lines are evidence
    /// (paragraphs under the translation file convention): a 1-1 bead on
    /// one line gains [`LINE_BONUS`].
    lines: Option<(Vec<usize>, Vec<usize>)>,
    /// Lexical evidence, in the last pass over a whole document: bead
    /// costs then count it, and no bead is pruned (its bound would not
    /// hold).
    lexical: Option<lexical::Evidence>,
}

impl<'a> Model<'a> {
    fn new(aligner: &'a Aligner, fr: &[Prepared], en: &[Prepared], ratio: f64) -> Model<'a> {
        let mut ids = Interner::default();
        let fr_keys = keys(fr, &mut ids);
        let en_keys = keys(en, &mut ids);
        let shared = shared_keys(&fr_keys, &en_keys);
        let rarity = rarity(&fr_keys, &en_keys, &shared);
        let fr = Runs::new(fr, &fr_keys, &shared, &rarity);
        let en = Runs::new(en, &en_keys, &shared, &rarity);
        let a = aligner;
        let weights = [
            a.number.0,
            a.number.1,
            a.name.0,
            a.name.1,
            a.cognate,
            a.term.0,
            a.term.1,
            a.punctuation.0,
            a.punctuation.1,
        ];
        Model {
            aligner,
            fr,
            en,
            ratio,
            variance: aligner.variance,
            prior_cost: KINDS.map(|(_, prior)| -prior.ln()),
            anchors: weights.iter().any(|&w| w != 0.0),
            bounded: [a.number.1, a.name.1, a.term.1, a.punctuation.1]
                .iter()
                .all(|&w| w >= 0.0),
            rarity,
            gap: aligner.gap,
            open_end: false,
            lines: None,
            lexical: None,
        }
    }

    /// The most a bead of `di` French and `dj` English sentences costs
    /// before its anchors: a gap's cap, if gaps have one.
    fn gap_cost(&self, di: usize, dj: usize) -> f64 {
        match self.gap {
            Some(gap) if di == 0 || dj == 0 => gap,
            _ => f64::INFINITY,
        }
    }

    /// Gale & Church's δ = (l2 − c·l1) / √(s²·mean length).
    fn delta(&self, l1: f64, l2: f64) -> f64 {
        let mean = (l1 + l2 / self.ratio) / 2.0;
        if mean > 0.0 {
            (l2 - self.ratio * l1) / (self.variance * mean).sqrt()
        } else {
            0.0
        }
    }

    /// −ln P(length): δ under a standard normal.
    fn length_cost(&self, l1: f64, l2: f64) -> f64 {
        tail_cost(self.delta(l1, l2))
    }

    /// Cost, in nats (prior, length, anchors), of the bead of type
    /// `KINDS[kind]` that ends before French sentence `i` and English
    /// sentence `j`.
    fn judge(&self, i: usize, j: usize, kind: usize) -> f64 {
        let BeadKind(di, dj) = KINDS[kind].0;
        let (r1, r2) = (self.fr.at(i, di), self.en.at(j, dj));
        let base = (self.prior_cost[kind] + self.length_cost(r1.chars, r2.chars))
            .min(self.gap_cost(di, dj))
            - self.line_bonus(i, j, di, dj);
        self.with_anchors(r1, r2, base)
    }

    /// The whole cost of the bead of kind `KINDS[kind]` ending before `i`
    /// and `j`: [`Model::judge`]'s, less its lexical evidence.
    fn cost(&self, i: usize, j: usize, kind: usize) -> f64 {
        let BeadKind(di, dj) = KINDS[kind].0;
        self.judge(i, j, kind) - self.lexical_bonus(i, j, di, dj)
    }

    /// Gives each bead of the alignment found in `band` its probability
    /// ([`Bead::probability`]): forward–backward over the band, each
    /// alignment weighed by e^−cost.
    fn probabilities(&self, band: &Band, beads: &mut [Bead]) {
        const K: usize = KINDS.len();
        let (n, m) = (band.rows() - 1, band.m);
        let cells = band.start[n + 1];
        let cell = |i: usize, j: usize| band.start[i] + j - band.lo[i];
        // The log-weight of each bead of the band, by its last cell and kind.
        let mut weight = vec![f64::NEG_INFINITY; cells * K];
        for i in 0..=n {
            for j in band.lo[i]..=band.hi[i] {
                for (k, &(BeadKind(di, dj), _)) in KINDS.iter().enumerate() {
                    if di <= i && dj <= j && band.index(i - di, j - dj).is_some() {
                        weight[cell(i, j) * K + k] = -self.cost(i, j, k);
                    }
                }
            }
        }
        let mut terms = Vec::with_capacity(K + 1);
        // Forward: the log-weight of every alignment from (0, 0) to a cell.
        let mut forward = vec![f64::NEG_INFINITY; cells];
        forward[0] = 0.0;
        for i in 0..=n {
            for j in band.lo[i]..=band.hi[i] {
                terms.clear();
                for (k, &(BeadKind(di, dj), _)) in KINDS.iter().enumerate() {
                    let w = weight[cell(i, j) * K + k];
                    if w > f64::NEG_INFINITY {
                        terms.push(forward[cell(i - di, j - dj)] + w);
                    }
                }
                if !terms.is_empty() {
                    forward[cell(i, j)] = log_sum_exp(&terms);
                }
            }
        }
        // Backward: from a cell to (n, m).
        let mut backward = vec![f64::NEG_INFINITY; cells];
        for i in (0..=n).rev() {
            for j in (band.lo[i]..=band.hi[i]).rev() {
                if (i, j) == (n, m) {
                    backward[cell(i, j)] = 0.0;
                    continue;
                }
                terms.clear();
                for (k, &(BeadKind(di, dj), _)) in KINDS.iter().enumerate() {
                    if let Some(next) = band.index(i + di, j + dj) {
                        let w = weight[next * K + k];
                        if w > f64::NEG_INFINITY {
                            terms.push(w + backward[next]);
                        }
                    }
                }
                if !terms.is_empty() {
                    backward[cell(i, j)] = log_sum_exp(&terms);
                }
            }
        }
        let total = forward[cell(n, m)];
        for b in beads {
            let Some(k) = KINDS.iter().position(|&(kind, _)| kind == b.kind()) else {
                continue;
            };
            let (start, end) = (cell(b.fr.start, b.en.start), cell(b.fr.end, b.en.end));
            let p = (forward[start] + weight[end * K + k] + backward[end] - total).exp();
            b.probability = Some(p.clamp(0.0, 1.0));
        }
    }

    /// What lexical evidence takes off the cost of the bead of `di` French
    /// and `dj` English sentences ending before `i` and `j`.
    fn lexical_bonus(&self, i: usize, j: usize, di: usize, dj: usize) -> f64 {
        self.lexical
            .as_ref()
            .map_or(0.0, |e| LEXICAL_WEIGHT * e.ratio(i - di..i, j - dj..j))
    }

    /// What a 1-1 bead ending before `i` and `j` gains when its two sides
    /// are on the same line ([`Model::lines`]).
    fn line_bonus(&self, i: usize, j: usize, di: usize, dj: usize) -> f64 {
        match &self.lines {
            Some((fr, en)) if di == 1 && dj == 1 && fr[i - 1] == en[j - 1] => LINE_BONUS,
            _ => 0.0,
        }
    }

    /// The most the anchors of two runs can lower a bead's cost: every
    /// anchor of the sparser side matched, no unmatched one (no bound, and
    /// so no pruning, when a weight makes unmatched anchors a bonus).
    fn max_bonus(&self, r1: &Run, r2: &Run) -> f64 {
        if !self.anchors {
            return 0.0;
        }
        if !self.bounded {
            return f64::INFINITY;
        }
        let a = self.aligner;
        let pairs = |k: usize| most_weight(r1, r2, k);
        let marks: u16 = (0..4)
            .map(|k| r1.punctuation[k].min(r2.punctuation[k]))
            .sum();
        a.number.0.max(0.0) * pairs(NUMBERS)
            + a.term.0.max(0.0) * pairs(TERMS)
            + a.name.0.max(0.0) * pairs(NAMES)
            + a.cognate.max(0.0) * pairs(COGNATES)
            + a.punctuation.0.max(0.0) * f64::from(marks)
    }

    /// A bead's cost from `cost` (its prior and length costs) and the
    /// anchors of its two sides.
    fn with_anchors(&self, r1: &Run, r2: &Run, cost: f64) -> f64 {
        self.with_anchors_below(r1, r2, cost, f64::INFINITY)
            .expect("no ceiling")
    }

    /// [`Model::with_anchors`], or `None` once the cost is sure to exceed
    /// `ceiling` (cognates, the longest lists, are compared last).
    fn with_anchors_below(&self, r1: &Run, r2: &Run, mut cost: f64, ceiling: f64) -> Option<f64> {
        let a = self.aligner;
        if !self.anchors {
            return Some(cost);
        }
        let mut evidence = |k: usize, (bonus, miss): (f64, f64)| {
            let (x, y) = (self.fr.list(r1, k), self.en.list(r2, k));
            let (shared, weight) = common(x, y, &self.rarity[k]);
            let sizes = r1.sizes[k] as usize + r2.sizes[k] as usize;
            let unmatched = (sizes - 2 * shared) as f64;
            cost += -bonus * weight + miss * unmatched;
        };
        evidence(NUMBERS, a.number);
        evidence(TERMS, a.term);
        evidence(NAMES, a.name);
        let mut marks = (0, 0, 0);
        for k in 0..4 {
            let (x, y) = (
                usize::from(r1.punctuation[k]),
                usize::from(r2.punctuation[k]),
            );
            marks = (marks.0 + x.min(y), marks.1 + x, marks.2 + y);
        }
        let unmatched = (marks.1 + marks.2 - 2 * marks.0) as f64;
        cost += -a.punctuation.0 * marks.0 as f64 + a.punctuation.1 * unmatched;
        if cost - a.cognate.max(0.0) * most_weight(r1, r2, COGNATES) > ceiling {
            return None;
        }
        let (x, y) = (self.fr.list(r1, COGNATES), self.en.list(r2, COGNATES));
        Some(cost - a.cognate * common(x, y, &self.rarity[COGNATES]).1)
    }

    /// Confidence in a bead of cost `cost`, on a logistic scale: a 1-1
    /// bead of fitting length and no anchors scores about 0.73; matched
    /// anchors raise it, unmatched numbers and names, a poor length fit or
    /// a rarer bead type lower it.
    fn score(&self, fr: Range<usize>, en: Range<usize>, cost: f64) -> f64 {
        if fr.is_empty() || en.is_empty() {
            return 0.0;
        }
        // The cost of a plain 1-1 bead of typical length fit.
        let typical = -(KINDS[0].1).ln() + 0.5;
        1.0 / (1.0 + (-(typical - cost + 1.0)).exp())
    }

    /// The alignment of `n` French and `m` English sentences, and the band
    /// it was found in.
    fn solve(&mut self, n: usize, m: usize) -> (Vec<Bead>, Band) {
        let diagonal: Vec<usize> = (0..=n)
            .map(|i| (i * m).checked_div(n).unwrap_or(0))
            .collect();
        let (mut beads, mut band) = self.solve_around(&diagonal, 20 + n.abs_diff(m));
        if self.aligner.adapt {
            for _ in 0..ADAPT_ROUNDS {
                if !self.refit(&beads) {
                    break;
                }
                // The new alignment stays close to the first one: a narrow
                // band around it, widened as needed.
                let path = path_centres(&beads, n);
                (beads, band) = self.solve_around(&path, ADAPT_WIDTH);
            }
        }
        (beads, band)
    }

    /// The dynamic programme in a band of `width` around `centre` (the
    /// English position expected at each French one), widened until the
    /// best path no longer touches its edge; and that band.
    fn solve_around(&mut self, centre: &[usize], mut width: usize) -> (Vec<Bead>, Band) {
        let n = centre.len() - 1;
        let m = self.en.runs.len() / (MAX_RUN + 1) - 1;
        loop {
            let band = Band::new(centre, m, width);
            if let Some(evidence) = &mut self.lexical {
                // French sentence s is in the beads that end at rows s + 1
                // to s + 3, with English sentences from 3 before those
                // rows' first cell to their last.
                evidence.window(|s| {
                    let rows = s + 1..=(s + MAX_RUN).min(n);
                    let first = rows.clone().map(|i| band.lo[i]).min().unwrap_or(0);
                    let last = rows.map(|i| band.hi[i]).max().unwrap_or(0);
                    first.saturating_sub(MAX_RUN)..last
                });
            }
            let (beads, touched) = self.solve_in_band(&band);
            if !touched || width >= n.max(m) {
                return (beads, band);
            }
            width *= 2;
        }
    }

    /// Re-estimates the length ratio from an alignment: the median ratio of
    /// its 1-1 beads, which sentences left out of the translation do not
    /// bias (the whole documents' ratio counts them); false when the
    /// alignment is too short to say, or the ratio did not change.
    fn refit(&mut self, beads: &[Bead]) -> bool {
        if beads.len() < ADAPT_MIN_BEADS {
            return false;
        }
        let mut ratios: Vec<f64> = beads
            .iter()
            .filter(|b| b.kind() == BeadKind(1, 1))
            .map(|b| (self.fr.at(b.fr.end, 1).chars, self.en.at(b.en.end, 1).chars))
            .filter(|&(l1, l2)| l1 > 0.0 && l2 > 0.0)
            .map(|(l1, l2)| l2 / l1)
            .collect();
        if ratios.len() < ADAPT_MIN_BEADS / 2 {
            return false;
        }
        ratios.sort_unstable_by(f64::total_cmp);
        let ratio = ratios[ratios.len() / 2].clamp(0.5, 2.0);
        // The variance, from the median squared deviation of the same beads
        // under the new ratio (the median of a squared standard normal is
        // 0.455), kept within a factor of two of Gale & Church's.
        let mut spread: Vec<f64> = beads
            .iter()
            .filter(|b| b.kind() == BeadKind(1, 1))
            .map(|b| (self.fr.at(b.fr.end, 1).chars, self.en.at(b.en.end, 1).chars))
            .filter(|&(l1, l2)| l1 > 0.0 && l2 > 0.0)
            .map(|(l1, l2)| (l2 - ratio * l1).powi(2) / ((l1 + l2 / ratio) / 2.0))
            .collect();
        spread.sort_unstable_by(f64::total_cmp);
        let variance = (spread[spread.len() / 2] / 0.455)
            .clamp(self.aligner.variance / 2.0, self.aligner.variance * 2.0);
        let changed = (ratio - self.ratio).abs() > 1e-3 || (variance - self.variance).abs() > 1e-2;
        self.ratio = ratio;
        self.variance = variance;
        changed
    }

    /// Dynamic programme in `band`; also says whether the best path
    /// touched the band's edge.
    fn solve_in_band(&self, band: &Band) -> (Vec<Bead>, bool) {
        let Band { lo, hi, start, m } = band;
        let (n, m) = (band.rows() - 1, *m);
        let mut cost = vec![f64::INFINITY; start[n + 1]];
        let mut back = vec![u8::MAX; start[n + 1]];
        for i in 0..=n {
            let (l, h) = (lo[i], hi[i]);
            for j in l..=h {
                let here = start[i] + j - l;
                if i == 0 && j == 0 {
                    cost[here] = 0.0;
                    continue;
                }
                let mut best = f64::INFINITY;
                let mut best_kind = u8::MAX;
                for (k, &(BeadKind(di, dj), _)) in KINDS.iter().enumerate() {
                    if di > i || dj > j {
                        continue;
                    }
                    // The cell the bead starts from, if inside the band (a
                    // bead within the row must start inside it too).
                    let (pi, pj) = (i - di, j - dj);
                    if pj < lo[pi] || pj > hi[pi] {
                        continue;
                    }
                    let before = cost[start[pi] + pj - lo[pi]];
                    if !before.is_finite() {
                        continue;
                    }
                    // Beads that cannot beat the best one found for the cell
                    // are not judged in full: a lower bound of their cost is
                    // enough (with a margin far above rounding error, so the
                    // result is the same as judging every bead).
                    let r1 = self.fr.at(i, di);
                    let r2 = self.en.at(j, dj);
                    let margin = 1e-9 * (1.0 + best.abs());
                    let bonus = if self.lexical.is_some() {
                        f64::INFINITY
                    } else {
                        self.max_bonus(r1, r2) + self.line_bonus(i, j, di, dj)
                    };
                    let prior = self.prior_cost[k];
                    if before + prior - bonus > best + margin {
                        continue;
                    }
                    let gap = self.gap_cost(di, dj);
                    let delta = self.delta(r1.chars, r2.chars);
                    if before + (prior + tail_cost_floor(delta)).min(gap) - bonus > best + margin {
                        continue;
                    }
                    let base = (prior + tail_cost(delta)).min(gap) - self.line_bonus(i, j, di, dj);
                    // With lexical evidence, no bound: every bead is judged.
                    let ceiling = if self.lexical.is_some() {
                        f64::INFINITY
                    } else {
                        best + margin - before
                    };
                    let Some(judged) = self.with_anchors_below(r1, r2, base, ceiling) else {
                        continue;
                    };
                    let c = before + judged - self.lexical_bonus(i, j, di, dj);
                    if c < best {
                        best = c;
                        best_kind = k as u8;
                    }
                }
                cost[here] = best;
                back[here] = best_kind;
            }
        }
        let mut beads = Vec::new();
        let mut touched = false;
        // Where the alignment ends: (n, m), or with an open end the best
        // cell of the last column (the French after it left without
        // counterpart).
        let mut end = n;
        if self.open_end {
            for i in 0..=n {
                let at = |i: usize| {
                    band.index(i, m).map_or(f64::INFINITY, |k| cost[k])
                        + OPEN_END_COST * (n - i) as f64
                };
                if at(i) < at(end) {
                    end = i;
                }
            }
        }
        for i in end..n {
            beads.push(Bead {
                fr: i..i + 1,
                en: m..m,
                score: 0.0,
                probability: None,
                beside_alone: false,
            });
        }
        beads.reverse();
        let (mut i, mut j) = (end, m);
        while i > 0 || j > 0 {
            let (l, h) = (lo[i], hi[i]);
            touched |= (j == l && l > 0) || (j == h && h < m);
            let kind = usize::from(back[start[i] + j - l]);
            let BeadKind(di, dj) = KINDS[kind].0;
            let cost = self.judge(i, j, kind);
            let score = self.score(i - di..i, j - dj..j, cost);
            beads.push(Bead {
                fr: i - di..i,
                en: j - dj..j,
                score,
                probability: None,
                beside_alone: false,
            });
            i -= di;
            j -= dj;
        }
        beads.reverse();
        (beads, touched)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys of `n` sentences where key 0 is in every sentence, key 1 in
    /// every tenth and key 2 in the first only.
    fn keyed(n: usize) -> Vec<Keys> {
        (0..n)
            .map(|i| {
                let mut names = vec![0];
                if i % 10 == 0 {
                    names.push(1);
                }
                if i == 0 {
                    names.push(2);
                }
                [vec![], vec![], names, vec![]]
            })
            .collect()
    }

    #[test]
    fn rare_keys_weigh_more_in_whole_documents() {
        let (fr, en) = (keyed(500), keyed(500));
        let shared = shared_keys(&fr, &en);
        let names = &rarity(&fr, &en, &shared)[NAMES];
        assert_eq!(names[0], 0.0, "a key in every sentence says nothing");
        assert!((names[1] - 10f64.ln() / 5f64.ln()).abs() < 1e-12);
        assert_eq!(names[2], RARITY_CAP);
    }

    #[test]
    fn paragraphs_weigh_every_key_alike() {
        let (fr, en) = (keyed(RARITY_MIN_SENTENCES - 1), keyed(100));
        let shared = shared_keys(&fr, &en);
        assert_eq!(rarity(&fr, &en, &shared)[NAMES], [1.0; 3]);
    }

    #[test]
    fn numbers_are_normalised_across_languages() {
        let fr = Aligner::prepare(
            "Il y a 10 000 habitants et 3,5 % de hausse en 2024.",
            true,
            &[],
        );
        let en = Aligner::prepare(
            "There are 10,000 inhabitants and a 3.5% rise in 2024.",
            false,
            &[],
        );
        assert_eq!(fr.anchors.numbers, en.anchors.numbers);
    }

    #[test]
    fn ordinals_are_their_numbers() {
        let fr = Aligner::prepare(
            "Le 1er juillet 2026, pour la 2e fois au XXIe siècle.",
            true,
            &[],
        );
        let en = Aligner::prepare(
            "On 1 July 2026, for the 2nd time in the 21st century.",
            false,
            &[],
        );
        assert_eq!(fr.anchors.numbers, ["1", "2", "2026"]);
        assert_eq!(en.anchors.numbers, ["1", "2", "2026", "21"]);
    }

    #[test]
    fn tail_cost_floor_bounds_the_length_cost() {
        // The pruning in the dynamic programme relies on it: the length cost
        // never falls below the table's bound, at any |δ|.
        let mut x = 0.0;
        while x < 12.0 {
            for d in [x, -x] {
                assert!(tail_cost_floor(d) <= tail_cost(d), "δ = {d}");
            }
            x += 1e-4;
        }
        assert!(tail_cost_floor(f64::INFINITY) <= tail_cost(f64::INFINITY));
        assert!(tail_cost_floor(f64::NAN) <= tail_cost(0.0));
    }

    #[test]
    fn empty_sides_give_gap_beads() {
        let beads = Aligner::default().align(&["Un."], &[] as &[&str]);
        assert_eq!(beads.len(), 1);
        assert_eq!(beads[0].kind(), BeadKind(1, 0));
        assert!(beads[0].is_weak());
    }

    #[test]
    fn long_skewed_inputs_align_in_a_band() {
        // Every seventh French sentence is split in two in English, and a
        // few English sentences have no French counterpart.
        let fr: Vec<String> = (0..300)
            .map(|i| format!("Le rapport numéro {i} a été publié hier soir."))
            .collect();
        let mut en = Vec::new();
        let mut expected = Vec::new();
        for i in 0..300 {
            let start = en.len();
            if i % 7 == 0 {
                en.push(format!("Report number {i} was published."));
                en.push("It came out last night.".to_string());
            } else {
                en.push(format!("Report number {i} was published last night."));
            }
            expected.push((i..i + 1, start..en.len()));
            if i % 97 == 50 {
                en.push("(Updated.)".to_string());
            }
        }
        let beads = Aligner::default().align(&fr, &en);
        let found = beads
            .iter()
            .filter(|b| expected.contains(&(b.fr.clone(), b.en.clone())))
            .count();
        // The three insertions may attach to a neighbour (a 1-2 bead costs
        // less than a 0-1 one): every other bead must be exact.
        assert!(found >= 297, "{found} of 300");
    }

    #[test]
    fn a_long_run_without_counterpart_at_the_end_still_aligns() {
        // The refined pass centres its band on the first path, which leaves
        // the last French sentence for the English tail: the band must
        // stay connected from row to row for the end to be reachable.
        let fr: Vec<String> = (0..50)
            .map(|i| format!("Le rapport numéro {i} a été publié hier."))
            .collect();
        let mut en: Vec<String> = (0..50)
            .map(|i| format!("Report number {i} was published yesterday."))
            .collect();
        en.extend((0..60).map(|_| String::new()));
        let beads = Aligner::default().align(&fr, &en);
        assert_eq!(beads.last().map(|b| (b.fr.end, b.en.end)), Some((50, 110)));
        assert!(
            beads
                .windows(2)
                .all(|w| w[0].fr.end == w[1].fr.start && w[0].en.end == w[1].en.start)
        );
        let exact = (0..50)
            .filter(|&i| {
                beads
                    .iter()
                    .any(|b| b.fr == (i..i + 1) && b.en == (i..i + 1))
            })
            .count();
        assert!(exact >= 49, "{exact} of 50");
    }

    #[test]
    fn a_clear_alignment_is_probable() {
        let fr: Vec<String> = (0..30)
            .map(|i| format!("Le rapport {i} a été publié{}.", " hier".repeat(i % 4)))
            .collect();
        let en: Vec<String> = (0..30)
            .map(|i| format!("Report {i} was published{}.", " yesterday".repeat(i % 4)))
            .collect();
        let beads = Aligner::default().align(&fr, &en);
        assert_eq!(beads.len(), 30);
        for b in &beads {
            let p = b.probability.expect("a probability");
            assert!(p > 0.95 && p <= 1.0, "{b:?}");
            assert!(!b.is_weak(), "{b:?}");
        }
    }

    #[test]
    fn a_pairing_as_likely_as_another_is_uncertain_whatever_its_score() {
        // Two sentences translated in the other order: pairing them one to
        // one (wrong) or two to two (right) explain the lengths about as
        // well, so neither pairing is sure, though each bead scores above
        // the weak score.
        let fr = ["Il pleut sur la ville ce matin.", "Il neige."];
        let en = ["It snows.", "It rains on the town this morning."];
        let beads = Aligner::default().align(&fr, &en);
        assert!(!beads.is_empty());
        for b in &beads {
            assert!(b.score >= WEAK_SCORE, "{b:?}");
            assert!(b.is_uncertain() && b.is_weak(), "{b:?}");
        }
    }

    #[test]
    fn a_unit_beside_a_sentence_alone_is_weak() {
        let bead = |fr: Range<usize>, en: Range<usize>| Bead {
            fr,
            en,
            score: 0.9,
            probability: Some(1.0),
            beside_alone: false,
        };
        let mut beads = [
            bead(0..1, 0..1),
            bead(1..2, 1..2),
            bead(2..2, 2..3),
            bead(2..3, 3..4),
            bead(3..4, 4..5),
        ];
        mark_beside_alone(&mut beads);
        let beside: Vec<bool> = beads.iter().map(|b| b.beside_alone).collect();
        assert_eq!(beside, [false, true, false, true, false]);
        let weak: Vec<bool> = beads.iter().map(Bead::is_weak).collect();
        assert_eq!(weak, [false, true, true, true, false]);
    }

    #[test]
    fn an_english_sentence_left_out_flags_the_units_around_it() {
        let fr: Vec<String> = (0..60)
            .map(|i| {
                format!(
                    "Le rapport numéro {i} a été publié hier{}.",
                    " soir".repeat(i % 3)
                )
            })
            .collect();
        let mut en: Vec<String> = (0..60)
            .map(|i| {
                format!(
                    "Report number {i} was published yesterday{}.",
                    " evening".repeat(i % 3)
                )
            })
            .collect();
        en.insert(
            30,
            "Nobody in the town had expected anything of the kind, least of all the mayor."
                .to_string(),
        );
        let beads = Aligner::default().align(&fr, &en);
        let alone = beads
            .iter()
            .position(|b| b.fr.is_empty())
            .expect("the English sentence alone");
        assert_eq!(beads[alone].en, 30..31);
        for (k, b) in beads.iter().enumerate() {
            assert_eq!(b.beside_alone, k + 1 == alone || k == alone + 1, "{b:?}");
        }
    }

    #[test]
    fn the_length_model_alone_gives_no_probability() {
        let beads = Aligner::length_only().align(&["Un chat."], &["A cat."]);
        assert_eq!(beads[0].probability, None);
        assert!(!beads[0].is_uncertain());
    }
}
