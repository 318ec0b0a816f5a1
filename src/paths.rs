//! Small path helpers shared by the pipeline.

use std::path::{Component, Path, PathBuf};

/// Resolves `.` and `..` without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
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
pub fn slashed(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}
