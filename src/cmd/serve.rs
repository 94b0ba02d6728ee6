//! `gongkai serve`: the first build, then the preview server (`serve`) on
//! 127.0.0.1, with a thread that rebuilds on every change under the content
//! and theme folders.

use crate::cli::ServeArgs;
use crate::serve::{answer_all, rebuild, rebuild_again, Pass, Shared};
use anyhow::{anyhow, Result};
use notify_debouncer_full::{
    new_debouncer,
    notify::{
        event::{EventKind, ModifyKind},
        RecursiveMode,
    },
    DebounceEventResult,
};
use std::process::ExitCode;
use std::sync::mpsc::Receiver;
use std::sync::Arc;
use std::time::Duration;

/// Whether a batch of events holds a real change (a file written, created,
/// renamed or removed): reading the content to build it raises access events.
fn changed(events: &DebounceEventResult) -> bool {
    events.as_ref().is_ok_and(|events| {
        events.iter().any(|e| {
            matches!(
                e.event.kind,
                EventKind::Create(_)
                    | EventKind::Remove(_)
                    | EventKind::Modify(
                        ModifyKind::Data(_) | ModifyKind::Name(_) | ModifyKind::Any
                    )
            )
        })
    })
}

/// Whether more changes arrived while a build ran (taking them).
fn more(rx: &Receiver<DebounceEventResult>) -> bool {
    let mut any = false;
    while let Ok(events) = rx.try_recv() {
        any |= changed(&events);
    }
    any
}

pub fn execute(args: ServeArgs) -> Result<ExitCode> {
    let addr = args.address();
    let mut inputs = args.inputs();
    // Rebuilds parse again only the files that changed.
    crate::load::cache::enable();
    let mut shared = Shared::new(args.out.clone(), args.force);
    shared.timings = args.timings;
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
        args.out.display()
    );
    let (tx, rx) = std::sync::mpsc::channel();
    // Short: an editor's save is one or two events within a few ms.
    let mut debouncer = new_debouncer(Duration::from_millis(20), None, tx)?;
    let mut watched = vec![inputs.content.clone()];
    watched.extend(inputs.theme.clone());
    for dir in &watched {
        debouncer.watch(dir, RecursiveMode::Recursive)?;
        eprintln!("watching {}", dir.display());
    }
    let builder = shared.clone();
    std::thread::spawn(move || {
        while let Ok(events) = rx.recv() {
            if !changed(&events) {
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
