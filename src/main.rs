//! The `tmkit` command: a thin layer over the library (see `src/cli/`).

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(status) => status,
        Err(error) => {
            // `tmkit segment big.txt | head` is a success, not an error.
            if cli::output::stdout_closed() {
                return ExitCode::SUCCESS;
            }
            eprintln!("tmkit: error: {}", tmkit::error_message(error.as_ref()));
            ExitCode::FAILURE
        }
    }
}
