//! Where an error is, the same way for every reader: a [`Position`] in a
//! text file (line, column in characters, byte offset), a [`Place`] (such
//! a position, a line alone, or a table's cell), and [`Located`], an error
//! of some kind in a file at a place, which a library user matches by its
//! kind ([`Located::kind`]) and places by [`Located::place`] or
//! [`Located::position`] (rust-csv's `Error(Box<ErrorKind>)` and
//! `position()` are the model). The XML readers' errors are `Located`:
//! [`crate::tm::tmx::TmxError`], [`crate::glossary::tbx::TbxError`],
//! [`crate::segment::srx::SrxError`] and the returned XLIFF's
//! [`crate::kit::returned_xliff::XliffError`]; so are the bilingual
//! table's [`crate::tm::table::TableError`] and a translation memory's
//! [`crate::tm::memory::MemoryError`] (its reader's error, the kind
//! wrapped by [`Located::map_kind`]), a Hunspell dictionary's
//! [`crate::terms::lexicon::LexiconError`] and a gold alignment's
//! [`crate::align::gold::GoldError`] (at a [`Place::Line`]), and a
//! document's [`crate::document::ReadError`] (a bad byte or a NUL at its
//! byte in the file; a character refused in a paragraph as normalised at a
//! [`Place::Point`], a line and column without a byte).
//! The glossary's problems are placed by the same [`Place`], shown in
//! words (`row 2, column 4`, `line 7, column 3`).
//!
//! ```
//! use tmkit::tm::tmx::{TmxErrorKind, TmxReader};
//! let tmx = "<tmx version=\"1.4\"><body>\n  <tu><tuv xml:lang=\"fr\"><seg>é</sg>";
//! let mut reader = TmxReader::new(tmx.as_bytes(), "a.tmx").unwrap();
//! let err = reader.next().unwrap().unwrap_err();
//! assert!(matches!(err.kind(), TmxErrorKind::Malformed(_)));
//! let at = err.position().unwrap();
//! // `</sg>`: the 32nd character of line 2, the 59th byte of the file.
//! assert_eq!((at.line(), at.column(), at.byte()), (2, 32, 58));
//! assert_eq!(err.origin(), "a.tmx");
//! assert!(err.to_string().starts_with("a.tmx:2:32: ill-formed document"));
//! ```

use std::fmt;

/// A place in a text file: its 1-based line, its 1-based column counted in
/// characters (what an editor shows), and its byte offset from the start
/// (0-based, in the file as decoded to UTF-8).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    line: u64,
    column: u64,
    byte: u64,
}

impl Position {
    /// The position at `line` and `column` (1-based, characters), `byte`
    /// bytes into the file.
    pub fn new(line: u64, column: u64, byte: u64) -> Position {
        Position { line, column, byte }
    }

    /// The 1-based line.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The 1-based column, in characters.
    pub fn column(&self) -> u64 {
        self.column
    }

    /// The byte offset, 0-based.
    pub fn byte(&self) -> u64 {
        self.byte
    }
}

/// Where in a file an error is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Place {
    /// A point in the file's text.
    Text(Position),
    /// A point known by its line and column (1-based, characters) but not
    /// by a byte of the file: a point in a text as normalised (NFC), whose
    /// bytes are not the file's.
    Point {
        /// The line.
        line: u64,
        /// The column, in characters.
        column: u64,
    },
    /// A line of the file's text (1-based), where no column is known.
    Line(u64),
    /// A table's row (1-based, the header row is 1) and, when the error is
    /// in one cell, its 1-based column.
    Cell {
        /// The row.
        row: u64,
        /// The column, if one cell.
        column: Option<u64>,
    },
}

impl Place {
    /// A table's whole row.
    pub fn row(row: u64) -> Place {
        Place::Cell { row, column: None }
    }

    /// The same row or line, at `column` (characters, in a line; a
    /// position's byte is not kept).
    pub fn at(self, column: Option<u64>) -> Place {
        match (self, column) {
            (Place::Cell { row, .. }, column) => Place::Cell { row, column },
            (_, Some(column)) => Place::Point {
                line: self.number(),
                column,
            },
            (_, None) => Place::Line(self.number()),
        }
    }

    /// The row, or the line.
    pub fn number(self) -> u64 {
        match self {
            Place::Text(p) => p.line,
            Place::Point { line, .. } | Place::Line(line) => line,
            Place::Cell { row, .. } => row,
        }
    }

    /// The column (a cell's, or characters in a line), if known.
    pub fn column(self) -> Option<u64> {
        match self {
            Place::Text(p) => Some(p.column),
            Place::Point { column, .. } => Some(column),
            Place::Line(_) => None,
            Place::Cell { column, .. } => column,
        }
    }

    /// What places are sorted by: a table's cells before a text's points,
    /// then by row or line, a whole row or line before its columns.
    fn key(self) -> (bool, u64, Option<u64>, u64, bool) {
        let byte = match self {
            Place::Text(p) => p.byte,
            _ => 0,
        };
        let text = !matches!(self, Place::Cell { .. });
        let point = matches!(self, Place::Point { .. });
        (text, self.number(), self.column(), byte, point)
    }

    /// Writes the place after its file's name: `origin:line:column: ` for
    /// a point in a text file; in a table, whose columns are cells,
    /// `origin: line L, character C: ` for a point in its text and
    /// `origin: row R, column C: ` for a cell.
    fn write(&self, origin: &str, table: bool, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Place::Text(Position { line, column, .. }) | Place::Point { line, column } => {
                match table {
                    true => write!(f, "{origin}: line {line}, character {column}: "),
                    false => write!(f, "{origin}:{line}:{column}: "),
                }
            }
            Place::Line(line) if table => write!(f, "{origin}: line {line}: "),
            Place::Line(line) => write!(f, "{origin}:{line}: "),
            Place::Cell {
                row,
                column: Some(column),
            } => write!(f, "{origin}: row {row}, column {column}: "),
            Place::Cell { row, column: None } => write!(f, "{origin}: row {row}: "),
        }
    }
}

/// A place in words, as a list of problems names it after its file's
/// name: `row R, column C` or `row R` in a table, `line L, column C` or
/// `line L` in a text (a column in characters).
impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self {
            Place::Cell { .. } => "row",
            _ => "line",
        };
        match self.column() {
            Some(c) => write!(f, "{what} {}, column {c}", self.number()),
            None => write!(f, "{what} {}", self.number()),
        }
    }
}

impl PartialOrd for Place {
    fn partial_cmp(&self, other: &Place) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Place {
    fn cmp(&self, other: &Place) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

/// What an error of a [`Located`] says after its place. Most kinds say
/// what their `Display` says; a kind that names its file again (a
/// directory given for a file) says so here.
pub trait ErrorKind: fmt::Display + fmt::Debug {
    /// Whether the file is a table, whose columns are its cells: a point
    /// in its text is then written `line L, character C` ([`Place`]).
    fn table(&self) -> bool {
        false
    }

    /// Writes what is wrong, for a file named `origin`.
    fn describe(&self, origin: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let _ = origin;
        fmt::Display::fmt(self, f)
    }
}

/// An error of kind `K` in the file `origin`, at a place when the error
/// has one: shown as `origin:line:column: what` (see [`Place`] for the
/// others), or `origin: what`.
/// Boxed, so that a reader's `Result` stays small.
pub struct Located<K>(Box<Inner<K>>);

struct Inner<K> {
    origin: String,
    place: Option<Place>,
    kind: K,
}

impl<K> Located<K> {
    /// An error of `kind` in `origin` at `place`.
    pub fn new(origin: impl Into<String>, place: Option<Place>, kind: K) -> Located<K> {
        Located(Box::new(Inner {
            origin: origin.into(),
            place,
            kind,
        }))
    }

    /// An error of `kind` at `position` in `origin`.
    pub fn at(origin: impl Into<String>, position: Position, kind: K) -> Located<K> {
        Located::new(origin, Some(Place::Text(position)), kind)
    }

    /// An error of `kind` about `origin` as a whole (it cannot be read).
    pub fn file(origin: impl Into<String>, kind: K) -> Located<K> {
        Located::new(origin, None, kind)
    }

    /// The file (a path, or a name such as `built-in`).
    pub fn origin(&self) -> &str {
        &self.0.origin
    }

    /// Where in the file, when the error is at a place in it.
    pub fn place(&self) -> Option<Place> {
        self.0.place
    }

    /// Where in the file's text, when the error is at a point in it.
    pub fn position(&self) -> Option<Position> {
        match self.0.place? {
            Place::Text(p) => Some(p),
            _ => None,
        }
    }

    /// What is wrong.
    pub fn kind(&self) -> &K {
        &self.0.kind
    }

    /// What is wrong, taken out.
    pub fn into_kind(self) -> K {
        self.0.kind
    }

    /// The same error in the same place, its kind made another: a reader's
    /// error as one of a caller that reads several formats.
    pub fn map_kind<L>(self, f: impl FnOnce(K) -> L) -> Located<L> {
        let Inner {
            origin,
            place,
            kind,
        } = *self.0;
        Located::new(origin, place, f(kind))
    }
}

impl<K: ErrorKind> fmt::Display for Located<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Inner {
            origin,
            place,
            kind,
        } = &*self.0;
        match place {
            Some(place) => place.write(origin, kind.table(), f)?,
            None => write!(f, "{origin}: ")?,
        }
        kind.describe(origin, f)
    }
}

impl<K: fmt::Debug> fmt::Debug for Located<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Located")
            .field("origin", &self.0.origin)
            .field("place", &self.0.place)
            .field("kind", &self.0.kind)
            .finish()
    }
}

impl<K: ErrorKind + std::error::Error> std::error::Error for Located<K> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.kind.source()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    enum Test {
        #[error("broken")]
        Broken,
        #[error("is a directory")]
        Directory,
    }

    impl ErrorKind for Test {
        fn describe(&self, origin: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match self {
                Test::Directory => write!(f, "{self}: give {origin}/*.x"),
                other => fmt::Display::fmt(other, f),
            }
        }
    }

    #[test]
    fn a_located_error_shows_its_file_and_position_before_its_kind() {
        let at = Located::at("a.x", Position::new(3, 7, 40), Test::Broken);
        assert_eq!(at.to_string(), "a.x:3:7: broken");
        assert_eq!(at.position().map(|p| p.byte()), Some(40));
        assert_eq!(
            Located::file("d", Test::Directory).to_string(),
            "d: is a directory: give d/*.x"
        );
        assert!(std::mem::size_of::<Located<Test>>() <= std::mem::size_of::<usize>());
    }

    #[test]
    fn a_place_in_words_names_rows_and_lines_and_sorts_cells_first() {
        let point = Place::Line(5).at(Some(3));
        assert_eq!(point, Place::Point { line: 5, column: 3 });
        assert_eq!(point.to_string(), "line 5, column 3");
        assert_eq!(point.at(None).to_string(), "line 5");
        assert_eq!(Place::row(2).at(Some(4)).to_string(), "row 2, column 4");
        assert_eq!(Place::row(2).to_string(), "row 2");
        let mut places = [
            point,
            Place::Line(5),
            Place::row(9),
            Place::Line(4).at(Some(8)),
        ];
        places.sort();
        assert_eq!(
            places,
            [
                Place::row(9),
                Place::Point { line: 4, column: 8 },
                Place::Line(5),
                point
            ]
        );
    }

    #[derive(Debug, thiserror::Error)]
    #[error("bad")]
    struct Table;

    impl ErrorKind for Table {
        fn table(&self) -> bool {
            true
        }
    }

    #[test]
    fn a_table_names_cells_by_row_and_column_and_its_text_by_line_and_character() {
        let cell = |column| Place::Cell { row: 4, column };
        let table = |place| Located::new("t.csv", Some(place), Table).to_string();
        let text = |place| Located::new("a.txt", Some(place), Test::Broken).to_string();
        assert_eq!(table(cell(Some(2))), "t.csv: row 4, column 2: bad");
        assert_eq!(table(cell(None)), "t.csv: row 4: bad");
        let point = Place::Text(Position::new(3, 7, 40));
        assert_eq!(table(point), "t.csv: line 3, character 7: bad");
        assert_eq!(table(Place::Line(3)), "t.csv: line 3: bad");
        assert_eq!(text(point), "a.txt:3:7: broken");
        assert_eq!(text(Place::Line(3)), "a.txt:3: broken");
        let point = Place::Point { line: 3, column: 7 };
        assert_eq!(text(point), "a.txt:3:7: broken");
        assert_eq!(table(point), "t.csv: line 3, character 7: bad");
        let located = Located::new("t.csv", Some(cell(Some(2))), Table);
        assert_eq!(
            (located.place(), located.position()),
            (Some(cell(Some(2))), None)
        );
    }
}
