//! TMX: files in the styles of the tools that write them, read → write →
//! read; broken files and their exact errors; the `tmkit tmx` commands.
//!
//! - `tests/data/tmx/ok/NAME.tmx`: one memory per tool style (OmegaT,
//!   Trados Studio and memoQ in UTF-16, Okapi, translate-toolkit, TMX 1.1).
//! - `tests/data/tmx/err/NAME.tmx` + `NAME.expected`: broken files and the
//!   exact error, named from `tests/data`; refresh with
//!   `UPDATE_EXPECT=1 cargo test --test tmkit tmx`.
//! - `tests/data/tmx/merge/`: two memories with identical units of
//!   different dates and one conflicting translation (`client`, `ours`),
//!   and one of the other direction (`en-fr`).
//! - `tests/data/tmx/table/`: tables as Excel saves them.
//! - `tests/data/tmx/reported/`: what the reader reads but the model cannot
//!   keep, said on stderr with its place.
//! - `tests/data/tmx/lenient/`: what real tools write outside the DTD and
//!   the reader accepts (Okapi's tuv props after the seg).

use std::path::{Path, PathBuf};

use tmkit::tm::tmx::{self, TmxReader, TmxWriter};
use tmkit::tm::{Annotation, AnnotationKind, Element, Header, Inline, Unit, UnitWriter, Variant};

use super::{assert_fails, data, stderr, tmkit, tmkit_head};

const NBSP: char = '\u{A0}';
const NNBSP: char = '\u{202F}';

fn ok(name: &str) -> PathBuf {
    data(&format!("tmx/ok/{name}"))
}

fn fixtures(dir: &str) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(data(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "tmx"))
        .collect();
    paths.sort();
    paths
}

fn read(path: &Path) -> (Header, Vec<Unit>) {
    tmx::read_path(path).unwrap_or_else(|e| panic!("{e}"))
}

fn write(header: &Header, units: &[Unit]) -> Vec<u8> {
    let mut w = TmxWriter::new(Vec::new(), header).unwrap();
    for unit in units {
        w.write_unit(unit).unwrap();
    }
    w.finish().unwrap()
}

/// Header, version and units of TMX bytes.
fn read_bytes(bytes: &[u8], origin: &str) -> (Header, String, Vec<Unit>) {
    let mut reader = TmxReader::new(bytes, origin).unwrap_or_else(|e| panic!("{e}"));
    let units = reader
        .by_ref()
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("{e}"));
    (reader.header().clone(), reader.version().to_string(), units)
}

/// A fixture as it comes back after being read, written by tmkit and read
/// again: what the distinctive checks look at.
fn survivor(name: &str) -> (Header, Vec<Unit>) {
    let (header, units) = read(&ok(name));
    let written = write(&header, &units);
    let (header, version, units) = read_bytes(&written, name);
    assert_eq!(version, "1.4", "{name}: tmkit writes TMX 1.4");
    (header, units)
}

fn variant<'a>(unit: &'a Unit, lang: &str) -> &'a Variant {
    unit.variants
        .iter()
        .find(|v| v.lang() == lang)
        .unwrap_or_else(|| panic!("no {lang} variant in {unit:?}"))
}

fn props(annotations: &[Annotation]) -> Vec<(&str, &str)> {
    annotations
        .iter()
        .filter_map(|a| a.prop_type().map(|t| (t, a.text.as_str())))
        .collect()
}

fn notes(annotations: &[Annotation]) -> Vec<&str> {
    annotations
        .iter()
        .filter(|a| a.kind == AnnotationKind::Note)
        .map(|a| a.text.as_str())
        .collect()
}

fn element(inline: &Inline) -> &Element {
    match inline {
        Inline::Element(e) => e,
        Inline::Text(t) => panic!("expected an element, got text {t:?}"),
    }
}

fn attrs(pairs: &[(&str, &str)]) -> tmkit::tm::Attributes {
    pairs
        .iter()
        .map(|(n, v)| (n.to_string().into(), v.to_string()))
        .collect()
}

fn text(s: &str) -> Inline {
    Inline::Text(s.to_string())
}

// ---- Read → write → read loses nothing ----

#[test]
fn every_tool_style_is_fixtured() {
    let names: Vec<String> = fixtures("tmx/ok")
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "memoq.tmx",
            "okapi.tmx",
            "omegat.tmx",
            "tmx11.tmx",
            "trados.tmx",
            "ttk.tmx"
        ]
    );
}

#[test]
fn reading_what_tmkit_wrote_gives_every_fixture_back_whole() {
    let mut failures = Vec::new();
    for path in fixtures("tmx/ok") {
        let (header, units) = read(&path);
        assert!(
            (3..=6).contains(&units.len()),
            "{}: {} units",
            path.display(),
            units.len()
        );
        let written = write(&header, &units);
        let (again, _, units_again) = read_bytes(&written, "rewritten.tmx");
        if again != header {
            failures.push(format!(
                "{}: header\n  read:    {header:?}\n  re-read: {again:?}",
                path.display()
            ));
        }
        if units_again != units {
            for (i, (a, b)) in units.iter().zip(&units_again).enumerate() {
                if a != b {
                    failures.push(format!(
                        "{}: unit {}\n  read:    {a:?}\n  re-read: {b:?}",
                        path.display(),
                        i + 1
                    ));
                }
            }
            if units.len() != units_again.len() {
                failures.push(format!(
                    "{}: {} units read, {} re-read",
                    path.display(),
                    units.len(),
                    units_again.len()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn writing_a_reread_fixture_again_is_byte_identical() {
    for path in fixtures("tmx/ok") {
        let (header, units) = read(&path);
        let first = write(&header, &units);
        let (header, _, units) = read_bytes(&first, "first.tmx");
        let second = write(&header, &units);
        assert!(
            first == second,
            "{}: the second write differs\n--- first\n{}\n--- second\n{}",
            path.display(),
            String::from_utf8_lossy(&first),
            String::from_utf8_lossy(&second)
        );
    }
}

/// A fixture's text: UTF-8, or UTF-16 LE after its byte-order mark.
fn decoded(path: &Path) -> String {
    let raw = std::fs::read(path).unwrap();
    match raw.strip_prefix(b"\xFF\xFE") {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).unwrap()
        }
        None => String::from_utf8(raw).unwrap(),
    }
}

#[test]
fn french_spaces_are_written_as_raw_utf8_and_read_back_exactly() {
    for name in [
        "omegat.tmx",
        "trados.tmx",
        "memoq.tmx",
        "okapi.tmx",
        "ttk.tmx",
    ] {
        let (header, units) = read(&ok(name));
        let in_segments = |units: &[Unit], c: char| -> usize {
            units
                .iter()
                .flat_map(|u| &u.variants)
                .map(|v| v.text().matches(c).count())
                .sum()
        };
        let (nbsp, nnbsp) = (in_segments(&units, NBSP), in_segments(&units, NNBSP));
        assert!(nbsp > 0 && nnbsp > 0, "{name}: {nbsp} NBSP, {nnbsp} NNBSP");
        // Every one of the file's (in segments, notes and props) is written
        // as itself, not as a character reference.
        let original = decoded(&ok(name));
        let written = write(&header, &units);
        let out = String::from_utf8(written.clone()).unwrap();
        for c in [NBSP, NNBSP] {
            assert_eq!(
                out.matches(c).count(),
                original.matches(c).count(),
                "{name}: U+{:04X} written",
                c as u32
            );
        }
        assert!(!out.contains("&#"), "{name}: a character reference written");
        let (_, _, again) = read_bytes(&written, name);
        assert_eq!(
            (in_segments(&again, NBSP), in_segments(&again, NNBSP)),
            (nbsp, nnbsp)
        );
    }
}

#[test]
fn crlf_of_windows_exports_does_not_reach_the_text() {
    for name in ["trados.tmx", "memoq.tmx"] {
        let raw = std::fs::read(ok(name)).unwrap();
        assert!(
            raw.windows(4).any(|w| w == b"\r\0\n\0"),
            "{name}: CRLF file"
        );
        let (header, units) = read(&ok(name));
        let texts = header
            .annotations
            .iter()
            .map(|a| a.text.clone())
            .chain(units.iter().flat_map(|u| {
                u.annotations.iter().map(|a| a.text.clone()).chain(
                    u.variants
                        .iter()
                        .flat_map(|v| v.annotations.iter().map(|a| a.text.clone()))
                        .chain(u.variants.iter().map(Variant::text)),
                )
            }));
        for t in texts {
            assert!(!t.contains('\r'), "{name}: {t:?}");
        }
    }
}

// ---- OmegaT (project-level2.tmx) ----

#[test]
fn omegat_target_tuv_keeps_change_and_creation_attributes_in_order() {
    let (header, units) = survivor("omegat.tmx");
    assert_eq!(header.attribute("o-tmf"), Some("OmegaT TMX"));
    assert_eq!(header.srclang(), Some("FR-FR"));
    assert_eq!(
        variant(&units[0], "EN-GB").attributes,
        attrs(&[
            ("xml:lang", "EN-GB"),
            ("changeid", "claire"),
            ("changedate", "20240318T101502Z"),
            ("creationid", "claire"),
            ("creationdate", "20240315T163210Z"),
        ])
    );
    assert_eq!(variant(&units[0], "FR-FR").attributes.len(), 1);
}

#[test]
fn omegat_alternative_translation_keeps_file_and_id_props_then_note() {
    let (_, units) = survivor("omegat.tmx");
    let alt = &units[4];
    assert_eq!(alt.tuid(), Some("press.release.threshold"));
    assert_eq!(
        props(&alt.annotations),
        [
            ("file", "site/messages_fr.properties"),
            ("id", "press.release.threshold")
        ]
    );
    let kinds: Vec<AnnotationKind> = alt.annotations.iter().map(|a| a.kind).collect();
    assert_eq!(
        kinds,
        [
            AnnotationKind::Prop,
            AnnotationKind::Prop,
            AnnotationKind::Note
        ]
    );
    assert_eq!(
        notes(&alt.annotations),
        ["Le signe < est celui du texte source."]
    );
    assert_eq!(
        variant(alt, "EN-GB").text(),
        "Companies with a turnover < €10m are exempt."
    );
}

#[test]
fn omegat_short_tags_keep_their_escaped_native_code() {
    let (_, units) = survivor("omegat.tmx");
    let seg = &variant(&units[2], "FR-FR").seg;
    let bpt = element(&seg[1]);
    assert_eq!(bpt.name, "bpt");
    assert_eq!(bpt.attributes, attrs(&[("i", "0"), ("x", "0")]));
    assert_eq!(bpt.content, [text("<b0>")]);
    let ept = element(&seg[3]);
    assert_eq!(
        (ept.name.as_str(), &ept.content[..]),
        ("ept", &[text("</b0>")][..])
    );
    let ph = element(&seg[5]);
    assert_eq!(
        (ph.name.as_str(), &ph.content[..]),
        ("ph", &[text("<x1/>")][..])
    );
    assert_eq!(
        variant(&units[2], "FR-FR").text(),
        format!(
            "Le délai de recours est de deux mois à compter de la notification{NNBSP}; voir l’article R.{NBSP}421-1 du code de justice administrative."
        )
    );
}

// ---- SDL Trados Studio (UTF-16 LE) ----

#[test]
fn trados_utf16_header_keeps_its_props_empty_ones_included() {
    let (header, _) = survivor("trados.tmx");
    assert_eq!(header.attribute("o-tmf"), Some("SDL TM8 Format"));
    assert_eq!(header.attribute("creationid"), Some("CABINET\\mdupont"));
    assert_eq!(
        props(&header.annotations),
        [
            ("x-Recognizers", "RecognizeAll"),
            ("x-IncludesContextContent", "True"),
            ("x-TMName", "Juridique FR-EN"),
            ("x-TokenizerFlags", "DefaultFlags"),
            ("x-WordCountFlags", "DefaultFlags"),
            ("x-Client:SinglePicklist", ""),
            ("x-Dossier:SingleString", ""),
        ]
    );
}

#[test]
fn trados_usage_count_and_confirmation_level_survive() {
    let (_, units) = survivor("trados.tmx");
    let usage: Vec<Option<&str>> = units.iter().map(|u| u.attribute("usagecount")).collect();
    assert_eq!(
        usage,
        [Some("7"), Some("3"), Some("0"), Some("12"), Some("1")]
    );
    let levels: Vec<Option<&str>> = units
        .iter()
        .map(|u| u.prop("x-ConfirmationLevel"))
        .collect();
    assert_eq!(
        levels,
        [
            Some("Translated"),
            Some("ApprovedSignOff"),
            Some("Draft"),
            Some("Translated"),
            Some("Translated")
        ]
    );
    let names: Vec<&str> = units[0]
        .attributes
        .iter()
        .map(|(n, _)| n.as_ref())
        .collect();
    assert_eq!(
        names,
        [
            "creationdate",
            "creationid",
            "changedate",
            "changeid",
            "lastusagedate",
            "usagecount"
        ]
    );
    assert_eq!(units[2].prop("x-Origin"), Some("Alignment"));
}

#[test]
fn trados_empty_bpt_ept_and_ph_survive_with_their_attributes() {
    let (_, units) = survivor("trados.tmx");
    let seg = &variant(&units[1], "en-GB").seg;
    let bpt = element(&seg[1]);
    assert_eq!(bpt.name, "bpt");
    assert_eq!(
        bpt.attributes,
        attrs(&[("i", "1"), ("type", "1"), ("x", "1")])
    );
    assert!(bpt.content.is_empty());
    assert_eq!(seg[2], text("Official Journal"));
    let ept = element(&seg[3]);
    assert_eq!(
        (ept.name.as_str(), &ept.attributes),
        ("ept", &attrs(&[("i", "1")]))
    );
    let ph = element(&variant(&units[2], "fr-FR").seg[1]);
    assert_eq!(ph.name, "ph");
    assert_eq!(ph.attributes, attrs(&[("x", "2"), ("type", "3")]));
    assert_eq!(
        variant(&units[2], "fr-FR").text(),
        format!("Le montant de l’amende est fixé à 1{NBSP}500{NBSP}€.")
    );
}

// ---- memoQ (UTF-16 LE) ----

#[test]
fn memoq_segment_level_context_props_stay_on_the_source_tuv() {
    let (_, units) = survivor("memoq.tmx");
    let source = variant(&units[1], "fr-fr");
    assert_eq!(
        props(&source.annotations),
        [
            (
                "x-context-pre",
                "<seg>Le Premier ministre a annoncé mardi un plan de 2\u{A0}milliards d’euros pour l’hôpital public.</seg>"
            ),
            (
                "x-context-post",
                "<seg>Les syndicats jugent le montant insuffisant\u{202F}; une grève est prévue le 23\u{A0}mai.</seg>"
            ),
        ]
    );
    assert!(variant(&units[1], "en-gb").annotations.is_empty());
    assert_eq!(
        props(&variant(&units[0], "fr-fr").annotations)
            .iter()
            .map(|p| p.0)
            .collect::<Vec<_>>(),
        ["x-context-post"]
    );
}

#[test]
fn memoq_whitespace_only_props_keep_their_space() {
    let (header, units) = survivor("memoq.tmx");
    assert_eq!(
        props(&header.annotations)[3],
        ("defsubject", " "),
        "header defsubject"
    );
    for unit in &units {
        assert_eq!(unit.prop("subject"), Some(" "));
    }
    assert_eq!(units[1].prop("corrected"), Some("yes"));
    assert_eq!(
        units[0].prop("x-document"),
        Some("depeche_2024-05-14_hopital.docx")
    );
}

#[test]
fn memoq_lowercase_language_tags_are_kept_and_found_by_primary_subtag() {
    let (header, units) = survivor("memoq.tmx");
    assert_eq!(header.srclang(), Some("fr-fr"));
    assert_eq!(units[3].variant("en-GB").unwrap().lang(), "en-gb");
    assert_eq!(
        units[3].variant("en").unwrap().text(),
        "How many posts will be created?"
    );
}

// ---- Okapi (Rainbow) ----

#[test]
fn okapi_hi_nests_and_its_text_is_translatable_text() {
    let (_, units) = survivor("okapi.tmx");
    let fr = variant(&units[1], "fr-FR");
    let bold = element(&fr.seg[1]);
    assert_eq!(bold.name, "hi");
    assert_eq!(bold.attributes, attrs(&[("type", "bold")]));
    assert_eq!(bold.content[0], text("au plus tard le "));
    let italic = element(&bold.content[1]);
    assert_eq!(italic.attributes, attrs(&[("type", "italic")]));
    assert_eq!(italic.content, [text(&format!("31{NBSP}mars"))]);
    assert_eq!(
        fr.text(),
        format!("Les données doivent être supprimées au plus tard le 31{NBSP}mars{NNBSP}!")
    );
}

#[test]
fn okapi_sub_inside_ph_keeps_its_place_in_the_native_code() {
    let (_, units) = survivor("okapi.tmx");
    let en = variant(&units[2], "en-GB");
    let ph = element(&en.seg[0]);
    assert_eq!(ph.name, "ph");
    assert_eq!(ph.content.len(), 3);
    assert_eq!(ph.content[0], text("<img src=\"logo-cnil.png\" alt=\""));
    let sub = element(&ph.content[1]);
    assert_eq!(sub.name, "sub");
    assert_eq!(sub.content, [text("CNIL logo")]);
    assert_eq!(ph.content[2], text("\"/>"));
    // Native code and its sub-flow are not the segment's text.
    assert_eq!(en.text(), "Source: deliberation No. SAN-2024-003");
}

#[test]
fn okapi_txt_props_isolated_tag_and_escaped_quotes_survive() {
    let (header, units) = survivor("okapi.tmx");
    assert_eq!(header.attribute("adminlang"), Some("en"));
    assert!(header.annotations.is_empty());
    assert_eq!(
        props(&units[0].annotations),
        [
            ("Txt::FileName", "communique_cnil.html"),
            ("Txt::GroupName", "p1")
        ]
    );
    let bpt = element(&variant(&units[0], "fr-FR").seg[1]);
    assert_eq!(bpt.content, [text("<a href=\"https://www.cnil.fr/\">")]);
    let it = element(&variant(&units[3], "en-GB").seg[0]);
    assert_eq!(it.name, "it");
    assert_eq!(it.attributes, attrs(&[("pos", "begin"), ("x", "3")]));
    assert_eq!(units[3].tuid(), Some("tu4_s1"));
}

// ---- translate-toolkit (po2tmx) ----

#[test]
fn ttk_po_comments_become_notes_and_context_a_prop() {
    let (header, units) = survivor("ttk.tmx");
    assert_eq!(header.attribute("creationtool"), Some("Translate Toolkit"));
    assert_eq!(header.attribute("o-tmf"), Some("UTF-8"));
    assert!(units.iter().all(|u| u.tuid().is_none()));
    assert_eq!(notes(&units[0].annotations), ["templates/cgu.html:12"]);
    assert_eq!(
        units[1].annotations,
        [
            Annotation::note("templates/cgu.html:27 templates/footer.html:4"),
            Annotation::prop("x-context", "footer"),
        ]
    );
    assert_eq!(
        variant(&units[1], "en").text(),
        "Legal notice & privacy policy"
    );
}

#[test]
fn ttk_line_break_inside_a_segment_survives() {
    let (_, units) = survivor("ttk.tmx");
    assert_eq!(
        variant(&units[3], "fr").text(),
        format!(
            "Voulez-vous vraiment supprimer votre compte{NNBSP}?\nCette action est irréversible."
        )
    );
}

// ---- TMX 1.1 ----

#[test]
fn tmx11_lang_is_read_as_xml_lang_and_written_so() {
    let (header, units) = read(&ok("tmx11.tmx"));
    let first = &units[0].variants[0];
    assert_eq!(first.attributes, attrs(&[("xml:lang", "FR-FR")]));
    let written = String::from_utf8(write(&header, &units)).unwrap();
    assert!(written.contains("<tuv xml:lang=\"EN-GB\">"));
    assert!(!written.contains(" lang="), "{written}");
    let (_, again) = survivor("tmx11.tmx");
    assert_eq!(again[1].variants[1].lang(), "EN-GB");
}

#[test]
fn tmx11_ude_survives_whole_with_its_map() {
    let (header, _) = survivor("tmx11.tmx");
    assert_eq!(header.attribute("o-encoding"), Some("MacRoman"));
    assert_eq!(header.udes.len(), 1);
    let ude = &header.udes[0];
    assert_eq!(ude.name, "ude");
    assert_eq!(
        ude.attributes,
        attrs(&[("name", "MacRoman"), ("base", "Macintosh")])
    );
    let maps: Vec<&Element> = ude
        .content
        .iter()
        .filter_map(|i| match i {
            Inline::Element(e) => Some(e),
            Inline::Text(t) => {
                assert!(t.trim().is_empty(), "{t:?}");
                None
            }
        })
        .collect();
    assert_eq!(maps.len(), 1);
    assert_eq!(maps[0].name, "map");
    assert_eq!(
        maps[0].attributes,
        attrs(&[
            ("unicode", "#xF8FF"),
            ("code", "#xF0"),
            ("ent", "Apple_logo"),
            ("subst", "[Apple]")
        ])
    );
    assert_eq!(
        notes(&header.annotations),
        [format!("Export de la mémoire «{NBSP}Catalogue 2001{NBSP}»").as_str()]
    );
}

#[test]
fn tmx11_private_use_character_and_rtf_ut_survive() {
    let (_, units) = survivor("tmx11.tmx");
    assert_eq!(
        variant(&units[0], "EN-GB").text(),
        "Press the \u{F8FF} key to open the menu."
    );
    let seg = &variant(&units[1], "FR-FR").seg;
    let ut = element(&seg[0]);
    assert_eq!(
        (ut.name.as_str(), &ut.content[..]),
        ("ut", &[text("{\\b ")][..])
    );
    assert_eq!(units[2].attribute("changedate"), Some("20010415T170000Z"));
}

// ---- What tools write that the reader does not take yet ----

#[test]
fn okapi_tuv_props_written_after_the_seg_are_read() {
    let (_, units) = read(&data("tmx/lenient/okapi-tuv-prop-after-seg.tmx"));
    assert_eq!(units.len(), 2);
    assert_eq!(
        props(&variant(&units[0], "en-GB").annotations),
        [("x-reviewed", "yes")]
    );
}

#[test]
fn invalid_utf8_is_reported_at_the_bad_byte() {
    let bytes = b"<tmx version=\"1.4\"><header srclang=\"fr-FR\"/><body>\n<tu><tuv xml:lang=\"fr-FR\"><seg>adopt\xE9\nle budget\n</seg></tuv></tu>\n</body></tmx>\n";
    let mut reader = TmxReader::new(&bytes[..], "t.tmx").unwrap();
    let e = reader.next().unwrap().unwrap_err().to_string();
    assert!(
        e.starts_with("t.tmx:2:37: invalid UTF-8 (byte 0xE9)"),
        "{e}"
    );
}

#[test]
fn empty_unit_prop_is_counted_as_left_out_of_the_table() {
    use tmkit::tm::table::{Delimiter, TableReader, write_table};
    let mut unit = Unit::new("1");
    unit.push_prop("x-Dossier:SingleString", "");
    unit.push_prop("x-Origin", "TM");
    unit.variants.push(Variant::plain("fr-FR", "Oui."));
    unit.variants.push(Variant::plain("en-GB", "Yes."));
    let mut csv = Vec::new();
    let report = write_table(
        &mut csv,
        Delimiter::Comma,
        "fr-FR",
        std::slice::from_ref(&unit),
    )
    .unwrap();
    assert_eq!(report.unit_details, 1);
    let units: Vec<Unit> = TableReader::new(&csv[..], Some(Delimiter::Comma), "t.csv", false)
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(units[0].prop("x-Origin"), Some("TM"));
}

#[test]
fn multi_line_note_survives_the_table_round_trip() {
    use tmkit::tm::table::{Delimiter, TableReader, write_table};
    let mut unit = Unit::new("1");
    unit.annotations
        .push(Annotation::note("Relu par M. Dupont.\nÀ revoir en 2025."));
    unit.variants.push(Variant::plain("fr-FR", "Oui."));
    unit.variants.push(Variant::plain("en-GB", "Yes."));
    let mut csv = Vec::new();
    write_table(
        &mut csv,
        Delimiter::Comma,
        "fr-FR",
        std::slice::from_ref(&unit),
    )
    .unwrap();
    let units: Vec<Unit> = TableReader::new(&csv[..], Some(Delimiter::Comma), "t.csv", false)
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(units[0].annotations, unit.annotations);
}

// ---- Broken files ----

#[test]
fn broken_tmx_files_give_the_expected_errors() {
    let root = data("");
    let broken = fixtures("tmx/err");
    assert!(broken.len() >= 14, "{} broken fixtures", broken.len());
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    for path in broken {
        let error = match tmx::read_path(&path) {
            Ok((_, units)) => {
                failures.push(format!(
                    "{}: read without error ({} units)",
                    path.display(),
                    units.len()
                ));
                continue;
            }
            Err(e) => e,
        };
        // Messages name the file by the path given; compare from tests/data on.
        let shown = error.to_string().replace(
            &format!("{}/", root.display().to_string().trim_end_matches('/')),
            "",
        );
        super::check_expected(&path, &shown, update, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn entity_declarations_are_refused_before_any_expansion() {
    for name in ["billion-laughs", "xxe"] {
        let path = data(&format!("tmx/err/{name}.tmx"));
        let e = TmxReader::open(&path).err().expect("refused at the header");
        assert!(
            e.to_string().contains("DOCTYPE with an internal subset"),
            "{e}"
        );
    }
}

// ---- The command line ----

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn cli_tmx_stats_counts_units_and_languages_of_a_utf16_trados_file() {
    let file = ok("trados.tmx");
    let o = tmkit(&["tmx", "stats", path_str(&file)], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.contains(&"  TMX version     1.4"), "{out}");
    assert!(lines.contains(&"  source language fr-FR"), "{out}");
    assert!(lines.contains(&"  units           5"), "{out}");
    for lang in ["fr-FR", "en-GB"] {
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(&format!("  {lang:<15} 5 segments, "))),
            "{lang}: {out}"
        );
    }
    assert!(lines.contains(&"  with tags       2"), "{out}");
}

/// `tmkit tmx merge` of files under `tests/data/tmx` into `out`, with
/// `extra` arguments.
fn merge(files: &[&str], extra: &[&str], out: &Path) -> std::process::Output {
    let paths: Vec<PathBuf> = files.iter().map(|f| data(&format!("tmx/{f}"))).collect();
    let mut args = vec!["tmx", "merge"];
    args.extend(paths.iter().map(|p| path_str(p)));
    args.extend(extra);
    args.extend(["-o", path_str(out)]);
    tmkit(&args, None)
}

fn merge_fixtures(dir: &Path) -> (PathBuf, std::process::Output) {
    let out = dir.join("merged.tmx");
    let o = merge(&["merge/client.tmx", "merge/ours.tmx"], &[], &out);
    assert!(o.status.success(), "{}", stderr(&o));
    (out, o)
}

#[test]
fn cli_tmx_merge_keeps_the_newest_of_identical_units() {
    let dir = tempfile::tempdir().unwrap();
    let (out, _) = merge_fixtures(dir.path());
    let (header, units) = read(&out);
    assert_eq!(units.len(), 5, "7 read, 2 identical dropped");
    let kept: Vec<(&str, &str)> = units
        .iter()
        .map(|u| (u.tuid().unwrap(), u.attribute("changedate").unwrap()))
        .collect();
    assert_eq!(
        kept,
        [
            // ours-1 is newer than client-1, client-2 newer than ours-2;
            // each keeps the place the first copy had.
            ("ours-1", "20240215T101500Z"),
            ("client-2", "20240601T120000Z"),
            ("client-3", "20220101T100000Z"),
            ("ours-3", "20240220T110000Z"),
            ("ours-4", "20240221T090000Z"),
        ]
    );
    // The kept unit comes with its own props, not the dropped one's.
    assert_eq!(units[0].prop("x-reviewer"), Some("jmartin"));
    assert_eq!(units[0].prop("x-ConfirmationLevel"), None);
    assert_eq!(
        units[1].prop("x-ConfirmationLevel"),
        Some("ApprovedSignOff")
    );
    assert_eq!(header.srclang(), Some("fr-FR"));
    assert_eq!(
        header.annotations.len(),
        2,
        "both inputs' header notes and props"
    );
}

#[test]
fn cli_tmx_merge_puts_the_source_first_in_units_of_the_other_direction() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("merged.tmx");
    let o = merge(&["merge/ours.tmx", "merge/en-fr.tmx"], &[], &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let (header, units) = read(&out);
    assert_eq!(header.srclang(), Some("fr-FR"));
    let first_lang = |tuid: &str| {
        let unit = units.iter().find(|u| u.tuid() == Some(tuid)).unwrap();
        unit.variants[0].lang().to_string()
    };
    assert_eq!(first_lang("ours-1"), "fr-FR");
    assert_eq!(first_lang("en-1"), "fr-FR", "turned round");
    assert_eq!(first_lang("en-2"), "en-GB", "its own srclang is kept");
}

#[test]
fn cli_tmx_merge_refuses_an_underscore_language_tag() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("merged.tmx");
    let o = merge(&["merge/ours.tmx"], &["--srclang", "fr_FR"], &out);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("not a BCP 47 language tag"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
}

#[test]
fn cli_tmx_merge_reports_a_conflict_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let (_, o) = merge_fixtures(dir.path());
    let err = stderr(&o);
    assert!(
        err.contains(
            "conflict: fr-FR source \"Le présent accord est régi par le droit français.\" has 2 translations"
        ),
        "{err}"
    );
    assert!(
        err.contains("client.tmx: client-3: en-GB: This agreement is governed by French law."),
        "{err}"
    );
    assert!(
        err.contains(
            "ours.tmx: ours-3: en-GB: This Agreement shall be governed by the laws of France."
        ),
        "{err}"
    );
    assert!(
        err.contains("merged 7 units from 2 files into 5: 2 identical units dropped"),
        "{err}"
    );
}

fn convert(input: &Path, to: &str, output: &Path) -> std::process::Output {
    let o = tmkit(
        &[
            "tmx",
            "convert",
            path_str(input),
            "--to",
            to,
            "-o",
            path_str(output),
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    o
}

fn sorted_props(unit: &Unit) -> Vec<(String, String)> {
    let mut p: Vec<(String, String)> = props(&unit.annotations)
        .into_iter()
        .map(|(t, v)| (t.to_string(), v.to_string()))
        .collect();
    p.sort();
    p
}

/// Converts a fixture to CSV and back, checking that every unit keeps its
/// segments' text, its attributes and its props.
fn assert_csv_round_trip_keeps_units(name: &str) {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("memory.csv");
    let back = dir.path().join("back.tmx");
    convert(&ok(name), "csv", &csv);
    convert(&csv, "tmx", &back);
    let (original_header, original) = read(&ok(name));
    let (header, again) = read(&back);
    assert_eq!(header.srclang(), original_header.srclang());
    assert_eq!(again.len(), original.len(), "{name}");
    for (a, b) in original.iter().zip(&again) {
        for v in &a.variants {
            assert_eq!(
                b.variant(v.lang()).map(Variant::text),
                Some(v.text()),
                "{name}: {} segment",
                v.lang()
            );
        }
        assert_eq!(sorted_props(b), sorted_props(a), "{name}: props");
        assert_eq!(b.attributes, a.attributes, "{name}: attributes");
    }
}

#[test]
fn cli_tmx_convert_to_csv_and_back_keeps_segments_props_and_attributes() {
    assert_csv_round_trip_keeps_units("trados.tmx");
    assert_csv_round_trip_keeps_units("memoq.tmx");
}

#[test]
fn cli_tmx_convert_to_csv_writes_x_props_as_columns() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("trados.csv");
    convert(&ok("trados.tmx"), "csv", &csv);
    let table = std::fs::read_to_string(&csv).unwrap();
    let header = table.lines().next().unwrap();
    assert!(header.starts_with("fr-FR,en-GB,"), "{header}");
    for column in ["usagecount", "x-ConfirmationLevel", "x-Origin"] {
        assert!(header.split(',').any(|c| c == column), "{column}: {header}");
    }
}

#[test]
fn cli_tmx_convert_to_csv_warns_when_inline_tags_are_flattened() {
    let dir = tempfile::tempdir().unwrap();
    let o = convert(&ok("trados.tmx"), "csv", &dir.path().join("t.csv"));
    let err = stderr(&o);
    assert!(
        err.contains("trados.tmx: 4 segment(s) had inline tags; the table holds their text only"),
        "{err}"
    );
}

#[test]
fn cli_tmx_convert_to_csv_warns_when_segment_level_props_are_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let o = convert(&ok("memoq.tmx"), "csv", &dir.path().join("m.csv"));
    let err = stderr(&o);
    assert!(
        err.contains("memoq.tmx: 6 note(s), prop(s) or attribute(s) of segments"),
        "{err}"
    );
    assert!(!err.contains("inline tags"), "{err}");
}

#[test]
fn cli_tmx_convert_to_csv_warns_when_header_props_are_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let o = convert(&ok("trados.tmx"), "csv", &dir.path().join("t.csv"));
    let err = stderr(&o);
    assert!(err.contains("header"), "{err}");
}

#[test]
fn cli_tmx_convert_of_a_broken_file_fails_with_its_position_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    let bad = data("tmx/err/raw-ampersand.tmx");
    let o = tmkit(
        &[
            "tmx",
            "convert",
            path_str(&bad),
            "--to",
            "csv",
            "-o",
            path_str(&out),
        ],
        None,
    );
    assert_fails(&o, "raw-ampersand.tmx:15:34: ");
    assert!(!out.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn cli_tmx_merge_with_a_broken_file_fails_with_its_position_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("merged.tmx");
    let o = merge(&["merge/client.tmx", "err/truncated.tmx"], &[], &out);
    assert_fails(&o, "truncated.tmx:15:27: end of file inside a segment");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn cli_tmx_convert_reads_a_table_saved_as_excel_unicode_text() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("t.tmx");
    convert(&data("tmx/table/unicode-text.tsv"), "tmx", &out);
    let tmx = std::fs::read_to_string(&out).unwrap();
    assert!(tmx.contains("<seg>Le corridor Nord–Sud relie Bakou à Moscou.</seg>"));
    assert!(tmx.contains("<seg>Already signed.</seg>"));
}

#[test]
fn cli_tmx_convert_of_a_windows_1252_table_names_the_byte_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("t.tmx");
    let table = data("tmx/table/windows-1252.csv");
    let o = tmkit(
        &["tmx", "convert", path_str(&table), "-o", path_str(&out)],
        None,
    );
    assert_fails(
        &o,
        "windows-1252.csv: line 2, character 2: not UTF-8: byte 0xE9 is “é” in Windows-1252",
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn cli_output_cut_short_by_its_reader_is_a_success() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.tmx");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&big).unwrap());
    let mut w = TmxWriter::new(&mut file, &Header::default()).unwrap();
    for i in 0..20_000 {
        let mut unit = Unit::new(&i.to_string());
        unit.variants.push(Variant::plain(
            "fr-FR",
            &format!("Le président a signé l’accord nº {i}."),
        ));
        unit.variants.push(Variant::plain(
            "en-GB",
            &format!("The president signed agreement no. {i}."),
        ));
        w.write_unit(&unit).unwrap();
    }
    w.finish().unwrap();
    drop(file);
    // More than the pipe and tmkit's buffer hold, so tmkit is still writing
    // when the reader goes away, as with `tmkit tmx convert big.tmx | head`.
    let o = tmkit_head(&["tmx", "convert", path_str(&big), "--to", "csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("error"), "{}", stderr(&o));
}

#[test]
fn cli_a_malformed_source_date_epoch_is_an_error_not_the_clock() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("t.tmx");
    let table = data("tmx/table/unicode-text.tsv");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_tmkit"))
        .args(["tmx", "convert", path_str(&table), "-o", path_str(&out)])
        .env("SOURCE_DATE_EPOCH", "2024-01-01")
        .output()
        .unwrap();
    assert_fails(
        &o,
        "SOURCE_DATE_EPOCH=\"2024-01-01\" is not a number of seconds",
    );
    assert!(!out.exists());
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_tmkit"))
        .args(["tmx", "convert", path_str(&table), "-o", path_str(&out)])
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let tmx = std::fs::read_to_string(&out).unwrap();
    assert!(tmx.contains("creationdate=\"20231114T221320Z\""), "{tmx}");
}

#[test]
fn cli_tmx_convert_finds_french_excel_semicolons_and_writes_to_stdout_by_default() {
    let table = data("tmx/table/french-excel.csv");
    let o = tmkit(&["tmx", "convert", path_str(&table)], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let tmx = String::from_utf8(o.stdout).unwrap();
    assert!(
        tmx.contains("<seg>Le corridor Nord–Sud; enfin</seg>"),
        "{tmx}"
    );
    assert!(
        tmx.contains("<seg>The North–South corridor, at last</seg>"),
        "{tmx}"
    );
}

#[test]
fn cli_tmx_convert_refuses_a_delimiter_for_a_tsv() {
    let o = tmkit(
        &[
            "tmx",
            "convert",
            path_str(&ok("omegat.tmx")),
            "--format",
            "tsv",
            "--delimiter",
            ";",
        ],
        None,
    );
    assert_fails(&o, "--delimiter applies to CSV");
}

#[test]
fn cli_tmx_convert_refuses_a_column_that_is_no_xml_attribute_name_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.tmx");
    for (table, message) in [
        (
            "digit-column.csv",
            "row 1, column 4: cannot map header \"1a\" to a language, attribute, note or prop: as an attribute name, \"1a\" is not an XML name",
        ),
        (
            "dash-column.csv",
            "row 1, column 3: cannot map header \"-x\"",
        ),
        (
            "xmlns-column.csv",
            "row 1, column 3: cannot map header \"xmlns\" to a language, attribute, note or prop: as an attribute name, \"xmlns\" is a namespace declaration",
        ),
    ] {
        let input = data(&format!("tmx/table/{table}"));
        let o = tmkit(
            &["tmx", "convert", path_str(&input), "-o", path_str(&out)],
            None,
        );
        assert_fails(&o, message);
        assert!(!out.exists(), "{table}");
    }
}

#[test]
fn cli_tmx_convert_says_what_it_read_but_cannot_keep() {
    let input = data("tmx/reported/pi-and-tmx-attributes.tmx");
    let o = tmkit(&["tmx", "convert", path_str(&input)], None);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    for wanted in [
        "pi-and-tmx-attributes.tmx:2:1: attribute xmlns:tm=\"urn:example:tm\" of <tmx> is not kept",
        "pi-and-tmx-attributes.tmx:2:1: attribute tm:origin=\"client\" of <tmx> is not kept",
        "pi-and-tmx-attributes.tmx:7:26: processing instruction <?ui-control name=\"OK\"?> in a segment is not kept",
    ] {
        assert!(err.contains(wanted), "wanted {wanted:?} in: {err}");
    }
}

#[test]
fn cli_tmx_convert_names_the_row_and_column_of_a_control_character_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bell.tmx");
    let input = data("tmx/table/bell.csv");
    let o = tmkit(
        &["tmx", "convert", path_str(&input), "-o", path_str(&out)],
        None,
    );
    assert_fails(
        &o,
        "bell.csv: row 3, column 2: control character U+0007, which XML 1.0 does not allow: remove it (after \"File not found.\"); TMX cannot hold it (--skip-invalid converts the other rows",
    );
    assert!(!out.exists());
}

#[test]
fn cli_tmx_convert_skip_invalid_converts_the_other_rows_and_counts_the_ones_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bell.tmx");
    let input = data("tmx/table/bell.csv");
    let o = tmkit(
        &[
            "tmx",
            "convert",
            path_str(&input),
            "--skip-invalid",
            "-o",
            path_str(&out),
        ],
        None,
    );
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("tmkit: skipped: "), "{err}");
    assert!(
        err.contains("bell.csv: row 3, column 2: control character U+0007"),
        "{err}"
    );
    assert!(
        err.contains("bell.csv: 1 invalid row(s) left out (--skip-invalid)"),
        "{err}"
    );
    let (_, units) = read(&out);
    let tuids: Vec<_> = units.iter().map(|u| u.tuid().unwrap()).collect();
    assert_eq!(tuids, ["1", "3"]);
}

#[test]
fn cli_tmx_convert_says_which_rows_have_an_empty_translation() {
    let input = data("tmx/table/empty-translation.csv");
    let o = tmkit(&["tmx", "convert", path_str(&input)], None);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("empty-translation.csv: 1 row(s) with an empty language cell become units without that language (rows 3)"),
        "{err}"
    );
}

#[test]
fn cli_tmx_merge_shows_a_conflict_s_no_break_space_and_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("merged.tmx");
    let o = merge(&["merge/agency.tmx", "merge/ours.tmx"], &[], &out);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains(
            "agency.tmx: agency-1: en-GB: The contract is concluded for a term of three[NBSP]years."
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "ours.tmx: ours-1: en-GB: The contract is concluded for a term of three years."
        ),
        "{err}"
    );
}

#[test]
fn cli_tmx_merge_keeps_the_first_file_s_header_attributes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("merged.tmx");
    let o = merge(&["merge/agency.tmx", "merge/ours.tmx"], &[], &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let (header, _) = read(&out);
    for (name, value) in [
        ("datatype", "html"),
        ("o-encoding", "iso-8859-1"),
        ("creationid", "jdupont"),
        ("changeid", "mleroy"),
        ("o-tmf", "Wordfast TM"),
        ("adminlang", "fr-FR"),
        // The result's own.
        ("creationtool", "tmkit"),
        ("srclang", "fr-FR"),
    ] {
        assert_eq!(header.attribute(name), Some(value), "{name}");
    }
}

#[test]
fn cli_tmx_merge_of_a_first_file_with_srclang_all_asks_for_srclang() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("merged.tmx");
    let o = merge(&["merge/srclang-all.tmx"], &[], &out);
    assert_fails(
        &o,
        "the first file's srclang is *all* (any language), and the merged memory needs one: give --srclang",
    );
    assert!(!out.exists());
    let o = merge(&["merge/srclang-all.tmx"], &["--srclang", "fr-FR"], &out);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn cli_tmx_stats_of_a_directory_asks_for_its_files() {
    let dir = data("tmx/merge");
    let o = tmkit(&["tmx", "stats", path_str(&dir)], None);
    assert_fails(
        &o,
        &format!(
            "{0}: is a directory, not a TMX file: give the files in it ({0}/*.tmx)",
            dir.display()
        ),
    );
}

#[test]
fn cli_a_full_disk_names_the_output_in_every_command() {
    let text = data("cli/two-paragraphs.txt");
    let tmx = data("tmx/merge/ours.tmx");
    for args in [
        vec!["segment", path_str(&text)],
        vec!["tmx", "merge", path_str(&tmx)],
        vec!["tmx", "convert", path_str(&tmx)],
    ] {
        let mut args = args;
        args.extend(["-o", "/dev/full"]);
        let o = tmkit(&args, None);
        assert_fails(&o, "/dev/full: cannot write: No space left on device");
    }
}

/// What each reader of memories takes (`formats::Accepted`): `tmx convert`,
/// `tm lookup --tm` (a file, a folder's files) any case of `.tmx`, `.csv`,
/// `.tsv`; `glossary check` those in lower case only; nothing else.
#[test]
fn each_reader_of_memories_takes_the_extensions_of_its_set() {
    let tmx = std::fs::read("tests/data/lookup/memory.tmx").unwrap();
    let csv = b"fr-FR,en-GB\nOuvrez le fichier.,Open the file.\n".to_vec();
    let tsv = b"fr-FR\ten-GB\nOuvrez le fichier.\tOpen the file.\n".to_vec();
    // (name, content, taken by the any-case readers, by `glossary check`)
    let cases: [(&str, &[u8], bool, bool); 12] = [
        ("memory.tmx", &tmx, true, true),
        ("memory.TMX", &tmx, true, false),
        ("memory.csv", &csv, true, true),
        ("memory.Csv", &csv, true, false),
        ("memory.tsv", &tsv, true, true),
        ("memory.TSV", &tsv, true, false),
        ("memory.utf8", &tsv, false, false),
        ("memory.tab", &tsv, false, false),
        ("memory.xml", &tmx, false, false),
        ("memory.tbx", &tmx, false, false),
        ("memory.tmx.bak", &tmx, false, false),
        ("memory", &tmx, false, false),
    ];
    for (name, content, any_case, lower_case) in cases {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(name);
        std::fs::write(&file, content).unwrap();
        let file = file.to_str().unwrap();
        let folder = dir.path().to_str().unwrap();
        let runs: [(&[&str], bool, &str); 4] = [
            (&["tmx", "convert", file], any_case, ": cannot convert ."),
            (
                &["tm", "lookup", "--tm", file, "Ouvrez le fichier."],
                any_case,
                "not a translation memory tmkit reads",
            ),
            (
                &["tm", "lookup", "--tm", folder, "Ouvrez le fichier."],
                any_case,
                "the folder holds no translation memory",
            ),
            (
                &[
                    "glossary",
                    "check",
                    "--glossary",
                    "tests/data/glossary/small.csv",
                    file,
                ],
                lower_case,
                "unknown translation memory format",
            ),
        ];
        for (args, taken, refusal) in runs {
            let o = tmkit(args, None);
            let err = stderr(&o);
            if taken {
                assert!(!err.contains(refusal), "{name}: {args:?}: {err}");
                assert!(
                    o.status.success() || args[0] == "glossary",
                    "{name}: {args:?}: {err}"
                );
            } else {
                assert_fails(&o, refusal);
            }
        }
    }
}
