//! Alignment: the seeds (their copy in the fixture workspace,
//! `tests/data/workspace`) against their hand-checked gold beads
//! (`tests/data/align/seeds`).

use tmkit::align::Aligner;
use tmkit::align::document::{ParagraphMode, SegmentedDocument, align_documents};
use tmkit::align::gold::{self, BeadScore, LocatedBead};
use tmkit::segment::Segmenter;

/// A file of the fixture workspace.
fn workspace(path: &str) -> std::path::PathBuf {
    super::data("workspace").join(path)
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
        let fr =
            SegmentedDocument::segment(&workspace(&format!("seeds/fr/{name}")), &fr_seg).unwrap();
        let en =
            SegmentedDocument::segment(&workspace(&format!("seeds/en/{name}")), &en_seg).unwrap();
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
        let fr =
            SegmentedDocument::segment(&workspace(&format!("seeds/fr/{name}")), &fr_seg).unwrap();
        let en =
            SegmentedDocument::segment(&workspace(&format!("seeds/en/{name}")), &en_seg).unwrap();
        let path = super::data(&format!("align/seeds/{stem}.beads.tsv"));
        let gold = gold::parse(&std::fs::read_to_string(&path).unwrap(), "gold").unwrap();
        let aligned = align_documents(&fr, &en, ParagraphMode::Strict, &Aligner::default())
            .unwrap()
            .beads;
        let predicted: Vec<LocatedBead> = aligned
            .iter()
            .map(|a| {
                let line = a.fr.first().or(a.en.first()).unwrap().line;
                let range = |places: &[tmkit::align::document::SentencePlace]| match places {
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

// ---- `tmkit align`, end to end ----

fn seed_pair() -> (String, String) {
    let name = "001_4a379577d075ae0b.txt";
    let path = |lang: &str| {
        workspace(&format!("seeds/{lang}/{name}"))
            .display()
            .to_string()
    };
    (path("fr"), path("en"))
}

#[test]
fn cli_align_writes_tmx_to_stdout_and_a_summary_to_stderr() {
    let (fr, en) = seed_pair();
    let o = super::tmkit(&["align", &fr, &en], None);
    assert!(o.status.success(), "{}", super::stderr(&o));
    let tmx = String::from_utf8_lossy(&o.stdout);
    assert!(tmx.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">"));
    assert!(
        tmx.contains("<tu tuid=\"001_4a379577d075ae0b:1:1\">"),
        "{tmx}"
    );
    assert_eq!(tmx.matches("<tu ").count(), 31);
    let err = super::stderr(&o);
    assert!(
        err.contains(
            "aligned 32 French and 33 English sentences into 31 beads (1-1: 28, 1-2: 2, 2-1: 1)"
        ),
        "{err}"
    );
}

#[test]
fn cli_align_csv_has_the_score_and_weak_columns() {
    let (fr, en) = seed_pair();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("seeds.csv");
    let o = super::tmkit(&["align", &fr, &en, "-o", out.to_str().unwrap()], None);
    assert!(o.status.success(), "{}", super::stderr(&o));
    let csv = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        csv.lines().next().unwrap(),
        "fr-FR,en-GB,tuid,x-document,x-align-bead,x-align-score,x-align-probability,x-align-weak,x-context-pre,x-context-post"
    );
    assert_eq!(csv.lines().count(), 32);
}

#[test]
fn cli_align_presegmented_keeps_the_sentences_as_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.tsv");
    let o = align_fixtures(
        "presegmented.fr.txt",
        "presegmented.en.txt",
        &["--presegmented", "-o", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", super::stderr(&o));
    let tsv = std::fs::read_to_string(&out).unwrap();
    let first: Vec<&str> = tsv.lines().nth(1).unwrap().split('\t').collect();
    assert_eq!(
        first[..2],
        ["Il dit : oui. Non, dit-il.", "He says: yes. No, he says."]
    );
    assert_eq!(tsv.lines().count(), 3);
}

#[test]
fn cli_align_strict_paragraphs_name_the_first_divergence() {
    // The English lacks the French line 2: the paragraphs, aligned, show
    // where, though the English stopping after line 2 would fit the counts.
    let o = align_fixtures(
        "three-paragraphs.fr.txt",
        "middle-missing.en.txt",
        &["--paragraphs", "strict"],
    );
    super::assert_fails(
        &o,
        "do not correspond paragraph for paragraph: the French paragraph at line 2 (“Les ministres ont signé trois accords …”) has no English counterpart: left out, or moved (--paragraphs auto aligns what corresponds and reports the rest)",
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn cli_align_auto_paragraphs_align_documents_that_differ() {
    let o = align_fixtures("two-paragraphs.fr.txt", "one-paragraph.en.txt", &[]);
    assert!(o.status.success(), "{}", super::stderr(&o));
    assert_eq!(
        String::from_utf8(o.stdout).unwrap().matches("<tu ").count(),
        2
    );
}

#[test]
fn cli_align_glossary_without_an_english_column_is_an_error() {
    let (fr, en) = seed_pair();
    let glossary = super::data("align/cli/glossary-without-english.csv");
    let o = super::tmkit(
        &["align", &fr, &en, "--glossary", glossary.to_str().unwrap()],
        None,
    );
    super::assert_fails(&o, "glossary-without-english.csv: row 1: no English column");
}

#[test]
fn cli_align_presegmented_joins_a_bead_s_sentences_with_a_space_and_trims_them() {
    let o = align_fixtures(
        "presegmented-one.fr.txt",
        "presegmented-two.en.txt",
        &["--presegmented", "--format", "tsv"],
    );
    assert!(o.status.success(), "{}", super::stderr(&o));
    let tsv = String::from_utf8(o.stdout).unwrap();
    let row: Vec<&str> = tsv.lines().nth(1).unwrap().split('\t').collect();
    assert_eq!(
        row[..2],
        [
            "Le chien aboie très fort et le voisin se plaint du bruit.",
            "The dog barks very loudly. The neighbour complains about the noise."
        ]
    );
}

/// `tmkit align` of two files under `tests/data/align/cli`, with `flags`.
fn align_fixtures(fr: &str, en: &str, flags: &[&str]) -> std::process::Output {
    let (fr, en) = (
        super::data(&format!("align/cli/{fr}")),
        super::data(&format!("align/cli/{en}")),
    );
    let mut args = vec!["align"];
    args.extend(flags);
    args.extend([fr.to_str().unwrap(), en.to_str().unwrap()]);
    super::tmkit(&args, None)
}

// ---- The translation file convention: a 13-paragraph article, its
// translation, and the translation broken as translators break it
// (`tests/data/align/article`) ----

/// `tmkit align` of the article with one of its English files, as TSV:
/// (French, English, weak) per bead with both sides, and stderr.
fn article(english: &str, flags: &[&str]) -> (Vec<(String, String, bool)>, String) {
    let (fr, en) = (
        super::data("align/article/fr.txt"),
        super::data(&format!("align/article/{english}")),
    );
    let mut args = vec!["align", "--format", "tsv"];
    args.extend(flags);
    args.extend([fr.to_str().unwrap(), en.to_str().unwrap()]);
    let o = super::tmkit(&args, None);
    let tsv = String::from_utf8(o.stdout.clone()).unwrap();
    let rows = tsv
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|r| !r[0].is_empty() && !r[1].is_empty())
        .map(|r| (r[0].to_string(), r[1].to_string(), r[6] == "yes"))
        .collect();
    (rows, super::stderr(&o))
}

#[test]
fn paragraphs_joined_and_split_with_the_line_count_unchanged_give_no_wrong_unit() {
    let (reference, _) = article("en.txt", &[]);
    assert_eq!(reference.len(), 18);
    assert!(reference.iter().all(|r| !r.2));
    let (units, err) = article("joined-split.en.txt", &[]);
    for u in units.iter().filter(|u| !u.2) {
        assert!(reference.contains(u), "wrong unit {u:?}");
    }
    assert!(units.iter().filter(|u| !u.2).count() >= 17, "{units:?}");
    assert!(
        err.contains("warning: the paragraphs do not correspond line for line: the French paragraphs at lines 4–5 (“Selon la présidente de l’agglomération, Mme …”) are translated together, by the English at line 4 (“According to the president of the …”): joined"),
        "{err}"
    );
}

#[test]
fn strict_paragraphs_name_the_first_paragraph_joined_with_its_line_and_first_words() {
    let o = super::tmkit(
        &[
            "align",
            "--paragraphs",
            "strict",
            super::data("align/article/fr.txt").to_str().unwrap(),
            super::data("align/article/joined-split.en.txt")
                .to_str()
                .unwrap(),
        ],
        None,
    );
    super::assert_fails(
        &o,
        "joined-split.en.txt do not correspond paragraph for paragraph: the French paragraphs at lines 4–5 (“Selon la présidente de l’agglomération, Mme …”) are translated together, by the English at line 4 (“According to the president of the …”): joined (--paragraphs auto aligns what corresponds and reports the rest)",
    );
}

#[test]
fn a_partial_translation_aligns_its_translated_part_and_reports_the_rest() {
    let (reference, _) = article("en.txt", &[]);
    for (english, units, rest) in [
        ("first-3.en.txt", 5, "French lines 4–13"),
        ("first-10.en.txt", 15, "French lines 11–13"),
    ] {
        let (got, err) = article(english, &[]);
        assert_eq!(got.len(), units, "{english}: {got:?}");
        assert!(
            got.iter().all(|u| !u.2 && reference.contains(u)),
            "{english}: {got:?}"
        );
        assert!(
            err.contains(&format!("not translated, so in no unit: {rest}")),
            "{err}"
        );
    }
}

#[test]
fn strict_paragraphs_name_the_first_paragraph_not_translated() {
    let o = super::tmkit(
        &[
            "align",
            "--paragraphs",
            "strict",
            super::data("align/article/fr.txt").to_str().unwrap(),
            super::data("align/article/first-3.en.txt")
                .to_str()
                .unwrap(),
        ],
        None,
    );
    super::assert_fails(
        &o,
        "first-3.en.txt do not correspond paragraph for paragraph: the French paragraph at line 4 (“Selon la présidente de l’agglomération, Mme …”) is not translated: the English stops at line 3",
    );
}

#[test]
fn a_date_with_an_ordinal_is_no_reason_to_flag_a_unit() {
    let (units, _) = article("en.txt", &[]);
    let date = units
        .iter()
        .find(|u| u.0 == "Il doit être achevé d’ici au 1er juillet 2026.")
        .unwrap();
    assert_eq!(date.1, "It is due to be completed by 1 July 2026.");
    assert!(!date.2);
}
