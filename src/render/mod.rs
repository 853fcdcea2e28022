//! Rendering: every page of the site model through the theme's templates,
//! in parallel, straight into an [`Output`](crate::output::Output).
//!
//! Each worker turns one page's Markdown into HTML and the page into its
//! final document, then hands the bytes to the output and forgets them, so
//! memory stays flat however large the site is.

pub mod views;

use crate::diagnostics::Diagnostic;
use crate::error::{Error, Result};
use crate::i18n::Strings;
use crate::markdown::{self, RenderedBody};
use crate::output::Output;
use crate::site::{PageId, Site};
use crate::theme::Theme;
use rayon::prelude::*;
use std::sync::Mutex;
use tera::{Context, Tera, Value};

/// The theme's templates, compiled once per build.
pub struct Renderer {
    tera: Tera,
}

impl Renderer {
    pub fn new(theme: &Theme) -> Result<Renderer> {
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        let templates: Vec<(&str, &str)> = theme
            .templates
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        tera.add_raw_templates(templates)
            .map_err(|e| template_error(theme, &e))?;
        for kind in [
            "base.html",
            "home.html",
            "section.html",
            "article.html",
            "tags.html",
            "tag.html",
            "404.html",
            "language.html",
            "a-z.html",
            "search.html",
        ] {
            if !tera.contains_template(kind) {
                return Err(Error::Template {
                    name: kind.to_string(),
                    message: format!("the theme `{}` has no `templates/{kind}`", theme.name),
                });
            }
        }
        Ok(Renderer { tera })
    }

    fn render(&self, template: &str, context: &Context) -> Result<String> {
        self.tera
            .render(template, context)
            .map_err(|e| Error::Template {
                name: template.to_string(),
                message: error_chain(&e),
            })
    }
}

fn template_error(theme: &Theme, error: &tera::Error) -> Error {
    let message = error_chain(error);
    let name = theme
        .template_origins
        .iter()
        .find(|(name, _)| message.contains(name.as_str()))
        .map_or_else(|| "?".to_string(), |(_, path)| path.display().to_string());
    Error::Template { name, message }
}

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

/// Shared, per-language context values, built once and cloned cheaply
/// (tera values share their contents).
struct LanguageContext {
    site: Value,
    strings: Value,
    language: Value,
}

/// What rendering produced besides the files.
#[derive(Debug, Default)]
pub struct Rendered {
    pub diagnostics: Vec<Diagnostic>,
    pub pages_written: usize,
    /// Per authored page: what the editorial report needs.
    pub facts: std::collections::BTreeMap<PageId, crate::editorial::PageFacts>,
}

/// Renders every page of `site` into `output`.
pub fn render_all(
    site: &Site,
    renderer: &Renderer,
    strings: &Strings,
    output: &dyn Output,
    today: crate::dates::Date,
) -> Result<Rendered> {
    let mut contexts = std::collections::HashMap::new();
    for language in &site.config.languages {
        let site_view = views::site_view(site, &language.code);
        let language_view = site_view.languages.iter().find(|l| l.code == language.code);
        contexts.insert(
            language.code.clone(),
            LanguageContext {
                site: Value::from_serializable(&site_view),
                strings: Value::from_serializable(&*strings.table(&language.code)),
                language: Value::from_serializable(&language_view),
            },
        );
    }
    let diagnostics = Mutex::new(Vec::new());
    let facts = Mutex::new(std::collections::BTreeMap::new());
    let ids: Vec<PageId> = (0..site.pages.len()).collect();
    ids.par_iter().try_for_each(|&id| -> Result<()> {
        let page = site.page(id);
        let body: Option<RenderedBody> =
            markdown::render(site, page, &strings.table(&page.language));
        if let Some(body) = body.as_ref().filter(|b| !b.diagnostics.is_empty()) {
            diagnostics
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .extend(body.diagnostics.iter().cloned());
        }
        if let Some(body) = &body {
            let fact = crate::editorial::PageFacts {
                readability: body.readability.clone(),
                references: body.references.len(),
                words: body.word_count,
            };
            facts
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(id, fact);
        }
        let shared = &contexts[&page.language];
        let mut context = Context::new();
        context.insert_value("site", shared.site.clone());
        context.insert_value("t", shared.strings.clone());
        context.insert_value("lang", shared.language.clone());
        context.insert("nav", &views::navigation(site, id));
        context.insert("page", &views::page_view(site, id, body.as_ref(), today));
        let html = renderer.render(page.kind.template(), &context)?;
        let path = site.urls.output_path(&page.url);
        output.write(&path, html.as_bytes())
    })?;
    Ok(Rendered {
        diagnostics: diagnostics.into_inner().unwrap_or_else(|e| e.into_inner()),
        pages_written: site.pages.len(),
        facts: facts.into_inner().unwrap_or_else(|e| e.into_inner()),
    })
}

/// Escapes text for HTML content or a quoted attribute.
pub fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
