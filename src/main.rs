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
    if matches!(
        cli.command,
        cli::Command::Build(_) | cli::Command::Snapshot(_)
    ) {
        keep_freed_memory();
        no_huge_pages();
    }
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

/// mimalloc's `purge_delay` (v2's and v3's option 15; libmimalloc-sys has
/// no name for it).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// By default mimalloc gives memory freed for a second back to the system,
/// and a build that allocates again soon after gets it back as new pages,
/// each faulted in and zeroed by the kernel. A build (and a snapshot, which
/// builds) is one process that ends when the site is written: it keeps what
/// it frees and uses it again. At N=50,000 on tmpfs that took the first
/// build (features off) from 25.5–26.9 s to 24.0–26.1 s, its system time
/// from 6.4–9.0 s to 4.7–6.0 s, with the same peak; everything on, from
/// 34.7 to 30.5 s, with a peak of 1,376 MiB against 1,237 (bench/README.md,
/// "Growth from 5 000 to 50 000"). `MIMALLOC_PURGE_DELAY` in the
/// environment still decides; `serve`, which runs for hours, keeps
/// mimalloc's default.
fn keep_freed_memory() {
    // SAFETY: sets one option's value; mimalloc reads it when it next
    // decides whether to purge, from any thread.
    unsafe { libmimalloc_sys::mi_option_set_default(PURGE_DELAY, -1) }
}

/// Linux's transparent huge pages, which mimalloc asks for
/// (`madvise(MADV_HUGEPAGE)` on the memory it maps): each first touch of a
/// new 2 MiB stretch has the kernel zero all of it. A build touches its
/// memory a little here and a little there, and at N=50,000 the kernel's
/// zeroing of huge pages was a sixth of a no-op rebuild's samples
/// (`clear_page_erms` under `do_huge_pmd_anonymous_page`, `perf record`).
/// Without them, on tmpfs, on a machine 1.3-1.8x slower than bench day, a
/// no-op rebuild (features off), alternated: at N=50,000 system time from
/// 2.4–2.8 to 1.7–1.8 s, wall 4.8–5.4 against 4.4–5.4 s, peak 492–517
/// against 466–482 MB (3 runs); at N=5,000 system time from 0.18–0.42 to
/// 0.17–0.23 s, peak 123–134 against 75–82 MB (5 runs); first builds the
/// same time, with a lower peak (N=5,000: 180–226 against 165–174 MB).
/// The same as `MIMALLOC_ALLOW_THP=0`, for the whole process and the
/// programs it starts (git).
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: sets one flag of this process; no pointer is passed.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Option 15 is the purge delay: its default is 1,000 (ms; v3's
    /// `options.c`, where the header still says 10), a build sets -1, and a
    /// value from the environment is not overridden.
    #[test]
    fn a_build_keeps_the_memory_it_frees() {
        // SAFETY: reads one option.
        let get = || unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(get(), 1000, "option 15 is not mimalloc's purge_delay");
            keep_freed_memory();
            assert_eq!(get(), -1);
        } else {
            let before = get();
            keep_freed_memory();
            assert_eq!(get(), before);
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_build_asks_for_no_huge_pages() {
        // SAFETY: reads one flag of this process.
        let get = || unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) };
        no_huge_pages();
        assert_eq!(get(), 1);
    }
}
