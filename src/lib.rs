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
//!   writer ([`tm::tmx`]), merge, statistics, bilingual CSV/TSV tables.
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
//! - [`export`]: what `cargo xtask export` writes from a workspace, in a
//!   stable order, checked and switched into `export/` in one step, and its
//!   `--check`.
//! - [`output`]: atomic file writes, so no output is ever partial.
//!
//! The library never prints and never exits; the `tmkit` binary and `xtask`
//! are thin layers over it.
//!
//! ```
//! use tmkit::segment::Segmenter;
//! let fr = Segmenter::builtin("fr-FR").unwrap();
//! let para = "« Viendrez-vous ? » demanda-t-elle. V. Poutine a répondu.";
//! let n = fr.segment(para).unwrap().len();
//! assert_eq!(n, 2);
//! ```

pub mod align;
pub mod analysis;
pub mod document;
mod encoding;
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
