//! The options a learner sees, for every kind of question: the one place that knows where
//! each kind's options come from (the author's, or true/false's two from the theme's
//! strings), how an option is named in the page and its answer key, how it is lettered on
//! paper, and which options are correct. The quiz page and the print page both read them
//! here, so the two cannot disagree.

use std::borrow::Cow;

use super::markdown::QuestionHtml;
use super::{content_hash, Answer, Question, Quiz};
use crate::theme::string_html;

/// One option as the learner sees it.
pub(crate) struct ShownOption<'a> {
    /// Names the option in the page's HTML and in the answer key.
    pub(crate) id: String,
    pub(crate) html: Cow<'a, str>,
    /// Whether it is a right pick: the answer key, for the browser and for print.
    pub(crate) correct: bool,
    pub(crate) feedback: Option<&'a str>,
    /// Stays in place when options are shuffled.
    pub(crate) fixed: bool,
}

/// The options of question `q`, in the order the author wrote them; `html` is the
/// question's rendered Markdown.
pub(crate) fn shown<'a>(
    strings: &toml::Table,
    q: &'a Question,
    html: &'a QuestionHtml,
) -> Vec<ShownOption<'a>> {
    match &q.answer {
        Answer::Single { options } | Answer::Multiple { options, .. } => options
            .iter()
            .zip(&html.options)
            .enumerate()
            .map(|(i, (o, (text, feedback)))| ShownOption {
                id: option_id(i),
                html: Cow::Borrowed(text),
                correct: o.correct,
                feedback: feedback.as_deref(),
                fixed: o.fixed,
            })
            .collect(),
        // Fixed, as "true" before "false" is the order a learner expects.
        Answer::TrueFalse { answer } => [true, false]
            .into_iter()
            .map(|value| {
                let name = if value { "true" } else { "false" };
                ShownOption {
                    id: name.to_owned(),
                    html: Cow::Owned(string_html(strings, name)),
                    correct: value == *answer,
                    feedback: None,
                    fixed: true,
                }
            })
            .collect(),
        // Their answers are not options to pick.
        Answer::Order { .. }
        | Answer::Match { .. }
        | Answer::Short { .. }
        | Answer::Numeric { .. } => Vec::new(),
    }
}

/// `0..n` in an order drawn from question `q` of `quiz`: the same for the same scoring, so
/// that the page and the print page agree and a reprint is the same, and never the written
/// order when `n` ≥ 2, since for an order question the written order is the answer.
pub(crate) fn scrambled(quiz: &Quiz, q: &Question, n: usize) -> Vec<usize> {
    let seed = format!("{}:{}", quiz.hash, q.id);
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_cached_key(|i| content_hash(&format!("{seed}:{i}")));
    // `n` is 0 for an order question without items, which is reported and still rendered.
    if n > 1 && order.iter().enumerate().all(|(i, &x)| i == x) {
        order.rotate_left(1);
    }
    order
}

/// The id of the author's option at `index`: a to z, then a' to z', and so on. It follows
/// the source order, not the shown order, so the answer key does not depend on shuffling,
/// and it is made of characters an HTML id and a form value can hold.
pub(crate) fn option_id(index: usize) -> String {
    char::from(b'a' + (index % 26) as u8).to_string() + &"'".repeat(index / 26)
}

/// How the option printed at `position` is labelled: A to Z, then numbers, as a question
/// may have any number of options. Unlike the id it follows the printed order, as a
/// reader looks the letters up on the page.
pub(crate) fn option_letter(position: usize) -> String {
    match u8::try_from(position) {
        Ok(i) if i < 26 => char::from(b'A' + i).to_string(),
        _ => (position + 1).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_go_on_past_z_with_primes_and_letters_with_numbers() {
        let ids: Vec<String> = [0, 25, 26, 53].into_iter().map(option_id).collect();
        assert_eq!(ids, ["a", "z", "a'", "b''"]);
        let letters: Vec<String> = [0, 25, 26].into_iter().map(option_letter).collect();
        assert_eq!(letters, ["A", "Z", "27"]);
    }
}
