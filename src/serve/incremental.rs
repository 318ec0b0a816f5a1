//! What `aula serve` keeps between rebuilds, to redo only what a change touches: the loaded
//! course, every page's rendered Markdown, and what it last wrote. Anything that changes the
//! course's structure, or that finds a problem, goes through the whole pipeline instead, so
//! that serve reports exactly what `aula check` reports.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hasher};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::content;
use crate::diagnostic::{dedup, Diagnostic};
use crate::nav;
use crate::outputs::{self, Folder, Pages, Print, Record, Search, Special};
use crate::pipeline::{self, Files, Loaded, Output, PageMarkdown, PageRender};
use crate::templates::Templates;
use crate::theme::Theme;

/// The served course.
pub(crate) struct Served {
    pub(crate) site: Loaded,
    /// Per page, its Markdown rendered, HTML and all: a new navigation or template renders
    /// the pages again without parsing them.
    markdown: Vec<PageMarkdown>,
    /// The served folder.
    files: Unchanged,
}

/// What re-reading one source file changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PageChange {
    /// The file's text is the same.
    Nothing,
    /// Only this page needs rendering again.
    Body,
    /// Something every page shows changed (a title, an order, a duration): render them all.
    Nav,
    /// The course's structure changed (a draft flag), or the file cannot be read as it is:
    /// run the whole pipeline.
    Structure,
}

impl Served {
    /// Loads the course and writes it all into a new folder, through the same pipeline and
    /// outputs as `aula build`. Returns the course with the folder's files, or every problem
    /// found, which are then exactly those `aula check` finds.
    pub(crate) fn build(
        options: &pipeline::Options,
        dir: &Path,
    ) -> Result<Served, Vec<Diagnostic>> {
        let (site, mut errors) = pipeline::load(options.clone());
        let Some(site) = site else {
            return Err(errors);
        };
        let files = Unchanged::new(dir);
        let ran = if errors.is_empty() {
            pipeline::run_all(&site, &outputs::all, &files, true)
        } else {
            pipeline::run_all(&site, &outputs::all, &outputs::Discard, true)
        };
        errors.extend(ran.errors);
        if errors.is_empty() {
            Ok(Served {
                site,
                markdown: ran.markdown,
                files,
            })
        } else {
            Err(errors)
        }
    }

    /// The same course, its files now served from `dir`, where the folder it was built in
    /// was moved.
    pub(crate) fn moved_to(self, dir: &Path) -> Served {
        Served {
            files: Unchanged {
                folder: Folder(dir.to_path_buf()),
                written: self.files.written,
            },
            ..self
        }
    }

    /// The page whose source is `rel` (relative to the course root), if any.
    pub(crate) fn page_of(&self, rel: &Path) -> Option<usize> {
        self.site.course.by_source.get(rel).copied()
    }

    /// Re-reads page `index` from disk and renders its Markdown again.
    pub(crate) fn reload_page(&mut self, index: usize) -> PageChange {
        let site = &mut self.site;
        let old = &site.course.pages[index];
        let page = match content::read_page(&site.options.root, &old.source, old.kind, &site.config)
        {
            Ok(p) => p,
            // A page that cannot be read is left out of the course: the pipeline says why.
            Err(_) => return PageChange::Structure,
        };
        if page.text == old.text {
            return PageChange::Nothing;
        }
        // Another language's edition may show this page, or link to it by title: the
        // whole pipeline renders them all again.
        if !site.translations.is_empty() {
            return PageChange::Structure;
        }
        if page.meta.draft != old.meta.draft {
            return PageChange::Structure;
        }
        let nav_changed = page.title_html != old.title_html
            || page.meta.weight != old.meta.weight
            || page.meta.duration != old.meta.duration
            || page.meta.description != old.meta.description
            || page.meta.part != old.meta.part
            || page.quiz.as_ref().map(|q| &q.hash) != old.quiz.as_ref().map(|q| &q.hash);
        // Reading times of lessons without a duration show in the navigation too.
        let words_changed = page.words != old.words;
        let old = &mut site.course.pages[index];
        let (module, translations) = (old.module, std::mem::take(&mut old.translations));
        *old = content::Page {
            module,
            translations,
            ..page
        };
        let markdown = pipeline::render_markdown(&site.markdown(), &site.course, index);
        // A formula with a style no page had before needs a new maths stylesheet, which the
        // whole pipeline writes.
        let new_style = markdown
            .rendered
            .math_styles
            .iter()
            .any(|s| !self.markdown[index].rendered.math_styles.contains(s));
        self.markdown[index] = markdown;
        if new_style {
            return PageChange::Structure;
        }
        if nav_changed {
            // A new weight can move the page, or its whole module.
            site.course.sort();
            site.reorder();
        }
        if nav_changed || words_changed {
            let nav = nav::nav(&site.course, &site.config.course_id());
            if nav != site.nav {
                site.templates.set_nav(&nav);
                site.nav = nav;
                return PageChange::Nav;
            }
        }
        PageChange::Body
    }

    /// Switches to a theme loaded again, compiling its templates: what a changed template or
    /// UI string needs. Its errors are the pipeline's to report.
    pub(crate) fn use_theme(&mut self, theme: Theme) -> Result<(), Vec<Diagnostic>> {
        let site = &mut self.site;
        let mut templates = Templates::new(&theme, &site.config, site.options.live_reload)?;
        pipeline::missing_templates(&templates, &site.config)?;
        templates.set_nav(&site.nav);
        site.theme = theme;
        site.templates = templates;
        Ok(())
    }

    /// Every error of the course's Markdown as it is now: each page's own, and broken
    /// anchors.
    pub(crate) fn errors(&self) -> Vec<Diagnostic> {
        pipeline::markdown_errors(&self.site.course, |i| &self.markdown[i].rendered)
    }

    /// Renders the pages at `indices` and writes those whose HTML changed.
    pub(crate) fn write_pages(&self, indices: &[usize]) -> Vec<Diagnostic> {
        let pages = Pages::new(&self.site);
        let errors = indices
            .par_iter()
            .filter_map(|&i| {
                let render = PageRender {
                    index: i,
                    place: self.site.position[i],
                    page: &self.site.course.pages[i],
                    markdown: &self.markdown[i],
                };
                pages.page(&render, &self.files).err()
            })
            .collect();
        dedup(errors)
    }

    /// Writes 404.html, the sitemap and the theme's static files again.
    pub(crate) fn write_theme_files(&self) -> Vec<Diagnostic> {
        Special::new(&self.site).write_theme_files(&self.files)
    }

    /// Writes the learner's record pages and the course data again: they follow the
    /// navigation, the quizzes' keys and limits, and the theme. Unchanged files are not
    /// written.
    pub(crate) fn write_record(&self) -> Vec<Diagnostic> {
        Record::new(&self.site).write(&self.files)
    }

    /// Copies the course's file `rel` (an image, a PDF) again. `Err(None)`: it is not one
    /// of the course's files, or no longer there, which changes the structure.
    pub(crate) fn copy_asset(&self, rel: &Path) -> Result<(), Option<Diagnostic>> {
        let asset = self.site.course.assets.iter().find(|a| a.source == rel);
        match asset {
            Some(a) if self.site.options.root.join(rel).is_file() => Special::new(&self.site)
                .copy_asset(a, &self.files)
                .map_err(Some),
            _ => Err(None),
        }
    }

    /// Writes the print page, which holds every page and is written when asked for rather
    /// than on every save.
    pub(crate) fn write_print(&self) -> Vec<Diagnostic> {
        let Some(print) = Print::new(&self.site) else {
            return Vec::new();
        };
        let outputs: [Box<dyn Output>; 1] = [Box::new(print)];
        pipeline::run(&self.site, &outputs, &self.files, false).errors
    }

    /// Writes the search index again from the pages as last rendered: it holds every page,
    /// so it too is written when asked for rather than on every save.
    pub(crate) fn write_search(&self) -> Vec<Diagnostic> {
        match Search::new(&self.site) {
            Some(search) => search.write_from(&self.markdown, &self.files),
            None => Vec::new(),
        }
    }
}

/// A folder where a file written with the same bytes as the last time is left as it is:
/// a template edit renders every page again, but most of them come out the same, and
/// rewriting them all made a save slow on a large course.
struct Unchanged {
    folder: Folder,
    /// A hash of what was last written, by file.
    written: Mutex<HashMap<String, u64>>,
}

impl Unchanged {
    fn new(dir: &Path) -> Unchanged {
        Unchanged {
            folder: Folder(dir.to_path_buf()),
            written: Mutex::default(),
        }
    }

    fn written(&self) -> std::sync::MutexGuard<'_, HashMap<String, u64>> {
        self.written.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Files for Unchanged {
    fn write(&self, rel: &str, pieces: &[&[u8]]) -> io::Result<()> {
        let mut hasher = DefaultHasher::new();
        pieces.iter().for_each(|p| hasher.write(p));
        let hash = hasher.finish();
        {
            let mut written = self.written();
            if written.get(rel) == Some(&hash) {
                return Ok(());
            }
            written.remove(rel);
        }
        self.folder.write(rel, pieces)?;
        self.written().insert(rel.to_string(), hash);
        Ok(())
    }

    fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
        self.written().remove(rel);
        self.folder.copy(rel, from)
    }

    fn create(&self, rel: &str) -> io::Result<Box<dyn Write + Send>> {
        self.written().remove(rel);
        self.folder.create(rel)
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.folder.path(rel)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_pages_rewrites_only_the_pages_whose_html_changed() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        let out = tempfile::tempdir().unwrap();
        let options = pipeline::Options {
            root,
            ..pipeline::Options::default()
        };
        let mut served = Served::build(&options, out.path()).unwrap();
        let lesson = out.path().join("basics/intro.html");
        let html = std::fs::read_to_string(&lesson).unwrap();
        std::fs::write(&lesson, "marker").unwrap();
        let all: Vec<usize> = (0..served.site.course.pages.len()).collect();
        assert!(served.write_pages(&all).is_empty());
        assert_eq!(
            std::fs::read_to_string(&lesson).unwrap(),
            "marker",
            "same HTML: not written again"
        );
        served.site.nav.modules[0].title_html = "Renamed".into();
        served.site.templates.set_nav(&served.site.nav);
        assert!(served.write_pages(&all).is_empty());
        let again = std::fs::read_to_string(&lesson).unwrap();
        assert_ne!(again, html);
        assert!(again.contains("Renamed"), "{again}");
    }
}
