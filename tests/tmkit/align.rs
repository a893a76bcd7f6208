//! Alignment: the seeds against their hand-checked gold beads.

use std::path::Path;

use tmkit::align::Aligner;
use tmkit::align::document::{Document, ParagraphMode, align_documents};
use tmkit::align::gold::{self, BeadScore, LocatedBead};
use tmkit::segment::Segmenter;

fn workspace(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn seed_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(workspace("seeds/fr"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    names
}

/// Every French and English sentence of a seed is in exactly one gold
/// bead, in order: the gold is in step with the translations.
#[test]
fn gold_beads_cover_every_sentence_of_the_seeds() {
    let fr_seg = Segmenter::builtin("fr-FR").unwrap();
    let en_seg = Segmenter::builtin("en-GB").unwrap();
    for name in seed_names() {
        let stem = name.trim_end_matches(".txt");
        let fr = Document::segment(&workspace(&format!("seeds/fr/{name}")), &fr_seg).unwrap();
        let en = Document::segment(&workspace(&format!("seeds/en/{name}")), &en_seg).unwrap();
        assert_eq!(
            fr.paragraphs.len(),
            en.paragraphs.len(),
            "{name}: line counts differ"
        );
        let path = super::data(&format!("align/seeds/{stem}.beads.tsv"));
        let beads = gold::parse(
            &std::fs::read_to_string(&path).unwrap(),
            &path.display().to_string(),
        )
        .unwrap();
        for (p_fr, p_en) in fr.paragraphs.iter().zip(&en.paragraphs) {
            let mine: Vec<&LocatedBead> = beads.iter().filter(|b| b.line == p_fr.line).collect();
            let (mut i, mut j) = (0, 0);
            for b in &mine {
                assert_eq!(
                    (b.fr.start, b.en.start),
                    (i, j),
                    "{name}:{}: beads out of order",
                    p_fr.line
                );
                i = b.fr.end;
                j = b.en.end;
            }
            assert_eq!(
                (i, j),
                (p_fr.spans.len(), p_en.spans.len()),
                "{name}:{}: beads do not cover the paragraph",
                p_fr.line
            );
        }
    }
}

#[test]
fn seeds_align_exactly_as_the_gold() {
    let fr_seg = Segmenter::builtin("fr-FR").unwrap();
    let en_seg = Segmenter::builtin("en-GB").unwrap();
    let mut report = Vec::new();
    for name in seed_names() {
        let stem = name.trim_end_matches(".txt");
        let fr = Document::segment(&workspace(&format!("seeds/fr/{name}")), &fr_seg).unwrap();
        let en = Document::segment(&workspace(&format!("seeds/en/{name}")), &en_seg).unwrap();
        let path = super::data(&format!("align/seeds/{stem}.beads.tsv"));
        let gold = gold::parse(&std::fs::read_to_string(&path).unwrap(), "gold").unwrap();
        let aligned =
            align_documents(&fr, &en, ParagraphMode::Strict, &Aligner::default()).unwrap();
        let predicted: Vec<LocatedBead> = aligned
            .iter()
            .map(|a| {
                let line = a.fr.first().or(a.en.first()).unwrap().line;
                let range = |places: &[tmkit::align::document::Place]| match places {
                    [] => 0..0,
                    [first, .., last] => first.index..last.index + 1,
                    [one] => one.index..one.index + 1,
                };
                LocatedBead {
                    line,
                    fr: range(&a.fr),
                    en: range(&a.en),
                }
            })
            .collect();
        let score = BeadScore::of(&gold, &predicted);
        for p in predicted.iter().filter(|p| !gold.contains(p)) {
            report.push(format!("{name}: wrong bead {p:?}"));
        }
        for g in gold.iter().filter(|g| !predicted.contains(g)) {
            report.push(format!("{name}: missed gold bead {g:?}"));
        }
        assert_eq!(score.correct, score.gold, "{}", report.join("\n"));
    }
}
