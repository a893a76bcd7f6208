//! Translation kits: what a translator needs to translate one document of
//! the workspace in a CAT tool, pre-translated from the memory.
//!
//! Where it sits in the flow: after lookup and analysis (segments →
//! matches → kits). [`Kit::build`] takes one French document (segmented),
//! the segments of it already translated, and the workspace memory (the
//! delivered units only: a flagged unit never fills a CAT tool's segment)
//! indexed by [`Leverage`]; it looks every segment not yet translated up and
//! keeps the units that fill a segment (exact matches) and those that match
//! one at [`MIN_MATCH`] % or more by OmegaT's or tmkit's score, best
//! [`MATCHES_PER_SEGMENT`] per segment and scoring: this document's matches,
//! not the whole memory, so that a kit changes only when what matches it
//! does. [`omegat`] writes the kit as an OmegaT project, [`xliff`] as XLIFF
//! 1.2; [`import`] takes a returned project's pairs back. The kit's analysis
//! ([`Kit::analysis`]) bands each segment as [`crate::analysis`] does.
//!
//! The library core: it knows no repository layout; the export
//! (`crate::export`) gives it the workspace's documents and writes the
//! files under `export/kits/NAME/`.

pub mod import;
pub mod omegat;
pub mod returned_xliff;
pub mod xliff;

use std::collections::{BTreeMap, BTreeSet};

use crate::align::document::SegmentedDocument;
use crate::analysis::{self, Analysis, AnalysisOptions};
use crate::tm::Unit;
use crate::tm::index::Index;
use crate::tm::memory::Memory;
use crate::tm::score::{Scoring, Segment};

/// The lowest score of a match a kit carries (OmegaT's match statistics
/// count from 50 % too).
pub const MIN_MATCH: u8 = 50;

/// The most matches a kit keeps per segment and scoring (OmegaT's match
/// pane shows five).
pub const MATCHES_PER_SEGMENT: usize = 5;

/// The workspace memory, indexed both ways: OmegaT's score (what OmegaT
/// will show the translator) and tmkit's.
pub struct Leverage<'m> {
    units: &'m [Unit],
    omegat: Index<'m>,
    tmkit: Index<'m>,
}

impl<'m> Leverage<'m> {
    /// The units of `memory`, which holds exactly `units` in this order
    /// ([`memory_of`]).
    pub fn new(memory: &'m Memory, units: &'m [Unit]) -> Leverage<'m> {
        Leverage {
            units,
            omegat: Index::build(memory, Scoring::Omegat),
            tmkit: Index::build(memory, Scoring::Tmkit),
        }
    }

    /// The index with tmkit's scores.
    pub fn tmkit(&self) -> &Index<'m> {
        &self.tmkit
    }

    /// The index with OmegaT's scores.
    pub fn omegat(&self) -> &Index<'m> {
        &self.omegat
    }
}

/// A memory of `units` (each with both languages), in their order: what
/// [`Leverage::new`] indexes.
pub fn memory_of(units: &[Unit], source: &str, target: &str) -> Memory {
    let mut memory = Memory::new(source, target);
    if !units.is_empty() {
        // Every unit has both languages, so this cannot fail; a memory
        // without pairs stays empty.
        let _ = memory.add_units(
            "memory",
            0,
            units
                .iter()
                .cloned()
                .map(Ok::<_, crate::tm::memory::MemoryError>),
        );
    }
    memory
}

/// One segment of the document with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KitSegment {
    /// 1-based line of its paragraph.
    pub line: usize,
    /// 0-based place in the paragraph.
    pub index: usize,
    /// The French text.
    pub text: String,
    /// Its translation, when the document has it already (empty for a
    /// sentence whose translation the first sentence of its bead holds).
    pub translation: Option<String>,
    /// The best matches of the memory by tmkit's score, at most
    /// [`ALTERNATIVES`], best first (none for a segment translated
    /// already).
    pub matches: Vec<KitMatch>,
}

/// The most matches a segment lists as alternatives (XLIFF `alt-trans`).
pub const ALTERNATIVES: usize = 3;

/// A match of the memory for a segment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KitMatch {
    /// tmkit's percentage (0–101).
    pub percent: u8,
    /// The memory's source.
    pub source: String,
    /// Its translation.
    pub target: String,
    /// The unit's `tuid`.
    pub tuid: String,
}

/// A document's kit: its segments and the units of the memory that match
/// them.
#[derive(Clone, Debug)]
pub struct Kit<'m> {
    /// The document's name (`NAME` of `seeds/fr/NAME.txt`).
    pub name: String,
    /// Its paragraphs, one per line (blank lines kept), NFC.
    pub lines: Vec<String>,
    /// Every segment, in order.
    pub segments: Vec<KitSegment>,
    /// Units whose source is a segment's, byte for byte: OmegaT inserts
    /// them (`tm/auto/`).
    pub exact: Vec<&'m Unit>,
    /// The other units matching a segment at [`MIN_MATCH`] % or more.
    pub fuzzy: Vec<&'m Unit>,
    /// The document as analysed: its segments, each marked translated or
    /// not (what an analysis of several kits together takes).
    pub analysed: analysis::AnalysedDocument,
    /// The analysis of the document against the memory (tmkit's score).
    pub analysis: Analysis,
}

impl<'m> Kit<'m> {
    /// The kit of `document`; `translations` gives the translation of a
    /// segment already translated, by (line, 0-based index).
    pub fn build(
        document: &SegmentedDocument,
        translations: &BTreeMap<(usize, usize), String>,
        translated_lines: &BTreeSet<usize>,
        leverage: &Leverage<'m>,
    ) -> Kit<'m> {
        let mut lines = Vec::new();
        let mut segments = Vec::new();
        for p in &document.paragraphs {
            while lines.len() + 1 < p.line {
                lines.push(String::new());
            }
            lines.push(p.text.clone());
            for (index, span) in p.spans.iter().enumerate() {
                segments.push(KitSegment {
                    line: p.line,
                    index,
                    text: p.text[span.clone()].to_string(),
                    translation: translations.get(&(p.line, index)).cloned(),
                    matches: Vec::new(),
                });
            }
        }
        let to_analyse = analysis::AnalysedDocument {
            name: document.name.clone(),
            segments: segments
                .iter()
                .map(|s| analysis::AnalysedSegment {
                    text: s.text.clone(),
                    translated: translated_lines.contains(&s.line),
                    line: s.line,
                    index: s.index,
                })
                .collect(),
        };
        let mut exact = BTreeSet::new();
        let mut fuzzy = BTreeSet::new();
        for (k, index) in [&leverage.tmkit, &leverage.omegat].into_iter().enumerate() {
            let memory = index.memory();
            let mut searcher = index.searcher();
            for (i, s) in to_analyse.segments.iter().enumerate() {
                if s.translated {
                    continue;
                }
                let context = to_analyse.context(i);
                let found = searcher.search(
                    Segment::plain(&s.text),
                    Some(&context),
                    MIN_MATCH,
                    MATCHES_PER_SEGMENT,
                );
                for m in found {
                    if k == 0 && segments[i].matches.len() < ALTERNATIVES {
                        let pair = memory.pair(m.hits[0].pair);
                        segments[i].matches.push(KitMatch {
                            percent: m.score().percent,
                            source: pair.source.text.to_string(),
                            target: pair.target.text.to_string(),
                            tuid: pair.origin.tuid.to_string(),
                        });
                    }
                    for hit in &m.hits {
                        let pair = memory.pair(hit.pair);
                        let unit = pair.origin.unit;
                        if pair.source.text == s.text {
                            exact.insert(unit);
                        } else {
                            fuzzy.insert(unit);
                        }
                    }
                }
            }
        }
        let fuzzy: Vec<usize> = fuzzy.difference(&exact).copied().collect();
        let analysis = analysis::analyze(
            std::slice::from_ref(&to_analyse),
            &leverage.tmkit,
            &AnalysisOptions::default(),
            &|_, _| {},
        );
        Kit {
            name: document.name.clone(),
            lines,
            segments,
            exact: exact.iter().map(|&u| &leverage.units[u]).collect(),
            fuzzy: fuzzy.iter().map(|&u| &leverage.units[u]).collect(),
            analysed: to_analyse,
            analysis,
        }
    }

    /// The segments already translated, as units (French, English): what
    /// the OmegaT project holds as its own translations.
    pub(crate) fn translated_units(&self, source: &str, target: &str) -> Vec<Unit> {
        let mut seen = BTreeSet::new();
        self.segments
            .iter()
            .filter_map(|s| {
                let translation = s.translation.as_ref().filter(|t| !t.is_empty())?;
                // OmegaT keeps one translation per source text (its default
                // translation): the first.
                if !seen.insert(s.text.as_str()) {
                    return None;
                }
                let mut unit = Unit::new(&format!("{}:{}:{}", self.name, s.line, s.index + 1));
                unit.variants
                    .push(crate::tm::Variant::plain(source, &s.text));
                unit.variants
                    .push(crate::tm::Variant::plain(target, translation));
                Some(unit)
            })
            .collect()
    }

    /// The source text, one paragraph per line, as the CAT tool reads it.
    pub(crate) fn source_text(&self) -> String {
        let mut text = self.lines.join("\n");
        text.push('\n');
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Segmenter;
    use crate::tm::Variant;

    fn unit(tuid: &str, fr: &str, en: &str) -> Unit {
        let mut u = Unit::new(tuid);
        u.variants.push(Variant::plain("fr-FR", fr));
        u.variants.push(Variant::plain("en-GB", en));
        u
    }

    fn document(text: &str) -> SegmentedDocument {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("doc.txt");
        std::fs::write(&path, text).unwrap();
        SegmentedDocument::segment(&path, &Segmenter::builtin("fr-FR").unwrap()).unwrap()
    }

    /// Exact sources go to the inserted memory, matches of 50 % or more to
    /// the other, a unit matching nothing to neither; a translated
    /// paragraph is looked up for nothing; the best matches are kept per
    /// segment, best first.
    #[test]
    fn a_kit_keeps_exact_matches_apart_from_fuzzy_ones_and_looks_up_no_translated_segment() {
        let units = vec![
            unit(
                "m:1:1",
                "Le chat dort sur le canapé.",
                "The cat sleeps on the sofa.",
            ),
            unit(
                "m:2:1",
                "Le chat dort sur le lit.",
                "The cat sleeps on the bed.",
            ),
            unit(
                "m:3:1",
                "Conformément aux dispositions du règlement intérieur adopté par le conseil municipal lors de sa dernière séance, la commission se réunit chaque mois.",
                "Under the rules of procedure, the committee meets monthly.",
            ),
            unit("m:4:1", "Il pleut à Paris.", "It is raining in Paris."),
        ];
        let memory = memory_of(&units, "fr-FR", "en-GB");
        let leverage = Leverage::new(&memory, &units);
        let doc = document("Le chat dort sur le canapé. Il pleut à Lyon.\n\nIl pleut à Paris.\n");
        let mut translations = BTreeMap::new();
        translations.insert((3, 0), "It is raining in Paris.".to_string());
        let translated = BTreeSet::from([3]);
        let kit = Kit::build(&doc, &translations, &translated, &leverage);
        let tuids = |units: &[&Unit]| -> Vec<String> {
            units
                .iter()
                .map(|u| u.tuid().unwrap().to_string())
                .collect()
        };
        assert_eq!(tuids(&kit.exact), ["m:1:1"]);
        // “Il pleut à Lyon.” matches “Il pleut à Paris.” at 50 % or more;
        // the translated “Il pleut à Paris.” is not looked up.
        assert_eq!(tuids(&kit.fuzzy), ["m:2:1", "m:4:1"]);
        assert_eq!(
            kit.lines,
            [
                "Le chat dort sur le canapé. Il pleut à Lyon.",
                "",
                "Il pleut à Paris."
            ]
        );
        assert_eq!(kit.segments.len(), 3);
        let first = &kit.segments[0].matches;
        assert_eq!(first[0].percent, 100);
        assert_eq!(first[0].target, "The cat sleeps on the sofa.");
        assert!(first.windows(2).all(|w| w[0].percent >= w[1].percent));
        assert!(kit.segments[2].matches.is_empty(), "translated: no lookup");
        let done = kit.translated_units("fr-FR", "en-GB");
        assert_eq!(done.len(), 1);
        assert_eq!(done[0].tuid(), Some("doc:3:1"));
    }

    /// XLIFF 1.2: a target only from 95 % or more, its state and
    /// qualifier; a translated paragraph final and locked.
    #[test]
    fn the_xliffs_fill_a_target_only_from_95_percent_and_lock_what_is_translated() {
        let units = vec![
            unit(
                "m:1:1",
                "Le chat dort sur le canapé.",
                "The cat sleeps on the sofa.",
            ),
            unit("m:2:1", "Il pleut à Paris.", "It is raining in Paris."),
        ];
        let memory = memory_of(&units, "fr-FR", "en-GB");
        let leverage = Leverage::new(&memory, &units);
        let doc = document(
            "Le chat dort sur le canapé.\nLe chat dort sur le canapé. Il pleut à Lyon.\nIl pleut à Paris.\n",
        );
        let translations = BTreeMap::from([((3, 0), "It is raining in Paris.".to_string())]);
        let kit = Kit::build(&doc, &translations, &BTreeSet::from([3]), &leverage);
        let glossary = crate::glossary::Glossary::default();
        let checker = xliff::glossary_checker(&glossary, crate::terms::lexicon::Lexicon::french());
        let xlf = xliff::xliff12(&kit, "fr-FR", "en-GB", &checker);
        assert!(xlf.contains("<target xml:space=\"preserve\" state=\"needs-review-translation\" state-qualifier=\"exact-match\"><mrk mtype=\"seg\" mid=\"doc:1:1\">The cat sleeps on the sofa.</mrk></target>"), "{xlf}");
        // The second sentence of line 2 scores below 95: left empty.
        assert!(xlf.contains("state-qualifier=\"leveraged-tm\"><mrk mtype=\"seg\" mid=\"doc:2:1\">The cat sleeps on the sofa.</mrk> <mrk mtype=\"seg\" mid=\"doc:2:2\"></mrk></target>"), "{xlf}");
        assert!(
            xlf.contains("<alt-trans mid=\"doc:2:2\" match-quality=\""),
            "{xlf}"
        );
        assert!(xlf.contains("<trans-unit id=\"doc:3\" translate=\"no\">"));
        // XLIFF 2.1: the same decisions, segment by segment.
        let xliff = xliff::xliff21(&kit, "fr-FR", "en-GB", &checker);
        assert!(xliff.contains("<segment id=\"s1\" state=\"initial\">\n        <source xml:space=\"preserve\">Le chat dort sur le canapé.</source>\n        <target xml:space=\"preserve\">The cat sleeps on the sofa.</target>"), "{xliff}");
        assert!(xliff.contains("<segment id=\"s2\">\n        <source xml:space=\"preserve\">Il pleut à Lyon.</source>\n      </segment>"), "{xliff}");
        assert!(
            xliff.contains("<ignorable>\n        <source xml:space=\"preserve\"> </source>"),
            "{xliff}"
        );
        assert!(
            xliff.contains("<mtc:match ref=\"#s2\" similarity=\""),
            "{xliff}"
        );
        assert!(
            xliff.contains("<unit id=\"u3\" name=\"doc:3\" translate=\"no\">"),
            "{xliff}"
        );
        assert!(xlf.contains(
            "state=\"final\"><mrk mtype=\"seg\" mid=\"doc:3:1\">It is raining in Paris.</mrk>"
        ));
    }

    /// The glossary's entries found in a paragraph go with it: a note in
    /// XLIFF 1.2, a `gls:glossEntry` in 2.1; a rejected entry in neither.
    #[test]
    fn the_xliffs_carry_the_glossary_entries_a_paragraph_holds() {
        let glossary = crate::glossary::Glossary::parse(
            "fr-FR,en-GB,id,status\ncanapé,sofa,canape,approved\nchat,cat,chat,rejected\n"
                .as_bytes(),
            "g",
        )
        .unwrap();
        let checker = xliff::glossary_checker(&glossary, crate::terms::lexicon::Lexicon::french());
        let doc = document("Le chat dort sur le canapé.\n");
        let memory = memory_of(&[], "fr-FR", "en-GB");
        let leverage = Leverage::new(&memory, &[]);
        let kit = Kit::build(&doc, &BTreeMap::new(), &BTreeSet::new(), &leverage);
        let xlf = xliff::xliff12(&kit, "fr-FR", "en-GB", &checker);
        assert!(
            xlf.contains(
                "<note from=\"glossary\" annotates=\"source\">canapé → sofa (approved)</note>"
            ),
            "{xlf}"
        );
        assert!(!xlf.contains("chat →"), "{xlf}");
        let xliff = xliff::xliff21(&kit, "fr-FR", "en-GB", &checker);
        assert!(
            xliff.contains("<gls:term source=\"glossary/fr-en.csv\">canapé</gls:term>\n          <gls:translation>sofa</gls:translation>"),
            "{xliff}"
        );
        assert!(!xliff.contains(">chat<"), "{xliff}");
    }
}
