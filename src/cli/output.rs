//! Where a command's output goes: a file, written atomically, or stdout.

use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use tmkit::formats::{FileFormat, output_format};

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

/// A writer that keeps the first error of the output it writes to.
struct Noting<'a, W> {
    inner: W,
    failure: &'a mut Option<io::Error>,
}

impl<W: Write> Noting<'_, W> {
    fn noted<T>(&mut self, result: io::Result<T>) -> io::Result<T> {
        result.map_err(|e| {
            let again = io::Error::new(e.kind(), e.to_string());
            self.failure.get_or_insert(e);
            again
        })
    }
}

impl<W: Write> Write for Noting<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = self.inner.write(buf);
        self.noted(result)
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = self.inner.flush();
        self.noted(result)
    }
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
            let mut output_failure = None;
            let written = tmkit::output::write_atomic(path, |w| {
                let mut noting = Noting {
                    inner: w,
                    failure: &mut output_failure,
                };
                write(&mut noting).map_err(|e| {
                    failure = Some(e);
                    io::Error::other("the command failed")
                })
            });
            match (written, failure, output_failure) {
                // The output itself failed (a full disk): name it, whatever
                // error type carried the failure up.
                (_, Some(_), Some(source)) => Err(tmkit::output::OutputError {
                    path: path.to_path_buf(),
                    source,
                }
                .into()),
                (_, Some(e), None) => Err(e),
                (Err(e), None, _) => Err(e.into()),
                (Ok(value), None, _) => Ok(value),
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

/// The format a command writes `output` in, from the one table of formats
/// ([`tmkit::formats`]): `writes` pairs each format the command writes with
/// its own name for it, the default first; `asked` is its `--format`. An
/// output whose extension claims another format, or a format tmkit does not
/// know, is an error; standard output takes the format asked or the default.
pub fn format_of<T: Copy + PartialEq>(
    output: Option<&Path>,
    asked: Option<T>,
    writes: &[(FileFormat, T)],
) -> anyhow::Result<T> {
    let file_format = |t: T| writes.iter().find(|(_, w)| *w == t).map(|(f, _)| *f);
    let formats: Vec<FileFormat> = writes.iter().map(|(f, _)| *f).collect();
    let chosen = output_format(
        output.filter(|p| !is_stdout(p)),
        asked.and_then(file_format),
        &formats,
        formats[0],
    )?;
    Ok(writes
        .iter()
        .find(|(f, _)| *f == chosen)
        .map_or(writes[0].1, |(_, t)| *t))
}
