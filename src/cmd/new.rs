//! `gongkai new update`: write a ready-to-fill update (Chinese and English
//! files) for one subject, checked against the content, and print its path.

use crate::cli::{NewUpdateArgs, Problem};
use crate::diagnostics::did_you_mean;
use crate::import::update::{self, Naming, UpdateDraft};
use crate::model::{Site, Subject};
use anyhow::Result;
use std::process::ExitCode;

pub fn update(args: NewUpdateArgs) -> Result<ExitCode> {
    let subject = args.subject()?;
    let date = args.date_or(crate::env::today)?;
    let Some(site) = super::validated_content(&args.content) else {
        eprintln!("fix the content first: the new update must be checked against it");
        return Ok(ExitCode::from(1));
    };
    let agencies = agencies_of(&site, subject)
        .ok_or_else(|| Problem::new(format!("there is no {} in the plan", subject.key())))?;
    let reporter = match &args.reporter {
        Some(r) if site.agency(r).is_some() => r.clone(),
        Some(r) => {
            let help = did_you_mean(r, site.agencies.iter().map(|a| a.id.as_str()));
            let problem = Problem::new(format!(
                "--reporter `{r}` is not an agency id of agencies.yaml"
            ));
            return Err(match help {
                Some(h) => problem.with_help(h),
                None => problem,
            }
            .into());
        }
        None => agencies
            .iter()
            .find(|a| site.agency(a).is_some_and(|x| !x.is_group))
            .cloned()
            .unwrap_or_default(),
    };
    let draft = UpdateDraft::form(subject, &date, &reporter);
    let written = update::write(&args.content, &draft, Naming::Fresh)?;
    let (zh, en) = (&written[0].path, written.get(1).map(|w| &w.path));
    println!("{}", zh.display());
    eprintln!(
        "wrote {} and its English twin {}: fill them in, then run `gongkai check`",
        zh.display(),
        en.and_then(|p| p.file_name())
            .unwrap_or_default()
            .to_string_lossy()
    );
    Ok(ExitCode::SUCCESS)
}

/// The agencies that report on `subject`: a task's or indicator's lead, a
/// project's or key task's responsible units.
fn agencies_of(site: &Site, subject: Subject) -> Option<Vec<String>> {
    match subject {
        Subject::Task(n) => site
            .plan
            .tasks
            .iter()
            .find(|t| t.number == n)
            .map(|t| t.lead.clone()),
        Subject::Indicator(n) => site
            .plan
            .indicators
            .iter()
            .find(|i| i.number == n)
            .map(|i| i.lead.clone()),
        Subject::Project(n) => site
            .plan
            .projects
            .iter()
            .find(|p| p.number == n)
            .map(|p| p.responsible.clone()),
        Subject::KeyTask(y, n) => site
            .plan
            .key_task_lists
            .iter()
            .find(|l| l.year == y)
            .and_then(|l| l.items.iter().find(|k| k.number == n))
            .map(|k| k.responsible.clone()),
    }
}
