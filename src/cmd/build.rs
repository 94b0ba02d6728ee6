//! `gongkai build`: build into a temporary folder, then swap it in.

use crate::cli::BuildArgs;
use crate::pipeline::{build, Inputs};
use anyhow::Result;
use std::process::ExitCode;

pub fn execute(args: BuildArgs) -> Result<ExitCode> {
    let inputs = Inputs::from_args(&args.site);
    let start = std::time::Instant::now();
    match build(&inputs) {
        Ok(built) => {
            built.print_warnings();
            let files = built.files;
            crate::write::write_site(&args.out, &files)?;
            eprintln!(
                "built {} files from {} into {} in {:.2} s",
                files.len(),
                inputs.content.display(),
                args.out.display(),
                start.elapsed().as_secs_f64()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(f) => {
            eprintln!("{f}");
            eprintln!("nothing written: {} is unchanged", args.out.display());
            Ok(ExitCode::from(1))
        }
    }
}
