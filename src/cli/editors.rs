//! The command line of `pamphlet schema` (the editor schemas, made in
//! [`crate::schema`]).

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
