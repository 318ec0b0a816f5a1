//! Errors as data: every problem aula finds in a course is a [`Diagnostic`] with a severity,
//! a file, a position, a message and a hint. The terminal and the in-page overlay of
//! `aula serve` both print them through [`report`], so the wording is the same everywhere.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

pub(crate) use crate::locate::{locate, LineIndex, Location};

/// Whether a diagnostic stops the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Severity {
    /// The course cannot be built as it is.
    #[default]
    Error,
    /// Worth knowing, but the build goes on and succeeds.
    Warning,
}

/// One problem in the course, ready to show to its author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub(crate) severity: Severity,
    /// Path as the author knows it, relative to the course root.
    pub(crate) file: PathBuf,
    /// Boxed: diagnostics travel in `Result`s everywhere, and most have no position.
    pub(crate) location: Option<Box<Location>>,
    pub(crate) message: String,
    pub(crate) hint: Option<String>,
}

impl Diagnostic {
    /// A problem with a whole file, or one whose position is unknown.
    pub fn new(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            location: None,
            message: message.into(),
            hint: None,
        }
    }

    /// A problem at `span`, a byte range of `source`, the full text of `file`. This scans
    /// `source` up to the span: for many problems in one file, locate them with a
    /// [`LineIndex`] and [`Diagnostic::located`].
    pub fn at(
        file: impl Into<PathBuf>,
        source: &str,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic::new(file, message).located(locate(source, span))
    }

    /// The same problem, at `location`.
    pub fn located(mut self, location: Location) -> Self {
        self.location = Some(Box::new(location));
        self
    }

    /// Adds what the author should do about it.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The same, as a warning: shown, but the build still succeeds.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
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

impl fmt::Display for Diagnostic {
    /// Rendered like rustc: a headline, the position, the line with a caret, and the hint.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{severity}: {}", self.message)?;
        writeln!(f, "  --> {}", self.position())?;
        if let Some(loc) = &self.location {
            let gutter = loc.line.to_string().len();
            let pad = " ".repeat(gutter);
            writeln!(f, " {pad} |")?;
            writeln!(f, " {} | {}", loc.line, loc.snippet)?;
            let before: String = loc
                .snippet
                .chars()
                .take(loc.caret - 1)
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

/// The closest of `candidates` to `word`, if any is close enough to be a likely typo. A
/// singular written for a plural, or the other way round, always is.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| {
            let number_slip =
                c.strip_suffix('s') == Some(word) || word.strip_suffix('s') == Some(c);
            let score = if number_slip {
                2.0
            } else {
                strsim::jaro_winkler(word, c)
            };
            (score, c)
        })
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// The diagnostics without repeats: one template error fails every page alike, and is
/// said once.
pub(crate) fn dedup(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen = std::collections::HashSet::new();
    diagnostics
        .into_iter()
        .filter(|d| seen.insert(d.to_string()))
        .collect()
}

/// How many diagnostics of one kind in one file are shown before the rest are counted in
/// one line: the first few say what is wrong, and thousands would only bury other errors.
pub const MAX_ALIKE: usize = 50;

/// Prints diagnostics and the closing count line, as `build` and `check` report them and
/// `aula serve` shows them over its pages. After [`MAX_ALIKE`] diagnostics of one kind (the
/// same message but for its quoted names and its numbers) in one file, one line counts
/// the rest, so that the output stays small however many there are.
pub fn report(diagnostics: &[Diagnostic]) -> String {
    let key = |d: &'_ Diagnostic| (d.file.clone(), d.severity, shape(&d.message));
    let mut totals: HashMap<(PathBuf, Severity, String), usize> = HashMap::new();
    for d in diagnostics {
        *totals.entry(key(d)).or_default() += 1;
    }
    let mut shown: HashMap<(PathBuf, Severity, String), usize> = HashMap::new();
    let mut out = String::new();
    for d in diagnostics {
        let k = key(d);
        let n = shown.entry(k.clone()).or_default();
        *n += 1;
        if *n > MAX_ALIKE {
            continue;
        }
        out.push_str(&d.to_string());
        out.push('\n');
        let total = totals[&k];
        if *n == MAX_ALIKE && total > MAX_ALIKE {
            let kind = match d.severity {
                Severity::Error => ("error", "errors"),
                Severity::Warning => ("warning", "warnings"),
            };
            let more = total - MAX_ALIKE;
            out.push_str(&format!(
                "… and {} more {} like this in {}\n\n",
                thousands(more),
                if more == 1 { kind.0 } else { kind.1 },
                crate::paths::slashed(&d.file)
            ));
        }
    }
    out.push_str(&count_line(diagnostics));
    out
}

/// `aula: 2 errors found`, with the warnings counted too when there are any.
fn count_line(diagnostics: &[Diagnostic]) -> String {
    let warnings = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    let errors = diagnostics.len() - warnings;
    let counted = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (_, 0) => format!("aula: {} found\n", counted(errors, "error")),
        (0, _) => format!("aula: {} found\n", counted(warnings, "warning")),
        _ => format!(
            "aula: {} and {} found\n",
            counted(errors, "error"),
            counted(warnings, "warning")
        ),
    }
}

/// What diagnostics of one kind share: the message with every `quoted` part and every
/// number left out. "link to a missing anchor `#a` in x.md" and "… `#b` in x.md" are alike.
fn shape(message: &str) -> String {
    let mut shape = String::with_capacity(message.len());
    let mut quoted = false;
    for c in message.chars() {
        match c {
            '`' => {
                quoted = !quoted;
                shape.push('`');
            }
            _ if quoted => {}
            '0'..='9' => {
                if !shape.ends_with('#') {
                    shape.push('#');
                }
            }
            c => shape.push(c),
        }
    }
    shape
}

/// `7950` as `7,950`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_warning_says_so_in_its_headline_and_its_count() {
        let w = Diagnostic::new("site.toml", "base_url is not set").warning();
        assert!(w.to_string().starts_with("warning: base_url is not set\n"));
        let alone = report(std::slice::from_ref(&w));
        assert!(alone.ends_with("aula: 1 warning found\n"), "{alone}");
        let e = Diagnostic::new("site.toml", "broken");
        assert!(
            report(&[e.clone(), w.clone(), w]).ends_with("aula: 1 error and 2 warnings found\n")
        );
        assert!(report(&[e.clone(), e]).ends_with("aula: 2 errors found\n"));
    }

    #[test]
    fn many_errors_of_one_kind_in_one_file_are_counted_after_the_first_fifty() {
        let src = "x\n";
        let mut errors: Vec<Diagnostic> = (0..8000)
            .map(|i| Diagnostic::at("a.md", src, 0..1, format!("missing anchor `#n{i}` in a.md")))
            .collect();
        errors.push(Diagnostic::at("a.md", src, 0..1, "this page has no title"));
        errors.push(Diagnostic::at(
            "b.md",
            src,
            0..1,
            "missing anchor `#z` in a.md",
        ));
        let text = report(&errors);
        assert_eq!(text.matches("error: missing anchor").count(), MAX_ALIKE + 1);
        assert!(
            text.contains("`#n49`") && !text.contains("`#n50`"),
            "{text}"
        );
        assert!(
            text.contains("\n… and 7,950 more errors like this in a.md\n"),
            "{text}"
        );
        assert!(text.contains("error: this page has no title"));
        assert!(text.contains("  --> b.md:1:1"));
        assert!(text.ends_with("aula: 8002 errors found\n"), "{text}");
    }

    #[test]
    fn messages_differing_in_names_and_numbers_are_alike() {
        assert_eq!(
            shape("question 3 has `a` twice"),
            shape("question 12 has `b` twice")
        );
        assert_ne!(
            shape("question `a` has no prompt"),
            shape("question `a` has no options")
        );
        assert_eq!(thousands(7950), "7,950");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(12), "12");
    }

    #[test]
    fn suggests_close_words_only() {
        assert_eq!(did_you_mean("tilte", ["title", "weight"]), Some("title"));
        assert_eq!(did_you_mean("zzz", ["title", "weight"]), None);
    }

    #[test]
    fn a_singular_for_a_plural_is_always_suggested() {
        assert_eq!(
            did_you_mean("question", ["questions", "quest"]),
            Some("questions")
        );
        assert_eq!(
            did_you_mean("options", ["option", "optional"]),
            Some("option")
        );
    }
}
