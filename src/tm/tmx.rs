//! TMX 1.4b: a streaming reader for TMX 1.1–1.4b and a writer of TMX 1.4b.
//!
//! The reader ([`TmxReader`]) takes UTF-8 (BOM optional) or UTF-16 with a BOM,
//! as memoQ and Trados export it, parses the header, then yields one
//! [`Unit`] at a time, so memory stays flat however large the file. It keeps
//! every attribute, `note`, `prop`, `ude` and inline element, so read → write
//! loses nothing. It never fetches a DTD and refuses a DOCTYPE that declares
//! entities (no XXE, no "billion laughs"); an undefined entity is an error.
//! It is as strict as a namespace-aware XML parser where the writer must be
//! (names, characters, one header), reads attribute values as XML normalises
//! them, and counts what the model cannot keep ([`Dropped`]). Errors name the
//! file, line and column.
//!
//! The writer ([`TmxWriter`]) writes TMX 1.4b as CAT tools expect it (UTF-8
//! without BOM, no DOCTYPE, `xml:lang` on every `tuv`, each attribute
//! once, `&`, `<` and `>` escaped everywhere and quotes in attributes (an
//! apostrophe in text stays as written), text byte for byte, `\r` and control
//! characters escaped or refused so nothing changes on the way back in, and
//! only names an XML parser reads back: [`is_plain_xml_name`]).
//!
//! ```
//! use tmkit::tm::{Header, Unit, UnitWriter, Variant, tmx};
//! let mut unit = Unit::new("d:1:1");
//! unit.variants.push(Variant::plain("fr-FR", "« Oui » & non"));
//! unit.variants.push(Variant::plain("en-GB", "“Yes” & no"));
//! let mut out = Vec::new();
//! let mut w = tmx::TmxWriter::new(&mut out, &Header::tmkit("fr-FR", Some("20250101T000000Z"))).unwrap();
//! w.write_unit(&unit).unwrap();
//! w.finish().unwrap();
//! let mut r = tmx::TmxReader::new(&out[..], "memory.tmx").unwrap();
//! assert_eq!(r.header().srclang(), Some("fr-FR"));
//! assert_eq!(r.next().unwrap().unwrap(), unit);
//! assert!(r.next().is_none());
//! ```

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::xml::{BadReference, any_byte, suspect};
use crate::xml::{not_xml_char, not_xml_message};

use super::{
    Annotation, AnnotationKind, Attributes, Element, Header, Inline, Unit, UnitWriter, Variant,
};
use crate::error::{ErrorKind, Located, Position};

/// Why a TMX file could not be read: its [kind](TmxErrorKind), the file
/// and, for what is wrong inside it, the [position](crate::error::Position)
/// (column in characters).
pub type TmxError = Located<TmxErrorKind>;

/// What is wrong with a TMX file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TmxErrorKind {
    /// The file could not be opened or read.
    #[error("{0}")]
    Io(#[source] io::Error),
    /// A directory was given where a TMX file was expected.
    #[error("is a directory, not a TMX file")]
    Directory,
    /// Not XML as tmkit reads it: not well-formed, not UTF-8 or UTF-16, a
    /// character XML 1.0 does not allow, a DOCTYPE that declares entities,
    /// an undefined entity.
    #[error("{0}")]
    Malformed(String),
    /// Well-formed XML, but not TMX as the model holds it (a wrong root, a
    /// `tuv` without a language, an unknown inline element…).
    #[error("{0}")]
    Invalid(String),
}

impl ErrorKind for TmxErrorKind {
    fn describe(&self, origin: &str, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TmxErrorKind::Directory => {
                write!(f, "{self}: give the files in it ({origin}/*.tmx)")
            }
            other => std::fmt::Display::fmt(other, f),
        }
    }
}

/// Why a TMX file could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TmxWriteError {
    /// The output failed.
    #[error(transparent)]
    Io(#[from] io::Error),
    /// The content cannot be written as XML 1.0.
    #[error("{0}")]
    Invalid(String),
}

/// The attributes every TMX 1.4b header must have.
pub const REQUIRED_HEADER_ATTRIBUTES: [&str; 7] = [
    "creationtool",
    "creationtoolversion",
    "segtype",
    "o-tmf",
    "adminlang",
    "srclang",
    "datatype",
];

const INLINE: [&str; 7] = ["bpt", "ept", "it", "ph", "hi", "ut", "sub"];

// ---------------------------------------------------------------------------
// Input: encoding detection and position tracking.

enum Encoding {
    Utf8,
    Utf16 { little_endian: bool },
}

/// The input as UTF-8, a chunk at a time in a buffer of its own (copied,
/// or transcoded from UTF-16). The newlines before the previous chunk are
/// counted as chunks go by; an error a little behind the parser (in the
/// previous or current chunk, both kept) is placed by line and column by
/// scanning them.
struct Input<R> {
    inner: R,
    encoding: Encoding,
    /// The current chunk and how much of it was consumed.
    chunk: Vec<u8>,
    pos: usize,
    /// The chunk before it.
    previous: Vec<u8>,
    /// Absolute offset of the previous chunk (the current one follows it).
    previous_start: u64,
    /// Newlines before the previous chunk.
    lines_before: u64,
    /// Characters from just past the last of them (or the start) to the
    /// previous chunk: a column is counted in characters, and its line may
    /// start chunks before the error.
    chars_before: u64,
    odd: Option<u8>,
    high: Option<u16>,
}

/// Newlines in `bytes` (memchr counts them with SIMD).
fn count_newlines(bytes: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', bytes).count() as u64
}

/// Characters in `bytes` of UTF-8 (a character cut at either end counted
/// where it starts): the bytes that are not continuation bytes.
fn count_chars(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count() as u64
}

impl<R: BufRead> Input<R> {
    fn new(mut inner: R) -> io::Result<Input<R>> {
        let head = inner.fill_buf()?;
        let (encoding, skip) = match head {
            [0xEF, 0xBB, 0xBF, ..] => (Encoding::Utf8, 3),
            [0xFF, 0xFE, ..] => (
                Encoding::Utf16 {
                    little_endian: true,
                },
                2,
            ),
            [0xFE, 0xFF, ..] => (
                Encoding::Utf16 {
                    little_endian: false,
                },
                2,
            ),
            [b'<', 0, b'?', 0, ..] => (
                Encoding::Utf16 {
                    little_endian: true,
                },
                0,
            ),
            [0, b'<', 0, b'?', ..] => (
                Encoding::Utf16 {
                    little_endian: false,
                },
                0,
            ),
            _ => (Encoding::Utf8, 0),
        };
        inner.consume(skip);
        Ok(Input {
            inner,
            encoding,
            chunk: Vec::new(),
            pos: 0,
            previous: Vec::new(),
            previous_start: 0,
            lines_before: 0,
            chars_before: 0,
            odd: None,
            high: None,
        })
    }

    /// Reads the next chunk (empty at the end).
    #[cold]
    fn refill(&mut self) -> io::Result<()> {
        // The current chunk becomes the previous one; the previous one's
        // newlines are counted.
        match memchr::memrchr(b'\n', &self.previous) {
            Some(i) => self.chars_before = count_chars(&self.previous[i + 1..]),
            None => self.chars_before += count_chars(&self.previous),
        }
        self.lines_before += count_newlines(&self.previous);
        self.previous_start += self.previous.len() as u64;
        std::mem::swap(&mut self.previous, &mut self.chunk);
        self.chunk.clear();
        self.pos = 0;
        match self.encoding {
            Encoding::Utf8 => {
                let bytes = self.inner.fill_buf()?;
                let n = bytes.len().min(CHUNK);
                self.chunk.extend_from_slice(&bytes[..n]);
                self.inner.consume(n);
            }
            Encoding::Utf16 { little_endian } => self.refill_utf16(little_endian)?,
        }
        Ok(())
    }

    fn refill_utf16(&mut self, little_endian: bool) -> io::Result<()> {
        while self.chunk.is_empty() {
            let bytes = self.inner.fill_buf()?;
            if bytes.is_empty() {
                if self.odd.is_some() || self.high.is_some() {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        "UTF-16 text ends in the middle of a character",
                    ));
                }
                return Ok(());
            }
            let n = bytes.len();
            let mut units = Vec::with_capacity(n / 2 + 1);
            let mut iter = bytes.iter().copied();
            let mut first = self.odd.take().or_else(|| iter.next());
            while let Some(a) = first {
                match iter.next() {
                    Some(b) => units.push(if little_endian {
                        u16::from_le_bytes([a, b])
                    } else {
                        u16::from_be_bytes([a, b])
                    }),
                    None => self.odd = Some(a),
                }
                first = iter.next();
            }
            self.inner.consume(n);
            for unit in units {
                let c = match (self.high.take(), unit) {
                    (None, 0xD800..=0xDBFF) => {
                        self.high = Some(unit);
                        continue;
                    }
                    (Some(h), 0xDC00..=0xDFFF) => char::from_u32(
                        0x10000 + ((u32::from(h) - 0xD800) << 10) + (u32::from(unit) - 0xDC00),
                    ),
                    (None, 0xDC00..=0xDFFF) | (Some(_), _) => None,
                    (None, u) => char::from_u32(u32::from(u)),
                };
                let c = c.ok_or_else(|| {
                    io::Error::new(
                        io::ErrorKind::InvalidData,
                        "invalid UTF-16 (lone surrogate)",
                    )
                })?;
                let mut tmp = [0; 4];
                self.chunk
                    .extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
            }
        }
        Ok(())
    }

    /// The position of an absolute offset in the previous or current
    /// chunk (counted only when an error or a dropped item is placed).
    fn locate(&self, offset: u64) -> Position {
        let kept = offset.saturating_sub(self.previous_start) as usize;
        let (before, after) = (&self.previous, &self.chunk);
        // The kept bytes before the offset.
        let head: [&[u8]; 2] = if kept <= before.len() {
            [&before[..kept], &[]]
        } else {
            [
                &before[..],
                &after[..(kept - before.len()).min(after.len())],
            ]
        };
        let mut line = self.lines_before + 1;
        // Characters since the line's start, counted from the kept bytes
        // past its newline (or from the previous chunk's start).
        let mut column = self.chars_before;
        for part in head {
            line += count_newlines(part);
            match memchr::memrchr(b'\n', part) {
                Some(i) => column = count_chars(&part[i + 1..]),
                None => column += count_chars(part),
            }
        }
        Position::new(line, column + 1, offset)
    }
}

impl<R: BufRead> io::Read for Input<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Input<R> {
    #[inline]
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos >= self.chunk.len() {
            self.refill()?;
        }
        Ok(&self.chunk[self.pos..])
    }

    #[inline]
    fn consume(&mut self, amount: usize) {
        self.pos = (self.pos + amount).min(self.chunk.len());
    }
}

/// The most bytes taken from the input at a time.
const CHUNK: usize = 1 << 16;

// ---------------------------------------------------------------------------
// Reader.

/// The text node that mixed content read next goes into: the last one, or
/// a new one after an element (text is appended there, not copied twice),
/// made of `spare` (the room of a text read before) the first time.
fn last_text<'o>(out: &'o mut Vec<Inline>, spare: &mut String) -> &'o mut String {
    if !matches!(out.last(), Some(Inline::Text(_))) {
        out.push(Inline::Text(std::mem::take(spare)));
    }
    match out.last_mut() {
        Some(Inline::Text(t)) => t,
        _ => unreachable!("a text node was just pushed"),
    }
}

/// Appends `text` to `out`; into an empty string without the room, as a
/// copy of exactly its size (cheaper than growing it).
#[inline]
fn append(out: &mut String, text: &str) {
    if out.is_empty() && out.capacity() < text.len() {
        *out = text.to_owned();
    } else {
        out.push_str(text);
    }
}

/// How deep inline elements may nest in a segment: real files nest a few
/// levels (`<sub>` in `<bpt>`), and reading, writing and dropping an
/// element recurse once per level, so an unbounded depth would overflow the
/// stack.
const MAX_INLINE_DEPTH: usize = 100;

/// A streaming TMX reader: the header up front, then units one at a time.
pub struct TmxReader<R: BufRead> {
    xml: Reader<Input<R>>,
    origin: String,
    version: String,
    header: Header,
    finished: bool,
    /// The event buffer, reused from unit to unit.
    buf: Vec<u8>,
    dropped: Dropped,
    /// Where the event read last starts.
    event_start: u64,
}

/// What a reader read but the model cannot keep (processing instructions
/// in text, attributes of `<tmx>` other than `version`): counted, and the
/// first few placed, for the caller to report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dropped {
    /// How many.
    pub count: u64,
    /// The first [`Dropped::SHOWN`], each `file:line:column: what`.
    pub first: Vec<String>,
}

impl Dropped {
    /// How many are placed in [`Dropped::first`].
    pub const SHOWN: usize = 5;
}

impl TmxReader<BufReader<File>> {
    /// Opens a TMX file and reads its header.
    pub fn open(path: &Path) -> Result<TmxReader<BufReader<File>>, TmxError> {
        let origin = path.display().to_string();
        if path.is_dir() {
            return Err(Located::file(origin, TmxErrorKind::Directory));
        }
        let file = File::open(path).map_err(|e| Located::file(&*origin, TmxErrorKind::Io(e)))?;
        TmxReader::new(BufReader::with_capacity(1 << 16, file), &origin)
    }
}

/// TMX's elements other than the inline ones ([`INLINE`]).
const STRUCTURE: [&str; 9] = [
    "tu", "tuv", "seg", "prop", "note", "ude", "map", "header", "body",
];

/// TMX's attributes.
const ATTRIBUTE_NAMES: [&str; 21] = [
    "tuid",
    "xml:lang",
    "lang",
    "type",
    "creationdate",
    "creationid",
    "changedate",
    "changeid",
    "usagecount",
    "lastusagedate",
    "srclang",
    "datatype",
    "o-tmf",
    "segtype",
    "adminlang",
    "creationtool",
    "creationtoolversion",
    "o-encoding",
    "i",
    "x",
    "pos",
];

/// `name` as one of the `known` names, which are borrowed rather than
/// allocated for every element read.
fn known(known: &[&'static str], name: &[u8]) -> Option<&'static str> {
    known.iter().copied().find(|k| k.as_bytes() == name)
}

fn element_name(name: &[u8]) -> Cow<'static, [u8]> {
    // The commonest first, then the rest of TMX's.
    let known: Option<&'static [u8]> = match name {
        b"tuv" => Some(b"tuv"),
        b"seg" => Some(b"seg"),
        b"prop" => Some(b"prop"),
        b"tu" => Some(b"tu"),
        _ => STRUCTURE
            .iter()
            .chain(&INLINE)
            .find(|k| k.as_bytes() == name)
            .map(|k| k.as_bytes()),
    };
    match known {
        Some(k) => Cow::Borrowed(k),
        None => Cow::Owned(name.to_vec()),
    }
}

fn attribute_name(name: &[u8]) -> Cow<'static, str> {
    match known(&ATTRIBUTE_NAMES, name) {
        Some(k) => Cow::Borrowed(k),
        None => Cow::Owned(name_of(name)),
    }
}

fn name_of(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn is_whitespace(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

impl<R: BufRead> TmxReader<R> {
    /// Reads the prologue and header of a TMX document from `input`; `origin`
    /// names it in errors.
    pub fn new(input: R, origin: &str) -> Result<TmxReader<R>, TmxError> {
        let input = Input::new(input).map_err(|e| Located::file(origin, TmxErrorKind::Io(e)))?;
        let mut xml = Reader::from_reader(input);
        crate::xml::configure(xml.config_mut(), false);
        let mut reader = TmxReader {
            xml,
            origin: origin.to_string(),
            version: String::new(),
            header: Header::default(),
            finished: false,
            buf: Vec::new(),
            dropped: Dropped::default(),
            event_start: 0,
        };
        reader.prologue()?;
        Ok(reader)
    }

    /// The header.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The `version` of the `tmx` element (`1.4`, `1.1`, …).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// What was read so far but is not in the header or the units.
    pub fn dropped(&self) -> &Dropped {
        &self.dropped
    }

    fn drop_here(&mut self, what: impl std::fmt::Display) {
        self.dropped.count += 1;
        if self.dropped.first.len() < Dropped::SHOWN {
            let at = self.xml.get_ref().locate(self.event_start);
            let (line, column) = (at.line(), at.column());
            let origin = &self.origin;
            self.dropped
                .first
                .push(format!("{origin}:{line}:{column}: {what}"));
        }
    }

    /// An error of `kind` at `offset`.
    #[cold]
    fn error_at(&self, offset: u64, kind: TmxErrorKind) -> TmxError {
        Located::at(&*self.origin, self.xml.get_ref().locate(offset), kind)
    }

    /// Not TMX, at `offset`.
    #[cold]
    fn invalid_at(&self, offset: u64, message: impl std::fmt::Display) -> TmxError {
        self.error_at(offset, TmxErrorKind::Invalid(message.to_string()))
    }

    /// Not TMX, where the parser is.
    #[cold]
    fn invalid(&self, message: impl std::fmt::Display) -> TmxError {
        self.invalid_at(self.xml.buffer_position(), message)
    }

    /// Not XML as tmkit reads it, at `offset`.
    #[cold]
    fn malformed_at(&self, offset: u64, message: impl std::fmt::Display) -> TmxError {
        self.error_at(offset, TmxErrorKind::Malformed(message.to_string()))
    }

    /// Not XML as tmkit reads it, where the parser is.
    #[cold]
    fn malformed(&self, message: impl std::fmt::Display) -> TmxError {
        self.malformed_at(self.xml.buffer_position(), message)
    }

    /// The next event between elements (in `<body>`, `<tu>`, `<tuv>`,
    /// `<header>`, after `</body>`): white space before it is skipped by
    /// quick-xml, without an event (white space is all the text allowed
    /// there; any other text is still an event, and an error).
    fn read_markup<'b>(&mut self, buf: &'b mut Vec<u8>) -> Result<Event<'b>, TmxError> {
        self.xml.config_mut().trim_text_start = true;
        self.next_event(buf)
    }

    /// The next event, text kept as it is (in a segment, a `prop`, a
    /// `note`).
    fn read<'b>(&mut self, buf: &'b mut Vec<u8>) -> Result<Event<'b>, TmxError> {
        self.xml.config_mut().trim_text_start = false;
        self.next_event(buf)
    }

    fn next_event<'b>(&mut self, buf: &'b mut Vec<u8>) -> Result<Event<'b>, TmxError> {
        buf.clear();
        let start = self.xml.buffer_position();
        self.event_start = start;
        match self.xml.read_event_into(buf) {
            Ok(event) => Ok(event),
            Err(e) => {
                let at = self.xml.error_position().max(start);
                let message = match &e {
                    quick_xml::Error::Io(io) if io.kind() == io::ErrorKind::InvalidData => {
                        io.to_string()
                    }
                    other => other.to_string(),
                };
                Err(self.malformed_at(at, message))
            }
        }
    }

    /// Appends the text of `bytes` to `out`.
    fn append_text(&self, bytes: &[u8], out: &mut String) -> Result<(), TmxError> {
        let text = utf8(bytes).map_err(|e| {
            let at = self.xml.buffer_position() - bytes.len() as u64 + e.valid_up_to() as u64;
            self.malformed_at(at, format!(
                "invalid UTF-8 (byte 0x{:02X}); TMX must be UTF-8 or UTF-16 with a byte-order mark",
                bytes[e.valid_up_to()]
            ))
        })?;
        // Most text holds neither a character XML cannot carry nor a CR:
        // one pass over its bytes tells.
        if !any_byte(bytes, |b| suspect(b) | (b == b'\r')) {
            append(out, text);
            return Ok(());
        }
        if let Some((i, c)) = not_xml_char(text) {
            let at = self.xml.buffer_position() - bytes.len() as u64 + i as u64;
            return Err(self.malformed_at(at, not_xml_message(c)));
        }
        // XML end-of-line handling: CR LF and lone CR are read as LF.
        if text.contains('\r') {
            out.push_str(&text.replace("\r\n", "\n").replace('\r', "\n"));
        } else {
            out.push_str(text);
        }
        Ok(())
    }

    fn reference(&self, name: &[u8]) -> Result<char, TmxError> {
        crate::xml::resolve(name).map_err(|bad| {
            let message = match bad {
                BadReference::NotXmlChar(c) => format!(
                    "character reference &{}; is {}",
                    String::from_utf8_lossy(name),
                    not_xml_message(c)
                ),
                BadReference::NoCharacter => format!(
                    "character reference &{}; names no Unicode character",
                    String::from_utf8_lossy(name)
                ),
                BadReference::Undefined => crate::xml::undefined_entity(name, "TMX"),
            };
            self.malformed(message)
        })
    }

    fn attributes(&self, element: &BytesStart) -> Result<Attributes, TmxError> {
        let mut out = Vec::new();
        self.attributes_into(element, &mut out)?;
        Ok(out)
    }

    /// An element's attributes into `out`, whose strings are reused for the
    /// values (a unit read into the same [`Unit`] again allocates none).
    fn attributes_into(&self, element: &BytesStart, out: &mut Attributes) -> Result<(), TmxError> {
        // Nothing to do for the many elements without attributes (seg).
        if is_whitespace(element.attributes_raw()) {
            out.clear();
            return Ok(());
        }
        let tuv = element.name().as_ref() == b"tuv";
        if out.capacity() == 0 {
            *out = Vec::with_capacity(2);
        }
        // The attributes kept so far; `out[n]` is the next one's room.
        let mut n = 0;
        // Duplicates are found below, without the allocation quick-xml's
        // own check makes for every element.
        let mut seen = crate::xml::Seen::default();
        for attribute in element.attributes().with_checks(false) {
            let attribute = attribute.map_err(|e| self.malformed(e))?;
            let raw: &[u8] = attribute.key.0;
            let mut key = attribute_name(attribute.key.as_ref());
            // TMX's own names (borrowed) need no check.
            if matches!(key, Cow::Owned(_)) && !is_plain_xml_name(&key) {
                return Err(self.malformed(format!("attribute {}", xml_name_problem(&key))));
            }
            // TMX 1.1 and 1.2 wrote `lang` where 1.4 has `xml:lang`.
            if tuv && key == "lang" {
                key = Cow::Borrowed("xml:lang");
            }
            if n == out.len() {
                out.push((Cow::Borrowed(""), String::new()));
            }
            self.attribute_value_into(&key, &attribute.value, &mut out[n].1)?;
            let (kept, [(_, value), ..]) = out.split_at(n) else {
                unreachable!("out[n] was just filled")
            };
            if tuv && key == "xml:lang" {
                if value.is_empty() {
                    return Err(self.invalid(
                        "a <tuv> with an empty xml:lang: give its language (fr-FR, en-GB)",
                    ));
                }
                // Both spellings on one tuv: the same tag once, two tags an
                // error (which one is meant cannot be known).
                if let Some((_, first)) = kept.iter().find(|(k, _)| k == "xml:lang") {
                    if first == value {
                        continue;
                    }
                    return Err(self.invalid(format!(
                        "a <tuv> with two languages, xml:lang and lang ({first:?} and {value:?}): keep one"
                    )));
                }
            }
            if seen.insert(raw, 0).is_some() {
                return Err(self.malformed(format!(
                    "attribute {key} twice on <{}>: XML allows an attribute once per element",
                    name_of(element.name().as_ref())
                )));
            }
            out[n].0 = key;
            n += 1;
        }
        out.truncate(n);
        Ok(())
    }

    /// An attribute's value as XML reads it: a raw tab, line break or
    /// carriage return is a space (attribute-value normalisation; a
    /// character reference such as `&#10;` stays what it names), then
    /// references are replaced.
    fn attribute_value(&self, key: &str, raw: &[u8]) -> Result<String, TmxError> {
        let mut value = String::new();
        self.attribute_value_into(key, raw, &mut value)?;
        Ok(value)
    }

    /// [`TmxReader::attribute_value`] into `out`, replacing what it held.
    fn attribute_value_into(
        &self,
        key: &str,
        raw: &[u8],
        out: &mut String,
    ) -> Result<(), TmxError> {
        out.clear();
        let raw = utf8(raw).map_err(|_| {
            self.malformed(format!(
                "attribute {key}: invalid UTF-8; TMX must be UTF-8 or UTF-16 with a byte-order mark"
            ))
        })?;
        // Most values hold no byte below 0x20 nor a reference: one pass.
        let unusual = any_byte(raw.as_bytes(), |b| b < 0x20 || b == 0xEF);
        if !unusual && !raw.contains('&') {
            append(out, raw);
            return Ok(());
        }
        let normalised: Cow<str> = if unusual && raw.contains(['\t', '\n', '\r']) {
            Cow::Owned(raw.replace("\r\n", " ").replace(['\t', '\n', '\r'], " "))
        } else {
            Cow::Borrowed(raw)
        };
        let value = quick_xml::escape::unescape(&normalised)
            .map_err(|e| self.malformed(format!("attribute {key}: {e}")))?;
        // A reference (`&#1;`) may name what the bytes did not hold.
        if (unusual || matches!(value, Cow::Owned(_)))
            && let Some((_, c)) = not_xml_char(&value)
        {
            return Err(self.malformed(format!("attribute {key}: {}", not_xml_message(c))));
        }
        out.push_str(&value);
        Ok(())
    }

    /// Reads up to and including `<body>`, filling the header.
    fn prologue(&mut self) -> Result<(), TmxError> {
        let mut buf = Vec::new();
        let mut seen_root = false;
        let mut seen_header = false;
        loop {
            match self.read(&mut buf)? {
                Event::Decl(decl) => {
                    crate::xml::declared_encoding(&decl).map_err(|m| self.malformed(m))?;
                }
                Event::DocType(doctype) => {
                    crate::xml::doctype(&doctype, "TMX", crate::xml::Doctype::External)
                        .map_err(|m| self.malformed(m))?;
                }
                Event::Start(e) if !seen_root => {
                    if e.name().as_ref() != b"tmx" {
                        let name = name_of(e.name().as_ref());
                        return Err(self.invalid(format!(
                            "root element is <{name}>, not <tmx>: not a TMX file"
                        )));
                    }
                    for attribute in e.attributes() {
                        let attribute = attribute.map_err(|e| self.malformed(e))?;
                        let key = name_of(attribute.key.as_ref());
                        // The root may declare namespaces and carry their
                        // attributes (`p:x`), which are reported below.
                        let qname = match key.split_once(':') {
                            Some((prefix, local)) => {
                                (is_plain_xml_name(prefix) || prefix == "xmlns")
                                    && is_plain_xml_name(local)
                            }
                            None => is_plain_xml_name(&key) || key == "xmlns",
                        };
                        if !qname {
                            return Err(
                                self.malformed(format!("attribute {}", xml_name_problem(&key)))
                            );
                        }
                        let value = self.attribute_value(&key, &attribute.value)?;
                        if key == "version" {
                            self.version = value;
                        } else {
                            self.drop_here(format!(
                                "attribute {key}={value:?} of <tmx> is not kept (TMX 1.4b gives <tmx> a version only)"
                            ));
                        }
                    }
                    seen_root = true;
                }
                Event::Start(e) | Event::Empty(e)
                    if seen_root && e.name().as_ref() == b"header" && seen_header =>
                {
                    return Err(self.invalid(
                        "a second <header>: a <tmx> has one; merge the two headers into one, or the files with tmx merge",
                    ));
                }
                Event::Start(e) if seen_root && e.name().as_ref() == b"header" => {
                    self.header.attributes = self.attributes(&e)?;
                    seen_header = true;
                    self.header_content(&mut buf)?;
                }
                Event::Empty(e) if seen_root && e.name().as_ref() == b"header" => {
                    self.header.attributes = self.attributes(&e)?;
                    seen_header = true;
                }
                Event::Start(e) if seen_root && e.name().as_ref() == b"body" => return Ok(()),
                Event::Empty(e) if seen_root && e.name().as_ref() == b"body" => {
                    self.finished = true;
                    return self.epilogue(&mut buf);
                }
                Event::Start(e) | Event::Empty(e) => {
                    let name = name_of(e.name().as_ref());
                    let message = if seen_root {
                        format!("unexpected <{name}>: a <tmx> holds a <header> then a <body>")
                    } else {
                        format!("root element is <{name}>, not <tmx>: not a TMX file")
                    };
                    return Err(self.invalid(message));
                }
                Event::Text(t) if is_whitespace(&t) => {}
                Event::Comment(_) | Event::PI(_) => {}
                Event::Eof => {
                    return Err(self.invalid(if seen_root {
                        "end of file before <body>"
                    } else {
                        "empty document: no <tmx> element"
                    }));
                }
                Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) if !seen_root => {
                    return Err(self.invalid_at(
                        0,
                        "text before any element: not a TMX file (a table converts with tmx convert FILE.csv)",
                    ));
                }
                other => return Err(self.unexpected(&other, "before <body>")),
            }
        }
    }

    fn unexpected(&self, event: &Event, place: &str) -> TmxError {
        match event {
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {
                self.invalid(format!("unexpected text {place}"))
            }
            Event::End(e) => self.invalid(format!(
                "unexpected </{}> {place}",
                name_of(e.name().as_ref())
            )),
            _ => self.invalid(format!("unexpected markup {place}")),
        }
    }

    /// The start of a child element: `<x …>` or `<x …/>`.
    fn child(&self, event: &Event) -> Result<Option<Child>, TmxError> {
        let (e, empty) = match event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            _ => return Ok(None),
        };
        Ok(Some(Child {
            name: element_name(e.name().as_ref()),
            attributes: self.attributes(e)?,
            empty,
        }))
    }

    fn unexpected_child(&self, child: &Child, place: &str) -> TmxError {
        self.invalid(format!(
            "unexpected <{}> in <{place}>",
            name_of(&child.name)
        ))
    }

    /// Events that mean nothing between elements: whitespace, comments.
    fn is_filler(event: &Event) -> bool {
        match event {
            Event::Text(t) => is_whitespace(t),
            Event::Comment(_) | Event::PI(_) => true,
            _ => false,
        }
    }

    fn header_content(&mut self, buf: &mut Vec<u8>) -> Result<(), TmxError> {
        loop {
            let event = self.read_markup(buf)?;
            if let Some(child) = self.child(&event)? {
                match child.name.as_ref() {
                    b"note" | b"prop" => {
                        let annotation = self.annotation(buf, child)?;
                        self.header.annotations.push(annotation);
                    }
                    b"ude" => {
                        let ude = self.element(buf, child, &["map"], 0)?;
                        self.header.udes.push(ude);
                    }
                    _ => return Err(self.unexpected_child(&child, "header")),
                }
                continue;
            }
            match event {
                Event::End(_) => return Ok(()),
                e if Self::is_filler(&e) => {}
                Event::Eof => return Err(self.invalid("end of file inside <header>")),
                other => return Err(self.unexpected(&other, "in <header>")),
            }
        }
    }

    /// A `note` or `prop`: its text up to its end tag.
    fn annotation(&mut self, buf: &mut Vec<u8>, child: Child) -> Result<Annotation, TmxError> {
        let kind = if *child.name == *b"note" {
            AnnotationKind::Note
        } else {
            AnnotationKind::Prop
        };
        let mut text = String::new();
        if !child.empty {
            self.text_content(buf, &child.name, &mut text)?;
        }
        Ok(Annotation {
            kind,
            attributes: child.attributes,
            text,
        })
    }

    /// Text up to the end tag of element `name`; no child elements.
    fn text_content(
        &mut self,
        buf: &mut Vec<u8>,
        name: &[u8],
        text: &mut String,
    ) -> Result<(), TmxError> {
        loop {
            match self.read(buf)? {
                Event::Text(t) => self.append_text(&t, text)?,
                Event::CData(t) => self.append_text(&t, text)?,
                Event::GeneralRef(r) => text.push(self.reference(&r)?),
                Event::End(_) => return Ok(()),
                Event::Comment(_) => {}
                Event::PI(pi) => {
                    let pi = String::from_utf8_lossy(&pi).into_owned();
                    let name = name_of(name);
                    self.drop_here(format!(
                        "processing instruction <?{pi}?> in a <{name}> is not kept"
                    ));
                }
                Event::Eof => {
                    let name = name_of(name);
                    return Err(self.invalid(format!("end of file inside <{name}>")));
                }
                other => {
                    let place = format!("inside <{}>", name_of(name));
                    return Err(self.unexpected(&other, &place));
                }
            }
        }
    }

    /// An element kept whole, its children in `allowed`.
    fn element(
        &mut self,
        buf: &mut Vec<u8>,
        child: Child,
        allowed: &[&str],
        depth: usize,
    ) -> Result<Element, TmxError> {
        let content = if child.empty {
            Vec::new()
        } else {
            self.content(buf, allowed, depth)?
        };
        Ok(Element {
            name: name_of(&child.name),
            attributes: child.attributes,
            content,
        })
    }

    /// Mixed content up to the end tag of the current element, which is
    /// `depth` elements inside the segment; child elements must be in
    /// `allowed`.
    fn content(
        &mut self,
        buf: &mut Vec<u8>,
        allowed: &[&str],
        depth: usize,
    ) -> Result<Vec<Inline>, TmxError> {
        let mut out = Vec::with_capacity(1);
        self.content_into(buf, allowed, depth, &mut out)?;
        Ok(out)
    }

    /// [`TmxReader::content`] into `out`, replacing what it held; the room
    /// of its first text is reused.
    fn content_into(
        &mut self,
        buf: &mut Vec<u8>,
        allowed: &[&str],
        depth: usize,
        out: &mut Vec<Inline>,
    ) -> Result<(), TmxError> {
        let mut spare = match out.first_mut() {
            Some(Inline::Text(text)) => std::mem::take(text),
            _ => String::new(),
        };
        spare.clear();
        out.clear();
        if out.capacity() == 0 {
            *out = Vec::with_capacity(1);
        }
        loop {
            match self.read(buf)? {
                Event::Text(t) => self.append_text(&t, last_text(out, &mut spare))?,
                Event::CData(t) => self.append_text(&t, last_text(out, &mut spare))?,
                Event::GeneralRef(r) => {
                    let c = self.reference(&r)?;
                    last_text(out, &mut spare).push(c);
                }
                event @ (Event::Start(_) | Event::Empty(_)) => {
                    let child = self.child(&event)?.expect("a start tag");
                    let name = name_of(&child.name);
                    if !allowed.contains(&name.as_str()) {
                        return Err(self.invalid(format!(
                            "<{name}> is not allowed here (allowed: {})",
                            allowed.join(", ")
                        )));
                    }
                    if depth == MAX_INLINE_DEPTH {
                        return Err(self.invalid(format!(
                            "inline elements nest more than {MAX_INLINE_DEPTH} deep"
                        )));
                    }
                    let element = self.element(buf, child, &INLINE, depth + 1)?;
                    out.push(Inline::Element(element));
                }
                Event::End(_) => return Ok(()),
                Event::Comment(_) => {}
                Event::PI(pi) => {
                    let pi = String::from_utf8_lossy(&pi).into_owned();
                    self.drop_here(format!(
                        "processing instruction <?{pi}?> in a segment is not kept (the model holds text and TMX inline elements)"
                    ));
                }
                Event::Eof => return Err(self.invalid("end of file inside a segment")),
                other => return Err(self.unexpected(&other, "in a segment")),
            }
        }
    }

    /// Reads the next unit; `None` after `</body>`.
    pub fn next_unit(&mut self) -> Result<Option<Unit>, TmxError> {
        let mut unit = Unit::default();
        Ok(self.read_into(&mut unit)?.then_some(unit))
    }

    /// Reads the next unit into `unit`, replacing all it held but reusing
    /// its lists and strings, so that a loop that reads every unit into the
    /// same one allocates next to nothing per unit (the iterator allocates
    /// each unit anew); `false`, `unit` untouched, after `</body>`. After an
    /// error `unit` holds part of what was read.
    ///
    /// ```
    /// use tmkit::tm::{tmx::TmxReader, Unit};
    /// let tmx = r#"<tmx version="1.4"><header srclang="fr-FR"/><body>
    /// <tu tuid="1"><tuv xml:lang="fr-FR"><seg>Oui.</seg></tuv></tu>
    /// <tu tuid="2"><tuv xml:lang="fr-FR"><seg>Non.</seg></tuv></tu>
    /// </body></tmx>"#;
    /// let mut reader = TmxReader::new(tmx.as_bytes(), "a.tmx").unwrap();
    /// let mut unit = Unit::default();
    /// let mut texts = Vec::new();
    /// while reader.read_into(&mut unit).unwrap() {
    ///     texts.push(unit.variant("fr").unwrap().text());
    /// }
    /// assert_eq!(texts, ["Oui.", "Non."]);
    /// ```
    pub fn read_into(&mut self, unit: &mut Unit) -> Result<bool, TmxError> {
        if self.finished {
            return Ok(false);
        }
        let mut buf = std::mem::take(&mut self.buf);
        let read = self.unit_or_end(&mut buf, unit);
        self.buf = buf;
        read
    }

    fn unit_or_end(&mut self, buf: &mut Vec<u8>, unit: &mut Unit) -> Result<bool, TmxError> {
        loop {
            match self.read_markup(buf)? {
                Event::Start(e) if e.name().as_ref() == b"tu" => {
                    self.attributes_into(&e, &mut unit.attributes)?;
                    self.unit(buf, unit)?;
                    return Ok(true);
                }
                Event::Empty(e) if e.name().as_ref() == b"tu" => {
                    return Err(self.invalid("a <tu> without any <tuv>"));
                }
                Event::End(_) => {
                    self.finished = true;
                    self.epilogue(buf)?;
                    return Ok(false);
                }
                Event::Text(t) if is_whitespace(&t) => {}
                Event::Comment(_) | Event::PI(_) => {}
                Event::Eof => return Err(self.invalid("end of file inside <body>")),
                Event::Start(e) | Event::Empty(e) => {
                    let name = name_of(e.name().as_ref());
                    return Err(
                        self.invalid(format!("unexpected <{name}> in <body>: expected <tu>"))
                    );
                }
                other => return Err(self.unexpected(&other, "in <body>")),
            }
        }
    }

    fn epilogue(&mut self, buf: &mut Vec<u8>) -> Result<(), TmxError> {
        let mut closed = false;
        loop {
            match self.read_markup(buf)? {
                Event::End(e) if !closed && e.name().as_ref() == b"tmx" => closed = true,
                Event::Text(t) if is_whitespace(&t) => {}
                Event::Comment(_) | Event::PI(_) => {}
                Event::Eof if closed => return Ok(()),
                Event::Eof => return Err(self.invalid("end of file before </tmx>")),
                other => return Err(self.unexpected(&other, "after </body>")),
            }
        }
    }

    /// The content of a `<tu>` into `unit`, whose attributes are read; its
    /// variants are read into those it held.
    fn unit(&mut self, buf: &mut Vec<u8>, unit: &mut Unit) -> Result<(), TmxError> {
        unit.annotations.clear();
        if unit.variants.capacity() == 0 {
            unit.variants = Vec::with_capacity(2);
        }
        // The variants read so far.
        let mut n = 0;
        loop {
            let event = self.read_markup(buf)?;
            if let Event::Start(e) | Event::Empty(e) = &event
                && e.name().as_ref() == b"tuv"
            {
                if n == unit.variants.len() {
                    unit.variants.push(Variant::default());
                }
                let variant = &mut unit.variants[n];
                self.attributes_into(e, &mut variant.attributes)?;
                if matches!(event, Event::Empty(_)) {
                    return Err(self.invalid("a <tuv> without a <seg>"));
                }
                self.variant(buf, variant)?;
                n += 1;
                continue;
            }
            if let Some(child) = self.child(&event)? {
                match child.name.as_ref() {
                    b"note" | b"prop" => {
                        let annotation = self.annotation(buf, child)?;
                        unit.annotations.push(annotation);
                    }
                    _ => return Err(self.unexpected_child(&child, "tu")),
                }
                continue;
            }
            match event {
                Event::End(_) if n == 0 => {
                    return Err(self.invalid("a <tu> without any <tuv>"));
                }
                Event::End(_) => {
                    unit.variants.truncate(n);
                    return Ok(());
                }
                e if Self::is_filler(&e) => {}
                Event::Eof => return Err(self.invalid("end of file inside <tu>")),
                other => return Err(self.unexpected(&other, "in <tu>")),
            }
        }
    }

    /// The content of a `<tuv>` into `variant`, whose attributes are read.
    fn variant(&mut self, buf: &mut Vec<u8>, variant: &mut Variant) -> Result<(), TmxError> {
        if super::attribute(&variant.attributes, "xml:lang").is_none() {
            return Err(self.invalid("a <tuv> without xml:lang"));
        }
        variant.annotations.clear();
        let mut seg = false;
        loop {
            let event = self.read_markup(buf)?;
            if let Some(child) = self.child(&event)? {
                match child.name.as_ref() {
                    // Okapi writes a tuv's props after its seg; read them all
                    // the same (the writer puts them first).
                    b"note" | b"prop" => {
                        let annotation = self.annotation(buf, child)?;
                        variant.annotations.push(annotation);
                    }
                    b"seg" if !seg => {
                        // The model has no place for them, and dropping
                        // them silently would lose data.
                        if let Some((key, _)) = child.attributes.first() {
                            return Err(self.invalid(format!(
                                "attribute {key} on <seg>: TMX allows no attributes on <seg>; move it to the <tuv> as a <prop> or remove it"
                            )));
                        }
                        if child.empty {
                            variant.seg.clear();
                        } else {
                            self.content_into(buf, &INLINE, 0, &mut variant.seg)?;
                        }
                        seg = true;
                    }
                    _ => return Err(self.unexpected_child(&child, "tuv")),
                }
                continue;
            }
            match event {
                Event::End(_) if seg => return Ok(()),
                Event::End(_) => return Err(self.invalid("a <tuv> without a <seg>")),
                e if Self::is_filler(&e) => {}
                Event::Eof => return Err(self.invalid("end of file inside <tuv>")),
                other => return Err(self.unexpected(&other, "in <tuv>")),
            }
        }
    }
}

/// The start of a child element, read off its tag.
struct Child {
    name: Cow<'static, [u8]>,
    attributes: Attributes,
    empty: bool,
}

impl<R: BufRead> Iterator for TmxReader<R> {
    type Item = Result<Unit, TmxError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.next_unit() {
            Ok(Some(unit)) => Some(Ok(unit)),
            Ok(None) => None,
            Err(e) => {
                self.finished = true;
                Some(Err(e))
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Writer.

/// `bytes` as UTF-8, validated with SIMD (simdutf8); the error, with its
/// offset, is the standard library's.
fn utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    simdutf8::basic::from_utf8(bytes).or_else(|_| std::str::from_utf8(bytes))
}

/// Whether a namespace-aware XML parser reads `name` back as the name of an
/// attribute or element in no namespace: an XML name without a colon, or
/// `xml:` and one (`xml:lang`); never a namespace declaration (`xmlns`,
/// `xmlns:p`).
pub fn is_plain_xml_name(name: &str) -> bool {
    let local = name.strip_prefix("xml:").unwrap_or(name);
    let mut chars = local.chars();
    let start = |c: char| {
        c.is_ascii_alphabetic()
            || c == '_'
            || matches!(c, '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
                | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
                | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
                | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
    };
    let rest = |c: char| {
        start(c)
            || c.is_ascii_digit()
            || matches!(c, '-' | '.' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
    };
    chars.next().is_some_and(start) && chars.all(rest) && name != "xmlns"
}

/// Why `name` is no [plain XML name](is_plain_xml_name), for people.
pub(crate) fn xml_name_problem(name: &str) -> String {
    if name == "xmlns" || name.starts_with("xmlns:") {
        format!(
            "{name:?} is a namespace declaration, not an attribute: TMX is in no namespace; remove it"
        )
    } else if name.contains(':') && !name.starts_with("xml:") {
        format!(
            "{name:?} has a namespace prefix, and TMX names have none (but xml:lang, xml:space): rename it"
        )
    } else {
        format!(
            "{name:?} is not an XML name (a letter or _ first, then letters, digits, - _ .): rename it"
        )
    }
}

/// Writes `text` escaped for element content (`attribute`: for a
/// double-quoted attribute value).
fn escape(w: &mut impl Write, text: &str, attribute: bool) -> Result<(), TmxWriteError> {
    let how = crate::xml::Escaping {
        quote: attribute,
        apostrophe: attribute,
        breaks: attribute,
        carriage_return: true,
        check: true,
    };
    match crate::xml::escape_as(text, how) {
        Ok(escaped) => Ok(w.write_all(escaped.as_bytes())?),
        Err(c) if u32::from(c) < 0x20 => Err(TmxWriteError::Invalid(format!(
            "control character U+{:04X} cannot be written in XML 1.0: {}",
            u32::from(c),
            excerpt(text)
        ))),
        Err(_) => Err(TmxWriteError::Invalid(format!(
            "non-character U+FFFE/U+FFFF cannot be written in XML 1.0: {}",
            excerpt(text)
        ))),
    }
}

fn excerpt(text: &str) -> String {
    let short: String = text.chars().take(60).collect();
    format!("{short:?}")
}

fn write_attributes(w: &mut impl Write, attributes: &Attributes) -> Result<(), TmxWriteError> {
    for (i, (name, value)) in attributes.iter().enumerate() {
        if attributes[..i].iter().any(|(n, _)| n == name) {
            return Err(TmxWriteError::Invalid(format!(
                "attribute {name} twice on one element: XML allows it once"
            )));
        }
        if !is_plain_xml_name(name) {
            return Err(TmxWriteError::Invalid(format!(
                "attribute {}",
                xml_name_problem(name)
            )));
        }
        w.write_all(b" ")?;
        w.write_all(name.as_bytes())?;
        w.write_all(b"=\"")?;
        escape(w, value, true)?;
        w.write_all(b"\"")?;
    }
    Ok(())
}

fn write_annotations(
    w: &mut impl Write,
    annotations: &[Annotation],
    indent: &[u8],
) -> Result<(), TmxWriteError> {
    for a in annotations {
        let name: &[u8] = match a.kind {
            AnnotationKind::Note => b"note",
            AnnotationKind::Prop => b"prop",
        };
        w.write_all(indent)?;
        w.write_all(b"<")?;
        w.write_all(name)?;
        write_attributes(w, &a.attributes)?;
        w.write_all(b">")?;
        escape(w, &a.text, false)?;
        w.write_all(b"</")?;
        w.write_all(name)?;
        w.write_all(b">\n")?;
    }
    Ok(())
}

fn write_content(w: &mut impl Write, content: &[Inline]) -> Result<(), TmxWriteError> {
    for inline in content {
        match inline {
            Inline::Text(t) => escape(w, t, false)?,
            Inline::Element(e) => {
                if !is_plain_xml_name(&e.name) || e.name.starts_with("xml:") {
                    return Err(TmxWriteError::Invalid(format!(
                        "element {}",
                        xml_name_problem(&e.name)
                    )));
                }
                w.write_all(b"<")?;
                w.write_all(e.name.as_bytes())?;
                write_attributes(w, &e.attributes)?;
                if e.content.is_empty() {
                    w.write_all(b"/>")?;
                } else {
                    w.write_all(b">")?;
                    write_content(w, &e.content)?;
                    w.write_all(b"</")?;
                    w.write_all(e.name.as_bytes())?;
                    w.write_all(b">")?;
                }
            }
        }
    }
    Ok(())
}

/// A streaming TMX 1.4b writer (a [`UnitWriter`]).
pub struct TmxWriter<W: Write> {
    w: W,
}

impl<W: Write> UnitWriter<W> for TmxWriter<W> {
    type Header<'h> = &'h Header;
    type Error = TmxWriteError;
    /// The output.
    type Finished = W;

    /// Writes the prologue and `header`, ready for units.
    fn new(mut w: W, header: &Header) -> Result<TmxWriter<W>, TmxWriteError> {
        w.write_all(
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n  <header",
        )?;
        write_attributes(&mut w, &header.attributes)?;
        if header.annotations.is_empty() && header.udes.is_empty() {
            w.write_all(b"/>\n")?;
        } else {
            w.write_all(b">\n")?;
            write_annotations(&mut w, &header.annotations, b"    ")?;
            for ude in &header.udes {
                w.write_all(b"    ")?;
                write_content(&mut w, std::slice::from_ref(&Inline::Element(ude.clone())))?;
                w.write_all(b"\n")?;
            }
            w.write_all(b"  </header>\n")?;
        }
        w.write_all(b"  <body>\n")?;
        Ok(TmxWriter { w })
    }

    /// Writes one unit; an error names it by its `tuid`.
    fn write_unit(&mut self, unit: &Unit) -> Result<(), TmxWriteError> {
        self.unit(unit).map_err(|e| match e {
            TmxWriteError::Invalid(message) if !message.starts_with("unit ") => {
                TmxWriteError::Invalid(format!(
                    "unit {}: {message}",
                    unit.tuid().unwrap_or("(no tuid)")
                ))
            }
            other => other,
        })
    }

    /// Closes the document and returns the output.
    fn finish(mut self) -> Result<W, TmxWriteError> {
        self.w.write_all(b"  </body>\n</tmx>\n")?;
        self.w.flush()?;
        Ok(self.w)
    }
}

impl<W: Write> TmxWriter<W> {
    fn unit(&mut self, unit: &Unit) -> Result<(), TmxWriteError> {
        if unit.variants.is_empty() {
            return Err(TmxWriteError::Invalid(format!(
                "unit {} has no variant: TMX needs at least one <tuv>",
                unit.tuid().unwrap_or("(no tuid)")
            )));
        }
        let w = &mut self.w;
        w.write_all(b"    <tu")?;
        write_attributes(w, &unit.attributes)?;
        w.write_all(b">\n")?;
        write_annotations(w, &unit.annotations, b"      ")?;
        for variant in &unit.variants {
            if variant.lang().is_empty() {
                return Err(TmxWriteError::Invalid(format!(
                    "unit {}: a variant without xml:lang",
                    unit.tuid().unwrap_or("(no tuid)")
                )));
            }
            w.write_all(b"      <tuv")?;
            write_attributes(w, &variant.attributes)?;
            w.write_all(b">\n")?;
            write_annotations(w, &variant.annotations, b"        ")?;
            w.write_all(b"        <seg>")?;
            write_content(w, &variant.seg)?;
            w.write_all(b"</seg>\n      </tuv>\n")?;
        }
        w.write_all(b"    </tu>\n")?;
        Ok(())
    }
}

/// Writes a whole memory: the header, then every unit; returns the output.
pub fn write_units<'a, W: Write>(
    w: W,
    header: &Header,
    units: impl IntoIterator<Item = &'a Unit>,
) -> Result<W, TmxWriteError> {
    TmxWriter::write_all(w, header, units)
}

/// What a TMX 1.4b header lacks or gets wrong, for people; empty when valid.
pub fn header_problems(header: &Header) -> Vec<String> {
    let mut problems: Vec<String> = REQUIRED_HEADER_ATTRIBUTES
        .iter()
        .filter(|a| header.attribute(a).is_none_or(str::is_empty))
        .map(|a| format!("header attribute {a} is missing"))
        .collect();
    if header
        .attribute("segtype")
        .is_some_and(|s| !matches!(s, "block" | "paragraph" | "sentence" | "phrase"))
    {
        problems.push("segtype must be block, paragraph, sentence or phrase".to_string());
    }
    problems
}

/// Reads a whole TMX file: header and units (for small files and tests; use
/// [`TmxReader`] to stream).
pub fn read_path(path: &Path) -> Result<(Header, Vec<Unit>), TmxError> {
    let mut reader = TmxReader::open(path)?;
    let units = reader.by_ref().collect::<Result<Vec<_>, _>>()?;
    Ok((reader.header, units))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &[u8]) -> Result<(Header, Vec<Unit>), TmxError> {
        let mut reader = TmxReader::new(text, "t.tmx")?;
        let units = reader.by_ref().collect::<Result<Vec<_>, _>>()?;
        Ok((reader.header, units))
    }

    fn error(text: &[u8]) -> String {
        read(text).unwrap_err().to_string()
    }

    /// The line and character column of a byte offset of `text`.
    fn line_and_column(text: &str, byte: u64) -> (u64, u64) {
        let before = &text[..byte as usize];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line = before.matches('\n').count() as u64 + 1;
        (line, before[line_start..].chars().count() as u64 + 1)
    }

    #[test]
    fn read_into_one_unit_gives_the_units_the_iterator_gives() {
        // Units that shrink and grow after one another: variants, attributes,
        // props, notes, inline elements, empty segments, TMX 1.1's `lang`.
        let crafted = br#"<tmx version="1.4"><header srclang="fr-FR"/><body>
<tu tuid="1" changedate="20250101T000000Z"><prop type="x-a">a</prop>
 <tuv xml:lang="fr-FR" lang="fr-FR"><note>n</note><seg>Le <bpt i="1">&lt;b&gt;</bpt>chat<ept i="1">&lt;/b&gt;</ept> &amp; lui</seg></tuv>
 <tuv xml:lang="en-GB"><seg>The cat</seg></tuv><tuv xml:lang="de-DE"><seg>Die Katze</seg></tuv></tu>
<tu><tuv lang="fr"><seg/></tuv></tu>
<tu tuid="3"><tuv xml:lang="fr-FR" creationid="x"><seg><ph x="1"/>Texte</seg></tuv>
 <tuv xml:lang="en-GB"><seg>Text<hi>!</hi></seg><prop type="late">p</prop></tuv></tu>
<tu tuid="4"><tuv xml:lang="fr-FR"><seg>Court</seg></tuv></tu>
</body></tmx>"#;
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tmx/ok");
        let mut files = vec![("crafted".to_string(), crafted.to_vec())];
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            files.push((path.display().to_string(), std::fs::read(&path).unwrap()));
        }
        for (name, bytes) in files {
            let (_, expected) = read(&bytes).unwrap();
            let mut reader = TmxReader::new(&bytes[..], &name).unwrap();
            let mut unit = Unit::default();
            let mut units = Vec::new();
            while reader.read_into(&mut unit).unwrap() {
                units.push(unit.clone());
            }
            assert!(!reader.read_into(&mut unit).unwrap(), "{name}");
            assert_eq!(units, expected, "{name}");
            assert!(expected.len() > 1, "{name}");
        }
    }

    #[test]
    fn columns_count_characters_on_a_line_longer_than_the_chunks() {
        // The line of the error starts two chunks before it, and holds
        // characters of two and three bytes (one cut by each chunk's end).
        let long = "é€".repeat(CHUNK / 2);
        for (prefix, seg) in [("", long.as_str()), ("\n\n", "short")] {
            let text = format!(
                "<tmx version=\"1.4\"><header srclang=\"fr\"/><body>{prefix}<tu><tuv xml:lang=\"fr\"><seg>{seg}</sg></tuv></tu></body></tmx>"
            );
            let err = read(text.as_bytes()).unwrap_err();
            assert!(matches!(err.kind(), TmxErrorKind::Malformed(_)), "{err}");
            let at = err.position().unwrap();
            assert!(text[at.byte() as usize..].starts_with("</sg>"), "{err}");
            assert_eq!((at.line(), at.column()), line_and_column(&text, at.byte()));
        }
    }

    const MINIMAL: &str = "<tmx version=\"1.4\"><header srclang=\"fr\"/><body>\n<tu><tuv xml:lang=\"fr\"><seg>a &amp; b</seg></tuv></tu>\n</body></tmx>";

    #[test]
    fn utf16_with_bom_reads_like_utf8() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in MINIMAL.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let (_, units) = read(&bytes).unwrap();
        assert_eq!(units[0].variants[0].text(), "a & b");
        let mut be = vec![0xFE, 0xFF];
        for unit in MINIMAL.encode_utf16() {
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(read(&be).unwrap().1, units);
    }

    #[test]
    fn errors_name_line_and_column() {
        let text = "<tmx version=\"1.4\"><header/><body>\n<tu>\n  <tuv xml:lang=\"fr\"><seg>a & b</seg></tuv></tu></body></tmx>";
        let message = error(text.as_bytes());
        assert!(message.starts_with("t.tmx:3:"), "{message}");
    }

    #[test]
    fn inline_elements_nest_up_to_the_limit() {
        let nested = |n: usize| {
            format!(
                "<tmx version=\"1.4\"><header/><body><tu><tuv xml:lang=\"fr\"><seg>{}a{}</seg></tuv></tu></body></tmx>",
                "<hi>".repeat(n),
                "</hi>".repeat(n)
            )
        };
        let (_, units) = read(nested(MAX_INLINE_DEPTH).as_bytes()).unwrap();
        assert_eq!(units[0].variants[0].text(), "a");
        let message = error(nested(MAX_INLINE_DEPTH + 1).as_bytes());
        assert!(message.contains("nest more than 100 deep"), "{message}");
    }

    #[test]
    fn internal_subset_is_refused() {
        let text =
            "<!DOCTYPE tmx [<!ENTITY a \"aaaa\">]><tmx version=\"1.4\"><header/><body/></tmx>";
        assert!(error(text.as_bytes()).contains("DOCTYPE"));
        let undefined = "<tmx version=\"1.4\"><header/><body><tu><tuv xml:lang=\"fr\"><seg>&a;</seg></tuv></tu></body></tmx>";
        assert!(error(undefined.as_bytes()).contains("undefined entity &a;"));
    }

    #[test]
    fn external_doctype_is_not_fetched_but_accepted() {
        let text = "<?xml version=\"1.0\"?><!DOCTYPE tmx SYSTEM \"http://example.invalid/tmx14.dtd\"><tmx version=\"1.4\"><header/><body/></tmx>";
        assert!(read(text.as_bytes()).unwrap().1.is_empty());
    }

    #[test]
    fn control_characters_are_refused_and_cr_escaped() {
        let mut out = Vec::new();
        let mut w = TmxWriter::new(&mut out, &Header::default()).unwrap();
        let mut unit = Unit::new("1");
        unit.variants.push(Variant::plain("fr", "a\u{1}"));
        let e = w.write_unit(&unit).unwrap_err();
        assert!(matches!(e, TmxWriteError::Invalid(_)));
        assert!(
            e.to_string()
                .starts_with("unit 1: control character U+0001"),
            "{e}"
        );
        let mut out = Vec::new();
        let mut w = TmxWriter::new(&mut out, &Header::default()).unwrap();
        let mut unit = Unit::new("1\n2");
        unit.variants.push(Variant::plain("fr", "a\r\nb\tc"));
        w.write_unit(&unit).unwrap();
        w.finish().unwrap();
        assert_eq!(read(&out).unwrap().1, vec![unit]);
    }

    #[test]
    fn attributes_on_seg_are_refused_not_dropped() {
        let text = "<tmx version=\"1.4\"><header/><body>\n<tu><tuv xml:lang=\"fr\"><seg xml:space=\"preserve\">x</seg></tuv></tu></body></tmx>";
        let message = error(text.as_bytes());
        assert!(message.starts_with("t.tmx:2:"), "{message}");
        assert!(
            message.contains("attribute xml:space on <seg>"),
            "{message}"
        );
    }

    #[test]
    fn lang_beside_xml_lang_is_dropped_when_equal_and_refused_when_not() {
        let tuv = |attributes: &str| {
            format!(
                "<tmx version=\"1.4\"><header/><body><tu><tuv {attributes}><seg>x</seg></tuv></tu></body></tmx>"
            )
        };
        let (_, units) = read(tuv("xml:lang=\"fr-FR\" lang=\"fr-FR\"").as_bytes()).unwrap();
        assert_eq!(units[0].variants[0].attributes.len(), 1);
        let message = error(tuv("lang=\"fr-FR\" xml:lang=\"en-GB\"").as_bytes());
        assert!(message.contains("two languages"), "{message}");
    }

    #[test]
    fn the_writer_refuses_what_would_not_read_back() {
        let refused = |variant: Variant| {
            let mut unit = Unit::new("1");
            unit.variants.push(variant);
            let mut w = TmxWriter::new(Vec::new(), &Header::default()).unwrap();
            w.write_unit(&unit).unwrap_err().to_string()
        };
        let mut twice = Variant::plain("fr-FR", "x");
        twice.attributes.push(("xml:lang".into(), "en-GB".into()));
        assert!(refused(twice).contains("attribute xml:lang twice"));
        let mut legacy = Variant::plain("fr-FR", "x");
        legacy.attributes = vec![("lang".into(), "fr-FR".into())];
        assert!(refused(legacy).contains("without xml:lang"));
    }

    #[test]
    fn an_attribute_twice_is_an_error() {
        let text = "<tmx version=\"1.4\"><header/><body>\n<tu tuid=\"1\" tuid=\"2\"><tuv xml:lang=\"fr\"><seg>x</seg></tuv></tu></body></tmx>";
        let message = error(text.as_bytes());
        assert!(message.starts_with("t.tmx:2:"), "{message}");
        assert!(
            message.contains("attribute tuid twice on <tu>"),
            "{message}"
        );
    }

    #[test]
    fn errors_are_placed_across_chunks() {
        // Past the first chunk the line still counts every newline before.
        let mut text = String::from("<tmx version=\"1.4\"><header/><body>\n");
        let unit = "<tu><tuv xml:lang=\"fr\"><seg>x</seg></tuv></tu>\n";
        let n = 3 * CHUNK / unit.len();
        for _ in 0..n {
            text.push_str(unit);
        }
        text.push_str("<tu><tuv><seg>x</seg></tuv></tu>\n</body></tmx>");
        let message = error(text.as_bytes());
        assert!(
            message.starts_with(&format!("t.tmx:{}:", n + 2)),
            "{message}"
        );
    }

    #[test]
    fn raw_tabs_and_line_breaks_in_attribute_values_are_read_as_spaces() {
        let text = "<tmx version=\"1.4\"><header/><body><tu tuid=\"a\r\nb\tc&#10;d\"><tuv xml:lang=\"fr\"><seg>x</seg></tuv></tu></body></tmx>";
        let (_, units) = read(text.as_bytes()).unwrap();
        // As XML reads it: the raw ones are spaces, the reference a line break.
        assert_eq!(units[0].tuid(), Some("a b c\nd"));
        let mut out = Vec::new();
        write_units(&mut out, &Header::default(), &units).unwrap();
        assert_eq!(read(&out).unwrap().1, units);
    }

    #[test]
    fn the_writer_refuses_names_an_xml_parser_would_not_read_back() {
        for name in ["-x", "1a", "o-,mf", "xmlns", "xmlns:p", "p:x", ""] {
            let mut unit = Unit::new("1");
            unit.attributes.push((name.to_string().into(), "v".into()));
            unit.variants.push(Variant::plain("fr", "x"));
            let mut w = TmxWriter::new(Vec::new(), &Header::default()).unwrap();
            let e = w.write_unit(&unit).unwrap_err().to_string();
            assert!(e.starts_with(&format!("unit 1: attribute {name:?}")), "{e}");
        }
        for name in ["x-doc", "_a", "é", "xml:space", "a.b"] {
            assert!(is_plain_xml_name(name), "{name}");
        }
    }

    #[test]
    fn what_the_model_cannot_keep_is_counted_and_placed() {
        let text = "<tmx version=\"1.4\" xmlns:x=\"urn:x\">\n<header/><body><tu><tuv xml:lang=\"fr\"><seg>a<?pi b?>c</seg></tuv></tu></body></tmx>";
        let mut reader = TmxReader::new(text.as_bytes(), "t.tmx").unwrap();
        let units = reader.by_ref().collect::<Result<Vec<_>, _>>().unwrap();
        assert_eq!(units[0].variants[0].text(), "ac");
        let dropped = reader.dropped();
        assert_eq!(dropped.count, 2);
        assert!(
            dropped.first[0].starts_with("t.tmx:1:1: attribute xmlns:x=\"urn:x\" of <tmx>"),
            "{dropped:?}"
        );
        assert!(
            dropped.first[1].starts_with("t.tmx:2:45: processing instruction <?pi b?>"),
            "{dropped:?}"
        );
    }

    #[test]
    fn tmx_1_1_lang_becomes_xml_lang() {
        let text = "<tmx version=\"1.1\"><header/><body><tu><tuv lang=\"EN-US\"><seg>x</seg></tuv></tu></body></tmx>";
        let (_, units) = read(text.as_bytes()).unwrap();
        assert_eq!(units[0].variants[0].lang(), "EN-US");
        assert_eq!(units[0].variants[0].attributes[0].0, "xml:lang");
    }
}
