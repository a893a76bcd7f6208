//! Candidate extraction: tag tokens with the lexicon, find acronyms, codes,
//! names and multi-word terms, group their variants, score them.

use std::collections::HashMap as StdHashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

/// A fast non-cryptographic hash (FxHash, as in rustc) for the extractor's
/// many short string keys; the input is the user's own text, so hash
/// flooding is not a concern.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.write(&[i]);
    }
    fn write_usize(&mut self, i: usize) {
        self.write(&i.to_le_bytes());
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type HashMap<K, V> = StdHashMap<K, V, BuildHasherDefault<FxHasher>>;
type HashSet<K> = std::collections::HashSet<K, BuildHasherDefault<FxHasher>>;

/// Counts one more `item` in `map`, allocating only for a new one.
fn bump(map: &mut HashMap<String, usize>, item: &str) {
    if let Some(n) = map.get_mut(item) {
        *n += 1;
    } else {
        map.insert(item.to_string(), 1);
    }
}

use super::lexicon::{Lexicon, Tags};
use super::token::{Shape, Token, tokenize};
use super::{Candidate, Kind, Options};

/// What a token can be in a term, by its tags and shape.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Class(u16);

impl std::ops::BitOr for Class {
    type Output = Class;
    fn bitor(self, rhs: Class) -> Class {
        self.or(rhs)
    }
}

impl Class {
    const NOUN: Class = Class(1);
    const ADJ: Class = Class(1 << 1);
    /// A preposition that links the parts of a term (`de`, `à`, `contre`…).
    const LINK: Class = Class(1 << 2);
    /// An article that may follow a link (`la`, `l’`, `les`).
    const ARTICLE: Class = Class(1 << 3);
    /// Any other grammatical word, verb, adverb or punctuation: a boundary.
    const STOP: Class = Class(1 << 4);
    const PROPER: Class = Class(1 << 5);
    const ACRONYM: Class = Class(1 << 6);
    const CODE: Class = Class(1 << 7);
    const NUMBER: Class = Class(1 << 8);
    /// An adjective only as a verb's past participle (`présenté`).
    const PARTICIPLE: Class = Class(1 << 9);
    /// A proper name made of joined parts (`Nord–Sud`, `Aliyev-Poutine`).
    const JOINED: Class = Class(1 << 10);

    fn has(self, c: Class) -> bool {
        self.0 & c.0 != 0
    }
    fn is_named(self) -> bool {
        self.has(Class(Self::PROPER.0 | Self::ACRONYM.0 | Self::CODE.0))
    }
    fn or(self, c: Class) -> Class {
        Class(self.0 | c.0)
    }
    /// Can modify a term's head: adjectives, nouns in apposition, acronyms,
    /// codes and joined names (`corridor Nord–Sud`), not persons' names.
    fn is_modifier(self) -> bool {
        self.has(Class(
            Self::NOUN.0 | Self::ADJ.0 | Self::ACRONYM.0 | Self::CODE.0 | Self::JOINED.0,
        ))
    }
}

const LINKS: &[&str] = &[
    "de", "d'", "du", "des", "à", "au", "aux", "contre", "sur", "pour",
];
const ARTICLES: &[&str] = &["la", "le", "l'", "les"];
/// Auxiliary verb forms the lexicon also knows as nouns (`est`, `a`, `été`).
const AUXILIARIES: &[&str] = &[
    "a", "ai", "as", "avait", "avaient", "avoir", "aura", "auront", "aurait", "auraient", "ait",
    "aient", "eu", "ont", "est", "es", "sont", "était", "étaient", "été", "être", "sera", "seront",
    "serait", "seraient", "soit", "soient", "fut", "furent",
];
/// Adjectives that work like determiners or point inside the text
/// (`autre`, `présent`, `relatif`, `susmentionné`) rather than classify a
/// thing: by lemma, never part of a term. Ordinals (`-ième`) are caught by
/// their suffix.
const DETERMINER_LIKE: &[&str] = &[
    "autre",
    "même",
    "tel",
    "certain",
    "divers",
    "différent",
    "plusieurs",
    "présent",
    "relatif",
    "seul",
    "premier",
    "second",
    "dernier",
    "prochain",
    "précédent",
    "suivant",
    "respectif",
    "éventuel",
    "susmentionné",
    "susvisé",
    "précité",
    "ci-dessus",
    "ci-dessous",
    "nombreux",
    "quelconque",
];

/// Particles inside proper names (`Caucase du Sud`, `Charm el-Cheikh`).
const NAME_PARTICLES: &[&str] = &[
    "de", "du", "des", "d'", "l'", "la", "le", "von", "van", "al", "el", "bin", "ben",
];

/// The per-word facts the extractor needs, computed once per spelling.
#[derive(Clone, Debug)]
struct Word {
    class: Class,
    /// The form a term's head or agreeing adjective takes in the canonical
    /// (singular) form, when it differs.
    singular: Option<String>,
    /// Gender and number the word can have: bits for feminine singular,
    /// feminine plural, masculine singular, masculine plural.
    agreement: u8,
}

const ANY_AGREEMENT: u8 = 0b1111;

fn agreement_of(t: Tags) -> u8 {
    let genders: u8 = match (t.contains(Tags::FEMININE), t.contains(Tags::MASCULINE)) {
        (true, false) => 0b0011,
        (false, true) => 0b1100,
        _ => 0b1111,
    };
    let numbers: u8 = match (t.contains(Tags::SINGULAR), t.contains(Tags::PLURAL)) {
        (true, false) => 0b0101,
        (false, true) => 0b1010,
        _ => 0b1111,
    };
    genders & numbers
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// `deuxième`, `vingt-et-unième`: ordinal adjectives.
fn is_ordinal(lemma: &str) -> bool {
    lemma.ends_with("ième")
}

/// Roman numerals of chapters and titles (`II`, `XIV`).
fn is_roman(text: &str) -> bool {
    text.len() <= 5 && text.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

fn classify(lex: &Lexicon, text: &str, shape: Shape, initial: bool) -> Word {
    let plain = |class| Word {
        class,
        singular: None,
        agreement: ANY_AGREEMENT,
    };
    let folded = crate::text::match_key(text);
    match shape {
        Shape::Punct => return plain(Class::STOP),
        Shape::Number => {
            return plain(if text.contains('+') {
                Class::CODE
            } else {
                Class::NUMBER
            });
        }
        Shape::Elision => {
            return plain(match folded.as_str() {
                "d'" => Class::LINK,
                "l'" => Class::ARTICLE,
                _ => Class::STOP,
            });
        }
        Shape::Word => {}
    }
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let upper = text.chars().filter(|c| c.is_uppercase()).count();
    let digits = text.chars().any(|c| c.is_ascii_digit());
    if digits {
        return plain(if letters > 0 {
            Class::CODE
        } else {
            Class::NUMBER
        });
    }
    if letters >= 2 && upper == letters {
        if is_roman(text) {
            return plain(Class::NUMBER);
        }
        // A long word in capitals that the lexicon knows in lower case is a
        // word of a heading (`MESURES`), not an acronym.
        let lower = text.to_lowercase();
        if letters >= 5 && lex.knows(&lower) {
            return classify(lex, &lower, shape, false);
        }
        return plain(Class::ACRONYM);
    }
    if LINKS.contains(&folded.as_str()) {
        return plain(Class::LINK);
    }
    if ARTICLES.contains(&folded.as_str()) {
        return plain(Class::ARTICLE);
    }
    if AUXILIARIES.contains(&folded.as_str()) {
        return plain(Class::STOP);
    }
    if letters == 1 || (letters < 3 && upper == 0) {
        // Abbreviations and letters (`p.`, `s`, `no`) head no term.
        return plain(Class::STOP);
    }
    let capitalised = is_capitalised(text);
    let exact = lex.analyse(text);
    if capitalised {
        let proper = exact.iter().any(|a| a.tags.contains(Tags::PROPER));
        let lower: String = {
            let mut c = text.chars();
            c.next()
                .map(|f| f.to_lowercase().chain(c).collect())
                .unwrap_or_default()
        };
        let joined = if text.contains(['-', '\u{2013}', '\u{2011}']) {
            Class::JOINED
        } else {
            Class::default()
        };
        // A capitalised grammatical word (`Cette`, `Une` after a number) is
        // still grammatical.
        if !proper
            && lex
                .analyse(&lower)
                .iter()
                .any(|a| a.tags.contains(Tags::FUNCTION))
        {
            return classify(lex, &lower, shape, false);
        }
        // Mid-sentence capitals mark names in French (le Congrès, la Chambre);
        // a capitalised common noun still heads a term (l'Union européenne).
        if !initial || proper || !lex.knows(&lower) {
            let as_lower = classify(lex, &lower, shape, false);
            if !proper && as_lower.class.has(Class::NOUN) && lex.knows(&lower) {
                return Word {
                    class: Class::PROPER.or(Class::NOUN).or(joined),
                    ..as_lower
                };
            }
            return plain(Class::PROPER.or(joined));
        }
        return classify(lex, &lower, shape, false);
    }
    let analyses = if exact.is_empty() {
        // An unknown compound takes the class of its last part (privé-public).
        text.rsplit(['-', '\u{2013}', '\u{2011}'])
            .next()
            .filter(|last| *last != text)
            .map(|last| lex.analyse(last))
            .unwrap_or_default()
    } else {
        exact
    };
    if analyses.is_empty() {
        // Open-class word the lexicon lacks: a noun or an adjective.
        if text.chars().count() < 3 {
            return plain(Class::STOP);
        }
        return plain(Class::NOUN.or(Class::ADJ));
    }
    if analyses.iter().any(|a| {
        a.tags.contains(Tags::FUNCTION)
            || (a.tags.contains(Tags::ADJ)
                && (DETERMINER_LIKE.contains(&a.lemma) || is_ordinal(a.lemma)))
    }) {
        return plain(Class::STOP);
    }
    let mut class = Class::default();
    let mut singular = None;
    let mut agreement = 0;
    let mut adjective = false;
    for a in &analyses {
        let t = a.tags;
        if t.intersects(Tags::NOUN | Tags::ADJ | Tags::PAST_PARTICIPLE) {
            agreement |= agreement_of(t);
        }
        adjective |= t.contains(Tags::ADJ) && !t.contains(Tags::VERB);
        if t.contains(Tags::NOUN) {
            class = class.or(Class::NOUN);
        }
        if t.contains(Tags::ADJ) || t.contains(Tags::PAST_PARTICIPLE) {
            class = class.or(Class::ADJ);
        }
        if (t.contains(Tags::NOUN) || t.contains(Tags::ADJ) || t.contains(Tags::PAST_PARTICIPLE))
            && singular.is_none()
        {
            let feminine = t.contains(Tags::FEMININE);
            if t.contains(Tags::PLURAL) && !t.contains(Tags::SINGULAR) {
                let gender = if feminine {
                    Tags::FEMININE
                } else if t.contains(Tags::MASCULINE) {
                    Tags::MASCULINE
                } else {
                    Tags::empty()
                };
                let want = if t.contains(Tags::PAST_PARTICIPLE) {
                    Tags::PAST_PARTICIPLE | Tags::SINGULAR | gender
                } else {
                    Tags::SINGULAR | gender
                };
                singular = lex
                    .forms(a.lemma, want)
                    .into_iter()
                    .min_by_key(|f| (f.len().abs_diff(text.len()), f.clone()));
            }
        }
    }
    if class == Class::default() {
        class = Class::STOP;
    }
    if class.has(Class::ADJ) && !adjective {
        class = class.or(Class::PARTICIPLE);
    }
    Word {
        class,
        singular,
        agreement,
    }
}

/// Running statistics of one candidate (by grouping key).
#[derive(Debug, Default)]
struct Stat {
    kind_votes: [usize; 4],
    count: usize,
    docs: Vec<u32>,
    variants: HashMap<String, usize>,
    canonical_votes: HashMap<String, usize>,
    words: usize,
    context: Option<(u32, usize, String)>,
    expansions: HashMap<String, usize>,
    /// Times seen inside a longer candidate, and how many distinct ones.
    nested_freq: usize,
    nested_in: usize,
    /// The most occurrences of any one longer candidate containing it.
    nested_max: usize,
    /// Has a code or a joined name in it (`corridor Nord–Sud`).
    named_part: bool,
    /// Occurrences of a single word inside a prepositional locution
    /// (`en vigueur`, `au sein de`, `en matière de`).
    framed: usize,
}

/// Collects candidates from paragraphs, document by document.
pub struct Extractor<'l> {
    lexicon: &'l Lexicon,
    segmenter: crate::segment::Segmenter,
    /// Per spelling: as a sentence's first word, and elsewhere.
    words: [HashMap<String, Arc<Word>>; 2],
    stats: HashMap<String, Stat>,
    documents: Vec<String>,
    options: Options,
    bytes: u64,
}

impl<'l> Extractor<'l> {
    /// An extractor over French text with `lexicon`.
    pub fn new(lexicon: &'l Lexicon, options: Options) -> Extractor<'l> {
        Extractor {
            lexicon,
            segmenter: crate::segment::Segmenter::builtin("fr-FR")
                .expect("the built-in French rules compile (tested)"),
            words: Default::default(),
            stats: HashMap::default(),
            documents: Vec::new(),
            options,
            bytes: 0,
        }
    }

    /// Starts a new document; following paragraphs belong to it.
    pub fn start_document(&mut self, name: &str) {
        self.documents.push(name.to_string());
    }

    /// Bytes of text read so far.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Adds one paragraph (a line of the current document).
    pub fn add_paragraph(&mut self, line: usize, text: &str) {
        if self.documents.is_empty() {
            self.documents.push("-".to_string());
        }
        self.bytes += text.len() as u64;
        let doc = (self.documents.len() - 1) as u32;
        let spans = self
            .segmenter
            .segment(text)
            .unwrap_or_else(|_| std::iter::once(0..text.len()).collect());
        for span in spans {
            let sentence = &text[span];
            self.add_sentence(doc, line, sentence);
        }
    }

    fn word(&mut self, text: &str, shape: Shape, initial: bool) -> Arc<Word> {
        let cache = &mut self.words[usize::from(initial)];
        if let Some(w) = cache.get(text) {
            return Arc::clone(w);
        }
        let w = Arc::new(classify(self.lexicon, text, shape, initial));
        cache.insert(text.to_string(), Arc::clone(&w));
        w
    }

    fn add_sentence(&mut self, doc: u32, line: usize, sentence: &str) {
        let tokens = tokenize(sentence);
        // A heading in capitals: its words are words, not acronyms.
        let long_words = tokens
            .iter()
            .filter(|t| t.shape == Shape::Word && t.span.len() > 3)
            .map(|t| &sentence[t.span.clone()]);
        let (caps, all) = long_words.fold((0, 0), |(c, a), w| {
            (c + usize::from(!w.chars().any(char::is_lowercase)), a + 1)
        });
        let heading = caps >= 3 && caps * 2 > all;
        let lowered;
        let sentence = if heading {
            lowered = sentence.to_lowercase();
            if lowered.len() == sentence.len() {
                lowered.as_str()
            } else {
                sentence
            }
        } else {
            sentence
        };
        let mut initial = true;
        let mut words = Vec::with_capacity(tokens.len());
        for t in &tokens {
            let text = &sentence[t.span.clone()];
            let w = self.word(text, t.shape, initial);
            // After an opening quote, dash or bullet the next word still starts the sentence.
            // So does the word after a leading number (`2 Cette mesure`).
            initial = (t.shape == Shape::Punct && !matches!(text, "," | ")" | "]"))
                || (initial && t.shape == Shape::Number);
            words.push(w);
        }
        let found = find_candidates(sentence, &tokens, &words, self.options.max_words);
        for c in &found {
            self.record(doc, line, sentence, &tokens, &words, c);
        }
        for (acronym, expansion) in expansions(sentence, &tokens, &words) {
            let key = crate::text::match_key(&acronym);
            if let Some(stat) = self.stats.get_mut(&key) {
                *stat.expansions.entry(expansion).or_default() += 1;
            }
        }
    }

    fn record(
        &mut self,
        doc: u32,
        line: usize,
        sentence: &str,
        tokens: &[Token],
        words: &[Arc<Word>],
        c: &Found,
    ) {
        let framed =
            c.end - c.start == 1 && c.kind == Kind::Term && in_locution(sentence, tokens, c.start);
        let range = c.start..c.end;
        let surface = &sentence[tokens[c.start].span.start..tokens[c.end - 1].span.end];
        let mut key = String::new();
        let mut canonical = String::new();
        let mut head_done = false;
        for i in range.clone() {
            let t = &tokens[i];
            let text = &sentence[t.span.clone()];
            let w = &words[i];
            if i > c.start {
                let gap = &sentence[tokens[i - 1].span.end..t.span.start];
                if !gap.is_empty() {
                    key.push(' ');
                    canonical.push(' ');
                }
            }
            // The head noun and the adjectives agreeing with it go to the singular.
            if w.class.has(Class::LINK) {
                head_done = true;
            }
            let form = match (&w.singular, head_done, c.kind) {
                (Some(s), false, Kind::Term) => s.as_str(),
                _ => text,
            };
            let lower_initial =
                i == c.start && c.kind == Kind::Term && is_capitalised(form) && !w.class.is_named();
            let at = key.len();
            crate::text::push_match_key(&mut key, form);
            if lower_initial {
                canonical.push_str(&key[at..]);
            } else {
                canonical.push_str(form);
            }
        }
        let kind = c.kind;
        let stat = self.stats.entry(key).or_default();
        stat.kind_votes[kind as usize] += 1;
        stat.count += 1;
        stat.framed += usize::from(framed);
        if stat.docs.last() != Some(&doc) {
            stat.docs.push(doc);
        }
        bump(&mut stat.variants, surface);
        bump(&mut stat.canonical_votes, &canonical);
        stat.named_part |= words[range.clone()]
            .iter()
            .any(|w| w.class.has(Class::CODE | Class::JOINED));
        stat.words = c.end - c.start - count_grammatical(words, range);
        if stat.context.is_none() {
            stat.context = Some((doc, line, sentence.trim().to_string()));
        }
        let _ = words;
    }

    /// Ranks the candidates and returns those `options` keep, best first.
    pub fn finish(self) -> Vec<Candidate> {
        let Extractor {
            mut stats,
            documents,
            options,
            ..
        } = self;
        // Nesting, for C-value: each term's frequency inside longer terms.
        let keys: Vec<String> = stats.keys().cloned().collect();
        let mut nested: HashMap<String, (usize, usize, usize)> = HashMap::default();
        for long in &keys {
            let parts: Vec<&str> = long.split(' ').collect();
            if parts.len() < 2 {
                continue;
            }
            let freq = stats[long].count;
            let mut seen = HashSet::default();
            for a in 0..parts.len() {
                for b in a + 1..=parts.len() {
                    if b - a == parts.len() {
                        continue;
                    }
                    let sub = parts[a..b].join(" ");
                    if stats.contains_key(&sub) && seen.insert(sub.clone()) {
                        let e = nested.entry(sub).or_default();
                        e.0 += freq;
                        e.1 += 1;
                        e.2 = e.2.max(freq);
                    }
                }
            }
        }
        for (k, (f, n, m)) in nested {
            if let Some(s) = stats.get_mut(&k) {
                s.nested_freq = f;
                s.nested_in = n;
                s.nested_max = m;
            }
        }
        // Nouns that mostly live in prepositional locutions are grammatical.
        let frozen: HashSet<String> = stats
            .iter()
            .filter(|(_, s)| s.framed * 2 >= s.count && s.framed >= 2)
            .map(|(k, _)| k.clone())
            .collect();
        let mut out: Vec<Candidate> = stats
            .drain()
            .filter_map(|(key, s)| {
                let kind = [Kind::Acronym, Kind::Code, Kind::Name, Kind::Term]
                    .into_iter()
                    .max_by_key(|k| (s.kind_votes[*k as usize], std::cmp::Reverse(*k as usize)))
                    .unwrap_or(Kind::Term);
                let named = kind != Kind::Term || s.named_part;
                if s.count < options.min_count && !named {
                    return None;
                }
                if matches!(kind, Kind::Term | Kind::Name)
                    && !s.named_part
                    && (frozen.contains(key.split(' ').next().unwrap_or(""))
                        || s.nested_max >= s.count)
                {
                    return None;
                }
                let words = s.words.max(1) as f64;
                let own = if s.nested_in > 0 {
                    s.count as f64 - s.nested_freq as f64 / s.nested_in as f64
                } else {
                    s.count as f64
                };
                let score =
                    (words + 1.0).log2() * own.max(0.0) * (1.0 + (s.docs.len() as f64).ln());
                let canonical = best(&s.canonical_votes);
                let mut variants: Vec<(String, usize)> = s.variants.into_iter().collect();
                variants.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                let (doc, line, context) = s.context.unwrap_or_default();
                Some(Candidate {
                    term: canonical,
                    kind,
                    count: s.count,
                    documents: s
                        .docs
                        .iter()
                        .map(|d| documents[*d as usize].clone())
                        .collect(),
                    variants,
                    score: (score * 1000.0).round() / 1000.0,
                    expansion: (!s.expansions.is_empty()).then(|| best(&s.expansions)),
                    context,
                    context_document: documents.get(doc as usize).cloned().unwrap_or_default(),
                    context_line: line,
                })
            })
            .collect();
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| b.count.cmp(&a.count))
                .then_with(|| a.term.cmp(&b.term))
        });
        out
    }
}

/// Whether the word at `k` is the noun of a prepositional locution: after a
/// bare `en` (`en vigueur`, `en œuvre`), or between a preposition (with or
/// without an article) and `de` (`au sein de`, `à l'égard de`).
fn in_locution(sentence: &str, tokens: &[Token], k: usize) -> bool {
    let text = |i: usize| crate::text::match_key(&sentence[tokens[i].span.clone()]);
    let Some(prev) = k.checked_sub(1).map(text) else {
        return false;
    };
    if prev == "en" {
        return true;
    }
    let next_is_de = tokens
        .get(k + 1)
        .is_some_and(|_| matches!(text(k + 1).as_str(), "de" | "d'" | "du" | "des"));
    if !next_is_de {
        return false;
    }
    const PREPOSITIONS: &[&str] = &["à", "au", "aux", "en", "sur", "dans", "par", "sous"];
    if PREPOSITIONS.contains(&prev.as_str()) {
        return true;
    }
    ARTICLES.contains(&prev.as_str()) && k >= 2 && PREPOSITIONS.contains(&text(k - 2).as_str())
}

fn best(votes: &HashMap<String, usize>) -> String {
    votes
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(s, _)| s.clone())
        .unwrap_or_default()
}

fn count_grammatical(words: &[Arc<Word>], range: std::ops::Range<usize>) -> usize {
    words[range]
        .iter()
        .filter(|w| w.class.has(Class::LINK) || w.class.has(Class::ARTICLE))
        .count()
}

/// One candidate occurrence: a token range and its kind.
#[derive(Debug)]
struct Found {
    start: usize,
    end: usize,
    kind: Kind,
}

fn find_candidates(
    sentence: &str,
    tokens: &[Token],
    words: &[Arc<Word>],
    max_words: usize,
) -> Vec<Found> {
    let mut out = Vec::new();
    let adjacent = |i: usize| {
        // Two tokens belong to one phrase only when nothing but spaces separates them.
        sentence[tokens[i - 1].span.end..tokens[i].span.start]
            .chars()
            .all(crate::text::is_space)
    };
    // Names: runs of capitalised words, acronyms and codes, with particles between.
    let mut i = 0;
    while i < words.len() {
        if !words[i].class.is_named() {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        let mut j = i + 1;
        while j < words.len() && adjacent(j) {
            let text = crate::text::match_key(&sentence[tokens[j].span.clone()]);
            if words[j].class.is_named() {
                end = j + 1;
                j += 1;
            } else if NAME_PARTICLES.contains(&text.as_str()) || text.ends_with('-') {
                j += 1;
            } else {
                break;
            }
        }
        if end - start == 1 && words[start].class.has(Class::NOUN) {
            // A capitalised common noun alone heads a term instead (below).
            i += 1;
            continue;
        }
        let kind = if end - start > 1 {
            Kind::Name
        } else if words[start].class.has(Class::ACRONYM) {
            Kind::Acronym
        } else if words[start].class.has(Class::CODE) {
            Kind::Code
        } else {
            Kind::Name
        };
        out.push(Found { start, end, kind });
        // The acronym or code inside a longer name counts on its own as well.
        if end - start > 1 {
            for (k, w) in words.iter().enumerate().take(end).skip(start) {
                let c = w.class;
                if c.has(Class::ACRONYM) || c.has(Class::CODE) {
                    let kind = if c.has(Class::ACRONYM) {
                        Kind::Acronym
                    } else {
                        Kind::Code
                    };
                    out.push(Found {
                        start: k,
                        end: k + 1,
                        kind,
                    });
                }
            }
        }
        i = end.max(i + 1);
    }
    // Terms: noun phrases (N A* (link article? N A*)*) and their well-formed parts.
    let mut i = 0;
    while i < words.len() {
        if !words[i].class.has(Class::NOUN) {
            i += 1;
            continue;
        }
        // Grow the chunk.
        let start = i;
        let mut ends = vec![i + 1];
        let mut j = i + 1;
        loop {
            while j < words.len() && adjacent(j) && words[j].class.is_modifier() {
                j += 1;
                ends.push(j);
            }
            // A link, an optional article, then a noun.
            let mut k = j;
            if k < words.len() && adjacent(k) && words[k].class.has(Class::LINK) {
                k += 1;
                if k < words.len() && adjacent(k) && words[k].class.has(Class::ARTICLE) {
                    k += 1;
                }
                if k < words.len()
                    && adjacent(k)
                    && (words[k].class.has(Class::NOUN) || words[k].class.is_named())
                {
                    j = k + 1;
                    ends.push(j);
                    continue;
                }
            }
            break;
        }
        let chunk_end = *ends.last().unwrap_or(&(i + 1));
        // Every sub-span that starts on a noun and ends on a content word,
        // with adjectives that agree with their noun.
        for a in start..chunk_end {
            if !words[a].class.has(Class::NOUN) {
                continue;
            }
            if a > start
                && !words[a - 1].class.has(Class::LINK)
                && !words[a - 1].class.has(Class::ARTICLE)
            {
                // A noun right after another content word is a modifier, not a head.
                continue;
            }
            let mut head = a;
            for &b in ends.iter().filter(|&&b| b > a) {
                let last = &words[b - 1];
                if b - 1 > a && words[b - 2].class.has(Class::LINK | Class::ARTICLE) {
                    head = b - 1;
                } else if b - 1 > head
                    && last.class.has(Class::ADJ)
                    && !last.class.has(Class::NOUN)
                    && last.agreement & words[head].agreement == 0
                {
                    break;
                }
                let content = words[a..b].iter().filter(|w| w.class.is_modifier()).count();
                if content > max_words {
                    break;
                }
                // A capitalised word alone is a name (`Commission`); a phrase
                // is a term (`Parlement européen`, `Commission au Parlement`)
                // unless the names' pass above found it as a name too.
                let kind = if b - a == 1 && words[a].class.is_named() {
                    Kind::Name
                } else {
                    Kind::Term
                };
                out.push(Found {
                    start: a,
                    end: b,
                    kind,
                });
            }
        }
        i = chunk_end.max(i + 1);
    }
    // Single adjectives are term candidates too (pénale, illicite).
    for (k, w) in words.iter().enumerate() {
        if w.class.has(Class::ADJ)
            && !w.class.has(Class::NOUN | Class::PARTICIPLE)
            && !w.class.is_named()
        {
            out.push(Found {
                start: k,
                end: k + 1,
                kind: Kind::Term,
            });
        }
    }
    out
}

/// A letter without its accent, in capitals (`é` → `E`).
fn base_upper(c: char) -> char {
    use unicode_normalization::UnicodeNormalization;
    let base = std::iter::once(c).nfd().next().unwrap_or(c);
    base.to_uppercase().next().unwrap_or(base)
}

fn initial_of(word: &str) -> Option<char> {
    word.chars().next().map(base_upper)
}

/// Acronyms defined in the text: `PEACE Act (Preventing … Act)` or
/// `Communauté des États indépendants (CEI)`.
fn expansions(sentence: &str, tokens: &[Token], words: &[Arc<Word>]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let text = |i: usize| &sentence[tokens[i].span.clone()];
    for open in 0..tokens.len() {
        if text(open) != "(" {
            continue;
        }
        let Some(close) = (open + 1..tokens.len()).find(|&k| text(k) == ")") else {
            continue;
        };
        let inner = open + 1..close;
        if inner.is_empty() {
            continue;
        }
        // `(CEI)` after its expansion.
        if inner.len() == 1 && words[open + 1].class.has(Class::ACRONYM) {
            let acronym = text(open + 1);
            let letters: Vec<char> = acronym.chars().filter(|c| c.is_alphabetic()).collect();
            let mut first = None;
            let mut want = letters.len();
            for k in (0..open).rev() {
                if want == 0 || open - k > 3 * letters.len() + 2 {
                    break;
                }
                let w = text(k);
                if words[k].class.has(Class::STOP) && !words[k].class.has(Class::LINK) {
                    break;
                }
                if words[k].class.has(Class::LINK) || words[k].class.has(Class::ARTICLE) {
                    continue;
                }
                if initial_of(w) == Some(base_upper(letters[want - 1])) {
                    want -= 1;
                    first = Some(k);
                } else {
                    break;
                }
            }
            if want == 0
                && let Some(f) = first
            {
                let phrase = &sentence[tokens[f].span.start..tokens[open - 1].span.end];
                out.push((acronym.to_string(), phrase.to_string()));
            }
            continue;
        }
        // `PEACE Act (Preventing Escalation and Advancing Caucasus Engagement Act)`.
        let Some(before) = open.checked_sub(1) else {
            continue;
        };
        let mut acr = before;
        while acr > 0 && !words[acr].class.has(Class::ACRONYM) && words[acr].class.is_named() {
            acr -= 1;
        }
        if !words[acr].class.has(Class::ACRONYM) {
            continue;
        }
        let letters: Vec<char> = text(acr).chars().filter(|c| c.is_alphabetic()).collect();
        let initials: Vec<char> = inner
            .clone()
            .map(text)
            .filter(|w| is_capitalised(w))
            .filter_map(initial_of)
            .collect();
        let letters: Vec<char> = letters.into_iter().map(base_upper).collect();
        if initials.len() >= letters.len() && initials[..letters.len()] == letters[..] {
            let phrase = &sentence[tokens[inner.start].span.start..tokens[inner.end - 1].span.end];
            let name = &sentence[tokens[acr].span.start..tokens[before].span.end];
            out.push((name.to_string(), phrase.to_string()));
            if acr != before {
                out.push((text(acr).to_string(), phrase.to_string()));
            }
        }
    }
    out
}
