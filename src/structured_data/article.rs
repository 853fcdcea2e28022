//! An article's JSON-LD: a schema.org `MedicalWebPage` naming its
//! authors, sources and audience, and its reviewers and last review date
//! only when it was reviewed (a reviewer with a review date): an article
//! nobody has reviewed yet makes no review claim. The JSON is escaped so it
//! can sit inside `<script>` whatever the front matter says (a title
//! containing `</script>` cannot break out).

use super::Inputs;
use crate::citations::normalize_doi;
use crate::frontmatter::{Audience, Citation};
use crate::html::script_safe;
use crate::markdown::RenderedBody;
use crate::site::{Page, Site};
use crate::uri::{self, Form};
use serde::Serialize;

/// The JSON-LD of an article, ready to place inside
/// `<script type="application/ld+json">`.
pub(super) fn medical_web_page(site: &Site, page: &Page, inputs: &Inputs) -> String {
    let meta = &page.meta;
    let language = page.language.as_str();
    let body = inputs.body;
    // Reviewed: some reviewer gave the date of their review.
    let last_reviewed = page
        .source
        .as_ref()
        .and_then(|_| crate::review::status(page, &site.config, inputs.today).last_reviewed);
    let image_url = crate::site::lookup::cover_image(site, page).map(|(url, _)| url);
    let url = site.urls.permalink(&page.url);
    let doc = Article {
        context: "https://schema.org",
        kind: "MedicalWebPage",
        id: url.clone(),
        audience: meta.audience.map(audience),
        author: meta
            .authors
            .iter()
            .map(|a| {
                let credentials = a.credentials.as_deref();
                person(site, language, &a.name, credentials, None, a.id.as_deref())
            })
            .collect(),
        citation: citations(page, body),
        date_modified: meta
            .date
            .map(|date| meta.updated.unwrap_or(date).to_string()),
        date_published: meta.date.map(|date| date.to_string()),
        description: &meta.summary,
        headline: &meta.title,
        image: image_url.map(|url| site.urls.absolute(&url)),
        in_language: language,
        is_part_of: super::website_ref(site, language),
        keywords: (!meta.tags.is_empty()).then(|| meta.tags.join(", ")),
        last_reviewed: last_reviewed.map(|date| date.to_string()),
        name: &meta.title,
        reviewed_by: meta
            .reviewers
            .iter()
            .filter(|_| last_reviewed.is_some())
            .map(|r| {
                person(
                    site,
                    language,
                    &r.name,
                    r.credentials.as_deref(),
                    r.role.as_deref(),
                    r.id.as_deref(),
                )
            })
            .collect(),
        url,
    };
    script_safe(&doc)
}

/// A reviewer or author, pointing to their entry on the people page.
fn person(
    site: &Site,
    language: &str,
    name: &str,
    credentials: Option<&str>,
    role: Option<&str>,
    id: Option<&str>,
) -> Person {
    let link = crate::people::person_permalink(site, language, id, name);
    Person {
        id: link.clone(),
        kind: "Person",
        honorific_suffix: credentials
            .filter(|c| !c.trim().is_empty())
            .map(str::to_string),
        job_title: role.filter(|r| !r.trim().is_empty()).map(str::to_string),
        name: name.to_string(),
        url: link,
    }
}

/// The sources an article cites, in the order the References list shows them.
fn citations<'a>(page: &'a Page, body: Option<&RenderedBody>) -> Vec<Work<'a>> {
    let meta = &page.meta;
    let by_id = || {
        let mut by_id = std::collections::HashMap::with_capacity(meta.citations.len());
        for c in &meta.citations {
            by_id.entry(c.id.as_str()).or_insert(c);
        }
        by_id
    };
    body.map(|b| {
        let by_id = by_id();
        b.references
            .iter()
            .filter_map(|r| by_id.get(r.id.as_str()).copied())
            .map(work)
            .collect()
    })
    .unwrap_or_default()
}

fn work(c: &Citation) -> Work<'_> {
    Work {
        kind: "CreativeWork",
        author: c
            .authors
            .iter()
            .map(|name| Named {
                kind: "Person",
                name,
            })
            .collect(),
        date_published: c.year.as_ref().map(|year| year.0.as_str()),
        name: c.title.as_deref(),
        publisher: c.container.as_deref().map(|name| Named {
            kind: "Organization",
            name,
        }),
        same_as: c
            .doi
            .as_deref()
            .and_then(normalize_doi)
            .map(|doi| uri::written(&format!("https://doi.org/{doi}"), Form::Uri)),
        url: (c.url.as_deref())
            .filter(|u| u.starts_with("http"))
            .map(|u| uri::written(u, Form::Uri)),
    }
}

// The JSON-LD of an article, typed. Fields are declared in the byte order
// of their names, so the output has its keys sorted (as a JSON object
// built as a map would), and a field left empty is left out.

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Article<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    audience: Option<AudienceJson>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<Person>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    citation: Vec<Work<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    description: &'a str,
    headline: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    in_language: &'a str,
    is_part_of: serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    keywords: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_reviewed: Option<String>,
    name: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    reviewed_by: Vec<Person>,
    url: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Person {
    /// The person's entry on the people page, when they have one.
    #[serde(rename = "@id", skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    honorific_suffix: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    job_title: Option<String>,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Work<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<Named<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<Named<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    same_as: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct Named<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AudienceJson {
    #[serde(rename = "@type")]
    kind: &'static str,
    audience_type: &'static str,
}

fn audience(audience: Audience) -> AudienceJson {
    let (kind, audience_type) = match audience {
        Audience::Patients => ("MedicalAudience", "Patient"),
        Audience::Clinicians => ("MedicalAudience", "Clinician"),
        Audience::Caregivers => ("PeopleAudience", "Caregivers"),
        Audience::Public => ("PeopleAudience", "General public"),
    };
    AudienceJson {
        kind,
        audience_type,
    }
}
