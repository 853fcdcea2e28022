//! The fonts share cards are drawn with.
//!
//! The theme's fonts (Atkinson Hyperlegible for Latin, Noto Sans Arabic) are
//! compiled into the binary, so a card looks the same on every machine. A
//! site adds fonts for other scripts by putting `.ttf`/`.otf` files in its
//! `fonts/` folder. Only when a card needs a character none of those fonts
//! has are the machine's own fonts loaded as a last resort (CJK fonts are
//! too large to bundle); the cache key then records which ones were there.

use resvg::usvg::fontdb;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

/// Fonts compiled into the binary: (file name, bytes).
const BUNDLED: &[(&str, &[u8])] = &[
    (
        "AtkinsonHyperlegible-Regular.ttf",
        include_bytes!("../../../themes/default/fonts/AtkinsonHyperlegible-Regular.ttf"),
    ),
    (
        "AtkinsonHyperlegible-Bold.ttf",
        include_bytes!("../../../themes/default/fonts/AtkinsonHyperlegible-Bold.ttf"),
    ),
    (
        "NotoSansArabic-Regular.ttf",
        include_bytes!("../../../themes/default/fonts/NotoSansArabic-Regular.ttf"),
    ),
    (
        "NotoSansArabic-Bold.ttf",
        include_bytes!("../../../themes/default/fonts/NotoSansArabic-Bold.ttf"),
    ),
];

/// The family cards use for Latin and most other text.
pub const LATIN_FAMILY: &str = "Atkinson Hyperlegible";
/// The family cards use for Arabic-script text.
pub const ARABIC_FAMILY: &str = "Noto Sans Arabic";

/// The site's font folder, relative to its root.
pub const SITE_FONTS_DIR: &str = "fonts";

/// A font database ready for usvg, and a fingerprint of what is in it.
#[derive(Clone)]
pub struct FontSet {
    pub db: Arc<fontdb::Database>,
    /// Changes whenever a font that could change a card changes.
    pub fingerprint: String,
    /// Family names of the site's own fonts, in file order.
    pub site_families: Vec<String>,
    /// True when the machine's fonts were loaded as a fallback.
    pub uses_system_fonts: bool,
}

impl FontSet {
    /// Bundled fonts plus the site's `fonts/` folder. `needed` holds every
    /// character the cards will draw: if some are in none of these fonts,
    /// the machine's fonts are added.
    /// A link in `fonts/` that leaves the site is an error in `diagnostics`.
    pub fn load(
        boundary: &crate::boundary::Boundary,
        needed: &BTreeSet<char>,
        diagnostics: &mut crate::diagnostics::Diagnostics,
    ) -> FontSet {
        let mut db = fontdb::Database::new();
        let mut hasher = blake3::Hasher::new();
        for (name, bytes) in BUNDLED {
            hasher.update(name.as_bytes());
            db.load_font_data(bytes.to_vec());
        }
        let bundled_faces = db.len();
        let dir = boundary.root().join(SITE_FONTS_DIR);
        let mut files: Vec<_> =
            crate::discover::files_under(boundary, Path::new(SITE_FONTS_DIR), diagnostics)
                .into_iter()
                .filter(|p| {
                    p.extension().is_some_and(|e| {
                        matches!(
                            e.to_string_lossy().to_ascii_lowercase().as_str(),
                            "ttf" | "otf" | "ttc" | "otc"
                        )
                    })
                })
                .collect();
        files.sort();
        for rel in &files {
            let Ok(bytes) = std::fs::read(dir.join(rel)) else {
                continue;
            };
            hasher.update(rel.to_string_lossy().as_bytes());
            hasher.update(blake3::hash(&bytes).as_bytes());
            db.load_font_data(bytes);
        }
        let site_families = family_names(&db, bundled_faces);
        let mut set = FontSet {
            fingerprint: String::new(),
            db: Arc::new(db),
            site_families,
            uses_system_fonts: false,
        };
        if !set.missing(needed).is_empty() {
            let mut db = (*set.db).clone();
            let before = db.len();
            db.load_system_fonts();
            let mut system: Vec<String> = db
                .faces()
                .skip(before)
                .map(|f| format!("{:?}:{}:{}", f.source_path(), f.index, f.post_script_name))
                .collect();
            system.sort();
            for face in &system {
                hasher.update(face.as_bytes());
            }
            set.db = Arc::new(db);
            set.uses_system_fonts = true;
        }
        set.fingerprint = hasher.finalize().to_hex().to_string();
        set
    }

    /// Characters of `chars` that no loaded font can draw.
    pub fn missing(&self, chars: &BTreeSet<char>) -> BTreeSet<char> {
        use skrifa::MetadataProvider;
        let mut left: BTreeSet<char> = chars.iter().copied().filter(|&c| needs_glyph(c)).collect();
        for face in self.db.faces() {
            if left.is_empty() {
                break;
            }
            self.db.with_face_data(face.id, |data, index| {
                if let Ok(font) = skrifa::FontRef::from_index(data, index) {
                    let charmap = font.charmap();
                    left.retain(|&c| charmap.map(c).is_none());
                }
            });
        }
        left
    }

    /// The `font-family` list for text in a language: its script's font first.
    pub fn family_list(&self, rtl: bool) -> String {
        let mut families: Vec<&str> = if rtl {
            vec![ARABIC_FAMILY, LATIN_FAMILY]
        } else {
            vec![LATIN_FAMILY, ARABIC_FAMILY]
        };
        families.extend(self.site_families.iter().map(String::as_str));
        families
            .iter()
            .map(|f| format!("'{}'", f.replace(['\'', '"', '<', '>', '&'], "")))
            .chain(std::iter::once("sans-serif".to_string()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

trait SourcePath {
    fn source_path(&self) -> Option<&Path>;
}

impl SourcePath for fontdb::FaceInfo {
    fn source_path(&self) -> Option<&Path> {
        match &self.source {
            fontdb::Source::File(path) => Some(path),
            _ => None,
        }
    }
}

/// Whitespace and invisible formatting characters need no glyph.
fn needs_glyph(c: char) -> bool {
    !(c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'))
}

/// Family names of the faces from index `from` on, first occurrence order.
fn family_names(db: &fontdb::Database, from: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for face in db.faces().skip(from) {
        if let Some((name, _)) = face.families.first()
            && !out.contains(name)
        {
            out.push(name.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_fonts_cover_latin_and_arabic() {
        let dir = tempfile::tempdir().unwrap();
        let needed: BTreeSet<char> = "Salud ضغط الدم é".chars().collect();
        let set = FontSet::load(
            &crate::boundary::Boundary::new(dir.path()),
            &needed,
            &mut Default::default(),
        );
        assert!(set.missing(&needed).is_empty());
        assert!(!set.uses_system_fonts);
        let families: Vec<_> = set
            .db
            .faces()
            .filter_map(|f| f.families.first().map(|f| f.0.clone()))
            .collect();
        assert!(families.contains(&LATIN_FAMILY.to_string()), "{families:?}");
        assert!(
            families.contains(&ARABIC_FAMILY.to_string()),
            "{families:?}"
        );
        assert!(set.family_list(true).starts_with("'Noto Sans Arabic'"));
    }

    #[test]
    fn site_fonts_change_the_fingerprint() {
        let dir = tempfile::tempdir().unwrap();
        let none = BTreeSet::new();
        let before = FontSet::load(
            &crate::boundary::Boundary::new(dir.path()),
            &none,
            &mut Default::default(),
        )
        .fingerprint;
        std::fs::create_dir(dir.path().join("fonts")).unwrap();
        std::fs::write(dir.path().join("fonts/Extra.ttf"), BUNDLED[0].1).unwrap();
        let after = FontSet::load(
            &crate::boundary::Boundary::new(dir.path()),
            &none,
            &mut Default::default(),
        );
        assert_ne!(before, after.fingerprint);
        assert_eq!(after.site_families, [LATIN_FAMILY]);
    }
}
