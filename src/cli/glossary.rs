//! `tmkit glossary`: check a translation against the glossary.

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use tmkit::glossary::Glossary;
use tmkit::glossary::check::{Checker, Pair};
use tmkit::terms::lexicon::Lexicon;
use tmkit::tm::table::{Delimiter, read_table};
use tmkit::tm::tmx::read_path;
use tmkit::tm::{Unit, primary};

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
        /// The glossary CSV.
        #[arg(long, default_value = "glossary/fr-en.csv", value_name = "CSV")]
        glossary: PathBuf,
    },
}

pub fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Check { tm, glossary } => check(&tm, &glossary),
    }
}

fn check(tms: &[PathBuf], glossary: &Path) -> anyhow::Result<()> {
    let glossary = Glossary::load(glossary)?;
    let checker = Checker::new(&glossary, Lexicon::french());
    let mut total = tmkit::glossary::check::Report::default();
    for tm in tms {
        let units = load_pairs(tm)?;
        let report = checker.check(units.iter().map(|(n, f, e)| Pair {
            name: n,
            fr: f,
            en: e,
        }));
        for v in &report.violations {
            println!("{}: {v}", tm.display());
        }
        total.units += report.units;
        total.occurrences += report.occurrences;
        total.violations.extend(report.violations);
    }
    eprintln!(
        "{} unit(s), {} approved-term occurrence(s), {} violation(s)",
        total.units,
        total.occurrences,
        total.violations.len()
    );
    if !total.violations.is_empty() {
        std::process::exit(1);
    }
    Ok(())
}

/// The (name, French, English) texts of a TMX or CSV/TSV translation memory.
pub fn load_pairs(path: &Path) -> anyhow::Result<Vec<(String, String, String)>> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let units: Vec<Unit> = match ext {
        "tmx" => read_path(path)?.1,
        "csv" | "tsv" => {
            let file =
                File::open(path).with_context(|| format!("{}: cannot open", path.display()))?;
            let delimiter = if ext == "tsv" {
                Delimiter::Tab
            } else {
                Delimiter::Comma
            };
            read_table(BufReader::new(file), delimiter, &path.display().to_string())?.1
        }
        _ => bail!(
            "{}: unknown translation memory format: give a .tmx, .csv or .tsv file",
            path.display()
        ),
    };
    Ok(units
        .iter()
        .enumerate()
        .filter_map(|(i, u)| {
            let side = |lang: &str| {
                u.variants
                    .iter()
                    .find(|v| primary(v.lang()) == lang)
                    .map(|v| v.text())
            };
            let name = u
                .tuid()
                .map_or_else(|| format!("unit {}", i + 1), str::to_string);
            Some((name, side("fr")?, side("en")?))
        })
        .collect())
}
