//! Inline elements wrapping blocks in a page's raw HTML (`html/invalid-nesting`):
//! a `<span>`, `<em>`, `<small>` … around a `<div>`, a heading or a list,
//! or a `<p>` around a block. Content migrated from other generators often
//! has a `<span class="…">` on a line of its own, a blank line, Markdown
//! paragraphs and a `</span>`: the Markdown between counts as the blocks
//! it renders to, so that is caught too.
//!
//! The elements the raw HTML opens are followed across the page (tags
//! from the tokenizer in `html`, blocks from the Markdown events); what a
//! Markdown block opens ends with it, as a browser closes it there.
//! One warning per outer element, at its opening tag.
//!
//! `<a>` (like `<ins>`, `<del>`) is transparent in HTML5: it may wrap
//! blocks where its parent may, so `<a>` around a `<div>` is not reported,
//! and it is looked through (`<span><a><div>` is the `<span>`'s fault).
//! A `<p>` is closed by the browser at the first block inside it, which is
//! valid HTML; it is reported only when its own `</p>` comes after the
//! block, which shows it was meant to wrap it.

use crate::diagnostics::Position;
use pulldown_cmark::{Tag, TagEnd};

/// The elements that may hold only text and inline elements.
const PHRASING: &[&str] = &[
    "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "dfn", "em", "font", "i", "kbd",
    "label", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time",
    "tt", "u", "var",
];

/// The blocks (flow content that is not phrasing content).
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "dialog",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];

/// Elements that never have content (no end tag follows).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// An element the raw HTML opened and has not closed.
struct Open {
    name: String,
    position: Position,
    /// How many Markdown blocks were open around its tag.
    depth: usize,
    /// Reported already (or looked at as the outer element of one that was).
    reported: bool,
    /// For a `<p>`: the first block opened inside it (and whether it is
    /// Markdown).
    holds_block: Option<(String, bool)>,
}

/// A warning to give: the outer element, where it opened, and the block.
pub(super) struct Misnested {
    pub(super) outer: String,
    pub(super) position: Position,
    pub(super) block: String,
    /// The block is Markdown (a paragraph, a heading …), not a tag.
    pub(super) from_markdown: bool,
}

/// The open elements of one page.
#[derive(Default)]
pub(super) struct Nesting {
    open: Vec<Open>,
    /// Markdown blocks open at this point.
    depth: usize,
}

impl Nesting {
    /// A start tag of the raw HTML, at `position`.
    pub(super) fn start_tag(
        &mut self,
        name: &str,
        position: Position,
        self_closing: bool,
    ) -> Option<Misnested> {
        let found = if BLOCKS.contains(&name) {
            self.block(name, false)
        } else {
            None
        };
        if !VOID.contains(&name) && !self_closing {
            self.open.push(Open {
                name: name.to_string(),
                position,
                depth: self.depth,
                reported: false,
                holds_block: None,
            });
        }
        found
    }

    /// An end tag of the raw HTML: closes the innermost element of that
    /// name (an end tag nothing matches is ignored, as browsers do).
    pub(super) fn end_tag(&mut self, name: &str) -> Option<Misnested> {
        let at = self.open.iter().rposition(|o| o.name == name)?;
        let closed = self.open.drain(at..).next()?;
        let (block, from_markdown) = closed.holds_block?;
        Some(Misnested {
            outer: closed.name,
            position: closed.position,
            block,
            from_markdown,
        })
    }

    /// A Markdown block starts; `element` is what it renders to (`None` for
    /// parts of a block, such as a list item or a table row).
    pub(super) fn markdown_start(&mut self, element: Option<&str>) -> Option<Misnested> {
        let found = element.and_then(|e| self.block(e, true));
        self.depth += 1;
        found
    }

    /// A Markdown block ends: what raw HTML opened inside it ends too.
    pub(super) fn markdown_end(&mut self) {
        self.depth = self.depth.saturating_sub(1);
        let depth = self.depth;
        self.open.retain(|o| o.depth <= depth);
    }

    /// A block `name` opens: the inline elements it lands in, up to the
    /// nearest block, are wrong (the outermost is reported); a `<p>` there
    /// is noted, for its end tag to judge.
    fn block(&mut self, name: &str, from_markdown: bool) -> Option<Misnested> {
        let shown = if from_markdown {
            markdown_name(name)
        } else {
            format!("`<{name}>`")
        };
        let mut outer = None;
        for (i, open) in self.open.iter_mut().enumerate().rev() {
            if PHRASING.contains(&open.name.as_str()) {
                outer = Some(i);
            } else if open.name == "p" {
                if outer.is_none() && open.holds_block.is_none() {
                    open.holds_block = Some((shown.clone(), from_markdown));
                }
                break;
            } else if BLOCKS.contains(&open.name.as_str()) {
                break;
            }
        }
        let outer = outer?;
        let already = self.open[outer..].iter().any(|o| o.reported);
        for open in &mut self.open[outer..] {
            open.reported = true;
        }
        (!already).then(|| Misnested {
            outer: self.open[outer].name.clone(),
            position: self.open[outer].position,
            block: shown,
            from_markdown,
        })
    }
}

/// How a Markdown block is named in the warning.
fn markdown_name(element: &str) -> String {
    let what = match element {
        "p" => "a paragraph",
        "blockquote" => "a block quote",
        "pre" => "a code block",
        "ul" | "ol" => "a list",
        "table" => "a table",
        "hr" => "a line",
        "div" => "a footnote",
        _ => "a heading",
    };
    format!("{what} (`<{element}>`)")
}

/// What a Markdown block renders to: `Some(Some(element))` for a block,
/// `Some(None)` for a part of one (a list item, a table cell), `None` for
/// inline markup and raw HTML blocks (whose tags speak for themselves).
pub(super) fn markdown_block(tag: &Tag) -> Option<Option<String>> {
    let element = match tag {
        Tag::Paragraph => "p".to_string(),
        Tag::Heading { level, .. } => format!("h{}", *level as u8),
        Tag::BlockQuote(_) => "blockquote".to_string(),
        Tag::CodeBlock(_) => "pre".to_string(),
        Tag::List(Some(_)) => "ol".to_string(),
        Tag::List(None) => "ul".to_string(),
        Tag::Table(_) => "table".to_string(),
        Tag::FootnoteDefinition(_) => "div".to_string(),
        Tag::DefinitionList => "dl".to_string(),
        Tag::Item
        | Tag::TableHead
        | Tag::TableRow
        | Tag::TableCell
        | Tag::DefinitionListTitle
        | Tag::DefinitionListDefinition
        | Tag::MetadataBlock(_) => return Some(None),
        _ => return None,
    };
    Some(Some(element))
}

/// Whether an end event closes what [`markdown_block`] counts.
pub(super) fn ends_markdown_block(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::List(_)
            | TagEnd::Table
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::Item
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::MetadataBlock(_)
    )
}
