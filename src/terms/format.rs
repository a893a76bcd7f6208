//! Candidate lists as CSV, TSV or JSON Lines.
//!
//! One row per candidate, best first: `fr-FR` (the canonical form), `type`,
//! `count`, `documents` (how many), `score`, `variants` (every spelling seen,
//! `|`-separated, most frequent first), `expansion`, `context` (the sentence
//! of the first occurrence) and `source` (`document:line`). With English
//! equivalents, `en-GB`, `status` and `evidence` follow `fr-FR`. No cell holds
//! a tab or a line break.

use std::borrow::Cow;
use std::io::{self, Write};

use super::Candidate;

/// A candidate's English equivalent as the list shows it: the cells of the
/// `en-GB`, `status` and `evidence` columns. The glossary stage, which knows
/// where an equivalent comes from, implements it
/// ([`crate::glossary::propose::Equivalent`]).
pub trait English {
    /// The English term.
    fn english(&self) -> &str;
    /// Its status (`approved`, `proposed`…).
    fn status(&self) -> &str;
    /// Where it comes from.
    fn evidence(&self) -> Cow<'_, str>;
}

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CandidateFormat {
    /// RFC 4180 CSV with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// One JSON object per line.
    Jsonl,
}

impl std::str::FromStr for CandidateFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "csv" => Ok(CandidateFormat::Csv),
            "tsv" => Ok(CandidateFormat::Tsv),
            "jsonl" => Ok(CandidateFormat::Jsonl),
            _ => Err(format!("unknown format {s:?} (csv, tsv or jsonl)")),
        }
    }
}

/// `s` with each tab and line break made a space (most cells have none,
/// and are given back as they are).
fn cell(s: String) -> String {
    if s.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\r')) {
        s.replace(['\t', '\n', '\r'], " ")
    } else {
        s
    }
}

/// Writes `candidates` (and, when given, their equivalents, one per
/// candidate) to `out`.
pub fn write_candidates<E: English>(
    out: &mut dyn Write,
    format: CandidateFormat,
    candidates: &[Candidate],
    equivalents: Option<&[Option<E>]>,
) -> io::Result<()> {
    let row = |i: usize, c: &Candidate| -> Vec<(&'static str, String)> {
        let mut cols = vec![("fr-FR", c.term.clone())];
        if let Some(eq) = equivalents {
            let e = eq.get(i).and_then(Option::as_ref);
            cols.push(("en-GB", e.map_or("", E::english).to_string()));
            cols.push(("status", e.map_or("", E::status).to_string()));
            cols.push((
                "evidence",
                e.map_or(Cow::Borrowed(""), E::evidence).into_owned(),
            ));
        }
        cols.extend([
            ("type", c.kind.to_string()),
            ("count", c.count.to_string()),
            ("documents", c.documents.len().to_string()),
            ("score", format!("{:.3}", c.score)),
            (
                "variants",
                c.variants
                    .iter()
                    .map(|(v, _)| v.as_str())
                    .collect::<Vec<_>>()
                    .join("|"),
            ),
            ("expansion", c.expansion.clone().unwrap_or_default()),
            ("context", c.context.clone()),
            (
                "source",
                format!("{}:{}", c.context_document, c.context_line),
            ),
        ]);
        cols.into_iter().map(|(k, v)| (k, cell(v))).collect()
    };
    match format {
        CandidateFormat::Csv | CandidateFormat::Tsv => {
            let mut w = csv::WriterBuilder::new()
                .delimiter(if format == CandidateFormat::Csv {
                    b','
                } else {
                    b'\t'
                })
                .quote_style(if format == CandidateFormat::Csv {
                    csv::QuoteStyle::Necessary
                } else {
                    csv::QuoteStyle::Never
                })
                .from_writer(out);
            let header: Vec<&str> = match candidates.first() {
                Some(c) => row(0, c).into_iter().map(|(k, _)| k).collect(),
                None => {
                    let empty = Candidate {
                        term: String::new(),
                        kind: super::Kind::Term,
                        count: 0,
                        documents: Vec::new(),
                        variants: Vec::new(),
                        score: 0.0,
                        expansion: None,
                        context: String::new(),
                        context_document: String::new(),
                        context_line: 0,
                    };
                    row(0, &empty).into_iter().map(|(k, _)| k).collect()
                }
            };
            w.write_record(&header).map_err(io::Error::other)?;
            for (i, c) in candidates.iter().enumerate() {
                w.write_record(row(i, c).into_iter().map(|(_, v)| v))
                    .map_err(io::Error::other)?;
            }
            w.flush()
        }
        CandidateFormat::Jsonl => {
            for (i, c) in candidates.iter().enumerate() {
                let mut obj = serde_json::Map::new();
                for (k, v) in row(i, c) {
                    let value = match k {
                        "count" | "documents" => {
                            serde_json::Value::from(v.parse::<u64>().unwrap_or(0))
                        }
                        "score" => serde_json::Value::from(c.score),
                        "variants" => serde_json::Value::from(
                            c.variants
                                .iter()
                                .map(|(v, n)| serde_json::json!({"form": v, "count": n}))
                                .collect::<Vec<_>>(),
                        ),
                        _ => serde_json::Value::from(v),
                    };
                    obj.insert(k.to_string(), value);
                }
                obj.insert(
                    "documents_list".into(),
                    serde_json::Value::from(c.documents.clone()),
                );
                serde_json::to_writer(&mut *out, &obj)?;
                out.write_all(b"\n")?;
            }
            Ok(())
        }
    }
}
