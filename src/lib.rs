//! Pamphlet: a static site generator for health-education websites.
//!
//! The build is one straight pipeline ([`pipeline`]): [`config`] →
//! [`discover`] → [`parse`] (with [`frontmatter`]) → [`site`] model →
//! [`validate`] → [`render`] (with [`markdown`]) → [`search`] index →
//! [`output`] (into a folder: [`publish`]). Problems in the content are [`diagnostics`]; only problems
//! outside it are [`error`]s.
//! [`serve`] is the live preview, built on the same pipeline.

pub mod alerts;
pub mod atoz;
pub mod bidi_controls;
pub mod boundary;
pub mod citations;
pub mod cli;
pub mod config;
pub mod contrast;
pub mod coverage;
pub mod customize;
pub mod data;
pub mod dates;
pub mod diagnostics;
pub mod disclaimer;
pub mod discover;
pub mod editorial;
pub mod error;
pub mod feeds;
pub mod frontmatter;
pub mod fuzzing;
pub mod html;
pub mod i18n;
pub mod images;
pub mod localized;
pub mod markdown;
pub mod output;
pub mod parse;
pub mod paths;
pub mod people;
pub mod pipeline;
pub mod placeholder;
pub mod privacy;
pub mod publish;
pub mod readability;
pub mod render;
pub mod review;
pub mod scaffold;
pub mod schemes;
pub mod search;
pub mod security;
pub mod serve;
pub mod site;
pub mod sitemap;
pub mod slug;
pub mod social;
pub mod status;
pub mod structured_data;
pub mod theme;
pub mod updates;
pub mod validate;
pub mod workflow;
pub mod xml;
mod yaml;
pub mod zone;

pub use error::{Error, Result};
pub use pipeline::{BuildOptions, BuildReport, Target};
