//! `report:`: where the editorial report goes (privately into the cache
//! folder, or published with the site).

use serde::Deserialize;

/// `report:` in site.yaml.
#[derive(Debug, Clone, Copy, Deserialize, Default, PartialEq, Eq, schemars::JsonSchema)]
#[serde(default)]
pub struct ReportConfig {
    /// Publish the report with the website, at `/_report/`.
    pub publish: bool,
}
