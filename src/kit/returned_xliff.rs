//! A kit coming back as XLIFF: the translated `NAME.xlf` (XLIFF 1.2) or
//! `NAME.xliff` (XLIFF 2.0/2.1) a translator's CAT tool returns, read into
//! segment pairs ([`Returned`]) for [`super::import`].
//!
//! The file is read whole (UTF-8, or UTF-16 with a BOM), under the policy
//! of every XML reader of tmkit: a DOCTYPE that declares entities is
//! refused, a DTD is never fetched, only the five predefined entities and
//! character references are expanded, nesting stops at [`MAX_DEPTH`], and
//! every error names the file, line and column.
//!
//! What is read:
//! - XLIFF 1.2: each `trans-unit` (inside `group`s too) whose `id` is
//!   `NAME:LINE` names its paragraph. With a `seg-source`, each
//!   `mrk mtype="seg"` of the `target` is paired by `mid` with the
//!   `seg-source` one (a segment the tool joined is a `mrk` holding several
//!   sentences); a `target` without `mrk` translates the whole paragraph
//!   (`source`). The `state` of the `target` says whether it is confirmed.
//! - XLIFF 2.x: each `unit` (`name` `NAME:LINE`, else `id` `uLINE`), each
//!   `segment` with a `target` its `source`'s translation (an empty one
//!   with `state` `translated`, `reviewed` or `final`: translated as
//!   nothing, the English being in the segment before); `ignorable`s are
//!   the white space between sentences. The `state` of the `segment` says
//!   whether it is confirmed.
//! - A unit marked `translate="no"` was done before the kit was made: it is
//!   not read back.
//! - A text is taken as a line of the workspace: NFC, trimmed, a line break
//!   inside it one space.
//!
//! Inline markup, in `source`, `seg-source` and `target`: the kits hold
//! plain text, so the elements that only wrap text (1.2 `g` and `mrk`; 2.x
//! `pc` and `mrk`) keep their text and lose the tag; the annotation markers
//! of 2.x (`sm`, `em`) carry nothing and are dropped; a code — 1.2 `x`,
//! `bx`, `ex`, `ph`, `bpt`, `ept`, `it`, `sub`; 2.x `ph`, `sc`, `ec`, `cp` —
//! stands for formatting plain text cannot hold, so it is refused where it
//! is. An element of another namespace (memoQ's `mq:`, Trados's `sdl:`)
//! inside a text is refused too (whether its text is translation is not
//! known); elsewhere such elements and attributes are set aside and
//! counted ([`ReadXliff::set_aside`]), whatever they hold.

use std::collections::{BTreeMap, BTreeSet};

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use super::import::{ImportError, Returned};
use crate::encoding::Locator;
use crate::error::{ErrorKind, Located};

/// The namespace of XLIFF 1.2.
const XLIFF12: &str = "urn:oasis:names:tc:xliff:document:1.2";
/// The namespace of XLIFF 2.0, 2.1 and 2.2 core.
const XLIFF2: &str = "urn:oasis:names:tc:xliff:document:2.0";
/// The start of the namespaces of XLIFF's modules.
const MODULES: &str = "urn:oasis:names:tc:xliff:";
/// The namespace of `xml:` attributes.
const XML: &str = "http://www.w3.org/XML/1998/namespace";

/// The deepest nesting of elements read.
pub const MAX_DEPTH: usize = 100;

/// Why a returned XLIFF cannot be read: its [kind](XliffErrorKind), the
/// file and the [position](crate::error::Position) (column in characters).
pub type XliffError = Located<XliffErrorKind>;

/// What is wrong with a returned XLIFF.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum XliffErrorKind {
    /// Not XML as tmkit reads it: not well-formed, not UTF-8 or UTF-16, a
    /// DOCTYPE that declares entities, an undefined entity.
    #[error("{0}")]
    Malformed(String),
    /// Well-formed XML, but not XLIFF 1.2 or 2.x, or holding what cannot
    /// be read back (an inline code).
    #[error("{0}")]
    Invalid(String),
}

impl ErrorKind for XliffErrorKind {}

/// Which XLIFF a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Version {
    /// XLIFF 1.2.
    V12,
    /// XLIFF 2.0, 2.1 or 2.2 (the same core).
    V2,
}

/// What a returned XLIFF holds.
#[derive(Clone, Debug, Default)]
pub struct ReadXliff {
    /// The document it names (`original` of its `file`, without `.txt`).
    pub original: Option<String>,
    /// The segments translated and confirmed.
    pub pairs: Vec<Returned>,
    /// Segments translated but not confirmed: XLIFF 1.2 `state` `new`,
    /// `needs-translation`, `needs-adaptation`, `needs-l10n` or
    /// `needs-review-*` (a kit's pre-filled target is
    /// `needs-review-translation` until the translator confirms it); XLIFF
    /// 2.x `state="initial"`.
    pub unconfirmed: Vec<Returned>,
    /// Segments with no translation (no target, or an empty one).
    pub empty: usize,
    /// Elements and attributes of other namespaces set aside, by name, with
    /// their count.
    pub set_aside: BTreeMap<String, usize>,
}

/// An element of the file, with its children.
#[derive(Debug)]
struct Element {
    /// Its namespace, if any.
    ns: Option<String>,
    /// Its name as written (`mq:status`), for messages.
    qname: String,
    /// Its local name.
    local: String,
    /// Attributes: namespace, local name, name as written, value.
    attributes: Vec<(Option<String>, String, String, String)>,
    children: Vec<Node>,
    /// Byte offset of its start tag.
    at: usize,
}

#[derive(Debug)]
enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    /// An attribute of no namespace.
    fn attribute(&self, local: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(ns, l, _, _)| ns.is_none() && l == local)
            .map(|(_, _, _, v)| v.as_str())
    }

    /// An `xml:` attribute.
    fn xml_attribute(&self, local: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(ns, l, _, _)| ns.as_deref() == Some(XML) && l == local)
            .map(|(_, _, _, v)| v.as_str())
    }

    fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }
}

/// Reads a returned XLIFF (`bytes` of the file `origin`) translating from
/// `source` to `target` (BCP 47: any variety of the two languages).
pub fn read(
    bytes: &[u8],
    origin: &str,
    source: &str,
    target: &str,
) -> Result<ReadXliff, ImportError> {
    let text = crate::encoding::decode(bytes).map_err(|e| {
        let at = e.position();
        Located::at(origin, at, XliffErrorKind::Malformed(e.to_string()))
    })?;
    let mut reader = Reader {
        text: &text,
        origin,
        locator: Locator::default(),
        source,
        target,
        version: Version::V12,
        out: ReadXliff::default(),
        problems: Vec::new(),
        ids: BTreeMap::new(),
    };
    let root = reader.tree()?;
    reader.root(&root)?;
    if !reader.problems.is_empty() {
        return Err(ImportError::Problems {
            origin: origin.to_string(),
            problems: reader.problems,
        });
    }
    let out = reader.out;
    if out.pairs.is_empty() && out.unconfirmed.is_empty() {
        return Err(ImportError::Problems {
            origin: origin.to_string(),
            problems: vec![format!(
                "no segment has a translation ({} segment(s) without a target): the kit as it was exported, not the translated file. Translate it, then export the translated XLIFF from the CAT tool",
                out.empty
            )],
        });
    }
    Ok(out)
}

struct Reader<'a> {
    text: &'a str,
    origin: &'a str,
    locator: Locator,
    source: &'a str,
    target: &'a str,
    version: Version,
    out: ReadXliff,
    problems: Vec<String>,
    /// Each unit id seen, with where.
    ids: BTreeMap<String, String>,
}

/// A segment's text as a line of the workspace: NFC, without the white
/// space around it, a line break inside (a pretty-printer's, or a
/// translator's) and the spaces around it made one space.
fn one_line(text: &str) -> String {
    let text = crate::text::nfc(text.trim());
    if !text.contains(['\n', '\r']) {
        return text.into_owned();
    }
    text.split(['\n', '\r'])
        .map(|piece| piece.trim_matches([' ', '\t']))
        .filter(|piece| !piece.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The primary language subtag, lower-cased.
fn primary(tag: &str) -> String {
    crate::language::primary(tag).to_ascii_lowercase()
}

impl<'a> Reader<'a> {
    /// `FILE:LINE:COLUMN` of a byte offset.
    fn place(&mut self, at: usize) -> String {
        let (line, column) = self.locator.locate(self.text, at);
        format!("{}:{line}:{column}", self.origin)
    }

    /// Not an XLIFF that can be read back, at `at`.
    fn fail(&mut self, at: usize, message: impl Into<String>) -> ImportError {
        self.error(at, XliffErrorKind::Invalid(message.into()))
    }

    /// Not XML as tmkit reads it, at `at`.
    fn malformed(&mut self, at: usize, message: impl Into<String>) -> ImportError {
        self.error(at, XliffErrorKind::Malformed(message.into()))
    }

    fn error(&mut self, at: usize, kind: XliffErrorKind) -> ImportError {
        let position = self.locator.position(self.text, at);
        ImportError::Xml(Located::at(self.origin, position, kind))
    }

    fn problem(&mut self, at: usize, message: impl std::fmt::Display) {
        let place = self.place(at);
        self.problems.push(format!("{place}: {message}"));
    }

    /// The file as a tree of elements, under tmkit's XML policy.
    fn tree(&mut self) -> Result<Element, ImportError> {
        let mut xml = NsReader::from_str(self.text);
        crate::xml::configure(xml.config_mut(), true);
        let mut stack: Vec<Element> = Vec::new();
        let mut root = None;
        loop {
            let start = usize::try_from(xml.buffer_position()).unwrap_or(usize::MAX);
            let event = match xml.read_event() {
                Ok(event) => event,
                Err(e) => {
                    let at = usize::try_from(xml.error_position()).unwrap_or(usize::MAX);
                    return Err(self.malformed(at.max(start), e.to_string()));
                }
            };
            let text = match event {
                Event::DocType(doctype) => {
                    let policy = crate::xml::Doctype::External;
                    if let Err(message) = crate::xml::doctype(&doctype, "XLIFF", policy) {
                        return Err(self.malformed(start, message));
                    }
                    continue;
                }
                Event::Start(e) => {
                    if root.is_some() {
                        return Err(self.fail(start, "an element after the root element"));
                    }
                    if stack.len() >= MAX_DEPTH {
                        return Err(self.fail(
                            start,
                            format!("elements nested more than {MAX_DEPTH} levels deep"),
                        ));
                    }
                    let (ns, local) = xml.resolve_element(e.name());
                    let ns = self.namespace(ns, start, e.name().0)?;
                    let mut attributes = Vec::new();
                    for attribute in crate::xml::attributes(&e) {
                        let attribute =
                            attribute.map_err(|err| self.malformed(start, err.to_string()))?;
                        let key = attribute.key;
                        if key.as_namespace_binding().is_some() {
                            continue;
                        }
                        let (ans, alocal) = xml.resolve_attribute(key);
                        let ans = self.namespace(ans, start, key.0)?;
                        let value = attribute
                            .unescape_value()
                            .map_err(|err| self.malformed(start, err.to_string()))?;
                        attributes.push((
                            ans,
                            String::from_utf8_lossy(alocal.as_ref()).into_owned(),
                            String::from_utf8_lossy(key.0).into_owned(),
                            value.into_owned(),
                        ));
                    }
                    stack.push(Element {
                        ns,
                        qname: String::from_utf8_lossy(e.name().0).into_owned(),
                        local: String::from_utf8_lossy(local.as_ref()).into_owned(),
                        attributes,
                        children: Vec::new(),
                        at: start,
                    });
                    continue;
                }
                Event::End(_) => {
                    let Some(done) = stack.pop() else {
                        return Err(self.fail(start, "an end tag with no start tag"));
                    };
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(Node::Element(done)),
                        None => root = Some(done),
                    }
                    continue;
                }
                Event::Text(t) => t
                    .xml_content()
                    .map_err(|e| self.malformed(start, e.to_string()))?
                    .into_owned(),
                Event::CData(t) => String::from_utf8_lossy(&t).into_owned(),
                Event::GeneralRef(r) => match crate::xml::reference(&r) {
                    Some(c) => c.to_string(),
                    None => {
                        return Err(
                            self.malformed(start, crate::xml::undefined_entity(&r, "XLIFF"))
                        );
                    }
                },
                Event::Empty(_) | Event::Decl(_) | Event::Comment(_) | Event::PI(_) => continue,
                Event::Eof => {
                    return match (stack.last(), root) {
                        (Some(open), _) => {
                            let (line, column) = self.locator.locate(self.text, open.at);
                            let message = format!(
                                "end of file inside <{}> (opened at line {line}, column {column}): the file is cut short",
                                open.qname
                            );
                            Err(self.fail(self.text.len(), message))
                        }
                        (None, None) => Err(self.fail(0, "empty file: no <xliff> element")),
                        (None, Some(root)) => Ok(root),
                    };
                }
            };
            match stack.last_mut() {
                Some(parent) => match parent.children.last_mut() {
                    Some(Node::Text(before)) => before.push_str(&text),
                    _ => parent.children.push(Node::Text(text)),
                },
                None if text.trim().is_empty() => {}
                None => return Err(self.fail(start, "text outside the root element")),
            }
        }
    }

    fn namespace(
        &mut self,
        ns: ResolveResult<'_>,
        at: usize,
        name: &[u8],
    ) -> Result<Option<String>, ImportError> {
        match ns {
            ResolveResult::Bound(ns) => Ok(Some(String::from_utf8_lossy(ns.0).into_owned())),
            ResolveResult::Unbound => Ok(None),
            ResolveResult::Unknown(prefix) => Err(self.fail(
                at,
                format!(
                    "<{}>: the prefix {}: is bound to no namespace",
                    String::from_utf8_lossy(name),
                    String::from_utf8_lossy(&prefix)
                ),
            )),
        }
    }

    /// Whether `e` is an element of this file's XLIFF.
    fn ours(&self, e: &Element) -> bool {
        match self.version {
            Version::V12 => e.ns.is_none() || e.ns.as_deref() == Some(XLIFF12),
            Version::V2 => e.ns.as_deref() == Some(XLIFF2),
        }
    }

    /// Counts what `e` carries of other namespaces (its attributes; itself
    /// when it is foreign); true when `e` is foreign and so set aside.
    fn set_aside(&mut self, e: &Element) -> bool {
        for (ns, _, qname, _) in &e.attributes {
            if ns.as_deref().is_some_and(|ns| ns != XML) {
                *self.out.set_aside.entry(qname.clone()).or_default() += 1;
            }
        }
        if self.ours(e) {
            return false;
        }
        // XLIFF's own modules (2.x matches, glossary, metadata…): not
        // read, not another tool's.
        if e.ns.as_deref().is_some_and(|ns| ns.starts_with(MODULES)) {
            return true;
        }
        *self
            .out
            .set_aside
            .entry(format!("<{}>", e.qname))
            .or_default() += 1;
        true
    }

    fn root(&mut self, root: &Element) -> Result<(), ImportError> {
        if root.local != "xliff" {
            return Err(self.fail(
                root.at,
                format!(
                    "the root element is <{}>, not <xliff>: not an XLIFF file",
                    root.qname
                ),
            ));
        }
        let version = root.attribute("version").unwrap_or_default();
        self.version = match (version, root.ns.as_deref()) {
            ("1.2", None | Some(XLIFF12)) => Version::V12,
            ("2.0" | "2.1" | "2.2", Some(XLIFF2)) => Version::V2,
            _ => {
                return Err(self.fail(
                    root.at,
                    format!(
                        "XLIFF version {:?} in namespace {:?}: tmkit reads XLIFF 1.2 ({XLIFF12}) and 2.0–2.2 ({XLIFF2}), as its kits are written; export the translation in one of them",
                        version,
                        root.ns.as_deref().unwrap_or("none")
                    ),
                ));
            }
        };
        self.set_aside(root);
        if self.version == Version::V2 {
            self.languages(root, "srcLang", "trgLang");
        }
        for file in root.elements() {
            if self.set_aside(file) {
                continue;
            }
            if file.local != "file" {
                continue;
            }
            if self.out.original.is_none() {
                self.out.original = file
                    .attribute("original")
                    .map(|o| o.strip_suffix(".txt").unwrap_or(o).to_string());
            }
            if self.version == Version::V12 {
                self.languages(file, "source-language", "target-language");
            }
            // What another tool keeps in the header is counted too.
            for header in file.elements().filter(|h| h.local == "header") {
                for child in header.elements() {
                    self.set_aside(child);
                }
            }
            self.units(file)?;
        }
        Ok(())
    }

    /// The languages of `e` must be the kit's.
    fn languages(&mut self, e: &Element, source: &str, target: &str) {
        for (attribute, want) in [(source, self.source), (target, self.target)] {
            match e.attribute(attribute) {
                Some(tag) if primary(tag) == primary(want) => {}
                Some(tag) => {
                    let message = format!(
                        "{attribute}=\"{tag}\" where {want} is expected: a kit of another language pair"
                    );
                    self.problem(e.at, message);
                }
                // XLIFF 2 may leave the target language out of a file
                // without targets; 1.2 requires both.
                None if attribute == "trgLang" => {}
                None => {
                    let message = format!("<{}> has no {attribute}", e.qname);
                    self.problem(e.at, message);
                }
            }
        }
    }

    /// The units under `e` (a `file`, `body` or `group`).
    fn units(&mut self, e: &Element) -> Result<(), ImportError> {
        for child in e.elements() {
            if self.set_aside(child) {
                continue;
            }
            match (self.version, child.local.as_str()) {
                (Version::V12, "body" | "group") | (Version::V2, "group") => {
                    self.units(child)?;
                }
                (Version::V12, "trans-unit") => self.unit12(child)?,
                (Version::V2, "unit") => self.unit2(child)?,
                _ => {}
            }
        }
        Ok(())
    }

    /// The paragraph a unit id names: `NAME:LINE` (or XLIFF 2's `uLINE`);
    /// an id seen twice is a problem.
    fn paragraph(&mut self, e: &Element, id: Option<&str>) -> Option<(Option<String>, usize)> {
        let Some(id) = id else {
            self.problem(e.at, format!("<{}> without an id", e.qname));
            return None;
        };
        let place = self.place(e.at);
        if let Some(first) = self.ids.insert(id.to_string(), place.clone()) {
            self.problems.push(format!(
                "{place}: the id \"{id}\" is used twice (first at {first}): a unit was duplicated"
            ));
            return None;
        }
        let name = if self.version == Version::V2 {
            e.attribute("name").unwrap_or(id)
        } else {
            id
        };
        let parsed = match name.rsplit_once(':') {
            Some((document, line)) => line.parse().ok().map(|l| (Some(document.to_string()), l)),
            None => name
                .strip_prefix('u')
                .and_then(|l| l.parse().ok())
                .map(|l| (None, l)),
        };
        match parsed {
            Some((_, 0)) | None => {
                self.problems.push(format!(
                    "{place}: unknown id \"{name}\": a kit's units are NAME:LINE; this unit is not one tmkit wrote"
                ));
                None
            }
            Some(p) => Some(p),
        }
    }

    /// The child of `e` of each name in `names` (the last, if several),
    /// another tool's elements set aside.
    fn children<'e, const N: usize>(
        &mut self,
        e: &'e Element,
        names: [&str; N],
    ) -> [Option<&'e Element>; N] {
        let mut found = [None; N];
        for child in e.elements() {
            if self.set_aside(child) {
                continue;
            }
            if let Some(i) = names.iter().position(|n| *n == child.local) {
                found[i] = Some(child);
            }
        }
        found
    }

    fn unit12(&mut self, unit: &Element) -> Result<(), ImportError> {
        let paragraph = self.paragraph(unit, unit.attribute("id"));
        if unit.attribute("translate") == Some("no") {
            return Ok(());
        }
        let [source, segments, target] = self.children(unit, ["source", "seg-source", "target"]);
        let Some(source) = source else {
            self.problem(unit.at, "a <trans-unit> without <source>");
            return Ok(());
        };
        let Some(paragraph) = paragraph else {
            return Ok(());
        };
        let Some(target) = target else {
            self.out.empty += segments.map_or(1, |s| self.count_marks(s));
            return Ok(());
        };
        self.target_language(target);
        let confirmed = !target.attribute("state").is_some_and(|s| {
            matches!(
                s,
                "new"
                    | "needs-translation"
                    | "needs-adaptation"
                    | "needs-l10n"
                    | "needs-review-translation"
                    | "needs-review-adaptation"
                    | "needs-review-l10n"
            )
        });
        let id = unit.attribute("id").unwrap_or_default().to_string();
        let marks = self.marks(target, "target")?;
        let Some(segments) = segments.filter(|_| !marks.is_empty()) else {
            // The target translates the paragraph whole.
            let text = self.content(target)?;
            if text.trim().is_empty() {
                self.out.empty += 1;
                return Ok(());
            }
            let source_text = self.content(source)?;
            let place = format!("{} (trans-unit {id})", self.place(target.at));
            self.push(paragraph, place, source_text, text, confirmed);
            return Ok(());
        };
        let sources = self.marks(segments, "seg-source")?;
        let mut by_mid: BTreeMap<&str, &Element> = BTreeMap::new();
        for (mid, mark) in &marks {
            if !sources.iter().any(|(m, _)| m == mid) {
                let message = format!(
                    "unknown mid \"{mid}\": no <mrk> of the <seg-source> has it (trans-unit {id})"
                );
                self.problem(mark.at, message);
            }
            by_mid.insert(mid, mark);
        }
        for (mid, mark) in &sources {
            let text = match by_mid.get(mid.as_str()) {
                Some(t) => self.content(t)?,
                None => String::new(),
            };
            if text.trim().is_empty() {
                self.out.empty += 1;
                continue;
            }
            let source_text = self.content(mark)?;
            let at = by_mid[mid.as_str()].at;
            let place = format!("{} (trans-unit {id}, mrk {mid})", self.place(at));
            self.push(paragraph.clone(), place, source_text, text, confirmed);
        }
        Ok(())
    }

    /// The `mrk mtype="seg"` children of a `seg-source` or `target`, by
    /// `mid`; a mid twice, or one missing, is a problem; text beside them
    /// other than white space too.
    fn marks<'e>(
        &mut self,
        e: &'e Element,
        what: &str,
    ) -> Result<Vec<(String, &'e Element)>, ImportError> {
        let mut out: Vec<(String, &Element)> = Vec::new();
        let mut seen = BTreeSet::new();
        for child in &e.children {
            match child {
                Node::Element(m)
                    if self.ours(m) && m.local == "mrk" && m.attribute("mtype") == Some("seg") =>
                {
                    let Some(mid) = m.attribute("mid") else {
                        self.problem(m.at, format!("a segment <mrk> of a <{what}> without mid"));
                        continue;
                    };
                    if !seen.insert(mid.to_string()) {
                        let message = format!("the mid \"{mid}\" is used twice in one <{what}>");
                        self.problem(m.at, message);
                        continue;
                    }
                    out.push((mid.to_string(), m));
                }
                _ => {}
            }
        }
        if !out.is_empty() {
            for child in &e.children {
                match child {
                    Node::Text(t) if !t.trim().is_empty() => {
                        let message =
                            format!("text outside the segments of a <{what}>: “{}”", t.trim());
                        self.problem(e.at, message);
                    }
                    Node::Element(m) if !(self.ours(m) && m.local == "mrk") => {
                        let message = format!(
                            "<{}> between the segments of a <{what}>: only <mrk mtype=\"seg\"> is read there",
                            m.qname
                        );
                        self.problem(m.at, message);
                    }
                    _ => {}
                }
            }
        }
        Ok(out)
    }

    fn count_marks(&self, e: &Element) -> usize {
        e.elements()
            .filter(|m| m.local == "mrk" && m.attribute("mtype") == Some("seg"))
            .count()
            .max(1)
    }

    fn target_language(&mut self, target: &Element) {
        if let Some(tag) = target.xml_attribute("lang")
            && primary(tag) != primary(self.target)
        {
            let message = format!(
                "a target in xml:lang=\"{tag}\" where {} is expected: a translation into another language",
                self.target
            );
            self.problem(target.at, message);
        }
    }

    fn unit2(&mut self, unit: &Element) -> Result<(), ImportError> {
        let paragraph = self.paragraph(unit, unit.attribute("id"));
        if unit.attribute("translate") == Some("no") {
            return Ok(());
        }
        let id = unit.attribute("id").unwrap_or_default().to_string();
        let mut seen = BTreeSet::new();
        for segment in unit.elements() {
            if self.set_aside(segment) || segment.local != "segment" {
                continue;
            }
            if let Some(sid) = segment.attribute("id")
                && !seen.insert(sid.to_string())
            {
                let message = format!("the segment id \"{sid}\" is used twice in unit {id}");
                self.problem(segment.at, message);
                continue;
            }
            let [source, target] = self.children(segment, ["source", "target"]);
            let Some(source) = source else {
                self.problem(segment.at, "a <segment> without <source>");
                continue;
            };
            let Some(target) = target else {
                self.out.empty += 1;
                continue;
            };
            self.target_language(target);
            let text = self.content(target)?;
            let state = segment.attribute("state");
            // An empty target the tool says is translated is translated as
            // nothing (the sentence's English is in the one before).
            if text.trim().is_empty() && !matches!(state, Some("translated" | "reviewed" | "final"))
            {
                self.out.empty += 1;
                continue;
            }
            let source_text = self.content(source)?;
            let Some(paragraph) = paragraph.clone() else {
                continue;
            };
            let confirmed = state != Some("initial");
            let place = format!(
                "{} (unit {id}, segment {})",
                self.place(target.at),
                segment.attribute("id").unwrap_or("?")
            );
            self.push(paragraph, place, source_text, text, confirmed);
        }
        Ok(())
    }

    fn push(
        &mut self,
        paragraph: (Option<String>, usize),
        place: String,
        source: String,
        target: String,
        confirmed: bool,
    ) {
        let (document, line) = paragraph;
        let returned = Returned {
            place,
            paragraph: Some(line),
            document,
            source: one_line(&source),
            target: one_line(&target),
        };
        if confirmed {
            self.out.pairs.push(returned);
        } else {
            self.out.unconfirmed.push(returned);
        }
    }

    /// The text of `e` under the inline rule (see the module's doc).
    fn content(&mut self, e: &Element) -> Result<String, ImportError> {
        let mut out = String::new();
        for child in &e.children {
            match child {
                Node::Text(t) => out.push_str(t),
                Node::Element(c) => {
                    let kept = self.ours(c)
                        && match self.version {
                            Version::V12 => matches!(c.local.as_str(), "g" | "mrk"),
                            Version::V2 => matches!(c.local.as_str(), "pc" | "mrk"),
                        };
                    let dropped = self.ours(c)
                        && self.version == Version::V2
                        && matches!(c.local.as_str(), "sm" | "em");
                    if kept {
                        out.push_str(&self.content(c)?);
                    } else if !dropped {
                        let why = if self.ours(c) {
                            "an inline code: the kit's text is plain and has no formatting for it to stand for; remove it in the CAT tool (tmkit keeps the text of g, mrk, pc and refuses x, bx, ex, ph, bpt, ept, it, sub, sc, ec, cp)"
                        } else {
                            "an element of another namespace inside a text: whether its content is translation cannot be told; remove it or export the file as plain XLIFF"
                        };
                        return Err(
                            self.fail(c.at, format!("<{}> in <{}>: {why}", c.qname, e.qname))
                        );
                    }
                }
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read12_text(units: &str) -> String {
        format!(
            "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"><file original=\"d.txt\" source-language=\"fr-FR\" target-language=\"en-GB\" datatype=\"plaintext\"><body>{units}</body></file></xliff>"
        )
    }

    fn read12(units: &str) -> Result<ReadXliff, ImportError> {
        read(read12_text(units).as_bytes(), "t.xlf", "fr-FR", "en-GB")
    }

    #[test]
    fn wrapping_elements_keep_their_text_and_line_breaks_become_spaces() {
        let read = read12(
            "<trans-unit id=\"d:1\"><source>Le <g id=\"1\">chat</g>.</source><target>The\n   <g id=\"1\">cat</g>.\n</target></trans-unit>\
             <trans-unit id=\"d:2\"><source>Vide.</source><target>  </target></trans-unit>",
        )
        .unwrap();
        assert_eq!(read.pairs.len(), 1);
        assert_eq!(read.pairs[0].source, "Le chat.");
        assert_eq!(read.pairs[0].target, "The cat.");
        assert_eq!(read.pairs[0].paragraph, Some(1));
        assert_eq!(read.empty, 1, "an empty target is no translation");
        assert_eq!(read.original.as_deref(), Some("d"));
    }

    #[test]
    fn annotation_markers_of_xliff_2_are_dropped_and_utf16_is_read() {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"fr\" trgLang=\"en\"><file id=\"f\"><unit id=\"u3\"><segment state=\"final\"><source>Un <pc id=\"1\">mot</pc>.</source><target>A <sm id=\"m\"/>word<em startRef=\"m\"/>.</target></segment></unit></file></xliff>";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let read = read(&bytes, "t.xliff", "fr-FR", "en-GB").unwrap();
        assert_eq!(read.pairs[0].source, "Un mot.");
        assert_eq!(read.pairs[0].target, "A word.");
        assert_eq!(
            (read.pairs[0].paragraph, read.pairs[0].document.as_deref()),
            (Some(3), None)
        );
    }

    #[test]
    fn nesting_stops_at_the_limit_with_its_place() {
        let deep = "<g id=\"1\">".repeat(MAX_DEPTH) + &"</g>".repeat(MAX_DEPTH);
        let err = read12(&format!(
            "<trans-unit id=\"d:1\"><source>a</source><target>{deep}</target></trans-unit>"
        ))
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("t.xlf:1:"), "{err}");
        assert!(err.contains("nested more than 100 levels"), "{err}");
    }

    #[test]
    fn errors_are_told_apart_by_kind_and_placed_in_characters() {
        let xml_error = |units: &str| match read12(units) {
            Err(ImportError::Xml(e)) => e,
            other => panic!("{other:?}"),
        };
        let e = xml_error("<trans-unit id=\"d:1\"><source>é &nbsp;</source></trans-unit>");
        assert!(matches!(e.kind(), XliffErrorKind::Malformed(_)), "{e}");
        let at = e.position().unwrap();
        let text = read12_text("<trans-unit id=\"d:1\"><source>é &nbsp;</source></trans-unit>");
        assert!(text[at.byte() as usize..].starts_with("&nbsp;"), "{e}");
        let column = text[..at.byte() as usize].chars().count() as u64 + 1;
        assert_eq!((at.line(), at.column()), (1, column), "{e}");
        let e = xml_error(
            "<trans-unit id=\"d:1\"><source>a</source><target>b<bx id=\"1\"/></target></trans-unit>",
        );
        assert!(matches!(e.kind(), XliffErrorKind::Invalid(_)), "{e}");
    }
}
