//! The "whole course" page (`print.html`): every page in reading order as a section,
//! each quiz as a worksheet without its answers, and an answer key at the end. This is
//! what an instructor hands out or saves as PDF.
//!
//! The page holds the whole course, so it is written in pieces: the theme's `print.html`
//! is the frame (cover, contents, answer key) and prints `{{ sections_html | safe }}` where
//! the sections go; `print_section.html` renders one section. `aula build` renders them along
//! with the pages (see `build::stream_pages`), from the same parse of each page's Markdown;
//! `aula check` and `aula serve` render them here, a batch at a time, in parallel, and write
//! them in order.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};
use tera::Context;

use crate::content::PageKind;
use crate::diagnostic::Diagnostic;
use crate::markdown::{section_anchor, Renderer};
use crate::quiz::worksheet::worksheet;
use crate::site::{render_page_markdown, Site};
use crate::templates::NavScope;

/// Where the frame's output is cut to put the sections in.
const SECTIONS: &str = "\u{1}aula:print-sections\u{1}";
/// Sections `aula check` and `aula serve` render at once: enough to keep both cores busy,
/// few enough to keep memory low.
const BATCH: usize = 64;
const OUTPUT: &str = "print.html";

/// Writes the print page into `dir`; `None` when the theme has none.
pub fn write(site: &Site, dir: &Path) -> Option<Result<(), Diagnostic>> {
    let file = Writer::create(site, dir)?;
    Some(file.and_then(|mut file| {
        sections(site, |html| file.push(html))?;
        file.finish()
    }))
}

/// Whether the theme has a print page.
pub fn wanted(site: &Site) -> bool {
    site.templates.has("print.html")
}

/// The print page of a build, written while the pages render: the frame, then the
/// sections in reading order. The first error stops it.
pub enum Stream {
    Open(Writer),
    /// Stopped by an error, or the theme has no print page.
    Stopped(Option<Diagnostic>),
}

impl Stream {
    /// Renders the frame and writes what comes before the sections.
    pub fn open(site: &Site, dir: &Path) -> Stream {
        match Writer::create(site, dir) {
            Some(Ok(writer)) => Stream::Open(writer),
            Some(Err(e)) => Stream::Stopped(Some(e)),
            None => Stream::Stopped(None),
        }
    }

    /// Whether sections are still wanted: not once an error has stopped the page.
    pub fn ok(&self) -> bool {
        !matches!(self, Stream::Stopped(Some(_)))
    }

    /// Adds the next section.
    pub fn add(&mut self, section: Result<String, Diagnostic>) {
        let Stream::Open(writer) = self else {
            return;
        };
        if let Err(e) = section.and_then(|html| writer.push(&html)) {
            *self = Stream::Stopped(Some(e));
        }
    }

    /// Writes the end of the page. Returns the error that stopped it, if one did.
    pub fn finish(self) -> Option<Diagnostic> {
        match self {
            Stream::Open(writer) => writer.finish().err(),
            Stream::Stopped(error) => error,
        }
    }
}

/// The print page being written, a section at a time in reading order.
pub struct Writer {
    out: BufWriter<std::fs::File>,
    tail: String,
    path: PathBuf,
}

impl Writer {
    /// Renders the frame and writes what comes before the sections; `None` when the theme
    /// has no print page.
    fn create(site: &Site, dir: &Path) -> Option<Result<Writer, Diagnostic>> {
        let frame = frame(site)?;
        Some(frame.and_then(|(head, tail)| {
            let path = dir.join(OUTPUT);
            let io = |e: std::io::Error| Diagnostic::new(&path, format!("cannot write: {e}"));
            // Large writes: with 8 KiB ones, ext4 zeroed the partial block each one began in.
            let file = std::fs::File::create(&path).map_err(io)?;
            let mut out = BufWriter::with_capacity(1 << 20, file);
            out.write_all(head.as_bytes()).map_err(io)?;
            Ok(Writer { out, tail, path })
        }))
    }

    /// Appends the next section.
    fn push(&mut self, section: &str) -> Result<(), Diagnostic> {
        self.out
            .write_all(section.as_bytes())
            .map_err(|e| self.error(e))
    }

    /// Writes what comes after the sections.
    fn finish(mut self) -> Result<(), Diagnostic> {
        let tail = std::mem::take(&mut self.tail);
        self.push(&tail)?;
        self.out.flush().map_err(|e| self.error(e))
    }

    fn error(&self, e: std::io::Error) -> Diagnostic {
        Diagnostic::new(&self.path, format!("cannot write: {e}"))
    }
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
/// and code left unhighlighted.
fn renderer(site: &Site) -> Renderer<'_> {
    Renderer::new(&site.course, site.config.markdown.smart_punctuation, false).for_print()
}

/// Renders the frame and cuts it where the sections go.
fn frame(site: &Site) -> Option<Result<(String, String), Diagnostic>> {
    if !wanted(site) {
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
                .map(|(q, h)| worksheet(&site.theme.strings, q, h));
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
    let mut ctx = Context::new();
    ctx.insert_value("page", page_value(site));
    ctx.insert("sections_html", SECTIONS);
    ctx.insert("quizzes", &quizzes);
    ctx.insert("contents", &contents);
    Some(
        site.templates
            .render("print.html", 0, NavScope::Outside, ctx)
            .map(|html| match html.split_once(SECTIONS) {
                Some((head, tail)) => (head.to_string(), tail.to_string()),
                None => (html, String::new()),
            }),
    )
}

/// The print page as `page`, for the frame and every section.
fn page_value(site: &Site) -> tera::Value {
    tera::Value::from_serializable(
        &json!({"kind": "print", "title": site.string("print_title"), "path": OUTPUT, "url": OUTPUT, "key": "print/"}),
    )
}

/// Renders every section in reading order, handing each to `emit`.
fn sections(
    site: &Site,
    mut emit: impl FnMut(&str) -> Result<(), Diagnostic>,
) -> Result<(), Diagnostic> {
    let sections = Sections::new(site);
    let all = site.order.len();
    for start in (0..all).step_by(BATCH) {
        let rendered: Vec<Result<String, Diagnostic>> = (start..all.min(start + BATCH))
            .into_par_iter()
            .map(|place| sections.render(place, None))
            .collect();
        for html in rendered {
            emit(&html?)?;
        }
    }
    Ok(())
}

/// Renders the sections of the print page through `print_section.html`.
pub struct Sections<'a> {
    site: &'a Site,
    /// By heading offset: see [`Sections::heading_offset`].
    renderers: [Renderer<'a>; 3],
    /// Module numbers, by place in the reading order.
    numbers: Vec<usize>,
    page: tera::Value,
}

impl<'a> Sections<'a> {
    pub fn new(site: &'a Site) -> Sections<'a> {
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
    pub fn heading_offset(kind: PageKind) -> usize {
        match kind {
            PageKind::Home => 0,
            PageKind::Module | PageKind::Page => 1,
            PageKind::Lesson | PageKind::Quiz => 2,
        }
    }

    /// The section of the page at `place` in the reading order. `body` is its Markdown
    /// already rendered for the print page, if it was. A quiz has none to give: its
    /// worksheet needs each field rendered, which happens here.
    pub fn render(&self, place: usize, body: Option<&str>) -> Result<String, Diagnostic> {
        let site = self.site;
        let i = site.order[place];
        let page = &site.course.pages[i];
        let md = &self.renderers[Self::heading_offset(page.kind)];
        let (own, quiz_html) = match body {
            Some(_) => (None, None),
            None => {
                let (rendered, quiz_html) = render_page_markdown(md, &site.course, i);
                (Some(rendered.html), quiz_html)
            }
        };
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
            anchor: section_anchor(page),
            content: own.as_deref().or(body).unwrap_or_default(),
            quiz,
            module_number: self.numbers[place],
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
    anchor: String,
    content: &'a str,
    quiz: Option<Value>,
    module_number: usize,
}
