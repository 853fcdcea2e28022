//! Pamphlet: a static site generator for health-education websites.
//!
//! The build is one straight pipeline ([`pipeline`]): [`config`] →
//! [`discover`] → [`parse`] (with [`frontmatter`]) → [`site`] model →
//! [`validate`] → [`render`] (with [`markdown`]) → [`output`]. Problems in
//! the content are [`diagnostics`]; only problems outside it are [`error`]s.
//! [`serve`] is the live preview, built on the same pipeline.

pub mod cli;
pub mod config;
pub mod dates;
pub mod diagnostics;
pub mod discover;
pub mod error;
pub mod frontmatter;
pub mod i18n;
pub mod markdown;
pub mod output;
pub mod parse;
pub mod pipeline;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod theme;
pub mod validate;
mod yaml;

pub use error::{Error, Result};
pub use pipeline::{BuildOptions, BuildReport, Target};
