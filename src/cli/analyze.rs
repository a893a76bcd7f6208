//! `tmkit analyze`: the leverage of new documents against translation
//! memories, in the bands project managers quote from.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use tmkit::analysis::report::{self, ReportFormat};
use tmkit::analysis::{AnalysisOptions, Band, Precedence, analyze};
use tmkit::formats::FileFormat;
use tmkit::segment::Segmenter;
use tmkit::tm::index::Index;
use tmkit::tm::score::Scoring;

use super::tm::{MemoryArgs, not_french, read_text};

#[derive(clap::Args)]
#[command(after_help = "Examples:
  tmkit analyze new/*.txt --tm export/tm/seeds.fr-en.tmx
  tmkit analyze a.txt b.txt --tm client.tmx -o analysis.html
  tmkit analyze seeds/fr/*.txt --tm memory.tmx --translations seeds/en -o analysis.csv
  tmkit analyze doc.txt --tm memory.tmx --weights 101=0,repetitions=0.1,100=0.1,95-99=0.3 -o quote.xml")]
#[command(mut_arg("output", |a| a.help(
    "Report file (written atomically), its format from its extension: .csv, .xml (Trados Studio's analysis shape), .html, .txt; default: a table on standard output"
)))]
pub struct Args {
    /// Documents to analyse (UTF-8, one paragraph per line), in this order:
    /// repetitions count against earlier documents.
    #[arg(required = true, value_name = "TEXT")]
    texts: Vec<PathBuf>,
    #[command(flatten)]
    memory: MemoryArgs,
    #[command(flatten)]
    output: super::args::Output,
    /// Report format: table, csv, xml or html (default: from -o's
    /// extension, else table).
    #[arg(long, value_name = "FORMAT")]
    format: Option<ReportFormat>,
    /// memoQ's and OmegaT's order: every later occurrence of a segment is a
    /// repetition, even when the memory has it at 100% (Trados's order, the
    /// default, counts those as 100% or 101%).
    #[arg(long)]
    repetitions_first: bool,
    /// tmkit or omegat (OmegaT 3.6's adjusted score, as its statistics
    /// band it).
    #[arg(long, default_value = "tmkit", value_name = "SCORING")]
    scoring: Scoring,
    /// A folder with the documents' translations, same file names, line
    /// for line: a paragraph whose translation line is not empty counts as
    /// already translated (seeds/en for seeds/fr).
    #[arg(long, value_name = "DIR")]
    translations: Option<PathBuf>,
    /// Weights per band for weighted words, as BAND=WEIGHT,…; bands: 101,
    /// repetitions, cross-file, 100, 95-99, 85-94, 75-84, 50-74, new,
    /// translated (a band not given weighs 1).
    #[arg(long, value_name = "WEIGHTS", value_parser = weights)]
    weights: Option<HashMap<Band, f64>>,
    /// Threads for the lookups (default: the machine's cores).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
}

fn weights(s: &str) -> Result<HashMap<Band, f64>, String> {
    let mut out = HashMap::new();
    for part in s.split(',').filter(|p| !p.trim().is_empty()) {
        let Some((band, weight)) = part.split_once('=') else {
            return Err(format!("{part:?}: write BAND=WEIGHT, such as 100=0.3"));
        };
        let band: Band = band.trim().parse()?;
        let weight: f64 = weight
            .trim()
            .parse()
            .ok()
            .filter(|w: &f64| w.is_finite() && *w >= 0.0)
            .ok_or_else(|| format!("{part:?}: the weight must be a number of 0 or more"))?;
        if out.insert(band, weight).is_some() {
            return Err(format!("band {} is given twice", band.key()));
        }
    }
    Ok(out)
}

/// Which lines (1-based) of `text` are translated: those whose line in
/// the translation folder's file of the same name is not empty.
fn translated_lines(dir: &Path, text: &Path) -> anyhow::Result<Vec<bool>> {
    let name = text
        .file_name()
        .with_context(|| format!("{}: not a file name", text.display()))?;
    let path = dir.join(name);
    let content = std::fs::read_to_string(&path).with_context(|| {
        format!(
            "{}: cannot read the translation of {}",
            path.display(),
            text.display()
        )
    })?;
    Ok(content.lines().map(|l| !l.trim().is_empty()).collect())
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let format = super::output::format_of(
        args.output.output.as_deref(),
        args.format,
        &[
            (FileFormat::Text, ReportFormat::Table),
            (FileFormat::Csv, ReportFormat::Csv),
            (FileFormat::Xml, ReportFormat::Xml),
            (FileFormat::Html, ReportFormat::Html),
        ],
    )?;
    let segmenter = Segmenter::builtin(args.memory.source_lang())?;
    let mut documents = Vec::with_capacity(args.texts.len());
    for text in &args.texts {
        if text.as_os_str() == "-" {
            bail!("analyze reads files (their names go into the report), not standard input");
        }
        let translated = match &args.translations {
            Some(dir) => translated_lines(dir, text)?,
            None => Vec::new(),
        };
        let document = read_text(text, &segmenter, &|line| {
            translated.get(line - 1).copied().unwrap_or(false)
        })?;
        if document.segments.is_empty() {
            bail!("{}: no text to analyse", text.display());
        }
        let all: Vec<&str> = document.segments.iter().map(|u| u.text.as_str()).collect();
        if let Some(problem) = not_french(args.memory.source_lang(), &all.join(" ")) {
            bail!(
                "{}: {problem}: nothing analysed (--source-lang names the documents' language)",
                text.display()
            );
        }
        documents.push(document);
    }
    let memory = args.memory.load()?;
    let index = Index::build(&memory, args.scoring);
    let threads = match args.threads {
        Some(n) => usize::from(n),
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let options = AnalysisOptions {
        precedence: if args.repetitions_first {
            Precedence::RepetitionsFirst
        } else {
            Precedence::MemoryFirst
        },
        threads,
        weights: args.weights.clone().unwrap_or_default(),
    };
    // Progress for a person at a terminal; logs and pipes get the result.
    let interactive = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    let started = std::time::Instant::now();
    let last = std::sync::Mutex::new(0.0f64);
    let progress = |done: usize, total: usize| {
        if !interactive {
            return;
        }
        let now = started.elapsed().as_secs_f64();
        let mut last = last.lock().unwrap_or_else(|e| e.into_inner());
        if now - *last >= 0.25 || done == total {
            *last = now;
            eprint!("\rtmkit: analysing: {done} of {total} segments looked up");
            if done == total {
                eprintln!();
            }
        }
    };
    let analysis = analyze(&documents, &index, &options, &progress);
    super::output::emit(args.output.output.as_deref(), |out| {
        report::write(&analysis, format, out)?;
        Ok(())
    })?;
    let total = analysis.total().total();
    eprintln!(
        "tmkit: analysed {} document(s): {} segments, {} words in {:.1} s",
        analysis.files.len(),
        total.segments,
        total.words,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
