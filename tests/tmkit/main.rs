//! tmkit's integration tests: one binary, data-driven, fixtures in `tests/data`.
//!
//! - `tests/data/segment/ok/LANG.cases`: paragraphs with ` ‖ ` where they must
//!   split, checked against the built-in rules (fast engine and reference).
//! - `tests/data/segment/ok/NAME.srx` + `NAME.cases`: rule files in the style
//!   of the ones CAT tools ship, with the segmentation they must give.
//! - `tests/data/segment/err/NAME.srx` + `NAME.expected`: broken rule files and
//!   the exact error; refresh with `UPDATE_EXPECT=1 cargo test`.
//! - The CLI is run end to end as a user would, bad input included.
//! - The workspace (`workspace.rs`): whatever documents `seeds/` holds, every
//!   translated one aligns and `export/` is what `cargo xtask export` writes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tmkit::segment::Segmenter;
use tmkit::segment::srx::SrxDocument;

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(path)
}

/// Checks every case of a `.cases` file; reports each failing line.
fn check_cases(cases: &Path, segmenters: &[(&str, &Segmenter)]) {
    let text = std::fs::read_to_string(cases).unwrap();
    let mut failures = Vec::new();
    let mut count = 0;
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        count += 1;
        let expected: Vec<&str> = line.split(" ‖ ").collect();
        let paragraph = expected.join(" ");
        for (engine, segmenter) in segmenters {
            let got: Vec<&str> = segmenter
                .segment(&paragraph)
                .unwrap()
                .into_iter()
                .map(|s| &paragraph[s])
                .collect();
            if got != expected {
                failures.push(format!(
                    "{}:{} ({engine})\n  want: {}\n  got:  {}",
                    cases.display(),
                    n + 1,
                    expected.join(" ‖ "),
                    got.join(" ‖ ")
                ));
            }
        }
    }
    assert!(count > 0, "{}: no cases", cases.display());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn builtin_doc() -> SrxDocument {
    SrxDocument::parse(tmkit::segment::BUILTIN_SRX, "built-in").unwrap()
}

#[test]
fn builtin_french_rules_segment_the_cases() {
    let doc = builtin_doc();
    let fast = Segmenter::from_srx(&doc, "fr-FR").unwrap();
    let reference = Segmenter::from_srx_reference(&doc, "fr-FR").unwrap();
    // Its DFAs built on three threads at once, and one thread's caches
    // copied warm into another: the same segments.
    let threaded = Segmenter::from_srx_with_threads(&doc, "fr-FR", 3).unwrap();
    let mut warm = threaded.caches();
    threaded
        .segment_with(
            &mut warm,
            "M. Dupont « dit : oui ! » et part. Fin.",
            &mut Vec::new(),
        )
        .unwrap();
    let copied = warm.clone();
    let with_copied = |paragraph: &str| {
        let mut spans = Vec::new();
        threaded
            .segment_with(&mut copied.clone(), paragraph, &mut spans)
            .map(|()| spans)
    };
    check_cases(
        &data("segment/ok/fr-FR.cases"),
        &[
            ("fast", &fast),
            ("reference", &reference),
            ("threaded", &threaded),
        ],
    );
    let cases = std::fs::read_to_string(data("segment/ok/fr-FR.cases")).unwrap();
    for paragraph in cases.lines().map(|l| l.replace(" ‖ ", " ")) {
        assert_eq!(
            with_copied(&paragraph).unwrap(),
            fast.segment(&paragraph).unwrap(),
            "{paragraph}"
        );
    }
}

#[test]
fn builtin_english_rules_segment_the_cases() {
    let doc = builtin_doc();
    let fast = Segmenter::from_srx(&doc, "en-GB").unwrap();
    let reference = Segmenter::from_srx_reference(&doc, "en-GB").unwrap();
    check_cases(
        &data("segment/ok/en-GB.cases"),
        &[("fast", &fast), ("reference", &reference)],
    );
}

#[test]
fn builtin_rules_run_entirely_on_the_fast_engine() {
    for lang in ["fr-FR", "en-GB"] {
        let (rules, backtracking) = Segmenter::builtin(lang).unwrap().rule_counts();
        assert!(rules > 5);
        assert_eq!(
            backtracking, 0,
            "{lang}: a built-in rule needs backtracking"
        );
    }
}

#[test]
fn java_style_rule_files_segment_as_java_engines_do() {
    let doc = SrxDocument::load(&data("segment/ok/java-style.srx")).unwrap();
    let fast = Segmenter::from_srx(&doc, "fr-FR").unwrap();
    assert!(
        fast.rule_counts().1 > 0,
        "the fixture should exercise backtracking"
    );
    let reference = Segmenter::from_srx_reference(&doc, "fr-FR").unwrap();
    check_cases(
        &data("segment/ok/java-style.cases"),
        &[("fast", &fast), ("reference", &reference)],
    );
}

#[test]
fn okapi_rule_files_segment_as_okapi_does() {
    let doc = SrxDocument::load(&data("segment/ok/okapi-style.srx")).unwrap();
    assert!(doc.okapi);
    let fast = Segmenter::from_srx(&doc, "fr-FR").unwrap();
    let reference = Segmenter::from_srx_reference(&doc, "fr-FR").unwrap();
    check_cases(
        &data("segment/ok/okapi-style.cases"),
        &[("fast", &fast), ("reference", &reference)],
    );
}

#[test]
fn fast_and_reference_engines_agree_on_the_seeds() {
    let doc = builtin_doc();
    let fast = Segmenter::from_srx(&doc, "fr-FR").unwrap();
    let reference = Segmenter::from_srx_reference(&doc, "fr-FR").unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/fr");
    for entry in std::fs::read_dir(seeds).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines() {
            assert_eq!(
                fast.segment(line).unwrap(),
                reference.segment(line).unwrap(),
                "{line}"
            );
        }
    }
}

#[test]
fn segments_joined_with_the_space_between_give_the_paragraph_back() {
    let fr = Segmenter::builtin("fr-FR").unwrap();
    let text = std::fs::read_to_string(data("segment/ok/fr-FR.cases")).unwrap();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let para = line.replace(" ‖ ", " ");
        let spans = fr.segment(&para).unwrap();
        let mut rebuilt = String::new();
        let mut at = 0;
        for s in &spans {
            let gap = &para[at..s.start];
            assert!(gap.chars().all(char::is_whitespace), "{para:?}: {gap:?}");
            rebuilt.push_str(gap);
            rebuilt.push_str(&para[s.clone()]);
            at = s.end;
        }
        rebuilt.push_str(&para[at..]);
        assert_eq!(rebuilt, para);
    }
}

#[test]
fn rules_of_other_languages_are_not_compiled() {
    // java-style.srx has a German rule with \p{InGreek}, which tmkit cannot run.
    let doc = SrxDocument::load(&data("segment/ok/java-style.srx")).unwrap();
    assert!(Segmenter::from_srx(&doc, "fr-FR").is_ok());
    let e = Segmenter::from_srx(&doc, "de-DE").unwrap_err().to_string();
    assert!(
        e.contains("java-style.srx:39: rule 1 of languagerule \"German\""),
        "{e}"
    );
}

#[test]
fn broken_rule_files_give_the_expected_errors() {
    let dir = data("segment/err");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "srx"))
        .collect();
    names.sort();
    assert!(!names.is_empty());
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    for srx in names {
        let error = SrxDocument::load(&srx)
            .map_err(tmkit::segment::RulesError::from)
            .and_then(|doc| Segmenter::from_srx(&doc, "fr-FR"))
            .expect_err("a broken file must not compile");
        // Messages name the file by the path given; compare from the file name on.
        let shown = error.to_string();
        let shown = shown.replace(&format!("{}/", dir.display()), "");
        check_expected(&srx, &shown, update, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Compares an error with `FILE.expected` (or writes it when `update`).
pub(crate) fn check_expected(file: &Path, shown: &str, update: bool, failures: &mut Vec<String>) {
    let expected_path = file.with_extension("expected");
    if update {
        std::fs::write(&expected_path, format!("{shown}\n")).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    if expected.trim_end() != shown {
        failures.push(format!(
            "{}:\n  want: {}\n  got:  {shown}",
            file.display(),
            expected.trim_end()
        ));
    }
}

// ---- The command line, end to end ----

fn tmkit(args: &[&str], stdin: Option<&[u8]>) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_tmkit"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.unwrap_or_default().to_vec();
    // Written while the output is read, so that neither pipe fills up.
    let writer = std::thread::spawn(move || {
        // The command may refuse its arguments and exit before reading stdin.
        if let Err(e) = input.write_all(&stdin) {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
        }
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    output
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A bad input: non-zero exit, a clear message naming what is wrong, no panic.
/// Runs tmkit and closes its standard output after the first 100 bytes,
/// as `tmkit … | head -c 100` does.
fn tmkit_head(args: &[&str]) -> Output {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_tmkit"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut head = [0u8; 100];
    child.stdout.take().unwrap().read_exact(&mut head).unwrap();
    child.wait_with_output().unwrap()
}

fn assert_fails(o: &Output, message: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains(message), "wanted {message:?} in: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(o.stdout.is_empty() || !err.is_empty());
}

#[test]
fn cli_segments_text_with_blank_lines_between_paragraphs() {
    let o = tmkit(
        &["segment"],
        Some("Un. Deux.\n\nTrois ! Quatre.\n".as_bytes()),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        "Un.\nDeux.\n\nTrois !\nQuatre.\n"
    );
}

#[test]
fn cli_tsv_has_document_offsets() {
    let file = data("cli/two-paragraphs.txt");
    let o = tmkit(
        &["segment", "--format", "tsv", file.to_str().unwrap()],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    let source = std::fs::read_to_string(&file).unwrap();
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("document\tparagraph\tsegment\tstart\tend\ttext")
    );
    let mut rows = 0;
    for row in lines {
        let cols: Vec<&str> = row.split('\t').collect();
        let (start, end): (usize, usize) = (cols[3].parse().unwrap(), cols[4].parse().unwrap());
        assert_eq!(&source[start..end], cols[5], "{row}");
        rows += 1;
    }
    assert_eq!(rows, 4);
}

#[test]
fn cli_jsonl_has_one_object_per_segment() {
    let o = tmkit(
        &["segment", "--format", "jsonl", "-"],
        Some("Un. Deux.".as_bytes()),
    );
    assert!(o.status.success());
    let out = String::from_utf8(o.stdout).unwrap();
    assert_eq!(
        out.lines().next(),
        Some(r#"{"document":"-","paragraph":1,"segment":1,"start":0,"end":3,"text":"Un."}"#)
    );
    assert_eq!(out.lines().count(), 2);
}

#[test]
fn cli_normalises_to_nfc_and_says_so() {
    let o = tmkit(
        &["segment"],
        Some("Ame\u{301}lie est la\u{300}.".as_bytes()),
    );
    assert!(o.status.success());
    assert!(stderr(&o).contains("normalised"), "{}", stderr(&o));
    assert_eq!(String::from_utf8(o.stdout).unwrap(), "Amélie est là.\n");
}

#[test]
fn cli_dump_rules_prints_the_builtin_srx() {
    let o = tmkit(&["segment", "--dump-rules"], None);
    assert!(o.status.success());
    assert_eq!(o.stdout, tmkit::segment::BUILTIN_SRX.as_bytes());
}

#[test]
fn cli_loads_an_srx_file() {
    let srx = data("segment/ok/java-style.srx");
    let o = tmkit(
        &["segment", "--srx", srx.to_str().unwrap(), "--lang", "fr-FR"],
        Some("Il est reparti ; rien de plus.".as_bytes()),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        "Il est reparti ;\nrien de plus.\n"
    );
}

#[test]
fn cli_writes_the_output_file_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.txt");
    std::fs::write(&out, "previous\n").unwrap();
    // A failing run leaves the previous file untouched...
    let bad = data("cli/latin1.txt");
    let o = tmkit(
        &[
            "segment",
            bad.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert_fails(&o, "invalid UTF-8");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous\n");
    // ...and a good one replaces it whole.
    let good = data("cli/two-paragraphs.txt");
    let o = tmkit(
        &[
            "segment",
            good.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success());
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("Le sommet")
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
}

/// Runs tmkit in a fresh directory with `stdin`, its standard output and
/// error going to `stdout` and `stderr`.
fn tmkit_in(
    dir: &Path,
    args: &[&str],
    stdin: &[u8],
    stdout: std::process::Stdio,
    stderr: std::process::Stdio,
) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_tmkit"))
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .unwrap();
    // The command may not read its standard input.
    if let Err(e) = child.stdin.take().unwrap().write_all(stdin) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

/// A file opened for appending, as a shell's `>> log` opens it.
fn appending(path: &Path) -> std::process::Stdio {
    std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .unwrap()
        .into()
}

#[test]
fn cli_output_dash_and_dev_stdout_are_standard_output_in_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let (fr, en) = (
        data("align/cli/two-paragraphs.fr.txt"),
        data("align/cli/one-paragraph.en.txt"),
    );
    let glossary = data("glossary/small.csv");
    let (fr, en, glossary) = (
        fr.to_str().unwrap(),
        en.to_str().unwrap(),
        glossary.to_str().unwrap(),
    );
    for output in ["-", "/dev/stdout"] {
        for (args, expected) in [
            (vec!["segment"], "Un.\nDeux.\n"),
            (vec!["terms", "--min-count", "1"], "fr-FR,"),
            (vec!["align", fr, en], "<tmx version=\"1.4\">"),
            (
                vec![
                    "glossary",
                    "export",
                    "--glossary",
                    glossary,
                    "--format",
                    "tsv",
                ],
                "avion de ligne\tairliner",
            ),
        ] {
            let mut args = args.clone();
            args.extend(["-o", output]);
            // Through a pipe, the test reading it.
            let o = tmkit_in(
                dir.path(),
                &args,
                b"Un. Deux.\n",
                std::process::Stdio::piped(),
                std::process::Stdio::piped(),
            );
            assert!(o.status.success(), "{args:?}: {}", stderr(&o));
            let out = String::from_utf8(o.stdout).unwrap();
            assert!(out.contains(expected), "{args:?}: {out}");
        }
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no file named - or stdout"
    );
}

#[test]
fn cli_output_to_dev_stdout_or_stderr_appends_to_the_file_the_shell_opened() {
    let dir = tempfile::tempdir().unwrap();
    for (output, stdout) in [("/dev/stdout", true), ("/dev/stderr", false)] {
        let log = dir.path().join("log");
        std::fs::write(&log, "before\n").unwrap();
        // `tmkit segment -o /dev/stdout >> log` (or /dev/stderr, 2>> log).
        let (out, err) = if stdout {
            (appending(&log), std::process::Stdio::null())
        } else {
            (std::process::Stdio::null(), appending(&log))
        };
        let o = tmkit_in(
            dir.path(),
            &["segment", "-o", output],
            b"Un. Deux.\n",
            out,
            err,
        );
        assert!(o.status.success(), "{output}");
        assert_eq!(
            std::fs::read_to_string(&log).unwrap(),
            "before\nUn.\nDeux.\n",
            "{output}"
        );
    }
}

#[test]
fn cli_invalid_utf8_names_file_line_and_column() {
    let bad = data("cli/latin1.txt");
    let o = tmkit(&["segment", bad.to_str().unwrap()], None);
    assert_fails(&o, "latin1.txt:2:2: invalid UTF-8 (byte 0xE9)");
}

#[test]
fn cli_missing_file_is_an_error() {
    let o = tmkit(&["segment", "no/such/file.txt"], None);
    assert_fails(&o, "no/such/file.txt: cannot open");
    // The cause is said once, not again by the chain of sources.
    assert_eq!(
        stderr(&o).matches("os error 2").count(),
        1,
        "{}",
        stderr(&o)
    );
}

#[test]
fn cli_directory_is_an_error() {
    let dir = data("cli");
    let o = tmkit(&["segment", dir.to_str().unwrap()], None);
    assert_fails(&o, "is a directory");
}

#[test]
fn cli_empty_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let o = tmkit(&["segment", empty.to_str().unwrap()], None);
    assert_fails(&o, "empty.txt: the file is empty");
}

#[test]
fn cli_50_mb_single_line_is_refused_without_reading_it_whole() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("one-line.txt");
    let sentence = "Une phrase de plus dans une ligne sans fin. ";
    let line = sentence.repeat(50 * 1024 * 1024 / sentence.len() + 1);
    std::fs::write(&big, line).unwrap();
    let o = tmkit(&["segment", big.to_str().unwrap()], None);
    assert_fails(&o, "one-line.txt:1: this line is longer than 4194304 bytes");
}

/// A document of several batches for the threads: the paragraphs of the
/// French cases, repeated to about 1.5 MB, and one line not in NFC.
fn long_document() -> Vec<u8> {
    let cases = std::fs::read_to_string(data("segment/ok/fr-FR.cases")).unwrap();
    let paragraphs: Vec<String> = cases
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.replace(" ‖ ", " "))
        .collect();
    let mut text = String::new();
    while text.len() < 1_500_000 {
        for p in &paragraphs {
            text.push_str(p);
            text.push('\n');
        }
        text.push_str("\nAme\u{301}lie est la\u{300}. Elle repart.\r\n");
    }
    text.into_bytes()
}

#[test]
fn cli_threads_give_the_bytes_one_thread_gives() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("long.txt");
    std::fs::write(&file, long_document()).unwrap();
    let file = file.to_str().unwrap();
    for format in ["text", "tsv", "jsonl"] {
        let one = tmkit(
            &["segment", "--format", format, "--threads", "1", file],
            None,
        );
        assert!(one.status.success(), "{}", stderr(&one));
        for threads in ["2", "3"] {
            let many = tmkit(
                &["segment", "--format", format, "--threads", threads, file],
                None,
            );
            assert!(many.status.success(), "{}", stderr(&many));
            assert!(one.stdout == many.stdout, "{format} on {threads} threads");
            assert_eq!(stderr(&one), stderr(&many));
        }
    }
}

#[test]
fn cli_threads_stop_at_a_bad_line_after_the_same_output() {
    let mut bytes = long_document();
    let good = bytes.len();
    bytes.extend_from_slice(b"d\xe9j\xe0 vu.\nEncore une ligne.\n");
    bytes.extend_from_slice(&long_document());
    let line = bytes[..good].iter().filter(|&&b| b == b'\n').count() + 1;
    let one = tmkit(&["segment", "--threads", "1", "-"], Some(&bytes));
    let many = tmkit(&["segment", "--threads", "3", "-"], Some(&bytes));
    assert_fails(
        &one,
        &format!("<stdin>:{line}:2: invalid UTF-8 (byte 0xE9)"),
    );
    assert_fails(
        &many,
        &format!("<stdin>:{line}:2: invalid UTF-8 (byte 0xE9)"),
    );
    assert!(!one.stdout.is_empty());
    assert!(one.stdout == many.stdout);
}

#[test]
fn cli_broken_srx_is_an_error() {
    let srx = data("segment/err/malformed.srx");
    let o = tmkit(&["segment", "--srx", srx.to_str().unwrap()], Some(b"Un."));
    assert_fails(&o, "malformed.srx:7:");
}

#[test]
fn cli_underscore_language_tag_is_refused() {
    let o = tmkit(&["segment", "--lang", "fr_FR"], Some(b"Un."));
    assert_fails(&o, "not a BCP 47 language tag");
}

#[test]
fn cli_accepts_a_rule_file_s_own_language_keys() {
    // LanguageTool's segment.srx keys its maps fr_one / fr_two.
    let srx = data("segment/ok/java-style.srx");
    let o = tmkit(
        &[
            "segment",
            "--srx",
            srx.to_str().unwrap(),
            "--lang",
            "fr_two",
        ],
        Some("V. Poutine est venu. Il est reparti.".as_bytes()),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        "V. Poutine est venu.\nIl est reparti.\n"
    );
}

mod align;
mod fuzz;
mod glossary;
mod kit;
mod lookup;
mod terms;
mod tidy;
mod tmx;
mod workspace;

/// A rule set too large for one DFA is compiled into several (1,000 rules
/// `\bW{i}\.`, i = 1 to 1,000, needed a 22 MB cache: before, "given cache
/// capacity (16777216) is smaller than minimum required").
#[test]
fn a_large_rule_set_compiles_in_parts_and_every_rule_applies() {
    let rules: String = (1..=1000)
        .map(|i| {
            format!(
                "<rule break=\"no\"><beforebreak>\\bW{{{i}}}\\.</beforebreak><afterbreak>\\s</afterbreak></rule>"
            )
        })
        .collect();
    let srx = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header segmentsubflows="yes" cascade="yes"/><body><languagerules><languagerule languagerulename="fr">{rules}<rule break="yes"><beforebreak>[.?!]</beforebreak><afterbreak>\s</afterbreak></rule></languagerule></languagerules><maprules><languagemap languagepattern=".*" languagerulename="fr"/></maprules></body></srx>"#
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("many.srx");
    std::fs::write(&file, srx).unwrap();
    let text = format!("Voir WWW. Puis {}. Fin. Encore.\n", "W".repeat(999));
    let o = tmkit(
        &["segment", "--srx", file.to_str().unwrap()],
        Some(text.as_bytes()),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    let segments: Vec<&str> = out.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(segments.len(), 2, "{out}");
    assert!(segments[0].ends_with(". Fin.") && segments[1] == "Encore.");
}

// ---- Output formats, from one table ----

#[test]
fn cli_an_output_named_for_a_format_the_command_does_not_write_is_refused_in_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let text = data("cli/two-paragraphs.txt");
    let text = text.to_str().unwrap();
    let tmx = data("tmx/merge/client.tmx");
    let tmx = tmx.to_str().unwrap();
    let glossary = data("glossary/small.csv");
    let glossary = glossary.to_str().unwrap();
    let cases: [(&[&str], &str, &str); 11] = [
        (
            &["tmx", "convert", tmx],
            "new.xlf",
            ".xlf is an XLIFF file, not what this command writes here: name the output .csv or .tsv",
        ),
        (
            &["tmx", "convert", tmx],
            "new.xlsx",
            ".xlsx is an Excel workbook (.xlsx)",
        ),
        (
            &["tmx", "convert", tmx],
            "new.tbx",
            ".tbx is a TBX termbase",
        ),
        (&["tmx", "convert", tmx], "new.txt", ".txt is plain text"),
        (
            &["tmx", "merge", tmx],
            "all.csv",
            ".csv is a CSV table, not what this command writes here: name the output .tmx",
        ),
        (
            &["segment", text],
            "out.xlf",
            "name the output .txt, .tsv or .jsonl",
        ),
        (
            &["terms", text],
            "out.dat",
            "tmkit does not know the extension .dat: name the output .csv, .tsv or .jsonl, or give --format",
        ),
        (
            &["align", text, text],
            "out.docx",
            ".docx is a Word document (.docx)",
        ),
        (
            &["glossary", "export", "--glossary", glossary],
            "out.xlf",
            "name the output .tbx, .tsv or .csv",
        ),
        (
            &["analyze", text, "--tm", tmx],
            "report.xlsx",
            "name the output .txt, .csv, .xml or .html",
        ),
        (
            &["glossary", "review", "--glossary", glossary],
            "review.xlsx",
            "name the output .csv or .tsv",
        ),
    ];
    for (args, name, message) in cases {
        let out = dir.path().join(name);
        let mut args = args.to_vec();
        args.extend(["-o", out.to_str().unwrap()]);
        let o = tmkit(&args, None);
        assert_fails(&o, message);
        assert!(!out.exists(), "{args:?} wrote {name}");
    }
}

#[test]
fn cli_a_format_asked_that_the_output_s_extension_contradicts_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("segments.jsonl");
    let text = data("cli/two-paragraphs.txt");
    let o = tmkit(
        &[
            "segment",
            text.to_str().unwrap(),
            "--format",
            "tsv",
            "-o",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert_fails(
        &o,
        "--format asks for a TSV table, but .jsonl is JSON Lines: make them agree",
    );
    assert!(!out.exists());
}

#[test]
fn cli_the_output_s_extension_gives_the_format() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("segments.tsv");
    let text = data("cli/two-paragraphs.txt");
    let o = tmkit(
        &[
            "segment",
            text.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.starts_with("document\tparagraph\t"), "{written}");
}

// ---- Documents that are not what the commands read ----

#[test]
fn cli_office_documents_and_pdfs_are_named_in_segment_terms_and_align() {
    let plain = data("cli/two-paragraphs.txt");
    for (file, named) in [
        (
            "rapport.docx",
            "this is a Word document (.docx), not plain text: save it as plain text first",
        ),
        (
            "rapport.odt",
            "this is an OpenDocument text (.odt), not plain text",
        ),
        (
            "rapport.pdf",
            "this is a PDF document, not plain text: extract its text first (e.g. pdftotext",
        ),
    ] {
        let path = data(&format!("cli/{file}"));
        let path = path.to_str().unwrap();
        for args in [
            vec!["segment", path],
            vec!["terms", path],
            vec!["align", path, plain.to_str().unwrap()],
        ] {
            let o = tmkit(&args, None);
            assert_fails(&o, &format!("{file}: {named}"));
            assert!(!stderr(&o).contains("iconv"), "{}", stderr(&o));
        }
    }
}

#[test]
fn cli_utf16_without_a_byte_order_mark_is_named_as_utf16() {
    let path = data("cli/utf16le-without-bom.txt");
    let o = tmkit(&["segment", path.to_str().unwrap()], None);
    assert_fails(
        &o,
        "utf16le-without-bom.txt: the file is UTF-16 without a byte-order mark; tmkit reads UTF-8 text: convert it first (e.g. iconv -f UTF-16LE -t UTF-8)",
    );
    assert!(!stderr(&o).contains("WINDOWS-1252"));
}

#[test]
fn cli_a_nul_in_a_text_is_placed() {
    let path = data("cli/nul.txt");
    let o = tmkit(&["segment", path.to_str().unwrap()], None);
    assert_fails(&o, "nul.txt:2:10: a NUL character: a text file has none");
}

#[test]
fn cli_a_control_character_in_a_text_to_align_is_placed_before_aligning() {
    let fr = data("align/cli/bell.fr.txt");
    let en = data("align/cli/bell.en.txt");
    let o = tmkit(&["align", fr.to_str().unwrap(), en.to_str().unwrap()], None);
    assert_fails(
        &o,
        "bell.en.txt:2:10: control character U+0007, which XML 1.0 does not allow: remove it (a translation unit cannot hold it)",
    );
}

#[test]
fn cli_an_empty_file_is_called_empty_in_every_command_that_reads_text() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let empty = empty.to_str().unwrap();
    let plain = data("cli/two-paragraphs.txt");
    for args in [
        vec!["terms", empty],
        vec!["align", plain.to_str().unwrap(), empty],
    ] {
        let o = tmkit(&args, None);
        assert_fails(&o, "empty.txt: the file is empty: there is no text to read");
        assert!(!stderr(&o).contains("segment"), "{}", stderr(&o));
    }
}

// ---- A text in the other language, a tag that does not fit ----

#[test]
fn cli_terms_warns_when_the_text_is_plainly_english() {
    let english = data("cli/english.txt");
    let o = tmkit(&["terms", english.to_str().unwrap()], None);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains(
            "english.txt: its 43 words look English, not fr-FR: terms are extracted as French"
        ),
        "{err}"
    );
    let french = data("align/article/fr.txt");
    let o = tmkit(&["terms", french.to_str().unwrap()], None);
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
}

#[test]
fn cli_align_warns_when_a_side_is_in_the_other_language_or_a_tag_does_not_fit() {
    let fr = data("align/article/fr.txt");
    let en = data("align/article/en.txt");
    let (fr, en) = (fr.to_str().unwrap(), en.to_str().unwrap());
    // The files in the wrong order.
    let o = tmkit(&["align", en, fr], None);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("en.txt: its 244 words look English, not fr-FR (--source-lang)"),
        "{err}"
    );
    assert!(
        err.contains("look French, not en-GB (--target-lang)"),
        "{err}"
    );
    // English tagged German.
    let o = tmkit(&["align", fr, en, "--target-lang", "de-DE"], None);
    let err = stderr(&o);
    assert!(
        err.contains("look English, not de-DE (--target-lang)"),
        "{err}"
    );
    assert!(!err.contains("--source-lang"), "{err}");
    // Right as given: nothing said.
    let o = tmkit(&["align", fr, en], None);
    assert!(!stderr(&o).contains("look"), "{}", stderr(&o));
}

#[test]
fn cli_a_language_name_given_for_a_tag_gets_the_tag() {
    let text = data("cli/two-paragraphs.txt");
    let text = text.to_str().unwrap();
    let o = tmkit(&["align", text, text, "--target-lang", "english"], None);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("a tag is a language's code, not its name: en-GB for English"),
        "{err}"
    );
    assert!(!err.contains("underscore"), "{err}");
}

#[test]
fn fast_and_reference_engines_agree_on_quotations_at_their_bounds() {
    // The quotation rules bound a quotation at 250 characters, which the
    // fast engine counts beside its automata (segment::runs): paragraphs of
    // sentences, straight quotes and guillemets at every distance around
    // that bound.
    let doc = builtin_doc();
    let fast = Segmenter::from_srx(&doc, "fr-FR").unwrap();
    let reference = Segmenter::from_srx_reference(&doc, "fr-FR").unwrap();
    let pieces = [
        "Il part. ",
        "Elle dit « oui. ",
        "Il répond : « Non ! ",
        "» ",
        "\" ",
        "et il a dit \"nous partons. \" ",
        "Le soir vient ",
        "sur la ville ",
        "l'« année terrible ! » ",
        "Fin ? ",
        "Encore. ",
    ];
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..150 {
        let mut paragraph = String::new();
        let pieces_in = 5 + next() % 60;
        for _ in 0..pieces_in {
            paragraph.push_str(pieces[(next() % pieces.len() as u64) as usize]);
        }
        let paragraph = paragraph.trim_end();
        assert_eq!(
            fast.segment(paragraph).unwrap(),
            reference.segment(paragraph).unwrap(),
            "{paragraph}"
        );
    }
}
