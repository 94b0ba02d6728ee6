//! gongkai: parse the command line, dispatch to one subcommand, map the
//! outcome to an exit status (0 success, 1 problems in the user's files or a
//! failed build, 2 internal failure).

mod cli;
mod cmd;
mod diagnostics;
mod import;
mod load;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let result = match cli.command {
        cli::Command::Import(a) => cmd::import::execute(a),
        _ => todo!(),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
