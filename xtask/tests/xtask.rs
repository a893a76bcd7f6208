//! `cargo xtask` as a person runs it: on the repository it is run in, with
//! its jobs listed by `--help`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn xtask(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A copy of tmkit's fixture workspace (`tests/data/workspace`).
fn scratch_workspace() -> tempfile::TempDir {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/workspace");
    let dir = tempfile::tempdir().unwrap();
    for sub in ["seeds/fr", "seeds/en", "glossary"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        for entry in std::fs::read_dir(fixture.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, dir.path().join(sub).join(path.file_name().unwrap())).unwrap();
        }
    }
    dir
}

fn git(dir: &Path, args: &[&str]) {
    let o = Command::new("git")
        .args([
            "-c",
            "user.name=tmkit",
            "-c",
            "user.email=tmkit@example.org",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "git {args:?}: {}", stderr(&o));
}

#[test]
fn help_lists_the_jobs_and_exits_0() {
    let o = xtask(Path::new("."), &["--help"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let help = String::from_utf8(o.stdout).unwrap();
    for job in [
        "export",
        "eval",
        "interop",
        "terms-eval",
        "align-eval",
        "transread",
        "--workspace",
    ] {
        assert!(help.contains(job), "{job} not in {help}");
    }
}

#[test]
fn jobs_work_on_the_git_checkout_they_are_run_in() {
    let ws = scratch_workspace();
    git(ws.path(), &["init", "-q"]);
    git(ws.path(), &["add", "."]);
    git(ws.path(), &["commit", "-q", "-m", "seeds"]);
    // From a directory inside the checkout, as `cargo xtask` runs there.
    let inside = ws.path().join("seeds/fr");
    let o = xtask(&inside, &["export"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(ws.path().join("export/README.md").is_file());
    let tmx = std::fs::read_to_string(ws.path().join("export/tm/seeds.fr-en.tmx")).unwrap();
    assert!(
        tmx.contains("creationdate=\""),
        "dated by the checkout's HEAD"
    );
    let o = xtask(&inside, &["export", "--check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("export/ is up to date"));
    // A change to this checkout makes its export stale, whatever the
    // repository the binary was built in.
    std::fs::remove_file(ws.path().join("seeds/en/001_4a379577d075ae0b.txt")).unwrap();
    let o = xtask(&inside, &["export", "--check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("export/README.md: stale"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn workspace_names_the_workspace_from_anywhere() {
    let ws = scratch_workspace();
    let elsewhere = tempfile::tempdir().unwrap();
    let dir = ws.path().to_str().unwrap();
    let o = xtask(elsewhere.path(), &["--workspace", dir, "export"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = xtask(elsewhere.path(), &["export", "--check", "--workspace", dir]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = xtask(elsewhere.path(), &["export"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("neither in a git checkout nor in a workspace (a directory with seeds/): run from the workspace, or give --workspace DIR"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_interrupted_export_is_reported_by_check_and_finished_by_the_next_export() {
    let ws = scratch_workspace();
    let dir = ws.path().to_str().unwrap();
    assert!(
        xtask(ws.path(), &["--workspace", dir, "export"])
            .status
            .success()
    );
    // What a journal switch killed after moving export/ aside leaves.
    let out: PathBuf = ws.path().join("export");
    std::fs::rename(&out, ws.path().join(".export-old")).unwrap();
    std::fs::write(ws.path().join(".export-journal"), "switching\n").unwrap();
    let o = xtask(ws.path(), &["--workspace", dir, "export", "--check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).ends_with("xtask: error: export/: interrupted: run `cargo xtask export`\n"),
        "{}",
        stderr(&o)
    );
    let o = xtask(ws.path(), &["--workspace", dir, "export"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        xtask(ws.path(), &["--workspace", dir, "export", "--check"])
            .status
            .success()
    );
    let hidden: Vec<_> = std::fs::read_dir(ws.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().starts_with('.'))
        .collect();
    assert!(hidden.is_empty(), "{hidden:?}");
}
