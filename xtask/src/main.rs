//! `cargo xtask`: the workspace's jobs, as thin layers over the tmkit library.
//!
//! - `cargo xtask export [--check]`: regenerate `export/` (or fail, naming each
//!   stale file, when it is out of date).
//! - `cargo xtask eval`: segmentation against the gold data in `../shared`,
//!   with the bars that CI enforces.
//! - `cargo xtask interop`: OmegaT (Debian's `omegat`) segments with tmkit's
//!   rules exactly as tmkit does, and tmkit runs OmegaT's own default rules
//!   exactly as OmegaT does.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{Context, bail};
use tmkit::document::Paragraphs;
use tmkit::segment::Segmenter;
use tmkit::segment::format::{Format, SegmentWriter, write_document};
use tmkit::segment::srx::SrxDocument;

const USAGE: &str = "usage: cargo xtask export [--check] | eval | interop";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let root = workspace_root();
    match args.as_slice() {
        ["export"] => export(&root),
        ["export", "--check"] => check(&root),
        ["eval"] => eval(&root),
        ["interop"] => interop(&root),
        _ => bail!("{USAGE}"),
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn export(root: &Path) -> anyhow::Result<()> {
    let files = tmkit::export::export(root, &root.join("export"))
        .context("the export failed; export/ was left as it was")?;
    for f in &files {
        eprintln!("export/{}: {}", f.path, f.summary);
    }
    eprintln!("wrote {} files to export/", files.len());
    Ok(())
}

fn check(root: &Path) -> anyhow::Result<()> {
    let drift = tmkit::export::check(root, &root.join("export"))?;
    if drift.is_empty() {
        eprintln!("export/ is up to date");
        return Ok(());
    }
    for d in &drift {
        eprintln!("export/{d}");
    }
    bail!(
        "export/ is stale ({} file(s)): run `cargo xtask export` and commit the result",
        drift.len()
    )
}

fn shared(root: &Path) -> anyhow::Result<PathBuf> {
    let shared = root.join("..").join("shared");
    if !shared.join("tools").is_dir() {
        bail!(
            "{} not found: the evaluations need the shared data beside the clone",
            shared.display()
        );
    }
    Ok(shared)
}

/// Segments `input` with `segmenter` into `output`, one segment per line.
fn segment_file(segmenter: &Segmenter, input: &Path, output: &Path) -> anyhow::Result<usize> {
    let file = std::fs::File::create(output)?;
    let mut writer = SegmentWriter::new(std::io::BufWriter::new(file), Format::Text);
    let stats = write_document(Paragraphs::open(input)?, "", segmenter, &mut writer)?;
    writer.finish()?;
    Ok(stats.segments)
}

/// Boundary F1 from `seg-eval --json`.
fn seg_eval(
    shared: &Path,
    gold: &Path,
    pred: &Path,
    given: &Path,
) -> anyhow::Result<(f64, f64, f64)> {
    let out = Command::new(shared.join("tools/seg-eval"))
        .arg(gold)
        .arg(pred)
        .arg("--given")
        .arg(given)
        .arg("--json")
        .output()
        .context("running seg-eval (needs python3)")?;
    if !out.status.success() {
        bail!(
            "seg-eval failed on {}: {}{}",
            pred.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let field = |name: &str| -> anyhow::Result<f64> {
        // The first occurrence is in "boundaries", which comes first.
        let at = text
            .find(&format!("\"{name}\":"))
            .with_context(|| format!("seg-eval printed no {name}"))?;
        let rest = &text[at + name.len() + 3..];
        let end = rest.find([',', '\n', '}']).unwrap_or(rest.len());
        Ok(rest[..end].trim().parse()?)
    };
    Ok((field("precision")?, field("recall")?, field("f1")?))
}

fn eval(root: &Path) -> anyhow::Result<()> {
    let shared = shared(root)?;
    let tmp = tempfile::tempdir()?;
    let fr = Segmenter::builtin("fr-FR")?;
    let mut failures = Vec::new();
    let mut report = |name: &str, (p, r, f1): (f64, f64, f64), bar: f64| {
        let ok = f1 + 1e-9 >= bar;
        println!(
            "{name:<34} boundary P {:6.2}  R {:6.2}  F1 {:6.2}   bar F1 >= {:.1}  {}",
            p * 100.0,
            r * 100.0,
            f1 * 100.0,
            bar * 100.0,
            if ok { "ok" } else { "FAIL" }
        );
        if !ok {
            failures.push(name.to_string());
        }
    };
    for seed in tmkit::export::french_seeds(root)? {
        let stem = seed
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let pred = tmp.path().join(format!("{stem}.txt"));
        segment_file(&fr, &seed, &pred)?;
        let gold = shared.join(format!("data/seeds-gold/{stem}.sentences.txt"));
        report(
            &format!("seeds {stem}"),
            seg_eval(&shared, &gold, &pred, &seed)?,
            1.0,
        );
    }
    for (split, bar) in [("dev", 0.990), ("test", 0.985)] {
        let dir = shared.join("data/ud-french-gsd");
        let raw = dir.join(format!("fr_gsd-ud-{split}.raw.txt"));
        let gold = dir.join(format!("fr_gsd-ud-{split}.sentences.txt"));
        let pred = tmp.path().join(format!("ud-{split}.txt"));
        segment_file(&fr, &raw, &pred)?;
        report(
            &format!("UD French-GSD {split}"),
            seg_eval(&shared, &gold, &pred, &raw)?,
            bar,
        );
    }
    if !failures.is_empty() {
        bail!("below the bar: {}", failures.join(", "));
    }
    Ok(())
}

/// Runs omegat-check and returns OmegaT's segments (blank lines dropped).
fn omegat_segments(
    shared: &Path,
    srx: Option<&Path>,
    source: &Path,
    dir: &Path,
) -> anyhow::Result<Vec<String>> {
    let out_path = dir.join("omegat-segments.txt");
    let mut cmd = Command::new(shared.join("tools/omegat-check"));
    if let Some(srx) = srx {
        cmd.arg("--srx").arg(srx);
    }
    let out = cmd
        .arg("--segments")
        .arg(&out_path)
        .args(["--min-filled", "0"])
        .arg(source)
        .arg(shared.join("data/interop-samples/bail.fr-en.tmx"))
        .output()
        .context("running omegat-check")?;
    if !out.status.success() {
        bail!(
            "omegat-check failed on {}:\n{}{}",
            source.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    non_blank_lines(&out_path)
}

fn non_blank_lines(path: &Path) -> anyhow::Result<Vec<String>> {
    let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
    Ok(text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.trim().to_string())
        .collect())
}

/// Compares two segmentations; prints the first difference.
fn same_segments(what: &str, ours: &[String], theirs: &[String]) -> bool {
    if ours == theirs {
        println!("{what:<58} identical ({} segments)", ours.len());
        return true;
    }
    let i = ours.iter().zip(theirs).take_while(|(a, b)| a == b).count();
    println!(
        "{what:<58} DIFFER at segment {}: tmkit {:?} / OmegaT {:?}",
        i + 1,
        ours.get(i),
        theirs.get(i)
    );
    false
}

fn interop(root: &Path) -> anyhow::Result<()> {
    let shared = shared(root)?;
    let tmp = tempfile::tempdir()?;
    let ours_srx = tmp.path().join("tmkit.srx");
    std::fs::write(&ours_srx, tmkit::segment::BUILTIN_SRX)?;
    // OmegaT's own default rules, from the jar Debian ships.
    let jar = std::env::var("OMEGAT_JAR").unwrap_or_else(|_| "/usr/share/omegat/OmegaT.jar".into());
    let defaults = tmp.path().join("omegat-defaultRules.srx");
    let unzip = Command::new("unzip")
        .args(["-p", &jar, "org/omegat/core/segmentation/defaultRules.srx"])
        .output()
        .context("running unzip (Debian package unzip) on OmegaT.jar")?;
    if !unzip.status.success() || unzip.stdout.is_empty() {
        bail!("cannot extract defaultRules.srx from {jar}: is Debian's omegat installed?");
    }
    std::fs::write(&defaults, &unzip.stdout)?;
    let tmkit_rules = Segmenter::builtin("fr-FR")?;
    let omegat_rules = Segmenter::from_srx(&SrxDocument::load(&defaults)?, "fr-FR")?;

    let mut sources: Vec<PathBuf> = tmkit::export::french_seeds(root)?;
    sources.push(shared.join("data/ud-french-gsd/fr_gsd-ud-test.raw.txt"));
    let mut ok = true;
    for source in &sources {
        let name = source
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        for (label, segmenter, srx) in [
            ("tmkit rules", &tmkit_rules, Some(ours_srx.as_path())),
            ("OmegaT default rules", &omegat_rules, None),
        ] {
            let ours_path = tmp.path().join("ours.txt");
            segment_file(segmenter, source, &ours_path)?;
            let ours = non_blank_lines(&ours_path)?;
            let theirs = omegat_segments(&shared, srx, source, tmp.path())?;
            ok &= same_segments(&format!("{name}, {label}: tmkit vs OmegaT"), &ours, &theirs);
        }
    }
    if !ok {
        bail!("tmkit and OmegaT segment differently (see above)");
    }
    Ok(())
}
