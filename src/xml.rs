//! What the XML readers (TMX, TBX, SRX, returned XLIFF) share: an element's
//! attributes, checked for duplicates in time linear in their number; the
//! entity references they expand; and the escaping
//! of the writers that build XML as text (XLIFF, the analysis report).
//!
//! quick-xml's own check compares each attribute with every one before it,
//! so a tag of 100,000 attributes took seconds; the same error
//! ([`AttrError::Duplicated`], with the same positions) comes from a hash
//! set past a few attributes.

use std::collections::HashMap;

use quick_xml::events::attributes::{AttrError, Attribute};
use quick_xml::events::{BytesRef, BytesStart};

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

/// The character an entity reference stands for: one of the five
/// predefined entities or a character reference to a character XML allows.
/// Any other entity is undefined (a DOCTYPE declaring entities is refused by
/// every reader, so none is ever defined): `None`.
pub(crate) fn reference(r: &BytesRef<'_>) -> Option<char> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => matches!(c, '\t' | '\n' | '\r' | ' '..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
            .then_some(c),
        Err(_) => None,
        Ok(None) => match r.as_ref() {
            b"amp" => Some('&'),
            b"lt" => Some('<'),
            b"gt" => Some('>'),
            b"quot" => Some('"'),
            b"apos" => Some('\''),
            _ => None,
        },
    }
}

/// Text escaped for XML content or a double-quoted attribute value: `&`,
/// `<`, `>` and `"`.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
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
}
