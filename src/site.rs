//! A course opened for rendering: config, content, theme, navigation and compiled
//! templates. The pipeline flows one way — config → content → Markdown and quizzes →
//! link check → templates → output — and `build`, `check` and `serve` all drive it:
//! `build` streams pages to disk (see [`crate::build`]), `check` stops before writing, and
//! `serve` keeps every page's HTML in memory to re-render only what a change touches.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{self, Course, PageKind};
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::markdown::{Rendered, Renderer};
use crate::nav::{self, Nav};
use crate::output;
use crate::quiz::markdown::QuizHtml;
use crate::templates::page_values::{self, PageInput};
use crate::templates::{NavScope, PageHtml, Templates};
use crate::theme::Theme;

/// How to build.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The course folder, holding site.toml.
    pub root: PathBuf,
    /// Overrides site.toml's `output_dir`.
    pub output: Option<PathBuf>,
    /// Include pages marked `draft = true`.
    pub drafts: bool,
    /// Pages load the live-reload script of `aula serve`.
    pub live_reload: bool,
}

/// An error for each of [`REQUIRED_TEMPLATES`] the theme lacks, naming where to add it.
fn missing_templates(templates: &Templates, config: &Config) -> Result<(), Vec<Diagnostic>> {
    let missing: Vec<Diagnostic> = REQUIRED_TEMPLATES
        .iter()
        .filter(|name| !templates.has(name))
        .map(|name| {
            let path = Path::new("themes")
                .join(&config.theme)
                .join("templates")
                .join(name);
            Diagnostic::new(path, format!("the theme has no template `{name}`"))
                .with_hint("add it to the theme's templates/ folder, or to the course's templates/")
        })
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(missing)
    }
}

/// The templates every theme must have.
const REQUIRED_TEMPLATES: [&str; 6] = [
    "home.html",
    "module.html",
    "lesson.html",
    "quiz.html",
    "page.html",
    "404.html",
];

/// A course ready to render.
pub struct Site {
    pub options: Options,
    pub config: Config,
    pub course: Course,
    pub theme: Theme,
    /// Per page, its rendered Markdown; empty until [`Site::render_markdown`], and only
    /// headings, links and errors after a streaming build.
    pub rendered: Vec<Rendered>,
    /// Per page, its quiz's Markdown rendered (quiz pages only).
    pub quizzes: Vec<Option<QuizHtml>>,
    pub nav: Nav,
    /// Page indices in reading order.
    pub order: Vec<usize>,
    /// Each page's place in `order`.
    position: Vec<usize>,
    pub templates: Templates,
    /// Per page, a hash of the HTML [`Site::write_pages`] last wrote (0: none), so that
    /// `aula serve` rewrites only the pages a change really alters: a template edit
    /// re-renders every page, but most of them come out the same.
    written: Vec<AtomicU64>,
}

impl Site {
    /// Loads everything but the pages' Markdown: settings, content, theme, navigation and
    /// templates. All the errors found are returned together.
    pub fn open(options: Options) -> Result<Site, Vec<Diagnostic>> {
        let root = &options.root;
        let (config, mut errors) = Config::load_lenient(root);
        let Some(config) = config else {
            return Err(errors);
        };
        // The templates compile while the content loads.
        let ((course, content_errors), theme) = rayon::join(
            || content::load_all(root, &config, options.drafts),
            || {
                Theme::for_config(root, &config).and_then(|theme| {
                    let templates = Templates::new(&theme, &config, options.live_reload)?;
                    Ok((theme, templates))
                })
            },
        );
        errors.extend(content_errors);
        let (theme, mut templates) = match theme {
            Ok(t) if errors.is_empty() => t,
            theme => {
                // The pages that were read are checked too: the mistakes of one file must
                // not hide those of another.
                errors.extend(markdown_errors(&course, &config));
                errors.extend(theme.err().unwrap_or_default());
                return Err(errors);
            }
        };
        let nav = nav::nav(&course, &config.course_id());
        templates.set_nav(&nav);
        missing_templates(&templates, &config)?;
        let order = course.reading_order();
        let pages = course.pages.len();
        Ok(Site {
            options,
            config,
            course,
            theme,
            rendered: vec![Rendered::default(); pages],
            quizzes: vec![None; pages],
            nav,
            position: positions(&order, pages),
            order,
            templates,
            written: (0..pages).map(|_| AtomicU64::new(0)).collect(),
        })
    }

    /// Switches to a theme loaded again, compiling its templates, and keeps the content and
    /// its rendered Markdown: what a changed template or UI string needs.
    pub fn use_theme(&mut self, theme: Theme) -> Result<(), Vec<Diagnostic>> {
        let mut templates = Templates::new(&theme, &self.config, self.options.live_reload)?;
        templates.set_nav(&self.nav);
        missing_templates(&templates, &self.config)?;
        self.theme = theme;
        self.templates = templates;
        Ok(())
    }

    /// Opens the course and renders every page's Markdown into memory, checking links.
    pub fn load(options: Options) -> Result<Site, Vec<Diagnostic>> {
        let mut site = Site::open(options)?;
        site.render_markdown();
        let errors = site.errors();
        if errors.is_empty() {
            Ok(site)
        } else {
            Err(errors)
        }
    }

    /// Every problem of the course that a build would find, found without writing anything:
    /// what `aula check` reports.
    pub fn problems(&mut self) -> Vec<Diagnostic> {
        self.render_markdown();
        let mut errors = self.errors();
        errors.extend(self.check_templates().err().unwrap_or_default());
        errors
    }

    /// Renders every page's Markdown, and each quiz's Markdown fields, in parallel.
    pub fn render_markdown(&mut self) {
        let md = markdown_renderer(&self.course, &self.config);
        let course = &self.course;
        (self.rendered, self.quizzes) = (0..course.pages.len())
            .into_par_iter()
            .map(|i| render_page_markdown(&md, course, i))
            .unzip();
    }

    /// Renders page `index` through its template, from its rendered Markdown.
    pub fn render_page_with(
        &self,
        index: usize,
        rendered: &Rendered,
        quiz: Option<&QuizHtml>,
    ) -> Result<PageHtml, Diagnostic> {
        let page = &self.course.pages[index];
        let input = PageInput {
            course: &self.course,
            config: &self.config,
            index,
            rendered,
            quiz,
            order: &self.order,
            position: self.position.get(index).copied().unwrap_or(0),
            strings: &self.theme.strings,
        };
        let scope = match (page.kind, page.module) {
            (PageKind::Home, _) => NavScope::Full,
            (_, Some(m)) => NavScope::Module(m),
            (_, None) => NavScope::Outside,
        };
        let context = page_values::page_context(&input);
        self.templates.render_page(
            page_values::template_for(page.kind),
            page.depth(),
            scope,
            context,
        )
    }

    /// Renders page `index` from the Markdown held in memory.
    pub fn render_page(&self, index: usize) -> Result<PageHtml, Diagnostic> {
        self.render_page_with(index, &self.rendered[index], self.quizzes[index].as_ref())
    }

    /// Renders and writes the pages at `indices` into `dir`, from the Markdown in memory.
    /// A page whose HTML is the same as when this site last wrote it is left as it is:
    /// `dir` must be the folder of every earlier call.
    pub fn write_pages(&self, dir: &Path, indices: &[usize]) -> Result<(), Vec<Diagnostic>> {
        let errors: Vec<Diagnostic> = indices
            .par_iter()
            .filter_map(|&i| {
                let rel = self.course.pages[i].path();
                let html = match self.render_page(i) {
                    Ok(html) => html,
                    Err(e) => return Some(e),
                };
                let pieces = html.pieces();
                let mut hasher = DefaultHasher::new();
                pieces.iter().for_each(|p| hasher.write(p.as_bytes()));
                let hash = hasher.finish().max(1);
                if self.written[i].swap(hash, Ordering::Relaxed) == hash {
                    return None;
                }
                output::write_pieces(dir, &rel, &pieces).err().map(|e| {
                    self.written[i].store(0, Ordering::Relaxed);
                    Diagnostic::new(dir.join(&rel), format!("cannot write: {e}"))
                })
            })
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(dedup(errors))
        }
    }

    /// Renders every page in memory, for `check`: template and UI-string errors.
    pub fn check_templates(&self) -> Result<(), Vec<Diagnostic>> {
        let mut errors: Vec<Diagnostic> = (0..self.course.pages.len())
            .into_par_iter()
            .filter_map(|i| self.render_page(i).err())
            .collect();
        errors.extend(crate::build::special_pages(self).err().unwrap_or_default());
        if let Some(Err(e)) = crate::print::render(self) {
            errors.push(e);
        }
        let errors = dedup(errors);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Every error of the course as it is now: each page's own, and broken anchors.
    pub fn errors(&self) -> Vec<Diagnostic> {
        let mut errors: Vec<Diagnostic> = self
            .rendered
            .iter()
            .flat_map(|r| r.errors.iter().cloned())
            .collect();
        errors.extend(check_anchors(&self.course, &self.rendered));
        errors
    }

    /// A UI string of the theme, or its key when it is missing.
    pub fn string<'a>(&'a self, key: &'a str) -> &'a str {
        crate::theme::ui_string(&self.theme.strings, key)
    }
}

/// What re-reading one source file changed, for `aula serve` to redo only that much.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageChange {
    /// The file's text is the same.
    Nothing,
    /// Only this page needs rendering again.
    Body,
    /// Something every page shows changed (a title, an order, a duration): render them all.
    Nav,
    /// The course's structure changed (a draft flag, a quiz's kind of file): load it again.
    Structure,
}

impl Site {
    /// The page whose source is `rel` (relative to the course root), if any.
    pub fn page_of(&self, rel: &Path) -> Option<usize> {
        self.course.by_source.get(rel).copied()
    }

    /// Re-reads page `index` from disk and renders its Markdown again. Errors stay with the
    /// page, so [`Site::errors`] reports them until the file is fixed.
    pub fn reload_page(&mut self, index: usize) -> PageChange {
        let old = &self.course.pages[index];
        let (source, kind) = (old.source.clone(), old.kind);
        let page = match content::read_page(&self.options.root, &source, kind, &self.config) {
            Ok(p) => p,
            Err(errors) => {
                self.rendered[index] = Rendered {
                    errors,
                    ..Rendered::default()
                };
                return PageChange::Body;
            }
        };
        let old = &self.course.pages[index];
        if page.text == old.text && self.rendered[index].errors.is_empty() {
            return PageChange::Nothing;
        }
        if page.meta.draft != old.meta.draft {
            return PageChange::Structure;
        }
        let nav_changed = page.title != old.title
            || page.meta.weight != old.meta.weight
            || page.meta.duration != old.meta.duration
            || page.meta.description != old.meta.description
            || page.quiz.as_ref().map(|q| &q.hash) != old.quiz.as_ref().map(|q| &q.hash);
        // Reading times of lessons without a duration show in the navigation too.
        let words_changed = page.words != old.words;
        let old = &mut self.course.pages[index];
        let (module, translations) = (old.module, std::mem::take(&mut old.translations));
        *old = content::Page {
            module,
            translations,
            ..page
        };
        let md = markdown_renderer(&self.course, &self.config);
        (self.rendered[index], self.quizzes[index]) =
            render_page_markdown(&md, &self.course, index);
        if nav_changed {
            // A new weight can move the page, or its whole module.
            self.course.sort();
            self.order = self.course.reading_order();
            self.position = positions(&self.order, self.course.pages.len());
        }
        if (nav_changed || words_changed) && self.refresh_nav() {
            return PageChange::Nav;
        }
        PageChange::Body
    }

    /// Rebuilds the navigation; returns whether it changed.
    fn refresh_nav(&mut self) -> bool {
        let nav = nav::nav(&self.course, &self.config.course_id());
        if nav == self.nav {
            return false;
        }
        self.templates.set_nav(&nav);
        self.nav = nav;
        true
    }
}

/// The inverse of the reading order: page index → place. Pages outside the order (the
/// lessons of a module without an introduction, an error of its own) get 0.
fn positions(order: &[usize], pages: usize) -> Vec<usize> {
    let mut position = vec![0; pages];
    for (place, &page) in order.iter().enumerate() {
        if let Some(p) = position.get_mut(page) {
            *p = place;
        }
    }
    position
}

/// One template error fails every page alike; say it once.
pub(crate) fn dedup(errors: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen = HashSet::new();
    errors
        .into_iter()
        .filter(|d| seen.insert(d.to_string()))
        .collect()
}

/// Where a build with `options` writes the site of a course configured by `config`: the
/// `--output` given, or site.toml's `output_dir` in the course folder.
pub(crate) fn output_dir(options: &Options, config: &Config) -> PathBuf {
    match &options.output {
        Some(o) => o.clone(),
        None if options.root == Path::new(".") => config.output_dir.clone(),
        None => options.root.join(&config.output_dir),
    }
}

/// The Markdown renderer configured by site.toml.
pub(crate) fn markdown_renderer<'a>(course: &'a Course, config: &Config) -> Renderer<'a> {
    Renderer::new(
        course,
        config.markdown.smart_punctuation,
        config.markdown.highlight_code,
    )
}

/// Renders one page's Markdown: its body, or every Markdown field of its quiz.
pub(crate) fn render_page_markdown(
    md: &Renderer,
    course: &Course,
    i: usize,
) -> (Rendered, Option<QuizHtml>) {
    let page = &course.pages[i];
    let Some(quiz) = &page.quiz else {
        return (md.render(page, i, page.markdown(), page.body.start), None);
    };
    let (rendered, html) = crate::quiz::markdown::render(md, page, i, quiz);
    (rendered, Some(html))
}

/// The link errors of every page of `course`, which may lack the pages that could not be
/// read.
fn markdown_errors(course: &Course, config: &Config) -> Vec<Diagnostic> {
    let md = markdown_renderer(course, config);
    let rendered: Vec<Rendered> = (0..course.pages.len())
        .into_par_iter()
        .map(|i| Rendered {
            html: String::new(),
            ..render_page_markdown(&md, course, i).0
        })
        .collect();
    let mut errors: Vec<Diagnostic> = rendered.iter().flat_map(|r| r.errors.clone()).collect();
    errors.extend(check_anchors(course, &rendered));
    errors
}

/// Every `#anchor` link must name a heading of its target page.
pub(crate) fn check_anchors(course: &Course, rendered: &[Rendered]) -> Vec<Diagnostic> {
    // A page has a handful of headings: a scan beats building a set for each of them.
    let ids = |p: usize| rendered[p].headings.iter().map(|h| h.id.as_str());
    let mut errors = Vec::new();
    for (i, r) in rendered.iter().enumerate() {
        let page = &course.pages[i];
        for link in &r.anchor_links {
            if ids(link.page).any(|id| id == link.anchor) {
                continue;
            }
            let target = &course.pages[link.page];
            let hint = match did_you_mean(&link.anchor, ids(link.page)) {
                Some(close) => format!("did you mean `#{close}`?"),
                None if rendered[link.page].headings.is_empty() => {
                    format!("{} has no headings to link to", target.source.display())
                }
                None => {
                    let ids: Vec<&str> = ids(link.page).collect();
                    let more = if ids.len() > 6 { ", …" } else { "" };
                    format!(
                        "the anchors of {} include: {}{more}",
                        target.source.display(),
                        ids[..ids.len().min(6)].join(", ")
                    )
                }
            };
            let message = format!(
                "link to a missing anchor `#{}` in {}",
                link.anchor,
                target.source.display()
            );
            errors.push(page.error(link.span.clone(), message).with_hint(hint));
        }
    }
    errors
}

/// Times a closure, for the summary line.
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, std::time::Duration) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_gets_its_place_even_when_some_are_outside_the_order() {
        // Page 3 is in the order, pages 1 and 2 are not: 3 must not fall back to place 0.
        assert_eq!(positions(&[0, 3], 4), [0, 0, 0, 1]);
    }

    #[test]
    fn write_pages_rewrites_only_the_pages_whose_html_changed() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        let site = Site::load(Options {
            root,
            output: None,
            drafts: false,
            live_reload: false,
        })
        .unwrap();
        let out = tempfile::tempdir().unwrap();
        let all: Vec<usize> = (0..site.course.pages.len()).collect();
        site.write_pages(out.path(), &all).unwrap();
        let lesson = out.path().join("basics/intro.html");
        let html = std::fs::read_to_string(&lesson).unwrap();
        std::fs::write(&lesson, "marker").unwrap();
        site.write_pages(out.path(), &all).unwrap();
        assert_eq!(
            std::fs::read_to_string(&lesson).unwrap(),
            "marker",
            "same HTML: not written again"
        );
        let mut site = site;
        site.nav.modules[0].title = "Renamed".into();
        site.templates.set_nav(&site.nav);
        site.write_pages(out.path(), &all).unwrap();
        let again = std::fs::read_to_string(&lesson).unwrap();
        assert_ne!(again, html);
        assert!(again.contains("Renamed"), "{again}");
    }
}
