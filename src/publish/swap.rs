//! The two moves that publish a build (the old output aside, the new one
//! in), with a way for tests to make either fail: no file system offers a
//! portable way to make a rename fail for a process running as root.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A move of [`super::Staging::commit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The current output renamed to `.public.pamphlet-old-<pid>`.
    MoveOldAside,
    /// The staging folder renamed to the output.
    MoveNewIn,
}

/// Failures tests asked for: (resolved output folder, step). Each fires once.
static FAULTS: Mutex<Vec<(PathBuf, Step)>> = Mutex::new(Vec::new());

/// Makes the next `step` of a build into `target` (as [`super::resolve`]
/// gives it) fail. For tests only.
#[doc(hidden)]
pub fn fail_next(target: &Path, step: Step) {
    FAULTS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push((target.to_path_buf(), step));
}

/// `std::fs::rename`, unless a test asked this step to fail.
pub(super) fn rename(from: &Path, to: &Path, step: Step) -> io::Result<()> {
    let target = if step == Step::MoveOldAside { from } else { to };
    {
        let mut faults = FAULTS.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(i) = faults.iter().position(|(t, s)| t == target && *s == step) {
            faults.remove(i);
            return Err(io::Error::other(format!(
                "{step:?} failed (a test asked for it)"
            )));
        }
    }
    std::fs::rename(from, to)
}
