//! One page through the first stages: its Markdown rendered (a lesson's body, or each field
//! of a quiz), and what the outputs are handed for it.

use crate::content::{Course, Page};
use crate::markdown::{Rendered, Renderer};
use crate::quiz::markdown::QuizHtml;

/// A page's Markdown, rendered.
#[derive(Debug, Default, Clone)]
pub(crate) struct PageMarkdown {
    /// The body's HTML (empty for a quiz, whose HTML is in `quiz`), with its headings, links
    /// and errors: what the link check needs.
    pub(crate) rendered: Rendered,
    /// A quiz's fields, rendered.
    pub(crate) quiz: Option<QuizHtml>,
    /// The fields of each check inside the body ([`Rendered::checks`]), rendered.
    pub(crate) checks: Vec<QuizHtml>,
    /// The body rendered again for the print page, when an output asked for it.
    pub(crate) print: Option<String>,
}

/// What every output is handed for a page.
pub(crate) struct PageRender<'a> {
    /// The page's index in [`Course::pages`].
    pub(crate) index: usize,
    /// Its place in the reading order.
    pub(crate) place: usize,
    pub(crate) page: &'a Page,
    pub(crate) markdown: &'a PageMarkdown,
}

/// Renders page `i`'s Markdown: its body, or every Markdown field of its quiz.
pub(crate) fn render_markdown(md: &Renderer, course: &Course, i: usize) -> PageMarkdown {
    let page = &course.pages[i];
    with_title_id(page, with_checks(md, page, i, render_body(md, course, i)))
}

/// The page's Markdown with its title's id, made once its headings are known.
fn with_title_id(page: &Page, mut markdown: PageMarkdown) -> PageMarkdown {
    markdown.rendered.title_id = super::title_id(&page.title, &markdown.rendered.headings);
    markdown
}

/// The body's Markdown with its checks' fields rendered, and what they hold added to the
/// body's: their errors, their link targets, and what the page must load for them.
fn with_checks(md: &Renderer, page: &Page, i: usize, mut markdown: PageMarkdown) -> PageMarkdown {
    if markdown.rendered.checks.is_empty() {
        return markdown;
    }
    let (fields, checks) = render_checks(md, page, i, &markdown.rendered);
    let body = &mut markdown.rendered;
    body.errors.extend(fields.errors);
    body.anchor_links.extend(fields.anchor_links);
    // A check's headings are link targets, not sections of the page: they stay out of its
    // table of contents.
    body.targets.extend(
        fields
            .headings
            .into_iter()
            .map(|h| h.id)
            .chain(fields.targets),
    );
    body.has_code |= fields.has_code;
    body.has_math |= fields.has_math;
    body.has_boxes |= fields.has_boxes;
    body.has_table |= fields.has_table;
    for style in fields.math_styles {
        if !body.math_styles.contains(&style) {
            body.math_styles.push(style);
        }
    }
    markdown.checks = checks;
    markdown
}

/// Renders the fields of the checks of page `i`, whose body rendered as `body`, with `md`:
/// the page's renderer, or the print page's. Each check starts from the heading ids the
/// body and the checks before it gave, so that the page and the print page get the same.
pub(crate) fn render_checks(
    md: &Renderer,
    page: &Page,
    i: usize,
    body: &Rendered,
) -> (Rendered, Vec<QuizHtml>) {
    let mut ids = body.heading_ids.clone();
    let mut all = Rendered::default();
    let mut checks = Vec::with_capacity(body.checks.len());
    for quiz in &body.checks {
        let (fields, html) = crate::quiz::markdown::render_with_ids(md, page, i, quiz, &mut ids);
        all.absorb(fields);
        checks.push(html);
    }
    (all, checks)
}

fn render_body(md: &Renderer, course: &Course, i: usize) -> PageMarkdown {
    let page = &course.pages[i];
    match &page.quiz {
        None => PageMarkdown {
            rendered: md.render(page, i, page.markdown(), page.body.start),
            ..PageMarkdown::default()
        },
        Some(quiz) => {
            let (rendered, html) = crate::quiz::markdown::render(md, page, i, quiz);
            PageMarkdown {
                rendered,
                quiz: Some(html),
                ..PageMarkdown::default()
            }
        }
    }
}

/// Like [`render_markdown`], and the body rendered for the print page too, from the same
/// parse, with its headings moved down `print_offset` levels. A quiz's print section renders
/// its fields itself: they are many small pieces, not one body.
pub(crate) fn render_markdown_with_print(
    md: &Renderer,
    course: &Course,
    i: usize,
    print_offset: usize,
) -> PageMarkdown {
    let page = &course.pages[i];
    if page.quiz.is_some() {
        return render_markdown(md, course, i);
    }
    let (rendered, print) =
        md.render_with_print(page, i, page.markdown(), page.body.start, print_offset);
    let markdown = PageMarkdown {
        rendered,
        print: Some(print),
        ..PageMarkdown::default()
    };
    with_title_id(page, with_checks(md, page, i, markdown))
}
