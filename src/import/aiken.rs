//! The Aiken format: a question on its own lines, its options lettered `A.` or `A)`, one per
//! line, and `ANSWER: X` naming the right one; blank lines between questions. Every Aiken
//! question is a single-choice question, and its texts are plain.

use std::ops::Range;

use super::text::{self, Markup};
use super::{Answer, Choice, Log, Question};

/// The letter an `ANSWER:` line names, and where it stands in the line, if `line` is one.
pub(crate) fn answer_line(line: &str) -> Option<(&str, usize)> {
    let rest = line.strip_prefix("ANSWER:")?;
    let value = rest.trim();
    let at = "ANSWER:".len() + (rest.len() - rest.trim_start().len());
    Some((value, at))
}

/// `A. text` or `A) text`: the letter and the text.
fn option_line(line: &str) -> Option<(char, &str)> {
    let mut chars = line.chars();
    let letter = chars.next().filter(char::is_ascii_uppercase)?;
    let rest = chars.as_str();
    let text = rest.strip_prefix(['.', ')'])?;
    (text.is_empty() || text.starts_with([' ', '\t'])).then(|| (letter, text.trim()))
}

/// A question being read: where it starts, its text's lines and its options.
#[derive(Default)]
struct Pending {
    start: usize,
    end: usize,
    prompt: Vec<String>,
    options: Vec<(char, String)>,
}

/// Reads an Aiken bank into `log`.
pub(crate) fn read(source: &str, log: &mut Log) {
    let mut pending: Option<Pending> = None;
    let mut offset = 0;
    for raw in source.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw
            .trim_end_matches(['\n', '\r'])
            .trim_start_matches('\u{feff}');
        let lead = raw.len() - raw.trim_start().len();
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let at = start + lead;
        let end = at + line.len();
        if let Some((value, col)) = answer_line(line) {
            let Some(q) = pending.take() else {
                log.error(
                    at..end,
                    "this `ANSWER:` line has no question above it",
                    "write the question, then its lettered options, then `ANSWER:`",
                );
                continue;
            };
            finish(log, q, value, at + col..end);
            continue;
        }
        let q = pending.get_or_insert_with(|| Pending {
            start: at,
            ..Pending::default()
        });
        if let Some((letter, text)) = option_line(line) {
            if q.prompt.is_empty() {
                log.error(
                    at..end,
                    "this option comes before any question text",
                    "write the question's text on the line above its options",
                );
            }
            q.options.push((letter, text.to_string()));
        } else if !q.options.is_empty() {
            // A line that is neither an option nor the answer, after the options: the
            // question above had no `ANSWER:`, and this one starts the next.
            let unfinished = std::mem::replace(
                q,
                Pending {
                    start: at,
                    ..Pending::default()
                },
            );
            q.prompt.push(line.to_string());
            q.end = end;
            log.skip(
                unfinished.start..unfinished.start + first_line(source, unfinished.start),
                "this question has no `ANSWER:` line",
                "end each question with a line like `ANSWER: B`",
            );
            continue;
        } else {
            q.prompt.push(line.to_string());
        }
        q.end = end;
    }
    if let Some(q) = pending {
        log.skip(
            q.start..q.start + first_line(source, q.start),
            "this question has no `ANSWER:` line",
            "end each question with a line like `ANSWER: B`",
        );
    }
}

fn first_line(source: &str, start: usize) -> usize {
    source
        .get(start..)
        .map_or(0, |s| s.find(['\n', '\r']).unwrap_or(s.len()))
}

fn finish(log: &mut Log, q: Pending, value: &str, at: Range<usize>) {
    let letters: Vec<char> = q.options.iter().map(|(l, _)| *l).collect();
    let right = value.chars().next().filter(|_| value.chars().count() == 1);
    let Some(right) = right.filter(|r| letters.contains(r)) else {
        let listed: String = letters
            .iter()
            .map(|l| l.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        log.skip(
            at,
            format!(
                "`ANSWER: {value}` names no option of this question (its options are {listed})"
            ),
            "write the letter of the right option, like `ANSWER: B`",
        );
        return;
    };
    let options = q
        .options
        .iter()
        .map(|(letter, t)| Choice {
            text: text::inline(Markup::Plain, t),
            correct: *letter == right,
            feedback: None,
        })
        .collect();
    let prompt = text::markdown(Markup::Plain, &q.prompt.join("\n"));
    let question = Question::new(log.line(q.start), prompt, Answer::Single(options));
    log.question(q.start..q.end, question);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_and_answers_are_recognised() {
        assert_eq!(option_line("A. Paris"), Some(('A', "Paris")));
        assert_eq!(option_line("B) Rome"), Some(('B', "Rome")));
        assert_eq!(option_line("Also. no"), None);
        assert_eq!(answer_line("ANSWER: C"), Some(("C", 8)));
        assert_eq!(answer_line("Answer C"), None);
    }
}
