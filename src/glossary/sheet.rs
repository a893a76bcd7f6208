//! The review sheet as CSV: the rows written for a spreadsheet, and a
//! returned sheet read back, whatever the spreadsheet did to it, into the
//! reviewer's decisions.
//!
//! Where it sits in the flow: [`write()`] writes [`super::rows`]' rows;
//! [`Sheet::parse`] reads a sheet into [`Decisions`], which
//! [`super::merge`] applies to the curated file.
//!
//! Columns, matched by header name on import, in any order:
//!
//! | column | on import |
//! |---|---|
//! | `fr-FR`, `en-GB`, `status`, `type`, `fr-FR variants`, `en-GB variants`, `fr-FR deprecated`, `en-GB deprecated`, `fr-FR expansion`, `en-GB expansion`, `note`, `id` | the reviewer's decision: applied ([`Field`]) |
//! | `count`, `documents`, `fr-FR context`, `en-GB context`, `proposal`, `evidence` | information: ignored |
//! | `base` | what the row's editable cells held when exported ([`super::base`]): a cell that still holds it is no decision |
//! | a column of the curated file tmkit does not interpret | applied to that column |
//! | any other column | kept in the entry's note as `header: value` |
//!
//! A glossary entry's row has its status. A new candidate's row has an empty
//! status (undecided) and its proposal, if any, in `en-GB` and `proposal`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{self, Write};

use super::base::{self, Base, Bases, extra_key, field_key};
use super::contexts::clean;
use super::decisions::{Decision, DecisionSource, Decisions};
use super::fields::{Label, Lang};
use super::merge::MergeError;
use super::rows::Row;
use super::{Field, Place, Problem, SOURCE_LANGUAGE, TARGET_LANGUAGE, decode};
use crate::language::LangTag;

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

/// A column of the sheet that is information about a row, not part of the
/// entry: written, ignored on import.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Info {
    Count,
    Documents,
    FrContext,
    EnContext,
    Proposal,
    Evidence,
}

impl Info {
    fn label(self) -> Label {
        match self {
            Info::Count => Label::Named("count"),
            Info::Documents => Label::Named("documents"),
            Info::FrContext => Label::Of(Lang::Fr, "context"),
            Info::EnContext => Label::Of(Lang::En, "context"),
            Info::Proposal => Label::Named("proposal"),
            Info::Evidence => Label::Named("evidence"),
        }
    }

    fn get(self, row: &Row) -> String {
        match self {
            Info::Count => row.count.to_string(),
            Info::Documents => row.documents.to_string(),
            Info::FrContext => row.fr_context.clone(),
            Info::EnContext => row.en_context.clone(),
            Info::Proposal => row.proposal.clone(),
            Info::Evidence => row.evidence.clone(),
        }
    }
}

/// A column of the sheet tmkit writes: a field of the entry, which the
/// reviewer edits, information, or the row's base.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Column {
    Field(Field),
    Info(Info),
    Base,
}

/// The sheet's columns, in order; the curated file's own extra columns
/// come after them.
const COLUMNS: [Column; 19] = [
    Column::Field(Field::Fr),
    Column::Field(Field::En),
    Column::Field(Field::Status),
    Column::Field(Field::Kind),
    Column::Info(Info::Count),
    Column::Info(Info::Documents),
    Column::Field(Field::FrVariants),
    Column::Field(Field::EnVariants),
    Column::Field(Field::FrDeprecated),
    Column::Field(Field::EnDeprecated),
    Column::Field(Field::FrExpansion),
    Column::Field(Field::EnExpansion),
    Column::Info(Info::FrContext),
    Column::Info(Info::EnContext),
    Column::Info(Info::Proposal),
    Column::Info(Info::Evidence),
    Column::Field(Field::Note),
    Column::Field(Field::Id),
    Column::Base,
];

impl Column {
    fn label(self) -> Label {
        match self {
            Column::Field(f) => f.label(),
            Column::Info(i) => i.label(),
            Column::Base => Label::Named(base::HEADER),
        }
    }

    /// Whether the reviewer's cell is a decision.
    fn editable(self) -> bool {
        matches!(self, Column::Field(_))
    }

    fn header(self) -> String {
        let (fr, en) = (SOURCE_LANGUAGE, TARGET_LANGUAGE);
        match self.label() {
            Label::Term(Lang::Fr) => fr.into(),
            Label::Term(Lang::En) => en.into(),
            Label::Of(Lang::Fr, word) => format!("{fr} {word}"),
            Label::Of(Lang::En, word) => format!("{en} {word}"),
            Label::Named(name) => name.into(),
        }
    }

    /// The row's cell; the base is made of the others.
    fn get(self, row: &Row) -> String {
        match self {
            // A candidate is undecided until the reviewer gives it a status.
            Column::Field(Field::Status) if row.candidate => String::new(),
            Column::Field(f) => f.get(&row.entry).into_owned(),
            Column::Info(i) => i.get(row),
            Column::Base => String::new(),
        }
    }
}

/// What a cell may not start with in a spreadsheet: a spreadsheet would
/// take it for a formula (OWASP's list against CSV injection).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as the Excel flavour writes it: one that starts with `= + - @`, a
/// tab or a CR gets an apostrophe first, so that no spreadsheet runs it;
/// the import takes it off again ([`unescape`]).
pub(crate) fn escape(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(FORMULA_START) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// A cell without the apostrophe [`escape`] put before `= + - @`, a tab or
/// a CR.
pub(crate) fn unescape(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) => rest,
        _ => cell,
    }
}

/// Writes the sheet: a header row, then one row per [`Row`]; the curated
/// file's own extra columns come last. The Excel flavour escapes every cell
/// a spreadsheet would take for a formula (an apostrophe first).
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
        for (h, _) in &row.entry.extra {
            if !extra.contains(&h.as_str()) {
                extra.push(h);
            }
        }
    }
    let header: Vec<String> = COLUMNS
        .iter()
        .map(|c| c.header())
        .chain(extra.iter().map(|h| h.to_string()))
        .collect();
    writer.write_record(&header)?;
    for row in rows {
        let mut cells: Vec<String> = COLUMNS
            .iter()
            .map(|c| clean(&c.get(row)))
            .chain(extra.iter().map(|h| {
                row.entry
                    .extra
                    .iter()
                    .find(|(k, _)| k == h)
                    .map(|(_, v)| clean(v))
                    .unwrap_or_default()
            }))
            .collect();
        // The base: every editable cell as written, before any escaping.
        let editable = COLUMNS.iter().zip(&cells).filter_map(|(c, v)| match c {
            Column::Field(f) => Some((Cow::Borrowed(field_key(*f)), v.as_str())),
            _ => None,
        });
        let extras = extra
            .iter()
            .zip(&cells[COLUMNS.len()..])
            .map(|(h, v)| (Cow::Owned(extra_key(h)), v.as_str()));
        let base = Base::of(editable.chain(extras)).encode();
        if let Some(at) = COLUMNS.iter().position(|c| *c == Column::Base) {
            cells[at] = base;
        }
        if flavour.excel {
            let escaped: Vec<_> = cells.iter().map(|c| escape(c)).collect();
            writer.write_record(escaped.iter().map(|c| c.as_bytes()))?;
        } else {
            writer.write_record(&cells)?;
        }
    }
    writer.flush()
}

/// What a header cell of an imported sheet maps to.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Header {
    Column(Column),
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
/// `fr-FR`, `EN-us`, and in a sheet `en_GB` too: spreadsheets and CAT
/// tools write those).
fn language(s: &str) -> Option<String> {
    let tag = s.replace('_', "-");
    LangTag::parse(&tag)
        .ok()
        .map(|t| t.primary().to_ascii_lowercase())
}

fn map_header(header: &str) -> Result<Header, String> {
    let h = header.trim();
    if h.is_empty() {
        return Ok(Header::Blank);
    }
    let lower = h.to_lowercase();
    let named = COLUMNS
        .iter()
        .find(|c| matches!(c.label(), Label::Named(name) if name == lower));
    if let Some(c) = named {
        return Ok(Header::Column(*c));
    }
    let (tag, suffix) = match lower.split_once(' ') {
        Some((t, s)) => (t, Some(s.trim())),
        None => (lower.as_str(), None),
    };
    let Some(lang) = language(tag) else {
        return Ok(Header::Extra(h.to_string()));
    };
    let found = COLUMNS.iter().find(|c| match (c.label(), suffix) {
        (Label::Term(l), None) => l.primary() == lang,
        (Label::Of(l, word), Some(s)) => l.primary() == lang && word == s,
        _ => false,
    });
    match (found, suffix) {
        (Some(c), _) => Ok(Header::Column(*c)),
        (None, None) => Err(format!(
            "header {h:?} names a language this French→English glossary does not have: rename the column (its cells would be lost) or remove it"
        )),
        (None, Some(_)) => Ok(Header::Extra(h.to_string())),
    }
}

/// An imported table, parsed but not yet applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sheet {
    /// Its rows as a review sheet's decisions (ids ours; with a base
    /// column, only the cells the reviewer changed decide). [`Sheet::take`]
    /// checks first that the table is one.
    pub decisions: Decisions,
    /// The delimiter found or given.
    pub delimiter: u8,
    /// What the table is.
    pub kind: TableKind,
}

/// What an imported table is, from its header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TableKind {
    /// A review sheet tmkit wrote, with its base column.
    Review,
    /// A review sheet tmkit wrote before sheets had a base column.
    Unbased,
    /// The term candidates `tmkit terms` writes.
    Terms,
    /// Another table, and what it looks like (`a plain term list`).
    Other(String),
}

/// The columns of the terms CSV that describe a candidate rather than
/// decide an entry (its variants are inflections, its context a sentence).
const TERMS_INFORMATION: [&str; 5] = ["variants", "expansion", "score", "context", "source"];

impl TableKind {
    /// What the table looks like, for a message.
    fn looks(&self) -> String {
        match self {
            TableKind::Review | TableKind::Unbased => "a review sheet tmkit wrote".to_string(),
            TableKind::Terms => "the term candidates of `tmkit terms` (columns score, variants, context): its English column holds machine proposals".to_string(),
            TableKind::Other(what) => what.clone(),
        }
    }
}

/// How to take a sheet's rows.
#[derive(Clone, Copy, Debug)]
pub enum Take<'a> {
    /// As a review sheet: the cells the reviewer changed, told by the base
    /// column.
    Review,
    /// As a review sheet written without a base column, each row with the
    /// base its id had in the sheet it was exported as.
    Base(&'a Bases),
    /// As new decisions (see [`DecisionSource::AsNew`]).
    AsNew,
}

/// What a table is, from its header row.
fn looks_like(header: &csv::StringRecord) -> TableKind {
    let named: Vec<&str> = header
        .iter()
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .collect();
    let has = |name: &str| named.iter().any(|h| h.eq_ignore_ascii_case(name));
    if has(base::HEADER) {
        return TableKind::Review;
    }
    if has("proposal") && has("id") {
        return TableKind::Unbased;
    }
    if has("score") && has("variants") {
        return TableKind::Terms;
    }
    let languages = named.iter().all(|h| {
        matches!(
            map_header(h),
            Ok(Header::Column(Column::Field(Field::Fr | Field::En)))
        )
    });
    TableKind::Other(if languages {
        format!("a plain term list ({})", named.join(", "))
    } else if has("id") && has("status") {
        "a glossary in the curated file's format (id, status…), not a sheet tmkit exported"
            .to_string()
    } else {
        format!("a table with the columns {}", named.join(", "))
    })
}

impl Sheet {
    /// Each row's base by its id (its base cell, or its cells as they are):
    /// read from the sheet an export committed, the bases of its reviewed
    /// copy without a base column ([`Take::Base`]).
    pub fn bases(&self) -> Bases {
        self.decisions
            .rows
            .iter()
            .filter_map(|row| {
                let base = row.base.clone().unwrap_or_else(|| row.as_base());
                Some((row.get(Field::Id)?.to_string(), base))
            })
            .collect()
    }

    /// The sheet's decisions, taken as `how` says, or why they cannot be:
    /// a table that is not a review sheet is taken only as new decisions,
    /// a review sheet without its base only with the bases it was exported
    /// with.
    pub fn take(self, origin: &str, how: Take<'_>) -> Result<Decisions, MergeError> {
        let refused = |message: String| {
            Err(MergeError::Refused {
                origin: origin.to_string(),
                message,
            })
        };
        let mut decisions = self.decisions;
        match (&self.kind, how) {
            (TableKind::Review, Take::Review) => Ok(decisions),
            (TableKind::Review, Take::Base(_)) => refused(
                "the sheet has its own base column: import it without --base".to_string(),
            ),
            (TableKind::Review, Take::AsNew) => refused(
                "the sheet is a review sheet with its base column: import it without --as-new, so that only the cells the reviewer changed count"
                    .to_string(),
            ),
            (TableKind::Unbased, Take::Review) => refused(
                "a review sheet without a base column (written before sheets had one), so the import cannot tell the reviewer's edits from the glossary's: give --base REV, REV being the commit whose export/glossary/fr-en.review.csv was sent to the reviewer (`git log -- export/glossary/fr-en.review.csv` lists them), or --as-new to take every cell as a decision"
                    .to_string(),
            ),
            (TableKind::Unbased, Take::Base(bases)) => {
                for row in &mut decisions.rows {
                    row.base = row.get(Field::Id).and_then(|id| bases.get(id)).cloned();
                }
                Ok(decisions)
            }
            (TableKind::Terms | TableKind::Other(_), Take::Review | Take::Base(_)) => refused(format!(
                "not a review sheet tmkit wrote: it looks like {}. To take its rows in as new decisions, import it with --as-new (a known French term's proposed entry takes the row; an approved one changes only where the row says approved or rejected, its other differences being conflicts; new terms come in as proposed unless the row gives a status); or review them in the sheet `tmkit glossary review` writes",
                self.kind.looks()
            )),
            (kind, Take::AsNew) => {
                decisions.source = DecisionSource::AsNew;
                for row in &mut decisions.rows {
                    row.base = None;
                    row.drop_empty();
                    if *kind == TableKind::Terms {
                        row.drop_extra(&TERMS_INFORMATION);
                    }
                }
                Ok(decisions)
            }
        }
    }

    /// Reads a review sheet in either flavour (BOM or not, CRLF or LF,
    /// UTF-8 or UTF-16), with `delimiter` or the one its header row uses.
    /// Every problem is reported at once.
    pub fn parse(bytes: &[u8], origin: &str, delimiter: Option<u8>) -> Result<Sheet, MergeError> {
        let text = decode(bytes, origin)?;
        let delimiter =
            delimiter.unwrap_or_else(|| crate::tm::table::Delimiter::sniff(&text).byte());
        let invalid = |problems: Vec<Problem>| MergeError::Invalid {
            origin: origin.to_string(),
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
            Some(Err(e)) => return Err(invalid(vec![Problem::new(Place::row(1), e.to_string())])),
            None => {
                return Err(invalid(vec![Problem::new(
                    Place::row(1),
                    "the file is empty: expected a header row (fr-FR,en-GB,…)",
                )]));
            }
        };
        let mut problems = Vec::new();
        let mut headers = Vec::new();
        let mut seen: BTreeMap<Column, usize> = BTreeMap::new();
        for (c, h) in header.iter().enumerate() {
            match map_header(h) {
                Ok(Header::Column(column)) => {
                    if let Some(first) = seen.insert(column, c + 1) {
                        problems.push(Problem::new(
                            Place::row(1).at(Some(c as u64 + 1)),
                            format!(
                                "header {:?} maps to the same column as column {first}: keep one",
                                h.trim()
                            ),
                        ));
                    }
                    headers.push(Header::Column(column));
                }
                Ok(other) => headers.push(other),
                Err(message) => {
                    problems.push(Problem::new(Place::row(1).at(Some(c as u64 + 1)), message));
                    headers.push(Header::Blank);
                }
            }
        }
        for (f, name) in [(Field::Fr, "French"), (Field::En, "English")] {
            if !seen.contains_key(&Column::Field(f)) {
                problems.push(Problem::new(
                    Place::row(1),
                    format!(
                        "no {name} column: the header row must name the languages as tags ({SOURCE_LANGUAGE},{TARGET_LANGUAGE},…)"
                    ),
                ));
            }
        }
        // The French and English columns' tags, with their 1-based column.
        let languages = [Field::Fr, Field::En].map(|f| {
            seen.get(&Column::Field(f))
                .map(|&c| (c, header[c - 1].trim().to_string()))
        });
        // Rows cannot be read without their columns; problems in rows wait
        // for the merge, which reports them with its own.
        let header_problems = !problems.is_empty();
        let mut rows = Vec::new();
        let mut last_row = 1;
        for (i, record) in records.enumerate() {
            let row = i + 2;
            last_row = row;
            let place = Place::row(row as u64);
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    problems.push(Problem::new(place, e.to_string()));
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
                problems.push(Problem::new(
                    place.at(Some(record.len().min(header.len()) as u64 + 1)),
                    message,
                ));
                continue;
            }
            let mut decision = Decision::new(place);
            for (c, (cell, header)) in record.iter().zip(&headers).enumerate() {
                let editable = match header {
                    Header::Column(column) => column.editable(),
                    Header::Extra(_) => true,
                    Header::Blank => !cell.trim().is_empty(),
                };
                if editable && cell.contains(['\n', '\r', '\t']) {
                    problems.push(Problem::new(
                        place.at(Some(c as u64 + 1)),
                        "a line break or tab inside a cell: put it on one line",
                    ));
                }
                if editable && SPREADSHEET_ERRORS.contains(&cell.trim()) {
                    problems.push(Problem::new(
                        place.at(Some(c as u64 + 1)),
                        format!(
                            "{:?} is a spreadsheet's formula error, not a term: the spreadsheet read the cell as a formula (it began with = + - or @); type the text again, formatted as text",
                            cell.trim()
                        ),
                    ));
                }
                match header {
                    Header::Column(Column::Field(f)) => decision.give(*f, Some(c + 1), cell),
                    Header::Column(Column::Info(Info::Proposal)) => {
                        decision.proposal = Some(unescape(cell.trim()).to_string());
                    }
                    Header::Column(Column::Info(_)) => {}
                    Header::Column(Column::Base) => match Base::parse(cell) {
                        Ok(base) => decision.base = base,
                        Err(message) => {
                            problems.push(Problem::new(place.at(Some(c as u64 + 1)), message))
                        }
                    },
                    Header::Extra(h) => decision.give_extra(Some(c + 1), h, cell),
                    Header::Blank if !cell.trim().is_empty() => {
                        decision.give_extra(Some(c + 1), &format!("column {}", c + 1), cell);
                    }
                    Header::Blank => {}
                }
            }
            decision.shrink_to_fit();
            rows.push(decision);
        }
        // A quote never closed: the csv reader ends the cell at the end of
        // the file, so a cut file would pass for a short last cell.
        if text.bytes().filter(|&b| b == b'"').count() % 2 == 1 {
            problems.push(Problem::new(
                Place::row(last_row as u64),
                "the file ends inside a quoted cell: it is truncated; save the sheet again",
            ));
        }
        if header_problems {
            super::sort(&mut problems);
            return Err(invalid(problems));
        }
        Ok(Sheet {
            decisions: Decisions {
                source: DecisionSource::Sheet,
                rows,
                languages,
                problems,
            },
            delimiter,
            kind: looks_like(&header),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(csv: &str) -> Sheet {
        Sheet::parse(csv.as_bytes(), "review.csv", None).unwrap()
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
        assert_eq!(s.decisions.rows[0].get(Field::En), Some("CIS"));
    }
}
