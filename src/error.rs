//! Where an error is, the same way for every reader: a [`Position`] in a
//! text file (line, column in characters, byte offset), and [`Located`],
//! an error of some kind in a file at a position, which a library user
//! matches by its kind ([`Located::kind`]) and places by
//! [`Located::position`] (rust-csv's `Error(Box<ErrorKind>)` and
//! `position()` are the model). The XML readers' errors are `Located`:
//! [`crate::tm::tmx::TmxError`], [`crate::glossary::tbx::TbxError`],
//! [`crate::segment::srx::SrxError`] and the returned XLIFF's
//! [`crate::kit::returned_xliff::XliffError`].
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

/// What an error of a [`Located`] says after its place. Most kinds say
/// what their `Display` says; a kind that names its file again (a
/// directory given for a file) says so here.
pub trait Kind: fmt::Display + fmt::Debug {
    /// Writes what is wrong, for a file named `origin`.
    fn describe(&self, origin: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let _ = origin;
        fmt::Display::fmt(self, f)
    }
}

/// An error of kind `K` in the file `origin`, at a position when the error
/// has one: shown as `origin:line:column: what` (or `origin: what`).
/// Boxed, so that a reader's `Result` stays small.
pub struct Located<K>(Box<Inner<K>>);

struct Inner<K> {
    origin: String,
    position: Option<Position>,
    kind: K,
}

impl<K> Located<K> {
    /// An error of `kind` in `origin` at `position`.
    pub fn new(origin: impl Into<String>, position: Option<Position>, kind: K) -> Located<K> {
        Located(Box::new(Inner {
            origin: origin.into(),
            position,
            kind,
        }))
    }

    /// An error of `kind` at `position` in `origin`.
    pub fn at(origin: impl Into<String>, position: Position, kind: K) -> Located<K> {
        Located::new(origin, Some(position), kind)
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
    pub fn position(&self) -> Option<Position> {
        self.0.position
    }

    /// What is wrong.
    pub fn kind(&self) -> &K {
        &self.0.kind
    }

    /// What is wrong, taken out.
    pub fn into_kind(self) -> K {
        self.0.kind
    }
}

impl<K: Kind> fmt::Display for Located<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Inner {
            origin,
            position,
            kind,
        } = &*self.0;
        match position {
            Some(p) => write!(f, "{origin}:{}:{}: ", p.line, p.column)?,
            None => write!(f, "{origin}: ")?,
        }
        kind.describe(origin, f)
    }
}

impl<K: fmt::Debug> fmt::Debug for Located<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Located")
            .field("origin", &self.0.origin)
            .field("position", &self.0.position)
            .field("kind", &self.0.kind)
            .finish()
    }
}

impl<K: Kind + std::error::Error> std::error::Error for Located<K> {
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

    impl Kind for Test {
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
}
