//! `tmkit glossary review`, `import` and `export` end to end, as a
//! terminologist and a translator run them. Sheets under
//! `tests/data/glossary/review/` are saved as spreadsheets save them.

use std::path::{Path, PathBuf};

use super::{assert_fails, data, stderr, tmkit};

/// The fixture workspace's curated glossary (a copy of the repository's
/// when the tests were written, with the seeds it was made for).
const CURATED: &str = "tests/data/workspace/glossary/fr-en.csv";
/// The fixture workspace.
const WORKSPACE: &str = "tests/data/workspace";

/// A copy of `glossary` in a fresh directory, to import into.
fn scratch(glossary: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fr-en.csv");
    std::fs::copy(glossary, &path).unwrap();
    (dir, path)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn review(glossary: &Path, out: &Path, flags: &[&str]) {
    let mut args = vec![
        "glossary",
        "review",
        "--glossary",
        s(glossary),
        "-o",
        s(out),
    ];
    if !flags.contains(&"--workspace") {
        args.extend(["--workspace", WORKSPACE]);
    }
    args.extend(flags);
    let o = tmkit(&args, None);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// `tmkit glossary export -o X.tbx` (the format from the extension), with
/// the fixture workspace's seeds.
fn export_tbx(glossary: &Path, tbx: &Path) {
    assert!(tbx.extension().is_some_and(|e| e == "tbx"));
    let o = tmkit(
        &[
            "glossary",
            "export",
            "--glossary",
            s(glossary),
            "--workspace",
            WORKSPACE,
            "-o",
            s(tbx),
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

fn import(sheet: &Path, glossary: &Path, flags: &[&str]) -> std::process::Output {
    let mut args = vec!["glossary", "import", s(sheet), "--glossary", s(glossary)];
    args.extend(flags);
    tmkit(&args, None)
}

#[test]
fn review_then_import_without_edits_changes_nothing_byte_for_byte() {
    let (dir, glossary) = scratch(CURATED);
    let before = std::fs::read(&glossary).unwrap();
    for flags in [&[][..], &["--excel"], &["--excel", "--delimiter", ";"]] {
        let sheet = dir.path().join("review.csv");
        review(&glossary, &sheet, flags);
        let o = import(&sheet, &glossary, &[]);
        assert!(o.status.success(), "{}", stderr(&o));
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(out.contains("added 0, changed 0"), "{out}");
        assert!(out.ends_with("nothing to change\n"), "{out}");
        assert_eq!(std::fs::read(&glossary).unwrap(), before);
    }
}

#[test]
fn review_rows_carry_counts_contexts_and_candidates_with_their_proposals() {
    let (dir, glossary) = scratch(CURATED);
    let sheet = dir.path().join("review.csv");
    review(&glossary, &sheet, &[]);
    let mut reader = csv::Reader::from_path(&sheet).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "fr-FR",
            "en-GB",
            "status",
            "type",
            "count",
            "documents",
            "fr-FR variants",
            "en-GB variants",
            "fr-FR deprecated",
            "en-GB deprecated",
            "fr-FR expansion",
            "en-GB expansion",
            "fr-FR context",
            "en-GB context",
            "proposal",
            "evidence",
            "note",
            "id",
            "base"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let row = |fr: &str| rows.iter().find(|r| &r[0] == fr).unwrap();
    let cei = row("CEI");
    assert_eq!((&cei[1], &cei[2], &cei[3]), ("CIS", "approved", "acronym"));
    assert!(
        cei[12].contains("CEI") && cei[13].contains("CIS"),
        "{cei:?}"
    );
    assert_eq!(&cei[15], "the translation uses it in 1 of 1 aligned units");
    // A candidate: undecided, with its proposal and the sentence it was read from.
    let candidate = rows
        .iter()
        .find(|r| r[2].is_empty() && !r[14].is_empty())
        .unwrap();
    assert_eq!(&candidate[1], &candidate[14]);
    assert!(!candidate[15].is_empty());
    assert!(
        rows.iter()
            .all(|r| r.iter().all(|c| !c.contains(['\n', '\t'])))
    );
}

#[test]
fn the_excel_flavour_has_a_bom_crlf_and_every_field_quoted() {
    let (dir, glossary) = scratch("tests/data/glossary/small.csv");
    let sheet = dir.path().join("review.csv");
    review(
        &glossary,
        &sheet,
        &["--excel", "--delimiter", ";", "--workspace", s(dir.path())],
    );
    let text = std::fs::read_to_string(&sheet).unwrap();
    assert!(
        text.starts_with("\u{feff}\"fr-FR\";\"en-GB\";\"status\";"),
        "{text}"
    );
    assert!(
        text.contains("\r\n\"avion de ligne\";\"airliner\";\"approved\";\"term\";\"0\";\"0\";")
    );
    assert_eq!(text.matches('\n').count(), 4);
    assert_eq!(text.matches("\r\n").count(), 4);
}

#[test]
fn import_applies_the_reviewers_decisions_and_keeps_untouched_rows() {
    let (_dir, glossary) = scratch("tests/data/glossary/small.csv");
    let sheet = data("glossary/review/edited.csv");
    let o = import(&sheet, &glossary, &["--dry-run"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(&glossary).unwrap(),
        std::fs::read("tests/data/glossary/small.csv").unwrap(),
        "--dry-run wrote"
    );
    let o = import(&sheet, &glossary, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    let expected = data("glossary/review/edited.expected.csv");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::copy(&glossary, &expected).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(&glossary).unwrap(),
        std::fs::read_to_string(&expected).unwrap()
    );
    assert!(
        out.ends_with(
            "added 2, changed 1, approved 1, rejected 0, unchanged 2, undecided candidates 1: "
        ) || out.contains(
            "added 2, changed 1, approved 1, rejected 0, unchanged 2, undecided candidates 1: "
        ),
        "{out}"
    );
    assert!(
        out.contains("row 3: changed defense-aerienne: status \"approved\" → \"proposed\""),
        "{out}"
    );
    assert!(out.contains("row 5: added ligne-ferroviaire"), "{out}");
    assert!(out.contains("row 7: added pression"), "{out}");
}

#[test]
fn columns_are_matched_by_name_in_any_order() {
    let (_dir, glossary) = scratch("tests/data/glossary/small.csv");
    let o = import(
        &data("glossary/review/english-first.csv"),
        &glossary,
        &["--as-new"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&glossary).unwrap();
    assert!(
        text.contains("\nDouchanbé,Dushanbe,douchanbe,name,rejected,,,,,\n"),
        "{text}"
    );
}

#[test]
fn bad_sheets_are_reported_with_row_and_column_and_change_nothing() {
    for (sheet, messages) in [
        (
            "windows-1252.csv",
            &["windows-1252.csv: line 2, character 9: not UTF-8: byte 0xE9 is “é” in Windows-1252"]
                [..],
        ),
        (
            "truncated.csv",
            &["truncated.csv: row 3: the file ends inside a quoted cell: it is truncated"],
        ),
        (
            "too-many-fields.csv",
            &[
                "too-many-fields.csv: row 2, column 6: 6 fields where the header has 5: quote cells that contain the delimiter ','",
            ],
        ),
        (
            "duplicate-ids.csv",
            &["duplicate-ids.csv: row 3, column 3: id \"douchanbe\" is also the id of row 2"],
        ),
        (
            "unknown-status.csv",
            &[
                "unknown-status.csv: row 2, column 4: unknown status \"approuvé\": use approved, proposed or rejected",
                "unknown-status.csv: row 3, column 4: unknown status \"validé\"",
            ],
        ),
        (
            "unmapped-header.csv",
            &[
                "unmapped-header.csv: row 1, column 2: header \"de-DE\" names a language this French→English glossary does not have",
                "unmapped-header.csv: row 1: no English column",
            ],
        ),
        (
            "conflict.csv",
            &[
                "conflict.csv: row 3, column 2: \"Sommet\" is approved as \"top meeting\" here and as \"summit\" in row 2: keep one",
            ],
        ),
    ] {
        let (_dir, glossary) = scratch("tests/data/glossary/small.csv");
        // Hand-made tables, not sheets tmkit wrote, are taken as new
        // decisions; conflict.csv is a review sheet with its base.
        let flags: &[&str] = if sheet == "conflict.csv" {
            &[]
        } else {
            &["--as-new"]
        };
        let o = import(&data(&format!("glossary/review/{sheet}")), &glossary, flags);
        for m in messages {
            assert_fails(&o, m);
        }
        assert_eq!(
            std::fs::read(&glossary).unwrap(),
            std::fs::read("tests/data/glossary/small.csv").unwrap(),
            "{sheet} changed the glossary"
        );
    }
}

#[test]
fn export_tsv_is_omegats_three_columns_without_a_header() {
    let o = tmkit(
        &[
            "glossary",
            "export",
            "--format",
            "tsv",
            "--glossary",
            "tests/data/glossary/small.csv",
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "avion de ligne\tairliner\talso: airliners\n\
         défense aérienne\tair defence\tUS: air defense\n\
         Douchanbé\tDushanbe\t\n"
    );
    assert!(stderr(&o).contains("3 entries"));
}

#[test]
fn a_tbx_export_imports_back_without_a_change_and_v3_is_refused() {
    let (dir, glossary) = scratch(CURATED);
    let tbx = dir.path().join("fr-en.tbx");
    export_tbx(&glossary, &tbx);
    let text = std::fs::read_to_string(&tbx).unwrap();
    assert_eq!(text.matches("<termEntry ").count(), 126);
    assert!(
        text.contains("<descrip type=\"context\">"),
        "contexts from the seeds"
    );
    let before = std::fs::read(&glossary).unwrap();
    let o = import(&tbx, &glossary, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("unchanged 126"));
    assert_eq!(std::fs::read(&glossary).unwrap(), before);

    let o = import(&data("glossary/tbx/v3.tbx"), &glossary, &[]);
    assert_fails(
        &o,
        "TBX v3 (ISO 30042:2019) is not supported: export the termbase as TBX v2",
    );
    assert_eq!(std::fs::read(&glossary).unwrap(), before);
}

#[test]
fn a_client_termbase_is_merged_as_new_entries() {
    let (_dir, glossary) = scratch("glossary/fr-en.csv");
    let o = import(&data("glossary/tbx/client-multiterm.tbx"), &glossary, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("added "), "{out}");
    let text = std::fs::read_to_string(&glossary).unwrap();
    assert!(text.starts_with(&std::fs::read_to_string("glossary/fr-en.csv").unwrap()));
    // Its deprecated English terms are forms to avoid, not a rejected entry.
    assert!(
        text.contains("\npreneur,,preneur,term,proposed,,,taker|lessee,,,\n"),
        "{text}"
    );
}

#[test]
fn a_glossary_without_a_deprecated_column_takes_no_deprecated_form() {
    let (_dir, glossary) = scratch("tests/data/glossary/small.csv");
    let o = import(&data("glossary/tbx/client-multiterm.tbx"), &glossary, &[]);
    assert_fails(
        &o,
        "has no column for the English deprecated forms this row gives: add the column to it first",
    );
}

#[test]
fn a_tbx_termbase_serves_as_the_glossary_of_the_qa_check() {
    let (dir, glossary) = scratch(CURATED);
    let tbx = dir.path().join("fr-en.tbx");
    export_tbx(&glossary, &tbx);
    let check = |g: &Path| {
        let o = tmkit(
            &[
                "glossary",
                "check",
                "--glossary",
                s(g),
                "tests/data/glossary/seeds.fr-en.tmx",
            ],
            None,
        );
        assert!(o.status.success(), "{}", stderr(&o));
        stderr(&o)
    };
    assert_eq!(check(&tbx), check(&glossary));
}

#[test]
fn a_control_character_or_non_character_in_a_sheet_or_a_termbase_is_refused_where_it_is() {
    let (dir, glossary) = scratch("tests/data/glossary/small.csv");
    let before = std::fs::read(&glossary).unwrap();
    let sheet = dir.path().join("review.csv");
    review(&glossary, &sheet, &["--workspace", s(dir.path())]);
    let text = std::fs::read_to_string(&sheet).unwrap();
    for (bad, message) in [
        (
            "air\u{1}liner",
            "row 2, column 2: control character U+0001 in the English term",
        ),
        (
            "air\u{0}liner",
            "row 2, column 2: control character U+0000 in the English term",
        ),
        (
            "air\u{FFFF}liner",
            "row 2, column 2: non-character U+FFFF in the English term",
        ),
    ] {
        std::fs::write(&sheet, text.replacen("airliner", bad, 1)).unwrap();
        assert_fails(&import(&sheet, &glossary, &[]), message);
        assert_eq!(std::fs::read(&glossary).unwrap(), before);
    }
    let tbx = dir.path().join("client.tbx");
    std::fs::write(
        &tbx,
        "<?xml version=\"1.0\"?>\n<martif type=\"TBX\" xml:lang=\"en\"><text><body>\n\
         <termEntry><langSet xml:lang=\"fr\"><tig><term>bail</term></tig></langSet>\n\
         <langSet xml:lang=\"en\"><tig><term>lea\u{FFFE}se</term></tig></langSet></termEntry>\n\
         </body></text></martif>\n",
    )
    .unwrap();
    assert_fails(
        &import(&tbx, &glossary, &[]),
        "client.tbx:3: non-character U+FFFE in the English term",
    );
    assert_eq!(std::fs::read(&glossary).unwrap(), before);
}

/// `sheet` with the cell of `header` in the row of the French term `fr`
/// set to `value`, saved as a reviewer's spreadsheet would (git flavour).
fn edit(sheet: &Path, fr: &str, header: &str, value: &str, to: &Path) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(sheet)
        .unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let column = rows[0].iter().position(|h| h == header).unwrap();
    let mut out = csv::Writer::from_path(to).unwrap();
    for row in &rows {
        let mut cells: Vec<&str> = row.iter().collect();
        if row.get(0) == Some(fr) {
            cells[column] = value;
        }
        out.write_record(&cells).unwrap();
    }
    out.flush().unwrap();
}

#[test]
fn two_reviewers_sheets_of_one_export_both_land_and_a_cell_both_edited_waits_for_a_choice() {
    let (dir, glossary) = scratch("tests/data/glossary/small.csv");
    let sheet = dir.path().join("review.csv");
    review(&glossary, &sheet, &["--workspace", s(dir.path())]);
    let (a, b, b2) = (
        dir.path().join("a.csv"),
        dir.path().join("b.csv"),
        dir.path().join("b2.csv"),
    );
    edit(&sheet, "avion de ligne", "note", "A's note", &a);
    edit(&sheet, "Douchanbé", "status", "proposed", &b2);
    edit(&b2, "avion de ligne", "note", "B's note", &b);
    let o = import(&a, &glossary, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let after_a = std::fs::read_to_string(&glossary).unwrap();

    // B's note is a conflict: nothing of B is written.
    let o = import(&b, &glossary, &[]);
    assert_fails(
        &o,
        "row 2, column 17: avion de ligne (avion-de-ligne), note: the glossary has \"A's note\" since the export, the sheet \"B's note\"",
    );
    assert!(stderr(&o).contains("--keep-glossary or --take-sheet"));
    assert_eq!(std::fs::read_to_string(&glossary).unwrap(), after_a);

    // One by one: the list is written, filled in, and the import runs again.
    let list = dir.path().join("conflicts.csv");
    let o = import(&b, &glossary, &["--conflicts", s(&list)]);
    assert_fails(&o, "1 conflict(s) written to");
    assert_eq!(std::fs::read_to_string(&glossary).unwrap(), after_a);
    let text = std::fs::read_to_string(&list).unwrap();
    assert_eq!(
        text,
        "row,column,id,fr-FR,field,glossary,sheet,choice\n2,17,avion-de-ligne,avion de ligne,note,A's note,B's note,\n"
    );
    std::fs::write(&list, text.replace("B's note,\n", "B's note,glossary\n")).unwrap();
    let o = import(&b, &glossary, &["--conflicts", s(&list)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("conflicts settled 1"), "{out}");
    let text = std::fs::read_to_string(&glossary).unwrap();
    assert!(text.contains(",A's note\n"), "{text}");
    assert!(
        text.contains("\nDouchanbé,Dushanbe,douchanbe,name,proposed,"),
        "B's other edit lands: {text}"
    );

    // For all at once.
    let (_dir2, glossary) = scratch("tests/data/glossary/small.csv");
    assert!(import(&a, &glossary, &[]).status.success());
    let o = import(&b, &glossary, &["--take-sheet"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(&glossary)
            .unwrap()
            .contains(",B's note\n")
    );
}

#[test]
fn a_table_that_is_not_a_review_sheet_is_refused_saying_what_it_looks_like() {
    let (dir, glossary) = scratch("glossary/fr-en.csv");
    let before = std::fs::read(&glossary).unwrap();
    // The terms CSV with proposals read from the translation memory.
    let terms = dir.path().join("terms.csv");
    let o = tmkit(
        &[
            "terms",
            "seeds/fr/000_8103dfe14ac7aa7a.txt",
            "--tm",
            "export/tm/seeds.fr-en.tmx",
            "-o",
            s(&terms),
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = import(&terms, &glossary, &[]);
    assert_fails(
        &o,
        "terms.csv: not a review sheet tmkit wrote: it looks like the term candidates of `tmkit terms` (columns score, variants, context): its English column holds machine proposals. To take its rows in as new decisions, import it with --as-new",
    );
    // Taken as new decisions, its proposals demote no approved entry and
    // its scores and contexts go nowhere; new terms come in as proposed.
    let (_dir2, taken) = scratch("glossary/fr-en.csv");
    let o = import(&terms, &taken, &["--as-new", "--keep-glossary"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&taken).unwrap();
    assert!(
        text.starts_with(std::str::from_utf8(&before).unwrap()),
        "no entry changed"
    );
    assert!(text.len() > before.len(), "new terms added");
    assert!(
        !text.contains("score: ") && !text.contains("source: 000_"),
        "{text}"
    );

    let list = dir.path().join("client.csv");
    std::fs::write(&list, "fr-FR,en-GB\ncommerce,Trade\nbail,lease\n").unwrap();
    assert_fails(
        &import(&list, &glossary, &[]),
        "client.csv: not a review sheet tmkit wrote: it looks like a plain term list (fr-FR, en-GB)",
    );
    assert_eq!(std::fs::read(&glossary).unwrap(), before);

    // Taken as new decisions: the approved entry stays (its difference is a
    // conflict for the user to settle), the new term comes in as proposed.
    let o = import(&list, &glossary, &["--as-new"]);
    assert_fails(
        &o,
        "row 2, column 2: commerce (commerce), en-GB: approved as \"trade\"; the row gives \"Trade\" without approving it",
    );
    let o = import(&list, &glossary, &["--as-new", "--keep-glossary"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&glossary).unwrap();
    assert!(
        text.contains("\ncommerce,trade,commerce,term,approved,"),
        "{text}"
    );
    assert!(
        text.ends_with("\nbail,lease,bail,term,proposed,,,,,,\n"),
        "{text}"
    );

    // An old sheet tmkit wrote, without a base column: --base or --as-new.
    let o = import(&data("glossary/review/unbased.csv"), &glossary, &[]);
    assert_fails(
        &o,
        "unbased.csv: a review sheet without a base column (written before sheets had one), so the import cannot tell the reviewer's edits from the glossary's: give --base REV",
    );
}

/// Runs git in `dir`, which must succeed.
fn git(dir: &Path, args: &[&str]) {
    let o = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=tmkit",
            "-c",
            "user.email=tmkit@example.org",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success(), "git {args:?}: {}", stderr(&o));
}

#[test]
fn an_old_sheet_without_a_base_takes_it_from_the_export_committed_at_a_revision() {
    let (dir, glossary) = scratch("tests/data/glossary/small.csv");
    let ws = dir.path();
    // An export from before sheets had a base column, committed.
    let sent = ws.join("sent.csv");
    review(&glossary, &sent, &["--workspace", s(ws)]);
    let exported = ws.join("export/glossary/fr-en.review.csv");
    std::fs::create_dir_all(exported.parent().unwrap()).unwrap();
    let mut reader = csv::Reader::from_path(&sent).unwrap();
    let header = reader.headers().unwrap().clone();
    let base = header.iter().position(|h| h == "base").unwrap();
    let mut old = csv::Writer::from_path(&exported).unwrap();
    for record in std::iter::once(Ok(header)).chain(reader.records()) {
        let record = record.unwrap();
        let cells: Vec<&str> = record
            .iter()
            .enumerate()
            .filter(|(c, _)| *c != base)
            .map(|(_, v)| v)
            .collect();
        old.write_record(&cells).unwrap();
    }
    old.flush().unwrap();
    git(ws, &["init", "-q"]);
    git(ws, &["add", "export"]);
    git(ws, &["commit", "-q", "-m", "export"]);
    // The reviewer's copy: one edit. The glossary's own edit since.
    let reviewed = ws.join("reviewed.csv");
    edit(&exported, "Douchanbé", "status", "proposed", &reviewed);
    let text = std::fs::read_to_string(&glossary).unwrap();
    std::fs::write(
        &glossary,
        text.replace("airliners,,,\n", "airliners,,,by hand\n"),
    )
    .unwrap();

    assert_fails(
        &import(&reviewed, &glossary, &[]),
        "a review sheet without a base column",
    );
    let o = import(
        &reviewed,
        &glossary,
        &["--base", "nope", "--workspace", s(ws)],
    );
    assert_fails(
        &o,
        "--base nope: git cannot show export/glossary/fr-en.review.csv at nope",
    );
    let o = import(
        &reviewed,
        &glossary,
        &["--base", "HEAD", "--workspace", s(ws)],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&glossary).unwrap();
    assert!(
        text.contains(",airliners,,,by hand\n"),
        "the glossary's edit stays: {text}"
    );
    assert!(
        text.contains("\nDouchanbé,Dushanbe,douchanbe,name,proposed,"),
        "the reviewer's lands: {text}"
    );
}

#[test]
fn ten_concurrent_import_pairs_lose_no_edit_and_exit_0() {
    let (dir, glossary) = scratch("glossary/fr-en.csv");
    let before = std::fs::read(&glossary).unwrap();
    let sheet = dir.path().join("review.csv");
    review(&glossary, &sheet, &[]);
    for pair in 0..10 {
        std::fs::write(&glossary, &before).unwrap();
        // Two reviewers of one export: each edits the note of another row.
        let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
        edit(&sheet, "abattage", "note", &format!("A in pair {pair}"), &a);
        edit(&sheet, "abattu", "note", &format!("B in pair {pair}"), &b);
        let start = |sheet: &Path| {
            std::process::Command::new(env!("CARGO_BIN_EXE_tmkit"))
                .args(["glossary", "import", s(sheet), "--glossary", s(&glossary)])
                .output()
        };
        let (oa, ob) = std::thread::scope(|scope| {
            let a = scope.spawn(|| start(&a).unwrap());
            let b = scope.spawn(|| start(&b).unwrap());
            (a.join().unwrap(), b.join().unwrap())
        });
        assert!(oa.status.success(), "pair {pair}: {}", stderr(&oa));
        assert!(ob.status.success(), "pair {pair}: {}", stderr(&ob));
        let text = std::fs::read_to_string(&glossary).unwrap();
        assert!(
            text.contains(&format!(",A in pair {pair}\n")),
            "pair {pair}: {text}"
        );
        assert!(
            text.contains(&format!(",B in pair {pair}\n")),
            "pair {pair}: {text}"
        );
    }
}

#[test]
fn an_import_waits_for_one_that_holds_the_lock_and_says_so() {
    use std::io::BufRead;
    let (dir, glossary) = scratch("tests/data/glossary/small.csv");
    let sheet = dir.path().join("review.csv");
    review(&glossary, &sheet, &["--workspace", s(dir.path())]);
    let edited = dir.path().join("edited.csv");
    edit(&sheet, "Douchanbé", "status", "proposed", &edited);
    let held = std::fs::File::create(dir.path().join("fr-en.csv.lock")).unwrap();
    held.lock().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tmkit"))
        .args(["glossary", "import", s(&edited), "--glossary", s(&glossary)])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(
        line.contains("fr-en.csv (lock ")
            && line.contains("fr-en.csv.lock): waiting for it to finish"),
        "{line}"
    );
    assert!(child.try_wait().unwrap().is_none(), "it waits");
    held.unlock().unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    assert!(
        std::fs::read_to_string(&glossary)
            .unwrap()
            .contains("\nDouchanbé,Dushanbe,douchanbe,name,proposed,")
    );
}
