//! A translation pair's texts: what the glossary's checks and proposals
//! read of a unit.

/// A unit's name and its French and English texts: owned (`Pair`, as read
/// from a memory, a table or a workspace) or borrowed (`Pair<&str>`, what
/// the glossary's checks and proposals take).
///
/// ```
/// use tmkit::tm::Pair;
/// let owned = Pair { name: "u1".to_string(), fr: "sommet".to_string(), en: "summit".to_string() };
/// assert_eq!(owned.borrowed(), Pair { name: "u1", fr: "sommet", en: "summit" });
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pair<S = String> {
    /// How reports name the unit (its tuid, or a row).
    pub name: S,
    /// The French text.
    pub fr: S,
    /// The English text.
    pub en: S,
}

impl<S: AsRef<str>> Pair<S> {
    /// The pair, borrowed.
    pub fn borrowed(&self) -> Pair<&str> {
        Pair {
            name: self.name.as_ref(),
            fr: self.fr.as_ref(),
            en: self.en.as_ref(),
        }
    }
}
