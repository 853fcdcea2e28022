//! Old addresses as authors write them: the forms that must work, and
//! every form that could write outside the output folder or onto another
//! site, which must not.

use super::{Problem, address};
use crate::site::{Site, assemble_for_tests};
use std::path::Path;

fn site(base_url: &str) -> Site {
    let yaml = format!("title: T\nbase_url: {base_url}\n");
    let config = crate::config::from_text(Path::new("/site"), &yaml)
        .config
        .expect("a valid config");
    assemble_for_tests(config, Vec::new(), &Default::default())
}

#[test]
fn the_forms_an_author_copies_are_one_address() {
    let site = site("https://e.org");
    for written in [
        "en/heart/bp/",
        "/en/heart/bp/",
        "en/heart/bp",
        " /en/heart/bp/ ",
        "https://e.org/en/heart/bp/",
        "HTTPS://E.ORG/en/heart/bp",
        "http://e.org/en/heart/bp/",
    ] {
        assert_eq!(
            address(written, &site),
            Ok("/en/heart/bp/".into()),
            "{written}"
        );
    }
    assert_eq!(address("/en/old.html", &site), Ok("/en/old.html".into()));
    assert_eq!(address("en/OLD.HTM", &site), Ok("/en/OLD.HTM".into()));
    // A dot inside a name is no extension to refuse; `v1.2` is a folder.
    assert_eq!(
        address("en/guide-v1.2", &site),
        Ok("/en/guide-v1.2/".into())
    );
    // Percent escapes, as a browser shows an Arabic address, are decoded.
    assert_eq!(
        address("/ar/%D8%B6%D8%BA%D8%B7/", &site),
        Ok("/ar/ضغط/".into())
    );
}

#[test]
fn the_base_path_may_be_written_or_left_out() {
    let site = site("https://e.org/health/");
    for written in ["en/bp/", "/health/en/bp/", "https://e.org/health/en/bp/"] {
        assert_eq!(
            address(written, &site),
            Ok("/health/en/bp/".into()),
            "{written}"
        );
    }
}

#[test]
fn nothing_climbs_out_or_leaves_the_site() {
    let site = site("https://e.org");
    let segment = |s: &str| Err(Problem::Segment(s.into()));
    for (written, expected) in [
        ("../../etc/", segment("..")),
        ("en/../../x/", segment("..")),
        ("en/%2e%2e/x/", segment("..")),
        ("en/./x/", segment(".")),
        ("en//x/", segment("")),
        ("en\\..\\x", segment("en\\..\\x")),
        ("en/a%2fb/", segment("a/b")),
        ("en/a%5Cb/", segment("a\\b")),
        ("en/with space/", segment("with space")),
        ("en/tab%09/", segment("tab\t")),
        ("en/nul%00/", segment("nul\0")),
        ("en/<script>/", segment("<script>")),
        ("en/a:b/", segment("a:b")),
        ("en/quote\"/", segment("quote\"")),
    ] {
        assert_eq!(address(written, &site), expected, "{written}");
    }
    for written in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,x",
        "https://other.org/en/x/",
        "https://e.org.evil.com/en/x/",
        "https://e.orgx/",
        "//other.org/x/",
        "mailto:a@e.org",
        "file:///etc/passwd",
        "C:\\Windows\\",
    ] {
        assert_eq!(
            address(written, &site),
            Err(Problem::Elsewhere),
            "{written}"
        );
    }
    for written in ["", "/", "https://e.org", "https://e.org/"] {
        assert_eq!(address(written, &site), Err(Problem::Root), "{written:?}");
    }
    assert_eq!(address("en/x/?p=1", &site), Err(Problem::QueryOrFragment));
    assert_eq!(address("en/x/#top", &site), Err(Problem::QueryOrFragment));
    assert_eq!(address("en/%FF%FE/", &site), Err(Problem::Encoding));
    assert_eq!(
        address("en/leaflet.pdf", &site),
        Err(Problem::NotAPage("pdf".into()))
    );
    assert_eq!(
        address("en/index.PHP", &site),
        Err(Problem::NotAPage("php".into()))
    );
}
