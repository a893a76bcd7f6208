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
    tokenize_into(text, &mut Vec::new(), &mut out);
    out
}

/// [`tokenize`] into `out`, with `chars` as scratch: both are cleared and
/// reused, so a caller tokenising sentence after sentence allocates nothing.
pub(crate) fn tokenize_into(text: &str, chars: &mut Vec<(usize, char)>, out: &mut Vec<Token>) {
    out.clear();
    chars.clear();
    chars.extend(text.char_indices());
    let chars = &chars[..];
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if crate::text::is_space(c) {
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(Token {
                span: start..end_of(i + 1),
                shape: Shape::Punct,
            });
            i += 1;
            continue;
        }
        // A run of letters and digits, with joiners between alphanumerics.
        let mut j = i;
        let mut word_start = i;
        loop {
            while j < chars.len() && chars[j].1.is_alphanumeric() {
                j += 1;
            }
            let Some(&(_, next)) = chars.get(j) else {
                break;
            };
            let after = chars.get(j + 1).map(|&(_, c)| c);
            let after_alnum = after.is_some_and(char::is_alphanumeric);
            if crate::text::is_apostrophe(next) {
                let piece = &text[chars[word_start].0..chars[j].0];
                // ASCII case folding is enough: the elided words are ASCII,
                // and the one other letter that lowercases to ASCII (the
                // Kelvin sign, to `k`) is in none of them.
                if word_start == i && ELIDED.iter().any(|e| piece.eq_ignore_ascii_case(e)) {
                    // `l’`, `qu’`: the elided word is a token of its own.
                    out.push(Token {
                        span: chars[i].0..end_of(j + 1),
                        shape: Shape::Elision,
                    });
                    i = j + 1;
                    word_start = i;
                    j = i;
                    if !after_alnum {
                        break;
                    }
                    continue;
                }
                if after_alnum {
                    j += 1; // aujourd’hui, presqu’île
                    continue;
                }
                break;
            }
            let digits_around =
                chars[j - 1].1.is_ascii_digit() && after.is_some_and(|c| c.is_ascii_digit());
            if (is_hyphen(next) && after_alnum) || (matches!(next, '+') && digits_around) {
                j += 1;
                continue;
            }
            if matches!(next, ',' | '.')
                && digits_around
                && is_number(&text[chars[i].0..chars[j].0])
            {
                j += 1; // 3,5 and 1.5
                continue;
            }
            break;
        }
        if i >= chars.len() || i == j {
            continue;
        }
        let mut end = j;
        // Dotted acronyms (U.E.) and initials (G. Alemanno) keep their dots.
        let upper_letter = |k: usize| {
            chars.get(k).is_some_and(|&(_, c)| c.is_uppercase())
                && k + 1 == end_of_letters(chars, k)
        };
        if end == i + 1 && upper_letter(i) && chars.get(end).is_some_and(|&(_, c)| c == '.') {
            let mut k = end + 1;
            while upper_letter(k) && chars.get(k + 1).is_some_and(|&(_, c)| c == '.') {
                k += 2;
            }
            let next_is_capital = chars.get(k).is_some_and(|&(_, c)| crate::text::is_space(c))
                && chars.get(k + 1).is_some_and(|&(_, c)| c.is_uppercase());
            if k > end + 1 || next_is_capital {
                end = k;
            }
        }
        let word = &text[chars[i].0..end_of(end)];
        // Inversion: `a-t-il`, `dit-elle`.
        let split = word
            .char_indices()
            .rev()
            .find(|&(_, c)| is_hyphen(c))
            .filter(|&(h, c)| h > 0 && INVERTED.contains(&&word[h + c.len_utf8()..]))
            .map(|(h, _)| h);
        let split = split.map(|h| {
            let h = if word[..h].ends_with("-t") { h - 2 } else { h };
            chars[i].0 + h
        });
        let shape = if word
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '+'))
        {
            Shape::Number
        } else {
            Shape::Word
        };
        match split {
            Some(at) if at > chars[i].0 => {
                out.push(Token {
                    span: chars[i].0..at,
                    shape,
                });
                out.push(Token {
                    span: at..end_of(end),
                    shape: Shape::Punct,
                });
            }
            _ => out.push(Token {
                span: chars[i].0..end_of(end),
                shape,
            }),
        }
        i = end;
    }
}

fn end_of_letters(chars: &[(usize, char)], mut k: usize) -> usize {
    while chars.get(k).is_some_and(|&(_, c)| c.is_alphabetic()) {
        k += 1;
    }
    k
}

fn is_number(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| &s[t.span.clone()]).collect()
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
    fn inversions_split_the_pronoun() {
        assert_eq!(words("a-t-il dit-elle"), ["a", "-t-il", "dit", "-elle"]);
    }
}
