//! Reading a quiz file: its TOML into a checked [`Quiz`], every mistake reported at its
//! line and column.

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{content_hash, Answer, Choice, Kind, Mode, Question, Quiz, Scoring, Text};
use crate::diagnostic::Diagnostic;
use crate::toml_file::words::Keys;
use crate::toml_file::{self, Source};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuiz {
    title: Option<Spanned<String>>,
    description: Option<Spanned<String>>,
    pass: Option<Spanned<i64>>,
    mode: Option<Mode>,
    #[serde(default)]
    shuffle: bool,
    draw: Option<Spanned<i64>>,
    attempts: Option<Spanned<i64>>,
    weight: Option<i64>,
    #[serde(default)]
    draft: bool,
    questions: Option<Spanned<Vec<Spanned<RawQuestion>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Option<Spanned<String>>,
    #[serde(rename = "type")]
    kind: Option<Spanned<Kind>>,
    prompt: Option<Spanned<String>>,
    explanation: Option<Spanned<String>>,
    hint: Option<Spanned<String>>,
    points: Option<Spanned<i64>>,
    scoring: Option<Spanned<Scoring>>,
    answer: Option<Spanned<bool>>,
    options: Option<Spanned<Vec<Spanned<RawOption>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    text: Option<Spanned<String>>,
    #[serde(default)]
    correct: bool,
    feedback: Option<Spanned<String>>,
    #[serde(default)]
    fixed: bool,
}

/// What each key of a quiz file holds, for a value of the wrong type.
pub const KEYS: Keys = &[
    (
        "title",
        "text in quotes, like `title = \"Evaluación: características\"`",
    ),
    (
        "description",
        "Markdown in quotes, like `description = \"Answer all the questions.\"`",
    ),
    ("pass", "a whole number of percent, like `pass = 80`"),
    (
        "mode",
        "`\"instant\"` or `\"submit\"`, like `mode = \"instant\"`",
    ),
    ("shuffle", "`true` or `false`, like `shuffle = true`"),
    ("draw", "a whole number of questions, like `draw = 5`"),
    (
        "attempts",
        "a whole number, like `attempts = 3` (0 for unlimited)",
    ),
    (
        "weight",
        "a whole number, like `weight = 100` (lower comes first)",
    ),
    ("draft", "`true` or `false`, like `draft = true`"),
    (
        "questions",
        "a list of tables, each question starting with a `[[questions]]` line",
    ),
    ("questions.id", "text in quotes, like `id = \"intangible\"`"),
    (
        "questions.type",
        "`\"single\"`, `\"multiple\"` or `\"true_false\"`, like `type = \"single\"`",
    ),
    (
        "questions.prompt",
        "Markdown in quotes, like `prompt = \"What is …?\"`",
    ),
    (
        "questions.explanation",
        "Markdown in quotes, like `explanation = \"Because …\"`",
    ),
    (
        "questions.hint",
        "Markdown in quotes, like `hint = \"Think of …\"`",
    ),
    ("questions.points", "a whole number, like `points = 2`"),
    (
        "questions.scoring",
        "`\"all_or_nothing\"` or `\"partial\"`, like `scoring = \"partial\"`",
    ),
    (
        "questions.answer",
        "`true` or `false`, like `answer = true`",
    ),
    (
        "questions.options",
        "a list of tables, each option starting with a `[[questions.options]]` line",
    ),
    (
        "questions.options.text",
        "Markdown in quotes, like `text = \"Intangible\"`",
    ),
    (
        "questions.options.correct",
        "`true` or `false`, like `correct = true`",
    ),
    (
        "questions.options.feedback",
        "Markdown in quotes, like `feedback = \"Yes: …\"`",
    ),
    (
        "questions.options.fixed",
        "`true` or `false`, like `fixed = true`",
    ),
];

/// Parses and checks a quiz file. `default_pass` comes from site.toml's `[quiz]`.
pub fn parse(path: &Path, text: &str, default_pass: i64) -> Result<Quiz, Vec<Diagnostic>> {
    match parse_lenient(path, text, default_pass) {
        (Some(quiz), errors) if errors.is_empty() => Ok(quiz),
        (_, errors) => Err(errors),
    }
}

/// Like [`parse`], and the quiz as far as it could be read when it has mistakes that still
/// let it be read (unknown keys, a missing prompt), so that links to it still resolve.
pub fn parse_lenient(
    path: &Path,
    text: &str,
    default_pass: i64,
) -> (Option<Quiz>, Vec<Diagnostic>) {
    let src = Source::new(path, text, 0);
    let (raw, unknown_keys) = toml_file::parse_lenient::<RawQuiz>(text, &src, KEYS);
    let Some(raw) = raw else {
        return (None, unknown_keys);
    };
    let mut check = Checker {
        src,
        default_pass,
        errors: Vec::new(),
    };
    let quiz = check.quiz(raw);
    // A misspelt key is often what the checks then miss (`promt`, then "no prompt"): the
    // checks are reported once the keys are right.
    let errors = if unknown_keys.is_empty() {
        check.errors
    } else {
        unknown_keys
    };
    (Some(quiz), errors)
}

struct Checker<'a> {
    src: Source<'a>,
    default_pass: i64,
    errors: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>, hint: &str) {
        self.errors
            .push(self.src.error(span, message).with_hint(hint));
    }

    fn text(&self, s: Spanned<String>) -> Text {
        Text {
            offset: string_start(self.src.file_text, s.span()),
            markdown: s.into_inner(),
        }
    }

    fn quiz(&mut self, raw: RawQuiz) -> Quiz {
        let pass = match raw.pass {
            Some(p) if !(0..=100).contains(p.get_ref()) => {
                self.error(
                    p.span(),
                    format!("pass = {} is outside 0–100", p.get_ref()),
                    "give the percent a learner needs to pass, e.g. `pass = 80`",
                );
                0
            }
            Some(p) => *p.get_ref(),
            None => self.default_pass,
        };
        let attempts = match raw.attempts {
            Some(a) if *a.get_ref() < 0 => {
                self.error(
                    a.span(),
                    format!("attempts = {} is negative", a.get_ref()),
                    "use 0 for unlimited attempts, or the number of attempts allowed",
                );
                0
            }
            Some(a) => u32::try_from(*a.get_ref()).unwrap_or(u32::MAX),
            None => 0,
        };
        let questions = match raw.questions {
            Some(q) if !q.get_ref().is_empty() => q.into_inner(),
            other => {
                let span = other.map_or(0..0, |q| q.span());
                self.error(
                    span,
                    "this quiz has no questions",
                    "add at least one `[[questions]]` table with a prompt and options",
                );
                Vec::new()
            }
        };
        let pool = questions.len();
        let draw = raw.draw.and_then(|d| {
            let n = *d.get_ref();
            if n < 1 || n as usize > pool {
                self.error(
                    d.span(),
                    format!(
                        "draw = {n} but the pool has {pool} question{}",
                        if pool == 1 { "" } else { "s" }
                    ),
                    "draw must be at least 1 and at most the number of questions",
                );
                None
            } else {
                Some(n as usize)
            }
        });
        // Generated ids must not take an id that a later question gives itself.
        let explicit: HashSet<String> = questions
            .iter()
            .filter_map(|q| q.get_ref().id.as_ref().map(|id| id.get_ref().clone()))
            .collect();
        let mut ids = HashSet::new();
        let questions = questions
            .into_iter()
            .enumerate()
            .map(|(i, q)| self.question(i, q, &explicit, &mut ids))
            .collect();
        let title = match raw.title {
            Some(t) if !t.get_ref().trim().is_empty() => t.into_inner(),
            other => {
                self.error(
                    other.map_or(0..0, |t| t.span()),
                    "this quiz has no title",
                    "add `title = \"…\"` at the top of the quiz file",
                );
                String::new()
            }
        };
        Quiz {
            title,
            description: raw.description.map(|d| self.text(d)),
            pass: pass as u8,
            mode: raw.mode.unwrap_or_default(),
            shuffle: raw.shuffle,
            draw,
            attempts,
            weight: raw.weight,
            draft: raw.draft,
            questions,
            hash: content_hash(self.src.file_text),
        }
    }

    fn question(
        &mut self,
        index: usize,
        q: Spanned<RawQuestion>,
        explicit: &HashSet<String>,
        ids: &mut HashSet<String>,
    ) -> Question {
        let span = q.span();
        let header = header_span(self.src.file_text, span.clone());
        let q = q.into_inner();
        let id = match q.id {
            Some(id) => {
                let valid = !id.get_ref().is_empty()
                    && id
                        .get_ref()
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
                if !valid {
                    self.error(
                        id.span(),
                        format!("question id `{}` is not a valid id", id.get_ref()),
                        "use only letters, digits, `-` and `_`: the id becomes part of the page's HTML ids",
                    );
                } else if !ids.insert(id.get_ref().clone()) {
                    self.error(
                        id.span(),
                        format!("duplicate question id `{}`", id.get_ref()),
                        "give every question of the quiz its own id",
                    );
                }
                id.into_inner()
            }
            None => {
                let base = format!("q{}", index + 1);
                let mut id = base.clone();
                let mut n = 1;
                while explicit.contains(&id) || ids.contains(&id) {
                    n += 1;
                    id = format!("{base}-{n}");
                }
                ids.insert(id.clone());
                id
            }
        };
        let prompt = match q.prompt {
            Some(p) if !p.get_ref().trim().is_empty() => self.text(p),
            _ => {
                self.error(
                    header.clone(),
                    format!("question {} has no prompt", index + 1),
                    "add `prompt = \"…\"` with the question's text",
                );
                Text {
                    markdown: String::new(),
                    offset: span.start,
                }
            }
        };
        let options = q.options.map(|o| (o.span(), o.into_inner()));
        let kind = match (&q.kind, &q.answer, &options) {
            (Some(k), _, _) => *k.get_ref(),
            (None, Some(_), None) => Kind::TrueFalse,
            (None, _, Some((_, opts)))
                if opts.iter().filter(|o| o.get_ref().correct).count() > 1 =>
            {
                Kind::Multiple
            }
            _ => Kind::Single,
        };
        let answer = q.answer.map(|a| (a.span(), *a.get_ref()));
        match (kind, answer.clone(), &options) {
            (_, Some((aspan, _)), Some(_)) => self.error(aspan, "`answer` is given together with `options`",
                "a true_false question takes `answer = true|false` and no options; other questions take options and no answer"),
            (Kind::TrueFalse, None, _) => self.error(header.clone(), format!("true_false question `{id}` has no answer"),
                "add `answer = true` or `answer = false`"),
            (Kind::Single | Kind::Multiple, Some((aspan, _)), None) => self.error(aspan, format!("`answer` is only for true_false questions, and `{id}` is not one"),
                "write `type = \"true_false\"`, or give options instead"),
            (Kind::TrueFalse, Some(_), None) | (Kind::Single | Kind::Multiple, None, _) => {}
        }
        let points = match q.points {
            Some(p) if *p.get_ref() < 0 => {
                self.error(
                    p.span(),
                    "points cannot be negative",
                    "give a whole number of points, 1 by default",
                );
                0
            }
            Some(p) => u32::try_from(*p.get_ref()).unwrap_or(u32::MAX),
            None => 1,
        };
        let scoring = match (kind, q.scoring) {
            (Kind::Multiple, Some(s)) => *s.get_ref(),
            (Kind::Single | Kind::TrueFalse, Some(s)) => {
                self.error(
                    s.span(),
                    "`scoring` only applies to `multiple` questions",
                    "remove it, or make the question `type = \"multiple\"`",
                );
                Scoring::default()
            }
            (_, None) => Scoring::default(),
        };
        let choices = match (kind, options) {
            // Its two options come from the theme's strings.
            (Kind::TrueFalse, _) => Vec::new(),
            (Kind::Single | Kind::Multiple, None) if answer.is_none() => {
                self.error(
                    header.clone(),
                    format!("question `{id}` has no options"),
                    "add at least two `[[questions.options]]` tables, one with `correct = true`",
                );
                Vec::new()
            }
            // An `answer` instead, reported above.
            (Kind::Single | Kind::Multiple, None) => Vec::new(),
            (Kind::Single | Kind::Multiple, Some((ospan, opts))) => {
                self.options(&id, kind, ospan, opts)
            }
        };
        let answer = match kind {
            Kind::Single => Answer::Single { options: choices },
            Kind::Multiple => Answer::Multiple {
                options: choices,
                scoring,
            },
            // A missing answer was reported above; `true` lets the quiz still be read.
            Kind::TrueFalse => Answer::TrueFalse {
                answer: answer.is_none_or(|(_, a)| a),
            },
        };
        Question {
            id,
            prompt,
            explanation: q.explanation.map(|t| self.text(t)),
            hint: q.hint.map(|t| self.text(t)),
            points,
            answer,
        }
    }

    fn options(
        &mut self,
        id: &str,
        kind: Kind,
        span: Range<usize>,
        opts: Vec<Spanned<RawOption>>,
    ) -> Vec<Choice> {
        let span = header_span(self.src.file_text, span);
        if opts.len() < 2 {
            self.error(
                span.clone(),
                format!(
                    "question `{id}` has {} option{}; it needs at least 2",
                    opts.len(),
                    if opts.len() == 1 { "" } else { "s" }
                ),
                "add another `[[questions.options]]` table",
            );
        }
        let correct = opts.iter().filter(|o| o.get_ref().correct).count();
        if correct == 0 && !opts.is_empty() {
            self.error(
                span.clone(),
                format!("question `{id}` has no correct option"),
                "mark the right option with `correct = true`",
            );
        }
        let one_right = match kind {
            Kind::Single => true,
            Kind::Multiple | Kind::TrueFalse => false,
        };
        if correct > 1 && one_right {
            self.error(
                span.clone(),
                format!("single-answer question `{id}` has {correct} correct options"),
                "mark only one option `correct = true`, or make it `type = \"multiple\"`",
            );
        }
        let mut seen = HashSet::new();
        let mut choices = Vec::new();
        for o in opts {
            let ospan = header_span(self.src.file_text, o.span());
            let o = o.into_inner();
            let Some(text) = o.text.filter(|t| !t.get_ref().trim().is_empty()) else {
                self.error(
                    ospan,
                    format!("an option of question `{id}` has no text"),
                    "add `text = \"…\"` to the option",
                );
                continue;
            };
            let key = text.get_ref().trim().to_lowercase();
            if !seen.insert(key) {
                self.error(
                    text.span(),
                    format!(
                        "question `{id}` has the option `{}` twice",
                        text.get_ref().trim()
                    ),
                    "every option of a question needs a different text",
                );
            }
            choices.push(Choice {
                text: self.text(text),
                correct: o.correct,
                feedback: o.feedback.map(|f| self.text(f)),
                fixed: o.fixed,
            });
        }
        choices
    }
}

/// The first line of a table's span: what an author recognises as "that question".
fn header_span(text: &str, span: Range<usize>) -> Range<usize> {
    let start = span.start.min(text.len());
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    start..end.min(span.end.max(start))
}

/// Where the characters of a TOML string value start, past its opening quotes.
fn string_start(text: &str, span: Range<usize>) -> usize {
    let s = text.get(span.clone()).unwrap_or("");
    let quotes = ["\"\"\"\n", "'''\n", "\"\"\"", "'''", "\"", "'"];
    span.start
        + quotes
            .iter()
            .find(|q| s.starts_with(*q))
            .map_or(0, |q| q.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_says_what_it_holds() {
        crate::toml_file::words::assert_every_key_is_described::<RawQuiz>(KEYS);
    }
}
