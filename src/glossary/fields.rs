//! The glossary's fields: one table of the columns of the curated file,
//! which are also the columns a reviewer edits in the review sheet. For
//! each: its header, how to read it from an [`Entry`], how to set it from a
//! cell, and what an entry holds when a file has no such column.
//!
//! Everything that reads or writes an entry by column goes through this
//! table: the curated file's reader and its byte-preserving rewrite
//! ([`super::curated`]), the review sheet ([`super::sheet`]) and the merge
//! ([`super::merge`]).

use std::borrow::Cow;

use super::{Entry, Status, slug, split_variants};
use crate::terms::Kind;

/// A column of the glossary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// `fr-FR`: the French term.
    Fr,
    /// `en-GB`: the English term.
    En,
    /// `status`: approved, proposed or rejected.
    Status,
    /// `type`: acronym, code, name or term.
    Kind,
    /// `fr-FR variants`, `|`-separated.
    FrVariants,
    /// `en-GB variants`, `|`-separated.
    EnVariants,
    /// `fr-FR deprecated`: French forms to avoid, `|`-separated.
    FrDeprecated,
    /// `en-GB deprecated`: English forms to avoid, `|`-separated.
    EnDeprecated,
    /// `fr-FR expansion`.
    FrExpansion,
    /// `en-GB expansion`.
    EnExpansion,
    /// `note`.
    Note,
    /// `id`.
    Id,
}

/// The language a column is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lang {
    Fr,
    En,
}

impl Lang {
    /// The primary language subtag.
    pub(crate) fn primary(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

/// How a column's header is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Label {
    /// The language's tag alone (`fr-FR`).
    Term(Lang),
    /// The language's tag and a word (`fr-FR variants`).
    Of(Lang, &'static str),
    /// A name (`status`).
    Named(&'static str),
}

impl Field {
    /// Every field, in the order of the review sheet's editable columns.
    pub const ALL: [Field; 12] = [
        Field::Fr,
        Field::En,
        Field::Status,
        Field::Kind,
        Field::FrVariants,
        Field::EnVariants,
        Field::FrDeprecated,
        Field::EnDeprecated,
        Field::FrExpansion,
        Field::EnExpansion,
        Field::Note,
        Field::Id,
    ];

    pub(crate) fn label(self) -> Label {
        match self {
            Field::Fr => Label::Term(Lang::Fr),
            Field::En => Label::Term(Lang::En),
            Field::Status => Label::Named("status"),
            Field::Kind => Label::Named("type"),
            Field::FrVariants => Label::Of(Lang::Fr, "variants"),
            Field::EnVariants => Label::Of(Lang::En, "variants"),
            Field::FrDeprecated => Label::Of(Lang::Fr, "deprecated"),
            Field::EnDeprecated => Label::Of(Lang::En, "deprecated"),
            Field::FrExpansion => Label::Of(Lang::Fr, "expansion"),
            Field::EnExpansion => Label::Of(Lang::En, "expansion"),
            Field::Note => Label::Named("note"),
            Field::Id => Label::Named("id"),
        }
    }

    /// The column's header beside language columns headed `fr` and `en`
    /// (`fr-FR variants`).
    pub fn header(self, fr: &str, en: &str) -> String {
        let tag = |lang| if lang == Lang::Fr { fr } else { en };
        match self.label() {
            Label::Term(lang) => tag(lang).to_string(),
            Label::Of(lang, word) => format!("{} {word}", tag(lang)),
            Label::Named(name) => name.to_string(),
        }
    }

    /// What a message calls it (`French variants`).
    pub(crate) fn name(self) -> &'static str {
        match self {
            Field::Fr => "French term",
            Field::En => "English term",
            Field::Status => "status",
            Field::Kind => "type",
            Field::FrVariants => "French variants",
            Field::EnVariants => "English variants",
            Field::FrDeprecated => "French deprecated forms",
            Field::EnDeprecated => "English deprecated forms",
            Field::FrExpansion => "French expansion",
            Field::EnExpansion => "English expansion",
            Field::Note => "note",
            Field::Id => "id",
        }
    }

    /// The entry's value, as a cell holds it.
    pub fn get(self, e: &Entry) -> Cow<'_, str> {
        match self {
            Field::Fr => Cow::Borrowed(&e.fr),
            Field::En => Cow::Borrowed(&e.en),
            Field::Status => Cow::Borrowed(e.status.as_str()),
            Field::Kind => Cow::Borrowed(e.kind.as_str()),
            Field::FrVariants => Cow::Owned(e.fr_variants.join("|")),
            Field::EnVariants => Cow::Owned(e.en_variants.join("|")),
            Field::FrDeprecated => Cow::Owned(e.fr_deprecated.join("|")),
            Field::EnDeprecated => Cow::Owned(e.en_deprecated.join("|")),
            Field::FrExpansion => Cow::Borrowed(&e.fr_expansion),
            Field::EnExpansion => Cow::Borrowed(&e.en_expansion),
            Field::Note => Cow::Borrowed(&e.note),
            Field::Id => Cow::Borrowed(&e.id),
        }
    }

    /// Sets the field from a cell's text (trimmed). An unknown status or
    /// type is an error saying what to write; the status is then
    /// `proposed`, which asks nothing more of the entry.
    pub(crate) fn set(self, e: &mut Entry, value: &str) -> Result<(), String> {
        match self {
            Field::Fr => e.fr = value.to_string(),
            Field::En => e.en = value.to_string(),
            Field::Status => match Status::parse(value) {
                Some(s) => e.status = s,
                None => {
                    e.status = Status::Proposed;
                    return Err(unknown_status(value));
                }
            },
            Field::Kind => match Kind::parse(value) {
                Some(kind) => e.kind = kind,
                None => return Err(unknown_kind(value)),
            },
            Field::FrVariants => e.fr_variants = split_variants(value),
            Field::EnVariants => e.en_variants = split_variants(value),
            Field::FrDeprecated => e.fr_deprecated = split_variants(value),
            Field::EnDeprecated => e.en_deprecated = split_variants(value),
            Field::FrExpansion => e.fr_expansion = value.to_string(),
            Field::EnExpansion => e.en_expansion = value.to_string(),
            Field::Note => e.note = value.to_string(),
            Field::Id => e.id = value.to_string(),
        }
        Ok(())
    }

    /// Whether `e` holds what a file without this column gives: approved,
    /// a `term`, the id made from its French term, nothing else.
    pub(crate) fn is_default(self, e: &Entry) -> bool {
        match self {
            Field::Status => e.status == Status::Approved,
            Field::Kind => e.kind == Kind::Term,
            Field::Id => e.id == slug(&e.fr),
            other => other.get(e).is_empty(),
        }
    }
}

/// The message for a status cell that is none of the statuses.
pub(crate) fn unknown_status(value: &str) -> String {
    if value.eq_ignore_ascii_case("deprecated") {
        // Deprecation belongs to a form, as TBX puts a status on each term.
        return format!(
            "status {value:?} belongs to a form, not to an entry: list the forms to avoid in the \
             fr-FR deprecated or en-GB deprecated column, and give the entry approved, proposed \
             or rejected (rejected: not a glossary entry at all)"
        );
    }
    format!("unknown status {value:?}: use approved, proposed or rejected")
}

/// The message for a type cell that is none of the types.
pub(crate) fn unknown_kind(value: &str) -> String {
    format!("unknown type {value:?}: use acronym, code, name or term")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_in_the_table_in_declaration_order() {
        for (i, f) in Field::ALL.iter().enumerate() {
            assert_eq!(*f as usize, i, "{f:?}");
        }
    }
}
