//! Pamphlet: a static site generator for health-education websites.
//!
//! The build is one straight pipeline ([`pipeline`]), in layers that only
//! point down: leaf helpers ([`diagnostics`], [`error`], [`dates`] …) →
//! [`config`] → [`discover`] → reading ([`frontmatter`], [`parse`], data
//! files) → the [`site`] model → the stages (validation, Markdown, cards,
//! feeds, search, pages) → [`pipeline`] → [`serve`] and [`cli`].
//! ARCHITECTURE.md draws the map; `tests/architecture.rs` enforces it.
//! Problems in the content are [`diagnostics`]; only problems outside it
//! are [`error`]s.

// Items only the crate uses say so: the public surface is what tests,
// the fuzz targets and main.rs use.
#![warn(unreachable_pub)]

pub(crate) mod alerts;
pub(crate) mod atoz;
pub(crate) mod bidi_controls;
pub mod boundary;
pub(crate) mod citations;
pub mod cli;
pub mod cms;
pub mod config;
pub(crate) mod contrast;
pub(crate) mod coverage;
pub(crate) mod customize;
pub(crate) mod data;
pub mod dates;
pub mod diagnostics;
pub(crate) mod disclaimer;
pub mod discover;
pub(crate) mod editorial;
pub mod error;
pub(crate) mod feeds;
pub mod frontmatter;
pub mod fuzzing;
pub(crate) mod html;
pub mod i18n;
pub(crate) mod images;
pub(crate) mod localized;
pub mod markdown;
pub mod output;
pub mod parse;
pub(crate) mod paths;
pub(crate) mod people;
pub mod pipeline;
pub(crate) mod placeholder;
pub(crate) mod privacy;
pub mod publish;
pub(crate) mod readability;
pub(crate) mod redirects;
pub(crate) mod render;
pub mod renditions;
pub(crate) mod review;
pub mod scaffold;
pub mod schema;
pub mod schemes;
pub(crate) mod search;
pub mod security;
pub mod serve;
pub mod site;
pub(crate) mod sitemap;
pub(crate) mod slug;
pub mod social;
pub(crate) mod status;
pub(crate) mod structured_data;
pub mod theme;
pub(crate) mod updates;
pub mod uri;
pub(crate) mod validate;
pub mod workflow;
pub(crate) mod xml;
mod yaml;
pub(crate) mod zone;

pub use error::{Error, Result};
pub use pipeline::{BuildOptions, BuildReport, Target};
