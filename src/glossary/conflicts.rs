//! Conflicts of a three-way import: a reviewer changed a cell whose value
//! the glossary also changed since the sheet was exported. Nothing is
//! written until the user chooses, for all of them (keep the glossary's
//! values, or take the sheet's) or one by one in a list with a choice
//! column ([`write_list`], [`Choices::read`]).

use std::io::{self, Write};

use super::merge::MergeError;
use super::{Place, Problem, decode};

/// A cell the reviewer and the glossary both changed since the export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditConflict {
    /// The sheet's row and the cell's column.
    pub place: Place,
    /// The entry's id.
    pub id: String,
    /// The entry's French term, to recognise it.
    pub fr: String,
    /// The column (`en-GB`, `status`…), or `entry` when the whole entry is
    /// gone from the glossary while the sheet edits it.
    pub field: String,
    /// The glossary's value now (`None`: the entry is no longer in it).
    pub glossary: Option<String>,
    /// The sheet's value.
    pub sheet: String,
    /// Why it is a conflict.
    pub cause: Cause,
}

/// Why a decision is a conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cause {
    /// The glossary changed the cell since the sheet was exported.
    SinceExport,
    /// New decisions would change an approved entry without a status of
    /// their own.
    Approved,
}

/// What `field` is when the whole entry is in conflict.
pub(crate) const WHOLE_ENTRY: &str = "entry";

impl std::fmt::Display for EditConflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.glossary, self.cause) {
            (Some(now), Cause::SinceExport) => write!(
                f,
                "{}: {} ({}), {}: the glossary has {now:?} since the export, the sheet {:?}",
                self.place, self.fr, self.id, self.field, self.sheet
            ),
            (Some(now), Cause::Approved) => write!(
                f,
                "{}: {} ({}), {}: approved as {now:?}; the row gives {:?} without approving it",
                self.place, self.fr, self.id, self.field, self.sheet
            ),
            (None, _) => write!(
                f,
                "{}: {} ({}): the entry left the glossary since the export, the sheet edits it",
                self.place, self.fr, self.id
            ),
        }
    }
}

/// Which value a conflict takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    /// The glossary's value as it is now.
    Glossary,
    /// The reviewer's.
    Sheet,
}

/// How the merge settles conflicts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Resolution {
    /// It does not: any conflict stops the import.
    #[default]
    Ask,
    /// Every conflict takes this side.
    All(Pick),
    /// Each conflict takes the side a list chose for it; one it does not
    /// list stops the import.
    Each(Choices),
}

impl Resolution {
    /// The side `conflict` takes, if chosen.
    pub(crate) fn pick(&self, conflict: &EditConflict) -> Option<Pick> {
        match self {
            Resolution::Ask => None,
            Resolution::All(pick) => Some(*pick),
            Resolution::Each(choices) => choices.pick(conflict),
        }
    }
}

/// The columns of a conflict list.
const HEADER: [&str; 8] = [
    "row", "column", "id", "fr-FR", "field", "glossary", "sheet", "choice",
];

/// Writes the conflicts as a CSV list (UTF-8, LF), one per row, with an
/// empty `choice` column for the user to fill with `glossary` or `sheet`.
pub fn write_list<W: Write>(out: W, conflicts: &[EditConflict]) -> io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    w.write_record(HEADER)?;
    for c in conflicts {
        let column = c.place.column().map(|c| c.to_string()).unwrap_or_default();
        w.write_record([
            &c.place.number().to_string(),
            &column,
            &c.id,
            &c.fr,
            &c.field,
            c.glossary.as_deref().unwrap_or(""),
            &c.sheet,
            "",
        ])?;
    }
    w.flush()
}

/// The choices of a filled-in conflict list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choices(Vec<(EditConflict, Option<Pick>)>);

impl Choices {
    /// Reads a list [`write_list`] wrote, its `choice` column filled in
    /// (`glossary` or `sheet`; empty: not chosen yet). Every problem is
    /// reported at once, with its row and column.
    pub fn read(bytes: &[u8], origin: &str) -> Result<Choices, MergeError> {
        let text = decode(bytes, origin)?;
        let delimiter = crate::tm::table::Delimiter::sniff(&text).byte();
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(text.as_bytes());
        let invalid = |problems| MergeError::Invalid {
            origin: origin.to_string(),
            problems,
        };
        let header = reader
            .headers()
            .map_err(|e| invalid(vec![Problem::new(Place::row(1), e.to_string())]))?
            .clone();
        let column = |name: &str| header.iter().position(|h| h.trim() == name);
        let columns: Vec<Option<usize>> = HEADER.iter().map(|h| column(h)).collect();
        if let Some(missing) = HEADER.iter().zip(&columns).find(|(_, c)| c.is_none()) {
            return Err(invalid(vec![Problem::new(
                Place::row(1),
                format!(
                    "no {:?} column: this is not a conflict list tmkit wrote (row,column,id,fr-FR,field,glossary,sheet,choice)",
                    missing.0
                ),
            )]));
        }
        let at = |i: usize| columns[i].unwrap_or_default();
        let mut choices = Vec::new();
        let mut problems = Vec::new();
        for (i, record) in reader.records().enumerate() {
            let row = i + 2;
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    problems.push(Problem::new(Place::row(row as u64), e.to_string()));
                    continue;
                }
            };
            let cell = |i: usize| record.get(at(i)).unwrap_or("").trim();
            let number = |i: usize| cell(i).parse::<usize>().ok();
            let Some(sheet_row) = number(0) else {
                problems.push(Problem::new(
                    Place::row(row as u64).at(Some(at(0) as u64 + 1)),
                    format!("{:?} is not a row number", cell(0)),
                ));
                continue;
            };
            let pick = match cell(7).to_lowercase().as_str() {
                "" => None,
                "glossary" => Some(Pick::Glossary),
                "sheet" => Some(Pick::Sheet),
                other => {
                    problems.push(Problem::new(
                        Place::row(row as u64).at(Some(at(7) as u64 + 1)),
                        format!("unknown choice {other:?}: write glossary or sheet"),
                    ));
                    continue;
                }
            };
            let field = cell(4).to_string();
            let glossary = (field != WHOLE_ENTRY).then(|| cell(5).to_string());
            choices.push((
                EditConflict {
                    place: Place::Cell {
                        row: sheet_row as u64,
                        column: number(1).map(|c| c as u64),
                    },
                    id: cell(2).to_string(),
                    fr: cell(3).to_string(),
                    field,
                    glossary,
                    sheet: cell(6).to_string(),
                    // Not in the list: a choice does not depend on it.
                    cause: Cause::SinceExport,
                },
                pick,
            ));
        }
        if problems.is_empty() {
            Ok(Choices(choices))
        } else {
            Err(invalid(problems))
        }
    }

    /// The side chosen for `conflict`: the list must name it with the
    /// same values, or the glossary or the sheet changed since the list
    /// was written and the choice no longer says what it chose.
    pub(crate) fn pick(&self, conflict: &EditConflict) -> Option<Pick> {
        let same = |listed: &EditConflict| {
            listed.place.number() == conflict.place.number()
                && listed.id == conflict.id
                && listed.field == conflict.field
                && listed.glossary.as_deref().map(str::trim)
                    == conflict.glossary.as_deref().map(str::trim)
                && listed.sheet.trim() == conflict.sheet.trim()
        };
        self.0
            .iter()
            .find(|(listed, _)| same(listed))
            .and_then(|(_, pick)| *pick)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conflict() -> EditConflict {
        EditConflict {
            place: Place::Cell {
                row: 5,
                column: Some(2),
            },
            id: "sommet".into(),
            fr: "sommet".into(),
            field: "en-GB".into(),
            glossary: Some("summit meeting".into()),
            sheet: "top meeting, \"G20\"".into(),
            cause: Cause::SinceExport,
        }
    }

    #[test]
    fn a_written_list_reads_back_with_its_choices() {
        let mut out = Vec::new();
        write_list(&mut out, &[conflict()]).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "row,column,id,fr-FR,field,glossary,sheet,choice\n5,2,sommet,sommet,en-GB,summit meeting,\"top meeting, \"\"G20\"\"\",\n"
        );
        let unchosen = Choices::read(text.as_bytes(), "c.csv").unwrap();
        assert_eq!(unchosen.pick(&conflict()), None);
        let chosen =
            Choices::read(format!("{}Sheet\n", text.trim_end()).as_bytes(), "c.csv").unwrap();
        assert_eq!(chosen.pick(&conflict()), Some(Pick::Sheet));
        // The glossary changed again since: the choice no longer holds.
        let mut later = conflict();
        later.glossary = Some("summit".into());
        assert_eq!(chosen.pick(&later), None);
    }

    #[test]
    fn an_unknown_choice_is_refused_with_its_row_and_column() {
        let text =
            "row,column,id,fr-FR,field,glossary,sheet,choice\n5,2,sommet,sommet,en-GB,a,b,mine\n";
        let err = Choices::read(text.as_bytes(), "c.csv").unwrap_err();
        assert!(
            err.to_string().contains(
                "c.csv: row 2, column 8: unknown choice \"mine\": write glossary or sheet"
            ),
            "{err}"
        );
    }
}
