//! `tmkit tmx`: inspect, merge and convert translation memories.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use tmkit::error::Place;
use tmkit::formats::{Accepted, FileFormat};
use tmkit::language::LangTag;
use tmkit::tm::merge::Merger;
use tmkit::tm::stats::Stats;
use tmkit::tm::table::{
    Columns, Delimiter, TableError, TableReader, TableReport, TableWriter, header_for,
};
use tmkit::tm::tmx::{TmxReader, TmxWriter, write_units};
use tmkit::tm::{Unit, UnitWriter};

use super::tmx_date_now;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Units, languages and words per language of TMX files.
    #[command(after_help = "Example:\n  tmkit tmx stats export/tm/seeds.fr-en.tmx")]
    Stats {
        /// TMX files (1.1–1.4b, UTF-8 or UTF-16).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Merge TMX files: identical units once (the newest kept), conflicting
    /// translations of the same source reported.
    #[command(after_help = "Example:\n  tmkit tmx merge client.tmx ours.tmx -o merged.tmx")]
    #[command(mut_arg("output", |a| a.required(true).value_name("OUT.tmx").help(
        "Output TMX (atomically written; `-`: standard output)"
    )))]
    Merge {
        /// TMX files, in order.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        #[command(flatten)]
        output: super::args::Output,
        /// Source language of the result (default: the first file's srclang).
        #[arg(long, value_name = "TAG", value_parser = super::language_tag)]
        srclang: Option<String>,
    },
    /// Convert a TMX file to a bilingual CSV/TSV table, or a table to TMX.
    #[command(after_help = "Examples:
  tmkit tmx convert memory.tmx --to csv -o memory.csv
  tmkit tmx convert memory.csv --to tmx -o memory.tmx")]
    Convert {
        /// Input: .tmx, .csv or .tsv.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Output format (default: from the output's extension, else a
        /// TMX becomes CSV and a table TMX).
        #[arg(long, visible_alias = "to", value_name = "FORMAT")]
        format: Option<Target>,
        #[command(flatten)]
        output: super::args::Output,
        /// Cell separator of a CSV: ',', ';' or 'tab' (default: ',' when
        /// writing, found from the header row when reading).
        #[arg(long, value_name = "CHAR", value_parser = super::delimiter)]
        delimiter: Option<Delimiter>,
        /// Converting a table, leave out the rows TMX cannot hold (a control
        /// character, no segment) and count them on stderr, instead of
        /// stopping at the first.
        #[arg(long)]
        skip_invalid: bool,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Target {
    Tmx,
    Csv,
    Tsv,
}

pub fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Stats { files } => stats(&files),
        Command::Merge {
            files,
            output,
            srclang,
        } => merge(&files, output.output.as_deref(), srclang),
        Command::Convert {
            file,
            format,
            output,
            delimiter,
            skip_invalid,
        } => convert(
            &file,
            format,
            output.output.as_deref(),
            delimiter,
            skip_invalid,
        ),
    }
}

fn stats(files: &[PathBuf]) -> anyhow::Result<()> {
    let mut out = super::output::stdout();
    for file in files {
        let mut reader = TmxReader::open(file)?;
        let mut stats = Stats::default();
        let mut unit = Unit::default();
        while reader.read_into(&mut unit)? {
            stats.add(&unit);
        }
        writeln!(out, "{}", file.display())?;
        writeln!(out, "  TMX version     {}", reader.version())?;
        writeln!(
            out,
            "  source language {}",
            reader.header().srclang().unwrap_or("(none)")
        )?;
        writeln!(out, "  units           {}", stats.units)?;
        for (lang, l) in &stats.languages {
            writeln!(
                out,
                "  {lang:<15} {} segments, {} words",
                l.segments, l.words
            )?;
        }
        writeln!(out, "  with tags       {}", stats.with_markup)?;
        writeln!(out, "  notes and props {}", stats.annotations)?;
    }
    Ok(())
}

/// Merges `files` into `output` (always given: `-o` is required here).
fn merge(files: &[PathBuf], output: Option<&Path>, srclang: Option<String>) -> anyhow::Result<()> {
    super::output::format_of(output, None, &[(FileFormat::Tmx, ())])?;
    let mut merger = Merger::default();
    let mut first_srclang = None;
    for file in files {
        let mut reader = TmxReader::open(file)?;
        let header = reader.header().clone();
        first_srclang = first_srclang.or(header.srclang().map(str::to_string));
        merger.add_file(&file.display().to_string(), &header);
        for unit in reader.by_ref() {
            merger.add(unit?, &header);
        }
        warn_dropped(&reader);
    }
    let srclang = match srclang.or(first_srclang) {
        Some(all) if all == "*all*" => bail!(
            "the first file's srclang is *all* (any language), and the merged memory needs one: give --srclang"
        ),
        Some(srclang) => srclang,
        None => bail!("no source language: the first file's header has none; give --srclang"),
    };
    if LangTag::parse(&srclang).is_err() {
        bail!(
            "the first file's srclang {srclang:?} is not a BCP 47 language tag such as fr-FR: give --srclang"
        );
    }
    let merged = merger.finish(&srclang, &tmx_date_now()?);
    super::output::emit(output, |out| {
        write_units(out, &merged.header, &merged.units)?;
        Ok(())
    })?;
    for conflict in &merged.conflicts {
        eprintln!(
            "tmkit: conflict: {} source {:?} has {} translations:",
            conflict.lang,
            tmkit::text::visible(&conflict.source),
            conflict.translations.len()
        );
        for (id, text) in &conflict.translations {
            eprintln!("    {id}: {}", tmkit::text::visible(text));
        }
    }
    eprintln!(
        "tmkit: merged {} units from {} files into {}: {} identical units dropped (newest kept), {} conflicting sources",
        merged.read,
        files.len(),
        merged.units.len(),
        merged.duplicates,
        merged.conflicts.len()
    );
    Ok(())
}

fn convert(
    file: &Path,
    format: Option<Target>,
    output: Option<&Path>,
    delimiter: Option<Delimiter>,
    skip_invalid: bool,
) -> anyhow::Result<()> {
    let Some(input) = Accepted::MEMORIES.format(file) else {
        bail!(
            "{}: cannot convert .{}: convert .tmx to csv/tsv, or .csv/.tsv to tmx",
            file.display(),
            file.extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default()
        );
    };
    if skip_invalid && input == FileFormat::Tmx {
        bail!("--skip-invalid applies to a table: a TMX file with an error cannot be read past it");
    }
    // The other side of the conversion; CSV by default.
    let writes: &[(FileFormat, Target)] = match input {
        FileFormat::Tmx => &[
            (FileFormat::Csv, Target::Csv),
            (FileFormat::Tsv, Target::Tsv),
        ],
        _ => &[(FileFormat::Tmx, Target::Tmx)],
    };
    if format.is_some_and(|f| !writes.iter().any(|(_, w)| *w == f)) {
        bail!(
            "{}: cannot convert .{} to the format asked: convert .tmx to csv/tsv, or .csv/.tsv to tmx",
            file.display(),
            input.extension()
        );
    }
    let target = super::output::format_of(output, format, writes)?;
    let table_is_tsv = match input {
        FileFormat::Tmx => target == Target::Tsv,
        table => table == FileFormat::Tsv,
    };
    let delimiter = match delimiter {
        Some(d) if table_is_tsv && d != Delimiter::Tab => {
            bail!("--delimiter applies to CSV: a TSV is always tab-separated")
        }
        _ if table_is_tsv => Some(Delimiter::Tab),
        given => given,
    };
    match (input, target) {
        (FileFormat::Tmx, Target::Csv | Target::Tsv) => {
            // Streamed: a first pass finds the columns, a second writes
            // the rows, so memory does not grow with the memory's size.
            let mut reader = TmxReader::open(file)?;
            let mut columns = None;
            let mut first_lang = None;
            let mut units = 0u64;
            let srclang = reader
                .header()
                .srclang()
                .filter(|s| *s != "*all*")
                .map(str::to_string);
            let mut unit = Unit::default();
            while reader.read_into(&mut unit)? {
                units += 1;
                if first_lang.is_none() {
                    first_lang = unit.variants.first().map(|v| v.lang().to_string());
                }
                let srclang = srclang.as_deref().or(first_lang.as_deref()).unwrap_or("");
                columns
                    .get_or_insert_with(|| Columns::new(srclang))
                    .add(&unit);
            }
            let srclang = srclang.or(first_lang).unwrap_or_default();
            let columns = columns.unwrap_or_else(|| Columns::new(&srclang));
            let delimiter = delimiter.unwrap_or(Delimiter::Comma);
            let report = super::output::emit(output, |out| {
                let mut table = TableWriter::new(out, (delimiter, columns))?;
                let mut again = TmxReader::open(file)?;
                let mut written = 0u64;
                while again.read_into(&mut unit)? {
                    table.write_unit(&unit)?;
                    written += 1;
                }
                let report = table.finish()?;
                check_unchanged(file, units, written)?;
                Ok(report)
            })?;
            warn_dropped(&reader);
            let header = reader.header();
            let header_details = header.annotations.len() + header.udes.len();
            if header_details > 0 {
                eprintln!(
                    "tmkit: warning: {}: {header_details} note(s), prop(s) or ude(s) of the header are not in the table",
                    file.display()
                );
            }
            warn_lost(file, &report);
            Ok(())
        }
        (FileFormat::Csv | FileFormat::Tsv, Target::Tmx) => {
            let origin = file.display().to_string();
            let row_hint = |e: TableError| match e.place() {
                Some(Place::Cell { row, .. }) if row > 1 => anyhow::anyhow!(
                    "{e} (--skip-invalid converts the other rows and counts the ones left out)"
                ),
                _ => e.into(),
            };
            let open = || -> anyhow::Result<TableReader<File>> {
                let input =
                    File::open(file).with_context(|| format!("{}: cannot open", file.display()))?;
                TableReader::new(input, delimiter, &origin, skip_invalid).map_err(row_hint)
            };
            // Streamed: a first pass checks every row, a second writes
            // them, so that memory does not grow with the table and an
            // invalid row leaves no partial output, even on stdout.
            let mut table = open()?;
            let mut units = 0u64;
            for unit in table.by_ref() {
                unit.map_err(row_hint)?;
                units += 1;
            }
            super::output::emit(output, |out| {
                let rows = open()?;
                let header = header_for(rows.langs(), &tmx_date_now()?);
                let (written, _) = copy(TmxWriter::new(out, &header)?, rows)?;
                check_unchanged(file, units, written)
            })?;
            warn_table(file, &table);
            eprintln!("tmkit: {units} units converted");
            Ok(())
        }
        _ => unreachable!("the formats were checked against the input's"),
    }
}

/// Writes every unit read into `writer` and finishes it: how many were
/// written, and what the writer gives back.
fn copy<W: Write, U: UnitWriter<W>, E>(
    mut writer: U,
    units: impl IntoIterator<Item = Result<Unit, E>>,
) -> anyhow::Result<(u64, U::Finished)>
where
    U::Error: std::error::Error + Send + Sync + 'static,
    E: std::error::Error + Send + Sync + 'static,
{
    let mut written = 0u64;
    for unit in units {
        writer.write_unit(&unit?)?;
        written += 1;
    }
    Ok((written, writer.finish()?))
}

/// The error of a file read twice that did not give the same units twice.
fn check_unchanged(file: &Path, first: u64, then: u64) -> anyhow::Result<()> {
    if first != then {
        bail!(
            "{}: changed while it was converted ({first} units, then {then}): convert it again",
            file.display()
        );
    }
    Ok(())
}

/// Says on stderr which rows of a table read became units with fewer
/// languages, and which were left out.
fn warn_table(file: &Path, table: &TableReader<File>) {
    let partial = table.partial_rows();
    if partial.count > 0 {
        let shown: Vec<String> = partial.first.iter().map(u64::to_string).collect();
        let more = if partial.count > shown.len() as u64 {
            ", …"
        } else {
            ""
        };
        eprintln!(
            "tmkit: warning: {}: {} row(s) with an empty language cell become units without that language (rows {}{more})",
            file.display(),
            partial.count,
            shown.join(", ")
        );
    }
    let skipped = table.skipped();
    for e in &skipped.first {
        eprintln!("tmkit: skipped: {e}");
    }
    if skipped.count > 0 {
        eprintln!(
            "tmkit: warning: {}: {} invalid row(s) left out (--skip-invalid)",
            file.display(),
            skipped.count
        );
    }
}

/// Says on stderr what a TMX reader read but could not keep.
fn warn_dropped<R: std::io::BufRead>(reader: &TmxReader<R>) {
    let dropped = reader.dropped();
    for what in &dropped.first {
        eprintln!("tmkit: warning: {what}");
    }
    let more = dropped.count - dropped.first.len() as u64;
    if more > 0 {
        eprintln!("tmkit: warning: and {more} more not kept");
    }
}

fn warn_lost(file: &Path, report: &TableReport) {
    if report.flattened_markup > 0 {
        eprintln!(
            "tmkit: warning: {}: {} segment(s) had inline tags; the table holds their text only",
            file.display(),
            report.flattened_markup
        );
    }
    if report.variant_details > 0 {
        eprintln!(
            "tmkit: warning: {}: {} note(s), prop(s) or attribute(s) of segments (not of units) are not in the table",
            file.display(),
            report.variant_details
        );
    }
    if report.unit_details > 0 {
        eprintln!(
            "tmkit: warning: {}: {} empty or repeated note(s)/prop(s) of units do not survive the table as they are",
            file.display(),
            report.unit_details
        );
    }
    if report.alternatives > 0 {
        eprintln!(
            "tmkit: warning: {}: {} segment(s) in a language their unit already has (alternative translations) are not in the table, which holds one per language",
            file.display(),
            report.alternatives
        );
    }
    eprintln!("tmkit: {} units converted", report.units);
}
