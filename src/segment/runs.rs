//! Long counted runs of one character (`[^"]{0,250}`), counted beside the
//! automata instead of inside them.
//!
//! SRX rules bound how far a quotation reaches with a counted repetition of
//! a class: `«[^«»]{0,250}[.?!…]` is a stop at most 250 characters after an
//! opening guillemet. An automaton counts by having a state for every count:
//! such a run compiles to hundreds of NFA states (thousands for a Unicode
//! class in UTF-8), and the lazy DFA builds a new state at each count the
//! text reaches, times the states of every other rule of its scan. So a
//! pattern that holds a run of [`LONG_RUN`] or more runs on the DFA
//! *relaxed*, each long run unbounded (`C{m,N}` → `C{m,}`: it matches
//! wherever the pattern does, and more), and each position the relaxed
//! pattern finds is checked against the pattern as written by a `Counted`:
//! a walk over the text from that position, backward for a `beforebreak` (a
//! match must end there) and forward for an `afterbreak` (it must start
//! there), that keeps the set of positions where each part of the pattern
//! can begin (or end). A run moves each position over 0 to N characters of
//! its class, one step a character: the count is a number, not states. The
//! rule means exactly what its pattern says; `tests` check the walk against
//! the plain regex.
//!
//! A walk costs a few hundred steps with rules such as tmkit's, but a rule
//! with long unbounded parts could make each check cost what a scan of the
//! paragraph does. Each paragraph has a budget of steps (`walk_budget`);
//! past it, its checks are answered by the plain automaton of the pattern
//! as written, built the first time a paragraph needs it: never slower than
//! running that automaton, as tmkit did before.

use std::sync::OnceLock;

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::{Anchored, Input, MatchKind};
use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition,
};

use super::javaregex::Side;

/// A counted repetition of one character up to at least this many stays out
/// of the automata; shorter ones (`\p{N}{1,3}`) cost the automata little.
pub(crate) const LONG_RUN: u32 = 32;

/// Steps a paragraph's walks may take, per byte of it, beyond [`WALK_BASE`].
const WALK_PER_BYTE: usize = 16;
/// Steps any paragraph's walks may take.
const WALK_BASE: usize = 1 << 14;

/// How many steps the walks of a paragraph of `len` bytes may take before
/// its checks fall back on the plain automata.
pub(crate) fn walk_budget(len: usize) -> usize {
    WALK_BASE.saturating_add(WALK_PER_BYTE.saturating_mul(len))
}

/// One side of a rule whose pattern holds long counted runs, as written.
pub(crate) struct Counted {
    hir: Hir,
    /// `hir` as the walk runs it.
    node: Node,
    side: Side,
    /// The plain automaton of `hir`, for paragraphs past their budget.
    plain: OnceLock<Result<DFA, String>>,
}

/// What a thread keeps for one [`Counted`]: the plain automaton's cache,
/// and for a `beforebreak`, where it ends in the current paragraph once the
/// plain automaton has scanned it.
#[derive(Clone, Debug, Default)]
pub(crate) struct CountedCache {
    cache: Option<Cache>,
    ends: Option<Vec<usize>>,
}

impl CountedCache {
    /// Forgets the last paragraph.
    pub(crate) fn reset(&mut self) {
        self.ends = None;
    }
}

impl Counted {
    /// The pattern relaxed for the DFA and the check of each position it
    /// finds; `None` when `hir` holds no long run, or holds what the walk
    /// does not run (a look-around other than the edges of the text and of
    /// lines, a class of bytes).
    pub(crate) fn relax(hir: &Hir, side: Side) -> Option<(Hir, Counted)> {
        let mut any = false;
        let relaxed = relaxed(hir, &mut any);
        if !any {
            return None;
        }
        let counted = Counted {
            hir: hir.clone(),
            node: Node::new(hir, side == Side::Before)?,
            side,
            plain: OnceLock::new(),
        };
        Some((relaxed, counted))
    }

    /// Whether the pattern as written matches text of `paragraph` that ends
    /// (a `beforebreak`) or starts (an `afterbreak`) at `at`. `budget` is
    /// what is left of the paragraph's steps.
    pub(crate) fn matches(
        &self,
        paragraph: &str,
        at: usize,
        budget: &mut usize,
        cache: &mut CountedCache,
    ) -> Result<bool, String> {
        if *budget > 0 {
            let mut walk = Walk {
                text: paragraph,
                back: self.side == Side::Before,
                budget,
            };
            if let Some(found) = walk.positions(&self.node, vec![at]) {
                return Ok(!found.is_empty());
            }
        }
        self.plain_matches(paragraph, at, cache)
    }

    fn plain_matches(
        &self,
        paragraph: &str,
        at: usize,
        cache: &mut CountedCache,
    ) -> Result<bool, String> {
        let kind = match self.side {
            Side::Before => MatchKind::All,
            Side::After => MatchKind::LeftmostFirst,
        };
        let dfa = self
            .plain
            .get_or_init(|| {
                let compiler = super::nfa_compiler();
                super::build_dfa(&compiler, std::slice::from_ref(&self.hir), kind, false)?
                    .ok_or_else(|| "no pattern".to_string())
            })
            .as_ref()
            .map_err(Clone::clone)?;
        let CountedCache { cache, ends } = cache;
        let cache = cache.get_or_insert_with(|| Cache::new(dfa));
        match self.side {
            Side::Before => {
                if ends.is_none() {
                    let mut found = Vec::new();
                    super::ends_of_matches(dfa, cache, paragraph, false, |end, _| found.push(end))?;
                    *ends = Some(found);
                }
                Ok(ends.as_ref().is_some_and(|e| e.binary_search(&at).is_ok()))
            }
            Side::After => {
                let input = Input::new(paragraph)
                    .range(at..)
                    .anchored(Anchored::Yes)
                    .earliest(true);
                dfa.try_search_fwd(cache, &input)
                    .map(|m| m.is_some())
                    .map_err(|e| e.to_string())
            }
        }
    }
}

/// Whether `hir` matches exactly one character: the class of it.
fn one_character(hir: &Hir) -> Option<ClassUnicode> {
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => Some(class.clone()),
        HirKind::Literal(literal) => {
            let s = std::str::from_utf8(&literal.0).ok()?;
            let mut chars = s.chars();
            let c = chars.next()?;
            chars
                .next()
                .is_none()
                .then(|| ClassUnicode::new([ClassUnicodeRange::new(c, c)]))
        }
        _ => None,
    }
}

fn is_long_run(r: &Repetition) -> bool {
    r.max.is_some_and(|m| m >= LONG_RUN) && one_character(&r.sub).is_some()
}

/// `hir` with every long run unbounded; `any` is set when there was one.
fn relaxed(hir: &Hir, any: &mut bool) -> Hir {
    match hir.kind() {
        HirKind::Repetition(r) if is_long_run(r) => {
            *any = true;
            Hir::repetition(Repetition {
                max: None,
                ..r.clone()
            })
        }
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(relaxed(&r.sub, any)),
            ..r.clone()
        }),
        HirKind::Capture(c) => Hir::capture(Capture {
            sub: Box::new(relaxed(&c.sub, any)),
            ..c.clone()
        }),
        HirKind::Concat(parts) => Hir::concat(parts.iter().map(|h| relaxed(h, any)).collect()),
        HirKind::Alternation(parts) => {
            Hir::alternation(parts.iter().map(|h| relaxed(h, any)).collect())
        }
        _ => hir.clone(),
    }
}

/// A pattern as the walk runs it, in one direction.
#[derive(Debug)]
enum Node {
    Empty,
    Literal(Box<[u8]>),
    /// One character of the class.
    Class(ClassUnicode),
    /// The edges of the text and of lines.
    Look(Look),
    /// In the order of the walk: backward, the last part first.
    Concat(Vec<Node>),
    Alternation(Vec<Node>),
    Repeat {
        sub: Box<Node>,
        min: usize,
        max: usize,
    },
    /// A repetition of one character of `class`.
    Run {
        class: ClassUnicode,
        min: usize,
        max: usize,
        /// Only the whole run can go on: the next part of the walk cannot
        /// take a character of the class, so each position has one end
        /// (or none), where the class stops.
        whole: bool,
        /// The UTF-8 of every character outside the class, when there are
        /// at most three (`[^"]`, `[^«»]`): the end of a whole run is found
        /// with `memchr`.
        outside: Option<Vec<Vec<u8>>>,
    },
}

impl Node {
    /// `hir` for a walk `back` or forward; `None` when it holds what the
    /// walk does not run (look-around other than the edges of the text and
    /// of lines, a class of bytes).
    fn new(hir: &Hir, back: bool) -> Option<Node> {
        Some(match hir.kind() {
            HirKind::Empty => Node::Empty,
            HirKind::Literal(literal) => Node::Literal(literal.0.clone()),
            HirKind::Class(Class::Unicode(class)) => Node::Class(class.clone()),
            HirKind::Class(Class::Bytes(_)) => return None,
            HirKind::Look(look @ (Look::Start | Look::End | Look::StartLF | Look::EndLF)) => {
                Node::Look(*look)
            }
            HirKind::Look(_) => return None,
            HirKind::Capture(c) => Node::new(&c.sub, back)?,
            HirKind::Repetition(r) => {
                let (min, max) = (r.min as usize, r.max.map_or(usize::MAX, |m| m as usize));
                match one_character(&r.sub) {
                    Some(class) => {
                        let mut outside = class.clone();
                        outside.negate();
                        let chars: Vec<char> = outside
                            .ranges()
                            .iter()
                            .flat_map(|r| r.start()..=r.end())
                            .take(4)
                            .collect();
                        let outside = (chars.len() <= 3)
                            .then(|| chars.iter().map(|c| c.to_string().into_bytes()).collect());
                        Node::Run {
                            class,
                            min,
                            max,
                            whole: false,
                            outside,
                        }
                    }
                    None => Node::Repeat {
                        sub: Box::new(Node::new(&r.sub, back)?),
                        min,
                        max,
                    },
                }
            }
            HirKind::Concat(parts) => {
                let mut nodes = parts
                    .iter()
                    .map(|p| Node::new(p, back))
                    .collect::<Option<Vec<_>>>()?;
                if back {
                    nodes.reverse();
                }
                for i in 1..nodes.len() {
                    let (before, after) = nodes.split_at_mut(i);
                    if let Node::Run { class, whole, .. } = &mut before[i - 1] {
                        *whole = stops(&after[0], class, back);
                    }
                }
                Node::Concat(nodes)
            }
            HirKind::Alternation(parts) => Node::Alternation(
                parts
                    .iter()
                    .map(|p| Node::new(p, back))
                    .collect::<Option<Vec<_>>>()?,
            ),
        })
    }
}

/// Whether `next`, the part after a run of `class` in a walk `back` or
/// forward, can only begin where the run cannot go on: at the edge of the
/// text, or with a character outside the class.
fn stops(next: &Node, class: &ClassUnicode, back: bool) -> bool {
    let disjoint = |other: &ClassUnicode| {
        let mut both = other.clone();
        both.intersect(class);
        both.ranges().is_empty()
    };
    match next {
        Node::Look(Look::Start) => back,
        Node::Look(Look::End) => !back,
        Node::Class(other) => disjoint(other),
        Node::Literal(bytes) => std::str::from_utf8(bytes)
            .ok()
            .and_then(|s| match back {
                true => s.chars().next_back(),
                false => s.chars().next(),
            })
            .is_some_and(|c| disjoint(&ClassUnicode::new([ClassUnicodeRange::new(c, c)]))),
        _ => false,
    }
}

fn contains(class: &ClassUnicode, c: char) -> bool {
    use std::cmp::Ordering;
    class
        .ranges()
        .binary_search_by(|r| match (r.end() < c, r.start() > c) {
            (true, _) => Ordering::Less,
            (_, true) => Ordering::Greater,
            _ => Ordering::Equal,
        })
        .is_ok()
}

/// Characters in UTF-8 `bytes` (those that do not continue a character).
fn characters(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// The positions where a pattern can begin (walking `back` from where it
/// ends) or end (walking forward from where it starts).
struct Walk<'t, 'b> {
    text: &'t str,
    back: bool,
    budget: &'b mut usize,
}

impl Walk<'_, '_> {
    /// Takes `n` steps from the budget; `None` when it runs out.
    fn spend(&mut self, n: usize) -> Option<()> {
        *self.budget = self.budget.saturating_sub(n);
        (*self.budget > 0).then_some(())
    }

    /// Where `node` can begin (or end) from each position of `from` (sorted,
    /// distinct), sorted and distinct; `None` when the budget runs out.
    fn positions(&mut self, node: &Node, from: Vec<usize>) -> Option<Vec<usize>> {
        if from.is_empty() {
            return Some(from);
        }
        self.spend(from.len())?;
        let mut found: Vec<usize> = match node {
            Node::Empty => return Some(from),
            Node::Concat(parts) => {
                let mut at = from;
                for part in parts {
                    at = self.positions(part, at)?;
                }
                return Some(at);
            }
            Node::Literal(literal) => from
                .into_iter()
                .filter_map(|at| self.literal(literal, at))
                .collect(),
            Node::Class(class) => from
                .into_iter()
                .filter_map(|at| self.character(class, at))
                .collect(),
            Node::Look(look) => from
                .into_iter()
                .filter(|&at| self.look(*look, at))
                .collect(),
            Node::Alternation(branches) => {
                let mut all = Vec::new();
                for branch in branches {
                    all.extend(self.positions(branch, from.clone())?);
                }
                all
            }
            Node::Repeat { sub, min, max } => self.repeat(sub, *min, *max, from)?,
            Node::Run {
                class,
                min,
                max,
                whole: true,
                outside,
            } => {
                let mut found = Vec::new();
                for at in from {
                    found.extend(self.whole_run(class, *min, *max, outside.as_deref(), at)?);
                }
                found
            }
            Node::Run {
                class, min, max, ..
            } => {
                let mut found = Vec::new();
                for start in from {
                    let (mut at, mut count) = (start, 0);
                    loop {
                        if count >= *min {
                            found.push(at);
                        }
                        if count == *max {
                            break;
                        }
                        let Some(next) = self.character(class, at) else {
                            break;
                        };
                        self.spend(1)?;
                        (at, count) = (next, count + 1);
                    }
                }
                found
            }
        };
        found.sort_unstable();
        found.dedup();
        Some(found)
    }

    /// Past `literal` from `at`.
    fn literal(&self, literal: &[u8], at: usize) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let n = literal.len();
        match self.back {
            true => (at >= n && bytes[at - n..at] == *literal).then(|| at - n),
            false => bytes[at..].starts_with(literal).then_some(at + n),
        }
    }

    /// Past one character of `class` from `at`.
    fn character(&self, class: &ClassUnicode, at: usize) -> Option<usize> {
        let c = match self.back {
            true => self.text.get(..at)?.chars().next_back()?,
            false => self.text.get(at..)?.chars().next()?,
        };
        match (contains(class, c), self.back) {
            (false, _) => None,
            (true, true) => Some(at - c.len_utf8()),
            (true, false) => Some(at + c.len_utf8()),
        }
    }

    fn look(&self, look: Look, at: usize) -> bool {
        let bytes = self.text.as_bytes();
        match look {
            Look::Start => at == 0,
            Look::End => at == bytes.len(),
            Look::StartLF => at == 0 || bytes[at - 1] == b'\n',
            Look::EndLF => at == bytes.len() || bytes[at] == b'\n',
            _ => false,
        }
    }

    /// Where a run of `class` from `at` stops, when it has `min` to `max`
    /// characters: the only position a whole run can reach.
    fn whole_run(
        &mut self,
        class: &ClassUnicode,
        min: usize,
        max: usize,
        outside: Option<&[Vec<u8>]>,
        at: usize,
    ) -> Option<Option<usize>> {
        if !self.text.is_char_boundary(at) {
            return Some(None);
        }
        let end = match outside {
            Some(outside) => self.run_end_memchr(outside, max, at),
            None => {
                let mut end = at;
                let mut count = 0;
                while count <= max {
                    let Some(next) = self.character(class, end) else {
                        break;
                    };
                    self.spend(1)?;
                    (end, count) = (next, count + 1);
                }
                end
            }
        };
        let span = if self.back { end..at } else { at..end };
        let count = characters(&self.text.as_bytes()[span]);
        Some((min..=max).contains(&count).then_some(end))
    }

    /// Where a run stops from `at`, or some position past `max` characters
    /// from it: the nearest character of `outside` (as UTF-8), found with
    /// `memchr` in a window of `max + 1` characters.
    fn run_end_memchr(&mut self, outside: &[Vec<u8>], max: usize, at: usize) -> usize {
        let bytes = self.text.as_bytes();
        let reach = max.saturating_add(2).saturating_mul(4);
        // The last byte of each character outside (backward) or the first.
        let key = |c: &Vec<u8>| if self.back { c[c.len() - 1] } else { c[0] };
        let (k0, k1, k2) = match outside {
            [a] => (key(a), key(a), key(a)),
            [a, b] => (key(a), key(b), key(b)),
            [a, b, c] => (key(a), key(b), key(c)),
            _ => unreachable!("at most three characters outside"),
        };
        let is_outside = |i: usize| {
            outside.iter().any(|c| match self.back {
                true => bytes[..=i].ends_with(c),
                false => bytes[i..].starts_with(c),
            })
        };
        if self.back {
            let low = at.saturating_sub(reach);
            let mut high = at;
            while let Some(i) = memchr::memrchr3(k0, k1, k2, &bytes[low..high]).map(|i| low + i) {
                if is_outside(i) {
                    return i + 1;
                }
                high = i;
            }
            // Between a character's bytes or at the start of the text.
            (low..=at)
                .find(|&i| self.text.is_char_boundary(i))
                .unwrap_or(at)
        } else {
            let high = at.saturating_add(reach).min(bytes.len());
            let mut low = at;
            while let Some(i) = memchr::memchr3(k0, k1, k2, &bytes[low..high]).map(|i| low + i) {
                if is_outside(i) {
                    return i;
                }
                low = i + 1;
            }
            (at..=high)
                .rev()
                .find(|&i| self.text.is_char_boundary(i))
                .unwrap_or(at)
        }
    }

    /// A repetition of a part that is not one character: the part again
    /// and again. Past `min`, a position reached again is not walked again:
    /// where it leads was reached from its first time, with as many
    /// repetitions left.
    fn repeat(
        &mut self,
        sub: &Node,
        min: usize,
        max: usize,
        from: Vec<usize>,
    ) -> Option<Vec<usize>> {
        let mut at = from;
        for _ in 0..min {
            at = self.positions(sub, at)?;
        }
        let mut found = at.clone();
        let mut rounds = min;
        while !at.is_empty() && rounds < max {
            let next = self.positions(sub, at)?;
            at = next
                .into_iter()
                .filter(|p| found.binary_search(p).is_err())
                .collect();
            found.extend_from_slice(&at);
            found.sort_unstable();
            rounds += 1;
        }
        Some(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::javaregex::translate;

    /// Text over an alphabet that makes the patterns below match and fail
    /// at their bounds: quotes, stops, spaces, letters, a multi-byte letter.
    fn texts(seed: u64, count: usize, max_len: usize) -> Vec<String> {
        const ALPHABET: [&str; 12] = [
            "\"", "«", "»", ".", "?", " ", "\u{a0}", "a", "é", "B", "\n", ",",
        ];
        let mut state = seed;
        let mut next = move || {
            // xorshift64: a fixed sequence, no crate needed.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..count)
            .map(|_| {
                let len = (next() as usize) % max_len;
                // Mostly letters, so that runs grow long.
                (0..len)
                    .map(|_| match next() % 4 {
                        0 => ALPHABET[(next() % 12) as usize],
                        _ => ["a", "é", " "][(next() % 3) as usize],
                    })
                    .collect()
            })
            .collect()
    }

    fn hir(java: &str, side: Side) -> Hir {
        let t = translate(java, side).unwrap();
        regex_syntax::Parser::new().parse(&t.pattern).unwrap()
    }

    /// Whether the plain regex matches text of `text` ending (before) or
    /// starting (after) at `at`; `regex` reports the longest match.
    fn plain(regex: &regex_automata::meta::Regex, text: &str, at: usize, side: Side) -> bool {
        let input = |range| Input::new(text).range(range).anchored(Anchored::Yes);
        match side {
            Side::Before => (0..=at).filter(|&i| text.is_char_boundary(i)).any(|start| {
                regex
                    .search_half(&input(start..at))
                    .is_some_and(|m| m.offset() == at)
            }),
            Side::After => regex.is_match(input(at..text.len())),
        }
    }

    #[test]
    fn counted_runs_match_exactly_where_the_plain_regex_does() {
        // tmkit's quotation rules, and shapes around them: runs bounded on
        // one side only, by a literal or a class that overlaps the run, at
        // the text's edges, nested in optional groups and repetitions.
        let patterns = [
            (
                r#"(?<=^[^"]{0,40}"[^"]{0,40}(?:"[^"]{0,40}"[^"]{0,40})?)[.?!…]"#,
                Side::Before,
            ),
            (
                r#"(?<=^[^"]{0,40}"[^"]{0,40}(?:"[^"]{0,40}"[^"]{0,40})?)[.?!…][\s\p{Z}]+""#,
                Side::Before,
            ),
            (
                r"(?<=(?:[\p{L}\p{N},][\s\p{Z}]{1,2}|['’][\s\p{Z}]?)«[^«»]{0,40})[.?!…]",
                Side::Before,
            ),
            (r"(?=[\s\p{Z}][^«»]{0,40}»)", Side::After),
            (r"[a\s]{3,33}\.", Side::Before),
            (r"\.[^.]{32,40}", Side::Before),
            (r"(?:a[^«»]{0,35}){1,3}»", Side::Before),
            (r"(?m)^\p{L}{0,40}$", Side::Before),
            (r"[\s\p{Z}][^«»]{0,40}(?:»|\.)", Side::After),
            (r"(?:[^\x22]{0,33}\x22)+\.", Side::After),
            (r"é{0,32}a", Side::After),
        ];
        let texts = texts(0x5eed, 300, 160);
        for (java, side) in patterns {
            let hir = hir(java, side);
            let (relaxed, counted) = Counted::relax(&hir, side)
                .unwrap_or_else(|| panic!("{java}: no long run recognised"));
            assert!(relaxed.properties().maximum_len().is_none(), "{java}");
            let regex = regex_automata::meta::Regex::builder()
                .configure(regex_automata::meta::Config::new().match_kind(MatchKind::All))
                .build_from_hir(&hir)
                .unwrap();
            let mut cache = CountedCache::default();
            for text in &texts {
                cache.reset();
                for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                    let expected = plain(&regex, text, at, side);
                    // With a budget and without: the walk and the plain
                    // automaton it falls back on.
                    for budget in [walk_budget(text.len()), 0] {
                        let mut left = budget;
                        let got = counted.matches(text, at, &mut left, &mut cache).unwrap();
                        assert_eq!(
                            got, expected,
                            "{java} at {at} of {text:?} (budget {budget})"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn short_runs_and_what_the_walk_cannot_run_stay_in_the_automaton() {
        for java in [
            r"\p{N}{1,3}\.",
            r"[^a]{0,31}",
            r"\b[^a]{0,40}",
            r"(?:ab){0,40}",
        ] {
            assert!(
                Counted::relax(&hir(java, Side::Before), Side::Before).is_none(),
                "{java}"
            );
        }
    }

    #[test]
    fn a_paragraph_past_its_budget_is_checked_by_the_plain_automaton() {
        let hir = hir(r"(?:a|é)*[^«»]{0,40}\.", Side::Before);
        let (_, counted) = Counted::relax(&hir, Side::Before).unwrap();
        let text = format!("{}.", "a".repeat(20_000));
        let mut budget = walk_budget(text.len());
        let mut cache = CountedCache::default();
        assert!(
            counted
                .matches(&text, text.len(), &mut budget, &mut cache)
                .unwrap()
        );
        assert_eq!(budget, 0, "the walk should have run out");
        assert!(
            cache.ends.is_some(),
            "the plain automaton scanned the paragraph"
        );
        assert!(!counted.matches(&text, 5, &mut budget, &mut cache).unwrap());
    }
}
