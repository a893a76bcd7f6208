//! Whole input files as text, and positions in them.
//!
//! The glossary CSV, the review sheet, TBX and SRX files are read whole. They
//! come from spreadsheets and CAT tools that write UTF-8 (with or without a
//! byte-order mark) or UTF-16 with a BOM (Excel's "Unicode Text", memoQ and
//! Trados exports); XML may also be UTF-16 without a BOM, recognised by its
//! `<?` declaration. One decoder serves them all, so that each reader reports
//! an undecodable file the same way: line and column in characters, which is
//! what an editor shows. (TMX is streamed and decoded on the fly instead; plain
//! documents are read line by line in [`crate::document`].)

use std::borrow::Cow;

/// Why a file is not text, and where the first bad unit is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Undecodable {
    /// 1-based line of the first undecodable unit.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
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
                    kind: Problem::Utf16,
                });
            }
        }
    }
    Ok(Cow::Owned(out))
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
