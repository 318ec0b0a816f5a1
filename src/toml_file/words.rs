//! A TOML value serde could not read, explained in the author's words: "`duration` must be a
//! whole number of minutes, like `duration = 15`" rather than "invalid type: string, expected
//! u32". Each file kind gives, per key, what the key holds ([`Keys`]); any other key gets
//! the TOML type in words.

use std::ops::Range;

use super::{first_line, Source};
use crate::diagnostic::{did_you_mean, Diagnostic};

/// Per key, what it holds and an example, as a noun phrase: `("duration", "a whole number of
/// minutes, like `duration = 15`")`. Keys of tables are dotted, through lists of tables too
/// (`questions.options.text`). The phrase of a list of tables starts with "a list of tables".
pub(crate) type Keys = &'static [(&'static str, &'static str)];

/// Whether `path` is a list of tables (`[[questions]]`) in `keys`.
pub(crate) fn is_list_of_tables(keys: Keys, path: &str) -> bool {
    what(keys, path).is_some_and(|w| w.starts_with(LIST_OF_TABLES))
}

const LIST_OF_TABLES: &str = "a list of tables";

/// What the key at `path` holds. A path not in `keys` is looked up without its first
/// level: the questions of a quiz's groups (`groups.questions.prompt`) hold what its
/// questions hold (`questions.prompt`).
fn what(keys: Keys, path: &str) -> Option<&'static str> {
    let mut path = path;
    loop {
        if let Some((_, w)) = keys.iter().find(|(k, _)| *k == path) {
            return Some(w);
        }
        path = path.split_once('.')?.1;
    }
}

/// The diagnostic for serde's `message` about the value at `span`, found under the keys
/// `path`.
pub(crate) fn value_error(
    src: &Source,
    message: &str,
    span: Range<usize>,
    path: &[String],
    keys: Keys,
) -> Diagnostic {
    let message = first_line(message);
    if let Some(field) = quoted_after(message, "missing field ") {
        let mut full = path.to_vec();
        full.push(field.to_string());
        let hint = match what(keys, &full.join(".")) {
            Some(w) => format!("add it: `{field}` is {w}"),
            None => format!("add `{field}`"),
        };
        return src
            .error(span, format!("`{field}` is missing"))
            .with_hint(hint);
    }
    let Some(key) = path.last() else {
        return src
            .error(span, message.to_string())
            .with_hint("see the README's authoring guide for the keys and their types");
    };
    let dotted = path.join(".");
    let known = what(keys, &dotted);
    if let Some(variant) = quoted_after(message, "unknown variant ") {
        let choices: Vec<&str> = message
            .split_once("expected ")
            .map(|(_, rest)| rest.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        let must = match known {
            Some(w) => format!("`{key}` must be {w}"),
            None => format!("`{key}` must be one of {}", quote_all(&choices)),
        };
        let hint = match did_you_mean(variant, choices.iter().copied()) {
            Some(close) => format!("did you mean `\"{close}\"`?"),
            None => format!("found `\"{variant}\"`"),
        };
        return src.error(span, must).with_hint(hint);
    }
    let (found, expected) = match type_mismatch(message) {
        Some(parts) => parts,
        None => {
            let must = known.map_or_else(
                || format!("`{key}` has a value aula cannot read"),
                |w| format!("`{key}` must be {w}"),
            );
            return src.error(span, must).with_hint(message.to_string());
        }
    };
    let must = match known {
        Some(w) => format!("`{key}` must be {w}"),
        None => format!("`{key}` must be {}", expected_in_words(expected)),
    };
    let mut hint = format!("found {}", found_in_words(found));
    if found.starts_with("string ") && is_number(expected) {
        hint.push_str("; write the number without quotes");
    }
    if let Some(header) = header_hint(src, &span, &dotted, keys) {
        hint = header;
    }
    src.error(span, must).with_hint(hint)
}

/// When the value is a table from a header: what is wrong with the header. `[questions]`
/// for one question wants double brackets, and `[[questions.options]]` needs a
/// `[[questions]]` above it.
fn header_hint(src: &Source, span: &Range<usize>, path: &str, keys: Keys) -> Option<String> {
    if !is_list_of_tables(keys, path) {
        return None;
    }
    let (line, _) = src.line_at(span.start);
    let line = line.trim();
    if let Some(inner) = line.strip_prefix("[[").and_then(|l| l.strip_suffix("]]")) {
        let inner = inner.trim();
        let parent = path.rsplit('.').next().unwrap_or(path);
        return (inner != path).then(|| {
            format!(
                "`[[{inner}]]` adds to the `[[{path}]]` table above it, and there is none: \
                 start the {} with `[[{path}]]`",
                parent.trim_end_matches('s')
            )
        });
    }
    let inner = line.strip_prefix('[')?.strip_suffix(']')?.trim();
    (inner == path).then(|| format!("write `[[{path}]]`, with double brackets"))
}

/// The first `quoted` name after `prefix`, when `message` starts with it.
fn quoted_after<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    message.strip_prefix(prefix)?.split('`').nth(1)
}

/// serde's "invalid type: FOUND, expected EXPECTED" (or "invalid value: …") in two.
fn type_mismatch(message: &str) -> Option<(&str, &str)> {
    let rest = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))?;
    rest.rsplit_once(", expected ")
}

fn quote_all(choices: &[&str]) -> String {
    let quoted: Vec<String> = choices.iter().map(|c| format!("`\"{c}\"`")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => "one of the allowed values".into(),
    }
}

fn is_number(expected: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    expected == "usize"
        || expected == "isize"
        || ["u", "i", "f"]
            .iter()
            .any(|p| expected.strip_prefix(p).is_some_and(digits))
}

/// What serde expected, as an author would say it.
fn expected_in_words(expected: &str) -> String {
    let words = match expected {
        e if e.starts_with('u') && is_number(e) => "a whole number, 0 or more, like `1`",
        e if e.starts_with('i') && is_number(e) => "a whole number, like `1`",
        e if is_number(e) => "a number, like `1.5`",
        "a boolean" => "`true` or `false`",
        "a string" | "a borrowed string" | "path string" | "a character" => {
            "text in quotes, like `\"…\"`"
        }
        "a sequence" => "a list, like `[\"…\"]`",
        e if e == "a map" || e.starts_with("struct ") => "a table",
        e => return e.to_string(),
    };
    words.to_string()
}

/// What serde found, as an author would say it.
fn found_in_words(found: &str) -> String {
    if let Some(text) = found.strip_prefix("string ") {
        return format!("{text}, which is text in quotes");
    }
    let value = |prefix: &str| {
        found
            .strip_prefix(prefix)
            .map(|v| v.trim_matches('`').to_string())
    };
    if let Some(n) = value("integer ").or_else(|| value("floating point ")) {
        return format!("the number {n}");
    }
    if let Some(b) = value("boolean ") {
        return format!("`{b}`");
    }
    match found {
        "map" => "a table".into(),
        "sequence" => "a list".into(),
        f => f.to_string(),
    }
}

/// Asserts that `keys` describes every key `T` allows, at every level, and nothing else,
/// and that a value of the wrong type for each key gets its description.
#[cfg(test)]
pub(crate) fn assert_every_key_is_described<T: serde::de::DeserializeOwned>(keys: Keys) {
    use std::path::Path;
    // TOML that opens the table at `path`, through its parents.
    let open = |path: &str| -> String {
        let mut toml = String::new();
        let mut at = String::new();
        for part in path.split('.').filter(|p| !p.is_empty()) {
            at = if at.is_empty() {
                part.to_string()
            } else {
                format!("{at}.{part}")
            };
            if is_list_of_tables(keys, &at) {
                toml.push_str(&format!("[[{at}]]\n"));
            } else {
                toml.push_str(&format!("[{at}]\n"));
            }
        }
        toml
    };
    let is_table = |w: &str| w.starts_with(LIST_OF_TABLES) || w.starts_with("a table");
    // A table of tables (`[languages.en]`) has keys of the author's choosing.
    let is_map = |w: &str| w.starts_with("a table of tables");
    let levels = std::iter::once("").chain(
        keys.iter()
            .filter(|(_, w)| is_table(w) && !is_map(w))
            .map(|(k, _)| *k),
    );
    let mut allowed = Vec::new();
    for level in levels {
        let text = format!("{}zzz = 1\n", open(level));
        let src = Source::new(Path::new("x.toml"), &text, 0);
        let errors = super::parse::<T>(&text, &src, keys)
            .err()
            .unwrap_or_else(|| panic!("{text} was read"));
        let names = errors
            .iter()
            .find_map(|e| e.hint.as_deref()?.strip_prefix("allowed keys: "))
            .unwrap_or_else(|| panic!("{errors:?}"));
        for name in names.split(", ") {
            let path = if level.is_empty() {
                name.to_string()
            } else {
                format!("{level}.{name}")
            };
            assert!(what(keys, &path).is_some(), "no words for `{path}`");
            allowed.push(path);
        }
    }
    for (path, words) in keys {
        assert!(allowed.iter().any(|a| a == path), "`{path}` is not a key");
        let (parent, key) = path.rsplit_once('.').unwrap_or(("", path));
        let wrong = if is_table(words) { "1" } else { "{}" };
        let text = format!("{}{key} = {wrong}\n", open(parent));
        let src = Source::new(Path::new("x.toml"), &text, 0);
        let errors = super::parse::<T>(&text, &src, keys)
            .err()
            .unwrap_or_else(|| panic!("{text} was read"));
        let must = format!("`{key}` must be {words}");
        assert!(
            errors.iter().any(|e| e.message == must),
            "{text}: {errors:?}"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_types_are_put_in_words() {
        assert_eq!(
            expected_in_words("u32"),
            "a whole number, 0 or more, like `1`"
        );
        assert_eq!(expected_in_words("i64"), "a whole number, like `1`");
        assert_eq!(expected_in_words("a sequence"), "a list, like `[\"…\"]`");
        assert_eq!(expected_in_words("struct RawOption"), "a table");
        assert_eq!(
            found_in_words("string \"long\""),
            "\"long\", which is text in quotes"
        );
        assert_eq!(found_in_words("integer `-1`"), "the number -1");
        assert_eq!(found_in_words("map"), "a table");
        assert_eq!(
            quote_all(&["instant", "submit"]),
            "`\"instant\"` or `\"submit\"`"
        );
    }
}
