//! Rendering every page and feeding the outputs. Every thread of the pool takes the next page
//! in reading order until none is left, so pages finish nearly in order: each page's
//! Markdown is parsed once for every output, handed to each output on the thread that
//! rendered it, and what the outputs make of it is passed on in reading order as the pages
//! finish. Only the headings and links the link check needs are kept, so memory stays flat
//! however large the course.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

use rayon::prelude::*;

use super::{markdown_errors, render_markdown, render_markdown_with_print, Files, Loaded};
use super::{Output, PageMarkdown, PageRender};
use crate::diagnostic::{dedup, Diagnostic};
use crate::markdown::Renderer;

/// What a run leaves.
pub(crate) struct Ran {
    /// Per page, its Markdown rendered: with the HTML when the run was asked to keep it,
    /// and otherwise only what the link check needs.
    pub(crate) markdown: Vec<PageMarkdown>,
    /// Every problem found: each page's own, broken anchors, and the outputs'.
    pub(crate) errors: Vec<Diagnostic>,
}

/// How far ahead of the first unfinished page another may start: the finished ones wait,
/// with what the outputs made of them, for the pages before them.
const MAX_AHEAD: usize = 256;

/// Renders every page of `course` and feeds it to `outputs`, which write into `files`.
/// With `keep_html`, each page's rendered Markdown is kept whole, for `aula serve` to
/// render pages again without parsing them.
pub(crate) fn run(
    course: &Loaded,
    outputs: &[Box<dyn Output + '_>],
    files: &dyn Files,
    keep_html: bool,
) -> Ran {
    let md = course.markdown();
    // Every output has begun before the first page reaches it.
    let begun: Vec<Diagnostic> = outputs
        .par_iter()
        .flat_map_iter(|o| o.begin(files))
        .collect();
    let (markdown, page_errors) = stream(course, &md, outputs, files, keep_html);
    let mut errors = markdown_errors(&course.course, |i| &markdown[i].rendered);
    errors.extend(begun);
    errors.extend(dedup(page_errors));
    errors.extend(
        outputs
            .par_iter()
            .flat_map_iter(|o| o.finish(files))
            .collect::<Vec<_>>(),
    );
    Ran { markdown, errors }
}

/// Runs every edition of `course` (see [`super::editions`]): the default language's into
/// `files`, each other's into its folder there, each with the outputs `outputs` makes for
/// it. What is left is the default edition's Markdown, and the problems of them all.
pub(crate) fn run_all<'a>(
    course: &'a Loaded,
    outputs: &dyn Fn(&'a Loaded) -> Vec<Box<dyn Output + 'a>>,
    files: &dyn Files,
    keep_html: bool,
) -> Ran {
    let mut ran = run(course, &outputs(course), files, keep_html);
    for edition in &course.translations {
        let under = Under {
            folder: &edition.edition.folder,
            files,
        };
        ran.errors
            .extend(run(edition, &outputs(edition), &under, false).errors);
    }
    ran.errors = dedup(std::mem::take(&mut ran.errors));
    ran
}

/// The files of an edition in its folder of the output.
struct Under<'a> {
    folder: &'a str,
    files: &'a dyn Files,
}

impl Files for Under<'_> {
    fn write(&self, rel: &str, pieces: &[&[u8]]) -> std::io::Result<()> {
        self.files.write(&format!("{}{rel}", self.folder), pieces)
    }

    fn copy(&self, rel: &str, from: &std::path::Path) -> std::io::Result<()> {
        self.files.copy(&format!("{}{rel}", self.folder), from)
    }

    fn create(&self, rel: &str) -> std::io::Result<Box<dyn std::io::Write + Send>> {
        self.files.create(&format!("{}{rel}", self.folder))
    }

    fn path(&self, rel: &str) -> std::path::PathBuf {
        self.files.path(&format!("{}{rel}", self.folder))
    }
}

/// Pages that finished, kept in reading order: whichever thread finishes the page that is
/// next in order takes it and the ones that finished early after it, and hands their parts
/// to the outputs.
struct Finished {
    markdown: Vec<PageMarkdown>,
    errors: Vec<Diagnostic>,
    /// Pages that finished before one ahead of them, by place in the reading order.
    early: BTreeMap<usize, Streamed>,
    /// The place of the first page not yet taken.
    next: usize,
    /// Threads waiting for `next` to catch up.
    waiting: usize,
}

/// What rendering a page leaves.
struct Streamed {
    markdown: PageMarkdown,
    /// Per output, what it made of the page for its in-order part.
    parts: Vec<Option<String>>,
    errors: Vec<Diagnostic>,
}

/// Renders every page and feeds it to the outputs; returns each page's Markdown and the
/// outputs' errors.
fn stream(
    course: &Loaded,
    md: &Renderer,
    outputs: &[Box<dyn Output + '_>],
    files: &dyn Files,
    keep_html: bool,
) -> (Vec<PageMarkdown>, Vec<Diagnostic>) {
    let pages = course.course.pages.len();
    // Lessons of a module without an introduction (an error of its own) are in no reading
    // order: their Markdown is still checked, but they go to no output.
    let mut order = course.order.clone();
    let listed = course.order.len();
    let mut in_order = vec![false; pages];
    order.iter().for_each(|&i| in_order[i] = true);
    order.extend((0..pages).filter(|&i| !in_order[i]));
    let next = AtomicUsize::new(0);
    let finished = Mutex::new(Finished {
        markdown: vec![PageMarkdown::default(); pages],
        errors: Vec::new(),
        early: BTreeMap::new(),
        next: 0,
        waiting: 0,
    });
    let caught_up = Condvar::new();
    let lock = || finished.lock().unwrap_or_else(|p| p.into_inner());
    rayon::broadcast(|_| loop {
        let place = next.fetch_add(1, Ordering::Relaxed);
        let Some(&i) = order.get(place) else {
            break;
        };
        // Memory stays flat behind a slow page: a page this far ahead of the first one not
        // yet finished waits for it. That page is on another thread, which never waits.
        if place >= lock().next + MAX_AHEAD {
            let mut f = lock();
            f.waiting += 1;
            while place >= f.next + MAX_AHEAD {
                f = caught_up.wait(f).unwrap_or_else(|p| p.into_inner());
            }
            f.waiting -= 1;
        }
        let page = if place < listed {
            feed(course, md, outputs, files, i, place, keep_html)
        } else {
            Streamed {
                markdown: render_markdown(md, &course.course, i),
                parts: Vec::new(),
                errors: Vec::new(),
            }
        };
        let mut finished = lock();
        finished.take(place, page, &order, outputs);
        if finished.waiting > 0 {
            caught_up.notify_all();
        }
    });
    let finished = finished.into_inner().unwrap_or_else(|p| p.into_inner());
    (finished.markdown, finished.errors)
}

/// Renders page `i`, at `place` in the reading order, and hands it to every output.
fn feed(
    course: &Loaded,
    md: &Renderer,
    outputs: &[Box<dyn Output + '_>],
    files: &dyn Files,
    i: usize,
    place: usize,
    keep_html: bool,
) -> Streamed {
    let page = &course.course.pages[i];
    let print_offset = outputs.iter().find_map(|o| o.print_offset(page.kind));
    let mut markdown = match print_offset {
        Some(offset) => render_markdown_with_print(md, &course.course, i, offset),
        None => render_markdown(md, &course.course, i),
    };
    let mut errors = Vec::new();
    let parts = {
        let render = PageRender {
            index: i,
            place,
            page,
            markdown: &markdown,
        };
        outputs
            .iter()
            .map(|o| {
                o.page(&render, files).unwrap_or_else(|e| {
                    errors.push(e);
                    None
                })
            })
            .collect()
    };
    if !keep_html {
        // The outputs have the page: keep only what the link check needs.
        markdown.rendered.html = String::new();
        markdown.rendered.checks = Vec::new();
        markdown.rendered.heading_ids = Default::default();
        markdown.rendered.text = None;
        markdown.quiz = None;
        markdown.checks = Vec::new();
    }
    markdown.print = None;
    Streamed {
        markdown,
        parts,
        errors,
    }
}

impl Finished {
    fn take(
        &mut self,
        place: usize,
        page: Streamed,
        order: &[usize],
        outputs: &[Box<dyn Output + '_>],
    ) {
        self.early.insert(place, page);
        while let Some(page) = self.early.remove(&self.next) {
            self.markdown[order[self.next]] = page.markdown;
            self.errors.extend(page.errors);
            for (output, part) in outputs.iter().zip(page.parts) {
                if let Some(part) = part {
                    output.add(part);
                }
            }
            self.next += 1;
        }
    }
}
