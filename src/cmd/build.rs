//! `gongkai build`: build into the staging folder beside the output, then
//! swap it in (see `write`).

use crate::cli::BuildArgs;
use crate::pipeline::{build, Inputs};
use anyhow::Result;
use std::process::ExitCode;

pub fn execute(args: BuildArgs) -> Result<ExitCode> {
    let mut inputs = Inputs::from_args(&args.site);
    inputs.features = args.features.features();
    let start = std::time::Instant::now();
    let staging = crate::write::Staging::open(&args.out)?;
    match build(&inputs, &staging) {
        Ok(built) => {
            built.print_warnings();
            let commit = std::time::Instant::now();
            let written = staging.commit()?;
            if args.timings {
                eprintln!(
                    "{}",
                    built.timings_line(&[
                        ("write", written.busy),
                        ("swap", commit.elapsed()),
                        ("total", start.elapsed()),
                    ])
                );
            }
            eprintln!(
                "built {} files from {} into {} in {:.2} s ({} written, {} unchanged, {} removed)",
                built.files,
                inputs.content.display(),
                args.out.display(),
                start.elapsed().as_secs_f64(),
                written.written,
                written.kept,
                written.removed,
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(f) => {
            drop(staging);
            eprintln!("{f}");
            eprintln!("nothing written: {} is unchanged", args.out.display());
            Ok(ExitCode::from(1))
        }
    }
}
