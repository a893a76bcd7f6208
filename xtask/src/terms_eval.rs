//! `cargo xtask terms-eval`: the term extractor on the ACTER French
//! corruption corpus (`../shared/data/acter-fr/corp`), scored as TermEval 2020
//! scored systems, beside a naive n-gram baseline.
//!
//! Protocol (the corpus README): one flat list of unique candidate strings,
//! lowercased, Unicode NFC, dashes turned into `-`, apostrophes into `'`,
//! double quotes into `"`; exact match against the gold lists without
//! (`corp_fr_terms.tsv`) and with named entities (`corp_fr_terms_nes.tsv`).
//!
//! The extractor's list is exactly what `tmkit terms FILE...` keeps by
//! default (`ExtractorOptions::default()`, `--min-count 2`): every spelling seen of
//! every candidate, since the gold lists inflected forms separately. The
//! baseline is every 1–3-gram of word tokens within a sentence that neither
//! starts nor ends with a grammatical word (the lexicon's `po:mg`), seen at
//! least twice.
//!
//! The strings of a candidate are its variants and, for an acronym, the
//! expansion the text gives (it is in the output, and a term of its own).
//!
//! First the seeds ([`crate::seeds_eval`]). Every bar fails the command
//! when not met: the seeds' candidate precision and the curated entries
//! seen twice or more, the proposals, the product owner's examples, and F1
//! on ACTER (≥ 0.35 without named entities, ≥ 0.40 with; met since the
//! recall rules of issue 22).
//! Nothing here is fitted to ACTER: no rule or word list was taken from its
//! gold, and the thresholds were set on the seeds and by principle.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use tmkit::document::Paragraphs;
use tmkit::segment::Segmenter;
use tmkit::terms::lexicon::{Lexicon, Tags};
use tmkit::terms::token::{Shape, tokenize};
use tmkit::terms::{Extractor, ExtractorOptions};

use crate::shared;

/// The target F1 without and with named entities.
const TARGET_F1: [f64; 2] = [0.35, 0.40];

pub fn run(root: &Path) -> anyhow::Result<()> {
    let mut failed = crate::seeds_eval::run(root)?;
    let corp = shared(root)?.join("data/acter-fr/corp");
    let texts = texts(&corp.join("texts"))?;
    let lists = corp.join("annotations/unique_annotation_lists");
    let gold = [
        ("terms (no NEs)", gold(&lists.join("corp_fr_terms.tsv"))?),
        ("terms + NEs", gold(&lists.join("corp_fr_terms_nes.tsv"))?),
    ];

    let mut extractor = Extractor::new(Lexicon::french(), ExtractorOptions::default());
    for file in &texts {
        let paragraphs = Paragraphs::open(file)?;
        extractor.start_document(paragraphs.origin());
        for p in paragraphs {
            let p = p?;
            extractor.add_paragraph(p.line, &p.text);
        }
    }
    let candidates = extractor.finish();
    let ours: HashSet<String> = candidates
        .iter()
        .flat_map(|c| {
            c.variants
                .iter()
                .map(|(v, _)| normalise(v))
                .chain(c.expansion.as_deref().map(normalise))
        })
        .collect();
    let baseline = ngrams(&texts)?;

    println!(
        "ACTER fr corp: {} texts; {} candidates ({} strings) from tmkit terms (default, --min-count 2); {} from the n-gram baseline",
        texts.len(),
        candidates.len(),
        ours.len(),
        baseline.len()
    );
    for ((name, g), target) in gold.iter().zip(TARGET_F1) {
        for (who, list) in [("tmkit terms", &ours), ("1-3-gram baseline", &baseline)] {
            let (p, r, f) = prf(list, g);
            if who == "tmkit terms" && f < target {
                failed.push(format!("ACTER F1 {name}"));
            }
            let bar = if who == "tmkit terms" {
                format!(
                    "   target F1 >= {target}: {}",
                    if f >= target { "ok" } else { "BELOW" }
                )
            } else {
                String::new()
            };
            println!(
                "{name:15} ({:4} gold)  {who:18} P {p:.3}  R {r:.3}  F1 {f:.3}{bar}",
                g.len()
            );
        }
    }
    if !failed.is_empty() {
        bail!("below the bars: {}", failed.join("; "));
    }
    Ok(())
}

fn texts(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    if files.is_empty() {
        bail!("no texts in {}", dir.display());
    }
    Ok(files)
}

/// TermEval's normalisation.
fn normalise(s: &str) -> String {
    tmkit::text::nfc(s)
        .chars()
        .map(|c| match c {
            '\u{2010}'..='\u{2015}' => '-',
            '’' | '‘' | '´' | '`' => '\'',
            '“' | '”' | '„' => '"',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

fn gold(path: &Path) -> anyhow::Result<HashSet<String>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(text
        .lines()
        .filter_map(|l| l.split('\t').next())
        .filter(|t| !t.trim().is_empty())
        .map(normalise)
        .collect())
}

fn prf(list: &HashSet<String>, gold: &HashSet<String>) -> (f64, f64, f64) {
    let tp = list.intersection(gold).count() as f64;
    let p = if list.is_empty() {
        0.0
    } else {
        tp / list.len() as f64
    };
    let r = tp / gold.len().max(1) as f64;
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// The naive baseline: 1–3-grams of words within a sentence, not starting
/// or ending on a grammatical word, seen at least twice.
fn ngrams(texts: &[PathBuf]) -> anyhow::Result<HashSet<String>> {
    let lexicon = Lexicon::french();
    let segmenter = Segmenter::builtin("fr-FR")?;
    let mut stop: HashMap<String, bool> = HashMap::new();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for file in texts {
        for p in Paragraphs::open(file)? {
            let p = p?;
            for span in segmenter.segment(&p.text)? {
                let sentence = &p.text[span];
                let tokens = tokenize(sentence);
                // Runs of words and numbers; punctuation breaks them.
                let mut run: Vec<String> = Vec::new();
                for t in tokens
                    .iter()
                    .chain(std::iter::once(&tmkit::terms::token::Token {
                        span: 0..0,
                        shape: Shape::Punct,
                    }))
                {
                    if t.shape == Shape::Punct {
                        count_run(&run, lexicon, &mut stop, &mut counts);
                        run.clear();
                    } else {
                        run.push(sentence[t.span.clone()].to_string());
                    }
                }
            }
        }
    }
    Ok(counts
        .into_iter()
        .filter(|(_, n)| *n >= 2)
        .map(|(k, _)| k)
        .collect())
}

fn count_run(
    run: &[String],
    lexicon: &Lexicon,
    stop: &mut HashMap<String, bool>,
    counts: &mut HashMap<String, usize>,
) {
    let mut is_stop = |w: &str| -> bool {
        let w = normalise(w);
        *stop.entry(w.clone()).or_insert_with(|| {
            w.ends_with('\'')
                || w.chars().all(|c| !c.is_alphabetic())
                || lexicon
                    .analyse(&w)
                    .iter()
                    .any(|a| a.tags.contains(Tags::FUNCTION))
        })
    };
    for n in 1..=3 {
        for window in run.windows(n) {
            if is_stop(&window[0]) || is_stop(&window[n - 1]) {
                continue;
            }
            // Elided words join the next one without a space, as in the gold.
            let mut s = String::new();
            for (i, w) in window.iter().enumerate() {
                if i > 0 && !window[i - 1].ends_with(['\'', '’']) {
                    s.push(' ');
                }
                s.push_str(w);
            }
            *counts.entry(normalise(&s)).or_default() += 1;
        }
    }
}
