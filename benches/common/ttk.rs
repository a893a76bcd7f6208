//! translate-toolkit's fuzzy matcher (`translate.search.match.matcher`,
//! PyPI, with rapidfuzz, in a venv under `target/bench-ttk` made with pip on
//! the first run): the peer that tmkit's lookups are measured against.

use std::path::{Path, PathBuf};
use std::process::Command;

use tmkit::tm::memory::Memory;

/// The matcher, set up over one memory.
pub struct Matcher {
    python: PathBuf,
    dir: PathBuf,
    memory: PathBuf,
}

/// What the matcher measured: wall milliseconds per query, and its own
/// line (`12.345 per query, 980 of 1000 matched`).
pub struct Run {
    pub ms: f64,
    pub report: String,
}

/// A text as one field of the files the script reads.
pub fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

impl Matcher {
    /// The venv (made if missing) and `memory` written as the script reads
    /// it; `None` with a line saying why if pip could not make the venv.
    pub fn new(root: &Path, memory: &Memory) -> Option<Matcher> {
        let dir = root.join("target/bench-ttk");
        std::fs::create_dir_all(&dir).expect("dir");
        let venv = dir.join("venv");
        let python = venv.join("bin/python");
        if !python.exists() {
            let ok = Command::new("python3")
                .args(["-m", "venv"])
                .arg(&venv)
                .status()
                .is_ok_and(|s| s.success())
                && Command::new(&python)
                    .args([
                        "-m",
                        "pip",
                        "install",
                        "-q",
                        "translate-toolkit==3.20.4",
                        "rapidfuzz",
                    ])
                    .status()
                    .is_ok_and(|s| s.success());
            if !ok {
                println!("translate-toolkit: could not make the venv; skipped");
                return None;
            }
        }
        let mut text = String::new();
        for i in 0..memory.len() {
            let pair = memory.pair(i);
            text.push_str(&clean(pair.source.text));
            text.push('\t');
            text.push_str(&clean(pair.target.text));
            text.push('\n');
        }
        let tsv = dir.join("memory.tsv");
        std::fs::write(&tsv, text).expect("memory file");
        std::fs::write(dir.join("matcher.py"), SCRIPT).expect("script");
        Some(Matcher {
            python,
            dir,
            memory: tsv,
        })
    }

    /// The matcher's best 5 at `min` % or more for each of `queries`
    /// (each [`clean`]ed); `None` with a line saying why if it failed.
    pub fn run(&self, queries: &[String], min: u8) -> Option<Run> {
        let file = self.dir.join("queries.txt");
        let mut text = String::new();
        for q in queries {
            text.push_str(&clean(q));
            text.push('\n');
        }
        std::fs::write(&file, text).expect("queries");
        let out = Command::new(&self.python)
            .arg(self.dir.join("matcher.py"))
            .arg(&self.memory)
            .arg(&file)
            .arg(min.to_string())
            .output()
            .expect("python");
        let report = String::from_utf8_lossy(&out.stdout).trim().to_string();
        match report.split_whitespace().next().map(str::parse::<f64>) {
            Some(Ok(ms)) => Some(Run { ms, report }),
            _ => {
                println!(
                    "translate-toolkit: no result: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
                None
            }
        }
    }
}

const SCRIPT: &str = r#"
import sys, time
from translate.storage import base
from translate.search import match

# The matcher keeps its best candidates in a heap of (score, unit): two of
# equal score make Python compare the units, which translate-toolkit's units
# do not support (TypeError). Order them by identity: the matches are the same.
base.TranslationUnit.__lt__ = lambda a, b: id(a) < id(b)
base.TranslationUnit.__gt__ = lambda a, b: id(a) > id(b)

memory, queries, threshold = sys.argv[1], sys.argv[2], int(sys.argv[3])
store = base.TranslationStore()
with open(memory, encoding="utf-8") as f:
    for line in f:
        source, target = line.rstrip("\n").split("\t", 1)
        unit = store.UnitClass(source)
        unit.target = target
        store.addunit(unit)
qs = [l.rstrip("\n") for l in open(queries, encoding="utf-8")]
m = match.matcher(store, max_candidates=5, min_similarity=threshold, max_length=1000)
start = time.perf_counter()
found = 0
for q in qs:
    found += bool(m.matches(q))
ms = (time.perf_counter() - start) * 1000 / len(qs)
print(f"{ms:.3f} per query, {found} of {len(qs)} matched")
"#;
