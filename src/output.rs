//! Writing output files safely: to a temporary file beside the target, then
//! renamed over it, so a reader never sees a partial file and a failed run
//! leaves the previous file untouched. A device or a pipe (`/dev/null`, a
//! FIFO), or a name of an open descriptor (`/dev/stderr`, `/dev/fd/3`), is
//! written into instead, since renaming would replace it.

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
    // A name of an open descriptor is written through the descriptor, at
    // its end: it may be a file a shell opened for `>>`, which renaming
    // would replace and writing from its start would overwrite.
    if names_descriptor(path) {
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(path)
            .map_err(fail)?;
        return fill(&mut file, write).map_err(fail);
    }
    // Renaming over a symbolic link would replace the link: write where it
    // points instead.
    let target = resolve_link(path).map_err(fail)?;
    let path = target.as_path();
    let existing = std::fs::metadata(path).ok();
    // A device or a pipe (`-o /dev/null`, `-o /dev/stdout`, a FIFO) is
    // written as it is: renaming over it would replace it with a file.
    if existing
        .as_ref()
        .is_some_and(|m| !m.is_file() && !m.is_dir())
    {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(fail)?;
        return fill(&mut file, write).map_err(fail);
    }
    // Renaming would also replace a file its owner made read-only.
    if existing
        .as_ref()
        .is_some_and(|m| m.permissions().readonly())
    {
        return Err(fail(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only: make it writable or write elsewhere",
        )));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".tmkit-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(fail)?;
    let value = fill(tmp.as_file_mut(), write).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    // The temporary file is private (0600); the result must have the
    // permissions of the file it replaces, or the usual ones.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let permissions = existing
            .map(|m| m.permissions())
            .unwrap_or_else(|| std::fs::Permissions::from_mode(0o644));
        tmp.as_file().set_permissions(permissions).map_err(fail)?;
    }
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(value)
}

/// Whether `path` names an open file descriptor (`/dev/stdout`,
/// `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`) rather than a file.
fn names_descriptor(path: &Path) -> bool {
    if path == Path::new("/dev/stdout") || path == Path::new("/dev/stderr") {
        return true;
    }
    let descriptor = path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().bytes().all(|b| b.is_ascii_digit()));
    descriptor
        && path
            .parent()
            .is_some_and(|dir| dir == Path::new("/dev/fd") || dir == Path::new("/proc/self/fd"))
}

/// Runs `write` into `file` through a buffer, flushed.
fn fill<T>(
    file: &mut File,
    write: impl FnOnce(&mut BufWriter<&mut File>) -> io::Result<T>,
) -> io::Result<T> {
    let mut w = BufWriter::new(file);
    let value = write(&mut w)?;
    w.flush()?;
    Ok(value)
}

/// Where `path` leads through symbolic links (itself when it is none; a
/// dangling link leads to the file it names, to be created).
fn resolve_link(path: &Path) -> io::Result<PathBuf> {
    let mut path = path.to_path_buf();
    // A bound on the chain, as the kernel's own (ELOOP).
    for _ in 0..40 {
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&path)?;
                path = match path.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// An exclusive lock on a file, held until it is dropped, for a
/// read-modify-write that must not interleave with another (two imports
/// into one glossary). The lock is taken on a separate lock file beside the
/// target, `NAME.lock`: the target itself is replaced by [`write_atomic`],
/// so a lock on it would exclude nothing. The lock file stays (removing it
/// would let a waiting process lock a file nobody else sees); it holds the
/// process id of the last holder, for messages.
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// The lock file of `target`: `NAME.lock` beside it.
pub(crate) fn lock_path(target: &Path) -> PathBuf {
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    target.with_file_name(name)
}

impl Lock {
    /// Takes the lock of `target`. When another process holds it, calls
    /// `waiting` once with the lock file and the holder's process id, if
    /// known, then waits for it.
    pub fn acquire(
        target: &Path,
        waiting: impl FnOnce(&Path, Option<u32>),
    ) -> Result<Lock, OutputError> {
        let path = lock_path(target);
        let fail = |source| OutputError {
            path: path.clone(),
            source,
        };
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(fail)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let holder = std::fs::read_to_string(&path)
                    .ok()
                    .and_then(|s| s.trim().parse().ok());
                waiting(&path, holder);
                file.lock().map_err(fail)?;
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(fail(e)),
        }
        file.set_len(0)
            .and_then(|()| writeln!(file, "{}", std::process::id()))
            .map_err(fail)?;
        Ok(Lock { _file: file })
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_lock_is_beside_its_file_and_a_second_taker_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("fr-en.csv");
        assert_eq!(lock_path(&target), dir.path().join("fr-en.csv.lock"));
        let first = Lock::acquire(&target, |_, _| panic!("nobody holds it")).unwrap();
        let (told, heard) = std::sync::mpsc::channel();
        let second = std::thread::spawn(move || {
            Lock::acquire(&target, |lock, holder| {
                told.send((lock.to_path_buf(), holder)).unwrap();
            })
            .unwrap()
        });
        let (lock, holder) = heard.recv().unwrap();
        assert_eq!(lock, dir.path().join("fr-en.csv.lock"));
        assert_eq!(holder, Some(std::process::id()));
        drop(first);
        drop(second.join().unwrap());
    }
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn a_symbolic_link_is_written_through_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.csv");
        std::fs::write(&target, b"old\n").unwrap();
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink("real.csv", &link).unwrap();
        write_atomic(&link, |w| w.write_all(b"new\n")).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&target).unwrap(), b"new\n");
        let dangling = dir.path().join("to-be.csv");
        std::os::unix::fs::symlink("created.csv", &dangling).unwrap();
        write_atomic(&dangling, |w| w.write_all(b"x\n")).unwrap();
        assert_eq!(
            std::fs::read(dir.path().join("created.csv")).unwrap(),
            b"x\n"
        );
    }

    #[test]
    fn a_pipe_is_written_into_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here: nothing to test with
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap())
        };
        write_atomic(&fifo, |w| w.write_all(b"through\n")).unwrap();
        assert_eq!(reader.join().unwrap(), b"through\n");
        let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
        assert!(!kind.is_file(), "the FIFO was replaced by a file");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_read_only_file_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kept.csv");
        std::fs::write(&path, b"kept\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        let e = write_atomic(&path, |w| w.write_all(b"new\n")).unwrap_err();
        assert!(
            e.to_string().ends_with(
                "cannot write: the file is read-only: make it writable or write elsewhere"
            ),
            "{e}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"kept\n");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn a_new_file_is_readable_by_all_and_a_replaced_one_keeps_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.csv");
        write_atomic(&path, |w| w.write_all(b"a\n")).unwrap();
        assert_eq!(mode(&path), 0o644);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&path, |w| w.write_all(b"b\n")).unwrap();
        assert_eq!(mode(&path), 0o600);
    }
}
