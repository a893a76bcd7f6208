//! TMX read and write throughput and streaming memory, printed as figures
//! (`cargo bench --bench tmx`).
//!
//! Corpus: real FR–EN translation units from the French gettext catalogues
//! (`.mo`) that Debian packages ship: the ones on this machine plus those of
//! the packages in [`PACKAGES`], fetched with `apt-get download` into
//! `target/bench-corpus/` on the first run (never into the project). Each
//! unit is a French `msgstr` (fr-FR, the source) and its English `msgid`
//! (en-GB); a catalogue's repeated entries count once.
//!
//! Prints, single thread, best of several runs, against a peer in the same
//! run:
//! - writing the memory with `TmxWriter` into memory, MB/s, against copying
//!   the same number of bytes (`Vec::extend_from_slice`);
//! - reading it back with `TmxReader` (every unit built), MB/s, against
//!   quick-xml's bare event loop over the same bytes (no model);
//! - peak RSS of a child process streaming a ≥ 1 GB TMX file from disk.

mod common;

use std::collections::HashSet;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;

use tmkit::tm::tmx::{TmxReader, TmxWriter};
use tmkit::tm::{Header, Unit, Variant};

use common::{best_of, peak_rss_mb, verdict};

/// Debian packages with large French catalogues.
const PACKAGES: &[&str] = &[
    "libreoffice-l10n-fr",
    "gcc-12-locales",
    "inkscape",
    "gimp-data",
    "libgtk-3-common",
    "evolution-data-server-common",
    "evolution-common",
    "gnome-shell-common",
    "gnome-control-center-data",
    "nautilus-data",
    "gedit-common",
    "rhythmbox-data",
    "shotwell-common",
    "vlc-l10n",
    "gnucash-common",
    "gnumeric-common",
    "freeciv-data",
    "git",
    "gramps",
    "pidgin-data",
    "filezilla-common",
    "texmaker-data",
    "poedit-common",
    "lyx-common",
    "libgweather-4-common",
    "orca",
    "evince-common",
    "totem-common",
    "gnome-software-common",
    "brasero-common",
    "glade",
    "planner-data",
    "xfce4-panel",
    "gnome-maps",
    "geany-common",
    "claws-mail-i18n",
    "digikam-data",
    "krita-data",
    "util-linux-locales",
    "binutils-common",
    "libc-l10n",
    "gnupg-l10n",
    "libgtk-4-common",
    "libgtk2.0-common",
    "network-manager",
    "cups-common",
    "gparted",
    "gnome-disk-utility",
    "gnome-calendar",
    "gnome-text-editor",
    "gnome-clocks",
    "gnome-weather",
    "gnome-characters",
];

const RUNS: usize = 3;
const MIN_UNITS: usize = 200_000;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--stream") {
        stream(Path::new(&args[i + 1]));
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("target/bench-corpus");
    let units = units(&corpus);
    println!(
        "corpus: {} real FR–EN units from {} gettext catalogues (Debian packages)",
        units.len(),
        catalogues(&corpus).len()
    );
    if units.len() < MIN_UNITS {
        println!("warning: fewer than {MIN_UNITS} units");
    }

    let header = Header::tmkit("fr-FR", Some("20260101T000000Z"));
    let write = |out: &mut Vec<u8>| {
        out.clear();
        let mut w = TmxWriter::new(out, &header).expect("header");
        for unit in &units {
            w.write_unit(unit).expect("unit");
        }
        w.finish().expect("finish");
    };
    let mut tmx = Vec::new();
    write(&mut tmx);
    let mb = tmx.len() as f64 / 1e6;
    println!("TMX: {mb:.1} MB");
    let (write_secs, _) = best_of(RUNS, || {
        let mut out = Vec::with_capacity(tmx.len());
        write(&mut out);
        black_box(out.len())
    });
    let (copy_secs, _) = best_of(RUNS, || {
        let mut out = Vec::with_capacity(tmx.len());
        out.extend_from_slice(black_box(&tmx));
        black_box(out.len())
    });
    println!(
        "write  tmkit TmxWriter    {:7.1} MB/s   peer memcpy {:7.1} MB/s   ratio {:.2}   bar >= 200 MB/s: {}",
        mb / write_secs,
        mb / copy_secs,
        write_secs / copy_secs,
        verdict(mb / write_secs >= 200.0)
    );

    let (read_secs, _) = best_of(RUNS, || {
        let reader = TmxReader::new(&tmx[..], "bench.tmx").expect("header");
        let mut n = 0;
        for unit in reader {
            black_box(unit.expect("unit"));
            n += 1;
        }
        assert_eq!(n, units.len());
        n
    });
    let (events_secs, _) = best_of(RUNS, || {
        let mut reader = quick_xml::Reader::from_reader(&tmx[..]);
        let mut buf = Vec::new();
        let mut n = 0;
        loop {
            match reader.read_event_into(&mut buf).expect("event") {
                quick_xml::events::Event::Eof => break,
                e => {
                    black_box(&e);
                    n += 1;
                }
            }
            buf.clear();
        }
        n
    });
    println!(
        "read   tmkit TmxReader    {:7.1} MB/s   peer quick-xml events {:7.1} MB/s   ratio {:.2}   bar >= 150 MB/s: {}",
        mb / read_secs,
        mb / events_secs,
        events_secs / read_secs,
        verdict(mb / read_secs >= 150.0)
    );

    // Streaming a ≥ 1 GB file from disk in a child process.
    let dir = tempfile::tempdir_in(root.join("target")).expect("temp dir");
    let path = dir.path().join("big.tmx");
    let file =
        std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&path).expect("file"));
    let mut w = TmxWriter::new(file, &header).expect("header");
    let mut written = 0usize;
    let mut round = 0;
    while written < 1_000_000_000 {
        for unit in &units {
            let mut unit = unit.clone();
            unit.set_attribute("tuid", &format!("{round}:{}", unit.tuid().unwrap_or("")));
            w.write_unit(&unit).expect("unit");
        }
        written += tmx.len();
        round += 1;
    }
    w.finish().expect("finish");
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) as f64 / 1e9;
    let out = Command::new(std::env::current_exe().expect("exe"))
        .arg("--stream")
        .arg(&path)
        .output()
        .expect("child");
    let report = String::from_utf8_lossy(&out.stdout);
    let mut fields = report.split_whitespace();
    let count: usize = fields.next().and_then(|s| s.parse().ok()).unwrap_or(0);
    let peak: f64 = fields
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(f64::NAN);
    println!(
        "stream {size:.2} GB TMX ({count} units): peak RSS {peak:.1} MB   bar < 64 MB: {}",
        verdict(peak < 64.0)
    );
}

/// Child: streams a TMX file, prints the unit count and peak RSS in MB.
fn stream(path: &Path) {
    let reader = TmxReader::open(path).expect("open");
    let mut n = 0usize;
    for unit in reader {
        black_box(unit.expect("unit"));
        n += 1;
    }
    println!("{n} {:.1}", peak_rss_mb());
}

/// Fetches and unpacks the packages, each once: a marker under
/// `unpacked/` records every `.deb` already extracted.
fn fetch(corpus: &Path) {
    let debs = corpus.join("debs");
    let root = corpus.join("root");
    let unpacked = corpus.join("unpacked");
    std::fs::create_dir_all(&debs).expect("corpus dir");
    std::fs::create_dir_all(&unpacked).expect("corpus dir");
    let listed = |dir: &Path| -> Vec<String> {
        std::fs::read_dir(dir)
            .expect("corpus dir")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect()
    };
    let have = listed(&debs);
    for package in PACKAGES {
        let prefix = format!("{package}_");
        if have.iter().any(|d| d.starts_with(&prefix)) {
            continue;
        }
        let status = Command::new("apt-get")
            .args(["download", "-qq", package])
            .current_dir(&debs)
            .status();
        if !status.is_ok_and(|s| s.success()) {
            eprintln!("bench: apt-get download {package} failed; going on without it");
        }
    }
    for deb in listed(&debs) {
        let marker = unpacked.join(&deb);
        if marker.exists() {
            continue;
        }
        let status = Command::new("dpkg-deb")
            .arg("-x")
            .arg(debs.join(&deb))
            .arg(&root)
            .status();
        if status.is_ok_and(|s| s.success()) {
            std::fs::write(&marker, b"").expect("marker");
        } else {
            eprintln!("bench: dpkg-deb -x {deb} failed; going on without it");
        }
    }
}

fn catalogues(corpus: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![corpus.join("root"), PathBuf::from("/usr/share/locale/fr")];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "mo")
                && path.components().any(|c| c.as_os_str() == "fr")
            {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn units(corpus: &Path) -> Vec<Unit> {
    fetch(corpus);
    let mut units = Vec::new();
    let mut seen = HashSet::new();
    for (c, path) in catalogues(corpus).iter().enumerate() {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        for (i, (msgid, msgstr)) in mo_entries(&bytes).into_iter().enumerate() {
            if msgid.is_empty()
                || msgstr.is_empty()
                || !seen.insert((msgid.clone(), msgstr.clone()))
            {
                continue;
            }
            let mut unit = Unit::new(&format!("{c}:{i}"));
            unit.variants.push(Variant::plain("fr-FR", &msgstr));
            unit.variants.push(Variant::plain("en-GB", &msgid));
            units.push(unit);
        }
    }
    units
}

/// (msgid, msgstr) pairs of a GNU `.mo` file: first plural form, context
/// dropped, control characters (not XML) removed.
fn mo_entries(bytes: &[u8]) -> Vec<(String, String)> {
    let word = |at: usize, big: bool| -> Option<usize> {
        let b: [u8; 4] = bytes.get(at..at + 4)?.try_into().ok()?;
        Some(if big {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        } as usize)
    };
    let big = match bytes.get(..4) {
        Some([0x95, 0x04, 0x12, 0xde]) => true,
        Some([0xde, 0x12, 0x04, 0x95]) => false,
        _ => return Vec::new(),
    };
    let (Some(n), Some(orig), Some(trans)) = (word(8, big), word(12, big), word(16, big)) else {
        return Vec::new();
    };
    let string = |table: usize, i: usize| -> Option<String> {
        let len = word(table + 8 * i, big)?;
        let off = word(table + 8 * i + 4, big)?;
        let raw = bytes.get(off..off + len)?;
        let raw = raw.split(|&b| b == 0).next().unwrap_or(raw);
        let raw = match raw.iter().position(|&b| b == 4) {
            Some(p) => &raw[p + 1..],
            None => raw,
        };
        let text = std::str::from_utf8(raw).ok()?;
        Some(
            text.chars()
                .filter(|&c| !c.is_control() || matches!(c, '\t' | '\n'))
                .collect(),
        )
    };
    (0..n)
        .filter_map(|i| Some((string(orig, i)?, string(trans, i)?)))
        .collect()
}
