//! The pipeline, staged so that data flows one way:
//! config → content → markdown and quizzes → link check → templates → output.
//! `build`, `check` and `serve` all drive it; `check` stops before writing.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use tera::Context;

use crate::config::Config;
use crate::content::{self, Course, PageKind};
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::markdown::{Rendered, Renderer};
use crate::output::{self, Staging};
use crate::render::{self, Nav, NavScope, PageInput, QuestionHtml, QuizHtml, Templates};
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

/// A course parsed, rendered to HTML fragments and checked: everything but the templates.
pub struct Site {
    pub options: Options,
    pub config: Config,
    pub course: Course,
    pub theme: Theme,
    /// Per page, its Markdown body rendered.
    pub rendered: Vec<Rendered>,
    /// Per page, its quiz's Markdown rendered (quiz pages only).
    pub quizzes: Vec<Option<QuizHtml>>,
    pub nav: Nav,
    /// Page indices in reading order.
    pub order: Vec<usize>,
    /// Each page's place in `order`.
    position: Vec<usize>,
    pub templates: Templates,
}

/// What a build produced.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    pub pages: usize,
    pub modules: usize,
    pub quizzes: usize,
    pub files: usize,
}

impl Site {
    /// Runs every stage up to, not including, the templates. All the errors found are
    /// returned together.
    pub fn load(options: Options) -> Result<Site, Vec<Diagnostic>> {
        let root = &options.root;
        let config = Config::load(root)?;
        let (course, theme) = rayon::join(
            || content::load(root, &config, options.drafts),
            || Theme::load(root, &config.theme, &config.language),
        );
        let (course, theme) = match (course, theme) {
            (Ok(c), Ok(t)) => (c, t),
            (c, t) => {
                let mut errors = c.err().unwrap_or_default();
                errors.extend(t.err().unwrap_or_default());
                return Err(errors);
            }
        };
        let (rendered, quizzes) = render_markdown(&course, &config);
        let mut errors: Vec<Diagnostic> = rendered
            .iter()
            .flat_map(|r| r.errors.iter().cloned())
            .collect();
        errors.extend(check_anchors(&course, &rendered));
        if !errors.is_empty() {
            return Err(errors);
        }
        let nav = render::nav(&course, &rendered, &config.course_id());
        let templates = Templates::new(&theme, &config, &nav, options.live_reload)?;
        for name in [
            "home.html",
            "module.html",
            "lesson.html",
            "quiz.html",
            "page.html",
            "404.html",
        ] {
            if !templates.has(name) {
                errors.push(
                    Diagnostic::new(
                        Path::new("themes")
                            .join(&config.theme)
                            .join("templates")
                            .join(name),
                        format!("the theme has no template `{name}`"),
                    )
                    .with_hint(
                        "add it to the theme's templates/ folder, or to the course's templates/",
                    ),
                );
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let order = course.reading_order();
        Ok(Site {
            options,
            config,
            course,
            theme,
            rendered,
            quizzes,
            nav,
            position: positions(&order),
            order,
            templates,
        })
    }

    /// The output folder.
    pub fn output_dir(&self) -> PathBuf {
        match &self.options.output {
            Some(o) => o.clone(),
            None if self.options.root == Path::new(".") => self.config.output_dir.clone(),
            None => self.options.root.join(&self.config.output_dir),
        }
    }

    /// Renders the page at `index` through its template.
    pub fn render_page(&self, index: usize) -> Result<String, Diagnostic> {
        let page = &self.course.pages[index];
        let position = self.position.get(index).copied().unwrap_or(0);
        let input = PageInput {
            course: &self.course,
            config: &self.config,
            index,
            rendered: &self.rendered[index],
            quiz: self.quizzes[index].as_ref(),
            order: &self.order,
            position,
            strings: &self.theme.strings,
        };
        let scope = match (page.kind, page.module) {
            (PageKind::Home, _) => NavScope::Full,
            (_, Some(m)) => NavScope::Module(m),
            (_, None) => NavScope::Outside,
        };
        self.templates.render(
            render::template_for(page.kind),
            page.depth(),
            scope,
            render::page_context(&input),
        )
    }

    /// Every file of the site other than pages: (output path, what to write).
    pub fn extra_files(&self) -> Result<Vec<(String, Vec<u8>)>, Vec<Diagnostic>> {
        let mut files = Vec::new();
        let mut errors = Vec::new();
        let mut not_found = Context::new();
        not_found.insert(
            "page",
            &serde_json::json!({"kind": "not_found", "title": "404", "path": "404.html"}),
        );
        // A host serves 404.html at any depth, so relative links cannot work there; it
        // uses the base_url's path when there is one, and the host root otherwise.
        let root_path = self
            .config
            .base_url()
            .and_then(|b| b.splitn(4, '/').nth(3).map(|p| format!("/{p}")))
            .unwrap_or_else(|| "/".into());
        not_found.insert("root", &root_path);
        match self
            .templates
            .render("404.html", 0, NavScope::Outside, not_found)
        {
            Ok(html) => files.push(("404.html".to_string(), html.into_bytes())),
            Err(e) => errors.push(e),
        }
        match self.render_print() {
            Some(Ok((rel, html))) => files.push((rel, html.into_bytes())),
            Some(Err(e)) => errors.push(e),
            None => {}
        }
        if let Some(base) = self.config.base_url() {
            files.push((
                "sitemap.xml".into(),
                sitemap(&base, &self.course).into_bytes(),
            ));
        }
        for (rel, bytes) in &self.theme.statics {
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

    /// Renders every page in memory, for `check`: template and UI-string errors.
    pub fn check_templates(&self) -> Result<(), Vec<Diagnostic>> {
        let mut errors: Vec<Diagnostic> = (0..self.course.pages.len())
            .into_par_iter()
            .filter_map(|i| self.render_page(i).err())
            .collect();
        if let Err(e) = self.extra_files() {
            errors.extend(e);
        }
        let errors = dedup(errors);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Renders every page and writes the whole site into `dir`.
    pub fn write_to(&self, dir: &Path) -> Result<Stats, Vec<Diagnostic>> {
        let io_error = |rel: &str, e: std::io::Error| {
            Diagnostic::new(dir.join(rel), format!("cannot write: {e}"))
        };
        let all: Vec<usize> = (0..self.course.pages.len()).collect();
        let mut errors = self.write_pages(dir, &all).err().unwrap_or_default();
        let extra = match self.extra_files() {
            Ok(f) => f,
            Err(e) => {
                errors.extend(e);
                Vec::new()
            }
        };
        let copied: Vec<Diagnostic> = self
            .course
            .assets
            .par_iter()
            .filter_map(|a| {
                let to = dir.join(&a.url);
                let made = to.parent().map_or(Ok(()), std::fs::create_dir_all);
                made.and_then(|_| std::fs::copy(self.options.root.join(&a.source), &to).map(drop))
                    .err()
                    .map(|e| io_error(&a.url, e))
            })
            .chain(extra.par_iter().filter_map(|(rel, bytes)| {
                output::write(dir, rel, bytes)
                    .err()
                    .map(|e| io_error(rel, e))
            }))
            .collect();
        errors.extend(copied);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Stats {
            pages: self.course.pages.len(),
            modules: self.course.modules.len(),
            quizzes: self
                .course
                .pages
                .iter()
                .filter(|p| p.kind == PageKind::Quiz)
                .count(),
            files: self.course.pages.len() + extra.len() + self.course.assets.len(),
        })
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
        let old = &mut self.course.pages[index];
        let (module, translations) = (old.module, std::mem::take(&mut old.translations));
        *old = crate::content::Page {
            module,
            translations,
            ..page
        };
        let md = markdown_renderer(&self.course, &self.config);
        let (rendered, quiz) = render_page_markdown(&md, &self.course, index);
        let words_changed = rendered.words != self.rendered[index].words;
        self.rendered[index] = rendered;
        self.quizzes[index] = quiz;
        if nav_changed {
            // A new weight can move the page within its module.
            if let Some(m) = self.course.pages[index].module {
                let pages = &self.course.pages;
                self.course.modules[m].items.sort_by(|&a, &b| {
                    crate::content::order_key(&pages[a]).cmp(&crate::content::order_key(&pages[b]))
                });
            }
            self.order = self.course.reading_order();
            self.position = positions(&self.order);
        }
        // Reading times of lessons without a duration show in the navigation too.
        if (nav_changed || words_changed) && self.refresh_nav() {
            return PageChange::Nav;
        }
        PageChange::Body
    }

    /// Rebuilds the navigation; returns whether it changed.
    fn refresh_nav(&mut self) -> bool {
        let nav = render::nav(&self.course, &self.rendered, &self.config.course_id());
        if nav == self.nav {
            return false;
        }
        self.templates.set_nav(&nav);
        self.nav = nav;
        true
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

    /// Renders and writes the pages at `indices` into `dir`.
    pub fn write_pages(&self, dir: &Path, indices: &[usize]) -> Result<(), Vec<Diagnostic>> {
        let errors: Vec<Diagnostic> = indices
            .par_iter()
            .filter_map(|&i| {
                let rel = render::page_path(&self.course.pages[i]);
                match self.render_page(i) {
                    Ok(html) => output::write(dir, &rel, html.as_bytes())
                        .err()
                        .map(|e| Diagnostic::new(dir.join(&rel), format!("cannot write: {e}"))),
                    Err(e) => Some(e),
                }
            })
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(dedup(errors))
        }
    }

    /// Renders the print page, if the theme has one: (output path, HTML).
    pub fn render_print(&self) -> Option<Result<(String, String), Diagnostic>> {
        self.templates.has("print.html").then(|| {
            self.templates
                .render(
                    "print.html",
                    1,
                    NavScope::Outside,
                    crate::print::context(self),
                )
                .map(|html| ("print/index.html".to_string(), html))
        })
    }
}

/// The inverse of the reading order: page index → place.
fn positions(order: &[usize]) -> Vec<usize> {
    let mut position = vec![0; order.len()];
    for (place, &page) in order.iter().enumerate() {
        if let Some(p) = position.get_mut(page) {
            *p = place;
        }
    }
    position
}

/// One template error fails every page alike; say it once.
fn dedup(errors: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen = HashSet::new();
    errors
        .into_iter()
        .filter(|d| seen.insert(d.to_string()))
        .collect()
}

/// Renders every page's Markdown, and each quiz's Markdown fields, in parallel.
fn render_markdown(course: &Course, config: &Config) -> (Vec<Rendered>, Vec<Option<QuizHtml>>) {
    let md = markdown_renderer(course, config);
    course
        .pages
        .par_iter()
        .enumerate()
        .map(|(i, _)| render_page_markdown(&md, course, i))
        .unzip()
}

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
    let mut all = Rendered::default();
    let mut block = |t: &crate::quiz::Text, inline: bool| {
        let r = if inline {
            md.render_inline(page, i, &t.markdown, t.offset)
        } else {
            md.render(page, i, &t.markdown, t.offset)
        };
        all.errors.extend(r.errors);
        all.anchor_links.extend(r.anchor_links);
        all.words += r.words;
        r.html
    };
    let description = quiz.description.as_ref().map(|t| block(t, false));
    let mut questions = Vec::new();
    for q in &quiz.questions {
        let prompt = block(&q.prompt, false);
        let hint = q.hint.as_ref().map(|t| block(t, false));
        let explanation = q.explanation.as_ref().map(|t| block(t, false));
        let options = q
            .options
            .iter()
            .map(|o| {
                (
                    block(&o.text, true),
                    o.feedback.as_ref().map(|t| block(t, false)),
                )
            })
            .collect();
        questions.push(QuestionHtml {
            prompt,
            hint,
            explanation,
            options,
        });
    }
    (
        all,
        Some(QuizHtml {
            description,
            questions,
        }),
    )
}

/// Every `#anchor` link must name a heading of its target page.
fn check_anchors(course: &Course, rendered: &[Rendered]) -> Vec<Diagnostic> {
    let ids: Vec<HashSet<&str>> = rendered
        .iter()
        .map(|r| r.headings.iter().map(|h| h.id.as_str()).collect())
        .collect();
    let mut errors = Vec::new();
    for (i, r) in rendered.iter().enumerate() {
        let page = &course.pages[i];
        for link in &r.anchor_links {
            if ids[link.page].contains(link.anchor.as_str()) {
                continue;
            }
            let target = &course.pages[link.page];
            let hint = match did_you_mean(&link.anchor, ids[link.page].iter().copied()) {
                Some(close) => format!("did you mean `#{close}`?"),
                None if ids[link.page].is_empty() => {
                    format!("{} has no headings to link to", target.source.display())
                }
                None => {
                    let ids: Vec<&str> = rendered[link.page]
                        .headings
                        .iter()
                        .map(|h| h.id.as_str())
                        .collect();
                    let more = if ids.len() > 6 { ", …" } else { "" };
                    format!(
                        "the anchors of {} include: {}{more}",
                        target.source.display(),
                        ids[..ids.len().min(6)].join(", ")
                    )
                }
            };
            errors.push(
                Diagnostic::at(
                    &page.source,
                    &page.text,
                    link.span.clone(),
                    format!(
                        "link to a missing anchor `#{}` in {}",
                        link.anchor,
                        target.source.display()
                    ),
                )
                .with_hint(hint),
            );
        }
    }
    errors
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

/// Builds the course into its output folder, atomically. Returns what was written.
pub fn build(options: Options) -> Result<(Stats, PathBuf), Vec<Diagnostic>> {
    let site = Site::load(options)?;
    let target = site.output_dir();
    output::check_target(&site.options.root, &target).map_err(|m| {
        vec![Diagnostic::new("site.toml", m).with_hint("choose another output_dir or --output")]
    })?;
    let staging = Staging::new(&target).map_err(|e| {
        vec![Diagnostic::new(
            &target,
            format!("cannot create the output folder: {e}"),
        )]
    })?;
    let stats = site.write_to(staging.dir())?;
    staging.commit().map_err(|e| {
        vec![Diagnostic::new(
            &target,
            format!("cannot replace the output folder: {e}"),
        )]
    })?;
    Ok((stats, target))
}

/// Times a closure, for the summary line.
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, std::time::Duration) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed())
}
