//! What a quiz page's template gets as `quiz`: its questions as HTML, and the answer key
//! the browser scores them with, as JSON.

use serde::Serialize;

use super::markdown::QuizHtml;
use super::{Kind, Mode, Quiz, Scoring};
use crate::content::Page;
use crate::nav::quiz_key;
use crate::templates::escape::script_json;
use crate::theme::string_html;

#[derive(Serialize)]
struct QuizOption {
    id: String,
    html: String,
    fixed: bool,
}

#[derive(Serialize)]
struct QuizQuestion<'a> {
    id: &'a str,
    kind: Kind,
    prompt: String,
    hint: Option<String>,
    points: u32,
    options: Vec<QuizOption>,
}

#[derive(Serialize)]
struct QuizContext<'a> {
    key: String,
    hash: &'a str,
    pass: u8,
    mode: Mode,
    shuffle: bool,
    draw: Option<usize>,
    attempts: u32,
    description: Option<String>,
    questions: Vec<QuizQuestion<'a>>,
    question_count: usize,
    total_points: u32,
    /// The answer key and feedback, as JSON safe to place inside a
    /// `<script type="application/json">` element.
    data_json: String,
}

#[derive(Serialize)]
struct KeyQuestion<'a> {
    id: &'a str,
    kind: Kind,
    points: u32,
    scoring: Scoring,
    correct: Vec<String>,
    feedback: serde_json::Map<String, serde_json::Value>,
    explanation: Option<String>,
}

fn option_id(i: usize) -> String {
    char::from(b'a' + (i % 26) as u8).to_string() + &"'".repeat(i / 26)
}

/// What `quiz.html` gets as `quiz`: the questions to show, and the answer key for the
/// browser to score them with.
pub(crate) fn values<'a>(
    course_id: &str,
    strings: &toml::Table,
    page: &Page,
    quiz: &'a Quiz,
    html: &QuizHtml,
) -> impl Serialize + 'a {
    let label = |key: &str| string_html(strings, key);
    let mut questions = Vec::new();
    let mut key_questions = Vec::new();
    for (q, h) in quiz.questions.iter().zip(&html.questions) {
        let (options, correct, feedback): (Vec<QuizOption>, Vec<String>, serde_json::Map<_, _>) =
            if q.kind == Kind::TrueFalse {
                let options = vec![
                    QuizOption {
                        id: "true".into(),
                        html: label("true"),
                        fixed: true,
                    },
                    QuizOption {
                        id: "false".into(),
                        html: label("false"),
                        fixed: true,
                    },
                ];
                (
                    options,
                    vec![q.answer.unwrap_or(true).to_string()],
                    serde_json::Map::new(),
                )
            } else {
                let mut feedback = serde_json::Map::new();
                let mut correct = Vec::new();
                let options = q
                    .options
                    .iter()
                    .zip(&h.options)
                    .enumerate()
                    .map(|(i, (o, (text, fb)))| {
                        let id = option_id(i);
                        if o.correct {
                            correct.push(id.clone());
                        }
                        if let Some(fb) = fb {
                            feedback.insert(id.clone(), fb.clone().into());
                        }
                        QuizOption {
                            id,
                            html: text.clone(),
                            fixed: o.fixed,
                        }
                    })
                    .collect();
                (options, correct, feedback)
            };
        key_questions.push(KeyQuestion {
            id: &q.id,
            kind: q.kind,
            points: q.points,
            scoring: q.scoring,
            correct,
            feedback,
            explanation: h.explanation.clone(),
        });
        questions.push(QuizQuestion {
            id: &q.id,
            kind: q.kind,
            prompt: h.prompt.clone(),
            hint: h.hint.clone(),
            points: q.points,
            options,
        });
    }
    let key = quiz_key(course_id, page, &quiz.hash);
    let data = serde_json::json!({
        "key": key,
        "pass": quiz.pass,
        "mode": quiz.mode,
        "shuffle": quiz.shuffle,
        "draw": quiz.draw,
        "attempts": quiz.attempts,
        "questions": key_questions,
    });
    QuizContext {
        key,
        hash: &quiz.hash,
        pass: quiz.pass,
        mode: quiz.mode,
        shuffle: quiz.shuffle,
        draw: quiz.draw,
        attempts: quiz.attempts,
        description: html.description.clone(),
        question_count: quiz.draw.unwrap_or(quiz.questions.len()),
        total_points: quiz.questions.iter().map(|q| q.points).sum(),
        questions,
        data_json: script_json(&data),
    }
}
