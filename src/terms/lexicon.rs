//! A French lexicon read from Hunspell files: lemma, part of speech, number
//! and gender of a word form.
//!
//! Term extraction needs more than spell checking: it must know that
//! *avions* is the plural of the noun *avion*, that *routières* is a feminine
//! plural adjective, that *de* is a preposition. Hunspell dictionaries carry
//! exactly that in their morphological fields (`po:nom is:fem is:pl`), and
//! the Dicollecte French dictionary (Debian's `hunspell-fr`, MPL 2.0) is the
//! most complete free French lexicon; tmkit embeds it ([`Lexicon::french`]).
//!
//! [`Lexicon`] reads the Hunspell format (`.aff` suffix classes with their
//! conditions and morphology, `.dic` stems with flags and fields, `FLAG long`
//! / `num` / single-character flags, `NEEDAFFIX`, `FORBIDDENWORD`) and
//! analyses a word form by stripping suffixes back to a stem, as Hunspell's
//! own `analyze` does for suffixes. Prefixes are not analysed: French
//! dictionaries use them only for elision (`l'`, `d'`), which the tokeniser
//! splits off first.

use crate::error::{ErrorKind, Located, Place};
use crate::text::{FxHashMap, StrTable, cmp_bytes, lines, same_bytes};

/// The embedded French dictionary (Dicollecte 7.0 "classique", MPL 2.0).
const FRENCH_AFF: &str = include_str!("lexicon/fr.aff");
const FRENCH_DIC: &str = include_str!("lexicon/fr.dic");

/// A dictionary that cannot be read: its [kind](LexiconErrorKind), the
/// `.aff` or `.dic` file and the line ([`Place::Line`]).
pub type LexiconError = Located<LexiconErrorKind>;

/// What is wrong with a dictionary.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LexiconErrorKind {
    /// A line tmkit cannot read as Hunspell (what is wrong and what to do).
    #[error("{0}")]
    Invalid(String),
}

impl ErrorKind for LexiconErrorKind {}

/// The error `message` at `line` (1-based) of `origin`.
fn invalid(origin: &str, line: usize, message: String) -> LexiconError {
    let line = Place::Line(line as u64);
    Located::new(origin, Some(line), LexiconErrorKind::Invalid(message))
}

/// Grammatical features of one reading of a word form, as a small bit set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Tags(u32);

impl Tags {
    /// Common noun (`po:nom`).
    pub const NOUN: Tags = Tags(1);
    /// Adjective (`po:adj`).
    pub const ADJ: Tags = Tags(1 << 1);
    /// Proper noun: place, first name or surname (`po:npr`, `po:prn`, `po:patr`).
    pub const PROPER: Tags = Tags(1 << 2);
    /// Verb, any form (`po:v…`).
    pub const VERB: Tags = Tags(1 << 3);
    /// Past participle (`po:ppas`).
    pub const PAST_PARTICIPLE: Tags = Tags(1 << 4);
    /// Present participle (`po:ppre`).
    pub const PRESENT_PARTICIPLE: Tags = Tags(1 << 5);
    /// Infinitive (`po:infi`).
    pub const INFINITIVE: Tags = Tags(1 << 6);
    /// Adverb (`po:adv`).
    pub const ADV: Tags = Tags(1 << 7);
    /// Grammatical word: determiner, pronoun, preposition, conjunction (`po:mg`).
    pub const FUNCTION: Tags = Tags(1 << 8);
    /// Preposition (`po:prep`).
    pub const PREP: Tags = Tags(1 << 9);
    /// Determiner of any kind (`po:det`, `po:detdem`, `po:detpos`…).
    pub const DET: Tags = Tags(1 << 10);
    /// Coordinating conjunction (`po:cjco`).
    pub const CONJ: Tags = Tags(1 << 11);
    /// Number word (`po:nb`).
    pub const NUMERAL: Tags = Tags(1 << 12);
    /// Title or form of address (`po:titr`): `Mme`, `Dr`, `monsieur`.
    pub const TITLE: Tags = Tags(1 << 13);
    /// First name (`po:prn`).
    pub const FIRST_NAME: Tags = Tags(1 << 14);
    /// Surname (`po:patr`).
    pub const SURNAME: Tags = Tags(1 << 15);
    /// Singular (`is:sg`).
    pub const SINGULAR: Tags = Tags(1 << 16);
    /// Plural (`is:pl`).
    pub const PLURAL: Tags = Tags(1 << 17);
    /// Feminine (`is:fem`).
    pub const FEMININE: Tags = Tags(1 << 18);
    /// Masculine (`is:mas`).
    pub const MASCULINE: Tags = Tags(1 << 19);

    /// No feature.
    pub const fn empty() -> Tags {
        Tags(0)
    }

    /// True when every feature of `other` is set.
    pub const fn contains(self, other: Tags) -> bool {
        self.0 & other.0 == other.0
    }

    /// True when some feature of `other` is set.
    pub const fn intersects(self, other: Tags) -> bool {
        self.0 & other.0 != 0
    }

    /// The union.
    pub const fn union(self, other: Tags) -> Tags {
        Tags(self.0 | other.0)
    }

    /// The features of a Hunspell morphological field (`po:nom`, `is:pl`).
    fn of_field(field: &str) -> Tags {
        match field {
            "po:nom" => Tags::NOUN,
            "po:adj" => Tags::ADJ,
            "po:npr" => Tags::PROPER,
            "po:patr" => Tags::PROPER.union(Tags::SURNAME),
            "po:prn" => Tags::PROPER.union(Tags::FIRST_NAME),
            "po:titr" => Tags::TITLE,
            "po:ppas" => Tags::PAST_PARTICIPLE,
            "po:ppre" => Tags::PRESENT_PARTICIPLE,
            "po:infi" => Tags::INFINITIVE,
            "po:adv" => Tags::ADV,
            "po:mg" => Tags::FUNCTION,
            "po:prep" => Tags::PREP,
            "po:cjco" => Tags::CONJ,
            "po:nb" => Tags::NUMERAL,
            "is:sg" => Tags::SINGULAR,
            "is:pl" => Tags::PLURAL,
            "is:fem" => Tags::FEMININE,
            "is:mas" => Tags::MASCULINE,
            f if f.starts_with("po:det") => Tags::DET,
            f if f.starts_with("po:v") => Tags::VERB,
            _ => Tags::empty(),
        }
    }

    fn of_fields(fields: &str) -> Tags {
        fields
            .split_whitespace()
            .fold(Tags::empty(), |t, f| t.union(Tags::of_field(f)))
    }

    /// The features of a `.dic` line's morphological fields and its `st:`
    /// field (the lemma), in one pass.
    fn of_morphology(fields: &str) -> (Tags, Option<&str>) {
        let mut tags = Tags::empty();
        let mut lemma = None;
        for f in fields.split_whitespace() {
            match f.strip_prefix("st:") {
                Some(st) => lemma = lemma.or(Some(st)),
                None => tags = tags.union(Tags::of_field(f)),
            }
        }
        (tags, lemma)
    }
}

impl std::ops::BitAnd for Tags {
    type Output = Tags;
    fn bitand(self, rhs: Tags) -> Tags {
        Tags(self.0 & rhs.0)
    }
}

impl std::ops::BitOr for Tags {
    type Output = Tags;
    fn bitor(self, rhs: Tags) -> Tags {
        self.union(rhs)
    }
}

/// One reading of a word form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WordAnalysis<'a> {
    /// The dictionary form: singular for nouns, masculine singular for
    /// adjectives, infinitive for verbs.
    pub lemma: &'a str,
    /// Part of speech, number and gender.
    pub tags: Tags,
}

type Flag = u32;

/// One suffix rule of the `.aff` file (`SFX F. 0 s [^sxz] is:pl`).
#[derive(Debug)]
struct Suffix {
    flag: Flag,
    strip: Box<str>,
    append: Box<str>,
    condition: Condition,
    tags: Tags,
}

/// A Hunspell affix condition: a sequence of characters, `.` or `[…]` /
/// `[^…]` sets, matched against the end of the stem.
#[derive(Debug)]
struct Condition(Vec<CondAtom>);

#[derive(Debug)]
enum CondAtom {
    Any,
    Char(char),
    Set { negated: bool, chars: Vec<char> },
}

impl Condition {
    fn parse(text: &str) -> Result<Condition, String> {
        if text == "." {
            return Ok(Condition(Vec::new()));
        }
        let mut atoms = Vec::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            match c {
                '.' => atoms.push(CondAtom::Any),
                '[' => {
                    let mut set = Vec::new();
                    let mut negated = false;
                    let mut closed = false;
                    for (i, s) in chars.by_ref().enumerate() {
                        match s {
                            '^' if i == 0 => negated = true,
                            ']' => {
                                closed = true;
                                break;
                            }
                            s => set.push(s),
                        }
                    }
                    if !closed {
                        return Err(format!("condition {text:?} has an unclosed '['"));
                    }
                    atoms.push(CondAtom::Set {
                        negated,
                        chars: set,
                    });
                }
                c => atoms.push(CondAtom::Char(c)),
            }
        }
        Ok(Condition(atoms))
    }

    fn matches_end(&self, stem: &str) -> bool {
        let mut chars = stem.chars().rev();
        self.0.iter().rev().all(|atom| match chars.next() {
            None => false,
            Some(c) => match atom {
                CondAtom::Any => true,
                CondAtom::Char(x) => *x == c,
                CondAtom::Set { negated, chars } => chars.contains(&c) != *negated,
            },
        })
    }
}

/// One `.dic` line of a stem. The entries of all stems live in one list,
/// their flags in one pool, so that loading the dictionary allocates
/// next to nothing per line.
#[derive(Debug)]
struct Entry {
    /// Its flags, sorted: a range of [`Lexicon::flag_pool`].
    flags: (u32, u32),
    /// `st:` field: the lemma when it differs from the stem.
    lemma: Option<Box<str>>,
    tags: Tags,
    /// The stem's next entry (a homograph), or [`NO_ENTRY`].
    next: u32,
}

/// The end of a stem's entries.
const NO_ENTRY: u32 = u32::MAX;

#[derive(Clone, Copy, Debug)]
enum FlagFormat {
    Char,
    Long,
    Num,
}

impl FlagFormat {
    fn parse(self, text: &str) -> Result<Vec<Flag>, String> {
        let mut out = Vec::new();
        self.parse_into(text, &mut out)?;
        Ok(out)
    }

    /// The flags of `text` added to `out` (which the caller clears), so
    /// that reading a dictionary's lines allocates no list per line.
    fn parse_into(self, text: &str, out: &mut Vec<Flag>) -> Result<(), String> {
        match self {
            FlagFormat::Char => out.extend(text.chars().map(|c| c as Flag)),
            FlagFormat::Long => {
                let mut chars = text.chars();
                while let Some(first) = chars.next() {
                    let Some(second) = chars.next() else {
                        return Err(format!("flags {text:?} are not pairs of characters"));
                    };
                    out.push(((first as Flag) << 16) ^ second as Flag);
                }
            }
            FlagFormat::Num => {
                for n in text.split(',') {
                    let flag = n
                        .trim()
                        .parse()
                        .map_err(|_| format!("bad number flag {n:?}"))?;
                    out.push(flag);
                }
            }
        }
        Ok(())
    }
}

/// A Hunspell dictionary read for morphological analysis.
#[derive(Debug)]
pub struct Lexicon {
    /// The stems, by id ([`StrTable`]: its lookups call no `bcmp`)…
    stems: StrTable,
    /// … and by stem id, its first entry in `entries`.
    firsts: Vec<u32>,
    entries: Vec<Entry>,
    flag_pool: Vec<Flag>,
    /// The suffix rules, in the order of the `.aff` file.
    suffixes: Vec<Suffix>,
    /// Indexes in `suffixes` by the text the rule appends (for analysis:
    /// by the append's id in `appends`)…
    by_append: Vec<Vec<u32>>,
    appends: StrTable,
    /// … and by its flag (for generation).
    by_flag: FxHashMap<Flag, Vec<u32>>,
    longest_append: usize,
    need_affix: Option<Flag>,
    forbidden: Option<Flag>,
}

impl Lexicon {
    /// The embedded French dictionary.
    ///
    /// ```
    /// use tmkit::terms::lexicon::{Lexicon, Tags};
    /// let fr = Lexicon::french();
    /// let a = fr.analyse("routières");
    /// assert!(a.iter().any(|a| a.lemma == "routier"
    ///     && a.tags.contains(Tags::ADJ | Tags::FEMININE | Tags::PLURAL)));
    /// ```
    pub fn french() -> &'static Lexicon {
        static FRENCH: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        FRENCH.get_or_init(|| {
            Lexicon::parse(FRENCH_AFF, "fr.aff", FRENCH_DIC, "fr.dic")
                .expect("the embedded French dictionary is valid (tested)")
        })
    }

    /// Reads a dictionary from its `.aff` and `.dic` texts; `aff_origin` and
    /// `dic_origin` name them in errors.
    pub fn parse(
        aff: &str,
        aff_origin: &str,
        dic: &str,
        dic_origin: &str,
    ) -> Result<Lexicon, LexiconError> {
        let aff_error = |line: usize, message: String| invalid(aff_origin, line, message);
        let mut format = FlagFormat::Char;
        let mut need_affix_text = None;
        let mut forbidden_text = None;
        let mut suffix_lines = Vec::new();
        for (i, line) in lines(aff).enumerate() {
            let mut fields = line.split_whitespace();
            match fields.next() {
                Some("SET") => {
                    let set = fields.next().unwrap_or("");
                    if !set.eq_ignore_ascii_case("UTF-8") {
                        return Err(aff_error(
                            i + 1,
                            format!(
                                "encoding {set:?} is not supported: convert the dictionary to UTF-8"
                            ),
                        ));
                    }
                }
                Some("FLAG") => {
                    format = match fields.next() {
                        Some("long") => FlagFormat::Long,
                        Some("num") => FlagFormat::Num,
                        Some("UTF-8") => FlagFormat::Char,
                        other => {
                            return Err(aff_error(i + 1, format!("unknown FLAG type {other:?}")));
                        }
                    }
                }
                Some("NEEDAFFIX") => need_affix_text = fields.next().map(|f| (i + 1, f)),
                Some("FORBIDDENWORD") => forbidden_text = fields.next().map(|f| (i + 1, f)),
                Some("AF" | "AM") => {
                    return Err(aff_error(
                        i + 1,
                        "flag and morphology aliases (AF, AM) are not supported".to_string(),
                    ));
                }
                Some("SFX") => suffix_lines.push((i + 1, line)),
                _ => {}
            }
        }
        let single = |(line, text): (usize, &str)| -> Result<Flag, LexiconError> {
            match format.parse(text).map_err(|m| aff_error(line, m))?[..] {
                [flag] => Ok(flag),
                _ => Err(aff_error(line, format!("{text:?} is not one flag"))),
            }
        };
        let need_affix = need_affix_text.map(single).transpose()?;
        let forbidden = forbidden_text.map(single).transpose()?;

        let mut suffixes = Vec::new();
        let mut appends = StrTable::default();
        let mut by_append: Vec<Vec<u32>> = Vec::new();
        let mut by_flag: FxHashMap<Flag, Vec<u32>> = FxHashMap::default();
        let mut longest_append = 0;
        for (line, text) in suffix_lines {
            let fields: Vec<&str> = text.split_whitespace().collect();
            // The class header (`SFX F. Y 33`) has four fields, its last a count.
            if fields.len() == 4
                && matches!(fields[2], "Y" | "N")
                && fields[3].parse::<usize>().is_ok()
            {
                continue;
            }
            if fields.len() < 5 {
                return Err(aff_error(
                    line,
                    "a suffix rule needs flag, strip, append and condition".into(),
                ));
            }
            let flag = single((line, fields[1]))?;
            let strip = if fields[2] == "0" { "" } else { fields[2] };
            let append = fields[3].split('/').next().unwrap_or("");
            let append = if append == "0" { "" } else { append };
            let condition = Condition::parse(fields[4]).map_err(|m| aff_error(line, m))?;
            let tags = Tags::of_fields(&fields[5..].join(" "));
            longest_append = longest_append.max(append.len());
            let index = suffixes.len() as u32;
            let id = appends.insert(append) as usize;
            if id == by_append.len() {
                by_append.push(Vec::new());
            }
            by_append[id].push(index);
            by_flag.entry(flag).or_default().push(index);
            suffixes.push(Suffix {
                flag,
                strip: strip.into(),
                append: append.into(),
                condition,
                tags,
            });
        }

        // The first line counts the stems (a hint: Hunspell does not check it).
        let hint = lines(dic)
            .next()
            .and_then(|l| l.trim().parse::<usize>().ok())
            .unwrap_or(0)
            .min(dic.len() / 2);
        let mut stems = StrTable::default();
        stems.reserve(hint);
        let mut firsts: Vec<u32> = Vec::with_capacity(hint);
        let mut entries: Vec<Entry> = Vec::with_capacity(hint);
        let mut flag_pool: Vec<Flag> = Vec::new();
        for (i, line) in lines(dic).enumerate().skip(1) {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (head, morph) = match line.find(['\t', ' ']) {
                Some(p) => (&line[..p], &line[p + 1..]),
                None => (line, ""),
            };
            let (word, flag_text) = match memchr::memchr(b'/', head.as_bytes()) {
                Some(p) => (&head[..p], &head[p + 1..]),
                None => (head, ""),
            };
            let start = flag_pool.len();
            format
                .parse_into(flag_text, &mut flag_pool)
                .map_err(|m| invalid(dic_origin, i + 1, m))?;
            flag_pool[start..].sort_unstable();
            let (tags, lemma) = Tags::of_morphology(morph);
            let index = entries.len() as u32;
            entries.push(Entry {
                flags: (start as u32, flag_pool.len() as u32),
                lemma: lemma.map(Box::from),
                tags,
                next: NO_ENTRY,
            });
            let id = stems.insert(word) as usize;
            if id == firsts.len() {
                firsts.push(index);
            } else {
                let mut last = firsts[id] as usize;
                while entries[last].next != NO_ENTRY {
                    last = entries[last].next as usize;
                }
                entries[last].next = index;
            }
        }
        Ok(Lexicon {
            stems,
            firsts,
            entries,
            flag_pool,
            suffixes,
            by_append,
            appends,
            by_flag,
            longest_append,
            need_affix,
            forbidden,
        })
    }

    /// Every reading of `word` as written (no case folding), without
    /// duplicates, in a stable order.
    pub fn analyse(&self, word: &str) -> Vec<WordAnalysis<'_>> {
        let mut out: Vec<WordAnalysis<'_>> = Vec::new();
        fn push<'a>(a: WordAnalysis<'a>, out: &mut Vec<WordAnalysis<'a>>) {
            // `contains` would compare the lemmas with `bcmp` ([`same_bytes`]).
            if !out
                .iter()
                .any(|o| o.tags == a.tags && same_bytes(o.lemma.as_bytes(), a.lemma.as_bytes()))
            {
                out.push(a);
            }
        }
        if let Some((stem, first)) = self.stem(word) {
            for e in self.entries_from(first) {
                if self.has(e, self.forbidden) || self.has(e, self.need_affix) {
                    continue;
                }
                let lemma = e.lemma.as_deref().unwrap_or(stem);
                push(
                    WordAnalysis {
                        lemma,
                        tags: e.tags,
                    },
                    &mut out,
                );
            }
        }
        let mut stem = String::new();
        // The stem each strip of this cut restores, looked up once: the rules
        // of one ending share a few strips, and most restored stems are none.
        let mut restored: Vec<(&str, Option<(&str, u32)>)> = Vec::new();
        for (cut, _) in word
            .char_indices()
            .chain(std::iter::once((word.len(), ' ')))
            .filter(|(i, _)| word.len() - i <= self.longest_append)
        {
            let (base, append) = word.split_at(cut);
            let Some(rules) = self
                .appends
                .get(append)
                .map(|id| &self.by_append[id as usize])
            else {
                continue;
            };
            restored.clear();
            for rule in rules.iter().map(|&i| &self.suffixes[i as usize]) {
                debug_assert_eq!(&*rule.append, append);
                let cached = restored
                    .iter()
                    .find(|(strip, _)| same_bytes(strip.as_bytes(), rule.strip.as_bytes()))
                    .map(|&(_, found)| found);
                let (key, first) = match cached {
                    Some(None) => continue,
                    Some(Some((key, first))) => {
                        if !rule.condition.matches_end(key) {
                            continue;
                        }
                        (key, first)
                    }
                    None => {
                        stem.clear();
                        stem.push_str(base);
                        stem.push_str(&rule.strip);
                        // The condition is on the restored stem, whose text
                        // is known before the lookup: a rule whose condition
                        // fails costs none (most do; each lookup of the
                        // stems' table, megabytes, misses the cache). Not
                        // kept: a rule of the same strip may have another
                        // condition.
                        if stem.is_empty() || !rule.condition.matches_end(&stem) {
                            continue;
                        }
                        let found = self.stem(stem.as_str());
                        restored.push((&rule.strip, found));
                        match found {
                            Some(found) => found,
                            None => continue,
                        }
                    }
                };
                for e in self.entries_from(first) {
                    if !self.has(e, Some(rule.flag)) || self.has(e, self.forbidden) {
                        continue;
                    }
                    let lemma = e.lemma.as_deref().unwrap_or(key);
                    push(
                        WordAnalysis {
                            lemma,
                            tags: e.tags | rule.tags,
                        },
                        &mut out,
                    );
                }
            }
        }
        out
    }

    /// The forms of `lemma` whose features include `want`, generated from its
    /// suffix classes (and the lemma itself when it is such a form).
    ///
    /// ```
    /// use tmkit::terms::lexicon::{Lexicon, Tags};
    /// let fr = Lexicon::french();
    /// assert_eq!(fr.forms("routier", Tags::FEMININE | Tags::SINGULAR), ["routière"]);
    /// ```
    pub fn forms(&self, lemma: &str, want: Tags) -> Vec<String> {
        let mut out = Vec::new();
        let Some((_, first)) = self.stem(lemma) else {
            return out;
        };
        for e in self.entries_from(first) {
            if self.has(e, self.forbidden) {
                continue;
            }
            if !self.has(e, self.need_affix) && e.tags.contains(want) {
                out.push(lemma.to_string());
            }
            let rules = self
                .flags(e)
                .iter()
                .filter_map(|flag| self.by_flag.get(flag))
                .flatten()
                .map(|&i| &self.suffixes[i as usize]);
            for rule in rules {
                if (e.tags | rule.tags).contains(want)
                    && lemma.len() >= rule.strip.len()
                    && same_bytes(
                        &lemma.as_bytes()[lemma.len() - rule.strip.len()..],
                        rule.strip.as_bytes(),
                    )
                    && rule.condition.matches_end(lemma)
                {
                    let base = &lemma[..lemma.len() - rule.strip.len()];
                    let mut form = String::with_capacity(base.len() + rule.append.len());
                    form.push_str(base);
                    form.push_str(&rule.append);
                    out.push(form);
                }
            }
        }
        // As `sort` and `dedup` would, without libc's `memcmp` and `bcmp`.
        out.sort_by(|a, b| cmp_bytes(a.as_bytes(), b.as_bytes()));
        out.dedup_by(|a, b| same_bytes(a.as_bytes(), b.as_bytes()));
        out
    }

    /// Every stem of the dictionary with the features of its entries, in no
    /// particular order (`Russie` and `po:nom`, `avion` and `po:nom`).
    pub(crate) fn stems(&self) -> impl Iterator<Item = (&str, Tags)> {
        (0..self.stems.len() as u32).flat_map(|id| {
            let stem = self.stems.key(id);
            self.entries_from(self.firsts[id as usize])
                .map(move |e| (stem, e.tags))
        })
    }

    /// Stem `word` as the lexicon keeps it, and its first entry.
    fn stem(&self, word: &str) -> Option<(&str, u32)> {
        let id = self.stems.get(word)?;
        Some((self.stems.key(id), self.firsts[id as usize]))
    }

    /// The entries of a stem, from its first.
    fn entries_from(&self, first: u32) -> impl Iterator<Item = &Entry> {
        std::iter::successors(Some(&self.entries[first as usize]), |e| {
            (e.next != NO_ENTRY).then(|| &self.entries[e.next as usize])
        })
    }

    /// An entry's flags, sorted.
    fn flags(&self, e: &Entry) -> &[Flag] {
        &self.flag_pool[e.flags.0 as usize..e.flags.1 as usize]
    }

    /// True when `word` has some reading.
    pub fn knows(&self, word: &str) -> bool {
        !self.analyse(word).is_empty()
    }

    fn has(&self, e: &Entry, flag: Option<Flag>) -> bool {
        flag.is_some_and(|f| self.flags(e).binary_search(&f).is_ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(word: &str) -> Vec<(String, Tags)> {
        Lexicon::french()
            .analyse(word)
            .into_iter()
            .map(|a| (a.lemma.to_string(), a.tags))
            .collect()
    }

    #[test]
    fn plural_nouns_analyse_to_their_singular() {
        let fr = Lexicon::french();
        for (form, lemma) in [
            ("avions", "avion"),
            ("chevaux", "cheval"),
            ("lignes", "ligne"),
        ] {
            assert!(
                fr.analyse(form)
                    .iter()
                    .any(|a| a.lemma == lemma && a.tags.contains(Tags::NOUN | Tags::PLURAL)),
                "{form}: {:?}",
                tags(form)
            );
        }
    }

    #[test]
    fn need_affix_stems_are_not_words_by_themselves_but_their_forms_are() {
        let fr = Lexicon::french();
        // `avion/S.()`: the bare stem carries NEEDAFFIX; the singular comes from the `0 0` rule.
        let avion = fr.analyse("avion");
        assert!(
            avion.iter().all(|a| a.tags.contains(Tags::SINGULAR)),
            "{avion:?}"
        );
        assert!(!fr.knows("avionz"));
    }

    #[test]
    fn grammatical_words_are_tagged() {
        let de = tags("de");
        assert!(
            de.iter()
                .any(|(_, t)| t.contains(Tags::FUNCTION | Tags::PREP))
        );
        assert!(
            tags("Douchanbé")
                .iter()
                .any(|(_, t)| t.contains(Tags::PROPER))
        );
    }

    #[test]
    fn verb_forms_carry_the_infinitive_and_participle() {
        let fr = Lexicon::french();
        assert!(fr.analyse("proposant").iter().any(
            |a| a.lemma == "proposer" && a.tags.contains(Tags::VERB | Tags::PRESENT_PARTICIPLE)
        ));
        assert!(
            fr.analyse("présentée")
                .iter()
                .any(|a| a.lemma == "présenter" && a.tags.contains(Tags::PAST_PARTICIPLE))
        );
    }

    #[test]
    fn a_small_dictionary_in_single_character_flags_reads() {
        let aff = "SET UTF-8\nSFX S Y 1\nSFX S 0 s [^s] is:pl\n";
        let dic = "1\nchat/S po:nom\n";
        let lex = Lexicon::parse(aff, "t.aff", dic, "t.dic").unwrap();
        assert_eq!(lex.analyse("chats")[0].lemma, "chat");
        assert!(
            lex.analyse("chats")[0]
                .tags
                .contains(Tags::NOUN | Tags::PLURAL)
        );
    }

    #[test]
    fn homographs_keep_every_entry_in_file_order_with_their_own_flags() {
        let aff = "SET UTF-8\nSFX S Y 1\nSFX S 0 s [^s] is:pl\n";
        let dic = "3\nporte/S po:nom is:fem\nmur/S po:nom\nporte po:v1 st:porter\n";
        let lex = Lexicon::parse(aff, "t.aff", dic, "t.dic").unwrap();
        let porte: Vec<&str> = lex.analyse("porte").iter().map(|a| a.lemma).collect();
        assert_eq!(porte, ["porte", "porter"]);
        // Only the noun takes the plural's flag.
        let portes = lex.analyse("portes");
        assert_eq!(portes.len(), 1);
        assert!(portes[0].tags.contains(Tags::NOUN | Tags::PLURAL));
        assert_eq!(lex.forms("mur", Tags::PLURAL), ["murs"]);
    }

    #[test]
    fn unsupported_encodings_are_refused_with_the_line() {
        let err = Lexicon::parse("SET ISO8859-1\n", "t.aff", "0\n", "t.dic").unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.aff:1: encoding \"ISO8859-1\" is not supported: convert the dictionary to UTF-8"
        );
    }
}
