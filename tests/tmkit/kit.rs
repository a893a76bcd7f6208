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
        stderr(&again).contains("English unchanged"),
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
            "unit 3: “- Le plan de soft power du Kremlin …” is translated twice, differently (units 1 and 3)",
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
            "truncated.tmx:20:38: end of file inside a segment",
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
