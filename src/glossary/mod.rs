//! The French→English glossary: entries, statuses, the curated CSV, QA.
//!
//! Where it sits in the flow: term candidates ([`crate::terms`]) meet the
//! curated glossary here, and with the aligned translation memory
//! ([`crate::align`], [`crate::tm`]) they get English equivalents
//! ([`propose`]) and the translation is checked against the glossary
//! ([`check`]). The glossary leaves the workspace as a review sheet
//! ([`rows`], [`sheet`]), TBX ([`tbx`]) and OmegaT's TSV ([`omegat`]), and
//! comes back through [`merge`], whatever the decisions' source.
//!
//! The curated file (`glossary/fr-en.csv`) is RFC 4180 CSV, UTF-8, one entry
//! per row, columns matched by header name ([`Field`] is the table of them):
//!
//! | column | holds |
//! |---|---|
//! | `fr-FR` | the French term (any `fr…` tag names the column) |
//! | `en-GB` | its English equivalent (any `en…` tag) |
//! | `id` | a stable id, `[a-z][a-z0-9-]*`, unique |
//! | `type` | `acronym`, `code`, `name` or `term` |
//! | `status` | `approved`, `proposed` or `rejected` |
//! | `fr-FR variants`, `en-GB variants` | other accepted forms, `\|`-separated |
//! | `fr-FR deprecated`, `en-GB deprecated` | forms to avoid, `\|`-separated |
//! | `fr-FR expansion`, `en-GB expansion` | an acronym's full form |
//! | `note` | usage note (British and American usage, choices made) |
//!
//! Only the two language columns are required, so a plain two-column
//! glossary also loads (every entry then counts as approved). Any other
//! column is kept with its entry. Every problem is reported at once, with its
//! row and column; the checks every source of entries shares (the curated
//! file, a review sheet, a TBX file) are [`Entry::validate`] and
//! [`Glossary::conflicts`].

pub mod base;
pub mod check;
pub mod conflicts;
pub mod contexts;
mod curated;
pub mod decisions;
mod fields;
pub mod merge;
pub mod omegat;
pub mod propose;
pub mod rows;
pub mod sheet;
pub mod tbx;

use std::path::Path;

use crate::align::TermPair;
use crate::formats::FileFormat;
use crate::terms::Kind;

pub use fields::Field;

/// The French column's tag in the sheets tmkit writes.
pub const SOURCE_LANGUAGE: &str = "fr-FR";
/// The English column's tag in the sheets tmkit writes.
pub const TARGET_LANGUAGE: &str = "en-GB";

/// The status of an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Validated by a terminologist: the translation must use it.
    Approved,
    /// Suggested, not yet validated.
    Proposed,
    /// Examined and refused: not a glossary entry. Kept so that it is never
    /// proposed again; never exported to a CAT format. (A form translators
    /// must avoid is not a rejected entry but a deprecated form of one:
    /// [`Entry::en_deprecated`].)
    Rejected,
}

impl Status {
    /// `approved`, `proposed` or `rejected`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Approved => "approved",
            Status::Proposed => "proposed",
            Status::Rejected => "rejected",
        }
    }

    fn parse(s: &str) -> Option<Status> {
        match s {
            "approved" => Some(Status::Approved),
            "proposed" => Some(Status::Proposed),
            "rejected" => Some(Status::Rejected),
            _ => None,
        }
    }
}

/// One glossary entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// 1-based row in the file (the header is row 1).
    pub row: usize,
    /// Stable id (`cei`, `corridor-de-transport-nord-sud`).
    pub id: String,
    /// The French term.
    pub fr: String,
    /// Its English equivalent (may be empty for a rejected or new entry).
    pub en: String,
    /// An acronym, a code, a name or a term (the default).
    pub kind: Kind,
    /// Approved, proposed or rejected.
    pub status: Status,
    /// Other French forms.
    pub fr_variants: Vec<String>,
    /// Other accepted English forms.
    pub en_variants: Vec<String>,
    /// French forms to avoid.
    pub fr_deprecated: Vec<String>,
    /// English forms to avoid: the QA flags a translation that uses one.
    pub en_deprecated: Vec<String>,
    /// The French full form of an acronym.
    pub fr_expansion: String,
    /// The English full form of an acronym.
    pub en_expansion: String,
    /// Usage note.
    pub note: String,
    /// Columns tmkit does not interpret, as (header, value).
    pub extra: Vec<(String, String)>,
}

impl Entry {
    /// An entry of `row` with its French term and status, a `term`, and
    /// nothing else yet.
    pub fn new(row: usize, fr: impl Into<String>, status: Status) -> Entry {
        Entry {
            row,
            id: String::new(),
            fr: fr.into(),
            en: String::new(),
            kind: Kind::Term,
            status,
            fr_variants: Vec::new(),
            en_variants: Vec::new(),
            fr_deprecated: Vec::new(),
            en_deprecated: Vec::new(),
            fr_expansion: String::new(),
            en_expansion: String::new(),
            note: String::new(),
            extra: Vec::new(),
        }
    }

    /// The French term and its variants.
    pub fn fr_forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.fr.as_str()).chain(self.fr_variants.iter().map(String::as_str))
    }

    /// The English term and its variants.
    pub fn en_forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.en.as_str())
            .chain(self.en_variants.iter().map(String::as_str))
            .filter(|s| !s.is_empty())
    }

    /// What is wrong with the entry on its own, by the cell it is in,
    /// whatever file it comes from: an empty French term, an approved entry
    /// without English, an id not of the glossary's form, a control
    /// character or a non-character anywhere (an unknown status or type is
    /// refused when the cell is read).
    pub fn validate(&self) -> Vec<(Slot, String)> {
        let mut problems = Vec::new();
        if self.fr.is_empty() {
            problems.push((
                Slot::Field(Field::Fr),
                "the French term is empty".to_string(),
            ));
        }
        if self.status == Status::Approved && self.en.is_empty() {
            problems.push((
                Slot::Field(Field::En),
                "an approved entry needs its English term".to_string(),
            ));
        }
        if !valid_id(&self.id) {
            problems.push((
                Slot::Field(Field::Id),
                format!(
                    "id {:?} is not lowercase letters, digits and hyphens starting with a letter",
                    self.id
                ),
            ));
        }
        let forms = [
            (Field::FrDeprecated, &self.fr_deprecated),
            (Field::EnDeprecated, &self.en_deprecated),
        ];
        for (field, deprecated) in forms {
            if deprecated.is_empty() {
                continue;
            }
            let accepted: Vec<String> = if field == Field::FrDeprecated {
                self.fr_forms().map(fold).collect()
            } else {
                self.en_forms().map(fold).collect()
            };
            if let Some(both) = deprecated.iter().find(|d| accepted.contains(&fold(d))) {
                problems.push((
                    Slot::Field(field),
                    format!(
                        "{both:?} is both accepted (the term or a variant) and deprecated: keep it in one column"
                    ),
                ));
            }
        }
        let mut refuse = |slot: Slot, value: &str, name: &dyn Fn() -> String| {
            // Plain ASCII text has none: most cells are read no further.
            if value.bytes().all(|b| (0x20..0x7F).contains(&b)) {
                return;
            }
            if let Some(c) = value.chars().find(|&c| unwritable(c)) {
                let what = if c.is_control() {
                    "control character"
                } else {
                    "non-character"
                };
                problems.push((
                    slot,
                    format!(
                        "{what} U+{:04X} in the {}: remove it (XML, TBX and CAT tools cannot carry it)",
                        u32::from(c),
                        name()
                    ),
                ));
            }
        };
        for f in Field::ALL {
            refuse(Slot::Field(f), &f.get(self), &|| f.name().to_string());
        }
        for (i, (h, v)) in self.extra.iter().enumerate() {
            refuse(Slot::Extra(i), v, &|| format!("{h} column"));
        }
        problems
    }
}

/// A character no glossary cell may hold: a control character (C0, DEL,
/// C1; line breaks and tabs are refused as such by the readers) or a
/// Unicode non-character (U+FDD0–U+FDEF, U+FFFE, U+FFFF and their like in
/// every plane).
fn unwritable(c: char) -> bool {
    let n = u32::from(c);
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || (0xFDD0..=0xFDEF).contains(&n)
        || n & 0xFFFE == 0xFFFE
}

/// The cell of an entry a problem is in: one of its fields, or one of its
/// extra columns (by its index in [`Entry::extra`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// A field.
    Field(Field),
    /// An extra column.
    Extra(usize),
}

/// A glossary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Glossary {
    /// The entries, in file order.
    pub entries: Vec<Entry>,
}

/// Where a problem is in the file that has it: a table's cell or row, a
/// text's line and column (a TBX entry's), written in words.
pub use crate::error::Place;

/// A 1-based column as the glossary counts it (an index's type), as a
/// [`Place`] holds it.
pub(crate) fn column(column: Option<usize>) -> Option<u64> {
    column.map(|c| c as u64)
}

/// One problem in a glossary file, a sheet or a termbase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where it is.
    pub place: Place,
    /// What is wrong and what to do.
    pub message: String,
}

impl Problem {
    /// A problem at `place`.
    pub fn new(place: Place, message: impl Into<String>) -> Problem {
        Problem {
            place,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// Sorts problems by place, keeping the order of those in one place.
pub(crate) fn sort(problems: &mut [Problem]) {
    problems.sort_by_key(|p| p.place);
}

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
    /// A TBX termbase that cannot be read.
    #[error(transparent)]
    Tbx(#[from] tbx::TbxError),
    /// Rows with problems; nothing was loaded.
    #[error("{origin}: {} problem(s):\n{}", problems.len(), problems.iter().map(|p| format!("  {origin}: {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid {
        /// The file.
        origin: String,
        /// Every problem found.
        problems: Vec<Problem>,
    },
}

/// The kinds of entry.
pub(crate) const KINDS: &[&str] = &["acronym", "code", "name", "term"];

fn split_variants(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .collect()
}

fn valid_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// `base`, or `base-2`, `base-3`… when taken; the result is then taken.
pub(crate) fn unique_id(base: &str, taken: &mut std::collections::HashSet<String>) -> String {
    let mut id = base.to_string();
    let mut n = 1;
    while taken.contains(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    taken.insert(id.clone());
    id
}

/// A stable id for a French term: ASCII-folded, lowercase, hyphenated
/// (`corridor de transport Nord–Sud` → `corridor-de-transport-nord-sud`).
///
/// ```
/// assert_eq!(tmkit::glossary::slug("Douchanbé"), "douchanbe");
/// assert_eq!(tmkit::glossary::slug("3+3"), "t-3-3");
/// ```
pub fn slug(term: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    for c in term.nfd().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !c.is_ascii() && unicode_normalization::char::is_combining_mark(c) {
            continue;
        } else if c == 'œ' {
            out.push_str("oe");
        } else if c == 'æ' {
            out.push_str("ae");
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.starts_with(|c: char| c.is_ascii_lowercase()) {
        out
    } else {
        format!("t-{out}")
    }
}

/// Two entries that cannot both be in one glossary, as indexes into its
/// entries: the later one and the first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryConflict {
    /// Both have this id.
    SameId {
        /// The later entry.
        entry: usize,
        /// The first entry with the id.
        first: usize,
    },
    /// Both approve the French term (folded as lookups fold it) with
    /// different English terms: a French term has one approved English term.
    ApprovedTwice {
        /// The later entry.
        entry: usize,
        /// The first entry that approves the term.
        first: usize,
    },
}

impl EntryConflict {
    /// The later entry and the first.
    pub fn entries(self) -> (usize, usize) {
        match self {
            EntryConflict::SameId { entry, first }
            | EntryConflict::ApprovedTwice { entry, first } => (entry, first),
        }
    }

    /// The field of the later entry that the conflict is in.
    pub fn field(self) -> Field {
        match self {
            EntryConflict::SameId { .. } => Field::Id,
            EntryConflict::ApprovedTwice { .. } => Field::En,
        }
    }

    /// What is wrong with `here`, the other entry being `other`; `there`
    /// places the other entry: `row 2` for an id (`…is also the id of row
    /// 2`), a phrase for a term (`in row 2`, `at line 2`).
    pub fn message(self, here: &Entry, other: &Entry, there: &str) -> String {
        match self {
            EntryConflict::SameId { .. } => format!("id {:?} is also the id of {there}", here.id),
            EntryConflict::ApprovedTwice { .. } => format!(
                "{:?} is approved as {:?} here and as {:?} {there}: keep one",
                here.fr, here.en, other.en
            ),
        }
    }
}

impl Glossary {
    /// Reads a glossary CSV (UTF-8, BOM optional, comma-separated), or a
    /// TBX v2 termbase when the file name ends in `.tbx`.
    pub fn load(path: &Path) -> Result<Glossary, GlossaryError> {
        if FileFormat::from_path(path) == Some(FileFormat::Tbx) {
            return tbx::load(path).map_err(GlossaryError::Tbx);
        }
        let origin = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| GlossaryError::Unreadable {
            origin: origin.clone(),
            message: format!("cannot read: {e}"),
        })?;
        Glossary::parse(&bytes, &origin)
    }

    /// Reads a glossary CSV from bytes; `origin` names it in errors.
    pub fn parse(bytes: &[u8], origin: &str) -> Result<Glossary, GlossaryError> {
        Ok(curated::read(bytes, origin)?.0)
    }

    /// The entries that cannot stand together, whatever file they come
    /// from: ids used twice, a French term approved with two English terms.
    /// Ids come first, each kind in entry order.
    pub fn conflicts(entries: &[Entry]) -> Vec<EntryConflict> {
        use std::collections::HashMap;
        use std::collections::hash_map::Entry as Slot;
        let mut conflicts = Vec::new();
        let mut ids: HashMap<&str, usize> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            if let Some(&first) = ids.get(e.id.as_str()) {
                conflicts.push(EntryConflict::SameId { entry: i, first });
            } else {
                ids.insert(&e.id, i);
            }
        }
        let mut approved: HashMap<String, usize> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            if e.status != Status::Approved {
                continue;
            }
            match approved.entry(fold(&e.fr)) {
                Slot::Occupied(j) if entries[*j.get()].en != e.en => {
                    conflicts.push(EntryConflict::ApprovedTwice {
                        entry: i,
                        first: *j.get(),
                    });
                }
                Slot::Occupied(_) => {}
                Slot::Vacant(slot) => {
                    slot.insert(i);
                }
            }
        }
        conflicts
    }

    /// The approved and proposed pairs, every French form with the main
    /// English term: anchors for the aligner.
    pub fn term_pairs(&self) -> Vec<TermPair> {
        self.entries
            .iter()
            .filter(|e| e.status != Status::Rejected && !e.en.is_empty())
            .flat_map(|e| {
                e.fr_forms().map(|fr| TermPair {
                    fr: fr.to_string(),
                    en: e.en.clone(),
                })
            })
            .collect()
    }

    /// The French terms and variants of the entries a reviewer has not
    /// rejected, folded as [`Glossary::find`] folds them: the terms the
    /// extractor takes as known ([`crate::terms::ExtractorOptions::known`]).
    pub fn accepted_forms(&self) -> std::collections::HashSet<String> {
        self.entries
            .iter()
            .filter(|e| e.status != Status::Rejected)
            .flat_map(|e| e.fr_forms().map(fold))
            .collect()
    }

    /// Every French term and variant, folded as [`Glossary::find`] folds
    /// them, with the first entry that has it: for many lookups.
    pub fn french_index(&self) -> std::collections::HashMap<String, &Entry> {
        let mut index = std::collections::HashMap::new();
        for e in &self.entries {
            for form in e.fr_forms() {
                index.entry(fold(form)).or_insert(e);
            }
        }
        index
    }

    /// The entry whose French term or variant folds to `term`.
    pub fn find(&self, term: &str) -> Option<&Entry> {
        let key = fold(term);
        self.entries
            .iter()
            .find(|e| e.fr_forms().any(|f| fold(f) == key))
    }
}

/// Folds case and typography for lookups (’ → ', – → -).
pub(crate) fn fold(s: &str) -> String {
    crate::text::match_key(s)
}

/// The text of a CSV file: UTF-8 (a BOM is dropped) or UTF-16 with its
/// BOM (Excel's "Unicode Text"). Anything else is refused, naming the line
/// and column of the first byte that is not UTF-8 and the likely encoding.
pub(crate) fn decode<'b>(
    bytes: &'b [u8],
    origin: &str,
) -> Result<std::borrow::Cow<'b, str>, GlossaryError> {
    crate::encoding::decode(bytes).map_err(|e| GlossaryError::Unreadable {
        origin: origin.to_string(),
        message: format!(
            "line {}, character {}: {e}{}: save it as “CSV UTF-8” and import again",
            e.line,
            e.column,
            e.spreadsheet_hint()
        ),
    })
}

/// `s` on one line: line breaks and tabs become single spaces, as a cell
/// of a CSV or TSV glossary needs.
pub(crate) fn one_line(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| matches!(c, '\n' | '\r' | '\t');
    if s.contains(bad) {
        std::borrow::Cow::Owned(
            s.split(bad)
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(" "),
        )
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Reads the term pairs of a glossary CSV (see [`Glossary::term_pairs`]).
pub fn read_term_pairs(path: &Path) -> Result<Vec<TermPair>, GlossaryError> {
    Ok(Glossary::load(path)?.term_pairs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_is_reported_with_its_row_and_column() {
        let csv = "fr-FR,en-GB,id,type,status\n\
                   CEI,CIS,cei,acronym,approved\n\
                   ,x,vide,term,approved\n\
                   OCS,SCO,cei,acronym,aproved\n\
                   Bakou,Baku,bakou,place,approved\n\
                   cei,CSI,cei2,acronym,approved\n";
        let err = Glossary::parse(csv.as_bytes(), "g.csv").unwrap_err();
        let GlossaryError::Invalid { problems, .. } = &err else {
            panic!("{err}")
        };
        let found: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            found,
            [
                "row 3, column 1: the French term is empty",
                "row 4, column 3: id \"cei\" is also the id of row 2",
                "row 4, column 5: unknown status \"aproved\": use approved, proposed or rejected",
                "row 5, column 4: unknown type \"place\": use acronym, code, name or term",
                "row 6, column 2: \"cei\" is approved as \"CSI\" here and as \"CIS\" in row 2: keep one",
            ]
        );
    }

    #[test]
    fn control_characters_and_non_characters_are_refused_with_row_and_column() {
        let csv = "fr-FR,en-GB,note,Source\n\
                   Bakou,Ba\u{1}ku,,\n\
                   Kyiv,Kyiv,\u{FFFE},\n\
                   OCS,SCO,,a\u{0}b\n\
                   CEI,CIS,next\u{85}line,\n";
        let err = Glossary::parse(csv.as_bytes(), "g.csv").unwrap_err();
        let GlossaryError::Invalid { problems, .. } = &err else {
            panic!("{err}")
        };
        let found: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            found,
            [
                "row 2, column 2: control character U+0001 in the English term: remove it (XML, TBX and CAT tools cannot carry it)",
                "row 3, column 3: non-character U+FFFE in the note: remove it (XML, TBX and CAT tools cannot carry it)",
                "row 4, column 4: control character U+0000 in the Source column: remove it (XML, TBX and CAT tools cannot carry it)",
                "row 5, column 3: control character U+0085 in the note: remove it (XML, TBX and CAT tools cannot carry it)",
            ]
        );
    }

    #[test]
    fn deprecated_is_a_status_of_forms_and_a_form_is_accepted_or_deprecated() {
        let csv = "fr-FR,en-GB,status,en-GB variants,en-GB deprecated\n\
                   Kyiv,Kyiv,deprecated,,Kiev\n\
                   essence,petrol,approved,gas,Petrol|gasoline\n";
        let err = Glossary::parse(csv.as_bytes(), "g.csv").unwrap_err();
        let GlossaryError::Invalid { problems, .. } = &err else {
            panic!("{err}")
        };
        let found: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            found,
            [
                "row 2, column 3: status \"deprecated\" belongs to a form, not to an entry: list the forms to avoid in the fr-FR deprecated or en-GB deprecated column, and give the entry approved, proposed or rejected (rejected: not a glossary entry at all)",
                "row 3, column 5: \"Petrol\" is both accepted (the term or a variant) and deprecated: keep it in one column",
            ]
        );
        let g = Glossary::parse(
            "fr-FR,en-GB,en-GB deprecated\nKyiv,Kyiv,Kiev\n".as_bytes(),
            "g.csv",
        )
        .unwrap();
        assert_eq!(g.entries[0].en_deprecated, ["Kiev"]);
    }

    #[test]
    fn a_two_column_glossary_loads_as_approved_entries() {
        let g = Glossary::parse("fr-FR,en-GB\nBakou,Baku\n".as_bytes(), "g.csv").unwrap();
        assert_eq!(g.entries[0].status, Status::Approved);
        assert_eq!(g.entries[0].id, "bakou");
    }

    #[test]
    fn a_french_excel_glossary_reads_with_its_semicolons() {
        let csv = "\u{FEFF}fr-FR;en-GB;note\r\nBakou;Baku;\"Azerbaïdjan; capitale\"\r\n";
        let g = Glossary::parse(csv.as_bytes(), "g.csv").unwrap();
        assert_eq!(
            (g.entries[0].fr.as_str(), g.entries[0].en.as_str()),
            ("Bakou", "Baku")
        );
        assert_eq!(g.entries[0].note, "Azerbaïdjan; capitale");
    }

    #[test]
    fn columns_are_found_by_name_in_any_order() {
        let csv = "id,fr-FR variants,note,en-GB,fr-FR\ncei,Communauté,x,CIS,CEI\n";
        let g = Glossary::parse(csv.as_bytes(), "g.csv").unwrap();
        let e = &g.entries[0];
        assert_eq!((e.fr.as_str(), e.en.as_str()), ("CEI", "CIS"));
        assert_eq!(e.fr_variants, ["Communauté"]);
    }

    #[test]
    fn underscore_tags_do_not_name_a_language_column() {
        let err = Glossary::parse(b"fr_FR,en_GB\nBakou,Baku\n", "g.csv").unwrap_err();
        assert!(err.to_string().contains("no French column"), "{err}");
    }

    #[test]
    fn windows_1252_is_refused_with_the_line() {
        let err = Glossary::parse(b"fr-FR,en-GB\nd\xe9fense,defence\n", "g.csv").unwrap_err();
        assert!(
            err.to_string()
                .contains("line 2, character 2: not UTF-8: byte 0xE9 is “é” in Windows-1252"),
            "{err}"
        );
    }
}
