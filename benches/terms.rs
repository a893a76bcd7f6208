//! Term extraction throughput and memory, printed as figures (`cargo bench --bench terms`).
//!
//! Corpus: the French text in `../shared/data` (UD French-GSD dev and test raw
//! text, the ACTER French corpus texts), repeated to ≥ 20 MB in memory; it is
//! built at run time and never written into the project.
//!
//! Prints, single thread, best of several runs:
//! - the extractor end to end (sentence segmentation, tokenising, tagging,
//!   candidates, ranking in `finish`), MB/s, against the 20 MB/s bar, and
//!   as a ratio to a peer in the same run: segmenting and tokenising the
//!   same text alone (what any extractor must do before tagging);
//! - the real binary, `tmkit terms FILE -o OUT` on the same text in one
//!   file, in CPU time: the bar as the issue states it (end to end, the
//!   lexicon's load included, which the in-process figures leave out);
//! - peak memory (VmHWM) of extracting from 1× and 4× the corpus, each in a
//!   child process: the candidates' statistics grow with the vocabulary,
//!   not with the text, so repeating the text must not grow it.

mod common;

use common::{best_of, peak_rss_mb, verdict};

use tmkit::terms::lexicon::Lexicon;
use tmkit::terms::{Extractor, ExtractorOptions};

const TARGET_BYTES: usize = 20 * 1024 * 1024;
const RUNS: usize = 3;
/// Documents the repeated corpus is cut into, as a user's files would be.
const DOCUMENTS: usize = 40;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--copies") {
        let copies: usize = args[i + 1].parse().expect("copies");
        child(copies);
        return;
    }
    let shared = common::shared_data();
    let paragraphs = common::french_paragraphs(&shared, &["acter-fr/corp/texts"], TARGET_BYTES);
    let bytes: usize = paragraphs.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    println!(
        "corpus: {:.1} MB, {} paragraphs of French text (shared data, repeated)",
        mb,
        paragraphs.len()
    );
    // The lexicon is parsed once per process; load it outside the timing.
    let lexicon = Lexicon::french();
    let (secs, found) = best_of(RUNS, || extract(lexicon, &paragraphs));
    let rate = mb / secs;
    let (peer_secs, tokens) = best_of(RUNS, || tokenise(&paragraphs));
    println!(
        "tmkit terms extractor end to end {rate:8.1} MB/s  ({found} candidates)   bar >= 20 MB/s: {}",
        verdict(rate >= 20.0)
    );
    println!(
        "peer: segment + tokenise alone   {:8.1} MB/s  ({tokens} tokens)   extractor / peer: {:.2}",
        mb / peer_secs,
        peer_secs / secs
    );
    binary(&paragraphs, mb);
    memory();
}

/// The bar as the issue states it: `tmkit terms FILE -o OUT`, the real
/// binary end to end (the lexicon's load, reading, extraction, writing the
/// list) on the same text in one file, in CPU time (user + system) of the
/// child process, median of [`RUNS`].
fn binary(paragraphs: &[String], mb: f64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus.txt");
    std::fs::write(&corpus, paragraphs.join("\n")).expect("write the corpus");
    let out = dir.path().join("terms.csv");
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            common::child_cpu(|| {
                let status = std::process::Command::new(env!("CARGO_BIN_EXE_tmkit"))
                    .arg("terms")
                    .arg(&corpus)
                    .arg("-o")
                    .arg(&out)
                    .status()
                    .expect("run tmkit");
                assert!(status.success(), "tmkit terms failed");
            })
        })
        .collect();
    let rate = mb / common::median(&mut times);
    println!(
        "tmkit terms FILE -o OUT, CPU time {rate:8.1} MB/s  (user + system, median of {RUNS})   bar >= 20 MB/s: {}",
        verdict(rate >= 20.0)
    );
}

fn extract(lexicon: &Lexicon, paragraphs: &[String]) -> usize {
    let mut x = Extractor::new(lexicon, ExtractorOptions::default());
    let per_doc = paragraphs.len().div_ceil(DOCUMENTS).max(1);
    for (i, p) in paragraphs.iter().enumerate() {
        if i % per_doc == 0 {
            x.start_document(&format!("doc-{}", i / per_doc));
        }
        x.add_paragraph(i % per_doc + 1, p);
    }
    x.finish().len()
}

/// The peer: sentence segmentation and tokenisation alone; the tokens.
fn tokenise(paragraphs: &[String]) -> usize {
    let segmenter = tmkit::segment::Segmenter::builtin("fr-FR").expect("built-in rules");
    let mut spans = Vec::new();
    let mut n = 0;
    for p in paragraphs {
        spans.clear();
        segmenter.segment_into(p, &mut spans).expect("segment");
        for span in &spans {
            n += tmkit::terms::token::tokenize(&p[span.clone()]).len();
        }
    }
    n
}

/// Peak RSS of extracting from 1× and 4× the corpus, each in a child
/// process that streams the text (it never holds the corpus).
fn memory() {
    let exe = std::env::current_exe().expect("bench binary");
    let mut peaks = Vec::new();
    for copies in [1, 4] {
        let out = std::process::Command::new(&exe)
            .arg("--copies")
            .arg(copies.to_string())
            .output()
            .expect("child");
        let text = String::from_utf8_lossy(&out.stdout);
        let mut fields = text.split_whitespace();
        let size: f64 = fields
            .next()
            .and_then(|f| f.parse().ok())
            .unwrap_or(f64::NAN);
        let peak: f64 = fields
            .next()
            .and_then(|f| f.parse().ok())
            .unwrap_or(f64::NAN);
        println!("extracting from {size:6.1} MB: peak RSS {peak:6.1} MB");
        peaks.push(peak);
    }
    common::print_growth(&peaks);
}

/// Child process: feeds `copies` × 20 MB to one extractor, paragraph by
/// paragraph from the one-copy base (so the text in memory stays the same),
/// in the same number of documents whatever the size (each candidate lists
/// its documents: that output grows with their number, not with the text),
/// and prints the megabytes read and its peak RSS in MB.
fn child(copies: usize) {
    let base = common::french_paragraphs(
        &common::shared_data(),
        &["acter-fr/corp/texts"],
        TARGET_BYTES,
    );
    let mut x = Extractor::new(Lexicon::french(), ExtractorOptions::default());
    let per_doc = (base.len() * copies).div_ceil(DOCUMENTS).max(1);
    let mut line = 0;
    let mut n = 0;
    for _ in 0..copies {
        for p in &base {
            if n % per_doc == 0 {
                x.start_document(&format!("doc-{}", n / per_doc));
                line = 0;
            }
            n += 1;
            line += 1;
            x.add_paragraph(line, p);
        }
    }
    let bytes = x.bytes();
    let found = x.finish().len();
    assert!(found > 0);
    println!("{:.1} {:.1}", bytes as f64 / 1e6, peak_rss_mb());
}
