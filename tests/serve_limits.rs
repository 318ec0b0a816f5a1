//! No client can freeze `aula serve`: hostile and broken requests, event streams that stop
//! reading, requests it refuses, and files saved while the course has errors. Each test sends
//! raw bytes to the real binary, as such a client would.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use common::course;
use common::served::{expect_event, free_port, read_one, read_to_close, Served};

const LESSON: &str = "+++\ntitle = \"Lesson\"\n+++\n\nFirst text.\n\n![A diagram](diagram.png)\n";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\nfirst version";

/// A home page, a module with one lesson and its image, and a static file of the course.
fn start() -> Served {
    Served::start(
        course()
            .file(
                "content/01-m/_index.md",
                "+++\ntitle = \"Module\"\n+++\nIntro.\n",
            )
            .file("content/01-m/01-l.md", LESSON)
            .bytes("content/01-m/diagram.png", PNG)
            .file("static/extra.css", "p { color: red }\n")
            .build(),
    )
}

/// Opens a connection for each request of `raws` and sends it, leaving the connection open.
fn send_each(s: &Served, raws: impl Iterator<Item = String>) -> Vec<TcpStream> {
    raws.map(|raw| {
        let mut c = s.connect();
        c.write_all(raw.as_bytes()).unwrap();
        c
    })
    .collect()
}

/// Sends `raw` and waits at most `within` for the answer's status line; 0 if none came.
fn status_within(s: &Served, raw: &str, within: Duration) -> u16 {
    let mut stream = s.connect();
    stream.write_all(raw.as_bytes()).unwrap();
    first_status(&mut stream, within)
}

fn first_status(stream: &mut TcpStream, within: Duration) -> u16 {
    stream.set_read_timeout(Some(within)).unwrap();
    let mut line = String::new();
    BufReader::new(stream).read_line(&mut line).ok();
    line.split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// How long `GET /` takes on a new connection, answer read to the end.
fn time_home(s: &Served) -> Duration {
    let start = Instant::now();
    let r = s.get("/");
    assert_eq!(r.status, 200, "{}", r.head);
    start.elapsed()
}

#[test]
fn a_content_length_too_large_for_memory_does_not_kill_the_workers() {
    let s = start();
    // Each of these once panicked a worker inside the HTTP library: eight are more than
    // there were workers.
    let mut clients = send_each(
        &s,
        (0..8).map(|_| {
            format!(
                "GET / HTTP/1.1\r\nHost: {}\r\nContent-Length: 18446744073709551615\r\n\r\n",
                s.host()
            )
        }),
    );
    for c in &mut clients {
        let status = first_status(c, Duration::from_secs(3));
        assert!(
            matches!(status, 413 | 431),
            "refused as too large, got {status}"
        );
    }
    assert!(time_home(&s) < Duration::from_secs(1));
}

#[test]
fn requests_whose_body_never_arrives_are_answered_at_once() {
    let s = start();
    // Held open without their bodies: each once held a worker until the body came.
    let methods = ["GET", "POST", "GET", "PUT", "GET", "POST", "GET", "GET"];
    let mut clients = send_each(
        &s,
        methods.iter().map(|method| {
            format!(
                "{method} /m/l.html HTTP/1.1\r\nHost: {}\r\nContent-Length: 100000\r\n\r\n",
                s.host()
            )
        }),
    );
    for c in &mut clients {
        assert_eq!(first_status(c, Duration::from_secs(3)), 413);
    }
    let small_and_missing = format!(
        "GET / HTTP/1.1\r\nHost: {}\r\nContent-Length: 10\r\n\r\n",
        s.host()
    );
    assert_eq!(
        status_within(&s, &small_and_missing, Duration::from_secs(3)),
        400
    );
    assert!(time_home(&s) < Duration::from_secs(1));
}

#[test]
fn a_get_or_head_with_a_body_is_refused() {
    let s = start();
    let host = s.host();
    for raw in [
        format!("GET / HTTP/1.1\r\nHost: {host}\r\nContent-Length: 5\r\n\r\nhello"),
        format!("HEAD / HTTP/1.1\r\nHost: {host}\r\nContent-Length: 5\r\n\r\nhello"),
        format!(
            "GET / HTTP/1.1\r\nHost: {host}\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
        ),
    ] {
        let r = s.request(&raw);
        assert_eq!(r.status, 400, "{raw:?}: {}", r.head);
        assert!(r.head.contains("connection: close"), "{}", r.head);
    }
    assert_eq!(s.get("/").status, 200);
}

#[test]
fn headers_that_never_finish_are_cut_off_after_a_timeout() {
    let s = start();
    let mut slow = s.connect();
    slow.write_all(format!("GET / HTTP/1.1\r\nHost: {}\r\n", s.host()).as_bytes())
        .unwrap();
    // A slowloris client: one more header line every half second, never the blank line.
    let mut writer = slow.try_clone().unwrap();
    std::thread::spawn(move || {
        for i in 0..40 {
            std::thread::sleep(Duration::from_millis(500));
            if writer
                .write_all(format!("X-{i}: a\r\n").as_bytes())
                .is_err()
            {
                break;
            }
        }
    });
    let start = Instant::now();
    let answer = read_to_close(slow, Duration::from_secs(12));
    let took = start.elapsed();
    assert!(
        took < Duration::from_secs(9),
        "the connection was still open after {took:?}"
    );
    assert!(
        answer.status == 0 || answer.status == 408,
        "closed, or told 408: {}",
        answer.head
    );
    assert!(time_home(&s) < Duration::from_secs(1));
}

#[test]
fn after_a_thousand_hostile_requests_the_home_page_answers_within_50_ms() {
    let s = start();
    let host = s.host();
    let kinds = [
        format!("GET / HTTP/1.1\r\nHost: {host}\r\nContent-Length: 18446744073709551615\r\n\r\n"),
        format!("GET / HTTP/1.1\r\nHost: {host}\r\nContent-Length: 100000\r\n\r\n"),
        format!("GET / HTTP/1.1\r\nHost: {host}\r\nContent-Length: 5\r\n\r\nhello"),
        format!("POST / HTTP/1.1\r\nHost: {host}\r\nContent-Length: 50\r\n\r\n"),
    ];
    // Headers that never finish, six requests in ten: kept open until the server gives up
    // on them, more at once than a fixed pool of connections would take.
    let slow = format!("GET / HTTP/1.1\r\nHost: {host}\r\nX-Slow: ");
    let port = s.port;
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let (kinds, slow) = (kinds.clone(), slow.clone());
            std::thread::spawn(move || {
                let mut open = Vec::new();
                for i in 0..250 {
                    let Ok(mut c) = TcpStream::connect(("127.0.0.1", port)) else {
                        return Err(format!("connection {i} refused"));
                    };
                    let kind = (t + i) % 10;
                    if kind < 6 {
                        c.write_all(slow.as_bytes()).ok();
                        open.push(c);
                        continue;
                    }
                    let kind = kind - 6;
                    c.write_all(kinds[kind].as_bytes()).ok();
                    if first_status(&mut c, Duration::from_secs(3)) == 0 {
                        return Err(format!("request {i} of kind {kind} got no answer"));
                    }
                }
                Ok(open)
            })
        })
        .collect();
    let mut held = Vec::new();
    for t in threads {
        held.push(t.join().unwrap().unwrap());
    }
    assert_eq!(held.iter().map(Vec::len).sum::<usize>(), 600);
    // The median of five, so that one hiccup of a shared machine does not decide it.
    let mut times: Vec<Duration> = (0..5).map(|_| time_home(&s)).collect();
    times.sort();
    assert!(
        times[2] < Duration::from_millis(50),
        "GET / took {times:?} with 600 slow clients connected"
    );
}

#[test]
fn methods_other_than_get_and_head_get_405_with_the_allowed_ones() {
    let s = start();
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
        let r = s.request(&format!(
            "{method} /m/l.html HTTP/1.1\r\nHost: {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            s.host()
        ));
        assert_eq!(r.status, 405, "{method}: {}", r.head);
        assert_eq!(r.header("allow"), Some("get, head"), "{method}");
    }
}

#[test]
fn every_response_says_nosniff() {
    let s = start();
    let host = s.host();
    let mut answers = vec![
        ("page", s.get("/m/l.html")),
        ("stylesheet", s.get("/extra.css")),
        ("image", s.get("/m/diagram.png")),
        ("reload script", s.get("/__aula/reload.js")),
        ("missing", s.get("/nope.html")),
        ("folder", s.get("/m")),
        (
            "post",
            s.request(&format!(
                "POST / HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\n\r\n"
            )),
        ),
        (
            "get with a body",
            s.request(&format!(
                "GET / HTTP/1.1\r\nHost: {host}\r\nContent-Length: 1\r\n\r\nx"
            )),
        ),
        (
            "another host",
            s.request("GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"),
        ),
    ];
    let mut stream = s.connect();
    stream
        .write_all(format!("GET /__aula/events HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes())
        .unwrap();
    answers.push((
        "event stream",
        read_to_close(stream, Duration::from_millis(500)),
    ));
    for (what, r) in &answers {
        assert_ne!(r.status, 0, "{what}");
        assert_eq!(
            r.header("x-content-type-options"),
            Some("nosniff"),
            "{what}: {}",
            r.head
        );
    }
}

#[test]
fn a_double_slash_path_never_redirects_to_another_host() {
    let s = start();
    for (path, to) in [("//m", "/m/"), ("///m", "/m/"), ("/./m", "/m/")] {
        let r = s.get(path);
        assert_eq!(r.status, 301, "{path}");
        assert_eq!(r.header("location"), Some(to), "{path}");
    }
}

#[test]
fn a_request_naming_another_host_is_refused() {
    let s = start();
    let port = s.port;
    for host in [
        "evil.example",
        &format!("evil.example:{port}"),
        "127.0.0.1.evil.example",
        "10.0.0.1",
    ] {
        let r = s.request(&format!(
            "GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ));
        assert_eq!(r.status, 403, "{host}");
        assert!(!r.body.contains("Welcome"), "{host}: {}", r.body);
    }
    let absolute = s.request(&format!(
        "GET http://evil.example/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    ));
    assert_eq!(
        absolute.status, 403,
        "the address in the request line counts"
    );
    for host in [
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        "localhost".to_string(),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        "[::1]".to_string(),
    ] {
        let r = s.request(&format!(
            "GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ));
        assert_eq!(r.status, 200, "{host}");
    }
}

#[test]
fn binding_to_a_network_address_warns_that_the_course_can_be_seen() {
    let s = Served::start_with(course().build(), free_port(), &["--bind", "0.0.0.0"]);
    // Printed before the URL line, but read from another pipe: give it a moment.
    let deadline = Instant::now() + Duration::from_secs(2);
    while !s.stderr().contains("warning:") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let said = s.stderr();
    assert!(said.contains("warning:"), "{said}");
    assert!(said.contains("network"), "{said}");
    // Reached from the network, the server cannot know its names: no host is refused.
    let r = s.request("GET / HTTP/1.1\r\nHost: 192.0.2.7\r\nConnection: close\r\n\r\n");
    assert_eq!(r.status, 200);

    let local = Served::start(course().build());
    assert!(!local.stderr().contains("warning:"), "{}", local.stderr());
}

#[test]
fn head_answers_with_the_headers_of_get_and_no_body() {
    let s = start();
    let get = s.get("/m/l.html");
    let head = s.request(&format!(
        "HEAD /m/l.html HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        s.host()
    ));
    assert_eq!(head.status, 200);
    assert!(head.bytes.is_empty());
    assert_eq!(
        head.header("content-length"),
        Some(get.bytes.len().to_string().as_str())
    );
    assert_eq!(head.header("content-type"), get.header("content-type"));
}

#[test]
fn requests_on_one_kept_alive_connection_do_not_wait_for_delayed_acks() {
    let s = start();
    let stream = s.connect();
    let mut writer = stream.try_clone().unwrap();
    let mut reader = BufReader::new(stream);
    let mut times = Vec::new();
    for _ in 0..10 {
        let start = Instant::now();
        writer
            .write_all(format!("GET /m/l.html HTTP/1.1\r\nHost: {}\r\n\r\n", s.host()).as_bytes())
            .unwrap();
        let r = read_one(&mut reader);
        assert_eq!(r.status, 200);
        assert!(r.body.contains("First text."));
        times.push(start.elapsed());
    }
    times.sort();
    // Nagle's algorithm and a delayed ACK cost about 40 ms a request.
    assert!(
        times[5] < Duration::from_millis(20),
        "requests on a reused connection took {times:?}"
    );
}

#[test]
fn a_hundred_open_event_streams_leave_every_page_answering() {
    let s = start();
    let streams: Vec<_> = (0..100).map(|_| s.events()).collect();
    for path in [
        "/",
        "/m/",
        "/m/l.html",
        "/extra.css",
        "/m/diagram.png",
        "/__aula/reload.js",
    ] {
        for _ in 0..5 {
            let start = Instant::now();
            assert_eq!(s.get(path).status, 200, "{path}");
            assert!(start.elapsed() < Duration::from_secs(1), "{path}");
        }
    }
    // And they all still hear a reload.
    s.write("content/01-m/01-l.md", &LESSON.replace("First", "Second"));
    for events in &streams {
        expect_event(events, "reload", Duration::from_secs(5));
    }
}

#[test]
fn twenty_event_streams_opened_at_once_all_get_their_headers_within_a_second() {
    let s = start();
    let barrier = Arc::new(Barrier::new(20));
    let (port, host) = (s.port, s.host());
    let threads: Vec<_> = (0..20)
        .map(|_| {
            let (barrier, host) = (barrier.clone(), host.clone());
            std::thread::spawn(move || {
                barrier.wait();
                let start = Instant::now();
                let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
                stream
                    .write_all(
                        format!("GET /__aula/events HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes(),
                    )
                    .unwrap();
                stream
                    .set_read_timeout(Some(Duration::from_secs(3)))
                    .unwrap();
                let mut reader = BufReader::new(stream);
                let mut head = String::new();
                while !head.ends_with("\r\n\r\n") {
                    if reader.read_line(&mut head).unwrap_or(0) == 0 {
                        break;
                    }
                }
                (head.starts_with("HTTP/1.1 200"), start.elapsed(), reader)
            })
        })
        .collect();
    let results: Vec<_> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    for (ok, took, _) in &results {
        assert!(*ok, "a stream got no headers");
        assert!(*took < Duration::from_secs(1), "headers after {took:?}");
    }
}

#[test]
fn an_event_stream_that_never_reads_does_not_stop_another_from_reloading() {
    let s = start();
    // Connected first, so that a server writing to the streams in turn meets it first.
    let mut stalled = s.connect();
    stalled
        .write_all(format!("GET /__aula/events HTTP/1.1\r\nHost: {}\r\n\r\n", s.host()).as_bytes())
        .unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let events = s.events();
    // The overlay shows at most 50 errors of a kind per file, so the errors that fill the
    // socket buffers (about 4 MB on loopback) of the stream that never reads are spread over
    // 40 pages: every broken version sends all of them, about 2 MB, to every stream.
    let words = "word ".repeat(20);
    let broken = |version: usize, page: usize| -> String {
        let links: String = (0..50)
            .map(|j| format!("[broken {version} {page} {j}](missing-{j}.md) {words}\n\n"))
            .collect();
        format!("+++\ntitle = \"Broken {page}\"\n+++\n\n{links}")
    };
    for page in 0..40 {
        s.write(&format!("content/01-m/b{page:02}.md"), &broken(0, page));
    }
    expect_event(&events, "broken 0 39 49", Duration::from_secs(20));
    for version in 1..6 {
        s.write("content/01-m/b00.md", &broken(version, 0));
        expect_event(
            &events,
            &format!("broken {version} 0 49"),
            Duration::from_secs(10),
        );
    }
    for page in 0..40 {
        std::fs::remove_file(s.root().join(format!("content/01-m/b{page:02}.md"))).unwrap();
    }
    s.write("content/01-m/01-l.md", &LESSON.replace("First", "Fixed"));
    expect_event(&events, "reload", Duration::from_secs(10));
    assert!(s.get("/m/l.html").body.contains("Fixed text."));
    drop(stalled);
}

#[test]
fn a_static_file_saved_while_the_course_has_an_error_is_served_fresh_once_fixed() {
    let s = start();
    let events = s.events();
    s.write(
        "content/01-m/01-l.md",
        &format!("{LESSON}\n[broken](missing.md)\n"),
    );
    expect_event(&events, "errors", Duration::from_secs(5));
    s.write("static/extra.css", "p { color: blue }\n");
    expect_event(&events, "errors", Duration::from_secs(5));
    s.write("content/01-m/01-l.md", LESSON);
    expect_event(&events, "reload", Duration::from_secs(5));
    assert_eq!(s.get("/extra.css").body, "p { color: blue }\n");
}

#[test]
fn an_image_saved_while_the_course_has_an_error_is_served_fresh_once_fixed() {
    let s = start();
    let events = s.events();
    s.write(
        "content/01-m/01-l.md",
        &format!("{LESSON}\n[broken](missing.md)\n"),
    );
    expect_event(&events, "errors", Duration::from_secs(5));
    std::fs::write(
        s.root().join("content/01-m/diagram.png"),
        b"\x89PNG\r\n\x1a\nsecond version",
    )
    .unwrap();
    expect_event(&events, "errors", Duration::from_secs(5));
    s.write("content/01-m/01-l.md", LESSON);
    expect_event(&events, "reload", Duration::from_secs(5));
    assert_eq!(
        s.get("/m/diagram.png").bytes,
        b"\x89PNG\r\n\x1a\nsecond version"
    );
}

#[test]
fn a_course_that_never_built_says_so_in_its_error_event() {
    let s = Served::start(
        course()
            .file("content/01-m/01-l.md", "[broken](missing.md)\n")
            .build(),
    );
    let frame = expect_event(&s.events(), "errors", Duration::from_secs(5));
    assert!(frame.contains("\"built\":false"), "{frame}");
    assert!(
        s.get("/").body.contains("/__aula/reload.js"),
        "the placeholder page listens for the first good build"
    );
}

#[test]
fn a_video_over_a_mebibyte_arrives_whole_in_chunks_and_stalled_downloads_of_it_block_nobody() {
    // Every file was read whole into memory, on a thread that answers requests: a few
    // downloads of a large video cost its size each, and held those threads while reading.
    let video: Vec<u8> = (0..12 << 20).map(|i: u32| (i % 251) as u8).collect();
    let course = course()
        .file(
            "content/01-m/_index.md",
            "+++\ntitle = \"Module\"\n+++\nIntro.\n",
        )
        .file("content/01-m/01-l.md", LESSON)
        .bytes("content/01-m/diagram.png", PNG)
        .bytes("content/01-m/clip.mp4", &video)
        .build();
    let s = Served::start(course);
    // Ten downloads that never read past the head.
    let stalled = send_each(
        &s,
        (0..10).map(|_| format!("GET /m/clip.mp4 HTTP/1.1\r\nHost: {}\r\n\r\n", s.host())),
    );
    assert!(time_home(&s) < Duration::from_secs(1));
    let whole = s.get("/m/clip.mp4");
    assert_eq!(whole.status, 200, "{}\n{}", whole.head, s.stderr());
    assert_eq!(whole.header("content-length"), Some("12582912"));
    assert!(whole.bytes == video, "the video arrived changed");
    let head = s.request(&format!(
        "HEAD /m/clip.mp4 HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        s.host()
    ));
    assert_eq!(head.header("content-length"), Some("12582912"));
    assert!(head.bytes.is_empty());
    drop(stalled);
}
