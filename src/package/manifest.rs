//! `imsmanifest.xml`: one organization with one item, launching one SCO (the launch page)
//! whose resource lists every file of the package. Written with quick-xml, which escapes
//! titles and attributes; identifiers are made valid XML names here.

use std::io;

use percent_encoding::utf8_percent_encode;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use crate::outputs::lms::{Format, LAUNCH};
use crate::paths::URL_SEGMENT;

/// What the manifest says of the course.
pub(crate) struct Manifest<'a> {
    pub format: Format,
    pub id: &'a str,
    pub version: &'a str,
    pub title: &'a str,
    /// The pass mark, for SCORM 1.2's `adlcp:masteryscore`; `None` without quizzes.
    pub mastery: Option<u8>,
    /// Every file of the course, as written in the zip.
    pub files: &'a [String],
}

/// `text` as an XML ID: an NCName, which starts with a letter or `_` and holds no `:`.
fn xml_id(prefix: &str, text: &str) -> String {
    let safe: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{prefix}{safe}")
}

impl Manifest<'_> {
    /// The manifest's text.
    pub(crate) fn xml(&self) -> io::Result<String> {
        let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        let (ns, schema_version, locations) = match self.format {
            Format::Scorm12 => (
                vec![
                    ("xmlns", "http://www.imsproject.org/xsd/imscp_rootv1p1p2"),
                    ("xmlns:adlcp", "http://www.adlnet.org/xsd/adlcp_rootv1p2"),
                ],
                "1.2",
                "http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd \
                 http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd \
                 http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd",
            ),
            Format::Scorm2004 => (
                vec![
                    ("xmlns", "http://www.imsglobal.org/xsd/imscp_v1p1"),
                    ("xmlns:adlcp", "http://www.adlnet.org/xsd/adlcp_v1p3"),
                    ("xmlns:adlseq", "http://www.adlnet.org/xsd/adlseq_v1p3"),
                    ("xmlns:adlnav", "http://www.adlnet.org/xsd/adlnav_v1p3"),
                    ("xmlns:imsss", "http://www.imsglobal.org/xsd/imsss"),
                ],
                "2004 4th Edition",
                "http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd \
                 http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd \
                 http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd \
                 http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd \
                 http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd",
            ),
        };
        let identifier = xml_id("aula-", self.id);
        let mut attributes = vec![("identifier", identifier.as_str())];
        // SCORM 1.2's schema allows a version of 20 characters; the attribute may go.
        if self.version.chars().count() <= 20 {
            attributes.push(("version", self.version));
        }
        attributes.extend(ns);
        attributes.push(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"));
        attributes.push(("xsi:schemaLocation", locations));
        w.create_element("manifest")
            .with_attributes(attributes)
            .write_inner_content(|w| {
                w.create_element("metadata").write_inner_content(|w| {
                    text(w, "schema", "ADL SCORM")?;
                    text(w, "schemaversion", schema_version)
                })?;
                w.create_element("organizations")
                    .with_attribute(("default", "org"))
                    .write_inner_content(|w| self.organization(w))?;
                w.create_element("resources")
                    .write_inner_content(|w| self.resource(w))
                    .map(drop)
            })?;
        String::from_utf8(w.into_inner()).map_err(io::Error::other)
    }

    /// The one organization, with the one item that launches the SCO.
    fn organization(&self, w: &mut Writer<Vec<u8>>) -> io::Result<()> {
        // SCORM 1.2's schema allows titles of 200 characters.
        let title: String = self.title.chars().take(200).collect();
        let item = |w: &mut Writer<Vec<u8>>| {
            text(w, "title", &title)?;
            match (self.format, self.mastery) {
                (Format::Scorm12, Some(m)) => text(w, "adlcp:masteryscore", &m.to_string()),
                _ => Ok(()),
            }
        };
        w.create_element("organization")
            .with_attribute(("identifier", "org"))
            .write_inner_content(|w| {
                text(w, "title", &title)?;
                w.create_element("item")
                    .with_attributes([("identifier", "item"), ("identifierref", "sco")])
                    .write_inner_content(item)
                    .map(drop)
            })
            .map(drop)
    }

    /// The SCO: the launch page, and every file of the course.
    fn resource(&self, w: &mut Writer<Vec<u8>>) -> io::Result<()> {
        let kind = match self.format {
            Format::Scorm12 => "adlcp:scormtype",
            Format::Scorm2004 => "adlcp:scormType",
        };
        w.create_element("resource")
            .with_attributes([
                ("identifier", "sco"),
                ("type", "webcontent"),
                (kind, "sco"),
                ("href", LAUNCH),
            ])
            .write_inner_content(|w| {
                for file in self.files {
                    let href = utf8_percent_encode(file, URL_SEGMENT).to_string();
                    w.create_element("file")
                        .with_attribute(("href", href.as_str()))
                        .write_empty()?;
                }
                Ok(())
            })
            .map(drop)
    }
}

fn text(w: &mut Writer<Vec<u8>>, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(value))
        .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_xml_names_and_titles_and_hrefs_are_escaped() {
        let files = ["img/mi foto.png".to_string(), "a&b.html".to_string()];
        let xml = Manifest {
            format: Format::Scorm12,
            id: "2026:curso ñ",
            version: "1",
            title: "Quejas & <reclamos>",
            mastery: Some(80),
            files: &files,
        }
        .xml()
        .unwrap();
        assert!(xml.contains(r#"identifier="aula-2026_curso__""#), "{xml}");
        assert!(
            xml.contains("<title>Quejas &amp; &lt;reclamos&gt;</title>"),
            "{xml}"
        );
        assert!(xml.contains(r#"<file href="img/mi%20foto.png"/>"#), "{xml}");
        assert!(xml.contains(r#"<file href="a&amp;b.html"/>"#), "{xml}");
        assert!(
            xml.contains("<adlcp:masteryscore>80</adlcp:masteryscore>"),
            "{xml}"
        );
    }
}
