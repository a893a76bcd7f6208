//! Fuzzy-match percentages, as translators read them in their CAT tool.
//!
//! The base is OmegaT's adjusted score: ⌊100·(L − LD)/L⌋, where L is the
//! longer token count and LD the Levenshtein distance over the two
//! segments' lower-cased "verbatim" tokens ([`tokens`]: words, spaces,
//! punctuation, numbers; each inline tag one token). [`Scoring::Omegat`]
//! is exactly that.
//!
//! [`Scoring::Tmkit`], the default, goes beyond it where it misleads:
//!
//! - **100** only when text and tags are identical;
//! - **95–99** when the segments differ only in typography (’ and ', the
//!   no-break spaces, dashes, « » and “ ” against "), white space, case,
//!   numbers or inline tags: 100 minus 1 for each kind of difference found
//!   (2 for numbers, which the translation must follow), never below 95,
//!   with the kinds as [`Difference`]s;
//! - otherwise OmegaT's formula over the tokens of the text with its
//!   typography folded and any run of white space counted as one space, so
//!   that `l’homme` is one word as `l'homme` is (OmegaT counts three
//!   tokens and gives `L’homme est là.` against `L'homme est là.` 62).
//!
//! A context match (101) is decided by the lookup, which knows the
//! segments around the query and those recorded with a unit
//! ([`Context`]).

pub mod diff;
pub mod stems;
pub mod tokens;

/// How percentages are computed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scoring {
    /// tmkit's: OmegaT's, with 95–99 for minor differences and 100 only
    /// for identical text and tags.
    #[default]
    Tmkit,
    /// OmegaT 3.6's adjusted score, as its match statistics band it.
    Omegat,
}

impl std::str::FromStr for Scoring {
    type Err = String;

    fn from_str(s: &str) -> Result<Scoring, String> {
        match s {
            "tmkit" => Ok(Scoring::Tmkit),
            "omegat" => Ok(Scoring::Omegat),
            _ => Err(format!("unknown scoring {s:?}: use tmkit or omegat")),
        }
    }
}

/// What an inline tag is, for scoring.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TagKind {
    /// Opens a pair (`bpt`, the start of `hi`).
    Open,
    /// Closes a pair (`ept`, the end of `hi`).
    Close,
    /// Stands alone (`ph`, `it`, `ut`).
    Standalone,
}

/// An inline tag of a segment: where it stands in the text and what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Tag {
    /// Byte offset in the segment's text.
    pub at: u32,
    /// Open, close or standalone.
    pub kind: TagKind,
    /// Its number in the segment (1 for the first pair or standalone tag;
    /// a closing tag has its opening tag's number), as CAT tools show
    /// `<b1>…</b1>`.
    pub number: u16,
    /// A hash of its native code, so that `<b>` and `<i>` differ.
    pub code: u32,
}

/// A segment as scoring sees it: its text (inline tags left out) and its
/// tags.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment<'a> {
    /// The text.
    pub text: &'a str,
    /// Tags, in order of their offsets.
    pub tags: &'a [Tag],
}

impl<'a> Segment<'a> {
    /// A segment without tags.
    pub fn plain(text: &'a str) -> Segment<'a> {
        Segment { text, tags: &[] }
    }
}

/// A kind of difference that keeps a match in 95–99.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Difference {
    /// ’ against ', no-break spaces, dashes, « » “ ” against ", … against ...
    Typography,
    /// Spaces added, removed or doubled.
    Whitespace,
    /// Upper against lower case.
    Case,
    /// Numbers (any token with a digit).
    Numbers,
    /// Inline tags added, removed, moved or with other codes.
    Tags,
}

impl Difference {
    /// Every kind, in the order messages list them.
    pub(crate) const ALL: [Difference; 5] = [
        Difference::Typography,
        Difference::Whitespace,
        Difference::Case,
        Difference::Numbers,
        Difference::Tags,
    ];

    /// Its name in messages and reports.
    pub fn name(self) -> &'static str {
        match self {
            Difference::Typography => "typography",
            Difference::Whitespace => "whitespace",
            Difference::Case => "case",
            Difference::Numbers => "numbers",
            Difference::Tags => "tags",
        }
    }

    /// Points it takes off 100.
    pub(crate) fn penalty(self) -> u8 {
        match self {
            Difference::Numbers => 2,
            _ => 1,
        }
    }
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A percentage and, for 95–99 matches, why it is not 100.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Score {
    /// 0–101.
    pub percent: u8,
    /// The kinds of minor difference (empty for 100, 101 and ordinary
    /// fuzzy matches).
    pub differences: Vec<Difference>,
}

/// The segments before and after one: what a context match (101) compares.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Context {
    /// The previous source segment's text (empty at a document's start).
    pub before: String,
    /// The next source segment's text (empty at a document's end).
    pub after: String,
}

/// How a segment's tokens are turned into what is compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Fold {
    /// ’ → ', « » “ ” → ", dashes → -, no-break spaces → space, … → ...
    typography: bool,
    /// Lower case, as OmegaT compares.
    lowercase: bool,
    /// What becomes of white space.
    spaces: Spaces,
    /// Every token with a digit is the same token.
    numbers_as_one: bool,
    /// Tags as tokens (else left out), and whether their codes count.
    tags: Tags,
    /// Unicode NFC first (OmegaT compares the text as it is).
    nfc: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Spaces {
    /// Each run of white space is a token as written (OmegaT).
    Keep,
    /// Each run is the token " ".
    One,
    /// Runs of ordinary white space are left out (a no-break space is
    /// kept when typography is not folded: it is typography).
    Drop,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tags {
    Drop,
    Tokens,
    WithCode,
}

impl Fold {
    /// OmegaT's adjusted tokens.
    pub(crate) const OMEGAT: Fold = Fold {
        typography: false,
        lowercase: true,
        spaces: Spaces::Keep,
        numbers_as_one: false,
        tags: Tags::Tokens,
        nfc: false,
    };
    /// tmkit's fuzzy tokens.
    pub(crate) const FUZZY: Fold = Fold {
        typography: true,
        lowercase: true,
        spaces: Spaces::One,
        numbers_as_one: false,
        tags: Tags::Tokens,
        nfc: true,
    };
    /// Everything minor folded: equal keys mean a 95–100 match.
    pub(crate) const MINOR: Fold = Fold {
        typography: true,
        lowercase: true,
        spaces: Spaces::Drop,
        numbers_as_one: true,
        tags: Tags::Drop,
        nfc: true,
    };

    /// The tokens a scoring compares.
    pub(crate) fn of(scoring: Scoring) -> Fold {
        match scoring {
            Scoring::Tmkit => Fold::FUZZY,
            Scoring::Omegat => Fold::OMEGAT,
        }
    }

    /// [`Fold::MINOR`] with one kind of difference left visible.
    fn minor_except(difference: Difference) -> Fold {
        let mut fold = Fold::MINOR;
        match difference {
            Difference::Typography => fold.typography = false,
            Difference::Whitespace => fold.spaces = Spaces::Keep,
            Difference::Case => fold.lowercase = false,
            Difference::Numbers => fold.numbers_as_one = false,
            Difference::Tags => fold.tags = Tags::WithCode,
        }
        fold
    }
}

/// The character a typography fold puts for `c`, if it changes it.
pub(crate) fn typography(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2019}' | '\u{2018}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2039}' | '\u{203A}' | '\u{2033}' => "\"",
        '\u{2010}'..='\u{2015}' | '\u{2212}' => "-",
        '\u{00A0}'
        | '\u{202F}'
        | '\u{2007}'
        | '\u{2009}'
        | '\u{200A}'
        | '\u{2002}'..='\u{2006}'
        | '\u{2008}'
        | '\u{205F}'
        | '\u{3000}' => " ",
        '\u{2026}' => "...",
        _ => return None,
    })
}

/// White space that is not typography: what [`Spaces::Drop`] leaves out
/// when typography is not folded.
fn is_plain_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\r' | '\u{B}' | '\u{C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// The key a tag token has: never the key of a text token.
fn tag_key(tag: &Tag, with_code: bool, out: &mut String) {
    out.clear();
    out.push('\u{FFFF}');
    out.push(match tag.kind {
        TagKind::Open => 'o',
        TagKind::Close => 'c',
        TagKind::Standalone => 's',
    });
    out.push_str(&tag.number.to_string());
    if with_code {
        out.push(':');
        out.push_str(&tag.code.to_string());
    }
}

/// The key every token with a digit has under `numbers_as_one`.
const NUMBER_KEY: &str = "\u{FFFF}#";

/// Buffers for [`for_each_key`], reused from segment to segment.
#[derive(Default)]
pub(crate) struct Scratch {
    folded: String,
    key: String,
}

/// Calls `emit` with the key of each token of `segment` under `fold`.
pub(crate) fn for_each_key(
    segment: Segment<'_>,
    fold: Fold,
    scratch: &mut Scratch,
    mut emit: impl FnMut(&str),
) {
    let text = segment.text;
    let mut start = 0;
    let mut tags = segment.tags.iter().peekable();
    loop {
        let end = tags
            .peek()
            .map_or(text.len(), |t| (t.at as usize).min(text.len()));
        if end > start {
            piece_keys(&text[start..end], fold, scratch, &mut emit);
        }
        match tags.next() {
            Some(tag) => {
                start = end.max(start);
                if fold.tags != Tags::Drop {
                    tag_key(tag, fold.tags == Tags::WithCode, &mut scratch.key);
                    emit(&scratch.key);
                }
            }
            None => break,
        }
    }
}

fn piece_keys(piece: &str, fold: Fold, scratch: &mut Scratch, emit: &mut impl FnMut(&str)) {
    let folded = &mut scratch.folded;
    folded.clear();
    let nfc = if fold.nfc {
        crate::text::nfc(piece)
    } else {
        std::borrow::Cow::Borrowed(piece)
    };
    if !fold.typography && !fold.lowercase {
        folded.push_str(&nfc);
    } else if nfc.is_ascii() {
        if fold.lowercase {
            folded.extend(nfc.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            folded.push_str(&nfc);
        }
    } else if !fold.typography {
        // As Java's String.toLowerCase (a final sigma included).
        folded.push_str(&nfc.to_lowercase());
    } else {
        for c in nfc.chars() {
            match fold.typography.then(|| typography(c)).flatten() {
                Some(s) => folded.push_str(s),
                None if fold.lowercase => folded.extend(c.to_lowercase()),
                None => folded.push(c),
            }
        }
    }
    for range in tokens::verbatim(folded) {
        let token = &folded[range];
        if token.chars().all(char::is_whitespace) {
            match fold.spaces {
                Spaces::Keep => emit(token),
                Spaces::One => emit(" "),
                Spaces::Drop if token.chars().all(is_plain_space) => {}
                Spaces::Drop => emit(token),
            }
        } else if fold.numbers_as_one && token.chars().any(char::is_numeric) {
            emit(NUMBER_KEY);
        } else {
            emit(&tokens::token_key(token));
        }
    }
}

/// The keys of a segment as owned strings.
fn keys(segment: Segment<'_>, fold: Fold, scratch: &mut Scratch) -> Vec<String> {
    let mut out = Vec::new();
    for_each_key(segment, fold, scratch, |k| out.push(k.to_string()));
    out
}

/// OmegaT's percentage from a distance and two token counts: ⌊100·(L −
/// LD)/L⌋, 0 when both are empty.
pub(crate) fn percentage(distance: usize, a: usize, b: usize) -> u8 {
    let longer = a.max(b);
    if longer == 0 {
        return 0;
    }
    (100 * (longer - distance.min(longer)) / longer) as u8
}

/// The largest distance that still gives `min` percent between segments
/// of `a` and `b` tokens.
pub(crate) fn max_distance(min: u8, a: usize, b: usize) -> usize {
    let longer = a.max(b);
    // 100·(L − d) ≥ min·L  ⇔  d ≤ L − ⌈min·L/100⌉
    longer - (usize::from(min) * longer).div_ceil(100)
}

/// The Levenshtein distance of two token sequences (any equality type).
fn distance<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, x) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            let next = (row[j + 1] + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(x != y));
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// The score of `candidate` as a match for `query`.
///
/// ```
/// use tmkit::tm::score::{score, Scoring, Segment, Difference};
/// let q = Segment::plain("L’homme est là.");
/// let c = Segment::plain("L'homme est là.");
/// assert_eq!(score(Scoring::Omegat, q, c).percent, 62);
/// let tmkit = score(Scoring::Tmkit, q, c);
/// assert_eq!((tmkit.percent, tmkit.differences), (99, vec![Difference::Typography]));
/// assert_eq!(score(Scoring::Tmkit, q, q).percent, 100);
/// ```
pub fn score(scoring: Scoring, query: Segment<'_>, candidate: Segment<'_>) -> Score {
    let mut scratch = Scratch::default();
    if scoring == Scoring::Tmkit {
        if query == candidate {
            return Score {
                percent: 100,
                differences: Vec::new(),
            };
        }
        if let Some(minor) = minor_score(query, candidate, &mut scratch) {
            return minor;
        }
    }
    let fold = Fold::of(scoring);
    let (a, b) = (
        keys(query, fold, &mut scratch),
        keys(candidate, fold, &mut scratch),
    );
    Score {
        percent: percentage(distance(&a, &b), a.len(), b.len()),
        differences: Vec::new(),
    }
}

/// The 95–99 score of two different segments whose every difference is
/// minor, else `None`.
pub(crate) fn minor_score(
    query: Segment<'_>,
    candidate: Segment<'_>,
    scratch: &mut Scratch,
) -> Option<Score> {
    if keys(query, Fold::MINOR, scratch) != keys(candidate, Fold::MINOR, scratch) {
        return None;
    }
    let mut differences: Vec<Difference> = Difference::ALL
        .into_iter()
        .filter(|&d| {
            let fold = Fold::minor_except(d);
            keys(query, fold, scratch) != keys(candidate, fold, scratch)
        })
        .collect();
    if differences.is_empty() {
        // Equal under every single unfold, yet not identical: what is
        // left is a change that needs two folds at once (a no-break space
        // against none), or text that differs only in its normalisation.
        differences.push(Difference::Typography);
    }
    let penalty: u8 = differences.iter().map(|d| d.penalty()).sum();
    Some(Score {
        percent: 100u8.saturating_sub(penalty).max(95),
        differences,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmkit(q: &str, c: &str) -> (u8, Vec<&'static str>) {
        let s = score(Scoring::Tmkit, Segment::plain(q), Segment::plain(c));
        (s.percent, s.differences.iter().map(|d| d.name()).collect())
    }

    #[test]
    fn omegat_counts_spaces_and_punctuation_as_tokens() {
        let s = score(
            Scoring::Omegat,
            Segment::plain("Le chat dort."),
            Segment::plain("Le chien dort."),
        );
        // 6 tokens, one replaced: ⌊100·5/6⌋.
        assert_eq!(s.percent, 83);
    }

    #[test]
    fn minor_differences_score_95_to_99_with_their_kinds() {
        assert_eq!(
            tmkit("L’homme est là.", "L'homme est là."),
            (99, vec!["typography"])
        );
        assert_eq!(tmkit("Oui !", "Oui\u{a0}!"), (99, vec!["typography"]));
        assert_eq!(tmkit("Oui!", "Oui !"), (99, vec!["whitespace"]));
        assert_eq!(tmkit("le Chat dort.", "Le chat dort."), (99, vec!["case"]));
        assert_eq!(tmkit("Page 10.", "Page 12."), (98, vec!["numbers"]));
        assert_eq!(
            tmkit("« Page 10 » !", "\"page 12\"!"),
            (95, vec!["typography", "whitespace", "case", "numbers"])
        );
    }

    #[test]
    fn tags_count_as_tokens_and_as_a_minor_difference() {
        let tag = |at, kind, number, code| Tag {
            at,
            kind,
            number,
            code,
        };
        let tags = [tag(3, TagKind::Open, 1, 7), tag(8, TagKind::Close, 1, 8)];
        let tagged = Segment {
            text: "Le chat dort.",
            tags: &tags,
        };
        let plain = Segment::plain("Le chat dort.");
        let s = score(Scoring::Tmkit, tagged, plain);
        assert_eq!((s.percent, s.differences), (99, vec![Difference::Tags]));
        let mut other = tags;
        other[0].code = 9;
        let s = score(
            Scoring::Tmkit,
            tagged,
            Segment {
                text: tagged.text,
                tags: &other,
            },
        );
        assert_eq!((s.percent, s.differences), (99, vec![Difference::Tags]));
        assert_eq!(score(Scoring::Tmkit, tagged, tagged).percent, 100);
        // OmegaT: 8 tokens against 6, two inserted.
        assert_eq!(score(Scoring::Omegat, tagged, plain).percent, 75);
    }

    #[test]
    fn a_word_changed_is_an_ordinary_fuzzy_match() {
        assert_eq!(tmkit("Le chat dort.", "Le chien dort.").0, 83);
        // Typography costs nothing beside a real change.
        assert_eq!(tmkit("L’homme dort.", "L'homme dort bien.").0, 66);
    }

    #[test]
    fn max_distance_is_the_inverse_of_percentage() {
        for min in [50u8, 75, 95, 100] {
            for a in 1..30 {
                for b in 1..30 {
                    let d = max_distance(min, a, b);
                    assert!(percentage(d, a, b) >= min);
                    assert!(d == a.max(b) || percentage(d + 1, a, b) < min);
                }
            }
        }
    }
}
