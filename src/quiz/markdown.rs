//! A quiz's Markdown: the description, and each question's prompt, hint, explanation,
//! options and feedback, rendered one field at a time with one set of heading ids.

use super::{Quiz, Text};
use crate::content::Page;
use crate::markdown::{HeadingIds, Rendered, Renderer};

/// The Markdown of a quiz, rendered: what the quiz page and the print page need.
#[derive(Debug, Default, Clone)]
pub(crate) struct QuizHtml {
    pub(crate) description: Option<String>,
    pub(crate) questions: Vec<QuestionHtml>,
    /// Per group, its context.
    pub(crate) groups: Vec<Option<String>>,
}

/// One question's Markdown fields, rendered.
#[derive(Debug, Default, Clone)]
pub(crate) struct QuestionHtml {
    pub(crate) prompt: String,
    pub(crate) hint: Option<String>,
    pub(crate) explanation: Option<String>,
    pub(crate) feedback: Option<String>,
    /// Per option the author wrote ([`Answer::choices`](super::Answer::choices)): text and
    /// feedback.
    pub(crate) options: Vec<(String, Option<String>)>,
}

/// Renders every Markdown field of `quiz`, the quiz of page `index`. The [`Rendered`] holds
/// what the fields have together, for the link check, and no HTML: that is in the
/// [`QuizHtml`].
pub(crate) fn render(
    md: &Renderer,
    page: &Page,
    index: usize,
    quiz: &Quiz,
) -> (Rendered, QuizHtml) {
    // One set of heading ids for the whole quiz page, whose pieces are rendered one by one.
    render_with_ids(md, page, index, quiz, &mut HeadingIds::new())
}

/// Like [`render`], with the heading ids of the page the quiz is on: a check inside a
/// lesson shares the lesson's.
pub(crate) fn render_with_ids(
    md: &Renderer,
    page: &Page,
    index: usize,
    quiz: &Quiz,
    ids: &mut HeadingIds,
) -> (Rendered, QuizHtml) {
    let mut all = Rendered::default();
    let mut block = |t: &Text, inline: bool| {
        let mut r = if inline {
            md.render_inline(page, index, &t.markdown, t.offset, ids)
        } else {
            md.render_part(page, index, &t.markdown, t.offset, ids)
        };
        let html = std::mem::take(&mut r.html);
        all.absorb(r);
        html
    };
    let description = quiz.description.as_ref().map(|t| block(t, false));
    let mut questions = Vec::new();
    for q in &quiz.questions {
        let prompt = block(&q.prompt, false);
        let hint = q.hint.as_ref().map(|t| block(t, false));
        let explanation = q.explanation.as_ref().map(|t| block(t, false));
        let feedback = q.feedback.as_ref().map(|t| block(t, false));
        let options = q
            .answer
            .choices()
            .iter()
            .map(|o| {
                (
                    block(&o.text, true),
                    o.feedback.as_ref().map(|t| block(t, false)),
                )
            })
            .collect();
        questions.push(QuestionHtml {
            prompt,
            hint,
            explanation,
            feedback,
            options,
        });
    }
    let groups = quiz
        .groups
        .iter()
        .map(|g| g.context.as_ref().map(|t| block(t, false)))
        .collect();
    let quiz = QuizHtml {
        description,
        questions,
        groups,
    };
    (all, quiz)
}
