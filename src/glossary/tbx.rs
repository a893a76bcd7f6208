//! TBX v2 (`martif`, ISO 30042:2008, TBX-Basic style): the glossary as a
//! termbase, written for CAT tools and read back from clients' termbases.
//!
//! Where it sits: the curated glossary ([`super::Glossary`], loaded from
//! CSV) leaves the workspace as TBX for OmegaT, translate-toolkit and other
//! terminology tools ([`write()`]), and a client's termbase exported as TBX v2
//! comes in as a glossary ([`read()`], [`load`]). TBX v3 (ISO 30042:2019) is
//! refused with a message saying what to export instead, because the CAT
//! tools this workspace feeds read only v2.
//!
//! How an [`Entry`] maps to TBX:
//!
//! | entry | TBX |
//! |---|---|
//! | `id` | `termEntry/@id` (an invalid or repeated id is replaced by a unique one) |
//! | `note` | `termEntry/note` |
//! | `fr`, `en` | a `tig/term` in the `langSet` of each language, first |
//! | variants | one `tig` each, after the main term |
//! | expansions | one `tig` each, `termNote type="termType"` = `fullForm` |
//! | deprecated forms | one `tig` each, last, `deprecatedTerm-admn-sts` |
//! | `kind` | on each main term: `acronym` → termType `acronym`, `name` → partOfSpeech `properNoun`, `code` → termType `symbol`, `term` → nothing |
//! | `status` | `termNote type="administrativeStatus"`: approved → main terms `preferredTerm-admn-sts`, other accepted forms `admittedTerm-admn-sts`; proposed → every accepted form admitted; rejected → no `termEntry` (not a glossary entry: a CAT tool gets none) |
//!
//! A context sentence pair ([`TbxOptions::contexts`]) goes into the main term's
//! `tig` of each language as `descrip type="context"`. An entry without an
//! English term gets no English `langSet`. `code` has no termType in the
//! TBX-Basic picklist: `symbol` is the ISO 12620 category for designations
//! made of letters and digits, and tools that do not know it ignore it.
//!
//! The reader takes what terminology tools export: `tig/term` or
//! `ntig/termGrp/term`, `xml:lang` matched on its primary subtag (`fr`,
//! `FR-fr`, `en-US`), administrative status in a `termNote`, `descrip` or
//! `admin` (also `normativeAuthorization`), notes, definitions and any other
//! `note`, `descrip` or `admin` appended to the entry's note (`type: text`).
//! Context sentences are kept in [`Entry::extra`] as `fr context` and
//! `en context`; other languages are ignored. A deprecated term
//! (`deprecatedTerm`, `supersededTerm`, `obsolete`…) is a deprecated form of
//! its language; an entry whose French terms are all deprecated is
//! `rejected`, one whose English terms all are has no English term (and is
//! at most proposed). It refuses a DOCTYPE with an
//! internal subset (no entity expansion, no "billion laughs") but accepts the
//! usual `<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">`, which it never
//! fetches. Errors name the file, line and column; entries without a French
//! term are all reported at once.
//!
//! ```
//! use tmkit::glossary::{Glossary, tbx};
//! let csv = "fr-FR,en-GB,id,type,fr-FR expansion,en-GB expansion\n\
//!            CEI,CIS,cei,acronym,Communauté des États indépendants,Commonwealth of Independent States\n";
//! let glossary = Glossary::parse(csv.as_bytes(), "g.csv").unwrap();
//! let mut out = Vec::new();
//! tbx::write(&mut out, &glossary, &tbx::TbxOptions::default()).unwrap();
//! let text = String::from_utf8(out.clone()).unwrap();
//! assert!(text.contains("<termEntry id=\"cei\">"));
//! let back = tbx::read(&out, "memory.tbx").unwrap();
//! assert_eq!(back.entries[0].en_expansion, "Commonwealth of Independent States");
//! assert_eq!(back.entries[0].kind, "acronym");
//! ```

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::io::{self, BufWriter, Write};
use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::decisions::Decisions;
use super::{Entry, Glossary, Place, Problem, Status, slug, unique_id, valid_id};
use crate::encoding::Locator;
use crate::error::{self, Located, Position};
use crate::language::{LangTag, TagError, primary};
use crate::terms::Kind;

// ---------------------------------------------------------------------------
// Writer.

/// What [`write()`] needs besides the glossary.
#[derive(Clone, Copy, Debug)]
pub struct TbxOptions<'a> {
    /// The French language tag (`fr-FR`).
    pub source: &'a str,
    /// The English language tag (`en-GB`).
    pub target: &'a str,
    /// Per entry id, a (French, English) context sentence pair (the aligned
    /// sentences), if known.
    pub contexts: &'a BTreeMap<String, (String, String)>,
}

static NO_CONTEXTS: BTreeMap<String, (String, String)> = BTreeMap::new();

impl Default for TbxOptions<'static> {
    /// `fr-FR` to `en-GB`, no contexts.
    fn default() -> Self {
        TbxOptions {
            source: "fr-FR",
            target: "en-GB",
            contexts: &NO_CONTEXTS,
        }
    }
}

/// Why a TBX file could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TbxWriteError {
    /// The output failed.
    #[error(transparent)]
    Io(#[from] io::Error),
    /// The glossary or the options cannot be written as TBX.
    #[error("{0}")]
    Invalid(String),
}

const PREFERRED: &str = "preferredTerm-admn-sts";
const ADMITTED: &str = "admittedTerm-admn-sts";
const DEPRECATED: &str = "deprecatedTerm-admn-sts";

/// The `extra` column that holds the French contexts read from a termbase.
pub(crate) const FR_CONTEXT: &str = "fr context";
/// The `extra` column that holds the English contexts read from a termbase.
pub(crate) const EN_CONTEXT: &str = "en context";

/// Writes `glossary` as TBX v2 (TBX-Basic): UTF-8, no DOCTYPE, LF line ends,
/// 2-space indentation, one `termEntry` per entry in glossary order, rejected
/// entries left out; the same glossary and options give the same bytes.
///
/// An id that is not of the glossary's form, or repeats an earlier one, is
/// replaced as [`read()`] would (slug of the French term, `-2`, `-3`…), since
/// `termEntry/@id` must be a unique XML id. An empty glossary gives a `body`
/// without `termEntry`, which the TBX schema does not allow: callers with
/// nothing to export should say so rather than write it.
///
/// Fails on a language tag that is not French (source) or English (target),
/// an entry without a French term, or text XML 1.0 cannot carry (control
/// characters).
pub fn write<W: Write>(
    out: W,
    glossary: &Glossary,
    options: &TbxOptions<'_>,
) -> Result<(), TbxWriteError> {
    check_tag(options.source, "fr", "source", "French")?;
    check_tag(options.target, "en", "target", "English")?;
    if let Some(e) = glossary.entries.iter().find(|e| e.fr.trim().is_empty()) {
        return Err(TbxWriteError::Invalid(format!(
            "entry {:?} has no French term: a TBX entry needs one",
            e.id
        )));
    }
    let entries: Vec<&Entry> = exported(glossary).collect();
    let ids = unique_ids(entries.iter().map(|e| (Some(e.id.as_str()), e.fr.as_str())));
    let mut w = BufWriter::new(out);
    w.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")?;
    w.write_all(b"<martif type=\"TBX-Basic\" xml:lang=\"en\">\n")?;
    w.write_all(b"  <martifHeader>\n    <fileDesc>\n      <sourceDesc>\n")?;
    writeln!(
        w,
        "        <p>tmkit glossary, {} to {}</p>",
        escape(options.source, true)?,
        escape(options.target, true)?
    )?;
    w.write_all(b"      </sourceDesc>\n    </fileDesc>\n")?;
    w.write_all(b"    <encodingDesc>\n      <p type=\"XCSURI\">TBXBasicXCSV02.xcs</p>\n    </encodingDesc>\n")?;
    w.write_all(b"  </martifHeader>\n  <text>\n    <body>\n")?;
    for (entry, id) in entries.into_iter().zip(&ids) {
        write_entry(&mut w, entry, id, options)?;
    }
    w.write_all(b"    </body>\n  </text>\n</martif>\n")?;
    w.flush()?;
    Ok(())
}

fn check_tag(tag: &str, language: &str, which: &str, name: &str) -> Result<(), TbxWriteError> {
    // A tag of well-formed subtags that is not French (or English) is
    // named as such, even when its first subtag is no language (`x-fr`).
    match LangTag::parse(tag) {
        Err(TagError::Subtag) => Err(TbxWriteError::Invalid(format!(
            "{which} language {tag:?} is not a BCP 47 tag such as {language}-{}",
            if language == "fr" { "FR" } else { "GB" }
        ))),
        Ok(t) if t.is(language) => Ok(()),
        _ => Err(TbxWriteError::Invalid(format!(
            "{which} language {tag:?} is not {name}: the glossary is French to English"
        ))),
    }
}

/// One `tig` to write.
struct Tig<'a> {
    term: &'a str,
    kind: Option<(&'static str, &'static str)>,
    status: &'static str,
    context: Option<&'a str>,
}

/// The entries a TBX holds: every one but the rejected.
pub fn exported(glossary: &Glossary) -> impl Iterator<Item = &Entry> {
    glossary
        .entries
        .iter()
        .filter(|e| e.status != Status::Rejected)
}

/// The `tig`s of one language: the main term, its variants, its expansion,
/// its deprecated forms.
fn tigs<'t>(
    (term, variants, expansion, deprecated): (&'t str, &'t [String], &'t str, &'t [String]),
    context: Option<&'t str>,
    kind: Option<(&'static str, &'static str)>,
    (main, other): (&'static str, &'static str),
) -> Vec<Tig<'t>> {
    let mut tigs = Vec::new();
    if !term.is_empty() {
        tigs.push(Tig {
            term,
            kind,
            status: main,
            context: context.filter(|c| !c.is_empty()),
        });
    }
    tigs.extend(variants.iter().map(|v| Tig {
        term: v,
        kind: None,
        status: other,
        context: None,
    }));
    if !expansion.is_empty() {
        tigs.push(Tig {
            term: expansion,
            kind: Some(("termType", "fullForm")),
            status: other,
            context: None,
        });
    }
    tigs.extend(deprecated.iter().map(|d| Tig {
        term: d,
        kind: None,
        status: DEPRECATED,
        context: None,
    }));
    tigs
}

fn write_entry(
    w: &mut impl Write,
    entry: &Entry,
    id: &str,
    options: &TbxOptions<'_>,
) -> Result<(), TbxWriteError> {
    let kind = match entry.kind.as_str() {
        "acronym" => Some(("termType", "acronym")),
        "code" => Some(("termType", "symbol")),
        "name" => Some(("partOfSpeech", "properNoun")),
        _ => None,
    };
    let (main, other) = match entry.status {
        Status::Approved => (PREFERRED, ADMITTED),
        // Never written (not an entry): as proposed if it were.
        Status::Proposed | Status::Rejected => (ADMITTED, ADMITTED),
    };
    let context = options.contexts.get(&entry.id);
    let statuses = (main, other);
    let fr = tigs(
        (
            &entry.fr,
            &entry.fr_variants,
            &entry.fr_expansion,
            &entry.fr_deprecated,
        ),
        context.map(|c| c.0.as_str()),
        kind,
        statuses,
    );
    let en = tigs(
        (
            &entry.en,
            &entry.en_variants,
            &entry.en_expansion,
            &entry.en_deprecated,
        ),
        context.map(|c| c.1.as_str()),
        kind,
        statuses,
    );

    writeln!(w, "      <termEntry id=\"{}\">", escape(id, true)?)?;
    if !entry.note.is_empty() {
        writeln!(w, "        <note>{}</note>", escape(&entry.note, false)?)?;
    }
    for (tag, tigs) in [(options.source, fr), (options.target, en)] {
        // The schema wants at least one tig in a langSet.
        if tigs.is_empty() {
            continue;
        }
        writeln!(w, "        <langSet xml:lang=\"{}\">", escape(tag, true)?)?;
        for tig in tigs {
            w.write_all(b"          <tig>\n")?;
            writeln!(w, "            <term>{}</term>", escape(tig.term, false)?)?;
            if let Some((kind, value)) = tig.kind {
                writeln!(
                    w,
                    "            <termNote type=\"{kind}\">{value}</termNote>"
                )?;
            }
            writeln!(
                w,
                "            <termNote type=\"administrativeStatus\">{}</termNote>",
                tig.status
            )?;
            if let Some(context) = tig.context {
                writeln!(
                    w,
                    "            <descrip type=\"context\">{}</descrip>",
                    escape(context, false)?
                )?;
            }
            w.write_all(b"          </tig>\n")?;
        }
        w.write_all(b"        </langSet>\n")?;
    }
    w.write_all(b"      </termEntry>\n")?;
    Ok(())
}

/// `text` escaped for element content (`attribute`: for a double-quoted
/// attribute value); an error for what XML 1.0 cannot carry.
fn escape(text: &str, attribute: bool) -> Result<Cow<'_, str>, TbxWriteError> {
    let how = crate::xml::Escaping {
        quote: attribute,
        apostrophe: false,
        breaks: attribute,
        carriage_return: true,
        check: true,
    };
    crate::xml::escape_as(text, how).map_err(|c| {
        let short: String = text.chars().take(60).collect();
        TbxWriteError::Invalid(format!(
            "character U+{:04X} cannot be written in XML 1.0: {short:?}",
            u32::from(c)
        ))
    })
}

/// One id per entry, unique and of the glossary's form: the wanted id when
/// valid and not taken by an earlier entry, else the slug of the French term,
/// suffixed `-2`, `-3`… until unique. Valid wanted ids are reserved first so
/// that a slug never takes the id a later entry asks for.
fn unique_ids<'e>(wanted: impl Iterator<Item = (Option<&'e str>, &'e str)> + Clone) -> Vec<String> {
    let mut used: HashSet<String> = HashSet::new();
    let mut keep = Vec::new();
    for (id, _) in wanted.clone() {
        keep.push(id.is_some_and(|id| valid_id(id) && used.insert(id.to_string())));
    }
    wanted
        .zip(keep)
        .map(|((id, fr), keep)| match id {
            Some(id) if keep => id.to_string(),
            Some(id) if valid_id(id) => unique_id(id, &mut used),
            _ => unique_id(&slug(fr), &mut used),
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Reader.

/// Why a TBX file could not be read: its [kind](TbxErrorKind), the file
/// and, for what is wrong at one place, the
/// [position](crate::error::Position) (column in characters).
pub type TbxError = Located<TbxErrorKind>;

/// What is wrong with a TBX file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TbxErrorKind {
    /// The file could not be opened or read.
    #[error("{0}")]
    Io(#[source] io::Error),
    /// Not XML as tmkit reads it: not well-formed, not UTF-8 or UTF-16, a
    /// DOCTYPE that declares entities, an undefined entity.
    #[error("{0}")]
    Malformed(String),
    /// Well-formed XML, but not TBX v2 (a wrong root, an entry inside
    /// another…).
    #[error("{0}")]
    Invalid(String),
    /// The file is TBX v3, at the element that shows it.
    #[error(
        "TBX v3 (ISO 30042:2019) is not supported: export the termbase as TBX v2 (martif, ISO 30042:2008), the version OmegaT and translate-toolkit read"
    )]
    Version3,
    /// Entries that cannot become glossary entries; nothing was loaded.
    /// Each problem is at the line and column of its `termEntry` (or
    /// `langSet`).
    #[error("{} problem(s)", .0.len())]
    Problems(Vec<Problem>),
}

impl error::ErrorKind for TbxErrorKind {
    fn describe(&self, origin: &str, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TbxErrorKind::Problems(problems) => {
                write!(f, "{self}:\n{}", list(origin, problems))
            }
            other => std::fmt::Display::fmt(other, f),
        }
    }
}

fn list(origin: &str, problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| match p.place.column() {
            Some(column) => format!("  {origin}:{}:{column}: {}", p.place.number(), p.message),
            None => format!("  {origin}:{}: {}", p.place.number(), p.message),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads a TBX v2 file (UTF-8, or UTF-16 with a byte-order mark).
pub fn load(path: &Path) -> Result<Glossary, TbxError> {
    let origin = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Located::file(&*origin, TbxErrorKind::Io(e)))?;
    read(&bytes, &origin)
}

/// Reads a TBX v2 document from bytes; `origin` names it in errors.
///
/// Each entry's `row` is the line of its `termEntry`. Entries come in file
/// order; an entry without English is at most proposed.
pub fn read(bytes: &[u8], origin: &str) -> Result<Glossary, TbxError> {
    let text = decode(bytes, origin)?;
    let entries = Parser::new(&text, origin).parse()?;
    Ok(build(entries, origin)?.0)
}

/// Reads a TBX v2 document as decisions to merge into the glossary: new
/// decisions, whose status counts only where the file states one (an entry
/// without any status reads as approved, but does not approve anything).
pub fn decisions(bytes: &[u8], origin: &str) -> Result<Decisions, TbxError> {
    let text = decode(bytes, origin)?;
    let entries = Parser::new(&text, origin).parse()?;
    let (glossary, stated) = build(entries, origin)?;
    Ok(Decisions::from_termbase(&glossary, &stated))
}

fn decode<'b>(bytes: &'b [u8], origin: &str) -> Result<Cow<'b, str>, TbxError> {
    crate::encoding::decode(bytes).map_err(|e| {
        let at = e.position();
        let message = format!("{e}: TBX must be UTF-8, or UTF-16 with a byte-order mark");
        Located::at(origin, at, TbxErrorKind::Malformed(message))
    })
}

/// A term as read, before the entry is put together.
#[derive(Debug, Default)]
struct RawTerm {
    text: String,
    status: Option<TermStatus>,
    term_type: Option<String>,
    part_of_speech: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TermStatus {
    Preferred,
    Admitted,
    Deprecated,
}

fn term_status(value: &str) -> Option<TermStatus> {
    let v = value.trim().to_ascii_lowercase();
    if v.contains("preferred") || v.contains("standardized") {
        Some(TermStatus::Preferred)
    } else if v.contains("admitted") {
        Some(TermStatus::Admitted)
    } else if ["deprecated", "superseded", "obsolete", "notrecommended"]
        .iter()
        .any(|s| v.contains(s))
    {
        Some(TermStatus::Deprecated)
    } else {
        None
    }
}

#[derive(Debug, Default)]
struct RawLang {
    tag: String,
    at: (u64, u64),
    terms: Vec<RawTerm>,
    contexts: Vec<String>,
}

#[derive(Debug, Default)]
struct RawEntry {
    at: (u64, u64),
    id: Option<String>,
    notes: Vec<String>,
    langs: Vec<RawLang>,
}

/// What the text of the element being read is for.
#[derive(Debug)]
enum What {
    Term,
    /// An administrative status; `type` kept for a note if the value is unknown.
    Status(String),
    TermType,
    PartOfSpeech,
    Context,
    /// A note, with the `type` it is labelled with (none for `note` and
    /// definitions).
    Note(Option<String>),
    Skip,
}

struct Capture {
    depth: usize,
    what: What,
    text: String,
}

struct Parser<'a> {
    xml: Reader<&'a [u8]>,
    text: &'a str,
    origin: &'a str,
    cursor: Locator,
    open: Vec<String>,
    root_closed: bool,
    capture: Option<Capture>,
    entry: Option<RawEntry>,
    lang: Option<RawLang>,
    term: Option<RawTerm>,
    entries: Vec<RawEntry>,
}

fn local_name(e: &BytesStart) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).into_owned()
}

fn is_whitespace(text: &[u8]) -> bool {
    text.iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

/// One line of text: XML pretty-printers wrap long content, and a glossary
/// cell holds no line break or tab.
fn clean(text: &str) -> String {
    text.split(['\n', '\r', '\t'])
        .map(|piece| piece.trim_matches(' '))
        .filter(|piece| !piece.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .trim()
        .to_string()
}

impl<'a> Parser<'a> {
    fn new(text: &'a str, origin: &'a str) -> Parser<'a> {
        Parser {
            xml: crate::xml::reader_from_str(text),
            text,
            origin,
            cursor: Locator::default(),
            open: Vec::new(),
            root_closed: false,
            capture: None,
            entry: None,
            lang: None,
            term: None,
            entries: Vec::new(),
        }
    }

    fn position(&mut self, offset: u64) -> Position {
        let offset = usize::try_from(offset).unwrap_or(usize::MAX);
        self.cursor.position(self.text, offset)
    }

    /// The line and column of `offset`, where an entry is placed.
    fn at(&mut self, offset: u64) -> (u64, u64) {
        let at = self.position(offset);
        (at.line(), at.column())
    }

    fn error(&mut self, offset: u64, kind: TbxErrorKind) -> TbxError {
        let at = self.position(offset);
        Located::at(self.origin, at, kind)
    }

    /// Not TBX v2, at `offset`.
    fn invalid(&mut self, offset: u64, message: impl Into<String>) -> TbxError {
        self.error(offset, TbxErrorKind::Invalid(message.into()))
    }

    /// Not XML as tmkit reads it, at `offset`.
    fn malformed(&mut self, offset: u64, message: impl Into<String>) -> TbxError {
        self.error(offset, TbxErrorKind::Malformed(message.into()))
    }

    fn parse(mut self) -> Result<Vec<RawEntry>, TbxError> {
        loop {
            let start = self.xml.buffer_position();
            let event = match self.xml.read_event() {
                Ok(event) => event,
                Err(e) => {
                    let at = self.xml.error_position().max(start);
                    return Err(self.malformed(at, e.to_string()));
                }
            };
            match event {
                Event::Decl(decl) => {
                    if let Err(message) = crate::xml::declared_encoding(&decl) {
                        return Err(self.malformed(start, message));
                    }
                }
                Event::DocType(doctype) => {
                    let policy = crate::xml::Doctype::External;
                    if let Err(message) = crate::xml::doctype(&doctype, "TBX", policy) {
                        return Err(self.malformed(start, message));
                    }
                }
                Event::Start(e) => self.start(&e, start, false)?,
                Event::Empty(e) => self.start(&e, start, true)?,
                Event::End(_) => self.end(),
                Event::Text(t) => {
                    if let Some(capture) = &mut self.capture {
                        let text = t.xml_content().unwrap_or_default();
                        capture.text.push_str(&text);
                    } else if self.open.is_empty() && !is_whitespace(&t) {
                        let place = if self.root_closed { "after" } else { "before" };
                        return Err(self.invalid(start, format!("text {place} the root element")));
                    }
                }
                Event::CData(t) => {
                    if let Some(capture) = &mut self.capture {
                        capture.text.push_str(&String::from_utf8_lossy(&t));
                    }
                }
                Event::GeneralRef(r) => {
                    let Some(c) = crate::xml::reference(&r) else {
                        return Err(self.malformed(start, crate::xml::undefined_entity(&r, "TBX")));
                    };
                    if let Some(capture) = &mut self.capture {
                        capture.text.push(c);
                    }
                }
                Event::Comment(_) | Event::PI(_) => {}
                Event::Eof => {
                    return match self.open.last() {
                        Some(name) => {
                            let message =
                                format!("end of file inside <{name}>: the file is cut short");
                            Err(self.invalid(start, message))
                        }
                        None if !self.root_closed => {
                            Err(self.invalid(start, "empty document: no <martif> element"))
                        }
                        None => Ok(self.entries),
                    };
                }
            }
        }
    }

    fn attribute(
        &mut self,
        e: &BytesStart,
        offset: u64,
        names: &[&str],
    ) -> Result<Option<String>, TbxError> {
        for attribute in crate::xml::attributes(e) {
            let attribute = attribute.map_err(|err| self.malformed(offset, err.to_string()))?;
            if names.iter().any(|n| attribute.key.as_ref() == n.as_bytes()) {
                let value = attribute
                    .unescape_value()
                    .map_err(|err| self.malformed(offset, err.to_string()))?;
                return Ok(Some(value.into_owned()));
            }
        }
        Ok(None)
    }

    fn start(&mut self, e: &BytesStart, offset: u64, empty: bool) -> Result<(), TbxError> {
        let name = local_name(e);
        // Attributes are checked for well-formedness wherever they are.
        for attribute in crate::xml::attributes(e) {
            if let Err(err) = attribute {
                return Err(self.malformed(offset, err.to_string()));
            }
        }
        if self.root_closed {
            return Err(self.invalid(offset, format!("<{name}> after the root element")));
        }
        if self.open.is_empty() {
            match name.as_str() {
                "martif" => {}
                "tbx" => return Err(self.version3(offset)),
                _ => {
                    return Err(self.invalid(
                        offset,
                        format!("root element is <{name}>, not <martif>: not a TBX v2 file"),
                    ));
                }
            }
        } else if self.capture.is_none() {
            self.structure(&name, e, offset)?;
        }
        self.open.push(name);
        if empty {
            self.end();
        }
        Ok(())
    }

    fn version3(&mut self, offset: u64) -> TbxError {
        self.error(offset, TbxErrorKind::Version3)
    }

    fn structure(&mut self, name: &str, e: &BytesStart, offset: u64) -> Result<(), TbxError> {
        match name {
            "conceptEntry" | "langSec" | "termSec" => return Err(self.version3(offset)),
            "termEntry" => {
                if self.entry.is_some() {
                    return Err(self.invalid(offset, "a <termEntry> inside another <termEntry>"));
                }
                let id = self.attribute(e, offset, &["id"])?;
                let at = self.at(offset);
                self.entry = Some(RawEntry {
                    at,
                    id,
                    ..RawEntry::default()
                });
            }
            "langSet" if self.entry.is_some() => {
                // `lang` is what some pre-ISO exports wrote.
                let tag = self.attribute(e, offset, &["xml:lang", "lang"])?;
                let at = self.at(offset);
                self.lang = Some(RawLang {
                    tag: tag.unwrap_or_default().trim().to_string(),
                    at,
                    ..RawLang::default()
                });
            }
            "tig" | "ntig" if self.lang.is_some() => self.term = Some(RawTerm::default()),
            "term" if self.term.is_some() => self.capture(What::Term),
            "termNote" | "descrip" | "admin" | "note" | "descripNote" | "adminNote"
                if self.entry.is_some() =>
            {
                let kind = self.attribute(e, offset, &["type"])?.unwrap_or_default();
                let in_term = self.term.is_some();
                let what = match (name, kind.to_ascii_lowercase().as_str()) {
                    (_, "administrativestatus" | "normativeauthorization" | "status") => {
                        What::Status(kind)
                    }
                    ("termNote", "termtype") if in_term => What::TermType,
                    ("termNote", "partofspeech") if in_term => What::PartOfSpeech,
                    // Grammar, geography and the like describe the term, not the entry.
                    ("termNote", _) => What::Skip,
                    ("descrip", "context") => What::Context,
                    ("note", _) | ("descrip", "definition") => What::Note(None),
                    (_, "") => What::Note(Some(name.to_string())),
                    _ => What::Note(Some(kind)),
                };
                self.capture(what);
            }
            _ => {}
        }
        Ok(())
    }

    fn capture(&mut self, what: What) {
        self.capture = Some(Capture {
            depth: self.open.len(),
            what,
            text: String::new(),
        });
    }

    fn end(&mut self) {
        let Some(name) = self.open.pop() else {
            return;
        };
        if self
            .capture
            .as_ref()
            .is_some_and(|c| c.depth == self.open.len())
        {
            if let Some(capture) = self.capture.take() {
                self.captured(capture);
            }
            return;
        }
        if self.capture.is_some() {
            return;
        }
        match name.as_str() {
            "tig" | "ntig" => {
                if let (Some(term), Some(lang)) = (self.term.take(), self.lang.as_mut()) {
                    lang.terms.push(term);
                }
            }
            "langSet" => {
                if let (Some(lang), Some(entry)) = (self.lang.take(), self.entry.as_mut()) {
                    entry.langs.push(lang);
                }
            }
            "termEntry" => {
                if let Some(entry) = self.entry.take() {
                    self.entries.push(entry);
                }
            }
            _ => {}
        }
        if self.open.is_empty() {
            self.root_closed = true;
        }
    }

    fn captured(&mut self, capture: Capture) {
        let text = clean(&capture.text);
        if text.is_empty() {
            return;
        }
        let note = |label: Option<&str>| match label {
            Some(label) => format!("{label}: {text}"),
            None => text.clone(),
        };
        match capture.what {
            What::Term => {
                if let Some(term) = self.term.as_mut().filter(|t| t.text.is_empty()) {
                    term.text = text;
                }
            }
            What::Status(kind) => match (term_status(&text), self.term.as_mut()) {
                (Some(status), Some(term)) => term.status = Some(status),
                _ => self.note(note(Some(&kind))),
            },
            What::TermType => {
                if let Some(term) = self.term.as_mut() {
                    term.term_type = Some(text);
                }
            }
            What::PartOfSpeech => {
                if let Some(term) = self.term.as_mut() {
                    term.part_of_speech = Some(text);
                }
            }
            What::Context => match self.lang.as_mut() {
                Some(lang) => lang.contexts.push(text),
                None => self.note(note(Some("context"))),
            },
            What::Note(label) => self.note(note(label.as_deref())),
            What::Skip => {}
        }
    }

    fn note(&mut self, note: String) {
        if let Some(entry) = self.entry.as_mut() {
            entry.notes.push(note);
        }
    }
}

/// The terms of one language: the main term, variants and expansion among
/// the accepted ones, and the deprecated ones apart.
struct Side<'r> {
    main: Option<&'r RawTerm>,
    variants: Vec<String>,
    expansion: String,
    deprecated: Vec<&'r RawTerm>,
    contexts: Vec<&'r str>,
    any_status: bool,
    any_preferred: bool,
}

fn is_full_form(t: &RawTerm) -> bool {
    t.term_type
        .as_deref()
        .is_some_and(|k| k.eq_ignore_ascii_case("fullForm"))
}

fn side<'r>(entry: &'r RawEntry, language: &str) -> Side<'r> {
    let langs = || {
        entry
            .langs
            .iter()
            .filter(move |l| primary(&l.tag).eq_ignore_ascii_case(language))
    };
    let (deprecated, accepted): (Vec<&RawTerm>, Vec<&RawTerm>) = langs()
        .flat_map(|l| &l.terms)
        .filter(|t| !t.text.is_empty())
        .partition(|t| t.status == Some(TermStatus::Deprecated));
    let contexts = langs()
        .flat_map(|l| l.contexts.iter().map(String::as_str))
        .collect();
    // A full form is the expansion of the main term when another form exists.
    let main = accepted
        .iter()
        .position(|t| t.status == Some(TermStatus::Preferred) && !is_full_form(t))
        .or_else(|| accepted.iter().position(|t| !is_full_form(t)))
        .or(if accepted.is_empty() { None } else { Some(0) });
    let mut variants = Vec::new();
    let mut expansion = String::new();
    for (i, t) in accepted.iter().enumerate() {
        if Some(i) == main {
            continue;
        }
        if expansion.is_empty() && is_full_form(t) {
            expansion = t.text.clone();
        } else {
            variants.push(t.text.clone());
        }
    }
    Side {
        main: main.map(|i| accepted[i]),
        variants,
        expansion,
        any_status: !deprecated.is_empty() || accepted.iter().any(|t| t.status.is_some()),
        any_preferred: accepted
            .iter()
            .any(|t| t.status == Some(TermStatus::Preferred)),
        deprecated,
        contexts,
    }
}

fn kind_of(term: &RawTerm) -> Option<Kind> {
    let term_type = term.term_type.as_deref().unwrap_or("").to_ascii_lowercase();
    match term_type.as_str() {
        "acronym" | "abbreviation" | "initialism" => return Some(Kind::Acronym),
        "symbol" | "formula" | "equation" | "partnumber" | "sku" | "logicalexpression" => {
            return Some(Kind::Code);
        }
        _ => {}
    }
    term.part_of_speech
        .as_deref()
        .filter(|p| p.eq_ignore_ascii_case("properNoun"))
        .map(|_| Kind::Name)
}

/// The place of an element at (line, column).
fn line((line, column): (u64, u64)) -> Place {
    Place::Point { line, column }
}

/// The glossary of the entries read, and for each whether any of its terms
/// stated a status.
fn build(raw: Vec<RawEntry>, origin: &str) -> Result<(Glossary, Vec<bool>), TbxError> {
    let mut problems = Vec::new();
    let mut entries = Vec::new();
    let mut wanted = Vec::new();
    let mut stated = Vec::new();
    for r in &raw {
        for lang in r.langs.iter().filter(|l| l.tag.is_empty()) {
            problems.push(Problem::new(line(lang.at), "a <langSet> without xml:lang"));
        }
        let mut fr = side(r, "fr");
        let en = side(r, "en");
        // French terms that are all deprecated: the concept's French term is
        // one not to use, so the entry is not a glossary entry.
        let rejected = fr.main.is_none() && !fr.deprecated.is_empty();
        if rejected {
            let mut terms = std::mem::take(&mut fr.deprecated).into_iter();
            fr.main = terms.next();
            fr.variants = terms.map(|t| t.text.clone()).collect();
        }
        let Some(fr_main) = fr.main else {
            let name =
                r.id.as_deref()
                    .map_or("a termEntry".to_string(), |id| format!("termEntry {id:?}"));
            let mut languages: Vec<&str> = r
                .langs
                .iter()
                .map(|l| l.tag.as_str())
                .filter(|t| !t.is_empty())
                .collect();
            languages.dedup();
            let found = if languages.is_empty() {
                "it has no language set with a term".to_string()
            } else {
                format!("its languages: {}", languages.join(", "))
            };
            problems.push(Problem::new(
                line(r.at),
                format!(
                    "{name} has no French term ({found}): add a langSet xml:lang=\"fr…\" with a term"
                ),
            ));
            continue;
        };
        let any_status = fr.any_status || en.any_status;
        stated.push(any_status);
        let any_preferred = fr.any_preferred || en.any_preferred;
        let mut status = if rejected {
            Status::Rejected
        } else if any_preferred || !any_status {
            Status::Approved
        } else {
            Status::Proposed
        };
        // Without an English term there is nothing to approve yet.
        if status == Status::Approved && en.main.is_none() {
            status = Status::Proposed;
        }
        let kind = kind_of(fr_main)
            .or_else(|| en.main.and_then(kind_of))
            .unwrap_or(Kind::Term);
        let mut extra = Vec::new();
        for (column, side) in [(FR_CONTEXT, &fr), (EN_CONTEXT, &en)] {
            if !side.contexts.is_empty() {
                extra.push((column.to_string(), side.contexts.join(" | ")));
            }
        }
        wanted.push(r.id.clone());
        entries.push(Entry {
            row: r.at.0 as usize,
            id: String::new(),
            fr: fr_main.text.clone(),
            en: en.main.map(|t| t.text.clone()).unwrap_or_default(),
            kind,
            status,
            fr_variants: fr.variants,
            en_variants: en.variants,
            fr_deprecated: fr.deprecated.iter().map(|t| t.text.clone()).collect(),
            en_deprecated: en.deprecated.iter().map(|t| t.text.clone()).collect(),
            fr_expansion: fr.expansion,
            en_expansion: en.expansion,
            note: r.notes.join("; "),
            extra,
        });
    }
    let ids = unique_ids(
        wanted
            .iter()
            .zip(&entries)
            .map(|(id, e)| (id.as_deref().map(str::trim), e.fr.as_str())),
    );
    for (entry, id) in entries.iter_mut().zip(ids) {
        entry.id = id;
    }
    // What the curated file requires of an entry, its entries must be too
    // (a TBX entry has no columns: its problems are placed by its line).
    for e in &entries {
        for (_, message) in e.validate() {
            problems.push(Problem::new(Place::Line(e.row as u64), message));
        }
    }
    // The glossary CSV allows one approved English term per French term;
    // keep that true whatever the glossary was read from.
    for conflict in Glossary::conflicts(&entries) {
        let (e, first) = conflict.entries();
        let (e, first) = (&entries[e], &entries[first]);
        let message = conflict.message(e, first, &format!("at line {}", first.row));
        problems.push(Problem::new(
            Place::Line(e.row as u64),
            format!("{message}, or mark the other deprecated"),
        ));
    }
    if problems.is_empty() {
        Ok((Glossary { entries }, stated))
    } else {
        super::sort(&mut problems);
        Err(Located::file(origin, TbxErrorKind::Problems(problems)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(name: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/glossary/tbx")
            .join(name)
    }

    fn tbx(glossary: &Glossary, options: &TbxOptions<'_>) -> String {
        let mut out = Vec::new();
        write(&mut out, glossary, options).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The fields TBX carries, without `row` and `extra`.
    /// The fields TBX carries of the entries it holds (rejected ones are
    /// not written), without `row` and `extra`.
    fn carried(g: &Glossary) -> Vec<Entry> {
        exported(g)
            .map(|e| Entry {
                row: 0,
                extra: Vec::new(),
                ..e.clone()
            })
            .collect()
    }

    const SMALL: &str = "\
fr-FR,en-GB,id,type,status,fr-FR variants,en-GB variants,fr-FR deprecated,en-GB deprecated,fr-FR expansion,en-GB expansion,note
CEI,CIS,cei,acronym,approved,,,,,Communauté des États indépendants,Commonwealth of Independent States,sommet de la CEI → CIS summit
Bakou,Baku,bakou,name,approved,,,,,,,\"Baku–Moscow uses an en dash, not <hyphen> & not \"\"-\"\"\"
HR5632,HR5632,hr5632,code,approved,,,,,,,
Douchanbé,Dushanbe,douchanbe,name,proposed,Douchanbe,Dushanbeh,Duchambé,Dushanbé|Dyushambe,,,
oléoduc,oil duct,oleoduc,term,rejected,oléoducs,,,,,,say pipeline
corridor médian,,corridor-median,term,proposed,,,,central corridor,,,
";

    fn small() -> Glossary {
        Glossary::parse(SMALL.as_bytes(), "small.csv").unwrap()
    }

    #[test]
    fn writer_output_matches_the_golden_file() {
        let mut contexts = BTreeMap::new();
        contexts.insert(
            "bakou".to_string(),
            (
                "Bakou a rappelé son ambassadeur.".to_string(),
                "Baku recalled its ambassador.".to_string(),
            ),
        );
        let options = TbxOptions {
            contexts: &contexts,
            ..TbxOptions::default()
        };
        let written = tbx(&small(), &options);
        let golden = data("golden.tbx");
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::write(&golden, &written).unwrap();
        }
        let expected = std::fs::read_to_string(&golden).unwrap();
        assert_eq!(written, expected);
        assert_eq!(tbx(&small(), &options), written, "not deterministic");
    }

    #[test]
    fn every_status_kind_and_form_round_trips() {
        let g = small();
        let back = read(tbx(&g, &TbxOptions::default()).as_bytes(), "small.tbx").unwrap();
        assert_eq!(carried(&back), carried(&g));
    }

    #[test]
    fn curated_glossary_round_trips() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary/fr-en.csv");
        let g = Glossary::load(&path).unwrap();
        let mut contexts = BTreeMap::new();
        contexts.insert(
            "cei".to_string(),
            (
                "le sommet de la CEI".to_string(),
                "the CIS summit".to_string(),
            ),
        );
        let options = TbxOptions {
            contexts: &contexts,
            ..TbxOptions::default()
        };
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("fr-en.tbx");
        write(std::fs::File::create(&file).unwrap(), &g, &options).unwrap();
        let back = load(&file).unwrap();
        assert_eq!(carried(&back), carried(&g));
        let cei = back.entries.iter().find(|e| e.id == "cei").unwrap();
        assert_eq!(
            cei.extra,
            [
                (FR_CONTEXT.to_string(), "le sommet de la CEI".to_string()),
                (EN_CONTEXT.to_string(), "the CIS summit".to_string())
            ]
        );
    }

    #[test]
    fn invalid_and_repeated_ids_are_replaced_on_write() {
        let mut g = small();
        g.entries[1].id = "Bakou!".to_string();
        g.entries[2].id = "cei".to_string();
        let back = read(tbx(&g, &TbxOptions::default()).as_bytes(), "t.tbx").unwrap();
        let ids: Vec<&str> = back.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            ["cei", "bakou", "cei-2", "douchanbe", "corridor-median"]
        );
    }

    #[test]
    fn a_rejected_entry_is_left_out_and_a_deprecated_form_is_a_deprecated_term() {
        let text = tbx(&small(), &TbxOptions::default());
        assert!(
            !text.contains("oléoduc"),
            "a rejected entry is not an entry"
        );
        assert!(
            text.contains(
                "<term>Dyushambe</term>\n            <termNote type=\"administrativeStatus\">deprecatedTerm-admn-sts</termNote>"
            ),
            "{text}"
        );
        let back = read(text.as_bytes(), "t.tbx").unwrap();
        let douchanbe = &back.entries[3];
        assert_eq!(douchanbe.fr_deprecated, ["Duchambé"]);
        assert_eq!(douchanbe.en_deprecated, ["Dushanbé", "Dyushambe"]);
        assert_eq!(douchanbe.status, Status::Proposed);
    }

    #[test]
    fn french_terms_all_deprecated_make_a_rejected_entry() {
        let text = "<martif type=\"TBX\" xml:lang=\"en\"><text><body><termEntry>\
                    <langSet xml:lang=\"fr\"><tig><term>oléoduc</term>\
                    <termNote type=\"administrativeStatus\">deprecatedTerm-admn-sts</termNote></tig></langSet>\
                    <langSet xml:lang=\"en\"><tig><term>pipeline</term></tig></langSet>\
                    </termEntry></body></text></martif>";
        let g = read(text.as_bytes(), "t.tbx").unwrap();
        assert_eq!(
            (g.entries[0].fr.as_str(), g.entries[0].status),
            ("oléoduc", Status::Rejected)
        );
        assert!(g.entries[0].fr_deprecated.is_empty());
    }

    #[test]
    fn unwritable_input_is_refused_on_write() {
        let mut g = small();
        g.entries[0].note = "bell\u{7}".to_string();
        let err = write(Vec::new(), &g, &TbxOptions::default()).unwrap_err();
        assert!(err.to_string().contains("U+0007"), "{err}");
        let options = TbxOptions {
            source: "fr_FR",
            ..TbxOptions::default()
        };
        let err = write(Vec::new(), &small(), &options).unwrap_err();
        assert!(err.to_string().contains("not a BCP 47 tag"), "{err}");
        let options = TbxOptions {
            target: "de-DE",
            ..TbxOptions::default()
        };
        let err = write(Vec::new(), &small(), &options).unwrap_err();
        assert!(err.to_string().contains("is not English"), "{err}");
    }

    #[test]
    fn client_termbase_in_multiterm_style_is_read() {
        let g = load(&data("client-multiterm.tbx")).unwrap();
        let entry = |fr: &str| g.entries.iter().find(|e| e.fr == fr).unwrap();
        assert_eq!(g.entries.len(), 6);

        let bail = entry("contrat de bail");
        assert_eq!(bail.id, "contrat-de-bail");
        assert_eq!(bail.en, "lease agreement");
        assert_eq!(bail.en_variants, ["tenancy agreement"]);
        assert_eq!(bail.fr_variants, ["bail"]);
        assert_eq!(bail.status, Status::Approved);
        assert_eq!(
            bail.note,
            "Contract by which a landlord lets a dwelling to a tenant.; \
             source: Code civil, art. 1709; subjectField: law"
        );
        assert_eq!(
            bail.extra,
            [(
                FR_CONTEXT.to_string(),
                "Le contrat de bail est signé par les deux parties.".to_string()
            )]
        );

        let tva = entry("TVA");
        assert_eq!(tva.id, "c-102");
        assert_eq!(tva.kind, "acronym");
        assert_eq!(tva.fr_expansion, "taxe sur la valeur ajoutée");
        assert_eq!(tva.en, "VAT");
        assert_eq!(tva.en_expansion, "value added tax");
        assert_eq!(tva.status, Status::Approved);

        let locataire = entry("locataire");
        assert_eq!(locataire.en, "tenant");
        assert_eq!(locataire.en_variants, ["renter"]);
        assert_eq!(locataire.status, Status::Approved);
        assert_eq!(locataire.note, "US usage");
        assert_eq!(locataire.id, "c-102-2");

        // Its English terms are deprecated and superseded: forms to avoid,
        // not a rejected entry; without an English term it is proposed.
        let preneur = entry("preneur");
        assert_eq!(preneur.status, Status::Proposed);
        assert_eq!(preneur.en, "");
        assert!(preneur.en_variants.is_empty());
        assert_eq!(preneur.en_deprecated, ["taker", "lessee"]);
        assert_eq!(preneur.id, "c-104");

        let caution = entry("dépôt de garantie");
        assert_eq!(caution.status, Status::Proposed);
        assert_eq!(caution.en, "security deposit");
        assert_eq!(caution.en_variants, ["deposit"]);
        assert_eq!(caution.note, "Kautionsbetrag in DE.");

        let paris = entry("Paris & Île-de-France");
        assert_eq!(paris.kind, "name");
        assert_eq!(paris.en, "Paris and Île-de-France");
        assert_eq!(paris.status, Status::Approved);
        assert_eq!(paris.id, "paris-ile-de-france");
    }

    #[test]
    fn utf16_with_bom_reads_like_utf8() {
        let text = tbx(&small(), &TbxOptions::default()).replace("UTF-8", "UTF-16");
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        let expected = carried(&small());
        assert_eq!(carried(&read(&le, "le.tbx").unwrap()), expected);
        assert_eq!(carried(&read(&be, "be.tbx").unwrap()), expected);
    }

    #[test]
    fn tbx_v3_is_refused_with_a_clear_message() {
        let err = load(&data("v3.tbx")).unwrap_err().to_string();
        assert!(err.contains("v3.tbx:2:1: TBX v3 (ISO 30042:2019) is not supported: export the termbase as TBX v2 (martif, ISO 30042:2008)"), "{err}");
    }

    #[test]
    fn doctype_with_internal_entities_is_refused() {
        let err = load(&data("entities.tbx")).unwrap_err().to_string();
        assert!(
            err.contains("entities.tbx:2:1: a DOCTYPE with an internal subset"),
            "{err}"
        );
    }

    #[test]
    fn an_undefined_entity_is_refused() {
        let text = "<martif type=\"TBX\" xml:lang=\"en\"><text><body><termEntry>\
                    <langSet xml:lang=\"fr\"><tig><term>&lol;</term></tig></langSet>\
                    </termEntry></body></text></martif>";
        let err = read(text.as_bytes(), "t.tbx").unwrap_err().to_string();
        assert!(err.contains("undefined entity &lol;"), "{err}");
    }

    #[test]
    fn malformed_xml_is_reported_with_line_and_column() {
        let err = load(&data("malformed.tbx")).unwrap_err();
        let (TbxErrorKind::Malformed(_), Some(at)) = (err.kind(), err.position()) else {
            panic!("{err}")
        };
        assert_eq!((at.line(), at.column()), (8, 26), "{err}");
        let message = err.to_string();
        assert!(message.contains("malformed.tbx:8:26:"), "{message}");
        assert!(message.contains("</term>"), "{message}");
    }

    #[test]
    fn missing_french_terms_are_all_reported() {
        let err = load(&data("no-french.tbx")).unwrap_err();
        let TbxErrorKind::Problems(problems) = err.kind() else {
            panic!("{err}")
        };
        let found: Vec<String> = problems
            .iter()
            .map(|p| {
                let (line, column) = (p.place.number(), p.place.column().unwrap_or(0));
                format!("{line}:{column}: {}", p.message)
            })
            .collect();
        assert_eq!(
            found,
            [
                "11:7: termEntry \"t2\" has no French term (its languages: en-GB, de-DE): add a langSet xml:lang=\"fr…\" with a term",
                "17:7: a termEntry has no French term (its languages: fr-FR, en-GB): add a langSet xml:lang=\"fr…\" with a term",
                "20:9: a <langSet> without xml:lang",
            ]
        );
        assert!(
            err.to_string().contains("no-french.tbx: 3 problem(s):\n  "),
            "{err}"
        );
    }

    #[test]
    fn a_french_term_approved_twice_is_reported() {
        let text = "<martif type=\"TBX\" xml:lang=\"en\"><text><body>\n\
                    <termEntry><langSet xml:lang=\"fr\"><tig><term>bail</term></tig></langSet>\
                    <langSet xml:lang=\"en\"><tig><term>lease</term></tig></langSet></termEntry>\n\
                    <termEntry><langSet xml:lang=\"fr\"><tig><term>Bail</term></tig></langSet>\
                    <langSet xml:lang=\"en\"><tig><term>tenancy</term></tig></langSet></termEntry>\n\
                    </body></text></martif>";
        let err = read(text.as_bytes(), "t.tbx").unwrap_err().to_string();
        assert_eq!(
            err,
            "t.tbx: 1 problem(s):\n  t.tbx:3: \"Bail\" is approved as \"tenancy\" here and as \"lease\" at line 2: keep one, or mark the other deprecated"
        );
    }

    #[test]
    fn not_a_tbx_file_is_refused() {
        let text = "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header/><body/></tmx>";
        let err = read(text.as_bytes(), "t.tbx").unwrap_err().to_string();
        assert_eq!(
            err,
            "t.tbx:2:1: root element is <tmx>, not <martif>: not a TBX v2 file"
        );
    }
}
