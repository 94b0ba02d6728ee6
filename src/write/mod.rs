//! Stage 5: write. Pages arrive one at a time, from several threads, as
//! they are rendered (a `Sink`); nothing holds the whole site.
//!
//! A build writes into a staging folder beside the output (`.public.staging`
//! for `public`), then swaps the two. A failed build never touches the
//! output, and a reader of the output never sees half a site. The staging
//! folder keeps the build before last: the next build writes only the files
//! that differ from it and deletes the ones it no longer has, so a rebuild
//! writes little, unchanged files keep their dates (for `rsync` and caches),
//! and the file system is not asked for ten thousand new files each time.
//!
//! The output is claimed first (`guard`): a build writes only into a folder
//! that is new, empty or its own. When the output holds files gongkai did
//! not write (taken over with `--force`), the two folders are not swapped,
//! as that would carry those files off into the staging folder: gongkai's
//! files are put into the output one by one (hard links to the staging
//! tree's), and the others stay where they are, listed in the output's
//! record (`manifest`) so that no later build removes them.
//!
//! The files here, in the order a build meets them: `guard` claims the
//! output, `sink` is where rendered files go (`Memory` and `Discard` for
//! the commands that write nothing), `staging` writes them into the staging
//! tree and commits it (`prune` removes what the build did not write),
//! `swap` exchanges the two folders, `merge` puts
//! gongkai's files beside foreign ones, `manifest` is the record of
//! each tree, and `memo` holds the notes a build leaves for the next about
//! what the output holds (the pages' fingerprints), which let it keep files
//! as they are (`Sink::keep`). `patch` is `serve`'s quick first pass, which
//! replaces the open pages in the output itself.

mod guard;
mod keep;
mod manifest;
mod memo;
mod merge;
mod patch;
mod prune;
mod sink;
mod staging;
mod swap;

pub use guard::{
    claim_output, example, foreign_entries, resolve, shown, Claim, Protected, Refusal,
};
pub use patch::Patch;
pub use sink::{Discard, Memory, Sink};
pub use staging::{Staging, Written};
