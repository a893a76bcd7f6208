//! `tmkit glossary`: check a translation against the glossary; the review
//! sheet and its import; exports for CAT tools.

use std::fs::File;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use tmkit::formats::{Accepted, FileFormat};
use tmkit::glossary::base::Bases;
use tmkit::glossary::check::Checker;
use tmkit::glossary::conflicts::{self, Choices, Pick, Resolution};
use tmkit::glossary::contexts::contexts;
use tmkit::glossary::merge::{MergeError, merge};
use tmkit::glossary::omegat::{self, Separator};
use tmkit::glossary::rows::rows;
use tmkit::glossary::sheet::{self, Flavour, Sheet, Take};
use tmkit::glossary::{Glossary, tbx};
use tmkit::language::primary;
use tmkit::terms::lexicon::Lexicon;
use tmkit::tm::table::{Delimiter, TableReader};
use tmkit::tm::tmx::read_path;
use tmkit::tm::{Pair, Unit};
use tmkit::workspace::{Contents, Workspace};

use super::args;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Every unit whose French side uses an approved term must use its
    /// approved English term (or a listed variant); each violation is
    /// reported, and the exit status is 1 when there is any.
    #[command(after_help = "Example:
  tmkit glossary check export/tm/seeds.fr-en.tmx
  tmkit glossary check --glossary client.csv memory.csv")]
    Check {
        /// Translation memories: TMX, or bilingual CSV/TSV tables.
        #[arg(required = true, value_name = "TM")]
        tm: Vec<PathBuf>,
        #[command(flatten)]
        glossary: args::Glossary,
    },
    /// Write the review sheet: one row per glossary entry and per new term
    /// candidate of the workspace's seeds, with counts, contexts, proposals
    /// and evidence, for a terminologist to edit in a spreadsheet.
    #[command(after_help = "Examples:
  tmkit glossary review -o review.csv
  tmkit glossary review --excel --delimiter ';' -o review.csv   (French Excel)

Rows of new candidates have an empty status: give one (approved, proposed,
rejected) to add the candidate with `tmkit glossary import`.")]
    #[command(mut_arg("workspace", |a| a.help(
        "The workspace whose seeds give counts, contexts and candidates"
    )))]
    Review {
        #[command(flatten)]
        output: args::Output,
        /// Excel's flavour: UTF-8 with BOM, CRLF, every field quoted.
        #[arg(long)]
        excel: bool,
        /// Field delimiter: ',' (default), ';' or 'tab'.
        #[arg(long, value_name = "CHAR", value_parser = super::delimiter)]
        delimiter: Option<Delimiter>,
        #[command(flatten)]
        glossary: args::Glossary,
        #[command(flatten)]
        workspace: args::Workspace,
    },
    /// Merge a reviewed sheet (or a client's TBX termbase) into the curated
    /// glossary: only the cells the reviewer changed are applied (the
    /// sheet's base column tells them), a cell the glossary also changed
    /// since the export is a conflict for you to settle, untouched rows keep
    /// their bytes, entries missing from the sheet are kept. Any problem:
    /// every one is reported with its row and column, and nothing changes.
    #[command(after_help = "Examples:
  tmkit glossary import review.csv --dry-run
  tmkit glossary import review.csv
  tmkit glossary import review.csv --conflicts conflicts.csv
  tmkit glossary import old-review.csv --base 5d1e2f3   (a sheet without a base column)
  tmkit glossary import client-list.csv --as-new        (a table that is not a review sheet)
  tmkit glossary import client-termbase.tbx")]
    #[command(mut_arg("workspace", |a| a.help(
        "The workspace (a git checkout) --base reads the exported sheet from"
    )))]
    Import {
        /// The sheet: CSV or TSV in either flavour (BOM or not, CRLF or LF,
        /// UTF-8 or UTF-16), or a TBX v2 file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Report what would change; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Field delimiter (default: found from the header row).
        #[arg(long, value_name = "CHAR", value_parser = super::delimiter)]
        delimiter: Option<Delimiter>,
        #[command(flatten)]
        glossary: args::Glossary,
        /// Take a table that is not a review sheet tmkit wrote (a client's
        /// term list, the terms CSV) as new decisions: a known French
        /// term's proposed entry takes the row's values; an approved one
        /// changes only where the row says approved or rejected, its other
        /// differences being conflicts; empty cells clear nothing; new terms
        /// come in as proposed unless the row gives a status. A TBX
        /// termbase is always taken so.
        #[arg(long)]
        as_new: bool,
        /// For a review sheet written before sheets had a base column: the
        /// git revision whose export/glossary/fr-en.review.csv was sent to
        /// the reviewer (see `git log -- export/glossary/fr-en.review.csv`).
        /// Each row's cells as exported are then its id's row there, so only
        /// the reviewer's edits are applied.
        #[arg(long, value_name = "REV", conflicts_with = "as_new")]
        base: Option<String>,
        #[command(flatten)]
        workspace: args::Workspace,
        /// Settle every conflict (a cell the reviewer changed that the
        /// glossary also changed since the export) with the glossary's value.
        #[arg(long, conflicts_with_all = ["take_sheet", "conflicts"])]
        keep_glossary: bool,
        /// Settle every conflict with the sheet's value.
        #[arg(long, conflicts_with = "conflicts")]
        take_sheet: bool,
        /// Settle conflicts one by one: when FILE does not exist, the import
        /// writes the conflicts there (a CSV with a choice column) and
        /// stops; fill in each choice with `glossary` or `sheet` and run the
        /// same import again.
        #[arg(long, value_name = "FILE")]
        conflicts: Option<PathBuf>,
    },
    /// Export the glossary for a CAT tool: TBX v2 (Trados, memoQ, Phrase,
    /// OmegaT) or OmegaT/Wordfast's three columns (tsv, csv).
    #[command(after_help = "Examples:
  tmkit glossary export -o glossary.tbx
  tmkit glossary export -o glossary/fr-en.utf8   (OmegaT project glossary, TSV)
  tmkit glossary export --format tsv             (to standard output)")]
    #[command(mut_arg("workspace", |a| a.help(
        "The workspace whose aligned seeds give the TBX its context sentences (none when it has no seeds)"
    )))]
    Export {
        /// `tbx` (every entry but the rejected, forms to avoid as deprecated
        /// terms), `tsv` or
        /// `csv` (approved and proposed entries: term, English, comment).
        /// Default: from the output's extension (.tbx, .tsv or .utf8, .csv).
        #[arg(long, value_name = "FORMAT")]
        format: Option<ExportFormat>,
        #[command(flatten)]
        output: args::Output,
        #[command(flatten)]
        glossary: args::Glossary,
        #[command(flatten)]
        workspace: args::Workspace,
    },
}

/// A CAT tool glossary format.
#[derive(Clone, Copy, Debug, PartialEq, clap::ValueEnum)]
pub enum ExportFormat {
    /// TBX v2 (martif, TBX-Basic style).
    Tbx,
    /// Tab-separated: French, English, comment; no header.
    Tsv,
    /// Comma-separated, every field quoted: French, English, comment; no header.
    Csv,
}

/// Runs the command: `glossary check` fails (status 1) on a violation.
pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Check { tm, glossary } => check(&tm, &glossary.glossary),
        Command::Review {
            output: args::Output { output },
            excel,
            delimiter,
            glossary: args::Glossary { glossary },
            workspace: args::Workspace { workspace },
        } => {
            // A sheet named .tsv is tab-separated.
            let tsv = super::output::format_of(
                output.as_deref(),
                None,
                &[(FileFormat::Csv, false), (FileFormat::Tsv, true)],
            )?;
            let delimiter = match delimiter {
                Some(d) if tsv && d != Delimiter::Tab => {
                    bail!("--delimiter: a .tsv sheet is tab-separated; name it .csv for ',' or ';'")
                }
                Some(d) => d,
                None if tsv => Delimiter::Tab,
                None => Delimiter::Comma,
            };
            review_sheet(
                output.as_deref(),
                Flavour {
                    excel,
                    delimiter: delimiter.byte(),
                },
                &glossary,
                &workspace,
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Import {
            file,
            dry_run,
            delimiter,
            glossary: args::Glossary { glossary },
            as_new,
            base,
            workspace: args::Workspace { workspace },
            keep_glossary,
            take_sheet,
            conflicts,
        } => {
            let pick = match (keep_glossary, take_sheet) {
                (true, _) => Some(Pick::Glossary),
                (_, true) => Some(Pick::Sheet),
                _ => None,
            };
            let bases = match &base {
                Some(rev) => Some(committed_bases(&workspace, rev)?),
                None => None,
            };
            let take = match (&bases, as_new) {
                (Some(bases), _) => Take::Base(bases),
                (None, true) => Take::AsNew,
                (None, false) => Take::Review,
            };
            import(
                &file,
                dry_run,
                delimiter.map(Delimiter::byte),
                take,
                &glossary,
                Settle {
                    pick,
                    list: conflicts.as_deref(),
                },
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export {
            format,
            output: args::Output { output },
            glossary: args::Glossary { glossary },
            workspace: args::Workspace { workspace },
        } => {
            export(format, output.as_deref(), &glossary, &workspace)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The workspace's documents, loaded with `glossary` as the aligner's
/// anchors, or none (with a word on stderr) when it has no seeds.
fn load(workspace: &Path, glossary: &Glossary) -> anyhow::Result<Option<Contents>> {
    if !workspace.is_dir() {
        bail!("{}: no such workspace directory", workspace.display());
    }
    if !workspace.join("seeds").join("fr").is_dir() {
        eprintln!(
            "tmkit: note: {}: no seeds/fr: no counts, contexts or candidates",
            workspace.display()
        );
        return Ok(None);
    }
    Ok(Some(Workspace::new(workspace).load_with(glossary.clone())?))
}

fn review_sheet(
    output: Option<&Path>,
    flavour: Flavour,
    glossary_path: &Path,
    workspace: &Path,
) -> anyhow::Result<()> {
    let glossary = Glossary::load(glossary_path)?;
    let (aligned, candidates) = match load(workspace, &glossary)? {
        Some(contents) => (contents.aligned(), contents.candidates()),
        None => (Vec::new(), Vec::new()),
    };
    let rows = rows(&glossary, &aligned, &candidates, Lexicon::french());
    let new = rows.iter().filter(|r| r.candidate).count();
    super::output::emit(output, |out| {
        sheet::write(out, &rows, flavour)?;
        Ok(())
    })?;
    eprintln!(
        "tmkit: {} row(s): {} glossary entries, {new} new candidate(s)",
        rows.len(),
        rows.len() - new
    );
    Ok(())
}

/// Where an export keeps its review sheet, in a workspace.
const EXPORTED_SHEET: &str = "export/glossary/fr-en.review.csv";

/// The bases of the review sheet the export of `workspace` committed at
/// git revision `rev`.
fn committed_bases(workspace: &Path, rev: &str) -> anyhow::Result<Bases> {
    let object = format!("{rev}:./{EXPORTED_SHEET}");
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(workspace)
        .args(["show", &object])
        .output()
        .with_context(|| format!("--base {rev}: cannot run git (is it installed?)"))?;
    if !out.status.success() {
        bail!(
            "--base {rev}: git cannot show {EXPORTED_SHEET} at {rev} in {}: {}; give a commit of this workspace whose export has the review sheet (`git log -- {EXPORTED_SHEET}`)",
            workspace.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    let origin = format!("{EXPORTED_SHEET} at {rev}");
    let sheet = Sheet::parse(&out.stdout, &origin, None)?;
    Ok(sheet.bases())
}

/// How the user settles conflicts: all one way, or one by one in a list.
struct Settle<'a> {
    pick: Option<Pick>,
    list: Option<&'a Path>,
}

impl Settle<'_> {
    /// The resolution, from the list the user filled in when it exists.
    fn resolution(&self) -> anyhow::Result<Resolution> {
        if let Some(pick) = self.pick {
            return Ok(Resolution::All(pick));
        }
        match self.list {
            Some(list) if list.exists() => {
                let origin = list.display().to_string();
                let bytes =
                    std::fs::read(list).with_context(|| format!("{origin}: cannot read"))?;
                Ok(Resolution::Each(Choices::read(&bytes, &origin)?))
            }
            _ => Ok(Resolution::Ask),
        }
    }

    /// Conflicts left: with a list to write, written there; else the error.
    fn report(&self, error: MergeError) -> anyhow::Error {
        let (MergeError::Conflicts { conflicts, .. }, Some(list)) = (&error, self.list) else {
            return error.into();
        };
        let shown = list.display();
        if list.exists() {
            let listed: Vec<String> = conflicts.iter().map(|c| format!("  {c}")).collect();
            return anyhow::anyhow!(
                "{} conflict(s) have no choice in {shown} (an empty choice, or the glossary or the sheet changed since the list was written: delete {shown} to have it written again); the glossary was not changed:
{}",
                conflicts.len(),
                listed.join("
")
            );
        }
        match tmkit::output::write_atomic(list, |w| conflicts::write_list(w, conflicts)) {
            Ok(()) => anyhow::anyhow!(
                "{} conflict(s) written to {shown}; the glossary was not changed: fill in its choice column (glossary or sheet) and run the same import again",
                conflicts.len()
            ),
            Err(e) => anyhow::Error::new(e).context(format!("{shown}: cannot write the conflicts")),
        }
    }
}

fn import(
    file: &Path,
    dry_run: bool,
    delimiter: Option<u8>,
    take: Take<'_>,
    glossary: &Path,
    settle: Settle<'_>,
) -> anyhow::Result<()> {
    let origin = file.display().to_string();
    let bytes = std::fs::read(file).with_context(|| format!("{origin}: cannot read"))?;
    let is_tbx = FileFormat::from_path(file) == Some(FileFormat::Tbx);
    // A termbase holds new decisions, whatever was asked.
    let decisions = if is_tbx {
        tbx::decisions(&bytes, &origin)?
    } else {
        Sheet::parse(&bytes, &origin, delimiter)?.take(&origin, take)?
    };
    // The decisions hold what the merge needs of the file.
    drop(bytes);
    let curated_origin = glossary.display().to_string();
    // Read, merge and write under the glossary's lock, so that two imports
    // at once do not lose each other's edits; the glossary is read under
    // it. A dry run writes nothing and reads a whole file either way.
    let _lock = if dry_run {
        None
    } else {
        Some(tmkit::output::Lock::acquire(glossary, |lock, holder| {
            let holder = holder.map_or(String::new(), |pid| format!(" (process {pid})"));
            eprintln!(
                "tmkit: another import{holder} is merging into {curated_origin} (lock {}): waiting for it to finish…",
                lock.display()
            );
        })?)
    };
    let curated =
        std::fs::read(glossary).with_context(|| format!("{curated_origin}: cannot read"))?;
    let resolution = settle.resolution()?;
    let merged = merge(&curated, &curated_origin, &decisions, &origin, &resolution)
        .map_err(|e| settle.report(e))?;
    // Write first: the report may go to a pipe that closes early.
    let s = &merged.summary;
    let verdict = if merged.bytes == curated {
        "nothing to change".to_string()
    } else if dry_run {
        format!("{curated_origin} would change (--dry-run: not written)")
    } else {
        tmkit::output::write_atomic(glossary, |w| {
            use std::io::Write;
            w.write_all(&merged.bytes)
        })?;
        format!("{curated_origin} updated")
    };
    let mut out = super::output::stdout();
    for change in &merged.changes {
        writeln!(out, "{origin}: {change}")?;
    }
    let settled = if s.settled > 0 {
        format!(", conflicts settled {}", s.settled)
    } else {
        String::new()
    };
    writeln!(
        out,
        "added {}, changed {}, approved {}, rejected {}, unchanged {}, undecided candidates {}{settled}: {verdict}",
        s.added, s.changed, s.approved, s.rejected, s.unchanged, s.undecided
    )?;
    Ok(())
}

fn export(
    format: Option<ExportFormat>,
    output: Option<&Path>,
    glossary_path: &Path,
    workspace: &Path,
) -> anyhow::Result<()> {
    let named = output
        .filter(|p| !super::output::is_stdout(p))
        .is_some_and(|p| p.extension().is_some());
    if format.is_none() && !named {
        bail!("say which format: --format tbx|tsv|csv (or an output ending .tbx, .tsv, .csv)");
    }
    // OmegaT reads a project glossary named .utf8 as UTF-8 TSV: the table
    // of formats has .utf8 as a TSV.
    let format = super::output::format_of(
        output,
        format,
        &[
            (FileFormat::Tbx, ExportFormat::Tbx),
            (FileFormat::Tsv, ExportFormat::Tsv),
            (FileFormat::Csv, ExportFormat::Csv),
        ],
    )?;
    let glossary = Glossary::load(glossary_path)?;
    let count = match format {
        ExportFormat::Tsv | ExportFormat::Csv => {
            let separator = if matches!(format, ExportFormat::Tsv) {
                Separator::Tab
            } else {
                Separator::Comma
            };
            let lines =
                super::output::emit(output, |out| Ok(omegat::write(out, &glossary, separator)?))?;
            let left_out = omegat::exported(&glossary).count() - lines;
            if left_out > 0 {
                eprintln!(
                    "tmkit: warning: {left_out} entr(ies) whose French term starts with # left out: OmegaT reads such a line as a comment (the CSV form keeps them)"
                );
            }
            lines
        }
        ExportFormat::Tbx => {
            let contexts = match load(workspace, &glossary)? {
                Some(contents) => contexts(&glossary, &contents.aligned(), Lexicon::french()),
                None => Default::default(),
            };
            super::output::emit(output, |out| {
                tbx::write(
                    out,
                    &glossary,
                    &tbx::TbxOptions {
                        source: tmkit::workspace::SOURCE_LANGUAGE,
                        target: tmkit::workspace::TARGET_LANGUAGE,
                        contexts: &contexts,
                    },
                )?;
                Ok(glossary.entries.len())
            })?
        }
    };
    eprintln!("tmkit: {count} entries");
    Ok(())
}

fn check(tms: &[PathBuf], glossary: &Path) -> anyhow::Result<ExitCode> {
    let glossary = Glossary::load(glossary)?;
    let checker = Checker::new(&glossary, Lexicon::french());
    let mut total = tmkit::glossary::check::Report::default();
    for tm in tms {
        let units = load_pairs(tm)?;
        let report = checker.check(units.iter().map(Pair::borrowed));
        let mut out = super::output::stdout();
        for v in &report.violations {
            // `check … | head` must still fail on violations: a closed
            // stdout ends the listing, not the verdict.
            if let Err(e) = writeln!(out, "{}: {v}", tm.display()) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(e.into());
                }
                break;
            }
        }
        total.units += report.units;
        total.occurrences += report.occurrences;
        total.violations.extend(report.violations);
    }
    eprintln!(
        "tmkit: {} unit(s), {} approved-term occurrence(s), {} violation(s)",
        total.units,
        total.occurrences,
        total.violations.len()
    );
    Ok(if total.violations.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The (name, French, English) texts of a TMX or CSV/TSV translation memory.
pub fn load_pairs(path: &Path) -> anyhow::Result<Vec<Pair>> {
    let units: Vec<Unit> = match Accepted::LOWER_CASE_MEMORIES.format(path) {
        Some(FileFormat::Tmx) => read_path(path)?.1,
        Some(format @ (FileFormat::Csv | FileFormat::Tsv)) => {
            let file =
                File::open(path).with_context(|| format!("{}: cannot open", path.display()))?;
            // A .csv from French Excel is ;-separated: found from its header.
            let delimiter = (format == FileFormat::Tsv).then_some(Delimiter::Tab);
            TableReader::new(file, delimiter, &path.display().to_string(), false)?
                .collect::<Result<_, _>>()?
        }
        _ => bail!(
            "{}: unknown translation memory format: give a .tmx, .csv or .tsv file",
            path.display()
        ),
    };
    let pairs: Vec<_> = units
        .iter()
        .enumerate()
        .filter_map(|(i, u)| {
            let side = |lang: &str| {
                u.variants
                    .iter()
                    .find(|v| primary(v.lang()).eq_ignore_ascii_case(lang))
                    .map(|v| v.text())
            };
            let name = u
                .tuid()
                .map_or_else(|| format!("unit {}", i + 1), str::to_string);
            Some(Pair {
                name,
                fr: side("fr")?,
                en: side("en")?,
            })
        })
        .collect();
    // A memory of other languages would otherwise pass, having nothing to
    // check.
    if pairs.is_empty() && !units.is_empty() {
        bail!(
            "{}: none of its {} unit(s) has both a French (fr…) and an English (en…) segment: nothing to check",
            path.display(),
            units.len()
        );
    }
    Ok(pairs)
}
