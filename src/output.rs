//! Writing output files safely: to a temporary file beside the target, then
//! renamed over it, so a reader never sees a partial file and a failed run
//! leaves the previous file untouched.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// An output file that could not be written.
#[derive(Debug, thiserror::Error)]
#[error("{}: cannot write: {source}", path.display())]
pub struct OutputError {
    /// The file.
    pub path: PathBuf,
    /// The cause.
    pub source: io::Error,
}

/// Writes `path` through `write`, atomically: all or nothing.
///
/// ```
/// use std::io::Write;
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("out.txt");
/// tmkit::output::write_atomic(&path, |w| w.write_all(b"ok\n")).unwrap();
/// assert_eq!(std::fs::read(&path).unwrap(), b"ok\n");
/// ```
pub fn write_atomic<T>(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<&mut File>) -> io::Result<T>,
) -> Result<T, OutputError> {
    let fail = |source| OutputError {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".tmkit-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(fail)?;
    let value = {
        let mut w = BufWriter::new(tmp.as_file_mut());
        let value = write(&mut w).map_err(fail)?;
        w.flush().map_err(fail)?;
        value
    };
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(value)
}
