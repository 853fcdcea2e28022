//! JSON-LD for search engines and health platforms: each article is a
//! schema.org `MedicalWebPage` naming its reviewers, authors, sources and
//! audience. The JSON is escaped so it can sit inside `<script>` whatever
//! the front matter says (a title containing `</script>` cannot break out).

use crate::citations::normalize_doi;
use crate::frontmatter::Audience;
use crate::markdown::RenderedBody;
use crate::review::ReviewStatus;
use crate::site::{Page, Site};
use serde_json::{Value, json};

/// The JSON-LD of an article, ready to place inside
/// `<script type="application/ld+json">`.
pub fn medical_web_page(
    site: &Site,
    page: &Page,
    body: Option<&RenderedBody>,
    review: &ReviewStatus,
    image_url: Option<&str>,
) -> String {
    let meta = &page.meta;
    let person = |name: &str, credentials: Option<&str>, role: Option<&str>| {
        let mut p = json!({ "@type": "Person", "name": name });
        if let Some(c) = credentials.filter(|c| !c.trim().is_empty()) {
            p["honorificSuffix"] = json!(c);
        }
        if let Some(r) = role.filter(|r| !r.trim().is_empty()) {
            p["jobTitle"] = json!(r);
        }
        p
    };
    let mut doc = json!({
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": meta.title,
        "headline": meta.title,
        "description": meta.summary,
        "url": site.urls.permalink(&page.url),
        "inLanguage": page.language,
        "isPartOf": {
            "@type": "WebSite",
            "name": site.config.language(&page.language).map_or(site.config.title.as_str(), |l| l.title.as_str()),
            "url": site.urls.permalink(&site.urls.language_home(&page.language)),
        },
    });
    if let Some(date) = meta.date {
        doc["datePublished"] = json!(date.to_string());
        doc["dateModified"] = json!(meta.updated.unwrap_or(date).to_string());
    }
    if let Some(date) = review.last_reviewed {
        doc["lastReviewed"] = json!(date.to_string());
    }
    if !meta.reviewers.is_empty() {
        doc["reviewedBy"] = Value::Array(
            meta.reviewers
                .iter()
                .map(|r| {
                    let mut p = person(&r.name, r.credentials.as_deref(), r.role.as_deref());
                    crate::people::view::link_json(
                        site,
                        &page.language,
                        r.id.as_deref(),
                        &r.name,
                        &mut p,
                    );
                    p
                })
                .collect(),
        );
    }
    if !meta.authors.is_empty() {
        doc["author"] = Value::Array(
            meta.authors
                .iter()
                .map(|a| {
                    let mut p = person(&a.name, a.credentials.as_deref(), None);
                    crate::people::view::link_json(
                        site,
                        &page.language,
                        a.id.as_deref(),
                        &a.name,
                        &mut p,
                    );
                    p
                })
                .collect(),
        );
    }
    if let Some(audience) = meta.audience {
        doc["audience"] = audience_json(audience);
    }
    if let Some(url) = image_url {
        doc["image"] = json!(site.urls.permalink(url));
    }
    if !meta.tags.is_empty() {
        doc["keywords"] = json!(meta.tags.join(", "));
    }
    // Sources in the order the References list shows them.
    let cited: Vec<Value> = body
        .map(|b| {
            b.references
                .iter()
                .filter_map(|r| meta.citations.iter().find(|c| c.id == r.id))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
        .into_iter()
        .map(|c| {
            let mut work = json!({ "@type": "CreativeWork" });
            if let Some(title) = &c.title {
                work["name"] = json!(title);
            }
            if !c.authors.is_empty() {
                work["author"] = Value::Array(
                    c.authors
                        .iter()
                        .map(|a| json!({ "@type": "Person", "name": a }))
                        .collect(),
                );
            }
            if let Some(container) = &c.container {
                work["publisher"] = json!({ "@type": "Organization", "name": container });
            }
            if let Some(year) = &c.year {
                work["datePublished"] = json!(year.0);
            }
            if let Some(url) = c.url.as_deref().filter(|u| u.starts_with("http")) {
                work["url"] = json!(url);
            }
            if let Some(doi) = c.doi.as_deref().and_then(normalize_doi) {
                work["sameAs"] = json!(format!("https://doi.org/{doi}"));
            }
            work
        })
        .collect();
    if !cited.is_empty() {
        doc["citation"] = Value::Array(cited);
    }
    script_safe(&doc)
}

fn audience_json(audience: Audience) -> Value {
    match audience {
        Audience::Patients => json!({ "@type": "MedicalAudience", "audienceType": "Patient" }),
        Audience::Clinicians => json!({ "@type": "MedicalAudience", "audienceType": "Clinician" }),
        Audience::Caregivers => json!({ "@type": "PeopleAudience", "audienceType": "Caregivers" }),
        Audience::Public => json!({ "@type": "PeopleAudience", "audienceType": "General public" }),
    }
}

/// JSON that cannot end a `<script>` element or open an HTML comment.
pub fn script_safe(value: &Value) -> String {
    let text = serde_json::to_string(value).unwrap_or_else(|_| "{}".to_string());
    // Most pages have nothing to escape. U+2028 and U+2029 are E2 80 A8
    // and E2 80 A9 in UTF-8; other characters starting with E2 (dashes,
    // curly quotes) are common in prose and need nothing.
    let needs_escape = |bytes: &[u8]| {
        bytes.iter().enumerate().any(|(i, &b)| match b {
            b'<' | b'>' | b'&' => true,
            0xE2 => matches!(bytes.get(i + 1..i + 3), Some([0x80, 0xA8 | 0xA9])),
            _ => false,
        })
    };
    if !needs_escape(text.as_bytes()) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json_cannot_close_the_script() {
        let text = script_safe(&json!({ "name": "</script><script>alert(1)</script> & <!--" }));
        assert!(!text.contains('<') && !text.contains('>'), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], "</script><script>alert(1)</script> & <!--");
    }

    #[test]
    fn line_separators_are_escaped_and_other_punctuation_kept() {
        let text = script_safe(&json!({ "name": "a\u{2028}b\u{2029}c – “d”" }));
        assert_eq!(text, r#"{"name":"a\u2028b\u2029c – “d”"}"#);
    }
}
