//! `gongkai build`: claim the output folder (see `write::claim_output`),
//! build into the staging folder beside it, then swap it in (see `write`).

use crate::cli::BuildArgs;
use crate::pipeline::{build, BuildError};
use crate::write::{claim_output, Refusal, Staging};
use anyhow::Result;
use std::process::ExitCode;

pub fn execute(args: BuildArgs) -> Result<ExitCode> {
    let inputs = args.inputs();
    let start = std::time::Instant::now();
    let staging =
        claim_output(&args.out, &inputs.protected(), args.force).and_then(Staging::open)?;
    let built = match build(&inputs, &staging) {
        Ok(built) => built,
        Err(BuildError::Content(f)) => {
            drop(staging);
            eprintln!("{f}");
            eprintln!("nothing written: {} is unchanged", args.out.display());
            return Ok(ExitCode::from(1));
        }
        Err(BuildError::Internal(e)) => return Err(e),
    };
    built.print_warnings();
    let commit = std::time::Instant::now();
    let written = match staging.commit() {
        Ok(w) => w,
        Err(e) => match e.downcast::<Refusal>() {
            // The folder changed hands during the build: the user's to sort out.
            Ok(r) => {
                eprintln!("error: {r}");
                eprintln!("nothing written: {} is unchanged", args.out.display());
                return Ok(ExitCode::from(1));
            }
            Err(e) => return Err(e),
        },
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
        "built {} files from {} into {} in {:.2} s ({} written, {} unchanged, {} removed; pages: {} made, {} as before{})",
        built.files,
        inputs.content.display(),
        args.out.display(),
        start.elapsed().as_secs_f64(),
        written.written,
        written.kept,
        written.removed,
        built.made,
        built.kept,
        if built.unchanged {
            ", no input changed"
        } else {
            ""
        },
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
