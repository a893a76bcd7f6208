//! tmkit: a French→English translation workspace toolkit.
//!
//! A workspace holds French source documents, their English reference
//! translations and a curated glossary. tmkit turns them into what translators
//! and terminologists use: sentence segments, translation memories (TMX),
//! glossaries (CSV, TBX, OmegaT TSV) and tmkit's own segmentation rules (SRX).
//!
//! The data flows one way:
//!
//! ```text
//! text ──normalise──▶ paragraphs ──segment (SRX)──▶ segments ──align (fr↔en)──▶ translation units ──▶ TMX / CSV
//!                                      └──terms──▶ candidates ──+ glossary, units──▶ equivalents, QA ──▶ review CSV / TBX / TSV
//! ```
//!
//! - [`text`]: NFC normalisation and the French typography every stage shares
//!   (’ and ', « », no-break spaces), byte spans.
//! - [`document`]: documents read as streams of paragraphs (one per line),
//!   with errors that name the file, line and column.
//! - [`segment`]: an SRX 2.0 engine ([`segment::Segmenter`]) that runs real
//!   rule files (OmegaT's, Okapi's, LanguageTool's) and tmkit's own rules
//!   ([`segment::BUILTIN_SRX`]); output formats in [`segment::format`].
//! - [`align`]: sentence alignment of a French text with its English
//!   translation (length model plus anchors), gold alignments and scoring.
//! - [`tm`]: translation units; TMX 1.1–1.4b streaming reader and 1.4b
//!   writer ([`tm::tmx`]), merge, statistics, bilingual CSV/TSV tables, all
//!   written through one [`UnitWriter`]; memories read for lookup
//!   ([`tm::memory`]), their index and OmegaT's fuzzy scores
//!   ([`tm::index`], [`tm::score`]), concordance.
//! - [`analysis`]: leverage analysis of documents against a memory (bands,
//!   repetitions, weights) and its reports.
//! - [`wordalign`]: word alignment learned from sentence pairs (IBM Model 1
//!   with a diagonal prior), for proposals and lexical alignment.
//! - [`terms`]: French term candidates (tokeniser, Hunspell lexicon,
//!   patterns, C-value), with counts, variants and contexts.
//! - [`glossary`]: the curated glossary; English equivalents for candidates
//!   ([`glossary::propose`]), QA of a translation ([`glossary::check`]), the
//!   review sheet's rows and CSV ([`glossary::rows`], [`glossary::sheet`]),
//!   the merge of returned decisions ([`glossary::merge`]), TBX
//!   ([`glossary::tbx`]) and OmegaT's glossary ([`glossary::omegat`]).
//! - [`workspace`]: a workspace on disk (documents, translations, glossary;
//!   git and `SOURCE_DATE_EPOCH`), loaded once into
//!   [`workspace::Contents`]: each document segmented and aligned once,
//!   translated, partly translated or waiting.
//! - [`kit`]: translation kits of a document (an OmegaT project, XLIFF 1.2
//!   and 2.1) and what a translator returns, imported.
//! - [`export`]: what `cargo xtask export` writes from a workspace, in a
//!   stable order, checked and switched into `export/` in one step, and its
//!   `--check`.
//! - [`output`]: atomic file writes, so no output is ever partial;
//!   [`formats`]: the table of file formats; [`language`]: language tags
//!   and telling French from English.
//!
//! The library never prints and never exits; the `tmkit` binary and `xtask`
//! are thin layers over it. Errors are typed, and name the file, line and
//! column of bad input.
//!
//! # A guide: from two texts to a memory and a lookup
//!
//! The types most programs need are re-exported here, at the root; the
//! modules hold the rest. A French paragraph and its translation are cut
//! into sentences ([`Segmenter`]), aligned ([`Aligner`]), made into
//! translation units ([`Unit`]) and written as TMX ([`TmxWriter`], one of
//! the [`UnitWriter`]s, beside the CSV/TSV [`tm::table::TableWriter`]). A
//! memory ([`Memory`]) reads them back, from TMX files or tables, and an
//! [`Index`] over it finds fuzzy matches as OmegaT scores them:
//!
//! ```
//! use tmkit::tm::score::{Scoring, Segment};
//! use tmkit::{Aligner, Header, Index, Memory, Segmenter, TmxReader, TmxWriter, Unit, UnitWriter, Variant};
//!
//! // Segment: SRX rules give each sentence's byte span.
//! let fr = "Le sommet a eu lieu en 2024. Il a duré deux jours.";
//! let en = "The summit took place in 2024. It lasted two days.";
//! let spans = |segmenter: &Segmenter, text| -> Vec<String> {
//!     let spans = segmenter.segment(text).unwrap();
//!     spans.into_iter().map(|s| text[s].trim().to_string()).collect()
//! };
//! let fr = spans(&Segmenter::builtin("fr-FR").unwrap(), fr);
//! let en = spans(&Segmenter::builtin("en-GB").unwrap(), en);
//!
//! // Align: beads of French and English sentences.
//! let beads = Aligner::default().align(&fr, &en);
//! let units: Vec<Unit> = beads
//!     .iter()
//!     .enumerate()
//!     .map(|(i, bead)| {
//!         let mut unit = Unit::new(&format!("summit:{}", i + 1));
//!         unit.variants.push(Variant::plain("fr-FR", &fr[bead.fr.clone()].join(" ")));
//!         unit.variants.push(Variant::plain("en-GB", &en[bead.en.clone()].join(" ")));
//!         unit
//!     })
//!     .collect();
//!
//! // Write them as TMX 1.4b, then read the memory back.
//! let header = Header::tmkit("fr-FR", Some("20250101T000000Z"));
//! let tmx = TmxWriter::write_all(Vec::new(), &header, &units).unwrap();
//! let mut memory = Memory::new("fr-FR", "en-GB");
//! memory.add_units("summit.tmx", 0, TmxReader::new(&tmx[..], "summit.tmx").unwrap()).unwrap();
//! assert_eq!(memory.len(), 2);
//!
//! // Look up a new sentence.
//! let index = Index::build(&memory, Scoring::Tmkit);
//! let matches = index.searcher().search(Segment::plain("Le sommet a eu lieu en 2025."), None, 70, 5);
//! let best = &matches[0].hits[0];
//! assert_eq!(memory.pair(best.pair).target.text, "The summit took place in 2024.");
//! assert!((70..100).contains(&best.score.percent));
//! ```
//!
//! The same stages run over a whole workspace in [`Workspace`]: loaded once
//! into [`workspace::Contents`], every document read, segmented and aligned
//! once, which the export ([`export::export`]), the glossary's review and
//! the translation kits ([`kit`]) consume. Terms come from [`Extractor`],
//! the curated glossary is a [`Glossary`] of [`Entry`]s, and
//! [`FileFormat`] is the one table of the file formats tmkit knows.
//!
//! ```
//! use tmkit::Segmenter;
//! let fr = Segmenter::builtin("fr-FR").unwrap();
//! let para = "« Viendrez-vous ? » demanda-t-elle. V. Poutine a répondu.";
//! let n = fr.segment(para).unwrap().len();
//! assert_eq!(n, 2);
//! ```
//!
//! # Names a program can tell apart
//!
//! A program that uses several stages sees their types side by side, so
//! each name says what it is. A document is [`Paragraphs`] as read,
//! [`align::document::SegmentedDocument`] (of
//! [`align::document::SegmentedParagraph`]s) once cut into sentences,
//! [`workspace::Document`] in a workspace (its French, its English and how
//! they correspond) and [`analysis::AnalysedDocument`] as an analysis counts
//! it. The options are [`terms::ExtractorOptions`],
//! [`analysis::AnalysisOptions`] and [`glossary::tbx::TbxOptions`]; the
//! output formats [`segment::format::SegmentFormat`],
//! [`terms::format::CandidateFormat`] and [`analysis::report::ReportFormat`].
//! A module's helpers and a model's weights are `pub(crate)`: what the
//! documentation lists is what a program can use.

pub mod align;
pub mod analysis;
pub mod document;
mod encoding;
pub mod error;
pub mod export;
pub mod formats;
pub mod glossary;
pub mod kit;
pub mod language;
pub mod output;
pub mod segment;
pub mod terms;
pub mod text;
pub mod tm;
pub mod wordalign;
pub mod workspace;
mod xml;

pub use align::Aligner;
pub use document::Paragraphs;
pub use formats::FileFormat;
pub use glossary::{Entry, Glossary};
pub use language::LangTag;
pub use segment::Segmenter;
pub use terms::Extractor;
pub use tm::index::Index;
pub use tm::memory::Memory;
pub use tm::tmx::{TmxReader, TmxWriter};
pub use tm::{Header, Unit, UnitWriter, Variant};
pub use workspace::Workspace;

/// An error and its causes on one line, each said once: tmkit's errors
/// already name their cause ("a.txt: cannot open: No such file…"), which
/// the chain of sources would repeat.
///
/// ```
/// let io = std::io::Error::new(std::io::ErrorKind::NotFound, "no such file");
/// let e = anyhow::Error::new(io).context("reading a.txt");
/// assert_eq!(tmkit::error_message(e.as_ref()), "reading a.txt: no such file");
/// ```
pub fn error_message(error: &(dyn std::error::Error + 'static)) -> String {
    let mut message = error.to_string();
    let mut cause = error.source();
    while let Some(c) = cause {
        let text = c.to_string();
        if !message.ends_with(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        cause = c.source();
    }
    message
}
