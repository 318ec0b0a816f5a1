//! `aula check`'s work: the build's pipeline with every output writing nowhere, so that it
//! finds exactly what a build would, and where a build would write is checked too.

use crate::diagnostic::Diagnostic;
use crate::out_dir;
use crate::outputs::{self, Discard};
use crate::pipeline::{self, Options};

/// What a check found in a course without errors.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    /// Pages checked.
    pub pages: usize,
    /// What the author should know although there are no errors.
    pub warnings: Vec<Diagnostic>,
}

/// Every problem a build of the course with `options` would find, found without writing.
pub fn check(options: Options) -> Result<Checked, Vec<Diagnostic>> {
    let (site, mut errors) = pipeline::load(options.clone());
    let Some(site) = site else {
        errors.extend(out_dir::problem_unloaded(&options));
        return Err(errors);
    };
    errors.extend(out_dir::problem(&site.options, &site.config));
    errors.extend(pipeline::run_all(&site, &outputs::all, &Discard, false).errors);
    if errors.is_empty() {
        Ok(Checked {
            pages: site.course.pages.len(),
            warnings: site.warnings(),
        })
    } else {
        Err(errors)
    }
}
