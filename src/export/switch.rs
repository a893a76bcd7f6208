//! Replacing `export/` by a fresh export in one step, so that whatever
//! happens (an error, a full disk, a kill at any instant) `export/` is
//! wholly the old export or wholly the new one, or a journal says a switch
//! was interrupted.
//!
//! The new export is written into a staging directory beside `export/`
//! (`.export-new-XXXXXX`, same file system). `rename(2)` cannot replace a
//! non-empty directory, so:
//!
//! - **exchange** (Linux, `renameat2` with `RENAME_EXCHANGE`): the two
//!   directories trade names in one system call; the old export, now under
//!   the staging name, is then removed;
//! - **journal**, where exchange is unsupported (another system, or a file
//!   system that refuses it): `.export-journal` is written, `export/` is
//!   renamed `.export-old`, the staging directory `export/`, then the
//!   journal and the old export are removed. A run that finds a journal
//!   restores `.export-old` if `export/` is missing; `--check` reports the
//!   journal as an interrupted export;
//! - the first export (no `export/` yet) is a plain rename.
//!
//! The whole replacement runs under an advisory lock on the directory
//! holding `export/`, so two exports never interleave; a run first removes
//! what a killed one left (`.export-*` directories, all ignored by git).
//!
//! Every step that changes the file system goes through [`step`], where
//! the tests inject a kill (a panic that skips every later step, as
//! SIGKILL would) or a failure.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use super::ExportError;

/// The names beside `out` that belong to the switch.
struct Names {
    out: PathBuf,
    /// `.export-`: the prefix of every name below.
    prefix: String,
    /// `.export-old`: the old export during a journal switch.
    old: PathBuf,
    /// `.export-journal`: present while a journal switch runs.
    journal: PathBuf,
}

impl Names {
    fn of(out: &Path) -> Names {
        let parent = parent(out);
        let name = out.file_name().unwrap_or_default().to_string_lossy();
        let prefix = format!(".{name}-");
        Names {
            out: out.to_path_buf(),
            old: parent.join(format!("{prefix}old")),
            journal: parent.join(format!("{prefix}journal")),
            prefix,
        }
    }
}

/// A path as messages name it: its last component (`export`,
/// `.export-old`), all of them sitting in the workspace.
fn name(path: &Path) -> std::borrow::Cow<'_, str> {
    path.file_name().unwrap_or_default().to_string_lossy()
}

fn parent(out: &Path) -> &Path {
    match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A switch that failed, and what it changed.
#[derive(Debug, thiserror::Error)]
#[error("{}: could not switch to the new export: {source}; {state}", out.display())]
pub struct SwitchError {
    /// The export directory.
    pub out: PathBuf,
    /// What went wrong.
    pub source: io::Error,
    /// What changed, exactly, and what to do.
    pub state: String,
}

/// Replaces `out` by what `fill` writes into a fresh staging directory
/// beside it, in one step, reporting to `progress` (passed on to `fill`).
/// Returns `fill`'s value and a warning when the old export could not be
/// removed after the switch.
pub(super) fn replace<T>(
    out: &Path,
    fill: impl FnOnce(&Path, &mut dyn FnMut(&str)) -> Result<T, ExportError>,
    progress: &mut dyn FnMut(&str),
) -> Result<(T, Option<String>), ExportError> {
    let io_error = |source| ExportError::Io {
        path: parent(out).to_path_buf(),
        source,
    };
    let lock = lock(out, &mut || {
        progress("waiting for another export of this workspace to finish")
    })
    .map_err(io_error)?;
    recover(out, &lock)?;
    let staging = stage(out, &lock).map_err(io_error)?;
    let value = match fill(&staging, progress) {
        Ok(value) => value,
        Err(e) => {
            discard(&staging);
            return Err(e);
        }
    };
    progress("switching to the new export");
    let warning = switch(&staging, out, &lock)?;
    Ok((value, warning))
}

/// Where the switch stands after a kill or a failure: what `--check`
/// reports.
pub(super) fn interrupted(out: &Path) -> bool {
    let names = Names::of(out);
    names.journal.exists() || (!exists(out) && names.old.exists())
}

/// `path` exists, as itself (a dangling symbolic link exists).
fn exists(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// The lock held while an export replaces `out`: an advisory lock on the
/// directory holding it, released when dropped or when the process ends,
/// however it ends.
struct Lock {
    #[cfg(unix)]
    _dir: File,
}

/// Takes the lock of `out`'s directory, waiting for another export of the
/// same workspace to finish; `waiting` is called once if it must wait.
fn lock(out: &Path, waiting: &mut dyn FnMut()) -> io::Result<Lock> {
    #[cfg(unix)]
    {
        use rustix::fs::{FlockOperation, flock};
        let dir = File::open(parent(out))?;
        if flock(&dir, FlockOperation::NonBlockingLockExclusive).is_err() {
            waiting();
            flock(&dir, FlockOperation::LockExclusive)?;
        }
        Ok(Lock { _dir: dir })
    }
    #[cfg(not(unix))]
    {
        let _ = (out, waiting);
        Ok(Lock {})
    }
}

/// Finishes what an interrupted run left, under the lock: restores
/// `export/` from `.export-old` when a journal switch was killed after
/// moving it aside, then removes the journal and every `.export-*`
/// directory (staging of killed runs, old exports).
fn recover(out: &Path, _lock: &Lock) -> Result<(), SwitchError> {
    let names = Names::of(out);
    let fail = |source, state: String| SwitchError {
        out: out.to_path_buf(),
        source,
        state,
    };
    if !exists(out) && names.old.exists() {
        step("restore the old export")
            .and_then(|()| fs::rename(&names.old, out))
            .map_err(|e| {
                fail(
                    e,
                    format!(
                        "an interrupted export left {} missing and the previous export in {}: rename it back to {}",
                        name(out),
                        name(&names.old),
                        name(out)
                    ),
                )
            })?;
    }
    if names.journal.exists() {
        step("remove the journal")
            .and_then(|()| fs::remove_file(&names.journal))
            .map_err(|e| {
                fail(
                    e,
                    format!(
                        "{} is whole, but the journal of an interrupted export, {}, could not be removed: remove it",
                        name(out),
                        name(&names.journal)
                    ),
                )
            })?;
    }
    let parent = parent(out);
    let entries = fs::read_dir(parent).map_err(|e| fail(e, "nothing changed".into()))?;
    let mut stale: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(&names.prefix))
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .collect();
    stale.sort();
    for dir in stale {
        step("remove what a killed export left")
            .and_then(|()| fs::remove_dir_all(&dir))
            .map_err(|e| {
                fail(
                    e,
                    format!(
                        "{} is whole; {}, left by an earlier export, could not be removed: remove it",
                        name(out),
                        name(&dir)
                    ),
                )
            })?;
    }
    Ok(())
}

/// A new, empty staging directory beside `out`, with the permissions of
/// `out` (or the usual ones).
fn stage(out: &Path, _lock: &Lock) -> io::Result<PathBuf> {
    let names = Names::of(out);
    step("create the staging directory")?;
    let staging = tempfile::Builder::new()
        .prefix(&format!("{}new-", names.prefix))
        .tempdir_in(parent(out))?
        .keep();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let permissions = fs::metadata(out)
            .map(|m| m.permissions())
            .unwrap_or_else(|_| fs::Permissions::from_mode(0o755));
        fs::set_permissions(&staging, permissions)?;
    }
    Ok(staging)
}

/// Removes a staging directory the export gave up; `export/` was not
/// touched.
fn discard(staging: &Path) {
    // Left behind, it is removed by the next run.
    let _ = step("discard the staging directory").and_then(|()| fs::remove_dir_all(staging));
}

/// Makes `staging` the new `out`. `Ok` holds a warning when the old export
/// could not be removed (the next run removes it).
fn switch(staging: &Path, out: &Path, _lock: &Lock) -> Result<Option<String>, SwitchError> {
    let names = Names::of(out);
    if !exists(out) {
        return step("rename the staging directory")
            .and_then(|()| fs::rename(staging, out))
            .map(|()| None)
            .map_err(|e| {
                discard(staging);
                SwitchError {
                    out: out.to_path_buf(),
                    source: e,
                    state: format!("there was no {} before and there is none now", name(out)),
                }
            });
    }
    match exchange(staging, out) {
        Ok(()) => Ok(remove_old(&names, staging)),
        Err(e) if unsupported(&e) => journal_switch(&names, staging),
        Err(e) => {
            discard(staging);
            Err(SwitchError {
                out: out.to_path_buf(),
                source: e,
                state: format!("{} was left as it was", name(out)),
            })
        }
    }
}

/// Exchanges two directories in one system call.
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    step("exchange the directories")?;
    #[cfg(test)]
    if faults::exchange_unsupported() {
        return Err(io::Error::from_raw_os_error(22)); // EINVAL
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (a, b);
        Err(io::Error::from(io::ErrorKind::Unsupported))
    }
}

/// The kernel or the file system cannot exchange: the journal will do.
fn unsupported(e: &io::Error) -> bool {
    // EINVAL: the file system does not support the flag; ENOSYS: the
    // kernel lacks renameat2; EOPNOTSUPP.
    matches!(e.raw_os_error(), Some(22 | 38 | 95)) || e.kind() == io::ErrorKind::Unsupported
}

/// The old export, now at `old`, removed; a warning if it could not be.
fn remove_old(names: &Names, old: &Path) -> Option<String> {
    let removed = step("remove the old export").and_then(|()| fs::remove_dir_all(old));
    removed.err().map(|e| {
        format!(
            "{} holds the new export; the previous one, left in {}, could not be removed ({e}): the next export removes it",
            name(&names.out),
            name(old)
        )
    })
}

/// The switch through a journal, for where exchange is unsupported.
fn journal_switch(names: &Names, staging: &Path) -> Result<Option<String>, SwitchError> {
    let out = &names.out;
    let fail = |source, state: String| SwitchError {
        out: out.clone(),
        source,
        state,
    };
    let journal = format!(
        "An export is switching {out} to a new export.\nIf this file remains, the switch was interrupted: run `cargo xtask export`, which restores {old} if {out} is missing and removes this file.\n",
        out = name(out),
        old = name(&names.old),
    );
    step("write the journal")
        .and_then(|()| write_synced(&names.journal, journal.as_bytes()))
        .map_err(|e| {
            let _ = fs::remove_file(&names.journal);
            discard(staging);
            fail(e, format!("{} was left as it was", name(out)))
        })?;
    step("move the old export aside")
        .and_then(|()| fs::rename(out, &names.old))
        .map_err(|e| {
            let _ = fs::remove_file(&names.journal);
            discard(staging);
            fail(e, format!("{} was left as it was", name(out)))
        })?;
    if let Err(e) = step("move the new export in").and_then(|()| fs::rename(staging, out)) {
        let restored = step("restore the old export").and_then(|()| fs::rename(&names.old, out));
        return Err(match restored {
            Ok(()) => {
                let _ = fs::remove_file(&names.journal);
                discard(staging);
                fail(
                    e,
                    format!("{} was left as it was (moved aside and back)", name(out)),
                )
            }
            Err(_) => fail(
                e,
                format!(
                    "{out} is missing: the previous export is in {old} and the new one in {new}; run `cargo xtask export` to restore {out} and try again",
                    out = name(out),
                    old = name(&names.old),
                    new = name(staging),
                ),
            ),
        });
    }
    if let Err(e) = step("remove the journal").and_then(|()| fs::remove_file(&names.journal)) {
        return Ok(Some(format!(
            "{} holds the new export, but its journal {} could not be removed ({e}): `--check` reports an interrupted export until the next export removes it",
            name(out),
            name(&names.journal)
        )));
    }
    Ok(remove_old(names, &names.old))
}

/// Writes `path` and flushes it to disk before the switch relies on it.
fn write_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let mut file = File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// A step of the export that changes the file system, named for the
/// tests' fault injection; nothing outside tests.
pub(super) fn step(name: &'static str) -> io::Result<()> {
    #[cfg(test)]
    return faults::at(name);
    #[cfg(not(test))]
    {
        let _ = name;
        Ok(())
    }
}

/// Fault injection for the tests: before the n-th [`step`] of this thread,
/// a kill (a panic: no later step runs, as with SIGKILL) or a failure of
/// that step.
#[cfg(test)]
pub(crate) mod faults {
    use std::cell::{Cell, RefCell};
    use std::io;

    /// What happens at the planned step.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub(crate) enum Fault {
        /// The process dies before the step.
        Kill,
        /// The step fails.
        Fail,
    }

    thread_local! {
        static PLAN: RefCell<Vec<(usize, Fault)>> = const { RefCell::new(Vec::new()) };
        static SEEN: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
        static NO_EXCHANGE: Cell<bool> = const { Cell::new(false) };
    }

    /// Plans each `fault` at the `n`-th step (1-based) from now, forgetting
    /// the steps seen so far.
    pub(crate) fn plan(faults: &[(usize, Fault)]) {
        // A simulated kill is no failure: its panic says nothing.
        static QUIET: std::sync::Once = std::sync::Once::new();
        QUIET.call_once(|| {
            let report = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                if info.payload().downcast_ref::<Killed>().is_none() {
                    report(info);
                }
            }));
        });
        PLAN.set(faults.to_vec());
        SEEN.with_borrow_mut(Vec::clear);
    }

    /// No fault from now on; returns the steps seen since the last plan.
    pub(crate) fn clear() -> Vec<&'static str> {
        PLAN.with_borrow_mut(Vec::clear);
        SEEN.with_borrow_mut(std::mem::take)
    }

    /// Makes `exchange` behave as on a file system without it.
    pub(crate) fn without_exchange(on: bool) {
        NO_EXCHANGE.set(on);
    }

    pub(super) fn exchange_unsupported() -> bool {
        NO_EXCHANGE.get()
    }

    pub(super) fn at(name: &'static str) -> io::Result<()> {
        let n = SEEN.with_borrow_mut(|seen| {
            seen.push(name);
            seen.len()
        });
        let fault = PLAN.with_borrow(|plan| plan.iter().find(|(at, _)| *at == n).map(|p| p.1));
        match fault {
            Some(Fault::Kill) => {
                PLAN.with_borrow_mut(Vec::clear);
                std::panic::panic_any(Killed(name));
            }
            Some(Fault::Fail) => Err(io::Error::other(format!("injected failure: {name}"))),
            None => Ok(()),
        }
    }

    /// The panic payload of a simulated kill.
    #[derive(Debug)]
    pub(crate) struct Killed(pub &'static str);
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::panic::{AssertUnwindSafe, catch_unwind};

    use super::faults::{self, Fault, Killed};
    use super::*;

    type Tree = BTreeMap<String, Vec<u8>>;

    const OLD: &[(&str, &str)] = &[
        ("a.txt", "old a"),
        ("sub/b.txt", "old b"),
        ("gone.txt", "x"),
    ];
    const NEW: &[(&str, &str)] = &[
        ("a.txt", "new a"),
        ("sub/b.txt", "new b"),
        ("sub/c.txt", "c"),
    ];

    fn tree_of(files: &[(&str, &str)]) -> Tree {
        files
            .iter()
            .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
            .collect()
    }

    /// Every file under `dir` with its bytes; none when `dir` is missing.
    fn tree(dir: &Path) -> Option<Tree> {
        if !dir.exists() {
            return None;
        }
        let mut out = Tree::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for entry in fs::read_dir(&d).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let rel = path
                        .strip_prefix(dir)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned();
                    out.insert(rel, fs::read(&path).unwrap());
                }
            }
        }
        Some(out)
    }

    /// A workspace directory whose `export/` holds OLD.
    fn workspace() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("export");
        for (rel, text) in OLD {
            let path = out.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        (dir, out)
    }

    /// What `replace` leaves beside `export/`.
    fn leftovers(out: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(out.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != "export")
            .collect();
        names.sort();
        names
    }

    /// Replaces `out` by NEW, each file through the export's own writer.
    fn replace_new(out: &Path) -> Result<Option<String>, ExportError> {
        let fill = |staging: &Path, _: &mut dyn FnMut(&str)| {
            for (rel, text) in NEW {
                super::super::write_file(staging, rel, text.as_bytes())?;
            }
            Ok(())
        };
        replace(out, fill, &mut |_| {}).map(|((), warning)| warning)
    }

    /// Runs `replace_new` under `plan`; whether a planned kill happened.
    fn killed(out: &Path, plan: &[(usize, Fault)]) -> Option<&'static str> {
        faults::plan(plan);
        let run = catch_unwind(AssertUnwindSafe(|| replace_new(out)));
        faults::clear();
        match run {
            Ok(_) => None,
            Err(payload) => Some(payload.downcast::<Killed>().expect("a simulated kill").0),
        }
    }

    /// What a kill left: `export/` wholly old, wholly new, or a switch
    /// `--check` reports as interrupted; never a mix.
    fn outcome(out: &Path) -> &'static str {
        let state = tree(out);
        let name = if state == Some(tree_of(OLD)) {
            "old"
        } else if state == Some(tree_of(NEW)) {
            "new"
        } else {
            assert!(state.is_none(), "a mix of old and new: {state:?}");
            "missing"
        };
        match (name, interrupted(out)) {
            ("missing", false) => panic!("export/ missing and no journal"),
            (_, true) => "interrupted",
            _ => name,
        }
    }

    /// Back to a clean state: a run to the end gives NEW and leaves
    /// nothing beside it.
    fn assert_recovers(out: &Path, context: &str) {
        replace_new(out).unwrap();
        assert_eq!(tree(out), Some(tree_of(NEW)), "{context}");
        assert!(!interrupted(out), "{context}");
        assert_eq!(leftovers(out), Vec::<String>::new(), "{context}");
    }

    /// Kills at every step of a switch, and then at every step of the run
    /// that recovers from it: `export/` is never a mix, and a run to the
    /// end always recovers. Run with `--nocapture` for what each kill left.
    #[test]
    fn a_kill_at_any_step_leaves_the_old_export_the_new_one_or_an_interrupted_switch() {
        let mut report = Vec::new();
        for exchange in [true, false] {
            faults::without_exchange(!exchange);
            let method = if exchange { "exchange" } else { "journal" };
            let steps = steps();
            for n in 1..=steps.len() {
                let mut second = Vec::new();
                for m in 1.. {
                    let (_dir, out) = workspace();
                    assert_eq!(killed(&out, &[(n, Fault::Kill)]), Some(steps[n - 1]));
                    let first = outcome(&out);
                    if m == 1 {
                        report.push(format!(
                            "{method} kill {n} before “{}”: {first}",
                            steps[n - 1]
                        ));
                    }
                    match killed(&out, &[(m, Fault::Kill)]) {
                        Some(step) => second.push(format!("{step}: {}", outcome(&out))),
                        None => {
                            assert_eq!(tree(&out), Some(tree_of(NEW)));
                            assert_eq!(leftovers(&out), Vec::<String>::new());
                            break;
                        }
                    }
                    assert_recovers(&out, &format!("{method}, kills {n} then {m}"));
                }
                report.push(format!(
                    "    then a kill of the next run at each of its {} steps: {}",
                    second.len(),
                    second.join("; ")
                ));
            }
        }
        faults::without_exchange(false);
        eprintln!("{}", report.join("\n"));
    }

    /// A step that fails leaves `export/` as its message says: as it was,
    /// or (after the switch) new with a warning about the old one.
    #[test]
    fn a_failed_step_leaves_export_as_its_message_says() {
        for exchange in [true, false] {
            faults::without_exchange(!exchange);
            let steps = steps();
            for n in 1..=steps.len() {
                let context = format!("exchange {exchange}, “{}” fails", steps[n - 1]);
                let (_dir, out) = workspace();
                faults::plan(&[(n, Fault::Fail)]);
                let result = replace_new(&out);
                faults::clear();
                match result {
                    Err(ExportError::Switch(e)) => {
                        assert!(
                            e.to_string().ends_with("; export was left as it was")
                                || e.to_string().ends_with(
                                    "; export was left as it was (moved aside and back)"
                                ),
                            "{context}: {e}"
                        );
                        assert_eq!(tree(&out), Some(tree_of(OLD)), "{context}");
                    }
                    Err(e) => {
                        assert!(e.to_string().contains("injected failure"), "{context}: {e}");
                        assert_eq!(tree(&out), Some(tree_of(OLD)), "{context}");
                    }
                    Ok(warning) => {
                        assert_eq!(tree(&out), Some(tree_of(NEW)), "{context}");
                        if let Some(w) = warning {
                            assert!(
                                w.starts_with("export holds the new export"),
                                "{context}: {w}"
                            );
                        }
                    }
                }
                assert!(
                    !interrupted(&out) || steps[n - 1] == "remove the journal",
                    "{context}"
                );
                assert_recovers(&out, &context);
            }
        }
        faults::without_exchange(false);
    }

    #[test]
    fn a_failed_exchange_says_export_was_left_as_it_was() {
        let (_dir, out) = workspace();
        let exchange = steps()
            .iter()
            .position(|s| *s == "exchange the directories")
            .unwrap();
        faults::plan(&[(exchange + 1, Fault::Fail)]);
        let e = replace_new(&out).unwrap_err();
        faults::clear();
        assert_eq!(
            e.to_string(),
            format!(
                "{}: could not switch to the new export: injected failure: exchange the directories; export was left as it was",
                out.display()
            )
        );
        assert_eq!(
            leftovers(&out),
            Vec::<String>::new(),
            "the new export is discarded"
        );
    }

    /// The worst case of the journal: the new export cannot be moved in, nor
    /// the old one back. The message says where both are, `--check`
    /// reports an interrupted export, and the next run restores it.
    #[test]
    fn when_neither_export_can_be_moved_in_the_message_says_where_both_are() {
        faults::without_exchange(true);
        let steps = steps();
        let at = |name| steps.iter().position(|s| *s == name).unwrap() + 1;
        let (_dir, out) = workspace();
        let move_in = at("move the new export in");
        faults::plan(&[(move_in, Fault::Fail), (move_in + 1, Fault::Fail)]);
        let e = replace_new(&out).unwrap_err().to_string();
        faults::clear();
        faults::without_exchange(false);
        let staging = leftovers(&out)
            .into_iter()
            .find(|n| n.starts_with(".export-new-"))
            .unwrap();
        assert!(
            e.ends_with(&format!(
                "export is missing: the previous export is in .export-old and the new one in {staging}; run `cargo xtask export` to restore export and try again"
            )),
            "{e}"
        );
        assert_eq!(tree(&out), None);
        assert!(interrupted(&out));
        assert_recovers(&out, "after both moves failed");
    }

    /// The steps of an uninterrupted replace.
    fn steps() -> Vec<&'static str> {
        let (_dir, out) = workspace();
        faults::plan(&[]);
        replace_new(&out).unwrap();
        faults::clear()
    }
}
