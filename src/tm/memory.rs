//! Translation memories loaded for one language pair: what lookup,
//! concordance and analysis search.
//!
//! A [`Memory`] holds the translation pairs of one or more files (TMX 1.1–
//! 1.4b, UTF-8 or UTF-16, and the bilingual CSV/TSV tables of
//! [`super::table`]), each file with its penalty (as OmegaT's
//! `tm/penalty-NN/` folders give one). Each pair keeps what a translator
//! needs to see where it comes from: the file, the unit's `tuid` and
//! position, its date, its props, and the context it was translated in
//! (the source segments before and after it) when the memory recorded it.
//! Texts live in one arena, so that a memory of millions of units stays
//! compact.
//!
//! Languages: a unit's source is its variant in the source language, its
//! translation the variant in the target language, each found by exact tag
//! first (case-insensitive) and else by any variety of the language
//! (`en-US` serves for `en-GB` when a unit has no `en-GB`; the pair then
//! names the variant's own tag). Units without both are left out and
//! counted; a file none of whose units has both is an error.

use std::collections::BTreeSet;
use std::fs::File;
use std::path::Path;

use crate::formats::{Accepted, FileFormat};

use super::score::{Context, Segment, Tag, TagKind};
use super::table::{Delimiter, TableError, TableErrorKind, TableReader};
use super::tmx::{TmxError, TmxErrorKind, TmxReader};
use super::{Element, Inline, Unit, is_code_element, parse_tmx_date};
use crate::error::{ErrorKind, Located};

/// The props that carry the source segments around a unit: tmkit's and
/// memoQ's, then OmegaT's (`project_save.tmx` writes them for alternative
/// translations).
pub const CONTEXT_PROPS: [(&str, &str); 2] =
    [("x-context-pre", "x-context-post"), ("prev", "next")];

/// A memory that could not be loaded: its [kind](MemoryErrorKind), the
/// file and, for what is wrong inside it, the [place](crate::error::Place).
pub type MemoryError = Located<MemoryErrorKind>;

/// Why a memory could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MemoryErrorKind {
    /// The TMX file is unreadable or malformed.
    #[error(transparent)]
    Tmx(TmxErrorKind),
    /// The table is unreadable or malformed.
    #[error(transparent)]
    Table(TableErrorKind),
    /// The file could not be opened.
    #[error("{0}")]
    Io(#[source] std::io::Error),
    /// Not a format a memory can be read from.
    #[error(
        "not a translation memory tmkit reads: give a .tmx file or a bilingual .csv or .tsv table"
    )]
    Format,
    /// No unit has both languages.
    #[error(
        "none of its {units} unit(s) has both {source_lang} and {target_lang} segments{}",
        its_languages(languages)
    )]
    NoPair {
        /// Units read.
        units: usize,
        /// The source language asked for.
        source_lang: String,
        /// The target language asked for.
        target_lang: String,
        /// Languages the units have (the first few units' without both).
        languages: Vec<String>,
    },
}

/// ` (its languages: …)`, or nothing when there are none.
fn its_languages(languages: &[String]) -> String {
    if languages.is_empty() {
        String::new()
    } else {
        format!(" (its languages: {})", languages.join(", "))
    }
}

impl ErrorKind for MemoryErrorKind {
    fn describe(&self, origin: &str, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MemoryErrorKind::Tmx(kind) => kind.describe(origin, f),
            MemoryErrorKind::Table(kind) => kind.describe(origin, f),
            other => std::fmt::Display::fmt(other, f),
        }
    }

    fn table(&self) -> bool {
        matches!(self, MemoryErrorKind::Table(_))
    }
}

impl From<TmxError> for MemoryError {
    fn from(e: TmxError) -> MemoryError {
        e.map_kind(MemoryErrorKind::Tmx)
    }
}

impl From<TableError> for MemoryError {
    fn from(e: TableError) -> MemoryError {
        e.map_kind(MemoryErrorKind::Table)
    }
}

/// A span of the arena.
#[derive(Clone, Copy, Debug, Default)]
struct Span {
    start: u32,
    len: u32,
}

/// A range of `Memory::tags` or `Memory::props`.
#[derive(Clone, Copy, Debug, Default)]
struct Range32 {
    start: u32,
    end: u32,
}

impl Range32 {
    fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

#[derive(Clone, Copy, Debug)]
struct Record {
    source: Span,
    target: Span,
    source_tags: Range32,
    target_tags: Range32,
    tuid: Span,
    target_lang: Span,
    props: Range32,
    /// Before and after, when recorded.
    context: Option<(Span, Span)>,
    /// Unix seconds of the unit's last date (`changedate`, else
    /// `creationdate`); `i64::MIN` when it has none.
    date: i64,
    /// 0-based position of the unit in its file.
    unit: u32,
    file: u16,
}

/// A file a memory was loaded from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemoryFile {
    /// The file as given.
    pub name: String,
    /// Points taken off every match from it.
    pub penalty: u8,
    /// Units read.
    pub units: usize,
    /// Units with both languages (the pairs loaded).
    pub pairs: usize,
    /// Target language tags of the pairs (`en-GB`, or `en-US` where only
    /// that variety was there).
    pub target_tags: BTreeSet<String>,
}

/// Translation pairs of one language pair, from one or more files.
#[derive(Debug)]
pub struct Memory {
    source_lang: String,
    target_lang: String,
    files: Vec<MemoryFile>,
    arena: String,
    records: Vec<Record>,
    tags: Vec<Tag>,
    props: Vec<(Span, Span)>,
}

/// One translation pair of a memory, borrowed.
#[derive(Clone, Copy, Debug)]
pub struct MemoryPair<'a> {
    /// The source segment.
    pub source: Segment<'a>,
    /// The translation.
    pub target: Segment<'a>,
    /// The translation's language tag.
    pub target_lang: &'a str,
    /// Where it comes from.
    pub origin: Origin<'a>,
}

/// Where a pair comes from.
#[derive(Clone, Copy, Debug)]
pub struct Origin<'a> {
    /// The file.
    pub file: &'a MemoryFile,
    /// The index of the file among the memory's files.
    pub file_index: usize,
    /// The unit's `tuid`, or empty.
    pub tuid: &'a str,
    /// 0-based position of the unit in its file.
    pub unit: usize,
    /// Unix seconds of the unit's last change, if dated.
    pub date: Option<i64>,
    memory: &'a Memory,
    props: Range32,
}

impl<'a> Origin<'a> {
    /// The unit's props, `(type, value)`, in order.
    pub fn props(&self) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        let memory = self.memory;
        memory.props[self.props.range()]
            .iter()
            .map(move |&(t, v)| (memory.text(t), memory.text(v)))
    }
}

impl Memory {
    /// An empty memory for a language pair (BCP 47 tags).
    pub fn new(source_lang: &str, target_lang: &str) -> Memory {
        Memory {
            source_lang: source_lang.to_string(),
            target_lang: target_lang.to_string(),
            files: Vec::new(),
            arena: String::new(),
            records: Vec::new(),
            tags: Vec::new(),
            props: Vec::new(),
        }
    }

    /// The source language.
    pub fn source_lang(&self) -> &str {
        &self.source_lang
    }

    /// The target language.
    pub fn target_lang(&self) -> &str {
        &self.target_lang
    }

    /// The files loaded, in order.
    pub fn files(&self) -> &[MemoryFile] {
        &self.files
    }

    /// Number of pairs.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether no pair is loaded.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Bytes of text held (sources, translations, ids, props).
    pub fn text_bytes(&self) -> usize {
        self.arena.len()
    }

    /// Reads a memory file by its extension (`.tmx`; `.csv` or `.tsv`
    /// tables) with a penalty, and adds its pairs.
    pub fn load(&mut self, path: &Path, penalty: u8) -> Result<&MemoryFile, MemoryError> {
        let name = path.display().to_string();
        match Accepted::MEMORIES.format(path) {
            Some(FileFormat::Tmx) => {
                let mut reader = TmxReader::open(path)?;
                self.add_read(&name, penalty, |unit| Ok(reader.read_into(unit)?))
            }
            Some(format @ (FileFormat::Csv | FileFormat::Tsv)) => {
                let file =
                    File::open(path).map_err(|e| Located::file(&*name, MemoryErrorKind::Io(e)))?;
                let delimiter = (format == FileFormat::Tsv).then_some(Delimiter::Tab);
                let table = TableReader::new(file, delimiter, &name, false)?;
                self.add_units(&name, penalty, table)
            }
            _ => Err(Located::file(name, MemoryErrorKind::Format)),
        }
    }

    /// Adds the pairs of `units` (read from `name`) with a penalty; an
    /// error when none has both languages.
    pub fn add_units<E: Into<MemoryError>>(
        &mut self,
        name: &str,
        penalty: u8,
        units: impl IntoIterator<Item = Result<Unit, E>>,
    ) -> Result<&MemoryFile, MemoryError> {
        let mut units = units.into_iter();
        self.add_read(name, penalty, |unit| match units.next() {
            Some(Ok(next)) => {
                *unit = next;
                Ok(true)
            }
            Some(Err(e)) => Err(e.into()),
            None => Ok(false),
        })
    }

    /// [`Memory::add_units`] from `read`, which reads the next unit into the
    /// one it is given (`false` at the end): a TMX file's units are read
    /// into one unit's room ([`TmxReader::read_into`]).
    fn add_read(
        &mut self,
        name: &str,
        penalty: u8,
        mut read: impl FnMut(&mut Unit) -> Result<bool, MemoryError>,
    ) -> Result<&MemoryFile, MemoryError> {
        let file = self.files.len() as u16;
        let mut summary = MemoryFile {
            name: name.to_string(),
            penalty,
            units: 0,
            pairs: 0,
            target_tags: BTreeSet::new(),
        };
        let mut languages = BTreeSet::new();
        let first = self.records.len();
        let mut unit = Unit::default();
        loop {
            match read(&mut unit) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    self.truncate(first);
                    return Err(e);
                }
            }
            let position = summary.units as u32;
            summary.units += 1;
            let (Some(s), Some(t)) = (
                unit.variant_index(&self.source_lang),
                unit.variant_index(&self.target_lang),
            ) else {
                if languages.len() < 8 {
                    languages.extend(unit.variants.iter().map(|v| v.lang().to_string()));
                }
                continue;
            };
            if s == t {
                continue;
            }
            let target_lang = unit.variants[t].lang().to_string();
            summary.target_tags.insert(target_lang.clone());
            self.push(&unit, s, t, &target_lang, position, file);
            summary.pairs += 1;
        }
        if summary.pairs == 0 {
            let kind = MemoryErrorKind::NoPair {
                units: summary.units,
                source_lang: self.source_lang.clone(),
                target_lang: self.target_lang.clone(),
                languages: languages.into_iter().collect(),
            };
            return Err(Located::file(name, kind));
        }
        self.files.push(summary);
        Ok(self.files.last().expect("a file was just added"))
    }

    /// Drops the records from `first` on (a file that failed half-way).
    fn truncate(&mut self, first: usize) {
        if let Some(r) = self.records.get(first) {
            self.arena.truncate(r.source.start as usize);
            self.tags.truncate(r.source_tags.start as usize);
            self.props.truncate(r.props.start as usize);
        }
        self.records.truncate(first);
    }

    fn put(&mut self, text: &str) -> Span {
        let start = self.arena.len() as u32;
        self.arena.push_str(text);
        Span {
            start,
            len: text.len() as u32,
        }
    }

    fn text(&self, span: Span) -> &str {
        &self.arena[span.start as usize..(span.start + span.len) as usize]
    }

    fn push_segment(&mut self, content: &[Inline]) -> (Span, Range32) {
        let mut text = String::new();
        let start = self.tags.len() as u32;
        tagged(content, &mut text, &mut self.tags);
        let span = self.put(&text);
        (
            span,
            Range32 {
                start,
                end: self.tags.len() as u32,
            },
        )
    }

    fn push(
        &mut self,
        unit: &Unit,
        s: usize,
        t: usize,
        target_lang: &str,
        position: u32,
        file: u16,
    ) {
        let (source, source_tags) = self.push_segment(&unit.variants[s].seg);
        let (target, target_tags) = self.push_segment(&unit.variants[t].seg);
        let tuid = self.put(unit.tuid().unwrap_or(""));
        let target_lang = self.put(target_lang);
        let props_start = self.props.len() as u32;
        for a in &unit.annotations {
            if let Some(kind) = a.prop_type() {
                let kind = self.put(kind);
                let value = self.put(&a.text);
                self.props.push((kind, value));
            }
        }
        let props = Range32 {
            start: props_start,
            end: self.props.len() as u32,
        };
        // Context: on the unit (tmkit, memoQ) or on the source variant.
        let source_variant = &unit.variants[s];
        let prop = |kind: &str| {
            unit.prop(kind).or_else(|| {
                source_variant
                    .annotations
                    .iter()
                    .find(|a| a.prop_type() == Some(kind))
                    .map(|a| a.text.as_str())
            })
        };
        let context = CONTEXT_PROPS
            .iter()
            .find_map(|(before, after)| Some((prop(before)?, prop(after)?)))
            .map(|(b, a)| (b.to_string(), a.to_string()));
        let context = context.map(|(b, a)| (self.put(&b), self.put(&a)));
        let date = unit
            .last_date()
            .and_then(parse_tmx_date)
            .unwrap_or(i64::MIN);
        self.records.push(Record {
            source,
            target,
            source_tags,
            target_tags,
            tuid,
            target_lang,
            props,
            context,
            date,
            unit: position,
            file,
        });
    }

    /// The pair at `index` (0-based, in loading order).
    pub fn pair(&self, index: usize) -> MemoryPair<'_> {
        let r = &self.records[index];
        MemoryPair {
            source: Segment {
                text: self.text(r.source),
                tags: &self.tags[r.source_tags.range()],
            },
            target: Segment {
                text: self.text(r.target),
                tags: &self.tags[r.target_tags.range()],
            },
            target_lang: self.text(r.target_lang),
            origin: Origin {
                file: &self.files[usize::from(r.file)],
                file_index: usize::from(r.file),
                tuid: self.text(r.tuid),
                unit: r.unit as usize,
                date: (r.date != i64::MIN).then_some(r.date),
                memory: self,
                props: r.props,
            },
        }
    }

    /// The source segment of pair `index`.
    pub fn source(&self, index: usize) -> Segment<'_> {
        let r = &self.records[index];
        Segment {
            text: self.text(r.source),
            tags: &self.tags[r.source_tags.range()],
        }
    }

    /// The context recorded with pair `index`, if any.
    pub fn context(&self, index: usize) -> Option<(&str, &str)> {
        let (b, a) = self.records[index].context?;
        Some((self.text(b), self.text(a)))
    }

    /// Whether pair `index` was translated in `context`.
    pub(crate) fn in_context(&self, index: usize, context: &Context) -> bool {
        self.context(index).is_some_and(|(b, a)| {
            b.trim() == context.before.trim() && a.trim() == context.after.trim()
        })
    }

    /// The order in which pairs of equal score are listed: newer first,
    /// then earlier file, then earlier unit.
    pub(crate) fn rank(&self, index: usize) -> (std::cmp::Reverse<i64>, u16, u32) {
        let r = &self.records[index];
        (std::cmp::Reverse(r.date), r.file, r.unit)
    }

    /// The penalty of pair `index`'s file.
    pub fn penalty(&self, index: usize) -> u8 {
        self.files[usize::from(self.records[index].file)].penalty
    }
}

/// The text of segment content (as [`super::plain_text`] gives it) and
/// its tags: `hi` opens and closes, `bpt`/`ept` pair by their `i`, `ph`
/// `it` `ut` stand alone; numbered in order, a closing tag taking its
/// opening tag's number.
pub fn tagged(content: &[Inline], text: &mut String, tags: &mut Vec<Tag>) {
    let mut numbers = Vec::new();
    let mut next = 0u16;
    walk(content, text, tags, &mut numbers, &mut next);
}

fn code_hash(element: &Element) -> u32 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    element.name.hash(&mut hasher);
    for (name, value) in &element.attributes {
        if !matches!(name.as_ref(), "i" | "x") {
            name.hash(&mut hasher);
            value.hash(&mut hasher);
        }
    }
    if is_code_element(&element.name) {
        super::plain_text(&element.content).hash(&mut hasher);
        // Native code is the content of code elements, text or not.
        let mut code = String::new();
        collect_text(&element.content, &mut code);
        code.hash(&mut hasher);
    }
    hasher.finish() as u32
}

fn collect_text(content: &[Inline], out: &mut String) {
    for inline in content {
        match inline {
            Inline::Text(t) => out.push_str(t),
            Inline::Element(e) => collect_text(&e.content, out),
        }
    }
}

fn walk(
    content: &[Inline],
    text: &mut String,
    tags: &mut Vec<Tag>,
    numbers: &mut Vec<(String, u16)>,
    next: &mut u16,
) {
    for inline in content {
        match inline {
            Inline::Text(t) => text.push_str(t),
            Inline::Element(e) => {
                let at = text.len() as u32;
                let code = code_hash(e);
                let i = super::attribute(&e.attributes, "i")
                    .unwrap_or("")
                    .to_string();
                let mut tag = |kind, number| {
                    tags.push(Tag {
                        at,
                        kind,
                        number,
                        code,
                    })
                };
                match e.name.as_str() {
                    "hi" => {
                        *next += 1;
                        let number = *next;
                        tag(TagKind::Open, number);
                        walk(&e.content, text, tags, numbers, next);
                        tags.push(Tag {
                            at: text.len() as u32,
                            kind: TagKind::Close,
                            number,
                            code,
                        });
                    }
                    "bpt" => {
                        *next += 1;
                        numbers.push((i, *next));
                        tag(TagKind::Open, *next);
                    }
                    "ept" => {
                        let number = match numbers.iter().position(|(k, _)| *k == i) {
                            Some(p) => numbers.remove(p).1,
                            None => {
                                *next += 1;
                                *next
                            }
                        };
                        tag(TagKind::Close, number);
                    }
                    _ => {
                        *next += 1;
                        tag(TagKind::Standalone, *next);
                    }
                }
            }
        }
    }
}

/// A segment with its tags shown as CAT tools show them: `<1>…</1>`,
/// `<2/>`.
///
/// ```
/// use tmkit::tm::score::{Segment, Tag, TagKind};
/// let tags = [Tag { at: 3, kind: TagKind::Open, number: 1, code: 0 }, Tag { at: 7, kind: TagKind::Close, number: 1, code: 0 }];
/// let s = Segment { text: "Le chat.", tags: &tags };
/// assert_eq!(tmkit::tm::memory::render(s), "Le <1>chat</1>.");
/// ```
pub fn render(segment: Segment<'_>) -> String {
    let mut out = String::with_capacity(segment.text.len() + 8 * segment.tags.len());
    let mut start = 0;
    for tag in segment.tags {
        let at = (tag.at as usize).clamp(start, segment.text.len());
        out.push_str(&segment.text[start..at]);
        match tag.kind {
            TagKind::Open => out.push_str(&format!("<{}>", tag.number)),
            TagKind::Close => out.push_str(&format!("</{}>", tag.number)),
            TagKind::Standalone => out.push_str(&format!("<{}/>", tag.number)),
        }
        start = at;
    }
    out.push_str(&segment.text[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tm::Variant;

    fn unit(id: &str, pairs: &[(&str, &str)]) -> Unit {
        let mut u = Unit::new(id);
        for (lang, text) in pairs {
            u.variants.push(Variant::plain(lang, text));
        }
        u
    }

    #[test]
    fn a_variety_of_the_target_language_serves_when_the_exact_one_is_missing() {
        let mut m = Memory::new("fr-FR", "en-GB");
        let units = vec![
            unit("1", &[("fr-FR", "Oui."), ("en-US", "Yes (US).")]),
            unit(
                "2",
                &[("fr-FR", "Non."), ("en-US", "No (US)."), ("en-GB", "No.")],
            ),
            unit("3", &[("de-DE", "Ja.")]),
        ];
        let file = m
            .add_units("m.tmx", 0, units.into_iter().map(Ok::<_, MemoryError>))
            .unwrap();
        assert_eq!((file.units, file.pairs), (3, 2));
        assert_eq!(m.pair(0).target_lang, "en-US");
        assert_eq!(m.pair(1).target.text, "No.");
    }

    #[test]
    fn a_memory_without_the_pair_is_an_error_naming_its_languages() {
        let mut m = Memory::new("fr-FR", "en-GB");
        let units = vec![unit("1", &[("de-DE", "Ja."), ("en-GB", "Yes.")])];
        let e = m
            .add_units("m.tmx", 0, units.into_iter().map(Ok::<_, MemoryError>))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("none of its 1 unit(s) has both fr-FR and en-GB segments (its languages: de-DE, en-GB)"),
            "{e}"
        );
        assert!(m.is_empty() && m.files().is_empty());
    }

    #[test]
    fn context_comes_from_tmkit_memoq_or_omegat_props() {
        let mut m = Memory::new("fr-FR", "en-GB");
        let mut a = unit("1", &[("fr-FR", "B."), ("en-GB", "B.")]);
        a.push_prop("x-context-pre", "A.");
        a.push_prop("x-context-post", "C.");
        let mut b = unit("2", &[("fr-FR", "B."), ("en-GB", "B.")]);
        b.variants[0]
            .annotations
            .push(crate::tm::Annotation::prop("prev", "A."));
        b.variants[0]
            .annotations
            .push(crate::tm::Annotation::prop("next", ""));
        m.add_units("m.tmx", 0, [Ok::<_, MemoryError>(a), Ok(b)])
            .unwrap();
        assert_eq!(m.context(0), Some(("A.", "C.")));
        assert_eq!(m.context(1), Some(("A.", "")));
    }
}
