//! The state the preview's HTTP handlers and its rebuild thread share: the
//! current [`Snapshot`] of what is served, why the latest rebuild failed,
//! and the [`LiveEvent`]s sent to open pages.

use crate::dates::Date;
use crate::diagnostics::Diagnostics;
use crate::output::Files;
use crate::pipeline::BuildOptions;
use crate::site::Site;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use tokio::sync::broadcast;

/// A message to every open page, sent as a Server-Sent Event named after
/// its `type`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(tag = "type", rename_all = "lowercase")]
pub(crate) enum LiveEvent {
    /// Reload the page (it changed, or the problems shown did).
    Reload {
        generation: u64,
        /// Pages rendered again (for the curious and the benchmark).
        pages: usize,
        milliseconds: u64,
    },
    /// Only stylesheets changed: fetch these again (URL paths), no reload.
    Css { generation: u64, paths: Vec<String> },
    /// The rebuild failed: show this overlay over the page.
    Failed { generation: u64, overlay: String },
}

impl LiveEvent {
    pub(super) fn name(&self) -> &'static str {
        match self {
            LiveEvent::Reload { .. } => "reload",
            LiveEvent::Css { .. } => "css",
            LiveEvent::Failed { .. } => "failed",
        }
    }
}

/// Why the latest rebuild was not published.
#[derive(Debug, Clone)]
pub(crate) enum Failure {
    /// Problems in the content (the diagnostics with errors).
    Content(Diagnostics),
    /// A problem outside the content: a broken template, an unreadable file.
    Fatal(String),
}

/// What is served right now. Replaced as a whole after each rebuild.
pub(crate) struct Snapshot {
    /// Counts the changes pages were told about; a page that was served an
    /// older generation reloads when it connects.
    pub generation: u64,
    /// The files of the last build without errors.
    pub files: Arc<Files>,
    /// The site as it is now, errors and all (`None` if it could not be read).
    pub site: Option<Arc<Site>>,
    /// Words of each page of `site`, by page id.
    pub word_counts: Arc<Vec<usize>>,
    /// By page id: the reading level in words, when measured.
    pub reading_levels: Arc<Vec<Option<String>>>,
    /// By page id: the care cards of the page's body.
    pub care_cards: Arc<Vec<Vec<crate::markdown::CareCard>>>,
    /// By page id: the image shared with the page, `(url, alt)`.
    pub share_images: Arc<Vec<Option<(String, String)>>>,
    /// Every diagnostic of the site as it is now.
    pub diagnostics: Arc<Diagnostics>,
    pub failure: Option<Failure>,
}

/// State shared by the HTTP handlers and the rebuild thread.
pub(crate) struct Shared {
    current: RwLock<Arc<Snapshot>>,
    pub events: broadcast::Sender<LiveEvent>,
    /// The site folder, with links resolved.
    pub root: PathBuf,
    /// `` or the sub-folder the site is served under (`/health`).
    pub base_path: String,
    pub today: Date,
    /// The host the site is published at (for share previews).
    pub published_host: String,
    pub verbose: bool,
}

impl Shared {
    pub(super) fn new(
        options: &BuildOptions,
        base_path: String,
        published_host: String,
        verbose: bool,
    ) -> Shared {
        let (events, _) = broadcast::channel(16);
        Shared {
            current: RwLock::new(Arc::new(Snapshot {
                generation: 0,
                files: Arc::default(),
                site: None,
                word_counts: Arc::default(),
                reading_levels: Arc::default(),
                care_cards: Arc::default(),
                share_images: Arc::default(),
                diagnostics: Arc::default(),
                failure: None,
            })),
            events,
            root: options.root.clone(),
            base_path,
            today: options.today,
            published_host,
            verbose,
        }
    }

    pub(super) fn snapshot(&self) -> Arc<Snapshot> {
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub(super) fn replace(&self, snapshot: Snapshot) {
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(snapshot);
    }
}
