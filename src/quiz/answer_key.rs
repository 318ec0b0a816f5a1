//! The answer key a quiz's script scores the learner with: per question what is right (the
//! ids of the right options, the items in order, the right answer of each left item, the
//! accepted texts or the number), how an answer turns into points, the feedback and the
//! explanation.

use serde::Serialize;
use serde_json::{json, Map, Value};

use super::markdown::QuestionHtml;
use super::options::{option_id, ShownOption};
use super::{Answer, Kind, Question, Quiz, Scoring};

/// One question of the answer key.
#[derive(Serialize)]
pub(super) struct KeyQuestion<'a> {
    id: &'a str,
    kind: Kind,
    points: u32,
    scoring: Scoring,
    /// The ids of the right options; an order question's item ids in the right order; a
    /// match question's right-hand ids, one per left item.
    correct: Vec<String>,
    /// Option id → feedback HTML.
    feedback: Map<String, Value>,
    /// Shown when the answer is not fully right.
    #[serde(skip_serializing_if = "Option::is_none")]
    wrong: Option<String>,
    explanation: Option<String>,
    /// A short question's accepted answers and pattern.
    #[serde(skip_serializing_if = "Option::is_none")]
    accept: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pattern: Option<&'a str>,
    /// A numeric question's number and tolerance.
    #[serde(skip_serializing_if = "Option::is_none")]
    answer: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tolerance: Option<f64>,
}

/// The key of question `q`, shown with `options`.
pub(super) fn question<'a>(
    q: &'a Question,
    html: &QuestionHtml,
    options: &[ShownOption],
) -> KeyQuestion<'a> {
    let mut key = KeyQuestion {
        id: &q.id,
        kind: q.kind(),
        points: q.points,
        // The script scores every question by its `scoring`; the author chooses it for
        // the kinds that have it.
        scoring: Scoring::AllOrNothing,
        correct: options
            .iter()
            .filter(|o| o.correct)
            .map(|o| o.id.clone())
            .collect(),
        feedback: options
            .iter()
            .filter_map(|o| Some((o.id.clone(), o.feedback?.into())))
            .collect(),
        wrong: html.feedback.clone(),
        explanation: html.explanation.clone(),
        accept: None,
        pattern: None,
        answer: None,
        tolerance: None,
    };
    match &q.answer {
        Answer::Single { .. } | Answer::TrueFalse { .. } => {}
        Answer::Multiple { scoring, .. } => key.scoring = *scoring,
        Answer::Order { items, scoring } => {
            key.scoring = *scoring;
            key.correct = (0..items.len()).map(option_id).collect();
        }
        Answer::Match { pairs, scoring, .. } => {
            key.scoring = *scoring;
            key.correct = (0..pairs.len()).map(option_id).collect();
        }
        Answer::Short { accept, pattern } => {
            key.accept = Some(accept);
            key.pattern = pattern.as_deref();
        }
        Answer::Numeric { answer, tolerance } => {
            key.answer = Some(*answer);
            key.tolerance = Some(*tolerance);
        }
    }
    key
}

/// The whole answer key: the quiz's settings and its questions' keys. `key` names where
/// the browser stores the learner's results; without one nothing is stored.
pub(super) fn answer_key(key: Option<&str>, quiz: &Quiz, questions: Vec<KeyQuestion>) -> Value {
    json!({
        "key": key,
        "pass": quiz.pass,
        "mode": quiz.mode,
        "shuffle": quiz.shuffle,
        "draw": quiz.draw,
        "attempts": quiz.attempts,
        "questions": questions,
    })
}
