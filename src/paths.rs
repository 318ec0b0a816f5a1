//! Small path helpers shared by the pipeline.

use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use percent_encoding::{AsciiSet, CONTROLS};

/// What a path segment must escape to be written into an address (a `Location`, a
/// manifest's `href`): what would end it or change its meaning, and `%` itself.
pub(crate) const URL_SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// Resolves `.` and `..` without touching the file system.
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// A path with `/` separators, as shown to authors and used in URLs.
pub(crate) fn slashed(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// The absolute path that `path` names, with every symbolic link on the way resolved, as
/// [`fs::canonicalize`] gives, but also for a path that does not exist yet: the part that
/// exists is resolved, and the rest appended. `..` is taken after the links before it are
/// resolved, as the system does; after a missing folder, it goes back out of it, as
/// creating the folders would. So two paths name the same place exactly when they resolve
/// to the same path, however they reach it.
pub(crate) fn resolve(path: &Path) -> io::Result<PathBuf> {
    // Steps still to take, the next one last.
    let mut todo = steps(&std::path::absolute(path)?);
    let mut out = PathBuf::new();
    let mut links = 0;
    while let Some(step) = todo.pop() {
        match step {
            Step::Root(root) => out = root,
            Step::Up => {
                out.pop();
            }
            Step::Name(name) => {
                let next = out.join(&name);
                match fs::symlink_metadata(&next) {
                    Ok(m) if m.file_type().is_symlink() => {
                        // As the system does, give up on a loop of links.
                        links += 1;
                        if links > 40 {
                            return Err(io::Error::other(format!(
                                "too many symbolic links at {}",
                                next.display()
                            )));
                        }
                        // A relative link goes on from the folder holding it, an absolute
                        // one from its root.
                        todo.extend(steps(&fs::read_link(&next)?));
                    }
                    _ => out = next,
                }
            }
        }
    }
    Ok(out)
}

/// One step of walking a path.
enum Step {
    /// Start again from this root (`/`, or `C:\` on Windows).
    Root(PathBuf),
    Up,
    Name(OsString),
}

/// The steps of walking `path`, the first one last.
fn steps(path: &Path) -> Vec<Step> {
    let mut steps = Vec::new();
    if path.has_root() {
        if let Some(root) = path.ancestors().last() {
            steps.push(Step::Root(root.to_path_buf()));
        }
    }
    for c in path.components() {
        match c {
            Component::ParentDir => steps.push(Step::Up),
            Component::Normal(name) => steps.push(Step::Name(name.to_os_string())),
            Component::Prefix(_) | Component::RootDir | Component::CurDir => {}
        }
    }
    steps.reverse();
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_existing_path_resolves_as_canonicalize_does() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("a/b")).unwrap();
        let real = fs::canonicalize(dir.path().join("a/b")).unwrap();
        assert_eq!(resolve(&dir.path().join("a/./b/../b")).unwrap(), real);
    }

    #[test]
    fn a_missing_tail_is_appended_to_the_resolved_part() {
        let dir = tempfile::tempdir().unwrap();
        let base = fs::canonicalize(dir.path()).unwrap();
        let got = resolve(&dir.path().join("new/deeper/../other")).unwrap();
        assert_eq!(got, base.join("new/other"));
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_before_dotdot_is_taken() {
        let dir = tempfile::tempdir().unwrap();
        let base = fs::canonicalize(dir.path()).unwrap();
        fs::create_dir_all(base.join("real/inner")).unwrap();
        std::os::unix::fs::symlink("real/inner", base.join("link")).unwrap();
        // link/.. is real/, not the folder holding the link.
        assert_eq!(
            resolve(&base.join("link/../x")).unwrap(),
            base.join("real/x")
        );
        // A dangling link resolves to where it points.
        std::os::unix::fs::symlink("real/missing/site", base.join("dangling")).unwrap();
        assert_eq!(
            resolve(&base.join("dangling")).unwrap(),
            base.join("real/missing/site")
        );
        // An absolute link, through a chain of them.
        std::os::unix::fs::symlink(base.join("link"), base.join("abs")).unwrap();
        assert_eq!(resolve(&base.join("abs")).unwrap(), base.join("real/inner"));
    }

    #[cfg(unix)]
    #[test]
    fn a_loop_of_links_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink("b", dir.path().join("a")).unwrap();
        std::os::unix::fs::symlink("a", dir.path().join("b")).unwrap();
        assert!(resolve(&dir.path().join("a/x")).is_err());
    }

    #[test]
    fn a_relative_path_starts_from_the_current_folder() {
        let cwd = fs::canonicalize(".").unwrap();
        assert_eq!(
            resolve(Path::new("no-such-dir/x")).unwrap(),
            cwd.join("no-such-dir/x")
        );
    }
}
