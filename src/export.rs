//! The workspace export: everything `cargo xtask export` writes to `export/`.
//!
//! Last stage of the flow. [`export`] runs the whole pipeline over the
//! workspace ([`Workspace`]: seeds, translations, glossary) into a fresh
//! temporary directory, checks every file it wrote ([`verify`]: well-formed
//! XML, the TMX header and language tags, every CSV row), and only then moves
//! them into `export/`, so bad input leaves the previous export untouched.
//! [`check`] regenerates into a temporary directory and lists every file of
//! `export/` that differs, so stale exports fail CI and `cargo test`. Files
//! come in a stable order from sorted inputs, dated by [`export_date`]: the
//! same workspace gives the same bytes.
//!
//! | file | what |
//! |---|---|
//! | `tmkit.srx` | tmkit's segmentation rules ([`crate::segment::BUILTIN_SRX`]) |
//! | `segments/NAME.txt`, `segments.tsv` | each French seed segmented, and every segment with its offsets |
//! | `tm/seeds.fr-en.tmx`, `tm/NAME.fr-en.tmx` | the seeds aligned with `seeds/en/`, TMX 1.4b, all and per document |
//! | `tm/seeds.fr-en.csv` | the same beads as a table, for review |
//! | `glossary/fr-en.review.csv` | the review sheet ([`crate::glossary::review`]), Excel flavour |
//! | `glossary/fr-en.tbx`, `glossary/fr-en.utf8` | the glossary for CAT tools: TBX v2, OmegaT/Wordfast tab-separated |
//! | `terms/candidates.csv` | term candidates of the seeds with their English equivalents |
//! | `qa/glossary-check.txt` | the glossary QA of the translation memory |
//! | `README.md` | what each file is, with its counts |

use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufWriter, Write as _};
use std::path::{Path, PathBuf};

use crate::document::Paragraphs;
use crate::glossary::check::{Checker, Pair};
use crate::glossary::omegat::{self, Separator};
use crate::glossary::propose::equivalents;
use crate::glossary::review::{self, Flavour};
use crate::glossary::{Glossary, tbx};
use crate::segment::format::{DocumentError, Format, SegmentWriter};
use crate::segment::{BUILTIN_SRX, Segmenter};
use crate::terms::lexicon::Lexicon;
use crate::tm::table::{Delimiter, TableError, write_table};
use crate::tm::tmx::{WriteError, write_units};
use crate::tm::{Header, Unit, tmx_date};
use crate::workspace::{Bead, SOURCE_LANGUAGE, TARGET_LANGUAGE, Workspace, WorkspaceError};

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
    /// The TBX could not be written.
    #[error("{}: {source}", path.display())]
    Tbx {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: tbx::WriteError,
    },
    /// `SOURCE_DATE_EPOCH` is not a number of seconds.
    #[error(transparent)]
    Date(#[from] crate::tm::BadSourceDate),
    /// A file the export wrote fails its own check: a bug in tmkit.
    #[error("{path}: the export's self-check failed: {message} (a bug in tmkit: please report it)")]
    Defect {
        /// The file, relative to the export directory.
        path: String,
        /// What is wrong.
        message: String,
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

/// The date of a new export, in seconds since 1970: `SOURCE_DATE_EPOCH`
/// when set, else the commit time of the workspace's HEAD, else none (not
/// a git checkout).
pub fn export_date(workspace: &Path) -> Result<Option<i64>, ExportError> {
    if let Some(date) = crate::tm::source_date_epoch()? {
        return Ok(Some(date));
    }
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(workspace)
        .args(["log", "-1", "--format=%ct", "HEAD"])
        .output();
    Ok(out
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok()))
}

/// The date an existing export carries (its TMX's `creationdate`).
fn recorded_date(out: &Path) -> Option<i64> {
    let (header, _) = crate::tm::tmx::read_path(&out.join("tm/seeds.fr-en.tmx")).ok()?;
    crate::tm::parse_tmx_date(header.attribute("creationdate")?)
}

/// Writes every export file of `workspace` into the (empty) directory
/// `out`, reporting each step to `progress`.
fn generate(
    workspace: &Workspace,
    out: &Path,
    date: Option<i64>,
    progress: &mut dyn FnMut(&str),
) -> Result<Vec<ExportedFile>, ExportError> {
    let mut files = Vec::new();
    progress("segmentation rules and segments");
    files.extend(segments(workspace, out)?);
    progress("glossary and alignment of the seeds");
    let glossary = workspace.glossary()?.unwrap_or_default();
    let beads = workspace.align(Some(&glossary))?;
    files.extend(translation_memory(workspace, out, &beads, date)?);
    progress("term candidates");
    let candidates = workspace.candidates()?;
    files.extend(glossaries(out, &glossary, &beads, &candidates)?);
    // What the proposals and the QA read: the beads with both sides.
    let texts: Vec<(String, String, String)> =
        beads.iter().filter(|b| b.pair).map(Bead::texts).collect();
    let pairs = Pair::all(&texts);
    files.extend(terms(out, &glossary, &pairs, &candidates)?);
    progress("glossary QA");
    files.push(qa(out, &glossary, &pairs)?);
    progress("self-check of every file");
    for f in &files {
        verify(out, &f.path)?;
    }
    let mut readme = String::from(
        "# export/\n\nGenerated by `cargo xtask export` from `seeds/` and `glossary/`: do not edit by hand.\nCI fails when this directory is stale (`cargo xtask export --check`).\nHow to load each file into OmegaT, Trados, memoQ and Phrase: see the project README.\n\n| file | what |\n|---|---|\n",
    );
    for f in &files {
        let _ = writeln!(readme, "| `{}` | {} |", f.path, f.summary);
    }
    write_file(out, "README.md", readme.as_bytes())?;
    files.push(ExportedFile {
        path: "README.md".into(),
        summary: "this table".into(),
    });
    Ok(files)
}

fn write_file(out: &Path, rel: &str, bytes: &[u8]) -> Result<(), ExportError> {
    let path = out.join(rel);
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(io_error(dir))?;
    }
    fs::write(&path, bytes).map_err(io_error(&path))
}

/// Creates `out/rel` (and its directory) for writing.
fn create(out: &Path, rel: &str) -> Result<(PathBuf, BufWriter<fs::File>), ExportError> {
    let path = out.join(rel);
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(io_error(dir))?;
    }
    let file = fs::File::create(&path).map_err(io_error(&path))?;
    Ok((path, BufWriter::new(file)))
}

/// `tmkit.srx`, `segments/NAME.txt`, `segments.tsv`.
fn segments(workspace: &Workspace, out: &Path) -> Result<Vec<ExportedFile>, ExportError> {
    let mut files = Vec::new();
    write_file(out, "tmkit.srx", BUILTIN_SRX.as_bytes())?;
    let segmenter = Segmenter::builtin(SOURCE_LANGUAGE).map_err(WorkspaceError::from)?;
    files.push(ExportedFile {
        path: "tmkit.srx".into(),
        summary: format!(
            "tmkit's segmentation rules, SRX 2.0, for French and English ({} rules apply to {SOURCE_LANGUAGE}); load them into a CAT tool to segment as tmkit does",
            segmenter.rule_counts().0
        ),
    });
    let (tsv_path, tsv_file) = create(out, "segments.tsv")?;
    let mut tsv = SegmentWriter::new(tsv_file, Format::Tsv);
    let mut total = 0;
    let document = |e| WorkspaceError::Document(DocumentError::from(e));
    for seed in workspace.french_seeds()? {
        let name = seed
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let rel = format!("segments/{name}");
        let (txt_path, txt_file) = create(out, &rel)?;
        let mut txt = SegmentWriter::new(txt_file, Format::Text);
        let (mut segments, mut non_blank) = (0, 0);
        let mut spans = Vec::new();
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
            path: rel,
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
    Ok(files)
}

fn write_tmx(out: &Path, rel: &str, header: &Header, units: &[&Unit]) -> Result<(), ExportError> {
    let (path, file) = create(out, rel)?;
    let mut file =
        write_units(file, header, units.iter().copied()).map_err(|source| ExportError::Tmx {
            path: path.clone(),
            source,
        })?;
    file.flush().map_err(io_error(&path))
}

/// `tm/seeds.fr-en.tmx` (the translation units), one TMX per document, and
/// `tm/seeds.fr-en.csv` (every bead, sentences without counterpart
/// included, with scores, for review).
fn translation_memory(
    workspace: &Workspace,
    out: &Path,
    beads: &[Bead],
    date: Option<i64>,
) -> Result<Vec<ExportedFile>, ExportError> {
    let date = date.map(tmx_date);
    let header = Header::tmkit(SOURCE_LANGUAGE, date.as_deref());
    let weak = beads.iter().filter(|b| b.weak).count();
    let pairs: Vec<&Unit> = beads.iter().filter(|b| b.pair).map(|b| &b.unit).collect();
    let mut files = vec![ExportedFile {
        path: "tm/seeds.fr-en.tmx".into(),
        summary: format!(
            "translation memory, TMX 1.4b, {SOURCE_LANGUAGE} → {TARGET_LANGUAGE}: {} units aligned from seeds/fr and seeds/en (props x-document, x-align-bead, x-align-score, x-align-weak)",
            pairs.len()
        ),
    }];
    write_tmx(out, "tm/seeds.fr-en.tmx", &header, &pairs)?;
    for seed in workspace.french_seeds()? {
        let name = seed
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stem = name.strip_suffix(".txt").unwrap_or(&name);
        let units: Vec<&Unit> = beads
            .iter()
            .filter(|b| b.pair && b.document == stem)
            .map(|b| &b.unit)
            .collect();
        let rel = format!("tm/{stem}.fr-en.tmx");
        write_tmx(out, &rel, &header, &units)?;
        files.push(ExportedFile {
            path: rel,
            summary: format!("the units of seeds/fr/{name} alone: {}", units.len()),
        });
    }
    let (csv_path, file) = create(out, "tm/seeds.fr-en.csv")?;
    let all: Vec<Unit> = beads.iter().map(|b| b.unit.clone()).collect();
    write_table(file, Delimiter::Comma, SOURCE_LANGUAGE, &all).map_err(|source| {
        ExportError::Table {
            path: csv_path,
            source,
        }
    })?;
    files.push(ExportedFile {
        path: "tm/seeds.fr-en.csv".into(),
        summary: format!(
            "the same alignment as a table for review: {} beads, {weak} flagged weak (x-align-weak), sentences without counterpart included",
            all.len()
        ),
    });
    Ok(files)
}

/// The review sheet, the TBX and the OmegaT glossary.
fn glossaries(
    out: &Path,
    glossary: &Glossary,
    beads: &[Bead],
    candidates: &[crate::terms::Candidate],
) -> Result<Vec<ExportedFile>, ExportError> {
    let rows = review::rows(glossary, beads, candidates, Lexicon::french());
    let new = rows.iter().filter(|r| r.status.is_none()).count();
    let (path, file) = create(out, "glossary/fr-en.review.csv")?;
    review::write(
        file,
        &rows,
        Flavour {
            excel: true,
            delimiter: b',',
        },
    )
    .map_err(io_error(&path))?;
    let contexts = review::contexts(&rows);
    let (path, file) = create(out, "glossary/fr-en.tbx")?;
    tbx::write(
        file,
        glossary,
        &tbx::Options {
            source: SOURCE_LANGUAGE,
            target: TARGET_LANGUAGE,
            contexts: &contexts,
        },
    )
    .map_err(|source| ExportError::Tbx { path, source })?;
    let (path, file) = create(out, "glossary/fr-en.utf8")?;
    let lines = omegat::write(file, glossary, Separator::Tab).map_err(io_error(&path))?;
    let count = |s| glossary.entries.iter().filter(|e| e.status == s).count();
    use crate::glossary::Status::{Approved, Proposed, Rejected};
    Ok(vec![
        ExportedFile {
            path: "glossary/fr-en.review.csv".into(),
            summary: format!(
                "the review sheet (Excel flavour: UTF-8 with BOM, CRLF, every field quoted): {} rows, {} glossary entries and {new} new candidates with counts, contexts, proposals and evidence; edit it in a spreadsheet and merge it back with `tmkit glossary import`",
                rows.len(),
                rows.len() - new
            ),
        },
        ExportedFile {
            path: "glossary/fr-en.tbx".into(),
            summary: format!(
                "the glossary as TBX v2 (martif, TBX-Basic style) for Trados, memoQ, Phrase and OmegaT: {} entries ({} approved → preferred, {} proposed → admitted, {} rejected → deprecated), with context sentences from the seeds",
                glossary.entries.len(),
                count(Approved),
                count(Proposed),
                count(Rejected)
            ),
        },
        ExportedFile {
            path: "glossary/fr-en.utf8".into(),
            summary: format!(
                "the glossary for OmegaT and Wordfast: French⇥English⇥comment, UTF-8, no header: {lines} entries (approved and proposed)"
            ),
        },
    ])
}

/// `terms/candidates.csv`.
fn terms(
    out: &Path,
    glossary: &Glossary,
    pairs: &[Pair<'_>],
    candidates: &[crate::terms::Candidate],
) -> Result<Vec<ExportedFile>, ExportError> {
    let eq = equivalents(candidates, Some(glossary), pairs);
    let (path, mut file) = create(out, "terms/candidates.csv")?;
    crate::terms::format::write_candidates(
        &mut file,
        crate::terms::format::Format::Csv,
        candidates,
        Some(&eq),
    )
    .and_then(|()| file.flush())
    .map_err(io_error(&path))?;
    let curated = eq
        .iter()
        .flatten()
        .filter(|e| e.evidence.starts_with("glossary:"))
        .count();
    let proposed = eq.iter().flatten().count() - curated;
    Ok(vec![ExportedFile {
        path: "terms/candidates.csv".into(),
        summary: format!(
            "term candidates of the French seeds (`tmkit terms`): {} candidates with counts, variants, score and a context; {curated} with their curated English term, {proposed} with a proposal from the alignment (status proposed, evidence)",
            candidates.len()
        ),
    }])
}

/// `qa/glossary-check.txt`.
fn qa(out: &Path, glossary: &Glossary, pairs: &[Pair<'_>]) -> Result<ExportedFile, ExportError> {
    let report = Checker::new(glossary, Lexicon::french()).check(pairs.iter().cloned());
    let mut text = format!(
        "glossary QA (`tmkit glossary check`): tm/seeds.fr-en.tmx against glossary/fr-en.csv\n{} units, {} approved-term occurrences, {} violations\n",
        report.units,
        report.occurrences,
        report.violations.len()
    );
    for v in &report.violations {
        let _ = writeln!(text, "{v}");
    }
    write_file(out, "qa/glossary-check.txt", text.as_bytes())?;
    Ok(ExportedFile {
        path: "qa/glossary-check.txt".into(),
        summary: format!(
            "the glossary QA of the translation memory: {} units, {} approved-term occurrences, {} violations",
            report.units,
            report.occurrences,
            report.violations.len()
        ),
    })
}

/// Checks a file the export wrote: XML well-formed and valid as tmkit reads
/// it, TMX header attributes and `xml:lang` on every `tuv`, every CSV row
/// with the header's fields, three fields on every glossary line.
pub fn verify(out: &Path, rel: &str) -> Result<(), ExportError> {
    let path = out.join(rel);
    let defect = |message: String| ExportError::Defect {
        path: rel.to_string(),
        message,
    };
    let bytes = fs::read(&path).map_err(io_error(&path))?;
    let text = std::str::from_utf8(&bytes).map_err(|e| defect(format!("not UTF-8: {e}")))?;
    let ext = rel.rsplit('.').next().unwrap_or("");
    match ext {
        "tmx" => {
            let (header, units) =
                crate::tm::tmx::read_path(&path).map_err(|e| defect(e.to_string()))?;
            for a in crate::tm::tmx::REQUIRED_HEADER_ATTRIBUTES {
                if header.attribute(a).is_none_or(str::is_empty) {
                    return Err(defect(format!("the header lacks {a}")));
                }
            }
            if header.srclang() != Some(SOURCE_LANGUAGE) {
                return Err(defect(format!("srclang is not {SOURCE_LANGUAGE}")));
            }
            let tuvs = text.matches("<tuv ").count();
            if tuvs != text.matches("<tuv xml:lang=\"").count() || tuvs != 2 * units.len() {
                return Err(defect(
                    "a tuv without xml:lang, or a unit without both languages".into(),
                ));
            }
            for u in &units {
                if u.variants.first().map(|v| v.lang()) != Some(SOURCE_LANGUAGE) {
                    return Err(defect(format!(
                        "unit {:?}: the source tuv is not first",
                        u.tuid()
                    )));
                }
            }
        }
        "tbx" => {
            tbx::read(&bytes, rel).map_err(|e| defect(e.to_string()))?;
        }
        "srx" => {
            crate::segment::srx::SrxDocument::parse(text, rel)
                .map_err(|e| defect(e.to_string()))?;
        }
        "csv" => {
            let body = text.strip_prefix('\u{feff}').unwrap_or(text);
            let mut reader = csv::ReaderBuilder::new()
                .flexible(true)
                .from_reader(body.as_bytes());
            let width = reader.headers().map_err(|e| defect(e.to_string()))?.len();
            for (i, record) in reader.records().enumerate() {
                let record = record.map_err(|e| defect(e.to_string()))?;
                if record.len() != width {
                    return Err(defect(format!(
                        "row {}: {} fields, not {width}",
                        i + 2,
                        record.len()
                    )));
                }
            }
        }
        "utf8" => {
            for (i, line) in text.lines().enumerate() {
                if line.split('\t').count() != 3 {
                    return Err(defect(format!(
                        "line {}: not three tab-separated fields",
                        i + 1
                    )));
                }
            }
        }
        _ => {}
    }
    Ok(())
}

fn temp_dir_in(workspace: &Path) -> Result<tempfile::TempDir, ExportError> {
    tempfile::Builder::new()
        .prefix(".export-")
        .tempdir_in(workspace)
        .map_err(io_error(workspace))
}

/// Exports `workspace` into `out` (normally `workspace/export`). On any
/// error nothing in `out` changes.
pub fn export(
    workspace: &Path,
    out: &Path,
    progress: &mut dyn FnMut(&str),
) -> Result<Vec<ExportedFile>, ExportError> {
    let forced = crate::tm::source_date_epoch()?.is_some();
    export_dated(workspace, out, export_date(workspace)?, forced, progress)
}

/// [`export`] with the date a new export gets: `forced` (from
/// `SOURCE_DATE_EPOCH`), it dates the export whatever `out` holds; else an
/// export whose content would not change keeps the date it carries, so a
/// new commit alone never rewrites it.
fn export_dated(
    workspace: &Path,
    out: &Path,
    date: Option<i64>,
    forced: bool,
    progress: &mut dyn FnMut(&str),
) -> Result<Vec<ExportedFile>, ExportError> {
    let ws = Workspace::new(workspace);
    let recorded = recorded_date(out).filter(|&r| !forced && Some(r) != date);
    let mut staging = temp_dir_in(workspace)?;
    let mut files = generate(&ws, staging.path(), recorded.or(date), progress)?;
    if recorded.is_some() && !compare(staging.path(), out)?.is_empty() {
        staging = temp_dir_in(workspace)?;
        files = generate(&ws, staging.path(), date, &mut |_| {})?;
    }
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
    // The content is checked, not the date: the committed export carries
    // the date it was made at, whatever SOURCE_DATE_EPOCH says now.
    let date = match recorded_date(out) {
        Some(date) => Some(date),
        None => export_date(workspace)?,
    };
    let staging = temp_dir_in(workspace)?;
    generate(
        &Workspace::new(workspace),
        staging.path(),
        date,
        &mut |_| {},
    )?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn defect(rel: &str, content: &str) -> String {
        let dir = tempfile::tempdir().unwrap();
        write_file(dir.path(), rel, content.as_bytes()).unwrap();
        match verify(dir.path(), rel) {
            Err(e @ ExportError::Defect { .. }) => e.to_string(),
            other => panic!("{rel}: {other:?}"),
        }
    }

    /// A copy of the repository's seeds and glossary (not a git checkout).
    fn scratch_workspace() -> tempfile::TempDir {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap();
        for sub in ["seeds/fr", "seeds/en", "glossary"] {
            fs::create_dir_all(dir.path().join(sub)).unwrap();
            for entry in fs::read_dir(root.join(sub)).unwrap() {
                let path = entry.unwrap().path();
                fs::copy(&path, dir.path().join(sub).join(path.file_name().unwrap())).unwrap();
            }
        }
        dir
    }

    #[test]
    fn an_unchanged_export_keeps_its_date_and_a_changed_or_forced_one_takes_the_new() {
        let ws = scratch_workspace();
        let out = ws.path().join("export");
        let dated = |date: i64, forced: bool| {
            export_dated(ws.path(), &out, Some(date), forced, &mut |_| {}).unwrap();
            recorded_date(&out)
        };
        assert_eq!(dated(1_000_000_000, false), Some(1_000_000_000));
        assert_eq!(
            dated(2_000_000_000, false),
            Some(1_000_000_000),
            "unchanged"
        );
        let glossary = ws.path().join("glossary/fr-en.csv");
        let mut text = fs::read_to_string(&glossary).unwrap();
        text.push_str("Bichkek,Bishkek,bichkek,name,approved,,,,,\n");
        fs::write(&glossary, text).unwrap();
        assert_eq!(dated(2_000_000_000, false), Some(2_000_000_000), "changed");
        assert_eq!(dated(3_000_000_000, true), Some(3_000_000_000), "forced");
    }

    #[test]
    fn the_self_check_catches_a_tmx_without_its_required_header_attributes() {
        let err = defect(
            "tm/x.tmx",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header creationtool=\"t\" srclang=\"fr-FR\"/><body/></tmx>\n",
        );
        assert!(
            err.contains("tm/x.tmx: the export's self-check failed: the header lacks"),
            "{err}"
        );
    }

    #[test]
    fn the_self_check_catches_malformed_xml_a_ragged_csv_and_a_short_glossary_line() {
        assert!(defect("g/x.tbx", "<martif><text>").contains("g/x.tbx"));
        let err = defect("x.csv", "a,b\n1,2\n3\n");
        assert!(err.contains("row 3: 1 fields, not 2"), "{err}");
        let err = defect("x.utf8", "a\tb\tc\nd\te\n");
        assert!(
            err.contains("line 2: not three tab-separated fields"),
            "{err}"
        );
    }
}
