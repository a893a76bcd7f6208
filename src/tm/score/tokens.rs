//! OmegaT 3.6's "verbatim" tokens and word count, rebuilt from its
//! behaviour: the tokens its adjusted match score and its statistics count.
//!
//! OmegaT cuts text with Java's word `BreakIterator` (the JDK's own
//! rule-based iterator, not ICU's) and then applies its `WordIterator`
//! heuristics. The JDK's rules, as observed on the Java 17 runtime that
//! Debian's OmegaT runs on and as published in the JDK's sources, break
//! after every character except that these are kept together, the longest
//! match winning:
//!
//! - a **word**: letters (`L`, `Mc`, not kana or CJK ideographs) joined by
//!   single mid-word marks (dash punctuation, soft hyphen, `'`, `"`, `.`):
//!   `l'homme`, `vice-Premier`, `Bakou–Moscou`, `S.N.C.F`; but not `’`,
//!   so `l’homme` is three tokens;
//! - a **number**: digits (`N`) joined by single `'` `"` `,` `.`:
//!   `3,5`, `1.000.000` (but `10 000` is three tokens), followed by a
//!   word, a number, … (`3e`, `HR5632`), the last number optionally by
//!   `% & ¢ ‰ ‱ ٪`, and the whole optionally led by a currency sign, `#`
//!   or `.` (`$10.5`, `.5`, `#1a`);
//! - a run of **white space** (`Zs`, tab; NBSP and narrow NBSP included),
//!   then an optional CR and one line separator;
//! - runs of katakana, of hiragana, of CJK ideographs;
//! - non-spacing and enclosing marks and format characters (`Mn Me Cf`)
//!   never start a token after the first character: they go with the
//!   token they follow.
//!
//! `WordIterator` then makes one token of an OmegaT tag (`<b0>`, `</b0>`,
//! `<x1/>`) and of a menu mnemonic (`&Fichier`, `Fi&chier`).
//!
//! Two tokens are equal, as OmegaT compares them, when their texts are
//! equal once every `&` is removed ([`token_key`]).

use std::ops::Range;
use std::sync::OnceLock;

// Character classes of the JDK's word rules, as bits.
const LET: u16 = 1;
const DGT: u16 = 1 << 1;
const MID_WORD: u16 = 1 << 2;
const MID_NUM: u16 = 1 << 3;
const PRE_NUM: u16 = 1 << 4;
const POST_NUM: u16 = 1 << 5;
const WS: u16 = 1 << 6;
const LS: u16 = 1 << 7;
const IGNORE: u16 = 1 << 8;
const KATA: u16 = 1 << 9;
const HIRA: u16 = 1 << 10;
const KANJI: u16 = 1 << 11;
const DANDA: u16 = 1 << 12;
/// Java's `Character.isLetterOrDigit`: `L` or `Nd`.
const LETTER_OR_DIGIT: u16 = 1 << 13;
/// A mark (`Mn`, `Me`): ignorable, but not at a token's start.
const MARK: u16 = 1 << 14;

/// Classes of every code point below U+10000, then sorted ranges above.
struct Table {
    bmp: Vec<u16>,
    astral: Vec<(u32, u32, u16)>,
}

fn unicode_class(pattern: &str) -> Vec<(u32, u32)> {
    use regex_syntax::hir::{Class, HirKind};
    let hir = regex_syntax::Parser::new()
        .parse(pattern)
        .expect("a valid Unicode class");
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => class
            .ranges()
            .iter()
            .map(|r| (u32::from(r.start()), u32::from(r.end())))
            .collect(),
        // A class of one character is parsed as that character.
        HirKind::Literal(literal) => std::str::from_utf8(&literal.0)
            .expect("a literal of a str pattern is UTF-8")
            .chars()
            .map(|c| (u32::from(c), u32::from(c)))
            .collect(),
        _ => unreachable!("a class pattern gives a class"),
    }
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut all: Vec<(u32, u32, u16)> = Vec::new();
        let mut add = |pattern: &str, bits: u16| {
            all.extend(
                unicode_class(pattern)
                    .into_iter()
                    .map(|(a, b)| (a, b, bits)),
            );
        };
        add(r"[\p{L}\p{Mc}]", LET);
        add(r"\p{N}", DGT);
        add(r"[\p{L}\p{Nd}]", LETTER_OR_DIGIT);
        add(r"[\p{Pd}\p{Pc}\x{AD}\x{2027}'.]", MID_WORD);
        add("[\"]", MID_WORD | MID_NUM);
        add(r"['.,\x{66B}]", MID_NUM);
        add(r"[[\p{Sc}--\x{A2}]#.]", PRE_NUM);
        add(r"[%&\x{A2}\x{66A}\x{2030}\x{2031}]", POST_NUM);
        add(r"[\p{Zs}\t]", WS);
        add(r"[\n\x{C}\x{2028}\x{2029}]", LS);
        add(r"[\p{Mn}\p{Me}\p{Cf}]", IGNORE);
        add(r"[\p{Mn}\p{Me}]", MARK);
        add(r"[\x{3099}-\x{309C}\x{30A1}-\x{30FE}]", KATA);
        add(r"[\x{3041}-\x{309E}\x{30FC}]", HIRA);
        add(
            r"[\x{3005}\x{3400}-\x{4DB5}\x{4E00}-\x{9FA5}\x{F900}-\x{FA6A}]",
            KANJI,
        );
        add(r"[\x{964}\x{965}]", DANDA);
        let mut bmp = vec![0u16; 0x10000];
        let mut astral = Vec::new();
        for &(a, b, bits) in &all {
            for c in a..=b.min(0xFFFF) {
                bmp[c as usize] |= bits;
            }
            if b > 0xFFFF {
                astral.push((a.max(0x10000), b, bits));
            }
        }
        // Letters that are kana or ideographs are not word letters; a
        // character a rule names (the soft hyphen, a mid-word mark) is not
        // ignorable.
        let named = LET | DGT | MID_WORD | MID_NUM | PRE_NUM | POST_NUM | WS | LS;
        for bits in bmp.iter_mut() {
            if *bits & (KATA | HIRA | KANJI) != 0 {
                *bits &= !LET;
            }
            if *bits & named != 0 {
                *bits &= !(IGNORE | MARK);
            }
        }
        astral.sort_unstable();
        Table { bmp, astral }
    })
}

fn class_of(table: &Table, c: char) -> u16 {
    let c = u32::from(c);
    if c < 0x10000 {
        return table.bmp[c as usize];
    }
    // Ranges may overlap (a letter range and the letter-or-digit range):
    // every range holding the code point adds its bits.
    let end = table.astral.partition_point(|&(a, _, _)| a <= c);
    table.astral[..end]
        .iter()
        .filter(|&&(_, b, _)| c <= b)
        .fold(0, |bits, &(_, _, k)| bits | k)
}

/// Java's `Character.isLetterOrDigit` (`L` or `Nd`).
pub(crate) fn is_letter_or_digit(c: char) -> bool {
    class_of(table(), c) & LETTER_OR_DIGIT != 0
}

/// The JDK word `BreakIterator` over one text.
///
/// Format characters (`Cf`) never change what is being matched: they go
/// with whatever token they are in. A mark (`Mn`, `Me`) goes with a
/// letter, digit, space, kana or ideograph before it and lets the match go
/// on; after a single punctuation character it ends the token there (so
/// `a-́b` is `a`, `-́`, `b`); after a line break, a closing `%`-like sign,
/// or at a token's start, it is not taken (a mark that starts a token is a
/// token, with any format characters after it).
struct Jdk<'a> {
    text: &'a str,
    /// Start byte and class of each character.
    chars: Vec<(usize, u16)>,
}

impl<'a> Jdk<'a> {
    fn new(text: &'a str) -> Jdk<'a> {
        let table = table();
        let chars = text
            .char_indices()
            .map(|(i, c)| {
                let class = if c.is_ascii() {
                    table.bmp[c as usize]
                } else {
                    class_of(table, c)
                };
                (i, class)
            })
            .collect();
        Jdk { text, chars }
    }

    fn class(&self, k: usize) -> u16 {
        self.chars.get(k).map_or(0, |&(_, c)| c)
    }

    fn byte(&self, k: usize) -> usize {
        self.chars.get(k).map_or(self.text.len(), |&(b, _)| b)
    }

    fn is(&self, k: usize, bits: u16) -> bool {
        self.class(k) & bits != 0
    }

    fn is_char(&self, k: usize, c: u8) -> bool {
        self.chars
            .get(k)
            .is_some_and(|&(b, _)| self.text.as_bytes()[b] == c)
    }

    /// A format character: ignorable, not a mark.
    fn is_format(&self, k: usize) -> bool {
        self.class(k) & (IGNORE | MARK) == IGNORE
    }

    /// Past the format characters from `k`.
    fn skip_format(&self, mut k: usize) -> usize {
        while self.is_format(k) {
            k += 1;
        }
        k
    }

    /// Past the format characters and marks from `k`.
    fn skip_ignorable(&self, mut k: usize) -> usize {
        while self.is(k, IGNORE) {
            k += 1;
        }
        k
    }

    /// Past a run of characters of class `bits` starting at `k`, with the
    /// ignorable characters among and after them.
    fn run(&self, mut k: usize, bits: u16) -> usize {
        while self.is(k, bits) {
            k = self.skip_ignorable(k + 1);
        }
        k
    }

    /// End of a word starting at `k` (a letter): letters, single mid-word
    /// marks between letters, an optional danda.
    fn word(&self, mut k: usize) -> usize {
        loop {
            k = self.run(k, LET);
            let next = self.skip_format(k + 1);
            if self.is(k, MID_WORD) && self.is(next, LET) {
                k = next;
                continue;
            }
            break;
        }
        if self.is(k, DANDA) {
            self.skip_format(k + 1)
        } else {
            k
        }
    }

    /// End of a number starting at `k` (a digit).
    fn number(&self, mut k: usize) -> usize {
        loop {
            k = self.run(k, DGT);
            let next = self.skip_format(k + 1);
            if self.is(k, MID_NUM) && self.is(next, DGT) {
                k = next;
                continue;
            }
            return k;
        }
    }

    /// The longest `($number$word)*($number$post_num?)?` from `k`, where a
    /// word may come first when `word_first`; `k` when nothing matches.
    fn words_and_numbers(&self, mut k: usize, word_first: bool) -> usize {
        if word_first && self.is(k, LET) {
            k = self.word(k);
        }
        while self.is(k, DGT) {
            k = self.number(k);
            if self.is(k, LET) {
                k = self.word(k);
            } else {
                if self.is(k, POST_NUM) {
                    k = self.skip_format(k + 1);
                }
                break;
            }
        }
        k
    }

    /// The end (character index) of the token starting at character `k`.
    fn next(&self, k: usize) -> usize {
        // Format characters at the start change nothing.
        let i = self.skip_format(k);
        if i >= self.chars.len() {
            return i;
        }
        let class = self.class(i);
        if class & MARK != 0 {
            return self.skip_format(i + 1);
        }
        // Any character alone, with the ignorable ones after it (marks not
        // after a line break or a soft hyphen, itself a format character).
        let soft_hyphen = self.text[self.byte(i)..].starts_with('\u{AD}');
        let mut end = if class & LS != 0 || self.is_char(i, b'\r') || soft_hyphen {
            self.skip_format(i + 1)
        } else {
            self.skip_ignorable(i + 1)
        };
        if class & (LET | DGT) != 0 {
            end = end.max(self.words_and_numbers(i, true));
        }
        if class & PRE_NUM != 0 {
            let after = self.skip_format(i + 1);
            if self.is(after, DGT) {
                end = end.max(self.words_and_numbers(after, false));
            }
        }
        if class & (WS | LS) != 0 || self.is_char(i, b'\r') {
            let mut e = self.run(i, WS);
            if self.is_char(e, b'\r') {
                e = self.skip_format(e + 1);
            }
            if self.is(e, LS) {
                e = self.skip_format(e + 1);
            }
            end = end.max(e);
        }
        for run in [KATA, HIRA, KANJI] {
            if class & run != 0 {
                // Marks do not continue these runs.
                let mut e = i;
                while self.is(e, run) {
                    e = self.skip_format(e + 1);
                }
                end = end.max(e);
            }
        }
        end
    }
}

/// OmegaT's tokens of `text` as byte ranges, in order, covering it.
///
/// ```
/// use tmkit::tm::score::tokens::verbatim;
/// let text = "L’homme <b0>est</b0> là, &Fichier.";
/// let tokens: Vec<&str> = verbatim(text).map(|r| &text[r]).collect();
/// assert_eq!(
///     tokens,
///     ["L", "’", "homme", " ", "<b0>", "est", "</b0>", " ", "là", ",", " ", "&Fichier", "."]
/// );
/// ```
pub fn verbatim(text: &str) -> Verbatim<'_> {
    Verbatim {
        jdk: Jdk::new(text),
        at: 0,
    }
}

/// The iterator of [`verbatim`].
pub struct Verbatim<'a> {
    jdk: Jdk<'a>,
    at: usize,
}

impl Verbatim<'_> {
    fn str(&self, from: usize, to: usize) -> &str {
        &self.jdk.text[self.jdk.byte(from)..self.jdk.byte(to)]
    }

    fn starts_letter_or_digit(&self, k: usize) -> bool {
        self.jdk.is(k, LETTER_OR_DIGIT)
    }

    /// OmegaT's `WordIterator.next`: the JDK's next boundary, or a later
    /// one that closes a tag or a mnemonic.
    fn step(&self, cur: usize) -> usize {
        let n = self.jdk.chars.len();
        let next = self.jdk.next(cur);
        let s = self.str(cur, next);
        if s == "<" {
            if next >= n {
                return next;
            }
            let next2 = self.jdk.next(next);
            if next2 >= n {
                return next;
            }
            let next3 = self.jdk.next(next2);
            let (s2, s3) = (self.str(next, next2), self.str(next2, next3));
            let closing = s2 == "/" && is_tag_name(s3);
            let standalone = is_tag_name(s2) && s3 == "/";
            if closing || standalone {
                if next3 >= n {
                    return next;
                }
                let next4 = self.jdk.next(next3);
                return if self.str(next3, next4) == ">" {
                    next4
                } else {
                    next
                };
            }
            return if is_tag_name(s2) && s3 == ">" {
                next3
            } else {
                next
            };
        }
        if s == "&" {
            if next >= n {
                return next;
            }
            let next2 = self.jdk.next(next);
            return if self.starts_letter_or_digit(next) {
                next2
            } else {
                next
            };
        }
        if self.starts_letter_or_digit(cur) && next < n {
            let next2 = self.jdk.next(next);
            if self.str(next, next2) == "&" && next2 < n && self.starts_letter_or_digit(next2) {
                return self.jdk.next(next2);
            }
        }
        next
    }
}

/// A JDK token that `WordIterator` takes for an OmegaT tag's name: ASCII
/// letters then digits (`b0`, `x12`).
fn is_tag_name(s: &str) -> bool {
    let letters = s.bytes().take_while(u8::is_ascii_alphabetic).count();
    letters > 0 && s.len() > letters && s.bytes().skip(letters).all(|b| b.is_ascii_digit())
}

impl Iterator for Verbatim<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        if self.at >= self.jdk.chars.len() {
            return None;
        }
        let end = self.step(self.at);
        let range = self.jdk.byte(self.at)..self.jdk.byte(end);
        self.at = end;
        Some(range)
    }
}

/// What OmegaT compares of a token: its text without `&` (menu mnemonics
/// do not count).
///
/// ```
/// assert_eq!(tmkit::tm::score::tokens::token_key("&Fichier"), "Fichier");
/// ```
pub fn token_key(token: &str) -> std::borrow::Cow<'_, str> {
    if token.contains('&') {
        token.replace('&', "").into()
    } else {
        token.into()
    }
}

/// Whether a token is an OmegaT tag (`<b0>`, `</b0>`, `<x1/>`), which
/// OmegaT's word count leaves out.
fn is_omegat_tag(token: &str) -> bool {
    let Some(inner) = token.strip_prefix('<').and_then(|t| t.strip_suffix('>')) else {
        return false;
    };
    let inner = inner.strip_prefix('/').unwrap_or(inner);
    let inner = inner.strip_suffix('/').unwrap_or(inner);
    is_tag_name(inner)
}

/// OmegaT's word count of a text (`Statistics.numberOfWords`): its tokens
/// that hold a letter or a digit, OmegaT tags left out.
///
/// ```
/// use tmkit::tm::score::tokens::word_count;
/// assert_eq!(word_count("L’homme est là : 3,5 % de l'État — vice-Premier."), 8);
/// ```
pub fn word_count(text: &str) -> usize {
    verbatim(text)
        .map(|r| &text[r])
        .filter(|t| t.chars().any(is_letter_or_digit) && !is_omegat_tag(t))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<&str> {
        verbatim(text).map(|r| &text[r]).collect()
    }

    #[test]
    fn apostrophes_and_dashes_join_words_as_the_jdk_does() {
        assert_eq!(tokens("L'homme"), ["L'homme"]);
        assert_eq!(tokens("L’homme"), ["L", "’", "homme"]);
        assert_eq!(tokens("x-y x–y x—y"), ["x-y", " ", "x–y", " ", "x—y"]);
        assert_eq!(tokens("S.N.C.F."), ["S.N.C.F", "."]);
    }

    #[test]
    fn numbers_join_their_marks_and_affixes() {
        assert_eq!(
            tokens("10%abc 10abc abc10def 1.5. .5 #1a $10.5% a.1 1'a"),
            [
                "10%", "abc", " ", "10abc", " ", "abc10def", " ", "1.5", ".", " ", ".5", " ",
                "#1a", " ", "$10.5%", " ", "a", ".1", " ", "1", "'", "a"
            ]
        );
        assert_eq!(tokens("3\u{a0}000"), ["3", "\u{a0}", "000"]);
    }

    #[test]
    fn marks_go_with_the_token_before_except_at_the_start() {
        assert_eq!(tokens("a\u{301}b"), ["a\u{301}b"]);
        assert_eq!(tokens("\u{301}ab"), ["\u{301}", "ab"]);
        assert_eq!(tokens("ab \u{301} cd"), ["ab", " \u{301} ", "cd"]);
        assert_eq!(tokens("exa\u{ad}mple"), ["exa\u{ad}mple"]);
    }

    #[test]
    fn tags_and_mnemonics_are_one_token() {
        assert_eq!(
            tokens("<x0>a</x0><x0/>b<b>c< x0>"),
            [
                "<x0>", "a", "</x0>", "<x0/>", "b", "<", "b", ">", "c", "<", " ", "x0", ">"
            ]
        );
        assert_eq!(
            tokens("&amp; a&b 1&2 a&& &"),
            [
                "&amp", ";", " ", "a&b", " ", "1&", "2", " ", "a", "&", "&", " ", "&"
            ]
        );
    }

    #[test]
    fn line_breaks_end_a_white_space_run() {
        assert_eq!(tokens(" \r\n\nx"), [" \r\n", "\n", "x"]);
    }

    #[test]
    fn word_count_leaves_out_tags_and_punctuation() {
        assert_eq!(word_count("<b0>Gras</b0> et – « 12 »"), 3);
        assert_eq!(word_count(""), 0);
    }
}
