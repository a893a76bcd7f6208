//! The workspace, whatever documents it holds: the repository's own
//! (invariants, no counts) and scratch copies to which documents are added,
//! translated, partly translated or waiting for translation
//! (`tests/data/documents`).

use std::path::{Path, PathBuf};

use tmkit::export::{check, export};
use tmkit::workspace::{State, Workspace};

fn repository() -> Workspace {
    Workspace::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every paragraph a document of `workspace` translates gives at least one
/// unit with both sides; loading checks that each translation keeps to the
/// convention.
fn assert_every_translated_document_aligns(workspace: &Workspace) {
    let contents = workspace.load().unwrap_or_else(|e| panic!("{e}"));
    for document in &contents.documents {
        let beads = contents.beads_of(document);
        for group in document
            .correspondence
            .groups
            .iter()
            .filter(|g| g.is_pair())
        {
            let i = group.fr[0];
            let line = document.french.paragraphs[i].line;
            let prefix = format!("{}:{line}:", document.name);
            assert!(
                beads
                    .iter()
                    .any(|b| b.pair && b.unit.tuid().unwrap().starts_with(&prefix)),
                "{}: line {line} is translated but gave no unit",
                document.file_name()
            );
        }
    }
}

#[test]
fn every_translated_document_of_the_workspace_aligns() {
    assert_every_translated_document_aligns(&repository());
}

#[test]
fn the_export_is_up_to_date() {
    let drift = check(&repository()).unwrap();
    assert!(
        drift.is_empty(),
        "export/ is stale, run `cargo xtask export`:\n{}",
        drift
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// A copy of the repository's inputs (seeds, glossary) in a fresh directory
/// (not a git checkout: the export is undated).
fn scratch_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for sub in ["seeds/fr", "seeds/en", "glossary"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        for entry in std::fs::read_dir(root.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, dir.path().join(sub).join(path.file_name().unwrap())).unwrap();
        }
    }
    dir
}

/// Adds the fixture document `name` in `languages` to the workspace at
/// `root`.
fn add(root: &Path, name: &str, languages: &[&str]) {
    for lang in languages {
        let dir = root.join("seeds").join(lang);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(
            super::data(&format!("documents/{lang}/{name}")),
            dir.join(name),
        )
        .unwrap();
    }
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn export_twice_gives_the_same_bytes() {
    let dir = scratch_workspace();
    let ws = Workspace::new(dir.path());
    export(&ws, &mut |_| {}).unwrap();
    let first = snapshot(&ws.export_dir());
    export(&ws, &mut |_| {}).unwrap();
    assert_eq!(snapshot(&ws.export_dir()), first);
    assert!(check(&ws).unwrap().is_empty());
}

/// The units of a TMX of the export: (tuid, x-document).
fn units(tmx: &Path) -> Vec<(String, String)> {
    let (_, units) = tmkit::tm::tmx::read_path(tmx).unwrap();
    units
        .iter()
        .map(|u| {
            (
                u.tuid().unwrap().to_string(),
                u.prop("x-document").unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn documents_translated_partly_translated_and_waiting_are_exported_as_they_stand() {
    let dir = scratch_workspace();
    add(dir.path(), "900_tramway.txt", &["fr", "en"]);
    add(dir.path(), "901_bibliotheque.txt", &["fr", "en"]);
    add(dir.path(), "902_crue.txt", &["fr"]);
    let ws = Workspace::new(dir.path());
    assert_every_translated_document_aligns(&ws);
    let contents = ws.load().unwrap();
    let state = |name: &str| {
        let d = contents.documents.iter().find(|d| d.name == name).unwrap();
        (d.state(), d.untranslated_lines())
    };
    assert_eq!(state("900_tramway"), (State::Translated, vec![]));
    // Line 3 faces an empty English line; the English stops after line 5.
    assert_eq!(state("901_bibliotheque"), (State::Partly, vec![3, 6, 7]));
    assert_eq!(state("902_crue"), (State::Waiting, vec![1, 2, 3, 4]));

    let exported = export(&ws, &mut |_| {}).unwrap();
    assert!(exported.warnings.is_empty());
    let out = ws.export_dir();
    let readme = std::fs::read_to_string(out.join("README.md")).unwrap();
    for row in [
        "| `seeds/fr/900_tramway.txt` | translated | 5 of 5 | 8 | 0 |",
        "| `seeds/fr/901_bibliotheque.txt` | partly translated: lines 3, 6–7 not yet | 4 of 7 | 4 | 0 |",
        "| `seeds/fr/902_crue.txt` | waiting for translation | 0 of 4 | 0 | 0 |",
    ] {
        assert!(readme.contains(row), "{row} not in\n{readme}");
    }
    assert!(readme.contains("\"A document waiting for translation\""));
    // Every French document is segmented; only what is translated is in a
    // memory, each document's own and the whole one.
    for name in ["900_tramway", "901_bibliotheque", "902_crue"] {
        assert!(out.join(format!("segments/{name}.txt")).is_file(), "{name}");
    }
    assert!(!out.join("tm/902_crue.fr-en.tmx").exists());
    let partly = units(&out.join("tm/901_bibliotheque.fr-en.tmx"));
    let lines: Vec<&str> = partly
        .iter()
        .map(|(tuid, _)| tuid.split(':').nth(1).unwrap())
        .collect();
    assert_eq!(lines, ["1", "2", "4", "5"]);
    let all = units(&out.join("tm/seeds.fr-en.tmx"));
    for name in ["900_tramway", "901_bibliotheque"] {
        let of = all.iter().filter(|(_, d)| d == name).count();
        let own = units(&out.join(format!("tm/{name}.fr-en.tmx"))).len();
        assert_eq!(of, own, "{name}");
    }
    assert!(all.iter().all(|(_, d)| d != "902_crue"));
    assert!(check(&ws).unwrap().is_empty());
}

/// A workspace of one fixture document, its English written as `english`.
fn one_document(english: &str) -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    add(dir.path(), "900_tramway.txt", &["fr"]);
    std::fs::create_dir_all(dir.path().join("seeds/en")).unwrap();
    std::fs::write(dir.path().join("seeds/en/900_tramway.txt"), english).unwrap();
    let ws = Workspace::new(dir.path());
    (dir, ws)
}

#[test]
fn an_empty_english_file_is_a_translation_not_started() {
    let (_dir, ws) = one_document("");
    let contents = ws.load().unwrap();
    assert_eq!(contents.documents[0].state(), State::Waiting);
    assert!(contents.beads.is_empty());
}

/// The document of a one-document workspace, loaded, and its export's
/// README.
fn loaded_and_exported(ws: &Workspace) -> (tmkit::workspace::Contents, String) {
    let contents = ws.load().unwrap_or_else(|e| panic!("{e}"));
    export(ws, &mut |_| {}).unwrap();
    let readme = std::fs::read_to_string(ws.export_dir().join("README.md")).unwrap();
    (contents, readme)
}

#[test]
fn english_text_facing_a_blank_french_line_is_aligned_and_reported() {
    let english = std::fs::read_to_string(super::data("documents/en/900_tramway.txt")).unwrap();
    let (_dir, ws) = one_document(&english.replacen("\n\n", "\nOne line too many.\n", 1));
    let (contents, readme) = loaded_and_exported(&ws);
    let d = &contents.documents[0];
    assert_eq!(d.state(), State::Translated);
    let divergence = d.correspondence.divergence.as_deref().unwrap();
    assert!(divergence.contains("at lines 2–3"), "{divergence}");
    assert!(
        readme.contains(
            "`seeds/en/900_tramway.txt` does not keep to one English line per French line"
        ),
        "{readme}"
    );
    // The line too many is in no unit the memory delivers.
    let delivered: Vec<String> = contents
        .beads
        .iter()
        .filter(|b| b.delivered())
        .map(|b| b.english())
        .collect();
    assert!(
        delivered.iter().all(|e| !e.contains("One line too many")),
        "{delivered:?}"
    );
    let tmx = std::fs::read_to_string(ws.export_dir().join("tm/seeds.fr-en.tmx")).unwrap();
    assert!(!tmx.contains("One line too many"));
    let review =
        std::fs::read_to_string(ws.export_dir().join("tm/review/seeds.fr-en.tmx")).unwrap();
    assert!(review.contains("One line too many"), "{review}");
    assert!(readme.contains("## Units to check"), "{readme}");
}

#[test]
fn english_beyond_the_french_is_aligned_and_reported() {
    let english = std::fs::read_to_string(super::data("documents/en/900_tramway.txt")).unwrap();
    let (_dir, ws) = one_document(&format!("{english}A seventh line that the French lacks.\n"));
    let (contents, readme) = loaded_and_exported(&ws);
    let divergence = contents.documents[0]
        .correspondence
        .divergence
        .as_deref()
        .unwrap();
    assert!(divergence.contains("lines 6–7"), "{divergence}");
    assert!(readme.contains("does not keep to one English line per French line"));
    let tmx = std::fs::read_to_string(ws.export_dir().join("tm/seeds.fr-en.tmx")).unwrap();
    assert!(!tmx.contains("A seventh line"));
}

#[test]
fn a_paragraph_left_out_of_the_english_is_untranslated_and_the_rest_aligns_line_for_line() {
    let english = std::fs::read_to_string(super::data("documents/en/900_tramway.txt")).unwrap();
    let mut lines: Vec<&str> = english.lines().collect();
    lines.remove(3);
    let (_dir, ws) = one_document(&(lines.join("\n") + "\n"));
    let (contents, readme) = loaded_and_exported(&ws);
    let d = &contents.documents[0];
    assert_eq!(d.state(), State::Partly);
    assert_eq!(d.untranslated_lines(), [4]);
    assert!(
        d.correspondence.divergence.as_deref().unwrap().starts_with("the French paragraph at line 4 (“Le chantier a coûté 212 millions …”) has no English counterpart"),
        "{:?}",
        d.correspondence.divergence
    );
    assert!(
        readme.contains("partly translated: line 4 not yet"),
        "{readme}"
    );
    assert!(
        contents.beads.iter().all(|b| !b.weak),
        "every other paragraph pairs one for one"
    );
}

#[test]
fn bad_input_fails_the_export_and_leaves_the_previous_one_untouched() {
    let (dir, ws) = one_document(
        &std::fs::read_to_string(super::data("documents/en/900_tramway.txt")).unwrap(),
    );
    export(&ws, &mut |_| {}).unwrap();
    let out = ws.export_dir();
    let before = snapshot(&out);

    let glossary = dir.path().join("glossary/fr-en.csv");
    std::fs::create_dir_all(glossary.parent().unwrap()).unwrap();
    std::fs::write(
        &glossary,
        "fr-FR,en-GB,id,type,status\ntramway,tram,tramway,term,approved\nrame,tram,rame,term,aprouved\n",
    )
    .unwrap();
    let err = export(&ws, &mut |_| {}).unwrap_err().to_string();
    assert!(
        err.contains("row 3, column 5: unknown status \"aprouved\""),
        "{err}"
    );
    assert_eq!(snapshot(&out), before);
    std::fs::remove_file(&glossary).unwrap();

    let english = dir.path().join("seeds/en/900_tramway.txt");
    std::fs::write(&english, b"Villeneuve\xe2 tram.\n").unwrap();
    let err = export(&ws, &mut |_| {}).unwrap_err().to_string();
    assert!(err.contains("seeds/en/900_tramway.txt:1:"), "{err}");
    assert_eq!(snapshot(&out), before);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
