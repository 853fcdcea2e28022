//! Template code another site generator left in an address: Liquid and
//! Nunjucks tags (`{{ site.baseurl }}/about/`, `{% link _posts/x.md %}`,
//! `{%- … -%}`), Hugo's shortcodes (`{{< ref "x.md" >}}`, `{{% … %}}`), and
//! the same written URL-encoded (`%7B%7B`, `%7B%25`). Content migrated from
//! Jekyll, Hugo or Eleventy is full of them, and Pamphlet does not run
//! them: the address would reach readers as written, a broken link. Each
//! such address is one error, at the address, with the address the author
//! most likely meant when it can be read off the template code.
//!
//! Addresses come from the links pass (Markdown links, images, reference
//! definitions, autolinks) and from the raw HTML lints (`href`, `src`).
//! [`scan_text`] finds the `[text]({% link x.md %})` the parser does not
//! take for a link at all (the spaces inside the tag end its address),
//! so the author still hears of it at the right place. Code spans and
//! code blocks are never looked at: examples of template code stay.
//!
//! Pamphlet's own Markdown (care cards, callouts, citations) uses no
//! braces, so nothing written for Pamphlet is taken for template code.

use super::{PageContext, Spanned};
use crate::diagnostics::{Diagnostic, Position, codes};
use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;
use std::path::{Component, Path};

/// Template code found in an address.
pub(super) struct Found {
    /// The first template tag, as it reads once `%7B` and the like are decoded.
    construct: String,
    /// The braces were written URL-encoded.
    encoded: bool,
    /// The whole address, decoded when it was encoded.
    decoded: String,
}

/// What kind of address holds the template code (for the message).
#[derive(Clone, Copy)]
pub(super) enum Place {
    Link,
    Image,
    RawHtml,
}

/// Whether `text` may hold template code at all: most pages have none,
/// and this is all they cost.
pub(super) fn may_contain(text: &str) -> bool {
    let bytes = text.as_bytes();
    has_opener(text)
        || memchr::memchr_iter(b'%', bytes).any(|i| {
            let next = |at: usize| bytes.get(i + at).copied().unwrap_or(0);
            next(1) == b'7'
                && next(2).eq_ignore_ascii_case(&b'b')
                && (next(3) == b'%' || next(3) == b'{')
        })
}

fn has_opener(text: &str) -> bool {
    text.contains("{{") || text.contains("{%")
}

/// The template code in an address, if it holds any.
pub(super) fn find(address: &str) -> Option<Found> {
    let (decoded, encoded) = if has_opener(address) {
        (address.to_string(), false)
    } else {
        let decoded = super::percent_decode(address);
        if !has_opener(&decoded) {
            return None;
        }
        (decoded, true)
    };
    let start = first_opener(&decoded)?;
    let end = construct_end(&decoded, start);
    let mut construct: String = decoded[start..end].chars().take(60).collect();
    if construct.len() < end - start {
        construct.push('…');
    }
    Some(Found {
        construct,
        encoded,
        decoded,
    })
}

fn first_opener(text: &str) -> Option<usize> {
    match (text.find("{{"), text.find("{%")) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Where the template tag opening at `start` ends (the end of the text
/// when it is never closed).
fn construct_end(text: &str, start: usize) -> usize {
    let rest = &text[start..];
    let closer = if rest.starts_with("{{<") {
        ">}}"
    } else if rest.starts_with("{{%") {
        "%}}"
    } else if rest.starts_with("{{") {
        "}}"
    } else {
        "%}"
    };
    rest[2..]
        .find(closer)
        .map_or(text.len(), |at| start + 2 + at + closer.len())
}

/// Reports the template code `found` in an address at `position`.
pub(super) fn report(ctx: &mut PageContext, place: Place, found: &Found, position: Position) {
    let what = match place {
        Place::Link => "this link",
        Place::Image => "this image's address",
        Place::RawHtml => "this address in the raw HTML",
    };
    let outcome = match place {
        Place::Image => "readers would see a broken image",
        _ => "readers would get a broken link",
    };
    let encoded = if found.encoded {
        ", written URL-encoded"
    } else {
        ""
    };
    let message = format!(
        "{what} still contains template code from another site generator (`{}`{encoded}): Pamphlet does not run it, so {outcome}",
        found.construct
    );
    let mut hint = match place {
        Place::Image => "write the image's path: relative to this file's folder (`images/cuff.jpg`), or starting with `/` for a file in `static/`".to_string(),
        _ => "write the address the link should go to: the other page's .md file relative to this one (`../heart/high-blood-pressure.md`), a path inside the site such as `/en/heart/`, or a full https:// address".to_string(),
    };
    if let Some(meant) = suggestion(&found.decoded, ctx) {
        hint.push_str(&format!("; here that is probably `{meant}`"));
    }
    ctx.diagnostics.push(
        Diagnostic::error(codes::LINK_TEMPLATE_SYNTAX, ctx.file, position, message).with_hint(hint),
    );
}

/// The address the author most likely meant: the path after the site's
/// base URL (`{{ site.baseurl }}/about/` → `/about/`), the path a URL
/// filter was given (`{{ "/about/" | relative_url }}` → `/about/`), or the
/// page a link tag names (`{% link _posts/x.md %}`, `{{< ref "x.md" >}}`),
/// relative to this file.
fn suggestion(address: &str, ctx: &PageContext) -> Option<String> {
    let mut rest = address.trim();
    // The site's own address first, any number of times
    // (`{{ site.url }}{{ site.baseurl }}/about/`).
    while rest.starts_with("{{") || rest.starts_with("{%") {
        let end = construct_end(rest, 0);
        if !is_base_url(inner(&rest[..end])) {
            break;
        }
        rest = &rest[end..];
    }
    let Some(0) = first_opener(rest) else {
        // Nothing but the site's address before a plain path.
        return (first_opener(rest).is_none() && rest.len() < address.trim().len())
            .then(|| from_root(rest));
    };
    let end = construct_end(rest, 0);
    let after = &rest[end..];
    if first_opener(after).is_some() {
        return None;
    }
    let code = inner(&rest[..end]);
    if let Some(path) = filtered_path(code) {
        return Some(format!("{}{after}", from_root(&path)));
    }
    let target = linked_file(code)?;
    Some(format!("{}{after}", page_named(&target, ctx)?))
}

/// The code inside a template tag, without its delimiters and the `-`
/// that trims whitespace.
fn inner(construct: &str) -> &str {
    construct
        .trim_start_matches(['{', '%', '<', '-'])
        .trim_end_matches(['}', '%', '>', '-'])
        .trim()
}

/// `site.baseurl`, `site.url`, `.Site.BaseURL` and the like: the site's own
/// address, which Pamphlet puts in front of `/`-rooted paths by itself.
fn is_base_url(code: &str) -> bool {
    let code: String = code
        .trim_start_matches('.')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(
        code.as_str(),
        "site.baseurl"
            | "site.url"
            | "site.base_url"
            | "baseurl"
            | "base_url"
            | "config.base_url"
            | "site.home.relpermalink"
            | "site.home.permalink"
            | "site.url|append:site.baseurl"
    )
}

/// The path of `"/about/" | relative_url` (Jekyll), `"about" | relURL`,
/// `relURL "about"` (Hugo), `'/about/' | url` (Eleventy).
fn filtered_path(code: &str) -> Option<String> {
    const URL_FILTERS: &[&str] = &[
        "relative_url",
        "absolute_url",
        "relurl",
        "absurl",
        "rellangurl",
        "abslangurl",
        "url",
        "prepend",
    ];
    let is_filter = |name: &str| URL_FILTERS.contains(&name.trim().to_ascii_lowercase().as_str());
    if let Some((literal, filters)) = quoted(code) {
        let mut filters = filters.trim().split('|').skip(1).peekable();
        filters.peek()?;
        return filters
            .all(|f| is_filter(f.split(':').next().unwrap_or(f)))
            .then_some(literal);
    }
    let (function, argument) = code.split_once(char::is_whitespace)?;
    let (literal, after) = quoted(argument.trim())?;
    (is_filter(function) && after.trim().is_empty()).then_some(literal)
}

/// The quoted text `code` starts with, and what follows it.
fn quoted(code: &str) -> Option<(String, &str)> {
    let quote = code.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let end = code[1..].find(quote)? + 1;
    Some((code[1..end].to_string(), &code[end + 1..]))
}

/// The file a link tag names: `link _posts/x.md`, `post_url 2020-01-01-x`
/// (Jekyll), `ref "x.md"`, `relref . "x.md"` (Hugo).
fn linked_file(code: &str) -> Option<String> {
    let mut words = code.split_whitespace();
    let tag = words.next()?.to_ascii_lowercase();
    if !matches!(tag.as_str(), "link" | "post_url" | "ref" | "relref") {
        return None;
    }
    let argument = words.find(|w| *w != ".")?;
    let argument = argument.trim_matches(['"', '\'']);
    (!argument.is_empty()).then(|| argument.to_string())
}

/// The page whose file `named` names (its file name, without a Jekyll
/// post's date), as a path relative to this file: the only one in this
/// page's language, or in the site.
fn page_named(named: &str, ctx: &PageContext) -> Option<String> {
    let (named, _anchor) = named.split_once('#').unwrap_or((named, ""));
    let name = named.rsplit('/').next().unwrap_or(named);
    let stem = [".md", ".markdown", ".html"]
        .iter()
        .find_map(|ext| name.strip_suffix(ext))
        .unwrap_or(name);
    let undated = without_date(stem);
    let found: Vec<&Path> = ctx
        .site
        .pages
        .iter()
        .filter_map(|page| page.source_path())
        .filter(|path| {
            path.file_stem()
                .and_then(|s| s.to_str())
                .is_some_and(|s| s == stem || s == undated || without_date(s) == undated)
        })
        .collect();
    let language: Vec<Component> = ctx.file.components().take(2).collect();
    let same_language: Vec<&Path> = found
        .iter()
        .copied()
        .filter(|p| p.components().take(2).eq(language.iter().copied()))
        .collect();
    let only = match (same_language.as_slice(), found.as_slice()) {
        ([one], _) | ([], [one]) => *one,
        _ => return None,
    };
    Some(relative(ctx.file.parent().unwrap_or(Path::new("")), only))
}

/// `2020-01-01-salt` → `salt` (Jekyll's posts carry their date in the name).
fn without_date(stem: &str) -> &str {
    let bytes = stem.as_bytes();
    let dated = bytes.len() > 11
        && bytes[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
        && bytes[10] == b'-';
    if dated { &stem[11..] } else { stem }
}

/// `to` as a path relative to the folder `from`.
fn relative(from: &Path, to: &Path) -> String {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// A path inside the site from what followed the site's address.
fn from_root(path: &str) -> String {
    if path.starts_with('/') || crate::schemes::scheme(path).is_some() {
        path.to_string()
    } else {
        format!("/{path}")
    }
}

/// Reports the links the parser did not see because template code broke
/// their address (`[about]({% link about.md %})`, `[ref]: {{ site.url }}/x`):
/// a `](` or `]:` in the page's text (never in code) followed by an
/// address with template code.
pub(super) fn scan_text(events: &[Spanned], ctx: &mut PageContext) {
    let body: &str = &ctx.text[ctx.body_start..];
    let mut found = Vec::new();
    let mut in_code = false;
    for (event, range) in events {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(_) if !in_code => {
                let source = body.get(range.clone()).unwrap_or("");
                for at in memchr::memchr_iter(b']', source.as_bytes()) {
                    if let Some(target) = unparsed_target(body, range.start + at) {
                        found.push((is_image(body, range.start + at), target));
                    }
                }
            }
            _ => {}
        }
    }
    for (image, target) in found {
        if let Some(template) = find(&body[target.clone()]) {
            let place = if image { Place::Image } else { Place::Link };
            let position = ctx.position(&target);
            report(ctx, place, &template, position);
        }
    }
}

/// The address after the `]` at `at`, when it is `](…` or `]: …` and
/// holds template code.
fn unparsed_target(body: &str, at: usize) -> Option<Range<usize>> {
    let after = &body[at + 1..];
    let skip = if after.starts_with('(') {
        1
    } else if after.starts_with(":") && after[1..].starts_with([' ', '\t']) {
        2
    } else {
        return None;
    };
    let rest = &after[skip..];
    let start = at + 1 + skip + (rest.len() - rest.trim_start_matches([' ', '\t', '<']).len());
    let mut end = start;
    while end < body.len() {
        let rest = &body[end..];
        if rest.starts_with("{{") || rest.starts_with("{%") {
            let line_end = rest.find('\n').unwrap_or(rest.len());
            end += construct_end(&rest[..line_end], 0);
            continue;
        }
        let c = rest.chars().next()?;
        if c.is_whitespace() || c == ')' || c == '>' {
            break;
        }
        end += c.len_utf8();
    }
    (end > start && first_opener(&super::percent_decode(&body[start..end])).is_some())
        .then_some(start..end)
}

/// Whether the brackets closing at `at` follow a `!` (an image's).
fn is_image(body: &str, at: usize) -> bool {
    let line_start = body[..at].rfind('\n').map_or(0, |i| i + 1);
    body[line_start..at]
        .rfind('[')
        .is_some_and(|open| body[..line_start + open].ends_with('!'))
}

/// Reports the reference definitions (`[about]: {{ site.url }}/about/`)
/// whose address holds template code, at the definition: links using it
/// are not reported again.
pub(super) fn check_definitions(ctx: &mut PageContext) {
    let body: &str = &ctx.text[ctx.body_start..];
    let parser = pulldown_cmark::Parser::new_ext(body, super::options());
    let mut found: Vec<(Found, Range<usize>)> = Vec::new();
    for (_, definition) in parser.reference_definitions().iter() {
        let Some(template) = find(&definition.dest) else {
            continue;
        };
        let span = definition.span.clone();
        let text = body.get(span.clone()).unwrap_or("");
        let label_end = text.find("]:").map_or(0, |i| i + 2);
        let range = match text[label_end..].find(definition.dest.as_ref()) {
            Some(i) => {
                span.start + label_end + i..span.start + label_end + i + definition.dest.len()
            }
            None => span.start..span.start + text.find('\n').unwrap_or(text.len()),
        };
        found.push((template, range));
    }
    for (template, range) in found {
        let position = ctx.position(&range);
        report(ctx, Place::Link, &template, position);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn construct(address: &str) -> Option<(String, bool)> {
        find(address).map(|f| (f.construct, f.encoded))
    }

    #[test]
    fn finds_each_generators_template_code() {
        let plain = |s: &str| Some((s.to_string(), false));
        assert_eq!(
            construct("{{ site.baseurl }}/a/"),
            plain("{{ site.baseurl }}")
        );
        assert_eq!(construct("{%- link a.md -%}"), plain("{%- link a.md -%}"));
        assert_eq!(
            construct("/x/{{- page.lang -}}/"),
            plain("{{- page.lang -}}")
        );
        assert_eq!(
            construct("{{< ref \"a.md\" >}}"),
            plain("{{< ref \"a.md\" >}}")
        );
        assert_eq!(
            construct("{{% relref a.md %}}#x"),
            plain("{{% relref a.md %}}")
        );
        assert_eq!(construct("{{ site.url"), plain("{{ site.url"));
        assert_eq!(
            construct("%7b%7Bsite.baseurl%7D%7D/a"),
            Some(("{{site.baseurl}}".to_string(), true))
        );
        assert_eq!(
            construct("%7B%25%20link%20a.md%20%25%7D"),
            Some(("{% link a.md %}".to_string(), true))
        );
        for fine in ["/en/heart/", "https://x.org/{id}", "a.md#{x}", "100%7D", ""] {
            assert!(construct(fine).is_none(), "{fine}");
        }
        assert!(may_contain("a %7b%25 b") && may_contain("[x]({{y}})"));
        assert!(!may_contain("50% of {people} 7b"));
    }

    #[test]
    fn reads_the_address_that_was_meant() {
        let site = crate::site::empty_for_tests();
        let text = "---\ntitle: T\n---\n";
        let ctx = PageContext {
            site: &site,
            file: Path::new("content/en/heart/a.md"),
            text,
            body_start: text.len(),
            lines: crate::diagnostics::LineIndex::new(text),
            diagnostics: Vec::new(),
        };
        let meant = |address: &str| suggestion(address, &ctx);
        assert_eq!(
            meant("{{ site.baseurl }}/about/").as_deref(),
            Some("/about/")
        );
        assert_eq!(
            meant("{{site.url}}{{site.baseurl}}/a#b").as_deref(),
            Some("/a#b")
        );
        assert_eq!(
            meant("{{ .Site.BaseURL }}img/x.png").as_deref(),
            Some("/img/x.png")
        );
        assert_eq!(meant("{{ site.baseurl }}").as_deref(), Some("/"));
        assert_eq!(meant("{{ '/a/' | relative_url }}").as_deref(), Some("/a/"));
        assert_eq!(
            meant("{{ \"a/\" | relURL }}#top").as_deref(),
            Some("/a/#top")
        );
        assert_eq!(meant("{{ relURL \"a/\" }}").as_deref(), Some("/a/"));
        assert_eq!(meant("{{ \"/a/\" | upcase }}"), None);
        assert_eq!(meant("{{ page.url }}"), None);
        assert_eq!(meant("/x/{{ page.lang }}/"), None);
        // A link tag names a page this site does not have: no guess.
        assert_eq!(meant("{% link _posts/2020-01-01-x.md %}"), None);
        assert_eq!(
            linked_file("post_url 2020-01-01-x").as_deref(),
            Some("2020-01-01-x")
        );
        assert_eq!(
            linked_file("relref . \"b/x.md\"").as_deref(),
            Some("b/x.md")
        );
        assert_eq!(without_date("2020-01-01-salt"), "salt");
        assert_eq!(without_date("2020-salt"), "2020-salt");
        assert_eq!(
            relative(
                Path::new("content/en/heart"),
                Path::new("content/en/food/salt.md")
            ),
            "../food/salt.md"
        );
    }

    #[test]
    fn links_the_parser_missed_are_found_once_never_in_code() {
        let site = crate::site::empty_for_tests();
        let body = "A [b]({% link b.md %}) c ![d]({{ site.url }}/d.png \"t\").\n\n\
                    [e]: {{ site.url }}/e/\n\n\
                    `[f]({{ g }} h)` and\n\n```\n[i]({% j %})\n```\n";
        let (_, found, _) = crate::markdown::run_pass_for_tests(
            &site,
            "en",
            Path::new("content/en/a.md"),
            body,
            |events, ctx, _| scan_text(events, ctx),
        );
        assert_eq!(
            found,
            [
                (codes::LINK_TEMPLATE_SYNTAX, 4, 7),
                (codes::LINK_TEMPLATE_SYNTAX, 4, 31),
                (codes::LINK_TEMPLATE_SYNTAX, 6, 6),
            ]
        );
    }
}
