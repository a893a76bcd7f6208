//! Aligning whole documents: a French text and its English translation, each
//! one paragraph per line, or already one sentence per line.
//!
//! When the two documents have the same paragraphs (the workspace's rule:
//! line for line), each paragraph pair is aligned on its own and no bead
//! crosses a paragraph. When they do not, the sentences of the whole
//! documents are aligned in one banded pass ([`ParagraphMode::Auto`]), unless
//! the caller asked for [`ParagraphMode::Strict`], which makes the first
//! divergence an error.

use std::ops::Range;
use std::path::Path;

use super::{Aligner, Bead, BeadKind};
use crate::document::{Paragraphs, ReadError, ReadErrorKind};
use crate::error::{self, Located};
use crate::segment::{SegmentError, Segmenter};
use crate::tm::{Unit, Variant};

/// One paragraph and its sentences as byte spans.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SegmentedParagraph {
    /// 1-based line of the paragraph (of its first sentence when the input
    /// is pre-segmented).
    pub line: usize,
    /// Byte offset of the line in the (NFC) document.
    pub offset: usize,
    /// The text, in NFC.
    pub text: String,
    /// Sentences, as byte ranges of `text`.
    pub spans: Vec<Range<usize>>,
}

/// A document ready to align.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SegmentedDocument {
    /// The file, for messages.
    pub origin: String,
    /// Its name in unit ids (the file stem).
    pub name: String,
    /// Paragraphs in order; blank lines are empty paragraphs.
    pub paragraphs: Vec<SegmentedParagraph>,
}

/// Why a document could not be aligned.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AlignError {
    /// A document could not be read.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// Segmentation failed.
    #[error(transparent)]
    Segment(#[from] SegmentError),
    /// The paragraphs differ and strict paragraph mode was asked for.
    #[error("{fr} and {en} do not correspond paragraph for paragraph: {detail}")]
    Paragraphs {
        /// French file.
        fr: String,
        /// English file.
        en: String,
        /// The first divergence.
        detail: String,
    },
}

/// Refuses, at its line and column, a character the units' TMX cannot
/// carry (a control character other than tab), before any alignment. The
/// column is counted in the paragraph as normalised, whose bytes are not
/// the file's: the place is an [`error::Place::Point`], without a byte.
fn xml_text(path: &Path, line: usize, text: &str) -> Result<(), ReadError> {
    match crate::xml::not_xml_char(text) {
        None => Ok(()),
        Some((at, c)) => {
            let place = error::Place::Point {
                line: line as u64,
                column: text[..at].chars().count() as u64 + 1,
            };
            let message = format!(
                "{} (a translation unit cannot hold it)",
                crate::xml::not_xml_message(c)
            );
            let kind = ReadErrorKind::Character(message);
            Err(Located::new(path.display().to_string(), Some(place), kind))
        }
    }
}

/// How paragraphs constrain the alignment.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ParagraphMode {
    /// Paragraph by paragraph when the documents' paragraphs correspond,
    /// else the whole documents in one pass.
    #[default]
    Auto,
    /// Paragraph by paragraph; an error when the paragraphs differ.
    Strict,
    /// Always the whole documents in one pass.
    Ignore,
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "stdin".to_string())
}

impl SegmentedDocument {
    /// Reads and segments a document, one paragraph per line.
    pub fn segment(path: &Path, segmenter: &Segmenter) -> Result<SegmentedDocument, AlignError> {
        let mut paragraphs = Vec::new();
        for paragraph in Paragraphs::open(path)? {
            let paragraph = paragraph?;
            xml_text(path, paragraph.line, &paragraph.text)?;
            let spans = segmenter.segment(&paragraph.text)?;
            paragraphs.push(SegmentedParagraph {
                line: paragraph.line,
                offset: paragraph.offset,
                text: paragraph.text,
                spans,
            });
        }
        Ok(SegmentedDocument {
            origin: path.display().to_string(),
            name: stem(path),
            paragraphs,
        })
    }

    /// Reads a pre-segmented document: each non-blank line is a sentence,
    /// kept as it is but for the spaces around it; blank lines separate
    /// paragraphs.
    pub fn presegmented(path: &Path) -> Result<SegmentedDocument, AlignError> {
        let mut paragraphs: Vec<SegmentedParagraph> = Vec::new();
        let mut open = false;
        for line in Paragraphs::open(path)? {
            let line = line?;
            xml_text(path, line.line, &line.text)?;
            if line.text.trim().is_empty() {
                open = false;
                continue;
            }
            if !open {
                paragraphs.push(SegmentedParagraph {
                    line: line.line,
                    offset: line.offset,
                    ..SegmentedParagraph::default()
                });
                open = true;
            }
            let p = paragraphs.last_mut().expect("a paragraph was just opened");
            // Sentences of a bead are joined as running text, with a space,
            // and without the spaces around a line (as segmenting trims).
            if !p.text.is_empty() {
                p.text.push(' ');
            }
            let start = p.text.len();
            p.text
                .push_str(&line.text[crate::text::trim_span(&line.text, 0..line.text.len())]);
            p.spans.push(start..p.text.len());
        }
        Ok(SegmentedDocument {
            origin: path.display().to_string(),
            name: stem(path),
            paragraphs,
        })
    }

    /// Number of sentences.
    pub fn sentences(&self) -> usize {
        self.paragraphs.iter().map(|p| p.spans.len()).sum()
    }
}

/// A sentence's place: paragraph line and 0-based index in the paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SentencePlace {
    /// 1-based line of the paragraph.
    pub line: usize,
    /// 0-based sentence index in the paragraph.
    pub index: usize,
}

/// An aligned bead with its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Aligned {
    /// French sentences.
    pub fr: Vec<SentencePlace>,
    /// English sentences.
    pub en: Vec<SentencePlace>,
    /// French text: the sentences with the spacing between them as written.
    pub fr_text: String,
    /// English text.
    pub en_text: String,
    /// Score in [0, 1].
    pub score: f64,
    /// Probability in [0, 1] ([`crate::align::Bead::probability`]), when
    /// the aligner gives one.
    pub probability: Option<f64>,
    /// Why a person should check it before it is used, if they should.
    pub check: Option<Check>,
    /// The French sentences just before and just after the bead in the
    /// document (empty at its edges); `None` for a bead without French.
    pub context: Option<(String, String)>,
}

/// Why a bead is flagged: a person should check it before it is used, and
/// it never fills a CAT tool's segments by itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Check {
    /// A sentence without counterpart (a 1-0 or 0-1 bead).
    Alone,
    /// A side takes sentences of two paragraphs: paragraphs that do not
    /// correspond, where a sentence left out is easily taken in.
    AcrossParagraphs,
    /// Its score is below [`crate::align::WEAK_SCORE`].
    LowScore,
    /// Its probability is below [`crate::align::WEAK_PROBABILITY`]: other
    /// alignments of its sentences are nearly as likely.
    Uncertain,
    /// A sentence without counterpart is next to it
    /// ([`crate::align::Bead::beside_alone`]): that sentence may belong to
    /// it, or the alignment lost its way there.
    BesideAlone,
}

impl Check {
    /// What it means, for people and for the `x-align-check` prop.
    pub fn as_str(self) -> &'static str {
        match self {
            Check::Alone => "no counterpart",
            Check::AcrossParagraphs => "across paragraphs",
            Check::LowScore => "low score",
            Check::Uncertain => "uncertain",
            Check::BesideAlone => "next to a sentence alone",
        }
    }
}

impl Aligned {
    /// The bead's type.
    pub fn kind(&self) -> BeadKind {
        BeadKind(self.fr.len(), self.en.len())
    }

    /// A stable id from the document and sentence positions:
    /// `NAME:LINE:FIRST[-LAST]` for the French side (1-based), or
    /// `NAME:LINE:en FIRST[-LAST]` for English-only beads.
    pub fn tuid(&self, document: &str) -> String {
        let (places, prefix) = if self.fr.is_empty() {
            (&self.en, "en")
        } else {
            (&self.fr, "")
        };
        let first = places[0];
        let last = places[places.len() - 1];
        let mut id = format!("{document}:{}:{prefix}{}", first.line, first.index + 1);
        if last != first {
            if last.line == first.line {
                id.push_str(&format!("-{}", last.index + 1));
            } else {
                id.push_str(&format!("-{}:{}", last.line, last.index + 1));
            }
        }
        id
    }

    /// The bead as a translation unit with its props (`x-document`,
    /// `x-align-bead`, `x-align-score`, `x-align-probability` when there is
    /// one, `x-align-weak`, `x-align-check`, and the French sentences around
    /// it as `x-context-pre` and `x-context-post`, as memoQ writes context,
    /// for context matches); a bead with one side empty gives a unit with
    /// one variant.
    pub fn unit(&self, document: &str, fr_lang: &str, en_lang: &str) -> Unit {
        let mut unit = Unit::new(&self.tuid(document));
        unit.push_prop("x-document", document);
        unit.push_prop("x-align-bead", &self.kind().to_string());
        unit.push_prop("x-align-score", &format!("{:.3}", self.score));
        if let Some(p) = self.probability {
            unit.push_prop("x-align-probability", &format!("{p:.3}"));
        }
        unit.push_prop("x-align-weak", if self.weak() { "yes" } else { "no" });
        if let Some(check) = self.check {
            unit.push_prop("x-align-check", check.as_str());
        }
        if let Some((before, after)) = &self.context {
            unit.push_prop("x-context-pre", before);
            unit.push_prop("x-context-post", after);
        }
        if !self.fr.is_empty() {
            unit.variants.push(Variant::plain(fr_lang, &self.fr_text));
        }
        if !self.en.is_empty() {
            unit.variants.push(Variant::plain(en_lang, &self.en_text));
        }
        unit
    }

    /// Whether a person should check it ([`Aligned::check`]).
    pub fn weak(&self) -> bool {
        self.check.is_some()
    }

    /// Whether the bead translates something (both sides present).
    pub fn is_pair(&self) -> bool {
        !self.fr.is_empty() && !self.en.is_empty()
    }
}

/// Lines as `line 4` or `lines 4–6, 9`: runs of consecutive lines joined.
pub fn lines(lines: &[usize]) -> String {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &line in lines {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == line => *end = line,
            _ => runs.push((line, line)),
        }
    }
    let runs: Vec<String> = runs
        .iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}–{b}")
            }
        })
        .collect();
    let word = if lines.len() == 1 { "line" } else { "lines" };
    format!("{word} {}", runs.join(", "))
}

/// The first words of a paragraph, quoted, for messages.
fn excerpt(paragraph: &SegmentedParagraph) -> String {
    const WORDS: usize = 6;
    let text = paragraph.text.trim();
    let words: Vec<&str> = text.split_whitespace().take(WORDS + 1).collect();
    if words.len() > WORDS {
        format!("“{} …”", words[..WORDS].join(" "))
    } else {
        format!("“{text}”")
    }
}

/// `line 4 (“…”)` or `lines 4–5 (“…”)`: where paragraphs are, with the
/// first words of the first.
fn place(d: &SegmentedDocument, indices: &[usize]) -> String {
    let line = |i: usize| d.paragraphs[i].line;
    let (first, last) = (indices[0], indices[indices.len() - 1]);
    let lines = if first == last {
        format!("line {}", line(first))
    } else {
        format!("lines {}–{}", line(first), line(last))
    };
    format!("{lines} ({})", excerpt(&d.paragraphs[first]))
}

/// Paragraphs that translate each other: one French and one English (a
/// pair, aligned on its own), or a stretch where paragraphs were joined,
/// split, moved or left out, aligned as a whole. Indices into the
/// documents' `paragraphs`, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Group {
    /// French paragraphs.
    pub fr: Vec<usize>,
    /// English paragraphs.
    pub en: Vec<usize>,
}

impl Group {
    /// One French paragraph facing one English paragraph.
    pub fn is_pair(&self) -> bool {
        self.fr.len() == 1 && self.en.len() == 1
    }
}

/// How the paragraphs of a translation face those of its source, by the
/// translation file convention: one English line per French line; an empty
/// English line facing French text is a paragraph not yet translated; an
/// English file shorter than the French is translated up to its last line.
/// Anything else (paragraphs joined, split, moved or left out) is found by
/// aligning the paragraphs themselves, whatever the line counts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Correspondence {
    /// The translated paragraphs, in order.
    pub groups: Vec<Group>,
    /// French paragraphs with text and no translation (indices).
    pub untranslated: Vec<usize>,
    /// The first place where the paragraphs stop corresponding line for
    /// line, said for people; none when they keep to the convention.
    pub divergence: Option<String>,
}

impl Correspondence {
    /// The paragraphs of `fr` and `en` aligned with each other
    /// ([`Aligner::align_paragraphs`]) and checked against the convention.
    pub fn by_lines(
        fr: &SegmentedDocument,
        en: &SegmentedDocument,
        aligner: &Aligner,
    ) -> Correspondence {
        let with_text = |d: &SegmentedDocument| -> Vec<usize> {
            (0..d.paragraphs.len())
                .filter(|&i| !d.paragraphs[i].spans.is_empty())
                .collect()
        };
        let (f, e) = (with_text(fr), with_text(en));
        let mut c = Correspondence::default();
        if e.is_empty() {
            c.untranslated = f;
            return c;
        }
        let texts = |d: &SegmentedDocument, at: &[usize]| -> Vec<(usize, String)> {
            at.iter()
                .map(|&i| (d.paragraphs[i].line, d.paragraphs[i].text.clone()))
                .collect()
        };
        let beads = aligner.align_paragraphs(&texts(fr, &f), &texts(en, &e));
        let line = |d: &SegmentedDocument, i: usize| d.paragraphs[i].line;
        // The kind of each paragraph bead: kept as pairs, left
        // untranslated, or part of a stretch.
        #[derive(Clone, Copy, PartialEq)]
        enum Role {
            Pairs,
            Untranslated,
            Stretch,
        }
        let roles: Vec<Role> = beads
            .iter()
            .map(|b| {
                let (bf, be) = (&f[b.fr.clone()], &e[b.en.clone()]);
                let same_lines = bf.len() == be.len()
                    && bf.iter().zip(be).all(|(&i, &j)| line(fr, i) == line(en, j));
                if b.fr.len() == 1 && b.en.len() == 1 || same_lines && !bf.is_empty() {
                    Role::Pairs
                } else if b.en.is_empty() {
                    Role::Untranslated
                } else {
                    Role::Stretch
                }
            })
            .collect();
        let english_at = |line: usize| {
            en.paragraphs
                .iter()
                .find(|p| p.line == line)
                .is_some_and(|p| !p.spans.is_empty())
        };
        let mut open: Option<Group> = None;
        for (k, b) in beads.iter().enumerate() {
            let (bf, be) = (&f[b.fr.clone()], &e[b.en.clone()]);
            // A French paragraph left out next to English without
            // counterpart: one replaced by the other, aligned together.
            let beside_english_alone = |k: Option<usize>| {
                k.and_then(|k| beads.get(k))
                    .is_some_and(|b| b.fr.is_empty() && !b.en.is_empty())
            };
            let mut role = roles[k];
            if role == Role::Untranslated
                && (beside_english_alone(k.checked_sub(1)) || beside_english_alone(Some(k + 1)))
            {
                role = Role::Stretch;
            }
            if role != Role::Stretch
                && let Some(group) = open.take()
            {
                c.groups.push(group);
            }
            match role {
                Role::Pairs => {
                    for (&i, &j) in bf.iter().zip(be) {
                        c.groups.push(Group {
                            fr: vec![i],
                            en: vec![j],
                        });
                    }
                }
                Role::Untranslated => c.untranslated.extend(bf),
                Role::Stretch => {
                    let group = open.get_or_insert_with(Group::default);
                    group.fr.extend(bf);
                    group.en.extend(be);
                }
            }
            if c.divergence.is_some() {
                continue;
            }
            let lines_differ = |(i, j): (&usize, &usize)| line(fr, *i) != line(en, *j);
            c.divergence = match (bf.len(), be.len()) {
                (1, 0) if english_at(line(fr, bf[0])) => Some(format!(
                    "the French paragraph at {} has no English counterpart: left out, or moved",
                    place(fr, bf)
                )),
                (_, 0) => None,
                (0, _) => Some(format!(
                    "the English paragraph at {} has no French counterpart: added, or moved",
                    place(en, be)
                )),
                (1, 1) if lines_differ((&bf[0], &be[0])) => Some(format!(
                    "the French paragraph at {} faces the English paragraph at {}",
                    place(fr, bf),
                    place(en, be)
                )),
                (x, y) if x == y && bf.iter().zip(be).any(lines_differ) => Some(format!(
                    "the French paragraphs at {} face the English paragraphs at {}",
                    place(fr, bf),
                    place(en, be)
                )),
                (x, y) if x > y => Some(format!(
                    "the French paragraphs at {} are translated together, by the English at {}: joined",
                    place(fr, bf),
                    place(en, be)
                )),
                (x, y) if x < y => Some(format!(
                    "the French at {} is translated by the English paragraphs at {}: split",
                    place(fr, bf),
                    place(en, be)
                )),
                _ => None,
            };
        }
        if let Some(group) = open {
            c.groups.push(group);
        }
        c.untranslated.sort_unstable();
        c
    }

    /// The French paragraphs translated.
    pub(crate) fn translated(&self) -> usize {
        self.groups.iter().map(|g| g.fr.len()).sum()
    }

    /// The first paragraph that does not correspond line for line, or the
    /// first one not translated: what strict paragraph mode refuses.
    pub(crate) fn strict_error(
        &self,
        fr: &SegmentedDocument,
        en: &SegmentedDocument,
    ) -> Option<String> {
        if let Some(d) = &self.divergence {
            return Some(d.clone());
        }
        let &first = self.untranslated.first()?;
        let line = fr.paragraphs[first].line;
        let stops = en
            .paragraphs
            .iter()
            .rposition(|p| !p.spans.is_empty())
            .map(|i| en.paragraphs[i].line);
        Some(match stops {
            Some(last) if last < line => format!(
                "the French paragraph at {} is not translated: the English stops at line {last}",
                place(fr, &[first])
            ),
            _ => format!(
                "the French paragraph at {} is not translated: its English line is empty",
                place(fr, &[first])
            ),
        })
    }
}

/// Aligns the sentences of each group on its own (a pair paragraph by
/// paragraph, a stretch as a whole), in order: no bead crosses a group.
pub fn align_groups(
    fr: &SegmentedDocument,
    en: &SegmentedDocument,
    groups: &[Group],
    aligner: &Aligner,
) -> Vec<Aligned> {
    // A stretch takes the length ratio of the paragraph pairs: its own
    // may count a paragraph left out.
    let chars = |d: &SegmentedDocument, at: &[usize]| -> usize {
        at.iter()
            .map(|&i| {
                d.paragraphs[i]
                    .text
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .count()
            })
            .sum()
    };
    let (mut fr_chars, mut en_chars) = (0, 0);
    for g in groups.iter().filter(|g| g.is_pair()) {
        fr_chars += chars(fr, &g.fr);
        en_chars += chars(en, &g.en);
    }
    let stretches = Aligner {
        ratio: (fr_chars > 200 && en_chars > 200)
            .then(|| (en_chars as f64 / fr_chars as f64).clamp(0.75, 1.25)),
        ..aligner.clone()
    };
    let beads = groups
        .iter()
        .flat_map(|g| {
            let pick = |d: &'_ SegmentedDocument, at: &[usize]| -> Vec<SegmentedParagraph> {
                at.iter().map(|&i| d.paragraphs[i].clone()).collect()
            };
            let aligner = if g.is_pair() { aligner } else { &stretches };
            align_flat(&pick(fr, &g.fr), &pick(en, &g.en), aligner)
        })
        .collect();
    with_context(fr, beads)
}

/// Sets each bead's context: the French sentences of the whole document
/// just before and after it (its paragraphs translated or not).
fn with_context(fr: &SegmentedDocument, mut beads: Vec<Aligned>) -> Vec<Aligned> {
    let sentences: Vec<(SentencePlace, &str)> = fr
        .paragraphs
        .iter()
        .flat_map(|p| {
            p.spans.iter().enumerate().map(move |(index, s)| {
                (
                    SentencePlace {
                        line: p.line,
                        index,
                    },
                    &p.text[s.clone()],
                )
            })
        })
        .collect();
    let at = |place: &SentencePlace| sentences.binary_search_by(|(p, _)| p.cmp(place)).ok();
    let text = |i: Option<usize>| {
        i.and_then(|i| sentences.get(i))
            .map_or_else(String::new, |(_, s)| (*s).to_string())
    };
    for bead in &mut beads {
        let (Some(first), Some(last)) = (bead.fr.first(), bead.fr.last()) else {
            continue;
        };
        if let (Some(i), Some(j)) = (at(first), at(last)) {
            bead.context = Some((text(i.checked_sub(1)), text(Some(j + 1))));
        }
    }
    beads
}

/// Two documents aligned: the beads, and how their paragraphs correspond
/// (none when they were aligned whole, [`ParagraphMode::Ignore`]).
#[derive(Clone, Debug)]
pub struct Alignment {
    /// The beads, in order.
    pub beads: Vec<Aligned>,
    /// How the paragraphs correspond.
    pub correspondence: Option<Correspondence>,
}

/// Aligns two documents.
pub fn align_documents(
    fr: &SegmentedDocument,
    en: &SegmentedDocument,
    mode: ParagraphMode,
    aligner: &Aligner,
) -> Result<Alignment, AlignError> {
    if mode == ParagraphMode::Ignore {
        return Ok(Alignment {
            beads: with_context(fr, align_flat(&fr.paragraphs, &en.paragraphs, aligner)),
            correspondence: None,
        });
    }
    let c = Correspondence::by_lines(fr, en, aligner);
    if mode == ParagraphMode::Strict
        && let Some(detail) = c.strict_error(fr, en)
    {
        return Err(AlignError::Paragraphs {
            fr: fr.origin.clone(),
            en: en.origin.clone(),
            detail,
        });
    }
    Ok(Alignment {
        beads: align_groups(fr, en, &c.groups, aligner),
        correspondence: Some(c),
    })
}

fn flatten(
    paragraphs: &[SegmentedParagraph],
) -> Vec<(SentencePlace, &SegmentedParagraph, Range<usize>)> {
    paragraphs
        .iter()
        .flat_map(|p| {
            p.spans.iter().enumerate().map(move |(index, span)| {
                (
                    SentencePlace {
                        line: p.line,
                        index,
                    },
                    p,
                    span.clone(),
                )
            })
        })
        .collect()
}

/// The text of consecutive sentences: one slice of the paragraph when they
/// share it (spacing kept), else the paragraphs' slices joined by a space.
fn text_of(sentences: &[(SentencePlace, &SegmentedParagraph, Range<usize>)]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < sentences.len() {
        let (place, paragraph, span) = &sentences[i];
        let mut end = span.end;
        let mut j = i + 1;
        while j < sentences.len() && sentences[j].0.line == place.line {
            end = sentences[j].2.end;
            j += 1;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&paragraph.text[span.start..end]);
        i = j;
    }
    out
}

/// Why a bead of sentences `fr` and `en` should be checked, if it should.
fn check(
    bead: &Bead,
    fr: &[(SentencePlace, &SegmentedParagraph, Range<usize>)],
    en: &[(SentencePlace, &SegmentedParagraph, Range<usize>)],
) -> Option<Check> {
    let across = |side: &[(SentencePlace, &SegmentedParagraph, Range<usize>)]| {
        side.windows(2).any(|w| w[0].0.line != w[1].0.line)
    };
    if bead.fr.is_empty() || bead.en.is_empty() {
        Some(Check::Alone)
    } else if across(&fr[bead.fr.clone()]) || across(&en[bead.en.clone()]) {
        Some(Check::AcrossParagraphs)
    } else if bead.score < crate::align::WEAK_SCORE {
        Some(Check::LowScore)
    } else if bead.is_uncertain() {
        Some(Check::Uncertain)
    } else if bead.beside_alone {
        Some(Check::BesideAlone)
    } else {
        None
    }
}

fn align_flat(
    fr: &[SegmentedParagraph],
    en: &[SegmentedParagraph],
    aligner: &Aligner,
) -> Vec<Aligned> {
    let fr = flatten(fr);
    let en = flatten(en);
    let fr_texts: Vec<&str> = fr.iter().map(|(_, p, s)| &p.text[s.clone()]).collect();
    let en_texts: Vec<&str> = en.iter().map(|(_, p, s)| &p.text[s.clone()]).collect();
    aligner
        .align(&fr_texts, &en_texts)
        .into_iter()
        .map(|bead: Bead| Aligned {
            fr: fr[bead.fr.clone()].iter().map(|s| s.0).collect(),
            en: en[bead.en.clone()].iter().map(|s| s.0).collect(),
            fr_text: text_of(&fr[bead.fr.clone()]),
            en_text: text_of(&en[bead.en.clone()]),
            check: check(&bead, &fr, &en),
            score: bead.score,
            context: None,
            probability: bead.probability,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_character_a_unit_cannot_hold_is_placed_by_line_and_column_without_a_byte() {
        let e = xml_text(Path::new("a.txt"), 2, "Amélie\u{7}").unwrap_err();
        assert!(matches!(e.kind(), ReadErrorKind::Character(_)));
        let place = error::Place::Point { line: 2, column: 7 };
        assert_eq!((e.place(), e.position()), (Some(place), None));
        assert!(
            e.to_string()
                .starts_with("a.txt:2:7: control character U+0007")
        );
    }
}
