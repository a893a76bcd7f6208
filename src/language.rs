//! Languages: what a language tag is ([`LangTag`], the one parser of tags
//! tmkit reads: options, TMX and TBX `xml:lang`, table and sheet headers),
//! and which of French and English a text plainly is ([`Evidence`]).
//!
//! Which of French and English a text plainly is, told from its function
//! words (articles, prepositions, pronouns, auxiliaries), so that a command
//! given the wrong file (the English as the French side, an English text
//! to extract French terms from) or the wrong tag (`de-DE` for English) can
//! say so. It decides only from [`MIN_WORDS`] words on and only when one
//! language's function words are frequent and outnumber the other's
//! threefold; otherwise it says nothing.
//!
//! Measured on lines of 20 words or more of `../shared/data`: of the UD
//! French GSD sentences (388), the seeds' French paragraphs (63), ACTER's
//! French lines (665) and the Transread novels' French lines (1,222), none
//! is taken for English (4 novel lines are left undecided); of the seeds'
//! English paragraphs (59) and the novels' English lines (1,250), two are
//! taken for French and 12 are left undecided. Whole files (the seeds,
//! ACTER's texts) are all told right.
//!
//! ```
//! use tmkit::language::Evidence;
//! let mut e = Evidence::default();
//! e.add("The council met on Monday and decided that the budget of the town would be voted in the spring by its members.");
//! assert_eq!(e.language(), Some("en"));
//! let mut f = Evidence::default();
//! f.add("Le conseil s’est réuni lundi et a décidé que le budget de la ville serait voté au printemps par ses membres.");
//! assert_eq!(f.language(), Some("fr"));
//! ```

/// A BCP 47 language tag as tmkit takes them: a language of 2–3 ASCII
/// letters, then hyphen-separated subtags of 1–8 ASCII letters or digits
/// (`fr`, `fr-FR`, `en-GB`, `zh-Hant-TW`). `fr_FR` is refused: CAT tools
/// silently ignore TMX units tagged that way, and drop a TBX's language set.
///
/// ```
/// use tmkit::language::{LangTag, TagError};
/// assert!(LangTag::parse("fr-FR").is_ok_and(|t| t.is("fr")));
/// assert_eq!(LangTag::parse("fr_FR"), Err(TagError::Subtag));
/// assert_eq!(LangTag::parse("french"), Err(TagError::Language));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LangTag<'a>(&'a str);

/// Why a string is not a [`LangTag`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TagError {
    /// A subtag is empty, longer than 8 characters, or holds something
    /// other than ASCII letters and digits (`fr_FR`, `fr--FR`, `fr FR`).
    Subtag,
    /// The subtags are well formed but the first is not a language code of
    /// 2–3 letters (`french`, `x-klingon`, `1`).
    Language,
}

impl<'a> LangTag<'a> {
    /// `tag` when it is a well-formed tag; else what is wrong with it.
    pub fn parse(tag: &'a str) -> Result<Self, TagError> {
        let subtag =
            |s: &str| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric());
        if !tag.split('-').all(subtag) {
            return Err(TagError::Subtag);
        }
        let language = primary(tag);
        if !(2..=3).contains(&language.len()) || !language.bytes().all(|b| b.is_ascii_alphabetic())
        {
            return Err(TagError::Language);
        }
        Ok(LangTag(tag))
    }

    /// The tag as written.
    pub fn as_str(self) -> &'a str {
        self.0
    }

    /// The primary language subtag, as written: `fr` of `fr-FR`.
    pub fn primary(self) -> &'a str {
        primary(self.0)
    }

    /// True when the tag's language is `language` (`fr`, `en`), whatever
    /// the case: `FR-fr` is French.
    pub fn is(self, language: &str) -> bool {
        self.primary().eq_ignore_ascii_case(language)
    }
}

/// The primary subtag of a tag as found in a file, well formed or not: `fr`
/// of `fr-FR` and of `fr_FR`. Matching variants by language goes through
/// it, so a unit tagged `fr_FR` is still found as French where one is read.
pub fn primary(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or(tag)
}

/// Fewest words a text must have before its language is told.
pub const MIN_WORDS: usize = 20;

/// English function words (lower case). A `match` rather than a list
/// searched word by word: `tmkit terms` asks it of every word of its text.
fn english(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "and"
            | "of"
            | "to"
            | "is"
            | "that"
            | "it"
            | "was"
            | "for"
            | "with"
            | "are"
            | "be"
            | "this"
            | "by"
            | "have"
            | "from"
            | "not"
            | "they"
            | "which"
            | "or"
            | "has"
            | "were"
            | "but"
            | "their"
            | "will"
            | "been"
            | "would"
            | "its"
            | "there"
            | "who"
            | "he"
            | "she"
            | "we"
            | "you"
            | "his"
            | "her"
            | "had"
            | "what"
            | "when"
    )
}

/// French function words (lower case), as [`english`].
fn french(word: &str) -> bool {
    matches!(
        word,
        "l" | "d"
            | "qu"
            | "le"
            | "la"
            | "les"
            | "de"
            | "des"
            | "du"
            | "et"
            | "est"
            | "un"
            | "une"
            | "que"
            | "qui"
            | "dans"
            | "pour"
            | "pas"
            | "sur"
            | "au"
            | "aux"
            | "il"
            | "elle"
            | "ce"
            | "cette"
            | "sont"
            | "par"
            | "avec"
            | "ne"
            | "se"
            | "en"
            | "plus"
            | "ont"
            | "été"
            | "mais"
            | "ou"
            | "nous"
            | "vous"
            | "leur"
            | "sa"
            | "ses"
    )
}

/// Word counts of a text, added paragraph by paragraph.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Evidence {
    words: usize,
    english: usize,
    french: usize,
}

impl Evidence {
    /// Counts the words of `text` (runs of letters; an apostrophe splits
    /// an elision, `l’homme` is `l` and `homme`).
    pub fn add(&mut self, text: &str) {
        let mut lower = String::new();
        for word in text.split(|c: char| !c.is_alphabetic()) {
            if word.is_empty() {
                continue;
            }
            self.words += 1;
            if word.len() > 5 {
                continue;
            }
            lower.clear();
            if word.is_ascii() {
                lower.push_str(word);
                lower.make_ascii_lowercase();
            } else {
                lower.extend(word.chars().flat_map(char::to_lowercase));
            }
            self.english += usize::from(english(&lower));
            self.french += usize::from(french(&lower));
        }
    }

    /// The counts of `text`, as [`Evidence::add`] adds them. A reader that
    /// sees the same pieces of text again and again (`tmkit terms`' words)
    /// counts each distinct piece once and adds its counts with
    /// [`Evidence::add_counts`]: the same counts as reading the whole text
    /// when the pieces split it only where a character is not a letter.
    pub fn of(text: &str) -> Evidence {
        let mut e = Evidence::default();
        e.add(text);
        e
    }

    /// Adds the counts of `other` (another piece of the same text).
    pub fn add_counts(&mut self, other: &Evidence) {
        self.words += other.words;
        self.english += other.english;
        self.french += other.french;
    }

    /// Words counted.
    pub fn words(&self) -> usize {
        self.words
    }

    /// `"en"` or `"fr"` when the text plainly is English or French, else
    /// none (too short, another language, or mixed).
    pub fn language(&self) -> Option<&'static str> {
        let plainly = |ours: usize, theirs: usize| {
            self.words >= MIN_WORDS && ours * 100 >= self.words * 12 && ours >= 3 * theirs + 2
        };
        if plainly(self.english, self.french) {
            Some("en")
        } else if plainly(self.french, self.english) {
            Some("fr")
        } else {
            None
        }
    }

    /// What to say when the text is plainly in another language than
    /// `tag`'s (`fr-FR`, `en`, `de-DE`): `None` when it fits or is not
    /// plain.
    pub fn mismatch(&self, tag: &str) -> Option<String> {
        let found = self.language()?;
        if primary(tag).eq_ignore_ascii_case(found) {
            return None;
        }
        let name = |code: &str| if code == "en" { "English" } else { "French" };
        Some(format!(
            "its {} words look {}, not {tag}",
            self.words,
            name(found)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(text: &str) -> Evidence {
        let mut e = Evidence::default();
        e.add(text);
        e
    }

    #[test]
    fn a_short_text_is_not_told() {
        assert_eq!(evidence("The council met on Monday.").language(), None);
    }

    #[test]
    fn elisions_count_their_article() {
        let e = evidence("l’homme");
        assert_eq!((e.words, e.french), (2, 1));
    }

    #[test]
    fn no_french_seed_is_taken_for_english_nor_english_one_for_french() {
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        for (side, other) in [("fr", "en"), ("en", "fr")] {
            for entry in std::fs::read_dir(seeds.join(side)).unwrap() {
                let path = entry.unwrap().path();
                let e = evidence(&std::fs::read_to_string(&path).unwrap());
                assert_ne!(e.language(), Some(other), "{}", path.display());
            }
        }
    }

    #[test]
    fn a_tag_that_does_not_fit_is_named() {
        let e = evidence(
            "The council met on Monday and decided that the budget of the town would be voted in the spring by all of its members.",
        );
        assert_eq!(
            e.mismatch("de-DE").as_deref(),
            Some("its 24 words look English, not de-DE")
        );
        assert_eq!(e.mismatch("en-GB"), None);
        assert_eq!(e.mismatch("EN"), None);
    }
}
