//! gongkai: parse the command line, dispatch to one subcommand, map the
//! outcome to an exit status (0 success, 1 problems in the user's files or a
//! failed build, 2 internal failure).

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
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
