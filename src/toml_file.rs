//! Reading author-written TOML (site.toml, front matter, quizzes) into typed structs, with
//! every unknown key reported at its line and column together with a "did you mean".
//!
//! serde stops at the first unknown field, so we take the offending key out of the parsed
//! table and try again: the author sees every misspelt key of a file in one run.

use std::ops::Range;
use std::path::Path;

use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::diagnostic::{did_you_mean, Diagnostic};

/// Where a TOML text sits in its file: front matter starts a few bytes in.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub path: &'a Path,
    /// The whole file, for line numbers and snippets.
    pub file_text: &'a str,
    /// Byte offset of the TOML text within `file_text`.
    pub offset: usize,
}

impl Source<'_> {
    /// A diagnostic at a byte range of the TOML text.
    pub fn error(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        let span = span.start + self.offset..span.end + self.offset;
        Diagnostic::at(self.path, self.file_text, span, message)
    }
}

/// Parses `text` into `T`. All unknown keys are reported; other errors stop at the first,
/// since serde cannot go on past a value of the wrong type.
pub fn parse<T: DeserializeOwned>(text: &str, src: Source) -> Result<T, Vec<Diagnostic>> {
    // Most files are right: read them straight, and build the table that can be taken
    // apart key by key only for a file with a mistake.
    if let Ok(value) = toml::from_str(text) {
        return Ok(value);
    }
    let mut table = match DeTable::parse(text) {
        Ok(t) => t,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let d = src
                .error(span, format!("invalid TOML: {}", first_line(e.message())))
                .with_hint("check the quoting and the `key = value` syntax on this line");
            return Err(vec![d]);
        }
    };
    table.get_mut().make_owned();
    let mut errors = Vec::new();
    // Each retry removes one key, so this ends; the bound guards against a serde surprise.
    for _ in 0..64 {
        let de = toml::de::Deserializer::from(table.clone());
        match T::deserialize(de) {
            Ok(value) if errors.is_empty() => return Ok(value),
            Ok(_) => return Err(sorted(errors)),
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                let message = e.message().to_string();
                match unknown_field(&message) {
                    Some((key, expected)) if remove_key(table.get_mut(), &span) => {
                        let mut d = src.error(span, format!("unknown key `{key}`"));
                        d = match did_you_mean(&key, expected.iter().map(String::as_str)) {
                            Some(m) => d.with_hint(format!("did you mean `{m}`?")),
                            None => d.with_hint(format!("allowed keys: {}", expected.join(", "))),
                        };
                        errors.push(d);
                    }
                    _ => {
                        errors.push(src.error(span, first_line(&message).to_string()).with_hint(
                            "see the README's authoring guide for the keys and their types",
                        ));
                        return Err(sorted(errors));
                    }
                }
            }
        }
    }
    Err(sorted(errors))
}

/// serde walks tables in key order; authors read top to bottom.
fn sorted(mut errors: Vec<Diagnostic>) -> Vec<Diagnostic> {
    errors.sort_by_key(|d| d.location.as_ref().map(|l| (l.line, l.col)));
    errors
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s).trim()
}

/// Reads serde's "unknown field `x`, expected one of `a`, `b`" into the key and the choices.
fn unknown_field(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message.strip_prefix("unknown field ")?;
    let mut names = rest.split('`').skip(1).step_by(2).map(str::to_string);
    let key = names.next()?;
    Some((key, names.collect()))
}

/// Removes the entry whose key sits at `span`, anywhere in the tree.
fn remove_key(table: &mut DeTable<'_>, span: &Range<usize>) -> bool {
    if table.keys().any(|k| k.span() == *span) {
        *table = std::mem::take(table)
            .into_iter()
            .filter(|(k, _)| k.span() != *span)
            .collect();
        return true;
    }
    table
        .iter_mut()
        .any(|(_, v)| remove_key_in_value(v.get_mut(), span))
}

fn remove_key_in_value(value: &mut DeValue<'_>, span: &Range<usize>) -> bool {
    match value {
        DeValue::Table(t) => remove_key(t, span),
        DeValue::Array(items) => items
            .iter_mut()
            .any(|v: &mut Spanned<DeValue<'_>>| remove_key_in_value(v.get_mut(), span)),
        _ => false,
    }
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

    fn run(text: &str) -> Result<Doc, Vec<Diagnostic>> {
        let src = Source {
            path: Path::new("x.toml"),
            file_text: text,
            offset: 0,
        };
        parse(text, src)
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
    fn reports_syntax_errors_with_a_position() {
        let errs = run("title = \"a\nx = 1\n").unwrap_err();
        assert_eq!(errs.len(), 1);
        assert!(errs[0].message.starts_with("invalid TOML"), "{errs:?}");
        assert_eq!(errs[0].location.as_ref().unwrap().line, 1);
    }

    #[test]
    fn reports_missing_keys() {
        let errs = run("[[items]]\ntext = \"x\"\n").unwrap_err();
        assert!(
            errs[0].message.contains("missing field `title`"),
            "{errs:?}"
        );
    }
}
