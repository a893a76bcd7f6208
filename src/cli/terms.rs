//! `tmkit terms`: French text in, term candidates with counts, contexts and
//! (with a glossary and a translation memory) English equivalents out.

use std::io::{self, Read};
use std::path::PathBuf;

use anyhow::bail;
use tmkit::document::Paragraphs;
use tmkit::formats::FileFormat;
use tmkit::glossary::Glossary;
use tmkit::glossary::propose::{equivalents, without_rejected};
use tmkit::terms::format::{CandidateFormat, write_candidates};
use tmkit::terms::lexicon::Lexicon;
use tmkit::terms::{Extractor, ExtractorOptions};
use tmkit::tm::Pair;

#[derive(clap::Args)]
#[command(after_help = "Examples:
  tmkit terms seeds/fr/*.txt
  tmkit terms seeds/fr/*.txt --glossary glossary/fr-en.csv --tm export/tm/seeds.fr-en.tmx
  tmkit terms --min-count 3 --format jsonl corpus/*.txt > candidates.jsonl
  cat article.txt | tmkit terms --format tsv")]
pub struct Args {
    /// French texts, UTF-8, one paragraph per line ('-' or none: standard input).
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Fewest occurrences for a common term; acronyms, codes, names and a
    /// noun with an adjective that classifies other terms are kept from one
    /// occurrence.
    #[arg(long, default_value_t = 2, value_name = "N")]
    min_count: usize,
    /// Most content words in a multi-word term or name (a longer run of names is a list, not a name).
    #[arg(long, default_value_t = 5, value_name = "N")]
    max_words: usize,
    /// Every candidate, the long tail too (single words common in general
    /// French, lone adjectives); by default the list is precision-first.
    #[arg(long)]
    all: bool,
    /// Output format: csv, tsv or jsonl. Default: from the output's
    /// extension, else csv.
    #[arg(long, value_name = "FORMAT")]
    format: Option<CandidateFormat>,
    /// Curated glossary CSV: its English term (and status) for the
    /// candidates it has; its entries not rejected are terms wherever they
    /// occur, its rejected ones never candidates.
    #[arg(long, value_name = "CSV")]
    glossary: Option<PathBuf>,
    /// Aligned translation memory (TMX, CSV or TSV): English proposals for
    /// the other candidates, with the English sentence as evidence.
    #[arg(long, value_name = "TM")]
    tm: Vec<PathBuf>,
    #[command(flatten)]
    output: super::args::Output,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    if args.min_count == 0 {
        bail!("--min-count must be at least 1");
    }
    if args.max_words == 0 {
        bail!("--max-words must be at least 1");
    }
    let format = super::output::format_of(
        args.output.output.as_deref(),
        args.format,
        &[
            (FileFormat::Csv, CandidateFormat::Csv),
            (FileFormat::Tsv, CandidateFormat::Tsv),
            (FileFormat::Jsonl, CandidateFormat::Jsonl),
        ],
    )?;
    let glossary = args.glossary.as_deref().map(Glossary::load).transpose()?;
    let options = ExtractorOptions {
        min_count: args.min_count,
        max_words: args.max_words,
        all: args.all,
        known: glossary
            .as_ref()
            .map(Glossary::accepted_forms)
            .unwrap_or_default(),
    };
    let mut extractor = Extractor::new(Lexicon::french(), options);
    let files = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    for file in &files {
        if file.as_os_str() == "-" {
            let stdin = io::stdin();
            read_into(&mut extractor, Paragraphs::new(stdin.lock(), "<stdin>"))?;
        } else {
            read_into(&mut extractor, Paragraphs::open(file)?)?;
        }
    }
    let candidates = match &glossary {
        Some(g) => without_rejected(extractor.finish(), g),
        None => extractor.finish(),
    };
    let equivalents = if glossary.is_some() || !args.tm.is_empty() {
        let mut texts = Vec::new();
        for tm in &args.tm {
            texts.extend(super::glossary::load_pairs(tm)?);
        }
        Some(equivalents(
            &candidates,
            glossary.as_ref(),
            &texts.iter().map(Pair::borrowed).collect::<Vec<_>>(),
        ))
    } else {
        None
    };
    super::output::emit(args.output.output.as_deref(), |out| {
        write_candidates(out, format, &candidates, equivalents.as_deref())?;
        Ok(())
    })
}

fn read_into<R: Read>(
    extractor: &mut Extractor<'_>,
    paragraphs: Paragraphs<R>,
) -> anyhow::Result<()> {
    let origin = paragraphs.origin().to_string();
    extractor.start_document(&origin);
    for paragraph in paragraphs {
        let paragraph = paragraph?;
        extractor.add_paragraph(paragraph.line, &paragraph.text);
    }
    if let Some(mismatch) = extractor.language().mismatch("fr-FR") {
        eprintln!(
            "tmkit: warning: {origin}: {mismatch}: terms are extracted as French (is it the translation?)"
        );
    }
    Ok(())
}
