//! One module per subcommand: parse nothing, decide nothing, just glue the
//! pipeline stages together and report. How an outcome becomes an exit
//! status is decided once, here (the rule is in `main.rs`).

pub mod build;
pub mod check;
pub mod history;
pub mod import;
pub mod new;
pub mod scale;
pub mod serve;
pub mod sheet;
pub mod snapshot;

use crate::cli::Problem;
use crate::model::Site;
use crate::write::Refusal;
use std::path::Path;
use std::process::ExitCode;

/// The content, validated, for a command that works from it (`new update`,
/// the sheets); `None` when it has errors, which are printed.
fn validated_content(content: &Path) -> Option<Site> {
    let (raw, diags) = crate::load::load(content);
    match crate::validate::validate(raw, diags) {
        Ok((site, _)) => Some(site),
        Err(d) => {
            eprintln!("{}", crate::diagnostics::Failed::from(d));
            None
        }
    }
}

/// What to print (if anything) and the exit status for a command's outcome:
/// a [`Problem`] with the command line or a [`Refusal`] of the output folder
/// is the user's to fix (1); any other error is an internal failure (2).
pub fn exit_status(result: anyhow::Result<ExitCode>) -> (Option<String>, ExitCode) {
    let e = match result {
        Ok(status) => return (None, status),
        Err(e) => e,
    };
    if let Some(p) = e.downcast_ref::<Problem>() {
        return (Some(p.to_string()), ExitCode::from(1));
    }
    if let Some(r) = e.downcast_ref::<Refusal>() {
        return (Some(format!("error: {r}")), ExitCode::from(1));
    }
    (Some(format!("error: {e:#}")), ExitCode::from(2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn the_users_problems_exit_1_and_internal_failures_2() {
        let problem: anyhow::Error = Problem::new("--date `x` is not a date (YYYY-MM-DD)").into();
        let (message, status) = exit_status(Err(problem));
        assert_eq!(
            message.as_deref(),
            Some("error: --date `x` is not a date (YYYY-MM-DD)")
        );
        assert_eq!(status, ExitCode::from(1));
        let io = std::fs::read("/nonexistent/gongkai").context("reading /nonexistent/gongkai");
        let (message, status) = exit_status(io.map(|_| ExitCode::SUCCESS));
        assert!(message
            .unwrap()
            .starts_with("error: reading /nonexistent/gongkai: "));
        assert_eq!(status, ExitCode::from(2));
        assert_eq!(
            exit_status(Ok(ExitCode::from(1))),
            (None, ExitCode::from(1))
        );
    }
}
