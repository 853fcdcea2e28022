//! `pamphlet init` and `pamphlet new`: starting points an author can edit.

use crate::dates::Date;
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

const STARTER_SITE_YAML: &str = r#"# Site settings. Every key is explained in Pamphlet's README.
title: My Health Site
base_url: https://health.example.org   # where the site will be published
default_language: en
languages:
  en: { name: English }
  es: { name: Español, title: Mi sitio de salud }
theme: default
review:
  require_reviewer: true    # an article without a medical reviewer fails the build
  interval_months: 12       # when the next review is due, after the last one
readability:
  max_grade: 8
feeds: [atom, rss, json]
social:
  default_hashtags: [PublicHealth]
"#;

/// Creates a working bilingual starter site in `dir` (which must be empty or absent).
pub fn init(dir: &Path, today: Date) -> Result<Vec<PathBuf>> {
    if dir.exists()
        && std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .next()
            .is_some()
    {
        return Err(Error::Usage(format!(
            "`{}` is not empty; choose a new folder for the site",
            dir.display()
        )));
    }
    let next = today.add_months(12);
    let files: Vec<(&str, String)> = vec![
        ("site.yaml", STARTER_SITE_YAML.to_string()),
        (
            "content/en/_index.md",
            "---\ntitle: My Health Site\nsummary: Clear, checked health information for our community.\n---\n\nWelcome! Replace this text with a few words about your organisation.\n".to_string(),
        ),
        (
            "content/es/_index.md",
            "---\ntitle: Mi sitio de salud\nsummary: Información de salud clara y revisada para nuestra comunidad.\n---\n\n¡Bienvenido! Cambie este texto por unas palabras sobre su organización.\n".to_string(),
        ),
        (
            "content/en/basics/_index.md",
            "---\ntitle: Health basics\nsummary: Everyday ways to stay well.\n---\n".to_string(),
        ),
        (
            "content/es/basics/_index.md",
            "---\ntitle: Salud básica\nsummary: Formas sencillas de mantenerse bien.\n---\n".to_string(),
        ),
        (
            "content/en/basics/handwashing.md",
            starter_article(
                "Washing your hands",
                "When and how to wash your hands to stop germs from spreading.",
                today,
                next,
                "Washing your hands with soap and water is one of the best ways to stop germs [@who-hands].\n\n## When to wash\n\n- Before you eat or cook\n- After you use the toilet\n- After you cough or sneeze\n\n## How to wash\n\nWet your hands, use soap, and rub for 20 seconds. Rinse and dry with a clean towel.\n",
                "",
            ),
        ),
        (
            "content/es/basics/handwashing.md",
            starter_article(
                "Lavarse las manos",
                "Cuándo y cómo lavarse las manos para evitar que los gérmenes se propaguen.",
                today,
                next,
                "Lavarse las manos con agua y jabón es una de las mejores formas de detener los gérmenes [@who-hands].\n\n## Cuándo lavarse\n\n- Antes de comer o cocinar\n- Después de usar el baño\n- Después de toser o estornudar\n\n## Cómo lavarse\n\nMójese las manos, use jabón y frote durante 20 segundos. Enjuague y seque con una toalla limpia.\n",
                "",
            ),
        ),
    ];
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        write_new(&path, &text)?;
        written.push(path);
    }
    Ok(written)
}

fn starter_article(
    title: &str,
    summary: &str,
    today: Date,
    next: Date,
    body: &str,
    extra: &str,
) -> String {
    format!(
        "---\ntitle: {title}\nsummary: {summary}\ndate: {today}\ntags: [hygiene]\naudience: public\nauthors:\n  - name: Your Name\nreviewers:\n  - name: Reviewer Name\n    credentials: MD\n    role: Family physician\n    date: {today}\nnext_review: {next}\ncitations:\n  - id: who-hands\n    title: Hand hygiene\n    container: World Health Organization\n    url: https://www.who.int/\n    accessed: {today}\n{extra}---\n\n{body}"
    )
}

/// Writes a new article at `path` with every front-matter field, commented.
pub fn new_article(path: &Path, today: Date) -> Result<()> {
    if path.extension().is_none_or(|e| e != "md") {
        return Err(Error::Usage(format!(
            "`{}` should end in .md, e.g. content/en/heart/high-blood-pressure.md",
            path.display()
        )));
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut title: String = stem.replace(['-', '_'], " ");
    if let Some(first) = title.get(0..1) {
        title = first.to_uppercase() + &title[1..];
    }
    let next = today.add_months(12);
    let text = format!(
        r#"---
# Required: the page title, a one-sentence summary (200 characters at most), the first publication date.
title: {title}
summary: One or two plain sentences saying what this page is about.
date: {today}
# updated: {today}                 # when the content last changed
# slug: {stem}                      # the last part of the address (default: the file name)
# translation_key: {stem}           # links translations whose file names differ
draft: true                          # drafts are built only with --drafts
tags: []                             # e.g. [heart, blood-pressure]
audience: patients                   # patients | caregivers | clinicians | public
# image: images/photo.jpg           # cover and share image, relative to this file
# image_alt: What the picture shows # required when image is set
hashtags: []                         # e.g. [HeartHealth]
authors:
  - name: Your Name
    credentials: RN
reviewers:                           # who checked this medically, and when
  - name: Reviewer Name
    credentials: MD
    role: Family physician
    date: {today}
# next_review: {next}              # default: last review + review.interval_months
citations:                           # cite in the text with [@example2026]
  - id: example2026
    authors: [Surname AB, Other CD]
    title: Title of the article or page
    container: Journal, publisher or website
    year: 2026
    # volume: "1"
    # issue: "2"
    # pages: 10-20
    # doi: 10.xxxx/xxxxx
    # pmid: "12345678"
    url: https://www.who.int/
    accessed: {today}
aliases: []                          # other names for the A–Z index and search
# search: false                     # leave this page out of search and the A–Z index
# extra: {{ campaign: spring }}      # your own data, for templates
---

Write the article here. Cite a source like this [@example2026].

## A first heading

Use short sentences and everyday words.
"#
    );
    write_new(path, &text)
}

fn write_new(path: &Path, text: &str) -> Result<()> {
    if path.exists() {
        return Err(Error::Usage(format!(
            "`{}` already exists; it was not changed",
            path.display()
        )));
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    std::fs::write(path, text).map_err(|e| Error::io(path, e))
}
