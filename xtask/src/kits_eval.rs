//! `cargo xtask kits-eval`: the export's translation kits opened in OmegaT
//! 3.6 itself (`../shared/tools/omegat-project`).
//!
//! A scratch workspace is made from this one's seeds and glossary: every
//! seed as it is, a new document waiting for translation (the first seed's
//! French, every other paragraph edited more or less, so that its segments
//! fall in every band) and the last seed partly translated (its English cut
//! after 60 % of the lines). Its export is made twice (byte-identical:
//! `export --check` finds nothing), then each kit is opened in OmegaT, and:
//! - the kit has no empty folder (git would not keep it: the kit opened is
//!   the kit a clone gets);
//! - the segments OmegaT shows are tmkit's, one for one, in order;
//! - OmegaT loads every entry of the kit's glossary;
//! - OmegaT fills exactly the segments whose text is the source of a unit
//!   of `tm/auto/` or of `omegat/project_save.tmx`;
//! - OmegaT's best match of each segment not yet translated is in the band
//!   of tmkit's best match with `--scoring omegat` against the whole
//!   workspace memory, for 95 % of segments or more (the others listed);
//! - each kit's XLIFF 1.2 is valid against the strict schema and
//!   translate-toolkit reads every trans-unit and alt-trans; its XLIFF 2.1
//!   is valid against the 2.1 modules schema and translate-toolkit's XLIFF 2
//!   reader reads every unit;
//! - the round trips: a seed's English hidden, its kit translated by OmegaT
//!   from the hidden translation, saved and imported, gives back the hidden
//!   English of every paragraph the memory covers and its 1-1 units; its
//!   XLIFF 1.2 and 2.1 filled through translate-toolkit's API from the
//!   hidden translation (paragraph by paragraph, sentence by sentence) and
//!   imported give back the same.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, bail};
use tmkit::kit::{Leverage, memory_of};
use tmkit::tm::Unit;
use tmkit::tm::score::Segment;
use tmkit::workspace::{SOURCE_LANGUAGE, State, TARGET_LANGUAGE, Workspace};

use crate::fuzzy_eval::{omegat_band, unescape};
use crate::interop::run_tool;
use crate::shared;

/// The share of segments whose best match must fall in the same band.
const BAND_BAR: f64 = 95.0;

pub fn run(root: &Path) -> anyhow::Result<()> {
    let shared = shared(root)?;
    let tmp = tempfile::tempdir()?;
    let ws = tmp.path().join("workspace");
    scratch_workspace(root, &ws)?;
    let workspace = Workspace::new(&ws);
    tmkit::export::export(&workspace, &mut |_| {}).context("exporting the scratch workspace")?;
    let drift = tmkit::export::check(&workspace)?;
    if !drift.is_empty() {
        bail!(
            "a second export differs from the first: {}",
            drift
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    println!("the export made twice is byte-identical (kits included)");
    let contents = workspace.load()?;
    let units: Vec<Unit> = contents.delivered().into_iter().map(|b| b.unit).collect();
    let memory = memory_of(&units, SOURCE_LANGUAGE, TARGET_LANGUAGE);
    let leverage = Leverage::new(&memory, &units);
    let mut searcher = leverage.omegat().searcher();
    let mut failures = Vec::new();
    let (mut compared, mut same) = (0usize, 0usize);
    for document in contents
        .documents
        .iter()
        .filter(|d| d.state() != State::Translated)
    {
        let name = &document.name;
        let kit = ws.join("export/kits").join(name);
        let matches = tmp.path().join(format!("{name}.matches.tsv"));
        let glossary = std::fs::read_to_string(kit.join("glossary/fr-en.utf8"))?;
        let entries = glossary.lines().count();
        let report = run_tool(
            Command::new(shared.join("tools/omegat-project"))
                .arg("--matches")
                .arg(&matches)
                .arg("--min-glossary")
                .arg(entries.to_string())
                .arg(&kit),
            "omegat-project",
        )?;
        println!("kits/{name} ({:?}):", document.state());
        // 0. No empty folder, which a git clone would not have: OmegaT
        // opens the kit as committed (it makes target/ and dictionary/).
        let empty = empty_folders(&kit)?;
        if empty.is_empty() {
            println!("  folders: none empty (a git clone of the kit is the same kit)");
        } else {
            println!("  FAIL folders: empty, so missing from a git clone: {empty:?}");
            failures.push(format!("{name}: empty folders"));
        }
        // 1. Segments, one for one.
        let ours: Vec<&str> = document
            .french
            .paragraphs
            .iter()
            .flat_map(|p| p.spans.iter().map(|s| &p.text[s.clone()]))
            .collect();
        let rows: Vec<Vec<String>> = std::fs::read_to_string(&matches)?
            .lines()
            .map(|l| l.split('\t').map(unescape).collect())
            .collect();
        let theirs: Vec<&str> = rows.iter().map(|r| r[2].as_str()).collect();
        if ours == theirs {
            println!(
                "  segments: OmegaT shows tmkit's {} segments, one for one",
                ours.len()
            );
        } else {
            let at = ours.iter().zip(&theirs).position(|(a, b)| a != b);
            println!(
                "  FAIL segments: tmkit {}, OmegaT {}; first difference at {at:?}",
                ours.len(),
                theirs.len()
            );
            failures.push(format!("{name}: segments"));
        }
        // 2. The glossary.
        let loaded = report
            .lines()
            .find_map(|l| l.strip_prefix("glossaries: "))
            .and_then(|l| l.split(' ').next()?.parse::<usize>().ok());
        if loaded == Some(entries) {
            println!("  glossary: OmegaT loads all {entries} entries");
        } else {
            println!("  FAIL glossary: {entries} entries written, OmegaT loads {loaded:?}");
            failures.push(format!("{name}: glossary"));
        }
        // 3. Exact matches and translations already made, filled.
        let mut fillers = BTreeSet::new();
        for rel in [
            format!("tm/auto/{name}.fr-en.tmx"),
            "omegat/project_save.tmx".to_string(),
        ] {
            let path = kit.join(&rel);
            if path.exists() {
                let (_, units) = tmkit::tm::tmx::read_path(&path)?;
                fillers.extend(
                    units
                        .iter()
                        .filter_map(|u| Some(u.variant(SOURCE_LANGUAGE)?.text())),
                );
            }
        }
        let expected = ours.iter().filter(|s| fillers.contains(**s)).count();
        let filled = report
            .lines()
            .find_map(|l| l.trim().strip_prefix(&format!("{name}.txt: ")))
            .and_then(|l| {
                l.split(", ")
                    .nth(1)?
                    .split(' ')
                    .next()?
                    .parse::<usize>()
                    .ok()
            });
        if filled == Some(expected) {
            println!(
                "  filled: {expected} segments (every exact match and every translation already made)"
            );
        } else {
            println!("  FAIL filled: expected {expected}, OmegaT filled {filled:?}");
            failures.push(format!("{name}: filled"));
        }
        // 4. Bands of the segments not yet translated.
        let untranslated: BTreeSet<usize> = document.untranslated_lines().into_iter().collect();
        let lines: Vec<usize> = document
            .french
            .paragraphs
            .iter()
            .flat_map(|p| p.spans.iter().map(|_| p.line))
            .collect();
        for (row, line) in rows.iter().zip(&lines) {
            if !untranslated.contains(line) {
                continue;
            }
            let adjusted: u8 = row[5].parse().unwrap_or(0);
            let tmkit = searcher
                .best_score(Segment::plain(&row[2]), None, 0)
                .map_or(0, |s| s.percent.min(100));
            compared += 1;
            if omegat_band(adjusted) == omegat_band(tmkit) {
                same += 1;
            } else {
                println!(
                    "  band differs: OmegaT {adjusted} (stemmed {}), tmkit --scoring omegat {tmkit}: {:?}",
                    row[3], row[2]
                );
            }
        }
    }
    xliff(root, &shared, &ws, &contents, &mut failures)?;
    round_trip(root, &shared, tmp.path(), &mut failures)?;
    let share = 100.0 * same as f64 / compared.max(1) as f64;
    println!(
        "OmegaT's best match in the band of tmkit's analysis (--scoring omegat): {same} of {compared} segments not yet translated ({share:.1} %, bar >= {BAND_BAR} %)"
    );
    if share < BAND_BAR {
        failures.push("bands".into());
    }
    if !failures.is_empty() {
        bail!("kits: {}", failures.join(", "));
    }
    Ok(())
}

/// The loops through OmegaT and translate-toolkit: the first seed's English
/// hidden, its kit exported; OmegaT translating it from a memory made of
/// the hidden translation (the document's own units, in `tm/auto/`) and
/// saving the project as a translator would (`omegat-project --out`);
/// translate-toolkit filling the kit's XLIFF 1.2 (each `trans-unit`'s
/// target: the hidden English of its paragraph) and 2.1 (each segment's
/// target: the hidden English of its bead); each imported.
fn round_trip(
    root: &Path,
    shared: &Path,
    tmp: &Path,
    failures: &mut Vec<String>,
) -> anyhow::Result<()> {
    let ws = tmp.join("round-trip");
    scratch_workspace(root, &ws)?;
    let original = Workspace::new(root).load()?;
    let Some(document) = original.documents.first() else {
        bail!("no seeds");
    };
    let name = document.name.clone();
    let english_path = ws.join("seeds/en").join(document.file_name());
    let hidden = std::fs::read_to_string(&english_path)?;
    std::fs::remove_file(&english_path)?;
    let workspace = Workspace::new(&ws);
    tmkit::export::export(&workspace, &mut |_| {})?;
    let kit = ws.join("export/kits").join(&name);
    let hidden_units: Vec<&Unit> = original
        .beads_of(document)
        .iter()
        .filter(|b| b.delivered())
        .map(|b| &b.unit)
        .collect();
    let header = tmkit::tm::Header::tmkit(SOURCE_LANGUAGE, Some("20260101T000000Z"));
    let memory = tmkit::tm::tmx::write_units(Vec::new(), &header, hidden_units.iter().copied())?;
    std::fs::write(kit.join("tm/auto/hidden.fr-en.tmx"), memory)?;
    let returned = tmp.join("returned");
    run_tool(
        Command::new(shared.join("tools/omegat-project"))
            .arg("--out")
            .arg(&returned)
            .arg(&kit),
        "omegat-project --out",
    )?;
    let french = workspace
        .load()?
        .documents
        .into_iter()
        .find(|d| d.name == name)
        .context("the document")?
        .french;
    let trip = Trip {
        workspace: &workspace,
        french: &french,
        original: &original,
        document,
        hidden: &hidden,
        english_path: &english_path,
    };
    let save = returned.join("omegat/project_save.tmx");
    let pairs = tmkit::kit::import::read_pairs(&save, SOURCE_LANGUAGE, TARGET_LANGUAGE)?;
    trip.check("OmegaT", &pairs, &save, Covered::OneToOne, failures)?;

    // translate-toolkit fills the XLIFF kits.
    let mut sentences = String::new();
    for bead in original.beads_of(document).iter().filter(|b| b.delivered()) {
        let text = |lang| {
            bead.unit
                .variant(lang)
                .map(|v| v.text())
                .unwrap_or_default()
        };
        let (fr, en) = (text(SOURCE_LANGUAGE), text(TARGET_LANGUAGE));
        if !fr.is_empty() && !fr.contains(['\t', '\n']) && !en.contains(['\t', '\n']) {
            sentences.push_str(&format!("{fr}\t{en}\n"));
        }
    }
    let sentences_path = tmp.join("hidden-beads.tsv");
    std::fs::write(&sentences_path, sentences)?;
    let hidden_path = tmp.join("hidden-english.txt");
    std::fs::write(&hidden_path, &hidden)?;
    let (filled12, filled2) = (tmp.join("filled.xlf"), tmp.join("filled.xliff"));
    let python = crate::interop::interop_python(root)?;
    let counts = run_tool(
        Command::new(&python)
            .arg("-c")
            .arg(TTK_FILL)
            .arg(kit.join(format!("{name}.xlf")))
            .arg(kit.join(format!("{name}.xliff")))
            .arg(&hidden_path)
            .arg(&sentences_path)
            .arg(&filled12)
            .arg(&filled2),
        "translate-toolkit (filling the XLIFF kits)",
    )?;
    println!(
        "translate-toolkit filled the kits of {name}: {} (trans-units of the XLIFF 1.2, segments of the XLIFF 2.1)",
        counts.trim()
    );
    for (label, path, covered) in [
        (
            "XLIFF 1.2 filled by translate-toolkit",
            &filled12,
            Covered::Whole,
        ),
        (
            "XLIFF 2.1 filled by translate-toolkit",
            &filled2,
            Covered::Delivered,
        ),
    ] {
        let bytes = std::fs::read(path)?;
        let read = tmkit::kit::returned_xliff::read(
            &bytes,
            &path.display().to_string(),
            SOURCE_LANGUAGE,
            TARGET_LANGUAGE,
        )?;
        if !read.unconfirmed.is_empty() || !read.set_aside.is_empty() {
            println!(
                "  FAIL {label}: {} unconfirmed segments, set aside {:?}",
                read.unconfirmed.len(),
                read.set_aside
            );
            failures.push(format!("{label}: states"));
        }
        trip.check(label, &read.pairs, path, covered, failures)?;
    }
    Ok(())
}

/// The paragraphs a return translates.
#[derive(Clone, Copy)]
enum Covered {
    /// Those whose every segment is the source of a hidden 1-1 bead (a
    /// memory of the hidden units fills exact matches only).
    OneToOne,
    /// Those whose every hidden bead is delivered (flagged units fill
    /// nothing).
    Delivered,
    /// Every paragraph the hidden English translates.
    Whole,
}

/// One document's round trip: its English hidden, its kit returned.
struct Trip<'a> {
    workspace: &'a Workspace,
    /// The document as the scratch workspace segments it.
    french: &'a tmkit::align::document::SegmentedDocument,
    /// The workspace the seed comes from, and the document in it.
    original: &'a tmkit::workspace::Contents,
    document: &'a tmkit::workspace::Document,
    /// Its English, hidden.
    hidden: &'a str,
    english_path: &'a Path,
}

impl Trip<'_> {
    /// Imports `pairs` returned in `file`: every paragraph of `coverage` equals
    /// the hidden English, the others are reported untranslated, and the
    /// document's units after the import hold the hidden 1-1 beads of the
    /// paragraphs covered, and no unit that is not hidden. The English and
    /// pairs are removed again afterwards.
    fn check(
        &self,
        label: &str,
        pairs: &[tmkit::kit::import::Returned],
        file: &Path,
        coverage: Covered,
        failures: &mut Vec<String>,
    ) -> anyhow::Result<()> {
        let name = &self.document.name;
        let imported = tmkit::kit::import::import(
            self.french,
            tmkit::kit::import::Current::default(),
            pairs,
            &file.display().to_string(),
            (SOURCE_LANGUAGE, TARGET_LANGUAGE),
        )?;
        let one_to_one: BTreeSet<String> = self
            .original
            .beads_of(self.document)
            .iter()
            .filter(|b| b.delivered() && b.unit.prop("x-align-bead") == Some("1-1"))
            .filter_map(|b| Some(b.unit.variant(SOURCE_LANGUAGE)?.text()))
            .collect();
        let line_of = |b: &&tmkit::workspace::AlignedUnit| {
            b.unit
                .tuid()
                .and_then(|t| t.rsplit(':').nth(1)?.parse::<usize>().ok())
        };
        let flagged: BTreeSet<usize> = self
            .original
            .beads_of(self.document)
            .iter()
            .filter(|b| !b.delivered())
            .filter_map(|b| line_of(&b))
            .collect();
        let hidden_lines: Vec<&str> = self.hidden.lines().collect();
        let hidden_of = |line: usize| hidden_lines.get(line - 1).copied().unwrap_or_default();
        let (mut covered, mut equal, mut reported) = (0, 0, 0);
        let mut covered_lines = BTreeSet::new();
        for p in self
            .french
            .paragraphs
            .iter()
            .filter(|p| !p.spans.is_empty())
        {
            let all = match coverage {
                Covered::Whole => !hidden_of(p.line).is_empty(),
                Covered::Delivered => !hidden_of(p.line).is_empty() && !flagged.contains(&p.line),
                Covered::OneToOne => p
                    .spans
                    .iter()
                    .all(|s| one_to_one.contains(&p.text[s.clone()])),
            };
            let got = imported.english[p.line - 1].as_str();
            if all {
                covered += 1;
                covered_lines.insert(p.line);
                if got == hidden_of(p.line) {
                    equal += 1;
                } else {
                    println!("  {label}: line {} differs: {got:?}", p.line);
                }
            } else if imported.untranslated.contains(&p.line) || !got.is_empty() {
                reported += 1;
            }
        }
        let others = self
            .french
            .paragraphs
            .iter()
            .filter(|p| !p.spans.is_empty())
            .count()
            - covered;
        println!(
            "round trip through {label} ({name}): {equal} of {covered} paragraphs covered equal the hidden English; {} others reported untranslated ({reported} of {others} accounted for); {} segment pairs, {} paragraphs translated whole (aligned)",
            imported.untranslated.len(),
            imported.pairs.len(),
            imported.joined.len()
        );
        if equal != covered || reported != others {
            failures.push(format!("round trip through {label}"));
        }
        // The document's units, from the returned pairs (and the aligner
        // for paragraphs translated whole), hold the hidden 1-1 beads of
        // the paragraphs covered.
        let seed = self
            .workspace
            .root()
            .join("seeds/fr")
            .join(self.document.file_name());
        let pairs_path = self.workspace.pairs_of(&seed);
        std::fs::create_dir_all(pairs_path.parent().context("seeds/pairs")?)?;
        let header = tmkit::tm::Header::tmkit(SOURCE_LANGUAGE, Some("20260101T000000Z"));
        std::fs::write(
            &pairs_path,
            tmkit::tm::tmx::write_units(Vec::new(), &header, imported.pairs.iter())?,
        )?;
        std::fs::write(self.english_path, imported.english.join("\n") + "\n")?;
        let after = self.workspace.load()?;
        std::fs::remove_file(&pairs_path)?;
        std::fs::remove_file(self.english_path)?;
        let again = after
            .documents
            .iter()
            .find(|d| &d.name == name)
            .context("the document")?;
        let texts = |u: &Unit| {
            (
                u.variant(SOURCE_LANGUAGE).map(|v| v.text()),
                u.variant(TARGET_LANGUAGE).map(|v| v.text()),
            )
        };
        let now: BTreeSet<_> = after
            .beads_of(again)
            .iter()
            .filter(|b| b.delivered())
            .map(|b| texts(&b.unit))
            .collect();
        let wanted: BTreeSet<_> = self
            .original
            .beads_of(self.document)
            .iter()
            .filter(|b| b.delivered() && b.unit.prop("x-align-bead") == Some("1-1"))
            .filter(|b| line_of(b).is_some_and(|line| covered_lines.contains(&line)))
            .map(|b| texts(&b.unit))
            .collect();
        let missing = wanted.difference(&now).count();
        // Nothing that is no hidden unit.
        let hidden_all: BTreeSet<_> = self
            .original
            .beads_of(self.document)
            .iter()
            .filter(|b| b.delivered())
            .map(|b| texts(&b.unit))
            .collect();
        let extra = now.difference(&hidden_all).count();
        println!(
            "  the document's units after the import: {} delivered, {extra} of them no hidden unit; the hidden 1-1 beads of the paragraphs covered: {}, {missing} of them missing",
            now.len(),
            wanted.len()
        );
        if missing > 0 || extra > 0 || !after.warnings.is_empty() {
            failures.push(format!("units after the round trip through {label}"));
        }
        Ok(())
    }
}

/// translate-toolkit filling a kit's XLIFF 1.2 (each translatable
/// trans-unit's target: the hidden English line of its paragraph, by the
/// line its id names) and XLIFF 2.1 (each translatable segment's target:
/// the hidden English of the bead it starts, and an empty target marked
/// translated for each further sentence of a bead), as a script using its
/// API would; prints how many of each it filled.
const TTK_FILL: &str = r#"
import sys
from translate.storage import xliff, xliff2
xlf, xliff_path, hidden, beads_path, out12, out2 = sys.argv[1:7]
lines = open(hidden, encoding="utf-8").read().split("\n")
beads = [row.split("\t") for row in open(beads_path, encoding="utf-8").read().split("\n") if row]
exact = {fr: en for fr, en in beads}
store = xliff.xlifffile.parsefile(xlf)
filled12 = 0
for unit in store.units:
    if unit.isheader() or not unit.istranslatable():
        continue
    line = int(unit.getid().rsplit(":", 1)[1])
    english = lines[line - 1] if line <= len(lines) else ""
    if english:
        unit.settarget(english)
        filled12 += 1
store.savefile(out12)
store = xliff2.Xliff2File.parsefile(xliff_path)
filled2 = 0
rest = ""
for unit in store.units:
    if unit.isheader() or not unit.istranslatable():
        continue
    source = unit.source
    if rest.startswith(source):
        english, rest = "", rest[len(source):].lstrip()
    else:
        english, rest = exact.get(source), ""
        if english is None:
            for fr, en in beads:
                if fr.startswith(source):
                    english, rest = en, fr[len(source):].lstrip()
                    break
    if english is not None:
        unit.settarget(english)
        unit.marktranslated()
        filled2 += 1
store.savefile(out2)
print(filled12, filled2)
"#;

/// Each kit's XLIFF 1.2: valid against the strict schema (xmllint), and
/// translate-toolkit reads every trans-unit and every alt-trans with its
/// match-quality; its XLIFF 2.1: valid against the 2.1 core and module
/// schemas, and translate-toolkit's XLIFF 2 reader reads every unit.
fn xliff(
    root: &Path,
    shared: &Path,
    ws: &Path,
    contents: &tmkit::workspace::Contents,
    failures: &mut Vec<String>,
) -> anyhow::Result<()> {
    let python = crate::interop::interop_python(root)?;
    for document in contents
        .documents
        .iter()
        .filter(|d| d.state() != State::Translated)
    {
        let name = &document.name;
        let file = ws.join(format!("export/kits/{name}/{name}.xlf"));
        let schema = shared.join("data/schemas/xliff/xliff-core-1.2-strict.xsd");
        run_tool(
            Command::new("xmllint")
                .env("XML_CATALOG_FILES", shared.join("data/schemas/catalog.xml"))
                .args(["--noout", "--nonet", "--schema"])
                .arg(&schema)
                .arg(&file),
            "xmllint --schema xliff-core-1.2-strict.xsd",
        )?;
        let text = std::fs::read_to_string(&file)?;
        let units = text.matches("<trans-unit ").count();
        let alternatives = text.matches("<alt-trans ").count();
        let counts = ttk_counts(&python, TTK_XLIFF, &file, "translate-toolkit (xliff)")?;
        if counts == [units, alternatives] {
            println!(
                "kits/{name}/{name}.xlf: valid XLIFF 1.2 (strict schema); translate-toolkit reads its {units} trans-units and {alternatives} alt-trans with their match-quality"
            );
        } else {
            println!(
                "  FAIL {name}.xlf: {units} trans-units and {alternatives} alt-trans written, translate-toolkit reads {counts:?}"
            );
            failures.push(format!("{name}: XLIFF 1.2"));
        }
        // XLIFF 2.1.
        let file = ws.join(format!("export/kits/{name}/{name}.xliff"));
        run_tool(
            Command::new("xmllint")
                .args(["--noout", "--nonet", "--schema"])
                .arg(shared.join("data/schemas/xliff/2.1/xliff-2.1-modules.xsd"))
                .arg(&file),
            "xmllint --schema xliff-2.1-modules.xsd",
        )?;
        let text = std::fs::read_to_string(&file)?;
        let units = text.matches("<unit ").count();
        let segments = text.matches("<segment ").count();
        let counts = ttk_counts(&python, TTK_XLIFF2, &file, "translate-toolkit (xliff2)")?;
        if counts == [units, segments] {
            println!(
                "kits/{name}/{name}.xliff: valid XLIFF 2.1 (core, matches and glossary modules); translate-toolkit's XLIFF 2 reader reads its {units} units ({segments} segments)"
            );
        } else {
            println!(
                "  FAIL {name}.xliff: {units} units and {segments} segments written, translate-toolkit reads {counts:?}"
            );
            failures.push(format!("{name}: XLIFF 2.1"));
        }
    }
    Ok(())
}

/// translate-toolkit's XLIFF 2 reader on a file: the units it finds (it
/// gives one per segment, `UNIT::SEGMENT`), and their segments.
const TTK_XLIFF2: &str = r#"
import sys
from translate.storage import xliff2
store = xliff2.Xliff2File.parsefile(sys.argv[1])
units = [u for u in store.units if not u.isheader()]
print(len({u.getid().split("::")[0] for u in units}), len(units))
"#;

/// translate-toolkit's XLIFF reader on a file: its units, and their
/// alternatives that carry a match-quality.
const TTK_XLIFF: &str = r#"
import sys
from translate.storage import xliff
store = xliff.xlifffile.parsefile(sys.argv[1])
units = [u for u in store.units if not u.isheader()]
alternatives = 0
for u in units:
    for a in u.getalttrans():
        if a.xmlelement.get("match-quality") is not None and a.target:
            alternatives += 1
print(len(units), alternatives)
"#;

/// The folders under `dir` with nothing in them.
fn empty_folders(dir: &Path) -> anyhow::Result<Vec<std::path::PathBuf>> {
    let mut empty = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let mut any = false;
        for entry in std::fs::read_dir(&folder)? {
            let path = entry?.path();
            any = true;
            if path.is_dir() {
                stack.push(path);
            }
        }
        if !any {
            empty.push(folder);
        }
    }
    Ok(empty)
}

/// The scratch workspace at `dir` (see the module's doc).
fn scratch_workspace(root: &Path, dir: &Path) -> anyhow::Result<()> {
    for sub in ["seeds/fr", "seeds/en", "glossary"] {
        std::fs::create_dir_all(dir.join(sub))?;
        for entry in std::fs::read_dir(root.join(sub))? {
            let path = entry?.path();
            if path.is_file() {
                std::fs::copy(
                    &path,
                    dir.join(sub).join(path.file_name().unwrap_or_default()),
                )?;
            }
        }
    }
    let seeds = Workspace::new(root).french_seeds()?;
    let (Some(first), Some(last)) = (seeds.first(), seeds.last()) else {
        bail!("no seeds");
    };
    // A new document: the first seed with every other paragraph edited.
    let french = std::fs::read_to_string(first)?;
    let edited: Vec<String> = french
        .split('\n')
        .enumerate()
        .map(|(i, line)| {
            let mut words: Vec<&str> = line.split(' ').collect();
            let n = words.len();
            match i % 4 {
                1 if n > 6 => {
                    words.remove(n / 2);
                    words.join(" ")
                }
                3 if n > 10 => words[..n - n / 3].join(" "),
                _ => line.to_string(),
            }
        })
        .collect();
    std::fs::write(dir.join("seeds/fr/900_new-document.txt"), edited.join("\n"))?;
    // The last seed partly translated: its English cut after 60 % of its
    // lines.
    let english = dir
        .join("seeds/en")
        .join(last.file_name().unwrap_or_default());
    let text = std::fs::read_to_string(&english)?;
    let lines: Vec<&str> = text.split('\n').collect();
    std::fs::write(&english, lines[..lines.len() * 6 / 10].join("\n") + "\n")?;
    Ok(())
}

/// The counts a translate-toolkit script prints for `file` (whitespace
/// separated numbers; anything else is left out, so a mismatch shows).
fn ttk_counts(python: &Path, script: &str, file: &Path, what: &str) -> anyhow::Result<Vec<usize>> {
    let read = run_tool(Command::new(python).arg("-c").arg(script).arg(file), what)?;
    Ok(read
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect())
}
