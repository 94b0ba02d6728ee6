//! `gongkai scale N --out DIR`: write the synthetic plan of N tasks
//! (`synthetic.rs`) for the benchmark and print its content folder.

use crate::cli::ScaleArgs;
use anyhow::Result;
use std::process::ExitCode;

pub fn execute(args: ScaleArgs) -> Result<ExitCode> {
    let content = crate::synthetic::write_plan(&args.out, args.tasks)?;
    println!("{}", content.display());
    Ok(ExitCode::SUCCESS)
}
