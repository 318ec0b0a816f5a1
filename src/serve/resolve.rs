//! Mapping a request's path to a file of the private output folder. Nothing outside that
//! folder is ever found.

use std::fs;
use std::path::{Path, PathBuf};

use percent_encoding::{percent_decode_str, utf8_percent_encode};

use crate::paths::URL_SEGMENT;

/// What a request path maps to.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Target {
    File(PathBuf),
    /// A folder asked for without its trailing slash: relative links need the slash.
    Redirect(String),
    NotFound,
}

/// Maps a request target (path and query) to a file inside `root`. `..`, encoded traversal,
/// backslashes, NUL bytes and symlinks that lead out of `root` all give `NotFound`.
pub(super) fn resolve(root: &Path, raw: &str) -> Target {
    let raw = raw.split('#').next().unwrap_or("");
    let (path, query) = match raw.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (raw, None),
    };
    let Ok(decoded) = percent_decode_str(path).decode_utf8() else {
        return Target::NotFound;
    };
    if !decoded.starts_with('/') || decoded.contains(['\\', '\0']) {
        return Target::NotFound;
    }
    let mut file = root.to_path_buf();
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Target::NotFound,
            s if Path::new(s).is_absolute() || s.contains(':') => return Target::NotFound,
            s => {
                file.push(s);
                segments.push(s);
            }
        }
    }
    let meta = match fs::metadata(&file) {
        Ok(meta) => meta,
        // `/module/lesson` finds `module/lesson.html`, as most static hosts do.
        Err(_) if !decoded.ends_with('/') => {
            file.as_mut_os_string().push(".html");
            match fs::metadata(&file) {
                Ok(meta) => meta,
                Err(_) => return Target::NotFound,
            }
        }
        Err(_) => return Target::NotFound,
    };
    if meta.is_dir() {
        if !decoded.ends_with('/') {
            return Target::Redirect(folder_location(&segments, query));
        }
        file.push("index.html");
    }
    match (file.canonicalize(), root.canonicalize()) {
        (Ok(real), Ok(real_root)) if real.starts_with(&real_root) && real.is_file() => {
            Target::File(real)
        }
        _ => Target::NotFound,
    }
}

/// The address of a folder, written from its segments: empty ones are dropped, so that
/// `//host` never becomes a protocol-relative `Location` that sends the browser away.
fn folder_location(segments: &[&str], query: Option<&str>) -> String {
    let mut location = String::from("/");
    for segment in segments {
        location.extend(utf8_percent_encode(segment, URL_SEGMENT));
        location.push('/');
    }
    if let Some(query) = query {
        location.push('?');
        location.push_str(query);
    }
    location
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_every_way_out_of_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        fs::create_dir_all(out.join("a")).unwrap();
        fs::write(out.join("index.html"), "home").unwrap();
        fs::write(out.join("a/index.html"), "a").unwrap();
        fs::write(out.join("a/b.html"), "b").unwrap();
        fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), out.join("link.txt")).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), out.join("link.html")).unwrap();

        assert!(matches!(resolve(&out, "/"), Target::File(p) if p.ends_with("index.html")));
        assert!(matches!(resolve(&out, "/a/"), Target::File(p) if p.ends_with("a/index.html")));
        assert_eq!(resolve(&out, "/a"), Target::Redirect("/a/".into()));
        assert_eq!(resolve(&out, "/a?x=1"), Target::Redirect("/a/?x=1".into()));
        assert!(matches!(resolve(&out, "/a/b"), Target::File(p) if p.ends_with("a/b.html")));
        for bad in [
            "/../secret.txt",
            "/a/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/..%5csecret.txt",
            "/a\\..\\..\\secret.txt",
            "//etc/passwd",
            "/link.txt",
            "/link",
            "/%00",
            "/nope.html",
        ] {
            assert_eq!(resolve(&out, bad), Target::NotFound, "{bad}");
        }
        assert_eq!(
            resolve(
                &out,
                &format!("/{}", dir.path().join("secret.txt").display())
            ),
            Target::NotFound
        );
    }

    #[test]
    fn a_double_slash_never_redirects_to_another_host() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        fs::create_dir_all(out.join("x/ünï cödé")).unwrap();
        assert_eq!(resolve(&out, "//x"), Target::Redirect("/x/".into()));
        assert_eq!(resolve(&out, "///x"), Target::Redirect("/x/".into()));
        assert_eq!(resolve(&out, "/./x"), Target::Redirect("/x/".into()));
        assert_eq!(
            resolve(&out, "//x/%C3%BCn%C3%AF%20c%C3%B6d%C3%A9"),
            Target::Redirect("/x/%C3%BCn%C3%AF%20c%C3%B6d%C3%A9/".into())
        );
    }
}
