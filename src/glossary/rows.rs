//! The review sheet's rows: every glossary entry with its usage in the
//! aligned translation, then every new term candidate with its proposal.
//!
//! Where it sits in the flow: it joins the curated glossary, the aligned
//! sentence pairs ([`super::contexts`]) and the term candidates
//! ([`crate::terms`]) with their proposals ([`super::propose`]); the sheet
//! ([`super::sheet`]) writes the rows.

use std::collections::HashSet;

use crate::terms::Candidate;
use crate::terms::lexicon::Lexicon;
use crate::tm::Pair;

use super::contexts::{AlignedText, clean, usage};
use super::propose::equivalents;
use super::{Entry, Glossary, Status, fold, slug, unique_id};

/// One row of the review sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The entry, or for a new candidate what the sheet proposes: its
    /// term, the proposal as English, its type, variants, expansion, id.
    pub entry: Entry,
    /// A new term candidate, not in the glossary: its status cell is empty
    /// (undecided).
    pub candidate: bool,
    /// Occurrences in the French seeds.
    pub count: usize,
    /// Seeds it occurs in.
    pub documents: usize,
    /// A French sentence that uses it.
    pub fr_context: String,
    /// The English sentence aligned with it.
    pub en_context: String,
    /// For a candidate: the English equivalent proposed from the
    /// alignment.
    pub proposal: String,
    /// Why: how often the translation uses the curated English term, or
    /// the sentence a proposal was read from.
    pub evidence: String,
}

impl Row {
    /// The row of a glossary entry, without usage.
    pub fn of(entry: &Entry) -> Row {
        Row {
            entry: entry.clone(),
            candidate: false,
            count: 0,
            documents: 0,
            fr_context: String::new(),
            en_context: String::new(),
            proposal: String::new(),
            evidence: String::new(),
        }
    }
}

/// Builds the review rows: every glossary entry, in file order, with its
/// usage in the aligned translation; then every term candidate the glossary
/// does not have, in the extractor's order, with its proposal.
pub fn rows(
    glossary: &Glossary,
    aligned: &[AlignedText],
    candidates: &[Candidate],
    lexicon: &Lexicon,
) -> Vec<Row> {
    let mut out: Vec<Row> = glossary
        .entries
        .iter()
        .zip(usage(glossary, aligned, lexicon))
        .map(|(e, u)| Row {
            count: u.count,
            documents: u.documents,
            fr_context: u.context.0,
            en_context: u.context.1,
            evidence: if u.units > 0 {
                format!(
                    "the translation uses it in {} of {} aligned units",
                    u.uses, u.units
                )
            } else {
                String::new()
            },
            ..Row::of(e)
        })
        .collect();

    let known = glossary.french_index();
    let new: Vec<Candidate> = candidates
        .iter()
        .filter(|c| c.forms().all(|f| !known.contains_key(&fold(f))))
        .cloned()
        .collect();
    let pairs: Vec<Pair<&str>> = aligned
        .iter()
        .filter(|a| a.is_pair())
        .map(AlignedText::pair)
        .collect();
    let proposals = equivalents(&new, None, &pairs);
    let mut ids: HashSet<String> = glossary.entries.iter().map(|e| e.id.clone()).collect();
    for (c, proposal) in new.iter().zip(proposals) {
        let en_context = aligned
            .iter()
            .find(|a| a.fr.contains(c.context.trim()))
            .map(|a| clean(&a.en))
            .unwrap_or_default();
        let (english, evidence) = proposal
            .map(|p| (p.english.clone(), p.evidence().into_owned()))
            .unwrap_or_default();
        let mut entry = Entry::new(0, c.term.clone(), Status::Proposed);
        entry.id = unique_id(&slug(&c.term), &mut ids);
        entry.en.clone_from(&english);
        entry.kind = c.kind;
        entry.fr_variants = c
            .variants
            .iter()
            .map(|(v, _)| v.clone())
            .filter(|v| *v != c.term)
            .collect();
        entry.fr_expansion = c.expansion.clone().unwrap_or_default();
        out.push(Row {
            entry,
            candidate: true,
            count: c.count,
            documents: c.documents.len(),
            fr_context: clean(&c.context),
            en_context,
            proposal: english,
            evidence: clean(&evidence),
        });
    }
    out
}
