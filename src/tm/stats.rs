//! What a translation memory holds: units, languages, words per language.

use std::collections::BTreeMap;

use super::Unit;

/// Counts for one language.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LanguageStats {
    /// Variants (segments) in this language.
    pub segments: u64,
    /// Words: runs of non-space characters holding a letter or digit.
    pub words: u64,
}

/// Counts for a whole memory.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Translation units.
    pub units: u64,
    /// Per language tag, as written (sorted).
    pub languages: BTreeMap<String, LanguageStats>,
    /// Units with at least one inline element (tags).
    pub with_markup: u64,
    /// Notes and props on units and variants.
    pub annotations: u64,
}

/// Words in a segment's text: whitespace-separated tokens with a letter or
/// a digit (punctuation alone, such as `«` or `–`, is not a word).
///
/// ```
/// assert_eq!(tmkit::tm::stats::words("« Oui », dit-il – 3 fois."), 4);
/// ```
pub fn words(text: &str) -> u64 {
    text.split(|c: char| c.is_whitespace() || c == '\u{202F}')
        .filter(|t| t.chars().any(char::is_alphanumeric))
        .count() as u64
}

impl Stats {
    /// Adds one unit.
    pub fn add(&mut self, unit: &Unit) {
        self.units += 1;
        self.annotations += unit.annotations.len() as u64;
        let mut markup = false;
        for variant in &unit.variants {
            let entry = self
                .languages
                .entry(variant.lang().to_string())
                .or_default();
            entry.segments += 1;
            entry.words += words(&variant.text());
            markup |= super::has_markup(&variant.seg);
            self.annotations += variant.annotations.len() as u64;
        }
        self.with_markup += u64::from(markup);
    }
}
