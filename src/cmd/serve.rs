//! `gongkai serve`: the first build, then the preview server (`serve`) on
//! 127.0.0.1, with a thread that rebuilds on every change under the content
//! and theme folders.

use crate::cli::ServeArgs;
use crate::serve::{answer_all, rebuild, rebuild_again, Pass, Shared};
use anyhow::{anyhow, Result};
use notify::{
    event::{EventKind, ModifyKind},
    Event, RecursiveMode, Watcher,
};
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long the folders must be quiet after a change before a rebuild
/// starts: an editor's save (a temporary file written, then renamed over
/// the old one) is a few events well within it, and a person does not
/// notice it. A debouncer's window (tens of ms) would be most of the
/// preview's time.
const QUIET: Duration = Duration::from_millis(3);

/// Whether an event is a real change (a file written, created, renamed or
/// removed): reading the content to build it raises access events.
fn changed(event: &notify::Result<Event>) -> bool {
    event.as_ref().is_ok_and(|e| {
        matches!(
            e.kind,
            EventKind::Create(_)
                | EventKind::Remove(_)
                | EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Name(_) | ModifyKind::Any)
        )
    })
}

/// Whether more changes arrived while a build ran (taking them, and any
/// that follow within `QUIET`).
fn more(rx: &Receiver<notify::Result<Event>>) -> bool {
    let mut any = false;
    while let Ok(event) = rx.try_recv() {
        any |= changed(&event);
    }
    if any {
        settle(rx);
    }
    any
}

/// The longest a rebuild waits for quiet: a program that writes without
/// pause does not hold the preview back for ever.
const QUIET_AT_MOST: Duration = Duration::from_millis(50);

/// Take the events that follow a change until the folders are quiet for
/// `QUIET` (or `QUIET_AT_MOST` has passed); false once the watcher is gone.
fn settle(rx: &Receiver<notify::Result<Event>>) -> bool {
    let end = Instant::now() + QUIET_AT_MOST;
    while Instant::now() < end {
        match rx.recv_timeout(QUIET) {
            Ok(_) => continue,
            Err(RecvTimeoutError::Timeout) => return true,
            Err(RecvTimeoutError::Disconnected) => return false,
        }
    }
    true
}

pub fn execute(args: ServeArgs) -> Result<ExitCode> {
    let addr = args.address();
    let mut inputs = args.inputs();
    // Rebuilds parse again only the files that changed.
    crate::load::cache::enable();
    let mut shared = Shared::new(args.build.out.clone(), args.build.force);
    shared.timings = args.build.timings;
    let shared = Arc::new(shared);
    match rebuild(&inputs, &shared) {
        Ok(true) => {}
        Ok(false) => {
            eprintln!("nothing built yet: every page shows these errors until they are fixed")
        }
        // Not a mistake in the content (a refused output folder, a failure
        // to write), so no change to it would mend it: stop.
        Err(e) => return Err(e),
    }
    let server =
        tiny_http::Server::http(&addr).map_err(|e| anyhow!("cannot listen on {addr}: {e}"))?;
    eprintln!(
        "serving {} at http://{addr}/ (Ctrl+C to stop)",
        args.build.out.display()
    );
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx)?;
    let mut watched = vec![inputs.content.clone()];
    watched.extend(inputs.theme.clone());
    for dir in &watched {
        watcher.watch(dir, RecursiveMode::Recursive)?;
        eprintln!("watching {}", dir.display());
    }
    let builder = shared.clone();
    std::thread::spawn(move || {
        // The watcher lives as long as this thread reads its events.
        let _watcher = watcher;
        while let Ok(event) = rx.recv() {
            if !changed(&event) || !settle(&rx) {
                continue;
            }
            // The open pages first, as often as changes come; then the rest.
            loop {
                match rebuild_again(&mut inputs, &builder, true) {
                    Pass::OpenFirst if more(&rx) => continue,
                    Pass::OpenFirst => {
                        rebuild_again(&mut inputs, &builder, false);
                    }
                    Pass::Whole => {}
                }
                break;
            }
        }
    });
    answer_all(server, shared);
    Ok(ExitCode::SUCCESS)
}
