//! The files and folders site.yaml names, which must stay inside the site folder.

use super::FILE_NAME;
use super::raw::RawConfig;
use crate::diagnostics::{Diagnostic, Diagnostics, Position, codes};
use std::path::Path;

/// The files and folders site.yaml names must be inside the site folder:
/// the theme (a folder name under `themes/`), the share-card cache and logo.
pub(super) fn site_paths(
    raw: &RawConfig,
    boundary: &crate::boundary::Boundary,
    locate: &dyn Fn(&[&str]) -> Position,
    diagnostics: &mut Diagnostics,
) {
    let file = Path::new(FILE_NAME);
    if let Some(theme) = &raw.theme {
        let mut parts = Path::new(theme).components();
        let plain = matches!(
            (parts.next(), parts.next()),
            (Some(std::path::Component::Normal(_)), None)
        );
        if !plain {
            diagnostics.push(
                Diagnostic::error(
                    codes::CONFIG_INVALID_VALUE,
                    file,
                    locate(&["theme"]),
                    format!("`theme: {theme}` is not the name of a folder in `themes/`"),
                )
                .with_hint(
                    "write only the theme's folder name, e.g. `theme: clinic` for `themes/clinic/`",
                ),
            );
        }
    }
    let share = &raw.social.share_images;
    let named = [
        (Some(&share.cache), ["social", "share_images", "cache"]),
        (share.logo.as_ref(), ["social", "share_images", "logo"]),
    ];
    for (path, key) in named {
        let Some(path) = path else { continue };
        let inside = crate::boundary::normalize(path).is_some_and(|rel| boundary.allows(&rel));
        if !inside {
            diagnostics.push(crate::boundary::outside_path(
                file,
                locate(&key),
                &path.display().to_string(),
            ));
        }
    }
}
