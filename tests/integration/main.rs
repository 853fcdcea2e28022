//! Integration tests: build fixture sites and check what comes out.
//! See tests/README.md for how to add a case.

mod accessibility;
mod alerts;
mod cli;
mod feeds;
mod fuzz_regressions;
mod hostile;
mod incremental;
mod invalid;
mod limits;
mod list_limits;
mod people;
mod properties;
mod search;
mod serve;
mod sites;
mod social;
mod support;
mod translations;
mod trust;
mod updates;
