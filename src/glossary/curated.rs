//! The curated glossary file (`glossary/fr-en.csv`): one reader that gives
//! its entries and where each one's bytes are, in one pass, and the rewrite
//! that changes only the rows an import changed.
//!
//! The file keeps what it has: its header and column order, its delimiter
//! (`,`, or `;` as French Excel saves it), its line endings, a byte-order
//! mark, and every byte of the rows nobody changed.

use std::collections::BTreeSet;
use std::io;
use std::ops::Range;

use super::{
    Entry, Field, Glossary, GlossaryError, Place, Problem, Slot, Status, decode, fields::Label,
    slug,
};
use crate::language::LangTag;

/// The file's layout: its header, where each field's column is, where
/// each record's bytes are, how lines end.
pub(crate) struct Layout {
    header: csv::StringRecord,
    /// The column of each field the file has.
    columns: [Option<usize>; Field::ALL.len()],
    /// Header names tmkit does not interpret.
    pub(crate) extra: Vec<String>,
    /// Their columns (0-based).
    extra_columns: Vec<usize>,
    /// Byte range of each data record (its line ending included), after
    /// the header.
    spans: Vec<Range<usize>>,
    /// Where the header ends.
    header_end: usize,
    crlf: bool,
    delimiter: u8,
    /// The file is UTF-8, so the spans are its bytes' (a UTF-16 file was
    /// decoded first).
    utf8: bool,
}

/// `field`'s place in [`Field::ALL`], whose order is the declaration's.
fn index(field: Field) -> usize {
    field as usize
}

impl Layout {
    /// The 1-based column of `field`, if the file has one.
    pub(crate) fn column(&self, field: Field) -> Option<usize> {
        self.columns[index(field)].map(|c| c + 1)
    }

    /// The header of `field`'s column (the language columns' tags, trimmed).
    pub(crate) fn tag(&self, field: Field) -> &str {
        self.columns[index(field)].map_or("", |c| self.header[c].trim())
    }

    /// Fields `e` has a value for but the file has no column for.
    pub(crate) fn missing(&self, e: &Entry) -> Vec<&'static str> {
        Field::ALL
            .iter()
            .filter(|&&f| self.column(f).is_none() && !f.is_default(e))
            .map(|f| f.name())
            .collect()
    }

    /// The record of `e` in this file's columns.
    fn record(&self, e: &Entry) -> Vec<String> {
        self.header
            .iter()
            .enumerate()
            .map(
                |(i, h)| match Field::ALL.iter().find(|&&f| self.column(f) == Some(i + 1)) {
                    Some(f) => f.get(e).into_owned(),
                    None => e
                        .extra
                        .iter()
                        .find(|(k, _)| k == h)
                        .map(|(_, v)| v.clone())
                        .unwrap_or_default(),
                },
            )
            .collect()
    }

    /// The file with the `changed` entries rewritten or appended and every
    /// other byte kept.
    pub(crate) fn rewrite(
        &self,
        old: &[u8],
        entries: &[Entry],
        changed: &BTreeSet<usize>,
    ) -> io::Result<Vec<u8>> {
        if !self.utf8 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "the glossary is UTF-16: an import rewrites UTF-8 files only; save it as CSV UTF-8 first",
            ));
        }
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

/// Finds each field's column by header name: a language column is headed
/// by its tag alone (`fr-FR`, `fr`, `fr-BE`; never `fr_FR`), the others by
/// their name, the tag-led ones with the language column's own tag.
fn columns(
    header: &csv::StringRecord,
    origin: &str,
) -> Result<[Option<usize>; Field::ALL.len()], GlossaryError> {
    // "fr-FR variants" is not the French column, wherever it stands.
    let lang = |l: &str| {
        header.iter().position(|h| {
            let h = h.trim();
            LangTag::parse(h).is_ok_and(|t| t.is(l))
        })
    };
    let missing = |language| GlossaryError::MissingLanguage {
        origin: origin.to_string(),
        language,
    };
    let fr = lang("fr").ok_or_else(|| missing("French"))?;
    let en = lang("en").ok_or_else(|| missing("English"))?;
    let (fr_tag, en_tag) = (header[fr].trim(), header[en].trim());
    Ok(Field::ALL.map(|f| match f.label() {
        Label::Term(_) => Some(if f == Field::Fr { fr } else { en }),
        _ => {
            let name = f.header(fr_tag, en_tag);
            header.iter().position(|h| h.trim() == name)
        }
    }))
}

/// Reads the curated file: its entries, every problem in them at once, and
/// its layout for [`Layout::rewrite`].
pub(crate) fn read(bytes: &[u8], origin: &str) -> Result<(Glossary, Layout), GlossaryError> {
    let text = decode(bytes, origin)?;
    let utf8 = matches!(text, std::borrow::Cow::Borrowed(_));
    // Where the text starts in the bytes: after a UTF-8 byte-order mark.
    let offset = if utf8 {
        text.as_ptr() as usize - bytes.as_ptr() as usize
    } else {
        0
    };
    // The file keeps its delimiter, as it keeps its line endings; a client's
    // glossary saved by French Excel is ;-separated.
    let delimiter = crate::tm::table::Delimiter::sniff(&text).byte();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut header = csv::StringRecord::new();
    reader
        .read_record(&mut header)
        .map_err(|e| GlossaryError::Unreadable {
            origin: origin.to_string(),
            message: e.to_string(),
        })?;
    let mut layout = Layout {
        columns: columns(&header, origin)?,
        header,
        extra: Vec::new(),
        extra_columns: Vec::new(),
        spans: Vec::new(),
        header_end: 0,
        crlf: memchr::memmem::find(text.as_bytes(), b"\r\n").is_some(),
        delimiter,
        utf8,
    };
    layout.extra_columns = (0..layout.header.len())
        .filter(|c| !layout.columns.contains(&Some(*c)))
        .collect();
    layout.extra = layout
        .extra_columns
        .iter()
        .map(|&c| layout.header[c].to_string())
        .collect();

    let mut problems = Vec::new();
    let mut entries = Vec::new();
    let mut starts = Vec::new();
    let mut record = csv::StringRecord::new();
    for row in 2.. {
        let start = reader.position().byte() as usize;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                starts.push(start);
                match entry(&layout, &record, row) {
                    Ok((entry, found)) => {
                        problems.extend(found);
                        entries.push(entry);
                    }
                    Err(problem) => problems.push(problem),
                }
            }
            // A record that cannot be read has no entry, only a problem.
            Err(e) => problems.push(Problem::new(Place::row(row as u64), e.to_string())),
        }
    }
    let end = text.len();
    layout.header_end = starts.first().copied().unwrap_or(end) + offset;
    layout.spans = starts
        .iter()
        .enumerate()
        .map(|(i, &s)| s + offset..starts.get(i + 1).copied().unwrap_or(end) + offset)
        .collect();
    for conflict in Glossary::conflicts(&entries) {
        let (e, first) = conflict.entries();
        let there = entries[first].row;
        let there = match conflict {
            super::EntryConflict::SameId { .. } => format!("row {there}"),
            super::EntryConflict::ApprovedTwice { .. } => format!("in row {there}"),
        };
        problems.push(Problem::new(
            Place::row(entries[e].row as u64).at(super::column(layout.column(conflict.field()))),
            conflict.message(&entries[e], &entries[first], &there),
        ));
    }
    if problems.is_empty() {
        Ok((Glossary { entries }, layout))
    } else {
        super::sort(&mut problems);
        Err(GlossaryError::Invalid {
            origin: origin.to_string(),
            problems,
        })
    }
}

/// The entry of one record, with the problems in its cells; a record of
/// the wrong width is only a problem.
fn entry(
    layout: &Layout,
    record: &csv::StringRecord,
    row: usize,
) -> Result<(Entry, Vec<Problem>), Problem> {
    let place = Place::row(row as u64);
    if record.len() != layout.header.len() {
        return Err(Problem::new(
            place,
            format!(
                "{} fields where the header has {}: quote cells that contain the delimiter",
                record.len(),
                layout.header.len()
            ),
        ));
    }
    let mut problems = Vec::new();
    for (c, cell) in record.iter().enumerate() {
        if cell.contains(['\n', '\r', '\t']) {
            problems.push(Problem::new(
                place.at(Some(c as u64 + 1)),
                "a line break or tab inside a cell: put it on one line",
            ));
        }
    }
    // A file without a status column holds approved entries.
    let mut entry = Entry::new(row, "", Status::Approved);
    for field in Field::ALL {
        let Some(c) = layout.column(field) else {
            continue;
        };
        let cell = record.get(c - 1).unwrap_or("").trim();
        if let Err(message) = field.set(&mut entry, cell) {
            problems.push(Problem::new(place.at(Some(c as u64)), message));
        }
    }
    if layout.column(Field::Id).is_none() {
        entry.id = slug(&entry.fr);
    }
    entry.extra = layout
        .extra
        .iter()
        .zip(&layout.extra_columns)
        .map(|(h, &c)| (h.clone(), record[c].to_string()))
        .collect();
    for (slot, message) in entry.validate() {
        let column = match slot {
            Slot::Field(field) => layout.column(field),
            Slot::Extra(i) => layout.extra_columns.get(i).map(|c| c + 1),
        };
        problems.push(Problem::new(place.at(super::column(column)), message));
    }
    Ok((entry, problems))
}
