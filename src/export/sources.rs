//! The quizzes to export, read as `aula check` reads them: one file, or every quiz of the
//! course, each with the Moodle category its questions go into (the course, then the
//! module).

use std::path::{Path, PathBuf};

use crate::config::{self, Config, Limits, QuizDefaults};
use crate::content::{self, PageKind};
use crate::diagnostic::Diagnostic;
use crate::quiz::Quiz;

/// A category of Moodle's question bank, under the course's default category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Category {
    /// Its names from the top: the course's title, then the module's.
    pub names: Vec<String>,
}

impl Category {
    /// The path Moodle reads, `$course$/top/Course/Module`; a `/` in a name is written `//`,
    /// as Moodle escapes it.
    pub(crate) fn path(&self) -> String {
        let mut path = "$course$/top".to_string();
        for name in &self.names {
            path.push('/');
            path.push_str(&name.replace('/', "//"));
        }
        path
    }
}

/// One quiz file, read and checked.
#[derive(Debug)]
pub(crate) struct Source {
    /// The file as diagnostics name it.
    pub file: PathBuf,
    /// Its text, for the diagnostics' lines.
    pub text: String,
    pub quiz: Quiz,
    pub category: Category,
}

/// The quiz at `file`, in the course at `root` if there is one there (its site.toml gives
/// the pass mark, the size limit and the course's title).
pub(crate) fn one(root: &Path, file: &Path) -> Result<Source, Vec<Diagnostic>> {
    // A lesson read as TOML would only give TOML's errors.
    if file.extension().is_none_or(|e| e != "toml") {
        return Err(vec![Diagnostic::new(file, "this is not a quiz file")
            .with_hint("give a quiz: a module's quiz.toml or NAME.quiz.toml")]);
    }
    let config = if root.join(config::FILE_NAME).is_file() {
        Some(Config::load(root)?)
    } else {
        None
    };
    let (pass, limit) = match &config {
        Some(c) => (*c.quiz.pass.get_ref(), c.limits.max_file_size),
        None => (
            *QuizDefaults::default().pass.get_ref(),
            Limits::default().max_file_size,
        ),
    };
    let text = crate::source_file::read(Path::new(""), file, limit).map_err(|d| vec![d])?;
    let quiz = crate::quiz::parse(file, &text, pass)?;
    // In a course, the category --all gives it; outside one, the quiz's own.
    let names = match &config {
        Some(c) => std::iter::once(c.title.clone())
            .chain(file.parent().map(module_title))
            .filter(|n| !n.trim().is_empty())
            .collect(),
        None => vec![quiz.title.clone()],
    };
    Ok(Source {
        file: file.to_path_buf(),
        text,
        quiz,
        category: Category { names },
    })
}

/// The title of the module in `dir`: its `_index.md`'s, or its folder's name made a title,
/// as the course shows it.
fn module_title(dir: &Path) -> String {
    let index = dir.join("_index.md");
    let title = std::fs::read_to_string(&index)
        .ok()
        .and_then(|text| crate::front_matter::parse_lenient(&index, &text).0)
        // Plain text, as content gives `--all` its titles: one module, one category.
        .map(|parsed| crate::title::render(&parsed.title).text)
        .filter(|t| !t.trim().is_empty());
    title.unwrap_or_else(|| {
        let name = dir.file_name().unwrap_or_default().to_string_lossy();
        content::title_of(&name)
    })
}

/// Every quiz of the course at `root`, module by module in the course's order, and the
/// course's title. The course must load without errors, as for `aula check`'s first stage.
/// `language`, one of the course's other languages, gives that edition's quizzes: their
/// translations, and the default language's quiz where one has none, with a warning.
pub(crate) fn all(
    root: &Path,
    drafts: bool,
    language: Option<&str>,
) -> Result<(Vec<Source>, String, Vec<Diagnostic>), Vec<Diagnostic>> {
    let config = Config::load(root)?;
    let course = content::load(root, &config, drafts)?;
    let Some(language) = language.filter(|l| *l != config.language) else {
        let (sources, title) = quizzes(&course, &config)?;
        return Ok((sources, title, Vec::new()));
    };
    if !config.languages.contains_key(language) {
        let known: Vec<String> = std::iter::once(&config.language)
            .chain(config.languages.keys())
            .map(|l| format!("`{l}`"))
            .collect();
        return Err(vec![Diagnostic::new(
            config::FILE_NAME,
            format!("the course has no language `{language}`"),
        )
        .with_hint(format!(
            "give one of {}, or add `[languages.{language}]` to site.toml",
            known.join(", ")
        ))]);
    }
    // The edition as a build makes it: each page's translation in its place.
    let config = config.for_language(language);
    let (edition, untranslated, errors) =
        crate::pipeline::editions::translated_course(root, &course, &config);
    if !errors.is_empty() {
        return Err(errors);
    }
    let (sources, title) = quizzes(&edition, &config)?;
    // A quiz without a translation is the default language's, as the edition shows it.
    let warnings = edition
        .pages
        .iter()
        .zip(&untranslated)
        .filter(|(p, &missing)| missing && p.kind == PageKind::Quiz)
        .map(|(p, _)| {
            Diagnostic::new(
                &p.source,
                format!(
                    "this quiz has no `{language}` translation: its questions are exported in `{}`",
                    config.default_language
                ),
            )
            .warning()
            .with_hint(format!(
                "translate it as {}",
                crate::paths::slashed(&crate::pipeline::editions::translation_file(
                    &p.source, language
                ))
            ))
        })
        .collect();
    Ok((sources, title, warnings))
}

/// The quizzes of `course`, module by module, and its title.
fn quizzes(
    course: &content::Course,
    config: &Config,
) -> Result<(Vec<Source>, String), Vec<Diagnostic>> {
    let mut sources = Vec::new();
    for module in &course.modules {
        let module_title = &course.pages[module.index].title;
        for &i in &module.items {
            let page = &course.pages[i];
            let (PageKind::Quiz, Some(quiz)) = (page.kind, &page.quiz) else {
                continue;
            };
            sources.push(Source {
                file: page.source.clone(),
                text: page.text.clone(),
                quiz: quiz.clone(),
                category: Category {
                    names: vec![config.title.clone(), module_title.clone()],
                },
            });
        }
    }
    if sources.is_empty() {
        return Err(vec![Diagnostic::new(
            content::CONTENT_DIR,
            "the course has no quizzes to export",
        )
        .with_hint("a quiz is a module's quiz.toml or NAME.quiz.toml")]);
    }
    Ok((sources, config.title.clone()))
}
