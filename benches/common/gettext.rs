//! The Debian gettext corpus: real FR–EN translation units from the French
//! gettext catalogues (`.mo`) that Debian packages ship: the ones on this
//! machine plus those of the packages in [`PACKAGES`], fetched with
//! `apt-get download` into `target/bench-corpus/` on the first run (never
//! into the project). Each unit is a French `msgstr` (fr-FR, the source)
//! and its English `msgid` (en-GB); a repeated (msgid, msgstr) counts once.
//!
//! Shared by the benchmarks and by `cargo xtask fuzzy-eval` (which includes
//! this file), so both measure on the same units.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use tmkit::tm::{Unit, Variant};

/// Debian packages with large French catalogues.
const PACKAGES: &[&str] = &[
    "libreoffice-l10n-fr",
    "gcc-12-locales",
    "inkscape",
    "gimp-data",
    "libgtk-3-common",
    "evolution-data-server-common",
    "evolution-common",
    "gnome-shell-common",
    "gnome-control-center-data",
    "nautilus-data",
    "gedit-common",
    "rhythmbox-data",
    "shotwell-common",
    "vlc-l10n",
    "gnucash-common",
    "gnumeric-common",
    "freeciv-data",
    "git",
    "gramps",
    "pidgin-data",
    "filezilla-common",
    "texmaker-data",
    "poedit-common",
    "lyx-common",
    "libgweather-4-common",
    "orca",
    "evince-common",
    "totem-common",
    "gnome-software-common",
    "brasero-common",
    "glade",
    "planner-data",
    "xfce4-panel",
    "gnome-maps",
    "geany-common",
    "claws-mail-i18n",
    "digikam-data",
    "krita-data",
    "util-linux-locales",
    "binutils-common",
    "libc-l10n",
    "gnupg-l10n",
    "libgtk-4-common",
    "libgtk2.0-common",
    "network-manager",
    "cups-common",
    "gparted",
    "gnome-disk-utility",
    "gnome-calendar",
    "gnome-text-editor",
    "gnome-clocks",
    "gnome-weather",
    "gnome-characters",
];

/// Fetches and unpacks the packages, each once: a marker under
/// `unpacked/` records every `.deb` already extracted.
fn fetch(corpus: &Path) {
    let debs = corpus.join("debs");
    let root = corpus.join("root");
    let unpacked = corpus.join("unpacked");
    std::fs::create_dir_all(&debs).expect("corpus dir");
    std::fs::create_dir_all(&unpacked).expect("corpus dir");
    let listed = |dir: &Path| -> Vec<String> {
        std::fs::read_dir(dir)
            .expect("corpus dir")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect()
    };
    let have = listed(&debs);
    for package in PACKAGES {
        let prefix = format!("{package}_");
        if have.iter().any(|d| d.starts_with(&prefix)) {
            continue;
        }
        let status = Command::new("apt-get")
            .args(["download", "-qq", package])
            .current_dir(&debs)
            .status();
        if !status.is_ok_and(|s| s.success()) {
            eprintln!("bench: apt-get download {package} failed; going on without it");
        }
    }
    for deb in listed(&debs) {
        let marker = unpacked.join(&deb);
        if marker.exists() {
            continue;
        }
        let status = Command::new("dpkg-deb")
            .arg("-x")
            .arg(debs.join(&deb))
            .arg(&root)
            .status();
        if status.is_ok_and(|s| s.success()) {
            std::fs::write(&marker, b"").expect("marker");
        } else {
            eprintln!("bench: dpkg-deb -x {deb} failed; going on without it");
        }
    }
}

/// The French `.mo` catalogues of the corpus and of this machine, sorted.
pub fn catalogues(corpus: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![corpus.join("root"), PathBuf::from("/usr/share/locale/fr")];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "mo")
                && path.components().any(|c| c.as_os_str() == "fr")
            {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The corpus's units, in catalogue order (fetched first if need be).
pub fn units(corpus: &Path) -> Vec<Unit> {
    fetch(corpus);
    let mut units = Vec::new();
    let mut seen = HashSet::new();
    for (c, path) in catalogues(corpus).iter().enumerate() {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        for (i, (msgid, msgstr)) in mo_entries(&bytes).into_iter().enumerate() {
            if msgid.is_empty()
                || msgstr.is_empty()
                || !seen.insert((msgid.clone(), msgstr.clone()))
            {
                continue;
            }
            let mut unit = Unit::new(&format!("{c}:{i}"));
            unit.variants.push(Variant::plain("fr-FR", &msgstr));
            unit.variants.push(Variant::plain("en-GB", &msgid));
            units.push(unit);
        }
    }
    units
}

/// (msgid, msgstr) pairs of a GNU `.mo` file: first plural form, context
/// dropped, control characters (not XML) removed.
fn mo_entries(bytes: &[u8]) -> Vec<(String, String)> {
    let word = |at: usize, big: bool| -> Option<usize> {
        let b: [u8; 4] = bytes.get(at..at + 4)?.try_into().ok()?;
        Some(if big {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        } as usize)
    };
    let big = match bytes.get(..4) {
        Some([0x95, 0x04, 0x12, 0xde]) => true,
        Some([0xde, 0x12, 0x04, 0x95]) => false,
        _ => return Vec::new(),
    };
    let (Some(n), Some(orig), Some(trans)) = (word(8, big), word(12, big), word(16, big)) else {
        return Vec::new();
    };
    let string = |table: usize, i: usize| -> Option<String> {
        let len = word(table + 8 * i, big)?;
        let off = word(table + 8 * i + 4, big)?;
        let raw = bytes.get(off..off + len)?;
        let raw = raw.split(|&b| b == 0).next().unwrap_or(raw);
        let raw = match raw.iter().position(|&b| b == 4) {
            Some(p) => &raw[p + 1..],
            None => raw,
        };
        let text = std::str::from_utf8(raw).ok()?;
        Some(
            text.chars()
                .filter(|&c| !c.is_control() || matches!(c, '\t' | '\n'))
                .collect(),
        )
    };
    (0..n)
        .filter_map(|i| Some((string(orig, i)?, string(trans, i)?)))
        .collect()
}
