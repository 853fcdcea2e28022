//! Pamphlet: a static site generator for health-education websites.
//!
//! The build is one straight pipeline ([`pipeline`]): [`config`] →
//! [`discover`] → [`parse`] (with [`frontmatter`]) → [`site`] model →
//! [`validate`] → [`render`] (with [`markdown`]) → [`search`] index →
//! [`output`]. Problems in the content are [`diagnostics`]; only problems
//! outside it are [`error`]s.

pub mod atoz;
pub mod citations;
pub mod cli;
pub mod config;
pub mod dates;
pub mod diagnostics;
pub mod discover;
pub mod editorial;
pub mod error;
pub mod frontmatter;
pub mod i18n;
pub mod markdown;
pub mod output;
pub mod parse;
pub mod pipeline;
pub mod readability;
pub mod render;
pub mod review;
pub mod scaffold;
pub mod search;
pub mod site;
pub mod structured_data;
pub mod theme;
pub mod validate;
mod yaml;

pub use error::{Error, Result};
pub use pipeline::{BuildOptions, BuildReport, Target};
