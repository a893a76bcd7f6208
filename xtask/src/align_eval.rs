//! `cargo xtask align-eval DIR`: strict bead F1 of tmkit's aligner and of
//! the plain Gale–Church length model, in the same run, on pre-segmented
//! bitexts with gold alignments.
//!
//! DIR holds, per text, `NAME.fr` and `NAME.en` (one sentence per line) and
//! `NAME.gold` (one bead per line, `[0,1]:[0]`, 0-based, French first).

use std::path::Path;

use anyhow::{Context, bail};
use tmkit::align::Aligner;
use tmkit::align::gold::{BeadScore, parse_brackets};

pub fn run(dir: &Path) -> anyhow::Result<()> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot list", dir.display()))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".gold").map(str::to_string)
        })
        .collect();
    names.sort();
    if names.is_empty() {
        bail!("{}: no NAME.gold files", dir.display());
    }
    let models = [
        ("tmkit", Aligner::default()),
        ("Gale–Church", Aligner::length_only()),
    ];
    let mut totals = vec![(0, 0, 0); models.len()];
    println!(
        "{:<32} {:>6} {:>6} {:>6}   {:>24} {:>24}",
        "text", "fr", "en", "beads", models[0].0, models[1].0
    );
    for name in &names {
        let read = |ext: &str| -> anyhow::Result<String> {
            let path = dir.join(format!("{name}.{ext}"));
            std::fs::read_to_string(&path)
                .with_context(|| format!("{}: cannot read", path.display()))
        };
        let fr_text = read("fr")?;
        let en_text = read("en")?;
        let fr: Vec<&str> = fr_text.lines().collect();
        let en: Vec<&str> = en_text.lines().collect();
        let gold = parse_brackets(&read("gold")?, name)?;
        let mut cells = Vec::new();
        for (k, (_, aligner)) in models.iter().enumerate() {
            let predicted: Vec<_> = aligner
                .align(&fr, &en)
                .into_iter()
                .map(|b| (b.fr, b.en))
                .collect();
            let s = BeadScore::of(&gold, &predicted);
            totals[k].0 += s.gold;
            totals[k].1 += s.predicted;
            totals[k].2 += s.correct;
            cells.push(format!(
                "P {:.3} R {:.3} F1 {:.3}",
                s.precision(),
                s.recall(),
                s.f1()
            ));
        }
        println!(
            "{name:<32} {:>6} {:>6} {:>6}   {:>24} {:>24}",
            fr.len(),
            en.len(),
            gold.len(),
            cells[0],
            cells[1]
        );
    }
    let cells: Vec<String> = totals
        .iter()
        .map(|&(gold, predicted, correct)| {
            let s = BeadScore {
                gold,
                predicted,
                correct,
            };
            format!(
                "P {:.3} R {:.3} F1 {:.3}",
                s.precision(),
                s.recall(),
                s.f1()
            )
        })
        .collect();
    println!(
        "{:<32} {:>6} {:>6} {:>6}   {:>24} {:>24}",
        "all (pooled)", "", "", totals[0].0, cells[0], cells[1]
    );
    Ok(())
}
