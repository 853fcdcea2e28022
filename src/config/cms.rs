//! `cms:`: the web editor `pamphlet cms` sets up at `/admin/` (Decap CMS,
//! or Sveltia CMS, which reads the same configuration).

use serde::Deserialize;

/// Where the admin page loads the CMS from, unless site.yaml says otherwise:
/// a copy on the site itself, never a third-party host.
pub const DEFAULT_SCRIPT: &str = "/admin/decap-cms.js";

/// `cms:` as written.
#[derive(Debug, Clone, Deserialize, Default, PartialEq, Eq, schemars::JsonSchema)]
#[serde(default)]
pub struct CmsConfig {
    /// The CMS script the admin page loads, a path on this site (default
    /// `/admin/decap-cms.js`: put the files of `dist/` of the npm package
    /// `decap-cms` in `static/admin/`, docs/cms.md step 2).
    pub script: Option<String>,
    /// Where the CMS saves: the Decap backend name (default `git-gateway`;
    /// `github`, `gitlab`, `gitea` need `repo`).
    pub backend: Option<String>,
    /// The repository, `owner/name`, for the `github`, `gitlab` and `gitea` backends.
    pub repo: Option<String>,
    /// The branch the CMS commits to (default `main`).
    pub branch: Option<String>,
    /// The Netlify site whose GitHub or GitLab sign-in the editor uses, when
    /// the site itself is not on Netlify (e.g. `clinic-sign-in.netlify.app`
    /// for a site on GitHub Pages).
    pub site_domain: Option<String>,
    /// `true`: let the CMS talk to `npx decap-server` on this computer, to try it
    /// without a login.
    pub local_backend: bool,
}

impl CmsConfig {
    /// The hosts the editor's page talks to besides the site itself: the
    /// backend's API (git-gateway is the site's own `/.netlify/` address)
    /// and, with `local_backend`, `decap-server` on this computer. The
    /// `_headers` policy of `/admin/` allows these and no other.
    pub fn connect_sources(&self) -> Vec<&'static str> {
        let mut sources = match self.backend.as_deref().map(str::trim) {
            Some("github") => vec!["https://api.github.com"],
            Some("gitlab") => vec!["https://gitlab.com"],
            Some("bitbucket") => vec!["https://api.bitbucket.org"],
            _ => Vec::new(),
        };
        if self.local_backend {
            sources.push("http://localhost:8081");
        }
        sources
    }

    /// The script's address as site.yaml gives it, else [`DEFAULT_SCRIPT`].
    pub fn script(&self) -> &str {
        self.script
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .unwrap_or(DEFAULT_SCRIPT)
    }
}
