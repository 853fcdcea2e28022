//! The editor schemas: JSON Schema (draft 2020-12) documents for front
//! matter, update entries, site.yaml, the status board and people
//! profiles, printed by `pamphlet schema` and written into a site that
//! opts in (`editor_schemas: true`), so that editors with a YAML language
//! server complete and check what authors type.
//!
//! Each schema is derived from the very serde types the readers parse
//! into, with the checker's own constants for allowed values and limits;
//! what schemars cannot say from those types is added here, in
//! [`finish`], and nowhere else. The CMS configuration (`crate::cms`) is
//! in turn derived from these schemas, so none of the three can drift.

use crate::error::{Error, Result};
use schemars::generate::SchemaSettings;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The folder (at the site root) `pamphlet schema --write` and, for a site
/// that opts in, `pamphlet new` write the schemas into.
pub const FOLDER: &str = "schemas";

/// What a schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// The front matter of pages under `content/`.
    FrontMatter,
    /// The front matter of live-update entries (`content/<lang>/updates/<topic>/`).
    Update,
    /// site.yaml.
    Site,
    /// `data/status.yaml`.
    Status,
    /// A profile in `data/people/`.
    Person,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::FrontMatter,
        Kind::Update,
        Kind::Site,
        Kind::Status,
        Kind::Person,
    ];

    /// The name on the command line and in the file name.
    pub fn name(self) -> &'static str {
        match self {
            Kind::FrontMatter => "front-matter",
            Kind::Update => "update",
            Kind::Site => "site",
            Kind::Status => "status",
            Kind::Person => "person",
        }
    }

    /// The schema's file name in [`FOLDER`].
    pub fn file_name(self) -> String {
        format!("{}.json", self.name())
    }

    fn title(self) -> &'static str {
        match self {
            Kind::FrontMatter => "Pamphlet page front matter",
            Kind::Update => "Pamphlet live-update entry",
            Kind::Site => "Pamphlet site.yaml",
            Kind::Status => "Pamphlet status board (data/status.yaml)",
            Kind::Person => "Pamphlet person profile (data/people/<id>.yaml)",
        }
    }

    fn description(self) -> &'static str {
        match self {
            Kind::FrontMatter => {
                "The YAML between the `---` lines at the top of a Markdown file under content/. `pamphlet check` is the authority: it also knows the file's kind (an article needs `summary` and `date`; a translation takes `date` from its source)."
            }
            Kind::Update => "The YAML between the `---` lines of one live-update entry.",
            Kind::Site => "The site's settings.",
            Kind::Status => "The services on the status board and their current status.",
            Kind::Person => "An author's or reviewer's profile, named by `id:` in front matter.",
        }
    }
}

/// The schema of `kind`, as a JSON value.
pub fn json(kind: Kind) -> Value {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let schema = match kind {
        Kind::FrontMatter => crate::frontmatter::schema(generator),
        Kind::Update => crate::data::updates::schema(generator),
        Kind::Site => crate::config::schema(generator),
        Kind::Status => crate::data::status::schema(generator),
        Kind::Person => crate::data::people::schema(generator),
    };
    finish(kind, schema.to_value())
}

/// The schema of `kind` as the text `pamphlet schema` prints (keys in
/// alphabetical order, two-space indents, a final newline).
pub fn text(kind: Kind) -> String {
    let mut text = serde_json::to_string_pretty(&json(kind)).unwrap_or_default();
    text.push('\n');
    text
}

/// A YAML text (site.yaml, a data file) as the JSON value its schema
/// describes, read as Pamphlet reads it; `None` when it is not YAML.
pub fn yaml_value(text: &str) -> Option<Value> {
    crate::yaml::parse_value(text).ok()
}

/// The front matter of a Markdown file as the JSON value its schema
/// describes; `None` when the file has no readable front matter.
pub fn front_matter_value(text: &str) -> Option<Value> {
    let split = crate::frontmatter::split(text)?;
    yaml_value(&text[split.yaml.0..split.yaml.1])
}

/// Writes every schema into `<root>/schemas/`, leaving files that already
/// say the same untouched. Returns the files written.
pub fn write_all(root: &Path) -> Result<Vec<PathBuf>> {
    let folder = root.join(FOLDER);
    std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
    let mut written = Vec::new();
    for kind in Kind::ALL {
        let path = folder.join(kind.file_name());
        let text = text(kind);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
            continue;
        }
        std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
        written.push(path);
    }
    Ok(written)
}

/// The few things the derived schema cannot say by itself: its title and
/// description, and that the fields a reader knows are all there are (the
/// checker warns about, or refuses, any other; free-form maps such as
/// `extra:` and `languages:` keep their own `additionalProperties`).
fn finish(kind: Kind, mut schema: Value) -> Value {
    close_objects(&mut schema);
    if let Value::Object(map) = &mut schema {
        map.insert("title".into(), kind.title().into());
        map.insert("description".into(), kind.description().into());
    }
    schema
}

/// Sets `additionalProperties: false` on every object schema that lists
/// its `properties` and says nothing about others; joins the lines of doc
/// comments (an editor wraps descriptions itself) and drops the `default:
/// null` of optional fields (saying nothing an editor can use).
fn close_objects(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                map.insert("additionalProperties".into(), Value::Bool(false));
            }
            if map.get("default") == Some(&Value::Null) {
                map.remove("default");
            }
            if let Some(Value::String(text)) = map.get_mut("description") {
                *text = unwrap_lines(text);
            }
            map.values_mut().for_each(close_objects);
        }
        Value::Array(items) => items.iter_mut().for_each(close_objects),
        _ => {}
    }
}

/// A doc comment's text with each paragraph on one line.
fn unwrap_lines(text: &str) -> String {
    text.split("\n\n")
        .map(|paragraph| {
            paragraph
                .lines()
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests;
