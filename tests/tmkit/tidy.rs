//! The layer order of ARCHITECTURE.md, enforced: a module of `src/` may use
//! only modules of lower layers (and itself). The table is read from
//! ARCHITECTURE.md's "Layers" section, so the document and the test cannot
//! drift apart; a new top-level module must be given a layer there. And no
//! two public types of the library share a name.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The layers table: module name → layer number.
fn layers(architecture: &str) -> Result<BTreeMap<String, u32>, String> {
    let section = format!("\n{architecture}");
    let section = section
        .split("\n## ")
        .find(|s| s.starts_with("Layers"))
        .ok_or("ARCHITECTURE.md has no \"## Layers\" section")?;
    let mut layers = BTreeMap::new();
    for line in section.lines().filter(|l| l.starts_with('|')) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let Some(Ok(layer)) = cells.get(1).map(|c| c.parse::<u32>()) else {
            continue; // the header and its rule
        };
        let modules = cells.get(2).ok_or("a layer row without modules")?;
        for module in modules.split(',') {
            let module = module.trim().trim_matches('`');
            if layers.insert(module.to_string(), layer).is_some() {
                return Err(format!("`{module}` is in two layers"));
            }
        }
    }
    if layers.is_empty() {
        return Err("the \"## Layers\" section has no table".into());
    }
    Ok(layers)
}

/// The top-level modules a source text uses through `crate::` paths, with the
/// line of each use. Comments are left out (doc links are not dependencies);
/// `use crate::{a, b::c}` groups count each of their first names.
fn uses(source: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let code: Vec<&str> = source
        .lines()
        .map(|line| line.find("//").map_or(line, |at| &line[..at]))
        .collect();
    let text = code.join("\n");
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (at, _) in text.match_indices("crate::") {
        // `$crate::` in macros and `tmkit_crate::` are not ours.
        if text[..at].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        let rest = &text[at + "crate::".len()..];
        let line = text[..at].matches('\n').count() + 1;
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut item_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if c.is_whitespace() => {}
                    _ if item_start && depth == 0 => {
                        item_start = false;
                        let name = ident(&group[i..]);
                        let line = line + group[..i].matches('\n').count();
                        if !name.is_empty() && name != "self" {
                            found.push((line, name));
                        }
                    }
                    _ => {}
                }
            }
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                found.push((line, name));
            }
        }
    }
    found
}

/// The top-level module a file of `src/` belongs to: `src/tm/tmx.rs` → `tm`;
/// `main.rs` is the binary, whose commands live in `cli`.
fn module_of(relative: &Path) -> Option<String> {
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    match name {
        "lib" => None,
        "main" => Some("cli".into()),
        _ => Some(name.into()),
    }
}

/// Every import against the table, as messages naming file and line.
fn violations(layers: &BTreeMap<String, u32>, files: &[(PathBuf, String)]) -> Vec<String> {
    let mut problems = Vec::new();
    for (path, source) in files {
        let Some(module) = module_of(path) else {
            continue;
        };
        let Some(&own) = layers.get(&module) else {
            problems.push(format!(
                "src/{}: module `{module}` has no layer: add it to the table under \"## Layers\" in ARCHITECTURE.md",
                path.display()
            ));
            continue;
        };
        for (line, used) in uses(source) {
            if used == module {
                continue;
            }
            match layers.get(&used) {
                Some(&layer) if layer < own => {}
                Some(&layer) => problems.push(format!(
                    "src/{}:{line}: `{module}` (layer {own}) uses `{used}` (layer {layer}): a module may use only lower layers; move the shared code down, or pass it in as an argument",
                    path.display()
                )),
                None => problems.push(format!(
                    "src/{}:{line}: `{module}` uses `crate::{used}`, which has no layer in ARCHITECTURE.md",
                    path.display()
                )),
            }
        }
    }
    problems
}

fn sources(root: &Path, dir: &Path, out: &mut Vec<(PathBuf, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            sources(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            out.push((path.strip_prefix(root).unwrap().to_path_buf(), text));
        }
    }
}

#[test]
fn modules_use_only_lower_layers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let architecture = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let layers = layers(&architecture).unwrap();
    let mut files = Vec::new();
    sources(&root.join("src"), &root.join("src"), &mut files);
    let problems = violations(&layers, &files);
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

#[test]
fn an_upward_import_is_reported_with_its_line() {
    let layers = layers(
        "# A\n\n## Layers\n\n| layer | modules |\n|---|---|\n| 0 | `text` |\n| 1 | `tm`, `segment` |\n| 2 | `glossary` |\n",
    )
    .unwrap();
    let files = vec![
        (
            PathBuf::from("tm/tmx.rs"),
            "//! see [`crate::glossary`]\nuse crate::{\n    text::fold,\n    glossary::Entry,\n};\nuse crate::tm::Unit;\n".to_string(),
        ),
        (PathBuf::from("text.rs"), "fn f() { crate::segment::x() }\n".to_string()),
        (PathBuf::from("glossary/mod.rs"), "use crate::tm;\n".to_string()),
        (PathBuf::from("kits.rs"), String::new()),
    ];
    assert_eq!(
        violations(&layers, &files),
        [
            "src/tm/tmx.rs:4: `tm` (layer 1) uses `glossary` (layer 2): a module may use only lower layers; move the shared code down, or pass it in as an argument",
            "src/text.rs:1: `text` (layer 0) uses `segment` (layer 1): a module may use only lower layers; move the shared code down, or pass it in as an argument",
            "src/kits.rs: module `kits` has no layer: add it to the table under \"## Layers\" in ARCHITECTURE.md",
        ]
    );
}

#[test]
fn a_module_in_one_layer_uses_none_of_its_own_layer() {
    let layers = layers("## Layers\n| layer | modules |\n| 1 | `tm`, `segment` |\n").unwrap();
    let files = vec![(
        PathBuf::from("tm/mod.rs"),
        "use crate::segment::Segmenter;\n".to_string(),
    )];
    assert_eq!(violations(&layers, &files).len(), 1);
}

/// Public type names declared more than once in the library (`src/` without
/// the binary's `main.rs` and `cli/`), each with the files that declare it.
/// Test modules are not read.
fn shared_public_names(files: &[(PathBuf, String)]) -> Vec<String> {
    let mut declared: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (path, text) in files {
        if path.starts_with("cli") || path == Path::new("main.rs") {
            continue;
        }
        for line in text.lines() {
            if line.starts_with("#[cfg(test)]") {
                break;
            }
            let Some(rest) = ["pub struct ", "pub enum ", "pub trait ", "pub type "]
                .iter()
                .find_map(|p| line.strip_prefix(p))
            else {
                continue;
            };
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let file = format!("src/{}", path.display());
            declared.entry(name).or_default().push(file);
        }
    }
    declared
        .into_iter()
        .filter(|(_, files)| files.len() > 1)
        .map(|(name, files)| {
            format!(
                "{name} is public in {}: name each for what it is, or make one pub(crate)",
                files.join(" and ")
            )
        })
        .collect()
}

#[test]
fn no_two_public_types_share_a_name() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &root.join("src"), &mut files);
    let shared = shared_public_names(&files);
    assert!(shared.is_empty(), "\n{}\n", shared.join("\n"));
}

#[test]
fn a_public_name_declared_twice_is_reported_with_both_files() {
    let files = vec![
        (
            PathBuf::from("terms/mod.rs"),
            "pub struct Options {}\npub(crate) struct Helper;\n".to_string(),
        ),
        (
            PathBuf::from("analysis/mod.rs"),
            "pub struct Options<'a> {}\npub(crate) struct Helper;\n#[cfg(test)]\nmod tests {\npub struct Fixture;\n}\n".to_string(),
        ),
        (PathBuf::from("kit.rs"), "pub struct Fixture;\n".to_string()),
        (PathBuf::from("cli/terms.rs"), "pub struct Options;\n".to_string()),
    ];
    assert_eq!(
        shared_public_names(&files),
        [
            "Options is public in src/terms/mod.rs and src/analysis/mod.rs: name each for what it is, or make one pub(crate)"
        ]
    );
}
