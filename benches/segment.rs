//! Segmentation throughput and memory, printed as figures (`cargo bench --bench segment`).
//!
//! Corpus: the French text in `../shared/data` (UD French-GSD dev and test raw
//! text, the ACTER French corpus texts, the seeds), repeated to ≥ 20 MB in
//! memory; it is built at run time and never written into the project.
//!
//! Prints, single thread, best of several runs:
//! - tmkit's built-in French rules (the DFA engine), MB/s;
//! - the `unicode-segmentation` crate's UAX #29 sentence splitter on the same
//!   paragraphs, MB/s, and the ratio between the two;
//! - OmegaT's default French rules loaded into tmkit, when Debian's OmegaT is
//!   installed (`OMEGAT_JAR`), to show what real rule files cost;
//! - `tmkit segment FILE > /dev/null` on the same text written to a file,
//!   best of several runs of the real binary (reading, UTF-8 and NFC checks,
//!   rule compilation, output), and its ratio to the library's figure: on one
//!   thread (`--threads 1`), and as it runs by default, one segmenting
//!   thread per core;
//! - the same comparison in CPU time (user + system), which other work on a
//!   shared machine disturbs far less than the wall clock: library passes
//!   and runs of the binary alternate, median of several each;
//! - what the binary pays that the library's warm figure leaves out:
//!   compiling the rules, the first pass over the text (the lazy DFAs' states
//!   are built as the text needs them) beyond a warm one, reading and
//!   checking the file, writing the segments;
//! - peak memory (VmHWM) of streaming a 20 MB and an 80 MB file through
//!   `tmkit segment`'s reader and writer in a child process, on one thread
//!   and on one per core: it must not grow with size.
//!
//! `cargo bench --bench segment -- --write-corpus FILE` writes the corpus to
//! FILE, one paragraph a line, and exits: the text the binary reads, for
//! profiling it (`valgrind --tool=callgrind`, `perf`) beside the library's
//! passes (the child mode `--library FILE RUNS`).

mod common;

use std::hint::black_box;
use std::io::Write;
use std::path::Path;

use common::{best_of, median, peak_rss_mb, thread_cpu_seconds, verdict};

use tmkit::document::Paragraphs;
use tmkit::segment::Segmenter;
use tmkit::segment::format::{SegmentFormat, SegmentWriter};
use tmkit::segment::parallel::write_document_parallel;
use unicode_segmentation::UnicodeSegmentation;

const TARGET_BYTES: usize = 20 * 1024 * 1024;
const RUNS: usize = 5;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--stream") {
        let threads = args.get(i + 2).and_then(|n| n.parse().ok()).unwrap_or(1);
        stream(Path::new(&args[i + 1]), threads);
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--library") {
        let runs = args.get(i + 2).and_then(|n| n.parse().ok()).unwrap_or(1);
        library_passes(Path::new(&args[i + 1]), runs);
        return;
    }
    let shared = common::shared_data();
    let paragraphs =
        common::french_paragraphs(&shared, &["acter-fr/corp/texts", "../seeds"], TARGET_BYTES);
    if let Some(i) = args.iter().position(|a| a == "--write-corpus") {
        write_corpus(Path::new(&args[i + 1]), &paragraphs, 1);
        return;
    }
    let bytes: usize = paragraphs.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    println!(
        "corpus: {:.1} MB, {} paragraphs of French text (shared data, repeated)",
        mb,
        paragraphs.len()
    );

    let fr = Segmenter::builtin("fr-FR").expect("built-in rules");
    let (tmkit_secs, tmkit_segments) = best_of(RUNS, || count_segments(&fr, &paragraphs));
    let (uax_secs, uax_segments) = best_of(RUNS, || {
        paragraphs
            .iter()
            .map(|p| black_box(p.as_str()).unicode_sentences().count())
            .sum::<usize>()
    });
    let tmkit_rate = mb / tmkit_secs;
    let uax_rate = mb / uax_secs;
    println!(
        "tmkit built-in fr-FR rules      {tmkit_rate:8.1} MB/s  ({tmkit_segments} segments)   bar >= 100 MB/s: {}",
        verdict(tmkit_rate >= 100.0)
    );
    println!("unicode-segmentation UAX #29    {uax_rate:8.1} MB/s  ({uax_segments} sentences)");
    println!(
        "ratio tmkit / UAX #29           {:8.2}x            bar >= 2x: {}",
        tmkit_rate / uax_rate,
        verdict(tmkit_rate / uax_rate >= 2.0)
    );

    let jar = std::env::var("OMEGAT_JAR").unwrap_or_else(|_| "/usr/share/omegat/OmegaT.jar".into());
    if let Some(srx) = omegat_default_rules(Path::new(&jar)) {
        let doc = tmkit::segment::srx::SrxDocument::parse(&srx, "OmegaT defaultRules.srx")
            .expect("OmegaT rules");
        let omegat = Segmenter::from_srx(&doc, "fr-FR").expect("OmegaT rules compile");
        let (secs, n) = best_of(RUNS, || count_segments(&omegat, &paragraphs));
        let (rules, backtracking) = omegat.rule_counts();
        println!(
            "tmkit with OmegaT's fr-FR rules {:8.1} MB/s  ({n} segments; {rules} rules, {backtracking} on the backtracking engine)",
            mb / secs
        );
    } else {
        println!("OmegaT's default rules: skipped (no {jar}; apt-get install omegat)");
    }

    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = write_corpus(&dir.path().join("corpus.txt"), &paragraphs, 1);
    let cores = cores();
    let runs = [
        (Some(1), "tmkit segment --threads 1 FILE ".to_string()),
        (None, format!("tmkit segment FILE ({cores} threads)")),
    ];
    for (threads, label) in &runs {
        let cli_secs = best_of(RUNS, || run_binary(&corpus, *threads)).0;
        let cli_rate = mb / cli_secs;
        println!(
            "{label:<31} {cli_rate:8.1} MB/s  ({:.2}x the library)   bar >= 0.8x: {}",
            cli_rate / tmkit_rate,
            verdict(cli_rate / tmkit_rate >= 0.8)
        );
    }

    // CPU time: library passes, UAX #29 passes and runs of the binary
    // alternate, so that each figure sees the same load.
    let mut library = Vec::new();
    let mut uax = Vec::new();
    let mut binary = vec![Vec::new(); runs.len()];
    for _ in 0..RUNS {
        library.push(cpu(|| count_segments(&fr, &paragraphs)));
        uax.push(cpu(|| {
            paragraphs
                .iter()
                .map(|p| black_box(p.as_str()).unicode_sentences().count())
                .sum::<usize>()
        }));
        for ((threads, _), times) in runs.iter().zip(&mut binary) {
            times.push(common::child_cpu(|| run_binary(&corpus, *threads)));
        }
    }
    let library = mb / median(&mut library);
    println!(
        "in CPU time (user + system), median of {RUNS}, runs alternating; load {}:",
        load()
    );
    println!("  tmkit built-in fr-FR rules      {library:8.1} MB/s");
    let uax = mb / median(&mut uax);
    println!(
        "  ratio tmkit / UAX #29           {:8.2}x            bar >= 2x: {}",
        library / uax,
        verdict(library / uax >= 2.0)
    );
    for ((_, label), mut times) in runs.iter().zip(binary) {
        let rate = mb / median(&mut times);
        println!(
            "  {label:<31} {rate:8.1} MB/s  ({:.2}x the library)   bar >= 0.8x: {}",
            rate / library,
            verdict(rate / library >= 0.8)
        );
    }
    fixed_costs(&corpus, &paragraphs);

    memory(&paragraphs);
}

/// Runs `tmkit segment [--threads N] FILE > /dev/null`.
fn run_binary(corpus: &Path, threads: Option<usize>) {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_tmkit"));
    command.arg("segment");
    if let Some(n) = threads {
        command.arg("--threads").arg(n.to_string());
    }
    let status = command
        .arg(corpus)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("run tmkit");
    assert!(status.success(), "tmkit segment failed");
}

/// This thread's CPU time running `f`, in seconds.
fn cpu<T>(f: impl FnOnce() -> T) -> f64 {
    let start = thread_cpu_seconds();
    black_box(f());
    thread_cpu_seconds() - start
}

/// The load average over the last minute, as the kernel reports it.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "unknown".into())
}

/// What one run of the binary pays beside a warm pass of the library, in
/// this thread's CPU time (median of several): compiling the rules, the
/// first pass of a new segmenter beyond its second, reading and checking
/// the file, and writing the segments as the text format does.
fn fixed_costs(corpus: &Path, paragraphs: &[String]) {
    let mut compile = Vec::new();
    let mut first_pass = Vec::new();
    let mut read = Vec::new();
    let mut write = Vec::new();
    for _ in 0..RUNS {
        let mut fr = None;
        compile.push(cpu(|| {
            fr = Some(Segmenter::builtin_with_threads("fr-FR", 1).expect("rules"));
        }));
        let fr = fr.expect("compiled");
        let cold = cpu(|| count_segments(&fr, paragraphs));
        first_pass.push(cold - cpu(|| count_segments(&fr, paragraphs)));
        read.push(cpu(|| {
            let mut reader = Paragraphs::open(corpus).expect("open");
            let mut bytes = 0;
            while let Some(p) = reader.next_paragraph().expect("paragraph") {
                bytes += p.text.len();
            }
            bytes
        }));
        let mut spans = Vec::new();
        let segmented = cpu(|| {
            for p in paragraphs {
                fr.segment_into(p, &mut spans).expect("segment");
            }
        });
        let mut writer = SegmentWriter::new(
            std::io::BufWriter::with_capacity(256 * 1024, std::io::sink()),
            SegmentFormat::Text,
        );
        let both = cpu(|| {
            for (i, p) in paragraphs.iter().enumerate() {
                fr.segment_into(p, &mut spans).expect("segment");
                writer
                    .segments("corpus", i + 1, 0, p, &spans)
                    .expect("write");
            }
        });
        write.push(both - segmented);
    }
    println!(
        "  what the binary pays beside a warm library pass: compiling the rules {:.1} ms, the first pass's new DFA states {:.1} ms, reading and checking the file {:.1} ms, writing the segments {:.1} ms",
        median(&mut compile) * 1e3,
        median(&mut first_pass) * 1e3,
        median(&mut read) * 1e3,
        median(&mut write) * 1e3,
    );
}

/// Writes the paragraphs `copies` times to `path`, one per line.
fn write_corpus(path: &Path, paragraphs: &[String], copies: usize) -> std::path::PathBuf {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).expect("temp file"));
    for _ in 0..copies {
        for p in paragraphs {
            w.write_all(p.as_bytes()).expect("write");
            w.write_all(b"\n").expect("write");
        }
    }
    w.flush().expect("flush");
    path.to_path_buf()
}

fn count_segments(segmenter: &Segmenter, paragraphs: &[String]) -> usize {
    let mut spans = Vec::new();
    let mut n = 0;
    for p in paragraphs {
        segmenter.segment_into(p, &mut spans).expect("segment");
        n += spans.len();
    }
    n
}

fn omegat_default_rules(jar: &Path) -> Option<String> {
    let out = std::process::Command::new("unzip")
        .arg("-p")
        .arg(jar)
        .arg("org/omegat/core/segmentation/defaultRules.srx")
        .output()
        .ok()?;
    (out.status.success() && !out.stdout.is_empty())
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The threads `tmkit segment` uses by default.
fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

/// Peak RSS of streaming files of growing size through the reader and
/// writer, on one thread and on one per core.
fn memory(paragraphs: &[String]) {
    let dir = tempfile::tempdir().expect("temp dir");
    let exe = std::env::current_exe().expect("bench binary");
    let paths: Vec<_> = [1, 4]
        .into_iter()
        .map(|copies| {
            let path = dir.path().join(format!("corpus-{copies}.txt"));
            write_corpus(&path, paragraphs, copies)
        })
        .collect();
    for threads in [1, cores()] {
        let mut peaks = Vec::new();
        for path in &paths {
            let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
            let out = std::process::Command::new(&exe)
                .arg("--stream")
                .arg(path)
                .arg(threads.to_string())
                .output()
                .expect("child");
            let peak = String::from_utf8_lossy(&out.stdout)
                .trim()
                .parse::<f64>()
                .unwrap_or(f64::NAN);
            println!("streaming {size:6.1} MB file, {threads} thread(s): peak RSS {peak:6.1} MB");
            peaks.push(peak);
        }
        common::print_growth(&peaks);
    }
}

/// Child process: segments a file as `tmkit segment --threads N FILE >
/// /dev/null` does and prints its peak RSS in MB.
fn stream(path: &Path, threads: usize) {
    let fr = Segmenter::builtin("fr-FR").expect("rules");
    let sink = std::io::sink();
    let mut writer = SegmentWriter::new(std::io::BufWriter::new(sink), SegmentFormat::Text);
    let paragraphs = Paragraphs::open(path).expect("open");
    write_document_parallel(paragraphs, "corpus", &fr, &mut writer, threads).expect("segment");
    println!("{:.1}", peak_rss_mb());
}

/// Child process for instruction counts (`valgrind --tool=callgrind`): reads
/// FILE's paragraphs into memory and segments them `runs` times as the
/// library figure does; the difference between two counts is one warm pass.
fn library_passes(path: &Path, runs: usize) {
    let paragraphs: Vec<String> = Paragraphs::open(path)
        .expect("open")
        .map(|p| p.expect("paragraph").text)
        .collect();
    let fr = Segmenter::builtin("fr-FR").expect("rules");
    let n: usize = (0..runs).map(|_| count_segments(&fr, &paragraphs)).sum();
    println!("{n}");
}
