//! The files that are not the course's pages: 404.html, sitemap.xml, the theme's static
//! files and the course's own files (images, PDFs). They need nothing from the pages, so
//! they are written before the pages are.

use rayon::prelude::*;
use tera::Context;

use crate::content::{Asset, Course};
use crate::diagnostic::Diagnostic;
use crate::pipeline::{Files, Loaded, Output, PageRender};
use crate::templates::NavScope;

/// The special pages and every file copied as it is.
pub(crate) struct Special<'a> {
    site: &'a Loaded,
}

impl<'a> Special<'a> {
    pub(crate) fn new(site: &'a Loaded) -> Special<'a> {
        Special { site }
    }

    /// Renders 404.html and the sitemap and writes them with the theme's static files
    /// (only the default language's edition has those): what a change to the theme needs
    /// written again.
    pub(crate) fn write_theme_files(&self, files: &dyn Files) -> Vec<Diagnostic> {
        match special_pages(self.site) {
            Ok(written) => written
                .par_iter()
                .filter_map(|(rel, bytes)| {
                    files
                        .write(rel, &[bytes])
                        .err()
                        .map(|e| files.error(rel, e))
                })
                .collect(),
            Err(errors) => errors,
        }
    }

    /// Copies one of the course's files as it is.
    pub(crate) fn copy_asset(&self, asset: &Asset, files: &dyn Files) -> Result<(), Diagnostic> {
        files
            .copy(&asset.url, &self.site.options.root.join(&asset.source))
            .map_err(|e| files.error(&asset.url, e))
    }
}

impl Output for Special<'_> {
    fn begin(&self, files: &dyn Files) -> Vec<Diagnostic> {
        if !self.site.edition.is_default() {
            // The theme's files and the course's are shared by every edition, at the
            // output's root: another language has only its own 404 page and sitemap.
            return self.write_theme_files(files);
        }
        let (mut errors, copied) = rayon::join(
            || self.write_theme_files(files),
            || {
                self.site
                    .course
                    .assets
                    .par_iter()
                    .filter_map(|a| self.copy_asset(a, files).err())
                    .collect::<Vec<_>>()
            },
        );
        errors.extend(copied);
        errors
    }

    fn page(&self, _: &PageRender<'_>, _: &dyn Files) -> Result<Option<String>, Diagnostic> {
        Ok(None)
    }
}

/// 404.html, sitemap.xml (with a base_url) and the theme's static files:
/// (output path, bytes).
fn special_pages(site: &Loaded) -> Result<Vec<(String, Vec<u8>)>, Vec<Diagnostic>> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut not_found = Context::new();
    not_found.insert(
        "page",
        &serde_json::json!({"kind": "not_found", "title": "404", "path": "404.html"}),
    );
    // A host serves 404.html at any depth, so relative links cannot work there; it uses
    // the base_url's path when there is one, and the host root otherwise.
    not_found.insert("root", &site.config.root_path());
    match site
        .templates
        .render("404.html", 0, NavScope::Outside, not_found)
    {
        Ok(html) => files.push(("404.html".to_string(), html.into_bytes())),
        Err(e) => errors.push(e),
    }
    if let Some(base) = site.config.base_url() {
        files.push((
            "sitemap.xml".into(),
            sitemap(&base, &site.course).into_bytes(),
        ));
    }
    // The LMS runtime goes only into packages (`lms.rs`).
    let statics = site
        .theme
        .statics
        .iter()
        .filter(|_| site.edition.is_default());
    for (rel, bytes) in statics.filter(|(rel, _)| !super::lms::RUNTIME.contains(&rel.as_str())) {
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
