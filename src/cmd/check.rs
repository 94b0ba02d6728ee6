//! `gongkai check`: the build without the writing.

use crate::cli::SiteArgs;
use crate::pipeline::{build, BuildError};
use anyhow::Result;
use std::process::ExitCode;

pub fn execute(args: SiteArgs) -> Result<ExitCode> {
    let inputs = args.inputs();
    match build(&inputs, &crate::write::Discard) {
        Ok(built) => {
            built.print_warnings();
            let pages = built.pages;
            eprintln!(
                "check: {} is valid; {pages} pages, every internal link resolves",
                inputs.content.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(BuildError::Content(f)) => {
            eprintln!("{f}");
            Ok(ExitCode::from(1))
        }
        Err(BuildError::Internal(e)) => Err(e),
    }
}
