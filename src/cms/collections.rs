//! The CMS's collections: what an author can open and create, each with
//! its form made from the matching editor schema.

use super::widgets::{Form, label};
use crate::config::Config;
use crate::discover::UPDATES_FOLDER as UPDATES;
use crate::schema::{self, Kind};
use serde_json::{Value, json};
use std::path::Path;

/// Front-matter fields no form shows: free-form template data has no
/// form, and only alerts are alerts. (The agreement test in `tests.rs`
/// holds the forms to this list.)
pub(super) const NOT_IN_ARTICLE_FORMS: [&str; 2] = ["extra", "alert"];

/// Top-level folders of a language that are not sections of articles.
const SPECIAL_FOLDERS: [&str; 2] = [crate::alerts::FOLDER, UPDATES];

/// Every collection, in the order the CMS lists them.
pub(super) fn all(config: &Config) -> Vec<Value> {
    let content = config.root.join("content").join(&config.default_language);
    let mut collections: Vec<Value> = sections(&content)
        .into_iter()
        .map(|section| articles(config, &content, &section))
        .collect();
    collections.push(alerts(config));
    collections.extend(updates(config));
    if config.root.join(crate::data::status::FILE).is_file() {
        collections.push(status());
    }
    collections.push(people());
    collections
}

/// The article form's fields: front matter, less `skip`, and the text;
/// `required` adds to the fields the schema requires.
fn page_fields(skip: &[&str], required: &[&str]) -> Vec<Value> {
    let root = schema::json(Kind::FrontMatter);
    let inherited: Vec<&str> = crate::site::inherit::INHERITED
        .iter()
        .map(|(f, _)| *f)
        .collect();
    let form = Form {
        root: &root,
        i18n: true,
        inherited: &inherited,
        order: crate::frontmatter::known_fields,
    };
    let mut fields = form.fields(&root, "", skip);
    for field in &mut fields {
        if required.iter().any(|r| field["name"] == *r) {
            field["required"] = true.into();
        }
    }
    fields.push(super::body_field(true));
    fields
}

/// Folders under the default language's content holding pages (their
/// paths relative to it, `""` for pages at the top), in path order.
fn sections(content: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir())
    {
        let Ok(rel) = entry.path().strip_prefix(content) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if SPECIAL_FOLDERS.contains(&rel.split('/').next().unwrap_or("")) {
            continue;
        }
        let has_pages = std::fs::read_dir(entry.path())
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .any(|f| {
                let name = f.file_name().to_string_lossy().into_owned();
                name.ends_with(".md")
                    && !name.starts_with('.')
                    && (name != "_index.md" || !rel.is_empty())
            });
        if has_pages {
            found.push(rel);
        }
    }
    found
}

/// A section's articles: the default language's files and their
/// translations, at `content/<lang>/<section>/<slug>.md`.
fn articles(config: &Config, content: &Path, section: &str) -> Value {
    let title = std::fs::read_to_string(content.join(section).join("_index.md"))
        .ok()
        .and_then(|text| schema::front_matter_value(&text))
        .and_then(|fm| fm["title"].as_str().map(str::to_string))
        .filter(|t| !t.trim().is_empty());
    let (name, label) = if section.is_empty() {
        ("pages".to_string(), "Pages".to_string())
    } else {
        (
            format!("section-{}", section.replace('/', "-")),
            title.unwrap_or_else(|| label(section)),
        )
    };
    let path = if section.is_empty() {
        "{{slug}}".to_string()
    } else {
        format!("{section}/{{{{slug}}}}")
    };
    json!({
        "name": name,
        "label": label,
        "label_singular": "article",
        "description": format!("Pages under content/{}/{section}", config.default_language),
        "folder": "content",
        "path": path,
        "extension": "md",
        "format": "frontmatter",
        "create": true,
        "slug": "{{slug}}",
        "summary": "{{title}}",
        "i18n": true,
        "fields": page_fields(&NOT_IN_ARTICLE_FORMS, &crate::frontmatter::ARTICLE_REQUIRED),
    })
}

/// Alerts: pages under `alerts/`, with their severity and expiry.
fn alerts(config: &Config) -> Value {
    json!({
        "name": "alerts",
        "label": "Alerts",
        "label_singular": "alert",
        "description": format!("Time-limited notices, shown as a banner on every page of their language until they expire (content/{}/alerts/)", config.default_language),
        "folder": "content",
        "path": "alerts/{{slug}}",
        "extension": "md",
        "format": "frontmatter",
        "create": true,
        "slug": "{{slug}}",
        "summary": "{{title}} ({{alert.severity}})",
        "i18n": true,
        "fields": page_fields(&["extra"], &[]),
    })
}

/// The form of an update entry.
fn update_fields() -> Vec<Value> {
    let root = schema::json(Kind::Update);
    let form = Form {
        root: &root,
        i18n: false,
        inherited: &[],
        order: |_| crate::data::updates::field_names(),
    };
    let mut fields = form.fields(&root, "", &[]);
    fields.push(super::body_field(false));
    fields
}

/// One collection per live-update topic and language (entries are news
/// of their language, not translations of each other).
fn updates(config: &Config) -> Vec<Value> {
    let mut collections = Vec::new();
    for language in &config.languages {
        let folder = config
            .root
            .join("content")
            .join(&language.code)
            .join(UPDATES);
        let mut topics: Vec<String> = std::fs::read_dir(&folder)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|t| !t.starts_with('.'))
            .collect();
        topics.sort();
        for topic in topics {
            collections.push(json!({
                "name": format!("updates-{topic}-{}", language.code),
                "label": format!("Updates: {} ({})", label(&topic.replace('-', " ")), language.name),
                "label_singular": "update",
                "folder": format!("content/{}/{UPDATES}/{topic}", language.code),
                "extension": "md",
                "format": "frontmatter",
                "create": true,
                "slug": "{{year}}-{{month}}-{{day}}-{{hour}}{{minute}}",
                "summary": "{{time}} {{title}}",
                "sortable_fields": ["time"],
                "fields": update_fields(),
            }));
        }
    }
    collections
}

/// The status board: one file.
fn status() -> Value {
    let root = schema::json(Kind::Status);
    let form = Form {
        root: &root,
        i18n: false,
        inherited: &[],
        order: crate::data::status::known_fields,
    };
    json!({
        "name": "status",
        "label": "Status board",
        "files": [{
            "name": "status",
            "label": "Services and their status",
            "file": crate::data::status::FILE,
            "format": "yaml",
            "fields": form.fields(&root, "", &[]),
        }],
    })
}

/// People profiles, one file each, photos beside them.
fn people() -> Value {
    let root = schema::json(Kind::Person);
    let form = Form {
        root: &root,
        i18n: false,
        inherited: &[],
        order: crate::data::people::known_fields,
    };
    json!({
        "name": "people",
        "label": "People",
        "label_singular": "profile",
        "description": "Authors and reviewers; front matter names a profile by its file name (`id:`).",
        "folder": crate::data::people::FOLDER,
        "extension": "yaml",
        "format": "yaml",
        "create": true,
        "identifier_field": "name",
        "slug": "{{slug}}",
        "media_folder": "",
        "public_folder": "",
        "fields": form.fields(&root, "", &[]),
    })
}
