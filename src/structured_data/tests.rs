//! Unit tests of the JSON-LD builders.
