//! The dev server's HTTP side: static files from the private output folder, the live-reload
//! script and its event stream. Nothing outside the output folder is ever read.

use std::fs;
use std::path::{Path, PathBuf};

use percent_encoding::percent_decode_str;
use tiny_http::{Header, Request, Response, StatusCode};

use super::State;

const RELOAD_JS: &str = include_str!("reload.js");
const RELOAD_CSS: &str = include_str!("reload.css");

/// What a request path maps to.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    File(PathBuf),
    /// A folder asked for without its trailing slash: relative links need the slash.
    Redirect(String),
    NotFound,
}

/// Maps a request path to a file inside `root`. `..`, encoded traversal, backslashes,
/// NUL bytes and symlinks that lead out of `root` all give `NotFound`.
pub fn resolve(root: &Path, raw: &str) -> Target {
    let path = raw.split(['?', '#']).next().unwrap_or("");
    let Ok(decoded) = percent_decode_str(path).decode_utf8() else {
        return Target::NotFound;
    };
    if !decoded.starts_with('/') || decoded.contains(['\\', '\0']) {
        return Target::NotFound;
    }
    let mut file = root.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Target::NotFound,
            s if Path::new(s).is_absolute() || s.contains(':') => return Target::NotFound,
            s => file.push(s),
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
            return Target::Redirect(format!("{decoded}/"));
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

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap_or_else(|_| {
        Header::from_bytes(&b"X-Aula"[..], &b"1"[..]).expect("a static header is valid")
    })
}

fn content_type(path: &Path) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    match mime.type_() {
        mime_guess::mime::TEXT => format!("{mime}; charset=utf-8"),
        _ if mime.subtype() == "javascript"
            || mime.subtype() == "json"
            || mime.subtype() == "xml" =>
        {
            format!("{mime}; charset=utf-8")
        }
        _ => mime.to_string(),
    }
}

fn respond(request: Request, status: u16, content_type: &str, body: Vec<u8>) {
    let response = Response::from_data(body)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"));
    // A client that went away mid-response is not an error worth reporting.
    request.respond(response).ok();
}

/// Answers one request.
pub fn handle(request: Request, state: &State) {
    let url = request.url().to_string();
    match url.split('?').next().unwrap_or("") {
        "/__aula/events" => {
            return state
                .events
                .subscribe(request.into_writer(), &state.current_errors())
        }
        "/__aula/reload.js" => {
            return respond(
                request,
                200,
                "text/javascript; charset=utf-8",
                RELOAD_JS.into(),
            )
        }
        "/__aula/reload.css" => {
            return respond(request, 200, "text/css; charset=utf-8", RELOAD_CSS.into())
        }
        _ => {}
    }
    if matches!(url.split(['?', '#']).next(), Some("/print.html" | "/print")) {
        state.refresh_print();
    }
    match resolve(&state.out, &url) {
        Target::File(path) => match fs::read(&path) {
            Ok(body) => respond(request, 200, &content_type(&path), body),
            Err(_) => not_found(request, state),
        },
        Target::Redirect(location) => {
            let response = Response::empty(StatusCode(301))
                .with_header(header("Location", &location))
                .with_header(header("Cache-Control", "no-store"));
            request.respond(response).ok();
        }
        Target::NotFound => not_found(request, state),
    }
}

fn not_found(request: Request, state: &State) {
    let body = fs::read(state.out.join("404.html"))
        .unwrap_or_else(|_| b"<!DOCTYPE html><title>404</title><p>Not found".to_vec());
    respond(request, 404, "text/html; charset=utf-8", body);
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
}
