//! `gongkai build`: build into a temporary folder, then swap it in.

use crate::cli::BuildArgs;
use crate::pipeline::{build, Inputs};
use anyhow::Result;
use std::process::ExitCode;

pub fn execute(args: BuildArgs) -> Result<ExitCode> {
    let mut inputs = Inputs::from_args(&args.site);
    inputs.features = crate::views::Features {
        search: !args.no_search,
        feeds: !args.no_feeds,
        data: !args.no_data,
    };
    let start = std::time::Instant::now();
    match build(&inputs) {
        Ok(built) => {
            built.print_warnings();
            let built_timings = built.timings;
            let files = built.files;
            let write_start = std::time::Instant::now();
            crate::write::write_site(&args.out, &files)?;
            if args.timings {
                let mut line: Vec<String> = built_timings
                    .iter()
                    .map(|(k, d)| format!("{k} {:.0} ms", d.as_secs_f64() * 1000.0))
                    .collect();
                line.push(format!(
                    "write {:.0} ms",
                    write_start.elapsed().as_secs_f64() * 1000.0
                ));
                eprintln!("timings: {}", line.join(", "));
            }
            eprintln!(
                "built {} files from {} into {} in {:.2} s",
                files.len(),
                inputs.content.display(),
                args.out.display(),
                start.elapsed().as_secs_f64()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(f) => {
            eprintln!("{f}");
            eprintln!("nothing written: {} is unchanged", args.out.display());
            Ok(ExitCode::from(1))
        }
    }
}
