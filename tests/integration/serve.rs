//! `pamphlet serve` over real HTTP: pages from memory, live reload after an
//! edit, the error overlay over the last good page, traversal attempts
//! refused, the author panel, and the binary's port and Ctrl-C handling.
//! Nothing here waits a fixed time: every wait polls or reads until a
//! generous deadline.

use crate::support::*;
use pamphlet::output::Memory;
use pamphlet::pipeline::{self, Target};
use pamphlet::serve::{ServeOptions, Server};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};

/// How long an expected event or state may take before the test fails.
const DEADLINE: Duration = Duration::from_secs(60);

const MARKER: &str = "<!-- pamphlet serve: live preview only";

/// A running preview of a fixture site (also used by assets.rs).
pub(super) struct Preview {
    pub(super) site: TestSite,
    pub(super) server: Server,
}

impl Preview {
    pub(super) fn start() -> Preview {
        Self::start_with(TestSite::new("sites/live-preview"))
    }

    fn start_with(site: TestSite) -> Preview {
        let mut options = ServeOptions::new(site.options());
        options.port = 0;
        options.verbose = false;
        options.handle_signals = false;
        let server = Server::start(options).unwrap();
        Preview { site, server }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{}", self.server.url(), path.trim_start_matches('/'))
    }

    pub(super) fn get(&self, path: &str) -> Reply {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(DEADLINE))
            .build()
            .into();
        let mut response = agent.get(&self.url(path)).call().unwrap();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .map(|v| v.to_str().unwrap().to_string())
                .unwrap_or_default()
        };
        Reply {
            status: response.status().as_u16(),
            content_type: header("content-type"),
            cache: header("cache-control"),
            location: header("location"),
            body: response.body_mut().read_to_string().unwrap_or_default(),
        }
    }

    fn events(&self) -> Events {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(DEADLINE * 2))
            .build()
            .into();
        let response = agent.get(&self.url("/_pamphlet/events")).call().unwrap();
        let mut events = Events {
            reader: BufReader::new(response.into_body().into_reader()),
        };
        events.wait_for("hello");
        events
    }

    fn edit(&self, rel: &str, from: &str, to: &str) {
        let path = self.site.root.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} has no `{from}`");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
}

pub(super) struct Reply {
    pub(super) status: u16,
    pub(super) content_type: String,
    pub(super) cache: String,
    pub(super) location: String,
    pub(super) body: String,
}

/// The live-reload stream, read as a browser's EventSource does.
struct Events {
    reader: BufReader<ureq::BodyReader<'static>>,
}

impl Events {
    /// Reads events until one named `name` and returns its data; fails if
    /// the stream ends or the deadline passes first.
    fn wait_for(&mut self, name: &str) -> String {
        let (mut event, mut data) = (String::new(), String::new());
        loop {
            let mut line = String::new();
            let read = self
                .reader
                .read_line(&mut line)
                .unwrap_or_else(|e| panic!("no `{name}` event: {e}"));
            assert!(read > 0, "the event stream ended before a `{name}` event");
            let line = line.trim_end();
            if let Some(value) = line.strip_prefix("event:") {
                event = value.trim().to_string();
            } else if let Some(value) = line.strip_prefix("data:") {
                data = value.trim().to_string();
            } else if line.is_empty() && !event.is_empty() {
                if event == name {
                    return data;
                }
                assert_ne!(event, "failed", "unexpected failure: {data}");
                event.clear();
            }
        }
    }
}

const BP: &str = "content/en/heart/high-blood-pressure.md";
const SALT: &str = "content/en/heart/salt.md";

#[test]
fn pages_and_files_are_served_from_memory_with_types_and_no_caching() {
    let p = Preview::start();
    let page = p.get("/en/heart/high-blood-pressure/");
    assert_eq!(page.status, 200);
    assert_eq!(page.content_type, "text/html; charset=utf-8");
    assert_eq!(page.cache, "no-store");
    assert!(page.body.contains("<h1>High blood pressure</h1>"));

    // Exactly what `build` writes (for the preview's address), plus the
    // preview's additions before </body>.
    let mut options = p.site.options();
    options.base_url = Some(p.server.url().to_string());
    let memory = Memory::default();
    pipeline::run(&options, Target::Memory(&memory)).unwrap();
    let built = memory.into_files();
    let built_page =
        String::from_utf8(built[Path::new("en/heart/high-blood-pressure/index.html")].clone())
            .unwrap();
    let start = page.body.find(MARKER).expect("the preview's additions");
    let end = page.body.rfind("</body>").unwrap();
    assert_eq!(
        format!("{}{}", &page.body[..start], &page.body[end..]),
        built_page
    );

    for (path, content_type) in [
        ("/", "text/html; charset=utf-8"),
        ("/css/pamphlet.css", "text/css; charset=utf-8"),
        ("/css/extra.css", "text/css; charset=utf-8"),
        ("/en/heart/images/cuff.svg", "image/svg+xml"),
        ("/leaflet.txt", "text/plain; charset=utf-8"),
        (
            "/es/heart/presion-arterial-alta/",
            "text/html; charset=utf-8",
        ),
    ] {
        let reply = p.get(path);
        assert_eq!(
            (reply.status, reply.content_type.as_str()),
            (200, content_type),
            "{path}"
        );
        assert_eq!(reply.cache, "no-store", "{path}");
    }

    // A folder without its slash is redirected; a folder without a page is
    // not listed; unknown paths get the theme's 404 page.
    let folder = p.get("/en/heart");
    assert_eq!(
        (folder.status, folder.location.as_str()),
        (308, "/en/heart/")
    );
    for missing in ["/en/heart/images/", "/nothing-here/", "/en/heart/nope.html"] {
        let reply = p.get(missing);
        assert_eq!(reply.status, 404, "{missing}");
        assert!(
            reply.body.contains("Page not found"),
            "{missing}: {}",
            reply.body
        );
        assert!(!reply.body.contains("cuff.svg"), "no listing: {missing}");
    }
    assert!(
        !p.site.root.join("public").exists(),
        "serve never writes public/"
    );
}

#[test]
fn the_build_output_has_no_trace_of_the_preview() {
    let site = TestSite::new("sites/live-preview");
    assert!(site.build().published);
    let files = site.output_files();
    assert!(files.len() >= 20, "{files:?}");
    for file in files {
        let bytes = std::fs::read(site.public().join(&file)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for trace in [
            "_pamphlet",
            "pamphlet-overlay",
            "pamphlet-panel",
            "EventSource",
            "pamphlet serve",
        ] {
            assert!(!text.contains(trace), "{file} contains `{trace}`");
        }
    }
}

#[test]
fn an_edit_reloads_the_page_with_the_new_content() {
    let p = Preview::start();
    let mut events = p.events();
    assert!(
        p.get("/en/heart/high-blood-pressure/")
            .body
            .contains("force of blood")
    );

    p.edit(BP, "force of blood", "push of blood");
    let data = events.wait_for("reload");
    assert!(data.contains("\"pages\":1"), "one page re-rendered: {data}");
    let page = p.get("/en/heart/high-blood-pressure/").body;
    assert!(page.contains("push of blood"), "{page}");

    // Saved the way many editors do: a temporary file renamed over the article.
    let path = p.site.root.join(BP);
    let text = std::fs::read_to_string(&path).unwrap();
    let temporary = p
        .site
        .root
        .join("content/en/heart/.high-blood-pressure.md.tmp");
    std::fs::write(
        &temporary,
        text.replace("push of blood", "pressure of blood"),
    )
    .unwrap();
    std::fs::rename(&temporary, &path).unwrap();
    events.wait_for("reload");
    assert!(
        p.get("/en/heart/high-blood-pressure/")
            .body
            .contains("pressure of blood")
    );

    // A stylesheet alone is swapped in place, without a reload.
    std::fs::write(
        p.site.root.join("static/css/extra.css"),
        ".extra { color: #000; }\n",
    )
    .unwrap();
    let data = events.wait_for("css");
    assert!(data.contains("\"/css/extra.css\""), "{data}");
    assert_eq!(p.get("/css/extra.css").body, ".extra { color: #000; }\n");

    // A new article appears at its address.
    std::fs::write(
        p.site.root.join("content/en/heart/stroke.md"),
        "---\ntitle: Stroke\nsummary: Act fast.\ndate: 2026-04-01\n---\n\nCall for help.\n",
    )
    .unwrap();
    events.wait_for("reload");
    assert_eq!(p.get("/en/heart/stroke/").status, 200);
}

#[test]
fn a_broken_edit_shows_the_overlay_over_the_last_good_page() {
    let p = Preview::start();
    let mut events = p.events();
    p.edit(SALT, "title: Eating less salt", "title: [Eating less salt");
    let data = events.wait_for("failed");
    assert!(data.contains("role=\\\"alertdialog\\\""), "{data}");
    assert!(data.contains("content/en/heart/salt.md:2:8"), "{data}");

    // The server still answers, with the last good page and the overlay.
    let page = p.get("/en/heart/salt/");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("<h1>Eating less salt</h1>"),
        "last good version"
    );
    let html = scraper::Html::parse_document(&page.body);
    let overlay = select_text(&html, "[role=alertdialog]#pamphlet-overlay h2");
    assert_eq!(overlay, ["The site could not be rebuilt"]);
    let problems = select_text(&html, "#pamphlet-overlay .pamphlet-problem");
    assert!(
        problems
            .iter()
            .any(|p| p.contains("content/en/heart/salt.md:2:8")
                && p.contains("frontmatter/")
                && p.contains("Hint:")),
        "{problems:?}"
    );
    assert_eq!(select_attr(&html, "#pamphlet-overlay", "tabindex"), ["-1"]);
    assert_eq!(p.get("/en/food/sugar/").status, 200);
    assert!(p.get("/_pamphlet/status").body.contains("\"ok\":false"));

    // Fixing the file clears it.
    p.edit(
        SALT,
        "title: [Eating less salt",
        "title: Eating much less salt",
    );
    events.wait_for("reload");
    let page = p.get("/en/heart/salt/").body;
    assert!(page.contains("<h1>Eating much less salt</h1>"));
    assert!(!page.contains("pamphlet-overlay"));
    assert!(p.get("/_pamphlet/status").body.contains("\"ok\":true"));
}

/// Sends a request line exactly as written (no client normalises it) and
/// returns the status and body.
fn raw_get(addr: std::net::SocketAddr, target: &str) -> (u16, String) {
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    write!(stream, "GET {target} HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).unwrap();
    let reply = String::from_utf8_lossy(&reply).into_owned();
    let status = reply
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, reply)
}

#[cfg(unix)]
#[test]
fn traversal_attempts_get_403_or_404_and_no_outside_file() {
    let site = TestSite::new("sites/live-preview");
    let outside = site.root.parent().unwrap().join("secret.txt");
    std::fs::write(&outside, "TOP SECRET outside the site\n").unwrap();
    std::os::unix::fs::symlink(&outside, site.root.join("static/secret.txt")).unwrap();
    std::os::unix::fs::symlink("../site.yaml", site.root.join("static/settings.txt")).unwrap();
    let p = Preview::start_with(site);
    let addr = p.server.addr();
    for target in [
        "/../secret.txt",
        "/../site/site.yaml",
        "/en/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "//etc/passwd",
        "/%2Fetc%2Fpasswd",
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/site.yaml",
        "/content/en/heart/salt.md",
        "/static/css/extra.css",
        "/secret.txt",
        "/en/heart/images/",
    ] {
        let (status, reply) = raw_get(addr, target);
        assert!(status == 403 || status == 404, "{target}: {status}");
        for leak in [
            "TOP SECRET",
            "base_url",
            "root:x:0",
            "title: Eating less salt",
        ] {
            assert!(!reply.contains(leak), "{target} leaked `{leak}`");
        }
    }
    // The link to outside the site never enters the build (discovery
    // refuses it with an error), so there is nothing to serve. A link that
    // stays inside is published: see `boundary::links_that_stay_inside_the_site_still_work`.
    assert_eq!(raw_get(addr, "/secret.txt").0, 404);
    assert_eq!(raw_get(addr, "/../secret.txt").0, 403);
}

#[test]
fn articles_get_an_author_panel_and_other_pages_do_not() {
    let p = Preview::start();
    let page = scraper::Html::parse_document(&p.get("/en/heart/high-blood-pressure/").body);
    let panel = |selector: &str| select_text(&page, &format!("#pamphlet-panel {selector}"));
    assert_eq!(panel("summary"), ["Author panel"]);
    let text = panel(".pamphlet-panel-body").join(" ");
    for expected in [
        "23 words, about 1 min to read",
        "Reading level Grade 1.8, ease 96 (Flesch–Kincaid grade)",
        "Dr. Sample Reviewer, MD (Cardiologist), reviewed on 2026-03-01",
        "Next review due on 2027-03-01 (in 273 days, counting from 2026-06-01)",
        "Problems in this file None found",
        "Care cards None.",
        "Also in: Español",
        "The share image is 1 KB (WhatsApp's limit is 300 KB)",
    ] {
        assert!(text.contains(expected), "`{expected}` not in: {text}");
    }
    assert_eq!(
        panel(".pamphlet-card figcaption"),
        ["Facebook", "X", "LinkedIn", "WhatsApp"]
    );
    assert_eq!(panel(".pamphlet-card-host")[0], "preview.example.org");

    let salt = scraper::Html::parse_document(&p.get("/en/heart/salt/").body);
    let text = select_text(&salt, "#pamphlet-panel").join(" ");
    for expected in [
        "No medical reviewer yet",
        "Missing in: Español",
        "No share image",
    ] {
        assert!(text.contains(expected), "`{expected}` not in: {text}");
    }
    for page in ["/en/", "/en/heart/", "/en/tags/", "/"] {
        let body = p.get(page).body;
        assert!(body.contains(MARKER), "{page} has the live-reload script");
        assert!(!body.contains("pamphlet-panel"), "{page} is not an article");
    }
}

#[test]
fn the_panel_lists_this_files_problems_and_cuts_long_titles() {
    let site = TestSite::new("sites/live-preview");
    let long = "A very long title about high blood pressure that no share card shows in full because it goes on";
    let path = site.root.join(SALT);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace(
            "title: Eating less salt",
            &format!("title: {long}\nreview_notes: []"),
        ),
    )
    .unwrap();
    let p = Preview::start_with(site);
    let page = scraper::Html::parse_document(&p.get("/en/heart/salt/").body);
    let problems = select_text(&page, "#pamphlet-panel .pamphlet-problem").join(" ");
    assert!(
        problems.contains("content/en/heart/salt.md:3:1"),
        "{problems}"
    );
    assert!(problems.contains("did you mean `reviewers`?"), "{problems}");
    assert_eq!(select_text(&page, "#pamphlet-panel h4"), ["Front matter"]);
    let titles = select_text(&page, "#pamphlet-panel .pamphlet-card-title");
    assert_eq!(titles.len(), 4);
    assert!(
        titles[1].ends_with('…') && titles[1].chars().count() <= 70,
        "X: {}",
        titles[1]
    );
    assert!(
        !titles[2].ends_with('…'),
        "LinkedIn shows 100: {}",
        titles[2]
    );
}

fn pamphlet() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_pamphlet"))
}

/// Reads the binary's stderr until a line containing `needle`; returns all
/// lines read.
fn read_until(
    lines: &mut impl Iterator<Item = std::io::Result<String>>,
    needle: &str,
) -> Vec<String> {
    let mut seen = Vec::new();
    for line in lines {
        let line = line.unwrap();
        let found = line.contains(needle);
        seen.push(line);
        if found {
            return seen;
        }
    }
    panic!("no line with `{needle}` in {seen:?}");
}

#[cfg(unix)]
#[test]
fn the_binary_moves_to_a_free_port_and_stops_cleanly_on_ctrl_c() {
    let site = TestSite::new("sites/live-preview");
    let before = list_files(&site.root);
    let taken = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = taken.local_addr().unwrap().port();
    let mut child = pamphlet()
        .args([
            "serve",
            "--today",
            "2026-06-01",
            "--port",
            &port.to_string(),
            "--root",
        ])
        .arg(&site.root)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let seen = read_until(&mut lines, "Serving the preview at");
    let text = seen.join("\n");
    assert!(
        text.contains(&format!("Port {port} is in use; using port")),
        "{text}"
    );
    let url = text
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap()
        .to_string();
    assert!(!url.ends_with(&format!(":{port}/")), "{url}");
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(DEADLINE))
        .build()
        .into();
    let body = agent
        .get(&format!("{url}en/"))
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap();
    assert!(body.contains("Live Preview Clinic"));

    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + DEADLINE;
    let exit = loop {
        if let Some(exit) = child.try_wait().unwrap() {
            break exit;
        }
        assert!(Instant::now() < deadline, "serve did not stop after Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(exit.success(), "{exit:?}");
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(rest.iter().any(|l| l == "Stopped."), "{rest:?}");
    assert_eq!(list_files(&site.root), before, "serve left files behind");
    drop(taken);
}

#[cfg(unix)]
#[test]
fn listening_beyond_this_computer_warns() {
    let site = TestSite::new("sites/live-preview");
    let mut child = pamphlet()
        .args(["serve", "--bind", "0.0.0.0", "--port", "0", "--root"])
        .arg(&site.root)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let text = read_until(&mut lines, "Serving the preview at").join("\n");
    let _ = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let _ = child.wait();
    assert!(
        text.contains(
            "warning: listening on 0.0.0.0: other computers on your network can open this preview"
        ),
        "{text}"
    );
    assert!(text.contains("http://127.0.0.1:"), "{text}");
}

#[test]
fn serve_without_a_site_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = pamphlet()
        .args(["serve", "--port", "0", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no Pamphlet site"));
}
