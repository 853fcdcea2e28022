//! Fatal errors: problems that stop Pamphlet before or outside the content
//! (no site, unreadable files, a broken template, a full disk).
//!
//! Problems *in* the content are not errors but [`crate::diagnostics`]:
//! they are collected, not thrown.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no Pamphlet site in `{}`: there is no site.yaml there (create one with `pamphlet init`)", root.display())]
    NoSite { root: PathBuf },

    #[error("could not read or write `{}`: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("the theme template `{name}` has a problem: {message}")]
    Template { name: String, message: String },

    #[error("{0}")]
    Usage(String),

    #[error("could not build the search index: {0}")]
    Search(String),
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error's message followed by each of its causes', joined by `: `
/// (tera puts the useful part, such as what is undefined, in the causes).
pub fn error_chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}
