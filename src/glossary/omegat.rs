//! The three-column glossary of OmegaT and Wordfast: French term, English
//! term, comment. Tab-separated (`.txt`/`.utf8`/`.tab`/`.tsv`) or
//! comma-separated (`.csv`, every field quoted), UTF-8, no header row.
//!
//! Where it sits in the flow: an export of the curated glossary for the
//! translator's CAT tool. Only what a translator may use goes in: approved
//! entries, and proposed ones marked as such in the comment; rejected
//! entries (not glossary entries) stay in the curated file and the review
//! sheet.
//! The comment carries what the two columns cannot: the status when not
//! approved, the other accepted English forms, the English forms to avoid
//! (`avoid: …`), an acronym's expansion and the note. In the tab-separated form a line starting with `#` is a
//! comment, so an entry whose French term starts with `#` cannot be written
//! there: it is left out (and not counted); the CSV form quotes it.
//!
//! ```
//! use tmkit::glossary::Glossary;
//! use tmkit::glossary::omegat::{Separator, write};
//! let g = Glossary::parse("fr-FR,en-GB,type\nCEI,CIS,acronym\n".as_bytes(), "g.csv").unwrap();
//! let mut out = Vec::new();
//! assert_eq!(write(&mut out, &g, Separator::Tab).unwrap(), 1);
//! assert_eq!(out, b"CEI\tCIS\t\n");
//! ```

use std::io::{self, Write};

use super::{Entry, Glossary, Status};

/// The column separator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Separator {
    /// Tab: OmegaT's and Wordfast's own glossary format.
    Tab,
    /// Comma, every field quoted: OmegaT's CSV glossary.
    Comma,
}

/// The comment column of an entry.
pub(crate) fn comment(e: &Entry) -> String {
    let mut parts = Vec::new();
    if e.status == Status::Proposed {
        parts.push("proposed, not yet approved".to_string());
    }
    if !e.en_variants.is_empty() {
        parts.push(format!("also: {}", e.en_variants.join(", ")));
    }
    if !e.en_deprecated.is_empty() {
        parts.push(format!("avoid: {}", e.en_deprecated.join(", ")));
    }
    match (e.fr_expansion.is_empty(), e.en_expansion.is_empty()) {
        (false, false) => parts.push(format!("{} = {}", e.fr_expansion, e.en_expansion)),
        (true, false) => parts.push(e.en_expansion.clone()),
        (false, true) => parts.push(e.fr_expansion.clone()),
        (true, true) => {}
    }
    if !e.note.is_empty() {
        parts.push(e.note.clone());
    }
    parts.join(" · ")
}

/// A cell on one line, quoted for CSV.
fn cell(s: &str, separator: Separator) -> String {
    let s = super::one_line(s);
    match separator {
        Separator::Tab => s.into_owned(),
        Separator::Comma => format!("\"{}\"", s.replace('"', "\"\"")),
    }
}

/// Writes the approved and proposed entries that have an English term,
/// in glossary order; returns how many lines were written (fewer than
/// [`exported`] gives when a French term starting with `#` had to be left
/// out of the tab-separated form).
pub fn write<W: Write>(mut out: W, glossary: &Glossary, separator: Separator) -> io::Result<usize> {
    let sep = match separator {
        Separator::Tab => "\t",
        Separator::Comma => ",",
    };
    let mut lines = 0;
    for e in exported(glossary) {
        if separator == Separator::Tab && e.fr.starts_with('#') {
            continue;
        }
        writeln!(
            out,
            "{}{sep}{}{sep}{}",
            cell(&e.fr, separator),
            cell(&e.en, separator),
            cell(&comment(e), separator)
        )?;
        lines += 1;
    }
    out.flush()?;
    Ok(lines)
}

/// The entries a CAT glossary gets.
pub fn exported(glossary: &Glossary) -> impl Iterator<Item = &Entry> {
    glossary
        .entries
        .iter()
        .filter(|e| e.status != Status::Rejected && !e.en.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary() -> Glossary {
        Glossary::parse(
            "fr-FR,en-GB,id,type,status,en-GB variants,fr-FR expansion,en-GB expansion,note\n\
             CEI,CIS,cei,acronym,approved,,Communauté des États indépendants,Commonwealth of Independent States,\n\
             défense aérienne,air defence,da,term,approved,air defences,,,\"US: air defense; \"\"Air Defence\"\" in titles\"\n\
             sommet,summit,sommet,term,proposed,,,,\n\
             forum,forum,forum,term,rejected,,,,\n"
                .as_bytes(),
            "g.csv",
        )
        .unwrap()
    }

    #[test]
    fn tab_separated_has_no_header_and_no_rejected_entry() {
        let mut out = Vec::new();
        assert_eq!(write(&mut out, &glossary(), Separator::Tab).unwrap(), 3);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "CEI\tCIS\tCommunauté des États indépendants = Commonwealth of Independent States\n\
             défense aérienne\tair defence\talso: air defences · US: air defense; \"Air Defence\" in titles\n\
             sommet\tsummit\tproposed, not yet approved\n"
        );
    }

    #[test]
    fn the_comment_names_the_english_forms_to_avoid() {
        let g = Glossary::parse(
            "fr-FR,en-GB,en-GB variants,en-GB deprecated,note\n\
             défense aérienne,air defence,air defences,air defense|air defence system,US usage\n"
                .as_bytes(),
            "g.csv",
        )
        .unwrap();
        assert_eq!(
            comment(&g.entries[0]),
            "also: air defences · avoid: air defense, air defence system · US usage"
        );
    }

    #[test]
    fn a_french_term_starting_with_hash_is_left_out_of_the_tab_form_only() {
        let g =
            Glossary::parse("fr-FR,en-GB\n#MeToo,#MeToo\nCEI,CIS\n".as_bytes(), "g.csv").unwrap();
        let mut tsv = Vec::new();
        assert_eq!(write(&mut tsv, &g, Separator::Tab).unwrap(), 1);
        assert_eq!(tsv, b"CEI\tCIS\t\n");
        let mut csv = Vec::new();
        assert_eq!(write(&mut csv, &g, Separator::Comma).unwrap(), 2);
        assert!(csv.starts_with(b"\"#MeToo\""));
    }

    #[test]
    fn comma_separated_quotes_every_field() {
        let mut out = Vec::new();
        write(&mut out, &glossary(), Separator::Comma).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text.lines().nth(1),
            Some(
                "\"défense aérienne\",\"air defence\",\"also: air defences · US: air defense; \"\"Air Defence\"\" in titles\""
            )
        );
    }
}
