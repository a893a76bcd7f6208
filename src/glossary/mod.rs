//! The French→English glossary: entries, statuses, the curated CSV, QA.
//!
//! Where it sits in the flow: term candidates ([`crate::terms`]) meet the
//! curated glossary here, and with the aligned translation memory
//! ([`crate::align`], [`crate::tm`]) they get English equivalents
//! ([`propose`]) and the translation is checked against the glossary
//! ([`check`]).
//!
//! The curated file (`glossary/fr-en.csv`) is RFC 4180 CSV, UTF-8, one entry
//! per row, columns matched by header name:
//!
//! | column | holds |
//! |---|---|
//! | `fr-FR` | the French term (any `fr…` tag names the column) |
//! | `en-GB` | its English equivalent (any `en…` tag) |
//! | `id` | a stable id, `[a-z][a-z0-9-]*`, unique |
//! | `type` | `acronym`, `code`, `name` or `term` |
//! | `status` | `approved`, `proposed` or `rejected` |
//! | `fr-FR variants`, `en-GB variants` | other accepted forms, `\|`-separated |
//! | `fr-FR expansion`, `en-GB expansion` | an acronym's full form |
//! | `note` | usage note (British and American usage, choices made) |
//!
//! Only the two language columns are required, so a plain two-column
//! glossary also loads (every entry then counts as approved). Any other
//! column is kept with its entry. Every problem is reported at once, with its
//! row and column.

pub mod check;
pub mod omegat;
pub mod propose;
pub mod review;
pub mod tbx;

use std::path::Path;

use crate::align::TermPair;
use crate::tm::primary;

/// The status of an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Validated by a terminologist: the translation must use it.
    Approved,
    /// Suggested, not yet validated.
    Proposed,
    /// Examined and refused: kept so it is not proposed again.
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
    /// `acronym`, `code`, `name` or `term`.
    pub kind: String,
    /// Approved, proposed or rejected.
    pub status: Status,
    /// Other French forms.
    pub fr_variants: Vec<String>,
    /// Other accepted English forms.
    pub en_variants: Vec<String>,
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
}

/// A glossary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Glossary {
    /// The entries, in file order.
    pub entries: Vec<Entry>,
}

/// One problem in a glossary file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// 1-based row (the header is row 1).
    pub row: usize,
    /// 1-based column, when the problem is in one cell.
    pub column: Option<usize>,
    /// What is wrong and what to do.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.column {
            Some(c) => write!(f, "row {}, column {}: {}", self.row, c, self.message),
            None => write!(f, "row {}: {}", self.row, self.message),
        }
    }
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
    Tbx(#[from] Box<tbx::TbxError>),
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
pub const KINDS: &[&str] = &["acronym", "code", "name", "term"];

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

impl Glossary {
    /// Reads a glossary CSV (UTF-8, BOM optional, comma-separated), or a
    /// TBX v2 termbase when the file name ends in `.tbx`.
    pub fn load(path: &Path) -> Result<Glossary, GlossaryError> {
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("tbx"))
        {
            return tbx::load(path).map_err(|e| GlossaryError::Tbx(Box::new(e)));
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
        let text = decode(bytes, origin)?;
        // A client's glossary saved by French Excel is ;-separated.
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .delimiter(crate::tm::table::Delimiter::sniff(&text).byte())
            .from_reader(text.as_bytes());
        let unreadable = |e: csv::Error| GlossaryError::Unreadable {
            origin: origin.to_string(),
            message: e.to_string(),
        };
        let headers = reader.headers().map_err(unreadable)?.clone();
        let columns = Columns::of(&headers, origin)?;
        let (fr, en) = (columns.fr, columns.en);
        let known = columns.all();
        let mut problems = Vec::new();
        let mut entries = Vec::new();
        for (i, record) in reader.records().enumerate() {
            let row = i + 2;
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
            if record.len() != headers.len() {
                problems.push(Problem {
                    row,
                    column: None,
                    message: format!(
                        "{} fields where the header has {}: quote cells that contain the delimiter",
                        record.len(),
                        headers.len()
                    ),
                });
                continue;
            }
            let get = |c: Option<usize>| c.and_then(|c| record.get(c)).unwrap_or("").trim();
            for (c, cell) in record.iter().enumerate() {
                if cell.contains(['\n', '\r', '\t']) {
                    problems.push(Problem {
                        row,
                        column: Some(c + 1),
                        message: "a line break or tab inside a cell: put it on one line".into(),
                    });
                }
            }
            let fr_term = get(Some(fr));
            if fr_term.is_empty() {
                problems.push(Problem {
                    row,
                    column: Some(fr + 1),
                    message: "the French term is empty".into(),
                });
            }
            let status_text = get(columns.status);
            let status = if columns.status.is_none() {
                Status::Approved
            } else {
                match Status::parse(status_text) {
                    Some(s) => s,
                    None => {
                        problems.push(Problem {
                            row,
                            column: columns.status.map(|c| c + 1),
                            message: format!(
                                "unknown status {status_text:?}: use approved, proposed or rejected"
                            ),
                        });
                        Status::Proposed
                    }
                }
            };
            let kind = get(columns.kind);
            if columns.kind.is_some() && !KINDS.contains(&kind) {
                problems.push(Problem {
                    row,
                    column: columns.kind.map(|c| c + 1),
                    message: format!("unknown type {kind:?}: use acronym, code, name or term"),
                });
            }
            let en_term = get(Some(en));
            if status == Status::Approved && en_term.is_empty() {
                problems.push(Problem {
                    row,
                    column: Some(en + 1),
                    message: "an approved entry needs its English term".into(),
                });
            }
            let id = match columns.id {
                Some(_) => get(columns.id).to_string(),
                None => slug(fr_term),
            };
            if !valid_id(&id) {
                problems.push(Problem {
                    row,
                    column: columns.id.map(|c| c + 1),
                    message: format!(
                        "id {id:?} is not lowercase letters, digits and hyphens starting with a letter"
                    ),
                });
            }
            let extra = headers
                .iter()
                .enumerate()
                .filter(|(c, _)| !known.contains(c))
                .map(|(c, h)| (h.to_string(), record.get(c).unwrap_or("").to_string()))
                .collect();
            entries.push(Entry {
                row,
                id,
                fr: fr_term.to_string(),
                en: en_term.to_string(),
                kind: if kind.is_empty() {
                    "term".into()
                } else {
                    kind.to_string()
                },
                status,
                fr_variants: split_variants(get(columns.fr_variants)),
                en_variants: split_variants(get(columns.en_variants)),
                fr_expansion: get(columns.fr_expansion).to_string(),
                en_expansion: get(columns.en_expansion).to_string(),
                note: get(columns.note).to_string(),
                extra,
            });
        }
        // Ids are unique; a French term has one approved English term.
        let mut ids = std::collections::HashMap::new();
        for e in &entries {
            if let Some(first) = ids.insert(e.id.as_str(), e.row) {
                problems.push(Problem {
                    row: e.row,
                    column: columns.id.map(|c| c + 1),
                    message: format!("id {:?} is also the id of row {first}", e.id),
                });
            }
        }
        for (i, first) in approved_conflicts(&entries) {
            let (e, first) = (&entries[i], &entries[first]);
            problems.push(Problem {
                row: e.row,
                column: Some(columns.en + 1),
                message: format!(
                    "{:?} is approved as {:?} here and as {:?} in row {}: keep one",
                    e.fr, e.en, first.en, first.row
                ),
            });
        }
        if problems.is_empty() {
            Ok(Glossary { entries })
        } else {
            problems.sort_by_key(|p| (p.row, p.column));
            Err(GlossaryError::Invalid {
                origin: origin.to_string(),
                problems,
            })
        }
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

/// Approved entries whose French term (folded as lookups fold it) an
/// earlier entry already approves with another English term, as (entry,
/// earlier entry) indexes: a French term has one approved English term,
/// whatever file the glossary comes from.
pub(crate) fn approved_conflicts(entries: &[Entry]) -> Vec<(usize, usize)> {
    use std::collections::hash_map::Entry as Slot;
    let mut first: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut conflicts = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        if e.status != Status::Approved {
            continue;
        }
        match first.entry(fold(&e.fr)) {
            Slot::Occupied(j) if entries[*j.get()].en != e.en => conflicts.push((i, *j.get())),
            Slot::Occupied(_) => {}
            Slot::Vacant(slot) => {
                slot.insert(i);
            }
        }
    }
    conflicts
}

/// Folds case and typography for lookups (’ → ', – → -).
pub(crate) fn fold(s: &str) -> String {
    crate::text::match_key(s)
}

/// Where each field of an entry is in a glossary CSV's header.
pub(crate) struct Columns {
    pub(crate) fr: usize,
    pub(crate) en: usize,
    pub(crate) id: Option<usize>,
    pub(crate) kind: Option<usize>,
    pub(crate) status: Option<usize>,
    pub(crate) fr_variants: Option<usize>,
    pub(crate) en_variants: Option<usize>,
    pub(crate) fr_expansion: Option<usize>,
    pub(crate) en_expansion: Option<usize>,
    pub(crate) note: Option<usize>,
}

impl Columns {
    /// Finds the columns by header name.
    pub(crate) fn of(headers: &csv::StringRecord, origin: &str) -> Result<Columns, GlossaryError> {
        let find = |name: &str| headers.iter().position(|h| h.trim() == name);
        // A language column is headed by a tag alone: "fr-FR variants" is
        // not the French column, wherever it stands.
        let lang = |l: &str| {
            headers.iter().position(|h| {
                let h = h.trim();
                crate::text::is_language_tag(h) && primary(h).eq_ignore_ascii_case(l)
            })
        };
        let fr = lang("fr").ok_or(GlossaryError::MissingLanguage {
            origin: origin.to_string(),
            language: "French",
        })?;
        let en = lang("en").ok_or(GlossaryError::MissingLanguage {
            origin: origin.to_string(),
            language: "English",
        })?;
        let fr_tag = headers[fr].trim();
        let en_tag = headers[en].trim();
        Ok(Columns {
            fr,
            en,
            id: find("id"),
            kind: find("type"),
            status: find("status"),
            fr_variants: find(&format!("{fr_tag} variants")),
            en_variants: find(&format!("{en_tag} variants")),
            fr_expansion: find(&format!("{fr_tag} expansion")),
            en_expansion: find(&format!("{en_tag} expansion")),
            note: find("note"),
        })
    }

    pub(crate) fn all(&self) -> Vec<usize> {
        [
            Some(self.fr),
            Some(self.en),
            self.id,
            self.kind,
            self.status,
            self.fr_variants,
            self.en_variants,
            self.fr_expansion,
            self.en_expansion,
            self.note,
        ]
        .into_iter()
        .flatten()
        .collect()
    }
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
