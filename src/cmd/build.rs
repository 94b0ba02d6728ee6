//! `gongkai build`: claim the output folder (see `write::claim_output`),
//! build into the staging folder beside it, then swap it in (see `write`).

use crate::cli::BuildArgs;
use crate::pipeline::{build, Inputs};
use crate::write::{claim_output, Refusal, Staging};
use anyhow::Result;
use std::process::ExitCode;

pub fn execute(args: BuildArgs) -> Result<ExitCode> {
    let mut inputs = Inputs::from_args(&args.site);
    inputs.features = args.features.features();
    let start = std::time::Instant::now();
    let staging =
        match claim_output(&args.out, &inputs.protected(), args.force).and_then(Staging::open) {
            Ok(s) => s,
            Err(e) => return refused(e),
        };
    match build(&inputs, &staging) {
        Ok(built) => {
            built.print_warnings();
            let commit = std::time::Instant::now();
            let written = match staging.commit() {
                Ok(w) => w,
                Err(e) => {
                    let code = refused(e)?;
                    eprintln!("nothing written: {} is unchanged", args.out.display());
                    return Ok(code);
                }
            };
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
            if written.foreign > 0 {
                eprintln!(
                    "kept {} file{} in {} that gongkai did not write",
                    written.foreign,
                    if written.foreign == 1 { "" } else { "s" },
                    crate::write::shown(&args.out),
                );
            }
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

/// A refused output folder is the user's to fix (exit 1); any other error
/// is an internal failure.
fn refused(e: anyhow::Error) -> Result<ExitCode> {
    match e.downcast::<Refusal>() {
        Ok(r) => {
            eprintln!("error: {r}");
            Ok(ExitCode::from(1))
        }
        Err(e) => Err(e),
    }
}
