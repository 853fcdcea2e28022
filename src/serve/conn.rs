//! The preview's connections: accepted one by one and served by hyper
//! with a deadline for reading each request's headers, which also ends a
//! kept-alive connection left idle. A client that sends its headers a byte
//! at a time (slowloris) or opens connections and says nothing holds no
//! connection longer than that. A response already under way, such as the
//! live-reload event stream, is not limited.

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::time::Duration;

/// How long a client may take to send a request's headers, and how long a
/// kept-alive connection may wait for its next request.
pub(super) const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// How long stopping waits for requests still being answered.
const DRAIN: Duration = Duration::from_secs(2);

/// Serves `app` on `listener` until `shutdown` resolves.
pub(crate) async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    header_timeout: Duration,
    shutdown: impl std::future::Future<Output = ()>,
) {
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors and the like: wait, do not spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // A live-reload event should not wait for Nagle's algorithm.
        let _ = stream.set_nodelay(true);
        let connection = http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(header_timeout)
            .serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A client that went away or timed out is nothing to report.
            let _ = connection.await;
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(DRAIN) => {}
    }
}
