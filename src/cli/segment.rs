//! `tmkit segment`: text in, one sentence per line (or TSV, JSON Lines) out.

use std::io::{self, Read, Write};
use std::path::PathBuf;

use anyhow::bail;
use tmkit::document::{DEFAULT_MAX_PARAGRAPH_BYTES, Paragraphs, ReadErrorKind};
use tmkit::formats::FileFormat;
use tmkit::language::LangTag;
use tmkit::segment::format::{DocumentError, DocumentStats, SegmentFormat, SegmentWriter};
use tmkit::segment::parallel::write_document_parallel;
use tmkit::segment::srx::SrxDocument;
use tmkit::segment::{BUILTIN_SRX, Segmenter};

#[derive(clap::Args)]
#[command(after_help = "Examples:
  tmkit segment seeds/fr/000_8103dfe14ac7aa7a.txt
  tmkit segment --format tsv seeds/fr/*.txt -o segments.tsv
  echo 'M. Dupont est là. Il attend.' | tmkit segment
  tmkit segment --srx omegat-defaultRules.srx --lang fr-FR article.txt
  tmkit segment --dump-rules > tmkit.srx")]
pub struct Args {
    /// Input files, UTF-8, one paragraph per line ('-' or none: standard input).
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Language of the text, a BCP 47 tag: picks the SRX rules that apply
    /// (with --srx, also a rule file's own keys, such as LanguageTool's fr_two).
    #[arg(long, default_value = "fr-FR", value_name = "TAG")]
    lang: String,
    /// SRX 2.0 (or 1.0) rule file to use instead of tmkit's built-in rules.
    #[arg(long, value_name = "RULES.srx")]
    srx: Option<PathBuf>,
    /// Output format: text (a segment per line, a blank line between
    /// paragraphs), tsv (document, paragraph, segment, byte offsets, text) or
    /// jsonl. Default: from the output's extension (.txt, .tsv, .jsonl), else
    /// text.
    #[arg(long, value_name = "FORMAT")]
    format: Option<SegmentFormat>,
    #[command(flatten)]
    output: super::args::Output,
    /// Longest paragraph (line) accepted, in bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_PARAGRAPH_BYTES, value_name = "BYTES")]
    max_paragraph_bytes: usize,
    /// Threads that segment a document longer than 512 KiB, while one more
    /// reads it and this one writes (default: one per core). The output is
    /// the same whatever the number.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Print tmkit's built-in rules as an SRX 2.0 file and exit.
    #[arg(long, conflicts_with_all = ["files", "srx", "format", "output"])]
    dump_rules: bool,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    if args.dump_rules {
        super::output::stdout().write_all(BUILTIN_SRX.as_bytes())?;
        return Ok(());
    }
    // Rule files may key their maps otherwise (LanguageTool's: fr_two); the
    // built-in rules take BCP 47 tags, the only ones the exports use.
    let tag = match &args.srx {
        Some(_) => args.lang.replace('_', "-"),
        None => args.lang.clone(),
    };
    if LangTag::parse(&tag).is_err() {
        bail!("--lang {:?}: {}", args.lang, super::tag_problem(&tag));
    }
    let format = super::output::format_of(
        args.output.output.as_deref(),
        args.format,
        &[
            (FileFormat::Text, SegmentFormat::Text),
            (FileFormat::Tsv, SegmentFormat::Tsv),
            (FileFormat::Jsonl, SegmentFormat::Jsonl),
        ],
    )?;
    if args.max_paragraph_bytes == 0 {
        bail!("--max-paragraph-bytes must be at least 1");
    }
    if args.threads == Some(0) {
        bail!("--threads must be at least 1");
    }
    let threads = args.threads.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let segmenter = match &args.srx {
        Some(path) => {
            let doc = SrxDocument::load(path)?;
            Segmenter::from_srx_with_threads(&doc, &args.lang, threads)?
        }
        None => Segmenter::builtin_with_threads(&args.lang, threads)?,
    };
    let files = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    super::output::emit(args.output.output.as_deref(), |out| {
        segment_all(&files, &segmenter, format, &args, threads, out)
    })
}

fn segment_all(
    files: &[PathBuf],
    segmenter: &Segmenter,
    format: SegmentFormat,
    args: &Args,
    threads: usize,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let mut writer = SegmentWriter::new(out, format);
    for file in files {
        let (name, stats) = if file.as_os_str() == "-" {
            let paragraphs = Paragraphs::new(io::stdin(), "<stdin>");
            (
                "<stdin>".to_string(),
                segment_one(paragraphs, "-", segmenter, args, threads, &mut writer)?,
            )
        } else {
            let name = file.display().to_string();
            let paragraphs = Paragraphs::open(file)?;
            let stats = segment_one(paragraphs, &name, segmenter, args, threads, &mut writer)?;
            (name, stats)
        };
        if stats.normalized > 0 {
            eprintln!(
                "tmkit: note: {name}: {} line(s) were not in Unicode NFC and were normalised; offsets refer to the normalised text",
                stats.normalized
            );
        }
    }
    writer.finish()?;
    Ok(())
}

fn segment_one<R: Read + Send>(
    paragraphs: Paragraphs<R>,
    name: &str,
    segmenter: &Segmenter,
    args: &Args,
    threads: usize,
    writer: &mut SegmentWriter<&mut dyn Write>,
) -> anyhow::Result<DocumentStats> {
    let paragraphs = paragraphs.max_paragraph_bytes(args.max_paragraph_bytes);
    write_document_parallel(paragraphs, name, segmenter, writer, threads).map_err(|e| match e {
        DocumentError::Write(io) => anyhow::Error::new(io),
        // Only this command has the option.
        DocumentError::Read(too_long)
            if matches!(too_long.kind(), ReadErrorKind::TooLong { .. }) =>
        {
            anyhow::anyhow!("{too_long} (if it is, raise the limit with --max-paragraph-bytes)")
        }
        other => anyhow::Error::new(other),
    })
}
