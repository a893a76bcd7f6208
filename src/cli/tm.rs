//! `tmkit tm`: look sentences up in translation memories (fuzzy matches
//! with the percentages CAT tools show) and search them for words
//! (concordance). The memory options are shared with `tmkit analyze`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use tmkit::analysis::AnalysedDocument;
use tmkit::document::Paragraphs;
use tmkit::formats::Accepted;
use tmkit::segment::Segmenter;
use tmkit::tm::concordance::{self, PairSide};
use tmkit::tm::index::{Index, Match};
use tmkit::tm::memory::{CONTEXT_PROPS, Memory, MemoryErrorKind, MemoryPair, render};
use tmkit::tm::score::diff::{Edit, edits};
use tmkit::tm::score::{Scoring, Segment};
use tmkit::tm::tmx_date;

#[derive(clap::Subcommand)]
pub enum Command {
    /// The best matches of sentences in translation memories, with the
    /// percentages CAT tools show and what differs.
    #[command(after_help = "Examples:
  tmkit tm lookup --tm export/tm/seeds.fr-en.tmx 'Le Kremlin est connu pour être très sensible au sort de ces cadres loyaux.'
  tmkit tm lookup --tm client.tmx --tm penalty=10:old.tmx --min 50 --text article.txt
  tmkit tm lookup --tm tm/ --format jsonl - < article.txt")]
    Lookup(LookupArgs),
    /// Every unit whose source (or translation) holds some words, with the
    /// words highlighted.
    #[command(after_help = "Examples:
  tmkit tm concordance --tm export/tm/seeds.fr-en.tmx corridor de transport
  tmkit tm concordance --tm memory.tmx --target 'air defence'")]
    Concordance(ConcordanceArgs),
}

/// The memories to search and the language pair: shared by `tm lookup`,
/// `tm concordance` and `analyze`.
#[derive(clap::Args)]
#[command(mut_arg("source_lang", |a| a.help(
    "Source language of the pairs: each unit's segment in it (a BCP 47 tag; the exact tag first, else any variety of the language)"
)))]
#[command(mut_arg("target_lang", |a| a.help(
    "Target language of the pairs (en-GB by default; a unit without an en-GB segment serves with another variety of English, named in the output)"
)))]
pub struct MemoryArgs {
    /// A translation memory: a TMX file (1.1–1.4b, UTF-8 or UTF-16), a
    /// bilingual .csv/.tsv table, or a folder of them (searched through; a
    /// file under a folder named penalty-NN takes NN points off its
    /// matches, as in OmegaT's tm/penalty-NN/). penalty=N:FILE gives a file
    /// a penalty. Repeat for several memories.
    #[arg(long = "tm", required = true, value_name = "MEMORY")]
    tm: Vec<String>,
    #[command(flatten)]
    languages: super::args::Languages,
}

/// A memory argument: its files and its penalty.
fn memory_files(spec: &str) -> anyhow::Result<Vec<(PathBuf, u8)>> {
    let (penalty, path) = match spec.strip_prefix("penalty=") {
        Some(rest) => {
            let Some((n, path)) = rest.split_once(':') else {
                bail!(
                    "--tm {spec}: write penalty=N:FILE, N the points (0-100) taken off its matches"
                );
            };
            let n: u8 = n.parse().ok().filter(|&n| n <= 100).with_context(|| {
                format!("--tm {spec}: the penalty must be a number from 0 to 100")
            })?;
            (Some(n), PathBuf::from(path))
        }
        None => (None, PathBuf::from(spec)),
    };
    if !path.is_dir() {
        return Ok(vec![(path, penalty.unwrap_or(0))]);
    }
    // A folder: its memory files, each with the penalty of the nearest
    // penalty-NN folder it is in.
    let mut found = Vec::new();
    let mut stack = vec![(path.clone(), penalty.unwrap_or(0))];
    while let Some((dir, inherited)) = stack.pop() {
        let entries = std::fs::read_dir(&dir)
            .with_context(|| format!("{}: cannot read the folder", dir.display()))?;
        for entry in entries {
            let entry =
                entry.with_context(|| format!("{}: cannot read the folder", dir.display()))?;
            let p = entry.path();
            if p.is_dir() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let own = name
                    .strip_prefix("penalty-")
                    .and_then(|n| n.parse::<u8>().ok())
                    .filter(|&n| n <= 100);
                stack.push((p, penalty.or(own).unwrap_or(inherited)));
            } else if Accepted::MEMORIES.format(&p).is_some() {
                found.push((p, inherited));
            }
        }
    }
    found.sort();
    if found.is_empty() {
        bail!(
            "--tm {}: the folder holds no translation memory (.tmx, .csv or .tsv)",
            path.display()
        );
    }
    Ok(found)
}

impl MemoryArgs {
    /// The source language.
    pub fn source_lang(&self) -> &str {
        &self.languages.source_lang
    }

    /// Loads every memory, saying on stderr what was loaded and left out.
    pub fn load(&self) -> anyhow::Result<Memory> {
        let mut memory = Memory::new(&self.languages.source_lang, &self.languages.target_lang);
        for spec in &self.tm {
            for (path, penalty) in memory_files(spec)? {
                let file = memory.load(&path, penalty).map_err(|e| match e.kind() {
                    MemoryErrorKind::NoPair { .. } => anyhow::anyhow!(
                        "{e} (--source-lang and --target-lang give the pair to read)"
                    ),
                    _ => e.into(),
                })?;
                let left_out = file.units - file.pairs;
                if left_out > 0 {
                    eprintln!(
                        "tmkit: note: {}: {left_out} of {} unit(s) without both {} and {} left out",
                        file.name,
                        file.units,
                        self.languages.source_lang,
                        self.languages.target_lang
                    );
                }
                let others: Vec<&str> = file
                    .target_tags
                    .iter()
                    .filter(|t| !t.eq_ignore_ascii_case(&self.languages.target_lang))
                    .map(String::as_str)
                    .collect();
                if !others.is_empty() {
                    eprintln!(
                        "tmkit: note: {}: some translations are in {} (no {} in their unit); the matches name their language",
                        file.name,
                        others.join(", "),
                        self.languages.target_lang
                    );
                }
            }
        }
        let files = memory.files().len();
        eprintln!(
            "tmkit: memory: {} pair(s) {} → {} from {files} file(s)",
            memory.len(),
            self.languages.source_lang,
            self.languages.target_lang
        );
        Ok(memory)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LookupFormat {
    /// For people: each sentence, its matches, what differs.
    Text,
    /// One JSON object per sentence, with edit operations.
    Jsonl,
}

#[derive(clap::Args)]
pub struct LookupArgs {
    #[command(flatten)]
    memory: MemoryArgs,
    /// Lowest score shown (0-101).
    #[arg(long, default_value_t = 75, value_parser = clap::value_parser!(u8).range(0..=101))]
    min: u8,
    /// Most matches shown per sentence (a source with several translations
    /// counts once).
    #[arg(long, default_value_t = 5, value_name = "N")]
    max: usize,
    /// tmkit (OmegaT's score, with 95-99 for minor differences, 100 for
    /// identical text and tags, 101 for context matches) or omegat
    /// (OmegaT 3.6's adjusted score alone).
    #[arg(long, default_value = "tmkit", value_name = "SCORING")]
    scoring: Scoring,
    /// Look up every segment of this text (UTF-8, one paragraph per line),
    /// cut with tmkit's SRX rules.
    #[arg(long, value_name = "FILE", conflicts_with = "sentence")]
    text: Option<PathBuf>,
    /// Output format.
    #[arg(long, default_value = "text", value_name = "FORMAT")]
    format: LookupFormat,
    /// The sentence to look up (several sentences are looked up one by
    /// one); '-' reads a text from standard input.
    #[arg(value_name = "SENTENCE")]
    sentence: Option<String>,
}

#[derive(clap::Args)]
pub struct ConcordanceArgs {
    #[command(flatten)]
    memory: MemoryArgs,
    /// Search the translations instead of the sources.
    #[arg(long)]
    target: bool,
    /// Most units shown.
    #[arg(long, default_value_t = 50, value_name = "N")]
    max: usize,
    /// Output format.
    #[arg(long, default_value = "text", value_name = "FORMAT")]
    format: LookupFormat,
    /// The words, as a phrase (any case; ’ and ', « » and " match).
    #[arg(required = true, value_name = "WORDS")]
    words: Vec<String>,
}

pub fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Lookup(args) => lookup(&args),
        Command::Concordance(args) => concordance(&args),
    }
}

/// Reads a text (a file, or standard input for `-`) into segments.
pub fn read_text(
    path: &Path,
    segmenter: &Segmenter,
    translated: &dyn Fn(usize) -> bool,
) -> anyhow::Result<AnalysedDocument> {
    if path.as_os_str() == "-" {
        let stdin = std::io::stdin();
        let paragraphs = Paragraphs::new(stdin.lock(), "<stdin>");
        return Ok(AnalysedDocument::read(
            "<stdin>", paragraphs, segmenter, translated,
        )?);
    }
    let name = path.display().to_string();
    Ok(AnalysedDocument::read(
        &name,
        Paragraphs::open(path)?,
        segmenter,
        translated,
    )?)
}

/// A note, or an error when nothing useful was done, for text that does not
/// look like the memory's source language (French).
pub fn not_french(source_lang: &str, text: &str) -> Option<String> {
    let french = tmkit::language::primary(source_lang).eq_ignore_ascii_case("fr");
    (french && tmkit::text::looks_french(text) == Some(false)).then(|| {
        format!("the text does not look French (its function words are English); the memory's source language is {source_lang}")
    })
}

fn lookup(args: &LookupArgs) -> anyhow::Result<()> {
    let segmenter = Segmenter::builtin(args.memory.source_lang())?;
    let document = match (&args.sentence, &args.text) {
        (Some(s), None) if s == "-" => read_text(Path::new("-"), &segmenter, &|_| false)?,
        (Some(s), None) => {
            if s.trim().is_empty() {
                bail!("nothing to look up: the sentence is empty");
            }
            let paragraphs = Paragraphs::new(s.as_bytes(), "the sentence");
            AnalysedDocument::read("the sentence", paragraphs, &segmenter, &|_| false)?
        }
        (None, Some(path)) => read_text(path, &segmenter, &|_| false)?,
        _ => bail!("give a SENTENCE to look up, --text FILE, or - to read standard input"),
    };
    if document.segments.is_empty() {
        bail!("nothing to look up: {} holds no text", document.name);
    }
    let memory = args.memory.load()?;
    let index = Index::build(&memory, args.scoring);
    let mut searcher = index.searcher();
    let mut out = super::output::stdout();
    let colour = std::io::stdout().is_terminal();
    let mut matched = 0;
    for (i, unit) in document.segments.iter().enumerate() {
        let query = Segment::plain(&unit.text);
        let context = document.context(i);
        let matches = searcher.search(query, Some(&context), args.min, args.max);
        matched += usize::from(!matches.is_empty());
        match args.format {
            LookupFormat::Text => {
                write_text(&mut out, &memory, unit, query, &matches, args.min, colour)?
            }
            LookupFormat::Jsonl => write_json(&mut out, &memory, unit, query, &matches)?,
        }
    }
    out.flush()?;
    let all: String = document
        .segments
        .iter()
        .map(|u| u.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    if let Some(problem) = not_french(args.memory.source_lang(), &all) {
        if matched == 0 {
            bail!("{problem}: nothing matched");
        }
        eprintln!("tmkit: warning: {problem}");
    }
    eprintln!(
        "tmkit: {matched} of {} segment(s) matched at {}% or more",
        document.segments.len(),
        args.min
    );
    Ok(())
}

/// Props worth showing (the context props are long and said otherwise).
fn shown_props<'a>(pair: &MemoryPair<'a>) -> Vec<(&'a str, &'a str)> {
    pair.origin
        .props()
        .filter(|(t, _)| !CONTEXT_PROPS.iter().any(|(b, a)| t == b || t == a))
        .collect()
}

fn origin_line(pair: &MemoryPair<'_>) -> String {
    let o = &pair.origin;
    let mut parts = vec![format!("{}, unit {}", o.file.name, o.unit + 1)];
    if !o.tuid.is_empty() {
        parts.push(format!("tuid {}", o.tuid));
    }
    if let Some(date) = o.date {
        // YYYYMMDDThhmmssZ, shown as a day.
        let d = tmx_date(date);
        parts.push(format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..8]));
    }
    parts.push(pair.target_lang.to_string());
    let props: Vec<String> = shown_props(pair)
        .iter()
        .map(|(t, v)| format!("{t}={v}"))
        .collect();
    if !props.is_empty() {
        parts.push(props.join(" "));
    }
    parts.join(" · ")
}

/// The match's source with what differs from the query marked:
/// `[-in the match-]{+in the query+}` (coloured on a terminal).
fn marked(edits: &[Edit], colour: bool) -> String {
    let (del, ins, end) = if colour {
        ("\x1b[31m[-", "\x1b[32m{+", "\x1b[0m")
    } else {
        ("[-", "{+", "")
    };
    let mut out = String::new();
    for e in edits {
        match e {
            Edit::Same(t) => out.push_str(t),
            Edit::Deleted(t) => out.push_str(&format!("{del}{t}-]{end}")),
            Edit::Inserted(t) => out.push_str(&format!("{ins}{t}+}}{end}")),
            Edit::Replaced { from, to } => {
                out.push_str(&format!("{del}{from}-]{end}{ins}{to}+}}{end}"));
            }
        }
    }
    out
}

fn write_text(
    out: &mut dyn Write,
    memory: &Memory,
    unit: &tmkit::analysis::AnalysedSegment,
    query: Segment<'_>,
    matches: &[Match],
    min: u8,
    colour: bool,
) -> anyhow::Result<()> {
    writeln!(
        out,
        "line {}, segment {}: {}",
        unit.line,
        unit.index + 1,
        unit.text
    )?;
    if matches.is_empty() {
        writeln!(out, "  no match of {min}% or more")?;
    }
    for m in matches {
        let first = memory.pair(m.hits[0].pair);
        let score = m.score();
        let why = if score.differences.is_empty() {
            String::new()
        } else {
            let kinds: Vec<&str> = score.differences.iter().map(|d| d.name()).collect();
            format!(" ({})", kinds.join(", "))
        };
        let source = if score.percent >= 100 {
            render(first.source)
        } else {
            marked(&edits(query, first.source), colour)
        };
        writeln!(out, "  {:>3}%{why}  {source}", score.percent)?;
        for hit in &m.hits {
            let pair = memory.pair(hit.pair);
            let own = if hit.score.percent == score.percent {
                String::new()
            } else {
                format!(" [{}%]", hit.score.percent)
            };
            writeln!(out, "        → {}{own}", render(pair.target))?;
            writeln!(out, "          {}", origin_line(&pair))?;
        }
    }
    writeln!(out)?;
    Ok(())
}

fn write_json(
    out: &mut dyn Write,
    memory: &Memory,
    unit: &tmkit::analysis::AnalysedSegment,
    query: Segment<'_>,
    matches: &[Match],
) -> anyhow::Result<()> {
    use serde_json::json;
    let matches: Vec<serde_json::Value> = matches
        .iter()
        .map(|m| {
            let first = memory.pair(m.hits[0].pair);
            let edits: Vec<serde_json::Value> = edits(query, first.source)
                .into_iter()
                .map(|e| match e {
                    Edit::Same(t) => json!({"op": "same", "text": t}),
                    Edit::Inserted(t) => json!({"op": "inserted", "query": t}),
                    Edit::Deleted(t) => json!({"op": "deleted", "memory": t}),
                    Edit::Replaced { from, to } => {
                        json!({"op": "replaced", "memory": from, "query": to})
                    }
                })
                .collect();
            let translations: Vec<serde_json::Value> = m
                .hits
                .iter()
                .map(|h| {
                    let pair = memory.pair(h.pair);
                    let o = &pair.origin;
                    let props: Vec<[&str; 2]> = pair.origin.props().map(|(t, v)| [t, v]).collect();
                    json!({
                        "score": h.score.percent,
                        "target": render(pair.target),
                        "lang": pair.target_lang,
                        "file": o.file.name,
                        "unit": o.unit + 1,
                        "tuid": o.tuid,
                        "date": o.date.map(tmx_date),
                        "penalty": o.file.penalty,
                        "props": props,
                    })
                })
                .collect();
            let differences: Vec<&str> = m.score().differences.iter().map(|d| d.name()).collect();
            json!({
                "score": m.score().percent,
                "differences": differences,
                "source": render(first.source),
                "edits": edits,
                "translations": translations,
            })
        })
        .collect();
    let record = json!({
        "line": unit.line,
        "segment": unit.index + 1,
        "query": unit.text,
        "matches": matches,
    });
    writeln!(out, "{record}")?;
    Ok(())
}

fn highlighted(text: &str, spans: &[std::ops::Range<usize>], colour: bool) -> String {
    let (open, close) = if colour {
        ("\x1b[1;33m", "\x1b[0m")
    } else {
        ("⟦", "⟧")
    };
    let mut out = String::with_capacity(text.len() + 8 * spans.len());
    let mut at = 0;
    for span in spans {
        out.push_str(&text[at..span.start]);
        out.push_str(open);
        out.push_str(&text[span.clone()]);
        out.push_str(close);
        at = span.end;
    }
    out.push_str(&text[at..]);
    out
}

fn concordance(args: &ConcordanceArgs) -> anyhow::Result<()> {
    let words = args.words.join(" ");
    if concordance::phrase(&words).trim().is_empty() {
        bail!("nothing to search for: the words are empty");
    }
    let memory = args.memory.load()?;
    let side = if args.target {
        PairSide::Target
    } else {
        PairSide::Source
    };
    let found = concordance::search(&memory, &words, side);
    let mut out = super::output::stdout();
    let colour = std::io::stdout().is_terminal();
    for occurrence in found.iter().take(args.max) {
        let pair = memory.pair(occurrence.pair);
        let (searched, other) = match side {
            PairSide::Source => (pair.source, pair.target),
            PairSide::Target => (pair.target, pair.source),
        };
        match args.format {
            LookupFormat::Text => {
                writeln!(
                    out,
                    "{}",
                    highlighted(searched.text, &occurrence.spans, colour)
                )?;
                writeln!(out, "  → {}", render(other))?;
                writeln!(out, "    {}", origin_line(&pair))?;
            }
            LookupFormat::Jsonl => {
                let spans: Vec<[usize; 2]> =
                    occurrence.spans.iter().map(|r| [r.start, r.end]).collect();
                let record = serde_json::json!({
                    "source": render(pair.source),
                    "target": render(pair.target),
                    "side": if args.target { "target" } else { "source" },
                    "spans": spans,
                    "lang": pair.target_lang,
                    "file": pair.origin.file.name,
                    "unit": pair.origin.unit + 1,
                    "tuid": pair.origin.tuid,
                });
                writeln!(out, "{record}")?;
            }
        }
    }
    out.flush()?;
    let shown = found.len().min(args.max);
    eprintln!(
        "tmkit: {} unit(s) hold “{}”{}",
        found.len(),
        words.trim(),
        if shown < found.len() {
            format!(" ({shown} shown; --max shows more)")
        } else {
            String::new()
        }
    );
    Ok(())
}
