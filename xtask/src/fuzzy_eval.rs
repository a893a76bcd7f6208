//! `cargo xtask fuzzy-eval`: tmkit's percentages, word counts and
//! analysis bands against OmegaT 3.6 itself (Debian's `omegat`, through
//! `../shared/tools/omegat-fuzzy` and `omegat-project`), with the bars CI
//! enforces.
//!
//! 1. **Scores**: queries held out of the Debian gettext corpus (the one
//!    `cargo bench --bench tmx` builds) and their best matches in the rest
//!    of it, found by tmkit with `--scoring omegat` (down to 30 %, where
//!    OmegaT stops): at least 1,000 pairs; tmkit's score must equal OmegaT's
//!    adjusted score on ≥ 99 % of them and fall in the same band on
//!    ≥ 99.5 %; its stemmed and unstemmed word scores (what decides whether
//!    OmegaT scores a candidate) must equal OmegaT's on ≥ 99 %.
//! 2. **The fixture** `tests/data/score/omegat-pairs.tsv` (sentences written
//!    for tmkit, which `cargo test` checks): its figures must still be
//!    OmegaT's (`UPDATE_EXPECT=1` rewrites them).
//! 3. **Word counts** of every segment of the seeds and of the French text
//!    in `../shared/data`: equal to OmegaT's on ≥ 99 %.
//! 4. **Bands**: an OmegaT project made of documents and a memory in `tm/`;
//!    OmegaT's match statistics (`omegat-project --stats`) against
//!    `tmkit analyze --scoring omegat --repetitions-first`: OmegaT's
//!    "95-100%" row equals tmkit's 101 + 100 + 95-99, its repetitions
//!    tmkit's repetitions and cross-file repetitions, every other row equal,
//!    in segments and words. Each segment whose band differs is listed with
//!    OmegaT's scores and tmkit's, and OmegaT's stemmed score of tmkit's
//!    match (`omegat-fuzzy`): OmegaT's `FindMatches` scores a candidate only
//!    when its stemmed or unstemmed word score reaches 30, which
//!    `--scoring omegat` reproduces (`tm::score::stems`), and item 1 checks
//!    those word scores against OmegaT's on its pairs too.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};
use tmkit::analysis::{self, AnalysisOptions, Band, Precedence};
use tmkit::segment::Segmenter;
use tmkit::tm::index::Index;
use tmkit::tm::memory::{Memory, MemoryError};
use tmkit::tm::score::stems::Words;
use tmkit::tm::score::tokens::word_count;
use tmkit::tm::score::{Scoring, Segment, score};
use tmkit::tm::tmx::TmxWriter;
use tmkit::tm::{Header, Unit, UnitWriter, Variant};

use crate::interop::run_tool;
use crate::shared;

// The corpus code the benchmarks use, so both measure on the same units.
#[allow(dead_code)]
#[path = "../../benches/common/gettext.rs"]
mod gettext;

/// Pairs the score evaluation needs at the least.
const MIN_PAIRS: usize = 1000;

/// A text as `omegat-fuzzy` reads it: `\`, tab, CR and LF escaped.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

pub(crate) fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// OmegaT's band of an adjusted score, as its statistics count.
pub(crate) fn omegat_band(score: u8) -> &'static str {
    match score {
        95.. => "95-100",
        85..=94 => "85-94",
        75..=84 => "75-84",
        50..=74 => "50-74",
        _ => "no match",
    }
}

/// Runs `omegat-fuzzy [ARGS] FILE` on `lines` (written to `dir/NAME`, one
/// escaped line each) and returns its output's tab-separated fields, one
/// line per input line.
fn omegat_fuzzy(
    shared: &Path,
    dir: &Path,
    name: &str,
    args: &[&str],
    lines: impl ExactSizeIterator<Item = String>,
) -> anyhow::Result<Vec<Vec<String>>> {
    let count = lines.len();
    let input = dir.join(name);
    let mut text = String::new();
    for line in lines {
        writeln!(text, "{line}")?;
    }
    std::fs::write(&input, text)?;
    let label = ["omegat-fuzzy"]
        .into_iter()
        .chain(args.iter().copied())
        .collect::<Vec<_>>()
        .join(" ");
    let out = run_tool(
        Command::new(shared.join("tools/omegat-fuzzy"))
            .args(args)
            .arg(&input),
        &label,
    )?;
    let fields: Vec<Vec<String>> = out
        .lines()
        .map(|line| line.split('\t').map(str::to_string).collect())
        .collect();
    if fields.len() != count {
        bail!("{label} gave {} lines for {count} inputs", fields.len());
    }
    Ok(fields)
}

/// A field of `omegat-fuzzy`'s output as a number.
fn field<T: std::str::FromStr>(fields: &[String], at: usize) -> anyhow::Result<T> {
    fields
        .get(at)
        .and_then(|s| s.parse().ok())
        .with_context(|| {
            format!(
                "omegat-fuzzy printed a malformed line: {}",
                fields.join("\t")
            )
        })
}

fn pair_lines(pairs: &[(String, String)]) -> impl ExactSizeIterator<Item = String> + '_ {
    pairs
        .iter()
        .map(|(q, c)| format!("{}\t{}", escape(q), escape(c)))
}

/// OmegaT's figures for a (query, candidate) pair.
struct Omegat {
    /// The stemmed score (what its `FindMatches` ranks candidates by).
    stemmed: u8,
    /// The score over lower-cased words, unstemmed.
    nostem: u8,
    /// The adjusted score (what its statistics band).
    adjusted: u8,
    /// The query's word count.
    words: usize,
}

/// OmegaT's figures for each (query, candidate).
fn omegat_scores(
    shared: &Path,
    pairs: &[(String, String)],
    dir: &Path,
) -> anyhow::Result<Vec<Omegat>> {
    if pairs.is_empty() {
        return Ok(Vec::new());
    }
    omegat_fuzzy(shared, dir, "pairs.tsv", &[], pair_lines(pairs))?
        .iter()
        .map(|f| {
            Ok(Omegat {
                stemmed: field(f, 0)?,
                nostem: field(f, 1)?,
                adjusted: field(f, 2)?,
                words: field(f, 3)?,
            })
        })
        .collect()
}

/// OmegaT's word count of each text.
fn omegat_words(shared: &Path, texts: &[String], dir: &Path) -> anyhow::Result<Vec<usize>> {
    omegat_fuzzy(
        shared,
        dir,
        "texts.txt",
        &["--words"],
        texts.iter().map(|t| escape(t)),
    )?
    .iter()
    .map(|f| field(f, 0))
    .collect()
}

struct Bar<'a> {
    failures: &'a mut Vec<String>,
}

impl Bar<'_> {
    fn check(&mut self, what: &str, got: f64, bar: f64, detail: &str) {
        let ok = got + 1e-9 >= bar;
        println!(
            "{what:<46} {:6.2} %   bar >= {bar:.1} %  {}  {detail}",
            got,
            if ok { "ok" } else { "FAIL" }
        );
        if !ok {
            self.failures.push(what.to_string());
        }
    }
}

pub fn run(root: &Path) -> anyhow::Result<()> {
    let shared = shared(root)?;
    let tmp = tempfile::tempdir()?;
    let mut failures = Vec::new();
    let mut bar = Bar {
        failures: &mut failures,
    };
    scores(root, &shared, tmp.path(), &mut bar)?;
    fixture(root, &shared, tmp.path(), &mut bar)?;
    words(root, &shared, tmp.path(), &mut bar)?;
    bands(root, &shared, tmp.path(), &mut bar)?;
    if !failures.is_empty() {
        bail!("below the bar: {}", failures.join(", "));
    }
    Ok(())
}

/// 1. Held-out gettext queries and their best matches.
fn scores(root: &Path, shared: &Path, dir: &Path, bar: &mut Bar<'_>) -> anyhow::Result<()> {
    let units = gettext::units(&root.join("target/bench-corpus"));
    if units.len() < 10_000 {
        bail!(
            "the gettext corpus has {} units only: `cargo bench --bench tmx` builds it with apt-get download",
            units.len()
        );
    }
    // Every 150th distinct source is a query; units with a query's source
    // are left out of the memory.
    let source = |u: &Unit| u.variants[0].text();
    let mut held = std::collections::BTreeSet::new();
    let mut queries = Vec::new();
    for u in units.iter().step_by(150) {
        let s = source(u);
        if !s.trim().is_empty() && held.insert(s.clone()) {
            queries.push(s);
        }
    }
    let mut memory = Memory::new("fr-FR", "en-GB");
    memory.add_units(
        "gettext",
        0,
        units
            .iter()
            .filter(|u| !held.contains(&source(u)))
            .cloned()
            .map(Ok::<_, MemoryError>),
    )?;
    let index = Index::build(&memory, Scoring::Omegat);
    let mut searcher = index.searcher();
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut used = 0;
    for q in &queries {
        if pairs.len() >= MIN_PAIRS + MIN_PAIRS / 2 {
            break;
        }
        used += 1;
        for m in searcher.search(Segment::plain(q), None, 30, 5) {
            pairs.push((q.clone(), memory.source(m.hits[0].pair).text.to_string()));
        }
    }
    let theirs = omegat_scores(shared, &pairs, dir)?;
    let ours: Vec<u8> = pairs
        .iter()
        .map(|(q, c)| score(Scoring::Omegat, Segment::plain(q), Segment::plain(c)).percent)
        .collect();
    let same = ours
        .iter()
        .zip(&theirs)
        .filter(|(a, b)| **a == b.adjusted)
        .count();
    let same_band = ours
        .iter()
        .zip(&theirs)
        .filter(|(a, b)| omegat_band(**a) == omegat_band(b.adjusted))
        .count();
    let n = pairs.len();
    for ((q, c), (a, b)) in pairs
        .iter()
        .zip(ours.iter().zip(&theirs))
        .filter(|(_, (a, b))| **a != b.adjusted)
        .take(5)
    {
        println!("  differs: tmkit {a}, OmegaT {}: {q:?} / {c:?}", b.adjusted);
    }
    // The stemmed and unstemmed word scores that decide whether OmegaT
    // scores a candidate at all (`tm::score::stems`).
    let words: Vec<(u8, u8)> = pairs
        .iter()
        .map(|(q, c)| Words::of(q).scores(&Words::of(c)))
        .collect();
    let same_words = words
        .iter()
        .zip(&theirs)
        .filter(|(w, b)| **w == (b.stemmed, b.nostem))
        .count();
    for ((q, c), (w, b)) in pairs
        .iter()
        .zip(words.iter().zip(&theirs))
        .filter(|(_, (w, b))| **w != (b.stemmed, b.nostem))
        .take(5)
    {
        println!(
            "  word scores differ: tmkit {w:?}, OmegaT ({}, {}): {q:?} / {c:?}",
            b.stemmed, b.nostem
        );
    }
    if n < MIN_PAIRS {
        bail!("only {n} pairs from {used} queries: fewer than {MIN_PAIRS}");
    }
    let detail = format!("({same} of {n} pairs: {used} gettext queries and their best matches)");
    bar.check(
        "--scoring omegat = OmegaT's adjusted score",
        100.0 * same as f64 / n as f64,
        99.0,
        &detail,
    );
    let detail = format!("({same_band} of {n})");
    bar.check(
        "same OmegaT band",
        100.0 * same_band as f64 / n as f64,
        99.5,
        &detail,
    );
    let detail = format!("({same_words} of {n})");
    bar.check(
        "stemmed and unstemmed scores = OmegaT's",
        100.0 * same_words as f64 / n as f64,
        99.0,
        &detail,
    );
    Ok(())
}

/// The committed fixture of pairs with OmegaT's figures.
pub const FIXTURE: &str = "tests/data/score/omegat-pairs.tsv";

/// 2. The fixture's figures are OmegaT's.
fn fixture(root: &Path, shared: &Path, dir: &Path, bar: &mut Bar<'_>) -> anyhow::Result<()> {
    let path = root.join(FIXTURE);
    let text = std::fs::read_to_string(&path).with_context(|| format!("{}", path.display()))?;
    let mut header = Vec::new();
    let mut rows = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') || line.is_empty() {
            header.push(line.to_string());
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 2 {
            bail!("{}: a line without a tab: {line:?}", path.display());
        }
        rows.push((
            unescape(f[0]),
            unescape(f[1]),
            f.get(2).and_then(|s| s.parse::<u8>().ok()),
            f.get(3).and_then(|s| s.parse::<usize>().ok()),
        ));
    }
    let pairs: Vec<(String, String)> = rows
        .iter()
        .map(|(q, c, _, _)| (q.clone(), c.clone()))
        .collect();
    let theirs = omegat_scores(shared, &pairs, dir)?;
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        let mut out = header.join("\n");
        out.push('\n');
        for ((q, c), o) in pairs.iter().zip(&theirs) {
            writeln!(
                out,
                "{}\t{}\t{}\t{}",
                escape(q),
                escape(c),
                o.adjusted,
                o.words
            )?;
        }
        std::fs::write(&path, out)?;
        println!(
            "{}: rewritten with OmegaT's figures ({} pairs)",
            FIXTURE,
            pairs.len()
        );
        return Ok(());
    }
    let stale = rows
        .iter()
        .zip(&theirs)
        .filter(|((_, _, s, w), o)| *s != Some(o.adjusted) || *w != Some(o.words))
        .count();
    let detail = format!(
        "({} of {} pairs; UPDATE_EXPECT=1 rewrites it)",
        pairs.len() - stale,
        pairs.len()
    );
    bar.check(
        "fixture figures are OmegaT's",
        100.0 * (pairs.len() - stale) as f64 / pairs.len().max(1) as f64,
        100.0,
        &detail,
    );
    Ok(())
}

/// The non-empty lines of a file.
fn lines(path: &Path) -> anyhow::Result<Vec<String>> {
    Ok(std::fs::read_to_string(path)
        .with_context(|| format!("{}", path.display()))?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect())
}

/// The French text files of `../shared/data`: the seeds' gold, UD
/// French-GSD's raw text, ACTER's corpus, TransRead's French side.
fn french_files(shared: &Path) -> Vec<PathBuf> {
    let data = shared.join("data");
    let mut files = vec![
        data.join("ud-french-gsd/fr_gsd-ud-dev.raw.txt"),
        data.join("ud-french-gsd/fr_gsd-ud-test.raw.txt"),
    ];
    let mut stack = vec![
        data.join("acter-fr"),
        data.join("transread-fr-en"),
        data.join("seeds-gold"),
    ];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let name = p.to_string_lossy();
                let french = name.ends_with(".fr")
                    || name.contains("/fr")
                    || name.contains("_fr")
                    || name.contains(".fr.");
                let text = p.extension().is_some_and(|x| x == "txt" || x == "fr");
                if text && (french || name.contains("acter") || name.contains("seeds-gold")) {
                    files.push(p);
                }
            }
        }
    }
    files.sort();
    files.dedup();
    files
}

/// 3. Word counts of segments.
fn words(root: &Path, shared: &Path, dir: &Path, bar: &mut Bar<'_>) -> anyhow::Result<()> {
    let segmenter = Segmenter::builtin("fr-FR")?;
    let mut texts = Vec::new();
    let mut sources = BTreeMap::new();
    let mut files: Vec<PathBuf> = tmkit::workspace::Workspace::new(root).french_seeds()?;
    files.extend(french_files(shared));
    for file in &files {
        let before = texts.len();
        for line in lines(file)? {
            let line = tmkit::text::nfc(&line).into_owned();
            for span in segmenter.segment(&line)? {
                texts.push(line[span].to_string());
            }
        }
        let name = file
            .strip_prefix(root.join(".."))
            .unwrap_or(file)
            .display()
            .to_string();
        sources.insert(name, texts.len() - before);
    }
    let theirs = omegat_words(shared, &texts, dir)?;
    let same = texts
        .iter()
        .zip(&theirs)
        .filter(|(t, w)| word_count(t) == **w)
        .count();
    for (t, w) in texts
        .iter()
        .zip(&theirs)
        .filter(|(t, w)| word_count(t) != **w)
        .take(5)
    {
        println!("  differs: tmkit {}, OmegaT {w}: {t:?}", word_count(t));
    }
    let detail = format!(
        "({same} of {} segments from {} files)",
        texts.len(),
        sources.len()
    );
    bar.check(
        "word count = OmegaT's",
        100.0 * same as f64 / texts.len().max(1) as f64,
        99.0,
        &detail,
    );
    Ok(())
}

/// A copy of `text` with edits that make a memory match of about
/// `strength` (0: the same; higher: more words changed).
fn variant(text: &str, strength: usize, k: usize) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    if strength == 0 || words.len() < 3 {
        return text.to_string();
    }
    let n = words.len();
    // Change every `step`-th word, starting at a place that varies.
    let step = match strength {
        1 => n.max(2),
        2 => 8,
        3 => 5,
        4 => 3,
        _ => 2,
    };
    words
        .iter()
        .enumerate()
        .filter_map(|(i, w)| {
            if (i + k) % step != step - 1 {
                Some((*w).to_string())
            } else if strength & 1 == 0 {
                None
            } else {
                Some(format!("{w}x"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// 4. OmegaT's match statistics against tmkit's analysis.
fn bands(root: &Path, shared: &Path, dir: &Path, bar: &mut Bar<'_>) -> anyhow::Result<()> {
    let segmenter = Segmenter::builtin("fr-FR")?;
    let seeds = tmkit::workspace::Workspace::new(root).french_seeds()?;
    // Documents: each seed's segments, one per line (OmegaT is told not to
    // segment, so both see the same segments); a third document repeats
    // segments of both.
    let mut documents: Vec<(String, Vec<String>)> = Vec::new();
    for (i, seed) in seeds.iter().enumerate() {
        let mut segments = Vec::new();
        for line in lines(seed)? {
            let line = tmkit::text::nfc(&line).into_owned();
            for span in segmenter.segment(&line)? {
                segments.push(line[span].to_string());
            }
        }
        documents.push((format!("{i}.utf8"), segments));
    }
    let mut mixed = Vec::new();
    for (_, segments) in &documents {
        mixed.extend(segments.iter().step_by(4).cloned());
        mixed.extend(segments.iter().step_by(9).cloned());
    }
    documents.push((format!("{}.utf8", documents.len()), mixed));
    // The memory: each segment of the seeds changed more or less, in turn.
    let mut units = Vec::new();
    let mut k = 0;
    for (_, segments) in documents.iter().take(seeds.len()) {
        for s in segments {
            k += 1;
            let mut u = Unit::new(&k.to_string());
            u.variants
                .push(Variant::plain("fr-FR", &variant(s, k % 7, k)));
            u.variants.push(Variant::plain("en-GB", &format!("EN {k}")));
            units.push(u);
        }
    }
    let project = dir.join("project");
    for sub in ["source", "tm", "omegat", "target", "glossary", "dictionary"] {
        std::fs::create_dir_all(project.join(sub))?;
    }
    // Segmentation off: each line of a document is a segment, tmkit's.
    std::fs::write(
        project.join("omegat.project"),
        tmkit::kit::omegat::project_file("fr-FR", "en-GB", false),
    )?;
    // Each line of a `.utf8` file a paragraph.
    std::fs::write(
        project.join("omegat/filters.xml"),
        tmkit::kit::omegat::filters("*.utf8"),
    )?;
    for (name, segments) in &documents {
        std::fs::write(
            project.join("source").join(name),
            segments.join("\n") + "\n",
        )?;
    }
    let tmx = project.join("tm/memory.tmx");
    let file = std::io::BufWriter::new(std::fs::File::create(&tmx)?);
    let mut w = TmxWriter::new(file, &Header::tmkit("fr-FR", Some("20260101T000000Z")))?;
    for u in &units {
        w.write_unit(u)?;
    }
    w.finish()?;
    // OmegaT.
    let stats = dir.join("stats.tsv");
    let matches = dir.join("matches.tsv");
    run_tool(
        Command::new(shared.join("tools/omegat-project"))
            .arg("--stats")
            .arg(&stats)
            .arg("--matches")
            .arg(&matches)
            .arg("--min-tmx")
            .arg(units.len().to_string())
            .arg(&project),
        "omegat-project",
    )?;
    let mut theirs: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for line in std::fs::read_to_string(&stats)?.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() >= 3 {
            theirs.insert(f[0].to_string(), (f[1].parse()?, f[2].parse()?));
        }
    }
    // tmkit, on the same files and memory.
    let mut memory = Memory::new("fr-FR", "en-GB");
    memory.load(&tmx, 0)?;
    let index = Index::build(&memory, Scoring::Omegat);
    let docs: Vec<analysis::AnalysedDocument> = documents
        .iter()
        .map(|(name, segments)| {
            let text = segments.join("\n");
            let paragraphs = tmkit::document::Paragraphs::new(text.as_bytes(), name.as_str());
            analysis::AnalysedDocument::read(name, paragraphs, &segmenter, &|_| false)
        })
        .collect::<Result<_, _>>()?;
    for (d, (_, segments)) in docs.iter().zip(&documents) {
        if d.segments.len() != segments.len() {
            bail!(
                "{}: tmkit cut {} segments where OmegaT is given {}",
                d.name,
                d.segments.len(),
                segments.len()
            );
        }
    }
    let options = AnalysisOptions {
        precedence: Precedence::RepetitionsFirst,
        threads: 2,
        ..AnalysisOptions::default()
    };
    let total = analysis::analyze(&docs, &index, &options, &|_, _| {}).total();
    // Segment by segment: OmegaT's best match against tmkit's.
    let mut searcher = index.searcher();
    let (mut segments, mut same) = (0usize, 0usize);
    // Where the bands differ: the segment, OmegaT's figures, tmkit's best
    // match, so that OmegaT can score that match too.
    let mut differing = Vec::new();
    for line in std::fs::read_to_string(&matches)?.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 7 {
            continue;
        }
        let (source, adjusted) = (unescape(f[2]), f[5].parse::<u8>().unwrap_or(0));
        let best = searcher.search(Segment::plain(&source), None, 0, 1);
        let ours = best.first().map_or(0, |m| m.score().percent);
        segments += 1;
        if omegat_band(ours) == omegat_band(adjusted) {
            same += 1;
        } else {
            let candidate = best
                .first()
                .map_or("", |m| memory.source(m.hits[0].pair).text);
            differing.push((
                format!("{} {}", f[0], f[1]),
                source,
                adjusted,
                f[3].to_string(),
                ours,
                candidate.to_string(),
            ));
        }
    }
    // OmegaT's stemmed score of tmkit's best match: where it is below that
    // of the candidates OmegaT kept, OmegaT ranked tmkit's match out.
    let pairs: Vec<(String, String)> = differing
        .iter()
        .map(|(_, source, _, _, _, candidate)| (source.clone(), candidate.clone()))
        .collect();
    let stems = omegat_scores(shared, &pairs, dir)?;
    for ((place, source, adjusted, stemmed, ours, _), o) in differing.iter().zip(&stems) {
        println!(
            "  segment {place}: OmegaT's best match {adjusted} (stemmed {stemmed}), tmkit's {ours} (stemmed {} in OmegaT): {source:?}",
            o.stemmed
        );
    }
    println!(
        "  OmegaT's best match per segment in tmkit's band: {same} of {segments} segments ({:.1} %)",
        100.0 * same as f64 / segments.max(1) as f64
    );
    let sum = |bands: &[Band]| {
        bands.iter().fold((0, 0), |(s, w), b| {
            let c = total.get(*b);
            (s + c.segments, w + c.words)
        })
    };
    let rows: [(&str, (u64, u64)); 7] = [
        (
            "Repetitions",
            sum(&[Band::Repetition, Band::CrossFileRepetition]),
        ),
        ("Exact match", sum(&[Band::Translated])),
        ("95-100%", sum(&[Band::Context, Band::Exact, Band::Fuzzy95])),
        ("85-94%", sum(&[Band::Fuzzy85])),
        ("75-84%", sum(&[Band::Fuzzy75])),
        ("50-74%", sum(&[Band::Fuzzy50])),
        ("No match", sum(&[Band::NoMatch])),
    ];
    println!(
        "  {:<12} {:>18} {:>18}",
        "band", "OmegaT seg/words", "tmkit seg/words"
    );
    let mut equal = 0;
    for (name, ours) in rows {
        let omegat = theirs.get(name).copied().unwrap_or_default();
        equal += usize::from(omegat == ours);
        println!(
            "  {name:<12} {:>18} {:>18}  {}",
            format!("{}/{}", omegat.0, omegat.1),
            format!("{}/{}", ours.0, ours.1),
            if omegat == ours { "" } else { "DIFFERS" }
        );
    }
    let detail = format!(
        "({equal} of 7 rows; {} segments in {} documents, {} units in tm/)",
        total.total().segments,
        documents.len(),
        units.len()
    );
    bar.check(
        "OmegaT's statistics rows = tmkit's bands",
        100.0 * equal as f64 / 7.0,
        100.0,
        &detail,
    );
    Ok(())
}
