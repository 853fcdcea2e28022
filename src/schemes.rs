//! Which addresses may become a link or an image: relative paths, and
//! absolute addresses whose scheme is allow-listed (`https`, `http`,
//! `mailto`, `tel`, plus any a site opts in to with
//! `security.allow_schemes`). Everything else (`javascript:`, `vbscript:`,
//! `data:`, `file:`, and schemes nobody has heard of) is refused.
//!
//! An allow-list, because a deny-list of dangerous schemes is never
//! complete. The scheme is read the way a browser's URL parser reads it
//! (WHATWG URL): leading and trailing spaces and control characters are
//! dropped, tabs and line breaks anywhere are ignored, and case does not
//! matter, so `  JaVa\tScRiPt:alert(1)` is seen as `javascript:`. Every
//! place that takes an address from content or settings asks [`Policy`];
//! a refused address is an error where it is written, so no output format
//! (pages, feeds, JSON, CSV, CAP, sitemap) can ever carry one.

/// Schemes every site allows.
pub const ALWAYS: [&str; 4] = ["https", "http", "mailto", "tel"];

/// Schemes no site can allow: they run code or read the reader's own disk.
pub const NEVER: [&str; 3] = ["javascript", "vbscript", "file"];

/// The schemes one site allows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    /// Opted in by the site (lowercase), beyond [`ALWAYS`].
    extra: Vec<String>,
}

/// An address the policy refuses, with its scheme as a browser reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub scheme: String,
}

impl Policy {
    /// A policy with the site's own extra schemes. `Err` names the first
    /// one that can never be allowed or is not a scheme.
    pub fn new(extra: &[String]) -> Result<Policy, String> {
        let mut allowed = Vec::new();
        for scheme in extra {
            let lower = scheme.trim().to_ascii_lowercase();
            if !is_scheme_name(&lower) {
                return Err(format!("`{scheme}` is not a scheme name"));
            }
            if NEVER.contains(&lower.as_str()) {
                return Err(format!("`{lower}:` addresses can never be allowed"));
            }
            if !ALWAYS.contains(&lower.as_str()) && !allowed.contains(&lower) {
                allowed.push(lower);
            }
        }
        Ok(Policy { extra: allowed })
    }

    /// `Ok` for a relative address or one with an allowed scheme.
    pub fn check(&self, address: &str) -> Result<(), Refused> {
        match scheme(address) {
            None => Ok(()),
            Some(s) if ALWAYS.contains(&s.as_str()) || self.extra.contains(&s) => Ok(()),
            Some(scheme) => Err(Refused { scheme }),
        }
    }

    /// Whether `address` may be written as it is.
    pub fn allows(&self, address: &str) -> bool {
        self.check(address).is_ok()
    }

    /// Every scheme allowed, lowercase.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        ALWAYS
            .iter()
            .copied()
            .chain(self.extra.iter().map(String::as_str))
    }

    /// The schemes allowed, for messages.
    pub fn allowed(&self) -> String {
        self.names()
            .map(|s| format!("`{s}:`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl Refused {
    /// The message for this address, in plain words.
    pub fn message(&self, what: &str) -> String {
        match self.scheme.as_str() {
            "javascript" | "vbscript" => format!(
                "{what} is a `{}:` address, which would run code in the reader's browser",
                self.scheme
            ),
            "data" => format!(
                "{what} is a `data:` address, which can hide a whole file or page inside it"
            ),
            "file" => {
                format!("{what} is a `file:` address, which points into the reader's own computer")
            }
            other => {
                format!("{what} starts with `{other}:`, which is not an allowed kind of address")
            }
        }
    }

    /// How to fix it.
    pub fn hint(&self, policy: &Policy) -> String {
        format!(
            "write a web address (`https://…`), `mailto:`, `tel:` or a path inside the site; allowed here: {}",
            policy.allowed()
        )
    }
}

/// The scheme of `address` as a browser reads it, lowercased; `None` for a
/// relative reference (a path, `#fragment`, `?query`, `//host/…`).
pub fn scheme(address: &str) -> Option<String> {
    // Most addresses are paths (`../a.md`, `/x`, `#y`): they start with a
    // byte no scheme or stripped control starts with, and need no more.
    match address.as_bytes().first() {
        Some(b) if b.is_ascii_alphabetic() || *b <= b' ' => {}
        _ => return None,
    }
    // WHATWG URL: strip leading/trailing C0 controls and spaces, then
    // ignore ASCII tab and newline wherever they are.
    let trimmed = address.trim_start_matches(|c: char| c <= ' ');
    let mut scheme = String::new();
    for c in trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')) {
        match c {
            ':' => return (!scheme.is_empty()).then_some(scheme),
            c if c.is_ascii_alphabetic() => scheme.push(c.to_ascii_lowercase()),
            c if !scheme.is_empty() && (c.is_ascii_digit() || "+-.".contains(c)) => scheme.push(c),
            _ => return None,
        }
    }
    None
}

fn is_scheme_name(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_alphabetic())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn default() -> Policy {
        Policy::default()
    }

    #[test]
    fn relative_and_web_addresses_pass() {
        for ok in [
            "../heart/bp.md",
            "images/cuff.jpg",
            "/static/x.pdf",
            "#section",
            "?q=1",
            "//cdn.example/x",
            "https://www.who.int/",
            "HTTP://EXAMPLE.ORG",
            "mailto:info@example.org",
            "tel:+15550100",
            "",
            "a/b:c",
            "3d:x",
        ] {
            assert!(default().allows(ok), "{ok}");
        }
    }

    #[test]
    fn script_and_data_addresses_are_refused_however_written() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "javascript\r:alert(1)",
            "javascript://%0aalert(1)",
            "vbscript:msgbox",
            "data:text/html;base64,PHNjcmlwdD4=",
            "DATA:image/svg+xml,<svg/onload=alert(1)>",
            "file:///etc/passwd",
            "jar:file:x!/",
            "blob:https://x/1",
            "ms-settings:",
            "x-unknown+scheme.1:thing",
        ] {
            assert!(default().check(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            default().check("  JaVa\tScRiPt:x").unwrap_err().scheme,
            "javascript"
        );
    }

    #[test]
    fn sites_opt_in_per_scheme_but_never_to_script() {
        let policy = Policy::new(&["SMS".into(), "geo".into()]).unwrap();
        assert!(policy.allows("sms:+15550100"));
        assert!(policy.allows("geo:37.78,-122.4"));
        assert!(!policy.allows("data:x"));
        assert!(Policy::new(&["javascript".into()]).is_err());
        assert!(Policy::new(&["VBScript".into()]).is_err());
        assert!(Policy::new(&["file".into()]).is_err());
        assert!(Policy::new(&["not a scheme".into()]).is_err());
        assert!(policy.allowed().contains("`sms:`"));
    }

    /// What a browser would treat as the scheme, done the long way: the
    /// WHATWG parser's result through the `url` crate, for absolute URLs.
    fn browser_scheme(address: &str) -> Option<String> {
        url::Url::parse(address)
            .ok()
            .map(|u| u.scheme().to_string())
    }

    proptest! {
        /// Any mix of case, controls, tabs and newlines around and inside
        /// `javascript:` is still seen as `javascript`.
        #[test]
        fn disguised_javascript_is_refused(
            upper in proptest::collection::vec(any::<bool>(), 10),
            lead in "[\u{0}-\u{20}]{0,3}",
            breaks in proptest::collection::vec(prop_oneof![Just(""), Just("\t"), Just("\n"), Just("\r")], 11),
            tail in ".{0,20}",
        ) {
            let mut text = lead.clone();
            for (i, c) in "javascript".chars().enumerate() {
                text.push_str(breaks[i]);
                text.push(if upper[i] { c.to_ascii_uppercase() } else { c });
            }
            text.push_str(breaks[10]);
            text.push(':');
            text.push_str(&tail);
            prop_assert!(default().check(&text).is_err(), "{:?}", text);
        }

        /// Where the `url` crate (a WHATWG parser) finds a scheme, ours is
        /// the same one, so nothing a browser would run slips through.
        #[test]
        fn agrees_with_a_whatwg_parser(address in "[a-zA-Z\t\n ]{0,3}[a-zA-Z0-9+.\t-]{0,8}:[ -~]{0,12}") {
            // Only addresses with a scheme count as cases (proptest fails
            // if too few are), so every case compares something.
            let expected = browser_scheme(&address);
            proptest::prop_assume!(expected.is_some());
            prop_assert_eq!(scheme(&address), expected);
        }
    }
}
