//! `pamphlet serve`: the live preview.
//!
//! The site is built into memory (never into `public/`) and served over
//! HTTP on this computer. A watcher ([`watch`]) collects each burst of file
//! changes; the rebuild thread ([`live`]) brings the in-memory
//! [`Build`](crate::pipeline::Build) up to date, re-rendering only the pages
//! the change affects, and tells every open page over Server-Sent Events to
//! reload (or only to swap a stylesheet). A failed rebuild keeps the last
//! good site online and shows the problems in an overlay ([`inject`]); each
//! article also gets an author panel ([`panel`]). None of this reaches the
//! built site: the script, overlay and panel are added to HTML responses as
//! they are sent ([`http`]).
//!
//! Threads: the HTTP server runs on a small tokio runtime; rebuilds run on
//! their own thread (rendering itself uses rayon), so a slow rebuild never
//! stalls a request for the last good page.

mod bench;
mod conn;
mod hosts;
mod http;
mod inject;
mod live;
mod panel;
mod problems;
mod share;
mod state;
mod watch;

use crate::error::{Error, Result};
use crate::pipeline::{Build, BuildOptions};
use state::Shared;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

pub use bench::bench_latency;

/// How many ports after the requested one are tried when it is taken.
const PORT_ATTEMPTS: u16 = 20;

/// The quiet time that ends a burst of file events while a file is still
/// being written (created or written to, not yet closed or renamed into
/// place). Once a save is complete a much shorter quiet time applies
/// (`watch::SETTLE`). Editors save with a few events within a millisecond
/// or two (write a temporary file, rename it, change its mode), so either
/// way one save is one rebuild.
pub const DEBOUNCE: Duration = Duration::from_millis(30);

/// Everything `serve` needs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site flags. `base_url` only contributes its path (a site
    /// published under a sub-folder is previewed under it too); the host is
    /// always the preview's own address.
    pub site: BuildOptions,
    pub bind: IpAddr,
    /// 0 lets the system choose a free port.
    pub port: u16,
    pub debounce: Duration,
    /// Print rebuilds and problems on stderr.
    pub verbose: bool,
    /// Stop on Ctrl-C (and SIGTERM). Off for servers run inside tests.
    pub handle_signals: bool,
    /// How long a client may take to send a request's headers, or keep an
    /// idle connection open ([`conn::HEADER_TIMEOUT`]).
    pub header_timeout: Duration,
}

impl ServeOptions {
    pub fn new(site: BuildOptions) -> ServeOptions {
        ServeOptions {
            site,
            bind: IpAddr::from([127, 0, 0, 1]),
            port: 1111,
            debounce: DEBOUNCE,
            verbose: true,
            handle_signals: true,
            header_timeout: conn::HEADER_TIMEOUT,
        }
    }
}

/// A running preview.
pub struct Server {
    url: String,
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<Result<()>>>,
}

impl Server {
    /// Binds, builds the site once, and starts serving and watching. Returns
    /// once requests are answered. A site with errors is served anyway (the
    /// browser shows them); only a missing site or an unusable address fail.
    pub fn start(options: ServeOptions) -> Result<Server> {
        let root = &options.site.root;
        if !root.join(crate::config::FILE_NAME).is_file() {
            return Err(Error::NoSite { root: root.clone() });
        }
        let (listener, addr) = bind(options.bind, options.port, options.verbose)?;
        let base_path = base_path(options.site.base_url.as_deref())?;
        let published_host = published_host(&options.site);
        let host = match addr.ip() {
            ip if ip.is_unspecified() => "127.0.0.1".to_string(),
            IpAddr::V6(ip) => format!("[{ip}]"),
            ip => ip.to_string(),
        };
        let url = format!("http://{host}:{}{base_path}/", addr.port());
        let mut site = options.site.clone();
        site.root = root.canonicalize().map_err(|e| Error::io(root, e))?;
        site.base_url = Some(url.clone());

        let mut build = Build::new(site.clone());
        build.defer_site_wide_outputs(true);
        let shared = Arc::new(Shared::new(
            &site,
            base_path,
            published_host,
            options.verbose,
        ));
        live::first_build(&mut build, &shared);
        let watcher = live::Rebuilder::start(build, shared.clone(), options.debounce)?;

        let (stop, stopped) = tokio::sync::oneshot::channel();
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let handle_signals = options.handle_signals;
        let header_timeout = options.header_timeout;
        let thread = std::thread::Builder::new()
            .name("pamphlet-serve".into())
            .spawn(move || {
                let result = http::run(
                    listener,
                    shared,
                    stopped,
                    handle_signals,
                    header_timeout,
                    ready_tx.clone(),
                );
                watcher.stop();
                result
            })
            .map_err(|e| Error::Usage(format!("could not start the preview server: {e}")))?;
        // Wait until the runtime answers (or failed to start).
        match ready_rx.recv() {
            Ok(Ok(())) => {}
            Ok(Err(message)) => return Err(Error::Usage(message)),
            Err(_) => {
                return Err(Error::Usage(
                    "the preview server stopped while starting".into(),
                ));
            }
        }
        Ok(Server {
            url,
            addr,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// The address of the site's root, e.g. `http://127.0.0.1:1111/`.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops serving and watching, and waits until both have ended.
    pub fn stop(mut self) -> Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.join()
    }

    /// Waits until the server stops (Ctrl-C, when signals are handled).
    pub fn wait(mut self) -> Result<()> {
        self.join()
    }

    fn join(&mut self) -> Result<()> {
        match self.thread.take().map(JoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(_)) => Err(Error::Usage("the preview server crashed".into())),
            None => Ok(()),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
            let _ = self.join();
        }
    }
}

/// Binds the first free port from `port` on (or any free port for 0).
fn bind(ip: IpAddr, port: u16, verbose: bool) -> Result<(TcpListener, SocketAddr)> {
    let last = if port == 0 {
        0
    } else {
        port.saturating_add(PORT_ATTEMPTS - 1)
    };
    for candidate in port..=last {
        match TcpListener::bind((ip, candidate)) {
            Ok(listener) => {
                let addr = listener
                    .local_addr()
                    .map_err(|e| Error::Usage(format!("could not listen on {ip}: {e}")))?;
                if candidate != port && verbose {
                    eprintln!("Port {port} is in use; using port {} instead.", addr.port());
                }
                return Ok((listener, addr));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
            Err(e) => {
                return Err(Error::Usage(format!(
                    "could not listen on {ip} port {candidate}: {e}"
                )));
            }
        }
    }
    Err(Error::Usage(format!(
        "ports {port} to {last} are all in use; choose another with --port"
    )))
}

/// The path part of `--base-url` without its final `/` (`` or `/health`).
fn base_path(base_url: Option<&str>) -> Result<String> {
    let Some(text) = base_url else {
        return Ok(String::new());
    };
    let url = url::Url::parse(text)
        .map_err(|e| Error::Usage(format!("--base-url: `{text}` is not a URL: {e}")))?;
    Ok(url.path().trim_end_matches('/').to_string())
}

/// The host the site is published at: `--base-url`'s, else site.yaml's.
fn published_host(site: &BuildOptions) -> String {
    let url = match site.base_url.as_deref() {
        Some(text) => url::Url::parse(text).ok(),
        None => crate::config::load(&site.root)
            .ok()
            .and_then(|loaded| loaded.config)
            .map(|config| config.base_url),
    };
    url.and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "example.org".to_string())
}

/// `pamphlet serve`: serves until Ctrl-C.
pub fn run(options: ServeOptions, open_browser: bool) -> Result<()> {
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: listening on {}: other computers on your network can open this preview{}.",
            options.bind,
            if options.site.drafts {
                ", drafts included"
            } else {
                ""
            }
        );
    }
    let server = Server::start(options)?;
    eprintln!("Serving the preview at {} (Ctrl-C to stop).", server.url());
    if open_browser && let Err(e) = open::that_detached(server.url()) {
        eprintln!("warning: could not open a browser ({e}); open the address above.");
    }
    server.wait()?;
    eprintln!("Stopped.");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_port_moves_to_the_next() {
        // A port with room above it for the attempts (the system may hand
        // out one near the top; ask again rather than test nothing).
        let (_taken, port) = (0..100)
            .map(|_| TcpListener::bind(("127.0.0.1", 0)).unwrap())
            .map(|l| {
                let port = l.local_addr().unwrap().port();
                (l, port)
            })
            .find(|(_, port)| *port <= u16::MAX - PORT_ATTEMPTS)
            .expect("a free port below the top of the range");
        let (_listener, addr) = bind(IpAddr::from([127, 0, 0, 1]), port, false).unwrap();
        assert_ne!(addr.port(), port);
        assert!(addr.port() > port && addr.port() < port + PORT_ATTEMPTS);
    }

    #[test]
    fn base_path_keeps_only_the_path() {
        assert_eq!(base_path(None).unwrap(), "");
        assert_eq!(base_path(Some("https://x.org/")).unwrap(), "");
        assert_eq!(base_path(Some("https://x.org/health/")).unwrap(), "/health");
        assert!(base_path(Some("not a url")).is_err());
    }
}
