//! Hostile file and folder names, written addresses and base URLs: every
//! address comes out as a URI (or IRI) the `url` crate parses, and decodes
//! back to the very path it was made from.

use super::*;
use proptest::prelude::*;
use url::Url;

/// Decoded path of a URL the `url` crate parsed.
fn decoded_path(url: &Url) -> String {
    percent_encoding::percent_decode_str(url.path())
        .decode_utf8()
        .expect("UTF-8")
        .into_owned()
}

/// A file or folder name as content may have one: spaces, `#`, `?`, `%`,
/// quotes, brackets, backslashes, controls, bidi controls, any script.
fn hostile_segment() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 #?%\"'<>\\[\\]{}|^`\\\\&=+;:@!$()*,~._\t\u{7f}\u{85}\u{a0}\u{202e}\u{200f}\u{feff}éضشك中文😀ß-]{1,12}"
        .prop_filter("not a dot segment", |s| s != "." && s != "..")
}

fn hostile_path() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(hostile_segment(), 1..5),
        any::<bool>(),
    )
        .prop_map(|(segments, dir)| {
            let mut path = format!("/{}", segments.join("/"));
            if dir {
                path.push('/');
            }
            path
        })
}

proptest! {
    #[test]
    fn decoded_paths_round_trip_as_uris_and_iris(path in hostile_path()) {
        let base = Url::parse("https://health.example.org/").unwrap();
        let uri = super::path(&path, Form::Uri);
        prop_assert!(uri.is_ascii(), "{uri}");
        let absolute = Url::parse(&format!("https://health.example.org{uri}")).unwrap();
        prop_assert_eq!(decoded_path(&absolute), path.clone());
        prop_assert_eq!(absolute.as_str(), format!("https://health.example.org{uri}"), "already normal");
        let iri = super::path(&path, Form::Iri);
        let joined = base.join(&iri).unwrap();
        prop_assert_eq!(decoded_path(&joined), path.clone());
        prop_assert_eq!(joined.path(), uri.as_str(), "the IRI is the URI, letters shown");
        // A relative reference (a file beside the page) resolves too.
        let relative = base.join("en/").unwrap().join(&super::path(&path[1..], Form::Iri)).unwrap();
        prop_assert_eq!(decoded_path(&relative), format!("/en{path}"));
    }

    #[test]
    fn written_addresses_are_valid_and_never_encoded_twice(path in hostile_path(), tail in "[a-z #?%&=é\"]{0,10}") {
        for form in [Form::Uri, Form::Iri] {
            let encoded = super::path(&path, form);
            prop_assert_eq!(written(&encoded, form), encoded.clone(), "escapes kept");
            let text = format!("{path}?q={tail}#{tail}");
            let once = written(&text, form);
            prop_assert_eq!(written(&once, form), once.clone(), "idempotent");
            prop_assert!(!once.contains(' '), "{}", once);
            Url::parse("https://e.org/").unwrap().join(&once).unwrap();
            let absolute = written(&format!("https://e.org{text}"), form);
            prop_assert!(Url::parse(&absolute).is_ok(), "{}", absolute);
            prop_assert!(form == Form::Iri || absolute.is_ascii(), "{}", absolute);
        }
    }
}

#[test]
fn what_is_encoded_and_what_is_kept() {
    assert_eq!(
        path("/en/my photo #1?.png", Form::Uri),
        "/en/my%20photo%20%231%3F.png"
    );
    assert_eq!(path("/en/100%.pdf", Form::Uri), "/en/100%25.pdf");
    assert_eq!(
        path("/en/a%20b.pdf", Form::Uri),
        "/en/a%2520b.pdf",
        "a name, not an escape"
    );
    assert_eq!(path("/ar/ضغط-الدم/", Form::Iri), "/ar/ضغط-الدم/");
    assert_eq!(path("/ar/ضغط/", Form::Uri), "/ar/%D8%B6%D8%BA%D8%B7/");
    assert_eq!(
        path("/en/evil\u{202e}gpj.exe", Form::Iri),
        "/en/evil%E2%80%AEgpj.exe"
    );
    assert_eq!(
        path("/en/it's (1)+2.png", Form::Uri),
        "/en/it's%20(1)+2.png"
    );
    assert_eq!(written("my%20photo.png", Form::Uri), "my%20photo.png");
    assert_eq!(written("100% sure", Form::Uri), "100%25%20sure");
    assert_eq!(
        written("HTTPS://Exämple.org/a b?x=1 2#c d#e", Form::Uri),
        "https://xn--exmple-cua.org/a%20b?x=1%202#c%20d%23e"
    );
    assert_eq!(
        written("mailto:a@b.org?subject=Hi there", Form::Uri),
        "mailto:a@b.org?subject=Hi%20there"
    );
    assert_eq!(written("#Fiebre alta", Form::Iri), "#Fiebre%20alta");
    assert_eq!(component("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
}
