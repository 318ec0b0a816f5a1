//! The website: each page through its template, written as `page.path()`.

use crate::content::PageKind;
use crate::diagnostic::Diagnostic;
use crate::pipeline::{Files, Loaded, Output, PageRender};
use crate::templates::page_values::{self, PageInput};
use crate::templates::{NavScope, PageHtml};

/// The course's pages, one HTML file each.
pub(crate) struct Pages<'a> {
    course: &'a Loaded,
}

impl<'a> Pages<'a> {
    pub(crate) fn new(course: &'a Loaded) -> Pages<'a> {
        Pages { course }
    }

    /// Renders a page through its template, from its rendered Markdown.
    pub(crate) fn render(&self, page: &PageRender<'_>) -> Result<PageHtml, Diagnostic> {
        let loaded = self.course;
        let content = crate::templates::checks::on_page(
            &loaded.templates,
            &loaded.theme,
            &page.markdown.rendered.html,
            &page.markdown.rendered.checks,
            &page.markdown.checks,
        )?;
        let input = PageInput {
            course: &loaded.course,
            config: &loaded.config,
            index: page.index,
            rendered: &page.markdown.rendered,
            content: &content,
            quiz: page.markdown.quiz.as_ref(),
            order: &loaded.order,
            position: page.place,
            strings: &loaded.theme.strings,
            edition: &loaded.edition,
        };
        let scope = match (page.page.kind, page.page.module) {
            (PageKind::Home, _) => NavScope::Full,
            (_, Some(m)) => NavScope::Module(m),
            (_, None) => NavScope::Outside,
        };
        loaded.templates.render_page(
            page_values::template_for(page.page.kind),
            page.page.depth(),
            scope,
            page_values::page_values(&input),
        )
    }
}

impl Output for Pages<'_> {
    fn page(&self, page: &PageRender<'_>, files: &dyn Files) -> Result<Option<String>, Diagnostic> {
        let html = self.render(page)?;
        let rel = page.page.path();
        let pieces: Vec<&[u8]> = html.pieces().iter().map(|p| p.as_bytes()).collect();
        files
            .write(&rel, &pieces)
            .map_err(|e| files.error(&rel, e))?;
        Ok(None)
    }
}
