//! Glossary review round trip, printed as figures (`cargo bench --bench glossary`).
//!
//! Glossary: 100,000 entries in the curated file's format
//! (`glossary/fr-en.csv`: header `fr-FR,en-GB,id,type,status,…,note`),
//! built at run time in memory and never written into the project. French
//! terms are 1–4 words of the French seeds (as the fixture workspace keeps
//! them, `tests/data/workspace/seeds/fr`), nouns and
//! adjectives as the embedded lexicon reads them, joined by French
//! connectors (`de`, `d’`, `du`, `à`…), unique; English terms are words of
//! the English seeds (`tests/data/workspace/seeds/en`); acronyms with their expansions, codes,
//! names; approved, proposed and rejected entries; ids from `slug`
//! (`-2`, `-3`… when taken); some variants; notes with commas and quotes. A
//! hand-written LCG with a fixed seed picks, so every run builds the same
//! bytes.
//!
//! Prints, single thread, best of five runs (export, import and the peer
//! alternating, so that all three see the same load):
//! - export: `Glossary::parse` of the curated bytes, `rows::rows` for every
//!   entry (no corpus, no candidates), `sheet::write` in Excel's flavour;
//! - import: `Sheet::parse` of that sheet and `merge` into the curated bytes,
//!   which must come back byte for byte (every row unchanged);
//! - the round trip (export + import) against the 2 s bar;
//! - its peer: the `csv` crate reading the records of the curated bytes
//!   (`csv::ReaderBuilder`) and writing them back (`csv::Writer`, the same
//!   bytes, as checked), the least a CSV round trip of those bytes costs;
//!   and the round trip's time over the peer's, in wall and in CPU time:
//!   unlike the bar's absolute figure, the ratio holds across machines and
//!   loads;
//! - extra figures: the same round trip with 1% of the rows edited (their
//!   status: those lines are rewritten, every other byte kept, as checked),
//!   TBX write and read, and the OmegaT TSV write;
//! - the sizes of the curated file and the sheet, and peak RSS.

mod common;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Instant;

use common::{Best, best_of, peak_rss_mb, verdict};

use tmkit::glossary::conflicts::Resolution;
use tmkit::glossary::merge::{Merged, merge};
use tmkit::glossary::omegat::{self, Separator};
use tmkit::glossary::rows::rows;
use tmkit::glossary::sheet::{self, Flavour, Sheet, Take};
use tmkit::glossary::tbx;
use tmkit::glossary::{Glossary, slug};
use tmkit::terms::lexicon::{Lexicon, Tags};

const ENTRIES: usize = 100_000;
const RUNS: usize = 5;
/// The bar: a 100,000-entry glossary round-trips in under 2 s.
const BAR_SECS: f64 = 2.0;
/// Every `EDIT_EVERY`th sheet row gets another status in the edited run.
const EDIT_EVERY: usize = 100;

const HEADER: [&str; 10] = [
    "fr-FR",
    "en-GB",
    "id",
    "type",
    "status",
    "fr-FR variants",
    "en-GB variants",
    "fr-FR expansion",
    "en-GB expansion",
    "note",
];

fn main() {
    // The seeds as the fixture workspace keeps them: the figure does not
    // move when documents are added to seeds/.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/workspace");
    // The lexicon is parsed once per process; load it outside the timing.
    let lexicon = Lexicon::french();
    let curated = curated_csv(&root, ENTRIES, lexicon);

    let glossary = Glossary::parse(&curated, "fr-en.csv").expect("the built glossary is valid");
    assert_eq!(glossary.entries.len(), ENTRIES);
    let count = |kind: &str| glossary.entries.iter().filter(|e| e.kind == kind).count();
    let status = |s: &str| {
        glossary
            .entries
            .iter()
            .filter(|e| e.status.as_str() == s)
            .count()
    };
    println!(
        "glossary: {ENTRIES} entries built in memory ({} approved, {} proposed, {} rejected; \
         {} terms, {} names, {} acronyms, {} codes; {} with variants, {} with a note)",
        status("approved"),
        status("proposed"),
        status("rejected"),
        count("term"),
        count("name"),
        count("acronym"),
        count("code"),
        glossary
            .entries
            .iter()
            .filter(|e| !e.fr_variants.is_empty() || !e.en_variants.is_empty())
            .count(),
        glossary
            .entries
            .iter()
            .filter(|e| !e.note.is_empty())
            .count(),
    );
    drop(glossary);

    // Export (what `tmkit glossary review` does without a corpus), import
    // (nothing was edited, so nothing changes) and the peer, runs
    // alternating so that all three see the same load.
    let mut phases = Phases::default();
    let (mut exporting, mut importing, mut peer) =
        (Best::default(), Best::default(), Best::default());
    let mut last = None;
    for _ in 0..RUNS {
        // One round trip's data at a time, as a user's run holds it; the
        // peer first, so that its copy adds nothing to the peak.
        drop(last.take());
        let copy = peer.time(|| csv_round_trip(&curated));
        assert!(
            copy == curated,
            "the csv crate writes the records it read back as the curated bytes"
        );
        drop(copy);
        let sheet = exporting.time(|| export(&curated, lexicon, &mut phases));
        let merged = importing.time(|| import(&curated, &sheet, &mut phases));
        last = Some((sheet, merged));
    }
    let (sheet, merged) = last.expect("at least one run");
    println!(
        "sizes: curated CSV {:.1} MB, review sheet (Excel flavour: BOM, CRLF, all quoted) {:.1} MB",
        mb(curated.len()),
        mb(sheet.len())
    );
    assert!(
        merged.bytes == curated,
        "an unedited sheet must give back the curated bytes"
    );
    assert_eq!(merged.summary.unchanged, ENTRIES);
    assert_eq!(
        (
            merged.summary.changed,
            merged.summary.added,
            merged.summary.undecided
        ),
        (0, 0, 0)
    );
    assert!(merged.changes.is_empty());
    drop(merged);

    line(
        "export (parse + rows + write sheet)",
        exporting.wall,
        ENTRIES,
    );
    println!(
        "  of which, best of each: Glossary::parse {:.1} ms, rows::rows {:.1} ms, sheet::write {:.1} ms",
        ms(phases.parse),
        ms(phases.rows),
        ms(phases.write)
    );
    line(
        "import (parse sheet + merge), unchanged",
        importing.wall,
        ENTRIES,
    );
    println!(
        "  of which, best of each: Sheet::parse {:.1} ms, merge::merge {:.1} ms",
        ms(phases.sheet_parse),
        ms(phases.merge)
    );
    let round_trip = exporting.wall + importing.wall;
    println!(
        "tmkit glossary round trip, {ENTRIES} entries {:8.3} s   ({:.0} entries/s)   bar < {BAR_SECS} s: {}",
        round_trip,
        ENTRIES as f64 / round_trip,
        verdict(round_trip < BAR_SECS)
    );
    println!(
        "peer: csv crate reads and writes the curated bytes {:8.1} ms   round trip / peer {:.2}x",
        ms(peer.wall),
        round_trip / peer.wall
    );
    let round_trip_cpu = exporting.cpu + importing.cpu;
    println!(
        "  in CPU time: round trip {:.3} s, peer {:.1} ms, round trip / peer {:.2}x",
        round_trip_cpu,
        ms(peer.cpu),
        round_trip_cpu / peer.cpu
    );

    // The same with 1% of the rows edited: those lines are rewritten.
    let (edited, edits) = edit_statuses(&sheet);
    let (edited_secs, merged) = best_of(RUNS, || import(&curated, &edited, &mut Phases::default()));
    assert_eq!(merged.summary.changed, edits);
    assert_eq!(merged.summary.unchanged, ENTRIES - edits);
    assert_eq!(merged.changes.len(), edits);
    assert!(
        merged.bytes == edited_curated(&curated),
        "the edited rows' lines get their new status, every other byte is kept"
    );
    drop(merged);
    line(
        &format!("import, {edits} rows' status edited (1%)"),
        edited_secs,
        ENTRIES,
    );
    let edited_round_trip = exporting.wall + edited_secs;
    println!(
        "round trip (export + import), 1% edited  {edited_round_trip:8.3} s   ({:.0} entries/s)",
        ENTRIES as f64 / edited_round_trip
    );

    // The other exports of the same glossary.
    let glossary = Glossary::parse(&curated, "fr-en.csv").expect("valid");
    let (tbx_write_secs, tbx) = best_of(RUNS, || {
        let mut out = Vec::new();
        tbx::write(&mut out, &glossary, &tbx::TbxOptions::default()).expect("tbx write");
        out
    });
    line(
        &format!("TBX write ({:.1} MB)", mb(tbx.len())),
        tbx_write_secs,
        ENTRIES,
    );
    // A rejected entry is not a glossary entry: the TBX has none of them.
    let written = tbx::exported(&glossary).count();
    let (tbx_read_secs, read) = best_of(RUNS, || tbx::read(&tbx, "fr-en.tbx").expect("tbx read"));
    assert_eq!(read.entries.len(), written);
    drop(read);
    line("TBX read", tbx_read_secs, written);
    let (tsv_secs, (tsv, lines)) = best_of(RUNS, || {
        let mut out = Vec::new();
        let lines = omegat::write(&mut out, &glossary, Separator::Tab).expect("tsv write");
        (out, lines)
    });
    line(
        &format!("OmegaT TSV write ({lines} lines, {:.1} MB)", mb(tsv.len())),
        tsv_secs,
        lines,
    );
    println!("peak RSS {:.1} MB", peak_rss_mb());
}

/// The best time of each phase over the runs, in seconds.
struct Phases {
    parse: f64,
    rows: f64,
    write: f64,
    sheet_parse: f64,
    merge: f64,
}

impl Default for Phases {
    fn default() -> Phases {
        Phases {
            parse: f64::INFINITY,
            rows: f64::INFINITY,
            write: f64::INFINITY,
            sheet_parse: f64::INFINITY,
            merge: f64::INFINITY,
        }
    }
}

/// The review sheet of `curated`, in Excel's flavour.
fn export(curated: &[u8], lexicon: &Lexicon, phases: &mut Phases) -> Vec<u8> {
    let t = Instant::now();
    let glossary = Glossary::parse(curated, "fr-en.csv").expect("valid glossary");
    phases.parse = phases.parse.min(t.elapsed().as_secs_f64());
    let t = Instant::now();
    let rows = rows(&glossary, &[], &[], lexicon);
    phases.rows = phases.rows.min(t.elapsed().as_secs_f64());
    let t = Instant::now();
    let mut out = Vec::new();
    sheet::write(
        &mut out,
        &rows,
        Flavour {
            excel: true,
            delimiter: b',',
        },
    )
    .expect("write sheet");
    phases.write = phases.write.min(t.elapsed().as_secs_f64());
    out
}

/// `sheet` merged into `curated`.
fn import(curated: &[u8], sheet: &[u8], phases: &mut Phases) -> Merged {
    let t = Instant::now();
    let sheet = Sheet::parse(sheet, "review.csv", None).expect("valid sheet");
    phases.sheet_parse = phases.sheet_parse.min(t.elapsed().as_secs_f64());
    let t = Instant::now();
    let merged = merge(
        curated,
        "fr-en.csv",
        &sheet
            .take("review.csv", Take::Review)
            .expect("a review sheet"),
        "review.csv",
        &Resolution::Ask,
    )
    .expect("merge");
    phases.merge = phases.merge.min(t.elapsed().as_secs_f64());
    merged
}

/// The peer: the `csv` crate reading every record of the curated bytes and
/// writing them back as the curated file is written (LF, quotes where
/// needed): the least a round trip of the same bytes through CSV costs.
/// Records of bytes: the glossary's reader checks the file as UTF-8 once,
/// whole (`encoding::decode`); `StringRecord`'s check of every record costs
/// the peer about 60 % more.
fn csv_round_trip(curated: &[u8]) -> Vec<u8> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(curated);
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::with_capacity(curated.len()));
    let mut record = csv::ByteRecord::new();
    while reader
        .read_byte_record(&mut record)
        .expect("a valid record")
    {
        writer.write_byte_record(&record).expect("write record");
    }
    writer.into_inner().expect("flush")
}

/// The sheet with the status of every `EDIT_EVERY`th data row changed, as a
/// reviewer would in the spreadsheet; and how many rows were edited.
fn edit_statuses(sheet: &[u8]) -> (Vec<u8>, usize) {
    let text = std::str::from_utf8(sheet).expect("UTF-8 sheet");
    let mut out = String::with_capacity(text.len());
    let mut edits = 0;
    // Excel's flavour: CRLF, every field quoted; status is the third field
    // and no French or English term holds a quote.
    for (i, line) in text.split_inclusive("\r\n").enumerate() {
        if i == 0 || i % EDIT_EVERY != 0 {
            out.push_str(line);
            continue;
        }
        let fields: Vec<&str> = line.splitn(4, "\",\"").collect();
        let status = edited_status(fields[2]);
        out.push_str(&[fields[0], fields[1], status, fields[3]].join("\",\""));
        edits += 1;
    }
    (out.into_bytes(), edits)
}

/// The curated file as the edited sheet should leave it: the status of
/// the same entries changed as [`edit_statuses`] changes it, every other
/// byte as it was.
fn edited_curated(curated: &[u8]) -> Vec<u8> {
    let text = std::str::from_utf8(curated).expect("UTF-8");
    let mut out = String::with_capacity(text.len());
    // Line i holds the entry of sheet line i; no French term, English
    // term, id or type holds a comma or a quote, so status is field 5.
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i == 0 || i % EDIT_EVERY != 0 {
            out.push_str(line);
            continue;
        }
        let mut fields: Vec<&str> = line.splitn(6, ',').collect();
        fields[4] = edited_status(fields[4]);
        out.push_str(&fields.join(","));
    }
    out.into_bytes()
}

fn edited_status(status: &str) -> &'static str {
    match status {
        "approved" => "proposed",
        "proposed" => "rejected",
        "rejected" => "proposed",
        other => panic!("unexpected status {other:?}"),
    }
}

fn line(what: &str, secs: f64, entries: usize) {
    println!(
        "{what:<40} {:8.1} ms   ({:.0} entries/s)",
        ms(secs),
        entries as f64 / secs
    );
}

fn ms(secs: f64) -> f64 {
    secs * 1e3
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

/// A fixed-seed linear congruential generator (Knuth's MMIX constants).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len())]
    }

    /// True `percent`% of the time.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// The words of the seed texts in `dir`: (lowercase words of at least
/// three letters, capitalised words), each list without repeats, in first
/// occurrence order.
fn seed_words(dir: &Path) -> (Vec<String>, Vec<String>) {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut seen = HashSet::new();
    let (mut lower, mut capitalised) = (Vec::new(), Vec::new());
    for f in files {
        let text = std::fs::read_to_string(&f).expect("seed text");
        for w in text.split(|c: char| !c.is_alphabetic()) {
            let mut chars = w.chars();
            let Some(first) = chars.next() else {
                continue;
            };
            if w.chars().count() < 3 || !seen.insert(w.to_string()) {
                continue;
            }
            if first.is_lowercase() && chars.all(char::is_lowercase) {
                lower.push(w.to_string());
            } else if first.is_uppercase() && chars.all(char::is_lowercase) {
                capitalised.push(w.to_string());
            }
        }
    }
    (lower, capitalised)
}

/// The French vocabulary of the seeds, sorted by the lexicon.
struct French<'a> {
    /// Words read as nouns only (not verbs, not function words).
    nouns: Vec<&'a str>,
    /// Words read as adjectives (not verbs, not function words).
    adjectives: Vec<&'a str>,
    /// Capitalised words the lexicon reads as proper nouns or does not know.
    names: Vec<&'a str>,
    /// A noun's other number (`accord` → `accords`), when the lexicon has it.
    plural: HashMap<&'a str, String>,
}

impl<'a> French<'a> {
    fn of(lower: &'a [String], capitalised: &'a [String], lexicon: &Lexicon) -> French<'a> {
        let tags = |w: &str| {
            lexicon
                .analyse(w)
                .iter()
                .fold(Tags::empty(), |t, a| t.union(a.tags))
        };
        let open = |t: Tags| !t.intersects(Tags::VERB.union(Tags::FUNCTION).union(Tags::DET));
        let mut nouns = Vec::new();
        let mut adjectives = Vec::new();
        let mut plural = HashMap::new();
        for w in lower {
            let t = tags(w);
            if t.contains(Tags::NOUN) && !t.contains(Tags::ADJ) && open(t) {
                nouns.push(w.as_str());
                let lemma = lexicon.analyse(w).first().map(|a| a.lemma.to_string());
                if let Some(other) = lemma.and_then(|l| {
                    lexicon
                        .forms(&l, Tags::NOUN.union(Tags::PLURAL))
                        .into_iter()
                        .find(|f| f != w)
                }) {
                    plural.insert(w.as_str(), other);
                }
            } else if t.contains(Tags::ADJ) && open(t) {
                adjectives.push(w.as_str());
            }
        }
        let names = capitalised
            .iter()
            .map(String::as_str)
            .filter(|w| tags(w).contains(Tags::PROPER) || !lexicon.knows(&w.to_lowercase()))
            .collect();
        French {
            nouns,
            adjectives,
            names,
            plural,
        }
    }

    /// A term of `n` words: noun, noun adjective, noun connector noun, noun
    /// adjective connector noun; `de` elided before a vowel (`centre
    /// d’analyse`).
    fn term(&self, rng: &mut Lcg, n: usize) -> String {
        const CONNECTORS: [&str; 7] = ["de", "du", "des", "à", "en", "pour", "sur"];
        let noun = rng.pick(&self.nouns);
        let head = match n {
            1 | 3 => noun.to_string(),
            _ => format!("{noun} {}", rng.pick(&self.adjectives)),
        };
        if n <= 2 {
            return head;
        }
        let conn = rng.pick(&CONNECTORS);
        let tail = rng.pick(&self.nouns);
        if conn == "de" && tail.starts_with(['a', 'e', 'é', 'è', 'ê', 'i', 'o', 'u', 'h']) {
            format!("{head} d’{tail}")
        } else {
            format!("{head} {conn} {tail}")
        }
    }
}

fn english_term(rng: &mut Lcg, words: &[&str], n: usize) -> String {
    let w: Vec<&str> = (0..n.min(3)).map(|_| rng.pick(words)).collect();
    match n {
        1 => w[0].to_string(),
        2 => format!("{} {}", w[0], w[1]),
        3 => format!("{} of {}", w[1], w[0]),
        _ => format!("{} {} for {}", w[0], w[1], w[2]),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn initials(s: &str) -> String {
    s.split([' ', '’'])
        .filter(|w| w.chars().count() >= 3)
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

/// A curated glossary CSV of `entries` entries, as `glossary/fr-en.csv` is
/// written (RFC 4180, LF, quotes where needed).
fn curated_csv(root: &Path, entries: usize, lexicon: &Lexicon) -> Vec<u8> {
    let (fr_lower, fr_capitalised) = seed_words(&root.join("seeds/fr"));
    let (en_lower, en_names) = seed_words(&root.join("seeds/en"));
    let french = French::of(&fr_lower, &fr_capitalised, lexicon);
    let fr_names = &french.names;
    let en: Vec<&str> = en_lower.iter().map(String::as_str).collect();
    // Sentence-initial words are capitalised too: names are the capitalised
    // words never seen in lowercase.
    let en_lower_set: HashSet<&str> = en.iter().copied().collect();
    let en_names: Vec<&str> = en_names
        .iter()
        .map(String::as_str)
        .filter(|w| !en_lower_set.contains(w.to_lowercase().as_str()))
        .collect();
    assert!(
        french.nouns.len() > 100
            && french.adjectives.len() > 50
            && fr_names.len() > 20
            && en.len() > 300
            && en_names.len() > 30,
        "the seeds give too few words"
    );

    let mut rng = Lcg(0x7e57_600d_5eed);
    let mut french_taken: HashSet<String> = HashSet::new();
    let mut ids: HashSet<String> = HashSet::new();
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::with_capacity(entries * 120));
    w.write_record(HEADER).expect("header");
    for i in 0..entries {
        let mut fr_variants = String::new();
        let mut en_variants = String::new();
        let mut fr_expansion = String::new();
        let mut en_expansion = String::new();
        let roll = rng.below(100);
        let (kind, mut term, mut english) = match roll {
            0..=2 => {
                // An acronym: the initials of its expansion.
                let n = 3 + rng.below(2);
                fr_expansion = capitalise(&french.term(&mut rng, n));
                let n = 3 + rng.below(2);
                en_expansion = english_term(&mut rng, &en, n)
                    .split(' ')
                    .map(|w| {
                        if w == "of" || w == "for" {
                            w.to_string()
                        } else {
                            capitalise(w)
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" ");
                ("acronym", initials(&fr_expansion), initials(&en_expansion))
            }
            3 => {
                let code = format!("{}{}", ["HR", "S", "EU", "UN", "ISO "][i % 5], 1000 + i);
                ("code", code.clone(), code)
            }
            4..=23 => {
                let n = 1 + rng.below(2);
                let name: Vec<&str> = (0..n).map(|_| rng.pick(fr_names)).collect();
                let english: Vec<&str> = (0..n).map(|_| rng.pick(&en_names)).collect();
                let sep = if rng.chance(30) { "-" } else { " " };
                ("name", name.join(sep), english.join(sep))
            }
            _ => {
                let n = [1, 2, 2, 2, 3, 3, 3, 4][rng.below(8)];
                (
                    "term",
                    french.term(&mut rng, n),
                    english_term(&mut rng, &en, n),
                )
            }
        };
        // Unique French terms, as the curated file has them.
        let mut tries = 0;
        while !french_taken.insert(tmkit::text::match_key(&term)) {
            tries += 1;
            term = match kind {
                "acronym" => format!("{term}{}", char::from(b'A' + rng.below(26) as u8)),
                "name" => format!("{term} {}", rng.pick(fr_names)),
                _ => french.term(&mut rng, 2 + (tries / 4).min(2)),
            };
            if kind == "acronym" && tries > 3 {
                term = format!("{term}{i}");
            }
        }
        let status = match rng.below(100) {
            0..=71 => "approved",
            72..=91 => "proposed",
            _ => "rejected",
        };
        if status == "proposed" && kind == "term" && rng.chance(10) {
            english.clear();
        }
        if kind == "term" && rng.chance(12) {
            // The head noun's other number; sometimes a hyphenated spelling.
            let (first, rest) = term.split_once(' ').unwrap_or((term.as_str(), ""));
            if let Some(other) = french.plural.get(first) {
                fr_variants = format!("{other} {rest}").trim_end().to_string();
            }
            if !rest.is_empty() && !rest.contains(' ') && rng.chance(30) {
                if !fr_variants.is_empty() {
                    fr_variants.push('|');
                }
                fr_variants.push_str(&format!("{first}-{rest}"));
            }
        }
        if !english.is_empty() && kind == "term" && rng.chance(9) {
            en_variants = format!("{english}s");
            if rng.chance(40) {
                en_variants.push_str(&format!("|{} {english}", rng.pick(&en)));
            }
        }
        let note = if rng.chance(35) {
            let other = rng.pick(&en);
            match rng.below(6) {
                // Without an English term, no note about it.
                _ if english.is_empty() => format!("no English equivalent found, not {other}"),
                0 => format!("US: {english}"),
                1 => format!("\"{term}\" in titles, {english} elsewhere"),
                2 => format!("{term} → {english}; not {other}"),
                3 => format!("Avoid \"{other}\", use “{english}”, as in seeds/en"),
                4 => format!("rejected: {other}, a calque; prefer {english}"),
                _ => format!("seen {} times, 2024–2025", 1 + rng.below(40)),
            }
        } else {
            String::new()
        };
        let base = slug(&term);
        let mut id = base.clone();
        let mut n = 1;
        while !ids.insert(id.clone()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        w.write_record([
            term.as_str(),
            &english,
            &id,
            kind,
            status,
            &fr_variants,
            &en_variants,
            &fr_expansion,
            &en_expansion,
            &note,
        ])
        .expect("record");
    }
    w.into_inner().expect("flush")
}
