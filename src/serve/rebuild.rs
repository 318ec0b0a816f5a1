//! Applying changes to the served course: re-render only the pages a change touches, or
//! everything when the structure, a template or site.toml changed.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Instant;

use super::watch::{classify, Kind};
use super::{Message, State};
use crate::diagnostic::{report, Diagnostic};
use crate::output::{self, Staging};
use crate::site::{Options, PageChange, Site};
use crate::theme::Theme;

/// Keeps the served output in step with the sources.
pub struct Rebuilder {
    options: Options,
    /// The last full load failed: the site in memory is stale, so load it all again.
    needs_full: bool,
    /// Pages changed since the output was last written without errors.
    pending: BTreeSet<usize>,
    pending_all: bool,
    /// Static files and content files (images…) saved since then: a save while the course
    /// has errors is written once they are fixed, not forgotten.
    pending_statics: BTreeSet<PathBuf>,
    pending_assets: BTreeSet<PathBuf>,
    /// The theme failed to load: try again on every change until it loads, so its error
    /// stays shown and no page is written with the old templates meanwhile.
    theme_failed: bool,
}

impl Rebuilder {
    pub fn new(options: Options) -> Self {
        Rebuilder {
            options,
            needs_full: true,
            pending: BTreeSet::new(),
            pending_all: false,
            pending_statics: BTreeSet::new(),
            pending_assets: BTreeSet::new(),
            theme_failed: false,
        }
    }

    /// Loads and writes the whole course. Returns whether it succeeded.
    pub fn full(&mut self, state: &State) -> bool {
        let start = Instant::now();
        let result = Site::load(self.options.clone()).and_then(|site| {
            let staging = Staging::new(&state.out).map_err(|e| {
                vec![Diagnostic::new(
                    &state.out,
                    format!("cannot write the served site: {e}"),
                )]
            })?;
            let stats = crate::build::write_all(&site, staging.dir())?;
            staging.commit_in_background().map_err(|e| {
                vec![Diagnostic::new(
                    &state.out,
                    format!("cannot write the served site: {e}"),
                )]
            })?;
            Ok((site, stats))
        });
        match result {
            Ok((site, stats)) => {
                *state.site() = Some(site);
                self.needs_full = false;
                self.theme_failed = false;
                state
                    .print_stale
                    .store(true, std::sync::atomic::Ordering::SeqCst);
                self.clear_pending();
                state.built.store(true, std::sync::atomic::Ordering::SeqCst);
                state.set_errors(None);
                println!(
                    "Built {} pages in {} ms",
                    stats.pages,
                    start.elapsed().as_millis()
                );
                true
            }
            Err(errors) => {
                self.needs_full = true;
                self.fail(state, &errors);
                false
            }
        }
    }

    /// Applies a batch of changed paths (relative to the course root).
    pub fn apply(&mut self, state: &State, changed: &[PathBuf]) {
        let kinds: BTreeSet<Kind> = changed.iter().filter_map(|p| classify(p)).collect();
        if kinds.is_empty() {
            return;
        }
        if self.needs_full || kinds.contains(&Kind::Everything) {
            if self.full(state) {
                state.events.send(&Message::Reload);
            }
            return;
        }
        let start = Instant::now();
        let mut guard = state.site();
        let Some(site) = guard.as_mut() else {
            drop(guard);
            self.full(state);
            return;
        };
        let mut theme = self.theme_failed;
        for kind in &kinds {
            match kind {
                Kind::Page(rel) => match site.page_of(rel) {
                    Some(i) if self.options.root.join(rel).is_file() => match site.reload_page(i) {
                        PageChange::Nothing => {}
                        PageChange::Body => {
                            self.pending.insert(i);
                        }
                        PageChange::Nav => self.pending_all = true,
                        PageChange::Structure => return self.full_after(state, guard),
                    },
                    // A new, deleted or renamed page changes the structure.
                    _ => return self.full_after(state, guard),
                },
                Kind::Asset(rel) => {
                    self.pending_assets.insert(rel.clone());
                }
                Kind::Static(rel) => {
                    self.pending_statics.insert(rel.clone());
                }
                Kind::Theme => theme = true,
                Kind::Everything => return self.full_after(state, guard),
            }
        }
        // Every content file saved since the last good write, this batch's or not.
        let mut assets = Vec::new();
        for rel in &self.pending_assets {
            match site.course.assets.iter().find(|a| &a.source == rel) {
                Some(a) if self.options.root.join(rel).is_file() => {
                    assets.push((self.options.root.join(rel), a.url.clone()))
                }
                // A new or deleted file changes the structure.
                _ => return self.full_after(state, guard),
            }
        }
        let theme_files = theme || !self.pending_statics.is_empty();
        if theme_files {
            let root = &self.options.root;
            let loaded = match Theme::for_config(root, &site.config) {
                Ok(loaded) => loaded,
                Err(errors) => {
                    self.theme_failed = theme;
                    drop(guard);
                    return self.fail(state, &errors);
                }
            };
            // A static file appeared or went: start again from the sources.
            if !loaded.statics.keys().eq(site.theme.statics.keys()) {
                return self.full_after(state, guard);
            }
            if theme {
                if let Err(errors) = site.use_theme(loaded) {
                    self.theme_failed = true;
                    drop(guard);
                    return self.fail(state, &errors);
                }
                self.theme_failed = false;
                // Every page's template may have changed.
                self.pending_all = true;
            } else {
                site.theme = loaded;
            }
        }
        let errors = site.errors();
        if !errors.is_empty() {
            drop(guard);
            return self.fail(state, &errors);
        }
        let pages: Vec<usize> = if self.pending_all {
            (0..site.course.pages.len()).collect()
        } else {
            self.pending.iter().copied().collect()
        };
        let mut failures = site
            .write_pages(&state.out, &pages)
            .err()
            .unwrap_or_default();
        for (from, to) in &assets {
            if let Err(e) = std::fs::copy(from, state.out.join(to)) {
                failures.push(Diagnostic::new(to, format!("cannot copy: {e}")));
            }
        }
        let css_only = !self.pending_statics.is_empty()
            && pages.is_empty()
            && assets.is_empty()
            && self
                .pending_statics
                .iter()
                .all(|p| p.extension().is_some_and(|e| e == "css"));
        // 404.html, the sitemap and the static files: a theme change may touch any of them.
        if theme_files {
            match crate::build::special_pages(site) {
                Ok(files) => {
                    for (rel, bytes) in &files {
                        if let Err(e) = output::write(&state.out, rel, bytes) {
                            failures.push(Diagnostic::new(rel, format!("cannot write: {e}")));
                        }
                    }
                }
                Err(errors) => failures.extend(errors),
            }
        }
        drop(guard);
        if !failures.is_empty() {
            return self.fail(state, &failures);
        }
        self.clear_pending();
        state
            .print_stale
            .store(true, std::sync::atomic::Ordering::SeqCst);
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
    }

    /// Everything changed so far is in the output.
    fn clear_pending(&mut self) {
        self.pending.clear();
        self.pending_all = false;
        self.pending_statics.clear();
        self.pending_assets.clear();
    }

    fn full_after(&mut self, state: &State, guard: std::sync::MutexGuard<'_, Option<Site>>) {
        drop(guard);
        if self.full(state) {
            state.events.send(&Message::Reload);
        }
    }

    fn fail(&self, state: &State, errors: &[Diagnostic]) {
        let text = report(errors);
        eprint!("{text}");
        state.set_errors(Some((&text, errors.len())));
    }
}
