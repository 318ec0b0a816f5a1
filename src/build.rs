//! Writing a whole site. `aula build` streams: each page's Markdown is rendered, put
//! through its template and written, by every thread in reading order, keeping only the
//! headings and links the link check needs, so memory stays flat however large the course.
//! The print page is written in the same pass, its sections appended in order as the pages
//! finish. The output goes to a staging folder that replaces the old one only when
//! everything succeeded.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

use rayon::prelude::*;
use tera::Context;

use crate::config::Config;
use crate::content::{Course, PageKind};
use crate::diagnostic::Diagnostic;
use crate::markdown::{Rendered, Renderer};
use crate::output::{self, NamedBy, Staging, Target};
use crate::paths::slashed;
use crate::print;
use crate::site::{dedup, markdown_renderer, output_dir, render_page_markdown, Options, Site};
use crate::templates::NavScope;

/// What a build produced.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    pub pages: usize,
    pub modules: usize,
    pub quizzes: usize,
    pub files: usize,
    /// What the author should know although the build succeeded.
    pub warnings: Vec<Diagnostic>,
}

/// Builds the course into its output folder, atomically. Returns what was written, and the
/// output as the author named it.
pub fn build(options: Options) -> Result<(Stats, PathBuf), Vec<Diagnostic>> {
    let mut site = match Site::open(options.clone()) {
        Ok(site) => site,
        Err(mut errors) => {
            // A course with errors is not written, but an output it could never be written to
            // is reported now, with them, and not on the next run.
            errors.extend(output_problem(&options));
            return Err(errors);
        }
    };
    // And the other way round: an output that cannot be written still has the course checked.
    let refused = |site: &mut Site, d: Diagnostic| {
        let mut errors = vec![d];
        errors.extend(site.problems());
        errors
    };
    let (target, shown) = match output_target(&site.options, &site.config) {
        Ok(t) => t,
        Err(d) => return Err(refused(&mut site, d)),
    };
    let staging = Staging::with_wait_note(target.path(), || {
        eprintln!(
            "note: waiting for another aula build to finish writing `{}` or a folder beside it",
            slashed(&shown)
        );
    })
    .map_err(|e| vec![target.cannot_stage(e)])?;
    if let Err(d) = target.check_replaceable() {
        return Err(refused(&mut site, d));
    }
    let mut stats = stream(&mut site, staging.dir())?;
    stats.warnings = site.config.warnings();
    staging
        .commit()
        .map_err(|e| vec![target.cannot_commit(e)])?;
    // Freeing a large course took the last 2% of a build, on one core, and `aula build`
    // exits right after: the memory is given back on another thread.
    // If no thread can be made, the closure (and the site) is dropped here instead.
    let _ = std::thread::Builder::new().spawn(move || drop(site));
    Ok((stats, shown))
}

/// What would stop a build with `options` from writing its output, found without writing:
/// for `aula check`, and for a build whose course has errors.
pub(crate) fn output_problem(options: &Options) -> Option<Diagnostic> {
    let config = Config::load_lenient(&options.root).0?;
    output_target(options, &config)
        .and_then(|(target, _)| target.check_replaceable())
        .err()
}

/// The output folder of a build, checked against the course's own folders, and as the author
/// named it.
fn output_target(options: &Options, config: &Config) -> Result<(Target, PathBuf), Diagnostic> {
    let shown = output_dir(options, config);
    let named_by = match options.output {
        Some(_) => NamedBy::Option,
        None => NamedBy::Config,
    };
    let setting = match named_by {
        NamedBy::Config => config.error_at_key("output_dir", "").location,
        NamedBy::Option => None,
    };
    let target = Target::new(&shown, named_by, setting)?;
    target.check_place(&options.root, &config.theme)?;
    Ok((target, shown))
}

/// Renders every page from its source and writes it into `dir` as it goes, with the print
/// page; then checks the links of the whole course. Pages with errors are not written.
/// Everything else needs nothing from the pages, so it is written at the same time.
pub fn stream(site: &mut Site, dir: &Path) -> Result<Stats, Vec<Diagnostic>> {
    let md = markdown_renderer(&site.course, &site.config);
    let view: &Site = site;
    let ((rendered, failures), rest) =
        rayon::join(|| stream_pages(view, &md, dir), || write_rest(view, dir));
    site.rendered = rendered;
    let mut errors = site.errors();
    errors.extend(dedup(failures));
    match rest {
        Ok(stats) if errors.is_empty() => Ok(stats),
        Ok(_) => Err(errors),
        Err(more) => {
            errors.extend(more);
            Err(errors)
        }
    }
}

/// Renders and writes every page, and the print page with them. Every thread of the pool
/// takes the next page in reading order until none is left, so pages finish nearly in
/// order; each page's Markdown is parsed once for the page and its print section, and the
/// sections go to the print page in order as the pages finish. Returns each page's
/// Markdown rendered, without its HTML, and the errors that kept files from being written.
fn stream_pages(view: &Site, md: &Renderer, dir: &Path) -> (Vec<Rendered>, Vec<Diagnostic>) {
    let sections = print::wanted(view).then(|| print::Sections::new(view));
    // The frame first: it renders the quizzes' answer key on the pool, which the pages
    // are about to fill.
    let print = sections.as_ref().map(|_| print::Stream::open(view, dir));
    let print_ok = AtomicBool::new(print.as_ref().is_some_and(print::Stream::ok));
    // Lessons of a module without an introduction (an error of its own) are in no reading
    // order; they still go through, for their own errors.
    let mut order = view.order.clone();
    let mut listed = vec![false; view.course.pages.len()];
    order.iter().for_each(|&i| listed[i] = true);
    order.extend((0..listed.len()).filter(|&i| !listed[i]));
    let next = AtomicUsize::new(0);
    let finished = Mutex::new(Finished {
        rendered: vec![Rendered::default(); view.course.pages.len()],
        errors: Vec::new(),
        early: BTreeMap::new(),
        next: 0,
        waiting: 0,
        print,
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
        // No more sections once the print page has failed.
        let section = sections
            .as_ref()
            .filter(|_| place < view.order.len() && print_ok.load(Ordering::Relaxed));
        let page = stream_page(view, md, dir, i, section.map(|s| (s, place)));
        let mut finished = lock();
        finished.take(place, page, &order);
        if !finished.print.as_ref().is_none_or(print::Stream::ok) {
            print_ok.store(false, Ordering::Relaxed);
        }
        if finished.waiting > 0 {
            caught_up.notify_all();
        }
    });
    let finished = finished.into_inner().unwrap_or_else(|p| p.into_inner());
    let mut errors = finished.errors;
    errors.extend(finished.print.and_then(print::Stream::finish));
    (finished.rendered, errors)
}

/// What the finished pages left, kept in reading order: whichever thread finishes the page
/// that is next in order takes it and the ones that finished early after it, and appends
/// their sections to the print page.
struct Finished {
    rendered: Vec<Rendered>,
    errors: Vec<Diagnostic>,
    /// Pages that finished before one ahead of them, by place in the reading order.
    early: BTreeMap<usize, Streamed>,
    /// The place of the first page not yet taken.
    next: usize,
    /// Threads waiting for `next` to catch up.
    waiting: usize,
    print: Option<print::Stream>,
}

/// How far ahead of the first unfinished page another may start: the finished ones wait,
/// each with its print section, for the pages before them.
const MAX_AHEAD: usize = 256;

impl Finished {
    fn take(&mut self, place: usize, page: Streamed, order: &[usize]) {
        self.early.insert(place, page);
        while let Some(page) = self.early.remove(&self.next) {
            self.rendered[order[self.next]] = page.rendered;
            self.errors.extend(page.failure);
            if let (Some(print), Some(section)) = (self.print.as_mut(), page.section) {
                print.add(section);
            }
            self.next += 1;
        }
    }
}

/// What streaming a page leaves.
struct Streamed {
    /// Its Markdown rendered, without the HTML: what the link check needs.
    rendered: Rendered,
    /// The error that kept it from being written.
    failure: Option<Diagnostic>,
    /// Its section of the print page, when asked for.
    section: Option<Result<String, Diagnostic>>,
}

/// Renders page `i` and writes it unless its Markdown has errors; with `section`, also
/// renders its section of the print page, at that place in the reading order.
fn stream_page(
    view: &Site,
    md: &Renderer,
    dir: &Path,
    i: usize,
    section: Option<(&print::Sections, usize)>,
) -> Streamed {
    let page = &view.course.pages[i];
    let (mut rendered, quiz, print_body) = match section {
        Some(_) if page.quiz.is_none() => {
            let offset = print::Sections::heading_offset(page.kind);
            let (r, body) = md.render_with_print(page, i, page.markdown(), page.body.start, offset);
            (r, None, Some(body))
        }
        // A quiz's Markdown is in many small fields; its section renders its own.
        _ => {
            let (r, quiz) = render_page_markdown(md, &view.course, i);
            (r, quiz, None)
        }
    };
    let section = section.map(|(s, place)| s.render(place, print_body.as_deref()));
    let failure = if rendered.errors.is_empty() {
        let rel = page.path();
        match view.render_page_with(i, &rendered, quiz.as_ref()) {
            Ok(html) => output::write_pieces(dir, &rel, &html.pieces())
                .err()
                .map(|e| write_error(dir, &rel, e)),
            Err(e) => Some(e),
        }
    } else {
        None
    };
    // The page is on disk: keep only what the link check needs.
    rendered.html = String::new();
    Streamed {
        rendered,
        failure,
        section,
    }
}

/// Writes every page from the Markdown held in memory, and everything else but the print
/// page: what `aula serve` does on a full rebuild. Serve writes the print page, the
/// costliest single file, only when someone asks for it.
pub fn write_all(site: &Site, dir: &Path) -> Result<Stats, Vec<Diagnostic>> {
    let all: Vec<usize> = (0..site.course.pages.len()).collect();
    match rayon::join(|| site.write_pages(dir, &all), || write_rest(site, dir)) {
        (Ok(()), Ok(stats)) => Ok(stats),
        (pages, rest) => {
            let mut errors = pages.err().unwrap_or_default();
            errors.extend(rest.err().unwrap_or_default());
            Err(errors)
        }
    }
}

/// Everything but the pages and the print page: 404.html, the sitemap, static files and
/// the course's own files.
fn write_rest(site: &Site, dir: &Path) -> Result<Stats, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let extra = special_pages(site).unwrap_or_else(|e| {
        errors.extend(e);
        Vec::new()
    });
    let written: Vec<Diagnostic> = site
        .course
        .assets
        .par_iter()
        .filter_map(|a| {
            let to = dir.join(&a.url);
            let made = to.parent().map_or(Ok(()), std::fs::create_dir_all);
            made.and_then(|_| std::fs::copy(site.options.root.join(&a.source), &to).map(drop))
                .err()
                .map(|e| write_error(dir, &a.url, e))
        })
        .chain(extra.par_iter().filter_map(|(rel, bytes)| {
            output::write(dir, rel, bytes)
                .err()
                .map(|e| write_error(dir, rel, e))
        }))
        .collect();
    errors.extend(written);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Stats {
        pages: site.course.pages.len(),
        modules: site.course.modules.len(),
        quizzes: count(&site.course, PageKind::Quiz),
        files: site.course.pages.len() + extra.len() + site.course.assets.len() + 1,
        warnings: Vec::new(),
    })
}

fn count(course: &Course, kind: PageKind) -> usize {
    course.pages.iter().filter(|p| p.kind == kind).count()
}

fn write_error(dir: &Path, rel: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::new(dir.join(rel), format!("cannot write: {e}"))
}

/// 404.html, sitemap.xml (with a base_url) and the theme's static files:
/// (output path, bytes).
pub fn special_pages(site: &Site) -> Result<Vec<(String, Vec<u8>)>, Vec<Diagnostic>> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut not_found = Context::new();
    not_found.insert(
        "page",
        &serde_json::json!({"kind": "not_found", "title": "404", "path": "404.html"}),
    );
    // A host serves 404.html at any depth, so relative links cannot work there; it uses
    // the base_url's path when there is one, and the host root otherwise.
    not_found.insert("root", &site.config.root_path());
    match site
        .templates
        .render("404.html", 0, NavScope::Outside, not_found)
    {
        Ok(html) => files.push(("404.html".to_string(), html.into_bytes())),
        Err(e) => errors.push(e),
    }
    if let Some(base) = site.config.base_url() {
        files.push((
            "sitemap.xml".into(),
            sitemap(&base, &site.course).into_bytes(),
        ));
    }
    for (rel, bytes) in &site.theme.statics {
        match bytes.read() {
            Ok(b) => files.push((rel.clone(), b.into_owned())),
            Err(e) => errors.push(Diagnostic::new(
                rel,
                format!("cannot read static file: {e}"),
            )),
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

fn sitemap(base: &str, course: &Course) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for &i in &course.reading_order() {
        let mut loc = String::new();
        pulldown_cmark_escape::escape_html(&mut loc, &format!("{base}{}", course.pages[i].url))
            .ok();
        xml.push_str(&format!("  <url><loc>{loc}</loc></url>\n"));
    }
    xml.push_str("</urlset>\n");
    xml
}
