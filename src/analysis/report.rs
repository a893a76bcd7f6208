//! An analysis as people and tools read it: a terminal table, CSV, XML in
//! the shape of Trados Studio's analysis report, and a self-contained HTML
//! page with a bar per band.

use crate::xml::escape;
use std::io::{self, Write};

use super::{Analysis, Band, Bands, Counts};

/// Report formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    /// A table for a terminal.
    Table,
    /// One row per file and band.
    Csv,
    /// Trados Studio's analysis report shape.
    Xml,
    /// A page with a bar per band.
    Html,
}

impl std::str::FromStr for ReportFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<ReportFormat, String> {
        match s {
            "table" | "text" => Ok(ReportFormat::Table),
            "csv" => Ok(ReportFormat::Csv),
            "xml" => Ok(ReportFormat::Xml),
            "html" => Ok(ReportFormat::Html),
            _ => Err(format!("unknown format {s:?}: use table, csv, xml or html")),
        }
    }
}

/// Writes `analysis` in `format`.
pub fn write(analysis: &Analysis, format: ReportFormat, out: &mut dyn Write) -> io::Result<()> {
    match format {
        ReportFormat::Table => table(analysis, out),
        ReportFormat::Csv => csv(analysis, out),
        ReportFormat::Xml => xml(analysis, out),
        ReportFormat::Html => html(analysis, out),
    }
}

fn weighted(analysis: &Analysis) -> bool {
    !analysis.weights.is_empty()
}

/// Rows of a report: each file, then the total when there are several.
fn sections(analysis: &Analysis) -> Vec<(String, Bands)> {
    let mut rows: Vec<(String, Bands)> = analysis
        .files
        .iter()
        .map(|f| (f.name.clone(), f.bands.clone()))
        .collect();
    if analysis.files.len() != 1 {
        rows.push(("Total".to_string(), analysis.total()));
    }
    rows
}

fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

fn table(analysis: &Analysis, out: &mut dyn Write) -> io::Result<()> {
    let weighted = weighted(analysis);
    for (i, (name, bands)) in sections(analysis).iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{name}")?;
        write!(
            out,
            "  {:<24} {:>9} {:>10} {:>7} {:>12}",
            "band", "segments", "words", "words%", "characters"
        )?;
        if weighted {
            write!(out, " {:>7} {:>10}", "weight", "weighted")?;
        }
        writeln!(out)?;
        let total = bands.total();
        let mut line = |label: &str, c: Counts, weight: Option<f64>| -> io::Result<()> {
            write!(
                out,
                "  {:<24} {:>9} {:>10} {:>6.1}% {:>12}",
                label,
                c.segments,
                c.words,
                percent(c.words, total.words),
                c.characters
            )?;
            if let Some(w) = weight {
                write!(out, " {:>7.2} {:>10.1}", w, c.words as f64 * w)?;
            }
            writeln!(out)
        };
        for (band, c) in bands.iter() {
            line(band.label(), c, weighted.then(|| analysis.weight(band)))?;
        }
        line("Total", total, None)?;
        if weighted {
            writeln!(
                out,
                "  weighted words: {:.1}",
                analysis.weighted_words(bands)
            )?;
        }
    }
    Ok(())
}

fn csv(analysis: &Analysis, out: &mut dyn Write) -> io::Result<()> {
    let weighted = weighted(analysis);
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec!["file", "band", "segments", "words", "characters"];
    if weighted {
        header.extend(["weight", "weighted words"]);
    }
    w.write_record(&header)?;
    for (name, bands) in sections(analysis) {
        let rows = bands
            .iter()
            .map(|(b, c)| (b.key().to_string(), c, Some(analysis.weight(b))))
            .chain(std::iter::once(("total".to_string(), bands.total(), None)));
        for (key, c, weight) in rows {
            let mut record = vec![
                name.clone(),
                key,
                c.segments.to_string(),
                c.words.to_string(),
                c.characters.to_string(),
            ];
            if weighted {
                match weight {
                    Some(weight) => record.extend([
                        format!("{weight}"),
                        format!("{:.2}", c.words as f64 * weight),
                    ]),
                    None => record.extend([
                        String::new(),
                        format!("{:.2}", analysis.weighted_words(&bands)),
                    ]),
                }
            }
            w.write_record(&record)?;
        }
    }
    w.flush()?;
    Ok(())
}

fn xml_counts(out: &mut dyn Write, element: &str, extra: &str, c: Counts) -> io::Result<()> {
    writeln!(
        out,
        "      <{element}{extra} segments=\"{}\" words=\"{}\" characters=\"{}\" placeables=\"0\" tags=\"0\"/>",
        c.segments, c.words, c.characters
    )
}

fn xml_analyse(out: &mut dyn Write, bands: &Bands) -> io::Result<()> {
    writeln!(out, "    <analyse>")?;
    // tmkit never has a previous version of a document (Trados's
    // PerfectMatch): "perfect" is always zero.
    xml_counts(out, "perfect", "", Counts::default())?;
    xml_counts(out, "inContextExact", "", bands.get(Band::Context))?;
    xml_counts(out, "exact", "", bands.get(Band::Exact))?;
    xml_counts(out, "locked", "", bands.get(Band::Translated))?;
    xml_counts(
        out,
        "crossFileRepeated",
        "",
        bands.get(Band::CrossFileRepetition),
    )?;
    xml_counts(out, "repeated", "", bands.get(Band::Repetition))?;
    xml_counts(out, "total", "", bands.total())?;
    xml_counts(out, "new", "", bands.get(Band::NoMatch))?;
    for (band, min, max) in [
        (Band::Fuzzy50, 50, 74),
        (Band::Fuzzy75, 75, 84),
        (Band::Fuzzy85, 85, 94),
        (Band::Fuzzy95, 95, 99),
    ] {
        let extra = format!(" min=\"{min}\" max=\"{max}\"");
        xml_counts(out, "fuzzy", &extra, bands.get(band))?;
    }
    writeln!(out, "    </analyse>")
}

fn xml(analysis: &Analysis, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>")?;
    writeln!(out, "<task name=\"analyse\">")?;
    writeln!(
        out,
        "  <taskInfo taskId=\"tmkit-analyze\">\n    <settings reportInternalFuzzyMatchLeverage=\"no\" minimumMatchValue=\"50\"/>\n  </taskInfo>"
    )?;
    writeln!(out, "  <batchTotal>")?;
    xml_analyse(out, &analysis.total())?;
    writeln!(out, "  </batchTotal>")?;
    for f in &analysis.files {
        writeln!(out, "  <file name=\"{}\">", escape(&f.name))?;
        xml_analyse(out, &f.bands)?;
        writeln!(out, "  </file>")?;
    }
    writeln!(out, "</task>")
}

/// A colour per band for the HTML bars: greens for what the memory gives,
/// blues for repetitions, ambers to reds as matches weaken, grey for the
/// translated.
fn colour(band: Band) -> &'static str {
    match band {
        Band::Context => "#1b5e20",
        Band::Repetition => "#1565c0",
        Band::CrossFileRepetition => "#64b5f6",
        Band::Exact => "#2e7d32",
        Band::Fuzzy95 => "#7cb342",
        Band::Fuzzy85 => "#fdd835",
        Band::Fuzzy75 => "#fb8c00",
        Band::Fuzzy50 => "#e64a19",
        Band::NoMatch => "#b71c1c",
        Band::Translated => "#9e9e9e",
    }
}

fn html(analysis: &Analysis, out: &mut dyn Write) -> io::Result<()> {
    let weighted = weighted(analysis);
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Leverage analysis</title>\n<style>\n\
body {{ font-family: system-ui, sans-serif; margin: 2em; color: #212121; }}\n\
h1 {{ font-size: 1.4em; }} h2 {{ font-size: 1.1em; margin-top: 2em; }}\n\
table {{ border-collapse: collapse; }}\n\
th, td {{ padding: 0.25em 0.8em; text-align: right; border-bottom: 1px solid #e0e0e0; }}\n\
th:first-child, td:first-child {{ text-align: left; white-space: nowrap; }}\n\
td.bar {{ width: 22em; text-align: left; }}\n\
.bar span {{ display: inline-block; height: 1em; vertical-align: middle; }}\n\
.stack {{ display: flex; width: 44em; height: 1.6em; margin: 0.5em 0 1em; border: 1px solid #bdbdbd; }}\n\
.stack span {{ height: 100%; }}\n\
.swatch {{ display: inline-block; width: 0.9em; height: 0.9em; margin-right: 0.4em; vertical-align: middle; }}\n\
tr.total td {{ font-weight: bold; }}\n\
</style>\n</head>\n<body>\n<h1>Leverage analysis</h1>\n<p>Segments, words (as OmegaT counts them) and characters per match band; the bars are the share of words.</p>\n"
    )?;
    for (name, bands) in sections(analysis) {
        let total = bands.total();
        writeln!(out, "<h2>{}</h2>", escape(&name))?;
        write!(
            out,
            "<div class=\"stack\" role=\"img\" aria-label=\"share of words per band\">"
        )?;
        for (band, c) in bands.iter() {
            if c.words > 0 {
                write!(
                    out,
                    "<span style=\"width:{:.3}%;background:{}\" title=\"{}: {} words\"></span>",
                    percent(c.words, total.words),
                    colour(band),
                    band.label(),
                    c.words
                )?;
            }
        }
        writeln!(out, "</div>")?;
        write!(
            out,
            "<table>\n<tr><th>Band</th><th>Segments</th><th>Words</th><th>Characters</th><th>Share of words</th>"
        )?;
        if weighted {
            write!(out, "<th>Weight</th><th>Weighted words</th>")?;
        }
        writeln!(out, "</tr>")?;
        for (band, c) in bands.iter() {
            let share = percent(c.words, total.words);
            write!(
                out,
                "<tr><td><span class=\"swatch\" style=\"background:{}\"></span>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"bar\"><span style=\"width:{:.3}%;background:{}\"></span> {:.1}%</td>",
                colour(band),
                band.label(),
                c.segments,
                c.words,
                c.characters,
                share * 0.8,
                colour(band),
                share
            )?;
            if weighted {
                let w = analysis.weight(band);
                write!(out, "<td>{w:.2}</td><td>{:.1}</td>", c.words as f64 * w)?;
            }
            writeln!(out, "</tr>")?;
        }
        write!(
            out,
            "<tr class=\"total\"><td>Total</td><td>{}</td><td>{}</td><td>{}</td><td></td>",
            total.segments, total.words, total.characters
        )?;
        if weighted {
            write!(
                out,
                "<td></td><td>{:.1}</td>",
                analysis.weighted_words(&bands)
            )?;
        }
        writeln!(out, "</tr>\n</table>")?;
    }
    writeln!(out, "</body>\n</html>")
}
