//! Segmentation output: plain text, TSV and JSON Lines.
//!
//! - `text`: one segment per line, a blank line between paragraphs: what a
//!   translator reads, and what `../shared/tools/seg-eval` scores.
//! - `tsv`: a header row, then `document paragraph segment start end text`,
//!   one row per segment; `start`/`end` are byte offsets into the (NFC)
//!   document, `paragraph` is its line number. In `text`, a backslash, tab,
//!   CR or LF is written `\\`, `\t`, `\r`, `\n`, so every row is one line.
//! - `jsonl`: the same fields as one JSON object per line.

use std::io::{self, Write};
use std::ops::Range;
use std::str::FromStr;

use serde::Serialize;

use crate::document::{Paragraph, Paragraphs, ReadError};
use crate::segment::{SegmentError, Segmenter};

/// An output format for segments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SegmentFormat {
    /// One segment per line, a blank line between paragraphs.
    Text,
    /// Tab-separated rows with offsets.
    Tsv,
    /// One JSON object per segment.
    Jsonl,
}

impl FromStr for SegmentFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "text" => Ok(SegmentFormat::Text),
            "tsv" => Ok(SegmentFormat::Tsv),
            "jsonl" => Ok(SegmentFormat::Jsonl),
            _ => Err(format!("unknown format {s:?} (text, tsv or jsonl)")),
        }
    }
}

#[derive(Serialize)]
struct Record<'a> {
    document: &'a str,
    paragraph: usize,
    segment: usize,
    start: usize,
    end: usize,
    text: &'a str,
}

/// Writes segments paragraph by paragraph in one [`SegmentFormat`].
///
/// The text format gathers the segments of many paragraphs and hands them
/// to the output 256 KiB at a time: a `BufWriter` no larger passes writes
/// that large straight through instead of copying them into its buffer.
/// What is gathered is written by [`SegmentWriter::finish`], or when the
/// writer is dropped (an error part-way: the output then holds every
/// paragraph before it, as with a `BufWriter`).
pub struct SegmentWriter<W: Write> {
    /// `None` once [`SegmentWriter::finish`] has taken it.
    out: Option<W>,
    format: SegmentFormat,
    started: bool,
    wrote_segments: bool,
    /// Segments of the text format not yet handed to `out`.
    pending: Vec<u8>,
}

/// Bytes of text-format output gathered before they are written: at least
/// the capacity of the `BufWriter`s the CLI writes through (256 KiB).
const PENDING: usize = 256 * 1024;

impl<W: Write> SegmentWriter<W> {
    /// A writer; the TSV header is written with the first paragraph.
    pub fn new(out: W, format: SegmentFormat) -> Self {
        SegmentWriter {
            out: Some(out),
            format,
            started: false,
            wrote_segments: false,
            pending: Vec::new(),
        }
    }

    /// The output, until [`SegmentWriter::finish`] takes it.
    fn out(&mut self) -> &mut W {
        self.out
            .as_mut()
            .expect("a SegmentWriter is not used after finish")
    }

    /// Hands the gathered segments to the output.
    fn write_pending(&mut self) -> io::Result<()> {
        if let Some(out) = &mut self.out
            && !self.pending.is_empty()
        {
            // Whether or not it fails, it is not written again (when the
            // writer is dropped after an error).
            let written = out.write_all(&self.pending);
            self.pending.clear();
            written?;
        }
        Ok(())
    }

    /// Writes the segments `spans` of one paragraph of `document`.
    pub fn paragraph(
        &mut self,
        document: &str,
        paragraph: &Paragraph,
        spans: &[Range<usize>],
    ) -> io::Result<()> {
        self.segments(
            document,
            paragraph.line,
            paragraph.offset,
            &paragraph.text,
            spans,
        )
    }

    /// Writes the segments `spans` of the paragraph `text`, at `line` and
    /// byte `offset` of `document`: [`SegmentWriter::paragraph`] for a
    /// paragraph already segmented.
    pub fn segments(
        &mut self,
        document: &str,
        line: usize,
        offset: usize,
        text: &str,
        spans: &[Range<usize>],
    ) -> io::Result<()> {
        let first = !self.started;
        if first {
            self.started = true;
            if self.format == SegmentFormat::Tsv {
                self.out()
                    .write_all(b"document\tparagraph\tsegment\tstart\tend\ttext\n")?;
            }
        }
        if spans.is_empty() {
            return Ok(());
        }
        match self.format {
            SegmentFormat::Text => {
                if self.wrote_segments {
                    self.pending.push(b'\n');
                }
                for span in spans {
                    self.pending
                        .extend_from_slice(text[span.clone()].as_bytes());
                    self.pending.push(b'\n');
                }
                self.wrote_segments = true;
                if self.pending.len() >= PENDING {
                    self.write_pending()?;
                }
            }
            SegmentFormat::Tsv => {
                for (n, span) in spans.iter().enumerate() {
                    writeln!(
                        self.out(),
                        "{}\t{}\t{}\t{}\t{}\t{}",
                        escape_cell(document),
                        line,
                        n + 1,
                        offset + span.start,
                        offset + span.end,
                        escape_cell(&text[span.clone()]),
                    )?;
                }
            }
            SegmentFormat::Jsonl => {
                for (n, span) in spans.iter().enumerate() {
                    let record = Record {
                        document,
                        paragraph: line,
                        segment: n + 1,
                        start: offset + span.start,
                        end: offset + span.end,
                        text: &text[span.clone()],
                    };
                    let out = self.out();
                    serde_json::to_writer(&mut *out, &record)?;
                    out.write_all(b"\n")?;
                }
            }
        }
        Ok(())
    }

    /// Writes what is gathered, flushes and returns the inner writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.write_pending()?;
        self.out().flush()?;
        Ok(self.out.take().expect("the output is there until finish"))
    }
}

impl<W: Write> Drop for SegmentWriter<W> {
    fn drop(&mut self) {
        // As a `BufWriter` does: an error here has no one to go to.
        let _ = self.write_pending();
    }
}

fn escape_cell(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(['\\', '\t', '\r', '\n']) {
        return s.into();
    }
    s.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\r', "\\r")
        .replace('\n', "\\n")
        .into()
}

/// What [`write_document`] saw.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DocumentStats {
    /// Lines read (blank ones included).
    pub paragraphs: usize,
    /// Segments written.
    pub segments: usize,
    /// Lines that NFC normalisation changed.
    pub normalized: usize,
    /// Bytes of text read.
    pub bytes: usize,
}

/// Why a document could not be segmented.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DocumentError {
    /// The input.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// A rule failed.
    #[error(transparent)]
    Segment(#[from] SegmentError),
    /// The output.
    #[error("cannot write the output: {0}")]
    Write(#[from] io::Error),
}

/// Segments a whole document, streaming: the paragraphs are read in blocks
/// and segmented where they lie, so memory is bounded by the longest one and
/// nothing is allocated or copied per paragraph.
pub fn write_document<R: io::Read, W: Write>(
    mut paragraphs: Paragraphs<R>,
    document: &str,
    segmenter: &Segmenter,
    writer: &mut SegmentWriter<W>,
) -> Result<DocumentStats, DocumentError> {
    let mut stats = DocumentStats::default();
    let mut spans = Vec::new();
    while let Some(paragraph) = paragraphs.next_paragraph()? {
        segmenter.segment_into(paragraph.text, &mut spans)?;
        writer.segments(
            document,
            paragraph.line,
            paragraph.offset,
            paragraph.text,
            &spans,
        )?;
        stats.paragraphs += 1;
        stats.segments += spans.len();
        stats.normalized += usize::from(paragraph.normalized);
        stats.bytes += paragraph.text.len();
    }
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes each of `paragraphs` as one segment in the text format.
    fn write_each<W: Write>(writer: &mut SegmentWriter<W>, paragraphs: &[String]) {
        for (i, p) in paragraphs.iter().enumerate() {
            let whole = 0..p.len();
            writer
                .segments("d", i + 1, 0, p, std::slice::from_ref(&whole))
                .unwrap();
        }
    }

    /// The text format of `paragraphs`, each one segment.
    fn expected(paragraphs: &[String]) -> Vec<u8> {
        format!("{}\n", paragraphs.join("\n\n")).into_bytes()
    }

    #[test]
    fn text_output_past_the_gathered_size_is_every_paragraph_in_order() {
        let paragraphs: Vec<String> = (0..40_000).map(|i| format!("Phrase {i}.")).collect();
        let mut out = Vec::new();
        let mut writer = SegmentWriter::new(&mut out, SegmentFormat::Text);
        write_each(&mut writer, &paragraphs);
        writer.finish().unwrap();
        assert!(out.len() > PENDING);
        assert_eq!(out, expected(&paragraphs));
    }

    #[test]
    fn a_writer_dropped_part_way_has_written_every_paragraph_given_it() {
        // As when reading fails part-way: the output holds what came before.
        let paragraphs = ["Un.".to_string(), "Deux.".to_string()];
        let mut out = Vec::new();
        write_each(
            &mut SegmentWriter::new(&mut out, SegmentFormat::Text),
            &paragraphs,
        );
        assert_eq!(out, expected(&paragraphs));
    }
}
