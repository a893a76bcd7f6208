//! The fuzz targets (`tests/data/fuzz/targets.txt`) and one run of the
//! `tmkit` binary on an input under the limits: what `cargo xtask fuzz`
//! loops over and what `cargo test` replays (`tests/tmkit/fuzz.rs` includes
//! this file), so both judge an input alike.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// Wall time after which an input is a hang.
pub const HANG: Duration = Duration::from_secs(2);
/// Address space of a child, in KiB (`ulimit -v`): 1 GB.
pub const MEMORY_KIB: u64 = 1 << 20;

/// A fuzz target, one line of `targets.txt`.
pub struct Target {
    pub name: String,
    pub extension: String,
    pub seeds: Vec<String>,
    pub arguments: Vec<String>,
}

/// The targets in `tests/data/fuzz/targets.txt`.
pub fn targets(root: &Path) -> anyhow::Result<Vec<Target>> {
    let path = root.join("tests/data/fuzz/targets.txt");
    let text = fs::read_to_string(&path).with_context(|| format!("{}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [name, extension, seeds, arguments] = fields[..] else {
            bail!(
                "{}: line {}: expected four tab-separated fields (name, extension, seeds, arguments)",
                path.display(),
                n + 1
            );
        };
        out.push(Target {
            name: name.to_string(),
            extension: extension.to_string(),
            seeds: seeds.split_whitespace().map(str::to_string).collect(),
            arguments: arguments.split_whitespace().map(str::to_string).collect(),
        });
    }
    Ok(out)
}

/// How a run ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Exit status 0 or 1, and the shape of the first line of stderr.
    Normal(String),
    /// Not done within [`HANG`].
    Hang,
    /// An allocation failed under the 1 GB limit.
    Memory,
    /// A panic, a signal, or an exit status other than 0 and 1.
    Crash(String),
}

impl Outcome {
    pub fn finding(&self) -> Option<&'static str> {
        match self {
            Outcome::Normal(_) => None,
            Outcome::Hang => Some("hang"),
            Outcome::Memory => Some("memory"),
            Outcome::Crash(_) => Some("crash"),
        }
    }
}

/// Runs `tmkit` on `input` as target `t` does, in `scratch`, under the
/// limits; `hang` is the wall time allowed.
pub fn run_one(
    tmkit: &Path,
    root: &Path,
    t: &Target,
    input: &[u8],
    scratch: &Path,
    hang: Duration,
) -> anyhow::Result<Outcome> {
    let data = root.join("tests/data");
    let file = if t.extension == "regex" {
        let template = fs::read_to_string(data.join("fuzz/rule.srx"))?;
        let rule = xml_escape(&String::from_utf8_lossy(input));
        let file = scratch.join("input.srx");
        fs::write(&file, template.replace("@INPUT@", &rule))?;
        file
    } else {
        let file = scratch.join(format!("input.{}", t.extension));
        fs::write(&file, input)?;
        file
    };
    let out = scratch.join("output");
    let arguments: Vec<String> = t
        .arguments
        .iter()
        .map(|a| {
            a.replace("{in}", &file.to_string_lossy())
                .replace("{out}", &out.to_string_lossy())
                .replace("{data}", &data.to_string_lossy())
        })
        .collect();
    let stderr_path = scratch.join("stderr");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_KIB} && exec \"$0\" \"$@\""))
        .arg(tmkit)
        .args(&arguments)
        .current_dir(scratch)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(fs::File::create(&stderr_path)?)
        .spawn()
        .context("cannot start sh")?;
    let start = Instant::now();
    let mut pause = Duration::from_micros(200);
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if start.elapsed() > hang {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    fs::File::open(&stderr_path)?
        .take(64 * 1024)
        .read_to_string(&mut stderr)
        .ok();
    Ok(match status {
        None => Outcome::Hang,
        Some(status) => classify(status, &stderr),
    })
}

fn classify(status: ExitStatus, stderr: &str) -> Outcome {
    use std::os::unix::process::ExitStatusExt;
    if stderr.contains("memory allocation of") {
        return Outcome::Memory;
    }
    let first = stderr.lines().next().unwrap_or("").to_string();
    match status.code() {
        Some(0 | 1) if !stderr.contains("panicked at") => Outcome::Normal(shape(&first)),
        Some(code) => Outcome::Crash(format!("exit status {code}: {}", excerpt(stderr))),
        None => Outcome::Crash(format!(
            "signal {}: {}",
            status.signal().unwrap_or(0),
            excerpt(stderr)
        )),
    }
}

/// A message with its numbers, quoted parts and file names blurred, so that
/// inputs that fail the same way in other places count once.
fn shape(line: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' | '“' | '”' => {
                quoted = !quoted;
                out.push('"');
            }
            _ if quoted => {}
            '0'..='9' => {
                if !out.ends_with('#') {
                    out.push('#');
                }
            }
            c => out.push(c),
        }
    }
    out.chars().take(160).collect()
}

fn excerpt(stderr: &str) -> String {
    let line = stderr
        .lines()
        .find(|l| l.contains("panicked") || l.contains("error"))
        .or_else(|| stderr.lines().next())
        .unwrap_or("");
    line.chars().take(300).collect()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The inputs of a target's seeds, but files over `max` bytes.
pub fn seeds(root: &Path, t: &Target, max: usize) -> anyhow::Result<Vec<Vec<u8>>> {
    let data = root.join("tests/data");
    let mut out = Vec::new();
    for pattern in &t.seeds {
        let (dir, name) = pattern.rsplit_once('/').unwrap_or((".", pattern));
        let (prefix, suffix) = name.split_once('*').unwrap_or((name, ""));
        let dir = data.join(dir);
        let mut files: Vec<PathBuf> = fs::read_dir(&dir)
            .with_context(|| format!("{}: seeds of {}", dir.display(), t.name))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let n = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                p.is_file()
                    && n.starts_with(prefix)
                    && n.ends_with(suffix)
                    && n.len() >= prefix.len() + suffix.len()
            })
            .collect();
        files.sort();
        for f in files {
            let bytes = fs::read(&f)?;
            if bytes.len() <= max {
                out.push(bytes);
            }
        }
    }
    if out.is_empty() {
        bail!("fuzz target {}: no seeds match {:?}", t.name, t.seeds);
    }
    Ok(out)
}

/// The regressions kept for a target, with their paths.
pub fn regressions(root: &Path, target: &str) -> anyhow::Result<Vec<(PathBuf, Vec<u8>)>> {
    let dir = root.join("tests/data/fuzz/regressions").join(target);
    let mut out = Vec::new();
    if let Ok(entries) = fs::read_dir(&dir) {
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            let bytes = fs::read(&p)?;
            out.push((p, bytes));
        }
    }
    Ok(out)
}

/// `cargo xtask fuzz --replay`: every kept regression of every target,
/// under the same limits (a wall time of `hang`); fails naming each that
/// still fails.
pub fn replay(root: &Path, tmkit: &Path, hang: Duration) -> anyhow::Result<usize> {
    let scratch = tempfile::tempdir()?;
    let mut failures = Vec::new();
    let mut count = 0;
    for t in targets(root)? {
        for (path, input) in regressions(root, &t.name)? {
            count += 1;
            let outcome = run_one(tmkit, root, &t, &input, scratch.path(), hang)?;
            if outcome.finding().is_some() {
                failures.push(format!("{}: {outcome:?}", path.display()));
            }
        }
    }
    if !failures.is_empty() {
        bail!(
            "{} regression(s) fail:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_blur_numbers_and_quoted_parts() {
        assert_eq!(
            shape("tmkit: error: a.tmx:12:3: header \"x-1\" at 45"),
            "tmkit: error: a.tmx:#:#: header \"\" at #"
        );
    }
}
