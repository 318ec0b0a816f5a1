//! A quiz as the print page shows it: a worksheet without the answers, and the answer key.

use serde_json::{json, Value};

use super::markdown::QuizHtml;
use super::{content_hash, Kind, Quiz};
use crate::theme::string_html;

/// A quiz as printed: questions in source order, options in a fixed shuffled order when
/// the quiz shuffles (in source order the right answer is often first), with the
/// `correct` flags for the answer key.
pub(crate) fn worksheet(strings: &toml::Table, quiz: &Quiz, html: &QuizHtml) -> Value {
    let questions: Vec<Value> = quiz
        .questions
        .iter()
        .zip(&html.questions)
        .map(|(q, h)| {
            let mut options: Vec<Value> = if q.kind == Kind::TrueFalse {
                [true, false]
                    .iter()
                    .map(|&v| {
                        let label = string_html(strings, if v { "true" } else { "false" });
                        json!({"html": label, "correct": q.answer == Some(v)})
                    })
                    .collect()
            } else {
                let mut order: Vec<usize> = (0..q.options.len()).collect();
                if quiz.shuffle {
                    let key = |i: usize| content_hash(&format!("{}:{}:{i}", quiz.hash, q.id));
                    let mut free: Vec<usize> = order.iter().copied().filter(|&i| !q.options[i].fixed).collect();
                    free.sort_by_key(|&i| key(i));
                    let mut free = free.into_iter();
                    for slot in order.iter_mut().filter(|i| !q.options[**i].fixed) {
                        *slot = free.next().unwrap_or(*slot);
                    }
                }
                order
                    .iter()
                    .map(|&i| json!({"html": h.options[i].0, "correct": q.options[i].correct}))
                    .collect()
            };
            for (i, option) in options.iter_mut().enumerate() {
                option["letter"] = option_letter(i).into();
            }
            json!({"id": q.id, "kind": q.kind, "prompt": h.prompt, "explanation": h.explanation, "options": options, "points": q.points})
        })
        .collect();
    json!({"description": html.description, "questions": questions, "pass": quiz.pass})
}

/// How a printed option is labelled: A to Z, then numbers, as a question may have any
/// number of options.
fn option_letter(i: usize) -> String {
    match u8::try_from(i) {
        Ok(i) if i < 26 => char::from(b'A' + i).to_string(),
        _ => (i + 1).to_string(),
    }
}
