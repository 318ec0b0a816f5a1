//! The "whole course" page (`print/index.html`): every page in reading order as a section,
//! each quiz as a worksheet without its answers, and an answer key at the end. This is
//! what an instructor hands out or saves as PDF.
//!
//! The page holds the whole course, so it is written in pieces: the theme's `print.html`
//! is the frame (cover, contents, answer key) and prints `{{ sections_html | safe }}` where
//! the sections go; `print_section.html` renders one section. Sections are rendered a
//! batch at a time, in parallel, and written in order.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};
use tera::Context;

use crate::content::PageKind;
use crate::diagnostic::Diagnostic;
use crate::markdown::{section_anchor, Renderer};
use crate::page_context::{string_html, QuizHtml};
use crate::quiz::{Kind, Quiz};
use crate::render::NavScope;
use crate::site::{render_page_markdown, Site};

/// Where the frame's output is cut to put the sections in.
const SECTIONS: &str = "\u{1}aula:print-sections\u{1}";
/// Sections rendered at once: enough to keep both cores busy, few enough to keep memory low.
const BATCH: usize = 64;
const OUTPUT: &str = "print/index.html";

/// Writes the print page into `dir`; `None` when the theme has none.
pub fn write(site: &Site, dir: &Path) -> Option<Result<(), Diagnostic>> {
    let frame = frame(site)?;
    Some(frame.and_then(|(head, tail)| {
        let path = dir.join(OUTPUT);
        let io = |e: std::io::Error| Diagnostic::new(&path, format!("cannot write: {e}"));
        std::fs::create_dir_all(dir.join("print")).map_err(io)?;
        // Large writes: with 8 KiB ones, ext4 zeroed the partial block each one began in.
        let mut out = BufWriter::with_capacity(1 << 20, File::create(&path).map_err(io)?);
        out.write_all(head.as_bytes()).map_err(io)?;
        sections(site, |html| out.write_all(html.as_bytes()).map_err(io))?;
        out.write_all(tail.as_bytes()).map_err(io)?;
        out.flush().map_err(io)
    }))
}

/// The whole print page in memory, for `aula check`; `None` when the theme has none.
pub fn render(site: &Site) -> Option<Result<String, Diagnostic>> {
    let frame = frame(site)?;
    Some(frame.and_then(|(head, tail)| {
        let mut page = head;
        sections(site, |html| {
            page.push_str(html);
            Ok(())
        })?;
        page.push_str(&tail);
        Ok(page)
    }))
}

/// The Markdown renderer for sections: ids prefixed per section, links between sections,
/// and code left unhighlighted (paper is monochrome, and highlighting is the costliest
/// part of rendering).
fn renderer(site: &Site) -> Renderer<'_> {
    Renderer::new(&site.course, site.config.markdown.smart_punctuation, false).for_print()
}

/// Renders the frame and cuts it where the sections go.
fn frame(site: &Site) -> Option<Result<(String, String), Diagnostic>> {
    if !site.templates.has("print.html") {
        return None;
    }
    if !site.templates.has("print_section.html") {
        let path = Path::new("themes")
            .join(&site.config.theme)
            .join("templates/print_section.html");
        return Some(Err(Diagnostic::new(
            path,
            "the theme has print.html but no print_section.html",
        )
        .with_hint(
            "add print_section.html, which renders one section `s` of the print page",
        )));
    }
    let md = renderer(site);
    let quizzes: Vec<Value> = site
        .order
        .par_iter()
        .filter(|&&i| site.course.pages[i].kind == PageKind::Quiz)
        .map(|&i| {
            let page = &site.course.pages[i];
            let (_, html) = render_page_markdown(&md, &site.course, i);
            let quiz = page
                .quiz
                .as_ref()
                .zip(html.as_ref())
                .map(|(q, h)| worksheet(site, q, h));
            json!({"title": page.title, "anchor": section_anchor(page), "quiz": quiz})
        })
        .collect();
    let entry = |i: usize| {
        let page = &site.course.pages[i];
        json!({"title": page.title, "anchor": section_anchor(page)})
    };
    let contents = json!({
        "modules": site.course.modules.iter().map(|m| entry(m.index)).collect::<Vec<_>>(),
        "pages": site.course.standalone.iter().map(|&i| entry(i)).collect::<Vec<_>>(),
    });
    let mut ctx = page_context(site);
    ctx.insert("sections_html", SECTIONS);
    ctx.insert("quizzes", &quizzes);
    ctx.insert("contents", &contents);
    Some(
        site.templates
            .render("print.html", 1, NavScope::Outside, ctx)
            .map(|html| match html.split_once(SECTIONS) {
                Some((head, tail)) => (head.to_string(), tail.to_string()),
                None => (html, String::new()),
            }),
    )
}

fn page_context(site: &Site) -> Context {
    let mut ctx = Context::new();
    let page = json!({"kind": "print", "title": site.string("print_title"), "path": OUTPUT, "url": "print/"});
    ctx.insert("page", &page);
    ctx
}

/// Renders every section in reading order, handing each to `emit`.
fn sections(
    site: &Site,
    mut emit: impl FnMut(&str) -> Result<(), Diagnostic>,
) -> Result<(), Diagnostic> {
    // Headings nest under the section's own: a module's title is an h2, a lesson's an h3.
    let by_depth = [
        renderer(site),
        renderer(site).with_heading_offset(1),
        renderer(site).with_heading_offset(2),
    ];
    let md = |kind: PageKind| match kind {
        PageKind::Home => &by_depth[0],
        PageKind::Module | PageKind::Page => &by_depth[1],
        PageKind::Lesson | PageKind::Quiz => &by_depth[2],
    };
    // Module numbers, by place in the reading order.
    let mut number = 0;
    let numbers: Vec<usize> = site
        .order
        .iter()
        .map(|&i| {
            number += usize::from(site.course.pages[i].kind == PageKind::Module);
            number
        })
        .collect();
    for (batch, chunk) in site.order.chunks(BATCH).enumerate() {
        let rendered: Vec<Result<String, Diagnostic>> = chunk
            .par_iter()
            .enumerate()
            .map(|(k, &i)| {
                let page = &site.course.pages[i];
                let (body, quiz_html) = render_page_markdown(md(page.kind), &site.course, i);
                let quiz = page
                    .quiz
                    .as_ref()
                    .zip(quiz_html.as_ref())
                    .map(|(q, h)| worksheet(site, q, h));
                let mut ctx = page_context(site);
                let section = Section {
                    kind: page.kind,
                    title: &page.title,
                    anchor: section_anchor(page),
                    content: &body.html,
                    quiz,
                    module_number: numbers[batch * BATCH + k],
                };
                ctx.insert("s", &section);
                site.templates
                    .render("print_section.html", 1, NavScope::Outside, ctx)
            })
            .collect();
        for html in rendered {
            emit(&html?)?;
        }
    }
    Ok(())
}

/// How a printed option is labelled: A to Z, then numbers, as a question may have any
/// number of options.
fn option_letter(i: usize) -> String {
    match u8::try_from(i) {
        Ok(i) if i < 26 => char::from(b'A' + i).to_string(),
        _ => (i + 1).to_string(),
    }
}

/// What `print_section.html` gets as `s`. Borrowed, so a page's HTML is copied once, into
/// the template's context.
#[derive(Serialize)]
struct Section<'a> {
    kind: PageKind,
    title: &'a str,
    anchor: String,
    content: &'a str,
    quiz: Option<Value>,
    module_number: usize,
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
            let mut options: Vec<Value> = if q.kind == Kind::TrueFalse {
                [true, false]
                    .iter()
                    .map(|&v| {
                        let label = string_html(&site.theme.strings, if v { "true" } else { "false" });
                        json!({"html": label, "correct": q.answer == Some(v)})
                    })
                    .collect()
            } else {
                let mut order: Vec<usize> = (0..q.options.len()).collect();
                if quiz.shuffle {
                    let key = |i: usize| crate::quiz::content_hash(&format!("{}:{}:{i}", quiz.hash, q.id));
                    let mut free: Vec<usize> = order.iter().copied().filter(|&i| !q.options[i].fixed).collect();
                    free.sort_by_key(|&i| key(i));
                    let mut free = free.into_iter();
                    for slot in order.iter_mut().filter(|i| !q.options[**i].fixed) {
                        *slot = free.next().unwrap_or(*slot);
                    }
                }
                order
                    .iter()
                    .map(|&i| json!({"html": h.options[i].0, "correct": q.options[i].correct}))
                    .collect()
            };
            for (i, option) in options.iter_mut().enumerate() {
                option["letter"] = option_letter(i).into();
            }
            json!({"id": q.id, "kind": q.kind, "prompt": h.prompt, "explanation": h.explanation, "options": options, "points": q.points})
        })
        .collect();
    json!({"description": html.description, "questions": questions, "pass": quiz.pass})
}
