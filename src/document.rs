//! Documents as the pipeline reads them: UTF-8 text, one paragraph per line.
//!
//! [`Paragraphs`] streams a document line by line (memory bounded by the
//! longest paragraph, which is itself bounded), normalises each paragraph to
//! NFC and reports every problem with the file, line and column: invalid UTF-8,
//! UTF-16, a directory, an empty file, a line too long to be a paragraph.
//! Blank lines are paragraphs too (empty ones), so line numbers stay true.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

/// The default longest paragraph accepted, in bytes (4 MiB).
pub const DEFAULT_MAX_PARAGRAPH_BYTES: usize = 4 * 1024 * 1024;

/// One line of a document, in NFC.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Paragraph {
    /// 1-based line number in the document.
    pub line: usize,
    /// Byte offset of the line in the (normalised) document.
    pub offset: usize,
    /// The text, without its line ending, in NFC.
    pub text: String,
    /// True when NFC normalisation changed the line.
    pub normalized: bool,
}

/// A document that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file cannot be opened.
    #[error("{origin}: cannot open: {source}")]
    Open {
        /// The path.
        origin: String,
        /// The cause.
        source: io::Error,
    },
    /// A directory was given where a file was expected.
    #[error("{origin}: is a directory, not a text file")]
    Directory {
        /// The path.
        origin: String,
    },
    /// Reading failed part-way.
    #[error("{origin}:{line}: read error: {source}")]
    Io {
        /// The path.
        origin: String,
        /// The line being read.
        line: usize,
        /// The cause.
        source: io::Error,
    },
    /// The file has no bytes at all.
    #[error("{origin}: the file is empty: there is nothing to segment")]
    Empty {
        /// The path.
        origin: String,
    },
    /// Bytes that are not UTF-8.
    #[error(
        "{origin}:{line}:{column}: invalid UTF-8 (byte 0x{byte:02X}); tmkit reads UTF-8 text: convert the file first (e.g. iconv -f WINDOWS-1252 -t UTF-8)"
    )]
    Utf8 {
        /// The path.
        origin: String,
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// The first offending byte.
        byte: u8,
    },
    /// A UTF-16 byte-order mark.
    #[error(
        "{origin}: the file is UTF-16; tmkit reads UTF-8 text: convert it first (e.g. iconv -f UTF-16 -t UTF-8)"
    )]
    Utf16 {
        /// The path.
        origin: String,
    },
    /// A line longer than the paragraph limit.
    #[error(
        "{origin}:{line}: this line is longer than {limit} bytes; a paragraph is one line, so is this really one paragraph per line?"
    )]
    TooLong {
        /// The path.
        origin: String,
        /// The line.
        line: usize,
        /// The limit in bytes.
        limit: usize,
    },
}

/// Streams the paragraphs (lines) of a document.
///
/// ```
/// use tmkit::document::Paragraphs;
/// let text = "Premier paragraphe.\n\nTroisie\u{300}me ligne.\n";
/// let paragraphs: Vec<_> = Paragraphs::new(text.as_bytes(), "exemple.txt")
///     .collect::<Result<_, _>>()
///     .unwrap();
/// assert_eq!(paragraphs.len(), 3);
/// assert_eq!(paragraphs[2].text, "Troisième ligne.");
/// assert!(paragraphs[2].normalized);
/// ```
pub struct Paragraphs<R> {
    reader: R,
    origin: String,
    line: usize,
    offset: usize,
    limit: usize,
    buf: Vec<u8>,
    done: bool,
}

impl Paragraphs<BufReader<File>> {
    /// Opens a file.
    pub fn open(path: &Path) -> Result<Self, ReadError> {
        let origin = path.display().to_string();
        if path.is_dir() {
            return Err(ReadError::Directory { origin });
        }
        let file = File::open(path).map_err(|source| ReadError::Open {
            origin: origin.clone(),
            source,
        })?;
        Ok(Paragraphs::new(
            BufReader::with_capacity(256 * 1024, file),
            origin,
        ))
    }
}

impl<R: BufRead> Paragraphs<R> {
    /// Reads from any buffered reader; `origin` names it in errors.
    pub fn new(reader: R, origin: impl Into<String>) -> Self {
        Paragraphs {
            reader,
            origin: origin.into(),
            line: 0,
            offset: 0,
            limit: DEFAULT_MAX_PARAGRAPH_BYTES,
            buf: Vec::new(),
            done: false,
        }
    }

    /// Sets the longest paragraph accepted, in bytes.
    pub fn max_paragraph_bytes(mut self, limit: usize) -> Self {
        self.limit = limit;
        self
    }

    /// The name used in errors.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Reads the next paragraph into `paragraph`, reusing its text's buffer
    /// (a reader of a whole document allocates nothing per line); false at the
    /// end of the document.
    pub fn read_into(&mut self, paragraph: &mut Paragraph) -> Result<bool, ReadError> {
        if self.done {
            return Ok(false);
        }
        let read = self.read_line(paragraph);
        if !matches!(read, Ok(true)) {
            self.done = true;
        }
        read
    }

    fn read_line(&mut self, paragraph: &mut Paragraph) -> Result<bool, ReadError> {
        self.buf.clear();
        self.line += 1;
        let read = (&mut self.reader)
            .take(self.limit as u64 + 2)
            .read_until(b'\n', &mut self.buf)
            .map_err(|source| ReadError::Io {
                origin: self.origin.clone(),
                line: self.line,
                source,
            })?;
        if read == 0 {
            if self.line == 1 {
                return Err(ReadError::Empty {
                    origin: self.origin.clone(),
                });
            }
            return Ok(false);
        }
        let mut bytes = self.buf.as_slice();
        if self.line == 1 {
            if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
                return Err(ReadError::Utf16 {
                    origin: self.origin.clone(),
                });
            }
            if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
                bytes = rest;
                self.offset += 3;
            }
        }
        let ending = if bytes.ends_with(b"\r\n") {
            2
        } else {
            usize::from(bytes.ends_with(b"\n"))
        };
        let content = &bytes[..bytes.len() - ending];
        if content.len() > self.limit {
            return Err(ReadError::TooLong {
                origin: self.origin.clone(),
                line: self.line,
                limit: self.limit,
            });
        }
        let text = std::str::from_utf8(content).map_err(|e| {
            let valid = &content[..e.valid_up_to()];
            ReadError::Utf8 {
                origin: self.origin.clone(),
                line: self.line,
                column: String::from_utf8_lossy(valid).chars().count() + 1,
                byte: content[e.valid_up_to()],
            }
        })?;
        let nfc = crate::text::nfc(text);
        paragraph.line = self.line;
        paragraph.offset = self.offset;
        paragraph.normalized = matches!(nfc, std::borrow::Cow::Owned(_));
        paragraph.text.clear();
        paragraph.text.push_str(&nfc);
        self.offset += paragraph.text.len() + ending;
        Ok(true)
    }
}

impl<R: BufRead> Iterator for Paragraphs<R> {
    type Item = Result<Paragraph, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut paragraph = Paragraph::default();
        match self.read_into(&mut paragraph) {
            Ok(true) => Some(Ok(paragraph)),
            Ok(false) => None,
            Err(e) => Some(Err(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Result<Vec<Paragraph>, ReadError> {
        Paragraphs::new(bytes, "t.txt").collect()
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let e = read(b"ok\nd\xe9j\xe0\n").unwrap_err().to_string();
        assert!(e.starts_with("t.txt:2:2: invalid UTF-8 (byte 0xE9)"), "{e}");
    }

    #[test]
    fn crlf_and_bom_are_not_part_of_the_text() {
        let p = read(b"\xEF\xBB\xBFun\r\ndeux").unwrap();
        assert_eq!(p[0].text, "un");
        assert_eq!(p[1].text, "deux");
        assert_eq!(p[1].offset, 7);
    }

    #[test]
    fn long_line_is_refused_before_it_is_read_whole() {
        let long = vec![b'a'; 100];
        let e = Paragraphs::new(long.as_slice(), "t.txt")
            .max_paragraph_bytes(10)
            .collect::<Result<Vec<_>, _>>()
            .unwrap_err();
        assert!(matches!(e, ReadError::TooLong { line: 1, .. }));
    }

    #[test]
    fn empty_input_is_an_error() {
        assert!(matches!(read(b""), Err(ReadError::Empty { .. })));
    }
}
