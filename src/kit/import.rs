//! A kit coming back: the segment pairs a translator's OmegaT saved
//! (`omegat/project_save.tmx`) made into the document's English, line for
//! line with its French, and into its segment pairs.
//!
//! `target/NAME.txt` of a returned project keeps the French of segments not
//! translated, so the pairs are the source of truth. Everything is checked
//! before anything is returned, and every problem is reported at once with
//! the unit's place in the file: a source that is no segment of the
//! document today (the French changed since the kit was made, or the kit is
//! another document's: CAT tools strip metadata, so the segments
//! themselves are compared), one source translated two ways, a target in
//! another language. A DOCTYPE that declares entities is refused by the
//! TMX reader. A paragraph with a segment not translated stays as it was
//! (empty when it was not translated yet) and is reported.

use std::collections::BTreeMap;
use std::path::Path;

use crate::align::document::Document;
use crate::tm::tmx::{TmxError, read_path};
use crate::tm::{Unit, Variant};

/// Why a returned kit cannot be taken.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The TMX is unreadable or malformed.
    #[error(transparent)]
    Tmx(#[from] TmxError),
    /// The pairs do not fit the document; each problem on a line.
    #[error("{origin}: {} problem(s), nothing written:\n{}", problems.len(), problems.join("\n"))]
    Problems {
        /// The file.
        origin: String,
        /// What is wrong, each with its unit.
        problems: Vec<String>,
    },
}

/// One segment pair returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Returned {
    /// 1-based place of its unit in the file.
    pub unit: usize,
    /// The French segment.
    pub source: String,
    /// Its translation (empty: translated as nothing, the English of a
    /// sentence joined to the one before).
    pub target: String,
}

/// The segment pairs of a TMX from `source` to `target` (BCP 47; any
/// variety of the languages), each unit's place kept for messages.
pub fn read_pairs(path: &Path, source: &str, target: &str) -> Result<Vec<Returned>, ImportError> {
    let (_, units) = read_path(path)?;
    let origin = path.display().to_string();
    let mut problems = Vec::new();
    let mut pairs = Vec::new();
    for (i, unit) in units.iter().enumerate() {
        let langs: Vec<&str> = unit.variants.iter().map(Variant::lang).collect();
        let (Some(s), Some(t)) = (unit.variant_index(source), unit.variant_index(target)) else {
            problems.push(format!(
                "unit {}: languages {} where {source} and {target} are expected: a kit of another language pair",
                i + 1,
                langs.join(", ")
            ));
            continue;
        };
        pairs.push(Returned {
            unit: i + 1,
            source: unit.variants[s].text(),
            target: unit.variants[t].text(),
        });
    }
    if problems.is_empty() {
        Ok(pairs)
    } else {
        Err(ImportError::Problems { origin, problems })
    }
}

/// What a returned kit makes of a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    /// The English, one line per French line (blank lines blank).
    pub english: Vec<String>,
    /// Lines (1-based) of French paragraphs not (wholly) translated.
    pub untranslated: Vec<usize>,
    /// Lines whose English the import wrote or changed.
    pub changed: Vec<usize>,
    /// The segment pairs, one unit per French segment translated
    /// (`tuid` `NAME:LINE:SENTENCE`), in document order.
    pub pairs: Vec<Unit>,
}

/// The English of `document` (the French as segmented today) from the
/// `returned` pairs read from `origin`; `existing` is its English now, one
/// line per French line (shorter when it stops early). A paragraph keeps
/// its English when the pairs do not translate each of its segments.
pub fn import(
    document: &Document,
    existing: &[String],
    returned: &[Returned],
    origin: &str,
    languages: (&str, &str),
) -> Result<Imported, ImportError> {
    let mut problems = Vec::new();
    let segments: std::collections::HashSet<&str> = document
        .paragraphs
        .iter()
        .flat_map(|p| p.spans.iter().map(|s| &p.text[s.clone()]))
        .collect();
    let mut translation: BTreeMap<&str, (&str, usize)> = BTreeMap::new();
    let mut known = 0;
    for r in returned {
        if !segments.contains(r.source.as_str()) {
            problems.push(format!(
                "unit {}: “{}” is no segment of {} today: the French changed since the kit was made (a conflict: export the kit again and translate what changed), or the kit is another document's",
                r.unit,
                short(&r.source),
                document.origin
            ));
            continue;
        }
        known += 1;
        match translation.get(r.source.as_str()) {
            Some(&(other, unit)) if other != r.target => problems.push(format!(
                "unit {}: “{}” is translated twice, differently (units {unit} and {}): keep one",
                r.unit,
                short(&r.source),
                r.unit
            )),
            Some(_) => {}
            None => {
                translation.insert(&r.source, (&r.target, r.unit));
            }
        }
    }
    if known == 0 && !returned.is_empty() {
        return Err(ImportError::Problems {
            origin: origin.to_string(),
            problems: vec![format!(
                "none of its {} segments is a segment of {}: a kit of another document",
                returned.len(),
                document.origin
            )],
        });
    }
    if !problems.is_empty() {
        return Err(ImportError::Problems {
            origin: origin.to_string(),
            problems,
        });
    }
    let lines = document.paragraphs.last().map_or(0, |p| p.line);
    let mut english: Vec<String> = (0..lines)
        .map(|i| existing.get(i).cloned().unwrap_or_default())
        .collect();
    let (mut untranslated, mut changed, mut pairs) = (Vec::new(), Vec::new(), Vec::new());
    for p in document.paragraphs.iter().filter(|p| !p.spans.is_empty()) {
        let found: Vec<Option<&str>> = p
            .spans
            .iter()
            .map(|s| translation.get(&p.text[s.clone()]).map(|&(t, _)| t))
            .collect();
        if found.iter().any(Option::is_none) {
            if english[p.line - 1].trim().is_empty() {
                untranslated.push(p.line);
            }
            continue;
        }
        let mut line = String::new();
        let mut end = 0;
        for (span, target) in p.spans.iter().zip(&found) {
            let target = target.unwrap_or_default();
            let gap = &p.text[end..span.start];
            end = span.end;
            if target.is_empty() {
                continue;
            }
            if !line.is_empty() {
                line.push_str(if gap.is_empty() { " " } else { gap });
            }
            line.push_str(target);
        }
        for (i, (span, target)) in p.spans.iter().zip(&found).enumerate() {
            let target = target.unwrap_or_default();
            if target.is_empty() {
                continue;
            }
            let mut unit = Unit::new(&format!("{}:{}:{}", document.name, p.line, i + 1));
            unit.variants
                .push(Variant::plain(languages.0, &p.text[span.clone()]));
            unit.variants.push(Variant::plain(languages.1, target));
            pairs.push(unit);
        }
        if english[p.line - 1] != line {
            changed.push(p.line);
            english[p.line - 1] = line;
        }
    }
    Ok(Imported {
        english,
        untranslated,
        changed,
        pairs,
    })
}

/// The first words of a segment, for messages.
fn short(text: &str) -> String {
    let mut words: Vec<&str> = text.split_whitespace().take(8).collect();
    if text.split_whitespace().count() > 8 {
        words.push("…");
    }
    words.join(" ")
}
