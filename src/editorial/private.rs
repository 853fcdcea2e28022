//! Where the editorial report goes. It lists file paths, reviewers and every
//! problem, so by default it stays private: written into Pamphlet's own
//! cache folder (`.pamphlet-cache/report/`), never into the published
//! website. `report: { publish: true }` in site.yaml publishes it at
//! `/_report/` instead (still linked from no page).

use crate::error::{Error, Result};
use crate::output::Output;
use std::path::{Path, PathBuf};

/// The private report's folder, relative to the site folder.
pub(crate) const FOLDER: &str = ".pamphlet-cache/report";

/// The folder of the published report inside the output.
pub(super) const PUBLISHED: &str = "_report";

/// Writes the report's files into [`FOLDER`]. Pamphlet owns that folder:
/// it only ever holds the report's own files (fixed names, replaced each
/// build). It must be a real folder: a link anywhere on the way (which a
/// contributed change could add to point the report at other files) is
/// refused, and each file is replaced by renaming a new file over it, which
/// replaces a link at that name instead of writing where it leads.
pub(crate) struct PrivateFolder {
    dir: PathBuf,
}

impl PrivateFolder {
    /// Makes sure `root/.pamphlet-cache/report/` is a real folder (creating
    /// it when missing) and returns a writer into it.
    pub(crate) fn open(root: &Path) -> Result<PrivateFolder> {
        let mut dir = root.to_path_buf();
        for part in Path::new(FOLDER).components() {
            dir.push(part);
            match std::fs::symlink_metadata(&dir) {
                Ok(meta) if meta.is_dir() => {}
                Ok(_) => {
                    return Err(Error::Usage(format!(
                        "`{}` is not a folder (it is a file or a link); the editorial report is written there: delete it and build again",
                        dir.display()
                    )));
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    std::fs::create_dir(&dir).map_err(|e| Error::io(&dir, e))?;
                }
                Err(e) => return Err(Error::io(&dir, e)),
            }
        }
        Ok(PrivateFolder { dir })
    }

    /// The folder the report is written into.
    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Output for PrivateFolder {
    fn write(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        // The report names its files `_report/<name>`: only the name is kept.
        let name = path
            .strip_prefix(PUBLISHED)
            .ok()
            .filter(|rest| rest.components().count() == 1)
            .ok_or_else(|| Error::Usage(format!("`{}` is not a report file", path.display())))?;
        let target = self.dir.join(name);
        let temporary = self.dir.join(format!(".{}.new", name.to_string_lossy()));
        // A leftover of an interrupted build (or anything else at that name,
        // a link included) is removed, never followed.
        match std::fs::remove_file(&temporary) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&temporary, e)),
        }
        {
            use std::io::Write;
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&temporary)
                .map_err(|e| Error::io(&temporary, e))?;
            file.write_all(bytes)
                .map_err(|e| Error::io(&temporary, e))?;
        }
        std::fs::rename(&temporary, &target).map_err(|e| Error::io(&target, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_land_in_the_private_folder_and_replace_what_was_there() {
        let dir = tempfile::tempdir().unwrap();
        let folder = PrivateFolder::open(dir.path()).unwrap();
        folder
            .write(Path::new("_report/index.html"), b"one")
            .unwrap();
        folder
            .write(Path::new("_report/index.html"), b"two")
            .unwrap();
        let written = dir.path().join(FOLDER).join("index.html");
        assert_eq!(std::fs::read(&written).unwrap(), b"two");
        assert!(folder.write(Path::new("index.html"), b"x").is_err());
        assert!(folder.write(Path::new("_report/a/b.html"), b"x").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_on_the_way_is_refused_and_a_link_at_a_file_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::os::unix::fs::symlink(elsewhere.path(), root.join(".pamphlet-cache")).unwrap();
        assert!(PrivateFolder::open(root).is_err());
        std::fs::remove_file(root.join(".pamphlet-cache")).unwrap();

        std::fs::create_dir(root.join(".pamphlet-cache")).unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), root.join(FOLDER)).unwrap();
        assert!(PrivateFolder::open(root).is_err());
        std::fs::remove_file(root.join(FOLDER)).unwrap();

        // A link where a report file goes is replaced, not written through.
        let victim = elsewhere.path().join("keep.txt");
        std::fs::write(&victim, "precious").unwrap();
        std::fs::create_dir(root.join(FOLDER)).unwrap();
        std::os::unix::fs::symlink(&victim, root.join(FOLDER).join("report.json")).unwrap();
        std::os::unix::fs::symlink(&victim, root.join(FOLDER).join(".report.json.new")).unwrap();
        let folder = PrivateFolder::open(root).unwrap();
        folder
            .write(Path::new("_report/report.json"), b"{}")
            .unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        let written = root.join(FOLDER).join("report.json");
        assert!(!written.symlink_metadata().unwrap().is_symlink());
        assert_eq!(std::fs::read(&written).unwrap(), b"{}");
    }
}
