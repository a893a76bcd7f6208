//! The file formats tmkit knows, in one table: each with its name for
//! people, the extensions that claim it and the first bytes that give it
//! away. Commands take an output's format from this table, so that a file
//! is never written under a name that claims another format, and readers
//! name a document that is not plain text (a `.docx`, a PDF) by what it is.
//!
//! ```
//! use tmkit::formats::FileFormat;
//! assert_eq!(FileFormat::from_extension("TMX"), Some(FileFormat::Tmx));
//! assert_eq!(FileFormat::from_extension("xlf"), Some(FileFormat::Xliff));
//! assert_eq!(FileFormat::Xliff.name(), "an XLIFF file");
//! assert_eq!(FileFormat::sniff(b"%PDF-1.7\n"), Some(FileFormat::Pdf));
//! ```

use std::path::Path;

/// A file format tmkit writes, or knows well enough to name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileFormat {
    /// TMX translation memory.
    Tmx,
    /// Comma-separated table (or `;`, French Excel's).
    Csv,
    /// Tab-separated table; OmegaT reads a project glossary named `.utf8`
    /// as one.
    Tsv,
    /// TBX termbase.
    Tbx,
    /// Plain text.
    Text,
    /// JSON Lines.
    Jsonl,
    /// An XML report (`tmkit analyze`'s, in Trados Studio's shape).
    Xml,
    /// An HTML page.
    Html,
    /// XLIFF, which tmkit does not write.
    Xliff,
    /// An Excel workbook.
    Xlsx,
    /// An OpenDocument spreadsheet.
    Ods,
    /// A Word document.
    Docx,
    /// An OpenDocument text.
    Odt,
    /// A PDF document.
    Pdf,
    /// A zip archive of unknown kind (an office document or a workbook).
    Zip,
}

/// The table: each format, its name for people and its extensions (the
/// first is the one tmkit gives its outputs).
const FORMATS: [(FileFormat, &str, &[&str]); 15] = [
    (FileFormat::Tmx, "a TMX translation memory", &["tmx"]),
    (FileFormat::Csv, "a CSV table", &["csv"]),
    (FileFormat::Tsv, "a TSV table", &["tsv", "utf8", "tab"]),
    (FileFormat::Tbx, "a TBX termbase", &["tbx"]),
    (FileFormat::Text, "plain text", &["txt", "text"]),
    (FileFormat::Jsonl, "JSON Lines", &["jsonl", "ndjson"]),
    (FileFormat::Xml, "an XML file", &["xml"]),
    (FileFormat::Html, "an HTML page", &["html", "htm"]),
    (
        FileFormat::Xliff,
        "an XLIFF file",
        &["xlf", "xliff", "sdlxliff", "mqxliff"],
    ),
    (
        FileFormat::Xlsx,
        "an Excel workbook (.xlsx)",
        &["xlsx", "xls", "xlsm"],
    ),
    (
        FileFormat::Ods,
        "an OpenDocument spreadsheet (.ods)",
        &["ods"],
    ),
    (
        FileFormat::Docx,
        "a Word document (.docx)",
        &["docx", "doc"],
    ),
    (FileFormat::Odt, "an OpenDocument text (.odt)", &["odt"]),
    (FileFormat::Pdf, "a PDF document", &["pdf"]),
    (
        FileFormat::Zip,
        "a zip archive (an office document or a workbook?)",
        &["zip"],
    ),
];

impl FileFormat {
    fn entry(self) -> &'static (FileFormat, &'static str, &'static [&'static str]) {
        FORMATS
            .iter()
            .find(|(f, _, _)| *f == self)
            .expect("every format is in the table")
    }

    /// The format an extension (without its dot, any case) claims.
    pub fn from_extension(extension: &str) -> Option<FileFormat> {
        let extension = extension.to_ascii_lowercase();
        FORMATS
            .iter()
            .find(|(_, _, extensions)| extensions.contains(&extension.as_str()))
            .map(|(f, _, _)| *f)
    }

    /// The format a path's extension claims, any case (`client.TBX` is a
    /// TBX termbase; `glossary.utf8` a TSV table).
    pub fn from_path(path: &Path) -> Option<FileFormat> {
        Self::from_extension(path.extension()?.to_str()?)
    }

    /// The format a path's extension claims when that extension is the
    /// format's own (the one tmkit gives it, any case: `.tsv`, not `.utf8`):
    /// what an [`Accepted`] set goes by.
    fn from_own_extension(path: &Path) -> Option<FileFormat> {
        let extension = path.extension()?.to_str()?;
        Self::from_extension(extension).filter(|f| extension.eq_ignore_ascii_case(f.extension()))
    }

    /// The format of a document's first bytes, when they give it away: a
    /// PDF, or a zip archive (named by its first member's name where that
    /// tells an OpenDocument or Office file).
    pub fn sniff(head: &[u8]) -> Option<FileFormat> {
        if head.starts_with(b"%PDF-") {
            return Some(FileFormat::Pdf);
        }
        if !head.starts_with(b"PK\x03\x04") {
            return None;
        }
        // An OpenDocument file stores its `mimetype` first, uncompressed.
        let within = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
        Some(if within(b"opendocument.text") {
            FileFormat::Odt
        } else if within(b"opendocument.spreadsheet") {
            FileFormat::Ods
        } else if within(b"word/") {
            FileFormat::Docx
        } else if within(b"xl/") {
            FileFormat::Xlsx
        } else {
            FileFormat::Zip
        })
    }

    /// What a document's first bytes say it is, told more precisely by its
    /// extension when they show only a zip archive (`report.docx`).
    pub(crate) fn of(path: &Path, head: &[u8]) -> Option<FileFormat> {
        match Self::sniff(head)? {
            FileFormat::Zip => Some(
                Self::from_path(path)
                    .filter(|f| f.is_document())
                    .unwrap_or(FileFormat::Zip),
            ),
            sniffed => Some(sniffed),
        }
    }

    /// Its name for people ("a TMX translation memory").
    pub fn name(self) -> &'static str {
        self.entry().1
    }

    /// The extension tmkit gives a file of this format.
    pub fn extension(self) -> &'static str {
        self.entry().2[0]
    }

    /// Whether a word processor's, spreadsheet's or archive format, which
    /// a reader of plain text must name rather than decode.
    pub(crate) fn is_document(self) -> bool {
        matches!(
            self,
            FileFormat::Xlsx
                | FileFormat::Ods
                | FileFormat::Docx
                | FileFormat::Odt
                | FileFormat::Pdf
                | FileFormat::Zip
        )
    }
}

/// The formats one reader takes, each by its own extension (`.tsv`, not
/// `.utf8`): a per-use view of the table, so that what each command accepts
/// is written once, here.
///
/// ```
/// use std::path::Path;
/// use tmkit::formats::{Accepted, FileFormat};
/// assert_eq!(Accepted::MEMORIES.format(Path::new("client.TMX")), Some(FileFormat::Tmx));
/// assert_eq!(Accepted::LOWER_CASE_MEMORIES.format(Path::new("client.TMX")), None);
/// assert_eq!(Accepted::MEMORIES.format(Path::new("glossary.utf8")), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Accepted {
    formats: &'static [FileFormat],
    any_case: bool,
}

impl Accepted {
    /// Translation memories: `.tmx`, `.csv` and `.tsv`, any case (`--tm`
    /// of `tm lookup`, `tm concordance` and `analyze`, a folder's
    /// memories, `tmx convert`'s input).
    pub const MEMORIES: Accepted = Accepted {
        formats: &[FileFormat::Tmx, FileFormat::Csv, FileFormat::Tsv],
        any_case: true,
    };

    /// Translation memories named in lower case only: `.tmx`, `.csv` and
    /// `.tsv` (`glossary check` and `terms --tm`).
    pub const LOWER_CASE_MEMORIES: Accepted = Accepted {
        formats: Accepted::MEMORIES.formats,
        any_case: false,
    };

    /// The format `path` is read as, when its extension is one this use
    /// takes.
    pub fn format(self, path: &Path) -> Option<FileFormat> {
        let extension = path.extension()?.to_str()?;
        FileFormat::from_own_extension(path)
            .filter(|f| self.formats.contains(f) && (self.any_case || extension == f.extension()))
    }
}

/// Why an output cannot be written under its name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OutputFormatError {
    /// The extension names no format tmkit knows.
    #[error(
        "{path}: tmkit does not know the extension .{extension}: name the output {choices}, or give --format"
    )]
    Unknown {
        /// The output.
        path: String,
        /// Its extension.
        extension: String,
        /// The extensions the command writes, for people.
        choices: String,
    },
    /// The extension names a format the command does not write.
    #[error("{path}: .{extension} is {}, not what this command writes here: name the output {choices}", .format.name())]
    NotWritten {
        /// The output.
        path: String,
        /// Its extension.
        extension: String,
        /// The format it claims.
        format: FileFormat,
        /// The extensions the command writes, for people.
        choices: String,
    },
    /// `--format` says one format and the extension another.
    #[error("{path}: --format asks for {}, but .{extension} is {}: make them agree", .asked.name(), .claimed.name())]
    Mismatch {
        /// The output.
        path: String,
        /// Its extension.
        extension: String,
        /// What `--format` asks.
        asked: FileFormat,
        /// What the extension claims.
        claimed: FileFormat,
    },
}

/// The format to write `path` in: the one its extension claims, which must
/// be among those the command `writes` and agree with the one `asked`
/// (`--format`); for an output without an extension (standard output, a
/// device), the one asked, else `default`. An extension tmkit does not know
/// is taken only with a format asked.
pub fn output_format(
    path: Option<&Path>,
    asked: Option<FileFormat>,
    writes: &[FileFormat],
    default: FileFormat,
) -> Result<FileFormat, OutputFormatError> {
    let Some((path, extension)) = path.and_then(|p| {
        let extension = p.extension()?.to_string_lossy().into_owned();
        Some((p.display().to_string(), extension))
    }) else {
        return Ok(asked.unwrap_or(default));
    };
    let choices = || {
        let names: Vec<String> = writes
            .iter()
            .map(|f| format!(".{}", f.extension()))
            .collect();
        match names.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        }
    };
    match (FileFormat::from_extension(&extension), asked) {
        (None, Some(asked)) => Ok(asked),
        (None, None) => Err(OutputFormatError::Unknown {
            path,
            extension,
            choices: choices(),
        }),
        (Some(claimed), _) if !writes.contains(&claimed) => Err(OutputFormatError::NotWritten {
            path,
            extension,
            format: claimed,
            choices: choices(),
        }),
        (Some(claimed), Some(asked)) if asked != claimed => Err(OutputFormatError::Mismatch {
            path,
            extension,
            asked,
            claimed,
        }),
        (Some(claimed), _) => Ok(claimed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLES: [FileFormat; 3] = [FileFormat::Tmx, FileFormat::Csv, FileFormat::Tsv];

    fn format(path: &str, asked: Option<FileFormat>) -> Result<FileFormat, String> {
        output_format(Some(Path::new(path)), asked, &TABLES, FileFormat::Tmx)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn the_extension_gives_the_format() {
        assert_eq!(format("a.CSV", None), Ok(FileFormat::Csv));
        assert_eq!(format("a", None), Ok(FileFormat::Tmx));
        assert_eq!(
            output_format(None, Some(FileFormat::Tsv), &TABLES, FileFormat::Tmx),
            Ok(FileFormat::Tsv)
        );
    }

    #[test]
    fn an_extension_of_another_format_is_refused() {
        assert_eq!(
            format("new.xlf", None).unwrap_err(),
            "new.xlf: .xlf is an XLIFF file, not what this command writes here: name the output .tmx, .csv or .tsv"
        );
        assert!(
            format("new.tbx", None)
                .unwrap_err()
                .contains("a TBX termbase")
        );
        assert!(
            format("new.xlsx", None)
                .unwrap_err()
                .contains("Excel workbook")
        );
    }

    #[test]
    fn an_unknown_extension_needs_a_format_asked() {
        assert_eq!(
            format("new.dat", None).unwrap_err(),
            "new.dat: tmkit does not know the extension .dat: name the output .tmx, .csv or .tsv, or give --format"
        );
        assert_eq!(
            format("new.dat", Some(FileFormat::Csv)),
            Ok(FileFormat::Csv)
        );
    }

    #[test]
    fn a_path_claims_the_format_of_its_extension() {
        let of = |p: &str| FileFormat::from_path(Path::new(p));
        assert_eq!(of("client.TBX"), Some(FileFormat::Tbx));
        assert_eq!(of("glossary/fr-en.utf8"), Some(FileFormat::Tsv));
        assert_eq!(of("README"), None);
        let own = |p: &str| FileFormat::from_own_extension(Path::new(p));
        assert_eq!(own("memory.TSV"), Some(FileFormat::Tsv));
        assert_eq!(own("glossary/fr-en.utf8"), None);
    }

    #[test]
    fn each_use_takes_the_extensions_of_its_set() {
        let cases = [
            ("memory.tmx", Some(FileFormat::Tmx), Some(FileFormat::Tmx)),
            ("memory.csv", Some(FileFormat::Csv), Some(FileFormat::Csv)),
            ("memory.tsv", Some(FileFormat::Tsv), Some(FileFormat::Tsv)),
            ("memory.TMX", Some(FileFormat::Tmx), None),
            ("memory.Csv", Some(FileFormat::Csv), None),
            ("memory.TSV", Some(FileFormat::Tsv), None),
            ("memory.utf8", None, None),
            ("memory.tab", None, None),
            ("memory.tbx", None, None),
            ("memory.xlf", None, None),
            ("memory.txt", None, None),
            ("memory", None, None),
            ("memory.tmx.bak", None, None),
        ];
        for (path, any_case, lower_case) in cases {
            let path = Path::new(path);
            assert_eq!(Accepted::MEMORIES.format(path), any_case, "{path:?}");
            assert_eq!(
                Accepted::LOWER_CASE_MEMORIES.format(path),
                lower_case,
                "{path:?}"
            );
        }
    }

    #[test]
    fn a_format_asked_must_agree_with_the_extension() {
        assert_eq!(
            format("new.tmx", Some(FileFormat::Csv)).unwrap_err(),
            "new.tmx: --format asks for a CSV table, but .tmx is a TMX translation memory: make them agree"
        );
    }

    #[test]
    fn office_documents_are_named_by_their_first_bytes() {
        let odt =
            b"PK\x03\x04\x14\x00\x00\x08\x00\x00mimetypeapplication/vnd.oasis.opendocument.text";
        assert_eq!(FileFormat::sniff(odt), Some(FileFormat::Odt));
        assert_eq!(
            FileFormat::sniff(
                b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml....word/document.xml"
            ),
            Some(FileFormat::Docx)
        );
        assert_eq!(FileFormat::sniff(b"PK\x03\x04"), Some(FileFormat::Zip));
        assert_eq!(FileFormat::sniff(b"Bonjour"), None);
        assert_eq!(
            FileFormat::of(Path::new("a.docx"), b"PK\x03\x04"),
            Some(FileFormat::Docx)
        );
    }
}
