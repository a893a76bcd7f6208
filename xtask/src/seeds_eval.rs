//! The term extractor and the English proposals on the workspace's own
//! seeds, against the curated glossary (part of `cargo xtask terms-eval`).
//!
//! - Candidate precision: of the default candidates (`tmkit terms` on
//!   `seeds/fr`), the share that are curated entries (their term or a
//!   variant, approved or proposed); and which curated entries occurring
//!   twice or more in the seeds (as the glossary check counts them) the
//!   list misses. Both bars read the list extracted without the glossary,
//!   on the text's own evidence; the list with it (the export's, where the
//!   glossary's accepted entries are known terms) is printed beside them.
//! - Proposals, the glossary left out: the seeds aligned without the
//!   glossary's anchors, every candidate given a proposal without it; of the
//!   curated entries among the candidates, how many get the curated English
//!   or one of its variants, a wrong one, or none.
//! - The product owner's examples: CEI → CIS, PEACE Act, Pantsir-S1,
//!   corridor de transport Nord–Sud → North–South Transport Corridor, in
//!   that proposal run.

use std::collections::HashMap;
use std::path::Path;

use tmkit::glossary::check::Checker;
use tmkit::glossary::propose::equivalents;
use tmkit::glossary::{Entry, Glossary, Status};
use tmkit::terms::lexicon::Lexicon;
use tmkit::terms::{Candidate, ExtractorOptions};
use tmkit::text::match_key;
use tmkit::tm::Pair;
use tmkit::workspace::Workspace;

/// Bars: candidate precision, proposals right and none.
const MIN_PRECISION: f64 = 60.0;
const MIN_RIGHT: usize = 59;
const MAX_NONE: usize = 9;

/// The product owner's examples and the English they must get.
const EXAMPLES: &[(&str, &[&str])] = &[
    ("CEI", &["CIS"]),
    ("PEACE Act", &["PEACE Act"]),
    ("Pantsir-S1", &["Pantsir-S1"]),
    (
        "corridor de transport Nord–Sud",
        &[
            "North–South Transport Corridor",
            "International North–South Transport Corridor",
        ],
    ),
];

/// Runs the seeds' evaluation; the bars that fail, by name.
pub fn run(root: &Path) -> anyhow::Result<Vec<String>> {
    let mut failed = Vec::new();
    let ws = Workspace::new(root);
    let contents = ws.load()?;
    let glossary = contents.glossary.clone();
    let index: HashMap<String, &Entry> = glossary
        .entries
        .iter()
        .filter(|e| e.status != Status::Rejected)
        .flat_map(|e| e.fr_forms().map(move |f| (match_key(f), e)))
        .collect();
    let entry_of = |c: &Candidate| -> Option<&Entry> {
        c.forms().find_map(|f| index.get(&match_key(f)).copied())
    };
    // The bars read the extractor on the text's own evidence: with the
    // glossary, its accepted entries are candidates by construction.
    let candidates = contents.candidates_with(ExtractorOptions::default());
    let hits = candidates.iter().filter(|c| entry_of(c).is_some()).count();
    let precision = 100.0 * hits as f64 / candidates.len().max(1) as f64;
    println!(
        "seeds, without the glossary: {} default candidates, {hits} curated entries: precision {precision:.1} %   bar >= {MIN_PRECISION} %: {}",
        candidates.len(),
        verdict(precision >= MIN_PRECISION)
    );
    if precision < MIN_PRECISION {
        failed.push("candidate precision on the seeds".to_string());
    }

    // Leave the glossary out: no anchors for the alignment, no curated English.
    let beads = ws.load_with(Glossary::default())?.beads;
    let checker = Checker::for_entries(
        glossary
            .entries
            .iter()
            .filter(|e| e.status != Status::Rejected),
        Lexicon::french(),
    );
    let mut occurrences: HashMap<&str, usize> = HashMap::new();
    for b in &beads {
        for (e, hits) in checker.occurrences(&b.french()) {
            *occurrences.entry(e.id.as_str()).or_default() += hits.len();
        }
    }
    // The curated entries occurring twice or more that `list` misses.
    let twice: Vec<&Entry> = glossary
        .entries
        .iter()
        .filter(|e| occurrences.get(e.id.as_str()).copied().unwrap_or(0) >= 2)
        .collect();
    let missed_by = |list: &[Candidate]| -> Vec<&Entry> {
        twice
            .iter()
            .copied()
            .filter(|e| {
                !list
                    .iter()
                    .any(|c| entry_of(c).is_some_and(|x| x.id == e.id))
            })
            .collect()
    };
    let missed: Vec<String> = missed_by(&candidates)
        .iter()
        .map(|e| format!("{} ({})", e.fr, occurrences[e.id.as_str()]))
        .collect();
    let twice = twice.len();
    println!(
        "seeds, without the glossary: {} of {twice} curated entries occurring twice or more are default candidates   bar: all: {}",
        twice - missed.len(),
        verdict(missed.is_empty())
    );
    if !missed.is_empty() {
        println!("  missed: {}", missed.join(", "));
        failed.push("curated entries seen twice or more on the seeds".to_string());
    }
    // What the export lists: the glossary's accepted entries known.
    let aided = contents.candidates();
    let aided_hits = aided.iter().filter(|c| entry_of(c).is_some()).count();
    let aided_missed = missed_by(&aided).len();
    println!(
        "seeds, with the glossary (the export; no bar): {} default candidates, {aided_hits} curated entries; {} of {twice} seen twice or more found",
        aided.len(),
        twice - aided_missed
    );

    let texts: Vec<Pair> = beads.iter().filter(|b| b.pair).map(|b| b.texts()).collect();
    let pairs: Vec<Pair<&str>> = texts.iter().map(Pair::borrowed).collect();
    let proposals = equivalents(&candidates, None::<&Glossary>, &pairs);
    let (mut right, mut wrong, mut none) = (0, 0, 0);
    for (c, p) in candidates.iter().zip(&proposals) {
        let Some(e) = entry_of(c) else { continue };
        match p {
            None => {
                none += 1;
                println!("  no proposal: {} (curated {})", c.term, e.en);
            }
            Some(p) if e.en_forms().any(|f| match_key(f) == match_key(&p.english)) => right += 1,
            Some(p) => {
                wrong += 1;
                println!("  wrong: {} → {:?} (curated {})", c.term, p.english, e.en);
            }
        }
    }
    let ok = right >= MIN_RIGHT && none <= MAX_NONE;
    println!(
        "proposals, glossary left out: of {hits} curated entries, {right} right, {wrong} wrong, {none} none   bar >= {MIN_RIGHT} right, <= {MAX_NONE} none: {}",
        verdict(ok)
    );
    if !ok {
        failed.push("proposals on the seeds".to_string());
    }
    for (term, english) in EXAMPLES {
        let got = candidates
            .iter()
            .zip(&proposals)
            .find(|(c, _)| c.term == *term)
            .map(|(_, p)| p.as_ref().map_or("", |p| p.english.as_str()));
        let ok = got.is_some_and(|g| english.contains(&g));
        println!(
            "owner's example {term:32} → {:40} {}",
            got.map_or("(not a candidate)".to_string(), |g| format!("{g:?}")),
            verdict(ok)
        );
        if !ok {
            failed.push(format!("owner's example {term}"));
        }
    }
    Ok(failed)
}

fn verdict(ok: bool) -> &'static str {
    if ok { "ok" } else { "BELOW" }
}
