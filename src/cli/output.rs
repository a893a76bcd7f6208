//! Where a command's output goes: a file, written atomically, or stdout.

use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Runs `write` into `path` (atomically: all or nothing) or into standard
/// output; the command's own error wins over the I/O error that carried it.
pub fn emit<T>(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    match path {
        Some(path) => {
            let mut failure = None;
            let written = tmkit::output::write_atomic(path, |w| {
                write(w).map_err(|e| {
                    failure = Some(e);
                    io::Error::other("the command failed")
                })
            });
            match (written, failure) {
                (_, Some(e)) => Err(e),
                (Err(e), None) => Err(e.into()),
                (Ok(value), None) => Ok(value),
            }
        }
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::with_capacity(256 * 1024, stdout.lock());
            let value = write(&mut out)?;
            out.flush()?;
            Ok(value)
        }
    }
}
