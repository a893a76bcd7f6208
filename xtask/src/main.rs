//! `cargo xtask`: the workspace's jobs, as thin layers over the tmkit library.
//!
//! - `cargo xtask export [--check]`: regenerate `export/` (or fail, naming each
//!   stale file, when it is out of date).
//! - `cargo xtask eval`: segmentation against the gold data in `../shared`,
//!   with the bars that CI enforces.
//! - `cargo xtask interop`: OmegaT (Debian's `omegat`) segments with tmkit's
//!   rules exactly as tmkit does, and tmkit runs OmegaT's own default rules
//!   exactly as OmegaT does; the exports load in OmegaT, translate-toolkit
//!   and LibreOffice (`interop glossary`: the glossary part alone).
//! - `cargo xtask lt-eval FILE`: the built-in French rules against the cases
//!   of LanguageTool's `FrenchSentenceTokenizerTest.java` (FILE).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod align_eval;
mod eval;
mod glossary_interop;
mod interop;
mod lt_eval;
mod terms_eval;
mod transread;

use anyhow::{Context, bail};
use tmkit::document::Paragraphs;
use tmkit::segment::Segmenter;
use tmkit::segment::format::{Format, SegmentWriter, write_document};

const USAGE: &str = "usage: cargo xtask export [--check] | eval | interop [glossary] | align-eval DIR | lt-eval FILE | terms-eval | transread SRC OUT";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: error: {}", tmkit::error_message(e.as_ref()));
            ExitCode::FAILURE
        }
    }
}

fn run() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let root = workspace_root();
    match args.as_slice() {
        ["export"] => export(&root),
        ["export", "--check"] => check(&root),
        ["eval"] => eval::run(&root),
        ["interop"] => interop::run(&root),
        ["interop", "glossary"] => glossary_interop::run(&root, &shared(&root)?),
        ["align-eval", dir] => align_eval::run(Path::new(dir)),
        ["lt-eval", file] => lt_eval::run(Path::new(file)),
        ["terms-eval"] => terms_eval::run(&root),
        ["transread", src, out] => transread::run(Path::new(src), Path::new(out)),
        _ => bail!("{USAGE}"),
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn export(root: &Path) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    // Progress for a person at a terminal; CI logs get the summary only.
    let interactive = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    let started = std::time::Instant::now();
    let mut progress = |step: &str| {
        if interactive {
            eprintln!(
                "[{:>5.1}s] export: {step}…",
                started.elapsed().as_secs_f64()
            );
        }
    };
    let files = tmkit::export::export(root, &root.join("export"), &mut progress)
        .context("the export failed; export/ was left as it was")?;
    if interactive {
        for f in &files {
            eprintln!("export/{}: {}", f.path, f.summary);
        }
    }
    eprintln!(
        "wrote {} files to export/ (see export/README.md)",
        files.len()
    );
    Ok(())
}

fn check(root: &Path) -> anyhow::Result<()> {
    let drift = tmkit::export::check(root, &root.join("export"))?;
    if drift.is_empty() {
        eprintln!("export/ is up to date");
        return Ok(());
    }
    for d in &drift {
        eprintln!("export/{d}");
    }
    bail!(
        "export/ is stale ({} file(s)): run `cargo xtask export` and commit the result",
        drift.len()
    )
}

pub(crate) fn shared(root: &Path) -> anyhow::Result<PathBuf> {
    let shared = root.join("..").join("shared");
    if !shared.join("tools").is_dir() {
        bail!(
            "{} not found: the evaluations need the shared data beside the clone",
            shared.display()
        );
    }
    Ok(shared)
}

/// Segments `input` with `segmenter` into `output`, one segment per line.
pub(crate) fn segment_file(
    segmenter: &Segmenter,
    input: &Path,
    output: &Path,
) -> anyhow::Result<usize> {
    let file = std::fs::File::create(output)?;
    let mut writer = SegmentWriter::new(std::io::BufWriter::new(file), Format::Text);
    let stats = write_document(Paragraphs::open(input)?, "", segmenter, &mut writer)?;
    writer.finish()?;
    Ok(stats.segments)
}
