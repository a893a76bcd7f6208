//! The inputs `cargo xtask fuzz` found (`tests/data/fuzz/regressions/`),
//! replayed as the fuzzer ran them: the same target commands and limits,
//! with a wall time generous enough for a debug build.

#[allow(dead_code)]
#[path = "../../xtask/src/fuzz_target.rs"]
mod fuzz_target;

use std::path::Path;
use std::time::Duration;

#[test]
fn every_kept_fuzz_finding_now_passes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmkit = Path::new(env!("CARGO_BIN_EXE_tmkit"));
    match fuzz_target::replay(root, tmkit, Duration::from_secs(60)) {
        Ok(n) => eprintln!("{n} fuzz regression(s) replayed"),
        Err(e) => panic!("{e:#}"),
    }
}

/// Every target's seeds exist and its command runs on them: a target that
/// names no seed, or arguments tmkit refuses (exit status 2), would fuzz
/// nothing.
#[test]
fn every_fuzz_target_runs_on_a_seed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmkit = Path::new(env!("CARGO_BIN_EXE_tmkit"));
    let scratch = tempfile::tempdir().unwrap();
    let targets = fuzz_target::targets(root).unwrap();
    assert!(targets.len() >= 10);
    for t in &targets {
        let first = fuzz_target::seeds(root, t, usize::MAX).unwrap().remove(0);
        let outcome = fuzz_target::run_one(
            tmkit,
            root,
            t,
            &first,
            scratch.path(),
            Duration::from_secs(60),
        )
        .unwrap();
        assert!(
            matches!(outcome, fuzz_target::Outcome::Normal(_)),
            "{}: {outcome:?}",
            t.name
        );
    }
}
