//! Argument groups several commands share, each flag declared once
//! (`#[command(flatten)]`). A command that reads something particular from
//! a shared flag says so in its own help (`mut_arg`), keeping the flag's
//! name, default and value name from here.

use std::path::PathBuf;

/// `--glossary`: the curated glossary, the project's own by default.
#[derive(clap::Args)]
pub struct Glossary {
    /// The curated glossary.
    #[arg(long, default_value = "glossary/fr-en.csv", value_name = "CSV")]
    pub glossary: PathBuf,
}

/// `--workspace`: the workspace a command reads, the current directory by
/// default.
#[derive(clap::Args)]
pub struct Workspace {
    /// The workspace (default: the current directory).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub workspace: PathBuf,
}

/// `-o`/`--output` of a command that writes to standard output by default.
#[derive(clap::Args)]
pub struct Output {
    /// Write to this file (atomically) instead of standard output (`-`:
    /// standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `--source-lang` and `--target-lang`: the language pair, as BCP 47 tags.
#[derive(clap::Args)]
pub struct Languages {
    /// Source language tag.
    #[arg(long, default_value = "fr-FR", value_name = "TAG", value_parser = super::language_tag)]
    pub source_lang: String,
    /// Target language tag.
    #[arg(long, default_value = "en-GB", value_name = "TAG", value_parser = super::language_tag)]
    pub target_lang: String,
}
