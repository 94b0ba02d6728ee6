//! `gongkai import`: thin glue over `crate::import`.

use crate::cli::ImportArgs;
use anyhow::Result;
use std::process::ExitCode;

pub fn execute(args: ImportArgs) -> Result<ExitCode> {
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| args.content.join("plan"));
    let ok = crate::import::run(&crate::import::ImportArgs {
        seed: args.seed,
        content: args.content,
        out,
        force: args.force,
        diff: args.diff,
    })?;
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
