//! `cargo xtask fuzz [TARGET] [--time S]`: a mutation fuzzer on the stable
//! toolchain, std only (cargo-fuzz needs nightly).
//!
//! The targets are `tests/data/fuzz/targets.txt`: each names seeds under
//! `tests/data` and the `tmkit` arguments that read an input. The loop
//! mutates the seeds (bit flips, bytes and tokens that matter to XML, CSV and
//! regexes, deletions, splices, a chunk repeated many times) and runs the
//! release `tmkit` binary on each input in a child process under limits:
//! address space 1 GB (`ulimit -v`), 2 s of wall time. A panic, a signal,
//! an exit status other than 0 and 1, a hang or a failed allocation is a
//! finding: the input is kept in `tests/data/fuzz/regressions/TARGET/`,
//! which `cargo test` replays, and the job fails. An input whose outcome
//! (exit status and the shape of its first error line) was not seen before
//! joins the corpus, a cheap stand-in for coverage.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::fuzz_target::{HANG, Outcome, Target, run_one, seeds, targets};

/// Largest input the mutations make.
const MAX_INPUT: usize = 256 * 1024;
/// Largest corpus kept per target.
const MAX_CORPUS: usize = 4000;

/// Builds the release `tmkit` binary and returns its path.
pub fn build_tmkit(root: &Path) -> anyhow::Result<PathBuf> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--release", "--quiet", "--bin", "tmkit"])
        .current_dir(root)
        .status()
        .context("cannot run cargo build")?;
    if !status.success() {
        bail!("cargo build --release --bin tmkit failed");
    }
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    Ok(target_dir.join("release/tmkit"))
}

/// What one target's campaign did.
struct Campaign {
    runs: u64,
    corpus: usize,
    outcomes: usize,
    findings: Vec<(String, PathBuf)>,
}

/// `cargo xtask fuzz`: every target (or `only`) for `seconds` each.
pub fn run(root: &Path, only: Option<&str>, seconds: u64, seed: Option<u64>) -> anyhow::Result<()> {
    let all = targets(root)?;
    let chosen: Vec<&Target> = all
        .iter()
        .filter(|t| only.is_none_or(|o| o == t.name))
        .collect();
    if chosen.is_empty() {
        let names: Vec<&str> = all.iter().map(|t| t.name.as_str()).collect();
        bail!(
            "no fuzz target {:?}: the targets are {}",
            only.unwrap_or(""),
            names.join(", ")
        );
    }
    let tmkit = build_tmkit(root)?;
    let seed = seed.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1)
    });
    println!(
        "fuzz: {} target(s), {seconds} s each, seed {seed} (--seed {seed} repeats the mutations)",
        chosen.len()
    );
    let mut failed = Vec::new();
    for t in chosen {
        let c = campaign(&tmkit, root, t, Duration::from_secs(seconds), seed)?;
        println!(
            "fuzz {:<10} {:>7} runs  {:>4} in corpus  {:>4} distinct outcomes  {} finding(s)",
            t.name,
            c.runs,
            c.corpus,
            c.outcomes,
            c.findings.len()
        );
        for (what, path) in &c.findings {
            println!("  {what}: kept as {}", path.display());
            failed.push(t.name.clone());
        }
    }
    if !failed.is_empty() {
        bail!(
            "findings in {}: each input is kept under tests/data/fuzz/regressions/ (cargo test replays them); fix them and commit the inputs",
            failed.join(", ")
        );
    }
    Ok(())
}

fn campaign(
    tmkit: &Path,
    root: &Path,
    t: &Target,
    budget: Duration,
    seed: u64,
) -> anyhow::Result<Campaign> {
    let scratch = tempfile::tempdir()?;
    let mut corpus = seeds(root, t, MAX_INPUT)?;
    let mut seen: HashSet<String> = HashSet::new();
    let mut findings = Vec::new();
    let mut runs = 0;
    // The seeds first: their outcomes are what is known.
    for input in corpus.clone() {
        let outcome = run_one(tmkit, root, t, &input, scratch.path(), HANG)?;
        runs += 1;
        if let Outcome::Normal(shape) = &outcome {
            seen.insert(shape.clone());
        }
        keep(root, t, &input, &outcome, &mut findings)?;
    }
    let mut rng = Rng(seed ^ fnv(t.name.as_bytes()) | 1);
    let start = Instant::now();
    while start.elapsed() < budget {
        let base = &corpus[rng.below(corpus.len())];
        let other = &corpus[rng.below(corpus.len())];
        let mut input = base.clone();
        for _ in 0..1 + rng.below(4) {
            mutate(&mut rng, &mut input, other);
        }
        let outcome = run_one(tmkit, root, t, &input, scratch.path(), HANG)?;
        runs += 1;
        match &outcome {
            Outcome::Normal(shape) => {
                if seen.insert(shape.clone()) && corpus.len() < MAX_CORPUS {
                    corpus.push(input);
                }
            }
            _ => keep(root, t, &input, &outcome, &mut findings)?,
        }
    }
    Ok(Campaign {
        runs,
        corpus: corpus.len(),
        outcomes: seen.len(),
        findings,
    })
}

/// Keeps `input` under the target's regressions if `outcome` is a finding.
fn keep(
    root: &Path,
    t: &Target,
    input: &[u8],
    outcome: &Outcome,
    findings: &mut Vec<(String, PathBuf)>,
) -> anyhow::Result<()> {
    let Some(kind) = outcome.finding() else {
        return Ok(());
    };
    let dir = root.join("tests/data/fuzz/regressions").join(&t.name);
    fs::create_dir_all(&dir)?;
    let path = dir.join(format!("{kind}-{:016x}.{}", fnv(input), t.extension));
    fs::write(&path, input)?;
    findings.push((format!("{outcome:?}"), path));
    Ok(())
}

/// FNV-1a: a finding's file name.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    })
}

/// xorshift64*: reproducible with `--seed`.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Tokens that matter to the readers: XML, entities, CSV, regexes, French
/// typography and the characters XML refuses.
const TOKENS: &[&str] = &[
    "<",
    ">",
    "&",
    "\"",
    "'",
    "</",
    "/>",
    "<tu>",
    "</tu>",
    "<tuv xml:lang=\"fr-FR\">",
    "<seg>",
    "</seg>",
    "<bpt i=\"1\">",
    "<ept i=\"1\">",
    "<ph>",
    "<prop type=\"x\">",
    "<note>",
    "xml:lang=\"\"",
    " a=\"1\"",
    "&#1;",
    "&#x10FFFF;",
    "&amp;",
    "&lt;",
    "&bogus;",
    "<![CDATA[",
    "]]>",
    "<!--",
    "-->",
    "<?pi x?>",
    "<!DOCTYPE x [<!ENTITY a \"b\">]>",
    "<termEntry>",
    "<langSet xml:lang=\"fr\">",
    "<tig>",
    "<term>",
    "<rule break=\"no\">",
    "<beforebreak>",
    "<afterbreak>",
    ",",
    ";",
    "\t",
    "\n",
    "\r\n",
    "\"\"",
    "=",
    "+",
    "@",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "(?",
    "(?<!",
    "(?=",
    "\\p{L}",
    "\\b",
    "\\Q",
    "\\E",
    "\\u00",
    "*",
    "+?",
    "{1000}",
    "{2,}",
    "|",
    "^",
    "$",
    ".",
    "\\",
    "\\1",
    "[^",
    "&&",
    "’",
    "«",
    "»",
    "\u{a0}",
    "\u{202f}",
    "\u{feff}",
    "\u{fffe}",
    "\u{10ffff}",
    "\0",
    "\u{7}",
    "é",
    "É",
    "M.",
    "Le Grand Prix ",
    "ONU ",
    "fr-FR",
    "en-GB",
    "approved",
    "rejected",
    "=HYPERLINK(",
];

fn mutate(rng: &mut Rng, input: &mut Vec<u8>, other: &[u8]) {
    let len = input.len();
    let at = rng.below(len + 1);
    match rng.below(10) {
        0 if len > 0 => {
            let i = rng.below(len);
            input[i] ^= 1 << rng.below(8);
        }
        1 if len > 0 => {
            let i = rng.below(len);
            input[i] = [0, 0xff, 0x7f, 0x80, 0xc3, 0xe2, b'<', b'&', b'"', b'\n'][rng.below(10)];
        }
        2 if len > 0 => {
            let n = 1 + rng.below((len / 4).clamp(1, 64));
            let end = (at + n).min(len);
            input.drain(at.min(end)..end);
        }
        3 | 4 => {
            let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
            input.splice(at..at, token.iter().copied());
        }
        5 if len > 0 => {
            // A chunk repeated many times: what finds the scans that grow
            // faster than the input.
            let start = rng.below(len);
            let n = 1 + rng.below((len - start).min(32));
            let chunk = input[start..start + n].to_vec();
            let scale = 1 << (1 + rng.below(12));
            let times = 2 + rng.below(scale);
            let mut repeated = Vec::with_capacity(n * times);
            for _ in 0..times {
                repeated.extend_from_slice(&chunk);
            }
            input.splice(start..start, repeated);
        }
        6 if !other.is_empty() => {
            let start = rng.below(other.len());
            let n = 1 + rng.below((other.len() - start).min(256));
            input.splice(at..at, other[start..start + n].iter().copied());
        }
        7 => input.truncate(at),
        8 => {
            let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
            let scale = 1 << rng.below(12);
            let times = 1 + rng.below(scale);
            let repeated: Vec<u8> = token.repeat(times);
            input.splice(at..at, repeated);
        }
        _ if len > 1 => {
            let a = rng.below(len);
            let b = rng.below(len);
            input.swap(a, b);
        }
        _ => input.push(rng.next() as u8),
    }
    input.truncate(MAX_INPUT);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mutations_stay_within_the_largest_input() {
        let mut rng = Rng(7);
        let mut input = b"<tu><tuv xml:lang=\"fr\"><seg>a</seg></tuv></tu>".to_vec();
        for _ in 0..2000 {
            mutate(&mut rng, &mut input, b"other");
            assert!(input.len() <= MAX_INPUT);
        }
    }
}
