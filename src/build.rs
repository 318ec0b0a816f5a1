//! `aula build`'s work: the course through the pipeline into a staging folder beside the
//! output, swapped in only when nothing failed, so that a failed, killed or concurrent
//! build never costs the author a file.

use std::path::PathBuf;

use crate::content::PageKind;
use crate::diagnostic::Diagnostic;
use crate::out_dir::{self, Staging};
use crate::outputs::{self, Discard, Folder};
use crate::paths::slashed;
use crate::pipeline::{self, Options};

/// What a build produced.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// Pages written.
    pub pages: usize,
    /// Modules among them.
    pub modules: usize,
    /// Quizzes among them.
    pub quizzes: usize,
    /// What the author should know although the build succeeded.
    pub warnings: Vec<Diagnostic>,
    /// The languages built, the course's own first: each has every page.
    pub languages: Vec<String>,
}

impl Stats {
    /// What a run of `site` writes.
    pub(crate) fn of(site: &pipeline::Loaded) -> Stats {
        let count = |kind| site.course.pages.iter().filter(|p| p.kind == kind).count();
        Stats {
            pages: site.course.pages.len(),
            modules: site.course.modules.len(),
            quizzes: count(PageKind::Quiz),
            warnings: site.warnings(),
            languages: site
                .editions()
                .map(|e| e.edition.language.clone())
                .collect(),
        }
    }
}

/// A finished build.
pub struct Built {
    /// What was written.
    pub stats: Stats,
    /// The output folder, as the author named it.
    pub output: PathBuf,
    /// The course in memory, freed when this is dropped.
    course: Box<dyn Send>,
}

impl Built {
    /// Frees the course in memory on another thread, for a command about to exit: freeing a
    /// large course took the last 2% of a build, on one core. If no thread can be made, it
    /// is freed here instead.
    pub fn free_in_background(self) -> (Stats, PathBuf) {
        let course = self.course;
        let _ = std::thread::Builder::new().spawn(move || drop(course));
        (self.stats, self.output)
    }
}

/// Builds the course into its output folder, atomically; or returns every problem found.
pub fn build(options: Options) -> Result<Built, Vec<Diagnostic>> {
    let (site, mut errors) = pipeline::load(options.clone());
    let Some(site) = site else {
        // A course with errors is not written, but an output it could never be written to
        // is reported now, with them, and not on the next run.
        errors.extend(out_dir::problem_unloaded(&options));
        return Err(errors);
    };
    // An output that cannot be written still has the whole course checked, and a course
    // with errors still has its output checked: the pages then go nowhere.
    let mut staged = None;
    match out_dir::target(&site.options, &site.config) {
        Err(d) => errors.push(d),
        Ok((target, _)) if !errors.is_empty() => errors.extend(target.check_replaceable().err()),
        Ok((target, shown)) => {
            let wait_note = || {
                eprintln!(
                    "note: waiting for another aula build to finish writing `{}` or a folder beside it",
                    slashed(&shown)
                );
            };
            match Staging::with_wait_note(target.path(), wait_note) {
                Err(e) => errors.push(target.cannot_stage(e)),
                Ok(staging) => match target.check_replaceable() {
                    Err(d) => errors.push(d),
                    Ok(()) => staged = Some((target, shown, staging)),
                },
            }
        }
    }
    let ran = match &staged {
        Some((_, _, staging)) => pipeline::run_all(
            &site,
            &outputs::all,
            &Folder(staging.dir().to_path_buf()),
            false,
        ),
        None => pipeline::run_all(&site, &outputs::all, &Discard, false),
    };
    errors.extend(ran.errors);
    let Some((target, shown, staging)) = staged.filter(|_| errors.is_empty()) else {
        // The staging folder, if any, goes with it.
        return Err(errors);
    };
    staging
        .commit()
        .map_err(|e| vec![target.cannot_commit(e)])?;
    let stats = Stats::of(&site);
    Ok(Built {
        stats,
        output: shown,
        course: Box::new((site, ran.markdown)),
    })
}
