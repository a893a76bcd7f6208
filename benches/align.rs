//! Alignment throughput, printed as figures (`cargo bench --bench align`).
//!
//! Corpus: the seeds and their English translations as the fixture workspace
//! keeps them (`tests/data/workspace/seeds`, so that the figure does not move
//! when documents are added to `seeds/`),
//! segmented, concatenated 60 times into one long bitext of about 6,400
//! French sentences and aligned as whole documents (no paragraph
//! constraint, the banded dynamic programme a novel goes through), then
//! paragraph by paragraph as `cargo xtask export` does. Prints sentences
//! aligned per second (French plus English), single thread, best of three,
//! for tmkit's aligner and, in the same run, for the plain Gale–Church length
//! model, its peer, and the ratio of the two.

mod common;

use std::path::Path;

use tmkit::align::Aligner;
use tmkit::align::document::{ParagraphMode, SegmentedDocument, align_documents};
use tmkit::segment::Segmenter;

use common::best_of;

const COPIES: usize = 60;
const RUNS: usize = 3;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/workspace");
    let fr_seg = Segmenter::builtin("fr-FR").expect("rules");
    let en_seg = Segmenter::builtin("en-GB").expect("rules");
    let mut fr = Vec::new();
    let mut en = Vec::new();
    let mut pairs = Vec::new();
    for seed in tmkit::workspace::Workspace::new(&root)
        .french_seeds()
        .expect("seeds")
    {
        let english = root.join("seeds/en").join(seed.file_name().expect("name"));
        let f = SegmentedDocument::segment(&seed, &fr_seg).expect("fr");
        let e = SegmentedDocument::segment(&english, &en_seg).expect("en");
        for p in &f.paragraphs {
            fr.extend(p.spans.iter().map(|s| p.text[s.clone()].to_string()));
        }
        for p in &e.paragraphs {
            en.extend(p.spans.iter().map(|s| p.text[s.clone()].to_string()));
        }
        pairs.push((f, e));
    }
    let fr_long: Vec<&str> = (0..COPIES)
        .flat_map(|_| fr.iter().map(String::as_str))
        .collect();
    let en_long: Vec<&str> = (0..COPIES)
        .flat_map(|_| en.iter().map(String::as_str))
        .collect();
    let sentences = (fr_long.len() + en_long.len()) as f64;
    println!(
        "whole-document bitext: {} French and {} English sentences (the seeds, {COPIES} times)",
        fr_long.len(),
        en_long.len()
    );
    let mut rates = Vec::new();
    for (name, aligner) in [
        ("tmkit", Aligner::default()),
        ("Gale–Church", Aligner::length_only()),
    ] {
        let (secs, _) = best_of(RUNS, || aligner.align(&fr_long, &en_long).len());
        println!(
            "  {name:<12} {:9.0} sentences/s ({secs:.2} s)",
            sentences / secs
        );
        rates.push(sentences / secs);
    }
    println!("  tmkit / Gale–Church {:.3}x", rates[0] / rates[1]);
    let per_paragraph: f64 = pairs
        .iter()
        .map(|(f, e)| (f.sentences() + e.sentences()) as f64)
        .sum();
    println!("paragraph by paragraph (the export): {per_paragraph} sentences");
    let mut rates = Vec::new();
    for (name, aligner) in [
        ("tmkit", Aligner::default()),
        ("Gale–Church", Aligner::length_only()),
    ] {
        let (secs, _) = best_of(RUNS, || {
            pairs
                .iter()
                .map(|(f, e)| {
                    align_documents(f, e, ParagraphMode::Strict, &aligner)
                        .expect("align")
                        .beads
                        .len()
                })
                .sum::<usize>()
        });
        println!("  {name:<12} {:9.0} sentences/s", per_paragraph / secs);
        rates.push(per_paragraph / secs);
    }
    println!("  tmkit / Gale–Church {:.3}x", rates[0] / rates[1]);
}
