//! `cargo xtask interop`, glossary part: the glossary exports in real clients.
//!
//! - `export/glossary/fr-en.tbx` validates against the TBX schema OmegaT
//!   ships (`schemas/tbx.xsd` inside `OmegaT.jar`), with xmllint.
//! - OmegaT (`../shared/tools/omegat-check`) loads the TBX, the tab-separated
//!   glossary and the comma-separated one (`tmkit glossary export --format
//!   csv`) and counts every entry.
//! - translate-toolkit (`../shared/tools/ttk-parse-check`) reads the TBX and
//!   the OmegaT glossary. Not the CSVs: its CSV reader is a localisation
//!   format that knows only `source`/`target` headers (not language tags),
//!   and a headerless CSV is read as location, source, target; a glossary
//!   CSV cannot suit it and OmegaT (which would take such a header row for
//!   an entry) at once.
//! - LibreOffice Calc (Debian `libreoffice-calc`), headless, converts
//!   the Excel-flavour review sheet (comma and semicolon) to XLSX and back to
//!   CSV, and importing the result changes nothing in the glossary.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};
use tmkit::glossary::conflicts::Resolution;
use tmkit::glossary::merge::merge;
use tmkit::glossary::omegat::{self, Separator};
use tmkit::glossary::rows::{Row, rows};
use tmkit::glossary::sheet::{self, Flavour, Sheet, Take};
use tmkit::glossary::{Entry, Glossary, tbx};

use crate::interop::{interop_python, run_tool};

/// How many entries OmegaT makes of a TBX entry: one per French term ×
/// English term (tig) pair, deprecated forms included (OmegaT 3.6 shows
/// their status in the entry's comment), one with an empty target when
/// there is no English term.
fn omegat_tbx_entries(e: &Entry) -> usize {
    let fr =
        1 + e.fr_variants.len() + e.fr_deprecated.len() + usize::from(!e.fr_expansion.is_empty());
    let en = usize::from(!e.en.is_empty())
        + e.en_variants.len()
        + e.en_deprecated.len()
        + usize::from(!e.en_expansion.is_empty());
    fr * en.max(1)
}

/// A glossary whose every cell a spreadsheet would take for a formula
/// (`= + - @`), or which starts with an apostrophe as the Excel flavour's
/// escaped cells do: the sheet must come back from LibreOffice unchanged.
const FORMULAS: &str = "fr-FR,en-GB,id,type,status,en-GB variants,note\n\
\"=HYPERLINK(\"\"http://example.org\"\";\"\"x\"\")\",=cmd|' /C calc'!A0,hyperlink,term,proposed,-summit,+33 1 23 45 67 89\n\
@sommet,-1+2,arobase,term,approved,@summit,'=typed with an apostrophe\n\
- tiret,+plus,tiret,term,rejected,=A1|-B2,-\n";

pub fn run(root: &Path, shared: &Path) -> anyhow::Result<()> {
    let glossary = Glossary::load(&root.join("glossary/fr-en.csv"))?;
    let tmp = tempfile::tempdir()?;
    let tbx = root.join("export/glossary/fr-en.tbx");
    let tsv = root.join("export/glossary/fr-en.utf8");
    let csv = tmp.path().join("fr-en.csv");
    let lines = omegat::write(
        std::io::BufWriter::new(std::fs::File::create(&csv)?),
        &glossary,
        Separator::Comma,
    )?;
    let mut failures = Vec::new();

    // 1. The TBX schema OmegaT ships.
    let schemas = tmp.path().join("schemas");
    run_tool(
        Command::new("unzip")
            .args(["-q", "-j", "-o", "/usr/share/omegat/OmegaT.jar"])
            .args(["schemas/tbx.xsd", "schemas/xml.xsd", "-d"])
            .arg(&schemas),
        "unzip (Debian unzip) of OmegaT.jar's TBX schema (Debian omegat)",
    )?;
    match run_tool(
        Command::new("xmllint")
            .args(["--noout", "--nonet", "--schema"])
            .arg(schemas.join("tbx.xsd"))
            .arg(&tbx),
        "xmllint --schema tbx.xsd",
    ) {
        Ok(_) => println!("{:<58} valid against OmegaT's tbx.xsd", show(root, &tbx)),
        Err(e) => failures.push(e.to_string()),
    }

    // 2. OmegaT loads each glossary and counts every entry.
    let tbx_expected: usize = tbx::exported(&glossary).map(omegat_tbx_entries).sum();
    for (file, expected) in [(&tbx, tbx_expected), (&tsv, lines), (&csv, lines)] {
        let result = run_tool(
            Command::new(shared.join("tools/omegat-check"))
                .args(["--min-filled", "0"])
                .arg(shared.join("data/interop-samples/bail.fr.txt"))
                .arg(shared.join("data/interop-samples/bail.fr-en.tmx"))
                .arg(file),
            "omegat-check",
        );
        let name = show(root, file);
        match result {
            Ok(out) => {
                let found = out
                    .lines()
                    .find_map(|l| {
                        l.strip_prefix("glossary ")?
                            .split(": ")
                            .nth(1)?
                            .split(' ')
                            .next()?
                            .parse::<usize>()
                            .ok()
                    })
                    .unwrap_or(0);
                if found == expected {
                    println!("{name:<58} OmegaT: {found} glossary entries (expected {expected})");
                } else {
                    failures.push(format!(
                        "{name}: OmegaT parsed {found} glossary entries, expected {expected}"
                    ));
                }
            }
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }

    // 3. translate-toolkit reads them.
    let python = interop_python(root)?;
    match run_tool(
        Command::new(python)
            .arg(shared.join("tools/ttk-parse-check"))
            .arg(&tbx)
            .arg(&tsv),
        "ttk-parse-check",
    ) {
        Ok(out) => out
            .lines()
            .filter(|l| !l.starts_with(' '))
            .for_each(|l| println!("{l}")),
        Err(e) => failures.push(e.to_string()),
    }

    // 4. The review sheet through LibreOffice Calc and back: the
    // workspace's, and one whose every cell looks like a formula.
    let curated = std::fs::read(root.join("glossary/fr-en.csv"))?;
    let contents = tmkit::workspace::Workspace::new(root).load_with(glossary.clone())?;
    let workspace_rows = rows(
        &glossary,
        &contents.aligned(),
        &contents.candidates(),
        tmkit::terms::lexicon::Lexicon::french(),
    );
    let formulas = Glossary::parse(FORMULAS.as_bytes(), "formulas.csv")?;
    let formula_rows: Vec<Row> = formulas.entries.iter().map(Row::of).collect();
    for (what, rows, curated) in [
        ("review sheet", &workspace_rows, &curated[..]),
        ("cells like formulas", &formula_rows, FORMULAS.as_bytes()),
    ] {
        for delimiter in [b',', b';'] {
            match spreadsheet_round_trip(tmp.path(), what, rows, curated, delimiter) {
                Ok(line) => println!("{line}"),
                Err(e) => failures.push(format!("{e:#}")),
            }
        }
    }
    if !failures.is_empty() {
        bail!("glossary interop failed:\n{}", failures.join("\n"));
    }
    Ok(())
}

fn show(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Writes the Excel-flavour sheet, has LibreOffice convert it to XLSX and
/// back to CSV, imports the result and checks that nothing changes.
fn spreadsheet_round_trip(
    tmp: &Path,
    what: &str,
    rows: &[Row],
    curated: &[u8],
    delimiter: u8,
) -> anyhow::Result<String> {
    let dir = tmp.join(format!("calc-{}-{delimiter}", what.replace(' ', "-")));
    let back = dir.join("back");
    std::fs::create_dir_all(&back)?;
    let sheet = dir.join("review.csv");
    sheet::write(
        std::io::BufWriter::new(std::fs::File::create(&sheet)?),
        rows,
        Flavour {
            excel: true,
            delimiter,
        },
    )?;
    // LibreOffice's CSV filter options: separator, quote, UTF-8 (76), first line.
    let options = format!("{delimiter},34,76,1");
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let soffice = |args: &[&str], what: &str| -> anyhow::Result<()> {
        run_tool(
            Command::new("soffice")
                .args(["--headless", "--norestore", &profile])
                .args(args),
            what,
        )
        .map(|_| ())
    };
    soffice(
        &[
            &format!("--infilter=CSV:{options}"),
            "--convert-to",
            "xlsx",
            "--outdir",
            &dir.display().to_string(),
            &sheet.display().to_string(),
        ],
        "soffice --convert-to xlsx (Debian libreoffice-calc)",
    )?;
    let xlsx: PathBuf = dir.join("review.xlsx");
    soffice(
        &[
            "--convert-to",
            &format!("csv:Text - txt - csv (StarCalc):{options}"),
            "--outdir",
            &back.display().to_string(),
            &xlsx.display().to_string(),
        ],
        "soffice --convert-to csv",
    )?;
    let returned = back.join("review.csv");
    let bytes = std::fs::read(&returned).with_context(|| returned.display().to_string())?;
    let parsed = Sheet::parse(&bytes, &returned.display().to_string(), None)?;
    let merged = merge(
        curated,
        "glossary/fr-en.csv",
        &parsed.take("review.csv", Take::Review)?,
        "review.csv",
        &Resolution::Ask,
    )?;
    if merged.bytes != curated || !merged.changes.is_empty() {
        bail!(
            "LibreOffice round trip of the {what} ({}): importing the sheet would change the glossary: {:?}",
            char::from(delimiter),
            merged
                .changes
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
        );
    }
    Ok(format!(
        "{:<58} LibreOffice → XLSX ({} bytes) → CSV → import: nothing changes ({} rows)",
        format!("{what}, Excel flavour, '{}'", char::from(delimiter)),
        std::fs::metadata(&xlsx)?.len(),
        rows.len()
    ))
}
