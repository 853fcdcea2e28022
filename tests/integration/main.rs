//! Integration tests: build fixture sites and check what comes out.
//! See tests/README.md for how to add a case.

mod support;

mod accessibility;
mod cli;
mod fuzz_regressions;
mod invalid;
mod limits;
mod properties;
mod sites;
mod translations;
mod trust;
