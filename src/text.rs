//! Text as the pipeline sees it: Unicode NFC, French typography, byte spans.
//!
//! This is the first stage of the flow (text → segments → terms/units → exports).
//! Every later stage works on NFC text and on byte spans into it, so a span
//! found by the segmenter can be cut out of the paragraph without copying and
//! written back out byte for byte (NBSP and curly apostrophes included).
//!
//! French typography is kept as written, never "fixed": a TMX segment must be
//! byte-identical to the source sentence. What this module offers instead is a
//! single definition of the characters that French text uses as spaces,
//! apostrophes and quotation marks, so that segmentation, term extraction and
//! matching all agree on them.

use std::borrow::Cow;
use std::ops::Range;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// No-break space, used in French before `:` and inside `« »`.
pub const NBSP: char = '\u{00A0}';
/// Narrow no-break space, used in French before `; ! ?` (and `:` by some).
pub const NNBSP: char = '\u{202F}';
/// The typographic apostrophe (`l’État`), twin of the typewriter `'`.
pub const APOSTROPHE: char = '\u{2019}';

/// Returns `text` in Unicode Normalization Form C, borrowing when it already is.
///
/// ```
/// use std::borrow::Cow;
/// // "é" written as "e" + U+0301 COMBINING ACUTE ACCENT becomes one code point.
/// let nfc = tmkit::text::nfc("de\u{301}ja\u{300}");
/// assert_eq!(nfc, "déjà");
/// assert!(matches!(tmkit::text::nfc("déjà"), Cow::Borrowed(_)));
/// ```
pub fn nfc(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        _ => {
            let normalized: String = text.nfc().collect();
            if normalized == text {
                Cow::Borrowed(text)
            } else {
                Cow::Owned(normalized)
            }
        }
    }
}

/// True for every character that separates words or sentences: Unicode
/// `White_Space`, which includes NBSP (U+00A0) and narrow NBSP (U+202F).
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// True for the apostrophes French text uses for elision (`l'`, `l’`).
pub fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == APOSTROPHE
}

/// Shrinks `span` so that it neither starts nor ends with a space
/// ([`is_space`]); an all-space span becomes empty at its end.
///
/// ```
/// let s = "\u{a0} Bonjour ! ";
/// let span = tmkit::text::trim_span(s, 0..s.len());
/// assert_eq!(&s[span], "Bonjour !");
/// ```
pub fn trim_span(text: &str, span: Range<usize>) -> Range<usize> {
    let slice = &text[span.clone()];
    let trimmed_start = slice.trim_start_matches(is_space);
    let start = span.end - trimmed_start.len();
    let end = start + trimmed_start.trim_end_matches(is_space).len();
    start..end
}

/// Folds typographic variants that mean the same to a reader: `’` → `'`,
/// NBSP and narrow NBSP → space. For matching and lookup only; never for output.
///
/// ```
/// assert_eq!(tmkit::text::fold_typography("l’État\u{202f}?"), "l'État ?");
/// ```
pub fn fold_typography(text: &str) -> Cow<'_, str> {
    if !text.contains([APOSTROPHE, NBSP, NNBSP]) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                APOSTROPHE => '\'',
                NBSP | NNBSP => ' ',
                c => c,
            })
            .collect(),
    )
}

/// True for a well-formed BCP 47 language tag as tmkit uses them: a 2–3 letter
/// language, then hyphen-separated subtags of 1–8 letters or digits
/// (`fr`, `fr-FR`, `en-GB`, `zh-Hant-TW`). `fr_FR` is refused: CAT tools
/// silently ignore TMX units tagged that way.
///
/// ```
/// assert!(tmkit::text::is_language_tag("fr-FR"));
/// assert!(!tmkit::text::is_language_tag("fr_FR"));
/// ```
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or("");
    (2..=3).contains(&language.len())
        && language.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_span_of_all_space_is_empty() {
        let s = "  \u{202f} ";
        let span = trim_span(s, 0..s.len());
        assert!(span.is_empty());
    }

    #[test]
    fn nfc_composes_decomposed_text() {
        assert!(matches!(nfc("Ame\u{301}lie"), Cow::Owned(s) if s == "Amélie"));
    }
}
