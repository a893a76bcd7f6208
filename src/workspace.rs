//! A translation workspace on disk and what it holds: French documents
//! (`seeds/fr/NAME.txt`), their English translations (`seeds/en/NAME.txt`)
//! and the curated glossary (`glossary/fr-en.csv`).
//!
//! Where it sits in the flow: after every stage of the library. [`Workspace`]
//! knows the repository's layout and its environment (the commit time of
//! HEAD, `SOURCE_DATE_EPOCH`); [`Workspace::load`] reads it once into
//! [`Contents`]: every document read, normalised and segmented once, its
//! translated paragraphs aligned once, and where it stands ([`State`]). Every
//! output consumes the contents: the export ([`crate::export`]), the review
//! sheet ([`crate::glossary::rows`]) and the TBX contexts. Documents come in
//! file-name order, so every result is stable.
//!
//! A translation follows the convention of
//! [`Correspondence::by_lines`]: one English line per French line, an
//! empty English line for a paragraph not yet translated, a file that may
//! stop early. A document is **translated**, **partly translated** or
//! **waiting** (no English yet).

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::align::Aligner;
use crate::align::document::{self as text, AlignError, Correspondence, align_groups};
use crate::glossary::contexts::AlignedText;
use crate::glossary::{Glossary, GlossaryError};
use crate::segment::{RulesError, Segmenter};
use crate::terms::lexicon::Lexicon;
use crate::terms::{Candidate, Extractor, ExtractorOptions};
use crate::tm::{Pair, Unit};

/// The source and target languages of a workspace: the glossary's.
pub use crate::glossary::{SOURCE_LANGUAGE, TARGET_LANGUAGE};

/// Why a workspace could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WorkspaceError {
    /// A file or directory could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// The workspace has no French documents.
    #[error("{}: no French source documents (*.txt): is this a tmkit workspace?", dir.display())]
    NoSeeds {
        /// The directory looked in.
        dir: PathBuf,
    },
    /// The segmentation rules do not compile.
    #[error(transparent)]
    Rules(#[from] RulesError),
    /// A document is unreadable or invalid.
    #[error(transparent)]
    Document(#[from] AlignError),
    /// The glossary is unreadable or invalid.
    #[error(transparent)]
    Glossary(#[from] GlossaryError),
    /// A document's returned pairs (`seeds/pairs/NAME.fr-en.tmx`) are
    /// unreadable.
    #[error("{}: {message}", path.display())]
    Pairs {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

/// The document's aligned beads with, for each line the returned pairs
/// translate, those pairs instead (exact pairs: never flagged), in
/// document order.
fn with_returned(
    aligned: Vec<AlignedUnit>,
    mut returned: BTreeMap<usize, Vec<Unit>>,
) -> Vec<AlignedUnit> {
    if returned.is_empty() {
        return aligned;
    }
    let line_of = |b: &AlignedUnit| {
        b.unit
            .tuid()
            .and_then(|t| t.rsplit(':').nth(1)?.parse::<usize>().ok())
    };
    let mut beads = Vec::new();
    for bead in aligned {
        match line_of(&bead) {
            Some(line) if returned.contains_key(&line) || beads_replaced(&beads, line) => {
                if let Some(units) = returned.remove(&line) {
                    for mut unit in units {
                        unit.push_prop("x-document", &bead.document);
                        unit.push_prop("x-align-bead", "1-1");
                        unit.push_prop("x-origin", "returned kit");
                        beads.push(AlignedUnit {
                            document: bead.document.clone(),
                            unit,
                            pair: true,
                            weak: false,
                        });
                    }
                }
            }
            _ => beads.push(bead),
        }
    }
    beads
}

/// Whether the beads of `line` were replaced by returned pairs already.
fn beads_replaced(beads: &[AlignedUnit], line: usize) -> bool {
    beads.last().is_some_and(|b| {
        b.unit.prop("x-origin") == Some("returned kit")
            && b.unit
                .tuid()
                .and_then(|t| t.rsplit(':').nth(1)?.parse::<usize>().ok())
                == Some(line)
    })
}

/// `SOURCE_DATE_EPOCH` is set to something other than a number of seconds.
#[derive(Debug, thiserror::Error)]
#[error(
    "SOURCE_DATE_EPOCH={0:?} is not a number of seconds since 1970: set it to one, or unset it"
)]
pub struct BadSourceDate(pub String);

/// `SOURCE_DATE_EPOCH`, when set: the date reproducible outputs carry. Set
/// but malformed is an error, not a silent fall back to another date.
pub fn source_date_epoch() -> Result<Option<i64>, BadSourceDate> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(s) => s.trim().parse().map(Some).map_err(|_| BadSourceDate(s)),
        Err(_) => Ok(None),
    }
}

/// A workspace rooted at a directory: where its files are.
#[derive(Clone, Debug)]
pub struct Workspace {
    root: PathBuf,
}

impl Workspace {
    /// The workspace at `root`.
    pub fn new(root: impl Into<PathBuf>) -> Workspace {
        Workspace { root: root.into() }
    }

    /// Its root directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `glossary/fr-en.csv`.
    pub fn glossary_path(&self) -> PathBuf {
        self.root.join("glossary").join("fr-en.csv")
    }

    /// `export/`, where `cargo xtask export` writes.
    pub fn export_dir(&self) -> PathBuf {
        self.root.join("export")
    }

    /// The curated glossary, if the workspace has one.
    pub fn glossary(&self) -> Result<Option<Glossary>, WorkspaceError> {
        let path = self.glossary_path();
        if path.exists() {
            Ok(Some(Glossary::load(&path)?))
        } else {
            Ok(None)
        }
    }

    /// The French documents (`seeds/fr/*.txt`), sorted by file name.
    pub fn french_seeds(&self) -> Result<Vec<PathBuf>, WorkspaceError> {
        let dir = self.root.join("seeds").join("fr");
        let io_error = |source| WorkspaceError::Io {
            path: dir.clone(),
            source,
        };
        let mut seeds = Vec::new();
        for entry in fs::read_dir(&dir).map_err(io_error)? {
            let path = entry.map_err(io_error)?.path();
            if path.extension().is_some_and(|e| e == "txt") {
                seeds.push(path);
            }
        }
        if seeds.is_empty() {
            return Err(WorkspaceError::NoSeeds { dir });
        }
        seeds.sort();
        Ok(seeds)
    }

    /// Where the English translation of a French document is
    /// (`seeds/en/NAME.txt`), whether or not it exists yet.
    pub fn english_of(&self, seed: &Path) -> PathBuf {
        self.root
            .join("seeds")
            .join("en")
            .join(seed.file_name().unwrap_or_default())
    }

    /// The commit time of HEAD in seconds since 1970, or none (not a git
    /// checkout, or no git).
    pub(crate) fn commit_time(&self) -> Option<i64> {
        let out = std::process::Command::new("git")
            .arg("-C")
            .arg(&self.root)
            .args(["log", "-1", "--format=%ct", "HEAD"])
            .output()
            .ok()?;
        if !out.status.success() {
            return None;
        }
        String::from_utf8_lossy(&out.stdout).trim().parse().ok()
    }

    /// Reads the workspace with its own glossary (an empty one when it has
    /// none): see [`Workspace::load_with`].
    pub fn load(&self) -> Result<Contents, WorkspaceError> {
        self.load_with(self.glossary()?.unwrap_or_default())
    }

    /// Reads every document once: normalised, segmented (the built-in
    /// rules), its translation checked against the convention and its
    /// translated paragraphs aligned sentence by sentence, with the
    /// glossary's terms as anchors.
    pub fn load_with(&self, glossary: Glossary) -> Result<Contents, WorkspaceError> {
        let fr_seg = Segmenter::builtin(SOURCE_LANGUAGE)?;
        let en_seg = Segmenter::builtin(TARGET_LANGUAGE)?;
        let aligner = Aligner::with_glossary(glossary.term_pairs());
        let mut documents = Vec::new();
        let mut beads = Vec::new();
        let mut warnings = Vec::new();
        for seed in self.french_seeds()? {
            let french = text::SegmentedDocument::segment(&seed, &fr_seg)?;
            let english = self.english(&seed, &en_seg)?;
            let correspondence = match &english {
                Some(en) => Correspondence::by_lines(&french, en, &aligner),
                None => Correspondence {
                    untranslated: (0..french.paragraphs.len())
                        .filter(|&i| !french.paragraphs[i].spans.is_empty())
                        .collect(),
                    ..Correspondence::default()
                },
            };
            let start = beads.len();
            if let Some(en) = &english {
                let aligned: Vec<AlignedUnit> =
                    align_groups(&french, en, &correspondence.groups, &aligner)
                        .into_iter()
                        .map(|bead| AlignedUnit {
                            document: french.name.clone(),
                            unit: bead.unit(&french.name, SOURCE_LANGUAGE, TARGET_LANGUAGE),
                            pair: bead.is_pair(),
                            weak: bead.weak(),
                        })
                        .collect();
                let returned = self.returned_pairs(&seed, &french, en, &mut warnings)?;
                beads.extend(with_returned(aligned, returned));
            }
            documents.push(Document {
                name: french.name.clone(),
                french,
                english,
                correspondence,
                beads: start..beads.len(),
            });
        }
        Ok(Contents {
            glossary,
            documents,
            beads,
            warnings,
        })
    }

    /// `seeds/pairs/NAME.fr-en.tmx`, where `tmkit kit import` keeps the
    /// segment pairs a translator returned for the document `seed`.
    pub fn pairs_of(&self, seed: &Path) -> PathBuf {
        let name = seed.file_stem().unwrap_or_default().to_string_lossy();
        self.root
            .join("seeds")
            .join("pairs")
            .join(format!("{name}.fr-en.tmx"))
    }

    /// The returned pairs of `seed` by line, for each paragraph whose every
    /// segment has a pair (`NAME:LINE:SENTENCE`, the French as segmented
    /// today) and whose English line is their English; a paragraph whose
    /// pairs no longer match is left to the aligner, with a warning.
    fn returned_pairs(
        &self,
        seed: &Path,
        french: &text::SegmentedDocument,
        english: &text::SegmentedDocument,
        warnings: &mut Vec<String>,
    ) -> Result<BTreeMap<usize, Vec<Unit>>, WorkspaceError> {
        let path = self.pairs_of(seed);
        let mut by_line: BTreeMap<usize, Vec<Unit>> = BTreeMap::new();
        if !path.exists() {
            return Ok(by_line);
        }
        let (_, units) = crate::tm::tmx::read_path(&path).map_err(|e| WorkspaceError::Pairs {
            path: path.clone(),
            message: e.to_string(),
        })?;
        for unit in units {
            let line = unit
                .tuid()
                .and_then(|t| t.rsplit(':').nth(1)?.parse::<usize>().ok());
            if let Some(line) = line {
                by_line.entry(line).or_default().push(unit);
            }
        }
        let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut kept = BTreeMap::new();
        for (line, units) in by_line {
            let paragraph = french.paragraphs.iter().find(|p| p.line == line);
            let sources: Vec<String> = units
                .iter()
                .map(|u| {
                    u.variant(SOURCE_LANGUAGE)
                        .map(|v| v.text())
                        .unwrap_or_default()
                })
                .collect();
            let targets: Vec<String> = units
                .iter()
                .map(|u| {
                    u.variant(TARGET_LANGUAGE)
                        .map(|v| v.text())
                        .unwrap_or_default()
                })
                .collect();
            let segments: Vec<&str> = paragraph
                .map(|p| p.spans.iter().map(|s| &p.text[s.clone()]).collect())
                .unwrap_or_default();
            let now = english
                .paragraphs
                .iter()
                .find(|p| p.line == line)
                .map(|p| words(&p.text))
                .unwrap_or_default();
            // Every pair's French is a segment of the paragraph today (a
            // sentence whose translation the one before holds has none).
            let covers =
                !sources.is_empty() && sources.iter().all(|s| segments.contains(&s.as_str()));
            if covers && words(&targets.join(" ")) == now {
                kept.insert(line, units);
            } else {
                warnings.push(format!(
                    "{}: the pairs of line {line} no longer match {} (the French or the English changed since the kit came back): that paragraph is aligned instead",
                    path.display(),
                    if covers { &english.origin } else { &french.origin }
                ));
            }
        }
        Ok(kept)
    }

    /// The English translation of `seed`, segmented; none when there is no
    /// file yet. An empty file is a translation that has not started.
    fn english(
        &self,
        seed: &Path,
        segmenter: &Segmenter,
    ) -> Result<Option<text::SegmentedDocument>, WorkspaceError> {
        let path = self.english_of(seed);
        match fs::metadata(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Ok(m) if m.is_file() && m.len() == 0 => Ok(Some(text::SegmentedDocument {
                origin: path.display().to_string(),
                name: seed
                    .file_stem()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
                paragraphs: Vec::new(),
            })),
            _ => Ok(Some(text::SegmentedDocument::segment(&path, segmenter)?)),
        }
    }
}

/// What a workspace holds, read once ([`Workspace::load`]): what every
/// output consumes.
#[derive(Clone, Debug)]
pub struct Contents {
    /// The curated glossary (empty when the workspace has none).
    pub glossary: Glossary,
    /// Every document, in file-name order.
    pub documents: Vec<Document>,
    /// What was set aside while reading, for people (returned pairs that no
    /// longer match).
    pub warnings: Vec<String>,
    /// The aligned beads of every document, in document order; each
    /// document names its range.
    pub beads: Vec<AlignedUnit>,
}

impl Contents {
    /// The beads the memory delivers ([`Contents::delivered`]) as the
    /// glossary reads them: the review rows' counts, contexts and
    /// proposals, the TBX contexts.
    pub fn aligned(&self) -> Vec<AlignedText> {
        self.beads
            .iter()
            .filter(|b| b.delivered())
            .map(AlignedUnit::aligned)
            .collect()
    }

    /// The beads of `document`.
    pub fn beads_of(&self, document: &Document) -> &[AlignedUnit] {
        &self.beads[document.beads.clone()]
    }

    /// The beads the memory delivers ([`AlignedUnit::delivered`]): what the
    /// glossary's contexts, proposals and QA read, and all that may fill a
    /// CAT tool's segments.
    pub fn delivered(&self) -> Vec<AlignedUnit> {
        self.beads
            .iter()
            .filter(|b| b.delivered())
            .cloned()
            .collect()
    }

    /// The term candidates of the French documents (`tmkit terms` with its
    /// defaults and the glossary), translated or not: the glossary's
    /// accepted entries are known terms.
    pub fn candidates(&self) -> Vec<Candidate> {
        self.candidates_with(ExtractorOptions {
            known: self.glossary.accepted_forms(),
            ..ExtractorOptions::default()
        })
    }

    /// The term candidates of the French documents extracted with
    /// `options` (`ExtractorOptions::default()`: on the text's own evidence, without
    /// the glossary's help).
    pub fn candidates_with(&self, options: ExtractorOptions) -> Vec<Candidate> {
        let mut extractor = Extractor::new(Lexicon::french(), options);
        for document in &self.documents {
            // Named by file name: the output must not depend on where the
            // workspace is.
            extractor.start_document(&document.file_name());
            for paragraph in &document.french.paragraphs {
                extractor.add_paragraph(paragraph.line, &paragraph.text);
            }
        }
        extractor.finish()
    }
}

/// Where a document stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// Every French paragraph with text has its translation.
    Translated,
    /// Some paragraphs are translated, others not yet.
    Partly,
    /// Nothing is translated yet: no English file, or one without text.
    Waiting,
}

/// One document of the workspace.
#[derive(Clone, Debug)]
pub struct Document {
    /// Its name: the file name without `.txt` (`000_8103dfe14ac7aa7a`).
    pub name: String,
    /// The French text, segmented.
    pub french: text::SegmentedDocument,
    /// The English translation, segmented; none when there is no file.
    pub english: Option<text::SegmentedDocument>,
    /// Which paragraphs are translated, and which not yet.
    pub correspondence: Correspondence,
    /// Its beads in [`Contents::beads`].
    pub beads: Range<usize>,
}

impl Document {
    /// `NAME.txt`, its file name in `seeds/fr` and `seeds/en`.
    pub fn file_name(&self) -> String {
        format!("{}.txt", self.name)
    }

    /// Where it stands.
    pub fn state(&self) -> State {
        let c = &self.correspondence;
        if self.english.is_none() || (c.groups.is_empty() && !c.untranslated.is_empty()) {
            State::Waiting
        } else if c.untranslated.is_empty() {
            State::Translated
        } else {
            State::Partly
        }
    }

    /// The lines (1-based) of the French paragraphs not yet translated.
    pub fn untranslated_lines(&self) -> Vec<usize> {
        self.correspondence
            .untranslated
            .iter()
            .map(|&i| self.french.paragraphs[i].line)
            .collect()
    }

    /// French paragraphs with text.
    pub fn paragraphs(&self) -> usize {
        self.french
            .paragraphs
            .iter()
            .filter(|p| !p.spans.is_empty())
            .count()
    }
}

/// One bead of the aligned workspace: a translation unit and where it
/// comes from.
#[derive(Clone, Debug)]
pub struct AlignedUnit {
    /// The document's name, without `.txt` (`000_8103dfe14ac7aa7a`).
    pub document: String,
    /// The unit (props `x-document`, `x-align-*`).
    pub unit: Unit,
    /// Both sides have text (not a 1-0 or 0-1 bead).
    pub pair: bool,
    /// The aligner flagged it: to check by a person before use
    /// (`x-align-check` says why).
    pub weak: bool,
}

impl AlignedUnit {
    /// Whether the memory delivers it: both sides, and not flagged. A
    /// flagged unit never fills a CAT tool's segments by itself.
    pub fn delivered(&self) -> bool {
        self.pair && !self.weak
    }

    /// The French text of the bead.
    pub fn french(&self) -> String {
        self.unit
            .variant(SOURCE_LANGUAGE)
            .map(|v| v.text())
            .unwrap_or_default()
    }

    /// The unit's name and texts: what the QA and the proposals read.
    pub fn texts(&self) -> Pair {
        Pair {
            name: self.unit.tuid().unwrap_or_default().to_string(),
            fr: self.french(),
            en: self.english(),
        }
    }

    /// The bead's texts as the glossary reads them.
    pub fn aligned(&self) -> AlignedText {
        AlignedText {
            document: self.document.clone(),
            name: self.unit.tuid().unwrap_or_default().to_string(),
            fr: self.french(),
            en: self.english(),
        }
    }

    /// The English text of the bead.
    pub fn english(&self) -> String {
        self.unit
            .variant(TARGET_LANGUAGE)
            .map(|v| v.text())
            .unwrap_or_default()
    }
}
