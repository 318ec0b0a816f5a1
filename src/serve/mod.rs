//! `aula serve`: build into a private folder, serve it on localhost, watch the sources,
//! rebuild only what changed and reload the open pages. Errors show in the terminal and
//! over the page, and the last good version keeps being served.

mod events;
pub mod http;
mod rebuild;
pub mod watch;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use anyhow::Context;

pub use events::{Events, Message};
use rebuild::Rebuilder;

use crate::site::{Options, Site};

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: String,
    pub port: u16,
    pub drafts: bool,
    pub open: bool,
}

/// What the HTTP threads and the rebuilder share.
pub struct State {
    /// The private output folder being served.
    pub out: PathBuf,
    pub events: Events,
    site: Mutex<Option<Site>>,
    errors: Mutex<Option<(String, usize)>>,
    /// The print page holds every page; it is rendered when asked for, not on each save.
    print_stale: AtomicBool,
}

impl State {
    fn site(&self) -> MutexGuard<'_, Option<Site>> {
        self.site.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The current errors as shown in the terminal, and their count.
    pub fn current_errors(&self) -> Option<(String, usize)> {
        self.errors
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Records the current errors, then tells the open pages: a page that connects after
    /// hearing of them must find them recorded.
    fn set_errors(&self, errors: Option<(String, usize)>) {
        *self.errors.lock().unwrap_or_else(|p| p.into_inner()) = errors.clone();
        if let Some((text, count)) = &errors {
            self.events.send(&Message::Errors {
                text,
                count: *count,
            });
        }
    }

    /// Renders the print page again if pages changed since it was written.
    fn refresh_print(&self) {
        if !self.print_stale.swap(false, Ordering::SeqCst) {
            return;
        }
        if let Some(site) = self.site().as_ref() {
            crate::print::write(site, &self.out);
        }
    }
}

/// Binds `bind:port`, or the next free port after it.
fn bind(bind: &str, port: u16) -> anyhow::Result<(tiny_http::Server, SocketAddr)> {
    let last = port.saturating_add(100);
    for p in port..=last {
        match tiny_http::Server::http((bind, p)) {
            Ok(server) => {
                if p != port {
                    println!("Port {port} is busy; using {p} instead");
                }
                let addr = server
                    .server_addr()
                    .to_ip()
                    .context("the server has no IP address")?;
                return Ok((server, addr));
            }
            // Only a busy port is worth moving on from: any other error (an unknown host,
            // an address of another machine) would only repeat.
            Err(e)
                if p < last
                    && e.downcast_ref::<std::io::Error>()
                        .is_some_and(|e| e.kind() == std::io::ErrorKind::AddrInUse) => {}
            Err(e) => anyhow::bail!(
                "cannot listen on {bind}:{p}: {e} (--bind takes an address of this machine, such as 127.0.0.1)"
            ),
        }
    }
    anyhow::bail!("no free port from {port}")
}

/// Runs the dev server until Ctrl-C.
pub fn run(options: ServeOptions) -> anyhow::Result<()> {
    let dir = tempfile::Builder::new()
        .prefix("aula-serve-")
        .tempdir()
        .context("cannot create a private folder for the served site")?;
    let state = Arc::new(State {
        out: dir.path().join("site"),
        events: Events::default(),
        site: Mutex::new(None),
        errors: Mutex::new(None),
        print_stale: AtomicBool::new(false),
    });
    std::fs::create_dir_all(&state.out)?;
    let site_options = Options {
        root: options.root.clone(),
        output: None,
        drafts: options.drafts,
        live_reload: true,
    };
    // Watch before the first build, so that nothing saved from now on is missed; the
    // changes wait in the channel until the loop below takes them.
    let (tx, rx) = mpsc::channel::<Vec<PathBuf>>();
    let (stop_tx, stop_rx) = mpsc::channel::<()>();
    ctrlc::set_handler(move || {
        stop_tx.send(()).ok();
    })
    .context("cannot handle Ctrl-C")?;
    let root = options
        .root
        .canonicalize()
        .unwrap_or_else(|_| options.root.clone());
    // Listen first: a bad address should fail before a long first build.
    let (server, addr) = bind(&options.bind, options.port)?;
    let mut watcher = watch::start(&root, tx).context("cannot watch the course's files")?;
    let mut rebuilder = Rebuilder::new(site_options);
    if !rebuilder.full(&state) {
        write_placeholder(&state.out)?;
    }
    let server = Arc::new(server);
    let url = format!("http://{addr}/");
    println!(
        "Serving {} at {url}  (Ctrl-C to stop)",
        options.root.display()
    );
    for _ in 0..4 {
        let (server, state) = (server.clone(), state.clone());
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                http::handle(request, &state);
            }
        });
    }
    {
        let state = state.clone();
        std::thread::spawn(move || loop {
            std::thread::sleep(Duration::from_secs(15));
            state.events.ping();
        });
    }

    if options.open {
        opener::open(&url).ok();
    }
    loop {
        if stop_rx.try_recv().is_ok() {
            break;
        }
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(changed) => {
                watch::watch_new_folders(&root, &mut watcher, &changed);
                rebuilder.apply(&state, &changed);
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    println!("Stopped.");
    drop(watcher);
    server.unblock();
    dir.close().ok();
    Ok(())
}

/// Served while the course has never built: just enough to show the errors and reload.
fn write_placeholder(out: &Path) -> std::io::Result<()> {
    let html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>aula: the course has errors</title><script src=\"/__aula/reload.js\" defer></script></head><body><h1>The course has errors</h1><p>See the terminal. This page reloads when the course builds.</p></body></html>\n";
    std::fs::write(out.join("index.html"), html)?;
    std::fs::write(out.join("404.html"), html)
}
