//! The files that keep a moved page's old addresses working: a small page
//! at each old address (for any host) and the `_redirects` file that
//! Netlify and Cloudflare Pages read (a real 301, which search engines
//! follow). The addresses come checked from the site model
//! ([`crate::site::redirects`]).

use crate::error::Result;
use crate::html::escape_attribute;
use crate::i18n::Strings;
use crate::output::Output;
use crate::site::Site;
use crate::uri::Form;
use std::path::{Path, PathBuf};

/// The redirect files of one build, made once and written after every
/// rebuild (the live preview serves them too).
#[derive(Debug, Default)]
pub(crate) struct Redirects {
    /// Output path → the page written there.
    pages: Vec<(PathBuf, String)>,
    /// The `_redirects` file, when there is a redirect.
    hosts_file: Option<String>,
}

/// Makes the redirect pages and `_redirects` for the site's old addresses.
pub(crate) fn plan(site: &Site, strings: &Strings) -> Redirects {
    if site.redirects.is_empty() {
        return Redirects::default();
    }
    let mut hosts_file = String::from(
        "# Written by Pamphlet from the pages' `redirect_from:` lists: edit those, not this file.\n",
    );
    let pages = site
        .redirects
        .iter()
        .map(|redirect| {
            let target = site.page(redirect.to);
            let to = site.urls.encoded(&target.url, Form::Uri);
            let from = site.urls.encoded(&redirect.from, Form::Uri);
            hosts_file.push_str(&format!("{from} {to} 301\n"));
            let page = page(site, strings, redirect.to);
            (site.urls.output_path(&redirect.from), page)
        })
        .collect();
    Redirects {
        pages,
        hosts_file: Some(hosts_file),
    }
}

/// The page at an old address: it sends browsers on at once, tells search
/// engines where the page is now, and shows a link for the rest.
fn page(site: &Site, strings: &Strings, to: crate::site::PageId) -> String {
    let target = site.page(to);
    let language = &target.language;
    let direction = site
        .config
        .language(language)
        .map_or("ltr", |l| l.direction.as_str());
    let href = escape_attribute(&site.urls.encoded(&target.url, Form::Uri));
    let canonical = escape_attribute(&site.urls.permalink(&target.url));
    let moved = escape_attribute(&strings.get(language, "page_moved", &[]));
    let title = escape_attribute(target.title());
    let language = escape_attribute(language);
    format!(
        "<!doctype html>\n<html lang=\"{language}\" dir=\"{direction}\">\n<head>\n\
         <meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <link rel=\"canonical\" href=\"{canonical}\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={href}\">\n\
         </head>\n<body>\n<main>\n<p>{moved} <a href=\"{href}\">{title}</a></p>\n</main>\n</body>\n</html>\n"
    )
}

impl Redirects {
    /// Writes the pages and `_redirects`; returns how many files.
    pub(crate) fn write(&self, output: &dyn Output) -> Result<usize> {
        for (path, page) in &self.pages {
            output.write(path, page.as_bytes())?;
        }
        if let Some(file) = &self.hosts_file {
            output.write(Path::new("_redirects"), file.as_bytes())?;
        }
        Ok(self.pages.len() + usize::from(self.hosts_file.is_some()))
    }
}
