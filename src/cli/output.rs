//! Where a command's output goes: a file, written atomically, or stdout.

use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once standard output was closed by its reader (`tmkit … | head`).
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Whether the reader of standard output went away: the command then ends
/// as a success, whatever error type carried the broken pipe up.
pub fn stdout_closed() -> bool {
    STDOUT_CLOSED.load(Ordering::Relaxed)
}

/// Standard output, noting a broken pipe.
pub fn stdout() -> impl Write {
    Stdout(io::stdout().lock())
}

struct Stdout<W>(W);

impl<W: Write> Stdout<W> {
    fn noted<T>(result: io::Result<T>) -> io::Result<T> {
        if let Err(e) = &result
            && e.kind() == io::ErrorKind::BrokenPipe
        {
            STDOUT_CLOSED.store(true, Ordering::Relaxed);
        }
        result
    }
}

impl<W: Write> Write for Stdout<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        Self::noted(self.0.write(buf))
    }

    fn flush(&mut self) -> io::Result<()> {
        Self::noted(self.0.flush())
    }
}

/// Whether `-o PATH` names standard output: `-`, or a name of descriptor 1
/// (`/dev/stdout`), which is written as standard output is, never renamed
/// over (that replaced the file a shell's `>>` appends to).
pub fn is_stdout(path: &Path) -> bool {
    ["-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"]
        .iter()
        .any(|name| path == Path::new(name))
}

/// Runs `write` into `path` (atomically: all or nothing) or into standard
/// output (no `path`, or one that [names it](is_stdout)); the command's own
/// error wins over the I/O error that carried it.
pub fn emit<T>(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    match path.filter(|p| !is_stdout(p)) {
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
            let mut out = BufWriter::with_capacity(256 * 1024, stdout());
            let value = write(&mut out)?;
            out.flush()?;
            Ok(value)
        }
    }
}
