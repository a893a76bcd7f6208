//! `cargo xtask lt-eval FILE`: tmkit's built-in French rules against the
//! cases of LanguageTool's `FrenchSentenceTokenizerTest.java`, the field's
//! reference test of French sentence splitting.
//!
//! FILE is that test file from a LanguageTool checkout
//! (`languagetool-language-modules/fr/src/test/java/org/languagetool/tokenizers/fr/`).
//! Its sentences are LanguageTool's (LGPL): they are read from FILE at run
//! time and never copied into this repository.
//!
//! Two kinds of case are read, wherever they stand outside comments:
//! - `testSplit("a ", "b")`: the pieces, joined, must come back as exactly
//!   those pieces (LanguageTool keeps the white space after a sentence in it;
//!   tmkit leaves it between segments, so pieces are compared trimmed);
//! - `assertThat(stokenizer.tokenize("…").size(), is(N))`: N segments.

use std::path::Path;

use anyhow::{Context, bail};
use tmkit::segment::Segmenter;

/// One case of the test file.
#[derive(Debug, PartialEq)]
enum Case {
    /// The pieces the joined text must split into.
    Split(Vec<String>),
    /// A text and how many segments it must give.
    Count(String, usize),
}

pub fn run(file: &Path) -> anyhow::Result<()> {
    let source = std::fs::read_to_string(file)
        .with_context(|| format!("{}: cannot read", file.display()))?;
    let cases = parse_cases(&source).with_context(|| file.display().to_string())?;
    if cases.is_empty() {
        bail!(
            "{}: no testSplit(…) or tokenize(…).size() cases: is this LanguageTool's FrenchSentenceTokenizerTest.java?",
            file.display()
        );
    }
    let fr = Segmenter::builtin("fr-FR")?;
    let mut passed = 0;
    for case in &cases {
        let (text, expected) = match case {
            Case::Split(pieces) => (pieces.concat(), Expected::Pieces(pieces)),
            Case::Count(text, n) => (text.clone(), Expected::Count(*n)),
        };
        let got: Vec<&str> = fr.segment(&text)?.into_iter().map(|s| &text[s]).collect();
        let ok = match &expected {
            Expected::Pieces(pieces) => {
                let want: Vec<&str> = pieces
                    .iter()
                    .map(|p| p.trim())
                    .filter(|p| !p.is_empty())
                    .collect();
                got == want
            }
            Expected::Count(n) => got.len() == *n,
        };
        if ok {
            passed += 1;
        } else {
            println!("FAIL {text:?}");
            match expected {
                Expected::Pieces(pieces) => println!("  expected {pieces:?}"),
                Expected::Count(n) => println!("  expected {n} segments"),
            }
            println!("  tmkit    {got:?}");
        }
    }
    println!(
        "LanguageTool's French sentence tests: {passed} of {} cases pass with tmkit's built-in fr-FR rules",
        cases.len()
    );
    Ok(())
}

enum Expected<'a> {
    Pieces(&'a [String]),
    Count(usize),
}

/// The cases of a Java test file, in order, comments skipped.
fn parse_cases(source: &str) -> anyhow::Result<Vec<Case>> {
    let tokens = tokens(source)?;
    let mut cases = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            Token::Word(w) if w == "testSplit" && tokens.get(i + 1) == Some(&Token::Punct('(')) => {
                let mut pieces = Vec::new();
                let mut j = i + 2;
                while let Some(Token::Str(s)) = tokens.get(j) {
                    pieces.push(s.clone());
                    j += 1;
                    if tokens.get(j) == Some(&Token::Punct(',')) {
                        j += 1;
                    }
                }
                // `testSplit(final String... sentences)`, the declaration, has none.
                if !pieces.is_empty() {
                    cases.push(Case::Split(pieces));
                }
                i = j;
            }
            Token::Word(w) if w == "tokenize" && tokens.get(i + 1) == Some(&Token::Punct('(')) => {
                let (Some(Token::Str(text)), Some(Token::Punct(')'))) =
                    (tokens.get(i + 2), tokens.get(i + 3))
                else {
                    i += 1;
                    continue;
                };
                // `.size(), is(N)` follows.
                let count = tokens[i + 4..]
                    .iter()
                    .take(10)
                    .find_map(|t| match t {
                        Token::Number(n) => Some(*n),
                        _ => None,
                    })
                    .with_context(|| format!("tokenize({text:?}) without an expected size"))?;
                cases.push(Case::Count(text.clone(), count));
                i += 4;
            }
            _ => i += 1,
        }
    }
    Ok(cases)
}

#[derive(Debug, PartialEq)]
enum Token {
    Word(String),
    Str(String),
    Number(usize),
    Punct(char),
}

/// Java source as words, string literals (escapes decoded), numbers and
/// punctuation; comments and character literals dropped.
fn tokens(source: &str) -> anyhow::Result<Vec<Token>> {
    let mut out = Vec::new();
    let mut chars = source.char_indices().peekable();
    let line_of = |at: usize| source[..at].matches('\n').count() + 1;
    while let Some((at, c)) = chars.next() {
        match c {
            '/' if chars.peek().is_some_and(|&(_, n)| n == '/') => {
                for (_, n) in chars.by_ref() {
                    if n == '\n' {
                        break;
                    }
                }
            }
            '/' if chars.peek().is_some_and(|&(_, n)| n == '*') => {
                chars.next();
                let mut star = false;
                loop {
                    let Some((_, n)) = chars.next() else {
                        bail!("line {}: unterminated comment", line_of(at));
                    };
                    if star && n == '/' {
                        break;
                    }
                    star = n == '*';
                }
            }
            '"' | '\'' => {
                let mut s = String::new();
                loop {
                    let Some((_, n)) = chars.next() else {
                        bail!("line {}: unterminated literal", line_of(at));
                    };
                    match n {
                        _ if n == c => break,
                        '\n' => bail!("line {}: unterminated literal", line_of(at)),
                        '\\' => s.push(escape(&mut chars).with_context(|| {
                            format!("line {}: bad escape in a literal", line_of(at))
                        })?),
                        _ => s.push(n),
                    }
                }
                if c == '"' {
                    out.push(Token::Str(s));
                }
            }
            _ if c.is_ascii_digit() => {
                let mut n = c.to_digit(10).unwrap_or(0) as usize;
                while let Some(&(_, d)) = chars.peek().filter(|(_, d)| d.is_ascii_digit()) {
                    n = n * 10 + d.to_digit(10).unwrap_or(0) as usize;
                    chars.next();
                }
                out.push(Token::Number(n));
            }
            _ if c.is_alphabetic() || c == '_' => {
                let mut w = String::from(c);
                while let Some(&(_, n)) = chars
                    .peek()
                    .filter(|(_, n)| n.is_alphanumeric() || *n == '_')
                {
                    w.push(n);
                    chars.next();
                }
                out.push(Token::Word(w));
            }
            _ if c.is_whitespace() => {}
            _ => out.push(Token::Punct(c)),
        }
    }
    Ok(out)
}

/// The character a Java escape (after its backslash) stands for.
fn escape(chars: &mut impl Iterator<Item = (usize, char)>) -> Option<char> {
    Some(match chars.next()?.1 {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        'b' => '\u{8}',
        'f' => '\u{c}',
        's' => ' ',
        'u' => {
            let hex: String = chars.take(4).map(|(_, c)| c).collect();
            char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?
        }
        c @ ('\\' | '"' | '\'') => c,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_split_and_count_cases_outside_comments() {
        let java = r#"
            testSplit("Un. ", "Deux\u00a0!");
            // testSplit("commented out");
            /* testSplit("also out"); */
            assertThat(stokenizer.tokenize("A. B").size(), is(2));
            private void testSplit(final String... sentences) {}
        "#;
        assert_eq!(
            parse_cases(java).unwrap(),
            [
                Case::Split(vec!["Un. ".into(), "Deux\u{a0}!".into()]),
                Case::Count("A. B".into(), 2),
            ]
        );
    }
}
