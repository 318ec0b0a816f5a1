//! What the pipeline feeds, and where what it feeds writes: the interface between
//! [`super::run`] and the outputs of `crate::outputs`.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[cfg(doc)]
use super::PageMarkdown;
use super::PageRender;
use crate::content::PageKind;
use crate::diagnostic::Diagnostic;

/// One deliverable of a build. Every method takes `&self`: pages are rendered on every
/// thread at once, so an output that keeps state in order (a file written section by
/// section) keeps it behind its own lock.
pub(crate) trait Output: Sync {
    /// Whether a page of this kind should also have its Markdown rendered for the print
    /// page, from the same parse, into [`PageMarkdown::print`]; and if so, how many levels
    /// its headings move down there.
    fn print_offset(&self, _kind: PageKind) -> Option<usize> {
        None
    }

    /// Before any page: what needs nothing from the pages.
    fn begin(&self, _files: &dyn Files) -> Vec<Diagnostic> {
        Vec::new()
    }

    /// One page, on whichever thread rendered it, in no particular order. What it returns
    /// is handed to [`Output::add`] in reading order.
    fn page(&self, page: &PageRender<'_>, files: &dyn Files) -> Result<Option<String>, Diagnostic>;

    /// What [`Output::page`] returned for each page, in reading order.
    fn add(&self, _part: String) {}

    /// After the last page.
    fn finish(&self, _files: &dyn Files) -> Vec<Diagnostic> {
        Vec::new()
    }
}

/// Somewhere the outputs put files, by path relative to the site's root.
pub(crate) trait Files: Sync {
    /// Writes `pieces`, one after the other, as the file `rel`.
    fn write(&self, rel: &str, pieces: &[&[u8]]) -> io::Result<()>;

    /// Copies the file at `from` as `rel`.
    fn copy(&self, rel: &str, from: &Path) -> io::Result<()>;

    /// A file to write `rel` into a piece at a time, for a file too large to hold whole.
    fn create(&self, rel: &str) -> io::Result<Box<dyn Write + Send>>;

    /// Where `rel` is, for messages.
    fn path(&self, rel: &str) -> PathBuf;

    /// The error of a file that could not be written.
    fn error(&self, rel: &str, e: io::Error) -> Diagnostic {
        Diagnostic::new(self.path(rel), format!("cannot write: {e}"))
    }
}
