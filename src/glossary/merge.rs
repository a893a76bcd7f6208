//! The merge: decisions about entries, whatever their source (a returned
//! review sheet, a client's TBX termbase), applied to the curated glossary
//! file without losing an edit.
//!
//! Where it sits in the flow: [`super::sheet`] and [`super::tbx`] give
//! [`Decisions`]; [`merge`] reads the curated file (`curated.rs`) and
//! gives its new bytes. A sheet's row that carries its base is merged three
//! ways: a cell is a decision only when it differs from its value as
//! exported, and a decision on a cell the glossary also changed since is a
//! conflict ([`EditConflict`]), settled as the [`Resolution`] says or
//! reported with nothing written. Rows nobody changed keep their bytes;
//! entries no decision names are kept (deleting is done with `rejected`,
//! never by losing a row); new entries are appended. Every problem is
//! reported at once, and then nothing changes.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::base::{extra_key, field_key};
use super::conflicts::{Cause, EditConflict, Pick, Resolution, WHOLE_ENTRY};
use super::curated::{self, Layout};
use super::decisions::{Decision, DecisionSource, Decisions};
use super::fields::{unknown_kind, unknown_status};
use super::{
    Entry, Field, Glossary, GlossaryError, Place, Problem, SOURCE_LANGUAGE, Slot, Status,
    TARGET_LANGUAGE, fold, slug, unique_id,
};

/// A sheet or merge that cannot be applied; the glossary was not changed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MergeError {
    /// The sheet or the glossary cannot be read at all.
    #[error(transparent)]
    Glossary(#[from] GlossaryError),
    /// Rows with problems, all of them.
    #[error("{origin}: {} problem(s); the glossary was not changed:\n{}", problems.len(), problems.iter().map(|p| format!("  {origin}: {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid {
        /// The sheet.
        origin: String,
        /// Every problem found, by row and column in a sheet, by line in a
        /// TBX file (its entries have no columns).
        problems: Vec<Problem>,
    },
    /// A table taken in a way it cannot be (a table that is not a review
    /// sheet, a review sheet without its base), and what to do.
    #[error("{origin}: {message}; the glossary was not changed")]
    Refused {
        /// The table.
        origin: String,
        /// Why, and what to do.
        message: String,
    },
    /// Cells the reviewer changed that the glossary also changed since the
    /// export, none of them settled.
    #[error("{origin}: {} conflict(s) with changes made to the glossary since the sheet was exported; the glossary was not changed:\n{}\nchoose for all of them with --keep-glossary or --take-sheet, or one by one with --conflicts FILE (the import writes the list there, with a choice column to fill in with glossary or sheet; then run it again)", conflicts.len(), conflicts.iter().map(|c| format!("  {origin}: {c}")).collect::<Vec<_>>().join("\n"))]
    Conflicts {
        /// The sheet.
        origin: String,
        /// Every conflict not settled, in sheet order.
        conflicts: Vec<EditConflict>,
    },
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
    /// Rows that match their entry, or change nothing in it.
    pub unchanged: usize,
    /// Candidate rows left undecided (no status, not edited): not added.
    pub undecided: usize,
    /// Conflicts settled by the resolution given.
    pub settled: usize,
}

/// One entry the import adds or changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The entry's id.
    pub id: String,
    /// The sheet's row (the TBX file's line).
    pub place: Place,
    /// `None` for a new entry; else each changed field as (column, before,
    /// after).
    pub fields: Option<Vec<(String, String, String)>>,
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let place = self.place.at(None);
        match &self.fields {
            None => write!(f, "{place}: added {}", self.id),
            Some(fields) => {
                write!(f, "{place}: changed {}:", self.id)?;
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

/// Applies `decisions` (read from `origin`) to the curated glossary file
/// `curated` (its bytes): decisions win, untouched rows keep their bytes,
/// entries no decision names are kept, new entries are appended; conflicts
/// are settled by `resolution`, or stop the merge. Every problem is reported
/// at once and then nothing changes.
pub fn merge(
    curated: &[u8],
    curated_origin: &str,
    decisions: &Decisions,
    origin: &str,
    resolution: &Resolution,
) -> Result<Merged, MergeError> {
    let (glossary, layout) = curated::read(curated, curated_origin)?;
    let mut merging = Merging::new(glossary.entries, decisions, &layout, resolution);
    merging.problems.extend(decisions.problems.iter().cloned());
    merging
        .problems
        .extend(language_mismatches(&layout, decisions));
    for (index, row) in decisions.rows.iter().enumerate() {
        if let Err(problem) = merging.row(index, row) {
            merging.problems.push(problem);
        }
    }
    merging.check_changed(curated_origin);
    merging.check_conflicts(curated_origin);
    // What is needed from here on; the indexes (by id, by term, the
    // sheet's ids) are dropped at once.
    let Merging {
        entries,
        changed,
        summary,
        mut changes,
        mut problems,
        conflicts,
        ..
    } = { merging };
    if !problems.is_empty() {
        super::sort(&mut problems);
        problems.dedup();
        return Err(MergeError::Invalid {
            origin: origin.to_string(),
            problems,
        });
    }
    if !conflicts.is_empty() {
        return Err(MergeError::Conflicts {
            origin: origin.to_string(),
            conflicts,
        });
    }
    let bytes =
        layout
            .rewrite(curated, &entries, &changed)
            .map_err(|e| GlossaryError::Unreadable {
                origin: curated_origin.to_string(),
                message: e.to_string(),
            })?;
    drop(entries);
    // The result must load as the curated glossary does (when nothing
    // changed, it is the file already read above).
    if !changed.is_empty() {
        Glossary::parse(&bytes, curated_origin)?;
    }
    changes.sort_by_key(|c| c.place);
    Ok(Merged {
        bytes,
        summary,
        changes,
    })
}

/// A sheet whose language columns name another variety than the
/// glossary's (`en-US` against `en-GB`) would mix spellings in it; a tag
/// without a region (`en`) says nothing against it.
fn language_mismatches(layout: &Layout, decisions: &Decisions) -> Vec<Problem> {
    let ours = [layout.tag(Field::Fr), layout.tag(Field::En)];
    decisions
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
            (both_regional && foreign && !theirs.eq_ignore_ascii_case(ours)).then(|| {
                Problem::new(
                    Place::row(1).at(Some(*column as u64)),
                    format!(
                        "the sheet's column is {theirs}, the glossary's {ours}: merge it into a {theirs} glossary, or rename the column if its terms are {ours}"
                    ),
                )
            })
        })
        .collect()
}

/// A merge under way: the entries as the decisions, in order, leave them.
struct Merging<'a> {
    decisions: &'a Decisions,
    layout: &'a Layout,
    resolution: &'a Resolution,
    entries: Vec<Entry>,
    by_id: HashMap<String, usize>,
    /// The first entry of each folded French term.
    by_fr: HashMap<String, usize>,
    /// Ids in use, for the ids of new entries.
    taken: HashSet<String>,
    /// The sheet's ids, each with the first row that gives it.
    sheet_ids: HashMap<String, Place>,
    /// The decision (its index) that decided each entry.
    decided_by: HashMap<usize, usize>,
    /// Entries added or changed.
    changed: BTreeSet<usize>,
    summary: Summary,
    changes: Vec<Change>,
    problems: Vec<Problem>,
    /// Conflicts the resolution did not settle.
    conflicts: Vec<EditConflict>,
}

impl<'a> Merging<'a> {
    fn new(
        entries: Vec<Entry>,
        decisions: &'a Decisions,
        layout: &'a Layout,
        resolution: &'a Resolution,
    ) -> Merging<'a> {
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
            decisions,
            layout,
            resolution,
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
            conflicts: Vec::new(),
        }
    }

    /// The place of the decision that decided entry `i`.
    fn place_of(&self, i: usize) -> Option<Place> {
        self.decided_by
            .get(&i)
            .map(|&d| self.decisions.rows[d].place.at(None))
    }

    /// Whether a conflict takes the sheet's side; one the resolution does
    /// not settle is kept to be reported.
    fn settle(&mut self, conflict: EditConflict) -> bool {
        match self.resolution.pick(&conflict) {
            Some(pick) => {
                self.summary.settled += 1;
                pick == Pick::Sheet
            }
            None => {
                self.conflicts.push(conflict);
                false
            }
        }
    }

    /// Applies the decision `index`: a change to the entry it names (by
    /// id, else by French term), or a new entry.
    fn row(&mut self, index: usize, row: &Decision) -> Result<(), Problem> {
        let fr = row.get(Field::Fr).unwrap_or("");
        if fr.is_empty() {
            return Err(row.problem(Field::Fr, "the French term is empty"));
        }
        let id_cell = row.get(Field::Id).filter(|s| !s.is_empty());
        if let Some(id) = id_cell
            && let Some(first) = self.sheet_ids.insert(id.to_string(), row.place.at(None))
        {
            return Err(row.problem(
                Field::Id,
                format!("id {id:?} is also the id of {first}: keep one row per entry"),
            ));
        }
        // Only a status the reviewer gave is a decision.
        let status_cell = row.decided(Field::Status);
        let status = match status_cell.filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => Some(
                Status::parse(&s.to_lowercase())
                    .ok_or_else(|| row.problem(Field::Status, unknown_status(s)))?,
            ),
        };
        if let Some(kind) = row.get(Field::Kind)
            && !kind.is_empty()
            && !super::KINDS.contains(&kind.to_lowercase().as_str())
        {
            return Err(row.problem(Field::Kind, unknown_kind(kind)));
        }
        let source = self.decisions.source;
        let existing = match id_cell {
            // A sheet's id is ours: a new one is a new entry, even beside
            // one with the same French term (a rejected translation).
            Some(id) if source == DecisionSource::Sheet => self.by_id.get(id).copied(),
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
        let id_cell = id_cell.filter(|_| source == DecisionSource::Sheet);
        match existing {
            Some(i) => self.update(i, index, row, status_cell, status),
            None => {
                self.add(index, row, fr, id_cell, status);
                Ok(())
            }
        }
    }

    /// Decision `index` decides entry `i`: each decided cell whose glossary
    /// value is still the exported one (or that has no base) is applied; a
    /// decided cell whose glossary value changed since is a conflict.
    fn update(
        &mut self,
        i: usize,
        index: usize,
        row: &Decision,
        status_cell: Option<&str>,
        status: Option<Status>,
    ) -> Result<(), Problem> {
        if let Some(first) = self.place_of(i) {
            return Err(row.problem(
                Field::Fr,
                format!(
                    "the same entry ({}) as {first}: keep one row per entry",
                    self.entries[i].id
                ),
            ));
        }
        if status_cell == Some("") {
            return Err(row.problem(
                Field::Status,
                "the status is empty: use approved, proposed or rejected",
            ));
        }
        self.decided_by.insert(i, index);
        // Most rows of a review sheet come back as they left: nothing to
        // compare.
        let decides =
            row.fields().any(|f| row.decided(f).is_some()) || row.decided_extra().next().is_some();
        if !decides {
            self.summary.unchanged += 1;
            return Ok(());
        }
        let before = self.entries[i].clone();
        let mut after = before.clone();
        // New decisions change an approved entry only when they say
        // approved (their values replace it) or rejected; a row that only
        // proposes (no status, or proposed) leaves it approved, its other
        // differences being the user's to settle.
        let protected = self.decisions.source == DecisionSource::AsNew
            && before.status == Status::Approved
            && !matches!(status, Some(Status::Approved | Status::Rejected));
        let cause = |changed: bool| match (changed, protected) {
            (true, _) => Some(Cause::SinceExport),
            (false, true) => Some(Cause::Approved),
            (false, false) => None,
        };
        for field in row.fields() {
            let Some(value) = row.decided(field) else {
                continue;
            };
            // The status was read with the row; an id names the entry.
            let sheet = match field {
                // A proposal does not demote an approved entry.
                Field::Status if protected => continue,
                Field::Status => status.map(Status::as_str).unwrap_or("").to_string(),
                Field::Id => continue,
                _ => match normalised(field, value) {
                    Some(v) => v,
                    None => continue,
                },
            };
            let mut probe = before.clone();
            // Statuses and types were checked with the row.
            let _ = field.set(&mut probe, &sheet);
            let now = field.get(&before);
            if field.get(&probe) == now {
                continue;
            }
            let changed = row
                .base
                .as_ref()
                .is_some_and(|b| !b.has(field_key(field), &now));
            let take = match cause(changed) {
                Some(cause) => {
                    let conflict = EditConflict {
                        place: row.place.at(super::column(row.column(field))),
                        id: before.id.clone(),
                        fr: before.fr.clone(),
                        field: field.header(SOURCE_LANGUAGE, TARGET_LANGUAGE),
                        glossary: Some(now.into_owned()),
                        sheet,
                        cause,
                    };
                    self.settle(conflict)
                }
                None => true,
            };
            if take {
                let _ = field.set(&mut after, &field.get(&probe));
            }
        }
        for (header, value) in row.decided_extra() {
            let kept = self.layout.extra.iter().any(|h| h == header);
            let now = before
                .extra
                .iter()
                .find(|(h, _)| h == header)
                .map_or("", |(_, v)| v.as_str());
            let changed = row
                .base
                .as_ref()
                .is_some_and(|b| !b.has(&extra_key(header), now));
            if kept
                && now != value
                && let Some(cause) = cause(changed)
            {
                let conflict = EditConflict {
                    place: row.place.at(super::column(row.extra_column(header))),
                    id: before.id.clone(),
                    fr: before.fr.clone(),
                    field: header.to_string(),
                    glossary: Some(now.to_string()),
                    sheet: value.to_string(),
                    cause,
                };
                if !self.settle(conflict) {
                    continue;
                }
            }
            give_extra(&mut after, header, value, self.layout);
        }
        if self.decisions.source == DecisionSource::AsNew {
            after.id.clone_from(&before.id);
        }
        // Most rows come back as they left: compare the entries before
        // listing the differences field by field.
        let fields = if after == before {
            Vec::new()
        } else {
            differences(&before, &after)
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
            place: row.place,
            id: after.id.clone(),
            fields: Some(fields),
        });
        self.entries[i] = after;
        self.changed.insert(i);
        Ok(())
    }

    /// Decision `index` adds an entry, if it decides something: a status,
    /// or any cell the reviewer changed (the entry is then proposed).
    fn add(
        &mut self,
        index: usize,
        row: &Decision,
        fr: &str,
        id_cell: Option<&str>,
        status: Option<Status>,
    ) {
        // A row exported as an entry (its base remembers a status) whose
        // entry has left the glossary since.
        let was_entry = row
            .base
            .as_ref()
            .is_some_and(|b| !b.has(field_key(Field::Status), ""));
        if was_entry {
            if !row.any_decided() {
                self.summary.unchanged += 1;
                return;
            }
            let conflict = EditConflict {
                place: row.place.at(super::column(row.column(Field::Fr))),
                id: id_cell.unwrap_or("").to_string(),
                fr: fr.to_string(),
                field: WHOLE_ENTRY.to_string(),
                glossary: None,
                sheet: fr.to_string(),
                cause: Cause::SinceExport,
            };
            if !self.settle(conflict) {
                return;
            }
        }
        let edited = match &row.base {
            Some(_) => row.any_decided(),
            None => edited_candidate(row),
        };
        if status.is_none() && !edited {
            self.summary.undecided += 1;
            return;
        }
        let mut entry = Entry::new(0, fr, Status::Proposed);
        for field in row.fields() {
            if field == Field::Status {
                continue;
            }
            if let Some(value) = row.get(field).and_then(|v| normalised(field, v)) {
                // Statuses and types were checked with the row.
                let _ = field.set(&mut entry, &value);
            }
        }
        for (header, value) in row.extra() {
            give_extra(&mut entry, header, value, self.layout);
        }
        entry.status = status.unwrap_or(Status::Proposed);
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
            place: row.place,
            id: entry.id.clone(),
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
            let row = &self.decisions.rows[self.decided_by[&i]];
            for (slot, message) in e.validate() {
                self.problems.push(match slot {
                    Slot::Field(field) => row.problem(field, message),
                    Slot::Extra(i) => row.problem_in(&e.extra[i].0, message),
                });
            }
            for name in self.layout.missing(e) {
                self.problems.push(Problem::new(
                    row.place.at(None),
                    format!(
                        "{curated_origin} has no column for the {name} this row gives: add the column to it first"
                    ),
                ));
            }
        }
    }

    /// Entries that cannot stand together: reported on the decision's row
    /// when a decision made the conflict.
    fn check_conflicts(&mut self, curated_origin: &str) {
        for conflict in Glossary::conflicts(&self.entries) {
            let (i, j) = conflict.entries();
            let (here, there) = match (self.changed.contains(&i), self.changed.contains(&j)) {
                (true, _) => (i, j),
                (false, true) => (j, i),
                (false, false) => continue,
            };
            let row = &self.decisions.rows[self.decided_by[&here]];
            let where_other = match self.place_of(there) {
                Some(other) => other.to_string(),
                None => format!("{curated_origin} row {}", self.entries[there].row),
            };
            let there_text = match conflict {
                super::EntryConflict::SameId { .. } => where_other,
                super::EntryConflict::ApprovedTwice { .. } => format!("in {where_other}"),
            };
            let message = conflict.message(&self.entries[here], &self.entries[there], &there_text);
            self.problems.push(row.problem(conflict.field(), message));
        }
    }
}

/// Whether a decision carries the French or the English term of `entry`:
/// an edit of one side of an entry, not another entry under the same id.
fn same_term(entry: &Entry, row: &Decision) -> bool {
    let same = |field, term: &str| row.get(field).is_some_and(|t| fold(t) == fold(term));
    same(Field::Fr, &entry.fr) || same(Field::En, &entry.en)
}

/// A candidate row without a status or a base that the reviewer
/// nevertheless edited: an English term other than the proposal, or
/// anything in the columns tmkit leaves empty.
fn edited_candidate(row: &Decision) -> bool {
    let proposal = row.proposal.as_deref().unwrap_or("");
    row.get(Field::En).unwrap_or("") != proposal
        || [
            Field::EnVariants,
            Field::FrDeprecated,
            Field::EnDeprecated,
            Field::EnExpansion,
            Field::Note,
        ]
        .iter()
        .any(|f| !row.get(*f).unwrap_or("").is_empty())
        || row.extra().any(|(_, v)| !v.is_empty())
}

/// A cell's value as the field takes it: a type as a spreadsheet may have
/// capitalised it (empty: `term`); an empty id is no id.
fn normalised(field: Field, value: &str) -> Option<String> {
    match field {
        Field::Kind if value.is_empty() => Some("term".to_string()),
        Field::Kind => Some(value.to_lowercase()),
        Field::Id if value.is_empty() => None,
        _ => Some(value.to_string()),
    }
}

/// Gives `e` the cell of the column `header`, which is none of the fields:
/// to that column when the curated file has it, else appended to the note.
fn give_extra(e: &mut Entry, header: &str, value: &str, layout: &Layout) {
    if layout.extra.iter().any(|h| h == header) {
        match e.extra.iter_mut().find(|(h, _)| h == header) {
            Some((_, v)) => *v = value.to_string(),
            None => e.extra.push((header.to_string(), value.to_string())),
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

/// The fields that differ, as (column, before, after).
fn differences(a: &Entry, b: &Entry) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = Field::ALL
        .iter()
        .filter_map(|f| {
            let (x, y) = (f.get(a), f.get(b));
            (x != y).then(|| {
                (
                    f.header(SOURCE_LANGUAGE, TARGET_LANGUAGE),
                    x.into_owned(),
                    y.into_owned(),
                )
            })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::conflicts::{Choices, Pick, Resolution};
    use crate::glossary::decisions::Decisions;
    use crate::glossary::rows::Row;
    use crate::glossary::sheet::{Flavour, Sheet, write};
    use crate::glossary::{Entry, Status};

    const CURATED: &str = "fr-FR,en-GB,id,type,status,fr-FR variants,en-GB variants,fr-FR expansion,en-GB expansion,note\n\
        CEI,CIS,cei,acronym,approved,,,Communauté des États indépendants,Commonwealth of Independent States,\n\
        défense aérienne,air defence,defense-aerienne,term,approved,,,,,US: air defense\n\
        sommet,summit,sommet,term,proposed,,,,,\n";

    fn sheet(csv: &str) -> Sheet {
        Sheet::parse(csv.as_bytes(), "review.csv", None).unwrap()
    }

    fn decisions(csv: &str) -> Decisions {
        sheet(csv).decisions
    }

    fn exported(flavour: Flavour) -> Vec<u8> {
        let g = Glossary::parse(CURATED.as_bytes(), "g.csv").unwrap();
        let mut rows: Vec<Row> = g.entries.iter().map(Row::of).collect();
        let mut candidate = Entry::new(0, "ligne ferroviaire", Status::Proposed);
        candidate.en = "railway line".into();
        candidate.id = "ligne-ferroviaire".into();
        rows.push(Row {
            candidate: true,
            proposal: "railway line".into(),
            ..Row::of(&candidate)
        });
        let mut out = Vec::new();
        write(&mut out, &rows, flavour).unwrap();
        out
    }

    /// `sheet` (git flavour) with the cell of `header` in the row of the
    /// French term `fr` set to `value`, as a reviewer would edit it.
    fn edit(sheet: &[u8], fr: &str, header: &str, value: &str) -> Vec<u8> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(sheet);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let column = rows[0].iter().position(|h| h == header).unwrap();
        let mut out = csv::Writer::from_writer(Vec::new());
        for row in &rows {
            let mut cells: Vec<&str> = row.iter().collect();
            if row.get(0) == Some(fr) {
                cells[column] = value;
            }
            out.write_record(&cells).unwrap();
        }
        out.into_inner().unwrap()
    }

    fn import_into(
        curated: &str,
        sheet: &[u8],
        resolution: &Resolution,
    ) -> Result<Merged, MergeError> {
        let sheet = Sheet::parse(sheet, "review.csv", None)?;
        merge(
            curated.as_bytes(),
            "g.csv",
            &sheet.decisions,
            "review.csv",
            resolution,
        )
    }

    #[test]
    fn a_cell_the_reviewer_left_keeps_what_the_glossary_has_now() {
        let sheet = exported(Flavour::default());
        let now = CURATED.replace("sommet,summit,", "sommet,summit meeting,");
        let merged = import_into(&now, &sheet, &Resolution::Ask).unwrap();
        assert_eq!(merged.bytes, now.as_bytes(), "the glossary's edit stays");
        // The reviewer's edit of another cell of that row lands beside it.
        let edited = edit(&sheet, "sommet", "status", "approved");
        let merged = import_into(&now, &edited, &Resolution::Ask).unwrap();
        assert_eq!(
            String::from_utf8(merged.bytes).unwrap(),
            now.replace(
                "sommet,summit meeting,sommet,term,proposed",
                "sommet,summit meeting,sommet,term,approved"
            )
        );
    }

    #[test]
    fn a_cell_both_changed_is_a_conflict_by_row_and_column_and_nothing_is_written() {
        let sheet = edit(
            &exported(Flavour::default()),
            "sommet",
            "en-GB",
            "top meeting",
        );
        let now = CURATED.replace("sommet,summit,", "sommet,summit meeting,");
        let err = import_into(&now, &sheet, &Resolution::Ask).unwrap_err();
        let MergeError::Conflicts { conflicts, .. } = &err else {
            panic!("{err}")
        };
        assert_eq!(
            conflicts
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            [
                "row 4, column 2: sommet (sommet), en-GB: the glossary has \"summit meeting\" since the export, the sheet \"top meeting\""
            ]
        );
        assert!(
            err.to_string().contains("--keep-glossary or --take-sheet"),
            "{err}"
        );
        let kept = import_into(&now, &sheet, &Resolution::All(Pick::Glossary)).unwrap();
        assert_eq!(kept.bytes, now.as_bytes());
        assert_eq!(kept.summary.settled, 1);
        let taken = import_into(&now, &sheet, &Resolution::All(Pick::Sheet)).unwrap();
        assert!(
            String::from_utf8(taken.bytes)
                .unwrap()
                .contains("\nsommet,top meeting,sommet,"),
        );
        let mut list = Vec::new();
        crate::glossary::conflicts::write_list(&mut list, conflicts).unwrap();
        let list = String::from_utf8(list)
            .unwrap()
            .replace(",\n", ",glossary\n");
        let choices = Choices::read(list.as_bytes(), "conflicts.csv").unwrap();
        let chosen = import_into(&now, &sheet, &Resolution::Each(choices)).unwrap();
        assert_eq!(chosen.bytes, now.as_bytes());
    }

    #[test]
    fn two_reviewers_sheets_of_one_export_imported_one_after_the_other() {
        let sheet = exported(Flavour::default());
        // Different cells: both land.
        let a = edit(&sheet, "sommet", "status", "approved");
        let b = edit(&sheet, "sommet", "note", "G20 context");
        let after_a = import_into(CURATED, &a, &Resolution::Ask).unwrap().bytes;
        let after_a = String::from_utf8(after_a).unwrap();
        let after_b = import_into(&after_a, &b, &Resolution::Ask).unwrap().bytes;
        assert!(
            String::from_utf8(after_b)
                .unwrap()
                .ends_with("\nsommet,summit,sommet,term,approved,,,,,G20 context\n")
        );
        // One cell: the second is a conflict.
        let a = edit(&sheet, "CEI", "note", "from A");
        let b = edit(&sheet, "CEI", "note", "from B");
        let after_a = import_into(CURATED, &a, &Resolution::Ask).unwrap().bytes;
        let after_a = String::from_utf8(after_a).unwrap();
        let err = import_into(&after_a, &b, &Resolution::Ask).unwrap_err();
        assert!(
            err.to_string()
                .contains("row 2, column 17: CEI (cei), note: the glossary has \"from A\" since the export, the sheet \"from B\""),
            "{err}"
        );
        // The same new candidate, added by both with different English.
        let a = edit(&sheet, "ligne ferroviaire", "status", "approved");
        let b = edit(
            &edit(&sheet, "ligne ferroviaire", "status", "approved"),
            "ligne ferroviaire",
            "en-GB",
            "rail line",
        );
        let after_a = import_into(CURATED, &a, &Resolution::Ask).unwrap().bytes;
        let after_a = String::from_utf8(after_a).unwrap();
        assert!(
            after_a.ends_with(
                "\nligne ferroviaire,railway line,ligne-ferroviaire,term,approved,,,,,\n"
            )
        );
        // A kept the proposal, so B's English lands.
        let merged = import_into(&after_a, &b, &Resolution::Ask).unwrap();
        assert!(
            String::from_utf8(merged.bytes)
                .unwrap()
                .contains("\nligne ferroviaire,rail line,")
        );
        let a = edit(&a, "ligne ferroviaire", "en-GB", "railway");
        let after_a =
            String::from_utf8(import_into(CURATED, &a, &Resolution::Ask).unwrap().bytes).unwrap();
        let err = import_into(&after_a, &b, &Resolution::Ask).unwrap_err();
        assert!(
            err.to_string().contains(
                "row 5, column 2: ligne ferroviaire (ligne-ferroviaire), en-GB: the glossary has \"railway\" since the export, the sheet \"rail line\""
            ),
            "{err}"
        );
    }

    #[test]
    fn a_column_of_the_curated_file_tmkit_does_not_interpret_is_merged_three_ways_too() {
        let curated = "fr-FR,en-GB,id,status,Source\nsommet,summit,sommet,proposed,client\n";
        let g = Glossary::parse(curated.as_bytes(), "g.csv").unwrap();
        let rows: Vec<Row> = g.entries.iter().map(Row::of).collect();
        let mut sheet = Vec::new();
        write(&mut sheet, &rows, Flavour::default()).unwrap();
        let sheet = edit(&sheet, "sommet", "Source", "reviewer");
        let merged = import_into(curated, &sheet, &Resolution::Ask).unwrap();
        assert!(
            String::from_utf8(merged.bytes)
                .unwrap()
                .ends_with(",reviewer\n")
        );
        let now = curated.replace(",client", ",terminologist");
        let err = import_into(&now, &sheet, &Resolution::Ask).unwrap_err();
        assert!(
            err.to_string().contains(
                "row 2, column 20: sommet (sommet), Source: the glossary has \"terminologist\" since the export, the sheet \"reviewer\""
            ),
            "{err}"
        );
    }

    #[test]
    fn an_entry_that_left_the_glossary_since_the_export_comes_back_only_if_chosen() {
        let sheet = exported(Flavour::default());
        let without = CURATED.replace("sommet,summit,sommet,term,proposed,,,,,\n", "");
        let merged = import_into(&without, &sheet, &Resolution::Ask).unwrap();
        assert_eq!(merged.bytes, without.as_bytes(), "not brought back unasked");
        let edited = edit(&sheet, "sommet", "status", "approved");
        let err = import_into(&without, &edited, &Resolution::Ask).unwrap_err();
        assert!(
            err.to_string()
                .contains("row 4, column 1: sommet (sommet): the entry left the glossary since the export, the sheet edits it"),
            "{err}"
        );
        let merged = import_into(&without, &edited, &Resolution::All(Pick::Sheet)).unwrap();
        assert!(
            String::from_utf8(merged.bytes)
                .unwrap()
                .ends_with("\nsommet,summit,sommet,term,approved,,,,,\n")
        );
    }

    /// A client's TBX: its own ids, one of them ours by chance.
    fn import_tbx(entries: &[(&str, &str, &str)]) -> Merged {
        try_import_tbx(entries).unwrap()
    }

    fn try_import_tbx(entries: &[(&str, &str, &str)]) -> Result<Merged, MergeError> {
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
        let decisions = crate::glossary::tbx::decisions(tbx.as_bytes(), "client.tbx").unwrap();
        merge(
            CURATED.as_bytes(),
            "g.csv",
            &decisions,
            "client.tbx",
            &Resolution::Ask,
        )
    }

    #[test]
    fn a_tbx_problem_is_placed_by_line_without_a_column() {
        let err = try_import_tbx(&[("a", "sommet", "summit"), ("b", "sommet", "summit")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("client.tbx: line 1: "), "{err}");
        assert!(!err.contains("column"), "{err}");
    }

    #[test]
    fn a_tbx_problem_names_the_other_entry_by_its_line() {
        let tbx = "<martif type=\"TBX\" xml:lang=\"en\"><text><body>\n\
            <termEntry id=\"a\"><langSet xml:lang=\"fr\"><tig><term>sommet</term></tig></langSet></termEntry>\n\
            <termEntry id=\"b\"><langSet xml:lang=\"fr\"><tig><term>Sommet</term></tig></langSet></termEntry>\n\
            </body></text></martif>";
        let decisions = crate::glossary::tbx::decisions(tbx.as_bytes(), "client.tbx").unwrap();
        let err = merge(
            CURATED.as_bytes(),
            "g.csv",
            &decisions,
            "client.tbx",
            &Resolution::Ask,
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("client.tbx: line 3: the same entry (sommet) as line 2: keep one"),
            "{err}"
        );
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
    fn a_termbase_without_a_status_does_not_change_an_approved_entry_unasked() {
        let err = try_import_tbx(&[("x1", "CEI", "C.I.S.")]).unwrap_err();
        assert!(
            err.to_string().contains(
                "line 1: CEI (cei), en-GB: approved as \"CIS\"; the row gives \"C.I.S.\" without approving it"
            ),
            "{err}"
        );
        // Its silence clears nothing: our note stays.
        let merged = import_tbx(&[("x1", "défense aérienne", "air defence")]);
        assert_eq!(merged.bytes, CURATED.as_bytes());
    }

    #[test]
    fn our_id_in_a_tbx_follows_an_edit_of_the_french_term() {
        // The entry is approved and the termbase states no status: the
        // change is the user's to take.
        let tbx = "<martif type=\"TBX\" xml:lang=\"en\"><text><body>\
            <termEntry id=\"defense-aerienne\"><langSet xml:lang=\"fr\"><tig><term>défense antiaérienne</term></tig></langSet>\
            <langSet xml:lang=\"en\"><tig><term>air defence</term></tig></langSet></termEntry></body></text></martif>";
        let decisions = crate::glossary::tbx::decisions(tbx.as_bytes(), "client.tbx").unwrap();
        let merged = merge(
            CURATED.as_bytes(),
            "g.csv",
            &decisions,
            "client.tbx",
            &Resolution::All(Pick::Sheet),
        )
        .unwrap();
        let g = Glossary::parse(&merged.bytes, "g.csv").unwrap();
        assert!(entry(&g, "défense aérienne").is_empty());
        assert_eq!(entry(&g, "défense antiaérienne")[0].id, "defense-aerienne");
    }

    fn import(sheet_bytes: &[u8]) -> Result<Merged, MergeError> {
        let sheet = Sheet::parse(sheet_bytes, "review.csv", None)?;
        merge(
            CURATED.as_bytes(),
            "g.csv",
            &sheet.decisions,
            "review.csv",
            &Resolution::Ask,
        )
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
    fn the_excel_flavour_neutralises_formulas_and_the_import_reverses_it_exactly() {
        let curated = "fr-FR,en-GB,id,status,note\n\
            \"=HYPERLINK(\"\"http://x\"\")\",=cmd|'/c calc'!A1,hyperlink,proposed,+33 1 23\n\
            @sommet,-summit,arobase,proposed,'=typed with its apostrophe\n";
        let g = Glossary::parse(curated.as_bytes(), "g.csv").unwrap();
        let rows: Vec<Row> = g.entries.iter().map(Row::of).collect();
        let excel = Flavour {
            excel: true,
            delimiter: b',',
        };
        let mut sheet = Vec::new();
        write(&mut sheet, &rows, excel).unwrap();
        let text = String::from_utf8(sheet.clone()).unwrap();
        for cell in [
            "\"'=HYPERLINK(\"\"http://x\"\")\"",
            "\"'=cmd|'/c calc'!A1\"",
            "\"'+33 1 23\"",
            "\"'@sommet\"",
            "\"'-summit\"",
            // A value that starts with an apostrophe is no formula: as it is.
            "\"'=typed with its apostrophe\"",
        ] {
            assert!(text.contains(cell), "{cell} in {text}");
        }
        for formula in ["\"=", "\"+", "\"-", "\"@"] {
            assert!(!text.contains(formula), "{formula} in {text}");
        }
        // Back unchanged: byte for byte.
        let merged = import_into(curated, &sheet, &Resolution::Ask).unwrap();
        assert_eq!(merged.bytes, curated.as_bytes());
        assert!(merged.changes.is_empty());
        // An escaped cell the reviewer edits comes in without the apostrophe.
        let edited = text.replace("'=cmd|'/c calc'!A1", "'=cmd|'/c calc'!A2");
        let merged = import_into(curated, edited.as_bytes(), &Resolution::Ask).unwrap();
        assert_eq!(
            merged.changes[0].to_string(),
            "row 2: changed hyperlink: en-GB \"=cmd|'/c calc'!A1\" → \"=cmd|'/c calc'!A2\""
        );
        // The git flavour is not for spreadsheets: cells as they are.
        let mut git = Vec::new();
        write(&mut git, &rows, Flavour::default()).unwrap();
        assert!(
            String::from_utf8(git)
                .unwrap()
                .contains(",=cmd|'/c calc'!A1,")
        );
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
        let s =
            decisions("Reviewer comment,id,status,en-GB,fr-FR\nprefer CIS,cei,approved,CIS,CEI\n");
        let merged = merge(
            CURATED.as_bytes(),
            "g.csv",
            &s,
            "review.csv",
            &Resolution::Ask,
        )
        .unwrap();
        let text = String::from_utf8(merged.bytes).unwrap();
        assert!(
            text.contains(",Commonwealth of Independent States,Reviewer comment: prefer CIS\n"),
            "{text}"
        );
        // Importing the same sheet again changes nothing more.
        let again = merge(text.as_bytes(), "g.csv", &s, "review.csv", &Resolution::Ask).unwrap();
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
        let MergeError::Invalid { problems, .. } = &err else {
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
            let s = decisions(&format!("{sheet_header}\nsommet,summit\n"));
            assert!(
                merge(us.as_bytes(), "g.csv", &s, "review.csv", &Resolution::Ask).is_ok(),
                "{sheet_header}"
            );
        }
    }

    #[test]
    fn a_semicolon_glossary_keeps_its_delimiter_when_a_row_changes() {
        let curated = CURATED.replace(',', ";");
        let s = decisions("fr-FR,en-GB,status\nsommet,summit meeting,proposed\n");
        let merged = merge(
            curated.as_bytes(),
            "g.csv",
            &s,
            "review.csv",
            &Resolution::Ask,
        )
        .unwrap();
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
        let MergeError::Invalid { problems, .. } = &err else {
            panic!("{err}")
        };
        let rows: Vec<(u64, Option<u64>)> = problems
            .iter()
            .map(|p| (p.place.number(), p.place.column()))
            .collect();
        assert_eq!(rows, [(2, Some(4)), (3, Some(3)), (4, Some(1))], "{err}");
    }
}
