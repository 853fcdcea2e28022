//! Front matter of any bytes: parsing never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        pamphlet::fuzzing::front_matter(text);
    }
});
