//! Command-line definitions: one file per command, each flag defined once with
//! its help (the flags several commands share in `args.rs`). Commands
//! validate their arguments, call the library, report and return the exit
//! status.

mod align;
mod analyze;
mod args;
mod glossary;
mod kit;
pub mod output;
mod segment;
mod terms;
mod tm;
mod tmx;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tmkit::tm::table::Delimiter;

/// tmkit: French→English translation workspace toolkit.
#[derive(Parser)]
#[command(name = "tmkit", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Split text into sentences with SRX 2.0 rules (tmkit's own by default).
    Segment(segment::Args),
    /// Align a French text with its English translation into translation units.
    Align(align::Args),
    /// The glossary: QA of a translation, the review sheet and its import,
    /// exports for CAT tools (TBX, OmegaT/Wordfast).
    #[command(subcommand)]
    Glossary(glossary::Command),
    /// Extract recurring French terms with counts, variants and contexts.
    Terms(terms::Args),
    /// Inspect, merge and convert TMX translation memories.
    #[command(subcommand)]
    Tmx(tmx::Command),
    /// Look sentences up in translation memories (fuzzy matches) and
    /// search them for words (concordance).
    #[command(subcommand)]
    Tm(tm::Command),
    /// The leverage of new documents against translation memories: segments,
    /// words and characters per match band.
    Analyze(analyze::Args),
    /// Translation kits: a kit the translator returned becomes the
    /// document's English and segment pairs.
    #[command(subcommand)]
    Kit(kit::Command),
}

/// A BCP 47 language tag argument (`fr-FR`, never `fr_FR`: the exports
/// write tags as they are given).
fn language_tag(tag: &str) -> Result<String, String> {
    if tmkit::language::LangTag::parse(tag).is_ok() {
        Ok(tag.to_string())
    } else {
        Err(tag_problem(tag))
    }
}

/// Why `tag` is not a language tag, with the way to write it.
fn tag_problem(tag: &str) -> String {
    let hint = if tag.contains('_') {
        format!("use a hyphen, not an underscore: {}", tag.replace('_', "-"))
    } else if tag.len() > 3 && tag.chars().all(char::is_alphabetic) {
        "a tag is a language's code, not its name: en-GB for English, fr-FR for French".into()
    } else {
        "a language code of two or three letters, then a region or script".into()
    };
    format!("not a BCP 47 language tag such as fr-FR or en-GB ({hint})")
}

/// A `--delimiter` argument: `,`, `;` or a tab (`tab`, `\t`), by character
/// or name.
fn delimiter(s: &str) -> Result<Delimiter, String> {
    match s {
        "," | "comma" => Ok(Delimiter::Comma),
        ";" | "semicolon" => Ok(Delimiter::Semicolon),
        "\t" | "\\t" | "tab" => Ok(Delimiter::Tab),
        _ => Err("use ',', ';' or 'tab'".into()),
    }
}

/// Today's TMX date (`YYYYMMDDThhmmssZ`) for the commands' TMX outputs:
/// `SOURCE_DATE_EPOCH` when set (so outputs are reproducible), else the
/// clock.
fn tmx_date_now() -> anyhow::Result<String> {
    let seconds = match tmkit::workspace::source_date_epoch()? {
        Some(seconds) => seconds,
        None => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64),
    };
    Ok(tmkit::tm::tmx_date(seconds))
}

/// Parses the command line, runs the command and gives its exit status:
/// success unless the command says otherwise (`glossary check` on a
/// violation) or fails.
pub fn run() -> anyhow::Result<ExitCode> {
    let done = |result: anyhow::Result<()>| result.map(|()| ExitCode::SUCCESS);
    match Cli::parse().command {
        Command::Segment(args) => done(segment::run(args)),
        Command::Align(args) => done(align::run(args)),
        Command::Glossary(command) => glossary::run(command),
        Command::Terms(args) => done(terms::run(args)),
        Command::Tmx(command) => done(tmx::run(command)),
        Command::Tm(command) => done(tm::run(command)),
        Command::Analyze(args) => done(analyze::run(args)),
        Command::Kit(command) => done(kit::run(command)),
    }
}
