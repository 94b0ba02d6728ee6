//! One module per subcommand: parse nothing, decide nothing, just glue the
//! pipeline stages together and report.

pub mod import;
