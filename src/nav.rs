//! The course's navigation: every module with its lessons and quizzes in order, built once
//! per build and handed to the templates, and the paths and keys its links use.

use serde::Serialize;

use crate::content::{Course, Page, PageKind, Top};

/// A link to a page, relative to the output root (`module/lesson.html`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Link {
    pub title: String,
    /// The title's inline Markdown as HTML: [`Page::title_html`].
    pub title_html: String,
    pub path: String,
    pub kind: PageKind,
    /// What learners' progress is stored under: [`Page::key`].
    pub key: String,
    pub duration: Option<u32>,
    /// For quizzes: the storage key of the current version of the quiz.
    pub quiz_key: Option<String>,
}

/// One module in the navigation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct NavModule {
    pub number: usize,
    pub title: String,
    pub title_html: String,
    pub description: Option<String>,
    pub path: String,
    pub key: String,
    pub duration: u32,
    /// How many of the items are lessons, and how many quizzes.
    pub lessons: usize,
    pub quizzes: usize,
    pub items: Vec<Link>,
    /// Standalone pages whose weight puts them between this module and the next.
    pub pages_after: Vec<Link>,
    /// The part the module belongs to: the last `part` set by it or a module before it.
    pub part: Option<String>,
    /// The part's title as HTML: inline Markdown, as in pages' titles.
    pub part_html: Option<String>,
    /// Whether a new part begins with this module: its heading goes before it.
    pub starts_part: bool,
    /// The number of its part, from 1, for the part heading's id.
    pub part_number: usize,
}

/// The course's navigation, built once and shared by every page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Nav {
    pub home: Link,
    /// Standalone pages whose weight puts them before the first module.
    pub before: Vec<Link>,
    pub modules: Vec<NavModule>,
    /// Standalone pages after the last module (all of them in a course without modules).
    pub pages: Vec<Link>,
    /// Total minutes of the course.
    pub duration: u32,
}

/// Builds the navigation shared by every page.
pub(crate) fn nav(course: &Course, course_id: &str) -> Nav {
    let link = |i: usize| {
        let page = &course.pages[i];
        Link {
            title: page.title.clone(),
            title_html: page.title_html.clone(),
            path: page.path(),
            kind: page.kind,
            key: page.key(),
            duration: page.meta.duration.or_else(|| {
                (page.kind == PageKind::Lesson).then(|| reading_time(page.words) as u32)
            }),
            quiz_key: page
                .quiz
                .as_ref()
                .map(|q| quiz_key(course_id, page, &q.hash)),
        }
    };
    let mut modules: Vec<NavModule> = course
        .modules
        .iter()
        .enumerate()
        .map(|(n, m)| {
            let index = &course.pages[m.index];
            let items: Vec<Link> = m.items.iter().map(|&i| link(i)).collect();
            // A module of only an introduction takes that introduction's reading time.
            let duration = index
                .meta
                .duration
                .unwrap_or_else(|| match items.is_empty() {
                    true if index.words > 0 => reading_time(index.words) as u32,
                    _ => items.iter().filter_map(|l| l.duration).sum(),
                });
            NavModule {
                number: n + 1,
                title: index.title.clone(),
                title_html: index.title_html.clone(),
                description: index.meta.description.clone(),
                path: index.path(),
                key: index.key(),
                duration,
                lessons: items.iter().filter(|l| l.kind == PageKind::Lesson).count(),
                quizzes: items.iter().filter(|l| l.kind == PageKind::Quiz).count(),
                items,
                pages_after: Vec::new(),
                part: index.meta.part.clone(),
                part_html: None,
                starts_part: false,
                part_number: 0,
            }
        })
        .collect();
    // As mdBook's part titles: a part goes on until the next one is named.
    let mut current: Option<String> = None;
    let mut parts = 0;
    for m in &mut modules {
        match &m.part {
            Some(part) if current.as_ref() != Some(part) => {
                parts += 1;
                m.starts_part = true;
                current = Some(part.clone());
            }
            _ => m.part = current.clone(),
        }
        m.part_number = parts;
        m.part_html = m.part.as_deref().map(|p| crate::title::render(p).html);
    }
    let (mut before, mut pages) = (Vec::new(), Vec::new());
    let mut last_module = None;
    for &top in &course.top {
        match top {
            Top::Module(m) => last_module = Some(m),
            Top::Page(i) => match last_module {
                None => before.push(link(i)),
                Some(m) => modules[m].pages_after.push(link(i)),
            },
        }
    }
    // Pages after the last module stay where they always were, below the modules.
    if let Some(m) = last_module {
        pages = std::mem::take(&mut modules[m].pages_after);
    } else {
        std::mem::swap(&mut before, &mut pages);
    }
    let home = &course.pages[course.home];
    Nav {
        home: link(course.home),
        before,
        duration: home
            .meta
            .duration
            .unwrap_or_else(|| modules.iter().map(|m| m.duration).sum()),
        modules,
        pages,
    }
}

/// The localStorage key of one version of a quiz.
pub(crate) fn quiz_key(course_id: &str, page: &Page, hash: &str) -> String {
    format!("aula:{course_id}:quiz:{}:{hash}", page.key())
}

/// Minutes to read `words` words, at least one.
pub(crate) fn reading_time(words: usize) -> usize {
    words.div_ceil(200).max(1)
}
