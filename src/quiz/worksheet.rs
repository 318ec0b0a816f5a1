//! A quiz as the print page shows it: a worksheet without the answers, and the answer key.

use serde_json::{json, Value};

use super::markdown::QuizHtml;
use super::options::{option_letter, shown, ShownOption};
use super::{content_hash, Question, Quiz};

/// A quiz as printed: questions in source order, options in a fixed shuffled order when
/// the quiz shuffles (in source order the right answer is often first), with the
/// `correct` flags for the answer key.
pub(crate) fn worksheet(strings: &toml::Table, quiz: &Quiz, html: &QuizHtml) -> Value {
    let questions: Vec<Value> = quiz
        .questions
        .iter()
        .zip(&html.questions)
        .map(|(q, h)| {
            let options = shown(strings, q, h);
            let options: Vec<Value> = print_order(quiz, q, &options)
                .into_iter()
                .enumerate()
                .map(|(position, o)| {
                    json!({"html": o.html, "correct": o.correct, "letter": option_letter(position)})
                })
                .collect();
            json!({"id": q.id, "kind": q.kind(), "prompt": h.prompt, "explanation": h.explanation, "options": options, "points": q.points})
        })
        .collect();
    json!({"description": html.description, "questions": questions, "pass": quiz.pass})
}

/// `options` in the order they are printed: when the quiz shuffles, the options that are
/// not fixed change places in an order drawn from the quiz's hash, so that a reprint of
/// the same file is the same.
fn print_order<'o, 'a>(
    quiz: &Quiz,
    q: &Question,
    options: &'o [ShownOption<'a>],
) -> Vec<&'o ShownOption<'a>> {
    let mut order: Vec<usize> = (0..options.len()).collect();
    if quiz.shuffle.options() {
        let key = |i: usize| content_hash(&format!("{}:{}:{i}", quiz.hash, q.id));
        let mut free: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&i| !options[i].fixed)
            .collect();
        free.sort_by_key(|&i| key(i));
        let mut free = free.into_iter();
        for slot in order.iter_mut().filter(|i| !options[**i].fixed) {
            *slot = free.next().unwrap_or(*slot);
        }
    }
    order.into_iter().map(|i| &options[i]).collect()
}
