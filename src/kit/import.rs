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

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;

use super::returned_xliff::XliffError;
use crate::align::document::SegmentedDocument;
use crate::language::Evidence;
use crate::tm::tmx::{TmxError, read_path};
use crate::tm::{Unit, Variant};

/// Why a returned kit cannot be taken.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The TMX is unreadable or malformed.
    #[error(transparent)]
    Tmx(#[from] TmxError),
    /// The XLIFF is not well-formed, not XLIFF 1.2 or 2.x, or holds what
    /// cannot be read back (an inline code); where.
    #[error(transparent)]
    Xml(#[from] XliffError),
    /// The pairs do not fit the document; each problem on a line.
    #[error("{origin}: {} problem(s), nothing written:\n{}", problems.len(), problems.join("\n"))]
    Problems {
        /// The file.
        origin: String,
        /// What is wrong, each with its place.
        problems: Vec<String>,
    },
}

/// One segment pair returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Returned {
    /// Where it is in the returned file, for messages: `unit 3` of a TMX,
    /// `FILE:LINE:COLUMN (trans-unit …)` of an XLIFF.
    pub place: String,
    /// The line of the paragraph its unit's id names (XLIFF); none in a
    /// TMX, whose segments are found by their text.
    pub paragraph: Option<usize>,
    /// The document its unit's id names (`NAME` of an XLIFF id
    /// `NAME:LINE`, as [`super::xliff`] writes it).
    pub document: Option<String>,
    /// The French: a segment, or several the CAT tool joined, or (XLIFF) a
    /// whole paragraph.
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
            place: format!("unit {}", i + 1),
            paragraph: None,
            document: None,
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

/// What the workspace holds of a document before the import.
#[derive(Clone, Copy, Debug, Default)]
pub struct Current<'a> {
    /// Its English, one line per French line (shorter when it stops early).
    pub english: &'a [String],
    /// The pairs of the kits returned before (`seeds/pairs/NAME.fr-en.tmx`).
    pub pairs: &'a [Unit],
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
    /// Lines the return translates whole (what the glossary check reads).
    pub translated: Vec<usize>,
    /// Lines translated whole but not sentence by sentence (segments the
    /// CAT tool joined, or a target for the whole paragraph): no pairs, the
    /// workspace aligns them like any reference translation.
    pub joined: Vec<usize>,
    /// The document's segment pairs: one unit per French segment translated
    /// (`tuid` `NAME:LINE:SENTENCE`), in document order; those of kits
    /// returned before kept for the lines this one leaves alone.
    pub pairs: Vec<Unit>,
}

impl Imported {
    /// Whether the workspace holds all of it already (the kit was imported
    /// before): the English unchanged and the same pairs as `current`.
    pub fn already_in(&self, current: &[Unit]) -> bool {
        self.changed.is_empty() && self.same_pairs(current)
    }

    /// Whether its pairs are `current`'s, unit for unit.
    pub fn same_pairs(&self, current: &[Unit]) -> bool {
        self.pairs.len() == current.len()
            && self
                .pairs
                .iter()
                .zip(current)
                .all(|(a, b)| a.tuid() == b.tuid() && a.variants == b.variants)
    }
}

/// Where a returned translation goes: a run of segments of a paragraph.
struct Assigned<'r> {
    /// The segment after the run.
    end: usize,
    target: &'r str,
    place: &'r str,
}

/// The line of a pair's `tuid` (`NAME:LINE:SENTENCE`) and its sentence.
fn place_of(unit: &Unit) -> Option<(usize, usize)> {
    let mut parts = unit.tuid()?.rsplit(':');
    let sentence = parts.next()?.parse().ok()?;
    Some((parts.next()?.parse().ok()?, sentence))
}

/// The text of a unit in `lang`.
fn text_of(unit: &Unit, lang: &str) -> String {
    unit.variant(lang).map(Variant::text).unwrap_or_default()
}

/// The English of `document` (the French as segmented today) from the
/// `returned` pairs read from `origin`, against what the workspace holds
/// (`current`). A paragraph keeps its English when the pairs do not
/// translate each of its segments. An English line that is neither empty
/// nor what a kit returned before is a conflict, never overwritten.
pub fn import(
    document: &SegmentedDocument,
    current: Current<'_>,
    returned: &[Returned],
    origin: &str,
    languages: (&str, &str),
) -> Result<Imported, ImportError> {
    let name = super::xliff::token(&document.name);
    let problems_of = |problems: Vec<String>| ImportError::Problems {
        origin: origin.to_string(),
        problems,
    };
    let named: BTreeSet<&str> = returned
        .iter()
        .filter_map(|r| r.document.as_deref())
        .collect();
    if !named.is_empty() && !named.contains(name.as_str()) {
        return Err(problems_of(vec![format!(
            "its units are of {}, not of {}: a kit of another document",
            named.into_iter().collect::<Vec<_>>().join(", "),
            document.origin
        )]));
    }
    let mut problems = Vec::new();
    let segments: HashSet<&str> = document
        .paragraphs
        .iter()
        .flat_map(|p| p.spans.iter().map(|s| &p.text[s.clone()]))
        .collect();
    let paragraphs: BTreeMap<usize, &crate::align::document::SegmentedParagraph> = document
        .paragraphs
        .iter()
        .filter(|p| !p.spans.is_empty())
        .map(|p| (p.line, p))
        .collect();
    // Translations by place (XLIFF) and by text (TMX).
    let mut assigned: BTreeMap<(usize, usize), Assigned<'_>> = BTreeMap::new();
    let mut by_text: BTreeMap<&str, (&str, &str)> = BTreeMap::new();
    let mut known = 0;
    let mut all = Evidence::default();
    for r in returned {
        let mut evidence = Evidence::default();
        evidence.add(&r.target);
        all.add(&r.target);
        if evidence.language() == Some("fr") {
            problems.push(format!(
                "{}: the target “{}” is French, not English: a translation in another language, or the source copied to the target; translate it or empty it",
                r.place,
                short(&r.target)
            ));
        }
        let source = crate::text::nfc(&r.source);
        if let Some(line) = r.paragraph {
            if let Some(other) = r.document.as_deref().filter(|d| *d != name) {
                problems.push(format!(
                    "{}: a unit of {other}, not of {name}: units of two documents in one file",
                    r.place
                ));
                continue;
            }
            let Some(p) = paragraphs.get(&line) else {
                problems.push(format!(
                    "{}: its id names line {line}, which has no text in {} today: the French changed since the kit was made (a conflict: export the kit again and translate what changed)",
                    r.place, document.origin
                ));
                continue;
            };
            let n = p.spans.len();
            let run = (0..n).find_map(|i| {
                (i + 1..=n)
                    .find(|&j| p.text[p.spans[i].start..p.spans[j - 1].end] == *source)
                    .map(|j| (i, j))
            });
            let run = run.or_else(|| (p.text == *source).then_some((0, n)));
            let Some((i, end)) = run else {
                problems.push(format!(
                    "{}: “{}” is not the French of line {line} of {} today: the French changed since the kit was made (a conflict: export the kit again and translate what changed)",
                    r.place,
                    short(&source),
                    document.origin
                ));
                continue;
            };
            known += 1;
            let overlapping = assigned
                .range((line, 0)..(line, end))
                .find(|((_, k), a)| *k < end && a.end > i)
                .map(|(&(_, k), a)| (k, a.end, a.target, a.place));
            match overlapping {
                Some((k, e, target, _)) if (k, e) == (i, end) && target == r.target => {}
                Some((_, _, _, place)) => problems.push(format!(
                    "{}: line {line} is translated twice, differently (also at {place}): keep one",
                    r.place
                )),
                None => {
                    assigned.insert(
                        (line, i),
                        Assigned {
                            end,
                            target: &r.target,
                            place: &r.place,
                        },
                    );
                }
            }
            continue;
        }
        if !segments.contains(&*source) {
            problems.push(format!(
                "{}: “{}” is no segment of {} today: the French changed since the kit was made (a conflict: export the kit again and translate what changed), or the kit is another document's",
                r.place,
                short(&source),
                document.origin
            ));
            continue;
        }
        known += 1;
        let Some(text) = segments.get(&*source).copied() else {
            continue;
        };
        match by_text.get(text) {
            Some(&(other, place)) if other != r.target => problems.push(format!(
                "{}: “{}” is translated twice, differently ({place} and {}): keep one",
                r.place,
                short(text),
                r.place
            )),
            Some(_) => {}
            None => {
                by_text.insert(text, (&r.target, &r.place));
            }
        }
    }
    // A TMX names no paragraph: none of its sources found is the sign of
    // another document's kit.
    if known == 0 && !returned.is_empty() && returned.iter().all(|r| r.paragraph.is_none()) {
        return Err(problems_of(vec![format!(
            "none of its {} segments is a segment of {}: a kit of another document",
            returned.len(),
            document.origin
        )]));
    }
    if all.language() == Some("fr") && problems.is_empty() {
        problems.push(
            "its translations are French, not English: a translation in another language"
                .to_string(),
        );
    }
    if !problems.is_empty() {
        return Err(problems_of(problems));
    }
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut before: BTreeMap<usize, Vec<&Unit>> = BTreeMap::new();
    for unit in current.pairs {
        if let Some((line, _)) = place_of(unit) {
            before.entry(line).or_default().push(unit);
        }
    }
    let lines = document.paragraphs.last().map_or(0, |p| p.line);
    let mut english: Vec<String> = (0..lines)
        .map(|i| current.english.get(i).cloned().unwrap_or_default())
        .collect();
    let mut out = Imported {
        english: Vec::new(),
        untranslated: Vec::new(),
        changed: Vec::new(),
        translated: Vec::new(),
        joined: Vec::new(),
        pairs: Vec::new(),
    };
    let mut pairs: BTreeMap<usize, Vec<Unit>> = BTreeMap::new();
    for p in paragraphs.values() {
        // The runs of segments translated, in order.
        let mut runs = Vec::new();
        let mut k = 0;
        while k < p.spans.len() {
            if let Some(a) = assigned.get(&(p.line, k)) {
                runs.push((k, a.end, a.target));
                k = a.end;
            } else if let Some(&(target, _)) = by_text.get(&p.text[p.spans[k].clone()]) {
                runs.push((k, k + 1, target));
                k += 1;
            } else {
                break;
            }
        }
        if k < p.spans.len() {
            if english[p.line - 1].trim().is_empty() {
                out.untranslated.push(p.line);
            }
            continue;
        }
        // A sentence translated as nothing goes with the one before (the
        // English of both is the first's: a 2-1 bead), or with the one after
        // at the start of the paragraph.
        let mut merged: Vec<(usize, usize, &str)> = Vec::new();
        let mut carry = None;
        for (i, j, target) in runs {
            match merged.last_mut() {
                Some(last) if target.is_empty() => last.1 = j,
                _ if target.is_empty() => carry = carry.or(Some(i)),
                _ => merged.push((carry.take().unwrap_or(i), j, target)),
            }
        }
        if let Some(start) = carry {
            merged.push((start, p.spans.len(), ""));
        }
        let runs = merged;
        let mut line = String::new();
        let mut end = 0;
        for &(i, j, target) in &runs {
            let gap = &p.text[end..p.spans[i].start];
            end = p.spans[j - 1].end;
            if target.is_empty() {
                continue;
            }
            if !line.is_empty() {
                line.push_str(if gap.is_empty() { " " } else { gap });
            }
            line.push_str(target);
        }
        let old = &english[p.line - 1];
        // The same words (the English of a translated paragraph the kit
        // carried, spaced as the French): the line stays as it is.
        if !old.trim().is_empty() && words(old) == words(&line) {
            line.clone_from(old);
        }
        let ours_before = before.get(&p.line).is_some_and(|units| {
            let targets: Vec<String> = units.iter().map(|u| text_of(u, languages.1)).collect();
            words(&targets.join(" ")) == words(old)
        });
        if !old.trim().is_empty() && *old != line && !ours_before {
            problems.push(format!(
                "line {}: the English “{}” is in the workspace, not from a kit, and the kit returns “{}”: a conflict, not overwritten. Keep one: empty that line of the English (or make it the returned one) and import again",
                p.line,
                short(old),
                short(&line)
            ));
            continue;
        }
        out.translated.push(p.line);
        if runs.iter().all(|&(i, j, _)| j == i + 1) {
            let units = runs
                .iter()
                .filter(|(_, _, target)| !target.is_empty())
                .map(|&(i, _, target)| {
                    let mut unit = Unit::new(&format!("{}:{}:{}", document.name, p.line, i + 1));
                    unit.variants
                        .push(Variant::plain(languages.0, &p.text[p.spans[i].clone()]));
                    unit.variants.push(Variant::plain(languages.1, target));
                    unit
                })
                .collect();
            pairs.insert(p.line, units);
        } else {
            out.joined.push(p.line);
            pairs.insert(p.line, Vec::new());
        }
        if *old != line {
            out.changed.push(p.line);
            english[p.line - 1] = line;
        }
    }
    if !problems.is_empty() {
        return Err(problems_of(problems));
    }
    // The pairs of kits returned before, for the lines this one leaves.
    for (line, units) in before {
        pairs
            .entry(line)
            .or_insert_with(|| units.into_iter().cloned().collect());
    }
    out.pairs = pairs.into_values().flatten().collect();
    out.english = english;
    Ok(out)
}

/// The first words of a segment, for messages.
fn short(text: &str) -> String {
    let mut words: Vec<&str> = text.split_whitespace().take(8).collect();
    if text.split_whitespace().count() > 8 {
        words.push("…");
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Segmenter;

    fn document(text: &str) -> SegmentedDocument {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("doc.txt");
        std::fs::write(&path, text).unwrap();
        SegmentedDocument::segment(&path, &Segmenter::builtin("fr-FR").unwrap()).unwrap()
    }

    fn returned(line: Option<usize>, source: &str, target: &str) -> Returned {
        Returned {
            place: "here".to_string(),
            paragraph: line,
            document: line.map(|_| "doc".to_string()),
            source: source.to_string(),
            target: target.to_string(),
        }
    }

    /// A sentence translated as nothing (its English in the one before),
    /// sentences joined into one segment, and a paragraph translated whole
    /// give their English but no pairs: those would be 1-1 units of what
    /// is no 1-1 bead.
    #[test]
    fn joined_sentences_give_the_english_and_no_pairs() {
        let doc = document("Il pleut. Il vente.\nIl neige. Il gèle.\nLe ciel. La mer.\nSeul.\n");
        let pairs = [
            returned(Some(1), "Il pleut.", "It rains and blows."),
            returned(Some(1), "Il vente.", ""),
            returned(Some(2), "Il neige. Il gèle.", "It snows and freezes."),
            returned(Some(3), "Le ciel. La mer.", "The sky. The sea."),
            returned(Some(4), "Seul.", "Alone."),
        ];
        let imported = import(&doc, Current::default(), &pairs, "t", ("fr-FR", "en-GB")).unwrap();
        assert_eq!(
            imported.english,
            [
                "It rains and blows.",
                "It snows and freezes.",
                "The sky. The sea.",
                "Alone."
            ]
        );
        assert_eq!(imported.joined, [1, 2, 3]);
        assert_eq!(imported.pairs.len(), 1);
        assert_eq!(imported.pairs[0].tuid(), Some("doc:4:1"));
    }

    /// A source found in another paragraph than its id names is a
    /// conflict, as is a unit of another document among this one's.
    #[test]
    fn an_xliff_segment_must_be_the_french_of_the_paragraph_its_id_names() {
        let doc = document("Il pleut.\nIl neige.\n");
        let mut other = returned(Some(2), "Il neige.", "It snows.");
        other.document = Some("elsewhere".to_string());
        let pairs = [returned(Some(2), "Il pleut.", "It rains."), other];
        let Err(ImportError::Problems { problems, .. }) =
            import(&doc, Current::default(), &pairs, "t", ("fr-FR", "en-GB"))
        else {
            panic!("accepted")
        };
        assert!(
            problems[0].contains("is not the French of line 2"),
            "{problems:?}"
        );
        assert!(
            problems[1].contains("a unit of elsewhere, not of doc"),
            "{problems:?}"
        );
    }
}
