//! A kit as XLIFF 1.2 (`NAME.xlf`), for Trados, memoQ, Phrase and XTM,
//! valid against the strict schema of XLIFF 1.2, and as XLIFF 2.1
//! (`NAME.xliff`, [`xliff21`]) with the Translation Candidates and Glossary
//! modules.
//!
//! One `trans-unit` per paragraph (`id` `NAME:LINE`), its `source` the
//! paragraph and its `seg-source` the sentences, each a `mrk mtype="seg"`
//! (`mid` `NAME:LINE:SENTENCE`), so a CAT tool may join them. The `target`
//! holds a `mrk` per sentence, filled only from a match of [`FILL_FROM`] %
//! or more (tmkit's score), with `state="needs-review-translation"` and a
//! `state-qualifier`: `exact-match` when every filled sentence is a 100 or
//! 101, `fuzzy-match` when every one is 95–99, `leveraged-tm` when they are
//! mixed or some sentences are left empty. A paragraph already translated
//! is `state="final"` and `translate="no"`: its sentences are done. Each
//! sentence's best matches are `alt-trans` (`mid` the sentence's,
//! `match-quality` the percentage, `origin` the memory unit's `tuid`); the
//! glossary's entries found in the paragraph are `note`s.

use crate::xml::escape;
use std::fmt::Write as _;

use super::{Kit, KitSegment};
use crate::glossary::Glossary;
use crate::glossary::check::Checker;
use crate::terms::lexicon::Lexicon;

/// The lowest score that fills a target sentence.
pub const FILL_FROM: u8 = 95;

/// A name usable in an `NMTOKEN` (`mid`): letters, digits, `.-_:` kept,
/// anything else `_`.
pub(crate) fn token(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ':') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The XLIFF 1.2 of `kit`, from `source` to `target` (BCP 47); glossary
/// entries found in a paragraph are notes.
pub fn xliff12(kit: &Kit<'_>, source: &str, target: &str, checker: &Checker<'_>) -> String {
    let name = token(&kit.name);
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n  <file original=\"{}.txt\" source-language=\"{source}\" target-language=\"{target}\" datatype=\"plaintext\" tool-id=\"tmkit\">\n    <header>\n      <tool tool-id=\"tmkit\" tool-name=\"tmkit\" tool-version=\"{}\"/>\n    </header>\n    <body>\n",
        escape(&kit.name),
        env!("CARGO_PKG_VERSION")
    );
    for Paragraph {
        line,
        text: paragraph,
        segments,
        gaps,
    } in paragraphs(kit)
    {
        let done = segments.iter().all(|s| s.translation.is_some());
        let id = format!("{name}:{line}");
        let _ = write!(out, "      <trans-unit id=\"{}\"", escape(&id));
        if done {
            out.push_str(" translate=\"no\"");
        }
        let _ = write!(
            out,
            ">\n        <source xml:space=\"preserve\">{}</source>\n        <seg-source>",
            escape(paragraph)
        );
        for (s, gap) in segments.iter().zip(&gaps) {
            let _ = write!(
                out,
                "{}<mrk mtype=\"seg\" mid=\"{id}:{}\">{}</mrk>",
                escape(gap),
                s.index + 1,
                escape(&s.text)
            );
        }
        out.push_str("</seg-source>\n");
        let fills: Vec<Option<&str>> = segments
            .iter()
            .map(|s| match &s.translation {
                Some(t) => Some(t.as_str()),
                None => best_fill(s),
            })
            .collect();
        if fills.iter().any(Option::is_some) {
            let state = if done {
                " state=\"final\"".to_string()
            } else {
                let percents: Vec<u8> = segments
                    .iter()
                    .filter_map(|s| best_fill(s).map(|_| s.matches[0].percent))
                    .collect();
                let qualifier = if percents.len() < segments.len() {
                    "leveraged-tm"
                } else if percents.iter().all(|&p| p >= 100) {
                    "exact-match"
                } else if percents.iter().all(|&p| p < 100) {
                    "fuzzy-match"
                } else {
                    "leveraged-tm"
                };
                format!(" state=\"needs-review-translation\" state-qualifier=\"{qualifier}\"")
            };
            let _ = write!(out, "        <target xml:space=\"preserve\"{state}>");
            for ((s, gap), fill) in segments.iter().zip(&gaps).zip(&fills) {
                let _ = write!(
                    out,
                    "{}<mrk mtype=\"seg\" mid=\"{id}:{}\">{}</mrk>",
                    escape(gap),
                    s.index + 1,
                    escape(fill.unwrap_or_default())
                );
            }
            out.push_str("</target>\n");
        }
        for s in segments.iter().filter(|s| s.translation.is_none()) {
            for m in &s.matches {
                let _ = write!(
                    out,
                    "        <alt-trans mid=\"{id}:{}\" match-quality=\"{}\" origin=\"{}\">\n          <source xml:space=\"preserve\">{}</source>\n          <target xml:space=\"preserve\">{}</target>\n        </alt-trans>\n",
                    s.index + 1,
                    m.percent,
                    escape(&m.tuid),
                    escape(&m.source),
                    escape(&m.target)
                );
            }
        }
        for (entry, _) in checker.occurrences(paragraph) {
            let _ = writeln!(
                out,
                "        <note from=\"glossary\" annotates=\"source\">{} → {} ({})</note>",
                escape(&entry.fr),
                escape(&entry.en),
                entry.status.as_str()
            );
        }
        out.push_str("      </trans-unit>\n");
    }
    out.push_str("    </body>\n  </file>\n</xliff>\n");
    out
}

/// The XLIFF 2.1 of `kit` (`NAME.xliff`), from `source` to `target`: a
/// `unit` per paragraph (`id` `uLINE`, `name` `NAME:LINE`), a `segment` per
/// sentence (`id` `sSENTENCE`; the white space between them `ignorable`),
/// a target only from a match of [`FILL_FROM`] % or more (`state`
/// `initial`: to review), a translated paragraph `final` and
/// `translate="no"`; each sentence's best matches as `mtc:match`
/// (`ref` its segment, `similarity`, `type="tm"`, `origin` the unit's
/// `tuid`), the glossary entries found in the paragraph as `gls:glossEntry`.
pub fn xliff21(kit: &Kit<'_>, source: &str, target: &str, checker: &Checker<'_>) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:2.0\" xmlns:gls=\"urn:oasis:names:tc:xliff:glossary:2.0\" version=\"2.1\" srcLang=\"{source}\" trgLang=\"{target}\">\n  <file id=\"f1\" original=\"{}.txt\">\n",
        escape(&kit.name)
    );
    for Paragraph {
        line,
        text,
        segments,
        gaps,
    } in paragraphs(kit)
    {
        let done = segments.iter().all(|s| s.translation.is_some());
        let _ = writeln!(
            out,
            "    <unit id=\"u{line}\" name=\"{}:{line}\"{}>",
            escape(&kit.name),
            if done { " translate=\"no\"" } else { "" }
        );
        let matches: Vec<(&KitSegment, &super::KitMatch)> = segments
            .iter()
            .filter(|s| s.translation.is_none())
            .flat_map(|s| s.matches.iter().map(move |m| (s, m)))
            .collect();
        if !matches.is_empty() {
            out.push_str("      <mtc:matches>\n");
            for (s, m) in matches {
                let _ = write!(
                    out,
                    "        <mtc:match ref=\"#s{}\" similarity=\"{}\" type=\"tm\" origin=\"{}\">\n          <source>{}</source>\n          <target>{}</target>\n        </mtc:match>\n",
                    s.index + 1,
                    m.percent.min(100),
                    escape(&m.tuid),
                    escape(&m.source),
                    escape(&m.target)
                );
            }
            out.push_str("      </mtc:matches>\n");
        }
        let entries = checker.occurrences(text);
        if !entries.is_empty() {
            out.push_str("      <gls:glossary>\n");
            for (entry, _) in entries {
                let _ = write!(
                    out,
                    "        <gls:glossEntry>\n          <gls:term source=\"glossary/fr-en.csv\">{}</gls:term>\n          <gls:translation>{}</gls:translation>\n        </gls:glossEntry>\n",
                    escape(&entry.fr),
                    escape(&entry.en)
                );
            }
            out.push_str("      </gls:glossary>\n");
        }
        for (s, gap) in segments.iter().zip(&gaps) {
            if !gap.is_empty() {
                let _ = writeln!(
                    out,
                    "      <ignorable>\n        <source xml:space=\"preserve\">{}</source>\n      </ignorable>",
                    escape(gap)
                );
            }
            let (state, fill) = match &s.translation {
                Some(t) => (" state=\"final\"", Some(t.as_str())),
                None => (" state=\"initial\"", best_fill(s)),
            };
            let _ = write!(
                out,
                "      <segment id=\"s{}\"{}>\n        <source xml:space=\"preserve\">{}</source>\n",
                s.index + 1,
                if fill.is_some() { state } else { "" },
                escape(&s.text)
            );
            if let Some(fill) = fill {
                let _ = writeln!(
                    out,
                    "        <target xml:space=\"preserve\">{}</target>",
                    escape(fill)
                );
            }
            out.push_str("      </segment>\n");
        }
        out.push_str("    </unit>\n");
    }
    out.push_str("  </file>\n</xliff>\n");
    out
}

/// One paragraph of a kit: its line, text, segments and the white space
/// before each segment.
struct Paragraph<'k> {
    line: usize,
    text: &'k str,
    segments: &'k [KitSegment],
    gaps: Vec<&'k str>,
}

/// The paragraphs of `kit` with text, in order.
fn paragraphs<'k>(kit: &'k Kit<'_>) -> Vec<Paragraph<'k>> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < kit.segments.len() {
        let line = kit.segments[at].line;
        let end = kit.segments[at..]
            .iter()
            .position(|s| s.line != line)
            .map_or(kit.segments.len(), |n| at + n);
        let segments = &kit.segments[at..end];
        at = end;
        let text = kit.lines[line - 1].as_str();
        let mut written = 0;
        let mut gaps = Vec::new();
        for s in segments {
            let start = text[written..]
                .find(s.text.as_str())
                .map_or(written, |i| written + i);
            gaps.push(&text[written..start]);
            written = start + s.text.len();
        }
        out.push(Paragraph {
            line,
            text,
            segments,
            gaps,
        });
    }
    out
}

/// The glossary's entries a kit notes: approved and proposed ones with an
/// English term.
/// What a kit's XLIFF looks for in a paragraph: the glossary's entries with
/// an English term, rejected ones left out. Built once for all the kits of
/// an export.
pub(crate) fn glossary_checker<'g>(glossary: &'g Glossary, lexicon: &'g Lexicon) -> Checker<'g> {
    Checker::for_entries(
        glossary
            .entries
            .iter()
            .filter(|e| e.status != crate::glossary::Status::Rejected && !e.en.is_empty()),
        lexicon,
    )
}

/// The translation a sentence not yet translated is filled with: its best
/// match's, when it scores [`FILL_FROM`] or more.
fn best_fill(segment: &KitSegment) -> Option<&str> {
    segment
        .matches
        .first()
        .filter(|m| m.percent >= FILL_FROM)
        .map(|m| m.target.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mid_is_an_nmtoken_whatever_the_document_is_called() {
        assert_eq!(token("002 port de «Bakou»"), "002_port_de__Bakou_");
        assert_eq!(token("000_8103:4"), "000_8103:4");
    }
}
