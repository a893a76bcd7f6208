//! `cargo xtask`: the workspace's jobs, as thin layers over the tmkit library.
//! `cargo xtask --help` lists them.
//!
//! - `cargo xtask export [--check]`: regenerate `export/` (or fail, naming each
//!   stale file, when it is out of date).
//! - `cargo xtask eval`: segmentation against the gold data in `../shared`,
//!   with the bars that CI enforces.
//! - `cargo xtask fuzzy-eval`: fuzzy-match scores, word counts and analysis
//!   bands against OmegaT 3.6 itself.
//! - `cargo xtask interop`: OmegaT (Debian's `omegat`) segments with tmkit's
//!   rules exactly as tmkit does, and tmkit runs OmegaT's own default rules
//!   exactly as OmegaT does; the exports load in OmegaT, translate-toolkit
//!   and LibreOffice (`interop glossary`: the glossary part alone).
//! - `cargo xtask kits-eval`: the export's translation kits opened in
//!   OmegaT 3.6 itself: its segments, glossary, filled segments and best
//!   matches against tmkit's.
//! - `cargo xtask fuzz [TARGET] [--time S]`: mutation fuzzing of every
//!   reader through the release `tmkit` binary, each input in a child
//!   process with limits; findings kept in `tests/data/fuzz/regressions/`.
//! - `cargo xtask lt-eval FILE`: the built-in French rules against the cases
//!   of LanguageTool's `FrenchSentenceTokenizerTest.java` (FILE).
//!
//! Every job works on the repository it is run in: the git checkout holding
//! the current directory (else the nearest directory above it with a
//! `seeds/`), or `--workspace DIR`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod align_eval;
mod eval;
mod fuzz;
mod fuzz_target;
mod fuzzy_eval;
mod glossary_interop;
mod interop;
mod kits_eval;
mod lt_eval;
mod perturb;
mod seeds_eval;
mod terms_eval;
mod transread;

use anyhow::{Context, anyhow, bail};
use clap::{Parser, Subcommand, ValueEnum};
use tmkit::document::Paragraphs;
use tmkit::export::ExportError;
use tmkit::segment::Segmenter;
use tmkit::segment::format::{SegmentFormat, SegmentWriter, write_document};
use tmkit::workspace::Workspace;

/// The translation workspace's jobs: its export, the export's check, and
/// the evaluations and interop proofs CI runs.
#[derive(Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask")]
struct Cli {
    /// The workspace to work on. Default: the git checkout holding the
    /// current directory (else the nearest directory above it with a
    /// seeds/ directory).
    #[arg(long, global = true, value_name = "DIR")]
    workspace: Option<PathBuf>,
    #[command(subcommand)]
    job: Job,
}

#[derive(Subcommand)]
enum Job {
    /// Regenerate export/ from seeds/ and glossary/: all or nothing (bad
    /// input, a failure or a kill leaves the previous export whole).
    Export {
        /// Change nothing; fail, naming each stale file, if export/ is out
        /// of date.
        #[arg(long)]
        check: bool,
    },
    /// Segmentation scores against the gold data in ../shared, with the
    /// bars CI enforces.
    Eval,
    /// Fuzzy-match scores, word counts and analysis bands against OmegaT
    /// 3.6 itself (needs ../shared, Debian's omegat, and fetches the Debian
    /// gettext corpus with apt-get download into target/bench-corpus).
    FuzzyEval,
    /// OmegaT, LanguageTool, xmllint, translate-toolkit and LibreOffice read
    /// what tmkit writes (needs ../shared and Debian's tools).
    Interop {
        /// Only this part.
        part: Option<Part>,
    },
    /// The translation kits of a scratch workspace (a new document, a
    /// partly translated one) opened in OmegaT 3.6 itself: segments one for
    /// one, every glossary entry, every exact match inserted, best matches
    /// in tmkit's bands (needs ../shared and Debian's omegat).
    KitsEval,
    /// `tmkit terms` on ACTER French against a 1–3-gram baseline (TermEval
    /// protocol; needs ../shared).
    TermsEval,
    /// Strict bead F1 of tmkit's aligner against plain Gale–Church on
    /// DIR/NAME.{fr,en,gold}.
    AlignEval {
        /// Holds NAME.fr, NAME.en (one sentence per line) and NAME.gold.
        dir: PathBuf,
    },
    /// The seeds' translations broken every way (paragraphs joined, split,
    /// removed, a translation stopped at 60 %), aligned as the export does:
    /// no wrong unit unflagged, and 90 % of the true pairs unflagged.
    PerturbEval,
    /// The built-in French rules against the cases of LanguageTool's
    /// FrenchSentenceTokenizerTest.java (read at run time; nothing copied).
    LtEval {
        /// LanguageTool's FrenchSentenceTokenizerTest.java.
        file: PathBuf,
    },
    /// Mutation fuzzing of every reader (tests/data/fuzz/targets.txt)
    /// through the release tmkit binary, each input in a child process
    /// limited to 2 s and 1 GB; a panic, crash, hang or memory blow-up is
    /// kept in tests/data/fuzz/regressions/TARGET/ (which cargo test
    /// replays) and fails the job.
    Fuzz {
        /// Only this target (default: all of them, one after the other).
        target: Option<String>,
        /// Seconds of mutation per target (the seeds and the kept
        /// regressions are run first).
        #[arg(long, default_value_t = 60, value_name = "S")]
        time: u64,
        /// The random generator's seed, to repeat a campaign's mutations.
        #[arg(long)]
        seed: Option<u64>,
        /// Run the kept regressions only, under the same limits.
        #[arg(long)]
        replay: bool,
    },
    /// TransRead's gold alignments of novels into align-eval's layout.
    Transread {
        /// A TransRead checkout's dat/novels.
        src: PathBuf,
        /// Where to write NAME.fr, NAME.en and NAME.gold.
        out: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Part {
    /// The glossary exports in OmegaT, translate-toolkit and LibreOffice.
    Glossary,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: error: {}", tmkit::error_message(e.as_ref()));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let root = workspace_root(cli.workspace)?;
    match cli.job {
        Job::Export { check: false } => export(&root),
        Job::Export { check: true } => check(&root),
        Job::Eval => eval::run(&root),
        Job::FuzzyEval => fuzzy_eval::run(&root),
        Job::Interop { part: None } => interop::run(&root),
        Job::Interop {
            part: Some(Part::Glossary),
        } => glossary_interop::run(&root, &shared(&root)?),
        Job::KitsEval => kits_eval::run(&root),
        Job::TermsEval => terms_eval::run(&root),
        Job::AlignEval { dir } => align_eval::run(&dir),
        Job::LtEval { file } => lt_eval::run(&file),
        Job::PerturbEval => perturb::run(&root),
        Job::Transread { src, out } => transread::run(&src, &out),
        Job::Fuzz {
            target,
            time,
            seed,
            replay: false,
        } => fuzz::run(&root, target.as_deref(), time, seed),
        Job::Fuzz { replay: true, .. } => {
            let tmkit = fuzz::build_tmkit(&root)?;
            let n = fuzz_target::replay(&root, &tmkit, fuzz_target::HANG)?;
            println!("fuzz: {n} regression(s) replayed, none fails");
            Ok(())
        }
    }
}

/// The workspace the jobs work on: `given`, else the git checkout holding
/// the current directory, else the nearest directory above it with a
/// `seeds/`.
fn workspace_root(given: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    if let Some(dir) = given {
        if !dir.is_dir() {
            bail!("{}: --workspace is not a directory", dir.display());
        }
        return Ok(dir);
    }
    let cwd = std::env::current_dir().context("cannot tell the current directory")?;
    let git = std::process::Command::new("git")
        .args(["rev-parse", "--show-toplevel"])
        .current_dir(&cwd)
        .output();
    if let Ok(out) = git
        && out.status.success()
    {
        let top = String::from_utf8_lossy(&out.stdout)
            .trim_end_matches(['\n', '\r'])
            .to_string();
        if !top.is_empty() {
            return Ok(PathBuf::from(top));
        }
    }
    cwd.ancestors()
        .find(|dir| dir.join("seeds").is_dir())
        .map(Path::to_path_buf)
        .ok_or_else(|| {
            anyhow!(
                "{}: neither in a git checkout nor in a workspace (a directory with seeds/): run from the workspace, or give --workspace DIR",
                cwd.display()
            )
        })
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
    let exported = match tmkit::export::export(&Workspace::new(root), &mut progress) {
        Ok(exported) => exported,
        // A failed switch says itself what it changed.
        Err(e @ ExportError::Switch(_)) => return Err(e.into()),
        Err(e) => {
            return Err(
                anyhow::Error::new(e).context("the export failed; export/ was left as it was")
            );
        }
    };
    if interactive {
        for f in &exported.files {
            eprintln!("export/{}: {}", f.path, f.summary);
        }
    }
    for warning in &exported.warnings {
        eprintln!("xtask: warning: {warning}");
    }
    eprintln!(
        "wrote {} files to export/ (see export/README.md)",
        exported.files.len()
    );
    Ok(())
}

fn check(root: &Path) -> anyhow::Result<()> {
    let drift = match tmkit::export::check(&Workspace::new(root)) {
        Ok(drift) => drift,
        Err(ExportError::Interrupted { .. }) => {
            bail!("export/: interrupted: run `cargo xtask export`")
        }
        Err(e) => return Err(e.into()),
    };
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
    let mut writer = SegmentWriter::new(std::io::BufWriter::new(file), SegmentFormat::Text);
    let stats = write_document(Paragraphs::open(input)?, "", segmenter, &mut writer)?;
    writer.finish()?;
    Ok(stats.segments)
}
