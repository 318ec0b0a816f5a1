//! Server-Sent Events for live reload: every open page holds one stream, and a rebuild
//! sends one message to all of them.
//!
//! Each stream gets its frames through a small bounded queue of its own, which its connection
//! drains into the socket. Sending only ever tries to queue, so the rebuild loop never waits on
//! a socket; a page whose queue is full has stopped reading and is dropped (its connection is
//! closed by the write timeout of `listen`).

use std::sync::{Mutex, MutexGuard};

use bytes::Bytes;
use tokio::sync::mpsc;

/// Frames a stream may have waiting before it counts as gone. Rebuilds send one frame
/// each, and a page that reads at all drains them at once.
pub(super) const QUEUE: usize = 16;

/// The first bytes of every stream: reconnect soon after the server restarts.
const RETRY: &str = "retry: 500\n\n";

/// The open event streams, and the errors a page that connects now must be shown.
#[derive(Default)]
pub(crate) struct Events {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    streams: Vec<mpsc::Sender<Bytes>>,
    /// The frame of the current errors, if the course has any.
    errors: Option<Bytes>,
}

/// One message to the pages.
pub(crate) enum Message<'a> {
    /// Reload the page.
    Reload,
    /// Only stylesheets changed: swap them without a reload.
    Css,
    /// The last rebuild failed: show these diagnostics over the page. `built` says whether
    /// any build succeeded before, that is whether the page shows a last good version.
    Errors {
        text: &'a str,
        count: usize,
        built: bool,
    },
}

impl Message<'_> {
    fn frame(&self) -> Bytes {
        let json = match self {
            Message::Reload => serde_json::json!({"kind": "reload"}),
            Message::Css => serde_json::json!({"kind": "css"}),
            Message::Errors { text, count, built } => {
                serde_json::json!({"kind": "errors", "text": text, "count": count, "built": built})
            }
        };
        format!("data: {json}\n\n").into()
    }
}

impl Events {
    /// Opens a stream for a page: the receiver yields its frames. A page that connects
    /// while the course has errors is shown them at once.
    pub(crate) fn subscribe(&self) -> mpsc::Receiver<Bytes> {
        let (tx, rx) = mpsc::channel(QUEUE);
        let mut inner = self.lock();
        let first = match &inner.errors {
            Some(errors) => [RETRY.as_bytes(), errors].concat().into(),
            None => Bytes::from_static(RETRY.as_bytes()),
        };
        // A new queue has room; under the lock, no message can fall between the first
        // frame and the stream joining the others.
        if tx.try_send(first).is_ok() {
            inner.streams.push(tx);
        }
        rx
    }

    /// Sends a message to every page.
    pub(crate) fn send(&self, message: &Message) {
        self.broadcast(message.frame());
    }

    /// Records the current errors (none when the course builds) and tells the open pages.
    pub(crate) fn set_errors(&self, errors: Option<Message>) {
        let frame = errors.map(|m| m.frame());
        let mut inner = self.lock();
        inner.errors = frame.clone();
        if let Some(frame) = frame {
            Self::queue(&mut inner, frame);
        }
    }

    /// A comment line, so that streams of closed pages are noticed and dropped.
    pub(crate) fn ping(&self) {
        self.broadcast(Bytes::from_static(b": ping\n\n"));
    }

    /// How many pages are listening.
    #[cfg(test)]
    pub(crate) fn count(&self) -> usize {
        self.lock().streams.len()
    }

    fn broadcast(&self, frame: Bytes) {
        Self::queue(&mut self.lock(), frame);
    }

    /// Queues `frame` for every stream; streams whose page went away or stopped reading
    /// are dropped. The frame's bytes are shared, not copied.
    fn queue(inner: &mut Inner, frame: Bytes) {
        inner
            .streams
            .retain(|stream| stream.try_send(frame.clone()).is_ok());
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(frame: Bytes) -> String {
        String::from_utf8(frame.to_vec()).unwrap()
    }

    #[test]
    fn a_page_that_stops_reading_is_dropped_and_never_blocks_the_sender() {
        let events = Events::default();
        let mut reading = events.subscribe();
        let _stalled = events.subscribe();
        assert_eq!(events.count(), 2);
        let mut received = 0;
        for _ in 0..QUEUE * 3 {
            events.send(&Message::Reload);
            while reading.try_recv().is_ok() {
                received += 1;
            }
        }
        assert_eq!(
            received,
            1 + QUEUE * 3,
            "the page that reads gets every frame"
        );
        assert_eq!(events.count(), 1, "the stalled stream is dropped");
        events.send(&Message::Css);
        assert_eq!(
            text(reading.try_recv().unwrap()),
            "data: {\"kind\":\"css\"}\n\n"
        );
    }

    #[test]
    fn a_page_that_connects_after_an_error_is_shown_it_first() {
        let events = Events::default();
        events.set_errors(Some(Message::Errors {
            text: "error: x",
            count: 1,
            built: false,
        }));
        let mut late = events.subscribe();
        let first = text(late.try_recv().unwrap());
        assert!(first.starts_with("retry: 500\n\ndata: "), "{first}");
        assert!(first.contains("\"built\":false"), "{first}");
        events.set_errors(None);
        let mut later = events.subscribe();
        assert_eq!(text(later.try_recv().unwrap()), RETRY);
    }

    #[test]
    fn a_closed_page_is_dropped_at_the_next_message() {
        let events = Events::default();
        drop(events.subscribe());
        events.ping();
        assert_eq!(events.count(), 0);
    }
}
