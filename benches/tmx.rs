//! TMX read and write throughput and streaming memory, printed as figures
//! (`cargo bench --bench tmx`).
//!
//! Corpus: real FR–EN translation units from the French gettext catalogues
//! that Debian packages ship ([`common::gettext`]).
//!
//! Prints, single thread, best of several runs, against a peer in the same
//! run:
//! - writing the memory with `TmxWriter` into memory, MB/s, against copying
//!   the same number of bytes (`Vec::extend_from_slice`);
//! - reading it back with `TmxReader::read_into` (every unit built, into
//!   one reused unit, as the commands read), MB/s, against
//!   quick-xml's bare event loop over the same bytes (no model), runs
//!   alternating, in wall and in CPU time (the ratio's bar is on CPU time,
//!   which other processes on a shared machine do not inflate); and as an
//!   iterator (a unit allocated each), in CPU time;
//! - peak RSS of a child process streaming a ≥ 1 GB TMX file from disk.

mod common;

use std::hint::black_box;
use std::path::Path;
use std::process::Command;

use tmkit::tm::tmx::{TmxReader, TmxWriter};
use tmkit::tm::{Header, Unit, UnitWriter};

use common::gettext::{catalogues, units};
use common::{Best, best_of, peak_rss_mb, verdict};

const RUNS: usize = 3;
/// Runs of each reader, alternating.
const READ_RUNS: usize = 5;
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

    // Reading, against quick-xml's bare event loop: runs alternate, so that
    // both see the same load on a shared machine; the best wall and CPU
    // times of each.
    // As the commands read (`TmxReader::read_into`, one unit's room reused).
    let read = || {
        let mut reader = TmxReader::new(&tmx[..], "bench.tmx").expect("header");
        let mut unit = Unit::default();
        let mut n = 0;
        while reader.read_into(&mut unit).expect("unit") {
            black_box(&unit);
            n += 1;
        }
        assert_eq!(n, units.len());
        n
    };
    // As an iterator, every unit allocated anew.
    let iterate = || {
        let reader = TmxReader::new(&tmx[..], "bench.tmx").expect("header");
        let mut n = 0;
        for unit in reader {
            black_box(unit.expect("unit"));
            n += 1;
        }
        assert_eq!(n, units.len());
        n
    };
    let events = || {
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
    };
    let (mut reading, mut events_loop, mut iterating) =
        (Best::default(), Best::default(), Best::default());
    for _ in 0..READ_RUNS {
        reading.time(read);
        iterating.time(iterate);
        events_loop.time(events);
    }
    println!(
        "read   tmkit TmxReader    {:7.1} MB/s   peer quick-xml events {:7.1} MB/s   ratio {:.2}   bar >= 150 MB/s: {}",
        mb / reading.wall,
        mb / events_loop.wall,
        events_loop.wall / reading.wall,
        verdict(mb / reading.wall >= 150.0)
    );
    println!(
        "read, CPU time: tmkit {:7.1} MB/s   peer {:7.1} MB/s   ratio {:.2}   bar >= 0.42x: {}",
        mb / reading.cpu,
        mb / events_loop.cpu,
        events_loop.cpu / reading.cpu,
        verdict(events_loop.cpu / reading.cpu >= 0.42)
    );
    println!(
        "read as an iterator (a unit allocated each), CPU time: {:7.1} MB/s   ratio {:.2}",
        mb / iterating.cpu,
        events_loop.cpu / iterating.cpu
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
