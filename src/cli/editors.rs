//! The command line of `pamphlet schema` and `pamphlet cms` (the editor
//! schemas and the web editor's configuration, made in [`crate::schema`]
//! and [`crate::cms`]).

use crate::error::{Error, Result};
use crate::schema::{self, Kind};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct SchemaArgs {
    /// Which schema to print: front-matter, update, site, status or person.
    #[arg(value_enum, required_unless_present = "write")]
    pub kind: Option<Kind>,
    /// Write every schema into the site's schemas/ folder instead (files
    /// that already say the same are left as they are).
    #[arg(long, conflicts_with = "kind")]
    pub write: bool,
    /// The site folder (the one with site.yaml), for --write.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Args, Debug)]
pub struct CmsArgs {
    /// The site folder (the one with site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Replace static/admin/config.yml and index.html even if they were
    /// not written by `pamphlet cms` (hand edits there are lost).
    #[arg(long)]
    pub force: bool,
}

pub(super) fn cms(args: CmsArgs) -> Result<ExitCode> {
    let Some(config) = super::usable_config(&args.root)? else {
        return Ok(ExitCode::from(1));
    };
    let written = crate::cms::write(&config, args.force)?;
    for path in &written.files {
        eprintln!("Wrote {}.", path.display());
    }
    if written.files.is_empty() {
        eprintln!("static/admin/ is up to date.");
    }
    if let Some(script) = &written.missing_script {
        eprintln!(
            "The admin page loads {}, which the site does not have yet: copy decap-cms.js, the *.decap-cms.js files and the *.wasm files of dist/ in the npm package decap-cms (version 3.16.3) into {} (docs/cms.md, step 2).",
            config.cms.script(),
            script.parent().unwrap_or(script).display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn schema(args: SchemaArgs) -> Result<ExitCode> {
    if args.write {
        let written = schema::write_all(&args.root)?;
        let folder = args.root.join(schema::FOLDER);
        if written.is_empty() {
            eprintln!("The schemas in {} are up to date.", folder.display());
        } else {
            eprintln!("Wrote {} schemas into {}.", written.len(), folder.display());
        }
        eprintln!("docs/schemas.md says how to point your editor at them.");
        return Ok(ExitCode::SUCCESS);
    }
    let Some(kind) = args.kind else {
        return Err(Error::Usage(
            "name a schema (front-matter, update, site, status, person) or give --write".into(),
        ));
    };
    std::io::stdout()
        .write_all(schema::text(kind).as_bytes())
        .map_err(|e| Error::io("<stdout>", e))?;
    Ok(ExitCode::SUCCESS)
}
