//! `gongkai export-sheet` and `gongkai import-sheet`: glue over `crate::sheet`
//! (the workbook both ways) and `import::update` (the update files).

use crate::cli::{ExportSheetArgs, ImportSheetArgs, Problem};
use crate::diagnostics::{did_you_mean, Failed};
use crate::import::update::{self, Naming};
use anyhow::{Context, Result};
use std::process::ExitCode;

/// `--agency` (or the file name) names no agency of the registry.
fn unknown_agency(site: &crate::model::Site, id: &str) -> Problem {
    let problem = Problem::new(format!("unknown agency `{id}`"));
    match did_you_mean(id, site.agencies.iter().map(|a| a.id.as_str())) {
        Some(help) => problem.with_help(help),
        None => problem,
    }
}

pub fn export(args: ExportSheetArgs) -> Result<ExitCode> {
    let Some(site) = super::validated_content(&args.content) else {
        return Ok(ExitCode::from(1));
    };
    let Some(agency) = site.agency(&args.agency) else {
        return Err(unknown_agency(&site, &args.agency).into());
    };
    let sheet = crate::sheet::export(&site, agency)?;
    let out = args.out_file();
    std::fs::write(&out, &sheet.bytes).with_context(|| format!("writing {}", out.display()))?;
    println!("{}", out.display());
    eprintln!(
        "wrote {} ({} tasks, {} key tasks of {})",
        out.display(),
        sheet.tasks,
        sheet.key_tasks,
        agency.name.zh
    );
    Ok(ExitCode::SUCCESS)
}

pub fn import(args: ImportSheetArgs) -> Result<ExitCode> {
    let Some(site) = super::validated_content(&args.content) else {
        return Ok(ExitCode::from(1));
    };
    // `--agency` says who reports; only without it does the file name
    // (`ID.xlsx`, as export-sheet names it) tell.
    let reporter = match (&args.agency, args.agency_of_file()) {
        (Some(given), _) => given.clone(),
        (None, Some(named)) if site.agency(&named).is_some() => named,
        _ => return Err(Problem::new("name the reporting agency with --agency ID (or keep the file name `ID.xlsx` from export-sheet)").into()),
    };
    if site.agency(&reporter).is_none() {
        return Err(unknown_agency(&site, &reporter).into());
    }
    let filled = crate::sheet::read(&args.file, &site, &reporter)?;
    if !filled.errors.is_empty() {
        eprintln!("{}", Failed(filled.errors));
        eprintln!("nothing written: fix the rows above and import again");
        return Ok(ExitCode::from(1));
    }
    let (mut written, mut unchanged) = (0, 0);
    for draft in &filled.updates {
        for file in update::write(&args.content, draft, Naming::Stable)? {
            if file.changed {
                println!("{}", file.path.display());
                written += 1;
            } else {
                unchanged += 1;
            }
        }
    }
    eprintln!(
        "import-sheet: {} filled row(s); {written} file(s) written, {unchanged} unchanged",
        filled.updates.len()
    );
    Ok(ExitCode::SUCCESS)
}
