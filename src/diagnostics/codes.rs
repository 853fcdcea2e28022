//! The catalogue of diagnostic codes: one entry per kind of problem, with
//! the explanation `pamphlet check --explain CODE` prints.
//!
//! Codes are part of Pamphlet's interface (CI scripts filter on them), so
//! once published a code is never renamed or reused.

use super::Severity;

/// One kind of problem and how to fix it.
#[derive(Debug, Clone, Copy)]
pub struct Code {
    pub name: &'static str,
    /// The severity this problem has unless `--strict` raises it.
    pub severity: Severity,
    pub summary: &'static str,
    pub explanation: &'static str,
}

macro_rules! codes {
    ($( $ident:ident = $name:literal, $sev:ident, $summary:literal, $explanation:literal; )*) => {
        $( pub const $ident: &str = $name; )*
        /// Every code Pamphlet can report, in alphabetical order of name.
        pub const ALL: &[Code] = &[ $( Code { name: $name, severity: Severity::$sev, summary: $summary, explanation: $explanation } ),* ];
    };
}

codes! {
    ALERT_EXPIRED = "alert/expired", Warning,
        "An alert has expired but its file is still in content/.",
        "An alert is published until its `alert.expires` time (compared with the build date, \
         `--today` or SOURCE_DATE_EPOCH). After that it is left out of the site, its feed and its \
         CAP document. Delete the file, or move it out of content/ to keep it for the record.";
    CONFIG_INVALID_VALUE = "config/invalid-value", Error,
        "A setting in site.yaml has a value Pamphlet cannot use.",
        "The message names the setting and what it expects. Dates are written YYYY-MM-DD, \
         URLs start with https:// (or http://), language codes are BCP 47 tags such as en, es, ar, zh-Hans.";
    CONFIG_SYNTAX = "config/syntax", Error,
        "site.yaml is not valid YAML.",
        "Check the line shown: a missing space after a colon, a tab used for indentation, or an \
         unclosed quote are the usual causes. Indent with spaces only.";
    CONFIG_UNKNOWN_KEY = "config/unknown-key", Error,
        "site.yaml has a setting Pamphlet does not know.",
        "Settings are checked strictly so that a typo never silently turns a feature off. \
         The hint names the closest known setting. See the README for the full list.";
    CONTENT_UNKNOWN_LANGUAGE = "content/unknown-language", Error,
        "A folder under content/ is not one of the languages listed in site.yaml.",
        "Each folder directly under content/ is a language code listed under `languages:` in \
         site.yaml. Add the language to site.yaml, or move the files into a language folder.";
    CONTENT_UNREADABLE = "content/unreadable", Error,
        "A content file could not be read (permissions, or not UTF-8 text).",
        "Pamphlet reads Markdown files as UTF-8 text. Save the file as UTF-8 in your editor, \
         and check that the file can be read by the user running the build.";
    FRONTMATTER_INVALID_DATE = "frontmatter/invalid-date", Error,
        "A date in the front matter is not a real date written YYYY-MM-DD.",
        "Write dates as year-month-day with two-digit month and day, e.g. `date: 2026-03-01`. \
         Times (for alert expiry) are written like `2026-12-01T00:00:00Z`.";
    FRONTMATTER_INVALID_VALUE = "frontmatter/invalid-value", Error,
        "A front-matter field has a value of the wrong kind or outside the allowed choices.",
        "The message names the field and what it expects: text, a list, yes/no, or one of a \
         fixed set of words (for example `audience: patients | caregivers | clinicians | public`).";
    FRONTMATTER_MISSING = "frontmatter/missing", Error,
        "A Markdown file does not start with front matter between `---` lines.",
        "Every article starts with a block of YAML between two lines of three dashes, the first \
         of which is the very first line of the file. `pamphlet new` writes a complete example.";
    FRONTMATTER_MISSING_FIELD = "frontmatter/missing-field", Error,
        "A required front-matter field is missing.",
        "Articles need `title`, `summary` and `date`; section pages (_index.md) need `title`; \
         an article with an `image` needs `image_alt` describing it.";
    FRONTMATTER_SUMMARY_TOO_LONG = "frontmatter/summary-too-long", Warning,
        "The summary is longer than 200 characters.",
        "The summary is shown in lists, search results and share cards, which cut long text. \
         Keep it to one or two short sentences (200 characters at most).";
    FRONTMATTER_SYNTAX = "frontmatter/syntax", Error,
        "The front matter is not valid YAML.",
        "Check the line shown: a value containing `: ` or starting with `[`, `{`, `@`, `*` or `#` \
         needs quotes, lists use `- ` at a consistent indentation, and tabs are not allowed.";
    FRONTMATTER_UNKNOWN_FIELD = "frontmatter/unknown-field", Warning,
        "The front matter has a field Pamphlet does not know.",
        "Unknown fields are ignored, which usually means a typo (the hint names the closest \
         known field). Put your own data under `extra:` where templates can read it. \
         `check --strict` treats this as an error.";
    IMAGE_MISSING = "image/missing", Error,
        "An image referenced by a page does not exist.",
        "Image paths are relative to the Markdown file (`images/cuff.jpg` next to the article) \
         or start with `/` for files in `static/`. Check the spelling and the folder.";
    LINK_BROKEN = "link/broken", Error,
        "A link to another Markdown file points to a file that does not exist.",
        "Links between articles are written as relative paths to the other .md file, e.g. \
         `[high blood pressure](../heart/high-blood-pressure.md)`; Pamphlet turns them into the \
         page's address. Check the path from the folder of the file you are editing.";
    LINK_UNKNOWN_PATH = "link/unknown-path", Warning,
        "A link starting with `/` matches no page or file of the site.",
        "Root-relative links such as `/es/heart/` must match a page or a file in `static/`. \
         Prefer relative links to .md files: they are checked and follow renamed slugs.";
    PAGE_DUPLICATE_URL = "page/duplicate-url", Error,
        "Two pages would be written to the same address.",
        "Two files produce the same URL, usually because of the same `slug` in one folder. \
         Give one of them a different `slug`.";
    SHARE_IMAGE_MISSING_GLYPHS = "share-image/missing-glyphs", Warning,
        "A page's share image would show characters no font has.",
        "Share images are drawn with the theme's fonts (Atkinson Hyperlegible for Latin, Noto Sans \
         Arabic), the fonts in the site's `fonts/` folder and, as a last resort, the machine's fonts. \
         Put a .ttf or .otf font for the script (for Chinese, e.g. Noto Sans SC) in `fonts/`.";
    SHARE_IMAGE_PROBLEM = "share-image/problem", Warning,
        "A page's share image could not be made as asked.",
        "The page's own `image` could not be read or decoded (a generated card is used instead), \
         the image is larger than the 300 KB WhatsApp shows previews for, or the card logo is \
         missing. The message says which.";
    TRANSLATION_DUPLICATE = "translation/duplicate", Error,
        "Two pages in the same language claim to be translations of the same article.",
        "A translation group holds at most one page per language. Pages are grouped by their \
         path under content/<lang>/ or by `translation_key`; fix the key of one of them.";
}

/// Looks up a code by name (for `--explain`).
pub fn find(name: &str) -> Option<&'static Code> {
    ALL.iter().find(|c| c.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sorted_unique_and_kebab_case() {
        let names: Vec<_> = ALL.iter().map(|c| c.name).collect();
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(names, sorted, "keep codes sorted and unique");
        for name in names {
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c == '/'),
                "{name} is not kebab-case"
            );
        }
    }
}
