//! What a quiz page's template gets as `quiz`: its settings, its questions as HTML, and the
//! [`answer_key`](super::answer_key) the browser scores them with, as JSON.

use serde::Serialize;

use super::answer_key::{self, answer_key};
use super::markdown::QuizHtml;
use super::options::shown;
use super::{Kind, Mode, Quiz};
use crate::content::Page;
use crate::nav::quiz_key;
use crate::templates::escape::script_json;

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

/// What `quiz.html` gets as `quiz`: the questions to show, and the answer key for the
/// browser to score them with.
pub(crate) fn values<'a>(
    course_id: &str,
    strings: &toml::Table,
    page: &Page,
    quiz: &'a Quiz,
    html: &QuizHtml,
) -> impl Serialize + 'a {
    let mut questions = Vec::new();
    let mut keys = Vec::new();
    for (q, h) in quiz.questions.iter().zip(&html.questions) {
        let options = shown(strings, q, h);
        keys.push(answer_key::question(q, h, &options));
        questions.push(QuizQuestion {
            id: &q.id,
            kind: q.kind(),
            prompt: h.prompt.clone(),
            hint: h.hint.clone(),
            points: q.points,
            options: options
                .into_iter()
                .map(|o| QuizOption {
                    id: o.id,
                    html: o.html.into_owned(),
                    fixed: o.fixed,
                })
                .collect(),
        });
    }
    let key = quiz_key(course_id, page, &quiz.hash);
    let data = answer_key(&key, quiz, keys);
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
