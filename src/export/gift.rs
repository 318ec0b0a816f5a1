//! GIFT, Moodle's text format for questions: each question a paragraph,
//! `::name::[markdown]text{answers####general feedback}`, and `$CATEGORY:` lines.
//!
//! Written to what Moodle's own reader (question/format/gift/format.php) takes: `~ = # { } :`
//! and `\` are escaped with a backslash, and line breaks written `\n`, since a blank line
//! ends a question. Answers inherit the question text's `[markdown]` format.

use std::fmt::Write;

use super::mapping::{Kind, Note, Question};
use super::sources::Category;

/// A GIFT file being written.
pub(crate) struct Bank {
    text: String,
}

impl Bank {
    /// The start of the file: what it is, for whoever opens it.
    pub(crate) fn new(title: &str) -> Bank {
        Bank {
            text: format!(
                "// {}\n// Written by aula export for Moodle's question bank (GIFT format).\n\n",
                one_line(title)
            ),
        }
    }

    /// A category line: the questions below it go into that category.
    pub(crate) fn category(&mut self, category: &Category) {
        // Moodle reads the rest of the line as the path, without unescaping it.
        let _ = writeln!(self.text, "$CATEGORY: {}\n", category.path());
    }

    /// Appends `q` under a comment saying where it comes from (`file:line`), or says why
    /// GIFT cannot hold it. The notes are what GIFT drops that Moodle XML keeps.
    pub(crate) fn question(&mut self, q: &Question, from: &str) -> Result<Vec<Note>, Note> {
        question(&mut self.text, q, from)
    }

    /// The file's text.
    pub(crate) fn finish(self) -> String {
        self.text
    }
}

fn question(out: &mut String, q: &Question, from: &str) -> Result<Vec<Note>, Note> {
    let mut notes = Vec::new();
    let mut answers = String::new();
    match &q.kind {
        Kind::MultiChoice {
            single,
            answers: options,
            incorrect_feedback,
            ..
        } => {
            for o in options {
                let mark = match (o.percent.as_str(), single) {
                    ("100", true) => "=".to_string(),
                    // Moodle would read a text starting `%50%` as a weight.
                    ("0", _) if !o.text.starts_with('%') => "~".to_string(),
                    (p, _) => format!("~%{p}%"),
                };
                // GIFT has no feedback for a wrong answer as a whole: each wrong option
                // without its own says it.
                let feedback = o
                    .feedback
                    .as_ref()
                    .or(incorrect_feedback.as_ref().filter(|_| !o.right()));
                let _ = write!(answers, "\t{mark}{}", escape(&o.text));
                if let Some(f) = feedback {
                    let _ = write!(answers, "#{}", escape(f));
                }
                answers.push('\n');
            }
        }
        Kind::TrueFalse {
            answer,
            wrong_feedback,
        } => {
            answers.push_str(if *answer { "TRUE" } else { "FALSE" });
            if let Some(f) = wrong_feedback {
                let _ = write!(answers, "#{}", escape(f));
            }
        }
        Kind::ShortAnswer {
            answers: accepted,
            wrong_feedback,
        } => {
            for a in accepted {
                let weight = if a.starts_with('%') { "%100%" } else { "" };
                let _ = writeln!(answers, "\t={weight}{}", escape(a));
            }
            if let Some(f) = wrong_feedback {
                let _ = writeln!(answers, "\t=%0%*#{}", escape(f));
            }
            // Moodle reads answers with `=` and `->` as a matching question's, and GIFT
            // cannot escape `->`.
            if answers.contains("->") {
                return Err(Note::skipped(
                    format!("short question `{}` has `->` in an answer or its feedback, which GIFT reads as a matching question", q.name),
                    "export with `--format moodle-xml`, which can hold it",
                ));
            }
        }
        Kind::Numerical {
            answer,
            tolerance,
            wrong_feedback,
        } => {
            let _ = writeln!(answers, "#\n\t={answer}:{tolerance}");
            if let Some(f) = wrong_feedback {
                let _ = writeln!(answers, "\t~#{}", escape(f));
            }
        }
        Kind::Matching {
            pairs,
            distractors,
            incorrect_feedback,
            ..
        } => {
            // Each pair is split at its first `->`.
            if pairs.iter().any(|(left, _)| left.contains("->")) {
                return Err(Note::skipped(
                    format!(
                        "a left item of question `{}` holds `->`, where GIFT splits a pair",
                        q.name
                    ),
                    "export with `--format moodle-xml`, which can hold it",
                ));
            }
            for (left, right) in pairs {
                let _ = writeln!(answers, "\t={} -> {}", escape(left), escape(right));
            }
            for d in distractors {
                let _ = writeln!(answers, "\t= -> {}", escape(d));
            }
            if incorrect_feedback.is_some() {
                notes.push(Note::approximated(
                    format!("the feedback of question `{}` is left out: GIFT has no feedback for a matching question", q.name),
                    "export with `--format moodle-xml`, which keeps it",
                ));
            }
        }
    }
    if let Some(g) = &q.general_feedback {
        let indent = if answers.ends_with('\n') { "\t" } else { "" };
        let _ = write!(answers, "{indent}####{}", escape(g));
        if !indent.is_empty() {
            answers.push('\n');
        }
    }
    if q.hint.is_some() {
        notes.push(Note::approximated(
            format!(
                "the hint of question `{}` is left out: GIFT has no hints",
                q.name
            ),
            "export with `--format moodle-xml`, which keeps it",
        ));
    }
    if q.points != 1 {
        notes.push(Note::approximated(
            format!(
                "question `{}` is worth {} points, and GIFT has no marks: Moodle gives it 1",
                q.name, q.points
            ),
            "export with `--format moodle-xml`, which keeps the mark, or set it in Moodle",
        ));
    }
    // `{#` opens a numerical question's answers, which follow on their own lines.
    let open = if answers.contains('\n') && !answers.starts_with('#') {
        "{\n"
    } else {
        "{"
    };
    let _ = writeln!(
        out,
        "// {from}\n::{}::[markdown]{}{open}{answers}}}\n",
        escape(&q.name),
        escape(&q.text)
    );
    Ok(notes)
}

/// `text` as GIFT holds it, as Moodle's own GIFT writer escapes it.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '~' | '=' | '#' | '{' | '}' | ':' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A comment's text on one line.
fn one_line(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_characters_and_line_breaks_are_escaped() {
        assert_eq!(
            escape("a = b: {c} ~d #e \\f\ng"),
            "a \\= b\\: \\{c\\} \\~d \\#e \\\\f\\ng"
        );
    }
}
