//! The one way through: read the sources into a course model ([`load`]), then render every
//! page and feed the outputs ([`run`]). `aula build`, `aula check` and `aula serve` all go
//! through here, so they find the same problems by construction: they differ only in where
//! the outputs write (a staging folder, nowhere, the served folder).
//!
//! ```text
//! site.toml, content/, theme ──load──▶ Loaded ──run──▶ each page: Markdown → template
//!                                                      └─▶ every Output, in reading order
//! ```

mod anchors;
pub(crate) mod editions;
mod page;
mod run;
mod sink;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{self, Course, PageKind};
use crate::diagnostic::Diagnostic;
use crate::markdown::{Rendered, Renderer};
use crate::nav::{self, Nav};
use crate::templates::Templates;
use crate::theme::Theme;

pub(crate) use anchors::{markdown_errors, title_id};
pub(crate) use page::{
    render_checks, render_markdown, render_markdown_with_print, PageMarkdown, PageRender,
};
pub(crate) use run::{run, run_all};
pub(crate) use sink::{Files, Output};

/// What to build, and how.
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

/// The course as read from its sources, ready to render: settings, pages in order,
/// navigation and compiled templates. Nothing in the pipeline changes it; only `aula serve`
/// replaces parts of it when a source changes (see `serve::incremental`).
pub(crate) struct Loaded {
    pub(crate) options: Options,
    pub(crate) config: Config,
    pub(crate) course: Course,
    pub(crate) theme: Theme,
    pub(crate) templates: Templates,
    pub(crate) nav: Nav,
    /// Page indices in reading order.
    pub(crate) order: Vec<usize>,
    /// Each page's place in `order`.
    pub(crate) position: Vec<usize>,
    /// Which language's edition of the course this is.
    pub(crate) edition: editions::Edition,
    /// In the default language's edition, the course's other languages' editions, in
    /// site.toml's order.
    pub(crate) translations: Vec<Loaded>,
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

/// Reads settings, content and theme, and compiles the templates. Returns the course as far
/// as it could be read, with every problem found: a page that cannot be read is left out
/// and its errors reported, and the others go on to be rendered, so that the mistakes of one
/// file never hide those of another. `None` when nothing can be rendered (no site.toml, a
/// theme that does not load); the pages' links are still checked then.
pub(crate) fn load(options: Options) -> (Option<Loaded>, Vec<Diagnostic>) {
    let root = &options.root;
    let (config, mut errors) = Config::load_lenient(root);
    let Some(config) = config else {
        return (None, errors);
    };
    // The templates compile while the content loads.
    let ((course, content_errors), theme) = rayon::join(
        || content::load_all(root, &config, options.drafts),
        || theme_and_templates(root, &config, options.live_reload),
    );
    errors.extend(content_errors);
    let quizzes: Vec<String> = course
        .pages
        .iter()
        .filter(|p| p.kind == PageKind::Quiz)
        .map(content::Page::content_path)
        .collect();
    errors.extend(
        config
            .completion
            .course_errors(&quizzes, &|span, message| config.error_at(span, message)),
    );
    errors.extend(
        config
            .lms
            .course_errors(&quizzes, &|span, message| config.error_at(span, message)),
    );
    // Every page's navigation and breadcrumbs start at the home page: without one, only
    // the pages' Markdown can be checked.
    let has_home = course
        .pages
        .get(course.home)
        .is_some_and(|p| p.kind == PageKind::Home);
    let (theme, templates) = match theme {
        Ok(loaded) if has_home => loaded,
        theme => {
            errors.extend(link_errors(&course, &config));
            errors.extend(theme.err().unwrap_or_default());
            return (None, errors);
        }
    };
    check_language_folders(&course, &config, &mut errors);
    let edition = editions::Edition {
        language: config.language.clone(),
        folder: String::new(),
        untranslated: vec![false; course.pages.len()],
        all: Default::default(),
    };
    let mut loaded = Loaded::new(options, config, course, (theme, templates), edition);
    // A language site.toml cannot name is reported there, and not built.
    let languages: Vec<&String> = loaded
        .config
        .languages
        .keys()
        .filter(|l| crate::config::is_language_code(l) && **l != loaded.config.language)
        .collect();
    let translated: Vec<(Option<Loaded>, Vec<Diagnostic>)> = languages
        .par_iter()
        .map(|language| editions::translate(&loaded, language))
        .collect();
    let mut translations = Vec::new();
    for (edition, edition_errors) in translated {
        errors.extend(edition_errors);
        translations.extend(edition);
    }
    loaded.translations = translations;
    editions::link(&mut loaded);
    (Some(loaded), crate::diagnostic::dedup(errors))
}

/// The theme `config` names, in its language, and its templates compiled.
fn theme_and_templates(
    root: &Path,
    config: &Config,
    live_reload: bool,
) -> Result<(Theme, Templates), Vec<Diagnostic>> {
    let theme = Theme::for_config(root, config)?;
    let templates = Templates::new(&theme, config, live_reload)?;
    missing_templates(&templates, config)?;
    Ok((theme, templates))
}

/// An error for each page or module whose URL would go into a language's folder (a
/// module `en/` in a course with English).
fn check_language_folders(course: &Course, config: &Config, errors: &mut Vec<Diagnostic>) {
    for page in &course.pages {
        let first = page.url.split('/').next().unwrap_or("");
        if page.kind == PageKind::Module && config.languages.contains_key(first) {
            errors.push(
                Diagnostic::new(
                    &page.source,
                    format!(
                        "this page's URL `{}` is in the folder of the `{first}` edition",
                        page.url
                    ),
                )
                .with_hint(format!(
                    "rename it, or give it a `slug`: `{first}/` holds the course in that language"
                )),
            );
        }
    }
}

/// The course model as read from the sources of `options`, without rendering anything: for
/// tools and tests that look at a course's structure.
pub fn load_course(options: &Options) -> Result<Course, Vec<Diagnostic>> {
    let config = Config::load(&options.root)?;
    content::load(&options.root, &config, options.drafts)
}

impl Loaded {
    /// An edition of the course ready to render: its navigation and reading order made.
    fn new(
        options: Options,
        config: Config,
        course: Course,
        (theme, mut templates): (Theme, Templates),
        edition: editions::Edition,
    ) -> Loaded {
        let nav = nav::nav(&course, &config.course_id());
        templates.set_nav(&nav);
        let order = course.reading_order();
        let position = positions(&order, course.pages.len());
        Loaded {
            options,
            config,
            course,
            theme,
            templates,
            nav,
            order,
            position,
            edition,
            translations: Vec::new(),
        }
    }

    /// The Markdown renderer configured by site.toml.
    pub(crate) fn markdown(&self) -> Renderer<'_> {
        markdown_renderer(&self.course, &self.config).with_strings(&self.theme.strings)
    }

    /// A UI string of the theme, or its key when it is missing.
    pub(crate) fn string<'a>(&'a self, key: &'a str) -> &'a str {
        crate::theme::ui_string(&self.theme.strings, key)
    }

    /// What the author should know although the course builds: the settings' warnings,
    /// and each edition's pages without a translation.
    pub(crate) fn warnings(&self) -> Vec<Diagnostic> {
        let mut warnings = self.config.warnings();
        for t in &self.translations {
            warnings.extend(editions::untranslated_warnings(t));
        }
        warnings
    }

    /// This edition and the course's others.
    pub(crate) fn editions(&self) -> impl Iterator<Item = &Loaded> {
        std::iter::once(self).chain(&self.translations)
    }

    /// Recomputes the reading order after pages moved.
    pub(crate) fn reorder(&mut self) {
        self.order = self.course.reading_order();
        self.position = positions(&self.order, self.course.pages.len());
    }
}

fn markdown_renderer<'a>(course: &'a Course, config: &Config) -> Renderer<'a> {
    Renderer::new(
        course,
        config.markdown.smart_punctuation,
        config.markdown.highlight_code,
    )
    .with_math(config.markdown.math)
    .with_frames(&config.security.frame_origins())
    .with_text(config.search.enabled)
    .with_up(config.folder.matches('/').count())
}

/// An error for each of [`REQUIRED_TEMPLATES`] the theme lacks, naming where to add it.
pub(crate) fn missing_templates(
    templates: &Templates,
    config: &Config,
) -> Result<(), Vec<Diagnostic>> {
    let missing: Vec<Diagnostic> = REQUIRED_TEMPLATES
        .iter()
        .filter(|name| !templates.has(name))
        .map(|name| {
            let path = Path::new("themes")
                .join(&config.theme.name)
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

/// The link and anchor errors of every page of `course`, for when the theme did not load
/// and nothing can be rendered through templates.
fn link_errors(course: &Course, config: &Config) -> Vec<Diagnostic> {
    let md = markdown_renderer(course, config);
    let rendered: Vec<Rendered> = (0..course.pages.len())
        .into_par_iter()
        .map(|i| Rendered {
            html: String::new(),
            ..render_markdown(&md, course, i).rendered
        })
        .collect();
    markdown_errors(course, |i| &rendered[i])
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_gets_its_place_even_when_some_are_outside_the_order() {
        // Page 3 is in the order, pages 1 and 2 are not: 3 must not fall back to place 0.
        assert_eq!(positions(&[0, 3], 4), [0, 0, 0, 1]);
    }
}
