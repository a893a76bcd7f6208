//! `cargo xtask transread SRC OUT`: turns the TransRead gold sentence
//! alignments of novels (GitHub `fyvo/TransReadAlignments`, `dat/novels/`,
//! CC BY-SA 4.0, Xu & Yvon 2016) into the layout `cargo xtask align-eval`
//! reads: `OUT/<Book>.fr`, `OUT/<Book>.en` (one sentence per line) and
//! `OUT/<Book>.gold` (one bead per line, `[fr]:[en]`, 0-based, French first).
//!
//! SRC is a checkout's `dat/novels`; each `<Book>_EN-FR` directory in it
//! holds `<Book>_sent_align_en-fr.xml` (cesAlign: one `<link
//! xtargets="EN_IDS;FR_IDS"/>` per gold bead, in text order, English first,
//! ids `p.s`, an empty side for a 1-0 or 0-1 bead) and
//! `cut_<Book>_{en,fr}.aligned` (tokenised text, one line per link, not per
//! sentence: the sentences of a multi-sentence side are joined by a space, an
//! empty side is an empty line). Other files are ignored, among them the
//! word-level `cut_*.xml` that hold the true sentence boundaries: the
//! README's literary figures were measured on what the `.aligned` files give.
//!
//! So a side with k ids is split back into exactly k sentences by a
//! punctuation heuristic: a cut after sentence-final punctuation (and any
//! closing quotes) scores 3 before a capital, a digit or an opening quote,
//! 2 before anything else; a cut after `;` or `:` scores 1. The k-1 cuts
//! come from the strongest level that has enough, as the combination whose
//! longest piece is shortest; with too few candidates, the rest are spread
//! evenly. The bead structure (sentence counts, bead types) is exactly the
//! gold one; only the text of a split side may be cut elsewhere than in the
//! original, which shifts some length and anchor evidence an aligner sees,
//! not what counts as correct. On the eight novels of the README's figures
//! the output is, byte for byte, the data they were measured on.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// Tokens that end a sentence.
const END: &[&str] = &[".", "!", "?", "...", "…", "!...", "?..."];
/// Tokens that close a quotation or a parenthesis (`\_` is an escaped `_`).
const CLOSE: &[&str] = &["\"", "'", "»", "”", "’", ")", "_", "\\_"];
/// The most cut candidates a combination is chosen from (C(14, 7) = 3432).
const POOL_CAP: usize = 14;

/// Converts every `<Book>_EN-FR` directory of `src` into `out`; nothing is
/// written unless every book converts.
pub fn run(src: &Path, out: &Path) -> anyhow::Result<()> {
    let mut books = Vec::new();
    for (name, dir) in book_dirs(src)? {
        books.push(convert_book(&name, &dir)?);
    }
    std::fs::create_dir_all(out).with_context(|| format!("{}: cannot create", out.display()))?;
    let mut total = Types::default();
    for book in &books {
        for (ext, text) in [("fr", &book.fr), ("en", &book.en), ("gold", &book.gold)] {
            let path = out.join(format!("{}.{ext}", book.name));
            tmkit::output::write_atomic(&path, |w| w.write_all(text.as_bytes()))?;
        }
        println!(
            "{}: fr={} en={} beads={} multi-sentence sides split={} (unambiguous {})  types(fr-en)={}",
            book.name,
            book.fr_sentences,
            book.en_sentences,
            book.types.total(),
            book.split_sides,
            book.split_exact,
            book.types.render()
        );
        total.merge(&book.types);
    }
    println!(
        "ALL types(fr-en): {} total beads {}",
        total.render(),
        total.total()
    );
    Ok(())
}

/// The `<Book>_EN-FR` directories of `src`, sorted by name, as (book, path).
fn book_dirs(src: &Path) -> anyhow::Result<Vec<(String, PathBuf)>> {
    let mut books = Vec::new();
    for entry in
        std::fs::read_dir(src).with_context(|| format!("{}: cannot list", src.display()))?
    {
        let entry = entry.with_context(|| format!("{}: cannot list", src.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(book) = name.strip_suffix("_EN-FR")
            && !book.is_empty()
            && entry.path().is_dir()
        {
            books.push((book.to_string(), entry.path()));
        }
    }
    books.sort();
    if books.is_empty() {
        bail!(
            "{}: no <Book>_EN-FR directories (SRC is a TransReadAlignments checkout's dat/novels)",
            src.display()
        );
    }
    Ok(books)
}

/// One book, converted.
#[derive(Debug)]
struct Book {
    name: String,
    fr: String,
    en: String,
    gold: String,
    fr_sentences: usize,
    en_sentences: usize,
    /// Multi-sentence sides, which were split by the heuristic.
    split_sides: usize,
    /// Those of them where the strongest level had exactly the cuts needed.
    split_exact: usize,
    types: Types,
}

/// One `<link>`: its `id` attribute (for messages) and its `xtargets`.
struct Link {
    id: Option<String>,
    xtargets: String,
}

fn convert_book(name: &str, dir: &Path) -> anyhow::Result<Book> {
    let xml = dir.join(format!("{name}_sent_align_en-fr.xml"));
    let en_path = dir.join(format!("cut_{name}_en.aligned"));
    let fr_path = dir.join(format!("cut_{name}_fr.aligned"));
    let links = read_links(&xml)?;
    let en_text = read_text(&en_path)?;
    let fr_text = read_text(&fr_path)?;
    let en_lines = lines(&en_text);
    let fr_lines = lines(&fr_text);
    if links.is_empty() {
        bail!("{}: no <link> elements", xml.display());
    }
    if en_lines.len() != links.len() || fr_lines.len() != links.len() {
        bail!(
            "{name}: {} has {} links but {} has {} lines and {} has {} (one line per link expected)",
            xml.display(),
            links.len(),
            en_path.display(),
            en_lines.len(),
            fr_path.display(),
            fr_lines.len()
        );
    }

    let mut book = Book {
        name: name.to_string(),
        fr: String::new(),
        en: String::new(),
        gold: String::new(),
        fr_sentences: 0,
        en_sentences: 0,
        split_sides: 0,
        split_exact: 0,
        types: Types::default(),
    };
    let mut last_en = vec![0];
    let mut last_fr = vec![0];
    for (k, link) in links.iter().enumerate() {
        let number = k + 1;
        let what = match &link.id {
            Some(id) => format!("{}: link {number} (id \"{id}\")", xml.display()),
            None => format!("{}: link {number}", xml.display()),
        };
        let Some((en_ids, fr_ids)) = link.xtargets.split_once(';') else {
            bail!("{what}: xtargets \"{}\" has no ';'", link.xtargets);
        };
        if fr_ids.contains(';') {
            bail!(
                "{what}: xtargets \"{}\" has more than one ';'",
                link.xtargets
            );
        }
        let en_ids = ids(en_ids, &mut last_en).with_context(|| format!("{what}, English side"))?;
        let fr_ids = ids(fr_ids, &mut last_fr).with_context(|| format!("{what}, French side"))?;

        let mut bead = [Vec::new(), Vec::new()];
        let sides = [
            (
                fr_ids,
                fr_lines[k],
                &fr_path,
                &mut book.fr,
                &mut book.fr_sentences,
            ),
            (
                en_ids,
                en_lines[k],
                &en_path,
                &mut book.en,
                &mut book.en_sentences,
            ),
        ];
        for (slot, (count, line, path, text, sentences)) in sides.into_iter().enumerate() {
            let line = line.trim();
            let at = || format!("{}:{number}", path.display());
            if count == 0 {
                if !line.is_empty() {
                    bail!(
                        "{}: {what} has no sentence on this side but the line is not empty",
                        at()
                    );
                }
                continue;
            }
            if line.is_empty() {
                bail!(
                    "{}: {what} has {count} sentence(s) on this side but the line is empty",
                    at()
                );
            }
            let (pieces, exact) = split_k(line, count).with_context(at)?;
            if count > 1 {
                book.split_sides += 1;
                book.split_exact += usize::from(exact);
            }
            for piece in pieces {
                bead[slot].push(*sentences);
                *sentences += 1;
                text.push_str(piece);
                text.push('\n');
            }
        }
        book.types
            .add(&format!("{}-{}", bead[0].len(), bead[1].len()), 1);
        book.gold
            .push_str(&format!("[{}]:[{}]\n", join(&bead[0]), join(&bead[1])));
    }
    Ok(book)
}

fn join(indices: &[usize]) -> String {
    indices
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// Counts the `p.s` ids of one side, checking that each comes strictly after
/// `last` (the previous id on this side), which it then updates.
fn ids(side: &str, last: &mut Vec<u64>) -> anyhow::Result<usize> {
    let mut count = 0;
    for id in side.split_whitespace() {
        let key = id
            .split('.')
            .map(str::parse::<u64>)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| anyhow::anyhow!("id \"{id}\" is not of the form p.s"))?;
        if key <= *last {
            bail!(
                "id {id} does not come after {} (ids must increase)",
                last.iter()
                    .map(u64::to_string)
                    .collect::<Vec<_>>()
                    .join(".")
            );
        }
        *last = key;
        count += 1;
    }
    Ok(count)
}

/// The links of a cesAlign file, in document order. The DOCTYPE is skipped
/// (quick-xml does not expand external entities).
fn read_links(path: &Path) -> anyhow::Result<Vec<Link>> {
    let text = read_text(path)?;
    let at = |offset: u64| {
        let offset = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(text.len());
        let line = text.as_bytes()[..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        format!("{}:{line}", path.display())
    };
    let malformed =
        |e: anyhow::Error, offset: u64| e.context(format!("{}: malformed XML", at(offset)));
    let mut reader = Reader::from_str(&text);
    let config = reader.config_mut();
    config.trim_text(false);
    config.expand_empty_elements = false;
    config.check_end_names = true;
    let mut links = Vec::new();
    let mut depth = 0usize;
    let mut root_seen = false;
    loop {
        let start = reader.buffer_position();
        let (element, opens) = match reader.read_event() {
            Err(e) => {
                let offset = reader.error_position().max(start);
                bail!("{}: malformed XML: {e}", at(offset));
            }
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) => (e, true),
            Ok(Event::Empty(e)) => (e, false),
            Ok(Event::End(_)) => {
                depth = depth.saturating_sub(1);
                continue;
            }
            Ok(_) => continue,
        };
        if depth == 0 {
            if root_seen {
                bail!("{}: a second root element", at(start));
            }
            if element.local_name().as_ref() != b"cesAlign" {
                bail!("{}: the root element is not <cesAlign>", at(start));
            }
            root_seen = true;
        }
        match element.local_name().as_ref() {
            b"cesAlign" | b"linkGrp" => {
                // The ids are read English first; a reversed file would
                // silently swap the languages.
                if let Some(from) =
                    attribute(&element, "fromDoc").map_err(|e| malformed(e, start))?
                    && from.ends_with("_fr.xml")
                {
                    bail!(
                        "{}: fromDoc=\"{from}\": expected the English document first",
                        at(start)
                    );
                }
            }
            b"link" => {
                let id = attribute(&element, "id").map_err(|e| malformed(e, start))?;
                let Some(xtargets) =
                    attribute(&element, "xtargets").map_err(|e| malformed(e, start))?
                else {
                    bail!("{}: <link> without xtargets", at(start));
                };
                links.push(Link { id, xtargets });
            }
            _ => {}
        }
        if opens {
            depth += 1;
        }
    }
    if !root_seen {
        bail!("{}: no <cesAlign> element", path.display());
    }
    if depth != 0 {
        bail!(
            "{}: the file ends before its elements are closed (truncated?)",
            at(text.len() as u64)
        );
    }
    Ok(links)
}

/// The value of attribute `name`; every attribute is parsed, so that a
/// malformed tag is an error even after the one asked for.
fn attribute(element: &BytesStart, name: &str) -> anyhow::Result<Option<String>> {
    let mut value = None;
    for attribute in element.attributes() {
        let attribute = attribute?;
        if value.is_none() && attribute.key.local_name().as_ref() == name.as_bytes() {
            value = Some(attribute.unescape_value()?.into_owned());
        }
    }
    Ok(value)
}

/// A text file, with a byte-order mark dropped and every line end read as
/// `\n` (`\r\n` and `\r` too).
fn read_text(path: &Path) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    })
}

/// The lines of `text`: split on `\n`, without the empty string after a
/// final `\n` (an empty line before it is an empty side, and kept).
fn lines(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.split('\n').collect();
    if lines.last() == Some(&"") {
        lines.pop();
    }
    lines
}

/// Cut candidates of a tokenised line, as (strength, i): a cut before
/// `toks[i]`. 3: after sentence-final punctuation (and any closing quotes)
/// before a capital, a digit or an opening quote; 2: the same before
/// anything else; 1: after `;` or `:`. Never before a closing quote other
/// than a straight one, which may as well open the next sentence.
fn candidates(toks: &[&str]) -> Vec<(u8, usize)> {
    let mut out = Vec::new();
    for i in 1..toks.len() {
        let (prev, next) = (toks[i - 1], toks[i]);
        let mut j = i - 1;
        while j > 0 && CLOSE.contains(&toks[j]) {
            j -= 1;
        }
        let strength = if END.contains(&toks[j]) || toks[j].ends_with("..") {
            let first = next.chars().next();
            if CLOSE.contains(&next) && next != "\"" && next != "'" {
                0
            } else if first.is_some_and(|c| c.is_uppercase() || c.is_numeric())
                || next == "\""
                || next == "«"
            {
                3
            } else {
                2
            }
        } else if prev == ";" || prev == ":" {
            1
        } else {
            0
        };
        if strength > 0 {
            out.push((strength, i));
        }
    }
    out
}

/// Splits a space-tokenised line into `k` pieces (see the module doc).
/// Returns the pieces and whether the cut was unambiguous: the strongest
/// level with enough candidates had exactly `k - 1`.
fn split_k(line: &str, k: usize) -> anyhow::Result<(Vec<&str>, bool)> {
    if k <= 1 {
        return Ok((vec![line], true));
    }
    let toks: Vec<&str> = line.split(' ').collect();
    let n = toks.len();
    if n < k {
        bail!("{n} token(s) cannot hold the {k} sentences of this side");
    }
    let need = k - 1;
    let cands = candidates(&toks);
    let mut chosen = None;
    let mut exact = false;
    for level in [3, 2, 1] {
        let mut pool: Vec<usize> = cands
            .iter()
            .filter(|&&(s, _)| s >= level)
            .map(|&(_, i)| i)
            .collect();
        if pool.len() >= need {
            exact = pool.len() == need && level >= 2;
            // Caps the combinations, but never below the cuts needed.
            pool.truncate(POOL_CAP.max(need));
            chosen = Some(shortest_longest(&toks, &pool, need));
            break;
        }
    }
    let chosen = match chosen {
        Some(chosen) => chosen,
        None => even_cuts(&cands, need, n),
    };
    // Byte offsets of the token starts, to slice `line` itself.
    let mut starts = Vec::with_capacity(n + 1);
    let mut offset = 0;
    for tok in &toks {
        starts.push(offset);
        offset += tok.len() + 1;
    }
    starts.push(line.len() + 1);
    let mut pieces = Vec::with_capacity(k);
    let mut from = 0;
    for &cut in chosen.iter().chain(std::iter::once(&n)) {
        pieces.push(&line[starts[from]..starts[cut] - 1]);
        from = cut;
    }
    Ok((pieces, exact))
}

/// Of the `need`-subsets of `pool`, taken in lexicographic order, the first
/// whose longest piece, in characters, is shortest.
fn shortest_longest(toks: &[&str], pool: &[usize], need: usize) -> Vec<usize> {
    let n = toks.len();
    // prefix[i]: characters in toks[..i], separators not counted.
    let mut prefix = vec![0usize; n + 1];
    for (i, tok) in toks.iter().enumerate() {
        prefix[i + 1] = prefix[i] + tok.chars().count();
    }
    let piece = |a: usize, b: usize| prefix[b] - prefix[a] + (b - a - 1);
    let m = pool.len();
    let mut idx: Vec<usize> = (0..need).collect();
    let mut best: Option<(usize, Vec<usize>)> = None;
    loop {
        let mut from = 0;
        let mut score = 0;
        for &i in &idx {
            score = score.max(piece(from, pool[i]));
            from = pool[i];
        }
        score = score.max(piece(from, n));
        if best.as_ref().is_none_or(|(s, _)| score < *s) {
            best = Some((score, idx.iter().map(|&i| pool[i]).collect()));
        }
        // Next combination: the rightmost index that can move, then reset
        // the ones after it.
        let Some(i) = (0..need).rev().find(|&i| idx[i] != i + m - need) else {
            break;
        };
        idx[i] += 1;
        for j in i + 1..need {
            idx[j] = idx[j - 1] + 1;
        }
    }
    best.map(|(_, cuts)| cuts).unwrap_or_default()
}

/// Too few candidates: all of them, plus `need - candidates` cuts spread
/// evenly over the tokens (rounded half to even), then the first
/// free positions if some coincided. Needs `n > need`.
fn even_cuts(cands: &[(u8, usize)], need: usize, n: usize) -> Vec<usize> {
    let mut chosen: Vec<usize> = cands.iter().map(|&(_, i)| i).collect();
    let extra = need - chosen.len();
    for j in 0..extra {
        let even = (n * (j + 1)) as f64 / (extra + 1) as f64;
        // Exact: even is in 0..=n, a small non-negative integer once rounded.
        let even = even.round_ties_even() as usize;
        chosen.push(even.min(n - 1).max(1));
    }
    chosen.sort_unstable();
    chosen.dedup();
    while chosen.len() < need {
        if let Some(c) = (1..n).find(|c| !chosen.contains(c)) {
            chosen.push(c);
            chosen.sort_unstable();
        } else {
            break;
        }
    }
    chosen.truncate(need);
    chosen
}

/// Bead types ("fr-en") with their counts, in order of first appearance,
/// shown most frequent first.
#[derive(Debug, Default)]
struct Types(Vec<(String, usize)>);

impl Types {
    fn add(&mut self, key: &str, n: usize) {
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some((_, count)) => *count += n,
            None => self.0.push((key.to_string(), n)),
        }
    }

    fn merge(&mut self, other: &Types) {
        for (key, n) in &other.0 {
            self.add(key, *n);
        }
    }

    fn total(&self) -> usize {
        self.0.iter().map(|(_, n)| n).sum()
    }

    /// Most frequent first, ties in order of first appearance.
    fn render(&self) -> String {
        let mut sorted: Vec<&(String, usize)> = self.0.iter().collect();
        sorted.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        let items: Vec<String> = sorted.iter().map(|(k, n)| format!("'{k}': {n}")).collect();
        format!("{{{}}}", items.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_joined_side_is_split_into_k_sentences_at_the_strongest_cuts() {
        // Three candidates: after "ici ." before a capital (3), after
        // "vrai ?" before a lower-case word (2), after ";" (1). Two
        // sentences: the one strong cut.
        let (pieces, exact) = split_k("Il est ici . Vraiment ; oui , vrai ? non", 2).unwrap();
        assert_eq!(pieces, ["Il est ici .", "Vraiment ; oui , vrai ? non"]);
        assert!(exact);
        // Three: level 3 has too few, level 2 has exactly two.
        let (pieces, exact) = split_k("Il est ici . Vraiment ; oui , vrai ? non", 3).unwrap();
        assert_eq!(pieces, ["Il est ici .", "Vraiment ; oui , vrai ?", "non"]);
        assert!(exact);
        // A closing quote stays with its sentence, and of several strong
        // cuts the ones that keep the longest piece shortest win.
        let (pieces, exact) = split_k("« Oui . » Il part . Puis il revient . Fin .", 2).unwrap();
        assert_eq!(pieces, ["« Oui . » Il part .", "Puis il revient . Fin ."]);
        assert!(!exact);
    }

    #[test]
    fn a_side_without_enough_punctuation_is_split_evenly() {
        // No candidate at all: cuts at round(6/3) = 2 and round(12/3) = 4.
        let (pieces, exact) = split_k("a b c d e f", 3).unwrap();
        assert_eq!(pieces, ["a b", "c d", "e f"]);
        assert!(!exact);
        // One candidate (after ";") kept, the other cut even: round(5/2) =
        // 2 (ties to even), which coincides, so the first free position.
        let (pieces, _) = split_k("a ; b c d", 3).unwrap();
        assert_eq!(pieces, ["a", ";", "b c d"]);
        // Fewer tokens than sentences is an error, not a hang.
        assert!(split_k("a b", 3).is_err());
    }

    /// A temporary directory (kept while its guard lives) with the paths
    /// of a source tree and an output directory in it.
    fn scratch() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let (src, out) = (tmp.path().join("src"), tmp.path().join("out"));
        (tmp, src, out)
    }

    fn write_book(src: &Path, links: &[&str], en: &str, fr: &str) {
        let dir = src.join("Test_EN-FR");
        std::fs::create_dir_all(&dir).unwrap();
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n\
             <!DOCTYPE cesAlign PUBLIC \"-//CES//DTD XML cesAlign//EN\" \"\">\n\
             <cesAlign fromDoc=\"Test_en.xml\" toDoc=\"Test_fr.xml\" version=\"1.0\">\n\
             <linkList>\n<linkGrp fromDoc=\"Test_en.xml\" targType=\"s\" toDoc=\"Test_fr.xml\">\n",
        );
        for (i, link) in links.iter().enumerate() {
            xml.push_str(&format!("<link id=\"SL{i}\" xtargets=\"{link}\" />\n"));
        }
        xml.push_str("</linkGrp>\n</linkList>\n</cesAlign>\n");
        std::fs::write(dir.join("Test_sent_align_en-fr.xml"), xml).unwrap();
        std::fs::write(dir.join("cut_Test_en.aligned"), en).unwrap();
        std::fs::write(dir.join("cut_Test_fr.aligned"), fr).unwrap();
    }

    #[test]
    fn a_two_link_book_converts_to_sentences_and_french_first_beads() {
        let (_tmp, src, out) = scratch();
        write_book(
            &src,
            &["1.1 1.2; 1.1", "1.3;1.2 1.3"],
            "It rained . The road was wet .\nShe left .\n",
            "Il pleuvait et la route était mouillée .\nElle partit . « Adieu ! »\n",
        );
        run(&src, &out).unwrap();
        let read = |ext: &str| std::fs::read_to_string(out.join(format!("Test.{ext}"))).unwrap();
        assert_eq!(
            read("fr"),
            "Il pleuvait et la route était mouillée .\nElle partit .\n« Adieu ! »\n"
        );
        assert_eq!(read("en"), "It rained .\nThe road was wet .\nShe left .\n");
        assert_eq!(read("gold"), "[0]:[0,1]\n[1,2]:[2]\n");
    }

    #[test]
    fn a_line_count_that_differs_from_the_link_count_is_an_error() {
        let (_tmp, src, out) = scratch();
        write_book(&src, &["1.1;1.1", "1.2;"], "One .\nTwo .\n", "Un .\n");
        let message = format!("{:#}", run(&src, &out).unwrap_err());
        assert!(message.contains("has 2 links"), "{message}");
        assert!(message.contains("cut_Test_fr.aligned has 1"), "{message}");
        assert!(!out.exists(), "nothing is written for a failed book");
    }

    #[test]
    fn an_empty_side_must_be_an_empty_line_and_ids_must_increase() {
        let (_tmp, src, out) = scratch();
        write_book(
            &src,
            &["1.1;1.1", "1.2;"],
            "One .\nTwo .\n",
            "Un .\nDeux .\n",
        );
        let message = format!("{:#}", run(&src, &out).unwrap_err());
        assert!(message.contains("cut_Test_fr.aligned:2"), "{message}");
        write_book(
            &src,
            &["1.2;1.1", "1.1;1.2"],
            "One .\nTwo .\n",
            "Un .\nDeux .\n",
        );
        let message = format!("{:#}", run(&src, &out).unwrap_err());
        assert!(message.contains("link 2 (id \"SL1\")"), "{message}");
        assert!(message.contains("does not come after 1.2"), "{message}");
    }
}
