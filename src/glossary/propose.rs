//! English equivalents for term candidates: the curated one when the
//! glossary has the term, else a proposal read from the aligned translation,
//! with its evidence, else none — never an invented one.
//!
//! Proposals come from a word-alignment model trained on the translation
//! units themselves ([`crate::wordalign`]: IBM Model 1 with a diagonal prior
//! on positions, after Dyer, Chahuneau and Smith's fast_align), trained in
//! both directions by expectation–maximisation and symmetrised (the two
//! directions' links intersected, then grown along diagonals to unaligned
//! words). At each occurrence of a candidate, the English words linked to
//! its French words give an English span, which is then made a whole noun
//! phrase: cut at punctuation and brackets, grammatical words trimmed off
//! its edges, widened to the whole of a capitalised name it would cut.
//! Names, acronyms, codes and numbers are looked for as they are (identity)
//! or spelled alike (cognates: *Tbilissi* / *Tbilisi*), and an acronym in
//! brackets answers the acronym in brackets of its sentence. A proposal is
//! made only when the occurrences agree (at least two, and most of them,
//! give the same English) or when identity, a cognate or brackets confirm
//! it; otherwise none. Its evidence is the English sentence it was read
//! from.

use std::borrow::Cow;

use crate::terms::Candidate;
use crate::terms::format::English;

use super::{Glossary, Status, fold};
use crate::text::{Interner, ascii_key, is_apostrophe, is_hyphen};
use crate::tm::Pair;
use crate::wordalign::{Table, symmetrise};

/// The English equivalent given to a candidate: curated (from the glossary)
/// or proposed (from the aligned translation, with its evidence).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Equivalent {
    /// The English term.
    pub english: String,
    /// The glossary entry's status; [`Status::Proposed`] for a proposal.
    pub status: Status,
    /// Where it comes from.
    pub source: EquivalentSource,
}

/// Where an [`Equivalent`] comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EquivalentSource {
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
            EquivalentSource::Curated { id } => Cow::Owned(format!("glossary: {id}")),
            EquivalentSource::Proposal { evidence } => Cow::Borrowed(evidence),
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
    "about", "against", "any", "all", "'s", "’s", "s", "there", "what", "when", "while", "whether",
    "if", "so", "such", "other", "some", "more", "most", "very", "only", "both", "each", "our",
    "your", "my", "can", "may", "might", "must", "do", "does", "did", "said", "says", "new",
];

/// Fewest character-bigram similarity for a cognate.
const MIN_COGNATE: f64 = 0.5;

/// A token of a sentence: its byte span, folded text, and whether it is a
/// word (else punctuation, a bracket, a quote…).
#[derive(Clone, Debug)]
struct Tok {
    span: std::ops::Range<usize>,
    folded: String,
    word: bool,
}

fn french_tokens(text: &str) -> Vec<Tok> {
    use crate::terms::token::Shape;
    crate::terms::token::tokenize(text)
        .into_iter()
        .map(|t| Tok {
            folded: fold(&text[t.span.clone()]),
            word: t.shape != Shape::Punct,
            span: t.span,
        })
        .collect()
}

/// English tokens: words (with inner hyphens, dashes and apostrophes,
/// numbers with their separators), a possessive `'s` apart, and each other
/// character that is not a space.
fn english_tokens(text: &str) -> Vec<Tok> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let joiner = |c: char| is_hyphen(c) || is_apostrophe(c) || c == '+';
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if crate::text::is_space(c) {
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(Tok {
                span: start..end_of(i + 1),
                folded: c.to_string(),
                word: false,
            });
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() {
            let c = chars[j].1;
            let next_alnum = chars.get(j + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
            let digits = chars[j - 1].1.is_ascii_digit()
                && chars.get(j + 1).is_some_and(|&(_, n)| n.is_ascii_digit());
            if c.is_alphanumeric()
                || (joiner(c) && next_alnum)
                || (matches!(c, ',' | '.') && digits)
            {
                j += 1;
            } else {
                break;
            }
        }
        let word = &text[start..end_of(j)];
        // The possessive `'s` is a word of its own.
        let cut = ["'s", "’s"]
            .iter()
            .find(|p| word.len() > p.len() && word.ends_with(*p))
            .map(|p| end_of(j) - p.len());
        match cut {
            Some(at) => {
                out.push(Tok {
                    span: start..at,
                    folded: fold(&text[start..at]),
                    word: true,
                });
                out.push(Tok {
                    span: at..end_of(j),
                    folded: fold(&text[at..end_of(j)]),
                    word: true,
                });
            }
            None => out.push(Tok {
                span: start..end_of(j),
                folded: fold(word),
                word: true,
            }),
        }
        i = j;
    }
    out
}

/// A word-alignment model over a set of translation units, and the links
/// it finds in each.
struct Model<'p> {
    units: Vec<Unit<'p>>,
}

/// One unit: its texts, tokens and the symmetrised links between its
/// French and English tokens (as token indexes).
struct Unit<'p> {
    pair: &'p Pair<&'p str>,
    fr: Vec<Tok>,
    en: Vec<Tok>,
    links: Vec<(usize, usize)>,
}

/// The word positions of a sentence (token indexes of its words) and
/// their ids.
struct Words {
    at: Vec<usize>,
    ids: Vec<u32>,
}

fn words_of(tokens: &[Tok], vocabulary: &mut Interner) -> Words {
    let at: Vec<usize> = (0..tokens.len()).filter(|&i| tokens[i].word).collect();
    let ids = at
        .iter()
        .map(|&i| vocabulary.id(&tokens[i].folded))
        .collect();
    Words { at, ids }
}

impl<'p> Model<'p> {
    /// Trains on `pairs` in both directions and links each unit's words.
    fn train(pairs: &'p [Pair<&'p str>]) -> Model<'p> {
        let (mut fr_vocabulary, mut en_vocabulary) = (Interner::default(), Interner::default());
        let tokens: Vec<(Vec<Tok>, Vec<Tok>)> = pairs
            .iter()
            .map(|p| (french_tokens(p.fr), english_tokens(p.en)))
            .collect();
        let words: Vec<(Words, Words)> = tokens
            .iter()
            .map(|(fr, en)| {
                (
                    words_of(fr, &mut fr_vocabulary),
                    words_of(en, &mut en_vocabulary),
                )
            })
            .collect();
        let fr_given_en: Vec<(&[u32], &[u32])> = words
            .iter()
            .map(|(fr, en)| (en.ids.as_slice(), fr.ids.as_slice()))
            .collect();
        let en_given_fr: Vec<(&[u32], &[u32])> =
            fr_given_en.iter().map(|&(en, fr)| (fr, en)).collect();
        let fr_table = Table::train(&fr_given_en);
        let en_table = Table::train(&en_given_fr);
        let units = pairs
            .iter()
            .zip(tokens)
            .zip(&words)
            .map(|((pair, (fr, en)), (fw, ew))| {
                let a: Vec<(usize, usize)> = fr_table
                    .viterbi(&ew.ids, &fw.ids)
                    .into_iter()
                    .enumerate()
                    .filter_map(|(j, i)| Some((fw.at[j], ew.at[i?])))
                    .collect();
                let b: Vec<(usize, usize)> = en_table
                    .viterbi(&fw.ids, &ew.ids)
                    .into_iter()
                    .enumerate()
                    .filter_map(|(i, j)| Some((fw.at[j?], ew.at[i])))
                    .collect();
                Unit {
                    pair,
                    fr,
                    en,
                    links: symmetrise(&a, &b),
                }
            })
            .collect();
        Model { units }
    }

    /// The English of `c` in the units, if they agree on one (or identity,
    /// a cognate or brackets confirm a single one).
    fn propose(&self, c: &Candidate) -> Option<Equivalent> {
        let forms: Vec<Vec<String>> = c
            .forms()
            .map(|f| {
                french_tokens(f)
                    .into_iter()
                    .filter(|t| t.word)
                    .map(|t| t.folded)
                    .collect::<Vec<_>>()
            })
            .filter(|f| !f.is_empty())
            .collect();
        // Per English (folded): votes, confirmed, the surface and its unit.
        let mut votes: Vec<(String, usize, bool, String, usize)> = Vec::new();
        for (u, unit) in self.units.iter().enumerate() {
            let words: Vec<usize> = (0..unit.fr.len()).filter(|&i| unit.fr[i].word).collect();
            for start in 0..words.len() {
                let Some(form) = forms.iter().find(|f| {
                    start + f.len() <= words.len()
                        && f.iter()
                            .zip(&words[start..])
                            .all(|(w, &k)| unit.fr[k].folded == *w)
                }) else {
                    continue;
                };
                let fr_span = words[start]..words[start + form.len() - 1] + 1;
                let Some((english, confirmed)) = unit.english_of(c, fr_span) else {
                    continue;
                };
                let key = fold(&english);
                match votes.iter_mut().find(|v| v.0 == key) {
                    Some(v) => {
                        v.1 += 1;
                        v.2 |= confirmed;
                    }
                    None => votes.push((key, 1, confirmed, english, u)),
                }
            }
        }
        // An English phrase is supported by the occurrences that give it
        // and those that give it with more around it (`air defence` by
        // `air defence systems`).
        let total: usize = votes.iter().map(|v| v.1).sum();
        let support = |key: &str| -> usize {
            votes
                .iter()
                .filter(|v| crate::text::contains_words(&v.0, key))
                .map(|v| v.1)
                .sum()
        };
        let best = votes
            .iter()
            .map(|v| (support(&v.0), v))
            .max_by(|(a, va), (b, vb)| {
                (a, va.2, vb.0.len())
                    .cmp(&(b, vb.2, va.0.len()))
                    .then_with(|| vb.0.cmp(&va.0))
            })?;
        let (support, best) = best;
        let agreed = support >= 2 && support * 2 > total;
        if !(agreed || (best.2 && support * 2 > total)) {
            return None;
        }
        let pair = self.units[best.4].pair;
        Some(Equivalent {
            english: best.3.clone(),
            status: Status::Proposed,
            source: EquivalentSource::Proposal {
                evidence: format!("{}: {}", pair.name, pair.en),
            },
        })
    }
}

impl Unit<'_> {
    /// The English of the French tokens `fr_span` in this unit, and
    /// whether identity, a cognate or brackets confirm it.
    fn english_of(&self, c: &Candidate, fr_span: std::ops::Range<usize>) -> Option<(String, bool)> {
        let french =
            &self.pair.fr[self.fr[fr_span.start].span.start..self.fr[fr_span.end - 1].span.end];
        let named = c.kind != crate::terms::Kind::Term
            || french
                .chars()
                .any(|ch| ch.is_uppercase() || ch.is_ascii_digit());
        if named {
            if let Some(found) = self.identity(french) {
                return Some((found, true));
            }
            if let Some(found) = self.bracketed(fr_span.clone()) {
                return Some((found, true));
            }
        }
        let aligned = self.aligned(&fr_span);
        let text = |span: &std::ops::Range<usize>| {
            self.pair.en[self.en[span.start].span.start..self.en[span.end - 1].span.end].to_string()
        };
        if named && let Some(cognate) = self.cognate(french) {
            // The aligned name when it holds the cognate (`US Congress`).
            return Some(match aligned {
                Some(span) if span.start <= cognate.start && cognate.end <= span.end => {
                    (text(&span), true)
                }
                _ => (text(&cognate), true),
            });
        }
        let span = aligned?;
        let english = text(&span);
        // An acronym answered by one English acronym (`CEI` / `CIS`).
        let acronym = |s: &str| {
            s.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !s.chars().any(char::is_lowercase)
        };
        let confirmed =
            c.kind == crate::terms::Kind::Acronym && span.len() == 1 && acronym(&english);
        Some((english, confirmed))
    }

    /// The English tokens linked to the French tokens `fr_span`, as a
    /// whole noun phrase: only words the term's own words link to at its
    /// edges, no punctuation or bracket inside (the piece with most links),
    /// grammatical words trimmed, a capitalised name it would cut made whole.
    fn aligned(&self, fr_span: &std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
        let inside = |e: usize| {
            self.links
                .iter()
                .any(|&(f, le)| le == e && fr_span.contains(&f))
        };
        let outside = |e: usize| {
            self.links
                .iter()
                .any(|&(f, le)| le == e && !fr_span.contains(&f))
        };
        let linked: Vec<usize> = (0..self.en.len()).filter(|&e| inside(e)).collect();
        let (&first, &last) = (linked.first()?, linked.last()?);
        let pieces =
            (first..last + 1).fold(vec![], |mut pieces: Vec<std::ops::Range<usize>>, i| {
                if self.en[i].word {
                    match pieces.last_mut() {
                        Some(p) if p.end == i => p.end = i + 1,
                        _ => pieces.push(i..i + 1),
                    }
                }
                pieces
            });
        let mut span = pieces.into_iter().max_by_key(|p| {
            (
                linked.iter().filter(|e| p.contains(e)).count(),
                std::cmp::Reverse(p.start),
            )
        })?;
        while span.start < span.end && !inside(span.start) {
            span.start += 1;
        }
        while span.start < span.end && !inside(span.end - 1) {
            span.end -= 1;
        }
        self.noun_phrase(&mut span, &outside);
        (span.start < span.end).then_some(span)
    }

    /// Grammatical words off the edges, and the whole of a capitalised name
    /// the span would cut (over words that translate nothing else).
    fn noun_phrase(&self, span: &mut std::ops::Range<usize>, elsewhere: &dyn Fn(usize) -> bool) {
        let stop = |i: usize| EN_STOP.contains(&self.en[i].folded.as_str());
        while span.start < span.end && stop(span.start) {
            span.start += 1;
        }
        while span.start < span.end && stop(span.end - 1) {
            span.end -= 1;
        }
        if span.start >= span.end {
            return;
        }
        let capital = |i: usize| self.capitalised(i) && !stop(i) && !elsewhere(i);
        if capital(span.start) {
            // Not onto the sentence's first word, capitalised as such.
            while span.start > 1 && capital(span.start - 1) {
                span.start -= 1;
            }
        }
        if capital(span.end - 1) {
            while span.end < self.en.len() && capital(span.end) {
                span.end += 1;
            }
        }
    }

    /// An English word of a name: capitalised, or a joined particle before
    /// a capital (`el-Sheikh`).
    fn capitalised(&self, i: usize) -> bool {
        let word = &self.pair.en[self.en[i].span.clone()];
        self.en[i].word
            && (word.chars().next().is_some_and(char::is_uppercase)
                || word
                    .split_once('-')
                    .is_some_and(|(_, rest)| rest.chars().next().is_some_and(char::is_uppercase)))
    }

    /// `french` as it is in the English (a name, acronym, code or number
    /// kept): at word boundaries, with its case.
    fn identity(&self, french: &str) -> Option<String> {
        let key = crate::text::fold_typography(french);
        let en = crate::text::fold_typography(self.pair.en);
        let at = en.match_indices(key.as_ref()).find(|(i, _)| {
            let before = en[..*i].chars().next_back();
            let after = en[i + key.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })?;
        // Give the text as the translation writes it: the same characters
        // once typography is folded, so the same length in chars.
        let start = en[..at.0].chars().count();
        let len = key.chars().count();
        Some(self.pair.en.chars().skip(start).take(len).collect())
    }

    /// An acronym in brackets, `(CEI)`, answered by the one acronym in
    /// brackets of the English, `(CIS)`.
    fn bracketed(&self, fr_span: std::ops::Range<usize>) -> Option<String> {
        let is_acronym = |t: &Tok, text: &str| {
            let s = &text[t.span.clone()];
            s.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !s.chars().any(char::is_lowercase)
        };
        let in_brackets = |tokens: &[Tok], i: usize| {
            i > 0
                && tokens[i - 1].folded == "("
                && tokens.get(i + 1).is_some_and(|t| t.folded == ")")
        };
        if fr_span.len() != 1
            || !in_brackets(&self.fr, fr_span.start)
            || !is_acronym(&self.fr[fr_span.start], self.pair.fr)
        {
            return None;
        }
        let found: Vec<usize> = (0..self.en.len())
            .filter(|&i| in_brackets(&self.en, i) && is_acronym(&self.en[i], self.pair.en))
            .collect();
        match found[..] {
            [i] => Some(self.pair.en[self.en[i].span.clone()].to_string()),
            _ => None,
        }
    }

    /// The English capitalised word sequence spelled most like `french`
    /// (`Tbilissi` / `Tbilisi`, `Douchanbé` / `Dushanbe`), if like enough.
    fn cognate(&self, french: &str) -> Option<std::ops::Range<usize>> {
        let n = french.split_whitespace().count();
        let mut best: Option<(f64, std::ops::Range<usize>)> = None;
        for start in (0..self.en.len()).filter(|&i| self.capitalised(i)) {
            for len in n.saturating_sub(1).max(1)..=n + 1 {
                let end = start + len;
                if end > self.en.len() || !(start..end).all(|i| self.capitalised(i)) {
                    break;
                }
                let text = &self.pair.en[self.en[start].span.start..self.en[end - 1].span.end];
                let score = similarity(french, text);
                if score >= MIN_COGNATE && best.as_ref().is_none_or(|(s, _)| score > *s) {
                    best = Some((score, start..end));
                }
            }
        }
        best.map(|(_, span)| span)
    }
}

/// Character-bigram Dice similarity of two terms, accents ignored.
fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (ascii_key(a), ascii_key(b));
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

/// The candidates less those the glossary rejects (a `rejected` entry has
/// the candidate's term or one of its variants): a reviewer's "not a term"
/// holds, and the candidate is never proposed again.
pub fn without_rejected(candidates: Vec<Candidate>, glossary: &Glossary) -> Vec<Candidate> {
    let rejected: std::collections::HashSet<String> = glossary
        .entries
        .iter()
        .filter(|e| e.status == Status::Rejected)
        .flat_map(|e| e.fr_forms().map(fold))
        .collect();
    if rejected.is_empty() {
        return candidates;
    }
    candidates
        .into_iter()
        .filter(|c| !c.forms().any(|f| rejected.contains(&fold(f))))
        .collect()
}

/// Gives each candidate its English equivalent (or none), in order.
pub fn equivalents<'p>(
    candidates: &[Candidate],
    glossary: Option<&Glossary>,
    pairs: &'p [Pair<&'p str>],
) -> Vec<Option<Equivalent>> {
    let index = glossary.map(Glossary::french_index).unwrap_or_default();
    let curated = |c: &Candidate| c.forms().find_map(|f| index.get(&fold(f)).copied());
    let model = candidates
        .iter()
        .any(|c| curated(c).is_none())
        .then(|| Model::train(pairs));
    candidates
        .iter()
        .map(|c| match curated(c) {
            Some(entry) => Some(Equivalent {
                english: entry.en.clone(),
                status: entry.status,
                source: EquivalentSource::Curated {
                    id: entry.id.clone(),
                },
            }),
            None => model.as_ref().and_then(|m| m.propose(c)),
        })
        .collect()
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
    fn rejected_candidates_are_not_proposed_again() {
        let g = Glossary::parse(
            "fr-FR,en-GB,id,status\nannée,,annee,rejected\nsommet,summit,sommet,approved\n"
                .as_bytes(),
            "g",
        )
        .unwrap();
        let kept = without_rejected(vec![candidate("année"), candidate("sommet")], &g);
        assert_eq!(
            kept.iter().map(|c| c.term.as_str()).collect::<Vec<_>>(),
            ["sommet"]
        );
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
