//! Templates: the Tera engine, compiled once, and the context each page is rendered with.
//! The context is the theme's whole interface; README.md's "Themes" section documents it.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::Serialize;
use tera::{Context, Tera};

use crate::config::Config;
use crate::content::{Course, Page, PageKind};
use crate::diagnostic::Diagnostic;
use crate::markdown::{Heading, Rendered};
use crate::quiz::{Kind, Mode, Scoring};
use crate::theme::Theme;

/// Compiled templates plus the parts of the context that are the same on every page.
pub struct Templates {
    tera: Tera,
    theme_files: Vec<(String, PathBuf)>,
    strings_file: PathBuf,
    shared: Context,
    /// Values only the templates that read them get (see `template_vars`), by template.
    reads: HashMap<String, HashSet<&'static str>>,
    strings_json: String,
    navs: ScopedNavs,
    /// The theme's `nav.html` rendered once per navigation scope and root, because the
    /// sidebar is the same on every page of a module but for the current-page mark.
    sidebars: Mutex<HashMap<(NavScope, String), Arc<str>>>,
    has_sidebar: bool,
    /// Contexts that hold the shared values, reused from page to page: copying the UI
    /// strings into a new context for every page, then dropping them, cost a few percent
    /// of a large build.
    spare: Mutex<Vec<Context>>,
}

/// Which part of the navigation a page's template gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NavScope {
    /// Every module with its items: the home page.
    Full,
    /// Every module, and the items of this one only: pages of a module.
    Module(usize),
    /// Every module, no items: pages outside the modules.
    Outside,
}

/// The navigation serialized once per build, cut so that each page gets only its part:
/// copying the whole course's navigation into every page's context would make a build
/// quadratic in its size.
#[derive(Default)]
struct ScopedNavs {
    /// Every module without its items.
    outside: serde_json::Value,
    /// Each module's items.
    items: Vec<serde_json::Value>,
}

impl ScopedNavs {
    fn new(nav: &Nav) -> ScopedNavs {
        let mut outside = serde_json::to_value(nav).unwrap_or_default();
        let items = match outside.get_mut("modules").and_then(|m| m.as_array_mut()) {
            Some(modules) => modules
                .iter_mut()
                .map(|m| {
                    m.get_mut("items")
                        .map(serde_json::Value::take)
                        .unwrap_or_default()
                })
                .collect(),
            None => Vec::new(),
        };
        ScopedNavs { outside, items }
    }

    /// Module `m` without its items.
    fn module(&self, m: usize) -> Option<&serde_json::Value> {
        self.outside["modules"].get(m)
    }

    /// The navigation a page in `scope` sees.
    fn get(&self, scope: NavScope) -> serde_json::Value {
        let mut nav = self.outside.clone();
        let wanted: Vec<usize> = match scope {
            NavScope::Full => (0..self.items.len()).collect(),
            NavScope::Module(m) => vec![m],
            NavScope::Outside => Vec::new(),
        };
        for m in wanted {
            if let (Some(slot), Some(items)) = (nav["modules"].get_mut(m), self.items.get(m)) {
                slot["items"] = items.clone();
            }
        }
        nav
    }
}

/// A link to a page, relative to the output root (`module/lesson/index.html`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    pub title: String,
    pub path: String,
    pub kind: PageKind,
    /// What learners' progress is stored under: the page's URL folder.
    pub key: String,
    pub duration: Option<u32>,
    /// For quizzes: the storage key of the current version of the quiz.
    pub quiz_key: Option<String>,
}

/// One module in the navigation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NavModule {
    pub number: usize,
    pub title: String,
    pub description: Option<String>,
    pub path: String,
    pub key: String,
    pub duration: u32,
    /// How many of the items are lessons, and how many quizzes.
    pub lessons: usize,
    pub quizzes: usize,
    pub items: Vec<Link>,
}

/// The course's navigation, built once and shared by every page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Nav {
    pub home: Link,
    pub modules: Vec<NavModule>,
    pub pages: Vec<Link>,
    /// Total minutes of the course.
    pub duration: u32,
}

#[derive(Serialize)]
struct PageContext<'a> {
    kind: PageKind,
    title: &'a str,
    description: Option<&'a str>,
    path: String,
    url: &'a str,
    source: String,
    content: &'a str,
    toc: &'a [Heading],
    objectives: &'a [String],
    duration: Option<u32>,
    reading_time: usize,
    words: usize,
    has_code: bool,
    canonical: Option<String>,
    /// A lesson's place among its module's lessons, from 1.
    lesson_number: Option<usize>,
}

#[derive(Serialize)]
struct QuizOption {
    id: String,
    html: String,
    fixed: bool,
}

#[derive(Serialize)]
struct QuizQuestion<'a> {
    id: &'a str,
    kind: Kind,
    prompt: String,
    hint: Option<String>,
    points: u32,
    options: Vec<QuizOption>,
}

#[derive(Serialize)]
struct QuizContext<'a> {
    key: String,
    hash: &'a str,
    pass: u8,
    mode: Mode,
    shuffle: bool,
    draw: Option<usize>,
    attempts: u32,
    description: Option<String>,
    questions: Vec<QuizQuestion<'a>>,
    question_count: usize,
    total_points: u32,
    /// The answer key and feedback, as JSON safe to place inside a
    /// `<script type="application/json">` element.
    data_json: String,
}

#[derive(Serialize)]
struct KeyQuestion<'a> {
    id: &'a str,
    kind: Kind,
    points: u32,
    scoring: Scoring,
    correct: Vec<String>,
    feedback: serde_json::Map<String, serde_json::Value>,
    explanation: Option<String>,
}

/// The Markdown of a quiz, rendered: what the quiz page and the print page need.
#[derive(Debug, Default, Clone)]
pub struct QuizHtml {
    pub description: Option<String>,
    pub questions: Vec<QuestionHtml>,
}

/// One question's Markdown fields, rendered.
#[derive(Debug, Default, Clone)]
pub struct QuestionHtml {
    pub prompt: String,
    pub hint: Option<String>,
    pub explanation: Option<String>,
    /// Per option: text and feedback.
    pub options: Vec<(String, Option<String>)>,
}

impl Templates {
    /// Compiles the theme's templates once for the whole build. Pages need the
    /// navigation, given with [`Templates::set_nav`].
    pub fn new(
        theme: &Theme,
        config: &Config,
        live_reload: bool,
    ) -> Result<Templates, Vec<Diagnostic>> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        // Tera's own escaping also turns every `/` into `&#x2F;`, which bloats each URL of
        // every page; escaping `& < > "` is what HTML needs.
        tera.set_escape_fn(escape_html);
        let sources: Vec<(&str, &str)> = theme
            .templates
            .iter()
            .map(|(n, (_, s))| (n.as_str(), s.as_str()))
            .collect();
        let theme_files = theme
            .templates
            .iter()
            .map(|(n, (p, _))| (n.clone(), p.clone()))
            .collect::<Vec<_>>();
        if let Err(e) = tera.add_raw_templates(sources.iter().copied()) {
            return Err(vec![template_error(&e, &theme_files, &theme.strings_file)]);
        }
        let reads = crate::template_vars::reads(&sources, &["nav", "strings_json"])
            .into_iter()
            .map(|(name, vars)| (name.to_string(), vars))
            .collect();
        let mut shared = Context::new();
        shared.insert("site", &SiteContext::new(config));
        shared.insert("t", &theme.strings);
        shared.insert("live_reload", &live_reload);
        // Page-specific values, empty unless the page sets them, so that every template
        // can test them without "undefined variable" errors.
        shared.insert("module_index", &None::<usize>);
        shared.insert("module", &None::<()>);
        shared.insert("prev", &None::<()>);
        shared.insert("next", &None::<()>);
        shared.insert("breadcrumbs", &Vec::<()>::new());
        let has_sidebar = tera.get_template_names().any(|n| n == SIDEBAR);
        Ok(Templates {
            theme_files,
            strings_file: theme.strings_file.clone(),
            shared,
            reads,
            strings_json: script_json(&theme.strings),
            navs: ScopedNavs::default(),
            sidebars: Mutex::default(),
            has_sidebar,
            spare: Mutex::default(),
            tera,
        })
    }

    /// Sets the navigation every page shows.
    pub fn set_nav(&mut self, nav: &Nav) {
        self.navs = ScopedNavs::new(nav);
        self.sidebars = Mutex::default();
    }

    /// Whether the theme has a template of that name.
    pub fn has(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }

    /// Renders a template with the shared context, the navigation in `scope`, and `extra`.
    /// The navigation and `strings_json` go only to templates that read them: they are the
    /// largest values, and Tera copies whatever it is given.
    pub fn render(
        &self,
        template: &str,
        depth: usize,
        scope: NavScope,
        extra: Context,
    ) -> Result<String, Diagnostic> {
        let mut ctx = self
            .lock_spare()
            .pop()
            .unwrap_or_else(|| self.shared.clone());
        let mut set: Vec<String> = ["nav", "strings_json", "module", "root", "sidebar"]
            .map(String::from)
            .into();
        let reads = |var| self.reads.get(template).is_some_and(|r| r.contains(var));
        if reads("nav") {
            let nav = serde_json::json!({ "nav": self.navs.get(scope) });
            ctx.extend(Context::from_value(nav).unwrap_or_default());
        }
        if reads("strings_json") {
            ctx.insert("strings_json", &self.strings_json);
        }
        if let Some(module) = match scope {
            NavScope::Module(m) => self.navs.module(m),
            _ => None,
        } {
            ctx.insert("module", module);
        }
        let extra = extra.into_json();
        // `extra` may set its own root (404.html's links are absolute).
        let root = match extra.get("root").and_then(|r| r.as_str()) {
            Some(root) => root.to_string(),
            None => "../".repeat(depth),
        };
        ctx.insert("root", &root);
        let path = extra
            .get("page")
            .and_then(|p| p.get("path"))
            .and_then(|p| p.as_str())
            .map(|p| format!("href=\"{root}{p}\""));
        if let serde_json::Value::Object(map) = &extra {
            set.extend(map.keys().cloned());
        }
        ctx.extend(Context::from_value(extra).unwrap_or_default());
        let sidebar = if self.has_sidebar {
            ctx.insert("sidebar", SIDEBAR_MARK);
            Some(self.sidebar(scope, root)?)
        } else {
            None
        };
        let html = self.tera.render(template, &ctx);
        // Back to the shared values only, for the next page.
        for key in &set {
            match self.shared.get(key) {
                Some(value) => ctx.insert(key, value),
                None => {
                    ctx.remove(key);
                }
            }
        }
        self.lock_spare().push(ctx);
        let html = html.map_err(|e| self.error(&e))?;
        Ok(match sidebar {
            Some(sidebar) => splice_sidebar(&html, &sidebar, path.as_deref()),
            None => html,
        })
    }

    fn lock_spare(&self) -> std::sync::MutexGuard<'_, Vec<Context>> {
        self.spare.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn error(&self, e: &tera::Error) -> Diagnostic {
        template_error(e, &self.theme_files, &self.strings_file)
    }

    /// The sidebar for `scope` with links relative to `root`, rendered on first use.
    fn sidebar(&self, scope: NavScope, root: String) -> Result<Arc<str>, Diagnostic> {
        let key = (scope, root);
        if let Some(html) = self.lock_sidebars().get(&key) {
            return Ok(html.clone());
        }
        let mut ctx = self.shared.clone();
        ctx.insert("nav", &self.navs.get(scope));
        ctx.insert("root", &key.1);
        if let NavScope::Module(m) = scope {
            ctx.insert("module_index", &m);
        }
        ctx.insert("page", &serde_json::json!({"path": "", "kind": ""}));
        let html: Arc<str> = self
            .tera
            .render(SIDEBAR, &ctx)
            .map_err(|e| self.error(&e))?
            .into();
        self.lock_sidebars().insert(key, html.clone());
        Ok(html)
    }

    fn lock_sidebars(&self) -> std::sync::MutexGuard<'_, HashMap<(NavScope, String), Arc<str>>> {
        self.sidebars.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The template of the sidebar, which pages get ready-made as `sidebar`.
const SIDEBAR: &str = "nav.html";

/// What a page's template gets as `sidebar`, replaced by the sidebar itself once the page
/// is rendered: the sidebar is the largest part of most pages, and this way it is copied
/// once instead of into the context and again into the page.
const SIDEBAR_MARK: &str = "\u{1}aula:sidebar\u{1}";

/// `html` with the sidebar where the template printed `sidebar`, its link to the current
/// page (the first whose `href` is exactly `current`) marked with `aria-current="page"`.
fn splice_sidebar(html: &str, sidebar: &str, current: Option<&str>) -> String {
    let mut out = String::with_capacity(html.len() + sidebar.len() + 32);
    let mut parts = html.split(SIDEBAR_MARK);
    out.push_str(parts.next().unwrap_or_default());
    for part in parts {
        match current.and_then(|c| sidebar.find(c).map(|at| at + c.len())) {
            Some(end) => {
                out.push_str(&sidebar[..end]);
                out.push_str(" aria-current=\"page\"");
                out.push_str(&sidebar[end..]);
            }
            None => out.push_str(sidebar),
        }
        out.push_str(part);
    }
    out
}

#[derive(Serialize)]
struct SiteContext<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    author: &'a str,
    organization: &'a str,
    course_id: String,
    base_url: Option<String>,
    generator: &'static str,
}

impl<'a> SiteContext<'a> {
    fn new(c: &'a Config) -> Self {
        SiteContext {
            title: &c.title,
            description: &c.description,
            language: &c.language,
            author: &c.author,
            organization: &c.organization,
            course_id: c.course_id(),
            base_url: c.base_url(),
            generator: concat!("aula ", env!("CARGO_PKG_VERSION")),
        }
    }
}

/// Serializes for a `<script type="application/json">`: `<` is escaped so no text can
/// close the element early.
pub fn script_json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".into())
        .replace('<', "\\u003c")
}

/// Turns a Tera error into a diagnostic that names the template, or the missing UI string.
fn template_error(e: &tera::Error, files: &[(String, PathBuf)], strings_file: &Path) -> Diagnostic {
    let mut chain = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        chain.push(s.to_string());
        source = s.source();
    }
    let text = chain.join(": ");
    if let Some(key) = text
        .split("Variable `t.")
        .nth(1)
        .and_then(|r| r.split('`').next())
    {
        return Diagnostic::new(
            strings_file,
            format!("missing UI string `{key}` in {}", strings_file.display()),
        )
        .with_hint(format!("add `{key} = \"…\"` to {}", strings_file.display()));
    }
    let file = files
        .iter()
        .find(|(name, _)| {
            text.contains(&format!("'{name}'")) || text.contains(&format!("`{name}`"))
        })
        .map(|(_, p)| p.clone())
        .unwrap_or_else(|| PathBuf::from("templates"));
    Diagnostic::new(file, format!("template error: {}", chain.join("; ")))
        .with_hint("fix the template; Tera's syntax is described at keats.github.io/tera")
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).ok();
    out
}

/// The path of a page from the output root.
pub fn page_path(page: &Page) -> String {
    format!("{}index.html", page.url)
}

/// Builds the navigation shared by every page.
pub fn nav(course: &Course, course_id: &str) -> Nav {
    let link = |i: usize| {
        let page = &course.pages[i];
        Link {
            title: page.title.clone(),
            path: page_path(page),
            kind: page.kind,
            key: page.url.clone(),
            duration: page.meta.duration.or_else(|| {
                (page.kind == PageKind::Lesson).then(|| reading_time(page.words) as u32)
            }),
            quiz_key: page
                .quiz
                .as_ref()
                .map(|q| quiz_key(course_id, page, &q.hash)),
        }
    };
    let modules: Vec<NavModule> = course
        .modules
        .iter()
        .enumerate()
        .map(|(n, m)| {
            let index = &course.pages[m.index];
            let items: Vec<Link> = m.items.iter().map(|&i| link(i)).collect();
            let duration = index
                .meta
                .duration
                .unwrap_or_else(|| items.iter().filter_map(|l| l.duration).sum());
            NavModule {
                number: n + 1,
                title: index.title.clone(),
                description: index.meta.description.clone(),
                path: page_path(index),
                key: index.url.clone(),
                duration,
                lessons: items.iter().filter(|l| l.kind == PageKind::Lesson).count(),
                quizzes: items.iter().filter(|l| l.kind == PageKind::Quiz).count(),
                items,
            }
        })
        .collect();
    let home = &course.pages[course.home];
    Nav {
        home: link(course.home),
        duration: home
            .meta
            .duration
            .unwrap_or_else(|| modules.iter().map(|m| m.duration).sum()),
        modules,
        pages: course.standalone.iter().map(|&i| link(i)).collect(),
    }
}

/// The localStorage key of one version of a quiz.
pub fn quiz_key(course_id: &str, page: &Page, hash: &str) -> String {
    format!("aula:{course_id}:quiz:{}:{hash}", page.url)
}

/// Minutes to read `words` words, at least one.
pub fn reading_time(words: usize) -> usize {
    words.div_ceil(200).max(1)
}

/// Everything a page's template needs besides the shared context.
pub struct PageInput<'a> {
    pub course: &'a Course,
    pub config: &'a Config,
    pub index: usize,
    pub rendered: &'a Rendered,
    pub quiz: Option<&'a QuizHtml>,
    /// The reading order, for previous/next links.
    pub order: &'a [usize],
    pub position: usize,
    pub strings: &'a toml::Table,
}

/// The template a page of this kind is rendered with.
pub fn template_for(kind: PageKind) -> &'static str {
    match kind {
        PageKind::Home => "home.html",
        PageKind::Module => "module.html",
        PageKind::Lesson => "lesson.html",
        PageKind::Quiz => "quiz.html",
        PageKind::Page => "page.html",
    }
}

/// A lesson's place among the lessons of its module, from 1.
fn lesson_number(course: &Course, index: usize) -> Option<usize> {
    let page = &course.pages[index];
    let module = &course.modules[page.module?];
    let lessons = module
        .items
        .iter()
        .filter(|&&i| course.pages[i].kind == PageKind::Lesson);
    (page.kind == PageKind::Lesson).then(|| lessons.take_while(|&&i| i != index).count() + 1)
}

/// A UI string as HTML, for places that take HTML (a true/false option's label).
pub fn string_html(strings: &toml::Table, key: &str) -> String {
    let text = strings.get(key).and_then(|v| v.as_str()).unwrap_or(key);
    let mut html = String::new();
    pulldown_cmark_escape::escape_html(&mut html, text).ok();
    html
}

/// The page-specific context.
pub fn page_context(input: &PageInput) -> Context {
    let PageInput {
        course,
        config,
        index,
        rendered,
        order,
        position,
        ..
    } = *input;
    let page = &course.pages[index];
    let mut ctx = Context::new();
    let canonical = config.base_url().map(|b| format!("{b}{}", page.url));
    let words = page.words;
    ctx.insert(
        "page",
        &PageContext {
            kind: page.kind,
            title: &page.title,
            description: page.meta.description.as_deref(),
            path: page_path(page),
            url: &page.url,
            source: page.source.to_string_lossy().replace('\\', "/"),
            content: &rendered.html,
            toc: &rendered.headings,
            objectives: &page.meta.objectives,
            duration: page.meta.duration,
            reading_time: reading_time(words),
            words,
            has_code: rendered.has_code,
            lesson_number: lesson_number(course, index),
            canonical,
        },
    );
    let neighbour = |i: Option<&usize>| {
        i.map(|&i| &course.pages[i])
            .map(|p| serde_json::json!({"title": p.title, "path": page_path(p), "kind": p.kind}))
    };
    ctx.insert(
        "prev",
        &neighbour(position.checked_sub(1).and_then(|p| order.get(p))),
    );
    ctx.insert("next", &neighbour(order.get(position + 1)));
    ctx.insert("module_index", &page.module);
    let mut crumbs =
        vec![serde_json::json!({"title": course.pages[course.home].title, "path": "index.html"})];
    if let Some(m) = page.module {
        let mi = &course.pages[course.modules[m].index];
        if mi.url != page.url {
            crumbs.push(serde_json::json!({"title": mi.title, "path": page_path(mi)}));
        }
    }
    ctx.insert("breadcrumbs", &crumbs);
    if let (Some(quiz), Some(html)) = (&page.quiz, input.quiz) {
        ctx.insert("quiz", &quiz_context(input, page, quiz, html));
    }
    ctx
}

fn option_id(i: usize) -> String {
    char::from(b'a' + (i % 26) as u8).to_string() + &"'".repeat(i / 26)
}

fn quiz_context<'a>(
    input: &PageInput,
    page: &'a Page,
    quiz: &'a crate::quiz::Quiz,
    html: &QuizHtml,
) -> QuizContext<'a> {
    let label = |key: &str| string_html(input.strings, key);
    let mut questions = Vec::new();
    let mut key_questions = Vec::new();
    for (q, h) in quiz.questions.iter().zip(&html.questions) {
        let (options, correct, feedback): (Vec<QuizOption>, Vec<String>, serde_json::Map<_, _>) =
            if q.kind == Kind::TrueFalse {
                let options = vec![
                    QuizOption {
                        id: "true".into(),
                        html: label("true"),
                        fixed: true,
                    },
                    QuizOption {
                        id: "false".into(),
                        html: label("false"),
                        fixed: true,
                    },
                ];
                (
                    options,
                    vec![q.answer.unwrap_or(true).to_string()],
                    serde_json::Map::new(),
                )
            } else {
                let mut feedback = serde_json::Map::new();
                let mut correct = Vec::new();
                let options = q
                    .options
                    .iter()
                    .zip(&h.options)
                    .enumerate()
                    .map(|(i, (o, (text, fb)))| {
                        let id = option_id(i);
                        if o.correct {
                            correct.push(id.clone());
                        }
                        if let Some(fb) = fb {
                            feedback.insert(id.clone(), fb.clone().into());
                        }
                        QuizOption {
                            id,
                            html: text.clone(),
                            fixed: o.fixed,
                        }
                    })
                    .collect();
                (options, correct, feedback)
            };
        key_questions.push(KeyQuestion {
            id: &q.id,
            kind: q.kind,
            points: q.points,
            scoring: q.scoring,
            correct,
            feedback,
            explanation: h.explanation.clone(),
        });
        questions.push(QuizQuestion {
            id: &q.id,
            kind: q.kind,
            prompt: h.prompt.clone(),
            hint: h.hint.clone(),
            points: q.points,
            options,
        });
    }
    let key = quiz_key(&input.config.course_id(), page, &quiz.hash);
    let data = serde_json::json!({
        "key": key,
        "pass": quiz.pass,
        "mode": quiz.mode,
        "shuffle": quiz.shuffle,
        "draw": quiz.draw,
        "attempts": quiz.attempts,
        "questions": key_questions,
    });
    QuizContext {
        key,
        hash: &quiz.hash,
        pass: quiz.pass,
        mode: quiz.mode,
        shuffle: quiz.shuffle,
        draw: quiz.draw,
        attempts: quiz.attempts,
        description: html.description.clone(),
        question_count: quiz.draw.unwrap_or(quiz.questions.len()),
        total_points: quiz.questions.iter().map(|q| q.points).sum(),
        questions,
        data_json: script_json(&data),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sidebar_goes_where_the_template_put_it_with_the_current_page_marked() {
        let sidebar = "<a href=\"../a/\">A</a><a href=\"../b/\">B</a>";
        let html = format!("<body>{SIDEBAR_MARK}<main>");
        assert_eq!(
            splice_sidebar(&html, sidebar, Some("href=\"../b/\"")),
            "<body><a href=\"../a/\">A</a><a href=\"../b/\" aria-current=\"page\">B</a><main>"
        );
        assert_eq!(
            splice_sidebar(&html, sidebar, None),
            format!("<body>{sidebar}<main>")
        );
        assert_eq!(
            splice_sidebar("<p>no sidebar</p>", sidebar, None),
            "<p>no sidebar</p>"
        );
    }
}
