//! A kit as an OmegaT project that opens as is: `omegat.project`,
//! `source/NAME.txt`, `omegat/filters.xml` (each line a paragraph),
//! tmkit's segmentation rules in the form OmegaT 3.6 reads
//! (`omegat/segmentation.conf`, its `SRX` bean as `java.beans.XMLEncoder`
//! writes it) and the one later versions read (`omegat/segmentation.srx`).
//! The memories and the glossary are written by the caller, which dates
//! them (see `crate::export`).

use std::fmt::Write as _;

use crate::segment::srx::SrxDocument;

/// `omegat.project` for a project from `source` to `target` (BCP 47), the
/// project's own folders; `sentences` turns sentence segmentation on (a kit),
/// off makes each paragraph a segment (an evaluation that gives OmegaT
/// tmkit's segments as lines).
pub fn project_file(source: &str, target: &str, sentences: bool) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>{source}</source_lang>
        <target_lang>{target}</target_lang>
        <source_tok>org.omegat.tokenizer.LuceneFrenchTokenizer</source_tok>
        <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
        <sentence_seg>{sentences}</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
"#
    )
}

/// `omegat/filters.xml`: files matching `mask` (e.g. `*.txt`) are UTF-8
/// text, each line a paragraph (OmegaT's text filter, `segmentOn`
/// `BREAKS`), as the workspace's files are.
pub fn filters(mask: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<filters removeTags="false" removeSpacesNonseg="false" preserveSpaces="false" ignoreFileContext="false">
    <filter className="org.omegat.filters2.text.TextFilter" enabled="true">
        <files sourceFilenameMask="{mask}" targetFilenamePattern="${{filename}}" sourceEncoding="UTF-8" targetEncoding="UTF-8"/>
        <option name="segmentOn" value="BREAKS"/>
    </filter>
</filters>
"#
    )
}

/// XML text as `java.beans.XMLEncoder` escapes it.
fn encoder_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

/// `omegat/segmentation.conf`: the rules of `srx` as OmegaT 3.6 stores a
/// project's own rules (`org.omegat.core.segmentation.SRX` written by
/// `java.beans.XMLEncoder`: properties in alphabetical order, those at
/// their default left out). Every language map is kept, in order: OmegaT
/// always cascades, as tmkit's rules do. The flags are those of tmkit's
/// rules' header (`segmentsubflows` and `formathandle`: start no, end yes,
/// isolated yes): OmegaT's defaults but the last.
pub(crate) fn segmentation_conf(srx: &SrxDocument) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<java version=\"1.8.0\" class=\"java.beans.XMLDecoder\">\n <object class=\"org.omegat.core.segmentation.SRX\" id=\"SRX0\">\n  <void property=\"includeIsolatedTags\">\n   <boolean>true</boolean>\n  </void>\n  <void property=\"mappingRules\">\n",
    );
    for map in &srx.language_maps {
        let Some(rules) = srx.language_rule(&map.rule_name) else {
            continue;
        };
        let _ = write!(
            out,
            "   <void method=\"add\">\n    <object class=\"org.omegat.core.segmentation.MapRule\">\n     <void property=\"language\">\n      <string>{}</string>\n     </void>\n     <void property=\"pattern\">\n      <string>{}</string>\n     </void>\n     <void property=\"rules\">\n      <object class=\"java.util.ArrayList\">\n",
            encoder_escape(&map.rule_name),
            encoder_escape(&map.pattern)
        );
        for rule in &rules.rules {
            out.push_str("       <void method=\"add\">\n        <object class=\"org.omegat.core.segmentation.Rule\">\n");
            for (property, value) in [("afterbreak", &rule.after), ("beforebreak", &rule.before)] {
                if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
                    let _ = write!(
                        out,
                        "         <void property=\"{property}\">\n          <string>{}</string>\n         </void>\n",
                        encoder_escape(value)
                    );
                }
            }
            if rule.breaks {
                out.push_str("         <void property=\"breakRule\">\n          <boolean>true</boolean>\n         </void>\n");
            }
            out.push_str("        </object>\n       </void>\n");
        }
        out.push_str("      </object>\n     </void>\n    </object>\n   </void>\n");
    }
    out.push_str("  </void>\n  <void property=\"version\">\n   <string>0.2.2</string>\n  </void>\n </object>\n</java>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segmentation_conf_holds_every_rule_of_every_map_in_order_escaped_as_xml_encoder_does() {
        let srx = SrxDocument::parse(crate::segment::BUILTIN_SRX, "tmkit.srx").unwrap();
        let conf = segmentation_conf(&srx);
        let rules: usize = srx
            .language_maps
            .iter()
            .map(|m| srx.language_rule(&m.rule_name).unwrap().rules.len())
            .sum();
        assert_eq!(
            conf.matches("org.omegat.core.segmentation.Rule\"").count(),
            rules
        );
        let breaks = srx
            .language_maps
            .iter()
            .flat_map(|m| &srx.language_rule(&m.rule_name).unwrap().rules)
            .filter(|r| r.breaks)
            .count();
        assert_eq!(conf.matches("\"breakRule\"").count(), breaks);
        assert!(conf.contains("<string>fr.*</string>"));
        assert!(conf.contains("(?&lt;!"), "look-behind escaped");
        assert!(!conf.contains("(?<"), "no raw <");
    }

    #[test]
    fn xml_encoder_escapes_quotes_and_apostrophes_but_not_greater_than() {
        assert_eq!(encoder_escape("a<b>'\"&"), "a&lt;b>&apos;&quot;&amp;");
    }
}
