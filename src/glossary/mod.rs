//! The French→English glossary.
//!
//! For now this module reads the term pairs of a glossary CSV, as the
//! aligner's anchors: a header row naming a French column and an English
//! column by language tag (`fr-FR`, `en-GB`), and optionally a `status`
//! column (rows marked `rejected` are left out).

use std::path::Path;

use crate::align::TermPair;
use crate::tm::primary;

/// A glossary that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum GlossaryError {
    /// The file cannot be read or parsed as CSV.
    #[error("{origin}: {message}")]
    Unreadable {
        /// The file.
        origin: String,
        /// What went wrong.
        message: String,
    },
    /// The header lacks a French or an English column.
    #[error(
        "{origin}: row 1: no {language} column: the header row must name the languages as tags (fr-FR,en-GB,…)"
    )]
    MissingLanguage {
        /// The file.
        origin: String,
        /// `French` or `English`.
        language: &'static str,
    },
}

/// Reads the term pairs of a glossary CSV (comma, BOM optional).
pub fn read_term_pairs(path: &Path) -> Result<Vec<TermPair>, GlossaryError> {
    let origin = path.display().to_string();
    let unreadable = |message: String| GlossaryError::Unreadable {
        origin: origin.clone(),
        message,
    };
    let bytes = std::fs::read(path).map_err(|e| unreadable(e.to_string()))?;
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new().from_reader(body);
    let headers = reader
        .headers()
        .map_err(|e| unreadable(e.to_string()))?
        .clone();
    let column = |lang: &str| headers.iter().position(|h| primary(h.trim()) == lang);
    let fr = column("fr").ok_or(GlossaryError::MissingLanguage {
        origin: origin.clone(),
        language: "French",
    })?;
    let en = column("en").ok_or(GlossaryError::MissingLanguage {
        origin: origin.clone(),
        language: "English",
    })?;
    let status = headers.iter().position(|h| h.trim() == "status");
    let mut pairs = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| unreadable(e.to_string()))?;
        if status.and_then(|s| record.get(s)) == Some("rejected") {
            continue;
        }
        let (f, e) = (record.get(fr).unwrap_or(""), record.get(en).unwrap_or(""));
        if !f.trim().is_empty() && !e.trim().is_empty() {
            pairs.push(TermPair {
                fr: f.trim().to_string(),
                en: e.trim().to_string(),
            });
        }
    }
    Ok(pairs)
}
