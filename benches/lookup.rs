//! Fuzzy lookup: speed against the bars and against translate-toolkit's
//! matcher, index build time and memory (`cargo bench --bench lookup`).
//!
//! Memory: the Debian gettext corpus ([`common::gettext`]), 1,000 French
//! sources held out of it as queries (every unit with one of those sources
//! is left out, so a query has no 100 % match by construction).
//!
//! Prints, one thread (times in CPU time of the thread, which a shared
//! machine's load does not inflate as it does the wall clock, shown too):
//! - index build time and the index's size against the memory's text;
//! - lookup mean and 99th percentile at `--min 50 --max 5` and
//!   `--min 75 --max 5`, with both scorings;
//! - translate-toolkit's `translate.search.match.matcher` (PyPI, with
//!   rapidfuzz, in a venv under `target/`) on the same memory, queries and
//!   threshold, and the ratio;
//! - in child processes: index build time and peak memory at 200,000,
//!   1,000,000 and 4,000,000 units (the corpus repeated, each copy's
//!   sources made distinct).
//!
//! `--quick` skips translate-toolkit and the 1 M / 4 M children;
//! `LOOKUP_PROFILE=ROUNDS[,omegat]` (e.g. `LOOKUP_PROFILE=1`) builds one
//! index (tmkit's scoring unless `omegat` is given) and runs only the
//! `--min 50` lookups, `ROUNDS` times over the queries (10 unless given), to
//! profile them: `valgrind --tool=callgrind
//! --toggle-collect='*Searcher*search*'` counts the lookups' instructions
//! alone.

mod common;

use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use tmkit::tm::index::Index;
use tmkit::tm::memory::{Memory, MemoryError};
use tmkit::tm::score::{Scoring, Segment};
use tmkit::tm::{Unit, Variant};

use common::gettext::units;
use common::{peak_rss_mb, verdict};

const QUERIES: usize = 1000;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("target/bench-corpus");
    if let Some(i) = args.iter().position(|a| a == "--child") {
        let n: usize = args[i + 1].parse().expect("unit count");
        child(&corpus, n);
        return;
    }
    let quick = args.iter().any(|a| a == "--quick");
    if let Ok(profile) = std::env::var("LOOKUP_PROFILE") {
        let rounds: usize = profile
            .split(',')
            .find_map(|p| p.parse().ok())
            .unwrap_or(10);
        let scoring = if profile.split(',').any(|p| p == "omegat") {
            Scoring::Omegat
        } else {
            Scoring::Tmkit
        };
        let all = units(&corpus);
        let (memory_units, queries) = hold_out(&all);
        let memory = load(memory_units.into_iter());
        let cpu = common::thread_cpu_seconds();
        let index = Index::build(&memory, scoring);
        println!(
            "{scoring:?} index build: {:.3} s of CPU",
            common::thread_cpu_seconds() - cpu
        );
        let mut searcher = index.searcher();
        let started = Instant::now();
        let cpu = common::thread_cpu_seconds();
        for _ in 0..rounds {
            for q in &queries {
                black_box(searcher.search(Segment::plain(q), None, 50, 5));
            }
        }
        println!(
            "{:.3} ms per query, cpu {:.3}",
            started.elapsed().as_secs_f64() * 1e3 / (rounds * queries.len()) as f64,
            (common::thread_cpu_seconds() - cpu) * 1e3 / (rounds * queries.len()) as f64
        );
        return;
    }
    let all = units(&corpus);
    let (memory_units, queries) = hold_out(&all);
    println!(
        "corpus: {} units; memory {} units, {} held-out French queries",
        all.len(),
        memory_units.len(),
        queries.len()
    );
    let started = Instant::now();
    let memory = load(memory_units.iter().cloned());
    let load_secs = started.elapsed().as_secs_f64();
    let text_mb = memory.text_bytes() as f64 / 1e6;
    for scoring in [Scoring::Tmkit, Scoring::Omegat] {
        let (build_secs, index) = common::best_cpu_of(3, || Index::build(&memory, scoring));
        let index_mb = index.heap_bytes() as f64 / 1e6;
        println!(
            "{scoring:?}: memory loaded in {load_secs:.2} s ({text_mb:.1} MB of text); index built in {build_secs:.2} s of CPU (best of 3)   bar <= 1 s: {}; index {index_mb:.1} MB = {:.2}x the text   bar <= 3x: {}",
            verdict(build_secs <= 1.0),
            index_mb / text_mb,
            verdict(index_mb <= 3.0 * text_mb)
        );
        let mut searcher = index.searcher();
        for (min, mean_bar, p99_bar) in [(50u8, 0.5, 5.0), (75, 0.1, f64::INFINITY)] {
            let mut wall = Vec::with_capacity(queries.len());
            let mut cpu = Vec::with_capacity(queries.len());
            let mut found = 0;
            for q in &queries {
                let (start, start_cpu) = (Instant::now(), common::thread_cpu_seconds());
                let m = searcher.search(Segment::plain(q), None, min, 5);
                cpu.push((common::thread_cpu_seconds() - start_cpu) * 1e3);
                wall.push(start.elapsed().as_secs_f64() * 1e3);
                found += usize::from(!m.is_empty());
                black_box(m);
            }
            let (mean, p99) = mean_p99(&mut cpu);
            let (wall_mean, wall_p99) = mean_p99(&mut wall);
            println!(
                "  lookup --min {min} --max 5: CPU mean {mean:.3} ms (bar <= {mean_bar} ms: {}), p99 {p99:.3} ms{}; wall mean {wall_mean:.3}, p99 {wall_p99:.3} ms; {found} of {} queries matched",
                verdict(mean <= mean_bar),
                if p99_bar.is_finite() {
                    format!(" (bar <= {p99_bar} ms: {})", verdict(p99 <= p99_bar))
                } else {
                    String::new()
                },
                queries.len()
            );
        }
    }
    if quick {
        return;
    }
    translate_toolkit(root, &memory, &queries);
    for n in [200_000usize, 1_000_000, 4_000_000] {
        let out = Command::new(std::env::current_exe().expect("exe"))
            .args(["--child", &n.to_string()])
            .output()
            .expect("child");
        print!("{}", String::from_utf8_lossy(&out.stdout));
    }
}

/// Splits off `QUERIES` distinct French sources, spread over the corpus:
/// the units left (none with a held-out source) and the queries.
fn hold_out(all: &[Unit]) -> (Vec<Unit>, Vec<String>) {
    let source = |u: &Unit| u.variants[0].text();
    // A little more often than every len/1000th unit: some sources repeat.
    let step = (all.len() / (QUERIES + QUERIES / 5)).max(1);
    let mut held = std::collections::BTreeSet::new();
    let mut queries = Vec::new();
    for u in all.iter().step_by(step) {
        let s = source(u);
        if !s.trim().is_empty() && s.len() < 500 && held.insert(s.clone()) {
            queries.push(s);
        }
        if queries.len() == QUERIES {
            break;
        }
    }
    let kept = all
        .iter()
        .filter(|u| !held.contains(&source(u)))
        .cloned()
        .collect();
    (kept, queries)
}

fn load(units: impl Iterator<Item = Unit>) -> Memory {
    let mut memory = Memory::new("fr-FR", "en-GB");
    memory
        .add_units("gettext", 0, units.map(Ok::<_, MemoryError>))
        .expect("memory");
    memory
}

fn mean_p99(times: &mut [f64]) -> (f64, f64) {
    times.sort_by(f64::total_cmp);
    let mean = times.iter().sum::<f64>() / times.len() as f64;
    let p99 = times[(times.len() * 99 / 100).min(times.len() - 1)];
    (mean, p99)
}

/// Child: builds a memory of `n` units (the corpus repeated, each copy's
/// sources made distinct) and its index; prints the build times and the
/// peak memory.
fn child(corpus: &Path, n: usize) {
    let all = units(corpus);
    let mut made = Vec::with_capacity(n);
    let mut round = 0;
    while made.len() < n {
        for u in &all {
            if made.len() == n {
                break;
            }
            if round == 0 {
                made.push(u.clone());
                continue;
            }
            let mut copy = Unit::new(&format!("{round}:{}", u.tuid().unwrap_or("")));
            copy.variants.push(Variant::plain(
                "fr-FR",
                &format!("{} ({round})", u.variants[0].text()),
            ));
            copy.variants.push(u.variants[1].clone());
            made.push(copy);
        }
        round += 1;
    }
    let before = peak_rss_mb();
    let started = common::thread_cpu_seconds();
    let memory = load(made.into_iter());
    let load_secs = common::thread_cpu_seconds() - started;
    let started = common::thread_cpu_seconds();
    let index = Index::build(&memory, Scoring::Tmkit);
    let build_secs = common::thread_cpu_seconds() - started;
    println!(
        "{n:>9} units: memory {:.1} MB of text loaded in {load_secs:.2} s of CPU; index built in {build_secs:.2} s of CPU, {:.1} MB ({:.2}x the text); peak RSS {:.0} MB (units held before loading: {before:.0} MB)",
        memory.text_bytes() as f64 / 1e6,
        index.heap_bytes() as f64 / 1e6,
        index.heap_bytes() as f64 / memory.text_bytes() as f64,
        peak_rss_mb()
    );
}

/// translate-toolkit's matcher on the same memory and queries, against
/// tmkit's search on the same cleaned texts.
fn translate_toolkit(root: &Path, memory: &Memory, queries: &[String]) {
    let Some(matcher) = common::ttk::Matcher::new(root, memory) else {
        return;
    };
    let cleaned: Vec<String> = queries.iter().map(|q| common::ttk::clean(q)).collect();
    let index = Index::build(memory, Scoring::Tmkit);
    let mut searcher = index.searcher();
    for min in [50u8, 75] {
        let Some(ttk) = matcher.run(queries, min) else {
            return;
        };
        // Wall time, as the script measures its own.
        let started = Instant::now();
        for q in &cleaned {
            black_box(searcher.search(Segment::plain(q), None, min, 5));
        }
        let ours = started.elapsed().as_secs_f64() * 1e3 / cleaned.len() as f64;
        println!(
            "translate-toolkit matcher --min {min}: {:.2} ms per query ({}); tmkit {ours:.3} ms: {:.0}x   bar >= 100x: {}",
            ttk.ms,
            ttk.report,
            ttk.ms / ours,
            verdict(ttk.ms / ours >= 100.0)
        );
    }
}
