//! `pamphlet init` and `pamphlet new`: starting points an author can edit.

use crate::dates::Date;
use crate::error::{Error, Result};
use crate::schema::Kind;
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
  # Set to true once your articles name the clinician who checked them:
  # then an article without a medical reviewer cannot be published.
  require_reviewer: false
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
            "---\ntitle: My Health Site\nsummary: Clear, checked health information for our community.\n---\n\nWelcome! This site gives clear health information for our community. Each article lists its sources and says whether a clinician has checked it.\n".to_string(),
        ),
        (
            "content/es/_index.md",
            "---\ntitle: Mi sitio de salud\nsummary: Información de salud clara y revisada para nuestra comunidad.\n---\n\n¡Bienvenido! Este sitio ofrece información de salud clara para nuestra comunidad. Cada artículo indica sus fuentes y si un profesional de salud lo ha revisado.\n".to_string(),
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
                "Washing your hands with soap and water is one of the best ways to stop germs [@who-hands].\n\n## When to wash\n\n- Before you eat or cook\n- After you use the toilet\n- After you cough or sneeze\n\n## How to wash\n\nWet your hands, use soap, and rub for 20 seconds. Rinse and dry with a clean towel.\n\n> [!tip] No soap and water?\n> Use a hand gel with at least 60% alcohol until you can wash.\n\n## When to get help\n\n> [!non-urgent] Ask a pharmacist or doctor if:\n> - the skin on your hands is cracked, red or sore\n> - it does not get better with hand cream\n",
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
                "Lavarse las manos con agua y jabón es una de las mejores formas de detener los gérmenes [@who-hands].\n\n## Cuándo lavarse\n\n- Antes de comer o cocinar\n- Después de usar el baño\n- Después de toser o estornudar\n\n## Cómo lavarse\n\nMójese las manos, use jabón y frote durante 20 segundos. Enjuague y seque con una toalla limpia.\n\n> [!tip] ¿No tiene agua y jabón?\n> Use un gel para manos con al menos 60% de alcohol hasta que pueda lavarse.\n\n## Cuándo pedir ayuda\n\n> [!non-urgent] Consulte a un farmacéutico o a un médico si:\n> - la piel de sus manos está agrietada, roja o adolorida\n> - no mejora con crema para manos\n",
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
    written.push(crate::workflow::write(dir)?);
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
    // The starter names no author and no reviewer: a made-up person must
    // never appear as having checked a page. The theme then says the page
    // has not been medically reviewed yet, which is the truth.
    format!(
        "---\ntitle: {title}\nsummary: {summary}\ndate: {today}\ntags: [hygiene]\naudience: public\n# reviewers:                 # add the clinician who checked this page, then set\n#   - name: Full Name       # review.require_reviewer: true in site.yaml\n#     credentials: MD\n#     role: Family physician\n#     date: {today}\n# next_review: {next}\ncitations:\n  - id: who-hands\n    title: Hand hygiene\n    container: World Health Organization\n    url: https://www.who.int/\n    accessed: {today}\n{extra}---\n\n{body}"
    )
}

/// Writes a new article at `path` with every front-matter field, commented.
/// In a `site` that opts in to editor schemas, its first line points an
/// editor at the front-matter schema (written into `schemas/` if needed).
pub fn new_article(path: &Path, today: Date, site: Option<&crate::config::Config>) -> Result<()> {
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
    let text = article_template(&stem, today);
    write_new(path, &with_schema(site, path, Kind::FrontMatter, text)?)
}

/// `text` (a new file with front matter) with, in a site that opts in to
/// editor schemas, the YAML language server's comment naming the schema
/// as its first front-matter line; the schemas are brought up to date.
fn with_schema(
    site: Option<&crate::config::Config>,
    path: &Path,
    kind: Kind,
    text: String,
) -> Result<String> {
    let Some(config) = site.filter(|c| c.editor_schemas) else {
        return Ok(text);
    };
    crate::schema::write_all(&config.root)?;
    let schema = format!("{}/{}", crate::schema::FOLDER, kind.file_name());
    // Relative to the file, so the comment works wherever the site is.
    let target = match path
        .parent()
        .and_then(|p| p.strip_prefix(&config.root).ok())
    {
        Some(folder) => "../".repeat(folder.components().count()) + &schema,
        None => config
            .root
            .join(&schema)
            .to_string_lossy()
            .replace('\\', "/"),
    };
    let body = text.strip_prefix("---\n").unwrap_or(&text);
    Ok(format!(
        "---\n# yaml-language-server: $schema={target}\n{body}"
    ))
}

/// The end of the new article's front matter: the syntax of the health
/// blocks, as comments (YAML comments, so every `markdown.raw_html` policy
/// leaves them out of the page).
const BLOCKS_HELP: &str = r#"#
# Blocks for the text below (docs/care-cards-and-callouts.md, docs/media.md):
#   > [!urgent] Ask for an urgent appointment if:    a care card: [!non-urgent],
#   > - the pain gets worse                           [!urgent] or [!emergency],
#   > - you have a high fever                         a heading ending in "if:",
#                                                     then a list of signs
#   > [!tip] A short title                            a callout: [!note], [!tip],
#   > The callout's text.                             [!important], [!warning], [!caution]
#   ![What the video shows](clip.mp4)                 a video or audio file; put its
#                                                     captions beside it in clip.vtt
"#;

/// The new article's text: every front-matter field, commented, the title
/// made from the file name `stem`.
fn article_template(stem: &str, today: Date) -> String {
    let mut title: String = stem.replace(['-', '_'], " ");
    if let Some(first) = title.get(0..1) {
        title = first.to_uppercase() + &title[1..];
    }
    let next = today.add_months(12);
    // Every text only the author can know is a placeholder (see
    // crate::placeholder): the article cannot be published until each one
    // is replaced, so no made-up reviewer or source ever goes live.
    use crate::placeholder::{text as line, value};
    let summary = value("one or two plain sentences saying what this page is about");
    let author = value("your full name");
    let reviewer = value("the full name of the clinician who checks this article");
    let credentials = value("their credentials, e.g. MD");
    let role = value("their role, e.g. Family physician");
    let source_authors = value("Surname AB");
    let source_title = value("title of the article or page you rely on");
    let container = value("journal, publisher or website");
    let first = line("write the article here. Cite a source like this [@example2026].");
    let heading = line("a first heading");
    let advice = line("use short sentences and everyday words.");
    let blocks = BLOCKS_HELP;
    format!(
        r#"---
# Required: the page title, a one-sentence summary (200 characters at most), the first publication date.
# Every value marked REPLACE must be replaced before the article can be published.
title: {title}
summary: {summary}
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
  - name: {author}
    # credentials: RN
reviewers:                           # who checked this medically, and when
  - name: {reviewer}
    credentials: {credentials}
    role: {role}
    date: {today}                  # the day they checked it
# next_review: {next}              # default: last review + review.interval_months
citations:                           # cite in the text with [@example2026]
  - id: example2026
    authors: [{source_authors}]
    title: {source_title}
    container: {container}
    # year: 2026
    # volume: "1"
    # issue: "2"
    # pages: 10-20
    # doi: 10.xxxx/xxxxx
    # pmid: "12345678"
    # url: https://www.example.org/page
    # accessed: {today}
aliases: []                          # other names for the A–Z index and search
# redirect_from: [en/old-address/]  # addresses this page had before it moved
# search: false                     # leave this page out of search and the A–Z index
# toc: true                         # "On this page" list: true or false (default: from 4 `##` headings)
# extra: {{ campaign: spring }}      # your own data, for templates
{blocks}---

{first}

## {heading}

{advice}
"#
    )
}

/// Writes a file that must not exist yet. `create_new` refuses anything at
/// that name, a link included (even one pointing nowhere), so no existing
/// file, here or where a link leads, is ever overwritten.
pub(crate) fn write_new(path: &Path, text: &str) -> Result<()> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Error::Usage(format!(
                "`{}` already exists; it was not changed",
                path.display()
            )));
        }
        Err(e) => return Err(Error::io(path, e)),
    };
    file.write_all(text.as_bytes())
        .map_err(|e| Error::io(path, e))
}

/// What `pamphlet new update` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUpdate {
    /// The new entry.
    pub entry: PathBuf,
    /// The topic's page, when it did not exist yet and was created too.
    pub topic_page: Option<PathBuf>,
}

/// Writes a new live-update entry for `topic` (a folder name such as
/// `heat-wave`) in `language` (default: the site's default language),
/// pre-filled with `now` in the site's time zone, and the topic's
/// `_index.md` if it has none. `now` is the clock, read by the caller only
/// because the author asked for a new entry.
pub fn new_update(
    config: &crate::config::Config,
    topic: &str,
    language: Option<&str>,
    now: crate::dates::Instant,
) -> Result<NewUpdate> {
    let slug = crate::site::urls::slugify(topic);
    if slug.is_empty() || slug != topic {
        return Err(Error::Usage(format!(
            "`{topic}` is not a topic folder name: use lowercase letters, digits and `-`{}",
            if slug.is_empty() {
                String::new()
            } else {
                format!(", e.g. `{slug}`")
            }
        )));
    }
    let language = language.unwrap_or(&config.default_language);
    if config.language(language).is_none() {
        let known: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
        let hint = crate::diagnostics::suggest::did_you_mean(language, known.iter().copied())
            .map(|h| format!(" ({h})"))
            .unwrap_or_default();
        return Err(Error::Usage(format!(
            "`{language}` is not a language of this site{hint}; it has {}",
            known.join(", ")
        )));
    }
    let folder = config
        .root
        .join("content")
        .join(language)
        .join(crate::updates::FOLDER)
        .join(topic);
    let index = folder.join("_index.md");
    let topic_page = if index.exists() {
        None
    } else {
        let mut title = topic.replace('-', " ");
        if let Some(first) = title.get(0..1) {
            title = first.to_uppercase() + &title[1..];
        }
        write_new(
            &index,
            &format!(
                "---\n# The page that shows this topic's updates, newest first.\ntitle: {title}\nsummary: Live updates, newest first.\n---\n\nThe latest news on this topic, newest first. In an emergency, call your local emergency number.\n"
            ),
        )?;
        Some(index)
    };
    let zone = &config.timezone;
    let stamp = zone.file_stamp(now);
    let entry = (1..)
        .map(|n| {
            let name = if n == 1 {
                format!("{stamp}.md")
            } else {
                format!("{stamp}-{n}.md")
            };
            folder.join(name)
        })
        .find(|path| !path.exists())
        .expect("some file name is free");
    let text = format!(
        "---\ntime: {}   # {}; change it if the news is older\n# title: A short headline (optional)\n---\n\n",
        zone.datetime_attribute(now),
        zone.name()
    );
    write_new(
        &entry,
        &with_schema(Some(config), &entry, Kind::Update, text)?,
    )?;
    Ok(NewUpdate { entry, topic_page })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::Instant;

    #[test]
    fn a_new_update_is_stamped_with_the_injected_clock_in_the_site_zone() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("site.yaml"),
            "title: T\nbase_url: https://e.org\ntimezone: America/New_York\nlanguages:\n  en: {}\n  es: {}\n",
        )
        .unwrap();
        let config = crate::config::load(dir.path()).unwrap().config.unwrap();
        let now = Instant::parse("2026-11-01T05:30:00Z").unwrap();
        let first = new_update(&config, "heat-wave", None, now).unwrap();
        // 05:30 UTC is 01:30 EDT: the first of the two 01:30s that night.
        assert_eq!(
            first.entry,
            dir.path()
                .join("content/en/updates/heat-wave/2026-11-01-0130.md")
        );
        let text = std::fs::read_to_string(&first.entry).unwrap();
        assert!(
            text.starts_with("---\ntime: 2026-11-01T01:30:00-04:00 "),
            "{text}"
        );
        assert_eq!(
            first.topic_page.as_deref(),
            Some(
                dir.path()
                    .join("content/en/updates/heat-wave/_index.md")
                    .as_path()
            )
        );
        // The same minute again: a second file, and the topic page is kept.
        let second = new_update(&config, "heat-wave", Some("en"), now).unwrap();
        assert!(second.entry.ends_with("2026-11-01-0130-2.md"));
        assert_eq!(second.topic_page, None);
        // An hour later the clocks have gone back: 01:30 again, EST this time.
        let later = Instant::parse("2026-11-01T06:30:00Z").unwrap();
        let third = new_update(&config, "heat-wave", Some("es"), later).unwrap();
        let text = std::fs::read_to_string(&third.entry).unwrap();
        assert!(text.contains("time: 2026-11-01T01:30:00-05:00"), "{text}");
        assert!(third.entry.starts_with(dir.path().join("content/es")));

        let bad = new_update(&config, "Heat Wave", None, now).unwrap_err();
        assert!(bad.to_string().contains("`heat-wave`"), "{bad}");
        let bad = new_update(&config, "heat-wave", Some("sp"), now).unwrap_err();
        assert!(bad.to_string().contains("es"), "{bad}");
    }
}
