//! Errors as data: every problem aula finds in a course is a [`Diagnostic`] with a file, a
//! position, a message and a hint. The terminal and the in-page overlay of `aula serve` both
//! print them through [`Diagnostic`]'s `Display`, so the wording is the same everywhere.

use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

/// A position in a source file, 1-based, with the text of that line for the snippet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub col: usize,
    /// How many characters the caret underline covers (at least 1).
    pub width: usize,
    pub source_line: String,
}

/// One problem in the course, ready to show to its author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Path as the author knows it, relative to the course root.
    pub file: PathBuf,
    pub location: Option<Location>,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A problem with a whole file, or one whose position is unknown.
    pub fn new(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            location: None,
            message: message.into(),
            hint: None,
        }
    }

    /// A problem at `span`, a byte range of `source`, the full text of `file`.
    pub fn at(
        file: impl Into<PathBuf>,
        source: &str,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let mut d = Diagnostic::new(file, message);
        d.location = Some(locate(source, span));
        d
    }

    /// Adds what the author should do about it.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// `file:line:col`, or just the file when the position is unknown.
    pub fn position(&self) -> String {
        let file = crate::paths::slashed(&self.file);
        match &self.location {
            Some(loc) => format!("{file}:{}:{}", loc.line, loc.col),
            None => file,
        }
    }
}

/// Turns a byte range into line, column and the text of the line.
pub fn locate(source: &str, span: Range<usize>) -> Location {
    let start = floor_char_boundary(source, span.start.min(source.len()));
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[start..]
        .find('\n')
        .map_or(source.len(), |i| start + i);
    let source_line = source[line_start..line_end].trim_end_matches('\r');
    let end = floor_char_boundary(source, span.end.clamp(start, line_end));
    Location {
        line: source[..start].matches('\n').count() + 1,
        col: source[line_start..start].chars().count() + 1,
        width: source[start..end].chars().count().max(1),
        source_line: source_line.to_string(),
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Diagnostic {
    /// Rendered like rustc: a headline, the position, the line with a caret, and the hint.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", self.message)?;
        writeln!(f, "  --> {}", self.position())?;
        if let Some(loc) = &self.location {
            let gutter = loc.line.to_string().len();
            let pad = " ".repeat(gutter);
            writeln!(f, " {pad} |")?;
            writeln!(f, " {} | {}", loc.line, loc.source_line)?;
            let before: String = loc
                .source_line
                .chars()
                .take(loc.col - 1)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            writeln!(f, " {pad} | {before}{}", "^".repeat(loc.width))?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// The closest of `candidates` to `word`, if any is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Prints diagnostics and the closing count line, as `build` and `check` report them.
pub fn report(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&d.to_string());
        out.push('\n');
    }
    let n = diagnostics.len();
    out.push_str(&format!(
        "aula: {n} error{} found\n",
        if n == 1 { "" } else { "s" }
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_multibyte_columns() {
        let src = "a = 1\ntítulo = \"x\"\n";
        let at = src.find("= \"x").unwrap();
        let loc = locate(src, at..at + 1);
        assert_eq!((loc.line, loc.col), (2, 8));
        assert_eq!(loc.source_line, "título = \"x\"");
    }

    #[test]
    fn renders_a_caret_under_the_span() {
        let src = "tilte = \"x\"\n";
        let d = Diagnostic::at("site.toml", src, 0..5, "unknown key `tilte`")
            .with_hint("did you mean `title`?");
        let text = d.to_string();
        assert!(text.contains("--> site.toml:1:1"), "{text}");
        assert!(text.contains(" 1 | tilte = \"x\"\n   | ^^^^^\n"), "{text}");
        assert!(text.contains("= hint: did you mean `title`?"), "{text}");
    }

    #[test]
    fn suggests_close_words_only() {
        assert_eq!(did_you_mean("tilte", ["title", "weight"]), Some("title"));
        assert_eq!(did_you_mean("zzz", ["title", "weight"]), None);
    }
}
