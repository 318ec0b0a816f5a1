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
    with_title_id(&course.pages[i], render_body(md, course, i))
}

/// The page's Markdown with its title's id, made once its headings are known.
fn with_title_id(page: &Page, mut markdown: PageMarkdown) -> PageMarkdown {
    markdown.rendered.title_id = super::title_id(&page.title, &markdown.rendered.headings);
    markdown
}

fn render_body(md: &Renderer, course: &Course, i: usize) -> PageMarkdown {
    let page = &course.pages[i];
    match &page.quiz {
        None => PageMarkdown {
            rendered: md.render(page, i, page.markdown(), page.body.start),
            quiz: None,
            print: None,
        },
        Some(quiz) => {
            let (rendered, html) = crate::quiz::markdown::render(md, page, i, quiz);
            PageMarkdown {
                rendered,
                quiz: Some(html),
                print: None,
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
    with_title_id(
        page,
        PageMarkdown {
            rendered,
            quiz: None,
            print: Some(print),
        },
    )
}
