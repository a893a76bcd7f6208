//! Leverage analysis: how much of new documents a translation memory
//! already covers, in the bands project managers quote from.
//!
//! Last stage of the lookup branch of the flow (segments → matches →
//! analysis → reports): every segment of the documents is looked up in the
//! memory ([`crate::tm::index`]) and counted — segments, words (OmegaT's
//! count, [`crate::tm::score::tokens::word_count`]) and characters — in one
//! [`Band`]: context match (101), repetitions, cross-file repetitions, 100,
//! 95–99, 85–94, 75–84, 50–74, no match, and already translated.
//!
//! Documents are taken in the order given. The first occurrence of a
//! segment (identical text) is counted by its memory match; a later one is
//! a repetition in its own file and a cross-file repetition in a later file.
//! With Trados's precedence (the default) a 100 % or 101 % match is never a
//! repetition; [`Precedence::RepetitionsFirst`] is memoQ's and OmegaT's
//! order. Lookups run on as many threads as asked; the counting that
//! depends on order runs after them, so the result does not depend on the
//! threads.
//!
//! Reports: [`report`] (terminal table, CSV, Trados-shaped XML, HTML).

pub mod report;

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::tm::index::Index;
use crate::tm::score::tokens::word_count;
use crate::tm::score::{Context, Segment};

/// The rows of an analysis, in the order reports list them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Band {
    /// 101 %: identical, and the segments before and after too.
    Context,
    /// A repetition of an earlier segment of the same file.
    Repetition,
    /// A repetition of a segment of an earlier file.
    CrossFileRepetition,
    /// 100 %.
    Exact,
    /// 95–99 %.
    Fuzzy95,
    /// 85–94 %.
    Fuzzy85,
    /// 75–84 %.
    Fuzzy75,
    /// 50–74 %.
    Fuzzy50,
    /// Below 50 %.
    NoMatch,
    /// Already translated (in a partly translated document).
    Translated,
}

impl Band {
    /// Every band, in report order.
    pub(crate) const ALL: [Band; 10] = [
        Band::Context,
        Band::Repetition,
        Band::CrossFileRepetition,
        Band::Exact,
        Band::Fuzzy95,
        Band::Fuzzy85,
        Band::Fuzzy75,
        Band::Fuzzy50,
        Band::NoMatch,
        Band::Translated,
    ];

    /// Its label in reports.
    pub fn label(self) -> &'static str {
        match self {
            Band::Context => "Context match (101%)",
            Band::Repetition => "Repetitions",
            Band::CrossFileRepetition => "Cross-file repetitions",
            Band::Exact => "100%",
            Band::Fuzzy95 => "95-99%",
            Band::Fuzzy85 => "85-94%",
            Band::Fuzzy75 => "75-84%",
            Band::Fuzzy50 => "50-74%",
            Band::NoMatch => "No match",
            Band::Translated => "Already translated",
        }
    }

    /// Its key in CSV files and in `--weights`.
    pub fn key(self) -> &'static str {
        match self {
            Band::Context => "101",
            Band::Repetition => "repetitions",
            Band::CrossFileRepetition => "cross-file",
            Band::Exact => "100",
            Band::Fuzzy95 => "95-99",
            Band::Fuzzy85 => "85-94",
            Band::Fuzzy75 => "75-84",
            Band::Fuzzy50 => "50-74",
            Band::NoMatch => "new",
            Band::Translated => "translated",
        }
    }

    /// The band of a memory match's score.
    pub(crate) fn of_score(percent: u8) -> Band {
        match percent {
            101.. => Band::Context,
            100 => Band::Exact,
            95..=99 => Band::Fuzzy95,
            85..=94 => Band::Fuzzy85,
            75..=84 => Band::Fuzzy75,
            50..=74 => Band::Fuzzy50,
            _ => Band::NoMatch,
        }
    }

    fn index(self) -> usize {
        Band::ALL.iter().position(|&b| b == self).unwrap_or(0)
    }
}

impl std::str::FromStr for Band {
    type Err = String;

    fn from_str(s: &str) -> Result<Band, String> {
        Band::ALL.into_iter().find(|b| b.key() == s).ok_or_else(|| {
            let keys: Vec<&str> = Band::ALL.iter().map(|b| b.key()).collect();
            format!("unknown band {s:?}: use one of {}", keys.join(", "))
        })
    }
}

/// The lower bounds of the memory bands, ascending: an analysis needs the
/// band of a segment's best match, not the score itself.
pub(crate) const BAND_FLOORS: [u8; 6] = [50, 75, 85, 95, 100, 101];

/// Which comes first for a segment seen before that also has a 100 % or
/// 101 % match.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Precedence {
    /// Trados Studio's: the memory match (a 100 % or 101 % match is never a
    /// repetition).
    #[default]
    MemoryFirst,
    /// memoQ's and OmegaT's: every later occurrence is a repetition.
    RepetitionsFirst,
}

/// Segments, words and characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Segments.
    pub segments: u64,
    /// Words, as OmegaT counts them.
    pub words: u64,
    /// Characters (Unicode scalar values, spaces included).
    pub characters: u64,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.segments += other.segments;
        self.words += other.words;
        self.characters += other.characters;
    }
}

/// The counts of each band.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Bands([Counts; 10]);

impl Bands {
    /// One band's counts.
    pub fn get(&self, band: Band) -> Counts {
        self.0[band.index()]
    }

    /// Every band with its counts, in report order.
    pub fn iter(&self) -> impl Iterator<Item = (Band, Counts)> + '_ {
        Band::ALL.into_iter().map(|b| (b, self.get(b)))
    }

    /// The sum over all bands.
    pub fn total(&self) -> Counts {
        let mut total = Counts::default();
        for c in &self.0 {
            total.add(*c);
        }
        total
    }

    fn add(&mut self, band: Band, counts: Counts) {
        self.0[band.index()].add(counts);
    }

    fn add_all(&mut self, other: &Bands) {
        for (band, counts) in other.iter() {
            self.add(band, counts);
        }
    }
}

/// One segment of a document to analyse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnalysedSegment {
    /// Its text.
    pub text: String,
    /// Whether it is translated already.
    pub translated: bool,
    /// 1-based line of its paragraph.
    pub line: usize,
    /// 0-based place in its paragraph.
    pub index: usize,
}

/// Why a document could not be read into segments.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AnalysedDocumentError {
    /// The text could not be read.
    #[error(transparent)]
    Read(#[from] crate::document::ReadError),
    /// Segmentation failed.
    #[error(transparent)]
    Segment(#[from] crate::segment::SegmentError),
}

/// A document to analyse: its name and its segments in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnalysedDocument {
    /// The name reports give it.
    pub name: String,
    /// Its segments, in order (the context of each is the ones around it).
    pub segments: Vec<AnalysedSegment>,
}

impl AnalysedDocument {
    /// A document read paragraph by paragraph and segmented; `translated`
    /// says which lines (1-based) are translated already.
    pub fn read<R: std::io::Read>(
        name: &str,
        paragraphs: crate::document::Paragraphs<R>,
        segmenter: &crate::segment::Segmenter,
        translated: &dyn Fn(usize) -> bool,
    ) -> Result<AnalysedDocument, AnalysedDocumentError> {
        let mut segments = Vec::new();
        for paragraph in paragraphs {
            let paragraph = paragraph?;
            let done = translated(paragraph.line);
            for (index, span) in segmenter.segment(&paragraph.text)?.into_iter().enumerate() {
                segments.push(AnalysedSegment {
                    text: paragraph.text[span].to_string(),
                    translated: done,
                    line: paragraph.line,
                    index,
                });
            }
        }
        Ok(AnalysedDocument {
            name: name.to_string(),
            segments,
        })
    }

    /// The context of segment `i`: the segments before and after it (empty
    /// at the document's edges).
    pub fn context(&self, i: usize) -> Context {
        let text = |j: Option<usize>| {
            j.and_then(|j| self.segments.get(j))
                .map_or_else(String::new, |u| u.text.clone())
        };
        Context {
            before: text(i.checked_sub(1)),
            after: text(Some(i + 1)),
        }
    }
}

/// How an analysis runs.
#[derive(Clone, Debug)]
pub struct AnalysisOptions {
    /// Repetitions or memory matches first.
    pub precedence: Precedence,
    /// Threads for the lookups (at least 1).
    pub threads: usize,
    /// Weights per band for weighted words (missing bands weigh 1).
    pub weights: HashMap<Band, f64>,
}

impl Default for AnalysisOptions {
    fn default() -> AnalysisOptions {
        AnalysisOptions {
            precedence: Precedence::MemoryFirst,
            threads: 1,
            weights: HashMap::new(),
        }
    }
}

/// One document's analysis.
#[derive(Clone, Debug, PartialEq)]
pub struct FileAnalysis {
    /// The document's name.
    pub name: String,
    /// Its counts per band.
    pub bands: Bands,
}

/// The analysis of a set of documents.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    /// Per document, in the order given.
    pub files: Vec<FileAnalysis>,
    /// The weights used for weighted words.
    pub weights: HashMap<Band, f64>,
}

impl Analysis {
    /// The counts over all documents.
    pub fn total(&self) -> Bands {
        let mut total = Bands::default();
        for f in &self.files {
            total.add_all(&f.bands);
        }
        total
    }

    /// The weight of a band (1 when not given).
    pub fn weight(&self, band: Band) -> f64 {
        self.weights.get(&band).copied().unwrap_or(1.0)
    }

    /// Words weighted per band, summed.
    pub fn weighted_words(&self, bands: &Bands) -> f64 {
        bands
            .iter()
            .map(|(b, c)| c.words as f64 * self.weight(b))
            .sum()
    }
}

/// The counts of one segment's text.
pub(crate) fn counts(text: &str) -> Counts {
    Counts {
        segments: 1,
        words: word_count(text) as u64,
        characters: text.chars().count() as u64,
    }
}

/// Analyses `documents` against the memory `index` searches; `progress` is
/// called with (segments looked up, segments to look up) as lookups end.
pub fn analyze(
    documents: &[AnalysedDocument],
    index: &Index<'_>,
    options: &AnalysisOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Analysis {
    // The first occurrence of each text is looked up with its context;
    // translated segments need no lookup.
    let mut first: HashMap<&str, (usize, usize)> = HashMap::new();
    let mut jobs: Vec<(usize, usize)> = Vec::new();
    for (d, document) in documents.iter().enumerate() {
        for (s, unit) in document.segments.iter().enumerate() {
            if !unit.translated && !first.contains_key(unit.text.as_str()) {
                first.insert(&unit.text, (d, s));
                jobs.push((d, s));
            }
        }
    }
    let scores = look_up(documents, index, &jobs, options.threads.max(1), progress);
    let best: HashMap<&str, u8> = jobs
        .iter()
        .zip(&scores)
        .map(|(&(d, s), &score)| (documents[d].segments[s].text.as_str(), score))
        .collect();
    // Then in order: repetitions and bands.
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut searcher = index.searcher();
    let files = documents
        .iter()
        .enumerate()
        .map(|(d, document)| {
            let mut bands = Bands::default();
            for (s, unit) in document.segments.iter().enumerate() {
                let text = unit.text.as_str();
                let band = if unit.translated {
                    Band::Translated
                } else {
                    let earlier = seen.get(text).copied();
                    let is_first = first.get(text) == Some(&(d, s));
                    let mut score = best.get(text).copied().unwrap_or(0);
                    // A later occurrence may be a context match where the
                    // first was not (or the reverse): only its context
                    // tells.
                    if !is_first && score >= 100 {
                        score = searcher
                            .best_band(
                                Segment::plain(text),
                                Some(&document.context(s)),
                                &BAND_FLOORS[4..],
                            )
                            .map_or(0, |s| s.percent);
                    }
                    let memory = Band::of_score(score);
                    let repetition = match earlier {
                        Some(file) if file == d => Some(Band::Repetition),
                        Some(_) => Some(Band::CrossFileRepetition),
                        None => None,
                    };
                    match (repetition, options.precedence) {
                        (Some(r), Precedence::RepetitionsFirst) => r,
                        (Some(_), Precedence::MemoryFirst)
                            if matches!(memory, Band::Context | Band::Exact) =>
                        {
                            memory
                        }
                        (Some(r), Precedence::MemoryFirst) => r,
                        (None, _) => memory,
                    }
                };
                seen.insert(text, d);
                bands.add(band, counts(text));
            }
            FileAnalysis {
                name: document.name.clone(),
                bands,
            }
        })
        .collect();
    Analysis {
        files,
        weights: options.weights.clone(),
    }
}

/// A score in the band of the best match of each job's segment (0 below
/// 50), on `threads` threads.
fn look_up(
    documents: &[AnalysedDocument],
    index: &Index<'_>,
    jobs: &[(usize, usize)],
    threads: usize,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Vec<u8> {
    let done = AtomicUsize::new(0);
    let total = jobs.len();
    let chunk = total.div_ceil(threads).max(1);
    let mut scores = vec![0u8; total];
    std::thread::scope(|scope| {
        for (jobs, out) in jobs.chunks(chunk).zip(scores.chunks_mut(chunk)) {
            let done = &done;
            scope.spawn(move || {
                let mut searcher = index.searcher();
                for (k, (&(d, s), score)) in jobs.iter().zip(out.iter_mut()).enumerate() {
                    let document = &documents[d];
                    let text = &document.segments[s].text;
                    let context = document.context(s);
                    *score = searcher
                        .best_band(Segment::plain(text), Some(&context), &BAND_FLOORS)
                        .map_or(0, |s| s.percent);
                    // Report every 64 segments, and the last.
                    if k % 64 == 63 || k + 1 == jobs.len() {
                        let n = done.fetch_add(k % 64 + 1, Ordering::Relaxed) + k % 64 + 1;
                        progress(n, total);
                    }
                }
            });
        }
    });
    scores
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tm::memory::{Memory, MemoryError};
    use crate::tm::score::Scoring;
    use crate::tm::{Unit, Variant};

    fn memory(pairs: &[(&str, Option<(&str, &str)>)]) -> Memory {
        let mut m = Memory::new("fr-FR", "en-GB");
        let units: Vec<Unit> = pairs
            .iter()
            .enumerate()
            .map(|(i, (fr, context))| {
                let mut u = Unit::new(&i.to_string());
                if let Some((before, after)) = context {
                    u.push_prop("x-context-pre", before);
                    u.push_prop("x-context-post", after);
                }
                u.variants.push(Variant::plain("fr-FR", fr));
                u.variants.push(Variant::plain("en-GB", "EN"));
                u
            })
            .collect();
        m.add_units("m.tmx", 0, units.into_iter().map(Ok::<_, MemoryError>))
            .unwrap();
        m
    }

    fn document(name: &str, segments: &[&str]) -> AnalysedDocument {
        AnalysedDocument {
            name: name.into(),
            segments: segments
                .iter()
                .enumerate()
                .map(|(i, s)| AnalysedSegment {
                    text: s.to_string(),
                    translated: false,
                    line: i + 1,
                    index: 0,
                })
                .collect(),
        }
    }

    fn segments_per_band(a: &Analysis, file: usize) -> Vec<(&'static str, u64)> {
        a.files[file]
            .bands
            .iter()
            .filter(|(_, c)| c.segments > 0)
            .map(|(b, c)| (b.key(), c.segments))
            .collect()
    }

    #[test]
    fn repetitions_and_precedence() {
        let m = memory(&[
            ("Le chat dort.", None),
            ("Il pleut.", Some(("Le chat dort.", ""))),
        ]);
        let index = Index::build(&m, Scoring::Tmkit);
        let docs = [
            document(
                "a.txt",
                &[
                    "Le chat dort.",
                    "Bonjour tout le monde.",
                    "Le chat dort.",
                    "Bonjour tout le monde.",
                ],
            ),
            document(
                "b.txt",
                &["Bonjour tout le monde.", "Le chat dort.", "Il pleut."],
            ),
        ];
        let trados = analyze(&docs, &index, &AnalysisOptions::default(), &|_, _| {});
        assert_eq!(
            segments_per_band(&trados, 0),
            [("repetitions", 1), ("100", 2), ("new", 1)]
        );
        // "Il pleut." after "Le chat dort." at the end of b.txt: context.
        assert_eq!(
            segments_per_band(&trados, 1),
            [("101", 1), ("cross-file", 1), ("100", 1)]
        );
        let options = AnalysisOptions {
            precedence: Precedence::RepetitionsFirst,
            ..AnalysisOptions::default()
        };
        let memoq = analyze(&docs, &index, &options, &|_, _| {});
        assert_eq!(
            segments_per_band(&memoq, 0),
            [("repetitions", 2), ("100", 1), ("new", 1)]
        );
        assert_eq!(
            segments_per_band(&memoq, 1),
            [("101", 1), ("cross-file", 2)]
        );
        assert_eq!(memoq.total().total().segments, 7);
    }

    #[test]
    fn translated_segments_have_their_row_and_threads_change_nothing() {
        let m = memory(&[("Le chat dort.", None)]);
        let index = Index::build(&m, Scoring::Tmkit);
        let mut doc = document("a.txt", &["Le chat dort.", "Le chien dort.", "Il pleut."]);
        doc.segments[2].translated = true;
        let one = analyze(
            std::slice::from_ref(&doc),
            &index,
            &AnalysisOptions::default(),
            &|_, _| {},
        );
        let options = AnalysisOptions {
            threads: 2,
            ..AnalysisOptions::default()
        };
        let two = analyze(&[doc], &index, &options, &|_, _| {});
        assert_eq!(one, two);
        assert_eq!(
            segments_per_band(&one, 0),
            [("100", 1), ("75-84", 1), ("translated", 1)]
        );
        let words = one.files[0].bands.get(Band::Translated).words;
        assert_eq!(words, 2);
    }
}
