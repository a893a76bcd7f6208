//! An index over a memory's source segments, and the search for the best
//! matches of a query through it.
//!
//! Each source is cut into the tokens its scoring compares (see
//! [`super::score`]), each token an integer id. Sources are kept sorted by
//! token count, so the sources long or short enough to reach the minimum
//! score (a length window: ⌈lq·min/100⌉ to ⌊lq·100/min⌋ tokens) are one
//! slice, and each token's posting list (the sources that hold it, white
//! space left out) is sorted the same way, so its part in the window is a
//! slice too.
//!
//! A search counts, over the window, the query tokens each source shares
//! (rarest tokens first; before a long posting list the best candidates so
//! far are verified, and once the tokens left could not bring a new source
//! to the threshold they only bound the count), which bounds its score:
//! ⌊100·shared/L⌋, since the Levenshtein distance is at least L − shared.
//! Sources are then verified best bound first: the exact shared count, then
//! a Levenshtein distance bounded by what the score must reach (bit-parallel,
//! rapidfuzz, over the query's own symbols), until no bound can beat the
//! n-th best match found (a source that could at best tie with it, and
//! would lose the tie by the order of equal scores, is passed over). A
//! query that is half white space or more may match a source by spaces
//! alone: then the sources that share none of its words are bounded by
//! their spaces too. With tmkit's scoring, the sources that differ from
//! the query only in minor ways (95–101) share one key and are scored first.
//!
//! The result is exactly an exhaustive scan's (a test holds the index to
//! [`exhaustive`] on random queries): the best `max` sources scoring at
//! least `min`, each with all its translations.

use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

use rapidfuzz::distance::levenshtein;

use super::memory::Memory;
use super::score::stems::Words;
use super::score::{
    Context, Fold, Score, Scoring, Scratch, Segment, for_each_key, max_distance, percentage, score,
};
use crate::text::{FxHashMap as HashMap, FxHasher};

/// The ids of a memory's source tokens, and where each token occurs.
pub struct Index<'m> {
    memory: &'m Memory,
    scoring: Scoring,
    vocabulary: HashMap<Box<str>, u32>,
    /// By token id: white space.
    space: Vec<bool>,
    /// By position (sources sorted by token count): the pair.
    order: Vec<u32>,
    /// By position: where its tokens start in `tokens` (one more entry).
    starts: Vec<u32>,
    tokens: Vec<u32>,
    /// By position: its token count, white-space tokens, and which of the
    /// most frequent tokens it holds.
    meta: Vec<Meta>,
    /// By token id: its bit in [`Meta::frequent`], or [`NO_BIT`].
    frequent_bit: Vec<u8>,
    /// By position: its memory's penalty.
    penalties: Vec<u8>,
    /// By pair: its position.
    positions: Vec<u32>,
    /// By position: its source's identity (a hash of text and tags).
    identities: Vec<u64>,
    /// By token count: the first position with that count (one more entry
    /// than the longest count).
    by_length: Vec<u32>,
    /// By token id: where its postings start (one more entry).
    posting_starts: Vec<u32>,
    /// Positions, token by token, each list ascending; above
    /// [`POSITION_BITS`], how many times the source has the token (up to 15),
    /// when `counted`.
    postings: Vec<u32>,
    /// Whether the postings hold counts (positions fit in
    /// [`POSITION_BITS`]).
    counted: bool,
    /// Minor key → pairs (tmkit scoring).
    minor: Keyed,
    /// Source identity (text and tags) → pairs.
    same: Keyed,
    /// By pair, with OmegaT's scoring: its source's words (what OmegaT's
    /// gate compares), found the first time a search needs them, so that
    /// a source is cut and stemmed once, not once per query (empty with
    /// tmkit's scoring).
    words: Vec<OnceLock<Box<Words>>>,
}

/// What the bounds need of a source, read together.
#[derive(Clone, Copy, Debug, Default)]
struct Meta {
    /// Tokens.
    len: u32,
    /// White-space tokens.
    spaces: u32,
    /// A bit for each of the 64 most frequent non-space tokens the source
    /// holds: their posting lists are the longest, and a search bounds
    /// them with these bits instead of reading them.
    frequent: u64,
}

/// The bits of a posting that hold the source's position (the others, how
/// many times it has the token).
const POSITION_BITS: u32 = 28;
const POSITION: u32 = (1 << POSITION_BITS) - 1;

/// No bit: not one of the most frequent tokens.
const NO_BIT: u8 = u8::MAX;

/// Pairs by a 64-bit key, sorted: the pairs of a key are one slice.
struct Keyed(Vec<(u64, u32)>);

impl Keyed {
    fn new(mut pairs: Vec<(u64, u32)>) -> Keyed {
        pairs.sort_unstable();
        Keyed(pairs)
    }

    /// The pairs with `key`, in memory order.
    fn get(&self, key: u64) -> impl Iterator<Item = u32> + '_ {
        let from = self.0.partition_point(|&(k, _)| k < key);
        self.0[from..]
            .iter()
            .take_while(move |&&(k, _)| k == key)
            .map(|&(_, p)| p)
    }
}

/// One translation of a matched source, with its own score (penalties
/// and context differ from one memory to another).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The pair in the memory.
    pub pair: usize,
    /// Its score.
    pub score: Score,
}

/// A source that matches a query, with all its translations, best first
/// (then newest, then by memory and unit order).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    /// The translations.
    pub hits: Vec<Hit>,
}

impl Match {
    /// The best translation's score: the match's.
    pub fn score(&self) -> &Score {
        &self.hits[0].score
    }
}

fn identity(segment: Segment<'_>) -> u64 {
    let mut hasher = FxHasher::default();
    segment.text.hash(&mut hasher);
    segment.tags.hash(&mut hasher);
    hasher.finish()
}

/// The key of sources that may differ only in minor ways, built from the
/// fuzzy tokens as they go by: white space and tags left out, every token
/// with a digit the same. Sources whose minor-fold keys are equal have equal
/// keys here (the converse need not hold: every source with the key is
/// scored).
#[derive(Default)]
struct MinorKey {
    hasher: FxHasher,
    n: u32,
}

impl MinorKey {
    fn add(&mut self, key: &str) {
        if is_space_key(key) || key.starts_with('\u{FFFF}') {
            return;
        }
        let numeric = key.bytes().any(|b| b.is_ascii_digit())
            || (!key.is_ascii() && key.chars().any(char::is_numeric));
        if numeric {
            "#".hash(&mut self.hasher);
        } else {
            key.hash(&mut self.hasher);
        }
        self.n += 1;
    }

    fn finish(mut self) -> u64 {
        self.n.hash(&mut self.hasher);
        self.hasher.finish()
    }
}

fn is_space_key(key: &str) -> bool {
    !key.is_empty() && key.chars().all(char::is_whitespace)
}

impl<'m> Index<'m> {
    /// Indexes every source of `memory` for `scoring`.
    pub fn build(memory: &'m Memory, scoring: Scoring) -> Index<'m> {
        let fold = Fold::of(scoring);
        let mut scratch = Scratch::default();
        let mut vocabulary: HashMap<Box<str>, u32> = HashMap::default();
        let mut space = Vec::new();
        let mut all_tokens: Vec<u32> = Vec::new();
        let mut bounds: Vec<(u32, u32)> = Vec::with_capacity(memory.len());
        let mut minor: Vec<(u64, u32)> = Vec::new();
        let mut same: Vec<(u64, u32)> = Vec::with_capacity(memory.len());
        let mut identities_by_pair = Vec::with_capacity(memory.len());
        for pair in 0..memory.len() {
            let source = memory.source(pair);
            let start = all_tokens.len() as u32;
            let mut minor_key = MinorKey::default();
            for_each_key(source, fold, &mut scratch, |key| {
                minor_key.add(key);
                let id = match vocabulary.get(key) {
                    Some(&id) => id,
                    None => {
                        let id = vocabulary.len() as u32;
                        vocabulary.insert(key.into(), id);
                        space.push(is_space_key(key));
                        id
                    }
                };
                all_tokens.push(id);
            });
            bounds.push((start, all_tokens.len() as u32));
            if scoring == Scoring::Tmkit {
                minor.push((minor_key.finish(), pair as u32));
            }
            let id = identity(source);
            identities_by_pair.push(id);
            same.push((id, pair as u32));
        }
        // Positions: pairs by token count.
        let mut order: Vec<u32> = (0..memory.len() as u32).collect();
        order.sort_by_key(|&p| {
            let (s, e) = bounds[p as usize];
            (e - s, p)
        });
        let mut starts = Vec::with_capacity(order.len() + 1);
        let mut tokens = Vec::with_capacity(all_tokens.len());
        let mut meta = Vec::with_capacity(order.len());
        let penalties = order.iter().map(|&p| memory.penalty(p as usize)).collect();
        let longest = bounds.iter().map(|(s, e)| e - s).max().unwrap_or(0) as usize;
        let mut by_length = vec![0u32; longest + 2];
        let mut counts = vec![0u32; vocabulary.len() + 1];
        // A source's distinct non-space tokens, in `seen` (reused).
        let mut seen: Vec<u32> = Vec::new();
        let distinct = |unit: &[u32], seen: &mut Vec<u32>| {
            seen.clear();
            seen.extend(unit.iter().copied().filter(|&t| !space[t as usize]));
            seen.sort_unstable();
            seen.dedup();
        };
        for (position, &p) in order.iter().enumerate() {
            let (s, e) = bounds[p as usize];
            starts.push(tokens.len() as u32);
            let unit = &all_tokens[s as usize..e as usize];
            tokens.extend_from_slice(unit);
            let spaces = unit.iter().filter(|&&t| space[t as usize]).count() as u32;
            meta.push(Meta {
                len: unit.len() as u32,
                spaces,
                frequent: 0,
            });
            by_length[(e - s) as usize + 1] = position as u32 + 1;
            // Postings count each token once per source.
            distinct(unit, &mut seen);
            for &t in &seen {
                counts[t as usize + 1] += 1;
            }
        }
        // The 64 most frequent tokens get a bit.
        let mut by_frequency: Vec<u32> = (0..space.len() as u32).collect();
        by_frequency.sort_by_key(|&t| (std::cmp::Reverse(counts[t as usize + 1]), t));
        let mut frequent_bit = vec![NO_BIT; space.len()];
        for (bit, &t) in by_frequency.iter().take(64).enumerate() {
            frequent_bit[t as usize] = bit as u8;
        }
        starts.push(tokens.len() as u32);
        // by_length[n + 1] holds the end of length n where present: make it
        // a running start table.
        for n in 1..by_length.len() {
            by_length[n] = by_length[n].max(by_length[n - 1]);
        }
        let mut posting_starts = counts;
        for t in 1..posting_starts.len() {
            posting_starts[t] += posting_starts[t - 1];
        }
        let mut fill = posting_starts.clone();
        let mut postings = vec![0u32; *posting_starts.last().unwrap_or(&0) as usize];
        // Each posting holds how many times the source has the token (up to
        // 15) above its position, unless positions need every bit.
        let counted = order.len() < 1 << POSITION_BITS;
        for position in 0..order.len() {
            let unit = &tokens[starts[position] as usize..starts[position + 1] as usize];
            seen.clear();
            seen.extend(unit.iter().copied().filter(|&t| !space[t as usize]));
            seen.sort_unstable();
            for run in seen.chunk_by(|a, b| a == b) {
                let t = run[0];
                let times = if counted { run.len().min(15) as u32 } else { 0 };
                postings[fill[t as usize] as usize] = times << POSITION_BITS | position as u32;
                fill[t as usize] += 1;
                if let Some(&bit) = frequent_bit.get(t as usize).filter(|&&b| b != NO_BIT) {
                    meta[position].frequent |= 1 << bit;
                }
            }
        }
        let identities = order
            .iter()
            .map(|&p| identities_by_pair[p as usize])
            .collect();
        let mut positions = vec![0u32; order.len()];
        for (position, &p) in order.iter().enumerate() {
            positions[p as usize] = position as u32;
        }
        Index {
            memory,
            scoring,
            vocabulary,
            space,
            order,
            starts,
            tokens,
            meta,
            frequent_bit,
            penalties,
            positions,
            identities,
            by_length,
            posting_starts,
            postings,
            counted,
            minor: Keyed::new(minor),
            same: Keyed::new(same),
            words: if scoring == Scoring::Omegat {
                (0..memory.len()).map(|_| OnceLock::new()).collect()
            } else {
                Vec::new()
            },
        }
    }

    /// The memory indexed.
    pub fn memory(&self) -> &'m Memory {
        self.memory
    }

    /// The scoring the index was built for.
    pub fn scoring(&self) -> Scoring {
        self.scoring
    }

    /// Bytes the index takes beyond the memory (tables, token ids,
    /// postings, maps, the sources' words found so far; an estimate for
    /// hash maps).
    pub fn heap_bytes(&self) -> usize {
        let vectors = 4
            * (self.order.len()
                + self.starts.len()
                + self.tokens.len()
                + 4 * self.meta.len()
                + self.positions.len()
                + 2 * self.identities.len()
                + self.by_length.len()
                + self.posting_starts.len()
                + self.postings.len())
            + self.space.len()
            + self.frequent_bit.len()
            + self.penalties.len();
        let vocabulary: usize = self.vocabulary.keys().map(|k| k.len() + 16 + 8).sum();
        let maps = 12 * (self.minor.0.len() + self.same.0.len());
        let words: usize = self
            .words
            .iter()
            .map(|w| {
                std::mem::size_of_val(w)
                    + w.get().map_or(0, |w| {
                        std::mem::size_of::<Words>() + 8 * (w.stems.len() + w.plain.len())
                    })
            })
            .sum();
        vectors + vocabulary + maps + words
    }

    /// A searcher: the buffers one thread's searches reuse.
    pub fn searcher(&self) -> Searcher<'_, 'm> {
        Searcher {
            index: self,
            counts: vec![0; self.order.len()],
            touched: Vec::new(),
            done: vec![0; self.order.len()],
            stamp: 0,
            scratch: Scratch::default(),
            symbols: vec![NO_SYMBOL; self.space.len()],
            member: vec![0; self.space.len().div_ceil(64)],
            mapped: Vec::new(),
            left: Vec::new(),
            buckets: vec![Vec::new(); 101],
            bounded: Vec::new(),
        }
    }

    fn tokens_at(&self, position: usize) -> &[u32] {
        &self.tokens[self.starts[position] as usize..self.starts[position + 1] as usize]
    }

    /// Every pair whose source is identical to `pair`'s.
    fn same_source(&self, pair: usize) -> impl Iterator<Item = usize> + '_ {
        let source = self.memory.source(pair);
        self.same
            .get(identity(source))
            .map(|p| p as usize)
            .filter(move |&p| self.memory.source(p) == source)
    }
}

/// The final score of a pair from its raw score: 101 for a 100 translated
/// in the same context (tmkit scoring), less the memory's penalty.
fn finish(
    memory: &Memory,
    scoring: Scoring,
    pair: usize,
    penalty: u8,
    mut s: Score,
    context: Option<&Context>,
) -> Score {
    if s.percent == 100
        && scoring == Scoring::Tmkit
        && context.is_some_and(|c| memory.in_context(pair, c))
    {
        s.percent = 101;
    }
    s.percent = s.percent.saturating_sub(penalty);
    s
}

/// The best `max` sources found so far, one entry per distinct source.
struct Best<'a> {
    memory: &'a Memory,
    max: usize,
    min: u8,
    /// When only the band of the best score matters: the bands' lower
    /// bounds, ascending (a better match must reach the next one).
    bands: Option<&'static [u8]>,
    /// (pair, score, source identity, score before penalty and
    /// context), best first.
    entries: Vec<(usize, Score, u64, Score)>,
}

impl<'a> Best<'a> {
    fn new(memory: &'a Memory, min: u8, max: usize) -> Best<'a> {
        Best {
            memory,
            max,
            min,
            bands: None,
            entries: Vec::new(),
        }
    }

    fn order(&self, pair: usize, s: &Score) -> (u8, (std::cmp::Reverse<i64>, u16, u32)) {
        (u8::MAX - s.percent, self.memory.rank(pair))
    }

    /// The lowest score a new source must reach to enter (it may still
    /// lose on a tie).
    fn threshold(&self) -> u8 {
        if self.entries.len() < self.max {
            return self.min;
        }
        let last = self.entries.last().map_or(self.min, |e| e.1.percent);
        match self.bands {
            // Nothing in the same band can change the answer.
            Some(bands) => bands
                .iter()
                .copied()
                .find(|&b| b > last)
                .unwrap_or(u8::MAX)
                .max(self.min),
            None => last.max(self.min),
        }
    }

    /// The lowest score `pair` must reach to enter: the threshold, or one
    /// more when the list is full and `pair` would lose a tie with its last
    /// entry.
    fn needed(&self, pair: usize) -> u8 {
        let threshold = self.threshold();
        match self.entries.last() {
            Some(last)
                if self.bands.is_none()
                    && self.entries.len() == self.max
                    && last.1.percent == threshold
                    && self.memory.rank(pair) >= self.memory.rank(last.0) =>
            {
                threshold + 1
            }
            _ => threshold,
        }
    }

    /// Offers a pair (`id`: its source's identity) with its score before
    /// and after penalty and context.
    fn offer(&mut self, pair: usize, id: u64, raw: Score, s: Score) {
        if s.percent < self.threshold() || self.max == 0 {
            return;
        }
        let key = self.order(pair, &s);
        let memory = self.memory;
        if let Some(i) = self
            .entries
            .iter()
            .position(|(p, _, h, _)| *h == id && memory.source(*p) == memory.source(pair))
        {
            if key >= self.order(self.entries[i].0, &self.entries[i].1) {
                return;
            }
            self.entries.remove(i);
        } else if self.entries.len() == self.max {
            let last = self.entries.last().expect("max > 0");
            if key >= self.order(last.0, &last.1) {
                return;
            }
            self.entries.pop();
        }
        let at = self
            .entries
            .partition_point(|(p, sc, _, _)| self.order(*p, sc) < key);
        self.entries.insert(at, (pair, s, id, raw));
    }
}

/// The matches of the best sources: every translation of each (`same`
/// gives the pairs with a pair's source), best first.
fn matches(
    same: impl Fn(usize) -> Vec<usize>,
    scoring: Scoring,
    context: Option<&Context>,
    best: Best<'_>,
) -> Vec<Match> {
    let memory = best.memory;
    best.entries
        .iter()
        .map(|(pair, _, _, raw)| {
            let mut hits: Vec<Hit> = same(*pair)
                .into_iter()
                .map(|p| Hit {
                    pair: p,
                    score: finish(memory, scoring, p, memory.penalty(p), raw.clone(), context),
                })
                .collect();
            hits.sort_by_key(|h| (u8::MAX - h.score.percent, memory.rank(h.pair)));
            Match { hits }
        })
        .collect()
}

/// A query's tokens as ids of the index's vocabulary (tokens it lacks get
/// ids of their own, past the vocabulary).
struct QueryTokens {
    /// The tokens as the query's own symbols, 1, 2, … by first
    /// appearance: what the Levenshtein distance compares (a source's tokens
    /// become these symbols, or 0, so that its alphabet stays small).
    symbols: Vec<u32>,
    /// By symbol: how many times the query has it (index 0 unused).
    counts: Vec<u32>,
    /// White-space tokens.
    spaces: u32,
    /// Distinct non-space ids of the vocabulary with their counts, rarest
    /// first.
    distinct: Vec<(u32, u32)>,
    /// The vocabulary ids with their symbols (to set and clear the
    /// searcher's `symbols`).
    known: Vec<(u32, u32)>,
    /// The key of the sources that may differ from it only in minor ways.
    minor: u64,
}

impl QueryTokens {
    fn len(&self) -> usize {
        self.symbols.len()
    }
}

/// The buffers of one thread's searches.
pub struct Searcher<'i, 'm> {
    index: &'i Index<'m>,
    counts: Vec<u32>,
    touched: Vec<u32>,
    done: Vec<u32>,
    stamp: u32,
    scratch: Scratch,
    /// By token id: its symbol in the current query, or [`NO_SYMBOL`].
    symbols: Vec<u32>,
    /// The same as bits (1: the query has the token), small enough to stay
    /// in cache while sources are counted.
    member: Vec<u64>,
    /// A source's tokens as query symbols (reused).
    mapped: Vec<u32>,
    /// What is left of each query symbol while counting one source.
    left: Vec<u32>,
    /// Candidates by the bound of their score.
    buckets: Vec<Vec<u32>>,
    /// Candidates with their bounds, for [`Searcher::harvest`].
    bounded: Vec<(u8, u32)>,
}

impl Searcher<'_, '_> {
    fn query_tokens(&mut self, query: Segment<'_>) -> QueryTokens {
        let index = self.index;
        // Keys the vocabulary lacks, with their symbols (few: a linear list).
        let mut unknown: Vec<(String, u32)> = Vec::new();
        let mut symbols = Vec::new();
        let mut counts = vec![0u32];
        let mut known: Vec<(u32, u32)> = Vec::new();
        let mut spaces = 0;
        let mut minor = MinorKey::default();
        let table = &mut self.symbols;
        let member = &mut self.member;
        for_each_key(query, Fold::of(index.scoring), &mut self.scratch, |key| {
            minor.add(key);
            let symbol = match index.vocabulary.get(key) {
                Some(&id) => {
                    if index.space[id as usize] {
                        spaces += 1;
                    }
                    if table[id as usize] == NO_SYMBOL {
                        member[id as usize / 64] |= 1 << (id % 64);
                        table[id as usize] = counts.len() as u32;
                        known.push((id, counts.len() as u32));
                        counts.push(0);
                    }
                    table[id as usize]
                }
                None => {
                    if is_space_key(key) {
                        spaces += 1;
                    }
                    match unknown.iter().find(|(k, _)| k == key) {
                        Some(&(_, s)) => s,
                        None => {
                            let s = counts.len() as u32;
                            unknown.push((key.to_string(), s));
                            counts.push(0);
                            s
                        }
                    }
                }
            };
            counts[symbol as usize] += 1;
            symbols.push(symbol);
        });
        let frequency =
            |id: u32| index.posting_starts[id as usize + 1] - index.posting_starts[id as usize];
        let mut distinct: Vec<(u32, u32)> = known
            .iter()
            .filter(|&&(id, _)| !index.space[id as usize])
            .map(|&(id, symbol)| (id, counts[symbol as usize]))
            .collect();
        distinct.sort_by_key(|&(id, _)| (frequency(id), id));
        QueryTokens {
            symbols,
            counts,
            spaces,
            distinct,
            known,
            minor: minor.finish(),
        }
    }

    /// Clears the symbols `query_tokens` set.
    fn forget(&mut self, q: &QueryTokens) {
        for &(id, _) in &q.known {
            self.symbols[id as usize] = NO_SYMBOL;
            self.member[id as usize / 64] = 0;
        }
    }

    /// The best `max` sources scoring at least `min` for `query` (seen in
    /// `context`, for 101), each with all its translations.
    pub fn search(
        &mut self,
        query: Segment<'_>,
        context: Option<&Context>,
        min: u8,
        max: usize,
    ) -> Vec<Match> {
        let index = self.index;
        let best = self.best(query, context, min, max, None);
        matches(
            |p| index.same_source(p).collect(),
            index.scoring,
            context,
            best,
        )
    }

    /// The best score of any source for `query`, if one reaches `min`.
    pub fn best_score(
        &mut self,
        query: Segment<'_>,
        context: Option<&Context>,
        min: u8,
    ) -> Option<Score> {
        self.best(query, context, min, 1, None)
            .entries
            .into_iter()
            .next()
            .map(|(_, s, _, _)| s)
    }

    /// A score of `query` in the same band as its best score, where `bands`
    /// are the bands' lower bounds, ascending (what an analysis counts):
    /// once a match is found, only a match of a higher band is looked for.
    pub(crate) fn best_band(
        &mut self,
        query: Segment<'_>,
        context: Option<&Context>,
        bands: &'static [u8],
    ) -> Option<Score> {
        let min = bands.first().copied().unwrap_or(0);
        self.best(query, context, min, 1, Some(bands))
            .entries
            .into_iter()
            .next()
            .map(|(_, s, _, _)| s)
    }

    fn best(
        &mut self,
        query: Segment<'_>,
        context: Option<&Context>,
        min: u8,
        max: usize,
        bands: Option<&'static [u8]>,
    ) -> Best<'_> {
        let index = self.index;
        let memory = index.memory;
        let scoring = index.scoring;
        let mut best = Best::new(memory, min, max);
        best.bands = bands;
        if max == 0 || memory.is_empty() {
            return best;
        }
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.done.iter_mut().for_each(|d| *d = 0);
            self.stamp = 1;
        }
        let stamp = self.stamp;
        let q = self.query_tokens(query);
        // Minor differences first: their key is shared.
        if scoring == Scoring::Tmkit {
            for pair in index.minor.get(q.minor) {
                let pair = pair as usize;
                let position = index.positions[pair] as usize;
                let s = score(scoring, query, memory.source(pair));
                let id = index.identities[position];
                let penalty = index.penalties[position];
                best.offer(
                    pair,
                    id,
                    s.clone(),
                    finish(memory, scoring, pair, penalty, s, context),
                );
                self.done[position] = stamp;
            }
        }
        if q.symbols.is_empty() {
            self.forget(&q);
            return best;
        }
        let comparator = levenshtein::BatchComparator::new(q.symbols.iter().copied());
        let words = (scoring == Scoring::Omegat).then(|| Words::of(query.text));
        let mut verifier = Verifier {
            q: &q,
            comparator: &comparator,
            stamp,
            context,
            words: words.as_ref(),
        };
        self.collect(&mut best, &mut verifier);
        for &position in &self.touched {
            self.counts[position as usize] = 0;
        }
        self.touched.clear();
        self.forget(&q);
        best
    }

    /// The window of positions whose sources are long or short enough to
    /// score `t` against a query of `lq` tokens.
    fn window(&self, lq: usize, t: u8) -> std::ops::Range<usize> {
        let index = self.index;
        let longest = index.by_length.len() - 2;
        let (lo, hi) = if t == 0 {
            (0, longest)
        } else {
            let t = usize::from(t);
            (
                (lq * t).div_ceil(100).min(longest + 1),
                (lq * 100 / t).min(longest),
            )
        };
        if lo > hi {
            return 0..0;
        }
        index.by_length[lo] as usize..index.by_length[hi + 1] as usize
    }

    /// Counts shared tokens over the window, rarest tokens first, and
    /// verifies the sources best bound first.
    fn collect(&mut self, best: &mut Best<'_>, verifier: &mut Verifier<'_>) {
        let index = self.index;
        let q = verifier.q;
        let lq = q.len();
        // The non-space tokens a source must share to reach `t` (a lower
        // bound over every length the window allows).
        let needed = |t: u8| (lq * usize::from(t)).div_ceil(100) as i64 - i64::from(q.spaces);
        let mut rest: i64 = q.distinct.iter().map(|&(_, c)| i64::from(c)).sum();
        let mut harvested = false;
        let position_mask = if index.counted { POSITION } else { u32::MAX };
        let mut scanned = 0;
        for &(id, count) in &q.distinct {
            // Once the tokens left could not bring a new source to the
            // threshold, they only bound the counts.
            if rest < needed(best.threshold()) {
                break;
            }
            let list = &index.postings[index.posting_starts[id as usize] as usize
                ..index.posting_starts[id as usize + 1] as usize];
            let mut window = self.window(lq, best.threshold());
            let slice = |w: &std::ops::Range<usize>| {
                let from = list.partition_point(|&p| ((p & position_mask) as usize) < w.start);
                let to = list.partition_point(|&p| ((p & position_mask) as usize) < w.end);
                from..to
            };
            let mut range = slice(&window);
            // Before a long list, verify the best candidates so far: the
            // threshold they set may make the list unnecessary.
            if !harvested && range.len() > HARVEST_BEFORE && !self.touched.is_empty() {
                harvested = true;
                let unscanned = Unscanned::of(index, &q.distinct[scanned..]);
                self.harvest(best, verifier, &unscanned);
                if rest < needed(best.threshold()) {
                    break;
                }
                window = self.window(lq, best.threshold());
                range = slice(&window);
            }
            rest -= i64::from(count);
            scanned += 1;
            for &posting in &list[range] {
                let position = posting & position_mask;
                // The shared count of a token is the least of the two counts
                // (the query's when the source's is not kept).
                let times = match posting >> POSITION_BITS {
                    0 => count,
                    t => t.min(count),
                };
                let c = &mut self.counts[position as usize];
                if *c == 0 {
                    self.touched.push(position);
                }
                *c += times;
            }
        }
        // Bound each candidate's score; verify best bound first.
        let mut buckets = std::mem::take(&mut self.buckets);
        let unscanned = Unscanned::of(index, &q.distinct[scanned..]);
        for &position in &self.touched {
            if let Some(bound) = self.bound(q, position as usize, &unscanned, best.threshold()) {
                buckets[usize::from(bound)].push(position);
            }
        }
        // A query that is half spaces or more: a source sharing none of its
        // words may still reach the threshold by its spaces alone (every
        // list was read, so the sources not touched share no word).
        if needed(best.threshold()) <= 0 {
            for position in self.window(lq, best.threshold()) {
                if self.counts[position] == 0
                    && let Some(bound) = self.bound(q, position, &unscanned, best.threshold())
                {
                    buckets[usize::from(bound)].push(position as u32);
                }
            }
        }
        'verify: for bound in (0..=100u8).rev() {
            for &position in &buckets[usize::from(bound)] {
                if bound < best.threshold() {
                    break 'verify;
                }
                if bound >= best.needed(index.order[position as usize] as usize) {
                    self.verify(best, verifier, position as usize);
                }
            }
        }
        for bucket in &mut buckets {
            bucket.clear();
        }
        self.buckets = buckets;
    }

    /// An upper bound of the score of the source at `position`, from the
    /// tokens counted for it, the query tokens not counted yet and its
    /// spaces, if it reaches `floor`.
    fn bound(
        &self,
        q: &QueryTokens,
        position: usize,
        unscanned: &Unscanned,
        floor: u8,
    ) -> Option<u8> {
        let index = self.index;
        let meta = index.meta[position];
        let penalty = index.penalties[position];
        let longer = q.len().max(meta.len as usize);
        let reaches = |shared: u32| {
            100 * shared as usize >= (usize::from(floor) + usize::from(penalty)) * longer
        };
        let known = self.counts[position] + q.spaces.min(meta.spaces);
        // Every unscanned token counted: most candidates stop here.
        if !reaches(known + unscanned.total) {
            return None;
        }
        let shared = known + unscanned.bound(meta.frequent);
        let bound = (100 * (shared as usize).min(longer) / longer) as u8;
        Some(bound.saturating_sub(penalty)).filter(|&b| b >= floor)
    }

    /// Verifies the candidates with the best bounds so far (a few), so that
    /// the threshold rises before the long posting lists are read.
    fn harvest(&mut self, best: &mut Best<'_>, verifier: &mut Verifier<'_>, unscanned: &Unscanned) {
        let q = verifier.q;
        let mut bounded = std::mem::take(&mut self.bounded);
        bounded.clear();
        let floor = best.threshold();
        bounded.extend(
            self.touched
                .iter()
                .filter_map(|&p| Some((self.bound(q, p as usize, unscanned, floor)?, p))),
        );
        let n = HARVEST.min(bounded.len());
        if n < bounded.len() {
            bounded.select_nth_unstable_by(n.saturating_sub(1), |a, b| b.cmp(a));
            bounded.truncate(n);
        }
        bounded.sort_unstable_by(|a, b| b.cmp(a));
        for &(bound, position) in &bounded {
            if bound < best.threshold() {
                break;
            }
            self.verify(best, verifier, position as usize);
        }
        self.bounded = bounded;
    }

    /// Scores the source at `position` if it can still enter `best`.
    fn verify(&mut self, best: &mut Best<'_>, verifier: &mut Verifier<'_>, position: usize) {
        if self.done[position] == verifier.stamp {
            return;
        }
        self.done[position] = verifier.stamp;
        let index = self.index;
        let penalty = index.penalties[position];
        let pair = index.order[position] as usize;
        let needed = u16::from(best.needed(pair)) + u16::from(penalty);
        if needed > 100 {
            return;
        }
        let needed = needed as u8;
        let tokens = index.tokens_at(position);
        let (lq, lc) = (verifier.q.len(), tokens.len());
        let longer = lq.max(lc);
        // The tokens shared (multisets), and the source as query symbols.
        let q = verifier.q;
        self.left.clear();
        self.left.extend_from_slice(&q.counts);
        self.mapped.clear();
        let mut shared = 0usize;
        for &t in tokens {
            if self.member[t as usize / 64] & (1 << (t % 64)) == 0 {
                self.mapped.push(0);
            } else {
                let symbol = self.symbols[t as usize];
                self.mapped.push(symbol);
                let left = &mut self.left[symbol as usize];
                if *left > 0 {
                    *left -= 1;
                    shared += 1;
                }
            }
        }
        if 100 * shared < usize::from(needed) * longer {
            return;
        }
        let cutoff = max_distance(needed, lq, lc);
        let Some(distance) = verifier.comparator.distance_with_args(
            self.mapped.iter().copied(),
            &levenshtein::Args::default().score_cutoff(cutoff),
        ) else {
            return;
        };
        let raw = Score {
            percent: percentage(distance, lq, lc),
            differences: Vec::new(),
        };
        if let Some(query) = verifier.words {
            let words = index.words[pair]
                .get_or_init(|| Box::new(Words::of(index.memory.source(pair).text)));
            if !words.keeps(query, penalty) {
                return;
            }
        }
        let s = finish(
            index.memory,
            index.scoring,
            pair,
            penalty,
            raw.clone(),
            verifier.context,
        );
        best.offer(pair, index.identities[position], raw, s);
    }
}

/// The query tokens whose posting lists were not read: what they may add
/// to a source's shared count.
struct Unscanned {
    /// Bits of the frequent ones, and each one's count in the query.
    mask: u64,
    weights: [u32; 64],
    /// The count of the others, which every source may hold.
    other: u32,
    /// The count of them all.
    total: u32,
}

impl Unscanned {
    fn of(index: &Index<'_>, tokens: &[(u32, u32)]) -> Unscanned {
        let mut u = Unscanned {
            mask: 0,
            weights: [0; 64],
            other: 0,
            total: 0,
        };
        for &(id, count) in tokens {
            u.total += count;
            match index.frequent_bit[id as usize] {
                NO_BIT => u.other += count,
                bit => {
                    u.mask |= 1 << bit;
                    u.weights[usize::from(bit)] = count;
                }
            }
        }
        u
    }

    /// What a source holding the frequent tokens `frequent` may share of
    /// them.
    fn bound(&self, frequent: u64) -> u32 {
        let mut bits = frequent & self.mask;
        let mut sum = self.other;
        while bits != 0 {
            sum += self.weights[bits.trailing_zeros() as usize];
            bits &= bits - 1;
        }
        sum
    }
}

/// What verifying a source against one query needs.
struct Verifier<'q> {
    q: &'q QueryTokens,
    comparator: &'q levenshtein::BatchComparator<u32>,
    stamp: u32,
    context: Option<&'q Context>,
    /// The query's words, with OmegaT's scoring.
    words: Option<&'q Words>,
}

/// Whether OmegaT would score `pair` for a query of words `query` (always
/// with tmkit's scoring, `query` `None`): see [`super::score::stems`].
fn omegat_scores(query: Option<&Words>, memory: &Memory, pair: usize, penalty: u8) -> bool {
    query.is_none_or(|q| Words::of(memory.source(pair).text).keeps(q, penalty))
}

/// Before a posting list this long, the best candidates so far are
/// verified ([`Searcher::harvest`]), and how many.
const HARVEST_BEFORE: usize = 2048;
const HARVEST: usize = 24;

/// No symbol: a token the query does not have.
const NO_SYMBOL: u32 = u32::MAX;

/// The best `max` sources scoring at least `min`, by scoring every source
/// of `memory` (what [`Searcher::search`] must equal, and the reference for
/// tests and evaluations).
pub fn exhaustive(
    memory: &Memory,
    scoring: Scoring,
    query: Segment<'_>,
    context: Option<&Context>,
    min: u8,
    max: usize,
) -> Vec<Match> {
    let scores = all_scores(memory, scoring, query, context);
    top(memory, scoring, context, &scores, min, max)
}

/// Every pair's score for `query`, before and after its penalty and
/// context (`None` for a pair OmegaT's scoring passes over).
fn all_scores(
    memory: &Memory,
    scoring: Scoring,
    query: Segment<'_>,
    context: Option<&Context>,
) -> Vec<Option<(Score, Score)>> {
    let words = (scoring == Scoring::Omegat).then(|| Words::of(query.text));
    (0..memory.len())
        .map(|p| {
            omegat_scores(words.as_ref(), memory, p, memory.penalty(p)).then(|| {
                let raw = score(scoring, query, memory.source(p));
                (
                    raw.clone(),
                    finish(memory, scoring, p, memory.penalty(p), raw, context),
                )
            })
        })
        .collect()
}

/// The best `max` sources of at least `min` among scored pairs.
fn top(
    memory: &Memory,
    scoring: Scoring,
    context: Option<&Context>,
    scores: &[Option<(Score, Score)>],
    min: u8,
    max: usize,
) -> Vec<Match> {
    let mut best = Best::new(memory, min, max);
    for (pair, scored) in scores.iter().enumerate() {
        if let Some((raw, s)) = scored {
            best.offer(pair, identity(memory.source(pair)), raw.clone(), s.clone());
        }
    }
    let same = |pair: usize| -> Vec<usize> {
        let source = memory.source(pair);
        (0..memory.len())
            .filter(|&p| memory.source(p) == source)
            .collect()
    };
    matches(same, scoring, context, best)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tm::memory::MemoryError;
    use crate::tm::{Unit, Variant};

    /// A small deterministic generator (xorshift).
    struct Random(u64);

    impl Random {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    const WORDS: [&str; 24] = [
        "le",
        "la",
        "les",
        "de",
        "fichier",
        "dossier",
        "ouvrir",
        "fermer",
        "enregistrer",
        "impossible",
        "l’image",
        "l'image",
        "nouveau",
        "nouvelle",
        "Erreur",
        "erreur",
        "10",
        "12",
        "page",
        "et",
        "à",
        "«",
        "»",
        "!",
    ];

    fn sentence(r: &mut Random) -> String {
        let n = 1 + r.below(9);
        let words: Vec<&str> = (0..n).map(|_| WORDS[r.below(WORDS.len())]).collect();
        let mut s = words.join(if r.below(10) == 0 { "\u{a0}" } else { " " });
        if r.below(3) > 0 {
            s.push('.');
        }
        s
    }

    /// A memory of 3 files (one with a penalty), with repeated sources,
    /// dates and contexts.
    fn memory(r: &mut Random) -> Memory {
        let mut m = Memory::new("fr-FR", "en-GB");
        for (file, penalty) in [("a.tmx", 0u8), ("b.tmx", 0), ("c.tmx", 7)] {
            let mut units = Vec::new();
            let mut previous = String::new();
            for i in 0..250 {
                let source = if i > 0 && r.below(8) == 0 {
                    units
                        .get(r.below(units.len()))
                        .map(|u: &Unit| u.variants[0].text())
                        .unwrap_or_default()
                } else {
                    sentence(r)
                };
                let mut u = Unit::new(&format!("{file}:{i}"));
                u.set_attribute("changedate", &format!("2024010{}T000000Z", 1 + r.below(3)));
                if r.below(2) == 0 {
                    u.push_prop("x-context-pre", &previous);
                    u.push_prop("x-context-post", "");
                }
                u.variants.push(Variant::plain("fr-FR", &source));
                u.variants.push(Variant::plain("en-GB", &format!("EN {i}")));
                previous = source;
                units.push(u);
            }
            m.add_units(file, penalty, units.into_iter().map(Ok::<_, MemoryError>))
                .unwrap();
        }
        m
    }

    #[test]
    fn top_five_lists_equal_an_exhaustive_scan_order_included() {
        let mut r = Random(0x5eed_1234_abcd);
        let m = memory(&mut r);
        for scoring in [Scoring::Tmkit, Scoring::Omegat] {
            let index = Index::build(&m, scoring);
            let mut searcher = index.searcher();
            for i in 0..150 {
                // Half the queries are sources of the memory, changed a little.
                let query = if i % 2 == 0 {
                    let s = m.source(r.below(m.len())).text.to_string();
                    match r.below(5) {
                        0 => s.to_uppercase(),
                        1 => s.replace(' ', "  "),
                        2 => format!("{s} page"),
                        // Half spaces or more: sources sharing no word count.
                        3 => format!(" {} ", s.replace(' ', " ! ")),
                        _ => s,
                    }
                } else {
                    sentence(&mut r)
                };
                let context = Context {
                    before: sentence(&mut r),
                    after: String::new(),
                };
                let context = (i % 3 == 0).then_some(&context);
                let q = Segment::plain(&query);
                let scores = all_scores(&m, scoring, q, context);
                for min in [50, 75, 95] {
                    let got = searcher.search(q, context, min, 5);
                    let want = top(&m, scoring, context, &scores, min, 5);
                    assert_eq!(got, want, "{scoring:?} min {min}: {query:?}");
                    let best = searcher.best_score(q, context, min);
                    assert_eq!(best.as_ref(), want.first().map(Match::score));
                    // The band of the best score, as an analysis asks for it.
                    const FLOORS: [u8; 6] = [50, 75, 85, 95, 100, 101];
                    let band = |s: Option<u8>| {
                        FLOORS
                            .iter()
                            .rposition(|&f| s.is_some_and(|s| s >= f.max(min)))
                    };
                    let floors: &'static [u8] = match min {
                        50 => &FLOORS,
                        75 => &FLOORS[1..],
                        _ => &FLOORS[3..],
                    };
                    let got = searcher.best_band(q, context, floors).map(|s| s.percent);
                    assert_eq!(band(got), band(best.map(|s| s.percent)), "{query:?}");
                }
            }
        }
    }
}
