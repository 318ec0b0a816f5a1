//! The "whole course" page (`print/index.html`): every page in reading order as a section,
//! each quiz as a worksheet without its answers, and an answer key for the template to put
//! at the end. This is what an instructor hands out or saves as PDF.

use rayon::prelude::*;
use serde_json::{json, Value};
use tera::Context;

use crate::markdown::section_anchor;
use crate::quiz::{Kind, Quiz};
use crate::render::{string_html, QuizHtml};
use crate::site::{markdown_renderer, render_page_markdown, Site};

/// The print template's context: `page` and `sections`.
pub fn context(site: &Site) -> Context {
    // Render every page again as a section of one page: ids stay unique and links between
    // pages become links between sections.
    let md = markdown_renderer(&site.course, &site.config).for_print();
    let sections: Vec<Value> = site
        .order
        .par_iter()
        .map(|&i| {
            let page = &site.course.pages[i];
            let (rendered, quiz_html) = render_page_markdown(&md, &site.course, i);
            let quiz = page
                .quiz
                .as_ref()
                .zip(quiz_html.as_ref())
                .map(|(q, h)| worksheet(site, q, h));
            json!({
                "kind": page.kind,
                "title": page.title,
                "anchor": section_anchor(page),
                "content": rendered.html,
                "quiz": quiz,
            })
        })
        .collect();
    let title = site
        .theme
        .strings
        .get("print_title")
        .and_then(|v| v.as_str())
        .unwrap_or("print_title");
    let mut ctx = Context::new();
    ctx.insert(
        "page",
        &json!({"kind": "print", "title": title, "path": "print/index.html", "url": "print/"}),
    );
    ctx.insert("sections", &sections);
    ctx
}

/// A quiz as printed: questions in source order, options in a fixed shuffled order when
/// the quiz shuffles (in source order the right answer is often first), with the
/// `correct` flags for the answer key.
fn worksheet(site: &Site, quiz: &Quiz, html: &QuizHtml) -> Value {
    let questions: Vec<Value> = quiz
        .questions
        .iter()
        .zip(&html.questions)
        .map(|(q, h)| {
            let options: Vec<Value> = if q.kind == Kind::TrueFalse {
                [true, false]
                    .iter()
                    .map(|&v| json!({"html": string_html(&site.theme.strings, if v { "true" } else { "false" }), "correct": q.answer == Some(v)}))
                    .collect()
            } else {
                let mut order: Vec<usize> = (0..q.options.len()).collect();
                if quiz.shuffle {
                    let seed = |i: usize| crate::quiz::content_hash(&format!("{}:{}:{i}", quiz.hash, q.id));
                    let mut free: Vec<usize> = order.iter().copied().filter(|&i| !q.options[i].fixed).collect();
                    free.sort_by_key(|&i| seed(i));
                    let mut free = free.into_iter();
                    for slot in order.iter_mut().filter(|i| !q.options[**i].fixed) {
                        *slot = free.next().unwrap_or(*slot);
                    }
                }
                order.iter().map(|&i| json!({"html": h.options[i].0, "correct": q.options[i].correct})).collect()
            };
            json!({"id": q.id, "kind": q.kind, "prompt": h.prompt, "explanation": h.explanation, "options": options, "points": q.points})
        })
        .collect();
    json!({"description": html.description, "questions": questions, "pass": quiz.pass})
}
