//! What a quiz's template gets as `quiz`: its settings, its questions as HTML, grouped in
//! the picks that are drawn and shuffled, and the [`answer_key`](super::answer_key) the
//! browser scores them with, as JSON. A quiz page and a check inside a lesson both get it.

use serde::Serialize;

use super::answer_key::{self, answer_key};
use super::markdown::QuizHtml;
use super::options::{option_id, option_letter, scrambled, shown};
use super::{Answer, Kind, Mode, Question, Quiz, Shuffle};
use crate::templates::escape::script_json;
use crate::theme::ui_string;
use crate::title;

#[derive(Serialize)]
struct QuizOption {
    id: String,
    html: String,
    fixed: bool,
    letter: String,
}

/// An item to order, or the left side of a pair.
#[derive(Serialize)]
struct Item {
    id: String,
    html: String,
    /// The item without markup, for the accessible names of its buttons.
    text: String,
}

/// A right-hand answer of a match question, in its `<select>`.
#[derive(Serialize)]
struct Right<'a> {
    id: String,
    text: &'a str,
}

#[derive(Serialize)]
struct QuizQuestion<'a> {
    id: &'a str,
    kind: Kind,
    /// Its number in the written order; the script renumbers what it shows.
    number: usize,
    prompt: String,
    hint: Option<String>,
    points: u32,
    options: Vec<QuizOption>,
    /// Order: the items, scrambled. Match: the left items, as written.
    items: Vec<Item>,
    /// Match: every right-hand answer, scrambled.
    rights: Vec<Right<'a>>,
}

#[derive(Serialize)]
struct GroupValue<'a> {
    id: &'a str,
    /// "Case: questions 3 to 5", from the UI strings.
    title: String,
    context: Option<String>,
}

/// What is drawn and shuffled as one: a question, or a group of them.
#[derive(Serialize)]
struct Pick<'a> {
    group: Option<GroupValue<'a>>,
    questions: Vec<QuizQuestion<'a>>,
}

#[derive(Serialize)]
struct QuizContext<'a> {
    /// Put before every HTML id, so that several quizzes can share a page.
    prefix: &'a str,
    key: Option<String>,
    hash: &'a str,
    pass: u8,
    mode: Mode,
    shuffle: Shuffle,
    draw: Option<usize>,
    attempts: u32,
    description: Option<String>,
    picks: Vec<Pick<'a>>,
    question_count: usize,
    total_points: u32,
    /// The answer key and feedback, as JSON safe to place inside a
    /// `<script type="application/json">` element.
    data_json: String,
}

/// What `quiz.html` gets as `quiz`: the questions to show, and the answer key for the
/// browser to score them with. Its HTML ids start with `prefix`. `key` names where the browser stores the learner's
/// results; a check inside a lesson has none, as it never counts.
pub(crate) fn values<'a>(
    prefix: &'a str,
    key: Option<String>,
    strings: &toml::Table,
    quiz: &'a Quiz,
    html: &QuizHtml,
) -> impl Serialize + 'a {
    let mut keys = Vec::new();
    let mut picks = Vec::new();
    for range in quiz.picks() {
        let group = quiz
            .groups
            .iter()
            .position(|g| g.questions == range)
            .map(|gi| {
                let g = &quiz.groups[gi];
                GroupValue {
                    id: &g.id,
                    title: group_title(strings, range.start + 1, range.end),
                    context: html.groups.get(gi).cloned().flatten(),
                }
            });
        let mut questions = Vec::new();
        for i in range {
            let (q, h) = (&quiz.questions[i], &html.questions[i]);
            let options = shown(strings, q, h);
            keys.push(answer_key::question(q, h, &options));
            questions.push(QuizQuestion {
                id: &q.id,
                kind: q.kind(),
                number: i + 1,
                prompt: h.prompt.clone(),
                hint: h.hint.clone(),
                points: q.points,
                options: options
                    .into_iter()
                    .enumerate()
                    .map(|(position, o)| QuizOption {
                        id: o.id,
                        html: o.html.into_owned(),
                        fixed: o.fixed,
                        letter: option_letter(position),
                    })
                    .collect(),
                items: items(quiz, q),
                rights: rights(quiz, q),
            });
        }
        picks.push(Pick { group, questions });
    }
    let data = answer_key(key.as_deref(), quiz, keys);
    QuizContext {
        prefix,
        key,
        hash: &quiz.hash,
        pass: quiz.pass,
        mode: quiz.mode,
        shuffle: quiz.shuffle,
        draw: quiz.draw,
        attempts: quiz.attempts,
        description: html.description.clone(),
        question_count: match quiz.draw {
            Some(n) if quiz.groups.is_empty() => n,
            _ => quiz.questions.len(),
        },
        total_points: quiz.questions.iter().map(|q| q.points).sum(),
        picks,
        data_json: script_json(&data),
    }
}

/// A group's title: "Case: questions 3 to 5".
pub(crate) fn group_title(strings: &toml::Table, from: usize, to: usize) -> String {
    ui_string(strings, "quiz_group_title")
        .replace("{from}", &from.to_string())
        .replace("{to}", &to.to_string())
}

/// An order question's items, scrambled, or a match question's left items, as written.
fn items(quiz: &Quiz, q: &Question) -> Vec<Item> {
    let item = |i: usize, t: &super::Text| {
        let title = title::render(&t.markdown);
        Item {
            id: option_id(i),
            html: title.html,
            text: title.text,
        }
    };
    match &q.answer {
        Answer::Order { items, .. } => scrambled(quiz, q, items.len())
            .into_iter()
            .map(|i| item(i, &items[i]))
            .collect(),
        Answer::Match { pairs, .. } => pairs
            .iter()
            .enumerate()
            .map(|(i, p)| item(i, &p.left))
            .collect(),
        _ => Vec::new(),
    }
}

/// A match question's right-hand answers in a scrambled order: as written, the first left
/// item's answer would be the first.
fn rights<'a>(quiz: &Quiz, q: &'a Question) -> Vec<Right<'a>> {
    let all = q.answer.right_hand();
    scrambled(quiz, q, all.len())
        .into_iter()
        .map(|i| Right {
            id: option_id(i),
            text: all[i],
        })
        .collect()
}
