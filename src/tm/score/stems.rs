//! OmegaT 3.6's word tokens of a French segment, stemmed and not: what its
//! match search (`FindMatches`) computes before the adjusted score, and what
//! decides whether a candidate is scored at all.
//!
//! OmegaT's tokenizer for French (`LuceneFrenchTokenizer`) runs Lucene
//! 3.6's `FrenchAnalyzer` in its 3.6 behaviour. Rebuilt here from how those
//! classes behave (checked word for word against them on the seeds and the
//! Debian gettext corpus by `cargo xtask fuzzy-eval`):
//!
//! - **words** as Unicode's word boundaries (UAX #29) cut them, keeping the
//!   segments that hold a letter or a digit (Lucene's `StandardTokenizer`;
//!   a word longer than 255 characters is left out): `l'homme`,
//!   `aujourd’hui`, `e.g`, `3,5` and `foo_bar` are one word each, a hyphen
//!   or a space ends one;
//! - **stemmed** ([`Words::of`]'s `stems`): an elided article (`l m t qu n s
//!   j` before `'` or `’`, in any case) taken off the word's front, the word
//!   lower-cased, Snowball's French stop words left out (`le`, `de`, `est`,
//!   `avait`, …: [`STOP_WORDS`]), then Jacques Savoy's light stemmer
//!   ("UniNE", Lucene's `FrenchLightStemmer`: plural `-s`/`-x`, `-aux` →
//!   `-al`, `-ement`, `-ateur`, `-ation`, … folded, accents taken off and
//!   doubled letters made single in words of five letters or more);
//! - **unstemmed** (`plain`): the words of the lower-cased text as they are;
//! - in both, a word with a digit is left out.
//!
//! A candidate is scored only when its stemmed or its unstemmed score
//! (OmegaT's formula over these tokens, less the memory's penalty)
//! reaches 30 ([`Words::keeps`]): a match that shares little but spaces,
//! punctuation and function words is no match for OmegaT, whatever its
//! adjusted score.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::sync::OnceLock;

use rapidfuzz::distance::levenshtein;
use unicode_segmentation::UnicodeSegmentation;

use super::percentage;
use super::tokens::is_letter_or_digit;
use crate::text::FxHasher;

/// The least stemmed or unstemmed score OmegaT's `FindMatches` scores a
/// candidate from.
pub const GATE: u8 = 30;

/// Snowball's French stop words, as Lucene 3.6 loads them (its
/// `french_stop.txt`, BSD licence; its `celà` is followed by a no-break
/// space there, so it never matches a word and is left out here).
pub const STOP_WORDS: [&str; 162] = [
    "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "et", "eux", "il",
    "je", "la", "le", "leur", "lui", "ma", "mais", "me", "même", "mes", "moi", "mon", "ne", "nos",
    "notre", "nous", "on", "ou", "par", "pas", "pour", "qu", "que", "qui", "sa", "se", "ses",
    "son", "sur", "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vos", "votre", "vous", "c",
    "d", "j", "l", "à", "m", "n", "s", "t", "y", "été", "étée", "étées", "étés", "étant", "suis",
    "es", "est", "sommes", "êtes", "sont", "serai", "seras", "sera", "serons", "serez", "seront",
    "serais", "serait", "serions", "seriez", "seraient", "étais", "était", "étions", "étiez",
    "étaient", "fus", "fut", "fûmes", "fûtes", "furent", "sois", "soit", "soyons", "soyez",
    "soient", "fusse", "fusses", "fût", "fussions", "fussiez", "fussent", "ayant", "eu", "eue",
    "eues", "eus", "ai", "as", "avons", "avez", "ont", "aurai", "auras", "aura", "aurons", "aurez",
    "auront", "aurais", "aurait", "aurions", "auriez", "auraient", "avais", "avait", "avions",
    "aviez", "avaient", "eut", "eûmes", "eûtes", "eurent", "aie", "aies", "ait", "ayons", "ayez",
    "aient", "eusse", "eusses", "eût", "eussions", "eussiez", "eussent", "ceci", "cet", "cette",
    "ici", "ils", "les", "leurs", "quel", "quels", "quelle", "quelles", "sans", "soi",
];

/// Articles the elision filter takes off a word's front.
const ARTICLES: [&str; 7] = ["l", "m", "t", "qu", "n", "s", "j"];

/// A segment's stemmed and unstemmed words, each as a hash of its text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Words {
    /// Stemmed, stop words out.
    pub(crate) stems: Vec<u64>,
    /// Lower-cased, as they are.
    pub(crate) plain: Vec<u64>,
}

impl Words {
    /// The words of `text`.
    pub fn of(text: &str) -> Words {
        let (mut stems, mut plain) = (Vec::new(), Vec::new());
        let mut lower = String::new();
        let mut stem = Vec::new();
        // One cut serves both lists: lower-casing does not move a word
        // boundary of French text, nor does it add or take a digit.
        for word in words(text).filter(|w| !has_digit(w)) {
            plain.push(hash(word.chars().flat_map(char::to_lowercase)));
            lower.clear();
            lower.extend(elide(word).chars().flat_map(char::to_lowercase));
            if is_stop_word(&lower) {
                continue;
            }
            stem.clear();
            stem.extend(lower.chars());
            let len = light_stem(&mut stem);
            stems.push(hash(stem[..len].iter().copied()));
        }
        Words { stems, plain }
    }

    /// OmegaT's stemmed and unstemmed scores of `other` against these words.
    pub fn scores(&self, other: &Words) -> (u8, u8) {
        let score = |a: &[u64], b: &[u64]| {
            let d = levenshtein::distance(a.iter().copied(), b.iter().copied());
            percentage(d, a.len(), b.len())
        };
        (
            score(&self.stems, &other.stems),
            score(&self.plain, &other.plain),
        )
    }

    /// Whether OmegaT scores a candidate with these words (after the
    /// memory's `penalty`) for a query with `query`'s: its stemmed or its
    /// unstemmed score reaches [`GATE`].
    pub fn keeps(&self, query: &Words, penalty: u8) -> bool {
        let (stemmed, plain) = query.scores(self);
        stemmed.saturating_sub(penalty) >= GATE || plain.saturating_sub(penalty) >= GATE
    }
}

/// Whether `word` (lower case) is one of [`STOP_WORDS`].
fn is_stop_word(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str, BuildHasherDefault<FxHasher>>> = OnceLock::new();
    SET.get_or_init(|| STOP_WORDS.iter().copied().collect())
        .contains(word)
}

fn hash(chars: impl IntoIterator<Item = char>) -> u64 {
    let mut h = FxHasher::default();
    for c in chars {
        c.hash(&mut h);
    }
    h.finish()
}

/// Lucene's `StandardTokenizer` words: UAX #29 word segments holding a
/// letter or a digit, 255 characters at most.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split_word_bounds().filter(|w| {
        // A word has no more UTF-16 units than UTF-8 bytes.
        w.chars().any(|c| c.is_alphanumeric())
            && (w.len() <= 255 || w.chars().map(char::len_utf16).sum::<usize>() <= 255)
    })
}

/// A digit as Java's `Character.isDigit` (`Nd`).
fn has_digit(word: &str) -> bool {
    word.chars()
        .any(|c| c.is_numeric() && is_letter_or_digit(c))
}

/// `word` without an elided article in front (`l'`, `qu’`, …).
fn elide(word: &str) -> &str {
    match word.find(['\'', '’']) {
        Some(at) if ARTICLES.iter().any(|a| a.eq_ignore_ascii_case(&word[..at])) => {
            &word[at + word[at..].chars().next().map_or(1, char::len_utf8)..]
        }
        _ => word,
    }
}

/// Whether the first `len` letters of `s` end with `suffix`.
fn ends(s: &[char], len: usize, suffix: &str) -> bool {
    let mut rest = s[..len].iter().rev();
    suffix.chars().rev().all(|c| rest.next() == Some(&c))
}

/// Savoy's light stemmer for French, in place: the stem's length.
fn light_stem(s: &mut [char]) -> usize {
    let mut len = s.len();
    if len > 5 && s[len - 1] == 'x' {
        if s[len - 3] == 'a' && s[len - 2] == 'u' && s[len - 4] != 'e' {
            s[len - 2] = 'l';
        }
        len -= 1;
    }
    if len > 3 && s[len - 1] == 'x' {
        len -= 1;
    }
    if len > 3 && s[len - 1] == 's' {
        len -= 1;
    }
    // Writes `tail` over the last letters of the first `len`.
    let set = |s: &mut [char], len: usize, tail: &str| {
        let n = tail.chars().count();
        for (i, c) in tail.chars().enumerate() {
            s[len - n + i] = c;
        }
    };
    if len > 9 && ends(s, len, "issement") {
        len -= 6;
        set(s, len, "r");
        return norm(s, len);
    }
    if len > 8 && ends(s, len, "issant") {
        len -= 4;
        set(s, len, "r");
        return norm(s, len);
    }
    if len > 6 && ends(s, len, "ement") {
        len -= 4;
        if len > 3 && ends(s, len, "ive") {
            len -= 1;
            set(s, len, "f");
        }
        return norm(s, len);
    }
    if len > 11 && ends(s, len, "ficatrice") {
        len -= 5;
        set(s, len, "er");
        return norm(s, len);
    }
    if len > 10 && ends(s, len, "ficateur") {
        len -= 4;
        set(s, len, "er");
        return norm(s, len);
    }
    if len > 9 && ends(s, len, "catrice") {
        len -= 3;
        set(s, len, "quer");
        return norm(s, len);
    }
    if len > 8 && ends(s, len, "cateur") {
        len -= 2;
        set(s, len, "quer");
        return norm(s, len);
    }
    if len > 8 && ends(s, len, "atrice") {
        len -= 4;
        set(s, len, "er");
        return norm(s, len);
    }
    if len > 7 && ends(s, len, "ateur") {
        len -= 3;
        set(s, len, "er");
        return norm(s, len);
    }
    if len > 6 && ends(s, len, "trice") {
        len -= 1;
        set(s, len, "eur");
    }
    if len > 5 && ends(s, len, "ième") {
        return norm(s, len - 4);
    }
    if len > 7 && ends(s, len, "teuse") {
        len -= 2;
        set(s, len, "r");
        return norm(s, len);
    }
    if len > 6 && ends(s, len, "teur") {
        len -= 1;
        set(s, len, "r");
        return norm(s, len);
    }
    if len > 5 && ends(s, len, "euse") {
        return norm(s, len - 2);
    }
    if len > 8 && ends(s, len, "ère") {
        len -= 1;
        s[len - 2] = 'e';
        return norm(s, len);
    }
    if len > 7 && ends(s, len, "ive") {
        len -= 1;
        set(s, len, "f");
        return norm(s, len);
    }
    if len > 4 && (ends(s, len, "folle") || ends(s, len, "molle")) {
        len -= 2;
        set(s, len, "u");
        return norm(s, len);
    }
    if len > 9 && ends(s, len, "nnelle") {
        return norm(s, len - 5);
    }
    if len > 9 && ends(s, len, "nnel") {
        return norm(s, len - 3);
    }
    if len > 4 && ends(s, len, "ète") {
        len -= 1;
        s[len - 2] = 'e';
    }
    if len > 8 && ends(s, len, "ique") {
        len -= 4;
    }
    if len > 8 && ends(s, len, "esse") {
        return norm(s, len - 3);
    }
    if len > 7 && ends(s, len, "inage") {
        return norm(s, len - 3);
    }
    if len > 9 && ends(s, len, "isation") {
        len -= 7;
        if len > 5 && ends(s, len, "ual") {
            s[len - 2] = 'e';
        }
        return norm(s, len);
    }
    if len > 9 && ends(s, len, "isateur") {
        return norm(s, len - 7);
    }
    if len > 8 && (ends(s, len, "ation") || ends(s, len, "ition")) {
        return norm(s, len - 5);
    }
    norm(s, len)
}

/// The stemmer's last step: accents off, doubled letters single, a final
/// `-ie`, `-r`, `-e`, `-ee` and doubled letter off (words of five letters
/// or more).
fn norm(s: &mut [char], mut len: usize) -> usize {
    if len > 4 {
        for c in &mut s[..len] {
            *c = match *c {
                'à' | 'á' | 'â' => 'a',
                'ô' => 'o',
                'è' | 'é' | 'ê' => 'e',
                'ù' | 'û' => 'u',
                'î' => 'i',
                'ç' => 'c',
                c => c,
            };
        }
        let mut kept = 1;
        for i in 1..len {
            if !(s[i] == s[kept - 1] && s[i].is_alphabetic()) {
                s[kept] = s[i];
                kept += 1;
            }
        }
        len = kept;
    }
    if len > 4 && ends(s, len, "ie") {
        len -= 2;
    }
    if len > 4 {
        for c in ['r', 'e', 'e'] {
            if s[len - 1] == c {
                len -= 1;
            }
        }
        if s[len - 1] == s[len - 2] && s[len - 1].is_alphabetic() {
            len -= 1;
        }
    }
    len
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(word: &str) -> String {
        let mut s: Vec<char> = word.chars().collect();
        let len = light_stem(&mut s);
        s[..len].iter().collect()
    }

    #[test]
    fn light_stemmer_folds_french_endings_as_lucene_does() {
        for (word, expected) in [
            ("chevaux", "cheval"),
            ("travaillaient", "travailaient"),
            ("homme", "home"),
            ("image", "imag"),
            ("nationales", "national"),
            ("président", "president"),
            ("rapidement", "rapid"),
            ("foo_bar", "fo_ba"),
            ("là", "là"),
        ] {
            assert_eq!(stem(word), expected, "{word}");
        }
    }

    #[test]
    fn words_drop_elided_articles_stop_words_and_numbers() {
        let w = Words::of("L'homme est là, aujourd’hui d'un Qu'il 3,5 e.g. vice-président.");
        let expected = Words {
            stems: [
                "home",
                "là",
                "aujourd’hui",
                "d'un",
                "e.g",
                "vice",
                "president",
            ]
            .iter()
            .map(|s| hash(s.chars()))
            .collect(),
            plain: [
                "l'homme",
                "est",
                "là",
                "aujourd’hui",
                "d'un",
                "qu'il",
                "e.g",
                "vice",
                "président",
            ]
            .iter()
            .map(|s| hash(s.chars()))
            .collect(),
        };
        assert_eq!(w, expected);
    }

    #[test]
    fn a_candidate_sharing_only_function_words_is_not_kept() {
        // OmegaT's figures (`omegat-fuzzy`): stemmed 75, unstemmed 66;
        // stemmed 0, unstemmed 16.
        let query = Words::of("Impossible d'ouvrir le fichier de configuration.");
        let kept = Words::of("Impossible d'ouvrir le fichier.");
        assert_eq!(query.scores(&kept), (75, 66));
        assert!(kept.keeps(&query, 0));
        assert!(!kept.keeps(&query, 50));
        let passed = Words::of("Le nom de la page.");
        assert_eq!(query.scores(&passed), (0, 16));
        assert!(!passed.keeps(&query, 0));
    }
}
