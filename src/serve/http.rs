//! The preview's HTTP server (axum on tokio): the site's files from
//! memory, the live-reload event stream, and the preview's own script and
//! stylesheet under `/_pamphlet/`.
//!
//! Only files the build produced can be answered: a request path is decoded
//! once, `.` and `..` segments are refused (403), and what is left is looked
//! up in memory, so no request reaches the disk. A file the build copied
//! through a link (a symlink in `static/`) that leads outside the site folder
//! is refused too. Folders get their `index.html` and never a listing;
//! unknown paths get the theme's 404 page with status 404. Every response
//! says `Cache-Control: no-store`, so the browser never shows a stale page.

use super::inject;
use super::state::{LiveEvent, Shared, Snapshot};
use crate::error::{Error, Result};
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::Stream;
use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Sender;
use tokio::sync::{broadcast, oneshot, watch};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::set_header::SetResponseHeaderLayer;

const SCRIPT: &str = include_str!("live.js");
const STYLE: &str = include_str!("live.css");

#[derive(Clone)]
struct App {
    shared: Arc<Shared>,
    /// Becomes true when the server stops, ending the event streams.
    closing: watch::Receiver<bool>,
}

/// Serves until `stop` fires (or Ctrl-C / SIGTERM with `handle_signals`).
/// Sends `ready` once requests are answered, or why they cannot be.
pub(crate) fn run(
    listener: std::net::TcpListener,
    shared: Arc<Shared>,
    stop: oneshot::Receiver<()>,
    handle_signals: bool,
    header_timeout: std::time::Duration,
    ready: Sender<std::result::Result<(), String>>,
) -> Result<()> {
    let fail = |message: String| {
        let _ = ready.send(Err(message.clone()));
        Error::Usage(message)
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("pamphlet-http")
        .enable_all()
        .build()
        .map_err(|e| fail(format!("could not start the preview server: {e}")))?;
    let bound = listener
        .local_addr()
        .map_err(|e| fail(format!("could not use the port: {e}")))?;
    let hosts = Arc::new(super::hosts::AllowedHosts::new(bound));
    runtime.block_on(async {
        let listener = listener
            .set_nonblocking(true)
            .and_then(|()| tokio::net::TcpListener::from_std(listener))
            .map_err(|e| fail(format!("could not use the port: {e}")))?;
        let (closing_tx, closing) = watch::channel(false);
        let app = router(App { shared, closing }, hosts);
        let _ = ready.send(Ok(()));
        let shutdown = async move {
            stopped(stop, handle_signals).await;
            let _ = closing_tx.send(true);
        };
        super::conn::serve(listener, app, header_timeout, shutdown).await;
        Ok(())
    })
}

/// Resolves when the server is asked to stop.
async fn stopped(stop: oneshot::Receiver<()>, handle_signals: bool) {
    let interrupted = async {
        if !handle_signals || tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    let terminated = async {
        #[cfg(unix)]
        if handle_signals
            && let Ok(mut term) =
                tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            term.recv().await;
            return;
        }
        std::future::pending::<()>().await;
    };
    tokio::select! {
        _ = stop => {}
        _ = interrupted => {}
        _ = terminated => {}
    }
}

fn router(app: App, hosts: Arc<super::hosts::AllowedHosts>) -> Router {
    Router::new()
        .route("/_pamphlet/events", get(events))
        .route(
            "/_pamphlet/live.js",
            get(|| async { text("text/javascript; charset=utf-8", SCRIPT) }),
        )
        .route(
            "/_pamphlet/live.css",
            get(|| async { text("text/css; charset=utf-8", STYLE) }),
        )
        .route("/_pamphlet/status", get(status))
        .fallback(file)
        .with_state(app)
        // Outside every route and the fallback, inside the headers below
        // (a 403 is not cached either).
        .layer(axum::middleware::from_fn_with_state(
            hosts,
            super::hosts::only_this_computer,
        ))
        .layer(CatchPanicLayer::new())
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
}

fn text(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

/// The state of the preview as JSON, for tools (and tests).
async fn status(State(app): State<App>) -> Response {
    let snapshot = app.shared.snapshot();
    let body = serde_json::json!({
        "generation": snapshot.generation,
        "ok": snapshot.failure.is_none(),
        "errors": snapshot.diagnostics.error_count(),
        "warnings": snapshot.diagnostics.warning_count(),
        "files": snapshot.files.len(),
    });
    (
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

/// The live-reload stream: `hello` with the current generation first, then
/// one event per rebuild that changed something.
async fn events(State(app): State<App>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    // Subscribe before reading the generation, so no rebuild falls between.
    let receiver = app.shared.events.subscribe();
    let hello = app.shared.snapshot().generation;
    let state = (Some(hello), receiver, app.closing.clone());
    let stream =
        futures_util::stream::unfold(state, |(hello, mut receiver, mut closing)| async move {
            if let Some(generation) = hello {
                let event = Event::default()
                    .event("hello")
                    .data(serde_json::json!({ "generation": generation }).to_string());
                return Some((Ok(event), (None, receiver, closing)));
            }
            if *closing.borrow() {
                return None;
            }
            let event = tokio::select! {
                message = receiver.recv() => match message {
                    Ok(event) => sse_event(&event),
                    // Missed events: the page is out of date; reload it.
                    Err(broadcast::error::RecvError::Lagged(_)) => {
                        Event::default().event("reload").data("{}")
                    }
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
                _ = closing.changed() => return None,
            };
            Some((Ok(event), (None, receiver, closing)))
        });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

fn sse_event(event: &LiveEvent) -> Event {
    Event::default()
        .event(event.name())
        .data(serde_json::to_string(event).unwrap_or_else(|_| "{}".into()))
}

/// What a request path names.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Resolved {
    /// A file of the output (relative, `index.html` added for folders).
    File(PathBuf),
    /// A path that tries to leave the site (`..`, `.`, a backslash, NUL).
    Forbidden,
    NotFound,
}

/// Maps a request path (as sent, percent-encoded) to an output file.
pub(crate) fn resolve(raw: &str, base_path: &str) -> Resolved {
    let Ok(decoded) = percent_encoding::percent_decode_str(raw).decode_utf8() else {
        return Resolved::NotFound;
    };
    if decoded.contains(['\0', '\\']) {
        return Resolved::Forbidden;
    }
    let Some(rest) = decoded.strip_prefix(base_path) else {
        return Resolved::NotFound;
    };
    if !rest.is_empty() && !rest.starts_with('/') {
        return Resolved::NotFound;
    }
    let mut path = PathBuf::new();
    for segment in rest.split('/') {
        match segment {
            "" => {}
            "." | ".." => return Resolved::Forbidden,
            segment => path.push(segment),
        }
    }
    if rest.is_empty() || rest.ends_with('/') {
        path.push("index.html");
    }
    Resolved::File(path)
}

async fn file(State(app): State<App>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "The preview only answers GET and HEAD.\n",
        )
            .into_response();
    }
    let shared = &app.shared;
    let snapshot = shared.snapshot();
    let path = match resolve(uri.path(), &shared.base_path) {
        Resolved::Forbidden => return forbidden(),
        Resolved::NotFound => return not_found(shared, &snapshot),
        Resolved::File(path) => path,
    };
    if let Some(bytes) = snapshot.files.get(path.as_path()) {
        if links_outside_the_site(shared, &snapshot, &path) {
            if shared.verbose {
                eprintln!(
                    "Refused {}: it is a link to a file outside the site folder.",
                    uri.path()
                );
            }
            return forbidden();
        }
        return respond(shared, &snapshot, &path, bytes, StatusCode::OK);
    }
    // A folder asked for without its final slash: send the browser to it,
    // so relative links inside the page resolve.
    if !uri.path().ends_with('/')
        && snapshot
            .files
            .contains_key(path.join("index.html").as_path())
    {
        let mut location = format!("{}/", uri.path());
        if let Some(query) = uri.query() {
            location.push('?');
            location.push_str(query);
        }
        return (
            StatusCode::PERMANENT_REDIRECT,
            [(header::LOCATION, location)],
        )
            .into_response();
    }
    not_found(shared, &snapshot)
}

fn respond(
    shared: &Shared,
    snapshot: &Snapshot,
    path: &Path,
    bytes: &Arc<[u8]>,
    status: StatusCode,
) -> Response {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let textual = mime.type_() == mime_guess::mime::TEXT
        || matches!(mime.subtype().as_str(), "javascript" | "json" | "xml");
    let content_type = if textual {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    };
    let body = if mime.essence_str() == "text/html" {
        let page_url = page_url(&shared.base_path, path);
        inject::page(bytes, shared, snapshot, page_url.as_deref())
    } else {
        bytes.to_vec()
    };
    (status, [(header::CONTENT_TYPE, content_type)], body).into_response()
}

/// The page URL an `index.html` is written for (`/en/heart/`).
fn page_url(base_path: &str, path: &Path) -> Option<String> {
    if path.file_name()? != "index.html" {
        return None;
    }
    let folder = path.parent()?.to_string_lossy().replace('\\', "/");
    Some(if folder.is_empty() {
        format!("{base_path}/")
    } else {
        format!("{base_path}/{folder}/")
    })
}

fn forbidden() -> Response {
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "403 Forbidden: this address points outside the site.\n",
    )
        .into_response()
}

/// The theme's 404 page, or a plain page while the site has never built.
fn not_found(shared: &Shared, snapshot: &Snapshot) -> Response {
    if let Some(bytes) = snapshot.files.get(Path::new("404.html")) {
        return respond(
            shared,
            snapshot,
            Path::new("404.html"),
            bytes,
            StatusCode::NOT_FOUND,
        );
    }
    let page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not built yet</title></head>\n<body><main><h1>The site has not built yet</h1><p>Fix the problems listed here and save: this page reloads by itself.</p></main>\n</body></html>\n";
    let body = inject::page(page.as_bytes(), shared, snapshot, None);
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

/// Whether `path` was copied from a file that, through a symbolic link,
/// lies outside the site folder. `build` publishes what a link points to
/// (the author chose it); the preview, which may listen on a network, does
/// not hand out files from elsewhere on the computer.
fn links_outside_the_site(shared: &Shared, snapshot: &Snapshot, path: &Path) -> bool {
    let Some(site) = &snapshot.site else {
        return false;
    };
    let url = format!(
        "{}/{}",
        shared.base_path,
        path.to_string_lossy().replace('\\', "/")
    );
    let Some(file) = site.files.iter().find(|f| f.url == url) else {
        return false;
    };
    match shared.root.join(&file.source).canonicalize() {
        Ok(real) => !real.starts_with(&shared.root),
        // Gone since the build: what is served is the copy made then.
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(p: &str) -> Resolved {
        Resolved::File(PathBuf::from(p))
    }

    #[test]
    fn paths_resolve_inside_the_output_only() {
        assert_eq!(resolve("/", ""), file("index.html"));
        assert_eq!(resolve("/en/heart/", ""), file("en/heart/index.html"));
        assert_eq!(resolve("/css/pamphlet.css", ""), file("css/pamphlet.css"));
        assert_eq!(
            resolve("/es/coraz%C3%B3n/", ""),
            file("es/corazón/index.html")
        );
        assert_eq!(resolve("/health/en/", "/health"), file("en/index.html"));
        assert_eq!(resolve("/health", "/health"), file("index.html"));
        assert_eq!(resolve("/healthy/", "/health"), Resolved::NotFound);
        assert_eq!(resolve("/en/", "/health"), Resolved::NotFound);
        // An absolute path inside the URL is just folders of the output.
        assert_eq!(resolve("//etc/passwd", ""), file("etc/passwd"));
        for attack in [
            "/../site.yaml",
            "/en/../../site.yaml",
            "/%2e%2e/site.yaml",
            "/%2E%2E%2Fsite.yaml",
            "/..%2f..%2fetc%2fpasswd",
            "/./index.html",
            "/..%5c..%5csite.yaml",
            "/a%00.html",
        ] {
            assert_eq!(resolve(attack, ""), Resolved::Forbidden, "{attack}");
        }
        assert_eq!(resolve("/%ff%fe", ""), Resolved::NotFound);
    }

    #[test]
    fn index_pages_know_their_url() {
        assert_eq!(
            page_url("", Path::new("en/heart/index.html")).as_deref(),
            Some("/en/heart/")
        );
        assert_eq!(
            page_url("/health", Path::new("index.html")).as_deref(),
            Some("/health/")
        );
        assert_eq!(page_url("", Path::new("404.html")), None);
    }
}
