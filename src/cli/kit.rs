//! `tmkit kit import`: a translation kit coming back from the translator.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use tmkit::align::document::Document;
use tmkit::glossary::check::{Checker, Pair};
use tmkit::kit::import::{import, read_pairs};
use tmkit::output::write_atomic;
use tmkit::segment::Segmenter;
use tmkit::terms::lexicon::Lexicon;
use tmkit::tm::Header;
use tmkit::tm::tmx::write_units;
use tmkit::workspace::{SOURCE_LANGUAGE, TARGET_LANGUAGE, Workspace};

#[derive(clap::Subcommand)]
pub enum Command {
    /// Take a returned OmegaT project: its segment pairs become
    /// seeds/en/NAME.txt (line for line) and seeds/pairs/NAME.fr-en.tmx.
    #[command(after_help = "Examples:
  tmkit kit import ~/Translations/002_port-de-bakou
  tmkit kit import returned/ --dry-run
  tmkit kit import project_save.tmx --document 002_port-de-bakou --workspace ~/ws")]
    Import(ImportArgs),
}

#[derive(clap::Args)]
pub struct ImportArgs {
    /// The OmegaT project folder the translator returned (its
    /// omegat/project_save.tmx holds the segment pairs), or that TMX.
    #[arg(value_name = "PROJECT")]
    project: PathBuf,
    /// The document (NAME of seeds/fr/NAME.txt); default: the project's one
    /// source file.
    #[arg(long, value_name = "NAME")]
    document: Option<String>,
    /// The workspace (default: the current directory).
    #[arg(long, value_name = "DIR", default_value = ".")]
    workspace: PathBuf,
    /// Check and say what would change; write nothing.
    #[arg(long)]
    dry_run: bool,
}

pub fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Import(args) => run_import(args),
    }
}

/// The pairs file and the document of a returned project.
fn locate(project: &Path, document: Option<String>) -> anyhow::Result<(PathBuf, String)> {
    if project.is_file() {
        let Some(name) = document else {
            bail!(
                "{}: a TMX alone does not say which document it translates: give --document NAME",
                project.display()
            );
        };
        return Ok((project.to_path_buf(), name));
    }
    let pairs = project.join("omegat/project_save.tmx");
    if !pairs.is_file() {
        bail!(
            "{}: no omegat/project_save.tmx: not an OmegaT project, or one OmegaT has not saved (Project → Save in OmegaT)",
            project.display()
        );
    }
    if let Some(name) = document {
        return Ok((pairs, name));
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
        [one] => Ok((pairs, one.clone())),
        _ => bail!(
            "{}: {} source files (.txt): give --document NAME",
            source.display(),
            names.len()
        ),
    }
}

fn run_import(args: ImportArgs) -> anyhow::Result<()> {
    let (pairs_path, name) = locate(&args.project, args.document)?;
    let workspace = Workspace::new(&args.workspace);
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
    let french = Document::segment(&french_path, &Segmenter::builtin(SOURCE_LANGUAGE)?)?;
    let english_path = workspace.english_of(&french_path);
    let existing: Vec<String> = match std::fs::read_to_string(&english_path) {
        Ok(text) => text.lines().map(str::to_string).collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e).with_context(|| format!("{}", english_path.display())),
    };
    let returned = read_pairs(&pairs_path, SOURCE_LANGUAGE, TARGET_LANGUAGE)?;
    let imported = import(
        &french,
        &existing,
        &returned,
        &pairs_path.display().to_string(),
        (SOURCE_LANGUAGE, TARGET_LANGUAGE),
    )?;
    // The glossary check of the returned translation.
    let glossary = workspace.glossary()?.unwrap_or_default();
    let texts: Vec<(String, String, String)> = imported
        .pairs
        .iter()
        .map(|u| {
            let text = |lang| u.variant(lang).map(|v| v.text()).unwrap_or_default();
            (
                u.tuid().unwrap_or_default().to_string(),
                text(SOURCE_LANGUAGE),
                text(TARGET_LANGUAGE),
            )
        })
        .collect();
    let report = Checker::new(&glossary, Lexicon::french()).check(Pair::all(&texts));
    for v in &report.violations {
        eprintln!("glossary: {v}");
    }
    let lines = tmkit::align::document::lines;
    eprintln!(
        "tmkit: {}: {} segment pairs; English {} ({} line(s)); glossary: {} violation(s)",
        pairs_path.display(),
        imported.pairs.len(),
        if imported.changed.is_empty() {
            "unchanged".to_string()
        } else {
            format!("written at {}", lines(&imported.changed))
        },
        imported.changed.len(),
        report.violations.len()
    );
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
    let pairs_out = workspace
        .root()
        .join("seeds/pairs")
        .join(format!("{name}.fr-en.tmx"));
    if let Some(dir) = pairs_out.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("{}", dir.display()))?;
    }
    if let Some(dir) = english_path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("{}", dir.display()))?;
    }
    let date = super::tmx_date_now()?;
    let header = Header::tmkit(SOURCE_LANGUAGE, Some(&date));
    write_atomic(&pairs_out, |w| {
        write_units(w, &header, imported.pairs.iter())
            .map(|_| ())
            .map_err(std::io::Error::other)
    })?;
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
