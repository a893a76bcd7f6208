//! The workspace export: everything `cargo xtask export` writes to `export/`.
//!
//! Last stage of the flow. [`export`] runs the pipeline over the workspace
//! (`seeds/fr/*.txt` today) into a fresh temporary directory and only when
//! every file is written moves them into `export/`, so bad input leaves the
//! previous export untouched. [`check`] regenerates into a temporary directory
//! and lists every file of `export/` that differs, so stale exports fail CI and
//! `cargo test`. Files are produced in a stable order from sorted inputs: the
//! same workspace gives the same bytes.
//!
//! | file | what |
//! |---|---|
//! | `tmkit.srx` | tmkit's segmentation rules ([`crate::segment::BUILTIN_SRX`]) |
//! | `segments/NAME.txt` | each French seed, one segment per line, a blank line between paragraphs |
//! | `segments.tsv` | every segment of every seed with its document, line, number and byte offsets |
//! | `tm/seeds.fr-en.tmx` | the seeds aligned with `seeds/en/`, TMX 1.4b |
//! | `tm/seeds.fr-en.csv` | the same beads as a table, for review |
//! | `README.md` | what each file is, with its counts |

use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};

use crate::document::Paragraphs;
use crate::segment::format::{DocumentError, Format, SegmentWriter};
use crate::segment::{BUILTIN_SRX, Segmenter};
use crate::tm::table::{Delimiter, TableError, write_table};
use crate::tm::tmx::{WriteError, write_units};
use crate::tm::{Header, Unit, source_date};
use crate::workspace::{SOURCE_LANGUAGE, TARGET_LANGUAGE, Workspace, WorkspaceError};

/// Why the export failed; nothing in `export/` was changed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The workspace is unreadable or invalid.
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
    /// A file or directory could not be written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// The translation memory could not be written.
    #[error("{}: {source}", path.display())]
    Tmx {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: WriteError,
    },
    /// The alignment table could not be written.
    #[error("{}: {source}", path.display())]
    Table {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: TableError,
    },
}

/// One file the export wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportedFile {
    /// Path relative to the export directory, with `/` separators.
    pub path: String,
    /// What it is and its counts, for people.
    pub summary: String,
}

/// How a file of `export/` differs from a fresh export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Drift {
    /// The export would write this file; `export/` lacks it.
    Missing(String),
    /// The file's content differs.
    Stale(String),
    /// `export/` has a file the export no longer writes.
    Extra(String),
}

impl std::fmt::Display for Drift {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Drift::Missing(p) => write!(f, "{p}: missing"),
            Drift::Stale(p) => write!(f, "{p}: stale (differs from a fresh export)"),
            Drift::Extra(p) => write!(f, "{p}: no longer produced by the export"),
        }
    }
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> ExportError + '_ {
    move |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes every export file of `workspace` into the (empty) directory `out`.
fn generate(workspace: &Workspace, out: &Path) -> Result<Vec<ExportedFile>, ExportError> {
    let mut files = Vec::new();
    let srx_path = out.join("tmkit.srx");
    fs::write(&srx_path, BUILTIN_SRX).map_err(io_error(&srx_path))?;
    let segmenter = Segmenter::builtin(SOURCE_LANGUAGE).map_err(WorkspaceError::from)?;
    files.push(ExportedFile {
        path: "tmkit.srx".into(),
        summary: format!(
            "tmkit's segmentation rules, SRX 2.0, for French and English ({} rules apply to {SOURCE_LANGUAGE}); load them into a CAT tool to segment as tmkit does",
            segmenter.rule_counts().0
        ),
    });

    let segments_dir = out.join("segments");
    fs::create_dir_all(&segments_dir).map_err(io_error(&segments_dir))?;
    let tsv_path = out.join("segments.tsv");
    let tsv_file = fs::File::create(&tsv_path).map_err(io_error(&tsv_path))?;
    let mut tsv = SegmentWriter::new(BufWriter::new(tsv_file), Format::Tsv);
    let mut total = 0;
    for seed in workspace.french_seeds()? {
        let name = seed
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let txt_path = segments_dir.join(&name);
        let txt_file = fs::File::create(&txt_path).map_err(io_error(&txt_path))?;
        let mut txt = SegmentWriter::new(BufWriter::new(txt_file), Format::Text);
        let (mut segments, mut non_blank) = (0, 0);
        let mut spans = Vec::new();
        let document = |e| WorkspaceError::Document(DocumentError::from(e));
        for paragraph in Paragraphs::open(&seed).map_err(document)? {
            let paragraph = paragraph.map_err(document)?;
            segmenter
                .segment_into(&paragraph.text, &mut spans)
                .map_err(|e| WorkspaceError::Document(DocumentError::from(e)))?;
            txt.paragraph(&name, &paragraph, &spans)
                .map_err(io_error(&txt_path))?;
            tsv.paragraph(&name, &paragraph, &spans)
                .map_err(io_error(&tsv_path))?;
            segments += spans.len();
            non_blank += usize::from(!spans.is_empty());
        }
        txt.finish().map_err(io_error(&txt_path))?;
        total += segments;
        files.push(ExportedFile {
            path: format!("segments/{name}"),
            summary: format!(
                "seeds/fr/{name} segmented with tmkit.srx: {segments} segments from {non_blank} paragraphs, one per line, a blank line between paragraphs"
            ),
        });
    }
    tsv.finish().map_err(io_error(&tsv_path))?;
    files.push(ExportedFile {
        path: "segments.tsv".into(),
        summary: format!(
            "every segment of every seed ({total} rows): document, paragraph (line number), segment number, start and end byte offsets in the document, text"
        ),
    });

    files.extend(translation_memory(workspace, out)?);

    let readme_path = out.join("README.md");
    let mut readme = String::from(
        "# export/\n\nGenerated by `cargo xtask export` from `seeds/` and `glossary/`: do not edit by hand.\nCI fails when this directory is stale (`cargo xtask export --check`).\n\n| file | what |\n|---|---|\n",
    );
    for f in &files {
        let _ = writeln!(readme, "| `{}` | {} |", f.path, f.summary);
    }
    fs::write(&readme_path, &readme).map_err(io_error(&readme_path))?;
    files.push(ExportedFile {
        path: "README.md".into(),
        summary: "this table".into(),
    });
    Ok(files)
}

/// The seeds aligned with their English translations: `tm/seeds.fr-en.tmx`
/// (the translation units) and `tm/seeds.fr-en.csv` (every bead, sentences
/// without counterpart included, with scores, for review).
fn translation_memory(workspace: &Workspace, out: &Path) -> Result<Vec<ExportedFile>, ExportError> {
    let glossary = workspace.glossary()?;
    let beads = workspace.align(glossary.as_ref())?;
    let weak = beads.iter().filter(|b| b.weak).count();
    let units: Vec<(bool, Unit)> = beads.into_iter().map(|b| (b.pair, b.unit)).collect();
    let dir = out.join("tm");
    fs::create_dir_all(&dir).map_err(io_error(&dir))?;
    // No date unless SOURCE_DATE_EPOCH says which: the export must be
    // byte-stable.
    let header = Header::tmkit(SOURCE_LANGUAGE, source_date().as_deref());
    let tmx_path = dir.join("seeds.fr-en.tmx");
    let file = fs::File::create(&tmx_path).map_err(io_error(&tmx_path))?;
    let pairs: Vec<&Unit> = units
        .iter()
        .filter(|(pair, _)| *pair)
        .map(|(_, unit)| unit)
        .collect();
    write_units(BufWriter::new(file), &header, pairs.iter().copied()).map_err(|source| {
        ExportError::Tmx {
            path: tmx_path.clone(),
            source,
        }
    })?;
    let pairs = pairs.len();
    let csv_path = dir.join("seeds.fr-en.csv");
    let file = fs::File::create(&csv_path).map_err(io_error(&csv_path))?;
    let all: Vec<Unit> = units.into_iter().map(|(_, u)| u).collect();
    write_table(
        BufWriter::new(file),
        Delimiter::Comma,
        SOURCE_LANGUAGE,
        &all,
    )
    .map_err(|source| ExportError::Table {
        path: csv_path.clone(),
        source,
    })?;
    Ok(vec![
        ExportedFile {
            path: "tm/seeds.fr-en.tmx".into(),
            summary: format!(
                "translation memory, TMX 1.4b, {SOURCE_LANGUAGE} → {TARGET_LANGUAGE}: {pairs} units aligned from seeds/fr and seeds/en (props x-document, x-align-bead, x-align-score, x-align-weak)"
            ),
        },
        ExportedFile {
            path: "tm/seeds.fr-en.csv".into(),
            summary: format!(
                "the same alignment as a table for review: {} beads, {weak} flagged weak (x-align-weak), sentences without counterpart included",
                all.len()
            ),
        },
    ])
}

fn temp_dir_in(workspace: &Path) -> Result<tempfile::TempDir, ExportError> {
    tempfile::Builder::new()
        .prefix(".export-")
        .tempdir_in(workspace)
        .map_err(io_error(workspace))
}

/// Exports `workspace` into `out` (normally `workspace/export`). On any
/// error nothing in `out` changes.
pub fn export(workspace: &Path, out: &Path) -> Result<Vec<ExportedFile>, ExportError> {
    let staging = temp_dir_in(workspace)?;
    let files = generate(&Workspace::new(workspace), staging.path())?;
    fs::create_dir_all(out).map_err(io_error(out))?;
    for drift in compare(staging.path(), out)? {
        if let Drift::Extra(path) = drift {
            let path = out.join(path);
            fs::remove_file(&path).map_err(io_error(&path))?;
        }
    }
    for f in &files {
        let from = staging.path().join(&f.path);
        let to = out.join(&f.path);
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).map_err(io_error(parent))?;
        }
        fs::rename(&from, &to).map_err(io_error(&to))?;
    }
    Ok(files)
}

/// Regenerates the export in a temporary directory and lists how `out`
/// differs from it (empty: up to date).
pub fn check(workspace: &Path, out: &Path) -> Result<Vec<Drift>, ExportError> {
    let staging = temp_dir_in(workspace)?;
    generate(&Workspace::new(workspace), staging.path())?;
    compare(staging.path(), out)
}

/// Relative paths of the files under `dir`, sorted.
fn list_files(dir: &Path) -> Result<Vec<String>, ExportError> {
    let mut files = Vec::new();
    if !dir.exists() {
        return Ok(files);
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).map_err(io_error(&d))? {
            let path = entry.map_err(io_error(&d))?.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(dir) {
                files.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    files.sort();
    Ok(files)
}

fn compare(fresh: &Path, out: &Path) -> Result<Vec<Drift>, ExportError> {
    let want = list_files(fresh)?;
    let have = list_files(out)?;
    let mut drift = Vec::new();
    for path in &want {
        if !have.contains(path) {
            drift.push(Drift::Missing(path.clone()));
            continue;
        }
        let a = fresh.join(path);
        let b = out.join(path);
        if fs::read(&a).map_err(io_error(&a))? != fs::read(&b).map_err(io_error(&b))? {
            drift.push(Drift::Stale(path.clone()));
        }
    }
    drift.extend(
        have.into_iter()
            .filter(|p| !want.contains(p))
            .map(Drift::Extra),
    );
    Ok(drift)
}
