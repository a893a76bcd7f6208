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
//!   cost of the bead, one left without its counterpart raises it.
//!
//! Paragraph pairs are aligned one by one ([`document::align_documents`]); documents whose
//! paragraphs do not correspond are aligned whole, in a band around the
//! diagonal that widens until the path no longer touches its edge, so that a
//! novel aligns in time and memory proportional to its length.
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

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

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
}

impl Bead {
    /// The bead's type.
    pub fn kind(&self) -> BeadKind {
        BeadKind(self.fr.len(), self.en.len())
    }

    /// Whether the bead should be checked by a person: a sentence without
    /// counterpart, or a score under [`WEAK_SCORE`].
    pub fn is_weak(&self) -> bool {
        self.fr.is_empty() || self.en.is_empty() || self.score < WEAK_SCORE
    }
}

/// Beads scoring below this are flagged as weak.
pub const WEAK_SCORE: f64 = 0.5;

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
    pub variance: f64,
    /// Bonus for a matched number, and cost of one left unmatched.
    pub number: (f64, f64),
    /// Bonus for a matched name or acronym, and cost of one left unmatched.
    pub name: (f64, f64),
    /// Bonus for a matched cognate (no cost for unmatched words: most words
    /// have no cognate).
    pub cognate: f64,
    /// Bonus for a matched glossary term, cost of one unmatched.
    pub term: (f64, f64),
    /// Bonus per matched punctuation mark, cost per unmatched one.
    pub punctuation: (f64, f64),
    /// Glossary entries used as anchors.
    pub glossary: Vec<TermPair>,
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
        }
    }
}

/// Folds a word for comparison: lowercase, accents removed, ASCII letters
/// and digits only.
fn fold(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    word.nfd()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase()
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
                let folded = fold(part);
                if folded.is_empty() {
                    continue;
                }
                if part.chars().any(|c| c.is_ascii_digit()) {
                    a.numbers.push(folded);
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

    /// Aligns French sentences with English ones; beads cover both lists in
    /// order.
    pub fn align<S: AsRef<str>>(&self, fr: &[S], en: &[S]) -> Vec<Bead> {
        let terms = |side: fn(&TermPair) -> &String| -> Vec<String> {
            self.glossary
                .iter()
                .map(|p| side(p).to_lowercase())
                .collect()
        };
        let (fr_terms, en_terms) = (terms(|p| &p.fr), terms(|p| &p.en));
        let fr: Vec<Prepared> = fr
            .iter()
            .map(|s| Self::prepare(s.as_ref(), true, &fr_terms))
            .collect();
        let en: Vec<Prepared> = en
            .iter()
            .map(|s| Self::prepare(s.as_ref(), false, &en_terms))
            .collect();
        let total_fr: f64 = fr.iter().map(|p| p.chars).sum();
        let total_en: f64 = en.iter().map(|p| p.chars).sum();
        // The document's own length ratio; a neutral one for tiny inputs.
        // Clamped: a translation with many untranslated sentences must not
        // make the model expect English to be longer than it is.
        let ratio = if total_fr > 200.0 && total_en > 200.0 {
            (total_en / total_fr).clamp(0.75, 1.25)
        } else {
            0.9
        };
        let model = Model {
            aligner: self,
            fr: &fr,
            en: &en,
            ratio,
        };
        model.solve()
    }
}

fn contains_word(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Size of the multiset intersection of two sorted lists.
fn common<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

fn merged<'a, T: Ord + Clone + 'a>(parts: impl Iterator<Item = &'a Vec<T>>) -> Vec<T> {
    let mut all: Vec<T> = parts.flatten().cloned().collect();
    all.sort();
    all
}

/// The anchors of a bead side.
fn side(list: &[Prepared]) -> Side<'_> {
    // One sentence (most beads): its anchors as they are, no copy.
    if let [p] = list {
        let a = &p.anchors;
        return (
            Cow::Borrowed(&a.numbers),
            Cow::Borrowed(&a.names),
            Cow::Borrowed(&a.cognates),
            Cow::Borrowed(&a.terms),
            a.punctuation,
        );
    }
    let mut punctuation = [0u16; 4];
    for p in list {
        for (k, v) in p.anchors.punctuation.iter().enumerate() {
            punctuation[k] += v;
        }
    }
    (
        Cow::Owned(merged(list.iter().map(|p| &p.anchors.numbers))),
        Cow::Owned(merged(list.iter().map(|p| &p.anchors.names))),
        Cow::Owned(merged(list.iter().map(|p| &p.anchors.cognates))),
        Cow::Owned(merged(list.iter().map(|p| &p.anchors.terms))),
        punctuation,
    )
}

/// A bead side's anchors: numbers, names, cognates, terms, punctuation.
type Side<'a> = (
    Cow<'a, Vec<String>>,
    Cow<'a, Vec<String>>,
    Cow<'a, Vec<String>>,
    Cow<'a, Vec<usize>>,
    [u16; 4],
);

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

struct Model<'a> {
    aligner: &'a Aligner,
    fr: &'a [Prepared],
    en: &'a [Prepared],
    ratio: f64,
}

impl Model<'_> {
    /// −ln P(length): Gale & Church's δ = (l2 − c·l1) / √(s²·mean length)
    /// under a standard normal.
    fn length_cost(&self, l1: f64, l2: f64) -> f64 {
        let mean = (l1 + l2 / self.ratio) / 2.0;
        let delta = if mean > 0.0 {
            (l2 - self.ratio * l1) / (self.aligner.variance * mean).sqrt()
        } else {
            0.0
        };
        -(2.0 * (1.0 - phi(delta.abs()))).max(1e-12).ln()
    }

    /// Cost of a bead, in nats: prior, length, anchors.
    fn judge(&self, fr: Range<usize>, en: Range<usize>, prior: f64) -> f64 {
        let a = self.aligner;
        let l1: f64 = self.fr[fr.clone()].iter().map(|p| p.chars).sum();
        let l2: f64 = self.en[en.clone()].iter().map(|p| p.chars).sum();
        let mut cost = -prior.ln() + self.length_cost(l1, l2);

        let (n1, m1, c1, t1, p1) = side(&self.fr[fr]);
        let (n2, m2, c2, t2, p2) = side(&self.en[en]);

        let mut evidence = |shared: usize, left: usize, right: usize, (bonus, miss): (f64, f64)| {
            let unmatched = (left + right - 2 * shared) as f64;
            cost += -bonus * shared as f64 + miss * unmatched;
        };
        evidence(common(&n1, &n2), n1.len(), n2.len(), a.number);
        evidence(common(&t1, &t2), t1.len(), t2.len(), a.term);
        evidence(common(&m1, &m2), m1.len(), m2.len(), a.name);
        let mut marks = (0, 0, 0);
        for k in 0..4 {
            let (x, y) = (usize::from(p1[k]), usize::from(p2[k]));
            marks = (marks.0 + x.min(y), marks.1 + x, marks.2 + y);
        }
        evidence(marks.0, marks.1, marks.2, a.punctuation);
        cost - a.cognate * common(&c1, &c2) as f64
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

    fn solve(&self) -> Vec<Bead> {
        let (n, m) = (self.fr.len(), self.en.len());
        let mut width = 20 + n.abs_diff(m);
        loop {
            let (beads, touched) = self.solve_in_band(width);
            if !touched || width >= n.max(m) {
                return beads;
            }
            width *= 2;
        }
    }

    /// Dynamic programme in a band of `width` around the diagonal; also says
    /// whether the best path touched the band's edge.
    fn solve_in_band(&self, width: usize) -> (Vec<Bead>, bool) {
        let (n, m) = (self.fr.len(), self.en.len());
        let centre = |i: usize| (i * m).checked_div(n).unwrap_or(0);
        let lo = |i: usize| centre(i).saturating_sub(width);
        let hi = |i: usize| (centre(i) + width).min(m);
        let mut cost: Vec<Vec<f64>> = Vec::with_capacity(n + 1);
        let mut back: Vec<Vec<u8>> = Vec::with_capacity(n + 1);
        let get = |cost: &Vec<Vec<f64>>, i: usize, j: usize| -> f64 {
            let (l, h) = (lo(i), hi(i));
            if j < l || j > h {
                f64::INFINITY
            } else {
                cost[i][j - l]
            }
        };
        for i in 0..=n {
            let (l, h) = (lo(i), hi(i));
            let mut row = vec![f64::INFINITY; h - l + 1];
            let mut brow = vec![u8::MAX; h - l + 1];
            for j in l..=h {
                if i == 0 && j == 0 {
                    row[0] = 0.0;
                    continue;
                }
                for (k, &(BeadKind(di, dj), prior)) in KINDS.iter().enumerate() {
                    if di > i || dj > j {
                        continue;
                    }
                    let before = if di == 0 {
                        (j >= l + dj).then(|| row[j - dj - l])
                    } else {
                        Some(get(&cost, i - di, j - dj))
                    };
                    let Some(before) = before.filter(|c| c.is_finite()) else {
                        continue;
                    };
                    let c = before + self.judge(i - di..i, j - dj..j, prior);
                    if c < row[j - l] {
                        row[j - l] = c;
                        brow[j - l] = k as u8;
                    }
                }
            }
            cost.push(row);
            back.push(brow);
        }
        let mut beads = Vec::new();
        let mut touched = false;
        let (mut i, mut j) = (n, m);
        while i > 0 || j > 0 {
            let (l, h) = (lo(i), hi(i));
            touched |= (j == l && l > 0) || (j == h && h < m);
            let (BeadKind(di, dj), prior) = KINDS[usize::from(back[i][j - l])];
            let cost = self.judge(i - di..i, j - dj..j, prior);
            let score = self.score(i - di..i, j - dj..j, cost);
            beads.push(Bead {
                fr: i - di..i,
                en: j - dj..j,
                score,
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
}
