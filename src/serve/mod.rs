//! `aula serve`: build into a private folder, serve it on localhost, watch the sources,
//! rebuild only what changed and reload the open pages. Errors show in the terminal and
//! over the page, and the last good version keeps being served.

mod body;
mod events;
mod http;
mod incremental;
mod listen;
mod rebuild;
mod resolve;
pub(crate) mod watch;

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use anyhow::Context;

pub(crate) use events::{Events, Message};
use rebuild::Rebuilder;

use crate::pipeline::Options;
use incremental::Served;

/// How to serve.
#[derive(Debug, Clone)]
pub(crate) struct ServeOptions {
    pub root: PathBuf,
    pub bind: String,
    pub port: u16,
    pub drafts: bool,
    pub open: bool,
}

/// What the HTTP side and the rebuilder share.
pub(crate) struct State {
    /// The private output folder being served.
    pub out: PathBuf,
    pub events: Events,
    site: Mutex<Option<Served>>,
    /// The print page holds every page; it is rendered when asked for, not on each save.
    print_stale: AtomicBool,
    /// So is the search index, when a page's text changed since it was written.
    search_stale: AtomicBool,
    /// Whether a build has succeeded yet: until one has, no last good version is served.
    built: AtomicBool,
    /// Bound to this loopback address, the server answers only requests that name this
    /// machine; `None` when it was bound to an address other machines can reach.
    local_only: Option<IpAddr>,
}

impl State {
    fn site(&self) -> MutexGuard<'_, Option<Served>> {
        self.site.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Records the current errors (the text shown in the terminal, and their count), and
    /// tells the open pages.
    fn set_errors(&self, errors: Option<(&str, usize)>) {
        let built = self.built.load(Ordering::SeqCst);
        self.events
            .set_errors(errors.map(|(text, count)| Message::Errors { text, count, built }));
    }

    /// Renders the print page again if pages changed since it was written.
    fn refresh_print(&self) {
        if !self.print_stale.swap(false, Ordering::SeqCst) {
            return;
        }
        if let Some(served) = self.site().as_ref() {
            // An error here is the course's own, which the next save reports.
            served.write_print();
        }
    }

    /// Writes the search index again if pages changed since it was written.
    fn refresh_search(&self) {
        if !self.search_stale.swap(false, Ordering::SeqCst) {
            return;
        }
        if let Some(served) = self.site().as_ref() {
            served.write_search();
        }
    }
}

/// Runs the dev server until Ctrl-C.
pub(crate) fn run(options: ServeOptions) -> anyhow::Result<()> {
    // Two threads answer every connection: a connection is a task, not a thread, so a
    // stalled client holds neither.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("aula-serve")
        .enable_io()
        .enable_time()
        .build()
        .context("cannot start the server's threads")?;
    // Listen first: a bad address should fail before a long first build.
    let listener = {
        let _inside = runtime.enter();
        listen::bind(&options.bind, options.port)?
    };
    let addr = listener.local_addr().context("the server has no address")?;
    if !addr.ip().is_loopback() {
        eprintln!(
            "warning: serving on {addr}, which other machines can reach: anyone on the network \
             can see the course, and this server. Leave out --bind to keep it to this machine."
        );
    }
    let dir = tempfile::Builder::new()
        .prefix("aula-serve-")
        .tempdir()
        .context("cannot create a private folder for the served site")?;
    let state = Arc::new(State {
        out: dir.path().join("site"),
        events: Events::default(),
        site: Mutex::new(None),
        print_stale: AtomicBool::new(false),
        search_stale: AtomicBool::new(false),
        built: AtomicBool::new(false),
        local_only: addr.ip().is_loopback().then_some(addr.ip()),
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
    let mut watcher = watch::start(&root, tx).context("cannot watch the course's files")?;
    let mut rebuilder = Rebuilder::new(site_options);
    if !rebuilder.full(&state) {
        write_placeholder(&state.out)?;
    }
    let url = format!("http://{addr}/");
    println!(
        "Serving {} at {url}  (Ctrl-C to stop)",
        options.root.display()
    );
    {
        let state = state.clone();
        runtime.spawn(listen::serve(listener, move |request| {
            http::answer(request, state.clone())
        }));
    }
    {
        let state = state.clone();
        runtime.spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_secs(15)).await;
                state.events.ping();
            }
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
    runtime.shutdown_timeout(Duration::from_millis(500));
    dir.close().ok();
    Ok(())
}

/// Served while the course has never built: just enough to show the errors and reload.
fn write_placeholder(out: &Path) -> std::io::Result<()> {
    let html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>aula: the course has errors</title><script src=\"/__aula/reload.js\" defer></script></head><body><h1>The course has errors</h1><p>See the terminal. This page reloads when the course builds.</p></body></html>\n";
    std::fs::write(out.join("index.html"), html)?;
    std::fs::write(out.join("404.html"), html)
}
