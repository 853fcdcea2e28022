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
///
/// Each language has collections of its own. Decap's `multiple_folders`
/// translations put the language folder just above the file
/// (`content/heart/es/salt.md`), where Pamphlet has it just under
/// `content/` (`content/es/heart/salt.md`), so a collection of one folder
/// cannot hold a section's translations: a translation is a page of its
/// language's collection that names its source in `translation_key`.
pub(super) fn all(config: &Config) -> Vec<Value> {
    let content = config.root.join("content");
    let mut collections = Vec::new();
    for section in sections(&content.join(&config.default_language)) {
        for language in &config.languages {
            collections.push(articles(config, &content, &section, &language.code));
        }
    }
    for language in &config.languages {
        collections.push(alerts(config, &language.code));
    }
    collections.extend(updates(config));
    if config.root.join(crate::data::status::FILE).is_file() {
        collections.push(status());
    }
    collections.push(people());
    collections
}

/// The article form's fields: front matter, less `skip`, and the text;
/// `required` adds to the fields the schema requires. A translation's form
/// (`source`: the collection of the pages it translates) has only the
/// fields a translation writes itself, and names its source.
fn page_fields(skip: &[&str], required: &[&str], source: Option<&str>) -> Vec<Value> {
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
    let mut body = super::body_field();
    // Each language writes its own text.
    body["i18n"] = true.into();
    fields.push(body);
    if let Some(source) = source {
        fields.retain(|f| f["i18n"] == true);
        for field in &mut fields {
            if field["name"] == "translation_key" {
                *field = translation_of(source);
            }
        }
    }
    for field in &mut fields {
        if let Some(field) = field.as_object_mut() {
            field.remove("i18n");
            if required.iter().any(|r| field["name"] == *r) {
                field.insert("required".into(), true.into());
            }
        }
    }
    fields
}

/// A translation's `translation_key`: chosen from the source language's
/// pages by title, written as the source's file name.
fn translation_of(source: &str) -> Value {
    json!({
        "name": "translation_key",
        "label": "Translation of",
        "widget": "relation",
        "collection": source,
        "value_field": "{{slug}}",
        "search_fields": ["title"],
        "display_fields": ["title"],
        "required": true,
        "hint": "The page this translates. The translation takes its date, reviewers, sources, pictures and tags: only the words are written here.",
    })
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

/// A section's articles in one language, at
/// `content/<lang>/<section>/<slug>.md`: the default language's with the
/// whole form, another language's as translations of them.
fn articles(config: &Config, content: &Path, section: &str, language: &str) -> Value {
    let title = |language: &str| {
        std::fs::read_to_string(content.join(language).join(section).join("_index.md"))
            .ok()
            .and_then(|text| schema::front_matter_value(&text))
            .and_then(|fm| fm["title"].as_str().map(str::to_string))
            .filter(|t| !t.trim().is_empty())
    };
    let base = if section.is_empty() {
        "pages".to_string()
    } else {
        format!("section-{}", section.replace('/', "-"))
    };
    let label = if section.is_empty() {
        "Pages".to_string()
    } else {
        title(language)
            .or_else(|| title(&config.default_language))
            .unwrap_or_else(|| label(section))
    };
    let default = language == config.default_language;
    let (name, source) = if default {
        (base.clone(), None)
    } else {
        (format!("{base}-{language}"), Some(base.as_str()))
    };
    let folder = if section.is_empty() {
        format!("content/{language}")
    } else {
        format!("content/{language}/{section}")
    };
    json!({
        "name": name,
        "label": format!("{label} ({})", language_name(config, language)),
        "label_singular": if default { "article" } else { "translation" },
        "description": format!("Pages in {folder}/"),
        "folder": folder,
        "extension": "md",
        "format": "frontmatter",
        "create": true,
        "slug": "{{slug}}",
        "summary": "{{title}}",
        "fields": page_fields(&NOT_IN_ARTICLE_FORMS, &crate::frontmatter::ARTICLE_REQUIRED, source),
    })
}

/// A language's name as site.yaml gives it.
fn language_name<'a>(config: &'a Config, code: &'a str) -> &'a str {
    config
        .languages
        .iter()
        .find(|l| l.code == code)
        .map_or(code, |l| l.name.as_str())
}

/// A language's alerts: pages under `alerts/`, with their severity and
/// expiry (each language's banners are its own, so every form is whole).
fn alerts(config: &Config, language: &str) -> Value {
    let name = if language == config.default_language {
        "alerts".to_string()
    } else {
        format!("alerts-{language}")
    };
    json!({
        "name": name,
        "label": format!("Alerts ({})", language_name(config, language)),
        "label_singular": "alert",
        "description": format!("Time-limited notices, shown as a banner on every page of their language until they expire (content/{language}/alerts/)"),
        "folder": format!("content/{language}/{}", crate::alerts::FOLDER),
        "extension": "md",
        "format": "frontmatter",
        "create": true,
        "slug": "{{slug}}",
        "summary": "{{title}} ({{alert.severity}})",
        "fields": page_fields(&["extra"], &[], None),
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
    fields.push(super::body_field());
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
