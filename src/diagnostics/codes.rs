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
    ACCESSIBILITY_HEADING_ORDER = "accessibility/heading-order", Warning,
        "A heading skips a level, e.g. a level 4 (`####`) right after a level 2 (`##`).",
        "Headings are the outline of a page: screen reader users list them to find their way, and a \
         missing level looks like missing content. Go down one level at a time (`##`, then `###`); \
         going back up any number of levels is fine. This applies to Markdown headings and to raw \
         `<h2>`…`<h6>` alike.";
    ACCESSIBILITY_IMAGE_ALT = "accessibility/image-alt", Error,
        "An image has no alt text.",
        "Alt text is what a screen reader reads, and what shows when the picture does not load. \
         Describe what the picture shows and why it is there: `![A blood pressure cuff on an upper \
         arm](images/cuff.jpg)`. A purely decorative image (a divider, an ornament) has empty alt \
         text and must say so: `![](images/line.svg \"decorative\")` in Markdown, `alt=\"\"` in raw \
         HTML. An `<img>` without any `alt` attribute, or with blank alt text, is an error.";
    ACCESSIBILITY_LINK_TEXT = "accessibility/link-text", Warning,
        "A link's text says nothing out of context (\"click here\", \"read more\", \"aquí\"), or is empty.",
        "Screen reader users often list the links of a page, hearing only their text; \"here\" or \
         \"leer más\" tells them nothing. Make the link text say where it goes: `see [how to measure \
         your blood pressure](bp.md)`. Pamphlet knows the usual vague phrases in English, Spanish, \
         French, Arabic and Chinese, and checks every page against all of them.";
    ACCESSIBILITY_SECOND_MAIN_HEADING = "accessibility/second-main-heading", Warning,
        "The text of a page has a heading 1 (`# `), but the page title already is the page's heading 1.",
        "Every page has exactly one heading 1, its title, which the theme shows at the top. Screen \
         reader users jump to it to learn what the page is about, and a second one makes the outline \
         ambiguous. Start the headings of the text at level 2 (`## `).";
    ACCESSIBILITY_TABLE_HEADER = "accessibility/table-header", Warning,
        "A table has no header row.",
        "Screen readers announce each cell with its column's header; without one a table of numbers \
         is a list of numbers. In Markdown the first row of a table is its header: give it the name \
         of each column. In raw HTML, use `<th>` cells for the header.";
    ALERT_EXPIRED = "alert/expired", Warning,
        "An alert has expired but its file is still in content/.",
        "An alert is published until its `alert.expires` time (compared with the build date, \
         `--today` or SOURCE_DATE_EPOCH). After that it is left out of the site, its feed and its \
         CAP document. Delete the file, or move it out of content/ to keep it for the record.";
    CARE_CARD_EMERGENCY_LINK = "care-card/emergency-link", Warning,
        "An emergency care card (`> [!emergency]`) links to something other than a phone number.",
        "An emergency card says what to do now, and nothing else: a reader with chest pain must call, \
         not follow a link to read more. Links to phone numbers (`tel:`) are fine, and the site's \
         emergency number (`emergency:` in site.yaml) is added to the card by itself. Move other \
         links to the text after the card, or into a `[!urgent]` or `[!non-urgent]` card.";
    CARE_CARD_HEADING = "care-card/heading", Warning,
        "A care card's heading is missing, or does not end in the language's \"if:\" (\"si:\", \"إذا:\" ...).",
        "A care card's heading is one call to action, ending in \"if:\", and the list below it says when: \
         `> [!urgent] Ask for an urgent GP appointment if:`. Read together, heading and list item make a \
         sentence a worried reader can act on. The words a heading may end with in each language are \
         the theme string `care_card_endings` (alternatives separated by `|`); a site can change them in \
         its own `i18n/<lang>.yaml`. Spaces before the colon and letter case do not matter.";
    CARE_CARD_NO_LIST = "care-card/no-list", Warning,
        "A care card has no list of the signs that call for its action.",
        "A care card is a heading (what to do) and a list (when): one sign per line, each line of the \
         quote starting with `> - `. A card with a paragraph instead is harder to scan at the moment \
         it matters. If there is nothing to list, the text may not need a care card: a callout \
         (`> [!note]`) or a paragraph may do.";
    CARE_CARD_TOO_MANY = "care-card/too-many", Warning,
        "A page has more care cards than `markdown.max_care_cards` allows (3 unless set).",
        "Care cards stand out because they are rare: a page with many calls to action buries the one \
         that matters. Keep one card for each level of urgency (non-urgent, urgent, emergency). The \
         warning points at the first card over the limit. A site that needs more can raise \
         `markdown.max_care_cards` in site.yaml (`0` turns the check off).";
    CITATION_DUPLICATE_ID = "citation/duplicate-id", Error,
        "Two sources in one article have the same `id`.",
        "Each source under `citations:` needs its own id, because the text cites sources by id \
         ([@id]). Remove the copy, or rename one of them and update the markers that cite it.";
    CITATION_INVALID_DOI = "citation/invalid-doi", Error,
        "A source's `doi` is not a DOI.",
        "A DOI starts with `10.`, a registrant number of at least four digits, a slash and a \
         suffix, e.g. `10.1161/HYP.0000000000000065`. Pamphlet links it to https://doi.org/. \
         If you are not sure of a DOI, leave it out rather than guess.";
    CITATION_INVALID_PMID = "citation/invalid-pmid", Error,
        "A source's `pmid` is not a PubMed id.",
        "A PubMed id is a number of up to nine digits, e.g. \"29133356\" (quote it in YAML). A \
         PubMed Central id (PMC…) is not a PMID. If you are not sure, leave it out.";
    CITATION_INVALID_URL = "citation/invalid-url", Error,
        "A source's `url` is not a web address.",
        "Write the full address starting with https:// (or http://). Only such addresses become links.";
    CITATION_MISSING_ID = "citation/missing-id", Error,
        "A source has no usable `id`.",
        "Each source under `citations:` needs an id made of letters, digits, `-`, `_`, `.` or `:`, \
         which the text uses to cite it: [@who2023], or several at once [@who2023; @cdc2024].";
    CITATION_UNKNOWN_ID = "citation/unknown-id", Error,
        "The text cites a source id that is not listed under `citations:`.",
        "Every [@id] marker in the text must match the `id` of a source in the front matter. \
         Check the spelling (the hint names the closest id), or add the source.";
    CITATION_UNUSED = "citation/unused", Warning,
        "A source is listed in the front matter but never cited in the text.",
        "Readers only see sources the text cites, numbered in order of first use. Cite the source \
         where the article relies on it, with [@id], or remove it from `citations:`.";
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
    CONTENT_PLACEHOLDER = "content/placeholder", Error,
        "A page still holds a placeholder written by `pamphlet new` (a text starting with `REPLACE:`).",
        "`pamphlet new` fills every field it cannot know (the reviewer's and author's names, the \
         sources, the first lines of text) with a placeholder starting with `REPLACE:`, so that none \
         of them can be published by mistake: a page saying \"Medically reviewed by\" a made-up \
         person would betray the readers' trust. Write the real text in place of each one, or delete \
         the line if the article does not need it. Drafts (`draft: true`) may keep placeholders; they \
         are errors as soon as the page would be published (or built with `--drafts`).";
    CONTENT_UNKNOWN_LANGUAGE = "content/unknown-language", Error,
        "A folder under content/ is not one of the languages listed in site.yaml.",
        "Each folder directly under content/ is a language code listed under `languages:` in \
         site.yaml. Add the language to site.yaml, or move the files into a language folder.";
    CONTENT_UNREADABLE = "content/unreadable", Error,
        "A content file could not be read (permissions, or not UTF-8 text).",
        "Pamphlet reads Markdown files as UTF-8 text. Save the file as UTF-8 in your editor, \
         and check that the file can be read by the user running the build.";
    FOOTNOTE_UNDEFINED = "footnote/undefined", Warning,
        "The text refers to a footnote (`[^label]`) that has no note.",
        "A footnote has two parts: the reference in the text, `fever[^temp]`, and the note itself on \
         a line of its own, usually at the end of the file: `[^temp]: 38 °C or higher.` Without the \
         note, readers see `[^temp]` as it is written. Add the note (the label must match, ignoring \
         case), or remove the reference.";
    FOOTNOTE_UNUSED = "footnote/unused", Warning,
        "A footnote's note (`[^label]: …`) is never referred to in the text.",
        "Notes are shown, numbered, in a Notes section at the end of the page, only when the text \
         refers to them with `[^label]`. Write the reference where the note applies, or remove the note.";
    FRONTMATTER_CONTROL_CHARACTER = "frontmatter/control-character", Warning,
        "The front matter contains invisible control characters, which were removed.",
        "Characters such as NUL cannot be shown and break feeds and other XML outputs, so Pamphlet \
         removes them from titles, names and other texts. They usually come from copying text out \
         of another program, or from escapes such as `\\0` in quoted YAML values.";
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
    FRONTMATTER_MISSPELT_FIELD = "frontmatter/misspelt-field", Error,
        "A front-matter field name is misspelt (`titel` for `title`).",
        "A field whose name is one or two letters away from a known one, which the front matter \
         does not also write, is read as the field it was meant to be, so nothing else is \
         reported about it; but the page is not published until the name is corrected, because \
         a misspelt `reviewers` or `draft` would otherwise silently change what the page says.";
    FRONTMATTER_SUMMARY_TOO_LONG = "frontmatter/summary-too-long", Warning,
        "The summary is longer than 200 characters.",
        "The summary is shown in lists, search results and share cards, which cut long text. \
         Keep it to one or two short sentences (200 characters at most).";
    FRONTMATTER_SYNTAX = "frontmatter/syntax", Error,
        "The front matter is not valid YAML.",
        "Check the line shown: a value containing `: ` or starting with `[`, `{`, `@`, `*` or `#` \
         needs quotes, lists use `- ` at a consistent indentation, and tabs are not allowed.";
    FRONTMATTER_UNCLOSED = "frontmatter/unclosed", Error,
        "The front matter starts with `---` but has no closing `---` line.",
        "The block of fields at the top of a page ends with a line of exactly three dashes. \
         Without it Pamphlet cannot tell where the fields stop and the page's text begins. Add \
         a line `---` after the last field, before the first line of text.";
    FRONTMATTER_UNKNOWN_FIELD = "frontmatter/unknown-field", Warning,
        "The front matter has a field Pamphlet does not know.",
        "Unknown fields are ignored, which usually means a typo (the hint names the closest \
         known field). Put your own data under `extra:` where templates can read it. \
         `check --strict` treats this as an error.";
    HTML_IFRAME_TITLE = "html/iframe-title", Error,
        "An embedded `<iframe>` (a video from an allowed host) has no `title`.",
        "Screen readers announce an embedded frame by its title; without one, a reader hears \
         \"frame\" and cannot tell a video from an advert (WCAG 4.1.2). Add a title saying what the \
         frame shows: `<iframe src=\"https://www.youtube-nocookie.com/embed/…\" title=\"Video: how to \
         use an inhaler\"></iframe>`. See docs/media.md.";
    HTML_INVALID_NESTING = "html/invalid-nesting", Warning,
        "In raw HTML, an inline element such as `<span>` or `<em>` (or a `<p>`) wraps a block: a `<div>`, a heading, a list, a paragraph.",
        "`<span>`, `<em>`, `<strong>`, `<small>`, `<label>` and the other inline elements may only hold \
         text and other inline elements, and a `<p>` may not hold blocks either. Wrapping headings, \
         paragraphs, lists or `<div>`s in them makes the page invalid HTML: browsers repair it each in \
         their own way (a `<p>` is closed before the block, leaving an empty paragraph), so styles and \
         screen readers may not see what you meant. This is common in content migrated from other \
         site generators, e.g. `<span class=\"note\">` on a line of its own, a blank line, Markdown \
         paragraphs and then `</span>`. Use a `<div>` around blocks instead (keep the `class`), or \
         close the inline element before the block. The warning is at the opening tag and names the \
         first block inside. A link (`<a>`) may wrap blocks in HTML5, so `<a>` around a `<div>` is \
         fine.";
    HTML_UNSAFE_REMOVED = "html/unsafe-removed", Warning,
        "Raw HTML in an article contained something unsafe, which was removed.",
        "With `markdown.raw_html: sanitize` (the default), raw HTML keeps safe structure \
         (details/summary, figure, abbr, sup/sub, tables) but loses scripts, event handlers such \
         as onclick, `javascript:` links, styles, forms and iframes from hosts not listed in \
         `markdown.iframe_hosts`. Use Markdown instead, or list the video host you trust.";
    IMAGE_MISSING = "image/missing", Error,
        "An image referenced by a page does not exist.",
        "Image paths are relative to the Markdown file (`images/cuff.jpg` next to the article) \
         or start with `/` for files in `static/`. Check the spelling and the folder.";
    IMAGE_TOO_HEAVY = "image/too-heavy", Warning,
        "An image is too large to send to readers on phones.",
        "A resized copy of a photo is still larger than `images.warn_bytes` (500 KB unless \
         site.yaml says otherwise), or a GIF or SVG file, which is published as it is, is. Readers \
         on slow or metered connections wait for it, or pay for it. Crop the photo to what matters \
         and save it with less noise; save a photo kept as PNG as a JPEG; turn an animated GIF \
         into a short MP4 video; simplify a drawing. See docs/images.md.";
    IMAGE_UNUSABLE = "image/unusable", Warning,
        "An image could not be resized; readers get the file as it is.",
        "The file could not be read or decoded, or it is larger than Pamphlet decodes (16,384 \
         pixels a side, 64 megapixels, 64 MB). Open it in a photo editor and save it again as a \
         JPEG (photos) or PNG (drawings), a few thousand pixels wide. See docs/images.md.";
    LINK_BROKEN = "link/broken", Error,
        "A link to another Markdown file points to a file that does not exist.",
        "Links between articles are written as relative paths to the other .md file, e.g. \
         `[high blood pressure](../heart/high-blood-pressure.md)`; Pamphlet turns them into the \
         page's address. Check the path from the folder of the file you are editing.";
    LINK_TEMPLATE_SYNTAX = "link/template-syntax", Error,
        "A link's or image's address still holds template code from another site generator (`{{ site.baseurl }}`, `{% link … %}`, `{{< ref … >}}`).",
        "Content migrated from Jekyll, Hugo or Eleventy often keeps their template code in \
         addresses: `[About]({{ site.baseurl }}/about/)`, `[Salt]({% link _posts/salt.md %})`, \
         `{{< ref \"salt.md\" >}}`, sometimes URL-encoded (`%7B%7B`). Pamphlet does not run other \
         generators' templates, so readers would get the code as the address: a broken link. Write \
         the address itself: another page's .md file relative to this one (`../food/salt.md`), a \
         path inside the site starting with `/` (Pamphlet adds the site's base path itself, so \
         `{{ site.baseurl }}/about/` becomes `/about/`), or a full https:// address. The hint says \
         which address was probably meant when the code makes it plain. Markdown links and images, \
         reference definitions (`[about]: …`) and `href` and `src` in raw HTML are checked; code \
         spans and code blocks are not, so examples of template code can still be shown.";
    LINK_UNKNOWN_PATH = "link/unknown-path", Warning,
        "A link starting with `/` matches no page or file of the site.",
        "Root-relative links such as `/es/heart/` must match a page or a file in `static/`. \
         Prefer relative links to .md files: they are checked and follow renamed slugs.";
    MEDIA_CAPTIONS_MISSING = "media/captions-missing", Error,
        "A video has no caption file beside it.",
        "Readers who are deaf or hard of hearing, and readers in a quiet room, need captions: the \
         spoken words and the sounds that matter, in time with the video (WCAG 1.2.2). Put a WebVTT \
         file with the video's name beside it: `clip.vtt` for the page's language, or one \
         `clip.<language>.vtt` per language (`clip.en.vtt`, `clip.es.vtt`). Each becomes a caption \
         track, and the page's language is shown first. See docs/media.md for how to write one.";
    MEDIA_IN_HTML = "media/in-html", Error,
        "A `<video>` or `<audio>` is written in raw HTML.",
        "Players written in HTML skip the checks that keep clips accessible (captions, transcripts) \
         and could start by themselves or load from another website. Write the clip as an image \
         link instead, `![What the video shows](clip.mp4)`: Pamphlet makes the player, with \
         controls, the captions beside it and a download link. See docs/media.md.";
    MEDIA_REMOTE = "media/remote", Error,
        "A video or audio clip is on another website.",
        "Pages load nothing from other websites: a clip from elsewhere tells that website who reads \
         about which health problem, and may disappear or change. Put the file beside the article \
         and write its name, `![What the video shows](clip.mp4)`. To show a video from a video \
         host, the site maintainer lists the host in `markdown.iframe_hosts` and the article embeds \
         it with an `<iframe>` that has a `title`. See docs/media.md.";
    MEDIA_TRANSCRIPT_MISSING = "media/transcript-missing", Warning,
        "An audio clip has no link to its transcript nearby.",
        "Readers who cannot hear the clip need what is said written out (WCAG 1.2.1). Write the \
         transcript below the audio or on its own page, and link to it in the same paragraph as the \
         audio or in the paragraph right after it, with the language's word for \"transcript\" in \
         the link text: `[Read the transcript](#transcript)`. The words each language accepts are \
         the theme string `media_transcript_words` (alternatives separated by `|`). See docs/media.md.";
    PAGE_DUPLICATE_URL = "page/duplicate-url", Error,
        "Two pages would be written to the same address.",
        "Two files produce the same URL, usually because of the same `slug` in one folder. \
         Give one of them a different `slug`.";
    PAGE_PAGINATION_CLASH = "page/pagination-clash", Error,
        "A page is published where a numbered page of a long list would go.",
        "Sections, tags and language homes with more articles than `paginate_by:` (20 unless \
         site.yaml says otherwise) continue at `page/2/`, `page/3/` and so on under their own \
         address, e.g. `/en/heart/page/2/`. An article whose address is one of these (a folder \
         named `page` holding a file named `2.md`, or a `slug` that makes the same address) would \
         hide that list page. Give the article another `slug` or move it out of the folder named \
         `page`; or set a larger `paginate_by:`. See docs/pagination.md.";
    PATH_OUTSIDE_SITE = "path/outside-site", Error,
        "A file or link points to a place outside the site folder.",
        "Pamphlet only reads and publishes files inside the site folder, so that nothing private on \
         the computer or the CI runner (passwords, keys, other people's files) can reach the website \
         through a pull request. A path written in a file (an `image:`, a logo, an SVG's `<image \
         href>`) must not climb out with `..` or start at the top of the disk, and a symbolic link \
         in `content/`, `static/`, `templates/`, `i18n/`, `data/`, `fonts/` or `themes/` must lead \
         to a place inside the site. Copy the file into the site folder instead of linking to it. \
         Nothing is read from a path that leaves the site.";
    PERSON_INVALID_VALUE = "person/invalid-value", Error,
        "A profile in `data/people/` cannot be used as written: it has no `name`, its file name is not an id, or a value is of the wrong kind.",
        "Each file `data/people/<id>.yaml` describes one person; articles name it with `id: <id>` under \
         `reviewers:` or `authors:`. The file name is the id, so it must be lower case letters, digits, \
         `-` or `_` (`dr-sample-reviewer.yaml`). Every profile needs a `name`. `links:` entries need a \
         `url` starting with https:// (or http://), e.g. the person's entry in a professional register. \
         A `photo` is a JPEG, PNG, WebP, GIF, AVIF or SVG file beside the profile.";
    PERSON_PHOTO_ALT = "person/photo-alt", Error,
        "A profile has a `photo` but no `photo_alt` text.",
        "Alt text is what a screen reader reads instead of the photo. Describe the photo in a few \
         words, in every language the site has if you can: `photo_alt: { en: Dr. Ruiz smiling, in a \
         white coat, es: La Dra. Ruiz sonriendo, con bata blanca }`, or one text for all languages.";
    PERSON_UNKNOWN_FIELD = "person/unknown-field", Warning,
        "A profile in `data/people/` has a field Pamphlet does not know (often a typo).",
        "A profile knows `name`, `credentials`, `role`, `bio`, `photo`, `photo_alt`, `affiliations`, \
         `conflicts_of_interest` and `links` (each link has `title` and `url`). A misspelt field is \
         ignored, so what it says would not be shown: fix the spelling the hint suggests.";
    PERSON_UNKNOWN_ID = "person/unknown-id", Error,
        "A reviewer or author names a profile `id` that has no file in `data/people/`.",
        "`id: ana-ruiz` under `reviewers:` or `authors:` refers to `data/people/ana-ruiz.yaml`. Check \
         the spelling (the hint names the closest profile), create the profile, or write the person's \
         `name` (and `credentials`, `role`) in the article instead of an `id`.";
    PRIVACY_PERSONAL_DATA = "privacy/personal-data", Warning,
        "An article seems to contain personal data (an e-mail address, phone number, date of birth or record number).",
        "Real patients' details must never be published. If this is the organisation's own contact \
         detail, add it to `privacy.allow` in site.yaml; otherwise remove it. \
         `check --strict` treats this as an error.";
    READABILITY_ABOVE_TARGET = "readability/above-target", Warning,
        "An article's reading level is above the site's target for its audience.",
        "The reading level is measured with the formula published for the article's language \
         (Flesch–Kincaid for English, Crawford for Spanish) and compared with \
         `readability.max_grade` in site.yaml, which may differ per `audience`. Shorter sentences \
         and everyday words lower it: the hint lists the longest sentences, the best place to start. \
         `check --strict` treats this as an error.";
    REDIRECT_CONFLICT = "redirect/conflict", Error,
        "An old address in `redirect_from:` is still in use, is claimed by another page, or is the page's own address.",
        "A redirect sends readers from an address that no longer has a page to the page's new one. \
         It cannot be written where something is still published (another page, a generated page such \
         as a tag list, or a file from `static/`): that page would disappear behind the redirect. Two \
         pages cannot both claim one old address, and a page cannot redirect to itself. Remove the \
         address from `redirect_from:` (or from the other page's), or move the page that still uses it. \
         A site with its own `static/_redirects` file cannot also use `redirect_from:`, because Pamphlet \
         writes that file: move its lines into the pages' `redirect_from:` lists.";
    REDIRECT_INVALID = "redirect/invalid", Error,
        "An entry of `redirect_from:` is not an address on this site that Pamphlet can redirect.",
        "Each entry is the path a page used to have on this site, as a reader would have seen it, e.g. \
         `en/heart/blood-pressure/` or `/en/heart/bp.html` (copying the whole address, \
         `https://your.site/en/heart/bp/`, works too). It must be a page address: it ends in `/`, has no \
         extension, or ends in `.html`; it has no `?` or `#` part; and each part between slashes is made \
         of letters, digits, `-`, `_`, `.` or `~` (no spaces, no `..`). Addresses on other websites \
         cannot be redirected from here.";
    REVIEW_MISSING_REVIEWER = "review/missing-reviewer", Error,
        "An article has no medical reviewer, and site.yaml requires one.",
        "With `review.require_reviewer: true`, every article (alerts excepted) lists under \
         `reviewers:` the clinician who checked it, with `name`, `credentials`, `role` and the \
         review `date`.";
    REVIEW_OVERDUE = "review/overdue", Warning,
        "An article's next medical review date has passed.",
        "The next review is due on `next_review`, or, when that is not set, on the latest \
         reviewer's date plus `review.interval_months`. The build date is today, or the date \
         given with `--today` or SOURCE_DATE_EPOCH. `check --strict` treats this as an error.";
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
    STATUS_INVALID = "status/invalid", Error,
        "A service in `data/status.yaml` has a missing or wrong value (status, kind, time, id), or the file cannot be read.",
        "Each service under `services:` needs an `id` (letters, digits and `-`, unique), a `name`, a `kind` \
         (`clinic`, `emergency-department`, `vaccination-site` or `hotline`), a `status` (`open`, \
         `limited` or `closed`) and an `updated` time (`2026-06-01 14:30` in the site's `timezone:`, or \
         with an offset, `2026-06-01T14:30:00-04:00`). `wait_minutes` is a whole number. Texts (`name`, \
         `note`, `hours`, `address`) are one text for every language or a mapping of language codes to \
         texts (`{ en: Open 24 hours, es: Abierto 24 horas }`). Nothing is published while the board has \
         an error: a wrong status must never reach the public.";
    STATUS_STALE = "status/stale", Warning,
        "A service on the status board was last updated longer ago than `status.stale_after` allows.",
        "A status board is only useful while it is current: a clinic shown as open hours after it \
         closed sends people to a locked door. `check` compares each service's `updated` time with the \
         build time (`--now`, else the start of `--today` in UTC, else SOURCE_DATE_EPOCH, else the clock) \
         and warns when it is older than `status.stale_after` in site.yaml (default 6 hours). Confirm \
         the service's status and set `updated` to now, or remove the service. A service updated exactly \
         `stale_after` ago is not yet stale.";
    STATUS_UNKNOWN_FIELD = "status/unknown-field", Error,
        "`data/status.yaml` has a key Pamphlet does not know.",
        "The status board is read strictly, like site.yaml: a misspelt `stauts:` must never leave a \
         service showing its old status. The hint names the closest known key. Known keys: `intro` and \
         `services` at the top; `id`, `name`, `kind`, `status`, `wait_minutes`, `note`, `hours`, \
         `address`, `phone` and `updated` for each service.";
    TEXT_BIDI_CONTROL = "text/bidi-control", Warning,
        "A value holds a Unicode control that reorders text (an embedding, override or isolate).",
        "The characters LRE, RLE, PDF, LRO, RLO (U+202A to U+202E) and LRI, RLI, FSI, PDI (U+2066 to \
         U+2069) are invisible and change the order in which the text around them is shown, so a \
         title or a name can be made to read differently from what it is (\"Trojan Source\"), or \
         reverse what a page shows after it. Right-to-left writing never needs them: Arabic and \
         Hebrew letters carry their own direction, and the marks U+200E, U+200F and U+061C (which \
         are allowed) handle the rare neutral character. Pamphlet shows such a value isolated, with \
         every control it leaves open closed, so it cannot affect the rest of the page; remove the \
         control from the value (it may have come in by copy and paste, or as a `\\u202E` escape).";
    THEME_MISSING_STRING = "theme/missing-string", Warning,
        "A language of the site has no text of its own for some interface strings of the theme.",
        "The theme's interface texts (\"Skip to main content\", \"References\", \"Last reviewed\" ...) \
         come from `i18n/<lang>.yaml` files of the theme. When a language has no text for a key, \
         pages show the default language's text (then English) instead. The message gives how many \
         are missing. `pamphlet i18n add <lang>` writes every one of them into your site's \
         `i18n/<lang>.yaml`, in English with a note saying where it shows, ready to translate (an \
         existing file keeps its lines and gets only what it lacks). The default theme ships \
         complete texts for en, es, ar, fr and zh-Hans.";
    TRANSLATION_DUPLICATE = "translation/duplicate", Error,
        "Two pages in the same language claim to be translations of the same article.",
        "A translation group holds at most one page per language. Pages are grouped by their \
         path under content/<lang>/ or by `translation_key`; fix the key of one of them.";
    TRANSLATION_SECTION_TITLE = "translation/section-title", Warning,
        "A section has a title in the site's default language but none in another language.",
        "A section's title comes from the `_index.md` in its folder. When a language has articles \
         in a section but no `_index.md` there, its menu, breadcrumbs and section page show a name \
         made from the folder (`everyday-health` becomes \"Everyday health\"), which is usually in the \
         wrong language. The message names the file to add: create it with a `title:` (and a \
         `summary:`) in that language. Its place in the menu follows the default language's \
         `weight`, so every language lists sections in the same order.";
    TRANSLATION_SOURCE_HAS_ERRORS = "translation/source-has-errors", Warning,
        "A translation inherits from a page whose front matter has errors.",
        "A translation takes its date, reviewers, citations, tags and other shared fields from \
         the page in the site's default language. While that page's front matter has errors, \
         what the translation inherits is incomplete, so its own checks that depend on it (a \
         missing reviewer, an unknown citation id, and so on) would send translators to fix \
         files that are fine. They are held back, and this one note points at the source to \
         fix first. Likewise a problem the translation only inherits (no medical reviewer) is \
         reported at the source alone. Problems in the translation's own front matter and on \
         its own lines are still reported.";
    TRANSLATION_TAG_NAME = "translation/tag-name", Warning,
        "A tag listed under `tags:` in site.yaml has no name in a language whose articles use it.",
        "`tags:` in site.yaml gives each tag its name in each language, so the Spanish tag page \
         is titled \"Corazón\" and lives at `/es/tags/corazon/`. When a language's articles use a \
         tag the map lists but gives no name for that language, its tag page is titled the way \
         the articles wrote the tag, usually in another language. Add the name in that language \
         under the tag's entry, e.g. `heart: { en: Heart, es: Corazón, ar: القلب }`.";
    UPDATE_NO_TOPIC_PAGE = "update/no-topic-page", Error,
        "An update entry sits in a folder under `updates/` that has no `_index.md`.",
        "Live updates are short files in `content/<lang>/updates/<topic>/`, shown newest first on the \
         topic's page. That page is the folder's `_index.md` (its title, summary and an introduction): \
         create it, or run `pamphlet new update <topic>`, which writes it for you with the first entry. \
         Entries of a topic whose `_index.md` is a draft are left out with it.";
    URL_SCHEME_NOT_ALLOWED = "url/scheme-not-allowed", Error,
        "A link or image address starts with a scheme that could run code or hide content (`javascript:`, `data:`, `vbscript:`, `file:` ...).",
        "Links and images may be relative paths, or addresses starting with `https:`, `http:`, \
         `mailto:` or `tel:`. Anything else is refused wherever it is written (Markdown, raw HTML, \
         front matter, people profiles, the status board, alerts, site.yaml), because a \
         `javascript:` link runs code in the reader's browser and a `data:` address can hide a page \
         inside a link. Write the address as a normal web link. A site that really needs another \
         scheme (for example `sms:` or `geo:`) can allow it in site.yaml: \
         `security: { allow_schemes: [sms] }`; `javascript`, `vbscript` and `file` can never be \
         allowed.";
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
