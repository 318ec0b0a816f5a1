//! `[lms]` of site.toml: what an LMS package (`aula package`) reports to the LMS. The
//! package's runtime applies it in the learner's browser; here it is only checked.
//!
//! ```toml
//! [lms]
//! score = "mean"       # the mean best score of the quizzes the completion rule counts,
//!                      # or one quiz's best score, by path: "05-final/quiz.toml"
//! failed = "failed"    # or "incomplete": many LMSs treat `failed` as final
//! ```

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::completion::not_a_quiz;
use crate::diagnostic::Diagnostic;
use crate::toml_file::Source;

/// The `[lms]` table as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Lms {
    score: Option<Spanned<String>>,
    failed: Option<Spanned<String>>,
}

impl Lms {
    /// The quiz file (from `content/`) whose best score is the course's score; `None` for
    /// the mean of the quizzes the completion rule counts.
    pub fn score_quiz(&self) -> Option<&str> {
        self.score
            .as_ref()
            .map(|s| s.get_ref().as_str())
            .filter(|s| *s != "mean")
    }

    /// Whether a failed course is reported as incomplete, so that the learner may go on.
    pub fn failed_as_incomplete(&self) -> bool {
        self.failed
            .as_ref()
            .is_some_and(|f| f.get_ref() == "incomplete")
    }

    /// The mistakes that need only site.toml to see.
    pub(crate) fn errors(&self, src: &Source) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        if let Some(failed) = &self.failed {
            if !["failed", "incomplete"].contains(&failed.get_ref().as_str()) {
                errors.push(
                    src.error(
                        failed.span(),
                        format!("failed = \"{}\" is not a status", failed.get_ref()),
                    )
                    .with_hint("write `failed = \"failed\"`, or `failed = \"incomplete\"` to let a learner who failed go on"),
                );
            }
        }
        errors
    }

    /// A `score` that is neither `"mean"` nor one of the course's `quizzes` (their paths
    /// from `content/`).
    pub(crate) fn course_errors(
        &self,
        quizzes: &[String],
        error: &dyn Fn(Range<usize>, String) -> Diagnostic,
    ) -> Vec<Diagnostic> {
        match &self.score {
            Some(score) if score.get_ref() != "mean" => {
                not_a_quiz(score, quizzes, error).into_iter().collect()
            }
            _ => Vec::new(),
        }
    }
}
