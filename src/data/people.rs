//! People profiles: the optional `data/people/<id>.yaml` files that
//! reviewers and authors in front matter name by `id:`.
//!
//! [`load`] reads and checks the profiles (with the theme, before any page).
//! Joining them to the pages is the site model's work
//! ([`crate::site::people`]); the people pages are the `people` stage's.

use crate::diagnostics::{Diagnostic, Diagnostics, Position, codes, suggest};
use crate::localized::Localized;
use crate::yaml::{self, Segment};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where profiles live, relative to the site root.
pub(crate) const FOLDER: &str = "data/people";

/// File types a profile `photo` may be.
const PHOTO_TYPES: [&str; 7] = ["jpg", "jpeg", "png", "webp", "gif", "avif", "svg"];

/// A profile as written. Its doc comments are the descriptions editors
/// show (`crate::schema`), so they speak to authors.
#[derive(Debug, Clone, Deserialize, Default, schemars::JsonSchema)]
#[serde(default)]
#[schemars(extend("required" = ["name"], "dependentRequired" = { "photo": ["photo_alt"] }))]
struct RawProfile {
    /// Their full name, e.g. `Dr. Ana Ruiz`.
    name: Option<String>,
    /// Their credentials, e.g. `MD`: one text, or one per language code.
    credentials: Option<Localized>,
    /// Their role, e.g. `{ en: Cardiologist, es: Cardióloga }`.
    role: Option<Localized>,
    /// A short biography (Markdown paragraphs), one text or one per language code.
    bio: Option<Localized>,
    /// A photo beside this file, e.g. `ana-ruiz.jpg`.
    photo: Option<String>,
    /// What the photo shows, for people who cannot see it (required with `photo`).
    photo_alt: Option<Localized>,
    /// Where they work or belong.
    affiliations: Vec<Localized>,
    /// Interests that could bias their review, or `None.`
    conflicts_of_interest: Option<Localized>,
    /// Pages about them elsewhere (a professional register, their clinic).
    links: Vec<RawLink>,
}

/// A profile link as written.
#[derive(Debug, Clone, Deserialize, Default, schemars::JsonSchema)]
#[serde(default)]
#[schemars(extend("required" = ["url"]))]
struct RawLink {
    /// The link's text, one or one per language code.
    title: Option<Localized>,
    /// The address, starting with `https://`.
    url: String,
}

/// The editor schema of a profile file (`pamphlet schema person`).
pub(crate) fn schema(generator: schemars::SchemaGenerator) -> schemars::Schema {
    generator.into_root_schema_for::<RawProfile>()
}

/// The field names a profile (`""`) and a profile link (`"links"`) take.
pub(crate) fn known_fields(parent: &str) -> &'static [&'static str] {
    match parent {
        "links" => suggest::fields_of::<RawLink>(),
        _ => suggest::fields_of::<RawProfile>(),
    }
}

/// A profile's photo.
#[derive(Debug, Clone, PartialEq)]
pub struct Photo {
    /// Relative to the site root (`data/people/ana-ruiz.jpg`).
    pub source: PathBuf,
    /// Relative to `data/people/` (`ana-ruiz.jpg`): published under `/people/`.
    pub rel: String,
    pub alt: Localized,
}

/// A link about the person (a professional register, a clinic page).
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// The link's text; the address is shown when there is none.
    pub title: Option<Localized>,
    /// Starts with `https://` or `http://`.
    pub url: String,
}

/// One checked profile.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// The file name without `.yaml`: what front matter writes as `id:`.
    pub id: String,
    /// Relative to the site root.
    pub file: PathBuf,
    pub name: String,
    pub credentials: Option<Localized>,
    /// Profession or role ("Family doctor"), as `role:` in front matter.
    pub role: Option<Localized>,
    /// Plain text; a blank line starts a new paragraph.
    pub bio: Option<Localized>,
    pub photo: Option<Photo>,
    pub affiliations: Vec<Localized>,
    pub conflicts_of_interest: Option<Localized>,
    pub links: Vec<Link>,
}

/// Every profile of the site, by id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct People {
    pub profiles: BTreeMap<String, Profile>,
}

impl People {
    pub fn get(&self, id: &str) -> Option<&Profile> {
        self.profiles.get(id)
    }
}

/// Reads every `data/people/*.yaml` under `root`. Only a profile that
/// cannot be read at all (broken YAML, a file name that is not an id) is
/// left out; every problem is reported.
pub(crate) fn load(boundary: &crate::boundary::Boundary) -> (People, Diagnostics) {
    let root = boundary.root();
    let mut people = People::default();
    let mut diagnostics = Diagnostics::new();
    let dir = root.join(FOLDER);
    // Through the boundary: a profile or photo linked from outside the
    // site is an error, never read.
    let files: Vec<PathBuf> =
        crate::discover::files_under(boundary, Path::new(FOLDER), &mut diagnostics)
            .into_iter()
            .filter(|p| {
                p.components().count() == 1
                    && p.extension().is_some_and(|e| e == "yaml" || e == "yml")
            })
            .map(|p| dir.join(p))
            .collect();
    for path in files {
        let file = Path::new(FOLDER).join(path.file_name().unwrap_or_default());
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                diagnostics.push(Diagnostic::error(
                    codes::CONTENT_UNREADABLE,
                    &file,
                    Position::start(),
                    format!("`{}` could not be read: {e}", file.display()),
                ));
                continue;
            }
        };
        let mut controls = Vec::new();
        crate::bidi_controls::report(&text, 1, &file, &mut controls);
        diagnostics.extend(controls);
        // A profile with a wrong value stays (its problem fails the build
        // anyway), so articles naming it are not also told it is unknown.
        if let Some(profile) = check(boundary, &file, &text, &mut diagnostics) {
            people.profiles.insert(profile.id.clone(), profile);
        }
    }
    (people, diagnostics)
}

/// Checks one profile file's text. `file` is relative to the root.
pub(crate) fn check(
    boundary: &crate::boundary::Boundary,
    file: &Path,
    text: &str,
    diagnostics: &mut Diagnostics,
) -> Option<Profile> {
    let id = profile_id(file, diagnostics)?;
    let raw = parse_raw(file, text, diagnostics)?;
    let name = raw.name.as_deref().map(str::trim).unwrap_or_default();
    if name.is_empty() {
        diagnostics.push(invalid(
            file,
            Position::start(),
            "the profile has no `name`".to_string(),
            "add a line like `name: Dr. Ana Ruiz`",
        ));
    }
    let name = name.to_string();
    let photo = check_photo(boundary, file, text, &raw, diagnostics);
    let links = check_links(file, text, raw.links, diagnostics);
    let keep = |l: Option<Localized>| l.filter(|t| !t.is_blank());
    Some(Profile {
        id: id.clone(),
        file: file.to_path_buf(),
        // A missing name is reported above; the id stands in for it.
        name: if name.is_empty() { id.clone() } else { name },
        credentials: keep(raw.credentials),
        role: keep(raw.role),
        bio: keep(raw.bio),
        photo,
        affiliations: raw
            .affiliations
            .into_iter()
            .filter(|a| !a.is_blank())
            .collect(),
        conflicts_of_interest: keep(raw.conflicts_of_interest),
        links,
    })
}

/// A profile problem in a value the author wrote.
fn invalid(file: &Path, position: Position, message: String, hint: &str) -> Diagnostic {
    Diagnostic::error(codes::PERSON_INVALID_VALUE, file, position, message).with_hint(hint)
}

/// Where the value at `path` is written, or the file's start.
fn at(text: &str, path: &[Segment]) -> Position {
    yaml::locate(text, path).unwrap_or_else(Position::start)
}

fn key(name: &str) -> Segment {
    Segment::Key(name.to_string())
}

/// The id the file name gives, when it is one front matter can write.
fn profile_id(file: &Path, diagnostics: &mut Diagnostics) -> Option<String> {
    let id = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let slug = crate::slug::slugify(&id);
    if id.is_empty() || slug != id {
        diagnostics.push(invalid(
            file,
            Position::start(),
            format!("the file name `{id}` cannot be a profile id"),
            &format!(
                "rename the file to `{}.yaml`: lower case letters, digits, `-` and `_`",
                if slug.is_empty() { "first-last" } else { &slug }
            ),
        ));
        return None;
    }
    Some(id)
}

/// Parses the YAML, warning about every field a profile does not have.
fn parse_raw(file: &Path, text: &str, diagnostics: &mut Diagnostics) -> Option<RawProfile> {
    let (raw, unknown) = match yaml::parse::<RawProfile>(text) {
        Ok(parsed) => parsed,
        Err(e) => {
            let hint = e.hint.unwrap_or_else(|| {
                "values containing `: ` need quotes; texts per language are written `{ en: …, es: … }`".to_string()
            });
            diagnostics.push(invalid(file, e.position, e.message, &hint));
            return None;
        }
    };
    for key in &unknown {
        let known = known_fields(key.parent_key());
        diagnostics.push(
            Diagnostic::warning(
                codes::PERSON_UNKNOWN_FIELD,
                file,
                key.position,
                format!("unknown profile field `{}`", key.dotted()),
            )
            .maybe_hint(suggest::did_you_mean(key.name(), known.iter().copied())),
        );
    }
    Some(raw)
}

/// The photo, when it is an image beside the profile and has its alt text.
fn check_photo(
    boundary: &crate::boundary::Boundary,
    file: &Path,
    text: &str,
    raw: &RawProfile,
    diagnostics: &mut Diagnostics,
) -> Option<Photo> {
    let rel = raw
        .photo
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())?;
    let position = at(text, &[key("photo")]);
    let alt = raw.photo_alt.clone().filter(|a| !a.is_blank());
    if alt.is_none() {
        diagnostics.push(
            Diagnostic::error(
                codes::PERSON_PHOTO_ALT,
                file,
                position,
                "the `photo` has no `photo_alt` text",
            )
            .with_hint("add `photo_alt:` describing the photo for people who cannot see it"),
        );
    }
    let source =
        crate::discover::normalize(&Path::new(FOLDER).join(rel)).filter(|s| s.starts_with(FOLDER));
    let is_image = Path::new(rel)
        .extension()
        .is_some_and(|e| PHOTO_TYPES.contains(&e.to_string_lossy().to_lowercase().as_str()));
    let found = source
        .as_ref()
        .map(|source| boundary.resolve(Path::new(""), source));
    match source {
        // A photo linked from outside the site: reading `data/people/`
        // reported the link already; one mistake, one error.
        Some(_) if matches!(found, Some(Err(crate::boundary::Refused::Outside(_)))) => None,
        Some(source) if is_image && matches!(found, Some(Ok(_))) => Some(Photo {
            rel: source
                .strip_prefix(FOLDER)
                .unwrap_or(&source)
                .to_string_lossy()
                .replace('\\', "/"),
            source,
            alt: alt?,
        }),
        Some(_) if is_image => {
            diagnostics.push(
                Diagnostic::error(
                    codes::IMAGE_MISSING,
                    file,
                    position,
                    format!("the photo `{rel}` does not exist"),
                )
                .with_hint(
                    "put the photo beside the profile, in `data/people/`, and write its file name",
                ),
            );
            None
        }
        _ => {
            diagnostics.push(invalid(
                file,
                position,
                format!("`{rel}` is not a photo beside the profile"),
                "use a JPEG, PNG, WebP, GIF, AVIF or SVG file in `data/people/`, e.g. `photo: ana-ruiz.jpg`",
            ));
            None
        }
    }
}

/// The links that are web addresses; every other one is reported.
fn check_links(
    file: &Path,
    text: &str,
    raw: Vec<RawLink>,
    diagnostics: &mut Diagnostics,
) -> Vec<Link> {
    let mut links = Vec::new();
    for (i, link) in raw.into_iter().enumerate() {
        let url = link.url.trim().to_string();
        let web = url::Url::parse(&url)
            .ok()
            .is_some_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
        let position = at(text, &[key("links"), Segment::Index(i), key("url")]);
        if let Err(refused) = crate::schemes::Policy::default().check(&url) {
            diagnostics.push(
                Diagnostic::error(
                    codes::URL_SCHEME_NOT_ALLOWED,
                    file,
                    position,
                    refused.message("this link"),
                )
                .with_hint("write the full address, starting with https://"),
            );
        } else if web {
            links.push(Link {
                title: link.title.filter(|t| !t.is_blank()),
                url,
            });
        } else {
            diagnostics.push(invalid(
                file,
                position,
                format!("`{url}` is not a web address"),
                "write the full address, starting with https://",
            ));
        }
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_text(name: &str, text: &str) -> (Option<Profile>, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(FOLDER)).unwrap();
        std::fs::write(dir.path().join(FOLDER).join("ana.jpg"), b"x").unwrap();
        let mut diagnostics = Diagnostics::new();
        let file = Path::new(FOLDER).join(name);
        let profile = check(
            &crate::boundary::Boundary::new(dir.path()),
            &file,
            text,
            &mut diagnostics,
        );
        let found = diagnostics
            .iter()
            .map(|d| {
                format!(
                    "{} {}:{} {}{}",
                    d.code,
                    d.position.line,
                    d.position.column,
                    d.message,
                    d.hint
                        .as_ref()
                        .map(|h| format!(" ({h})"))
                        .unwrap_or_default()
                )
            })
            .collect();
        (profile, found)
    }

    #[test]
    fn reads_a_full_profile() {
        let (profile, found) = check_text(
            "ana-ruiz.yaml",
            "name: Dr. Ana Ruiz\ncredentials: MD\nrole: { en: Cardiologist, es: Cardióloga }\nbio: |\n  First.\n\n  Second.\nphoto: ana.jpg\nphoto_alt: Ana smiling\naffiliations: [Riverside Clinic]\nconflicts_of_interest: None.\nlinks:\n  - { title: Register, url: \"https://register.example.org/123\" }\n",
        );
        assert!(found.is_empty(), "{found:?}");
        let p = profile.unwrap();
        assert_eq!(
            (p.id.as_str(), p.name.as_str()),
            ("ana-ruiz", "Dr. Ana Ruiz")
        );
        assert_eq!(p.role.unwrap().text("es", "en"), Some("Cardióloga"));
        let photo = p.photo.unwrap();
        assert_eq!(photo.source, Path::new("data/people/ana.jpg"));
        assert_eq!(photo.rel, "ana.jpg");
        assert_eq!(p.links[0].url, "https://register.example.org/123");
    }

    #[test]
    fn photo_without_alt_is_an_error_at_the_photo() {
        let (_, found) = check_text("ana.yaml", "name: Ana\nphoto: ana.jpg\n");
        assert_eq!(
            found,
            [
                "person/photo-alt 2:1 the `photo` has no `photo_alt` text (add `photo_alt:` describing the photo for people who cannot see it)"
            ]
        );
        let (_, found) = check_text("ana.yaml", "name: Ana\nphoto: gone.png\nphoto_alt: x\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].starts_with("image/missing 2:1"), "{found:?}");
        let (_, found) = check_text(
            "ana.yaml",
            "name: Ana\nphoto: ../../secret.jpg\nphoto_alt: x\n",
        );
        assert!(
            found[0].starts_with("person/invalid-value 2:1"),
            "{found:?}"
        );
    }

    #[test]
    fn unknown_fields_bad_links_names_and_ids() {
        let (profile, found) = check_text(
            "ana.yaml",
            "name: Ana\nbiography: x\nlinks:\n  - { titel: R, url: \"javascript:alert(1)\" }\n",
        );
        assert_eq!(
            found,
            [
                "person/unknown-field 2:1 unknown profile field `biography` (did you mean `bio`?)",
                "person/unknown-field 4:7 unknown profile field `links[0].titel` (did you mean `title`?)",
                "url/scheme-not-allowed 4:17 this link is a `javascript:` address, which would run code in the reader's browser (write the full address, starting with https://)",
            ]
        );
        assert!(profile.unwrap().links.is_empty());
        let (_, found) = check_text("Dr Ana.yaml", "name: Ana\n");
        assert_eq!(
            found,
            [
                "person/invalid-value 1:1 the file name `Dr Ana` cannot be a profile id (rename the file to `dr-ana.yaml`: lower case letters, digits, `-` and `_`)"
            ]
        );
        let (_, found) = check_text("ana.yaml", "credentials: MD\n");
        assert!(found[0].contains("has no `name`"), "{found:?}");
    }
}
