//! The preview answers only requests addressed to this computer (403 for
//! any other `Host`, on every route, the event stream included), and drops
//! clients that send their headers too slowly or leave a connection idle,
//! while the live-reload stream stays open as long as the page does.

use crate::support::*;
use pamphlet::serve::{ServeOptions, Server};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// The header timeout the servers here use: short, so tests are quick.
const TIMEOUT: Duration = Duration::from_millis(800);
/// Generous upper bound for anything that should happen within TIMEOUT.
const CLOSED_WITHIN: Duration = Duration::from_secs(10);

fn start() -> (TestSite, Server) {
    let site = TestSite::new("sites/live-preview");
    let mut options = ServeOptions::new(site.options());
    options.port = 0;
    options.verbose = false;
    options.handle_signals = false;
    options.header_timeout = TIMEOUT;
    let server = Server::start(options).unwrap();
    (site, server)
}

/// Sends `head` (a request line and headers, without the final blank
/// line) and returns the status of the reply (0 if the connection closed
/// without one).
fn status(addr: SocketAddr, head: &str) -> u16 {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(stream, "{head}\r\nConnection: close\r\n\r\n").unwrap();
    // The status line is enough (the event stream never ends by itself).
    let mut reply = Vec::new();
    let mut byte = [0u8; 1];
    while !reply.ends_with(b"\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => reply.push(byte[0]),
            _ => break,
        }
    }
    let reply = String::from_utf8_lossy(&reply);
    reply
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

const ROUTES: [&str; 6] = [
    "/",
    "/en/heart/salt/",
    "/_pamphlet/events",
    "/_pamphlet/status",
    "/_pamphlet/live.js",
    "/no-such-page/",
];

#[test]
fn other_hosts_get_403_on_every_route_and_this_computer_is_answered() {
    let (_site, server) = start();
    let addr = server.addr();
    let port = addr.port();
    let refused = [
        "Host: evil.example".to_string(),
        format!("Host: evil.example:{port}"),
        format!("Host: 127.0.0.1.evil.example:{port}"),
        format!("Host: localhost.evil.example:{port}"),
        format!("Host: sub.localhost:{port}"),
        // The right name on another port: not this preview's address.
        "Host: localhost:9999".to_string(),
        format!("Host: 192.168.1.5:{port}"),
        format!("Host: localhost:{port}\r\nHost: evil.example"),
        "Host:".to_string(),
        String::new(),
    ];
    for route in ROUTES {
        for host in &refused {
            for version in ["HTTP/1.1", "HTTP/1.0"] {
                let head = format!("GET {route} {version}\r\n{host}").replace("\r\n\r\n", "\r\n");
                let head = head.trim_end_matches("\r\n");
                assert_eq!(status(addr, head), 403, "{head:?}");
            }
        }
        // A target naming another host wins over an allowed Host header.
        let absolute =
            format!("GET http://evil.example:{port}{route} HTTP/1.1\r\nHost: localhost:{port}");
        assert_eq!(status(addr, &absolute), 403, "{absolute}");
        for host in [
            format!("localhost:{port}"),
            format!("LOCALHOST:{port}"),
            "localhost".to_string(),
            format!("127.0.0.1:{port}"),
            format!("[::1]:{port}"),
        ] {
            let expected = if route == "/no-such-page/" { 404 } else { 200 };
            let head = format!("GET {route} HTTP/1.1\r\nHost: {host}");
            assert_eq!(status(addr, &head), expected, "{head}");
        }
    }
    server.stop().unwrap();
}

/// Whether the server closed `stream` (reading gives end of file, or a
/// reply to the unfinished request, e.g. 408), polling until `within`.
fn closed_within(
    stream: &mut TcpStream,
    within: Duration,
    mut each: impl FnMut(&mut TcpStream),
) -> Option<Duration> {
    let started = Instant::now();
    stream
        .set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    while started.elapsed() < within {
        each(stream);
        let mut buffer = [0u8; 512];
        match stream.read(&mut buffer) {
            Ok(0) => return Some(started.elapsed()),
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return Some(started.elapsed()),
        }
    }
    None
}

#[test]
fn a_client_sending_headers_a_byte_at_a_time_is_disconnected() {
    let (_site, server) = start();
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    let request = format!(
        "GET / HTTP/1.1\r\nHost: localhost:{}\r\nX-Slow: {}",
        server.addr().port(),
        "a".repeat(10_000)
    );
    let mut bytes = request.bytes();
    let closed = closed_within(&mut stream, CLOSED_WITHIN, |stream| {
        if let Some(byte) = bytes.next() {
            // Writing into a connection the server closed may fail: fine.
            let _ = stream.write_all(&[byte]);
        }
    });
    let closed = closed.expect("the slow client was never disconnected");
    assert!(
        closed >= TIMEOUT / 2,
        "closed before the timeout: {closed:?}"
    );
    server.stop().unwrap();
}

#[test]
fn silent_and_idle_kept_alive_connections_are_closed() {
    let (_site, server) = start();
    // Connected, never a byte.
    let mut silent = TcpStream::connect(server.addr()).unwrap();
    assert!(
        closed_within(&mut silent, CLOSED_WITHIN, |_| {}).is_some(),
        "a silent connection stays open"
    );
    // One request answered, then nothing.
    let mut idle = TcpStream::connect(server.addr()).unwrap();
    write!(
        idle,
        "GET /_pamphlet/status HTTP/1.1\r\nHost: localhost:{}\r\n\r\n",
        server.addr().port()
    )
    .unwrap();
    let mut first = [0u8; 12];
    idle.set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    idle.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"HTTP/1.1 200");
    assert!(
        closed_within(&mut idle, CLOSED_WITHIN, |_| {}).is_some(),
        "an idle kept-alive connection stays open"
    );
    server.stop().unwrap();
}

#[test]
fn the_event_stream_outlives_the_header_timeout() {
    let (site, server) = start();
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    write!(
        stream,
        "GET /_pamphlet/events HTTP/1.1\r\nHost: localhost:{}\r\n\r\n",
        server.addr().port()
    )
    .unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut seen = String::new();
    let mut read_until = |stream: &mut TcpStream, needle: &str| {
        let mut buffer = [0u8; 4096];
        while !seen.contains(needle) {
            let n = stream.read(&mut buffer).expect("the stream stays open");
            assert!(n > 0, "the event stream was closed; got {seen:?}");
            seen.push_str(&String::from_utf8_lossy(&buffer[..n]));
        }
    };
    read_until(&mut stream, "event: hello");
    std::thread::sleep(TIMEOUT * 3);
    site.edit("content/en/heart/salt.md", |t| {
        t.replacen("Eating less salt", "Eating much less salt", 1)
    });
    read_until(&mut stream, "event: reload");
    server.stop().unwrap();
}
