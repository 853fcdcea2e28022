//! Which `Host` the preview answers: only names of the address it listens
//! on, so a web page in the author's browser cannot read the preview by
//! pointing a name it controls at this computer (DNS rebinding).
//!
//! Listening on this computer (the default, 127.0.0.1), the preview answers
//! `localhost`, `127.0.0.1` and `[::1]`; listening on another address, that
//! address; listening on every address (0.0.0.0 or ::), any IP address,
//! since a name is what rebinding needs and an address cannot be rebound.
//! A port, when given, must be the one the preview listens on. Anything
//! else, a missing or repeated `Host` included, is answered 403 on every
//! route: one layer in front of the whole router.

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

/// The hosts a preview listening on one address answers.
#[derive(Debug, Clone)]
pub(crate) struct AllowedHosts {
    port: u16,
    /// Lower-case names, IPv6 addresses in brackets.
    names: Vec<String>,
    /// Listening on every address: any IP address is this computer's.
    any_address: bool,
}

impl AllowedHosts {
    pub(crate) fn new(bound: SocketAddr) -> AllowedHosts {
        let ip = bound.ip();
        let mut names = vec![bracketed(ip)];
        if ip.is_loopback() || ip.is_unspecified() {
            names.extend(["localhost", "127.0.0.1", "[::1]"].map(String::from));
        }
        AllowedHosts {
            port: bound.port(),
            names,
            any_address: ip.is_unspecified(),
        }
    }

    /// Whether a `Host` header (or a request's authority) names this preview.
    pub(crate) fn allows(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        let Some((name, port)) = split_port(&host) else {
            return false;
        };
        if port.is_some_and(|port| port != self.port) {
            return false;
        }
        self.names.iter().any(|n| *n == name) || (self.any_address && is_address(name))
    }
}

fn bracketed(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(ip) => ip.to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
    }
}

/// `name[:port]` → the name and the port; `None` when malformed (an empty
/// name, a port that is not a number, a bare IPv6 address).
fn split_port(host: &str) -> Option<(&str, Option<u16>)> {
    let (name, rest) = if host.starts_with('[') {
        let end = host.find(']')? + 1;
        host.split_at(end)
    } else {
        match host.find(':') {
            Some(colon) => host.split_at(colon),
            None => (host, ""),
        }
    };
    let port = match rest.strip_prefix(':') {
        None if rest.is_empty() => None,
        Some(digits) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
            Some(digits.parse().ok()?)
        }
        _ => return None,
    };
    (!name.is_empty()).then_some((name, port))
}

/// An IPv4 address, or an IPv6 address in brackets.
fn is_address(name: &str) -> bool {
    match name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        Some(v6) => v6.parse::<Ipv6Addr>().is_ok(),
        None => name.parse::<Ipv4Addr>().is_ok(),
    }
}

/// The layer: a request passes only with exactly one allowed `Host` (and,
/// if its target names a host, an allowed one there too).
pub(crate) async fn only_this_computer(
    State(hosts): State<Arc<AllowedHosts>>,
    request: Request,
    next: Next,
) -> Response {
    let mut given = request.headers().get_all(header::HOST).iter();
    let host = match (given.next(), given.next()) {
        (Some(one), None) => one.to_str().ok(),
        _ => None,
    };
    let authority = request.uri().authority().map(|a| a.as_str());
    if host.is_some_and(|h| hosts.allows(h)) && authority.is_none_or(|a| hosts.allows(a)) {
        return next.run(request).await;
    }
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "403 Forbidden: the preview answers only addresses of this computer (open the address `pamphlet serve` printed).\n",
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(addr: &str) -> AllowedHosts {
        AllowedHosts::new(addr.parse().unwrap())
    }

    #[test]
    fn a_loopback_preview_answers_its_names_with_its_port_or_none() {
        let hosts = on("127.0.0.1:1111");
        for ok in [
            "localhost",
            "LOCALHOST:1111",
            "127.0.0.1",
            "127.0.0.1:1111",
            "[::1]:1111",
            "[::1]",
        ] {
            assert!(hosts.allows(ok), "{ok}");
        }
        for refused in [
            "evil.example",
            "evil.example:1111",
            "127.0.0.1.evil.example",
            "localhost.evil.example:1111",
            "sub.localhost",
            "localhost:9999",
            "localhost:",
            "localhost:+1111",
            "localhost:1111:1111",
            "localhost:65536",
            "127.0.0.2",
            "192.168.1.5:1111",
            "::1",
            "[::1",
            "",
            ":1111",
            "localhost\u{0}",
        ] {
            assert!(!hosts.allows(refused), "{refused:?}");
        }
    }

    #[test]
    fn another_address_answers_itself_and_every_address_answers_any_address() {
        let lan = on("192.168.1.5:8000");
        assert!(lan.allows("192.168.1.5:8000"));
        assert!(
            !lan.allows("localhost:8000"),
            "not listening on this computer's loopback"
        );
        assert!(!lan.allows("10.0.0.1:8000"));
        let all = on("0.0.0.0:8000");
        for ok in [
            "localhost:8000",
            "192.168.1.5:8000",
            "10.0.0.1",
            "[fe80::1]:8000",
        ] {
            assert!(all.allows(ok), "{ok}");
        }
        for refused in [
            "evil.example:8000",
            "laptop.local",
            "10.0.0.1:9",
            "999.1.1.1",
        ] {
            assert!(!all.allows(refused), "{refused}");
        }
        let v6 = on("[::1]:8000");
        assert!(v6.allows("[::1]:8000") && v6.allows("localhost"));
    }
}
