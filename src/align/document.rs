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
use crate::document::{Paragraphs, ReadError};
use crate::segment::{SegmentError, Segmenter};
use crate::tm::{Unit, Variant};

/// One paragraph and its sentences as byte spans.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Paragraph {
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
pub struct Document {
    /// The file, for messages.
    pub origin: String,
    /// Its name in unit ids (the file stem).
    pub name: String,
    /// Paragraphs in order; blank lines are empty paragraphs.
    pub paragraphs: Vec<Paragraph>,
}

/// Why a document could not be aligned.
#[derive(Debug, thiserror::Error)]
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

impl Document {
    /// Reads and segments a document, one paragraph per line.
    pub fn segment(path: &Path, segmenter: &Segmenter) -> Result<Document, AlignError> {
        let mut paragraphs = Vec::new();
        for paragraph in Paragraphs::open(path)? {
            let paragraph = paragraph?;
            let spans = segmenter.segment(&paragraph.text)?;
            paragraphs.push(Paragraph {
                line: paragraph.line,
                offset: paragraph.offset,
                text: paragraph.text,
                spans,
            });
        }
        Ok(Document {
            origin: path.display().to_string(),
            name: stem(path),
            paragraphs,
        })
    }

    /// Reads a pre-segmented document: each non-blank line is a sentence,
    /// kept as it is but for the spaces around it; blank lines separate
    /// paragraphs.
    pub fn presegmented(path: &Path) -> Result<Document, AlignError> {
        let mut paragraphs: Vec<Paragraph> = Vec::new();
        let mut open = false;
        for line in Paragraphs::open(path)? {
            let line = line?;
            if line.text.trim().is_empty() {
                open = false;
                continue;
            }
            if !open {
                paragraphs.push(Paragraph {
                    line: line.line,
                    offset: line.offset,
                    ..Paragraph::default()
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
        Ok(Document {
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
pub struct Place {
    /// 1-based line of the paragraph.
    pub line: usize,
    /// 0-based sentence index in the paragraph.
    pub index: usize,
}

/// An aligned bead with its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Aligned {
    /// French sentences.
    pub fr: Vec<Place>,
    /// English sentences.
    pub en: Vec<Place>,
    /// French text: the sentences with the spacing between them as written.
    pub fr_text: String,
    /// English text.
    pub en_text: String,
    /// Score in [0, 1].
    pub score: f64,
    /// Whether a person should check it.
    pub weak: bool,
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
    /// `x-align-bead`, `x-align-score`, `x-align-weak`); a bead with one
    /// side empty gives a unit with one variant.
    pub fn unit(&self, document: &str, fr_lang: &str, en_lang: &str) -> Unit {
        let mut unit = Unit::new(&self.tuid(document));
        unit.push_prop("x-document", document);
        unit.push_prop("x-align-bead", &self.kind().to_string());
        unit.push_prop("x-align-score", &format!("{:.3}", self.score));
        unit.push_prop("x-align-weak", if self.weak { "yes" } else { "no" });
        if !self.fr.is_empty() {
            unit.variants.push(Variant::plain(fr_lang, &self.fr_text));
        }
        if !self.en.is_empty() {
            unit.variants.push(Variant::plain(en_lang, &self.en_text));
        }
        unit
    }

    /// Whether the bead translates something (both sides present).
    pub fn is_pair(&self) -> bool {
        !self.fr.is_empty() && !self.en.is_empty()
    }
}

/// First place where two documents' paragraphs differ, if any.
fn divergence(fr: &Document, en: &Document) -> Option<String> {
    let blank = |p: &Paragraph| p.spans.is_empty();
    for (a, b) in fr.paragraphs.iter().zip(&en.paragraphs) {
        if a.line != b.line {
            return Some(format!(
                "French paragraph at line {} faces English paragraph at line {}",
                a.line, b.line
            ));
        }
        if blank(a) != blank(b) {
            let (full, empty) = if blank(a) {
                ("English", "French")
            } else {
                ("French", "English")
            };
            return Some(format!(
                "line {}: the {full} line has text, the {empty} line is blank",
                a.line
            ));
        }
    }
    let (n, m) = (fr.paragraphs.len(), en.paragraphs.len());
    (n != m).then(|| format!("the French has {n} paragraphs, the English {m}"))
}

/// Where a paragraph was added, dropped, split or joined: the first bead
/// that is not one paragraph for one when the paragraphs themselves are
/// aligned (as Gale and Church aligned paragraphs before sentences).
fn first_unmatched(fr: &Document, en: &Document, aligner: &Aligner) -> Option<String> {
    fn texts(d: &Document) -> Vec<&str> {
        d.paragraphs.iter().map(|p| p.text.as_str()).collect()
    }
    let (fr_texts, en_texts) = (texts(fr), texts(en));
    let bead = aligner
        .align(&fr_texts, &en_texts)
        .into_iter()
        .find(|b| b.fr.len() != 1 || b.en.len() != 1)?;
    let lines = |d: &Document, r: &Range<usize>| -> String {
        let line = |i: usize| d.paragraphs[i].line;
        match r.len() {
            1 => format!("line {}", line(r.start)),
            _ => format!("lines {}–{}", line(r.start), line(r.end - 1)),
        }
    };
    let excerpt = |d: &Document, i: usize| -> String {
        let text = &d.paragraphs[i].text;
        let short: String = text.chars().take(40).collect();
        if short.len() < text.len() {
            format!("“{short}…”")
        } else {
            format!("“{short}”")
        }
    };
    Some(match (bead.fr.len(), bead.en.len()) {
        (0, _) => format!(
            "the English paragraph at {} ({}) has no French counterpart",
            lines(en, &bead.en),
            excerpt(en, bead.en.start)
        ),
        (_, 0) => format!(
            "the French paragraph at {} ({}) has no English counterpart",
            lines(fr, &bead.fr),
            excerpt(fr, bead.fr.start)
        ),
        _ => format!(
            "the French at {} ({}) face the English at {}: a paragraph missing, split or joined",
            lines(fr, &bead.fr),
            excerpt(fr, bead.fr.start),
            lines(en, &bead.en)
        ),
    })
}

/// How the paragraphs of a translation face those of its source, by the
/// translation file convention: one English line per French line; an empty
/// English line facing French text is a paragraph not yet translated; an
/// English file shorter than the French is translated up to its last line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Correspondence {
    /// Translated paragraphs: (French, English) indices into the documents'
    /// `paragraphs`, in order.
    pub pairs: Vec<(usize, usize)>,
    /// French paragraphs with text and no translation yet (indices).
    pub untranslated: Vec<usize>,
}

impl Correspondence {
    /// The correspondence the convention gives, line for line. English
    /// text facing a blank French line, or beyond the French's last line,
    /// is an error naming where the paragraphs stop corresponding.
    pub fn by_lines(
        fr: &Document,
        en: &Document,
        aligner: &Aligner,
    ) -> Result<Correspondence, AlignError> {
        let error = |detail| AlignError::Paragraphs {
            fr: fr.origin.clone(),
            en: en.origin.clone(),
            detail,
        };
        let has_text = |p: &Paragraph| !p.spans.is_empty();
        let mut correspondence = Correspondence::default();
        for (i, french) in fr.paragraphs.iter().enumerate() {
            match en.paragraphs.get(i) {
                Some(english) if has_text(english) && !has_text(french) => {
                    return Err(error(format!(
                        "line {}: the English line has text, the French line is blank",
                        english.line
                    )));
                }
                Some(english) if has_text(english) => correspondence.pairs.push((i, i)),
                _ if has_text(french) => correspondence.untranslated.push(i),
                _ => {}
            }
        }
        let beyond = en.paragraphs.get(fr.paragraphs.len()..).unwrap_or_default();
        if beyond.iter().any(has_text) {
            let (n, m) = (fr.paragraphs.len(), en.paragraphs.len());
            return Err(error(first_unmatched(fr, en, aligner).unwrap_or_else(
                || format!("the French has {n} paragraphs, the English {m}"),
            )));
        }
        Ok(correspondence)
    }
}

/// Aligns the sentences of each paragraph pair on its own (indices into
/// the documents' `paragraphs`): no bead crosses a paragraph.
pub fn align_pairs(
    fr: &Document,
    en: &Document,
    pairs: &[(usize, usize)],
    aligner: &Aligner,
) -> Vec<Aligned> {
    pairs
        .iter()
        .flat_map(|&(i, j)| {
            align_flat(
                std::slice::from_ref(&fr.paragraphs[i]),
                std::slice::from_ref(&en.paragraphs[j]),
                aligner,
            )
        })
        .collect()
}

/// Aligns two documents.
pub fn align_documents(
    fr: &Document,
    en: &Document,
    mode: ParagraphMode,
    aligner: &Aligner,
) -> Result<Vec<Aligned>, AlignError> {
    let diverges = divergence(fr, en);
    match (mode, diverges) {
        (ParagraphMode::Strict, Some(detail)) => Err(AlignError::Paragraphs {
            fr: fr.origin.clone(),
            en: en.origin.clone(),
            detail: if fr.paragraphs.len() == en.paragraphs.len() {
                detail
            } else {
                first_unmatched(fr, en, aligner).unwrap_or(detail)
            },
        }),
        (ParagraphMode::Ignore, _) | (ParagraphMode::Auto, Some(_)) => {
            Ok(align_flat(&fr.paragraphs, &en.paragraphs, aligner))
        }
        (_, None) => {
            let pairs: Vec<(usize, usize)> = (0..fr.paragraphs.len()).map(|i| (i, i)).collect();
            Ok(align_pairs(fr, en, &pairs, aligner))
        }
    }
}

fn flatten(paragraphs: &[Paragraph]) -> Vec<(Place, &Paragraph, Range<usize>)> {
    paragraphs
        .iter()
        .flat_map(|p| {
            p.spans.iter().enumerate().map(move |(index, span)| {
                (
                    Place {
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
fn text_of(sentences: &[(Place, &Paragraph, Range<usize>)]) -> String {
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

fn align_flat(fr: &[Paragraph], en: &[Paragraph], aligner: &Aligner) -> Vec<Aligned> {
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
            weak: bead.is_weak(),
            score: bead.score,
        })
        .collect()
}
