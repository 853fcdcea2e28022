//! A fixture site copied into a temporary folder, built with the library,
//! with helpers to read and parse what the build wrote.

use pamphlet::dates::Date;
use pamphlet::pipeline::{self, BuildOptions, BuildReport, Target};
use std::path::{Path, PathBuf};

/// Runs the `pamphlet` program with `args` as a user would, without colours
/// and without a build time taken from the environment.
pub fn run_pamphlet<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_pamphlet"))
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// The date every test builds at, so review and expiry checks are stable.
pub fn test_today() -> Date {
    Date::new(2026, 6, 1).unwrap()
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub struct TestSite {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
}

impl TestSite {
    /// Copies `tests/fixtures/<name>` into a fresh temporary folder.
    pub fn new(name: &str) -> TestSite {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        copy_dir(&fixtures().join(name), &root);
        TestSite { _dir: dir, root }
    }

    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            base_url: None,
            drafts: false,
            today: test_today(),
            now: test_today().start_instant(),
            report: true,
        }
    }

    pub fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    /// Builds into `public/` and returns the report.
    pub fn build(&self) -> BuildReport {
        self.build_with(&self.options())
    }

    pub fn build_with(&self, options: &BuildOptions) -> BuildReport {
        pipeline::run(options, Target::Folder(self.public())).unwrap()
    }

    /// Changes a file of the site (relative to its root) with `change`.
    pub fn edit(&self, path: &str, change: impl FnOnce(String) -> String) {
        let full = self.root.join(path);
        let text = std::fs::read_to_string(&full)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", full.display()));
        std::fs::write(&full, change(text)).unwrap();
    }

    /// Reads a file the build wrote (relative to `public/`).
    pub fn read(&self, path: &str) -> String {
        let full = self.public().join(path);
        std::fs::read_to_string(&full)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", full.display()))
    }

    pub fn exists(&self, path: &str) -> bool {
        self.public().join(path).exists()
    }

    pub fn html(&self, path: &str) -> scraper::Html {
        scraper::Html::parse_document(&self.read(path))
    }

    /// Every file under `public/`, relative, sorted.
    pub fn output_files(&self) -> Vec<String> {
        list_files(&self.public())
    }
}

pub fn list_files(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    out.sort();
    out
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Texts of the elements matching a CSS selector.
pub fn select_text(html: &scraper::Html, selector: &str) -> Vec<String> {
    let selector = scraper::Selector::parse(selector).unwrap();
    html.select(&selector)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// An attribute of the elements matching a CSS selector.
pub fn select_attr(html: &scraper::Html, selector: &str, attr: &str) -> Vec<String> {
    let selector = scraper::Selector::parse(selector).unwrap();
    html.select(&selector)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// The `content` of a page's `<meta>` tags with this `property` (Open
/// Graph) or, when it has none, this `name` (description, Twitter).
pub fn meta(page: &scraper::Html, key: &str) -> Vec<String> {
    let by_property = select_attr(page, &format!("meta[property=\"{key}\"]"), "content");
    if by_property.is_empty() {
        select_attr(page, &format!("meta[name=\"{key}\"]"), "content")
    } else {
        by_property
    }
}

/// The terms of one language's search index that start like `term`.
pub fn terms_like(site: &TestSite, language: &str, term: &str) -> Vec<String> {
    let hex: String = term.bytes().take(2).map(|b| format!("{b:02x}")).collect();
    let file = format!("search-index/{language}/terms/{hex}.json");
    if !site.exists(&file) {
        return Vec::new();
    }
    let shard: serde_json::Value = serde_json::from_str(&site.read(&file)).unwrap();
    shard.as_object().unwrap().keys().cloned().collect()
}

/// `code file:line:column` of each diagnostic whose code starts with
/// `prefix` (`""` for all), in the report's order.
pub fn located(report: &pamphlet::BuildReport, prefix: &str) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with(prefix))
        .map(|d| {
            format!(
                "{} {}:{}:{}",
                d.code,
                d.file.display(),
                d.position.line,
                d.position.column
            )
        })
        .collect()
}
