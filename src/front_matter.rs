//! The TOML block between `+++` lines at the top of a Markdown page.

use std::ops::Range;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::toml_file::words::Keys;
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
    /// In a module's `_index.md`: the part it begins, as an mdBook part title; the modules
    /// after it belong to that part too, until one names another.
    pub part: Option<String>,
    /// The last part of the page's URL, instead of the one made from its file name: for a
    /// translation whose URL should be in its own language (`what-is-service`).
    pub slug: Option<toml::Spanned<String>>,
}

/// A page split into its front matter and its Markdown body.
#[derive(Debug)]
pub(crate) struct Parsed {
    pub meta: FrontMatter,
    /// The title, from the front matter or the leading `#` heading.
    pub title: String,
    /// Byte range of the Markdown body within the file (after a title heading, if used).
    pub body: Range<usize>,
}

/// What each front matter key holds, for a value of the wrong type.
pub(crate) const KEYS: Keys = &[
    (
        "title",
        "text in quotes, like `title = \"Características del servicio\"`",
    ),
    (
        "description",
        "text in quotes, like `description = \"One sentence about the page.\"`",
    ),
    (
        "weight",
        "a whole number, like `weight = 10` (lower comes first)",
    ),
    ("draft", "`true` or `false`, like `draft = true`"),
    (
        "duration",
        "a whole number of minutes, like `duration = 15`",
    ),
    (
        "objectives",
        "a list, like `objectives = [\"Name the parts\", \"Give an example\"]`",
    ),
    ("part", "text in quotes, like `part = \"Part I: Basics\"`"),
    ("slug", "text in quotes, like `slug = \"what-is-service\"`"),
];

/// Splits and parses a page. `text` is the whole file.
/// An error when `slug` is not one: it becomes a file name and part of every link to the
/// page, so it is held to what aula makes from file names.
fn bad_slug(meta: &FrontMatter, src: &Source) -> Option<Diagnostic> {
    let slug = meta.slug.as_ref()?;
    let value = slug.get_ref();
    (value.is_empty() || slug::slugify(value) != *value).then(|| {
        src.error(slug.span(), format!("slug `{value}` is not a slug"))
            .with_hint(format!(
                "use lower-case letters, digits and `-`, like `slug = \"{}\"`",
                match slug::slugify(value) {
                    s if s.is_empty() => "what-is-service".to_string(),
                    s => s,
                }
            ))
    })
}

#[cfg(test)]
pub(crate) fn parse(path: &Path, text: &str) -> Result<Parsed, Vec<Diagnostic>> {
    match parse_lenient(path, text) {
        (Some(parsed), errors) if errors.is_empty() => Ok(parsed),
        (_, errors) => Err(errors),
    }
}

/// Like [`parse`], and when the only mistakes are unknown keys, also the page read without
/// them, so that its links are still checked and links to it still resolve.
pub(crate) fn parse_lenient(path: &Path, text: &str) -> (Option<Parsed>, Vec<Diagnostic>) {
    // A byte-order mark, as some Windows editors write, is not part of the page.
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let (meta, mut body, errors) = match split(text, bom) {
        Some((toml_range, body)) => {
            let src = Source::new(path, text, toml_range.start);
            match toml_file::parse_lenient::<FrontMatter>(&text[toml_range.clone()], &src, KEYS) {
                (Some(meta), mut errors) => {
                    errors.extend(bad_slug(&meta, &src));
                    (meta, body, errors)
                }
                (None, errors) => return (None, errors),
            }
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
            let d = Diagnostic::at(path, text, at..at + 3, message).with_hint(hint);
            return (None, vec![d]);
        }
        None if looks_like_yaml(&text[bom..]) => {
            return (None, vec![yaml(path, text, bom)]);
        }
        None => (FrontMatter::default(), bom..text.len(), Vec::new()),
    };
    let title = match &meta.title {
        Some(t) if !t.trim().is_empty() => t.clone(),
        _ => match leading_heading(&text[body.clone()]) {
            Some((title, consumed)) => {
                body.start += consumed;
                title
            }
            // A misspelt key may be the title (`tilte`): that is reported already.
            None if !errors.is_empty() => return (None, errors),
            None => {
                return (None, vec![Diagnostic::at(path, text, 0..0, "this page has no title")
                    .with_hint("add `title = \"…\"` to the front matter between `+++` lines, or start the page with a `# Heading`")]);
            }
        },
    };
    (Some(Parsed { meta, title, body }), errors)
}

/// A page that starts with a `---` line, as front matter in YAML does in other tools.
fn yaml(path: &Path, text: &str, bom: usize) -> Diagnostic {
    let d = Diagnostic::at(
        path,
        text,
        bom..bom + 3,
        "this looks like YAML front matter; aula reads TOML between `+++` lines",
    );
    // The first `key: value` line, rewritten as TOML, shows what to write.
    let example = text[bom..].lines().skip(1).find_map(|line| {
        let (key, value) = yaml_key(line)?;
        let value = value.trim_matches(['"', '\'']);
        let toml = if value.parse::<f64>().is_ok() || value == "true" || value == "false" {
            value.to_string()
        } else {
            format!("\"{value}\"")
        };
        Some(format!(", and `{key} = {toml}` for `{}`", line.trim()))
    });
    d.with_hint(format!(
        "write `+++` instead of each `---` line{}",
        example.unwrap_or_default()
    ))
}

/// A `---` line first, then `key: value` lines: other tools' YAML front matter.
fn looks_like_yaml(text: &str) -> bool {
    let mut lines = text.lines();
    lines.next().is_some_and(|first| is_fence(first, "---"))
        && lines
            .take_while(|l| !is_fence(l, "---"))
            .any(|l| yaml_key(l).is_some())
}

/// `key` and `value` of a YAML line `key: value`.
fn yaml_key(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim();
    let plain = !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_');
    plain.then(|| (key, value.trim()))
}

/// Whether `line` is `fence` alone, but for trailing spaces.
fn is_fence(line: &str, fence: &str) -> bool {
    line.trim_end() == fence
}

/// Finds `+++ … +++`; returns the TOML range and the body range.
fn split(text: &str, bom: usize) -> Option<(Range<usize>, Range<usize>)> {
    let rest = &text[bom..];
    let first = rest.lines().next()?;
    if !is_fence(first, "+++") {
        return None;
    }
    let toml_start = bom + first.len() + newline_len(&rest[first.len()..]);
    let mut pos = toml_start;
    for line in text[toml_start..].split_inclusive('\n') {
        if is_fence(line, "+++") {
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
    fn every_key_says_what_it_holds() {
        crate::toml_file::words::assert_every_key_is_described::<FrontMatter>(KEYS);
    }

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
    fn yaml_front_matter_is_recognised_at_the_first_line() {
        let errs = parse(
            Path::new("a.md"),
            "---\ntitle: Hola\nweight: 2\n---\n\nTexto\n",
        )
        .unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(
            errs[0].message,
            "this looks like YAML front matter; aula reads TOML between `+++` lines"
        );
        assert_eq!(errs[0].position(), "a.md:1:1");
        assert_eq!(
            errs[0].hint.as_deref(),
            Some(
                "write `+++` instead of each `---` line, and `title = \"Hola\"` for `title: Hola`"
            )
        );
    }

    #[test]
    fn a_page_with_an_unknown_key_is_still_read_for_its_other_checks() {
        let (page, errs) = parse_lenient(
            Path::new("a.md"),
            "+++\ntitle = \"x\"\nwieght = 1\n+++\nBody\n",
        );
        assert_eq!(page.map(|p| p.title).as_deref(), Some("x"));
        assert_eq!(errs.len(), 1);
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
