//! A running `aula serve` over a fixture course, and raw HTTP/1.1 against it, for the serve
//! tests: they send exactly the bytes a browser or a hostile client would.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use super::Course;

/// A running `aula serve` over a course, stopped on drop.
pub(crate) struct Served {
    pub child: Child,
    pub port: u16,
    course: Course,
    /// What serve printed up to its URL line.
    pub said: Vec<String>,
    stderr: Arc<Mutex<String>>,
    /// serve's TMPDIR, where it keeps the served site.
    pub tmp: tempfile::TempDir,
}

impl Served {
    /// Serves `course` on a free port of 127.0.0.1.
    pub(crate) fn start(course: Course) -> Served {
        Served::start_with(course, free_port(), &[])
    }

    /// Serves `course` from `port` on, with more arguments of `aula serve`.
    pub(crate) fn start_with(course: Course, port: u16, args: &[&str]) -> Served {
        let tmp = tempfile::tempdir().unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_aula"))
            .env("TMPDIR", tmp.path())
            .args(["serve", "--root"])
            .arg(course.root())
            .args(["--port", &port.to_string()])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, stdout) = mpsc::channel::<String>();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                tx.send(line).ok();
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let err = child.stderr.take().unwrap();
        let collected = stderr.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                let mut all = collected.lock().unwrap();
                all.push_str(&line);
                all.push('\n');
            }
        });
        // The URL line says which port it took.
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut said = Vec::new();
        let port = loop {
            let line = stdout
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .unwrap_or_else(|_| {
                    panic!("serve printed no URL: {said:?}\n{}", stderr.lock().unwrap())
                });
            said.push(line.clone());
            if let Some(rest) = line.split("http://").nth(1) {
                let authority = rest.split('/').next().unwrap();
                break authority.rsplit(':').next().unwrap().parse().unwrap();
            }
        };
        Served {
            child,
            port,
            course,
            said,
            stderr,
            tmp,
        }
    }

    /// The course root.
    pub(crate) fn root(&self) -> &Path {
        self.course.root()
    }

    /// Writes a file of the course, as an author saving it.
    pub(crate) fn write(&self, rel: &str, text: &str) {
        self.course.write(rel, text);
    }

    /// The Host header a browser sends for this server.
    pub(crate) fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// What serve printed on stderr so far.
    pub(crate) fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// `GET path` on a connection of its own.
    pub(crate) fn get(&self, path: &str) -> Response {
        self.request(&format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.host()
        ))
    }

    /// Sends `raw` on a connection of its own and reads the answer until the server
    /// closes it (or 10 s pass).
    pub(crate) fn request(&self, raw: &str) -> Response {
        request(self.port, raw)
    }

    /// A new connection to the server.
    pub(crate) fn connect(&self) -> TcpStream {
        TcpStream::connect(("127.0.0.1", self.port)).unwrap()
    }

    /// Opens the live-reload stream; frames arrive on the receiver.
    pub(crate) fn events(&self) -> mpsc::Receiver<String> {
        let mut stream = self.connect();
        stream
            .write_all(
                format!(
                    "GET /__aula/events HTTP/1.1\r\nHost: {}\r\n\r\n",
                    self.host()
                )
                .as_bytes(),
            )
            .unwrap();
        let (tx, rx) = mpsc::channel();
        let (ready_tx, ready) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                // The server registers the stream before it writes its first line.
                if line.starts_with("retry:") {
                    ready_tx.send(()).ok();
                }
                if let Some(data) = line.strip_prefix("data: ") {
                    if tx.send(data.to_string()).is_err() {
                        break;
                    }
                }
            }
        });
        ready
            .recv_timeout(Duration::from_secs(10))
            .expect("the event stream did not open");
        rx
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// An answer of the server.
pub(crate) struct Response {
    /// 0 when nothing came.
    pub status: u16,
    /// The status line and headers, lowercased.
    pub head: String,
    pub body: String,
    pub bytes: Vec<u8>,
}

impl Response {
    /// The value of a header (its name in lowercase), if the answer has it.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            (key.trim() == name).then(|| value.trim())
        })
    }
}

/// Sends `raw` to 127.0.0.1:`port` and reads until the server closes (10 s at most).
pub(crate) fn request(port: u16, raw: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.write_all(raw.as_bytes()).unwrap();
    read_to_close(stream, Duration::from_secs(10))
}

/// Reads what the server sends on `stream` until it closes, or until `within` passes
/// without a byte.
pub(crate) fn read_to_close(mut stream: TcpStream, within: Duration) -> Response {
    stream.set_read_timeout(Some(within)).unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).ok();
    parse(bytes)
}

/// Reads one answer from a kept-alive connection: its head, then `Content-Length` bytes.
pub(crate) fn read_one(reader: &mut BufReader<TcpStream>) -> Response {
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        let mut line = Vec::new();
        if reader.read_until(b'\n', &mut line).unwrap_or(0) == 0 {
            break;
        }
        head.extend_from_slice(&line);
    }
    let mut response = parse(head);
    let length: usize = response
        .header("content-length")
        .and_then(|l| l.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    response.body = String::from_utf8_lossy(&body).into_owned();
    response.bytes = body;
    response
}

fn parse(bytes: Vec<u8>) -> Response {
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(bytes.len(), |i| i + 4);
    let head = String::from_utf8_lossy(&bytes[..split]).to_lowercase();
    let body = bytes[split..].to_vec();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Response {
        status,
        head,
        body: String::from_utf8_lossy(&body).into_owned(),
        bytes: body,
    }
}

/// A port nobody listens on now.
pub(crate) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Waits for a frame that contains `needle`; returns it.
pub(crate) fn expect_event(rx: &mpsc::Receiver<String>, needle: &str, within: Duration) -> String {
    let deadline = Instant::now() + within;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(frame) if frame.contains(needle) => return frame,
            Ok(_) => continue,
            Err(_) => panic!("no event with {needle:?} within {within:?}"),
        }
    }
}

/// Waits for reloads until `done` holds after one. A new file can arrive as two batches
/// of watcher events (its folder, then its content), and so as two rebuilds and two reloads.
pub(crate) fn reload_until(rx: &mpsc::Receiver<String>, within: Duration, done: impl Fn() -> bool) {
    let deadline = Instant::now() + within;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(frame) if frame.contains("reload") && done() => return,
            Ok(_) => continue,
            Err(_) => panic!("no reload showed the change within {within:?}"),
        }
    }
}
