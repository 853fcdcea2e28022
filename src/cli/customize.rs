//! The command line of `pamphlet i18n add` and `pamphlet theme copy` (the
//! work itself is in [`crate::customize`]).

use crate::error::Result;
use clap::Subcommand;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What `pamphlet i18n` can do.
#[derive(Subcommand, Debug)]
pub enum I18nCommand {
    /// Write the theme's interface texts ("Skip to main content",
    /// "References"...) into i18n/<lang>.yaml, in English, ready to
    /// translate, with a note saying where each one shows. If the file
    /// exists, only the texts it lacks are added at its end.
    ///
    /// Example: pamphlet i18n add so
    Add {
        /// The language code, as under `languages:` in site.yaml (e.g. so, ps, ht).
        language: String,
        /// The site folder (the one with site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

/// What `pamphlet theme` can do.
#[derive(Subcommand, Debug)]
pub enum ThemeCommand {
    /// Copy one of the theme's templates into the site's templates/ folder
    /// to change it there; the site's copy is used instead of the theme's.
    /// Never replaces a file that exists.
    ///
    /// Example: pamphlet theme copy partials/review.html
    Copy {
        /// The template, e.g. article.html or partials/review.html.
        template: String,
        /// The site folder (the one with site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

/// Loads the site's settings and theme; `None` (with the problems printed)
/// when site.yaml cannot be used.
fn site(root: &Path) -> Result<Option<(crate::config::Config, crate::theme::Theme)>> {
    let Some(config) = super::usable_config(root)? else {
        return Ok(None);
    };
    let (theme, _) = crate::theme::load(&config)?;
    Ok(Some((config, theme)))
}

pub(super) fn i18n(command: I18nCommand) -> Result<ExitCode> {
    let I18nCommand::Add { language, root } = command;
    let Some((config, theme)) = site(&root)? else {
        return Ok(ExitCode::from(1));
    };
    let added = crate::customize::add_language(&config, &theme, &language)?;
    let file = added.file.display();
    match (added.texts, added.appended) {
        (0, _) => eprintln!("`{language}` already has every interface text; nothing was written."),
        (n, false) => eprintln!("Wrote {n} interface texts to translate into {file}."),
        (n, true) => eprintln!("Added {n} interface texts to translate at the end of {file}."),
    }
    if config.language(&language).is_none() {
        eprintln!(
            "`{language}` is not in site.yaml yet: add `{language}: {{ name: … }}` under `languages:` to publish it."
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn theme(command: ThemeCommand) -> Result<ExitCode> {
    let ThemeCommand::Copy { template, root } = command;
    let Some((config, theme)) = site(&root)? else {
        return Ok(ExitCode::from(1));
    };
    let file = crate::customize::copy_template(&config, &theme, &template)?;
    eprintln!(
        "Copied the theme's {template} to {}: edit it there; the site now uses its own copy.",
        file.display()
    );
    Ok(ExitCode::SUCCESS)
}
