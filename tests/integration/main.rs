//! Integration tests: build fixture sites and check what comes out.
//! See tests/README.md for how to add a case.

mod support;

mod alerts;
mod cli;
mod feeds;
mod invalid;
mod sites;
mod social;
