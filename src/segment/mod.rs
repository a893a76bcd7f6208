//! Sentence segmentation with SRX 2.0 rules: paragraphs in, byte spans out.
//!
//! Second stage of the flow (text → **segments** → terms/units → exports).
//! A [`Segmenter`] holds the rules of one language, compiled from an SRX file
//! ([`srx`]) whose Java regexes are translated by [`javaregex`]. tmkit's own
//! rules ship as an SRX file too ([`BUILTIN_SRX`]), so a CAT tool that loads
//! that file segments exactly as tmkit does.
//!
//! # Semantics (SRX 2.0)
//! A position in a paragraph is a break when, among all rules of the language
//! (every matching `languagemap` in order when `cascade="yes"`), the *first*
//! rule whose `beforebreak` matches text ending there and whose `afterbreak`
//! matches text starting there says `break="yes"`. Exceptions (`break="no"`)
//! come first in rule files for that reason. White space next to a break
//! belongs to neither segment, so joining a paragraph's segments with the
//! white space between them gives the paragraph back exactly.
//!
//! # Engine
//! Rules that are plain regular expressions (after [`javaregex`] rewrites the
//! look-around that only reaches outside a match) run on one lazy DFA that
//! finds, in a single pass, every position where any `beforebreak` ends; only
//! those positions are then checked against `afterbreak`s. Rules that need
//! look-around or back-references run as `(?<=before)(?=after)` on the
//! backtracking engine. Both give the same answer; the DFA is what makes
//! tmkit's own rules fast. A long counted run of one character
//! (`[^"]{0,250}`, which bounds a quotation) would cost the automata a state
//! per count: a pattern holding one runs on the DFA with the run unbounded,
//! and each position it finds is checked by counting (`runs.rs`).

pub mod format;
pub mod javaregex;
pub mod parallel;
mod runs;
pub mod srx;

use std::ops::Range;
use std::panic::{RefUnwindSafe, UnwindSafe};

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson;
use regex_automata::util::pool::Pool;
use regex_automata::{Anchored, Input, MatchKind, PatternID};
use regex_syntax::hir::Hir;

use javaregex::Side;
use runs::{Counted, CountedCache};
use srx::{SrxDocument, SrxError, SrxErrorKind};

use crate::error::{ErrorKind, Located, Place};

/// tmkit's built-in rules for French and English, an SRX 2.0 file.
///
/// ```
/// let doc = tmkit::segment::srx::SrxDocument::parse(tmkit::segment::BUILTIN_SRX, "built-in").unwrap();
/// assert!(doc.language_rule("French").is_some());
/// ```
pub const BUILTIN_SRX: &str = include_str!("tmkit.srx");

/// How the built-in rules are named in messages.
pub const BUILTIN_ORIGIN: &str = "tmkit built-in rules (src/segment/tmkit.srx)";

/// Rules that cannot be compiled for a language: its
/// [kind](RulesErrorKind), the SRX file (or [`BUILTIN_ORIGIN`]) and where
/// in it: the SRX reader's own position, or the line of the `<rule>` or
/// `<languagemap>` at fault ([`Place::Line`]).
pub type RulesError = Located<RulesErrorKind>;

/// What is wrong with the rules.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RulesErrorKind {
    /// The SRX file itself is unreadable or invalid.
    #[error(transparent)]
    Srx(SrxErrorKind),
    /// A rule that applies to the language uses a construct tmkit cannot
    /// run (at the line of its `<rule>`).
    #[error(
        "rule {number} of languagerule \"{rule_set}\": {side} {}: {message}",
        shown(.pattern)
    )]
    Rule {
        /// Position of the rule in its languagerule, from 1.
        number: usize,
        /// The languagerule's name.
        rule_set: String,
        /// `beforebreak`, `afterbreak` or `rule`.
        side: &'static str,
        /// The pattern as written.
        pattern: String,
        /// What is wrong.
        message: String,
    },
    /// A `languagepattern` is not a valid regex (at the line of its
    /// `<languagemap>`).
    #[error("languagepattern {pattern:?}: {message}")]
    LanguagePattern {
        /// The pattern as written.
        pattern: String,
        /// What is wrong.
        message: String,
    },
    /// No `languagemap` matches the language.
    #[error("no languagemap matches the language \"{language}\" (the file maps: {patterns})")]
    NoRules {
        /// The language asked for.
        language: String,
        /// The file's language patterns, for the user to pick from.
        patterns: String,
    },
    /// The compiled rules exceed the engine's limits.
    #[error("the rules for \"{language}\" are too large to compile: {message}")]
    TooLarge {
        /// The language.
        language: String,
        /// The engine's message.
        message: String,
    },
}

impl ErrorKind for RulesErrorKind {
    fn describe(&self, origin: &str, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RulesErrorKind::Srx(kind) => kind.describe(origin, f),
            other => std::fmt::Display::fmt(other, f),
        }
    }
}

impl From<SrxError> for RulesError {
    fn from(e: SrxError) -> RulesError {
        e.map_kind(RulesErrorKind::Srx)
    }
}

/// `pattern` quoted, its middle elided when it is too long to read in a
/// message.
fn shown(pattern: &str) -> String {
    const HEAD: usize = 60;
    const TAIL: usize = 40;
    // As written in the file: backslashes are not doubled; only what a
    // terminal would not show is escaped.
    let visible = |s: &str| -> String {
        s.chars()
            .map(|c| match c.is_control() {
                true => c.escape_default().to_string(),
                false => c.to_string(),
            })
            .collect()
    };
    let length = pattern.chars().count();
    if length <= HEAD + TAIL {
        return format!("\"{}\"", visible(pattern));
    }
    let head: String = pattern.chars().take(HEAD).collect();
    let tail: String = pattern.chars().skip(length - TAIL).collect();
    format!(
        "\"{}…{}\" ({length} characters)",
        visible(&head),
        visible(&tail)
    )
}

/// A rule gave up while segmenting (a backtracking limit in a rule that needs
/// look-around); never happens with tmkit's built-in rules: its
/// [kind](SegmentErrorKind), the SRX file and the line of the `<rule>`
/// ([`Place::Line`]; `rules`, line 0, when no one rule is at fault).
pub type SegmentError = Located<SegmentErrorKind>;

/// Why segmenting stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SegmentErrorKind {
    /// The engine gave up on a rule (its message).
    #[error("the rule could not be applied: {0}")]
    Engine(String),
}

impl ErrorKind for SegmentErrorKind {}

/// Where a compiled rule came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RuleOrigin {
    /// The SRX file.
    pub(crate) origin: String,
    /// Line of the `<rule>`.
    pub(crate) line: usize,
    /// The languagerule's name.
    pub(crate) rule_set: String,
}

struct CompiledRule {
    breaks: bool,
    /// The `beforebreak` as written, when its scan runs it relaxed
    /// ([`runs`]): each position the scan finds is checked against it.
    before_counted: Option<usize>,
    /// How the `afterbreak` is matched (fast rules).
    after: After,
    /// The whole rule as `(?<=before)(?=after)` when it needs backtracking.
    fancy: Option<fancy_regex::Regex>,
    origin: RuleOrigin,
}

/// How a fast rule's `afterbreak` is matched.
#[derive(Clone, Copy)]
enum After {
    /// No `afterbreak`: it matches anywhere.
    Anywhere,
    /// A pattern of one of the after-DFAs.
    Dfa(usize, PatternID),
    /// A pattern with long counted runs, walked ([`runs`]).
    Counted(usize),
}

struct BeforeScan {
    dfa: DFA,
    anchored: bool,
    /// Bytes of which every match holds one: a paragraph with none of them
    /// is not scanned (see [`required_bytes`]).
    required: Option<Vec<u8>>,
    /// Pattern → rule index.
    rule_of_pattern: Vec<u32>,
}

/// What a thread segments with: the lazy DFAs' caches, and buffers. The
/// DFAs' states are built as text needs them, into these caches; a clone of
/// caches that have segmented some text saves another thread building the
/// same states again ([`Segmenter::segment_with`]).
#[derive(Clone, Debug)]
pub struct Caches {
    before: Vec<Cache>,
    after: Vec<Cache>,
    /// The walks of the patterns with long counted runs, one each.
    counted: Vec<CountedCache>,
    /// (position, rule index) where a rule's `beforebreak` ends.
    events: Vec<(usize, u32)>,
    breaks: Vec<usize>,
}

impl Caches {
    fn new<'a>(before: impl IntoIterator<Item = &'a DFA>, after: &[DFA], counted: usize) -> Caches {
        Caches {
            before: before.into_iter().map(Cache::new).collect(),
            after: after.iter().map(Cache::new).collect(),
            counted: vec![CountedCache::default(); counted],
            events: Vec::new(),
            breaks: Vec::new(),
        }
    }
}

type CachesFn = Box<dyn Fn() -> Caches + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// Compiled SRX rules for one language.
///
/// ```
/// let seg = tmkit::segment::Segmenter::builtin("fr-FR").unwrap();
/// let para = "M. Dupont est arrivé. Il repart demain !";
/// let spans = seg.segment(para).unwrap();
/// let sentences: Vec<&str> = spans.iter().map(|s| &para[s.clone()]).collect();
/// assert_eq!(sentences, ["M. Dupont est arrivé.", "Il repart demain !"]);
/// ```
pub struct Segmenter {
    language: String,
    rules: Vec<CompiledRule>,
    /// The `beforebreak` scans: patterns anchored at the start of the
    /// paragraph run apart, anchored, so that their DFA dies as soon as they
    /// cannot match and their states do not multiply with the others'.
    before: Vec<BeforeScan>,
    /// The `afterbreak` patterns, in as many DFAs as it takes to keep each
    /// within the engine's limits (one, but for rule sets of thousands).
    after: Vec<DFA>,
    /// Fast rules without a `beforebreak`: they apply at every position.
    anywhere: Vec<u32>,
    /// Rules run on the backtracking engine.
    fancy_rules: Vec<u32>,
    /// The sides of rules with long counted runs ([`runs`]).
    counted: Vec<Counted>,
    pool: Pool<Caches, CachesFn>,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter")
            .field("language", &self.language)
            .field("rules", &self.rules.len())
            .field("backtracking_rules", &self.fancy_rules.len())
            .field("dfa_scans", &self.before.len())
            .field("counted_patterns", &self.counted.len())
            .finish()
    }
}

impl Segmenter {
    /// tmkit's built-in rules ([`BUILTIN_SRX`]) for a BCP 47 language tag.
    pub fn builtin(language: &str) -> Result<Segmenter, RulesError> {
        Segmenter::builtin_with_threads(language, 1)
    }

    /// Like [`Segmenter::builtin`], its DFAs built on up to `threads`
    /// threads at once ([`Segmenter::from_srx_with_threads`]).
    pub fn builtin_with_threads(language: &str, threads: usize) -> Result<Segmenter, RulesError> {
        let doc = SrxDocument::parse(BUILTIN_SRX, BUILTIN_ORIGIN)?;
        Segmenter::from_srx_with_threads(&doc, language, threads)
    }

    /// Compiles the rules that `doc` gives `language` (a BCP 47 tag such as
    /// `fr-FR`). Only those rules are compiled; a construct that cannot be
    /// supported in one of them is an error naming its file and line.
    pub fn from_srx(doc: &SrxDocument, language: &str) -> Result<Segmenter, RulesError> {
        Segmenter::compile(doc, language, false, 1)
    }

    /// Like [`Segmenter::from_srx`], with the DFAs (one per scan, one for the
    /// `afterbreak`s) built on up to `threads` threads at once: the same
    /// segmenter, in less time on several cores.
    pub fn from_srx_with_threads(
        doc: &SrxDocument,
        language: &str,
        threads: usize,
    ) -> Result<Segmenter, RulesError> {
        Segmenter::compile(doc, language, false, threads)
    }

    /// Like [`Segmenter::from_srx`], but every rule runs on the backtracking
    /// engine as `(?<=before)(?=after)`: the plain reading of the SRX
    /// semantics, slow, and the reference the fast engine is tested against.
    pub fn from_srx_reference(doc: &SrxDocument, language: &str) -> Result<Segmenter, RulesError> {
        Segmenter::compile(doc, language, true, 1)
    }

    fn compile(
        doc: &SrxDocument,
        language: &str,
        reference: bool,
        threads: usize,
    ) -> Result<Segmenter, RulesError> {
        let mut rules = Vec::new();
        // The beforebreak scans: unanchored patterns share one; patterns
        // anchored at the start of the paragraph are grouped by the bytes
        // they require.
        let mut before_groups: Vec<ScanGroup> = Vec::new();
        let mut after_patterns = Vec::new();
        let mut after_rules = Vec::new();
        let mut anywhere = Vec::new();
        let mut fancy_rules = Vec::new();
        let mut counted = Vec::new();
        for set_name in applicable_rule_sets(doc, language)? {
            let Some(set) = doc.language_rule(&set_name) else {
                continue;
            };
            for (number, rule) in set.rules.iter().enumerate() {
                let fail = |side: &'static str, pattern: &str, message: String| {
                    let kind = RulesErrorKind::Rule {
                        number: number + 1,
                        rule_set: set.name.clone(),
                        side,
                        pattern: pattern.to_string(),
                        message,
                    };
                    let place = Place::Line(rule.line as u64);
                    Located::new(&*doc.origin, Some(place), kind)
                };
                let translate = |side: Side, pattern: &Option<String>| match pattern.as_deref() {
                    None | Some("") => Ok(None),
                    Some(p) => javaregex::translate(&dialect(doc, p), side)
                        .map(Some)
                        .map_err(|e| fail(side_name(side), p, e.to_string())),
                };
                // Each pattern on its own, so that an error names its rule;
                // parsed once, for the DFA, when it can run it.
                let parse = |side: Side, java: &Option<String>| -> Result<_, RulesError> {
                    let Some(t) = translate(side, java)? else {
                        return Ok(None);
                    };
                    let fault = |e: String| fail(side_name(side), java.as_deref().unwrap_or(""), e);
                    let hir = match t.fancy {
                        true => {
                            backtracking(&t.pattern).map_err(fault)?;
                            None
                        }
                        false => Some(
                            regex_syntax::Parser::new()
                                .parse(&t.pattern)
                                .map_err(|e| fault(e.to_string()))?,
                        ),
                    };
                    Ok(Some((t.pattern, hir)))
                };
                let before = parse(Side::Before, &rule.before)?;
                let after = parse(Side::After, &rule.after)?;
                let index = u32::try_from(rules.len()).unwrap_or(u32::MAX);
                let origin = RuleOrigin {
                    origin: doc.origin.clone(),
                    line: rule.line,
                    rule_set: set.name.clone(),
                };
                let needs_backtracking = reference
                    || before.as_ref().is_some_and(|(_, hir)| hir.is_none())
                    || after.as_ref().is_some_and(|(_, hir)| hir.is_none())
                    // A break rule without beforebreak would make every
                    // position a candidate: let the backtracker find them.
                    || (rule.breaks && before.is_none());
                if needs_backtracking {
                    let pattern = format!(
                        "{}{}",
                        before.map_or(String::new(), |(p, _)| format!("(?<={p})")),
                        after.map_or(String::new(), |(p, _)| format!("(?={p})")),
                    );
                    let regex = backtracking(&pattern).map_err(|e| {
                        fail(
                            "rule",
                            rule.before.as_deref().unwrap_or(""),
                            format!("cannot be run as one pattern ({e}); a lookbehind cannot hold look-around or back-references"),
                        )
                    })?;
                    fancy_rules.push(index);
                    rules.push(CompiledRule {
                        breaks: rule.breaks,
                        before_counted: None,
                        after: After::Anywhere,
                        fancy: Some(regex),
                        origin,
                    });
                    continue;
                }
                // A side with long counted runs: the scan runs it relaxed,
                // and each position it finds is checked ([`runs`]).
                let mut relax = |hir: Hir, side: Side| match Counted::relax(&hir, side) {
                    Some((relaxed, check)) => {
                        counted.push(check);
                        (relaxed, Some(counted.len() - 1))
                    }
                    None => (hir, None),
                };
                let mut before_counted = None;
                match before.and_then(|(_, hir)| hir) {
                    Some(hir) => {
                        let (hir, check) = relax(hir, Side::Before);
                        before_counted = check;
                        let key = scan_key(&hir);
                        let at = match before_groups.iter().position(|g| g.key == key) {
                            Some(at) => at,
                            None => {
                                before_groups.push(ScanGroup {
                                    key,
                                    patterns: Vec::new(),
                                    rules: Vec::new(),
                                });
                                before_groups.len() - 1
                            }
                        };
                        before_groups[at].patterns.push(hir);
                        before_groups[at].rules.push(index);
                    }
                    None => anywhere.push(index),
                }
                let after = match after.and_then(|(_, hir)| hir) {
                    None => After::Anywhere,
                    Some(hir) => match relax(hir, Side::After) {
                        (_, Some(check)) => After::Counted(check),
                        (hir, None) => {
                            after_patterns.push(hir);
                            after_rules.push(index);
                            // Its DFA and pattern are set below, once built.
                            After::Dfa(0, PatternID::ZERO)
                        }
                    },
                };
                rules.push(CompiledRule {
                    breaks: rule.breaks,
                    before_counted,
                    after,
                    fancy: None,
                    origin,
                });
            }
        }
        let too_large = |why: TooLarge| {
            let line = |rule: u32| rules[rule as usize].origin.line;
            let message = match why {
                TooLarge::Rule(rule, message) => format!(
                    "the rule at line {} alone exceeds what tmkit's regex engine compiles ({} MB of automaton): shorten its repetition counts or split its alternatives ({message})",
                    line(rule),
                    NFA_LIMIT >> 20
                ),
                TooLarge::Total(rule) => format!(
                    "they compile to more than {} MB of automata, tmkit's limit, by the rule at line {} (of {} rules): remove rules or shorten their repetition counts",
                    TOTAL_LIMIT >> 20,
                    line(rule),
                    rules.len()
                ),
            };
            let kind = RulesErrorKind::TooLarge {
                language: language.to_string(),
                message,
            };
            Located::file(&*doc.origin, kind)
        };
        let mut jobs: Vec<_> = before_groups
            .iter()
            .map(|g| (g.patterns.as_slice(), MatchKind::All, false))
            .collect();
        jobs.push((&after_patterns, MatchKind::LeftmostFirst, true));
        let job_rules = before_groups
            .iter()
            .map(|g| g.rules.as_slice())
            .chain([after_rules.as_slice()]);
        // A job too large for one DFA is built again in parts.
        let mut total = 0;
        let mut parts = Vec::new();
        // For the parts, when a job needs them.
        let compiler = nfa_compiler();
        for ((job, rules_of), built) in jobs.iter().zip(job_rules).zip(build_dfas(&jobs, threads)) {
            let mut out = Vec::new();
            split(
                &compiler,
                job,
                rules_of,
                0,
                Some(built),
                &mut total,
                &mut out,
            )
            .map_err(too_large)?;
            parts.push(out);
        }
        let mut parts = parts.into_iter();
        let mut before = Vec::new();
        for (group, built) in before_groups.into_iter().zip(&mut parts) {
            let (anchored, required) = group.key;
            for (dfa, range) in built {
                before.push(BeforeScan {
                    dfa,
                    anchored,
                    required: required.clone(),
                    rule_of_pattern: group.rules[range].to_vec(),
                });
            }
        }
        let mut after = Vec::new();
        for (k, (dfa, range)) in parts.flatten().enumerate() {
            for (i, &rule) in after_rules[range].iter().enumerate() {
                rules[rule as usize].after = After::Dfa(k, PatternID::new_unchecked(i));
            }
            after.push(dfa);
        }
        let b: Vec<DFA> = before.iter().map(|s| s.dfa.clone()).collect();
        let a = after.clone();
        let n = counted.len();
        let create: CachesFn = Box::new(move || Caches::new(&b, &a, n));
        Ok(Segmenter {
            language: language.to_string(),
            rules,
            before,
            after,
            anywhere,
            fancy_rules,
            counted,
            pool: Pool::new(create),
        })
    }

    /// The language tag the rules were compiled for.
    pub fn language(&self) -> &str {
        &self.language
    }

    /// How many rules apply, and how many of them need the backtracking engine.
    pub fn rule_counts(&self) -> (usize, usize) {
        (self.rules.len(), self.fancy_rules.len())
    }

    /// The sentences of one paragraph, as byte spans into it (no white space
    /// at either end; none empty).
    pub fn segment(&self, paragraph: &str) -> Result<Vec<Range<usize>>, SegmentError> {
        let mut spans = Vec::new();
        self.segment_into(paragraph, &mut spans)?;
        Ok(spans)
    }

    /// Like [`Segmenter::segment`], into a buffer the caller owns and reuses.
    pub fn segment_into(
        &self,
        paragraph: &str,
        spans: &mut Vec<Range<usize>>,
    ) -> Result<(), SegmentError> {
        self.segment_with(&mut self.pool.get(), paragraph, spans)
    }

    /// Empty caches for [`Segmenter::segment_with`].
    pub fn caches(&self) -> Caches {
        Caches::new(
            self.before.iter().map(|s| &s.dfa),
            &self.after,
            self.counted.len(),
        )
    }

    /// Like [`Segmenter::segment_into`], with caches the caller owns: made
    /// by [`Segmenter::caches`] of this segmenter, or cloned from caches it
    /// has used. ([`Segmenter::segment_into`] takes a thread's own from a pool.)
    pub fn segment_with(
        &self,
        caches: &mut Caches,
        paragraph: &str,
        spans: &mut Vec<Range<usize>>,
    ) -> Result<(), SegmentError> {
        spans.clear();
        let Caches {
            before: before_cache,
            after: after_cache,
            counted,
            events,
            breaks,
        } = caches;
        events.clear();
        breaks.clear();
        let len = paragraph.len();
        counted.iter_mut().for_each(CountedCache::reset);
        let mut walks = Walks {
            caches: counted,
            budget: runs::walk_budget(len),
        };
        for (scan, cache) in self.before.iter().zip(before_cache.iter_mut()) {
            if let Some(required) = &scan.required
                && !contains_any(paragraph.as_bytes(), required)
            {
                continue;
            }
            let result = ends_of_matches(
                &scan.dfa,
                cache,
                paragraph,
                scan.anchored,
                |end, pattern| {
                    if end > 0 && end < len {
                        events.push((end, scan.rule_of_pattern[pattern.as_usize()]));
                    }
                },
            );
            result.map_err(|message| self.engine_error(None, message))?;
        }
        for &index in &self.fancy_rules {
            let rule = &self.rules[index as usize];
            let Some(regex) = &rule.fancy else { continue };
            for found in regex.find_iter(paragraph) {
                let found = found.map_err(|e| self.engine_error(Some(index), e.to_string()))?;
                let at = found.start();
                if at > 0 && at < len {
                    events.push((at, index));
                }
            }
        }
        events.sort_unstable();
        events.dedup();
        let mut group = events.as_slice();
        while let Some(&(at, _)) = group.first() {
            let n = group.iter().take_while(|e| e.0 == at).count();
            let (here, rest) = group.split_at(n);
            group = rest;
            if self.decides_break(paragraph, at, here, after_cache, &mut walks)? {
                breaks.push(at);
            }
        }
        let mut start = 0;
        for &end in breaks.iter().chain(std::iter::once(&len)) {
            let span = crate::text::trim_span(paragraph, start..end);
            if !span.is_empty() {
                spans.push(span);
            }
            start = end;
        }
        Ok(())
    }

    /// Whether the first rule that applies at `at` is a break rule. `here`
    /// lists, in rule order, the rules whose `beforebreak` ends at `at`.
    fn decides_break(
        &self,
        paragraph: &str,
        at: usize,
        here: &[(usize, u32)],
        after_cache: &mut [Cache],
        walks: &mut Walks<'_>,
    ) -> Result<bool, SegmentError> {
        // No break rule can fire here: nothing to decide.
        let Some(last_break) = here
            .iter()
            .rev()
            .find(|e| self.rules[e.1 as usize].breaks)
            .map(|e| e.1)
        else {
            return Ok(false);
        };
        let mut candidates = here.iter().map(|e| e.1).peekable();
        let mut anywhere = self.anywhere.iter().copied().peekable();
        loop {
            // Merge the two ascending lists of rule indexes.
            let index = match (candidates.peek(), anywhere.peek()) {
                (Some(&c), Some(&a)) if a < c => anywhere.next(),
                (Some(_), _) => candidates.next(),
                (None, Some(_)) => anywhere.next(),
                (None, None) => None,
            };
            let Some(index) = index.filter(|&i| i <= last_break) else {
                return Ok(false);
            };
            let rule = &self.rules[index as usize];
            let mut counted = |k: usize| {
                self.counted[k]
                    .matches(paragraph, at, &mut walks.budget, &mut walks.caches[k])
                    .map_err(|e| self.engine_error(Some(index), e))
            };
            // Its scan found where the relaxed `beforebreak` ends.
            if let Some(k) = rule.before_counted
                && !counted(k)?
            {
                continue;
            }
            let fires = match (&rule.fancy, rule.after) {
                (Some(_), _) | (None, After::Anywhere) => true,
                (None, After::Counted(k)) => counted(k)?,
                (None, After::Dfa(k, pattern)) => {
                    let (dfa, cache) = (&self.after[k], &mut after_cache[k]);
                    let input = Input::new(paragraph)
                        .range(at..)
                        .anchored(Anchored::Pattern(pattern))
                        .earliest(true);
                    dfa.try_search_fwd(cache, &input)
                        .map_err(|e| self.engine_error(Some(index), e.to_string()))?
                        .is_some()
                }
            };
            if fires {
                return Ok(rule.breaks);
            }
        }
    }

    fn engine_error(&self, rule: Option<u32>, message: String) -> SegmentError {
        let origin = rule.map(|i| &self.rules[i as usize].origin);
        Located::new(
            origin.map_or("rules", |o| &o.origin),
            Some(Place::Line(origin.map_or(0, |o| o.line as u64))),
            SegmentErrorKind::Engine(message),
        )
    }
}

/// What the walks of one paragraph use ([`runs`]).
struct Walks<'c> {
    caches: &'c mut [CountedCache],
    /// The steps left to them.
    budget: usize,
}

/// A rule's pattern as plain Java regex: Okapi's are Unicode-aware
/// throughout and carry Okapi's own notations (see [`SrxDocument::okapi`]).
fn dialect<'p>(doc: &SrxDocument, pattern: &'p str) -> std::borrow::Cow<'p, str> {
    if !doc.okapi {
        return std::borrow::Cow::Borrowed(pattern);
    }
    let pattern = pattern.strip_suffix("[noauto]").unwrap_or(pattern);
    // \Y stands for an inline code (U+E101–U+E103 and its index in Okapi's
    // coded text); plain text has none, so it never matches there.
    let pattern = pattern.replace(r"\Y", r"(?:[\uE101\uE102\uE103].)");
    std::borrow::Cow::Owned(format!("(?U){pattern}"))
}

fn side_name(side: Side) -> &'static str {
    match side {
        Side::Before => "beforebreak",
        Side::After => "afterbreak",
    }
}

/// The names of the languagerules that apply to `language`, in order.
fn applicable_rule_sets(doc: &SrxDocument, language: &str) -> Result<Vec<String>, RulesError> {
    let mut names = Vec::new();
    for map in &doc.language_maps {
        let fail = |message: String| {
            let kind = RulesErrorKind::LanguagePattern {
                pattern: map.pattern.clone(),
                message,
            };
            Located::new(&*doc.origin, Some(Place::Line(map.line as u64)), kind)
        };
        let translated =
            javaregex::translate_whole(&map.pattern).map_err(|e| fail(e.to_string()))?;
        // Java's Matcher.matches(): the whole code; language tags ignore case.
        let whole = format!("(?i)^(?:{})$", translated.pattern);
        let regex = backtracking(&whole).map_err(fail)?;
        if regex.is_match(language).map_err(|e| fail(e.to_string()))? {
            if !names.contains(&map.rule_name) {
                names.push(map.rule_name.clone());
            }
            if !doc.cascade {
                break;
            }
        }
    }
    if names.is_empty() {
        let kind = RulesErrorKind::NoRules {
            language: language.to_string(),
            patterns: doc
                .language_maps
                .iter()
                .map(|m| m.pattern.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        };
        return Err(Located::file(&*doc.origin, kind));
    }
    Ok(names)
}

/// Whether a `beforebreak` is anchored at the start, and the bytes it requires.
type ScanKey = (bool, Option<Vec<u8>>);

/// The `beforebreak`s that share a scan, and their rules' indexes.
struct ScanGroup {
    key: ScanKey,
    patterns: Vec<Hir>,
    rules: Vec<u32>,
}

/// Which scan a `beforebreak` joins: whether every match starts at the start
/// of the paragraph, and then the bytes it requires ([`required_bytes`]).
/// A paragraph is scanned from its start for anchored patterns until they
/// all fail, which a look-behind such as `^[^"]{0,250}"` (its run unbounded
/// in the scan, [`runs`]) keeps from happening while the paragraph has few
/// quotes: so each set of required bytes gets its own scan, skipped in the
/// paragraphs (most, for a straight quote) without them.
fn scan_key(hir: &Hir) -> ScanKey {
    let anchored = hir
        .properties()
        .look_set_prefix()
        .contains(regex_syntax::hir::Look::Start);
    match anchored {
        true => (true, required_bytes(hir)),
        false => (false, None),
    }
}

/// At most three bytes of which every match of `hir` contains one, when the
/// pattern says so plainly (a literal, a small ASCII class, in every branch).
fn required_bytes(hir: &regex_syntax::hir::Hir) -> Option<Vec<u8>> {
    use regex_syntax::hir::{Class, HirKind};
    const MAX: usize = 3;
    let set = match hir.kind() {
        HirKind::Literal(literal) => literal.0.first().map(|&b| vec![b]),
        HirKind::Class(Class::Unicode(class)) => class
            .iter()
            .flat_map(|r| r.start()..=r.end())
            .take(MAX + 1)
            .map(|c| u8::try_from(u32::from(c)).ok().filter(u8::is_ascii))
            .collect(),
        HirKind::Class(Class::Bytes(class)) => class
            .iter()
            .flat_map(|r| r.start()..=r.end())
            .take(MAX + 1)
            .map(Some)
            .collect(),
        HirKind::Repetition(r) if r.min > 0 => required_bytes(&r.sub),
        HirKind::Capture(c) => required_bytes(&c.sub),
        HirKind::Concat(parts) => parts.iter().filter_map(required_bytes).min_by_key(Vec::len),
        HirKind::Alternation(branches) => {
            let mut union = Vec::new();
            for branch in branches {
                union.extend(required_bytes(branch)?);
            }
            union.sort_unstable();
            union.dedup();
            Some(union)
        }
        _ => None,
    };
    set.filter(|s| !s.is_empty() && s.len() <= MAX)
}

/// Whether `haystack` holds one of `bytes` (one to three of them).
fn contains_any(haystack: &[u8], bytes: &[u8]) -> bool {
    match *bytes {
        [a] => memchr::memchr(a, haystack).is_some(),
        [a, b] => memchr::memchr2(a, b, haystack).is_some(),
        [a, b, c] => memchr::memchr3(a, b, c, haystack).is_some(),
        _ => true,
    }
}

/// A DFA to build: its patterns, how they match, whether each pattern can be
/// searched for alone.
type DfaJob<'a> = (&'a [Hir], MatchKind, bool);

/// Builds the DFAs of `jobs`, in order, on up to `threads` threads at once,
/// one NFA compiler per thread.
fn build_dfas(jobs: &[DfaJob<'_>], threads: usize) -> Vec<Result<Option<DFA>, String>> {
    let build = |compiler: &thompson::Compiler, &(patterns, kind, per_pattern): &DfaJob<'_>| {
        build_dfa(compiler, patterns, kind, per_pattern)
    };
    let threads = threads.min(jobs.len());
    if threads <= 1 {
        let compiler = nfa_compiler();
        return jobs.iter().map(|job| build(&compiler, job)).collect();
    }
    // Each thread takes the next job until none is left.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let compiler = nfa_compiler();
        let mut built = Vec::new();
        loop {
            let at = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(job) = jobs.get(at) else {
                return built;
            };
            built.push((at, build(&compiler, job)));
        }
    };
    let mut built: Vec<_> = std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut built = work();
        for other in others {
            // A build that panics is a bug: let it go on here.
            built.extend(
                other
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            );
        }
        built
    });
    built.sort_unstable_by_key(|b| b.0);
    built.into_iter().map(|b| b.1).collect()
}

/// The largest automaton (NFA) one DFA is built from: a rule set past it is
/// split over several DFAs, and a rule that alone exceeds it is refused.
const NFA_LIMIT: usize = 32 << 20;

/// The lazy DFA's cache: a DFA whose automaton needs more is split too.
const CACHE_CAPACITY: usize = 16 << 20;

/// The most automaton (NFA) memory a rule set compiles to, all its DFAs
/// together: past it the rules are refused, so that no rule file makes
/// tmkit compile for minutes or take gigabytes.
const TOTAL_LIMIT: usize = 128 << 20;

/// A pattern for the backtracking engine (look-around the automata cannot
/// run, the reference engine, language patterns), its automata held to
/// [`NFA_LIMIT`] like the DFAs': without a limit, a long variable-length
/// lookbehind builds its reverse automaton until memory runs out.
/// Past the limit, the error says so in tmkit's words (the engine's own
/// repeats the whole pattern).
fn backtracking(pattern: &str) -> Result<fancy_regex::Regex, String> {
    fancy_regex::RegexBuilder::new(pattern)
        .delegate_size_limit(NFA_LIMIT)
        .build()
        .map_err(|e| match e {
            fancy_regex::Error::CompileError(compile) => match *compile {
                fancy_regex::CompileError::DfaBuildError(_, why) => format!(
                    "it compiles to more than {} MB of automaton, what tmkit's regex engine takes: shorten its repetition counts or split its alternatives ({why})",
                    NFA_LIMIT >> 20
                ),
                other => fancy_regex::Error::CompileError(Box::new(other)).to_string(),
            },
            other => other.to_string(),
        })
}

/// Why rules could not be compiled: one rule alone exceeds [`NFA_LIMIT`],
/// or the rule set exceeds [`TOTAL_LIMIT`] (at this rule).
enum TooLarge {
    Rule(u32, String),
    Total(u32),
}

/// The patterns of `job` (whose rules are `rules`) in one DFA when it fits
/// the engine's limits, else in halves, recursively, into `out`: each DFA
/// with the range of patterns it holds (from `start`), in order. Compiling
/// and memory stay bounded per DFA whatever the rule set's size: thousands
/// of rules cost more scans per paragraph, not a failure. `built` is the
/// job's first attempt when already made; `total` the automata's memory so
/// far.
fn split(
    compiler: &thompson::Compiler,
    &(patterns, kind, per_pattern): &DfaJob<'_>,
    rules: &[u32],
    start: usize,
    built: Option<Result<Option<DFA>, String>>,
    total: &mut usize,
    out: &mut Vec<(DFA, Range<usize>)>,
) -> Result<(), TooLarge> {
    match built.unwrap_or_else(|| build_dfa(compiler, patterns, kind, per_pattern)) {
        Ok(Some(dfa)) => {
            *total += dfa.get_nfa().memory_usage();
            if *total > TOTAL_LIMIT {
                return Err(TooLarge::Total(rules[patterns.len() - 1]));
            }
            out.push((dfa, start..start + patterns.len()));
        }
        Ok(None) => {}
        Err(message) if patterns.len() == 1 => return Err(TooLarge::Rule(rules[0], message)),
        Err(_) => {
            let mid = patterns.len() / 2;
            let (a, b) = patterns.split_at(mid);
            split(
                compiler,
                &(a, kind, per_pattern),
                &rules[..mid],
                start,
                None,
                total,
                out,
            )?;
            split(
                compiler,
                &(b, kind, per_pattern),
                &rules[mid..],
                start + mid,
                None,
                total,
                out,
            )?;
        }
    }
    Ok(())
}

/// What compiles patterns to the DFAs' automata (NFAs). One serves every
/// DFA a thread builds: its working tables (the UTF-8 automata's caches,
/// about 400 kB) are made on its first use and reused, not made and freed
/// again for each DFA.
fn nfa_compiler() -> thompson::Compiler {
    let mut compiler = thompson::Compiler::new();
    compiler.configure(
        thompson::Config::new()
            .nfa_size_limit(Some(NFA_LIMIT))
            // A DFA reports where matches end, never groups: capture
            // states would only lengthen the automaton.
            .which_captures(thompson::WhichCaptures::None),
    );
    compiler
}

fn build_dfa(
    compiler: &thompson::Compiler,
    patterns: &[Hir],
    kind: MatchKind,
    per_pattern_starts: bool,
) -> Result<Option<DFA>, String> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let nfa = compiler
        .build_many_from_hir(patterns)
        .map_err(|e| e.to_string())?;
    DFA::builder()
        .configure(
            DFA::config()
                .match_kind(kind)
                .starts_for_each_pattern(per_pattern_starts)
                .cache_capacity(CACHE_CAPACITY),
        )
        .build_from_nfa(nfa)
        .map(Some)
        .map_err(|e| e.to_string())
}

/// Calls `found(end, pattern)` for every position where a match of some
/// pattern ends, overlapping matches included: one pass of the lazy DFA.
fn ends_of_matches(
    dfa: &DFA,
    cache: &mut Cache,
    haystack: &str,
    anchored: bool,
    mut found: impl FnMut(usize, PatternID),
) -> Result<(), String> {
    let mut report = |dfa: &DFA, cache: &Cache, sid, end| {
        for k in 0..dfa.match_len(cache, sid) {
            found(end, dfa.match_pattern(cache, sid, k));
        }
    };
    let mode = if anchored {
        Anchored::Yes
    } else {
        Anchored::No
    };
    let input = Input::new(haystack).anchored(mode);
    let mut sid = dfa
        .start_state_forward(cache, &input)
        .map_err(|e| e.to_string())?;
    for (at, &byte) in haystack.as_bytes().iter().enumerate() {
        // Most steps go from a plain state to a plain state by a transition
        // already built: one lookup. Any other (a state to build, a match, a
        // dead or quit state) goes through `next_state`, which gives the
        // same state for a built transition and builds a missing one.
        if !sid.is_tagged() {
            let next = dfa.next_state_untagged(cache, sid, byte);
            if !next.is_tagged() {
                sid = next;
                continue;
            }
        }
        sid = dfa
            .next_state(cache, sid, byte)
            .map_err(|e| e.to_string())?;
        if sid.is_tagged() {
            if sid.is_match() {
                // Matches are reported one byte late: this one ended at `at`.
                report(dfa, cache, sid, at);
            } else if sid.is_dead() {
                return Ok(());
            } else if sid.is_quit() {
                return Err(format!("the DFA gave up at byte {at}"));
            }
        }
    }
    sid = dfa.next_eoi_state(cache, sid).map_err(|e| e.to_string())?;
    if sid.is_match() {
        report(dfa, cache, sid, haystack.len());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rules of a broken fixture, compiled for French.
    fn compile(name: &str) -> RulesError {
        let path = format!(
            "{}/tests/data/segment/err/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(path).unwrap();
        SrxDocument::parse(&text, name)
            .map_err(RulesError::from)
            .and_then(|doc| Segmenter::from_srx(&doc, "fr-FR"))
            .expect_err("a broken file must not compile")
    }

    #[test]
    fn rules_errors_are_told_apart_by_kind_and_placed() {
        let rule = compile("unsupported-construct.srx");
        let RulesErrorKind::Rule { number, side, .. } = rule.kind() else {
            panic!("{rule:?}");
        };
        assert_eq!((*number, *side), (2, "beforebreak"));
        assert_eq!(rule.place(), Some(Place::Line(11)));
        let none = compile("no-rules-for-language.srx");
        assert!(matches!(none.kind(), RulesErrorKind::NoRules { .. }));
        assert_eq!(none.place(), None);
        let srx = compile("malformed.srx");
        assert!(matches!(
            srx.kind(),
            RulesErrorKind::Srx(SrxErrorKind::Malformed(_))
        ));
        let at = srx.position().unwrap();
        assert_eq!((at.line(), at.column()), (7, 22));
    }

    #[test]
    fn a_backtracking_rule_too_large_to_compile_is_refused_in_words() {
        // A look-around the automata cannot run goes to the backtracking
        // engine, whose variable-length lookbehind builds a reverse
        // automaton: held to the DFAs' limit, not grown until memory runs
        // out (a fuzz finding).
        let lookbehind = format!("(?<=^{}|^a)x", r#"[^"]{0,250}""#.repeat(150));
        let srx = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  <header segmentsubflows="yes" cascade="yes"/>
  <body>
    <languagerules>
      <languagerule languagerulename="fr">
        <rule break="yes">
          <beforebreak>[.]</beforebreak>
          <afterbreak>{}</afterbreak>
        </rule>
      </languagerule>
    </languagerules>
    <maprules>
      <languagemap languagepattern=".*" languagerulename="fr"/>
    </maprules>
  </body>
</srx>"#,
            lookbehind.replace('<', "&lt;")
        );
        let doc = SrxDocument::parse(&srx, "big.srx").unwrap();
        let error = Segmenter::from_srx(&doc, "fr-FR").expect_err("too large to compile");
        assert_eq!(error.place(), Some(Place::Line(7)));
        let message = error.to_string();
        assert!(
            message.contains("more than 32 MB of automaton"),
            "{message}"
        );
        assert!(message.len() < 1000, "{} bytes", message.len());
    }

    fn required(pattern: &str) -> Option<Vec<u8>> {
        required_bytes(&regex_syntax::Parser::new().parse(pattern).unwrap())
    }

    #[test]
    fn required_bytes_are_those_every_match_holds() {
        // The straight-quote rules: a quote before the optional part.
        let quote = r#"(?:^[^"]{0,250}"[^"]{0,250}(?:"[^"]{0,250}"[^"]{0,250})?)[.?!…]"#;
        assert_eq!(required(quote), Some(vec![b'"']));
        assert_eq!(required(r"^\s*(?:\p{N}{1,3}|\p{L})\."), Some(vec![b'.']));
        assert_eq!(required(r"^(?:a|[bc])x?"), Some(vec![b'a', b'b', b'c']));
        // Optional parts, big classes, a branch without a requirement: none.
        assert_eq!(required(r"^x?"), None);
        assert_eq!(required(r"^\p{Lu}+"), None);
        assert_eq!(required(r"^(?:a|\p{L})"), None);
        assert_eq!(required(r"^[abcd]"), None);
    }

    #[test]
    fn a_paragraph_without_the_required_bytes_is_not_scanned_but_segments_the_same() {
        let seg = Segmenter::builtin("fr-FR").unwrap();
        let scans = seg.before.iter().filter(|s| s.required.is_some()).count();
        assert!(
            scans >= 2,
            "the heading and straight-quote rules have their own scans"
        );
        let para = "Il a dit \"nous partons demain. \" Elle se remarie. 1. Fin.";
        let doc = SrxDocument::parse(BUILTIN_SRX, BUILTIN_ORIGIN).unwrap();
        let reference = Segmenter::from_srx_reference(&doc, "fr-FR").unwrap();
        assert_eq!(seg.segment(para).unwrap(), reference.segment(para).unwrap());
    }
}
