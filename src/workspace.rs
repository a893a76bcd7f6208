//! A translation workspace on disk: French seeds (`seeds/fr/*.txt`), their
//! English translations line for line (`seeds/en/*.txt`) and the curated
//! glossary (`glossary/fr-en.csv`).
//!
//! Where it sits in the flow: it runs the early stages over the whole
//! workspace (segmentation and alignment into translation units, term
//! extraction) for the commands that need them all at once: the review sheet
//! ([`crate::glossary::review`]) and the export ([`crate::export`]).
//! Documents are taken in file-name order, so every result is stable.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::align::Aligner;
use crate::align::document::{AlignError, Document, ParagraphMode, align_documents};
use crate::document::Paragraphs;
use crate::glossary::{Glossary, GlossaryError};
use crate::segment::format::DocumentError;
use crate::segment::{RulesError, Segmenter};
use crate::terms::lexicon::Lexicon;
use crate::terms::{Candidate, Extractor, Options};
use crate::tm::Unit;

/// The source language of a workspace.
pub const SOURCE_LANGUAGE: &str = "fr-FR";
/// The target language of a workspace.
pub const TARGET_LANGUAGE: &str = "en-GB";

/// Why a workspace could not be read.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    /// A file or directory could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// The workspace has no French seeds.
    #[error("{}: no French source documents (*.txt): is this a tmkit workspace?", dir.display())]
    NoSeeds {
        /// The directory looked in.
        dir: PathBuf,
    },
    /// A French seed has no English translation.
    #[error("{}: missing: every French seed needs its English translation, line for line", path.display())]
    MissingTranslation {
        /// The file expected.
        path: PathBuf,
    },
    /// A document is unreadable or invalid.
    #[error(transparent)]
    Document(#[from] DocumentError),
    /// The segmentation rules do not compile.
    #[error(transparent)]
    Rules(#[from] RulesError),
    /// Alignment failed (a document unreadable).
    #[error(transparent)]
    Align(#[from] AlignError),
    /// A seed's translation does not keep its paragraphs.
    #[error("{0}; a translation in seeds/en keeps the French paragraphs line for line")]
    Paragraphs(AlignError),
    /// The glossary is unreadable or invalid.
    #[error(transparent)]
    Glossary(#[from] GlossaryError),
}

/// One bead of the aligned workspace: a translation unit and where it
/// comes from.
#[derive(Clone, Debug)]
pub struct Bead {
    /// The seed's name, without `.txt` (`000_8103dfe14ac7aa7a`).
    pub document: String,
    /// The unit (props `x-document`, `x-align-*`).
    pub unit: Unit,
    /// Both sides have text (not a 1-0 or 0-1 bead).
    pub pair: bool,
    /// The aligner flagged it as weak.
    pub weak: bool,
}

impl Bead {
    /// The French text of the bead.
    pub fn french(&self) -> String {
        self.unit
            .variant(SOURCE_LANGUAGE)
            .map(|v| v.text())
            .unwrap_or_default()
    }

    /// (unit name, French, English): what the QA and the proposals read.
    pub fn texts(&self) -> (String, String, String) {
        let name = self.unit.tuid().unwrap_or_default().to_string();
        (name, self.french(), self.english())
    }

    /// The English text of the bead.
    pub fn english(&self) -> String {
        self.unit
            .variant(TARGET_LANGUAGE)
            .map(|v| v.text())
            .unwrap_or_default()
    }
}

/// A workspace rooted at a directory.
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

    /// The curated glossary, if the workspace has one.
    pub fn glossary(&self) -> Result<Option<Glossary>, WorkspaceError> {
        let path = self.glossary_path();
        if path.exists() {
            Ok(Some(Glossary::load(&path)?))
        } else {
            Ok(None)
        }
    }

    /// The French seeds, sorted by file name.
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

    /// The English translation of a French seed (`seeds/en/NAME`), which
    /// must exist.
    pub fn english_of(&self, seed: &Path) -> Result<PathBuf, WorkspaceError> {
        let english = self
            .root
            .join("seeds")
            .join("en")
            .join(seed.file_name().unwrap_or_default());
        if english.is_file() {
            Ok(english)
        } else {
            Err(WorkspaceError::MissingTranslation { path: english })
        }
    }

    /// Every seed aligned with its translation, paragraph by paragraph
    /// (strict: the paragraphs must correspond), with the glossary's terms
    /// as anchors when it is given. Beads in document order.
    pub fn align(&self, glossary: Option<&Glossary>) -> Result<Vec<Bead>, WorkspaceError> {
        let fr_seg = Segmenter::builtin(SOURCE_LANGUAGE)?;
        let en_seg = Segmenter::builtin(TARGET_LANGUAGE)?;
        let aligner = match glossary {
            Some(g) => Aligner::with_glossary(g.term_pairs()),
            None => Aligner::default(),
        };
        let mut beads = Vec::new();
        for seed in self.french_seeds()? {
            let english = self.english_of(&seed)?;
            let fr = Document::segment(&seed, &fr_seg)?;
            let en = Document::segment(&english, &en_seg)?;
            let aligned = align_documents(&fr, &en, ParagraphMode::Strict, &aligner).map_err(
                |e| match e {
                    e @ AlignError::Paragraphs { .. } => WorkspaceError::Paragraphs(e),
                    other => other.into(),
                },
            )?;
            for bead in aligned {
                beads.push(Bead {
                    document: fr.name.clone(),
                    unit: bead.unit(&fr.name, SOURCE_LANGUAGE, TARGET_LANGUAGE),
                    pair: bead.is_pair(),
                    weak: bead.weak,
                });
            }
        }
        Ok(beads)
    }

    /// The term candidates of the French seeds (`tmkit terms` with its
    /// defaults).
    pub fn candidates(&self) -> Result<Vec<Candidate>, WorkspaceError> {
        let mut extractor = Extractor::new(Lexicon::french(), Options::default());
        for seed in self.french_seeds()? {
            let paragraphs = Paragraphs::open(&seed).map_err(DocumentError::from)?;
            // Named by file name: the output must not depend on where the
            // workspace is.
            let name = seed.file_name().unwrap_or_default().to_string_lossy();
            extractor.start_document(&name);
            for paragraph in paragraphs {
                let paragraph = paragraph.map_err(DocumentError::from)?;
                extractor.add_paragraph(paragraph.line, &paragraph.text);
            }
        }
        Ok(extractor.finish())
    }
}
