//! The answer key a quiz page's script scores the learner with: per question the ids of
//! the right options, how picks turn into points, the feedback and the explanation.

use serde::Serialize;
use serde_json::{json, Map, Value};

use super::markdown::QuestionHtml;
use super::options::ShownOption;
use super::{Answer, Kind, Question, Quiz, Scoring};

/// One question of the answer key.
#[derive(Serialize)]
pub(super) struct KeyQuestion<'a> {
    id: &'a str,
    kind: Kind,
    points: u32,
    scoring: Scoring,
    correct: Vec<String>,
    /// Option id → feedback HTML.
    feedback: Map<String, Value>,
    explanation: Option<String>,
}

/// The key of question `q`, shown with `options`.
pub(super) fn question<'a>(
    q: &'a Question,
    html: &QuestionHtml,
    options: &[ShownOption],
) -> KeyQuestion<'a> {
    // The script scores every question by its `scoring`; only `multiple` lets the author
    // choose.
    let scoring = match &q.answer {
        Answer::Multiple { scoring, .. } => *scoring,
        Answer::Single { .. } | Answer::TrueFalse { .. } => Scoring::AllOrNothing,
    };
    KeyQuestion {
        id: &q.id,
        kind: q.kind(),
        points: q.points,
        scoring,
        correct: options
            .iter()
            .filter(|o| o.correct)
            .map(|o| o.id.clone())
            .collect(),
        feedback: options
            .iter()
            .filter_map(|o| Some((o.id.clone(), o.feedback?.into())))
            .collect(),
        explanation: html.explanation.clone(),
    }
}

/// The whole answer key: the quiz's settings and its questions' keys. `key` names where
/// the browser stores the learner's results.
pub(super) fn answer_key(key: &str, quiz: &Quiz, questions: Vec<KeyQuestion>) -> Value {
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
