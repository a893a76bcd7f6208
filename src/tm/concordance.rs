//! Concordance: every pair of a memory whose source (or translation) holds
//! some words, with where they stand, so that a translator sees how a
//! phrase was translated before.
//!
//! The words are a phrase: found at word boundaries, in any case, with
//! typography folded as the fuzzy score folds it (’ and ', « » and ",
//! dashes, no-break spaces) and any run of white space matching one space.

use std::ops::Range;

use super::memory::Memory;
use super::score::typography;

/// Which side of the pairs to search.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PairSide {
    /// The source segments.
    #[default]
    Source,
    /// The translations.
    Target,
}

/// A pair that holds the words, and where (byte ranges of the side
/// searched).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// The pair in the memory.
    pub pair: usize,
    /// Where the words stand.
    pub spans: Vec<Range<usize>>,
}

/// `text` folded for searching, with the original offset of each byte of
/// the fold (one more at the end).
fn fold(text: &str) -> (String, Vec<usize>) {
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    let mut space = false;
    for (at, c) in text.char_indices() {
        let before = folded.len();
        let mapped = typography(c);
        let is_space = c.is_whitespace() || mapped == Some(" ");
        if is_space {
            if !space {
                folded.push(' ');
            }
            space = true;
        } else {
            space = false;
            match mapped {
                Some(s) => folded.push_str(s),
                None => folded.extend(c.to_lowercase()),
            }
        }
        origin.extend(std::iter::repeat_n(at, folded.len() - before));
    }
    origin.push(text.len());
    (folded, origin)
}

/// Where `phrase` (already folded) stands in `text`, at word boundaries.
///
/// ```
/// use tmkit::tm::concordance::find;
/// let text = "L’État et l'état d'urgence : ÉTAT.";
/// let found: Vec<&str> = find(text, "l'état").into_iter().map(|r| &text[r]).collect();
/// assert_eq!(found, ["L’État", "l'état"]);
/// ```
pub fn find(text: &str, phrase: &str) -> Vec<Range<usize>> {
    if phrase.is_empty() {
        return Vec::new();
    }
    let (folded, origin) = fold(text);
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(at) = folded[from..].find(phrase) {
        let start = from + at;
        let end = start + phrase.len();
        let before = folded[..start].chars().next_back();
        let after = folded[end..].chars().next();
        // A phrase that starts (ends) with a letter must not continue a
        // word before (after) it.
        let joined_before = word(before) && word(phrase.chars().next());
        let joined_after = word(after) && word(phrase.chars().next_back());
        let bounded = !joined_before && !joined_after;
        if bounded {
            spans.push(origin[start]..origin[end]);
        }
        from = start + phrase.chars().next().map_or(1, char::len_utf8);
    }
    spans
}

/// The phrase `words` folded as [`find`] wants it (trimmed).
pub fn phrase(words: &str) -> String {
    fold(words.trim()).0
}

/// Every pair whose `side` holds `words`, in memory order.
pub fn search(memory: &Memory, words: &str, side: PairSide) -> Vec<Occurrence> {
    let phrase = phrase(words);
    (0..memory.len())
        .filter_map(|pair| {
            let p = memory.pair(pair);
            let text = match side {
                PairSide::Source => p.source.text,
                PairSide::Target => p.target.text,
            };
            let spans = find(text, &phrase);
            (!spans.is_empty()).then_some(Occurrence { pair, spans })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_at_word_boundaries_only() {
        let text = "la cistern et la cis";
        let found: Vec<&str> = find(text, "cis").into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["cis"]);
        assert_eq!(find(text, "cis")[0].start, 17);
        assert!(find("concis", "cis").is_empty());
    }

    #[test]
    fn white_space_runs_and_no_break_spaces_match_one_space() {
        let text = "mise\u{a0}à  jour";
        let found = find(text, &phrase("mise à jour"));
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].clone()], text);
    }
}
