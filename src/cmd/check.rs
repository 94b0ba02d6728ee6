//! `gongkai check`: the build without the writing.

use crate::cli::SiteArgs;
use crate::pipeline::{build, Inputs};
use anyhow::Result;
use std::process::ExitCode;

pub fn execute(args: SiteArgs) -> Result<ExitCode> {
    let inputs = Inputs::from_args(&args);
    match build(&inputs) {
        Ok(built) => {
            built.print_warnings();
            let files = built.files;
            let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
            eprintln!(
                "check: {} is valid; {pages} pages, every internal link resolves",
                inputs.content.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(f) => {
            eprintln!("{f}");
            Ok(ExitCode::from(1))
        }
    }
}
