//! Moodle XML: a `<quiz>` of `<question>`s, a category being a `<question type="category">`.
//! Written with quick-xml, which escapes what it writes; a text holding markup (`<`, `&`)
//! goes in a CDATA section instead, so that it reads as the author wrote it.
//!
//! Every text is Markdown (`format="markdown"`), but for the answers Moodle compares or
//! lists as plain text: short answers, numbers, and the right-hand side of a matching
//! question.

use std::io;

use quick_xml::events::{BytesCData, BytesDecl, BytesText, Event};
use quick_xml::Writer;

use super::mapping::{Kind, Question, Weighted};
use super::sources::Category;

type W = Writer<Vec<u8>>;

/// Writes Moodle XML, question after question, and gives its text at the end.
pub(crate) struct Bank {
    w: W,
}

impl Bank {
    /// A `<quiz>` opened under the XML declaration.
    pub(crate) fn new(title: &str) -> io::Result<Bank> {
        let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.write_event(Event::Comment(BytesText::from_escaped(format!(
            " {}: written by aula export for Moodle's question bank ",
            comment(title)
        ))))?;
        w.write_event(Event::Start(quick_xml::events::BytesStart::new("quiz")))?;
        Ok(Bank { w })
    }

    /// The questions that follow go into `category`.
    pub(crate) fn category(&mut self, category: &Category) -> io::Result<()> {
        self.w
            .create_element("question")
            .with_attribute(("type", "category"))
            .write_inner_content(|w| {
                w.create_element("category")
                    .write_inner_content(|w| text(w, "text", &category.path()))?;
                Ok(())
            })?;
        Ok(())
    }

    /// One question, after a comment saying where it comes from.
    pub(crate) fn question(&mut self, q: &Question, from: &str) -> io::Result<()> {
        let w = &mut self.w;
        w.write_event(Event::Comment(BytesText::from_escaped(format!(
            " {} ",
            comment(from)
        ))))?;
        let kind = match q.kind {
            Kind::MultiChoice { .. } => "multichoice",
            Kind::TrueFalse { .. } => "truefalse",
            Kind::ShortAnswer { .. } => "shortanswer",
            Kind::Numerical { .. } => "numerical",
            Kind::Matching { .. } => "matching",
        };
        w.create_element("question")
            .with_attribute(("type", kind))
            .write_inner_content(|w| {
                w.create_element("name")
                    .write_inner_content(|w| text(w, "text", &q.name))?;
                markdown(w, "questiontext", &q.text)?;
                markdown(
                    w,
                    "generalfeedback",
                    q.general_feedback.as_deref().unwrap_or(""),
                )?;
                element(w, "defaultgrade", &q.points.to_string())?;
                element(w, "hidden", "0")?;
                body(w, &q.kind)?;
                if let Some(h) = &q.hint {
                    markdown(w, "hint", h)?;
                }
                Ok(())
            })?;
        Ok(())
    }

    /// The file's text, with `</quiz>` closed.
    pub(crate) fn finish(mut self) -> io::Result<String> {
        self.w
            .write_event(Event::End(quick_xml::events::BytesEnd::new("quiz")))?;
        let mut bytes = self.w.into_inner();
        bytes.push(b'\n');
        String::from_utf8(bytes).map_err(io::Error::other)
    }
}

/// What a question's type adds.
fn body(w: &mut W, kind: &Kind) -> io::Result<()> {
    match kind {
        Kind::MultiChoice {
            single,
            shuffle,
            answers,
            incorrect_feedback,
        } => {
            element(w, "single", if *single { "true" } else { "false" })?;
            element(w, "shuffleanswers", if *shuffle { "true" } else { "false" })?;
            element(w, "answernumbering", "abc")?;
            combined_feedback(w, incorrect_feedback.as_deref())?;
            for a in answers {
                weighted(w, a)?;
            }
        }
        Kind::TrueFalse {
            answer,
            wrong_feedback,
        } => {
            for value in [true, false] {
                let right = value == *answer;
                let feedback = if right {
                    None
                } else {
                    wrong_feedback.as_deref()
                };
                answer_element(
                    w,
                    if right { "100" } else { "0" },
                    "moodle_auto_format",
                    if value { "true" } else { "false" },
                    feedback,
                    |_| Ok(()),
                )?;
            }
        }
        Kind::ShortAnswer {
            answers,
            wrong_feedback,
        } => {
            element(w, "usecase", "0")?;
            for a in answers {
                answer_element(w, "100", "moodle_auto_format", a, None, |_| Ok(()))?;
            }
            if let Some(f) = wrong_feedback {
                answer_element(w, "0", "moodle_auto_format", "*", Some(f), |_| Ok(()))?;
            }
        }
        Kind::Numerical {
            answer,
            tolerance,
            wrong_feedback,
        } => {
            let tolerance = tolerance.to_string();
            answer_element(
                w,
                "100",
                "moodle_auto_format",
                &answer.to_string(),
                None,
                |w| element(w, "tolerance", &tolerance),
            )?;
            if let Some(f) = wrong_feedback {
                answer_element(w, "0", "moodle_auto_format", "*", Some(f), |w| {
                    element(w, "tolerance", "0")
                })?;
            }
        }
        Kind::Matching {
            shuffle,
            pairs,
            distractors,
            incorrect_feedback,
        } => {
            element(w, "shuffleanswers", if *shuffle { "true" } else { "false" })?;
            combined_feedback(w, incorrect_feedback.as_deref())?;
            let distractors = distractors.iter().map(|d| ("", d.as_str()));
            for (left, right) in pairs
                .iter()
                .map(|(l, r)| (l.as_str(), r.as_str()))
                .chain(distractors)
            {
                // A subquestion without a text is a right-hand answer of no item.
                w.create_element("subquestion")
                    .with_attribute(("format", "markdown"))
                    .write_inner_content(|w| {
                        text(w, "text", left)?;
                        w.create_element("answer")
                            .write_inner_content(|w| text(w, "text", right))?;
                        Ok(())
                    })?;
            }
        }
    }
    Ok(())
}

/// Moodle's feedback for a right, a partly right and a wrong answer: aula's `feedback` is
/// for any answer not fully right.
fn combined_feedback(w: &mut W, incorrect: Option<&str>) -> io::Result<()> {
    markdown(w, "correctfeedback", "")?;
    markdown(w, "partiallycorrectfeedback", incorrect.unwrap_or(""))?;
    markdown(w, "incorrectfeedback", incorrect.unwrap_or(""))
}

fn weighted(w: &mut W, a: &Weighted) -> io::Result<()> {
    answer_element(
        w,
        &a.percent,
        "markdown",
        &a.text,
        a.feedback.as_deref(),
        |_| Ok(()),
    )
}

/// `<answer fraction="…">` with its text, what `extra` adds, and its feedback.
fn answer_element(
    w: &mut W,
    fraction: &str,
    format: &str,
    answer: &str,
    feedback: Option<&str>,
    extra: impl FnOnce(&mut W) -> io::Result<()>,
) -> io::Result<()> {
    w.create_element("answer")
        .with_attribute(("fraction", fraction))
        .with_attribute(("format", format))
        .write_inner_content(|w| {
            text(w, "text", answer)?;
            extra(w)?;
            markdown(w, "feedback", feedback.unwrap_or(""))
        })?;
    Ok(())
}

/// `<name format="markdown"><text>…</text></name>`.
fn markdown(w: &mut W, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name)
        .with_attribute(("format", "markdown"))
        .write_inner_content(|w| text(w, "text", value))?;
    Ok(())
}

/// `<name>value</name>`, in CDATA when the value holds markup and can be held in CDATA.
fn text(w: &mut W, name: &str, value: &str) -> io::Result<()> {
    let e = w.create_element(name);
    if value.contains(['<', '&']) && !value.contains("]]>") {
        e.write_cdata_content(BytesCData::new(value))?;
    } else {
        e.write_text_content(BytesText::new(value))?;
    }
    Ok(())
}

fn element(w: &mut W, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(value))?;
    Ok(())
}

/// A comment's text, which XML does not escape: `--` cannot be in it.
fn comment(text: &str) -> String {
    // XML forbids `--` in a comment; `---` needs two passes, since one leaves `- --`.
    let mut text = text.replace(['\r', '\n'], " ");
    while text.contains("--") {
        text = text.replace("--", "- -");
    }
    text
}
