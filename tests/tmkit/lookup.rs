//! Scores against OmegaT's figures, `tmkit tm lookup`, `tmkit tm
//! concordance` and `tmkit analyze`, end to end, bad input included
//! (fixtures in `tests/data/score`, `tests/data/lookup`,
//! `tests/data/analyze`; golden outputs refreshed with `UPDATE_EXPECT=1`).

use std::path::Path;

use tmkit::tm::score::tokens::word_count;
use tmkit::tm::score::{Scoring, Segment, score};

use super::{assert_fails, data, stderr, tmkit};

fn unescape(text: &str) -> String {
    text.replace("\\t", "\t")
        .replace("\\n", "\n")
        .replace("\\\\", "\\")
}

#[test]
fn omegat_scores_and_word_counts_equal_omegats_own_on_the_fixture() {
    let path = data("score/omegat-pairs.tsv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut failures = Vec::new();
    let mut n = 0;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let (q, c) = (unescape(f[0]), unescape(f[1]));
        let (adjusted, words): (u8, usize) = (f[2].parse().unwrap(), f[3].parse().unwrap());
        let got = score(Scoring::Omegat, Segment::plain(&q), Segment::plain(&c)).percent;
        if (got, word_count(&q)) != (adjusted, words) {
            failures.push(format!(
                "{}:{}: OmegaT {adjusted}% {words} words, tmkit {got}% {} words",
                path.display(),
                i + 1,
                word_count(&q)
            ));
        }
        n += 1;
    }
    assert!(n >= 300, "{n} pairs only");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// tmkit's scoring rules as the README states them: `QUERY<TAB>CANDIDATE
/// <TAB>SCORE<TAB>KINDS` per line.
#[test]
fn tmkit_scores_follow_the_documented_rules() {
    let path = data("score/tmkit.cases");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut failures = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let (q, c) = (unescape(f[0]), unescape(f[1]));
        let s = score(Scoring::Tmkit, Segment::plain(&q), Segment::plain(&c));
        let kinds: Vec<&str> = s.differences.iter().map(|d| d.name()).collect();
        let got = format!("{}\t{}", s.percent, kinds.join(","));
        let want = format!("{}\t{}", f[2], f.get(3).copied().unwrap_or(""));
        if got != want {
            failures.push(format!(
                "{}:{}: want {want:?}, got {got:?}",
                path.display(),
                i + 1
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Compares `actual` with the golden file, or rewrites it with
/// `UPDATE_EXPECT=1`.
fn golden(path: &Path, actual: &str) {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(path, actual).unwrap();
        return;
    }
    let want = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_EXPECT=1 writes it)", path.display()));
    assert_eq!(
        actual,
        want,
        "{} differs (UPDATE_EXPECT=1 rewrites it)",
        path.display()
    );
}

fn lookup_args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "tm",
        "lookup",
        "--tm",
        "tests/data/lookup/memory.tmx",
        "--tm",
        "penalty=10:tests/data/lookup/old.tmx",
        "--min",
        "50",
    ];
    args.extend_from_slice(extra);
    args
}

fn stdout(o: &std::process::Output) -> String {
    assert!(o.status.success(), "{}", stderr(o));
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn lookup_shows_scores_edits_and_every_translation() {
    let text = stdout(&tmkit(
        &lookup_args(&["--text", "tests/data/lookup/queries.txt"]),
        None,
    ));
    golden(&data("lookup/lookup.expected"), &text);
    // 101 in context, 100 with both translations newest first.
    assert!(
        text.contains(" 101%  Ouvrez le fichier de configuration."),
        "{text}"
    );
    assert!(
        text.contains("  99% (typography)  L'homme est là."),
        "{text}"
    );
    assert!(
        text.contains("  99% (tags)  Le dossier [-<1>-]important[-</1>-] doit partir avant midi."),
        "{text}"
    );
    assert!(text.contains("[-dossier-]{+fichier+}"), "{text}");
}

#[test]
fn lookup_jsonl_gives_edit_operations() {
    let text = stdout(&tmkit(
        &lookup_args(&[
            "--format",
            "jsonl",
            "--text",
            "tests/data/lookup/queries.txt",
        ]),
        None,
    ));
    golden(&data("lookup/lookup.jsonl.expected"), &text);
    let record: serde_json::Value = text
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|r| r["query"] == "Fermez le dossier de configuration.")
        .unwrap();
    let edits = &record["matches"][0]["edits"];
    assert_eq!(edits[0]["op"], "replaced", "{record}");
    assert_eq!(edits[0]["memory"], "Ouvrez", "{record}");
}

#[test]
fn lookup_reads_standard_input_and_a_sentence() {
    let o = tmkit(&lookup_args(&["-"]), Some("L'homme est là.\n".as_bytes()));
    assert!(stdout(&o).contains(" 100%  L'homme est là."));
    let o = tmkit(&lookup_args(&["Fermez le fichier de configuration."]), None);
    // The only match is in the memory with a 10-point penalty.
    assert!(stdout(&o).contains("  90%  Fermez le fichier de configuration."));
}

#[test]
fn lookup_with_omegat_scoring_gives_omegats_percentages() {
    let o = tmkit(
        &lookup_args(&["--scoring", "omegat", "L’homme est là."]),
        None,
    );
    assert!(stdout(&o).contains("  62%  L'homme est là."));
}

#[test]
fn concordance_highlights_the_words_in_any_case_and_typography() {
    let o = tmkit(
        &[
            "tm",
            "concordance",
            "--tm",
            "tests/data/lookup/memory.tmx",
            "FICHIER de",
        ],
        None,
    );
    let text = stdout(&o);
    assert_eq!(text.matches("⟦fichier de⟧").count(), 2, "{text}");
    assert!(stderr(&o).contains("2 unit(s) hold “FICHIER de”"));
    let o = tmkit(
        &[
            "tm",
            "concordance",
            "--tm",
            "tests/data/lookup/memory.tmx",
            "--target",
            "configuration file",
        ],
        None,
    );
    assert!(stdout(&o).contains("Open the ⟦configuration file⟧."));
}

/// `tmkit analyze a.txt b.txt --tm memory.tmx` with more arguments.
fn analyze(extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "analyze",
        "tests/data/analyze/a.txt",
        "tests/data/analyze/b.txt",
        "--tm",
        "tests/data/lookup/memory.tmx",
    ];
    args.extend_from_slice(extra);
    tmkit(&args, None)
}

#[test]
fn analyze_reports_every_band_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    for (extension, expected) in [
        ("csv", "analysis.csv"),
        ("xml", "analysis.xml"),
        ("html", "analysis.html"),
        ("txt", "analysis.txt"),
    ] {
        let out = dir.path().join(format!("report.{extension}"));
        let o = analyze(&[
            "--tm",
            "penalty=10:tests/data/lookup/old.tmx",
            "--weights",
            "101=0,100=0.1,95-99=0.3",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        golden(
            &data(&format!("analyze/{expected}")),
            &std::fs::read_to_string(&out).unwrap(),
        );
    }
    let xml = std::fs::read_to_string(data("analyze/analysis.xml")).unwrap();
    assert!(xml.contains("<inContextExact segments=\"1\""), "{xml}");
    assert!(xml.contains("<crossFileRepeated segments=\"1\""), "{xml}");
}

#[test]
fn analyze_counts_translated_paragraphs_and_repetitions_first_on_request() {
    let o = analyze(&["--repetitions-first", "--format", "csv"]);
    let csv = stdout(&o);
    assert!(csv.contains("Total,cross-file,2,"), "{csv}");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(data("analyze/b.en.txt"), dir.path().join("b.txt")).unwrap();
    let o = tmkit(
        &[
            "analyze",
            "tests/data/analyze/b.txt",
            "--tm",
            "tests/data/lookup/memory.tmx",
            "--translations",
            dir.path().to_str().unwrap(),
            "--format",
            "csv",
        ],
        None,
    );
    assert!(stdout(&o).contains("tests/data/analyze/b.txt,translated,1,5,35"));
}

#[test]
fn bad_input_gets_a_clear_message_and_a_failure() {
    let memory = "tests/data/lookup/memory.tmx";
    assert_fails(
        &tmkit(&["tm", "lookup", "--tm", memory, "  "], None),
        "nothing to look up: the sentence is empty",
    );
    assert_fails(
        &tmkit(
            &[
                "tm",
                "lookup",
                "--tm",
                "tests/data/lookup/german.tmx",
                "Bonjour.",
            ],
            None,
        ),
        "tests/data/lookup/german.tmx: none of its 2 unit(s) has both fr-FR and en-GB segments (its languages: de-DE, en-GB, en-US)",
    );
    assert_fails(
        &tmkit(
            &[
                "tm",
                "lookup",
                "--tm",
                "tests/data/lookup/missing.tmx",
                "Bonjour.",
            ],
            None,
        ),
        "tests/data/lookup/missing.tmx",
    );
    assert_fails(
        &tmkit(
            &[
                "tm",
                "lookup",
                "--tm",
                "tests/data/analyze/a.txt",
                "Bonjour.",
            ],
            None,
        ),
        "not a translation memory tmkit reads",
    );
    assert_fails(
        &tmkit(
            &["tm", "lookup", "--tm", "penalty=x:old.tmx", "Bonjour."],
            None,
        ),
        "the penalty must be a number from 0 to 100",
    );
    assert_fails(
        &tmkit(
            &[
                "tm",
                "lookup",
                "--tm",
                memory,
                "The man opened the file and closed it with the key.",
            ],
            None,
        ),
        "the text does not look French",
    );
    let o = tmkit(
        &[
            "analyze",
            "tests/data/lookup/queries.txt",
            "--tm",
            memory,
            "--weights",
            "100=x",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2), "a usage error: {}", stderr(&o));
    assert!(
        stderr(&o).contains("\"100=x\": the weight must be a number of 0 or more"),
        "{}",
        stderr(&o)
    );
    let dir = tempfile::tempdir().unwrap();
    let english = dir.path().join("english.txt");
    std::fs::write(
        &english,
        "The man opened the file. It was there, and he was happy with it.\n",
    )
    .unwrap();
    assert_fails(
        &tmkit(
            &["analyze", english.to_str().unwrap(), "--tm", memory],
            None,
        ),
        "does not look French",
    );
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "\n\n").unwrap();
    assert_fails(
        &tmkit(&["analyze", empty.to_str().unwrap(), "--tm", memory], None),
        "no text to analyse",
    );
}

#[test]
fn a_one_megabyte_query_is_looked_up_without_a_match() {
    let long = "mot ".repeat(250_000);
    let o = tmkit(&lookup_args(&["-"]), Some(long.as_bytes()));
    assert!(stdout(&o).contains("no match of 50% or more"));
}

#[test]
fn a_utf16_memory_with_tags_is_read() {
    let text = std::fs::read_to_string(data("lookup/memory.tmx")).unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.replace("UTF-8", "UTF-16").encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("utf16.tmx");
    std::fs::write(&path, bytes).unwrap();
    let o = tmkit(
        &[
            "tm",
            "lookup",
            "--tm",
            path.to_str().unwrap(),
            "Le dossier important doit partir avant midi.",
        ],
        None,
    );
    assert!(stdout(&o).contains("→ The <1>important</1> file must go before noon."));
}
