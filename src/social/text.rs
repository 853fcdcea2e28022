//! Text rules shared by meta tags, share links, captions and feeds: how
//! long each platform shows text, trimming at a word boundary, and how X
//! counts characters.

/// Longest `og:title` / `twitter:title` platforms show whole.
pub const TITLE_MAX: usize = 70;
/// Longest `og:description` (Facebook, LinkedIn cut after about this).
pub const DESCRIPTION_MAX: usize = 200;
/// Longest `<meta name="description">` search results show.
pub const META_DESCRIPTION_MAX: usize = 160;
/// X: the whole post, and what any link counts as.
pub const X_MAX: usize = 280;
pub const X_URL_LENGTH: usize = 23;

/// `text` cut to at most `max` characters at a word boundary (or between
/// CJK characters), with an ellipsis when something was cut.
pub fn trim_to(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    if max == 0 {
        return String::new();
    }
    // Room for the ellipsis.
    let limit = max - 1;
    let byte_limit = text
        .char_indices()
        .nth(limit)
        .map_or(text.len(), |(i, _)| i);
    let mut cut = 0;
    for (end, _) in unicode_linebreak::linebreaks(&text) {
        if end > byte_limit {
            break;
        }
        cut = end;
    }
    if cut == 0 {
        // One word longer than the limit: cut inside it.
        cut = byte_limit;
    }
    let kept = text[..cut]
        .trim_end()
        .trim_end_matches([',', ';', ':', '-', '–', '—', '·']);
    format!("{}…", kept.trim_end())
}

/// Length of a post as X counts it: most scripts' characters count 1,
/// CJK characters and emoji 2, each link 23 (twitter-text v3 weighting).
pub fn x_length(text: &str, urls: &[&str]) -> usize {
    let mut rest = text.to_string();
    let mut length = 0;
    for url in urls {
        if let Some(i) = rest.find(url) {
            rest.replace_range(i..i + url.len(), "");
            length += X_URL_LENGTH;
        }
    }
    length
        + rest
            .chars()
            .map(|c| {
                let c = c as u32;
                let light = c <= 0x10FF
                    || (0x2000..=0x200D).contains(&c)
                    || (0x2010..=0x201F).contains(&c)
                    || (0x2032..=0x2037).contains(&c);
                if light { 1 } else { 2 }
            })
            .sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_at_word_boundaries() {
        assert_eq!(trim_to("Short title", 70), "Short title");
        assert_eq!(
            trim_to("High blood pressure: what it is", 20),
            "High blood…"
        );
        assert_eq!(trim_to("  spaced   out  ", 70), "spaced out");
        assert_eq!(trim_to("Supercalifragilistic", 10), "Supercali…");
        assert!(trim_to(&"word ".repeat(100), 160).chars().count() <= 160);
        // Chinese breaks between characters.
        assert_eq!(trim_to("高血压是什么以及如何降低", 6), "高血压是什…");
    }

    #[test]
    fn x_counts_links_as_23_and_cjk_as_2() {
        let url = "https://health.example.org/en/a/very/long/path/that/is/longer/than/23/";
        assert_eq!(x_length(&format!("Hi {url}"), &[url]), 3 + 23);
        assert_eq!(x_length("高血压", &[]), 6);
        assert_eq!(x_length("ضغط", &[]), 3);
    }
}
