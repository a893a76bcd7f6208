//! A review sheet's base: what each row's editable cells held when the sheet
//! was exported, so that the import applies only what the reviewer changed
//! and sees what the glossary changed meanwhile (a three-way merge: as
//! exported, as returned, as now).
//!
//! Every row of the sheet tmkit writes has a `base` cell: `b1:` then, for
//! each editable cell, a 40-bit hash of its column and its value as
//! exported (before any spreadsheet escaping), in base32 (RFC 4648's
//! alphabet, lowercase, 8 characters a hash). It starts with letters, so no
//! spreadsheet takes it for a number, a date or a formula. A cell is the
//! reviewer's decision when its value is not the one its hash remembers;
//! the set of hashes does not depend on the columns' order, so a reviewer
//! may move or delete columns.

use std::collections::HashMap;

use super::Field;

/// What a base cell starts with: its format's version.
pub(crate) const PREFIX: &str = "b1:";

/// The header of the base column.
pub(crate) const HEADER: &str = "base";

const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";

/// The hashes of one row's editable cells as exported.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Base(Vec<u64>);

/// The key a field's cell is hashed under: its column whatever the
/// language tags say (`en`, `fr variants`, `status`).
pub(crate) fn field_key(field: Field) -> &'static str {
    static KEYS: std::sync::LazyLock<Vec<String>> =
        std::sync::LazyLock::new(|| Field::ALL.iter().map(|f| f.header("fr", "en")).collect());
    &KEYS[field as usize]
}

/// The key an extra column's cell is hashed under.
pub(crate) fn extra_key(header: &str) -> String {
    format!("x:{}", header.trim())
}

/// FNV-1a over the key, a separator and the value, folded to 40 bits.
fn hash(key: &str, value: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key
        .bytes()
        .chain(std::iter::once(0x1F))
        .chain(value.trim().bytes())
    {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    (h ^ (h >> 40)) & ((1 << 40) - 1)
}

impl Base {
    /// The base of cells given as (key, value as exported).
    pub(crate) fn of<'a, K: AsRef<str>>(cells: impl IntoIterator<Item = (K, &'a str)>) -> Base {
        Base(
            cells
                .into_iter()
                .map(|(key, value)| hash(key.as_ref(), value))
                .collect(),
        )
    }

    /// Whether `value` is what the cell under `key` held when exported.
    pub(crate) fn has(&self, key: &str, value: &str) -> bool {
        self.0.contains(&hash(key, value))
    }

    /// The cell's text: `b1:` and 8 base32 characters a hash.
    pub(crate) fn encode(&self) -> String {
        let mut out = String::with_capacity(PREFIX.len() + 8 * self.0.len());
        out.push_str(PREFIX);
        for h in &self.0 {
            for i in (0..8).rev() {
                out.push(char::from(ALPHABET[((h >> (5 * i)) & 31) as usize]));
            }
        }
        out
    }

    /// Reads a base cell (`None`: an empty cell, a row the reviewer added).
    pub fn parse(cell: &str) -> Result<Option<Base>, String> {
        let cell = cell.trim();
        if cell.is_empty() {
            return Ok(None);
        }
        let bad = || {
            format!(
                "{cell:?} is not a base tmkit wrote ({PREFIX} and letters): put back the cell as the sheet had it, or empty it to take the row as a new one"
            )
        };
        let body = cell
            .get(..PREFIX.len())
            .filter(|p| p.eq_ignore_ascii_case(PREFIX))
            .map(|_| &cell[PREFIX.len()..])
            .ok_or_else(bad)?;
        if body.len() % 8 != 0 {
            return Err(bad());
        }
        let mut hashes = Vec::with_capacity(body.len() / 8);
        for chunk in body.as_bytes().chunks(8) {
            let mut h = 0u64;
            for &c in chunk {
                let digit = match c.to_ascii_lowercase() {
                    c @ b'a'..=b'z' => c - b'a',
                    c @ b'2'..=b'7' => c - b'2' + 26,
                    _ => return Err(bad()),
                };
                h = h << 5 | u64::from(digit);
            }
            hashes.push(h);
        }
        Ok(Some(Base(hashes)))
    }
}

/// Bases by entry id: what a sheet without a base column was exported with,
/// taken from the sheet the export committed then (`--base REV`).
pub type Bases = HashMap<String, Base>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_base_encodes_and_parses_back_and_tells_values_apart() {
        let source = extra_key("Source");
        let base = Base::of([
            (field_key(Field::En), "air defence"),
            (field_key(Field::Status), "approved"),
            (source.as_str(), ""),
        ]);
        let cell = base.encode();
        assert!(cell.starts_with("b1:") && cell.len() == 3 + 3 * 8, "{cell}");
        assert!(cell[3..].bytes().all(|b| ALPHABET.contains(&b)));
        let back = Base::parse(&cell).unwrap().unwrap();
        assert_eq!(back, base);
        assert!(back.has(field_key(Field::En), "air defence"));
        assert!(back.has(field_key(Field::En), " air defence "));
        assert!(!back.has(field_key(Field::En), "air defense"));
        // The same value in another column is another cell.
        assert!(!back.has(field_key(Field::Note), "air defence"));
        assert!(back.has(&extra_key("Source"), ""));
        assert_eq!(Base::parse("  ").unwrap(), None);
        assert!(Base::parse("b1:abc").is_err());
        assert!(Base::parse("=b1:abcdefgh").is_err());
        assert_eq!(
            Base::parse(&cell.to_uppercase()).unwrap().unwrap(),
            base,
            "case does not matter"
        );
    }

    #[test]
    fn keys_do_not_depend_on_the_language_tags() {
        assert_eq!(field_key(Field::Fr), "fr");
        assert_eq!(field_key(Field::EnVariants), "en variants");
        assert_eq!(field_key(Field::Kind), "type");
    }
}
