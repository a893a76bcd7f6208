//! What the XML readers (TMX, TBX, SRX, returned XLIFF) and writers share,
//! so that every XML file tmkit reads is read under one policy:
//!
//! - the reader's configuration ([`configure`], [`reader_from_str`]): text
//!   kept as written, end tags checked against their start tags;
//! - the DOCTYPE and entity policy: a DTD is never fetched, a DOCTYPE that
//!   declares entities is refused ([`doctype`]), and only the five
//!   predefined entities and character references to characters XML allows
//!   are expanded ([`resolve`], [`reference`]); an encoding other than UTF-8,
//!   UTF-16 or ASCII declared in the XML declaration is refused
//!   ([`declared_encoding`]);
//! - what XML 1.0 can carry ([`is_xml_char`], [`not_xml_char`]);
//! - an element's attributes, checked for duplicates in time linear in
//!   their number ([`attributes`]);
//! - escaping, for every writer ([`escape`], [`escape_as`]).
//!
//! quick-xml's own check compares each attribute with every one before it,
//! so a tag of 100,000 attributes took seconds; the same error
//! ([`AttrError::Duplicated`], with the same positions) comes from a hash
//! set past a few attributes.

use std::collections::HashMap;

use std::borrow::Cow;

use quick_xml::events::attributes::{AttrError, Attribute};
use quick_xml::events::{BytesDecl, BytesRef, BytesStart};
use quick_xml::reader::{Config, Reader};

/// Configures a reader as every tmkit reader reads XML: text as written
/// (white space is data in a segment or a rule), end tags checked against
/// their start tags. Whether `<a/>` comes as one event or two is the
/// reader's choice ([`Config::expand_empty_elements`]).
pub(crate) fn configure(config: &mut Config, expand_empty_elements: bool) {
    config.trim_text(false);
    config.expand_empty_elements = expand_empty_elements;
    config.check_end_names = true;
}

/// A reader of `text`, configured by [`configure`] (`<a/>` one event).
pub(crate) fn reader_from_str(text: &str) -> Reader<&[u8]> {
    let mut reader = Reader::from_str(text);
    configure(reader.config_mut(), false);
    reader
}

/// What a file's DOCTYPE may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Doctype {
    /// A DOCTYPE naming an external DTD (never fetched) is accepted, an
    /// internal subset (where entities are declared) refused: TMX, TBX and
    /// XLIFF files carry the former.
    External,
    /// No DOCTYPE at all: SRX.
    Refused,
}

/// Why the DOCTYPE `doctype` of a file of `format` (`TMX`, `SRX`…) is
/// refused under `policy`, if it is.
pub(crate) fn doctype(doctype: &[u8], format: &str, policy: Doctype) -> Result<(), String> {
    match policy {
        Doctype::External if !doctype.contains(&b'[') => Ok(()),
        Doctype::External => Err(format!(
            "a DOCTYPE with an internal subset (entity declarations) is refused: \
             {format} needs none, and expanding it is unsafe"
        )),
        Doctype::Refused => Err(format!(
            "an {format} file must not have a DOCTYPE (entities are not expanded)"
        )),
    }
}

/// Why the encoding an XML declaration names is refused, if it is: the
/// readers take UTF-8 and UTF-16 (and ASCII, a part of UTF-8).
pub(crate) fn declared_encoding(decl: &BytesDecl<'_>) -> Result<(), String> {
    let Some(Ok(encoding)) = decl.encoding() else {
        return Ok(());
    };
    let encoding = String::from_utf8_lossy(&encoding).to_ascii_lowercase();
    if matches!(
        encoding.as_str(),
        "utf-8" | "utf8" | "utf-16" | "utf-16le" | "utf-16be" | "us-ascii"
    ) {
        Ok(())
    } else {
        Err(format!(
            "encoding \"{encoding}\" is not supported: convert the file to UTF-8"
        ))
    }
}

/// Attributes of a tag up to which duplicates are found by comparing each
/// with those before it (no allocation); past it, by a hash map.
const LINEAR: usize = 8;

/// The keys seen on one element, with their positions: compared one by one
/// while there are few (in place, no allocation), hashed past [`LINEAR`].
#[derive(Default)]
pub(crate) struct Seen<'a> {
    few: [(&'a [u8], usize); LINEAR],
    count: usize,
    /// Made only for a tag with more attributes than [`LINEAR`].
    many: Option<HashMap<&'a [u8], usize>>,
}

impl<'a> Seen<'a> {
    /// Adds `key`, at `at`; the position of the same key seen before, if any.
    pub(crate) fn insert(&mut self, key: &'a [u8], at: usize) -> Option<usize> {
        if self.count < LINEAR {
            let previous = self.few[..self.count]
                .iter()
                .find(|(k, _)| *k == key)
                .map(|&(_, p)| p);
            if previous.is_none() {
                self.few[self.count] = (key, at);
                self.count += 1;
            }
            return previous;
        }
        let many = self
            .many
            .get_or_insert_with(|| self.few.iter().copied().collect());
        match many.entry(key) {
            std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(at);
                None
            }
        }
    }
}

/// The attributes of `element`, as quick-xml's `attributes()` gives them,
/// duplicates refused as it does, in linear time.
pub(crate) fn attributes<'a>(
    element: &'a BytesStart<'a>,
) -> impl Iterator<Item = Result<Attribute<'a>, AttrError>> + 'a {
    let base = element.as_ref().as_ptr() as usize;
    let mut inner = element.attributes();
    inner.with_checks(false);
    let mut seen = Seen::default();
    let mut failed = false;
    std::iter::from_fn(move || {
        if failed {
            return None;
        }
        let attribute = match inner.next()? {
            Ok(a) => a,
            Err(e) => {
                failed = true;
                return Some(Err(e));
            }
        };
        let key: &'a [u8] = attribute.key.0;
        let at = (key.as_ptr() as usize).saturating_sub(base);
        if let Some(previous) = seen.insert(key, at) {
            failed = true;
            return Some(Err(AttrError::Duplicated(at, previous)));
        }
        Some(Ok(attribute))
    })
}

/// Why an entity reference cannot be expanded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BadReference {
    /// A character reference to a character XML 1.0 does not allow.
    NotXmlChar(char),
    /// A character reference whose number is no Unicode character (or no
    /// number).
    NoCharacter,
    /// An entity other than the five predefined ones (a DOCTYPE declaring
    /// entities is refused by every reader, so none is ever defined).
    Undefined,
}

/// The character the entity reference `&name;` stands for: one of the five
/// predefined entities or a character reference (`#233`, `#xE9`, no sign)
/// to a character XML allows.
pub(crate) fn resolve(name: &[u8]) -> Result<char, BadReference> {
    if let Some(number) = name.strip_prefix(b"#") {
        let (digits, radix) = match number.strip_prefix(b"x") {
            Some(hex) => (hex, 16),
            None => (number, 10),
        };
        let code = std::str::from_utf8(digits)
            .ok()
            .filter(|d| !d.starts_with(['+', '-']))
            .and_then(|d| u32::from_str_radix(d, radix).ok());
        return match code.and_then(char::from_u32) {
            Some(c) if is_xml_char(c) => Ok(c),
            Some(c) => Err(BadReference::NotXmlChar(c)),
            None => Err(BadReference::NoCharacter),
        };
    }
    Ok(match name {
        b"amp" => '&',
        b"lt" => '<',
        b"gt" => '>',
        b"quot" => '"',
        b"apos" => '\'',
        _ => return Err(BadReference::Undefined),
    })
}

/// The character an entity reference stands for ([`resolve`]), if any.
pub(crate) fn reference(r: &BytesRef<'_>) -> Option<char> {
    resolve(r).ok()
}

/// What to say of an entity reference `&name;` a file of `format` cannot
/// have, when the reader does not say more.
pub(crate) fn undefined_entity(name: &[u8], format: &str) -> String {
    format!(
        "undefined entity &{}; ({format} allows only &amp; &lt; &gt; &quot; &apos; and character references)",
        String::from_utf8_lossy(name)
    )
}

/// A character XML 1.0 can carry (the `Char` production).
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Whether a byte of UTF-8 may start a character XML 1.0 cannot carry:
/// only bytes below 0x20 and the start of U+FFFE/U+FFFF can.
pub(crate) fn suspect(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) | (b == 0xEF)
}

/// Whether `test` holds for a byte of `bytes`: folded a block at a time,
/// which the compiler vectorises.
pub(crate) fn any_byte(bytes: &[u8], test: impl Fn(u8) -> bool) -> bool {
    bytes
        .chunks(64)
        .any(|block| block.iter().fold(false, |any, &b| any | test(b)))
}

/// The first character of `text` XML 1.0 cannot carry, with its byte
/// offset.
pub(crate) fn not_xml_char(text: &str) -> Option<(usize, char)> {
    if !any_byte(text.as_bytes(), suspect) {
        return None;
    }
    text.char_indices().find(|&(_, c)| !is_xml_char(c))
}

/// What is wrong with a character XML cannot carry, and what to do.
pub(crate) fn not_xml_message(c: char) -> String {
    let kind = if u32::from(c) < 0x20 {
        "control character"
    } else {
        "non-character"
    };
    format!(
        "{kind} U+{:04X}, which XML 1.0 does not allow: remove it",
        u32::from(c)
    )
}

/// What [`escape_as`] replaces by a reference, beyond `&`, `<` and `>`
/// (always).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Escaping {
    /// `"` (in a double-quoted attribute value).
    pub quote: bool,
    /// `'`.
    pub apostrophe: bool,
    /// Line feed and tab, which an attribute value would read back as
    /// spaces.
    pub breaks: bool,
    /// Carriage return, which XML reads back as a line feed.
    pub carriage_return: bool,
    /// Refuse what XML 1.0 cannot carry (else it is written as it is).
    pub check: bool,
}

/// `text` escaped as `how` says; borrowed when nothing needs it. Under
/// [`Escaping::check`], the first character XML 1.0 cannot carry is the
/// error, for the writer to say where it is.
pub(crate) fn escape_as(text: &str, how: Escaping) -> Result<Cow<'_, str>, char> {
    let special = |b: u8| {
        matches!(b, b'&' | b'<' | b'>')
            | (how.quote & (b == b'"'))
            | (how.apostrophe & (b == b'\''))
            | (how.breaks & matches!(b, b'\n' | b'\t'))
            | (how.carriage_return & (b == b'\r'))
            | (how.check & suspect(b))
    };
    if !any_byte(text.as_bytes(), special) {
        return Ok(Cow::Borrowed(text));
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if how.quote => out.push_str("&quot;"),
            '\'' if how.apostrophe => out.push_str("&apos;"),
            '\n' if how.breaks => out.push_str("&#10;"),
            '\t' if how.breaks => out.push_str("&#9;"),
            '\r' if how.carriage_return => out.push_str("&#13;"),
            c if how.check && !is_xml_char(c) => return Err(c),
            c => out.push(c),
        }
    }
    Ok(Cow::Owned(out))
}

/// Text escaped for XML content or a double-quoted attribute value: `&`,
/// `<`, `>` and `"` (the XLIFF kits, the analysis report).
pub(crate) fn escape(text: &str) -> Cow<'_, str> {
    let how = Escaping {
        quote: true,
        ..Escaping::default()
    };
    escape_as(text, how).unwrap_or_else(|_| unreachable!("escape_as fails only under check"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(attributes: &str) -> BytesStart<'_> {
        BytesStart::from_content(attributes, 2)
    }

    #[test]
    fn duplicates_are_refused_as_quick_xml_does_however_many_attributes() {
        for n in [1, 3, LINEAR - 1, LINEAR, LINEAR + 1, 50] {
            let mut content = "tu".to_string();
            for i in 0..n {
                content.push_str(&format!(" a{i}=\"v\""));
            }
            content.push_str(" a0=\"w\"");
            let e = tag(&content);
            let ours: Vec<_> = attributes(&e).collect();
            let theirs: Vec<_> = e.attributes().collect();
            assert_eq!(ours, theirs, "{n} attributes");
            assert!(matches!(
                ours.last(),
                Some(Err(AttrError::Duplicated(_, 3)))
            ));
        }
    }

    #[test]
    fn well_formed_attributes_come_through_in_order() {
        let e = tag("tu a=\"1\" b='2' xml:lang=\"fr\"");
        let keys: Vec<Vec<u8>> = attributes(&e)
            .map(|a| a.unwrap().key.as_ref().to_vec())
            .collect();
        assert_eq!(keys, [b"a".to_vec(), b"b".to_vec(), b"xml:lang".to_vec()]);
    }

    #[test]
    fn references_resolve_to_the_five_entities_and_characters_xml_allows() {
        assert_eq!(resolve(b"amp"), Ok('&'));
        assert_eq!(resolve(b"apos"), Ok('\''));
        assert_eq!(resolve(b"#233"), Ok('é'));
        assert_eq!(resolve(b"#xE9"), Ok('é'));
        assert_eq!(resolve(b"#1"), Err(BadReference::NotXmlChar('\u{1}')));
        assert_eq!(
            resolve(b"#xFFFE"),
            Err(BadReference::NotXmlChar('\u{FFFE}'))
        );
        assert_eq!(resolve(b"#xD800"), Err(BadReference::NoCharacter));
        assert_eq!(resolve(b"#+65"), Err(BadReference::NoCharacter));
        assert_eq!(resolve(b"#"), Err(BadReference::NoCharacter));
        assert_eq!(resolve(b"nbsp"), Err(BadReference::Undefined));
    }

    #[test]
    fn a_doctype_is_refused_by_policy() {
        let external = b"DOCTYPE tmx SYSTEM \"tmx14.dtd\"";
        let internal = b"DOCTYPE tmx [<!ENTITY a \"b\">]";
        assert_eq!(doctype(external, "TMX", Doctype::External), Ok(()));
        assert!(
            doctype(internal, "TMX", Doctype::External)
                .unwrap_err()
                .contains("TMX needs none")
        );
        assert!(
            doctype(external, "SRX", Doctype::Refused)
                .unwrap_err()
                .starts_with("an SRX file")
        );
    }

    #[test]
    fn escaping_replaces_what_it_is_asked_to_and_borrows_otherwise() {
        let attribute = Escaping {
            quote: true,
            apostrophe: true,
            breaks: true,
            carriage_return: true,
            check: true,
        };
        assert!(matches!(
            escape_as("plain é", attribute),
            Ok(Cow::Borrowed(_))
        ));
        assert_eq!(
            escape_as("a&b<c>\"d'\n\t\r", attribute).unwrap(),
            "a&amp;b&lt;c&gt;&quot;d&apos;&#10;&#9;&#13;"
        );
        let content = Escaping {
            carriage_return: true,
            check: true,
            ..Escaping::default()
        };
        assert_eq!(escape_as("\"d'\n\t\r", content).unwrap(), "\"d'\n\t&#13;");
        assert_eq!(escape_as("a\u{7}", content), Err('\u{7}'));
        assert_eq!(escape_as("a\u{FFFF}", content), Err('\u{FFFF}'));
        assert_eq!(escape("\"<\u{7}'"), "&quot;&lt;\u{7}'");
    }
}
