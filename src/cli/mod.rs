//! Command-line definitions: one file per command, each flag defined once with
//! its help. Commands validate their arguments, call the library and report.

mod segment;

use clap::{Parser, Subcommand};

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
}

/// Parses the command line and runs the command.
pub fn run() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Segment(args) => segment::run(args),
    }
}
