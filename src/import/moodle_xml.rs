//! Moodle XML: `<quiz>` holding `<question type="…">` elements. Read as a stream, one
//! question at a time, so that a bank of any size costs about its largest question in
//! memory besides the questions read.
//!
//! multichoice (single or multiple, with fractions), truefalse, shortanswer, numerical (with
//! tolerance) and matching become aula's kinds; `category` sets the category said in the
//! quiz file's comments; every other type (essay, cloze, calculated, drag-and-drop,
//! description…) is skipped and reported. `<text>` is read in its `format` (HTML, most
//! often in CDATA) and converted to Markdown; `generalfeedback` is the explanation and
//! `incorrectfeedback` the feedback for an answer not fully right.

use std::ops::Range;

use quick_xml::events::Event;
use quick_xml::Reader;

use super::text::{self, Markup};
use super::{Answer, Choice, Log, Question};

/// An element of one question: its name, attributes, text and children, and where it starts.
#[derive(Debug, Default)]
struct Node {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
    children: Vec<Node>,
    start: usize,
}

impl Node {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    fn children<'n>(&'n self, name: &'n str) -> impl Iterator<Item = &'n Node> + 'n {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The element's `<text>`, in the element's `format`.
    fn text_in(&self, format: Markup) -> Option<(Markup, &str)> {
        let markup = match self.attr("format") {
            Some("html") => Markup::Html,
            Some("markdown") => Markup::Markdown,
            Some("moodle_auto_format") => Markup::Moodle,
            Some(_) => Markup::Plain,
            None => format,
        };
        self.child("text").map(|t| (markup, t.text.as_str()))
    }

    /// A block field (`questiontext`, a feedback) as Markdown, if it has any text.
    fn markdown(&self, name: &str) -> Option<String> {
        let (markup, t) = self.child(name)?.text_in(Markup::Html)?;
        Some(text::markdown(markup, t)).filter(|s| !s.is_empty())
    }

    /// The plain text of the child `name`'s `<text>`, or of the element itself.
    fn plain(&self) -> String {
        match self.text_in(Markup::Plain) {
            Some((m, t)) => text::plain(m, t),
            None => text::plain(Markup::Plain, &self.text),
        }
    }
}

/// Reads a Moodle XML bank into `log`.
pub(crate) fn read(source: &str, log: &mut Log) {
    let mut reader = Reader::from_str(source);
    reader.config_mut().trim_text(false);
    // The elements open inside the current question, innermost last.
    let mut open: Vec<Node> = Vec::new();
    // Whether the `<quiz>` element was seen: without it, this is not a question bank.
    let mut saw_quiz = false;
    let mut category = None;
    loop {
        let at = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let pos = usize::try_from(reader.error_position()).unwrap_or(0);
                // The question it happened in is lost with the rest of the file.
                let report = if open.is_empty() {
                    Log::error
                } else {
                    Log::skip
                };
                report(
                    log,
                    pos..pos + 1,
                    format!("this XML is not well-formed: {e}"),
                    "fix the XML here; the questions after this point are not read",
                );
                return;
            }
        };
        match event {
            Event::Start(e) => {
                if open.is_empty() && e.name().as_ref() != "question" {
                    saw_quiz |= e.name().as_ref() == "quiz";
                    continue;
                }
                open.push(node(&e, at));
            }
            Event::Empty(e) => {
                saw_quiz |= e.name().as_ref() == "quiz";
                // An empty `<question/>` holds nothing to convert.
                if let Some(parent) = open.last_mut() {
                    parent.children.push(node(&e, at));
                }
            }
            Event::Text(t) => {
                if let Some(n) = open.last_mut() {
                    n.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(n) = open.last_mut() {
                    n.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(n) = open.last_mut() {
                    let name = r.xml10_content();
                    let c = match name.as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => r.resolve_char_ref().ok().flatten(),
                    };
                    match c {
                        Some(c) => n.text.push(c),
                        None => {
                            n.text.push('&');
                            n.text.push_str(&name);
                            n.text.push(';');
                        }
                    }
                }
            }
            Event::End(_) => {
                let Some(done) = open.pop() else { continue };
                match open.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None => {
                        let end = reader_pos(&reader);
                        question(log, &done, done.start..end, &mut category);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(unclosed) = open.first() {
        // The question it is in is lost.
        log.skip(
            unclosed.start..unclosed.start + unclosed.name.len() + 1,
            format!("the file ends inside this `<{}>`", unclosed.name),
            "close the element; the file may have been cut short",
        );
    } else if !saw_quiz {
        log.error(
            0..0,
            "this XML has no `<quiz>` element: it is not a Moodle XML question bank",
            "export the questions from Moodle's question bank as \"Moodle XML format\"",
        );
    }
}

fn reader_pos(reader: &Reader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}

fn node(e: &quick_xml::events::BytesStart<'_>, at: usize) -> Node {
    let attrs = e
        .attributes()
        .flatten()
        .map(|a| {
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.to_string());
            (a.key.as_ref().to_string(), value)
        })
        .collect();
    Node {
        name: e.name().as_ref().to_string(),
        attrs,
        start: at,
        ..Node::default()
    }
}

/// One `<question>`, converted into `log` or reported.
fn question(log: &mut Log, q: &Node, span: Range<usize>, category: &mut Option<String>) {
    let kind = q.attr("type").unwrap_or("");
    let head = span.start..span.start + "<question".len();
    if kind == "category" {
        let name = q.child("category").map(|c| c.plain()).unwrap_or_default();
        let mut name = name.as_str();
        for prefix in ["$course$/", "$system$/", "$module$/", "top/"] {
            name = name.strip_prefix(prefix).unwrap_or(name);
        }
        *category = Some(name.to_string()).filter(|n| !n.is_empty() && n != "top");
        return;
    }
    let line = log.line(span.start);
    let prompt = q.markdown("questiontext").unwrap_or_default();
    let mut out = Question::new(line, prompt, Answer::TrueFalse(true));
    out.title = q.child("name").map(|n| n.plain()).filter(|n| !n.is_empty());
    out.category = category.clone();
    out.explanation = q.markdown("generalfeedback");
    // Moodle gives a hint per try of an interactive quiz; aula shows one, the first.
    out.hint = q.markdown("hint");
    if q.children("hint").nth(1).is_some() {
        out.notes
            .push("only the first of the question's hints is kept: aula shows one".into());
    }
    out.points = q
        .child("defaultgrade")
        .and_then(|g| g.text.trim().parse::<f64>().ok())
        .filter(|g| g.is_finite() && *g >= 0.0 && (*g - 1.0).abs() > f64::EPSILON)
        .map(|g| {
            if g.fract() != 0.0 {
                out.notes.push(format!(
                    "its grade of {g} is rounded to {} points: aula's points are whole",
                    g.round()
                ));
            }
            g.round() as u32
        });
    // Moodle's files travel inside the bank, base64, and its HTML points at them.
    let local_files = q.children.iter().any(|c| {
        c.attr("format") == Some("html")
            && c.child("text")
                .is_some_and(|t| text::has_local_files(&t.text))
    });
    if local_files
        || q.children("file").next().is_some()
        || q.children
            .iter()
            .any(|c| c.children("file").next().is_some())
    {
        out.notes.push("its images and files are not imported: the text names each image; copy the files into the module folder and link them".into());
    }
    let answers: Vec<&Node> = q.children("answer").collect();
    let fraction = |a: &Node| {
        a.attr("fraction")
            .and_then(|f| f.trim().parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    let feedback = |a: &Node| a.markdown("feedback");
    out.answer = match kind {
        "multichoice" => {
            let single = q.child("single").is_none_or(|s| s.text.trim() != "false");
            let full = answers.iter().filter(|a| fraction(a) >= 100.0).count();
            let options: Vec<Choice> = answers
                .iter()
                .map(|a| Choice {
                    text: match a.text_in(Markup::Html) {
                        Some((m, t)) => text::inline(m, t),
                        None => String::new(),
                    },
                    correct: if single {
                        fraction(a) >= 100.0
                    } else {
                        fraction(a) > 0.0
                    },
                    feedback: feedback(a),
                })
                .collect();
            out.feedback = q.markdown("incorrectfeedback");
            if single {
                let partial: Vec<String> = answers
                    .iter()
                    .filter(|a| fraction(a) > 0.0 && fraction(a) < 100.0)
                    .map(|a| format!("`{}` ({}%)", a.plain(), fraction(a)))
                    .collect();
                if !partial.is_empty() {
                    out.notes.push(format!("partial credit for {} has no aula equivalent in a single-choice question; they count as wrong", partial.join(", ")));
                }
                if full == 0 {
                    out.notes.push("no answer had full credit".into());
                }
                Answer::Single(options)
            } else {
                let weights: Vec<f64> = answers
                    .iter()
                    .map(|a| fraction(a))
                    .filter(|f| *f > 0.0)
                    .collect();
                if weights.iter().any(|w| (w - weights[0]).abs() > 0.01) {
                    out.notes.push("the right answers had different fractions; aula's partial scoring gives each right pick the same credit".into());
                }
                Answer::Multiple {
                    options,
                    partial: true,
                }
            }
        }
        "truefalse" => {
            let truth = |a: &&Node| a.plain().eq_ignore_ascii_case("true");
            let right = answers.iter().find(|a| fraction(a) >= 100.0);
            let Some(right) = right else {
                log.skip(
                    head,
                    "this true/false question has no answer with fraction 100",
                    "give the right answer `fraction=\"100\"`",
                );
                return;
            };
            let answer = truth(right);
            out.explanation = join(feedback(right), out.explanation.take());
            out.feedback = answers
                .iter()
                .find(|a| truth(a) != answer)
                .and_then(|a| feedback(a));
            Answer::TrueFalse(answer)
        }
        "shortanswer" => {
            let mut accept = Vec::new();
            for a in &answers {
                if fraction(a) >= 100.0 {
                    accept.push(a.plain());
                } else if fraction(a) > 0.0 {
                    out.notes.push(format!(
                        "the answer `{}` gave {}% credit, which aula cannot give; it is left out",
                        a.plain(),
                        fraction(a)
                    ));
                }
            }
            if q.child("usecase").is_some_and(|u| u.text.trim() == "1") {
                out.notes
                    .push("Moodle compared the answers case-sensitively; aula ignores case".into());
            }
            super::moodle_short(accept, &mut out.notes)
        }
        "numerical" => {
            let mut chosen = None;
            for a in &answers {
                let value = a.plain();
                if value == "*" {
                    // Moodle's catch-all for any other answer: its feedback is aula's.
                    out.feedback = feedback(a);
                    continue;
                }
                if fraction(a) < 100.0 || chosen.is_some() {
                    out.notes.push(format!("the answer `{value}` ({}% credit) is left out: aula's numeric question has one answer and its tolerance", fraction(a)));
                    continue;
                }
                let Some(n) = value.parse::<f64>().ok().filter(|n| n.is_finite()) else {
                    log.skip(
                        a.start..a.start + "<answer".len(),
                        format!("the numeric answer `{value}` is not a number"),
                        "write the answer as a number, like 18.5",
                    );
                    return;
                };
                let tol = a.child("tolerance").map_or(Some(0.0), |t| {
                    t.text.trim().parse::<f64>().ok().filter(|t| t.is_finite())
                });
                let Some(tol) = tol else {
                    log.skip(
                        a.start..a.start + "<answer".len(),
                        "this answer's tolerance is not a number",
                        "write the tolerance as a number, like 0.5",
                    );
                    return;
                };
                out.explanation = join(feedback(a), out.explanation.take());
                chosen = Some((n, tol.abs()));
            }
            if q.child("units").is_some_and(|u| !u.children.is_empty()) {
                out.notes
                    .push("its units are not imported: the learner types the number alone".into());
            }
            let Some((answer, tolerance)) = chosen else {
                log.skip(
                    head,
                    "this numerical question has no answer with full credit",
                    "give one answer `fraction=\"100\"`",
                );
                return;
            };
            Answer::Numeric { answer, tolerance }
        }
        "matching" => {
            let mut pairs = Vec::new();
            let mut distractors = Vec::new();
            for s in q.children("subquestion") {
                let left = match s.text_in(Markup::Html) {
                    Some((m, t)) => text::inline(m, t),
                    None => String::new(),
                };
                let right = s.child("answer").map(|a| a.plain()).unwrap_or_default();
                if left.is_empty() {
                    distractors.push(right);
                } else {
                    pairs.push((left, right));
                }
            }
            out.feedback = q.markdown("incorrectfeedback");
            Answer::Match { pairs, distractors }
        }
        other => {
            let what = match other {
                "essay" => "an essay question",
                "cloze" | "multianswer" => "an embedded-answers (cloze) question",
                "calculated" | "calculatedsimple" | "calculatedmulti" => "a calculated question",
                "description" => "a description",
                "ddwtos" | "ddimageortext" | "ddmarker" | "gapselect" => "a drag-and-drop question",
                "randomsamatch" | "random" => "a random question",
                "" => "a question without a type",
                _ => "this question type",
            };
            log.skip(
                head,
                format!("{what} (`type=\"{other}\"`) has no aula equivalent"),
                "aula imports multichoice, truefalse, shortanswer, numerical and matching questions",
            );
            return;
        }
    };
    log.question(span, out);
}

fn join(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(format!("{a}\n\n{b}")),
        (a, b) => a.or(b),
    }
}
