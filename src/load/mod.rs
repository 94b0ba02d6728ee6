//! Stage 1: disk → raw structs. Only this stage (and `write`) touches the disk.

pub mod raw;
pub mod yaml;
