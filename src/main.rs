//! gongkai: parse the command line, dispatch to one subcommand, map the
//! outcome to an exit status. The rule, for every command:
//!
//! - 0: success (warnings may have been printed).
//! - 1: the user's to fix. Problems in their files are diagnostics, all of
//!   them printed together (`file:line:column: error: …`, the line with a
//!   caret, `help:`); a command line that asks for what cannot be
//!   (`cli::Problem`) and an output folder that is not gongkai's
//!   (`write::Refusal`) are one `error:` line each. Nothing is written.
//! - 2: an internal failure: the disk, a library, a bug. It arrives here as
//!   an `anyhow` error with the path in its context and is printed as
//!   `error: …`. (clap's own usage errors exit 2 as well.)
//!
//! Commands print diagnostics themselves and return exit status 1; every
//! other error comes back here, to `cmd::exit_status`.

use clap::Parser;
use gongkai::{cli, cmd};
use std::process::ExitCode;

/// A build allocates and frees millions of small values from several
/// threads; mimalloc does that at about a third of glibc's cost here
/// (see bench/RESULTS.md).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let result = match cli.command {
        cli::Command::Build(a) => cmd::build::execute(a),
        cli::Command::Check(a) => cmd::check::execute(a),
        cli::Command::Serve(a) => cmd::serve::execute(a),
        cli::Command::Import(a) => cmd::import::execute(a),
        cli::Command::New(cli::NewCommand::Update(a)) => cmd::new::update(a),
        cli::Command::Snapshot(a) => cmd::snapshot::execute(a),
        cli::Command::Scale(a) => cmd::scale::execute(a),
        cli::Command::ExportSheet(a) => cmd::sheet::export(a),
        cli::Command::ImportSheet(a) => cmd::sheet::import(a),
        cli::Command::History(a) => cmd::history::execute(a),
    };
    let (message, status) = cmd::exit_status(result);
    if let Some(message) = message {
        eprintln!("{message}");
    }
    status
}
