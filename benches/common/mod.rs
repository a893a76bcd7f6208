//! What every benchmark shares: timing, peak memory, verdicts.

// Each bench uses its own part of this module.
#![allow(dead_code)]

use std::hint::black_box;
use std::time::Instant;

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

/// A bar met or not.
pub fn verdict(ok: bool) -> &'static str {
    if ok { "ok" } else { "BELOW" }
}
