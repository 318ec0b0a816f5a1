//! Whether a quiz's translation (`quiz.en.toml`) keeps the original's answers. A learner's
//! results are stored under the quiz's page and a hash of what its scoring depends on, and
//! a translation is scored with the original's hash, so that results carry over when a
//! learner switches language. That holds only if both are scored alike: the same
//! questions, by id and in order, of the same kinds and points, with the same right
//! options, items, pairs and numbers. Texts, feedback and explanations are the
//! translation's own, and so are a short answer's accepted texts, which are words of
//! its language.

use std::ops::Range;

use super::{Answer, Choice, Question, Quiz};
use crate::content::Page;
use crate::diagnostic::Diagnostic;

/// Every way `translated` (the quiz of page `translation`) is scored differently from
/// `original` (that of page `source`), each at its place in the translation.
pub(crate) fn differences(
    original: &Quiz,
    source: &Page,
    translated: &Quiz,
    translation: &Page,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let at_key = |page: &Page, key: &str| key_span(&page.text, key);
    let mut differ = |span: Range<usize>, what: String, original_span: Range<usize>| {
        let there = source.error(original_span, "").position();
        found.push(translation.error(span, what).with_hint(format!(
            "the original is {there}: a translation keeps its question ids, answers, points \
             and pass mark, and changes only the texts, so that learners' results carry over \
             between languages"
        )));
    };
    for (key, a, b) in [
        (
            "pass",
            original.pass.to_string(),
            translated.pass.to_string(),
        ),
        (
            "draw",
            format!("{:?}", original.draw),
            format!("{:?}", translated.draw),
        ),
        (
            "attempts",
            original.attempts.to_string(),
            translated.attempts.to_string(),
        ),
    ] {
        if a != b {
            differ(
                at_key(translation, key),
                format!("`{key}` differs from the original quiz's"),
                at_key(source, key),
            );
        }
    }
    let (ours, theirs) = (&original.questions, &translated.questions);
    if ours.len() != theirs.len() {
        let span = theirs
            .get(ours.len())
            .map_or(0..0, |q| prompt_span(translation, q));
        differ(
            span,
            format!(
                "this translation has {} questions and the original {}",
                theirs.len(),
                ours.len()
            ),
            ours.last().map_or(0..0, |q| prompt_span(source, q)),
        );
    }
    for (a, b) in ours.iter().zip(theirs) {
        if let Some(what) = question_difference(a, b) {
            differ(prompt_span(translation, b), what, prompt_span(source, a));
        }
    }
    let groups = |q: &Quiz| -> Vec<(String, Range<usize>)> {
        q.groups
            .iter()
            .map(|g| (g.id.clone(), g.questions.clone()))
            .collect()
    };
    if ours.len() == theirs.len() && groups(original) != groups(translated) {
        differ(
            at_key(translation, "[[groups]]"),
            "the groups differ from the original's: the same group ids around the same questions"
                .into(),
            at_key(source, "[[groups]]"),
        );
    }
    found
}

/// How question `b` is scored differently from `a`, said of `b`.
fn question_difference(a: &Question, b: &Question) -> Option<String> {
    let id = &b.id;
    if a.id != b.id {
        return Some(format!(
            "question `{id}` is in the place of the original's `{}`",
            a.id
        ));
    }
    if a.kind() != b.kind() {
        return Some(format!(
            "question `{id}` is `{}`, the original `{}`",
            b.kind().name(),
            a.kind().name()
        ));
    }
    if a.points != b.points {
        return Some(format!(
            "question `{id}` is worth {} points, the original {}",
            b.points, a.points
        ));
    }
    let flags = |o: &[Choice]| o.iter().map(|c| c.correct).collect::<Vec<_>>();
    let differs = match (&a.answer, &b.answer) {
        (Answer::Single { options: x }, Answer::Single { options: y }) => {
            (flags(x) != flags(y)).then(|| right_options(y, x))
        }
        (
            Answer::Multiple {
                options: x,
                scoring: s,
            },
            Answer::Multiple {
                options: y,
                scoring: t,
            },
        ) => (flags(x) != flags(y))
            .then(|| right_options(y, x))
            .or_else(|| (s != t).then(|| "its `scoring` differs".into())),
        (Answer::TrueFalse { answer: x }, Answer::TrueFalse { answer: y }) => {
            (x != y).then(|| format!("its answer is {y}, the original's {x}"))
        }
        (
            Answer::Order {
                items: x,
                scoring: s,
            },
            Answer::Order {
                items: y,
                scoring: t,
            },
        ) => (x.len() != y.len())
            .then(|| format!("it has {} items, the original {}", y.len(), x.len()))
            .or_else(|| (s != t).then(|| "its `scoring` differs".into())),
        (
            Answer::Match {
                pairs: x,
                distractors: dx,
                scoring: s,
            },
            Answer::Match {
                pairs: y,
                distractors: dy,
                scoring: t,
            },
        ) => (x.len() != y.len())
            .then(|| format!("it has {} pairs, the original {}", y.len(), x.len()))
            .or_else(|| {
                (dx.len() != dy.len())
                    .then(|| format!("it has {} distractors, the original {}", dy.len(), dx.len()))
            })
            .or_else(|| (s != t).then(|| "its `scoring` differs".into())),
        // The accepted answers are words of the translation's language.
        (Answer::Short { .. }, Answer::Short { .. }) => None,
        (
            Answer::Numeric {
                answer: x,
                tolerance: s,
            },
            Answer::Numeric {
                answer: y,
                tolerance: t,
            },
        ) => {
            (x != y || s != t).then(|| format!("its answer is {y} ± {t}, the original's {x} ± {s}"))
        }
        _ => None,
    };
    differs.map(|what| format!("question `{id}` does not keep the original's answers: {what}"))
}

/// What differs in which options are right: `y`'s against the original's `x`.
fn right_options(y: &[Choice], x: &[Choice]) -> String {
    let right = |o: &[Choice]| {
        let letters: Vec<String> = o
            .iter()
            .enumerate()
            .filter(|(_, c)| c.correct)
            .map(|(i, _)| char::from(b'A' + (i % 26) as u8).to_string())
            .collect();
        if letters.is_empty() {
            "none".to_string()
        } else {
            letters.join(", ")
        }
    };
    if x.len() == y.len() {
        format!(
            "the right options are {} here and {} in the original",
            right(y),
            right(x)
        )
    } else {
        format!("it has {} options, the original {}", y.len(), x.len())
    }
}

/// The first line of the question's prompt, where errors about the question point.
fn prompt_span(page: &Page, q: &Question) -> Range<usize> {
    let start = q.prompt.offset.min(page.text.len());
    let line = page.text[start..]
        .find('\n')
        .unwrap_or(page.text.len() - start);
    start..start + line.max(1)
}

/// Where `key` starts a line of `text` (`pass = 80`), or the start of the file.
fn key_span(text: &str, key: &str) -> Range<usize> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let rest = line.trim_start();
        if rest.starts_with(key) {
            let start = at + line.len() - rest.len();
            return start..start + key.len();
        }
        at += line.len();
    }
    0..0
}
