//! Leverage analysis of French prose against a large memory
//! (`cargo bench --bench analyze`).
//!
//! Memory: the Debian gettext corpus ([`common::gettext`], about 200,000
//! units). Documents: the shared French corpora ([`common::french_paragraphs`])
//! repeated to at least 20 MB in 10 documents, every copy but the first
//! with its words reordered a little (adjacent words swapped, each copy
//! from another place and at another stride), so that its segments are
//! new segments, not repetitions, and are looked up.
//!
//! Prints the time on one thread against the bar (≤ 2 minutes), the time
//! on two threads and the speed-up, CPU seconds beside wall seconds (the
//! machine is shared), and the bands. Then the peer: translate-toolkit's
//! fuzzy matcher ([`common::ttk`]) looking up a sample of the same segments
//! in the same memory (it has no analysis of its own, and looking segments
//! up is what an analysis costs), its time per segment against the
//! analysis's on one thread, wall time both; `--quick` leaves it out.

mod common;

use std::time::Instant;

use tmkit::analysis::{AnalysedDocument, AnalysedSegment, AnalysisOptions, analyze};
use tmkit::segment::Segmenter;
use tmkit::tm::index::Index;
use tmkit::tm::memory::{Memory, MemoryError};
use tmkit::tm::score::Scoring;

use common::gettext::units;
use common::verdict;

const TARGET_BYTES: usize = 20_000_000;
const DOCUMENTS: usize = 10;
/// Segments the peer looks up (about a minute of translate-toolkit).
const PEER_SAMPLE: usize = 250;

/// Swaps adjacent words, from a place and at a stride that depend on
/// `copy` (a different order for each of the first 40 copies).
fn reorder(paragraph: &str, copy: usize) -> String {
    let mut words: Vec<&str> = paragraph.split(' ').collect();
    let stride = 2 + (copy / 5) % 8;
    let mut i = copy % 5;
    while i + 1 < words.len() {
        words.swap(i, i + 1);
        i += stride;
    }
    words.join(" ")
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = common::shared_data();
    let base = common::french_paragraphs(&shared, &["acter-fr/corp/texts", "../seeds"], 1);
    let base_bytes: usize = base.iter().map(String::len).sum();
    let copies = TARGET_BYTES.div_ceil(base_bytes);
    let segmenter = Segmenter::builtin("fr-FR").expect("rules");
    // The copies, dealt into documents in order.
    let mut documents: Vec<AnalysedDocument> = (0..DOCUMENTS)
        .map(|d| AnalysedDocument {
            name: format!("prose-{d}.txt"),
            segments: Vec::new(),
        })
        .collect();
    let mut bytes = 0;
    let per_document = (copies * base.len()).div_ceil(DOCUMENTS);
    let mut n = 0;
    for copy in 0..copies {
        for (line, paragraph) in base.iter().enumerate() {
            let text = if copy == 0 {
                paragraph.clone()
            } else {
                reorder(paragraph, copy)
            };
            bytes += text.len();
            let document = &mut documents[(n / per_document).min(DOCUMENTS - 1)];
            n += 1;
            for (index, span) in segmenter
                .segment(&text)
                .expect("segments")
                .into_iter()
                .enumerate()
            {
                document.segments.push(AnalysedSegment {
                    text: text[span].to_string(),
                    translated: false,
                    line: line + 1,
                    index,
                });
            }
        }
    }
    let segments: usize = documents.iter().map(|d| d.segments.len()).sum();
    println!(
        "documents: {DOCUMENTS}, {:.1} MB of French prose ({copies} copies of the shared corpora), {segments} segments",
        bytes as f64 / 1e6
    );
    let mut memory = Memory::new("fr-FR", "en-GB");
    memory
        .add_units(
            "gettext",
            0,
            units(&root.join("target/bench-corpus"))
                .into_iter()
                .map(Ok::<_, MemoryError>),
        )
        .expect("memory");
    let started = Instant::now();
    let index = Index::build(&memory, Scoring::Tmkit);
    println!(
        "memory: {} units, index built in {:.2} s",
        memory.len(),
        started.elapsed().as_secs_f64()
    );
    let mut times = Vec::new();
    let mut result = None;
    for threads in [1usize, 2] {
        let options = AnalysisOptions {
            threads,
            ..AnalysisOptions::default()
        };
        let cpu = common::process_cpu_seconds();
        let started = Instant::now();
        let analysis = analyze(&documents, &index, &options, &|_, _| {});
        let wall = started.elapsed().as_secs_f64();
        let cpu = common::process_cpu_seconds() - cpu;
        times.push(wall);
        println!(
            "analyze on {threads} thread(s): {wall:.1} s wall, {cpu:.1} s CPU{}",
            if threads == 1 {
                format!("   bar <= 120 s: {}", verdict(wall <= 120.0))
            } else {
                String::new()
            }
        );
        if let Some(previous) = &result {
            assert_eq!(previous, &analysis, "threads must not change the analysis");
        }
        result = Some(analysis);
    }
    println!("speed-up on 2 threads: {:.2}x", times[0] / times[1]);
    if !quick {
        peer(root, &memory, &documents, times[0] / segments as f64);
    }
    let total = result.expect("an analysis").total();
    for (band, counts) in total.iter() {
        println!(
            "  {:<24} {:>8} segments {:>9} words",
            band.label(),
            counts.segments,
            counts.words
        );
    }
}

/// translate-toolkit's matcher on every so many of the documents'
/// segments, at the analysis's lowest band (50 %), against the analysis's
/// `per_segment` seconds.
fn peer(root: &std::path::Path, memory: &Memory, documents: &[AnalysedDocument], per_segment: f64) {
    let all: Vec<&AnalysedSegment> = documents.iter().flat_map(|d| &d.segments).collect();
    let step = all.len().div_ceil(PEER_SAMPLE);
    let sample: Vec<String> = all.iter().step_by(step).map(|s| s.text.clone()).collect();
    let Some(matcher) = common::ttk::Matcher::new(root, memory) else {
        return;
    };
    let Some(ttk) = matcher.run(&sample, 50) else {
        return;
    };
    let ours = per_segment * 1e3;
    println!(
        "translate-toolkit matcher --min 50 on {} of the segments (every {step}th): {:.1} ms per segment ({}); the analysis on one thread {ours:.3} ms per segment: {:.0}x",
        sample.len(),
        ttk.ms,
        ttk.report,
        ttk.ms / ours
    );
}
