//! A quiz as the print page shows it: a worksheet without the answers, and the answer key.
//! Every kind of question has its form on paper: lettered options to tick, lettered items
//! to number in order, a numbered column to pair with a lettered one, or a line to write
//! on. The same value feeds both, so the key's letters are the worksheet's.

use std::ops::Range;

use serde::Serialize;

use super::markdown::QuizHtml;
use super::options::{option_letter, scrambled, shown, ShownOption};
use super::page::group_title;
use super::{content_hash, Answer, Kind, Question, Quiz};
use crate::templates::escape::escape_html;
use crate::title;

/// What the print page's quiz section, its answer key and a check inside a lesson get as
/// `quiz`.
#[derive(Serialize)]
struct Worksheet<'a> {
    description: Option<&'a str>,
    /// Every question, in the file's order, those of groups included.
    questions: Vec<SheetQuestion<'a>>,
    /// `questions` cut where a group begins or ends, to print a group's context once above
    /// its questions.
    parts: Vec<Part>,
    pass: u8,
}

/// A run of [`Worksheet::questions`]: a group's, or questions outside any group.
#[derive(Serialize)]
struct Part {
    /// The run, as indices of `questions` (`quiz.questions[part.from:part.to]`).
    from: usize,
    to: usize,
    group: Option<PrintedGroup>,
}

#[derive(Serialize)]
struct PrintedGroup {
    /// "Case: questions 3 to 5", as on the quiz page.
    title: String,
    context: Option<String>,
}

#[derive(Serialize)]
struct SheetQuestion<'a> {
    id: &'a str,
    kind: Kind,
    /// Its number, in the file's order: a group does not renumber its questions.
    number: usize,
    prompt: &'a str,
    explanation: Option<&'a str>,
    points: u32,
    /// Single, multiple and true/false: the options as printed, with `correct` for the key.
    options: Vec<SheetOption>,
    /// Order: the items in the scrambled order the quiz page shows them in, lettered; the
    /// learner writes each one's place.
    items: Vec<Lettered>,
    /// Order, for the key: the items in the right order, with their printed letters.
    right_order: Vec<Lettered>,
    /// Match: the left items, numbered as written, each with the letter of its answer for
    /// the key.
    pairs: Vec<PrintedPair>,
    /// Match: every right-hand answer, the distractors too, scrambled as on the quiz page,
    /// lettered.
    rights: Vec<Lettered>,
    /// Short, for the key: the accepted answers as written (plain text) and the pattern.
    accept: &'a [String],
    pattern: Option<&'a str>,
    /// Numeric, for the key: the number and its tolerance (none when it is 0), written as
    /// the course's language writes numbers.
    answer: Option<String>,
    tolerance: Option<String>,
}

#[derive(Serialize)]
struct SheetOption {
    html: String,
    correct: bool,
    letter: String,
}

/// Something printed with a letter in front: an item to order, a right-hand answer.
#[derive(Serialize)]
struct Lettered {
    letter: String,
    html: String,
}

/// A left item of a match question as printed.
#[derive(Serialize)]
struct PrintedPair {
    number: usize,
    html: String,
    /// Its answer's letter and text, for the key.
    letter: String,
    answer: String,
}

/// A quiz as printed: questions in source order, options in a fixed shuffled order when
/// the quiz shuffles (in source order the right answer is often first), items and
/// right-hand answers in the quiz page's scrambled order, with what the answer key needs.
pub(crate) fn worksheet(strings: &toml::Table, quiz: &Quiz, html: &QuizHtml) -> serde_json::Value {
    let questions = quiz
        .questions
        .iter()
        .zip(&html.questions)
        .enumerate()
        .map(|(i, (q, h))| {
            let options = shown(strings, q, h);
            let options = print_order(quiz, q, &options)
                .into_iter()
                .enumerate()
                .map(|(position, o)| SheetOption {
                    html: o.html.to_string(),
                    correct: o.correct,
                    letter: option_letter(position),
                })
                .collect();
            let mut sheet = SheetQuestion {
                id: &q.id,
                kind: q.kind(),
                number: i + 1,
                prompt: &h.prompt,
                explanation: h.explanation.as_deref(),
                points: q.points,
                options,
                items: Vec::new(),
                right_order: Vec::new(),
                pairs: Vec::new(),
                rights: Vec::new(),
                accept: &[],
                pattern: None,
                answer: None,
                tolerance: None,
            };
            kind_fields(strings, quiz, q, &mut sheet);
            sheet
        })
        .collect();
    let value = Worksheet {
        description: html.description.as_deref(),
        questions,
        parts: parts(strings, quiz, html),
        pass: quiz.pass,
    };
    serde_json::to_value(value).unwrap_or_default()
}

/// Fills in what question `q`'s kind prints beyond its prompt.
fn kind_fields<'a>(
    strings: &toml::Table,
    quiz: &Quiz,
    q: &'a Question,
    sheet: &mut SheetQuestion<'a>,
) {
    match &q.answer {
        Answer::Single { .. } | Answer::Multiple { .. } | Answer::TrueFalse { .. } => {}
        Answer::Order { items, .. } => {
            // The quiz page's order, so that a printed sheet and the screen agree.
            let order = scrambled(quiz, q, items.len());
            let html: Vec<String> = items
                .iter()
                .map(|t| title::render(&t.markdown).html)
                .collect();
            sheet.items = order
                .iter()
                .enumerate()
                .map(|(position, &i)| Lettered {
                    letter: option_letter(position),
                    html: html[i].clone(),
                })
                .collect();
            sheet.right_order = (0..items.len())
                .map(|i| Lettered {
                    letter: option_letter(place(&order, i)),
                    html: html[i].clone(),
                })
                .collect();
        }
        Answer::Match { pairs, .. } => {
            let rights: Vec<String> = q.answer.right_hand().into_iter().map(escape_html).collect();
            let order = scrambled(quiz, q, rights.len());
            sheet.rights = order
                .iter()
                .enumerate()
                .map(|(position, &i)| Lettered {
                    letter: option_letter(position),
                    html: rights[i].clone(),
                })
                .collect();
            // Pair i's answer is right-hand answer i: the pairs' come first.
            sheet.pairs = pairs
                .iter()
                .enumerate()
                .map(|(i, p)| PrintedPair {
                    number: i + 1,
                    html: title::render(&p.left.markdown).html,
                    letter: option_letter(place(&order, i)),
                    answer: rights[i].clone(),
                })
                .collect();
        }
        Answer::Short { accept, pattern } => {
            sheet.accept = accept;
            sheet.pattern = pattern.as_deref();
        }
        Answer::Numeric { answer, tolerance } => {
            sheet.answer = Some(number(strings, *answer));
            sheet.tolerance = (*tolerance != 0.0).then(|| number(strings, *tolerance));
        }
    }
}

/// Where index `i` is printed in `order`.
fn place(order: &[usize], i: usize) -> usize {
    order.iter().position(|&x| x == i).unwrap_or(i)
}

/// `x` as the course's language writes it: the UI string `decimal_separator` makes 18.5
/// "18,5" in Spanish. A theme without the string gets a point.
fn number(strings: &toml::Table, x: f64) -> String {
    let separator = strings
        .get("decimal_separator")
        .and_then(|v| v.as_str())
        .unwrap_or(".");
    x.to_string().replacen('.', separator, 1)
}

/// The questions cut into runs: a group is one, and so are the questions between two
/// groups, however many they are, so a quiz without groups is a single run.
fn parts(strings: &toml::Table, quiz: &Quiz, html: &QuizHtml) -> Vec<Part> {
    let mut parts: Vec<Part> = Vec::new();
    for Range { start, end } in quiz.picks() {
        let group = quiz
            .groups
            .iter()
            .position(|g| g.questions == (start..end))
            .map(|gi| PrintedGroup {
                title: group_title(strings, start + 1, end),
                context: html.groups.get(gi).cloned().flatten(),
            });
        match parts.last_mut() {
            Some(last) if group.is_none() && last.group.is_none() && last.to == start => {
                last.to = end;
            }
            _ => parts.push(Part {
                from: start,
                to: end,
                group,
            }),
        }
    }
    parts
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_take_the_languages_decimal_separator_and_no_needless_decimals() {
        let mut es = toml::Table::new();
        es.insert("decimal_separator".into(), ",".into());
        assert_eq!(number(&es, 18.5), "18,5");
        assert_eq!(number(&es, -0.25), "-0,25");
        assert_eq!(number(&es, 7.0), "7");
        assert_eq!(number(&toml::Table::new(), 18.5), "18.5");
    }
}
