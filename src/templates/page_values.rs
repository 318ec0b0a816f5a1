//! What each page's template is given besides the shared values: the page itself, its
//! neighbours and breadcrumbs, and for a quiz its questions and answer key.

use serde::Serialize;
use tera::Context;

use crate::config::Config;
use crate::content::{Course, PageKind};
use crate::markdown::{Heading, Rendered};
use crate::nav::reading_time;
use crate::quiz::markdown::QuizHtml;

#[derive(Serialize)]
struct PageContext<'a> {
    kind: PageKind,
    title: &'a str,
    title_html: &'a str,
    /// The h1's id: see [`crate::pipeline::title_id`].
    title_id: String,
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
    has_math: bool,
    has_boxes: bool,
    has_table: bool,
    /// Whether the body has checks, so the page needs the quizzes' stylesheet and script.
    has_checks: bool,
    canonical: Option<String>,
    /// A lesson's place among its module's lessons, from 1.
    lesson_number: Option<usize>,
    /// Shown in the default language, for want of a translation into this edition's.
    untranslated: bool,
}

/// The previous or next page, for the pager.
#[derive(Serialize)]
struct Neighbour<'a> {
    title: &'a str,
    title_html: &'a str,
    path: String,
    kind: PageKind,
}

/// A link of the breadcrumbs.
#[derive(Serialize)]
struct Crumb<'a> {
    title: &'a str,
    title_html: &'a str,
    path: String,
}

/// Everything a page's template needs besides the shared context.
pub(crate) struct PageInput<'a> {
    pub course: &'a Course,
    pub config: &'a Config,
    pub index: usize,
    pub rendered: &'a Rendered,
    /// The body's HTML with its checks in place ([`crate::templates::checks::on_page`]).
    pub content: &'a str,
    pub quiz: Option<&'a QuizHtml>,
    /// The reading order, for previous/next links.
    pub order: &'a [usize],
    pub position: usize,
    pub strings: &'a toml::Table,
    /// The language's edition the page is in.
    pub edition: &'a crate::pipeline::editions::Edition,
}

/// The template a page of this kind is rendered with.
pub(crate) fn template_for(kind: PageKind) -> &'static str {
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

/// The page-specific context.
pub(crate) fn page_values(input: &PageInput) -> Context {
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
            title_html: &page.title_html,
            title_id: rendered.title_id.clone(),
            description: page.meta.description.as_deref(),
            path: page.path(),
            url: &page.url,
            key: page.key(),
            source: crate::paths::slashed(&page.source),
            content: input.content,
            toc: &rendered.headings,
            objectives: &page.meta.objectives,
            duration: page.meta.duration,
            reading_time: reading_time(words),
            words,
            has_code: rendered.has_code,
            has_math: rendered.has_math,
            has_boxes: rendered.has_boxes,
            has_table: rendered.has_table,
            has_checks: !rendered.checks.is_empty(),
            lesson_number: lesson_number(course, index),
            canonical,
            untranslated: input.edition.untranslated.get(index) == Some(&true),
        },
    );
    ctx.insert("languages", &input.edition.page_links(index, page.depth()));
    let neighbour = |i: Option<&usize>| {
        i.map(|&i| &course.pages[i]).map(|p| Neighbour {
            title: &p.title,
            title_html: &p.title_html,
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
        title_html: &course.pages[course.home].title_html,
        path: course.pages[course.home].path(),
    }];
    if let Some(m) = page.module {
        let mi = &course.pages[course.modules[m].index];
        if mi.url != page.url {
            crumbs.push(Crumb {
                title: &mi.title,
                title_html: &mi.title_html,
                path: mi.path(),
            });
        }
    }
    ctx.insert("breadcrumbs", &crumbs);
    if let (Some(quiz), Some(html)) = (&page.quiz, input.quiz) {
        let key = crate::nav::quiz_key(&config.course_id(), page, &quiz.hash);
        let values = crate::quiz::page::values("", Some(key), input.strings, quiz, html);
        ctx.insert("quiz", &values);
    }
    ctx
}
