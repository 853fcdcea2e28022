//! The CMS forms agree with the schemas and the checker: same fields,
//! same required ones, the checker's choices and limits.

use super::collections::NOT_IN_ARTICLE_FORMS;
use crate::config::Config;
use serde_json::Value;

fn config() -> Config {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    crate::config::load(root).unwrap().config.unwrap()
}

fn collections() -> Vec<Value> {
    let yaml = super::config_yaml(&config());
    let value = crate::yaml::parse_value(&yaml).unwrap();
    value["collections"].as_array().unwrap().clone()
}

fn named<'a>(list: &'a Value, name: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("no `{name}` in {list}"))
}

fn names(fields: &Value) -> Vec<String> {
    let mut names: Vec<String> = fields
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap().to_string())
        .filter(|n| n != "body")
        .collect();
    names.sort();
    names
}

fn sorted(list: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = list.iter().map(|s| s.to_string()).collect();
    names.sort();
    names
}

#[test]
fn article_forms_have_the_checkers_fields() {
    use crate::frontmatter::{field_names, known_fields};
    let all = collections();
    let default = config().default_language;
    // The default language's collections have the whole form.
    let sections: Vec<&Value> = all
        .iter()
        .filter(|c| c["name"].as_str().unwrap().starts_with("section-"))
        .filter(|c| {
            c["folder"]
                .as_str()
                .unwrap()
                .starts_with(&format!("content/{default}/"))
        })
        .collect();
    assert!(sections.len() > 2, "the demo has sections");
    for section in sections {
        let fields = &section["fields"];
        let mut expected: Vec<&str> = field_names()
            .iter()
            .copied()
            .filter(|f| !NOT_IN_ARTICLE_FORMS.contains(f))
            .collect();
        expected.sort();
        assert_eq!(names(fields), sorted(&expected));
        for list in ["authors", "reviewers", "citations"] {
            assert_eq!(
                names(&named(fields, list)["fields"]),
                sorted(known_fields(list)),
                "{list}"
            );
        }
        // Required as the checker requires them; `summary` limited, `audience` a choice.
        for required in ["title", "summary", "date"] {
            assert_eq!(named(fields, required)["required"], true, "{required}");
        }
        assert_eq!(named(fields, "tags")["required"], false);
        let summary = named(fields, "summary");
        assert_eq!(summary["pattern"][0], "^[\\s\\S]{0,200}$");
        let audience = named(fields, "audience");
        assert_eq!(audience["widget"], "select");
        assert_eq!(
            audience["options"],
            serde_json::json!(crate::frontmatter::Audience::NAMES)
        );
        assert_eq!(named(fields, "date")["widget"], "datetime");
        assert_eq!(named(fields, "image")["widget"], "image");
        let reviewers = &named(fields, "reviewers")["fields"];
        assert_eq!(named(reviewers, "date")["time_format"], false);
        assert_eq!(
            named(&named(fields, "citations")["fields"], "id")["required"],
            true
        );
        assert_eq!(named(fields, "body")["modes"][0], "raw");
    }
    let all = Value::Array(all);
    let alerts = named(&all, "alerts");
    assert_eq!(alerts["folder"], format!("content/{default}/alerts"));
    let alert = named(&alerts["fields"], "alert");
    assert_eq!(names(&alert["fields"]), sorted(known_fields("alert")));
    assert_eq!(named(&alert["fields"], "severity")["options"][2], "urgent");
    assert_eq!(named(&alert["fields"], "expires")["widget"], "datetime");
}

#[test]
fn translation_forms_have_what_a_translation_writes_and_its_source() {
    use crate::frontmatter::field_names;
    // Another language's collection of a section holds translations: the
    // fields a translation writes itself, and its source.
    let inherited: Vec<&str> = crate::site::inherit::INHERITED
        .iter()
        .map(|(f, _)| *f)
        .collect();
    let list = Value::Array(collections());
    let translations = named(&list, "section-heart-es");
    assert_eq!(translations["folder"], "content/es/heart");
    let fields = &translations["fields"];
    let mut expected: Vec<&str> = field_names()
        .iter()
        .copied()
        .filter(|f| !NOT_IN_ARTICLE_FORMS.contains(f) && !inherited.contains(f))
        .collect();
    expected.sort();
    assert_eq!(names(fields), sorted(&expected));
    for shared in ["date", "image", "reviewers", "citations", "tags"] {
        assert!(inherited.contains(&shared), "{shared}");
    }
    let source = named(fields, "translation_key");
    assert_eq!(source["widget"], "relation");
    assert_eq!(source["collection"], "section-heart");
    assert_eq!(source["required"], true);
    assert_eq!(named(fields, "summary")["required"], true);
    // Decap's `i18n` is not used (see `collections::all`).
    assert!(list.to_string().find("\"i18n\"").is_none());
}

#[test]
fn data_forms_have_the_checkers_fields() {
    let all = Value::Array(collections());
    let status = &named(&all, "status")["files"][0]["fields"];
    assert_eq!(names(status), sorted(crate::data::status::known_fields("")));
    let services = &named(status, "services")["fields"];
    assert_eq!(
        names(services),
        sorted(crate::data::status::known_fields("services"))
    );
    for required in ["id", "name", "kind", "status", "updated"] {
        assert_eq!(named(services, required)["required"], true, "{required}");
    }
    assert_eq!(named(services, "kind")["widget"], "select");
    let people = &named(&all, "people")["fields"];
    assert_eq!(names(people), sorted(crate::data::people::known_fields("")));
    assert_eq!(
        names(&named(people, "links")["fields"]),
        sorted(crate::data::people::known_fields("links"))
    );
    let update = all
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"].as_str().unwrap().starts_with("updates-"))
        .expect("the demo has live updates");
    assert_eq!(
        names(&update["fields"]),
        sorted(crate::data::updates::field_names())
    );
    assert_eq!(named(&update["fields"], "time")["required"], true);
}

#[test]
fn the_admin_page_loads_the_sites_own_script_and_is_not_indexed() {
    let mut config = config();
    let page = super::index_html(&config);
    assert!(page.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"));
    assert!(page.contains("<script src=\"/admin/decap-cms.js\"></script>"));
    config.cms.script = Some("/vendor/cms.js?v=\"1\"".into());
    assert!(super::index_html(&config).contains("src=\"/vendor/cms.js?v=&quot;1&quot;\""));
}
