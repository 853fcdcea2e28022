//! `pamphlet cms`: the configuration of a web editor at `/admin/` (Decap
//! CMS, or Sveltia CMS, which reads the same file), written from
//! Pamphlet's own field definitions so that it cannot drift from what the
//! build accepts.
//!
//! The forms are made from the editor schemas (`crate::schema`), which
//! are made from the readers' serde types: for each language, one
//! collection per section of articles (a translation names its source)
//! and one of alerts; each live-update topic, the status board and the
//! people profiles. The admin page loads the CMS script from the site
//! itself.

mod collections;
mod widgets;

use crate::config::Config;
use crate::error::{Error, Result};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// Where the admin page and its configuration go (published at `/admin/`).
pub const FOLDER: &str = "static/admin";

/// The start of every file `pamphlet cms` writes: a file that has it is
/// Pamphlet's own and may be written again; any other is left alone.
const MARK: &str = "Written by `pamphlet cms`";

/// The CMS configuration (`config.yml`) for the site.
pub fn config_yaml(config: &Config) -> String {
    let mut backend = json!({
        "name": config.cms.backend.as_deref().unwrap_or("git-gateway"),
        "branch": config.cms.branch.as_deref().unwrap_or("main"),
    });
    if let Some(repo) = &config.cms.repo {
        backend["repo"] = repo.as_str().into();
    }
    if let Some(domain) = &config.cms.site_domain {
        backend["site_domain"] = domain.as_str().into();
    }
    let mut root = json!({
        "backend": backend,
        "site_url": config.base_url.as_str(),
        "media_folder": "static/images",
        "public_folder": "/images",
        "collections": collections::all(config),
    });
    if config.cms.local_backend {
        root["local_backend"] = true.into();
    }
    let mut text = format!(
        "# {MARK} from Pamphlet's own field definitions: run it again after\n\
         # changing site.yaml or adding a section or update topic. Edits made\n\
         # here are lost then (or, without this line, kept: `pamphlet cms`\n\
         # will not replace this file).\n"
    );
    text.push_str(&crate::yaml::to_text(&root));
    text
}

/// The admin page: loads the CMS script from the site, never indexed.
pub fn index_html(config: &Config) -> String {
    let attr = crate::html::escape_attribute;
    let title = attr(&config.title);
    let lang = attr(&config.default_language);
    let script = attr(config.cms.script());
    format!(
        "<!doctype html>\n<!-- {MARK}: the web editor's page. -->\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex, nofollow\">\n<title>Edit · {title}</title>\n</head>\n<body>\n<script src=\"{script}\"></script>\n</body>\n</html>\n"
    )
}

/// What `pamphlet cms` did.
#[derive(Debug, Default)]
pub struct Written {
    /// Files written (new, or Pamphlet's own with changes).
    pub files: Vec<PathBuf>,
    /// Files already up to date.
    pub unchanged: Vec<PathBuf>,
    /// The CMS script's file, when the site does not have it yet.
    pub missing_script: Option<PathBuf>,
}

/// Writes `static/admin/config.yml` and `index.html`. A file there that
/// Pamphlet did not write (it lacks the mark) is replaced only with `force`.
pub fn write(config: &Config, force: bool) -> Result<Written> {
    let folder = config.root.join(FOLDER);
    let files = [
        (folder.join("config.yml"), config_yaml(config)),
        (folder.join("index.html"), index_html(config)),
    ];
    for (path, _) in &files {
        if let Ok(existing) = std::fs::read_to_string(path)
            && !force
            && !existing.lines().take(2).any(|l| l.contains(MARK))
        {
            return Err(Error::Usage(format!(
                "`{}` was not written by `pamphlet cms`; it was not changed. Move it away, or run `pamphlet cms --force` to replace it",
                path.display()
            )));
        }
    }
    std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
    let mut written = Written::default();
    for (path, text) in files {
        if std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
            written.unchanged.push(path);
            continue;
        }
        std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
        written.files.push(path);
    }
    written.missing_script = local_script(config).filter(|p| !p.is_file());
    Ok(written)
}

/// The file under `static/` the script's site path names, if it is one.
fn local_script(config: &Config) -> Option<PathBuf> {
    let path = config.cms.script().strip_prefix('/')?;
    if path.starts_with('/') || path.split('/').any(|part| part == "..") {
        return None;
    }
    Some(config.root.join("static").join(Path::new(path)))
}

/// What every front-matter form shows last: the page's text, with the
/// syntax of the health blocks (docs/care-cards-and-callouts.md).
fn body_field() -> Value {
    json!({
        "name": "body",
        "label": "Text",
        "widget": "markdown",
        "modes": ["raw"],
        "required": true,
        "hint": "Markdown. Cite a source with [@id] (an id under Citations). Care card: a first line `> [!urgent] Ask for an urgent appointment if:` (or [!non-urgent], [!emergency]), then `> - ` one sign per line. Callout: `> [!tip] A short title`, then `> ` its text ([!note], [!tip], [!important], [!warning], [!caution]). Every picture needs words saying what it shows: `![What it shows](photo.jpg)`.",
    })
}

#[cfg(test)]
mod tests;
