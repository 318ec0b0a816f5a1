//! `[completion]` of site.toml: what a learner must do for the course to count as complete.
//! The rule is checked here, once, against the course; the learner's browser applies it
//! (the theme's record.js) to what it stored, since nothing else knows what the learner did.
//!
//! ```toml
//! [completion]
//! lessons = "all"            # or a percent of the lessons, like 80
//! quizzes = "passed"         # every quiz passed; or the quizzes that must be, by path
//! ```

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::toml_file::Source;

/// The `[completion]` table as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Completion {
    lessons: Option<Spanned<Lessons>>,
    quizzes: Option<Spanned<Quizzes>>,
}

/// `lessons = "all"` or a percent.
#[derive(Debug, Clone)]
enum Lessons {
    Word(String),
    Percent(i64),
}

/// `quizzes = "passed"` or a list of quiz files.
#[derive(Debug, Clone)]
enum Quizzes {
    Word(String),
    List(Vec<Spanned<String>>),
}

impl Completion {
    /// The share of the lessons a learner must have visited, in percent.
    pub fn lessons_percent(&self) -> u8 {
        match self.lessons.as_ref().map(|l| l.get_ref()) {
            Some(Lessons::Percent(n)) => (*n).clamp(0, 100) as u8,
            _ => 100,
        }
    }

    /// The quiz files (from `content/`) that must be passed; `None` for all of them.
    pub fn quizzes(&self) -> Option<&[Spanned<String>]> {
        match self.quizzes.as_ref().map(|q| q.get_ref()) {
            Some(Quizzes::List(list)) => Some(list),
            _ => None,
        }
    }

    /// Whether the quiz at `path` (from `content/`, with `/` between folders, as the page's
    /// `content_path` gives it) must be passed.
    pub fn requires(&self, path: &str) -> bool {
        self.quizzes()
            .is_none_or(|list| list.iter().any(|p| p.get_ref() == path))
    }

    /// The mistakes that need only site.toml to see: a word other than the two the rule
    /// knows, a percent outside 0–100.
    pub(crate) fn errors(&self, src: &Source) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        if let Some(lessons) = &self.lessons {
            let wrong = match lessons.get_ref() {
                Lessons::Word(w) if w != "all" => Some(format!("lessons = \"{w}\" is not a rule")),
                Lessons::Percent(n) if !(0..=100).contains(n) => {
                    Some(format!("lessons = {n} is outside 0–100"))
                }
                _ => None,
            };
            if let Some(message) = wrong {
                errors.push(src.error(lessons.span(), message).with_hint(
                    "write `lessons = \"all\"`, or the percent of the lessons a learner must have read, like `lessons = 80`",
                ));
            }
        }
        if let Some(quizzes) = &self.quizzes {
            if let Quizzes::Word(w) = quizzes.get_ref() {
                if w != "passed" {
                    errors.push(
                        src.error(quizzes.span(), format!("quizzes = \"{w}\" is not a rule"))
                            .with_hint("write `quizzes = \"passed\"` for every quiz, or list the quizzes that must be passed, like `quizzes = [\"01-intro/quiz.toml\"]`"),
                    );
                }
            }
        }
        errors
    }

    /// A listed quiz that is not one of the course's `quizzes` (their paths from `content/`).
    /// `error` places a message at a span of site.toml.
    pub(crate) fn course_errors(
        &self,
        quizzes: &[String],
        error: &dyn Fn(Range<usize>, String) -> Diagnostic,
    ) -> Vec<Diagnostic> {
        let Some(list) = self.quizzes() else {
            return Vec::new();
        };
        list.iter()
            .filter_map(|p| not_a_quiz(p, quizzes, error))
            .collect()
    }
}

/// The error of a quiz file named in site.toml (`path`) that is not one of the course's
/// `quizzes`, with the likeliest one as a hint; `None` when it is one.
pub(crate) fn not_a_quiz(
    path: &Spanned<String>,
    quizzes: &[String],
    error: &dyn Fn(Range<usize>, String) -> Diagnostic,
) -> Option<Diagnostic> {
    if quizzes.iter().any(|q| q == path.get_ref()) {
        return None;
    }
    let hint = match did_you_mean(path.get_ref(), quizzes.iter().map(String::as_str)) {
        Some(close) => format!("did you mean `{close}`?"),
        None if quizzes.is_empty() => "the course has no quizzes: leave the key out".to_string(),
        None => format!(
            "name a quiz file by its path from content/, like `{}`",
            quizzes[0]
        ),
    };
    Some(
        error(
            path.span(),
            format!("`{}` is not a quiz of the course", path.get_ref()),
        )
        .with_hint(hint),
    )
}

// Read by hand rather than `#[serde(untagged)]`, whose error for a value of another type
// says nothing an author can use (as in `quiz::parse`).
impl<'de> Deserialize<'de> for Lessons {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Lessons;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("\"all\" or a whole number of percent")
            }
            fn visit_str<E>(self, s: &str) -> Result<Lessons, E> {
                Ok(Lessons::Word(s.to_owned()))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Lessons, E> {
                Ok(Lessons::Percent(n))
            }
        }
        d.deserialize_any(Visitor)
    }
}

impl<'de> Deserialize<'de> for Quizzes {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Quizzes;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("\"passed\" or a list of quiz files")
            }
            fn visit_str<E>(self, s: &str) -> Result<Quizzes, E> {
                Ok(Quizzes::Word(s.to_owned()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Quizzes, A::Error> {
                let mut list = Vec::new();
                while let Some(p) = seq.next_element::<Spanned<String>>()? {
                    list.push(p);
                }
                Ok(Quizzes::List(list))
            }
        }
        d.deserialize_any(Visitor)
    }
}
