//! Reading the files that are not pages: people profiles (`data/people/`),
//! the status board (`data/status.yaml`) and live-update entries.
//!
//! Like front matter, these are read and checked before the site model is
//! assembled; the model holds what they say, the stages show it.

pub(crate) mod people;
pub(crate) mod status;
pub(crate) mod updates;

use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::discover::Discovered;
use std::sync::Arc;

/// What the data files say, read once discovery has found them. They
/// change only when discovery runs again (the live preview starts over
/// when anything under `data/` changes).
#[derive(Debug, Default, Clone)]
pub struct Records {
    /// Live-update entries, in path order.
    pub updates: Vec<Arc<updates::Entry>>,
    /// The status board (`data/status.yaml`), when the site has one.
    pub status: Option<Arc<status::Board>>,
}

/// Reads the update entries discovery found and the status board.
pub(crate) fn read(config: &Config, discovered: &Discovered) -> (Records, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let updates = updates::read_all(
        &config.root,
        &config.timezone,
        &discovered.update_files,
        &mut diagnostics,
    );
    let status = status::read(config, &mut diagnostics).map(Arc::new);
    (Records { updates, status }, diagnostics)
}
