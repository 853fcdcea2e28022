//! The site folder is a boundary. Every file Pamphlet reads because the
//! content or the settings named it (Markdown, static files, images and
//! what an SVG image pulls in, logos, photos, templates, UI texts, data
//! files, fonts, the cache) must be inside the site folder once every link
//! on its way is followed. Content and settings arrive in pull requests, so
//! a symlink in `static/` to `~/.ssh/id_rsa`, or `image: /../../etc/passwd`,
//! must never put that file on the website.
//!
//! Two kinds of path come in and this module owns the rule for both:
//! - paths *written* in a file (front matter, site.yaml, an SVG's
//!   `<image href>`): [`Boundary::resolve`] normalises them without the
//!   disk, refuses any that climbs above its starting folder or is absolute,
//!   then follows links and checks where they end;
//! - files *found* by walking a folder: [`Boundary::walk`] follows links
//!   (a site may link a shared folder of its own), but checks every link it
//!   meets and skips, with an error, any that ends outside.
//!
//! Only links cost a system call: a file reached through no link is inside
//! because the folder it was found in is. Hard links cannot be told from
//! ordinary files and are not covered (a contributor cannot send one in a
//! pull request: Git stores files, not links between them).

use crate::diagnostics::{Diagnostic, Diagnostics, Position, codes};
use std::path::{Path, PathBuf};

/// The site folder, as given and as the file system resolves it.
#[derive(Debug, Clone)]
pub struct Boundary {
    /// As the user named it (paths shown in messages are relative to it).
    root: PathBuf,
    /// With every link resolved: what "inside" is measured against.
    real: PathBuf,
}

/// Why a named path was not read.
#[derive(Debug)]
pub enum Refused {
    /// It leaves the site folder: by `..`, by being absolute, or through a
    /// link. Holds the path as written.
    Outside(PathBuf),
    /// Nothing is there (or it cannot be reached).
    Missing,
}

impl Boundary {
    /// The boundary of the site at `root`. A folder that does not exist (yet)
    /// is its own resolution: nothing can be read inside it anyway.
    pub fn new(root: &Path) -> Boundary {
        let real = root
            .canonicalize()
            .or_else(|_| std::path::absolute(root))
            .unwrap_or_else(|_| root.to_path_buf());
        Boundary {
            root: root.to_path_buf(),
            real,
        }
    }

    /// The site folder as the user named it.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The site folder with every link resolved.
    pub fn real(&self) -> &Path {
        &self.real
    }

    /// Whether a resolved (canonical) path is the site folder or inside it.
    pub fn contains(&self, real: &Path) -> bool {
        real.starts_with(&self.real)
    }

    /// The file `written` names, relative to `base` (a folder relative to
    /// the site root), as a path relative to the site root: `Ok` only when
    /// it exists and resolves inside the site.
    pub fn resolve(&self, base: &Path, written: &Path) -> Result<PathBuf, Refused> {
        let rel = normalize(&base.join(written)).ok_or_else(|| Refused::Outside(written.into()))?;
        match self.root.join(&rel).canonicalize() {
            Ok(real) if self.contains(&real) => Ok(rel),
            Ok(_) => Err(Refused::Outside(written.into())),
            Err(_) => Err(Refused::Missing),
        }
    }

    /// Reads a file named relative to the site root (see [`Boundary::resolve`]).
    pub fn read(&self, rel: &Path) -> Result<Vec<u8>, Refused> {
        let rel = self.resolve(Path::new(""), rel)?;
        std::fs::read(self.root.join(rel)).map_err(|_| Refused::Missing)
    }

    /// Whether `rel` (relative to the site root) resolves inside the site;
    /// `true` for a path that does not exist (there is nothing to leak).
    pub fn allows(&self, rel: &Path) -> bool {
        match self.root.join(rel).canonicalize() {
            Ok(real) => self.contains(&real),
            Err(_) => normalize(rel).is_some(),
        }
    }

    /// The error for a file the site reads by a fixed name (`site.yaml`,
    /// `data/status.yaml`) when it is a link that leaves the site.
    pub fn leaves(&self, rel: &Path) -> Option<Diagnostic> {
        (!self.allows(rel)).then(|| self.outside_link(&self.root.join(rel)))
    }

    /// Every regular file under `dir` (relative to the site root), relative
    /// to `dir` and sorted, skipping names `skip` rejects. Links are
    /// followed where they stay inside the site; a link that leaves it, a
    /// loop or an unreadable entry is an error in `diagnostics`, at the
    /// link's own path, and nothing under it is listed.
    pub fn walk(
        &self,
        dir: &Path,
        skip: fn(&str) -> bool,
        diagnostics: &mut Diagnostics,
    ) -> Vec<PathBuf> {
        let full = self.root.join(dir);
        if !full.is_dir() {
            return Vec::new();
        }
        let mut outside = Vec::new();
        let walker = walkdir::WalkDir::new(&full)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                if e.depth() > 0 && skip(&e.file_name().to_string_lossy()) {
                    return false;
                }
                // The folder walked may itself be a link (`static -> /etc`).
                if e.path_is_symlink() || e.depth() == 0 {
                    // A dangling link is left to the walker, which reports it.
                    let inside = e.path().canonicalize().map_or(true, |r| self.contains(&r));
                    if !inside {
                        outside.push(e.path().to_path_buf());
                    }
                    return inside;
                }
                true
            });
        let mut files = Vec::new();
        for entry in walker {
            match entry {
                Ok(entry) if entry.file_type().is_file() => {
                    if let Ok(rel) = entry.path().strip_prefix(&full) {
                        files.push(rel.to_path_buf());
                    }
                }
                Ok(_) => {}
                Err(error) => diagnostics.push(self.unreadable(&error, &full)),
            }
        }
        for path in outside {
            diagnostics.push(self.outside_link(&path));
        }
        files.sort();
        files
    }

    /// `path` as shown in messages: relative to the site folder.
    fn shown(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.root).unwrap_or(path).to_path_buf()
    }

    fn outside_link(&self, path: &Path) -> Diagnostic {
        let shown = self.shown(path);
        let target = std::fs::read_link(path)
            .map(|t| format!(" (it points to `{}`)", t.display()))
            .unwrap_or_default();
        Diagnostic::error(
            codes::PATH_OUTSIDE_SITE,
            &shown,
            Position::start(),
            format!(
                "`{}` is a link to a place outside the site folder{target}; nothing was read from it",
                shown.display()
            ),
        )
        .with_hint(
            "copy the file into the site folder instead of linking to it, or remove the link; \
             Pamphlet never publishes files from outside the site",
        )
    }

    fn unreadable(&self, error: &walkdir::Error, dir: &Path) -> Diagnostic {
        let path = error.path().unwrap_or(dir);
        let shown = self.shown(path);
        let message = if error.loop_ancestor().is_some() {
            format!(
                "`{}` is a link back to one of its own parent folders; it was skipped",
                shown.display()
            )
        } else {
            let reason = error.io_error().map_or_else(
                || error.to_string(),
                |e| match e.kind() {
                    std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                    _ => e.to_string(),
                },
            );
            format!("`{}` could not be read: {reason}", shown.display())
        };
        Diagnostic::error(
            codes::CONTENT_UNREADABLE,
            &shown,
            Position::start(),
            message,
        )
        .with_hint("check the file's permissions, or remove the link")
    }
}

/// The diagnostic for a path written in a file that leaves the site
/// folder (`image: /../../etc/passwd`, `logo: /home/me/logo.png`).
pub fn outside_path(file: &Path, position: Position, written: &str) -> Diagnostic {
    Diagnostic::error(
        codes::PATH_OUTSIDE_SITE,
        file,
        position,
        format!("`{written}` points outside the site folder; nothing was read from it"),
    )
    .with_hint(
        "name a file inside the site folder: in front matter, relative to the article's folder \
         (`images/cuff.jpg`) or starting with `/` for a file in `static/`; in site.yaml, relative \
         to the site folder (`static/logo.svg`)",
    )
}

pub use crate::paths::normalize;

#[cfg(test)]
mod tests;
