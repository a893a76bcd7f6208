//! The workspace export: everything `cargo xtask export` writes to `export/`.
//!
//! Last stage of the flow. [`export`] loads the workspace once
//! ([`Workspace::load`]: every document read, segmented and aligned once),
//! writes every file into a staging directory beside `export/`, checks each
//! one ([`verify`]: well-formed XML, the TMX header and language tags, every
//! CSV row), and only then switches `export/` to it in one step (see
//! `switch`): bad input, a failure or a kill at any instant leaves `export/`
//! wholly old or wholly new. [`check`] regenerates into a temporary
//! directory and lists every file of `export/` that differs, so stale
//! exports fail CI and `cargo test`. Files come in a stable order from
//! sorted inputs; each TMX keeps the date it carries while its content does
//! not change: the same workspace gives the same bytes.
//!
//! | file | what |
//! |---|---|
//! | `tmkit.srx` | tmkit's segmentation rules ([`crate::segment::BUILTIN_SRX`]) |
//! | `segments/NAME.txt`, `segments.tsv` | each French document segmented, and every segment with its offsets |
//! | `tm/seeds.fr-en.tmx`, `tm/NAME.fr-en.tmx` | the translated paragraphs aligned with `seeds/en/`, TMX 1.4b, all and per document |
//! | `tm/seeds.fr-en.csv` | the same beads as a table, for review |
//! | `glossary/fr-en.review.csv` | the review sheet ([`crate::glossary::sheet`]), Excel flavour |
//! | `glossary/fr-en.tbx`, `glossary/fr-en.utf8` | the glossary for CAT tools: TBX v2, OmegaT/Wordfast tab-separated |
//! | `terms/candidates.csv` | term candidates of the French documents with their English equivalents |
//! | `qa/glossary-check.txt` | the glossary QA of the translation memory |
//! | `README.md` | what each file is, with its counts, and where each document stands |

mod switch;

use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufWriter, Write as _};
use std::path::{Path, PathBuf};

use crate::analysis::{self, Band, report};
use crate::glossary::check::Checker;
use crate::glossary::contexts::{AlignedText, contexts};
use crate::glossary::omegat::{self, Separator};
use crate::glossary::propose::{EquivalentSource, equivalents, without_rejected};
use crate::glossary::rows::rows;
use crate::glossary::sheet::{self, Flavour};
use crate::glossary::{Glossary, tbx};
use crate::kit;
use crate::segment::format::{SegmentFormat, SegmentWriter};
use crate::segment::{BUILTIN_SRX, Segmenter};
use crate::terms::lexicon::Lexicon;
use crate::tm::table::{Delimiter, write_table};
use crate::tm::tmx::{TmxReader, TmxWriteError, write_units};
use crate::tm::{Header, Pair, Unit, parse_tmx_date, tmx_date};
use crate::workspace::{
    AlignedUnit, BadSourceDate, Contents, SOURCE_LANGUAGE, State, TARGET_LANGUAGE, Workspace,
    WorkspaceError, source_date_epoch,
};

pub use switch::SwitchError;

/// Why the export failed. `export/` is as it was, except after a
/// [`ExportError::Switch`], whose message says what changed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
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
        source: TmxWriteError,
    },
    /// The alignment table could not be written.
    #[error("{}: {source}", path.display())]
    Table {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The TBX could not be written.
    #[error("{}: {source}", path.display())]
    Tbx {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: tbx::TbxWriteError,
    },
    /// `SOURCE_DATE_EPOCH` is not a number of seconds.
    #[error(transparent)]
    Date(#[from] BadSourceDate),
    /// A file the export wrote fails its own check: a bug in tmkit.
    #[error("{path}: the export's self-check failed: {message} (a bug in tmkit: please report it)")]
    Defect {
        /// The file, relative to the export directory.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// Switching `export/` to the new export failed part-way.
    #[error(transparent)]
    Switch(#[from] SwitchError),
    /// An export was interrupted while switching `export/`: its journal is
    /// still there, and the next export finishes the switch.
    #[error("{}: an export was interrupted while replacing it", out.display())]
    Interrupted {
        /// The export directory.
        out: PathBuf,
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

/// What an export did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Exported {
    /// Every file of the new export, in the order written.
    pub files: Vec<ExportedFile>,
    /// What went wrong after the switch without undoing it (an old export
    /// that could not be removed), for people.
    pub warnings: Vec<String>,
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

impl ExportError {
    /// The error with a path under the staging directory `staging` named
    /// where the file was going, under `out`: the staging directory is gone
    /// when the error is read.
    fn relocated(mut self, staging: &Path, out: &Path) -> ExportError {
        if let ExportError::Io { path, .. }
        | ExportError::Tmx { path, .. }
        | ExportError::Table { path, .. }
        | ExportError::Tbx { path, .. } = &mut self
            && let Ok(rel) = path.strip_prefix(staging)
        {
            *path = out.join(rel);
        }
        self
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
pub(crate) fn export_date(workspace: &Workspace) -> Result<Option<i64>, ExportError> {
    Ok(source_date_epoch()?.or_else(|| workspace.commit_time()))
}

/// How the TMX files are dated: each keeps the date it carries in the
/// previous export while its content does not change, so adding a document
/// re-dates only what it changes; a changed file takes the new date.
/// `SOURCE_DATE_EPOCH` forces the new date on every file.
struct Dating<'a> {
    /// The previous export.
    previous: &'a Path,
    /// The date of what changed.
    date: Option<i64>,
    /// The date is forced on every file.
    forced: bool,
}

impl Dating<'_> {
    /// The TMX `rel` of `units`, dated.
    fn tmx(&self, rel: &str, units: &[&Unit]) -> Result<Vec<u8>, ExportError> {
        let render = |date: Option<i64>| {
            let date = date.map(tmx_date);
            let header = Header::tmkit(SOURCE_LANGUAGE, date.as_deref());
            write_units(Vec::new(), &header, units.iter().copied()).map_err(|source| {
                ExportError::Tmx {
                    path: PathBuf::from(rel),
                    source,
                }
            })
        };
        if !self.forced
            && let Ok(old) = fs::read(self.previous.join(rel))
        {
            let recorded = TmxReader::new(&old[..], rel).ok().and_then(|r| {
                r.header()
                    .attribute("creationdate")
                    .and_then(parse_tmx_date)
            });
            let same = render(recorded)?;
            if same == old {
                return Ok(same);
            }
        }
        render(self.date)
    }
}

/// Writes every export file of the workspace's `contents` into the (empty)
/// directory `out`, reporting each step to `progress`.
fn generate(
    contents: &Contents,
    out: &Path,
    dating: &Dating<'_>,
    progress: &mut dyn FnMut(&str),
) -> Result<Vec<ExportedFile>, ExportError> {
    let mut files = Vec::new();
    progress("segments");
    files.extend(segments(contents, out)?);
    progress("translation memory");
    files.extend(translation_memory(contents, out, dating)?);
    progress("translation kits");
    let (kit_files, kit_section) = kits(contents, out, dating)?;
    files.extend(kit_files);
    progress("term candidates");
    let candidates = contents.candidates();
    progress("glossaries");
    let glossary = &contents.glossary;
    // What the glossary's contexts, the proposals and the QA read: the
    // units the memory delivers (both sides, not flagged).
    let beads = contents.delivered();
    files.extend(glossaries(out, glossary, &beads, &candidates)?);
    let texts: Vec<Pair> = beads.iter().map(AlignedUnit::texts).collect();
    let pairs: Vec<Pair<&str>> = texts.iter().map(Pair::borrowed).collect();
    files.extend(terms(out, glossary, &pairs, &candidates)?);
    progress("glossary QA");
    files.push(qa(out, glossary, &pairs)?);
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
    readme.push_str(&documents(contents));
    readme.push_str(&to_check(contents));
    readme.push_str(&kit_section);
    write_file(out, "README.md", readme.as_bytes())?;
    files.push(ExportedFile {
        path: "README.md".into(),
        summary: "this table, and where each document stands".into(),
    });
    Ok(files)
}

/// The README's section on where each document stands.
fn documents(contents: &Contents) -> String {
    let mut text = String::from(
        "\n## Documents\n\n| document | state | paragraphs translated | units | units to check |\n|---|---|---|---|---|\n",
    );
    let mut untranslated = false;
    for d in &contents.documents {
        let state = match d.state() {
            State::Translated => "translated".to_string(),
            State::Partly => format!(
                "partly translated: {} not yet",
                crate::align::document::lines(&d.untranslated_lines())
            ),
            State::Waiting => "waiting for translation".to_string(),
        };
        untranslated |= d.state() != State::Translated;
        let beads = contents.beads_of(d);
        let units = beads.iter().filter(|b| b.delivered()).count();
        let flagged = beads.iter().filter(|b| b.pair && b.weak).count();
        let _ = writeln!(
            text,
            "| `seeds/fr/{}` | {state} | {} of {} | {units} | {flagged} |",
            d.file_name(),
            d.correspondence.translated(),
            d.paragraphs()
        );
    }
    for d in &contents.documents {
        if let Some(divergence) = &d.correspondence.divergence {
            let _ = writeln!(
                text,
                "\n`seeds/en/{}` does not keep to one English line per French line: {divergence}. Those paragraphs were aligned as one stretch and their units across paragraphs are to check; put the English back line for line (see the project README, \"What a translation file may look like\").",
                d.file_name(),
                divergence = divergence.replace('|', "\\|")
            );
        }
    }
    for warning in &contents.warnings {
        let _ = writeln!(text, "\nWarning: {}", warning.replace('|', "\\|"));
    }
    if untranslated {
        text.push_str("\nWhat is not yet translated is in `segments/` but in no translation memory. Translate it line for line into `seeds/en/NAME.txt` (an empty line for a paragraph left for later), then run `cargo xtask export`: see the project README, \"A document waiting for translation\".\n");
    }
    text
}

fn write_file(out: &Path, rel: &str, bytes: &[u8]) -> Result<(), ExportError> {
    let (path, mut file) = create(out, rel)?;
    file.write_all(bytes)
        .and_then(|()| file.flush())
        .map_err(io_error(&path))
}

/// Creates `out/rel` (and its directory) for writing.
fn create(out: &Path, rel: &str) -> Result<(PathBuf, BufWriter<fs::File>), ExportError> {
    let path = out.join(rel);
    switch::step("write a file of the new export").map_err(io_error(&path))?;
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(io_error(dir))?;
    }
    let file = fs::File::create(&path).map_err(io_error(&path))?;
    Ok((path, BufWriter::new(file)))
}

/// `tmkit.srx`, `segments/NAME.txt`, `segments.tsv`: every French document,
/// translated or not.
fn segments(contents: &Contents, out: &Path) -> Result<Vec<ExportedFile>, ExportError> {
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
    let mut tsv = SegmentWriter::new(tsv_file, SegmentFormat::Tsv);
    let mut total = 0;
    for document in &contents.documents {
        let name = document.file_name();
        let rel = format!("segments/{name}");
        let (txt_path, txt_file) = create(out, &rel)?;
        let mut txt = SegmentWriter::new(txt_file, SegmentFormat::Text);
        for p in &document.french.paragraphs {
            txt.segments(&name, p.line, p.offset, &p.text, &p.spans)
                .map_err(io_error(&txt_path))?;
            tsv.segments(&name, p.line, p.offset, &p.text, &p.spans)
                .map_err(io_error(&tsv_path))?;
        }
        txt.finish().map_err(io_error(&txt_path))?;
        let segments = document.french.sentences();
        total += segments;
        files.push(ExportedFile {
            path: rel,
            summary: format!(
                "seeds/fr/{name} segmented with tmkit.srx: {segments} segments from {} paragraphs, one per line, a blank line between paragraphs",
                document.paragraphs()
            ),
        });
    }
    tsv.finish().map_err(io_error(&tsv_path))?;
    files.push(ExportedFile {
        path: "segments.tsv".into(),
        summary: format!(
            "every segment of every French document ({total} rows): document, paragraph (line number), segment number, start and end byte offsets in the document, text"
        ),
    });
    Ok(files)
}

/// `kits/NAME/`: the kit of each document waiting for translation or
/// partly translated, an OmegaT project ([`crate::kit::omegat`]), and the
/// README's section listing them with their analysis.
fn kits(
    contents: &Contents,
    out: &Path,
    dating: &Dating<'_>,
) -> Result<(Vec<ExportedFile>, String), ExportError> {
    let waiting: Vec<&crate::workspace::Document> = contents
        .documents
        .iter()
        .filter(|d| d.state() != State::Translated)
        .collect();
    if waiting.is_empty() {
        return Ok((Vec::new(), String::new()));
    }
    let units: Vec<Unit> = contents.delivered().into_iter().map(|b| b.unit).collect();
    let memory = kit::memory_of(&units, SOURCE_LANGUAGE, TARGET_LANGUAGE);
    let leverage = kit::Leverage::new(&memory, &units);
    let srx = crate::segment::srx::SrxDocument::parse(BUILTIN_SRX, "tmkit.srx").map_err(|e| {
        ExportError::Defect {
            path: "tmkit.srx".into(),
            message: e.to_string(),
        }
    })?;
    let conf = kit::omegat::segmentation_conf(&srx);
    let project = kit::omegat::project_file(SOURCE_LANGUAGE, TARGET_LANGUAGE, true);
    let mut glossary = Vec::new();
    let entries = omegat::write(&mut glossary, &contents.glossary, Separator::Tab)
        .map_err(io_error(Path::new("glossary/fr-en.utf8")))?;
    let checker = kit::xliff::glossary_checker(&contents.glossary, Lexicon::french());
    let mut files = Vec::new();
    let mut section = String::from(
        "\n## Translation kits\n\nEach document waiting for translation or partly translated has a kit in `kits/NAME/`: an OmegaT project that opens as is (`omegat.project`, fr-FR → en-GB), its source `source/NAME.txt`, tmkit's segmentation rules (`omegat/segmentation.conf` for OmegaT 3.6, `omegat/segmentation.srx` for later versions), `omegat/filters.xml` (each line a paragraph), the exact matches OmegaT inserts (`tm/auto/`), the memory's units matching a segment at 50 % or more (`tm/`), the glossary (`glossary/fr-en.utf8`) and, for a partly translated document, the segments already translated (`omegat/project_save.tmx`). Open the folder in OmegaT (*Project → Open*). Each kit's analysis against the workspace memory (tmkit's scores, Trados's precedence) is in `kits/NAME/analysis.csv`, `.xml` (Trados's report shape) and `.html`; that of all the kits' documents together, where a segment repeated in a later document is a cross-file repetition, in `kits/analysis.*`. Segments / words:\n\n| kit | 101 | repetitions | 100 | 95–99 | 85–94 | 75–84 | 50–74 | no match | translated | total |\n|---|---|---|---|---|---|---|---|---|---|---|\n",
    );
    let mut analysed = Vec::new();
    for document in waiting {
        let name = &document.name;
        let (translations, translated_lines) = translated_segments(contents, document);
        let built = kit::Kit::build(
            &document.french,
            &translations,
            &translated_lines,
            &leverage,
        );
        let dir = format!("kits/{name}");
        let mut add = |rel: String, bytes: &[u8], summary: String| -> Result<(), ExportError> {
            write_file(out, &rel, bytes)?;
            files.push(ExportedFile { path: rel, summary });
            Ok(())
        };
        add(
            format!("{dir}/omegat.project"),
            project.as_bytes(),
            format!(
                "the OmegaT project of seeds/fr/{name}.txt ({SOURCE_LANGUAGE} → {TARGET_LANGUAGE}): open this folder in OmegaT"
            ),
        )?;
        add(
            format!("{dir}/source/{name}.txt"),
            built.source_text().as_bytes(),
            format!(
                "the document to translate: {} segments",
                built.segments.len()
            ),
        )?;
        add(
            format!("{dir}/omegat/filters.xml"),
            kit::omegat::filters("*.txt").as_bytes(),
            "OmegaT's file filter: each line of a .txt file a paragraph".into(),
        )?;
        add(
            format!("{dir}/omegat/segmentation.conf"),
            conf.as_bytes(),
            "tmkit's segmentation rules as OmegaT 3.6 reads them".into(),
        )?;
        add(
            format!("{dir}/omegat/segmentation.srx"),
            BUILTIN_SRX.as_bytes(),
            "tmkit's segmentation rules, SRX 2.0, as OmegaT 4.3 and later read them".into(),
        )?;
        add(
            format!("{dir}/glossary/fr-en.utf8"),
            &glossary,
            format!("the glossary for OmegaT: {entries} entries"),
        )?;
        let rel = format!("{dir}/tm/auto/{name}.fr-en.tmx");
        let bytes = dating.tmx(&rel, &built.exact)?;
        add(
            rel,
            &bytes,
            format!("exact matches OmegaT inserts: {} units", built.exact.len()),
        )?;
        let rel = format!("{dir}/tm/{name}.fr-en.tmx");
        let bytes = dating.tmx(&rel, &built.fuzzy)?;
        add(
            rel,
            &bytes,
            format!(
                "the memory's other units matching a segment at {} % or more: {} units",
                kit::MIN_MATCH,
                built.fuzzy.len()
            ),
        )?;
        let xliff = kit::xliff::xliff12(&built, SOURCE_LANGUAGE, TARGET_LANGUAGE, &checker);
        add(
            format!("{dir}/{name}.xlf"),
            xliff.as_bytes(),
            format!(
                "the kit as XLIFF 1.2 (Trados, memoQ, Phrase, XTM): a trans-unit per paragraph, a segment per sentence, targets filled from matches of {} % or more, alternatives as alt-trans, glossary entries as notes",
                kit::xliff::FILL_FROM
            ),
        )?;
        let xliff = kit::xliff::xliff21(&built, SOURCE_LANGUAGE, TARGET_LANGUAGE, &checker);
        add(
            format!("{dir}/{name}.xliff"),
            xliff.as_bytes(),
            "the kit as XLIFF 2.1: a unit per paragraph, a segment per sentence, matches (mtc) and glossary entries (gls) per unit".into(),
        )?;
        let done = built.translated_units(SOURCE_LANGUAGE, TARGET_LANGUAGE);
        if !done.is_empty() {
            let rel = format!("{dir}/omegat/project_save.tmx");
            let refs: Vec<&Unit> = done.iter().collect();
            let bytes = dating.tmx(&rel, &refs)?;
            add(
                rel,
                &bytes,
                format!(
                    "the segments already translated, as the project's own translations: {}",
                    done.len()
                ),
            )?;
        }
        for (rel, bytes, summary) in analysis_files(
            &dir,
            &built.analysis,
            &format!("the analysis of seeds/fr/{name}.txt against the workspace memory"),
        )? {
            add(rel, &bytes, summary)?;
        }
        let bands = &built.analysis.files[0].bands;
        section.push_str(&kit_row(&format!("`kits/{name}`"), bands));
        analysed.push(built.analysed);
    }
    // The documents together: a segment of one kit repeated in a later
    // one is a cross-file repetition, as a CAT tool's batch analysis says.
    let all = analysis::analyze(
        &analysed,
        leverage.tmkit(),
        &analysis::AnalysisOptions::default(),
        &|_, _| {},
    );
    for (rel, bytes, summary) in analysis_files(
        "kits",
        &all,
        &format!(
            "the analysis of every kit's document together ({} in all) against the workspace memory (a segment repeated in a later document is a cross-file repetition)",
            analysed.len()
        ),
    )? {
        write_file(out, &rel, &bytes)?;
        files.push(ExportedFile { path: rel, summary });
    }
    section.push_str(&kit_row("all kits, analysed together", &all.total()));
    Ok((files, section))
}

/// `DIR/analysis.csv`, `.xml` and `.html`: `analysis` as a table, in
/// Trados's report shape and as a page; `what` says whose analysis it is.
fn analysis_files(
    dir: &str,
    analysis: &analysis::Analysis,
    what: &str,
) -> Result<Vec<(String, Vec<u8>, String)>, ExportError> {
    let total = analysis.total().total();
    let counts = format!("{} segments, {} words", total.segments, total.words);
    [
        (
            report::ReportFormat::Csv,
            "csv",
            "one row per document and band: segments, words, characters",
        ),
        (
            report::ReportFormat::Xml,
            "xml",
            "in the shape of Trados Studio's analysis report",
        ),
        (
            report::ReportFormat::Html,
            "html",
            "a page with a bar per band",
        ),
    ]
    .into_iter()
    .map(|(format, ext, shape)| {
        let rel = format!("{dir}/analysis.{ext}");
        let mut bytes = Vec::new();
        report::write(analysis, format, &mut bytes).map_err(io_error(Path::new(&rel)))?;
        Ok((rel, bytes, format!("{what}, {shape}: {counts}")))
    })
    .collect()
}

/// The analysis bands of the README's kit table, column by column.
const KIT_COLUMNS: [&[Band]; 9] = [
    &[Band::Context],
    &[Band::Repetition, Band::CrossFileRepetition],
    &[Band::Exact],
    &[Band::Fuzzy95],
    &[Band::Fuzzy85],
    &[Band::Fuzzy75],
    &[Band::Fuzzy50],
    &[Band::NoMatch],
    &[Band::Translated],
];

/// A row of the README's kit table: segments / words per column, then the
/// total.
fn kit_row(label: &str, bands: &analysis::Bands) -> String {
    let mut row = format!("| {label} |");
    let cells = KIT_COLUMNS
        .iter()
        .map(|column| {
            column.iter().fold((0, 0), |(segments, words), &band| {
                let c = bands.get(band);
                (segments + c.segments, words + c.words)
            })
        })
        .chain(std::iter::once((
            bands.total().segments,
            bands.total().words,
        )));
    for (segments, words) in cells {
        let _ = write!(row, " {segments} / {words} |");
    }
    row.push('\n');
    row
}

/// The translations of `document`'s segments already translated, by
/// (line, 0-based index): each delivered bead's English is its first
/// French sentence's, the others of a bead joining sentences have an empty
/// one; and the lines translated.
fn translated_segments(
    contents: &Contents,
    document: &crate::workspace::Document,
) -> (
    std::collections::BTreeMap<(usize, usize), String>,
    std::collections::BTreeSet<usize>,
) {
    let untranslated = document.untranslated_lines();
    let lines = document
        .french
        .paragraphs
        .iter()
        .filter(|p| !p.spans.is_empty() && !untranslated.contains(&p.line))
        .map(|p| p.line)
        .collect();
    let mut translations = std::collections::BTreeMap::new();
    for bead in contents.beads_of(document) {
        if !bead.delivered() {
            continue;
        }
        // DOCUMENT:LINE:FIRST[-LAST], sentences 1-based.
        let Some(tuid) = bead.unit.tuid() else {
            continue;
        };
        let mut parts = tuid.rsplit(':');
        let (Some(sentences), Some(line)) = (parts.next(), parts.next()) else {
            continue;
        };
        let (first, last) = sentences.split_once('-').unwrap_or((sentences, sentences));
        if let (Ok(line), Ok(first), Ok(last)) = (
            line.parse::<usize>(),
            first.parse::<usize>(),
            last.parse::<usize>(),
        ) && first >= 1
        {
            translations.insert((line, first - 1), bead.english());
            for index in first..last {
                translations.insert((line, index), String::new());
            }
        }
    }
    (translations, lines)
}

/// The README's list of the units to check: flagged, so kept out of the
/// memory and in `tm/review/seeds.fr-en.tmx`.
fn to_check(contents: &Contents) -> String {
    let flagged: Vec<&AlignedUnit> = contents.beads.iter().filter(|b| b.pair && b.weak).collect();
    if flagged.is_empty() {
        return String::new();
    }
    let mut text = format!(
        "\n## Units to check\n\n{} unit(s) the aligner is not sure of: they are in `tm/review/seeds.fr-en.tmx`, not in the memory, and never fill a CAT tool's segments. Check each one; where it is wrong, the translation file usually does not keep to one English line per French line.\n\n| unit | why | score | probability | French | English |\n|---|---|---|---|---|---|\n",
        flagged.len()
    );
    let cell = |s: &str| s.replace('|', "\\|");
    for b in flagged {
        let Pair { name, fr, en } = b.texts();
        let _ = writeln!(
            text,
            "| `{name}` | {} | {} | {} | {} | {} |",
            b.unit.prop("x-align-check").unwrap_or_default(),
            b.unit.prop("x-align-score").unwrap_or_default(),
            b.unit.prop("x-align-probability").unwrap_or("—"),
            cell(&fr),
            cell(&en)
        );
    }
    text
}

/// `tm/seeds.fr-en.tmx` (the translation units), one TMX per document with
/// a translation, `tm/review/seeds.fr-en.tmx` (the flagged units, kept
/// apart) and `tm/seeds.fr-en.csv` (every bead, sentences without
/// counterpart included, with scores, for review).
fn translation_memory(
    contents: &Contents,
    out: &Path,
    dating: &Dating<'_>,
) -> Result<Vec<ExportedFile>, ExportError> {
    fn delivered(beads: &[AlignedUnit]) -> Vec<&Unit> {
        beads
            .iter()
            .filter(|b| b.delivered())
            .map(|b| &b.unit)
            .collect()
    }
    let all = delivered(&contents.beads);
    let flagged: Vec<&Unit> = contents
        .beads
        .iter()
        .filter(|b| b.pair && b.weak)
        .map(|b| &b.unit)
        .collect();
    let mut files = vec![ExportedFile {
        path: "tm/seeds.fr-en.tmx".into(),
        summary: format!(
            "translation memory, TMX 1.4b, {SOURCE_LANGUAGE} → {TARGET_LANGUAGE}: {} units aligned from seeds/fr and seeds/en (props x-document, x-align-bead, x-align-score, x-align-probability, x-align-weak, and the sentences around each as x-context-pre and x-context-post); flagged units are not in it",
            all.len()
        ),
    }];
    write_file(
        out,
        "tm/review/seeds.fr-en.tmx",
        &dating.tmx("tm/review/seeds.fr-en.tmx", &flagged)?,
    )?;
    files.push(ExportedFile {
        path: "tm/review/seeds.fr-en.tmx".into(),
        summary: format!(
            "the units to check, kept apart: {} flagged by the aligner (prop x-align-check says why; listed below); never in tm/auto/ or as an XLIFF target: at most a reference memory with a penalty",
            flagged.len()
        ),
    });
    write_file(
        out,
        "tm/seeds.fr-en.tmx",
        &dating.tmx("tm/seeds.fr-en.tmx", &all)?,
    )?;
    for document in &contents.documents {
        let state = document.state();
        if state == State::Waiting {
            continue;
        }
        let units = delivered(contents.beads_of(document));
        let rel = format!("tm/{}.fr-en.tmx", document.name);
        write_file(out, &rel, &dating.tmx(&rel, &units)?)?;
        let part = if state == State::Partly {
            " (its translated part)"
        } else {
            ""
        };
        files.push(ExportedFile {
            path: rel,
            summary: format!(
                "the units of seeds/fr/{}{part} alone: {}",
                document.file_name(),
                units.len()
            ),
        });
    }
    let (csv_path, file) = create(out, "tm/seeds.fr-en.csv")?;
    let beads: Vec<Unit> = contents.beads.iter().map(|b| b.unit.clone()).collect();
    let weak = contents.beads.iter().filter(|b| b.weak).count();
    let flagged = flagged.len();
    write_table(file, Delimiter::Comma, SOURCE_LANGUAGE, &beads).map_err(|source| {
        ExportError::Table {
            path: csv_path,
            source,
        }
    })?;
    files.push(ExportedFile {
        path: "tm/seeds.fr-en.csv".into(),
        summary: format!(
            "the whole alignment as a table for review: {} beads, {weak} flagged (x-align-weak, x-align-check: {flagged} units to check, the rest sentences without counterpart)",
            beads.len()
        ),
    });
    Ok(files)
}

/// The review sheet, the TBX and the OmegaT glossary.
fn glossaries(
    out: &Path,
    glossary: &Glossary,
    beads: &[AlignedUnit],
    candidates: &[crate::terms::Candidate],
) -> Result<Vec<ExportedFile>, ExportError> {
    let aligned: Vec<AlignedText> = beads.iter().map(AlignedUnit::aligned).collect();
    let rows = rows(glossary, &aligned, candidates, Lexicon::french());
    let new = rows.iter().filter(|r| r.candidate).count();
    let (path, file) = create(out, "glossary/fr-en.review.csv")?;
    sheet::write(
        file,
        &rows,
        Flavour {
            excel: true,
            delimiter: b',',
        },
    )
    .map_err(io_error(&path))?;
    let contexts = contexts(glossary, &aligned, Lexicon::french());
    let (path, file) = create(out, "glossary/fr-en.tbx")?;
    tbx::write(
        file,
        glossary,
        &tbx::TbxOptions {
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
                "the glossary as TBX v2 (martif, TBX-Basic style) for Trados, memoQ, Phrase and OmegaT: {} entries ({} approved → preferred, {} proposed → admitted; {} rejected left out), {} deprecated forms → deprecatedTerm, with context sentences from the seeds",
                count(Approved) + count(Proposed),
                count(Approved),
                count(Proposed),
                count(Rejected),
                tbx::exported(glossary)
                    .map(|e| e.fr_deprecated.len() + e.en_deprecated.len())
                    .sum::<usize>()
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
    pairs: &[Pair<&str>],
    candidates: &[crate::terms::Candidate],
) -> Result<Vec<ExportedFile>, ExportError> {
    let candidates = &without_rejected(candidates.to_vec(), glossary);
    let eq = equivalents(candidates, Some(glossary), pairs);
    let (path, mut file) = create(out, "terms/candidates.csv")?;
    crate::terms::format::write_candidates(
        &mut file,
        crate::terms::format::CandidateFormat::Csv,
        candidates,
        Some(&eq),
    )
    .and_then(|()| file.flush())
    .map_err(io_error(&path))?;
    let curated = eq
        .iter()
        .flatten()
        .filter(|e| matches!(e.source, EquivalentSource::Curated { .. }))
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
fn qa(out: &Path, glossary: &Glossary, pairs: &[Pair<&str>]) -> Result<ExportedFile, ExportError> {
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
        "xlf" | "xliff" | "xml" => {
            let mut reader = crate::xml::reader_from_str(text);
            loop {
                match reader.read_event() {
                    Ok(quick_xml::events::Event::Eof) => break,
                    Ok(_) => {}
                    Err(e) => {
                        return Err(defect(format!(
                            "malformed XML at byte {}: {e}",
                            reader.buffer_position()
                        )));
                    }
                }
            }
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

/// Exports the workspace into `export/`: the workspace loaded once, every
/// file written into a staging directory and checked, then `export/`
/// switched to it in one step. On an error `export/` is as it was, except
/// after [`ExportError::Switch`], whose message says what changed.
pub fn export(
    workspace: &Workspace,
    progress: &mut dyn FnMut(&str),
) -> Result<Exported, ExportError> {
    let forced = source_date_epoch()?.is_some();
    export_dated(workspace, export_date(workspace)?, forced, progress)
}

/// [`export`] with the date of what changes; `forced` (from
/// `SOURCE_DATE_EPOCH`), every file takes it.
fn export_dated(
    workspace: &Workspace,
    date: Option<i64>,
    forced: bool,
    progress: &mut dyn FnMut(&str),
) -> Result<Exported, ExportError> {
    progress("reading, segmenting and aligning the documents");
    let contents = workspace.load()?;
    let out = workspace.export_dir();
    let dating = Dating {
        previous: &out,
        date,
        forced,
    };
    let (files, warning) = switch::replace(
        &out,
        |staging, progress| {
            generate(&contents, staging, &dating, progress).map_err(|e| e.relocated(staging, &out))
        },
        progress,
    )?;
    Ok(Exported {
        files,
        warnings: warning.into_iter().collect(),
    })
}

/// Regenerates the export in a temporary directory and lists how
/// `export/` differs from it (empty: up to date). The content is compared,
/// not the date: each TMX is regenerated with the date it carries.
pub fn check(workspace: &Workspace) -> Result<Vec<Drift>, ExportError> {
    let out = workspace.export_dir();
    if switch::interrupted(&out) {
        return Err(ExportError::Interrupted { out });
    }
    let contents = workspace.load()?;
    let fresh = tempfile::tempdir().map_err(io_error(&std::env::temp_dir()))?;
    let dating = Dating {
        previous: &out,
        date: export_date(workspace)?,
        forced: false,
    };
    generate(&contents, fresh.path(), &dating, &mut |_| {})
        .map_err(|e| e.relocated(fresh.path(), &out))?;
    compare(fresh.path(), &out)
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
    use std::panic::{AssertUnwindSafe, catch_unwind};

    use super::switch::faults::{self, Fault, Killed};
    use super::*;

    fn defect(rel: &str, content: &str) -> String {
        let dir = tempfile::tempdir().unwrap();
        write_file(dir.path(), rel, content.as_bytes()).unwrap();
        match verify(dir.path(), rel) {
            Err(e @ ExportError::Defect { .. }) => e.to_string(),
            other => panic!("{rel}: {other:?}"),
        }
    }

    fn data(rel: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(rel)
    }

    /// A copy of the fixture workspace (`tests/data/workspace`), not a git
    /// checkout.
    fn scratch_workspace() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["seeds/fr", "seeds/en", "glossary"] {
            fs::create_dir_all(dir.path().join(sub)).unwrap();
            for entry in fs::read_dir(data("workspace").join(sub)).unwrap() {
                let path = entry.unwrap().path();
                fs::copy(&path, dir.path().join(sub).join(path.file_name().unwrap())).unwrap();
            }
        }
        dir
    }

    /// The date a file of the export carries (its TMX `creationdate`).
    fn date_of(out: &Path, rel: &str) -> Option<i64> {
        let (header, _) = crate::tm::tmx::read_path(&out.join(rel)).unwrap();
        parse_tmx_date(header.attribute("creationdate")?)
    }

    #[test]
    fn each_tmx_keeps_its_date_until_its_content_changes_unless_a_date_is_forced() {
        let dir = scratch_workspace();
        let ws = Workspace::new(dir.path());
        let out = ws.export_dir();
        let export = |date: i64, forced: bool| {
            export_dated(&ws, Some(date), forced, &mut |_| {}).unwrap();
        };
        let all = [
            "tm/seeds.fr-en.tmx",
            "tm/000_8103dfe14ac7aa7a.fr-en.tmx",
            "tm/001_4a379577d075ae0b.fr-en.tmx",
        ];
        export(1_000_000_000, false);
        export(2_000_000_000, false);
        for rel in all {
            assert_eq!(date_of(&out, rel), Some(1_000_000_000), "{rel} unchanged");
        }
        // A new document changes the whole memory and brings its own file;
        // the other documents' files keep their date.
        for lang in ["fr", "en"] {
            fs::copy(
                data(&format!("documents/{lang}/900_tramway.txt")),
                dir.path().join(format!("seeds/{lang}/900_tramway.txt")),
            )
            .unwrap();
        }
        export(2_000_000_000, false);
        assert_eq!(date_of(&out, "tm/seeds.fr-en.tmx"), Some(2_000_000_000));
        assert_eq!(
            date_of(&out, "tm/900_tramway.fr-en.tmx"),
            Some(2_000_000_000)
        );
        assert_eq!(date_of(&out, all[1]), Some(1_000_000_000));
        assert_eq!(date_of(&out, all[2]), Some(1_000_000_000));
        export(3_000_000_000, true);
        for rel in all {
            assert_eq!(date_of(&out, rel), Some(3_000_000_000), "{rel} forced");
        }
    }

    /// A kill while the new export is being written (here at its first
    /// file, its last file and just before the switch) leaves `export/` as
    /// it was, and its staging directory, which the next run removes.
    #[test]
    fn a_kill_while_writing_the_new_export_leaves_the_old_one_whole() {
        let dir = scratch_workspace();
        let ws = Workspace::new(dir.path());
        let out = ws.export_dir();
        let snapshot = || -> Vec<(String, Vec<u8>)> {
            let files = list_files(&out).unwrap();
            files
                .into_iter()
                .map(|rel| (rel.clone(), fs::read(out.join(&rel)).unwrap()))
                .collect()
        };
        faults::plan(&[]);
        export_dated(&ws, Some(1), false, &mut |_| {}).unwrap();
        let steps = faults::clear();
        let before = snapshot();
        let writes: Vec<usize> = (1..=steps.len())
            .filter(|&n| steps[n - 1] == "write a file of the new export")
            .collect();
        let last_write = *writes.last().unwrap();
        for n in [writes[0], last_write, last_write + 1] {
            faults::plan(&[(n, Fault::Kill)]);
            let run = catch_unwind(AssertUnwindSafe(|| {
                export_dated(&ws, Some(2), true, &mut |_| {})
            }));
            faults::clear();
            let step = run.expect_err("killed").downcast::<Killed>().unwrap().0;
            assert!(snapshot() == before, "kill before “{step}” changed export/");
            let staging = fs::read_dir(dir.path())
                .unwrap()
                .filter(|e| {
                    e.as_ref()
                        .unwrap()
                        .file_name()
                        .to_string_lossy()
                        .starts_with(".export-new-")
                })
                .count();
            assert_eq!(staging, 1, "kill before “{step}”");
        }
        export_dated(&ws, Some(1), false, &mut |_| {}).unwrap();
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(names.is_empty(), "left: {names:?}");
    }

    /// The rows of an analysis CSV: (file, band) → (segments, words).
    fn analysis_rows(path: &Path) -> std::collections::BTreeMap<(String, String), (u64, u64)> {
        let mut reader = csv::Reader::from_path(path).unwrap();
        reader
            .records()
            .map(|r| {
                let r = r.unwrap();
                let n = |i: usize| r[i].parse::<u64>().unwrap();
                ((r[0].to_string(), r[1].to_string()), (n(2), n(3)))
            })
            .collect()
    }

    /// Each kit carries its analysis (CSV, Trados-shaped XML, HTML) and
    /// `kits/` the analysis of all the kits' documents together, where a
    /// document repeating an earlier one is cross-file repetitions; the
    /// README's kit table gives each kit's figures and the joint total.
    #[test]
    fn each_kit_has_its_analysis_and_all_kits_are_analysed_together() {
        let dir = scratch_workspace();
        let french = data("documents/fr/900_tramway.txt");
        for name in ["900_tramway", "905_tramway-again"] {
            fs::copy(&french, dir.path().join(format!("seeds/fr/{name}.txt"))).unwrap();
        }
        let ws = Workspace::new(dir.path());
        export_dated(&ws, Some(1), true, &mut |_| {}).unwrap();
        let out = ws.export_dir();
        let segments = fs::read_to_string(out.join("segments/900_tramway.txt"))
            .unwrap()
            .lines()
            .filter(|l| !l.is_empty())
            .count() as u64;
        let readme = fs::read_to_string(out.join("README.md")).unwrap();
        // The README's cell of a row: (segments, words) of its total.
        let readme_total = |label: &str| {
            let row = readme
                .lines()
                .find(|l| l.starts_with(&format!("| {label} |")))
                .unwrap_or_else(|| panic!("no row {label} in {readme}"));
            let cell = row.trim_end_matches(" |").rsplit("| ").next().unwrap();
            let (s, w) = cell.split_once(" / ").unwrap();
            (s.parse::<u64>().unwrap(), w.parse::<u64>().unwrap())
        };
        for name in ["900_tramway", "905_tramway-again"] {
            let kit = out.join(format!("kits/{name}"));
            let rows = analysis_rows(&kit.join("analysis.csv"));
            let total = rows[&(name.to_string(), "total".to_string())];
            assert_eq!(total.0, segments, "{name}: every segment analysed");
            assert_eq!(rows[&(name.to_string(), "cross-file".to_string())].0, 0);
            assert_eq!(readme_total(&format!("`kits/{name}`")), total);
            let xml = fs::read_to_string(kit.join("analysis.xml")).unwrap();
            assert!(xml.contains(&format!("<file name=\"{name}\">")), "{xml}");
            let html = fs::read_to_string(kit.join("analysis.html")).unwrap();
            assert!(html.contains(&format!("<h2>{name}</h2>")));
        }
        let all = analysis_rows(&out.join("kits/analysis.csv"));
        let row = |file: &str, band: &str| all[&(file.to_string(), band.to_string())].0;
        assert_eq!(row("900_tramway", "cross-file"), 0);
        // The second copy: what the memory does not give as 100 or 101 is a
        // repetition of the first copy.
        let again = "905_tramway-again";
        assert!(row(again, "cross-file") > 0);
        assert_eq!(
            row(again, "cross-file")
                + row(again, "repetitions")
                + row(again, "100")
                + row(again, "101"),
            segments
        );
        let mut listed: Vec<String> = fs::read_dir(out.join("kits"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        listed.sort();
        assert_eq!(
            listed,
            [
                "900_tramway",
                "905_tramway-again",
                "analysis.csv",
                "analysis.html",
                "analysis.xml"
            ]
        );
        let together = all[&("Total".to_string(), "total".to_string())];
        assert_eq!(together.0, 2 * segments);
        assert_eq!(readme_total("all kits, analysed together"), together);
        assert!(readme.contains("| `kits/analysis.csv` |"), "{readme}");
    }

    /// A document without its English gets a kit, a partly translated one
    /// too, with its translated segments as the project's own; a
    /// translated one gets none; the kits are made the same twice.
    #[test]
    fn a_waiting_or_partly_translated_document_gets_an_omegat_kit_and_a_translated_one_none() {
        let dir = scratch_workspace();
        let waiting = "900_tramway";
        fs::copy(
            data("documents/fr/900_tramway.txt"),
            dir.path().join("seeds/fr/900_tramway.txt"),
        )
        .unwrap();
        let partly = dir.path().join("seeds/en/001_4a379577d075ae0b.txt");
        let english = fs::read_to_string(&partly).unwrap();
        let kept: Vec<&str> = english.split('\n').take(4).collect();
        fs::write(&partly, kept.join("\n") + "\n").unwrap();
        let ws = Workspace::new(dir.path());
        export_dated(&ws, Some(1), true, &mut |_| {}).unwrap();
        let out = ws.export_dir();
        assert!(!out.join("kits/000_8103dfe14ac7aa7a").exists());
        let kit = out.join(format!("kits/{waiting}"));
        for rel in [
            "omegat.project",
            "omegat/filters.xml",
            "omegat/segmentation.conf",
            "omegat/segmentation.srx",
            "glossary/fr-en.utf8",
        ] {
            assert!(kit.join(rel).is_file(), "{rel}");
        }
        assert!(
            !kit.join("omegat/project_save.tmx").exists(),
            "nothing translated yet"
        );
        let source = fs::read_to_string(kit.join(format!("source/{waiting}.txt"))).unwrap();
        let french = fs::read_to_string(data("documents/fr/900_tramway.txt")).unwrap();
        assert_eq!(
            source.lines().count(),
            french.lines().count(),
            "line for line"
        );
        let project = fs::read_to_string(kit.join("omegat.project")).unwrap();
        assert!(project.contains("<source_lang>fr-FR</source_lang>"));
        assert!(project.contains("<target_lang>en-GB</target_lang>"));
        // The partly translated document: its translated segments are the
        // project's own, and its untranslated ones find themselves nowhere
        // in the memory but in its own translated part.
        let kit = out.join("kits/001_4a379577d075ae0b");
        let (_, done) = crate::tm::tmx::read_path(&kit.join("omegat/project_save.tmx")).unwrap();
        assert!(!done.is_empty());
        for unit in &done {
            let tuid = unit.tuid().unwrap();
            let line: usize = tuid.split(':').nth(1).unwrap().parse().unwrap();
            assert!(line <= 4, "{tuid} is in the translated part");
        }
        // Exact matches only in tm/auto, and only delivered units.
        let memory = crate::tm::tmx::read_path(&out.join("tm/seeds.fr-en.tmx"))
            .unwrap()
            .1;
        let delivered: Vec<Option<&str>> = memory.iter().map(|u| u.tuid()).collect();
        for rel in [
            "tm/auto/001_4a379577d075ae0b.fr-en.tmx",
            "tm/001_4a379577d075ae0b.fr-en.tmx",
        ] {
            let (_, units) = crate::tm::tmx::read_path(&kit.join(rel)).unwrap();
            for u in &units {
                assert!(
                    delivered.contains(&u.tuid()),
                    "{rel}: {:?} delivered",
                    u.tuid()
                );
            }
        }
        // The XLIFF 1.2: a trans-unit per paragraph with text, the
        // translated ones locked and final.
        let xlf = fs::read_to_string(kit.join("001_4a379577d075ae0b.xlf")).unwrap();
        let paragraphs = fs::read_to_string(dir.path().join("seeds/fr/001_4a379577d075ae0b.txt"))
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .count();
        assert_eq!(xlf.matches("<trans-unit ").count(), paragraphs);
        assert_eq!(
            xlf.matches("translate=\"no\"").count(),
            xlf.matches("state=\"final\"").count()
        );
        assert!(xlf.contains("<trans-unit id=\"001_4a379577d075ae0b:1\" translate=\"no\">"));
        assert!(xlf.contains("<mrk mtype=\"seg\" mid=\"001_4a379577d075ae0b:1:1\">"));
        let xliff = fs::read_to_string(kit.join("001_4a379577d075ae0b.xliff")).unwrap();
        assert_eq!(xliff.matches("<unit ").count(), paragraphs);
        assert!(xliff.contains("version=\"2.1\""));
        let readme = fs::read_to_string(out.join("README.md")).unwrap();
        assert!(readme.contains("## Translation kits"), "{readme}");
        assert!(readme.contains(&format!("| `kits/{waiting}` |")));
        assert!(readme.contains("| `kits/001_4a379577d075ae0b` |"));
        assert_eq!(check(&ws).unwrap(), Vec::new(), "the same kits twice");
    }

    #[test]
    fn a_seed_character_xml_cannot_carry_is_named_with_its_file_and_line() {
        let dir = scratch_workspace();
        let seed = dir.path().join("seeds/en/001_4a379577d075ae0b.txt");
        let text = fs::read_to_string(&seed).unwrap();
        let mut lines: Vec<&str> = text.split('\n').collect();
        let bad = lines[2].replacen(' ', " \u{1}", 1);
        lines[2] = &bad;
        fs::write(&seed, lines.join("\n")).unwrap();
        let ws = Workspace::new(dir.path());
        let out = ws.export_dir();
        let err = export_dated(&ws, Some(1), true, &mut |_| {}).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{}:3:11: control character U+0001, which XML 1.0 does not allow: remove it (a translation unit cannot hold it)",
                seed.display()
            )
        );
        assert!(!out.exists(), "nothing exported");
    }

    #[test]
    fn an_error_in_a_file_being_written_names_it_under_export_not_the_staging_directory() {
        let staging = Path::new("/ws/.export-abc");
        let error = ExportError::Io {
            path: staging.join("glossary/fr-en.tbx"),
            source: io::Error::other("disk full"),
        };
        let moved = error.relocated(staging, Path::new("/ws/export"));
        assert_eq!(
            moved.to_string(),
            "/ws/export/glossary/fr-en.tbx: disk full"
        );
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
