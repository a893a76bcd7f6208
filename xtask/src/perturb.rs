//! `cargo xtask perturb-eval`: the seeds' translations broken every way a
//! translator breaks a translation file, aligned as the export aligns them,
//! and every unit checked against the hand-checked gold beads.
//!
//! The seeds are those of the fixture workspace (`tests/data/workspace`),
//! whose gold beads are `tests/data/align/seeds/NAME.beads.tsv`. Each English
//! file is perturbed in turn:
//! - **join**: each pair of adjacent English paragraphs made one line;
//! - **split**: each English paragraph cut in two lines at each of its
//!   sentence boundaries;
//! - **join+split**: each pair joined and the next paragraph with two
//!   sentences split, so that the line count is unchanged;
//! - **60 %**: only the first 60 % of the lines kept;
//! - **remove**: each single paragraph removed (the lines after it move up).
//!
//! A unit (a bead with both sides) is **right** when its two sides are
//! exactly the sentences of one gold bead or of several whole gold beads;
//! else it is **wrong**. A true sentence pair (a gold bead whose English
//! the perturbed file still has) **comes out unflagged** when every one of
//! its sentences is in a unit that is not flagged. Bars: no wrong unit
//! unflagged, and at least 90 % of the true pairs unflagged.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use anyhow::{Context, bail};
use tmkit::align::Aligner;
use tmkit::align::document::{
    Aligned, Correspondence, SegmentedDocument, SegmentedParagraph, SentencePlace, align_groups,
};
use tmkit::align::gold;
use tmkit::glossary::Glossary;
use tmkit::segment::Segmenter;

/// The bars.
const MIN_UNFLAGGED: f64 = 0.90;

/// A sentence of the original English: its line and index.
type Origin = SentencePlace;

/// A perturbed English document, with the original place of each of its
/// sentences.
struct Perturbed {
    kind: &'static str,
    what: String,
    document: SegmentedDocument,
    /// For each paragraph of `document`, the original place of each
    /// sentence.
    origins: Vec<Vec<Origin>>,
}

/// Counts for one kind of perturbation.
#[derive(Default, Clone, Copy)]
struct Tally {
    cases: usize,
    units: usize,
    flagged: usize,
    flagged_right: usize,
    wrong: usize,
    wrong_unflagged: usize,
    true_pairs: usize,
    unflagged_pairs: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.cases += o.cases;
        self.units += o.units;
        self.flagged += o.flagged;
        self.flagged_right += o.flagged_right;
        self.wrong += o.wrong;
        self.wrong_unflagged += o.wrong_unflagged;
        self.true_pairs += o.true_pairs;
        self.unflagged_pairs += o.unflagged_pairs;
    }

    fn unflagged_share(&self) -> f64 {
        if self.true_pairs == 0 {
            1.0
        } else {
            self.unflagged_pairs as f64 / self.true_pairs as f64
        }
    }
}

pub fn run(root: &Path) -> anyhow::Result<()> {
    let fixture = root.join("tests/data/workspace");
    let glossary = Glossary::load(&fixture.join("glossary/fr-en.csv"))?;
    let aligner = Aligner::with_glossary(glossary.term_pairs());
    let fr_seg = Segmenter::builtin("fr-FR")?;
    let en_seg = Segmenter::builtin("en-GB")?;
    let mut names: Vec<String> = std::fs::read_dir(fixture.join("seeds/fr"))
        .with_context(|| format!("{}: cannot list", fixture.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    let kinds = ["join", "split", "join+split", "60 %", "remove"];
    let mut totals: Vec<Tally> = vec![Tally::default(); kinds.len()];
    let mut failures = Vec::new();
    for name in &names {
        let stem = name.trim_end_matches(".txt");
        let fr = SegmentedDocument::segment(&fixture.join("seeds/fr").join(name), &fr_seg)?;
        let en = SegmentedDocument::segment(&fixture.join("seeds/en").join(name), &en_seg)?;
        let gold_path = root.join(format!("tests/data/align/seeds/{stem}.beads.tsv"));
        let text = std::fs::read_to_string(&gold_path)
            .with_context(|| format!("{}: cannot read", gold_path.display()))?;
        let gold = Gold::new(&gold::parse(&text, &gold_path.display().to_string())?);
        for p in perturbations(&en) {
            let t = score(&fr, &p, &gold, &aligner, &mut failures, name);
            let k = kinds.iter().position(|&k| k == p.kind).expect("a kind");
            totals[k].add(&t);
        }
    }
    println!(
        "{:<11} {:>6} {:>6} {:>8} {:>14} {:>6} {:>16} {:>10} {:>22}",
        "perturbed",
        "cases",
        "units",
        "flagged",
        "flagged right",
        "wrong",
        "wrong unflagged",
        "true pairs",
        "true pairs unflagged"
    );
    let mut all = Tally::default();
    for (kind, t) in kinds.iter().zip(&totals) {
        all.add(t);
        row(kind, t);
    }
    row("all", &all);
    for f in failures.iter().take(20) {
        println!("{f}");
    }
    if all.wrong_unflagged > 0 || all.unflagged_share() < MIN_UNFLAGGED {
        bail!(
            "below the bars: {} wrong unit(s) unflagged (bar: 0), {:.1} % of true pairs unflagged (bar: {:.0} %)",
            all.wrong_unflagged,
            100.0 * all.unflagged_share(),
            100.0 * MIN_UNFLAGGED
        );
    }
    println!(
        "bars met: no wrong unit unflagged, {:.1} % of true pairs unflagged (≥ {:.0} %)",
        100.0 * all.unflagged_share(),
        100.0 * MIN_UNFLAGGED
    );
    Ok(())
}

fn row(kind: &str, t: &Tally) {
    println!(
        "{kind:<11} {:>6} {:>6} {:>8} {:>14} {:>6} {:>16} {:>10} {:>15} {:>5.1}%",
        t.cases,
        t.units,
        t.flagged,
        t.flagged_right,
        t.wrong,
        t.wrong_unflagged,
        t.true_pairs,
        t.unflagged_pairs,
        100.0 * t.unflagged_share()
    );
}

/// The gold beads, by sentence.
struct Gold {
    /// Each bead's French and English sentences.
    beads: Vec<(Vec<SentencePlace>, Vec<SentencePlace>)>,
    /// The bead of each French sentence.
    of_fr: HashMap<SentencePlace, usize>,
    /// The bead of each English sentence.
    of_en: HashMap<SentencePlace, usize>,
}

impl Gold {
    fn new(located: &[gold::LocatedBead]) -> Gold {
        let mut g = Gold {
            beads: Vec::new(),
            of_fr: HashMap::new(),
            of_en: HashMap::new(),
        };
        for b in located {
            let places = |r: &std::ops::Range<usize>| -> Vec<SentencePlace> {
                r.clone()
                    .map(|index| SentencePlace {
                        line: b.line,
                        index,
                    })
                    .collect()
            };
            let (fr, en) = (places(&b.fr), places(&b.en));
            let k = g.beads.len();
            g.of_fr.extend(fr.iter().map(|&p| (p, k)));
            g.of_en.extend(en.iter().map(|&p| (p, k)));
            g.beads.push((fr, en));
        }
        g
    }

    /// Whether a unit's sides are exactly whole gold beads with both sides.
    fn is_right(&self, fr: &[SentencePlace], en: &[Origin]) -> bool {
        let mut beads = HashSet::new();
        for p in fr {
            match self.of_fr.get(p) {
                Some(&k) => beads.insert(k),
                None => return false,
            };
        }
        for p in en {
            match self.of_en.get(p) {
                Some(&k) => beads.insert(k),
                None => return false,
            };
        }
        let fr: HashSet<&SentencePlace> = fr.iter().collect();
        let en: HashSet<&SentencePlace> = en.iter().collect();
        beads.iter().all(|&k| {
            let (bf, be) = &self.beads[k];
            !bf.is_empty()
                && !be.is_empty()
                && bf.iter().all(|p| fr.contains(p))
                && be.iter().all(|p| en.contains(p))
        })
    }
}

/// Aligns the French with a perturbed English as the workspace does and
/// counts right and wrong units.
fn score(
    fr: &SegmentedDocument,
    p: &Perturbed,
    gold: &Gold,
    aligner: &Aligner,
    failures: &mut Vec<String>,
    name: &str,
) -> Tally {
    let correspondence = Correspondence::by_lines(fr, &p.document, aligner);
    let units: Vec<Aligned> = align_groups(fr, &p.document, &correspondence.groups, aligner)
        .into_iter()
        .filter(Aligned::is_pair)
        .collect();
    let line_of: HashMap<usize, usize> = p
        .document
        .paragraphs
        .iter()
        .enumerate()
        .map(|(k, q)| (q.line, k))
        .collect();
    let origin = |place: &SentencePlace| p.origins[line_of[&place.line]][place.index];
    let mut t = Tally {
        cases: 1,
        ..Tally::default()
    };
    let mut unflagged_fr = HashSet::new();
    let mut unflagged_en = HashSet::new();
    for u in &units {
        let en: Vec<Origin> = u.en.iter().map(origin).collect();
        let right = gold.is_right(&u.fr, &en);
        t.units += 1;
        if u.weak() {
            t.flagged += 1;
            t.flagged_right += usize::from(right);
        } else {
            unflagged_fr.extend(u.fr.iter().copied());
            unflagged_en.extend(en.iter().copied());
        }
        if !right {
            t.wrong += 1;
            if !u.weak() {
                t.wrong_unflagged += 1;
                failures.push(format!(
                    "{name} {} ({}): wrong unit {} score {:.3}: {:?} = {:?}",
                    p.kind,
                    p.what,
                    u.tuid(name),
                    u.score,
                    u.fr_text,
                    u.en_text
                ));
            }
        }
    }
    let present: HashSet<Origin> = p.origins.iter().flatten().copied().collect();
    for (bf, be) in &gold.beads {
        if bf.is_empty() || be.is_empty() || !be.iter().all(|e| present.contains(e)) {
            continue;
        }
        t.true_pairs += 1;
        if bf.iter().all(|f| unflagged_fr.contains(f))
            && be.iter().all(|e| unflagged_en.contains(e))
        {
            t.unflagged_pairs += 1;
        }
    }
    t
}

/// Every perturbation of `en`.
fn perturbations(en: &SegmentedDocument) -> Vec<Perturbed> {
    // The English as lines: (text, spans, origins).
    type Line = (String, Vec<std::ops::Range<usize>>, Vec<Origin>);
    let lines: Vec<Line> = en
        .paragraphs
        .iter()
        .map(|p| {
            let origins = (0..p.spans.len())
                .map(|index| SentencePlace {
                    line: p.line,
                    index,
                })
                .collect();
            (p.text.clone(), p.spans.clone(), origins)
        })
        .collect();
    let build = |kind: &'static str, what: String, lines: Vec<Line>| -> Perturbed {
        let mut document = SegmentedDocument {
            origin: format!("{} ({kind}: {what})", en.origin),
            name: en.name.clone(),
            paragraphs: Vec::new(),
        };
        let mut origins = Vec::new();
        let mut offset = 0;
        for (k, (text, spans, o)) in lines.into_iter().enumerate() {
            let len = text.len();
            document.paragraphs.push(SegmentedParagraph {
                line: k + 1,
                offset,
                text,
                spans,
            });
            origins.push(o);
            offset += len + 1;
        }
        Perturbed {
            kind,
            what,
            document,
            origins,
        }
    };
    let join = |lines: &mut Vec<Line>, k: usize| {
        let (text, spans, origins) = lines.remove(k + 1);
        let line = &mut lines[k];
        let shift = line.0.len() + 1;
        line.0.push(' ');
        line.0.push_str(&text);
        line.1
            .extend(spans.into_iter().map(|s| s.start + shift..s.end + shift));
        line.2.extend(origins);
    };
    let split = |lines: &mut Vec<Line>, k: usize, at: usize| {
        let (text, spans, origins) = lines[k].clone();
        let cut = spans[at].start;
        let head = (
            text[..spans[at - 1].end].to_string(),
            spans[..at].to_vec(),
            origins[..at].to_vec(),
        );
        let tail = (
            text[cut..].to_string(),
            spans[at..]
                .iter()
                .map(|s| s.start - cut..s.end - cut)
                .collect(),
            origins[at..].to_vec(),
        );
        lines[k] = head;
        lines.insert(k + 1, tail);
    };
    let has_text = |l: &Line| !l.1.is_empty();
    let mut out = Vec::new();
    let line_no = |k: usize| k + 1;
    for k in 0..lines.len().saturating_sub(1) {
        if has_text(&lines[k]) && has_text(&lines[k + 1]) {
            let mut l = lines.clone();
            join(&mut l, k);
            out.push(build(
                "join",
                format!("lines {}+{}", line_no(k), line_no(k + 1)),
                l,
            ));
            // And a later paragraph split, so that the count is unchanged.
            if let Some(s) = (k + 2..lines.len()).find(|&s| lines[s].1.len() >= 2) {
                let mut l = lines.clone();
                split(&mut l, s, 1);
                join(&mut l, k);
                out.push(build(
                    "join+split",
                    format!(
                        "lines {}+{} joined, line {} split",
                        line_no(k),
                        line_no(k + 1),
                        line_no(s)
                    ),
                    l,
                ));
            }
        }
    }
    for k in 0..lines.len() {
        for at in 1..lines[k].1.len() {
            let mut l = lines.clone();
            split(&mut l, k, at);
            out.push(build(
                "split",
                format!("line {} before sentence {}", line_no(k), at + 1),
                l,
            ));
        }
    }
    let keep = (lines.len() * 6).div_ceil(10);
    out.push(build(
        "60 %",
        format!("first {keep} of {} lines", lines.len()),
        lines[..keep].to_vec(),
    ));
    for k in 0..lines.len() {
        if has_text(&lines[k]) {
            let mut l = lines.clone();
            l.remove(k);
            out.push(build("remove", format!("line {}", line_no(k)), l));
        }
    }
    out
}
