//! aula's questions as the closest Moodle questions: a small model of what Moodle's question
//! bank holds, which both writers (GIFT and Moodle XML) print, and the
//! notes on what did not map exactly.
//!
//! Scoring is kept where Moodle can express it: a `multiple` question's partial scoring
//! (+1 per right pick, −1 per wrong pick, floored at 0) is Moodle's multichoice with
//! +100/n % per right option and −100/n % per wrong one, which Moodle sums and floors at 0;
//! a `match` question's share of pairs is Moodle's matching; a `numeric` question's
//! tolerance is Moodle's numerical tolerance.

use crate::quiz::{self, Answer as AulaAnswer, Choice, Scoring, Text};

/// One question as Moodle's question bank holds it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Question {
    /// The question's name in the bank: aula's question id, which stays put when the prompt
    /// is reworded.
    pub name: String,
    /// The question text, Markdown: a group's case, then the prompt.
    pub text: String,
    /// Shown after the question is answered, whatever the answer: aula's explanation.
    pub general_feedback: Option<String>,
    /// Moodle's hint, shown in its interactive mode.
    pub hint: Option<String>,
    /// The question's default mark.
    pub points: u32,
    /// What Moodle's type adds.
    pub kind: Kind,
}

/// The Moodle question types aula's kinds map to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    /// `multichoice`: one answer (`single`) or several, each option with its share of the
    /// mark in percent.
    MultiChoice {
        single: bool,
        shuffle: bool,
        answers: Vec<Weighted>,
        /// Shown when the answer is not fully right.
        incorrect_feedback: Option<String>,
    },
    /// `truefalse`.
    TrueFalse {
        answer: bool,
        /// Shown on the wrong answer.
        wrong_feedback: Option<String>,
    },
    /// `shortanswer`, ignoring case; `*` in an answer is escaped, since Moodle reads it as
    /// a wildcard.
    ShortAnswer {
        answers: Vec<String>,
        /// Shown on any other answer (Moodle's `*` answer, worth 0).
        wrong_feedback: Option<String>,
    },
    /// `numerical`, with an absolute tolerance.
    Numerical {
        answer: f64,
        tolerance: f64,
        wrong_feedback: Option<String>,
    },
    /// `matching`: each left item with its right-hand answer; the distractors are
    /// right-hand answers of no item.
    Matching {
        shuffle: bool,
        pairs: Vec<(String, String)>,
        distractors: Vec<String>,
        incorrect_feedback: Option<String>,
    },
}

/// One option of a multichoice question.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Weighted {
    /// Markdown.
    pub text: String,
    /// Its share of the mark, in percent: `100`, `33.33333`, `-50`, `0`.
    pub percent: String,
    pub feedback: Option<String>,
}

/// What did not map exactly, said to the author at the question.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Note {
    pub message: String,
    pub hint: String,
    /// Whether the question was left out rather than approximated.
    pub skipped: bool,
}

impl Note {
    pub(crate) fn approximated(message: impl Into<String>, hint: impl Into<String>) -> Note {
        Note {
            message: message.into(),
            hint: hint.into(),
            skipped: false,
        }
    }

    pub(crate) fn skipped(message: impl Into<String>, hint: impl Into<String>) -> Note {
        Note {
            message: message.into(),
            hint: hint.into(),
            skipped: true,
        }
    }
}

/// The shares of a mark Moodle accepts on import (its grade list), as 1/n: an option worth
/// another share makes Moodle refuse the question unless "nearest grade" is chosen, and the
/// right options' shares must add up to 100 %.
const MOODLE_SHARES: [usize; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20];

/// `q` as the closest Moodle question, with what did not map exactly; `None` when it is
/// skipped. `context` is its group's case; `shuffle` whether the quiz shuffles options.
pub(crate) fn question(
    q: &quiz::Question,
    context: Option<&Text>,
    shuffle: bool,
) -> (Option<Question>, Vec<Note>) {
    let mut notes = Vec::new();
    let feedback = md(q.feedback.as_ref());
    let kind = match &q.answer {
        AulaAnswer::Single { options } => {
            fixed_options(options, shuffle, &mut notes);
            Some(Kind::MultiChoice {
                single: true,
                shuffle,
                answers: options
                    .iter()
                    .map(|o| option(o, if o.correct { "100" } else { "0" }.into()))
                    .collect(),
                incorrect_feedback: feedback,
            })
        }
        AulaAnswer::Multiple { options, scoring } => {
            fixed_options(options, shuffle, &mut notes);
            multiple(&q.id, options, *scoring, shuffle, feedback, &mut notes)
        }
        AulaAnswer::TrueFalse { answer } => Some(Kind::TrueFalse {
            answer: *answer,
            wrong_feedback: feedback,
        }),
        AulaAnswer::Order { items, scoring } => {
            let all_or_nothing = match scoring {
                Scoring::AllOrNothing => {
                    ", and Moodle gives a share of the mark for each item in its place"
                }
                Scoring::Partial => "",
            };
            notes.push(Note::approximated(
                format!("order question `{}` is exported as a matching question, each position with its item{all_or_nothing}", q.id),
                "every Moodle imports a matching question, and Moodle's ordering question is standard only from Moodle 4.4; the learner picks the item for position 1, 2, …",
            ));
            Some(Kind::Matching {
                shuffle: true,
                pairs: items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| ((i + 1).to_string(), item.markdown.trim().to_string()))
                    .collect(),
                distractors: Vec::new(),
                incorrect_feedback: feedback,
            })
        }
        AulaAnswer::Match {
            pairs,
            distractors,
            scoring,
        } => {
            if *scoring == Scoring::AllOrNothing {
                notes.push(Note::approximated(
                    format!("match question `{}` scores all or nothing, but Moodle gives a share of the mark for each right pair", q.id),
                    "write `scoring = \"partial\"` to say what Moodle will do, or accept the difference",
                ));
            }
            Some(Kind::Matching {
                shuffle: true,
                pairs: pairs
                    .iter()
                    .map(|p| (p.left.markdown.trim().to_string(), p.right.clone()))
                    .collect(),
                distractors: distractors.clone(),
                incorrect_feedback: feedback,
            })
        }
        AulaAnswer::Short { accept, pattern } => {
            short(&q.id, accept, pattern.as_deref(), feedback, &mut notes)
        }
        AulaAnswer::Numeric { answer, tolerance } => Some(Kind::Numerical {
            answer: *answer,
            tolerance: *tolerance,
            wrong_feedback: feedback,
        }),
    };
    let question = kind.map(|kind| Question {
        name: q.id.clone(),
        text: match context {
            Some(c) if !c.markdown.trim().is_empty() => {
                format!("{}\n\n{}", c.markdown.trim(), q.prompt.markdown.trim())
            }
            _ => q.prompt.markdown.trim().to_string(),
        },
        general_feedback: md(q.explanation.as_ref()),
        hint: md(q.hint.as_ref()),
        points: q.points,
        kind,
    });
    (question, notes)
}

/// A `multiple` question: each right option worth 100/n % of the mark; each wrong one −100/n
/// % for partial scoring, as aula scores it, or −100 % for all or nothing, which Moodle's
/// multichoice cannot say exactly.
fn multiple(
    id: &str,
    options: &[Choice],
    scoring: Scoring,
    shuffle: bool,
    incorrect_feedback: Option<String>,
    notes: &mut Vec<Note>,
) -> Option<Kind> {
    let right = options.iter().filter(|o| o.correct).count();
    if !MOODLE_SHARES.contains(&right) {
        notes.push(Note::skipped(
            format!("multiple question `{id}` has {right} right options, and Moodle cannot give each 1/{right} of the mark"),
            "Moodle's grades are 1/n of the mark for n up to 10, and 1/20: split the question, or give it at most 10 right options",
        ));
        return None;
    }
    let share = percent(100.0 / right as f64);
    let wrong = match scoring {
        Scoring::Partial => format!("-{share}"),
        Scoring::AllOrNothing => {
            notes.push(Note::approximated(
                format!("multiple question `{id}` scores all or nothing; in Moodle each right pick earns 1/{right} of the mark and a wrong pick takes it all away"),
                "Moodle's multichoice has no all-or-nothing scoring; write `scoring = \"partial\"` for the same scoring in both",
            ));
            "-100".to_string()
        }
    };
    Some(Kind::MultiChoice {
        single: false,
        shuffle,
        answers: options
            .iter()
            .map(|o| {
                option(
                    o,
                    if o.correct {
                        share.clone()
                    } else {
                        wrong.clone()
                    },
                )
            })
            .collect(),
        incorrect_feedback,
    })
}

/// A `short` question: its accepted answers; a pattern has no Moodle equivalent (Moodle's
/// short answers know only the `*` wildcard).
fn short(
    id: &str,
    accept: &[String],
    pattern: Option<&str>,
    wrong_feedback: Option<String>,
    notes: &mut Vec<Note>,
) -> Option<Kind> {
    match (accept.is_empty(), pattern) {
        (true, _) => {
            notes.push(Note::skipped(
                format!("short question `{id}` is answered only by its pattern, which Moodle cannot check"),
                "Moodle's short answers match whole texts, with `*` for any characters: add the right answers to `accept`",
            ));
            return None;
        }
        (false, Some(p)) => notes.push(Note::approximated(
            format!("the pattern `{p}` of short question `{id}` is left out; Moodle accepts only the texts of `accept`"),
            "Moodle's short answers have no regular expressions: add to `accept` every answer the pattern is there for",
        )),
        (false, None) => {}
    }
    Some(Kind::ShortAnswer {
        answers: accept
            .iter()
            .map(|a| a.trim().replace('*', "\\*"))
            .collect(),
        wrong_feedback,
    })
}

/// Moodle shuffles all of a question's options or none.
fn fixed_options(options: &[Choice], shuffle: bool, notes: &mut Vec<Note>) {
    if shuffle && options.iter().any(|o| o.fixed) {
        notes.push(Note::approximated(
            "an option marked `fixed` will be shuffled with the others",
            "Moodle shuffles all of a question's options or none: turn shuffling off for this question in Moodle",
        ));
    }
}

impl Weighted {
    /// Whether picking it earns a share of the mark.
    pub(crate) fn right(&self) -> bool {
        self.percent != "0" && !self.percent.starts_with('-')
    }
}

fn option(o: &Choice, percent: String) -> Weighted {
    Weighted {
        text: o.text.markdown.trim().to_string(),
        percent,
        feedback: md(o.feedback.as_ref()),
    }
}

/// A Markdown field, trimmed; `None` when empty.
fn md(text: Option<&Text>) -> Option<String> {
    text.map(|t| t.markdown.trim().to_string())
        .filter(|t| !t.is_empty())
}

/// A percentage with 5 decimals at most and no trailing zeros: Moodle matches a fraction
/// against its grade list to 0.00001, and 33.33333 % is its 0.3333333.
pub(crate) fn percent(value: f64) -> String {
    let s = format!("{value:.5}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_written_as_moodle_lists_them() {
        assert_eq!(percent(100.0), "100");
        assert_eq!(percent(100.0 / 3.0), "33.33333");
        assert_eq!(percent(100.0 / 7.0), "14.28571");
        assert_eq!(percent(12.5), "12.5");
    }
}
