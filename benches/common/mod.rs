//! What every benchmark shares: timing, peak memory, verdicts.

// Each bench uses its own part of this module.
#![allow(dead_code)]

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use tmkit::document::Paragraphs;

pub mod gettext;
pub mod ttk;

/// Runs `f` `runs` times; the best time in seconds and the last result.
pub fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut result = None;
    for _ in 0..runs {
        let start = Instant::now();
        result = Some(black_box(f()));
        best = best.min(start.elapsed().as_secs_f64());
    }
    (best, result.expect("at least one run"))
}

/// This process's peak resident memory (VmHWM), in MB.
pub fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// `../shared/data`, or exit 2 with a message when it is not beside the
/// clone (the corpora are built from it, never copied into the project).
pub fn shared_data() -> PathBuf {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    if !shared.is_dir() {
        eprintln!(
            "bench: {} not found: the corpus is built from the shared data beside the clone",
            shared.display()
        );
        std::process::exit(2);
    }
    shared
}

/// Prints how peak memory grew from the first input to one 4× larger
/// (`peaks`: the two peaks, MB), against the "flat" bar (< 1.2×).
pub fn print_growth(peaks: &[f64]) {
    println!(
        "memory growth 4x input: {:.2}x peak RSS   bar: flat: {}",
        peaks[1] / peaks[0],
        verdict(peaks[1] / peaks[0] < 1.2)
    );
}

/// A bar met or not.
pub fn verdict(ok: bool) -> &'static str {
    if ok { "ok" } else { "BELOW" }
}

/// The shared French text as non-empty paragraphs: UD French-GSD dev and
/// test, then the `.txt` files of each of `dirs` (relative to `shared`), in
/// name order; repeated until it holds at least `target_bytes`.
pub fn french_paragraphs(shared: &Path, dirs: &[&str], target_bytes: usize) -> Vec<String> {
    let mut files: Vec<PathBuf> = vec![
        shared.join("ud-french-gsd/fr_gsd-ud-dev.raw.txt"),
        shared.join("ud-french-gsd/fr_gsd-ud-test.raw.txt"),
    ];
    for dir in dirs {
        if let Ok(entries) = std::fs::read_dir(shared.join(dir)) {
            let mut more: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            more.sort();
            files.extend(
                more.into_iter()
                    .filter(|p| p.extension().is_some_and(|e| e == "txt")),
            );
        }
    }
    let mut base = Vec::new();
    for f in files {
        for p in Paragraphs::open(&f).expect("read corpus file") {
            let p = p.expect("corpus paragraph");
            if !p.text.trim().is_empty() {
                base.push(p.text);
            }
        }
    }
    let base_bytes: usize = base.iter().map(String::len).sum();
    let copies = target_bytes.div_ceil(base_bytes.max(1));
    let mut all = Vec::with_capacity(base.len() * copies);
    for _ in 0..copies {
        all.extend(base.iter().cloned());
    }
    all
}

/// CPU time this thread has run, in seconds (`clock_gettime` with
/// `CLOCK_THREAD_CPUTIME_ID`, through the vDSO: cheap enough to time one
/// lookup). On a shared machine it is steadier than the wall clock, which
/// counts the time other processes hold the cores.
pub fn thread_cpu_seconds() -> f64 {
    #[repr(C)]
    struct Timespec {
        tv_sec: i64,
        tv_nsec: i64,
    }
    // Linux's CLOCK_THREAD_CPUTIME_ID.
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    unsafe extern "C" {
        fn clock_gettime(clock: i32, time: *mut Timespec) -> i32;
    }
    let mut t = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for the call to write into.
    let status = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut t) };
    if status != 0 {
        return f64::NAN;
    }
    t.tv_sec as f64 + t.tv_nsec as f64 * 1e-9
}

/// The median of `values` (sorted in place).
pub fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => f64::NAN,
        _ if n % 2 == 1 => values[n / 2],
        _ => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

/// CPU time (user and system) of this process's children that have ended
/// and been waited for, in seconds (`getrusage(RUSAGE_CHILDREN)`, to the
/// microsecond).
pub fn children_cpu_seconds() -> f64 {
    #[repr(C)]
    struct Timeval {
        tv_sec: i64,
        tv_usec: i64,
    }
    #[repr(C)]
    struct Rusage {
        utime: Timeval,
        stime: Timeval,
        // maxrss through nivcsw: 14 longs.
        rest: [i64; 14],
    }
    // Linux's RUSAGE_CHILDREN.
    const RUSAGE_CHILDREN: i32 = -1;
    unsafe extern "C" {
        fn getrusage(who: i32, usage: *mut Rusage) -> i32;
    }
    let mut usage = Rusage {
        utime: Timeval {
            tv_sec: 0,
            tv_usec: 0,
        },
        stime: Timeval {
            tv_sec: 0,
            tv_usec: 0,
        },
        rest: [0; 14],
    };
    // SAFETY: `usage` is a valid struct rusage for the call to write into.
    let status = unsafe { getrusage(RUSAGE_CHILDREN, &mut usage) };
    if status != 0 {
        return f64::NAN;
    }
    let seconds = |t: &Timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
    seconds(&usage.utime) + seconds(&usage.stime)
}

/// The CPU time (user + system) of the child processes `f` runs and waits
/// for, in seconds.
pub fn child_cpu(f: impl FnOnce()) -> f64 {
    let start = children_cpu_seconds();
    f();
    children_cpu_seconds() - start
}

/// The least wall and CPU time (this thread's), in seconds, of runs that
/// alternate with other work (a peer's runs), so that each sees the same
/// load: [`Best::time`] times one run.
pub struct Best {
    pub wall: f64,
    pub cpu: f64,
}

impl Default for Best {
    fn default() -> Best {
        Best {
            wall: f64::INFINITY,
            cpu: f64::INFINITY,
        }
    }
}

impl Best {
    /// Runs `f` once, keeps its times if they are the least, and returns
    /// its result.
    pub fn time<T>(&mut self, f: impl FnOnce() -> T) -> T {
        let (start, cpu) = (Instant::now(), thread_cpu_seconds());
        let result = black_box(f());
        self.wall = self.wall.min(start.elapsed().as_secs_f64());
        self.cpu = self.cpu.min(thread_cpu_seconds() - cpu);
        result
    }
}

/// Runs `f` `runs` times; the least CPU time of this thread in seconds and
/// the last result (the figure to compare with a peer on a loaded machine).
pub fn best_cpu_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut result = None;
    for _ in 0..runs {
        let start = thread_cpu_seconds();
        result = Some(black_box(f()));
        best = best.min(thread_cpu_seconds() - start);
    }
    (best, result.expect("at least one run"))
}

/// CPU time this process has run (all its threads), in seconds, from
/// `/proc/self/stat` (user and system clock ticks, 100 a second).
pub fn process_cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // The fields after the command name (which may hold spaces).
            let rest = &s[s.rfind(')')? + 2..];
            let f: Vec<&str> = rest.split_whitespace().collect();
            let ticks = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
            Some(ticks / 100.0)
        })
        .unwrap_or(f64::NAN)
}
