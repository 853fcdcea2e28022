//! `pamphlet serve --bench-latency N` (hidden): how long a saved article
//! takes to reach the browser. It starts the preview on a free port,
//! listens to the live-reload stream as a page does, then N times edits one
//! article and measures from just before the file is written to the
//! `reload` event arriving over HTTP: file watching, the quiet time that
//! groups an editor's events, the incremental rebuild and the event itself.
//! The article is restored at the end. `bench/serve-latency.sh` runs it on
//! generated sites of 1,000 and 10,000 articles.

use super::{ServeOptions, Server};
use crate::error::{Error, Result};
use crate::pipeline::BuildOptions;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The longest a single save may take to arrive before the benchmark gives up.
const PATIENCE: Duration = Duration::from_secs(120);

/// Runs the benchmark and prints its figures on stdout.
pub fn bench_latency(site: BuildOptions, samples: usize) -> Result<()> {
    let samples = samples.max(1);
    let article = first_article(&site.root)?;
    let original = std::fs::read_to_string(&article).map_err(|e| Error::io(&article, e))?;
    let articles = walkdir::WalkDir::new(site.root.join("content"))
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .count();

    let root = site.root.clone();
    let started = Instant::now();
    let mut options = ServeOptions::new(site);
    options.port = 0;
    options.verbose = false;
    options.handle_signals = false;
    let server = Server::start(options)?;
    let first_build = started.elapsed();
    let mut events = EventStream::connect(server.addr())?;
    events.wait_for("hello")?;

    let mut latencies = Vec::with_capacity(samples);
    let mut rebuilds = Vec::with_capacity(samples);
    for i in 0..samples {
        let text = format!("{original}\nEdited by the latency benchmark ({i}).\n");
        let saved = Instant::now();
        std::fs::write(&article, text).map_err(|e| Error::io(&article, e))?;
        let data = events.wait_for("reload")?;
        latencies.push(saved.elapsed());
        let event: serde_json::Value = serde_json::from_str(&data).unwrap_or_default();
        rebuilds.push(event["milliseconds"].as_u64().unwrap_or(0));
        // Let the save's last events pass and the site-wide outputs it
        // deferred (feeds, sitemap, report: most of a second on 10,000
        // articles) be written, so each sample starts idle, as an editor's
        // next save does.
        std::thread::sleep(Duration::from_millis(1500));
    }
    std::fs::write(&article, &original).map_err(|e| Error::io(&article, e))?;
    events.wait_for("reload")?;
    server.stop()?;

    latencies.sort();
    rebuilds.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = latencies[latencies.len() / 2];
    let p90 = latencies[(latencies.len() * 9 / 10).min(latencies.len() - 1)];
    println!(
        "articles {articles}  first build {:.0} ms  edited {}",
        ms(first_build),
        article.strip_prefix(&root).unwrap_or(&article).display()
    );
    println!(
        "save-to-reload over {samples} saves: median {:.1} ms, p90 {:.1} ms, max {:.1} ms (of which rebuild median {} ms)",
        ms(median),
        ms(p90),
        ms(*latencies.last().expect("at least one sample")),
        rebuilds[rebuilds.len() / 2]
    );
    Ok(())
}

/// The first article (not a section page) under `content/`, in name order.
fn first_article(root: &Path) -> Result<PathBuf> {
    walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .map(|e| e.into_path())
        .find(|p| {
            p.extension().is_some_and(|x| x == "md")
                && p.file_name().is_some_and(|n| n != "_index.md")
        })
        .ok_or_else(|| Error::Usage("the site has no article to edit".into()))
}

/// The live-reload stream read as a browser would, over plain HTTP/1.0
/// (the body then ends only when the server closes it, without chunks).
struct EventStream {
    reader: BufReader<TcpStream>,
}

impl EventStream {
    fn connect(addr: SocketAddr) -> Result<EventStream> {
        let fail = |e: std::io::Error| Error::Usage(format!("benchmark: {e}"));
        let mut stream = TcpStream::connect(addr).map_err(fail)?;
        stream.set_read_timeout(Some(PATIENCE)).map_err(fail)?;
        stream
            .write_all(b"GET /_pamphlet/events HTTP/1.0\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
            .map_err(fail)?;
        Ok(EventStream {
            reader: BufReader::new(stream),
        })
    }

    /// Reads events until one named `name`; returns its data.
    fn wait_for(&mut self, name: &str) -> Result<String> {
        let (mut event, mut data) = (String::new(), String::new());
        let mut line = String::new();
        loop {
            line.clear();
            let read = self
                .reader
                .read_line(&mut line)
                .map_err(|e| Error::Usage(format!("benchmark: no `{name}` event: {e}")))?;
            if read == 0 {
                return Err(Error::Usage(format!(
                    "benchmark: the event stream ended before a `{name}` event"
                )));
            }
            let line = line.trim_end_matches(['\r', '\n']);
            if let Some(value) = line.strip_prefix("event:") {
                event = value.trim().to_string();
            } else if let Some(value) = line.strip_prefix("data:") {
                data = value.trim().to_string();
            } else if line.is_empty() {
                if event == name {
                    return Ok(data);
                }
                event.clear();
                data.clear();
            }
        }
    }
}
