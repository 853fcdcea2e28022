//! Security headers for hosts that read a `_headers` file (Netlify,
//! Cloudflare Pages): a strict Content-Security-Policy that matches what the
//! theme really loads (its own files, hashed inline scripts, iframes only
//! from `markdown.iframe_hosts`), plus `Referrer-Policy` and
//! `X-Content-Type-Options`.

use crate::config::is_host_name;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;

/// The host a video host's embeds are loaded from instead, when it has a
/// privacy-preserving one (YouTube's player without tracking cookies);
/// the host itself (as given) otherwise.
pub fn privacy_host(host: &str) -> &str {
    match host.to_ascii_lowercase().as_str() {
        "youtube.com"
        | "www.youtube.com"
        | "m.youtube.com"
        | "youtube-nocookie.com"
        | "www.youtube-nocookie.com" => "www.youtube-nocookie.com",
        _ => host,
    }
}

/// The hosts pages may load frames from: each of `markdown.iframe_hosts`
/// as [`privacy_host`] gives it, without repeats, in the listed order.
/// Listing `www.youtube.com` allows YouTube embeds, loaded from
/// `www.youtube-nocookie.com`: the sanitiser rewrites them there, and the
/// `_headers` policy allows that host (and no other).
pub fn frame_hosts(iframe_hosts: &[String]) -> Vec<String> {
    let mut hosts: Vec<String> = Vec::new();
    for host in iframe_hosts {
        let host = privacy_host(host).to_ascii_lowercase();
        if !hosts.contains(&host) {
            hosts.push(host);
        }
    }
    hosts
}

/// The `sha256-…` source of every executable inline `<script>` in a page.
/// JSON-LD (`type="application/ld+json"`) is data, not code, and needs none.
pub fn inline_script_hashes(html: &[u8]) -> BTreeSet<String> {
    inline_hashes(html, "script")
}

/// The `sha256-…` source of every inline `<style>` element in a page.
pub fn inline_style_hashes(html: &[u8]) -> BTreeSet<String> {
    inline_hashes(html, "style")
}

fn inline_hashes(html: &[u8], element: &str) -> BTreeSet<String> {
    // Every page is scanned twice: memchr's vectorised search keeps that
    // a small part of rendering.
    let open = format!("<{element}");
    let close = format!("</{element}>");
    let open = memchr::memmem::Finder::new(open.as_bytes());
    let close = memchr::memmem::Finder::new(close.as_bytes());
    let mut hashes = BTreeSet::new();
    let mut rest = html;
    let has = |tag: &[u8], text: &str| memchr::memmem::find(tag, text.as_bytes()).is_some();
    while let Some(start) = open.find(rest) {
        let after = &rest[start..];
        let Some(tag_end) = memchr::memchr(b'>', after) else {
            break;
        };
        let tag = &after[..tag_end];
        let body_start = tag_end + 1;
        let Some(close) = close.find(&after[body_start..]) else {
            break;
        };
        let body = &after[body_start..body_start + close];
        let is_data = has(tag, "application/ld+json") || has(tag, "application/json");
        // (Cut at ASCII, a template's UTF-8 output stays UTF-8.)
        let blank = std::str::from_utf8(body).is_ok_and(|b| b.trim().is_empty());
        if !has(tag, " src=") && !is_data && !blank {
            hashes.insert(source_of(body));
        }
        rest = &after[body_start + close..];
    }
    hashes
}

/// The `'sha256-…'` source of an inline element's text. Every page has
/// the same few (the share bar's script, the print style), so each thread
/// keeps the ones it has hashed; a site whose pages differ (raw HTML
/// allowed) just fills the small cache and hashes the rest.
fn source_of(body: &[u8]) -> String {
    const KEPT: usize = 32;
    thread_local! {
        static SEEN: std::cell::RefCell<rustc_hash::FxHashMap<Vec<u8>, String>> =
            std::cell::RefCell::default();
    }
    SEEN.with(|seen| {
        if let Some(source) = seen.borrow().get(body) {
            return source.clone();
        }
        let source = format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(body))
        );
        let mut seen = seen.borrow_mut();
        if seen.len() < KEPT {
            seen.insert(body.to_vec(), source.clone());
        }
        source
    })
}

/// Whether a finished header value is made only of what a header value may
/// hold here: printable ASCII without `"`, `\`, or anything that could end
/// the line (the policy's own quotes are `'`).
fn is_header_value(value: &str) -> bool {
    !value.is_empty()
        && value
            .bytes()
            .all(|b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\')
}

/// What the `_headers` file says of a fingerprinted file (its name changes
/// with its bytes, so a browser may keep it for a year without asking).
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The `_headers` file for the whole site, from the CSP sources of the
/// inline scripts and styles its pages contain, with long caching for the
/// theme's fingerprinted files (`immutable`, their root-relative
/// addresses). Everything else, pages and plain-named files alike, keeps
/// the host's default caching.
///
/// Settings are checked when site.yaml is read; this checks again what it
/// writes (every host, and every finished header line), so no caller can
/// put a line break or a separator into the file. An unsafe value is
/// refused, and nothing is written.
pub fn headers_file(
    script_hashes: &BTreeSet<String>,
    style_hashes: &BTreeSet<String>,
    iframe_hosts: &[String],
    immutable: &[String],
    admin: Option<&[&str]>,
) -> Result<String, String> {
    if let Some(bad) = iframe_hosts.iter().find(|h| !is_host_name(h)) {
        return Err(format!(
            "`{}` in `markdown.iframe_hosts` is not a host name; the `_headers` file was not written",
            bad.escape_debug()
        ));
    }
    let scripts: Vec<&str> = std::iter::once("'self'")
        .chain(script_hashes.iter().map(String::as_str))
        .collect();
    let styles: Vec<&str> = std::iter::once("'self'")
        .chain(style_hashes.iter().map(String::as_str))
        .collect();
    let frame_hosts = frame_hosts(iframe_hosts);
    let frames = if frame_hosts.is_empty() {
        "'none'".to_string()
    } else {
        frame_hosts
            .iter()
            .map(|h| format!("https://{h}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let csp = format!(
        "default-src 'self'; script-src {}; style-src {}; img-src 'self' data:; font-src 'self'; \
         connect-src 'self'; frame-src {frames}; object-src 'none'; base-uri 'self'; form-action 'self'; \
         frame-ancestors 'self'; upgrade-insecure-requests",
        scripts.join(" "),
        styles.join(" ")
    );
    let headers = [
        ("Content-Security-Policy", csp.as_str()),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("X-Content-Type-Options", "nosniff"),
        (
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        ),
    ];
    let mut file = String::from(
        "# Security headers for hosts that read _headers (Netlify, Cloudflare Pages). Generated by Pamphlet.\n/*\n",
    );
    for (name, value) in headers {
        if !is_header_value(value) {
            return Err(format!(
                "the `{name}` header would hold characters a header cannot; the `_headers` file was not written"
            ));
        }
        file.push_str(&format!("  {name}: {value}\n"));
    }
    if let Some(connect) = admin {
        file.push_str(&admin_block(connect)?);
    }
    file.push_str(&cache_blocks(immutable)?);
    Ok(file)
}

/// The policy of the web editor's page (`/admin/`, see `crate::cms`),
/// after the site's: a host that reads `_headers` as Netlify does gives a
/// path the last matching rule's value. The editor (Decap CMS) compiles its
/// configuration's checks at run time and styles its forms with inline
/// styles, so it needs `'unsafe-eval'` and `'unsafe-inline'`, which no page
/// of the site gets; it shows avatars and previews from `https:` and
/// `blob:`, and talks to the site and its backend (`connect`) only. It can
/// never be framed.
fn admin_block(connect: &[&str]) -> Result<String, String> {
    let connect: Vec<&str> = std::iter::once("'self'")
        .chain(connect.iter().copied())
        .collect();
    let csp = format!(
        "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data: blob: https:; media-src 'self' blob:; font-src 'self' data:; \
         connect-src {}; frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
         frame-ancestors 'none'",
        connect.join(" ")
    );
    if !is_header_value(&csp) || connect.iter().any(|c| c.contains([' ', ';', ','])) {
        return Err(
            "the web editor's policy would hold characters a header cannot; the `_headers` file was not written"
                .into(),
        );
    }
    Ok(format!("/admin/*\n  Content-Security-Policy: {csp}\n"))
}

/// A block per fingerprinted file giving it [`IMMUTABLE`] caching. Its
/// address is percent-encoded and then checked like a header value, and
/// must be a path: nothing in it can start a line or another rule.
fn cache_blocks(immutable: &[String]) -> Result<String, String> {
    let mut blocks = String::new();
    for url in immutable {
        let path = crate::site::urls::encode_path(url);
        if !path.starts_with('/') || !is_header_value(&path) || path.contains(' ') {
            return Err(format!(
                "the address `{}` cannot be a `_headers` rule; the `_headers` file was not written",
                url.escape_debug()
            ));
        }
        blocks.push_str(&format!("{path}\n  Cache-Control: {IMMUTABLE}\n"));
    }
    Ok(blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_executable_inline_scripts_only() {
        let html = "<script>a()</script><script type=\"application/ld+json\">{}</script><script src=\"/x.js\"></script>";
        let hashes = inline_script_hashes(html.as_bytes());
        assert_eq!(hashes.len(), 1);
        // echo -n 'a()' | openssl dgst -sha256 -binary | base64
        assert!(
            hashes.contains("'sha256-qVpDBgj7bpq5hMAcGp3AOc79J3Y1Z4HvySTwKrWDoy4='"),
            "{hashes:?}"
        );
    }

    #[test]
    fn blank_inline_styles_need_no_hash() {
        let html = "<style media=\"print\">\u{a0} \n</style><style>p{}</style>";
        assert_eq!(inline_style_hashes(html.as_bytes()).len(), 1);
    }

    #[test]
    fn policy_lists_hashes_and_iframe_hosts() {
        let hashes: BTreeSet<String> = ["'sha256-abc'".to_string()].into();
        let file = headers_file(
            &hashes,
            &BTreeSet::new(),
            &["www.youtube-nocookie.com".to_string()],
            &[],
            None,
        )
        .unwrap();
        assert!(file.contains("script-src 'self' 'sha256-abc';"), "{file}");
        assert!(
            file.contains("frame-src https://www.youtube-nocookie.com;"),
            "{file}"
        );
        assert!(file.contains("X-Content-Type-Options: nosniff"));
        assert!(
            headers_file(&BTreeSet::new(), &BTreeSet::new(), &[], &[], None)
                .unwrap()
                .contains("frame-src 'none'")
        );
    }

    #[test]
    fn youtube_hosts_are_allowed_as_the_nocookie_player() {
        let listed = ["www.youtube.com", "player.vimeo.com", "youtube.com"].map(String::from);
        assert_eq!(
            frame_hosts(&listed),
            ["www.youtube-nocookie.com", "player.vimeo.com"]
        );
        let file = headers_file(&BTreeSet::new(), &BTreeSet::new(), &listed, &[], None).unwrap();
        assert!(
            file.contains("frame-src https://www.youtube-nocookie.com https://player.vimeo.com;"),
            "{file}"
        );
        assert!(!file.contains("https://www.youtube.com"), "{file}");
    }

    /// Values that are not host names, whatever they try to smuggle in.
    pub(crate) const NOT_HOSTS: &[&str] = &[
        "",
        "youtube",
        "https://www.youtube.com",
        "www.youtube.com/embed",
        "www.youtube.com:443",
        "*.youtube.com",
        "www.youtube.com; script-src *",
        "www.youtube.com 'unsafe-inline'",
        "www.youtube.com,evil.example",
        "www.youtube.com\nX-Frame-Options: ALLOWALL",
        "www.youtube.com\r\nSet-Cookie: a=b",
        "www.youtube.com\u{0}",
        "\"www.youtube.com\"",
        "-bad.example.org",
        "bad-.example.org",
        "a..example.org",
        ".example.org",
        "example.org.",
        "1.2.3.4",
        "vidéo.example.org",
        "www.youtube.com\u{202E}",
    ];

    #[test]
    fn host_names_are_dns_names_only() {
        for host in [
            "www.youtube-nocookie.com",
            "player.vimeo.com",
            "xn--vido-bpa.example.org",
            "A.B",
        ] {
            assert!(is_host_name(host), "{host}");
        }
        assert!(is_host_name(&format!("{}.org", "a".repeat(63))));
        assert!(!is_host_name(&format!("{}.org", "a".repeat(64))));
        for host in NOT_HOSTS {
            assert!(!is_host_name(host), "{host:?}");
            let refused = headers_file(
                &BTreeSet::new(),
                &BTreeSet::new(),
                &[host.to_string()],
                &[],
                None,
            );
            assert!(refused.is_err(), "{host:?}");
        }
    }

    #[test]
    fn no_header_line_can_be_added_by_a_hash() {
        let hashes: BTreeSet<String> = ["'sha256-a'\nX-Evil: 1".to_string()].into();
        assert!(headers_file(&hashes, &BTreeSet::new(), &[], &[], None).is_err());
        let file = headers_file(&BTreeSet::new(), &BTreeSet::new(), &[], &[], None).unwrap();
        assert_eq!(file.lines().count(), 6, "{file}");
        let refused = headers_file(
            &BTreeSet::new(),
            &BTreeSet::new(),
            &[],
            &["a.css".into()],
            None,
        );
        assert!(refused.is_err());
        for url in ["/a.css\nX-Evil: 1", "/a\r\n.css"] {
            let file =
                headers_file(&BTreeSet::new(), &BTreeSet::new(), &[], &[url.into()], None).unwrap();
            assert_eq!(file.lines().count(), 8, "{file}");
            assert!(!file.contains("\nX-Evil") && !file.contains('\r'), "{file}");
        }
    }

    #[test]
    fn fingerprinted_files_are_cached_for_a_year() {
        let urls = [
            "/css/a.0123456789.css".to_string(),
            "/fonts/é.abcdef0123.woff2".into(),
        ];
        let file = headers_file(&BTreeSet::new(), &BTreeSet::new(), &[], &urls, None).unwrap();
        assert!(
            file.ends_with(
                "/css/a.0123456789.css\n  Cache-Control: public, max-age=31536000, immutable\n\
                 /fonts/%C3%A9.abcdef0123.woff2\n  Cache-Control: public, max-age=31536000, immutable\n"
            ),
            "{file}"
        );
        assert!(file.starts_with("# Security headers"), "{file}");
        assert!(
            file.contains("/*\n  Content-Security-Policy: default-src 'self';"),
            "{file}"
        );
    }

    #[test]
    fn the_web_editor_has_a_policy_of_its_own_after_the_sites() {
        let none = headers_file(&BTreeSet::new(), &BTreeSet::new(), &[], &[], None).unwrap();
        assert!(!none.contains("/admin/"), "{none}");
        let sources = ["https://api.github.com"];
        let file =
            headers_file(&BTreeSet::new(), &BTreeSet::new(), &[], &[], Some(&sources)).unwrap();
        let (site, admin) = file.split_once("/admin/*\n").expect("an /admin/ rule");
        assert!(site.contains("script-src 'self';"), "{site}");
        assert!(
            !site.contains("unsafe"),
            "the site's pages keep the strict policy: {site}"
        );
        assert!(
            admin.contains("script-src 'self' 'unsafe-eval';"),
            "{admin}"
        );
        assert!(
            admin.contains("connect-src 'self' https://api.github.com;"),
            "{admin}"
        );
        assert!(admin.contains("frame-ancestors 'none'"), "{admin}");
        // A source can never end the directive or add a header.
        for bad in ["https://a.example; script-src *", "https://a.example\nX: y"] {
            let refused = headers_file(&BTreeSet::new(), &BTreeSet::new(), &[], &[], Some(&[bad]));
            assert!(refused.is_err(), "{bad:?}");
        }
    }
}
