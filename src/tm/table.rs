//! Translation memories as bilingual tables (CSV or TSV), for tools and
//! people that take spreadsheets, and back.
//!
//! One row per unit. The header row names the columns: language tags first
//! (`fr-FR,en-GB`, source first), then the unit's attributes by name
//! (`tuid`, `creationdate`, `changedate`, …), `note`, and one column per
//! prop type (`x-document`, `x-align-score`; a type without the `x-`
//! prefix is written `prop:TYPE`). Reading takes the columns in any order,
//! matched by name.
//!
//! A table cannot hold everything a TMX file can: inline codes are
//! flattened to their text, variant-level notes, props and attributes are
//! left out, an empty note or prop has no cell of its own, and several notes
//! (or props of one type) of a unit share one cell, joined by line breaks,
//! and come back as one. [`TableReport`] counts what was left out so that the caller
//! can say so; nothing is dropped silently.
//!
//! CSV is RFC 4180 (fields quoted when needed). TSV cells never hold a raw
//! tab or line break: they are written `\t`, `\n`, `\r` and a backslash
//! `\\`, and read back.

use std::collections::{HashMap, HashSet};
use std::io::{self, Read, Write};

use crate::encoding::{Decoder, Undecodable};
use crate::error::{ErrorKind, Located, Place};

use super::tmx::{is_plain_xml_name, xml_name_problem};
use super::{Annotation, Header, Unit, UnitWriter, Variant};
use crate::language::LangTag;
use crate::xml::{not_xml_char, not_xml_message};

/// Cell separator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delimiter {
    /// `,` (RFC 4180).
    Comma,
    /// `;`, French Excel's CSV.
    Semicolon,
    /// Tab (TSV, with backslash escapes).
    Tab,
}

impl Delimiter {
    /// The delimiter's byte.
    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }

    /// The delimiter a table's header row uses: the most frequent of
    /// `,` `;` and tab outside quotes (French Excel writes `;`), `,` when
    /// there is none.
    ///
    /// ```
    /// use tmkit::tm::table::Delimiter;
    /// assert_eq!(Delimiter::sniff("fr-FR;en-GB;\"a, b\"\nx;y;z"), Delimiter::Semicolon);
    /// assert_eq!(Delimiter::sniff("fr-FR"), Delimiter::Comma);
    /// ```
    pub fn sniff(text: &str) -> Delimiter {
        let mut counts = [0usize; 3];
        let mut quoted = false;
        for c in text.chars() {
            match c {
                '"' => quoted = !quoted,
                '\n' | '\r' if !quoted => break,
                ',' if !quoted => counts[0] += 1,
                ';' if !quoted => counts[1] += 1,
                '\t' if !quoted => counts[2] += 1,
                _ => {}
            }
        }
        // Ties go to the comma, then the semicolon.
        let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
        [Delimiter::Comma, Delimiter::Semicolon, Delimiter::Tab][best]
    }
}

/// What the table could not hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableReport {
    /// Rows written or read.
    pub units: u64,
    /// Segments whose inline codes were flattened to text.
    pub flattened_markup: u64,
    /// Variant-level notes, props and attributes (other than `xml:lang`)
    /// left out.
    pub variant_details: u64,
    /// Unit notes and props the table cannot keep apart: empty ones, and
    /// several of one kind (joined in one cell, they come back as one).
    pub unit_details: u64,
    /// Segments in a language their unit already has (alternative
    /// translations): one column per language holds the first only.
    pub alternatives: u64,
}

/// A table that cannot be read: its [kind](TableErrorKind), the file and
/// where in it: a cell ([`Place::Cell`], the header row is row 1), or for
/// a file that cannot be decoded or split into cells, a line and character
/// of its text.
pub type TableError = Located<TableErrorKind>;

/// What is wrong with a table.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TableErrorKind {
    /// Reading failed.
    #[error(transparent)]
    Io(io::Error),
    /// Not UTF-8, nor UTF-16 with a byte-order mark (what is wrong and
    /// what to do).
    #[error("{0}")]
    Undecodable(String),
    /// A row has not as many cells as the header.
    #[error(
        "{cells} cells where the header has {expected}: quote cells that hold the delimiter {delimiter:?}"
    )]
    Ragged {
        /// The row's cells.
        cells: u64,
        /// The header's.
        expected: u64,
        /// The table's delimiter.
        delimiter: char,
    },
    /// Not parseable as CSV otherwise.
    #[error("{0}")]
    Csv(csv::Error),
    /// A row or the header is wrong (what is wrong and what to do).
    #[error("{0}")]
    Invalid(String),
}

impl ErrorKind for TableErrorKind {
    fn table(&self) -> bool {
        true
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Column {
    Lang(String),
    Attribute(String),
    Note,
    Prop(String),
}

impl Column {
    /// What tells the column from the others: a language tag in lower
    /// case (`en-GB` and `en-gb` are one language).
    fn key(&self) -> Column {
        match self {
            Column::Lang(l) => Column::Lang(l.to_ascii_lowercase()),
            c => c.clone(),
        }
    }

    fn title(&self) -> String {
        match self {
            Column::Lang(l) | Column::Attribute(l) => l.clone(),
            Column::Note => "note".to_string(),
            Column::Prop(t) if t.starts_with("x-") => t.clone(),
            Column::Prop(t) => format!("prop:{t}"),
        }
    }

    fn parse(title: &str) -> Option<Column> {
        let title = title.trim();
        if title == "note" {
            Some(Column::Note)
        } else if let Some(t) = title.strip_prefix("prop:") {
            Some(Column::Prop(t.to_string()))
        } else if title.starts_with("x-") {
            Some(Column::Prop(title.to_string()))
        } else if LangTag::parse(title).is_ok() && (title.contains('-') || title.len() == 2) {
            Some(Column::Lang(title.to_string()))
        } else if title.is_ascii() && is_plain_xml_name(title) && !title.contains(':') {
            Some(Column::Attribute(title.to_string()))
        } else {
            None
        }
    }
}

fn escape_tsv(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    for c in cell.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

fn unescape_tsv(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Writes units as a table; `srclang` names the first language column.
pub fn write_table<W: Write>(
    w: W,
    delimiter: Delimiter,
    srclang: &str,
    units: &[Unit],
) -> io::Result<TableReport> {
    let mut columns = Columns::new(srclang);
    for unit in units {
        columns.add(unit);
    }
    TableWriter::write_all(w, (delimiter, columns), units)
}

/// The columns of a table, gathered from the units it will hold before any
/// is written (a memory too large to hold is read twice: once for its
/// columns, once to write it).
#[derive(Debug)]
pub struct Columns {
    langs: Vec<Column>,
    attributes: Vec<Column>,
    notes: bool,
    props: Vec<Column>,
    seen: HashSet<Column>,
}

impl Columns {
    /// No column but the source language's.
    pub fn new(srclang: &str) -> Columns {
        let source = Column::Lang(srclang.to_string());
        Columns {
            seen: HashSet::from([source.key()]),
            langs: vec![source],
            attributes: Vec::new(),
            notes: false,
            props: Vec::new(),
        }
    }

    /// Adds the columns `unit` needs.
    pub fn add(&mut self, unit: &Unit) {
        for v in &unit.variants {
            Self::push(
                &mut self.seen,
                &mut self.langs,
                Column::Lang(v.lang().into()),
            );
        }
        for (name, _) in &unit.attributes {
            let column = Column::Attribute(name.to_string());
            Self::push(&mut self.seen, &mut self.attributes, column);
        }
        for a in &unit.annotations {
            match a.prop_type() {
                Some(t) => Self::push(&mut self.seen, &mut self.props, Column::Prop(t.into())),
                None => self.notes = true,
            }
        }
    }

    fn push(seen: &mut HashSet<Column>, list: &mut Vec<Column>, column: Column) {
        if seen.insert(column.key()) {
            list.push(column);
        }
    }
}

/// A table written one unit at a time (a [`UnitWriter`]), under the header
/// of its [`Columns`]: time and memory linear in the units and in the
/// languages, attributes and props of each, whatever their number.
pub struct TableWriter<W: Write> {
    out: csv::Writer<W>,
    delimiter: Delimiter,
    /// Each column's index, by [`Column::key`].
    index: HashMap<Column, usize>,
    row: Vec<String>,
    filled: Vec<bool>,
    report: TableReport,
}

impl<W: Write> UnitWriter<W> for TableWriter<W> {
    type Header<'h> = (Delimiter, Columns);
    type Error = io::Error;
    /// What the table could not hold.
    type Finished = TableReport;

    /// Writes the header row of `columns`.
    fn new(w: W, (delimiter, columns): (Delimiter, Columns)) -> io::Result<TableWriter<W>> {
        let mut list = columns.langs;
        list.extend(columns.attributes);
        if columns.notes {
            list.push(Column::Note);
        }
        list.extend(columns.props);
        let mut out = csv::WriterBuilder::new()
            .delimiter(delimiter.byte())
            .quote_style(if delimiter == Delimiter::Tab {
                csv::QuoteStyle::Never
            } else {
                csv::QuoteStyle::Necessary
            })
            .from_writer(w);
        out.write_record(list.iter().map(|c| cell_out(delimiter, c.title())))
            .map_err(io::Error::from)?;
        Ok(TableWriter {
            out,
            delimiter,
            index: list.iter().enumerate().map(|(i, c)| (c.key(), i)).collect(),
            row: vec![String::new(); list.len()],
            filled: vec![false; list.len()],
            report: TableReport::default(),
        })
    }

    /// Writes `unit`'s row. A unit needing a column the header lacks (one
    /// [`Columns::add`] did not see) is an error.
    fn write_unit(&mut self, unit: &Unit) -> io::Result<()> {
        self.report.units += 1;
        self.row.iter_mut().for_each(String::clear);
        self.filled.iter_mut().for_each(|f| *f = false);
        let mut kinds: HashSet<Option<&str>> = HashSet::new();
        for a in &unit.annotations {
            let kind = a.prop_type();
            if a.text.is_empty() || !kinds.insert(kind) {
                self.report.unit_details += 1;
            }
        }
        for v in &unit.variants {
            let i = self.column(Column::Lang(v.lang().into()))?;
            if self.filled[i] {
                self.report.alternatives += 1;
                continue;
            }
            self.filled[i] = true;
            self.row[i] = v.text();
            self.report.flattened_markup += u64::from(super::has_markup(&v.seg));
            let attributes = v.attributes.iter().filter(|(n, _)| n != "xml:lang").count();
            self.report.variant_details += (v.annotations.len() + attributes) as u64;
        }
        for (name, value) in &unit.attributes {
            let i = self.column(Column::Attribute(name.to_string()))?;
            if !self.filled[i] {
                self.filled[i] = true;
                self.row[i].push_str(value);
            }
        }
        // Several notes, or props of one type, share their cell, joined by
        // line breaks.
        for a in &unit.annotations {
            let i = match a.prop_type() {
                Some(t) => self.column(Column::Prop(t.into()))?,
                None => self.column(Column::Note)?,
            };
            if self.filled[i] {
                self.row[i].push('\n');
            }
            self.filled[i] = true;
            self.row[i].push_str(&a.text);
        }
        let delimiter = self.delimiter;
        self.out
            .write_record(self.row.iter().map(|c| cell_out(delimiter, c.clone())))
            .map_err(io::Error::from)?;
        Ok(())
    }

    /// Flushes the table; what it could not hold.
    fn finish(mut self) -> io::Result<TableReport> {
        self.out.flush()?;
        Ok(self.report)
    }
}

impl<W: Write> TableWriter<W> {
    fn column(&self, column: Column) -> io::Result<usize> {
        self.index.get(&column.key()).copied().ok_or_else(|| {
            io::Error::other(format!(
                "column {:?} is not in the table's header: the memory changed while it was converted",
                column.title()
            ))
        })
    }
}

/// A cell as written: escaped in a TSV.
fn cell_out(delimiter: Delimiter, s: String) -> String {
    if delimiter == Delimiter::Tab {
        escape_tsv(&s)
    } else {
        s
    }
}

/// Rows of one kind: how many, and the first [`Rows::SHOWN`] of them, so
/// that a caller can name a few and count the rest in memory that does not
/// grow with the table.
#[derive(Debug)]
pub struct Rows<T> {
    /// How many.
    pub count: u64,
    /// The first [`Rows::SHOWN`].
    pub first: Vec<T>,
}

impl<T> Default for Rows<T> {
    fn default() -> Rows<T> {
        Rows {
            count: 0,
            first: Vec::new(),
        }
    }
}

impl<T> Rows<T> {
    /// How many are kept in [`Rows::first`].
    pub const SHOWN: usize = 10;

    fn push(&mut self, row: T) {
        self.count += 1;
        if self.first.len() < Self::SHOWN {
            self.first.push(row);
        }
    }
}

/// The text of a table: the bytes read for its header row, then the rest
/// of the file as it is decoded.
type Text<R> = io::Chain<io::Cursor<Vec<u8>>, Decoder<R>>;

/// A table written by [`write_table`] or by hand, read one row at a time:
/// a header row with at least one language column, then one unit per row.
/// Memory does not grow with the table: what the caller should say about
/// its rows is counted ([`Rows`]).
///
/// A header it cannot map is an error; so is a row with no segment or a cell
/// holding a character XML cannot carry (a control character), unless
/// `skip_invalid`, which leaves such rows out and counts them
/// ([`TableReader::skipped`]). The file is UTF-8 (a BOM is dropped) or
/// UTF-16 with a BOM (Excel's "Unicode Text"), decoded as it is read.
pub struct TableReader<R: Read> {
    csv: csv::Reader<Text<R>>,
    record: csv::StringRecord,
    columns: Vec<Column>,
    langs: Vec<String>,
    delimiter: Delimiter,
    origin: String,
    skip_invalid: bool,
    /// The row read last (1-based, the header row is 1).
    row: u64,
    partial_rows: Rows<u64>,
    skipped: Rows<TableError>,
    /// Set after an error: the table is not read further.
    failed: bool,
}

impl<R: Read> TableReader<R> {
    /// Reads the header row of `input` (named `origin` in errors); the
    /// delimiter is found from it when not given.
    pub fn new(
        input: R,
        delimiter: Option<Delimiter>,
        origin: &str,
        skip_invalid: bool,
    ) -> Result<TableReader<R>, TableError> {
        let mut decoder = Decoder::new(input);
        // Read up to the header row's end (its first line break outside
        // quotes), where the delimiter is found.
        let mut head = Vec::new();
        let mut quoted = false;
        let mut scanned = 0;
        'header: loop {
            let mut chunk = [0; 1 << 14];
            let n = decoder
                .read(&mut chunk)
                .map_err(|e| read_error(origin, e))?;
            head.extend_from_slice(&chunk[..n]);
            for &b in &head[scanned..] {
                match b {
                    b'"' => quoted = !quoted,
                    b'\n' | b'\r' if !quoted => break 'header,
                    _ => {}
                }
            }
            scanned = head.len();
            if n == 0 {
                break;
            }
        }
        let delimiter =
            delimiter.unwrap_or_else(|| Delimiter::sniff(&String::from_utf8_lossy(&head)));
        let csv = csv::ReaderBuilder::new()
            .delimiter(delimiter.byte())
            .has_headers(false)
            .flexible(false)
            .quoting(delimiter != Delimiter::Tab)
            .from_reader(io::Cursor::new(head).chain(decoder));
        let mut table = TableReader {
            csv,
            record: csv::StringRecord::new(),
            columns: Vec::new(),
            langs: Vec::new(),
            delimiter,
            origin: origin.to_string(),
            skip_invalid,
            row: 0,
            partial_rows: Rows::default(),
            skipped: Rows::default(),
            failed: false,
        };
        table.header()?;
        Ok(table)
    }

    fn header(&mut self) -> Result<(), TableError> {
        if !self.read_record()? {
            return Err(self.invalid(1, "empty file: expected a header row".into()));
        }
        self.row = 1;
        let mut seen: HashMap<Column, usize> = HashMap::new();
        let record = std::mem::take(&mut self.record);
        for (i, title) in record.iter().enumerate() {
            let title = cell(self.delimiter, title);
            match Column::parse(&title) {
                Some(c) => {
                    if let Some(&j) = seen.get(&c.key()) {
                        let message = format!(
                            "header {title:?} repeats column {}: one column per language, attribute, note or prop",
                            j + 1
                        );
                        return Err(self.invalid(i + 1, message));
                    }
                    seen.insert(c.key(), i);
                    if let Column::Lang(l) = &c {
                        self.langs.push(l.clone());
                    }
                    self.columns.push(c);
                }
                None => {
                    let hint = if title.contains('_') {
                        " (language tags take a hyphen: fr-FR, not fr_FR)".to_string()
                    } else if title.trim().is_empty() || is_plain_xml_name(title.trim()) {
                        String::new()
                    } else {
                        format!(": as an attribute name, {}", xml_name_problem(title.trim()))
                    };
                    let message = format!(
                        "cannot map header {title:?} to a language, attribute, note or prop{hint}"
                    );
                    return Err(self.invalid(i + 1, message));
                }
            }
        }
        if self.langs.is_empty() {
            return Err(self.invalid(
                1,
                "no language column: the header row must name languages as BCP 47 tags (fr-FR, en-GB)"
                    .into(),
            ));
        }
        Ok(())
    }

    /// The language columns, source first.
    pub fn langs(&self) -> &[String] {
        &self.langs
    }

    /// Rows with an empty cell in a language column: their units lack that
    /// language (rows left out are not counted).
    pub fn partial_rows(&self) -> &Rows<u64> {
        &self.partial_rows
    }

    /// Rows left out when asked to skip invalid ones, with their errors.
    pub fn skipped(&self) -> &Rows<TableError> {
        &self.skipped
    }

    /// The next row's unit; `None` at the end of the table.
    pub fn next_unit(&mut self) -> Result<Option<Unit>, TableError> {
        loop {
            if self.failed || !self.read_record()? {
                return Ok(None);
            }
            self.row += 1;
            match self.unit() {
                Ok(unit) => return Ok(Some(unit)),
                Err(e) if self.skip_invalid => self.skipped.push(e),
                Err(e) => {
                    self.failed = true;
                    return Err(e);
                }
            }
        }
    }

    /// Reads the next record; false at the end.
    fn read_record(&mut self) -> Result<bool, TableError> {
        self.csv.read_record(&mut self.record).map_err(|e| {
            self.failed = true;
            csv_error(&self.origin, self.delimiter, e)
        })
    }

    fn invalid(&self, column: usize, message: String) -> TableError {
        let row = self.row.max(1);
        let cell = Place::Cell {
            row,
            column: Some(column as u64),
        };
        Located::new(&*self.origin, Some(cell), TableErrorKind::Invalid(message))
    }

    /// The unit of the record just read.
    fn unit(&mut self) -> Result<Unit, TableError> {
        let mut unit = Unit::default();
        let mut partial = false;
        for (i, (column, value)) in self.columns.iter().zip(self.record.iter()).enumerate() {
            let value = cell(self.delimiter, value);
            if let Some((at, c)) = not_xml_char(&value) {
                let before: String = value[..at].chars().rev().take(30).collect();
                let before: String = before.chars().rev().collect();
                return Err(self.invalid(
                    i + 1,
                    format!(
                        "{} (after {before:?}); TMX cannot hold it",
                        not_xml_message(c)
                    ),
                ));
            }
            if value.is_empty() {
                partial |= matches!(column, Column::Lang(_));
                continue;
            }
            match column {
                Column::Lang(l) => unit.variants.push(Variant::plain(l, &value)),
                Column::Attribute(a) => unit.set_attribute(a, &value),
                Column::Note => unit.annotations.push(Annotation::note(&value)),
                Column::Prop(t) => unit.annotations.push(Annotation::prop(t, &value)),
            }
        }
        if unit.variants.is_empty() {
            return Err(self.invalid(1, "no segment in any language column".into()));
        }
        if partial {
            self.partial_rows.push(self.row);
        }
        Ok(unit)
    }
}

impl<R: Read> Iterator for TableReader<R> {
    type Item = Result<Unit, TableError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_unit().transpose()
    }
}

/// A cell as read: unescaped in a TSV.
fn cell(delimiter: Delimiter, s: &str) -> String {
    if delimiter == Delimiter::Tab {
        unescape_tsv(s)
    } else {
        s.to_string()
    }
}

/// An error of the decoder or of the file, as the table's.
fn read_error(origin: &str, e: io::Error) -> TableError {
    match e.get_ref().and_then(|e| e.downcast_ref::<Undecodable>()) {
        Some(e) => {
            let at = e.position();
            let message = format!(
                "{e}{}: save it as “CSV UTF-8” (for a .tsv: “Unicode Text”, renamed .tsv) and convert again",
                e.spreadsheet_hint()
            );
            Located::at(origin, at, TableErrorKind::Undecodable(message))
        }
        None => Located::file(origin, TableErrorKind::Io(e)),
    }
}

fn csv_error(origin: &str, delimiter: Delimiter, e: csv::Error) -> TableError {
    match e.kind() {
        csv::ErrorKind::Io(_) => match e.into_kind() {
            csv::ErrorKind::Io(e) => read_error(origin, e),
            _ => unreachable!("the kind was just matched"),
        },
        &csv::ErrorKind::UnequalLengths {
            pos: Some(ref pos),
            expected_len,
            len,
        } => {
            let kind = TableErrorKind::Ragged {
                cells: len,
                expected: expected_len,
                delimiter: char::from(delimiter.byte()),
            };
            Located::new(origin, Some(Place::Line(pos.line())), kind)
        }
        _ => Located::file(origin, TableErrorKind::Csv(e)),
    }
}

/// The header for a memory read from a table.
pub fn header_for(langs: &[String], date: &str) -> Header {
    Header::tmkit(langs.first().map_or("fr-FR", String::as_str), Some(date))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(csv: &str) -> Result<Vec<Unit>, TableError> {
        TableReader::new(csv.as_bytes(), Some(Delimiter::Comma), "t.csv", false)?.collect()
    }

    #[test]
    fn a_ragged_row_names_its_line_and_cells() {
        let csv = "fr-FR,en-GB\nOui.,Yes.\nOui, bien.,Yes.\n";
        let e = read(csv).unwrap_err();
        assert_eq!(
            e.to_string(),
            "t.csv: line 3: 3 cells where the header has 2: quote cells that hold the delimiter ','"
        );
    }

    /// Each column is found by a hash of its name: a unit of thousands of
    /// languages, attributes and props fills each cell once, its repeated
    /// languages counted as alternatives.
    #[test]
    fn many_languages_attributes_and_props_fill_their_own_cells() {
        let mut unit = Unit::new("u");
        for i in 0..3000 {
            unit.variants
                .push(Variant::plain(&format!("x-l{i}"), &format!("s{i}")));
            unit.set_attribute(&format!("a{i}"), &i.to_string());
            unit.annotations
                .push(Annotation::prop(&format!("x-p{}", i % 1500), "p"));
        }
        unit.variants.push(Variant::plain("X-L7", "again"));
        let mut out = Vec::new();
        let report = write_table(&mut out, Delimiter::Comma, "x-l0", &[unit]).unwrap();
        let text = String::from_utf8(out).unwrap();
        let mut rows = csv::Reader::from_reader(text.as_bytes());
        let header = rows.headers().unwrap().clone();
        let row = rows.records().next().unwrap().unwrap();
        let cell = |name: &str| &row[header.iter().position(|h| h == name).unwrap()];
        assert_eq!(header.len(), 3000 + 3001 + 1500);
        assert_eq!(
            (cell("x-l0"), cell("x-l7"), cell("x-l2999")),
            ("s0", "s7", "s2999")
        );
        assert_eq!((cell("a5"), cell("tuid"), cell("x-p3")), ("5", "u", "p\np"));
        assert_eq!(report.alternatives, 1);
        assert_eq!(report.unit_details, 1500);
    }

    #[test]
    fn tags_differing_in_case_share_one_column() {
        let units: Vec<Unit> = [("fr-FR", "en-GB"), ("fr-fr", "en-gb")]
            .iter()
            .enumerate()
            .map(|(i, (fr, en))| {
                let mut unit = Unit::new(&i.to_string());
                unit.variants.push(Variant::plain(fr, "Oui."));
                unit.variants.push(Variant::plain(en, "Yes."));
                unit
            })
            .collect();
        let mut out = Vec::new();
        write_table(&mut out, Delimiter::Comma, "fr-FR", &units).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "fr-FR,en-GB,tuid\nOui.,Yes.,0\nOui.,Yes.,1\n"
        );
    }

    #[test]
    fn a_repeated_column_is_refused() {
        let csv = "fr-FR,en-GB,FR-fr\nOui.,Yes.,Hello.\n";
        let e = read(csv).unwrap_err();
        assert_eq!(
            e.to_string(),
            "t.csv: row 1, column 3: header \"FR-fr\" repeats column 1: one column per language, attribute, note or prop"
        );
    }

    #[test]
    fn alternative_translations_are_counted_as_left_out() {
        let mut unit = Unit::new("1");
        for (lang, text) in [
            ("fr-FR", "Bonjour"),
            ("en-GB", "Hello"),
            ("en-GB", "Good morning"),
        ] {
            unit.variants.push(Variant::plain(lang, text));
        }
        let mut out = Vec::new();
        let report = write_table(&mut out, Delimiter::Comma, "fr-FR", &[unit]).unwrap();
        assert_eq!(report.alternatives, 1);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "fr-FR,en-GB,tuid\nBonjour,Hello,1\n"
        );
    }

    #[test]
    fn a_two_byte_header_that_is_no_language_tag_is_not_a_language() {
        let csv = "fr-FR,en-GB,é\nOui.,Yes.,x\n";
        let e = read(csv).unwrap_err();
        assert!(e.to_string().contains("cannot map header \"é\""), "{e}");
        let table = TableReader::new(&b"fr,en\nOui.,Yes.\n"[..], None, "t.csv", false).unwrap();
        assert_eq!(table.langs(), ["fr", "en"]);
    }
}
