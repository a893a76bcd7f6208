//! Gold alignments and bead scoring.
//!
//! A gold alignment is a TSV file with a header row `line`, `fr`, `en` (tab-separated): one row per
//! bead, `line` the 1-based line (paragraph) in both documents, `fr` and
//! `en` the 1-based sentence numbers in that paragraph, comma-separated, `-`
//! for none. Lines starting with `#` are comments.

use std::collections::HashSet;
use std::ops::Range;

use crate::error::{ErrorKind, Located, Place};

/// A bead located in a document: line and sentence ranges within the
/// paragraph (0-based, end exclusive).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LocatedBead {
    /// 1-based line.
    pub line: usize,
    /// French sentences of the paragraph.
    pub fr: Range<usize>,
    /// English sentences of the paragraph.
    pub en: Range<usize>,
}

/// A gold file that cannot be read: its [kind](GoldErrorKind), the file
/// and the line ([`Place::Line`]).
pub type GoldError = Located<GoldErrorKind>;

/// What is wrong with a gold file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GoldErrorKind {
    /// A row that is not a bead as the module docs describe (what is wrong).
    #[error("{0}")]
    Invalid(String),
}

impl ErrorKind for GoldErrorKind {}

/// The error `message` at line `n + 1` of `origin`.
fn invalid(origin: &str, n: usize, message: String) -> GoldError {
    let line = Place::Line(n as u64 + 1);
    Located::new(origin, Some(line), GoldErrorKind::Invalid(message))
}

fn sentences(field: &str) -> Option<Range<usize>> {
    if field == "-" {
        return Some(0..0);
    }
    let numbers: Vec<usize> = field
        .split(',')
        .map(|n| n.trim().parse().ok().filter(|&n: &usize| n > 0))
        .collect::<Option<_>>()?;
    let first = *numbers.first()?;
    let contiguous = numbers.iter().enumerate().all(|(k, &n)| n == first + k);
    contiguous.then(|| first - 1..first - 1 + numbers.len())
}

/// Parses a gold alignment (see the module docs).
pub fn parse(text: &str, origin: &str) -> Result<Vec<LocatedBead>, GoldError> {
    let mut beads = Vec::new();
    let mut header = false;
    for (n, row) in text.lines().enumerate() {
        let error = |message| invalid(origin, n, message);
        if row.starts_with('#') || row.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = row.split('\t').collect();
        if !header {
            if fields != ["line", "fr", "en"] {
                return Err(error(format!(
                    "expected the header line\tfr\ten, found {row:?}"
                )));
            }
            header = true;
            continue;
        }
        let [line, fr, en] = fields[..] else {
            return Err(error(format!(
                "expected 3 tab-separated fields, found {}",
                fields.len()
            )));
        };
        let line = line
            .parse()
            .map_err(|_| error(format!("line {line:?} is not a number")))?;
        let fr = sentences(fr).ok_or_else(|| {
            error(format!(
                "{fr:?}: expected consecutive sentence numbers or -"
            ))
        })?;
        let en = sentences(en).ok_or_else(|| {
            error(format!(
                "{en:?}: expected consecutive sentence numbers or -"
            ))
        })?;
        beads.push(LocatedBead { line, fr, en });
    }
    Ok(beads)
}

/// Strict bead precision, recall and F1: a predicted bead counts only if
/// the gold has exactly the same bead.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BeadScore {
    /// Beads in the gold.
    pub gold: usize,
    /// Beads predicted.
    pub predicted: usize,
    /// Predicted beads found in the gold.
    pub correct: usize,
}

impl BeadScore {
    /// Compares predicted beads with gold ones.
    pub fn of<T: Eq + std::hash::Hash>(gold: &[T], predicted: &[T]) -> BeadScore {
        let set: HashSet<&T> = gold.iter().collect();
        BeadScore {
            gold: gold.len(),
            predicted: predicted.len(),
            correct: predicted.iter().filter(|b| set.contains(b)).count(),
        }
    }

    /// Precision.
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }

    /// Recall.
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }

    /// F1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// A bead of a whole document: French and English sentence ranges.
pub type SentenceBead = (Range<usize>, Range<usize>);

/// Parses a whole-document gold alignment in the format vecalign and
/// Bleualign evaluations use: one bead per line, `[0,1]:[0]`, 0-based
/// sentence numbers of the source (French) and target sides, `[]` for none.
/// Returns the beads as sentence ranges.
pub fn parse_brackets(text: &str, origin: &str) -> Result<Vec<SentenceBead>, GoldError> {
    let mut beads = Vec::new();
    for (n, row) in text.lines().enumerate() {
        if row.trim().is_empty() {
            continue;
        }
        let error = || {
            let message = format!("expected a bead such as [0,1]:[2], found {row:?}");
            invalid(origin, n, message)
        };
        let side = |s: &str| -> Option<Range<usize>> {
            let inner = s.trim().strip_prefix('[')?.strip_suffix(']')?;
            if inner.trim().is_empty() {
                return Some(0..0);
            }
            let numbers: Vec<usize> = inner
                .split(',')
                .map(|x| x.trim().parse().ok())
                .collect::<Option<_>>()?;
            let first = *numbers.first()?;
            numbers
                .iter()
                .enumerate()
                .all(|(k, &x)| x == first + k)
                .then(|| first..first + numbers.len())
        };
        let (fr, en) = row.split_once(':').ok_or_else(error)?;
        beads.push((side(fr).ok_or_else(error)?, side(en).ok_or_else(error)?));
    }
    Ok(beads)
}
