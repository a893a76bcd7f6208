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
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// No-break space, used in French before `:` and inside `« »`.
pub const NBSP: char = '\u{00A0}';
/// Narrow no-break space, used in French before `; ! ?` (and `:` by some).
pub const NNBSP: char = '\u{202F}';
/// The typographic apostrophe (`l’État`), twin of the typewriter `'`.
pub(crate) const APOSTROPHE: char = '\u{2019}';

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
    if surely_nfc(text) {
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

/// True when every character of `text` stays as it is in NFC whatever
/// surrounds it: see [`surely_nfc_prefix`].
fn surely_nfc(text: &str) -> bool {
    surely_nfc_prefix(text) == text.len()
}

/// The length of the longest prefix of `text` whose characters stay as they
/// are in NFC whatever surrounds them (Unicode's NFC_Quick_Check=Yes and
/// combining class 0): all below U+0300 (Latin letters, « », NBSP, °) and
/// U+2002–U+20CF (’ … – — the narrow NBSP, €), which is nearly every
/// character of French text, NUL aside. A line within that prefix is in
/// NFC; past it, only the full check can tell. It stops at a NUL (which is
/// in NFC) so that a reader, which refuses one, finds both in one pass.
///
/// One pass over the bytes, 32 at a time (a loop the compiler vectorises)
/// while none starts a character from U+0300 on or is NUL; a character of
/// U+2002–U+20CF among them is passed and the pass goes on from it.
pub(crate) fn surely_nfc_prefix(text: &str) -> usize {
    const CHUNK: usize = 32;
    // Bytes from 0xCC up lead characters from U+0300 on; 0 wraps to 0xFF.
    let stops = |b: u8| b.wrapping_sub(1) >= 0xCB;
    let bytes = text.as_bytes();
    let mut i = 0;
    loop {
        while let Some(chunk) = bytes.get(i..i + CHUNK) {
            if chunk.iter().fold(0, |any, &b| any | u8::from(stops(b))) != 0 {
                break;
            }
            i += CHUNK;
        }
        // The byte that stopped the chunks, or the end.
        match bytes[i..].iter().position(|&b| stops(b)) {
            Some(k) => i += k,
            None => return bytes.len(),
        }
        // U+2002–U+20CF (E2 80 82 to E2 83 8F) goes on, from the next byte.
        if bytes[i] == 0xE2
            && matches!(
                (bytes[i + 1], bytes[i + 2]),
                (0x80, 0x82..) | (0x81 | 0x82, _) | (0x83, ..0x90)
            )
        {
            i += 3;
        } else {
            return i;
        }
    }
}

/// True for every character that separates words or sentences: Unicode
/// `White_Space`, which includes NBSP (U+00A0) and narrow NBSP (U+202F).
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// True for the apostrophes French text uses for elision (`l'`, `l’`).
pub(crate) fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == APOSTROPHE
}

/// True for the hyphens and the dash that join the parts of a compound:
/// `-`, U+2010 HYPHEN, U+2011 NON-BREAKING HYPHEN and the en dash of
/// `Nord–Sud`. Term tokens, the glossary's checks, English tokens and the
/// match fold ([`push_match_key`]) all join on these.
pub(crate) fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2013}')
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

/// Appends `text` folded for matching: lowercase, `’` → `'`, hyphen and
/// en-dash variants → `-`, NBSP and narrow NBSP → space. Term keys, glossary
/// lookups and QA all compare through this one fold.
pub fn push_match_key(out: &mut String, text: &str) {
    if text.is_ascii() {
        let at = out.len();
        out.push_str(text);
        out[at..].make_ascii_lowercase();
        return;
    }
    for c in text.chars() {
        match c {
            APOSTROPHE | '\u{02BC}' => out.push('\''),
            c if is_hyphen(c) => out.push('-'),
            NBSP | NNBSP => out.push(' '),
            c if c.is_lowercase() => out.push(c),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// `text` folded for matching (see [`push_match_key`]).
///
/// ```
/// assert_eq!(tmkit::text::match_key("Nord–Sud l’État"), "nord-sud l'état");
/// ```
pub fn match_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_match_key(&mut out, text);
    out
}

/// `text` without its accents: decomposed (NFD) and its combining marks
/// dropped, every other character kept (`œ`, `ß`, punctuation), case
/// unchanged; borrowed when it is ASCII.
///
/// ```
/// assert_eq!(tmkit::text::unaccented("Azerbaïdjan, l’État"), "Azerbaidjan, l’Etat");
/// ```
///
/// ASCII and the accented letters of French go through a table (a
/// dictionary's hundred thousand words are folded so as it loads); any
/// other character through its own canonical decomposition. Character by
/// character is the whole text's NFD here: NFD only adds the reordering of
/// combining marks, which are all dropped.
pub fn unaccented(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match french_base(c) {
            Some(base) => out.push(base),
            None => decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    out.push(d);
                }
            }),
        }
    }
    Cow::Owned(out)
}

/// The base letter of an ASCII character or an accented letter of French,
/// in its case (`É` → `E`, `ç` → `c`); `None` for other characters.
fn french_base(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c);
    }
    Some(match c {
        'à' | 'â' | 'ä' => 'a',
        'À' | 'Â' | 'Ä' => 'A',
        'ç' => 'c',
        'Ç' => 'C',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'É' | 'È' | 'Ê' | 'Ë' => 'E',
        'î' | 'ï' => 'i',
        'Î' | 'Ï' => 'I',
        'ô' | 'ö' => 'o',
        'Ô' | 'Ö' => 'O',
        'ù' | 'û' | 'ü' => 'u',
        'Ù' | 'Û' | 'Ü' => 'U',
        'ÿ' => 'y',
        'Ÿ' => 'Y',
        _ => return None,
    })
}

/// `text` as a key to compare words across spellings and languages:
/// without accents ([`unaccented`]), lowercase, ASCII letters and digits
/// only. Cognates (`Tbilissi`, `Tbilisi`) and anchors compare through it.
///
/// ```
/// assert_eq!(tmkit::text::ascii_key("l’Azerbaïdjan-2"), "lazerbaidjan2");
/// ```
pub fn ascii_key(text: &str) -> String {
    let key = |c: char| c.is_ascii_alphanumeric().then(|| c.to_ascii_lowercase());
    if text.is_ascii() {
        return text.chars().filter_map(key).collect();
    }
    unaccented(text).chars().filter_map(key).collect()
}

/// True when `text` contains `phrase` with no letter or digit on either
/// side (compare folded strings for a case-insensitive search).
///
/// ```
/// assert!(tmkit::text::contains_words("the cis summit", "cis"));
/// assert!(!tmkit::text::contains_words("the cistern", "cis"));
/// ```
pub fn contains_words(text: &str, phrase: &str) -> bool {
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    !phrase.is_empty()
        && text.match_indices(phrase).any(|(at, m)| {
            boundary(text[..at].chars().next_back())
                && boundary(text[at + m.len()..].chars().next())
        })
}

/// `text` for a message, with the spaces people cannot tell from a space
/// (NBSP, NNBSP, thin and zero-width spaces) and tabs shown by name:
/// `trois[NBSP]ans`, so that two texts that look alike show how they differ.
///
/// ```
/// assert_eq!(tmkit::text::visible("trois\u{A0}ans\u{202F}!"), "trois[NBSP]ans[NNBSP]!");
/// assert_eq!(tmkit::text::visible("trois ans"), "trois ans");
/// ```
pub fn visible(text: &str) -> Cow<'_, str> {
    let shown = |c: char| match c {
        '\u{A0}' => Some("[NBSP]".to_string()),
        '\u{202F}' => Some("[NNBSP]".to_string()),
        '\t' => Some("[TAB]".to_string()),
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => {
            Some(format!("[U+{:04X}]", u32::from(c)))
        }
        c if c.is_whitespace() && c != ' ' && c != '\n' => {
            Some(format!("[U+{:04X}]", u32::from(c)))
        }
        _ => None,
    };
    if !text.chars().any(|c| shown(c).is_some()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match shown(c) {
            Some(name) => out.push_str(&name),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Function words that only French uses (among French and English), for
/// [`looks_french`].
const FRENCH_WORDS: [&str; 40] = [
    "le", "la", "les", "l", "de", "des", "du", "d", "un", "une", "et", "est", "à", "au", "aux",
    "pour", "que", "qui", "dans", "sur", "par", "pas", "ne", "se", "ce", "cette", "il", "elle",
    "ils", "nous", "vous", "avec", "plus", "ou", "mais", "sont", "été", "être", "leur", "sans",
];

/// Function words that only English uses, for [`looks_french`].
const ENGLISH_WORDS: [&str; 32] = [
    "the", "and", "of", "to", "is", "are", "was", "were", "for", "with", "that", "this", "it",
    "as", "by", "be", "not", "or", "from", "at", "have", "has", "had", "will", "would", "can",
    "their", "there", "which", "you", "your", "an",
];

/// Whether `text` looks French rather than English, from its function
/// words: `None` when it holds too few of either to tell (a title, a
/// name, a menu item).
///
/// ```
/// assert_eq!(tmkit::text::looks_french("Le chat dort dans la cuisine."), Some(true));
/// assert_eq!(tmkit::text::looks_french("The cat sleeps in the kitchen."), Some(false));
/// assert_eq!(tmkit::text::looks_french("Fichier"), None);
/// ```
pub fn looks_french(text: &str) -> Option<bool> {
    let (mut french, mut english) = (0usize, 0usize);
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let word = word.to_lowercase();
        if FRENCH_WORDS.contains(&word.as_str()) {
            french += 1;
        } else if ENGLISH_WORDS.contains(&word.as_str()) {
            english += 1;
        }
    }
    match (french, english) {
        (f, e) if f + e < 2 => None,
        (f, e) => Some(f >= e),
    }
}

/// A fast non-cryptographic hash (FxHash, as in rustc) for the many short
/// keys of term extraction, the lookup index, word alignment and
/// [`Interner`]; the input is the user's own text, so hash flooding is not a
/// concern, and there is no random seed.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl FxHasher {
    /// Mixes one word of input into the state.
    #[inline]
    fn add(&mut self, word: u64) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }
    // The integers mix as `write` mixes their little-endian bytes (a word
    // zero-padded), in one step.
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u16(&mut self, i: u16) {
        self.add(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    /// FxHash's state has good high bits but low bits that depend only on
    /// the low bits of the input (a signature's first word is its kind, 0–3),
    /// and the hash table picks buckets by the low bits: mix them (MurmurHash3's
    /// finaliser) or lookups degrade into long probes full of key compares.
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// A hash map keyed by [`FxHasher`].
pub(crate) type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// [`FxHasher`]'s mix without its finaliser, for keys that are ids we
/// assign (word ids, pairs of them): their low bits already vary, and the
/// word-alignment table's millions of lookups in the EM loop cannot afford
/// the finaliser's extra multiplications.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(FxHasher);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0.add(u64::from(b));
        }
    }
    fn write_u32(&mut self, i: u32) {
        self.0.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.0.add(i);
    }
    fn finish(&self) -> u64 {
        self.0.0
    }
}

/// A hash map keyed by ids, with [`IdHasher`].
pub(crate) type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// Ids for strings, 0, 1, 2… in the order they are first seen: the words
/// of a word-alignment vocabulary, anchor keys, runs of whitespace. A
/// string seen before costs a lookup and no allocation (the keys end to end in one buffer).
#[derive(Clone, Debug, Default)]
pub struct Interner(StrTable);

impl Interner {
    /// The id of `s`, a new one for a string not seen before.
    pub fn id(&mut self, s: &str) -> u32 {
        self.0.insert(s)
    }

    /// The id of `s`, if it has one.
    pub fn get(&self, s: &str) -> Option<u32> {
        self.0.get(s)
    }

    /// How many strings have an id.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no string has an id.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Whether two byte strings are equal, short ones compared in a few word
/// loads in line. Comparing slices with `==` calls libc's `bcmp`, and on
/// this project's machines glibc picks its AVX-512 version, whose masked
/// loads for lengths under 32 bytes cost about 36 ns a call in CPU time
/// (`perf`: 9 % of `tmkit terms` on 21 MB; without them, by
/// `GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX512VL,-AVX512BW`, 8 % less CPU):
/// more than the hash lookup around the comparison.
#[inline]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word = |s: &[u8], at: usize| u64::from_le_bytes(eight(s, at));
    let half = |s: &[u8], at: usize| u32::from_le_bytes([s[at], s[at + 1], s[at + 2], s[at + 3]]);
    match n {
        0 => true,
        // The first, middle and last bytes: all of them up to 3.
        1..=3 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        // Two overlapping reads cover every byte.
        4..=7 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        8..=16 => word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8),
        17..=32 => {
            word(a, 0) == word(b, 0)
                && word(a, 8) == word(b, 8)
                && word(a, n - 16) == word(b, n - 16)
                && word(a, n - 8) == word(b, n - 8)
        }
        _ => a == b,
    }
}

/// The eight bytes of `s` from `at`: one load, in line.
#[inline]
fn eight(s: &[u8], at: usize) -> [u8; 8] {
    let mut out = [0; 8];
    out.copy_from_slice(&s[at..at + 8]);
    out
}

/// The order of two byte strings (`Ord` on slices and `str`), compared a
/// word at a time in line: `Ord` calls libc's `memcmp`, as slow for short
/// strings as `bcmp` ([`same_bytes`]).
pub(crate) fn cmp_bytes(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    let n = a.len().min(b.len());
    let mut at = 0;
    while at + 8 <= n {
        // Big-endian: the first differing byte decides, as in `Ord`.
        let word = |s: &[u8]| u64::from_be_bytes(eight(s, at));
        let (x, y) = (word(a), word(b));
        if x != y {
            return x.cmp(&y);
        }
        at += 8;
    }
    while at < n {
        if a[at] != b[at] {
            return a[at].cmp(&b[at]);
        }
        at += 1;
    }
    a.len().cmp(&b.len())
}

/// The lines of `text`, as [`str::lines`] cuts them (at `\n` or `\r\n`;
/// a final line ending is optional), found with `memchr`: `str::lines`
/// checks each `\n` it finds with a one-byte `bcmp` (see [`same_bytes`]),
/// which the embedded tables' hundreds of thousands of lines pay on every
/// run.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (line, next) = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(at) => {
                let line = &rest[..at];
                let line = match line.as_bytes().last() {
                    Some(b'\r') => &line[..line.len() - 1],
                    _ => line,
                };
                (line, &rest[at + 1..])
            }
            None => (rest, ""),
        };
        rest = next;
        Some(line)
    })
}

/// Strings to ids (0, 1, 2… in the order they are first inserted), the
/// strings kept end to end in one buffer: a table built once of many short
/// keys (a dictionary's stems) and looked up very often. Unlike a
/// `HashMap<Box<str>, _>`, a lookup compares keys by [`same_bytes`] (no
/// `bcmp`), and building it allocates no box per key.
#[derive(Clone, Debug, Default)]
pub(crate) struct StrTable {
    /// Every key, end to end.
    text: String,
    /// By id: the key's end in `text` (its start is the previous key's end).
    ends: Vec<usize>,
    /// Open addressing with linear probing: each slot `(hash, id + 1)`, the
    /// hash's high 32 bits (most probes end on them without reading a
    /// key), `(0, 0)` when empty. Never more than half full.
    slots: Vec<(u32, u32)>,
}

impl StrTable {
    fn hash(key: &str) -> u64 {
        let mut h = FxHasher::default();
        h.write(key.as_bytes());
        h.finish()
    }

    /// The string of id `id`.
    pub(crate) fn key(&self, id: u32) -> &str {
        let id = id as usize;
        let start = if id == 0 { 0 } else { self.ends[id - 1] };
        &self.text[start..self.ends[id]]
    }

    /// How many strings have an id.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether no string has an id.
    pub(crate) fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The slot where `key` is, or the empty one where it would go.
    fn slot(&self, key: &str, hash: u64) -> usize {
        let mask = self.slots.len() - 1;
        let tag = (hash >> 32) as u32;
        let mut at = hash as usize & mask;
        loop {
            match self.slots[at] {
                (_, 0) => return at,
                (t, id) if t == tag && same_bytes(self.key(id - 1).as_bytes(), key.as_bytes()) => {
                    return at;
                }
                _ => at = (at + 1) & mask,
            }
        }
    }

    /// The id of `key`, if it has one.
    #[inline]
    pub(crate) fn get(&self, key: &str) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        match self.slots[self.slot(key, Self::hash(key))] {
            (_, 0) => None,
            (_, id) => Some(id - 1),
        }
    }

    /// The id of `key`, a new one for a string not seen before.
    pub(crate) fn insert(&mut self, key: &str) -> u32 {
        if 2 * (self.len() + 1) > self.slots.len() {
            self.grow();
        }
        let hash = Self::hash(key);
        let at = self.slot(key, hash);
        if self.slots[at].1 != 0 {
            return self.slots[at].1 - 1;
        }
        let id = u32::try_from(self.len())
            .ok()
            .filter(|&id| id < u32::MAX)
            .expect("fewer than 2³² − 1 distinct strings");
        self.text.push_str(key);
        self.ends.push(self.text.len());
        self.slots[at] = ((hash >> 32) as u32, id + 1);
        id
    }

    /// Room for as many keys again (at least 8 slots), every key re-placed.
    fn grow(&mut self) {
        let size = (2 * self.slots.len()).max(16);
        self.slots = vec![(0, 0); size];
        for id in 0..self.len() as u32 {
            let key = self.key(id);
            let hash = Self::hash(key);
            let mut at = hash as usize & (size - 1);
            while self.slots[at].1 != 0 {
                at = (at + 1) & (size - 1);
            }
            self.slots[at] = ((hash >> 32) as u32, id + 1);
        }
    }

    /// Room for at least `additional` more keys without growing.
    pub(crate) fn reserve(&mut self, additional: usize) {
        let want = 2 * (self.len() + additional);
        if want > self.slots.len() {
            let mut size = self.slots.len().max(16);
            while size < want {
                size *= 2;
            }
            self.slots = vec![(0, 0); size / 2];
            self.grow();
        }
        self.ends.reserve(additional);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_bytes_agrees_with_slice_equality_at_every_length() {
        // Every length up to past the word loads' cases, with a difference
        // at each position (the overlapping reads must all be checked).
        for n in 0..40usize {
            let a: Vec<u8> = (0..n).map(|i| b'a' + (i % 26) as u8).collect();
            assert!(same_bytes(&a, &a.clone()), "{n}");
            for at in 0..n {
                let mut b = a.clone();
                b[at] ^= 0x20;
                assert!(!same_bytes(&a, &b), "{n} {at}");
            }
            let mut longer = a.clone();
            longer.push(b'x');
            assert!(!same_bytes(&a, &longer), "{n}");
        }
    }

    #[test]
    fn cmp_bytes_orders_as_ord_does() {
        let words = [
            "",
            "a",
            "ab",
            "abc",
            "abcdefgh",
            "abcdefgh\0",
            "abcdefgi",
            "abcdefghabcdefgh",
            "abcdefghabcdefgz",
            "b",
            "é",
            "éa",
            "\u{ff}",
            "zzzzzzzzzzzz",
        ];
        for a in words {
            for b in words {
                assert_eq!(
                    cmp_bytes(a.as_bytes(), b.as_bytes()),
                    a.cmp(b),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    #[test]
    fn lines_cut_as_str_lines_does() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\r\nb",
            "a\n\nb\r",
            "\r\n\r\n",
            "a\rb\n",
            "é\r\nà\n\n",
        ] {
            assert_eq!(
                lines(text).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn str_table_gives_ids_in_insertion_order_and_finds_them() {
        let words: Vec<String> = (0..1000).map(|i| format!("mot{i}é")).collect();
        let mut table = StrTable::default();
        table.reserve(10);
        for (i, w) in words.iter().enumerate() {
            assert_eq!(table.insert(w), i as u32);
        }
        // The empty string is a key like another; a second insert is a lookup.
        assert_eq!(table.insert(""), 1000);
        assert_eq!(table.insert("mot7é"), 7);
        assert_eq!(table.len(), 1001);
        for (i, w) in words.iter().enumerate() {
            assert_eq!(table.get(w), Some(i as u32));
            assert_eq!(table.key(i as u32), w);
        }
        assert_eq!(table.get(""), Some(1000));
        assert_eq!(table.get("mot1000é"), None);
        assert_eq!(StrTable::default().get("mot"), None);
    }

    #[test]
    fn integers_hash_as_their_little_endian_bytes() {
        let hash = |write: &dyn Fn(&mut FxHasher)| {
            let mut h = FxHasher::default();
            write(&mut h);
            h.finish()
        };
        for n in [0u64, 1, 0xff, 0x1234, 0xdead_beef, u64::MAX] {
            let bytes = n.to_le_bytes();
            assert_eq!(hash(&|h| h.write_u64(n)), hash(&|h| h.write(&bytes)));
            assert_eq!(
                hash(&|h| h.write_usize(n as usize)),
                hash(&|h| h.write(&(n as usize).to_le_bytes()))
            );
            assert_eq!(
                hash(&|h| h.write_u32(n as u32)),
                hash(&|h| h.write(&bytes[..4]))
            );
            assert_eq!(
                hash(&|h| h.write_u16(n as u16)),
                hash(&|h| h.write(&bytes[..2]))
            );
            assert_eq!(
                hash(&|h| h.write_u8(n as u8)),
                hash(&|h| h.write(&bytes[..1]))
            );
        }
    }

    #[test]
    fn ascii_text_keys_as_any_text_does() {
        for s in ["Tbilissi", "3+3 l'UE", "Pantsir-S1", ""] {
            let general: String = unaccented(s)
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .collect();
            assert_eq!(ascii_key(s), general);
        }
    }

    #[test]
    fn interned_strings_are_numbered_as_first_seen() {
        let mut ids = Interner::default();
        assert_eq!([ids.id("b"), ids.id("a"), ids.id("b")], [0, 1, 0]);
        assert_eq!((ids.get("a"), ids.get("c"), ids.len()), (Some(1), None, 2));
    }

    /// The whole text's decomposition without its marks, which
    /// [`unaccented`] equals character by character.
    fn nfd_without_marks(text: &str) -> String {
        text.nfd().filter(|&c| !is_combining_mark(c)).collect()
    }

    #[test]
    fn unaccented_is_the_decomposition_without_marks() {
        use unicode_normalization::char::canonical_combining_class;
        // Only a mark reorders in NFD (a character of combining class
        // other than 0), so decomposing one character at a time is exact.
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if canonical_combining_class(c) != 0 {
                assert!(is_combining_mark(c), "{c:?}");
            }
        }
        for text in [
            "Budgét-Œuvre ǅ àâäÀÂÄçÇéèêëÉÈÊËîïÎÏôöÔÖùûüÙÛÜÿŸ",
            "Ame\u{301}lie e\u{323}\u{302} ṩ Ω 한국 ﬁ ß",
            "Tbilissi",
        ] {
            assert_eq!(unaccented(text), nfd_without_marks(text), "{text}");
        }
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("e{c}\u{301}{c}");
            assert_eq!(unaccented(&text), nfd_without_marks(&text), "{c:?}");
        }
        assert!(matches!(unaccented("Etat"), Cow::Borrowed("Etat")));
    }

    #[test]
    fn trim_span_of_all_space_is_empty() {
        let s = "  \u{202f} ";
        let span = trim_span(s, 0..s.len());
        assert!(span.is_empty());
    }

    #[test]
    fn the_characters_surely_in_nfc_are_nfc_in_any_context() {
        use unicode_normalization::char::canonical_combining_class;
        let mut sure = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = format!("a{c}a{c}");
            if surely_nfc(&s) {
                sure += 1;
                assert_eq!(canonical_combining_class(c), 0, "{c:?}");
                assert_eq!(
                    is_nfc_quick(c.to_string().chars()),
                    IsNormalized::Yes,
                    "{c:?}"
                );
            }
        }
        // U+0001–U+02FF and U+2002–U+20CF; NUL stops the prefix.
        assert_eq!(sure, 0x2FF + (0x20D0 - 0x2002));
        assert_eq!(surely_nfc_prefix("ab\0cd"), 2);
        // Past a character of U+2002–U+20CF in a chunk, on to the next
        // chunks, up to a combining mark.
        for (before, after) in [(0, 0), (5, 40), (31, 1), (40, 33)] {
            let text = format!("{}’{}e\u{301}", "a".repeat(before), "b".repeat(after));
            assert_eq!(surely_nfc_prefix(&text), before + 3 + after + 1, "{text}");
        }
        // Whatever stands around them, eight bytes at a time or not.
        assert!(surely_nfc(
            "Déjà l’État, «\u{a0}1\u{202f}000\u{a0}€\u{a0}» – fin…"
        ));
        assert!(!surely_nfc("Ame\u{301}lie et le reste de la phrase"));
        assert!(!surely_nfc("Ohm \u{2126}"));
    }

    #[test]
    fn nfc_composes_decomposed_text() {
        assert!(matches!(nfc("Ame\u{301}lie"), Cow::Owned(s) if s == "Amélie"));
    }
}
