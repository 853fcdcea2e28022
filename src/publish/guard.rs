//! Which folders a build may replace: one Pamphlet made (it holds the
//! [`MARKER`] file), an empty one, or one that does not exist yet. Never
//! the site's own inputs, nor a folder that holds them.
//!
//! Every check runs on resolved paths (see [`super::resolve`]), before the
//! build writes anything, and again just before the swap.

use super::resolve::resolve;
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The file every published output folder holds, so a later build knows
/// the folder is Pamphlet's to replace.
pub const MARKER: &str = ".pamphlet-output";

/// What the marker file says to whoever opens the folder.
pub const MARKER_TEXT: &str = "This folder was built by Pamphlet. The next `pamphlet build` into it replaces everything in it: keep no other files here.\n";

/// The site's inputs (folders a site reads from, site.yaml, the cache),
/// relative to its root; `.pamphlet-cache` is the default cache's folder.
const INPUTS: [&str; 9] = [
    "content",
    "static",
    "data",
    "templates",
    "themes",
    "i18n",
    "fonts",
    ".pamphlet-cache",
    crate::config::FILE_NAME,
];

/// The resolved places an output folder must stay clear of.
#[derive(Debug, Clone)]
pub struct SiteInputs {
    root: PathBuf,
    /// What each path is, for the message, and the resolved path.
    inputs: Vec<(String, PathBuf)>,
}

impl SiteInputs {
    /// The inputs of the site at `root`, whose share-image cache is `cache`
    /// (relative to `root`, or absolute).
    pub fn new(root: &Path, cache: &Path) -> Result<SiteInputs> {
        let root = resolve(root).map_err(|e| Error::io(root, e))?;
        let mut inputs = Vec::with_capacity(INPUTS.len() + 1);
        for name in INPUTS {
            let path = root.join(name);
            inputs.push((
                format!("`{name}`"),
                resolve(&path).map_err(|e| Error::io(&path, e))?,
            ));
        }
        let path = root.join(cache);
        let cache = resolve(&path).map_err(|e| Error::io(&path, e))?;
        inputs.push(("share-image cache".to_string(), cache));
        Ok(SiteInputs { root, inputs })
    }

    /// The inputs of the site `config` describes.
    pub fn of(config: &crate::config::Config) -> Result<SiteInputs> {
        SiteInputs::new(&config.root, &config.social.share_images.cache)
    }

    /// Where a build into `target` may publish: the resolved folder, once
    /// it is known to be none of the site's inputs, to hold none of them,
    /// and to be missing, empty or Pamphlet's own. Touches nothing.
    pub fn check(&self, target: &Path) -> Result<PathBuf> {
        let resolved = resolve(target).map_err(|e| Error::io(target, e))?;
        let refuse = |why: String| refusal(target, &resolved, &why, SITE_HOW);
        if resolved.parent().is_none() || resolved.file_name().is_none() {
            return Err(refuse("it is the top of the file system".into()));
        }
        if self.root.starts_with(&resolved) {
            return Err(refuse(if self.root == resolved {
                "it is the site folder itself".into()
            } else {
                format!("it holds the site folder `{}`", self.root.display())
            }));
        }
        for (what, input) in &self.inputs {
            if resolved.starts_with(input) {
                return Err(refuse(if *input == resolved {
                    format!("it is the site's {what}")
                } else {
                    format!("it is inside the site's {what}")
                }));
            }
            if input.starts_with(&resolved) {
                return Err(refuse(format!(
                    "it holds the site's {what} (`{}`)",
                    input.display()
                )));
            }
        }
        match replaceable(&resolved) {
            Ok(()) => Ok(resolved),
            Err(Refused::NotOurs(why)) => Err(refusal(target, &resolved, &why, FOLDER_HOW)),
            Err(Refused::Unreadable(e)) => Err(Error::io(target, e)),
        }
    }
}

const SITE_HOW: &str = "Replacing it would delete the site's own files. Choose a separate folder, such as `public` inside the site folder.";

const FOLDER_HOW: &str = "Pamphlet only replaces a folder it built itself (one with a `.pamphlet-output` file), an empty folder, or a new one. Choose an empty or new folder with --output, or, if nothing in it is needed, delete the folder yourself and build again. (A folder built by a Pamphlet older than this check has no `.pamphlet-output` file: delete it once.)";

fn refusal(given: &Path, resolved: &Path, why: &str, how: &str) -> Error {
    let also = if std::path::absolute(given).is_ok_and(|a| a == resolved) {
        String::new()
    } else {
        format!(" (which is `{}`)", resolved.display())
    };
    Error::Usage(format!(
        "refusing to write the site into `{}`{also}: {why}. {how}",
        given.display()
    ))
}

/// Why a folder may not be replaced.
#[derive(Debug)]
pub(crate) enum Refused {
    /// It holds something Pamphlet did not make (the reason, in words).
    NotOurs(String),
    /// It cannot be looked at (a part of its path is a file, no permission).
    Unreadable(std::io::Error),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::NotOurs(why) => f.write_str(why),
            Refused::Unreadable(e) => write!(f, "it cannot be read ({e})"),
        }
    }
}

/// Whether a build may replace `folder` (resolved): it does not exist, or
/// it is a real folder (not a link) that is empty or holds the marker
/// file. The same rule decides which leftovers of a killed build may go.
pub(crate) fn replaceable(folder: &Path) -> std::result::Result<(), Refused> {
    let meta = match std::fs::symlink_metadata(folder) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Refused::Unreadable(e)),
    };
    if !meta.is_dir() {
        return Err(Refused::NotOurs("it is a file, not a folder".into()));
    }
    if std::fs::symlink_metadata(folder.join(MARKER)).is_ok_and(|m| m.is_file()) {
        return Ok(());
    }
    let mut entries = std::fs::read_dir(folder).map_err(Refused::Unreadable)?;
    match entries.next() {
        None => Ok(()),
        Some(_) => Err(Refused::NotOurs(format!(
            "it already holds files, and no `{MARKER}` file says Pamphlet built it"
        ))),
    }
}
