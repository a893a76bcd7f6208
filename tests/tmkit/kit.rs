//! `tmkit kit import`, end to end: a kit OmegaT 3.6 returned
//! (`tests/data/kit/returned`: the kit of `000_8103dfe14ac7aa7a` translated
//! by OmegaT from that document's own memory, saved by OmegaT), and broken
//! returns (`tests/data/kit/err`), each refused with the workspace unchanged.

use std::path::Path;

use super::{data, stderr, tmkit};

const DOCUMENT: &str = "000_8103dfe14ac7aa7a";

/// The fixture workspace with the document's English hidden.
fn workspace_waiting() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["seeds/fr", "seeds/en", "glossary"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        for entry in std::fs::read_dir(data("workspace").join(sub)).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, dir.path().join(sub).join(path.file_name().unwrap())).unwrap();
        }
    }
    std::fs::remove_file(dir.path().join(format!("seeds/en/{DOCUMENT}.txt"))).unwrap();
    dir
}

fn import(ws: &Path, project: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "kit",
        "import",
        project.to_str().unwrap(),
        "--workspace",
        ws.to_str().unwrap(),
    ];
    args.extend(extra);
    tmkit(&args, None)
}

#[test]
fn a_returned_omegat_project_becomes_the_english_line_for_line_and_its_pairs() {
    let ws = workspace_waiting();
    let out = import(ws.path(), &data("kit/returned"), &[]);
    let message = stderr(&out);
    assert!(out.status.success(), "{message}");
    let hidden =
        std::fs::read_to_string(data(&format!("workspace/seeds/en/{DOCUMENT}.txt"))).unwrap();
    let english =
        std::fs::read_to_string(ws.path().join(format!("seeds/en/{DOCUMENT}.txt"))).unwrap();
    let french =
        std::fs::read_to_string(ws.path().join(format!("seeds/fr/{DOCUMENT}.txt"))).unwrap();
    assert_eq!(
        english.lines().count(),
        french.lines().count(),
        "line for line"
    );
    // Every paragraph OmegaT translated whole is the hidden English; the
    // others are empty and reported.
    let mut empty = Vec::new();
    for (n, (got, want)) in english.lines().zip(hidden.lines()).enumerate() {
        if got.is_empty() && !want.is_empty() {
            empty.push(n + 1);
        } else {
            assert_eq!(got, want, "line {}", n + 1);
        }
    }
    assert_eq!(empty, [18, 53]);
    assert!(
        message.contains("left empty: French lines 18, 53"),
        "{message}"
    );
    let (_, pairs) =
        tmkit::tm::tmx::read_path(&ws.path().join(format!("seeds/pairs/{DOCUMENT}.fr-en.tmx")))
            .unwrap();
    assert!(pairs.len() > 60, "{}", pairs.len());
    assert!(
        pairs
            .iter()
            .all(|u| u.tuid().unwrap().starts_with(DOCUMENT))
    );
    // Returned twice: nothing changes.
    let again = import(ws.path(), &data("kit/returned"), &[]);
    assert!(again.status.success());
    assert!(
        stderr(&again).contains("already imported"),
        "{}",
        stderr(&again)
    );
    let after =
        std::fs::read_to_string(ws.path().join(format!("seeds/en/{DOCUMENT}.txt"))).unwrap();
    assert_eq!(after, english);
}

#[test]
fn a_dry_run_writes_nothing() {
    let ws = workspace_waiting();
    let out = import(ws.path(), &data("kit/returned"), &["--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!ws.path().join(format!("seeds/en/{DOCUMENT}.txt")).exists());
    assert!(!ws.path().join("seeds/pairs").exists());
}

#[test]
fn a_broken_return_is_refused_with_its_place_and_the_workspace_unchanged() {
    let cases = [
        (
            "changed-source.tmx",
            "unit 2: “- Projet de loi PEACE ou « lobby …” is no segment of",
        ),
        (
            "another-language.tmx",
            "unit 2: languages fr-FR, de-DE where fr-FR and en-GB are expected",
        ),
        (
            "translated-twice.tmx",
            "unit 3: “- Le plan de soft power du Kremlin …” is translated twice, differently (unit 1 and unit 3)",
        ),
        (
            "another-document.tmx",
            "none of its 1 segments is a segment of",
        ),
        (
            "entities.tmx",
            "entities.tmx:2:37: a DOCTYPE with an internal subset (entity declarations) is refused",
        ),
        (
            "truncated.tmx",
            "truncated.tmx:20:36: end of file inside a segment",
        ),
    ];
    for (file, expected) in cases {
        let ws = workspace_waiting();
        let path = data(&format!("kit/err/{file}"));
        let out = import(ws.path(), &path, &["--document", DOCUMENT]);
        let message = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{file}: {message}");
        assert!(message.contains(expected), "{file}: {message}");
        assert!(!message.contains("panicked"), "{file}: {message}");
        assert!(
            !ws.path().join(format!("seeds/en/{DOCUMENT}.txt")).exists(),
            "{file}"
        );
        assert!(!ws.path().join("seeds/pairs").exists(), "{file}");
    }
}

#[test]
fn a_kit_of_a_document_the_workspace_lacks_is_refused() {
    let ws = workspace_waiting();
    let out = import(
        ws.path(),
        &data("kit/err/another-document.tmx"),
        &["--document", "999_elsewhere"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no such document in the workspace"),
        "{}",
        stderr(&out)
    );
}

/// After an import the workspace takes the document's units from the
/// returned pairs, not from the aligner; a paragraph whose English changed
/// since is aligned again, with a warning.
#[test]
fn the_workspace_takes_returned_pairs_as_units_until_the_english_changes() {
    let ws = workspace_waiting();
    assert!(
        import(ws.path(), &data("kit/returned"), &[])
            .status
            .success()
    );
    let workspace = tmkit::workspace::Workspace::new(ws.path());
    let contents = workspace.load().unwrap();
    let document = contents
        .documents
        .iter()
        .find(|d| d.name == DOCUMENT)
        .unwrap();
    let beads = contents.beads_of(document);
    let (_, pairs) =
        tmkit::tm::tmx::read_path(&ws.path().join(format!("seeds/pairs/{DOCUMENT}.fr-en.tmx")))
            .unwrap();
    let returned: Vec<&str> = beads
        .iter()
        .filter(|b| b.unit.prop("x-origin") == Some("returned kit"))
        .map(|b| b.unit.tuid().unwrap())
        .collect();
    let expected: Vec<&str> = pairs.iter().map(|u| u.tuid().unwrap()).collect();
    assert_eq!(returned, expected);
    assert!(
        beads
            .iter()
            .filter(|b| b.unit.prop("x-origin").is_some())
            .all(|b| b.delivered())
    );
    assert!(contents.warnings.is_empty(), "{:?}", contents.warnings);
    // The English of line 2 edited by hand: its pairs are set aside.
    let path = ws.path().join(format!("seeds/en/{DOCUMENT}.txt"));
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[1] = format!("{} Edited.", lines[1]);
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let contents = workspace.load().unwrap();
    assert_eq!(contents.warnings.len(), 1, "{:?}", contents.warnings);
    assert!(contents.warnings[0].contains("the pairs of line 2 no longer match"));
    let document = contents
        .documents
        .iter()
        .find(|d| d.name == DOCUMENT)
        .unwrap();
    let line2 = format!("{DOCUMENT}:2:");
    assert!(contents.beads_of(document).iter().any(|b| {
        b.unit.tuid().unwrap().starts_with(&line2) && b.unit.prop("x-origin").is_none()
    }));
}

// ---- XLIFF returned from CAT tools ----

/// The English and the pairs a return leaves in a workspace.
fn english_and_pairs(ws: &Path) -> (String, Vec<(String, String, String)>) {
    let english =
        std::fs::read_to_string(ws.join(format!("seeds/en/{DOCUMENT}.txt"))).unwrap_or_default();
    let path = ws.join(format!("seeds/pairs/{DOCUMENT}.fr-en.tmx"));
    let pairs = if path.exists() {
        tmkit::tm::tmx::read_path(&path).unwrap().1
    } else {
        Vec::new()
    };
    let pairs = pairs
        .iter()
        .map(|u| {
            let text = |l| u.variant(l).map(|v| v.text()).unwrap_or_default();
            (u.tuid().unwrap().to_string(), text("fr-FR"), text("en-GB"))
        })
        .collect();
    (english, pairs)
}

/// `tests/data/kit/xliff`: the kit of the document filled from the same
/// translation as the OmegaT fixture, as memoQ (XLIFF 1.2 with `mq:`),
/// Trados (`sdl:`, a `g`, two sentences joined) and an XLIFF 2.1 tool (a
/// `pc`, an `mtc:matches` left in, one pre-filled segment not confirmed)
/// return it: the same English as the OmegaT project's, line for line.
#[test]
fn a_translated_xliff_gives_what_the_omegat_project_gives() {
    let omegat = workspace_waiting();
    assert!(
        import(omegat.path(), &data("kit/returned"), &[])
            .status
            .success()
    );
    let (english, pairs) = english_and_pairs(omegat.path());
    // memoQ: the same English and the same pairs; memoQ's own data set
    // aside and named.
    let ws = workspace_waiting();
    let out = import(ws.path(), &data("kit/xliff/memoq.xlf"), &[]);
    let message = stderr(&out);
    assert!(out.status.success(), "{message}");
    assert_eq!(
        english_and_pairs(ws.path()),
        (english.clone(), pairs.clone())
    );
    assert!(message.contains("not XLIFF, set aside (another tool's own data): <mq:historical-unit> ×60, mq:lastchangedtimestamp ×120, mq:status ×60"), "{message}");
    assert!(
        message.contains("left empty: French lines 18, 53"),
        "{message}"
    );
    // Trados: the same English; the sentences of line 3 joined into one
    // segment give no pairs (the workspace aligns that line).
    let ws = workspace_waiting();
    let out = import(ws.path(), &data("kit/xliff/trados.sdlxliff"), &[]);
    let message = stderr(&out);
    assert!(out.status.success(), "{message}");
    let (got, got_pairs) = english_and_pairs(ws.path());
    assert_eq!(got, english);
    let line3 = format!("{DOCUMENT}:3:");
    let without3: Vec<_> = pairs
        .iter()
        .filter(|(tuid, _, _)| !tuid.starts_with(&line3))
        .cloned()
        .collect();
    assert_eq!(got_pairs, without3);
    assert!(message.contains("translated whole, not sentence by sentence (segments joined, or a target for the paragraph): French line 3"), "{message}");
    assert!(message.contains("<sdl:seg-defs> ×60"), "{message}");
    let contents = tmkit::workspace::Workspace::new(ws.path()).load().unwrap();
    assert!(contents.warnings.is_empty(), "{:?}", contents.warnings);
    // XLIFF 2.1: the segment left as pre-filled is not taken without
    // --unconfirmed, and its line is reported; with it, the same result.
    let ws = workspace_waiting();
    let out = import(ws.path(), &data("kit/xliff/translated.xliff"), &[]);
    let message = stderr(&out);
    assert!(out.status.success(), "{message}");
    assert!(message.contains("1 segment(s) translated but not confirmed in the CAT tool (pre-filled matches the translator did not confirm), not taken: French line 5"), "{message}");
    assert!(
        message.contains("left empty: French lines 5, 18, 53"),
        "{message}"
    );
    assert!(
        !message.contains("set aside"),
        "XLIFF's own modules are no other tool's: {message}"
    );
    let (got, _) = english_and_pairs(ws.path());
    assert_eq!(got.lines().nth(4), Some(""));
    let out = import(
        ws.path(),
        &data("kit/xliff/translated.xliff"),
        &["--unconfirmed"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(english_and_pairs(ws.path()), (english, pairs));
}

/// A kit returned twice: nothing to write, said so; the files untouched.
#[test]
fn an_xliff_returned_twice_is_already_imported() {
    let ws = workspace_waiting();
    let kit = data("kit/xliff/memoq.xlf");
    assert!(import(ws.path(), &kit, &[]).status.success());
    let pairs = ws.path().join(format!("seeds/pairs/{DOCUMENT}.fr-en.tmx"));
    let before = std::fs::read(&pairs).unwrap();
    let again = import(ws.path(), &kit, &[]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(
        stderr(&again).contains("already imported"),
        "{}",
        stderr(&again)
    );
    assert_eq!(std::fs::read(&pairs).unwrap(), before);
}

/// English that is in the workspace and not from a kit (written or edited
/// by hand since) is never overwritten: a conflict, nothing written. What
/// a kit wrote before may be replaced by a later return of the kit.
#[test]
fn english_changed_in_between_is_a_conflict_never_overwritten() {
    let ws = workspace_waiting();
    let kit = data("kit/xliff/memoq.xlf");
    assert!(import(ws.path(), &kit, &[]).status.success());
    let path = ws.path().join(format!("seeds/en/{DOCUMENT}.txt"));
    let imported = std::fs::read_to_string(&path).unwrap();
    // The translator corrects line 1 and returns the kit again: taken.
    let corrected = std::fs::read_to_string(&kit).unwrap().replace(
        ">Aliyev–Putin meeting, Dushanbe<",
        ">Aliyev and Putin meet in Dushanbe<",
    );
    let dir = tempfile::tempdir().unwrap();
    let second = dir.path().join("memoq.xlf");
    std::fs::write(&second, corrected).unwrap();
    let out = import(ws.path(), &second, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let now = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        now.lines().next(),
        Some("Aliyev and Putin meet in Dushanbe")
    );
    // Line 2 edited by hand since: the kit's line 2 would overwrite it.
    let mut lines: Vec<String> = now.lines().map(str::to_string).collect();
    lines[1] = "A reviewer's own English for line 2.".to_string();
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let edited = std::fs::read(&path).unwrap();
    let out = import(ws.path(), &kit, &[]);
    let message = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{message}");
    assert!(message.contains("line 2: the English “A reviewer's own English for line 2.” is in the workspace, not from a kit, and the kit returns “At the CIS summit in Dushanbe, a long-awaited …”: a conflict, not overwritten"), "{message}");
    assert_eq!(std::fs::read(&path).unwrap(), edited);
    assert_ne!(imported, String::from_utf8(edited).unwrap());
}

/// `tests/data/kit/xliff/err/NAME.xlf|xliff` + `NAME.expected`: broken
/// returns and the exact error (`UPDATE_EXPECT=1` refreshes them), each
/// refused with exit status 1 and the workspace unchanged.
#[test]
fn broken_xliff_returns_give_the_expected_errors() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(data("kit/xliff/err"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "expected"))
        .collect();
    files.sort();
    assert!(files.len() >= 15, "{} fixtures", files.len());
    let root = format!("{}/", data("").display().to_string().trim_end_matches('/'));
    for path in files {
        let ws = workspace_waiting();
        let out = import(ws.path(), &path, &[]);
        let shown = stderr(&out)
            .trim_end()
            .replace(&root, "")
            .replace(&ws.path().display().to_string(), "WORKSPACE");
        if out.status.code() != Some(1) || shown.contains("panicked") {
            failures.push(format!("{}: {:?} {shown}", path.display(), out.status));
        }
        if ws.path().join(format!("seeds/en/{DOCUMENT}.txt")).exists()
            || ws.path().join("seeds/pairs").exists()
        {
            failures.push(format!("{}: the workspace changed", path.display()));
        }
        super::check_expected(&path, &shown, update, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The glossary check runs on the returned translation: a term translated
/// against the glossary is reported, the import goes on.
#[test]
fn the_glossary_check_reads_the_returned_xliff() {
    let ws = workspace_waiting();
    let text = std::fs::read_to_string(data("kit/xliff/trados.sdlxliff"))
        .unwrap()
        .replace(
            ">Aliyev–Putin meeting, Dushanbe<",
            ">Aliyev–Putin meeting, Duschanbe<",
        );
    let dir = tempfile::tempdir().unwrap();
    let kit = dir.path().join(format!("{DOCUMENT}.sdlxliff"));
    std::fs::write(&kit, text).unwrap();
    let out = import(ws.path(), &kit, &[]);
    let message = stderr(&out);
    assert!(out.status.success(), "{message}");
    assert!(
        message.contains("glossary: 000_8103dfe14ac7aa7a:1"),
        "{message}"
    );
    assert!(message.contains("Dushanbe"), "{message}");
    assert!(message.contains("glossary: 1 violation(s)"), "{message}");
}

/// A path that is no kit is named, with what a kit is.
#[test]
fn a_path_that_is_no_kit_is_refused_with_what_a_kit_is() {
    let ws = workspace_waiting();
    let missing = ws.path().join("returned.xlf");
    let out = import(ws.path(), &missing, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("returned.xlf: no such file or folder"),
        "{}",
        stderr(&out)
    );
    let text = ws.path().join("notes.txt");
    std::fs::write(&text, "hello\n").unwrap();
    let out = import(ws.path(), &text, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("notes.txt: not a returned kit: give an OmegaT project folder, its omegat/project_save.tmx, or a translated XLIFF"), "{}", stderr(&out));
}
