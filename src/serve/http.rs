//! Answering one request: what the dev server refuses, the live-reload script and its
//! event stream, and the files of the private output folder.

use std::fs;
use std::io::Read;
use std::net::IpAddr;
use std::path::Path;
use std::sync::Arc;

use bytes::Bytes;
use hyper::header::{self, HeaderMap, HeaderValue};
use hyper::http::request::Parts;
use hyper::http::uri::Authority;
use hyper::{Method, Request, Response, StatusCode, Version};

use super::body::Body;
use super::resolve::{resolve, Target};
use super::State;

const RELOAD_JS: &str = include_str!("reload.js");
const RELOAD_CSS: &str = include_str!("reload.css");

/// The largest body a request may announce. The dev server reads no body at all: a
/// larger one is answered with 413 at once, without waiting for it.
pub(super) const MAX_BODY: u64 = 1024;

/// Answers one request.
pub(super) async fn answer(
    request: Request<hyper::body::Incoming>,
    state: Arc<State>,
) -> Response<Body> {
    // The body is dropped unread. The refusals below close the connection of a request
    // that announced one, so that nothing waits for it.
    let (parts, _) = request.into_parts();
    if let Some(refusal) = refuse(&parts, state.local_only) {
        return refusal;
    }
    let head = parts.method == Method::HEAD;
    match parts.uri.path() {
        "/__aula/events" => return events(&state, head),
        "/__aula/reload.js" => {
            return respond(
                StatusCode::OK,
                "text/javascript; charset=utf-8",
                Bytes::from_static(RELOAD_JS.as_bytes()),
                head,
            )
        }
        "/__aula/reload.css" => {
            return respond(
                StatusCode::OK,
                "text/css; charset=utf-8",
                Bytes::from_static(RELOAD_CSS.as_bytes()),
                head,
            )
        }
        "/print.html" | "/print" => {
            // Rendering the print page waits for a rebuild in progress, and renders every
            // page: on a thread of its own, not one that answers the other requests.
            let state = state.clone();
            tokio::task::spawn_blocking(move || state.refresh_print())
                .await
                .ok();
        }
        at if at.starts_with("/assets/search-index") => {
            // The index holds every page too; it is quick to write from the pages as
            // rendered, but still off the threads that answer.
            let state = state.clone();
            tokio::task::spawn_blocking(move || state.refresh_search())
                .await
                .ok();
        }
        _ => {}
    }
    let target = parts
        .uri
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_string();
    // Off the threads that answer the other requests: a cold disk or a large file must not
    // make them wait.
    let out = state.out.clone();
    tokio::task::spawn_blocking(move || file(&out, &target, head))
        .await
        .unwrap_or_else(|_| not_found(&state.out, head))
}

/// The answer to a request the server will not serve, if it is one: a body (none is ever
/// read), a method other than GET and HEAD, or a host that is not this machine.
fn refuse(parts: &Parts, local_only: Option<IpAddr>) -> Option<Response<Body>> {
    let length = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok())
        .unwrap_or(0);
    let has_body = length > 0 || parts.headers.contains_key(header::TRANSFER_ENCODING);
    let reading = parts.method == Method::GET || parts.method == Method::HEAD;
    let mut refusal = if length > MAX_BODY {
        text(
            StatusCode::PAYLOAD_TOO_LARGE,
            "aula serve reads no request body.\n",
        )
    } else if reading && has_body {
        text(
            StatusCode::BAD_REQUEST,
            "A GET or HEAD request has no body.\n",
        )
    } else if !reading {
        let mut r = text(
            StatusCode::METHOD_NOT_ALLOWED,
            "aula serve answers GET and HEAD only.\n",
        );
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        r
    } else {
        return local_only.and_then(|ip| refuse_host(parts, ip));
    };
    if has_body {
        refusal
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    Some(refusal)
}

/// Served on a loopback address, the server answers only requests that name this machine:
/// a page of another site could point a name of its own at 127.0.0.1 (DNS rebinding) and
/// read the course through the visitor's browser.
fn refuse_host(parts: &Parts, ip: IpAddr) -> Option<Response<Body>> {
    // An address in the request line counts before the Host header, as RFC 9112 says.
    let host = match parts.uri.authority() {
        Some(authority) => authority.host().to_string(),
        None => match parts.headers.get(header::HOST) {
            Some(value) => match value
                .to_str()
                .ok()
                .and_then(|v| v.parse::<Authority>().ok())
            {
                Some(authority) => authority.host().to_string(),
                None => String::new(),
            },
            // HTTP/1.0 may leave the host out; no browser does.
            None if parts.version < Version::HTTP_11 => return None,
            None => {
                return Some(text(
                    StatusCode::BAD_REQUEST,
                    "An HTTP/1.1 request names its host.\n",
                ))
            }
        },
    };
    if is_this_machine(&host, ip) {
        return None;
    }
    Some(text(
        StatusCode::FORBIDDEN,
        "aula serve answers requests for localhost, 127.0.0.1 or [::1] only. To reach it from \
         other machines, start it with --bind 0.0.0.0.\n",
    ))
}

/// Whether `host` (as in a Host header, without its port) names this machine on `ip`.
fn is_this_machine(host: &str, ip: IpAddr) -> bool {
    let bound = match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    };
    host.eq_ignore_ascii_case("localhost")
        || host == "127.0.0.1"
        || host == "[::1]"
        || host == bound
}

/// A page's live-reload stream.
fn events(state: &State, head: bool) -> Response<Body> {
    let body = if head {
        Body::empty()
    } else {
        Body::Events(state.events.subscribe())
    };
    let mut response = Response::new(body);
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream"),
    );
    always(headers);
    response
}

/// A file of the output, a folder's redirect, or the site's 404 page.
fn file(out: &Path, target: &str, head: bool) -> Response<Body> {
    match resolve(out, target) {
        Target::File(path) => {
            match fs::File::open(&path).and_then(|f| Ok((f.metadata()?.len(), f))) {
                Ok((length, opened)) if length > WHOLE_FILE => {
                    let body = if head {
                        Body::empty()
                    } else {
                        chunks(opened, length)
                    };
                    let mut response = Response::new(body);
                    let headers = response.headers_mut();
                    headers.insert(header::CONTENT_TYPE, header_value(&content_type(&path)));
                    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
                    always(headers);
                    response
                }
                Ok((length, mut opened)) => {
                    let mut bytes = Vec::with_capacity(length as usize);
                    match opened.read_to_end(&mut bytes) {
                        Ok(_) => respond(StatusCode::OK, &content_type(&path), bytes.into(), head),
                        Err(_) => not_found(out, head),
                    }
                }
                Err(_) => not_found(out, head),
            }
        }
        Target::Redirect(location) => match HeaderValue::from_str(&location) {
            Ok(location) => {
                let mut response = Response::new(Body::empty());
                *response.status_mut() = StatusCode::MOVED_PERMANENTLY;
                let headers = response.headers_mut();
                headers.insert(header::LOCATION, location);
                always(headers);
                response
            }
            Err(_) => not_found(out, head),
        },
        Target::NotFound => not_found(out, head),
    }
}

/// Files up to this size are sent whole, with their head in one write; larger ones (a video)
/// in chunks, so that serving them holds a few chunks in memory, not the file.
const WHOLE_FILE: u64 = 1 << 20;

/// How much of a large file is read at a time, and how many such chunks may wait for a slow
/// client: the reader thread waits for it beyond that, and stops when the client is gone.
const CHUNK: usize = 256 << 10;
const CHUNKS_AHEAD: usize = 4;

/// A large file's body, read on a thread of tokio's blocking pool as the client takes it.
fn chunks(mut file: fs::File, length: u64) -> Body {
    let (tx, rx) = tokio::sync::mpsc::channel(CHUNKS_AHEAD);
    tokio::task::spawn_blocking(move || loop {
        let mut chunk = vec![0; CHUNK];
        match file.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                chunk.truncate(n);
                if tx.blocking_send(Bytes::from(chunk)).is_err() {
                    break;
                }
            }
        }
    });
    Body::Chunks(rx, length)
}

fn header_value(text: &str) -> HeaderValue {
    HeaderValue::from_str(text).unwrap_or(HeaderValue::from_static("application/octet-stream"))
}

fn not_found(out: &Path, head: bool) -> Response<Body> {
    let body = fs::read(out.join("404.html"))
        .unwrap_or_else(|_| b"<!DOCTYPE html><title>404</title><p>Not found".to_vec());
    respond(
        StatusCode::NOT_FOUND,
        "text/html; charset=utf-8",
        body.into(),
        head,
    )
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

/// An answer with a body of `content_type`; HEAD gets its headers only.
fn respond(status: StatusCode, content_type: &str, body: Bytes, head: bool) -> Response<Body> {
    let length = body.len();
    let mut response = Response::new(if head { Body::empty() } else { body.into() });
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, header_value(content_type));
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    always(headers);
    response
}

fn text(status: StatusCode, message: &'static str) -> Response<Body> {
    respond(
        status,
        "text/plain; charset=utf-8",
        Bytes::from_static(message.as_bytes()),
        false,
    )
}

/// What every answer says: never cache (the next save changes it), and never guess a type
/// other than the one given.
fn always(headers: &mut HeaderMap) {
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_of_this_machine_pass_the_host_check() {
        let v4: IpAddr = "127.0.0.1".parse().unwrap();
        let other: IpAddr = "127.0.0.5".parse().unwrap();
        for host in ["localhost", "LOCALHOST", "127.0.0.1", "[::1]"] {
            assert!(is_this_machine(host, v4), "{host}");
        }
        assert!(is_this_machine("127.0.0.5", other));
        for host in [
            "evil.example",
            "localhost.evil.example",
            "127.0.0.2",
            "::1",
            "",
        ] {
            assert!(!is_this_machine(host, v4), "{host}");
        }
    }
}
