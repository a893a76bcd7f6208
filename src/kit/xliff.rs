//! A kit as XLIFF 1.2 (`NAME.xlf`), for Trados, memoQ, Phrase and XTM:
//! valid against the strict schema of XLIFF 1.2.
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

use std::fmt::Write as _;

use super::{Kit, KitSegment};
use crate::glossary::Glossary;
use crate::glossary::check::Checker;
use crate::terms::lexicon::Lexicon;

/// The lowest score that fills a target sentence.
pub const FILL_FROM: u8 = 95;

/// XML text escaped (`&`, `<`, `>`, and `"` in attributes).
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A name usable in an `NMTOKEN` (`mid`): letters, digits, `.-_:` kept,
/// anything else `_`.
fn token(name: &str) -> String {
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
pub fn xliff12(
    kit: &Kit<'_>,
    source: &str,
    target: &str,
    glossary: &Glossary,
    lexicon: &Lexicon,
) -> String {
    let checker = Checker::for_entries(
        glossary
            .entries
            .iter()
            .filter(|e| e.status != crate::glossary::Status::Rejected && !e.en.is_empty()),
        lexicon,
    );
    let name = token(&kit.name);
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n  <file original=\"{}.txt\" source-language=\"{source}\" target-language=\"{target}\" datatype=\"plaintext\" tool-id=\"tmkit\">\n    <header>\n      <tool tool-id=\"tmkit\" tool-name=\"tmkit\" tool-version=\"{}\"/>\n    </header>\n    <body>\n",
        escape(&kit.name),
        env!("CARGO_PKG_VERSION")
    );
    let mut at = 0;
    while at < kit.segments.len() {
        let line = kit.segments[at].line;
        let end = kit.segments[at..]
            .iter()
            .position(|s| s.line != line)
            .map_or(kit.segments.len(), |n| at + n);
        let segments = &kit.segments[at..end];
        at = end;
        let done = segments.iter().all(|s| s.translation.is_some());
        let id = format!("{name}:{line}");
        let _ = write!(out, "      <trans-unit id=\"{}\"", escape(&id));
        if done {
            out.push_str(" translate=\"no\"");
        }
        let _ = write!(
            out,
            ">\n        <source xml:space=\"preserve\">{}</source>\n        <seg-source>",
            escape(&kit.lines[line - 1])
        );
        let paragraph = &kit.lines[line - 1];
        let mut written = 0;
        let mut gaps = Vec::new();
        for s in segments {
            // The white space between sentences, kept outside the mrks.
            let start = paragraph[written..]
                .find(s.text.as_str())
                .map_or(written, |i| written + i);
            gaps.push(&paragraph[written..start]);
            written = start + s.text.len();
        }
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
