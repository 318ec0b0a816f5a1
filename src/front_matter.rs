//! The TOML block between `+++` lines at the top of a Markdown page.

use std::ops::Range;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::toml_file::{self, Source};

/// What a page may say about itself.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// Required unless the body starts with a `# Heading`, which then becomes the title.
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// Order within the module (or of modules); lower comes first, ties go by file name.
    pub weight: Option<i64>,
    /// Drafts are left out unless `--drafts` is given.
    #[serde(default)]
    pub draft: bool,
    /// Minutes the page takes to study.
    pub duration: Option<u32>,
    #[serde(default)]
    pub objectives: Vec<String>,
}

/// A page split into its front matter and its Markdown body.
#[derive(Debug)]
pub struct Parsed {
    pub meta: FrontMatter,
    /// The title, from the front matter or the leading `#` heading.
    pub title: String,
    /// Byte range of the Markdown body within the file (after a title heading, if used).
    pub body: Range<usize>,
}

/// Splits and parses a page. `text` is the whole file.
pub fn parse(path: &Path, text: &str) -> Result<Parsed, Vec<Diagnostic>> {
    // A byte-order mark, as some Windows editors write, is not part of the page.
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let (meta, mut body) = match split(text, bom) {
        Some((toml_range, body)) => {
            let src = Source {
                path,
                file_text: text,
                offset: toml_range.start,
            };
            let meta: FrontMatter = toml_file::parse(&text[toml_range.clone()], src)?;
            (meta, body)
        }
        None if text[bom..].trim_start().starts_with("+++") => {
            let at = text.len() - text[bom..].trim_start().len();
            let (message, hint) = if at == bom {
                (
                    "front matter is not closed",
                    "end the front matter with a line holding only `+++`",
                )
            } else {
                (
                    "front matter must start on the first line",
                    "remove the blank lines before the opening `+++`",
                )
            };
            return Err(vec![
                Diagnostic::at(path, text, at..at + 3, message).with_hint(hint)
            ]);
        }
        None => (FrontMatter::default(), bom..text.len()),
    };
    let title = match &meta.title {
        Some(t) if !t.trim().is_empty() => t.clone(),
        _ => match leading_heading(&text[body.clone()]) {
            Some((title, consumed)) => {
                body.start += consumed;
                title
            }
            None => {
                return Err(vec![Diagnostic::at(path, text, 0..0, "this page has no title")
                    .with_hint("add `title = \"…\"` to the front matter between `+++` lines, or start the page with a `# Heading`")]);
            }
        },
    };
    Ok(Parsed { meta, title, body })
}

/// Finds `+++ … +++`; returns the TOML range and the body range.
fn split(text: &str, bom: usize) -> Option<(Range<usize>, Range<usize>)> {
    let rest = &text[bom..];
    let first = rest.lines().next()?;
    if first.trim_end() != "+++" {
        return None;
    }
    let toml_start = bom + first.len() + newline_len(&rest[first.len()..]);
    let mut pos = toml_start;
    for line in text[toml_start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Some((toml_start..pos, pos + line.len()..text.len()));
        }
        pos += line.len();
    }
    None
}

fn newline_len(s: &str) -> usize {
    if s.starts_with("\r\n") {
        2
    } else {
        usize::from(s.starts_with('\n'))
    }
}

/// A first non-blank line of the form `# Title`; returns the title and the bytes it used.
fn leading_heading(body: &str) -> Option<(String, usize)> {
    let mut consumed = 0;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            consumed += line.len();
            continue;
        }
        let title = trimmed
            .strip_prefix("# ")?
            .trim()
            .trim_end_matches('#')
            .trim();
        return (!title.is_empty()).then(|| (title.to_string(), consumed + line.len()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let text = "+++\ntitle = \"Hola\"\nweight = 2\n+++\nCuerpo\n";
        let p = parse(Path::new("a.md"), text).unwrap();
        assert_eq!(p.title, "Hola");
        assert_eq!(p.meta.weight, Some(2));
        assert_eq!(&text[p.body], "Cuerpo\n");
    }

    #[test]
    fn takes_the_title_from_a_leading_heading() {
        let text = "\n# Momentos de verdad\n\nTexto\n";
        let p = parse(Path::new("a.md"), text).unwrap();
        assert_eq!(p.title, "Momentos de verdad");
        assert_eq!(&text[p.body], "\nTexto\n");
    }

    #[test]
    fn a_page_without_title_is_an_error() {
        let errs = parse(Path::new("a.md"), "Solo texto\n").unwrap_err();
        assert!(errs[0].message.contains("no title"));
    }

    #[test]
    fn unknown_keys_point_into_the_file() {
        let errs = parse(Path::new("a.md"), "+++\ntitle = \"x\"\nwieght = 1\n+++\n").unwrap_err();
        assert_eq!(errs[0].position(), "a.md:3:1");
        assert_eq!(errs[0].hint.as_deref(), Some("did you mean `weight`?"));
    }

    #[test]
    fn an_unclosed_block_is_an_error() {
        let errs = parse(Path::new("a.md"), "+++\ntitle = \"x\"\n").unwrap_err();
        assert!(errs[0].message.contains("not closed"));
    }

    #[test]
    fn front_matter_after_blank_lines_is_an_error_that_says_so() {
        let errs = parse(Path::new("a.md"), "\n+++\ntitle = \"x\"\n+++\nText.\n").unwrap_err();
        assert_eq!(errs[0].message, "front matter must start on the first line");
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_page() {
        let p = parse(Path::new("a.md"), "\u{feff}# Home\n\nText.\n").unwrap();
        assert_eq!(p.title, "Home");
        let p = parse(
            Path::new("a.md"),
            "\u{feff}+++\ntitle = \"T\"\n+++\nText.\n",
        )
        .unwrap();
        assert_eq!(p.title, "T");
    }
}
