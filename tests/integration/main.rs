//! Integration tests: build fixture sites and check what comes out.
//! See tests/README.md for how to add a case.

mod support;

mod cli;
mod invalid;
mod search;
mod sites;
mod trust;
