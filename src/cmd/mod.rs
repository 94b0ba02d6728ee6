//! One module per subcommand: parse nothing, decide nothing, just glue the
//! pipeline stages together and report.

pub mod build;
pub mod check;
pub mod import;
pub mod new;
pub mod scale;
pub mod serve;
pub mod sheet;
pub mod snapshot;
