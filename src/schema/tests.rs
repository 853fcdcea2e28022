//! The schemas agree with the checker's own field lists, and say what the
//! checker's constants say.

use super::{Kind, json};
use serde_json::Value;

/// The object schema at `path` (property names, `[]` for list items),
/// following `$ref`s into `$defs`.
fn object_at<'a>(root: &'a Value, path: &[&str]) -> &'a Value {
    let mut at = resolve(root, root);
    for step in path {
        at = if *step == "[]" {
            resolve(root, &at["items"])
        } else {
            resolve(root, &at["properties"][*step])
        };
    }
    at
}

fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.trim_start_matches("#/$defs/");
        return resolve(root, &root["$defs"][name]);
    }
    // `Option<T>` of a struct: `anyOf: [T, null]`.
    if let Some(any) = schema["anyOf"].as_array()
        && any.len() == 2
        && any.iter().any(|s| s["type"] == "null")
        && let Some(inner) = any.iter().find(|s| s["type"] != "null")
    {
        return resolve(root, inner);
    }
    schema
}

fn names(object: &Value) -> Vec<String> {
    let mut names: Vec<String> = object["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("not an object schema: {object}"))
        .keys()
        .cloned()
        .collect();
    names.sort();
    names
}

fn known(list: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = list.iter().map(|s| s.to_string()).collect();
    names.sort();
    names
}

#[test]
fn front_matter_fields_are_the_checkers() {
    let schema = json(Kind::FrontMatter);
    for (path, parent) in [
        (&[][..], ""),
        (&["authors", "[]"][..], "authors"),
        (&["reviewers", "[]"][..], "reviewers"),
        (&["citations", "[]"][..], "citations"),
        (&["alert"][..], "alert"),
    ] {
        assert_eq!(
            names(object_at(&schema, path)),
            known(crate::frontmatter::known_fields(parent)),
            "{parent}"
        );
    }
    assert_eq!(
        names(&schema),
        known(crate::frontmatter::field_names()),
        "top level"
    );
}

#[test]
fn data_file_fields_are_the_checkers() {
    let status = json(Kind::Status);
    assert_eq!(names(&status), known(crate::data::status::known_fields("")));
    assert_eq!(
        names(object_at(&status, &["services", "[]"])),
        known(crate::data::status::known_fields("services"))
    );
    let person = json(Kind::Person);
    assert_eq!(names(&person), known(crate::data::people::known_fields("")));
    assert_eq!(
        names(object_at(&person, &["links", "[]"])),
        known(crate::data::people::known_fields("links"))
    );
    let update = json(Kind::Update);
    assert_eq!(names(&update), known(crate::data::updates::field_names()));
}

#[test]
fn site_settings_are_the_checkers() {
    let site = json(Kind::Site);
    assert_eq!(names(&site), known(crate::config::known_fields("")));
    for section in [
        "review",
        "readability",
        "social",
        "markdown",
        "privacy",
        "security",
        "alerts",
        "status",
        "emergency",
        "contents",
        "related",
        "images",
        "organization",
        "cms",
    ] {
        assert_eq!(
            names(object_at(&site, &[section])),
            known(crate::config::known_fields(section)),
            "{section}"
        );
    }
}

#[test]
fn limits_and_choices_come_from_the_checkers_constants() {
    let schema = json(Kind::FrontMatter);
    let props = &schema["properties"];
    assert_eq!(
        props["summary"]["maxLength"],
        crate::frontmatter::SUMMARY_MAX_CHARS
    );
    assert_eq!(props["tags"]["maxItems"], crate::frontmatter::MAX_TAGS);
    let audiences: Vec<&str> = props["audience"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(audiences, crate::frontmatter::Audience::NAMES);
    assert_eq!(schema["dependentRequired"]["image"][0], "image_alt");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["additionalProperties"], false);
}

#[test]
fn the_text_is_stable_json() {
    for kind in Kind::ALL {
        let text = super::text(kind);
        assert_eq!(text, super::text(kind));
        assert!(text.ends_with("}\n"));
        let _: Value = serde_json::from_str(&text).unwrap();
    }
}
