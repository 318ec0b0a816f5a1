//! A course in several languages. The default language (`language` in site.toml) is built
//! at the output's root, and each of `[languages]` under a folder named by its code
//! (`en/`), as one more run of the same pipeline over the same course with each page's
//! translation (`lesson.en.md`, `_index.en.md`, `quiz.en.toml`) in its place.
//!
//! A page without a translation is built from the default language's, with a notice, so
//! that every edition has every page and its navigation never breaks. Every page keeps its
//! index in every edition and its progress key (its URL in the default language), and a
//! translated quiz is scored with its original's hash, so a learner's progress and
//! results are the same in every language.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::{theme_and_templates, Loaded};
use crate::content::{self, Course, Page, PageKind};
use crate::diagnostic::Diagnostic;

/// Which edition of the course a [`Loaded`] is.
#[derive(Debug, Clone, Default)]
pub(crate) struct Edition {
    /// Its language's code.
    pub(crate) language: String,
    /// Where it is from the output's root: empty for the default language, `en/`.
    pub(crate) folder: String,
    /// By page index: whether the page is shown in the default language, for want of a
    /// translation.
    pub(crate) untranslated: Vec<bool>,
    /// Every edition of the course, this one included, in site.toml's order (the default
    /// language first): for the language switcher.
    pub(crate) all: Arc<Vec<Alternate>>,
}

/// One edition, as the others link to it.
#[derive(Debug, Clone)]
pub(crate) struct Alternate {
    /// Its language's code.
    pub(crate) language: String,
    /// The language's name for itself ("English"), from its UI strings.
    pub(crate) name: String,
    /// Where it is from the output's root.
    pub(crate) folder: String,
    /// Each page's file from the edition's folder, by page index.
    pub(crate) paths: Vec<String>,
    /// Its absolute address, when site.toml's `base_url` is one.
    pub(crate) base_url: Option<String>,
}

/// A link to a page in one of the course's languages, for the language switcher and the
/// head's alternates.
#[derive(Debug, Serialize)]
pub(crate) struct LanguageLink<'a> {
    /// The language's code, for `hreflang` and `lang`.
    code: &'a str,
    /// The language's name for itself.
    name: &'a str,
    /// The page in that language, relative to this one.
    href: String,
    /// The same, absolute, when the course's address is known.
    absolute: Option<String>,
    /// Whether it is this page's own language.
    current: bool,
}

impl Edition {
    /// `../` as many times as the edition's folder is deep: from the edition's root to the
    /// output's, where the files every edition shares are (the theme's, the course's
    /// images).
    pub(crate) fn up(&self) -> String {
        "../".repeat(self.folder.matches('/').count())
    }

    /// Whether this is the default language's edition, at the output's root.
    pub(crate) fn is_default(&self) -> bool {
        self.folder.is_empty()
    }

    /// A link to the same page in each language, from a page `depth` folders into this
    /// edition: `path` gives the page's file in an edition. None in a course of one
    /// language.
    pub(crate) fn links(
        &self,
        depth: usize,
        path: impl Fn(&Alternate) -> Option<&str>,
    ) -> Vec<LanguageLink<'_>> {
        if self.all.len() < 2 {
            return Vec::new();
        }
        let up = format!("{}{}", "../".repeat(depth), self.up());
        self.all
            .iter()
            .filter_map(|a| {
                let path = path(a)?;
                Some(LanguageLink {
                    code: &a.language,
                    name: &a.name,
                    href: format!("{up}{}{path}", a.folder),
                    absolute: a.base_url.as_ref().map(|b| format!("{b}{path}")),
                    current: a.language == self.language,
                })
            })
            .collect()
    }

    /// [`Edition::links`] for the page at `index`.
    pub(crate) fn page_links(&self, index: usize, depth: usize) -> Vec<LanguageLink<'_>> {
        self.links(depth, |a| a.paths.get(index).map(String::as_str))
    }
}

/// The edition of `default` in `language`, one of its `[languages]`: `None` when it cannot
/// be rendered (its theme lacks the language), with every problem found.
pub(crate) fn translate(default: &Loaded, language: &str) -> (Option<Loaded>, Vec<Diagnostic>) {
    let config = default.config.for_language(language);
    let root = &default.options.root;
    let (course, untranslated, mut errors) = translated_course(root, &default.course, &config);
    let loaded = match theme_and_templates(root, &config, default.options.live_reload) {
        Ok(theme) => theme,
        Err(theme_errors) => {
            errors.extend(theme_errors);
            return (None, errors);
        }
    };
    let edition = Edition {
        language: language.to_string(),
        folder: config.folder.clone(),
        untranslated,
        all: Arc::default(),
    };
    let loaded = Loaded::new(default.options.clone(), config, course, loaded, edition);
    (Some(loaded), errors)
}

/// The course with each page's translation into `config.language` in its place, and by
/// page index whether it had none.
pub(crate) fn translated_course(
    root: &Path,
    default: &Course,
    config: &crate::config::Config,
) -> (Course, Vec<bool>, Vec<Diagnostic>) {
    let language = config.language.as_str();
    let read: Vec<(Option<Page>, Vec<Diagnostic>)> = default
        .pages
        .par_iter()
        .map(|page| {
            let Some((_, path)) = page.translations.iter().find(|(l, _)| l == language) else {
                return (None, Vec::new());
            };
            let (translation, mut errors) =
                content::read_page_lenient(root, path, page.kind, config);
            let translation = translation.map(|t| {
                if let (Some(original), Some(quiz)) = (&page.quiz, &t.quiz) {
                    errors.extend(crate::quiz::translation::differences(
                        original, page, quiz, &t,
                    ));
                }
                in_place_of(page, t)
            });
            (translation, errors)
        })
        .collect();
    let mut course = default.clone();
    let mut untranslated = vec![false; course.pages.len()];
    let mut errors = Vec::new();
    for (i, (translation, page_errors)) in read.into_iter().enumerate() {
        errors.extend(page_errors);
        match translation {
            Some(page) => course.pages[i] = page,
            // A folder without `_index.md` has no text to translate.
            None if is_untitled_module(&course.pages[i]) => {}
            None => {
                untranslated[i] = !course.pages[i]
                    .translations
                    .iter()
                    .any(|(l, _)| l == language);
                course.pages[i].default_url = Some(course.pages[i].url.clone());
            }
        }
    }
    content::follow_module_slugs(&mut course, false);
    content::check_unique_urls(&course, &mut errors);
    (course, untranslated, errors)
}

/// `translation` read from its file, as the page `original` is in the course: in its
/// module, at its URL unless it sets a `slug`, with the original's progress key, and a
/// quiz with the original's scoring hash, which keys learners' results.
fn in_place_of(original: &Page, mut translation: Page) -> Page {
    translation.url = match &translation.meta.slug {
        Some(slug) => content::with_slug(&original.url, original.kind, slug.get_ref()),
        None => original.url.clone(),
    };
    translation.default_url = Some(original.url.clone());
    translation.module = original.module;
    translation.translations = original.translations.clone();
    translation.meta.weight = original.meta.weight;
    translation.meta.draft = original.meta.draft;
    if let (Some(quiz), Some(original)) = (&mut translation.quiz, &original.quiz) {
        quiz.hash = original.hash.clone();
    }
    translation
}

fn is_untitled_module(page: &Page) -> bool {
    page.kind == PageKind::Module && page.text.is_empty()
}

/// The warnings of an edition: one per page it shows in the default language, up to a
/// handful, then how many more.
pub(crate) fn untranslated_warnings(edition: &Loaded) -> Vec<Diagnostic> {
    const LISTED: usize = 10;
    let language = &edition.edition.language;
    let pages: Vec<&Page> = edition
        .order
        .iter()
        .filter(|&&i| edition.edition.untranslated.get(i) == Some(&true))
        .map(|&i| &edition.course.pages[i])
        .collect();
    let mut warnings: Vec<Diagnostic> = pages
        .iter()
        .take(LISTED)
        .map(|page| {
            Diagnostic::new(&page.source, format!("this page has no `{language}` translation"))
                .with_hint(format!(
                    "the `{language}` edition shows it in the default language, with a notice; translate it as {}",
                    crate::paths::slashed(&translation_file(&page.source, language))
                ))
                .warning()
        })
        .collect();
    if pages.len() > LISTED {
        warnings.push(
            Diagnostic::new(
                crate::config::FILE_NAME,
                format!(
                    "{} more pages have no `{language}` translation",
                    pages.len() - LISTED
                ),
            )
            .warning(),
        );
    }
    warnings
}

/// Where the translation of `source` into `language` would be: `lesson.en.md`,
/// `quiz.en.toml`.
pub(crate) fn translation_file(source: &Path, language: &str) -> std::path::PathBuf {
    let name = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let renamed = match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{language}.{ext}"),
        None => format!("{name}.{language}"),
    };
    source.with_file_name(renamed)
}

/// Fills in every edition's list of all editions, once they are all made.
pub(crate) fn link(default: &mut Loaded) {
    let alternate = |e: &Loaded| Alternate {
        language: e.edition.language.clone(),
        name: e.string("language_name").to_string(),
        folder: e.edition.folder.clone(),
        paths: e.course.pages.iter().map(Page::path).collect(),
        base_url: e.config.base_url(),
    };
    let all: Vec<Alternate> = std::iter::once(&*default)
        .chain(&default.translations)
        .map(alternate)
        .collect();
    let all = Arc::new(all);
    default.edition.all = all.clone();
    for t in &mut default.translations {
        t.edition.all = all.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_translation_sits_beside_its_page_with_the_language_before_the_extension() {
        let t = |p: &str| crate::paths::slashed(&translation_file(Path::new(p), "en"));
        assert_eq!(t("content/01-a/02-b.md"), "content/01-a/02-b.en.md");
        assert_eq!(t("content/01-a/quiz.toml"), "content/01-a/quiz.en.toml");
        assert_eq!(
            t("content/01-a/final.quiz.toml"),
            "content/01-a/final.quiz.en.toml"
        );
    }
}
