//! SRX (Segmentation Rules eXchange) files: the model and its reader.
//!
//! SRX 2.0 is how CAT tools share segmentation rules: named `languagerule`s,
//! each an ordered list of `rule`s (`break="yes|no"`, a `beforebreak` and an
//! `afterbreak` regex), and `languagemap`s that say which language codes get
//! which rules, with `cascade` saying whether every matching map applies or
//! only the first. SRX 1.0 files (one `maprule` of `languagemap`s) are read too.
//!
//! The reader keeps rule text exactly as written (white space is significant
//! in a regex) and records the line of every rule, so that a rule the engine
//! cannot run is reported as `file:line`. It never fetches or expands a DTD.
//! Compiling rules for a language is [`crate::segment::Segmenter`]'s job.

use std::cell::Cell;
use std::fmt;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use crate::encoding::Locator;
use crate::error::{ErrorKind, Located, Position};

/// Okapi's SRX extension namespace.
pub(crate) const OKAPI_NAMESPACE: &str = "http://okapi.sf.net/srx-extensions";

/// A parsed SRX document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SrxDocument {
    /// Where the document came from (a path, or a name such as `built-in`),
    /// used in every error message.
    pub origin: String,
    /// `version` attribute of `<srx>`: `2.0` or `1.0`.
    pub version: String,
    /// `cascade` header flag: apply every matching `languagemap`, in order.
    pub cascade: bool,
    /// The file declares Okapi's extension namespace
    /// (`http://okapi.sf.net/srx-extensions`). Okapi compiles its patterns as
    /// Java regexes with `UNICODE_CHARACTER_CLASS` (`\w`, `\s`, `\d`, `\b`
    /// and case folding are Unicode), ends a `beforebreak` with the flag
    /// `[noauto]`, and writes `\Y` for an inline code.
    pub okapi: bool,
    /// The named rule sets, in file order.
    pub language_rules: Vec<LanguageRule>,
    /// Language pattern → rule set, in file order.
    pub language_maps: Vec<LanguageMap>,
}

/// A named, ordered list of rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LanguageRule {
    /// `languagerulename`.
    pub name: String,
    /// The rules, in the order they are tried.
    pub rules: Vec<Rule>,
}

/// One break or exception rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    /// `break="yes"` (the default) or `break="no"`.
    pub breaks: bool,
    /// The regex that must match the text ending at the break (Java syntax).
    pub before: Option<String>,
    /// The regex that must match the text starting at the break (Java syntax).
    pub after: Option<String>,
    /// 1-based line of the `<rule>` element.
    pub line: usize,
}

/// Which languages a rule set applies to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LanguageMap {
    /// A regex matched (case-insensitively, whole) against the language code.
    pub pattern: String,
    /// The `languagerulename` it selects.
    pub rule_name: String,
    /// 1-based line of the `<languagemap>` element.
    pub line: usize,
}

/// An SRX file that cannot be read: its [kind](SrxErrorKind), the file and,
/// for what is wrong inside it, the [position](crate::error::Position)
/// (column in characters).
pub type SrxError = Located<SrxErrorKind>;

/// What is wrong with an SRX file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SrxErrorKind {
    /// The file could not be opened or read.
    #[error("cannot read the SRX file: {0}")]
    Io(#[source] std::io::Error),
    /// Not XML as tmkit reads it: not well-formed, not UTF-8 or UTF-16, a
    /// DOCTYPE, an unknown entity.
    #[error("{0}")]
    Malformed(String),
    /// Well-formed XML, but not SRX or inconsistent (what is wrong and,
    /// where it helps, what to do).
    #[error("{0}")]
    Invalid(String),
}

impl ErrorKind for SrxErrorKind {}

impl SrxDocument {
    /// Reads an SRX file (UTF-8, or UTF-16 with a byte-order mark).
    pub fn load(path: &Path) -> Result<SrxDocument, SrxError> {
        let origin = path.display().to_string();
        let bytes =
            std::fs::read(path).map_err(|e| Located::file(&*origin, SrxErrorKind::Io(e)))?;
        let text = crate::encoding::decode(&bytes).map_err(|e| {
            let at = e.position();
            let message = format!("{e}: SRX files must be UTF-8, or UTF-16 with a byte-order mark");
            Located::at(&*origin, at, SrxErrorKind::Malformed(message))
        })?;
        SrxDocument::parse(&text, &origin)
    }

    /// Parses SRX text; `origin` names it in errors.
    ///
    /// ```
    /// let srx = r#"<srx xmlns="http://www.lisa.org/srx20" version="2.0">
    ///   <header cascade="no"/>
    ///   <body>
    ///     <languagerules>
    ///       <languagerule languagerulename="fr">
    ///         <rule break="no"><beforebreak>M\.</beforebreak><afterbreak>\s</afterbreak></rule>
    ///         <rule><beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule>
    ///       </languagerule>
    ///     </languagerules>
    ///     <maprules><languagemap languagepattern="fr.*" languagerulename="fr"/></maprules>
    ///   </body>
    /// </srx>"#;
    /// let doc = tmkit::segment::srx::SrxDocument::parse(srx, "example.srx").unwrap();
    /// assert_eq!(doc.language_rules[0].rules.len(), 2);
    /// assert_eq!(doc.language_rules[0].rules[1].line, 7);
    /// ```
    pub fn parse(text: &str, origin: &str) -> Result<SrxDocument, SrxError> {
        Parser::new(text, origin).parse()
    }

    /// The rule set with this name.
    pub fn language_rule(&self, name: &str) -> Option<&LanguageRule> {
        self.language_rules.iter().find(|r| r.name == name)
    }
}

struct Parser<'a> {
    text: &'a str,
    origin: &'a str,
    reader: Reader<&'a [u8]>,
    /// Rules are placed in file order: one pass over the text in all.
    locator: Cell<Locator>,
}

/// Where we are in the document, for what the next events mean.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Outside,
    Pattern,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str, origin: &'a str) -> Parser<'a> {
        Parser {
            text,
            origin,
            reader: crate::xml::reader_from_str(text),
            locator: Cell::default(),
        }
    }

    /// Not SRX, at `offset`.
    fn error_at(&self, offset: usize, message: impl fmt::Display) -> SrxError {
        self.error(offset, SrxErrorKind::Invalid(message.to_string()))
    }

    /// Not XML as tmkit reads it, at `offset`.
    fn malformed_at(&self, offset: usize, message: impl fmt::Display) -> SrxError {
        self.error(offset, SrxErrorKind::Malformed(message.to_string()))
    }

    fn error(&self, offset: usize, kind: SrxErrorKind) -> SrxError {
        Located::at(self.origin, self.place(offset), kind)
    }

    fn place(&self, offset: usize) -> Position {
        let mut locator = self.locator.get();
        let at = locator.position(self.text, offset);
        self.locator.set(locator);
        at
    }

    fn position(&self) -> usize {
        usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX)
    }

    fn attribute(&self, element: &BytesStart, name: &str) -> Result<Option<String>, SrxError> {
        for attribute in crate::xml::attributes(element) {
            let attribute = attribute.map_err(|e| self.malformed_at(self.position(), e))?;
            if attribute.key.local_name().as_ref() == name.as_bytes() {
                let value = attribute
                    .unescape_value()
                    .map_err(|e| self.malformed_at(self.position(), e))?;
                return Ok(Some(value.into_owned()));
            }
        }
        Ok(None)
    }

    fn yes_no(&self, element: &BytesStart, name: &str, default: bool) -> Result<bool, SrxError> {
        match self.attribute(element, name)?.as_deref() {
            None => Ok(default),
            Some("yes") => Ok(true),
            Some("no") => Ok(false),
            Some(other) => Err(self.error_at(
                self.position(),
                format!("attribute {name}=\"{other}\" must be \"yes\" or \"no\""),
            )),
        }
    }

    fn parse(mut self) -> Result<SrxDocument, SrxError> {
        let mut doc = SrxDocument {
            origin: self.origin.to_string(),
            version: String::new(),
            cascade: true,
            okapi: false,
            language_rules: Vec::new(),
            language_maps: Vec::new(),
        };
        let mut seen_root = false;
        let mut context = Context::Outside;
        let mut pattern = String::new();
        let mut rule: Option<Rule> = None;
        let mut map_line = Vec::new();
        // The elements open, innermost last: a file cut short is an error,
        // not the rules read so far.
        let mut open: Vec<String> = Vec::new();
        loop {
            let start = self.position();
            let event = self
                .reader
                .read_event()
                .map_err(|e| self.malformed_at(self.position(), format!("malformed XML: {e}")))?;
            if let Event::Start(e) = &event {
                open.push(String::from_utf8_lossy(e.local_name().as_ref()).into_owned());
            } else if let Event::End(_) = &event {
                open.pop();
            }
            match event {
                Event::Eof => {
                    if let Some(name) = open.last() {
                        return Err(self.error_at(
                            start,
                            format!("end of file inside <{name}>: the file is cut short"),
                        ));
                    }
                    break;
                }
                Event::DocType(doctype) => {
                    let policy = crate::xml::Doctype::Refused;
                    if let Err(message) = crate::xml::doctype(&doctype, "SRX", policy) {
                        return Err(self.malformed_at(start, message));
                    }
                }
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(event, Event::Empty(_));
                    let name = e.local_name();
                    let name = std::str::from_utf8(name.as_ref()).unwrap_or("");
                    if !seen_root {
                        if name != "srx" {
                            return Err(self.error_at(
                                start,
                                format!(
                                    "the root element is <{name}>, not <srx>: is this an SRX file?"
                                ),
                            ));
                        }
                        seen_root = true;
                        doc.okapi = e
                            .attributes()
                            .flatten()
                            .any(|a| a.value.as_ref() == OKAPI_NAMESPACE.as_bytes());
                        doc.version = self.attribute(e, "version")?.unwrap_or_default();
                        if !matches!(doc.version.as_str(), "2.0" | "1.0") {
                            return Err(self.error_at(
                                start,
                                format!(
                                    "unsupported SRX version \"{}\" (tmkit reads SRX 2.0 and 1.0)",
                                    doc.version
                                ),
                            ));
                        }
                        continue;
                    }
                    if context == Context::Pattern {
                        return Err(self.error_at(
                            start,
                            format!(
                                "<{name}> inside a rule's pattern: a pattern is text (write < as &lt;)"
                            ),
                        ));
                    }
                    match name {
                        "header" => {
                            doc.cascade = self.yes_no(e, "cascade", doc.version == "2.0")?
                        }
                        "languagerule" => {
                            let Some(rule_name) = self.attribute(e, "languagerulename")? else {
                                return Err(
                                    self.error_at(start, "<languagerule> without languagerulename")
                                );
                            };
                            if doc.language_rule(&rule_name).is_some() {
                                return Err(self.error_at(
                                    start,
                                    format!("a second languagerule named \"{rule_name}\""),
                                ));
                            }
                            doc.language_rules.push(LanguageRule {
                                name: rule_name,
                                rules: Vec::new(),
                            });
                        }
                        "rule" => {
                            if doc.language_rules.is_empty() {
                                return Err(self.error_at(start, "<rule> outside a <languagerule>"));
                            }
                            let r = Rule {
                                breaks: self.yes_no(e, "break", true)?,
                                before: None,
                                after: None,
                                line: self.place(start).line() as usize,
                            };
                            if empty {
                                self.push_rule(&mut doc, r);
                            } else {
                                rule = Some(r);
                            }
                        }
                        "beforebreak" | "afterbreak" => {
                            if rule.is_none() {
                                return Err(
                                    self.error_at(start, format!("<{name}> outside a <rule>"))
                                );
                            }
                            if !empty {
                                context = Context::Pattern;
                                pattern.clear();
                            }
                        }
                        "languagemap" => {
                            let pattern = self.attribute(e, "languagepattern")?;
                            let rule_name = self.attribute(e, "languagerulename")?;
                            let (Some(pattern), Some(rule_name)) = (pattern, rule_name) else {
                                return Err(self.error_at(
                                    start,
                                    "<languagemap> needs languagepattern and languagerulename",
                                ));
                            };
                            map_line.push(start);
                            doc.language_maps.push(LanguageMap {
                                pattern,
                                rule_name,
                                line: self.place(start).line() as usize,
                            });
                        }
                        _ => {}
                    }
                }
                Event::End(ref e) => {
                    let name = e.local_name();
                    match name.as_ref() {
                        b"beforebreak" | b"afterbreak" => {
                            if let Some(r) = rule.as_mut() {
                                let text = std::mem::take(&mut pattern);
                                if name.as_ref() == b"beforebreak" {
                                    r.before = Some(text);
                                } else {
                                    r.after = Some(text);
                                }
                            }
                            context = Context::Outside;
                        }
                        b"rule" => {
                            if let Some(r) = rule.take() {
                                self.push_rule(&mut doc, r);
                            }
                        }
                        _ => {}
                    }
                }
                Event::Text(t) if context == Context::Pattern => {
                    let text = t.xml_content().map_err(|e| self.malformed_at(start, e))?;
                    pattern.push_str(&text);
                }
                Event::CData(t) if context == Context::Pattern => {
                    let text = t.xml_content().map_err(|e| self.malformed_at(start, e))?;
                    pattern.push_str(&text);
                }
                Event::GeneralRef(r) if context == Context::Pattern => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => c,
                        Ok(None) => match r.as_ref() {
                            b"lt" => '<',
                            b"gt" => '>',
                            b"amp" => '&',
                            b"apos" => '\'',
                            b"quot" => '"',
                            other => {
                                return Err(self.malformed_at(
                                    start,
                                    format!("unknown entity &{};", String::from_utf8_lossy(other)),
                                ));
                            }
                        },
                        Err(e) => return Err(self.malformed_at(start, e)),
                    };
                    pattern.push(resolved);
                }
                _ => {}
            }
        }
        if !seen_root {
            return Err(self.error_at(0, "empty document: no <srx> element"));
        }
        for (map, &offset) in doc.language_maps.iter().zip(&map_line) {
            if doc.language_rule(&map.rule_name).is_none() {
                return Err(self.error_at(
                    offset,
                    format!(
                        "languagemap names languagerule \"{}\", which the file does not define",
                        map.rule_name
                    ),
                ));
            }
        }
        Ok(doc)
    }

    fn push_rule(&self, doc: &mut SrxDocument, rule: Rule) {
        if let Some(set) = doc.language_rules.last_mut() {
            set.rules.push(rule);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        SrxDocument::parse(text, "t.srx").unwrap_err().to_string()
    }

    #[test]
    fn rule_text_keeps_spaces_and_entities() {
        let doc = SrxDocument::parse(
            r#"<srx version="2.0"><body><languagerules><languagerule languagerulename="x">
<rule break="no"><beforebreak> a&amp;b&#xA0;</beforebreak><afterbreak><![CDATA[<\s]]></afterbreak></rule>
</languagerule></languagerules><maprules/></body></srx>"#,
            "t.srx",
        )
        .unwrap();
        let rule = &doc.language_rules[0].rules[0];
        assert_eq!(rule.before.as_deref(), Some(" a&b\u{a0}"));
        assert_eq!(rule.after.as_deref(), Some(r"<\s"));
        assert!(!rule.breaks);
        assert_eq!(rule.line, 2);
    }

    #[test]
    fn malformed_xml_names_line_and_column() {
        let e = err("<srx version=\"2.0\">\n<body>\n</bod></srx>");
        assert!(e.starts_with("t.srx:3:"), "{e}");
    }

    #[test]
    fn wrong_root_is_not_srx() {
        assert!(err("<tmx version=\"1.4\"/>").contains("not <srx>"));
    }

    #[test]
    fn unknown_rule_set_in_a_map_is_an_error() {
        let e = err(r#"<srx version="2.0"><body><maprules>
<languagemap languagepattern="fr" languagerulename="nope"/></maprules></body></srx>"#);
        assert!(e.starts_with("t.srx:2:"), "{e}");
    }

    #[test]
    fn doctype_is_refused() {
        assert!(
            err("<!DOCTYPE srx [<!ENTITY x \"y\">]><srx version=\"2.0\"/>").contains("DOCTYPE")
        );
    }

    #[test]
    fn errors_are_told_apart_by_kind_and_placed_in_characters() {
        let kind_and_place = |text: &str| {
            let e = SrxDocument::parse(text, "t.srx").unwrap_err();
            let at = e.position().unwrap();
            (e.kind().to_string(), (at.line(), at.column(), at.byte()))
        };
        let (malformed, place) = kind_and_place("<srx version=\"2.0\">\n<é/><b></c></srx>");
        // Past `</c>`: 11 characters into line 2, 12 bytes (`é` is two).
        assert_eq!(place, (2, 12, 32), "{malformed}");
        assert!(matches!(
            SrxDocument::parse("<!DOCTYPE srx><srx/>", "t.srx")
                .unwrap_err()
                .kind(),
            SrxErrorKind::Malformed(_)
        ));
        let e = SrxDocument::parse("<tmx/>", "t.srx").unwrap_err();
        assert!(matches!(e.kind(), SrxErrorKind::Invalid(m) if m.contains("not <srx>")));
    }
}
