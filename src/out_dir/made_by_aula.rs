//! Telling a folder aula wrote from anyone else's: only the former may be replaced. Every
//! output carries [`MARKER`]; an output of a version from before the marker is recognised
//! by what that version always wrote, strictly enough that a user's folder never passes.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

/// The file every output of aula carries, at its top. It is published with the site, so it
/// holds one harmless sentence and nothing about the machine or the course.
pub(super) const MARKER: &str = ".aula-output";

/// What [`MARKER`] holds.
pub(super) const MARKER_TEXT: &str =
    "Written by aula, which replaces this whole folder on every build.\n";

/// How a marker starts, whatever a later version writes after it.
const MARKER_START: &[u8] = b"Written by aula";

/// What the `<head>` of every page of an older aula says, printed by the built-in theme's
/// `base.html`.
const GENERATOR: &[u8] = b"<meta name=\"generator\" content=\"aula ";

/// Files that an older aula wrote into every output with the built-in theme, besides
/// `index.html`.
const ALWAYS_WRITTEN: [&str; 4] = [
    "404.html",
    "assets/aula.css",
    "assets/aula.js",
    "assets/quiz.js",
];

/// Version control folders, which aula never writes: an output that holds one is a
/// repository someone checked out there, and replacing the folder would delete its history.
const REPOSITORIES: [&str; 3] = [".git", ".hg", ".svn"];

/// What a folder at the output path is, as far as replacing it goes.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Verdict {
    /// Nothing is there: the output is created.
    Missing,
    /// An empty folder, or one aula wrote: it may be replaced.
    Replaceable,
    /// Something that is not a folder (a file, a device).
    NotAFolder { is_file: bool },
    /// A folder with files aula did not write.
    NotMadeByAula,
    /// An output of aula in which someone checked out a repository (its name).
    HoldsRepository(&'static str),
}

/// Writes the marker into a new output folder.
pub(super) fn mark(dir: &Path) -> io::Result<()> {
    fs::write(dir.join(MARKER), MARKER_TEXT)
}

/// Whether `path` (with its symbolic links already resolved) may be replaced by an output.
pub(super) fn judge(path: &Path) -> io::Result<Verdict> {
    let meta = match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Verdict::Missing),
        other => other?,
    };
    if !meta.is_dir() {
        return Ok(Verdict::NotAFolder {
            is_file: meta.is_file(),
        });
    }
    if fs::read_dir(path)?.next().is_none() {
        return Ok(Verdict::Replaceable);
    }
    if !has_marker(path) && !written_by_an_older_aula(path) {
        return Ok(Verdict::NotMadeByAula);
    }
    match REPOSITORIES
        .into_iter()
        .find(|r| fs::symlink_metadata(path.join(r)).is_ok())
    {
        Some(repository) => Ok(Verdict::HoldsRepository(repository)),
        None => Ok(Verdict::Replaceable),
    }
}

fn has_marker(dir: &Path) -> bool {
    start_of(&dir.join(MARKER), MARKER_START.len() as u64) == MARKER_START
}

/// An output written before outputs had a marker: its home page names aula as its generator
/// near the top, and every file the built-in theme always wrote is there. A page saved from
/// an aula site, or a copy of one file, is not enough.
fn written_by_an_older_aula(dir: &Path) -> bool {
    starts_with_head(&dir.join("index.html"))
        && ALWAYS_WRITTEN.iter().all(|rel| is_file(&dir.join(rel)))
}

/// Whether the page starts as aula's pages do, and names aula as its generator within its
/// first kilobytes, where its `<head>` is.
fn starts_with_head(page: &Path) -> bool {
    let head = start_of(page, 8192);
    head.starts_with(b"<!DOCTYPE html>") && memchr::memmem::find(&head, GENERATOR).is_some()
}

/// Up to `len` bytes from the start of the file at `path`, if it is a file and not a link:
/// aula never writes links.
fn start_of(path: &Path, len: u64) -> Vec<u8> {
    let mut bytes = Vec::new();
    if is_file(path) {
        let read = fs::File::open(path).and_then(|f| f.take(len).read_to_end(&mut bytes));
        if read.is_err() {
            bytes.clear();
        }
    }
    bytes
}

fn is_file(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (rel, text) in files {
            let path = dir.path().join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        dir
    }

    const OLD_HOME: &str = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n<meta name=\"generator\" content=\"aula 0.1.0\">";

    fn old_output() -> Vec<(&'static str, &'static str)> {
        let mut files = vec![("index.html", OLD_HOME)];
        files.extend(ALWAYS_WRITTEN.iter().map(|rel| (*rel, "x")));
        files
    }

    #[test]
    fn a_marked_or_empty_folder_may_be_replaced() {
        let dir = folder(&[]);
        assert_eq!(judge(dir.path()).unwrap(), Verdict::Replaceable);
        mark(dir.path()).unwrap();
        fs::write(dir.path().join("page.html"), "x").unwrap();
        assert_eq!(judge(dir.path()).unwrap(), Verdict::Replaceable);
        assert_eq!(judge(&dir.path().join("none")).unwrap(), Verdict::Missing);
    }

    #[test]
    fn an_older_output_is_recognised_by_everything_it_always_held() {
        let dir = folder(&old_output());
        assert_eq!(judge(dir.path()).unwrap(), Verdict::Replaceable);
        // Any one piece missing, and it could be anyone's folder.
        for missing in std::iter::once("index.html").chain(ALWAYS_WRITTEN) {
            let files: Vec<_> = old_output()
                .into_iter()
                .filter(|(r, _)| *r != missing)
                .collect();
            let dir = folder(&files);
            assert_eq!(
                judge(dir.path()).unwrap(),
                Verdict::NotMadeByAula,
                "{missing}"
            );
        }
        let mut files = old_output();
        files[0].1 = "<!DOCTYPE html>\n<title>My notes on aula</title>";
        assert_eq!(
            judge(folder(&files).path()).unwrap(),
            Verdict::NotMadeByAula
        );
    }

    #[test]
    fn a_marker_must_say_what_aula_writes() {
        let dir = folder(&[(MARKER, "mine"), ("thesis.tex", "a")]);
        assert_eq!(judge(dir.path()).unwrap(), Verdict::NotMadeByAula);
    }

    #[test]
    fn files_and_repositories_are_never_replaced() {
        let dir = folder(&[("notes", "x")]);
        assert_eq!(
            judge(&dir.path().join("notes")).unwrap(),
            Verdict::NotAFolder { is_file: true }
        );
        mark(dir.path()).unwrap();
        fs::create_dir(dir.path().join(".git")).unwrap();
        assert_eq!(judge(dir.path()).unwrap(), Verdict::HoldsRepository(".git"));
    }
}
