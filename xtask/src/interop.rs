//! `cargo xtask interop`: real clients read what tmkit writes.
//!
//! - OmegaT (Debian's `omegat`, through `../shared/tools/omegat-check`)
//!   segments with tmkit's rules exactly as tmkit does, and tmkit runs
//!   OmegaT's own default rules exactly as OmegaT does, on the seeds, UD
//!   French-GSD test and the paragraphs of the French rules' fixtures.
//! - LanguageTool's `segment.srx` (as shipped in choppa-srx, a port of
//!   LanguageTool's segmenter) gives the same segments in tmkit as in
//!   LanguageTool's engine.
//! - The exported TMX is valid against the TMX 1.4 DTD (xmllint), OmegaT
//!   fills every seed segment that a unit translates, and translate-toolkit
//!   parses it.
//! - The glossary exports in OmegaT, translate-toolkit and LibreOffice Calc:
//!   see [`crate::glossary_interop`].

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};
use tmkit::segment::Segmenter;
use tmkit::segment::srx::SrxDocument;

use crate::{segment_file, shared};

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
    Ok(non_blank(&text))
}

/// A segmentation's segments: its non-blank lines, trimmed.
fn non_blank(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.trim().to_string())
        .collect()
}

/// Compares two segmentations; prints the first difference.
fn same_segments(what: &str, ours: &[String], theirs: &[String]) -> bool {
    same_segments_with(what, ours, theirs, "OmegaT")
}

fn same_segments_with(what: &str, ours: &[String], theirs: &[String], peer: &str) -> bool {
    if ours == theirs {
        println!("{what:<58} identical ({} segments)", ours.len());
        return true;
    }
    let i = ours.iter().zip(theirs).take_while(|(a, b)| a == b).count();
    println!(
        "{what:<58} DIFFER at segment {}: tmkit {:?} / {peer} {:?}",
        i + 1,
        ours.get(i),
        theirs.get(i)
    );
    false
}

pub fn run(root: &Path) -> anyhow::Result<()> {
    let shared = shared(root)?;
    let segmentation = segmentation(root, &shared);
    let languagetool = languagetool(root, &shared);
    let tmx = tmx(root, &shared);
    let glossary = crate::glossary_interop::run(root, &shared);
    segmentation?;
    languagetool?;
    tmx?;
    glossary
}

/// LanguageTool's segment.srx through tmkit equals LanguageTool's engine as
/// ported by choppa-srx (its SrxTextIterator, a paragraph at a time), on the
/// seeds and UD French-GSD dev and test.
fn languagetool(root: &Path, shared: &Path) -> anyhow::Result<()> {
    let python = interop_python(root)?;
    let srx = run_tool(
        Command::new(&python).args(["-c", "import choppa; print(choppa.DEFAULT_SRX_RULESET)"]),
        "python -c 'import choppa'",
    )?;
    let srx = PathBuf::from(srx.trim());
    let rules = Segmenter::from_srx(&SrxDocument::load(&srx)?, "fr_two")?;
    let tmp = tempfile::tempdir()?;
    let mut sources: Vec<PathBuf> = tmkit::workspace::Workspace::new(root).french_seeds()?;
    for split in ["dev", "test"] {
        sources.push(shared.join(format!("data/ud-french-gsd/fr_gsd-ud-{split}.raw.txt")));
    }
    let mut ok = true;
    for source in &sources {
        let ours_path = tmp.path().join("ours.txt");
        segment_file(&rules, source, &ours_path)?;
        let ours = non_blank_lines(&ours_path)?;
        let out = run_tool(
            Command::new(&python)
                .args(["-m", "choppa", "--line-by-line", "-l", "fr_two"])
                .arg(source),
            "choppa (LanguageTool's segmenter)",
        )?;
        let theirs = non_blank(&out);
        let name = source.file_name().unwrap_or_default().to_string_lossy();
        ok &= same_segments_with(
            &format!("{name}, LanguageTool rules: tmkit vs LanguageTool"),
            &ours,
            &theirs,
            "LanguageTool",
        );
    }
    if !ok {
        bail!("tmkit and LanguageTool's engine segment differently (see above)");
    }
    Ok(())
}

fn segmentation(root: &Path, shared: &Path) -> anyhow::Result<()> {
    let shared = shared.to_path_buf();
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

    let mut sources: Vec<PathBuf> = tmkit::workspace::Workspace::new(root).french_seeds()?;
    sources.push(shared.join("data/ud-french-gsd/fr_gsd-ud-test.raw.txt"));
    sources.push(fixture_paragraphs(root, tmp.path())?);
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

/// The paragraphs of the French rules' fixtures (`tests/data/segment/ok/fr-FR.cases`),
/// one per line, written into `dir`: every phenomenon the rules handle, so that
/// OmegaT is checked on each of them and not only on those the corpora happen to hold.
fn fixture_paragraphs(root: &Path, dir: &Path) -> anyhow::Result<PathBuf> {
    let cases = root.join("tests/data/segment/ok/fr-FR.cases");
    let text = std::fs::read_to_string(&cases).with_context(|| cases.display().to_string())?;
    let paragraphs: String = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.replace(" ‖ ", " ") + "\n")
        .collect();
    let path = dir.join("fr-FR.cases.txt");
    std::fs::write(&path, paragraphs)?;
    Ok(path)
}

/// Runs a command: its standard output, or on failure an error with both
/// outputs (a warning on stderr must not end up in what is compared).
pub(crate) fn run_tool(cmd: &mut Command, what: &str) -> anyhow::Result<String> {
    let out = cmd.output().with_context(|| format!("running {what}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    if !out.status.success() {
        bail!(
            "{what} failed:\n{stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(stdout)
}

/// A Python with translate-toolkit and choppa-srx (LanguageTool's
/// segmenter): `INTEROP_PYTHON`, or a venv made once under `target/`.
pub(crate) fn interop_python(root: &Path) -> anyhow::Result<PathBuf> {
    if let Ok(python) = std::env::var("INTEROP_PYTHON") {
        return Ok(python.into());
    }
    let venv = root.join("target/interop-venv");
    let python = venv.join("bin/python");
    if !python.exists() {
        run_tool(
            Command::new("python3").args(["-m", "venv"]).arg(&venv),
            "python3 -m venv (Debian package python3-venv)",
        )?;
        run_tool(
            Command::new(venv.join("bin/pip")).args([
                "install",
                "-q",
                "translate-toolkit==3.20.4",
                "choppa-srx==1.0.0",
            ]),
            "pip install translate-toolkit choppa-srx",
        )?;
    }
    Ok(python)
}

fn tmx(root: &Path, shared: &Path) -> anyhow::Result<()> {
    use tmkit::align::document::SegmentedDocument;
    use tmkit::tm::tmx::read_path;

    let tmx = root.join("export/tm/seeds.fr-en.tmx");
    let dtd = shared.join("data/schemas/tmx14.dtd");
    let mut failures = Vec::new();

    // 1. Valid against the TMX 1.4 DTD, xml:lang on every tuv.
    let mut check_dtd = |file: &Path| -> anyhow::Result<()> {
        let name = file.display().to_string();
        match run_tool(
            Command::new("xmllint")
                .args(["--noout", "--nonet", "--dtdvalid"])
                .arg(&dtd)
                .arg(file),
            "xmllint (Debian package libxml2-utils)",
        ) {
            Ok(_) => {
                let count = run_tool(
                    Command::new("xmllint")
                        .args(["--xpath", "count(//tuv[not(@xml:lang)])"])
                        .arg(file),
                    "xmllint --xpath",
                )?;
                if count.trim() == "0" {
                    println!("{name:<58} valid TMX 1.4 (DTD), xml:lang on every tuv");
                } else {
                    failures.push(format!("{name}: {} tuv without xml:lang", count.trim()));
                }
            }
            Err(e) => failures.push(format!("{name}: {e}")),
        }
        Ok(())
    };
    let mut exported: Vec<PathBuf> = std::fs::read_dir(root.join("export/tm"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "tmx"))
        .collect();
    exported.sort();
    for file in &exported {
        check_dtd(file)?;
    }
    // What tmkit writes when it rewrites other tools' TMX (inline tags, props,
    // notes, TMX 1.1 input) must be valid too.
    let tmp = tempfile::tempdir()?;
    let fixtures = root.join("tests/data/tmx/ok");
    if let Ok(entries) = std::fs::read_dir(&fixtures) {
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "tmx"))
        {
            let (mut header, units) = read_path(path)?;
            for required in tmkit::tm::tmx::REQUIRED_HEADER_ATTRIBUTES {
                if header.attribute(required).is_none() {
                    header.set_attribute(required, "unknown");
                }
            }
            let out = tmp.path().join(path.file_name().unwrap_or_default());
            let file = std::io::BufWriter::new(std::fs::File::create(&out)?);
            tmkit::tm::tmx::write_units(file, &header, &units)?;
            check_dtd(&out)?;
        }
    }

    // 2. OmegaT, segmenting with tmkit's rules, fills every seed segment
    // that is the whole French side of a unit.
    let (_, units) = read_path(&tmx)?;
    let srx = root.join("export/tmkit.srx");
    let fr = Segmenter::builtin("fr-FR")?;
    for seed in tmkit::workspace::Workspace::new(root).french_seeds()? {
        let doc = SegmentedDocument::segment(&seed, &fr)?;
        let sources: std::collections::HashSet<String> = units
            .iter()
            .filter(|u| u.prop("x-document") == Some(doc.name.as_str()))
            .filter_map(|u| u.variant("fr-FR").map(|v| v.text()))
            .collect();
        let expected = doc
            .paragraphs
            .iter()
            .flat_map(|p| p.spans.iter().map(|s| &p.text[s.clone()]))
            .filter(|s| sources.contains(*s))
            .count();
        let filled_path = tmp.path().join("filled.tsv");
        let result = run_tool(
            Command::new(shared.join("tools/omegat-check"))
                .arg("--srx")
                .arg(&srx)
                .arg("--translations")
                .arg(&filled_path)
                .args(["--min-filled", &expected.to_string()])
                .arg(&seed)
                .arg(&tmx),
            "omegat-check",
        );
        match result {
            Ok(out) => {
                let line = out
                    .lines()
                    .find(|l| l.starts_with("segments filled"))
                    .unwrap_or("");
                println!("{:<58} OmegaT: {line} (expected {expected})", doc.name);
            }
            Err(e) => failures.push(format!("{}: {e}", doc.name)),
        }
    }

    // 3. translate-toolkit parses it.
    let python = interop_python(root)?;
    match run_tool(
        Command::new(python)
            .arg(shared.join("tools/ttk-parse-check"))
            .arg(&tmx),
        "ttk-parse-check",
    ) {
        Ok(out) => println!("{}", out.lines().next().unwrap_or("")),
        Err(e) => failures.push(e.to_string()),
    }
    if !failures.is_empty() {
        bail!("TMX interop failed:\n{}", failures.join("\n"));
    }
    Ok(())
}
