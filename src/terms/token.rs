//! French tokenisation that keeps terms whole.
//!
//! Elided articles and conjunctions (`l’`, `d’`, `qu’`, `jusqu’`…, with ’ or
//! ') become tokens of their own; hyphenated and en-dash compounds
//! (`vice-Premier`, `Nord–Sud`, `Bakou–Moscou`), codes with digits
//! (`Pantsir-S1`, `HR5632`, `3+3`), dotted acronyms (`U.E.`) and initials
//! (`G.`) stay one token; verb–subject inversions (`a-t-il`) are split.

use std::ops::Range;

use crate::text::is_hyphen;

/// What a token is, by its shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Letters, maybe with digits, hyphens or an inner apostrophe.
    Word,
    /// An elided word with its apostrophe: `l’`, `d'`, `qu’`.
    Elision,
    /// Digits, maybe with a decimal separator.
    Number,
    /// Anything else (punctuation, symbols).
    Punct,
}

/// A token: its byte span in the sentence and its shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the tokenised text.
    pub span: Range<usize>,
    /// Its shape.
    pub shape: Shape,
}

/// Words that French elides before a vowel (lowercase, without apostrophe).
const ELIDED: &[&str] = &[
    "c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

/// Subject pronouns that follow a verb in inversion (`a-t-il`, `dit-elle`).
const INVERTED: &[&str] = &[
    "il", "elle", "on", "ils", "elles", "je", "tu", "nous", "vous",
];

/// Splits `text` into tokens; spaces are not tokens.
///
/// ```
/// use tmkit::terms::token::tokenize;
/// let s = "l’accès au corridor Nord–Sud d'HR5632 (Pantsir-S1) a-t-il";
/// let words: Vec<&str> = tokenize(s).iter().map(|t| &s[t.span.clone()]).collect();
/// assert_eq!(words, ["l’", "accès", "au", "corridor", "Nord–Sud", "d'", "HR5632",
///                    "(", "Pantsir-S1", ")", "a", "-t-il"]);
/// ```
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_into(text, &mut out);
    out
}

/// The character at byte `at` of `text` (a character boundary) and its
/// length in bytes; `None` at the end. ASCII, nearly every byte of French
/// text, is read without decoding.
#[inline]
fn char_at(text: &str, at: usize) -> Option<(char, usize)> {
    let &b = text.as_bytes().get(at)?;
    if b.is_ascii() {
        return Some((char::from(b), 1));
    }
    let c = text[at..].chars().next()?;
    Some((c, c.len_utf8()))
}

/// [`tokenize`] into `out`, which is cleared and reused, so a caller
/// tokenising sentence after sentence allocates nothing. It walks the
/// sentence by byte offset, every offset on a character boundary.
pub(crate) fn tokenize_into(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let bytes = text.as_bytes();
    let is = |at: usize, f: fn(char) -> bool| char_at(text, at).is_some_and(|(c, _)| f(c));
    let mut i = 0;
    while let Some((c, len)) = char_at(text, i) {
        if crate::text::is_space(c) {
            i += len;
            continue;
        }
        if !is_alphanumeric(c) {
            out.push(Token {
                span: i..i + len,
                shape: Shape::Punct,
            });
            i += len;
            continue;
        }
        // A run of letters and digits, with joiners between alphanumerics.
        let mut j = i;
        // Whether a hyphen joins its parts: only then can it be an inversion.
        let mut hyphenated = false;
        loop {
            j = alphanumerics_end(text, j);
            let Some((next, next_len)) = char_at(text, j) else {
                break;
            };
            let apostrophe = crate::text::is_apostrophe(next);
            if !(apostrophe || is_hyphen(next) || matches!(next, '+' | ',' | '.')) {
                break; // a space or punctuation: nothing joins on
            }
            let after = char_at(text, j + next_len).map(|(c, _)| c);
            let after_alnum = after.is_some_and(is_alphanumeric);
            if apostrophe {
                // ASCII case folding is enough: the elided words are ASCII,
                // and the one other letter that lowercases to ASCII (the
                // Kelvin sign, to `k`) is in none of them.
                if ELIDED.iter().any(|e| text[i..j].eq_ignore_ascii_case(e)) {
                    // `l’`, `qu’`: the elided word is a token of its own.
                    out.push(Token {
                        span: i..j + next_len,
                        shape: Shape::Elision,
                    });
                    i = j + next_len;
                    j = i;
                    if !after_alnum {
                        break;
                    }
                    continue;
                }
                if after_alnum {
                    j += next_len; // aujourd’hui, presqu’île
                    continue;
                }
                break;
            }
            // A byte that is an ASCII digit is one only as a character.
            let digits_around =
                bytes[j - 1].is_ascii_digit() && after.is_some_and(|c| c.is_ascii_digit());
            if (is_hyphen(next) && after_alnum) || (next == '+' && digits_around) {
                hyphenated |= is_hyphen(next);
                j += next_len;
                continue;
            }
            if matches!(next, ',' | '.') && digits_around && is_number(&text[i..j]) {
                j += 1; // 3,5 and 1.5
                continue;
            }
            break;
        }
        if i == j {
            continue; // the run was elisions only
        }
        let mut end = j;
        // Dotted acronyms (U.E.) and initials (G. Alemanno) keep their dots:
        // a word of one capital letter, its dot, maybe more of them. A
        // capital letter not followed by a letter: its length.
        let upper_letter = |k: usize| {
            char_at(text, k)
                .filter(|&(c, len)| {
                    c.is_uppercase() && c.is_alphabetic() && !is(k + len, char::is_alphabetic)
                })
                .map(|(_, len)| len)
        };
        if bytes.get(end) == Some(&b'.') && upper_letter(i) == Some(end - i) {
            let mut k = end + 1;
            while let Some(len) = upper_letter(k)
                && bytes.get(k + len) == Some(&b'.')
            {
                k += len + 1;
            }
            let next_is_capital = char_at(text, k).is_some_and(|(c, len)| {
                crate::text::is_space(c) && is(k + len, char::is_uppercase)
            });
            if k > end + 1 || next_is_capital {
                end = k;
            }
        }
        let word = &text[i..end];
        // Inversion: `a-t-il`, `dit-elle`.
        let last_hyphen = hyphenated
            .then(|| word.char_indices().rev().find(|&(_, c)| is_hyphen(c)))
            .flatten();
        let split = last_hyphen
            .filter(|&(h, c)| h > 0 && INVERTED.contains(&&word[h + c.len_utf8()..]))
            .map(|(h, _)| h);
        let split = split.map(|h| {
            let h = if word[..h].ends_with("-t") { h - 2 } else { h };
            i + h
        });
        let shape = if word
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b',' | b'.' | b'+'))
        {
            Shape::Number
        } else {
            Shape::Word
        };
        match split {
            Some(at) if at > i => {
                out.push(Token { span: i..at, shape });
                out.push(Token {
                    span: at..end,
                    shape: Shape::Punct,
                });
            }
            _ => out.push(Token {
                span: i..end,
                shape,
            }),
        }
        i = end;
    }
}

/// [`char::is_alphanumeric`], with the letters of Latin-1's upper half
/// (U+00C0–U+00FF but × and ÷: French's `é`, `à`, `ç`…) answered by a range
/// test, without Unicode's tables.
#[inline]
fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{C0}'..='\u{FF}').contains(&c) {
        !matches!(c, '×' | '÷')
    } else {
        c.is_alphanumeric()
    }
}

/// The end of the run of letters and digits from byte `at` of `text`: ASCII
/// byte by byte, other characters decoded.
fn alphanumerics_end(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while let Some(&b) = bytes.get(at) {
        if b.is_ascii_alphanumeric() {
            at += 1;
        } else if b.is_ascii() {
            break;
        } else {
            match char_at(text, at) {
                Some((c, len)) if is_alphanumeric(c) => at += len,
                _ => break,
            }
        }
    }
    at
}

fn is_number(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b',' | b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| &s[t.span.clone()]).collect()
    }

    #[test]
    fn latin1_fast_path_agrees_with_unicode() {
        for c in ('\0'..='\u{2FF}').chain(['œ', 'Œ', 'ﬁ', '–', '’']) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn elision_splits_only_elided_words() {
        assert_eq!(words("jusqu’à l'État"), ["jusqu’", "à", "l'", "État"]);
        assert_eq!(
            words("aujourd’hui presqu’île"),
            ["aujourd’hui", "presqu’île"]
        );
        assert_eq!(words("qu’il"), ["qu’", "il"]);
    }

    #[test]
    fn successive_elisions_are_tokens_of_their_own() {
        // Each elision starts where the one before it ended: overlapping
        // spans made tokenisation quadratic on a run of them.
        assert_eq!(words("qu’l'l’a"), ["qu’", "l'", "l’", "a"]);
        let run = format!("x {}a", "l'".repeat(1000));
        let tokens = tokenize(&run);
        assert_eq!(tokens.len(), 1002);
        assert!(tokens.windows(2).all(|w| w[0].span.end <= w[1].span.start));
    }

    #[test]
    fn numbers_codes_and_compounds_stay_whole() {
        assert_eq!(
            words("le format 3+3 à 3,5 %"),
            ["le", "format", "3+3", "à", "3,5", "%"]
        );
        assert_eq!(words("vice-Premier ministre"), ["vice-Premier", "ministre"]);
        assert_eq!(words("Bakou–Moscou – et"), ["Bakou–Moscou", "–", "et"]);
    }

    #[test]
    fn acronyms_and_initials_keep_their_dots() {
        assert_eq!(
            words("l’U.E. et G. Alemanno."),
            ["l’", "U.E.", "et", "G.", "Alemanno", "."]
        );
        assert_eq!(words("la lettre A. Fin"), ["la", "lettre", "A.", "Fin"]);
        assert_eq!(words("plan A."), ["plan", "A", "."]);
    }

    #[test]
    fn spans_of_characters_beyond_ascii_are_whole() {
        assert_eq!(
            words("l’Œuvre d’État–Île «\u{a0}É.U.\u{a0}» 𝐀-1 était-elle"),
            [
                "l’",
                "Œuvre",
                "d’",
                "État–Île",
                "«",
                "É.U.",
                "»",
                "𝐀-1",
                "était",
                "-elle"
            ]
        );
    }

    #[test]
    fn inversions_split_the_pronoun() {
        assert_eq!(words("a-t-il dit-elle"), ["a", "-t-il", "dit", "-elle"]);
    }
}
