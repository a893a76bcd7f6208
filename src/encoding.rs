//! Whole input files as text, and positions in them.
//!
//! The glossary CSV, the review sheet, TBX and SRX files are read whole. They
//! come from spreadsheets and CAT tools that write UTF-8 (with or without a
//! byte-order mark) or UTF-16 with a BOM (Excel's "Unicode Text", memoQ and
//! Trados exports); XML may also be UTF-16 without a BOM, recognised by its
//! `<?` declaration. One decoder serves them all, so that each reader reports
//! an undecodable file the same way: line and column in characters, which is
//! what an editor shows. A table converted to TMX is streamed through
//! [`Decoder`], which decodes the same encodings with the same errors as it
//! reads. (TMX is streamed and decoded on the fly by its reader; plain
//! documents are read line by line in [`crate::document`].)

use crate::error::Position;
use std::borrow::Cow;
use std::io::{self, Read};

/// Why a file is not text, and where the first bad unit is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Undecodable {
    /// 1-based line of the first undecodable unit.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Bytes of text (as UTF-8) decoded before it.
    pub byte: usize,
    /// What is wrong.
    pub kind: Problem,
}

/// What makes a file undecodable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Problem {
    /// This byte cannot be UTF-8 here.
    Utf8(u8),
    /// A lone surrogate or an odd final byte in UTF-16.
    Utf16,
    /// A zip archive: an .xlsx or .ods spreadsheet, not its CSV export.
    Archive,
}

impl Undecodable {
    /// Where the file stops being decodable, as every reader reports it.
    pub fn position(&self) -> Position {
        Position::new(self.line as u64, self.column as u64, self.byte as u64)
    }

    /// For files from a spreadsheet: where the bytes likely came from.
    pub fn spreadsheet_hint(&self) -> &'static str {
        match self.kind {
            Problem::Utf8(_) => {
                ", the encoding Excel uses for “CSV (Comma delimited)” and “Text (Tab delimited)”"
            }
            Problem::Utf16 | Problem::Archive => "",
        }
    }
}

impl std::error::Error for Undecodable {}

/// What is wrong, without the position (each reader places it its own way).
impl std::fmt::Display for Undecodable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.kind {
            // Latin letters of Windows-1252 (é = 0xE9) are single bytes
            // from 0xC0 up; in UTF-8 such a byte must start a sequence.
            Problem::Utf8(byte) => write!(
                f,
                "not UTF-8: byte 0x{byte:02X} is “{}” in Windows-1252",
                windows_1252(byte)
            ),
            Problem::Utf16 => f.write_str("not UTF-16: a lone surrogate or an odd final byte"),
            Problem::Archive => {
                f.write_str("a zip archive (an .xlsx or .ods workbook?), not a text file")
            }
        }
    }
}

/// The character of a Windows-1252 byte, for error messages.
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// The text of a whole file: UTF-8 (a BOM is dropped), or UTF-16 with a BOM
/// or an XML declaration.
pub(crate) fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, Undecodable> {
    match bytes {
        // Valid UTF-8 as far as it goes, but no text.
        [b'P', b'K', 3, 4, ..] => Err(Undecodable {
            line: 1,
            column: 1,
            byte: 0,
            kind: Problem::Archive,
        }),
        [0xEF, 0xBB, 0xBF, rest @ ..] => utf8(rest),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        [b'<', 0, b'?', 0, ..] => utf16(bytes, u16::from_le_bytes),
        [0, b'<', 0, b'?', ..] => utf16(bytes, u16::from_be_bytes),
        _ => utf8(bytes),
    }
}

fn utf8(body: &[u8]) -> Result<Cow<'_, str>, Undecodable> {
    match std::str::from_utf8(body) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(e) => {
            // Everything before the error is valid, so this never allocates
            // replacement characters.
            let valid = String::from_utf8_lossy(&body[..e.valid_up_to()]);
            let (line, column) = Locator::default().locate(&valid, valid.len());
            Err(Undecodable {
                line,
                column,
                byte: valid.len(),
                kind: Problem::Utf8(body[e.valid_up_to()]),
            })
        }
    }
}

fn utf16(body: &[u8], unit: fn([u8; 2]) -> u16) -> Result<Cow<'_, str>, Undecodable> {
    let units = body.chunks(2).map(|pair| match pair {
        [a, b] => unit([*a, *b]),
        // An odd byte at the end is as undecodable as a lone surrogate.
        _ => 0xD800,
    });
    let mut out = String::with_capacity(body.len() / 2 + 1);
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => out.push(c),
            Err(_) => {
                let (line, column) = Locator::default().locate(&out, out.len());
                return Err(Undecodable {
                    line,
                    column,
                    byte: out.len(),
                    kind: Problem::Utf16,
                });
            }
        }
    }
    Ok(Cow::Owned(out))
}

/// How a [`Decoder`] turns bytes into UTF-8.
#[derive(Clone, Copy)]
enum Stream {
    Utf8,
    Utf16(fn([u8; 2]) -> u16),
}

/// A file decoded as it is read: what [`decode`] accepts, as UTF-8, in
/// memory that does not grow with the file. The first undecodable unit
/// ends the text with an [`io::ErrorKind::InvalidData`] error whose inner
/// error is the [`Undecodable`] `decode` gives, placed alike.
pub(crate) struct Decoder<R> {
    inner: R,
    /// None until the first bytes were read and the encoding found.
    stream: Option<Stream>,
    /// Bytes read and not decoded yet: an incomplete UTF-8 sequence, an odd
    /// UTF-16 byte, a high surrogate (as its two bytes).
    raw: Vec<u8>,
    /// Decoded text not yet read, from `pos`.
    text: Vec<u8>,
    pos: usize,
    /// Newlines in the text decoded so far, and characters after the last;
    /// its bytes.
    newlines: usize,
    column: usize,
    decoded: usize,
    /// The error, once the text decoded before it was read.
    failed: Option<Undecodable>,
    end: bool,
}

impl<R: Read> Decoder<R> {
    pub(crate) fn new(inner: R) -> Decoder<R> {
        Decoder {
            inner,
            stream: None,
            raw: Vec::new(),
            text: Vec::new(),
            pos: 0,
            newlines: 0,
            column: 0,
            decoded: 0,
            failed: None,
            end: false,
        }
    }

    /// Reads more raw bytes; false at the end of the input.
    fn read_raw(&mut self) -> io::Result<bool> {
        const CHUNK: usize = 1 << 16;
        let start = self.raw.len();
        self.raw.resize(start + CHUNK, 0);
        let n = loop {
            match self.inner.read(&mut self.raw[start..]) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                other => break other,
            }
        };
        self.raw.truncate(start + *n.as_ref().unwrap_or(&0));
        Ok(n? > 0)
    }

    /// The encoding, from the first four bytes as [`decode`] finds it.
    fn start(&mut self) -> io::Result<Stream> {
        while self.raw.len() < 4 && self.read_raw()? {}
        let (stream, skip) = match self.raw[..] {
            [b'P', b'K', 3, 4, ..] => {
                self.failed = Some(self.error(Problem::Archive));
                (Stream::Utf8, self.raw.len())
            }
            [0xEF, 0xBB, 0xBF, ..] => (Stream::Utf8, 3),
            [0xFF, 0xFE, ..] => (Stream::Utf16(u16::from_le_bytes), 2),
            [0xFE, 0xFF, ..] => (Stream::Utf16(u16::from_be_bytes), 2),
            [b'<', 0, b'?', 0, ..] => (Stream::Utf16(u16::from_le_bytes), 0),
            [0, b'<', 0, b'?', ..] => (Stream::Utf16(u16::from_be_bytes), 0),
            _ => (Stream::Utf8, 0),
        };
        self.raw.drain(..skip);
        Ok(stream)
    }

    fn error(&self, kind: Problem) -> Undecodable {
        Undecodable {
            line: self.newlines + 1,
            column: self.column + 1,
            byte: self.decoded,
            kind,
        }
    }

    /// Decodes the next raw bytes into `text` (left empty at the end).
    fn refill(&mut self) -> io::Result<()> {
        self.text.clear();
        self.pos = 0;
        let stream = match self.stream {
            Some(stream) => stream,
            None => {
                let stream = self.start()?;
                self.stream = Some(stream);
                stream
            }
        };
        while self.text.is_empty() && self.failed.is_none() && !self.end {
            self.end = !self.read_raw()?;
            let problem = match stream {
                Stream::Utf8 => self.utf8(),
                Stream::Utf16(unit) => self.utf16(unit),
            };
            self.count();
            if let Some(kind) = problem {
                self.failed = Some(self.error(kind));
            }
        }
        Ok(())
    }

    /// Moves the valid UTF-8 of `raw` to `text`; the problem at its end.
    fn utf8(&mut self) -> Option<Problem> {
        let (valid, problem) = match std::str::from_utf8(&self.raw) {
            Ok(_) => (self.raw.len(), None),
            // Incomplete at the end of what was read: more may complete it.
            Err(e) if e.error_len().is_none() && !self.end => (e.valid_up_to(), None),
            Err(e) => (
                e.valid_up_to(),
                Some(Problem::Utf8(self.raw[e.valid_up_to()])),
            ),
        };
        self.text.extend_from_slice(&self.raw[..valid]);
        self.raw.drain(..valid);
        problem
    }

    /// Transcodes the UTF-16 of `raw` to `text`; the problem at its end.
    fn utf16(&mut self, unit: fn([u8; 2]) -> u16) -> Option<Problem> {
        let mut used = 0;
        let mut problem = None;
        while used + 2 <= self.raw.len() {
            let first = unit([self.raw[used], self.raw[used + 1]]);
            let (c, size) = match first {
                0xD800..=0xDBFF if used + 4 <= self.raw.len() => {
                    let second = unit([self.raw[used + 2], self.raw[used + 3]]);
                    let pair = char::decode_utf16([first, second]).next();
                    (pair.and_then(Result::ok), 4)
                }
                // Its low surrogate may come with the next bytes.
                0xD800..=0xDBFF if !self.end => break,
                _ => (char::from_u32(u32::from(first)), 2),
            };
            let Some(c) = c else {
                problem = Some(Problem::Utf16);
                break;
            };
            let mut buffer = [0; 4];
            self.text
                .extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
            used += size;
        }
        self.raw.drain(..used);
        // An odd byte at the end is as undecodable as a lone surrogate.
        if problem.is_none() && self.end && !self.raw.is_empty() {
            problem = Some(Problem::Utf16);
        }
        problem
    }

    /// Counts the lines and characters of the text just decoded.
    fn count(&mut self) {
        let text = &self.text[..];
        self.decoded += text.len();
        let after = match memchr::memrchr(b'\n', text) {
            Some(i) => {
                self.newlines += memchr::memchr_iter(b'\n', text).count();
                self.column = 0;
                &text[i + 1..]
            }
            None => text,
        };
        // Characters are the bytes that do not continue one.
        self.column += after.iter().filter(|&&b| b & 0xC0 != 0x80).count();
    }
}

impl<R: Read> Read for Decoder<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos == self.text.len() {
            self.refill()?;
            if self.text.is_empty()
                && let Some(e) = self.failed.clone()
            {
                return Err(io::Error::new(io::ErrorKind::InvalidData, e));
            }
        }
        let n = (self.text.len() - self.pos).min(buf.len());
        buf[..n].copy_from_slice(&self.text[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Line and column (1-based, columns in characters) of byte offsets into a
/// text. Offsets asked in increasing order cost one pass over the text in
/// all, so a reader can place every element it reads.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Locator {
    offset: usize,
    newlines: usize,
    line_start: usize,
    /// Characters from `line_start` to `offset`: a file on one line is
    /// counted once, not from its start at every position asked.
    column: usize,
}

impl Locator {
    /// The [`Position`] of `offset`: its line and column as
    /// [`Locator::locate`] gives them, and `offset` (at most the text's
    /// length) as its byte.
    pub fn position(&mut self, text: &str, offset: usize) -> Position {
        let (line, column) = self.locate(text, offset);
        Position::new(line as u64, column as u64, offset.min(text.len()) as u64)
    }

    /// The position of `offset` (moved back to a character boundary).
    pub fn locate(&mut self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.offset {
            *self = Locator::default();
        }
        let from = self.offset;
        for i in memchr::memchr_iter(b'\n', &text.as_bytes()[from..offset]) {
            self.newlines += 1;
            self.line_start = from + i + 1;
        }
        self.column = if self.line_start > from {
            text[self.line_start..offset].chars().count()
        } else {
            self.column + text[from..offset].chars().count()
        };
        self.offset = offset;
        (self.newlines + 1, self.column + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let mut bytes = if bom { vec![0xFF, 0xFE] } else { vec![] };
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    }

    #[test]
    fn utf8_with_or_without_bom_is_borrowed() {
        assert!(matches!(decode("é".as_bytes()), Ok(Cow::Borrowed("é"))));
        assert!(matches!(decode(b"\xEF\xBB\xBFa"), Ok(Cow::Borrowed("a"))));
    }

    #[test]
    fn utf16_needs_a_bom_or_an_xml_declaration() {
        assert_eq!(decode(&utf16le("a;é", true)).unwrap(), "a;é");
        let mut be = vec![0xFE, 0xFF];
        be.extend("a;é".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be).unwrap(), "a;é");
        assert_eq!(decode(&utf16le("<?xml?>", false)).unwrap(), "<?xml?>");
    }

    #[test]
    fn invalid_utf8_is_placed_in_characters() {
        let error = decode(b"ab\n\xC3\xA9t\xE9").unwrap_err();
        assert_eq!(
            error,
            Undecodable {
                line: 2,
                column: 3,
                byte: 6,
                kind: Problem::Utf8(0xE9)
            }
        );
        // Past a BOM, positions are in the text.
        assert_eq!(decode(b"\xEF\xBB\xBF\xFF").unwrap_err().column, 1);
    }

    #[test]
    fn the_message_names_the_windows_1252_character() {
        let error = decode(b"caf\xE9 \x80").unwrap_err();
        assert_eq!(
            error.to_string(),
            "not UTF-8: byte 0xE9 is “é” in Windows-1252"
        );
        let error = decode(b"\x80").unwrap_err();
        assert_eq!(
            error.to_string(),
            "not UTF-8: byte 0x80 is “€” in Windows-1252"
        );
    }

    #[test]
    fn a_workbook_is_named_as_such() {
        let error = decode(b"PK\x03\x04\x14\x00").unwrap_err();
        assert_eq!(error.kind, Problem::Archive);
        assert!(error.to_string().contains(".xlsx"));
    }

    #[test]
    fn lone_surrogates_and_odd_bytes_are_placed() {
        let mut bytes = utf16le("a\nbc", true);
        bytes.extend([0x00, 0xDC]);
        let error = decode(&bytes).unwrap_err();
        assert_eq!(
            (error.line, error.column, error.kind),
            (2, 3, Problem::Utf16)
        );
        let mut odd = utf16le("ab", true);
        odd.push(b'c');
        assert_eq!(decode(&odd).unwrap_err().column, 3);
    }

    /// Gives at most `step` bytes at a time, so that characters, BOMs and
    /// surrogate pairs are cut across reads.
    struct Trickle<'a> {
        bytes: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    fn streamed(bytes: &[u8], step: usize) -> Result<String, Undecodable> {
        let mut out = Vec::new();
        let mut decoder = Decoder::new(Trickle { bytes, step });
        match decoder.read_to_end(&mut out) {
            Ok(_) => Ok(String::from_utf8(out).expect("the decoder writes UTF-8")),
            Err(e) => Err(e
                .into_inner()
                .and_then(|e| e.downcast::<Undecodable>().ok())
                .map(|e| *e)
                .expect("a decoding error")),
        }
    }

    #[test]
    fn the_decoder_reads_what_decode_reads_however_the_bytes_come() {
        let mut inputs: Vec<Vec<u8>> = vec![
            "fr-FR;en-GB\nÀ bientôt 😀;See you 😀\n".into(),
            b"\xEF\xBB\xBFfr,en\r\nl\xC3\xA0,there".to_vec(),
            b"ab\n\xC3\xA9t\xE9 and more".to_vec(),
            b"ab\n\xC3".to_vec(),
            b"\xEF\xBB\xBF\xFF".to_vec(),
            b"PK\x03\x04\x14\x00".to_vec(),
            b"caf\xE9 \x80".to_vec(),
            Vec::new(),
            utf16le("fr\ten\nçà 😀\t🎉", true),
            utf16le("<?xml?>\n😀", false),
        ];
        let mut be = vec![0xFE, 0xFF];
        be.extend("a;é\n𝄞".encode_utf16().flat_map(u16::to_be_bytes));
        inputs.push(be);
        let mut lone = utf16le("a\nbc", true);
        lone.extend([0x00, 0xDC, b'x', 0]);
        inputs.push(lone);
        let mut high_at_end = utf16le("é\n", true);
        high_at_end.extend([0x3D, 0xD8]);
        inputs.push(high_at_end);
        let mut odd = utf16le("ab", true);
        odd.push(b'c');
        inputs.push(odd);
        for bytes in &inputs {
            let whole = decode(bytes).map(Cow::into_owned);
            for step in [1, 2, 3, 5, 1 << 20] {
                assert_eq!(streamed(bytes, step), whole, "{bytes:?} by {step}");
            }
        }
    }

    #[test]
    fn locator_counts_characters_and_goes_back_when_asked() {
        let text = "ab\nçé x\ny";
        let mut at = Locator::default();
        assert_eq!(at.locate(text, 0), (1, 1));
        assert_eq!(at.locate(text, text.find('x').unwrap()), (2, 4));
        assert_eq!(at.locate(text, text.len()), (3, 2));
        assert_eq!(at.locate(text, 1), (1, 2));
        // Inside a character: its start.
        assert_eq!(at.locate(text, 4), (2, 1));
        // Forward on one line, a step at a time, as a parser asks.
        let line = "é".repeat(50);
        let mut at = Locator::default();
        for (k, (i, _)) in line.char_indices().enumerate() {
            assert_eq!(at.locate(&line, i), (1, k + 1));
        }
    }
}
