//! The audiences an article may be written for, and the words naming them.

/// Who an article is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    Patients,
    Caregivers,
    Clinicians,
    Public,
}

impl Audience {
    pub const NAMES: [&'static str; 4] = ["patients", "caregivers", "clinicians", "public"];

    pub(super) fn parse(text: &str) -> Option<Audience> {
        match text.trim().to_lowercase().as_str() {
            "patients" => Some(Audience::Patients),
            "caregivers" => Some(Audience::Caregivers),
            "clinicians" => Some(Audience::Clinicians),
            "public" => Some(Audience::Public),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// `audience:` in the editor schema: one of [`Audience::NAMES`].
pub(super) fn schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    crate::yaml::shapes::choice(&Audience::NAMES)
}
