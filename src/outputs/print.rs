//! The "whole course" page (`print.html`): every page in reading order as a section,
//! each quiz as a worksheet without its answers, and an answer key at the end. This is
//! what an instructor hands out or saves as PDF.
//!
//! The page holds the whole course, so it is written in pieces: the theme's `print.html`
//! is the frame (cover, contents, answer key) and prints `{{ sections_html | safe }}` where
//! the sections go; `print_section.html` renders one section. Each section is rendered as
//! its page goes through the pipeline, from the same parse of the page's Markdown, and
//! written in reading order.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};
use tera::Context;

use crate::content::{PageKind, Top};
use crate::diagnostic::Diagnostic;
use crate::markdown::{section_anchor, Renderer};
use crate::pipeline::{
    render_checks, render_markdown, Files, Loaded, Output, PageMarkdown, PageRender,
};
use crate::quiz::worksheet::worksheet;
use crate::templates::checks::on_paper;
use crate::templates::NavScope;

/// Where the frame's output is cut to put the sections in.
const SECTIONS: &str = "\u{1}aula:print-sections\u{1}";
pub(crate) const OUTPUT: &str = "print.html";

/// The Markdown renderer for sections: ids prefixed per section, links between sections,
/// and code left unhighlighted.
fn renderer(site: &Loaded) -> Renderer<'_> {
    Renderer::new(&site.course, site.config.markdown.smart_punctuation, false)
        .with_strings(&site.theme.strings)
        .with_math(site.config.markdown.math)
        .with_frames(&site.config.security.frame_origins())
        .for_print()
}

/// Renders the frame and cuts it where the sections go.
fn frame(site: &Loaded) -> Result<(String, String), Diagnostic> {
    if !site.templates.has("print_section.html") {
        let path = Path::new("themes")
            .join(&site.config.theme.name)
            .join("templates/print_section.html");
        return Err(
            Diagnostic::new(path, "the theme has print.html but no print_section.html").with_hint(
                "add print_section.html, which renders one section `s` of the print page",
            ),
        );
    }
    let md = renderer(site);
    let quizzes: Vec<Value> = site
        .order
        .par_iter()
        .filter(|&&i| site.course.pages[i].kind == PageKind::Quiz)
        .map(|&i| {
            let page = &site.course.pages[i];
            let html = render_markdown(&md, &site.course, i).quiz;
            let quiz = page
                .quiz
                .as_ref()
                .zip(html.as_ref())
                .map(|(q, h)| worksheet(&site.theme.strings, q, h));
            json!({"title": page.title, "title_html": page.title_html, "anchor": section_anchor(page), "quiz": quiz})
        })
        .collect();
    let entry = |i: usize| {
        let page = &site.course.pages[i];
        json!({"title": page.title, "title_html": page.title_html, "anchor": section_anchor(page)})
    };
    // The same places as the sidebar's (see `nav::nav`): pages before the first module,
    // each module with the pages that follow it, and below them the pages after the last.
    let (mut before, mut modules) = (Vec::new(), Vec::<Value>::new());
    for &top in &site.course.top {
        match (top, modules.last_mut()) {
            (Top::Module(m), _) => {
                let mut e = entry(site.course.modules[m].index);
                e["pages_after"] = json!([]);
                // Its number, as its section says: the list's own count would take the parts'
                // and pages' items for modules.
                e["number"] = json!(m + 1);
                if let Some(nav) = site.nav.modules.get(m).filter(|n| n.starts_part) {
                    e["part"] = json!(nav.part);
                    e["part_html"] = json!(nav.part_html);
                    e["part_number"] = json!(nav.part_number);
                }
                modules.push(e);
            }
            (Top::Page(i), None) => before.push(entry(i)),
            (Top::Page(i), Some(m)) => {
                if let Some(after) = m["pages_after"].as_array_mut() {
                    after.push(entry(i));
                }
            }
        }
    }
    let pages = match modules.last_mut() {
        Some(m) => std::mem::replace(&mut m["pages_after"], json!([])),
        None => Value::from(std::mem::take(&mut before)),
    };
    let contents = json!({"before": before, "modules": modules, "pages": pages});
    let mut ctx = Context::new();
    ctx.insert_value("page", page_value(site));
    ctx.insert("sections_html", SECTIONS);
    ctx.insert("quizzes", &quizzes);
    ctx.insert("contents", &contents);
    site.templates
        .render("print.html", 0, NavScope::Outside, ctx)
        .map(|html| match html.split_once(SECTIONS) {
            Some((head, tail)) => (head.to_string(), tail.to_string()),
            None => (html, String::new()),
        })
}

/// The print page as `page`, for the frame and every section.
fn page_value(site: &Loaded) -> tera::Value {
    tera::Value::from_serializable(
        &json!({"kind": "print", "title": site.string("print_title"), "path": OUTPUT, "url": OUTPUT, "key": "print/"}),
    )
}

/// Renders the sections of the print page through `print_section.html`.
struct Sections<'a> {
    site: &'a Loaded,
    /// By heading offset: see [`Sections::heading_offset`].
    renderers: [Renderer<'a>; 3],
    /// Module numbers, by place in the reading order.
    numbers: Vec<usize>,
    page: tera::Value,
}

impl<'a> Sections<'a> {
    fn new(site: &'a Loaded) -> Sections<'a> {
        let mut number = 0;
        let numbers = site
            .order
            .iter()
            .map(|&i| {
                number += usize::from(site.course.pages[i].kind == PageKind::Module);
                number
            })
            .collect();
        Sections {
            site,
            renderers: [0, 1, 2].map(|levels| renderer(site).with_heading_offset(levels)),
            numbers,
            page: page_value(site),
        }
    }

    /// How many levels a page's headings move down on the print page, to nest under its
    /// section's own heading: a module's title is an h2, a lesson's an h3.
    fn heading_offset(kind: PageKind) -> usize {
        match kind {
            PageKind::Home => 0,
            PageKind::Module | PageKind::Page => 1,
            PageKind::Lesson | PageKind::Quiz => 2,
        }
    }

    /// The section of the page at `place` in the reading order, whose Markdown rendered as
    /// `markdown`: with its body rendered for the print page too, if it was. A quiz has none
    /// to give: its worksheet needs each field rendered, which happens here, and so do the
    /// fields of the body's checks, which print as worksheets.
    fn render(&self, place: usize, markdown: &PageMarkdown) -> Result<String, Diagnostic> {
        let site = self.site;
        let i = site.order[place];
        let page = &site.course.pages[i];
        let md = &self.renderers[Self::heading_offset(page.kind)];
        let checks = &markdown.rendered.checks;
        let (own, quiz_html, check_fields) = match &markdown.print {
            Some(_) if checks.is_empty() => (None, None, Vec::new()),
            Some(_) => (None, None, render_checks(md, page, i, &markdown.rendered).1),
            None => {
                let markdown = render_markdown(md, &site.course, i);
                (Some(markdown.rendered.html), markdown.quiz, markdown.checks)
            }
        };
        let body = own
            .as_deref()
            .or(markdown.print.as_deref())
            .unwrap_or_default();
        let content = on_paper(&site.templates, &site.theme, body, checks, &check_fields)?;
        let quiz = page
            .quiz
            .as_ref()
            .zip(quiz_html.as_ref())
            .map(|(q, h)| worksheet(&site.theme.strings, q, h));
        let mut ctx = Context::new();
        ctx.insert_value("page", self.page.clone());
        let section = Section {
            kind: page.kind,
            title: &page.title,
            title_html: &page.title_html,
            anchor: section_anchor(page),
            title_id: format!("{}-{}", section_anchor(page), markdown.rendered.title_id),
            content: &content,
            quiz,
            module_number: self.numbers[place],
            part: match page.kind {
                PageKind::Module => page
                    .module
                    .and_then(|m| site.nav.modules.get(m))
                    .filter(|m| m.starts_part)
                    .and_then(|m| m.part_html.as_deref()),
                _ => None,
            },
        };
        ctx.insert("s", &section);
        site.templates
            .render("print_section.html", 0, NavScope::Outside, ctx)
    }
}

/// What `print_section.html` gets as `s`. Borrowed, so a page's HTML is copied once, into
/// the template's context.
#[derive(Serialize)]
struct Section<'a> {
    kind: PageKind,
    title: &'a str,
    title_html: &'a str,
    anchor: String,
    /// The title's id, prefixed as the section's ids are.
    title_id: String,
    content: &'a str,
    quiz: Option<Value>,
    module_number: usize,
    /// For a module that begins a part: the part's title as HTML, which heads it.
    part: Option<&'a str>,
}

/// The print page, as an output.
pub(crate) struct Print<'a> {
    site: &'a Loaded,
    sections: Sections<'a>,
    file: Mutex<File>,
    /// Cleared once an error has stopped the page: no more sections are rendered.
    going: AtomicBool,
}

/// Where the print page stands.
enum File {
    /// Not yet begun.
    Closed,
    /// The frame's head is written; what comes after the sections waits in `tail`.
    Open {
        out: Box<dyn Write + Send>,
        tail: String,
    },
    /// Stopped by this error.
    Failed(Diagnostic),
}

impl<'a> Print<'a> {
    /// The print page of `site`; `None` when its theme has none.
    pub(crate) fn new(site: &'a Loaded) -> Option<Print<'a>> {
        site.templates.has(OUTPUT).then(|| Print {
            site,
            sections: Sections::new(site),
            file: Mutex::new(File::Closed),
            going: AtomicBool::new(true),
        })
    }

    fn file(&self) -> std::sync::MutexGuard<'_, File> {
        self.file.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Stops the page with `error`, unless an error stopped it already.
    fn fail(&self, file: &mut File, error: Diagnostic) {
        self.going.store(false, Ordering::Relaxed);
        if !matches!(file, File::Failed(_)) {
            *file = File::Failed(error);
        }
    }
}

impl Output for Print<'_> {
    fn print_offset(&self, kind: PageKind) -> Option<usize> {
        Some(Sections::heading_offset(kind))
    }

    /// Renders the frame and writes what comes before the sections.
    fn begin(&self, files: &dyn Files) -> Vec<Diagnostic> {
        let opened = frame(self.site).and_then(|(head, tail)| {
            let mut out = files.create(OUTPUT).map_err(|e| files.error(OUTPUT, e))?;
            out.write_all(head.as_bytes())
                .map_err(|e| files.error(OUTPUT, e))?;
            Ok(File::Open { out, tail })
        });
        let mut file = self.file();
        match opened {
            Ok(open) => *file = open,
            Err(e) => self.fail(&mut file, e),
        }
        Vec::new()
    }

    fn page(&self, page: &PageRender<'_>, _: &dyn Files) -> Result<Option<String>, Diagnostic> {
        if !self.going.load(Ordering::Relaxed) {
            return Ok(None);
        }
        match self.sections.render(page.place, page.markdown) {
            Ok(section) => Ok(Some(section)),
            Err(e) => {
                let mut file = self.file();
                self.fail(&mut file, e);
                Ok(None)
            }
        }
    }

    fn add(&self, section: String) {
        let mut file = self.file();
        if let File::Open { out, .. } = &mut *file {
            if let Err(e) = out.write_all(section.as_bytes()) {
                let e = Diagnostic::new(OUTPUT, format!("cannot write: {e}"));
                self.fail(&mut file, e);
            }
        }
    }

    /// Writes what comes after the sections.
    fn finish(&self, files: &dyn Files) -> Vec<Diagnostic> {
        match std::mem::replace(&mut *self.file(), File::Closed) {
            File::Open { mut out, tail } => out
                .write_all(tail.as_bytes())
                .and_then(|()| out.flush())
                .err()
                .map(|e| files.error(OUTPUT, e))
                .into_iter()
                .collect(),
            File::Failed(e) => vec![e],
            File::Closed => Vec::new(),
        }
    }
}
