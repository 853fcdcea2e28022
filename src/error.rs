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
