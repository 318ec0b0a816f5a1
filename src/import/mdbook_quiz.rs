//! mdbook-quiz's TOML: `[[questions]]` with a `type`, a `prompt` table and an `answer`
//! table, their texts Markdown already.
//!
//! `MultipleChoice` is single-choice with one answer and multiple-choice with a list (the
//! learner must pick each, so all or nothing); `ShortAnswer` is a short answer with its
//! alternatives; a `Tracing` question ("does this program compile, and what does it
//! print?") becomes a single-choice question on whether it compiles, with the program in
//! the prompt and what it prints, or the line of its error, in the explanation. `context`
//! is the explanation; `multipart` questions become a group with the quiz's context for
//! them.

use std::collections::HashMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::{Answer, Choice, Log, Question};

#[derive(Deserialize)]
struct RawQuiz {
    questions: Option<Vec<Spanned<RawQuestion>>>,
    multipart: Option<HashMap<String, String>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawQuestion {
    #[serde(rename = "type")]
    kind: Option<Spanned<String>>,
    id: Option<String>,
    multipart: Option<Spanned<String>>,
    prompt: Option<Spanned<RawPrompt>>,
    answer: Option<Spanned<RawAnswer>>,
    context: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawPrompt {
    prompt: Option<String>,
    distractors: Option<Vec<String>>,
    program: Option<String>,
    answer_index: Option<usize>,
    response: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawAnswer {
    answer: Option<toml::Value>,
    alternatives: Option<Vec<String>>,
    does_compile: Option<bool>,
    stdout: Option<String>,
    line_number: Option<i64>,
}

/// Reads an mdbook-quiz file into `log`.
pub(crate) fn read(source: &str, log: &mut Log) {
    let raw: RawQuiz = match toml::from_str(source) {
        Ok(raw) => raw,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            log.error(
                span,
                format!("this is not an mdbook-quiz file: {}", e.message()),
                "an mdbook-quiz file is TOML with `[[questions]]` tables, each with `type`, `prompt` and `answer`",
            );
            return;
        }
    };
    let contexts = raw.multipart.unwrap_or_default();
    let Some(questions) = raw.questions.filter(|q| !q.is_empty()) else {
        log.error(
            0..0,
            "this mdbook-quiz file has no `[[questions]]`",
            "an mdbook-quiz file holds `[[questions]]` tables, each with `type`, `prompt` and `answer`",
        );
        return;
    };
    for q in questions {
        let span = q.span();
        let q = q.into_inner();
        let head = span.start
            ..span.start
                + source
                    .get(span.clone())
                    .map_or(0, |s| s.find('\n').unwrap_or(s.len()));
        match question(q, head.clone(), &contexts, log) {
            Ok(mut out) => {
                out.line = log.line(span.start);
                log.question(span, out);
            }
            Err((at, message, hint)) => log.skip(at, message, hint),
        }
    }
}

type Problem = (Range<usize>, String, &'static str);

fn question(
    q: RawQuestion,
    head: Range<usize>,
    contexts: &HashMap<String, String>,
    log: &mut Log,
) -> Result<Question, Problem> {
    let Some(kind) = q.kind else {
        return Err((
            head,
            "this question has no `type`".into(),
            "give it `type = \"MultipleChoice\"`, `\"ShortAnswer\"` or `\"Tracing\"`",
        ));
    };
    let prompt_span = q.prompt.as_ref().map_or(head.clone(), |p| p.span());
    let prompt = q.prompt.map(Spanned::into_inner);
    let answer_span = q.answer.as_ref().map_or(head.clone(), |a| a.span());
    let answer = q.answer.map(Spanned::into_inner);
    let missing = |what: &str, at: Range<usize>| -> Problem {
        (
            at,
            format!("this question has no `{what}`"),
            "see mdbook-quiz's schema: `prompt.prompt` and `answer.answer` for most questions",
        )
    };
    let mut out = match kind.get_ref().as_str() {
        "MultipleChoice" => {
            let p = prompt.ok_or_else(|| missing("prompt", head.clone()))?;
            let text = p
                .prompt
                .ok_or_else(|| missing("prompt.prompt", prompt_span.clone()))?;
            let a = answer.ok_or_else(|| missing("answer", head.clone()))?;
            let rights: Vec<String> = match a.answer {
                Some(toml::Value::String(s)) => vec![s],
                Some(toml::Value::Array(list)) => list
                    .into_iter()
                    .map(|v| match v {
                        toml::Value::String(s) => Ok(s),
                        _ => Err((
                            answer_span.clone(),
                            "an answer in `answer.answer` is not text".to_string(),
                            "write the right answers as texts, like `answer.answer = [\"2\"]`",
                        )),
                    })
                    .collect::<Result<_, _>>()?,
                _ => return Err(missing("answer.answer", answer_span)),
            };
            let single = rights.len() == 1;
            let right = |t: &String| Choice {
                text: t.trim().to_string(),
                correct: true,
                feedback: None,
            };
            let mut options: Vec<Choice> = rights.iter().map(right).collect();
            for d in p.distractors.unwrap_or_default() {
                options.push(Choice {
                    text: d.trim().to_string(),
                    correct: false,
                    feedback: None,
                });
            }
            // `answerIndex` puts the answer at that place rather than shuffled.
            if let (true, Some(i)) = (single, p.answer_index) {
                if i < options.len() {
                    let answer = options.remove(0);
                    options.insert(i, answer);
                }
            }
            let answer = if single {
                Answer::Single(options)
            } else {
                Answer::Multiple {
                    options,
                    partial: false,
                }
            };
            Question::new(0, text, answer)
        }
        "ShortAnswer" => {
            let p = prompt.ok_or_else(|| missing("prompt", head.clone()))?;
            let text = p
                .prompt
                .ok_or_else(|| missing("prompt.prompt", prompt_span.clone()))?;
            if matches!(p.response.as_deref(), Some("long" | "code")) {
                return Err((prompt_span, format!("a ShortAnswer with `response = \"{}\"` asks for prose or code, which aula cannot score", p.response.unwrap_or_default()), "ask for it in a lesson's exercise instead, or make it a short answer"));
            }
            let a = answer.ok_or_else(|| missing("answer", head.clone()))?;
            let Some(toml::Value::String(first)) = a.answer else {
                return Err(missing("answer.answer", answer_span));
            };
            let mut accept = vec![first];
            accept.extend(a.alternatives.unwrap_or_default());
            Question::new(
                0,
                text,
                Answer::Short {
                    accept,
                    pattern: None,
                },
            )
        }
        "Tracing" => {
            let p = prompt.ok_or_else(|| missing("prompt", head.clone()))?;
            let program = p
                .program
                .ok_or_else(|| missing("prompt.program", prompt_span.clone()))?;
            let a = answer.ok_or_else(|| missing("answer", head.clone()))?;
            let compiles = a
                .does_compile
                .ok_or_else(|| missing("answer.doesCompile", answer_span.clone()))?;
            let fence = if program.contains("```") {
                "````"
            } else {
                "```"
            };
            let text = format!(
                "Does this program compile? If it does, what does it print?\n\n{fence}rust\n{}\n{fence}",
                program.trim_end()
            );
            let explanation = if compiles {
                let stdout = a.stdout.unwrap_or_default();
                format!(
                    "It compiles, and prints:\n\n```text\n{}\n```",
                    stdout.trim_end()
                )
            } else {
                match a.line_number {
                    Some(n) => format!("It does not compile: the error is on line {n}."),
                    None => "It does not compile.".to_string(),
                }
            };
            let options = vec![
                Choice {
                    text: "It compiles and runs".into(),
                    correct: compiles,
                    feedback: None,
                },
                Choice {
                    text: "It does not compile".into(),
                    correct: !compiles,
                    feedback: None,
                },
            ];
            let mut q = Question::new(0, text, Answer::Single(options));
            q.explanation = Some(explanation);
            q
        }
        other => {
            return Err((
                kind.span(),
                format!("the question type `{other}` has no aula equivalent"),
                "aula imports MultipleChoice, ShortAnswer and Tracing questions",
            ));
        }
    };
    out.explanation = match (out.explanation.take(), q.context) {
        (Some(a), Some(c)) => Some(format!("{a}\n\n{}", c.trim())),
        (a, c) => a.or(c.map(|c| c.trim().to_string())),
    };
    out.id = q.id;
    if let Some(key) = q.multipart {
        let context = match contexts.get(key.get_ref()) {
            Some(c) => c.trim().to_string(),
            None => {
                log.warn(
                    key.span(),
                    format!(
                        "the multipart key `{}` is not in the quiz's `[multipart]` table",
                        key.get_ref()
                    ),
                    "add its context under `[multipart]`; the group is imported without one",
                );
                String::new()
            }
        };
        out.group = Some((key.into_inner(), context));
    }
    Ok(out)
}
