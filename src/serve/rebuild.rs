//! Applying changes to the served course: re-render only the pages a change touches, or run
//! the whole pipeline when the structure, a template or site.toml changed, or when anything
//! went wrong, so that the errors shown are always the pipeline's own.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::time::Instant;

use super::incremental::{PageChange, Served};
use super::watch::{classify, Kind};
use super::{Message, State};
use crate::diagnostic::{report, Diagnostic};
use crate::out_dir::Staging;
use crate::pipeline::Options;
use crate::theme::Theme;

/// Keeps the served output in step with the sources.
pub(super) struct Rebuilder {
    options: Options,
    /// The last full run failed, or none ran yet: the next change runs the whole pipeline.
    needs_full: bool,
}

impl Rebuilder {
    /// A rebuilder for the course of `options`, which has not been built yet.
    pub(super) fn new(options: Options) -> Self {
        Rebuilder {
            options,
            needs_full: true,
        }
    }

    /// Loads and writes the whole course. Returns whether it succeeded.
    pub(super) fn full(&mut self, state: &State) -> bool {
        let start = Instant::now();
        let cannot_write = |e: std::io::Error| {
            vec![Diagnostic::new(
                &state.out,
                format!("cannot write the served site: {e}"),
            )]
        };
        let result = Staging::new(&state.out)
            .map_err(cannot_write)
            .and_then(|staging| {
                let built = Served::build(&self.options, staging.dir())?;
                staging.commit_in_background().map_err(cannot_write)?;
                Ok(built)
            });
        match result {
            Ok(served) => {
                let pages = served.site.course.pages.len();
                *state.site() = Some(served.moved_to(&state.out));
                self.needs_full = false;
                // The print page and the search index were written with the rest.
                state.print_stale.store(false, Ordering::SeqCst);
                state.search_stale.store(false, Ordering::SeqCst);
                state.built.store(true, Ordering::SeqCst);
                state.set_errors(None);
                println!("Built {pages} pages in {} ms", start.elapsed().as_millis());
                true
            }
            Err(errors) => {
                // The course in memory may hold changes that failed: it is not used again,
                // and the last good output stays served.
                *state.site() = None;
                self.needs_full = true;
                self.fail(state, &errors);
                false
            }
        }
    }

    /// Applies a batch of changed paths (relative to the course root).
    pub(super) fn apply(&mut self, state: &State, changed: &[PathBuf]) {
        let kinds: BTreeSet<Kind> = changed.iter().filter_map(|p| classify(p)).collect();
        if kinds.is_empty() {
            return;
        }
        let everything = kinds.contains(&Kind::Everything);
        if (self.needs_full || everything || self.incremental(state, &kinds).is_err())
            && self.full(state)
        {
            state.events.send(&Message::Reload);
        }
    }

    /// Redoes only what `kinds` touch. `Err` when that is not enough: the structure
    /// changed, or a problem was found, which the whole pipeline then reports.
    fn incremental(&mut self, state: &State, kinds: &BTreeSet<Kind>) -> Result<(), ()> {
        let start = Instant::now();
        let mut guard = state.site();
        let served = guard.as_mut().ok_or(())?;
        let mut pages = BTreeSet::new();
        let mut all = false;
        let mut assets = Vec::new();
        let mut statics = Vec::new();
        let mut theme = false;
        for kind in kinds {
            match kind {
                Kind::Page(rel) => match served.page_of(rel) {
                    Some(i) if self.options.root.join(rel).is_file() => {
                        match served.reload_page(i) {
                            PageChange::Nothing => {}
                            PageChange::Body => {
                                pages.insert(i);
                            }
                            PageChange::Nav => all = true,
                            PageChange::Structure => return Err(()),
                        }
                    }
                    // A new, deleted or renamed page changes the structure.
                    _ => return Err(()),
                },
                Kind::Asset(rel) => assets.push(rel),
                Kind::Static(rel) => statics.push(rel),
                Kind::Theme => theme = true,
                Kind::Everything => return Err(()),
            }
        }
        if theme || !statics.is_empty() {
            let loaded =
                Theme::for_config(&self.options.root, &served.site.config).map_err(drop)?;
            // A static file appeared or went: start again from the sources.
            if !loaded.statics.keys().eq(served.site.theme.statics.keys()) {
                return Err(());
            }
            // A box's title is in the Markdown's HTML: the whole pipeline renders it again.
            if crate::markdown::Renderer::strings_differ(
                &served.site.theme.strings,
                &loaded.strings,
            ) {
                return Err(());
            }
            if theme {
                // Every page's template may have changed: all are rendered again from the
                // Markdown in memory, and only those whose HTML changed are written.
                served.use_theme(loaded).map_err(drop)?;
                all = true;
            } else {
                served.site.theme = loaded;
            }
        }
        if !served.errors().is_empty() {
            return Err(());
        }
        let pages: Vec<usize> = if all {
            (0..served.site.course.pages.len()).collect()
        } else {
            pages.into_iter().collect()
        };
        let mut failures = served.write_pages(&pages);
        failures.extend(served.write_record());
        for rel in &assets {
            match served.copy_asset(rel) {
                Ok(()) => {}
                Err(Some(e)) => failures.push(e),
                // A new or deleted file changes the structure.
                Err(None) => return Err(()),
            }
        }
        if theme || !statics.is_empty() {
            failures.extend(served.write_theme_files());
        }
        if !failures.is_empty() {
            return Err(());
        }
        drop(guard);
        let css_only = !statics.is_empty()
            && pages.is_empty()
            && assets.is_empty()
            && statics
                .iter()
                .all(|p| p.extension().is_some_and(|e| e == "css"));
        state.print_stale.store(true, Ordering::SeqCst);
        state.search_stale.store(true, Ordering::SeqCst);
        state.set_errors(None);
        state.events.send(if css_only {
            &Message::Css
        } else {
            &Message::Reload
        });
        println!(
            "Rebuilt {} page{} in {} ms",
            pages.len(),
            if pages.len() == 1 { "" } else { "s" },
            start.elapsed().as_millis()
        );
        Ok(())
    }

    fn fail(&self, state: &State, errors: &[Diagnostic]) {
        let text = report(errors);
        eprint!("{text}");
        state.set_errors(Some((&text, errors.len())));
    }
}
