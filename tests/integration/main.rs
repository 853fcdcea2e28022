//! Integration tests: build fixture sites and check what comes out.
//! See tests/README.md for how to add a case.

mod accessibility;
mod alerts;
mod boundary;
mod care_cards;
mod cascade;
mod cli;
mod contents;
mod customize;
mod feeds;
mod fuzz_regressions;
mod hostile;
mod image_bounds;
mod incremental;
mod install;
mod invalid;
mod limits;
mod list_limits;
mod output_safety;
mod people;
mod placeholders;
mod properties;
mod related;
mod report_location;
mod schemes;
mod search;
mod serve;
mod serve_hosts;
mod sites;
mod snapshots;
mod social_cards;
mod social_tags;
mod support;
mod translations;
mod trust;
mod updates;
