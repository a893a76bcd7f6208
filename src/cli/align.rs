//! `tmkit align`: a French text and its English translation in, translation
//! units out (TMX, CSV or TSV), with a summary of the beads on stderr.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::Context;
use tmkit::align::Aligner;
use tmkit::align::document::{
    AlignError, Aligned, ParagraphMode, SegmentedDocument, align_documents,
};
use tmkit::formats::FileFormat;
use tmkit::language::Evidence;
use tmkit::segment::Segmenter;
use tmkit::tm::Header;
use tmkit::tm::table::{Delimiter, write_table};
use tmkit::tm::tmx::write_units;

use super::tmx_date_now;

#[derive(clap::Args)]
#[command(after_help = "Examples:
  tmkit align seeds/fr/000_8103dfe14ac7aa7a.txt seeds/en/000_8103dfe14ac7aa7a.txt -o seeds.tmx
  tmkit align fr.txt en.txt -o review.csv --glossary glossary/fr-en.csv
  tmkit align --presegmented --paragraphs ignore book.fr.txt book.en.txt > book.tmx")]
#[command(mut_arg("output", |a| a.help(
    "Output file (atomically written); .tmx, .csv or .tsv. Default (or `-`): TMX on standard output"
)))]
pub struct Args {
    /// French text, UTF-8, one paragraph per line.
    #[arg(value_name = "FR.txt")]
    fr: PathBuf,
    /// English translation, UTF-8, one paragraph per line.
    #[arg(value_name = "EN.txt")]
    en: PathBuf,
    #[command(flatten)]
    output: super::args::Output,
    /// Output format; by default taken from the output's extension.
    #[arg(long, value_name = "FORMAT")]
    format: Option<OutputFormat>,
    /// The inputs are already one sentence per line (blank lines separate
    /// paragraphs): keep those sentences as they are.
    #[arg(long)]
    presegmented: bool,
    /// auto: the translation file convention (one English line per French
    /// line, an empty line or an early end for what is not yet translated),
    /// paragraphs joined, split or left out found and aligned as whole
    /// stretches; strict: an error at the first paragraph that does not
    /// correspond line for line or is not translated; ignore: whole
    /// documents in one pass.
    #[arg(long, default_value = "auto", value_name = "MODE")]
    paragraphs: Paragraphs,
    /// Glossary CSV (header with fr-FR and en-GB columns) whose entries
    /// anchor the alignment.
    #[arg(long, value_name = "CSV")]
    glossary: Option<PathBuf>,
    #[command(flatten)]
    languages: super::args::Languages,
}

#[derive(Clone, Copy, PartialEq, clap::ValueEnum)]
enum OutputFormat {
    Tmx,
    Csv,
    Tsv,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Paragraphs {
    Auto,
    Strict,
    Ignore,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let format = super::output::format_of(
        args.output.output.as_deref(),
        args.format,
        &[
            (FileFormat::Tmx, OutputFormat::Tmx),
            (FileFormat::Csv, OutputFormat::Csv),
            (FileFormat::Tsv, OutputFormat::Tsv),
        ],
    )?;
    let (fr, en) = if args.presegmented {
        (
            SegmentedDocument::presegmented(&args.fr)?,
            SegmentedDocument::presegmented(&args.en)?,
        )
    } else {
        let fr_seg = Segmenter::builtin(&args.languages.source_lang)?;
        let en_seg = Segmenter::builtin(&args.languages.target_lang)?;
        (
            SegmentedDocument::segment(&args.fr, &fr_seg)?,
            SegmentedDocument::segment(&args.en, &en_seg)?,
        )
    };
    for (document, tag, option) in [
        (&fr, &args.languages.source_lang, "--source-lang"),
        (&en, &args.languages.target_lang, "--target-lang"),
    ] {
        let mut evidence = Evidence::default();
        for paragraph in &document.paragraphs {
            evidence.add(&paragraph.text);
        }
        if let Some(mismatch) = evidence.mismatch(tag) {
            eprintln!(
                "tmkit: warning: {}: {mismatch} ({option}): are the files in the right order, and the tags right?",
                document.origin
            );
        }
    }
    let aligner = match &args.glossary {
        Some(path) => Aligner::with_glossary(tmkit::glossary::read_term_pairs(path)?),
        None => Aligner::default(),
    };
    let mode = match args.paragraphs {
        Paragraphs::Auto => ParagraphMode::Auto,
        Paragraphs::Strict => ParagraphMode::Strict,
        Paragraphs::Ignore => ParagraphMode::Ignore,
    };
    let alignment = align_documents(&fr, &en, mode, &aligner).map_err(|e| match e {
        // The way out is an option of this command.
        e @ AlignError::Paragraphs { .. } => {
            anyhow::anyhow!("{e} (--paragraphs auto aligns what corresponds and reports the rest)")
        }
        other => other.into(),
    })?;
    let beads = &alignment.beads;
    let (src, tgt) = (
        args.languages.source_lang.as_str(),
        args.languages.target_lang.as_str(),
    );
    let units: Vec<_> = beads
        .iter()
        .filter(|b| b.is_pair() || !matches!(format, OutputFormat::Tmx))
        .map(|b| b.unit(&fr.name, src, tgt))
        .collect();
    super::output::emit(args.output.output.as_deref(), |out| {
        match format {
            OutputFormat::Tmx => {
                write_units(out, &Header::tmkit(src, Some(&tmx_date_now()?)), &units)?;
            }
            OutputFormat::Csv => {
                write_table(out, Delimiter::Comma, src, &units)?;
            }
            OutputFormat::Tsv => {
                write_table(out, Delimiter::Tab, src, &units)?;
            }
        }
        Ok(())
    })
    .with_context(|| format!("aligning {} with {}", args.fr.display(), args.en.display()))?;
    eprintln!("{}", summary(beads, fr.sentences(), en.sentences(), format));
    if let Some(c) = &alignment.correspondence {
        if let Some(divergence) = &c.divergence {
            eprintln!(
                "tmkit: warning: the paragraphs do not correspond line for line: {divergence}; aligned as whole stretches there, and beads across paragraphs flagged"
            );
        }
        if !c.untranslated.is_empty() {
            let lines: Vec<usize> = c
                .untranslated
                .iter()
                .map(|&i| fr.paragraphs[i].line)
                .collect();
            eprintln!(
                "tmkit: not translated, so in no unit: French {}",
                tmkit::align::document::lines(&lines)
            );
        }
    }
    Ok(())
}

fn summary(beads: &[Aligned], fr: usize, en: usize, format: OutputFormat) -> String {
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for b in beads {
        *kinds.entry(b.kind().to_string()).or_default() += 1;
    }
    let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{k}: {n}")).collect();
    let weak = beads.iter().filter(|b| b.weak()).count();
    let gaps: usize = beads
        .iter()
        .filter(|b| !b.is_pair())
        .map(|b| b.fr.len() + b.en.len())
        .sum();
    let mut s = format!(
        "tmkit: aligned {fr} French and {en} English sentences into {} beads ({}); {weak} flagged to check (score < {}, probability < {}, across paragraphs, a sentence alone or next to one)",
        beads.len(),
        kinds.join(", "),
        tmkit::align::WEAK_SCORE,
        tmkit::align::WEAK_PROBABILITY
    );
    if gaps > 0 && matches!(format, OutputFormat::Tmx) {
        s.push_str(&format!(
            "; {gaps} sentence(s) without a counterpart are not in the TMX (see them with --format csv)"
        ));
    }
    s
}
