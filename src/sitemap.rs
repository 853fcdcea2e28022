//! `sitemap.xml` and `robots.txt`: every published page with its last
//! change (the newest of its `updated`, review and publication dates, or of
//! the pages it lists) and its translations as `xhtml:link` hreflang
//! alternates. Above 50,000 addresses the sitemap is split into numbered
//! files listed by a sitemap index at `sitemap.xml`.

use crate::dates::Date;
use crate::error::Result;
use crate::output::Output;
use crate::render::views;
use crate::site::{PageId, PageKind, Site, pagination};
use crate::xml;
use std::path::Path;

/// The sitemaps protocol's limit of addresses per file.
pub(crate) const MAX_URLS: usize = 50_000;
const NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML: &str = "http://www.w3.org/1999/xhtml";

/// One `<url>`.
struct Entry {
    loc: String,
    lastmod: Option<Date>,
    alternates: Vec<(String, String)>,
}

/// Writes the sitemap (or index and parts) and, unless the site ships its
/// own, `robots.txt`. Returns how many files were written.
pub(crate) fn write(site: &Site, output: &dyn Output) -> Result<usize> {
    write_with_limit(site, output, MAX_URLS)
}

/// [`write`] with a smaller limit, so tests can check the split.
pub(crate) fn write_with_limit(site: &Site, output: &dyn Output, limit: usize) -> Result<usize> {
    let entries: Vec<Entry> = (0..site.pages.len())
        .filter(|&id| listed(site, id))
        .map(|id| Entry {
            loc: site.urls.permalink(&site.page(id).url),
            lastmod: lastmod(site, id),
            alternates: views::alternates(site, id)
                .into_iter()
                .map(|a| (a.hreflang, a.href))
                .collect(),
        })
        .chain(later_list_pages(site))
        .collect();
    let mut written = 0;
    let index_url = site.urls.file(None, &["sitemap.xml"]);
    if entries.len() <= limit {
        output.write(&site.urls.output_path(&index_url), &urlset(&entries))?;
        written += 1;
    } else {
        let mut parts = Vec::new();
        for (i, chunk) in entries.chunks(limit.max(1)).enumerate() {
            let url = site.urls.file(None, &[format!("sitemap-{}.xml", i + 1)]);
            output.write(&site.urls.output_path(&url), &urlset(chunk))?;
            parts.push((
                site.urls.permalink(&url),
                chunk.iter().filter_map(|e| e.lastmod).max(),
            ));
            written += 1;
        }
        let index = xml::document(|w| {
            w.create_element("sitemapindex")
                .with_attribute(("xmlns", NS))
                .write_inner_content(|w| {
                    for (loc, lastmod) in &parts {
                        w.create_element("sitemap").write_inner_content(|w| {
                            xml::text(w, "loc", loc)?;
                            if let Some(date) = lastmod {
                                xml::text(w, "lastmod", &date.to_string())?;
                            }
                            Ok(())
                        })?;
                    }
                    Ok(())
                })
                .map(|_| ())
        });
        output.write(&site.urls.output_path(&index_url), &index)?;
        written += 1;
    }
    let ships_own = site.serves(&site.urls.file(None, &["robots.txt"]));
    if !ships_own {
        let robots = format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            site.urls.permalink(&index_url)
        );
        output.write(Path::new("robots.txt"), robots.as_bytes())?;
        written += 1;
    }
    Ok(written)
}

/// The numbered pages (2 and on) of long lists, each at its own address,
/// dated by the newest article it shows; they have no `hreflang`
/// alternates, as other languages' lists split differently.
fn later_list_pages(site: &Site) -> impl Iterator<Item = Entry> + '_ {
    let per_page = site.config.paginate_by;
    pagination::later_pages(site).map(move |(id, number, url)| Entry {
        loc: site.urls.permalink(&url),
        lastmod: pagination::slice(per_page, site.page(id), number)
            .iter()
            .filter_map(|&p| newest_date(site.page(p)))
            .max(),
        alternates: Vec::new(),
    })
}

/// Pages worth listing: not the 404 page.
fn listed(site: &Site, id: PageId) -> bool {
    site.page(id).kind != PageKind::NotFound
}

/// The newest date that says when a page last changed.
fn lastmod(site: &Site, id: PageId) -> Option<Date> {
    let page = site.page(id);
    let own = newest_date(page);
    // A list changes when what it lists does.
    let listed = page.pages.iter().filter_map(|&p| newest_date(site.page(p)));
    own.into_iter().chain(listed).max()
}

/// The newest of a page's publication, update and review dates.
fn newest_date(page: &crate::site::Page) -> Option<Date> {
    [page.meta.date, page.meta.updated]
        .into_iter()
        .chain(page.meta.reviewers.iter().map(|r| r.date))
        .flatten()
        .max()
}

fn urlset(entries: &[Entry]) -> Vec<u8> {
    xml::document(|w| {
        w.create_element("urlset")
            .with_attributes([("xmlns", NS), ("xmlns:xhtml", XHTML)])
            .write_inner_content(|w| {
                for entry in entries {
                    w.create_element("url").write_inner_content(|w| {
                        xml::text(w, "loc", &entry.loc)?;
                        if let Some(date) = entry.lastmod {
                            xml::text(w, "lastmod", &date.to_string())?;
                        }
                        for (hreflang, href) in &entry.alternates {
                            xml::empty(
                                w,
                                "xhtml:link",
                                &[("rel", "alternate"), ("hreflang", hreflang), ("href", href)],
                            )?;
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            })
            .map(|_| ())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Memory;

    fn site_with_articles(n: usize) -> (tempfile::TempDir, Site) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(
            root.join("site.yaml"),
            "title: T\nbase_url: https://e.org\n",
        )
        .unwrap();
        std::fs::create_dir_all(root.join("content/en")).unwrap();
        for i in 0..n {
            std::fs::write(
                root.join(format!("content/en/a{i}.md")),
                format!(
                    "---\ntitle: A{i}\nsummary: S\ndate: 2026-01-{:02}\n---\n",
                    i + 1
                ),
            )
            .unwrap();
        }
        let config = crate::config::load(root).unwrap().config.unwrap();
        let discovered = crate::discover::discover(&config);
        let (parsed, _) = crate::parse::parse_all(root, &discovered.pages);
        let site = crate::site::assemble_for_tests(config, parsed, &discovered);
        (dir, site)
    }

    #[test]
    fn large_sites_get_a_sitemap_index() {
        let (_dir, site) = site_with_articles(5);
        // 5 articles, the home and the language chooser at the root.
        let memory = Memory::default();
        assert_eq!(write_with_limit(&site, &memory, 3).unwrap(), 4 + 1);
        let files = memory.into_files();
        let names: Vec<_> = files.keys().map(|p| p.display().to_string()).collect();
        assert_eq!(
            names,
            [
                "robots.txt",
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml",
                "sitemap.xml"
            ]
        );
        let index = String::from_utf8(files[Path::new("sitemap.xml")].clone()).unwrap();
        assert!(index.contains("<sitemapindex"), "{index}");
        assert_eq!(index.matches("<loc>https://e.org/sitemap-").count(), 3);
        let parts: usize = (1..=3)
            .map(|i| {
                let part = String::from_utf8(files[Path::new(&format!("sitemap-{i}.xml"))].clone())
                    .unwrap();
                part.matches("<url>").count()
            })
            .sum();
        // 7 pages plus the language's A–Z index and search page.
        assert_eq!(parts, 9);

        let memory = Memory::default();
        write(&site, &memory).unwrap();
        let single = memory.into_files();
        let text = String::from_utf8(single[Path::new("sitemap.xml")].clone()).unwrap();
        assert!(text.contains("<urlset") && text.matches("<url>").count() == 9);
        assert!(text.contains("<lastmod>2026-01-05</lastmod>"), "{text}");
    }
}
