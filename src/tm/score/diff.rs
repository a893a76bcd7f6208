//! What differs between a query and a match's source, word by word: what a
//! translator must change in the match's translation.
//!
//! Both texts are cut into OmegaT's tokens ([`super::tokens`]) and aligned
//! by a Levenshtein alignment of their folded keys (case, typography and
//! the width of white space do not count here: the score says those).
//! Runs of changes are merged, with the spaces between them, into one
//! edit.

use super::tokens::{token_key, verbatim};
use super::{Segment, Tag, TagKind, typography};

/// One edit, from the match's source to the query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Text both have (as the match writes it: its case and typography may
    /// differ from the query's).
    Same(String),
    /// Text the query has and the match does not.
    Inserted(String),
    /// Text the match has and the query does not.
    Deleted(String),
    /// The match's text (`from`) where the query has other text (`to`).
    Replaced {
        /// In the match.
        from: String,
        /// In the query.
        to: String,
    },
}

impl Edit {
    /// The edit's kind as reports name it.
    pub fn kind(&self) -> &'static str {
        match self {
            Edit::Same(_) => "same",
            Edit::Inserted(_) => "inserted",
            Edit::Deleted(_) => "deleted",
            Edit::Replaced { .. } => "replaced",
        }
    }
}

/// A token's text as shown, and its key as compared.
struct Token {
    shown: String,
    key: String,
}

fn tag_shown(tag: &Tag) -> String {
    match tag.kind {
        TagKind::Open => format!("<{}>", tag.number),
        TagKind::Close => format!("</{}>", tag.number),
        TagKind::Standalone => format!("<{}/>", tag.number),
    }
}

/// The tokens of a piece of text between tags: cut as the fuzzy score cuts
/// them (typography folded, so `l’homme` is one token), shown as written.
fn push_piece(piece: &str, out: &mut Vec<Token>) {
    // The folded text, and for each of its bytes the original's offset.
    let mut folded = String::with_capacity(piece.len());
    let mut origin = Vec::with_capacity(piece.len() + 1);
    for (at, c) in piece.char_indices() {
        let before = folded.len();
        match typography(c) {
            Some(s) => folded.push_str(s),
            None => folded.extend(c.to_lowercase()),
        }
        origin.extend(std::iter::repeat_n(at, folded.len() - before));
    }
    origin.push(piece.len());
    for range in verbatim(&folded) {
        let token = &folded[range.clone()];
        let key = if token.chars().all(char::is_whitespace) {
            " ".to_string()
        } else {
            token_key(token).into_owned()
        };
        out.push(Token {
            shown: piece[origin[range.start]..origin[range.end]].to_string(),
            key,
        });
    }
}

fn tokens(segment: Segment<'_>) -> Vec<Token> {
    let mut out = Vec::new();
    let text = segment.text;
    let mut start = 0;
    for tag in segment.tags {
        let at = (tag.at as usize).clamp(start, text.len());
        push_piece(&text[start..at], &mut out);
        out.push(Token {
            shown: tag_shown(tag),
            key: format!("\u{FFFF}{}", tag_shown(tag)),
        });
        start = at;
    }
    push_piece(&text[start..], &mut out);
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Same,
    Insert,
    Delete,
    Replace,
}

/// The edits that turn `memory` (a match's source) into `query`, in order.
///
/// ```
/// use tmkit::tm::score::Segment;
/// use tmkit::tm::score::diff::{edits, Edit};
/// let e = edits(Segment::plain("Le gros chat dort."), Segment::plain("Le petit chien dort."));
/// assert_eq!(e[1], Edit::Replaced { from: "petit chien".into(), to: "gros chat".into() });
/// ```
pub fn edits(query: Segment<'_>, memory: Segment<'_>) -> Vec<Edit> {
    let q = tokens(query);
    let m = tokens(memory);
    let (n, k) = (m.len(), q.len());
    // Full table: segments are sentences, and only the matches shown are
    // diffed.
    let width = k + 1;
    let mut d = vec![0u32; (n + 1) * width];
    for (j, cell) in d.iter_mut().take(width).enumerate() {
        *cell = j as u32;
    }
    for i in 1..=n {
        d[i * width] = i as u32;
        for j in 1..=k {
            let same = m[i - 1].key == q[j - 1].key;
            d[i * width + j] = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + u32::from(!same));
        }
    }
    let mut steps = Vec::with_capacity(n.max(k));
    let (mut i, mut j) = (n, k);
    while i > 0 || j > 0 {
        let here = d[i * width + j];
        if i > 0 && j > 0 {
            let same = m[i - 1].key == q[j - 1].key;
            if here == d[(i - 1) * width + j - 1] + u32::from(!same) {
                steps.push(if same { Step::Same } else { Step::Replace });
                i -= 1;
                j -= 1;
                continue;
            }
        }
        if i > 0 && here == d[(i - 1) * width + j] + 1 {
            steps.push(Step::Delete);
            i -= 1;
        } else {
            steps.push(Step::Insert);
            j -= 1;
        }
    }
    steps.reverse();
    group(&steps, &m, &q)
}

/// Merges steps into edits: runs of changes, with the white space between
/// them, become one edit.
fn group(steps: &[Step], m: &[Token], q: &[Token]) -> Vec<Edit> {
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    let mut s = 0;
    while s < steps.len() {
        if steps[s] == Step::Same {
            let mut same = String::new();
            while s < steps.len() && steps[s] == Step::Same {
                same.push_str(&m[i].shown);
                i += 1;
                j += 1;
                s += 1;
            }
            out.push(Edit::Same(same));
            continue;
        }
        let (mut from, mut to) = (String::new(), String::new());
        loop {
            while s < steps.len() && steps[s] != Step::Same {
                match steps[s] {
                    Step::Replace => {
                        from.push_str(&m[i].shown);
                        to.push_str(&q[j].shown);
                        i += 1;
                        j += 1;
                    }
                    Step::Delete => {
                        from.push_str(&m[i].shown);
                        i += 1;
                    }
                    _ => {
                        to.push_str(&q[j].shown);
                        j += 1;
                    }
                }
                s += 1;
            }
            // White space alone between two changes joins them.
            let mut t = s;
            while t < steps.len() && steps[t] == Step::Same && q[j + (t - s)].key == " " {
                t += 1;
            }
            if t > s && t < steps.len() && steps[t] != Step::Same {
                for _ in s..t {
                    from.push_str(&m[i].shown);
                    to.push_str(&q[j].shown);
                    i += 1;
                    j += 1;
                }
                s = t;
                continue;
            }
            break;
        }
        out.push(match (from.is_empty(), to.is_empty()) {
            (true, _) => Edit::Inserted(to),
            (_, true) => Edit::Deleted(from),
            _ => Edit::Replaced { from, to },
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insertions_and_deletions_are_named_from_the_query() {
        let e = edits(
            Segment::plain("Le chat noir dort."),
            Segment::plain("Le chat dort."),
        );
        assert_eq!(
            e,
            [
                Edit::Same("Le chat".into()),
                Edit::Inserted(" noir".into()),
                Edit::Same(" dort.".into())
            ]
        );
        let e = edits(Segment::plain("Il dort."), Segment::plain("Il dort bien."));
        assert_eq!(e[1], Edit::Deleted(" bien".into()));
    }

    #[test]
    fn case_and_typography_are_not_edits() {
        let e = edits(Segment::plain("L’homme"), Segment::plain("l'homme"));
        assert_eq!(e, [Edit::Same("l'homme".into())]);
    }
}
