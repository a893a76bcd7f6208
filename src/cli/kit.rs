//! `tmkit kit import`: a translation kit coming back from the translator
//! (an OmegaT project, or a translated XLIFF 1.2 or 2.x).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use tmkit::align::document::SegmentedDocument;
use tmkit::formats::FileFormat;
use tmkit::glossary::check::Checker;
use tmkit::kit::import::{Current, Returned, import, read_pairs};
use tmkit::kit::returned_xliff;
use tmkit::output::write_atomic;
use tmkit::segment::Segmenter;
use tmkit::terms::lexicon::Lexicon;
use tmkit::tm::tmx::write_units;
use tmkit::tm::{Header, Pair};
use tmkit::workspace::{SOURCE_LANGUAGE, TARGET_LANGUAGE, Workspace};

#[derive(clap::Subcommand)]
pub enum Command {
    /// Take a returned kit: an OmegaT project, or a translated XLIFF 1.2 or
    /// 2.x from any CAT tool. Its segment pairs become seeds/en/NAME.txt
    /// (line for line) and seeds/pairs/NAME.fr-en.tmx.
    #[command(after_help = "Examples:
  tmkit kit import ~/Translations/002_port-de-bakou
  tmkit kit import 002_port-de-bakou.xlf
  tmkit kit import 002_port-de-bakou.xliff --dry-run
  tmkit kit import project_save.tmx --document 002_port-de-bakou --workspace ~/ws

Everything is checked before anything is written; nothing is written when any
check fails. A paragraph with a segment left untranslated keeps its English
(empty when it had none) and is reported. An XLIFF target the CAT tool left
unconfirmed (1.2 state new, needs-translation or needs-review-*; 2.x state
initial: a kit's pre-filled matches stay so until the translator confirms them)
is not taken unless --unconfirmed is given.")]
    Import(ImportArgs),
}

#[derive(clap::Args)]
pub struct ImportArgs {
    /// The OmegaT project folder the translator returned (its
    /// omegat/project_save.tmx holds the segment pairs), that TMX, or the
    /// translated XLIFF (.xlf, .xliff, .sdlxliff, .mqxliff).
    #[arg(value_name = "KIT")]
    project: PathBuf,
    /// The document (NAME of seeds/fr/NAME.txt); default: the project's one
    /// source file, or the XLIFF's original.
    #[arg(long, value_name = "NAME")]
    document: Option<String>,
    #[command(flatten)]
    workspace: super::args::Workspace,
    /// Check and say what would change; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Take XLIFF targets the CAT tool left unconfirmed too.
    #[arg(long)]
    unconfirmed: bool,
}

pub fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Import(args) => run_import(args),
    }
}

/// What the translator returned.
enum Kit {
    /// The segment pairs OmegaT saved (or any TMX).
    Tmx(PathBuf),
    /// A translated XLIFF.
    Xliff(PathBuf),
}

/// The returned file and the document it translates (when it says).
fn locate(project: &Path, document: Option<String>) -> anyhow::Result<(Kit, Option<String>)> {
    if project.is_file() {
        return match FileFormat::from_path(project) {
            Some(FileFormat::Xliff) => Ok((Kit::Xliff(project.to_path_buf()), document)),
            Some(FileFormat::Tmx) => {
                let Some(name) = document else {
                    bail!(
                        "{}: a TMX alone does not say which document it translates: give --document NAME",
                        project.display()
                    );
                };
                Ok((Kit::Tmx(project.to_path_buf()), Some(name)))
            }
            _ => bail!(
                "{}: not a returned kit: give an OmegaT project folder, its omegat/project_save.tmx, or a translated XLIFF (.xlf, .xliff)",
                project.display()
            ),
        };
    }
    if !project.exists() {
        bail!("{}: no such file or folder", project.display());
    }
    let pairs = project.join("omegat/project_save.tmx");
    if !pairs.is_file() {
        bail!(
            "{}: no omegat/project_save.tmx: not an OmegaT project, or one OmegaT has not saved (Project → Save in OmegaT)",
            project.display()
        );
    }
    if let Some(name) = document {
        return Ok((Kit::Tmx(pairs), Some(name)));
    }
    let source = project.join("source");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&source).with_context(|| format!("{}", source.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "txt")
            && let Some(stem) = path.file_stem()
        {
            names.push(stem.to_string_lossy().into_owned());
        }
    }
    match names.as_slice() {
        [one] => Ok((Kit::Tmx(pairs), Some(one.clone()))),
        _ => bail!(
            "{}: {} source files (.txt): give --document NAME",
            source.display(),
            names.len()
        ),
    }
}

/// The segment pairs of a returned kit, and the document it names.
fn returned_pairs(
    kit: &Kit,
    document: Option<String>,
    take_unconfirmed: bool,
) -> anyhow::Result<(Vec<Returned>, String)> {
    let (path, read) = match kit {
        Kit::Tmx(path) => {
            let pairs = read_pairs(path, SOURCE_LANGUAGE, TARGET_LANGUAGE)?;
            let name = document.context("the document")?;
            return Ok((pairs, name));
        }
        Kit::Xliff(path) => {
            let bytes = std::fs::read(path).with_context(|| format!("{}", path.display()))?;
            let origin = path.display().to_string();
            (
                path,
                returned_xliff::read(&bytes, &origin, SOURCE_LANGUAGE, TARGET_LANGUAGE)?,
            )
        }
    };
    let Some(name) = document.or(read.original.clone()) else {
        bail!(
            "{}: its <file> has no original naming the document: give --document NAME",
            path.display()
        );
    };
    if !read.set_aside.is_empty() {
        let names: Vec<String> = read
            .set_aside
            .iter()
            .map(|(name, n)| format!("{name} ×{n}"))
            .collect();
        eprintln!(
            "tmkit: {}: not XLIFF, set aside (another tool's own data): {}",
            path.display(),
            names.join(", ")
        );
    }
    let mut pairs = read.pairs;
    if !read.unconfirmed.is_empty() {
        if take_unconfirmed {
            eprintln!(
                "tmkit: {}: {} unconfirmed segment(s) taken (--unconfirmed)",
                path.display(),
                read.unconfirmed.len()
            );
            pairs.extend(read.unconfirmed);
        } else {
            let lines: Vec<usize> = read
                .unconfirmed
                .iter()
                .filter_map(|r| r.paragraph)
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            eprintln!(
                "tmkit: {}: {} segment(s) translated but not confirmed in the CAT tool (pre-filled matches the translator did not confirm), not taken: French {}; confirm them, or import with --unconfirmed",
                path.display(),
                read.unconfirmed.len(),
                tmkit::align::document::lines(&lines)
            );
        }
    }
    if pairs.is_empty() {
        bail!(
            "{}: no confirmed translation: every segment translated is unconfirmed (see above); confirm them in the CAT tool, or import with --unconfirmed. Nothing written",
            path.display()
        );
    }
    Ok((pairs, name))
}

fn run_import(args: ImportArgs) -> anyhow::Result<()> {
    let (kit, document) = locate(&args.project, args.document)?;
    let (returned, name) = returned_pairs(&kit, document, args.unconfirmed)?;
    let origin = match &kit {
        Kit::Tmx(path) | Kit::Xliff(path) => path.display().to_string(),
    };
    let workspace = Workspace::new(&args.workspace.workspace);
    let french_path = workspace
        .root()
        .join("seeds/fr")
        .join(format!("{name}.txt"));
    if !french_path.is_file() {
        bail!(
            "{}: no such document in the workspace: the kit is of a document {} does not have",
            french_path.display(),
            workspace.root().display()
        );
    }
    let french = SegmentedDocument::segment(&french_path, &Segmenter::builtin(SOURCE_LANGUAGE)?)?;
    let english_path = workspace.english_of(&french_path);
    let existing: Vec<String> = match std::fs::read_to_string(&english_path) {
        Ok(text) => text.lines().map(str::to_string).collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e).with_context(|| format!("{}", english_path.display())),
    };
    let pairs_out = workspace.pairs_of(&french_path);
    let before = if pairs_out.exists() {
        tmkit::tm::tmx::read_path(&pairs_out)?.1
    } else {
        Vec::new()
    };
    let imported = import(
        &french,
        Current {
            english: &existing,
            pairs: &before,
        },
        &returned,
        &origin,
        (SOURCE_LANGUAGE, TARGET_LANGUAGE),
    )?;
    // The glossary check of the returned translation, paragraph by
    // paragraph.
    let glossary = workspace.glossary()?.unwrap_or_default();
    let texts: Vec<Pair> = french
        .paragraphs
        .iter()
        .filter(|p| imported.translated.contains(&p.line))
        .map(|p| Pair {
            name: format!("{name}:{}", p.line),
            fr: p.text.clone(),
            en: imported.english[p.line - 1].clone(),
        })
        .collect();
    let report = Checker::new(&glossary, Lexicon::french()).check(texts.iter().map(Pair::borrowed));
    for v in &report.violations {
        eprintln!("glossary: {v}");
    }
    let lines = tmkit::align::document::lines;
    if imported.already_in(&before) {
        eprintln!(
            "tmkit: {origin}: already imported: {} and {} hold its translation; nothing written (glossary: {} violation(s))",
            english_path.display(),
            pairs_out.display(),
            report.violations.len()
        );
        return Ok(());
    }
    eprintln!(
        "tmkit: {origin}: {} segment pairs; English {} ({} line(s)); glossary: {} violation(s)",
        imported.pairs.len(),
        if imported.changed.is_empty() {
            "unchanged".to_string()
        } else {
            format!("written at {}", lines(&imported.changed))
        },
        imported.changed.len(),
        report.violations.len()
    );
    if !imported.joined.is_empty() {
        eprintln!(
            "tmkit: translated whole, not sentence by sentence (segments joined, or a target for the paragraph): French {}; the workspace aligns them",
            lines(&imported.joined)
        );
    }
    if !imported.untranslated.is_empty() {
        eprintln!(
            "tmkit: not translated (a segment without translation), left empty: French {}",
            lines(&imported.untranslated)
        );
    }
    if args.dry_run {
        eprintln!("tmkit: --dry-run: nothing written");
        return Ok(());
    }
    if let Some(dir) = pairs_out.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("{}", dir.display()))?;
    }
    if let Some(dir) = english_path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("{}", dir.display()))?;
    }
    let date = super::tmx_date_now()?;
    let header = Header::tmkit(SOURCE_LANGUAGE, Some(&date));
    // Pairs unchanged keep their file (and its date).
    if !imported.same_pairs(&before) {
        write_atomic(&pairs_out, |w| {
            write_units(w, &header, imported.pairs.iter())
                .map(|_| ())
                .map_err(std::io::Error::other)
        })?;
    }
    let mut text = imported.english.join("\n");
    text.push('\n');
    write_atomic(&english_path, |w| {
        std::io::Write::write_all(w, text.as_bytes())
    })?;
    eprintln!(
        "tmkit: wrote {} and {}",
        english_path.display(),
        pairs_out.display()
    );
    Ok(())
}
