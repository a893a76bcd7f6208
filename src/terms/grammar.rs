//! What term extraction knows of French beyond one word at a time: the
//! grammatical locutions whose nouns are not terms (`au fil de`, `de son
//! côté`, `mise en œuvre`), the verbal idioms that are terms as a whole
//! (`demander des comptes à`), and the adjectives derived from place names
//! (`russe` from `Russie`, `azerbaïdjanais` from `Azerbaïdjan`), which are
//! relational: a term on their own, where other lone adjectives are not.
//!
//! The locutions are tmkit's own reviewed list (`src/terms/locutions.txt`);
//! the place names come from the lexicon's capitalised nouns and places.

use std::collections::HashSet;
use std::hash::BuildHasherDefault;

use crate::text::{FxHashMap, FxHasher};

/// A set of words hashed with [`FxHasher`]: the lexicon's stems fill it
/// on every load.
type WordSet = HashSet<Box<str>, BuildHasherDefault<FxHasher>>;

use super::lexicon::{Lexicon, Tags};
use super::token::tokenize;

const LOCUTIONS: &str = include_str!("locutions.txt");

/// One word of a locution.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Slot {
    /// Any one word (`*`).
    Any,
    /// This word, folded as [`crate::text::match_key`] folds.
    Word(Box<str>),
    /// Any form of this verb (`~faire`).
    Verb(Box<str>),
    /// Any form of this preposition: a grammatical locution's last `de`
    /// or `à` (`à l'égard de`: `à l'égard du`, `à l'égard des`).
    Preposition(Preposition),
}

/// A locution: its words, which of them it is looked up by, and, for a
/// verbal idiom, the preposition of its complement.
#[derive(Debug)]
struct Locution {
    slots: Vec<Slot>,
    anchor: usize,
    kind: Kind,
}

/// The two kinds of locution the list holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Works as one grammatical word (`au fil de`, `tenir compte de`):
    /// never a term, nor part of one.
    Grammatical,
    /// A verbal idiom (`~demander des comptes à`): a term as a whole, cited
    /// by its infinitive; its complement, after the preposition (any of
    /// its contracted forms: [`Preposition::forms`]), joins it where it
    /// recurs.
    Idiom(Option<Preposition>),
}

/// The preposition that introduces a verbal idiom's complement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Preposition {
    A,
    De,
}

impl Preposition {
    fn of(word: &str) -> Option<Preposition> {
        match word {
            "à" => Some(Preposition::A),
            "de" => Some(Preposition::De),
            _ => None,
        }
    }

    /// Its forms, folded: alone, elided and contracted with an article.
    fn forms(self) -> &'static [&'static str] {
        match self {
            Preposition::A => &["à", "au", "aux"],
            Preposition::De => &["de", "d'", "du", "des"],
        }
    }
}

/// Where a locution occurs in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Match {
    /// Its tokens, a verbal idiom's preposition included: none of them is
    /// part of another term.
    pub(crate) tokens: std::ops::Range<usize>,
    /// For a verbal idiom, its tokens without the preposition (verb
    /// first): the term, which its complement may extend.
    pub(crate) idiom: Option<std::ops::Range<usize>>,
}

/// Section headers of the list, which start each kind.
const GRAMMATICAL_SECTION: &str = "[grammatical]";
const IDIOM_SECTION: &str = "[idioms]";

/// Grammatical locutions and verbal idioms, looked up by their longest
/// word (the rarest, so that few tokens need a look).
#[derive(Debug, Default)]
pub(crate) struct Locutions {
    by_anchor: FxHashMap<Box<str>, Vec<Locution>>,
}

impl Locutions {
    /// tmkit's list.
    pub(crate) fn french() -> &'static Locutions {
        static FRENCH: std::sync::OnceLock<Locutions> = std::sync::OnceLock::new();
        FRENCH.get_or_init(|| {
            Locutions::parse(LOCUTIONS, Lexicon::french())
                .expect("the built-in locutions are well formed (tested)")
        })
    }

    /// Reads a list: one locution a line, `#` comments, `*` any word,
    /// `~verb` any form of a verb; grammatical locutions first, or after a
    /// `[grammatical]` line, verbal idioms after an `[idioms]` line (each a
    /// verb first, its complement's `à` or `de` last if it has one). Each
    /// is looked up by its longest word that `lexicon` does not know as a
    /// grammatical word. An error names the line and what is wrong.
    fn parse(text: &str, lexicon: &Lexicon) -> Result<Locutions, String> {
        let mut by_anchor: FxHashMap<Box<str>, Vec<Locution>> = FxHashMap::default();
        let mut idioms = false;
        for (n, line) in text.lines().map(str::trim).enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with('[') {
                idioms = match line {
                    GRAMMATICAL_SECTION => false,
                    IDIOM_SECTION => true,
                    _ => {
                        return Err(format!(
                            "line {}: unknown section {line:?} (write {GRAMMATICAL_SECTION} or {IDIOM_SECTION})",
                            n + 1
                        ));
                    }
                };
                continue;
            }
            let mut slots: Vec<Slot> = tokenize(line)
                .iter()
                .map(|t| &line[t.span.clone()])
                .fold(Vec::new(), |mut slots: Vec<String>, piece| {
                    // `~` and `*` are tokens of their own: join `~` to its verb.
                    match slots.last_mut() {
                        Some(last) if last == "~" => last.push_str(piece),
                        _ => slots.push(piece.to_string()),
                    }
                    slots
                })
                .into_iter()
                .map(|w| match w.as_str() {
                    "*" => Slot::Any,
                    w if w.starts_with('~') => Slot::Verb(w[1..].into()),
                    w => Slot::Word(unligatured(&crate::text::match_key(w)).into()),
                })
                .collect();
            let kind = if idioms {
                if !matches!(slots.first(), Some(Slot::Verb(_))) {
                    return Err(format!(
                        "line {}: a verbal idiom starts with its verb (`~demander des comptes à`)",
                        n + 1
                    ));
                }
                let preposition = match slots.last() {
                    Some(Slot::Word(w)) => Preposition::of(w),
                    _ => None,
                };
                if preposition.is_some() {
                    slots.pop();
                }
                Kind::Idiom(preposition)
            } else {
                if let Some(last) = slots.last_mut()
                    && let Slot::Word(w) = last
                    && let Some(p) = Preposition::of(w)
                {
                    *last = Slot::Preposition(p);
                }
                Kind::Grammatical
            };
            let anchor = slots
                .iter()
                .enumerate()
                .filter_map(|(i, s)| match s {
                    Slot::Word(w) => {
                        let grammatical = lexicon
                            .analyse(w)
                            .iter()
                            .any(|a| a.tags.contains(Tags::FUNCTION));
                        Some((!grammatical, w.chars().count(), std::cmp::Reverse(i)))
                    }
                    _ => None,
                })
                .max();
            let Some((_, _, std::cmp::Reverse(anchor))) = anchor else {
                return Err(format!("line {}: a locution needs a word", n + 1));
            };
            let Slot::Word(key) = &slots[anchor] else {
                unreachable!("the anchor is a word");
            };
            by_anchor.entry(key.clone()).or_default().push(Locution {
                slots,
                anchor,
                kind,
            });
        }
        Ok(Locutions { by_anchor })
    }

    /// True when some locution is looked up by `folded`.
    pub(crate) fn is_anchor(&self, folded: &str) -> bool {
        self.by_anchor.contains_key(&*unligatured(folded))
    }

    /// The longest locution around token `at` (whose folded text is
    /// `anchor`), given the text of each of the sentence's `len` tokens and
    /// whether token `k` is a form of the verb whose infinitive is `v`
    /// (`is_verb(k, v)`: the extractor knows it of each spelling).
    pub(crate) fn around<'t>(
        &self,
        anchor: &str,
        at: usize,
        len: usize,
        text: impl Fn(usize) -> &'t str,
        is_verb: impl Fn(usize, &str) -> bool,
    ) -> Option<Match> {
        let mut best: Option<Match> = None;
        for l in self.by_anchor.get(&*unligatured(anchor))? {
            let Some(start) = at.checked_sub(l.anchor) else {
                continue;
            };
            let end = start + l.slots.len();
            if end > len {
                continue;
            }
            let all = l.slots.iter().zip(start..end).all(|(slot, k)| match slot {
                Slot::Any => true,
                Slot::Word(w) => folds_to(text(k), w),
                Slot::Verb(v) => is_verb(k, v),
                Slot::Preposition(p) => p.forms().iter().any(|f| folds_to(text(k), f)),
            });
            if !all {
                continue;
            }
            let found = match l.kind {
                Kind::Grammatical => Match {
                    tokens: start..end,
                    idiom: None,
                },
                Kind::Idiom(preposition) => {
                    let with = preposition.is_some_and(|p| {
                        end < len && p.forms().iter().any(|f| folds_to(text(end), f))
                    });
                    Match {
                        tokens: start..end + usize::from(with),
                        idiom: Some(start..end),
                    }
                }
            };
            if best
                .as_ref()
                .is_none_or(|b| b.tokens.len() < found.tokens.len())
            {
                best = Some(found);
            }
        }
        best
    }
}

/// Whether `text` folds ([`crate::text::match_key`]) to `key`, without
/// allocating for ASCII text.
fn folds_to(text: &str, key: &str) -> bool {
    if text.is_ascii() {
        text.eq_ignore_ascii_case(key)
    } else {
        unligatured(&crate::text::match_key(text)) == key
    }
}

/// `folded` with the ligatures written out (`œuvre` → `oeuvre`), as French
/// text often types them: `mise en oeuvre` is `mise en œuvre`.
fn unligatured(folded: &str) -> std::borrow::Cow<'_, str> {
    if folded.contains(['œ', 'æ']) {
        folded.replace('œ', "oe").replace('æ', "ae").into()
    } else {
        folded.into()
    }
}

/// The place names of a lexicon (lower case), to tell the adjectives
/// derived from them (gentilés: `russe`, `américain`, `azerbaïdjanais`).
#[derive(Clone, Debug, Default)]
pub(crate) struct Places {
    names: WordSet,
    /// Common nouns, without accents.
    nouns: WordSet,
}

/// How French derives an adjective from a place name: the adjective's
/// ending, and the endings the place name may have instead.
const GENTILE_ENDINGS: &[(&str, &[&str])] = &[
    ("ien", &["ie", ""]),   // arménien: Arménie; iranien: Iran
    ("éen", &["e", "ée"]),  // européen: Europe; coréen: Corée
    ("ais", &["", "e"]),    // azerbaïdjanais: Azerbaïdjan; écossais: Écosse
    ("ois", &["e", ""]),    // chinois: Chine
    ("cain", &["que"]),     // américain: Amérique; mexicain: Mexique
    ("ain", &["e", ""]),    // romain: Rome; marocain: Maroc
    ("e", &["ie", "ique"]), // russe: Russie; belge: Belgique
];

/// How French derives a relational adjective from a common noun: the
/// adjective's ending and the endings the noun may have instead
/// (`régional` ← `région`, `culturel` ← `culture`, `économique` ←
/// `économie`, `policier` ← `police`, `législatif` ← `législation`). Accents
/// of the stem are ignored (`budgétaire` ← `budget`).
const RELATIONAL_ENDINGS: &[(&str, &[&str])] = &[
    ("onnel", &["on"]),             // institutionnel: institution
    ("cial", &["ce"]),              // commercial: commerce; provincial: province
    ("al", &["", "e"]),             // régional: région; fiscal: fisc
    ("el", &["", "e"]),             // culturel: culture
    ("ique", &["ie", "e", "isme"]), // économique: économie; touristique: tourisme
    ("ier", &["e", ""]),            // policier: police; financier: finance
    ("aire", &["", "e", "é"]),      // budgétaire: budget; humanitaire: humanité
    ("if", &["ion"]),               // législatif: législation
];

/// Prefixes that make an adjective of a noun or another adjective
/// (`anticorruption`, `transnational`).
const RELATIONAL_PREFIXES: &[&str] = &[
    "anti", "pro-", "inter", "trans", "intra", "extra", "multi", "pluri", "para",
];

impl Places {
    /// The capitalised nouns and places of `lexicon` (not first names or
    /// surnames), and its common nouns folded without accents.
    pub(crate) fn of(lexicon: &Lexicon) -> Places {
        Places::build(lexicon)
    }

    /// [`Places::of`] the embedded French lexicon, built once.
    pub(crate) fn french() -> &'static Places {
        static FRENCH: std::sync::OnceLock<Places> = std::sync::OnceLock::new();
        FRENCH.get_or_init(|| Places::build(Lexicon::french()))
    }

    fn build(lexicon: &Lexicon) -> Places {
        let mut names = WordSet::default();
        let mut nouns = WordSet::default();
        for (stem, tags) in lexicon.stems() {
            if !tags.contains(Tags::NOUN) && !tags.contains(Tags::PROPER) {
                continue;
            }
            if stem.chars().next().is_some_and(char::is_uppercase) {
                if !tags.intersects(Tags::FIRST_NAME | Tags::SURNAME) {
                    names.insert(stem.to_lowercase().into_boxed_str());
                }
            } else if tags.contains(Tags::NOUN) {
                nouns.insert(unaccented(stem).into_boxed_str());
            }
        }
        Places { names, nouns }
    }

    /// True when the adjective `lemma` (masculine singular, lower case) is
    /// relational: it derives from a place name ([`Places::of_place`]) or
    /// from a common noun (`pénitentiaire`, `régional`, `anticorruption`).
    pub(crate) fn derives(&self, lemma: &str) -> bool {
        self.of_place(lemma) || self.of_noun(&unaccented(lemma), 0)
    }

    /// True when the adjective `lemma` derives from a place name by a French
    /// ending (`russe` ← `Russie`, `américain` ← `Amérique`); for a
    /// compound, its last part (`pro-russe`, `russo-azerbaïdjanais`).
    pub(crate) fn of_place(&self, lemma: &str) -> bool {
        let last = lemma.rsplit(['-', '\u{2013}']).next().unwrap_or(lemma);
        GENTILE_ENDINGS.iter().any(|(ending, places)| {
            last.strip_suffix(ending)
                .filter(|stem| stem.chars().count() >= 3)
                .is_some_and(|stem| {
                    places
                        .iter()
                        .any(|p| self.names.contains(format!("{stem}{p}").as_str()))
                })
        })
    }

    /// The common noun (without accents, lower case) that the adjective
    /// `lemma` derives from by a French ending (`commercial` → `commerce`,
    /// `régional` → `region`), its derivational family's head; `None` for
    /// other adjectives, and for those made by a prefix (`anticorruption`
    /// is not `corruption`).
    pub(crate) fn noun_of(&self, lemma: &str) -> Option<String> {
        let adjective = unaccented(lemma);
        RELATIONAL_ENDINGS.iter().find_map(|(ending, nouns)| {
            let stem = adjective
                .strip_suffix(ending)
                .filter(|stem| stem.len() >= 3)?;
            nouns
                .iter()
                .map(|n| format!("{stem}{n}"))
                .find(|noun| self.nouns.contains(noun.as_str()))
        })
    }

    fn of_noun(&self, adjective: &str, depth: usize) -> bool {
        self.noun_of(adjective).is_some()
            || (depth == 0
                && RELATIONAL_PREFIXES.iter().any(|p| {
                    adjective
                        .strip_prefix(p)
                        .filter(|rest| rest.len() >= 4)
                        .is_some_and(|rest| {
                            self.nouns.contains(rest) || self.of_noun(rest, depth + 1)
                        })
                }))
    }
}

/// `s` without its accents ([`crate::text::unaccented`]), lower case
/// (`budgét` → `budget`).
fn unaccented(s: &str) -> String {
    let mut key = crate::text::unaccented(s).into_owned();
    if key.is_ascii() {
        key.make_ascii_lowercase();
        return key;
    }
    key.chars().flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        tokenize(s)
            .iter()
            .map(|t| crate::text::match_key(&s[t.span.clone()]))
            .collect()
    }

    fn locution(s: &str, at: usize) -> Option<std::ops::Range<usize>> {
        matched(s, at).map(|m| m.tokens)
    }

    fn matched(s: &str, at: usize) -> Option<Match> {
        let w = words(s);
        let lexicon = Lexicon::french();
        Locutions::french().around(
            &w[at],
            at,
            w.len(),
            |k| w[k].as_str(),
            |k, v| {
                lexicon
                    .analyse(&crate::text::match_key(&w[k]))
                    .iter()
                    .any(|a| a.lemma == v && a.tags.contains(Tags::VERB))
            },
        )
    }

    #[test]
    fn locutions_are_found_around_their_longest_word() {
        // "Au fil des mois, de son côté, la mise en œuvre"
        assert_eq!(locution("Au fil des mois", 1), Some(0..3));
        assert_eq!(locution("il a, de son côté, dit", 5), Some(3..6));
        assert_eq!(locution("la mise en œuvre du plan", 3), Some(1..4));
        assert_eq!(locution("un fil électrique", 1), None);
        // The tokeniser splits the elision off: `c'` + `est-à-dire`.
        assert_eq!(
            locution("des règles, c'est-à-dire des normes", 4),
            Some(3..5)
        );
        assert_eq!(
            locution("des règles, c’est-à-dire des normes", 4),
            Some(3..5)
        );
    }

    #[test]
    fn a_grammatical_locutions_last_preposition_matches_any_of_its_forms() {
        // Listed as `à l'égard de` and `grâce à`.
        let egard = "la compétence à l'égard des infractions";
        assert_eq!(locution(egard, 4), Some(2..6));
        assert_eq!(locution("à l'égard du traitement", 2), Some(0..4));
        assert_eq!(locution("à l'égard d'un tiers", 2), Some(0..4));
        assert_eq!(locution("grâce aux efforts", 0), Some(0..2));
        assert_eq!(locution("sans égard pour lui", 1), None);
    }

    #[test]
    fn ligatures_match_their_letters_written_out() {
        assert_eq!(locution("la mise en oeuvre du plan", 3), Some(1..4));
        assert_eq!(locution("La MISE EN OEUVRE", 3), Some(1..4));
    }

    #[test]
    fn light_verbs_match_any_of_their_forms() {
        assert_eq!(locution("Moscou a fait part de", 3), Some(2..5));
        assert_eq!(locution("ils tiendront compte des", 2), Some(1..4));
        assert_eq!(locution("la part de marché", 1), None);
    }

    #[test]
    fn verbal_idioms_are_told_from_grammatical_locutions() {
        // `tenir compte de` is grammatical: no idiom.
        assert_eq!(
            matched("ils tiennent compte des victimes", 2)
                .unwrap()
                .idiom,
            None
        );
        // The idiom without its preposition, the preposition in any form.
        for (s, at, tokens, idiom) in [
            ("et demander des comptes aux responsables", 3, 1..5, 1..4),
            ("Bakou a demandé des comptes au ministre", 4, 2..6, 2..5),
            ("ils demandent des comptes à Moscou", 3, 1..5, 1..4),
            ("ils demandent des comptes.", 3, 1..4, 1..4),
        ] {
            let m = matched(s, at).unwrap_or_else(|| panic!("{s}"));
            assert_eq!((m.tokens, m.idiom), (tokens, Some(idiom)), "{s}");
        }
        assert_eq!(matched("des comptes aux responsables", 1), None);
    }

    #[test]
    fn lists_with_unknown_sections_or_verbless_idioms_are_refused() {
        let fr = Lexicon::french();
        let err = Locutions::parse("au fil de\n[idiomes]\n", fr).unwrap_err();
        assert!(err.starts_with("line 2: unknown section"), "{err}");
        let err = Locutions::parse("[idioms]\ndes comptes à\n", fr).unwrap_err();
        assert!(
            err.starts_with("line 2: a verbal idiom starts with its verb"),
            "{err}"
        );
        let list = Locutions::parse(
            "[grammatical]\nau fil de\n[idioms]\n~rendre des comptes à\n",
            fr,
        )
        .unwrap();
        assert!(list.is_anchor("fil") && list.is_anchor("comptes"));
    }

    #[test]
    fn keys_are_unaccented_and_lower_case() {
        assert_eq!(unaccented("Budgét-Œuvre ǅ"), "budget-œuvre ǆ");
        assert_eq!(unaccented("ÉTATS"), "etats");
    }

    #[test]
    fn adjectives_of_places_are_told_from_others() {
        let places = Places::of(Lexicon::french());
        for a in [
            "russe",
            "azerbaïdjanais",
            "américain",
            "arménien",
            "européen",
            "iranien",
        ] {
            assert!(places.derives(a), "{a}");
        }
        for a in [
            "large",
            "probable",
            "récent",
            "nouveau",
            "essentiel",
            "nécessaire",
            "général",
            "spécifique",
            "potentiel",
            "public",
            "social",
            "sensible",
            "continu",
            "compétent",
            "difficile",
            "clair",
            "propre",
            "externe",
            "susceptible",
            "distinct",
            "ultérieur",
        ] {
            assert!(!places.derives(a), "{a}");
        }
        assert!(places.derives("pro-russe"));
        assert!(places.of_place("pro-russe") && places.of_place("azerbaïdjanais"));
        assert!(!places.of_place("énergétique") && !places.of_place("régional"));
        assert_eq!(places.noun_of("commercial").as_deref(), Some("commerce"));
        assert_eq!(places.noun_of("régional").as_deref(), Some("region"));
        assert_eq!(places.noun_of("anticorruption"), None);
        assert_eq!(places.noun_of("large"), None);
        for a in [
            "régional",
            "commercial",
            "culturel",
            "économique",
            "policier",
            "financier",
            "budgétaire",
            "législatif",
            "anticorruption",
            "transnational",
            "institutionnel",
            "humanitaire",
        ] {
            assert!(places.derives(a), "{a}");
        }
    }
}
