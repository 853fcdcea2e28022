//! A whole article (front matter, Markdown, citation markers): rendering never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        pamphlet::fuzzing::article(text);
    }
});
