//! What an LMS package adds to the website: the launch page (`index_lms.html`, from the
//! theme's `lms.html`), which owns the LMS session and shows the course's pages in a frame,
//! so that moving between pages never ends it; the theme's runtime (`assets/lms.js`,
//! `assets/lms.css`), which the website leaves out; and the SCORM schemas the manifest
//! names. The manifest lists every file, so the package's driver (src/package/) writes it
//! last.

use serde_json::json;
use tera::Context;

use crate::content::PageKind;
use crate::diagnostic::Diagnostic;
use crate::pipeline::{Files, Loaded, Output, PageRender};
use crate::templates::NavScope;

/// The page the LMS launches.
pub(crate) const LAUNCH: &str = "index_lms.html";
/// The theme's files that only a package holds.
pub(crate) const RUNTIME: [&str; 2] = ["assets/lms.js", "assets/lms.css"];

/// The two SCORM versions a package can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// SCORM 1.2
    #[value(name = "scorm1.2")]
    Scorm12,
    /// SCORM 2004 4th Edition
    #[value(name = "scorm2004")]
    Scorm2004,
}

macro_rules! schemas {
    ($dir:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../package/schemas/", $dir, "/", $name)))),*]
    };
}

impl Format {
    /// As the command line and the default file name spell it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Scorm12 => "scorm1.2",
            Format::Scorm2004 => "scorm2004",
        }
    }

    /// The schema files the manifest's `xsi:schemaLocation` names, and the files they
    /// include, each at the zip's root.
    pub(crate) fn schemas(self) -> &'static [(&'static str, &'static [u8])] {
        match self {
            Format::Scorm12 => schemas!("scorm12": "imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd",
                "imsmd_rootv1p2p1.xsd", "ims_xml.xsd"),
            Format::Scorm2004 => schemas!("scorm2004": "imscp_v1p1.xsd", "adlcp_v1p3.xsd",
                "adlseq_v1p3.xsd", "adlnav_v1p3.xsd", "imsss_v1p0.xsd", "imsss_v1p0auxresource.xsd",
                "imsss_v1p0control.xsd", "imsss_v1p0delivery.xsd", "imsss_v1p0limit.xsd",
                "imsss_v1p0objective.xsd", "imsss_v1p0random.xsd", "imsss_v1p0rollup.xsd",
                "imsss_v1p0seqrule.xsd", "imsss_v1p0util.xsd", "xml.xsd"),
        }
    }
}

/// The launch page, the runtime and the schemas.
pub(crate) struct Lms<'a> {
    site: &'a Loaded,
    format: Format,
}

impl<'a> Lms<'a> {
    pub(crate) fn new(site: &'a Loaded, format: Format) -> Lms<'a> {
        Lms { site, format }
    }

    /// The pass mark the LMS compares the score with: the scored quiz's own, or the course's.
    pub(crate) fn mastery(&self) -> u8 {
        let pass = self.site.config.quiz.pass.get_ref();
        let course = u8::try_from(*pass).unwrap_or(100).min(100);
        self.scored_quiz()
            .and_then(|(page, _)| self.site.course.pages[page].quiz.as_ref())
            .map_or(course, |q| q.pass)
    }

    /// The page and storage key of the quiz `[lms] score` names, if any.
    fn scored_quiz(&self) -> Option<(usize, &str)> {
        let path = self.site.config.lms.score_quiz()?;
        let pages = &self.site.course.pages;
        self.site
            .nav
            .modules
            .iter()
            .zip(&self.site.course.modules)
            .flat_map(|(m, module)| m.items.iter().zip(&module.items))
            .find(|(_, &page)| {
                pages[page].kind == PageKind::Quiz && pages[page].content_path() == path
            })
            .and_then(|(item, &page)| Some((page, item.quiz_key.as_deref()?)))
    }

    fn launch_page(&self) -> Result<String, Diagnostic> {
        let site = self.site;
        let mut ctx = Context::new();
        ctx.insert(
            "page",
            &json!({"kind": "lms", "title": site.config.title, "path": LAUNCH, "key": ""}),
        );
        ctx.insert(
            "lms",
            &json!({
                "scorm": match self.format { Format::Scorm12 => "1.2", Format::Scorm2004 => "2004" },
                "mastery": self.mastery(),
                "failed": if site.config.lms.failed_as_incomplete() { "incomplete" } else { "failed" },
                "score_key": self.scored_quiz().map_or("", |(_, key)| key),
            }),
        );
        site.templates.render("lms.html", 0, NavScope::Outside, ctx)
    }
}

impl Output for Lms<'_> {
    fn begin(&self, files: &dyn Files) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        let write = |rel: &str, bytes: &[u8]| {
            files
                .write(rel, &[bytes])
                .err()
                .map(|e| files.error(rel, e))
        };
        match self.launch_page() {
            Ok(html) => errors.extend(write(LAUNCH, html.as_bytes())),
            Err(d) => errors.push(d),
        }
        for rel in RUNTIME {
            match self.site.theme.statics.get(rel).map(|b| b.read()) {
                Some(Ok(bytes)) => errors.extend(write(rel, &bytes)),
                Some(Err(e)) => errors.push(Diagnostic::new(
                    rel,
                    format!("cannot read static file: {e}"),
                )),
                None => errors.push(
                    Diagnostic::new(rel, "the theme has no LMS runtime").with_hint(format!(
                        "copy {rel} from aula's built-in theme into the theme's static/"
                    )),
                ),
            }
        }
        for (name, bytes) in self.format.schemas() {
            errors.extend(write(name, bytes));
        }
        errors
    }

    fn page(&self, _: &PageRender<'_>, _: &dyn Files) -> Result<Option<String>, Diagnostic> {
        Ok(None)
    }
}
