//! The learner's record: "My results" (`results.html`), the certificate
//! (`certificate.html`), and `assets/course-data.js`, the course's structure that the theme's
//! record.js reads on those pages and the home page to apply the completion rule to what
//! the browser stored. A script file rather than JSON beside the pages, because a page
//! opened from disk cannot fetch a file, but it can load a script.
//!
//! They need the navigation, not the pages' HTML, so they are written before the pages.

use serde::Serialize;
use serde_json::json;
use tera::Context;

use crate::diagnostic::Diagnostic;
use crate::pipeline::{Files, Loaded, Output, PageRender};
use crate::templates::NavScope;

/// Where the course data goes.
pub(crate) const DATA: &str = "assets/course-data.js";
/// The pages, each with its template (of the same name) and the UI string of its title.
pub(crate) const PAGES: [(&str, &str); 2] = [
    ("results.html", "record_results_title"),
    ("certificate.html", "record_certificate_title"),
];

/// The record's pages and data.
pub(crate) struct Record<'a> {
    site: &'a Loaded,
}

/// What the browser needs to know of the course to say how far a learner got.
#[derive(Serialize)]
struct CourseData<'a> {
    id: String,
    version: &'a str,
    title: &'a str,
    /// The completion rule: the percent of lessons to visit; which quizzes must be passed
    /// is on each quiz.
    lessons: u8,
    modules: Vec<ModuleData<'a>>,
}

#[derive(Serialize)]
struct ModuleData<'a> {
    title: &'a str,
    path: &'a str,
    /// Lessons and quizzes in reading order; a module with neither counts its introduction
    /// as its one lesson, as the home page's progress does.
    items: Vec<ItemData<'a>>,
}

#[derive(Serialize)]
struct ItemData<'a> {
    title: &'a str,
    path: &'a str,
    /// The progress key, as in `data-page-key`.
    key: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    quiz: Option<QuizData<'a>>,
}

#[derive(Serialize)]
struct QuizData<'a> {
    /// The storage key of the quiz's current version.
    key: &'a str,
    pass: u8,
    /// 0 for no limit.
    attempts: u32,
    /// Whether the completion rule needs it passed.
    required: bool,
}

impl<'a> Record<'a> {
    pub(crate) fn new(site: &'a Loaded) -> Record<'a> {
        Record { site }
    }

    /// The course data as a script that sets `aulaCourse`.
    fn data(&self) -> String {
        let site = self.site;
        let pages = &site.course.pages;
        // The navigation is built from the course's modules, in the same order.
        let modules = site
            .nav
            .modules
            .iter()
            .zip(&site.course.modules)
            .map(|(m, module)| {
                let mut items: Vec<ItemData> = m
                    .items
                    .iter()
                    .zip(&module.items)
                    .map(|(i, &page)| ItemData {
                        title: &i.title,
                        path: &i.path,
                        key: &i.key,
                        quiz: i.quiz_key.as_deref().zip(pages[page].quiz.as_ref()).map(
                            |(key, quiz)| QuizData {
                                key,
                                pass: quiz.pass,
                                attempts: quiz.attempts,
                                required: site
                                    .config
                                    .completion
                                    .requires(&pages[page].content_path()),
                            },
                        ),
                    })
                    .collect();
                if items.is_empty() {
                    items.push(ItemData {
                        title: &m.title,
                        path: &m.path,
                        key: &m.key,
                        quiz: None,
                    });
                }
                ModuleData {
                    title: &m.title,
                    path: &m.path,
                    items,
                }
            })
            .collect();
        let data = CourseData {
            id: site.config.course_id(),
            version: &site.config.version,
            title: &site.config.title,
            lessons: site.config.completion.lessons_percent(),
            modules,
        };
        // `</script>` cannot end anything in a script file, and JSON is JavaScript.
        format!(
            "/* aula: this course's structure, for the learner's record (written by aula build). */\nvar aulaCourse = {};\n",
            serde_json::to_string(&data).unwrap_or_else(|_| "null".into())
        )
    }

    /// Writes the data and both pages: what a change to the navigation, a quiz or the theme
    /// needs written again.
    pub(crate) fn write(&self, files: &dyn Files) -> Vec<Diagnostic> {
        let mut written = vec![(DATA.to_string(), Ok(self.data()))];
        for (name, title) in PAGES {
            // A theme of its own may leave the record out.
            if !self.site.templates.has(name) {
                continue;
            }
            let mut ctx = Context::new();
            let kind = name.trim_end_matches(".html");
            ctx.insert(
                "page",
                &json!({"kind": kind, "title": self.site.string(title), "path": name, "key": ""}),
            );
            ctx.insert("languages", &self.site.edition.links(0, |_| Some(name)));
            let html = self.site.templates.render(name, 0, NavScope::Full, ctx);
            written.push((name.to_string(), html));
        }
        let mut errors = Vec::new();
        for (rel, text) in written {
            match text {
                Ok(text) => {
                    if let Err(e) = files.write(&rel, &[text.as_bytes()]) {
                        errors.push(files.error(&rel, e));
                    }
                }
                Err(e) => errors.push(e),
            }
        }
        errors
    }
}

impl Output for Record<'_> {
    fn begin(&self, files: &dyn Files) -> Vec<Diagnostic> {
        self.write(files)
    }

    fn page(&self, _: &PageRender<'_>, _: &dyn Files) -> Result<Option<String>, Diagnostic> {
        Ok(None)
    }
}
