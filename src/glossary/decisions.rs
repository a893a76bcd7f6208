//! Decisions about glossary entries, whatever file they come from: a row of
//! a returned review sheet ([`super::sheet`]) or an entry of a client's TBX
//! termbase ([`super::tbx`]). [`super::merge`] applies them.
//!
//! A row of a sheet tmkit wrote carries its base ([`super::base`]): only the
//! cells the reviewer changed are decisions. A row without a base (a TBX
//! entry, a sheet taken as new decisions) decides every cell it has.

use std::borrow::Cow;

use super::base::{Base, extra_key, field_key};
use super::sheet::unescape;
use super::{Field, Glossary, Place, Problem};

/// Where decisions come from: it says how far their ids are trusted and
/// what a row may change.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DecisionSource {
    /// A review sheet tmkit wrote: its ids are ours.
    #[default]
    Sheet,
    /// New decisions: a TBX termbase, or a table taken with `--as-new` (a
    /// client's list, the terms CSV). Ids name one of our entries only when
    /// the French or the English term is that entry's too, and a new entry
    /// gets an id of our form. A row changes an approved entry only where it
    /// says approved or rejected; otherwise each difference is a conflict.
    /// Empty cells clear nothing.
    AsNew,
}

/// What one row of a sheet (or one entry of a termbase) decides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// The sheet's row, or the TBX entry's line.
    pub place: Place,
    /// The fields it gives, each with its column when it has one, in the
    /// fields' order. (A list: a map's nodes cost a sheet of a million rows
    /// a gigabyte and a half.)
    cells: Vec<(Field, Option<u32>, String)>,
    /// A candidate row's proposal, to tell an edited candidate.
    pub(crate) proposal: Option<String>,
    /// Cells of other columns: (column, header, value).
    extra: Vec<(Option<usize>, String, String)>,
    /// What its cells held when the sheet was exported; `None`: every cell
    /// is a decision.
    pub base: Option<Base>,
}

impl Decision {
    /// A decision of `place` that gives nothing yet.
    pub(crate) fn new(place: Place) -> Decision {
        Decision {
            place,
            cells: Vec::new(),
            proposal: None,
            extra: Vec::new(),
            base: None,
        }
    }

    /// Gives `field` the value `cell` (from `column`).
    pub(crate) fn give(&mut self, field: Field, column: Option<usize>, cell: &str) {
        let given = (field, column.map(|c| c as u32), cell.to_string());
        match self.cells.binary_search_by_key(&field, |(f, _, _)| *f) {
            Ok(i) => self.cells[i] = given,
            Err(i) => self.cells.insert(i, given),
        }
    }

    /// The cell of `field`: its column and its value.
    fn cell(&self, field: Field) -> Option<(Option<usize>, &str)> {
        let i = self
            .cells
            .binary_search_by_key(&field, |(f, _, _)| *f)
            .ok()?;
        let (_, column, value) = &self.cells[i];
        Some((column.map(|c| c as usize), value))
    }

    /// Gives back the room its lists have beyond their contents, for a
    /// decision held while the others are read.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.cells.shrink_to_fit();
        self.extra.shrink_to_fit();
    }

    /// Gives the column `header`, which is none of the fields, `cell`.
    pub(crate) fn give_extra(&mut self, column: Option<usize>, header: &str, cell: &str) {
        self.extra
            .push((column, header.to_string(), cell.to_string()));
    }

    /// A cell's value and whether it is a decision: the row has no base,
    /// or the cell holds something else than it was exported with. The
    /// Excel flavour writes a cell that starts with `= + - @`, a tab or a
    /// CR after an apostrophe, so that no spreadsheet runs it as a formula:
    /// the base tells such a cell from one the reviewer typed so, and an
    /// edited one is read without the apostrophe.
    fn read<'v>(&self, key: &str, raw: &'v str) -> (&'v str, bool) {
        let raw = raw.trim();
        let unescaped = unescape(raw);
        match &self.base {
            None => (unescaped, true),
            Some(base) if base.has(key, raw) => (raw, false),
            Some(base) if base.has(key, unescaped) => (unescaped, false),
            Some(_) => (unescaped, true),
        }
    }

    /// The value given for `field`, trimmed, decided or not.
    pub fn get(&self, field: Field) -> Option<&str> {
        let (_, raw) = self.cell(field)?;
        let raw = raw.trim();
        // Only an escaped cell needs its base to be read.
        Some(if unescape(raw).len() == raw.len() {
            raw
        } else {
            self.read(field_key(field), raw).0
        })
    }

    /// The value given for `field` when it is a decision.
    pub fn decided(&self, field: Field) -> Option<&str> {
        let (_, raw) = self.cell(field)?;
        let (value, decided) = self.read(field_key(field), raw);
        decided.then_some(value)
    }

    /// The cells of columns that are not fields, as (header, value), that
    /// are decisions.
    pub(crate) fn decided_extra(&self) -> impl Iterator<Item = (&str, &str)> {
        self.extra.iter().filter_map(|(_, h, v)| {
            let (value, decided) = self.read(&extra_key(h), v);
            decided.then_some((h.as_str(), value))
        })
    }

    /// Every cell of columns that are not fields, as (header, value).
    pub(crate) fn extra(&self) -> impl Iterator<Item = (&str, &str)> {
        self.extra
            .iter()
            .map(|(_, h, v)| (h.as_str(), self.read(&extra_key(h), v).0))
    }

    /// The fields the decision gives a value for, decided or not.
    pub(crate) fn fields(&self) -> impl Iterator<Item = Field> + '_ {
        self.cells.iter().map(|(f, _, _)| *f)
    }

    /// The base the row's cells make, as if exported as they are: what a
    /// row of a sheet as exported gives the rows of its reviewed copy.
    pub(crate) fn as_base(&self) -> Base {
        let fields = self
            .cells
            .iter()
            .map(|(f, _, v)| (Cow::Borrowed(field_key(*f)), v.as_str()));
        let extra = self
            .extra
            .iter()
            .map(|(_, h, v)| (Cow::Owned(extra_key(h)), v.as_str()));
        Base::of(fields.chain(extra))
    }

    /// Whether any cell is a decision (an empty cell of a column the
    /// reviewer added says nothing).
    pub(crate) fn any_decided(&self) -> bool {
        self.fields().any(|f| self.decided(f).is_some())
            || self.decided_extra().any(|(_, v)| !v.is_empty())
    }

    /// The 1-based column of `field`'s cell, in a sheet.
    pub(crate) fn column(&self, field: Field) -> Option<usize> {
        self.cell(field).and_then(|(c, _)| c)
    }

    /// A problem in `field`'s cell.
    pub(crate) fn problem(&self, field: Field, message: impl Into<String>) -> Problem {
        Problem::new(self.place.at(super::column(self.column(field))), message)
    }

    /// Keeps only the cells that hold something: new decisions do not
    /// clear what the glossary has.
    pub(crate) fn drop_empty(&mut self) {
        self.cells.retain(|(_, _, v)| !v.trim().is_empty());
        self.extra.retain(|(_, _, v)| !v.trim().is_empty());
    }

    /// Drops the cells of the extra columns named `headers` (any case).
    pub(crate) fn drop_extra(&mut self, headers: &[&str]) {
        self.extra
            .retain(|(_, h, _)| !headers.iter().any(|x| h.trim().eq_ignore_ascii_case(x)));
    }

    /// The 1-based column of the extra column `header`, in a sheet.
    pub(crate) fn extra_column(&self, header: &str) -> Option<usize> {
        self.extra
            .iter()
            .find(|(_, h, _)| h == header)
            .and_then(|(c, _, _)| *c)
    }

    /// A problem in the cell of the extra column `header`.
    pub(crate) fn problem_in(&self, header: &str, message: impl Into<String>) -> Problem {
        Problem::new(
            self.place.at(super::column(self.extra_column(header))),
            message,
        )
    }
}

/// Decisions to merge, from one file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Decisions {
    /// A review sheet or a TBX file.
    pub source: DecisionSource,
    /// One per row (or TBX entry), in order.
    pub rows: Vec<Decision>,
    /// The French and English columns' header tags (`fr-FR`, `en-US`) and
    /// their 1-based columns, when a sheet has a header row.
    pub languages: [Option<(usize, String)>; 2],
    /// Problems in the rows (a ragged row, a cell a spreadsheet turned into
    /// a formula, a truncated file): [`super::merge::merge`] reports them
    /// with its own, so that every problem is reported at once.
    pub problems: Vec<Problem>,
}

impl Decisions {
    /// A termbase's entries as new decisions: the fields each states (its
    /// status only when `stated`), placed by the line of its `termEntry`.
    /// Context sentences are information, as in the sheet.
    pub(crate) fn from_termbase(glossary: &Glossary, stated: &[bool]) -> Decisions {
        let rows = glossary
            .entries
            .iter()
            .zip(stated)
            .map(|(e, &stated)| {
                let mut d = Decision::new(Place::Line(e.row as u64));
                // What the file states: a status only where a term has one,
                // a type only where one is marked, no empty field (a
                // termbase without notes does not clear ours).
                for f in Field::ALL {
                    let value = f.get(e);
                    let stated = match f {
                        Field::Status => stated,
                        Field::Kind => value != "term",
                        _ => !value.is_empty(),
                    };
                    if stated {
                        d.give(f, None, &value);
                    }
                }
                for (h, v) in &e.extra {
                    if h != super::tbx::FR_CONTEXT && h != super::tbx::EN_CONTEXT {
                        d.give_extra(None, h, v);
                    }
                }
                d
            })
            .collect();
        Decisions {
            source: DecisionSource::AsNew,
            rows,
            languages: [None, None],
            problems: Vec::new(),
        }
    }
}
