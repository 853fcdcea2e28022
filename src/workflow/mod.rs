//! The GitHub Pages recipe that `pamphlet init` writes to
//! `.github/workflows/pamphlet.yml`: install Pamphlet with pip, check, build
//! with the share-image cache kept between runs, publish `public/`.
//!
//! The text lives in `pamphlet.yml` beside this file (so it reads as the
//! YAML it is); only the Pamphlet version is filled in, so a site keeps
//! building with the version that started it until someone upgrades it.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// Where the workflow goes, relative to the site (= repository) root.
pub const PATH: &str = ".github/workflows/pamphlet.yml";

const TEMPLATE: &str = include_str!("pamphlet.yml");
const VERSION_SLOT: &str = "@PAMPHLET_VERSION@";

/// The workflow text, pinned to this Pamphlet's version.
pub fn text() -> String {
    TEMPLATE.replace(VERSION_SLOT, env!("CARGO_PKG_VERSION"))
}

/// Writes the workflow into the site at `root`; never replaces a file.
pub fn write(root: &Path) -> Result<PathBuf> {
    use std::io::Write;
    let path = root.join(PATH);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Error::Usage(format!(
                "`{}` already exists; it was not changed",
                path.display()
            )),
            _ => Error::io(&path, e),
        })?;
    file.write_all(text().as_bytes())
        .map_err(|e| Error::io(&path, e))?;
    Ok(path)
}

#[cfg(test)]
mod tests;
