//! Translation memories: translation units and what can be done with them.
//!
//! Third stage of the flow: aligned sentences become [`Unit`]s, which are
//! written as TMX 1.4b ([`tmx`]) or as a bilingual table ([`table`]), and TMX
//! files from other tools are read, inspected ([`stats`]) and merged
//! ([`merge`]).
//!
//! The model is TMX's own, kept whole so that reading a real TMX file and
//! writing it back loses nothing: every attribute in its order, every `note`
//! and `prop` in its place, and segments as a tree of text and inline
//! elements (`bpt ept it ph hi ut sub`). Core types know nothing of XML;
//! only [`tmx`] and [`table`] do.
//!
//! ```
//! use tmkit::tm::{Unit, Variant};
//! let mut unit = Unit::new("doc:1:1");
//! unit.push_prop("x-document", "doc");
//! unit.variants.push(Variant::plain("fr-FR", "Bonjour."));
//! unit.variants.push(Variant::plain("en-GB", "Hello."));
//! assert_eq!(unit.variant("en").unwrap().text(), "Hello.");
//! assert_eq!(unit.prop("x-document"), Some("doc"));
//! ```

use std::borrow::Cow;

use crate::language::primary;

pub mod concordance;
pub mod index;
pub mod memory;
pub mod merge;
mod pair;
pub mod score;
pub mod stats;
pub mod table;
pub mod tmx;

pub use pair::Pair;

/// A file of units written one at a time, whatever its format (TMX 1.4b:
/// [`tmx::TmxWriter`]; a CSV or TSV table: [`table::TableWriter`]): made
/// with its header, given each unit in order, then finished. Nothing is
/// held but the unit being written, so a command can stream a memory of
/// any size from any reader to any writer.
///
/// ```
/// use tmkit::tm::table::{Columns, Delimiter, TableWriter};
/// use tmkit::tm::tmx::TmxWriter;
/// use tmkit::tm::{Header, Unit, UnitWriter, Variant};
/// let mut unit = Unit::new("doc:1:1");
/// unit.variants.push(Variant::plain("fr-FR", "Bonjour."));
/// unit.variants.push(Variant::plain("en-GB", "Hello."));
/// let header = Header::tmkit("fr-FR", Some("20250101T000000Z"));
/// let tmx = TmxWriter::write_all(Vec::new(), &header, [&unit]).unwrap();
/// assert!(String::from_utf8(tmx).unwrap().contains("<seg>Hello.</seg>"));
///
/// let mut columns = Columns::new("fr-FR");
/// columns.add(&unit);
/// let mut csv = Vec::new();
/// let report = TableWriter::write_all(&mut csv, (Delimiter::Comma, columns), [&unit]).unwrap();
/// assert_eq!(report.units, 1);
/// assert_eq!(csv, b"fr-FR,en-GB,tuid\nBonjour.,Hello.,doc:1:1\n");
/// ```
pub trait UnitWriter<W: std::io::Write>: Sized {
    /// What the header is written from: TMX's [`Header`]; a table's
    /// delimiter and [`table::Columns`].
    type Header<'h>;
    /// Why the file could not be written.
    type Error;
    /// What a finished file gives back: TMX its output; a table what it
    /// could not hold ([`table::TableReport`]).
    type Finished;

    /// Writes the header to `w`, ready for units.
    fn new(w: W, header: Self::Header<'_>) -> Result<Self, Self::Error>;

    /// Writes one unit.
    fn write_unit(&mut self, unit: &Unit) -> Result<(), Self::Error>;

    /// Ends the file and flushes it.
    fn finish(self) -> Result<Self::Finished, Self::Error>;

    /// Writes a whole file: the header, every unit in order, the end.
    fn write_all<'u>(
        w: W,
        header: Self::Header<'_>,
        units: impl IntoIterator<Item = &'u Unit>,
    ) -> Result<Self::Finished, Self::Error> {
        let mut writer = Self::new(w, header)?;
        for unit in units {
            writer.write_unit(unit)?;
        }
        writer.finish()
    }
}

/// Attributes in document order, as `(name, value)`; names keep their prefix
/// (`xml:lang`). TMX's own names are borrowed, not allocated for each
/// element read.
pub type Attributes = Vec<(Cow<'static, str>, String)>;

fn attribute<'a>(attributes: &'a Attributes, name: &str) -> Option<&'a str> {
    attributes
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn set_attribute(attributes: &mut Attributes, name: &str, value: &str) {
    match attributes.iter_mut().find(|(n, _)| n == name) {
        Some((_, v)) => *v = value.to_string(),
        None => attributes.push((name.to_string().into(), value.to_string())),
    }
}

/// Whether a `note` or a `prop`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AnnotationKind {
    /// `<note>`: free text for people.
    Note,
    /// `<prop type="…">`: a typed value for tools.
    Prop,
}

/// A `note` or `prop` of a header, unit or variant.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Annotation {
    /// Which element.
    pub kind: AnnotationKind,
    /// Its attributes (`type`, `xml:lang`, `o-encoding`), in order.
    pub attributes: Attributes,
    /// Its text.
    pub text: String,
}

impl Annotation {
    /// A `<prop type="…">`.
    pub fn prop(kind: &str, value: &str) -> Annotation {
        Annotation {
            kind: AnnotationKind::Prop,
            attributes: vec![("type".into(), kind.to_string())],
            text: value.to_string(),
        }
    }

    /// A `<note>`.
    pub fn note(text: &str) -> Annotation {
        Annotation {
            kind: AnnotationKind::Note,
            attributes: Vec::new(),
            text: text.to_string(),
        }
    }

    /// The `type` of a prop.
    pub fn prop_type(&self) -> Option<&str> {
        match self.kind {
            AnnotationKind::Prop => attribute(&self.attributes, "type"),
            AnnotationKind::Note => None,
        }
    }
}

/// Segment content: text and inline elements.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Inline {
    /// Text, unescaped.
    Text(String),
    /// An inline element (`bpt ept it ph hi ut sub`) or, in a header's `ude`,
    /// a `map`.
    Element(Element),
}

/// An element kept whole: name, attributes in order, content.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Element {
    /// Element name.
    pub name: String,
    /// Attributes in order.
    pub attributes: Attributes,
    /// Content; empty for `<ph/>`.
    pub content: Vec<Inline>,
}

/// Inline elements whose content is native code, not translatable text.
const CODE_ELEMENTS: [&str; 5] = ["bpt", "ept", "it", "ph", "ut"];

/// The translatable text of segment content: text and `hi` content, without
/// native codes (`bpt ept it ph ut`) or sub-flows (`sub`).
pub fn plain_text(content: &[Inline]) -> String {
    fn walk(content: &[Inline], out: &mut String) {
        for inline in content {
            match inline {
                Inline::Text(t) => out.push_str(t),
                Inline::Element(e) if e.name == "hi" => walk(&e.content, out),
                Inline::Element(_) => {}
            }
        }
    }
    let mut out = String::new();
    walk(content, &mut out);
    out
}

/// Whether segment content has any inline element.
pub(crate) fn has_markup(content: &[Inline]) -> bool {
    content.iter().any(|i| matches!(i, Inline::Element(_)))
}

/// Whether `name` is a TMX inline element that holds native code.
pub(crate) fn is_code_element(name: &str) -> bool {
    CODE_ELEMENTS.contains(&name)
}

/// A TMX header: attributes, notes, props and user-defined encodings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Header {
    /// Attributes in order (`creationtool`, `srclang`, …).
    pub attributes: Attributes,
    /// Notes and props in document order.
    pub annotations: Vec<Annotation>,
    /// `ude` elements, whole.
    pub udes: Vec<Element>,
}

impl Header {
    /// tmkit's header for a memory whose source language is `srclang`, all
    /// seven required attributes set, and a `creationdate`
    /// (`YYYYMMDDThhmmssZ`) when given.
    pub fn tmkit(srclang: &str, creationdate: Option<&str>) -> Header {
        let required = [
            ("creationtool", "tmkit"),
            ("creationtoolversion", env!("CARGO_PKG_VERSION")),
            ("segtype", "sentence"),
            ("o-tmf", "tmkit"),
            ("adminlang", "en-GB"),
            ("srclang", srclang),
            ("datatype", "plaintext"),
        ];
        let date = creationdate.map(|d| ("creationdate", d));
        Header {
            attributes: required
                .into_iter()
                .chain(date)
                .map(|(n, v)| (n.into(), v.to_string()))
                .collect(),
            annotations: Vec::new(),
            udes: Vec::new(),
        }
    }

    /// An attribute's value.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        attribute(&self.attributes, name)
    }

    /// Sets an attribute, in place if present, else at the end.
    pub fn set_attribute(&mut self, name: &str, value: &str) {
        set_attribute(&mut self.attributes, name, value)
    }

    /// The source language (`srclang`), `*all*` included.
    pub fn srclang(&self) -> Option<&str> {
        self.attribute("srclang")
    }
}

/// A translation unit (`<tu>`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Unit {
    /// Attributes in order (`tuid`, `creationdate`, `changedate`, …).
    pub attributes: Attributes,
    /// Notes and props in document order.
    pub annotations: Vec<Annotation>,
    /// One variant per language, source first.
    pub variants: Vec<Variant>,
}

impl Unit {
    /// An empty unit with a `tuid`.
    pub fn new(tuid: &str) -> Unit {
        Unit {
            attributes: vec![("tuid".into(), tuid.to_string())],
            ..Unit::default()
        }
    }

    /// An attribute's value.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        attribute(&self.attributes, name)
    }

    /// Sets an attribute, in place if present, else at the end.
    pub fn set_attribute(&mut self, name: &str, value: &str) {
        set_attribute(&mut self.attributes, name, value)
    }

    /// The unit's id, if any.
    pub fn tuid(&self) -> Option<&str> {
        self.attribute("tuid")
    }

    /// Appends a `<prop type="kind">value</prop>`.
    pub fn push_prop(&mut self, kind: &str, value: &str) {
        self.annotations.push(Annotation::prop(kind, value));
    }

    /// The value of the first prop of this type.
    pub fn prop(&self, kind: &str) -> Option<&str> {
        self.annotations
            .iter()
            .find(|a| a.prop_type() == Some(kind))
            .map(|a| a.text.as_str())
    }

    /// The variant for a language: the exact tag (case-insensitive) if
    /// present, else the first whose primary language matches (`en` finds
    /// `en-GB`, `en-GB` finds `en-US` when that is all there is).
    pub fn variant(&self, lang: &str) -> Option<&Variant> {
        self.variant_index(lang).map(|i| &self.variants[i])
    }

    /// Where [`Unit::variant`] finds its variant.
    pub(crate) fn variant_index(&self, lang: &str) -> Option<usize> {
        self.variants
            .iter()
            .position(|v| v.lang().eq_ignore_ascii_case(lang))
            .or_else(|| {
                self.variants
                    .iter()
                    .position(|v| primary(v.lang()).eq_ignore_ascii_case(primary(lang)))
            })
    }

    /// Gives back the room its lists and texts have beyond their contents
    /// (a list read item by item has room for four or more), for a unit that
    /// is held while many are read: `tmx merge` holds every distinct unit.
    pub(crate) fn shrink_to_fit(&mut self) {
        shrink_attributes(&mut self.attributes);
        shrink_annotations(&mut self.annotations);
        for v in &mut self.variants {
            shrink_attributes(&mut v.attributes);
            shrink_annotations(&mut v.annotations);
            shrink_content(&mut v.seg);
        }
        self.variants.shrink_to_fit();
    }

    /// The most recent of `changedate` and `creationdate`, as written
    /// (`YYYYMMDDThhmmssZ` sorts as text).
    pub(crate) fn last_date(&self) -> Option<&str> {
        self.attribute("changedate")
            .into_iter()
            .chain(self.attribute("creationdate"))
            .max()
    }
}

fn shrink_attributes(attributes: &mut Attributes) {
    for (_, value) in attributes.iter_mut() {
        value.shrink_to_fit();
    }
    attributes.shrink_to_fit();
}

fn shrink_annotations(annotations: &mut Vec<Annotation>) {
    for a in annotations.iter_mut() {
        shrink_attributes(&mut a.attributes);
        a.text.shrink_to_fit();
    }
    annotations.shrink_to_fit();
}

fn shrink_content(content: &mut Vec<Inline>) {
    for inline in content.iter_mut() {
        match inline {
            Inline::Text(text) => text.shrink_to_fit(),
            Inline::Element(e) => {
                shrink_attributes(&mut e.attributes);
                shrink_content(&mut e.content);
            }
        }
    }
    content.shrink_to_fit();
}

/// One language's version of a unit (`<tuv>`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Variant {
    /// Attributes in order; `xml:lang` always present.
    pub attributes: Attributes,
    /// Notes and props in document order.
    pub annotations: Vec<Annotation>,
    /// The segment.
    pub seg: Vec<Inline>,
}

impl Variant {
    /// A variant whose segment is plain text.
    pub fn plain(lang: &str, text: &str) -> Variant {
        Variant {
            attributes: vec![("xml:lang".into(), lang.to_string())],
            annotations: Vec::new(),
            seg: if text.is_empty() {
                Vec::new()
            } else {
                vec![Inline::Text(text.to_string())]
            },
        }
    }

    /// The language tag, `xml:lang` (the reader turns TMX 1.1's `lang`
    /// into it); empty when there is none, which the writer refuses.
    pub fn lang(&self) -> &str {
        attribute(&self.attributes, "xml:lang").unwrap_or("")
    }

    /// The segment's translatable text (see [`plain_text`]).
    pub fn text(&self) -> String {
        plain_text(&self.seg)
    }
}

/// A TMX date (`YYYYMMDDThhmmssZ`) as a Unix time; `None` if malformed.
///
/// ```
/// assert_eq!(tmkit::tm::parse_tmx_date("20231114T221320Z"), Some(1_700_000_000));
/// assert_eq!(tmkit::tm::parse_tmx_date("2023-11-14"), None);
/// ```
pub fn parse_tmx_date(date: &str) -> Option<i64> {
    let b = date.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = date.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let (y, m, d) = (num(0..4)?, num(4..6)?, num(6..8)?);
    let (hh, mm, ss) = (num(9..11)?, num(11..13)?, num(13..15)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    // Days-from-civil, the inverse of `tmx_date`'s computation.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + hh * 3600 + mm * 60 + ss)
}

/// A Unix time as a TMX date (`YYYYMMDDThhmmssZ`, UTC).
///
/// ```
/// assert_eq!(tmkit::tm::tmx_date(0), "19700101T000000Z");
/// assert_eq!(tmkit::tm::tmx_date(1_700_000_000), "20231114T221320Z");
/// ```
pub fn tmx_date(unix_seconds: i64) -> String {
    let days = unix_seconds.div_euclid(86_400);
    let secs = unix_seconds.rem_euclid(86_400);
    // Civil-from-days (proleptic Gregorian), after H. Hinnant's algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}
