//! What each page's template is given besides the shared values: the page itself, its
//! neighbours and breadcrumbs, and for a quiz its questions and answer key.

use serde::Serialize;
use tera::Context;

use crate::config::Config;
use crate::content::{Course, Page, PageKind};
use crate::markdown::{Heading, Rendered};
use crate::nav::{quiz_key, reading_time};
use crate::quiz::{Kind, Mode, Scoring};

#[derive(Serialize)]
struct PageContext<'a> {
    kind: PageKind,
    title: &'a str,
    description: Option<&'a str>,
    path: String,
    url: &'a str,
    key: String,
    source: String,
    content: &'a str,
    toc: &'a [Heading],
    objectives: &'a [String],
    duration: Option<u32>,
    reading_time: usize,
    words: usize,
    has_code: bool,
    canonical: Option<String>,
    /// A lesson's place among its module's lessons, from 1.
    lesson_number: Option<usize>,
}

/// The previous or next page, for the pager.
#[derive(Serialize)]
struct Neighbour<'a> {
    title: &'a str,
    path: String,
    kind: PageKind,
}

/// A link of the breadcrumbs.
#[derive(Serialize)]
struct Crumb<'a> {
    title: &'a str,
    path: String,
}

#[derive(Serialize)]
struct QuizOption {
    id: String,
    html: String,
    fixed: bool,
}

#[derive(Serialize)]
struct QuizQuestion<'a> {
    id: &'a str,
    kind: Kind,
    prompt: String,
    hint: Option<String>,
    points: u32,
    options: Vec<QuizOption>,
}

#[derive(Serialize)]
struct QuizContext<'a> {
    key: String,
    hash: &'a str,
    pass: u8,
    mode: Mode,
    shuffle: bool,
    draw: Option<usize>,
    attempts: u32,
    description: Option<String>,
    questions: Vec<QuizQuestion<'a>>,
    question_count: usize,
    total_points: u32,
    /// The answer key and feedback, as JSON safe to place inside a
    /// `<script type="application/json">` element.
    data_json: String,
}

#[derive(Serialize)]
struct KeyQuestion<'a> {
    id: &'a str,
    kind: Kind,
    points: u32,
    scoring: Scoring,
    correct: Vec<String>,
    feedback: serde_json::Map<String, serde_json::Value>,
    explanation: Option<String>,
}

/// The Markdown of a quiz, rendered: what the quiz page and the print page need.
#[derive(Debug, Default, Clone)]
pub struct QuizHtml {
    pub description: Option<String>,
    pub questions: Vec<QuestionHtml>,
}

/// One question's Markdown fields, rendered.
#[derive(Debug, Default, Clone)]
pub struct QuestionHtml {
    pub prompt: String,
    pub hint: Option<String>,
    pub explanation: Option<String>,
    /// Per option: text and feedback.
    pub options: Vec<(String, Option<String>)>,
}

/// Serializes for a `<script type="application/json">`: `<` is escaped so no text can
/// close the element early.
pub fn script_json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".into())
        .replace('<', "\\u003c")
}

/// Everything a page's template needs besides the shared context.
pub struct PageInput<'a> {
    pub course: &'a Course,
    pub config: &'a Config,
    pub index: usize,
    pub rendered: &'a Rendered,
    pub quiz: Option<&'a QuizHtml>,
    /// The reading order, for previous/next links.
    pub order: &'a [usize],
    pub position: usize,
    pub strings: &'a toml::Table,
}

/// The template a page of this kind is rendered with.
pub fn template_for(kind: PageKind) -> &'static str {
    match kind {
        PageKind::Home => "home.html",
        PageKind::Module => "module.html",
        PageKind::Lesson => "lesson.html",
        PageKind::Quiz => "quiz.html",
        PageKind::Page => "page.html",
    }
}

/// A lesson's place among the lessons of its module, from 1.
fn lesson_number(course: &Course, index: usize) -> Option<usize> {
    let page = &course.pages[index];
    let module = &course.modules[page.module?];
    let lessons = module
        .items
        .iter()
        .filter(|&&i| course.pages[i].kind == PageKind::Lesson);
    (page.kind == PageKind::Lesson).then(|| lessons.take_while(|&&i| i != index).count() + 1)
}

/// A UI string as HTML, for places that take HTML (a true/false option's label).
pub fn string_html(strings: &toml::Table, key: &str) -> String {
    crate::render::escape_html(crate::theme::ui_string(strings, key))
}

/// The page-specific context.
pub fn page_context(input: &PageInput) -> Context {
    let PageInput {
        course,
        config,
        index,
        rendered,
        order,
        position,
        ..
    } = *input;
    let page = &course.pages[index];
    let mut ctx = Context::new();
    let canonical = config.base_url().map(|b| format!("{b}{}", page.url));
    let words = page.words;
    ctx.insert(
        "page",
        &PageContext {
            kind: page.kind,
            title: &page.title,
            description: page.meta.description.as_deref(),
            path: page.path(),
            url: &page.url,
            key: page.key(),
            source: crate::paths::slashed(&page.source),
            content: &rendered.html,
            toc: &rendered.headings,
            objectives: &page.meta.objectives,
            duration: page.meta.duration,
            reading_time: reading_time(words),
            words,
            has_code: rendered.has_code,
            lesson_number: lesson_number(course, index),
            canonical,
        },
    );
    let neighbour = |i: Option<&usize>| {
        i.map(|&i| &course.pages[i]).map(|p| Neighbour {
            title: &p.title,
            path: p.path(),
            kind: p.kind,
        })
    };
    ctx.insert(
        "prev",
        &neighbour(position.checked_sub(1).and_then(|p| order.get(p))),
    );
    ctx.insert("next", &neighbour(order.get(position + 1)));
    ctx.insert("module_index", &page.module);
    let mut crumbs = vec![Crumb {
        title: &course.pages[course.home].title,
        path: course.pages[course.home].path(),
    }];
    if let Some(m) = page.module {
        let mi = &course.pages[course.modules[m].index];
        if mi.url != page.url {
            crumbs.push(Crumb {
                title: &mi.title,
                path: mi.path(),
            });
        }
    }
    ctx.insert("breadcrumbs", &crumbs);
    if let (Some(quiz), Some(html)) = (&page.quiz, input.quiz) {
        ctx.insert("quiz", &quiz_context(input, page, quiz, html));
    }
    ctx
}

fn option_id(i: usize) -> String {
    char::from(b'a' + (i % 26) as u8).to_string() + &"'".repeat(i / 26)
}

fn quiz_context<'a>(
    input: &PageInput,
    page: &'a Page,
    quiz: &'a crate::quiz::Quiz,
    html: &QuizHtml,
) -> QuizContext<'a> {
    let label = |key: &str| string_html(input.strings, key);
    let mut questions = Vec::new();
    let mut key_questions = Vec::new();
    for (q, h) in quiz.questions.iter().zip(&html.questions) {
        let (options, correct, feedback): (Vec<QuizOption>, Vec<String>, serde_json::Map<_, _>) =
            if q.kind == Kind::TrueFalse {
                let options = vec![
                    QuizOption {
                        id: "true".into(),
                        html: label("true"),
                        fixed: true,
                    },
                    QuizOption {
                        id: "false".into(),
                        html: label("false"),
                        fixed: true,
                    },
                ];
                (
                    options,
                    vec![q.answer.unwrap_or(true).to_string()],
                    serde_json::Map::new(),
                )
            } else {
                let mut feedback = serde_json::Map::new();
                let mut correct = Vec::new();
                let options = q
                    .options
                    .iter()
                    .zip(&h.options)
                    .enumerate()
                    .map(|(i, (o, (text, fb)))| {
                        let id = option_id(i);
                        if o.correct {
                            correct.push(id.clone());
                        }
                        if let Some(fb) = fb {
                            feedback.insert(id.clone(), fb.clone().into());
                        }
                        QuizOption {
                            id,
                            html: text.clone(),
                            fixed: o.fixed,
                        }
                    })
                    .collect();
                (options, correct, feedback)
            };
        key_questions.push(KeyQuestion {
            id: &q.id,
            kind: q.kind,
            points: q.points,
            scoring: q.scoring,
            correct,
            feedback,
            explanation: h.explanation.clone(),
        });
        questions.push(QuizQuestion {
            id: &q.id,
            kind: q.kind,
            prompt: h.prompt.clone(),
            hint: h.hint.clone(),
            points: q.points,
            options,
        });
    }
    let key = quiz_key(&input.config.course_id(), page, &quiz.hash);
    let data = serde_json::json!({
        "key": key,
        "pass": quiz.pass,
        "mode": quiz.mode,
        "shuffle": quiz.shuffle,
        "draw": quiz.draw,
        "attempts": quiz.attempts,
        "questions": key_questions,
    });
    QuizContext {
        key,
        hash: &quiz.hash,
        pass: quiz.pass,
        mode: quiz.mode,
        shuffle: quiz.shuffle,
        draw: quiz.draw,
        attempts: quiz.attempts,
        description: html.description.clone(),
        question_count: quiz.draw.unwrap_or(quiz.questions.len()),
        total_points: quiz.questions.iter().map(|q| q.points).sum(),
        questions,
        data_json: script_json(&data),
    }
}
