//! The review sheet: the glossary and the new term candidates as one CSV a
//! terminologist edits in a spreadsheet, and the import that merges the
//! edited sheet back into the curated glossary without losing an edit.
//!
//! Where it sits in the flow: [`rows`] joins the curated glossary, the
//! aligned workspace ([`crate::workspace`]) and the term candidates
//! ([`crate::terms`]) with their proposals ([`super::propose`]); [`write()`]
//! writes the sheet; [`Sheet::parse`] reads it back, whatever the spreadsheet
//! did to it, and [`merge`] applies it to the curated file.
//!
//! Columns, matched by header name on import, in any order:
//!
//! | column | on import |
//! |---|---|
//! | `fr-FR`, `en-GB`, `status`, `type`, `fr-FR variants`, `en-GB variants`, `fr-FR expansion`, `en-GB expansion`, `note`, `id` | the reviewer's decision: applied |
//! | `count`, `documents`, `fr-FR context`, `en-GB context`, `proposal`, `evidence` | information: ignored |
//! | a column of the curated file tmkit does not interpret | applied to that column |
//! | any other column | kept in the entry's note as `header: value` |
//!
//! A glossary entry's row has its status. A new candidate's row has an empty
//! status (undecided) and its proposal, if any, in `en-GB` and `proposal`: it
//! joins the glossary when the reviewer gives it a status, or edits it
//! (then as `proposed`); left as it was, it is not added. Rows the reviewer
//! did not change leave their line of the curated file byte for byte, and
//! entries missing from the sheet are kept: deleting is done with
//! `rejected`, never by losing a row.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::{self, Write};

use crate::terms::Candidate;
use crate::terms::lexicon::Lexicon;
use crate::workspace::{Bead, SOURCE_LANGUAGE, TARGET_LANGUAGE};

use super::check::{Checker, Pair};
use super::propose::equivalents;
use super::{
    Columns, Entry, Glossary, GlossaryError, KINDS, Problem, Status, decode, fold, slug,
    split_variants, unique_id, valid_id,
};

/// One row of the review sheet.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    /// The French term.
    pub fr: String,
    /// The English term (curated, or the proposal of a candidate).
    pub en: String,
    /// The entry's status; `None` for a new candidate (undecided).
    pub status: Option<Status>,
    /// `acronym`, `code`, `name` or `term`.
    pub kind: String,
    /// Occurrences in the French seeds.
    pub count: usize,
    /// Seeds it occurs in.
    pub documents: usize,
    /// Other French forms.
    pub fr_variants: Vec<String>,
    /// Other accepted English forms.
    pub en_variants: Vec<String>,
    /// French full form of an acronym.
    pub fr_expansion: String,
    /// English full form of an acronym.
    pub en_expansion: String,
    /// A French sentence that uses it.
    pub fr_context: String,
    /// The English sentence aligned with it.
    pub en_context: String,
    /// For a candidate: the English equivalent proposed from the
    /// alignment.
    pub proposal: String,
    /// Why: how often the translation uses the curated English term, or
    /// the sentence a proposal was read from.
    pub evidence: String,
    /// Usage note.
    pub note: String,
    /// Stable id.
    pub id: String,
    /// Columns of the curated file tmkit does not interpret.
    pub extra: Vec<(String, String)>,
}

/// Builds the review rows: every glossary entry, in file order, with its
/// usage in the aligned seeds; then every term candidate the glossary does
/// not have, in the extractor's order, with its proposal.
pub fn rows(
    glossary: &Glossary,
    beads: &[Bead],
    candidates: &[Candidate],
    lexicon: &Lexicon,
) -> Vec<Row> {
    let texts: Vec<(String, String, String)> = beads.iter().map(Bead::texts).collect();
    let mut out: Vec<Row> = glossary.entries.iter().map(entry_row).collect();
    let index: HashMap<&str, usize> = glossary
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let mut documents: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); out.len()];
    let mut used: Vec<(usize, usize)> = vec![(0, 0); out.len()];
    // Analysing every entry's words is the cost of building the checker:
    // without a corpus there is nothing to look them up in.
    let checker = (!beads.is_empty()).then(|| Checker::for_entries(&glossary.entries, lexicon));
    for (bead, (_, fr, en)) in beads.iter().zip(&texts) {
        let Some(checker) = &checker else { break };
        for (entry, hits) in checker.occurrences(fr) {
            let i = index[entry.id.as_str()];
            let row = &mut out[i];
            row.count += hits.len();
            documents[i].insert(&bead.document);
            if row.fr_context.is_empty() {
                row.fr_context = clean(fr);
                row.en_context = clean(en);
            }
            if bead.pair && !entry.en.is_empty() {
                used[i].1 += 1;
                used[i].0 += usize::from(Checker::uses_english(entry, en));
            }
        }
    }
    for ((row, docs), (uses, units)) in out.iter_mut().zip(&documents).zip(&used) {
        row.documents = docs.len();
        if *units > 0 {
            row.evidence = format!("the translation uses it in {uses} of {units} aligned units");
        }
    }

    let known = glossary.french_index();
    let new: Vec<Candidate> = candidates
        .iter()
        .filter(|c| c.forms().all(|f| !known.contains_key(&fold(f))))
        .cloned()
        .collect();
    let pairs: Vec<Pair<'_>> = beads
        .iter()
        .zip(Pair::all(&texts))
        .filter(|(b, _)| b.pair)
        .map(|(_, pair)| pair)
        .collect();
    let proposals = equivalents(&new, None, &pairs);
    let mut ids: HashSet<String> = glossary.entries.iter().map(|e| e.id.clone()).collect();
    for (c, proposal) in new.iter().zip(proposals) {
        let id = unique_id(&slug(&c.term), &mut ids);
        let en_context = texts
            .iter()
            .find(|(_, fr, _)| fr.contains(c.context.trim()))
            .map(|(_, _, en)| clean(en))
            .unwrap_or_default();
        let (english, evidence) = proposal
            .map(|p| (p.english.clone(), p.evidence().into_owned()))
            .unwrap_or_default();
        out.push(Row {
            fr: c.term.clone(),
            en: english.clone(),
            status: None,
            kind: c.kind.as_str().to_string(),
            count: c.count,
            documents: c.documents.len(),
            fr_variants: c
                .variants
                .iter()
                .map(|(v, _)| v.clone())
                .filter(|v| *v != c.term)
                .collect(),
            fr_expansion: c.expansion.clone().unwrap_or_default(),
            fr_context: clean(&c.context),
            en_context,
            proposal: english,
            evidence: clean(&evidence),
            id,
            ..Row::default()
        });
    }
    out
}

/// Each glossary entry's first (French, English) context sentences, by
/// id: what a TBX carries as `descrip type="context"`.
pub fn contexts(rows: &[Row]) -> BTreeMap<String, (String, String)> {
    rows.iter()
        .filter(|r| r.status.is_some() && !r.fr_context.is_empty())
        .map(|r| (r.id.clone(), (r.fr_context.clone(), r.en_context.clone())))
        .collect()
}

fn entry_row(e: &Entry) -> Row {
    Row {
        fr: e.fr.clone(),
        en: e.en.clone(),
        status: Some(e.status),
        kind: e.kind.clone(),
        fr_variants: e.fr_variants.clone(),
        en_variants: e.en_variants.clone(),
        fr_expansion: e.fr_expansion.clone(),
        en_expansion: e.en_expansion.clone(),
        note: e.note.clone(),
        id: e.id.clone(),
        extra: e.extra.clone(),
        ..Row::default()
    }
}

/// A cell on one line: no raw newline or tab inside a cell.
fn clean(s: &str) -> String {
    super::one_line(s).into_owned()
}

/// How the sheet is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flavour {
    /// Excel's: UTF-8 BOM, CRLF, every field quoted. Otherwise git's: no
    /// BOM, LF, quotes only where needed.
    pub excel: bool,
    /// `,` (default), `;` (French Excel) or tab.
    pub delimiter: u8,
}

impl Default for Flavour {
    fn default() -> Flavour {
        Flavour {
            excel: false,
            delimiter: b',',
        }
    }
}

/// A column of the sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Field {
    Fr,
    En,
    Status,
    Kind,
    Count,
    Documents,
    FrVariants,
    EnVariants,
    FrExpansion,
    EnExpansion,
    FrContext,
    EnContext,
    Proposal,
    Evidence,
    Note,
    Id,
}

const FIELDS: [Field; 16] = [
    Field::Fr,
    Field::En,
    Field::Status,
    Field::Kind,
    Field::Count,
    Field::Documents,
    Field::FrVariants,
    Field::EnVariants,
    Field::FrExpansion,
    Field::EnExpansion,
    Field::FrContext,
    Field::EnContext,
    Field::Proposal,
    Field::Evidence,
    Field::Note,
    Field::Id,
];

impl Field {
    fn header(self) -> String {
        let (fr, en) = (SOURCE_LANGUAGE, TARGET_LANGUAGE);
        match self {
            Field::Fr => fr.into(),
            Field::En => en.into(),
            Field::Status => "status".into(),
            Field::Kind => "type".into(),
            Field::Count => "count".into(),
            Field::Documents => "documents".into(),
            Field::FrVariants => format!("{fr} variants"),
            Field::EnVariants => format!("{en} variants"),
            Field::FrExpansion => format!("{fr} expansion"),
            Field::EnExpansion => format!("{en} expansion"),
            Field::FrContext => format!("{fr} context"),
            Field::EnContext => format!("{en} context"),
            Field::Proposal => "proposal".into(),
            Field::Evidence => "evidence".into(),
            Field::Note => "note".into(),
            Field::Id => "id".into(),
        }
    }

    /// Columns the reviewer decides; the others are information.
    fn editable(self) -> bool {
        !matches!(
            self,
            Field::Count
                | Field::Documents
                | Field::FrContext
                | Field::EnContext
                | Field::Proposal
                | Field::Evidence
        )
    }

    fn get(self, row: &Row) -> String {
        match self {
            Field::Fr => row.fr.clone(),
            Field::En => row.en.clone(),
            Field::Status => row.status.map(Status::as_str).unwrap_or("").into(),
            Field::Kind => row.kind.clone(),
            Field::Count => row.count.to_string(),
            Field::Documents => row.documents.to_string(),
            Field::FrVariants => row.fr_variants.join("|"),
            Field::EnVariants => row.en_variants.join("|"),
            Field::FrExpansion => row.fr_expansion.clone(),
            Field::EnExpansion => row.en_expansion.clone(),
            Field::FrContext => row.fr_context.clone(),
            Field::EnContext => row.en_context.clone(),
            Field::Proposal => row.proposal.clone(),
            Field::Evidence => row.evidence.clone(),
            Field::Note => row.note.clone(),
            Field::Id => row.id.clone(),
        }
    }
}

/// Writes the sheet: a header row, then one row per [`Row`]; the curated
/// file's own extra columns come last.
pub fn write<W: Write>(out: W, rows: &[Row], flavour: Flavour) -> io::Result<()> {
    let mut out = out;
    if flavour.excel {
        out.write_all(b"\xEF\xBB\xBF")?;
    }
    let mut writer = csv::WriterBuilder::new()
        .delimiter(flavour.delimiter)
        .terminator(if flavour.excel {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .quote_style(if flavour.excel {
            csv::QuoteStyle::Always
        } else {
            csv::QuoteStyle::Necessary
        })
        .from_writer(out);
    let mut extra: Vec<&str> = Vec::new();
    for row in rows {
        for (h, _) in &row.extra {
            if !extra.contains(&h.as_str()) {
                extra.push(h);
            }
        }
    }
    let header: Vec<String> = FIELDS
        .iter()
        .map(|f| f.header())
        .chain(extra.iter().map(|h| h.to_string()))
        .collect();
    writer.write_record(&header)?;
    for row in rows {
        let cells = FIELDS
            .iter()
            .map(|f| clean(&f.get(row)))
            .chain(extra.iter().map(|h| {
                row.extra
                    .iter()
                    .find(|(k, _)| k == h)
                    .map(|(_, v)| clean(v))
                    .unwrap_or_default()
            }));
        writer.write_record(cells)?;
    }
    writer.flush()
}

/// What a header cell of an imported sheet maps to.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Column {
    Field(Field),
    /// Not a review column: kept with the entry.
    Extra(String),
    /// An empty header over empty cells.
    Blank,
}

/// What Excel (English and French) and LibreOffice show, and save, when a
/// cell that began with `=`, `+`, `-` or `@` was taken for a formula: the
/// cell's text is lost, so such a value must never reach the glossary.
const SPREADSHEET_ERRORS: &[&str] = &[
    "#NAME?", "#VALUE!", "#REF!", "#DIV/0!", "#N/A", "#NUM!", "#NULL!", "#SPILL!", "#CALC!",
    "#NOM?", "#VALEUR!", "#NOMBRE!", "#NUL!", "Err:508", "Err:509", "Err:510", "#NAME!",
];

/// A language tag's primary subtag, when `s` looks like a tag (`fr`,
/// `fr-FR`, `en_GB`, `EN-us`).
fn language(s: &str) -> Option<String> {
    let mut parts = s.split(['-', '_']);
    let primary = parts.next()?;
    let tag = (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts
            .all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    tag.then(|| primary.to_ascii_lowercase())
}

fn map_header(header: &str) -> Result<Column, String> {
    let h = header.trim();
    if h.is_empty() {
        return Ok(Column::Blank);
    }
    let lower = h.to_lowercase();
    let named = match lower.as_str() {
        "status" => Some(Field::Status),
        "type" => Some(Field::Kind),
        "count" => Some(Field::Count),
        "documents" => Some(Field::Documents),
        "proposal" => Some(Field::Proposal),
        "evidence" => Some(Field::Evidence),
        "note" => Some(Field::Note),
        "id" => Some(Field::Id),
        _ => None,
    };
    if let Some(f) = named {
        return Ok(Column::Field(f));
    }
    let (tag, suffix) = match lower.split_once(' ') {
        Some((t, s)) => (t, Some(s.trim())),
        None => (lower.as_str(), None),
    };
    let Some(lang) = language(tag) else {
        return Ok(Column::Extra(h.to_string()));
    };
    let field = match (lang.as_str(), suffix) {
        ("fr", None) => Field::Fr,
        ("en", None) => Field::En,
        ("fr", Some("variants")) => Field::FrVariants,
        ("en", Some("variants")) => Field::EnVariants,
        ("fr", Some("expansion")) => Field::FrExpansion,
        ("en", Some("expansion")) => Field::EnExpansion,
        ("fr", Some("context")) => Field::FrContext,
        ("en", Some("context")) => Field::EnContext,
        ("fr" | "en", Some(_)) => return Ok(Column::Extra(h.to_string())),
        (_, None) => {
            return Err(format!(
                "header {h:?} names a language this French→English glossary does not have: rename the column (its cells would be lost) or remove it"
            ));
        }
        (_, Some(_)) => return Ok(Column::Extra(h.to_string())),
    };
    Ok(Column::Field(field))
}

/// One data row of an imported sheet: the cells of the columns it has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetRow {
    /// 1-based row (the header is row 1).
    pub row: usize,
    cells: BTreeMap<Field, (usize, String)>,
    extra: Vec<(usize, String, String)>,
}

impl SheetRow {
    fn get(&self, f: Field) -> Option<&str> {
        self.cells.get(&f).map(|(_, v)| v.trim())
    }

    fn column(&self, f: Field) -> Option<usize> {
        self.cells.get(&f).map(|(c, _)| *c)
    }
}

/// An imported review sheet (or termbase), parsed but not yet applied.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sheet {
    /// The data rows.
    pub rows: Vec<SheetRow>,
    /// The delimiter found or given.
    pub delimiter: u8,
    /// A review sheet or a TBX file.
    pub source: SheetSource,
    /// The French and English columns' header tags (`fr-FR`, `en-US`) and
    /// their 1-based columns, when the sheet has a header row.
    pub languages: [Option<(usize, String)>; 2],
    /// Problems in its rows (a ragged row, a cell a spreadsheet turned into
    /// a formula, a truncated file): [`merge`] reports them with its own,
    /// so that every problem is reported at once.
    pub problems: Vec<Problem>,
}

/// Where a sheet's rows come from: it says how they are placed and how far
/// their ids are trusted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SheetSource {
    /// A review sheet: rows and columns; its ids are ours.
    #[default]
    Sheet,
    /// A TBX file, perhaps another termbase's: entries by line. Its ids
    /// name one of our entries only when the French or the English term is
    /// that entry's too, and a new entry gets an id of our form.
    Tbx,
}

impl SheetSource {
    /// How a row's place is named: `row` in a sheet, `line` in a TBX file.
    pub fn place(self) -> &'static str {
        match self {
            SheetSource::Sheet => "row",
            SheetSource::Tbx => "line",
        }
    }
}

/// A sheet or merge that cannot be applied; the glossary was not changed.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The sheet or the glossary cannot be read at all.
    #[error(transparent)]
    Glossary(#[from] GlossaryError),
    /// Rows with problems, all of them.
    #[error("{origin}: {} problem(s); the glossary was not changed:\n{}", problems.len(), problems.iter().map(|p| format!("  {origin}: {}", placed(p, *kind))).collect::<Vec<_>>().join("\n"))]
    Invalid {
        /// The sheet.
        origin: String,
        /// A sheet (problems by row and column) or a TBX file (by line:
        /// its entries have no columns).
        kind: SheetSource,
        /// Every problem found.
        problems: Vec<Problem>,
    },
}

/// A problem where its file places it: a sheet's row and column, a TBX
/// entry's line.
fn placed(problem: &Problem, source: SheetSource) -> String {
    match source {
        SheetSource::Tbx => format!("line {}: {}", problem.row, problem.message),
        SheetSource::Sheet => problem.to_string(),
    }
}

impl Sheet {
    /// Reads a review sheet in either flavour (BOM or not, CRLF or LF,
    /// UTF-8 or UTF-16), with `delimiter` or the one its header row uses.
    /// Every problem is reported at once.
    pub fn parse(bytes: &[u8], origin: &str, delimiter: Option<u8>) -> Result<Sheet, ImportError> {
        let text = decode(bytes, origin)?;
        let delimiter =
            delimiter.unwrap_or_else(|| crate::tm::table::Delimiter::sniff(&text).byte());
        let invalid = |problems: Vec<Problem>| ImportError::Invalid {
            origin: origin.to_string(),
            kind: SheetSource::Sheet,
            problems,
        };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut records = reader.records();
        let header = match records.next() {
            Some(Ok(h)) => h,
            Some(Err(e)) => {
                return Err(invalid(vec![Problem {
                    row: 1,
                    column: None,
                    message: e.to_string(),
                }]));
            }
            None => {
                return Err(invalid(vec![Problem {
                    row: 1,
                    column: None,
                    message: "the file is empty: expected a header row (fr-FR,en-GB,…)".into(),
                }]));
            }
        };
        let mut problems = Vec::new();
        let mut columns = Vec::new();
        let mut seen: BTreeMap<Field, usize> = BTreeMap::new();
        for (c, h) in header.iter().enumerate() {
            match map_header(h) {
                Ok(Column::Field(f)) => {
                    if let Some(first) = seen.insert(f, c + 1) {
                        problems.push(Problem {
                            row: 1,
                            column: Some(c + 1),
                            message: format!(
                                "header {:?} maps to the same column as column {first}: keep one",
                                h.trim()
                            ),
                        });
                    }
                    columns.push(Column::Field(f));
                }
                Ok(other) => columns.push(other),
                Err(message) => {
                    problems.push(Problem {
                        row: 1,
                        column: Some(c + 1),
                        message,
                    });
                    columns.push(Column::Blank);
                }
            }
        }
        for (f, name) in [(Field::Fr, "French"), (Field::En, "English")] {
            if !seen.contains_key(&f) {
                problems.push(Problem {
                    row: 1,
                    column: None,
                    message: format!(
                        "no {name} column: the header row must name the languages as tags ({},{},…)",
                        SOURCE_LANGUAGE, TARGET_LANGUAGE
                    ),
                });
            }
        }
        // The French and English columns' tags, with their 1-based column.
        let languages = [Field::Fr, Field::En]
            .map(|f| seen.get(&f).map(|&c| (c, header[c - 1].trim().to_string())));
        // Rows cannot be read without their columns; problems in rows wait
        // for the merge, which reports them with its own.
        let header_problems = !problems.is_empty();
        let mut rows = Vec::new();
        let mut last_row = 1;
        for (i, record) in records.enumerate() {
            let row = i + 2;
            last_row = row;
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    problems.push(Problem {
                        row,
                        column: None,
                        message: e.to_string(),
                    });
                    continue;
                }
            };
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            if record.len() != header.len() {
                let message = if record.len() > header.len() {
                    format!(
                        "{} fields where the header has {}: quote cells that contain the delimiter {:?}",
                        record.len(),
                        header.len(),
                        char::from(delimiter)
                    )
                } else {
                    format!(
                        "{} fields where the header has {}: the row is incomplete (a truncated file?)",
                        record.len(),
                        header.len()
                    )
                };
                problems.push(Problem {
                    row,
                    column: Some(record.len().min(header.len()) + 1),
                    message,
                });
                continue;
            }
            let mut cells = BTreeMap::new();
            let mut extra = Vec::new();
            for (c, (cell, column)) in record.iter().zip(&columns).enumerate() {
                let editable = match column {
                    Column::Field(f) => f.editable(),
                    Column::Extra(_) => true,
                    Column::Blank => !cell.trim().is_empty(),
                };
                if editable && cell.contains(['\n', '\r', '\t']) {
                    problems.push(Problem {
                        row,
                        column: Some(c + 1),
                        message: "a line break or tab inside a cell: put it on one line".into(),
                    });
                }
                if editable && SPREADSHEET_ERRORS.contains(&cell.trim()) {
                    problems.push(Problem {
                        row,
                        column: Some(c + 1),
                        message: format!(
                            "{:?} is a spreadsheet's formula error, not a term: the spreadsheet read the cell as a formula (it began with = + - or @); type the text again, formatted as text",
                            cell.trim()
                        ),
                    });
                }
                match column {
                    Column::Field(f) => {
                        cells.insert(*f, (c + 1, cell.to_string()));
                    }
                    Column::Extra(h) => extra.push((c + 1, h.clone(), cell.to_string())),
                    Column::Blank if !cell.trim().is_empty() => {
                        extra.push((c + 1, format!("column {}", c + 1), cell.to_string()));
                    }
                    Column::Blank => {}
                }
            }
            rows.push(SheetRow { row, cells, extra });
        }
        // A quote never closed: the csv reader ends the cell at the end of
        // the file, so a cut file would pass for a short last cell.
        if text.bytes().filter(|&b| b == b'"').count() % 2 == 1 {
            problems.push(Problem {
                row: last_row,
                column: None,
                message:
                    "the file ends inside a quoted cell: it is truncated; save the sheet again"
                        .into(),
            });
        }
        if header_problems {
            problems.sort_by_key(|p| (p.row, p.column));
            return Err(invalid(problems));
        }
        Ok(Sheet {
            rows,
            delimiter,
            source: SheetSource::Sheet,
            languages,
            problems,
        })
    }

    /// A sheet holding every field of `glossary`'s entries, as if a
    /// reviewer had filled all columns (an imported termbase).
    pub fn from_glossary(glossary: &Glossary) -> Sheet {
        let rows = glossary
            .entries
            .iter()
            .map(|e| {
                let row = entry_row(e);
                let cells = FIELDS
                    .iter()
                    .filter(|f| f.editable())
                    .enumerate()
                    .map(|(c, f)| (*f, (c + 1, f.get(&row))))
                    .collect();
                // Context sentences are information, as in the sheet.
                let extra = e
                    .extra
                    .iter()
                    .filter(|(h, _)| h != super::tbx::FR_CONTEXT && h != super::tbx::EN_CONTEXT)
                    .map(|(h, v)| (0, h.clone(), v.clone()))
                    .collect();
                SheetRow {
                    row: e.row,
                    cells,
                    extra,
                }
            })
            .collect();
        Sheet {
            rows,
            delimiter: b',',
            source: SheetSource::Tbx,
            languages: [None, None],
            problems: Vec::new(),
        }
    }
}

/// What an import changes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// New entries.
    pub added: usize,
    /// Entries whose fields changed.
    pub changed: usize,
    /// Entries that became approved (new or changed).
    pub approved: usize,
    /// Entries that became rejected (new or changed).
    pub rejected: usize,
    /// Rows that match their entry.
    pub unchanged: usize,
    /// Candidate rows left undecided (no status, not edited): not added.
    pub undecided: usize,
}

/// One entry the import adds or changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The entry's id.
    pub id: String,
    /// The sheet's row (the TBX file's line).
    pub row: usize,
    /// `row` or `line`.
    pub place: &'static str,
    /// `None` for a new entry; else each changed field as (column, before,
    /// after).
    pub fields: Option<Vec<(String, String, String)>>,
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.fields {
            None => write!(f, "{} {}: added {}", self.place, self.row, self.id),
            Some(fields) => {
                write!(f, "{} {}: changed {}:", self.place, self.row, self.id)?;
                for (i, (column, before, after)) in fields.iter().enumerate() {
                    let sep = if i == 0 { " " } else { "; " };
                    write!(f, "{sep}{column} {before:?} → {after:?}")?;
                }
                Ok(())
            }
        }
    }
}

/// The result of [`merge`]: the new curated file and what changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merged {
    /// The curated file's new bytes (equal to the old ones when nothing
    /// changed).
    pub bytes: Vec<u8>,
    /// Counts.
    pub summary: Summary,
    /// Every addition and change, in sheet order.
    pub changes: Vec<Change>,
}

/// Applies `sheet` (read from `origin`) to the curated glossary file
/// `curated` (its bytes): reviewer decisions win, untouched rows keep
/// their bytes, entries absent from the sheet are kept, new entries are
/// appended. Every problem is reported at once and then nothing changes.
pub fn merge(
    curated: &[u8],
    curated_origin: &str,
    sheet: &Sheet,
    origin: &str,
) -> Result<Merged, ImportError> {
    let glossary = Glossary::parse(curated, curated_origin)?;
    let layout = Layout::of(curated, curated_origin)?;
    let mut merging = Merging::new(glossary.entries, sheet, &layout);
    merging.problems.extend(sheet.problems.iter().cloned());
    merging.problems.extend(layout.language_mismatches(sheet));
    for (index, row) in sheet.rows.iter().enumerate() {
        if let Err(problem) = merging.row(index, row) {
            merging.problems.push(problem);
        }
    }
    merging.check_changed(curated_origin);
    merging.check_conflicts(curated_origin);
    let Merging {
        entries,
        changed,
        summary,
        mut changes,
        mut problems,
        ..
    } = merging;
    if !problems.is_empty() {
        problems.sort_by_key(|p| (p.row, p.column));
        problems.dedup();
        return Err(ImportError::Invalid {
            origin: origin.to_string(),
            kind: sheet.source,
            problems,
        });
    }
    let bytes =
        layout
            .rewrite(curated, &entries, &changed)
            .map_err(|e| GlossaryError::Unreadable {
                origin: curated_origin.to_string(),
                message: e.to_string(),
            })?;
    // The result must load as the curated glossary does (when nothing
    // changed, it is the file already parsed above).
    if !changed.is_empty() {
        Glossary::parse(&bytes, curated_origin)?;
    }
    changes.sort_by_key(|c| c.row);
    Ok(Merged {
        bytes,
        summary,
        changes,
    })
}

/// A problem in one cell of a sheet's row.
fn problem(row: &SheetRow, field: Field, message: impl Into<String>) -> Problem {
    Problem {
        row: row.row,
        column: row.column(field),
        message: message.into(),
    }
}

/// A merge under way: the entries as the sheet's rows, in order, leave them.
struct Merging<'a> {
    sheet: &'a Sheet,
    layout: &'a Layout,
    entries: Vec<Entry>,
    by_id: HashMap<String, usize>,
    /// The first entry of each folded French term.
    by_fr: HashMap<String, usize>,
    /// Ids in use, for the ids of new entries.
    taken: HashSet<String>,
    /// The sheet's ids, each with the first row that gives it.
    sheet_ids: HashMap<String, usize>,
    /// The sheet row (its index) that decided each entry.
    decided_by: HashMap<usize, usize>,
    /// Entries added or changed.
    changed: BTreeSet<usize>,
    summary: Summary,
    changes: Vec<Change>,
    problems: Vec<Problem>,
}

impl<'a> Merging<'a> {
    fn new(entries: Vec<Entry>, sheet: &'a Sheet, layout: &'a Layout) -> Merging<'a> {
        let by_id: HashMap<String, usize> = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        let by_fr = entries
            .iter()
            .enumerate()
            .rev()
            .map(|(i, e)| (fold(&e.fr), i))
            .collect();
        Merging {
            sheet,
            layout,
            taken: by_id.keys().cloned().collect(),
            by_id,
            by_fr,
            entries,
            sheet_ids: HashMap::new(),
            decided_by: HashMap::new(),
            changed: BTreeSet::new(),
            summary: Summary::default(),
            changes: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// Applies the sheet's row `index`: a change to the entry it names (by
    /// id, else by French term), or a new entry.
    fn row(&mut self, index: usize, row: &SheetRow) -> Result<(), Problem> {
        let fr = row.get(Field::Fr).unwrap_or("");
        if fr.is_empty() {
            return Err(problem(row, Field::Fr, "the French term is empty"));
        }
        let id_cell = row.get(Field::Id).filter(|s| !s.is_empty());
        if let Some(id) = id_cell
            && let Some(first) = self.sheet_ids.insert(id.to_string(), row.row)
        {
            return Err(problem(
                row,
                Field::Id,
                format!("id {id:?} is also the id of row {first}: keep one row per entry"),
            ));
        }
        let status_cell = row.get(Field::Status);
        let status = match status_cell.filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => Some(Status::parse(&s.to_lowercase()).ok_or_else(|| {
                problem(
                    row,
                    Field::Status,
                    format!("unknown status {s:?}: use approved, proposed or rejected"),
                )
            })?),
        };
        if let Some(kind) = row.get(Field::Kind)
            && !kind.is_empty()
            && !KINDS.contains(&kind.to_lowercase().as_str())
        {
            return Err(problem(
                row,
                Field::Kind,
                format!("unknown type {kind:?}: use acronym, code, name or term"),
            ));
        }
        let existing = match id_cell {
            // A sheet's id is ours: a new one is a new entry, even beside
            // one with the same French term (a rejected translation).
            Some(id) if self.sheet.source == SheetSource::Sheet => self.by_id.get(id).copied(),
            // Another termbase's id is ours only by chance: it names our
            // entry when it carries one of its terms, else the French term
            // decides.
            Some(id) => self
                .by_id
                .get(id)
                .copied()
                .filter(|&i| same_term(&self.entries[i], row))
                .or_else(|| self.by_fr.get(&fold(fr)).copied()),
            None => self.by_fr.get(&fold(fr)).copied(),
        };
        let id_cell = id_cell.filter(|_| self.sheet.source == SheetSource::Sheet);
        match existing {
            Some(i) => self.update(i, index, row, status_cell, status),
            None => {
                self.add(index, row, fr, id_cell, status);
                Ok(())
            }
        }
    }

    /// Row `index` decides entry `i`.
    fn update(
        &mut self,
        i: usize,
        index: usize,
        row: &SheetRow,
        status_cell: Option<&str>,
        status: Option<Status>,
    ) -> Result<(), Problem> {
        if let Some(&first) = self.decided_by.get(&i) {
            return Err(problem(
                row,
                Field::Fr,
                format!(
                    "the same entry ({}) as row {}: keep one row per entry",
                    self.entries[i].id, self.sheet.rows[first].row
                ),
            ));
        }
        if status_cell == Some("") {
            return Err(problem(
                row,
                Field::Status,
                "the status is empty: use approved, proposed or rejected",
            ));
        }
        let before = &self.entries[i];
        let mut after = apply(before, row, status, self.layout);
        if self.sheet.source == SheetSource::Tbx {
            after.id.clone_from(&before.id);
        }
        self.decided_by.insert(i, index);
        // Most rows come back as they left: compare the entries before
        // listing the differences field by field.
        let fields = if after == *before {
            Vec::new()
        } else {
            differences(before, &after)
        };
        if fields.is_empty() {
            self.summary.unchanged += 1;
            return Ok(());
        }
        self.summary.changed += 1;
        self.summary.approved +=
            usize::from(after.status == Status::Approved && before.status != Status::Approved);
        self.summary.rejected +=
            usize::from(after.status == Status::Rejected && before.status != Status::Rejected);
        self.changes.push(Change {
            place: self.sheet.source.place(),
            id: after.id.clone(),
            row: row.row,
            fields: Some(fields),
        });
        self.entries[i] = after;
        self.changed.insert(i);
        Ok(())
    }

    /// Row `index` adds an entry, if the reviewer decided or edited it.
    fn add(
        &mut self,
        index: usize,
        row: &SheetRow,
        fr: &str,
        id_cell: Option<&str>,
        status: Option<Status>,
    ) {
        if status.is_none() && !edited_candidate(row) {
            self.summary.undecided += 1;
            return;
        }
        let template = Entry {
            row: 0,
            id: String::new(),
            fr: fr.to_string(),
            en: String::new(),
            kind: "term".into(),
            status: Status::Proposed,
            fr_variants: Vec::new(),
            en_variants: Vec::new(),
            fr_expansion: String::new(),
            en_expansion: String::new(),
            note: String::new(),
            extra: Vec::new(),
        };
        let mut entry = apply(
            &template,
            row,
            Some(status.unwrap_or(Status::Proposed)),
            self.layout,
        );
        entry.id = match id_cell {
            Some(id) => {
                self.taken.insert(id.to_string());
                id.to_string()
            }
            None => unique_id(&slug(fr), &mut self.taken),
        };
        self.summary.added += 1;
        self.summary.approved += usize::from(entry.status == Status::Approved);
        self.summary.rejected += usize::from(entry.status == Status::Rejected);
        self.changes.push(Change {
            place: self.sheet.source.place(),
            id: entry.id.clone(),
            row: row.row,
            fields: None,
        });
        let i = self.entries.len();
        self.decided_by.insert(i, index);
        // A later row may name it again.
        self.by_id.insert(entry.id.clone(), i);
        self.by_fr.entry(fold(&entry.fr)).or_insert(i);
        self.changed.insert(i);
        self.entries.push(entry);
    }

    /// Each changed or added entry must be valid as the curated file
    /// requires, and must fit its columns.
    fn check_changed(&mut self, curated_origin: &str) {
        for &i in &self.changed {
            let e = &self.entries[i];
            let row = &self.sheet.rows[self.decided_by[&i]];
            if !valid_id(&e.id) {
                self.problems.push(problem(
                    row,
                    Field::Id,
                    format!(
                        "id {:?} is not lowercase letters, digits and hyphens starting with a letter",
                        e.id
                    ),
                ));
            }
            if e.status == Status::Approved && e.en.is_empty() {
                self.problems.push(problem(
                    row,
                    Field::En,
                    "an approved entry needs its English term",
                ));
            }
            for name in self.layout.missing(e) {
                self.problems.push(Problem {
                    row: row.row,
                    column: None,
                    message: format!(
                        "{curated_origin} has no column for the {name} this row gives: add the column to it first"
                    ),
                });
            }
        }
    }

    /// A French term has one approved English term: reported on the
    /// sheet's row when the reviewer made the conflict.
    fn check_conflicts(&mut self, curated_origin: &str) {
        for (i, j) in super::approved_conflicts(&self.entries) {
            let (here, there) = match (self.changed.contains(&i), self.changed.contains(&j)) {
                (true, _) => (i, j),
                (false, true) => (j, i),
                (false, false) => continue,
            };
            let row = &self.sheet.rows[self.decided_by[&here]];
            let where_other = match self.decided_by.get(&there) {
                Some(&other) => format!("row {}", self.sheet.rows[other].row),
                None => format!("{curated_origin} row {}", self.entries[there].row),
            };
            self.problems.push(problem(
                row,
                Field::En,
                format!(
                    "{:?} is approved as {:?} here and as {:?} in {where_other}: keep one",
                    self.entries[here].fr, self.entries[here].en, self.entries[there].en
                ),
            ));
        }
    }
}

/// A candidate row without a status that the reviewer nevertheless edited:
/// an English term other than the proposal, or anything in the columns
/// tmkit leaves empty.
/// Whether a row carries the French or the English term of `entry`: an
/// edit of one side of an entry, not another entry under the same id.
fn same_term(entry: &Entry, row: &SheetRow) -> bool {
    let same = |field, term: &str| row.get(field).is_some_and(|t| fold(t) == fold(term));
    same(Field::Fr, &entry.fr) || same(Field::En, &entry.en)
}

fn edited_candidate(row: &SheetRow) -> bool {
    let proposal = row.get(Field::Proposal).unwrap_or("");
    row.get(Field::En).unwrap_or("") != proposal
        || [Field::EnVariants, Field::EnExpansion, Field::Note]
            .iter()
            .any(|f| !row.get(*f).unwrap_or("").is_empty())
        || row.extra.iter().any(|(_, _, v)| !v.trim().is_empty())
}

/// `entry` with the cells `row` has.
fn apply(entry: &Entry, row: &SheetRow, status: Option<Status>, layout: &Layout) -> Entry {
    let mut e = entry.clone();
    let text = |f: Field| row.get(f).map(str::to_string);
    if let Some(v) = text(Field::Fr) {
        e.fr = v;
    }
    if let Some(v) = text(Field::En) {
        e.en = v;
    }
    if let Some(s) = status {
        e.status = s;
    }
    if let Some(v) = text(Field::Kind) {
        e.kind = if v.is_empty() {
            "term".into()
        } else {
            v.to_lowercase()
        };
    }
    if let Some(v) = row.get(Field::FrVariants) {
        e.fr_variants = split_variants(v);
    }
    if let Some(v) = row.get(Field::EnVariants) {
        e.en_variants = split_variants(v);
    }
    if let Some(v) = text(Field::FrExpansion) {
        e.fr_expansion = v;
    }
    if let Some(v) = text(Field::EnExpansion) {
        e.en_expansion = v;
    }
    if let Some(v) = text(Field::Note) {
        e.note = v;
    }
    if let Some(v) = text(Field::Id).filter(|v| !v.is_empty()) {
        e.id = v;
    }
    for (_, header, value) in &row.extra {
        let value = value.trim();
        if layout.extra.iter().any(|h| h == header) {
            match e.extra.iter_mut().find(|(h, _)| h == header) {
                Some((_, v)) => *v = value.to_string(),
                None => e.extra.push((header.clone(), value.to_string())),
            }
        } else if !value.is_empty() {
            // A column the glossary has no place for: kept in the note.
            let kept = format!("{header}: {value}");
            if !e.note.contains(&kept) {
                e.note = if e.note.is_empty() {
                    kept
                } else {
                    format!("{}; {kept}", e.note)
                };
            }
        }
    }
    e
}

/// The fields that differ, as (column, before, after).
fn differences(a: &Entry, b: &Entry) -> Vec<(String, String, String)> {
    let ra = entry_row(a);
    let rb = entry_row(b);
    let mut out: Vec<(String, String, String)> = FIELDS
        .iter()
        .filter(|f| f.editable())
        .filter_map(|f| {
            let (x, y) = (f.get(&ra), f.get(&rb));
            (x != y).then(|| (f.header(), x, y))
        })
        .collect();
    for (h, v) in &b.extra {
        let old = a
            .extra
            .iter()
            .find(|(k, _)| k == h)
            .map(|(_, v)| v.as_str())
            .unwrap_or("");
        if old != v {
            out.push((h.clone(), old.to_string(), v.clone()));
        }
    }
    out
}

/// The curated file's layout: its header, where each record's bytes are,
/// its line ending.
struct Layout {
    headers: csv::StringRecord,
    columns: Columns,
    /// Header names tmkit does not interpret.
    extra: Vec<String>,
    /// Byte range of each data record (its line ending included), after
    /// the header.
    spans: Vec<std::ops::Range<usize>>,
    /// Where the header ends.
    header_end: usize,
    crlf: bool,
    delimiter: u8,
}

impl Layout {
    /// A sheet whose language columns name another variety than the
    /// glossary's (`en-US` against `en-GB`) would mix spellings in it; a
    /// tag without a region (`en`) says nothing against it.
    fn language_mismatches(&self, sheet: &Sheet) -> Vec<Problem> {
        let ours = [self.columns.fr, self.columns.en].map(|c| self.headers[c].trim());
        sheet
            .languages
            .iter()
            .zip(ours)
            .zip([SOURCE_LANGUAGE, TARGET_LANGUAGE])
            .filter_map(|((theirs, ours), written)| {
                let (column, theirs) = theirs.as_ref()?;
                let both_regional = theirs.contains('-') && ours.contains('-');
                // The sheet tmkit writes names the workspace's languages,
                // whatever the glossary's header says: it is ours.
                let foreign = !theirs.eq_ignore_ascii_case(written);
                (both_regional && foreign && !theirs.eq_ignore_ascii_case(ours)).then(|| Problem {
                    row: 1,
                    column: Some(*column),
                    message: format!(
                        "the sheet's column is {theirs}, the glossary's {ours}: merge it into a {theirs} glossary, or rename the column if its terms are {ours}"
                    ),
                })
            })
            .collect()
    }

    fn of(bytes: &[u8], origin: &str) -> Result<Layout, GlossaryError> {
        let bom = bytes.starts_with(b"\xEF\xBB\xBF");
        let body = if bom { &bytes[3..] } else { bytes };
        let unreadable = |e: csv::Error| GlossaryError::Unreadable {
            origin: origin.to_string(),
            message: e.to_string(),
        };
        // The file keeps its delimiter, as it keeps its line endings.
        let delimiter = std::str::from_utf8(body)
            .map_or(b',', |text| crate::tm::table::Delimiter::sniff(text).byte());
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(false)
            .delimiter(delimiter)
            .from_reader(body);
        let mut starts = Vec::new();
        let mut record = csv::StringRecord::new();
        let mut headers = None;
        loop {
            let start = reader.position().byte() as usize;
            if !reader.read_record(&mut record).map_err(unreadable)? {
                break;
            }
            if headers.is_none() {
                headers = Some(record.clone());
            } else {
                starts.push(start);
            }
        }
        let headers = headers.unwrap_or_default();
        let offset = usize::from(bom) * 3;
        let header_end = starts.first().copied().unwrap_or(body.len()) + offset;
        let spans = starts
            .iter()
            .enumerate()
            .map(|(i, &s)| s + offset..starts.get(i + 1).copied().unwrap_or(body.len()) + offset)
            .collect();
        let columns = Columns::of(&headers, origin)?;
        let known = columns.all();
        let extra = headers
            .iter()
            .enumerate()
            .filter(|(c, _)| !known.contains(c))
            .map(|(_, h)| h.to_string())
            .collect();
        let crlf = body.windows(2).any(|w| w == b"\r\n");
        Ok(Layout {
            headers,
            columns,
            extra,
            spans,
            header_end,
            crlf,
            delimiter,
        })
    }

    /// Fields `e` has a value for but the file has no column for.
    fn missing(&self, e: &Entry) -> Vec<&'static str> {
        let c = &self.columns;
        let mut out = Vec::new();
        let mut need = |present: bool, has: Option<usize>, name: &'static str| {
            if present && has.is_none() {
                out.push(name);
            }
        };
        need(e.status != Status::Approved, c.status, "status");
        need(e.kind != "term", c.kind, "type");
        need(!e.fr_variants.is_empty(), c.fr_variants, "French variants");
        need(!e.en_variants.is_empty(), c.en_variants, "English variants");
        need(
            !e.fr_expansion.is_empty(),
            c.fr_expansion,
            "French expansion",
        );
        need(
            !e.en_expansion.is_empty(),
            c.en_expansion,
            "English expansion",
        );
        need(!e.note.is_empty(), c.note, "note");
        need(c.id.is_none() && e.id != slug(&e.fr), c.id, "id");
        out
    }

    /// The record of `e` in this file's columns.
    fn record(&self, e: &Entry) -> Vec<String> {
        let c = &self.columns;
        self.headers
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let is = |col: Option<usize>| col == Some(i);
                if i == c.fr {
                    e.fr.clone()
                } else if i == c.en {
                    e.en.clone()
                } else if is(c.id) {
                    e.id.clone()
                } else if is(c.kind) {
                    e.kind.clone()
                } else if is(c.status) {
                    e.status.as_str().into()
                } else if is(c.fr_variants) {
                    e.fr_variants.join("|")
                } else if is(c.en_variants) {
                    e.en_variants.join("|")
                } else if is(c.fr_expansion) {
                    e.fr_expansion.clone()
                } else if is(c.en_expansion) {
                    e.en_expansion.clone()
                } else if is(c.note) {
                    e.note.clone()
                } else {
                    e.extra
                        .iter()
                        .find(|(k, _)| k == h)
                        .map(|(_, v)| v.clone())
                        .unwrap_or_default()
                }
            })
            .collect()
    }

    /// The file with the `changed` entries rewritten or appended and every
    /// other byte kept.
    fn rewrite(
        &self,
        old: &[u8],
        entries: &[Entry],
        changed: &BTreeSet<usize>,
    ) -> io::Result<Vec<u8>> {
        let mut out = Vec::with_capacity(old.len() + 256);
        out.extend_from_slice(&old[..self.header_end]);
        let line = |e: &Entry| -> io::Result<Vec<u8>> {
            let mut w = csv::WriterBuilder::new()
                .delimiter(self.delimiter)
                .terminator(if self.crlf {
                    csv::Terminator::CRLF
                } else {
                    csv::Terminator::Any(b'\n')
                })
                .from_writer(Vec::new());
            w.write_record(self.record(e))?;
            w.into_inner().map_err(|e| e.into_error())
        };
        for (i, e) in entries.iter().enumerate() {
            match self.spans.get(i) {
                Some(span) if !changed.contains(&i) => out.extend_from_slice(&old[span.clone()]),
                _ => {
                    if !out.is_empty() && !out.ends_with(b"\n") {
                        out.extend_from_slice(if self.crlf { b"\r\n" } else { b"\n" });
                    }
                    out.extend(line(e)?);
                }
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CURATED: &str = "fr-FR,en-GB,id,type,status,fr-FR variants,en-GB variants,fr-FR expansion,en-GB expansion,note\n\
        CEI,CIS,cei,acronym,approved,,,Communauté des États indépendants,Commonwealth of Independent States,\n\
        défense aérienne,air defence,defense-aerienne,term,approved,,,,,US: air defense\n\
        sommet,summit,sommet,term,proposed,,,,,\n";

    fn sheet(csv: &str) -> Sheet {
        Sheet::parse(csv.as_bytes(), "review.csv", None).unwrap()
    }

    fn exported(flavour: Flavour) -> Vec<u8> {
        let g = Glossary::parse(CURATED.as_bytes(), "g.csv").unwrap();
        let mut rows: Vec<Row> = g.entries.iter().map(entry_row).collect();
        rows.push(Row {
            fr: "ligne ferroviaire".into(),
            en: "railway line".into(),
            proposal: "railway line".into(),
            kind: "term".into(),
            id: "ligne-ferroviaire".into(),
            ..Row::default()
        });
        let mut out = Vec::new();
        write(&mut out, &rows, flavour).unwrap();
        out
    }

    /// A client's TBX: its own ids, one of them ours by chance.
    fn import_tbx(entries: &[(&str, &str, &str)]) -> Merged {
        try_import_tbx(entries).unwrap()
    }

    fn try_import_tbx(entries: &[(&str, &str, &str)]) -> Result<Merged, ImportError> {
        let mut tbx = String::from(
            "<?xml version=\"1.0\"?><martif type=\"TBX\" xml:lang=\"en\"><text><body>",
        );
        for (id, fr, en) in entries {
            tbx.push_str(&format!(
                "<termEntry id=\"{id}\"><langSet xml:lang=\"fr\"><tig><term>{fr}</term></tig></langSet>\
                 <langSet xml:lang=\"en\"><tig><term>{en}</term></tig></langSet></termEntry>"
            ));
        }
        tbx.push_str("</body></text></martif>");
        let glossary = super::super::tbx::read(tbx.as_bytes(), "client.tbx").unwrap();
        let sheet = Sheet::from_glossary(&glossary);
        merge(CURATED.as_bytes(), "g.csv", &sheet, "client.tbx")
    }

    #[test]
    fn a_tbx_problem_is_placed_by_line_without_a_column() {
        let err = try_import_tbx(&[("a", "sommet", "summit"), ("b", "sommet", "summit")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("client.tbx: line 1: "), "{err}");
        assert!(!err.contains("column"), "{err}");
    }

    fn entry<'g>(g: &'g Glossary, fr: &str) -> Vec<&'g Entry> {
        g.entries.iter().filter(|e| e.fr == fr).collect()
    }

    #[test]
    fn a_foreign_id_naming_another_term_does_not_overwrite_our_entry() {
        let merged = import_tbx(&[("sommet", "contrat de bail", "lease")]);
        let g = Glossary::parse(&merged.bytes, "g.csv").unwrap();
        assert_eq!(entry(&g, "sommet")[0].en, "summit", "untouched");
        let added = entry(&g, "contrat de bail");
        assert_eq!(added.len(), 1);
        assert_eq!(added[0].id, "contrat-de-bail", "an id of our form");
    }

    #[test]
    fn a_foreign_id_on_a_known_term_updates_it_without_a_duplicate() {
        let merged = import_tbx(&[("c1", "sommet", "summit meeting")]);
        let g = Glossary::parse(&merged.bytes, "g.csv").unwrap();
        let sommet = entry(&g, "sommet");
        assert_eq!(sommet.len(), 1);
        assert_eq!(
            (sommet[0].id.as_str(), sommet[0].en.as_str()),
            ("sommet", "summit meeting")
        );
        assert!(g.entries.iter().all(|e| e.id != "c1"));
    }

    #[test]
    fn our_id_in_a_tbx_follows_an_edit_of_the_french_term() {
        let merged = import_tbx(&[("defense-aerienne", "défense antiaérienne", "air defence")]);
        let g = Glossary::parse(&merged.bytes, "g.csv").unwrap();
        assert!(entry(&g, "défense aérienne").is_empty());
        assert_eq!(entry(&g, "défense antiaérienne")[0].id, "defense-aerienne");
    }

    fn import(sheet_bytes: &[u8]) -> Result<Merged, ImportError> {
        let sheet = Sheet::parse(sheet_bytes, "review.csv", None)?;
        merge(CURATED.as_bytes(), "g.csv", &sheet, "review.csv")
    }

    #[test]
    fn export_then_import_changes_nothing_in_either_flavour() {
        for excel in [false, true] {
            for delimiter in [b',', b';', b'\t'] {
                let bytes = exported(Flavour { excel, delimiter });
                let merged = import(&bytes).unwrap();
                assert_eq!(merged.bytes, CURATED.as_bytes());
                assert_eq!(merged.summary.unchanged, 3);
                assert_eq!(merged.summary.undecided, 1);
                assert!(merged.changes.is_empty());
            }
        }
    }

    #[test]
    fn the_excel_flavour_has_a_bom_crlf_and_quotes_everywhere() {
        let bytes = exported(Flavour {
            excel: true,
            delimiter: b';',
        });
        let text = std::str::from_utf8(&bytes).unwrap();
        assert!(text.starts_with("\u{feff}\"fr-FR\";\"en-GB\";\"status\""));
        assert!(text.contains("\"0\";\"0\""));
        assert_eq!(text.matches("\r\n").count(), text.matches('\n').count());
    }

    #[test]
    fn an_edited_row_is_rewritten_and_the_others_keep_their_bytes() {
        let s = String::from_utf8(exported(Flavour::default())).unwrap();
        let s = s.replace("sommet,summit,proposed", "sommet,summit,approved");
        let merged = import(s.as_bytes()).unwrap();
        let text = String::from_utf8(merged.bytes).unwrap();
        assert_eq!(
            text,
            CURATED.replace(
                "sommet,summit,sommet,term,proposed",
                "sommet,summit,sommet,term,approved"
            )
        );
        assert_eq!((merged.summary.changed, merged.summary.approved), (1, 1));
        assert_eq!(
            merged.changes[0].to_string(),
            "row 4: changed sommet: status \"proposed\" → \"approved\""
        );
    }

    #[test]
    fn a_candidate_with_a_status_is_added_and_one_edited_without_is_added_as_proposed() {
        let base = String::from_utf8(exported(Flavour::default())).unwrap();
        let approved = base.replace(
            "ligne ferroviaire,railway line,,",
            "ligne ferroviaire,railway line,approved,",
        );
        let merged = import(approved.as_bytes()).unwrap();
        let text = String::from_utf8(merged.bytes).unwrap();
        assert!(text.starts_with(CURATED));
        assert!(
            text.ends_with("ligne ferroviaire,railway line,ligne-ferroviaire,term,approved,,,,,\n"),
            "{text}"
        );
        assert_eq!((merged.summary.added, merged.summary.approved), (1, 1));

        let edited = base.replace(
            "ligne ferroviaire,railway line,,",
            "ligne ferroviaire,rail line,,",
        );
        let text = String::from_utf8(import(edited.as_bytes()).unwrap().bytes).unwrap();
        assert!(
            text.ends_with("ligne ferroviaire,rail line,ligne-ferroviaire,term,proposed,,,,,\n"),
            "{text}"
        );
    }

    #[test]
    fn columns_in_any_order_and_unknown_columns_go_to_the_note() {
        let s = sheet("Reviewer comment,id,status,en-GB,fr-FR\nprefer CIS,cei,approved,CIS,CEI\n");
        let merged = merge(CURATED.as_bytes(), "g.csv", &s, "review.csv").unwrap();
        let text = String::from_utf8(merged.bytes).unwrap();
        assert!(
            text.contains(",Commonwealth of Independent States,Reviewer comment: prefer CIS\n"),
            "{text}"
        );
        // Importing the same sheet again changes nothing more.
        let again = merge(text.as_bytes(), "g.csv", &s, "review.csv").unwrap();
        assert_eq!(again.bytes, text.as_bytes());
    }

    #[test]
    fn every_problem_is_reported_with_row_and_column_and_nothing_changes() {
        let err = import(
            "fr-FR,en-GB,status,type,id\n\
             ,x,approved,term,vide\n\
             CEI,CIS,aproved,acronym,cei\n\
             Bakou,Baku,approved,place,bakou\n\
             sommet,meeting,approved,term,sommet\n\
             Sommet,top,approved,term,sommet-2\n\
             OCS,,approved,acronym,ocs\n"
                .as_bytes(),
        )
        .unwrap_err();
        let ImportError::Invalid { problems, .. } = &err else {
            panic!("{err}")
        };
        let found: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            found,
            [
                "row 2, column 1: the French term is empty",
                "row 3, column 3: unknown status \"aproved\": use approved, proposed or rejected",
                "row 4, column 4: unknown type \"place\": use acronym, code, name or term",
                "row 6, column 2: \"Sommet\" is approved as \"top\" here and as \"meeting\" in row 5: keep one",
                "row 7, column 2: an approved entry needs its English term",
            ]
        );
    }

    #[test]
    fn two_rows_for_one_entry_are_an_error() {
        let err =
            import("fr-FR,en-GB,status\nsommet,summit,approved\nSommet,top,approved\n".as_bytes())
                .unwrap_err();
        assert!(
            err.to_string().contains(
                "row 3, column 1: the same entry (sommet) as row 2: keep one row per entry"
            ),
            "{err}"
        );
    }

    #[test]
    fn a_header_it_cannot_map_is_an_error() {
        let err = Sheet::parse("fr-FR,de-DE,en-GB\na,b,c\n".as_bytes(), "r.csv", None).unwrap_err();
        assert!(
            err.to_string()
                .contains("row 1, column 2: header \"de-DE\" names a language"),
            "{err}"
        );
        let err = Sheet::parse("Terme,Traduction\na,b\n".as_bytes(), "r.csv", None).unwrap_err();
        assert!(err.to_string().contains("row 1: no French column"), "{err}");
    }

    #[test]
    fn a_truncated_file_and_a_row_with_too_many_fields_are_reported() {
        let err = import("\"fr-FR\",\"en-GB\"\n\"CEI\",\"CI".as_bytes()).unwrap_err();
        assert!(
            err.to_string()
                .contains("row 2: the file ends inside a quoted cell"),
            "{err}"
        );
        let err = import("fr-FR,en-GB\nCEI,CIS,x\n".as_bytes()).unwrap_err();
        assert!(
            err.to_string()
                .contains("row 2, column 3: 3 fields where the header has 2"),
            "{err}"
        );
    }

    #[test]
    fn a_cell_a_spreadsheet_turned_into_a_formula_error_is_refused() {
        let err = import("fr-FR,en-GB,note\nCEI,CIS,#NAME?\n".as_bytes()).unwrap_err();
        assert!(
            err.to_string()
                .contains("row 2, column 3: \"#NAME?\" is a spreadsheet's formula error"),
            "{err}"
        );
    }

    #[test]
    fn a_sheet_of_another_variety_is_refused_and_one_without_region_accepted() {
        let err = import("fr-FR,en-US\nsommet,summit\n".as_bytes()).unwrap_err();
        assert!(
            err.to_string()
                .contains("row 1, column 2: the sheet's column is en-US, the glossary's en-GB"),
            "{err}"
        );
        let merged = import("fr,en\nsommet,summit\n".as_bytes()).unwrap();
        assert_eq!(merged.summary.unchanged, 1);
        // An en-US glossary takes its own variety, and the sheet tmkit wrote.
        let us = CURATED.replacen("en-GB", "en-US", 1);
        for sheet_header in ["fr-FR,en-US", "fr-FR,en-GB"] {
            let s = sheet(&format!("{sheet_header}\nsommet,summit\n"));
            assert!(
                merge(us.as_bytes(), "g.csv", &s, "review.csv").is_ok(),
                "{sheet_header}"
            );
        }
    }

    #[test]
    fn a_semicolon_glossary_keeps_its_delimiter_when_a_row_changes() {
        let curated = CURATED.replace(',', ";");
        let s = sheet("fr-FR,en-GB,status\nsommet,summit meeting,proposed\n");
        let merged = merge(curated.as_bytes(), "g.csv", &s, "review.csv").unwrap();
        let text = String::from_utf8(merged.bytes).unwrap();
        assert!(
            text.contains("\nsommet;summit meeting;sommet;term;proposed;"),
            "{text}"
        );
        assert!(!text.contains(','), "{text}");
    }

    #[test]
    fn a_formula_error_is_reported_with_the_other_rows_problems() {
        let err = import(
            "fr-FR,en-GB,status,note\n\
             CEI,CIS,approved,#NAME?\n\
             sommet,summit,aproved,\n\
             ,x,approved,\n"
                .as_bytes(),
        )
        .unwrap_err();
        let ImportError::Invalid { problems, .. } = &err else {
            panic!("{err}")
        };
        let rows: Vec<(usize, Option<usize>)> =
            problems.iter().map(|p| (p.row, p.column)).collect();
        assert_eq!(rows, [(2, Some(4)), (3, Some(3)), (4, Some(1))], "{err}");
    }

    #[test]
    fn the_delimiter_is_found_from_the_header() {
        assert_eq!(
            sheet("fr-FR;en-GB;note\nCEI;CIS;\"a, b\"\n").delimiter,
            b';'
        );
        assert_eq!(sheet("fr-FR\ten-GB\nCEI\tCIS\n").delimiter, b'\t');
        assert_eq!(sheet("\"fr-FR\",\"en-GB\"\n").delimiter, b',');
    }

    #[test]
    fn utf16_from_excel_unicode_text_is_read() {
        let text = "fr-FR\ten-GB\nCEI\tCIS\n";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let s = Sheet::parse(&bytes, "r.txt", None).unwrap();
        assert_eq!(s.rows[0].get(Field::En), Some("CIS"));
    }
}
