//! `gongkai import`: thin glue over `crate::import`.

use crate::cli::ImportArgs;
use anyhow::Result;
use std::process::ExitCode;

pub fn execute(args: ImportArgs) -> Result<ExitCode> {
    let ok = crate::import::run(&crate::import::ImportArgs {
        out: args.plan_dir(),
        seed: args.seed,
        content: args.content,
        force: args.force,
        diff: args.diff,
    })?;
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
