//! Decap CMS fields from the editor schemas: each property of a JSON
//! Schema (`crate::schema`) becomes the widget that writes what the
//! schema allows, so the form asks for exactly what `pamphlet check`
//! accepts (required fields required, choices as selects, dates as date
//! pickers, limits as patterns, lists of objects with their fields).

use crate::yaml::shapes;
use serde_json::{Map, Value, json};

/// How one form is made from a schema: which fields each language writes
/// itself (the rest are written once, in the default language's file).
pub(super) struct Form<'a> {
    /// The whole schema, for its `$defs`.
    pub root: &'a Value,
    /// Whether the collection has translations.
    pub i18n: bool,
    /// Top-level fields a translation takes from its source.
    pub inherited: &'a [&'a str],
    /// The checker's field names of a mapping (`""` the top, else the
    /// field holding it): the order the form lists them in.
    pub order: fn(&str) -> &'static [&'static str],
}

impl Form<'_> {
    /// The fields of the object schema `object`, the value of the field
    /// `parent` (`""` at the top), leaving out `skip`.
    pub(super) fn fields(&self, object: &Value, parent: &str, skip: &[&str]) -> Vec<Value> {
        let top = parent.is_empty();
        let object = self.resolve(object);
        let required = names(&object["required"]);
        let Some(properties) = object["properties"].as_object() else {
            return Vec::new();
        };
        let declared = (self.order)(parent);
        let mut order: Vec<&String> = properties.keys().collect();
        // The schema's keys are sorted; the form follows the checker's order.
        order.sort_by_key(|k| declared.iter().position(|d| d == k).unwrap_or(usize::MAX));
        order
            .into_iter()
            .filter(|name| !skip.contains(&name.as_str()))
            .map(|name| {
                let mut field = self.field(name, &properties[name.as_str()]);
                field.insert("required".into(), required.contains(&name.as_str()).into());
                if self.i18n && top && !self.inherited.contains(&name.as_str()) {
                    field.insert("i18n".into(), true.into());
                }
                Value::Object(field)
            })
            .collect()
    }

    /// One field: its name, label, hint and widget.
    fn field(&self, name: &str, written: &Value) -> Map<String, Value> {
        let schema = self.resolve(written);
        let mut field = Map::new();
        field.insert("name".into(), name.into());
        field.insert("label".into(), label(name).into());
        // The field's own description, else its type's.
        let hint = written["description"]
            .as_str()
            .or(schema["description"].as_str());
        if let Some(hint) = hint {
            field.insert("hint".into(), hint.into());
        }
        for (key, value) in self.widget(name, schema) {
            field.insert(key, value);
        }
        field
    }

    /// The widget settings for a value of `schema`.
    fn widget(&self, name: &str, schema: &Value) -> Map<String, Value> {
        let types = names(&schema["type"]);
        let widget = if let Some(options) = schema["enum"].as_array() {
            json!({ "widget": "select", "options": options })
        } else if schema["format"] == "date" {
            json!({ "widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": false })
        } else if schema["format"] == "date-time" {
            json!({ "widget": "datetime", "format": "YYYY-MM-DDTHH:mm:ssZ" })
        } else if schema["pattern"] == shapes::LOCAL_TIME_PATTERN {
            json!({ "widget": "datetime", "format": "YYYY-MM-DD HH:mm", "date_format": "YYYY-MM-DD", "time_format": "HH:mm" })
        } else if IMAGES.contains(&name) {
            json!({ "widget": "image", "choose_url": false })
        } else if types.contains(&"array") {
            return self.list(name, schema);
        } else if types.contains(&"object") || schema["properties"].is_object() {
            json!({ "widget": "object", "fields": self.fields(schema, name, &[]) })
        } else if types == ["boolean"] {
            json!({ "widget": "boolean" })
        } else if types.first() == Some(&"integer") {
            json!({ "widget": "number", "value_type": "int" })
        } else if let Some(max) = schema["maxLength"].as_u64() {
            json!({ "widget": "text", "pattern": [format!("^[\\s\\S]{{0,{max}}}$"), format!("at most {max} characters")] })
        } else {
            json!({ "widget": "string" })
        };
        match widget {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

    /// A list: of texts (one per line of the list widget) or of objects.
    fn list(&self, name: &str, schema: &Value) -> Map<String, Value> {
        let items = self.resolve(&schema["items"]);
        let mut list = Map::new();
        list.insert("widget".into(), "list".into());
        if items["properties"].is_object() {
            let fields = self.fields(items, name, &[]);
            if let Some(first) = fields.first().and_then(|f| f["name"].as_str()) {
                list.insert("summary".into(), format!("{{{{fields.{first}}}}}").into());
            }
            list.insert("fields".into(), fields.into());
        }
        if let Some(max) = schema["maxItems"].as_u64() {
            list.insert("max".into(), max.into());
        }
        list
    }

    /// `schema` with `$ref`s followed and an optional value's `null` dropped.
    pub(super) fn resolve<'v>(&'v self, schema: &'v Value) -> &'v Value {
        if let Some(r) = schema["$ref"].as_str() {
            let name = r.trim_start_matches("#/$defs/");
            return self.resolve(&self.root["$defs"][name]);
        }
        // An object's own `anyOf` (a reviewer needs `name` or `id`) is a
        // rule about it, not a choice of shapes.
        if let Some(any) = schema["anyOf"]
            .as_array()
            .filter(|_| !schema["properties"].is_object())
        {
            let real: Vec<&Value> = any.iter().filter(|s| s["type"] != "null").collect();
            // `Option<T>`: T. A text or one per language: one text.
            if let Some(first) = real.first()
                && (real.len() == 1 || real.len() < any.len() || first["type"] != "object")
            {
                return self.resolve(first);
            }
        }
        schema
    }
}

/// Fields that name a picture: the CMS's image widget uploads one.
const IMAGES: [&str; 2] = ["image", "photo"];

/// A JSON Schema keyword that is a name or a list of names, as a list.
fn names(value: &Value) -> Vec<&str> {
    match value {
        Value::String(s) => vec![s.as_str()],
        Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// A field's label: its name in words (`next_review` → "Next review").
pub(super) fn label(name: &str) -> String {
    let words = name.replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}
