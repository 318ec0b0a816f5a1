//! Server-Sent Events for live reload: every open page holds one stream, and a rebuild
//! sends one message to all of them.

use std::io::Write;
use std::sync::Mutex;

type Stream = Box<dyn Write + Send>;

/// The open event streams.
#[derive(Default)]
pub struct Events {
    streams: Mutex<Vec<Stream>>,
}

/// One message to the pages.
pub enum Message<'a> {
    /// Reload the page.
    Reload,
    /// Only stylesheets changed: swap them without a reload.
    Css,
    /// The last rebuild failed: show these diagnostics over the page.
    Errors { text: &'a str, count: usize },
}

impl Message<'_> {
    fn frame(&self) -> String {
        let json = match self {
            Message::Reload => serde_json::json!({"kind": "reload"}),
            Message::Css => serde_json::json!({"kind": "css"}),
            Message::Errors { text, count } => {
                serde_json::json!({"kind": "errors", "text": text, "count": count})
            }
        };
        format!("data: {json}\n\n")
    }
}

impl Events {
    /// Takes over a request's connection as an event stream. A page that connects while
    /// the course has errors is shown them at once.
    pub fn subscribe(&self, mut stream: Stream, errors: &Option<(String, usize)>) {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\nretry: 500\n\n";
        let mut first = head.to_string();
        if let Some((text, count)) = errors {
            first.push_str(
                &Message::Errors {
                    text,
                    count: *count,
                }
                .frame(),
            );
        }
        // Holding the lock while writing means no message can fall between the first
        // frame and the stream joining the others.
        let mut streams = self.lock();
        if stream
            .write_all(first.as_bytes())
            .and_then(|_| stream.flush())
            .is_ok()
        {
            streams.push(stream);
        }
    }

    /// Sends a message to every page; streams whose page has gone are dropped.
    pub fn send(&self, message: &Message) {
        self.write(&message.frame());
    }

    /// A comment line, so streams of closed pages are noticed and dropped.
    pub fn ping(&self) {
        self.write(": ping\n\n");
    }

    /// How many pages are listening.
    pub fn count(&self) -> usize {
        self.lock().len()
    }

    fn write(&self, frame: &str) {
        self.lock().retain_mut(|s| {
            s.write_all(frame.as_bytes())
                .and_then(|_| s.flush())
                .is_ok()
        });
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Stream>> {
        self.streams
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
