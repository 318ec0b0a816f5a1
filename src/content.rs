//! Loading the course tree: `content/` becomes a [`Course`] of modules and pages, in order,
//! each with its output URL. Nothing is rendered here.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::{is_language_code, Config};
use crate::diagnostic::{Diagnostic, LineIndex};
use crate::front_matter::{self, FrontMatter};
use crate::quiz::{self, Quiz};
use crate::source_file;

/// The folder of a course that holds its pages.
pub const CONTENT_DIR: &str = "content";
const INDEX: &str = "_index.md";

/// What a page is, which decides its template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    /// The course's home page, `content/_index.md`.
    Home,
    /// A module's introduction, its folder's `_index.md`.
    Module,
    /// A lesson of a module.
    Lesson,
    /// A quiz of a module, from a `quiz.toml` or `*.quiz.toml` file.
    Quiz,
    /// A page at the top of `content/`, outside any module, such as a glossary.
    Page,
}

/// One page of the course, as read from its source file.
#[derive(Debug, Clone)]
pub struct Page {
    /// What the page is, which decides its template.
    pub kind: PageKind,
    /// Path relative to the course root, e.g. `content/01-intro/02-basics.md`.
    pub source: PathBuf,
    /// Where the page is from the output root: `module/lesson.html`, or a folder with a
    /// trailing slash for the pages that are a folder's `index.html` (`""` for the home,
    /// `module/` for a module's introduction).
    pub url: String,
    /// The title as plain text, from the front matter or the quiz file: its inline Markdown
    /// (`` `match` ``) without the markup, for `<title>`, meta tags and the title's id.
    pub title: String,
    /// The title's inline Markdown as HTML, for where the title shows.
    pub title_html: String,
    /// The front matter's other settings.
    pub meta: FrontMatter,
    /// The whole source file.
    pub text: String,
    /// Byte range of the Markdown body in `text` (empty for quizzes).
    pub body: std::ops::Range<usize>,
    /// Words of the body, for its reading time: counted on the source, as the file is read,
    /// so that the navigation is known before any Markdown is rendered.
    pub words: usize,
    /// The quiz, for a quiz page.
    pub quiz: Option<Quiz>,
    /// Index into [`Course::modules`] of the module the page belongs to.
    pub module: Option<usize>,
    /// Sources of the same page in other languages (`lesson.en.md`), by language code.
    pub translations: Vec<(String, PathBuf)>,
    /// In another language's edition, the page's URL in the default language: learners'
    /// progress is stored under it, so that it is the same in every language whatever
    /// the translation's `slug`.
    pub default_url: Option<String>,
    /// Where the lines of `text` start, built when the first error in the page is located,
    /// so that a page with thousands of errors is scanned once, not once per error. Boxed,
    /// to add little to pages without errors.
    pub lines: OnceLock<Box<LineIndex>>,
}

impl Page {
    /// The page's file from `content/`, with `/` between folders: how site.toml names it
    /// (`[completion] quizzes`).
    pub fn content_path(&self) -> String {
        crate::paths::slashed(self.source.strip_prefix("content").unwrap_or(&self.source))
    }

    /// An error at `span`, a byte range of the page's file.
    pub fn error(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        let lines = self
            .lines
            .get_or_init(|| Box::new(LineIndex::new(&self.text)));
        Diagnostic::new(&self.source, message).located(lines.locate(&self.text, span))
    }

    /// The Markdown body.
    pub fn markdown(&self) -> &str {
        &self.text[self.body.clone()]
    }

    /// How deep the page's folder is, for relative links back to the root.
    pub fn depth(&self) -> usize {
        self.url.matches('/').count()
    }

    /// The page's file from the output root: its URL, with `index.html` for a folder.
    pub fn path(&self) -> String {
        if self.url.is_empty() || self.url.ends_with('/') {
            format!("{}index.html", self.url)
        } else {
            self.url.clone()
        }
    }

    /// What learners' progress on the page is stored under: its URL as a folder
    /// (`module/lesson/`). Pages were folders before aula wrote one file per page, and this
    /// keeps the progress learners saved then.
    pub fn key(&self) -> String {
        let url = self.default_url.as_deref().unwrap_or(&self.url);
        match url.strip_suffix(".html") {
            Some(stem) => format!("{stem}/"),
            None => url.to_string(),
        }
    }
}

/// A module: a folder of `content/` with its introduction and its pages, in order.
#[derive(Debug, Clone)]
pub struct Module {
    /// Index of the module's introduction page in [`Course::pages`].
    pub index: usize,
    /// Lessons and quizzes, in order, as indices into [`Course::pages`].
    pub items: Vec<usize>,
}

/// One entry at the top of the course, after the home: a module or a standalone page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Top {
    /// Index into [`Course::modules`].
    Module(usize),
    /// Index into [`Course::pages`].
    Page(usize),
}

/// A file that is not a page (an image, a PDF), copied into the output.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Path relative to the course root.
    pub source: PathBuf,
    /// Path relative to the output root.
    pub url: String,
}

/// The whole course, loaded and ordered.
#[derive(Debug, Clone)]
pub struct Course {
    /// Every page, by index.
    pub pages: Vec<Page>,
    /// The home page's index.
    pub home: usize,
    /// The modules, in order.
    pub modules: Vec<Module>,
    /// Pages at the top of `content/` other than the home, in order.
    pub standalone: Vec<usize>,
    /// The modules and the standalone pages together, in reading order: see
    /// [`Course::sort`].
    pub top: Vec<Top>,
    /// The files that are not pages, copied as they are.
    pub assets: Vec<Asset>,
    /// Source path → page index, for resolving links.
    pub by_source: HashMap<PathBuf, usize>,
    /// Sources of the drafts this build leaves out, so a link to one can say so.
    pub drafts: HashSet<PathBuf>,
    /// Sources of the pages that could not be read, whose errors are reported: a link to
    /// one is not reported as well.
    pub failed: HashSet<PathBuf>,
}

impl Course {
    /// Orders the modules, each module's items and the standalone pages by weight, then
    /// file name, and records each page's module: after loading, and after a weight changes.
    pub fn sort(&mut self) {
        let pages = &self.pages;
        let by_order = |&a: &usize, &b: &usize| order_key(&pages[a]).cmp(&order_key(&pages[b]));
        for module in &mut self.modules {
            module.items.sort_by(by_order);
        }
        self.modules.sort_by(|a, b| by_order(&a.index, &b.index));
        self.standalone.sort_by(by_order);
        for (m, module) in self.modules.iter().enumerate() {
            for &i in std::iter::once(&module.index).chain(&module.items) {
                self.pages[i].module = Some(m);
            }
        }
        // Modules and standalone pages share one order: a page with a weight goes where
        // its weight puts it among the modules (an introduction with `weight = -1` before
        // the first), and one without comes after the modules, as before weights applied.
        let modules = self
            .modules
            .iter()
            .enumerate()
            .map(|(m, module)| (Top::Module(m), module.index));
        let pages = self.standalone.iter().map(|&i| (Top::Page(i), i));
        let mut top: Vec<(Top, usize)> = modules.chain(pages).collect();
        top.sort_by(|a, b| order_key(&self.pages[a.1]).cmp(&order_key(&self.pages[b.1])));
        self.top = top.into_iter().map(|(t, _)| t).collect();
    }

    /// The pages in reading order: home, then each module (its introduction and items) and
    /// standalone page in the order of [`Course::top`].
    pub fn reading_order(&self) -> Vec<usize> {
        let mut order = vec![self.home];
        for &top in &self.top {
            match top {
                Top::Module(m) => {
                    order.push(self.modules[m].index);
                    order.extend(&self.modules[m].items);
                }
                Top::Page(i) => order.push(i),
            }
        }
        order
    }
}

/// A file found under `content/`, classified.
enum Entry {
    Page {
        path: PathBuf,
        kind: PageKind,
        module_dir: Option<PathBuf>,
    },
    Asset(PathBuf),
    Translation {
        of: PathBuf,
        lang: String,
        path: PathBuf,
    },
}

/// Reads `content/` under `root`. Drafts are left out unless `drafts` is set.
pub fn load(root: &Path, config: &Config, drafts: bool) -> Result<Course, Vec<Diagnostic>> {
    match load_all(root, config, drafts) {
        (course, errors) if errors.is_empty() => Ok(course),
        (_, errors) => Err(errors),
    }
}

/// Like [`load`], and the course as far as it could be read, without the pages that could
/// not: the pages that could are checked further, so that the mistakes of one file do not
/// hide those of another.
pub fn load_all(root: &Path, config: &Config, drafts: bool) -> (Course, Vec<Diagnostic>) {
    let mut course = Course {
        pages: Vec::new(),
        home: 0,
        modules: Vec::new(),
        standalone: Vec::new(),
        top: Vec::new(),
        assets: Vec::new(),
        by_source: HashMap::new(),
        drafts: HashSet::new(),
        failed: HashSet::new(),
    };
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        return (course, vec![Diagnostic::new(CONTENT_DIR, "the course has no content/ folder")
            .with_hint("create content/_index.md for the home page and a folder per module, or run `aula init`")]);
    }
    // Each entry at the top of content/ (a module's folder, mostly) is listed and read on
    // its own thread, so that reading starts while other folders are still being listed;
    // the results are joined in file-name order, as one walk would give them.
    let mut found: Vec<Found> = walk(&content, true)
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|top| match top {
            Ok(dir) if dir.file_type().is_dir() => {
                // Depths count from content/, one level up.
                gather(
                    root,
                    config,
                    walk(dir.path(), false).skip(1).map(|e| (e, 1)),
                )
            }
            top => gather(root, config, std::iter::once((top, 0))),
        })
        .collect();
    let mut errors: Vec<Diagnostic> = found
        .iter_mut()
        .flat_map(|(walk_errors, _)| std::mem::take(walk_errors))
        .collect();

    // The pages are moved once, from what each thread read: at 10k pages, joining them
    // into one list first touched 5 MB more.
    course.pages = Vec::with_capacity(found.iter().map(|(_, read)| read.len()).sum());
    let mut home = None;
    let mut modules: Vec<(PathBuf, Option<usize>, Vec<usize>)> = Vec::new();
    let mut module_of: HashMap<PathBuf, usize> = HashMap::new();
    let mut translations = Vec::new();
    // A draft module introduction hides its whole module, not just itself: its lessons
    // would otherwise be left without a module.
    let draft_modules: HashSet<PathBuf> = found
        .iter()
        .flat_map(|(_, read)| read)
        .filter_map(|(entry, (page, _))| match (entry, page) {
            (
                Entry::Page {
                    kind: PageKind::Module,
                    module_dir: Some(dir),
                    ..
                },
                Some(p),
            ) if p.meta.draft && !drafts => Some(dir.clone()),
            _ => None,
        })
        .collect();
    // Pages that failed to parse: their errors are reported, so their absence is not.
    let mut failed: HashSet<PathBuf> = HashSet::new();
    for (entry, (page, mut page_errors)) in found.into_iter().flat_map(|(_, read)| read) {
        errors.append(&mut page_errors);
        match entry {
            Entry::Asset(path) => course.assets.push(Asset {
                url: output_path(&path),
                source: path,
            }),
            Entry::Translation { of, lang, path } => translations.push((of, lang, path)),
            Entry::Page {
                path,
                kind,
                module_dir,
            } => {
                let Some(page) = page else {
                    failed.insert(path);
                    continue;
                };
                let is_draft = page.meta.draft
                    || module_dir
                        .as_ref()
                        .is_some_and(|d| draft_modules.contains(d));
                if is_draft && !drafts {
                    course.drafts.insert(page.source);
                    continue;
                }
                if page.meta.slug.is_some() && kind == PageKind::Home {
                    let at = page.text.find("\nslug").map_or(0, |at| at + 1);
                    errors.push(
                        page.error(at..at + 4, "the home page takes no `slug`")
                            .with_hint(
                                "remove it: the home page is always the output's index.html",
                            ),
                    );
                }
                if page.meta.part.is_some() && kind != PageKind::Module {
                    // Lines start with the key; the front matter is at the top of the file.
                    let at = page.text.find("\npart").map_or(0, |at| at + 1);
                    errors.push(
                        page.error(at..at + 4, "`part` only works in a module's _index.md")
                            .with_hint("move `part = \"…\"` to the _index.md of the first module of the part"),
                    );
                }
                let i = course.pages.len();
                course.pages.push(page);
                match (kind, module_dir) {
                    (PageKind::Home, _) => home = Some(i),
                    (PageKind::Page, _) => course.standalone.push(i),
                    (kind, Some(dir)) => {
                        let m = *module_of.entry(dir).or_insert_with_key(|dir| {
                            modules.push((dir.clone(), None, Vec::new()));
                            modules.len() - 1
                        });
                        if kind == PageKind::Module {
                            modules[m].1 = Some(i);
                        } else {
                            modules[m].2.push(i);
                        }
                    }
                    (_, None) => {}
                }
            }
        }
    }

    match home {
        Some(h) => course.home = h,
        None if failed.contains(&Path::new(CONTENT_DIR).join(INDEX)) => {}
        None => errors.push(
            Diagnostic::new(
                Path::new(CONTENT_DIR).join(INDEX),
                "the course has no home page",
            )
            .with_hint("create content/_index.md with a title and an introduction to the course"),
        ),
    }
    for (dir, index, items) in modules {
        let index = match index {
            Some(index) => index,
            // Its errors are reported: its lessons are left out with it.
            None if failed.contains(&dir.join(INDEX)) => continue,
            // A folder of lessons is a module: its page lists them, under a title made
            // from the folder's name, as a missing `_index.md` would give.
            None => {
                course.pages.push(untitled_module(&dir));
                course.pages.len() - 1
            }
        };
        course.modules.push(Module { index, items });
    }
    course.sort();
    follow_module_slugs(&mut course, true);

    for (i, page) in course.pages.iter().enumerate() {
        course.by_source.insert(page.source.clone(), i);
    }
    for (of, lang, path) in translations {
        if let Some(&i) = course.by_source.get(&of) {
            course.pages[i].translations.push((lang, path));
        } else if !root.join(&of).is_file() {
            // Not a translation after all (`02-closures.js.md`): say so rather than leave the
            // page out without a word.
            errors.push(
                Diagnostic::new(
                    &path,
                    format!(
                        "this looks like the `{lang}` translation of {}, which does not exist",
                        crate::paths::slashed(&of)
                    ),
                )
                .with_hint(format!(
                    "add {} in the course's language, or rename this file so that it does not end in `.{lang}.{}`",
                    crate::paths::slashed(&of),
                    of.extension().and_then(|e| e.to_str()).unwrap_or("md"),
                )),
            );
        }
    }
    check_unique_urls(&course, &mut errors);
    course.failed = failed;
    (course, errors)
}

/// Sorts by weight, then by file name. Quizzes without a weight come after the lessons,
/// and standalone pages without a weight after the modules. A numeric prefix counts as a
/// number, so `2-b.md` comes before `10-c.md`; names without one come after those with one.
pub(crate) fn order_key(page: &Page) -> (i64, u64, PathBuf) {
    let unweighted = if matches!(page.kind, PageKind::Quiz | PageKind::Page) {
        i64::MAX
    } else {
        0
    };
    let weight = page.meta.weight.unwrap_or(unweighted);
    let name = if page.kind == PageKind::Module {
        page.source
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    } else {
        page.source.clone()
    };
    let file = name.file_name().unwrap_or_default().to_string_lossy();
    let digits = file.len() - file.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let number = file[..digits].parse().unwrap_or(u64::MAX);
    (weight, number, name)
}

/// The folder of the theme's files, which no page or file of the course may go into.
const ASSETS: &str = "assets/";

/// Reports pages that would be written to the same file or share a progress key, and files
/// that would take the place of a page or of aula's own.
pub(crate) fn check_unique_urls(course: &Course, errors: &mut Vec<Diagnostic>) {
    // Two pages clash when they would be written to the same file: `a/index.md` takes the
    // place of module `a`'s introduction, and `content/index.md` that of the home. A page
    // and a module of the same name do not, but they would share a progress key and an
    // anchor on the print page.
    let mut seen: HashMap<String, &Page> = HashMap::new();
    let mut keys: HashMap<String, &Page> = HashMap::new();
    for page in &course.pages {
        match keys.insert(page.key(), page) {
            // The same URL is reported below.
            Some(other) if other.url != page.url => errors.push(
                Diagnostic::new(
                    &page.source,
                    format!(
                        "this page has the same name `{}` as {}",
                        page.key().trim_end_matches('/'),
                        other.source.display()
                    ),
                )
                .with_hint("rename one of them: a page and a module cannot share a name, and a numeric prefix like `01-` is dropped from it"),
            ),
            _ => {}
        }
        let path = page.path();
        if SPECIAL.contains(&path.as_str()) || page.url.starts_with(ASSETS) {
            errors.push(
                Diagnostic::new(&page.source, format!("the URL `{}` is reserved for aula's own files", page.url))
                    .with_hint("rename the file or folder: `print.html` is the whole-course page, `404.html` the page for a missing address, `results.html` and `certificate.html` the learner's record, and `assets/` holds the theme's files"),
            );
        }
        if let Some(other) = seen.insert(path.clone(), page) {
            // `match.quiz.toml` beside `match.md`: the quiz's name is the one to change.
            let quiz = [page, other].into_iter().find(|p| {
                p.kind == PageKind::Quiz && [page, other].iter().any(|o| o.kind != PageKind::Quiz)
            });
            let hint = match quiz {
                Some(quiz) => format!(
                    "rename the quiz file, for example to {}: a quiz and a lesson of the same name get the same URL",
                    renamed_quiz(&quiz.source)
                ),
                None => "rename one of the files: a numeric prefix like `01-` is dropped from the URL".to_string(),
            };
            errors.push(
                Diagnostic::new(
                    &page.source,
                    format!(
                        "this page has the same URL `{path}` as {}",
                        other.source.display()
                    ),
                )
                .with_hint(hint),
            );
        }
    }
    // A file under content/ lands in the output as it is: it must not take the place of a
    // page or of a file aula writes itself.
    for asset in &course.assets {
        let url = asset.url.as_str();
        let clash = if let Some(page) = seen.get(url) {
            Some(format!(
                "it would replace the page of {}",
                page.source.display()
            ))
        } else if url.starts_with(ASSETS) || SPECIAL.contains(&url) {
            Some(format!("`{url}` is reserved for aula's own files"))
        } else {
            None
        };
        if let Some(why) = clash {
            errors.push(
                Diagnostic::new(&asset.source, format!("this file cannot be copied: {why}"))
                    .with_hint("rename the file or move it into another folder"),
            );
        }
    }
}

/// A name for the quiz at `source` that no lesson has: `match.quiz.toml` →
/// `match-quiz.quiz.toml`.
fn renamed_quiz(source: &Path) -> String {
    let name = source.file_name().unwrap_or_default().to_string_lossy();
    let stem = name
        .strip_suffix(".quiz.toml")
        .or_else(|| name.strip_suffix(".toml"))
        .unwrap_or(&name);
    format!("`{stem}-quiz.quiz.toml`")
}

/// Files aula writes at the root of the output besides the pages.
const SPECIAL: [&str; 5] = [
    "404.html",
    "sitemap.xml",
    "print.html",
    "results.html",
    "certificate.html",
];

/// What one part of `content/` holds: the errors of listing it, and its files, each page
/// read and parsed as far as it could be, with its errors.
type Found = (
    Vec<Diagnostic>,
    Vec<(Entry, (Option<Page>, Vec<Diagnostic>))>,
);

/// `dir` and everything under it, or with `top_only` just what is in it, in file-name
/// order, hidden files and folders left out.
fn walk(dir: &Path, top_only: bool) -> impl Iterator<Item = walkdir::Result<walkdir::DirEntry>> {
    let walker = WalkDir::new(dir).sort_by_file_name();
    let walker = if top_only {
        walker.min_depth(1).max_depth(1)
    } else {
        walker
    };
    walker
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
}

/// Classifies the files of `entries` (each with how far below `content/` its walk
/// started) and reads their pages, in parallel.
fn gather(
    root: &Path,
    config: &Config,
    entries: impl Iterator<Item = (walkdir::Result<walkdir::DirEntry>, usize)>,
) -> Found {
    let mut errors = Vec::new();
    let mut files = Vec::new();
    for (entry, depth) in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| root.join(CONTENT_DIR));
                errors.push(Diagnostic::new(
                    relative(root, &path),
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = relative(root, entry.path());
        match classify(&rel, entry.depth() + depth, &config.language) {
            Ok(e) => files.push(e),
            Err(d) => errors.push(d),
        }
    }
    let read = files
        .into_par_iter()
        .map(|e| {
            let page = match &e {
                Entry::Page { path, kind, .. } => read_page_lenient(root, path, *kind, config),
                _ => (None, Vec::new()),
            };
            (e, page)
        })
        .collect();
    (errors, read)
}

fn classify(rel: &Path, depth: usize, language: &str) -> Result<Entry, Diagnostic> {
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parent = rel.parent().map(Path::to_path_buf).unwrap_or_default();
    let module_dir = (depth == 2).then(|| parent.clone());
    if let Some(stem) = name.strip_suffix(".md") {
        if let Some((base, lang)) = stem.rsplit_once('.') {
            if is_language_code(lang) && lang != language {
                return Ok(Entry::Translation {
                    of: parent.join(format!("{base}.md")),
                    lang: lang.to_string(),
                    path: rel.to_path_buf(),
                });
            }
        }
        let kind = match (depth, name == INDEX) {
            (1, true) => PageKind::Home,
            (1, false) => PageKind::Page,
            (2, true) => PageKind::Module,
            (2, false) => PageKind::Lesson,
            _ => {
                return Err(Diagnostic::new(rel, "a page is nested too deep").with_hint(
                    "put lessons directly in their module folder: content/MODULE/LESSON.md",
                ));
            }
        };
        return Ok(Entry::Page {
            path: rel.to_path_buf(),
            kind,
            module_dir,
        });
    }
    if let Some((of, lang)) = quiz_translation(&name).filter(|(_, lang)| lang != language) {
        return Ok(Entry::Translation {
            of: parent.join(of),
            lang,
            path: rel.to_path_buf(),
        });
    }
    if name.ends_with(".toml") {
        let is_quiz = name == "quiz.toml" || name.ends_with(".quiz.toml");
        return match (is_quiz, depth) {
            (true, 2) => Ok(Entry::Page {
                path: rel.to_path_buf(),
                kind: PageKind::Quiz,
                module_dir,
            }),
            (true, _) => Err(Diagnostic::new(rel, "a quiz must sit in a module folder")
                .with_hint("move it to content/MODULE/quiz.toml")),
            // A `Cargo.toml` beside a lesson is part of its example: copied, as any file.
            (false, _) => Ok(Entry::Asset(rel.to_path_buf())),
        };
    }
    Ok(Entry::Asset(rel.to_path_buf()))
}

/// `quiz.en.toml` → (`quiz.toml`, `en`), `final.quiz.en.toml` → (`final.quiz.toml`, `en`):
/// the quiz a file translates, and into which language.
fn quiz_translation(name: &str) -> Option<(String, String)> {
    let stem = name.strip_suffix(".toml")?;
    let (quiz, lang) = stem.rsplit_once('.')?;
    (is_language_code(lang) && (quiz == "quiz" || quiz.ends_with(".quiz")))
        .then(|| (format!("{quiz}.toml"), lang.to_string()))
}

/// Reads and parses one page, `rel` under `root`.
pub(crate) fn read_page(
    root: &Path,
    rel: &Path,
    kind: PageKind,
    config: &Config,
) -> Result<Page, Vec<Diagnostic>> {
    match read_page_lenient(root, rel, kind, config) {
        (Some(page), errors) if errors.is_empty() => Ok(page),
        (_, errors) => Err(errors),
    }
}

/// Like [`read_page`], and the page as far as it could be read when its mistakes still let
/// it be (an unknown key, a missing prompt).
pub(crate) fn read_page_lenient(
    root: &Path,
    rel: &Path,
    kind: PageKind,
    config: &Config,
) -> (Option<Page>, Vec<Diagnostic>) {
    let text = match source_file::read(root, rel, config.limits.max_file_size) {
        Ok(text) => text,
        Err(d) => return (None, vec![d]),
    };
    let url = page_url(rel, kind);
    if kind == PageKind::Quiz {
        let (quiz, errors) = quiz::parse_lenient(rel, &text, *config.quiz.pass.get_ref());
        let page = quiz.map(|quiz| {
            let title = crate::title::render(&quiz.title);
            Page {
                kind,
                source: rel.to_path_buf(),
                url,
                title: title.text,
                title_html: title.html,
                meta: FrontMatter {
                    weight: quiz.weight,
                    draft: quiz.draft,
                    ..FrontMatter::default()
                },
                body: 0..0,
                words: 0,
                text,
                quiz: Some(quiz),
                module: None,
                translations: Vec::new(),
                default_url: None,
                lines: OnceLock::new(),
            }
        });
        return (page, errors);
    }
    let (parsed, errors) = front_matter::parse_lenient(rel, &text);
    let page = parsed.map(|parsed| {
        let title = crate::title::render(&parsed.title);
        let url = match &parsed.meta.slug {
            Some(slug) => with_slug(&url, kind, slug.get_ref()),
            None => url,
        };
        Page {
            kind,
            source: rel.to_path_buf(),
            url,
            title: title.text,
            title_html: title.html,
            meta: parsed.meta,
            words: crate::words::count(&text[parsed.body.clone()]),
            body: parsed.body,
            text,
            quiz: None,
            module: None,
            translations: Vec::new(),
            default_url: None,
            lines: OnceLock::new(),
        }
    });
    (page, errors)
}

/// The introduction page of a module folder without `_index.md`: no text, and the folder's
/// name as its title.
fn untitled_module(dir: &Path) -> Page {
    let source = dir.join(INDEX);
    let title = title_of(&dir.file_name().unwrap_or_default().to_string_lossy());
    Page {
        kind: PageKind::Module,
        url: page_url(&source, PageKind::Module),
        source,
        title_html: crate::templates::escape::escape_html(&title),
        title,
        meta: FrontMatter::default(),
        text: String::new(),
        body: 0..0,
        words: 0,
        quiz: None,
        module: None,
        translations: Vec::new(),
        default_url: None,
        lines: OnceLock::new(),
    }
}

/// A folder's name as a title: the numeric prefix dropped, `-` and `_` as spaces, the first
/// letter capitalised (`03-customer_care` → "Customer care").
pub(crate) fn title_of(name: &str) -> String {
    let trimmed = name.trim_start_matches(|c: char| c.is_ascii_digit());
    let trimmed = if trimmed.len() < name.len() {
        trimmed.trim_start_matches(['-', '_', '.', ' '])
    } else {
        name
    };
    let words = if trimmed.is_empty() { name } else { trimmed };
    let words: Vec<&str> = words
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .collect();
    let words = words.join(" ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name.to_string(),
    }
}

/// The slug of a file or folder name: the numeric ordering prefix dropped, then slugified.
pub fn slug_of(name: &str) -> String {
    let trimmed = name.trim_start_matches(|c: char| c.is_ascii_digit());
    let trimmed = if trimmed.len() < name.len() {
        trimmed.trim_start_matches(['-', '_', '.', ' '])
    } else {
        name
    };
    let slug = slug::slugify(trimmed);
    if slug.is_empty() {
        slug::slugify(name)
    } else {
        slug
    }
}

fn page_url(rel: &Path, kind: PageKind) -> String {
    let components: Vec<String> = rel
        .iter()
        .skip(1)
        .map(|c| c.to_string_lossy().into_owned())
        .collect();
    let module = || slug_of(&components[0]);
    let file = components.last().cloned().unwrap_or_default();
    let stem = file
        .strip_suffix(".quiz.toml")
        .or_else(|| file.strip_suffix(".toml"))
        .or_else(|| file.strip_suffix(".md"))
        .unwrap_or(&file);
    match kind {
        PageKind::Home => String::new(),
        PageKind::Module => format!("{}/", module()),
        PageKind::Page => format!("{}.html", slug_of(stem)),
        PageKind::Lesson | PageKind::Quiz => format!("{}/{}.html", module(), slug_of(stem)),
    }
}

/// `url`, a page's URL made from its file's name, with `slug` as the name instead. A
/// module's `slug` names its folder; its pages follow it in [`follow_module_slugs`].
pub(crate) fn with_slug(url: &str, kind: PageKind, slug: &str) -> String {
    match kind {
        PageKind::Home => url.to_string(),
        PageKind::Module => format!("{slug}/"),
        PageKind::Page => format!("{slug}.html"),
        PageKind::Lesson | PageKind::Quiz => match url.split_once('/') {
            Some((module, _)) => format!("{module}/{slug}.html"),
            None => format!("{slug}.html"),
        },
    }
}

/// Moves the pages of every module whose `_index.md` sets a `slug` into the folder it
/// names, and with `assets` its files too.
pub(crate) fn follow_module_slugs(course: &mut Course, assets: bool) {
    for m in 0..course.modules.len() {
        let index = &course.pages[course.modules[m].index];
        if index.meta.slug.is_none() {
            continue;
        }
        let folder = index.url.clone();
        let dir = index
            .source
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        for i in course.modules[m].items.clone() {
            let page = &mut course.pages[i];
            if let Some((_, rest)) = page.url.split_once('/') {
                page.url = format!("{folder}{rest}");
            }
        }
        if assets {
            for asset in &mut course.assets {
                if let Ok(rest) = asset.source.strip_prefix(&dir) {
                    asset.url = format!("{folder}{}", crate::paths::slashed(rest));
                }
            }
        }
    }
}

/// Where an asset lands in the output: its module folder takes the module's slug.
fn output_path(rel: &Path) -> String {
    let parts: Vec<String> = rel
        .iter()
        .skip(1)
        .map(|c| c.to_string_lossy().into_owned())
        .collect();
    match parts.as_slice() {
        [file] => file.clone(),
        [dir, rest @ ..] => format!("{}/{}", slug_of(dir), rest.join("/")),
        [] => String::new(),
    }
}

/// `path` relative to `root`, as authors see it in messages.
fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_drop_numeric_prefixes_and_accents() {
        assert_eq!(slug_of("01-características"), "caracteristicas");
        assert_eq!(slug_of("2_Momentos de verdad"), "momentos-de-verdad");
        assert_eq!(slug_of("404"), "404");
        assert_eq!(slug_of("intro"), "intro");
    }

    #[test]
    fn a_folder_name_becomes_a_title() {
        assert_eq!(title_of("03-customer_care"), "Customer care");
        assert_eq!(title_of("2_momentos de verdad"), "Momentos de verdad");
        assert_eq!(title_of("ética"), "Ética");
        assert_eq!(title_of("42"), "42");
    }

    #[test]
    fn urls_follow_the_tree() {
        let url = |p: &str, k| page_url(Path::new(p), k);
        assert_eq!(url("content/_index.md", PageKind::Home), "");
        assert_eq!(url("content/01-a/_index.md", PageKind::Module), "a/");
        assert_eq!(url("content/01-a/02-b.md", PageKind::Lesson), "a/b.html");
        assert_eq!(url("content/01-a/quiz.toml", PageKind::Quiz), "a/quiz.html");
        assert_eq!(
            url("content/01-a/final.quiz.toml", PageKind::Quiz),
            "a/final.html"
        );
        assert_eq!(url("content/glosario.md", PageKind::Page), "glosario.html");
        assert_eq!(
            output_path(Path::new("content/01-a/img/x.png")),
            "a/img/x.png"
        );
    }

    #[test]
    fn a_pages_file_and_progress_key_come_from_its_url() {
        let page = |url: &str| Page {
            kind: PageKind::Lesson,
            source: PathBuf::new(),
            url: url.into(),
            title: String::new(),
            title_html: String::new(),
            meta: FrontMatter::default(),
            text: String::new(),
            body: 0..0,
            words: 0,
            quiz: None,
            module: None,
            translations: Vec::new(),
            default_url: None,
            lines: OnceLock::new(),
        };
        for (url, path, key) in [
            ("", "index.html", ""),
            ("a/", "a/index.html", "a/"),
            ("a/b.html", "a/b.html", "a/b/"),
            ("glosario.html", "glosario.html", "glosario/"),
        ] {
            assert_eq!(page(url).path(), path);
            assert_eq!(page(url).key(), key, "the folder URL of earlier versions");
        }
    }
}
