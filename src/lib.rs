//! gongkai: a static site generator for bilingual government plan
//! disclosure portals. The pipeline is load → validate → progress → views →
//! render → write (`pipeline.rs`); `import` turns the source document into
//! content; `synthetic` writes the benchmark's plans; `text` holds the
//! markdown both validate and views use.
//! The binary (`main.rs`) is a thin command-line front end over this library;
//! the fuzz targets and tests call it directly.

pub mod archive;
pub mod cli;
pub mod cmd;
pub mod dates;
pub mod diagnostics;
pub mod env;
pub mod fuzzing;
pub mod history;
pub mod import;
pub mod load;
pub mod model;
pub mod pipeline;
pub mod progress;
pub mod render;
pub mod serve;
pub mod sheet;
pub mod synthetic;
pub mod text;
pub mod validate;
pub mod views;
pub mod write;
