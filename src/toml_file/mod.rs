//! Reading author-written TOML (site.toml, front matter, quizzes) into typed structs, with
//! every unknown key reported at its line and column together with a "did you mean", and a
//! value of the wrong type explained in the author's words (see [`crate::toml_file::words`]).
//!
//! serde stops at the first unknown field, so we take the offending keys out of the parsed
//! table and try again: the author sees every misspelt key of a file in one run.

pub(crate) mod words;

use std::cell::OnceCell;
use std::ops::Range;
use std::path::Path;

use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::diagnostic::{did_you_mean, Diagnostic, LineIndex};
use words::Keys;

/// Where a TOML text sits in its file: front matter starts a few bytes in.
#[derive(Debug)]
pub(crate) struct Source<'a> {
    pub path: &'a Path,
    /// The whole file, for line numbers and snippets.
    pub file_text: &'a str,
    /// Byte offset of the TOML text within `file_text`.
    pub offset: usize,
    /// Built on the first error, so that many errors in one file cost one pass over it.
    lines: OnceCell<LineIndex>,
}

impl<'a> Source<'a> {
    /// The TOML text that starts at byte `offset` of `file_text`, the text of `path`.
    pub(crate) fn new(path: &'a Path, file_text: &'a str, offset: usize) -> Source<'a> {
        Source {
            path,
            file_text,
            offset,
            lines: OnceCell::new(),
        }
    }

    /// A diagnostic at a byte range of the TOML text.
    pub(crate) fn error(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        let span = span.start + self.offset..span.end + self.offset;
        let lines = self.lines.get_or_init(|| LineIndex::new(self.file_text));
        Diagnostic::new(self.path, message).located(lines.locate(self.file_text, span))
    }

    /// The text at a byte range of the TOML text.
    fn text(&self, span: &Range<usize>) -> &'a str {
        self.file_text
            .get(span.start + self.offset..span.end + self.offset)
            .unwrap_or("")
    }

    /// The line of the TOML text that holds byte `at`, and where it starts.
    pub(crate) fn line_at(&self, at: usize) -> (&'a str, usize) {
        let toml = &self.file_text[self.offset..];
        let at = at.min(toml.len());
        let start = toml[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = toml[at..].find('\n').map_or(toml.len(), |i| at + i);
        (toml[start..end].trim_end_matches('\r'), start)
    }
}

/// Parses `text` into `T`. `keys` says in words what each key holds. Every unknown key is
/// reported; other mistakes stop at the first, since serde cannot go on past a value of the
/// wrong type.
#[cfg(test)]
pub(crate) fn parse<T: DeserializeOwned>(
    text: &str,
    src: &Source,
    keys: Keys,
) -> Result<T, Vec<Diagnostic>> {
    match parse_lenient(text, src, keys) {
        (Some(value), errors) if errors.is_empty() => Ok(value),
        (_, errors) => Err(errors),
    }
}

/// Like [`parse`], and when the only mistakes are unknown keys, also the value read without
/// them: the rest of the file can still be checked, so that its other mistakes are found in
/// the same run.
pub(crate) fn parse_lenient<T: DeserializeOwned>(
    text: &str,
    src: &Source,
    keys: Keys,
) -> (Option<T>, Vec<Diagnostic>) {
    // Most files are right: read them straight, and build the table that can be taken
    // apart key by key only for a file with a mistake.
    if let Ok(value) = toml::from_str(text) {
        return (Some(value), Vec::new());
    }
    let mut table = match DeTable::parse(text) {
        Ok(t) => t,
        Err(e) => return (None, vec![syntax_error(&e, src, keys)]),
    };
    table.get_mut().make_owned();
    let mut errors = Vec::new();
    // Each retry removes every unknown key of one kind of table, so this ends; the bound
    // guards against a serde surprise.
    for _ in 0..64 {
        let de = toml::de::Deserializer::from(table.clone());
        let e = match T::deserialize(de) {
            Ok(value) => return (Some(value), sorted(errors)),
            Err(e) => e,
        };
        let span = e.span().unwrap_or(0..0);
        let path = key_path(&e);
        let removed = match unknown_field(e.message()) {
            Some((_, allowed)) => {
                let level: Vec<&str> = path.iter().map(String::as_str).collect();
                let mut removed = Vec::new();
                remove_unknown(table.get_mut(), &level, &allowed, &mut removed);
                for (key, key_span) in &removed {
                    errors.push(unknown_key(src, key, key_span.clone(), &allowed));
                }
                !removed.is_empty()
            }
            None => false,
        };
        if !removed {
            errors.push(words::value_error(src, e.message(), span, &path, keys));
            return (None, sorted(errors));
        }
    }
    (None, sorted(errors))
}

/// In the order an author reads the file, top to bottom (serde walks tables in key order).
pub(crate) fn sorted(mut errors: Vec<Diagnostic>) -> Vec<Diagnostic> {
    errors.sort_by_key(|d| d.location.as_ref().map(|l| (l.line, l.col)));
    errors
}

/// The dotted path of keys down to where a deserializing error happened, which toml's
/// errors print on their last line when they have no source text: ``in `questions.points` ``.
fn key_path(e: &toml::de::Error) -> Vec<String> {
    let shown = e.to_string();
    let last = shown.lines().last().unwrap_or("");
    match last
        .strip_prefix("in `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        Some(path) if last != e.message() => path.split('.').map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

/// Reads serde's "unknown field `x`, expected one of `a`, `b`" into the key and the choices.
fn unknown_field(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message.strip_prefix("unknown field ")?;
    let mut names = rest.split('`').skip(1).step_by(2).map(str::to_string);
    let key = names.next()?;
    Some((key, names.collect()))
}

/// Removes, from every table at `level` (a path of keys, through lists of tables), the keys
/// not in `allowed`, noting each with its span.
fn remove_unknown(
    table: &mut DeTable<'_>,
    level: &[&str],
    allowed: &[String],
    removed: &mut Vec<(String, Range<usize>)>,
) {
    match level.split_first() {
        None => {
            *table = std::mem::take(table)
                .into_iter()
                .filter(|(k, _)| {
                    let known = allowed.iter().any(|a| a == k.get_ref().as_ref());
                    if !known {
                        removed.push((k.get_ref().to_string(), k.span()));
                    }
                    known
                })
                .collect();
        }
        Some((first, rest)) => {
            for (k, v) in table.iter_mut() {
                if k.get_ref().as_ref() == *first {
                    remove_unknown_in(v.get_mut(), rest, allowed, removed);
                }
            }
        }
    }
}

fn remove_unknown_in(
    value: &mut DeValue<'_>,
    level: &[&str],
    allowed: &[String],
    removed: &mut Vec<(String, Range<usize>)>,
) {
    match value {
        DeValue::Table(t) => remove_unknown(t, level, allowed, removed),
        DeValue::Array(items) => {
            for v in items.iter_mut() {
                let v: &mut Spanned<DeValue<'_>> = v;
                remove_unknown_in(v.get_mut(), level, allowed, removed);
            }
        }
        _ => {}
    }
}

/// "unknown key `x`", with the closest allowed key, in the form the author wrote it: in a
/// table header (`[[question]]`), the whole header as it should be.
fn unknown_key(src: &Source, key: &str, span: Range<usize>, allowed: &[String]) -> Diagnostic {
    let d = src.error(span.clone(), format!("unknown key `{key}`"));
    let Some(close) = did_you_mean(key, allowed.iter().map(String::as_str)) else {
        return d.with_hint(format!("allowed keys: {}", allowed.join(", ")));
    };
    let (line, line_start) = src.line_at(span.start);
    let header = line.trim_start();
    if header.starts_with('[') {
        // The header with the key replaced, up to its closing brackets.
        let at = span.start - line_start;
        let end = header
            .rfind(']')
            .map_or(line.len(), |i| line.len() - header.len() + i + 1);
        if at <= line.len() && span.end - line_start <= end {
            let fixed = format!(
                "{}{close}{}",
                &line[line.len() - header.len()..at],
                &line[span.end - line_start..end]
            );
            return d.with_hint(format!("did you mean `{fixed}`?"));
        }
    }
    d.with_hint(format!("did you mean `{close}`?"))
}

/// A TOML syntax error, with a hint for the mistakes authors make most.
fn syntax_error(e: &toml::de::Error, src: &Source, keys: Keys) -> Diagnostic {
    let span = e.span().unwrap_or(0..0);
    let message = first_line(e.message());
    if message == "duplicate key" {
        return duplicate_key(src, span, keys);
    }
    src.error(span, format!("invalid TOML: {message}"))
        .with_hint("check the quoting and the `key = value` syntax on this line")
}

/// A key or table given twice. A single-bracket table written once per question
/// (`[questions]`) is the usual cause, where a list of tables needs double brackets.
fn duplicate_key(src: &Source, span: Range<usize>, keys: Keys) -> Diagnostic {
    let key = src.text(&span).trim_matches(['"', '\'']);
    let (line, _) = src.line_at(span.start);
    let header = line.trim();
    if let Some(path) = header
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .filter(|h| !h.starts_with('['))
    {
        let path = path.trim();
        let d = src.error(span, format!("the table `[{path}]` is written twice"));
        return if words::is_list_of_tables(keys, path) {
            d.with_hint(format!(
                "a list of tables takes double brackets: start each one with `[[{path}]]`"
            ))
        } else {
            d.with_hint(format!("write `[{path}]` once, with all its keys under it"))
        };
    }
    src.error(span, format!("`{key}` is set twice"))
        .with_hint("keep only one of them")
}

pub(crate) fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s).trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
        #[serde(default)]
        items: Vec<Item>,
    }

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        text: String,
    }

    const KEYS: Keys = &[
        ("title", "text in quotes, like `title = \"A\"`"),
        ("items", "a list of tables, each starting with `[[items]]`"),
        ("items.text", "text in quotes, like `text = \"x\"`"),
    ];

    fn run(text: &str) -> Result<Doc, Vec<Diagnostic>> {
        parse(text, &Source::new(Path::new("x.toml"), text, 0), KEYS)
    }

    #[test]
    fn reports_every_unknown_key_with_a_suggestion() {
        let errs = run("title = \"a\"\ntilte = \"b\"\n[[items]]\ntext = \"x\"\ntxet = \"y\"\n")
            .unwrap_err();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert_eq!(errs[0].position(), "x.toml:2:1");
        assert_eq!(errs[0].hint.as_deref(), Some("did you mean `title`?"));
        assert_eq!(errs[1].position(), "x.toml:5:1");
        assert_eq!(errs[1].hint.as_deref(), Some("did you mean `text`?"));
    }

    #[test]
    fn the_same_unknown_key_in_many_tables_is_reported_in_each() {
        let text =
            "title = \"a\"\n".to_string() + &"[[items]]\ntext = \"x\"\ntxet = \"y\"\n".repeat(300);
        let errs = run(&text).unwrap_err();
        assert_eq!(errs.len(), 300);
        assert_eq!(errs[299].position(), "x.toml:901:1");
    }

    #[test]
    fn an_unknown_table_suggests_the_header_as_it_should_be() {
        let errs = run("title = \"a\"\n[[item]]\ntext = \"x\"\n").unwrap_err();
        assert_eq!(errs[0].hint.as_deref(), Some("did you mean `[[items]]`?"));
    }

    #[test]
    fn a_list_of_tables_written_with_single_brackets_twice_says_so() {
        let errs =
            run("title = \"a\"\n[items]\ntext = \"x\"\n[items]\ntext = \"y\"\n").unwrap_err();
        assert_eq!(errs[0].message, "the table `[items]` is written twice");
        assert_eq!(errs[0].position(), "x.toml:4:2");
        assert_eq!(
            errs[0].hint.as_deref(),
            Some("a list of tables takes double brackets: start each one with `[[items]]`")
        );
    }

    #[test]
    fn reports_syntax_errors_with_a_position() {
        let errs = run("title = \"a\nx = 1\n").unwrap_err();
        assert_eq!(errs.len(), 1);
        assert!(errs[0].message.starts_with("invalid TOML"), "{errs:?}");
        assert_eq!(errs[0].location.as_ref().unwrap().line, 1);
    }

    #[test]
    fn reports_missing_keys_saying_what_to_write() {
        let errs = run("[[items]]\ntext = \"x\"\n").unwrap_err();
        assert_eq!(errs[0].message, "`title` is missing");
        assert_eq!(
            errs[0].hint.as_deref(),
            Some("add it: `title` is text in quotes, like `title = \"A\"`")
        );
    }

    #[test]
    fn a_value_of_the_wrong_type_says_what_to_write() {
        let errs = run("title = 3\n").unwrap_err();
        assert_eq!(
            errs[0].message,
            "`title` must be text in quotes, like `title = \"A\"`"
        );
        assert_eq!(errs[0].position(), "x.toml:1:9");
        let errs = run("title = \"a\"\nitems = \"x\"\n").unwrap_err();
        assert_eq!(
            errs[0].message,
            "`items` must be a list of tables, each starting with `[[items]]`"
        );
    }

    #[test]
    fn the_value_without_its_unknown_keys_is_still_read() {
        let text = "title = \"a\"\ntilte = \"b\"\n";
        let (doc, errs) =
            parse_lenient::<Doc>(text, &Source::new(Path::new("x.toml"), text, 0), KEYS);
        assert_eq!(doc.map(|d| d.title).as_deref(), Some("a"));
        assert_eq!(errs.len(), 1);
    }
}
