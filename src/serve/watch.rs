//! Watching the course's sources, and sorting each changed path into how much must be
//! rebuilt.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, ModifyKind};
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

/// Short, because it is part of the time from saving a file to the page reloading; long
/// enough to merge the several events of one save (write to a temporary file, rename).
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(20);

/// The folders watched recursively, beside site.toml.
const WATCHED: [&str; 4] = ["content", "templates", "static", "themes"];

/// How much a changed path asks to rebuild.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    /// A page's or quiz's source file.
    Page(PathBuf),
    /// An image or other file under content/.
    Asset(PathBuf),
    /// A static file of the theme or the course.
    Static(PathBuf),
    /// A template or the UI strings: every page, from the Markdown in memory.
    Theme,
    /// site.toml, or a folder of content that appeared or went: everything.
    Everything,
}

/// Sorts a changed path, given relative to the course root. `None` for paths that do not
/// affect the course (the output folder, editor backups).
pub(crate) fn classify(rel: &Path) -> Option<Kind> {
    let name = rel.file_name()?.to_string_lossy();
    if name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
    {
        return None;
    }
    // A watched folder that appeared (or went) as a whole: its files were never seen.
    if rel.components().count() == 1 && WATCHED.iter().any(|w| rel == Path::new(w)) {
        return Some(
            if rel == Path::new("templates") || rel == Path::new("themes") {
                Kind::Theme
            } else {
                Kind::Everything
            },
        );
    }
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let first = parts.next()?;
    match first.as_ref() {
        "site.toml" => Some(Kind::Everything),
        "content" if name.ends_with(".md") || name.ends_with(".toml") => {
            Some(Kind::Page(rel.to_path_buf()))
        }
        "content" => Some(Kind::Asset(rel.to_path_buf())),
        "static" => Some(Kind::Static(rel.to_path_buf())),
        "templates" => Some(Kind::Theme),
        "themes" => match parts.nth(1).as_deref() {
            Some("static") => Some(Kind::Static(rel.to_path_buf())),
            _ => Some(Kind::Theme),
        },
        _ => None,
    }
}

/// Starts watching the course at `root`; each debounced batch of changed paths (relative
/// to `root`) is sent on `tx`.
pub(crate) fn start(
    root: &Path,
    tx: Sender<Vec<PathBuf>>,
) -> notify::Result<Debouncer<notify::RecommendedWatcher, RecommendedCache>> {
    let base = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let strip = base.clone();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        let mut paths: Vec<PathBuf> = events
            .iter()
            .filter(|e| changes_content(&e.kind))
            .flat_map(|e| e.paths.iter())
            .filter_map(|p| p.strip_prefix(&strip).ok().map(Path::to_path_buf))
            .collect();
        paths.sort();
        paths.dedup();
        if !paths.is_empty() {
            tx.send(paths).ok();
        }
    })?;
    debouncer.watch(&base, RecursiveMode::NonRecursive)?;
    for dir in WATCHED {
        let path = base.join(dir);
        if path.is_dir() {
            debouncer.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    Ok(debouncer)
}

/// Reading a file is an event too (inotify reports opens and closes); only writes,
/// creations, removals and renames can change the course.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        _ => false,
    }
}

/// Watches the course folders (content/, templates/, static/, themes/) that appeared
/// since the start.
pub(crate) fn watch_new_folders(
    root: &Path,
    debouncer: &mut Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    changed: &[PathBuf],
) {
    for path in changed {
        if path.components().count() == 1
            && WATCHED.iter().any(|w| path == Path::new(w))
            && root.join(path).is_dir()
        {
            debouncer
                .watch(root.join(path), RecursiveMode::Recursive)
                .ok();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_changes_by_what_they_rebuild() {
        let k = |p: &str| classify(Path::new(p));
        assert_eq!(
            k("content/01-a/02-b.md"),
            Some(Kind::Page("content/01-a/02-b.md".into()))
        );
        assert_eq!(
            k("content/01-a/quiz.toml"),
            Some(Kind::Page("content/01-a/quiz.toml".into()))
        );
        assert_eq!(
            k("content/01-a/img.png"),
            Some(Kind::Asset("content/01-a/img.png".into()))
        );
        assert_eq!(
            k("themes/aula/static/assets/aula.css"),
            Some(Kind::Static("themes/aula/static/assets/aula.css".into()))
        );
        assert_eq!(k("themes/aula/templates/base.html"), Some(Kind::Theme));
        assert_eq!(k("themes/aula/i18n/es.toml"), Some(Kind::Theme));
        assert_eq!(k("templates/page.html"), Some(Kind::Theme));
        assert_eq!(k("templates"), Some(Kind::Theme));
        assert_eq!(k("site.toml"), Some(Kind::Everything));
        assert_eq!(k("static"), Some(Kind::Everything));
        assert_eq!(k("public/index.html"), None);
        assert_eq!(k("content/01-a/.02-b.md.swp"), None);
    }
}
