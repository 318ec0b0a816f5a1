//! The body of the dev server's responses: a file or message read in full, a large file in
//! chunks, or a page's event stream.

use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body::{Frame, SizeHint};
use tokio::sync::mpsc;

/// A response body.
pub(super) enum Body {
    /// All of it at once; `None` once sent, or for a HEAD request.
    Full(Option<Bytes>),
    /// An event stream: frames as the page's queue yields them, until the page is dropped.
    Events(mpsc::Receiver<Bytes>),
    /// A large file, in chunks as a reader thread sends them, with how many bytes are left.
    Chunks(mpsc::Receiver<Bytes>, u64),
}

impl Body {
    /// No body: HEAD requests, redirects.
    pub(super) fn empty() -> Body {
        Body::Full(None)
    }
}

impl From<Bytes> for Body {
    fn from(bytes: Bytes) -> Body {
        Body::Full(Some(bytes))
    }
}

impl http_body::Body for Body {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match self.get_mut() {
            Body::Full(bytes) => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            Body::Events(queue) => queue.poll_recv(cx).map(|f| f.map(|b| Ok(Frame::data(b)))),
            Body::Chunks(queue, left) => queue.poll_recv(cx).map(|f| {
                f.map(|b| {
                    *left = left.saturating_sub(b.len() as u64);
                    Ok(Frame::data(b))
                })
            }),
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, Body::Full(None))
    }

    /// Exact for a full body, so that it goes out with a `Content-Length` and, with its
    /// head, in one write.
    fn size_hint(&self) -> SizeHint {
        match self {
            Body::Full(bytes) => SizeHint::with_exact(bytes.as_ref().map_or(0, |b| b.len() as u64)),
            Body::Chunks(_, left) => SizeHint::with_exact(*left),
            Body::Events(_) => SizeHint::default(),
        }
    }
}
