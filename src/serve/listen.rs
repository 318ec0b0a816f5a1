//! Listening: the socket, the connections and the limits that keep any one client from
//! holding the server.
//!
//! This is hyper on tokio, not tiny_http (the first choice): tiny_http reads the rest of a
//! request's body when the request is dropped, on the worker thread and without a timeout, so
//! a `Content-Length` whose body never comes holds a worker for good, and one that does not fit
//! in memory (`18446744073709551615`) panics it while allocating a buffer for it. It has no
//! read or write timeouts either, and each connection holds a thread of its own, so a client
//! that sends its headers slowly, or stops reading, holds that thread. Here a connection is a
//! task: a stalled client costs a little memory until a timeout closes it, and a panic ends
//! only its own connection.
//!
//! hyper answers a few requests itself before they reach `http::answer`: a malformed head
//! gets 400, a head over 64 KiB or a `Content-Length` it cannot represent (over 2^64 − 3)
//! gets 431. Those answers have no body, and none of the headers `http` adds.

use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::net::{SocketAddr, ToSocketAddrs};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpSocket};
use tokio::sync::Semaphore;
use tokio::time::Sleep;

use super::body::Body;

/// A request's head must arrive whole within this time of the connection opening, or of the
/// previous answer; otherwise the connection is closed. So it is also how long an idle
/// kept-alive connection stays open. Browsers send a head in one packet.
pub(super) const HEADER_TIMEOUT: Duration = Duration::from_secs(5);
/// A client that takes no byte of its answer for this long has stopped reading, and its
/// connection is closed.
pub(super) const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// The largest request head, in bytes; hyper answers a larger one with 431.
const MAX_HEAD: usize = 64 * 1024;
/// The most connections served at once. Further ones wait in the listen queue until one
/// closes; see `connection_limit`.
pub(super) const MAX_CONNECTIONS: usize = 16 * 1024;
/// File descriptors kept for the rebuilds, the watcher and the print page, beyond the
/// connections.
const FILES_KEPT: u64 = 256;
/// The listen queue: twenty tabs reconnecting at once must not overflow it.
const BACKLOG: u32 = 1024;

/// Listens on `host:port`, or on the next free port after it. Must run inside the runtime.
pub(super) fn bind(host: &str, port: u16) -> anyhow::Result<TcpListener> {
    let last = port.saturating_add(100);
    for p in port..=last {
        match bind_port(host, p) {
            Ok(listener) => {
                if p != port {
                    println!("Port {port} is busy; using {p} instead");
                }
                return Ok(listener);
            }
            // Only a busy port is worth moving on from: any other error (an unknown host,
            // an address of another machine) would only repeat.
            Err(e) if p < last && e.kind() == io::ErrorKind::AddrInUse => {}
            Err(e) => anyhow::bail!(
                "cannot listen on {host}:{p}: {e} (--bind takes an address of this machine, such as 127.0.0.1)"
            ),
        }
    }
    anyhow::bail!("no free port from {port}")
}

fn bind_port(host: &str, port: u16) -> io::Result<TcpListener> {
    let mut error = None;
    for addr in (host, port).to_socket_addrs()? {
        match listen(addr) {
            Ok(listener) => return Ok(listener),
            Err(e) => error = Some(e),
        }
    }
    Err(error.unwrap_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no address")))
}

fn listen(addr: SocketAddr) -> io::Result<TcpListener> {
    let socket = if addr.is_ipv4() {
        TcpSocket::new_v4()?
    } else {
        TcpSocket::new_v6()?
    };
    // As std does on Unix: the port of a server stopped a moment ago can be taken again at
    // once. On Linux a port someone listens on still fails with AddrInUse.
    #[cfg(unix)]
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(BACKLOG)
}

/// Serves the connections of `listener`, each request answered by `handler`, until the
/// runtime stops.
pub(super) async fn serve<H, F>(listener: TcpListener, handler: H)
where
    H: Fn(Request<Incoming>) -> F + Clone + Send + Sync + 'static,
    F: Future<Output = Response<Body>> + Send + 'static,
{
    let slots = Arc::new(Semaphore::new(connection_limit()));
    loop {
        let Ok(slot) = slots.clone().acquire_owned().await else {
            return;
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors, or a connection reset before it was taken: wait
                // rather than spin.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let handler = handler.clone();
        tokio::spawn(async move {
            // Every answer leaves at once: with Nagle's algorithm the last small write of
            // an answer waits for the client's delayed ACK, about 40 ms on Linux.
            stream.set_nodelay(true).ok();
            let io = WriteTimeout::new(TokioIo::new(stream), WRITE_TIMEOUT);
            let service = service_fn(move |request| {
                let answer = handler(request);
                async move { Ok::<_, Infallible>(answer.await) }
            });
            // A timeout, a reset or a malformed request only ends this connection.
            http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .max_buf_size(MAX_HEAD)
                .serve_connection(io, service)
                .await
                .ok();
            drop(slot);
        });
    }
}

/// How many connections may be open at once: as many as the process may open files, less
/// those the rebuilds need, so that a flood of connections (slow clients waiting out their
/// timeout) never makes a rebuild fail to open a file.
fn connection_limit() -> usize {
    #[cfg(target_os = "linux")]
    {
        use rustix::process::{getrlimit, setrlimit, Resource, Rlimit};
        let limit = getrlimit(Resource::Nofile);
        // The soft limit is often 1,024 while the hard one is far higher: as Go programs do,
        // take what the system allows, up to what the connections could use.
        let wanted = MAX_CONNECTIONS as u64 + FILES_KEPT;
        let files = match limit.current {
            Some(current) if current < wanted => {
                let raised = limit.maximum.map_or(wanted, |max| max.min(wanted));
                let new = Rlimit {
                    current: Some(raised),
                    maximum: limit.maximum,
                };
                if raised > current && setrlimit(Resource::Nofile, new).is_ok() {
                    raised
                } else {
                    current
                }
            }
            _ => wanted,
        };
        (files.saturating_sub(FILES_KEPT) as usize).clamp(64, MAX_CONNECTIONS)
    }
    #[cfg(not(target_os = "linux"))]
    {
        512
    }
}

/// A connection whose writes fail once the client has taken no byte for `limit`.
struct WriteTimeout<T> {
    inner: T,
    limit: Duration,
    /// Running while the socket accepts nothing.
    stalled: Option<Pin<Box<Sleep>>>,
}

impl<T> WriteTimeout<T> {
    fn new(inner: T, limit: Duration) -> Self {
        WriteTimeout {
            inner,
            limit,
            stalled: None,
        }
    }

    fn watch<R>(&mut self, poll: Poll<io::Result<R>>, cx: &mut Context<'_>) -> Poll<io::Result<R>> {
        if poll.is_ready() {
            self.stalled = None;
            return poll;
        }
        let limit = self.limit;
        let timer = self
            .stalled
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
        match timer.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client stopped reading",
            ))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<T: hyper::rt::Read + Unpin> hyper::rt::Read for WriteTimeout<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: hyper::rt::ReadBufCursor<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<T: hyper::rt::Write + Unpin> hyper::rt::Write for WriteTimeout<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let poll = Pin::new(&mut this.inner).poll_write(cx, buf);
        this.watch(poll, cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let poll = Pin::new(&mut this.inner).poll_write_vectored(cx, bufs);
        this.watch(poll, cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let poll = Pin::new(&mut this.inner).poll_flush(cx);
        this.watch(poll, cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::time::Instant;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap()
    }

    fn get(port: u16, path: &str) -> String {
        let mut c = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        c.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        write!(
            c,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut answer = String::new();
        c.read_to_string(&mut answer).ok();
        answer
    }

    #[test]
    fn a_panic_while_answering_leaves_the_server_answering() {
        let runtime = runtime();
        let listener = {
            let _inside = runtime.enter();
            bind("127.0.0.1", 0).unwrap()
        };
        let port = listener.local_addr().unwrap().port();
        runtime.spawn(serve(listener, |request: Request<Incoming>| async move {
            assert_ne!(request.uri().path(), "/panic", "a handler that panics");
            Response::new(Body::from(bytes::Bytes::from_static(b"fine")))
        }));
        // More panics than the machine has threads, or any pool would start with.
        for _ in 0..20 {
            assert!(!get(port, "/panic").contains("fine"));
        }
        let answer = get(port, "/");
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(answer.ends_with("fine"), "{answer}");
    }

    #[test]
    fn a_client_that_stops_reading_fails_the_writes_after_the_limit() {
        let runtime = runtime();
        runtime.block_on(async {
            let listener = bind("127.0.0.1", 0).unwrap();
            let port = listener.local_addr().unwrap().port();
            // Connected, and never read from.
            let _client = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
            let (stream, _) = listener.accept().await.unwrap();
            let mut io = WriteTimeout::new(TokioIo::new(stream), Duration::from_millis(300));
            let chunk = vec![0u8; 64 * 1024];
            let start = Instant::now();
            let error = loop {
                let written = std::future::poll_fn(|cx| {
                    hyper::rt::Write::poll_write(Pin::new(&mut io), cx, &chunk)
                })
                .await;
                match written {
                    Ok(_) => assert!(start.elapsed() < Duration::from_secs(10), "never stalled"),
                    Err(e) => break e,
                }
            };
            assert_eq!(error.kind(), io::ErrorKind::TimedOut);
        });
    }
}
