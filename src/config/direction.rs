//! Writing direction of a language: what site.yaml may say, and the usual
//! direction of a language tag when it says nothing.

use serde::Deserialize;

/// Writing direction of a language.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }

    /// The usual direction of a language tag's script.
    pub fn of_language(code: &str) -> Direction {
        const RTL: &[&str] = &[
            "ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku-Arab", "ps", "sd", "ug", "ur", "yi",
        ];
        let primary = code.split(['-', '_']).next().unwrap_or(code);
        if RTL.contains(&code)
            || RTL.contains(&primary)
            || code.ends_with("-Arab")
            || code.ends_with("-Hebr")
        {
            Direction::Rtl
        } else {
            Direction::Ltr
        }
    }
}
