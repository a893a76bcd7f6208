//! Documents as the pipeline reads them: UTF-8 text, one paragraph per line.
//!
//! [`Paragraphs`] streams a document's lines, read in blocks (memory bounded
//! by the block and the longest paragraph, which is itself bounded), normalises each paragraph to
//! NFC and reports every problem with the file, line and column: invalid UTF-8,
//! UTF-16, a directory, an empty file, a line too long to be a paragraph.
//! Blank lines are paragraphs too (empty ones), so line numbers stay true.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use crate::error::{ErrorKind, Located, Place, Position};
use crate::formats::FileFormat;

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

/// A document that cannot be read: its [kind](ReadErrorKind), the file and,
/// for what is wrong inside it, the line ([`Place::Line`]) or the point
/// ([`Place::Text`]: line, column in characters and the file's byte offset).
/// A character refused in a paragraph as normalised, whose bytes are not
/// the file's, is at a [`Place::Point`] (line and column, no byte).
pub type ReadError = Located<ReadErrorKind>;

/// What is wrong with a document.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadErrorKind {
    /// The file cannot be opened.
    #[error("cannot open: {0}")]
    Open(#[source] io::Error),
    /// A directory was given where a file was expected.
    #[error("is a directory, not a text file")]
    Directory,
    /// Reading failed part-way (at the line being read).
    #[error("read error: {0}")]
    Io(#[source] io::Error),
    /// The file has no bytes at all.
    #[error("the file is empty: there is no text to read")]
    Empty,
    /// Bytes that are not UTF-8 (`found`: the first offending byte).
    #[error(
        "invalid UTF-8 (byte 0x{found:02X}); tmkit reads UTF-8 text: convert the file first (e.g. iconv -f WINDOWS-1252 -t UTF-8)"
    )]
    Utf8 {
        /// The first offending byte.
        found: u8,
    },
    /// UTF-16: a byte-order mark, or every other byte NUL.
    #[error(
        "the file is UTF-16{}; tmkit reads UTF-8 text: convert it first (e.g. iconv -f {encoding} -t UTF-8)",
        if *.encoding == "UTF-16" { "" } else { " without a byte-order mark" }
    )]
    Utf16 {
        /// `UTF-16` (with a BOM), `UTF-16LE` or `UTF-16BE` (without).
        encoding: &'static str,
    },
    /// A document that is not plain text: a PDF, a word processor's file.
    #[error("this is {}, not plain text: {}", .0.name(), not_text_advice(*.0))]
    NotText(FileFormat),
    /// A character a text does not hold (NUL), or that the output cannot
    /// (a control character in a text to align into TMX): what is wrong
    /// and what to do.
    #[error("{0}")]
    Character(String),
    /// A line longer than the paragraph limit (`limit` bytes).
    #[error(
        "this line is longer than {limit} bytes; a paragraph is one line, so is this really one paragraph per line?"
    )]
    TooLong {
        /// The limit in bytes.
        limit: usize,
    },
}

impl ErrorKind for ReadErrorKind {}

/// How to get plain text out of a document that is not.
fn not_text_advice(format: FileFormat) -> &'static str {
    match format {
        FileFormat::Pdf => {
            "extract its text first (e.g. pdftotext -layout FILE.pdf), then check it is one paragraph per line"
        }
        _ => {
            "save it as plain text first (Save As → Text, UTF-8; or soffice --headless --convert-to txt:Text FILE)"
        }
    }
}

/// Whether a first line is UTF-16 without a byte-order mark: every other
/// byte NUL (text in Latin script), found from the first bytes.
fn utf16_without_bom(line: &[u8]) -> Option<&'static str> {
    let head = &line[..line.len().min(64)];
    if head.len() < 4 {
        return None;
    }
    let nul_at = |parity: usize| {
        head.iter()
            .enumerate()
            .filter(|(i, b)| i % 2 == parity && **b == 0)
            .count()
    };
    let pairs = head.len() / 2;
    if nul_at(1) * 4 >= pairs * 3 && nul_at(0) == 0 {
        Some("UTF-16LE")
    } else if nul_at(0) * 4 >= pairs * 3 && nul_at(1) == 0 {
        Some("UTF-16BE")
    } else {
        None
    }
}

/// Streams the paragraphs (lines) of a document.
///
/// The input is read in blocks of whole lines. A block is checked as UTF-8 at
/// once (SIMD) and pre-checked for NFC in one pass, so a line costs no more
/// than finding its end, unless it holds characters that only the full NFC
/// check can clear; [`Paragraphs::next_paragraph`] lends it without a copy.
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
    /// `raw[..filled]`: bytes read and not checked yet; they start a
    /// line. The rest is room to read into, zeroed once, when it grows.
    raw: Vec<u8>,
    filled: usize,
    /// Whole lines checked as UTF-8; `text[pos..]` are not returned yet.
    text: String,
    pos: usize,
    /// `text[..sure]` is in NFC whatever follows ([`crate::text::surely_nfc_prefix`]).
    sure: usize,
    /// The file's byte offset of `text[0]`.
    base: u64,
    /// The file's byte offset of `raw[0]`.
    consumed: u64,
    /// The bytes of a line that is not UTF-8 and the file's byte offset of
    /// its start, reported when it is reached.
    invalid: Option<(u64, Vec<u8>)>,
    /// The reader has no more bytes.
    eof: bool,
    done: bool,
    /// The last paragraph, when NFC normalisation changed it.
    normalized: String,
}

/// A paragraph borrowed from its reader, valid until the next read: what
/// [`Paragraphs::next_paragraph`] returns without copying the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParagraphRef<'a> {
    /// 1-based line number in the document.
    pub line: usize,
    /// Byte offset of the line in the (normalised) document.
    pub offset: usize,
    /// The text, without its line ending, in NFC.
    pub text: &'a str,
    /// True when NFC normalisation changed the line.
    pub normalized: bool,
}

/// Bytes read from the input at a time.
const BLOCK: usize = 256 * 1024;

/// A line found by [`Paragraphs::read_line`]: its offset in the document,
/// its text as a span of `text`, or `None` when it is in `normalized`.
struct Line {
    offset: usize,
    span: Option<std::ops::Range<usize>>,
}

impl Paragraphs<File> {
    /// Opens a file.
    pub fn open(path: &Path) -> Result<Self, ReadError> {
        let origin = path.display().to_string();
        if path.is_dir() {
            return Err(Located::file(origin, ReadErrorKind::Directory));
        }
        let file = File::open(path).map_err(|e| Located::file(&*origin, ReadErrorKind::Open(e)))?;
        Ok(Paragraphs::new(file, origin))
    }
}

impl<R: Read> Paragraphs<R> {
    /// Reads from any reader, in blocks (it needs no buffer of its own);
    /// `origin` names it in errors.
    pub fn new(reader: R, origin: impl Into<String>) -> Self {
        Paragraphs {
            reader,
            origin: origin.into(),
            line: 0,
            offset: 0,
            limit: DEFAULT_MAX_PARAGRAPH_BYTES,
            raw: Vec::new(),
            filled: 0,
            text: String::new(),
            pos: 0,
            sure: 0,
            base: 0,
            consumed: 0,
            invalid: None,
            eof: false,
            done: false,
            normalized: String::new(),
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
        let Some(next) = self.next_paragraph()? else {
            return Ok(false);
        };
        paragraph.line = next.line;
        paragraph.offset = next.offset;
        paragraph.normalized = next.normalized;
        paragraph.text.clear();
        paragraph.text.push_str(next.text);
        Ok(true)
    }

    /// The next paragraph, borrowed from the reader: its text is not copied
    /// unless NFC normalisation changed it. `None` at the end of the document.
    pub fn next_paragraph(&mut self) -> Result<Option<ParagraphRef<'_>>, ReadError> {
        if self.done {
            return Ok(None);
        }
        let read = self.read_line();
        if !matches!(read, Ok(Some(_))) {
            self.done = true;
        }
        let Some(Line { offset, span }) = read? else {
            return Ok(None);
        };
        Ok(Some(ParagraphRef {
            line: self.line,
            offset,
            normalized: span.is_none(),
            text: match span {
                Some(span) => &self.text[span],
                None => &self.normalized,
            },
        }))
    }

    fn read_line(&mut self) -> Result<Option<Line>, ReadError> {
        self.line += 1;
        if self.pos == self.text.len() {
            self.fill()?;
            if self.text.is_empty() {
                if let Some((at, bytes)) = self.invalid.take() {
                    return Err(self.utf8_error(at, &bytes));
                }
                if self.line == 1 {
                    return Err(Located::file(&*self.origin, ReadErrorKind::Empty));
                }
                return Ok(None);
            }
        }
        let rest = &self.text.as_bytes()[self.pos..];
        let (mut start, newline) = match memchr::memchr(b'\n', rest) {
            Some(at) => (self.pos, Some(self.pos + at)),
            None => (self.pos, None),
        };
        let next = newline.map_or(self.text.len(), |n| n + 1);
        if self.line == 1 && self.text[start..].starts_with('\u{FEFF}') {
            start += 3;
            self.offset += 3;
        }
        let end = match newline {
            Some(n) if n > start && self.text.as_bytes()[n - 1] == b'\r' => n - 1,
            Some(n) => n,
            None => next,
        };
        if end - start > self.limit {
            return Err(self.too_long());
        }
        self.pos = next;
        let offset = self.offset;
        let span = if end <= self.sure {
            self.offset += end - start;
            Some(start..end)
        } else {
            let span = match crate::text::nfc(&self.text[start..end]) {
                std::borrow::Cow::Borrowed(_) => Some(start..end),
                std::borrow::Cow::Owned(nfc) => {
                    self.normalized = nfc;
                    None
                }
            };
            self.offset += span.as_ref().map_or(self.normalized.len(), |s| s.len());
            // The pre-check stopped in this line: it goes on after it.
            self.sure = next + crate::text::surely_nfc_prefix(&self.text[next..]);
            span
        };
        self.offset += next - end;
        Ok(Some(Line { offset, span }))
    }

    /// Replaces `text` with the next whole lines that are UTF-8: reads
    /// blocks until `raw` holds a line feed or the input ends. A line that
    /// is not UTF-8 ends the lines before it and is kept in `invalid`; a line
    /// longer than the limit is refused once that many bytes are read, not
    /// read whole.
    fn fill(&mut self) -> Result<(), ReadError> {
        self.text.clear();
        self.pos = 0;
        while self.invalid.is_none() {
            let last = memchr::memrchr(b'\n', &self.raw[..self.filled]);
            if last.is_some() || (self.eof && self.filled > 0) {
                let checked = last.map_or(self.filled, |n| n + 1);
                self.check(checked);
                self.raw.copy_within(checked..self.filled, 0);
                self.filled -= checked;
                break;
            }
            if self.eof {
                break;
            }
            // The limit, then room for a CR and a byte-order mark.
            if self.filled > self.limit.saturating_add(4) {
                return Err(self.too_long());
            }
            let read = self
                .read_block()
                .map_err(|e| self.error(Place::Line(self.line as u64), ReadErrorKind::Io(e)))?;
            self.eof = read == 0;
            let raw = &self.raw[..self.filled];
            if self.line == 1 && (raw.starts_with(&[0xFF, 0xFE]) || raw.starts_with(&[0xFE, 0xFF]))
            {
                let kind = ReadErrorKind::Utf16 { encoding: "UTF-16" };
                return Err(Located::file(&*self.origin, kind));
            }
            if self.line == 1 {
                if let Some(format) = FileFormat::of(Path::new(&self.origin), raw) {
                    return Err(Located::file(&*self.origin, ReadErrorKind::NotText(format)));
                }
                if let Some(encoding) = utf16_without_bom(raw) {
                    let kind = ReadErrorKind::Utf16 { encoding };
                    return Err(Located::file(&*self.origin, kind));
                }
            }
        }
        // The NFC pre-check stops at a NUL too, so a block is searched for
        // one only past where it stopped: one pass over most blocks.
        self.sure = crate::text::surely_nfc_prefix(&self.text);
        // A text file never holds a NUL: placed, from the line this block
        // starts at.
        if let Some(at) =
            memchr::memchr(0, &self.text.as_bytes()[self.sure..]).map(|at| self.sure + at)
        {
            let before = &self.text[..at];
            let line_start = memchr::memrchr(b'\n', before.as_bytes()).map_or(0, |n| n + 1);
            let at = Position::new(
                (self.line + memchr::memchr_iter(b'\n', before.as_bytes()).count()) as u64,
                before[line_start..].chars().count() as u64 + 1,
                self.base + at as u64,
            );
            let message = "a NUL character: a text file has none (is it a binary file?); remove it";
            let kind = ReadErrorKind::Character(message.into());
            return Err(self.error(Place::Text(at), kind));
        }
        Ok(())
    }

    /// Reads up to [`BLOCK`] bytes after `raw[..filled]`, fewer only at the
    /// end of the input: one `read` call for a block of a file (where
    /// `read_to_end` makes several, of growing sizes), into room that is
    /// zeroed only when the buffer grows.
    fn read_block(&mut self) -> io::Result<usize> {
        let start = self.filled;
        if self.raw.len() < start + BLOCK {
            self.raw.resize(start + BLOCK, 0);
        }
        let mut read = 0;
        while read < BLOCK {
            match self.reader.read(&mut self.raw[start + read..start + BLOCK]) {
                Ok(0) => break,
                Ok(n) => read += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        self.filled += read;
        Ok(read)
    }

    /// Moves the lines of `raw[..end]` that are UTF-8 into `text`, up to
    /// the first that is not, which goes to `invalid`.
    fn check(&mut self, end: usize) {
        self.base = self.consumed;
        self.consumed += end as u64;
        let lines = &self.raw[..end];
        // The basic check is the faster; only a block that fails it is
        // checked again to find where.
        if let Ok(text) = simdutf8::basic::from_utf8(lines) {
            self.text.push_str(text);
            return;
        }
        match simdutf8::compat::from_utf8(lines) {
            Ok(text) => self.text.push_str(text),
            Err(e) => {
                let bad = e.valid_up_to();
                let from = memchr::memrchr(b'\n', &lines[..bad]).map_or(0, |n| n + 1);
                let to = memchr::memchr(b'\n', &lines[bad..]).map_or(end, |n| bad + n);
                // Up to a line start, before the invalid byte: UTF-8.
                self.text
                    .push_str(std::str::from_utf8(&lines[..from]).unwrap_or_default());
                self.invalid = Some((self.base + from as u64, lines[from..to].to_vec()));
            }
        }
    }

    /// The error for the line `bytes`, which are not UTF-8 and start at
    /// the file's byte `start`, at its first invalid byte.
    fn utf8_error(&self, mut start: u64, bytes: &[u8]) -> ReadError {
        let mut bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        if self.line == 1
            && let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF")
        {
            (bytes, start) = (rest, start + 3);
        }
        if bytes.len() > self.limit {
            return self.too_long();
        }
        let valid = std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), str::len);
        let at = Position::new(
            self.line as u64,
            String::from_utf8_lossy(&bytes[..valid]).chars().count() as u64 + 1,
            start + valid as u64,
        );
        let found = bytes.get(valid).copied().unwrap_or(0);
        self.error(Place::Text(at), ReadErrorKind::Utf8 { found })
    }

    fn too_long(&self) -> ReadError {
        let kind = ReadErrorKind::TooLong { limit: self.limit };
        self.error(Place::Line(self.line as u64), kind)
    }

    fn error(&self, place: Place, kind: ReadErrorKind) -> ReadError {
        Located::new(&*self.origin, Some(place), kind)
    }
}

impl<R: Read> Iterator for Paragraphs<R> {
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
    fn a_bad_byte_or_a_nul_is_placed_at_its_byte_in_the_file() {
        let at = |bytes: &[u8]| {
            let e = read(bytes).unwrap_err();
            let p = e.position().unwrap();
            (p.line(), p.column(), p.byte())
        };
        // After a byte-order mark, a CR LF and an accent: the file's bytes.
        assert_eq!(at(b"\xEF\xBB\xBFun\r\nd\xc3\xa9j\xe0\n"), (2, 4, 11));
        assert_eq!(at(b"\xEF\xBB\xBF\xe9\n"), (1, 1, 3));
        assert_eq!(at(b"\xEF\xBB\xBFun\r\nd\xc3\xa9j\0\n"), (2, 4, 11));
        // In a later block.
        let mut bytes = "une ligne où tout va bien\n"
            .repeat(BLOCK / 20)
            .into_bytes();
        let lines = bytes.iter().filter(|&&b| b == b'\n').count() as u64;
        let start = bytes.len() as u64;
        bytes.extend_from_slice(b"ok\nd\xe9j\xe0\n");
        assert_eq!(at(&bytes), (lines + 2, 2, start + 4));
        bytes.truncate(start as usize);
        bytes.extend_from_slice("ok\né\0\n".as_bytes());
        assert_eq!(at(&bytes), (lines + 2, 2, start + 5));
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
        assert!(matches!(e.kind(), ReadErrorKind::TooLong { .. }));
        assert_eq!(e.place(), Some(Place::Line(1)));
    }

    #[test]
    fn empty_input_is_an_error() {
        assert!(matches!(
            read(b"").unwrap_err().kind(),
            ReadErrorKind::Empty
        ));
    }

    /// The paragraphs of `bytes` read the plain way, a line at a time.
    fn line_by_line(bytes: &[u8]) -> Vec<Paragraph> {
        use unicode_normalization::UnicodeNormalization;
        let text = std::str::from_utf8(bytes).unwrap();
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let mut offset = bytes.len() - text.len();
        let mut lines: Vec<&str> = text.split('\n').collect();
        if lines.last() == Some(&"") {
            lines.pop();
        }
        let count = lines.len();
        lines
            .into_iter()
            .enumerate()
            .map(|(i, raw)| {
                let line = match i + 1 < count || text.ends_with('\n') {
                    true => raw.strip_suffix('\r').unwrap_or(raw),
                    false => raw,
                };
                let nfc: String = line.nfc().collect();
                let paragraph = Paragraph {
                    line: i + 1,
                    offset,
                    normalized: nfc != line,
                    text: nfc,
                };
                offset += paragraph.text.len() + raw.len() - line.len() + 1;
                paragraph
            })
            .collect()
    }

    #[test]
    fn blocks_give_the_lines_that_reading_line_by_line_gives() {
        // Lines across block boundaries, CR LF, blank lines, decomposed
        // accents in NFC blocks and NFC lines after them, a BOM.
        let pieces = [
            "Le chat dort.",
            "",
            "Ame\u{301}lie l’a vu\u{a0}: «\u{a0}oui\u{a0}» – fin…\r",
            "Ω et \u{2126} et → x",
            "déjà",
        ];
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        let mut i = 0;
        while bytes.len() < 3 * BLOCK {
            bytes.extend_from_slice(pieces[i % pieces.len()].as_bytes());
            bytes.extend(std::iter::repeat_n(b'x', i % 97));
            bytes.push(b'\n');
            i += 1;
        }
        for end in [bytes.len(), bytes.len() - 1] {
            let bytes = &bytes[..end];
            assert_eq!(read(bytes).unwrap(), line_by_line(bytes));
        }
    }

    #[test]
    fn lines_before_a_bad_one_are_read_then_it_is_named() {
        let mut bytes = Vec::new();
        while bytes.len() < BLOCK + 1000 {
            bytes.extend_from_slice("une ligne où tout va bien\n".as_bytes());
        }
        let good = bytes.iter().filter(|&&b| b == b'\n').count();
        bytes.extend_from_slice(b"d\xe9j\xe0\nplus loin\n");
        let mut paragraphs = Paragraphs::new(bytes.as_slice(), "t.txt");
        for _ in 0..good {
            assert!(paragraphs.next_paragraph().unwrap().is_some());
        }
        let e = paragraphs.next_paragraph().unwrap_err().to_string();
        let expected = format!("t.txt:{}:2: invalid UTF-8 (byte 0xE9)", good + 1);
        assert!(e.starts_with(&expected), "{e}");
        assert!(paragraphs.next_paragraph().unwrap().is_none());
    }

    #[test]
    fn the_fast_checks_hold_at_their_edges() {
        // A combining mark right after runs of ASCII that end before, on
        // and after a 32-byte chunk of the NFC pre-check; an accent split
        // by the edge of a block read.
        for run in [30, 31, 32, 33, 63, 64] {
            let mut bytes = vec![b'a'; run];
            bytes.extend_from_slice("e\u{301}\nsuite\n".as_bytes());
            let p = read(&bytes).unwrap();
            assert_eq!(p[0].text, format!("{}é", "a".repeat(run)), "{run}");
            assert!(p[0].normalized && !p[1].normalized, "{run}");
        }
        let mut bytes = vec![b'a'; BLOCK - 1];
        bytes.extend_from_slice("é\n".as_bytes());
        assert_eq!(read(&bytes).unwrap(), line_by_line(&bytes));
    }

    #[test]
    fn a_nul_is_placed_before_and_after_a_character_the_pre_check_stops_at() {
        let e = read(b"ok\nab\0c\n").unwrap_err().to_string();
        assert!(e.starts_with("t.txt:2:3: a NUL character"), "{e}");
        // Past a decomposed accent, where the NFC pre-check stops.
        let e = read("ok\ne\u{301}\nxy\0\n".as_bytes())
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("t.txt:3:3: a NUL character"), "{e}");
    }

    #[test]
    fn a_long_line_inside_a_block_is_refused_at_its_line() {
        let e = Paragraphs::new(&b"court\nbien trop long\n"[..], "t.txt")
            .max_paragraph_bytes(8)
            .collect::<Result<Vec<_>, _>>()
            .unwrap_err();
        assert!(matches!(e.kind(), ReadErrorKind::TooLong { .. }), "{e}");
        assert_eq!(e.place(), Some(Place::Line(2)));
    }
}
