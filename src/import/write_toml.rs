//! The imported questions as a quiz file an author can read and edit: every key aula
//! reads, in the order the README documents them, each question headed by a comment naming
//! where it came from, and what the import could not keep said in comments above it.

use std::collections::HashSet;
use std::fmt::Write;

use super::{Answer, Choice, Format, Question};

/// The quiz file for `questions`, imported from `source` (its name, as the user gave it)
/// in `format`, titled `title`.
pub(crate) fn quiz_toml(
    title: &str,
    source: &str,
    format: Format,
    questions: &[Question],
) -> String {
    let mut out = String::with_capacity(questions.len() * 400 + 400);
    let _ = writeln!(
        out,
        "# Imported by `aula import` from {source} ({}): {} question{}.",
        format.name(),
        questions.len(),
        if questions.len() == 1 { "" } else { "s" }
    );
    out.push_str(
        "# Put it in a module folder as quiz.toml or NAME.quiz.toml, and run `aula check`.\n",
    );
    let _ = writeln!(out, "title = {}", string(title));
    out.push_str("# mode = \"submit\"   # or \"instant\", \"both\"\n");
    out.push_str("# pass = 70         # percent; site.toml's [quiz] pass by default\n");
    out.push_str("# shuffle = true    # questions and options; \"options\": options only\n");
    let mut ids = HashSet::new();
    let mut category: Option<&str> = None;
    let mut group: Option<&str> = None;
    let mut group_ids = HashSet::new();
    for q in questions {
        if q.category.as_deref() != category {
            category = q.category.as_deref();
            if let Some(c) = category {
                let _ = write!(out, "\n# ── Category: {} ──\n", one_line(c));
            }
        }
        let key = q.group.as_ref().map(|(k, _)| k.as_str());
        if key != group {
            group = key;
            if let Some((key, context)) = &q.group {
                out.push_str("\n[[groups]]\n");
                if let Some(id) = unique_id(key, &mut group_ids) {
                    let _ = writeln!(out, "id = {}", string(&id));
                }
                if !context.trim().is_empty() {
                    let _ = writeln!(out, "context = {}", string(context));
                }
            }
        }
        question(&mut out, source, q, group.is_some(), &mut ids);
    }
    out
}

/// The first question that aula's quiz reader refuses once written, and its first error.
/// Each is read alone, in a quiz of its own: reading the whole file back would cost many
/// times its size, which for a bank of 100,000 questions is gigabytes.
pub(crate) fn first_unreadable(questions: &[Question]) -> Option<(usize, String)> {
    let path = std::path::Path::new("check.quiz.toml");
    questions.iter().enumerate().find_map(|(i, q)| {
        let mut toml = String::from("title = \"Check\"\n");
        question(&mut toml, "bank", q, false, &mut HashSet::new());
        let errors = crate::quiz::parse(path, &toml, 70).err()?;
        let first = errors.first().map(ToString::to_string).unwrap_or_default();
        Some((i, format!("{first}in:\n{toml}")))
    })
}

/// An id for a question from the bank's own id, kept when aula takes it, or from its title.
fn question_id(q: &Question, ids: &mut HashSet<String>) -> Option<String> {
    match (&q.id, &q.title) {
        (Some(id), _) => unique_id(id, ids),
        (None, Some(title)) => unique_id(&slug::slugify(title), ids),
        (None, None) => None,
    }
}

/// One question, as `[[questions]]` or, in a group, `[[groups.questions]]`.
fn question(
    out: &mut String,
    source: &str,
    q: &Question,
    in_group: bool,
    ids: &mut HashSet<String>,
) {
    let table = if in_group {
        "groups.questions"
    } else {
        "questions"
    };
    out.push('\n');
    let _ = write!(out, "# {source}:{}", q.line);
    if let Some(title) = &q.title {
        let _ = write!(out, " \"{}\"", one_line(title));
    }
    out.push('\n');
    for note in &q.notes {
        let _ = writeln!(out, "# note: {}", one_line(note));
    }
    let _ = writeln!(out, "[[{table}]]");
    if let Some(id) = question_id(q, ids) {
        let _ = writeln!(out, "id = {}", string(&id));
    }
    let kind = match &q.answer {
        Answer::Single(_) => "single",
        Answer::Multiple { .. } => "multiple",
        Answer::TrueFalse(_) => "true_false",
        Answer::Match { .. } => "match",
        Answer::Short { .. } => "short",
        Answer::Numeric { .. } => "numeric",
    };
    let _ = writeln!(out, "type = \"{kind}\"");
    let _ = writeln!(out, "prompt = {}", string(&q.prompt));
    if let Some(points) = q.points {
        let _ = writeln!(out, "points = {points}");
    }
    let optional = [
        ("hint", &q.hint),
        ("explanation", &q.explanation),
        ("feedback", &q.feedback),
    ];
    for (key, value) in optional {
        if let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) {
            let _ = writeln!(out, "{key} = {}", string(v));
        }
    }
    match &q.answer {
        Answer::Single(options) => self::options(out, table, options),
        Answer::Multiple { options, partial } => {
            if *partial {
                out.push_str(
                    "scoring = \"partial\"   # +1 per right pick, −1 per wrong pick, floor 0\n",
                );
            }
            self::options(out, table, options);
        }
        Answer::TrueFalse(answer) => {
            let _ = writeln!(out, "answer = {answer}");
        }
        Answer::Match { pairs, distractors } => {
            // Moodle's matching gives a share of the mark for each right pair.
            out.push_str("scoring = \"partial\"   # a share of the points per right pair\n");
            if !distractors.is_empty() {
                let _ = writeln!(out, "distractors = {}", list(distractors));
            }
            for (left, right) in pairs {
                let _ = writeln!(out, "[[{table}.pairs]]");
                let _ = writeln!(out, "left = {}", string(left));
                let _ = writeln!(out, "right = {}", string(right));
            }
        }
        Answer::Short { accept, pattern } => {
            if !accept.is_empty() {
                let _ = writeln!(out, "accept = {}", list(accept));
            }
            if let Some(pattern) = pattern {
                let _ = writeln!(out, "pattern = {}", string(pattern));
            }
        }
        Answer::Numeric { answer, tolerance } => {
            let _ = writeln!(out, "answer = {}", number(*answer));
            if *tolerance > 0.0 {
                let _ = writeln!(out, "tolerance = {}", number(*tolerance));
            }
        }
    }
}

fn options(out: &mut String, table: &str, options: &[Choice]) {
    for o in options {
        let _ = writeln!(out, "[[{table}.options]]");
        let _ = writeln!(out, "text = {}", string(&o.text));
        if o.correct {
            out.push_str("correct = true\n");
        }
        if let Some(f) = o.feedback.as_deref().filter(|f| !f.trim().is_empty()) {
            let _ = writeln!(out, "feedback = {}", string(f));
        }
    }
}

/// An id aula takes (letters, digits, `-`, `_`) made from `name`, unused so far: the name
/// itself when it is one, else its slug, numbered when taken; none when it has no letters.
fn unique_id(name: &str, taken: &mut HashSet<String>) -> Option<String> {
    let valid = |s: &str| {
        !s.is_empty()
            && s.len() <= 64
            && s.chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    };
    let base = if valid(name) {
        name.to_string()
    } else {
        let mut slug = slug::slugify(name);
        slug.truncate(48);
        slug.trim_end_matches('-').to_string()
    };
    if !valid(&base) {
        return None;
    }
    let mut id = base.clone();
    let mut n = 1;
    while !taken.insert(id.clone()) {
        n += 1;
        id = format!("{base}-{n}");
    }
    Some(id)
}

/// A TOML string: basic and quoted on one line, or `"""` when it has several.
fn string(s: &str) -> String {
    if !s.contains('\n') {
        return toml::Value::String(s.to_string()).to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str("\"\"\"\n");
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            // A quote is escaped only where quotes could close the string: before another
            // quote, and at its end; code with quotes stays readable.
            '"' if matches!(chars.peek(), Some('"') | None) => out.push_str("\\\""),
            '\n' => out.push('\n'),
            '\t' => out.push('\t'),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push_str("\"\"\"");
    out
}

fn list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|i| string(&one_line(i))).collect();
    format!("[{}]", items.join(", "))
}

/// A number as TOML writes a float, with a dot, so that it never reads as an integer.
fn number(n: f64) -> String {
    let s = format!("{n:?}");
    if s.contains(['.', 'e', 'E']) {
        s
    } else {
        format!("{s}.0")
    }
}

/// A text for a comment or a list: its lines joined with spaces.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parses(toml: &str) -> crate::quiz::Quiz {
        crate::quiz::parse(std::path::Path::new("bank.quiz.toml"), toml, 70)
            .unwrap_or_else(|e| panic!("{toml}\n{}", crate::diagnostic::report(&e)))
    }

    #[test]
    fn every_kind_is_written_as_aula_reads_it() {
        let choice = |text: &str, correct| Choice {
            text: text.into(),
            correct,
            feedback: Some(format!("about \"{text}\"")),
        };
        let mut qs = vec![
            Question::new(
                1,
                "Line one\nand \"two\" \\ three".into(),
                Answer::Single(vec![choice("a", true), choice("b", false)]),
            ),
            Question::new(
                3,
                "Pick".into(),
                Answer::Multiple {
                    options: vec![choice("a", true), choice("b", true), choice("c", false)],
                    partial: true,
                },
            ),
            Question::new(5, "True?".into(), Answer::TrueFalse(false)),
            Question::new(
                7,
                "Match".into(),
                Answer::Match {
                    pairs: vec![("x".into(), "1".into()), ("y".into(), "2".into())],
                    distractors: vec!["3".into()],
                },
            ),
            Question::new(
                9,
                "Say".into(),
                Answer::Short {
                    accept: vec!["yes".into(), "oui".into()],
                    pattern: None,
                },
            ),
            Question::new(
                11,
                "How many".into(),
                Answer::Numeric {
                    answer: 3.0,
                    tolerance: 0.5,
                },
            ),
        ];
        qs[0].title = Some("First one".into());
        qs[1].title = Some("First one".into());
        qs[2].category = Some("Top/Sub".into());
        qs[2].notes.push("lost\nsomething".into());
        qs[3].group = Some(("case".into(), "A case".into()));
        qs[4].group = Some(("case".into(), "A case".into()));
        qs[5].explanation = Some("Because".into());
        let toml = quiz_toml("Bank", "bank.gift", Format::Gift, &qs);
        let quiz = parses(&toml);
        assert_eq!(quiz.questions.len(), 6);
        assert_eq!(quiz.questions[0].id, "first-one");
        assert_eq!(quiz.questions[1].id, "first-one-2");
        assert_eq!(
            quiz.questions[0].prompt.markdown,
            "Line one\nand \"two\" \\ three"
        );
        assert_eq!(quiz.groups.len(), 1);
        assert_eq!(quiz.groups[0].questions, 3..5);
        assert!(
            matches!(quiz.questions[5].answer, crate::quiz::Answer::Numeric { answer, tolerance } if answer == 3.0 && tolerance == 0.5)
        );
        assert!(toml.contains("# ── Category: Top/Sub ──\n"), "{toml}");
        assert!(toml.contains("# note: lost something\n"), "{toml}");
    }
}
